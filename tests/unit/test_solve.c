/*
 * The siting solvers against exhaustive enumeration on small random instances:
 * the objective must equal the true optimum, the bound must be valid, and the
 * construction order must add up.
 */
#include "ambit_test.h"

#include <stdlib.h>
#include <string.h>

typedef struct inst {
    size_t n, m;
    double *dx, *dy, *sx, *sy, *w, *cost;
    unsigned char *fixed;
    ambit_cover *cover;
    ambit_instance *I;
} inst;

static void make(inst *t, ambit_ctx *ctx, uint64_t seed, size_t n, size_t m, size_t n_fixed,
                 double cutoff)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    t->m = m;
    t->dx = malloc(n * sizeof(double));
    t->dy = malloc(n * sizeof(double));
    t->w = malloc(n * sizeof(double));
    t->sx = malloc(m * sizeof(double));
    t->sy = malloc(m * sizeof(double));
    t->cost = malloc(m * sizeof(double));
    t->fixed = calloc(m, 1);
    for (size_t i = 0; i < n; i++) {
        t->dx[i] = 1000 * test_rand(&seed);
        t->dy[i] = 1000 * test_rand(&seed);
        t->w[i] = 1 + (double)(int)(100 * test_rand(&seed));
    }
    for (size_t j = 0; j < m; j++) {
        t->sx[j] = 1000 * test_rand(&seed);
        t->sy[j] = 1000 * test_rand(&seed);
        t->cost[j] = 1 + (double)(int)(9 * test_rand(&seed));
        t->fixed[j] = j < n_fixed;
    }
    assert_int_equal(ambit_cover_points(ctx, t->dx, t->dy, n, t->sx, t->sy, m, cutoff, &t->cover),
                     AMBIT_OK);
    assert_int_equal(ambit_instance_new(ctx, t->cover, t->w, t->cost, t->fixed, &t->I), AMBIT_OK);
}

static void drop(inst *t)
{
    ambit_instance_free(t->I);
    ambit_cover_free(t->cover);
    free(t->dx);
    free(t->dy);
    free(t->sx);
    free(t->sy);
    free(t->w);
    free(t->cost);
    free(t->fixed);
}

/* coverage and weighted distance of an open set (bitmask over sites) by brute force */
static void evaluate(const inst *t, unsigned mask, double radius, double *covered, double *wdist)
{
    *covered = 0;
    *wdist = 0;
    for (size_t i = 0; i < t->n; i++) {
        double best = INFINITY;
        for (size_t j = 0; j < t->m; j++) {
            if (!(mask >> j & 1u) && !t->fixed[j])
                continue;
            best = fmin(best, hypot(t->dx[i] - t->sx[j], t->dy[i] - t->sy[j]));
        }
        if (best <= radius)
            *covered += t->w[i];
        *wdist += t->w[i] * best;
    }
}

static int popcount(unsigned v)
{
    int c = 0;
    for (; v; v &= v - 1)
        c++;
    return c;
}

static void test_mclp_exact(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    for (uint64_t seed = 1; seed <= 12; seed++) {
        inst t;
        make(&t, ctx, seed, 60, 14, seed % 3, 300);
        for (size_t p = 1; p <= 4; p++) {
            ambit_solve_params P = ambit_solve_params_default();
            P.model = AMBIT_MODEL_MCLP;
            P.p = p;
            P.radius = 300;
            P.seed = seed;
            ambit_solution *sol = NULL;
            assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_OK);
            double opt = 0, cov, wd;
            for (unsigned mask = 0; mask < (1u << t.m); mask++) {
                if (mask & ((1u << (seed % 3)) - 1u))
                    continue; /* fixed sites are not candidates */
                if ((size_t)popcount(mask) != p)
                    continue;
                evaluate(&t, mask, 300, &cov, &wd);
                opt = fmax(opt, cov);
            }
            if (fabs(ambit_solution_objective(sol) - opt) > 1e-9)
                fail_msg("seed %llu p %zu: mclp %.1f, optimum %.1f", (unsigned long long)seed, p,
                         ambit_solution_objective(sol), opt);
            assert_true(ambit_solution_bound(sol) >= opt - 1e-9);
            assert_int_equal(ambit_solution_count(sol), p);
            /* the marginal gains in construction order add up to the improvement */
            double sum = 0, prev = INFINITY;
            for (size_t k = 0; k < p; k++) {
                double g;
                size_t j = ambit_solution_site(sol, k, &g);
                assert_false(t.fixed[j]);
                assert_true(g <= prev + 1e-9);
                prev = g;
                sum += g;
            }
            assert_close(sum, ambit_solution_covered(sol) - ambit_solution_covered_before(sol),
                         1e-12);
            ambit_solution_free(sol);
        }
        drop(&t);
    }
    ambit_ctx_free(ctx);
}

