#!/usr/bin/env bash
# Lacquer's resident memory per cached object, and the purge timings at the
# admin API on a store of that size.
#
#   bench/memory.sh                 1M objects of 1 KiB (the fill takes about 5 minutes on the 2-core machine)
#   bench/memory.sh --count 100000  a smaller store, for a quick look
#   options: --gc server|workstation (DOTNET_gcServer=1 or 0; default: workstation, as shipped)  --keep  --out FILE
#
# Steps: start the origin and the Release build of Lacquer (bench/lacquer.json, maxBytes raised so nothing is
# evicted) on their own ports; warm the process with 3 s of 1 KiB hits; read VmRSS; fill COUNT distinct
# 1 KiB objects (/mem/<n>, each tagged m<last digit>, so one tag matches a tenth of them); wait for the GC to
# settle; read VmRSS again. Overhead per object = RSS growth / objects - body - stored header bytes, where the
# header bytes are the HTTP/1.1 wire size of the fields Lacquer keeps (origin fields minus hop-by-hop fields
# and Cache-Tag). Then: the managed-heap figure from the in-process tool (Lacquer.Benchmarks memory), a hard
# purge of one tag (a tenth of the store), a one-URL purge and a purge-everything through the Cloudflare API,
# each timed by curl and by Lacquer's own audit record.
set -euo pipefail
ORIGIN_PORT=${ORIGIN_PORT:-18090}
LACQUER_PORT=${LACQUER_PORT:-18091}
ADMIN_PORT=${ADMIN_PORT:-18092}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/lib.sh"

COUNT=1000000
GC_MODE=workstation
KEEP=0
OUT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --count) COUNT=$2; shift ;;
        --gc) GC_MODE=$2; shift ;;
        --keep) KEEP=1 ;;
        --out) OUT=$2; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
STAMP=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/memory-$STAMP-$COUNT-$GC_MODE.md}

install_missing wrk:wrk nginx:nginx curl:curl
make_tmp
cleanup() {
    stop_all
    if [ "$KEEP" = 0 ]; then rm -rf "$TMP"; else log "kept $TMP"; fi
}
trap cleanup EXIT

build_lacquer
start_origin
case "$GC_MODE" in
    server) export DOTNET_gcServer=1 ;;
    workstation) export DOTNET_gcServer=0 ;;
    *) echo "--gc takes server or workstation, not: $GC_MODE" >&2; exit 2 ;;
esac
start_lacquer --cache:maxBytes=16GiB
unset DOTNET_gcServer
PROXY="http://127.0.0.1:$LACQUER_PORT"
ADMIN="http://127.0.0.1:$ADMIN_PORT"
API="$ADMIN/client/v4/zones/$ZONE_ID/purge_cache"

curl -s -o /dev/null "$PROXY/obj/1k"
wrk -t2 -c64 -d3s "$PROXY/obj/1k" > /dev/null
sleep 2
rss0=$(rss_kib "$LACQUER_PID")
log "RSS after warm-up: $((rss0 / 1024)) MiB; filling $COUNT objects"
first=1000000
began=$(date +%s)
sweep "$LACQUER_PORT" /mem/ "$COUNT" "$first"
fill_s=$(( $(date +%s) - began ))
sleep 5
rss1=$(rss_kib "$LACQUER_PID")
stats=$(curl -s "$ADMIN/api/stats")
objects=$(echo "$stats" | sed 's/.*"total":{[^}]*"objects":\([0-9]*\).*/\1/')
stored=$(echo "$stats" | sed 's/.*"total":{[^}]*"storedBytes":\([0-9]*\).*/\1/')
log "filled in ${fill_s} s: $objects objects, RSS $((rss1 / 1024)) MiB"

