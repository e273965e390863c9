#!/usr/bin/env bash
# The load kit: Lacquer against Varnish and nginx proxy_cache, on loopback,
# in one run, with identical wrk settings (wrk -t2 -c64 -d10s --latency), each scenario run for each proxy in
# turn (Lacquer, Varnish, nginx, Lacquer, Varnish, nginx, ...) for several rounds; the table holds medians.
#
#   bench/run.sh            full: 3 rounds of 10 s runs (about 15-17 minutes on the 2-core machine)
#   bench/run.sh --quick    smoke test: 1 round of 3 s runs, 1-2 s warm-ups, a 20k Zipf set (about 3 minutes)
#   options: --rounds N  --duration SECONDS  --zipf-n N  --keep (leave the temp folder)  --out FILE
#            --only a,b,d   run only these scenarios (of a b c d f; g runs with f); default: all
#            --warm SECONDS the warm-up of hit scenarios (default 10); misses get twice as long
#
# Warm-up: before a scenario's first round, each proxy gets that scenario's own load (its hits, its Zipf
# requests, or unique URLs of their own for misses) for 10 s, 20 s for misses, with nothing measured. A fresh
# Lacquer's code is still being tiered up by the JIT for its first ~7 s of hits and ~19 s of misses (lib.sh,
# "Warm-up"), while Varnish and nginx are compiled ahead of time: without it, round 1 measured Lacquer's JIT.
# The misses' warm-up stores entries in every proxy, so each starts round 1 with more objects stored (a few
# hundred thousand, depending on its rate); rounds 2 and 3 start with more again, as before.
#
# Scenarios: (a) 1 KiB hits; (b) 16 KiB and 1 MiB hits; (c) Zipf(0.9) over 100k URLs after a warm-up that
# fetched each once; (d) every request a new URL (the miss path), also against the origin directly; (f)
# Lacquer's 1 KiB hit latency without and with a storm of ~100 tag purges/s on the admin API, and (g) the
# admin API's latency for a one-URL purge. Memory per object (e) is bench/memory.sh.
#
# One origin for everything: nginx serving static files (bench/origin.conf). Each proxy runs with its own
# files under a temp folder; nothing system-wide is started or changed; everything started is stopped by pid.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/lib.sh"

ROUNDS=3
DURATION=10
ZIPF_N=100000
GSET=20000
MODE=full
KEEP=0
OUT=""
ONLY=a,b,c,d,f
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) ROUNDS=1; DURATION=3; WARM_HIT_SECONDS=1; WARM_MISS_SECONDS=2; ZIPF_N=20000; MODE=quick ;;
        --rounds) ROUNDS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --zipf-n) ZIPF_N=$2; shift ;;
        --keep) KEEP=1 ;;
        --out) OUT=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --warm) WARM_HIT_SECONDS=$2; WARM_MISS_SECONDS=$((2 * $2)); shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# wanted SCENARIO — true when --only names it (or was not given).
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

STAMP=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/run-$STAMP-$MODE.md}
WRK=(wrk -t2 -c64 "-d${DURATION}s" --latency)
PROXIES=(lacquer varnish nginx)
declare -A PORT=([lacquer]=$LACQUER_PORT [varnish]=$VARNISH_PORT [nginx]=$NGINX_PORT [origin]=$ORIGIN_PORT)
BEGAN=$(date +%s)

install_missing wrk:wrk nginx:nginx varnishd:varnish curl:curl
make_tmp
TSV=$TMP/results.tsv
cleanup() {
    stop_all
    if [ "$KEEP" = 0 ]; then rm -rf "$TMP"; else log "kept $TMP"; fi
}
trap cleanup EXIT

# parse_wrk FILE -> "req/s p99_ms MiB/s errors p50_ms" (p50 last, so that older readers of the first four still work)
parse_wrk() {
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
        function mib(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
        /Requests\/sec:/ { rps = $2 }
        /Transfer\/sec:/ { rate = mib($2) }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) errors += $i }
        END { printf "%.0f %.2f %.1f %d %.2f\n", rps, p99, rate, errors, p50 }
    ' "$1"
}

