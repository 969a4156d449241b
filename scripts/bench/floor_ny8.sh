#!/bin/sh
# The per-community floor on NY8 (281 tracts as communities and population, candidates on a
# 2 km grid, 50 % of every tract within 3 km), and CBC on the MIP of --write-mps: its LP
# relaxation (a lower bound on the number of sites) and its best answer within the limit.
# Needs cbc. Prints the numbers docs/site.md quotes.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
limit=${CBC_SECONDS:-120}
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ambit_cli >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t=geodata/ny8/ny8_tracts.gpkg:tracts
build-bench/tools/ambit site --communities $t --community-id AREAKEY --population $t \
  --population-field POP8 --cell 1000 --candidate-grid 2000 --model floor \
  --community-floor 0.5 --radius 3000 --write-mps "$work/floor.mps" -o "$work/out" --quiet
grep -E '"(objective|bound|gap|elapsed_s)"' "$work/out/summary.json"
cbc "$work/floor.mps" -sec "$limit" -solve -solu "$work/sol" 2>&1 |
  grep -E "Continuous objective|Result|Objective value" || true
