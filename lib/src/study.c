#include "study.h"

#include "cover.h"

#include <cpl_conv.h>
#include <gdal.h>

#include <stdlib.h>
#include <string.h>

ambit_status study_open(ambit_ctx *ctx, const input_opts *in, study *s)
{
    memset(s, 0, sizeof *s);
    s->in = in;
    ambit_status st;
    if (in->population) {
        s->pop_is_raster = source_is_raster(in->population);
        if (s->pop_is_raster) {
            if (in->population_field)
                ctx_warn(ctx, "--population-field is ignored: '%s' is a raster", in->population);
            if ((st = rsource_open(ctx, in->population, in->band, in->assume_crs, &s->pop_r)))
                return st;
        } else {
            if ((st = vsource_open(ctx, "--population", in->population, in->assume_crs, &s->pop_v)))
                return st;
            if (!in->population_field)
                return ctx_fail(ctx, AMBIT_ERR_USAGE,
                                "--population '%s' is a vector layer: name its population field "
                                "with --population-field",
                                in->population);
        }
    }
    if (in->communities &&
        (st = vsource_open(ctx, "--communities", in->communities, in->assume_crs, &s->comm_v)))
        return st;
    if (in->facilities &&
        (st = vsource_open(ctx, "--facilities", in->facilities, in->assume_crs, &s->fac_v)))
        return st;
    if (in->network.spec && (st = network_input_open(ctx, &in->network, in->assume_crs, &s->net)))
        return st;
    return AMBIT_OK;
}

ambit_status study_choose_crs(ambit_ctx *ctx, study *s, vsource *extra)
{
    const input_opts *in = s->in;
    ambit_status st;
    if (in->crs) {
        if ((st = source_parse_crs(ctx, "--crs", in->crs, &s->work)))
            return st;
        if (!crs_is_metric_projected(s->work))
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--crs %s is not a projected CRS in metres; distances need one",
                            in->crs);
        s->crs_rule = "given with --crs";
    } else {
        OGRSpatialReferenceH cand[4] = {s->pop_is_raster ? s->pop_r.srs : s->pop_v.srs,
                                        s->comm_v.srs, s->fac_v.srs, extra ? extra->srs : NULL};
        for (int i = 0; i < 4 && !s->work; i++) {
            if (cand[i] && crs_is_metric_projected(cand[i])) {
                s->work = OSRClone(cand[i]);
                OSRSetAxisMappingStrategy(s->work, OAMS_TRADITIONAL_GIS_ORDER);
                s->crs_rule = "the inputs' projected CRS in metres, used as it is";
            }
        }
        if (!s->work) {
            double lon = 0, lat = 0;
            if (s->pop_is_raster)
                st = rsource_lonlat_centre(ctx, &s->pop_r, &lon, &lat);
            else if (s->pop_v.ds)
                st = vsource_lonlat_centre(ctx, &s->pop_v, &lon, &lat);
            else if (extra && extra->ds)
                st = vsource_lonlat_centre(ctx, extra, &lon, &lat);
            else if (s->fac_v.ds)
                st = vsource_lonlat_centre(ctx, &s->fac_v, &lon, &lat);
            else
                st = ctx_fail(ctx, AMBIT_ERR_USAGE, "no layer to choose a metric CRS from");
            if (st || (st = crs_utm_for(ctx, lon, lat, &s->work)))
                return st;
            s->crs_rule = "UTM zone of the data (inputs are not in a projected CRS in metres)";
        }
    }
    crs_label(s->work, s->crs_label, sizeof s->crs_label);
    vsource *bind[5] = {&s->pop_v, &s->comm_v, &s->fac_v, extra, &s->net.src};
    for (int i = 0; i < 5; i++)
        if (bind[i] && bind[i]->ds && (st = vsource_bind(ctx, bind[i], s->work)))
            return st;
    return AMBIT_OK;
}

ambit_status study_read(ambit_ctx *ctx, study *s, const char *const *tiers, size_t n_tiers)
{
    const input_opts *in = s->in;
    ambit_status st;
    if (in->communities && (st = communities_load(ctx, &s->comm_v, in->community_id,
                                                  in->community_name, in->strict, &s->comms)))
        return st;
    ctx_progress(ctx, 0.05, "reading population");
    st = s->pop_is_raster ? demand_from_raster(ctx, &s->pop_r, s->work, &s->demand)
                          : demand_from_vector(ctx, &s->pop_v, in->population_field, in->cell,
                                               in->strict, &s->demand);
    if (st)
        return st;
    if (s->demand.n == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "--population: '%s' holds no population above 0",
                        in->population);
    if (in->network.spec) {
        ctx_progress(ctx, 0.15, "reading the walking network");
        if ((st = network_input_read(ctx, &s->net, &s->demand)))
            return st;
    }
    if (!in->communities && (st = communities_study_area(ctx, &s->demand, &s->comms)))
        return st;
    if ((st = communities_assign(ctx, &s->comms, &s->demand, &s->outside_demand)))
        return st;
    s->comm_pop = calloc(s->comms.n ? s->comms.n : 1, sizeof *s->comm_pop);
    if (!s->comm_pop)
        return ctx_nomem(ctx);
    long double outside = 0;
    for (size_t i = 0; i < s->demand.n; i++) {
        if (s->demand.community[i] >= 0)
            s->comm_pop[s->demand.community[i]] += s->demand.w[i];
        else
            outside += s->demand.w[i];
    }
    s->outside_pop = (double)outside;
    if (s->outside_demand)
        ctx_warn(ctx,
                 "%zu demand point(s) holding %.0f people lie outside every community; they "
                 "count in the totals but in no community",
                 s->outside_demand, s->outside_pop);
    if (in->facilities) {
        site_fields fields = {
            in->facility_id, in->facility_name, in->tier_field, NULL, in->capacity_field, 1, NULL};
        if ((st = sites_load(ctx, &s->fac_v, &fields, tiers, n_tiers, in->strict, &s->sites)))
            return st;
        for (size_t i = 0; i < s->sites.n; i++)
            s->sites.s[i].community =
                communities_locate(ctx, &s->comms, s->sites.s[i].x, s->sites.s[i].y);
    }
    return AMBIT_OK;
}

