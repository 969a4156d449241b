#include "instance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dpair {
    uint32_t site;
    double dist;
} dpair;

static int dpair_cmp(const void *pa, const void *pb)
{
    const dpair *a = pa, *b = pb;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    return (a->site > b->site) - (a->site < b->site);
}

ambit_status ambit_instance_new(ambit_ctx *ctx, const ambit_cover *cover, const double *weight,
                                const double *cost, const unsigned char *fixed,
                                ambit_instance **out)
{
    *out = NULL;
    ambit_instance *I = calloc(1, sizeof *I);
    if (!I)
        return ctx_nomem(ctx);
    size_t n = cover->n_demand, m = cover->n_sites, np = cover->n_pairs;
    I->cover = cover;
    I->n = n;
    I->m = m;
    I->w = malloc((n ? n : 1) * sizeof *I->w);
    I->cost = malloc((m ? m : 1) * sizeof *I->cost);
    I->fixed = calloc(m ? m : 1, 1);
    I->d_start = calloc(n + 1, sizeof *I->d_start);
    I->d_site = malloc((np ? np : 1) * sizeof *I->d_site);
    I->d_dist = malloc((np ? np : 1) * sizeof *I->d_dist);
    if (!I->w || !I->cost || !I->fixed || !I->d_start || !I->d_site || !I->d_dist) {
        ambit_instance_free(I);
        return ctx_nomem(ctx);
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(weight[i]) || weight[i] < 0) {
            ambit_instance_free(I);
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "demand %zu has weight %g", i, weight[i]);
        }
        I->w[i] = weight[i];
        I->total_w += weight[i];
    }
    for (size_t j = 0; j < m; j++) {
        I->cost[j] = cost ? cost[j] : 1.0;
        if (!isfinite(I->cost[j]) || I->cost[j] < 0) {
            double bad = I->cost[j];
            ambit_instance_free(I);
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "site %zu has cost %g", j, bad);
        }
        I->fixed[j] = fixed && fixed[j];
        I->n_fixed += I->fixed[j];
    }
    /* transpose */
    for (size_t k = 0; k < np; k++)
        I->d_start[cover->demand[k] + 1]++;
    for (size_t i = 0; i < n; i++)
        I->d_start[i + 1] += I->d_start[i];
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    dpair *tmp = NULL;
    size_t tmp_cap = 0;
    if (!fill) {
        ambit_instance_free(I);
        return ctx_nomem(ctx);
    }
    memcpy(fill, I->d_start, n * sizeof *fill);
    for (size_t j = 0; j < m; j++) {
        for (size_t k = cover->start[j]; k < cover->start[j + 1]; k++) {
            size_t at = fill[cover->demand[k]]++;
            I->d_site[at] = (uint32_t)j;
            I->d_dist[at] = cover->dist[k];
        }
    }
    free(fill);
    ambit_status st = AMBIT_OK;
    for (size_t i = 0; i < n && !st; i++) {
        size_t a = I->d_start[i], len = I->d_start[i + 1] - a;
        if (len < 2)
            continue;
        if (len > tmp_cap) {
            dpair *grown = realloc(tmp, len * sizeof *grown);
            if (!grown) {
                st = ctx_nomem(ctx);
                break;
            }
            tmp = grown;
            tmp_cap = len;
        }
        for (size_t k = 0; k < len; k++)
            tmp[k] = (dpair){I->d_site[a + k], I->d_dist[a + k]};
        qsort(tmp, len, sizeof *tmp, dpair_cmp);
        for (size_t k = 0; k < len; k++) {
            I->d_site[a + k] = tmp[k].site;
            I->d_dist[a + k] = tmp[k].dist;
        }
    }
    free(tmp);
    if (st) {
        ambit_instance_free(I);
        return st;
    }
    *out = I;
    return AMBIT_OK;
}

void ambit_instance_free(ambit_instance *I)
{
    if (!I)
        return;
    free(I->w);
    free(I->cost);
    free(I->cap);
    free(I->group);
    free(I->fixed);
    free(I->eligible);
    free(I->site_tier);
    free(I->tier_cost);
    free(I->d_start);
    free(I->d_site);
    free(I->d_dist);
    free(I);
}

ambit_status ambit_instance_set_capacity(ambit_ctx *ctx, ambit_instance *I, const double *capacity)
{
    free(I->cap);
    I->cap = NULL;
    if (!capacity)
        return AMBIT_OK;
    for (size_t j = 0; j < I->m; j++)
        if (isnan(capacity[j]) || capacity[j] < 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "site %zu has capacity %g", j, capacity[j]);
    I->cap = malloc((I->m ? I->m : 1) * sizeof *I->cap);
    if (!I->cap)
        return ctx_nomem(ctx);
    memcpy(I->cap, capacity, I->m * sizeof *I->cap);
    return AMBIT_OK;
}

ambit_status ambit_instance_set_groups(ambit_ctx *ctx, ambit_instance *I, const int32_t *group,
                                       size_t n_groups)
{
    free(I->group);
    I->group = NULL;
    I->n_groups = 0;
    if (!group)
        return AMBIT_OK;
    for (size_t i = 0; i < I->n; i++)
        if (group[i] < -1 || (group[i] >= 0 && (size_t)group[i] >= n_groups))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "demand %zu is in group %d of %zu", i,
                            (int)group[i], n_groups);
    I->group = malloc((I->n ? I->n : 1) * sizeof *I->group);
    if (!I->group)
        return ctx_nomem(ctx);
    memcpy(I->group, group, I->n * sizeof *I->group);
    I->n_groups = n_groups;
    return AMBIT_OK;
}

