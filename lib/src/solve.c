#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *ambit_model_name(ambit_model model)
{
    switch (model) {
    case AMBIT_MODEL_MCLP:
        return "mclp";
    case AMBIT_MODEL_TARGET:
        return "target";
    case AMBIT_MODEL_BUDGET:
        return "budget";
    case AMBIT_MODEL_PMEDIAN:
        return "pmedian";
    case AMBIT_MODEL_FLOOR:
        return "floor";
    }
    return "unknown";
}

ambit_solve_params ambit_solve_params_default(void)
{
    ambit_solve_params p;
    memset(&p, 0, sizeof p);
    p.model = AMBIT_MODEL_MCLP;
    p.p = 1;
    p.radius = INFINITY;
    p.target = 1.0;
    p.seed = 1;
    p.max_iterations = -1;
    return p;
}

void clock_start(solve_clock *c, double limit_s)
{
    c->start = ctx_now_s();
    c->limit = limit_s > 0 ? limit_s : 0;
}

int clock_expired(const solve_clock *c)
{
    return c->limit > 0 && ctx_now_s() - c->start > c->limit;
}

uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

size_t rng_below(uint64_t *state, size_t n)
{
    return n ? (size_t)(rng_next(state) % n) : 0;
}

int ils_rounds(const ambit_solve_params *p, size_t pairs)
{
    if (p->max_iterations >= 0)
        return p->max_iterations;
    double cap = fmax(4.0, 1e8 / (double)(pairs ? pairs : 1));
    return cap < ILS_DEFAULT_ROUNDS ? (int)cap : ILS_DEFAULT_ROUNDS;
}

double rank_key(const ambit_solve_params *p, const ambit_instance *I, size_t site, double gain)
{
    return p->rank_by_cost ? gain / fmax(I->cost[site], 1e-12) : gain;
}

size_t open_new_sites(const ambit_instance *I, const unsigned char *open, size_t *out)
{
    size_t n = 0;
    for (size_t j = 0; j < I->m; j++)
        if (open[j] && !I->fixed[j])
            out[n++] = j;
    return n;
}

double gap_of(double objective, double bound)
{
    double d = fabs(bound - objective), s = fmax(fabs(bound), fabs(objective));
    if (s == 0 || d <= 1e-12 * s)
        return 0;
    return d / s;
}

/* v[a] "before" v[b]: smaller value, then lower index */
static int before(const double *v, size_t a, size_t b)
{
    return v[a] < v[b] || (v[a] == v[b] && a < b);
}

static void sift_down(const double *v, size_t *h, size_t n, size_t at)
{
    for (;;) {
        size_t l = 2 * at + 1, r = l + 1, top = at;
        if (l < n && before(v, h[top], h[l]))
            top = l;
        if (r < n && before(v, h[top], h[r]))
            top = r;
        if (top == at)
            return;
        size_t t = h[at];
        h[at] = h[top];
        h[top] = t;
        at = top;
    }
}

int smallest_k(const double *v, size_t n, size_t k, size_t *out)
{
    /* a max-heap (by "before") of the k best seen so far, then sorted */
    if (k > n)
        k = n;
    if (k == 0)
        return 1;
    for (size_t i = 0; i < k; i++)
        out[i] = i;
    for (size_t i = k / 2; i-- > 0;)
        sift_down(v, out, k, i);
    for (size_t i = k; i < n; i++) {
        if (before(v, i, out[0])) {
            out[0] = i;
            sift_down(v, out, k, 0);
        }
    }
    for (size_t end = k; end > 1; end--) {
        size_t t = out[0];
        out[0] = out[end - 1];
        out[end - 1] = t;
        sift_down(v, out, end - 1, 0);
    }
    return 1;
}

