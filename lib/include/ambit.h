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
/* Walking networks                                                           */
/* ------------------------------------------------------------------------- */

/**
 * A street or path network in one metric CRS: one edge per pair of consecutive
 * vertices of a line; vertices with identical coordinates are one node (lines join
 * where they share a vertex, as OpenStreetMap ways do, and cross without joining
 * elsewhere: bridges, tunnels).
 */
typedef struct ambit_network ambit_network;

/**
 * Builds a network from polylines. Line i has the vertices
 * [line_start[i], line_start[i + 1]) of x and y (line_start has n_lines + 1
 * entries). Each edge costs its straight-line length, or, when line_cost is not
 * NULL, line i's cost shared among its segments in proportion to their length.
 * With snap > 0, every line end is joined to each vertex closer than snap metres
 * (segments whose ends are then joined are dropped). Arrays are borrowed for the call.
 *
 * @return AMBIT_OK and *out (caller owns), AMBIT_ERR_INPUT for a line of zero
 *         length, a cost that is not a positive number, a non-finite coordinate,
 *         more than 2^32 - 1 vertices, or no edge at all (the message names the line).
 */
AMBIT_API ambit_status ambit_network_new(ambit_ctx *ctx, const double *x, const double *y,
                                         const size_t *line_start, size_t n_lines,
                                         const double *line_cost, double snap, ambit_network **out);

/** Frees a network; NULL is harmless. */
AMBIT_API void ambit_network_free(ambit_network *net);

/** Size and connectivity of a network. */
typedef struct ambit_network_info {
    size_t nodes, edges;
    size_t components;       /**< connected components */
    double length_m;         /**< total edge length */
    double largest_length_m; /**< length of the largest component */
    size_t snapped_vertices; /**< vertices joined to another by the snap tolerance */
    size_t collapsed_edges;  /**< segments dropped because snapping joined their ends */
} ambit_network_info;

/** Fills *info for net. */
AMBIT_API void ambit_network_get_info(const ambit_network *net, ambit_network_info *info);

/**
 * Walking-distance coverage between points. Every demand point and site joins the
 * network at the nearest point of its nearest edge; the walk to and from the
 * network (the access distance) counts. A point farther than max_access from every
 * edge is unreachable: it covers, or is covered by, nothing. For every site, lists
 * every demand point whose network distance is <= radius (one Dijkstra search per
 * site, stopped at the radius; radius may be INFINITY for all reachable pairs).
 * Arrays are borrowed for the call.
 *
 * @return AMBIT_OK and *out (caller owns), AMBIT_ERR_USAGE if radius is not
 *         positive or max_access is negative, AMBIT_ERR_NOMEM.
 */
AMBIT_API ambit_status ambit_cover_network(ambit_ctx *ctx, const ambit_network *net,
                                           const double *demand_x, const double *demand_y,
                                           size_t n_demand, const double *site_x,
                                           const double *site_y, size_t n_sites, double radius,
                                           double max_access, ambit_cover **out);

/* ------------------------------------------------------------------------- */
/* Siting models (no geometry: they read a cover and weights)                */
/* ------------------------------------------------------------------------- */

/** The siting models. */
typedef enum ambit_model {
    AMBIT_MODEL_MCLP = 0,    /**< maximise covered population with p new sites */
    AMBIT_MODEL_TARGET = 1,  /**< fewest new sites covering a target share (1.0: LSCP) */
    AMBIT_MODEL_BUDGET = 2,  /**< maximise covered population with total cost <= budget */
    AMBIT_MODEL_PMEDIAN = 3, /**< minimise population-weighted distance with p new sites */
    AMBIT_MODEL_FLOOR = 4,   /**< fewest new sites giving every group (community) a floor share
                                  (with capacities: of people served) */
} ambit_model;

/** Name of a model ("mclp", "target", "budget", "pmedian", "floor"). Borrowed, static. */
AMBIT_API const char *ambit_model_name(ambit_model model);

/**
 * A siting instance: demand weights, the sites (existing ones fixed open) and
 * the cover linking them. The cover is borrowed and must outlive the instance.
 */
typedef struct ambit_instance ambit_instance;

/**
 * New instance over @p cover (n demand points, m sites).
 * @param weight   n demand weights (population), finite and >= 0; copied.
 * @param cost     m site costs (>= 0) or NULL for 1 each; copied.
 * @param fixed    m flags, non-zero for existing sites that stay open, or NULL; copied.
 * @return AMBIT_OK and *out (caller owns), AMBIT_ERR_INPUT for a bad value (message names
 *         the index), AMBIT_ERR_NOMEM.
 */
