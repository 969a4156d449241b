/*
 * p-median: minimise the population-weighted distance from each demand point to
 * its nearest open site, with p new sites and the existing ones open.
 *
 * Primal: greedy addition, then vertex substitution with the fast-interchange
 * bookkeeping of Whitaker (1983) / Resende & Werneck (2003): with d1, d2 the
 * distances to the nearest and second nearest open sites, the profit of swapping
 * k in and j out is gain(k) - loss(j) + extra(k, j), where
 *   gain(k)     = sum_i w_i max(0, d1_i - d_ik)
 *   loss(j)     = sum_{i: nearest is j} w_i (d2_i - d1_i)
 *   extra(k, j) = sum_{i: nearest is j, d_ik < d2_i} w_i (d2_i - max(d_ik, d1_i)),
 * all found in one pass over the pairs of k. Then a seeded perturbation phase.
 * Dual: Lagrangian relaxation of the assignment constraints sum_j x_ij = 1, by
 * subgradient (a lower bound).
 *
 * Pairs absent from the cover (beyond a distance cutoff) cost `far`, the largest
 * distance in the cover plus one, so that a demand point with no open site in
 * reach is penalised but the arithmetic stays finite.
 */
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pstate {
    const ambit_instance *I;
    double far;
    unsigned char *open;
    double *d1, *d2;
    uint32_t *c1;
    double cost;
    size_t n_open;
} pstate;

/* nearest and second nearest open sites of demand i (lists are sorted by distance) */
static void nearest2(pstate *s, size_t i)
{
    const ambit_instance *I = s->I;
    double a = s->far, b = s->far;
    uint32_t ca = UINT32_MAX;
    for (size_t q = I->d_start[i]; q < I->d_start[i + 1]; q++) {
        if (!s->open[I->d_site[q]])
            continue;
        if (ca == UINT32_MAX) {
            a = I->d_dist[q];
            ca = I->d_site[q];
        } else {
            b = I->d_dist[q];
            break;
        }
    }
    s->d1[i] = a;
    s->d2[i] = b;
    s->c1[i] = ca;
}

static void recompute_all(pstate *s)
{
    long double cost = 0;
    for (size_t i = 0; i < s->I->n; i++) {
        nearest2(s, i);
        cost += s->I->w[i] * s->d1[i];
    }
    s->cost = (double)cost;
}

/* Refreshes the demand points whose lists hold site j. */
static void refresh_site(pstate *s, size_t j)
{
    const ambit_cover *c = s->I->cover;
    for (size_t k = c->start[j]; k < c->start[j + 1]; k++) {
        uint32_t i = c->demand[k];
        s->cost -= s->I->w[i] * s->d1[i];
        nearest2(s, i);
        s->cost += s->I->w[i] * s->d1[i];
    }
}

static void ps_open(pstate *s, size_t j)
{
    s->open[j] = 1;
    s->n_open += !s->I->fixed[j];
    refresh_site(s, j);
}

static double ps_gain(const pstate *s, size_t k)
{
    const ambit_cover *c = s->I->cover;
    double g = 0;
    for (size_t q = c->start[k]; q < c->start[k + 1]; q++) {
        uint32_t i = c->demand[q];
        if (c->dist[q] < s->d1[i])
            g += s->I->w[i] * (s->d1[i] - c->dist[q]);
    }
    return g;
}

static void ps_set(pstate *s, const size_t *set, size_t n)
{
    for (size_t j = 0; j < s->I->m; j++)
        s->open[j] = s->I->fixed[j];
    for (size_t k = 0; k < n; k++)
        s->open[set[k]] = 1;
    s->n_open = n;
    recompute_all(s);
}

static size_t ps_list(const pstate *s, size_t *out)
{
    return open_new_sites(s->I, s->open, out);
}

static void greedy(pstate *s, size_t p)
{
    while (s->n_open < p) {
        double best = -1;
        size_t bj = 0;
        for (size_t j = 0; j < s->I->m; j++) {
            if (s->open[j])
                continue;
            double g = ps_gain(s, j);
            if (g > best) {
                best = g;
                bj = j;
            }
        }
        ps_open(s, bj);
    }
}

typedef struct pbuf {
    double *loss, *extra;
    unsigned char *touched;
    size_t *tlist, *open;
} pbuf;

static void losses(const pstate *s, pbuf *b)
{
    const ambit_instance *I = s->I;
    for (size_t j = 0; j < I->m; j++)
        b->loss[j] = 0;
    for (size_t i = 0; i < I->n; i++)
        if (s->c1[i] != UINT32_MAX)
            b->loss[s->c1[i]] += I->w[i] * (s->d2[i] - s->d1[i]);
}

