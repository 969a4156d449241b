/* `ambit report DIR -o report.html` and the HTML of `ambit compare --html`. */
#include "report_html.h"

#include "outfile.h"
#include "strbuf.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAP_W 900.0
#define MAP_H 600.0
static const char *const palette[] = {"#b2182b", "#2166ac", "#1b7837",
                                      "#762a83", "#e08214", "#4d4d4d"};

static const char css[] =
    "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1000px}"
    "table{border-collapse:collapse;font-size:13px;margin:.5em 0}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
    "th{background:#eee}td:first-child,th:first-child{text-align:left}"
    "svg{border:1px solid #ccc;background:#fafafa}.legend span{margin-right:1.2em}"
    ".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}";

/* Records what rendered: shape counts and drawn widths, and any script error. */
static const char check_js[] =
    "<script>(function(){var errs=[];window.addEventListener('error',function(e){"
    "errs.push(String(e.message));});function n(s){return document.querySelectorAll(s).length;}"
    "function w(id){var e=document.getElementById(id);return e?Math.round(e.getBBox().width):0;}"
    "document.getElementById('render-check').textContent=JSON.stringify({"
    "map_shapes:n('#map path')+n('#map circle'),map_width:w('map-content'),"
    "chart_marks:n('#chart circle')+n('#chart rect.bar'),chart_width:w('chart-content'),"
    "community_rows:n('#communities-table tbody tr'),project_rows:n('#projects-table tbody tr'),"
    "comparison_rows:n('#comparison-table tbody tr'),errors:errs});})();</script>";

static void head(strbuf *b, const char *title)
{
    sb_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    sb_html(b, title);
    sb_printf(b, "</title><style>%s</style></head><body>\n<h1>", css);
    sb_html(b, title);
    sb_printf(b, "</h1>\n");
}

static void tail(strbuf *b)
{
    sb_printf(b, "<pre id=\"render-check\"></pre>\n%s\n</body></html>\n", check_js);
}

/* ------------------------------------------------------------------ map */

typedef struct frame {
    double x0, y0, scale; /* SVG = (x - x0) * scale, (y0 - y) * scale */
} frame;

static void ring_path(strbuf *b, OGRGeometryH ring, const frame *f)
{
    int n = OGR_G_GetPointCount(ring);
    for (int i = 0; i < n; i++)
        sb_printf(b, "%c%.1f %.1f", i ? 'L' : 'M', (OGR_G_GetX(ring, i) - f->x0) * f->scale,
                  (f->y0 - OGR_G_GetY(ring, i)) * f->scale);
    if (n)
        sb_printf(b, "Z");
}

/* The SVG path data of a polygon or multipolygon. */
static void poly_path(strbuf *b, OGRGeometryH g, const frame *f)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon) {
        for (int r = 0; r < OGR_G_GetGeometryCount(g); r++)
            ring_path(b, OGR_G_GetGeometryRef(g, r), f);
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
            poly_path(b, OGR_G_GetGeometryRef(g, i), f);
    }
}

typedef struct layer {
    GDALDatasetH ds;
    OGRLayerH l;
} layer;

static int layer_open(const outdir *o, const char *name, layer *ly)
{
    char path[4096];
    struct stat sb;
    memset(ly, 0, sizeof *ly);
    if (stat(outdir_path(o, name, path, sizeof path), &sb) != 0)
        return 0;
    ly->ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    ly->l = ly->ds ? GDALDatasetGetLayer(ly->ds, 0) : NULL;
    return ly->l != NULL;
}

static void layer_close(layer *ly)
{
    if (ly->ds)
        GDALClose(ly->ds);
}

/* The feature's geometry in the run's metric CRS (caller destroys), NULL if none. */
static OGRGeometryH geom_work(const outdir *o, OGRFeatureH f)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g)
        return NULL;
    g = OGR_G_Clone(g);
    if (OGR_G_TransformTo(g, o->work) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(g);
        return NULL;
    }
    return g;
}

