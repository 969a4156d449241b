/*
 * A siting instance: the cover seen from both sides (site -> demand as given,
 * demand -> site built here, sorted by distance), weights, costs and which sites
 * are existing (fixed open). Solvers read only this: no geometry.
 */
#ifndef AMBIT_INSTANCE_H
#define AMBIT_INSTANCE_H

#include "cover.h"

struct ambit_instance {
    const ambit_cover *cover;
    size_t n, m;
    double *w, *cost;
    double *cap;    /* per site: population it can serve; NULL: no capacities */
    int32_t *group; /* per demand: community (floor model), -1 none; NULL: no groups */
    size_t n_groups;
    unsigned char *fixed;
    /* nested tiers (ambit_instance_set_tiers); n_tiers 0: a plain instance */
    size_t n_tiers;
    double tier_radius[AMBIT_MAX_TIERS], tier_weight[AMBIT_MAX_TIERS];
    unsigned char *eligible;              /* m x n_tiers */
    int32_t *site_tier;                   /* m: tier of the existing sites (0 for "all tiers") */
    double *tier_cost;                    /* m x n_tiers */
    char tier_label[AMBIT_MAX_TIERS][64]; /* names for messages */
    double total_w;
    size_t n_fixed;
    /* demand -> sites, each demand's list sorted by distance, then site index */
    size_t *d_start;
    uint32_t *d_site;
    double *d_dist;
};

/* Site-major and demand-major lists of the pairs within a radius (coverage models). */
typedef struct reach {
    size_t n, m;
    size_t *s_start, *d_start;
    uint32_t *s_dem, *d_site;
} reach;

ambit_status reach_build(ambit_ctx *ctx, const ambit_instance *I, double radius, reach *r);
void reach_free(reach *r);

#endif