/* offset: the candidate the scan starts from (a seeded one diversifies the perturbation phase) */
static void local_search(pstate *s, pbuf *b, size_t offset, const solve_clock *clk)
{
    const ambit_instance *I = s->I;
    const ambit_cover *c = I->cover;
    double eps = 1e-12 * fmax(1.0, fabs(s->cost));
    losses(s, b);
    size_t n_open = ps_list(s, b->open);
    int improved = 1;
    while (improved && !clock_expired(clk)) {
        improved = 0;
        for (size_t step = 0; step < I->m; step++) {
            size_t k = (offset + step) % I->m;
            if (s->open[k])
                continue;
            double g = 0;
            size_t nt = 0;
            for (size_t q = c->start[k]; q < c->start[k + 1]; q++) {
                uint32_t i = c->demand[q];
                double dik = c->dist[q];
                if (dik < s->d1[i])
                    g += I->w[i] * (s->d1[i] - dik);
                if (dik < s->d2[i] && s->c1[i] != UINT32_MAX) {
                    uint32_t j = s->c1[i];
                    if (I->fixed[j])
                        continue;
                    if (!b->touched[j]) {
                        b->touched[j] = 1;
                        b->extra[j] = 0;
                        b->tlist[nt++] = j;
                    }
                    b->extra[j] += I->w[i] * (s->d2[i] - fmax(dik, s->d1[i]));
                }
            }
            double best = eps;
            size_t bj = (size_t)-1;
            for (size_t t = 0; t < n_open; t++) {
                size_t j = b->open[t];
                double pr = g - b->loss[j] + (b->touched[j] ? b->extra[j] : 0);
                if (pr > best) {
                    best = pr;
                    bj = j;
                }
            }
            for (size_t t = 0; t < nt; t++)
                b->touched[b->tlist[t]] = 0;
            if (bj != (size_t)-1) {
                s->open[bj] = 0;
                s->open[k] = 1;
                refresh_site(s, bj);
                refresh_site(s, k);
                losses(s, b);
                n_open = ps_list(s, b->open);
                improved = 1;
            }
        }
    }
}

/* Lagrangian lower bound; `upper` is the best known objective (for the step size). */
static double lagrangian_lb(const pstate *s, size_t p, double upper, const solve_clock *clk,
                            int *ok)
{
    const ambit_instance *I = s->I;
    const ambit_cover *c = I->cover;
    size_t n = I->n, m = I->m;
    double *u = malloc((n ? n : 1) * sizeof *u), *rho = malloc((m ? m : 1) * sizeof *rho);
    double *g = malloc((n ? n : 1) * sizeof *g), *key = malloc((m ? m : 1) * sizeof *key);
    size_t *pick = malloc((m ? m : 1) * sizeof *pick), *cand = malloc((m ? m : 1) * sizeof *cand);
    unsigned char *y = calloc(m ? m : 1, 1);
    double best = -INFINITY;
    *ok = u && rho && g && key && pick && cand && y;
    if (!*ok)
        goto done;
    size_t nc = 0;
    for (size_t j = 0; j < m; j++)
        if (!I->fixed[j])
            cand[nc++] = j;
    for (size_t i = 0; i < n; i++)
        u[i] = I->w[i] * s->d2[i]; /* a generous start: the second-nearest cost */
    double theta = 2.0;
    int stall = 0;
    for (int it = 0; it < 600; it++) {
        if (it % 16 == 0 && clock_expired(clk))
            break;
        for (size_t j = 0; j < m; j++) {
            double r = 0;
            for (size_t q = c->start[j]; q < c->start[j + 1]; q++) {
                double v = I->w[c->demand[q]] * c->dist[q] - u[c->demand[q]];
                if (v < 0)
                    r += v;
            }
            rho[j] = r;
        }
        double L = 0;
        for (size_t i = 0; i < n; i++)
            L += u[i];
        for (size_t j = 0; j < m; j++) {
            y[j] = I->fixed[j];
            if (y[j])
                L += rho[j];
        }
        for (size_t t = 0; t < nc; t++)
            key[t] = rho[cand[t]];
        smallest_k(key, nc, p, pick);
        for (size_t t = 0; t < p; t++) {
            y[cand[pick[t]]] = 1;
            L += rho[cand[pick[t]]];
        }
        if (!isfinite(best) || L > best + 1e-12 * fmax(1, fabs(best))) {
            best = L;
            stall = 0;
        } else if (++stall >= 20) {
            theta /= 2;
            stall = 0;
        }
        if (upper - best <= 1e-9 * fmax(1, fabs(upper)) || theta < 1e-4)
            break;
        for (size_t i = 0; i < n; i++)
            g[i] = 1;
        for (size_t j = 0; j < m; j++) {
            if (!y[j])
                continue;
            for (size_t q = c->start[j]; q < c->start[j + 1]; q++)
                if (I->w[c->demand[q]] * c->dist[q] - u[c->demand[q]] < 0)
                    g[c->demand[q]] -= 1;
        }
        double norm = 0;
        for (size_t i = 0; i < n; i++)
            norm += g[i] * g[i];
        if (norm == 0) {
            best = fmax(best, L);
            break;
        }
        double step = theta * (upper - L) / norm;
        for (size_t i = 0; i < n; i++) {
            u[i] += step * g[i];
            if (u[i] < 0)
                u[i] = 0;
            if (u[i] > I->w[i] * s->far)
                u[i] = I->w[i] * s->far;
        }
    }
done:
    free(u);
    free(rho);
    free(g);
    free(key);
    free(pick);
    free(cand);
    free(y);
    return best;
}

