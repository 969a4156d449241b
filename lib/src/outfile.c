#include "outfile.h"

#include "strutil.h"

#include <cpl_error.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void outset_free(outset *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->tmp[i]);
        free(o->final[i]);
    }
    free(o->dir);
    memset(o, 0, sizeof *o);
}

/* mkdir -p; counts the folders it made (the deepest ones) so that abort can remove them. */
static int make_dirs(char *path, int *created)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    char *slash = strrchr(path, '/');
    if (slash && slash != path) {
        *slash = '\0';
        int rc = make_dirs(path, created);
        *slash = '/';
        if (rc != 0)
            return rc;
    }
    if (mkdir(path, 0777) != 0)
        return -1;
    (*created)++;
    return 0;
}

ambit_status outset_begin(ambit_ctx *ctx, const char *dir, outset *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(dir, &st) != 0) {
        char *copy = str_dup(dir);
        if (!copy)
            return ctx_nomem(ctx);
        int rc = make_dirs(copy, &out->created_dir);
        free(copy);
        if (rc != 0) {
            ambit_status s = ctx_fail(ctx, AMBIT_ERR_IO, "-o: cannot create output folder '%s': %s",
                                      dir, strerror(errno));
            return s;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        return ctx_fail(ctx, AMBIT_ERR_IO, "-o: '%s' exists and is not a folder", dir);
    }
    if (access(dir, W_OK | X_OK) != 0) {
        return ctx_fail(ctx, AMBIT_ERR_IO, "-o: output folder '%s' is not writable: %s", dir,
                        strerror(errno));
    }
    out->dir = str_dup(dir);
    if (!out->dir)
        return ctx_nomem(ctx);
    return AMBIT_OK;
}

const char *outset_add_path(ambit_ctx *ctx, outset *o, const char *final_path)
{
    if (o->n == OUTSET_MAX) {
        ctx_fail(ctx, AMBIT_ERR_INTERNAL, "too many output files");
        return NULL;
    }
    size_t len = strlen(final_path) + 64;
    char *tmp = malloc(len), *fin = str_dup(final_path);
    if (!tmp || !fin) {
        free(tmp);
        free(fin);
        ctx_nomem(ctx);
        return NULL;
    }
    /* a hidden name beside the final one, so that rename stays on one file system */
    const char *slash = strrchr(final_path, '/');
    int dir_len = slash ? (int)(slash - final_path + 1) : 0;
    /* the name keeps its extension at the end: some drivers choose by it (CSV) */
    snprintf(tmp, len, "%.*s.tmp-%ld-%s", dir_len, final_path, (long)getpid(),
             final_path + dir_len);
    remove(tmp);
    o->tmp[o->n] = tmp;
    o->final[o->n] = fin;
    o->n++;
    return tmp;
}

const char *outset_add(ambit_ctx *ctx, outset *o, const char *name)
{
    size_t len = strlen(o->dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path) {
        ctx_nomem(ctx);
        return NULL;
    }
    snprintf(path, len, "%s/%s", o->dir, name);
    const char *tmp = outset_add_path(ctx, o, path);
    free(path);
    return tmp;
}

ambit_status outset_commit(ambit_ctx *ctx, outset *o)
{
    for (size_t i = 0; i < o->n; i++) {
        if (rename(o->tmp[i], o->final[i]) != 0) {
            ambit_status st = ctx_fail(ctx, AMBIT_ERR_IO, "cannot rename '%s' to '%s': %s",
                                       o->tmp[i], o->final[i], strerror(errno));
            outset_abort(o);
            return st;
        }
    }
    outset_free(o);
    return AMBIT_OK;
}

void outset_abort(outset *o)
{
    for (size_t i = 0; i < o->n; i++)
        remove(o->tmp[i]);
    /* remove the folders this run made, deepest first */
    for (int i = 0; o->dir && i < o->created_dir; i++) {
        char *slash = i ? strrchr(o->dir, '/') : NULL;
        if (slash)
            *slash = '\0';
        if (rmdir(o->dir) != 0)
            break;
    }
    outset_free(o);
}

ambit_status outset_write(ambit_ctx *ctx, outset *o, const char *name,
                          ambit_status (*fn)(void *run, const char *path), void *run)
{
    const char *path = outset_add(ctx, o, name);
    return path ? fn(run, path) : ctx->status;
}

ambit_status run_begin(ambit_ctx *ctx, const char *output, outset *out)
{
    ctx->status = AMBIT_OK;
    ctx->error[0] = '\0';
    ctx_clear_warnings(ctx);
    ctx_gdal_init();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    ambit_status st = outset_begin(ctx, output, out);
    if (st)
        CPLPopErrorHandler();
    return st;
}

ambit_status run_end(ambit_ctx *ctx, ambit_status st, outset *out)
{
    if (!st)
        st = outset_commit(ctx, out);
    else
        outset_abort(out);
    if (!st)
        ctx_progress(ctx, 1.0, "done");
    CPLPopErrorHandler();
    return st;
}
