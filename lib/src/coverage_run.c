/*
 * `ambit coverage`: read -> reproject -> demand and sites in metres -> sparse
 * coverage per tier -> statistics -> writers. Each step lives in its own module;
 * this file only wires them together and writes the outputs.
 */
#include "communities.h"
#include "coverage_options.h"
#include "coverage_stats.h"
#include "outfile.h"
#include "sites.h"
#include "writers.h"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <geos_c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct run {
    ambit_ctx *ctx;
    const ambit_coverage_options *o;
    double t0;
    int pop_is_raster;
    rsource pop_r;
    vsource pop_v, comm_v, fac_v;
    OGRSpatialReferenceH work;
    char crs_label[128];
    const char *crs_rule;
    demand_set demand;
    community_set comms;
    site_set sites;
    size_t outside_demand;
    double outside_pop;
    /* per tier */
    size_t *tier_n;     /* sites in tier */
    size_t **tier_site; /* tier-local -> site index */
    ambit_cover **cover;
    tier_stats *stats;
    unsigned char *any_covered; /* per demand */
    double any_covered_pop;
    double *comm_pop;
} run;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void run_free(run *r)
{
    ambit_ctx *ctx = r->ctx;
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
    free(r->comm_pop);
    sites_free(ctx, &r->sites);
    communities_free(ctx, &r->comms);
    demand_free(&r->demand);
    rsource_close(&r->pop_r);
    vsource_close(&r->pop_v);
    vsource_close(&r->comm_v);
    vsource_close(&r->fac_v);
    if (r->work)
        OSRDestroySpatialReference(r->work);
}

/* ------------------------------------------------------------ working CRS */

static ambit_status choose_crs(run *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    ambit_status st;
    if (o->crs) {
        if ((st = source_parse_crs(ctx, "--crs", o->crs, &r->work)))
            return st;
        if (!crs_is_metric_projected(r->work))
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--crs %s is not a projected CRS in metres; distances need one",
                            o->crs);
        r->crs_rule = "given with --crs";
    } else {
        OGRSpatialReferenceH cand[3] = {r->pop_is_raster ? r->pop_r.srs : r->pop_v.srs,
                                        r->comm_v.srs, r->fac_v.srs};
        for (int i = 0; i < 3 && !r->work; i++) {
            if (cand[i] && crs_is_metric_projected(cand[i])) {
                r->work = OSRClone(cand[i]);
                OSRSetAxisMappingStrategy(r->work, OAMS_TRADITIONAL_GIS_ORDER);
                r->crs_rule = "the inputs' projected CRS in metres, used as it is";
            }
        }
        if (!r->work) {
            double lon, lat;
            st = r->pop_is_raster ? rsource_lonlat_centre(ctx, &r->pop_r, &lon, &lat)
                                  : vsource_lonlat_centre(ctx, &r->pop_v, &lon, &lat);
            if (st || (st = crs_utm_for(ctx, lon, lat, &r->work)))
                return st;
            r->crs_rule = "UTM zone of the data (inputs are not in a projected CRS in metres)";
        }
    }
    crs_label(r->work, r->crs_label, sizeof r->crs_label);
    if ((st = vsource_bind(ctx, &r->fac_v, r->work)))
        return st;
    if (r->comm_v.ds && (st = vsource_bind(ctx, &r->comm_v, r->work)))
        return st;
    if (!r->pop_is_raster && (st = vsource_bind(ctx, &r->pop_v, r->work)))
        return st;
    return AMBIT_OK;
}

/* ------------------------------------------------------------------ read */

