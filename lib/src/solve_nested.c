/*
 * Nested tiers in one solve: every candidate site may host one tier (0 = highest),
 * and demand i counts as covered at tier t when an open site of tier t or higher
 * lies within tier t's radius.
 *
 * Primal: lazy greedy over (site, tier) pairs (per-tier counts kept feasible by
 * Hall's condition on the sites still free), then vertex substitution within a tier,
 * exchanges of tiers between two open sites, and a seeded perturbation phase.
 * Dual (mclp, budget): Lagrangian relaxation of the coverage constraints
 * y_it <= sum of the openings serving (i, t); the relaxed problem drops "one tier
 * per site" and picks each tier's p best sites (or a fractional knapsack over all
 * (site, tier) pairs), so L(u) bounds the optimum from above.
 * Target: least cost such that every tier reaches the share; its lower bound is the
 * largest over tiers of the least budget whose Lagrangian bound reaches that tier's
 * target (solve_cover's bound on the tier alone).
 */
#include "heap.h"
#include "solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct nstate {
    const ambit_instance *I;
    const ambit_solve_params *P;
    size_t T;
    uint32_t *cnt; /* n x T: open (site, tier) serving demand i at tier t */
    int32_t *open; /* per site: the tier it hosts, -1 none */
    double cov[AMBIT_MAX_TIERS];
    double want[AMBIT_MAX_TIERS]; /* target: population each tier must reach */
    size_t count[AMBIT_MAX_TIERS];
    double spent;
    size_t n_new;
} nstate;

static double ncost(const ambit_instance *I, size_t j, size_t a)
{
    return I->tier_cost[j * I->n_tiers + a];
}

static int nelig(const ambit_instance *I, size_t j, size_t a)
{
    return I->eligible[j * I->n_tiers + a];
}

/* Opens (sign 1) or closes (-1) site j at tier a. */
static void ns_apply(nstate *s, size_t j, size_t a, int sign)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    const uint32_t *dem;
    const double *dist;
    size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
    for (size_t q = 0; q < k; q++) {
        uint32_t *c = s->cnt + (size_t)dem[q] * T;
        for (size_t t = a; t < T; t++) {
            if (dist[q] > I->tier_radius[t])
                continue;
            if (sign > 0 && c[t]++ == 0)
                s->cov[t] += I->w[dem[q]];
            else if (sign < 0 && --c[t] == 0)
                s->cov[t] -= I->w[dem[q]];
        }
    }
    s->open[j] = sign > 0 ? (int32_t)a : -1;
    if (!I->fixed[j]) {
        s->count[a] += sign > 0 ? 1 : (size_t)-1;
        s->spent += sign * ncost(I, j, a);
        s->n_new += sign > 0 ? 1 : (size_t)-1;
    }
}

/* Per tier, the population site j at tier a would newly cover (g), or alone covers (loss). */
static void ns_people(const nstate *s, size_t j, size_t a, uint32_t level, double *g)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    const uint32_t *dem;
    const double *dist;
    size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
    memset(g, 0, T * sizeof *g);
    for (size_t q = 0; q < k; q++) {
        const uint32_t *c = s->cnt + (size_t)dem[q] * T;
        for (size_t t = a; t < T; t++)
            if (dist[q] <= I->tier_radius[t] && c[t] == level)
                g[t] += I->w[dem[q]];
    }
}

/* Objective value of per-tier people: weighted (mclp, budget) or towards the targets. */
static double ns_score(const nstate *s, const double *g)
{
    double v = 0;
    for (size_t t = 0; t < s->T; t++) {
        if (s->P->model == AMBIT_MODEL_TARGET)
            v += fmin(g[t], fmax(s->want[t] - s->cov[t], 0));
        else
            v += s->I->tier_weight[t] * g[t];
    }
    return v;
}

static double ns_value(const nstate *s)
{
    double v = 0;
    for (size_t t = 0; t < s->T; t++)
        v += s->I->tier_weight[t] * s->cov[t];
    return v;
}

static int ns_targets_met(const nstate *s)
{
    for (size_t t = 0; t < s->T; t++)
        if (s->cov[t] < s->want[t])
            return 0;
    return 1;
}

/* Recounts the covered population exactly (sums drift under many opens and closes). */
static void ns_recount(nstate *s)
{
    for (size_t t = 0; t < s->T; t++) {
        s->cov[t] = 0;
        for (size_t i = 0; i < s->I->n; i++)
            if (s->cnt[i * s->T + t])
                s->cov[t] += s->I->w[i];
    }
}

static int ns_init(nstate *s, const ambit_instance *I, const ambit_solve_params *P)
{
    memset(s, 0, sizeof *s);
    s->I = I;
    s->P = P;
    s->T = I->n_tiers;
    s->cnt = calloc(I->n * s->T + 1, sizeof *s->cnt);
    s->open = malloc((I->m ? I->m : 1) * sizeof *s->open);
    if (!s->cnt || !s->open)
        return 0;
    for (size_t j = 0; j < I->m; j++)
        s->open[j] = -1;
    for (size_t j = 0; j < I->m; j++)
        if (I->fixed[j])
            ns_apply(s, j, (size_t)I->site_tier[j], 1);
    ns_recount(s);
    return 1;
}