# The fields Lacquer stores for one such object, as HTTP/1.1 wire bytes ("Name: value\r\n").
header_bytes=$(curl -s -D - -o /dev/null "http://127.0.0.1:$ORIGIN_PORT/mem/$first" | tr -d '\r' | awk '
    NR == 1 || $0 == "" { next }
    { name = tolower(substr($0, 1, index($0, ":") - 1)) }
    name == "connection" || name == "keep-alive" || name == "cache-tag" || name == "transfer-encoding" { next }
    { bytes += length($0) + 2 }
    END { print bytes }')
per_object=$(awk -v a="$rss0" -v b="$rss1" -v n="$objects" 'BEGIN { printf "%.0f", (b - a) * 1024 / n }')
overhead=$(awk -v p="$per_object" -v h="$header_bytes" 'BEGIN { printf "%.0f", p - 1024 - h }')
charge=$(awk -v s="$stored" -v n="$objects" 'BEGIN { printf "%.0f", s / n }')

# Purges at this size, through the API (curl's time_total includes the loopback connection).
purge() { # purge BODY -> "seconds"
    curl -s -o "$TMP/purge.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data "$1" "$API"
}
last_record() { # the newest audit record's matched count and duration (ms)
    curl -s -H "Authorization: Bearer $TOKEN" "$ADMIN/api/purges" | tr -d '\n ' | awk '
        { m = $0; sub(/^[^[]*\[\{/, "", m); sub(/\}.*/, "", m)
          matched = m; sub(/.*"matched":/, "", matched); sub(/[,}].*/, "", matched)
          d = m; sub(/.*"duration[A-Za-z]*":/, "", d); sub(/[,}].*/, "", d); gsub(/"/, "", d)
          print matched, d }'
}
tag_s=$(purge '{"tags":["m3"]}'); read -r tag_matched tag_engine < <(last_record)
url_s=$(purge "{\"files\":[\"http://127.0.0.1/mem/$((first + 7))\"]}"); read -r url_matched url_engine < <(last_record)
all_s=$(purge '{"purge_everything":true}'); read -r all_matched all_engine < <(last_record)
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }

log "in-process managed-heap measurement ($COUNT objects)"
dotnet build "$BENCH_DIR/Lacquer.Benchmarks/Lacquer.Benchmarks.csproj" -c Release --nologo -v quiet > "$TMP/bench-build.log" 2>&1 \
    || { cat "$TMP/bench-build.log" >&2; exit 1; }
managed=$(DOTNET_gcServer=0 dotnet "$BENCH_DIR/Lacquer.Benchmarks/bin/Release/net10.0/Lacquer.Benchmarks.dll" memory "$COUNT")

{
    echo "## Memory per cached object ($(date -u '+%Y-%m-%d %H:%M UTC'), $GC_MODE GC)"
    echo
    echo "| | value |"
    echo "| --- | ---: |"
    echo "| objects stored | $objects (filled in ${fill_s} s) |"
    echo "| RSS after warm-up / after the fill | $((rss0 / 1024)) MiB / $((rss1 / 1024)) MiB |"
    echo "| RSS growth per object | $per_object B |"
    echo "| body + stored header bytes per object | 1024 + $header_bytes B |"
    echo "| **overhead per object (RSS)** | **$overhead B** (target: at most 250 B) |"
    echo "| charged per object against cache.maxBytes (EntrySize) | $charge B |"
    echo
    echo "In-process, managed heap after a full GC (Lacquer.Benchmarks memory $COUNT; header bytes of the fixture's fields):"
    echo
    echo '```'
    echo "$managed"
    echo '```'
    echo
    echo "### Purges through the Cloudflare API on this store"
    echo
    echo "| purge | matched | curl time_total ms | Lacquer's own duration |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| hard, one tag (a tenth of the store) | $tag_matched | $(ms "$tag_s") | $tag_engine ms |"
    echo "| hard, one URL | $url_matched | $(ms "$url_s") | $url_engine ms |"
    echo "| hard, everything | $all_matched | $(ms "$all_s") | $all_engine ms |"
} | tee "$OUT"
log "written to $OUT"
