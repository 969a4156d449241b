/* Planning profiles: the shipped default, overrides on the command line, and bad files. */
#include "ambit_test.h"

#include "coverage_options.h"
#include "profile.h"
#include "site_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_default_profile(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    profile p;
    assert_int_equal(profile_load(ctx, "default", &p), AMBIT_OK);
    const profile_kind *k = profile_kind_find(&p, "sports-park");
    assert_non_null(k);
    /* ../shared/PLANNING-STANDARDS.md: area 1000 m, community 500 m, compound 300 m */
    const char *names[] = {"area", "community", "compound"};
    double radii[] = {1000, 500, 300};
    assert_int_equal(k->n, 3);
    for (size_t t = 0; t < 3; t++) {
        assert_string_equal(k->tiers[t].name, names[t]);
        assert_close(k->tiers[t].radius.value, radii[t], 0);
        assert_non_null(k->tiers[t].radius.source);
    }
    /* values the standards mark M (remembered) stay marked */
    assert_string_equal(k->tiers[2].area.status, "M");
    const profile_kind *c = profile_kind_find(&p, "neighbourhood-centre");
    assert_non_null(c);
    /* highest tier first: the street-level centre, then the community one */
    assert_string_equal(c->tiers[0].name, "street");
    assert_close(c->tiers[1].served.min, 15000, 0);
    assert_close(c->tiers[1].served.max, 25000, 0);
    assert_null(profile_kind_find(&p, "swimming-pool"));
    profile_free(&p);
    char *text = NULL;
    assert_int_equal(ambit_profiles_describe(ctx, NULL, &text), AMBIT_OK);
    assert_non_null(strstr(text, "sports-park"));
    ambit_free(text);
    ambit_ctx_free(ctx);
}

static void test_coverage_takes_profile_tiers(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_coverage_options *o = NULL;
    const char *argv[] = {"--population", "p.tif",   "--facilities", "f.gpkg", "--facility",
                          "sports-park",  "--tiers", "compound=250", "-o",     "out"};
    assert_int_equal(ambit_coverage_options_new(ctx, 10, argv, &o), AMBIT_OK);
    assert_int_equal(ambit_coverage_options_tier_count(o), 3);
    double r;
    assert_string_equal(ambit_coverage_options_tier(o, 0, &r), "area");
    assert_close(r, 1000, 0);
    assert_string_equal(ambit_coverage_options_tier(o, 2, &r), "compound");
    assert_close(r, 250, 0); /* overridden */
    ambit_coverage_options_free(o);
    const char *bad_tier[] = {"--population", "p.tif",   "--facilities", "f.gpkg", "--facility",
                              "sports-park",  "--tiers", "stadium=2000", "-o",     "out"};
    assert_int_equal(ambit_coverage_options_new(ctx, 10, bad_tier, &o), AMBIT_ERR_USAGE);
    assert_non_null(strstr(ambit_ctx_error(ctx), "not a tier of sports-park"));
    const char *bad_kind[] = {"--population", "p.tif", "--facilities", "f.gpkg",
                              "--facility",   "pool",  "-o",           "out"};
    assert_int_equal(ambit_coverage_options_new(ctx, 8, bad_kind, &o), AMBIT_ERR_USAGE);
    assert_non_null(
        strstr(ambit_ctx_error(ctx), "no such kind (neighbourhood-centre, sports-park)"));
    const char *both[] = {"--population", "p.tif",    "--facilities", "f.gpkg", "--facility",
                          "sports-park",  "--radius", "500",          "-o",     "out"};
    assert_int_equal(ambit_coverage_options_new(ctx, 10, both, &o), AMBIT_ERR_USAGE);
    ambit_ctx_free(ctx);
}

static void test_site_takes_profile_tier(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_site_options *o = NULL;
    const char *argv[] = {"--population",
                          "p.tif",
                          "--candidate-grid",
                          "250",
                          "--model",
                          "mclp",
                          "--p",
                          "3",
                          "--facility",
                          "neighbourhood-centre",
                          "--tier",
                          "community",
                          "--capacity",
                          "profile",
                          "-o",
                          "out"};
    assert_int_equal(ambit_site_options_new(ctx, 16, argv, &o), AMBIT_OK);
    assert_close(ambit_site_options_params(o).radius, 500, 0); /* 10-minute life circle */
    assert_close(o->capacity, 25000, 0);                       /* 15,000-25,000 residents */
    ambit_site_options_free(o);
    const char *own_radius[] = {"--population", "p.tif",   "--candidate-grid",
                                "250",          "--model", "mclp",
                                "--p",          "3",       "--facility",
                                "sports-park",  "--tier",  "compound",
                                "--radius",     "250",     "-o",
                                "out"};
    assert_int_equal(ambit_site_options_new(ctx, 16, own_radius, &o), AMBIT_OK);
    assert_close(ambit_site_options_params(o).radius, 250, 0); /* the command line wins */
    ambit_site_options_free(o);
    const char *no_tier[] = {
        "--population", "p.tif", "--candidate-grid", "250",         "--model", "mclp",
        "--p",          "3",     "--facility",       "sports-park", "-o",      "out"};
    assert_int_equal(ambit_site_options_new(ctx, 12, no_tier, &o), AMBIT_ERR_USAGE);
    /* without --tier every tier is solved together: --p then counts per tier */
    assert_non_null(strstr(ambit_ctx_error(ctx), "need a count per tier"));
    ambit_ctx_free(ctx);
}

static void test_bad_profiles(void **state)
{
    (void)state;
    static const struct {
        const char *yaml, *message;
    } cases[] = {
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        cost: {value: 1, status: M, "
         "source: x}\n",
         "has no radius_m"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: -5, status: "
         "V, source: x}\n",
         "must be >= 0"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: 0, status: "
         "V, source: x}\n",
         "above 0"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: 5, status: "
         "V, source: x}\n        colour: red\n",
         "unknown key 'colour'"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: 5, status: "
         "V, source: x}\n      - name: a\n        radius_m: {value: 3, status: V, source: x}\n",
         "listed twice"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: 5, status: "
         "V}\n",
         "needs its source"},
        {"facilities:\n  park:\n    tiers:\n      - name: a\n        radius_m: {value: 5, status: "
         "sure, source: x}\n",
         "status must be V, V2 or M"},
        {"facilities:\n  park:\n    tiers: []\n", "needs a list of tiers"},
        {"name: x\n", "needs 'facilities'"},
        {"facilities: [unclosed\n", "line"},
    };
    ambit_ctx *ctx = ambit_ctx_new();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/ambit-profile-%ld-%zu.yaml", (long)getpid(), i);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(cases[i].yaml, f);
        fclose(f);
        profile p;
        ambit_status st = profile_load(ctx, path, &p);
        if (st != AMBIT_ERR_INPUT || !strstr(ambit_ctx_error(ctx), cases[i].message) ||
            !strstr(ambit_ctx_error(ctx), path))
            fail_msg("case %zu: status %d, message '%s' (want '%s')", i, st, ambit_ctx_error(ctx),
                     cases[i].message);
        remove(path);
    }
    profile p;
    assert_int_equal(profile_load(ctx, "no-such-profile", &p), AMBIT_ERR_INPUT);
    assert_non_null(strstr(ambit_ctx_error(ctx), "no profile 'no-such-profile'"));
    ambit_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_profile),
        cmocka_unit_test(test_coverage_takes_profile_tiers),
        cmocka_unit_test(test_site_takes_profile_tier),
        cmocka_unit_test(test_bad_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
