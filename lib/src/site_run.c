/*
 * `ambit site`: inputs (the study, or an OD table) -> candidates and existing
 * sites -> cover -> instance -> solver -> writers. The solver sees no geometry.
 */
#include "access_table.h"
#include "candidates.h"
#include "od.h"
#include "outfile.h"
#include "service_area.h"
#include "site_options.h"
#include "solve.h"
#include "study.h"
#include "writers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ALL_PAIRS 200000000.0

typedef struct srun {
    ambit_ctx *ctx;
    const ambit_site_options *o;
    double t0;
    int od_mode;
    study st;
    vsource cand_v, excl_v;
    community_set excl;
    site_set cand;
    od_table od;
    /* all sites: existing first, then candidates (then ids only the OD table names) */
    size_t n_fixed, n_cand, m, n;
    const double *w;
    double *cost, *cap; /* cap: NULL without capacities */
    unsigned char *fixed;
    ambit_cover *own_cover;
    const ambit_cover *cover;
    ambit_instance *inst;
    ambit_solution *sol;
    ambit_solve_params P;
    /* after the solve */
    int32_t *near_before, *near_after; /* per demand: nearest open site, -1 none */
    double *dist_before, *dist_after;
    size_t *rank; /* per site, 0: not new */
    double *marginal, *reach, *assigned;
    int *year;          /* per rank (0-based): 1.., 0 after the last year; NULL without phasing */
    size_t n_comm;      /* communities (1 "all demand" row for an OD run) */
    double *comm_pop;   /* per community: population */
    double *comm_reach; /* per community: population within the radius of any site at all */
    /* nested tiers (0: one tier) */
    size_t T;
    double *tcost;                /* m x T: cost of site j at tier t */
    int32_t *stier;               /* per site: tier it hosts (after the solve), -1 none */
    unsigned char *cov_b, *cov_a; /* n x T: demand covered at tier t before / after */
} srun;

static const site *site_at(const srun *r, size_t k)
{
    if (k < r->n_fixed)
        return &r->st.sites.s[k];
    if (k < r->n_fixed + r->cand.n)
        return &r->cand.s[k - r->n_fixed];
    return NULL;
}

static const char *site_id(const srun *r, size_t k)
{
    if (r->od_mode)
        return r->od.sites.ids[k];
    return site_at(r, k)->id;
}

static void srun_free(srun *r)
{
    ambit_solution_free(r->sol);
    ambit_instance_free(r->inst);
    ambit_cover_free(r->own_cover);
    free(r->cost);
    free(r->cap);
    free(r->fixed);
    free(r->near_before);
    free(r->near_after);
    free(r->dist_before);
    free(r->dist_after);
    free(r->rank);
    free(r->marginal);
    free(r->reach);
    free(r->assigned);
    free(r->year);
    free(r->comm_pop);
    free(r->comm_reach);
    free(r->tcost);
    free(r->stier);
    free(r->cov_b);
    free(r->cov_a);
    od_free(&r->od);
    sites_free(r->ctx, &r->cand);
    communities_free(r->ctx, &r->excl);
    vsource_close(&r->cand_v);
    vsource_close(&r->excl_v);
    study_free(r->ctx, &r->st);
}

/* ---------------------------------------------------------------- inputs */

static ambit_status load_candidates(srun *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_site_options *o = r->o;
    if (o->candidates) {
        site_fields f = {o->candidate_id,      NULL, NULL,         o->cost_field,
                         o->in.capacity_field, 0,    o->area_field};
        return sites_load(ctx, &r->cand_v, &f, NULL, 0, o->in.strict, &r->cand);
    }
    if (!o->candidate_grid)
        return AMBIT_OK;
    ambit_status st;
    if (o->exclude &&
        ((st = vsource_open(ctx, "--exclude", o->exclude, o->in.assume_crs, &r->excl_v)) ||
         (st = vsource_bind(ctx, &r->excl_v, r->st.work)) ||
         (st = communities_load(ctx, &r->excl_v, NULL, NULL, 0, &r->excl))))
        return st;
    return candidates_grid(ctx, &r->st.comms, o->exclude ? &r->excl : NULL, o->candidate_grid,
                           &r->cand);
}

static ambit_status read_geometry_mode(srun *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_site_options *o = r->o;
    ambit_status st = study_open(ctx, &o->in, &r->st);
    if (!st && o->candidates)
        st = vsource_open(ctx, "--candidates", o->candidates, o->in.assume_crs, &r->cand_v);
    if (!st)
        st = study_choose_crs(ctx, &r->st, o->candidates ? &r->cand_v : NULL);
    if (!st) /* with nested tiers, existing facilities may name their tier */
        st = study_read(ctx, &r->st, (const char *const *)o->tier_name, o->n_tiers);
    if (!st)
        st = load_candidates(r);
    if (st)
        return st;
    for (size_t i = 0; i < r->cand.n; i++)
        r->cand.s[i].community =
            communities_locate(ctx, &r->st.comms, r->cand.s[i].x, r->cand.s[i].y);
    r->n_fixed = r->st.sites.n;
    r->n_cand = r->cand.n;
    r->m = r->n_fixed + r->n_cand;
    r->n = r->st.demand.n;
    r->w = r->st.demand.w;
    /* the cover: coverage models within the radius; p-median over all pairs (or a cutoff) */
    const GEOSGeometry **geoms = malloc((r->m ? r->m : 1) * sizeof *geoms);
    double *sx = malloc((r->m ? r->m : 1) * sizeof *sx),
           *sy = malloc((r->m ? r->m : 1) * sizeof *sy);
    const char **ids = malloc((r->m ? r->m : 1) * sizeof *ids);
    if (!geoms || !sx || !sy || !ids) {
        free(geoms);
        free(sx);
        free(sy);
        free(ids);
        return ctx_nomem(ctx);
    }
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    for (size_t k = 0; k < r->m; k++) {
        const site *s = site_at(r, k);
        geoms[k] = s->is_point ? NULL : s->geom;
        sx[k] = s->x;
        sy[k] = s->y;
        ids[k] = s->id;
        xmin = fmin(xmin, s->x);
        xmax = fmax(xmax, s->x);
        ymin = fmin(ymin, s->y);
        ymax = fmax(ymax, s->y);
    }
    double radius = r->P.radius;
    if (r->P.model == AMBIT_MODEL_PMEDIAN) {
        for (size_t i = 0; i < r->n; i++) {
            xmin = fmin(xmin, r->st.demand.x[i]);
            xmax = fmax(xmax, r->st.demand.x[i]);
            ymin = fmin(ymin, r->st.demand.y[i]);
            ymax = fmax(ymax, r->st.demand.y[i]);
        }
        /* along a network, "all pairs" means every pair the network connects */
        radius = o->max_distance > 0 ? o->max_distance
                 : r->st.net.net     ? INFINITY
                                     : hypot(xmax - xmin, ymax - ymin) + 1;
        if (o->max_distance == 0 && (double)r->n * (double)r->m > MAX_ALL_PAIRS) {
            free(geoms);
            free(sx);
            free(sy);
            free(ids);
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "p-median over all pairs would need %.0f distances (%zu demand x %zu "
                            "sites); give --max-distance METRES",
                            (double)r->n * (double)r->m, r->n, r->m);
        }
        if (radius < r->P.radius)
            radius = r->P.radius;
    }
    ctx_progress(ctx, 0.6, "measuring distances");
    st = study_cover(ctx, &r->st, geoms, sx, sy, ids, r->m, radius, &r->own_cover);
    free(geoms);
    free(ids);
    free(sx);
    free(sy);
    r->cover = r->own_cover;
    return st;
}

