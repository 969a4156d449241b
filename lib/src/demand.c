#include "demand.h"

#include "disagg.h"
#include "strutil.h"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void demand_free(demand_set *d)
{
    if (!d)
        return;
    free(d->x);
    free(d->y);
    free(d->w);
    free(d->community);
    free(d->origin);
    memset(d, 0, sizeof *d);
}

int demand_push(demand_set *d, double x, double y, double w, int64_t origin)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 1024;
        double *nx = realloc(d->x, cap * sizeof *nx);
        if (nx)
            d->x = nx;
        double *ny = realloc(d->y, cap * sizeof *ny);
        if (ny)
            d->y = ny;
        double *nw = realloc(d->w, cap * sizeof *nw);
        if (nw)
            d->w = nw;
        int64_t *no = realloc(d->origin, cap * sizeof *no);
        if (no)
            d->origin = no;
        if (!nx || !ny || !nw || !no)
            return 0;
        d->cap = cap;
    }
    d->x[d->n] = x;
    d->y[d->n] = y;
    d->w[d->n] = w;
    d->origin[d->n] = origin;
    d->n++;
    return 1;
}

static ambit_status finish(ambit_ctx *ctx, demand_set *d)
{
    long double total = 0;
    for (size_t i = 0; i < d->n; i++)
        total += d->w[i];
    d->total = (double)total;
    free(d->community);
    d->community = malloc((d->n ? d->n : 1) * sizeof *d->community);
    if (!d->community)
        return ctx_nomem(ctx);
    for (size_t i = 0; i < d->n; i++)
        d->community[i] = -1;
    return AMBIT_OK;
}

/* ---------------------------------------------------------------- rasters */

ambit_status rsource_open(ambit_ctx *ctx, const char *spec, int band, const char *assume_crs,
                          rsource *out)
{
    memset(out, 0, sizeof *out);
    out->path = str_dup(spec);
    if (!out->path)
        return ctx_nomem(ctx);
    CPLErrorReset();
    out->ds = GDALOpenEx(spec, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!out->ds) {
        const char *m = CPLGetLastErrorMsg();
        ambit_status st =
            ctx_fail(ctx, AMBIT_ERR_INPUT, "--population: cannot open raster '%s': %s", spec,
                     (m && *m) ? m : "unknown format");
        rsource_close(out);
        return st;
    }
    int nb = GDALGetRasterCount(out->ds);
    if (band < 1 || band > nb) {
        ambit_status st =
            ctx_fail(ctx, AMBIT_ERR_INPUT, "--band %d: raster '%s' has %d band(s)", band, spec, nb);
        rsource_close(out);
        return st;
    }
    out->band_index = band;
    out->band = GDALGetRasterBand(out->ds, band);
    if (GDALGetGeoTransform(out->ds, out->gt) != CE_None) {
        ambit_status st =
            ctx_fail(ctx, AMBIT_ERR_INPUT,
                     "--population: raster '%s' has no georeferencing (no geotransform); "
                     "cells cannot be placed",
                     spec);
        rsource_close(out);
        return st;
    }
    char what[1024];
    snprintf(what, sizeof what, "--population: raster '%s'", spec);
    ambit_status st =
        source_adopt_crs(ctx, GDALGetSpatialRef(out->ds), assume_crs, what, &out->srs);
    if (st) {
        rsource_close(out);
        return st;
    }
    return AMBIT_OK;
}

void rsource_close(rsource *r)
{
    if (!r)
        return;
    if (r->srs)
        OSRDestroySpatialReference(r->srs);
    if (r->ds)
        GDALClose(r->ds);
    free(r->path);
    memset(r, 0, sizeof *r);
}

ambit_status rsource_lonlat_centre(ambit_ctx *ctx, const rsource *r, double *lon, double *lat)
{
    double c = 0.5 * GDALGetRasterXSize(r->ds), l = 0.5 * GDALGetRasterYSize(r->ds);
    return source_lonlat(ctx, r->srs, r->gt[0] + c * r->gt[1] + l * r->gt[2],
                         r->gt[3] + c * r->gt[4] + l * r->gt[5], lon, lat);
}

static int is_nodata(double v, int has_nodata, double nodata)
{
    if (!has_nodata)
        return 0;
    if (isnan(nodata))
        return isnan(v);
    return v == nodata;
}

