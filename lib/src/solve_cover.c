/*
 * The coverage family: maximal covering (mclp), set covering to a target share
 * (target; 1.0 is the LSCP) and covering under a budget (budget).
 *
 * Primal: lazy greedy, then vertex substitution with fast-interchange bookkeeping
 * (per candidate k: gain of k, and for every open j whose sole-covered demand k
 * would also reach, the "extra" that makes the swap cheaper), then a seeded
 * perturbation phase (iterated local search; each kick closes random sites and refills
 * greedily from the others). Dual: Lagrangian relaxation of the
 * coverage constraints y_i <= sum_{j covers i} x_j, by subgradient; the relaxed
 * problem picks the p best sites (or a fractional knapsack under a budget), so
 * L(lambda) is an upper bound on the optimum.
 */
#include "heap.h"
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct cstate {
    const ambit_instance *I;
    const reach *r;
    uint32_t *cnt;  /* open sites covering each demand */
    uint32_t *sole; /* for cnt == 1: that site */
    double *loss;   /* per open site: the coverage lost if it alone closed */
    unsigned char *open;
    double covered, spent;
    size_t n_open; /* new (non-fixed) open sites */
} cstate;

static void cs_open(cstate *c, size_t j)
{
    const reach *r = c->r;
    c->open[j] = 1;
    if (!c->I->fixed[j]) {
        c->n_open++;
        c->spent += c->I->cost[j];
    }
    for (size_t k = r->s_start[j]; k < r->s_start[j + 1]; k++) {
        uint32_t i = r->s_dem[k];
        double w = c->I->w[i];
        uint32_t before = c->cnt[i]++;
        if (before == 0) {
            c->covered += w;
            c->sole[i] = (uint32_t)j;
            c->loss[j] += w;
        } else if (before == 1) {
            c->loss[c->sole[i]] -= w; /* no longer its sole cover */
        }
    }
}

static void cs_close(cstate *c, size_t j)
{
    const reach *r = c->r;
    c->open[j] = 0;
    if (!c->I->fixed[j]) {
        c->n_open--;
        c->spent -= c->I->cost[j];
    }
    for (size_t k = r->s_start[j]; k < r->s_start[j + 1]; k++) {
        uint32_t i = r->s_dem[k];
        uint32_t after = --c->cnt[i];
        if (after == 0) {
            c->covered -= c->I->w[i];
        } else if (after == 1) {
            for (size_t q = r->d_start[i]; q < r->d_start[i + 1]; q++) {
                if (c->open[r->d_site[q]]) {
                    c->sole[i] = r->d_site[q];
                    c->loss[c->sole[i]] += c->I->w[i];
                    break;
                }
            }
        }
    }
    c->loss[j] = 0;
}

static double cs_gain(const cstate *c, size_t j)
{
    double g = 0;
    for (size_t k = c->r->s_start[j]; k < c->r->s_start[j + 1]; k++)
        if (c->cnt[c->r->s_dem[k]] == 0)
            g += c->I->w[c->r->s_dem[k]];
    return g;
}

static int cs_init(cstate *c, const ambit_instance *I, const reach *r)
{
    memset(c, 0, sizeof *c);
    c->I = I;
    c->r = r;
    c->cnt = calloc(I->n ? I->n : 1, sizeof *c->cnt);
    c->sole = calloc(I->n ? I->n : 1, sizeof *c->sole);
    c->open = calloc(I->m ? I->m : 1, 1);
    c->loss = calloc(I->m ? I->m : 1, sizeof *c->loss);
    if (!c->cnt || !c->sole || !c->open || !c->loss)
        return 0;
    for (size_t j = 0; j < I->m; j++)
        if (I->fixed[j])
            cs_open(c, j);
    return 1;
}

static void cs_free(cstate *c)
{
    free(c->cnt);
    free(c->sole);
    free(c->open);
    free(c->loss);
}

/* Opens exactly the sites of set (and the fixed ones). */
static void cs_set(cstate *c, const size_t *set, size_t n)
{
    for (size_t j = 0; j < c->I->m; j++)
        if (c->open[j] && !c->I->fixed[j])
            cs_close(c, j);
    for (size_t k = 0; k < n; k++)
        cs_open(c, set[k]);
}