/* The communities' extent in the run's CRS decides the frame. */
static int map_frame(const outdir *o, frame *fr)
{
    layer ly;
    if (!layer_open(o, "communities.geojson", &ly))
        return 0;
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(ly.l))) {
        OGRGeometryH g = geom_work(o, f);
        if (g) {
            OGREnvelope e;
            OGR_G_GetEnvelope(g, &e);
            x0 = fmin(x0, e.MinX);
            y0 = fmin(y0, e.MinY);
            x1 = fmax(x1, e.MaxX);
            y1 = fmax(y1, e.MaxY);
            OGR_G_DestroyGeometry(g);
        }
        OGR_F_Destroy(f);
    }
    layer_close(&ly);
    if (!(x1 > x0) || !(y1 > y0))
        return 0;
    fr->scale = fmin((MAP_W - 20) / (x1 - x0), (MAP_H - 20) / (y1 - y0));
    fr->x0 = x0 - 10 / fr->scale;
    fr->y0 = y1 + 10 / fr->scale;
    return 1;
}

/*
 * The share field that shades the communities: after the new sites (the highest tier's
 * in a nested run), else the first tier's share of a coverage run.
 */
static int share_field(OGRFeatureDefnH d, char *label, size_t size)
{
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++) /* nested runs: the first tier's */
        for (int i = 0; i < OGR_FD_GetFieldCount(d) && best < 0; i++) {
            const char *n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i));
            if (pass == 0 ? strncmp(n, "share_after_", 12) == 0 : strcmp(n, "share_after") == 0)
                best = i;
        }
    for (int i = 0; i < OGR_FD_GetFieldCount(d) && best < 0; i++) {
        const char *n = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i));
        size_t len = strlen(n);
        if (len > 6 && strcmp(n + len - 6, "_share") == 0 && strcmp(n, "reachable_share") != 0)
            best = i;
    }
    if (best >= 0)
        snprintf(label, size, "%s", OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, best)));
    return best;
}

static void draw_communities(strbuf *b, const outdir *o, const frame *fr, char *label, size_t size)
{
    layer ly;
    if (!layer_open(o, "communities.geojson", &ly))
        return;
    int fs = share_field(OGR_L_GetLayerDefn(ly.l), label, size);
    int fid = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(ly.l), "community_id");
    OGRFeatureH f;
    sb_printf(b, "<g id=\"communities\" stroke=\"#555\" stroke-width=\"0.6\">\n");
    while ((f = OGR_L_GetNextFeature(ly.l))) {
        OGRGeometryH g = geom_work(o, f);
        double share =
            fs >= 0 && OGR_F_IsFieldSetAndNotNull(f, fs) ? OGR_F_GetFieldAsDouble(f, fs) : 0;
        /* white (nobody) to green (everyone) */
        int r = (int)(255 - 200 * share), gg = (int)(255 - 80 * share),
            bl = (int)(255 - 200 * share);
        if (g) {
            sb_printf(b, "<path fill=\"rgb(%d,%d,%d)\" fill-rule=\"evenodd\" d=\"", r, gg, bl);
            poly_path(b, g, fr);
            sb_printf(b, "\"><title>");
            sb_html(b, fid >= 0 ? OGR_F_GetFieldAsString(f, fid) : "");
            sb_printf(b, ": %.1f %%</title></path>\n", 100 * share);
            OGR_G_DestroyGeometry(g);
        }
        OGR_F_Destroy(f);
    }
    sb_printf(b, "</g>\n");
    layer_close(&ly);
}

static void draw_service_areas(strbuf *b, const outdir *o, const frame *fr)
{
    layer ly;
    if (!layer_open(o, "service_areas.geojson", &ly))
        return;
    OGRFeatureH f;
    sb_printf(b, "<g id=\"service-areas\" fill=\"#2166ac\" fill-opacity=\"0.12\" "
                 "stroke=\"#2166ac\" stroke-opacity=\"0.5\" stroke-width=\"0.5\">\n");
    while ((f = OGR_L_GetNextFeature(ly.l))) {
        OGRGeometryH g = geom_work(o, f);
        if (g) {
            sb_printf(b, "<path d=\"");
            poly_path(b, g, fr);
            sb_printf(b, "\"/>\n");
            OGR_G_DestroyGeometry(g);
        }
        OGR_F_Destroy(f);
    }
    sb_printf(b, "</g>\n");
    layer_close(&ly);
}

