/* Facilities (existing sites): points or polygons, with an optional tier. */
#ifndef AMBIT_SITES_H
#define AMBIT_SITES_H

#include "source.h"

#include <stdint.h>

typedef struct site {
    GEOSGeometry
        *geom;   /* working CRS; polygons keep their shape (reach counts from the boundary) */
    double x, y; /* a point inside the site (the point itself for point sites) */
    int is_point;
    int tier;          /* index into the tier list, -1: the site counts in every tier */
    int32_t community; /* community containing (x, y), -1 none */
    char *id;
    char *name;
    double cost;     /* from the cost field, else 1 */
    double capacity; /* from the capacity field, else NAN (none given) */
    double area;     /* land area in m2: the area field, else the polygon's area (0: points) */
} site;

typedef struct site_set {
    size_t n;
    site *s;
    size_t repaired, skipped_empty, skipped_tier;
} site_set;

/* Which fields of a site layer hold what (each may be NULL). */
typedef struct site_fields {
    const char *id, *name, *tier, *cost, *capacity;
    int capacity_optional; /* 1: a layer without the capacity field is fine (facilities) */
    const char *area;      /* land area in m2 (else a polygon's own area, 0 for points) */
} site_fields;

/*
 * Reads sites (src bound to the working CRS): points or polygons. With a tier
 * field, each site's value must name one of tiers[0..n_tiers); others are skipped
 * with a warning, and a layer where none matches is an error. A cost must be a
 * number >= 0 (an error naming the feature otherwise). Ids must be unique.
 */
ambit_status sites_load(ambit_ctx *ctx, const vsource *src, const site_fields *fields,
                        const char *const *tiers, size_t n_tiers, int strict, site_set *out);

void sites_free(ambit_ctx *ctx, site_set *ss);

#endif
