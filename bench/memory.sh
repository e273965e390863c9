#!/usr/bin/env bash
# Memory per cached object of Lacquer, Varnish and nginx proxy_cache filled with the same objects, and the
# purge timings at Lacquer's admin API on a store of that size.
#
#   bench/memory.sh                          Lacquer, 1M objects of 1 KiB (the fill takes about 5 minutes per proxy)
#   bench/memory.sh --count 100000           a smaller store, for a quick look
#   bench/memory.sh --proxy all              Lacquer, then Varnish, then nginx (one at a time: lacquer|varnish|nginx|all)
#   options: --gc server|workstation (Lacquer: DOTNET_gcServer=1 or 0; default: workstation, as shipped)  --keep  --out FILE
#            --warm-fill N (objects filled before the first reading, default 5000; 0 measures from a hit-only warm-up)
#   PUBLISHED_LACQUER=DIR bench/memory.sh ...   uses a build published beforehand (dotnet publish src/Lacquer.Host -c Release -o DIR)
#
# Per proxy: start it alone in front of the kit's origin; warm it with 3 s of 1 KiB hits and a fill of 5,000
# objects like the measured ones (/mem/2000000 and up); read its memory; fill COUNT distinct 1 KiB objects
# (/mem/<n>, each tagged m<last digit>, with an ETag of its own and one of 1,000 Last-Modified dates:
# bench/origin.conf); wait 5 s; read its memory again; stop it. The warm-up fill is there so that what each
# proxy pays once, on its first fills, whatever the count (Lacquer: the fill path's compiled code and the
# collector's first regions for it, about 10 MiB; Varnish and nginx have theirs, smaller: they compile
# nothing), is paid before the first reading, by all three alike: the figure is the cost of one more object.
#
# Memory, summed over the proxy's processes (nginx's master and workers, varnishd's manager and child):
#
#   overhead per object = (own memory after - before) / objects - 1024 body bytes - header bytes
#
# where own memory is PSS without the pages of mapped files (Pss_Anon + Pss_Shmem of /proc/PID/smaps_rollup;
# pss_own_kib below says why), with the total PSS and RSS alongside, and header bytes are the HTTP/1.1 wire size
# ("Name: value\r\n") of every field the origin sends with the object except Connection and Keep-Alive
# (hop-by-hop: no proxy stores them): the same subtraction for all three. nginx keeps its cached responses in
# files: they are put on tmpfs (/dev/shm) so that, like the other two, it caches in RAM, and the tmpfs space they
# take (du) is reported with it.
#
# Then, for Lacquer: the managed-heap figure of the in-process tool (Lacquer.Benchmarks memory COUNT s3fifo
# validators), and a hard purge of one tag (a tenth of the store), of one URL and of everything through the
# Cloudflare API, each timed by curl and by Lacquer's own audit record.
set -euo pipefail
ORIGIN_PORT=${ORIGIN_PORT:-18090}
LACQUER_PORT=${LACQUER_PORT:-18091}
ADMIN_PORT=${ADMIN_PORT:-18092}
NGINX_PORT=${NGINX_PORT:-18093}
VARNISH_PORT=${VARNISH_PORT:-18094}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/lib.sh"

COUNT=1000000
GC_MODE=workstation
WARM_FILL=5000
KEEP=0
OUT=""
PROXIES=lacquer
while [ $# -gt 0 ]; do
    case "$1" in
        --count) COUNT=$2; shift ;;
        --gc) GC_MODE=$2; shift ;;
        --proxy) PROXIES=$2; shift ;;
        --warm-fill) WARM_FILL=$2; shift ;;
        --keep) KEEP=1 ;;
        --out) OUT=$2; shift ;;
        -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
case "$PROXIES" in
    all) PROXIES="lacquer varnish nginx" ;;
    lacquer|varnish|nginx) ;;
    *) echo "--proxy takes lacquer, varnish, nginx or all, not: $PROXIES" >&2; exit 2 ;;
esac
case "$GC_MODE" in
    server|workstation) ;;
    *) echo "--gc takes server or workstation, not: $GC_MODE" >&2; exit 2 ;;
