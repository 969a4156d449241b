/*
 * Coverage models with site capacities: each person is served by at most one open
 * site within reach, each site serves at most its capacity; the objective is the
 * population served (a maximum flow, see flow.h).
 *
 * Primal: lazy greedy on exact marginal gains (the served population is a polymatroid
 * rank function of the open set, so gains only shrink and stale gains are valid upper
 * keys), then swaps of each open site against the most promising closed candidates,
 * each move tried on the flow and taken back unless it helps.
 * Bound: the smaller of the uncapacitated Lagrangian bound and what the existing sites
 * serve plus the p largest capacities (a fractional knapsack of capacities under a
 * budget): both hold because capacities only remove coverage and the served population
 * is subadditive.
 */
#include "flow.h"
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct keyed {
    double key;
    size_t j;
} keyed;

static int by_key_desc(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

static double ratio(double g, double c)
{
    return g / fmax(c, 1e-12);
}

/* Upper bound on the population served with p new sites (budget < 0) or a budget. */
static double capacity_bound(const ambit_instance *I, const reach *r, double base, double p,
                             double budget)
{
    size_t m = I->m, n = 0;
    keyed *k = malloc((m ? m : 1) * sizeof *k);
    if (!k)
        return INFINITY;
    for (size_t j = 0; j < m; j++) {
        if (I->fixed[j])
            continue;
        double reachable = 0;
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
            reachable += I->w[r->s_dem[q]];
        double c = fmin(I->cap[j], reachable);
        k[n++] = (keyed){budget < 0 ? c : ratio(c, I->cost[j]), j};
    }
    qsort(k, n, sizeof *k, by_key_desc);
    double ub = base, room = budget;
    for (size_t t = 0; t < n; t++) {
        size_t j = k[t].j;
        double reachable = 0;
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
            reachable += I->w[r->s_dem[q]];
        double c = fmin(I->cap[j], reachable);
        if (budget < 0) {
            if ((double)t >= p)
                break;
            ub += c;
        } else {
            if (room <= 0)
                break;
            double x = I->cost[j] <= room ? 1.0 : room / I->cost[j];
            ub += x * c;
            room -= x * I->cost[j];
        }
    }
    free(k);
    return ub;
}

typedef enum cmode { C_COUNT, C_TARGET, C_BUDGET } cmode;

/* Lazy greedy on exact gains. Returns 0 on ENOMEM. */
static int greedy(flow *f, cmode mode, double limit)
{
    const ambit_instance *I = f->I;
    const reach *r = f->r;
    keyed *h = malloc((I->m ? I->m : 1) * sizeof *h);
    size_t nh = 0;
    if (!h)
        return 0;
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j] || f->open[j])
            continue;
        /* rerouting can let a site gain more than the unserved people it reaches: start
         * from its capacity capped by everyone it reaches, a true upper bound */
        double reachable = 0;
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
            reachable += I->w[r->s_dem[q]];
        double g = fmin(I->cap[j], reachable);
        h[nh++] = (keyed){mode == C_BUDGET ? ratio(g, I->cost[j]) : g, j};
    }
    int ok = 1;
    while (nh > 0 && ok) {
        if (mode == C_COUNT && (double)f->n_open >= limit)
            break;
        if (mode == C_TARGET && f->assigned >= limit)
            break;
        qsort(h, nh, sizeof *h, by_key_desc); /* small: planning-size candidate sets */
        size_t j = h[0].j;
        h[0] = h[--nh];
        if (mode == C_BUDGET && f->spent + I->cost[j] > limit)
            continue;
        double before = f->assigned;
        flow_mark(f);
        ok = flow_open(f, j);
        double g = f->assigned - before, key = mode == C_BUDGET ? ratio(g, I->cost[j]) : g;
        double next = 0;
        for (size_t t = 0; t < nh; t++)
            next = fmax(next, h[t].key);
        if (key >= next && (mode == C_COUNT || g > 0)) {
            flow_keep(f);
        } else {
            flow_undo(f);
            if (g > 0 || mode == C_COUNT)
                h[nh++] = (keyed){key, j};
        }
    }
    free(h);
    return ok;
}

