#include "communities.h"

#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ambit_status build_index(ambit_ctx *ctx, community_set *cs)
{
    cs->prep = calloc(cs->n ? cs->n : 1, sizeof *cs->prep);
    cs->tree = GEOSSTRtree_create_r(ctx->geos, 10);
    if (!cs->prep || !cs->tree)
        return ctx_nomem(ctx);
    for (size_t i = 0; i < cs->n; i++) {
        cs->prep[i] = GEOSPrepare_r(ctx->geos, cs->c[i].geom);
        if (!cs->prep[i])
            return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS cannot prepare community %zu: %s", i,
                            ctx_geos_error(ctx));
        GEOSSTRtree_insert_r(ctx->geos, cs->tree, cs->c[i].geom, (void *)(uintptr_t)i);
    }
    return AMBIT_OK;
}

ambit_status communities_load(ambit_ctx *ctx, const vsource *src, const char *id_field,
                              const char *name_field, int strict, community_set *out)
{
    memset(out, 0, sizeof *out);
    int id_i = -1, name_i = -1;
    ambit_status st = AMBIT_OK;
    if (id_field && (st = vsource_field(ctx, src, id_field, 0, &id_i)))
        return st;
    if (name_field && (st = vsource_field(ctx, src, name_field, 0, &name_i)))
        return st;
    geom_kind kind;
    if ((st = vsource_geom_kind(ctx, src, &kind)))
        return st;
    if (kind != GEOM_POLYGONS)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "%s: layer '%s' of '%s' holds %s; it must be polygons", src->option,
                        src->layer_name, src->path, geom_kind_name(kind));
    size_t cap = (size_t)OGR_L_GetFeatureCount(src->layer, 1);
    out->c = calloc(cap ? cap : 1, sizeof *out->c);
    if (!out->c)
        return ctx_nomem(ctx);
    OGRFeatureH f;
    char label[512];
    OGR_L_ResetReading(src->layer);
    while (!st && (f = OGR_L_GetNextFeature(src->layer))) {
        GEOSGeometry *g = NULL;
        int repaired = 0;
        st = vsource_read_geom(ctx, src, f, &g, &repaired);
        if (!st && repaired) {
            out->repaired++;
            if (strict) {
                vsource_feature_label(src, f, label, sizeof label);
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "%s: %s: invalid polygon (--strict forbids repair)", src->option,
                              label);
            }
        }
        if (!st && (!g || geom_kind_of(ctx, g) != GEOM_POLYGONS)) {
            out->skipped_empty++;
        } else if (!st && out->n < cap) {
            community *c = &out->c[out->n];
            char fid[32];
            snprintf(fid, sizeof fid, "%lld", (long long)OGR_F_GetFID(f));
            c->geom = g;
            g = NULL;
            c->id = str_dup(id_i >= 0 ? OGR_F_GetFieldAsString(f, id_i) : fid);
            c->name = str_dup(name_i >= 0 ? OGR_F_GetFieldAsString(f, name_i) : c->id);
            out->n++;
            if (!c->id || !c->name)
                st = ctx_nomem(ctx);
        }
        if (g)
            GEOSGeom_destroy_r(ctx->geos, g);
        OGR_F_Destroy(f);
    }
    if (!st && out->n == 0)
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: layer '%s' of '%s' has no polygon", src->option,
                      src->layer_name, src->path);
    if (!st && out->repaired)
        ctx_warn(ctx, "%s: %zu invalid polygon(s) of layer '%s' repaired with GEOS MakeValid",
                 src->option, out->repaired, src->layer_name);
    if (!st && out->skipped_empty)
        ctx_warn(ctx, "%s: %zu feature(s) of layer '%s' have no polygon and were skipped",
                 src->option, out->skipped_empty, src->layer_name);
    if (!st)
        st = build_index(ctx, out);
    return st;
}

