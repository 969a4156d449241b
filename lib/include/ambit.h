/*
 * ambit: who can reach a neighbourhood facility, and where new ones should go.
 *
 * This is the library's only public header. It includes no GDAL, PROJ or GEOS
 * header: geometry, coordinate systems and file formats stay inside the library.
 *
 * Conventions (after GEOS, PROJ and h3):
 *  - every call that can fail returns an ::ambit_status; the message that explains
 *    the failure (naming the file, layer, feature or field) is on the context,
 *    read it with ambit_ctx_error();
 *  - nothing in the library prints or exits; warnings go to the context's
 *    message handler, progress to its progress callback;
 *  - every `_new` has a `_free` that accepts NULL; results returned through an
 *    out-parameter are owned by the caller unless the comment says "borrowed";
 *  - a context is not thread-safe: use one per thread.
 */
#ifndef AMBIT_H
#define AMBIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(AMBIT_BUILDING) && defined(__GNUC__)
#define AMBIT_API __attribute__((visibility("default")))
#else
#define AMBIT_API
#endif

/** Outcome of a fallible call. The numeric values are stable. */
typedef enum ambit_status {
    AMBIT_OK = 0,           /**< success */
    AMBIT_ERR_USAGE = 1,    /**< bad options or arguments (the CLI exits 2) */
    AMBIT_ERR_INPUT = 2,    /**< input data that cannot be used (missing, invalid...) */
    AMBIT_ERR_IO = 3,       /**< a file could not be written or renamed */
    AMBIT_ERR_NOMEM = 4,    /**< an allocation failed */
    AMBIT_ERR_INTERNAL = 5, /**< a dependency failed in an unexpected way */
} ambit_status;

/** Severity of a message sent to the context's message handler. */
typedef enum ambit_msg_level {
    AMBIT_MSG_INFO = 0,
    AMBIT_MSG_WARNING = 1,
} ambit_msg_level;

/** Receives warnings and notes; @p message is borrowed for the call only. */
typedef void (*ambit_msg_fn)(ambit_msg_level level, const char *message, void *user);

/**
 * Progress callback, same contract as GDAL's GDALProgressFunc (so GDALTermProgress
 * can be passed directly): @p complete runs from 0 to 1; return 0 to cancel.
 */
typedef int (*ambit_progress_fn)(double complete, const char *message, void *user);

/** Library version, e.g. "0.1.0". Borrowed, static. */
AMBIT_API const char *ambit_version(void);

/** A short stable name for a status ("ok", "usage", "input", ...). Borrowed, static. */
AMBIT_API const char *ambit_status_name(ambit_status status);

/* ------------------------------------------------------------------------- */
/* Context                                                                   */
/* ------------------------------------------------------------------------- */

/** Carries the last error, the message handler and the progress callback. */
typedef struct ambit_ctx ambit_ctx;

/** New context; NULL if out of memory. Free with ambit_ctx_free(). */
AMBIT_API ambit_ctx *ambit_ctx_new(void);

/** Frees a context; NULL is harmless. */
AMBIT_API void ambit_ctx_free(ambit_ctx *ctx);

/** The message of the last failure, or "" if none. Borrowed until the next call on ctx. */
AMBIT_API const char *ambit_ctx_error(const ambit_ctx *ctx);

/** Status of the last failure, or AMBIT_OK. */
AMBIT_API ambit_status ambit_ctx_status(const ambit_ctx *ctx);

/** Sets (or with NULL removes) the handler that receives warnings and notes. */
AMBIT_API void ambit_ctx_set_message_handler(ambit_ctx *ctx, ambit_msg_fn fn, void *user);

/** Sets (or with NULL removes) the progress callback used by long steps. */
AMBIT_API void ambit_ctx_set_progress(ambit_ctx *ctx, ambit_progress_fn fn, void *user);

/* ------------------------------------------------------------------------- */
/* Sparse coverage: for each site, the demand points within reach            */
/* ------------------------------------------------------------------------- */

/**
 * Sparse site -> demand coverage with distances, stored site by site (CSR).
 *
 * This is the one structure every consumer (statistics, solvers) reads. It does
 * not know how distances were measured: straight line (ambit_cover_points()),
 * an origin-destination table or a walking network (ambit_cover_builder).
 */
typedef struct ambit_cover ambit_cover;

/**
 * Straight-line coverage between points in one metric CRS.
 *
 * For every site s, lists every demand point d with |d - s| <= radius, with the
 * distance. Uses a uniform grid over the demand points, never an n x m matrix.
 * Arrays are borrowed for the call only.
 *
 * @return AMBIT_OK and *out (caller owns), AMBIT_ERR_USAGE if radius is not a
 *         positive finite number, AMBIT_ERR_NOMEM.
 */
