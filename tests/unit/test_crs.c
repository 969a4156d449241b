/* The CRS rule: metric projected CRSs are used as they are, others go to their UTM zone. */
#include "ambit_test.h"

#include "crs.h"

#include <string.h>

static OGRSpatialReferenceH epsg(int code)
{
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(s, code);
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

static void test_metric_projected(void **state)
{
    (void)state;
    struct {
        int code, metric;
    } cases[] = {{3879, 1}, {32649, 1}, {32618, 1}, {4326, 0}, {4490, 0}, {2263, 0} /* US ft */};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        OGRSpatialReferenceH s = epsg(cases[i].code);
        if (crs_is_metric_projected(s) != cases[i].metric)
            fail_msg("EPSG:%d metric projected should be %d", cases[i].code, cases[i].metric);
        OSRDestroySpatialReference(s);
    }
    assert_false(crs_is_metric_projected(NULL));
}

static void test_utm_zone(void **state)
{
    (void)state;
    struct {
        double lon, lat;
        const char *label;
    } cases[] = {
        {112.45, 34.62, "EPSG:32649"}, /* Luoyang */
        {24.94, 60.17, "EPSG:32635"},  /* Helsinki */
        {-75.9, 42.6, "EPSG:32618"},   /* NY8, upstate New York */
        {-45.9, -23.2, "EPSG:32723"},  /* Sao Jose dos Campos */
        {-180.0, 10.0, "EPSG:32601"},  {179.99, -10.0, "EPSG:32760"},
    };
    ambit_ctx *ctx = ambit_ctx_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        OGRSpatialReferenceH s = NULL;
        assert_int_equal(crs_utm_for(ctx, cases[i].lon, cases[i].lat, &s), AMBIT_OK);
        char label[64];
        crs_label(s, label, sizeof label);
        assert_string_equal(label, cases[i].label);
        assert_true(crs_is_metric_projected(s));
        OSRDestroySpatialReference(s);
    }
    OGRSpatialReferenceH s = NULL;
    assert_int_equal(crs_utm_for(ctx, 10, 86, &s), AMBIT_ERR_INPUT);
    assert_null(s);
    ambit_ctx_free(ctx);
}

/* On a UTM central meridian at the equator, x = 500000 m and y = 0 by definition. */
static void test_transform_known_points(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    OGRSpatialReferenceH wgs = epsg(4326), utm50 = epsg(32650), utm50s = epsg(32750);
    crs_transform *t = NULL;
    assert_int_equal(crs_transform_new(ctx, wgs, utm50, &t), AMBIT_OK);
    double x[] = {117.0, 117.0}, y[] = {0.0, 30.0};
    assert_true(crs_transform_xy(t, x, y, 2));
    assert_close(x[0], 500000.0, 1e-9);
    assert_close(y[0], 0.0, 1e-6);
    assert_close(x[1], 500000.0, 1e-9);
    assert_true(y[1] > 3300000 && y[1] < 3330000); /* 30 deg N is about 3,320 km north */
    crs_transform_free(t);
    /* southern hemisphere: false northing 10,000 km */
    assert_int_equal(crs_transform_new(ctx, wgs, utm50s, &t), AMBIT_OK);
    double xs = 117.0, ys = 0.0;
    assert_true(crs_transform_xy(t, &xs, &ys, 1));
    assert_close(ys, 10000000.0, 1e-12);
    crs_transform_free(t);
    /* identity */
    assert_int_equal(crs_transform_new(ctx, utm50, utm50, &t), AMBIT_OK);
    double xi = 123.0, yi = 456.0;
    assert_true(crs_transform_xy(t, &xi, &yi, 1));
    assert_close(xi, 123.0, 0);
    crs_transform_free(t);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(utm50);
    OSRDestroySpatialReference(utm50s);
    ambit_ctx_free(ctx);
}

/* EPSG:3879 declares northing first; data are easting first. PROJ's normalised order must hold. */
static void test_axis_order_gk25(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    OGRSpatialReferenceH gk = epsg(3879), wgs = epsg(4326);
    crs_transform *t = NULL;
    assert_int_equal(crs_transform_new(ctx, gk, wgs, &t), AMBIT_OK);
    double x = 25496500, y = 6673000; /* central Helsinki */
    assert_true(crs_transform_xy(t, &x, &y, 1));
    assert_true(x > 24.9 && x < 25.0);
    assert_true(y > 60.1 && y < 60.2);
    crs_transform_free(t);
    OSRDestroySpatialReference(gk);
    OSRDestroySpatialReference(wgs);
    ambit_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metric_projected),
        cmocka_unit_test(test_utm_zone),
        cmocka_unit_test(test_transform_known_points),
        cmocka_unit_test(test_axis_order_gk25),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
