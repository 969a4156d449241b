/*
 * `ambit coverage`: read -> reproject -> demand and sites in metres -> sparse
 * coverage per tier -> statistics -> writers. Each step lives in its own module;
 * this file only wires them together and writes the outputs.
 */
#include "access_table.h"
#include "coverage_options.h"
#include "coverage_stats.h"
#include "outfile.h"
#include "service_area.h"
#include "study.h"
#include "writers.h"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <geos_c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct run {
    ambit_ctx *ctx;
    const ambit_coverage_options *o;
    double t0;
    study st;
    /* per tier */
    size_t *tier_n;     /* sites in tier */
    size_t **tier_site; /* tier-local -> site index */
    ambit_cover **cover;
    tier_stats *stats;
    unsigned char *any_covered; /* per demand */
    double any_covered_pop;
} run;

static void run_free(run *r)
{
    for (size_t t = 0; r->o && t < r->o->n_tiers; t++) {
        if (r->tier_site)
            free(r->tier_site[t]);
        if (r->cover)
            ambit_cover_free(r->cover[t]);
        if (r->stats)
            tier_stats_free(&r->stats[t]);
    }
    free(r->tier_n);
    free(r->tier_site);
    free(r->cover);
    free(r->stats);
    free(r->any_covered);
    study_free(r->ctx, &r->st);
}

static ambit_status read_inputs(run *r)
{
    ambit_status st = study_open(r->ctx, &r->o->in, &r->st);
    if (!st)
        st = study_choose_crs(r->ctx, &r->st, NULL);
    if (!st)
        st = study_read(r->ctx, &r->st, (const char *const *)r->o->tier_name, r->o->n_tiers);
    return st;
}

/* -------------------------------------------------------------- coverage */

static ambit_status measure(run *r)
{
    ambit_ctx *ctx = r->ctx;
    size_t nt = r->o->n_tiers, ns = r->st.sites.n, nd = r->st.demand.n;
    r->tier_n = calloc(nt, sizeof *r->tier_n);
    r->tier_site = calloc(nt, sizeof *r->tier_site);
    r->cover = calloc(nt, sizeof *r->cover);
    r->stats = calloc(nt, sizeof *r->stats);
    r->any_covered = calloc(nd, 1);
    if (!r->tier_n || !r->tier_site || !r->cover || !r->stats || !r->any_covered)
        return ctx_nomem(ctx);
    ambit_status st = AMBIT_OK;
    for (size_t t = 0; t < nt && !st; t++) {
        r->tier_site[t] = malloc((ns ? ns : 1) * sizeof **r->tier_site);
        const GEOSGeometry **geoms = malloc((ns ? ns : 1) * sizeof *geoms);
        double *sx = malloc((ns ? ns : 1) * sizeof *sx), *sy = malloc((ns ? ns : 1) * sizeof *sy);
        const char **ids = malloc((ns ? ns : 1) * sizeof *ids);
        if (!r->tier_site[t] || !geoms || !sx || !sy || !ids) {
            free(geoms);
            free(sx);
            free(sy);
            free(ids);
            return ctx_nomem(ctx);
        }
        size_t k = 0;
        for (size_t i = 0; i < ns; i++) {
            const site *s = &r->st.sites.s[i];
            /* nested: tier t counts its own facilities and those of the higher tiers */
            if (s->tier != -1 && (r->o->nested ? (size_t)s->tier > t : (size_t)s->tier != t))
                continue;
            r->tier_site[t][k] = i;
            geoms[k] = s->is_point ? NULL : s->geom;
            sx[k] = s->x;
            sy[k] = s->y;
            ids[k] = s->id;
            k++;
        }
        r->tier_n[t] = k;
        if (k == 0)
            ctx_warn(ctx, "tier '%s' has no facility: nobody is covered in it", r->o->tier_name[t]);
        char msg[160];
        snprintf(msg, sizeof msg, "coverage of tier %s", r->o->tier_name[t]);
        ctx_progress(ctx, 0.7 + 0.2 * (double)t / (double)nt, msg);
        st = study_cover(ctx, &r->st, geoms, sx, sy, ids, k, r->o->tier_radius[t], &r->cover[t]);
        free(geoms);
        free(ids);
        free(sx);
        free(sy);
        if (!st)
            st = tier_stats_compute(ctx, r->cover[t], r->st.demand.w, r->st.demand.community,
                                    r->st.comms.n, &r->stats[t]);
        for (size_t d = 0; !st && d < nd; d++)
            if (r->stats[t].nearest[d] >= 0)
                r->any_covered[d] = 1;
    }
    if (st)
        return st;
    long double any = 0;
    for (size_t d = 0; d < nd; d++)
        if (r->any_covered[d])
            any += r->st.demand.w[d];
    r->any_covered_pop = (double)any;

    /* Facilities that sit in no community and reach nobody point at a CRS or extent mix-up. */
    size_t lost = 0;
    const char *first = NULL;
    for (size_t i = 0; i < ns; i++) {
        double reach = 0;
        for (size_t t = 0; t < nt; t++)
            for (size_t k = 0; k < r->tier_n[t]; k++)
                if (r->tier_site[t][k] == i)
                    reach += r->stats[t].reach_pop[k];
        if (r->st.sites.s[i].community < 0 && reach == 0) {
            lost++;
            if (!first)
                first = r->st.sites.s[i].id;
        }
    }
    if (lost == ns)
        return ctx_fail(
            ctx, AMBIT_ERR_INPUT,
            "--facilities: all %zu facilities of layer '%s' in '%s' lie outside every "
            "community and within reach of nobody; are they in the right place and CRS?",
            ns, r->st.fac_v.layer_name, r->st.fac_v.path);
    if (lost)
        ctx_warn(ctx,
                 "--facilities: %zu facilit%s outside every community and within reach of "
                 "nobody (first: id %s)",
                 lost, lost == 1 ? "y lies" : "ies lie", first);
    return AMBIT_OK;
}

