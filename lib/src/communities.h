/* Community boundaries, and which community each demand point or facility falls in. */
#ifndef AMBIT_COMMUNITIES_H
#define AMBIT_COMMUNITIES_H

#include "demand.h"

typedef struct community {
    GEOSGeometry *geom; /* working CRS, valid */
    char *id;
    char *name;
} community;

typedef struct community_set {
    size_t n;
    community *c;
    const GEOSPreparedGeometry **prep;
    GEOSSTRtree *tree;
    size_t repaired, skipped_empty;
    int implicit; /* 1: no --communities, one unit for the whole study area */
} community_set;

/*
 * Reads community polygons (src bound to the working CRS). id_field and
 * name_field may be NULL (the feature id is used). Invalid polygons are repaired
 * and counted, or an error with strict. Non-polygon layers are an error.
 */
ambit_status communities_load(ambit_ctx *ctx, const vsource *src, const char *id_field,
                              const char *name_field, int strict, community_set *out);

/* The whole study area as one community: the convex hull of the demand points. */
ambit_status communities_study_area(ambit_ctx *ctx, const demand_set *d, community_set *out);

/* Index of the community containing (x, y) (boundary included; lowest index wins), or -1. */
int32_t communities_locate(ambit_ctx *ctx, const community_set *cs, double x, double y);

/* Sets d->community for every point; returns how many fall outside every community. */
ambit_status communities_assign(ambit_ctx *ctx, const community_set *cs, demand_set *d,
                                size_t *outside);

void communities_free(ambit_ctx *ctx, community_set *cs);

#endif
