#include "network_search.h"

#include "cover.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

/* --------------------------------------------------------- demand by edge */

ambit_status net_demand_build(ambit_ctx *ctx, const ambit_network *net, const net_point *at,
                              size_t n, net_demand *out)
{
    memset(out, 0, sizeof *out);
    out->at = at;
    out->n = n;
    out->start = calloc(net->n_edges + 1, sizeof *out->start);
    out->idx = malloc((n ? n : 1) * sizeof *out->idx);
    size_t *fill = malloc((net->n_edges + 1) * sizeof *fill);
    if (!out->start || !out->idx || !fill) {
        free(fill);
        net_demand_free(out);
        return ctx_nomem(ctx);
    }
    for (size_t i = 0; i < n; i++)
        if (at[i].edge != NET_NONE)
            out->start[at[i].edge + 1]++;
    for (size_t e = 0; e < net->n_edges; e++)
        out->start[e + 1] += out->start[e];
    memcpy(fill, out->start, net->n_edges * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        if (at[i].edge != NET_NONE)
            out->idx[fill[at[i].edge]++] = (uint32_t)i;
    free(fill);
    return AMBIT_OK;
}

void net_demand_free(net_demand *d)
{
    free(d->start);
    free(d->idx);
    d->start = NULL;
    d->idx = NULL;
}

void net_sites_free(net_sites *s)
{
    free(s->start);
    free(s->entry);
    s->start = NULL;
    s->entry = NULL;
}

/* --------------------------------------------------------------- search */

/* Scratch of one thread: node distances, a binary min-heap, the settled nodes. */
typedef struct searcher {
    const ambit_network *net;
    double *dist; /* INFINITY when untouched */
    uint32_t *touched;
    size_t n_touched;
    double *hk;
    uint32_t *hn;
    size_t hsize, hcap;
    uint32_t *settled;
    size_t n_settled;
} searcher;

static void searcher_free(searcher *s)
{
    free(s->dist);
    free(s->touched);
    free(s->hk);
    free(s->hn);
    free(s->settled);
}

static int searcher_init(searcher *s, const ambit_network *net)
{
    memset(s, 0, sizeof *s);
    s->net = net;
    size_t nn = net->n_nodes;
    s->dist = malloc(nn * sizeof *s->dist);
    s->touched = malloc(nn * sizeof *s->touched);
    s->settled = malloc(nn * sizeof *s->settled);
    s->hcap = 1024;
    s->hk = malloc(s->hcap * sizeof *s->hk);
    s->hn = malloc(s->hcap * sizeof *s->hn);
    if (!s->dist || !s->touched || !s->settled || !s->hk || !s->hn) {
        searcher_free(s);
        return 0;
    }
    for (size_t i = 0; i < nn; i++)
        s->dist[i] = INFINITY;
    return 1;
}

static int heap_push_min(searcher *s, double k, uint32_t n)
{
    if (s->hsize == s->hcap) {
        size_t c = 2 * s->hcap;
        double *hk = realloc(s->hk, c * sizeof *hk);
        if (!hk)
            return 0;
        s->hk = hk;
        uint32_t *hn = realloc(s->hn, c * sizeof *hn);
        if (!hn)
            return 0;
        s->hn = hn;
        s->hcap = c;
    }
    size_t at = s->hsize++;
    while (at > 0) {
        size_t up = (at - 1) / 2;
        if (s->hk[up] <= k)
            break;
        s->hk[at] = s->hk[up];
        s->hn[at] = s->hn[up];
        at = up;
    }
    s->hk[at] = k;
    s->hn[at] = n;
    return 1;
}

static void heap_pop_min(searcher *s)
{
    double k = s->hk[--s->hsize];
    uint32_t n = s->hn[s->hsize];
    size_t at = 0;
    for (;;) {
        size_t c = 2 * at + 1;
        if (c >= s->hsize)
            break;
        if (c + 1 < s->hsize && s->hk[c + 1] < s->hk[c])
            c++;
        if (s->hk[c] >= k)
            break;
        s->hk[at] = s->hk[c];
        s->hn[at] = s->hn[c];
        at = c;
    }
    s->hk[at] = k;
    s->hn[at] = n;
}

static int relax(searcher *s, uint32_t n, double d, double radius)
{
    if (!(d <= radius) || d >= s->dist[n])
        return 1;
    if (s->dist[n] == INFINITY)
        s->touched[s->n_touched++] = n;
    s->dist[n] = d;
    return heap_push_min(s, d, n);
}

static void searcher_reset(searcher *s)
{
    for (size_t i = 0; i < s->n_touched; i++)
        s->dist[s->touched[i]] = INFINITY;
    s->n_touched = 0;
    s->n_settled = 0;
    s->hsize = 0;
}

/* Dijkstra from the entries, settling every node within radius (s->settled). */
static int search(searcher *s, const net_point *entries, size_t n, double radius)
{
    const ambit_network *net = s->net;
    searcher_reset(s);
    for (size_t i = 0; i < n; i++) {
        const net_point *p = &entries[i];
        if (p->edge == NET_NONE)
            continue;
        if (!relax(s, net->eu[p->edge], p->access + p->off, radius) ||
            !relax(s, net->ev[p->edge], p->access + net->cost[p->edge] - p->off, radius))
            return 0;
    }
    while (s->hsize) {
        double k = s->hk[0];
        uint32_t u = s->hn[0];
        heap_pop_min(s);
        if (k > s->dist[u])
            continue; /* stale */
        s->settled[s->n_settled++] = u;
        for (size_t a = net->adj_start[u]; a < net->adj_start[u + 1]; a++) {
            uint32_t e = net->adj[a];
            if (!relax(s, net_other(net, e, u), k + net->cost[e], radius))
                return 0;
        }
    }
    return 1;
}

/* ------------------------------------------------------------- coverage */

/* Per-thread results: pairs of every site this thread searched. */
typedef struct tbuf {
    uint32_t *d;
    double *dist;
    size_t n, cap;
    double *best; /* per demand, INFINITY when untouched */
    uint32_t *hit;
    size_t n_hit;
} tbuf;

static int tbuf_push(tbuf *b, uint32_t d, double dist)
{
    if (b->n == b->cap) {
        size_t c = b->cap ? 2 * b->cap : 4096;
        uint32_t *nd = realloc(b->d, c * sizeof *nd);
        if (!nd)
            return 0;
        b->d = nd;
        double *ndist = realloc(b->dist, c * sizeof *ndist);
        if (!ndist)
            return 0;
        b->dist = ndist;
        b->cap = c;
    }
    b->d[b->n] = d;
    b->dist[b->n] = dist;
    b->n++;
    return 1;
}

static void offer(tbuf *b, uint32_t d, double dist, double radius)
{
    if (!(dist <= radius) || dist >= b->best[d])
        return;
    if (b->best[d] == INFINITY)
        b->hit[b->n_hit++] = d;
    b->best[d] = dist;
}

/* The demand within radius of one site (after search()), appended to b sorted by index. */
static int collect_site(const searcher *s, const net_demand *dem, const net_point *entries,
                        size_t n_entries, double radius, tbuf *b)
{
    const ambit_network *net = s->net;
    for (size_t i = 0; i < n_entries; i++) {
        const net_point *p = &entries[i];
        if (p->edge == NET_NONE)
            continue;
        for (size_t k = dem->start[p->edge]; k < dem->start[p->edge + 1]; k++) {
            uint32_t d = dem->idx[k];
            const net_point *q = &dem->at[d];
            offer(b, d, p->access + fabs(p->off - q->off) + q->access, radius);
        }
    }
    for (size_t i = 0; i < s->n_settled; i++) {
        uint32_t u = s->settled[i];
        double du = s->dist[u];
        for (size_t a = net->adj_start[u]; a < net->adj_start[u + 1]; a++) {
            uint32_t e = net->adj[a];
            int from_first = net->eu[e] == u;
            for (size_t k = dem->start[e]; k < dem->start[e + 1]; k++) {
                uint32_t d = dem->idx[k];
                const net_point *q = &dem->at[d];
                double along = from_first ? q->off : net->cost[e] - q->off;
                offer(b, d, du + along + q->access, radius);
            }
        }
    }
    if (b->n_hit)
        qsort(b->hit, b->n_hit, sizeof *b->hit, net_cmp_u32);
    int ok = 1;
    for (size_t i = 0; i < b->n_hit; i++) {
        uint32_t d = b->hit[i];
        ok = ok && tbuf_push(b, d, b->best[d]);
        b->best[d] = INFINITY;
    }
    b->n_hit = 0;
    return ok;
}

ambit_status network_cover(ambit_ctx *ctx, const ambit_network *net, const net_demand *dem,
                           const net_sites *sites, double radius, ambit_cover **out)
{
    *out = NULL;
    if (!(radius > 0))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "radius must be a positive number of metres, not %g",
                        radius);
    size_t ns = sites->n;
    int nthreads = 1;
#ifdef _OPENMP
    nthreads = omp_get_max_threads();
#endif
    tbuf *bufs = calloc((size_t)nthreads, sizeof *bufs);
    size_t *site_off = malloc((ns + 1) * sizeof *site_off);
    size_t *site_cnt = malloc((ns + 1) * sizeof *site_cnt);
    int *site_thread = malloc((ns + 1) * sizeof *site_thread);
    if (!bufs || !site_off || !site_cnt || !site_thread) {
        free(bufs);
        free(site_off);
        free(site_cnt);
        free(site_thread);
        return ctx_nomem(ctx);
    }
    int failed = 0;
#pragma omp parallel num_threads(nthreads)
    {
        int t = 0;
#ifdef _OPENMP
        t = omp_get_thread_num();
#endif
        tbuf *b = &bufs[t];
        searcher s;
        int ok = searcher_init(&s, net);
        b->best = ok ? malloc((dem->n ? dem->n : 1) * sizeof *b->best) : NULL;
        b->hit = ok ? malloc((dem->n ? dem->n : 1) * sizeof *b->hit) : NULL;
        ok = ok && b->best && b->hit;
        for (size_t i = 0; ok && i < dem->n; i++)
            b->best[i] = INFINITY;
        if (!ok) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp barrier
#pragma omp for schedule(dynamic, 16)
        for (size_t k = 0; k < ns; k++) {
            int f;
#pragma omp atomic read
            f = failed;
            if (f)
                continue;
            const net_point *en = sites->entry + sites->start[k];
            size_t ne = sites->start[k + 1] - sites->start[k];
            size_t before = b->n;
            if (!search(&s, en, ne, radius) || !collect_site(&s, dem, en, ne, radius, b)) {
#pragma omp atomic write
                failed = 1;
                continue;
            }
            site_thread[k] = t;
            site_off[k] = before;
            site_cnt[k] = b->n - before;
        }
        if (ok)
            searcher_free(&s);
        free(b->best);
        free(b->hit);
    }
    ambit_cover *c = NULL;
    if (!failed) {
        size_t total = 0;
        for (size_t k = 0; k < ns; k++)
            total += site_cnt[k];
        c = cover_alloc(dem->n, ns);
        if (c) {
            c->demand = malloc((total ? total : 1) * sizeof *c->demand);
            c->dist = malloc((total ? total : 1) * sizeof *c->dist);
        }
        if (c && c->demand && c->dist) {
            size_t at = 0;
            for (size_t k = 0; k < ns; k++) {
                const tbuf *b = &bufs[site_thread[k]];
                if (site_cnt[k]) { /* an empty thread buffer is NULL */
                    memcpy(c->demand + at, b->d + site_off[k], site_cnt[k] * sizeof *c->demand);
                    memcpy(c->dist + at, b->dist + site_off[k], site_cnt[k] * sizeof *c->dist);
                }
                at += site_cnt[k];
                c->start[k + 1] = at;
            }
            c->n_pairs = total;
        } else {
            ambit_cover_free(c);
            c = NULL;
        }
    }
    for (int t = 0; t < nthreads; t++) {
        free(bufs[t].d);
        free(bufs[t].dist);
    }
    free(bufs);
    free(site_off);
    free(site_cnt);
    free(site_thread);
    if (!c)
        return ctx_nomem(ctx);
    *out = c;
    return AMBIT_OK;
}

