/*
 * `ambit site` end to end. Known answers: spopt's San Francisco case (published
 * expectations, confirmed by enumeration), and an exact solver (glpsol) on the
 * MIP our --write-mps writes for random instances.
 */
#include "ambit_test.h"

#include "cli_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEO AMBIT_SOURCE_DIR "/geodata/"
#define SF_OD GEO "spopt-sf/od_network.csv"

static char err[16384];

static const char *sf_args[] = {
    "site", "--od",      SF_OD,      "--od-demand", "DestinationName", "--od-site",
    "name", "--od-cost", "distance", "--od-weight", "demand",          "--quiet"};
#define N_SF (sizeof sf_args / sizeof *sf_args)

/* args = sf_args + extra (NULL-terminated) */
static int run_sf(const char *const *extra)
{
    const char *args[64];
    size_t n = 0;
    for (size_t i = 0; i < N_SF; i++)
        args[n++] = sf_args[i];
    for (size_t i = 0; extra[i]; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    return cli_run(args, err, sizeof err);
}

static int has_site(const char *dir, const char *id)
{
    size_t n;
    cli_geojson_sum(cli_path(dir, "sites.geojson"), "rank", "site_id", id, NULL, &n);
    return n == 1;
}

static void test_sf_mclp_and_pmedian(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *mclp[] = {"--model",
                          "mclp",
                          "--p",
                          "4",
                          "--radius",
                          "5000",
                          "--candidates",
                          GEO "spopt-sf/stores.gpkg",
                          "--candidate-id",
                          "NAME",
                          "-o",
                          out,
                          NULL};
    assert_int_equal(run_sf(mclp), 0);
    json_t *s = cli_summary(out);
    assert_close(cli_num(s, "objective"), 875247, 0);
    assert_close(cli_num(s, "covered_population"), 875247, 0);
    assert_close(cli_num(s, "total_population"), 955113, 0);
    assert_true(cli_num(s, "bound") >= 875247 - 1e-6);
    assert_true(cli_num(s, "gap") <= 0.01);
    assert_string_equal(json_string_value(json_object_get(s, "distance_kind")), "od");
    assert_true(json_is_null(json_object_get(s, "iterations"))); /* automatic */
    const char *best[] = {"Store_2", "Store_11", "Store_12", "Store_15"};
    for (int k = 0; k < 4; k++)
        if (!has_site(out, best[k]))
            fail_msg("MCLP misses %s", best[k]);
    /* ranks 1..4, and the sites carry the stores' locations (San Francisco) */
    const double sf_box[4] = {-122.6, 37.6, -122.3, 37.9};
    size_t n;
    double ranks = cli_geojson_sum(cli_path(out, "sites.geojson"), "rank", NULL, NULL, sf_box, &n);
    assert_int_equal(n, 4);
    assert_close(ranks, 1 + 2 + 3 + 4, 0);
    double marg =
        cli_geojson_sum(cli_path(out, "sites.geojson"), "marginal", NULL, NULL, NULL, NULL);
    assert_close(marg, 875247, 1e-12);
    json_decref(s);

    char *out2 = cli_tempdir();
    const char *pmed[] = {"--model", "pmedian", "--p", "4", "--iterations", "7", "-o", out2, NULL};
    assert_int_equal(run_sf(pmed), 0);
    s = cli_summary(out2);
    assert_close(cli_num(s, "iterations"), 7, 0);
    assert_close(cli_num(s, "objective"), 2848268129.7145, 1e-12);
    assert_true(cli_num(s, "bound") <= 2848268129.7145 * (1 + 1e-12));
    for (int k = 0; k < 4; k++)
        if (!has_site(out2, best[k]))
            fail_msg("p-median misses %s", best[k]);
    json_decref(s);
    free(out);
    free(out2);
}

/* Phasing: the project list follows the construction order and adds up. */
static void test_phasing(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *args[] = {"--model", "mclp",       "--p", "5",  "--radius", "5000", "--years",
                          "3",       "--per-year", "2",   "-o", out,        NULL};
    assert_int_equal(run_sf(args), 0);
    json_t *s = cli_summary(out);
    double covered = cli_num(s, "covered_population");
    size_t n;
    /* projects.csv, read back through GDAL: years 1, 1, 2, 2, 3 in rank order */
    double years = cli_geojson_sum(cli_path(out, "projects.csv"), "year", NULL, NULL, NULL, &n);
    assert_int_equal(n, 5);
    assert_close(years, 1 + 1 + 2 + 2 + 3, 0);
    double gains = cli_geojson_sum(cli_path(out, "projects.csv"), "gain", NULL, NULL, NULL, NULL);
    assert_close(gains, covered - cli_num(s, "covered_population_before"), 1e-12);
    double last =
        cli_geojson_sum(cli_path(out, "projects.csv"), "covered_after", "rank", "5", NULL, NULL);
    assert_close(last, covered, 1e-12);
    assert_close(cli_geojson_sum(cli_path(out, "sites.geojson"), "year", NULL, NULL, NULL, NULL), 9,
                 0);
    json_t *by_year = json_object_get(json_object_get(s, "phasing"), "by_year");
    assert_int_equal(json_array_size(by_year), 3);
    assert_close(cli_num(json_array_get(by_year, 2), "covered_after"), covered, 1e-12);
    json_decref(s);

    /* a yearly budget: no year spends more than it (stores cost 1; 2 a year) */
    char *out2 = cli_tempdir();
    const char *by_budget[] = {
        "--model",           "mclp", "--p", "5",  "--radius", "5000", "--years", "2",
        "--budget-per-year", "2",    "-o",  out2, NULL};
    assert_int_equal(run_sf(by_budget), 0);
    s = cli_summary(out2);
    by_year = json_object_get(json_object_get(s, "phasing"), "by_year");
    for (size_t y = 0; y < json_array_size(by_year); y++)
        assert_true(cli_num(json_array_get(by_year, y), "cost") <= 2);
    assert_close(cli_num(json_object_get(s, "phasing"), "after_last_year"), 1, 0);
    json_decref(s);
    free(out);
    free(out2);
}

/* ------------------------------------------------ random instances vs glpsol */

static void write_points(const char *path, size_t from, size_t to, int with_cost, uint64_t *seed)
{
    FILE *f = fopen(path, "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (size_t j = from; j < to; j++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"s%zu\",\"cost\":%d,\"cap\":%d},"
                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}}",
                j > from ? "," : "", j, with_cost ? 1 + (int)(9 * test_rand(seed)) : 1,
                100 + (int)(300 * test_rand(seed)), 24.9 + 0.01 * test_rand(seed),
                60.1 + 0.01 * test_rand(seed));
    fputs("]}", f);
    fclose(f);
}

