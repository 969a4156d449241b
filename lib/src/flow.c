#include "flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { U_RES, U_LOAD, U_PAIR, U_OPEN };

struct flow_undo {
    int kind;
    size_t index;
    double old;
};

#define EPS 1e-9

static int log_push(flow *f, int kind, size_t index, double old)
{
    if (!f->logging)
        return 1;
    if (f->n_log == f->cap_log) {
        size_t cap = f->cap_log ? 2 * f->cap_log : 1024;
        struct flow_undo *g = realloc(f->log, cap * sizeof *g);
        if (!g)
            return 0;
        f->log = g;
        f->cap_log = cap;
    }
    f->log[f->n_log++] = (struct flow_undo){kind, index, old};
    return 1;
}

static int set_res(flow *f, size_t i, double v)
{
    if (!log_push(f, U_RES, i, f->res[i]))
        return 0;
    f->res[i] = v;
    return 1;
}

static int set_load(flow *f, size_t j, double v)
{
    if (!log_push(f, U_LOAD, j, f->load[j]))
        return 0;
    f->load[j] = v;
    return 1;
}

static int set_pair(flow *f, size_t p, double v)
{
    if (!log_push(f, U_PAIR, p, f->a[p]))
        return 0;
    f->a[p] = v;
    return 1;
}

static double cap_of(const flow *f, size_t j)
{
    return f->I->cap ? f->I->cap[j] : INFINITY;
}

/* One BFS from every demand with population left; augments along one path. 1: found. */
static int augment_once(flow *f, int *ok)
{
    const reach *r = f->r;
    size_t n = f->I->n, m = f->I->m, head = 0, tail = 0;
    for (size_t v = 0; v < n + m; v++)
        f->from[v] = -1;
    for (size_t i = 0; i < n; i++) {
        if (f->res[i] > EPS) {
            f->from[i] = (int64_t)i; /* a root: its own predecessor */
            f->queue[tail++] = i;
        }
    }
    while (head < tail) {
        size_t v = f->queue[head++];
        if (v < n) { /* demand: to every open site in reach */
            for (size_t q = r->d_start[v]; q < r->d_start[v + 1]; q++) {
                size_t j = r->d_site[q];
                if (!f->open[j] || f->from[n + j] >= 0)
                    continue;
                f->from[n + j] = (int64_t)v;
                if (f->load[j] < cap_of(f, j) - EPS) {
                    /* a path: walk back, find the bottleneck, apply */
                    double push = cap_of(f, j) - f->load[j];
                    size_t s = n + j;
                    while (1) {
                        size_t site = s - n, dem = (size_t)f->from[s];
                        if ((size_t)f->from[dem] == dem) {
                            push = fmin(push, f->res[dem]);
                            break;
                        }
                        size_t prev_site = (size_t)f->from[dem]; /* node n + j' */
                        /* backward edge dem -> prev site carries flow a(dem, j') */
                        for (size_t k = r->d_start[dem]; k < r->d_start[dem + 1]; k++)
                            if (r->d_site[k] == prev_site - n)
                                push = fmin(push, f->a[f->d_pair[k]]);
                        (void)site;
                        s = prev_site;
                    }
                    s = n + j;
                    *ok = set_load(f, j, f->load[j] + push);
                    while (*ok) {
                        size_t site = s - n, dem = (size_t)f->from[s];
                        for (size_t k = r->d_start[dem]; k < r->d_start[dem + 1] && *ok; k++)
                            if (r->d_site[k] == site)
                                *ok = set_pair(f, f->d_pair[k], f->a[f->d_pair[k]] + push);
                        if ((size_t)f->from[dem] == dem) {
                            *ok = *ok && set_res(f, dem, f->res[dem] - push);
                            break;
                        }
                        size_t prev_site = (size_t)f->from[dem];
                        for (size_t k = r->d_start[dem]; k < r->d_start[dem + 1] && *ok; k++)
                            if (r->d_site[k] == prev_site - n)
                                *ok = set_pair(f, f->d_pair[k], f->a[f->d_pair[k]] - push);
                        s = prev_site;
                    }
                    f->assigned += push;
                    return 1;
                }
                f->queue[tail++] = n + j;
            }
        } else { /* full site: back to the demand it serves, to reroute it */
            size_t j = v - n;
            for (size_t p = r->s_start[j]; p < r->s_start[j + 1]; p++) {
                size_t i = r->s_dem[p];
                if (f->a[p] <= EPS || f->from[i] >= 0)
                    continue;
                f->from[i] = (int64_t)v;
                f->queue[tail++] = i;
            }
        }
    }
    return 0;
}

