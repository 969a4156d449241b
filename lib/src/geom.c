#include "geom.h"

#include <cpl_conv.h>

#include <stdlib.h>

geom_kind geom_kind_of_ogr(OGRwkbGeometryType type)
{
    switch (wkbFlatten(OGR_GT_GetLinear(type))) {
    case wkbPoint:
    case wkbMultiPoint:
        return GEOM_POINTS;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbPolyhedralSurface:
    case wkbTIN:
    case wkbTriangle:
        return GEOM_POLYGONS;
    case wkbLineString:
    case wkbMultiLineString:
        return GEOM_LINES;
    default:
        return GEOM_OTHER;
    }
}

geom_kind geom_kind_of(ambit_ctx *ctx, const GEOSGeometry *g)
{
    if (GEOSisEmpty_r(ctx->geos, g))
        return GEOM_EMPTY;
    switch (GEOSGeomTypeId_r(ctx->geos, g)) {
    case GEOS_POINT:
    case GEOS_MULTIPOINT:
        return GEOM_POINTS;
    case GEOS_POLYGON:
    case GEOS_MULTIPOLYGON:
        return GEOM_POLYGONS;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
    case GEOS_MULTILINESTRING:
        return GEOM_LINES;
    default:
        return GEOM_OTHER;
    }
}

const char *geom_kind_name(geom_kind kind)
{
    switch (kind) {
    case GEOM_EMPTY:
        return "empty";
    case GEOM_POINTS:
        return "points";
    case GEOM_POLYGONS:
        return "polygons";
    case GEOM_LINES:
        return "lines";
    case GEOM_OTHER:
        break;
    }
    return "mixed or unsupported geometry";
}

GEOSGeometry *geom_from_ogr(ambit_ctx *ctx, OGRGeometryH g)
{
    OGRGeometryH lin = NULL;
    if (OGR_GT_IsNonLinear(OGR_G_GetGeometryType(g))) {
        lin = OGR_G_GetLinearGeometry(g, 0, NULL);
        if (!lin)
            return NULL;
        g = lin;
    }
    int size = OGR_G_WkbSize(g);
    unsigned char *buf = malloc((size_t)size);
    GEOSGeometry *out = NULL;
    if (buf && OGR_G_ExportToIsoWkb(g, wkbNDR, buf) == OGRERR_NONE) {
        GEOSWKBReader *r = GEOSWKBReader_create_r(ctx->geos);
        if (r) {
            out = GEOSWKBReader_read_r(ctx->geos, r, buf, (size_t)size);
            GEOSWKBReader_destroy_r(ctx->geos, r);
        }
    }
    free(buf);
    if (lin)
        OGR_G_DestroyGeometry(lin);
    return out;
}

OGRGeometryH geom_to_ogr(ambit_ctx *ctx, const GEOSGeometry *g)
{
    GEOSWKBWriter *w = GEOSWKBWriter_create_r(ctx->geos);
    if (!w)
        return NULL;
    GEOSWKBWriter_setOutputDimension_r(ctx->geos, w, 2);
    size_t size = 0;
    unsigned char *buf = GEOSWKBWriter_write_r(ctx->geos, w, g, &size);
    GEOSWKBWriter_destroy_r(ctx->geos, w);
    if (!buf)
        return NULL;
    OGRGeometryH out = NULL;
    if (OGR_G_CreateFromWkb(buf, NULL, &out, (int)size) != OGRERR_NONE)
        out = NULL;
    GEOSFree_r(ctx->geos, buf);
    return out;
}

static GEOSGeometry *polygonal_parts(ambit_ctx *ctx, GEOSGeometry *g)
{
    int type = GEOSGeomTypeId_r(ctx->geos, g);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return g;
    int n = GEOSGetNumGeometries_r(ctx->geos, g);
    GEOSGeometry **parts = malloc(sizeof *parts * (size_t)(n > 0 ? n : 1));
    if (!parts) {
        GEOSGeom_destroy_r(ctx->geos, g);
        return NULL;
    }
    unsigned k = 0;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(ctx->geos, g, i);
        int pt = GEOSGeomTypeId_r(ctx->geos, p);
        if (pt == GEOS_POLYGON) {
            parts[k++] = GEOSGeom_clone_r(ctx->geos, p);
        } else if (pt == GEOS_MULTIPOLYGON) {
            for (int j = 0; j < GEOSGetNumGeometries_r(ctx->geos, p); j++) {
                GEOSGeometry **grown = realloc(parts, sizeof *parts * (size_t)(n + k + 1));
                if (!grown)
                    break;
                parts = grown;
                parts[k++] = GEOSGeom_clone_r(ctx->geos, GEOSGetGeometryN_r(ctx->geos, p, j));
            }
        }
    }
    GEOSGeom_destroy_r(ctx->geos, g);
    GEOSGeometry *out = GEOSGeom_createCollection_r(ctx->geos, GEOS_MULTIPOLYGON, parts, k);
    free(parts);
    return out;
}

GEOSGeometry *geom_make_valid_polygonal(ambit_ctx *ctx, GEOSGeometry *g, int *repaired)
{
    *repaired = 0;
    char valid = GEOSisValid_r(ctx->geos, g);
    if (valid == 1)
        return g;
    *repaired = 1;
    GEOSGeometry *fixed = GEOSMakeValid_r(ctx->geos, g);
    GEOSGeom_destroy_r(ctx->geos, g);
    if (!fixed)
        return NULL;
    return polygonal_parts(ctx, fixed);
}

int geom_inner_point(ambit_ctx *ctx, const GEOSGeometry *g, double *x, double *y)
{
    GEOSGeometry *p = GEOSPointOnSurface_r(ctx->geos, g);
    if (!p)
        return 0;
    int ok = !GEOSisEmpty_r(ctx->geos, p) && GEOSGeomGetX_r(ctx->geos, p, x) == 1 &&
             GEOSGeomGetY_r(ctx->geos, p, y) == 1;
    GEOSGeom_destroy_r(ctx->geos, p);
    return ok;
}