static size_t cs_list(const cstate *c, size_t *out)
{
    return open_new_sites(c->I, c->open, out);
}

/* ------------------------------------------------------------ lazy greedy */

typedef enum gmode { G_COUNT, G_TARGET, G_BUDGET } gmode;

static double ratio(double gain, double cost)
{
    return gain / fmax(cost, 1e-12);
}

/* Adds sites greedily until `limit` sites (G_COUNT), coverage >= limit (G_TARGET) or no
 * affordable gain is left (G_BUDGET, limit = budget), never one marked in `ban` (may be
 * NULL). Returns 0 on ENOMEM. */
static int greedy(cstate *c, gmode mode, double limit, const unsigned char *ban)
{
    const ambit_instance *I = c->I;
    heap h;
    if (!heap_init(&h, I->m)) {
        heap_free(&h);
        return 0;
    }
    for (size_t j = 0; j < I->m; j++) {
        if (c->open[j] || I->fixed[j] || (ban && ban[j]))
            continue;
        double g = cs_gain(c, j);
        heap_push(&h, mode == G_BUDGET ? ratio(g, I->cost[j]) : g, j);
    }
    while (h.n > 0) {
        if (mode == G_COUNT && (double)c->n_open >= limit)
            break;
        if (mode == G_TARGET && c->covered >= limit)
            break;
        size_t j = h.id[0];
        double g = cs_gain(c, j);
        double key = mode == G_BUDGET ? ratio(g, I->cost[j]) : g;
        heap_pop(&h);
        if (mode == G_BUDGET && c->spent + I->cost[j] > limit)
            continue; /* never affordable again: spending only grows */
        if (heap_below_top(&h, key, j)) {
            heap_push(&h, key, j); /* stale: put back with its true key */
            continue;
        }
        if (mode != G_COUNT && g <= 0)
            break;
        cs_open(c, j);
    }
    heap_free(&h);
    return 1;
}

/* ------------------------------------------------------------ local search */

typedef struct lsbuf {
    double *extra;
    unsigned char *touched;
    size_t *tlist, *open;
} lsbuf;

static int ls_init(lsbuf *b, size_t m)
{
    b->extra = calloc(m ? m : 1, sizeof *b->extra);
    b->touched = calloc(m ? m : 1, 1);
    b->tlist = malloc((m ? m : 1) * sizeof *b->tlist);
    b->open = malloc((m ? m : 1) * sizeof *b->open);
    return b->extra && b->touched && b->tlist && b->open;
}

static void ls_free(lsbuf *b)
{
    free(b->extra);
    free(b->touched);
    free(b->tlist);
    free(b->open);
}

/* The open new site whose closing loses least (ties: lower index). */
static size_t least_loss(const cstate *c, const size_t *open, size_t n)
{
    size_t best = open[0];
    for (size_t t = 1; t < n; t++)
        if (c->loss[open[t]] < c->loss[best])
            best = open[t];
    return best;
}

/*
 * Vertex substitution until no swap (and, under a budget, no addition) improves
 * coverage. budget < 0: no budget (swaps keep the number of sites). offset: the candidate
 * the scan starts from (a seeded one diversifies the perturbation phase).
 */