AMBIT_API ambit_status ambit_instance_new(ambit_ctx *ctx, const ambit_cover *cover,
                                          const double *weight, const double *cost,
                                          const unsigned char *fixed, ambit_instance **out);

/** Frees an instance; NULL is harmless. */
AMBIT_API void ambit_instance_free(ambit_instance *inst);

/**
 * Sets site capacities: the population each site can serve (INFINITY: no limit;
 * NULL removes them); copied. The coverage models then count the population
 * assigned to open sites (each person to one site within reach, each site up to
 * its capacity: a maximum flow) instead of the population within reach.
 * @return AMBIT_ERR_INPUT for a negative or NaN capacity (message names the site).
 */
AMBIT_API ambit_status ambit_instance_set_capacity(ambit_ctx *ctx, ambit_instance *inst,
                                                   const double *capacity);

/**
 * Puts every demand point in a group (a community; -1: none) for the floor model,
 * which asks each group with people to reach its floor share (or all it can reach, when
 * even every site together reaches less). Copied.
 */
AMBIT_API ambit_status ambit_instance_set_groups(ambit_ctx *ctx, ambit_instance *inst,
                                                 const int32_t *group, size_t n_groups);

/** Most tiers a nested instance (and a tier list anywhere in ambit) may have. */
#define AMBIT_MAX_TIERS 16

/**
 * Makes the instance nested: the same physical sites can host one of n_tiers tiers
 * (tier 0 is the highest: an area-level park before a community-level one). Demand
 * point i is covered at tier t when an open site of tier t or of any higher tier
 * (0..t) lies within radius[t] of it: a higher-tier facility also serves the lower
 * tiers' needs, within the lower tier's radius. The coverage models (mclp with
 * ambit_solve_params::tier_p, budget, target) then solve all tiers at once; each
 * site hosts at most one tier.
 *
 * @param radius    n_tiers radii (> 0, finite; the cover must reach the largest).
 * @param weight    n_tiers weights (>= 0) of each tier's covered population in the
 *                  objective of mclp and budget, or NULL for 1 each.
 * @param eligible  m x n_tiers flags (site-major), non-zero when candidate j may host
 *                  tier t (e.g. its land area meets the tier's minimum), or NULL: all.
 * @param site_tier m tiers of the existing (fixed) sites; -1 (or NULL for all) serves
 *                  as the highest tier, i.e. in every tier. Ignored for candidates.
 * @param tier_cost m x n_tiers costs of building site j at tier t (>= 0), or NULL: the
 *                  instance's site cost at every tier.
 * @param names     n_tiers names used in messages ("area", ...), or NULL ("tier 0", ...).
 * All arrays are copied. n_tiers = 0 makes the instance plain again.
 * @return AMBIT_ERR_INPUT for a bad value (the message names the tier or site).
 */
AMBIT_API ambit_status ambit_instance_set_tiers(ambit_ctx *ctx, ambit_instance *inst,
                                                size_t n_tiers, const double *radius,
                                                const double *weight, const unsigned char *eligible,
                                                const int32_t *site_tier, const double *tier_cost,
                                                const char *const *names);

/** Parameters of a solve. Start from ambit_solve_params_default(). */
typedef struct ambit_solve_params {
    ambit_model model;
    size_t p;            /**< new sites (mclp, pmedian) */
    double radius;       /**< coverage radius: a pair covers when its distance <= radius */
    double target;       /**< target share of total population in (0, 1] (target) */
    double budget;       /**< total cost of new sites (budget) */
    double time_limit_s; /**< stop improving after this many seconds (0: no limit) */
    uint64_t seed;       /**< seed of the randomised improvement phase */
    /**
     * Rounds of the randomised improvement phase; -1 (the default): 64, fewer on
     * large instances (about 10^8 pairs read in all); a value >= 0 is used as given.
     */
    int max_iterations;
    int rank_by_cost; /**< order new sites by marginal gain per cost (phasing by budget) */
    double floor;     /**< floor share of every group's population in (0, 1] (floor) */
    /**
     * Nested instances, mclp: new sites of each tier (n_tiers counts, borrowed; 0 is
     * allowed). With tiers, target asks every tier to reach the target share at least
     * cost (tier costs; all 1: fewest sites), and budget spends tier costs.
     */
    const size_t *tier_p;
} ambit_solve_params;

/** Default parameters: mclp, p = 1, radius = infinity, seed 1, no time limit. */
AMBIT_API ambit_solve_params ambit_solve_params_default(void);

/** A solution: the new sites in order of construction, objective, bound and gap. */
typedef struct ambit_solution ambit_solution;