AMBIT_API ambit_status ambit_cover_points(ambit_ctx *ctx, const double *demand_x,
                                          const double *demand_y, size_t n_demand,
                                          const double *site_x, const double *site_y,
                                          size_t n_sites, double radius, ambit_cover **out);

/** Frees a cover; NULL is harmless. */
AMBIT_API void ambit_cover_free(ambit_cover *cover);

/** Number of demand points the cover was built over. */
AMBIT_API size_t ambit_cover_demand_count(const ambit_cover *cover);

/** Number of sites. */
AMBIT_API size_t ambit_cover_site_count(const ambit_cover *cover);

/** Total number of (site, demand) pairs within reach. */
AMBIT_API size_t ambit_cover_pair_count(const ambit_cover *cover);

/**
 * The demand points within reach of @p site: sets *demand and *dist (borrowed
 * until the cover is freed; may be NULL when the count is 0) and returns the count.
 * The order is deterministic for given inputs; covers from a builder are sorted
 * by demand index.
 */
AMBIT_API size_t ambit_cover_site(const ambit_cover *cover, size_t site, const uint32_t **demand,
                                  const double **dist);

/** Builds a cover from pairs of any origin (OD table, network search). */
typedef struct ambit_cover_builder ambit_cover_builder;

/** New builder for n_demand demand points and n_sites sites. Caller owns *out. */
AMBIT_API ambit_status ambit_cover_builder_new(ambit_ctx *ctx, size_t n_demand, size_t n_sites,
                                               ambit_cover_builder **out);

/**
 * Adds one pair. Indices must be in range and dist finite and >= 0
 * (AMBIT_ERR_INPUT otherwise). A repeated (site, demand) pair keeps the last distance.
 */
AMBIT_API ambit_status ambit_cover_builder_add(ambit_ctx *ctx, ambit_cover_builder *b, size_t site,
                                               size_t demand, double dist);

/**
 * Sorts the pairs into a cover and frees the builder in all cases (*b is set to
 * NULL). Caller owns *out.
 */
AMBIT_API ambit_status ambit_cover_builder_finish(ambit_ctx *ctx, ambit_cover_builder **b,
                                                  ambit_cover **out);

/** Frees a builder that was not finished; NULL is harmless. */
AMBIT_API void ambit_cover_builder_free(ambit_cover_builder *b);

/* ------------------------------------------------------------------------- */
/* `ambit coverage`: who is within reach of existing facilities              */
/* ------------------------------------------------------------------------- */

/** Parsed options of `ambit coverage` (the GDAL utilities pattern). */
typedef struct ambit_coverage_options ambit_coverage_options;

/**
 * Parses exactly the flags of `ambit coverage` (argv excludes the program and
 * subcommand names). Checks values (radius range, tier syntax, conflicts), not files.
 *
 * @return AMBIT_OK and *out (caller owns), or AMBIT_ERR_USAGE with the reason on ctx.
 */
AMBIT_API ambit_status ambit_coverage_options_new(ambit_ctx *ctx, int argc, const char *const *argv,
                                                  ambit_coverage_options **out);

/** Frees options; NULL is harmless. */
AMBIT_API void ambit_coverage_options_free(ambit_coverage_options *opts);

/** Whether --quiet was given (the CLI then shows no progress and no warnings). */
AMBIT_API int ambit_coverage_options_quiet(const ambit_coverage_options *opts);

/** The output directory given with -o. Borrowed until opts is freed. */
AMBIT_API const char *ambit_coverage_options_output(const ambit_coverage_options *opts);

/** Number of tiers given (1 with --radius). */
AMBIT_API size_t ambit_coverage_options_tier_count(const ambit_coverage_options *opts);

/** Name and radius of tier i; the name is borrowed until opts is freed. */
AMBIT_API const char *ambit_coverage_options_tier(const ambit_coverage_options *opts, size_t i,
                                                  double *radius_m);

/** Usage text of `ambit coverage`. Borrowed, static. */
AMBIT_API const char *ambit_coverage_usage(void);

/**
 * Runs a coverage analysis: reads the inputs, measures coverage per tier and
 * writes communities.geojson, facilities.geojson, uncovered.geojson and
 * summary.json into the output directory. Outputs appear all together or not at
 * all (written to temporary files first, then renamed).
 *
 * @return AMBIT_OK, AMBIT_ERR_INPUT (bad data, message names file/layer/feature/field),
 *         AMBIT_ERR_IO (output not writable), AMBIT_ERR_NOMEM, AMBIT_ERR_INTERNAL.
 */
AMBIT_API ambit_status ambit_coverage_run(ambit_ctx *ctx, const ambit_coverage_options *opts);

#ifdef __cplusplus
}
#endif

#endif /* AMBIT_H */