ambit_status solve_pmedian(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *P,
                           ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    const ambit_cover *c = I->cover;
    for (size_t i = 0; i < I->n; i++)
        if (I->d_start[i + 1] == I->d_start[i] && I->w[i] > 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "p-median: demand point %zu has no site within the distance cutoff", i);
    pstate s;
    memset(&s, 0, sizeof s);
    pbuf b;
    memset(&b, 0, sizeof b);
    s.I = I;
    double maxd = 0;
    for (size_t k = 0; k < c->n_pairs; k++)
        maxd = fmax(maxd, c->dist[k]);
    s.far = maxd + 1;
    size_t n = I->n ? I->n : 1, m = I->m ? I->m : 1;
    s.open = calloc(m, 1);
    s.d1 = malloc(n * sizeof *s.d1);
    s.d2 = malloc(n * sizeof *s.d2);
    s.c1 = malloc(n * sizeof *s.c1);
    b.loss = calloc(m, sizeof *b.loss);
    b.extra = calloc(m, sizeof *b.extra);
    b.touched = calloc(m, 1);
    b.tlist = malloc(m * sizeof *b.tlist);
    b.open = malloc(m * sizeof *b.open);
    size_t *best = malloc(m * sizeof *best);
    sol->sel = malloc(m * sizeof *sol->sel);
    sol->marginal = malloc(m * sizeof *sol->marginal);
    ambit_status st = AMBIT_OK;
    if (!s.open || !s.d1 || !s.d2 || !s.c1 || !b.loss || !b.extra || !b.touched || !b.tlist ||
        !b.open || !best || !sol->sel || !sol->marginal) {
        st = ctx_nomem(ctx);
        goto done;
    }
    ps_set(&s, NULL, 0);
    long double before = 0;
    for (size_t i = 0; i < I->n; i++)
        if (s.c1[i] != UINT32_MAX)
            before += I->w[i];
    greedy(&s, P->p);
    local_search(&s, &b, 0, &clk);
    int ok = 1;
    sol->bound = lagrangian_lb(&s, P->p, s.cost, &clk, &ok);
    if (!ok) {
        st = ctx_nomem(ctx);
        goto done;
    }
    /* iterated local search from the seeded perturbations */
    size_t nb = ps_list(&s, best);
    double best_cost = s.cost;
    uint64_t seed = P->seed;
    for (int round = 0; round < ils_rounds(P, c->n_pairs); round++) {
        if (clock_expired(&clk) || best_cost - sol->bound <= 1e-9 * fmax(1, best_cost))
            break;
        size_t t = 1 + rng_below(&seed, nb < 4 ? 2 : nb / 2);
        size_t no = ps_list(&s, b.open), closed = 0;
        for (; closed < t && no > 0; closed++) {
            size_t at = rng_below(&seed, no);
            s.open[b.open[at]] = 0;
            b.open[at] = b.open[--no];
        }
        for (size_t k = 0; k < closed; k++) {
            for (int tries = 0; tries < 32; tries++) {
                size_t j = rng_below(&seed, I->m);
                if (!s.open[j]) {
                    s.open[j] = 1;
                    break;
                }
            }
        }
        s.n_open = ps_list(&s, b.open);
        recompute_all(&s);
        local_search(&s, &b, rng_below(&seed, I->m), &clk);
        if (s.cost < best_cost - 1e-12 * fmax(1, best_cost)) {
            best_cost = s.cost;
            nb = ps_list(&s, best);
        }
    }
    ps_set(&s, best, nb);
    sol->objective = s.cost;
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
    /* construction order: greedy over the chosen sites, from the existing ones */
    ps_set(&s, NULL, 0);
    sol->covered_before = (double)before;
    for (size_t r = 0; r < nb; r++) {
        size_t bi = r;
        double bg = -1, bk = -1;
        for (size_t k = r; k < nb; k++) {
            double g = ps_gain(&s, best[k]), key = rank_key(P, I, best[k], g);
            if (key > bk || (key == bk && best[k] < best[bi])) {
                bk = key;
                bg = g;
                bi = k;
            }
        }
        size_t t = best[r];
        best[r] = best[bi];
        best[bi] = t;
        sol->sel[r] = best[r];
        sol->marginal[r] = bg;
        ps_open(&s, best[r]);
    }
    sol->n_sel = nb;
    /* for p-median, "covered" is the population whose nearest open site is in the cover */
    long double cov = 0;
    for (size_t i = 0; i < I->n; i++)
        if (s.c1[i] != UINT32_MAX)
            cov += I->w[i];
    sol->covered = (double)cov;
done:
    free(s.open);
    free(s.d1);
    free(s.d2);
    free(s.c1);
    free(b.loss);
    free(b.extra);
    free(b.touched);
    free(b.tlist);
    free(b.open);
    free(best);
    return st;
}