static ambit_status read_od_mode(srun *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_site_options *o = r->o;
    ambit_status st = study_open(ctx, &o->in, &r->st);
    if (!st && o->candidates)
        st = vsource_open(ctx, "--candidates", o->candidates, o->in.assume_crs, &r->cand_v);
    int layers = o->candidates || o->in.facilities;
    if (!st && layers)
        st = study_choose_crs(ctx, &r->st, o->candidates ? &r->cand_v : NULL);
    if (!st && o->in.facilities) {
        site_fields f = {
            o->in.facility_id, o->in.facility_name, NULL, NULL, o->in.capacity_field, 1, NULL};
        st = sites_load(ctx, &r->st.fac_v, &f, NULL, 0, o->in.strict, &r->st.sites);
    }
    if (!st)
        st = load_candidates(r);
    /* ids of the layers come first, so that site k is layer site k */
    int added;
    for (size_t k = 0; !st && k < r->st.sites.n + r->cand.n; k++) {
        const char *id = k < r->st.sites.n ? r->st.sites.s[k].id : r->cand.s[k - r->st.sites.n].id;
        if (idmap_add(&r->od.sites, id, &added) == (size_t)-1)
            st = ctx_nomem(ctx);
        else if (!added)
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "site id '%s' names both an existing facility and a candidate", id);
    }
    od_columns cols = {o->od_demand, o->od_site, o->od_cost, o->od_weight, layers};
    if (!st)
        st = od_read(ctx, o->od, &cols, &r->od);
    if (st)
        return st;
    r->n_fixed = r->st.sites.n;
    r->m = r->od.sites.n;
    r->n_cand = r->m - r->n_fixed;
    r->n = r->od.demand.n;
    r->w = r->od.weight;
    r->cover = r->od.cover;
    return AMBIT_OK;
}

/* ----------------------------------------------------------------- solve */

/*
 * Nested tiers: which candidate may host which tier (its land area against the tier's
 * minimum), the tier of each existing facility, the cost of each (site, tier). A tier
 * the model needs that no candidate can host is an error naming the tier.
 */
static ambit_status nested_setup(srun *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_site_options *o = r->o;
    size_t T = o->n_tiers, m = r->m;
    unsigned char *elig = calloc(m * T + 1, 1);
    r->T = T;
    r->tcost = malloc((m * T + 1) * sizeof *r->tcost);
    r->stier = malloc((m + 1) * sizeof *r->stier);
    if (!elig || !r->tcost || !r->stier) {
        free(elig);
        return ctx_nomem(ctx);
    }
    double largest = 0;
    size_t points = 0, count[AMBIT_MAX_TIERS] = {0};
    for (size_t k = 0; k < m; k++) {
        const site *s = site_at(r, k);
        r->stier[k] = r->fixed[k] ? (s->tier < 0 ? 0 : s->tier) : -1;
        if (!r->fixed[k]) {
            largest = fmax(largest, s->area);
            points += s->is_point && !o->area_field;
        }
        double cheapest = INFINITY;
        for (size_t t = 0; t < T; t++) {
            r->tcost[k * T + t] = o->cost_field ? s->cost : o->tier_cost[t];
            elig[k * T + t] = !r->fixed[k] && s->area >= o->tier_area[t];
            count[t] += elig[k * T + t];
            if (elig[k * T + t])
                cheapest = fmin(cheapest, r->tcost[k * T + t]);
        }
        if (!r->fixed[k]) /* until the solve gives it a tier: its cheapest */
            r->cost[k] = cheapest;
    }
    char missing[1024] = "";
    for (size_t t = 0; t < T; t++) {
        int asked = r->P.model != AMBIT_MODEL_MCLP || o->tier_p[t] > 0;
        if (!asked || count[t] > 0)
            continue;
        size_t len = strlen(missing);
        snprintf(missing + len, sizeof missing - len, "%stier '%s' needs %g m2", len ? "; " : "",
                 o->tier_name[t], o->tier_area[t]);
    }
    ambit_status st = AMBIT_OK;
    if (missing[0])
        st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                      "no candidate site has the land a tier needs: %s; the largest candidate has "
                      "%g m2%s (lower the minimum with --min-area TIER=M2)",
                      missing, largest,
                      points ? "; point candidates have no area: give polygons or --area-field"
                             : "");
    if (!st)
        st = ambit_instance_set_tiers(ctx, r->inst, T, o->tier_radius, o->tier_weight, elig,
                                      r->stier, r->tcost, (const char *const *)o->tier_name);
    free(elig);
    return st;
}

