#include "network_access.h"

#include <math.h>
#include <stdlib.h>

struct net_index {
    const ambit_network *net;
    GEOSContextHandle_t h;
    GEOSSTRtree *tree;
    GEOSGeometry **geom; /* one line string per edge */
    uint32_t *ids;       /* the tree's items point into this array */
    const GEOSGeometry *query;
};

void net_index_free(ambit_ctx *ctx, net_index *ix)
{
    if (!ix)
        return;
    if (ix->tree)
        GEOSSTRtree_destroy_r(ctx->geos, ix->tree);
    if (ix->geom)
        for (size_t e = 0; e < ix->net->n_edges; e++)
            if (ix->geom[e])
                GEOSGeom_destroy_r(ctx->geos, ix->geom[e]);
    free(ix->geom);
    free(ix->ids);
    free(ix);
}

ambit_status net_index_new(ambit_ctx *ctx, const ambit_network *net, net_index **out)
{
    GEOSContextHandle_t h = ctx->geos;
    *out = NULL;
    net_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return ctx_nomem(ctx);
    ix->net = net;
    ix->h = h;
    ix->geom = calloc(net->n_edges, sizeof *ix->geom);
    ix->ids = malloc(net->n_edges * sizeof *ix->ids);
    ix->tree = GEOSSTRtree_create_r(h, 10);
    if (!ix->geom || !ix->ids || !ix->tree) {
        net_index_free(ctx, ix);
        return ctx_nomem(ctx);
    }
    for (size_t e = 0; e < net->n_edges; e++) {
        const double *s = net->seg + 4 * e;
        GEOSCoordSequence *cs = GEOSCoordSeq_copyFromBuffer_r(h, s, 2, 0, 0);
        ix->geom[e] = cs ? GEOSGeom_createLineString_r(h, cs) : NULL;
        if (!ix->geom[e]) {
            net_index_free(ctx, ix);
            return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS could not make network edge %zu: %s", e,
                            ctx_geos_error(ctx));
        }
        ix->ids[e] = (uint32_t)e;
        GEOSSTRtree_insert_r(h, ix->tree, ix->geom[e], &ix->ids[e]);
    }
    *out = ix;
    return AMBIT_OK;
}

/* Distance between the query geometry and a tree item (GEOS passes them in either order). */
static int item_distance(const void *a, const void *b, double *d, void *user)
{
    net_index *ix = user;
    const uint32_t *e = (a == (const void *)ix) ? b : a;
    return GEOSDistance_r(ix->h, ix->geom[*e], ix->query, d) == 1;
}

/* The nearest edge to g (NET_NONE for none) and its distance. */
static uint32_t nearest_edge(net_index *ix, const GEOSGeometry *g, double *dist)
{
    ix->query = g;
    const uint32_t *e = GEOSSTRtree_nearest_generic_r(ix->h, ix->tree, ix, g, item_distance, ix);
    if (!e)
        return NET_NONE;
    if (GEOSDistance_r(ix->h, ix->geom[*e], g, dist) != 1)
        return NET_NONE;
    return *e;
}

/* Offset (cost metres from the first node) of the point of edge e nearest to (x, y). */
static int edge_offset(net_index *ix, uint32_t e, const GEOSGeometry *pt, double *off)
{
    double along = GEOSProject_r(ix->h, ix->geom[e], pt);
    if (along < 0)
        return 0;
    const double *s = ix->net->seg + 4 * e;
    double len = hypot(s[2] - s[0], s[3] - s[1]);
    double f = len > 0 ? fmin(1.0, fmax(0.0, along / len)) : 0;
    *off = f * ix->net->cost[e];
    return 1;
}

ambit_status net_attach_points(ambit_ctx *ctx, net_index *ix, const double *x, const double *y,
                               size_t n, double max_access, net_point *out)
{
    GEOSContextHandle_t h = ix->h;
    for (size_t i = 0; i < n; i++) {
        out[i] = (net_point){NET_NONE, 0, INFINITY};
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x[i], y[i]);
        if (!pt)
            return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS could not make a point: %s",
                            ctx_geos_error(ctx));
        double d = INFINITY, off = 0;
        uint32_t e = nearest_edge(ix, pt, &d);
        if (e != NET_NONE && d <= max_access && edge_offset(ix, e, pt, &off))
            out[i] = (net_point){e, off, d};
        else
            out[i].access = d;
        GEOSGeom_destroy_r(h, pt);
    }
    return AMBIT_OK;
}

int net_points_push(net_point **pts, size_t *n, size_t *cap, net_point p)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 8;
        net_point *q = realloc(*pts, c * sizeof *q);
        if (!q)
            return 0;
        *pts = q;
        *cap = c;
    }
    (*pts)[(*n)++] = p;
    return 1;
}