static void local_search(cstate *c, lsbuf *b, double budget, size_t offset, const solve_clock *clk)
{
    const ambit_instance *I = c->I;
    const reach *r = c->r;
    double eps = 1e-12 * fmax(1.0, I->total_w);
    size_t n_open = cs_list(c, b->open);
    int improved = 1;
    while (improved && !clock_expired(clk)) {
        improved = 0;
        for (size_t step = 0; step < I->m; step++) {
            size_t k = (offset + step) % I->m;
            if (c->open[k] || I->fixed[k])
                continue;
            double g = 0;
            size_t nt = 0;
            for (size_t q = r->s_start[k]; q < r->s_start[k + 1]; q++) {
                uint32_t i = r->s_dem[q];
                if (c->cnt[i] == 0) {
                    g += I->w[i];
                } else if (c->cnt[i] == 1) {
                    uint32_t j = c->sole[i];
                    if (I->fixed[j])
                        continue;
                    if (!b->touched[j]) {
                        b->touched[j] = 1;
                        b->extra[j] = 0;
                        b->tlist[nt++] = j;
                    }
                    b->extra[j] += I->w[i];
                }
            }
            double best = eps;
            size_t best_t = (size_t)-1;
            int add = 0;
            if (budget >= 0 && c->spent + I->cost[k] <= budget && g > best) {
                best = g;
                add = 1;
            }
            /* the swap k in, j out gains g - loss(j) + extra(k, j) */
            for (size_t t = 0; t < n_open; t++) {
                size_t j = b->open[t];
                if (budget >= 0 && c->spent - I->cost[j] + I->cost[k] > budget)
                    continue;
                double pr = g - c->loss[j] + (b->touched[j] ? b->extra[j] : 0);
                if (pr > best) {
                    best = pr;
                    best_t = t;
                    add = 0;
                }
            }
            for (size_t t = 0; t < nt; t++)
                b->touched[b->tlist[t]] = 0;
            if (add) {
                cs_open(c, k);
                b->open[n_open++] = k;
                improved = 1;
            } else if (best_t != (size_t)-1) {
                cs_close(c, b->open[best_t]);
                cs_open(c, k);
                b->open[best_t] = k;
                improved = 1;
            }
        }
    }
}

/* ------------------------------------------------------------ Lagrangian */

/* Subgradient steps of the bound (each costs one pass over the pairs; see
 * docs/PERFORMANCE.md for the bound against the number of steps) */
#define LAGRANGIAN_ITERATIONS 600

/*
 * Upper bound on the coverage reachable with `p` new sites (budget < 0) or with new
 * sites of total cost <= budget. Returns the bound including what the fixed sites cover.
 * hint (may be NULL) receives the sites the best relaxation opens whole.
 */
static double lagrangian_ub(const cstate *fixed_only, double p, double budget, double primal,
                            const solve_clock *clk, size_t *hint, size_t *n_hint, int *ok)
{
    const ambit_instance *I = fixed_only->I;
    const reach *r = fixed_only->r;
    size_t n = I->n, m = I->m;
    double base = fixed_only->covered;
    *ok = 0;
    double *lam = malloc((n ? n : 1) * sizeof *lam), *v = malloc((m ? m : 1) * sizeof *v);
    double *xs = calloc(m ? m : 1, sizeof *xs), *g = malloc((n ? n : 1) * sizeof *g);
    size_t *cand = malloc((m ? m : 1) * sizeof *cand), *pick = malloc((m ? m : 1) * sizeof *pick);
    double *key = malloc((m ? m : 1) * sizeof *key);
    unsigned char *live = calloc(n ? n : 1, 1);
    double best = INFINITY, live_w = 0;
    if (!lam || !v || !xs || !g || !cand || !pick || !key || !live)
        goto done;
    *ok = 1;
    size_t nc = 0;
    for (size_t j = 0; j < m; j++)
        if (!I->fixed[j])
            cand[nc++] = j;
    /* demand that a candidate could newly cover */
    for (size_t i = 0; i < n; i++) {
        lam[i] = I->w[i];
        if (fixed_only->cnt[i] > 0)
            continue;
        for (size_t q = r->d_start[i]; q < r->d_start[i + 1]; q++) {
            if (!I->fixed[r->d_site[q]]) {
                live[i] = 1;
                live_w += I->w[i];
                break;
            }
        }
    }
    double target = fmax(primal - base, 0);
    double theta = 2.0;
    int stall = 0;
    for (int it = 0; it < LAGRANGIAN_ITERATIONS; it++) {
        if (it % 16 == 0 && clock_expired(clk))
            break;
        long ncl = (long)nc;
#pragma omp parallel for schedule(static)
        for (long t = 0; t < ncl; t++) {
            size_t j = cand[t];
            double s = 0;
            for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
                if (live[r->s_dem[q]])
                    s += lam[r->s_dem[q]];
            v[t] = s;
        }
        /* relaxed site choice: the p largest v, or a fractional knapsack by v / cost */
        double L = 0;
        for (size_t t = 0; t < nc; t++)
            key[t] = budget < 0 ? -v[t] : -ratio(v[t], I->cost[cand[t]]);
        size_t k = budget < 0 ? (size_t)p : nc, n_pick = 0;
        smallest_k(key, nc, k, pick);
        double room = budget;
        for (size_t t = 0; t < k; t++) {
            size_t a = pick[t];
            if (budget < 0) {
                xs[a] = 1;
            } else {
                if (v[a] <= 0 || room <= 0)
                    break;
                double cj = I->cost[cand[a]];
                xs[a] = cj <= room ? 1.0 : room / cj;
                room -= xs[a] * cj;
            }
            L += xs[a] * v[a];
            n_pick++;
        }
        /* subgradient g_i = y_i - sum of the relaxed openings covering i: only the picked
         * sites' lists contribute to the sum, so this costs p lists, not every pair */
        for (size_t i = 0; i < n; i++) {
            g[i] = live[i] && I->w[i] - lam[i] > 0 ? 1 : 0;
            L += g[i] * (I->w[i] - lam[i]); /* summed in order: thread-count independent */
        }
        for (size_t t = 0; t < n_pick; t++) {
            size_t j = cand[pick[t]];
            for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
                g[r->s_dem[q]] -= xs[pick[t]];
        }
        if (L < best - 1e-12 * fmax(1, live_w)) {
            best = L;
            stall = 0;
            /* the sites the relaxation opens whole: a start for the local search */
            if (hint) {
                *n_hint = 0;
                for (size_t t = 0; t < n_pick; t++)
                    if (xs[pick[t]] == 1)
                        hint[(*n_hint)++] = cand[pick[t]];
            }
        } else if (++stall >= 20) {
            theta /= 2;
            stall = 0;
        }
        for (size_t t = 0; t < n_pick; t++)
            xs[pick[t]] = 0;
        if (best - target <= 1e-9 * fmax(1, best) || theta < 1e-4)
            break;
        double norm = 0;
        for (size_t i = 0; i < n; i++)
            if (live[i])
                norm += g[i] * g[i];
        if (norm == 0)
            break;
        /* Polyak step from the best value so far, taken from the current point */
        double step = theta * (best - target) / norm;
        for (size_t i = 0; i < n; i++) {
            if (!live[i])
                continue;
            double l = lam[i] + step * g[i]; /* L decreases along -(-g) */
            lam[i] = l < 0 ? 0 : l > I->w[i] ? I->w[i] : l;
        }
    }
done:
    free(lam);
    free(v);
    free(xs);
    free(g);
    free(cand);
    free(pick);
    free(key);
    free(live);
    /* nothing can cover more than the demand the candidates reach */
    return base + (isfinite(best) ? fmin(best, live_w) : live_w);
}

