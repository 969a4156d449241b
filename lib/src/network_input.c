#include "network_input.h"

#include "strutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Walkable OpenStreetMap ways: every highway but motorways, trunk roads and ways that
 * are not roads yet (or any more); not foot=no; not access=no/private unless
 * foot=yes/designated/permissive. other_tags is the OSM driver's hstore of the
 * remaining tags (absent from other layers: then only the highway part applies).
 */
const char *const NETWORK_WALK_FILTER =
    "highway IS NOT NULL AND highway NOT IN ('motorway', 'motorway_link', 'trunk', "
    "'trunk_link', 'construction', 'proposed', 'abandoned', 'raceway', 'bus_guideway', "
    "'escape')";
static const char *const WALK_FILTER_TAGS =
    " AND (other_tags IS NULL OR (other_tags NOT LIKE '%\"foot\"=>\"no\"%' AND ("
    "other_tags LIKE '%\"foot\"=>\"yes\"%' OR other_tags LIKE '%\"foot\"=>\"designated\"%' OR "
    "other_tags LIKE '%\"foot\"=>\"permissive\"%' OR (other_tags NOT LIKE '%\"access\"=>\"no\"%' "
    "AND other_tags NOT LIKE '%\"access\"=>\"private\"%'))))";

static int has_field(OGRLayerH layer, const char *name)
{
    return OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), name) >= 0;
}

/* Whether spec names an OpenStreetMap file (GDAL's OSM driver); *has_layer: FILE:LAYER given. */
static int is_osm_file(const char *spec, int *has_layer)
{
    char *path = NULL, *layer = NULL;
    *has_layer = 0;
    if (!str_split_source(spec, &path, &layer))
        return 0;
    GDALDriverH drv = GDALIdentifyDriverEx(path, GDAL_OF_VECTOR, NULL, NULL);
    int osm = drv && strcmp(GDALGetDriverShortName(drv), "OSM") == 0;
    *has_layer = layer != NULL;
    free(path);
    free(layer);
    return osm;
}

ambit_status network_input_open(ambit_ctx *ctx, const network_opts *o, const char *assume_crs,
                                network_input *ni)
{
    memset(ni, 0, sizeof *ni);
    ni->o = o;
    int has_layer;
    ni->is_osm = is_osm_file(o->spec, &has_layer);
    char *spec = NULL;
    if (ni->is_osm && !has_layer) {
        spec = malloc(strlen(o->spec) + 7); /* the OSM driver's ways: FILE:lines */
        if (!spec)
            return ctx_nomem(ctx);
        strcpy(spec, o->spec);
        strcat(spec, ":lines");
    }
    ambit_status st = vsource_open(ctx, "--network", spec ? spec : o->spec, assume_crs, &ni->src);
    free(spec);
    if (st) {
        if (ni->is_osm && strstr(ambit_ctx_error(ctx), "is empty"))
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--network: '%s' has no OpenStreetMap ways (its 'lines' layer is "
                            "empty)",
                            o->spec);
        return st;
    }
    geom_kind kind;
    if ((st = vsource_geom_kind(ctx, &ni->src, &kind)))
        return st;
    if (kind != GEOM_LINES)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--network: layer '%s' of '%s' holds %s, not lines: a network is a layer "
                        "of streets and paths",
                        ni->src.layer_name, ni->src.path, geom_kind_name(kind));
    if (o->cost_field) {
        int idx;
        if ((st = vsource_field(ctx, &ni->src, o->cost_field, 1, &idx)))
            return st;
    }
    char *filter = NULL;
    if (o->where) {
        filter = *o->where ? str_dup(o->where) : NULL;
    } else if (has_field(ni->src.layer, "highway")) {
        int tags = has_field(ni->src.layer, "other_tags");
        filter = malloc(strlen(NETWORK_WALK_FILTER) + strlen(WALK_FILTER_TAGS) + 1);
        if (filter) {
            strcpy(filter, NETWORK_WALK_FILTER);
            if (tags)
                strcat(filter, WALK_FILTER_TAGS);
        }
        if (!filter)
            return ctx_nomem(ctx);
    }
    if (filter) {
        CPLErrorReset();
        if (OGR_L_SetAttributeFilter(ni->src.layer, filter) != OGRERR_NONE) {
            st = ctx_fail(ctx, AMBIT_ERR_USAGE,
                          "--network-where: GDAL cannot use '%s' on layer '%s' of '%s': %s", filter,
                          ni->src.layer_name, ni->src.path, CPLGetLastErrorMsg());
            free(filter);
            return st;
        }
    }
    ni->filter = filter;
    return AMBIT_OK;
}

