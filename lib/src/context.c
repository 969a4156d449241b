#include "context.h"

#include "strutil.h"

#include <gdal.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void geos_error_handler(const char *message, void *user)
{
    ambit_ctx *ctx = user;
    snprintf(ctx->geos_error, sizeof ctx->geos_error, "%s", message);
}

static void geos_notice_handler(const char *message, void *user)
{
    (void)message;
    (void)user;
}

const char *ambit_version(void)
{
    return AMBIT_VERSION_STRING_BUILD;
}

const char *ambit_status_name(ambit_status status)
{
    switch (status) {
    case AMBIT_OK:
        return "ok";
    case AMBIT_ERR_USAGE:
        return "usage";
    case AMBIT_ERR_INPUT:
        return "input";
    case AMBIT_ERR_IO:
        return "io";
    case AMBIT_ERR_NOMEM:
        return "nomem";
    case AMBIT_ERR_INTERNAL:
        return "internal";
    }
    return "unknown";
}

ambit_ctx *ambit_ctx_new(void)
{
    ambit_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->geos = GEOS_init_r();
    ctx->proj = proj_context_create();
    if (!ctx->geos || !ctx->proj) {
        ambit_ctx_free(ctx);
        return NULL;
    }
    GEOSContext_setErrorMessageHandler_r(ctx->geos, geos_error_handler, ctx);
    GEOSContext_setNoticeMessageHandler_r(ctx->geos, geos_notice_handler, ctx);
    proj_log_level(ctx->proj, PJ_LOG_NONE);
    return ctx;
}

void ambit_ctx_free(ambit_ctx *ctx)
{
    if (!ctx)
        return;
    ctx_clear_warnings(ctx);
    if (ctx->geos)
        GEOS_finish_r(ctx->geos);
    if (ctx->proj)
        proj_context_destroy(ctx->proj);
    free(ctx);
}

const char *ambit_ctx_error(const ambit_ctx *ctx)
{
    return ctx ? ctx->error : "no context";
}

ambit_status ambit_ctx_status(const ambit_ctx *ctx)
{
    return ctx ? ctx->status : AMBIT_ERR_INTERNAL;
}

void ambit_ctx_set_message_handler(ambit_ctx *ctx, ambit_msg_fn fn, void *user)
{
    ctx->msg_fn = fn;
    ctx->msg_user = user;
}

void ambit_ctx_set_progress(ambit_ctx *ctx, ambit_progress_fn fn, void *user)
{
    ctx->progress_fn = fn;
    ctx->progress_user = user;
}

ambit_status ctx_fail(ambit_ctx *ctx, ambit_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
    va_end(ap);
    ctx->status = status;
    return status;
}

ambit_status ctx_nomem(ambit_ctx *ctx)
{
    return ctx_fail(ctx, AMBIT_ERR_NOMEM, "out of memory");
}

static void send(ambit_ctx *ctx, ambit_msg_level level, const char *fmt, va_list ap)
    AMBIT_PRINTF(3, 0);

static void send(ambit_ctx *ctx, ambit_msg_level level, const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (level == AMBIT_MSG_WARNING) {
        char **w = realloc(ctx->warnings, (ctx->n_warnings + 1) * sizeof *w);
        if (w) {
            ctx->warnings = w;
            w[ctx->n_warnings] = str_dup(buf);
            if (w[ctx->n_warnings])
                ctx->n_warnings++;
        }
    }
    if (ctx->msg_fn)
        ctx->msg_fn(level, buf, ctx->msg_user);
}

void ctx_warn(ambit_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    send(ctx, AMBIT_MSG_WARNING, fmt, ap);
    va_end(ap);
}

void ctx_info(ambit_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    send(ctx, AMBIT_MSG_INFO, fmt, ap);
    va_end(ap);
}

int ctx_progress(ambit_ctx *ctx, double complete, const char *message)
{
    if (!ctx->progress_fn)
        return 1;
    return ctx->progress_fn(complete, message, ctx->progress_user);
}

void ctx_clear_warnings(ambit_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_warnings; i++)
        free(ctx->warnings[i]);
    free(ctx->warnings);
    ctx->warnings = NULL;
    ctx->n_warnings = 0;
}

const char *ctx_geos_error(const ambit_ctx *ctx)
{
    return ctx->geos_error;
}

static pthread_once_t gdal_once = PTHREAD_ONCE_INIT;

static void gdal_register(void)
{
    GDALAllRegister();
}

void ctx_gdal_init(void)
{
    pthread_once(&gdal_once, gdal_register);
}

double ctx_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
