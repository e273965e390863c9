#!/usr/bin/env bash
# Runs every test Lacquer has, after installing what the tests need on a fresh machine:
#   - the official Cloudflare SDK for JavaScript (npm, exactly as locked in test/cloudflare-sdk),
#   - Debian packages: prometheus (its promtool checks the /metrics exposition), chromium (the dashboard's
#     browser tests drive /usr/bin/chromium through Playwright, which cannot download its own browser here) and
#     redis-server (the cluster tests start their own /usr/bin/redis-server on a free loopback port);
#     installed with apt-get when missing (as root, or through passwordless sudo), otherwise the command to run is printed,
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

# Debian packages the tests use, each named by the program it provides.
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  fi
fi

dotnet build bench/Lacquer.Bench.slnx -c Release --nologo -v quiet
dotnet test Lacquer.slnx "$@"
