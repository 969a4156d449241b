/*
 * Opening the user's inputs: "FILE" or "FILE:LAYER" with GDAL, the layer's CRS
 * (or --assume-crs), fields, and reading features into GEOS geometry in the
 * working CRS. Every error names the option, the file and the layer.
 */
#ifndef AMBIT_SOURCE_H
#define AMBIT_SOURCE_H

#include "context.h"
#include "crs.h"
#include "geom.h"

#include <gdal.h>

typedef struct vsource {
    const char *option; /* "--communities", for messages */
    char *path;
    char *layer_name;
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRSpatialReferenceH srs; /* owned clone, traditional GIS axis order */
    crs_transform *to_work;   /* set by vsource_bind */
} vsource;

/* 1 if the dataset at spec (without layer) opens as a raster with bands and no layer was named. */
int source_is_raster(const char *spec);

/*
 * Opens a vector layer. assume_crs (may be NULL) is used only when the layer
 * has no CRS; without it that is an error. An empty layer is an error.
 */
ambit_status vsource_open(ambit_ctx *ctx, const char *option, const char *spec,
                          const char *assume_crs, vsource *out);

/* Prepares the transformation into the working CRS. */
ambit_status vsource_bind(ambit_ctx *ctx, vsource *src, OGRSpatialReferenceH work);

void vsource_close(vsource *src);

/*
 * Index of a field; numeric = 1 requires an integer or real field. Errors name the
 * field, the layer and list the layer's fields.
 */
ambit_status vsource_field(ambit_ctx *ctx, const vsource *src, const char *field, int numeric,
                           int *index);

/* The layer's geometry kind from its features (all must agree, else an error naming the feature).
 */
ambit_status vsource_geom_kind(ambit_ctx *ctx, const vsource *src, geom_kind *kind);

/* 1 for a CRS that says nothing (local/engineering, GeoPackage "Undefined ... SRS"). */
int source_crs_is_undefined(OGRSpatialReferenceH srs);

/*
 * The CRS of a layer or raster: a clone of srs (traditional GIS axis order), or the
 * --assume-crs one when srs is NULL or undefined, else an error starting with `what`.
 */
ambit_status source_adopt_crs(ambit_ctx *ctx, OGRSpatialReferenceH srs, const char *assume_crs,
                              const char *what, OGRSpatialReferenceH *out);

/* (x, y) of CRS srs in lon/lat degrees. */
ambit_status source_lonlat(ambit_ctx *ctx, OGRSpatialReferenceH srs, double x, double y,
                           double *lon, double *lat);

/* Parses a CRS given by the user (EPSG:xxxx, WKT, PROJ string). Caller owns *out. */
ambit_status source_parse_crs(ambit_ctx *ctx, const char *option, const char *text,
                              OGRSpatialReferenceH *out);

/* Extent of the layer in lon/lat degrees (centre only). Returns AMBIT_OK. */
ambit_status vsource_lonlat_centre(ambit_ctx *ctx, const vsource *src, double *lon, double *lat);

/*
 * Reads the geometry of feature f in the working CRS (caller owns *out; NULL for a
 * feature with no geometry). Polygons are repaired when invalid (*repaired = 1).
 */
ambit_status vsource_read_geom(ambit_ctx *ctx, const vsource *src, OGRFeatureH f,
                               GEOSGeometry **out, int *repaired);

/* "feature 12" or "feature 12 (name=...)" style label for messages. */
void vsource_feature_label(const vsource *src, OGRFeatureH f, char *buf, size_t size);

#endif
