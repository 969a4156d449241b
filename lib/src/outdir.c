#include "outdir.h"

#include "idmap.h"
#include "strutil.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *outdir_path(const outdir *o, const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", o->dir, name);
    return buf;
}

int outdir_tier(const outdir *o, const char *name)
{
    for (size_t t = 0; t < o->T; t++)
        if (strcmp(o->tier[t], name) == 0)
            return (int)t;
    return -1;
}

const char *outdir_str(const outdir *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o->summary, key));
    return v ? v : "";
}

void outdir_free(outdir *o)
{
    json_decref(o->summary);
    json_decref(o->run);
    if (o->work)
        OSRDestroySpatialReference(o->work);
    for (size_t t = 0; t < o->T; t++)
        free(o->tier[t]);
    for (size_t i = 0; o->community && i < o->n; i++)
        free(o->community[i]);
    free(o->community);
    free(o->name);
    free(o->x);
    free(o->y);
    free(o->w);
    free(o->cov);
    memset(o, 0, sizeof *o);
}

static ambit_status read_access(ambit_ctx *ctx, outdir *o, const char *path)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "'%s': cannot read access.csv", o->dir);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    int fx = OGR_FD_GetFieldIndex(defn, "x"), fy = OGR_FD_GetFieldIndex(defn, "y");
    int fw = OGR_FD_GetFieldIndex(defn, "population");
    int fc = OGR_FD_GetFieldIndex(defn, "community_id");
    int ft[AMBIT_MAX_TIERS];
    for (int i = 0; i < OGR_FD_GetFieldCount(defn) && o->T < AMBIT_MAX_TIERS; i++) {
        const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        if (strncmp(name, "covered_", 8) == 0) {
            ft[o->T] = i;
            o->tier[o->T++] = str_dup(name + 8);
        }
    }
    size_t cap = (size_t)OGR_L_GetFeatureCount(l, 1) + 1;
    if (fx < 0 || fy < 0 || fw < 0 || fc < 0 || o->T == 0) {
        GDALClose(ds);
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "'%s': access.csv lacks x, y, population, community_id or covered_TIER",
                        o->dir);
    }
    o->x = malloc(cap * sizeof *o->x);
    o->y = malloc(cap * sizeof *o->y);
    o->w = malloc(cap * sizeof *o->w);
    o->community = calloc(cap, sizeof *o->community);
    o->cov = malloc(cap * o->T);
    if (!o->x || !o->y || !o->w || !o->community || !o->cov) {
        GDALClose(ds);
        return ctx_nomem(ctx);
    }
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) && o->n < cap) {
        size_t i = o->n++;
        o->x[i] = OGR_F_GetFieldAsDouble(f, fx);
        o->y[i] = OGR_F_GetFieldAsDouble(f, fy);
        o->w[i] = OGR_F_GetFieldAsDouble(f, fw);
        o->community[i] =
            OGR_F_IsFieldSetAndNotNull(f, fc) ? str_dup(OGR_F_GetFieldAsString(f, fc)) : NULL;
        o->total += o->w[i];
        for (size_t t = 0; t < o->T; t++) {
            o->cov[i * o->T + t] = OGR_F_GetFieldAsInteger(f, ft[t]) != 0;
            if (o->cov[i * o->T + t])
                o->covered[t] += o->w[i];
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    o->has_access = 1;
    return AMBIT_OK;
}

/* Existing and new sites per tier from sites.geojson (site) or facilities.geojson (coverage). */
static void count_sites(outdir *o)
{
    char path[4096];
    int site = strcmp(o->command, "site") == 0;
    outdir_path(o, site ? "sites.geojson" : "facilities.geojson", path, sizeof path);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        return;
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    int fs = OGR_FD_GetFieldIndex(defn, "status"), ft = OGR_FD_GetFieldIndex(defn, "tier");
    int fid = site ? -1 : OGR_FD_GetFieldIndex(defn, "facility_id");
    idmap seen;
    memset(&seen, 0, sizeof seen);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l))) {
        /* a coverage run lists a facility under every tier it serves, its own first */
        int added = 1;
        if (fid >= 0 && idmap_add(&seen, OGR_F_GetFieldAsString(f, fid), &added) == (size_t)-1)
            added = 1;
        if (!added) {
            OGR_F_Destroy(f);
            continue;
        }
        int t = 0;
        if (ft >= 0 && OGR_F_IsFieldSetAndNotNull(f, ft) && o->T > 1)
            t = outdir_tier(o, OGR_F_GetFieldAsString(f, ft));
        if (t >= 0 && (size_t)t < AMBIT_MAX_TIERS) {
            int is_new = fs >= 0 && strcmp(OGR_F_GetFieldAsString(f, fs), "new") == 0;
            if (is_new)
                o->added[t]++;
            else
                o->existing[t]++;
        }
        OGR_F_Destroy(f);
    }
    idmap_free(&seen);
    GDALClose(ds);
}

ambit_status outdir_open(ambit_ctx *ctx, const char *dir, int need_access, outdir *o)
{
    memset(o, 0, sizeof *o);
    o->dir = dir;
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "'%s' is not a folder", dir);
    char path[4096];
    json_error_t jerr;
    o->summary = json_load_file(outdir_path(o, "summary.json", path, sizeof path), 0, &jerr);
    o->command = json_string_value(json_object_get(o->summary, "command"));
    if (!o->summary || !json_object_get(o->summary, "ambit_version") || !o->command ||
        (strcmp(o->command, "coverage") != 0 && strcmp(o->command, "site") != 0))
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "'%s' is not an ambit output folder (no summary.json of an ambit "
                        "coverage or site run)",
                        dir);
    if (json_object_get(o->summary, "inputs") == NULL)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "'%s' is a run on an OD table: it has no map or demand to compare", dir);
    o->run = json_load_file(outdir_path(o, "run.json", path, sizeof path), 0, &jerr);
    const char *sname =
        json_string_value(json_object_get(json_object_get(o->run, "scenario"), "name"));
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    o->name = str_dup(sname ? sname : base);
    const char *wkt = json_string_value(json_object_get(json_object_get(o->summary, "crs"), "wkt"));
    o->work = OSRNewSpatialReference(NULL);
    if (!o->name || !o->work)
        return ctx_nomem(ctx);
    if (!wkt || OSRImportFromWkt(o->work, (char **)&wkt) != OGRERR_NONE)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "'%s': summary.json has no usable crs.wkt", dir);
    OSRSetAxisMappingStrategy(o->work, OAMS_TRADITIONAL_GIS_ORDER);
    o->cost = json_number_value(json_object_get(o->summary, "cost_of_new_sites"));
    outdir_path(o, "access.csv", path, sizeof path);
    if (stat(path, &sb) == 0) {
        ambit_status st = read_access(ctx, o, path);
        if (st)
            return st;
    } else if (need_access) {
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "'%s' has no access.csv: make the run with `ambit run` or "
                        "--access-table",
                        dir);
    }
    count_sites(o);
    return AMBIT_OK;
}
