/*
 * A maximum flow on a small explicit graph (Dinic: BFS levels, blocking flows by DFS),
 * rebuilt for each evaluation. Used where the network has more layers than flow.h's
 * incremental demand -> site flow (the floor model with capacities: source -> community
 * -> demand -> site -> sink).
 */
#ifndef AMBIT_MAXFLOW_H
#define AMBIT_MAXFLOW_H

#include <stddef.h>

typedef struct maxflow {
    size_t n_nodes, n_edges, cap_edges;
    size_t *head, *next, *to; /* adjacency lists; edge e and e ^ 1 are a pair */
    double *cap;              /* residual capacity */
    int *level;
    size_t *it, *queue;
} maxflow;

/* Room for `nodes` nodes; returns 0 on ENOMEM (mf is then safe to free). */
int maxflow_init(maxflow *mf, size_t nodes);
void maxflow_free(maxflow *mf);
/* Removes every edge. */
void maxflow_clear(maxflow *mf);
/* Adds u -> v with capacity c (and its residual twin); returns the edge index, or
 * (size_t)-1 on ENOMEM. */
size_t maxflow_edge(maxflow *mf, size_t u, size_t v, double c);
/* The maximum flow from s to t (edges keep their residual capacities). */
double maxflow_run(maxflow *mf, size_t s, size_t t);
/* Flow on edge e after maxflow_run. */
double maxflow_flow(const maxflow *mf, size_t e);

#endif