static void test_pmedian_exact(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    for (uint64_t seed = 1; seed <= 12; seed++) {
        inst t;
        make(&t, ctx, 100 + seed, 50, 13, seed % 2, 5000); /* cutoff beyond the extent */
        for (size_t p = 1; p <= 4; p++) {
            ambit_solve_params P = ambit_solve_params_default();
            P.model = AMBIT_MODEL_PMEDIAN;
            P.p = p;
            P.seed = seed;
            ambit_solution *sol = NULL;
            assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_OK);
            double opt = INFINITY, cov, wd;
            for (unsigned mask = 0; mask < (1u << t.m); mask++) {
                if ((mask & ((1u << (seed % 2)) - 1u)) || (size_t)popcount(mask) != p)
                    continue;
                evaluate(&t, mask, 0, &cov, &wd);
                opt = fmin(opt, wd);
            }
            if (fabs(ambit_solution_objective(sol) - opt) > 1e-9 * opt)
                fail_msg("seed %llu p %zu: pmedian %.3f, optimum %.3f, bound %.3f",
                         (unsigned long long)seed, p, ambit_solution_objective(sol), opt,
                         ambit_solution_bound(sol));
            assert_true(ambit_solution_bound(sol) <= opt * (1 + 1e-9));
            ambit_solution_free(sol);
        }
        drop(&t);
    }
    ambit_ctx_free(ctx);
}

static void test_target_and_budget_exact(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    for (uint64_t seed = 1; seed <= 10; seed++) {
        inst t;
        make(&t, ctx, 200 + seed, 60, 12, 1, 350);
        double all_cov, wd, total = 0;
        evaluate(&t, (1u << t.m) - 1u, 350, &all_cov, &wd);
        for (size_t i = 0; i < t.n; i++)
            total += t.w[i];
        /* target: 90 % of what every site together reaches */
        double share = 0.9 * all_cov / total;
        ambit_solve_params P = ambit_solve_params_default();
        P.model = AMBIT_MODEL_TARGET;
        P.radius = 350;
        P.target = share;
        ambit_solution *sol = NULL;
        assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_OK);
        int fewest = 99;
        double cov;
        for (unsigned mask = 0; mask < (1u << t.m); mask += 2) {
            evaluate(&t, mask, 350, &cov, &wd);
            if (cov >= share * total * (1 - 1e-12) && popcount(mask) < fewest)
                fewest = popcount(mask);
        }
        assert_close(ambit_solution_objective(sol), fewest, 0);
        assert_true(ambit_solution_bound(sol) <= fewest);
        assert_true(ambit_solution_covered(sol) >= share * total * (1 - 1e-12));
        ambit_solution_free(sol);

        /* budget */
        P.model = AMBIT_MODEL_BUDGET;
        P.budget = 12;
        assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_OK);
        double opt = 0;
        for (unsigned mask = 0; mask < (1u << t.m); mask += 2) {
            double spent = 0;
            for (size_t j = 1; j < t.m; j++)
                spent += (mask >> j & 1u) ? t.cost[j] : 0;
            if (spent > 12)
                continue;
            evaluate(&t, mask, 350, &cov, &wd);
            opt = fmax(opt, cov);
        }
        if (fabs(ambit_solution_objective(sol) - opt) > 1e-9)
            fail_msg("seed %llu: budget %.1f, optimum %.1f", (unsigned long long)seed,
                     ambit_solution_objective(sol), opt);
        assert_true(ambit_solution_bound(sol) >= opt - 1e-9);
        double spent = 0;
        for (size_t k = 0; k < ambit_solution_count(sol); k++)
            spent += t.cost[ambit_solution_site(sol, k, NULL)];
        assert_true(spent <= 12);
        ambit_solution_free(sol);
        drop(&t);
    }
    ambit_ctx_free(ctx);
}

