#include "service_area.h"

#include <math.h>
#include <stdlib.h>

/* The part [from, to] (cost metres) of edge e as a two-point line string. */
static GEOSGeometry *piece_line(GEOSContextHandle_t h, const ambit_network *net, const net_piece *p)
{
    const double *s = net->seg + 4 * p->edge;
    double c = net->cost[p->edge], a = p->from / c, b = p->to / c;
    double xy[4] = {s[0] + a * (s[2] - s[0]), s[1] + a * (s[3] - s[1]), s[0] + b * (s[2] - s[0]),
                    s[1] + b * (s[3] - s[1])};
    GEOSCoordSequence *cs = GEOSCoordSeq_copyFromBuffer_r(h, xy, 2, 0, 0);
    return cs ? GEOSGeom_createLineString_r(h, cs) : NULL;
}

static int piece_cmp(const void *pa, const void *pb)
{
    const net_piece *a = pa, *b = pb;
    if (a->edge != b->edge)
        return a->edge < b->edge ? -1 : 1;
    return (a->from > b->from) - (a->from < b->from);
}

/* Sorts pieces by edge and merges overlapping parts of one edge; returns the new count. */
static size_t merge_pieces(net_piece *p, size_t n)
{
    if (n == 0)
        return 0;
    qsort(p, n, sizeof *p, piece_cmp);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (p[i].edge == p[k].edge && p[i].from <= p[k].to)
            p[k].to = fmax(p[k].to, p[i].to);
        else
            p[++k] = p[i];
    }
    return k + 1;
}

static ambit_status network_area(ambit_ctx *ctx, network_input *ni, const GEOSGeometry *g, double x,
                                 double y, double radius, double buffer, GEOSGeometry **out)
{
    GEOSContextHandle_t h = ctx->geos;
    net_sites site;
    const GEOSGeometry *geoms[1] = {g};
    ambit_status st = network_input_sites(ctx, ni, geoms, &x, &y, NULL, 1, &site);
    net_piece *pieces = NULL;
    size_t n = 0;
    if (!st)
        st = network_reach(ctx, ni->net, site.entry, site.start[1], radius, &pieces, &n);
    net_sites_free(&site);
    if (st)
        return st;
    n = merge_pieces(pieces, n);
    GEOSGeometry **lines = malloc((n ? n : 1) * sizeof *lines);
    size_t k = 0;
    for (size_t i = 0; lines && i < n; i++) {
        if (!(pieces[i].to > pieces[i].from))
            continue;
        if (!(lines[k] = piece_line(h, ni->net, &pieces[i])))
            break;
        k++;
    }
    free(pieces);
    if (!lines)
        return ctx_nomem(ctx);
    if (k == 0) {
        free(lines);
        *out = GEOSGeom_createEmptyPolygon_r(h);
        return *out ? AMBIT_OK : ctx_nomem(ctx);
    }
    /* each part buffered alone, then dissolved: GEOS's cascaded union is far faster than
     * buffering the whole multi-line at once (whose offset curves all cross) */
    size_t b = 0;
    for (size_t i = 0; i < k; i++) {
        GEOSGeometry *poly = GEOSBuffer_r(h, lines[i], buffer, 4);
        GEOSGeom_destroy_r(h, lines[i]);
        if (poly)
            lines[b++] = poly;
    }
    GEOSGeometry *coll =
        b == k ? GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, lines, (unsigned)b) : NULL;
    if (!coll)
        for (size_t i = 0; i < b; i++)
            GEOSGeom_destroy_r(h, lines[i]);
    free(lines);
    *out = coll ? GEOSUnaryUnion_r(h, coll) : NULL;
    if (coll)
        GEOSGeom_destroy_r(h, coll);
    if (!*out)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS could not buffer a service area: %s",
                        ctx_geos_error(ctx));
    return AMBIT_OK;
}

ambit_status service_area(ambit_ctx *ctx, network_input *ni, const GEOSGeometry *g, double x,
                          double y, double radius, double buffer, GEOSGeometry **out)
{
    *out = NULL;
    if (ni && ni->net)
        return network_area(ctx, ni, g, x, y, radius, buffer, out);
    GEOSContextHandle_t h = ctx->geos;
    GEOSGeometry *pt = g ? NULL : GEOSGeom_createPointFromXY_r(h, x, y);
    const GEOSGeometry *src = g ? g : pt;
    *out = src ? GEOSBuffer_r(h, src, radius, 16) : NULL;
    if (pt)
        GEOSGeom_destroy_r(h, pt);
    if (!*out)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS could not buffer a service area: %s",
                        ctx_geos_error(ctx));
    return AMBIT_OK;
}
