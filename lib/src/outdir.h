/*
 * Reading back an ambit output folder for `compare` and `report`: summary.json,
 * run.json (runs made by `ambit run`), access.csv (who is within reach, per tier),
 * and the sites per tier (sites.geojson of `site`, facilities.geojson of `coverage`).
 * A folder without an ambit summary.json is refused, naming it.
 */
#ifndef AMBIT_OUTDIR_H
#define AMBIT_OUTDIR_H

#include "context.h"

#include <jansson.h>
#include <ogr_srs_api.h>

typedef struct outdir {
    const char *dir;
    char *name; /* the scenario's name, else the folder's */
    json_t *summary, *run;
    const char *command; /* "coverage" or "site" */
    OGRSpatialReferenceH work;
    /* tiers (the access table's covered_TIER columns) */
    size_t T;
    char *tier[AMBIT_MAX_TIERS];
    size_t existing[AMBIT_MAX_TIERS], added[AMBIT_MAX_TIERS];
    double cost;
    /* access.csv (n = 0 when the folder has none) */
    int has_access;
    size_t n;
    double *x, *y, *w;
    char **community;
    unsigned char *cov; /* n x T */
    double total, covered[AMBIT_MAX_TIERS];
} outdir;

/* Opens dir; need_access: a missing access.csv is an error (compare needs it). */
ambit_status outdir_open(ambit_ctx *ctx, const char *dir, int need_access, outdir *o);
void outdir_free(outdir *o);

/* dir/name in a buffer of the caller. */
const char *outdir_path(const outdir *o, const char *name, char *buf, size_t size);

/* The tier index of name, -1 if the run has no such tier. */
int outdir_tier(const outdir *o, const char *name);

/* A string member of the summary ("" when absent). */
const char *outdir_str(const outdir *o, const char *key);

#endif
