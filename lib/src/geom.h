/* Moving geometries between OGR (reading, writing) and GEOS (all operations). */
#ifndef AMBIT_GEOM_H
#define AMBIT_GEOM_H

#include "context.h"

#include <ogr_api.h>

typedef enum geom_kind { GEOM_EMPTY, GEOM_POINTS, GEOM_POLYGONS, GEOM_LINES, GEOM_OTHER } geom_kind;

/* Kind of an OGR geometry type (flattened; curves count as their linear kind). */
geom_kind geom_kind_of_ogr(OGRwkbGeometryType type);

/* Kind of a GEOS geometry. */
geom_kind geom_kind_of(ambit_ctx *ctx, const GEOSGeometry *g);

/* Human name of a kind ("points", "polygons"...). */
const char *geom_kind_name(geom_kind kind);

/* GEOS copy of an OGR geometry (caller owns), NULL on failure. */
GEOSGeometry *geom_from_ogr(ambit_ctx *ctx, OGRGeometryH g);

/* OGR copy of a GEOS geometry (caller owns), NULL on failure. */
OGRGeometryH geom_to_ogr(ambit_ctx *ctx, const GEOSGeometry *g);

/*
 * Makes a polygonal geometry valid with GEOS MakeValid, keeping only its polygonal
 * parts. Takes ownership of g and returns the (possibly same) result, or NULL on
 * failure. *repaired is set to 1 when g was invalid.
 */
GEOSGeometry *geom_make_valid_polygonal(ambit_ctx *ctx, GEOSGeometry *g, int *repaired);

/* A point inside g (its centre for points), via GEOS PointOnSurface. Returns 1 on success. */
int geom_inner_point(ambit_ctx *ctx, const GEOSGeometry *g, double *x, double *y);

#endif
