/* The context: last error, messages, progress, and the GEOS and PROJ handles. */
#ifndef AMBIT_CONTEXT_H
#define AMBIT_CONTEXT_H

#include "ambit.h"

#include <geos_c.h>
#include <proj.h>

struct ambit_ctx {
    ambit_status status;
    char error[2048];
    ambit_msg_fn msg_fn;
    void *msg_user;
    ambit_progress_fn progress_fn;
    void *progress_user;
    GEOSContextHandle_t geos;
    PJ_CONTEXT *proj;
    char geos_error[512];
    char **warnings; /* every warning of the current run, for summary.json */
    size_t n_warnings;
};

#if defined(__GNUC__)
#define AMBIT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define AMBIT_PRINTF(a, b)
#endif

/* Records a failure and returns status, so `return ctx_fail(...)` reads naturally. */
ambit_status ctx_fail(ambit_ctx *ctx, ambit_status status, const char *fmt, ...) AMBIT_PRINTF(3, 4);

/* Out of memory: records and returns AMBIT_ERR_NOMEM. */
ambit_status ctx_nomem(ambit_ctx *ctx);

/* Sends a warning to the handler and keeps it for the run's summary. */
void ctx_warn(ambit_ctx *ctx, const char *fmt, ...) AMBIT_PRINTF(2, 3);

/* Sends a note (informational) to the handler. */
void ctx_info(ambit_ctx *ctx, const char *fmt, ...) AMBIT_PRINTF(2, 3);

/* Reports progress; returns 0 if the user cancelled. */
int ctx_progress(ambit_ctx *ctx, double complete, const char *message);

/* Forgets the warnings of an earlier run. */
void ctx_clear_warnings(ambit_ctx *ctx);

/* The last message GEOS sent to this context ("" if none). */
const char *ctx_geos_error(const ambit_ctx *ctx);

/* Seconds on a monotonic clock (for elapsed times). */
double ctx_now_s(void);

/* Registers GDAL drivers once per process. */
void ctx_gdal_init(void);

#endif
