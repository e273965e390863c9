#!/usr/bin/env bash
# Runs every test Lacquer has, after installing what the tests need on a fresh machine:
#   - the official Cloudflare SDK for JavaScript (npm, exactly as locked in test/cloudflare-sdk),
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

dotnet build bench/Lacquer.Bench.slnx -c Release --nologo -v quiet
dotnet test Lacquer.slnx "$@"