/* Vertices of every line part of g appended to x, y; line ends to start. */
typedef struct lines_buf {
    double *x, *y, *cost;
    size_t nv, capv, nl, capl;
    size_t *start;
} lines_buf;

static int lines_reserve(lines_buf *b, size_t nv, size_t nl)
{
    if (b->nv + nv > b->capv) {
        size_t c = b->capv ? b->capv : 4096;
        while (c < b->nv + nv)
            c *= 2;
        double *x = realloc(b->x, c * sizeof *x);
        if (!x)
            return 0;
        b->x = x;
        double *y = realloc(b->y, c * sizeof *y);
        if (!y)
            return 0;
        b->y = y;
        b->capv = c;
    }
    if (b->nl + nl + 1 > b->capl) {
        size_t c = b->capl ? b->capl : 1024;
        while (c < b->nl + nl + 1)
            c *= 2;
        size_t *s = realloc(b->start, c * sizeof *s);
        if (!s)
            return 0;
        b->start = s;
        double *cost = realloc(b->cost, c * sizeof *cost);
        if (!cost)
            return 0;
        b->cost = cost;
        b->capl = c;
    }
    return 1;
}

static void lines_free(lines_buf *b)
{
    free(b->x);
    free(b->y);
    free(b->cost);
    free(b->start);
}

/* Appends the line parts of g; *length gets their total length. 0 on ENOMEM/GEOS failure. */
static int add_lines(GEOSContextHandle_t h, const GEOSGeometry *g, double cost, lines_buf *b,
                     double *length)
{
    int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(h, g, i);
        int type = GEOSGeomTypeId_r(h, part);
        if (type != GEOS_LINESTRING && type != GEOS_LINEARRING)
            continue;
        const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, part);
        unsigned int nc = 0;
        if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &nc))
            return 0;
        if (nc < 2)
            continue;
        if (!lines_reserve(b, nc, 1))
            return 0;
        if (b->nl == 0)
            b->start[0] = 0;
        for (unsigned int k = 0; k < nc; k++) {
            if (!GEOSCoordSeq_getXY_r(h, cs, k, &b->x[b->nv + k], &b->y[b->nv + k]))
                return 0;
            if (k > 0)
                *length += hypot(b->x[b->nv + k] - b->x[b->nv + k - 1],
                                 b->y[b->nv + k] - b->y[b->nv + k - 1]);
        }
        b->nv += nc;
        b->cost[b->nl] = cost;
        b->start[++b->nl] = b->nv;
    }
    return 1;
}

/*
 * Reads every line of the layer in the working CRS. A feature's cost (from
 * --network-cost-field) is shared among its parts by length; a feature of zero
 * length or with a cost that is not positive is an error naming it.
 */
