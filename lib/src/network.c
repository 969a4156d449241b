#include "network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------- vertices -> nodes (hash) */

typedef struct vhash {
    size_t mask;
    uint32_t *slot; /* node + 1, 0 = empty */
} vhash;

static size_t vhash_of(double x, double y)
{
    uint64_t a, b;
    x += 0.0; /* -0.0 and 0.0 are one point */
    y += 0.0;
    memcpy(&a, &x, sizeof a);
    memcpy(&b, &y, sizeof b);
    uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL;
    return (size_t)(h ^ (h >> 29));
}

/* The node at (x, y), appended to nx/ny when new. */
static uint32_t vhash_node(vhash *h, double *nx, double *ny, size_t *n, double x, double y)
{
    for (size_t k = vhash_of(x, y) & h->mask;; k = (k + 1) & h->mask) {
        uint32_t v = h->slot[k];
        if (!v) {
            nx[*n] = x;
            ny[*n] = y;
            h->slot[k] = (uint32_t)(++*n);
            return (uint32_t)(*n - 1);
        }
        if (nx[v - 1] == x && ny[v - 1] == y)
            return v - 1;
    }
}

int net_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* ------------------------------------------------------------ union-find */

static uint32_t uf_find(uint32_t *parent, uint32_t a)
{
    while (parent[a] != a) {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    return a;
}

static void uf_join(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b) /* the lower index stays the root: its position is the joined node's */
        parent[a > b ? a : b] = a < b ? a : b;
}

/*
 * Joins every line end to each vertex within snap metres, through a grid of
 * snap-sized cells (each end looks at its 3 x 3 cells).
 */
static int snap_ends(const double *nx, const double *ny, size_t n, const unsigned char *is_end,
                     double snap, uint32_t *parent, size_t *joined)
{
    double xmin = INFINITY, ymin = INFINITY, xmax = -INFINITY, ymax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        xmin = fmin(xmin, nx[i]);
        xmax = fmax(xmax, nx[i]);
        ymin = fmin(ymin, ny[i]);
        ymax = fmax(ymax, ny[i]);
    }
    double cell = snap;
    long gx = (long)((xmax - xmin) / cell) + 1, gy = (long)((ymax - ymin) / cell) + 1;
    while ((double)gx * (double)gy > 4.0 * (double)n + 16) {
        cell *= 2;
        gx = (long)((xmax - xmin) / cell) + 1;
        gy = (long)((ymax - ymin) / cell) + 1;
    }
    size_t ncell = (size_t)gx * (size_t)gy;
    size_t *start = calloc(ncell + 1, sizeof *start);
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
    long *cx = malloc((n ? n : 1) * sizeof *cx), *cy = malloc((n ? n : 1) * sizeof *cy);
    if (!start || !idx || !cx || !cy) {
        free(start);
        free(idx);
        free(cx);
        free(cy);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        cx[i] = (long)((nx[i] - xmin) / cell);
        cy[i] = (long)((ny[i] - ymin) / cell);
        start[(size_t)cy[i] * (size_t)gx + (size_t)cx[i] + 1]++;
    }
    for (size_t c = 0; c < ncell; c++)
        start[c + 1] += start[c];
    size_t *fill = malloc((ncell ? ncell : 1) * sizeof *fill);
    if (!fill) {
        free(start);
        free(idx);
        free(cx);
        free(cy);
        return 0;
    }
    memcpy(fill, start, ncell * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        idx[fill[(size_t)cy[i] * (size_t)gx + (size_t)cx[i]]++] = (uint32_t)i;
    free(fill);
    for (size_t i = 0; i < n; i++) {
        if (!is_end[i])
            continue;
        for (long y = cy[i] - 1; y <= cy[i] + 1; y++)
            for (long x = cx[i] - 1; x <= cx[i] + 1; x++) {
                if (x < 0 || y < 0 || x >= gx || y >= gy)
                    continue;
                size_t c = (size_t)y * (size_t)gx + (size_t)x;
                for (size_t k = start[c]; k < start[c + 1]; k++) {
                    uint32_t j = idx[k];
                    if (j != i && hypot(nx[j] - nx[i], ny[j] - ny[i]) <= snap &&
                        uf_find(parent, (uint32_t)i) != uf_find(parent, j)) {
                        uf_join(parent, (uint32_t)i, j);
                        (*joined)++;
                    }
                }
            }
    }
    free(start);
    free(idx);
    free(cx);
    free(cy);
    return 1;
}

/* ------------------------------------------------------------- building */

