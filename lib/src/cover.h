/*
 * The sparse coverage structure (CSR: per site, the demand points within reach
 * and their distances) and the straight-line engine that fills it: a uniform
 * grid over the demand points, one query per site. Point sites are measured
 * centre to point; polygon sites from their boundary (inside counts as 0 m),
 * with a buffered-bbox prefilter and the exact distance from GEOS.
 */
#ifndef AMBIT_COVER_H
#define AMBIT_COVER_H

#include "context.h"

#include <stdint.h>

struct ambit_cover {
    size_t n_demand, n_sites, n_pairs;
    size_t *start; /* n_sites + 1 offsets into demand/dist */
    uint32_t *demand;
    double *dist;
};

/* An empty cover (start zeroed, no pairs) for nd demand points and ns sites; NULL on ENOMEM. */
ambit_cover *cover_alloc(size_t nd, size_t ns);

/*
 * Straight-line coverage. geoms may be NULL (all sites are points at sx, sy);
 * otherwise geoms[s] non-NULL marks a polygon (or other non-point) site measured
 * from its boundary, and sx/sy are ignored for it.
 */
ambit_status cover_euclid(ambit_ctx *ctx, const double *dx, const double *dy, size_t nd,
                          const GEOSGeometry *const *geoms, const double *sx, const double *sy,
                          size_t ns, double radius, ambit_cover **out);

#endif