/**
 * Solves a model: a greedy start, local search by vertex substitution (fast
 * interchange), a seeded perturbation phase, and a Lagrangian bound, so that every
 * answer states how far from the optimum it can be. Deterministic for a given
 * instance, parameters and seed (unless the time limit cuts it short).
 *
 * @return AMBIT_OK and *out (caller owns); AMBIT_ERR_INPUT when the model cannot
 *         be met (p larger than the candidates, target above the reachable share,
 *         budget below the cheapest site), with the reason on ctx.
 */
AMBIT_API ambit_status ambit_solve(ambit_ctx *ctx, const ambit_instance *inst,
                                   const ambit_solve_params *params, ambit_solution **out);

/** Frees a solution; NULL is harmless. */
AMBIT_API void ambit_solution_free(ambit_solution *sol);

/** Objective: covered population (mclp, target, budget) or weighted distance (pmedian). */
AMBIT_API double ambit_solution_objective(const ambit_solution *sol);

/**
 * Bound on the optimum: an upper bound for maximisation (mclp, budget), a lower
 * bound for minimisation (pmedian: weighted distance; target: number of sites).
 */
AMBIT_API double ambit_solution_bound(const ambit_solution *sol);

/** Relative gap |bound - objective| / |bound| (0 when proven optimal). */
AMBIT_API double ambit_solution_gap(const ambit_solution *sol);

/** Population within reach of an open site (existing or new) under the radius. */
AMBIT_API double ambit_solution_covered(const ambit_solution *sol);

/** Population covered by the existing sites alone. */
AMBIT_API double ambit_solution_covered_before(const ambit_solution *sol);

/** Number of new sites selected. */
AMBIT_API size_t ambit_solution_count(const ambit_solution *sol);

/**
 * The k-th new site in order of construction (rank k + 1: the order of marginal
 * gain, or of marginal gain per cost with rank_by_cost, used as the order of building). Returns the
 * site index in the cover and sets *marginal to its marginal gain when added in that order
 * (population, or reduction of weighted distance for pmedian).
 */
AMBIT_API size_t ambit_solution_site(const ambit_solution *sol, size_t k, double *marginal);

/**
 * Population served by a site (existing or new) under capacities: its share of the
 * maximum flow. NaN when the instance has no capacities.
 */
AMBIT_API double ambit_solution_site_load(const ambit_solution *sol, size_t site);

/**
 * Population of a group (community) served under capacities by the floor model, towards
 * its floor (at most the floor share); NaN for other models.
 */
AMBIT_API double ambit_solution_group_served(const ambit_solution *sol, size_t group);

/** Tier of the k-th new site (0 on a plain instance). */
AMBIT_API size_t ambit_solution_site_tier(const ambit_solution *sol, size_t k);

/**
 * Population newly covered at @p tier by the k-th new site, added in rank order
 * (nested instances; NaN otherwise).
 */
AMBIT_API double ambit_solution_tier_marginal(const ambit_solution *sol, size_t k, size_t tier);

/**
 * Population covered at @p tier after the solve (and in *before, if not NULL, by the
 * existing sites alone); NaN on a plain instance. On a nested instance
 * ambit_solution_covered() is the weighted sum over tiers (the mclp/budget objective).
 */
AMBIT_API double ambit_solution_tier_covered(const ambit_solution *sol, size_t tier,
                                             double *before);

/** Whether the solve stopped on the time limit. */
AMBIT_API int ambit_solution_timed_out(const ambit_solution *sol);

/**
 * Writes the exact MIP of the model in free MPS (minimisation; a maximisation is
 * written negated), for CBC, GLPK (glpsol --freemps), HiGHS or Gurobi.
 */
AMBIT_API ambit_status ambit_instance_write_mps(ambit_ctx *ctx, const ambit_instance *inst,
                                                const ambit_solve_params *params, const char *path);

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

/* ------------------------------------------------------------------------- */
/* `ambit site`: propose new sites with a siting model                      */
/* ------------------------------------------------------------------------- */

/** Parsed options of `ambit site`. */
typedef struct ambit_site_options ambit_site_options;

/**
 * Parses exactly the flags of `ambit site` (argv excludes the program and
 * subcommand names): inputs, candidates, model, distances, solver settings.
 * @return AMBIT_OK and *out (caller owns), AMBIT_ERR_USAGE for conflicting or
 *         missing options, AMBIT_ERR_INPUT for out-of-range values.
 */
AMBIT_API ambit_status ambit_site_options_new(ambit_ctx *ctx, int argc, const char *const *argv,
                                              ambit_site_options **out);