static ambit_status read_inputs(run *r)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    ambit_status st;
    r->pop_is_raster = source_is_raster(o->population);
    if (r->pop_is_raster) {
        if (o->population_field)
            ctx_warn(ctx, "--population-field is ignored: '%s' is a raster", o->population);
        if ((st = rsource_open(ctx, o->population, o->band, o->assume_crs, &r->pop_r)))
            return st;
    } else {
        if ((st = vsource_open(ctx, "--population", o->population, o->assume_crs, &r->pop_v)))
            return st;
        if (!o->population_field)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--population '%s' is a vector layer: name its population field "
                            "with --population-field",
                            o->population);
    }
    if (o->communities &&
        (st = vsource_open(ctx, "--communities", o->communities, o->assume_crs, &r->comm_v)))
        return st;
    if ((st = vsource_open(ctx, "--facilities", o->facilities, o->assume_crs, &r->fac_v)))
        return st;
    if ((st = choose_crs(r)))
        return st;

    if (o->communities && (st = communities_load(ctx, &r->comm_v, o->community_id,
                                                 o->community_name, o->strict, &r->comms)))
        return st;
    ctx_progress(ctx, 0.05, "reading population");
    st = r->pop_is_raster ? demand_from_raster(ctx, &r->pop_r, r->work, &r->demand)
                          : demand_from_vector(ctx, &r->pop_v, o->population_field, o->cell,
                                               o->strict, &r->demand);
    if (st)
        return st;
    if (r->demand.n == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "--population: '%s' holds no population above 0",
                        o->population);
    if (!o->communities && (st = communities_study_area(ctx, &r->demand, &r->comms)))
        return st;
    if ((st = communities_assign(ctx, &r->comms, &r->demand, &r->outside_demand)))
        return st;
    r->comm_pop = calloc(r->comms.n, sizeof *r->comm_pop);
    if (!r->comm_pop)
        return ctx_nomem(ctx);
    long double outside = 0;
    for (size_t i = 0; i < r->demand.n; i++) {
        if (r->demand.community[i] >= 0)
            r->comm_pop[r->demand.community[i]] += r->demand.w[i];
        else
            outside += r->demand.w[i];
    }
    r->outside_pop = (double)outside;
    if (r->outside_demand)
        ctx_warn(ctx,
                 "%zu demand point(s) holding %.0f people lie outside every community; they "
                 "count in the totals but in no community",
                 r->outside_demand, r->outside_pop);

    const char *names[AMBIT_MAX_TIERS];
    for (size_t t = 0; t < o->n_tiers; t++)
        names[t] = o->tier_name[t];
    if ((st = sites_load(ctx, &r->fac_v, o->facility_id, o->facility_name, o->tier_field, names,
                         o->n_tiers, o->strict, &r->sites)))
        return st;
    for (size_t i = 0; i < r->sites.n; i++)
        r->sites.s[i].community =
            communities_locate(ctx, &r->comms, r->sites.s[i].x, r->sites.s[i].y);
    return AMBIT_OK;
}

/* -------------------------------------------------------------- coverage */

