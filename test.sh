#!/usr/bin/env bash
# Runs every test Lacquer has, after installing what the tests need on a fresh machine:
#   - the official Cloudflare SDK for JavaScript (npm, exactly as locked in test/cloudflare-sdk),
#   - Debian's chromium at /usr/bin/chromium, which the dashboard's browser tests drive through Playwright
#     (installed when missing and we are root; otherwise the command to run is printed),
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

# The dashboard's browser tests need Chromium; Playwright cannot download its own browser here.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -q && apt-get install -y -q chromium
  else
    echo "test.sh: /usr/bin/chromium is missing; the dashboard's browser tests need it: sudo apt-get install -y chromium" >&2
  fi
fi

dotnet build bench/Lacquer.Bench.slnx -c Release --nologo -v quiet
dotnet test Lacquer.slnx "$@"
