#!/usr/bin/env bash
# The cluster's purge fan-out and its cost on the hit path, on loopback (docs/cluster.md):
#   1. a redis-server of our own and three Lacquer nodes (a, b, c), each with its own config file: one zone on
#      a local nginx origin, one token, the same `cluster` section with its own nodeId;
#   2. fan-out: COUNT purges of each Cloudflare kind (files, tags, prefixes, hosts, purge_everything) through
#      node a with `Lacquer-Purge-Wait: all`, one at a time (bench/cluster_purge.py): the client's time from
#      the call to the answer, and each node's apply latency from a's /api/purges; p50/p99 per run of a kind.
#      Before it, the caches are filled, WARMUP unmeasured purges of every kind run (round-robin), and the caches
#      are filled again: the nodes are fresh processes, and their first few thousand purges after the fill ran
#      at about twice the time (the runtime compiles its hot code again, optimised, in the background); without
#      the warm-up whichever kind ran first paid for it (docs/performance.md, "Cluster purge fan-out");
#   3. the hit path with the cluster on and off: node a alone, with its `cluster` section and with the same file
#      without it, started afresh and alternating for ROUNDS rounds of SECONDS s of 1 KiB hits (wrk -t2 -c64).
#
#   bench/cluster.sh [--count N] [--warmup N] [--kinds LIST] [--rounds N] [--seconds S] [--timeline] [--out FILE]
#   (defaults 1000, 400, files,tags,prefixes,hosts,everything, 3, 10: ~2.5 minutes after the build)
#
# --warmup 0 measures the first purges of fresh nodes right after the fill, as runs before the warm-up did.
# --kinds: the runs of the fan-out, in order; a kind may repeat (files,tags,files), each run purging names of its
# own. --rounds 0 skips the hit path.
# --timeline: the nodes write cluster:timeline files during the fan-out, and the report adds where each purge's
# time went (bench/cluster_timeline.py: append, wake-up, apply, acknowledgement, the wait seeing it).
#
# The machine is shared with other benchmark runs: everything after the build runs under flock /tmp/bench.lock.
# Ports are free loopback ports picked at start; everything started is stopped by pid (lib.sh stop_all).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/lib.sh"

COUNT=1000 WARMUP=400 ROUNDS=3 SECONDS_PER_RUN=10 OUT="" TIMELINE=no KINDS=files,tags,prefixes,hosts,everything
while [ $# -gt 0 ]; do
    case "$1" in
        --count) COUNT=$2; shift ;;
        --kinds) KINDS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --seconds) SECONDS_PER_RUN=$2; shift ;;
        --out) OUT=$2; shift ;;
        --timeline) TIMELINE=yes ;;
        -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=${OUT:-$BENCH_DIR/results/cluster-$STAMP.md}
NODES=(a b c)

install_missing wrk:wrk nginx:nginx curl:curl redis-server:redis-server python3:python3
make_tmp
cleanup() { stop_all; rm -rf "$TMP"; }
trap cleanup EXIT

# Eight distinct free loopback ports: origin, redis, and proxy + admin for each node.
read -r ORIGIN_PORT REDIS_PORT PA AA PB AB PC AC < <(python3 -c '
import socket
held = [socket.socket() for _ in range(8)]
for s in held: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in held))')
declare -A PROXY=([a]=$PA [b]=$PB [c]=$PC) ADMIN=([a]=$AA [b]=$AB [c]=$AC)

# node_config NODE CLUSTER(yes|no) — writes $TMP/NODE[-alone].json and prints its path.
node_config() {
    local file=$TMP/$1.json cluster=""
    if [ "$2" = yes ]; then
        local timeline=""
        if [ "$TIMELINE" = yes ]; then timeline=", \"timeline\": \"$TMP/timeline-$1.txt\""; fi
        cluster=", \"cluster\": { \"redis\": \"127.0.0.1:$REDIS_PORT\", \"name\": \"bench\", \"nodeId\": \"$1\"$timeline }"
    else
        file=$TMP/$1-alone.json
    fi
    cat > "$file" <<JSON
{
  "listen": { "proxy": "http://127.0.0.1:${PROXY[$1]}", "admin": "http://127.0.0.1:${ADMIN[$1]}" },
  "cache": { "maxBytes": "1GiB" },
  "zones": [ { "name": "bench", "id": "$ZONE_ID", "hosts": ["127.0.0.1", "localhost"], "origin": "http://127.0.0.1:$ORIGIN_PORT" } ],
  "tokens": [ { "name": "bench", "secret": "$TOKEN", "zones": ["*"], "permissions": ["purge", "read"] } ],
  "purge": { "rateLimit": { "perSecond": 100000, "burst": 100000 } }$cluster
}
JSON
    echo "$file"
}

