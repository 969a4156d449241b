/*
 * The study: every input of a run read into the working CRS. Opens the
 * population (raster or vector), the communities and the facilities, picks the
 * metric CRS (see docs/coverage.md), then reads demand, communities and facilities
 * and assigns demand to communities. Shared by `coverage` and `site`.
 */
#ifndef AMBIT_STUDY_H
#define AMBIT_STUDY_H

#include "communities.h"
#include "network_input.h"
#include "options.h"
#include "sites.h"

#include <jansson.h>

typedef struct study {
    const input_opts *in;
    int pop_is_raster;
    rsource pop_r;
    vsource pop_v, comm_v, fac_v;
    OGRSpatialReferenceH work;
    char crs_label[128];
    const char *crs_rule;
    demand_set demand;
    community_set comms;
    site_set sites; /* existing facilities (empty without --facilities) */
    size_t outside_demand;
    double outside_pop;
    double *comm_pop;  /* population per community */
    network_input net; /* --network: walking distances (net.net NULL: straight line) */
} study;

/* Opens the population, communities and facilities named in `in` (no reading yet). */
ambit_status study_open(ambit_ctx *ctx, const input_opts *in, study *s);

/*
 * Picks the working CRS (--crs; else the first of population, communities,
 * facilities, extra that is projected in metres; else the UTM zone of the
 * population) and binds every vector source to it (extra too, may be NULL).
 */
ambit_status study_choose_crs(ambit_ctx *ctx, study *s, vsource *extra);

/* Reads communities, demand and facilities (with their tiers, may be 0). */
ambit_status study_read(ambit_ctx *ctx, study *s, const char *const *tiers, size_t n_tiers);

/*
 * Coverage of k sites within radius: along the network with --network, else in a
 * straight line. Points at sx, sy; geoms[i] non-NULL: from that shape (reach from
 * its boundary). ids (may be NULL) name sites in warnings. radius may be INFINITY
 * with a network (every reachable pair).
 */
ambit_status study_cover(ambit_ctx *ctx, study *s, const GEOSGeometry *const *geoms,
                         const double *sx, const double *sy, const char *const *ids, size_t k,
                         double radius, ambit_cover **out);

/* "network" or "euclidean", for summary.json's distance_kind. */
const char *study_distance_kind(const study *s);

void study_free(ambit_ctx *ctx, study *s);

/* "inputs", "crs" and "counts" objects for summary.json (new references). */
json_t *study_inputs_json(const study *s);
json_t *study_crs_json(const study *s);
json_t *study_counts_json(const study *s);

/* Warnings of the context as a JSON array. */
json_t *study_warnings_json(const ambit_ctx *ctx);

/* {"gdal": ..., "proj": ..., "geos": ...} */
json_t *study_versions_json(void);

#endif
