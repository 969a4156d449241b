/*
 * Benchmark of the straight-line coverage engine on a synthetic city: demand
 * points clustered like a large Chinese city (20 km x 20 km, dense cores and a
 * thinner periphery), facilities spread the same way. Prints one CSV line per
 * run: demand points, facilities, radius, pairs, seconds, peak RSS.
 *
 * Usage: bench_coverage N_DEMAND N_SITES RADIUS [REPEATS]
 */
#include "ambit.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static uint64_t rng = 12345;

static double uniform(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

/* 60 % of people in 12 Gaussian centres (sigma 1.5 km), 40 % spread evenly. */
static void city_point(double *x, double *y)
{
    static const double cx[12] = {10, 6, 14, 8, 12, 4, 16, 10, 10, 5, 15, 10};
    static const double cy[12] = {10, 8, 12, 14, 6, 4, 16, 3, 17, 15, 5, 10};
    const double side = 20000.0;
    do {
        if (uniform() < 0.6) {
            int k = (int)(uniform() * 12);
            double r = 1500.0 * sqrt(-2 * log(uniform())), a = 6.283185307179586 * uniform();
            *x = cx[k] * 1000 + r * cos(a);
            *y = cy[k] * 1000 + r * sin(a);
        } else {
            *x = side * uniform();
            *y = side * uniform();
        }
    } while (*x < 0 || *y < 0 || *x > side || *y > side);
}

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