# start_node NODE CONFIG — starts the published build on CONFIG; sets NODE_PID, adds it to NODE_PIDS.
NODE_PIDS=()
start_node() {
    "$TMP/lacquer/lacquer" --config "$2" > "$TMP/$1.log" 2>&1 &
    NODE_PID=$!
    STARTED_PIDS+=("$NODE_PID")
    NODE_PIDS+=("$NODE_PID")
    wait_http "http://127.0.0.1:${ADMIN[$1]}/healthz"
}

# wait_cluster NODE MEMBERS — until NODE's lease is valid and it lists MEMBERS members (at most 30 s).
wait_cluster() {
    local i
    for ((i = 0; i < 300; i++)); do
        if curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${ADMIN[$1]}/api/cluster" | python3 -c '
import json, sys
state = json.load(sys.stdin)
sys.exit(0 if state.get("lease") == "valid" and len(state.get("members", [])) == int(sys.argv[1]) else 1)' "$2"; then
            return 0
        fi
        sleep 0.1
    done
    log "node $1: no valid lease with $2 members"; return 1
}

# settle_nodes — until the nodes are idle after the fill (their CPU time grew by at most 20 ms, all three
# together, over 0.5 s; at most 20 s): the runtime's background work after a fill (garbage collection, optimised
# recompilation) then no longer runs into the first measured purges.
settle_nodes() {
    local i before after
    cpu_ticks() { for pid in "${NODE_PIDS[@]}"; do cut -d' ' -f14,15 "/proc/$pid/stat"; done | awk '{ s += $1 + $2 } END { print s }'; }
    for ((i = 0; i < 40; i++)); do
        before=$(cpu_ticks); sleep 0.5; after=$(cpu_ticks)
        if [ $((after - before)) -le 2 ]; then log "nodes idle after $(((i + 1) * 5 / 10)) s"; return 0; fi
    done
    log "nodes still busy after 20 s; measuring anyway"
}

# ms VALUE — a wrk latency (850.00us, 3.2ms, 1.1s) in milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

build_lacquer
# What was built, taken now: the worktree may change while this run waits for the lock.
if [ -n "${PUBLISHED_LACQUER:-}" ]; then
    BUILT="the build in PUBLISHED_LACQUER ($PUBLISHED_LACQUER), made beforehand; the worktree is at $(git -C "$REPO_DIR" rev-parse --short HEAD)"
else
    BUILT="$(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet HEAD -- src || echo ' (with uncommitted changes in src)')"
fi
log "waiting for /tmp/bench.lock"
exec 9>/tmp/bench.lock
flock 9
BEGAN=$(date -u '+%Y-%m-%d %H:%M:%S')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "lock taken; ports: origin $ORIGIN_PORT, redis $REDIS_PORT, nodes ${PROXY[*]} / ${ADMIN[*]}"

start_origin
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize no \
    --dir "$TMP" > "$TMP/redis.log" 2>&1 &
STARTED_PIDS+=("$!")
for ((i = 0; i < 100; i++)); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done

# --- 2. fan-out through node a, with b and c following --------------------------------------------------------
for node in "${NODES[@]}"; do
    start_node "$node" "$(node_config "$node" yes)"
done
for node in "${NODES[@]}"; do wait_cluster "$node" 3; done
for node in "${NODES[@]}"; do sweep "${PROXY[$node]}" /m/ 10000 1; done   # something in each cache
if [ "$WARMUP" -gt 0 ]; then
    log "warm-up: $WARMUP purges of each kind through a, not measured; then the caches are filled again"
    python3 "$BENCH_DIR/cluster_purge.py" --warm-up "${ADMIN[a]}" "$ZONE_ID" "$TOKEN" "$WARMUP"
    for node in "${NODES[@]}"; do sweep "${PROXY[$node]}" /m/ 10000 1; done
fi
settle_nodes
log "fan-out: $COUNT purges of each kind through a, wait=all, in the order $KINDS"
FANOUT=$(python3 "$BENCH_DIR/cluster_purge.py" "${ADMIN[a]}" "$ZONE_ID" "$TOKEN" "$COUNT" a,b,c "$KINDS" "$TMP/runs-by-sequence.txt")
echo "$FANOUT" >&2
for pid in "${NODE_PIDS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
STEPS=""
if [ "$TIMELINE" = yes ]; then
    STEPS=$(python3 "$BENCH_DIR/cluster_timeline.py" --runs "$TMP/runs-by-sequence.txt" "$TMP"/timeline-*.txt)
    rm -f "$TMP"/timeline-*.txt   # the hit-path rounds below start node a again with the same file
    echo "$STEPS" >&2
fi