/* The per-community floor against enumeration: 3 communities, floors of 60 %. */
static void test_floor_exact(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    for (uint64_t seed = 1; seed <= 10; seed++) {
        inst t;
        make(&t, ctx, 300 + seed, 60, 12, 1, 300);
        int32_t group[60];
        for (size_t i = 0; i < t.n; i++) /* three vertical strips of the square */
            group[i] = t.dx[i] < 333 ? 0 : (t.dx[i] < 667 ? 1 : 2);
        assert_int_equal(ambit_instance_set_groups(ctx, t.I, group, 3), AMBIT_OK);
        ambit_solve_params P = ambit_solve_params_default();
        P.model = AMBIT_MODEL_FLOOR;
        P.radius = 300;
        P.floor = 0.6;
        P.seed = seed;
        ambit_solution *sol = NULL;
        assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_OK);
        /* need per strip: 60 % of its people, capped by what all sites reach */
        double pop[3] = {0}, reach[3] = {0}, need[3];
        for (size_t i = 0; i < t.n; i++) {
            pop[group[i]] += t.w[i];
            for (size_t j = 0; j < t.m; j++)
                if (hypot(t.dx[i] - t.sx[j], t.dy[i] - t.sy[j]) <= 300) {
                    reach[group[i]] += t.w[i];
                    break;
                }
        }
        for (int c = 0; c < 3; c++)
            need[c] = fmin(0.6 * pop[c], reach[c]) * (1 - 1e-12);
        int fewest = 99;
        for (unsigned mask = 0; mask < (1u << t.m); mask += 2) { /* site 0 is existing */
            double cov[3] = {0};
            for (size_t i = 0; i < t.n; i++)
                for (size_t j = 0; j < t.m; j++)
                    if (((mask >> j & 1u) || j == 0) &&
                        hypot(t.dx[i] - t.sx[j], t.dy[i] - t.sy[j]) <= 300) {
                        cov[group[i]] += t.w[i];
                        break;
                    }
            int ok = 1;
            for (int c = 0; c < 3; c++)
                ok &= cov[c] >= need[c] - 1e-6;
            if (ok && popcount(mask) < fewest)
                fewest = popcount(mask);
        }
        if (ambit_solution_objective(sol) != fewest)
            fail_msg("seed %llu: floor %.0f sites, optimum %d", (unsigned long long)seed,
                     ambit_solution_objective(sol), fewest);
        assert_true(ambit_solution_bound(sol) <= fewest);
        ambit_solution_free(sol);
        drop(&t);
    }
    ambit_ctx_free(ctx);
}

static void test_refusals(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    inst t;
    make(&t, ctx, 9, 30, 6, 1, 200);
    ambit_solve_params P = ambit_solve_params_default();
    P.radius = 200;
    ambit_solution *sol = (ambit_solution *)1;
    P.p = 0;
    assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_ERR_INPUT);
    assert_null(sol);
    P.p = 6; /* 5 candidates: one site is existing */
    assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "more than the 5 candidate"));
    P.model = AMBIT_MODEL_TARGET;
    P.target = 1.0; /* a radius of 200 m cannot reach every point of a 1 km square */
    assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "cannot be reached"));
    P.model = AMBIT_MODEL_BUDGET;
    P.budget = 0.5;
    assert_int_equal(ambit_solve(ctx, t.I, &P, &sol), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "cheapest"));
    drop(&t);
    double w[2] = {1, -1};
    double x[2] = {0, 1}, y[2] = {0, 0};
    ambit_cover *c = NULL;
    assert_int_equal(ambit_cover_points(ctx, x, y, 2, x, y, 2, 5, &c), AMBIT_OK);
    ambit_instance *I = (ambit_instance *)1;
    assert_int_equal(ambit_instance_new(ctx, c, w, NULL, NULL, &I), AMBIT_ERR_INPUT);
    assert_null(I);
    ambit_cover_free(c);
    ambit_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mclp_exact),
        cmocka_unit_test(test_pmedian_exact),
        cmocka_unit_test(test_target_and_budget_exact),
        cmocka_unit_test(test_floor_exact),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
