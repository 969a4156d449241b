/*
 * How points and shapes join the walking network: the nearest point of the nearest
 * edge (a GEOS STRtree over the edges), the walk to it counting as access distance;
 * a polygon site joins wherever an edge touches it, else at the nearest edge.
 */
#ifndef AMBIT_NETWORK_ACCESS_H
#define AMBIT_NETWORK_ACCESS_H

#include "network.h"

/* Where a point joins the network: edge (NET_NONE: farther than the access limit),
 * offset along the edge from its first node in cost metres, access distance. */
typedef struct net_point {
    uint32_t edge;
    double off, access;
} net_point;

/* Appends p to *pts (grown with realloc; *n entries, *cap allocated); 0 on ENOMEM. */
int net_points_push(net_point **pts, size_t *n, size_t *cap, net_point p);

typedef struct net_index net_index;

/* STRtree over the edges of net (borrowed until the index is freed). */
ambit_status net_index_new(ambit_ctx *ctx, const ambit_network *net, net_index **out);
void net_index_free(ambit_ctx *ctx, net_index *ix);

/* Joins points (x[i], y[i]) to the network; beyond max_access their edge is NET_NONE
 * (the access distance is still set). */
ambit_status net_attach_points(ambit_ctx *ctx, net_index *ix, const double *x, const double *y,
                               size_t n, double max_access, net_point *out);

/*
 * Where a geometry joins: a point as above; otherwise the first and last point of
 * its overlap with every edge that intersects it (access 0), or, when none does, the
 * nearest point of the nearest edge. Appends to *pts (grown with realloc, *n entries,
 * *cap allocated); nothing is appended beyond max_access.
 */
ambit_status net_attach_geom(ambit_ctx *ctx, net_index *ix, const GEOSGeometry *g,
                             double max_access, net_point **pts, size_t *n, size_t *cap);

#endif
