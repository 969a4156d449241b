/*
 * Service areas, the "isochrones" planners put on maps: along the walking network,
 * the edge parts a facility reaches within its radius, buffered and dissolved with
 * GEOS; in a straight line, the facility buffered by its radius.
 */
#ifndef AMBIT_SERVICE_AREA_H
#define AMBIT_SERVICE_AREA_H

#include "network_input.h"

#define SERVICE_AREA_DEFAULT_BUFFER 50.0

/*
 * The service area of one facility (g: its shape, or NULL for a point at x, y).
 * With ni (a read network), the network parts within radius buffered by `buffer`
 * metres; without, g (or the point) buffered by radius. An empty polygon when the
 * facility is off the network. Caller owns *out.
 */
ambit_status service_area(ambit_ctx *ctx, network_input *ni, const GEOSGeometry *g, double x,
                          double y, double radius, double buffer, GEOSGeometry **out);

#endif
