# Shared by run.sh and memory.sh: installing the tools, temp folder, starting and stopping the servers.
# Every server is started by us, on loopback, with its own files under $TMP; cleanup stops exactly the
# processes started here, by their pid. Sourced, not run.

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
REPO_DIR=$(dirname "$BENCH_DIR")
ORIGIN_PORT=${ORIGIN_PORT:-18080}
LACQUER_PORT=${LACQUER_PORT:-18081}
ADMIN_PORT=${ADMIN_PORT:-18082}
NGINX_PORT=${NGINX_PORT:-18083}
VARNISH_PORT=${VARNISH_PORT:-18084}
ZONE_ID=0123456789abcdef0123456789abcdef
TOKEN=bench-secret-token
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
STARTED_PIDS=()

# Lacquer runs with the gen0 budget docs/configuration.md recommends for production ("The runtime's
# environment"): 4 MiB. It is an environment variable of the .NET runtime (it cannot be set in the build), so
# every Lacquer these scripts start inherits it from here. Set DOTNET_GCgen0size=0 to measure the runtime's default.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x400000}

# Warm-up before measuring, for every proxy alike. A fresh Lacquer spends its first seconds under load while the
# .NET JIT tiers its code up (quick tier-0 code, then instrumented code for profile-guided optimization, then the
# optimized code); Varnish and nginx are compiled ahead of time. Counted with the runtime's own JIT events
# (EventPipe, a fresh process under the kit's load on the 2-core machine, 2026-12-03): methods were still being
# compiled at 250-650 ms of JIT time per second for the first ~7 s of 1 KiB hits and the first ~19 s of misses,
# and almost none after (bench/results/tierup-20261203.md). So every measured run is preceded by its own load for
# WARM_HIT_SECONDS (hits, pass-through) or WARM_MISS_SECONDS (misses); WARM_SECONDS, when set, is used for both.
WARM_HIT_SECONDS=${WARM_HIT_SECONDS:-10}
WARM_MISS_SECONDS=${WARM_MISS_SECONDS:-20}