static void ns_free(nstate *s)
{
    free(s->cnt);
    free(s->open);
}

/* The new sites as (site, tier) ids j * T + a. */
static size_t ns_list(const nstate *s, size_t *out)
{
    size_t n = 0;
    for (size_t j = 0; j < s->I->m; j++)
        if (s->open[j] >= 0 && !s->I->fixed[j])
            out[n++] = j * s->T + (size_t)s->open[j];
    return n;
}

static void ns_set(nstate *s, const size_t *ids, size_t n)
{
    for (size_t j = 0; j < s->I->m; j++)
        if (s->open[j] >= 0 && !s->I->fixed[j])
            ns_apply(s, j, (size_t)s->open[j], -1);
    for (size_t k = 0; k < n; k++)
        ns_apply(s, ids[k] / s->T, ids[k] % s->T, 1);
    ns_recount(s);
}

/* ------------------------------------------------------------ feasibility */

/*
 * Whether the tiers' remaining counts (need) can still be met by distinct free
 * eligible sites: Hall's condition, for every set S of tiers, sum of need over S <=
 * number of free sites eligible for some tier of S. Sites are grouped by their
 * eligibility mask, so the check costs 2^T x (distinct masks).
 */
static int hall_ok(const nstate *s, const size_t *need, size_t skip_site)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    uint32_t masks[64];
    size_t counts[64], nm = 0;
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j] || s->open[j] >= 0 || j == skip_site)
            continue;
        uint32_t m = 0;
        for (size_t t = 0; t < T; t++)
            if (nelig(I, j, t) && need[t] > 0)
                m |= 1u << t;
        if (!m)
            continue;
        size_t k = 0;
        while (k < nm && masks[k] != m)
            k++;
        if (k == nm) {
            if (nm == 64) /* too many kinds of site to group: assume it can */
                return 1;
            masks[nm] = m;
            counts[nm++] = 0;
        }
        counts[k]++;
    }
    for (uint32_t S = 1; S < (1u << T); S++) {
        size_t want = 0, have = 0;
        for (size_t t = 0; t < T; t++)
            if (S & (1u << t))
                want += need[t];
        if (!want)
            continue;
        for (size_t k = 0; k < nm; k++)
            if (masks[k] & S)
                have += counts[k];
        if (want > have)
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ greedy */

/* Cost of opening j at tier a now (target: an upgrade of an open site costs the difference). */
static double step_cost(const nstate *s, size_t j, size_t a)
{
    double c = ncost(s->I, j, a);
    if (s->open[j] >= 0)
        c -= ncost(s->I, j, (size_t)s->open[j]);
    return c;
}

static double key_of(const nstate *s, size_t j, size_t a, double score)
{
    if (s->P->model == AMBIT_MODEL_MCLP)
        return score;
    return score / fmax(step_cost(s, j, a), 1e-12);
}

/* Whether (j, a) may open now. */
static int allowed(const nstate *s, size_t j, size_t a)
{
    const ambit_instance *I = s->I;
    if (!nelig(I, j, a))
        return 0;
    if (s->open[j] >= 0) /* target: a site may move up to a higher tier */
        return s->P->model == AMBIT_MODEL_TARGET && (size_t)s->open[j] > a && !I->fixed[j];
    if (s->P->model == AMBIT_MODEL_MCLP) {
        if (s->count[a] >= s->P->tier_p[a])
            return 0;
        size_t need[AMBIT_MAX_TIERS], total = 0;
        for (size_t t = 0; t < s->T; t++)
            total += need[t] = s->P->tier_p[t] - s->count[t] - (t == a);
        return total == 0 || hall_ok(s, need, j);
    }
    if (s->P->model == AMBIT_MODEL_BUDGET)
        return s->spent + ncost(I, j, a) <= s->P->budget;
    return 1;
}

static int ns_done(const nstate *s)
{
    if (s->P->model == AMBIT_MODEL_TARGET)
        return ns_targets_met(s);
    if (s->P->model == AMBIT_MODEL_MCLP) {
        for (size_t t = 0; t < s->T; t++)
            if (s->count[t] < s->P->tier_p[t])
                return 0;
        return 1;
    }
    return 0;
}

/* Lazy greedy over (site, tier) pairs; returns 0 on ENOMEM. */
static int greedy(nstate *s, double *g)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    heap h;
    if (!heap_init(&h, 2 * I->m * T)) { /* upgrades push again */
        heap_free(&h);
        return 0;
    }
    for (size_t j = 0; j < I->m; j++) {
        for (size_t a = 0; a < T; a++) {
            int upgrade =
                s->P->model == AMBIT_MODEL_TARGET && s->open[j] > (int32_t)a && !I->fixed[j];
            if ((s->open[j] >= 0 && !upgrade) || !nelig(I, j, a))
                continue;
            ns_people(s, j, a, 0, g);
            heap_push(&h, key_of(s, j, a, ns_score(s, g)), j * T + a);
        }
    }
    while (h.n > 0 && !ns_done(s)) {
        size_t id = h.id[0], j = id / T, a = id % T;
        heap_pop(&h);
        if (!allowed(s, j, a))
            continue; /* never again: sites only fill, spending only grows */
        ns_people(s, j, a, 0, g);
        double score = ns_score(s, g), key = key_of(s, j, a, score);
        if (heap_below_top(&h, key, id)) {
            heap_push(&h, key, id);
            continue;
        }
        if (s->P->model != AMBIT_MODEL_MCLP && score <= 0)
            break;
        if (s->open[j] >= 0) /* an upgrade */
            ns_apply(s, j, (size_t)s->open[j], -1);
        ns_apply(s, j, a, 1);
        if (s->P->model == AMBIT_MODEL_TARGET) /* its higher tiers stay candidates */
            for (size_t b = 0; b < a; b++) {
                if (!nelig(I, j, b))
                    continue;
                ns_people(s, j, b, 0, g);
                heap_push(&h, key_of(s, j, b, ns_score(s, g)), j * T + b);
            }
    }
    heap_free(&h);
    return 1;
}