void ambit_network_free(ambit_network *net)
{
    if (!net)
        return;
    free(net->nx);
    free(net->ny);
    free(net->eu);
    free(net->ev);
    free(net->cost);
    free(net->seg);
    free(net->adj_start);
    free(net->adj);
    free(net->comp);
    free(net->comp_length);
    free(net);
}

static ambit_status check_lines(ambit_ctx *ctx, const double *x, const double *y,
                                const size_t *start, size_t n_lines, const double *line_cost)
{
    if (start[n_lines] - start[0] >= UINT32_MAX)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "more than %u network vertices", UINT32_MAX - 1);
    for (size_t i = 0; i < n_lines; i++) {
        if (start[i + 1] < start[i])
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "line %zu: vertex offsets go backwards", i);
        double len = 0;
        for (size_t k = start[i]; k < start[i + 1]; k++) {
            if (!isfinite(x[k]) || !isfinite(y[k]))
                return ctx_fail(ctx, AMBIT_ERR_INPUT, "line %zu: vertex %zu is not finite", i,
                                k - start[i]);
            if (k > start[i])
                len += hypot(x[k] - x[k - 1], y[k] - y[k - 1]);
        }
        if (!(len > 0))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "line %zu has zero length (%zu vertices)", i,
                            start[i + 1] - start[i]);
        if (line_cost && !(line_cost[i] > 0 && isfinite(line_cost[i])))
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "line %zu: cost %g is not a positive number of metres", i,
                            line_cost[i]);
    }
    return AMBIT_OK;
}

/* Adjacency (CSR), components (union-find over edges) and their lengths. */
static int finish_graph(ambit_network *net)
{
    size_t nn = net->n_nodes, ne = net->n_edges;
    net->adj_start = calloc(nn + 1, sizeof *net->adj_start);
    net->adj = malloc((2 * ne + 1) * sizeof *net->adj);
    net->comp = malloc((nn + 1) * sizeof *net->comp);
    size_t *fill = malloc((nn + 1) * sizeof *fill);
    uint32_t *parent = malloc((nn + 1) * sizeof *parent);
    if (!net->adj_start || !net->adj || !net->comp || !fill || !parent) {
        free(fill);
        free(parent);
        return 0;
    }
    for (size_t e = 0; e < ne; e++) {
        net->adj_start[net->eu[e] + 1]++;
        net->adj_start[net->ev[e] + 1]++;
    }
    for (size_t n = 0; n < nn; n++)
        net->adj_start[n + 1] += net->adj_start[n];
    memcpy(fill, net->adj_start, nn * sizeof *fill);
    for (size_t n = 0; n < nn; n++)
        parent[n] = (uint32_t)n;
    for (size_t e = 0; e < ne; e++) {
        net->adj[fill[net->eu[e]]++] = (uint32_t)e;
        net->adj[fill[net->ev[e]]++] = (uint32_t)e;
        uf_join(parent, net->eu[e], net->ev[e]);
    }
    free(fill);
    /* number the components in order of their lowest node */
    size_t nc = 0;
    for (size_t n = 0; n < nn; n++) {
        uint32_t r = uf_find(parent, (uint32_t)n);
        net->comp[n] = r == n ? (uint32_t)nc++ : net->comp[r];
    }
    free(parent);
    net->n_comp = nc;
    net->comp_length = calloc(nc ? nc : 1, sizeof *net->comp_length);
    if (!net->comp_length)
        return 0;
    net->length = 0;
    for (size_t e = 0; e < ne; e++) {
        double len =
            hypot(net->seg[4 * e + 2] - net->seg[4 * e], net->seg[4 * e + 3] - net->seg[4 * e + 1]);
        net->comp_length[net->comp[net->eu[e]]] += len;
        net->length += len;
    }
    net->largest = 0;
    for (size_t c = 1; c < nc; c++)
        if (net->comp_length[c] > net->comp_length[net->largest])
            net->largest = (uint32_t)c;
    return 1;
}