ambit_status demand_from_raster(ambit_ctx *ctx, const rsource *r, OGRSpatialReferenceH work,
                                demand_set *out)
{
    int nx = GDALGetRasterXSize(r->ds), ny = GDALGetRasterYSize(r->ds);
    int has_nodata = 0;
    double nodata = GDALGetRasterNoDataValue(r->band, &has_nodata);
    double *row = malloc((size_t)nx * sizeof *row);
    if (!row)
        return ctx_nomem(ctx);
    ambit_status st = AMBIT_OK;
    for (int j = 0; j < ny && !st; j++) {
        if (GDALRasterIO(r->band, GF_Read, 0, j, nx, 1, row, nx, 1, GDT_Float64, 0, 0) != CE_None) {
            st = ctx_fail(ctx, AMBIT_ERR_INPUT, "--population: cannot read row %d of '%s': %s", j,
                          r->path, CPLGetLastErrorMsg());
            break;
        }
        for (int i = 0; i < nx; i++) {
            double v = row[i];
            if (is_nodata(v, has_nodata, nodata)) {
                out->cells_nodata++;
                continue;
            }
            if (isnan(v) || v < 0 || isinf(v)) {
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--population: raster '%s' band %d, cell (row %d, column %d) holds "
                              "%g: population must be a finite number >= 0 (declare nodata if it "
                              "marks missing cells)",
                              r->path, r->band_index, j, i, v);
                break;
            }
            if (v == 0)
                continue;
            double x = r->gt[0] + (i + 0.5) * r->gt[1] + (j + 0.5) * r->gt[2];
            double y = r->gt[3] + (i + 0.5) * r->gt[4] + (j + 0.5) * r->gt[5];
            if (!demand_push(out, x, y, v, (int64_t)j * nx + i)) {
                st = ctx_nomem(ctx);
                break;
            }
        }
        if (!st && (j % 64 == 0) && !ctx_progress(ctx, 0.5 * j / ny, "reading population raster"))
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "cancelled");
    }
    free(row);
    if (st)
        return st;
    crs_transform *t = NULL;
    st = crs_transform_new(ctx, r->srs, work, &t);
    if (st)
        return st;
    int ok = crs_transform_xy(t, out->x, out->y, out->n);
    crs_transform_free(t);
    if (!ok)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--population: PROJ cannot transform cells of '%s' to the working CRS",
                        r->path);
    return finish(ctx, out);
}

/* ---------------------------------------------------------------- vectors */

ambit_status demand_from_vector(ambit_ctx *ctx, const vsource *src, const char *field, double cell,
                                int strict, demand_set *out)
{
    int fi;
    ambit_status st = vsource_field(ctx, src, field, 1, &fi);
    if (st)
        return st;
    OGRFeatureH f;
    char label[512];
    GIntBig total = OGR_L_GetFeatureCount(src->layer, 0);
    OGR_L_ResetReading(src->layer);
    while (!st && (f = OGR_L_GetNextFeature(src->layer))) {
        out->features_read++;
        if (!OGR_F_IsFieldSetAndNotNull(f, fi)) {
            out->skipped_null++;
            OGR_F_Destroy(f);
            continue;
        }
        double pop = OGR_F_GetFieldAsDouble(f, fi);
        if (isnan(pop) || isinf(pop) || pop < 0) {
            vsource_feature_label(src, f, label, sizeof label);
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--population: %s: field '%s' is %g; population must be a finite "
                          "number >= 0",
                          label, field, pop);
            OGR_F_Destroy(f);
            break;
        }
        GEOSGeometry *g = NULL;
        int repaired = 0;
        st = vsource_read_geom(ctx, src, f, &g, &repaired);
        if (!st && repaired) {
            vsource_feature_label(src, f, label, sizeof label);
            if (strict)
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--population: %s: invalid polygon (--strict forbids repair)", label);
            out->repaired++;
        }
        if (!st && !g) {
            out->skipped_empty++;
        } else if (!st) {
            geom_kind k = geom_kind_of(ctx, g);
            if (k == GEOM_POINTS) {
                int np = GEOSGetNumGeometries_r(ctx->geos, g);
                for (int i = 0; i < np && !st; i++) {
                    double x, y;
                    const GEOSGeometry *p = GEOSGetGeometryN_r(ctx->geos, g, i);
                    if (GEOSGeomGetX_r(ctx->geos, p, &x) != 1 ||
                        GEOSGeomGetY_r(ctx->geos, p, &y) != 1 ||
                        !demand_push(out, x, y, pop / np, OGR_F_GetFID(f)))
                        st = ctx_nomem(ctx);
                }
            } else if (k == GEOM_POLYGONS) {
                size_t added;
                st = disagg_polygon(ctx, g, pop, cell, OGR_F_GetFID(f), out, &added);
            } else if (k == GEOM_EMPTY) {
                out->skipped_empty++;
            } else {
                vsource_feature_label(src, f, label, sizeof label);
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--population: %s: geometry is %s; population must be points, "
                              "polygons or a raster",
                              label, geom_kind_name(k));
            }
            GEOSGeom_destroy_r(ctx->geos, g);
        }
        OGR_F_Destroy(f);
        if (!st && total > 0 && out->features_read % 256 == 0 &&
            !ctx_progress(ctx, 0.5 * (double)out->features_read / (double)total,
                          "reading population"))
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "cancelled");
    }
    if (st)
        return st;
    if (out->skipped_null)
        ctx_warn(ctx,
                 "--population: %zu feature(s) of layer '%s' have no value in '%s' and were "
                 "skipped",
                 out->skipped_null, src->layer_name, field);
    if (out->repaired)
        ctx_warn(ctx,
                 "--population: %zu invalid polygon(s) of layer '%s' repaired with GEOS "
                 "MakeValid",
                 out->repaired, src->layer_name);
    return finish(ctx, out);
}
