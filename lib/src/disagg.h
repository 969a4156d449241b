/*
 * Areal disaggregation: a polygon's population spread over the cells of a
 * regular grid (aligned on multiples of the cell size), each piece clipped to the
 * polygon by GEOS and weighted by its area, so that the pieces add up to the
 * polygon's population (exactly, to rounding).
 */
#ifndef AMBIT_DISAGG_H
#define AMBIT_DISAGG_H

#include "demand.h"

/*
 * Appends the pieces of polygon g (working CRS, valid) carrying population pop
 * to d, each at a point inside its piece (the cell centre for whole cells).
 * A polygon smaller than a cell yields one point. Returns the number of
 * points added through *added.
 */
ambit_status disagg_polygon(ambit_ctx *ctx, const GEOSGeometry *g, double pop, double cell,
                            int64_t origin, demand_set *d, size_t *added);

#endif