static ambit_status solve(srun *r, outset *out)
{
    ambit_ctx *ctx = r->ctx;
    r->cost = malloc((r->m ? r->m : 1) * sizeof *r->cost);
    r->fixed = calloc(r->m ? r->m : 1, 1);
    if (!r->cost || !r->fixed)
        return ctx_nomem(ctx);
    for (size_t k = 0; k < r->m; k++) {
        const site *s = site_at(r, k);
        r->fixed[k] = k < r->n_fixed;
        r->cost[k] = r->fixed[k] ? 0 : (s ? s->cost : 1);
    }
    if (r->n_cand == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "there is no candidate site");
    if (r->P.model == AMBIT_MODEL_PMEDIAN && r->st.net.net) {
        /* p-median assigns everyone: a walk must reach every demand point */
        unsigned char *reached = calloc(r->n ? r->n : 1, 1);
        if (!reached)
            return ctx_nomem(ctx);
        for (size_t k = 0; k < r->cover->n_pairs; k++)
            reached[r->cover->demand[k]] = 1;
        size_t lost = 0;
        double lost_pop = 0;
        for (size_t i = 0; i < r->n; i++)
            if (!reached[i] && r->w[i] > 0) {
                lost++;
                lost_pop += r->w[i];
            }
        free(reached);
        if (lost)
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "p-median along --network: %zu demand point(s) holding %.0f people are "
                            "reached by no site (off the network or on another piece of it); "
                            "p-median assigns everyone, so restrict --population to the "
                            "network's area, or see --max-access and --snap",
                            lost, lost_pop);
    }
    ambit_status st = ambit_instance_new(ctx, r->cover, r->w, r->cost, r->fixed, &r->inst);
    if (!st && (r->o->in.capacity_field || r->o->capacity >= 0)) {
        r->cap = malloc((r->m ? r->m : 1) * sizeof *r->cap);
        if (!r->cap)
            return ctx_nomem(ctx);
        for (size_t k = 0; k < r->m; k++) {
            const site *s = site_at(r, k);
            r->cap[k] = s && !isnan(s->capacity) ? s->capacity
                        : r->o->capacity >= 0    ? r->o->capacity
                                                 : INFINITY;
        }
        st = ambit_instance_set_capacity(ctx, r->inst, r->cap);
    }
    if (!st && r->P.model == AMBIT_MODEL_FLOOR)
        st = ambit_instance_set_groups(ctx, r->inst, r->st.demand.community, r->st.comms.n);
    if (!st && r->o->n_tiers)
        st = nested_setup(r);
    if (!st && r->o->write_mps) {
        const char *tmp = outset_add_path(ctx, out, r->o->write_mps);
        st = tmp ? ambit_instance_write_mps(ctx, r->inst, &r->P, tmp) : ctx->status;
    }
    ctx_progress(ctx, 0.7, "solving");
    if (!st)
        st = ambit_solve(ctx, r->inst, &r->P, &r->sol);
    for (size_t k = 0; !st && r->T && k < ambit_solution_count(r->sol); k++) {
        size_t j = ambit_solution_site(r->sol, k, NULL);
        r->cost[j] = r->tcost[j * r->T + ambit_solution_site_tier(r->sol, k)];
    }
    return st;
}

/* Nearest open site of every demand point, before (existing only) and after. */
static ambit_status measure(srun *r)
{
    const ambit_instance *I = r->inst;
    size_t n = r->n ? r->n : 1, m = r->m ? r->m : 1;
    r->near_before = malloc(n * sizeof *r->near_before);
    r->near_after = malloc(n * sizeof *r->near_after);
    r->dist_before = malloc(n * sizeof *r->dist_before);
    r->dist_after = malloc(n * sizeof *r->dist_after);
    r->rank = calloc(m, sizeof *r->rank);
    r->marginal = calloc(m, sizeof *r->marginal);
    r->reach = calloc(m, sizeof *r->reach);
    r->assigned = calloc(m, sizeof *r->assigned);
    if (!r->near_before || !r->near_after || !r->dist_before || !r->dist_after || !r->rank ||
        !r->marginal || !r->reach || !r->assigned)
        return ctx_nomem(r->ctx);
    for (size_t k = 0; k < ambit_solution_count(r->sol); k++) {
        double g;
        size_t j = ambit_solution_site(r->sol, k, &g);
        r->rank[j] = k + 1;
        r->marginal[j] = g;
    }
    for (size_t i = 0; i < r->n; i++) {
        r->near_before[i] = r->near_after[i] = -1;
        r->dist_before[i] = r->dist_after[i] = INFINITY;
        for (size_t q = I->d_start[i]; q < I->d_start[i + 1]; q++) {
            size_t j = I->d_site[q];
            if (I->d_dist[q] <= r->P.radius)
                r->reach[j] += r->w[i];
            if (r->near_after[i] < 0 && (r->fixed[j] || r->rank[j])) {
                r->near_after[i] = (int32_t)j;
                r->dist_after[i] = I->d_dist[q];
            }
            if (r->near_before[i] < 0 && r->fixed[j]) {
                r->near_before[i] = (int32_t)j;
                r->dist_before[i] = I->d_dist[q];
            }
        }
        if (r->near_after[i] >= 0 && r->dist_after[i] <= r->P.radius)
            r->assigned[r->near_after[i]] += r->w[i];
    }
    r->n_comm = r->od_mode ? 1 : r->st.comms.n;
    r->comm_pop = calloc(r->n_comm ? r->n_comm : 1, sizeof *r->comm_pop);
    r->comm_reach = calloc(r->n_comm ? r->n_comm : 1, sizeof *r->comm_reach);
    if (!r->comm_pop || !r->comm_reach)
        return ctx_nomem(r->ctx);
    for (size_t i = 0; i < r->n; i++) {
        int32_t c = r->od_mode ? 0 : r->st.demand.community[i];
        if (c < 0)
            continue;
        r->comm_pop[c] += r->w[i];
        /* lists are sorted by distance: the first is the nearest site of all */
        if (I->d_start[i + 1] > I->d_start[i] && I->d_dist[I->d_start[i]] <= r->P.radius)
            r->comm_reach[c] += r->w[i];
    }
    return AMBIT_OK;
}

/* Nested tiers: the tier each site hosts, its reach at that tier's radius, and which
 * demand is covered at each tier before and after. */
