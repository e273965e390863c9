#!/usr/bin/env bash
# cpu2.sh ROUNDS SECONDS NAME=BINARY... — CPU per miss of several Lacquer builds, each started afresh, alternating.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/../.." && pwd)
ORIGIN_PORT=19580 LACQUER_PORT=19581 ADMIN_PORT=19582
source "$BENCH_DIR/lib.sh"
rounds=$1 seconds=$2; shift 2
make_tmp; trap 'stop_all; rm -rf "$TMP"' EXIT
start_origin
ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }
for ((r = 1; r <= rounds; r++)); do
  for spec in "$@"; do
    name=${spec%%=*} rest=${spec#*=}; bin=${rest%%@*}; envs=()
    if [[ "$rest" == *@* ]]; then IFS=',' read -ra envs <<< "${rest#*@}"; fi
    env "${envs[@]}" "$bin" --config "$BENCH_DIR/lacquer.json" --listen:proxy="http://127.0.0.1:$LACQUER_PORT" --listen:admin="http://127.0.0.1:$ADMIN_PORT" \
        --zones:0:origin="http://127.0.0.1:$ORIGIN_PORT" > "$TMP/lacquer.log" 2>&1 &
    pid=$!; STARTED_PIDS+=("$pid")
    wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"
    wrk -t2 -c64 -d3s -s "$BENCH_DIR/unique.lua" "http://127.0.0.1:$LACQUER_PORT/" -- "warm-$r-$name" > /dev/null
    read -r u0 s0 < <(ticks $pid); read -r ou0 os0 < <(ticks "$(cat $TMP/origin.pid)")
    wrk -t2 -c64 "-d${seconds}s" --latency -s "$BENCH_DIR/unique.lua" "http://127.0.0.1:$LACQUER_PORT/" -- "run-$r-$name" > "$TMP/wrk.out"
    read -r u1 s1 < <(ticks $pid); read -r ou1 os1 < <(ticks "$(cat $TMP/origin.pid)")
    # the origin's worker is a child of its master
    awk -v n="$name" -v r="$r" -v d="$seconds" -v hz="$(getconf CLK_TCK)" -v pu=$((u1-u0)) -v ps=$((s1-s0)) -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
      END { us = 1e6 / hz / (rps * d); printf "r%s %-6s %8.0f req/s p50 %s p99 %s | proxy us/req user %.1f sys %.1f total %.1f | load %s\n", r, n, rps, p50, p99, pu*us, ps*us, (pu+ps)*us, load }' "$TMP/wrk.out"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
