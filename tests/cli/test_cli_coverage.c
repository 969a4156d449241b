/*
 * `ambit coverage` end to end on the shipped geodata. Known answers come from
 * the sources themselves (population totals published with each data set), from
 * identities that must hold (facility polygons cover everyone inside them), and
 * from sums over the written GeoJSON, not from earlier runs of ours.
 */
#include "ambit_test.h"

#include "cli_util.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEO AMBIT_SOURCE_DIR "/geodata/"

static const double helsinki_box[4] = {24.4, 60.0, 25.4, 60.5};
static char err[16384];

static void test_help_version_usage(void **state)
{
    (void)state;
    const char *help[] = {"coverage", "--help", NULL};
    assert_int_equal(cli_run(help, err, sizeof err), 0);
    const char *version[] = {"--version", NULL};
    assert_int_equal(cli_run(version, err, sizeof err), 0);
    const char *none[] = {NULL};
    assert_int_equal(cli_run(none, err, sizeof err), 2);
    const char *unknown[] = {"frobnicate", NULL};
    assert_int_equal(cli_run(unknown, err, sizeof err), 2);
    const char *bad_flag[] = {"coverage", "--population", "x", "--nope", NULL};
    assert_int_equal(cli_run(bad_flag, err, sizeof err), 2);
    assert_non_null(strstr(err, "--nope"));
}

