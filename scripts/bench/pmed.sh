#!/bin/sh
# OR-Library pmed1-40 against the published optima (needs ../shared/data/pmed).
# Writes CSV to stdout; docs/QUALITY.md quotes it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/pmed}
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_pmed >/dev/null
build-bench/scripts/bench/bench_pmed "$data" 1 40