/* Existing sites hollow, new ones filled, coloured by tier. */
static void draw_sites(strbuf *b, const outdir *o, const frame *fr)
{
    layer ly;
    int site = strcmp(o->command, "site") == 0;
    if (!layer_open(o, site ? "sites.geojson" : "facilities.geojson", &ly))
        return;
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(ly.l);
    int fs = OGR_FD_GetFieldIndex(d, "status"), ft = OGR_FD_GetFieldIndex(d, "tier");
    int fid = OGR_FD_GetFieldIndex(d, site ? "site_id" : "facility_id");
    OGRFeatureH f;
    sb_printf(b, "<g id=\"sites\">\n");
    while ((f = OGR_L_GetNextFeature(ly.l))) {
        OGRGeometryH g = geom_work(o, f);
        OGRGeometryH c = g ? OGR_G_CreateGeometry(wkbPoint) : NULL;
        if (g && c && OGR_G_Centroid(g, c) == OGRERR_NONE) {
            int t = ft >= 0 && OGR_F_IsFieldSetAndNotNull(f, ft)
                        ? outdir_tier(o, OGR_F_GetFieldAsString(f, ft))
                        : 0;
            const char *col = palette[(t < 0 ? 0 : t) % 6];
            int is_new = fs >= 0 && strcmp(OGR_F_GetFieldAsString(f, fs), "new") == 0;
            sb_printf(b,
                      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" "
                      "fill=\"%s\"><title>",
                      (OGR_G_GetX(c, 0) - fr->x0) * fr->scale,
                      (fr->y0 - OGR_G_GetY(c, 0)) * fr->scale, is_new ? 5 : 4, col,
                      is_new ? col : "white");
            sb_html(b, fid >= 0 ? OGR_F_GetFieldAsString(f, fid) : "");
            sb_printf(b, " (%s%s%s)</title></circle>\n", is_new ? "new" : "existing",
                      ft >= 0 ? ", " : "", ft >= 0 ? OGR_F_GetFieldAsString(f, ft) : "");
        }
        if (c)
            OGR_G_DestroyGeometry(c);
        if (g)
            OGR_G_DestroyGeometry(g);
        OGR_F_Destroy(f);
    }
    sb_printf(b, "</g>\n");
    layer_close(&ly);
}

static void map_section(strbuf *b, const outdir *o)
{
    frame fr;
    sb_printf(b, "<h2>Map</h2>\n");
    if (!map_frame(o, &fr)) {
        sb_printf(b, "<p>No community geometry to draw.</p>\n");
        return;
    }
    char label[160] = "";
    sb_printf(b,
              "<svg id=\"map\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
              "xmlns=\"http://www.w3.org/2000/svg\"><g id=\"map-content\">\n",
              MAP_W, MAP_H, MAP_W, MAP_H);
    draw_communities(b, o, &fr, label, sizeof label);
    draw_service_areas(b, o, &fr);
    draw_sites(b, o, &fr);
    sb_printf(b, "</g></svg>\n<p class=\"legend\">Communities shaded by <code>");
    sb_html(b, label);
    sb_printf(b, "</code> (white: nobody within reach, green: everyone). Sites: hollow "
                 "existing, filled new; colour by tier: ");
    if (o->T == 0)
        sb_printf(b, "(one tier)");
    for (size_t t = 0; t < o->T; t++) {
        sb_printf(b, "<span><span class=\"swatch\" style=\"background:%s\"></span>",
                  palette[t % 6]);
        sb_html(b, o->tier[t]);
        sb_printf(b, "</span>");
    }
    sb_printf(b, "</p>\n");
}

/* ---------------------------------------------------------------- chart */

typedef struct pt {
    double x, y;
    const char *label;
} pt;

/* The chart's SVG element (#chart, #chart-content) and its x axis. */
static void chart_open(strbuf *b, double W, double H, double L, double B)
{
    sb_printf(b,
              "<svg id=\"chart\" width=\"%.0f\" height=\"%.0f\" "
              "xmlns=\"http://www.w3.org/2000/svg\"><g id=\"chart-content\">",
              W, H);
    sb_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>", L,
              H - B, W - 10, H - B);
}

