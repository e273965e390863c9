#!/usr/bin/env bash
# The ceiling for 1 MiB cache hits: Varnish (the kit's configuration, bench/varnish.vcl) against the minimal
# raw-socket server next to this script (Program.cs: writev, copy64k, sendfile) and, optionally, the real
# Lacquer, with the load kit's 1 MiB hit load (wrk -t2 -c64 --latency on one URL).
#
#   bench/experiments/ceiling/run.sh [--rounds N] [--duration S] [--warm S] [--servers LIST] [--out FILE]
#     --servers  comma-separated, in the order each round runs them (default varnish,writev,copy64k,sendfile);
#                names: varnish, lacquer (bench/lib.sh's published Release build; PUBLISHED_LACQUER=DIR reuses
#                one), writev, copy64k, sendfile (thread per connection), writev-async, copy64k-async
#
# Every server is a fresh process in every round: started, its object fetched once, warmed with the same load
# for --warm seconds (default 10), then measured for --duration seconds (default 10), then stopped. During the
# measured run the script also reads user and system CPU of the server (its pid and children) and of wrk from
# /proc/<pid>/stat, as bench/cpu.sh does: wrk's one second before it ends, scaled by D/(D-1). Each round holds
# /tmp/bench.lock (flock) for its whole length and records the load average before it; the build and the
# publish happen before any lock is taken. Prints one line per run and writes a TSV next to --out.
# Run `dotnet build -c Release` in this folder first, or let the script do it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=$(cd "$HERE/../.." && pwd)
ORIGIN_PORT=19380
LACQUER_PORT=19381
ADMIN_PORT=19382
VARNISH_PORT=19384
CEILING_PORT=19385
source "$BENCH_DIR/lib.sh"

ROUNDS=3
DURATION=10
WARM=10
SERVERS=varnish,writev,copy64k,sendfile
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=$BENCH_DIR/results/exp-$STAMP-ceiling-1m-raw.md
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --warm) WARM=$2; shift ;;
        --servers) SERVERS=$2; shift ;;
        --out) OUT=$2; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
IFS=, read -r -a LIST <<< "$SERVERS"
for s in "${LIST[@]}"; do
    case "$s" in varnish|lacquer|writev|copy64k|sendfile|writev-async|copy64k-async) ;;
        *) echo "unknown server $s" >&2; exit 2 ;; esac
done

CEILING=$HERE/bin/Release/net10.0/ceiling
install_missing wrk:wrk nginx:nginx varnishd:varnish curl:curl
if [ ! -x "$CEILING" ] || [ "$HERE/Program.cs" -nt "$CEILING" ]; then
    log "building the ceiling server (Release)"
    dotnet build "$HERE/Ceiling.csproj" -c Release --nologo -v quiet > /dev/null
fi
make_tmp
trap 'stop_all; rm -rf "$TMP"' EXIT
if [[ ",$SERVERS," == *",lacquer,"* ]]; then build_lacquer; fi
start_origin
TSV=${OUT%.md}.tsv
mkdir -p "$(dirname "$OUT")"
: > "$TSV"

# cpu_ticks PID... — "user system" clock ticks summed over the processes.
cpu_ticks() {
    local pid user=0 system=0 u s
    for pid in "$@"; do
        if [ -r "/proc/$pid/stat" ]; then
            read -r u s < <(awk '{ print $14, $15 }' "/proc/$pid/stat")
            user=$((user + u)); system=$((system + s))
        fi
    done
    echo "$user $system"
}

# start_server NAME — starts a fresh NAME; sets PORT_NOW and SERVER_PIDS (the pids whose CPU counts).
start_server() {
    local main
    case "$1" in
        varnish)
            start_varnish
            main=$(cat "$TMP/varnish.pid")
            PORT_NOW=$VARNISH_PORT ;;
        lacquer)
            start_lacquer
            main=$LACQUER_PID
            PORT_NOW=$LACQUER_PORT ;;
        *)
            local mode=${1%-async} extra=()
            if [ "$mode" != "$1" ]; then extra=(--async); fi
            "$CEILING" --mode "$mode" --port "$CEILING_PORT" "${extra[@]}" > "$TMP/ceiling.log" 2>&1 &
            main=$!
            STARTED_PIDS+=("$main")
            wait_http "http://127.0.0.1:$CEILING_PORT/obj/1m"
            PORT_NOW=$CEILING_PORT ;;
    esac
    SERVER_PIDS=("$main" $(pgrep -P "$main" || true))
    MAIN_PID=$main
}

