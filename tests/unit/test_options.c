/* Parsing of `ambit coverage` flags: what is accepted, what is refused and why. */
#include "ambit_test.h"

#include "coverage_options.h"

#include <string.h>

static ambit_status parse(ambit_ctx *ctx, ambit_coverage_options **o, int argc, const char **argv)
{
    return ambit_coverage_options_new(ctx, argc, argv, o);
}

static void test_minimal_radius(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_coverage_options *o = NULL;
    const char *argv[] = {"--population", "p.tif", "--facilities", "f.gpkg:sports",
                          "--radius",     "500",   "-o",           "out"};
    assert_int_equal(parse(ctx, &o, 8, argv), AMBIT_OK);
    assert_int_equal(ambit_coverage_options_tier_count(o), 1);
    double r = 0;
    assert_string_equal(ambit_coverage_options_tier(o, 0, &r), "all");
    assert_close(r, 500.0, 0);
    assert_string_equal(ambit_coverage_options_output(o), "out");
    assert_int_equal(o->in.band, 1);
    assert_close(o->in.cell, 100.0, 0);
    assert_false(ambit_coverage_options_quiet(o));
    ambit_coverage_options_free(o);
    ambit_ctx_free(ctx);
}

static void test_tiers_and_equals_form(void **state)
{
    (void)state;
    ambit_ctx *ctx = ambit_ctx_new();
    ambit_coverage_options *o = NULL;
    const char *argv[] = {"--population=p.gpkg",
                          "--population-field",
                          "POP",
                          "--facilities",
                          "f.gpkg",
                          "--tier-field=tier",
                          "--tiers",
                          "area=1000,community=500,compound=300",
                          "--output=dir",
                          "--quiet",
                          "--strict",
                          "--cell",
                          "50",
                          "--band",
                          "2"};
    assert_int_equal(parse(ctx, &o, 15, argv), AMBIT_OK);
    assert_int_equal(ambit_coverage_options_tier_count(o), 3);
    double r;
    assert_string_equal(ambit_coverage_options_tier(o, 1, &r), "community");
    assert_close(r, 500, 0);
    assert_string_equal(ambit_coverage_options_tier(o, 2, &r), "compound");
    assert_close(r, 300, 0);
    assert_null(ambit_coverage_options_tier(o, 3, &r));
    assert_string_equal(o->in.population, "p.gpkg");
    assert_string_equal(o->in.tier_field, "tier");
    assert_true(o->in.quiet && o->in.strict);
    assert_close(o->in.cell, 50, 0);
    assert_int_equal(o->in.band, 2);
    ambit_coverage_options_free(o);
    ambit_ctx_free(ctx);
}

typedef struct bad_case {
    int argc;
    const char *argv[12];
    ambit_status status;
    const char *message; /* a part of the message */
} bad_case;

static void test_refusals(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {6, {"--facilities", "f", "--radius", "500", "-o", "d"}, AMBIT_ERR_USAGE, "--population"},
        {6, {"--population", "p", "--radius", "500", "-o", "d"}, AMBIT_ERR_USAGE, "--facilities"},
        {6, {"--population", "p", "--facilities", "f", "--radius", "5"}, AMBIT_ERR_USAGE, "-o"},
        {6, {"--population", "p", "--facilities", "f", "-o", "d"}, AMBIT_ERR_USAGE, "--radius"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "0"},
         AMBIT_ERR_INPUT,
         "greater than 0"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "-5"},
         AMBIT_ERR_INPUT,
         "greater than 0"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "150000"},
         AMBIT_ERR_INPUT,
         "over 100 km"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "abc"},
         AMBIT_ERR_USAGE,
         "not a number"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "nan"},
         AMBIT_ERR_USAGE,
         "not a number"},
        {10,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--tiers", "a=1"},
         AMBIT_ERR_USAGE,
         "not both"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--tiers", "a=1,a=2"},
         AMBIT_ERR_USAGE,
         "twice"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--tiers", "a:1"},
         AMBIT_ERR_USAGE,
         "NAME=METRES"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--tiers", "a=1,"},
         AMBIT_ERR_USAGE,
         "trailing"},
        {8,
         {"--population", "p", "--facilities", "f", "-o", "d", "--tiers", "a=0"},
         AMBIT_ERR_INPUT,
         "greater than 0"},
        {9,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--bogus"},
         AMBIT_ERR_USAGE,
         "unknown option"},
        {9,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--band"},
         AMBIT_ERR_USAGE,
         "needs a value"},
        {10,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--band", "0"},
         AMBIT_ERR_USAGE,
         "band"},
        {10,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--cell", "-1"},
         AMBIT_ERR_USAGE,
         "--cell"},
        {10,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--tier-field",
          "t"},
         AMBIT_ERR_USAGE,
         "--tiers"},
        {10,
         {"--population", "p", "--facilities", "f", "-o", "d", "--radius", "5", "--population",
          "q"},
         AMBIT_ERR_USAGE,
         "twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ambit_ctx *ctx = ambit_ctx_new();
        ambit_coverage_options *o = (ambit_coverage_options *)1;
        ambit_status st = parse(ctx, &o, cases[i].argc, (const char **)cases[i].argv);
        if (st != cases[i].status || !strstr(ambit_ctx_error(ctx), cases[i].message))
            fail_msg("case %zu: status %d (want %d), message '%s' (want '%s')", i, st,
                     cases[i].status, ambit_ctx_error(ctx), cases[i].message);
        assert_null(o);
        ambit_ctx_free(ctx);
    }
}

static void test_usage_mentions_every_flag(void **state)
{
    (void)state;
    const char *flags[] = {
        "--population",   "--population-field", "--band",       "--cell",        "--communities",
        "--community-id", "--community-name",   "--facilities", "--facility-id", "--facility-name",
        "--tier-field",   "--radius",           "--tiers",      "--crs",         "--assume-crs",
        "--output",       "--strict",           "--quiet"};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (!strstr(ambit_coverage_usage(), flags[i]))
            fail_msg("usage lacks %s", flags[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_radius),
        cmocka_unit_test(test_tiers_and_equals_form),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_usage_mentions_every_flag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
