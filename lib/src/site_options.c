#include "site_options.h"

#include "service_area.h"

#include "profile.h"
#include "strutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ambit site --model MODEL [model options] (--population SRC | --od FILE)\n"
    "                  (--candidates SRC | --candidate-grid METRES) -o DIR [options]\n"
    "\n"
    "Proposes new sites with a siting model; says how close to optimal the answer is.\n"
    "Models:\n"
    "  --model mclp --p N --radius M       most people within M metres with N new sites\n"
    "  --model target --coverage S --radius M\n"
    "                                      fewest new sites reaching share S (1.0: everyone)\n"
    "  --model budget --budget B --cost-field F --radius M\n"
    "                                      most people covered for a total cost <= B\n"
    "  --model pmedian --p N               least population-weighted distance, N new sites\n"
    "  --model floor --community-floor S --radius M\n"
    "                                      fewest new sites giving every community share S\n"
    "                                      (or all it can reach; those are listed)\n"
    "      [--max-distance M]              ignore pairs farther than M (default: all pairs)\n"
    "Candidates:\n"
    "  --candidates SRC        candidate sites, points or polygons (reach from the edge)\n"
    "  --candidate-id F        candidate id field (default: feature id)\n"
    "  --cost-field F          candidate cost field (default: 1 each)\n"
    "  --capacity-field F      population each site can serve (candidates, and existing\n"
    "                          facilities whose layer has the field)\n"
    "  --capacity N            the same for every site without a value\n"
    "  --candidate-grid METRES candidates on a regular grid inside the communities\n"
    "  --exclude SRC           polygons where no grid candidate may go (water, parks...)\n"
    "Existing facilities (kept open, counted): --facilities SRC [--facility-id F]\n"
    "Demand as for `ambit coverage` (--population, --population-field, --band, --cell,\n"
    "  --communities, --community-id/-name, --crs, --assume-crs, --strict)\n"
    "Walking distances: --network SRC [--network-where SQL --network-cost-field F\n"
    "  --snap M --max-access M], as for `ambit coverage`\n"
    "  --service-areas [--service-area-buffer M] also write service_areas.geojson\n"
    "Distances from a routing engine instead of straight lines:\n"
    "  --od FILE               long table: demand id, site id, cost, [weight]\n"
    "  --od-demand F --od-site F --od-cost F --od-weight F\n"
    "                          its columns (default demand_id, site_id, cost, weight)\n"
    "Solver:\n"
    "  --seed N                seed of the perturbation phase (default 1)\n"
    "  --iterations N          perturbation rounds (default 64, fewer on large instances)\n"
    "  --time-limit SECONDS    stop improving after that\n"
    "  --write-mps FILE        also write the exact MIP (for CBC, GLPK, HiGHS, Gurobi)\n"
    "Phasing (projects.csv):\n"
    "  --years N               spread the new sites over N years, in rank order\n"
    "  --budget-per-year B     at most B of cost a year (ranks by gain per cost), or\n"
    "  --per-year K            K sites a year\n"
    "Planning profile (ambit profiles lists them):\n"
    "  --facility KIND --tier NAME [--profile P]\n"
    "                          radius of that tier unless --radius; --capacity profile\n"
    "                          takes its population served (upper end)\n"
    "Nested tiers (--facility KIND without --tier: every tier of KIND in one solve; a\n"
    "higher tier also serves the lower tiers within their radius; one tier per site):\n"
    "  --model mclp --p TIER=N,...         new sites per tier, most weighted coverage\n"
    "  --model target --coverage S         every tier reaches S, least total cost\n"
    "  --model budget --budget B           most weighted coverage for cost <= B\n"
    "  --tiers TIER=METRES,...             radii (default: the profile's)\n"
    "  --min-area TIER=M2,...              land a site needs (default: the profile's)\n"
    "  --tier-weights TIER=W,...           weights of the tiers' coverage (default 1)\n"
    "  --area-field F                      land area in m2 (default: polygon area)\n"
    "  --tier-field F                      tier of each existing facility (default: highest)\n"
    "  Costs: --cost-field F for every tier, else the profile's cost of each tier.\n"
    "Other: -o DIR, --access-table (access.csv), --quiet, -h/--help\n"
    "\n"
    "Writes sites.geojson, communities.geojson and summary.json (objective, bound, gap).\n"
    "Exit status: 0 ok, 1 failure, 2 usage.\n";

