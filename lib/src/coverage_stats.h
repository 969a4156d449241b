/*
 * Coverage statistics of one tier, from a cover alone (no geometry): who is
 * within reach, which facility is nearest, totals per facility and community.
 */
#ifndef AMBIT_COVERAGE_STATS_H
#define AMBIT_COVERAGE_STATS_H

#include "cover.h"

#include <stdint.h>

typedef struct tier_stats {
    size_t n_sites;
    int32_t *nearest;     /* per demand: nearest site within reach (cover index), -1 none */
    double *nearest_dist; /* per demand: its distance */
    double *reach_pop;    /* per site: population within reach */
    double *nearest_pop;  /* per site: population within reach for whom it is nearest */
    size_t n_communities;
    double *comm_covered; /* per community: covered population */
    double covered;       /* covered population in all */
} tier_stats;

/*
 * Fills st from cover c. w and community are per demand point (community -1 is
 * outside every community). Ties in distance go to the lower site index.
 */
ambit_status tier_stats_compute(ambit_ctx *ctx, const ambit_cover *c, const double *w,
                                const int32_t *community, size_t n_communities, tier_stats *st);

void tier_stats_free(tier_stats *st);

#endif
