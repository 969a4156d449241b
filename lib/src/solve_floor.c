/*
 * The per-community rule: the fewest new sites such that every community (group)
 * has at least its floor share of people within reach, or, where even every site
 * together reaches less, all that can be reached (such communities are reported by
 * the caller, not hidden).
 *
 * Primal: lazy greedy on the deficit reduction sum_c min(deficit_c, newly covered in c)
 * (monotone submodular, so stale gains are valid upper keys); then redundant sites are
 * dropped, and seeded rounds remove a few sites and repair greedily, keeping fewer.
 * Bound: the larger of (a) a packing of communities that share no helpful candidate,
 * each needing its deficit over the most one candidate adds to it (rounded up), summed,
 * and (b) the fewest sites whose Lagrangian coverage bound reaches all the floors.
 */
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fstate {
    const ambit_instance *I;
    const reach *r;
    uint32_t *cnt;
    unsigned char *open;
    double *cov;  /* per group: population within reach of an open site */
    double *need; /* per group: floor share, capped by what all sites reach */
    double *acc;  /* per group scratch */
    size_t *touched;
    size_t n_open;
} fstate;

static void f_open(fstate *f, size_t j)
{
    f->open[j] = 1;
    f->n_open += !f->I->fixed[j];
    for (size_t q = f->r->s_start[j]; q < f->r->s_start[j + 1]; q++) {
        uint32_t i = f->r->s_dem[q];
        if (f->cnt[i]++ == 0 && f->I->group[i] >= 0)
            f->cov[f->I->group[i]] += f->I->w[i];
    }
}

static void f_close(fstate *f, size_t j)
{
    f->open[j] = 0;
    f->n_open -= !f->I->fixed[j];
    for (size_t q = f->r->s_start[j]; q < f->r->s_start[j + 1]; q++) {
        uint32_t i = f->r->s_dem[q];
        if (--f->cnt[i] == 0 && f->I->group[i] >= 0)
            f->cov[f->I->group[i]] -= f->I->w[i];
    }
}

static double deficit(const fstate *f, size_t c)
{
    double d = f->need[c] - f->cov[c];
    return d > 1e-9 * fmax(1.0, f->need[c]) ? d : 0;
}

static double total_deficit(const fstate *f)
{
    double d = 0;
    for (size_t c = 0; c < f->I->n_groups; c++)
        d += deficit(f, c);
    return d;
}

/* How much opening k would reduce the total deficit. */
static double f_gain(fstate *f, size_t k)
{
    size_t nt = 0;
    for (size_t q = f->r->s_start[k]; q < f->r->s_start[k + 1]; q++) {
        uint32_t i = f->r->s_dem[q];
        int32_t c = f->I->group[i];
        if (f->cnt[i] || c < 0)
            continue;
        if (f->acc[c] == 0)
            f->touched[nt++] = (size_t)c;
        f->acc[c] += f->I->w[i];
    }
    double g = 0;
    for (size_t t = 0; t < nt; t++) {
        g += fmin(f->acc[f->touched[t]], deficit(f, f->touched[t]));
        f->acc[f->touched[t]] = 0;
    }
    return g;
}

typedef struct keyed {
    double key;
    size_t j;
} keyed;

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

/* Opens sites by largest deficit reduction until no deficit is left. 0 on ENOMEM. */
static int greedy(fstate *f)
{
    const ambit_instance *I = f->I;
    keyed *h = malloc((I->m ? I->m : 1) * sizeof *h);
    if (!h)
        return 0;
    size_t nh = 0;
    for (size_t j = 0; j < I->m; j++)
        if (!f->open[j] && !I->fixed[j])
            h[nh++] = (keyed){f_gain(f, j), j};
    qsort(h, nh, sizeof *h, by_key);
    while (nh > 0 && total_deficit(f) > 0) {
        /* lazy: refresh the top until it stays on top */
        double g = f_gain(f, h[0].j);
        if (nh > 1 && g < h[1].key) {
            h[0].key = g;
            size_t at = 0; /* sift down in the sorted array */
            while (at + 1 < nh && by_key(&h[at], &h[at + 1]) > 0) {
                keyed t = h[at];
                h[at] = h[at + 1];
                h[at + 1] = t;
                at++;
            }
            continue;
        }
        if (g <= 0)
            break;
        f_open(f, h[0].j);
        memmove(h, h + 1, (nh - 1) * sizeof *h);
        nh--;
    }
    free(h);
    return 1;
}

