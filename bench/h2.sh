#!/usr/bin/env bash
# HTTP/2 1 KiB hits: Lacquer against nginx proxy_cache, over TLS (HTTP/2 by ALPN) and over h2c (prior
# knowledge), with h2load, on the kit's loopback origin. Both proxies serve the same self-signed ECDSA P-256
# certificate, made with openssl in the run's temp folder (and deleted with it). Each round runs, per protocol,
# Lacquer and nginx in turn (the order swapped every other round so neither always goes first); the summary
# holds the medians of the rounds.
#
#   bench/h2.sh [--rounds 3] [--requests 200000] [--clients 32] [--streams 10] [--keep]
#   load per run: h2load -n REQUESTS -c CLIENTS -m STREAMS -t 2 --log-file (per-request times: p50, p99)
#
# h2load reports min/max/mean/sd of the request time but no percentiles; p50 and p99 are computed here from its
# per-request log (column 3, microseconds from the request's start to the end of its response).
# Ports 19280-19285 (ORIGIN_PORT and the others override them); everything started is stopped by pid.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ORIGIN_PORT=${ORIGIN_PORT:-19280}
LACQUER_PORT=${LACQUER_PORT:-19281}
ADMIN_PORT=${ADMIN_PORT:-19282}
NGINX_PORT=${NGINX_PORT:-19283}
LACQUER_H2C_PORT=${LACQUER_H2C_PORT:-19284}
NGINX_H2C_PORT=${NGINX_H2C_PORT:-19285}
source "$BENCH_DIR/lib.sh"

ROUNDS=3 REQUESTS=200000 CLIENTS=32 STREAMS=10 KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift ;;
        --requests) REQUESTS=$2; shift ;;
        --clients) CLIENTS=$2; shift ;;
        --streams) STREAMS=$2; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

install_missing h2load:nghttp2-client nginx:nginx curl:curl openssl:openssl
make_tmp
cleanup() {
    stop_all
    if [ "$KEEP" = 0 ]; then rm -rf "$TMP"; else log "kept $TMP"; fi
}
trap cleanup EXIT

