/*
 * Demand: population as weighted points in the working CRS, from a raster
 * (one point per populated cell), a point layer (as given) or a polygon layer
 * (spread over a regular grid, see disagg.h).
 */
#ifndef AMBIT_DEMAND_H
#define AMBIT_DEMAND_H

#include "source.h"

#include <stdint.h>

typedef struct demand_set {
    size_t n, cap;
    double *x, *y, *w;
    int32_t *community; /* index into the community list, -1 outside every community */
    int64_t *origin;    /* source feature id, or raster cell index row * width + col */
    double total;
    /* what the reader met, for summary.json */
    size_t features_read, skipped_null, skipped_empty, repaired, cells_nodata;
} demand_set;

void demand_free(demand_set *d);

/* Appends one point; returns 0 on ENOMEM. */
int demand_push(demand_set *d, double x, double y, double w, int64_t origin);

/* A population raster: the band, its georeferencing and CRS. */
typedef struct rsource {
    char *path;
    GDALDatasetH ds;
    GDALRasterBandH band;
    int band_index;
    double gt[6];
    OGRSpatialReferenceH srs; /* owned clone */
} rsource;

/*
 * Opens a population raster. A raster without georeferencing is an error; one
 * without CRS needs assume_crs. band is 1-based.
 */
ambit_status rsource_open(ambit_ctx *ctx, const char *spec, int band, const char *assume_crs,
                          rsource *out);
void rsource_close(rsource *r);

/* Centre of the raster in lon/lat. */
ambit_status rsource_lonlat_centre(ambit_ctx *ctx, const rsource *r, double *lon, double *lat);

/*
 * One demand point per cell holding population > 0, at the cell centre in the
 * working CRS. Nodata cells are skipped; a negative or NaN value that is not
 * nodata is an error naming the cell.
 */
ambit_status demand_from_raster(ambit_ctx *ctx, const rsource *r, OGRSpatialReferenceH work,
                                demand_set *out);

/*
 * Demand from a vector layer (src bound to the working CRS): points as they are,
 * polygons spread over a grid of `cell` metres. The field must be numeric; a NULL
 * value skips the feature (counted); a negative or NaN value is an error. With
 * strict, an invalid polygon is an error rather than repaired.
 */
ambit_status demand_from_vector(ambit_ctx *ctx, const vsource *src, const char *field, double cell,
                                int strict, demand_set *out);

#endif