static void test_random_against_glpsol(void **state)
{
    (void)state;
    if (!cli_have_glpsol())
        skip();
    for (uint64_t seed = 1; seed <= 4; seed++) {
        char *dir = cli_tempdir();
        uint64_t st = seed * 7919;
        /* 40 demand points, 14 sites (2 existing), random distances 0..2000 m, some missing */
        FILE *f = fopen(cli_path(dir, "od.csv"), "w");
        fputs("demand_id,site_id,cost,weight\n", f);
        for (int i = 0; i < 40; i++) {
            int w = 1 + (int)(50 * test_rand(&st));
            for (int j = 0; j < 14; j++)
                if (test_rand(&st) < 0.8)
                    fprintf(f, "d%d,s%d,%.3f,%d\n", i, j, 2000 * test_rand(&st), w);
            fprintf(f, "d%d,s%d,%.3f,%d\n", i, 13, 1500 + 500 * test_rand(&st), w);
        }
        fclose(f);
        char fac[1024], cand[1024], od[1024];
        snprintf(fac, sizeof fac, "%s", cli_path(dir, "existing.geojson"));
        snprintf(cand, sizeof cand, "%s", cli_path(dir, "candidates.geojson"));
        snprintf(od, sizeof od, "%s", cli_path(dir, "od.csv"));
        write_points(fac, 0, 2, 0, &st);
        write_points(cand, 2, 14, 1, &st);
        const char *models[][10] = {
            {"--model", "mclp", "--p", "3", "--radius", "700", NULL},
            {"--model", "pmedian", "--p", "3", NULL},
            {"--model", "target", "--coverage", "0.9", "--radius", "800", NULL},
            {"--model", "budget", "--budget", "12", "--cost-field", "cost", "--radius", "700"},
            /* capacities (100-400 people per site, about 1,000 people in all) */
            {"--model", "mclp", "--p", "3", "--radius", "900", "--capacity-field", "cap"},
            {"--model", "budget", "--budget", "10", "--cost-field", "cost", "--radius", "900",
             "--capacity-field", "cap"},
        };
        for (int m = 0; m < 6; m++) {
            char out[1024], mps[1024];
            snprintf(out, sizeof out, "%s/out%d", dir, m);
            snprintf(mps, sizeof mps, "%s/model%d.mps", dir, m);
            const char *args[40] = {
                "site", "--od",         od,   "--facilities",   fac,  "--facility-id",
                "id",   "--candidates", cand, "--candidate-id", "id", "--write-mps",
                mps,    "-o",           out,  "--quiet"};
            size_t n = 16;
            for (int k = 0; k < 10 && models[m][k]; k++)
                args[n++] = models[m][k];
            args[n] = NULL;
            if (cli_run(args, err, sizeof err) != 0)
                fail_msg("seed %llu model %d: %s", (unsigned long long)seed, m, err);
            json_t *s = cli_summary(out);
            double exact = cli_glpsol_objective(mps, dir), ours;
            if (m == 1 || m == 2)
                ours = cli_num(s, "objective");
            else if (m >= 4) /* with capacities the MIP maximises all the population served */
                ours = -cli_num(s, "covered_population");
            else /* the MPS maximises the newly covered population, negated */
                ours =
                    -(cli_num(s, "covered_population") - cli_num(s, "covered_population_before"));
            if (fabs(ours - exact) > 1e-6 * fmax(1, fabs(exact)))
                fail_msg("seed %llu %s: ours %.6f, glpsol %.6f", (unsigned long long)seed,
                         models[m][1], ours, exact);
            json_decref(s);
        }
        free(dir);
    }
}

