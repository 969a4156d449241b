/* Areal disaggregation: totals are conserved and pieces stay inside their polygon. */
#include "ambit_test.h"

#include "disagg.h"
#include "geom.h"

#include <gdal.h>
#include <ogr_api.h>

static GEOSGeometry *wkt(ambit_ctx *ctx, const char *text)
{
    GEOSWKTReader *r = GEOSWKTReader_create_r(ctx->geos);
    GEOSGeometry *g = GEOSWKTReader_read_r(ctx->geos, r, text);
    GEOSWKTReader_destroy_r(ctx->geos, r);
    return g;
}

static void test_aligned_square(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    GEOSGeometry *g = wkt(ctx, "POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))");
    demand_set d = {0};
    size_t added = 0;
    assert_int_equal(disagg_polygon(ctx, g, 5000, 100, 7, &d, &added), AMBIT_OK);
    assert_int_equal(added, 100);
    for (size_t i = 0; i < d.n; i++) {
        assert_close(d.w[i], 50.0, 1e-12);
        assert_int_equal(d.origin[i], 7);
        /* whole cells: the point is the cell centre */
        assert_close(fmod(d.x[i], 100.0), 50.0, 1e-9);
        assert_close(fmod(d.y[i], 100.0), 50.0, 1e-9);
    }
    demand_free(&d);
    GEOSGeom_destroy_r(ctx->geos, g);
    ambit_ctx_free(ctx);
}

static void test_small_and_odd_polygons(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    const char *shapes[] = {
        "POLYGON((10 10, 20 10, 20 20, 10 20, 10 10))",     /* inside one cell */
        "POLYGON((95 95, 105 95, 105 105, 95 105, 95 95))", /* across 4 cells */
        "POLYGON((0 0, 1000 0, 0 1000, 0 0))",              /* a triangle */
        "MULTIPOLYGON(((0 0, 50 0, 50 50, 0 50, 0 0)),((500 500, 900 500, 900 900, 500 900, 500 "
        "500),(600 600, 800 600, 800 800, 600 800, 600 600)))", /* parts and a hole */
    };
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        GEOSGeometry *g = wkt(ctx, shapes[s]);
        demand_set d = {0};
        size_t added;
        double pop = 1234.5678;
        assert_int_equal(disagg_polygon(ctx, g, pop, 100, 1, &d, &added), AMBIT_OK);
        assert_true(added >= 1);
        long double sum = 0;
        for (size_t i = 0; i < d.n; i++) {
            sum += d.w[i];
            GEOSGeometry *p = GEOSGeom_createPointFromXY_r(ctx->geos, d.x[i], d.y[i]);
            assert_int_equal(GEOSIntersects_r(ctx->geos, g, p), 1);
            GEOSGeom_destroy_r(ctx->geos, p);
        }
        assert_close((double)sum, pop, 1e-12);
        demand_free(&d);
        GEOSGeom_destroy_r(ctx->geos, g);
    }
    ambit_ctx_free(ctx);
}

/* Every NY8 tract (real polygons, 5 invalid ones repaired): per-tract and total sums. */
static void test_ny8_conserves_population(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(AMBIT_SOURCE_DIR "/geodata/ny8/ny8_tracts.gpkg", GDAL_OF_VECTOR,
                                 NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    int fi = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), "POP8");
    OGRFeatureH f;
    long double source_total = 0, spread_total = 0;
    size_t repaired_count = 0, tracts = 0;
    while ((f = OGR_L_GetNextFeature(layer))) {
        double pop = OGR_F_GetFieldAsDouble(f, fi);
        int repaired;
        GEOSGeometry *g =
            geom_make_valid_polygonal(ctx, geom_from_ogr(ctx, OGR_F_GetGeometryRef(f)), &repaired);
        repaired_count += (size_t)repaired;
        demand_set d = {0};
        size_t added;
        assert_int_equal(disagg_polygon(ctx, g, pop, 250, OGR_F_GetFID(f), &d, &added), AMBIT_OK);
        long double sum = 0;
        for (size_t i = 0; i < d.n; i++)
            sum += d.w[i];
        assert_close((double)sum, pop, 1e-9);
        source_total += pop;
        spread_total += sum;
        tracts++;
        demand_free(&d);
        GEOSGeom_destroy_r(ctx->geos, g);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    assert_int_equal(tracts, 281);
    assert_int_equal(repaired_count, 5); /* the data set's README: 5 self-intersecting tracts */
    assert_close((double)source_total, 1057673.0, 0);
    assert_close((double)spread_total, 1057673.0, 1e-9);
    ambit_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aligned_square),
        cmocka_unit_test(test_small_and_odd_polygons),
        cmocka_unit_test(test_ny8_conserves_population),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