# run_one SCENARIO PROXY ROUND PATH [wrk script and its args...]
run_one() {
    local scenario=$1 proxy=$2 round=$3 path=$4 out
    shift 4
    out="$TMP/raw/$scenario.$proxy.r$round.txt"
    local script=()
    if [ $# -gt 0 ]; then script=(-s "$BENCH_DIR/$1"); shift; fi
    if [ $# -gt 0 ]; then
        "${WRK[@]}" "${script[@]}" "http://127.0.0.1:${PORT[$proxy]}$path" -- "$@" > "$out" 2>&1
    else
        "${WRK[@]}" "${script[@]}" "http://127.0.0.1:${PORT[$proxy]}$path" > "$out" 2>&1
    fi
    read -r rps p99 rate errors p50 < <(parse_wrk "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$proxy" "$round" "$rps" "$p99" "$rate" "$errors" "$p50" >> "$TSV"
    log "$scenario $proxy r$round: $rps req/s, p50 $p50 ms, p99 $p99 ms, $rate MiB/s, $errors errors"
}

storm_url="http://127.0.0.1:$ADMIN_PORT/client/v4/zones/$ZONE_ID/purge_cache"

# ---- start and warm ---------------------------------------------------------------------------------------
build_lacquer
start_origin
start_lacquer
start_varnish
start_nginx
log "servers up under $TMP; warming"
for proxy in "${PROXIES[@]}"; do
    for object in 1k 16k 1m; do
        curl -s -o /dev/null "http://127.0.0.1:${PORT[$proxy]}/obj/$object"
        curl -s -o /dev/null "http://127.0.0.1:${PORT[$proxy]}/obj/$object"
    done
    if wanted c; then
        sweep "${PORT[$proxy]}" /z/ "$ZIPF_N" 1
        log "warmed $proxy (Zipf set of $ZIPF_N fetched once)"
    fi
done
if wanted f; then
    sweep "$LACQUER_PORT" /g/ "$GSET" 1000
    log "purge-storm set of $GSET objects in Lacquer ($((GSET / 1000)) per tag)"
fi

# warm_up SECONDS PROXY... PATH [wrk script and its args...] — that load against each proxy in turn, not measured
# (the header's "Warm-up"); in round 1 only, right before the scenario's first measured runs.
warm_up() {
    local seconds=$1 proxies=() path proxy script=() label=""
    shift
    while [ $# -gt 0 ] && [ -n "${PORT[$1]:-}" ]; do proxies+=("$1"); shift; done
    path=$1
    shift
    if [ $# -gt 0 ]; then script=(-s "$BENCH_DIR/$1"); label=" ($1)"; shift; fi
    for proxy in "${proxies[@]}"; do
        wrk -t2 -c64 "-d${seconds}s" "${script[@]}" "http://127.0.0.1:${PORT[$proxy]}$path" ${1:+--} "$@" > /dev/null 2>&1
    done
    log "warmed ${proxies[*]} for $seconds s each on $path$label"
}

# ---- rounds -----------------------------------------------------------------------------------------------
for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round of $ROUNDS"
    if wanted a; then
        if [ "$round" = 1 ]; then warm_up "$WARM_HIT_SECONDS" "${PROXIES[@]}" /obj/1k; fi
        for proxy in "${PROXIES[@]}"; do run_one a-1k "$proxy" "$round" /obj/1k; done
    fi
    if wanted b; then
        if [ "$round" = 1 ]; then warm_up "$WARM_HIT_SECONDS" "${PROXIES[@]}" /obj/16k; fi
        for proxy in "${PROXIES[@]}"; do run_one b-16k "$proxy" "$round" /obj/16k; done
        if [ "$round" = 1 ]; then warm_up "$WARM_HIT_SECONDS" "${PROXIES[@]}" /obj/1m; fi
        for proxy in "${PROXIES[@]}"; do run_one b-1m "$proxy" "$round" /obj/1m; done
    fi
    if wanted c; then
        if [ "$round" = 1 ]; then warm_up "$WARM_HIT_SECONDS" "${PROXIES[@]}" / zipf.lua "$ZIPF_N" 0.9 0; fi
        for proxy in "${PROXIES[@]}"; do run_one c-zipf "$proxy" "$round" / zipf.lua "$ZIPF_N" 0.9 "$round"; done
    fi
    if wanted d; then
        # Unique URLs of the warm-up's own ("-warm"), never the measured ones; the origin direct is not warmed
        # (nginx serving a file, nothing to tier up or fill).
        if [ "$round" = 1 ]; then warm_up "$WARM_MISS_SECONDS" "${PROXIES[@]}" / unique.lua "$STAMP-warm"; fi
        for proxy in "${PROXIES[@]}" origin; do run_one d-miss "$proxy" "$round" / unique.lua "$STAMP-$round"; done
    fi
    if ! wanted f; then continue; fi
    if [ "$round" = 1 ] && ! wanted a; then warm_up "$WARM_HIT_SECONDS" lacquer /obj/1k; fi

    # (f) the same 1 KiB hits, alone and during a purge storm (tags of the /g/ set, refilled afterwards).
    run_one f-baseline lacquer "$round" /obj/1k
    wrk -t1 -c10 "-d${DURATION}s" --latency -s "$BENCH_DIR/purge-storm.lua" "$storm_url" -- "$TOKEN" 97 0 \
        > "$TMP/raw/f-purges.r$round.txt" 2>&1 &
    storm=$!
    run_one f-storm lacquer "$round" /obj/1k
    wait "$storm"
    read -r rps p99 _ errors p50 < <(parse_wrk "$TMP/raw/f-purges.r$round.txt")
    printf 'f-purges\tlacquer\t%s\t%s\t%s\t0\t%s\t%s\n' "$round" "$rps" "$p99" "$errors" "$p50" >> "$TSV"
    log "purge storm r$round: $rps purges/s, API p99 $p99 ms, $errors errors"
    sweep "$LACQUER_PORT" /g/ "$GSET" 1000
done

# (g) one-URL purges at the API (the hottest Zipf URLs; this is the last thing the run does).
url_rps=– url_p50=– url_p99=– url_errors=–
if wanted f; then
    wrk -t1 -c1 -d3s --latency -s "$BENCH_DIR/purge-url.lua" "$storm_url" -- "$TOKEN" 5 > "$TMP/raw/g-url-purge.txt" 2>&1
    url_p50=$(awk '/^ +50%/ { v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else v = v * 1000; printf "%.2f", v }' "$TMP/raw/g-url-purge.txt")
    read -r url_rps url_p99 _ url_errors _ < <(parse_wrk "$TMP/raw/g-url-purge.txt")
fi
LACQUER_RSS_MIB=$(( $(rss_kib "$LACQUER_PID") / 1024 ))
STATS=$(curl -s "http://127.0.0.1:$ADMIN_PORT/api/stats")
ELAPSED=$(( $(date +%s) - BEGAN ))

# ---- report -----------------------------------------------------------------------------------------------
report() {
    echo "## Load kit results ($MODE: $ROUNDS round(s) of ${DURATION} s, scenarios $ONLY, wrk -t2 -c64 --latency, $(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo
    echo "Medians over the rounds; each round ran every proxy in turn. p50 and p99 in ms (lower is better), MiB/s = wrk Transfer/sec."
    echo "Zipf set: $ZIPF_N URLs. Machine: $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Whole run: ${ELAPSED} s."
    echo
    awk -F'\t' '
        function median(key,    n, i, j, t, a) {
            n = count[key]; if (n == 0) return "";
            for (i = 1; i <= n; i++) a[i] = vals[key, i];
            for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        function add(key, v) { vals[key, ++count[key]] = v }
        function fmt(v, d) { return v == "" ? "–" : sprintf("%." d "f", v) }
        function ratio(x, y) { return (x == "" || y == "" || y == 0) ? "–" : sprintf("%.2f", x / y) }
        function row(label, s, m, d,    l, v, n, o) {
            l = median(s SUBSEP "lacquer" SUBSEP m); v = median(s SUBSEP "varnish" SUBSEP m)
            n = median(s SUBSEP "nginx" SUBSEP m); o = median(s SUBSEP "origin" SUBSEP m)
            if (l == "" && v == "" && n == "" && o == "") return   # a scenario left out with --only
            printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label, fmt(l, d), fmt(v, d), fmt(n, d), fmt(o, d), ratio(l, v), ratio(l, n), ratio(l, o)
        }
        {
            add($1 SUBSEP $2 SUBSEP "rps", $4); add($1 SUBSEP $2 SUBSEP "p99", $5); add($1 SUBSEP $2 SUBSEP "mib", $6)
            if (NF >= 8) add($1 SUBSEP $2 SUBSEP "p50", $8)
            errors[$1 SUBSEP $2] += $7
            runs[++nruns] = $0
        }
        END {
            print "### Hits and misses"
            print ""
            print "| scenario | Lacquer | Varnish | nginx | origin direct | Lacquer/Varnish | Lacquer/nginx | Lacquer/origin |"
            print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            row("(a) 1 KiB hits, req/s", "a-1k", "rps", 0)
            row("(a) 1 KiB hits, p50 ms", "a-1k", "p50", 2)
            row("(a) 1 KiB hits, p99 ms", "a-1k", "p99", 2)
            row("(b) 16 KiB hits, MiB/s", "b-16k", "mib", 1)
            row("(b) 16 KiB hits, req/s", "b-16k", "rps", 0)
            row("(b) 16 KiB hits, p50 ms", "b-16k", "p50", 2)
            row("(b) 16 KiB hits, p99 ms", "b-16k", "p99", 2)
            row("(b) 1 MiB hits, MiB/s", "b-1m", "mib", 1)
            row("(b) 1 MiB hits, req/s", "b-1m", "rps", 0)
            row("(b) 1 MiB hits, p50 ms", "b-1m", "p50", 2)
            row("(b) 1 MiB hits, p99 ms", "b-1m", "p99", 2)
            row("(c) Zipf 0.9, req/s", "c-zipf", "rps", 0)
            row("(c) Zipf 0.9, p50 ms", "c-zipf", "p50", 2)
            row("(c) Zipf 0.9, p99 ms", "c-zipf", "p99", 2)
            row("(d) unique URLs (miss), req/s", "d-miss", "rps", 0)
            row("(d) unique URLs (miss), p50 ms", "d-miss", "p50", 2)
            row("(d) unique URLs (miss), p99 ms", "d-miss", "p99", 2)
            print ""
            if (count["f-baseline" SUBSEP "lacquer" SUBSEP "p99"] == 0) skipStorm = 1
            if (!skipStorm) print "### Purge storm (Lacquer, 1 KiB hits)"
            if (!skipStorm) print ""
            b = median("f-baseline" SUBSEP "lacquer" SUBSEP "p99"); s = median("f-storm" SUBSEP "lacquer" SUBSEP "p99")
            br = median("f-baseline" SUBSEP "lacquer" SUBSEP "rps"); sr = median("f-storm" SUBSEP "lacquer" SUBSEP "rps")
            if (!skipStorm) print "| | no purges | during the storm | storm/baseline |"
            if (!skipStorm) print "| --- | ---: | ---: | ---: |"
            if (!skipStorm) printf "| hit p99 ms | %s | %s | %s |\n", fmt(b, 2), fmt(s, 2), ratio(s, b)
            if (!skipStorm) printf "| hit req/s | %s | %s | %s |\n", fmt(br, 0), fmt(sr, 0), ratio(sr, br)
            if (!skipStorm) printf "| tag purges/s achieved | | %s | |\n", fmt(median("f-purges" SUBSEP "lacquer" SUBSEP "rps"), 0)
            if (!skipStorm) printf "| tag purge API p99 ms | | %s | |\n", fmt(median("f-purges" SUBSEP "lacquer" SUBSEP "p99"), 2)
            if (!skipStorm) print ""
            print "### Every run"
            print ""
            print "| scenario | proxy | round | req/s | p99 ms | MiB/s | errors | p50 ms |"
            print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
            for (i = 1; i <= nruns; i++) { n = split(runs[i], f, "\t"); printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], (n >= 8 ? f[8] : "–") }
        }
    ' "$TSV"
    if wanted f; then
        echo
        echo "### One-URL purge at the admin API (wrk -t1 -c1, 5 ms between purges)"
        echo
        echo "| purges/s | p50 ms | p99 ms | errors |"
        echo "| ---: | ---: | ---: | ---: |"
        echo "| $url_rps | $url_p50 | $url_p99 | $url_errors |"
    fi
    echo
    echo "Lacquer at the end: RSS ${LACQUER_RSS_MIB} MiB; /api/stats total: $(echo "$STATS" | sed 's/.*"total"://; s/}}$/}/')"
    echo
    echo "Errors count wrk's non-2xx/3xx responses and socket errors. Raw TSV: $(basename "${OUT%.md}").tsv"
}
report | tee "$OUT"
cp "$TSV" "${OUT%.md}.tsv"
log "results written to $OUT"