# --- 3. hit path: node a alone, cluster on and off, alternating ------------------------------------------------
LACQUER_PORT=${PROXY[a]} scenario=1k seconds=$SECONDS_PER_RUN
RUNS=$TMP/runs.txt
: > "$RUNS"
for ((round = 1; round <= ROUNDS; round++)); do
    for variant in on off; do
        if [ "$variant" = on ]; then config=$TMP/a.json; else config=$(node_config a no); fi
        start_node a "$config"
        if [ "$variant" = on ]; then wait_cluster a 1; fi
        line=$(measure "$round" "cluster-$variant")
        # Requests forwarded instead of served from cache (a lapsed lease counts here): should be none.
        passed=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${ADMIN[a]}/metrics" \
            | awk '/^lacquer_proxy_requests_total\{.*cache_status="pass"/ { n += $NF } END { print n + 0 }')
        line="$line, passed $passed, $(curl -s -o /dev/null -D - "http://127.0.0.1:${PROXY[a]}/obj/1k" | tr -d '\r' | grep -i '^cache-status')"
        log "$line"
        echo "$line" >> "$RUNS"
        kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

hit_row() { # hit_row VARIANT -> "req/s p99"
    local rps p99
    rps=$(grep " cluster-$1:" "$RUNS" | sed -E 's/.*: ([0-9.]+) req\/s.*/\1/' | median)
    p99=$(grep " cluster-$1:" "$RUNS" | sed -E 's/.*p99 ([0-9.]+[um]?s).*/\1/' | while read -r v; do ms "$v"; done | median)
    echo "$rps $p99"
}
if [ "$ROUNDS" -gt 0 ]; then
    read -r ON_RPS ON_P99 <<< "$(hit_row on)"
    read -r OFF_RPS OFF_P99 <<< "$(hit_row off)"
fi

mkdir -p "$(dirname "$OUT")"
{
    echo "# Cluster purge fan-out and hit path, $BEGAN UTC"
    echo
    echo "- commit: $BUILT"
    echo "- command: \`bench/cluster.sh --count $COUNT --warmup $WARMUP --kinds $KINDS --rounds $ROUNDS --seconds $SECONDS_PER_RUN$([ "$TIMELINE" = yes ] && echo ' --timeline')\`"
    echo "- machine: nproc $(nproc); $(redis-server --version | cut -d' ' -f1-3); load average $LOAD_BEFORE before, $LOAD_AFTER after"
    echo
    echo '```'
    lscpu | head
    echo '```'
    echo
    echo "## Fan-out: purges through node a with \`Lacquer-Purge-Wait: all\`, three nodes, one Redis"
    echo
    echo "One purge at a time on one persistent connection; client = call to answer; apply = the node's"
    echo "\`cluster.appliedMs\` in a's \`/api/purges\` (append to acknowledgement, Redis's clock)."
    if [ "$WARMUP" -gt 0 ]; then
        echo "Before it, after a first fill, $WARMUP unmeasured purges of every kind (round-robin, names of their own), and"
        echo "the caches filled again. Each cache then held"
    else
        echo "No warm-up: the first purges of fresh nodes, right after the fill. Each cache held"
    fi
    echo "10,000 objects of 1 KiB under host 127.0.0.1 before the run. The files, tags and prefixes purges name objects"
    echo "that are not cached (each matches nothing, but every node still looks them up); the first hosts purge"
    echo "(127.0.0.1) empties the caches, so every purge after it runs on empty caches."
    echo
    echo "$FANOUT"
    echo
    if [ -n "$STEPS" ]; then
        echo "## Where the time went (cluster:timeline of the three nodes, monotonic clock, every measured purge of the fan-out)"
        echo
        echo "\"taker\" is node a, which took every purge; \"other\" is b and c together. p50 / p99 ms per run."
        echo
        echo "$STEPS"
        echo
    fi
    if [ "$ROUNDS" -eq 0 ]; then
        echo "Hit path not measured (--rounds 0)."
    else
        echo "## Hit path: 1 KiB hits, node a alone, with and without its \`cluster\` section"
        echo
        echo "wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency, $ROUNDS rounds alternating, each node started afresh; medians."
        echo
        echo "| node | req/s | p99 ms |"
        echo "| --- | ---: | ---: |"
        echo "| cluster on | $ON_RPS | $ON_P99 |"
        echo "| cluster off | $OFF_RPS | $OFF_P99 |"
        echo "| on / off | $(awk -v a="$ON_RPS" -v b="$OFF_RPS" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$ON_P99" -v b="$OFF_P99" 'BEGIN { printf "%.2f", a / b }') |"
        echo
        echo "Rounds:"
        echo
        echo '```'
        cat "$RUNS"
        echo '```'
    fi
} > "$OUT"
log "wrote $OUT"
cat "$OUT"