/* Swaps (and, under a budget, additions) until none helps. */
static int local_search(flow *f, double budget, const solve_clock *clk)
{
    const ambit_instance *I = f->I;
    const reach *r = f->r;
    size_t *open = malloc((I->m ? I->m : 1) * sizeof *open);
    keyed *c = malloc((I->m ? I->m : 1) * sizeof *c);
    if (!open || !c) {
        free(open);
        free(c);
        return 0;
    }
    int ok = 1, improved = 1;
    double eps = 1e-9 * fmax(1.0, I->total_w);
    for (int pass = 0; pass < 5 && improved && ok && !clock_expired(clk); pass++) {
        improved = 0;
        /* the candidates that reach the most unserved people come first */
        size_t nc = 0, no = 0;
        for (size_t j = 0; j < I->m; j++) {
            if (I->fixed[j])
                continue;
            if (f->open[j]) {
                open[no++] = j;
                continue;
            }
            double g = 0;
            for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
                g += f->res[r->s_dem[q]];
            c[nc++] = (keyed){fmin(g, I->cap[j]), j};
        }
        qsort(c, nc, sizeof *c, by_key_desc);
        size_t top = nc < 200 ? nc : 50; /* every candidate on planning-size sets */
        if (budget >= 0) {
            for (size_t t = 0; t < top && ok; t++) {
                size_t k = c[t].j;
                if (f->open[k] || f->spent + I->cost[k] > budget)
                    continue;
                double before = f->assigned;
                flow_mark(f);
                ok = flow_open(f, k);
                if (f->assigned > before + eps) {
                    flow_keep(f);
                    improved = 1;
                } else {
                    flow_undo(f);
                }
            }
        }
        for (size_t o = 0; o < no && ok; o++) {
            size_t j = open[o];
            for (size_t t = 0; t < top && ok; t++) {
                size_t k = c[t].j;
                if (f->open[k] || !f->open[j])
                    continue;
                if (budget >= 0 && f->spent - I->cost[j] + I->cost[k] > budget)
                    continue;
                double before = f->assigned;
                flow_mark(f);
                ok = flow_close(f, j) && flow_open(f, k);
                if (ok && f->assigned > before + eps) {
                    flow_keep(f);
                    improved = 1;
                    break;
                }
                flow_undo(f);
            }
        }
    }
    free(open);
    free(c);
    return ok;
}

/* Rebuilds f with exactly the fixed sites and set[0..n) open. Returns 0 on ENOMEM. */
static int reset_to(flow *f, const size_t *set, size_t n)
{
    const ambit_instance *I = f->I;
    const reach *r = f->r;
    flow_free(f);
    if (!flow_init(f, I, r))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!flow_open(f, set[k]))
            return 0;
    return 1;
}

static size_t open_list(const flow *f, size_t *out)
{
    return open_new_sites(f->I, f->open, out);
}

/* Seeded perturbation and local search; keeps the best set. Returns 0 on ENOMEM. */
static int perturbation(flow *f, double budget, double bound, const ambit_solve_params *P,
                        const solve_clock *clk)
{
    const ambit_instance *I = f->I;
    size_t *best = malloc((I->m ? I->m : 1) * sizeof *best);
    size_t *cur = malloc((I->m ? I->m : 1) * sizeof *cur);
    if (!best || !cur) {
        free(best);
        free(cur);
        return 0;
    }
    size_t nb = open_list(f, best);
    double best_val = f->assigned, eps = 1e-9 * fmax(1.0, I->total_w);
    uint64_t seed = P->seed;
    int ok = 1;
    int rounds = ils_rounds(P, f->r->s_start[I->m] * 8);
    for (int round = 0; round < rounds && ok; round++) {
        if (clock_expired(clk) || bound - best_val <= eps)
            break;
        size_t n = open_list(f, cur), t = 1 + rng_below(&seed, nb < 4 ? 2 : nb / 2), closed = 0;
        for (; closed < t && n > 0 && ok; closed++) {
            size_t at = rng_below(&seed, n);
            ok = flow_close(f, cur[at]);
            cur[at] = cur[--n];
        }
        for (size_t k = 0; k < closed && ok; k++) {
            for (int tries = 0; tries < 32; tries++) {
                size_t j = rng_below(&seed, I->m);
                if (f->open[j] || I->fixed[j] || (budget >= 0 && f->spent + I->cost[j] > budget))
                    continue;
                ok = flow_open(f, j);
                break;
            }
        }
        ok = ok && local_search(f, budget, clk);
        if (ok && f->assigned > best_val + eps) {
            best_val = f->assigned;
            nb = open_list(f, best);
        } else if (ok) {
            ok = reset_to(f, best, nb);
        }
    }
    free(best);
    free(cur);
    return ok;
}