/* A line chart of y against x (the coverage curve), in #chart. */
static void line_chart(strbuf *b, const pt *p, size_t n, const char *xlabel, const char *ylabel)
{
    double xmax = 1, ymax = 1;
    for (size_t i = 0; i < n; i++) {
        xmax = fmax(xmax, p[i].x);
        ymax = fmax(ymax, p[i].y);
    }
    const double W = 700, H = 320, L = 80, B = 40;
    chart_open(b, W, H, L, B);
    sb_printf(b, "<line x1=\"%.0f\" y1=\"10\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>", L, L,
              H - B);
    sb_printf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">", W / 2, H - 8);
    sb_html(b, xlabel);
    sb_printf(b, "</text><text x=\"4\" y=\"14\" font-size=\"12\">");
    sb_html(b, ylabel);
    sb_printf(b, " (max %.0f)</text>", ymax);
    sb_printf(b, "<polyline fill=\"none\" stroke=\"#2166ac\" stroke-width=\"2\" points=\"");
    for (size_t i = 0; i < n; i++)
        sb_printf(b, "%.1f,%.1f ", L + (W - L - 20) * p[i].x / xmax,
                  (H - B) - (H - B - 20) * p[i].y / ymax);
    sb_printf(b, "\"/>");
    for (size_t i = 0; i < n; i++) {
        sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2166ac\"><title>",
                  L + (W - L - 20) * p[i].x / xmax, (H - B) - (H - B - 20) * p[i].y / ymax);
        sb_html(b, p[i].label ? p[i].label : "");
        sb_printf(b, " %.0f: %.0f</title></circle>", p[i].x, p[i].y);
    }
    sb_printf(b, "</g></svg>\n");
}

/* Bars of values in [0, 1] (shares), grouped, in #chart. */
static void bar_chart(strbuf *b, const double *v, size_t groups, size_t per, char *const *glabel,
                      const char *const *slabel)
{
    const double W = 700, H = 320, L = 40, B = 60;
    double gw = (W - L - 20) / (double)(groups ? groups : 1), bw = gw / (double)(per + 1);
    chart_open(b, W, H, L, B);
    for (size_t g = 0; g < groups; g++) {
        for (size_t s = 0; s < per; s++) {
            double share = v[g * per + s], h = (H - B - 20) * fmin(1, fmax(0, share));
            sb_printf(b,
                      "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                      "fill=\"%s\"><title>",
                      L + g * gw + s * bw, H - B - h, bw * 0.9, h, palette[s % 6]);
            sb_html(b, slabel[s]);
            sb_printf(b, ": %.1f %%</title></rect>", 100 * share);
        }
        sb_printf(b, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"12\">", L + g * gw, H - B + 16);
        sb_html(b, glabel[g]);
        sb_printf(b, "</text>");
    }
    sb_printf(b, "<text x=\"4\" y=\"14\" font-size=\"12\">share of the population within "
                 "reach</text></g></svg>\n<p class=\"legend\">");
    for (size_t s = 0; s < per; s++) {
        sb_printf(b, "<span><span class=\"swatch\" style=\"background:%s\"></span>",
                  palette[s % 6]);
        sb_html(b, slabel[s]);
        sb_printf(b, "</span>");
    }
    sb_printf(b, "</p>\n");
}

typedef struct ranked {
    int rank;
    double marginal;
    char *id;
} ranked;

static int by_rank(const void *a, const void *b)
{
    return ((const ranked *)a)->rank - ((const ranked *)b)->rank;
}

/* The coverage curve: covered population against the number of new sites, in rank order. */
static void curve_section(strbuf *b, const outdir *o)
{
    sb_printf(b, "<h2>Coverage curve</h2>\n");
    if (strcmp(o->command, "site") != 0) {
        /* a coverage run adds no site: the share within reach, tier by tier */
        double v[AMBIT_MAX_TIERS];
        const char *one[1] = {"covered"};
        for (size_t t = 0; t < o->T; t++)
            v[t] = o->total > 0 ? o->covered[t] / o->total : 0;
        bar_chart(b, v, o->T, 1, o->tier, one);
        return;
    }
    layer ly;
    if (!layer_open(o, "sites.geojson", &ly))
        return;
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(ly.l);
    int fr = OGR_FD_GetFieldIndex(d, "rank"), fm = OGR_FD_GetFieldIndex(d, "marginal");
    int fid = OGR_FD_GetFieldIndex(d, "site_id");
    size_t n = 0, cap = (size_t)OGR_L_GetFeatureCount(ly.l, 1) + 1;
    ranked *r = calloc(cap, sizeof *r);
    pt *p = calloc(cap + 1, sizeof *p);
    OGRFeatureH f;
    while (r && p && (f = OGR_L_GetNextFeature(ly.l))) {
        if (fr >= 0 && OGR_F_IsFieldSetAndNotNull(f, fr) && n < cap) {
            r[n].rank = OGR_F_GetFieldAsInteger(f, fr);
            r[n].marginal = fm >= 0 ? OGR_F_GetFieldAsDouble(f, fm) : 0;
            r[n].id = strdup(fid >= 0 ? OGR_F_GetFieldAsString(f, fid) : "");
            n++;
        }
        OGR_F_Destroy(f);
    }
    layer_close(&ly);
    if (r && p) {
        qsort(r, n, sizeof *r, by_rank);
        int nested = json_array_size(json_object_get(o->summary, "tiers")) > 0;
        double y =
            nested ? 0
                   : json_number_value(json_object_get(o->summary, "covered_population_before"));
        p[0] = (pt){0, y, "existing sites"};
        for (size_t i = 0; i < n; i++) {
            y += r[i].marginal;
            p[i + 1] = (pt){(double)(i + 1), y, r[i].id};
        }
        line_chart(b, p, n + 1, "new sites, in construction order (rank)",
                   nested ? "weighted coverage gained" : "population within reach");
        sb_printf(b, "<p>Each point adds the next site in rank order (its marginal gain): the "
                     "diminishing returns a budget is chosen on.</p>\n");
    }
    for (size_t i = 0; r && i < n; i++)
        free(r[i].id);
    free(r);
    free(p);
}

