#!/bin/sh
# One command from a fresh Debian machine: install dependencies, build ambit, and run
# the main job on the shipped sample data (central Helsinki, real OSM facilities).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
out=$root/out/helsinki-sports
./build/tools/ambit coverage \
  --population geodata/helsinki/population_central_250m.tif \
  --facilities geodata/helsinki/facilities_osm.gpkg:sports \
  --facility-id osm_id --facility-name name \
  --tier-field tier --tiers area=1000,community=500,compound=300 \
  -o "$out"
# The planning review on the same data: today, two plans, their comparison and a report.
review=$root/out/review
for s in today plan-a-community plan-b-tiers; do
  ./build/tools/ambit run "geodata/scenarios/$s.yaml" -o "$review/$s" --quiet
done
./build/tools/ambit compare "$review/today" "$review/plan-a-community" "$review/plan-b-tiers" \
  -o "$review/comparison" --html --quiet
./build/tools/ambit report "$review/plan-b-tiers" -o "$review/plan-b-tiers/report.html" --quiet
echo
echo "ambit: built build/tools/ambit; outputs of the Helsinki sports-park coverage run in:"
echo "  $out/communities.geojson  $out/facilities.geojson  $out/uncovered.geojson  $out/summary.json"
echo "and of the planning review (docs/scenarios.md) in $review:"
echo "  comparison/comparison.md  comparison/comparison.html  plan-b-tiers/report.html"
