#!/usr/bin/env bash
# probe.sh BINARY OUTDIR [full|miss] [ROUNDS] — one Lacquer, the kit's origin; counters, socket states, a latency prober
# and wrk rounds of the miss scenario (after the kit's hit scenarios and fill sweeps when "full").
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/../.." && pwd)
ORIGIN_PORT=19480 LACQUER_PORT=19481 ADMIN_PORT=19482
source "$BENCH_DIR/lib.sh"
binary=$1 out=$2 mode=${3:-full} rounds=${4:-3}
mkdir -p "$out"
make_tmp
cleanup() { kill ${AUX[@]:-} 2>/dev/null || true; stop_all; rm -rf "$TMP"; }
AUX=()
trap cleanup EXIT
start_origin
"$binary" --config "$BENCH_DIR/lacquer.json" --listen:proxy="http://127.0.0.1:$LACQUER_PORT" --listen:admin="http://127.0.0.1:$ADMIN_PORT" \
    --zones:0:origin="http://127.0.0.1:$ORIGIN_PORT" > "$out/lacquer.log" 2>&1 &
LACQUER_PID=$!; STARTED_PIDS+=("$LACQUER_PID")
wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"
/tmp/dt/dotnet-counters collect -p "$LACQUER_PID" --format csv --refresh-interval 1 -o "$out/counters.csv" \
    --counters System.Runtime,Microsoft.AspNetCore.Server.Kestrel,System.Net.Http > /dev/null 2>&1 &
AUX+=($!)
( while true; do
    printf '%s %s tw=%s est=%s %s\n' "$(date +%s.%N | cut -c1-14)" "$(cut -d' ' -f1 /proc/loadavg)" \
      "$(ss -Htan state time-wait | wc -l)" "$(ss -Htan state established | wc -l)" "$(grep -o 'threads.*' /proc/$LACQUER_PID/status 2>/dev/null; awk '/Threads/ {print "threads=" $2}' /proc/$LACQUER_PID/status)"
    sleep 1; done ) > "$out/sockets.txt" 2>&1 &
AUX+=($!)
python3 "$(dirname "$0")/prober.py" "$LACQUER_PORT" "probe$$" 0.01 "$out/prober.txt" &
AUX+=($!)
mark() { echo "$(date +%s.%N | cut -c1-14) $*" >> "$out/marks.txt"; log "$*"; }
url=http://127.0.0.1:$LACQUER_PORT
if [ "$mode" = full ]; then
    for o in 1k 16k 1m; do curl -s -o /dev/null "$url/obj/$o"; done
    mark "hits 1k"; wrk -t2 -c64 -d10s --latency "$url/obj/1k" > "$out/wrk-1k.txt"
    mark "hits 16k"; wrk -t2 -c64 -d10s --latency "$url/obj/16k" > "$out/wrk-16k.txt"
    mark "hits 1m"; wrk -t2 -c64 -d10s --latency "$url/obj/1m" > "$out/wrk-1m.txt"
    mark "sweep zipf 100k"; sweep "$LACQUER_PORT" /z/ 100000 1
    mark "sweep g 20k"; sweep "$LACQUER_PORT" /g/ 20000 1000
fi
mark "miss warm"; wrk -t2 -c64 -d3s -s "$BENCH_DIR/unique.lua" "$url/" -- "warm" > /dev/null
for ((r = 1; r <= rounds; r++)); do
    mark "miss r$r start objects=$(curl -s http://127.0.0.1:$ADMIN_PORT/api/stats | grep -o '"objects":[0-9]*' | tail -1)"
    wrk -t2 -c64 -d10s --latency -s "$BENCH_DIR/unique.lua" "$url/" -- "r$r" > "$out/wrk-miss-r$r.txt"
    mark "miss r$r end $(awk '/Requests\/sec/ {print $2} /^ +99%/ {print "p99", $2}' "$out/wrk-miss-r$r.txt" | tr '\n' ' ')"
done
mark "done objects=$(curl -s http://127.0.0.1:$ADMIN_PORT/api/stats | grep -o '"objects":[0-9]*' | tail -1)"
