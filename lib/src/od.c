#include "od.h"

#include "context.h"
#include "source.h"
#include "strutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct row {
    uint32_t demand, site;
    double cost;
} row;

static ambit_status column(ambit_ctx *ctx, OGRLayerH l, const char *path, const char *what,
                           const char *name, int *index)
{
    *index = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), name);
    if (*index < 0)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--od: '%s' has no column '%s' (%s; choose it with %s)", path, name, what,
                        strcmp(what, "demand id") == 0 ? "--od-demand"
                        : strcmp(what, "site id") == 0 ? "--od-site"
                        : strcmp(what, "cost") == 0    ? "--od-cost"
                                                       : "--od-weight");
    return AMBIT_OK;
}

static int number(OGRFeatureH f, int i, double *out)
{
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return 0;
    OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
    if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) {
        *out = OGR_F_GetFieldAsDouble(f, i);
        return isfinite(*out);
    }
    return str_to_double(OGR_F_GetFieldAsString(f, i), out);
}

ambit_status od_read(ambit_ctx *ctx, const char *path, const od_columns *cols, od_table *od)
{
    ctx_gdal_init();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "--od: cannot open '%s' as a table", path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    int di, si, ci, wi = -1;
    ambit_status st = AMBIT_OK;
    if (!l)
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "--od: '%s' holds no table", path);
    if (!st)
        st = column(ctx, l, path, "demand id", cols->demand, &di);
    if (!st)
        st = column(ctx, l, path, "site id", cols->site, &si);
    if (!st)
        st = column(ctx, l, path, "cost", cols->cost, &ci);
    if (!st && cols->weight)
        st = column(ctx, l, path, "weight", cols->weight, &wi);
    else if (!st) /* the default weight column, when the table has one */
        wi = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), "weight");
    row *rows = NULL;
    size_t nrows = 0, cap = 0, wcap = 0;
    OGRFeatureH f;
    while (!st && (f = OGR_L_GetNextFeature(l))) {
        size_t line = nrows + 2; /* 1-based, after the header line */
        const char *d = OGR_F_IsFieldSetAndNotNull(f, di) ? OGR_F_GetFieldAsString(f, di) : "";
        const char *s = OGR_F_IsFieldSetAndNotNull(f, si) ? OGR_F_GetFieldAsString(f, si) : "";
        double cost, w = 1;
        if (!*d || !*s)
            st = ctx_fail(ctx, AMBIT_ERR_INPUT, "--od: '%s' line %zu: empty %s", path, line,
                          *d ? "site id" : "demand id");
        else if (!number(f, ci, &cost) || cost < 0)
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--od: '%s' line %zu: cost '%s' is not a number >= 0", path, line,
                          OGR_F_GetFieldAsString(f, ci));
        else if (wi >= 0 && (!number(f, wi, &w) || w < 0))
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--od: '%s' line %zu: weight '%s' is not a number >= 0", path, line,
                          OGR_F_GetFieldAsString(f, wi));
        int added;
        size_t dk = st ? 0 : idmap_add(&od->demand, d, &added);
        if (!st && dk == (size_t)-1)
            st = ctx_nomem(ctx);
        if (!st && od->demand.n > wcap) {
            size_t nc = wcap ? 2 * wcap : 1024;
            double *nw = realloc(od->weight, nc * sizeof *nw);
            if (!nw)
                st = ctx_nomem(ctx);
            else {
                for (size_t k = wcap; k < nc; k++)
                    nw[k] = NAN;
                od->weight = nw;
                wcap = nc;
            }
        }
        if (!st) {
            if (isnan(od->weight[dk]))
                od->weight[dk] = w;
            else if (od->weight[dk] != w)
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--od: '%s' line %zu: demand '%s' has weight %g here and %g on an "
                              "earlier line",
                              path, line, d, w, od->weight[dk]);
        }
        size_t sk = st ? 0 : idmap_find(&od->sites, s);
        if (!st && sk == (size_t)-1 && cols->sites_closed)
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--od: '%s' line %zu: site '%s' is neither a candidate nor an existing "
                          "facility",
                          path, line, s);
        if (!st && sk == (size_t)-1)
            sk = idmap_add(&od->sites, s, &added);
        if (!st && sk == (size_t)-1)
            st = ctx_nomem(ctx);
        if (!st && nrows == cap) {
            cap = cap ? 2 * cap : 4096;
            row *nr = realloc(rows, cap * sizeof *nr);
            if (!nr)
                st = ctx_nomem(ctx);
            else
                rows = nr;
        }
        if (!st)
            rows[nrows++] = (row){(uint32_t)dk, (uint32_t)sk, cost};
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    if (!st && nrows == 0)
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "--od: '%s' has no rows", path);
    for (size_t k = 0; !st && k < od->demand.n; k++)
        if (isnan(od->weight[k]))
            od->weight[k] = 1; /* named earlier (by a layer) but absent from the table */
    ambit_cover_builder *b = NULL;
    if (!st)
        st = ambit_cover_builder_new(ctx, od->demand.n, od->sites.n, &b);
    for (size_t k = 0; !st && k < nrows; k++)
        st = ambit_cover_builder_add(ctx, b, rows[k].site, rows[k].demand, rows[k].cost);
    if (!st)
        st = ambit_cover_builder_finish(ctx, &b, &od->cover);
    ambit_cover_builder_free(b);
    free(rows);
    od->rows = nrows;
    return st;
}

void od_free(od_table *od)
{
    idmap_free(&od->demand);
    idmap_free(&od->sites);
    free(od->weight);
    ambit_cover_free(od->cover);
    memset(od, 0, sizeof *od);
}