/* ------------------------------------------------------------ local search */

/*
 * The best (site, tier) to open now, among those allowed; tier `only` (or any, with
 * T), excluding the pair `skip` (site * T + tier); by score, or by score per cost.
 * Returns its score through *best (-1: none).
 */
static size_t best_addition(const nstate *s, size_t only, size_t skip, int per_cost, double *g,
                            double *best)
{
    const ambit_instance *I = s->I;
    size_t T = s->T, pick = (size_t)-1;
    double best_key = -1;
    *best = -1;
    for (size_t j = 0; j < I->m; j++) {
        if (s->open[j] >= 0)
            continue;
        for (size_t a = only == T ? 0 : only; a < (only == T ? T : only + 1); a++) {
            if (j * T + a == skip || !allowed(s, j, a))
                continue;
            ns_people(s, j, a, 0, g);
            double v = ns_score(s, g), key = per_cost ? v / fmax(ncost(I, j, a), 1e-12) : v;
            if (key > best_key) {
                best_key = key;
                *best = v;
                pick = j * T + a;
            }
        }
    }
    return pick;
}

/*
 * Budget: closes `id` (and `id2`, unless (size_t)-1) and refills the budget greedily (by
 * gain per cost, or by gain); keeps the change when it covers more. Returns whether it did.
 */
static int drop_refill(nstate *s, size_t id, size_t id2, int per_cost, double *g, size_t *added,
                       double eps)
{
    size_t T = s->T, na = 0;
    double before = ns_value(s), best;
    ns_apply(s, id / T, id % T, -1);
    if (id2 != (size_t)-1)
        ns_apply(s, id2 / T, id2 % T, -1);
    for (;;) {
        size_t pick = best_addition(s, T, id, per_cost, g, &best);
        if (pick == (size_t)-1 || best <= 0)
            break;
        ns_apply(s, pick / T, pick % T, 1);
        added[na++] = pick;
    }
    if (ns_value(s) > before + eps)
        return 1;
    while (na > 0) {
        na--;
        ns_apply(s, added[na] / T, added[na] % T, -1);
    }
    ns_apply(s, id / T, id % T, 1);
    if (id2 != (size_t)-1)
        ns_apply(s, id2 / T, id2 % T, 1);
    return 0;
}

/*
 * Budget: closing two sites at once and refilling (a site may come back at another
 * tier). Costs about k^2 / 2 refills, so it runs only while that stays below ~10^9 pair
 * reads. Returns whether a change covered more.
 */
static int pair_moves(nstate *s, size_t *ids, size_t n, double *g, size_t *added, double eps)
{
    double work = 0.5 * (double)n * (double)n * (double)ambit_cover_pair_count(s->I->cover) *
                  (double)(s->T * s->T);
    if (work > 1e9)
        return 0;
    for (size_t x = 0; x < n; x++)
        for (size_t y = x + 1; y < n; y++)
            if (drop_refill(s, ids[x], ids[y], 1, g, added, eps) ||
                drop_refill(s, ids[x], ids[y], 0, g, added, eps))
                return 1;
    return 0;
}

/* Two open sites of different tiers swap tiers when that covers more (mclp). */
static int tier_exchanges(nstate *s, size_t *ids, size_t n, double eps)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    int improved = 0;
    for (size_t x = 0; x < n; x++) {
        for (size_t y = x + 1; y < n; y++) {
            size_t j = ids[x] / T, a = ids[x] % T, k = ids[y] / T, b = ids[y] % T;
            if (a == b || !nelig(I, j, b) || !nelig(I, k, a))
                continue;
            double before = ns_value(s);
            ns_apply(s, j, a, -1);
            ns_apply(s, k, b, -1);
            ns_apply(s, j, b, 1);
            ns_apply(s, k, a, 1);
            if (ns_value(s) > before + eps) {
                ids[x] = j * T + b;
                ids[y] = k * T + a;
                improved = 1;
                continue;
            }
            ns_apply(s, j, b, -1);
            ns_apply(s, k, a, -1);
            ns_apply(s, j, a, 1);
            ns_apply(s, k, b, 1);
        }
    }
    return improved;
}

/*
 * Vertex substitution: mclp within the tier, plus exchanges of tiers; budget by
 * dropping one site and refilling the budget (any tier), and additions while the
 * budget allows.
 */
