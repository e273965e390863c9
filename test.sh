#!/usr/bin/env bash
# Runs every test Lacquer has, after installing what the tests need on a fresh machine:
#   - the official Cloudflare SDK for JavaScript (npm, exactly as locked in test/cloudflare-sdk),
#   - promtool, Prometheus's exposition linter (Debian's prometheus package), for the /metrics test,
#   - the benchmark kit is built (not run), so it cannot rot unnoticed.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Purge".
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# npm packages: installed when missing or when the lock file changed since the last install.
sdk=test/cloudflare-sdk
if [ ! -f "$sdk/node_modules/.package-lock.json" ] || [ "$sdk/package-lock.json" -nt "$sdk/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$sdk" --no-audit --no-fund
fi

# promtool: installed with apt-get when missing and we are root; otherwise say how (the metrics test fails without it).
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq prometheus
  else
    echo "test.sh: promtool is missing; install it with: sudo apt-get install -y prometheus" >&2
  fi
fi

dotnet build bench/Lacquer.Bench.slnx -c Release --nologo -v quiet
dotnet test Lacquer.slnx "$@"