/* Closes every new site whose closing leaves no deficit (latest first). */
static void drop_redundant(fstate *f)
{
    for (size_t j = f->I->m; j-- > 0;) {
        if (!f->open[j] || f->I->fixed[j])
            continue;
        f_close(f, j);
        if (total_deficit(f) > 0)
            f_open(f, j);
    }
}

static size_t list_open(const fstate *f, size_t *out)
{
    return open_new_sites(f->I, f->open, out);
}

static void set_open(fstate *f, const size_t *set, size_t n)
{
    for (size_t j = 0; j < f->I->m; j++)
        if (f->open[j] && !f->I->fixed[j])
            f_close(f, j);
    for (size_t k = 0; k < n; k++)
        f_open(f, set[k]);
}

ambit_status solve_floor(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *P,
                         ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    reach r;
    ambit_status st = reach_build(ctx, I, P->radius, &r);
    if (st)
        return st;
    if (I->cap) {
        st = solve_floor_capacitated(ctx, I, P, &r, sol);
        reach_free(&r);
        return st;
    }
    size_t ng = I->n_groups ? I->n_groups : 1, m = I->m ? I->m : 1;
    fstate f = {I,
                &r,
                calloc(I->n ? I->n : 1, sizeof(uint32_t)),
                calloc(m, 1),
                calloc(ng, sizeof(double)),
                calloc(ng, sizeof(double)),
                calloc(ng, sizeof(double)),
                malloc(ng * sizeof(size_t)),
                0};
    double *pop = calloc(ng, sizeof *pop), *reachable = calloc(ng, sizeof *reachable);
    size_t *best = malloc(m * sizeof *best), *cur = malloc(m * sizeof *cur);
    sol->sel = malloc(m * sizeof *sol->sel);
    sol->marginal = malloc(m * sizeof *sol->marginal);
    if (!f.cnt || !f.open || !f.cov || !f.need || !f.acc || !f.touched || !pop || !reachable ||
        !best || !cur || !sol->sel || !sol->marginal) {
        st = ctx_nomem(ctx);
        goto done;
    }
    for (size_t i = 0; i < I->n; i++) {
        if (I->group[i] < 0)
            continue;
        pop[I->group[i]] += I->w[i];
        if (r.d_start[i + 1] > r.d_start[i])
            reachable[I->group[i]] += I->w[i];
    }
    for (size_t c = 0; c < I->n_groups; c++)
        f.need[c] = fmin(P->floor * pop[c], reachable[c]) * (1 - 1e-12);
    for (size_t j = 0; j < I->m; j++)
        if (I->fixed[j])
            f_open(&f, j);
    double base = 0, deficit0 = total_deficit(&f);
    for (size_t c = 0; c < I->n_groups; c++)
        base += f.cov[c];
    sol->covered_before = base;
    /* bound (a): each community needs its deficit over the most one candidate adds to it;
     * communities that share no helpful candidate need disjoint sites, so their needs add up
     * (a greedy packing of such communities) */
    double lb = 0;
    {
        size_t G = I->n_groups;
        double *most = calloc(ng, sizeof *most), *own = calloc(ng, sizeof *own);
        size_t *nhelp = calloc(ng, sizeof *nhelp), *order = malloc(ng * sizeof *order);
        unsigned char *taken = calloc(m, 1), *blocked = calloc(ng, 1);
        if (!most || !own || !nhelp || !order || !taken || !blocked) {
            free(most);
            free(own);
            free(nhelp);
            free(order);
            free(taken);
            free(blocked);
            st = ctx_nomem(ctx);
            goto done;
        }
        for (size_t j = 0; j < I->m; j++) {
            if (I->fixed[j])
                continue;
            size_t nt = 0;
            for (size_t q = r.s_start[j]; q < r.s_start[j + 1]; q++) {
                uint32_t i = r.s_dem[q];
                int32_t c = I->group[i];
                if (f.cnt[i] || c < 0 || deficit(&f, (size_t)c) <= 0)
                    continue;
                if (f.acc[c] == 0)
                    f.touched[nt++] = (size_t)c;
                f.acc[c] += I->w[i];
            }
            for (size_t t = 0; t < nt; t++) {
                size_t c = f.touched[t];
                most[c] = fmax(most[c], f.acc[c]);
                nhelp[c]++;
                f.acc[c] = 0;
            }
        }
        size_t no = 0;
        for (size_t c = 0; c < G; c++) {
            double d = deficit(&f, c);
            if (d > 0 && most[c] > 0) {
                own[c] = ceil(d / most[c] - 1e-9);
                lb = fmax(lb, own[c]);
                order[no++] = c;
            }
        }
        /* fewest helpful candidates first: they block the fewest others */
        for (size_t a = 1; a < no; a++)
            for (size_t b = a; b > 0 && nhelp[order[b]] < nhelp[order[b - 1]]; b--) {
                size_t t = order[b];
                order[b] = order[b - 1];
                order[b - 1] = t;
            }
        double packed = 0;
        for (size_t k = 0; k < no; k++) {
            size_t c = order[k];
            if (blocked[c])
                continue;
            packed += own[c];
            /* take its candidates; every community they help is blocked */
            for (size_t j = 0; j < I->m; j++) {
                if (I->fixed[j] || taken[j])
                    continue;
                int helps = 0;
                for (size_t q = r.s_start[j]; q < r.s_start[j + 1] && !helps; q++)
                    helps = !f.cnt[r.s_dem[q]] && I->group[r.s_dem[q]] == (int32_t)c;
                if (!helps)
                    continue;
                taken[j] = 1;
                for (size_t q = r.s_start[j]; q < r.s_start[j + 1]; q++)
                    if (!f.cnt[r.s_dem[q]] && I->group[r.s_dem[q]] >= 0)
                        blocked[I->group[r.s_dem[q]]] = 1;
            }
        }
        lb = fmax(lb, packed);
        free(most);
        free(own);
        free(nhelp);
        free(order);
        free(taken);
        free(blocked);
    }
    /* primal: greedy, drop redundant, then seeded remove-and-repair rounds */
    int ok = greedy(&f);
    drop_redundant(&f);
    size_t nb = list_open(&f, best);
    uint64_t seed = P->seed;
    for (int round = 0; ok && round < ils_rounds(P, 0) && nb > lb && !clock_expired(&clk);
         round++) {
        size_t n = list_open(&f, cur), t = 1 + rng_below(&seed, n < 4 ? 1 : 2);
        for (size_t k = 0; k < t && n > 0; k++) {
            size_t at = rng_below(&seed, n);
            f_close(&f, cur[at]);
            cur[at] = cur[--n];
        }
        ok = greedy(&f);
        drop_redundant(&f);
        if (total_deficit(&f) <= 0 && f.n_open < nb)
            nb = list_open(&f, best);
        else
            set_open(&f, best, nb);
    }
    set_open(&f, best, nb);
    /* bound (b): the coverage any answer must reach, against the Lagrangian bound */
    double want = 0;
    for (size_t c = 0; c < I->n_groups; c++)
        want += fmax(f.need[c], 0);
    if (ok && deficit0 > 0 && nb > 0) {
        /* lb - 1 sites cannot do it (bound a); nb can (the answer) */
        size_t lo = lb >= 1 ? (size_t)lb - 1 : 0, hi = nb;
        while (ok && hi > lo + 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (cover_lagrangian_bound(I, &r, (double)mid, -1, want, &clk, &ok) >= want)
                hi = mid;
            else
                lo = mid;
        }
        lb = fmax(lb, (double)hi);
    }
    if (!ok) {
        st = ctx_nomem(ctx);
        goto done;
    }
    sol->objective = (double)nb;
    sol->bound = deficit0 > 0 ? lb : 0;
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
    double covered = 0;
    for (size_t c = 0; c < I->n_groups; c++)
        covered += f.cov[c];
    sol->covered = covered;
    /* construction order: largest deficit reduction first, from the existing sites */
    set_open(&f, NULL, 0);
    for (size_t k = 0; k < nb; k++) {
        size_t bi = k;
        double bg = -1;
        for (size_t q = k; q < nb; q++) {
            double g = f_gain(&f, best[q]);
            if (g > bg || (g == bg && best[q] < best[bi])) {
                bg = g;
                bi = q;
            }
        }
        size_t t = best[k];
        best[k] = best[bi];
        best[bi] = t;
        double before = 0, after = 0;
        for (size_t c = 0; c < I->n_groups; c++)
            before += f.cov[c];
        f_open(&f, best[k]);
        for (size_t c = 0; c < I->n_groups; c++)
            after += f.cov[c];
        sol->sel[k] = best[k];
        sol->marginal[k] = after - before;
    }
    sol->n_sel = nb;
done:
    free(f.cnt);
    free(f.open);
    free(f.cov);
    free(f.need);
    free(f.acc);
    free(f.touched);
    free(pop);
    free(reachable);
    free(best);
    free(cur);
    reach_free(&r);
    return st;
}
