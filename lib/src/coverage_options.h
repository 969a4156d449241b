/* The parsed flags of `ambit coverage` (internal layout of ambit_coverage_options). */
#ifndef AMBIT_COVERAGE_OPTIONS_H
#define AMBIT_COVERAGE_OPTIONS_H

#include "options.h"

struct ambit_coverage_options {
    input_opts in;
    size_t n_tiers;
    char *tier_name[AMBIT_MAX_TIERS];
    double tier_radius[AMBIT_MAX_TIERS];
    int radius_given;               /* --radius (one tier, "all") rather than --tiers */
    const char *profile, *facility; /* --profile NAME|FILE and --facility KIND */
    char *profile_path;             /* the file the profile came from */
    int nested;                     /* --nested: a facility also serves the tiers below its own */
    int service_areas;              /* --service-areas: write service_areas.geojson */
    double service_area_buffer;     /* --service-area-buffer metres (network service areas) */
    opt_args args;                  /* owns the strings `in` points into */
};

#endif