static void clear_tiers(ambit_instance *I)
{
    free(I->eligible);
    free(I->site_tier);
    free(I->tier_cost);
    I->eligible = NULL;
    I->site_tier = NULL;
    I->tier_cost = NULL;
    I->n_tiers = 0;
}

ambit_status ambit_instance_set_tiers(ambit_ctx *ctx, ambit_instance *I, size_t n_tiers,
                                      const double *radius, const double *weight,
                                      const unsigned char *eligible, const int32_t *site_tier,
                                      const double *tier_cost, const char *const *names)
{
    clear_tiers(I);
    if (n_tiers == 0)
        return AMBIT_OK;
    if (n_tiers > AMBIT_MAX_TIERS)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%zu tiers: at most %d", n_tiers, AMBIT_MAX_TIERS);
    for (size_t t = 0; t < n_tiers; t++) {
        if (names && names[t])
            snprintf(I->tier_label[t], sizeof I->tier_label[t], "tier '%s'", names[t]);
        else
            snprintf(I->tier_label[t], sizeof I->tier_label[t], "tier %zu", t);
    }
    for (size_t t = 0; t < n_tiers; t++) {
        double w = weight ? weight[t] : 1;
        if (!(radius[t] > 0) || !isfinite(radius[t]))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s has radius %g", I->tier_label[t], radius[t]);
        if (!(w >= 0) || !isfinite(w))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s has weight %g", I->tier_label[t], w);
        I->tier_radius[t] = radius[t];
        I->tier_weight[t] = w;
    }
    size_t m = I->m, mt = I->m * n_tiers;
    I->eligible = malloc(mt ? mt : 1);
    I->site_tier = malloc((m ? m : 1) * sizeof *I->site_tier);
    I->tier_cost = malloc((mt ? mt : 1) * sizeof *I->tier_cost);
    if (!I->eligible || !I->site_tier || !I->tier_cost) {
        clear_tiers(I);
        return ctx_nomem(ctx);
    }
    for (size_t j = 0; j < m; j++) {
        int32_t t = site_tier ? site_tier[j] : -1;
        if (I->fixed[j] && (t < -1 || t >= (int32_t)n_tiers)) {
            clear_tiers(I);
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "existing site %zu has tier %d of %zu", j, (int)t,
                            n_tiers);
        }
        I->site_tier[j] = t < 0 ? 0 : t;
        for (size_t k = 0; k < n_tiers; k++) {
            double c = tier_cost ? tier_cost[j * n_tiers + k] : I->cost[j];
            if (!(c >= 0) || !isfinite(c)) {
                clear_tiers(I);
                return ctx_fail(ctx, AMBIT_ERR_INPUT, "site %zu has cost %g at %s", j, c,
                                I->tier_label[k]);
            }
            I->tier_cost[j * n_tiers + k] = c;
            I->eligible[j * n_tiers + k] = !I->fixed[j] && (!eligible || eligible[j * n_tiers + k]);
        }
    }
    I->n_tiers = n_tiers;
    return AMBIT_OK;
}

ambit_status reach_build(ambit_ctx *ctx, const ambit_instance *I, double radius, reach *r)
{
    memset(r, 0, sizeof *r);
    const ambit_cover *c = I->cover;
    r->n = I->n;
    r->m = I->m;
    r->s_start = calloc(I->m + 1, sizeof *r->s_start);
    r->d_start = calloc(I->n + 1, sizeof *r->d_start);
    size_t np = 0;
    for (size_t k = 0; k < c->n_pairs; k++)
        np += c->dist[k] <= radius;
    r->s_dem = malloc((np ? np : 1) * sizeof *r->s_dem);
    r->d_site = malloc((np ? np : 1) * sizeof *r->d_site);
    if (!r->s_start || !r->d_start || !r->s_dem || !r->d_site) {
        reach_free(r);
        return ctx_nomem(ctx);
    }
    size_t at = 0;
    for (size_t j = 0; j < I->m; j++) {
        for (size_t k = c->start[j]; k < c->start[j + 1]; k++) {
            if (c->dist[k] <= radius) {
                r->s_dem[at++] = c->demand[k];
                r->d_start[c->demand[k] + 1]++;
            }
        }
        r->s_start[j + 1] = at;
    }
    for (size_t i = 0; i < I->n; i++)
        r->d_start[i + 1] += r->d_start[i];
    /* demand -> sites in the order of the instance's distance-sorted lists */
    for (size_t i = 0; i < I->n; i++) {
        size_t o = r->d_start[i];
        for (size_t k = I->d_start[i]; k < I->d_start[i + 1]; k++)
            if (I->d_dist[k] <= radius)
                r->d_site[o++] = I->d_site[k];
    }
    return AMBIT_OK;
}

void reach_free(reach *r)
{
    free(r->s_start);
    free(r->d_start);
    free(r->s_dem);
    free(r->d_site);
    memset(r, 0, sizeof *r);
}