static int local_search(nstate *s, size_t *ids, double *g, const solve_clock *clk)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    double eps = 1e-9 * fmax(1.0, I->total_w);
    int mclp = s->P->model == AMBIT_MODEL_MCLP;
    size_t *added = malloc((I->m ? I->m : 1) * sizeof *added);
    if (!added)
        return 0;
    int improved = 1;
    while (improved && !clock_expired(clk)) {
        improved = 0;
        size_t n = ns_list(s, ids);
        for (size_t x = 0; x < n && !improved; x++) {
            if (!mclp) {
                improved = drop_refill(s, ids[x], (size_t)-1, 1, g, added, eps) ||
                           drop_refill(s, ids[x], (size_t)-1, 0, g, added, eps);
                continue;
            }
            size_t j = ids[x] / T, a = ids[x] % T;
            ns_people(s, j, a, 1, g);
            double loss = ns_score(s, g), best;
            ns_apply(s, j, a, -1);
            size_t pick = best_addition(s, a, ids[x], 0, g, &best);
            if (pick != (size_t)-1 && best > loss + eps) {
                ns_apply(s, pick / T, pick % T, 1);
                ids[x] = pick;
                improved = 1;
            } else {
                ns_apply(s, j, a, 1);
            }
        }
        if (mclp && !improved && tier_exchanges(s, ids, n, eps))
            improved = 1;
        if (!mclp && !improved && pair_moves(s, ids, n, g, added, eps))
            improved = 1;
        double best;
        while (!mclp) { /* budget left over buys more */
            size_t pick = best_addition(s, T, (size_t)-1, 0, g, &best);
            if (pick == (size_t)-1 || best <= eps)
                break;
            ns_apply(s, pick / T, pick % T, 1);
            improved = 1;
        }
        ns_recount(s);
    }
    free(added);
    return 1;
}

/* Target: drop sites the targets do not need, or replace one by a cheaper one. */
static void prune_target(nstate *s, size_t *ids, double *g, const solve_clock *clk)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    int improved = 1;
    while (improved && !clock_expired(clk)) {
        improved = 0;
        size_t n = ns_list(s, ids);
        for (size_t x = 0; x < n; x++) {
            size_t j = ids[x] / T, a = ids[x] % T;
            ns_apply(s, j, a, -1);
            if (ns_targets_met(s)) {
                improved = 1;
                continue;
            }
            /* the cheapest single site that meets the targets again */
            size_t pick = (size_t)-1;
            double cheapest = ncost(I, j, a);
            for (size_t k = 0; k < I->m; k++) {
                if (k == j || s->open[k] >= 0)
                    continue;
                for (size_t b = 0; b < T; b++) {
                    if (!nelig(I, k, b) || ncost(I, k, b) >= cheapest)
                        continue;
                    ns_people(s, k, b, 0, g);
                    int meets = 1;
                    for (size_t t = 0; t < T && meets; t++)
                        meets = s->cov[t] + g[t] >= s->want[t];
                    if (meets) {
                        cheapest = ncost(I, k, b);
                        pick = k * T + b;
                    }
                }
            }
            if (pick != (size_t)-1) {
                ns_apply(s, pick / T, pick % T, 1);
                improved = 1;
            } else {
                ns_apply(s, j, a, 1);
            }
        }
        ns_recount(s);
    }
}

/*
 * Target's perturbation: closes one to three random new sites, opens a random one,
 * restores the targets greedily and prunes. Returns 0 on ENOMEM.
 */
static int perturb_target(nstate *s, size_t *ids, double *g, size_t nb, uint64_t *seed,
                          const solve_clock *clk)
{
    const ambit_instance *I = s->I;
    size_t T = s->T, n = ns_list(s, ids), t = 1 + rng_below(seed, nb < 3 ? nb : 3);
    for (size_t k = 0; k < t && n > 0; k++) {
        size_t at = rng_below(seed, n);
        ns_apply(s, ids[at] / T, ids[at] % T, -1);
        ids[at] = ids[--n];
    }
    for (int tries = 0; tries < 32; tries++) {
        size_t j = rng_below(seed, I->m), a = rng_below(seed, T);
        if (s->open[j] < 0 && nelig(I, j, a)) {
            ns_apply(s, j, a, 1);
            break;
        }
    }
    if (!greedy(s, g))
        return 0;
    prune_target(s, ids, g, clk);
    return 1;
}

/* Perturbation: closes up to t random new sites and opens random allowed ones. */
static void perturb(nstate *s, size_t *ids, size_t t, uint64_t *seed)
{
    const ambit_instance *I = s->I;
    size_t T = s->T, n = ns_list(s, ids), closed = 0;
    size_t tiers[64];
    for (; closed < t && closed < 64 && n > 0; closed++) {
        size_t at = rng_below(seed, n);
        tiers[closed] = ids[at] % T;
        ns_apply(s, ids[at] / T, ids[at] % T, -1);
        ids[at] = ids[--n];
    }
    /* mclp: as many random sites of the same tiers; budget: one, then the greedy refill */
    size_t opens = s->P->model == AMBIT_MODEL_MCLP ? closed : 1;
    for (size_t k = 0; k < opens; k++) {
        for (int tries = 0; tries < 64; tries++) {
            size_t j = rng_below(seed, I->m);
            size_t a = s->P->model == AMBIT_MODEL_MCLP ? tiers[k] : rng_below(seed, T);
            if (allowed(s, j, a)) {
                ns_apply(s, j, a, 1);
                break;
            }
        }
    }
    if (s->P->model == AMBIT_MODEL_BUDGET) {
        double *g = malloc(T * sizeof *g);
        if (g)
            greedy(s, g);
        free(g);
    } else { /* refill tiers the random picks missed */
        double best, *g = malloc(T * sizeof *g);
        for (size_t a = 0; g && a < T; a++) {
            while (s->count[a] < s->P->tier_p[a]) {
                size_t pick = best_addition(s, a, (size_t)-1, 0, g, &best);
                if (pick == (size_t)-1)
                    break;
                ns_apply(s, pick / T, a, 1);
            }
        }
        free(g);
    }
}

