/*
 * The walking network: hand-built networks with distances worked out by hand, and
 * random networks against an independent reference (all-pairs Floyd-Warshall over
 * the test's own graph, nearest edges by brute force), with the property that a
 * walk is never shorter than the straight line.
 */
#include "ambit_test.h"

#include <stdlib.h>
#include <string.h>

static ambit_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    ctx = ambit_ctx_new();
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ambit_ctx_free(ctx);
    return 0;
}

/* The distance of the single pair (site 0, demand 0), or -1 when not covered. */
static double one_pair(const ambit_network *net, double dx, double dy, double sx, double sy,
                       double radius, double max_access)
{
    ambit_cover *c = NULL;
    assert_int_equal(
        ambit_cover_network(ctx, net, &dx, &dy, 1, &sx, &sy, 1, radius, max_access, &c), AMBIT_OK);
    const uint32_t *d;
    const double *dist;
    double r = ambit_cover_site(c, 0, &d, &dist) ? dist[0] : -1;
    ambit_cover_free(c);
    return r;
}

/* An L: (0,0) - (100,0) - (100,100), one line. */
static void test_l_shape(void **state)
{
    (void)state;
    double x[] = {0, 100, 100}, y[] = {0, 0, 100};
    size_t start[] = {0, 3};
    ambit_network *net = NULL;
    assert_int_equal(ambit_network_new(ctx, x, y, start, 1, NULL, 0, &net), AMBIT_OK);
    ambit_network_info info;
    ambit_network_get_info(net, &info);
    assert_int_equal(info.nodes, 3);
    assert_int_equal(info.edges, 2);
    assert_int_equal(info.components, 1);
    assert_close(info.length_m, 200, 1e-12);
    /* site 10 m below (0,0), demand 10 m right of (100,100): 10 + 200 + 10 */
    assert_close(one_pair(net, 110, 100, 0, -10, 1000, 50), 220, 1e-12);
    assert_close(one_pair(net, 110, 100, 0, -10, 220, 50), 220, 1e-12);
    assert_true(one_pair(net, 110, 100, 0, -10, 219.9, 50) < 0);
    /* beyond the access limit: nobody is reached */
    assert_true(one_pair(net, 110, 100, 0, -10, 1000, 9.9) < 0);
    /* both on the first edge: the walk along it, 5 + 60 + 5 */
    assert_close(one_pair(net, 70, 5, 10, -5, 1000, 50), 70, 1e-12);
    /* the site in the middle of the corner's edges: 50 along x, then 30 up */
    assert_close(one_pair(net, 100, 30, 50, 0, 1000, 50), 80, 1e-12);
    ambit_network_free(net);
}

/*
 * A river crossing: two banks (y = 0 and y = 100, x in 0..1000) joined only by a
 * bridge at x = 1000. A line drawn straight across at x = 0 crosses both banks
 * without sharing a vertex with them (a footbridge that is a tunnel, say), so it
 * joins nothing: the walk goes round by the bridge.
 */
static void test_river_and_crossing(void **state)
{
    (void)state;
    double x[] = {0, 500, 1000, 0, 500, 1000, 1000, 1000, 10, 10};
    double y[] = {0, 0, 0, 100, 100, 100, 0, 100, -50, 150};
    size_t start[] = {0, 3, 6, 8, 10};
    ambit_network *net = NULL;
    assert_int_equal(ambit_network_new(ctx, x, y, start, 4, NULL, 0, &net), AMBIT_OK);
    ambit_network_info info;
    ambit_network_get_info(net, &info);
    assert_int_equal(info.components, 2); /* banks + bridge; the crossing line alone */
    assert_close(info.largest_length_m, 2100, 1e-12);
    /* (0, -1) on the south bank to (0, 101) on the north bank: 1 + 1000 + 100 + 1000 + 1 */
    assert_close(one_pair(net, 0, 101, 0, -1, 5000, 5), 2102, 1e-12);
    ambit_network_free(net);
}

/* Line ends 0.5 m apart join only with --snap. */
static void test_snap(void **state)
{
    (void)state;
    double x[] = {0, 100, 100.5, 200}, y[] = {0, 0, 0, 0};
    size_t start[] = {0, 2, 4};
    ambit_network *net = NULL;
    assert_int_equal(ambit_network_new(ctx, x, y, start, 2, NULL, 0, &net), AMBIT_OK);
    ambit_network_info info;
    ambit_network_get_info(net, &info);
    assert_int_equal(info.components, 2);
    assert_true(one_pair(net, 200, 1, 0, 1, 1000, 5) < 0);
    ambit_network_free(net);
    assert_int_equal(ambit_network_new(ctx, x, y, start, 2, NULL, 1.0, &net), AMBIT_OK);
    ambit_network_get_info(net, &info);
    assert_int_equal(info.components, 1);
    assert_int_equal(info.snapped_vertices, 1);
    /* 1 + 100 + 99.5 + 1: the joined node sits at the first line's end */
    assert_close(one_pair(net, 200, 1, 0, 1, 1000, 5), 201.5, 1e-12);
    ambit_network_free(net);
}

