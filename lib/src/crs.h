/*
 * Coordinate systems: choosing the metric CRS distances are measured in, and
 * moving coordinates into it. PROJ does every transformation; GDAL's OSR object
 * is only the carrier of a layer's CRS (it is what OGR hands us and takes back).
 */
#ifndef AMBIT_CRS_H
#define AMBIT_CRS_H

#include "context.h"

#include <ogr_srs_api.h>

/* 1 if srs is a projected CRS whose linear unit is the metre. */
int crs_is_metric_projected(OGRSpatialReferenceH srs);

/* WGS 84 / UTM zone (EPSG:326zz or 327zz) holding lon/lat. Caller owns *out. */
ambit_status crs_utm_for(ambit_ctx *ctx, double lon, double lat, OGRSpatialReferenceH *out);

/* "EPSG:32649" style name when the CRS has an authority code, else its name. */
void crs_label(OGRSpatialReferenceH srs, char *buf, size_t size);

/* A transformation from one CRS to another, axis order x=east/lon, y=north/lat. */
typedef struct crs_transform crs_transform;

/* Identity when the CRSs are the same. Caller owns *out (crs_transform_free). */
ambit_status crs_transform_new(ambit_ctx *ctx, OGRSpatialReferenceH from, OGRSpatialReferenceH to,
                               crs_transform **out);
void crs_transform_free(crs_transform *t);

/* In place; returns 0 if any point failed to transform (non-finite result). */
int crs_transform_xy(const crs_transform *t, double *x, double *y, size_t n);

/* A transformed copy of g (caller owns), or NULL on failure. */
GEOSGeometry *crs_transform_geom(ambit_ctx *ctx, const crs_transform *t, const GEOSGeometry *g);

#endif
