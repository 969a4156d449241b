#!/bin/sh
# ambit next to an exact MIP solver (CBC, and GLPK where it finishes) on the very MIP that
# `ambit site --write-mps` writes: objective and wall time, side by side.
# Instances: spopt's San Francisco case (shipped in geodata/) and the synthetic city of
# bench_mclp at two sizes. EXACT_SECONDS caps each exact solver (default 300). Needs cbc,
# glpsol, bc and python3. Prints a Markdown table.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
limit=${EXACT_SECONDS:-300}
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ambit_cli bench_mclp >/dev/null
ambit=build-bench/tools/ambit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
# cbc_run MPS -> "objective status seconds"
cbc_run() {
  t0=$(now)
  cbc "$1" -sec "$limit" -solve -solu "$1.sol" > "$1.log" 2>&1 || true
  t1=$(now)
  python3 - "$1.sol" "$t0" "$t1" "$1.log" <<'PY'
import re, sys
line = open(sys.argv[1]).readline()
status = line.split(" - ")[0].strip()
obj = float(line.rsplit("value", 1)[1]) if "value" in line else float("nan")
lp = re.search(r"Continuous objective value is (\S+) - ([0-9.]+) seconds", open(sys.argv[4]).read())
lp = f"{float(lp.group(1)):.1f} ({float(lp.group(2)):.1f} s)" if lp else "-"
print(f"{obj:.1f}|{status}|{float(sys.argv[3]) - float(sys.argv[2]):.2f}|{lp}")
PY
}
glpk_run() {
  t0=$(now)
  timeout "$limit" glpsol --freemps "$1" -o "$1.glpk" > /dev/null 2>&1 || true
  t1=$(now)
  python3 - "$1.glpk" "$t0" "$t1" <<'PY'
import sys, os
obj, status = float("nan"), "no answer in time"
if os.path.exists(sys.argv[1]):
    for line in open(sys.argv[1]):
        if line.startswith("Status:"): status = line.split(":", 1)[1].strip()
        if line.startswith("Objective:"): obj = float(line.split("=")[1].split()[0])
print(f"{obj:.1f}|{status}|{float(sys.argv[3]) - float(sys.argv[2]):.2f}")
PY
}
row() { # name, ambit objective (MIP sense), ambit seconds, mps
  c=$(cbc_run "$4"); g=$(glpk_run "$4")
  echo "| $1 | $2 | $3 | $(echo "$c" | cut -d'|' -f1) | $(echo "$c" | cut -d'|' -f2) | $(echo "$c" | cut -d'|' -f3) | $(echo "$c" | cut -d'|' -f4) | $(echo "$g" | cut -d'|' -f1) | $(echo "$g" | cut -d'|' -f2) | $(echo "$g" | cut -d'|' -f3) |"
}
mip_objective() { # summary.json -> objective in the MIP's sense (coverage models: minus the
  # newly covered population; with capacities minus all the population served)
  python3 -c "
import json,sys; s=json.load(open('$1'))
if s['model'] in ('pmedian','target'): v = s['objective']
elif s['capacitated']: v = -s['covered_population']
else: v = -(s['covered_population']-s['covered_population_before'])
print('%.1f' % v)"
}
echo "| instance | ambit objective | ambit s | CBC objective | CBC status | CBC s | CBC LP relaxation | GLPK objective | GLPK status | GLPK s |"
echo "|---|---:|---:|---:|---|---:|---:|---:|---|---:|"
sf="--od geodata/spopt-sf/od_network.csv --od-demand DestinationName --od-site name --od-cost distance --od-weight demand --quiet"
for spec in "mclp --p 4 --radius 5000" "pmedian --p 4" "target --coverage 0.95 --radius 5000" \
  "mclp --p 4 --radius 5000 --capacity 200000"; do
  name=$(echo "$spec" | tr -d ' -')
  t0=$(now)
  # shellcheck disable=SC2086
  $ambit site $sf --model $spec --write-mps "$work/sf-$name.mps" -o "$work/sf-$name"
  t1=$(now)
  row "SF $spec" "$(mip_objective "$work/sf-$name/summary.json")" "$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")" "$work/sf-$name.mps"
done
# the synthetic city at three sizes (ambit's own timing is the library's, coverage included)
for size in "5000 500 20" "30000 2000 60"; do
  set -- $size
  out=$(build-bench/scripts/bench/bench_mclp "$1" "$2" "$3" 1000 0 "$work/city-$1.mps" | tail -1)
  obj=$(echo "$out" | cut -d, -f6); secs=$(echo "$out" | cut -d, -f12)
  row "city $1 x $2, p=$3, 1 km (mclp)" "-$obj" "$secs" "$work/city-$1.mps"
done