/* The per-community floor on small random cases: glpsol's optimum on our MIP. */
static void test_floor_against_glpsol(void **state)
{
    (void)state;
    if (!cli_have_glpsol())
        skip();
    for (uint64_t seed = 1; seed <= 3; seed++) {
        uint64_t st = seed * 104729;
        char *dir = cli_tempdir();
        char comm[1024], pop[1024], cand[1024], mps[1024], out[1024];
        snprintf(comm, sizeof comm, "%s", cli_path(dir, "communities.geojson"));
        snprintf(pop, sizeof pop, "%s", cli_path(dir, "population.geojson"));
        snprintf(cand, sizeof cand, "%s", cli_path(dir, "candidates.geojson"));
        snprintf(mps, sizeof mps, "%s", cli_path(dir, "floor.mps"));
        snprintf(out, sizeof out, "%s", cli_path(dir, "out"));
        /* three communities side by side in central Helsinki (lon/lat) */
        FILE *f = fopen(comm, "w");
        fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
        for (int c = 0; c < 3; c++)
            fprintf(f,
                    "%s{\"type\":\"Feature\",\"properties\":{\"cid\":\"c%d\"},\"geometry\":"
                    "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,60.16],[%.4f,60.16],[%.4f,"
                    "60.18],[%.4f,60.18],[%.4f,60.16]]]}}",
                    c ? "," : "", c, 24.90 + 0.02 * c, 24.92 + 0.02 * c, 24.92 + 0.02 * c,
                    24.90 + 0.02 * c, 24.90 + 0.02 * c);
        fputs("]}", f);
        fclose(f);
        f = fopen(pop, "w");
        fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
        for (int i = 0; i < 45; i++)
            fprintf(f,
                    "%s{\"type\":\"Feature\",\"properties\":{\"pop\":%d},\"geometry\":{"
                    "\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}}",
                    i ? "," : "", 10 + (int)(90 * test_rand(&st)), 24.9005 + 0.059 * test_rand(&st),
                    60.1605 + 0.019 * test_rand(&st));
        fputs("]}", f);
        fclose(f);
        f = fopen(cand, "w");
        fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
        for (int j = 0; j < 12; j++)
            fprintf(f,
                    "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"k%d\"},\"geometry\":{"
                    "\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}}",
                    j ? "," : "", j, 24.9 + 0.06 * test_rand(&st), 60.16 + 0.02 * test_rand(&st));
        fputs("]}", f);
        fclose(f);
        /* uncapacitated, then every site serving at most 700 people (about 2,500 in all) */
        for (int capacitated = 0; capacitated < 2; capacitated++) {
            const char *args[32] = {"site",
                                    "--communities",
                                    comm,
                                    "--community-id",
                                    "cid",
                                    "--population",
                                    pop,
                                    "--population-field",
                                    "pop",
                                    "--candidates",
                                    cand,
                                    "--candidate-id",
                                    "id",
                                    "--model",
                                    "floor",
                                    "--community-floor",
                                    "0.6",
                                    "--radius",
                                    "500",
                                    "--write-mps",
                                    mps,
                                    "-o",
                                    out,
                                    "--quiet",
                                    capacitated ? "--capacity" : NULL,
                                    "700",
                                    NULL};
            char outc[1100];
            snprintf(outc, sizeof outc, "%s%d", out, capacitated);
            args[22] = outc;
            if (cli_run(args, err, sizeof err) != 0)
                fail_msg("seed %llu: %s", (unsigned long long)seed, err);
            json_t *s = cli_summary(outc);
            double exact = cli_glpsol_objective(mps, dir);
            if (fabs(cli_num(s, "objective") - exact) > 1e-9)
                fail_msg("seed %llu capacitated %d: floor %.0f sites, glpsol %.0f",
                         (unsigned long long)seed, capacitated, cli_num(s, "objective"), exact);
            assert_true(cli_num(s, "bound") <= exact + 1e-9);
            json_decref(s);
        }
        free(dir);
    }
}

