#include "coverage_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

ambit_status tier_stats_compute(ambit_ctx *ctx, const ambit_cover *c, const double *w,
                                const int32_t *community, size_t n_communities, tier_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t nd = c->n_demand, ns = c->n_sites;
    st->n_sites = ns;
    st->n_communities = n_communities;
    st->nearest = malloc((nd ? nd : 1) * sizeof *st->nearest);
    st->nearest_dist = malloc((nd ? nd : 1) * sizeof *st->nearest_dist);
    st->reach_pop = calloc(ns ? ns : 1, sizeof *st->reach_pop);
    st->nearest_pop = calloc(ns ? ns : 1, sizeof *st->nearest_pop);
    st->comm_covered = calloc(n_communities ? n_communities : 1, sizeof *st->comm_covered);
    if (!st->nearest || !st->nearest_dist || !st->reach_pop || !st->nearest_pop ||
        !st->comm_covered) {
        tier_stats_free(st);
        return ctx_nomem(ctx);
    }
    for (size_t d = 0; d < nd; d++) {
        st->nearest[d] = -1;
        st->nearest_dist[d] = INFINITY;
    }
    for (size_t s = 0; s < ns; s++) {
        long double reach = 0;
        for (size_t k = c->start[s]; k < c->start[s + 1]; k++) {
            uint32_t d = c->demand[k];
            reach += w[d];
            if (c->dist[k] < st->nearest_dist[d]) {
                st->nearest_dist[d] = c->dist[k];
                st->nearest[d] = (int32_t)s;
            }
        }
        st->reach_pop[s] = (double)reach;
    }
    long double covered = 0;
    for (size_t d = 0; d < nd; d++) {
        if (st->nearest[d] < 0)
            continue;
        st->nearest_pop[st->nearest[d]] += w[d];
        covered += w[d];
        if (community[d] >= 0)
            st->comm_covered[community[d]] += w[d];
    }
    st->covered = (double)covered;
    return AMBIT_OK;
}

void tier_stats_free(tier_stats *st)
{
    if (!st)
        return;
    free(st->nearest);
    free(st->nearest_dist);
    free(st->reach_pop);
    free(st->nearest_pop);
    free(st->comm_covered);
    memset(st, 0, sizeof *st);
}
