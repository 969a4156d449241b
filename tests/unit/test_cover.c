/* The sparse coverage engine against brute force, and the pair builder. */
#include "ambit_test.h"

#include "context.h"
#include "cover.h"

#include <stdlib.h>
#include <string.h>

/* Brute-force count of pairs within r, and check every reported pair exactly. */
static void check_against_brute_force(const ambit_cover *c, const double *dx, const double *dy,
                                      size_t nd, const double *sx, const double *sy, size_t ns,
                                      double r)
{
    unsigned char *seen = calloc(nd, 1);
    size_t total = 0;
    for (size_t s = 0; s < ns; s++) {
        const uint32_t *d;
        const double *dist;
        size_t n = ambit_cover_site(c, s, &d, &dist);
        memset(seen, 0, nd);
        for (size_t k = 0; k < n; k++) {
            assert_true(d[k] < nd);
            assert_false(seen[d[k]]); /* no duplicates */
            seen[d[k]] = 1;
            double e = hypot(dx[d[k]] - sx[s], dy[d[k]] - sy[s]);
            assert_close(dist[k], e, 1e-12);
            assert_true(e <= r);
        }
        size_t expect = 0;
        for (size_t i = 0; i < nd; i++) {
            int within = hypot(dx[i] - sx[s], dy[i] - sy[s]) <= r;
            expect += (size_t)within;
            if (within && !seen[i])
                fail_msg("site %zu misses demand %zu", s, i);
        }
        assert_int_equal(n, expect);
        total += n;
    }
    assert_int_equal(ambit_cover_pair_count(c), total);
    free(seen);
}

static void random_case(uint64_t seed, size_t nd, size_t ns, double extent, double r)
{
    uint64_t st = seed;
    double *dx = malloc(nd * sizeof *dx), *dy = malloc(nd * sizeof *dy);
    double *sx = malloc(ns * sizeof *sx), *sy = malloc(ns * sizeof *sy);
    for (size_t i = 0; i < nd; i++) {
        /* clustered: half the points in a dense core, like a city */
        double k = i % 2 ? 0.2 : 1.0;
        dx[i] = 500000 + extent * k * test_rand(&st);
        dy[i] = 4000000 + extent * k * test_rand(&st);
    }
    for (size_t s = 0; s < ns; s++) {
        sx[s] = 500000 - r + (extent + 2 * r) * test_rand(&st);
        sy[s] = 4000000 - r + (extent + 2 * r) * test_rand(&st);
    }
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_points(ctx, dx, dy, nd, sx, sy, ns, r, &c), AMBIT_OK);
    assert_int_equal(ambit_cover_demand_count(c), nd);
    assert_int_equal(ambit_cover_site_count(c), ns);
    check_against_brute_force(c, dx, dy, nd, sx, sy, ns, r);
    ambit_cover_free(c);
    ambit_ctx_free(ctx);
    free(dx);
    free(dy);
    free(sx);
    free(sy);
}

static void test_points_random(void **state)
{
    (void)state;
    random_case(1, 3000, 200, 5000, 300);
    random_case(2, 2000, 150, 20000, 1000);
    random_case(3, 500, 50, 100, 5000);    /* radius far larger than the extent */
    random_case(4, 4000, 100, 100000, 50); /* tiny radius over a wide area: grid is capped */
}

static void test_points_on_the_radius(void **state)
{
    (void)state;
    /* Exactly on the circle counts (distance <= radius). */
    double dx[] = {0, 3, 0, 3.0000001}, dy[] = {0, 4, 5, 4};
    double sx[] = {0}, sy[] = {0};
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_points(ctx, dx, dy, 4, sx, sy, 1, 5.0, &c), AMBIT_OK);
    assert_int_equal(ambit_cover_pair_count(c), 3);
    ambit_cover_free(c);
    assert_int_equal(ambit_cover_points(ctx, dx, dy, 4, sx, sy, 1, 0.0, &c), AMBIT_ERR_USAGE);
    assert_null(c);
    assert_int_equal(ambit_cover_points(ctx, dx, dy, 4, sx, sy, 1, NAN, &c), AMBIT_ERR_USAGE);
    ambit_ctx_free(ctx);
}

