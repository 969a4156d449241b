/* Shared pieces of the solvers: the solution object, a clock, a seeded generator. */
#ifndef AMBIT_SOLVE_H
#define AMBIT_SOLVE_H

#include "instance.h"

struct ambit_solution {
    ambit_model model;
    double objective, bound, gap;
    double covered, covered_before;
    size_t n_sel;
    size_t *sel;          /* site indices in order of construction */
    double *marginal;     /* gain of each when added in that order */
    double *load;         /* per site: population served (capacitated models only) */
    double *group_served; /* per group: population served (floor model with capacities) */
    /* nested instances */
    size_t n_tiers;
    size_t *tier;          /* per selected site: its tier */
    double *tier_marginal; /* n_sel x n_tiers: newly covered at each tier, rank order */
    double tier_cov[AMBIT_MAX_TIERS], tier_before[AMBIT_MAX_TIERS];
    int timed_out;
};

typedef struct solve_clock {
    double start, limit; /* limit 0: none */
} solve_clock;

void clock_start(solve_clock *c, double limit_s);
int clock_expired(const solve_clock *c);

/* splitmix64 */
uint64_t rng_next(uint64_t *state);
size_t rng_below(uint64_t *state, size_t n);

/*
 * Rounds of the perturbation phase: --iterations when given (>= 0), else
 * ILS_DEFAULT_ROUNDS capped so that the phase reads about 10^8 pairs at most (each
 * round runs at least one pass of local search over every pair). The cap depends on
 * the instance only, so runs stay deterministic.
 */
#define ILS_DEFAULT_ROUNDS 64
int ils_rounds(const ambit_solve_params *p, size_t pairs);

/* Key that orders new sites into construction order: the gain, or the gain per cost. */
double rank_key(const ambit_solve_params *p, const ambit_instance *I, size_t site, double gain);

/* The new (non-fixed) sites flagged in open[0..m), in index order, into out; their count. */
size_t open_new_sites(const ambit_instance *I, const unsigned char *open, size_t *out);

/* Relative gap of a maximisation (bound >= obj) or minimisation (bound <= obj). */
double gap_of(double objective, double bound);

/*
 * Indices of the k smallest values of v[0..n) (ties: lower index), written to out[0..k).
 * Returns 0 on ENOMEM.
 */
int smallest_k(const double *v, size_t n, size_t k, size_t *out);

/* Coverage family (mclp, target, budget): fills sol (sel unordered; ranks set later). */
ambit_status solve_cover(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                         ambit_solution *sol);

/* Lagrangian upper bound of the uncapacitated coverage (see solve_cover.c). */
double cover_lagrangian_bound(const ambit_instance *I, const reach *r, double p, double budget,
                              double primal, const solve_clock *clk, int *ok);

/* The coverage family with site capacities (solve_capacity.c). */
ambit_status solve_capacitated(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                               const reach *r, ambit_solution *sol);

/* Fewest new sites giving every group its floor share (solve_floor.c). */
ambit_status solve_floor(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                         ambit_solution *sol);

/* The floor model with site capacities (solve_floor_capacity.c). */
ambit_status solve_floor_capacitated(ambit_ctx *ctx, const ambit_instance *I,
                                     const ambit_solve_params *p, const reach *r,
                                     ambit_solution *sol);

/* The most all sites together serve towards the floors (NAN on ENOMEM). */
double floor_capacity_target(const ambit_instance *I, const reach *r, double floor_share);

/* The coverage family on a nested instance (solve_nested.c). */
ambit_status solve_nested(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                          ambit_solution *sol);

/* p-median: fills sol. */
ambit_status solve_pmedian(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *p,
                           ambit_solution *sol);

#endif