/*
 * Iterated local search: perturb, improve, keep the better (mclp, budget: more weighted
 * coverage; target: less cost with every target met). Returns 0 on ENOMEM.
 */
static int ils(nstate *s, size_t *ids, double *g, double bound, const solve_clock *clk)
{
    const ambit_instance *I = s->I;
    size_t T = s->T;
    int target = s->P->model == AMBIT_MODEL_TARGET;
    size_t *best = malloc((I->m ? I->m : 1) * sizeof *best);
    if (!best)
        return 0;
    size_t nb = ns_list(s, best);
    double best_v = target ? -s->spent : ns_value(s);
    double eps = 1e-9 * fmax(1.0, target ? s->spent : I->total_w);
    uint64_t seed = s->P->seed;
    int rounds = ils_rounds(s->P, ambit_cover_pair_count(I->cover) * T * (nb ? nb : 1)), ok = 1;
    for (int round = 0; round < rounds && ok && nb > 0; round++) {
        if (clock_expired(clk) || (!target && bound - best_v <= eps))
            break;
        if (target) {
            ok = perturb_target(s, ids, g, nb, &seed, clk);
        } else {
            perturb(s, ids, 1 + rng_below(&seed, nb < 4 ? 2 : nb / 2), &seed);
            ok = local_search(s, ids, g, clk);
        }
        int feasible = target ? ns_targets_met(s) : s->P->model == AMBIT_MODEL_BUDGET || ns_done(s);
        double v = target ? -s->spent : ns_value(s);
        if (ok && feasible && v > best_v + eps) {
            best_v = v;
            nb = ns_list(s, best);
        } else {
            ns_set(s, best, nb);
        }
    }
    ns_set(s, best, nb);
    free(best);
    return ok;
}

/*
 * Local search from the (site, tier) pairs the Lagrangian relaxation opens (kept where
 * one tier per site, the counts and the budget allow, completed greedily); keeps the
 * result if it beats the current solution. Returns 0 on ENOMEM.
 */
static int lagrangian_start(nstate *s, const size_t *hint, size_t n_hint, size_t *ids, double *g,
                            const solve_clock *clk)
{
    size_t T = s->T;
    size_t *keep = malloc((s->I->m ? s->I->m : 1) * sizeof *keep);
    if (!keep)
        return 0;
    size_t nk = ns_list(s, keep);
    double before = ns_value(s);
    ns_set(s, NULL, 0);
    for (size_t k = 0; k < n_hint; k++)
        if (allowed(s, hint[k] / T, hint[k] % T))
            ns_apply(s, hint[k] / T, hint[k] % T, 1);
    int ok = greedy(s, g) && local_search(s, ids, g, clk);
    if (!ok || ns_value(s) <= before + 1e-9 * fmax(1.0, s->I->total_w))
        ns_set(s, keep, nk);
    free(keep);
    return ok;
}

/* ------------------------------------------------------------ bounds */

/*
 * Lagrangian upper bound of the weighted coverage (mclp: tier_p per tier; budget).
 * Multipliers u_it in [0, W_t w_i] on the (demand, tier) pairs the existing sites do
 * not cover. Returns NAN on ENOMEM.
 */