double cover_lagrangian_bound(const ambit_instance *I, const reach *r, double p, double budget,
                              double primal, const solve_clock *clk, int *ok)
{
    cstate base;
    memset(&base, 0, sizeof base);
    double ub = I->total_w;
    *ok = cs_init(&base, I, r);
    if (*ok)
        ub = lagrangian_ub(&base, p, budget, primal, clk, NULL, NULL, ok);
    cs_free(&base);
    return ub;
}

/* ------------------------------------------------------ perturbation (ILS) */

/*
 * Ruin and recreate: closes up to `t` random new sites, then refills greedily (as many
 * sites, or within the budget) from the other candidates, never reopening a closed one.
 */
static int perturb(cstate *c, lsbuf *b, size_t t, double budget, uint64_t *seed)
{
    size_t n = cs_list(c, b->open), closed = 0;
    for (; closed < t && n > 0; closed++) {
        size_t at = rng_below(seed, n);
        cs_close(c, b->open[at]);
        b->touched[b->open[at]] = 1; /* the ban list; local_search leaves it clear */
        b->tlist[closed] = b->open[at];
        b->open[at] = b->open[--n];
    }
    int ok = budget < 0 ? greedy(c, G_COUNT, (double)(c->n_open + closed), b->touched)
                        : greedy(c, G_BUDGET, budget, b->touched);
    for (size_t k = 0; k < closed; k++)
        b->touched[b->tlist[k]] = 0;
    return ok;
}

