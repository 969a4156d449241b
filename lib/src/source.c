#include "source.h"

#include "strutil.h"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *gdal_reason(const char *path)
{
    struct stat st;
    if (strncmp(path, "/vsi", 4) != 0 && stat(path, &st) != 0)
        return "no such file";
    const char *m = CPLGetLastErrorMsg();
    return (m && *m) ? m : "not a format GDAL can read";
}

int source_is_raster(const char *spec)
{
    char *path = NULL, *layer = NULL;
    if (!str_split_source(spec, &path, &layer))
        return 0;
    int raster = 0;
    if (!layer) {
        GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
        if (ds) {
            raster = GDALGetRasterCount(ds) > 0;
            GDALClose(ds);
        }
        CPLErrorReset();
    }
    free(path);
    free(layer);
    return raster;
}

static void list_layers(GDALDatasetH ds, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < GDALDatasetGetLayerCount(ds) && used + 4 < size; i++) {
        const char *name = OGR_L_GetName(GDALDatasetGetLayer(ds, i));
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int source_crs_is_undefined(OGRSpatialReferenceH srs)
{
    /* GeoPackage's "Undefined Cartesian SRS" and other local CRSs cannot be related to the others.
     */
    const char *name = OSRGetName(srs);
    return OSRIsLocal(srs) || (name && strncmp(name, "Undefined", 9) == 0);
}

ambit_status source_adopt_crs(ambit_ctx *ctx, OGRSpatialReferenceH srs, const char *assume_crs,
                              const char *what, OGRSpatialReferenceH *out)
{
    *out = NULL;
    if (srs && !source_crs_is_undefined(srs)) {
        *out = OSRClone(srs);
        if (!*out)
            return ctx_nomem(ctx);
        OSRSetAxisMappingStrategy(*out, OAMS_TRADITIONAL_GIS_ORDER);
        return AMBIT_OK;
    }
    if (assume_crs)
        return source_parse_crs(ctx, "--assume-crs", assume_crs, out);
    return ctx_fail(ctx, AMBIT_ERR_INPUT,
                    "%s has no CRS; give it one (e.g. gdal_edit.py / ogr2ogr -a_srs) or say which "
                    "it is with --assume-crs EPSG:xxxx",
                    what);
}

ambit_status source_lonlat(ambit_ctx *ctx, OGRSpatialReferenceH srs, double x, double y,
                           double *lon, double *lat)
{
    OGRSpatialReferenceH wgs = OSRNewSpatialReference(NULL);
    if (!wgs)
        return ctx_nomem(ctx);
    OSRImportFromEPSG(wgs, 4326);
    OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
    crs_transform *t = NULL;
    ambit_status st = crs_transform_new(ctx, srs, wgs, &t);
    OSRDestroySpatialReference(wgs);
    if (st)
        return st;
    int ok = crs_transform_xy(t, &x, &y, 1);
    crs_transform_free(t);
    if (!ok)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "PROJ cannot place (%g, %g) in lon/lat", x, y);
    *lon = x;
    *lat = y;
    return AMBIT_OK;
}

ambit_status source_parse_crs(ambit_ctx *ctx, const char *option, const char *text,
                              OGRSpatialReferenceH *out)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (!srs)
        return ctx_nomem(ctx);
    if (OSRSetFromUserInput(srs, text) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: PROJ does not know the CRS '%s'", option, text);
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    *out = srs;
    return AMBIT_OK;
}

ambit_status vsource_open(ambit_ctx *ctx, const char *option, const char *spec,
                          const char *assume_crs, vsource *out)
{
    memset(out, 0, sizeof *out);
    out->option = option;
    if (!str_split_source(spec, &out->path, &out->layer_name))
        return ctx_nomem(ctx);
    CPLErrorReset();
    out->ds = GDALOpenEx(out->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!out->ds) {
        ambit_status st =
            ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: cannot open '%s' as a vector layer: %s", option,
                     out->path, gdal_reason(out->path));
        vsource_close(out);
        return st;
    }
    if (out->layer_name) {
        out->layer = GDALDatasetGetLayerByName(out->ds, out->layer_name);
        if (!out->layer) {
            char names[512];
            list_layers(out->ds, names, sizeof names);
            ambit_status st =
                ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: '%s' has no layer '%s' (layers: %s)", option,
                         out->path, out->layer_name, names);
            vsource_close(out);
            return st;
        }
    } else {
        int n = GDALDatasetGetLayerCount(out->ds);
        if (n < 1) {
            ambit_status st =
                ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: '%s' has no vector layer", option, out->path);
            vsource_close(out);
            return st;
        }
        if (n > 1) {
            char names[512];
            list_layers(out->ds, names, sizeof names);
            ctx_warn(ctx, "%s: '%s' has %d layers (%s); using the first; name one with FILE:LAYER",
                     option, out->path, n, names);
        }
        out->layer = GDALDatasetGetLayer(out->ds, 0);
        out->layer_name = str_dup(OGR_L_GetName(out->layer));
    }
    if (OGR_L_GetFeatureCount(out->layer, 1) == 0) {
        ambit_status st = ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: layer '%s' of '%s' is empty", option,
                                   out->layer_name, out->path);
        vsource_close(out);
        return st;
    }
    char what[1024];
    snprintf(what, sizeof what, "%s: layer '%s' of '%s'", option, out->layer_name, out->path);
    ambit_status st =
        source_adopt_crs(ctx, OGR_L_GetSpatialRef(out->layer), assume_crs, what, &out->srs);
    if (st) {
        vsource_close(out);
        return st;
    }
    return AMBIT_OK;
}

