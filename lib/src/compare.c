/*
 * `ambit compare DIR_A DIR_B ... -o DIR`: scenarios side by side on one population.
 * The first folder is the baseline; people gaining or losing access are counted
 * demand point by demand point from the runs' access.csv, per tier (tiers matched by
 * name), and community by community.
 */
#include "geom.h"
#include "outdir.h"
#include "outfile.h"
#include "report_html.h"
#include "strbuf.h"
#include "writers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cmp {
    ambit_ctx *ctx;
    outdir *o;
    size_t n;
    int matched; /* same demand points: gains and losses can be counted */
    size_t T;    /* tiers of the baseline */
    /* per scenario and baseline tier: people gaining / losing access against the baseline */
    double *gain, *loss;
} cmp;

static double *at(double *a, const cmp *c, size_t k, size_t t)
{
    return &a[k * c->T + t];
}

/* Refuses runs that cannot be compared, saying why. */
static ambit_status check_same(ambit_ctx *ctx, const outdir *a, const outdir *b, int force,
                               int *matched)
{
    const char *ca = json_string_value(json_object_get(json_object_get(a->summary, "crs"), "wkt"));
    const char *cb = json_string_value(json_object_get(json_object_get(b->summary, "crs"), "wkt"));
    if (!ca || !cb || strcmp(ca, cb) != 0)
        return ctx_fail(
            ctx, AMBIT_ERR_INPUT,
            "'%s' was measured in %s and '%s' in %s: runs in different CRS cannot be "
            "compared (give both --crs)",
            b->dir, json_string_value(json_object_get(json_object_get(b->summary, "crs"), "name")),
            a->dir, json_string_value(json_object_get(json_object_get(a->summary, "crs"), "name")));
    const char *why = NULL;
    if (a->n != b->n)
        why = "a different number of demand points";
    else if (fabs(a->total - b->total) > 1e-6 * fmax(1, a->total))
        why = "a different total population";
    for (size_t i = 0; !why && i < a->n; i++)
        if (a->x[i] != b->x[i] || a->y[i] != b->y[i] || a->w[i] != b->w[i])
            why = "demand points in other places or with other populations";
    json_t *pa = json_object_get(a->run, "inputs"), *pb = json_object_get(b->run, "inputs");
    for (size_t i = 0; !why && pa && pb && i < json_array_size(pa); i++) {
        json_t *x = json_array_get(pa, i);
        if (strcmp(json_string_value(json_object_get(x, "option")), "population") != 0)
            continue;
        for (size_t j = 0; j < json_array_size(pb); j++) {
            json_t *y = json_array_get(pb, j);
            if (strcmp(json_string_value(json_object_get(y, "option")), "population") == 0 &&
                !json_equal(json_object_get(x, "sha256"), json_object_get(y, "sha256")))
                why = "population files with different SHA-256";
        }
    }
    *matched = a->n == b->n && a->n > 0;
    if (!why)
        return AMBIT_OK;
    if (!force)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "'%s' and '%s' are runs on different population inputs (%s: %zu demand "
                        "points holding %.0f people against %zu holding %.0f); their coverage "
                        "is not comparable. Compare them anyway with --force",
                        a->dir, b->dir, why, a->n, a->total, b->n, b->total);
    ctx_warn(ctx, "comparing '%s' with '%s' although they differ: %s (--force)", b->dir, a->dir,
             why);
    return AMBIT_OK;
}

