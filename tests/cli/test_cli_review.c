/*
 * Planning reviews end to end: the scenarios shipped in geodata/scenarios run with
 * `ambit run` (checked against the same runs made directly, and the recorded input
 * checksums against sha256sum), compared with `ambit compare` (numbers checked
 * against the individual runs: covered population per tier from each summary.json,
 * gains equal to the growth of coverage since adding sites loses nobody), the HTML
 * report and comparison rendered by headless Chromium (what rendered, no script
 * error; screenshots kept in the build tree), and every bad input of the issue.
 */
#include "ambit_test.h"

#include "cli_util.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GEO AMBIT_SOURCE_DIR "/geodata/"
#define SCEN GEO "scenarios/"

static char err[16384];
static char *dirs[3];
static const char *const names[3] = {"today", "plan-a-community", "plan-b-tiers"};

static int run_all(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        dirs[i] = cli_tempdir();
        char scen[1024];
        snprintf(scen, sizeof scen, SCEN "%s.yaml", names[i]);
        const char *args[] = {"run", scen, "-o", dirs[i], "--quiet", NULL};
        if (cli_run(args, err, sizeof err) != 0) {
            fprintf(stderr, "ambit run %s: %s\n", scen, err);
            return -1;
        }
    }
    return 0;
}

static int free_all(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        free(dirs[i]);
    return 0;
}

/* The first word sha256sum prints for path. */
static void sha256sum(const char *path, char *hex)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%64s", hex), 1);
    pclose(p);
}

static json_t *tier_of(json_t *summary, const char *name)
{
    json_t *tiers = json_object_get(summary, "tiers");
    for (size_t i = 0; i < json_array_size(tiers); i++) {
        json_t *t = json_array_get(tiers, i);
        const char *n = json_string_value(json_object_get(t, "name")); /* coverage */
        if (!n)
            n = json_string_value(json_object_get(t, "tier")); /* site */
        if (n && strcmp(n, name) == 0)
            return t;
    }
    fail_msg("no tier %s", name);
    return NULL;
}

static void test_run_records_what_it_assumed(void **state)
{
    (void)state;
    json_t *run = NULL;
    json_error_t e;
    run = json_load_file(cli_path(dirs[0], "run.json"), 0, &e);
    assert_non_null(run);
    assert_string_equal(json_string_value(json_object_get(run, "ambit_version")), ambit_version());
    json_t *in = json_object_get(run, "inputs");
    assert_true(json_array_size(in) >= 2);
    for (size_t i = 0; i < json_array_size(in); i++) {
        json_t *x = json_array_get(in, i);
        char hex[65];
        sha256sum(json_string_value(json_object_get(x, "path")), hex);
        assert_string_equal(json_string_value(json_object_get(x, "sha256")), hex);
    }
    /* the scenario as it was, byte for byte */
    char a[65], b[65];
    sha256sum(SCEN "today.yaml", a);
    sha256sum(cli_path(dirs[0], "scenario.yaml"), b);
    assert_string_equal(a, b);
    json_decref(run);

    /* plan B run directly gives the same answer */
    char *out = cli_tempdir();
    const char *args[] = {"site",
                          "--population",
                          GEO "helsinki/population_central_250m.tif",
                          "--facilities",
                          GEO "helsinki/facilities_osm.gpkg:sports",
                          "--facility-id",
                          "osm_id",
                          "--tier-field",
                          "tier",
                          "--candidates",
                          GEO "helsinki/facilities_osm.gpkg:candidate_land",
                          "--candidate-id",
                          "osm_id",
                          "--facility",
                          "sports-park",
                          "--model",
                          "mclp",
                          "--p",
                          "area=2,community=4,compound=6",
                          "--years",
                          "3",
                          "--per-year",
                          "4",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *direct = cli_summary(out), *scen = cli_summary(dirs[2]);
    assert_close(cli_num(scen, "objective"), cli_num(direct, "objective"), 0);
    json_decref(direct);
    json_decref(scen);
    free(out);
}

/* Reads comparison.csv rows: covered, gain, loss of (scenario index, tier). */
static void csv_row(const char *path, const char *scenario, const char *tier, double *covered,
                    double *gain, double *loss, int *new_sites)
{
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    int found = 0;
    while ((f = OGR_L_GetNextFeature(l))) {
        if (strcmp(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "folder")), scenario) == 0 &&
            strcmp(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "tier")), tier) == 0) {
            *covered = OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "covered"));
            *gain = OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "gain_vs_baseline"));
            *loss = OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "loss_vs_baseline"));
            *new_sites = OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "new_sites"));
            found = 1;
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    if (!found)
        fail_msg("no row %s / %s in %s", scenario, tier, path);
}