static ambit_status read_lines(ambit_ctx *ctx, network_input *ni, lines_buf *b)
{
    vsource *src = &ni->src;
    int cost_idx = -1;
    ambit_status st;
    if (ni->o->cost_field && (st = vsource_field(ctx, src, ni->o->cost_field, 1, &cost_idx)))
        return st;
    OGRFeatureH f;
    char label[512];
    OGR_L_ResetReading(src->layer);
    while ((f = OGR_L_GetNextFeature(src->layer))) {
        ni->features++;
        GEOSGeometry *g = NULL;
        int repaired = 0;
        st = vsource_read_geom(ctx, src, f, &g, &repaired);
        if (st) {
            OGR_F_Destroy(f);
            return st;
        }
        if (!g) {
            OGR_F_Destroy(f);
            continue;
        }
        geom_kind k = geom_kind_of(ctx, g);
        if (k != GEOM_LINES && k != GEOM_EMPTY) {
            vsource_feature_label(src, f, label, sizeof label);
            GEOSGeom_destroy_r(ctx->geos, g);
            OGR_F_Destroy(f);
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--network: %s holds %s, not lines", label,
                            geom_kind_name(k));
        }
        double cost = NAN;
        if (cost_idx >= 0) {
            if (!OGR_F_IsFieldSetAndNotNull(f, cost_idx) ||
                !((cost = OGR_F_GetFieldAsDouble(f, cost_idx)) > 0) || !isfinite(cost)) {
                vsource_feature_label(src, f, label, sizeof label);
                const char *v = OGR_F_IsFieldSetAndNotNull(f, cost_idx)
                                    ? OGR_F_GetFieldAsString(f, cost_idx)
                                    : "NULL";
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--network-cost-field %s: %s has cost %s; a cost is a positive "
                              "number of metres",
                              ni->o->cost_field, label, v);
                GEOSGeom_destroy_r(ctx->geos, g);
                OGR_F_Destroy(f);
                return st;
            }
        }
        size_t first = b->nl;
        double length = 0;
        int ok = k == GEOM_EMPTY || add_lines(ctx->geos, g, cost, b, &length);
        GEOSGeom_destroy_r(ctx->geos, g);
        if (!ok) {
            OGR_F_Destroy(f);
            return ctx_nomem(ctx);
        }
        if (k != GEOM_EMPTY && !(length > 0)) {
            vsource_feature_label(src, f, label, sizeof label);
            OGR_F_Destroy(f);
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--network: %s is a line of zero length (all its vertices coincide)",
                            label);
        }
        for (size_t i = first; i < b->nl && cost_idx >= 0; i++) {
            double part = 0;
            for (size_t v = b->start[i] + 1; v < b->start[i + 1]; v++)
                part += hypot(b->x[v] - b->x[v - 1], b->y[v] - b->y[v - 1]);
            b->cost[i] = cost * part / length;
        }
        /* a part of zero length inside a longer feature carries no edge: drop it */
        for (size_t i = first; i < b->nl;) {
            int zero = 1;
            for (size_t v = b->start[i] + 1; v < b->start[i + 1] && zero; v++)
                zero = b->x[v] == b->x[v - 1] && b->y[v] == b->y[v - 1];
            if (!zero) {
                i++;
                continue;
            }
            size_t len = b->start[i + 1] - b->start[i];
            memmove(b->x + b->start[i], b->x + b->start[i + 1],
                    (b->nv - b->start[i + 1]) * sizeof *b->x);
            memmove(b->y + b->start[i], b->y + b->start[i + 1],
                    (b->nv - b->start[i + 1]) * sizeof *b->y);
            for (size_t j = i + 1; j < b->nl; j++) {
                b->start[j] = b->start[j + 1] - len;
                b->cost[j - 1] = b->cost[j];
            }
            b->nv -= len;
            b->nl--;
        }
        OGR_F_Destroy(f);
    }
    OGR_L_ResetReading(src->layer);
    if (b->nl == 0 && ni->is_osm && ni->features == 0) {
        OGR_L_SetAttributeFilter(src->layer, NULL);
        OGRFeatureH any = OGR_L_GetNextFeature(src->layer);
        OGR_L_ResetReading(src->layer);
        if (!any)
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--network: '%s' has no OpenStreetMap ways (its 'lines' layer is "
                            "empty)",
                            src->path);
        OGR_F_Destroy(any);
    }
    if (b->nl == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--network: no line of layer '%s' in '%s' is left%s%s%s (%zu feature(s) "
                        "read)",
                        src->layer_name, src->path, ni->filter ? " after the filter '" : "",
                        ni->filter ? ni->filter : "", ni->filter ? "'; see --network-where" : "",
                        ni->features);
    return AMBIT_OK;
}