/* Straight-line siting on the Helsinki grid: a candidate grid, existing centres kept. */
static void test_helsinki_candidate_grid(void **state)
{
    (void)state;
    char *out = cli_tempdir();
    const char *args[] = {"site",
                          "--population",
                          GEO "helsinki/population_central_250m.tif",
                          "--facilities",
                          GEO "helsinki/facilities_osm.gpkg:community_services",
                          "--facility-id",
                          "osm_id",
                          "--candidate-grid",
                          "250",
                          "--model",
                          "mclp",
                          "--p",
                          "5",
                          "--radius",
                          "500",
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    assert_int_equal(cli_run(args, err, sizeof err), 0);
    json_t *s = cli_summary(out);
    double cov = cli_num(s, "covered_population"), before = cli_num(s, "covered_population_before");
    assert_close(cli_num(s, "total_population"), 167306, 0); /* the cut's own total */
    assert_close(cli_num(s, "objective"), cov, 1e-12);
    assert_true(cov > before && before > 0);
    assert_true(cli_num(s, "bound") >= cov - 1e-6);
    assert_close(cli_num(s, "sites_selected"), 5, 0);
    size_t n;
    double marg =
        cli_geojson_sum(cli_path(out, "sites.geojson"), "marginal", "status", "new", NULL, &n);
    assert_int_equal(n, 5);
    assert_close(marg, cov - before, 1e-9);
    double after = cli_geojson_sum(cli_path(out, "communities.geojson"), "covered_after", NULL,
                                   NULL, NULL, NULL);
    assert_close(after, cov, 1e-9);
    json_decref(s);
    free(out);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    char *fx = cli_tempdir();
    FILE *f;
    char negcost[1024], dup[1024], whole[1024], priced[1024];
    snprintf(priced, sizeof priced, "%s", cli_path(fx, "priced.geojson"));
    f = fopen(priced, "w"); /* three sites in central Helsinki costing 5, 7 and 9 */
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (int k = 0; k < 3; k++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"c%d\",\"cost\":%d},"
                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.3f,60.17]}}",
                k ? "," : "", k, 5 + 2 * k, 24.93 + 0.01 * k);
    fputs("]}", f);
    fclose(f);
    snprintf(negcost, sizeof negcost, "%s", cli_path(fx, "negcost.geojson"));
    snprintf(dup, sizeof dup, "%s", cli_path(fx, "dup.geojson"));
    snprintf(whole, sizeof whole, "%s", cli_path(fx, "whole.geojson"));
    f = fopen(negcost, "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
          "\"NAME\":\"Store_1\",\"cost\":-5},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
          "-122.5,37.77]}}]}",
          f);
    fclose(f);
    f = fopen(dup, "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
          "\"NAME\":\"Store_1\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-122.5,37.77]"
          "}},{\"type\":\"Feature\",\"properties\":{\"NAME\":\"Store_1\"},\"geometry\":{\"type\":"
          "\"Point\",\"coordinates\":[-122.4,37.77]}}]}",
          f);
    fclose(f);
    f = fopen(whole, "w"); /* a mask over all of Helsinki */
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
          "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[24.5,60.0],[25.5,60.0],[25.5,"
          "60.5],[24.5,60.5],[24.5,60.0]]]}}]}",
          f);
    fclose(f);
    const char *grid = GEO "helsinki/population_central_250m.tif";
    const char *stores = GEO "spopt-sf/stores.gpkg";
