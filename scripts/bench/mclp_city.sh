#!/bin/sh
# MCLP on the synthetic city (issue 3 target: 100,000 demand x 5,000 candidates, p = 100,
# 1 km, < 5 s including coverage, gap reported < 1 %), plus smaller sizes. Prints CSV.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_mclp >/dev/null
b=build-bench/scripts/bench/bench_mclp
$b 100000 5000 100 1000
for size in "5000 500 20" "30000 2000 60" "100000 5000 20" "100000 5000 300"; do
  # shellcheck disable=SC2086
  $b $size 1000 | tail -1
done
echo "# the headline case on one core (OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 $b 100000 5000 100 1000 | tail -1
