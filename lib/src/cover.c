#include "cover.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ grid */

typedef struct grid {
    double x0, y0, cell;
    long nx, ny;
    size_t *start; /* nx * ny + 1 */
    uint32_t *idx; /* point indices, cell by cell, increasing within a cell */
    double *xy;    /* coordinates in the same order (x, y pairs): queries read memory in order */
} grid;

static void grid_free(grid *g)
{
    free(g->start);
    free(g->idx);
    free(g->xy);
}

static long clampl(long v, long lo, long hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

static long cell_of(double v, double origin, double cell, long n)
{
    return clampl((long)floor((v - origin) / cell), 0, n - 1);
}

static int grid_build(grid *g, const double *x, const double *y, size_t n, double radius)
{
    memset(g, 0, sizeof *g);
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
        ymin = fmin(ymin, y[i]);
        ymax = fmax(ymax, y[i]);
    }
    if (n == 0)
        xmin = ymin = xmax = ymax = 0;
    /* Cells of one radius: a query reads at most 3 x 3 cells. Cap the cell count. */
    double cell = radius;
    double w = fmax(xmax - xmin, 1e-9), h = fmax(ymax - ymin, 1e-9);
    double max_cells = fmax(4.0 * (double)n, 1024.0);
    while ((w / cell + 1) * (h / cell + 1) > max_cells)
        cell *= 2;
    g->x0 = xmin;
    g->y0 = ymin;
    g->cell = cell;
    g->nx = (long)(w / cell) + 1;
    g->ny = (long)(h / cell) + 1;
    size_t nc = (size_t)g->nx * (size_t)g->ny;
    g->start = calloc(nc + 1, sizeof *g->start);
    g->idx = malloc((n ? n : 1) * sizeof *g->idx);
    g->xy = malloc((n ? n : 1) * 2 * sizeof *g->xy);
    uint32_t *key = malloc((n ? n : 1) * sizeof *key);
    if (!g->start || !g->idx || !g->xy || !key) {
        free(key);
        grid_free(g);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        long cx = cell_of(x[i], g->x0, cell, g->nx), cy = cell_of(y[i], g->y0, cell, g->ny);
        key[i] = (uint32_t)(cy * g->nx + cx);
        g->start[key[i] + 1]++;
    }
    for (size_t c = 0; c < nc; c++)
        g->start[c + 1] += g->start[c];
    size_t *fill = malloc((nc + 1) * sizeof *fill);
    if (!fill) {
        free(key);
        grid_free(g);
        return 0;
    }
    memcpy(fill, g->start, (nc + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        size_t j = fill[key[i]]++;
        g->idx[j] = (uint32_t)i;
        g->xy[2 * j] = x[i];
        g->xy[2 * j + 1] = y[i];
    }
    free(fill);
    free(key);
    return 1;
}

/* Visits the points within radius of (px, py); writes them when out != NULL. Returns the count. */
static size_t grid_query(const grid *g, double px, double py, double r, uint32_t *out_idx,
                         double *out_dist)
{
    long cx0 = cell_of(px - r, g->x0, g->cell, g->nx), cx1 = cell_of(px + r, g->x0, g->cell, g->nx);
    long cy0 = cell_of(py - r, g->y0, g->cell, g->ny), cy1 = cell_of(py + r, g->y0, g->cell, g->ny);
    double r2 = r * r;
    size_t k = 0;
    for (long cy = cy0; cy <= cy1; cy++) {
        for (long cx = cx0; cx <= cx1; cx++) {
            size_t c = (size_t)(cy * g->nx + cx);
            for (size_t j = g->start[c]; j < g->start[c + 1]; j++) {
                double ddx = g->xy[2 * j] - px, ddy = g->xy[2 * j + 1] - py;
                double d2 = ddx * ddx + ddy * ddy;
                if (d2 <= r2) {
                    if (out_idx) {
                        out_idx[k] = g->idx[j];
                        out_dist[k] = sqrt(d2);
                    }
                    k++;
                }
            }
        }
    }
    return k;
}

/* -------------------------------------------------------- polygon sites */

typedef struct pairs {
    uint32_t *idx;
    double *dist;
    size_t n, cap;
} pairs;

static int pairs_push(pairs *p, uint32_t i, double d)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        uint32_t *ni = realloc(p->idx, cap * sizeof *ni);
        if (ni)
            p->idx = ni;
        double *nd = realloc(p->dist, cap * sizeof *nd);
        if (nd)
            p->dist = nd;
        if (!ni || !nd)
            return 0;
        p->cap = cap;
    }
    p->idx[p->n] = i;
    p->dist[p->n] = d;
    p->n++;
    return 1;
}