ambit_status network_input_read(ambit_ctx *ctx, network_input *ni, const demand_set *demand)
{
    double t0 = ctx_now_s();
    lines_buf b = {0};
    ambit_status st = read_lines(ctx, ni, &b);
    ni->lines = b.nl;
    double t1 = ctx_now_s();
    ni->read_s = t1 - t0;
    if (st) {
        lines_free(&b);
        return st;
    }
    st = ambit_network_new(ctx, b.x, b.y, b.start, b.nl, ni->o->cost_field ? b.cost : NULL,
                           ni->o->snap, &ni->net);
    lines_free(&b);
    if (st == AMBIT_ERR_INPUT) {
        char why[sizeof ctx->error];
        snprintf(why, sizeof why, "%s", ambit_ctx_error(ctx));
        return ctx_fail(ctx, st, "--network '%s': %s", ni->o->spec, why);
    }
    if (st)
        return st;
    double t2 = ctx_now_s();
    ni->build_s = t2 - t1;
    ni->at = malloc((demand->n ? demand->n : 1) * sizeof *ni->at);
    if (!ni->at)
        return ctx_nomem(ctx);
    if ((st = net_index_new(ctx, ni->net, &ni->ix)) ||
        (st = net_attach_points(ctx, ni->ix, demand->x, demand->y, demand->n, ni->o->max_access,
                                ni->at)) ||
        (st = net_demand_build(ctx, ni->net, ni->at, demand->n, &ni->dem)))
        return st;
    ni->join_s = ctx_now_s() - t2;
    long double off = 0, island = 0;
    double nearest = INFINITY;
    for (size_t i = 0; i < demand->n; i++) {
        const net_point *p = &ni->at[i];
        nearest = fmin(nearest, p->access);
        if (p->edge == NET_NONE) {
            ni->dem_off++;
            off += demand->w[i];
        } else if (net_edge_comp(ni->net, p->edge) != ni->net->largest) {
            ni->dem_island++;
            island += demand->w[i];
        }
    }
    ni->pop_off = (double)off;
    ni->pop_island = (double)island;
    if (ni->dem_off == demand->n)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--network '%s' is far from all demand: the nearest demand point is %.0f m "
                        "from it, over --max-access %g m (a CRS or extent mix-up?)",
                        ni->o->spec, nearest, ni->o->max_access);
    if (ni->dem_off)
        ctx_warn(ctx,
                 "%zu demand point(s) holding %.0f people are more than %g m (--max-access) from "
                 "the network: nobody reaches them on foot",
                 ni->dem_off, ni->pop_off, ni->o->max_access);
    if (ni->dem_island)
        ctx_warn(ctx,
                 "%zu demand point(s) holding %.0f people join the network on one of its %zu "
                 "smaller pieces (not the main one): a gap in the data or a real island; see "
                 "--snap",
                 ni->dem_island, ni->pop_island, ni->net->n_comp - 1);
    return AMBIT_OK;
}