# run_one NAME ROUND LOAD — fresh server, warm-up, one measured run with CPU; appends a TSV line, prints it.
run_one() {
    local name=$1 round=$2 load=$3 url
    start_server "$name"
    url="http://127.0.0.1:$PORT_NOW/obj/1m"
    curl -s -o /dev/null "$url"
    wrk -t2 -c64 "-d${WARM}s" "$url" > /dev/null
    local su0 ss0 su1 ss1 wu ws
    read -r su0 ss0 < <(cpu_ticks "${SERVER_PIDS[@]}")
    wrk -t2 -c64 "-d${DURATION}s" --latency "$url" > "$TMP/wrk.out" 2>&1 &
    local wrk_pid=$!
    sleep $((DURATION - 1))
    read -r wu ws < <(cpu_ticks "$wrk_pid")
    wait "$wrk_pid"
    read -r su1 ss1 < <(cpu_ticks "${SERVER_PIDS[@]}")
    cp "$TMP/wrk.out" "$TMP/raw/$name.r$round.txt"
    stop_pid "$MAIN_PID"
    if [ "$name" = varnish ]; then rm -rf "$TMP/varnish"; fi
    awk -v name="$name" -v round="$round" -v load="$load" -v d="$DURATION" -v hz="$(getconf CLK_TCK)" \
        -v su=$((su1 - su0)) -v ss=$((ss1 - ss0)) -v wu="$wu" -v ws="$ws" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
        function mib(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
        /Requests\/sec:/ { rps = $2 }
        /Transfer\/sec:/ { rate = mib($2) }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) errors += $i }
        END {
            us = 1e6 / hz / (rps * d); w = d / (d - 1)
            printf "%s\t%s\t%s\t%.0f\t%.1f\t%.2f\t%.2f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\n", name, round, load, rps, rate, p50, p99, errors + 0,
                su * us, ss * us, wu * us * w, ws * us * w
        }' "$TMP/wrk.out" | tee -a "$TSV"
}

exec 9> /tmp/bench.lock
for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round: waiting for /tmp/bench.lock"
    flock 9
    load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
    log "round $round: load $load"
    for name in "${LIST[@]}"; do run_one "$name" "$round" "$load"; done
    flock -u 9
done

# ---- report -------------------------------------------------------------------------------------------------
{
    echo "## 1 MiB hit ceiling: $ROUNDS round(s), servers $SERVERS, wrk -t2 -c64 --latency, ${WARM} s warm-up + ${DURATION} s measured, fresh process each"
    echo
    echo "Machine: $(nproc) cores; load average (1/5/15 min) before each round in the load column. $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo "CPU in µs per hit (user + system), server = its pid and children, wrk scaled as bench/cpu.sh does."
    echo "Ratios are over Varnish in the same round: MiB/s (goal ≥ 1.10) and p50 (goal ≤ 1.00)."
    echo
    echo "| server | round | load | req/s | MiB/s | p50 ms | p99 ms | errors | server us/hit usr+sys | wrk us/hit usr+sys | total us/hit | MiB/s ÷ Varnish | p50 ÷ Varnish |"
    echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '
        { n++; line[n] = $0; if ($1 == "varnish") { vr[$2] = $5; vp[$2] = $6 } }
        END {
            for (i = 1; i <= n; i++) {
                split(line[i], f, "\t")
                r = (f[2] in vr && vr[f[2]] > 0) ? sprintf("%.2f", f[5] / vr[f[2]]) : "–"
                p = (f[2] in vp && vp[f[2]] > 0) ? sprintf("%.2f", f[6] / vp[f[2]]) : "–"
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s + %s | %s + %s | %.0f | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8],
                    f[9], f[10], f[11], f[12], f[9] + f[10] + f[11] + f[12], r, p
            }
        }' "$TSV"
    echo
    echo "Goal met in every round (MiB/s ÷ Varnish ≥ 1.10 and p50 ≤ Varnish's):"
    awk -F'\t' '
        { if ($1 == "varnish") { vr[$2] = $5; vp[$2] = $6 } else { rows[++n] = $0 } }
        END {
            for (i = 1; i <= n; i++) {
                split(rows[i], f, "\t"); name = f[1]; seen[name] = 1
                if (!(name in ok)) ok[name] = 1
                if (!(f[2] in vr) || f[5] < 1.1 * vr[f[2]] || f[6] > vp[f[2]]) ok[name] = 0
            }
            for (name in seen) printf "- %s: %s\n", name, ok[name] ? "yes" : "no"
        }' "$TSV"
    echo
    echo "### wrk output, every run"
    for f in "$TMP"/raw/*.txt; do
        echo
        echo "#### $(basename "$f" .txt)"
        echo '```'
        cat "$f"
        echo '```'
    done
} > "$OUT"
log "results written to $OUT (TSV: $TSV)"
