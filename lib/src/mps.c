/*
 * The exact MIP of each model in free MPS, so that CBC, GLPK, HiGHS or Gurobi can
 * solve what ambit solved heuristically and confirm (or beat) its answer.
 *
 * Variables: x<j> = 1 if new site j opens (binary); y<i> = 1 if demand i is covered
 * (coverage models, continuous in [0, 1]: integral at any optimum); a<i>_<j> the
 * share of demand i assigned to site j (p-median). Demand already covered by
 * existing sites, and demand no site can reach, are left out of the coverage
 * models; the objective then excludes the population the existing sites cover
 * (written as a comment). MPS minimises: maximisations are written negated.
 */
#include "solve.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* BOUNDS of the capacitated models: every site a binary, the existing ones fixed open. */
static void write_site_bounds(FILE *f, const ambit_instance *I)
{
    fprintf(f, "BOUNDS\n");
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j])
            fprintf(f, " FX bnd x%zu 1\n", j);
        else
            fprintf(f, " BV bnd x%zu\n", j);
    }
}

/* The BOUNDS section of the coverage models: new sites binary, coverage shares in [0, 1]. */
static void write_bounds(FILE *f, const ambit_instance *I, const unsigned char *done)
{
    fprintf(f, "BOUNDS\n");
    for (size_t j = 0; j < I->m; j++)
        if (!I->fixed[j])
            fprintf(f, " BV bnd x%zu\n", j);
    for (size_t i = 0; done && i < I->n; i++)
        if (!done[i])
            fprintf(f, " UP bnd y%zu 1\n", i);
}

static ambit_status write_cover_model(FILE *f, const ambit_instance *I, const reach *r,
                                      const ambit_solve_params *P)
{
    /* demand already covered by existing sites is constant */
    unsigned char *done = calloc(I->n ? I->n : 1, 1);
    if (!done)
        return AMBIT_ERR_NOMEM;
    double base = 0;
    for (size_t i = 0; i < I->n; i++) {
        for (size_t q = r->d_start[i]; q < r->d_start[i + 1]; q++) {
            if (I->fixed[r->d_site[q]]) {
                done[i] = 1;
                base += I->w[i];
                break;
            }
        }
        if (r->d_start[i + 1] == r->d_start[i])
            done[i] = 2; /* nobody can reach it */
    }
    fprintf(f, "* model %s; population covered by existing sites (not in the objective): %.17g\n",
            ambit_model_name(P->model), base);
    fprintf(f, "* total population %.17g\n", I->total_w);
    fprintf(f, "NAME ambit_%s\nROWS\n N obj\n", ambit_model_name(P->model));
    for (size_t i = 0; i < I->n; i++)
        if (!done[i])
            fprintf(f, " L c%zu\n", i);
    if (P->model == AMBIT_MODEL_MCLP)
        fprintf(f, " E card\n");
    else if (P->model == AMBIT_MODEL_BUDGET)
        fprintf(f, " L budget\n");
    else
        fprintf(f, " G target\n");
    fprintf(f, "COLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j])
            continue;
        if (P->model == AMBIT_MODEL_TARGET)
            fprintf(f, "    x%zu obj 1\n", j);
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
            if (!done[r->s_dem[q]])
                fprintf(f, "    x%zu c%u -1\n", j, r->s_dem[q]);
        if (P->model == AMBIT_MODEL_MCLP)
            fprintf(f, "    x%zu card 1\n", j);
        else if (P->model == AMBIT_MODEL_BUDGET)
            fprintf(f, "    x%zu budget %.17g\n", j, I->cost[j]);
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t i = 0; i < I->n; i++) {
        if (done[i])
            continue;
        if (P->model == AMBIT_MODEL_TARGET)
            fprintf(f, "    y%zu c%zu 1\n    y%zu target %.17g\n", i, i, i, I->w[i]);
        else
            fprintf(f, "    y%zu obj %.17g c%zu 1\n", i, -I->w[i], i);
    }
    fprintf(f, "RHS\n");
    if (P->model == AMBIT_MODEL_MCLP)
        fprintf(f, "    rhs card %zu\n", P->p);
    else if (P->model == AMBIT_MODEL_BUDGET)
        fprintf(f, "    rhs budget %.17g\n", P->budget);
    else
        fprintf(f, "    rhs target %.17g\n", P->target * I->total_w * (1 - 1e-12) - base);
    write_bounds(f, I, done);
    fprintf(f, "ENDATA\n");
    free(done);
    return AMBIT_OK;
}