static int augment(flow *f)
{
    int ok = 1;
    while (ok && augment_once(f, &ok))
        ;
    return ok;
}

int flow_init(flow *f, const ambit_instance *I, const reach *r)
{
    memset(f, 0, sizeof *f);
    f->I = I;
    f->r = r;
    size_t n = I->n, m = I->m, np = r->s_start[m];
    f->open = calloc(m ? m : 1, 1);
    f->res = malloc((n ? n : 1) * sizeof *f->res);
    f->load = calloc(m ? m : 1, sizeof *f->load);
    f->a = calloc(np ? np : 1, sizeof *f->a);
    f->d_pair = malloc((np ? np : 1) * sizeof *f->d_pair);
    f->queue = malloc((n + m + 1) * sizeof *f->queue);
    f->from = malloc((n + m + 1) * sizeof *f->from);
    if (!f->open || !f->res || !f->load || !f->a || !f->d_pair || !f->queue || !f->from)
        return 0;
    /* demand-major entries point at the site-major pair of the same (i, j) (a search in
     * each demand's short list: capacitated instances are of planning size) */
    for (size_t j = 0; j < m; j++) {
        for (size_t p = r->s_start[j]; p < r->s_start[j + 1]; p++) {
            size_t i = r->s_dem[p];
            for (size_t k = r->d_start[i]; k < r->d_start[i + 1]; k++) {
                if (r->d_site[k] == j) {
                    f->d_pair[k] = p;
                    break;
                }
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        f->res[i] = I->w[i];
    for (size_t j = 0; j < m; j++)
        if (I->fixed[j])
            f->open[j] = 1;
    return augment(f);
}

void flow_free(flow *f)
{
    free(f->open);
    free(f->res);
    free(f->load);
    free(f->a);
    free(f->d_pair);
    free(f->queue);
    free(f->from);
    free(f->log);
    memset(f, 0, sizeof *f);
}

static int set_open(flow *f, size_t j, int v)
{
    if (!log_push(f, U_OPEN, j, f->open[j]))
        return 0;
    f->open[j] = (unsigned char)v;
    if (!f->I->fixed[j]) {
        f->n_open += v ? 1 : (size_t)-1;
        f->spent += v ? f->I->cost[j] : -f->I->cost[j];
    }
    return 1;
}

int flow_open(flow *f, size_t j)
{
    return set_open(f, j, 1) && augment(f);
}

int flow_close(flow *f, size_t j)
{
    const reach *r = f->r;
    if (!set_open(f, j, 0))
        return 0;
    for (size_t p = r->s_start[j]; p < r->s_start[j + 1]; p++) {
        if (f->a[p] <= 0)
            continue;
        size_t i = r->s_dem[p];
        f->assigned -= f->a[p];
        if (!set_res(f, i, f->res[i] + f->a[p]) || !set_pair(f, p, 0))
            return 0;
    }
    return set_load(f, j, 0) && augment(f);
}

void flow_mark(flow *f)
{
    f->n_log = 0;
    f->logging = 1;
}

void flow_undo(flow *f)
{
    while (f->n_log > 0) {
        struct flow_undo u = f->log[--f->n_log];
        switch (u.kind) {
        case U_RES:
            f->assigned -= u.old - f->res[u.index]; /* res up = assigned down */
            f->res[u.index] = u.old;
            break;
        case U_LOAD:
            f->load[u.index] = u.old;
            break;
        case U_PAIR:
            f->a[u.index] = u.old;
            break;
        case U_OPEN:
            if (!f->I->fixed[u.index] && f->open[u.index] != (unsigned char)u.old) {
                f->n_open += u.old ? 1 : (size_t)-1;
                f->spent += u.old ? f->I->cost[u.index] : -f->I->cost[u.index];
            }
            f->open[u.index] = (unsigned char)u.old;
            break;
        }
    }
    f->logging = 0;
}

void flow_keep(flow *f)
{
    f->n_log = 0;
    f->logging = 0;
}
