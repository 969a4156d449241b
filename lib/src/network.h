/*
 * The walking network: a graph of straight segments (one edge per pair of
 * consecutive vertices of a line; vertices with the same coordinates are one node,
 * so lines join where they share a vertex, as OpenStreetMap ways do, and cross
 * without joining where they do not: bridges, tunnels), optionally with line ends
 * snapped to vertices closer than a tolerance; its connected components; how
 * points join it (network_access.c) and the bounded searches over it
 * (network_search.c).
 */
#ifndef AMBIT_NETWORK_H
#define AMBIT_NETWORK_H

#include "context.h"

#include <stdint.h>

#define NET_NONE UINT32_MAX

struct ambit_network {
    size_t n_nodes, n_edges;
    double *nx, *ny;   /* node coordinates */
    uint32_t *eu, *ev; /* end nodes of each edge */
    double *cost;      /* metres: the segment's length, or its share of the line's cost */
    double *seg;       /* the segment as drawn: x0, y0, x1, y1 (x0, y0 at eu) */
    size_t *adj_start; /* node -> incident edges (CSR) */
    uint32_t *adj;
    uint32_t *comp; /* connected component of each node */
    size_t n_comp;
    uint32_t largest;    /* the component with the greatest length */
    double *comp_length; /* length of each component, metres */
    double length;       /* total length, metres */
    size_t snapped;      /* vertices joined to another by the snap tolerance */
    size_t collapsed;    /* segments dropped because snapping joined their ends */
};

/* qsort comparator of uint32_t. */
int net_cmp_u32(const void *a, const void *b);

/* The node of edge e other than n. */
static inline uint32_t net_other(const ambit_network *net, uint32_t e, uint32_t n)
{
    return net->eu[e] == n ? net->ev[e] : net->eu[e];
}

/* Component of edge e. */
static inline uint32_t net_edge_comp(const ambit_network *net, uint32_t e)
{
    return net->comp[net->eu[e]];
}

#endif
