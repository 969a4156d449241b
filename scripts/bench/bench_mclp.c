/*
 * MCLP at city scale (issue 3 target: 100,000 demand points x 5,000 candidates,
 * p = 100, radius 1 km, < 5 s including coverage, gap < 1 %). Synthetic city as in
 * bench_coverage.c (20 km x 20 km, 12 dense centres). Prints one CSV line; with a
 * path as 6th argument ("-": none) also writes the MIP there for an exact solver; a 7th
 * sets the perturbation rounds (--iterations; default automatic).
 *
 * Usage: bench_mclp N_DEMAND N_CANDIDATES P RADIUS [TIME_LIMIT] [MPS_PATH] [ITERATIONS]
 */
#include "ambit.h"
#include "city.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr,
                "usage: %s N_DEMAND N_CANDIDATES P RADIUS [TIME_LIMIT] [MPS] [ITERATIONS]\n",
                argv[0]);
        return 2;
    }
    city_seed = 4242;
    size_t n = (size_t)atol(argv[1]), m = (size_t)atol(argv[2]), p = (size_t)atol(argv[3]);
    double radius = atof(argv[4]);
    double *dx = malloc(n * sizeof *dx), *dy = malloc(n * sizeof *dy), *w = malloc(n * sizeof *w);
    double *sx = malloc(m * sizeof *sx), *sy = malloc(m * sizeof *sy);
    for (size_t i = 0; i < n; i++) {
        city_point(&dx[i], &dy[i]);
        w[i] = 1 + floor(200 * city_uniform()); /* people per point */
    }
    for (size_t j = 0; j < m; j++)
        city_point(&sx[j], &sy[j]);
    ambit_ctx *ctx = ambit_ctx_new();
    double t0 = now();
    ambit_cover *cover = NULL;
    ambit_instance *inst = NULL;
    ambit_solution *sol = NULL;
    ambit_solve_params P = ambit_solve_params_default();
    P.model = AMBIT_MODEL_MCLP;
    P.p = p;
    P.radius = radius;
    if (argc > 5)
        P.time_limit_s = atof(argv[5]);
    if (argc > 7)
        P.max_iterations = atoi(argv[7]);
    if (ambit_cover_points(ctx, dx, dy, n, sx, sy, m, radius, &cover) ||
        ambit_instance_new(ctx, cover, w, NULL, NULL, &inst)) {
        fprintf(stderr, "%s\n", ambit_ctx_error(ctx));
        return 1;
    }
    double t1 = now();
    if (argc > 6 && strcmp(argv[6], "-") != 0 && ambit_instance_write_mps(ctx, inst, &P, argv[6])) {
        fprintf(stderr, "%s\n", ambit_ctx_error(ctx));
        return 1;
    }
    double t2 = now();
    if (ambit_solve(ctx, inst, &P, &sol)) {
        fprintf(stderr, "%s\n", ambit_ctx_error(ctx));
        return 1;
    }
    double t3 = now();
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("demand,candidates,p,radius_m,pairs,covered,total,bound,gap_pct,cover_s,solve_s,"
           "total_s,peak_rss_mib\n");
    printf("%zu,%zu,%zu,%.0f,%zu,%.0f,%.0f,%.1f,%.4f,%.3f,%.3f,%.3f,%.0f\n", n, m, p, radius,
           ambit_cover_pair_count(cover), ambit_solution_objective(sol), total,
           ambit_solution_bound(sol), 100 * ambit_solution_gap(sol), t1 - t0, t3 - t2,
           (t1 - t0) + (t3 - t2), (double)ru.ru_maxrss / 1024.0);
    ambit_solution_free(sol);
    ambit_instance_free(inst);
    ambit_cover_free(cover);
    ambit_ctx_free(ctx);
    free(dx);
    free(dy);
    free(w);
    free(sx);
    free(sy);
    return 0;
}
