#!/usr/bin/env bash
# A/B of runtime settings: one Lacquer build and one origin; Lacquer is started afresh for each variant, with
# that variant's environment, and the variants alternate for several rounds (A B C A B C ...). For settings
# that need no rebuild, such as the GC mode (bench/results/history.md, "GC mode").
#
#   bench/ab.sh SCENARIO ROUNDS SECONDS VARIANT...
#     SCENARIO  1k | 16k | 1m (hits on /obj/<size>) or miss (every request a new URL)
#     VARIANT   name:VAR=value,VAR=value   (name: alone for the defaults)
#   e.g. bench/ab.sh miss 3 5 default: workstation:DOTNET_gcServer=0 runtime-gen0:DOTNET_GCgen0size=0
#   (every variant inherits lib.sh's DOTNET_GCgen0size=0x400000 unless it sets its own; 0 is the runtime's default)
#   Each fresh process first runs the scenario's own load for WARM_HIT_SECONDS (10) or, for misses,
#   WARM_MISS_SECONDS (20), so that the JIT has tiered the code up (lib.sh, "Warm-up"); WARM_SECONDS overrides
#   both (e.g. WARM_SECONDS=1 to measure a cold start). The warm-up's misses stay in the cache.
#
# Ports 19080-19082, so that it can run beside run.sh; everything started is stopped by pid.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ORIGIN_PORT=19080
LACQUER_PORT=19081
ADMIN_PORT=19082
source "$BENCH_DIR/lib.sh"

scenario=$1 rounds=$2 seconds=$3
shift 3
make_tmp
trap 'stop_all; rm -rf "$TMP"' EXIT
build_lacquer
start_origin

for ((round = 1; round <= rounds; round++)); do
    for variant in "$@"; do
        name=${variant%%:*}
        IFS=',' read -ra settings <<< "${variant#*:}"
        measure_fresh "$TMP/lacquer/lacquer" "$round" "$name" "${settings[@]}"
    done
done