/* ---------------------------------------------------------------- write */

static ambit_status write_communities(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "communities", r->st.work, wkbMultiPolygon, &w);
    char name[160];
    if (!st)
        st = gj_field(ctx, &w, "community_id", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "name", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "population", OFTReal);
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        snprintf(name, sizeof name, "%s_facilities", o->tier_name[t]);
        st = gj_field(ctx, &w, name, OFTInteger);
        snprintf(name, sizeof name, "%s_covered", o->tier_name[t]);
        if (!st)
            st = gj_field(ctx, &w, name, OFTReal);
        snprintf(name, sizeof name, "%s_share", o->tier_name[t]);
        if (!st)
            st = gj_field(ctx, &w, name, OFTReal);
    }
    for (size_t c = 0; c < r->st.comms.n && !st; c++) {
        OGRFeatureH f = gj_feature(&w);
        int fi = 0;
        OGR_F_SetFieldString(f, fi++, r->st.comms.c[c].id);
        OGR_F_SetFieldString(f, fi++, r->st.comms.c[c].name);
        OGR_F_SetFieldDouble(f, fi++, r->st.comm_pop[c]);
        for (size_t t = 0; t < o->n_tiers; t++) {
            int count = 0;
            for (size_t k = 0; k < r->tier_n[t]; k++)
                if (r->st.sites.s[r->tier_site[t][k]].community == (int32_t)c)
                    count++;
            double cov = r->stats[t].comm_covered[c];
            OGR_F_SetFieldInteger(f, fi++, count);
            OGR_F_SetFieldDouble(f, fi++, cov);
            if (r->st.comm_pop[c] > 0)
                OGR_F_SetFieldDouble(f, fi++, cov / r->st.comm_pop[c]);
            else
                OGR_F_SetFieldNull(f, fi++);
        }
        st = gj_write(ctx, &w, f, r->st.comms.c[c].geom);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status write_facilities(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "facilities", r->st.work, wkbUnknown, &w);
    const char *fields[] = {"facility_id", "name", "tier", "community_id"};
    if (!st)
        st = gj_fields(ctx, &w, fields, 4, OFTString);
    if (!st)
        st = gj_field(ctx, &w, "radius_m", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "pop_within_reach", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "pop_nearest", OFTReal);
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        for (size_t k = 0; k < r->tier_n[t] && !st; k++) {
            const site *s = &r->st.sites.s[r->tier_site[t][k]];
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, s->id);
            OGR_F_SetFieldString(f, 1, s->name);
            OGR_F_SetFieldString(f, 2, o->tier_name[t]);
            if (s->community >= 0)
                OGR_F_SetFieldString(f, 3, r->st.comms.c[s->community].id);
            else
                OGR_F_SetFieldNull(f, 3);
            OGR_F_SetFieldDouble(f, 4, o->tier_radius[t]);
            OGR_F_SetFieldDouble(f, 5, r->stats[t].reach_pop[k]);
            OGR_F_SetFieldDouble(f, 6, r->stats[t].nearest_pop[k]);
            st = gj_write(ctx, &w, f, s->geom);
        }
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status w_service_areas(void *rv, const char *path)
{
    run *r = rv;
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "service_areas", r->st.work, wkbMultiPolygon, &w);
    const char *fields[] = {"facility_id", "name", "tier", "distance_kind"};
    if (!st)
        st = gj_fields(ctx, &w, fields, 4, OFTString);
    const char *reals[] = {"radius_m", "area_m2", "pop_within_reach"};
    if (!st)
        st = gj_fields(ctx, &w, reals, 3, OFTReal);
    network_input *ni = r->st.net.net ? &r->st.net : NULL;
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        for (size_t k = 0; k < r->tier_n[t] && !st; k++) {
            const site *s = &r->st.sites.s[r->tier_site[t][k]];
            GEOSGeometry *g = NULL;
            st = service_area(ctx, ni, s->is_point ? NULL : s->geom, s->x, s->y, o->tier_radius[t],
                              o->service_area_buffer, &g);
            if (st)
                break;
            double area = 0;
            GEOSArea_r(ctx->geos, g, &area);
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, s->id);
            OGR_F_SetFieldString(f, 1, s->name);
            OGR_F_SetFieldString(f, 2, o->tier_name[t]);
            OGR_F_SetFieldString(f, 3, study_distance_kind(&r->st));
            OGR_F_SetFieldDouble(f, 4, o->tier_radius[t]);
            OGR_F_SetFieldDouble(f, 5, area);
            OGR_F_SetFieldDouble(f, 6, r->stats[t].reach_pop[k]);
            st = gj_write(ctx, &w, f, g);
            GEOSGeom_destroy_r(ctx->geos, g);
        }
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status write_uncovered(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "uncovered", r->st.work, wkbPoint, &w);
    if (!st)
        st = gj_field(ctx, &w, "tier", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "population", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "community_id", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "source_id", OFTInteger64);
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        for (size_t d = 0; d < r->st.demand.n && !st; d++) {
            if (r->stats[t].nearest[d] >= 0)
                continue;
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, o->tier_name[t]);
            OGR_F_SetFieldDouble(f, 1, r->st.demand.w[d]);
            if (r->st.demand.community[d] >= 0)
                OGR_F_SetFieldString(f, 2, r->st.comms.c[r->st.demand.community[d]].id);
            else
                OGR_F_SetFieldNull(f, 2);
            OGR_F_SetFieldInteger64(f, 3, r->st.demand.origin[d]);
            GEOSGeometry *pt =
                GEOSGeom_createPointFromXY_r(ctx->geos, r->st.demand.x[d], r->st.demand.y[d]);
            st = pt ? gj_write(ctx, &w, f, pt) : ctx_nomem(ctx);
            if (pt)
                GEOSGeom_destroy_r(ctx->geos, pt);
            else
                OGR_F_Destroy(f);
        }
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status write_summary(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    const study *s = &r->st;
    json_t *tiers = json_array(), *tier_params = json_array();
    for (size_t t = 0; t < o->n_tiers; t++) {
        json_array_append_new(
            tiers, json_pack("{s:s, s:f, s:I, s:f, s:f, s:I}", "name", o->tier_name[t], "radius_m",
                             o->tier_radius[t], "facilities", (json_int_t)r->tier_n[t],
                             "covered_population", r->stats[t].covered, "covered_share",
                             s->demand.total > 0 ? r->stats[t].covered / s->demand.total : 0.0,
                             "pairs", (json_int_t)r->cover[t]->n_pairs));
        json_array_append_new(tier_params, json_pack("{s:s, s:f}", "name", o->tier_name[t],
                                                     "radius_m", o->tier_radius[t]));
    }
    json_t *params =
        json_pack("{s:o, s:o, s:o, s:f, s:b, s:o, s:o}", "profile",
                  o->profile_path ? json_string(o->profile_path) : json_null(), "facility",
                  o->facility ? json_string(o->facility) : json_null(), "tiers", tier_params,
                  "cell_m", o->in.cell, "strict", o->in.strict, "tier_field",
                  o->in.tier_field ? json_string(o->in.tier_field) : json_null(), "crs",
                  o->in.crs ? json_string(o->in.crs) : json_null());
    json_object_set_new(params, "nested", json_boolean(o->nested));
    json_t *doc = json_pack(
        "{s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:f, s:f, s:o, s:I, s:I, s:o, s:f, s:o}",
        "ambit_version", ambit_version(), "command", "coverage", "inputs", study_inputs_json(s),
        "crs", study_crs_json(s), "distance_kind", study_distance_kind(s), "parameters", params,
        "counts", study_counts_json(s), "total_population", s->demand.total, "covered_population",
        r->any_covered_pop, "tiers", tiers, "communities", (json_int_t)s->comms.n, "facilities",
        (json_int_t)s->sites.n, "warnings", study_warnings_json(ctx), "elapsed_s",
        ctx_now_s() - r->t0, "versions", study_versions_json());
    if (!doc)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "cannot build summary.json");
    if (!o->in.communities)
        json_object_set_new(doc, "communities_note",
                            json_string("no --communities: one study area"));
    ambit_status st = json_write(ctx, path, doc);
    json_decref(doc);
    return st;
}