const char *ambit_site_usage(void)
{
    return usage;
}

void ambit_site_options_free(ambit_site_options *o)
{
    if (!o)
        return;
    opt_args_free(&o->args);
    free(o->profile_path);
    for (size_t t = 0; t < o->n_tiers; t++)
        free(o->tier_name[t]);
    free(o);
}

int ambit_site_options_quiet(const ambit_site_options *o)
{
    return o->in.quiet;
}

const char *ambit_site_options_output(const ambit_site_options *o)
{
    return o->in.output;
}

ambit_solve_params ambit_site_options_params(const ambit_site_options *o)
{
    return o->solve;
}

typedef struct raw {
    const char *model, *p, *coverage, *budget, *radius, *max_distance, *grid;
    const char *seed, *iterations, *time_limit, *capacity;
    const char *years, *budget_per_year, *per_year, *floor;
    const char *tiers, *min_area, *tier_weights, *sa_buffer;
} raw;

static ambit_status check_model(ambit_ctx *ctx, ambit_site_options *o, const raw *r)
{
    ambit_solve_params *P = &o->solve;
    if (!r->model)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--model is required (mclp, target, budget, pmedian)");
    if (strcmp(r->model, "mclp") == 0)
        P->model = AMBIT_MODEL_MCLP;
    else if (strcmp(r->model, "target") == 0)
        P->model = AMBIT_MODEL_TARGET;
    else if (strcmp(r->model, "budget") == 0)
        P->model = AMBIT_MODEL_BUDGET;
    else if (strcmp(r->model, "pmedian") == 0)
        P->model = AMBIT_MODEL_PMEDIAN;
    else if (strcmp(r->model, "floor") == 0)
        P->model = AMBIT_MODEL_FLOOR;
    else
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--model '%s' is not one of mclp, target, budget, pmedian, floor",
                        r->model);
    if ((P->model == AMBIT_MODEL_FLOOR) != (r->floor != NULL))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        r->floor ? "--community-floor goes with --model floor"
                                 : "--model floor needs --community-floor S");
    if (r->floor) {
        ambit_status fs =
            opt_number(ctx, "--community-floor", r->floor, -HUGE_VAL, HUGE_VAL, &P->floor);
        if (fs)
            return fs;
        if (!(P->floor > 0 && P->floor <= 1))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--community-floor %s must be in (0, 1]",
                            r->floor);
    }
    int needs_p = P->model == AMBIT_MODEL_MCLP || P->model == AMBIT_MODEL_PMEDIAN;
    if (needs_p && !r->p)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--model %s needs --p N", r->model);
    if (!needs_p && r->p)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--p does not go with --model %s", r->model);
    if ((P->model == AMBIT_MODEL_TARGET) != (r->coverage != NULL))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        r->coverage ? "--coverage goes with --model target"
                                    : "--model target needs --coverage S");
    if ((P->model == AMBIT_MODEL_BUDGET) != (r->budget != NULL))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        r->budget ? "--budget goes with --model budget"
                                  : "--model budget needs --budget B");
    if (P->model == AMBIT_MODEL_BUDGET && !o->cost_field && (!o->facility || o->tier))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--model budget needs --cost-field F");
    if (P->model != AMBIT_MODEL_PMEDIAN && !r->radius && !o->facility)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--model %s needs --radius METRES (or --facility KIND --tier NAME)",
                        r->model);
    if (P->model != AMBIT_MODEL_PMEDIAN && r->max_distance)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--max-distance goes with --model pmedian");
    ambit_status st = AMBIT_OK;
    if (r->p && strchr(r->p, '=')) {
        if (!o->facility || o->tier)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--p %s: counts per tier go with nested tiers (--facility KIND "
                            "without --tier)",
                            r->p);
    } else if (r->p) {
        long p;
        if (!str_to_long(r->p, -1000000000L, 1000000000L, &p))
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--p: '%s' is not a whole number", r->p);
        if (p <= 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--p must be at least 1, not %ld", p);
        P->p = (size_t)p;
    }
    if (r->coverage && (st = opt_number(ctx, "--coverage", r->coverage, 1e-9, 1.0, &P->target)))
        return st;
    if (r->budget && (st = opt_number(ctx, "--budget", r->budget, 0, HUGE_VAL, &P->budget)))
        return st;
    if (r->radius) {
        if ((st = opt_radius(ctx, "--radius", r->radius, &P->radius)))
            return st;
        o->radius_given = 1;
    }
    if (r->max_distance &&
        (st = opt_radius(ctx, "--max-distance", r->max_distance, &o->max_distance)))
        return st;
    return AMBIT_OK;
}