ambit_status network_input_sites(ambit_ctx *ctx, network_input *ni,
                                 const GEOSGeometry *const *geoms, const double *sx,
                                 const double *sy, const char *const *ids, size_t k, net_sites *out)
{
    memset(out, 0, sizeof *out);
    out->n = k;
    out->start = calloc(k + 1, sizeof *out->start);
    if (!out->start)
        return ctx_nomem(ctx);
    size_t n = 0, cap = 0, off = 0;
    const char *first = NULL;
    for (size_t i = 0; i < k; i++) {
        ambit_status st;
        if (geoms && geoms[i]) {
            st = net_attach_geom(ctx, ni->ix, geoms[i], ni->o->max_access, &out->entry, &n, &cap);
        } else {
            net_point p;
            st = net_attach_points(ctx, ni->ix, &sx[i], &sy[i], 1, ni->o->max_access, &p);
            if (!st && p.edge != NET_NONE && !net_points_push(&out->entry, &n, &cap, p))
                return ctx_nomem(ctx);
        }
        if (st)
            return st;
        if (n == out->start[i] && ids) {
            off++;
            if (!first)
                first = ids[i];
        }
        out->start[i + 1] = n;
    }
    ni->sites_off += off;
    if (off)
        ctx_warn(ctx,
                 "%zu site(s)%s%s%s are more than %g m (--max-access) from the network: they "
                 "reach nobody on foot",
                 off, first ? " (first: '" : "", first ? first : "", first ? "')" : "",
                 ni->o->max_access);
    return AMBIT_OK;
}

ambit_status network_input_cover(ambit_ctx *ctx, network_input *ni,
                                 const GEOSGeometry *const *geoms, const double *sx,
                                 const double *sy, const char *const *ids, size_t k, double radius,
                                 ambit_cover **out)
{
    double t0 = ctx_now_s();
    net_sites sites;
    ambit_status st = network_input_sites(ctx, ni, geoms, sx, sy, ids, k, &sites);
    if (!st)
        st = network_cover(ctx, ni->net, &ni->dem, &sites, radius, out);
    net_sites_free(&sites);
    ni->search_s += ctx_now_s() - t0;
    return st;
}

json_t *network_input_json(const network_input *ni)
{
    ambit_network_info info;
    ambit_network_get_info(ni->net, &info);
    json_t *j = json_pack("{s:s, s:s, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:I, s:I}",
                          "path", ni->src.path, "layer", ni->src.layer_name, "filter",
                          ni->filter ? json_string(ni->filter) : json_null(), "openstreetmap",
                          ni->is_osm, "features", (json_int_t)ni->features, "lines",
                          (json_int_t)ni->lines, "nodes", (json_int_t)info.nodes, "edges",
                          (json_int_t)info.edges, "components", (json_int_t)info.components,
                          "length_km", info.length_m / 1000, "largest_component_share",
                          info.length_m > 0 ? info.largest_length_m / info.length_m : 0, "snap_m",
                          ni->o->snap, "snapped_vertices", (json_int_t)info.snapped_vertices,
                          "collapsed_edges", (json_int_t)info.collapsed_edges);
    json_object_set_new(j, "cost_field",
                        ni->o->cost_field ? json_string(ni->o->cost_field) : json_null());
    json_object_set_new(j, "max_access_m", json_real(ni->o->max_access));
    json_object_set_new(
        j, "demand_off_network",
        json_pack("{s:I, s:f}", "points", (json_int_t)ni->dem_off, "population", ni->pop_off));
    json_object_set_new(j, "demand_on_islands",
                        json_pack("{s:I, s:f}", "points", (json_int_t)ni->dem_island, "population",
                                  ni->pop_island));
    json_object_set_new(j, "sites_off_network", json_integer((json_int_t)ni->sites_off));
    json_object_set_new(j, "seconds",
                        json_pack("{s:f, s:f, s:f, s:f}", "read", ni->read_s, "build", ni->build_s,
                                  "join_demand", ni->join_s, "search", ni->search_s));
    return j;
}

void network_input_free(ambit_ctx *ctx, network_input *ni)
{
    net_demand_free(&ni->dem);
    net_index_free(ctx, ni->ix);
    ambit_network_free(ni->net);
    free(ni->at);
    free((char *)ni->filter);
    vsource_close(&ni->src);
    memset(ni, 0, sizeof *ni);
}