#define OUT CLI_OUT
#define SF                                                                                         \
    "--od", SF_OD, "--od-demand", "DestinationName", "--od-site", "name", "--od-cost", "distance", \
        "--od-weight", "demand"
    const cli_bad cases[] = {
        {"p zero",
         {SF, "--model", "mclp", "--p", "0", "--radius", "5000", "-o", OUT},
         1,
         "at least 1"},
        {"p above candidates",
         {SF, "--model", "mclp", "--p", "17", "--radius", "5000", "-o", OUT},
         1,
         "more than the 16 candidate"},
        {"target unreachable",
         {SF, "--model", "target", "--coverage", "1", "--radius", "300", "-o", OUT},
         1,
         "cannot be reached"},
        {"budget below cheapest",
         {"--population", grid, "--candidates", priced, "--candidate-id", "id", "--cost-field",
          "cost", "--model", "budget", "--budget", "1", "--radius", "500", "-o", OUT},
         1,
         "below the cheapest candidate site (cost 5)"},
        {"negative cost",
         {SF, "--model", "mclp", "--p", "1", "--radius", "5000", "--candidates", negcost,
          "--candidate-id", "NAME", "--cost-field", "cost", "-o", OUT},
         1,
         "cost field 'cost' is -5"},
        {"OD names an unknown site",
         {SF, "--model", "mclp", "--p", "1", "--radius", "5000", "--candidates", negcost,
          "--candidate-id", "NAME", "-o", OUT},
         1,
         "neither a candidate nor an existing facility"},
        {"site both existing and candidate",
         {SF, "--model", "mclp", "--p", "1", "--radius", "5000", "--candidates", stores,
          "--candidate-id", "NAME", "--facilities", negcost, "--facility-id", "NAME", "-o", OUT},
         1,
         "names both"},
        {"duplicate ids",
         {SF, "--model", "mclp", "--p", "1", "--radius", "5000", "--candidates", dup,
          "--candidate-id", "NAME", "-o", OUT},
         1,
         "used by two sites"},
        {"empty after exclusion",
         {"--population", grid, "--candidate-grid", "250", "--exclude", whole, "--model", "mclp",
          "--p", "2", "--radius", "500", "-o", OUT},
         1,
         "no candidate"},
        {"negative capacity",
         {SF, "--model", "mclp", "--p", "2", "--radius", "5000", "--capacity", "-5", "-o", OUT},
         1,
         "a capacity must be >= 0"},
        {"capacity with pmedian",
         {SF, "--model", "pmedian", "--p", "2", "--capacity", "100", "-o", OUT},
         2,
         "capacities go with"},
        {"budget per year below every site",
         {"--population",      grid,   "--candidates", priced,
          "--candidate-id",    "id",   "--cost-field", "cost",
          "--model",           "mclp", "--p",          "2",
          "--radius",          "500",  "--years",      "3",
          "--budget-per-year", "4",    "-o",           OUT},
         1,
         "below the cost of every candidate"},
        {"years without a rule",
         {SF, "--model", "mclp", "--p", "2", "--radius", "5000", "--years", "3", "-o", OUT},
         2,
         "--budget-per-year B or --per-year N"},
        {"floor without its share",
         {"--population", grid, "--candidate-grid", "250", "--model", "floor", "--radius", "500",
          "-o", OUT},
         2,
         "--model floor needs --community-floor"},
        {"floor share out of range",
         {"--population", grid, "--candidate-grid", "250", "--model", "floor", "--community-floor",
          "1.5", "--radius", "500", "-o", OUT},
         1,
         "must be in (0, 1]"},
        {"p with target",
         {SF, "--model", "target", "--coverage", "0.9", "--p", "3", "--radius", "5000", "-o", OUT},
         2,
         "--p does not go"},
        {"coverage with mclp",
         {SF, "--model", "mclp", "--p", "3", "--coverage", "0.9", "--radius", "5000", "-o", OUT},
         2,
         "--coverage goes"},
        {"unknown model", {SF, "--model", "pcenter", "-o", OUT}, 2, "not one of"},
        {"no candidates",
         {"--population", grid, "--model", "mclp", "--p", "2", "--radius", "500", "-o", OUT},
         2,
         "--candidates or --candidate-grid"},
    };
    cli_expect_failures("site", cases, sizeof cases / sizeof *cases);
    free(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sf_mclp_and_pmedian),     cmocka_unit_test(test_phasing),
        cmocka_unit_test(test_random_against_glpsol),   cmocka_unit_test(test_floor_against_glpsol),
        cmocka_unit_test(test_helsinki_candidate_grid), cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
