#include "maxflow.h"

#include <math.h>
#include <stdlib.h>

#define NONE ((size_t)-1)

int maxflow_init(maxflow *mf, size_t nodes)
{
    mf->n_nodes = nodes;
    mf->n_edges = mf->cap_edges = 0;
    mf->next = mf->to = NULL;
    mf->cap = NULL;
    mf->head = malloc((nodes ? nodes : 1) * sizeof *mf->head);
    mf->level = malloc((nodes ? nodes : 1) * sizeof *mf->level);
    mf->it = malloc((nodes ? nodes : 1) * sizeof *mf->it);
    mf->queue = malloc((nodes ? nodes : 1) * sizeof *mf->queue);
    if (!mf->head || !mf->level || !mf->it || !mf->queue)
        return 0;
    maxflow_clear(mf);
    return 1;
}

void maxflow_free(maxflow *mf)
{
    free(mf->head);
    free(mf->next);
    free(mf->to);
    free(mf->cap);
    free(mf->level);
    free(mf->it);
    free(mf->queue);
}

void maxflow_clear(maxflow *mf)
{
    for (size_t v = 0; v < mf->n_nodes; v++)
        mf->head[v] = NONE;
    mf->n_edges = 0;
}

static int grow(maxflow *mf)
{
    size_t cap = mf->cap_edges ? 2 * mf->cap_edges : 1024;
    size_t *next = realloc(mf->next, cap * sizeof *next);
    if (next)
        mf->next = next;
    size_t *to = realloc(mf->to, cap * sizeof *to);
    if (to)
        mf->to = to;
    double *c = realloc(mf->cap, cap * sizeof *c);
    if (c)
        mf->cap = c;
    if (!next || !to || !c)
        return 0;
    mf->cap_edges = cap;
    return 1;
}

size_t maxflow_edge(maxflow *mf, size_t u, size_t v, double c)
{
    if (mf->n_edges + 2 > mf->cap_edges && !grow(mf))
        return NONE;
    size_t e = mf->n_edges;
    mf->to[e] = v;
    mf->cap[e] = c;
    mf->next[e] = mf->head[u];
    mf->head[u] = e;
    mf->to[e + 1] = u;
    mf->cap[e + 1] = 0;
    mf->next[e + 1] = mf->head[v];
    mf->head[v] = e + 1;
    mf->n_edges += 2;
    return e;
}

static int bfs(maxflow *mf, size_t s, size_t t)
{
    for (size_t v = 0; v < mf->n_nodes; v++)
        mf->level[v] = -1;
    size_t qh = 0, qt = 0;
    mf->level[s] = 0;
    mf->queue[qt++] = s;
    while (qh < qt) {
        size_t u = mf->queue[qh++];
        for (size_t e = mf->head[u]; e != NONE; e = mf->next[e]) {
            if (mf->cap[e] > 1e-12 && mf->level[mf->to[e]] < 0) {
                mf->level[mf->to[e]] = mf->level[u] + 1;
                mf->queue[qt++] = mf->to[e];
            }
        }
    }
    return mf->level[t] >= 0;
}

/* Pushes up to `limit` from u towards t along the level graph (recursion depth: the
 * number of layers, 5 here). */
static double dfs(maxflow *mf, size_t u, size_t t, double limit)
{
    if (u == t)
        return limit;
    for (; mf->it[u] != NONE; mf->it[u] = mf->next[mf->it[u]]) {
        size_t e = mf->it[u], v = mf->to[e];
        if (mf->cap[e] <= 1e-12 || mf->level[v] != mf->level[u] + 1)
            continue;
        double pushed = dfs(mf, v, t, fmin(limit, mf->cap[e]));
        if (pushed > 0) {
            mf->cap[e] -= pushed;
            mf->cap[e ^ 1] += pushed;
            return pushed;
        }
    }
    return 0;
}

double maxflow_run(maxflow *mf, size_t s, size_t t)
{
    double total = 0;
    while (bfs(mf, s, t)) {
        for (size_t v = 0; v < mf->n_nodes; v++)
            mf->it[v] = mf->head[v];
        double f;
        while ((f = dfs(mf, s, t, INFINITY)) > 0)
            total += f;
    }
    return total;
}

double maxflow_flow(const maxflow *mf, size_t e)
{
    return mf->cap[e ^ 1];
}