typedef struct hits {
    uint32_t *e;
    size_t n, cap;
    int nomem;
} hits;

static void collect(void *item, void *user)
{
    hits *hs = user;
    if (hs->n == hs->cap) {
        size_t c = hs->cap ? 2 * hs->cap : 16;
        uint32_t *q = realloc(hs->e, c * sizeof *q);
        if (!q) {
            hs->nomem = 1;
            return;
        }
        hs->e = q;
        hs->cap = c;
    }
    hs->e[hs->n++] = *(const uint32_t *)item;
}

/* The first and last point (along edge e) of its overlap with g, as two entries. */
static int overlap_entries(net_index *ix, uint32_t e, const GEOSGeometry *g, net_point **pts,
                           size_t *n, size_t *cap)
{
    GEOSContextHandle_t h = ix->h;
    GEOSGeometry *inter = GEOSIntersection_r(h, ix->geom[e], g);
    GEOSGeometry *pts_g = inter ? GEOSGeom_extractUniquePoints_r(h, inter) : NULL;
    int ok = pts_g != NULL;
    double lo = INFINITY, hi = -INFINITY;
    int k = ok ? GEOSGetNumGeometries_r(h, pts_g) : 0;
    for (int i = 0; ok && i < k; i++) {
        double off;
        if (!edge_offset(ix, e, GEOSGetGeometryN_r(h, pts_g, i), &off)) {
            ok = 0;
            break;
        }
        lo = fmin(lo, off);
        hi = fmax(hi, off);
    }
    if (ok && k > 0) {
        ok = net_points_push(pts, n, cap, (net_point){e, lo, 0});
        if (ok && hi > lo)
            ok = net_points_push(pts, n, cap, (net_point){e, hi, 0});
    }
    if (pts_g)
        GEOSGeom_destroy_r(h, pts_g);
    if (inter)
        GEOSGeom_destroy_r(h, inter);
    return ok;
}

ambit_status net_attach_geom(ambit_ctx *ctx, net_index *ix, const GEOSGeometry *g,
                             double max_access, net_point **pts, size_t *n, size_t *cap)
{
    GEOSContextHandle_t h = ix->h;
    if (GEOSGeomTypeId_r(h, g) == GEOS_POINT) {
        double x, y;
        net_point p;
        if (!GEOSGeomGetX_r(h, g, &x) || !GEOSGeomGetY_r(h, g, &y))
            return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS could not read a point");
        ambit_status st = net_attach_points(ctx, ix, &x, &y, 1, max_access, &p);
        if (!st && p.edge != NET_NONE && !net_points_push(pts, n, cap, p))
            return ctx_nomem(ctx);
        return st;
    }
    hits hs = {NULL, 0, 0, 0};
    GEOSSTRtree_query_r(h, ix->tree, g, collect, &hs);
    if (hs.nomem) {
        free(hs.e);
        return ctx_nomem(ctx);
    }
    if (hs.n)
        qsort(hs.e, hs.n, sizeof *hs.e, net_cmp_u32); /* the tree's order is not ours to rely on */
    const GEOSPreparedGeometry *pg = hs.n ? GEOSPrepare_r(h, g) : NULL;
    size_t before = *n;
    int ok = !hs.n || pg;
    for (size_t i = 0; ok && i < hs.n; i++) {
        char in = GEOSPreparedIntersects_r(h, pg, ix->geom[hs.e[i]]);
        if (in == 2)
            ok = 0;
        else if (in == 1)
            ok = overlap_entries(ix, hs.e[i], g, pts, n, cap);
    }
    if (pg)
        GEOSPreparedGeom_destroy_r(h, pg);
    free(hs.e);
    if (!ok)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS failed joining a site to the network: %s",
                        ctx_geos_error(ctx));
    if (*n > before)
        return AMBIT_OK;
    /* no edge touches it: the nearest point of the nearest edge */
    double d = INFINITY;
    uint32_t e = nearest_edge(ix, g, &d);
    if (e == NET_NONE || d > max_access)
        return AMBIT_OK;
    GEOSCoordSequence *cs = GEOSNearestPoints_r(h, ix->geom[e], g);
    double x = 0, y = 0;
    ok = cs && GEOSCoordSeq_getXY_r(h, cs, 0, &x, &y);
    if (cs)
        GEOSCoordSeq_destroy_r(h, cs);
    GEOSGeometry *pt = ok ? GEOSGeom_createPointFromXY_r(h, x, y) : NULL;
    double off = 0;
    ok = pt && edge_offset(ix, e, pt, &off);
    if (pt)
        GEOSGeom_destroy_r(h, pt);
    if (!ok)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS failed joining a site to the network: %s",
                        ctx_geos_error(ctx));
    if (!net_points_push(pts, n, cap, (net_point){e, off, d}))
        return ctx_nomem(ctx);
    return AMBIT_OK;
}