/* ------------------------------------------------------ reached edge parts */

static int piece_push(net_piece **p, size_t *n, size_t *cap, net_piece x)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        net_piece *q = realloc(*p, c * sizeof *q);
        if (!q)
            return 0;
        *p = q;
        *cap = c;
    }
    (*p)[(*n)++] = x;
    return 1;
}

ambit_status network_reach(ambit_ctx *ctx, const ambit_network *net, const net_point *entries,
                           size_t n, double radius, net_piece **pieces, size_t *n_pieces)
{
    *pieces = NULL;
    *n_pieces = 0;
    searcher s;
    if (!searcher_init(&s, net))
        return ctx_nomem(ctx);
    size_t cap = 0;
    int ok = search(&s, entries, n, radius);
    for (size_t i = 0; ok && i < n; i++) {
        const net_point *p = &entries[i];
        double avail = radius - p->access;
        if (p->edge == NET_NONE || avail <= 0)
            continue;
        double len = net->cost[p->edge];
        ok = piece_push(pieces, n_pieces, &cap,
                        (net_piece){p->edge, fmax(0, p->off - avail), fmin(len, p->off + avail)});
    }
    for (size_t i = 0; ok && i < s.n_settled; i++) {
        uint32_t u = s.settled[i];
        double avail = radius - s.dist[u];
        for (size_t a = net->adj_start[u]; ok && a < net->adj_start[u + 1] && avail > 0; a++) {
            uint32_t e = net->adj[a];
            double len = net->cost[e];
            net_piece x = net->eu[e] == u ? (net_piece){e, 0, fmin(len, avail)}
                                          : (net_piece){e, fmax(0, len - avail), len};
            ok = piece_push(pieces, n_pieces, &cap, x);
        }
    }
    searcher_free(&s);
    if (!ok) {
        free(*pieces);
        *pieces = NULL;
        *n_pieces = 0;
        return ctx_nomem(ctx);
    }
    return AMBIT_OK;
}