ambit_status ambit_network_new(ambit_ctx *ctx, const double *x, const double *y,
                               const size_t *line_start, size_t n_lines, const double *line_cost,
                               double snap, ambit_network **out)
{
    *out = NULL;
    if (!(snap >= 0) || !isfinite(snap))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "snap tolerance must be >= 0 metres, not %g", snap);
    if (n_lines == 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "the network has no lines");
    ambit_status st = check_lines(ctx, x, y, line_start, n_lines, line_cost);
    if (st)
        return st;
    size_t nv = line_start[n_lines] - line_start[0];
    ambit_network *net = calloc(1, sizeof *net);
    vhash h = {0, NULL};
    size_t slots = 16;
    while (slots < 2 * nv)
        slots *= 2;
    h.mask = slots - 1;
    h.slot = calloc(slots, sizeof *h.slot);
    uint32_t *vnode = malloc(nv * sizeof *vnode); /* node of each vertex */
    unsigned char *is_end = NULL;
    uint32_t *parent = NULL, *renum = NULL;
    if (!net || !h.slot || !vnode)
        goto nomem;
    net->nx = malloc(nv * sizeof *net->nx);
    net->ny = malloc(nv * sizeof *net->ny);
    is_end = calloc(nv, 1);
    if (!net->nx || !net->ny || !is_end)
        goto nomem;
    size_t nn = 0;
    for (size_t i = 0; i < n_lines; i++)
        for (size_t k = line_start[i]; k < line_start[i + 1]; k++) {
            uint32_t v = vhash_node(&h, net->nx, net->ny, &nn, x[k], y[k]);
            vnode[k - line_start[0]] = v;
            if (k == line_start[i] || k + 1 == line_start[i + 1])
                is_end[v] = 1;
        }
    free(h.slot);
    h.slot = NULL;

    parent = malloc(nn * sizeof *parent);
    renum = malloc(nn * sizeof *renum);
    if (!parent || !renum)
        goto nomem;
    for (size_t n = 0; n < nn; n++)
        parent[n] = (uint32_t)n;
    if (snap > 0 && !snap_ends(net->nx, net->ny, nn, is_end, snap, parent, &net->snapped))
        goto nomem;
    /* keep the roots, renumbered in order */
    size_t kept = 0;
    for (size_t n = 0; n < nn; n++)
        if (uf_find(parent, (uint32_t)n) == n) {
            renum[n] = (uint32_t)kept;
            net->nx[kept] = net->nx[n];
            net->ny[kept] = net->ny[n];
            kept++;
        }
    for (size_t n = 0; n < nn; n++)
        renum[n] = renum[uf_find(parent, (uint32_t)n)];
    net->n_nodes = kept;

    size_t cap = nv;
    net->eu = malloc(cap * sizeof *net->eu);
    net->ev = malloc(cap * sizeof *net->ev);
    net->cost = malloc(cap * sizeof *net->cost);
    net->seg = malloc(4 * cap * sizeof *net->seg);
    if (!net->eu || !net->ev || !net->cost || !net->seg)
        goto nomem;
    size_t ne = 0;
    for (size_t i = 0; i < n_lines; i++) {
        size_t a = line_start[i], b = line_start[i + 1];
        double len = 0;
        for (size_t k = a + 1; k < b; k++)
            len += hypot(x[k] - x[k - 1], y[k] - y[k - 1]);
        double scale = line_cost ? line_cost[i] / len : 1.0;
        for (size_t k = a + 1; k < b; k++) {
            uint32_t u = renum[vnode[k - 1 - line_start[0]]], v = renum[vnode[k - line_start[0]]];
            double l = hypot(x[k] - x[k - 1], y[k] - y[k - 1]);
            if (l == 0)
                continue; /* a repeated vertex */
            if (u == v) {
                net->collapsed++;
                continue;
            }
            net->eu[ne] = u;
            net->ev[ne] = v;
            net->cost[ne] = l * scale;
            double *s = net->seg + 4 * ne;
            s[0] = x[k - 1];
            s[1] = y[k - 1];
            s[2] = x[k];
            s[3] = y[k];
            ne++;
        }
    }
    net->n_edges = ne;
    free(vnode);
    free(is_end);
    free(parent);
    free(renum);
    vnode = NULL;
    is_end = NULL;
    parent = renum = NULL;
    if (ne == 0) {
        ambit_network_free(net);
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "the network has no edge left after snapping");
    }
    if (!finish_graph(net))
        goto nomem;
    *out = net;
    return AMBIT_OK;
nomem:
    free(h.slot);
    free(vnode);
    free(is_end);
    free(parent);
    free(renum);
    ambit_network_free(net);
    return ctx_nomem(ctx);
}

void ambit_network_get_info(const ambit_network *net, ambit_network_info *info)
{
    memset(info, 0, sizeof *info);
    info->nodes = net->n_nodes;
    info->edges = net->n_edges;
    info->components = net->n_comp;
    info->length_m = net->length;
    info->largest_length_m = net->n_comp ? net->comp_length[net->largest] : 0;
    info->snapped_vertices = net->snapped;
    info->collapsed_edges = net->collapsed;
}