/* With capacities every pair gets an assignment share a<i>_<j>; nothing is constant. */
static void write_capacitated(FILE *f, const ambit_instance *I, const reach *r,
                              const ambit_solve_params *P)
{
    fprintf(f, "* model %s with site capacities: maximise the population served\n",
            ambit_model_name(P->model));
    fprintf(f, "NAME ambit_%s_capacitated\nROWS\n N obj\n", ambit_model_name(P->model));
    for (size_t i = 0; i < I->n; i++)
        if (r->d_start[i + 1] > r->d_start[i])
            fprintf(f, " L d%zu\n", i);
    for (size_t j = 0; j < I->m; j++)
        fprintf(f, " L k%zu\n", j);
    fprintf(f, P->model == AMBIT_MODEL_MCLP     ? " E card\n"
               : P->model == AMBIT_MODEL_BUDGET ? " L budget\n"
                                                : " G target\n");
    fprintf(f, "COLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        double cap = fmin(I->cap[j], I->total_w);
        fprintf(f, "    x%zu k%zu %.17g\n", j, j, -cap);
        if (I->fixed[j])
            continue;
        if (P->model == AMBIT_MODEL_TARGET)
            fprintf(f, "    x%zu obj 1\n", j);
        else if (P->model == AMBIT_MODEL_MCLP)
            fprintf(f, "    x%zu card 1\n", j);
        else
            fprintf(f, "    x%zu budget %.17g\n", j, I->cost[j]);
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t j = 0; j < I->m; j++) {
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++) {
            uint32_t i = r->s_dem[q];
            if (P->model == AMBIT_MODEL_TARGET)
                fprintf(f, "    a%u_%zu target %.17g\n", i, j, I->w[i]);
            else
                fprintf(f, "    a%u_%zu obj %.17g\n", i, j, -I->w[i]);
            fprintf(f, "    a%u_%zu d%u 1\n    a%u_%zu k%zu %.17g\n", i, j, i, i, j, j, I->w[i]);
        }
    }
    fprintf(f, "RHS\n");
    for (size_t i = 0; i < I->n; i++)
        if (r->d_start[i + 1] > r->d_start[i])
            fprintf(f, "    rhs d%zu 1\n", i);
    if (P->model == AMBIT_MODEL_MCLP)
        fprintf(f, "    rhs card %zu\n", P->p);
    else if (P->model == AMBIT_MODEL_BUDGET)
        fprintf(f, "    rhs budget %.17g\n", P->budget);
    else
        fprintf(f, "    rhs target %.17g\n", P->target * I->total_w * (1 - 1e-12));
    write_site_bounds(f, I);
    fprintf(f, "ENDATA\n");
}

/* The floor model: fewest sites such that each group's covered population >= its need. */
static ambit_status write_floor(FILE *f, const ambit_instance *I, const reach *r,
                                const ambit_solve_params *P)
{
    size_t ng = I->n_groups ? I->n_groups : 1;
    unsigned char *done = calloc(I->n ? I->n : 1, 1);
    double *pop = calloc(ng, sizeof *pop), *reachable = calloc(ng, sizeof *reachable);
    double *base = calloc(ng, sizeof *base);
    if (!done || !pop || !reachable || !base) {
        free(done);
        free(pop);
        free(reachable);
        free(base);
        return AMBIT_ERR_NOMEM;
    }
    for (size_t i = 0; i < I->n; i++) {
        int32_t c = I->group[i];
        for (size_t q = r->d_start[i]; q < r->d_start[i + 1]; q++)
            if (I->fixed[r->d_site[q]])
                done[i] = 1;
        if (r->d_start[i + 1] == r->d_start[i])
            done[i] = 2;
        if (c < 0) {
            done[i] = 2;
            continue;
        }
        pop[c] += I->w[i];
        if (done[i] != 2)
            reachable[c] += I->w[i];
        if (done[i] == 1)
            base[c] += I->w[i];
    }
    fprintf(f, "* model floor: fewest new sites giving every community its floor share %.17g\n",
            P->floor);
    fprintf(f, "NAME ambit_floor\nROWS\n N obj\n");
    for (size_t i = 0; i < I->n; i++)
        if (!done[i])
            fprintf(f, " L c%zu\n", i);
    for (size_t c = 0; c < I->n_groups; c++)
        fprintf(f, " G g%zu\n", c);
    fprintf(f, "COLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j])
            continue;
        fprintf(f, "    x%zu obj 1\n", j);
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++)
            if (!done[r->s_dem[q]])
                fprintf(f, "    x%zu c%u -1\n", j, r->s_dem[q]);
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t i = 0; i < I->n; i++)
        if (!done[i])
            fprintf(f, "    y%zu c%zu 1\n    y%zu g%d %.17g\n", i, i, i, (int)I->group[i], I->w[i]);
    fprintf(f, "RHS\n");
    for (size_t c = 0; c < I->n_groups; c++) {
        double need = fmin(P->floor * pop[c], reachable[c]) * (1 - 1e-12) - base[c];
        fprintf(f, "    rhs g%zu %.17g\n", c, need > 0 ? need : 0);
    }
    write_bounds(f, I, done);
    fprintf(f, "ENDATA\n");
    free(done);
    free(pop);
    free(reachable);
    free(base);
    return AMBIT_OK;
}