/* --------------------------------------------------------------- tables */

/* Every attribute of a layer as an HTML table with id `id` (at most max_rows rows). */
static void layer_table(strbuf *b, const outdir *o, const char *file, const char *id,
                        size_t max_rows)
{
    layer ly;
    if (!layer_open(o, file, &ly)) {
        sb_printf(b, "<p>(no %s)</p>\n", file);
        return;
    }
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(ly.l);
    int nf = OGR_FD_GetFieldCount(d);
    sb_printf(b, "<table id=\"%s\"><thead><tr>", id);
    for (int i = 0; i < nf; i++) {
        sb_printf(b, "<th>");
        sb_html(b, OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)));
        sb_printf(b, "</th>");
    }
    sb_printf(b, "</tr></thead><tbody>\n");
    OGRFeatureH f;
    size_t rows = 0;
    while ((f = OGR_L_GetNextFeature(ly.l)) && rows < max_rows) {
        sb_printf(b, "<tr>");
        for (int i = 0; i < nf; i++) {
            OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(d, i));
            sb_printf(b, "<td>");
            if (!OGR_F_IsFieldSetAndNotNull(f, i))
                ;
            else if (t == OFTReal)
                sb_printf(b, "%.4g", OGR_F_GetFieldAsDouble(f, i));
            else
                sb_html(b, OGR_F_GetFieldAsString(f, i));
            sb_printf(b, "</td>");
        }
        sb_printf(b, "</tr>\n");
        OGR_F_Destroy(f);
        rows++;
    }
    if (f)
        OGR_F_Destroy(f);
    sb_printf(b, "</tbody></table>\n");
    layer_close(&ly);
}

static void projects_section(strbuf *b, const outdir *o)
{
    sb_printf(b, "<h2>Project list</h2>\n");
    char path[4096];
    struct stat sb;
    if (stat(outdir_path(o, "projects.csv", path, sizeof path), &sb) == 0) {
        layer_table(b, o, "projects.csv", "projects-table", 100000);
    } else if (strcmp(o->command, "site") == 0) {
        sb_printf(b, "<p>The run had no phasing (--years): the sites in construction order.</p>");
        layer_table(b, o, "sites.geojson", "projects-table", 100000);
    } else {
        sb_printf(b, "<p>A coverage run proposes no project.</p>"
                     "<table id=\"projects-table\"><tbody></tbody></table>\n");
    }
}

/* ---------------------------------------------------------------- pages */

typedef struct report_job {
    ambit_ctx *ctx;
    const outdir *o;
} report_job;