static ambit_status check_params(ambit_ctx *ctx, const ambit_instance *I,
                                 const ambit_solve_params *p)
{
    size_t n_cand = I->m - I->n_fixed;
    switch (p->model) {
    case AMBIT_MODEL_MCLP:
        if (I->n_tiers) {
            if (!p->tier_p)
                return ctx_fail(ctx, AMBIT_ERR_USAGE, "nested mclp needs a count per tier");
            break;
        }
        /* fall through */
    case AMBIT_MODEL_PMEDIAN:
        if (p->p == 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--p must be at least 1");
        if (p->p > n_cand)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--p %zu is more than the %zu candidate sites",
                            p->p, n_cand);
        break;
    case AMBIT_MODEL_TARGET:
        if (!(p->target > 0 && p->target <= 1))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--coverage must be in (0, 1], not %g",
                            p->target);
        break;
    case AMBIT_MODEL_BUDGET:
        if (!(p->budget >= 0) || !isfinite(p->budget))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--budget must be a finite number >= 0");
        break;
    case AMBIT_MODEL_FLOOR:
        if (!(p->floor > 0 && p->floor <= 1))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--community-floor must be in (0, 1], not %g",
                            p->floor);
        if (!I->group)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "the floor model needs demand in groups");
        break;
    default:
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "unknown model %d", (int)p->model);
    }
    if (p->model != AMBIT_MODEL_PMEDIAN && !(p->radius > 0))
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "a coverage model needs a radius > 0");
    if (n_cand == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "there is no candidate site");
    if (I->n_tiers && p->model != AMBIT_MODEL_MCLP && p->model != AMBIT_MODEL_TARGET &&
        p->model != AMBIT_MODEL_BUDGET)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "nested tiers go with mclp, target and budget, not %s",
                        ambit_model_name(p->model));
    if (I->n_tiers && I->cap)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "capacities do not go with nested tiers yet");
    if (I->cap && p->model == AMBIT_MODEL_PMEDIAN)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "capacities go with the coverage models (mclp, target, budget), not "
                        "pmedian");
    return AMBIT_OK;
}

ambit_status ambit_solve(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                         ambit_solution **out)
{
    *out = NULL;
    ambit_status st = check_params(ctx, I, p);
    if (st)
        return st;
    ambit_solution *sol = calloc(1, sizeof *sol);
    if (!sol)
        return ctx_nomem(ctx);
    sol->model = p->model;
    st = I->n_tiers                        ? solve_nested(ctx, I, p, sol)
         : p->model == AMBIT_MODEL_PMEDIAN ? solve_pmedian(ctx, I, p, sol)
         : p->model == AMBIT_MODEL_FLOOR   ? solve_floor(ctx, I, p, sol)
                                           : solve_cover(ctx, I, p, sol);
    if (st) {
        ambit_solution_free(sol);
        return st;
    }
    *out = sol;
    return AMBIT_OK;
}

void ambit_solution_free(ambit_solution *sol)
{
    if (!sol)
        return;
    free(sol->sel);
    free(sol->marginal);
    free(sol->load);
    free(sol->group_served);
    free(sol->tier);
    free(sol->tier_marginal);
    free(sol);
}

double ambit_solution_objective(const ambit_solution *sol)
{
    return sol->objective;
}

double ambit_solution_bound(const ambit_solution *sol)
{
    return sol->bound;
}

double ambit_solution_gap(const ambit_solution *sol)
{
    return sol->gap;
}

double ambit_solution_covered(const ambit_solution *sol)
{
    return sol->covered;
}

double ambit_solution_covered_before(const ambit_solution *sol)
{
    return sol->covered_before;
}

size_t ambit_solution_count(const ambit_solution *sol)
{
    return sol->n_sel;
}

size_t ambit_solution_site(const ambit_solution *sol, size_t k, double *marginal)
{
    if (k >= sol->n_sel)
        return (size_t)-1;
    if (marginal)
        *marginal = sol->marginal[k];
    return sol->sel[k];
}

double ambit_solution_site_load(const ambit_solution *sol, size_t site)
{
    return sol->load ? sol->load[site] : NAN;
}

double ambit_solution_group_served(const ambit_solution *sol, size_t group)
{
    return sol->group_served ? sol->group_served[group] : NAN;
}

size_t ambit_solution_site_tier(const ambit_solution *sol, size_t k)
{
    return sol->tier && k < sol->n_sel ? sol->tier[k] : 0;
}

double ambit_solution_tier_marginal(const ambit_solution *sol, size_t k, size_t tier)
{
    if (!sol->tier_marginal || k >= sol->n_sel || tier >= sol->n_tiers)
        return NAN;
    return sol->tier_marginal[k * sol->n_tiers + tier];
}

double ambit_solution_tier_covered(const ambit_solution *sol, size_t tier, double *before)
{
    int ok = tier < sol->n_tiers;
    if (before)
        *before = ok ? sol->tier_before[tier] : NAN;
    return ok ? sol->tier_cov[tier] : NAN;
}

int ambit_solution_timed_out(const ambit_solution *sol)
{
    return sol->timed_out;
}
