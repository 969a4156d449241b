/*
 * OR-Library p-median instances pmed1-40 (Beasley 1985): all-pairs shortest paths
 * (Floyd-Warshall, "last duplicate edge wins") as the distance table, every vertex
 * a demand point of weight 1 and a candidate. Prints, per instance, our objective,
 * the published optimum, the gap to it, our Lagrangian bound and the time.
 *
 * Usage: bench_pmed PMED_DIR [FIRST LAST]
 */
#include "ambit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int read_optima(const char *dir, double opt[41])
{
    char path[1024];
    snprintf(path, sizeof path, "%s/pmedopt.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        int k;
        double v;
        if (sscanf(line, " pmed%d %lf", &k, &v) == 2 && k >= 1 && k <= 40)
            opt[k] = v;
    }
    fclose(f);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PMED_DIR [FIRST LAST]\n", argv[0]);
        return 2;
    }
    int first = argc > 3 ? atoi(argv[2]) : 1, last = argc > 3 ? atoi(argv[3]) : 40;
    double opt[41] = {0};
    if (!read_optima(argv[1], opt)) {
        fprintf(stderr, "no pmedopt.txt in %s\n", argv[1]);
        return 1;
    }
    ambit_ctx *ctx = ambit_ctx_new();
    printf("instance,n,p,objective,optimum,gap_to_optimum_pct,bound,gap_to_bound_pct,seconds\n");
    double total_t = 0, sum_gap = 0, max_gap = 0;
    int count = 0;
    for (int k = first; k <= last; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/pmed%d.txt", argv[1], k);
        FILE *f = fopen(path, "r");
        if (!f)
            return 1;
        int n, m, p;
        if (fscanf(f, "%d %d %d", &n, &m, &p) != 3)
            return 1;
        double *d = malloc((size_t)n * (size_t)n * sizeof *d);
        for (int i = 0; i < n * n; i++)
            d[i] = INFINITY;
        for (int i = 0; i < n; i++)
            d[(size_t)i * n + i] = 0;
        for (int e = 0; e < m; e++) {
            int a, b;
            double c;
            if (fscanf(f, "%d %d %lf", &a, &b, &c) != 3)
                return 1;
            d[(size_t)(a - 1) * n + (b - 1)] = c; /* the last duplicate wins */
            d[(size_t)(b - 1) * n + (a - 1)] = c;
        }
        fclose(f);
        double t0 = now();
        for (int q = 0; q < n; q++)
            for (int i = 0; i < n; i++) {
                double dq = d[(size_t)i * n + q];
                if (!isfinite(dq))
                    continue;
                for (int j = 0; j < n; j++)
                    if (dq + d[(size_t)q * n + j] < d[(size_t)i * n + j])
                        d[(size_t)i * n + j] = dq + d[(size_t)q * n + j];
            }
        ambit_cover_builder *b = NULL;
        ambit_cover *cover = NULL;
        ambit_cover_builder_new(ctx, (size_t)n, (size_t)n, &b);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                ambit_cover_builder_add(ctx, b, (size_t)j, (size_t)i, d[(size_t)i * n + j]);
        ambit_cover_builder_finish(ctx, &b, &cover);
        double *w = malloc((size_t)n * sizeof *w);
        for (int i = 0; i < n; i++)
            w[i] = 1;
        ambit_instance *inst = NULL;
        ambit_solution *sol = NULL;
        ambit_solve_params P = ambit_solve_params_default();
        P.model = AMBIT_MODEL_PMEDIAN;
        P.p = (size_t)p;
        if (ambit_instance_new(ctx, cover, w, NULL, NULL, &inst) ||
            ambit_solve(ctx, inst, &P, &sol)) {
            fprintf(stderr, "pmed%d: %s\n", k, ambit_ctx_error(ctx));
            return 1;
        }
        double t = now() - t0, obj = ambit_solution_objective(sol);
        double g = 100 * (obj - opt[k]) / opt[k];
        printf("pmed%d,%d,%d,%.0f,%.0f,%.3f,%.1f,%.3f,%.3f\n", k, n, p, obj, opt[k], g,
               ambit_solution_bound(sol), 100 * ambit_solution_gap(sol), t);
        fflush(stdout);
        total_t += t;
        sum_gap += g;
        max_gap = fmax(max_gap, g);
        count++;
        ambit_solution_free(sol);
        ambit_instance_free(inst);
        ambit_cover_free(cover);
        free(w);
        free(d);
    }
    printf("# %d instances: mean gap to optimum %.3f %%, max %.3f %%, total %.2f s (including "
           "Floyd-Warshall)\n",
           count, sum_gap / count, max_gap, total_t);
    ambit_ctx_free(ctx);
    return 0;
}
