/*
 * Bounded shortest paths over the walking network: one Dijkstra search per site
 * (binary heap, stopped at the radius), run in parallel over sites, filling the
 * same sparse cover the straight-line engine fills; and the edge parts a site
 * reaches (for service-area polygons).
 */
#ifndef AMBIT_NETWORK_SEARCH_H
#define AMBIT_NETWORK_SEARCH_H

#include "network_access.h"

/* Demand points joined to the network, listed edge by edge. */
typedef struct net_demand {
    const net_point *at; /* borrowed: where each demand point joins */
    size_t n;
    size_t *start; /* n_edges + 1 offsets into idx */
    uint32_t *idx;
} net_demand;

ambit_status net_demand_build(ambit_ctx *ctx, const ambit_network *net, const net_point *at,
                              size_t n, net_demand *out);
void net_demand_free(net_demand *d);

/* Where each site joins: entries [start[s], start[s + 1]) (none: the site is off the network). */
typedef struct net_sites {
    size_t n;
    size_t *start;
    net_point *entry;
} net_sites;

void net_sites_free(net_sites *s);

/* For every site, the demand points within `radius` metres along the network. */
ambit_status network_cover(ambit_ctx *ctx, const ambit_network *net, const net_demand *dem,
                           const net_sites *sites, double radius, ambit_cover **out);

/* A part of an edge, in cost metres from its first node. */
typedef struct net_piece {
    uint32_t edge;
    double from, to;
} net_piece;

/* The edge parts within `radius` of entries[0..n) (caller frees *pieces). */
ambit_status network_reach(ambit_ctx *ctx, const ambit_network *net, const net_point *entries,
                           size_t n, double radius, net_piece **pieces, size_t *n_pieces);

#endif
