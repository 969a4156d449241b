#include "coverage_options.h"

#include "context.h"
#include "strutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ambit coverage --population FILE[:LAYER] --facilities FILE[:LAYER]\n"
    "                      (--radius METRES | --tiers NAME=METRES,...) -o DIR [options]\n"
    "\n"
    "Who lives within reach of existing facilities, community by community.\n"
    "\n"
    "Inputs (any format GDAL reads; FILE or FILE:LAYER):\n"
    "  --population SRC        population raster (people per cell) or vector layer\n"
    "  --population-field F    population field of a point or polygon layer\n"
    "  --band N                raster band (default 1)\n"
    "  --cell METRES           grid spacing used to spread polygon population (default 100)\n"
    "  --communities SRC       community boundary polygons (default: one study area)\n"
    "  --community-id F        community id field (default: feature id)\n"
    "  --community-name F      community name field\n"
    "  --facilities SRC        existing facilities, points or polygons (reach counts from\n"
    "                          a polygon's boundary)\n"
    "  --facility-id F         facility id field (default: feature id)\n"
    "  --facility-name F       facility name field\n"
    "  --tier-field F          field naming each facility's tier (with --tiers); without it\n"
    "                          every facility counts in every tier\n"
    "Service radius (straight line, metres, 0 < r <= 100000):\n"
    "  --radius METRES         one radius for all facilities (tier \"all\")\n"
    "  --tiers LIST            e.g. area=1000,community=500,compound=300\n"
    "Coordinates:\n"
    "  --crs CRS               metric CRS to measure in (default: the inputs' projected CRS\n"
    "                          in metres, else the UTM zone of the data)\n"
    "  --assume-crs CRS        CRS of inputs that declare none\n"
    "Other:\n"
    "  -o, --output DIR        output folder (created if missing)\n"
    "  --strict                invalid polygons are errors instead of being repaired\n"
    "  --quiet                 no progress, no warnings on stderr\n"
    "  -h, --help              this text\n"
    "\n"
    "Writes communities.geojson, facilities.geojson, uncovered.geojson (RFC 7946, WGS 84)\n"
    "and summary.json. Exit status: 0 ok, 1 failure, 2 usage.\n";

const char *ambit_coverage_usage(void)
{
    return usage;
}

void ambit_coverage_options_free(ambit_coverage_options *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_tiers; i++)
        free(o->tier_name[i]);
    for (int i = 0; i < o->argc_copy; i++)
        free(o->argv_copy[i]);
    free(o->argv_copy);
    free(o);
}

int ambit_coverage_options_quiet(const ambit_coverage_options *o)
{
    return o->quiet;
}

const char *ambit_coverage_options_output(const ambit_coverage_options *o)
{
    return o->output;
}

size_t ambit_coverage_options_tier_count(const ambit_coverage_options *o)
{
    return o->n_tiers;
}

const char *ambit_coverage_options_tier(const ambit_coverage_options *o, size_t i, double *radius)
{
    if (i >= o->n_tiers)
        return NULL;
    if (radius)
        *radius = o->tier_radius[i];
    return o->tier_name[i];
}

static ambit_status check_radius(ambit_ctx *ctx, const char *what, const char *text, double *out)
{
    double r;
    if (!str_to_double(text, &r))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: '%s' is not a number of metres", what, text);
    if (!(r > 0))
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: radius %s m must be greater than 0", what, text);
    if (r > AMBIT_MAX_RADIUS_M)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "%s: radius %s m is over 100 km; a walking service radius is 300-1000 m "
                        "(is the unit right?)",
                        what, text);
    *out = r;
    return AMBIT_OK;
}

static int valid_tier_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

static ambit_status parse_tiers(ambit_ctx *ctx, ambit_coverage_options *o, const char *list)
{
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq || !valid_tier_name(p, (size_t)(eq - p)))
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--tiers: '%.*s' is not NAME=METRES (names: letters, digits, _ and -)",
                            (int)len, p);
        if (o->n_tiers == AMBIT_MAX_TIERS)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: at most %d tiers", AMBIT_MAX_TIERS);
        size_t nlen = (size_t)(eq - p);
        char *name = malloc(nlen + 1);
        char *num = malloc(len - nlen);
        if (!name || !num) {
            free(name);
            free(num);
            return ctx_nomem(ctx);
        }
        memcpy(name, p, nlen);
        name[nlen] = '\0';
        memcpy(num, eq + 1, len - nlen - 1);
        num[len - nlen - 1] = '\0';
        for (size_t i = 0; i < o->n_tiers; i++) {
            if (strcmp(o->tier_name[i], name) == 0) {
                ambit_status st =
                    ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: tier '%s' given twice", name);
                free(name);
                free(num);
                return st;
            }
        }
        char what[96];
        snprintf(what, sizeof what, "--tiers %s", name);
        ambit_status st = check_radius(ctx, what, num, &o->tier_radius[o->n_tiers]);
        free(num);
        if (st) {
            free(name);
            return st;
        }
        o->tier_name[o->n_tiers++] = name;
        if (!end)
            break;
        p = end + 1;
        if (!*p)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: trailing comma");
    }
    if (o->n_tiers == 0)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: no tier given");
    return AMBIT_OK;
}