ambit_status vsource_bind(ambit_ctx *ctx, vsource *src, OGRSpatialReferenceH work)
{
    crs_transform_free(src->to_work);
    src->to_work = NULL;
    return crs_transform_new(ctx, src->srs, work, &src->to_work);
}

void vsource_close(vsource *src)
{
    if (!src)
        return;
    crs_transform_free(src->to_work);
    if (src->srs)
        OSRDestroySpatialReference(src->srs);
    if (src->ds)
        GDALClose(src->ds);
    free(src->path);
    free(src->layer_name);
    memset(src, 0, sizeof *src);
}

ambit_status vsource_field(ambit_ctx *ctx, const vsource *src, const char *field, int numeric,
                           int *index)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(src->layer);
    int i = OGR_FD_GetFieldIndex(defn, field);
    if (i < 0) {
        char names[1024] = "";
        size_t used = 0;
        for (int k = 0; k < OGR_FD_GetFieldCount(defn) && used + 4 < sizeof names; k++) {
            int n = snprintf(names + used, sizeof names - used, "%s%s", k ? ", " : "",
                             OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, k)));
            if (n < 0)
                break;
            used += (size_t)n;
        }
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "%s: layer '%s' of '%s' has no field '%s' (fields: %s)", src->option,
                        src->layer_name, src->path, field, names);
    }
    if (numeric) {
        OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
        if (t != OFTInteger && t != OFTInteger64 && t != OFTReal)
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "%s: field '%s' of layer '%s' in '%s' is of type %s, not numeric",
                            src->option, field, src->layer_name, src->path,
                            OGR_GetFieldTypeName(t));
    }
    *index = i;
    return AMBIT_OK;
}

void vsource_feature_label(const vsource *src, OGRFeatureH f, char *buf, size_t size)
{
    snprintf(buf, size, "feature %lld of layer '%s' in '%s'", (long long)OGR_F_GetFID(f),
             src->layer_name, src->path);
}

ambit_status vsource_geom_kind(ambit_ctx *ctx, const vsource *src, geom_kind *kind)
{
    geom_kind k = geom_kind_of_ogr(OGR_L_GetGeomType(src->layer));
    if (k == GEOM_POINTS || k == GEOM_POLYGONS || k == GEOM_LINES) {
        *kind = k;
        return AMBIT_OK;
    }
    /* Unknown/mixed layer type (GeoJSON, some GPKG): decide from the features. */
    geom_kind seen = GEOM_EMPTY;
    OGRFeatureH f;
    OGR_L_ResetReading(src->layer);
    while ((f = OGR_L_GetNextFeature(src->layer))) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (g && !OGR_G_IsEmpty(g)) {
            geom_kind fk = geom_kind_of_ogr(OGR_G_GetGeometryType(g));
            if (seen == GEOM_EMPTY) {
                seen = fk;
            } else if (fk != seen) {
                /* points and polygons may mix in a facilities layer: report as OTHER */
                seen = GEOM_OTHER;
                OGR_F_Destroy(f);
                break;
            }
        }
        OGR_F_Destroy(f);
    }
    OGR_L_ResetReading(src->layer);
    *kind = seen;
    (void)ctx;
    return AMBIT_OK;
}

ambit_status vsource_lonlat_centre(ambit_ctx *ctx, const vsource *src, double *lon, double *lat)
{
    OGREnvelope env;
    if (OGR_L_GetExtent(src->layer, &env, 1) != OGRERR_NONE)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: cannot compute the extent of layer '%s' in '%s'",
                        src->option, src->layer_name, src->path);
    return source_lonlat(ctx, src->srs, 0.5 * (env.MinX + env.MaxX), 0.5 * (env.MinY + env.MaxY),
                         lon, lat);
}

ambit_status vsource_read_geom(ambit_ctx *ctx, const vsource *src, OGRFeatureH f,
                               GEOSGeometry **out, int *repaired)
{
    *out = NULL;
    *repaired = 0;
    OGRGeometryH og = OGR_F_GetGeometryRef(f);
    if (!og || OGR_G_IsEmpty(og))
        return AMBIT_OK;
    char label[512];
    GEOSGeometry *g = geom_from_ogr(ctx, og);
    if (!g) {
        vsource_feature_label(src, f, label, sizeof label);
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s: GEOS cannot read its geometry: %s",
                        src->option, label, ctx_geos_error(ctx));
    }
    if (geom_kind_of(ctx, g) == GEOM_POLYGONS) {
        g = geom_make_valid_polygonal(ctx, g, repaired);
        if (!g) {
            vsource_feature_label(src, f, label, sizeof label);
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s: invalid polygon GEOS cannot repair: %s",
                            src->option, label, ctx_geos_error(ctx));
        }
    }
    GEOSGeometry *t = crs_transform_geom(ctx, src->to_work, g);
    GEOSGeom_destroy_r(ctx->geos, g);
    if (!t) {
        vsource_feature_label(src, f, label, sizeof label);
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s: PROJ cannot transform its coordinates",
                        src->option, label);
    }
    *out = t;
    return AMBIT_OK;
}