/* Helsinki, the full HSY grid as a raster: 1,117,552 residents (the data set's own total). */
static void test_helsinki_raster_tiers(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *args[] = {"coverage",
                          "--population",
                          GEO "helsinki/population_250m.tif",
                          "--facilities",
                          GEO "helsinki/facilities_osm.gpkg:sports",
                          "--tier-field",
                          "tier",
                          "--tiers",
                          "area=1000,community=500,compound=300",
                          "--facility-id",
                          "osm_id",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    double total = cli_num(s, "total_population"), covered = cli_num(s, "covered_population");
    assert_close(total, 1117552.0, 0);
    assert_true(covered > 0 && covered < total);
    assert_string_equal(json_string_value(json_object_get(json_object_get(s, "crs"), "name")),
                        "EPSG:3879");
    assert_string_equal(json_string_value(json_object_get(s, "distance_kind")), "euclidean");
    json_t *tiers = json_object_get(s, "tiers");
    assert_int_equal(json_array_size(tiers), 3);
    const char *names[] = {"area", "community", "compound"};
    double radii[] = {1000, 500, 300}, max_tier = 0;
    for (size_t t = 0; t < 3; t++) {
        json_t *tier = json_array_get(tiers, t);
        assert_string_equal(json_string_value(json_object_get(tier, "name")), names[t]);
        assert_close(cli_num(tier, "radius_m"), radii[t], 0);
        double cov = cli_num(tier, "covered_population");
        max_tier = fmax(max_tier, cov);
        /* each facility's nearest-population partitions the tier's covered population */
        size_t nf;
        double nearest = cli_geojson_sum(cli_path(out, "facilities.geojson"), "pop_nearest", "tier",
                                         names[t], helsinki_box, &nf);
        assert_close(nearest, cov, 1e-9);
        assert_int_equal(nf, (size_t)cli_num(tier, "facilities"));
        /* covered + uncovered = total */
        double unc = cli_geojson_sum(cli_path(out, "uncovered.geojson"), "population", "tier",
                                     names[t], helsinki_box, NULL);
        assert_close(cov + unc, total, 1e-9);
        /* the study area's community row carries the same numbers */
        char field[64];
        snprintf(field, sizeof field, "%s_covered", names[t]);
        assert_close(cli_geojson_sum(cli_path(out, "communities.geojson"), field, NULL, NULL,
                                     helsinki_box, NULL),
                     cov, 1e-9);
    }
    assert_true(covered >= max_tier);
    json_decref(s);
    free(out);
}

/* The same grid as polygons, spread over a 250 m grid: the total is conserved. */
static void test_helsinki_polygons_conserve_total(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *args[] = {"coverage",
                          "--population",
                          GEO "helsinki/population_grid.gpkg",
                          "--population-field",
                          "ASUKKAITA",
                          "--cell",
                          "250",
                          "--facilities",
                          GEO "helsinki/facilities_osm.gpkg:community_services",
                          "--radius",
                          "500",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    assert_close(cli_num(s, "total_population"), 1117552.0, 1e-9);
    json_t *tier = json_array_get(json_object_get(s, "tiers"), 0);
    assert_string_equal(json_string_value(json_object_get(tier, "name")), "all");
    assert_close(cli_num(tier, "covered_population"), cli_num(s, "covered_population"), 0);
    json_decref(s);
    free(out);
}

/*
 * Luoyang, raw boundaries (9 of 15 invalid): repaired and counted; 6,847,854 people
 * (the census total over the 15 districts); geographic input goes to UTM 49N.
 * With the districts themselves as facilities, everyone is inside one: covered = total.
 */
static void test_luoyang_repair_crs_and_polygon_reach(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *layer = GEO "luoyang/districts_pop2020_raw.geojson";
    const char *args[] = {
        "coverage", "--communities", layer, "--community-id",     "adcode",  "--community-name",
        "name",     "--population",  layer, "--population-field", "pop2020", "--cell",
        "2000",     "--facilities",  layer, "--radius",           "1",       "-o",
        out,        "--quiet",       NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    double total = cli_num(s, "total_population");
    assert_close(total, 6847854.0, 1e-9);
    assert_close(cli_num(s, "covered_population"), total, 1e-9);
    json_t *crs = json_object_get(s, "crs");
    assert_string_equal(json_string_value(json_object_get(crs, "name")), "EPSG:32649");
    /* as many repairs as OGR's own validity check finds invalid polygons in the source */
    GDALAllRegister();
    GDALDatasetH src = GDALOpenEx(layer, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH ls = GDALDatasetGetLayer(src, 0);
    OGRFeatureH f;
    int invalid = 0;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    while ((f = OGR_L_GetNextFeature(ls))) {
        invalid += !OGR_G_IsValid(OGR_F_GetGeometryRef(f));
        OGR_F_Destroy(f);
    }
    CPLPopErrorHandler();
    OGR_L_ResetReading(ls);
    assert_true(invalid >= 8); /* the data set's README counts 9 with another checker */
    json_t *counts = json_object_get(s, "counts");
    assert_close(cli_num(counts, "repaired_communities"), invalid, 0);
    assert_close(cli_num(counts, "repaired_population"), invalid, 0);
    /* per district: the population written equals the census value (overlaps are slivers) */
    GDALDatasetH res =
        GDALOpenEx(cli_path(out, "communities.geojson"), GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH lr = GDALDatasetGetLayer(res, 0);
    assert_int_equal(OGR_L_GetFeatureCount(lr, 1), 15);
    while ((f = OGR_L_GetNextFeature(ls))) {
        char filter[128];
        snprintf(filter, sizeof filter, "community_id = '%s'",
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "adcode")));
        OGR_L_SetAttributeFilter(lr, filter);
        OGRFeatureH g = OGR_L_GetNextFeature(lr);
        assert_non_null(g);
        double want = OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "pop2020"));
        assert_close(OGR_F_GetFieldAsDouble(g, OGR_F_GetFieldIndex(g, "population")), want, 2e-3);
        OGR_F_Destroy(g);
        OGR_F_Destroy(f);
    }
    GDALClose(src);
    GDALClose(res);
    json_decref(s);

    /* --strict refuses the invalid polygons, names the feature, writes nothing */
    char *out2 = cli_tempdir();
    const char *strict[] = {"coverage", "--communities",
                            layer,      "--population",
                            layer,      "--population-field",
                            "pop2020",  "--cell",
                            "2000",     "--facilities",
                            layer,      "--radius",
                            "1",        "-o",
                            out2,       "--strict",
                            NULL};
    assert_int_equal(cli_run(strict, err, sizeof err), 1);
    assert_non_null(strstr(err, "invalid polygon"));
    assert_non_null(strstr(err, "feature"));
    assert_int_equal(cli_dir_entries(out2), 0);
    free(out);
    free(out2);
}

/* NY8: 281 tracts, 1,057,673 people (1980 census), as communities and as population. */
static void test_ny8_tracts(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *tracts = GEO "ny8/ny8_tracts.gpkg:tracts";
    const char *args[] = {"coverage",
                          "--communities",
                          tracts,
                          "--community-id",
                          "AREAKEY",
                          "--population",
                          tracts,
                          "--population-field",
                          "POP8",
                          "--cell",
                          "500",
                          "--facilities",
                          GEO "ny8/illustrative_facilities.geojson",
                          "--facility-id",
                          "id",
                          "--radius",
                          "5000",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    assert_close(cli_num(s, "total_population"), 1057673.0, 1e-9);
    assert_close(cli_num(json_object_get(s, "counts"), "repaired_communities"), 5, 0);
    assert_close(cli_num(s, "communities"), 281, 0);
    const double ny_box[4] = {-77.5, 41.5, -74.5, 44.0};
    size_t n;
    double pop =
        cli_geojson_sum(cli_path(out, "communities.geojson"), "population", NULL, NULL, ny_box, &n);
    assert_int_equal(n, 281);
    assert_close(pop + cli_num(json_object_get(s, "counts"), "population_outside_communities"),
                 1057673.0, 1e-9);
    double cov = cli_geojson_sum(cli_path(out, "communities.geojson"), "all_covered", NULL, NULL,
                                 NULL, NULL);
    double facilities = cli_geojson_sum(cli_path(out, "communities.geojson"), "all_facilities",
                                        NULL, NULL, NULL, NULL);
    assert_close(facilities, 24, 0);
    assert_true(cov > 0 && cov <= cli_num(s, "covered_population") + 1e-6);
    json_decref(s);
    free(out);
}

/* ------------------------------------------------------------ bad input */

/* A fixture layer written with OGR: points at (x, y) with a population value each. */
static void make_points(const char *path, int with_crs, size_t n, const double *pop, int numeric)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    OGRSpatialReferenceH srs = NULL;
    if (with_crs) {
        srs = OSRNewSpatialReference(NULL);
        OSRImportFromEPSG(srs, 3879);
    }
    OGRLayerH l = GDALDatasetCreateLayer(ds, "pts", srs, wkbPoint, NULL);
    OGRFieldDefnH fd = OGR_Fld_Create("pop", numeric ? OFTReal : OFTString);
    OGR_L_CreateField(l, fd, 1);
    OGR_Fld_Destroy(fd);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        if (numeric)
            OGR_F_SetFieldDouble(f, 0, pop[i]);
        else
            OGR_F_SetFieldString(f, 0, "many");
        OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(g, 0, 25496500 + 100.0 * (double)i, 6673000);
        OGR_F_SetGeometryDirectly(f, g);
        assert_int_equal(OGR_L_CreateFeature(l, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    if (srs)
        OSRDestroySpatialReference(srs);
    GDALClose(ds);
}

static void make_raster_without_georef(const char *path)
{
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path, 4, 4, 1, GDT_Float32, NULL);
    float v[16];
    for (int i = 0; i < 16; i++)
        v[i] = 10.0f;
    CPLErr e =
        GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, 4, 4, v, 4, 4, GDT_Float32, 0, 0);
    assert_int_equal(e, CE_None);
    GDALClose(ds);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    char *fx = cli_tempdir();
    char neg[512], nan_[512], nocrs[512], text[512], empty[512], raster[512], notdir[512];
    snprintf(neg, sizeof neg, "%s/negative.gpkg", fx);
    snprintf(nan_, sizeof nan_, "%s/nan.geojson", fx);
    snprintf(nocrs, sizeof nocrs, "%s/nocrs.gpkg", fx);
    snprintf(text, sizeof text, "%s/text.gpkg", fx);
    snprintf(empty, sizeof empty, "%s/empty.gpkg", fx);
    snprintf(raster, sizeof raster, "%s/nogeoref.tif", fx);
    snprintf(notdir, sizeof notdir, "%s/a-file", fx);
    double negpop[] = {10, -3, 5}, nanpop[] = {10, NAN}, okpop[] = {10, 20};
    make_points(neg, 1, 3, negpop, 1);
    (void)nanpop; /* GeoPackage stores NaN as NULL; GeoJSON keeps it */
    FILE *nanf = fopen(nan_, "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
          "{\"pop\":12},\"geometry\":{\"type\":\"Point\",\"coordinates\":[24.94,60.17]}},"
          "{\"type\":\"Feature\",\"properties\":{\"pop\":NaN},\"geometry\":{\"type\":"
          "\"Point\",\"coordinates\":[24.95,60.17]}}]}",
          nanf);
    fclose(nanf);
    make_points(nocrs, 0, 2, okpop, 1);
    make_points(text, 1, 2, okpop, 0);
    make_points(empty, 1, 0, NULL, 1);
    make_raster_without_georef(raster);
    FILE *nf = fopen(notdir, "w");
    fputs("x", nf);
    fclose(nf);
    char notdir_out[600];
    snprintf(notdir_out, sizeof notdir_out, "%s/out", notdir);

    const char *grid = GEO "helsinki/population_central_250m.tif";
    const char *fac = GEO "helsinki/facilities_osm.gpkg:sports";
    const char *ny8 = GEO "ny8/ny8_tracts.gpkg:tracts";
    const char *ly = GEO "luoyang/districts_pop2020_raw.geojson";
#define OUT CLI_OUT
    const cli_bad cases[] = {
        {"missing file",
         {"--population", "/nonexistent/pop.tif", "--facilities", fac, "--radius", "500", "-o",
          OUT},
         1,
         "/nonexistent/pop.tif"},
        {"unknown layer",
         {"--population", grid, "--facilities", GEO "helsinki/facilities_osm.gpkg:nope", "--radius",
          "500", "-o", OUT},
         1,
         "no layer 'nope'"},
        {"missing field",
         {"--population", ny8, "--population-field", "NOPE", "--facilities", fac, "--radius", "500",
          "-o", OUT},
         1,
         "no field 'NOPE'"},
        {"non-numeric field",
         {"--population", ny8, "--population-field", "AREANAME", "--facilities", fac, "--radius",
          "500", "-o", OUT},
         1,
         "not numeric"},
        {"non-numeric values",
         {"--population", text, "--population-field", "pop", "--facilities", fac, "--radius", "500",
          "-o", OUT},
         1,
         "not numeric"},
        {"negative population",
         {"--population", neg, "--population-field", "pop", "--facilities", fac, "--radius", "500",
          "-o", OUT},
         1,
         "feature 2"},
        {"NaN population",
         {"--population", nan_, "--population-field", "pop", "--facilities", fac, "--radius", "500",
          "-o", OUT},
         1,
         "is nan"},
        {"raster without georeferencing",
         {"--population", raster, "--facilities", fac, "--radius", "500", "-o", OUT},
         1,
         "no georeferencing"},
        {"layer without CRS",
         {"--population", nocrs, "--population-field", "pop", "--facilities", fac, "--radius",
          "500", "-o", OUT},
         1,
         "has no CRS"},
        {"empty layer",
         {"--population", empty, "--population-field", "pop", "--facilities", fac, "--radius",
          "500", "-o", OUT},
         1,
         "is empty"},
        {"facilities outside every community",
         {"--communities", ly, "--population", ly, "--population-field", "pop2020", "--cell",
          "5000", "--facilities", fac, "--radius", "500", "-o", OUT},
         1,
         "outside every community"},
        {"radius zero",
         {"--population", grid, "--facilities", fac, "--radius", "0", "-o", OUT},
         1,
         "greater than 0"},
        {"radius absurd",
         {"--population", grid, "--facilities", fac, "--radius", "250000", "-o", OUT},
         1,
         "over 100 km"},
        {"output not writable",
         {"--population", grid, "--facilities", fac, "--radius", "500", "-o", notdir_out},
         1,
         "cannot create output folder"},
        {"points as communities",
         {"--communities", fac, "--population", grid, "--facilities", fac, "--radius", "500", "-o",
          OUT},
         1,
         "it must be polygons"},
        {"vector population without field",
         {"--population", ny8, "--facilities", fac, "--radius", "500", "-o", OUT},
         2,
         "--population-field"},
    };
    cli_expect_failures("coverage", cases, sizeof cases / sizeof *cases);
    free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_version_usage),
        cmocka_unit_test(test_helsinki_raster_tiers),
        cmocka_unit_test(test_helsinki_polygons_conserve_total),
        cmocka_unit_test(test_luoyang_repair_crs_and_polygon_reach),
        cmocka_unit_test(test_ny8_tracts),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
