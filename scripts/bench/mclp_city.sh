#!/bin/sh
# MCLP on the synthetic city (issue 3 target: 100,000 demand x 5,000 candidates, p = 100,
# 1 km, < 5 s including coverage, gap reported < 1 %), plus smaller sizes. Prints CSV.
#
# With --rounds: what more perturbation rounds (--iterations) buy instead: the default against
# 400 and 2,000 rounds at 30,000 x 2,000 (p = 60) and 100,000 x 5,000 (p = 100); the bound does
# not change with the rounds. Last column: the rounds. About 6 minutes on 2 cores.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_mclp >/dev/null
b=build-bench/scripts/bench/bench_mclp
if [ "${1:-}" = "--rounds" ]; then
  echo "demand,candidates,p,radius_m,pairs,covered,total,bound,gap_pct,cover_s,solve_s,total_s,peak_rss_mib,rounds"
  for size in "30000 2000 60" "100000 5000 100"; do
    for rounds in -1 400 2000; do
      # shellcheck disable=SC2086
      line=$($b $size 1000 0 - "$rounds" | tail -1)
      echo "$line,$([ "$rounds" = -1 ] && echo default || echo "$rounds")"
    done
  done
  exit 0
fi
$b 100000 5000 100 1000
for size in "5000 500 20" "30000 2000 60" "100000 5000 20" "100000 5000 300"; do
  # shellcheck disable=SC2086
  $b $size 1000 | tail -1
done
echo "# the headline case on one core (OMP_NUM_THREADS=1)"
OMP_NUM_THREADS=1 $b 100000 5000 100 1000 | tail -1
