/*
 * Walking distances (--network) end to end. A hand-built river town whose walks are
 * worked out by hand; the real central-Helsinki OpenStreetMap extract read through
 * GDAL's OSM driver, its length checked against SpatiaLite (GDAL's SQLite dialect)
 * and its coverage against the straight line (a walk is never shorter); a siting run
 * along the network checked by glpsol; and every bad input the issue lists.
 */
#include "ambit_test.h"

#include "cli_util.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEO AMBIT_SOURCE_DIR "/geodata/"
#define PBF GEO "helsinki/central_helsinki.osm.pbf"
#define POP GEO "helsinki/population_central_250m.tif"
#define SPORTS GEO "helsinki/facilities_osm.gpkg:sports"

static char err[16384];

static const char *crs_member =
    "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32649\"}}";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/*
 * A river town in UTM 49N (metres from 500000, 3800000): a south bank (0,0)-(1000,0)
 * and a north bank (0,100)-(1000,100), joined only by a bridge at x = 1000. The
 * facility stands 10 m south of (0,0). Residents: A (100,-20) 10 people, B (0,120)
 * 100 people across the river, C (800,-20) 1000 people. Walks: A 10+100+20 = 130 m,
 * C 10+800+20 = 830 m, B 10+1000+100+1000+20 = 2130 m.
 */
static void write_town(const char *dir, double south_cost)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "{\"type\": \"FeatureCollection\", %s, \"features\": ["
             "{\"type\": \"Feature\", \"properties\": {\"name\": \"south\", \"cost\": %g},"
             " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[500000, 3800000], "
             "[500500, 3800000], [501000, 3800000]]}},"
             "{\"type\": \"Feature\", \"properties\": {\"name\": \"north\", \"cost\": 1000},"
             " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[500000, 3800100], "
             "[500500, 3800100], [501000, 3800100]]}},"
             "{\"type\": \"Feature\", \"properties\": {\"name\": \"bridge\", \"cost\": 100},"
             " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[501000, 3800000], "
             "[501000, 3800100]]}}]}",
             crs_member, south_cost);
    write_file(cli_path(dir, "streets.geojson"), buf);
    snprintf(buf, sizeof buf,
             "{\"type\": \"FeatureCollection\", %s, \"features\": ["
             "{\"type\": \"Feature\", \"properties\": {\"id\": \"A\", \"pop\": 10},"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [500100, 3799980]}},"
             "{\"type\": \"Feature\", \"properties\": {\"id\": \"B\", \"pop\": 100},"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [500000, 3800120]}},"
             "{\"type\": \"Feature\", \"properties\": {\"id\": \"C\", \"pop\": 1000},"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [500800, 3799980]}}]}",
             crs_member);
    write_file(cli_path(dir, "people.geojson"), buf);
    snprintf(buf, sizeof buf,
             "{\"type\": \"FeatureCollection\", %s, \"features\": ["
             "{\"type\": \"Feature\", \"properties\": {\"id\": \"park\"},"
             " \"geometry\": {\"type\": \"Point\", \"coordinates\": [500000, 3799990]}}]}",
             crs_member);
    write_file(cli_path(dir, "park.geojson"), buf);
}