/*
 * Nested tiers: every tier of the kind, with radius, minimum land area and cost from the
 * profile, overridden by --tiers, --min-area; --p TIER=N,... and --tier-weights.
 */
static ambit_status nested_tiers(ambit_ctx *ctx, ambit_site_options *o, raw *r,
                                 const profile_kind *k, const char *path)
{
    ambit_solve_params *P = &o->solve;
    if (k->n > AMBIT_MAX_TIERS)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s has %zu tiers, at most %d", path, o->facility,
                        k->n, AMBIT_MAX_TIERS);
    if (P->model != AMBIT_MODEL_MCLP && P->model != AMBIT_MODEL_TARGET &&
        P->model != AMBIT_MODEL_BUDGET)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--facility %s without --tier solves its %zu tiers together: use "
                        "--model mclp, target or budget (or choose one tier with --tier)",
                        o->facility, k->n);
    if (r->radius)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--radius: nested tiers take each tier's radius; override them with "
                        "--tiers TIER=METRES,...");
    if (r->capacity || o->in.capacity_field)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "capacities do not go with nested tiers yet");
    for (size_t t = 0; t < k->n; t++) {
        const profile_tier *pt = &k->tiers[t];
        if (!(o->tier_name[t] = str_dup(pt->name)))
            return ctx_nomem(ctx);
        o->n_tiers = t + 1;
        o->tier_radius[t] = pt->radius.value;
        o->tier_area[t] = pt->area.present ? pt->area.value : 0;
        o->tier_cost[t] = pt->cost.present ? pt->cost.value : 1;
        o->tier_weight[t] = 1;
    }
    size_t T = o->n_tiers;
    double v[AMBIT_MAX_TIERS];
    ambit_status st = AMBIT_OK;
    if (r->tiers)
        st = opt_tier_values(ctx, "--tiers", r->tiers, o->tier_name, T, 1e-9, AMBIT_MAX_RADIUS_M,
                             o->tier_radius);
    if (!st && r->min_area)
        st =
            opt_tier_values(ctx, "--min-area", r->min_area, o->tier_name, T, 0, 1e12, o->tier_area);
    if (!st && r->tier_weights)
        st = opt_tier_values(ctx, "--tier-weights", r->tier_weights, o->tier_name, T, 0, 1e12,
                             o->tier_weight);
    if (st)
        return st;
    if (P->model == AMBIT_MODEL_MCLP) {
        if (!strchr(r->p, '='))
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--p %s: nested tiers need a count per tier, e.g. --p %s=1,...", r->p,
                            o->tier_name[0]);
        for (size_t t = 0; t < T; t++)
            v[t] = 0;
        if ((st = opt_tier_values(ctx, "--p", r->p, o->tier_name, T, 0, 1e6, v)))
            return st;
        size_t total = 0;
        for (size_t t = 0; t < T; t++) {
            if (v[t] != floor(v[t]))
                return ctx_fail(ctx, AMBIT_ERR_USAGE, "--p %s=%g is not a whole number",
                                o->tier_name[t], v[t]);
            total += o->tier_p[t] = (size_t)v[t];
        }
        if (total == 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--p: every tier asks for 0 new sites");
        P->tier_p = o->tier_p;
    }
    double rmax = 0;
    for (size_t t = 0; t < T; t++)
        rmax = fmax(rmax, o->tier_radius[t]);
    P->radius = rmax; /* the cover reaches the largest radius */
    return AMBIT_OK;
}

