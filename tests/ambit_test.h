/* Includes cmocka the way 1.1.5 needs it (these headers first), plus shared test helpers. */
#ifndef AMBIT_TEST_H
#define AMBIT_TEST_H

// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
// clang-format on

#include "ambit.h"

#include <math.h>

/* |a - b| <= tol * max(1, |b|) */
#define assert_close(a, b, tol)                                                                    \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (tol)*fmax(1.0, fabs(b_))))                                         \
            fail_msg("%s = %.12g, expected %.12g (tol %g)", #a, a_, b_, (double)(tol));            \
    } while (0)

/* Deterministic pseudo-random numbers for tests (splitmix64). */
static inline double test_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

#endif
