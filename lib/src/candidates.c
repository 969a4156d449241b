#include "candidates.h"

#include "strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ambit_status candidates_grid(ambit_ctx *ctx, const community_set *area,
                             const community_set *exclude, double spacing, site_set *out)
{
    memset(out, 0, sizeof *out);
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    for (size_t c = 0; c < area->n; c++) {
        double a, b, d, e;
        GEOSGeom_getXMin_r(ctx->geos, area->c[c].geom, &a);
        GEOSGeom_getYMin_r(ctx->geos, area->c[c].geom, &b);
        GEOSGeom_getXMax_r(ctx->geos, area->c[c].geom, &d);
        GEOSGeom_getYMax_r(ctx->geos, area->c[c].geom, &e);
        xmin = fmin(xmin, a);
        ymin = fmin(ymin, b);
        xmax = fmax(xmax, d);
        ymax = fmax(ymax, e);
    }
    long c0 = (long)floor(xmin / spacing), c1 = (long)floor(xmax / spacing);
    long r0 = (long)floor(ymin / spacing), r1 = (long)floor(ymax / spacing);
    double cells = (double)(c1 - c0 + 1) * (double)(r1 - r0 + 1);
    if (cells > CANDIDATES_MAX_GRID)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--candidate-grid %g m would place up to %.0f candidates over the study "
                        "area (at most %d): use a wider spacing",
                        spacing, cells, CANDIDATES_MAX_GRID);
    size_t cap = 1024;
    out->s = calloc(cap, sizeof *out->s);
    if (!out->s)
        return ctx_nomem(ctx);
    size_t excluded = 0;
    for (long r = r0; r <= r1; r++) {
        for (long c = c0; c <= c1; c++) {
            double x = ((double)c + 0.5) * spacing, y = ((double)r + 0.5) * spacing;
            int32_t in = communities_locate(ctx, area, x, y);
            if (in < 0)
                continue;
            if (exclude && communities_locate(ctx, exclude, x, y) >= 0) {
                excluded++;
                continue;
            }
            if (out->n == cap) {
                site *grown = realloc(out->s, 2 * cap * sizeof *grown);
                if (!grown)
                    return ctx_nomem(ctx);
                memset(grown + cap, 0, cap * sizeof *grown);
                out->s = grown;
                cap *= 2;
            }
            site *s = &out->s[out->n];
            char id[64];
            snprintf(id, sizeof id, "grid_%ld_%ld", c, r);
            s->geom = GEOSGeom_createPointFromXY_r(ctx->geos, x, y);
            s->x = x;
            s->y = y;
            s->is_point = 1;
            s->tier = -1;
            s->community = in;
            s->id = str_dup(id);
            s->name = str_dup("");
            s->cost = 1;
            s->capacity = NAN;
            out->n++;
            if (!s->geom || !s->id || !s->name)
                return ctx_nomem(ctx);
        }
    }
    if (out->n == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--candidate-grid %g m leaves no candidate inside the study area%s",
                        spacing, excluded ? " once the --exclude mask is taken out" : "");
    if (excluded)
        ctx_info(ctx, "--exclude removed %zu grid candidates", excluded);
    return AMBIT_OK;
}