/** Frees options; NULL is harmless. */
AMBIT_API void ambit_site_options_free(ambit_site_options *opts);

/** Whether --quiet was given. */
AMBIT_API int ambit_site_options_quiet(const ambit_site_options *opts);

/** The output directory given with -o. Borrowed until opts is freed. */
AMBIT_API const char *ambit_site_options_output(const ambit_site_options *opts);

/** The solver parameters the options describe (model, p, radius, ...). */
AMBIT_API ambit_solve_params ambit_site_options_params(const ambit_site_options *opts);

/** Usage text of `ambit site`. Borrowed, static. */
AMBIT_API const char *ambit_site_usage(void);

/**
 * Runs a siting model and writes sites.geojson, communities.geojson and
 * summary.json into the output directory (atomically), and the exact MIP when
 * --write-mps was given.
 */
AMBIT_API ambit_status ambit_site_run(ambit_ctx *ctx, const ambit_site_options *opts);

/* ------------------------------------------------------------------------- */
/* Scenarios, comparisons and reports (planning reviews)                      */
/* ------------------------------------------------------------------------- */

/**
 * Runs the `coverage` or `site` run a scenario file describes (YAML: docs/scenarios.md;
 * paths relative to the file) into the folder @p output, with access.csv, and records
 * the scenario (scenario.yaml), the ambit version and the SHA-256 of every input file
 * (run.json).
 * @return AMBIT_ERR_INPUT for a scenario with unknown keys or missing files (the
 *         message names the file, line and key), or whatever the run returns.
 */
AMBIT_API ambit_status ambit_run_scenario(ambit_ctx *ctx, const char *scenario, const char *output);

/**
 * Compares n >= 2 output folders of ambit runs on the same population (the first is
 * the baseline) and writes comparison.csv, comparison.md and difference.geojson (and
 * comparison.html when @p html) into @p output. Runs on different population inputs
 * are refused unless @p force; runs in different CRS always.
 */
AMBIT_API ambit_status ambit_compare(ambit_ctx *ctx, const char *const *dirs, size_t n,
                                     const char *output, int force, int html);

/**
 * Writes one self-contained HTML file (no network access needed) for an output
 * folder: a map of the communities shaded by coverage with existing and proposed
 * sites by tier (and service areas when the run wrote them), the coverage curve, the
 * per-community table and the project list.
 */
AMBIT_API ambit_status ambit_report(ambit_ctx *ctx, const char *dir, const char *output_html);

/** Parsed flags of `ambit run`, `ambit compare` or `ambit report`. */
typedef struct ambit_review_options ambit_review_options;

/**
 * Parses exactly the flags of the review command @p command ("run", "compare" or
 * "report"). Caller owns *out. @return AMBIT_ERR_USAGE for missing or unknown flags.
 */
AMBIT_API ambit_status ambit_review_options_new(ambit_ctx *ctx, const char *command, int argc,
                                                const char *const *argv,
                                                ambit_review_options **out);

/** Frees options; NULL is harmless. */
AMBIT_API void ambit_review_options_free(ambit_review_options *opts);

/** Whether --quiet was given. */
AMBIT_API int ambit_review_options_quiet(const ambit_review_options *opts);

/** The output (folder or file) given with -o. Borrowed until opts is freed. */
AMBIT_API const char *ambit_review_options_output(const ambit_review_options *opts);

/** Usage text of a review command. Borrowed, static; NULL for an unknown command. */
AMBIT_API const char *ambit_review_usage(const char *command);

/** Runs the review command the options were parsed for. */
AMBIT_API ambit_status ambit_review_run(ambit_ctx *ctx, const ambit_review_options *opts);

/* ------------------------------------------------------------------------- */
/* Planning profiles                                                          */
/* ------------------------------------------------------------------------- */

/**
 * Describes the planning profiles on the search path ($AMBIT_PROFILE_PATH, then
 * the installed and source-tree geodata/profiles), or, with a NAME or FILE, one
 * profile in full with every value's source and status. *text is caller-owned
 * (free with ambit_free()).
 * @return AMBIT_ERR_INPUT for a profile that is missing or invalid (the message
 *         names the file, line and key).
 */
AMBIT_API ambit_status ambit_profiles_describe(ambit_ctx *ctx, const char *profile, char **text);

/** Usage text of `ambit profiles`. Borrowed, static. */
AMBIT_API const char *ambit_profiles_usage(void);

/** Frees memory the library handed over (e.g. ambit_profiles_describe's text). */
AMBIT_API void ambit_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* AMBIT_H */
