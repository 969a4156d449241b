/*
 * `ambit site --facility sports-park` without --tier: the three tiers in one solve.
 * The worked example on real Helsinki data (OSM sports facilities and open land, HSY
 * population) and small random cases are checked against glpsol's optimum of the MIP
 * ambit writes; phasing and per-tier outputs must add up; bad inputs must fail cleanly.
 */
#include "ambit_test.h"
#include "cli_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRC AMBIT_SOURCE_DIR "/geodata/helsinki/"

static char err[8192];

/* Reads a CSV of the project list: counts rows per year and per tier. */
static void read_projects(const char *path, int *per_year, int *per_tier, double *cost)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(strstr(line, "tier"));
    *cost = 0;
    while (fgets(line, sizeof line, f)) {
        /* year,rank,site_id,name,model,cost,gain,covered_after,share_after,cumulative_cost,
         * tier,...: split at commas, keeping empty fields (no field here holds a comma) */
        char *fields[24];
        int n = 0;
        for (char *p = line; p && n < 24;) {
            fields[n++] = p;
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        assert_true(n >= 11);
        fields[n - 1][strcspn(fields[n - 1], "\n")] = '\0';
        int year = atoi(fields[0]);
        if (year >= 1 && year <= 3)
            per_year[year - 1]++;
        const char *tier = fields[10];
        per_tier[strcmp(tier, "area") == 0 ? 0 : strcmp(tier, "community") == 0 ? 1 : 2]++;
        *cost += atof(fields[5]);
    }
    fclose(f);
}

/* The worked example of docs/site.md: 2 area, 4 community, 6 compound parks. */
static void test_helsinki_worked_example(void **state)
{
    (void)state;
    char *dir = cli_tempdir();
    char out[1024], mps[1024];
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(mps, sizeof mps, "%s/nested.mps", dir);
    const char *args[] = {"site",
                          "--population",
                          SRC "population_central_250m.tif",
                          "--facilities",
                          SRC "facilities_osm.gpkg:sports",
                          "--facility-id",
                          "osm_id",
                          "--tier-field",
                          "tier",
                          "--candidates",
                          SRC "facilities_osm.gpkg:candidate_land",
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
                          "--write-mps",
                          mps,
                          "-o",
                          out,
                          "--quiet",
                          NULL};
    if (cli_run(args, err, sizeof err) != 0)
        fail_msg("%s", err);
    json_t *s = cli_summary(out);
    json_t *tiers = json_object_get(s, "tiers");
    assert_int_equal(json_array_size(tiers), 3);
    /* eligibility by land area: OSM open land polygons of >= 3150, 1310, 770 m2 (counted
     * with GDAL's SQLite ST_Area on the same layer) */
    const double eligible[3] = {10, 26, 38}, existing[3] = {4, 4, 14}, p[3] = {2, 4, 6};
    double weighted = 0, weighted_before = 0;
    for (size_t t = 0; t < 3; t++) {
        json_t *tj = json_array_get(tiers, t);
        assert_close(cli_num(tj, "eligible_candidates"), eligible[t], 0);
        assert_close(cli_num(tj, "existing_sites"), existing[t], 0);
        assert_close(cli_num(tj, "new_sites"), p[t], 0);
        weighted += cli_num(tj, "covered_population");
        weighted_before += cli_num(tj, "covered_population_before");
        /* nesting: the lower tiers are served at least as well as they would be alone */
        assert_true(cli_num(tj, "covered_population") >= cli_num(tj, "covered_population_before"));
    }
    assert_close(cli_num(s, "objective"), weighted, 1e-9);
    assert_true(cli_num(s, "bound") >= cli_num(s, "objective") * (1 - 1e-9));
    /* glpsol solves the nested MIP: its optimum plus what the existing parks cover */
    if (cli_have_glpsol()) {
        double exact = -cli_glpsol_objective(mps, dir) + weighted_before;
        assert_close(cli_num(s, "objective"), exact, 1e-9);
    }
    /* the project list: 4 a year, every tier's count, costs from the profile (4, 2, 1) */
    int per_year[3] = {0}, per_tier[3] = {0};
    double cost;
    read_projects(cli_path(out, "projects.csv"), per_year, per_tier, &cost);
    for (int y = 0; y < 3; y++)
        assert_int_equal(per_year[y], 4);
    for (int t = 0; t < 3; t++)
        assert_int_equal(per_tier[t], (int)p[t]);
    assert_close(cost, 2 * 4 + 4 * 2 + 6 * 1, 0);
    assert_close(cli_num(s, "cost_of_new_sites"), cost, 0);
    /* sites.geojson marks every site with its kind and tier */
    size_t n;
    double bbox[4] = {24.9, 60.15, 25.0, 60.19};
    cli_geojson_sum(cli_path(out, "sites.geojson"), "cost", "tier", "area", bbox, &n);
    assert_int_equal(n, 4 + 2);
    json_decref(s);
    free(dir);
}

