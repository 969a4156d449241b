/*
 * Atomic output: every file of a run is written under a temporary name in the
 * output folder and renamed into place only when all of them are complete, so a
 * failed run leaves no output file behind (and no half-written one).
 */
#ifndef AMBIT_OUTFILE_H
#define AMBIT_OUTFILE_H

#include "context.h"

#define OUTSET_MAX 16

typedef struct outset {
    char *dir;
    int created_dir; /* how many folders of the path this run created */
    size_t n;
    char *tmp[OUTSET_MAX];
    char *final[OUTSET_MAX];
} outset;

/* Creates dir (and missing parents) and checks that it is writable. */
ambit_status outset_begin(ambit_ctx *ctx, const char *dir, outset *out);

/* Reserves dir/name; returns the temporary path to write (borrowed), NULL on ENOMEM. */
const char *outset_add(ambit_ctx *ctx, outset *o, const char *name);

/* Reserves an arbitrary final path (outside dir, e.g. --write-mps FILE); returns the temporary one.
 */
const char *outset_add_path(ambit_ctx *ctx, outset *o, const char *final_path);

/* Renames every temporary file into place and frees o. */
ambit_status outset_commit(ambit_ctx *ctx, outset *o);

/* Removes every temporary file (and the folder if this run created it) and frees o. */
void outset_abort(outset *o);

/* Writes dir/name through fn(run, temporary path); the file joins the set. */
ambit_status outset_write(ambit_ctx *ctx, outset *o, const char *name,
                          ambit_status (*fn)(void *run, const char *path), void *run);

/*
 * Starts a command's run: clears the context's error and warnings, keeps GDAL's own
 * messages off the terminal (they reach us through CPLGetLastErrorMsg), and opens
 * the output folder.
 */
ambit_status run_begin(ambit_ctx *ctx, const char *output, outset *out);

/* Ends it: renames the outputs into place when st is AMBIT_OK, else removes them. */
ambit_status run_end(ambit_ctx *ctx, ambit_status st, outset *out);

#endif