static ambit_status write_csv(void *c_, const char *path)
{
    cmp *c = c_;
    gj_writer w;
    ambit_status st = table_open(c->ctx, path, "comparison", &w);
    const char *sf[] = {"scenario", "folder", "command", "model", "tier"};
    if (!st)
        st = gj_fields(c->ctx, &w, sf, 5, OFTString);
    const char *nf[] = {"existing_sites", "new_sites"};
    if (!st)
        st = gj_fields(c->ctx, &w, nf, 2, OFTInteger);
    const char *rf[] = {"cost_of_new_sites", "total_population", "covered", "share",
                        "gain_vs_baseline",  "loss_vs_baseline"};
    if (!st)
        st = gj_fields(c->ctx, &w, rf, 6, OFTReal);
    for (size_t k = 0; k < c->n && !st; k++) {
        const outdir *o = &c->o[k];
        for (size_t t = 0; t < c->T && !st; t++) {
            int u = outdir_tier(o, c->o[0].tier[t]);
            OGRFeatureH f = gj_feature(&w);
            OGR_F_SetFieldString(f, 0, o->name);
            OGR_F_SetFieldString(f, 1, o->dir);
            OGR_F_SetFieldString(f, 2, o->command);
            OGR_F_SetFieldString(f, 3, outdir_str(o, "model"));
            OGR_F_SetFieldString(f, 4, c->o[0].tier[t]);
            if (u >= 0) {
                OGR_F_SetFieldInteger(f, 5, (int)o->existing[u]);
                OGR_F_SetFieldInteger(f, 6, (int)o->added[u]);
                OGR_F_SetFieldDouble(f, 9, o->covered[u]);
                OGR_F_SetFieldDouble(f, 10, o->total > 0 ? o->covered[u] / o->total : 0);
            }
            OGR_F_SetFieldDouble(f, 7, o->cost);
            OGR_F_SetFieldDouble(f, 8, o->total);
            if (c->matched && u >= 0) {
                OGR_F_SetFieldDouble(f, 11, *at(c->gain, c, k, t));
                OGR_F_SetFieldDouble(f, 12, *at(c->loss, c, k, t));
            }
            st = gj_write(c->ctx, &w, f, NULL);
        }
    }
    ambit_status cst = gj_close(c->ctx, &w);
    return st ? st : cst;
}

/* Population covered per community and baseline tier, for scenario k. */
typedef struct comm_cov {
    size_t n;
    char **id;
    double *pop, *cov; /* n, n x T x scenarios */
} comm_cov;

static size_t comm_index(comm_cov *cc, const char *id)
{
    for (size_t i = 0; i < cc->n; i++)
        if (strcmp(cc->id[i], id) == 0)
            return i;
    return (size_t)-1;
}

static int community_table(const cmp *c, comm_cov *cc)
{
    const outdir *b = &c->o[0];
    memset(cc, 0, sizeof *cc);
    cc->id = calloc(b->n + 1, sizeof *cc->id);
    cc->pop = calloc(b->n + 1, sizeof *cc->pop);
    if (!cc->id || !cc->pop)
        return 0;
    size_t *of = malloc((b->n + 1) * sizeof *of);
    if (!of)
        return 0;
    for (size_t i = 0; i < b->n; i++) {
        of[i] = (size_t)-1;
        if (!b->community[i])
            continue;
        size_t k = comm_index(cc, b->community[i]);
        if (k == (size_t)-1) {
            k = cc->n++;
            cc->id[k] = b->community[i];
        }
        of[i] = k;
        cc->pop[k] += b->w[i];
    }
    cc->cov = calloc(cc->n * c->T * c->n + 1, sizeof *cc->cov);
    if (!cc->cov) {
        free(of);
        return 0;
    }
    for (size_t s = 0; s < c->n; s++) {
        const outdir *o = &c->o[s];
        for (size_t t = 0; t < c->T; t++) {
            int u = outdir_tier(o, b->tier[t]);
            for (size_t i = 0; u >= 0 && i < b->n && i < o->n; i++)
                if (of[i] != (size_t)-1 && o->cov[i * o->T + (size_t)u])
                    cc->cov[(of[i] * c->T + t) * c->n + s] += o->w[i];
        }
    }
    free(of);
    return 1;
}

static void comm_free(comm_cov *cc)
{
    free(cc->id);
    free(cc->pop);
    free(cc->cov);
}