declare -A URL=(
    [tls.lacquer]=https://127.0.0.1:$LACQUER_PORT/obj/1k [h2c.lacquer]=http://127.0.0.1:$LACQUER_H2C_PORT/obj/1k
    [tls.nginx]=https://127.0.0.1:$NGINX_PORT/obj/1k [h2c.nginx]=http://127.0.0.1:$NGINX_H2C_PORT/obj/1k)

# ---- certificate, servers -----------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2> /dev/null
build_lacquer
start_origin

cat > "$TMP/lacquer-h2.json" <<JSON
{
  "listen": {
    "proxy": ["https://127.0.0.1:$LACQUER_PORT", "http://127.0.0.1:$LACQUER_H2C_PORT"],
    "h2c": ["http://127.0.0.1:$LACQUER_H2C_PORT"],
    "admin": "http://127.0.0.1:$ADMIN_PORT"
  },
  "tls": { "certificates": [ { "certificate": "$TMP/cert.pem", "key": "$TMP/key.pem" } ] },
  "cache": { "maxBytes": "4GiB", "maxObjectBytes": "16MiB" },
  "zones": [
    { "name": "bench", "id": "$ZONE_ID", "hosts": ["127.0.0.1", "localhost"], "origin": "http://127.0.0.1:$ORIGIN_PORT" }
  ]
}
JSON
"$TMP/lacquer/lacquer" --config "$TMP/lacquer-h2.json" > "$TMP/lacquer.log" 2>&1 &
STARTED_PIDS+=("$!")
wait_http "http://127.0.0.1:$ADMIN_PORT/healthz"

sed -e "s|@PREFIX@|$TMP|g" -e "s|@ORIGIN_PORT@|$ORIGIN_PORT|g" -e "s|@PORT@|$NGINX_PORT|g" \
    -e "s|@H2C_PORT@|$NGINX_H2C_PORT|g" -e "s|@CERT@|$TMP/cert.pem|g" -e "s|@KEY@|$TMP/key.pem|g" \
    "$BENCH_DIR/nginx-h2.conf" > "$TMP/nginx-h2.conf"
nginx -p "$TMP" -c "$TMP/nginx-h2.conf" -e "$TMP/nginx.error.log"
STARTED_PIDS+=("$(cat "$TMP/nginx.pid")")
for ((i = 0; i < 100; i++)); do curl -sk -o /dev/null --max-time 1 "${URL[tls.nginx]}" && break; sleep 0.1; done

# ---- check that both answer HTTP/2 hits, then warm ------------------------------------------------------------
for key in tls.lacquer tls.nginx h2c.lacquer h2c.nginx; do
    flags=(-s -o /dev/null -D - --max-time 5)
    if [[ $key == tls.* ]]; then flags+=(-k --http2); else flags+=(--http2-prior-knowledge); fi
    curl "${flags[@]}" "${URL[$key]}" > /dev/null
    headers=$(curl "${flags[@]}" "${URL[$key]}" | tr -d '\r')
    log "$key: $(echo "$headers" | head -1), $(echo "$headers" | grep -i -E '^(cache-status|x-cache):' | tr '\n' ' ')"
    h2load -n 20000 -c "$CLIENTS" -m "$STREAMS" -t 2 "${URL[$key]}" > /dev/null
done

# run_one PROTO SERVER ROUND — one h2load run; prints "PROTO SERVER ROUND req/s mean_ms p50_ms p99_ms max_ms failed"
run_one() {
    local key=$1.$2 out=$TMP/h2load.$1.$2.r$3.txt requests=$TMP/requests.$1.$2.r$3.tsv
    h2load -n "$REQUESTS" -c "$CLIENTS" -m "$STREAMS" -t 2 --log-file="$requests" "${URL[$key]}" > "$out"
    local p50 p99
    read -r p50 p99 < <(cut -f3 "$requests" | sort -n | awk '{ v[NR] = $1 } END {
        printf "%.2f %.2f\n", v[int(NR * 0.50 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000 }')
    awk -v tag="$1 $2 $3" -v p50="$p50" -v p99="$p99" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        /^finished in/ { rps = $4 }
        /^requests:/ { failed = $10 + $12 + $14 }
        /^status codes:/ { non2xx = $5 + $7 + $9 }
        /^time for request:/ { mean = ms($6); max = ms($5) }
        END { printf "%s %.0f %.2f %s %s %.2f %d\n", tag, rps, mean, p50, p99, max, failed + non2xx }' "$out"
    rm -f "$requests"
}

# ---- rounds ---------------------------------------------------------------------------------------------------
RESULTS=$TMP/results.txt
log "h2load -n $REQUESTS -c $CLIENTS -m $STREAMS -t 2, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= ROUNDS; round++)); do
    order=(lacquer nginx)
    if ((round % 2 == 0)); then order=(nginx lacquer); fi
    for proto in tls h2c; do
        for server in "${order[@]}"; do
            line=$(run_one "$proto" "$server" "$round")
            echo "$line" >> "$RESULTS"
            log "$line (load $(cut -d' ' -f1 /proc/loadavg))"
        done
    done
done

# ---- summary: medians per protocol and server, ratios Lacquer/nginx -----------------------------------------
echo "rounds (proto server round req/s mean_ms p50_ms p99_ms max_ms failed):"
cat "$RESULTS"
echo
echo "| protocol | server | req/s | mean ms | p50 ms | p99 ms | max ms | failed |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A MED
for proto in tls h2c; do
    for server in lacquer nginx; do
        row="| $proto | $server |"
        for col in 4 5 6 7 8 9; do
            value=$(awk -v p="$proto" -v s="$server" -v c="$col" '$1 == p && $2 == s { print $c }' "$RESULTS" | median)
            MED[$proto.$server.$col]=$value
            row="$row $value |"
        done
        echo "$row"
    done
done
echo
echo "| protocol | req/s Lacquer/nginx | p50 Lacquer/nginx | p99 Lacquer/nginx |"
echo "| --- | ---: | ---: | ---: |"
for proto in tls h2c; do
    awk -v a="${MED[$proto.lacquer.4]}" -v b="${MED[$proto.nginx.4]}" -v c="${MED[$proto.lacquer.6]}" \
        -v d="${MED[$proto.nginx.6]}" -v e="${MED[$proto.lacquer.7]}" -v f="${MED[$proto.nginx.7]}" -v p="$proto" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", p, a / b, c / d, e / f }'
done
