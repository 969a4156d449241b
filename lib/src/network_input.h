/*
 * The walking network of a run (--network): reading a line layer with GDAL (an
 * OpenStreetMap .osm.pbf through GDAL's OSM driver, with a walking filter by
 * default), building the graph, joining the demand to it, reporting islands and
 * points off the network, and measuring site coverage along it.
 */
#ifndef AMBIT_NETWORK_INPUT_H
#define AMBIT_NETWORK_INPUT_H

#include "demand.h"
#include "network_search.h"
#include "options.h"
#include "source.h"

#include <jansson.h>

/* The walking filter applied to layers with OpenStreetMap `highway` tags (docs/network.md). */
extern const char *const NETWORK_WALK_FILTER;

typedef struct network_input {
    const network_opts *o;
    vsource src;
    const char *filter; /* the attribute filter in force, NULL: none */
    int is_osm;
    size_t lines, features;
    ambit_network *net;
    net_index *ix;
    net_point *at; /* where each demand point joins */
    net_demand dem;
    size_t dem_off, dem_island; /* demand points farther than max_access / on other components */
    double pop_off, pop_island;
    size_t sites_off; /* sites not joined, over every cover built */
    double read_s, build_s, join_s, search_s;
} network_input;

/* Opens the layer (no reading yet); o->spec must be set. */
ambit_status network_input_open(ambit_ctx *ctx, const network_opts *o, const char *assume_crs,
                                network_input *ni);

/*
 * Reads the lines in the working CRS (bound with vsource_bind), builds the graph and
 * joins the demand. A network farther than max_access from every demand point is
 * an error.
 */
ambit_status network_input_read(ambit_ctx *ctx, network_input *ni, const demand_set *demand);

/*
 * Where each of k sites joins (points at sx, sy; geoms[i] non-NULL: from that
 * shape). Sites off the network are counted and named in a warning (the first id)
 * when ids is not NULL, silently skipped otherwise.
 */
ambit_status network_input_sites(ambit_ctx *ctx, network_input *ni,
                                 const GEOSGeometry *const *geoms, const double *sx,
                                 const double *sy, const char *const *ids, size_t k,
                                 net_sites *out);

/* Coverage of the k sites within radius along the network. */
ambit_status network_input_cover(ambit_ctx *ctx, network_input *ni,
                                 const GEOSGeometry *const *geoms, const double *sx,
                                 const double *sy, const char *const *ids, size_t k, double radius,
                                 ambit_cover **out);

/* The "network" object of summary.json (new reference). */
json_t *network_input_json(const network_input *ni);

void network_input_free(ambit_ctx *ctx, network_input *ni);

#endif