/* Demand within radius of a non-point geometry, measured by GEOS from its boundary. */
static ambit_status geom_query(ambit_ctx *ctx, const grid *g, const double *x, const double *y,
                               const GEOSGeometry *geom, double r, pairs *out)
{
    GEOSContextHandle_t h = ctx->geos;
    double xmin, ymin, xmax, ymax;
    if (!GEOSGeom_getXMin_r(h, geom, &xmin) || !GEOSGeom_getYMin_r(h, geom, &ymin) ||
        !GEOSGeom_getXMax_r(h, geom, &xmax) || !GEOSGeom_getYMax_r(h, geom, &ymax))
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: no extent: %s", ctx_geos_error(ctx));
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, geom);
    if (!prep)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS: cannot prepare: %s", ctx_geos_error(ctx));
    long cx0 = cell_of(xmin - r, g->x0, g->cell, g->nx),
         cx1 = cell_of(xmax + r, g->x0, g->cell, g->nx);
    long cy0 = cell_of(ymin - r, g->y0, g->cell, g->ny),
         cy1 = cell_of(ymax + r, g->y0, g->cell, g->ny);
    ambit_status st = AMBIT_OK;
    for (long cy = cy0; cy <= cy1 && !st; cy++) {
        for (long cx = cx0; cx <= cx1 && !st; cx++) {
            size_t c = (size_t)(cy * g->nx + cx);
            for (size_t j = g->start[c]; j < g->start[c + 1] && !st; j++) {
                uint32_t i = g->idx[j];
                /* bbox prefilter: outside the buffered bbox cannot be within reach */
                if (x[i] < xmin - r || x[i] > xmax + r || y[i] < ymin - r || y[i] > ymax + r)
                    continue;
                GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x[i], y[i]);
                double d = INFINITY;
                if (!pt || GEOSPreparedDistance_r(h, prep, pt, &d) != 1)
                    st = ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GEOS distance failed: %s",
                                  ctx_geos_error(ctx));
                else if (d <= r && !pairs_push(out, i, d))
                    st = ctx_nomem(ctx);
                if (pt)
                    GEOSGeom_destroy_r(h, pt);
            }
        }
    }
    GEOSPreparedGeom_destroy_r(h, prep);
    return st;
}

/* ------------------------------------------------------------ the cover */

ambit_cover *cover_alloc(size_t nd, size_t ns)
{
    ambit_cover *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->n_demand = nd;
    c->n_sites = ns;
    c->start = calloc(ns + 1, sizeof *c->start);
    if (!c->start) {
        free(c);
        return NULL;
    }
    return c;
}

ambit_status cover_euclid(ambit_ctx *ctx, const double *dx, const double *dy, size_t nd,
                          const GEOSGeometry *const *geoms, const double *sx, const double *sy,
                          size_t ns, double radius, ambit_cover **out)
{
    *out = NULL;
    if (!(radius > 0) || !isfinite(radius))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "radius must be a positive number of metres, not %g",
                        radius);
    if (nd > UINT32_MAX)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "more than %u demand points", UINT32_MAX);
    grid g;
    if (!grid_build(&g, dx, dy, nd, radius))
        return ctx_nomem(ctx);
    ambit_cover *c = cover_alloc(nd, ns);
    pairs *poly = geoms ? calloc(ns ? ns : 1, sizeof *poly) : NULL;
    if (!c || (geoms && !poly)) {
        grid_free(&g);
        free(poly);
        ambit_cover_free(c);
        return ctx_nomem(ctx);
    }
    ambit_status st = AMBIT_OK;
    /* Pass 1: count. Polygon sites keep their pairs (GEOS distances are costly). */
    for (size_t s = 0; s < ns && !st; s++) {
        if (geoms && geoms[s])
            st = geom_query(ctx, &g, dx, dy, geoms[s], radius, &poly[s]);
    }
    long nsl = (long)ns;
#pragma omp parallel for schedule(dynamic, 64)
    for (long s = 0; s < nsl; s++) {
        if (geoms && geoms[s])
            c->start[s + 1] = poly[s].n;
        else
            c->start[s + 1] = grid_query(&g, sx[s], sy[s], radius, NULL, NULL);
    }
    for (size_t s = 0; s < ns; s++)
        c->start[s + 1] += c->start[s];
    c->n_pairs = c->start[ns];
    if (!st) {
        c->demand = malloc((c->n_pairs ? c->n_pairs : 1) * sizeof *c->demand);
        c->dist = malloc((c->n_pairs ? c->n_pairs : 1) * sizeof *c->dist);
        if (!c->demand || !c->dist)
            st = ctx_nomem(ctx);
    }
    /* Pass 2: fill. */
    if (!st) {
#pragma omp parallel for schedule(dynamic, 64)
        for (long s = 0; s < nsl; s++) {
            size_t o = c->start[s];
            if (geoms && geoms[s]) {
                if (poly[s].n) {
                    memcpy(c->demand + o, poly[s].idx, poly[s].n * sizeof *c->demand);
                    memcpy(c->dist + o, poly[s].dist, poly[s].n * sizeof *c->dist);
                }
            } else {
                grid_query(&g, sx[s], sy[s], radius, c->demand + o, c->dist + o);
            }
        }
    }
    if (poly) {
        for (size_t s = 0; s < ns; s++) {
            free(poly[s].idx);
            free(poly[s].dist);
        }
        free(poly);
    }
    grid_free(&g);
    if (st) {
        ambit_cover_free(c);
        return st;
    }
    *out = c;
    return AMBIT_OK;
}