typedef struct flag {
    const char *name;
    const char **target; /* string-valued flags */
} flag;

ambit_status ambit_coverage_options_new(ambit_ctx *ctx, int argc, const char *const *argv,
                                        ambit_coverage_options **out)
{
    *out = NULL;
    ambit_coverage_options *o = calloc(1, sizeof *o);
    if (!o)
        return ctx_nomem(ctx);
    o->band = 1;
    o->cell = 100.0;
    o->argv_copy = calloc((size_t)argc + 1, sizeof *o->argv_copy);
    if (!o->argv_copy) {
        free(o);
        return ctx_nomem(ctx);
    }
    for (int i = 0; i < argc; i++) {
        o->argv_copy[i] = str_dup(argv[i]);
        o->argc_copy = i + 1;
        if (!o->argv_copy[i]) {
            ambit_coverage_options_free(o);
            return ctx_nomem(ctx);
        }
    }
    const char *radius = NULL, *tiers = NULL, *band = NULL, *cell = NULL;
    const flag flags[] = {
        {"--communities", &o->communities},
        {"--community-id", &o->community_id},
        {"--community-name", &o->community_name},
        {"--population", &o->population},
        {"--population-field", &o->population_field},
        {"--band", &band},
        {"--cell", &cell},
        {"--facilities", &o->facilities},
        {"--facility-id", &o->facility_id},
        {"--facility-name", &o->facility_name},
        {"--tier-field", &o->tier_field},
        {"--radius", &radius},
        {"--tiers", &tiers},
        {"--crs", &o->crs},
        {"--assume-crs", &o->assume_crs},
        {"--output", &o->output},
        {"-o", &o->output},
    };
    ambit_status st = AMBIT_OK;
    for (int i = 0; i < argc && !st; i++) {
        char *a = o->argv_copy[i];
        if (strcmp(a, "--strict") == 0) {
            o->strict = 1;
            continue;
        }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
            continue;
        }
        char *value = NULL;
        char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        if (eq) {
            *eq = '\0';
            value = eq + 1;
        }
        const flag *f = NULL;
        for (size_t k = 0; k < sizeof flags / sizeof *flags; k++)
            if (strcmp(a, flags[k].name) == 0)
                f = &flags[k];
        if (!f) {
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "unknown option '%s'", a);
            break;
        }
        if (!value) {
            if (i + 1 >= argc) {
                st = ctx_fail(ctx, AMBIT_ERR_USAGE, "%s needs a value", a);
                break;
            }
            value = o->argv_copy[++i];
        }
        if (*f->target) {
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "%s given twice", a);
            break;
        }
        *f->target = value;
    }
    if (!st && !o->population)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--population is required");
    if (!st && !o->facilities)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--facilities is required");
    if (!st && !o->output)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "-o DIR is required");
    if (!st && radius && tiers)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "give --radius or --tiers, not both");
    if (!st && !radius && !tiers)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--radius or --tiers is required");
    if (!st && o->tier_field && !tiers)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--tier-field needs --tiers (the tiers it names)");
    if (!st && (o->community_id || o->community_name) && !o->communities)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--community-id/--community-name need --communities");
    if (!st && radius) {
        st = check_radius(ctx, "--radius", radius, &o->tier_radius[0]);
        if (!st) {
            o->tier_name[0] = str_dup("all");
            o->n_tiers = o->tier_name[0] ? 1 : 0;
            o->radius_given = 1;
            if (!o->tier_name[0])
                st = ctx_nomem(ctx);
        }
    }
    if (!st && tiers)
        st = parse_tiers(ctx, o, tiers);
    if (!st && band) {
        long b;
        if (!str_to_long(band, 1, 65535, &b))
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--band: '%s' is not a band number (1, 2, ...)",
                          band);
        o->band = (int)b;
    }
    if (!st && cell) {
        if (!str_to_double(cell, &o->cell) || !(o->cell > 0) || o->cell > 10000)
            st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--cell: '%s' is not a spacing in (0, 10000] m",
                          cell);
    }
    if (st) {
        ambit_coverage_options_free(o);
        return st;
    }
    *out = o;
    return AMBIT_OK;
}