/* A line's cost replaces its length, shared by segment length. */
static void test_line_cost(void **state)
{
    (void)state;
    double x[] = {0, 100, 300}, y[] = {0, 0, 0}, cost[] = {600};
    size_t start[] = {0, 3};
    ambit_network *net = NULL;
    assert_int_equal(ambit_network_new(ctx, x, y, start, 1, cost, 0, &net), AMBIT_OK);
    /* from x = 0 to x = 200 is two thirds of the line: 400 plus 2 m of access */
    assert_close(one_pair(net, 200, 1, 0, -1, 1000, 5), 402, 1e-12);
    ambit_network_free(net);
}

static void test_bad_lines(void **state)
{
    (void)state;
    ambit_network *net = NULL;
    double x[] = {5, 5, 0, 10}, y[] = {5, 5, 0, 0}, neg[] = {10, -1};
    size_t start[] = {0, 2, 4};
    assert_int_equal(ambit_network_new(ctx, x, y, start, 2, NULL, 0, &net), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "line 0 has zero length"));
    size_t start2[] = {2, 4};
    assert_int_equal(ambit_network_new(ctx, x, y, start2, 1, NULL, 0, &net), AMBIT_OK);
    ambit_network_free(net);
    assert_int_equal(ambit_network_new(ctx, x, y, start2, 1, neg + 1, 0, &net), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "cost -1"));
    assert_int_equal(ambit_network_new(ctx, x, y, start2, 1, NULL, -1, &net), AMBIT_ERR_USAGE);
    assert_null(net);
}

/* ---------------------------------------------------- random networks */

typedef struct refnet {
    size_t nn, ne;
    double *nx, *ny;
    size_t *eu, *ev;
    double *fw; /* nn x nn */
} refnet;

/* Nearest point of segment (a, b) to p: distance, and offset from a. */
static double seg_near(double ax, double ay, double bx, double by, double px, double py,
                       double *off)
{
    double vx = bx - ax, vy = by - ay, l2 = vx * vx + vy * vy;
    double t = ((px - ax) * vx + (py - ay) * vy) / l2;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    *off = t * sqrt(l2);
    return hypot(ax + t * vx - px, ay + t * vy - py);
}

/* Reference distance from point s to point d (INFINITY if beyond max access or apart). */
static double ref_dist(const refnet *r, double sx, double sy, double dx, double dy,
                       double max_access)
{
    size_t es = 0, ed = 0;
    double as = INFINITY, ad = INFINITY, os = 0, od = 0;
    for (size_t e = 0; e < r->ne; e++) {
        double o, a = seg_near(r->nx[r->eu[e]], r->ny[r->eu[e]], r->nx[r->ev[e]], r->ny[r->ev[e]],
                               sx, sy, &o);
        if (a < as) {
            as = a;
            es = e;
            os = o;
        }
        a = seg_near(r->nx[r->eu[e]], r->ny[r->eu[e]], r->nx[r->ev[e]], r->ny[r->ev[e]], dx, dy,
                     &o);
        if (a < ad) {
            ad = a;
            ed = e;
            od = o;
        }
    }
    if (as > max_access || ad > max_access)
        return INFINITY;
    double ls = hypot(r->nx[r->eu[es]] - r->nx[r->ev[es]], r->ny[r->eu[es]] - r->ny[r->ev[es]]);
    double ld = hypot(r->nx[r->eu[ed]] - r->nx[r->ev[ed]], r->ny[r->eu[ed]] - r->ny[r->ev[ed]]);
    size_t sn[2] = {r->eu[es], r->ev[es]}, dn[2] = {r->eu[ed], r->ev[ed]};
    double sd[2] = {as + os, as + ls - os}, dd[2] = {ad + od, ad + ld - od};
    double best = es == ed ? as + fabs(os - od) + ad : INFINITY;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            best = fmin(best, sd[i] + r->fw[sn[i] * r->nn + dn[j]] + dd[j]);
    return best;
}