/* Random small instances: 40 demand points, 10 candidates with land areas, one existing
 * park, against glpsol for mclp, budget and target. */
static void write_case(const char *dir, uint64_t seed)
{
    FILE *f = fopen(cli_path(dir, "pop.geojson"), "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (int i = 0; i < 40; i++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"properties\":{\"pop\":%d},\"geometry\":{\"type\":"
                "\"Point\",\"coordinates\":[%.6f,%.6f]}}",
                i ? "," : "", 10 + (int)(90 * test_rand(&seed)), 24.90 + 0.03 * test_rand(&seed),
                60.16 + 0.015 * test_rand(&seed));
    fputs("]}", f);
    fclose(f);
    f = fopen(cli_path(dir, "cand.geojson"), "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[", f);
    for (int j = 0; j < 10; j++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"c%d\",\"land\":%d},\"geometry\":"
                "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}}",
                j ? "," : "", j, 500 + (int)(4000 * test_rand(&seed)),
                24.90 + 0.03 * test_rand(&seed), 60.16 + 0.015 * test_rand(&seed));
    fputs("]}", f);
    fclose(f);
    f = fopen(cli_path(dir, "existing.geojson"), "w");
    fprintf(f,
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            "{\"id\":\"e0\",\"tier\":\"community\"},\"geometry\":{\"type\":\"Point\","
            "\"coordinates\":[%.6f,%.6f]}}]}",
            24.90 + 0.03 * test_rand(&seed), 60.16 + 0.015 * test_rand(&seed));
    fclose(f);
}

static void test_random_against_glpsol(void **state)
{
    (void)state;
    if (!cli_have_glpsol())
        skip();
    const char *models[][6] = {
        {"--model", "mclp", "--p", "area=1,community=2,compound=2", NULL},
        {"--model", "budget", "--budget", "7", NULL},
        {"--model", "target", "--coverage", "0.45", NULL},
    };
    for (uint64_t seed = 1; seed <= 3; seed++) {
        char *dir = cli_tempdir();
        write_case(dir, seed * 7333);
        char pop[1024], cand[1024], fac[1024];
        snprintf(pop, sizeof pop, "%s", cli_path(dir, "pop.geojson"));
        snprintf(cand, sizeof cand, "%s", cli_path(dir, "cand.geojson"));
        snprintf(fac, sizeof fac, "%s", cli_path(dir, "existing.geojson"));
        for (int m = 0; m < 3; m++) {
            char out[1024], mps[1024];
            snprintf(out, sizeof out, "%s/out%d", dir, m);
            snprintf(mps, sizeof mps, "%s/m%d.mps", dir, m);
            const char *args[48] = {"site",
                                    "--population",
                                    pop,
                                    "--population-field",
                                    "pop",
                                    "--facilities",
                                    fac,
                                    "--facility-id",
                                    "id",
                                    "--tier-field",
                                    "tier",
                                    "--candidates",
                                    cand,
                                    "--candidate-id",
                                    "id",
                                    "--area-field",
                                    "land",
                                    "--facility",
                                    "sports-park",
                                    "--tiers",
                                    "area=900,community=500,compound=300",
                                    "--tier-weights",
                                    "area=1,community=2,compound=3",
                                    "--write-mps",
                                    mps,
                                    "-o",
                                    out,
                                    "--quiet"};
            size_t n = 28;
            for (int k = 0; models[m][k]; k++)
                args[n++] = models[m][k];
            args[n] = NULL;
            if (cli_run(args, err, sizeof err) != 0)
                fail_msg("seed %llu %s: %s", (unsigned long long)seed, models[m][1], err);
            json_t *s = cli_summary(out);
            double exact = cli_glpsol_objective(mps, dir), ours;
            if (m == 2) {
                ours = cli_num(s, "objective");
                assert_true(cli_num(s, "bound") <= exact + 1e-9);
            } else { /* the MIP maximises the weighted coverage the new sites add, negated */
                ours =
                    -(cli_num(s, "covered_population") - cli_num(s, "covered_population_before"));
                assert_true(-(cli_num(s, "bound") - cli_num(s, "covered_population_before")) <=
                            exact + 1e-6);
            }
            if (fabs(ours - exact) > 1e-6 * fmax(1, fabs(exact)))
                fail_msg("seed %llu %s: ours %.6f, glpsol %.6f", (unsigned long long)seed,
                         models[m][1], ours, exact);
            json_decref(s);
        }
        free(dir);
    }
}

