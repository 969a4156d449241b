#!/bin/sh
# Coverage engine benchmark (issue: 1,000,000 demand points x 10,000 facilities, 500 m,
# a 20 km x 20 km synthetic city; target < 2 s and < 1 GiB), and how time grows with
# demand points and with the radius (pairs). Prints CSV; docs/PERFORMANCE.md quotes it.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_coverage >/dev/null
b=build-bench/scripts/bench/bench_coverage
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "demand_points,facilities,radius_m,pairs,seconds_best_of_3,peak_rss_mib"
echo "# headline"
$b 1000000 10000 500
echo "# demand points (10,000 facilities, 500 m)"
for n in 125000 250000 500000 2000000; do $b $n 10000 500; done
echo "# radius (1,000,000 points, 10,000 facilities)"
for r in 250 1000 2000; do $b 1000000 10000 $r; done