/*
 * --facility KIND [--tier NAME] [--profile P]: the radius of that tier (unless --radius),
 * and with --capacity profile, its population served (the upper end of the range).
 */
static ambit_status check_profile(ambit_ctx *ctx, ambit_site_options *o, raw *r)
{
    int wants_profile_capacity = r->capacity && strcmp(r->capacity, "profile") == 0;
    if (!o->facility) {
        if (o->profile || o->tier || wants_profile_capacity || r->tiers || r->min_area ||
            r->tier_weights || o->area_field)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--profile, --tier, --capacity profile, --tiers, --min-area, "
                            "--tier-weights and --area-field need --facility KIND");
        return AMBIT_OK;
    }
    profile p;
    ambit_status st = profile_load(ctx, o->profile ? o->profile : "default", &p);
    if (st)
        return st;
    const profile_kind *k = profile_kind_find(&p, o->facility);
    const profile_tier *t = NULL;
    if (!k)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--facility %s: profile '%s' has no such kind",
                      o->facility, p.path);
    else if (!o->tier && k->n > 1)
        st = nested_tiers(ctx, o, r, k, p.path);
    if (o->n_tiers) {
        if (!st && !(o->profile_path = str_dup(p.path)))
            st = ctx_nomem(ctx);
        profile_free(&p);
        return st;
    }
    if (!st && (r->tiers || r->min_area || r->tier_weights || o->area_field))
        st = ctx_fail(ctx, AMBIT_ERR_USAGE,
                      "--tiers, --min-area, --tier-weights and --area-field go with nested "
                      "tiers (--facility KIND without --tier)");
    for (size_t i = 0; !st && k && i < k->n; i++)
        if (!o->tier || strcmp(k->tiers[i].name, o->tier) == 0)
            t = &k->tiers[i];
    if (!st && !t)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--tier %s is not a tier of %s in '%s'", o->tier,
                      o->facility, p.path);
    if (!st && !r->radius)
        o->solve.radius = t->radius.value;
    if (!st && wants_profile_capacity) {
        if (!t->served.present)
            st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                          "--capacity profile: tier %s of %s in '%s' gives no population_served",
                          t->name, o->facility, p.path);
        else
            o->capacity = t->served.max;
        r->capacity = NULL; /* taken */
    }
    if (!st && !(o->profile_path = str_dup(p.path)))
        st = ctx_nomem(ctx);
    profile_free(&p);
    return st;
}