/* Improves c in place by iterated local search; keeps the best set. */
static int ils(cstate *c, lsbuf *b, double budget, const ambit_solve_params *P, double bound,
               const solve_clock *clk)
{
    const ambit_instance *I = c->I;
    size_t *best = malloc((I->m ? I->m : 1) * sizeof *best);
    if (!best)
        return 0;
    size_t nb = cs_list(c, best);
    double best_cov = c->covered, eps = 1e-12 * fmax(1.0, I->total_w);
    uint64_t seed = P->seed;
    for (int round = 0; round < ils_rounds(P, c->r->s_start[I->m]); round++) {
        if (clock_expired(clk) || bound - best_cov <= eps)
            break;
        size_t t = 1 + rng_below(&seed, nb < 4 ? 2 : nb / 2);
        if (!perturb(c, b, t, budget, &seed)) {
            free(best);
            return 0;
        }
        local_search(c, b, budget, rng_below(&seed, I->m), clk);
        if (c->covered > best_cov + eps) {
            best_cov = c->covered;
            nb = cs_list(c, best);
        } else {
            cs_set(c, best, nb);
        }
    }
    cs_set(c, best, nb);
    free(best);
    return 1;
}

/*
 * Local search from the sites the Lagrangian relaxation opens (completed greedily up
 * to p, or within the budget); keeps it if it beats the current solution.
 */
static int lagrangian_start(cstate *c, lsbuf *b, const size_t *hint, size_t n_hint, double budget,
                            double p, const solve_clock *clk)
{
    size_t *keep = malloc((c->I->m ? c->I->m : 1) * sizeof *keep);
    if (!keep)
        return 0;
    size_t nk = cs_list(c, keep);
    double before = c->covered;
    size_t use = 0;
    cs_set(c, NULL, 0);
    for (size_t t = 0; t < n_hint; t++) {
        if (budget >= 0 && c->spent + c->I->cost[hint[t]] > budget)
            continue;
        if (budget < 0 && (double)use >= p)
            break;
        cs_open(c, hint[t]);
        use++;
    }
    int ok = budget < 0 ? greedy(c, G_COUNT, p, NULL) : greedy(c, G_BUDGET, budget, NULL);
    local_search(c, b, budget, 0, clk);
    if (c->covered <= before)
        cs_set(c, keep, nk);
    free(keep);
    return ok;
}

/* ------------------------------------------------------------ the models */

/* Orders the chosen sites by marginal gain from the fixed ones (construction order). */
static int rank_sites(cstate *c, const ambit_solve_params *P, ambit_solution *sol)
{
    size_t n = cs_list(c, sol->sel);
    sol->n_sel = n;
    cs_set(c, NULL, 0);
    for (size_t r = 0; r < n; r++) {
        size_t best = r;
        double bg = -1, bk = -1;
        for (size_t k = r; k < n; k++) {
            double g = cs_gain(c, sol->sel[k]), key = rank_key(P, c->I, sol->sel[k], g);
            if (key > bk || (key == bk && sol->sel[k] < sol->sel[best])) {
                bk = key;
                bg = g;
                best = k;
            }
        }
        size_t t = sol->sel[r];
        sol->sel[r] = sol->sel[best];
        sol->sel[best] = t;
        sol->marginal[r] = bg;
        cs_open(c, sol->sel[r]);
    }
    return 1;
}