static void write_pmedian(FILE *f, const ambit_instance *I, const ambit_solve_params *P)
{
    const ambit_cover *c = I->cover;
    fprintf(f, "* model pmedian: minimise sum of population x distance\n");
    fprintf(f, "NAME ambit_pmedian\nROWS\n N obj\n");
    for (size_t i = 0; i < I->n; i++)
        fprintf(f, " E a%zu\n", i);
    for (size_t j = 0; j < I->m; j++)
        for (size_t q = c->start[j]; q < c->start[j + 1]; q++)
            fprintf(f, " L l%zu_%u\n", j, c->demand[q]);
    fprintf(f, " E card\nCOLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        for (size_t q = c->start[j]; q < c->start[j + 1]; q++)
            fprintf(f, "    x%zu l%zu_%u -1\n", j, j, c->demand[q]);
        if (!I->fixed[j])
            fprintf(f, "    x%zu card 1\n", j);
        else if (c->start[j + 1] == c->start[j])
            fprintf(f, "    x%zu obj 0\n", j);
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t j = 0; j < I->m; j++) {
        for (size_t q = c->start[j]; q < c->start[j + 1]; q++) {
            uint32_t i = c->demand[q];
            /* MPS takes at most two row entries per line */
            fprintf(f, "    z%u_%zu obj %.17g a%u 1\n", i, j, I->w[i] * c->dist[q], i);
            fprintf(f, "    z%u_%zu l%zu_%u 1\n", i, j, j, i);
        }
    }
    fprintf(f, "RHS\n");
    for (size_t i = 0; i < I->n; i++)
        fprintf(f, "    rhs a%zu 1\n", i);
    fprintf(f, "    rhs card %zu\nBOUNDS\n", P->p);
    for (size_t j = 0; j < I->m; j++) {
        if (I->fixed[j])
            fprintf(f, " FX bnd x%zu 1\n", j);
        else
            fprintf(f, " BV bnd x%zu\n", j);
    }
    fprintf(f, "ENDATA\n");
}

/*
 * Floor with capacities: a<i>_<j> people of demand i served by site j (within reach),
 * z<c> people of community c served towards its floor (<= floor x population); the total
 * served must reach what every site together serves (computed here); fewest new sites.
 */