esac
if ! [[ "$WARM_FILL" =~ ^[0-9]+$ ]] || [ "$WARM_FILL" -gt 100000 ]; then
    echo "--warm-fill takes 0 to 100000, not: $WARM_FILL" >&2; exit 2
fi
if [ "$COUNT" -lt 1000 ] || [ "$COUNT" -gt 1000000 ]; then
    echo "--count takes 1000 to 1000000 (the URLs are /mem/1000000 and up, seven digits), not: $COUNT" >&2; exit 2
fi
STAMP=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/memory-$STAMP-$COUNT-${PROXIES// /-}.md}

install_missing wrk:wrk nginx:nginx curl:curl
case " $PROXIES " in *" varnish "*) install_missing varnishd:varnish ;; esac
make_tmp
# nginx's cache files on tmpfs: RAM, as the other two keep their objects.
SHM_CACHE=$(mktemp -d /dev/shm/lacquer-bench-nginx.XXXXXX)
rmdir "$TMP/nginx-cache" && ln -s "$SHM_CACHE" "$TMP/nginx-cache"
cleanup() {
    stop_all
    rm -rf "$SHM_CACHE"
    if [ "$KEEP" = 0 ]; then rm -rf "$TMP"; else log "kept $TMP"; fi
}
trap cleanup EXIT

start_origin
FIRST=1000000
WARM_FIRST=2000000   # the warm-up fill's objects: seven digits too, never among the measured ones

