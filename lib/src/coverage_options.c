#include "coverage_options.h"

#include "context.h"
#include "profile.h"
#include "service_area.h"
#include "strutil.h"

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
    "  --nested                a facility also serves every tier listed after its own\n"
    "                          (tiers highest first, as in profiles and `ambit site`)\n"
    "Service radius (metres, 0 < r <= 100000):\n"
    "  --radius METRES         one radius for all facilities (tier \"all\")\n"
    "  --tiers LIST            e.g. area=1000,community=500,compound=300\n"
    "Planning profiles (ambit profiles lists them):\n"
    "  --profile NAME|FILE     take the tiers and radii of --facility from a profile\n"
    "                          (default profile: default); --tiers then overrides radii\n"
    "  --facility KIND         e.g. sports-park, neighbourhood-centre\n"
    "Walking distance (default: straight line):\n"
    "  --network SRC           street/path lines (GeoPackage, Shapefile, OpenStreetMap\n"
    "                          .osm.pbf...); radii become walking distances\n"
    "  --network-where SQL     which lines to keep (default for OSM data: the walking\n"
    "                          filter of docs/network.md; \"\" keeps every line)\n"
    "  --network-cost-field F  a line's walking cost in metres instead of its length\n"
    "  --snap METRES           join line ends to vertices closer than this (default 0)\n"
    "  --max-access METRES     farthest walk to or from the network (default 500)\n"
    "  --service-areas         also write service_areas.geojson (each facility's reach)\n"
    "  --service-area-buffer M half-width of network service areas (default 50)\n"
    "Coordinates:\n"
    "  --crs CRS               metric CRS to measure in (default: the inputs' projected CRS\n"
    "                          in metres, else the UTM zone of the data)\n"
    "  --assume-crs CRS        CRS of inputs that declare none\n"
    "Other:\n"
    "  -o, --output DIR        output folder (created if missing)\n"
    "  --strict                invalid polygons are errors instead of being repaired\n"
    "  --access-table          also write access.csv (per demand point and tier)\n"
    "  --quiet                 no progress, no warnings on stderr\n"
    "  -h, --help              this text\n"
    "\n"
    "Writes communities.geojson, facilities.geojson, uncovered.geojson (RFC 7946, WGS 84)\n"
    "(and service_areas.geojson with --service-areas)\n"
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
    opt_args_free(&o->args);
    free(o->profile_path);
    free(o);
}

int ambit_coverage_options_quiet(const ambit_coverage_options *o)
{
    return o->in.quiet;
}

const char *ambit_coverage_options_output(const ambit_coverage_options *o)
{
    return o->in.output;
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

/* The tiers of --facility in the profile; --tiers NAME=METRES overrides radii by name. */
static ambit_status tiers_from_profile(ambit_ctx *ctx, ambit_coverage_options *o, const char *over)
{
    profile p;
    ambit_status st = profile_load(ctx, o->profile ? o->profile : "default", &p);
    if (st)
        return st;
    const profile_kind *k = profile_kind_find(&p, o->facility);
    if (!k) {
        char kinds[512] = "";
        for (size_t i = 0; i < p.n; i++) {
            strncat(kinds, i ? ", " : "", sizeof kinds - strlen(kinds) - 1);
            strncat(kinds, p.kinds[i].name, sizeof kinds - strlen(kinds) - 1);
        }
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--facility %s: profile '%s' has no such kind (%s)",
                      o->facility, p.path, kinds);
        profile_free(&p);
        return st;
    }
    for (size_t t = 0; t < k->n && t < AMBIT_MAX_TIERS && !st; t++) {
        o->tier_name[t] = str_dup(k->tiers[t].name);
        o->tier_radius[t] = k->tiers[t].radius.value;
        o->n_tiers = t + 1;
        if (!o->tier_name[t])
            st = ctx_nomem(ctx);
    }
    o->profile_path = str_dup(p.path);
    if (!st && over) {
        char *names[AMBIT_MAX_TIERS];
        double radii[AMBIT_MAX_TIERS];
        size_t n = 0;
        st = opt_tiers(ctx, over, names, radii, &n);
        for (size_t i = 0; i < n; i++) {
            size_t t = 0;
            while (t < o->n_tiers && strcmp(o->tier_name[t], names[i]) != 0)
                t++;
            if (!st && t == o->n_tiers)
                st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: '%s' is not a tier of %s in '%s'",
                              names[i], o->facility, p.path);
            else if (!st)
                o->tier_radius[t] = radii[i];
            free(names[i]);
        }
    }
    profile_free(&p);
    return st;
}

ambit_status ambit_coverage_options_new(ambit_ctx *ctx, int argc, const char *const *argv,
                                        ambit_coverage_options **out)
{
    *out = NULL;
    ambit_coverage_options *o = calloc(1, sizeof *o);
    if (!o)
        return ctx_nomem(ctx);
    input_opts_init(&o->in);
    const char *radius = NULL, *tiers = NULL, *sa_buffer = NULL;
    o->service_area_buffer = SERVICE_AREA_DEFAULT_BUFFER;
    opt_flag flags[OPT_MAX_FLAGS];
    size_t n = input_opts_flags(&o->in, flags, 0);
    flags[n++] = (opt_flag){"--radius", &radius, NULL};
    flags[n++] = (opt_flag){"--tiers", &tiers, NULL};
    flags[n++] = (opt_flag){"--profile", &o->profile, NULL};
    flags[n++] = (opt_flag){"--facility", &o->facility, NULL};
    flags[n++] = (opt_flag){"--service-areas", NULL, &o->service_areas};
    flags[n++] = (opt_flag){"--nested", NULL, &o->nested};
    flags[n++] = (opt_flag){"--service-area-buffer", &sa_buffer, NULL};
    ambit_status st = opt_parse(ctx, argc, argv, flags, n, &o->args);
    if (!st)
        st = input_opts_check(ctx, &o->in, 1);
    if (!st && !o->in.facilities)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--facilities is required");
    if (!st && o->nested && !o->in.tier_field)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE,
                      "--nested needs --tier-field (each facility's tier) and tiers listed "
                      "highest first");
    if (!st && sa_buffer && !o->service_areas)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--service-area-buffer needs --service-areas");
    if (!st && sa_buffer)
        st = opt_number(ctx, "--service-area-buffer", sa_buffer, 1, 1000, &o->service_area_buffer);
    if (!st && radius && tiers)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "give --radius or --tiers, not both");
    if (!st && o->profile && !o->facility)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE,
                      "--profile needs --facility KIND (ambit profiles %s "
                      "lists them)",
                      o->profile);
    if (!st && o->facility && radius)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE,
                      "--radius does not go with --facility: its tiers "
                      "come from the profile (override with --tiers)");
    if (!st && !radius && !tiers && !o->facility)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--radius, --tiers or --facility is required");
    if (!st && o->in.tier_field && !tiers && !o->facility)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--tier-field needs --tiers (the tiers it names)");
    if (!st && radius) {
        st = opt_radius(ctx, "--radius", radius, &o->tier_radius[0]);
        if (!st) {
            o->tier_name[0] = str_dup("all");
            o->n_tiers = o->tier_name[0] ? 1 : 0;
            o->radius_given = 1;
            if (!o->tier_name[0])
                st = ctx_nomem(ctx);
        }
    }
    if (!st && o->facility)
        st = tiers_from_profile(ctx, o, tiers);
    else if (!st && tiers)
        st = opt_tiers(ctx, tiers, o->tier_name, o->tier_radius, &o->n_tiers);
    if (st) {
        ambit_coverage_options_free(o);
        return st;
    }
    *out = o;
    return AMBIT_OK;
}