static ambit_status measure_tiers(srun *r)
{
    size_t T = r->T, n = r->n;
    const double *radius = r->o->tier_radius;
    r->cov_b = calloc(n * T + 1, 1);
    r->cov_a = calloc(n * T + 1, 1);
    if (!r->cov_b || !r->cov_a)
        return ctx_nomem(r->ctx);
    for (size_t k = 0; k < ambit_solution_count(r->sol); k++)
        r->stier[ambit_solution_site(r->sol, k, NULL)] =
            (int32_t)ambit_solution_site_tier(r->sol, k);
    for (size_t j = 0; j < r->m; j++) {
        r->reach[j] = 0;
        if (r->stier[j] < 0)
            continue;
        const uint32_t *dem;
        const double *dist;
        size_t cnt = ambit_cover_site(r->cover, j, &dem, &dist);
        size_t a = (size_t)r->stier[j];
        for (size_t q = 0; q < cnt; q++) {
            if (dist[q] <= radius[a])
                r->reach[j] += r->w[dem[q]];
            for (size_t t = a; t < T; t++) {
                if (dist[q] > radius[t])
                    continue;
                r->cov_a[(size_t)dem[q] * T + t] = 1;
                if (r->fixed[j])
                    r->cov_b[(size_t)dem[q] * T + t] = 1;
            }
        }
    }
    return AMBIT_OK;
}

/* Years of the new sites, in rank order: K a year, or as many as a yearly budget buys. */
static ambit_status phase(srun *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_site_options *o = r->o;
    size_t n = ambit_solution_count(r->sol);
    if (!o->years)
        return AMBIT_OK;
    r->year = calloc(n ? n : 1, sizeof *r->year);
    if (!r->year)
        return ctx_nomem(ctx);
    if (o->per_year > 0) {
        for (size_t k = 0; k < n; k++) {
            long y = (long)(k / (size_t)o->per_year) + 1;
            r->year[k] = y <= o->years ? (int)y : 0;
        }
        return AMBIT_OK;
    }
    double cheapest = INFINITY;
    for (size_t j = 0; j < r->m; j++)
        if (!r->fixed[j])
            cheapest = fmin(cheapest, r->cost[j]);
    if (o->budget_per_year < cheapest)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--budget-per-year %g is below the cost of every candidate site (the "
                        "cheapest costs %g)",
                        o->budget_per_year, cheapest);
    int y = 1;
    double spent = 0;
    for (size_t k = 0; k < n; k++) {
        size_t j = ambit_solution_site(r->sol, k, NULL);
        if (spent > 0 && spent + r->cost[j] > o->budget_per_year) {
            y++;
            spent = 0;
        }
        if (r->cost[j] > o->budget_per_year)
            ctx_warn(ctx,
                     "site %s costs %g, more than a year's budget (%g): it takes year %d alone",
                     site_id(r, j), r->cost[j], o->budget_per_year, y);
        spent += r->cost[j];
        r->year[k] = y <= o->years ? y : 0;
    }
    return AMBIT_OK;
}