ambit_status study_cover(ambit_ctx *ctx, study *s, const GEOSGeometry *const *geoms,
                         const double *sx, const double *sy, const char *const *ids, size_t k,
                         double radius, ambit_cover **out)
{
    if (s->net.net)
        return network_input_cover(ctx, &s->net, geoms, sx, sy, ids, k, radius, out);
    return cover_euclid(ctx, s->demand.x, s->demand.y, s->demand.n, geoms, sx, sy, k, radius, out);
}

const char *study_distance_kind(const study *s)
{
    return s->net.net ? "network" : "euclidean";
}

void study_free(ambit_ctx *ctx, study *s)
{
    network_input_free(ctx, &s->net);
    free(s->comm_pop);
    sites_free(ctx, &s->sites);
    communities_free(ctx, &s->comms);
    demand_free(&s->demand);
    rsource_close(&s->pop_r);
    vsource_close(&s->pop_v);
    vsource_close(&s->comm_v);
    vsource_close(&s->fac_v);
    if (s->work)
        OSRDestroySpatialReference(s->work);
    memset(s, 0, sizeof *s);
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

json_t *study_inputs_json(const study *s)
{
    json_t *pop = json_null();
    char crs[128];
    if (s->pop_is_raster) {
        crs_label(s->pop_r.srs, crs, sizeof crs);
        pop = json_pack("{s:s, s:s, s:i, s:s, s:I}", "path", s->pop_r.path, "kind", "raster",
                        "band", s->pop_r.band_index, "crs", crs, "nodata_cells",
                        (json_int_t)s->demand.cells_nodata);
    } else if (s->pop_v.ds) {
        pop = source_json(&s->pop_v);
        json_object_set_new(pop, "kind", json_string("vector"));
        json_object_set_new(pop, "field", json_string(s->in->population_field));
        json_object_set_new(pop, "features_skipped_null",
                            json_integer((json_int_t)s->demand.skipped_null));
    }
    if (json_is_object(pop))
        json_object_set_new(pop, "demand_points", json_integer((json_int_t)s->demand.n));
    return json_pack("{s:o, s:o, s:o, s:o}", "population", pop, "communities",
                     source_json(&s->comm_v), "facilities", source_json(&s->fac_v), "network",
                     s->net.net ? network_input_json(&s->net) : json_null());
}

json_t *study_crs_json(const study *s)
{
    char *wkt = NULL;
    const char *wkt_opts[] = {"FORMAT=WKT2_2019", NULL};
    if (s->work)
        OSRExportToWktEx(s->work, &wkt, wkt_opts);
    json_t *j = json_pack("{s:s, s:s, s:s}", "name", s->crs_label, "rule",
                          s->crs_rule ? s->crs_rule : "", "wkt", wkt ? wkt : "");
    CPLFree(wkt);
    return j;
}

json_t *study_counts_json(const study *s)
{
    return json_pack(
        "{s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "repaired_communities",
        (json_int_t)s->comms.repaired, "repaired_population", (json_int_t)s->demand.repaired,
        "repaired_facilities", (json_int_t)s->sites.repaired, "skipped_population_features",
        (json_int_t)(s->demand.skipped_null + s->demand.skipped_empty), "skipped_facilities",
        (json_int_t)(s->sites.skipped_tier + s->sites.skipped_empty), "demand_outside_communities",
        (json_int_t)s->outside_demand, "population_outside_communities", s->outside_pop);
}

json_t *study_warnings_json(const ambit_ctx *ctx)
{
    json_t *a = json_array();
    for (size_t i = 0; i < ctx->n_warnings; i++)
        json_array_append_new(a, json_string(ctx->warnings[i]));
    return a;
}

json_t *study_versions_json(void)
{
    return json_pack("{s:s, s:s, s:s}", "gdal", GDALVersionInfo("RELEASE_NAME"), "proj",
                     proj_info().version, "geos", GEOSversion());
}