ambit_status ambit_cover_points(ambit_ctx *ctx, const double *demand_x, const double *demand_y,
                                size_t n_demand, const double *site_x, const double *site_y,
                                size_t n_sites, double radius, ambit_cover **out)
{
    return cover_euclid(ctx, demand_x, demand_y, n_demand, NULL, site_x, site_y, n_sites, radius,
                        out);
}

void ambit_cover_free(ambit_cover *cover)
{
    if (!cover)
        return;
    free(cover->start);
    free(cover->demand);
    free(cover->dist);
    free(cover);
}

size_t ambit_cover_demand_count(const ambit_cover *cover)
{
    return cover->n_demand;
}

size_t ambit_cover_site_count(const ambit_cover *cover)
{
    return cover->n_sites;
}

size_t ambit_cover_pair_count(const ambit_cover *cover)
{
    return cover->n_pairs;
}

size_t ambit_cover_site(const ambit_cover *cover, size_t site, const uint32_t **demand,
                        const double **dist)
{
    if (site >= cover->n_sites) {
        *demand = NULL;
        *dist = NULL;
        return 0;
    }
    size_t o = cover->start[site], n = cover->start[site + 1] - o;
    *demand = n ? cover->demand + o : NULL;
    *dist = n ? cover->dist + o : NULL;
    return n;
}

/* --------------------------------------------------------------- builder */

typedef struct triple {
    uint32_t site, demand;
    size_t seq;
    double dist;
} triple;

struct ambit_cover_builder {
    size_t n_demand, n_sites, n, cap;
    triple *t;
};

ambit_status ambit_cover_builder_new(ambit_ctx *ctx, size_t n_demand, size_t n_sites,
                                     ambit_cover_builder **out)
{
    if (n_demand > UINT32_MAX || n_sites > UINT32_MAX)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "more than %u demand points or sites", UINT32_MAX);
    ambit_cover_builder *b = calloc(1, sizeof *b);
    if (!b)
        return ctx_nomem(ctx);
    b->n_demand = n_demand;
    b->n_sites = n_sites;
    *out = b;
    return AMBIT_OK;
}

ambit_status ambit_cover_builder_add(ambit_ctx *ctx, ambit_cover_builder *b, size_t site,
                                     size_t demand, double dist)
{
    if (site >= b->n_sites || demand >= b->n_demand)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "pair (site %zu, demand %zu) out of range", site,
                        demand);
    if (!isfinite(dist) || dist < 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "pair (site %zu, demand %zu): distance %g", site,
                        demand, dist);
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        triple *t = realloc(b->t, cap * sizeof *t);
        if (!t)
            return ctx_nomem(ctx);
        b->t = t;
        b->cap = cap;
    }
    b->t[b->n] = (triple){(uint32_t)site, (uint32_t)demand, b->n, dist};
    b->n++;
    return AMBIT_OK;
}

static int triple_cmp(const void *pa, const void *pb)
{
    const triple *a = pa, *b = pb;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    if (a->demand != b->demand)
        return a->demand < b->demand ? -1 : 1;
    return a->seq < b->seq ? -1 : (a->seq > b->seq);
}

ambit_status ambit_cover_builder_finish(ambit_ctx *ctx, ambit_cover_builder **pb, ambit_cover **out)
{
    ambit_cover_builder *b = *pb;
    *pb = NULL;
    *out = NULL;
    if (b->n)
        qsort(b->t, b->n, sizeof *b->t, triple_cmp);
    /* keep the last of repeated pairs */
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (k > 0 && b->t[k - 1].site == b->t[i].site && b->t[k - 1].demand == b->t[i].demand)
            b->t[k - 1] = b->t[i];
        else
            b->t[k++] = b->t[i];
    }
    ambit_cover *c = cover_alloc(b->n_demand, b->n_sites);
    if (c) {
        c->demand = malloc((k ? k : 1) * sizeof *c->demand);
        c->dist = malloc((k ? k : 1) * sizeof *c->dist);
    }
    if (!c || !c->demand || !c->dist) {
        ambit_cover_free(c);
        ambit_cover_builder_free(b);
        return ctx_nomem(ctx);
    }
    for (size_t i = 0; i < k; i++) {
        c->start[b->t[i].site + 1]++;
        c->demand[i] = b->t[i].demand;
        c->dist[i] = b->t[i].dist;
    }
    for (size_t s = 0; s < b->n_sites; s++)
        c->start[s + 1] += c->start[s];
    c->n_pairs = k;
    ambit_cover_builder_free(b);
    *out = c;
    return AMBIT_OK;
}

void ambit_cover_builder_free(ambit_cover_builder *b)
{
    if (!b)
        return;
    free(b->t);
    free(b);
}