ambit_status solve_capacitated(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *P,
                               const reach *r, ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    flow f;
    ambit_status st = AMBIT_OK;
    size_t m = I->m ? I->m : 1;
    sol->sel = malloc(m * sizeof *sol->sel);
    sol->marginal = malloc(m * sizeof *sol->marginal);
    sol->load = calloc(m, sizeof *sol->load);
    if (!flow_init(&f, I, r) || !sol->sel || !sol->marginal || !sol->load) {
        flow_free(&f);
        return ctx_nomem(ctx);
    }
    double base = f.assigned;
    sol->covered_before = base;
    double reachable = 0;
    for (size_t i = 0; i < I->n; i++)
        if (r->d_start[i + 1] > r->d_start[i])
            reachable += I->w[i];
    int ok = 1;
    if (P->model == AMBIT_MODEL_MCLP) {
        ok = greedy(&f, C_COUNT, (double)P->p) && local_search(&f, -1, &clk);
        double ub = cover_lagrangian_bound(I, r, (double)P->p, -1, f.assigned, &clk, &ok);
        sol->bound = fmin(fmin(ub, capacity_bound(I, r, base, (double)P->p, -1)), reachable);
        ok = ok && perturbation(&f, -1, sol->bound, P, &clk);
        sol->objective = f.assigned;
    } else if (P->model == AMBIT_MODEL_BUDGET) {
        double cheapest = INFINITY;
        for (size_t j = 0; j < I->m; j++)
            if (!I->fixed[j])
                cheapest = fmin(cheapest, I->cost[j]);
        if (P->budget < cheapest) {
            flow_free(&f);
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--budget %g is below the cheapest candidate site (cost %g)", P->budget,
                            cheapest);
        }
        ok = greedy(&f, C_BUDGET, P->budget) && local_search(&f, P->budget, &clk);
        double ub = cover_lagrangian_bound(I, r, 0, P->budget, f.assigned, &clk, &ok);
        sol->bound = fmin(fmin(ub, capacity_bound(I, r, base, 0, P->budget)), reachable);
        ok = ok && perturbation(&f, P->budget, sol->bound, P, &clk);
        sol->objective = f.assigned;
    } else {
        double want = P->target * I->total_w * (1 - 1e-12);
        /* the most all sites together can serve */
        flow all;
        if (!flow_init(&all, I, r)) {
            flow_free(&f);
            return ctx_nomem(ctx);
        }
        for (size_t j = 0; j < I->m && ok; j++)
            if (!I->fixed[j])
                ok = flow_open(&all, j);
        double most = all.assigned;
        flow_free(&all);
        if (ok && most < want) {
            flow_free(&f);
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--coverage %g cannot be reached: all candidate and existing sites "
                            "together serve %.6g of %.6g people (%.4f%%) within their "
                            "capacities",
                            P->target, most, I->total_w, 100 * most / I->total_w);
        }
        ok = ok && greedy(&f, C_TARGET, want);
        size_t q = f.n_open, lo = 0, hi = q;
        if (base >= want)
            hi = 0;
        while (ok && hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            double ub = cover_lagrangian_bound(I, r, (double)mid, -1, want, &clk, &ok);
            ub = fmin(ub, capacity_bound(I, r, base, (double)mid, -1));
            if (ub >= want)
                hi = mid;
            else
                lo = mid;
        }
        sol->objective = (double)q;
        sol->bound = (double)hi;
    }
    if (!ok) {
        flow_free(&f);
        return ctx_nomem(ctx);
    }
    sol->covered = f.assigned;
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
    /* the chosen sites, then their construction order by exact marginal gain */
    size_t n = 0;
    for (size_t j = 0; j < I->m; j++)
        if (f.open[j] && !I->fixed[j])
            sol->sel[n++] = j;
    for (size_t j = 0; j < I->m; j++)
        sol->load[j] = f.load[j];
    sol->n_sel = n;
    for (size_t t = 0; t < n && ok; t++)
        ok = flow_close(&f, sol->sel[t]);
    for (size_t rk = 0; rk < n && ok; rk++) {
        size_t best = rk;
        double bk = -1;
        for (size_t k = rk; k < n && ok; k++) {
            double before = f.assigned;
            flow_mark(&f);
            ok = flow_open(&f, sol->sel[k]);
            double key = rank_key(P, I, sol->sel[k], f.assigned - before);
            flow_undo(&f);
            if (key > bk + 1e-12 || (fabs(key - bk) <= 1e-12 && sol->sel[k] < sol->sel[best])) {
                bk = key;
                best = k;
            }
        }
        size_t tmp = sol->sel[rk];
        sol->sel[rk] = sol->sel[best];
        sol->sel[best] = tmp;
        double before = f.assigned;
        ok = ok && flow_open(&f, sol->sel[rk]);
        sol->marginal[rk] = f.assigned - before;
    }
    flow_free(&f);
    return ok ? st : ctx_nomem(ctx);
}