# The fields the origin sends with one such object, as HTTP/1.1 wire bytes, hop-by-hop fields left out.
HEADER_BYTES=$(curl -s -D - -o /dev/null "http://127.0.0.1:$ORIGIN_PORT/mem/$FIRST" | tr -d '\r' | awk '
    NR == 1 || $0 == "" { next }
    { name = tolower(substr($0, 1, index($0, ":") - 1)) }
    name == "connection" || name == "keep-alive" { next }
    { bytes += length($0) + 2 }
    END { print bytes }')

ROWS=()
PURGE_LINES=()
MANAGED=""

# measure_fill NAME PORT PIDS_FUNCTION OBJECTS_FUNCTION [EXTRA_KIB_FUNCTION] — warm-up, memory, fill, memory;
# appends one table row.
measure_fill() {
    local name=$1 port=$2 pids=$3 objects_of=$4 extra_of=${5:-} pss0 pss1 own0 own1 rss0 rss1 extra0=0 extra1=0 began fill_s objects0 objects
    curl -s -o /dev/null "http://127.0.0.1:$port/obj/1k"
    wrk -t2 -c64 -d3s "http://127.0.0.1:$port/obj/1k" > /dev/null
    [ "$WARM_FILL" -gt 0 ] && sweep "$port" /mem/ "$WARM_FILL" "$WARM_FIRST"
    sleep 2
    objects0=$($objects_of)
    # shellcheck disable=SC2046
    read -r pss0 own0 rss0 < <(echo "$(pss_kib $($pids)) $(pss_own_kib $($pids)) $(rss_sum_kib $($pids))")
    [ -n "$extra_of" ] && extra0=$($extra_of)
    log "$name: PSS after warm-up $((pss0 / 1024)) MiB with $objects0 objects; filling $COUNT objects"
    began=$(date +%s)
    sweep "$port" /mem/ "$COUNT" "$FIRST"
    fill_s=$(( $(date +%s) - began ))
    sleep 5
    # shellcheck disable=SC2046
    read -r pss1 own1 rss1 < <(echo "$(pss_kib $($pids)) $(pss_own_kib $($pids)) $(rss_sum_kib $($pids))")
    [ -n "$extra_of" ] && extra1=$($extra_of)
    objects=$(( $($objects_of) - objects0 ))
    log "$name: filled in ${fill_s} s: $objects objects more, PSS $((pss1 / 1024)) MiB"
    ROWS+=("$(awk -v name="$name" -v n="$objects" -v f="$fill_s" -v p0="$pss0" -v p1="$pss1" -v o0="$own0" -v o1="$own1" \
        -v r0="$rss0" -v r1="$rss1" -v e0="$extra0" -v e1="$extra1" -v h="$HEADER_BYTES" -v has_extra="$extra_of" 'BEGIN {
        pss = (p1 - p0) * 1024 / n; own = (o1 - o0) * 1024 / n; rss = (r1 - r0) * 1024 / n; extra = (e1 - e0) * 1024 / n
        files = has_extra == "" ? "–" : sprintf("%.0f B (%d → %d MiB); with them: **%.0f B** (PSS: %.0f B)", extra, e0 / 1024, e1 / 1024, own + extra - 1024 - h, pss + extra - 1024 - h)
        printf "| %s | %d (%d s) | %d → %d MiB | %d → %d MiB | %.0f B | **%.0f B** | %.0f B | %.0f B | %s |", \
            name, n, f, o0 / 1024, o1 / 1024, p0 / 1024, p1 / 1024, own, own - 1024 - h, pss - 1024 - h, rss - 1024 - h, files }')")
}

# pss_own_kib PID... — PSS without the pages of mapped files (Pss_Anon + Pss_Shmem of smaps_rollup): the heap,
# stacks, compiled code and shared memory the processes own. A mapped file's pages (the proxy's program and
# libraries; for .NET the runtime's, which every other .NET process on the machine maps too) are split between
# all the processes mapping them, so their share moves when other programs start or stop during a fill.
pss_own_kib() { local p; for p in "$@"; do cat "/proc/$p/smaps_rollup"; done | awk '/^Pss_(Anon|Shmem):/ { s += $2 } END { print s + 0 }'; }

lacquer_pids() { echo "$LACQUER_PID"; }
lacquer_objects() {
    curl -s "http://127.0.0.1:$ADMIN_PORT/api/stats" | sed 's/.*"total":{[^}]*"objects":\([0-9]*\).*/\1/'
}
varnish_pids() { with_children "$(cat "$TMP/varnish.pid")"; }
varnish_objects() { varnishstat -n "$TMP/varnish" -1 -f MAIN.n_object | awk '{ print $2 }'; }
nginx_pids() { with_children "$(cat "$TMP/nginx.pid")"; }
nginx_objects() { find "$SHM_CACHE" -type f | wc -l; }
nginx_files_kib() { du -sk "$SHM_CACHE" | awk '{ print $1 }'; }

run_lacquer() {
    build_lacquer
    if [ "$GC_MODE" = server ]; then export DOTNET_gcServer=1; else export DOTNET_gcServer=0; fi
    start_lacquer --cache:maxBytes=16GiB
    unset DOTNET_gcServer
    measure_fill "Lacquer ($GC_MODE GC)" "$LACQUER_PORT" lacquer_pids lacquer_objects
    local admin="http://127.0.0.1:$ADMIN_PORT" stats stored objects
    stats=$(curl -s "$admin/api/stats")
    objects=$(echo "$stats" | sed 's/.*"total":{[^}]*"objects":\([0-9]*\).*/\1/')
    stored=$(echo "$stats" | sed 's/.*"total":{[^}]*"storedBytes":\([0-9]*\).*/\1/')
    CHARGE=$(awk -v s="$stored" -v n="$objects" 'BEGIN { printf "%.0f", s / n }')

    # Purges at this size, through the API (curl's time_total includes the loopback connection).
    local api="$admin/client/v4/zones/$ZONE_ID/purge_cache" tag_s url_s all_s tag_matched tag_engine url_matched url_engine all_matched all_engine
    purge() { # purge BODY -> "seconds"
        curl -s -o "$TMP/purge.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' --data "$1" "$api"
    }
    last_record() { # the newest audit record's matched count and duration (ms)
        curl -s -H "Authorization: Bearer $TOKEN" "$admin/api/purges" | tr -d '\n ' | awk '
            { m = $0; sub(/^[^[]*\[\{/, "", m); sub(/\}.*/, "", m)
              matched = m; sub(/.*"matched":/, "", matched); sub(/[,}].*/, "", matched)
              d = m; sub(/.*"duration[A-Za-z]*":/, "", d); sub(/[,}].*/, "", d); gsub(/"/, "", d)
              print matched, d }'
    }
    ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
    tag_s=$(purge '{"tags":["m3"]}'); read -r tag_matched tag_engine < <(last_record)
    url_s=$(purge "{\"files\":[\"http://127.0.0.1/mem/$((FIRST + 7))\"]}"); read -r url_matched url_engine < <(last_record)
    all_s=$(purge '{"purge_everything":true}'); read -r all_matched all_engine < <(last_record)
    PURGE_LINES=(
        "| hard, one tag (a tenth of the store) | $tag_matched | $(ms "$tag_s") | $tag_engine ms |"
        "| hard, one URL | $url_matched | $(ms "$url_s") | $url_engine ms |"
        "| hard, everything | $all_matched | $(ms "$all_s") | $all_engine ms |")
    stop_pid "$LACQUER_PID"

    log "in-process managed-heap measurement ($COUNT objects)"
    dotnet build "$BENCH_DIR/Lacquer.Benchmarks/Lacquer.Benchmarks.csproj" -c Release --nologo -v quiet > "$TMP/bench-build.log" 2>&1 \
        || { cat "$TMP/bench-build.log" >&2; exit 1; }
    MANAGED=$(DOTNET_gcServer=0 dotnet "$BENCH_DIR/Lacquer.Benchmarks/bin/Release/net10.0/Lacquer.Benchmarks.dll" memory "$COUNT" s3fifo validators)
}

run_varnish() {
    # malloc storage with room for every object (about 2 KiB each, headers and Varnish's own records included).
    VARNISH_STORAGE="malloc,$(( COUNT * 4 / 1024 + 256 ))M" start_varnish
    measure_fill "Varnish (malloc)" "$VARNISH_PORT" varnish_pids varnish_objects
    stop_pid "$(cat "$TMP/varnish.pid")"
}

run_nginx() {
    start_nginx
    measure_fill "nginx proxy_cache" "$NGINX_PORT" nginx_pids nginx_objects nginx_files_kib
    stop_pid "$(cat "$TMP/nginx.pid")"
}

# bench/nginx.conf's max_size (4g) would evict at 1M objects: each response file takes one 4 KiB page on tmpfs.
NGINX_CONF_TEMPLATE=$BENCH_DIR/nginx.conf
for proxy in $PROXIES; do
    if [ "$proxy" = nginx ]; then
        sed 's/max_size=4g/max_size=16g/' "$NGINX_CONF_TEMPLATE" > "$TMP/nginx-memory.conf.in"
        BENCH_NGINX_CONF="$TMP/nginx-memory.conf.in"
    fi
    "run_$proxy"
done

{
    echo "## Memory per cached object ($(date -u '+%Y-%m-%d %H:%M UTC'), $COUNT objects, commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown))"
    echo
    echo "Every object: 1024 body bytes and $HEADER_BYTES header bytes (the origin's fields as HTTP/1.1 lines, Connection"
    echo "and Keep-Alive left out), an ETag of its own, one of 1,000 Last-Modified dates. Overhead = memory growth per"
    echo "object − 1024 − $HEADER_BYTES. PSS summed over the proxy's processes; RSS likewise (counts shared pages in each process)."
    echo "Before the first reading each proxy served 3 s of 1 KiB hits and filled $WARM_FILL objects like the measured ones"
    echo "(--warm-fill; 0: hits only); objects (fill) counts the objects the measured fill added."
    echo
    echo "Own memory: PSS without mapped files (Pss_Anon + Pss_Shmem): the share of a mapped program file moves when other"
    echo "programs mapping it (other .NET processes, for Lacquer) start or stop during the fill; the total PSS is given alongside."
    echo
    echo "| proxy | objects (fill) | own memory before → after | PSS before → after | own growth per object | **overhead per object (own memory)** | overhead (PSS) | overhead (RSS) | cache files on tmpfs per object |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${ROWS[@]}"
    if [ -n "$MANAGED" ]; then
        echo
        echo "Lacquer: charged per object against cache.maxBytes (EntrySize): $CHARGE B."
        echo
        echo "In-process, managed heap after a full GC (Lacquer.Benchmarks memory $COUNT s3fifo validators):"
        echo
        echo '```'
        echo "$MANAGED"
        echo '```'
        echo
        echo "### Purges through Lacquer's Cloudflare API on this store"
        echo
        echo "| purge | matched | curl time_total ms | Lacquer's own duration |"
        echo "| --- | ---: | ---: | ---: |"
        printf '%s\n' "${PURGE_LINES[@]}"
    fi
} | tee "$OUT"
log "written to $OUT"
