#!/bin/sh
# Walking-network benchmark (issue: a city-scale street grid of >= 1,000,000 edges,
# 10,000 sites, 1,000 m cutoff: coverage < 10 s and < 2 GiB; the central-Helsinki
# OpenStreetMap extract end to end < 1 s), through the CLI, GDAL reading included.
# Also prints the straight-line vs walking comparison on Helsinki that docs/network.md
# quotes. Needs only what the build needs (GDAL's command-line tools, python3 for JSON).
#
# The synthetic city: a 708 x 708 grid of street corners 50 m apart (35.4 km square,
# 1,001,112 edges), drawn as 1 km ways (20 segments each) like OpenStreetMap ways,
# in UTM 50N; population: a 100 m raster, 100 people per cell (125,316 cells);
# 10,000 sites at random points (fixed seed).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DAMBIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ambit_cli >/dev/null
ambit=$root/build-bench/tools/ambit
work=${TMPDIR:-/tmp}/ambit-bench-network
rm -rf "$work"
mkdir -p "$work"

n=708
step=50
x0=400000
y0=4400000
awk -v n=$n -v s=$step -v x0=$x0 -v y0=$y0 'BEGIN {
  print "id,WKT"
  seg = 20
  for (r = 0; r < n; r++)           # east-west streets
    for (c = 0; c < n - 1; c += seg) {
      e = c + seg; if (e > n - 1) e = n - 1
      line = (++id) ",\"LINESTRING ("
      for (k = c; k <= e; k++) line = line (k > c ? ", " : "") (x0 + k * s) " " (y0 + r * s)
      print line ")\""
    }
  for (c = 0; c < n; c++)           # north-south streets
    for (r = 0; r < n - 1; r += seg) {
      e = r + seg; if (e > n - 1) e = n - 1
      line = (++id) ",\"LINESTRING ("
      for (k = r; k <= e; k++) line = line (k > r ? ", " : "") (x0 + c * s) " " (y0 + k * s)
      print line ")\""
    }
}' >"$work/grid.csv"
ogr2ogr -f GPKG "$work/grid.gpkg" "$work/grid.csv" -nln streets -a_srs EPSG:32650 \
  -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
size=$(( (n - 1) * step ))
cells=$(( size / 100 ))
gdal_create -of GTiff -outsize $cells $cells -bands 1 -ot Float32 -burn 100 \
  -a_srs EPSG:32650 -a_ullr $x0 $((y0 + cells * 100)) $((x0 + cells * 100)) $y0 "$work/pop.tif" >/dev/null
awk -v n=10000 -v size=$size -v x0=$x0 -v y0=$y0 'BEGIN {
  srand(42); print "id,x,y"
  for (i = 0; i < n; i++) printf "s%d,%.2f,%.2f\n", i, x0 + rand() * size, y0 + rand() * size
}' >"$work/sites.csv"
ogr2ogr -f GPKG "$work/sites.gpkg" "$work/sites.csv" -nln sites -a_srs EPSG:32650 \
  -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo KEEP_GEOM_COLUMNS=NO

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
report() { # $1 label, $2 output dir, $3 time file
  python3 - "$1" "$2/summary.json" "$3" <<'EOF'
import json, sys
label, summary, timefile = sys.argv[1:]
s = json.load(open(summary))
net = s["inputs"]["network"] or {}
t = dict(l.strip().split(": ", 1) for l in open(timefile) if ": " in l)
wall = t["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
rss = int(t["Maximum resident set size (kbytes)"]) / 1024
sec = net.get("seconds", {})
print(f"{label}: wall {wall}, peak RSS {rss:.0f} MiB, edges {net.get('edges')}, "
      f"demand points {s['inputs']['population']['demand_points']}, sites {s['facilities']}, "
      f"read {sec.get('read', 0):.2f} s, build {sec.get('build', 0):.2f} s, "
      f"join demand {sec.get('join_demand', 0):.2f} s, searches {sec.get('search', 0):.2f} s, "
      f"covered {s['covered_population']:.0f} of {s['total_population']:.0f}")
EOF
}
timed() { # $1 time file, rest: command
  f=$1; shift
  /usr/bin/time -v "$@" 2>"$f" >/dev/null || { cat "$f"; exit 1; }
}

echo "## synthetic city: 1,001,112 edges, 10,000 sites, 1,000 m"
for run in 1 2 3; do
  timed "$work/time.txt" "$ambit" coverage --population "$work/pop.tif" \
    --facilities "$work/sites.gpkg" --facility-id id --radius 1000 \
    --network "$work/grid.gpkg" -o "$work/out" --quiet
  report "run $run" "$work/out" "$work/time.txt"
done

echo "## central Helsinki OpenStreetMap extract, sports facilities, three tiers"
pbf=geodata/helsinki/central_helsinki.osm.pbf
for run in 1 2 3; do
  timed "$work/time.txt" "$ambit" coverage --population geodata/helsinki/population_central_250m.tif \
    --facilities geodata/helsinki/facilities_osm.gpkg:sports --facility-id osm_id \
    --tier-field tier --tiers area=1000,community=500,compound=300 \
    --network "$pbf" --max-access 150 -o "$work/hel" --quiet
  report "run $run" "$work/hel" "$work/time.txt"
done

echo "## straight line vs walking, Helsinki: HSY grid spread over 50 m points, inside the hull of the extract's ways"
ogr2ogr -f GPKG "$work/extract.gpkg" "$pbf" -dialect sqlite -nln extract -t_srs EPSG:3879 \
  -sql "SELECT 'osm-extract' AS id, ST_Buffer(ST_ConvexHull(ST_Collect(geometry)), 0.0) AS geometry FROM lines WHERE highway IS NOT NULL"
for kind in straight walk; do
  extra=""
  [ $kind = walk ] && extra="--network $pbf --max-access 150"
  # shellcheck disable=SC2086
  "$ambit" coverage --population geodata/helsinki/population_grid.gpkg \
    --population-field ASUKKAITA --cell 50 \
    --facilities geodata/helsinki/facilities_osm.gpkg:sports --facility-id osm_id \
    --tier-field tier --tiers area=1000,community=500,compound=300 \
    --communities "$work/extract.gpkg" --community-id id $extra -o "$work/$kind" --quiet
done
python3 - "$work/straight/communities.geojson" "$work/walk/communities.geojson" <<'EOF'
import json, sys
s, w = (json.load(open(p))["features"][0]["properties"] for p in sys.argv[1:])
print(f"population inside the extract's hull: {s['population']:.0f}")
print("tier,radius_m,covered_straight,share_straight,covered_walking,share_walking,lost")
for tier, r in (("area", 1000), ("community", 500), ("compound", 300)):
    cs, cw = s[f"{tier}_covered"], w[f"{tier}_covered"]
    print(f"{tier},{r},{cs:.0f},{s[f'{tier}_share']:.3f},{cw:.0f},{w[f'{tier}_share']:.3f},"
          f"{(cs - cw) / cs if cs else 0:.1%}")
EOF
