/*
 * The synthetic city of the benchmarks: 20 km x 20 km, 60 % of the points in 12
 * Gaussian centres (sigma 1.5 km), 40 % spread evenly; a seeded generator so that
 * every run draws the same city.
 */
#ifndef AMBIT_BENCH_CITY_H
#define AMBIT_BENCH_CITY_H

#include <math.h>
#include <stdint.h>

static uint64_t city_seed = 12345;

static inline double city_uniform(void)
{
    uint64_t z = (city_seed += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

static inline void city_point(double *x, double *y)
{
    static const double cx[12] = {10, 6, 14, 8, 12, 4, 16, 10, 10, 5, 15, 10};
    static const double cy[12] = {10, 8, 12, 14, 6, 4, 16, 3, 17, 15, 5, 10};
    const double side = 20000.0;
    do {
        if (city_uniform() < 0.6) {
            int k = (int)(city_uniform() * 12);
            double r = 1500.0 * sqrt(-2 * log(city_uniform()));
            double a = 6.283185307179586 * city_uniform();
            *x = cx[k] * 1000 + r * cos(a);
            *y = cy[k] * 1000 + r * sin(a);
        } else {
            *x = side * city_uniform();
            *y = side * city_uniform();
        }
    } while (*x < 0 || *y < 0 || *x > side || *y > side);
}

#endif
