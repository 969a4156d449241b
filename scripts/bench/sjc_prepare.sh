#!/bin/sh
# Converts a Sao Jose dos Campos MCLP instance (Lorena & Pereira; ../shared/data/sjc, CC BY-NC-SA:
# never copied into the project) into a GeoPackage of points in EPSG:32723 with field demand.
# Usage: sjc_prepare.sh SJCxxx.txt OUT.gpkg
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# line 1 is a header of placeholders; then x, y (northing less 7,000,000 m), demand
tr -d '\r' < "$1" | awk 'NR == 1 {print "id,x,y,demand"; next} NF >= 3 {printf "n%d,%s,%.1f,%s\n", NR - 1, $1, $2 + 7000000, $3}' > "$tmp/sjc.csv"
rm -f "$2"
ogr2ogr -f GPKG "$2" "$tmp/sjc.csv" -nln nodes -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y \
  -a_srs EPSG:32723 -dialect sqlite \
  -sql "SELECT id, CAST(demand AS REAL) AS demand, geometry FROM sjc"
