/*
 * Planning profiles: facility kinds and their tiers (radius, population served,
 * minimum land area, cost), each value with its source and how sure it is, read
 * from YAML with libyaml. Search path: $AMBIT_PROFILE_PATH (':'-separated), then the
 * installed and the source-tree geodata/profiles folders.
 */
#ifndef AMBIT_PROFILE_H
#define AMBIT_PROFILE_H

#include "context.h"

typedef struct profile_value {
    int present;
    double value, min, max; /* min/max for ranges (population served), else value */
    char *status;           /* "V", "V2" or "M" */
    char *source;
} profile_value;

typedef struct profile_tier {
    char *name;
    profile_value radius, served, area, cost;
} profile_tier;

typedef struct profile_kind {
    char *name, *label;
    size_t n;
    profile_tier *tiers; /* highest tier first */
} profile_kind;

typedef struct profile {
    char *name, *description, *path;
    size_t n;
    profile_kind *kinds;
} profile;

/* Loads a profile by name (search path) or path (contains '/' or ends in .yaml/.yml). */
ambit_status profile_load(ambit_ctx *ctx, const char *name_or_path, profile *out);
void profile_free(profile *p);

/* The kind called name, or NULL. */
const profile_kind *profile_kind_find(const profile *p, const char *name);

/* Paths of the profiles on the search path (caller frees each and the array). */
ambit_status profile_paths(ambit_ctx *ctx, char ***paths, size_t *n);

#endif
