#!/bin/sh
# MCLP on the Sao Jose dos Campos instances (SJC324, SJC500, SJC818; every node a demand
# point and a candidate; Euclidean; radius 150 m and 200 m) with `ambit site`, and the exact
# optimum from CBC on the MIP that --write-mps writes, within a time limit.
# Needs ../shared/data/sjc (or give its folder), cbc and python3. Prints a Markdown table.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$root/../shared/data/sjc}
limit=${CBC_SECONDS:-120}
# p values: P_VALUES="20 40 60" to run another grid (default 2..12, the table in docs/QUALITY.md)
pvalues=${P_VALUES:-2 4 6 8 10 12}
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ambit_cli >/dev/null
ambit=build-bench/tools/ambit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| instance | radius (m) | p | ambit covered | total | ambit bound | ambit gap % | ambit s | CBC objective | CBC status | CBC s | ambit vs CBC % |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"
for inst in SJC324 SJC500 SJC818; do
  scripts/bench/sjc_prepare.sh "$data/$inst.txt" "$work/$inst.gpkg"
  for radius in 150 200; do
    for p in $pvalues; do
      out=$work/$inst-$radius-$p
      t0=$(date +%s.%N)
      $ambit site --population "$work/$inst.gpkg" --population-field demand \
        --candidates "$work/$inst.gpkg" --candidate-id id --model mclp --p "$p" \
        --radius "$radius" --write-mps "$out.mps" -o "$out" --quiet
      t1=$(date +%s.%N)
      c0=$(date +%s.%N)
      cbc "$out.mps" -sec "$limit" -solve -solu "$out.cbc" > "$out.cbclog" 2>&1 || true
      c1=$(date +%s.%N)
      python3 - "$out/summary.json" "$out.cbc" "$t0" "$t1" "$c0" "$c1" "$inst" "$radius" "$p" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
first = open(sys.argv[2]).readline()
status = first.split(" - ")[0].strip().replace("Optimal", "optimal")
obj = -float(first.rsplit("value", 1)[1]) if "value" in first else float("nan")
ours = s["covered_population"] - s["covered_population_before"]
t = float(sys.argv[4]) - float(sys.argv[3]); ct = float(sys.argv[6]) - float(sys.argv[5])
diff = 100 * (ours - obj) / obj if obj == obj and obj else float("nan")
print(f"| {sys.argv[7]} | {sys.argv[8]} | {sys.argv[9]} | {ours:.0f} | {s['total_population']:.0f} | "
      f"{s['bound']:.1f} | {100*s['gap']:.3f} | {t:.2f} | {obj:.0f} | {status} | {ct:.1f} | {diff:.3f} |")
PY
    done
  done
done