static double nested_ub(const nstate *base, double primal, const solve_clock *clk, size_t *hint,
                        size_t *n_hint)
{
    const ambit_instance *I = base->I;
    const ambit_solve_params *P = base->P;
    size_t n = I->n, m = I->m, T = base->T, nt = n * T, mt = m * T;
    int budget = P->model == AMBIT_MODEL_BUDGET;
    double *u = calloc(nt + 1, sizeof *u), *g = calloc(nt + 1, sizeof *g);
    double *v = calloc(mt + 1, sizeof *v), *x = calloc(mt + 1, sizeof *x);
    double *key = malloc((mt + 1) * sizeof *key);
    size_t *pick = malloc((mt + 1) * sizeof *pick), *ids = malloc((mt + 1) * sizeof *ids);
    unsigned char *live = calloc(nt + 1, 1);
    double best = INFINITY, live_w = 0, result = NAN;
    if (!u || !g || !v || !x || !key || !pick || !ids || !live)
        goto done;
    /* live: not covered by the existing sites, and some eligible opening could serve it */
    for (size_t j = 0; j < m; j++) {
        const uint32_t *dem;
        const double *dist;
        size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
        size_t top = T;
        for (size_t a = 0; a < T; a++)
            if (nelig(I, j, a)) {
                top = a;
                break;
            }
        for (size_t q = 0; q < k; q++)
            for (size_t t = top; t < T; t++)
                if (dist[q] <= I->tier_radius[t] && !base->cnt[(size_t)dem[q] * T + t])
                    live[(size_t)dem[q] * T + t] = 1;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < T; t++)
            if (live[i * T + t]) {
                u[i * T + t] = I->tier_weight[t] * I->w[i];
                live_w += u[i * T + t];
            }
    double target = fmax(primal - ns_value(base), 0), theta = 2.0;
    int stall = 0;
    for (int it = 0; it < 300; it++) {
        if (it % 16 == 0 && clock_expired(clk))
            break;
        long ml = (long)m;
#pragma omp parallel for schedule(static)
        for (long jl = 0; jl < ml; jl++) {
            size_t j = (size_t)jl;
            const uint32_t *dem;
            const double *dist;
            size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
            double part[AMBIT_MAX_TIERS] = {0};
            for (size_t q = 0; q < k; q++)
                for (size_t t = 0; t < T; t++)
                    if (dist[q] <= I->tier_radius[t] && live[(size_t)dem[q] * T + t])
                        part[t] += u[(size_t)dem[q] * T + t];
            double acc = 0; /* tier a serves tiers a..T-1 */
            for (size_t a = T; a-- > 0;) {
                acc += part[a];
                v[j * T + a] = nelig(I, j, a) ? acc : 0;
            }
        }
        /* relaxed choice: per tier the p best, or a fractional knapsack by v / cost */
        double L = 0;
        memset(x, 0, mt * sizeof *x);
        if (!budget) {
            for (size_t a = 0; a < T; a++) {
                size_t nc = 0;
                for (size_t j = 0; j < m; j++)
                    if (nelig(I, j, a)) {
                        key[nc] = -v[j * T + a];
                        ids[nc++] = j * T + a;
                    }
                size_t p = P->tier_p[a] < nc ? P->tier_p[a] : nc;
                smallest_k(key, nc, p, pick);
                for (size_t r = 0; r < p; r++) {
                    x[ids[pick[r]]] = 1;
                    L += v[ids[pick[r]]];
                }
            }
        } else {
            size_t nc = 0;
            for (size_t id = 0; id < mt; id++)
                if (nelig(I, id / T, id % T)) {
                    key[nc] = -v[id] / fmax(I->tier_cost[id], 1e-12);
                    ids[nc++] = id;
                }
            smallest_k(key, nc, nc, pick);
            double room = P->budget;
            for (size_t r = 0; r < nc && room > 0; r++) {
                size_t id = ids[pick[r]];
                if (v[id] <= 0)
                    break;
                double c = I->tier_cost[id];
                x[id] = c <= room ? 1.0 : room / c;
                room -= x[id] * c;
                L += x[id] * v[id];
            }
        }
        /* subgradient g = y - sum of relaxed openings serving (i, t) */
        for (size_t q = 0; q < nt; q++)
            g[q] = live[q] && I->tier_weight[q % T] * I->w[q / T] - u[q] > 0 ? 1 : 0;
        for (size_t q = 0; q < nt; q++)
            if (live[q] && g[q] > 0)
                L += I->tier_weight[q % T] * I->w[q / T] - u[q];
        for (size_t id = 0; id < mt; id++) {
            if (x[id] == 0)
                continue;
            size_t j = id / T, a = id % T;
            const uint32_t *dem;
            const double *dist;
            size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
            for (size_t q = 0; q < k; q++)
                for (size_t t = a; t < T; t++)
                    if (dist[q] <= I->tier_radius[t])
                        g[(size_t)dem[q] * T + t] -= x[id];
        }
        if (L < best - 1e-12 * fmax(1, live_w)) {
            best = L;
            stall = 0;
            *n_hint = 0; /* what the best relaxation opens whole: a start for the search */
            for (size_t id = 0; id < mt; id++)
                if (x[id] == 1)
                    hint[(*n_hint)++] = id;
        } else if (++stall >= 20) {
            theta /= 2;
            stall = 0;
        }
        if (best - target <= 1e-9 * fmax(1, best) || theta < 1e-4)
            break;
        double norm = 0;
        for (size_t q = 0; q < nt; q++)
            if (live[q])
                norm += g[q] * g[q];
        if (norm == 0)
            break;
        double step = theta * (L - target) / norm;
        for (size_t q = 0; q < nt; q++) {
            if (!live[q])
                continue;
            u[q] += step * g[q];
            double hi = I->tier_weight[q % T] * I->w[q / T];
            u[q] = u[q] < 0 ? 0 : u[q] > hi ? hi : u[q];
        }
    }
    result = ns_value(base) + (isfinite(best) ? fmin(best, live_w) : live_w);
done:
    free(u);
    free(g);
    free(v);
    free(x);
    free(key);
    free(pick);
    free(ids);
    free(live);
    return result;
}

/*
 * Target: least cost of reaching tier t's target, whatever the other tiers do: sites
 * may serve tier t at the cheapest of their eligible tiers 0..t. A budget below which
 * solve_cover's Lagrangian bound stays under the target cannot reach it.
 */