ambit_status solve_cover(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *P,
                         ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    reach r;
    ambit_status st = reach_build(ctx, I, P->radius, &r);
    if (st)
        return st;
    if (I->cap) {
        st = solve_capacitated(ctx, I, P, &r, sol);
        reach_free(&r);
        return st;
    }
    cstate c, base;
    lsbuf b;
    size_t *hint = NULL;
    memset(&c, 0, sizeof c);
    memset(&base, 0, sizeof base);
    memset(&b, 0, sizeof b);
    int ok = cs_init(&c, I, &r) && cs_init(&base, I, &r) && ls_init(&b, I->m);
    sol->sel = malloc((I->m ? I->m : 1) * sizeof *sol->sel);
    sol->marginal = malloc((I->m ? I->m : 1) * sizeof *sol->marginal);
    if (!ok || !sol->sel || !sol->marginal) {
        st = ctx_nomem(ctx);
        goto done;
    }
    sol->covered_before = base.covered;
    int lok = 1;
    size_t n_hint = 0;
    hint = malloc((I->m ? I->m : 1) * sizeof *hint);
    if (!hint) {
        st = ctx_nomem(ctx);
        goto done;
    }
    if (P->model == AMBIT_MODEL_MCLP) {
        greedy(&c, G_COUNT, (double)P->p, NULL);
        local_search(&c, &b, -1, 0, &clk);
        sol->bound = lagrangian_ub(&base, (double)P->p, -1, c.covered, &clk, hint, &n_hint, &lok);
        lok = lok && lagrangian_start(&c, &b, hint, n_hint, -1, (double)P->p, &clk);
        ils(&c, &b, -1, P, sol->bound, &clk);
        sol->objective = c.covered;
    } else if (P->model == AMBIT_MODEL_BUDGET) {
        double cheapest = INFINITY;
        for (size_t j = 0; j < I->m; j++)
            if (!I->fixed[j])
                cheapest = fmin(cheapest, I->cost[j]);
        if (P->budget < cheapest) {
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--budget %g is below the cheapest candidate site (cost %g)", P->budget,
                          cheapest);
            goto done;
        }
        greedy(&c, G_BUDGET, P->budget, NULL);
        /* the best single affordable site guards the ratio greedy against its worst case */
        double best_single = -1;
        size_t bj = 0;
        for (size_t j = 0; j < I->m; j++) {
            if (I->fixed[j] || I->cost[j] > P->budget)
                continue;
            double g = cs_gain(&base, j);
            if (g > best_single) {
                best_single = g;
                bj = j;
            }
        }
        if (base.covered + best_single > c.covered)
            cs_set(&c, &bj, 1);
        local_search(&c, &b, P->budget, 0, &clk);
        sol->bound = lagrangian_ub(&base, 0, P->budget, c.covered, &clk, hint, &n_hint, &lok);
        lok = lok && lagrangian_start(&c, &b, hint, n_hint, P->budget, 0, &clk);
        ils(&c, &b, P->budget, P, sol->bound, &clk);
        sol->objective = c.covered;
    } else { /* target */
        double want = P->target * I->total_w * (1 - 1e-12);
        /* the most the candidates and existing sites can reach */
        double reachable = 0;
        for (size_t i = 0; i < I->n; i++)
            if (r.d_start[i + 1] > r.d_start[i])
                reachable += I->w[i];
        if (reachable < want) {
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--coverage %g cannot be reached: all candidate and existing sites "
                          "together cover %.6g of %.6g people (%.4f%%)",
                          P->target, reachable, I->total_w, 100 * reachable / I->total_w);
            goto done;
        }
        greedy(&c, G_TARGET, want, NULL);
        /* try to reach the target with one site fewer, again and again */
        size_t *keep = malloc((I->m ? I->m : 1) * sizeof *keep);
        if (!keep) {
            st = ctx_nomem(ctx);
            goto done;
        }
        while (c.n_open > 0 && !clock_expired(&clk)) {
            size_t nk = cs_list(&c, keep);
            cs_close(&c, least_loss(&c, keep, nk));
            local_search(&c, &b, -1, 0, &clk);
            if (c.covered < want) {
                ambit_solve_params q = *P;
                q.max_iterations = P->max_iterations / 4 + 1;
                ils(&c, &b, -1, &q, want, &clk);
            }
            if (c.covered < want) {
                cs_set(&c, keep, nk);
                break;
            }
        }
        free(keep);
        /* bound: the fewest sites whose Lagrangian upper bound reaches the target (the
         * bound grows with p, so a binary search finds it) */
        size_t q = c.n_open, lo = 0, hi = q;
        if (base.covered >= want)
            hi = 0;
        while (hi - lo > 1 && lok) {
            size_t mid = lo + (hi - lo) / 2;
            if (lagrangian_ub(&base, (double)mid, -1, want, &clk, NULL, NULL, &lok) >= want)
                hi = mid;
            else
                lo = mid;
        }
        size_t lb = hi;
        sol->objective = (double)q;
        sol->bound = (double)lb;
    }
    if (!lok) {
        st = ctx_nomem(ctx);
        goto done;
    }
    sol->covered = c.covered;
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
    rank_sites(&c, P, sol);
done:
    free(hint);
    cs_free(&c);
    cs_free(&base);
    ls_free(&b);
    reach_free(&r);
    return st;
}