static ambit_status write_projects(srun *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    gj_writer w;
    ambit_status st = table_open(ctx, path, "projects", &w);
    const char *ifields[] = {"year", "rank"};
    const char *sfields[] = {"site_id", "name", "model"};
    const char *rfields[] = {"cost", "gain", "covered_after", "share_after", "cumulative_cost"};
    if (!st)
        st = gj_fields(ctx, &w, ifields, 2, OFTInteger);
    if (!st)
        st = gj_fields(ctx, &w, sfields, 3, OFTString);
    if (!st)
        st = gj_fields(ctx, &w, rfields, 5, OFTReal);
    /* nested: the tier, and per tier the people newly covered and the share after */
    double tcov[AMBIT_MAX_TIERS];
    if (!st && r->T)
        st = gj_field(ctx, &w, "tier", OFTString);
    for (size_t t = 0; t < r->T && !st; t++) {
        char name[160];
        snprintf(name, sizeof name, "new_%s", r->o->tier_name[t]);
        st = gj_field(ctx, &w, name, OFTReal);
        snprintf(name, sizeof name, "share_after_%s", r->o->tier_name[t]);
        if (!st)
            st = gj_field(ctx, &w, name, OFTReal);
        ambit_solution_tier_covered(r->sol, t, &tcov[t]);
    }
    double total = 0, covered = ambit_solution_covered_before(r->sol), spent = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->w[i];
    int pmedian = r->P.model == AMBIT_MODEL_PMEDIAN;
    for (size_t k = 0; k < ambit_solution_count(r->sol) && !st; k++) {
        double gain;
        size_t j = ambit_solution_site(r->sol, k, &gain);
        const site *s = site_at(r, j);
        spent += r->cost[j];
        covered += gain;
        OGRFeatureH f = gj_feature(&w);
        if (r->year[k])
            OGR_F_SetFieldInteger(f, 0, r->year[k]);
        else
            OGR_F_SetFieldNull(f, 0); /* after the last year */
        OGR_F_SetFieldInteger(f, 1, (int)k + 1);
        OGR_F_SetFieldString(f, 2, site_id(r, j));
        OGR_F_SetFieldString(f, 3, s ? s->name : "");
        OGR_F_SetFieldString(f, 4, ambit_model_name(r->P.model));
        OGR_F_SetFieldDouble(f, 5, r->cost[j]);
        OGR_F_SetFieldDouble(f, 6, gain);
        if (pmedian) {
            OGR_F_SetFieldNull(f, 7);
            OGR_F_SetFieldNull(f, 8);
        } else {
            OGR_F_SetFieldDouble(f, 7, covered);
            OGR_F_SetFieldDouble(f, 8, total > 0 ? covered / total : 0);
        }
        OGR_F_SetFieldDouble(f, 9, spent);
        if (r->T) {
            OGR_F_SetFieldNull(f, 8); /* a weighted sum over tiers is no share */
            OGR_F_SetFieldString(f, 10, r->o->tier_name[ambit_solution_site_tier(r->sol, k)]);
            for (size_t t = 0; t < r->T; t++) {
                double g = ambit_solution_tier_marginal(r->sol, k, t);
                tcov[t] += g;
                OGR_F_SetFieldDouble(f, 11 + 2 * (int)t, g);
                OGR_F_SetFieldDouble(f, 12 + 2 * (int)t, total > 0 ? tcov[t] / total : 0);
            }
        }
        st = gj_write(ctx, &w, f, NULL);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

/* ---------------------------------------------------------------- write */

static ambit_status write_sites(srun *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "sites", r->st.work, wkbUnknown, &w);
    const char *sfields[] = {"site_id", "name", "status", "community_id"};
    if (!st)
        st = gj_fields(ctx, &w, sfields, 4, OFTString);
    if (!st)
        st = gj_field(ctx, &w, "rank", OFTInteger);
    const char *rfields[] = {"marginal", "pop_within_reach", "pop_assigned", "cost",
                             "area_m2",  "capacity",         "pop_served"};
    if (!st)
        st = gj_fields(ctx, &w, rfields, 7, OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "year", OFTInteger);
    if (!st && r->o->facility)
        st = gj_field(ctx, &w, "kind", OFTString);
    if (!st && r->o->facility)
        st = gj_field(ctx, &w, "tier", OFTString);
    /* existing sites, then the new ones in rank order */
    size_t nsel = ambit_solution_count(r->sol);
    for (size_t t = 0; t < r->n_fixed + nsel && !st; t++) {
        size_t k = t < r->n_fixed ? t : ambit_solution_site(r->sol, t - r->n_fixed, NULL);
        const site *s = site_at(r, k);
        OGRFeatureH f = gj_feature(&w);
        OGR_F_SetFieldString(f, 0, site_id(r, k));
        OGR_F_SetFieldString(f, 1, s ? s->name : "");
        OGR_F_SetFieldString(f, 2, r->fixed[k] ? "existing" : "new");
        if (s && s->community >= 0 && !r->od_mode)
            OGR_F_SetFieldString(f, 3, r->st.comms.c[s->community].id);
        else
            OGR_F_SetFieldNull(f, 3);
        if (r->rank[k])
            OGR_F_SetFieldInteger(f, 4, (int)r->rank[k]);
        else
            OGR_F_SetFieldNull(f, 4);
        if (r->rank[k])
            OGR_F_SetFieldDouble(f, 5, r->marginal[k]);
        else
            OGR_F_SetFieldNull(f, 5);
        OGR_F_SetFieldDouble(f, 6, r->reach[k]);
        if (r->T) /* nested: a person counts at several tiers, so no single assignment */
            OGR_F_SetFieldNull(f, 7);
        else
            OGR_F_SetFieldDouble(f, 7, r->assigned[k]);
        OGR_F_SetFieldDouble(f, 8, r->cost[k]);
        OGR_F_SetFieldDouble(f, 9, s ? s->area : 0);
        if (r->cap && isfinite(r->cap[k]))
            OGR_F_SetFieldDouble(f, 10, r->cap[k]);
        else
            OGR_F_SetFieldNull(f, 10);
        double served = ambit_solution_site_load(r->sol, k);
        if (isnan(served))
            OGR_F_SetFieldNull(f, 11);
        else
            OGR_F_SetFieldDouble(f, 11, served);
        if (r->year && r->rank[k] && r->year[r->rank[k] - 1])
            OGR_F_SetFieldInteger(f, 12, r->year[r->rank[k] - 1]);
        else
            OGR_F_SetFieldNull(f, 12);
        if (r->o->facility) {
            OGR_F_SetFieldString(f, 13, r->o->facility);
            const char *tier = r->T ? r->o->tier_name[r->stier[k]] : r->o->tier;
            if (tier)
                OGR_F_SetFieldString(f, 14, tier);
            else
                OGR_F_SetFieldNull(f, 14);
        }
        st = gj_write(ctx, &w, f, s ? s->geom : NULL);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

/*
 * Per-tier fields of communities.geojson (covered_before_TIER, covered_after_TIER,
 * share_before_TIER, share_after_TIER, missing_TIER), and the per-community sums.
 */
static ambit_status tier_fields(srun *r, gj_writer *w, double **tb, double **ta)
{
    ambit_ctx *ctx = r->ctx;
    size_t T = r->T, nc = r->n_comm;
    *tb = calloc(nc * T + 1, sizeof **tb);
    *ta = calloc(nc * T + 1, sizeof **ta);
    if (!*tb || !*ta)
        return ctx_nomem(ctx);
    for (size_t i = 0; i < r->n; i++) {
        int32_t c = r->st.demand.community[i];
        for (size_t t = 0; c >= 0 && t < T; t++) {
            (*tb)[(size_t)c * T + t] += r->cov_b[i * T + t] ? r->w[i] : 0;
            (*ta)[(size_t)c * T + t] += r->cov_a[i * T + t] ? r->w[i] : 0;
        }
    }
    const char *what[] = {"covered_before_", "covered_after_", "share_before_", "share_after_",
                          "missing_"};
    ambit_status st = AMBIT_OK;
    for (size_t t = 0; t < T && !st; t++) {
        for (int k = 0; k < 5 && !st; k++) {
            char name[160];
            snprintf(name, sizeof name, "%s%s", what[k], r->o->tier_name[t]);
            st = gj_field(ctx, w, name, k == 4 ? OFTInteger : OFTReal);
        }
    }
    return st;
}

/* missing_TIER: 1 when the community has residents and none of them is within reach of a
 * facility of that tier or higher, even after the plan. */
static void set_tier_values(const srun *r, OGRFeatureH f, int first, size_t c, double pop,
                            const double *tb, const double *ta)
{
    for (size_t t = 0; t < r->T; t++) {
        int at = first + 5 * (int)t;
        double b = tb[c * r->T + t], a = ta[c * r->T + t];
        OGR_F_SetFieldDouble(f, at, b);
        OGR_F_SetFieldDouble(f, at + 1, a);
        if (pop > 0) {
            OGR_F_SetFieldDouble(f, at + 2, b / pop);
            OGR_F_SetFieldDouble(f, at + 3, a / pop);
            OGR_F_SetFieldInteger(f, at + 4, a <= 0);
        } else {
            for (int k = 2; k < 5; k++)
                OGR_F_SetFieldNull(f, at + k);
        }
    }
}

static ambit_status write_communities(srun *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    size_t nc = r->n_comm;
    const double *pop = r->comm_pop, *reachable = r->comm_reach;
    double *before = calloc(nc, sizeof *before), *after = calloc(nc, sizeof *after);
    double *dsum_b = calloc(nc, sizeof *dsum_b), *dsum_a = calloc(nc, sizeof *dsum_a);
    size_t *n_new = calloc(nc, sizeof *n_new), *n_old = calloc(nc, sizeof *n_old);
    ambit_status st = AMBIT_OK;
    gj_writer w;
    memset(&w, 0, sizeof w);
    if (!before || !after || !dsum_b || !dsum_a || !n_new || !n_old)
        st = ctx_nomem(ctx);
    for (size_t i = 0; !st && i < r->n; i++) {
        int32_t c = r->od_mode ? 0 : r->st.demand.community[i];
        if (c < 0)
            continue;
        if (r->dist_before[i] <= r->P.radius)
            before[c] += r->w[i];
        if (r->dist_after[i] <= r->P.radius)
            after[c] += r->w[i];
        dsum_b[c] += r->w[i] * r->dist_before[i];
        dsum_a[c] += r->w[i] * r->dist_after[i];
    }
    for (size_t k = 0; !st && k < r->m; k++) {
        const site *s = site_at(r, k);
        int32_t c = r->od_mode ? 0 : (s ? s->community : -1);
        if (c < 0)
            continue;
        if (r->fixed[k])
            n_old[c]++;
        else if (r->rank[k])
            n_new[c]++;
    }
    if (!st)
        st = gj_open(ctx, path, "communities", r->st.work, wkbMultiPolygon, &w);
    const char *sf[] = {"community_id", "name"};
    const char *rf[] = {"population",  "covered_before",       "covered_after",      "share_before",
                        "share_after", "mean_distance_before", "mean_distance_after"};
    if (!st)
        st = gj_fields(ctx, &w, sf, 2, OFTString);
    if (!st)
        st = gj_fields(ctx, &w, rf, 7, OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "existing_sites", OFTInteger);
    if (!st)
        st = gj_field(ctx, &w, "new_sites", OFTInteger);
    if (!st)
        st = gj_field(ctx, &w, "reachable_share", OFTReal);
    int floor = r->P.model == AMBIT_MODEL_FLOOR;
    if (!st && floor)
        st = gj_field(ctx, &w, "floor_met", OFTInteger);
    int tf = floor ? 13 : 12; /* first per-tier field */
    double *tb = NULL, *ta = NULL;
    if (!st && r->T && (st = tier_fields(r, &w, &tb, &ta)))
        goto out;
    for (size_t c = 0; c < nc && !st; c++) {
        OGRFeatureH f = gj_feature(&w);
        OGR_F_SetFieldString(f, 0, r->od_mode ? "all" : r->st.comms.c[c].id);
        OGR_F_SetFieldString(f, 1, r->od_mode ? "all demand" : r->st.comms.c[c].name);
        double v[7] = {pop[c],
                       before[c],
                       after[c],
                       pop[c] > 0 ? before[c] / pop[c] : NAN,
                       pop[c] > 0 ? after[c] / pop[c] : NAN,
                       pop[c] > 0 ? dsum_b[c] / pop[c] : NAN,
                       pop[c] > 0 ? dsum_a[c] / pop[c] : NAN};
        for (int k = 0; k < 7; k++) {
            if (isfinite(v[k]))
                OGR_F_SetFieldDouble(f, 2 + k, v[k]);
            else
                OGR_F_SetFieldNull(f, 2 + k); /* no one, or someone with no site in reach */
        }
        OGR_F_SetFieldInteger(f, 9, (int)n_old[c]);
        OGR_F_SetFieldInteger(f, 10, (int)n_new[c]);
        if (pop[c] > 0)
            OGR_F_SetFieldDouble(f, 11, reachable[c] / pop[c]);
        else
            OGR_F_SetFieldNull(f, 11);
        if (floor) { /* 1: the floor share is reached (with capacities: served) */
            double got = r->cap ? ambit_solution_group_served(r->sol, c) : after[c];
            OGR_F_SetFieldInteger(f, 12, got >= r->P.floor * pop[c] * (1 - 1e-9));
        }
        if (r->T) {
            /* one radius means nothing with tiers: the coverage is per tier */
            for (int k = 3; k < 7; k++)
                OGR_F_SetFieldNull(f, k);
            OGR_F_SetFieldNull(f, 11);
            set_tier_values(r, f, tf, c, pop[c], tb, ta);
        }
        st = gj_write(ctx, &w, f, r->od_mode ? NULL : r->st.comms.c[c].geom);
    }
out:
    if (w.ds) {
        ambit_status cst = gj_close(ctx, &w);
        if (!st)
            st = cst;
    }
    free(tb);
    free(ta);
    free(before);
    free(after);
    free(dsum_b);
    free(dsum_a);
    free(n_new);
    free(n_old);
    return st;
}

/* summary.json "tiers": per tier its parameters, sites and coverage before and after. */
static json_t *tiers_json(const srun *r)
{
    const ambit_site_options *o = r->o;
    json_t *arr = json_array();
    double total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->w[i];
    for (size_t t = 0; t < r->T; t++) {
        size_t existing = 0, added = 0, eligible = 0;
        double cost = 0, before, after = ambit_solution_tier_covered(r->sol, t, &before);
        for (size_t j = 0; j < r->m; j++) {
            existing += r->fixed[j] && r->stier[j] == (int32_t)t;
            eligible += !r->fixed[j] && r->inst->eligible[j * r->T + t];
            if (!r->fixed[j] && r->stier[j] == (int32_t)t) {
                added++;
                cost += r->cost[j];
            }
        }
        json_array_append_new(
            arr,
            json_pack("{s:s, s:f, s:f, s:f, s:o, s:I, s:I, s:I, s:f, s:f, s:f, s:f, s:f}", "tier",
                      o->tier_name[t], "radius_m", o->tier_radius[t], "min_area_m2",
                      o->tier_area[t], "weight", o->tier_weight[t], "p",
                      r->P.model == AMBIT_MODEL_MCLP ? json_integer((json_int_t)o->tier_p[t])
                                                     : json_null(),
                      "eligible_candidates", (json_int_t)eligible, "existing_sites",
                      (json_int_t)existing, "new_sites", (json_int_t)added, "cost_of_new_sites",
                      cost, "covered_population_before", before, "covered_population", after,
                      "share_before", total > 0 ? before / total : 0, "share_after",
                      total > 0 ? after / total : 0));
    }
    return arr;
}

static ambit_status write_summary(srun *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_solve_params *P = &r->P;
    const ambit_solution *sol = r->sol;
    int pmedian = P->model == AMBIT_MODEL_PMEDIAN, target = P->model == AMBIT_MODEL_TARGET;
    long double total = 0, before = 0, after = 0;
    for (size_t i = 0; i < r->n; i++) {
        total += r->w[i];
        before += r->dist_before[i] <= P->radius ? r->w[i] : 0;
        after += r->dist_after[i] <= P->radius ? r->w[i] : 0;
    }
    if (!pmedian) {
        /* the solver's own count: with capacities, the population served */
        after = ambit_solution_covered(sol);
        before = ambit_solution_covered_before(sol);
    }
    double spent = 0;
    for (size_t k = 0; k < ambit_solution_count(sol); k++)
        spent += r->cost[ambit_solution_site(sol, k, NULL)];
    json_t *doc = json_pack(
        "{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:s, s:f, s:f, s:f, s:I, s:I, s:I, s:f,"
        " s:b, s:I, s:f}",
        "ambit_version", ambit_version(), "command", "site", "model", ambit_model_name(P->model),
        "objective_kind",
        pmedian          ? "weighted_distance"
        : target && r->T ? "cost_of_new_sites"
        : target         ? "sites"
        : r->T           ? "weighted_covered_population"
                         : "covered_population",
        "objective", ambit_solution_objective(sol), "bound", ambit_solution_bound(sol), "gap",
        ambit_solution_gap(sol), "covered_population", (double)after, "distance_kind",
        r->od_mode ? "od" : study_distance_kind(&r->st), "covered_population_before",
        (double)before, "total_population", (double)total, "cost_of_new_sites", spent,
        "sites_selected", (json_int_t)ambit_solution_count(sol), "existing_sites",
        (json_int_t)r->n_fixed, "candidates", (json_int_t)r->n_cand, "elapsed_s",
        ctx_now_s() - r->t0, "timed_out", ambit_solution_timed_out(sol), "seed",
        (json_int_t)P->seed, "pairs", (double)ambit_cover_pair_count(r->cover));
    if (!doc)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "cannot build summary.json");
    json_object_set_new(doc, "radius_m", isfinite(P->radius) ? json_real(P->radius) : json_null());
    /* null: the automatic number of rounds (ambit_solve_params::max_iterations) */
    json_object_set_new(doc, "iterations",
                        P->max_iterations >= 0 ? json_integer(P->max_iterations) : json_null());
    if (P->model == AMBIT_MODEL_MCLP || pmedian)
        json_object_set_new(doc, "p", json_integer((json_int_t)P->p));
    if (target)
        json_object_set_new(doc, "target", json_real(P->target));
    if (P->model == AMBIT_MODEL_BUDGET)
        json_object_set_new(doc, "budget", json_real(P->budget));
    if (pmedian && r->o->max_distance > 0)
        json_object_set_new(doc, "max_distance_m", json_real(r->o->max_distance));
    if (r->od_mode)
        json_object_set_new(doc, "od",
                            json_pack("{s:s, s:I, s:I, s:I}", "path", r->o->od, "rows",
                                      (json_int_t)r->od.rows, "demand", (json_int_t)r->od.demand.n,
                                      "sites", (json_int_t)r->od.sites.n));
    if (r->st.work) {
        json_object_set_new(doc, "inputs", study_inputs_json(&r->st));
        json_object_set_new(doc, "crs", study_crs_json(&r->st));
        json_object_set_new(doc, "counts", study_counts_json(&r->st));
    }
    if (r->o->write_mps)
        json_object_set_new(doc, "mps", json_string(r->o->write_mps));
    json_object_set_new(doc, "capacitated", json_boolean(r->cap != NULL));
    if (P->model == AMBIT_MODEL_FLOOR) {
        /* communities no site can bring to the floor: listed, not hidden */
        json_t *below = json_array();
        for (size_t c = 0; c < r->n_comm; c++) {
            double pop = r->comm_pop[c], within = r->comm_reach[c];
            if (pop > 0 && within < P->floor * pop * (1 - 1e-9))
                json_array_append_new(below, json_pack("{s:s, s:s, s:f, s:f}", "community_id",
                                                       r->st.comms.c[c].id, "name",
                                                       r->st.comms.c[c].name, "population", pop,
                                                       "reachable_share", within / pop));
        }
        json_object_set_new(doc, "community_floor", json_real(P->floor));
        json_object_set_new(doc, "communities_that_cannot_reach_the_floor", below);
    }
    if (r->o->facility)
        json_object_set_new(doc, "profile",
                            json_pack("{s:s, s:s, s:o}", "path", r->o->profile_path, "facility",
                                      r->o->facility, "tier",
                                      r->o->tier ? json_string(r->o->tier) : json_null()));
    if (r->year) {
        json_t *years = json_array();
        double cov = ambit_solution_covered_before(sol);
        size_t unscheduled = 0;
        for (int y = 1; y <= r->o->years; y++) {
            double cost = 0, gain = 0;
            size_t count = 0;
            for (size_t k = 0; k < ambit_solution_count(sol); k++) {
                double g;
                size_t j = ambit_solution_site(sol, k, &g);
                if (r->year[k] != y)
                    continue;
                count++;
                cost += r->cost[j];
                gain += g;
            }
            cov += gain;
            json_array_append_new(years, json_pack("{s:i, s:I, s:f, s:f, s:o}", "year", y, "sites",
                                                   (json_int_t)count, "cost", cost, "gain", gain,
                                                   "covered_after",
                                                   pmedian ? json_null() : json_real(cov)));
        }
        for (size_t k = 0; k < ambit_solution_count(sol); k++)
            unscheduled += r->year[k] == 0;
        json_object_set_new(
            doc, "phasing",
            json_pack("{s:i, s:o, s:o, s:o, s:I}", "years", r->o->years, "budget_per_year",
                      r->o->budget_per_year > 0 ? json_real(r->o->budget_per_year) : json_null(),
                      "per_year", r->o->per_year > 0 ? json_integer(r->o->per_year) : json_null(),
                      "by_year", years, "after_last_year", (json_int_t)unscheduled));
    }
    if (r->T)
        json_object_set_new(doc, "tiers", tiers_json(r));
    json_object_set_new(doc, "warnings", study_warnings_json(ctx));
    json_object_set_new(doc, "versions", study_versions_json());
    ambit_status st = json_write(ctx, path, doc);
    json_decref(doc);
    return st;
}

/* Each existing and new site's reach at its radius (its tier's, when nested), as polygons. */
static ambit_status w_service_areas(void *rv, const char *path)
{
    srun *r = rv;
    ambit_ctx *ctx = r->ctx;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "service_areas", r->st.work, wkbMultiPolygon, &w);
    const char *sfields[] = {"site_id", "status", "tier", "distance_kind"};
    if (!st)
        st = gj_fields(ctx, &w, sfields, 4, OFTString);
    if (!st)
        st = gj_field(ctx, &w, "rank", OFTInteger);
    const char *rfields[] = {"radius_m", "area_m2", "pop_within_reach"};
    if (!st)
        st = gj_fields(ctx, &w, rfields, 3, OFTReal);
    network_input *ni = r->st.net.net ? &r->st.net : NULL;
    size_t nsel = ambit_solution_count(r->sol);
    for (size_t t = 0; t < r->n_fixed + nsel && !st; t++) {
        size_t k = t < r->n_fixed ? t : ambit_solution_site(r->sol, t - r->n_fixed, NULL);
        const site *s = site_at(r, k);
        double radius = r->T ? r->o->tier_radius[r->stier[k]] : r->P.radius;
        GEOSGeometry *g = NULL;
        st = service_area(ctx, ni, s->is_point ? NULL : s->geom, s->x, s->y, radius,
                          r->o->service_area_buffer, &g);
        if (st)
            break;
        double area = 0;
        GEOSArea_r(ctx->geos, g, &area);
        OGRFeatureH f = gj_feature(&w);
        OGR_F_SetFieldString(f, 0, site_id(r, k));
        OGR_F_SetFieldString(f, 1, r->fixed[k] ? "existing" : "new");
        const char *tier = r->T ? r->o->tier_name[r->stier[k]] : r->o->tier;
        if (tier)
            OGR_F_SetFieldString(f, 2, tier);
        else
            OGR_F_SetFieldNull(f, 2);
        OGR_F_SetFieldString(f, 3, study_distance_kind(&r->st));
        if (r->rank[k])
            OGR_F_SetFieldInteger(f, 4, (int)r->rank[k]);
        else
            OGR_F_SetFieldNull(f, 4);
        OGR_F_SetFieldDouble(f, 5, radius);
        OGR_F_SetFieldDouble(f, 6, area);
        OGR_F_SetFieldDouble(f, 7, r->reach[k]);
        st = gj_write(ctx, &w, f, g);
        GEOSGeom_destroy_r(ctx->geos, g);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status w_access(void *rv, const char *path)
{
    srun *r = rv;
    size_t n = r->n, T = r->T ? r->T : 1;
    unsigned char *cov = malloc(n * T + 1);
    if (!cov)
        return ctx_nomem(r->ctx);
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < T; t++)
            cov[i * T + t] = r->T ? r->cov_a[i * T + t] : r->dist_after[i] <= r->P.radius;
    const char *one[1] = {r->o->tier ? r->o->tier : "all"};
    ambit_status st = access_table_write(r->ctx, path, &r->st, T,
                                         r->T ? (const char *const *)r->o->tier_name : one, cov);
    free(cov);
    return st;
}

static ambit_status w_sites(void *r, const char *path)
{
    return write_sites(r, path);
}
static ambit_status w_communities(void *r, const char *path)
{
    return write_communities(r, path);
}
static ambit_status w_projects(void *r, const char *path)
{
    return write_projects(r, path);
}
static ambit_status w_summary(void *r, const char *path)
{
    return write_summary(r, path);
}

ambit_status ambit_site_run(ambit_ctx *ctx, const ambit_site_options *o)
{
    srun r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.o = o;
    r.t0 = ctx_now_s();
    r.P = o->solve;
    r.od_mode = o->od != NULL;
    outset out;
    ambit_status st = run_begin(ctx, o->in.output, &out);
    if (st)
        return st;
    st = r.od_mode ? read_od_mode(&r) : read_geometry_mode(&r);
    if (!st && !r.st.work) {
        /* an OD run without layers: no geometry, but GeoJSON still needs a CRS */
        r.st.work = OSRNewSpatialReference(NULL);
        OSRImportFromEPSG(r.st.work, 4326);
        OSRSetAxisMappingStrategy(r.st.work, OAMS_TRADITIONAL_GIS_ORDER);
    }
    if (!st)
        st = solve(&r, &out);
    if (!st)
        st = measure(&r);
    if (!st && r.T)
        st = measure_tiers(&r);
    if (!st)
        st = phase(&r);
    if (!st)
        st = outset_write(ctx, &out, "sites.geojson", w_sites, &r);
    if (!st)
        st = outset_write(ctx, &out, "communities.geojson", w_communities, &r);
    if (!st && o->service_areas)
        st = outset_write(ctx, &out, "service_areas.geojson", w_service_areas, &r);
    if (!st && o->in.access_table)
        st = outset_write(ctx, &out, "access.csv", w_access, &r);
    if (!st && r.year)
        st = outset_write(ctx, &out, "projects.csv", w_projects, &r);
    if (!st)
        st = outset_write(ctx, &out, "summary.json", w_summary, &r);
    st = run_end(ctx, st, &out);
    srun_free(&r);
    return st;
}
