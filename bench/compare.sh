#!/usr/bin/env bash
# Before/after of a change: the Lacquer of an earlier commit against the working tree's, on one origin, with
# the two builds started afresh and alternating for several rounds (base head base head ...), so that the
# machine's noise falls on both alike. Quote the ratios per round, not one absolute figure.
#
#   bench/compare.sh BASE_REV SCENARIO ROUNDS SECONDS
#     BASE_REV  a commit (e.g. main~3 or a hash); built from a temporary git worktree
#     SCENARIO  1k | 16k | 1m (hits on /obj/<size>), miss (every request a new URL) or pass (a 1 MiB no-store
#               response, never cached); several separated by commas (miss,pass) share one pair of builds
#   e.g. bench/compare.sh 3ee0a11 1k 3 10      bench/compare.sh 8ba133a miss,pass 3 10
#   Each fresh process runs the scenario's own load first (10 s for hits and pass, 20 s for misses: the JIT's
#   tier-up, lib.sh "Warm-up"; WARM_HIT_SECONDS, WARM_MISS_SECONDS or WARM_SECONDS change it), then the measured run.
#   PUBLISHED_BASE=DIR and PUBLISHED_LACQUER=DIR use builds published beforehand (dotnet publish src/Lacquer.Host
#   -c Release -o DIR), so that a run waiting for the bench lock does not build while holding it.
#
# Ports 19080-19082 like ab.sh (ORIGIN_PORT, LACQUER_PORT, ADMIN_PORT override them); everything started is stopped by pid.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ORIGIN_PORT=${ORIGIN_PORT:-19080}
LACQUER_PORT=${LACQUER_PORT:-19081}
ADMIN_PORT=${ADMIN_PORT:-19082}
source "$BENCH_DIR/lib.sh"

base=$1 scenarios=$2 rounds=$3 seconds=$4
make_tmp
cleanup() {
    stop_all
    git -C "$REPO_DIR" worktree remove --force "$TMP/base-src" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

build_lacquer
if [ -n "${PUBLISHED_BASE:-}" ]; then
    # Published beforehand from BASE_REV (dotnet publish src/Lacquer.Host -c Release -o DIR), as PUBLISHED_LACQUER for the head.
    log "using the build of $base in $PUBLISHED_BASE"
    ln -s "$PUBLISHED_BASE" "$TMP/base"
    base_name=$base
else
    log "building $base (Release)"
    git -C "$REPO_DIR" worktree add -q --detach "$TMP/base-src" "$base"
    dotnet publish "$TMP/base-src/src/Lacquer.Host/Lacquer.Host.csproj" -c Release -o "$TMP/base" --nologo -v quiet > "$TMP/base-build.log" 2>&1 \
        || { cat "$TMP/base-build.log" >&2; exit 1; }
    base_name=$(git -C "$TMP/base-src" rev-parse --short HEAD)
fi
start_origin

log "base $base_name, head $(git -C "$REPO_DIR" rev-parse --short HEAD) plus the working tree${PUBLISHED_LACQUER:+ (published in $PUBLISHED_LACQUER)}"
IFS=, read -r -a scenario_list <<< "$scenarios"
for scenario in "${scenario_list[@]}"; do
    echo "== $scenario"
    for ((round = 1; round <= rounds; round++)); do
        for build in base head; do
            binary="$TMP/lacquer/lacquer"
            if [ "$build" = base ]; then binary="$TMP/base/lacquer"; fi
            measure_fresh "$binary" "$round" "$build"
        done
    done
done