static ambit_status target_lb_tier(ambit_ctx *ctx, const nstate *s, size_t t, double hi,
                                   const solve_clock *clk, double *lb)
{
    const ambit_instance *I = s->I;
    size_t m = I->m, T = s->T;
    double *cost = malloc((m ? m : 1) * sizeof *cost), big = 0;
    unsigned char *fixed = calloc(m ? m : 1, 1);
    ambit_instance *sub = NULL;
    reach r;
    memset(&r, 0, sizeof r);
    if (!cost || !fixed) {
        free(cost);
        free(fixed);
        return ctx_nomem(ctx);
    }
    int integral = 1;
    for (size_t j = 0; j < m; j++)
        for (size_t a = 0; a < T; a++)
            big += ncost(I, j, a);
    big = 1e6 * (big + 1);
    for (size_t j = 0; j < m; j++) {
        fixed[j] = I->fixed[j] && (size_t)I->site_tier[j] <= t;
        cost[j] = big; /* never serves tier t */
        for (size_t a = 0; a <= t && !I->fixed[j]; a++)
            if (nelig(I, j, a))
                cost[j] = fmin(cost[j], ncost(I, j, a));
        if (cost[j] < big && cost[j] != floor(cost[j]))
            integral = 0;
    }
    ambit_status st = ambit_instance_new(ctx, I->cover, I->w, cost, fixed, &sub);
    if (!st)
        st = reach_build(ctx, sub, I->tier_radius[t], &r);
    double lo = 0;
    int ok = 1;
    double want = s->want[t];
    for (int it = 0; !st && it < 24 && hi - lo > 1e-6 * fmax(1, hi) && ok; it++) {
        double mid = 0.5 * (lo + hi);
        if (cover_lagrangian_bound(sub, &r, 0, mid, want, clk, &ok) >= want)
            hi = mid;
        else
            lo = mid;
    }
    if (!st && !ok)
        st = ctx_nomem(ctx);
    /* below lo the target is out of reach; with whole costs the least cost is a whole number */
    *lb = integral && lo > 0 ? floor(lo) + 1 : lo;
    reach_free(&r);
    ambit_instance_free(sub);
    free(cost);
    free(fixed);
    return st;
}

/* ------------------------------------------------------------ checks */

static ambit_status check(ambit_ctx *ctx, nstate *s)
{
    const ambit_instance *I = s->I;
    const ambit_solve_params *P = s->P;
    size_t T = s->T;
    if (P->model == AMBIT_MODEL_MCLP) {
        size_t need[AMBIT_MAX_TIERS], total = 0;
        for (size_t a = 0; a < T; a++) {
            size_t el = 0;
            for (size_t j = 0; j < I->m; j++)
                el += nelig(I, j, a);
            if (P->tier_p[a] > el)
                return ctx_fail(ctx, AMBIT_ERR_INPUT,
                                "%s asks for %zu new sites but only %zu candidates are "
                                "eligible for it",
                                I->tier_label[a], P->tier_p[a], el);
            need[a] = P->tier_p[a];
            total += need[a];
        }
        if (total == 0)
            return ctx_fail(ctx, AMBIT_ERR_INPUT, "every tier asks for 0 new sites");
        if (!hall_ok(s, need, (size_t)-1))
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "the tiers ask for %zu new sites in all, more than the eligible "
                            "candidates can host (one tier per site)",
                            total);
    } else if (P->model == AMBIT_MODEL_BUDGET) {
        double cheapest = INFINITY;
        for (size_t id = 0; id < I->m * T; id++)
            if (I->eligible[id])
                cheapest = fmin(cheapest, I->tier_cost[id]);
        if (P->budget < cheapest)
            return ctx_fail(ctx, AMBIT_ERR_INPUT,
                            "--budget %g is below the cheapest eligible site (cost %g)", P->budget,
                            cheapest);
    } else {
        /* every eligible site open at its highest eligible tier reaches the most */
        nstate all;
        if (!ns_init(&all, I, P))
            return ctx_nomem(ctx);
        for (size_t j = 0; j < I->m; j++)
            for (size_t a = 0; a < T; a++)
                if (all.open[j] < 0 && nelig(I, j, a))
                    ns_apply(&all, j, a, 1);
        ns_recount(&all);
        ambit_status st = AMBIT_OK;
        for (size_t t = 0; t < T && !st; t++) {
            s->want[t] = P->target * I->total_w * (1 - 1e-12);
            if (all.cov[t] < s->want[t])
                st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                              "--coverage %g cannot be reached at %s: all candidate and "
                              "existing sites together cover %.6g of %.6g people (%.4f%%)",
                              P->target, I->tier_label[t], all.cov[t], I->total_w,
                              100 * all.cov[t] / fmax(I->total_w, 1e-300));
        }
        ns_free(&all);
        return st;
    }
    return AMBIT_OK;
}

/* ------------------------------------------------------------ the solve */

