/*
 * Writers: GeoJSON through OGR's GeoJSON driver (RFC 7946: WGS 84 lon/lat, the
 * driver reprojects from the working CRS) and JSON documents through jansson.
 */
#ifndef AMBIT_WRITERS_H
#define AMBIT_WRITERS_H

#include "context.h"

#include <gdal.h>
#include <jansson.h>
#include <ogr_api.h>

typedef struct gj_writer {
    const char *path;
    GDALDatasetH ds;
    OGRLayerH layer;
    OGRFeatureDefnH defn;
} gj_writer;

/* Creates a GeoJSON file at path with one layer whose geometries are in work. */
ambit_status gj_open(ambit_ctx *ctx, const char *path, const char *layer_name,
                     OGRSpatialReferenceH work, OGRwkbGeometryType type, gj_writer *w);

/* Creates a CSV table (OGR's CSV driver, no geometry) at path, written like a GeoJSON layer. */
ambit_status table_open(ambit_ctx *ctx, const char *path, const char *layer_name, gj_writer *w);

/* Adds a field (before the first feature). */
ambit_status gj_field(ambit_ctx *ctx, gj_writer *w, const char *name, OGRFieldType type);

/* Adds n fields of one type (before the first feature). */
ambit_status gj_fields(ambit_ctx *ctx, gj_writer *w, const char *const *names, size_t n,
                       OGRFieldType type);

/* A new feature for the layer (caller fills it, then calls gj_write). */
OGRFeatureH gj_feature(gj_writer *w);

/* Sets the feature's geometry from GEOS (working CRS), writes it and destroys f. */
ambit_status gj_write(ambit_ctx *ctx, gj_writer *w, OGRFeatureH f, const GEOSGeometry *g);

/* Closes the file, flushing it; reports write errors. */
ambit_status gj_close(ambit_ctx *ctx, gj_writer *w);

/* Writes a JSON document (takes no ownership) with 2-space indentation. */
ambit_status json_write(ambit_ctx *ctx, const char *path, json_t *doc);

#endif