# warm_seconds SCENARIO — how long to run SCENARIO's own load before measuring it (miss: the miss path).
warm_seconds() {
    if [ -n "${WARM_SECONDS:-}" ]; then echo "$WARM_SECONDS"
    elif [ "$1" = miss ]; then echo "$WARM_MISS_SECONDS"
    else echo "$WARM_HIT_SECONDS"; fi
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# install_missing CMD:PACKAGE ... — apt-get installs the packages whose command is missing. A temporary
# policy-rc.d keeps Debian from starting the packages' system services (nginx, varnish) on install.
install_missing() {
    local wanted=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || wanted+=("${pair#*:}")
    done
    [ ${#wanted[@]} -eq 0 ] && return 0
    log "installing ${wanted[*]}"
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && made_policy=1
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
    if [ "$made_policy" = 1 ]; then $SUDO rm -f "$policy"; fi
}

make_tmp() {
    TMP=$(mktemp -d /tmp/lacquer-bench.XXXXXX)
    chmod 755 "$TMP"   # varnishd's workers run as its own user and must reach the -n directory
    mkdir -p "$TMP/www" "$TMP/origin-tmp" "$TMP/nginx-tmp" "$TMP/nginx-cache" "$TMP/raw"
}

# render TEMPLATE OUT — fills in @PREFIX@, @PORT@-style placeholders.
render() {
    sed -e "s|@PREFIX@|$TMP|g" -e "s|@ORIGIN_PORT@|$ORIGIN_PORT|g" -e "s|@PORT@|$2|g" "$1" > "$3"
}

wait_http() { # wait_http URL [seconds]
    local i
    for ((i = 0; i < ${2:-30} * 10; i++)); do
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    log "no answer from $1"; return 1
}

start_origin() {
    head -c 1024 /dev/urandom > "$TMP/www/1k.bin"
    head -c 16384 /dev/urandom > "$TMP/www/16k.bin"
    head -c 1048576 /dev/urandom > "$TMP/www/1m.bin"
    # 1,000 Last-Modified dates for /mem/<n> (origin.conf's map, keyed by n's last three digits): one day and
    # 37 minutes apart, from 2020-01-01, as "Wed, 01 Jan 2020 00:00:00 GMT".
    seq 0 999 | awk '{ printf "2020-01-01 00:00:00 UTC + %d days + %d minutes\n", $1, $1 * 37 }' \
        | date -u -f - '+%a, %d %b %Y %H:%M:%S GMT' \
        | awk '{ printf "%03d \"%s\";\n", NR - 1, $0 }' > "$TMP/last-modified.map"
    render "$BENCH_DIR/origin.conf" "$ORIGIN_PORT" "$TMP/origin.conf"
    nginx -p "$TMP" -c "$TMP/origin.conf" -e "$TMP/origin.error.log"
    wait_http "http://127.0.0.1:$ORIGIN_PORT/obj/1k"
    STARTED_PIDS+=("$(cat "$TMP/origin.pid")")
}

start_nginx() { # from bench/nginx.conf, or the template BENCH_NGINX_CONF names
    render "${BENCH_NGINX_CONF:-$BENCH_DIR/nginx.conf}" "$NGINX_PORT" "$TMP/nginx.conf"
    nginx -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/nginx.error.log"
    wait_http "http://127.0.0.1:$NGINX_PORT/obj/1k"
    STARTED_PIDS+=("$(cat "$TMP/nginx.pid")")
}

start_varnish() {
    render "$BENCH_DIR/varnish.vcl" "$VARNISH_PORT" "$TMP/varnish.vcl"
    varnishd -n "$TMP/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$TMP/varnish.vcl" -s "${VARNISH_STORAGE:-malloc,1G}" \
        -P "$TMP/varnish.pid" > "$TMP/varnish.log" 2>&1
    wait_http "http://127.0.0.1:$VARNISH_PORT/obj/1k"
    STARTED_PIDS+=("$(cat "$TMP/varnish.pid")")
}

# build_lacquer — publishes the Release build into $TMP/lacquer; PUBLISHED_LACQUER=DIR uses a build published
# beforehand instead (so that a run waiting for the machine does not build while it holds it). Not LACQUER_…:
# Lacquer reads LACQUER_-prefixed environment variables as settings.
build_lacquer() {
    if [ -n "${PUBLISHED_LACQUER:-}" ]; then
        log "using the build in $PUBLISHED_LACQUER"
        ln -s "$PUBLISHED_LACQUER" "$TMP/lacquer"
        return
    fi
    log "building Lacquer (Release)"
    dotnet publish "$REPO_DIR/src/Lacquer.Host/Lacquer.Host.csproj" -c Release -o "$TMP/lacquer" --nologo -v quiet > "$TMP/build.log" 2>&1 \
        || { cat "$TMP/build.log" >&2; return 1; }
}

# start_lacquer [extra switches...] — the published build with bench/lacquer.json; sets LACQUER_PID.
start_lacquer() {
    "$TMP/lacquer/lacquer" --config "$BENCH_DIR/lacquer.json" \
        --listen:proxy="http://127.0.0.1:$LACQUER_PORT" --listen:admin="http://127.0.0.1:$ADMIN_PORT" \
        --zones:0:origin="http://127.0.0.1:$ORIGIN_PORT" "$@" > "$TMP/lacquer.log" 2>&1 &
    LACQUER_PID=$!
    STARTED_PIDS+=("$LACQUER_PID")
    wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"
}

stop_all() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    sleep 1
    for pid in "${STARTED_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# with_children PID — PID and its direct children (nginx's workers, varnishd's child), one a line.
with_children() { echo "$1"; ps -o pid= --ppid "$1" | tr -d ' '; }

# pss_kib PID... / rss_sum_kib PID... — proportional (shared pages split between their users) and resident set
# sizes summed over the processes, from /proc/PID/smaps_rollup. RSS sums count shared pages once per process.
pss_kib() { local p; for p in "$@"; do cat "/proc/$p/smaps_rollup"; done | awk '/^Pss:/ { s += $2 } END { print s + 0 }'; }
rss_sum_kib() { local p; for p in "$@"; do cat "/proc/$p/smaps_rollup"; done | awk '/^Rss:/ { s += $2 } END { print s + 0 }'; }

# stop_pid PID — stops one process this script started (kill, then kill -9 after 5 s) and forgets it.
stop_pid() {
    local i kept=() pid
    kill "$1" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    for pid in "${STARTED_PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
    STARTED_PIDS=("${kept[@]}")
}

# sweep PORT PREFIX N FIRST — requests PREFIX<FIRST..FIRST+N-1> once each (bench/sweep.lua) and returns
# when every one has been answered (at most 600 s).
sweep() {
    local marker="$TMP/sweep.$RANDOM" pid i
    wrk -t2 -c64 -d600s -s "$BENCH_DIR/sweep.lua" "http://127.0.0.1:$1" -- "$2" "$3" "$4" 2 64 "$marker" > "$marker.out" 2>&1 &
    pid=$!
    for ((i = 0; i < 6000; i++)); do
        if [ -e "$marker.1" ] && [ -e "$marker.2" ]; then break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# measure ROUND NAME — one wrk run against the Lacquer just started, for $scenario (1k | 16k | 1m hits on
# /obj/<size>; miss: every request a new URL; pass: /pass/1m, a 1 MiB no-store response that every request fetches
# from the origin), after that scenario's own load for warm_seconds (the misses of the warm-up have URLs of their
# own, so the store holds those entries when the measured run starts); prints one line.
measure() {
    local out url=http://127.0.0.1:$LACQUER_PORT warm
    warm=$(warm_seconds "$scenario")
    if [ "$scenario" = pass ]; then
        wrk -t2 -c64 "-d${warm}s" "$url/pass/1m" > /dev/null
        MEASURED_FROM=$(date +%s.%N)
        out=$(wrk -t2 -c64 "-d${seconds}s" --latency "$url/pass/1m")
    elif [ "$scenario" = miss ]; then
        wrk -t2 -c64 "-d${warm}s" -s "$BENCH_DIR/unique.lua" "$url/" -- "warm-$1-$2" > /dev/null
        MEASURED_FROM=$(date +%s.%N)
        out=$(wrk -t2 -c64 "-d${seconds}s" --latency -s "$BENCH_DIR/unique.lua" "$url/" -- "run-$1-$2")
    else
        curl -s -o /dev/null "$url/obj/$scenario"
        wrk -t2 -c64 "-d${warm}s" "$url/obj/$scenario" > /dev/null
        MEASURED_FROM=$(date +%s.%N)
        out=$(wrk -t2 -c64 "-d${seconds}s" --latency "$url/obj/$scenario")
    fi
    MEASURED_TO=$(date +%s.%N)
    echo "$out" | awk -v round="$1" -v name="$2" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
        /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { rate = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx|Socket errors/ { errors = errors " " $0 }
        END { printf "r%s %s: %s req/s, %s/s, p50 %s, p99 %s, load %s%s\n", round, name, rps, rate, p50, p99, load, errors }'
}

# measure_fresh BINARY ROUND NAME [VAR=value ...] — starts BINARY (with those environment settings) on
# bench/lacquer.json, runs measure against it, and stops it: one round of ab.sh or compare.sh.
measure_fresh() {
    local binary=$1 round=$2 name=$3 pid trace=()
    shift 3
    if [ -n "${GC_PAUSES:-}" ]; then
        # The runtime writes its GC events (keyword 0x1, informational) to a trace file until it exits.
        trace=(DOTNET_EnableEventPipe=1 "DOTNET_EventPipeOutputPath=$TMP/gc-$round-$name.nettrace"
            DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:4)
    fi
    env "${trace[@]}" "$@" "$binary" --config "$BENCH_DIR/lacquer.json" \
        --listen:proxy="http://127.0.0.1:$LACQUER_PORT" --listen:admin="http://127.0.0.1:$ADMIN_PORT" \
        --zones:0:origin="http://127.0.0.1:$ORIGIN_PORT" > "$TMP/lacquer.log" 2>&1 &
    pid=$!
    STARTED_PIDS+=("$pid")
    wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"
    measure "$round" "$name"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    if [ -n "${GC_PAUSES:-}" ]; then
        gc_pauses "$TMP/gc-$round-$name.nettrace" "$MEASURED_FROM" "$MEASURED_TO" | sed 's/^/    /'
        rm -f "$TMP/gc-$round-$name.nettrace"
    fi
}

# gc_pauses TRACE FROM TO — the collector's stop-the-world pauses between two Unix times (bench/GcPauses), built
# on first use. GC_PAUSES=1 makes measure_fresh (ab.sh, compare.sh) trace every fresh process and print them
# under its line, so that a round's p99 can be set beside the pauses of that round.
gc_pauses() {
    local tool="$BENCH_DIR/GcPauses/bin/Release/net10.0/GcPauses"
    if [ ! -x "$tool" ]; then
        dotnet build "$BENCH_DIR/GcPauses/GcPauses.csproj" -c Release --nologo -v quiet > "$TMP/gc-pauses-build.log" 2>&1 \
            || { cat "$TMP/gc-pauses-build.log" >&2; return 1; }
    fi
    "$tool" "$@"
}