static ambit_status write_floor_capacitated(FILE *f, const ambit_instance *I, const reach *r,
                                            const ambit_solve_params *P)
{
    double all = floor_capacity_target(I, r, P->floor);
    if (isnan(all))
        return AMBIT_ERR_NOMEM;
    size_t ng = I->n_groups ? I->n_groups : 1;
    double *need = calloc(ng, sizeof *need);
    if (!need)
        return AMBIT_ERR_NOMEM;
    for (size_t i = 0; i < I->n; i++)
        if (I->group[i] >= 0)
            need[I->group[i]] += P->floor * I->w[i];
    fprintf(f,
            "* model floor with capacities: fewest new sites serving %.17g people towards the "
            "community floors (share %.17g)\n",
            all, P->floor);
    fprintf(f, "NAME ambit_floor_capacitated\nROWS\n N obj\n");
    for (size_t i = 0; i < I->n; i++)
        if (I->group[i] >= 0 && r->d_start[i + 1] > r->d_start[i])
            fprintf(f, " L d%zu\n", i);
    for (size_t j = 0; j < I->m; j++)
        fprintf(f, " L k%zu\n", j);
    for (size_t c = 0; c < I->n_groups; c++)
        fprintf(f, " L g%zu\n", c);
    fprintf(f, " G total\n");
    fprintf(f, "COLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        fprintf(f, "    x%zu k%zu %.17g\n", j, j, -fmin(I->cap[j], I->total_w));
        if (!I->fixed[j])
            fprintf(f, "    x%zu obj 1\n", j);
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t j = 0; j < I->m; j++) {
        for (size_t q = r->s_start[j]; q < r->s_start[j + 1]; q++) {
            uint32_t i = r->s_dem[q];
            if (I->group[i] < 0)
                continue;
            fprintf(f, "    a%u_%zu d%u 1 k%zu 1\n    a%u_%zu g%d -1\n", i, j, i, j, i, j,
                    (int)I->group[i]);
        }
    }
    for (size_t c = 0; c < I->n_groups; c++)
        fprintf(f, "    z%zu g%zu 1 total 1\n", c, c);
    fprintf(f, "RHS\n");
    for (size_t i = 0; i < I->n; i++)
        if (I->group[i] >= 0 && r->d_start[i + 1] > r->d_start[i])
            fprintf(f, "    rhs d%zu %.17g\n", i, I->w[i]);
    fprintf(f, "    rhs total %.17g\n", all * (1 - 1e-9));
    write_site_bounds(f, I);
    for (size_t c = 0; c < I->n_groups; c++)
        fprintf(f, " UP bnd z%zu %.17g\n", c, need[c]);
    fprintf(f, "ENDATA\n");
    free(need);
    return AMBIT_OK;
}

/*
 * Nested tiers: x<j>_<a> = 1 if site j hosts tier a; y<i>_<t> = 1 if demand i is covered
 * at tier t (left out when an existing site of tier <= t covers it, or no eligible
 * opening can). One tier per site; per-tier counts (mclp), a budget, or per-tier
 * targets at least cost (target).
 */
