/*
 * Benchmark of the straight-line coverage engine on a synthetic city: demand
 * points clustered like a large Chinese city (20 km x 20 km, dense cores and a
 * thinner periphery), facilities spread the same way. Prints one CSV line per
 * run: demand points, facilities, radius, pairs, seconds, peak RSS.
 *
 * Usage: bench_coverage N_DEMAND N_SITES RADIUS [REPEATS]
 */
#include "ambit.h"
#include "city.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
    if (argc < 4) {
        fprintf(stderr, "usage: %s N_DEMAND N_SITES RADIUS [REPEATS]\n", argv[0]);
        return 2;
    }
    size_t nd = (size_t)atol(argv[1]), ns = (size_t)atol(argv[2]);
    double radius = atof(argv[3]);
    int repeats = argc > 4 ? atoi(argv[4]) : 3;
    double *dx = malloc(nd * sizeof *dx), *dy = malloc(nd * sizeof *dy);
    double *sx = malloc(ns * sizeof *sx), *sy = malloc(ns * sizeof *sy);
    if (!dx || !dy || !sx || !sy)
        return 1;
    for (size_t i = 0; i < nd; i++)
        city_point(&dx[i], &dy[i]);
    for (size_t i = 0; i < ns; i++)
        city_point(&sx[i], &sy[i]);
    ambit_ctx *ctx = ambit_ctx_new();
    double best = INFINITY;
    size_t pairs = 0;
    for (int r = 0; r < repeats; r++) {
        ambit_cover *c = NULL;
        double t0 = now();
        if (ambit_cover_points(ctx, dx, dy, nd, sx, sy, ns, radius, &c) != AMBIT_OK) {
            fprintf(stderr, "%s\n", ambit_ctx_error(ctx));
            return 1;
        }
        double t = now() - t0;
        if (t < best)
            best = t;
        pairs = ambit_cover_pair_count(c);
        ambit_cover_free(c);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu,%zu,%.0f,%zu,%.3f,%.1f\n", nd, ns, radius, pairs, best,
           (double)ru.ru_maxrss / 1024.0);
    ambit_ctx_free(ctx);
    free(dx);
    free(dy);
    free(sx);
    free(sy);
    return 0;
}