static ambit_status measure(run *r)
{
    ambit_ctx *ctx = r->ctx;
    size_t nt = r->o->n_tiers, ns = r->sites.n, nd = r->demand.n;
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
        if (!r->tier_site[t] || !geoms || !sx || !sy) {
            free(geoms);
            free(sx);
            free(sy);
            return ctx_nomem(ctx);
        }
        size_t k = 0;
        for (size_t i = 0; i < ns; i++) {
            const site *s = &r->sites.s[i];
            if (s->tier != -1 && (size_t)s->tier != t)
                continue;
            r->tier_site[t][k] = i;
            geoms[k] = s->is_point ? NULL : s->geom;
            sx[k] = s->x;
            sy[k] = s->y;
            k++;
        }
        r->tier_n[t] = k;
        if (k == 0)
            ctx_warn(ctx, "tier '%s' has no facility: nobody is covered in it", r->o->tier_name[t]);
        char msg[160];
        snprintf(msg, sizeof msg, "coverage of tier %s", r->o->tier_name[t]);
        ctx_progress(ctx, 0.7 + 0.2 * (double)t / (double)nt, msg);
        st = cover_euclid(ctx, r->demand.x, r->demand.y, nd, geoms, sx, sy, k, r->o->tier_radius[t],
                          &r->cover[t]);
        free(geoms);
        free(sx);
        free(sy);
        if (!st)
            st = tier_stats_compute(ctx, r->cover[t], r->demand.w, r->demand.community, r->comms.n,
                                    &r->stats[t]);
        for (size_t d = 0; !st && d < nd; d++)
            if (r->stats[t].nearest[d] >= 0)
                r->any_covered[d] = 1;
    }
    if (st)
        return st;
    long double any = 0;
    for (size_t d = 0; d < nd; d++)
        if (r->any_covered[d])
            any += r->demand.w[d];
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
        if (r->sites.s[i].community < 0 && reach == 0) {
            lost++;
            if (!first)
                first = r->sites.s[i].id;
        }
    }
    if (lost == ns)
        return ctx_fail(
            ctx, AMBIT_ERR_INPUT,
            "--facilities: all %zu facilities of layer '%s' in '%s' lie outside every "
            "community and within reach of nobody; are they in the right place and CRS?",
            ns, r->fac_v.layer_name, r->fac_v.path);
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
    ambit_status st = gj_open(ctx, path, "communities", r->work, wkbMultiPolygon, &w);
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
    for (size_t c = 0; c < r->comms.n && !st; c++) {
        OGRFeatureH f = gj_feature(&w);
        int fi = 0;
        OGR_F_SetFieldString(f, fi++, r->comms.c[c].id);
        OGR_F_SetFieldString(f, fi++, r->comms.c[c].name);
        OGR_F_SetFieldDouble(f, fi++, r->comm_pop[c]);
        for (size_t t = 0; t < o->n_tiers; t++) {
            int count = 0;
            for (size_t k = 0; k < r->tier_n[t]; k++)
                if (r->sites.s[r->tier_site[t][k]].community == (int32_t)c)
                    count++;
            double cov = r->stats[t].comm_covered[c];
            OGR_F_SetFieldInteger(f, fi++, count);
            OGR_F_SetFieldDouble(f, fi++, cov);
            if (r->comm_pop[c] > 0)
                OGR_F_SetFieldDouble(f, fi++, cov / r->comm_pop[c]);
            else
                OGR_F_SetFieldNull(f, fi++);
        }
        st = gj_write(ctx, &w, f, r->comms.c[c].geom);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status write_facilities(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "facilities", r->work, wkbUnknown, &w);
    const char *fields[] = {"facility_id", "name", "tier", "community_id"};
    for (size_t i = 0; i < 4 && !st; i++)
        st = gj_field(ctx, &w, fields[i], OFTString);
    if (!st)
        st = gj_field(ctx, &w, "radius_m", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "pop_within_reach", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "pop_nearest", OFTReal);
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        for (size_t k = 0; k < r->tier_n[t] && !st; k++) {
            const site *s = &r->sites.s[r->tier_site[t][k]];
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, s->id);
            OGR_F_SetFieldString(f, 1, s->name);
            OGR_F_SetFieldString(f, 2, o->tier_name[t]);
            if (s->community >= 0)
                OGR_F_SetFieldString(f, 3, r->comms.c[s->community].id);
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

static ambit_status write_uncovered(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "uncovered", r->work, wkbPoint, &w);
    if (!st)
        st = gj_field(ctx, &w, "tier", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "population", OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "community_id", OFTString);
    if (!st)
        st = gj_field(ctx, &w, "source_id", OFTInteger64);
    for (size_t t = 0; t < o->n_tiers && !st; t++) {
        for (size_t d = 0; d < r->demand.n && !st; d++) {
            if (r->stats[t].nearest[d] >= 0)
                continue;
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, o->tier_name[t]);
            OGR_F_SetFieldDouble(f, 1, r->demand.w[d]);
            if (r->demand.community[d] >= 0)
                OGR_F_SetFieldString(f, 2, r->comms.c[r->demand.community[d]].id);
            else
                OGR_F_SetFieldNull(f, 2);
            OGR_F_SetFieldInteger64(f, 3, r->demand.origin[d]);
            GEOSGeometry *pt =
                GEOSGeom_createPointFromXY_r(ctx->geos, r->demand.x[d], r->demand.y[d]);
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

static json_t *source_json(const vsource *v)
{
    if (!v->ds)
        return json_null();
    char crs[128];
    crs_label(v->srs, crs, sizeof crs);
    return json_pack("{s:s, s:s, s:I, s:s}", "path", v->path, "layer", v->layer_name, "features",
                     (json_int_t)OGR_L_GetFeatureCount(v->layer, 1), "crs", crs);
}

static ambit_status write_summary(run *r, const char *path)
{
    ambit_ctx *ctx = r->ctx;
    const ambit_coverage_options *o = r->o;
    json_t *pop;
    char crs[128];
    if (r->pop_is_raster) {
        crs_label(r->pop_r.srs, crs, sizeof crs);
        pop = json_pack("{s:s, s:s, s:i, s:s, s:I}", "path", r->pop_r.path, "kind", "raster",
                        "band", r->pop_r.band_index, "crs", crs, "nodata_cells",
                        (json_int_t)r->demand.cells_nodata);
    } else {
        pop = source_json(&r->pop_v);
        json_object_set_new(pop, "kind", json_string("vector"));
        json_object_set_new(pop, "field", json_string(o->population_field));
        json_object_set_new(pop, "features_skipped_null",
                            json_integer((json_int_t)r->demand.skipped_null));
    }
    json_object_set_new(pop, "demand_points", json_integer((json_int_t)r->demand.n));

    json_t *tiers = json_array();
    for (size_t t = 0; t < o->n_tiers; t++) {
        json_array_append_new(
            tiers, json_pack("{s:s, s:f, s:I, s:f, s:f, s:I}", "name", o->tier_name[t], "radius_m",
                             o->tier_radius[t], "facilities", (json_int_t)r->tier_n[t],
                             "covered_population", r->stats[t].covered, "covered_share",
                             r->demand.total > 0 ? r->stats[t].covered / r->demand.total : 0.0,
                             "pairs", (json_int_t)r->cover[t]->n_pairs));
    }
    json_t *tier_params = json_array();
    for (size_t t = 0; t < o->n_tiers; t++)
        json_array_append_new(tier_params, json_pack("{s:s, s:f}", "name", o->tier_name[t],
                                                     "radius_m", o->tier_radius[t]));
    json_t *params =
        json_pack("{s:o, s:f, s:b, s:o, s:o}", "tiers", tier_params, "cell_m", o->cell, "strict",
                  o->strict, "tier_field", o->tier_field ? json_string(o->tier_field) : json_null(),
                  "crs", o->crs ? json_string(o->crs) : json_null());
    json_t *warnings = json_array();
    for (size_t i = 0; i < ctx->n_warnings; i++)
        json_array_append_new(warnings, json_string(ctx->warnings[i]));
    char *wkt = NULL;
    const char *wkt_opts[] = {"FORMAT=WKT2_2019", NULL};
    OSRExportToWktEx(r->work, &wkt, wkt_opts);
    json_t *doc = json_pack(
        "{s:s, s:s, s:{s:o, s:o, s:o}, s:{s:s, s:s, s:s}, s:s, s:o,"
        " s:{s:I, s:I, s:I, s:I, s:I, s:I, s:f},"
        " s:f, s:f, s:o, s:I, s:I, s:o, s:f, s:{s:s, s:s, s:s}}",
        "ambit_version", ambit_version(), "command", "coverage", "inputs", "population", pop,
        "communities", source_json(&r->comm_v), "facilities", source_json(&r->fac_v), "crs", "name",
        r->crs_label, "rule", r->crs_rule, "wkt", wkt ? wkt : "", "distance_kind", "euclidean",
        "parameters", params, "counts", "repaired_communities", (json_int_t)r->comms.repaired,
        "repaired_population", (json_int_t)r->demand.repaired, "repaired_facilities",
        (json_int_t)r->sites.repaired, "skipped_population_features",
        (json_int_t)(r->demand.skipped_null + r->demand.skipped_empty), "skipped_facilities",
        (json_int_t)(r->sites.skipped_tier + r->sites.skipped_empty), "demand_outside_communities",
        (json_int_t)r->outside_demand, "population_outside_communities", r->outside_pop,
        "total_population", r->demand.total, "covered_population", r->any_covered_pop, "tiers",
        tiers, "communities", (json_int_t)r->comms.n, "facilities", (json_int_t)r->sites.n,
        "warnings", warnings, "elapsed_s", now_s() - r->t0, "versions", "gdal",
        GDALVersionInfo("RELEASE_NAME"), "proj", proj_info().version, "geos", GEOSversion());
    CPLFree(wkt);
    if (!doc)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "cannot build summary.json");
    if (!o->communities)
        json_object_set_new(doc, "communities_note",
                            json_string("no --communities: one study area"));
    ambit_status st = json_write(ctx, path, doc);
    json_decref(doc);
    return st;
}

static ambit_status write_outputs(run *r, outset *out)
{
    ambit_ctx *ctx = r->ctx;
    const char *p;
    ambit_status st;
    ctx_progress(ctx, 0.92, "writing outputs");
    if (!(p = outset_add(ctx, out, "communities.geojson")) || (st = write_communities(r, p)))
        return p ? st : ctx->status;
    if (!(p = outset_add(ctx, out, "facilities.geojson")) || (st = write_facilities(r, p)))
        return p ? st : ctx->status;
    if (!(p = outset_add(ctx, out, "uncovered.geojson")) || (st = write_uncovered(r, p)))
        return p ? st : ctx->status;
    if (!(p = outset_add(ctx, out, "summary.json")) || (st = write_summary(r, p)))
        return p ? st : ctx->status;
    return AMBIT_OK;
}

ambit_status ambit_coverage_run(ambit_ctx *ctx, const ambit_coverage_options *o)
{
    run r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.o = o;
    r.t0 = now_s();
    ctx->status = AMBIT_OK;
    ctx->error[0] = '\0';
    ctx_clear_warnings(ctx);
    ctx_gdal_init();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    outset out;
    ambit_status st = outset_begin(ctx, o->output, &out);
    if (st) {
        CPLPopErrorHandler();
        return st;
    }
    st = read_inputs(&r);
    if (!st)
        st = measure(&r);
    if (!st)
        st = write_outputs(&r, &out);
    if (!st)
        st = outset_commit(ctx, &out);
    else
        outset_abort(&out);
    if (!st)
        ctx_progress(ctx, 1.0, "done");
    run_free(&r);
    CPLPopErrorHandler();
    return st;
}
