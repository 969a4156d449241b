#include "sites.h"

#include "idmap.h"
#include "strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tier_index(const char *value, const char *const *tiers, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(value, tiers[i]) == 0)
            return (int)i;
    return -1;
}

ambit_status sites_load(ambit_ctx *ctx, const vsource *src, const site_fields *fields,
                        const char *const *tiers, size_t n_tiers, int strict, site_set *out)
{
    memset(out, 0, sizeof *out);
    int id_i = -1, name_i = -1, tier_i = -1, cost_i = -1;
    const char *tier_field = fields->tier;
    ambit_status st = AMBIT_OK;
    if (fields->id && (st = vsource_field(ctx, src, fields->id, 0, &id_i)))
        return st;
    if (fields->name && (st = vsource_field(ctx, src, fields->name, 0, &name_i)))
        return st;
    if (tier_field && (st = vsource_field(ctx, src, tier_field, 0, &tier_i)))
        return st;
    if (fields->cost && (st = vsource_field(ctx, src, fields->cost, 1, &cost_i)))
        return st;
    int area_i = -1;
    if (fields->area && (st = vsource_field(ctx, src, fields->area, 1, &area_i)))
        return st;
    int cap_i = -1;
    if (fields->capacity) {
        int present = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(src->layer), fields->capacity) >= 0;
        if ((present || !fields->capacity_optional) &&
            (st = vsource_field(ctx, src, fields->capacity, 1, &cap_i)))
            return st;
    }
    size_t cap = (size_t)OGR_L_GetFeatureCount(src->layer, 1);
    out->s = calloc(cap ? cap : 1, sizeof *out->s);
    if (!out->s)
        return ctx_nomem(ctx);
    char label[512], first_unknown[128] = "";
    OGRFeatureH f;
    OGR_L_ResetReading(src->layer);
    while (!st && (f = OGR_L_GetNextFeature(src->layer))) {
        int tier = -1;
        if (tier_i >= 0) {
            const char *v =
                OGR_F_IsFieldSetAndNotNull(f, tier_i) ? OGR_F_GetFieldAsString(f, tier_i) : "";
            tier = tier_index(v, tiers, n_tiers);
            if (tier < 0) {
                if (!first_unknown[0])
                    snprintf(first_unknown, sizeof first_unknown, "%s", *v ? v : "(empty)");
                out->skipped_tier++;
                OGR_F_Destroy(f);
                continue;
            }
        }
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
        geom_kind k = (!st && g) ? geom_kind_of(ctx, g) : GEOM_EMPTY;
        if (!st && (k == GEOM_EMPTY)) {
            out->skipped_empty++;
        } else if (!st && k != GEOM_POINTS && k != GEOM_POLYGONS) {
            vsource_feature_label(src, f, label, sizeof label);
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "%s: %s: geometry is %s; sites must be points or polygons", src->option,
                          label, geom_kind_name(k));
        } else if (!st && out->n < cap) {
            site *s = &out->s[out->n];
            char fid[32];
            snprintf(fid, sizeof fid, "%lld", (long long)OGR_F_GetFID(f));
            s->tier = tier;
            s->community = -1;
            s->is_point = GEOSGeomTypeId_r(ctx->geos, g) == GEOS_POINT;
            if (!geom_inner_point(ctx, g, &s->x, &s->y)) {
                vsource_feature_label(src, f, label, sizeof label);
                st = ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s: GEOS finds no inner point",
                              src->option, label);
            }
            s->cost = 1;
            if (cost_i >= 0) {
                s->cost =
                    OGR_F_IsFieldSetAndNotNull(f, cost_i) ? OGR_F_GetFieldAsDouble(f, cost_i) : NAN;
                if (!st && !(s->cost >= 0) && !isinf(s->cost)) {
                    vsource_feature_label(src, f, label, sizeof label);
                    st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                                  "%s: %s: cost field '%s' is %s; a cost must be a number >= 0",
                                  src->option, label, fields->cost,
                                  OGR_F_IsFieldSetAndNotNull(f, cost_i)
                                      ? OGR_F_GetFieldAsString(f, cost_i)
                                      : "empty");
                }
            }
            s->capacity = NAN;
            if (!st && cap_i >= 0 && OGR_F_IsFieldSetAndNotNull(f, cap_i)) {
                s->capacity = OGR_F_GetFieldAsDouble(f, cap_i);
                if (!(s->capacity >= 0)) {
                    vsource_feature_label(src, f, label, sizeof label);
                    st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                                  "%s: %s: capacity field '%s' is %g; a capacity must be a "
                                  "number >= 0",
                                  src->option, label, fields->capacity, s->capacity);
                }
            }
            if (!s->is_point)
                GEOSArea_r(ctx->geos, g, &s->area);
            if (!st && area_i >= 0 && OGR_F_IsFieldSetAndNotNull(f, area_i)) {
                s->area = OGR_F_GetFieldAsDouble(f, area_i);
                if (!(s->area >= 0) || isinf(s->area)) {
                    vsource_feature_label(src, f, label, sizeof label);
                    st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                                  "%s: %s: area field '%s' is %s; a land area must be a number "
                                  ">= 0 (m2)",
                                  src->option, label, fields->area,
                                  OGR_F_GetFieldAsString(f, area_i));
                }
            }
            s->geom = g;
            g = NULL;
            s->id = str_dup(id_i >= 0 ? OGR_F_GetFieldAsString(f, id_i) : fid);
            s->name = str_dup(name_i >= 0 ? OGR_F_GetFieldAsString(f, name_i) : "");
            out->n++;
            if (!st && (!s->id || !s->name))
                st = ctx_nomem(ctx);
        }
        if (g)
            GEOSGeom_destroy_r(ctx->geos, g);
        OGR_F_Destroy(f);
    }
    if (st)
        return st;
    if (out->skipped_tier && out->n == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "%s: no site of layer '%s' in '%s' has a tier named in --tiers (field "
                        "'%s'; first value seen: '%s')",
                        src->option, src->layer_name, src->path, tier_field, first_unknown);
    if (out->n == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: layer '%s' of '%s' has no geometry", src->option,
                        src->layer_name, src->path);
    if (out->skipped_tier)
        ctx_warn(ctx,
                 "%s: %zu site(s) of layer '%s' skipped: field '%s' names no tier of --tiers "
                 "(first: '%s')",
                 src->option, out->skipped_tier, src->layer_name, tier_field, first_unknown);
    if (fields->id) {
        /* ids name sites in outputs and OD tables: they must be unique */
        idmap seen = {0};
        for (size_t i = 0; i < out->n; i++) {
            int added;
            if (idmap_add(&seen, out->s[i].id, &added) == (size_t)-1) {
                idmap_free(&seen);
                return ctx_nomem(ctx);
            }
            if (!added) {
                ambit_status dup =
                    ctx_fail(ctx, AMBIT_ERR_INPUT,
                             "%s: id '%s' (field '%s') is used by two sites of "
                             "layer '%s' in '%s'",
                             src->option, out->s[i].id, fields->id, src->layer_name, src->path);
                idmap_free(&seen);
                return dup;
            }
        }
        idmap_free(&seen);
    }
    if (out->repaired)
        ctx_warn(ctx, "%s: %zu invalid polygon(s) repaired with GEOS MakeValid", src->option,
                 out->repaired);
    if (out->skipped_empty)
        ctx_warn(ctx, "%s: %zu feature(s) without geometry skipped", src->option,
                 out->skipped_empty);
    return AMBIT_OK;
}

void sites_free(ambit_ctx *ctx, site_set *ss)
{
    if (!ss)
        return;
    for (size_t i = 0; i < ss->n; i++) {
        GEOSGeom_destroy_r(ctx->geos, ss->s[i].geom);
        free(ss->s[i].id);
        free(ss->s[i].name);
    }
    free(ss->s);
    memset(ss, 0, sizeof *ss);
}