static ambit_status write_nested(FILE *f, const ambit_instance *I, const ambit_solve_params *P)
{
    size_t T = I->n_tiers, nt = I->n * T;
    unsigned char *state = calloc(nt + 1, 1); /* 0 out of reach, 1 live, 2 covered already */
    double base[AMBIT_MAX_TIERS] = {0}, wbase = 0;
    if (!state)
        return AMBIT_ERR_NOMEM;
    for (int pass = 0; pass < 2; pass++) { /* existing sites first, then the candidates */
        for (size_t j = 0; j < I->m; j++) {
            if ((I->fixed[j] != 0) == (pass != 0))
                continue;
            const uint32_t *dem;
            const double *dist;
            size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
            size_t top = T;
            for (size_t a = 0; a < T && top == T; a++)
                if (pass ? I->eligible[j * T + a] : a == (size_t)I->site_tier[j])
                    top = a;
            for (size_t q = 0; q < k; q++) {
                for (size_t t = top; t < T; t++) {
                    unsigned char *sq = &state[(size_t)dem[q] * T + t];
                    if (dist[q] > I->tier_radius[t] || *sq == 2)
                        continue;
                    if (!pass) {
                        *sq = 2;
                        base[t] += I->w[dem[q]];
                        wbase += I->tier_weight[t] * I->w[dem[q]];
                    } else {
                        *sq = 1;
                    }
                }
            }
        }
    }
    int target = P->model == AMBIT_MODEL_TARGET;
    fprintf(f,
            "* nested %s over %zu tiers; weighted population covered by existing sites "
            "(not in the objective): %.17g\n",
            ambit_model_name(P->model), T, wbase);
    fprintf(f, "NAME ambit_nested_%s\nROWS\n N obj\n", ambit_model_name(P->model));
    for (size_t q = 0; q < nt; q++)
        if (state[q] == 1)
            fprintf(f, " L c%zu_%zu\n", q / T, q % T);
    for (size_t j = 0; j < I->m; j++)
        if (!I->fixed[j])
            fprintf(f, " L s%zu\n", j);
    for (size_t t = 0; t < T; t++) {
        if (P->model == AMBIT_MODEL_MCLP)
            fprintf(f, " E p%zu\n", t);
        else if (target)
            fprintf(f, " G t%zu\n", t);
    }
    if (P->model == AMBIT_MODEL_BUDGET)
        fprintf(f, " L budget\n");
    fprintf(f, "COLUMNS\n    M1 'MARKER' 'INTORG'\n");
    for (size_t j = 0; j < I->m; j++) {
        const uint32_t *dem;
        const double *dist;
        size_t k = ambit_cover_site(I->cover, j, &dem, &dist);
        for (size_t a = 0; a < T; a++) {
            if (!I->eligible[j * T + a])
                continue;
            double c = I->tier_cost[j * T + a];
            if (target)
                fprintf(f, "    x%zu_%zu obj %.17g\n", j, a, c);
            for (size_t q = 0; q < k; q++)
                for (size_t t = a; t < T; t++)
                    if (dist[q] <= I->tier_radius[t] && state[(size_t)dem[q] * T + t] == 1)
                        fprintf(f, "    x%zu_%zu c%u_%zu -1\n", j, a, dem[q], t);
            fprintf(f, "    x%zu_%zu s%zu 1\n", j, a, j);
            if (P->model == AMBIT_MODEL_MCLP)
                fprintf(f, "    x%zu_%zu p%zu 1\n", j, a, a);
            else if (P->model == AMBIT_MODEL_BUDGET)
                fprintf(f, "    x%zu_%zu budget %.17g\n", j, a, c);
        }
    }
    fprintf(f, "    M2 'MARKER' 'INTEND'\n");
    for (size_t q = 0; q < nt; q++) {
        if (state[q] != 1)
            continue;
        size_t i = q / T, t = q % T;
        if (target)
            fprintf(f, "    y%zu_%zu c%zu_%zu 1 t%zu %.17g\n", i, t, i, t, t, I->w[i]);
        else
            fprintf(f, "    y%zu_%zu obj %.17g c%zu_%zu 1\n", i, t, -I->tier_weight[t] * I->w[i], i,
                    t);
    }
    fprintf(f, "RHS\n");
    for (size_t j = 0; j < I->m; j++)
        if (!I->fixed[j])
            fprintf(f, "    rhs s%zu 1\n", j);
    for (size_t t = 0; t < T; t++) {
        if (P->model == AMBIT_MODEL_MCLP)
            fprintf(f, "    rhs p%zu %zu\n", t, P->tier_p[t]);
        else if (target)
            fprintf(f, "    rhs t%zu %.17g\n", t, P->target * I->total_w * (1 - 1e-12) - base[t]);
    }
    if (P->model == AMBIT_MODEL_BUDGET)
        fprintf(f, "    rhs budget %.17g\n", P->budget);
    fprintf(f, "BOUNDS\n");
    for (size_t id = 0; id < I->m * T; id++)
        if (I->eligible[id])
            fprintf(f, " BV bnd x%zu_%zu\n", id / T, id % T);
    for (size_t q = 0; q < nt; q++)
        if (state[q] == 1)
            fprintf(f, " UP bnd y%zu_%zu 1\n", q / T, q % T);
    fprintf(f, "ENDATA\n");
    free(state);
    return AMBIT_OK;
}

ambit_status ambit_instance_write_mps(ambit_ctx *ctx, const ambit_instance *I,
                                      const ambit_solve_params *P, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return ctx_fail(ctx, AMBIT_ERR_IO, "--write-mps: cannot create '%s': %s", path,
                        strerror(errno));
    ambit_status st = AMBIT_OK;
    if (I->n_tiers) {
        st = write_nested(f, I, P);
        if (st == AMBIT_ERR_NOMEM)
            ctx_nomem(ctx);
    } else if (P->model == AMBIT_MODEL_PMEDIAN) {
        write_pmedian(f, I, P);
    } else {
        reach r;
        st = reach_build(ctx, I, P->radius, &r);
        if (!st && I->cap && P->model == AMBIT_MODEL_FLOOR) {
            st = write_floor_capacitated(f, I, &r, P);
            if (st == AMBIT_ERR_NOMEM)
                ctx_nomem(ctx);
        } else if (!st && I->cap) {
            write_capacitated(f, I, &r, P);
        } else if (!st && P->model == AMBIT_MODEL_FLOOR) {
            st = write_floor(f, I, &r, P);
            if (st == AMBIT_ERR_NOMEM)
                ctx_nomem(ctx);
        } else if (!st) {
            st = write_cover_model(f, I, &r, P);
            if (st == AMBIT_ERR_NOMEM)
                ctx_nomem(ctx);
        }
        reach_free(&r);
    }
    if (fclose(f) != 0 && !st)
        st = ctx_fail(ctx, AMBIT_ERR_IO, "--write-mps: writing '%s' failed", path);
    return st;
}