static void test_bad_inputs(void **state)
{
    (void)state;
    const cli_bad cases[] = {
        {"unknown tier in --p",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model", "mclp",
          "--p", "area=1,stadium=2", "-o", CLI_OUT, NULL},
         2,
         "'stadium=2' is not TIER=VALUE with a tier of area, community, compound"},
        {"one number for nested tiers",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model", "mclp",
          "--p", "3", "-o", CLI_OUT, NULL},
         2,
         "need a count per tier"},
        {"a tier twice",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model", "mclp",
          "--p", "area=1,area=2", "-o", CLI_OUT, NULL},
         2,
         "tier 'area' given twice"},
        {"no candidate has the land",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "target", "--coverage", "0.1", "--min-area", "area=200000,community=150000", "-o",
          CLI_OUT, NULL},
         1,
         "tier 'area' needs 200000 m2; tier 'community' needs 150000 m2; the largest candidate"},
        {"point candidates without area",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          AMBIT_SOURCE_DIR "/geodata/ny8/illustrative_facilities.geojson", "--facility",
          "sports-park", "--model", "budget", "--budget", "10", "-o", CLI_OUT, NULL},
         1,
         "point candidates have no area"},
        {"--radius with nested tiers",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "budget", "--budget", "10", "--radius", "500", "-o", CLI_OUT, NULL},
         2,
         "--tiers TIER=METRES"},
        {"capacities with nested tiers",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "budget", "--budget", "10", "--capacity", "5000", "-o", CLI_OUT, NULL},
         2,
         "capacities do not go with nested tiers"},
        {"pmedian with nested tiers",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "pmedian", "--p", "3", "-o", CLI_OUT, NULL},
         2,
         "use --model mclp, target or budget"},
        {"existing tier unknown to the profile",
         {"--population", SRC "population_central_250m.tif", "--facilities",
          SRC "facilities_osm.gpkg:sports", "--tier-field", "kind", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "budget", "--budget", "10", "-o", CLI_OUT, NULL},
         1,
         "has a tier named"},
        {"tier field without nested tiers",
         {"--population", SRC "population_central_250m.tif", "--facilities",
          SRC "facilities_osm.gpkg:sports", "--tier-field", "tier", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--model", "mclp", "--p", "2", "--radius",
          "500", "-o", CLI_OUT, NULL},
         2,
         "--tier-field goes with nested tiers"},
        {"target out of reach at one tier",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "target", "--coverage", "0.2", "-o", CLI_OUT, NULL},
         1,
         "cannot be reached at tier 'community'"},
        {"budget per year below every cost",
         {"--population", SRC "population_central_250m.tif", "--candidates",
          SRC "facilities_osm.gpkg:candidate_land", "--facility", "sports-park", "--model",
          "budget", "--budget", "10", "--years", "3", "--budget-per-year", "0.5", "-o", CLI_OUT,
          NULL},
         1,
         "below the cost of every candidate"},
    };
    cli_expect_failures("site", cases, sizeof cases / sizeof *cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helsinki_worked_example),
        cmocka_unit_test(test_random_against_glpsol),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