static void test_compare(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *args[] = {"compare", dirs[0],  dirs[1],   dirs[2], "-o",
                          out,       "--html", "--quiet", NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s[3];
    for (int i = 0; i < 3; i++)
        s[i] = cli_summary(dirs[i]);
    const char *tiers[] = {"area", "community", "compound"};
    const char *p_new[3] = {"2", "4", "6"};
    for (int t = 0; t < 3; t++) {
        /* the nested coverage baseline equals what the nested site run found before */
        double before = cli_num(tier_of(s[2], tiers[t]), "covered_population_before");
        double today = cli_num(tier_of(s[0], tiers[t]), "covered_population");
        assert_close(today, before, 0);
        for (int k = 0; k < 3; k++) {
            double covered = -1, gain = -1, loss = -1;
            int added = -1;
            csv_row(cli_path(out, "comparison.csv"), dirs[k], tiers[t], &covered, &gain, &loss,
                    &added);
            double expect = k == 0 ? today : cli_num(tier_of(s[k], tiers[t]), "covered_population");
            assert_close(covered, expect, 0);
            /* new sites never take access away: the gain is the growth, the loss 0 */
            assert_close(gain, covered - today, 1e-9);
            assert_close(loss, 0, 0);
            if (k == 2)
                assert_int_equal(added, atoi(p_new[t]));
        }
    }
    for (int i = 0; i < 3; i++)
        json_decref(s[i]);
    /* the difference layer: demand points that gain (no loss), and the study area */
    size_t n = 0;
    double change = cli_geojson_sum(cli_path(out, "difference.geojson"), "change", "kind",
                                    "demand_gains", NULL, &n);
    assert_true(n > 0 && change > 0);
    cli_geojson_sum(cli_path(out, "difference.geojson"), "change", "kind", "demand_loses", NULL,
                    &n);
    assert_int_equal(n, 0);
    struct stat sb;
    assert_int_equal(stat(cli_path(out, "comparison.md"), &sb), 0);
    assert_int_equal(stat(cli_path(out, "comparison.html"), &sb), 0);
    free(out);
}

/* Loads the page in headless Chromium: what #render-check says, and the screenshot. */
static json_t *render(const char *html, const char *png)
{
    if (system("command -v chromium >/dev/null 2>&1") != 0)
        fail_msg("chromium is not installed (scripts/deps.sh installs it)");
    char cmd[4096], log[2048];
    snprintf(log, sizeof log, "%s.log", png);
    snprintf(cmd, sizeof cmd,
             "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
             "--enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom 'file://%s' "
             "2>'%s'",
             html, log);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    static char dom[1 << 20];
    size_t n = fread(dom, 1, sizeof dom - 1, p);
    dom[n] = '\0';
    pclose(p);
    /* no script error reached the console */
    FILE *l = fopen(log, "r");
    char line[4096];
    while (l && fgets(line, sizeof line, l))
        if (strstr(line, "CONSOLE") && strstr(line, "Uncaught"))
            fail_msg("console error: %s", line);
    if (l)
        fclose(l);
    const char *tag = "<pre id=\"render-check\">";
    char *at = strstr(dom, tag);
    if (!at)
        fail_msg("the page did not render #render-check");
    at += strlen(tag);
    char *end = strstr(at, "</pre>");
    assert_non_null(end);
    *end = '\0';
    json_error_t e;
    json_t *j = json_loads(at, 0, &e);
    if (!j)
        fail_msg("render-check is not JSON: %s", at);
    snprintf(cmd, sizeof cmd,
             "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
             "--window-size=1100,1800 --screenshot='%s' 'file://%s' 2>/dev/null",
             png, html);
    assert_int_equal(system(cmd), 0);
    struct stat sb;
    assert_int_equal(stat(png, &sb), 0);
    assert_true(sb.st_size > 10000);
    return j;
}

static void test_report_in_browser(void **state)
{
    (void)state;
    char html[2048];
    snprintf(html, sizeof html, "%s/report.html", dirs[2]);
    const char *args[] = {"report", dirs[2], "-o", html, "--quiet", NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *r = render(html, AMBIT_ARTEFACTS "/report-plan-b.png");
    /* the study area and 34 service areas as paths, 22 existing and 12 new sites as circles */
    assert_close(cli_num(r, "map_shapes"), 1 + 2 * (22 + 12), 0);
    assert_true(cli_num(r, "map_width") > 100);
    assert_close(cli_num(r, "chart_marks"), 13, 0); /* the start and 12 new sites */
    assert_true(cli_num(r, "chart_width") > 100);
    assert_close(cli_num(r, "project_rows"), 12, 0);
    assert_true(cli_num(r, "community_rows") >= 1);
    assert_int_equal(json_array_size(json_object_get(r, "errors")), 0);
    json_decref(r);

    /* the comparison page: 3 scenarios x 3 tiers in the table and as bars */
    char *out = cli_tempdir();
    const char *cmp[] = {"compare", dirs[0],  dirs[1],   dirs[2], "-o",
                         out,       "--html", "--quiet", NULL};
    assert_int_equal(cli_run(cmp, err, sizeof err), 0);
    snprintf(html, sizeof html, "%s/comparison.html", out);
    r = render(html, AMBIT_ARTEFACTS "/comparison.png");
    assert_close(cli_num(r, "comparison_rows"), 9, 0);
    assert_close(cli_num(r, "chart_marks"), 9, 0);
    assert_int_equal(json_array_size(json_object_get(r, "errors")), 0);
    json_decref(r);
    free(out);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    char *dir = cli_tempdir();
    char unknown_top[1024], unknown_opt[1024], missing[1024], not_yaml[1024], no_version[1024];
    snprintf(unknown_top, sizeof unknown_top, "%s", cli_path(dir, "unknown_top.yaml"));
    snprintf(unknown_opt, sizeof unknown_opt, "%s", cli_path(dir, "unknown_opt.yaml"));
    snprintf(missing, sizeof missing, "%s", cli_path(dir, "missing.yaml"));
    snprintf(not_yaml, sizeof not_yaml, "%s", cli_path(dir, "not_yaml.yaml"));
    snprintf(no_version, sizeof no_version, "%s", cli_path(dir, "no_version.yaml"));
    write_file(unknown_top,
               "scenario: 1\ncommand: coverage\nbudgets: 3\noptions:\n  radius: 500\n");
    write_file(unknown_opt, "scenario: 1\ncommand: coverage\noptions:\n  population: " GEO
                            "helsinki/population_central_250m.tif\n  facilities: " GEO
                            "helsinki/facilities_osm.gpkg:sports\n  radius: 500\n"
                            "  raduis: 300\n");
    write_file(missing, "scenario: 1\ncommand: coverage\noptions:\n  population: nowhere.tif\n"
                        "  radius: 500\n");
    write_file(not_yaml, "scenario: 1\ncommand: [coverage\n");
    write_file(no_version, "command: coverage\noptions:\n  radius: 500\n");
    const cli_bad runs[] = {
        {"unknown top-level key",
         {unknown_top, "-o", CLI_OUT, NULL},
         1,
         "line 3: unknown key 'budgets'"},
        {"unknown option key",
         {unknown_opt, "-o", CLI_OUT, NULL},
         1,
         "line 7: unknown key 'raduis' for `ambit coverage`"},
        {"missing input file", {missing, "-o", CLI_OUT, NULL}, 1, "population: no file '"},
        {"not YAML", {not_yaml, "-o", CLI_OUT, NULL}, 1, "not_yaml.yaml' line"},
        {"no format version", {no_version, "-o", CLI_OUT, NULL}, 1, "needs 'scenario: 1'"},
        {"no scenario file", {"-o", CLI_OUT, NULL}, 2, "one scenario file"},
    };
    cli_expect_failures("run", runs, sizeof runs / sizeof *runs);

    /* a run on another population, and one in another CRS */
    char *other = cli_tempdir(), *crs = cli_tempdir();
    const char *pop_args[] = {"coverage",
                              "--population",
                              GEO "helsinki/population_250m.tif",
                              "--facilities",
                              GEO "helsinki/facilities_osm.gpkg:sports",
                              "--radius",
                              "500",
                              "--access-table",
                              "-o",
                              other,
                              "--quiet",
                              NULL};
    assert_int_equal(cli_run(pop_args, err, sizeof err), 0);
    const char *crs_args[] = {"coverage",
                              "--population",
                              GEO "helsinki/population_central_250m.tif",
                              "--facilities",
                              GEO "helsinki/facilities_osm.gpkg:sports",
                              "--radius",
                              "500",
                              "--crs",
                              "EPSG:3067",
                              "--access-table",
                              "-o",
                              crs,
                              "--quiet",
                              NULL};
    assert_int_equal(cli_run(crs_args, err, sizeof err), 0);
    const cli_bad cmps[] = {
        {"not an ambit output",
         {dirs[0], dir, "-o", CLI_OUT, NULL},
         1,
         "is not an ambit output folder"},
        {"different population",
         {dirs[0], other, "-o", CLI_OUT, NULL},
         1,
         "are runs on different population inputs"},
        {"different CRS",
         {dirs[0], crs, "-o", CLI_OUT, NULL},
         1,
         "in different CRS cannot be compared"},
        {"one folder only", {dirs[0], "-o", CLI_OUT, NULL}, 2, "two or more output folders"},
    };
    cli_expect_failures("compare", cmps, sizeof cmps / sizeof *cmps);
    /* --force compares different populations anyway (without gains and losses) */
    char *forced = cli_tempdir();
    const char *force[] = {"compare", dirs[0], other, "-o", forced, "--force", "--quiet", NULL};
    assert_int_equal(cli_run(force, err, sizeof err), 0);
    const cli_bad reports[] = {
        {"report of a folder that is not an output",
         {dir, "-o", CLI_OUT, NULL},
         1,
         "is not an ambit output folder"},
    };
    cli_expect_failures("report", reports, 1);
    const cli_bad cov[] = {
        {"--nested without tiers of facilities",
         {"--population", GEO "helsinki/population_central_250m.tif", "--facilities",
          GEO "helsinki/facilities_osm.gpkg:sports", "--facility", "sports-park", "--nested", "-o",
          CLI_OUT, NULL},
         2,
         "--nested needs --tier-field"},
        {"--access-table with an OD table",
         {"--model", "mclp", "--p", "1", "--radius", "500", "--od", "x.csv", "--access-table", "-o",
          CLI_OUT, NULL},
         2,
         "--access-table needs --population"},
    };
    cli_expect_failures("coverage", cov, 1);
    cli_expect_failures("site", cov + 1, 1);
    free(forced);
    free(other);
    free(crs);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_records_what_it_assumed),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_report_in_browser),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, run_all, free_all);
}
