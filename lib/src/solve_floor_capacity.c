/*
 * The per-community floor with site capacities (a neighbourhood centre serves 15,000-25,000
 * people): a community counts the people *served*, not those within reach. Served
 * population is a maximum flow source -> community c (capacity need_c = floor share of its
 * population) -> demand point i (w_i) -> open site within reach -> sink (the site's
 * capacity), so that capacity goes first to communities below their floor. With every site
 * open the flow is F_all, the most any answer can serve towards the floors; the model asks
 * for the fewest new sites whose flow reaches F_all (when F_all is every floor, every
 * community reaches its floor).
 *
 * Primal: lazy greedy on the flow gained (the flow is a polymatroid rank of the open set,
 * so gains only shrink), then redundant sites dropped. Bound: the new sites' capacities
 * must carry F_all minus what the existing sites serve: the fewest largest capacities that
 * add up to it. Each evaluation rebuilds the network (Dinic), which suits planning sizes
 * (hundreds of candidates), not a city-wide grid.
 */
#include "heap.h"
#include "maxflow.h"
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fcap {
    const ambit_instance *I;
    const reach *r;
    maxflow mf;
    double *need;
    unsigned char *open;
    size_t *g_edge, *s_edge;
} fcap;

/* Served population towards the floors with the open sites; per group and per site
 * (either may be NULL). NAN on ENOMEM. */
static double fc_eval(fcap *f, double *per_group, double *per_site)
{
    const ambit_instance *I = f->I;
    const reach *r = f->r;
    size_t G = I->n_groups, n = I->n, S = 0, T = 1, g0 = 2, d0 = g0 + G, s0 = d0 + n;
    maxflow_clear(&f->mf);
    int ok = 1;
    for (size_t c = 0; c < G && ok; c++)
        ok = (f->g_edge[c] = maxflow_edge(&f->mf, S, g0 + c, f->need[c])) != (size_t)-1;
    for (size_t i = 0; i < n && ok; i++) {
        if (I->group[i] < 0 || r->d_start[i + 1] == r->d_start[i])
            continue;
        ok = maxflow_edge(&f->mf, g0 + (size_t)I->group[i], d0 + i, I->w[i]) != (size_t)-1;
        for (size_t q = r->d_start[i]; q < r->d_start[i + 1] && ok; q++)
            if (f->open[r->d_site[q]])
                ok = maxflow_edge(&f->mf, d0 + i, s0 + r->d_site[q], INFINITY) != (size_t)-1;
    }
    for (size_t j = 0; j < I->m && ok; j++) {
        f->s_edge[j] = (size_t)-1;
        if (f->open[j])
            ok = (f->s_edge[j] = maxflow_edge(&f->mf, s0 + j, T, fmin(I->cap[j], I->total_w))) !=
                 (size_t)-1;
    }
    if (!ok)
        return NAN;
    double v = maxflow_run(&f->mf, S, T);
    for (size_t c = 0; per_group && c < G; c++)
        per_group[c] = maxflow_flow(&f->mf, f->g_edge[c]);
    for (size_t j = 0; per_site && j < I->m; j++)
        per_site[j] = f->s_edge[j] == (size_t)-1 ? 0 : maxflow_flow(&f->mf, f->s_edge[j]);
    return v;
}

static int fc_init(fcap *f, const ambit_instance *I, const reach *r, double floor_share)
{
    memset(f, 0, sizeof *f);
    f->I = I;
    f->r = r;
    size_t G = I->n_groups;
    f->need = calloc(G + 1, sizeof *f->need);
    f->open = calloc(I->m + 1, 1);
    f->g_edge = malloc((G + 1) * sizeof *f->g_edge);
    f->s_edge = malloc((I->m + 1) * sizeof *f->s_edge);
    if (!maxflow_init(&f->mf, 2 + G + I->n + I->m) || !f->need || !f->open || !f->g_edge ||
        !f->s_edge)
        return 0;
    for (size_t i = 0; i < I->n; i++)
        if (I->group[i] >= 0)
            f->need[I->group[i]] += floor_share * I->w[i];
    return 1;
}

static void fc_free(fcap *f)
{
    maxflow_free(&f->mf);
    free(f->need);
    free(f->open);
    free(f->g_edge);
    free(f->s_edge);
}

/* F_all: the most every site together serves towards the floors. NAN on ENOMEM. */
static double fc_all(fcap *f)
{
    memset(f->open, 1, f->I->m);
    double v = fc_eval(f, NULL, NULL);
    memset(f->open, 0, f->I->m);
    return v;
}