/* Polygon sites: reach counts from the boundary; inside is 0 m. Checked with plain GEOSDistance. */
static void test_polygon_sites(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    GEOSContextHandle_t h = ctx->geos;
    GEOSWKTReader *rd = GEOSWKTReader_create_r(h);
    GEOSGeometry *poly[3];
    poly[0] = GEOSWKTReader_read_r(h, rd,
                                   "POLYGON((1000 1000, 1600 1000, 1600 1200, 1000 1200, "
                                   "1000 1000))");
    /* an L-shape: the bbox prefilter alone would be wrong in its notch */
    poly[1] = GEOSWKTReader_read_r(h, rd,
                                   "POLYGON((3000 3000, 4000 3000, 4000 3200, 3200 3200, "
                                   "3200 4000, 3000 4000, 3000 3000))");
    poly[2] = NULL; /* a point site */
    GEOSWKTReader_destroy_r(h, rd);
    const GEOSGeometry *geoms[3] = {poly[0], poly[1], NULL};
    double sx[3] = {0, 0, 2500}, sy[3] = {0, 0, 2500};
    uint64_t st = 42;
    size_t nd = 5000;
    double *dx = malloc(nd * sizeof *dx), *dy = malloc(nd * sizeof *dy);
    for (size_t i = 0; i < nd; i++) {
        dx[i] = 5000 * test_rand(&st);
        dy[i] = 5000 * test_rand(&st);
    }
    double r = 250;
    ambit_cover *c = NULL;
    assert_int_equal(cover_euclid(ctx, dx, dy, nd, geoms, sx, sy, 3, r, &c), AMBIT_OK);
    for (size_t s = 0; s < 3; s++) {
        const uint32_t *d;
        const double *dist;
        size_t n = ambit_cover_site(c, s, &d, &dist);
        unsigned char *in = calloc(nd, 1);
        for (size_t k = 0; k < n; k++)
            in[d[k]] = 1;
        size_t expect = 0;
        for (size_t i = 0; i < nd; i++) {
            double e;
            if (geoms[s]) {
                GEOSGeometry *p = GEOSGeom_createPointFromXY_r(h, dx[i], dy[i]);
                GEOSDistance_r(h, geoms[s], p, &e);
                GEOSGeom_destroy_r(h, p);
            } else {
                e = hypot(dx[i] - sx[s], dy[i] - sy[s]);
            }
            if (e <= r) {
                expect++;
                assert_true(in[i]);
            }
        }
        for (size_t k = 0; k < n; k++)
            if (geoms[s] && dx[d[k]] > 3460 && dy[d[k]] > 3460 && dx[d[k]] < 3900 &&
                dy[d[k]] < 3900)
                fail_msg("point in the notch of the L counted");
        assert_int_equal(n, expect);
        free(in);
    }
    ambit_cover_free(c);
    GEOSGeom_destroy_r(h, poly[0]);
    GEOSGeom_destroy_r(h, poly[1]);
    free(dx);
    free(dy);
    ambit_ctx_free(ctx);
}

static void test_builder(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_cover_builder *b = NULL;
    assert_int_equal(ambit_cover_builder_new(ctx, 4, 3, &b), AMBIT_OK);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 2, 3, 10.0), AMBIT_OK);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 0, 1, 5.0), AMBIT_OK);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 2, 0, 7.0), AMBIT_OK);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 0, 1, 6.0), AMBIT_OK); /* last wins */
    assert_int_equal(ambit_cover_builder_add(ctx, b, 3, 0, 1.0), AMBIT_ERR_INPUT);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 0, 4, 1.0), AMBIT_ERR_INPUT);
    assert_int_equal(ambit_cover_builder_add(ctx, b, 0, 0, -1.0), AMBIT_ERR_INPUT);
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_builder_finish(ctx, &b, &c), AMBIT_OK);
    assert_null(b);
    assert_int_equal(ambit_cover_pair_count(c), 3);
    const uint32_t *d;
    const double *dist;
    assert_int_equal(ambit_cover_site(c, 0, &d, &dist), 1);
    assert_int_equal(d[0], 1);
    assert_close(dist[0], 6.0, 0);
    assert_int_equal(ambit_cover_site(c, 1, &d, &dist), 0);
    assert_int_equal(ambit_cover_site(c, 2, &d, &dist), 2);
    assert_int_equal(d[0], 0);
    assert_int_equal(d[1], 3);
    assert_int_equal(ambit_cover_site(c, 9, &d, &dist), 0);
    ambit_cover_free(c);
    ambit_cover_builder_free(NULL);
    ambit_cover_free(NULL);
    ambit_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_random),
        cmocka_unit_test(test_points_on_the_radius),
        cmocka_unit_test(test_polygon_sites),
        cmocka_unit_test(test_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