/* Construction order from the existing sites: by weighted gain (or per cost). */
static int rank_sites(nstate *s, ambit_solution *sol, double *g)
{
    const ambit_instance *I = s->I;
    size_t T = s->T, n = ns_list(s, sol->sel);
    sol->n_sel = n;
    sol->tier = malloc((n ? n : 1) * sizeof *sol->tier);
    sol->tier_marginal = malloc((n ? n : 1) * T * sizeof *sol->tier_marginal);
    if (!sol->tier || !sol->tier_marginal)
        return 0;
    ns_set(s, NULL, 0);
    for (size_t r = 0; r < n; r++) {
        size_t best = r;
        double bk = -INFINITY;
        for (size_t k = r; k < n; k++) {
            size_t j = sol->sel[k] / T, a = sol->sel[k] % T;
            ns_people(s, j, a, 0, g);
            double v = 0;
            for (size_t t = 0; t < T; t++)
                v += I->tier_weight[t] * g[t];
            double key = s->P->rank_by_cost ? v / fmax(ncost(I, j, a), 1e-12) : v;
            if (key > bk || (key == bk && sol->sel[k] < sol->sel[best])) {
                bk = key;
                best = k;
            }
        }
        size_t id = sol->sel[best];
        sol->sel[best] = sol->sel[r];
        sol->sel[r] = id;
        ns_people(s, id / T, id % T, 0, g);
        sol->marginal[r] = 0;
        for (size_t t = 0; t < T; t++) {
            sol->tier_marginal[r * T + t] = g[t];
            sol->marginal[r] += I->tier_weight[t] * g[t];
        }
        ns_apply(s, id / T, id % T, 1);
    }
    ns_recount(s);
    for (size_t r = 0; r < n; r++) {
        sol->tier[r] = sol->sel[r] % T;
        sol->sel[r] /= T;
    }
    return 1;
}

ambit_status solve_nested(ambit_ctx *ctx, const ambit_instance *I, const ambit_solve_params *P,
                          ambit_solution *sol)
{
    solve_clock clk;
    clock_start(&clk, P->time_limit_s);
    nstate s, base;
    size_t T = I->n_tiers;
    double *g = malloc(T * sizeof *g);
    size_t *ids = malloc((I->m ? I->m : 1) * sizeof *ids);
    size_t *hint = malloc((I->m * T + 1) * sizeof *hint);
    sol->sel = malloc((I->m ? I->m : 1) * sizeof *sol->sel);
    sol->marginal = malloc((I->m ? I->m : 1) * sizeof *sol->marginal);
    memset(&s, 0, sizeof s);
    memset(&base, 0, sizeof base);
    int ok = ns_init(&s, I, P) && ns_init(&base, I, P);
    ambit_status st = AMBIT_OK;
    if (!ok || !g || !ids || !hint || !sol->sel || !sol->marginal) {
        st = ctx_nomem(ctx);
        goto done;
    }
    if ((st = check(ctx, &s)))
        goto done;
    memcpy(base.want, s.want, sizeof s.want);
    sol->n_tiers = T;
    for (size_t t = 0; t < T; t++)
        sol->tier_before[t] = base.cov[t];
    if (!greedy(&s, g)) {
        st = ctx_nomem(ctx);
        goto done;
    }
    if (P->model == AMBIT_MODEL_MCLP && !ns_done(&s)) { /* Hall's check gave up (> 64 kinds) */
        st = ctx_fail(ctx, AMBIT_ERR_INPUT,
                      "the eligible candidates cannot host every tier's count at once (one "
                      "tier per site)");
        goto done;
    }
    if (P->model == AMBIT_MODEL_TARGET) {
        prune_target(&s, ids, g, &clk);
        if (!ils(&s, ids, g, 0, &clk)) {
            st = ctx_nomem(ctx);
            goto done;
        }
        double lb = 0, t_lb = 0;
        for (size_t t = 0; t < T && !st; t++) {
            if (base.cov[t] >= s.want[t])
                continue;
            st = target_lb_tier(ctx, &base, t, s.spent, &clk, &t_lb);
            lb = fmax(lb, t_lb);
        }
        if (st)
            goto done;
        if (!ns_targets_met(&s)) {
            st = ctx_fail(ctx, AMBIT_ERR_INTERNAL, "the nested target search lost feasibility");
            goto done;
        }
        sol->objective = s.spent;
        sol->bound = fmin(lb, s.spent);
    } else {
        sol->bound = NAN;
        size_t n_hint = 0;
        if (local_search(&s, ids, g, &clk))
            sol->bound = nested_ub(&base, ns_value(&s), &clk, hint, &n_hint);
        if (isnan(sol->bound) || !lagrangian_start(&s, hint, n_hint, ids, g, &clk) ||
            !ils(&s, ids, g, sol->bound, &clk)) {
            st = ctx_nomem(ctx);
            goto done;
        }
        sol->objective = ns_value(&s);
        sol->bound = fmax(sol->bound, sol->objective);
    }
    for (size_t t = 0; t < T; t++)
        sol->tier_cov[t] = s.cov[t];
    sol->covered = ns_value(&s);
    sol->covered_before = ns_value(&base);
    sol->gap = gap_of(sol->objective, sol->bound);
    sol->timed_out = clock_expired(&clk);
    if (!rank_sites(&s, sol, g))
        st = ctx_nomem(ctx);
done:
    free(g);
    free(ids);
    free(hint);
    ns_free(&s);
    ns_free(&base);
    return st;
}