ambit_status communities_study_area(ambit_ctx *ctx, const demand_set *d, community_set *out)
{
    memset(out, 0, sizeof *out);
    out->implicit = 1;
    out->c = calloc(1, sizeof *out->c);
    if (!out->c)
        return ctx_nomem(ctx);
    /* One demand point is its own (buffered) hull; a line string carries two or more. */
    size_t n = d->n < 2 ? 2 : d->n;
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(ctx->geos, (unsigned)n, 2);
    if (!seq || d->n == 0)
        return seq ? ctx_fail(ctx, AMBIT_ERR_INPUT, "no demand point to outline a study area")
                   : ctx_nomem(ctx);
    for (size_t i = 0; i < n; i++) {
        size_t k = i < d->n ? i : 0;
        GEOSCoordSeq_setXY_r(ctx->geos, seq, (unsigned)i, d->x[k], d->y[k]);
    }
    GEOSGeometry *line = GEOSGeom_createLineString_r(ctx->geos, seq);
    GEOSGeometry *hull = line ? GEOSConvexHull_r(ctx->geos, line) : NULL;
    if (line)
        GEOSGeom_destroy_r(ctx->geos, line);
    if (!hull)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS cannot outline the study area: %s",
                        ctx_geos_error(ctx));
    /* Buffer by a hair so that points on the hull are inside; a line-shaped hull becomes a strip.
     */
    GEOSGeometry *area = GEOSBuffer_r(ctx->geos, hull, 1.0, 4);
    GEOSGeom_destroy_r(ctx->geos, hull);
    if (!area)
        return ctx_nomem(ctx);
    out->c[0].geom = area;
    out->c[0].id = str_dup("study_area");
    out->c[0].name = str_dup("study area");
    out->n = 1;
    if (!out->c[0].id || !out->c[0].name)
        return ctx_nomem(ctx);
    return build_index(ctx, out);
}

typedef struct hit {
    const community_set *cs;
    ambit_ctx *ctx;
    const GEOSGeometry *pt;
    int32_t best;
} hit;

static void on_candidate(void *item, void *user)
{
    hit *h = user;
    int32_t i = (int32_t)(uintptr_t)item;
    if (h->best >= 0 && i > h->best)
        return;
    if (GEOSPreparedIntersects_r(h->ctx->geos, h->cs->prep[i], h->pt) == 1)
        h->best = i;
}

int32_t communities_locate(ambit_ctx *ctx, const community_set *cs, double x, double y)
{
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx->geos, x, y);
    if (!pt)
        return -1;
    hit h = {cs, ctx, pt, -1};
    GEOSSTRtree_query_r(ctx->geos, cs->tree, pt, on_candidate, &h);
    GEOSGeom_destroy_r(ctx->geos, pt);
    return h.best;
}

ambit_status communities_assign(ambit_ctx *ctx, const community_set *cs, demand_set *d,
                                size_t *outside)
{
    *outside = 0;
    for (size_t i = 0; i < d->n; i++) {
        d->community[i] = communities_locate(ctx, cs, d->x[i], d->y[i]);
        if (d->community[i] < 0)
            (*outside)++;
        if (i % 65536 == 0 && !ctx_progress(ctx, 0.5 + 0.2 * (double)i / (double)d->n,
                                            "assigning demand to communities"))
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "cancelled");
    }
    return AMBIT_OK;
}

void communities_free(ambit_ctx *ctx, community_set *cs)
{
    if (!cs)
        return;
    for (size_t i = 0; i < cs->n; i++) {
        if (cs->prep && cs->prep[i])
            GEOSPreparedGeom_destroy_r(ctx->geos, cs->prep[i]);
        GEOSGeom_destroy_r(ctx->geos, cs->c[i].geom);
        free(cs->c[i].id);
        free(cs->c[i].name);
    }
    if (cs->tree)
        GEOSSTRtree_destroy_r(ctx->geos, cs->tree);
    free(cs->prep);
    free(cs->c);
    memset(cs, 0, sizeof *cs);
}
