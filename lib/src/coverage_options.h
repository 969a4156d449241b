/* The parsed flags of `ambit coverage` (internal layout of ambit_coverage_options). */
#ifndef AMBIT_COVERAGE_OPTIONS_H
#define AMBIT_COVERAGE_OPTIONS_H

#include "ambit.h"

#define AMBIT_MAX_TIERS 16
#define AMBIT_MAX_RADIUS_M 100000.0

struct ambit_coverage_options {
    const char *communities, *community_id, *community_name;
    const char *population, *population_field;
    int band;
    double cell;
    const char *facilities, *facility_id, *facility_name, *tier_field;
    size_t n_tiers;
    char *tier_name[AMBIT_MAX_TIERS];
    double tier_radius[AMBIT_MAX_TIERS];
    int radius_given; /* --radius (one unnamed tier) rather than --tiers */
    const char *crs, *assume_crs;
    int strict, quiet;
    const char *output;
    char **argv_copy; /* owns every string above */
    int argc_copy;
};

#endif
