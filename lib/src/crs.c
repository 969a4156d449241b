#include "crs.h"

#include <cpl_conv.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct crs_transform {
    PJ *pj; /* NULL: identity */
    PJ_CONTEXT *proj;
};

int crs_is_metric_projected(OGRSpatialReferenceH srs)
{
    if (!srs || !OSRIsProjected(srs))
        return 0;
    return fabs(OSRGetLinearUnits(srs, NULL) - 1.0) < 1e-12;
}

ambit_status crs_utm_for(ambit_ctx *ctx, double lon, double lat, OGRSpatialReferenceH *out)
{
    if (!isfinite(lon) || !isfinite(lat) || fabs(lat) > 84.0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "cannot pick a UTM zone for lon %.4f, lat %.4f: give --crs EPSG:xxxx", lon,
                        lat);
    int zone = (int)floor((lon + 180.0) / 6.0) + 1;
    if (zone < 1)
        zone = 1;
    if (zone > 60)
        zone = 60;
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (!srs)
        return ctx_nomem(ctx);
    if (OSRImportFromEPSG(srs, (lat >= 0 ? 32600 : 32700) + zone) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return ctx_fail(ctx, AMBIT_ERR_INTERNAL, "PROJ database has no UTM zone %d", zone);
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    *out = srs;
    return AMBIT_OK;
}

void crs_label(OGRSpatialReferenceH srs, char *buf, size_t size)
{
    const char *auth = OSRGetAuthorityName(srs, NULL);
    const char *code = OSRGetAuthorityCode(srs, NULL);
    if (auth && code)
        snprintf(buf, size, "%s:%s", auth, code);
    else
        snprintf(buf, size, "%s", OSRGetName(srs) ? OSRGetName(srs) : "unnamed CRS");
}

static PJ *to_pj(PJ_CONTEXT *proj, OGRSpatialReferenceH srs)
{
    char *wkt = NULL;
    const char *opts[] = {"FORMAT=WKT2_2019", NULL};
    if (OSRExportToWktEx(srs, &wkt, opts) != OGRERR_NONE) {
        CPLFree(wkt);
        return NULL;
    }
    PJ *pj = proj_create(proj, wkt);
    CPLFree(wkt);
    return pj;
}

ambit_status crs_transform_new(ambit_ctx *ctx, OGRSpatialReferenceH from, OGRSpatialReferenceH to,
                               crs_transform **out)
{
    crs_transform *t = calloc(1, sizeof *t);
    if (!t)
        return ctx_nomem(ctx);
    t->proj = ctx->proj;
    *out = t;
    if (OSRIsSame(from, to))
        return AMBIT_OK;
    PJ *a = to_pj(ctx->proj, from);
    PJ *b = to_pj(ctx->proj, to);
    PJ *op = (a && b) ? proj_create_crs_to_crs_from_pj(ctx->proj, a, b, NULL, NULL) : NULL;
    proj_destroy(a);
    proj_destroy(b);
    if (op) {
        t->pj = proj_normalize_for_visualization(ctx->proj, op);
        proj_destroy(op);
    }
    if (!t->pj) {
        char la[128], lb[128];
        crs_label(from, la, sizeof la);
        crs_label(to, lb, sizeof lb);
        free(t);
        *out = NULL;
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "PROJ found no transformation from %s to %s", la, lb);
    }
    return AMBIT_OK;
}

void crs_transform_free(crs_transform *t)
{
    if (!t)
        return;
    proj_destroy(t->pj);
    free(t);
}

int crs_transform_xy(const crs_transform *t, double *x, double *y, size_t n)
{
    if (!t->pj || n == 0)
        return 1;
    proj_trans_generic(t->pj, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]) || x[i] == HUGE_VAL)
            return 0;
    return 1;
}

static int transform_one(double *x, double *y, void *user)
{
    const crs_transform *t = user;
    return crs_transform_xy(t, x, y, 1);
}

GEOSGeometry *crs_transform_geom(ambit_ctx *ctx, const crs_transform *t, const GEOSGeometry *g)
{
    if (!t->pj)
        return GEOSGeom_clone_r(ctx->geos, g);
    return GEOSGeom_transformXY_r(ctx->geos, g, transform_one, (void *)t);
}