/* ------------------------------------------------------------ public API */

ambit_status ambit_cover_network(ambit_ctx *ctx, const ambit_network *net, const double *demand_x,
                                 const double *demand_y, size_t n_demand, const double *site_x,
                                 const double *site_y, size_t n_sites, double radius,
                                 double max_access, ambit_cover **out)
{
    *out = NULL;
    if (!(radius > 0))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "radius must be a positive number of metres, not %g",
                        radius);
    if (!(max_access >= 0))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "the access limit must be >= 0 metres, not %g",
                        max_access);
    if (n_demand > UINT32_MAX)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "more than %u demand points", UINT32_MAX);
    net_index *ix = NULL;
    net_point *at = malloc((n_demand ? n_demand : 1) * sizeof *at);
    net_sites sites = {n_sites, calloc(n_sites + 1, sizeof(size_t)),
                       malloc((n_sites ? n_sites : 1) * sizeof(net_point))};
    net_demand dem = {0};
    if (!at || !sites.start || !sites.entry) {
        free(at);
        net_sites_free(&sites);
        return ctx_nomem(ctx);
    }
    ambit_status st = net_index_new(ctx, net, &ix);
    if (!st)
        st = net_attach_points(ctx, ix, demand_x, demand_y, n_demand, max_access, at);
    if (!st)
        st = net_attach_points(ctx, ix, site_x, site_y, n_sites, max_access, sites.entry);
    for (size_t k = 0; !st && k < n_sites; k++)
        sites.start[k + 1] = k + 1;
    if (!st)
        st = net_demand_build(ctx, net, at, n_demand, &dem);
    if (!st)
        st = network_cover(ctx, net, &dem, &sites, radius, out);
    net_demand_free(&dem);
    net_sites_free(&sites);
    net_index_free(ctx, ix);
    free(at);
    return st;
}