static ambit_status write_md(void *c_, const char *path)
{
    cmp *c = c_;
    strbuf b = {0};
    sb_printf(&b,
              "# Scenario comparison\n\nBaseline: **%s** (`%s`). Population: %.0f people in "
              "%zu demand points.\n\n",
              c->o[0].name, c->o[0].dir, c->o[0].total, c->o[0].n);
    sb_printf(&b, "| scenario | command | model | tier | existing | new | cost of new sites | "
                  "covered | share | gain vs baseline | loss vs baseline |\n");
    sb_printf(&b, "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (size_t k = 0; k < c->n; k++) {
        const outdir *o = &c->o[k];
        for (size_t t = 0; t < c->T; t++) {
            int u = outdir_tier(o, c->o[0].tier[t]);
            sb_printf(&b, "| %s | %s | %s | %s | ", o->name, o->command, outdir_str(o, "model"),
                      c->o[0].tier[t]);
            if (u < 0) {
                sb_printf(&b, "- | - | %.0f | - | - | - | - |\n", o->cost);
                continue;
            }
            sb_printf(&b, "%zu | %zu | %.0f | %.0f | %.1f %% | ", o->existing[u], o->added[u],
                      o->cost, o->covered[u], o->total > 0 ? 100 * o->covered[u] / o->total : 0);
            if (c->matched)
                sb_printf(&b, "%.0f | %.0f |\n", *at(c->gain, c, k, t), *at(c->loss, c, k, t));
            else
                sb_printf(&b, "- | - |\n");
        }
    }
    comm_cov cc;
    if (!community_table(c, &cc)) {
        comm_free(&cc);
        sb_free(&b);
        return ctx_nomem(c->ctx);
    }
    sb_printf(&b, "\n## Communities whose coverage changes\n\nPopulation within reach, per tier; "
                  "baseline first.\n\n| community | population | tier |");
    for (size_t s = 0; s < c->n; s++)
        sb_printf(&b, " %s |", c->o[s].name);
    sb_printf(&b, "\n|---|---|---|");
    for (size_t s = 0; s < c->n; s++)
        sb_printf(&b, "---|");
    sb_printf(&b, "\n");
    size_t rows = 0;
    for (size_t i = 0; i < cc.n; i++)
        for (size_t t = 0; t < c->T; t++) {
            const double *v = &cc.cov[(i * c->T + t) * c->n];
            int changes = 0;
            for (size_t s = 1; s < c->n; s++)
                changes |= fabs(v[s] - v[0]) > 1e-9;
            if (!changes)
                continue;
            rows++;
            sb_printf(&b, "| %s | %.0f | %s |", cc.id[i], cc.pop[i], c->o[0].tier[t]);
            for (size_t s = 0; s < c->n; s++)
                sb_printf(&b, " %.0f |", v[s]);
            sb_printf(&b, "\n");
        }
    if (!rows)
        sb_printf(&b, "| (none) | | |\n");
    comm_free(&cc);
    ambit_status st = sb_write(c->ctx, &b, path);
    sb_free(&b);
    return st;
}

/* Communities (baseline geometry) and demand points whose access changes. */
static ambit_status write_difference(void *c_, const char *path)
{
    cmp *c = c_;
    ambit_ctx *ctx = c->ctx;
    const outdir *b = &c->o[0];
    gj_writer w;
    ambit_status st = gj_open(ctx, path, "difference", b->work, wkbUnknown, &w);
    const char *sf[] = {"kind", "id", "tier", "scenario"};
    if (!st)
        st = gj_fields(ctx, &w, sf, 4, OFTString);
    const char *rf[] = {"population", "covered_baseline", "covered_scenario", "change"};
    if (!st)
        st = gj_fields(ctx, &w, rf, 4, OFTReal);
    comm_cov cc;
    int have_cc = 0;
    if (!st) {
        have_cc = 1;
        if (!community_table(c, &cc))
            st = ctx_nomem(ctx);
    }
    /* communities: geometry from the baseline's communities.geojson */
    char cpath[4096];
    GDALDatasetH ds = st ? NULL
                         : GDALOpenEx(outdir_path(b, "communities.geojson", cpath, sizeof cpath),
                                      GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    OGRLayerH l = ds ? GDALDatasetGetLayer(ds, 0) : NULL;
    int fid = l ? OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), "community_id") : -1;
    OGRFeatureH f;
    while (!st && fid >= 0 && (f = OGR_L_GetNextFeature(l))) {
        size_t i = comm_index(&cc, OGR_F_GetFieldAsString(f, fid));
        OGRGeometryH g = OGR_G_Clone(OGR_F_GetGeometryRef(f));
        GEOSGeometry *gg = NULL;
        if (g && OGR_G_TransformTo(g, b->work) == OGRERR_NONE)
            gg = geom_from_ogr(ctx, g);
        for (size_t t = 0; i != (size_t)-1 && t < c->T && !st; t++)
            for (size_t s = 1; s < c->n && !st; s++) {
                const double *v = &cc.cov[(i * c->T + t) * c->n];
                if (fabs(v[s] - v[0]) <= 1e-9)
                    continue;
                OGRFeatureH o = gj_feature(&w);
                OGR_F_SetFieldString(o, 0, "community");
                OGR_F_SetFieldString(o, 1, cc.id[i]);
                OGR_F_SetFieldString(o, 2, b->tier[t]);
                OGR_F_SetFieldString(o, 3, c->o[s].name);
                OGR_F_SetFieldDouble(o, 4, cc.pop[i]);
                OGR_F_SetFieldDouble(o, 5, v[0]);
                OGR_F_SetFieldDouble(o, 6, v[s]);
                OGR_F_SetFieldDouble(o, 7, v[s] - v[0]);
                st = gj_write(ctx, &w, o, gg);
            }
        if (gg)
            GEOSGeom_destroy_r(ctx->geos, gg);
        if (g)
            OGR_G_DestroyGeometry(g);
        OGR_F_Destroy(f);
    }
    if (ds)
        GDALClose(ds);
    if (have_cc)
        comm_free(&cc);
    /* demand points whose access changes */
    for (size_t s = 1; s < c->n && c->matched && !st; s++) {
        const outdir *o = &c->o[s];
        for (size_t t = 0; t < c->T && !st; t++) {
            int u = outdir_tier(o, b->tier[t]);
            for (size_t i = 0; u >= 0 && i < b->n && !st; i++) {
                int was = b->cov[i * b->T + t], now = o->cov[i * o->T + (size_t)u];
                if (was == now)
                    continue;
                GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx->geos, b->x[i], b->y[i]);
                char id[32];
                snprintf(id, sizeof id, "%zu", i);
                OGRFeatureH df = gj_feature(&w);
                OGR_F_SetFieldString(df, 0, now ? "demand_gains" : "demand_loses");
                OGR_F_SetFieldString(df, 1, id);
                OGR_F_SetFieldString(df, 2, b->tier[t]);
                OGR_F_SetFieldString(df, 3, o->name);
                OGR_F_SetFieldDouble(df, 4, b->w[i]);
                OGR_F_SetFieldDouble(df, 5, was ? b->w[i] : 0);
                OGR_F_SetFieldDouble(df, 6, now ? b->w[i] : 0);
                OGR_F_SetFieldDouble(df, 7, now ? b->w[i] : -b->w[i]);
                st = gj_write(ctx, &w, df, pt);
                if (pt)
                    GEOSGeom_destroy_r(ctx->geos, pt);
            }
        }
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}

