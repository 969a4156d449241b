/* Per-tier statistics from a cover: covered, nearest, per facility and per community. */
#include "ambit_test.h"

#include "coverage_stats.h"

#include <stdlib.h>

static void test_hand_built(void **state)
{
    (void)state;
    /*
     * 5 people-points on a line at x = 0, 100, 200, 300, 1000 (weights 1, 2, 3, 4, 5);
     * communities: points 0-2 in community 0, 3 in 1, 4 outside (-1).
     * Sites at x = 50 and x = 250, radius 120.
     *   site 0 reaches x=0 (50 m), x=100 (50 m)
     *   site 1 reaches x=200 (50 m), x=300 (50 m)
     * nobody reaches x=1000.
     */
    double dx[] = {0, 100, 200, 300, 1000}, dy[] = {0, 0, 0, 0, 0};
    double w[] = {1, 2, 3, 4, 5};
    int32_t comm[] = {0, 0, 0, 1, -1};
    double sx[] = {50, 250}, sy[] = {0, 0};
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_points(ctx, dx, dy, 5, sx, sy, 2, 120, &c), AMBIT_OK);
    tier_stats st;
    assert_int_equal(tier_stats_compute(ctx, c, w, comm, 2, &st), AMBIT_OK);
    assert_close(st.covered, 10, 0);
    assert_close(st.reach_pop[0], 3, 0);
    assert_close(st.reach_pop[1], 7, 0);
    assert_close(st.nearest_pop[0], 3, 0);
    assert_close(st.nearest_pop[1], 7, 0);
    assert_close(st.comm_covered[0], 6, 0);
    assert_close(st.comm_covered[1], 4, 0);
    assert_int_equal(st.nearest[4], -1);
    tier_stats_free(&st);
    ambit_cover_free(c);

    /* Radius 160: x=100 and x=200 are reached by both sites; x=100 nearer site 0 (50 vs 150). */
    assert_int_equal(ambit_cover_points(ctx, dx, dy, 5, sx, sy, 2, 160, &c), AMBIT_OK);
    assert_int_equal(tier_stats_compute(ctx, c, w, comm, 2, &st), AMBIT_OK);
    assert_close(st.reach_pop[0], 1 + 2 + 3, 0);
    assert_close(st.reach_pop[1], 2 + 3 + 4, 0);
    assert_close(st.nearest_pop[0], 3, 0);
    assert_close(st.nearest_pop[1], 7, 0);
    assert_close(st.nearest_dist[2], 50, 1e-12);
    assert_int_equal(st.nearest[2], 1);
    tier_stats_free(&st);
    ambit_cover_free(c);

    /* Equal distances: the lower site index wins (x=150 between sites at 50 and 250). */
    double ex[] = {150}, ey[] = {0}, ew[] = {9};
    int32_t ec[] = {0};
    assert_int_equal(ambit_cover_points(ctx, ex, ey, 1, sx, sy, 2, 100, &c), AMBIT_OK);
    assert_int_equal(tier_stats_compute(ctx, c, ew, ec, 1, &st), AMBIT_OK);
    assert_int_equal(st.nearest[0], 0);
    assert_close(st.nearest_pop[0], 9, 0);
    assert_close(st.nearest_pop[1], 0, 0);
    tier_stats_free(&st);
    ambit_cover_free(c);
    ambit_ctx_free(ctx);
}

/* Invariant on random data: the nearest-population of all sites adds up to the covered total. */
static void test_nearest_partitions_covered(void **state)
{
    (void)state;
    uint64_t seed = 7;
    size_t nd = 2000, ns = 60;
    double *dx = malloc(nd * sizeof *dx), *dy = malloc(nd * sizeof *dy),
           *w = malloc(nd * sizeof *w);
    int32_t *comm = malloc(nd * sizeof *comm);
    double sx[60], sy[60];
    for (size_t i = 0; i < nd; i++) {
        dx[i] = 4000 * test_rand(&seed);
        dy[i] = 4000 * test_rand(&seed);
        w[i] = 100 * test_rand(&seed);
        comm[i] = (int32_t)(i % 3);
    }
    for (size_t s = 0; s < ns; s++) {
        sx[s] = 4000 * test_rand(&seed);
        sy[s] = 4000 * test_rand(&seed);
    }
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_points(ctx, dx, dy, nd, sx, sy, ns, 400, &c), AMBIT_OK);
    tier_stats st;
    assert_int_equal(tier_stats_compute(ctx, c, w, comm, 3, &st), AMBIT_OK);
    double sum_nearest = 0, sum_comm = 0, brute = 0;
    for (size_t s = 0; s < ns; s++)
        sum_nearest += st.nearest_pop[s];
    for (int k = 0; k < 3; k++)
        sum_comm += st.comm_covered[k];
    for (size_t i = 0; i < nd; i++) {
        for (size_t s = 0; s < ns; s++) {
            if (hypot(dx[i] - sx[s], dy[i] - sy[s]) <= 400) {
                brute += w[i];
                break;
            }
        }
    }
    assert_close(st.covered, brute, 1e-12);
    assert_close(sum_nearest, brute, 1e-12);
    assert_close(sum_comm, brute, 1e-12);
    tier_stats_free(&st);
    ambit_cover_free(c);
    ambit_ctx_free(ctx);
    free(dx);
    free(dy);
    free(w);
    free(comm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_nearest_partitions_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
