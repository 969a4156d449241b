/* `ambit profiles`: what the planning profiles say, with every value's source. */
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ambit profiles [NAME|FILE]\n"
    "\n"
    "Lists the planning profiles on the search path ($AMBIT_PROFILE_PATH, then the installed\n"
    "and source-tree geodata/profiles), or shows one in full: facility kinds, tiers (highest\n"
    "first), radius, population served, minimum land area and cost, each with its source and\n"
    "status (V read in a source, V2 second-hand, M remembered, to verify).\n"
    "Use one with `ambit coverage --profile NAME --facility KIND`.\n";

const char *ambit_profiles_usage(void)
{
    return usage;
}

void ambit_free(void *p)
{
    free(p);
}

static void put_value(FILE *f, const char *what, const profile_value *v)
{
    if (!v->present)
        return;
    if (v->min != v->max)
        fprintf(f, "      %-18s %g-%g  [%s] %s\n", what, v->min, v->max, v->status, v->source);
    else
        fprintf(f, "      %-18s %g  [%s] %s\n", what, v->value, v->status, v->source);
}

static void describe(FILE *f, const profile *p)
{
    fprintf(f, "%s (%s)\n  %s\n", p->name, p->path, p->description);
    for (size_t k = 0; k < p->n; k++) {
        const profile_kind *kd = &p->kinds[k];
        fprintf(f, "  --facility %s: %s\n", kd->name, kd->label);
        for (size_t t = 0; t < kd->n; t++) {
            const profile_tier *tr = &kd->tiers[t];
            fprintf(f, "    tier %s\n", tr->name);
            put_value(f, "radius_m", &tr->radius);
            put_value(f, "population_served", &tr->served);
            put_value(f, "min_area_m2", &tr->area);
            put_value(f, "cost", &tr->cost);
        }
    }
}

ambit_status ambit_profiles_describe(ambit_ctx *ctx, const char *name, char **text)
{
    *text = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return ctx_nomem(ctx);
    ambit_status st = AMBIT_OK;
    if (name) {
        profile p;
        st = profile_load(ctx, name, &p);
        if (!st) {
            describe(f, &p);
            profile_free(&p);
        }
    } else {
        char **paths;
        size_t n;
        st = profile_paths(ctx, &paths, &n);
        for (size_t i = 0; !st && i < n; i++) {
            profile p;
            ambit_status ps = profile_load(ctx, paths[i], &p);
            if (ps) {
                fprintf(f, "%s: %s\n", paths[i], ambit_ctx_error(ctx));
                continue;
            }
            fprintf(f, "%-12s %s\n             kinds:", p.name, p.path);
            for (size_t k = 0; k < p.n; k++) {
                fprintf(f, " %s (", p.kinds[k].name);
                for (size_t t = 0; t < p.kinds[k].n; t++)
                    fprintf(f, "%s%s %g m", t ? ", " : "", p.kinds[k].tiers[t].name,
                            p.kinds[k].tiers[t].radius.value);
                fprintf(f, ")");
            }
            fprintf(f, "\n");
            profile_free(&p);
        }
        if (!st && n == 0)
            fprintf(f, "no profile found (set AMBIT_PROFILE_PATH)\n");
        for (size_t i = 0; i < n; i++)
            free(paths[i]);
        free(paths);
        ctx->status = AMBIT_OK;
        ctx->error[0] = '\0';
    }
    fclose(f);
    if (st) {
        free(buf);
        return st;
    }
    *text = buf;
    return AMBIT_OK;
}