static ambit_status check_sources(ambit_ctx *ctx, ambit_site_options *o, const raw *r)
{
    ambit_status st;
    if (o->in.tier_field && !o->n_tiers)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--tier-field goes with nested tiers (--facility KIND without --tier); "
                        "for one tier give the facilities of that tier");
    if (o->in.tier_field && !o->in.facilities)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tier-field needs --facilities");
    if (o->n_tiers && o->od)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "nested tiers need --population (an OD table has one distance kind "
                        "and no tiers of existing facilities)");
    if (o->od && o->in.access_table)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--access-table needs --population: OD demand has no location");
    if (o->od && o->in.network.spec)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "give --od or --network, not both: each is a way of measuring distance");
    if (o->od) {
        if (o->in.population)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--od replaces --population (its demand and "
                            "weights come from the table)");
        if (o->in.communities)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--communities needs --population: OD demand "
                            "has no location");
        if (r->grid)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--candidate-grid needs --population, not --od");
        if (o->solve.model == AMBIT_MODEL_FLOOR)
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--model floor needs --population (and --communities): OD demand "
                            "has no community");
    } else {
        if (!o->in.population)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--population (or --od) is required");
        if (!o->candidates && !r->grid)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--candidates or --candidate-grid is required");
        if (o->od_demand || o->od_site || o->od_cost || o->od_weight)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--od-* options need --od FILE");
    }
    if (o->candidates && r->grid)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "give --candidates or --candidate-grid, not both");
    if (o->exclude && !r->grid)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--exclude goes with --candidate-grid");
    if (o->in.capacity_field && !o->candidates && !o->in.facilities)
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--capacity-field needs --candidates or --facilities");
    if ((o->candidate_id || o->cost_field) && !o->candidates)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--candidate-id/--cost-field need --candidates");
    if (r->grid &&
        (st = opt_number(ctx, "--candidate-grid", r->grid, 1, 100000, &o->candidate_grid)))
        return st;
    if (!o->od_demand)
        o->od_demand = "demand_id";
    if (!o->od_site)
        o->od_site = "site_id";
    if (!o->od_cost)
        o->od_cost = "cost";
    return AMBIT_OK;
}

static ambit_status check_phasing(ambit_ctx *ctx, ambit_site_options *o, const raw *r)
{
    if (!r->years) {
        if (r->budget_per_year || r->per_year)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--budget-per-year/--per-year need --years N");
        return AMBIT_OK;
    }
    long y;
    if (!str_to_long(r->years, 1, 100, &y))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--years: '%s' is not a number of years in 1..100",
                        r->years);
    o->years = (int)y;
    if ((r->budget_per_year != NULL) == (r->per_year != NULL))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--years needs one of --budget-per-year B or --per-year N");
    if (r->per_year && !str_to_long(r->per_year, 1, 1000000L, &o->per_year))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--per-year: '%s' is not a number of sites >= 1",
                        r->per_year);
    if (r->budget_per_year) {
        ambit_status st = opt_number(ctx, "--budget-per-year", r->budget_per_year, -HUGE_VAL,
                                     HUGE_VAL, &o->budget_per_year);
        if (st)
            return st;
        if (!(o->budget_per_year > 0))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--budget-per-year must be above 0");
        o->solve.rank_by_cost = 1; /* a yearly budget buys the best coverage per cost first */
    }
    return AMBIT_OK;
}

static ambit_status check_solver(ambit_ctx *ctx, ambit_site_options *o, const raw *r)
{
    ambit_solve_params *P = &o->solve;
    long v;
    if (r->seed) {
        if (!str_to_long(r->seed, 0, 2147483647L, &v))
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--seed: '%s' is not a whole number >= 0",
                            r->seed);
        P->seed = (uint64_t)v;
    }
    if (r->iterations) {
        if (!str_to_long(r->iterations, 0, 1000000L, &v))
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--iterations: '%s' is not in 0..1000000",
                            r->iterations);
        P->max_iterations = (int)v;
    }
    o->service_area_buffer = SERVICE_AREA_DEFAULT_BUFFER;
    if (r->sa_buffer && !o->service_areas)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--service-area-buffer needs --service-areas");
    if (o->service_areas && (o->od || P->model == AMBIT_MODEL_PMEDIAN))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--service-areas needs a radius measured by ambit (not --od, not pmedian)");
    if (r->sa_buffer) {
        ambit_status st = opt_number(ctx, "--service-area-buffer", r->sa_buffer, 1, 1000,
                                     &o->service_area_buffer);
        if (st)
            return st;
    }
    if ((r->capacity || o->in.capacity_field) && P->model == AMBIT_MODEL_PMEDIAN)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "capacities go with mclp, target and budget");
    if (r->capacity) {
        ambit_status st =
            opt_number(ctx, "--capacity", r->capacity, -HUGE_VAL, HUGE_VAL, &o->capacity);
        if (st)
            return st;
        if (!(o->capacity >= 0))
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "--capacity %s: a capacity must be >= 0",
                            r->capacity);
    }
    if (r->time_limit) {
        ambit_status st =
            opt_number(ctx, "--time-limit", r->time_limit, 0.001, 1e7, &P->time_limit_s);
        if (st)
            return st;
    }
    return check_phasing(ctx, o, r);
}