static void random_case(uint64_t seed)
{
    uint64_t rs = seed * 7919 + 3;
    enum { G = 7 };
    refnet r = {0};
    r.nn = G * G;
    r.nx = malloc(r.nn * sizeof *r.nx);
    r.ny = malloc(r.nn * sizeof *r.ny);
    r.eu = malloc(2 * r.nn * sizeof *r.eu);
    r.ev = malloc(2 * r.nn * sizeof *r.ev);
    for (size_t i = 0; i < r.nn; i++) {
        r.nx[i] = (double)(i % G) * 100 + (test_rand(&rs) - 0.5) * 60;
        r.ny[i] = (double)(i / G) * 100 + (test_rand(&rs) - 0.5) * 60;
    }
    /* lines of one or two edges over the reference graph's edges */
    double *lx = malloc(8 * r.nn * sizeof *lx), *ly = malloc(8 * r.nn * sizeof *ly);
    size_t *start = malloc((4 * r.nn + 1) * sizeof *start), nl = 0, nv = 0;
    start[0] = 0;
    for (size_t i = 0; i < r.nn; i++) {
        size_t right = (i % G + 1 < G) ? i + 1 : (size_t)-1, up = i + G < r.nn ? i + G : (size_t)-1;
        size_t nb[2] = {right, up};
        for (int k = 0; k < 2; k++) {
            if (nb[k] == (size_t)-1 || test_rand(&rs) < 0.25)
                continue;
            r.eu[r.ne] = i;
            r.ev[r.ne++] = nb[k];
            lx[nv] = r.nx[i];
            ly[nv++] = r.ny[i];
            lx[nv] = r.nx[nb[k]];
            ly[nv++] = r.ny[nb[k]];
            start[++nl] = nv;
        }
    }
    r.fw = malloc(r.nn * r.nn * sizeof *r.fw);
    for (size_t i = 0; i < r.nn * r.nn; i++)
        r.fw[i] = INFINITY;
    for (size_t i = 0; i < r.nn; i++)
        r.fw[i * r.nn + i] = 0;
    for (size_t e = 0; e < r.ne; e++) {
        double l = hypot(r.nx[r.eu[e]] - r.nx[r.ev[e]], r.ny[r.eu[e]] - r.ny[r.ev[e]]);
        r.fw[r.eu[e] * r.nn + r.ev[e]] = r.fw[r.ev[e] * r.nn + r.eu[e]] = l;
    }
    for (size_t k = 0; k < r.nn; k++)
        for (size_t i = 0; i < r.nn; i++)
            for (size_t j = 0; j < r.nn; j++)
                r.fw[i * r.nn + j] =
                    fmin(r.fw[i * r.nn + j], r.fw[i * r.nn + k] + r.fw[k * r.nn + j]);

    ambit_network *net = NULL;
    assert_int_equal(ambit_network_new(ctx, lx, ly, start, nl, NULL, 0, &net), AMBIT_OK);
    enum { ND = 150, NS = 8 };
    double dx[ND], dy[ND], sx[NS], sy[NS];
    for (size_t i = 0; i < ND; i++) {
        dx[i] = test_rand(&rs) * 700 - 50;
        dy[i] = test_rand(&rs) * 700 - 50;
    }
    for (size_t i = 0; i < NS; i++) {
        sx[i] = test_rand(&rs) * 600;
        sy[i] = test_rand(&rs) * 600;
    }
    double radius = 350, max_access = 40;
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_network(ctx, net, dx, dy, ND, sx, sy, NS, radius, max_access, &c),
                     AMBIT_OK);
    size_t checked = 0;
    for (size_t s = 0; s < NS; s++) {
        const uint32_t *d;
        const double *dist;
        size_t n = ambit_cover_site(c, s, &d, &dist);
        double got[ND];
        for (size_t i = 0; i < ND; i++)
            got[i] = -1;
        for (size_t k = 0; k < n; k++) {
            assert_true(k == 0 || d[k] > d[k - 1]);
            got[d[k]] = dist[k];
            /* a walk is never shorter than the straight line */
            assert_true(dist[k] >= hypot(dx[d[k]] - sx[s], dy[d[k]] - sy[s]) - 1e-9);
        }
        for (size_t i = 0; i < ND; i++) {
            double ref = ref_dist(&r, sx[s], sy[s], dx[i], dy[i], max_access);
            if (fabs(ref - radius) < 1e-6)
                continue; /* on the boundary: rounding decides */
            if (ref <= radius) {
                if (got[i] < 0)
                    fail_msg("seed %llu site %zu misses demand %zu at %.6f m",
                             (unsigned long long)seed, s, i, ref);
                assert_close(got[i], ref, 1e-9);
                checked++;
            } else if (got[i] >= 0) {
                fail_msg("seed %llu site %zu covers demand %zu at %.6f m (reference %.6f)",
                         (unsigned long long)seed, s, i, got[i], ref);
            }
        }
    }
    assert_true(checked > 0);
    ambit_cover_free(c);
    ambit_network_free(net);
    free(r.nx);
    free(r.ny);
    free(r.eu);
    free(r.ev);
    free(r.fw);
    free(lx);
    free(ly);
    free(start);
}

static void test_random_against_floyd_warshall(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++)
        random_case(seed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_l_shape),   cmocka_unit_test(test_river_and_crossing),
        cmocka_unit_test(test_snap),      cmocka_unit_test(test_line_cost),
        cmocka_unit_test(test_bad_lines), cmocka_unit_test(test_random_against_floyd_warshall),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