static ambit_status w_communities(void *r, const char *path)
{
    return write_communities(r, path);
}
static ambit_status w_facilities(void *r, const char *path)
{
    return write_facilities(r, path);
}
static ambit_status w_access(void *rv, const char *path)
{
    run *r = rv;
    size_t nd = r->st.demand.n, nt = r->o->n_tiers;
    unsigned char *cov = malloc(nd * nt + 1);
    if (!cov)
        return ctx_nomem(r->ctx);
    for (size_t d = 0; d < nd; d++)
        for (size_t t = 0; t < nt; t++)
            cov[d * nt + t] = r->stats[t].nearest[d] >= 0;
    ambit_status st =
        access_table_write(r->ctx, path, &r->st, nt, (const char *const *)r->o->tier_name, cov);
    free(cov);
    return st;
}

static ambit_status w_uncovered(void *r, const char *path)
{
    return write_uncovered(r, path);
}
static ambit_status w_summary(void *r, const char *path)
{
    return write_summary(r, path);
}

ambit_status ambit_coverage_run(ambit_ctx *ctx, const ambit_coverage_options *o)
{
    run r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.o = o;
    r.t0 = ctx_now_s();
    outset out;
    ambit_status st = run_begin(ctx, o->in.output, &out);
    if (st)
        return st;
    st = read_inputs(&r);
    if (!st)
        st = measure(&r);
    if (!st)
        ctx_progress(ctx, 0.92, "writing outputs");
    if (!st)
        st = outset_write(ctx, &out, "communities.geojson", w_communities, &r);
    if (!st)
        st = outset_write(ctx, &out, "facilities.geojson", w_facilities, &r);
    if (!st)
        st = outset_write(ctx, &out, "uncovered.geojson", w_uncovered, &r);
    if (!st && o->service_areas)
        st = outset_write(ctx, &out, "service_areas.geojson", w_service_areas, &r);
    if (!st && o->in.access_table)
        st = outset_write(ctx, &out, "access.csv", w_access, &r);
    if (!st)
        st = outset_write(ctx, &out, "summary.json", w_summary, &r);
    st = run_end(ctx, st, &out);
    run_free(&r);
    return st;
}
