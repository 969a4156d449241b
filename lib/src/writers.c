#include "writers.h"

#include "geom.h"

#include <cpl_error.h>
#include <cpl_string.h>

#include <string.h>

ambit_status gj_open(ambit_ctx *ctx, const char *path, const char *layer_name,
                     OGRSpatialReferenceH work, OGRwkbGeometryType type, gj_writer *w)
{
    memset(w, 0, sizeof *w);
    w->path = path;
    GDALDriverH drv = GDALGetDriverByName("GeoJSON");
    if (!drv)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GDAL has no GeoJSON driver");
    CPLErrorReset();
    w->ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!w->ds)
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot create '%s': %s", path, CPLGetLastErrorMsg());
    char **lco = NULL;
    lco = CSLSetNameValue(lco, "RFC7946", "YES");
    lco = CSLSetNameValue(lco, "WRITE_NAME", "YES");
    w->layer = GDALDatasetCreateLayer(w->ds, layer_name, work, type, lco);
    CSLDestroy(lco);
    if (!w->layer) {
        GDALClose(w->ds);
        w->ds = NULL;
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot create layer in '%s': %s", path,
                        CPLGetLastErrorMsg());
    }
    w->defn = OGR_L_GetLayerDefn(w->layer);
    return AMBIT_OK;
}

ambit_status table_open(ambit_ctx *ctx, const char *path, const char *layer_name, gj_writer *w)
{
    memset(w, 0, sizeof *w);
    w->path = path;
    GDALDriverH drv = GDALGetDriverByName("CSV");
    if (!drv)
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "GDAL has no CSV driver");
    CPLErrorReset();
    w->ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!w->ds)
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot create '%s': %s", path, CPLGetLastErrorMsg());
    char **lco = CSLSetNameValue(NULL, "STRING_QUOTING", "IF_NEEDED");
    w->layer = GDALDatasetCreateLayer(w->ds, layer_name, NULL, wkbNone, lco);
    CSLDestroy(lco);
    if (!w->layer) {
        GDALClose(w->ds);
        w->ds = NULL;
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot create a table in '%s': %s", path,
                        CPLGetLastErrorMsg());
    }
    w->defn = OGR_L_GetLayerDefn(w->layer);
    return AMBIT_OK;
}

ambit_status gj_field(ambit_ctx *ctx, gj_writer *w, const char *name, OGRFieldType type)
{
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    OGRErr err = OGR_L_CreateField(w->layer, fd, 1);
    OGR_Fld_Destroy(fd);
    if (err != OGRERR_NONE)
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot add field '%s' to '%s'", name, w->path);
    return AMBIT_OK;
}

ambit_status gj_fields(ambit_ctx *ctx, gj_writer *w, const char *const *names, size_t n,
                       OGRFieldType type)
{
    ambit_status st = AMBIT_OK;
    for (size_t i = 0; i < n && !st; i++)
        st = gj_field(ctx, w, names[i], type);
    return st;
}

OGRFeatureH gj_feature(gj_writer *w)
{
    return OGR_F_Create(w->defn);
}

ambit_status gj_write(ambit_ctx *ctx, gj_writer *w, OGRFeatureH f, const GEOSGeometry *g)
{
    ambit_status st = AMBIT_OK;
    if (g) {
        OGRGeometryH og = geom_to_ogr(ctx, g);
        if (!og) {
            OGR_F_Destroy(f);
            return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "cannot convert a geometry for '%s'", w->path);
        }
        OGR_F_SetGeometryDirectly(f, og);
    }
    CPLErrorReset();
    if (OGR_L_CreateFeature(w->layer, f) != OGRERR_NONE)
        st = ctx_fail(ctx, AMBIT_ERR_IO, "cannot write a feature to '%s': %s", w->path,
                      CPLGetLastErrorMsg());
    OGR_F_Destroy(f);
    return st;
}

ambit_status gj_close(ambit_ctx *ctx, gj_writer *w)
{
    if (!w->ds)
        return AMBIT_OK;
    CPLErrorReset();
    GDALClose(w->ds);
    w->ds = NULL;
    if (CPLGetLastErrorType() >= CE_Failure)
        return ctx_fail(ctx, AMBIT_ERR_IO, "writing '%s' failed: %s", w->path,
                        CPLGetLastErrorMsg());
    return AMBIT_OK;
}

ambit_status json_write(ambit_ctx *ctx, const char *path, json_t *doc)
{
    if (json_dump_file(doc, path, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0)
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot write '%s'", path);
    return AMBIT_OK;
}
