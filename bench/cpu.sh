#!/usr/bin/env bash
# Where the CPU goes: user and system CPU time per request of each process taking part (the proxy, the origin,
# wrk), read from /proc/<pid>/stat around a wrk run. On this 2-core machine the three share the cores, so a
# proxy's requests/s is bounded by what every request costs all of them together; this script shows that cost.
#
#   bench/cpu.sh [--rounds N] [--duration SECONDS] SCENARIO...
#     SCENARIO  miss (every request a new URL) | pass (a 1 MiB no-store response, never cached) | 1k | 16k | 1m
#               (hits); miss and pass also run against the origin directly
#   e.g. bench/cpu.sh miss 1m
#
# Each scenario runs for Lacquer, Varnish and nginx proxy_cache in turn (and the origin for miss and pass),
# --rounds times (default 2), after a warm-up of each proxy with that scenario's load (10 s, 20 s for misses:
# lib.sh, "Warm-up"). Prints one line per run: req/s, then user+system microseconds per request for each
# process.
# wrk's own time is read one second before it ends (its process is gone after), so it is scaled up by
# DURATION/(DURATION-1). Softirq work the kernel does outside any process is in nobody's column.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ORIGIN_PORT=19280
LACQUER_PORT=19281
ADMIN_PORT=19282
NGINX_PORT=19283
VARNISH_PORT=19284
source "$BENCH_DIR/lib.sh"

ROUNDS=2
DURATION=8
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
    shift
done
[ $# -gt 0 ] || { sed -n '2,16p' "$0"; exit 2; }

install_missing wrk:wrk nginx:nginx varnishd:varnish curl:curl
make_tmp
trap 'stop_all; rm -rf "$TMP"' EXIT
build_lacquer
start_origin
start_lacquer
start_varnish
start_nginx
declare -A PORT=([lacquer]=$LACQUER_PORT [varnish]=$VARNISH_PORT [nginx]=$NGINX_PORT [origin]=$ORIGIN_PORT)

# pids NAME — the processes of one server: the main pid from its pid file (Lacquer's from start_lacquer) and its children.
pids() {
    local main
    case "$1" in
        lacquer) main=$LACQUER_PID ;;
        *) main=$(cat "$TMP/$1.pid") ;;
    esac
    echo "$main" $(pgrep -P "$main" || true)
}

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

# measure SCENARIO SERVER ROUND
measure() {
    local scenario=$1 server=$2 round=$3 url="http://127.0.0.1:${PORT[$2]}" args=()
    case "$scenario" in
        miss) args=(-s "$BENCH_DIR/unique.lua" "$url/" -- "cpu-$server-$round") ;;
        pass) args=("$url/pass/1m") ;;
        *) args=("$url/obj/$scenario") ;;
    esac
    local proxy=() origin
    origin=$(pids origin)
    if [ "$server" != origin ]; then proxy=($(pids "$server")); fi
    local pu0 ps0 ou0 os0 pu1 ps1 ou1 os1 wu ws
    read -r pu0 ps0 < <(cpu_ticks "${proxy[@]}")
    read -r ou0 os0 < <(cpu_ticks $origin)
    wrk -t2 -c64 "-d${DURATION}s" "${args[@]}" > "$TMP/wrk.out" 2>&1 &
    local wrk_pid=$!
    sleep $((DURATION - 1))
    read -r wu ws < <(cpu_ticks "$wrk_pid")
    wait "$wrk_pid"
    read -r pu1 ps1 < <(cpu_ticks "${proxy[@]}")
    read -r ou1 os1 < <(cpu_ticks $origin)
    awk -v scenario="$scenario" -v server="$server" -v round="$round" -v d="$DURATION" -v hz="$(getconf CLK_TCK)" \
        -v pu=$((pu1 - pu0)) -v ps=$((ps1 - ps0)) -v ou=$((ou1 - ou0)) -v os=$((os1 - os0)) -v wu="$wu" -v ws="$ws" '
        /Requests\/sec/ { rps = $2 }
        END {
            us = 1e6 / hz / (rps * d); w = d / (d - 1)
            printf "%s r%s %-8s %8.0f req/s | us/request user+system: proxy %6.1f + %6.1f   origin %5.1f + %5.1f   wrk %5.1f + %5.1f\n",
                scenario, round, server, rps, pu * us, ps * us, ou * us, os * us, wu * us * w, ws * us * w
        }' "$TMP/wrk.out"
}

for scenario in "$@"; do
    servers=(lacquer varnish nginx)
    if [ "$scenario" = miss ] || [ "$scenario" = pass ]; then servers+=(origin); fi
    warm=$(warm_seconds "$scenario")
    for server in lacquer varnish nginx; do # warm-up: the object cached, Lacquer's code tiered up (lib.sh, "Warm-up")
        if [ "$scenario" = miss ]; then
            wrk -t2 -c64 "-d${warm}s" -s "$BENCH_DIR/unique.lua" "http://127.0.0.1:${PORT[$server]}/" -- "warm-$server" > /dev/null
        elif [ "$scenario" = pass ]; then
            wrk -t2 -c64 "-d${warm}s" "http://127.0.0.1:${PORT[$server]}/pass/1m" > /dev/null
        else
            curl -s -o /dev/null "http://127.0.0.1:${PORT[$server]}/obj/$scenario"
            wrk -t2 -c64 "-d${warm}s" "http://127.0.0.1:${PORT[$server]}/obj/$scenario" > /dev/null
        fi
    done
    for ((round = 1; round <= ROUNDS; round++)); do
        for server in "${servers[@]}"; do measure "$scenario" "$server" "$round"; done
    done
done
