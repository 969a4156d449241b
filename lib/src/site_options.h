/* The parsed flags of `ambit site` (internal layout of ambit_site_options). */
#ifndef AMBIT_SITE_OPTIONS_H
#define AMBIT_SITE_OPTIONS_H

#include "options.h"

struct ambit_site_options {
    input_opts in;
    const char *candidates, *candidate_id, *cost_field, *exclude;
    double candidate_grid;  /* 0: none */
    double max_distance;    /* p-median cutoff, 0: all pairs */
    double capacity;        /* --capacity for every site without a field value; -1: none */
    int years;              /* phasing: number of years, 0: none */
    double budget_per_year; /* phasing by budget (> 0), or */
    long per_year;          /* phasing by count (> 0) */
    int radius_given;
    ambit_solve_params solve;
    const char *od, *od_demand, *od_site, *od_cost, *od_weight;
    const char *write_mps;
    const char *profile, *facility, *tier; /* --profile, --facility, --tier */
    char *profile_path;                    /* the profile file used, if any */
    /* nested tiers: --facility KIND without --tier when KIND has several (highest first) */
    size_t n_tiers; /* 0: one tier */
    char *tier_name[AMBIT_MAX_TIERS];
    double tier_radius[AMBIT_MAX_TIERS], tier_area[AMBIT_MAX_TIERS];
    double tier_cost[AMBIT_MAX_TIERS], tier_weight[AMBIT_MAX_TIERS];
    size_t tier_p[AMBIT_MAX_TIERS];
    const char *area_field;     /* --area-field: candidate land area (m2) */
    int service_areas;          /* --service-areas: write service_areas.geojson */
    double service_area_buffer; /* --service-area-buffer metres */
    opt_args args;
};

#endif
