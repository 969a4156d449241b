/*
 * Command-line parsing shared by the subcommands: a table of flags, the input
 * flags every command takes (population, communities, facilities, CRS...), and
 * checks of radii and tier lists. Each subcommand's *_options.c adds its own flags.
 */
#ifndef AMBIT_OPTIONS_H
#define AMBIT_OPTIONS_H

#include "context.h"

#define AMBIT_MAX_RADIUS_M 100000.0
#define OPT_MAX_FLAGS 96

/* A flag: string-valued (value set) or boolean (is_set set). */
typedef struct opt_flag {
    const char *name;
    const char **value;
    int *is_set;
} opt_flag;

/* The walking network (--network and its flags), parsed. */
typedef struct network_opts {
    const char *spec;       /* --network FILE[:LAYER], NULL: straight-line distances */
    const char *where;      /* --network-where, NULL: the walking filter when it applies */
    const char *cost_field; /* --network-cost-field */
    double snap;            /* --snap metres */
    double max_access;      /* --max-access metres */
    const char *snap_text, *max_access_text; /* raw, checked by input_opts_check */
} network_opts;

#define NETWORK_DEFAULT_MAX_ACCESS 500.0

/* The inputs every command reads. */
typedef struct input_opts {
    const char *communities, *community_id, *community_name;
    const char *population, *population_field;
    int band;
    double cell;
    const char *facilities, *facility_id, *facility_name, *tier_field;
    const char *crs, *assume_crs;
    int strict, quiet;
    int access_table; /* --access-table: write access.csv (per demand point, per tier) */
    const char *output;
    const char *band_text, *cell_text; /* raw, checked by input_opts_check */
    const char *capacity_field;        /* set by `site` (--capacity-field), not a flag here */
    network_opts network;
} input_opts;

/* Parsed argv: owns copies of the strings the flags point into. */
typedef struct opt_args {
    char **argv;
    int argc;
} opt_args;

/*
 * Parses argv against flags[0..n): "--flag value", "--flag=value", booleans. Unknown
 * or repeated flags and missing values are AMBIT_ERR_USAGE. args owns the strings.
 */
ambit_status opt_parse(ambit_ctx *ctx, int argc, const char *const *argv, const opt_flag *flags,
                       size_t n, opt_args *args);
void opt_args_free(opt_args *args);

/* Appends the input flags to flags (at most OPT_MAX_FLAGS in all); returns the new count. */
size_t input_opts_flags(input_opts *io, opt_flag *flags, size_t n);

/* Defaults, and the checks of the input flags after parsing (population_needed: --population). */
void input_opts_init(input_opts *io);
ambit_status input_opts_check(ambit_ctx *ctx, input_opts *io, int population_needed);

/* A radius in (0, 100 km]: not a number is a usage error, out of range an input error. */
ambit_status opt_radius(ambit_ctx *ctx, const char *what, const char *text, double *out);

/* "name=metres,..." into names (allocated) and radii; returns the count through *n. */
ambit_status opt_tiers(ambit_ctx *ctx, const char *list, char **names, double *radii, size_t *n);

/*
 * "NAME=VALUE,..." over the known tier names[0..n): sets values[t] for each tier named
 * (others untouched). An unknown or repeated name is a usage error, a value outside
 * [min, max] an input error; `what` names the flag in messages.
 */
ambit_status opt_tier_values(ambit_ctx *ctx, const char *what, const char *list, char *const *names,
                             size_t n, double min, double max, double *values);

/* A non-negative finite number (usage error otherwise). */
ambit_status opt_number(ambit_ctx *ctx, const char *what, const char *text, double min, double max,
                        double *out);

#endif