static double town_covered(const char *dir, const char *const *extra, json_t **summary)
{
    char *out = cli_tempdir();
    const char *args[32] = {"coverage",
                            "--population",
                            cli_path(dir, "people.geojson"),
                            "--population-field",
                            "pop",
                            "--facilities",
                            cli_path(dir, "park.geojson"),
                            "--facility-id",
                            "id",
                            "--radius",
                            "1000",
                            "-o",
                            out,
                            "--quiet"};
    size_t n = 14;
    for (size_t i = 0; extra && extra[i]; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    if (cli_run(args, err, sizeof err) != 0)
        fail_msg("ambit failed: %s", err);
    json_t *s = cli_summary(out);
    double covered = cli_num(s, "covered_population");
    if (summary)
        *summary = s;
    else
        json_decref(s);
    free(out);
    return covered;
}

static void test_river_town(void **state)
{
    (void)state;
    char *dir = cli_tempdir();
    write_town(dir, 1000);
    /* straight line: everyone is within 1000 m */
    assert_close(town_covered(dir, NULL, NULL), 1110, 0);
    /* walking: B is 2130 m away round by the bridge */
    json_t *s = NULL;
    const char *walk[] = {"--network", cli_path(dir, "streets.geojson"), NULL};
    assert_close(town_covered(dir, walk, &s), 1010, 0);
    assert_string_equal(json_string_value(json_object_get(s, "distance_kind")), "network");
    json_t *net = json_object_get(json_object_get(s, "inputs"), "network");
    assert_int_equal(json_integer_value(json_object_get(net, "components")), 1);
    assert_int_equal(json_integer_value(json_object_get(net, "edges")), 5);
    assert_close(cli_num(net, "length_km"), 2.1, 1e-12);
    json_decref(s);
    /* the south bank costs three times its length: C is 10 + 2400 + 20 m away */
    write_town(dir, 3000);
    const char *cost[] = {"--network", cli_path(dir, "streets.geojson"), "--network-cost-field",
                          "cost", NULL};
    assert_close(town_covered(dir, cost, NULL), 10, 0);
    free(dir);
}

/*
 * The service area is the south bank from x = 0 to 990 (the 1000 m walk minus the
 * 10 m to the street) buffered by 50 m: a 990 x 100 rectangle and two half-discs,
 * each drawn by GEOS with 8 segments (4 per quarter circle): 99000 + 8 * 50^2 *
 * sin(pi/8) m2.
 */
static void test_service_area(void **state)
{
    (void)state;
    char *dir = cli_tempdir(), *out = cli_tempdir();
    write_town(dir, 1000);
    const char *args[] = {"coverage",
                          "--population",
                          cli_path(dir, "people.geojson"),
                          "--population-field",
                          "pop",
                          "--facilities",
                          cli_path(dir, "park.geojson"),
                          "--radius",
                          "1000",
                          "--network",
                          cli_path(dir, "streets.geojson"),
                          "--service-areas",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    size_t n = 0;
    double area =
        cli_geojson_sum(cli_path(out, "service_areas.geojson"), "area_m2", NULL, NULL, NULL, &n);
    assert_int_equal(n, 1);
    assert_close(area, 99000 + 8 * 2500 * sin(M_PI / 8), 1e-9);
    double reach = cli_geojson_sum(cli_path(out, "service_areas.geojson"), "pop_within_reach", NULL,
                                   NULL, NULL, &n);
    assert_close(reach, 1010, 0);
    /* the same park proposed by `ambit site` has the same service area */
    char *out2 = cli_tempdir();
    const char *site[] = {"site",
                          "--model",
                          "mclp",
                          "--p",
                          "1",
                          "--radius",
                          "1000",
                          "--population",
                          cli_path(dir, "people.geojson"),
                          "--population-field",
                          "pop",
                          "--candidates",
                          cli_path(dir, "park.geojson"),
                          "--network",
                          cli_path(dir, "streets.geojson"),
                          "--service-areas",
                          "-o",
                          out2,
                          "--quiet",
                          NULL};
    if (cli_run(site, err, sizeof err) != 0)
        fail_msg("ambit site failed: %s", err);
    area = cli_geojson_sum(cli_path(out2, "service_areas.geojson"), "area_m2", "status", "new",
                           NULL, &n);
    assert_int_equal(n, 1);
    assert_close(area, 99000 + 8 * 2500 * sin(M_PI / 8), 1e-9);
    free(out2);
    free(dir);
    free(out);
}

/* A number from GDAL's SQLite dialect (SpatiaLite) over the OSM extract's ways. */
static double spatialite_number(const char *sql)
{
    GDALDatasetH ds = GDALOpenEx(PBF, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetExecuteSQL(ds, sql, NULL, "SQLite");
    assert_non_null(l);
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_non_null(f);
    double v = OGR_F_GetFieldAsDouble(f, 0);
    OGR_F_Destroy(f);
    GDALDatasetReleaseResultSet(ds, l);
    GDALClose(ds);
    return v;
}

static json_t *helsinki_run(const char *out, const char *where)
{
    const char *args[24] = {"coverage",
                            "--population",
                            POP,
                            "--facilities",
                            SPORTS,
                            "--facility-id",
                            "osm_id",
                            "--tier-field",
                            "tier",
                            "--tiers",
                            "area=1000,community=500,compound=300",
                            "-o",
                            out,
                            "--quiet"};
    size_t n = 14;
    if (where) {
        args[n++] = "--network";
        args[n++] = PBF;
        args[n++] = "--max-access";
        args[n++] = "150";
        if (*where) {
            args[n++] = "--network-where";
            args[n++] = where;
        }
    }
    args[n] = NULL;
    if (cli_run(args, err, sizeof err) != 0)
        fail_msg("ambit failed: %s", err);
    return cli_summary(out);
}

static void test_helsinki_osm(void **state)
{
    (void)state;
    GDALAllRegister();
    char *a = cli_tempdir(), *b = cli_tempdir(), *c = cli_tempdir();
    /* every highway: count and length (in the working CRS, EPSG:3879) as SpatiaLite has them */
    json_t *all = helsinki_run(a, "highway IS NOT NULL");
    json_t *net = json_object_get(json_object_get(all, "inputs"), "network");
    double n_sql = spatialite_number("SELECT COUNT(*) FROM lines WHERE highway IS NOT NULL");
    double len_sql = spatialite_number(
        "SELECT SUM(ST_Length(ST_Transform(geometry, 3879))) FROM lines WHERE highway IS NOT NULL");
    assert_close(cli_num(net, "features"), n_sql, 0);
    assert_close(cli_num(net, "length_km") * 1000, len_sql, 1e-9);
    /* the default walking filter drops motorways, trunk roads and ways closed to walkers */
    json_t *walk = helsinki_run(b, "");
    json_t *wnet = json_object_get(json_object_get(walk, "inputs"), "network");
    const char *filter = json_string_value(json_object_get(wnet, "filter"));
    assert_non_null(filter);
    char sql[4096];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM lines WHERE %s", filter);
    double n_walk = spatialite_number(sql);
    assert_close(cli_num(wnet, "features"), n_walk, 0);
    assert_true(n_walk < n_sql);
    /* walking never covers more than the straight line, tier by tier */
    json_t *straight = helsinki_run(c, NULL);
    json_t *tw = json_object_get(walk, "tiers"), *ts = json_object_get(straight, "tiers");
    assert_int_equal(json_array_size(tw), 3);
    for (size_t t = 0; t < 3; t++) {
        double w = cli_num(json_array_get(tw, t), "covered_population");
        double s = cli_num(json_array_get(ts, t), "covered_population");
        assert_true(w > 0);
        assert_true(w <= s);
    }
    assert_true(cli_num(walk, "covered_population") < cli_num(straight, "covered_population"));
    json_decref(all);
    json_decref(walk);
    json_decref(straight);
    free(a);
    free(b);
    free(c);
}

/* Siting along the network: our objective equals the optimum glpsol proves for our MIP. */
static void test_site_on_network(void **state)
{
    (void)state;
    if (!cli_have_glpsol())
        skip();
    char *out = cli_tempdir();
    char mps[4096];
    snprintf(mps, sizeof mps, "%s.mps", out);
    const char *args[] = {"site",
                          "--model",
                          "mclp",
                          "--p",
                          "3",
                          "--radius",
                          "500",
                          "--population",
                          POP,
                          "--candidates",
                          GEO "helsinki/facilities_osm.gpkg:candidate_land",
                          "--candidate-id",
                          "osm_id",
                          "--network",
                          PBF,
                          "--max-access",
                          "150",
                          "--write-mps",
                          mps,
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    assert_string_equal(json_string_value(json_object_get(s, "distance_kind")), "network");
    double ours = cli_num(s, "objective");
    assert_true(ours > 0);
    assert_close(ours, -cli_glpsol_objective(mps, out), 1e-9); /* the MPS minimises */
    json_decref(s);
    remove(mps);
    free(out);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    char *dir = cli_tempdir();
    write_town(dir, 1000);
    char people[1024], park[1024], streets[1024], zero[1024], neg[1024], far[1024], nocrs[1024],
        noways[1024];
    snprintf(people, sizeof people, "%s", cli_path(dir, "people.geojson"));
    snprintf(park, sizeof park, "%s", cli_path(dir, "park.geojson"));
    snprintf(streets, sizeof streets, "%s", cli_path(dir, "streets.geojson"));
    snprintf(zero, sizeof zero, "%s", cli_path(dir, "zero.geojson"));
    snprintf(neg, sizeof neg, "%s", cli_path(dir, "neg.geojson"));
    snprintf(far, sizeof far, "%s", cli_path(dir, "far.geojson"));
    snprintf(nocrs, sizeof nocrs, "%s", cli_path(dir, "nocrs.csv"));
    snprintf(noways, sizeof noways, "%s", cli_path(dir, "noways.osm"));
    char buf[2048];
    snprintf(buf, sizeof buf,
             "{\"type\": \"FeatureCollection\", %s, \"features\": [{\"type\": \"Feature\", "
             "\"properties\": {\"cost\": 5}, \"geometry\": {\"type\": \"LineString\", "
             "\"coordinates\": [[500000, 3800000], [500100, 3800000]]}}, {\"type\": \"Feature\", "
             "\"properties\": {\"cost\": 5}, \"geometry\": {\"type\": \"LineString\", "
             "\"coordinates\": [[500300, 3800000], [500300, 3800000]]}}]}",
             crs_member);
    write_file(zero, buf);
    snprintf(buf, sizeof buf,
             "{\"type\": \"FeatureCollection\", %s, \"features\": [{\"type\": \"Feature\", "
             "\"properties\": {\"cost\": -5}, \"geometry\": {\"type\": \"LineString\", "
             "\"coordinates\": [[500000, 3800000], [500100, 3800000]]}}]}",
             crs_member);
    write_file(neg, buf);
    write_file(far, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                    "\"properties\": {}, \"geometry\": {\"type\": \"LineString\", "
                    "\"coordinates\": [[116.39, 39.90], [116.40, 39.91]]}}]}");
    write_file(nocrs, "WKT,id\n\"LINESTRING (500000 3800000, 500100 3800000)\",1\n");
    write_file(noways, "<?xml version=\"1.0\"?>\n<osm version=\"0.6\"><node id=\"1\" "
                       "lat=\"60.1\" lon=\"24.9\"/><node id=\"2\" lat=\"60.2\" "
                       "lon=\"24.9\"/></osm>\n");
#define TOWN "--population", people, "--population-field", "pop", "--facilities", park
    const cli_bad cases[] = {
        {"network of polygons",
         {TOWN, "--radius", "500", "--network", GEO "helsinki/facilities_osm.gpkg:candidate_land",
          "-o", CLI_OUT, NULL},
         1,
         "holds polygons, not lines"},
        {"network of points",
         {TOWN, "--radius", "500", "--network", people, "-o", CLI_OUT, NULL},
         1,
         "holds points, not lines"},
        {"empty after the filter",
         {TOWN, "--radius", "500", "--network", streets, "--network-where", "name = 'nowhere'",
          "-o", CLI_OUT, NULL},
         1,
         "is left after the filter 'name = 'nowhere''"},
        {"filter GDAL cannot parse",
         {TOWN, "--radius", "500", "--network", streets, "--network-where", "name ===", "-o",
          CLI_OUT, NULL},
         2,
         "--network-where: GDAL cannot use 'name ==='"},
        {"network without a CRS",
         {TOWN, "--radius", "500", "--network", nocrs, "-o", CLI_OUT, NULL},
         1,
         "has no CRS"},
        {"network far from all demand",
         {TOWN, "--radius", "500", "--network", far, "-o", CLI_OUT, NULL},
         1,
         "is far from all demand"},
        {"every demand point beyond --max-access",
         {TOWN, "--radius", "500", "--network", streets, "--max-access", "15", "-o", CLI_OUT, NULL},
         1,
         "is far from all demand: the nearest demand point is 20 m"},
        {"zero-length line",
         {TOWN, "--radius", "500", "--network", zero, "-o", CLI_OUT, NULL},
         1,
         "feature 1 of layer 'zero' in '"},
        {"negative cost",
         {TOWN, "--radius", "500", "--network", neg, "--network-cost-field", "cost", "-o", CLI_OUT,
          NULL},
         1,
         "has cost -5; a cost is a positive number of metres"},
        {"unknown cost field",
         {TOWN, "--radius", "500", "--network", streets, "--network-cost-field", "minutes", "-o",
          CLI_OUT, NULL},
         1,
         "minutes"},
        {"osm file without ways",
         {TOWN, "--radius", "500", "--network", noways, "-o", CLI_OUT, NULL},
         1,
         "has no OpenStreetMap ways"},
        {"--snap without --network",
         {TOWN, "--radius", "500", "--snap", "2", "-o", CLI_OUT, NULL},
         2,
         "need --network"},
        {"negative snap",
         {TOWN, "--radius", "500", "--network", streets, "--snap", "-1", "-o", CLI_OUT, NULL},
         1,
         "--snap: -1 is outside"},
        {"--service-area-buffer without --service-areas",
         {TOWN, "--radius", "500", "--service-area-buffer", "20", "-o", CLI_OUT, NULL},
         2,
         "needs --service-areas"},
    };
    cli_expect_failures("coverage", cases, sizeof cases / sizeof *cases);
    const cli_bad site_cases[] = {
        {"--od with --network",
         {"--model", "mclp", "--p", "1", "--radius", "500", "--od", streets, "--candidates", park,
          "--network", streets, "-o", CLI_OUT, NULL},
         2,
         "give --od or --network, not both"},
        {"p-median with demand the network cannot reach",
         {"--model", "pmedian", "--p", "1", "--population", POP, "--candidates",
          GEO "helsinki/facilities_osm.gpkg:candidate_land", "--network", PBF, "-o", CLI_OUT, NULL},
         1,
         "reached by no site (off the network or on another piece of it)"},
    };
    cli_expect_failures("site", site_cases, sizeof site_cases / sizeof *site_cases);
    const cli_bad sa_cases[] = {
        {"service areas of a p-median",
         {"--model", "pmedian", "--p", "1", "--population", people, "--population-field", "pop",
          "--candidates", park, "--service-areas", "-o", CLI_OUT, NULL},
         2,
         "--service-areas needs a radius"},
    };
    cli_expect_failures("site", sa_cases, 1);
#undef TOWN
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_river_town),   cmocka_unit_test(test_service_area),
        cmocka_unit_test(test_helsinki_osm), cmocka_unit_test(test_site_on_network),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