double floor_capacity_target(const ambit_instance *I, const reach *r, double floor_share)
{
    fcap f;
    double v = fc_init(&f, I, r, floor_share) ? fc_all(&f) : NAN;
    fc_free(&f);
    return v;
}

ambit_status solve_floor_capacitated(ambit_ctx *ctx, const ambit_instance *I,
                                     const ambit_solve_params *P, const reach *r,
                                     ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    fcap f;
    heap h;
    memset(&h, 0, sizeof h);
    size_t m = I->m;
    size_t *sel = malloc((m + 1) * sizeof *sel);
    double *caps = malloc((m + 1) * sizeof *caps);
    sol->sel = malloc((m + 1) * sizeof *sol->sel);
    sol->marginal = malloc((m + 1) * sizeof *sol->marginal);
    sol->load = calloc(m + 1, sizeof *sol->load);
    sol->group_served = calloc(I->n_groups + 1, sizeof *sol->group_served);
    ambit_status st = AMBIT_OK;
    if (!fc_init(&f, I, r, P->floor) || !heap_init(&h, 2 * m) || !sel || !caps || !sol->sel ||
        !sol->marginal || !sol->load || !sol->group_served) {
        st = ctx_nomem(ctx);
        goto done;
    }
    double all = fc_all(&f), want = all * (1 - 1e-9);
    for (size_t j = 0; j < m; j++)
        f.open[j] = I->fixed[j];
    double cur = fc_eval(&f, NULL, NULL);
    if (isnan(all) || isnan(cur)) {
        st = ctx_nomem(ctx);
        goto done;
    }
    sol->covered_before = cur;
    /* lazy greedy on the flow gained */
    for (size_t j = 0; j < m; j++) {
        if (I->fixed[j])
            continue;
        f.open[j] = 1;
        heap_push(&h, fc_eval(&f, NULL, NULL) - cur, j);
        f.open[j] = 0;
    }
    size_t n = 0;
    while (cur < want && h.n > 0) {
        size_t j = h.id[0];
        heap_pop(&h);
        f.open[j] = 1;
        double v = fc_eval(&f, NULL, NULL);
        f.open[j] = 0;
        if (isnan(v)) {
            st = ctx_nomem(ctx);
            goto done;
        }
        if (heap_below_top(&h, v - cur, j)) {
            heap_push(&h, v - cur, j);
            continue;
        }
        if (v - cur <= 1e-9 * fmax(1, all))
            break;
        f.open[j] = 1;
        sel[n++] = j;
        cur = v;
    }
    /* drop sites the floors do not need, latest first */
    for (size_t k = n; k-- > 0 && !clock_expired(&clk);) {
        f.open[sel[k]] = 0;
        if (fc_eval(&f, NULL, NULL) >= want) {
            sel[k] = sel[--n];
            continue;
        }
        f.open[sel[k]] = 1;
    }
    /* bound: the new sites must carry what the existing ones leave */
    size_t nc = 0;
    for (size_t j = 0; j < m; j++)
        if (!I->fixed[j])
            caps[nc++] = -fmin(I->cap[j], I->total_w);
    size_t *order = malloc((nc + 1) * sizeof *order);
    if (!order) {
        st = ctx_nomem(ctx);
        goto done;
    }
    smallest_k(caps, nc, nc, order);
    double missing = want - sol->covered_before, carried = 0;
    size_t lb = 0;
    while (missing > 0 && lb < nc && carried < missing)
        carried += -caps[order[lb++]];
    free(order);
    /* construction order: largest flow gain first, from the existing sites */
    for (size_t j = 0; j < m; j++)
        f.open[j] = I->fixed[j];
    cur = sol->covered_before;
    for (size_t k = 0; k < n; k++) {
        size_t bi = k;
        double bv = -1;
        for (size_t q = k; q < n; q++) {
            f.open[sel[q]] = 1;
            double v = fc_eval(&f, NULL, NULL);
            f.open[sel[q]] = 0;
            if (v > bv || (v == bv && sel[q] < sel[bi])) {
                bv = v;
                bi = q;
            }
        }
        size_t t = sel[k];
        sel[k] = sel[bi];
        sel[bi] = t;
        f.open[sel[k]] = 1;
        sol->sel[k] = sel[k];
        sol->marginal[k] = bv - cur;
        cur = bv;
    }
    sol->n_sel = n;
    sol->covered = fc_eval(&f, sol->group_served, sol->load);
    if (isnan(sol->covered)) {
        st = ctx_nomem(ctx);
        goto done;
    }
    sol->objective = (double)n;
    sol->bound = fmin((double)lb, (double)n);
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
done:
    fc_free(&f);
    heap_free(&h);
    free(sel);
    free(caps);
    return st;
}