ambit_status ambit_site_options_new(ambit_ctx *ctx, int argc, const char *const *argv,
                                    ambit_site_options **out)
{
    *out = NULL;
    ambit_site_options *o = calloc(1, sizeof *o);
    if (!o)
        return ctx_nomem(ctx);
    input_opts_init(&o->in);
    o->solve = ambit_solve_params_default();
    o->capacity = -1;
    raw r;
    memset(&r, 0, sizeof r);
    opt_flag f[OPT_MAX_FLAGS];
    size_t n = input_opts_flags(&o->in, f, 0);
    const opt_flag mine[] = {
        {"--model", &r.model, NULL},
        {"--p", &r.p, NULL},
        {"--coverage", &r.coverage, NULL},
        {"--budget", &r.budget, NULL},
        {"--radius", &r.radius, NULL},
        {"--max-distance", &r.max_distance, NULL},
        {"--candidates", &o->candidates, NULL},
        {"--candidate-id", &o->candidate_id, NULL},
        {"--cost-field", &o->cost_field, NULL},
        {"--candidate-grid", &r.grid, NULL},
        {"--exclude", &o->exclude, NULL},
        {"--od", &o->od, NULL},
        {"--od-demand", &o->od_demand, NULL},
        {"--od-site", &o->od_site, NULL},
        {"--od-cost", &o->od_cost, NULL},
        {"--od-weight", &o->od_weight, NULL},
        {"--seed", &r.seed, NULL},
        {"--iterations", &r.iterations, NULL},
        {"--time-limit", &r.time_limit, NULL},
        {"--write-mps", &o->write_mps, NULL},
        {"--capacity-field", &o->in.capacity_field, NULL},
        {"--capacity", &r.capacity, NULL},
        {"--years", &r.years, NULL},
        {"--community-floor", &r.floor, NULL},
        {"--profile", &o->profile, NULL},
        {"--facility", &o->facility, NULL},
        {"--tier", &o->tier, NULL},
        {"--budget-per-year", &r.budget_per_year, NULL},
        {"--per-year", &r.per_year, NULL},
        {"--tiers", &r.tiers, NULL},
        {"--min-area", &r.min_area, NULL},
        {"--tier-weights", &r.tier_weights, NULL},
        {"--area-field", &o->area_field, NULL},
        {"--service-areas", NULL, &o->service_areas},
        {"--service-area-buffer", &r.sa_buffer, NULL},
    };
    for (size_t k = 0; k < sizeof mine / sizeof *mine; k++)
        f[n++] = mine[k];
    ambit_status st = opt_parse(ctx, argc, argv, f, n, &o->args);
    if (!st)
        st = input_opts_check(ctx, &o->in, 0);
    if (!st)
        st = check_model(ctx, o, &r);
    if (!st)
        st = check_profile(ctx, o, &r);
    if (!st)
        st = check_sources(ctx, o, &r);
    if (!st)
        st = check_solver(ctx, o, &r);
    if (st) {
        ambit_site_options_free(o);
        return st;
    }
    *out = o;
    return AMBIT_OK;
}