static ambit_status write_html(void *c_, const char *path)
{
    cmp *c = c_;
    return report_html_compare(c->ctx, c->o, c->n, c->T, c->matched ? c->gain : NULL,
                               c->matched ? c->loss : NULL, path);
}

ambit_status ambit_compare(ambit_ctx *ctx, const char *const *dirs, size_t n, const char *output,
                           int force, int html)
{
    if (n < 2)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "ambit compare needs two or more output folders");
    ctx_gdal_init();
    cmp c = {ctx, calloc(n, sizeof(outdir)), n, 1, 0, NULL, NULL};
    if (!c.o)
        return ctx_nomem(ctx);
    ambit_status st = AMBIT_OK;
    for (size_t k = 0; k < n && !st; k++)
        st = outdir_open(ctx, dirs[k], 1, &c.o[k]);
    for (size_t k = 1; k < n && !st; k++) {
        int matched = 0;
        st = check_same(ctx, &c.o[0], &c.o[k], force, &matched);
        c.matched &= matched;
    }
    if (!st) {
        c.T = c.o[0].T;
        c.gain = calloc(n * c.T + 1, sizeof *c.gain);
        c.loss = calloc(n * c.T + 1, sizeof *c.loss);
        if (!c.gain || !c.loss)
            st = ctx_nomem(ctx);
    }
    for (size_t k = 0; k < n && !st && c.matched; k++) {
        const outdir *b = &c.o[0], *o = &c.o[k];
        for (size_t t = 0; t < c.T; t++) {
            int u = outdir_tier(o, b->tier[t]);
            for (size_t i = 0; u >= 0 && i < b->n; i++) {
                int was = b->cov[i * b->T + t], now = o->cov[i * o->T + (size_t)u];
                if (now && !was)
                    *at(c.gain, &c, k, t) += b->w[i];
                if (was && !now)
                    *at(c.loss, &c, k, t) += b->w[i];
            }
        }
    }
    if (!st) {
        outset out;
        st = run_begin(ctx, output, &out);
        if (!st) {
            st = outset_write(ctx, &out, "comparison.csv", write_csv, &c);
            if (!st)
                st = outset_write(ctx, &out, "comparison.md", write_md, &c);
            if (!st)
                st = outset_write(ctx, &out, "difference.geojson", write_difference, &c);
            if (!st && html)
                st = outset_write(ctx, &out, "comparison.html", write_html, &c);
            st = run_end(ctx, st, &out);
        }
    }
    for (size_t k = 0; k < n; k++)
        outdir_free(&c.o[k]);
    free(c.o);
    free(c.gain);
    free(c.loss);
    return st;
}
