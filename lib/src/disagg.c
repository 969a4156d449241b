#include "disagg.h"

#include <math.h>
#include <stdlib.h>

typedef struct piece {
    double x, y, area;
} piece;

typedef struct pieces {
    piece *p;
    size_t n, cap;
} pieces;

static int pieces_push(pieces *ps, double x, double y, double area)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 64;
        piece *grown = realloc(ps->p, cap * sizeof *grown);
        if (!grown)
            return 0;
        ps->p = grown;
        ps->cap = cap;
    }
    ps->p[ps->n++] = (piece){x, y, area};
    return 1;
}

/* Cells of one grid row, clipped against the part of the polygon in that row. */
static ambit_status row_pieces(ambit_ctx *ctx, const GEOSGeometry *strip, double cell, double y0,
                               pieces *ps)
{
    GEOSContextHandle_t h = ctx->geos;
    double sx0, sx1;
    if (!GEOSGeom_getXMin_r(h, strip, &sx0) || !GEOSGeom_getXMax_r(h, strip, &sx1))
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: no extent: %s", ctx_geos_error(ctx));
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, strip);
    if (!prep)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: cannot prepare: %s", ctx_geos_error(ctx));
    ambit_status st = AMBIT_OK;
    long c0 = (long)floor(sx0 / cell), c1 = (long)floor(sx1 / cell);
    for (long c = c0; c <= c1 && !st; c++) {
        double x0 = (double)c * cell, x1 = x0 + cell;
        GEOSGeometry *box = GEOSGeom_createRectangle_r(h, x0, y0, x1, y0 + cell);
        if (!box) {
            st = ctx_nomem(ctx);
            break;
        }
        if (GEOSPreparedContainsProperly_r(h, prep, box) == 1) {
            if (!pieces_push(ps, x0 + 0.5 * cell, y0 + 0.5 * cell, cell * cell))
                st = ctx_nomem(ctx);
        } else if (GEOSPreparedIntersects_r(h, prep, box) == 1) {
            GEOSGeometry *part = GEOSClipByRect_r(h, strip, x0, y0, x1, y0 + cell);
            double area = 0, px, py;
            if (part && GEOSArea_r(h, part, &area) == 1 && area > 0 &&
                geom_inner_point(ctx, part, &px, &py)) {
                if (!pieces_push(ps, px, py, area))
                    st = ctx_nomem(ctx);
            }
            if (part)
                GEOSGeom_destroy_r(h, part);
        }
        GEOSGeom_destroy_r(h, box);
    }
    GEOSPreparedGeom_destroy_r(h, prep);
    return st;
}

ambit_status disagg_polygon(ambit_ctx *ctx, const GEOSGeometry *g, double pop, double cell,
                            int64_t origin, demand_set *d, size_t *added)
{
    GEOSContextHandle_t h = ctx->geos;
    *added = 0;
    double xmin, ymin, xmax, ymax;
    if (!GEOSGeom_getXMin_r(h, g, &xmin) || !GEOSGeom_getYMin_r(h, g, &ymin) ||
        !GEOSGeom_getXMax_r(h, g, &xmax) || !GEOSGeom_getYMax_r(h, g, &ymax))
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: no extent: %s", ctx_geos_error(ctx));
    pieces ps = {0};
    ambit_status st = AMBIT_OK;
    long r0 = (long)floor(ymin / cell), r1 = (long)floor(ymax / cell);
    for (long r = r0; r <= r1 && !st; r++) {
        double y0 = (double)r * cell;
        GEOSGeometry *strip = GEOSClipByRect_r(h, g, xmin - cell, y0, xmax + cell, y0 + cell);
        if (!strip) {
            st = ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: clip failed: %s", ctx_geos_error(ctx));
            break;
        }
        if (!GEOSisEmpty_r(h, strip))
            st = row_pieces(ctx, strip, cell, y0, &ps);
        GEOSGeom_destroy_r(h, strip);
    }
    if (!st && ps.n == 0) {
        /* Degenerate or sliver polygon: keep its population at one inner point. */
        double px, py;
        if (geom_inner_point(ctx, g, &px, &py) && !pieces_push(&ps, px, py, 1.0))
            st = ctx_nomem(ctx);
    }
    if (!st) {
        /* Normalise by the sum of the pieces, not the polygon's area: the total is kept. */
        double sum = 0;
        for (size_t i = 0; i < ps.n; i++)
            sum += ps.p[i].area;
        for (size_t i = 0; i < ps.n && !st; i++) {
            if (!demand_push(d, ps.p[i].x, ps.p[i].y, pop * (ps.p[i].area / sum), origin))
                st = ctx_nomem(ctx);
        }
        if (!st)
            *added = ps.n;
    }
    free(ps.p);
    return st;
}