static ambit_status write_report(void *j_, const char *path)
{
    const report_job *j = j_;
    const outdir *o = j->o;
    strbuf b = {0};
    char title[512];
    snprintf(title, sizeof title, "ambit report: %s", o->name);
    head(&b, title);
    sb_printf(&b, "<p>");
    sb_html(&b, o->command);
    if (*outdir_str(o, "model")) {
        sb_printf(&b, ", model ");
        sb_html(&b, outdir_str(o, "model"));
    }
    sb_printf(&b, ", %s distances, CRS ", outdir_str(o, "distance_kind"));
    sb_html(&b, json_string_value(json_object_get(json_object_get(o->summary, "crs"), "name")));
    sb_printf(&b, ". Population %.0f; within reach after the run: %.0f.",
              json_number_value(json_object_get(o->summary, "total_population")),
              json_number_value(json_object_get(o->summary, "covered_population")));
    if (json_object_get(o->summary, "gap"))
        sb_printf(&b, " Objective %.6g, bound %.6g, gap %.3g %%.",
                  json_number_value(json_object_get(o->summary, "objective")),
                  json_number_value(json_object_get(o->summary, "bound")),
                  100 * json_number_value(json_object_get(o->summary, "gap")));
    sb_printf(&b, " ambit %s.</p>\n", outdir_str(o, "ambit_version"));
    map_section(&b, o);
    curve_section(&b, o);
    sb_printf(&b, "<h2>Communities</h2>\n");
    layer_table(&b, o, "communities.geojson", "communities-table", 100000);
    projects_section(&b, o);
    tail(&b);
    ambit_status st = sb_write(j->ctx, &b, path);
    sb_free(&b);
    return st;
}

ambit_status report_html_compare(ambit_ctx *ctx, const outdir *o, size_t n, size_t T,
                                 const double *gain, const double *loss, const char *path)
{
    strbuf b = {0};
    head(&b, "ambit: scenario comparison");
    sb_printf(&b, "<p>Baseline: ");
    sb_html(&b, o[0].name);
    sb_printf(&b, ". Population %.0f in %zu demand points.</p>\n<h2>Coverage by tier</h2>\n",
              o[0].total, o[0].n);
    double *v = calloc(T * n + 1, sizeof *v);
    const char **names = calloc(n + 1, sizeof *names);
    if (!v || !names) {
        free(v);
        free(names);
        return ctx_nomem(ctx);
    }
    for (size_t s = 0; s < n; s++) {
        names[s] = o[s].name;
        for (size_t t = 0; t < T; t++) {
            int u = outdir_tier(&o[s], o[0].tier[t]);
            v[t * n + s] = u >= 0 && o[s].total > 0 ? o[s].covered[u] / o[s].total : 0;
        }
    }
    bar_chart(&b, v, T, n, o[0].tier, names);
    sb_printf(&b, "<table id=\"comparison-table\"><thead><tr><th>scenario</th><th>tier</th>"
                  "<th>existing</th><th>new</th><th>cost</th><th>covered</th><th>share</th>"
                  "<th>gain</th><th>loss</th></tr></thead><tbody>\n");
    for (size_t s = 0; s < n; s++)
        for (size_t t = 0; t < T; t++) {
            int u = outdir_tier(&o[s], o[0].tier[t]);
            sb_printf(&b, "<tr><td>");
            sb_html(&b, o[s].name);
            sb_printf(&b, "</td><td>");
            sb_html(&b, o[0].tier[t]);
            if (u < 0) {
                sb_printf(&b, "</td><td colspan=\"7\">(no such tier)</td></tr>\n");
                continue;
            }
            sb_printf(&b, "</td><td>%zu</td><td>%zu</td><td>%.0f</td><td>%.0f</td><td>%.1f %%</td>",
                      o[s].existing[u], o[s].added[u], o[s].cost, o[s].covered[u],
                      100 * v[t * n + s]);
            if (gain)
                sb_printf(&b, "<td>%.0f</td><td>%.0f</td></tr>\n", gain[s * T + t],
                          loss[s * T + t]);
            else
                sb_printf(&b, "<td></td><td></td></tr>\n");
        }
    sb_printf(&b, "</tbody></table>\n");
    tail(&b);
    free(v);
    free(names);
    ambit_status st = sb_write(ctx, &b, path);
    sb_free(&b);
    return st;
}

ambit_status ambit_report(ambit_ctx *ctx, const char *dir, const char *output_html)
{
    ctx_gdal_init();
    outdir o;
    ambit_status st = outdir_open(ctx, dir, 0, &o);
    if (!st) {
        outset out;
        /* the report is one file: its folder is the output set */
        char *folder = strdup(output_html);
        char *slash = folder ? strrchr(folder, '/') : NULL;
        const char *name = slash ? slash + 1 : output_html;
        if (slash)
            *slash = '\0';
        if (!folder)
            st = ctx_nomem(ctx);
        else
            st = run_begin(ctx, slash ? (folder[0] ? folder : "/") : ".", &out);
        if (!st) {
            report_job j = {ctx, &o};
            st = outset_write(ctx, &out, name, write_report, &j);
            st = run_end(ctx, st, &out);
        }
        free(folder);
    }
    outdir_free(&o);
    return st;
}
