#!/usr/bin/env bash
# A/B of runtime settings: one Lacquer build and one origin; Lacquer is started afresh for each variant, with
# that variant's environment, and the variants alternate for several rounds (A B C A B C ...). For settings
# that need no rebuild, such as the GC mode (docs/performance.md, "GC mode").
#
#   bench/ab.sh SCENARIO ROUNDS SECONDS VARIANT...
#     SCENARIO  1k | 16k | 1m (hits on /obj/<size>) or miss (every request a new URL)
#     VARIANT   name:VAR=value,VAR=value   (name: alone for the defaults)
#   e.g. bench/ab.sh miss 3 5 default: workstation:DOTNET_gcServer=0
#   WARM_SECONDS (default 2): misses sent before each measurement, so that the cache holds that many entries.
#
# Ports 19080-19082, so that it can run beside run.sh; everything started is stopped by pid.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ORIGIN_PORT=19080
LACQUER_PORT=19081
ADMIN_PORT=19082
source "$BENCH_DIR/lib.sh"

scenario=$1 rounds=$2 seconds=$3
shift 3
make_tmp
lacquer_pid=""
trap 'if [ -n "$lacquer_pid" ]; then kill "$lacquer_pid" 2>/dev/null || true; fi; stop_all; rm -rf "$TMP"' EXIT
build_lacquer
start_origin

# measure ROUND NAME — one wrk run against the Lacquer just started; prints one line.
measure() {
    local out url=http://127.0.0.1:$LACQUER_PORT
    if [ "$scenario" = miss ]; then
        wrk -t2 -c64 "-d${WARM_SECONDS:-2}s" -s "$BENCH_DIR/unique.lua" "$url/" -- "warm-$1-$2" > /dev/null
        out=$(wrk -t2 -c64 "-d${seconds}s" --latency -s "$BENCH_DIR/unique.lua" "$url/" -- "run-$1-$2")
    else
        curl -s -o /dev/null "$url/obj/$scenario"
        wrk -t2 -c64 -d2s "$url/obj/$scenario" > /dev/null
        out=$(wrk -t2 -c64 "-d${seconds}s" --latency "$url/obj/$scenario")
    fi
    echo "$out" | awk -v round="$1" -v name="$2" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
        /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { rate = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx|Socket errors/ { errors = errors " " $0 }
        END { printf "r%s %s: %s req/s, %s/s, p50 %s, p99 %s, load %s%s\n", round, name, rps, rate, p50, p99, load, errors }'
}

for ((round = 1; round <= rounds; round++)); do
    for variant in "$@"; do
        name=${variant%%:*}
        IFS=',' read -ra settings <<< "${variant#*:}"
        env "${settings[@]}" "$TMP/lacquer/lacquer" --config "$BENCH_DIR/lacquer.json" \
            --listen:proxy="http://127.0.0.1:$LACQUER_PORT" --listen:admin="http://127.0.0.1:$ADMIN_PORT" \
            --zones:0:origin="http://127.0.0.1:$ORIGIN_PORT" > "$TMP/lacquer.log" 2>&1 &
        lacquer_pid=$!
        wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"
        measure "$round" "$name"
        kill "$lacquer_pid"
        wait "$lacquer_pid" 2>/dev/null || true
        lacquer_pid=""
    done
done
