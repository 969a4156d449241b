#include "access_table.h"

#include "writers.h"

#include <stdio.h>

ambit_status access_table_write(ambit_ctx *ctx, const char *path, const study *s, size_t n_tiers,
                                const char *const *tier_names, const unsigned char *covered)
{
    gj_writer w;
    ambit_status st = table_open(ctx, path, "access", &w);
    const char *ints[] = {"demand", "origin"};
    if (!st)
        st = gj_fields(ctx, &w, ints, 2, OFTInteger64);
    const char *reals[] = {"x", "y", "population"};
    if (!st)
        st = gj_fields(ctx, &w, reals, 3, OFTReal);
    if (!st)
        st = gj_field(ctx, &w, "community_id", OFTString);
    char name[160];
    for (size_t t = 0; t < n_tiers && !st; t++) {
        snprintf(name, sizeof name, "covered_%s", tier_names[t]);
        st = gj_field(ctx, &w, name, OFTInteger);
    }
    const demand_set *d = &s->demand;
    for (size_t i = 0; i < d->n && !st; i++) {
        OGRFeatureH f = gj_feature(&w);
        OGR_F_SetFieldInteger64(f, 0, (GIntBig)i);
        OGR_F_SetFieldInteger64(f, 1, (GIntBig)d->origin[i]);
        OGR_F_SetFieldDouble(f, 2, d->x[i]);
        OGR_F_SetFieldDouble(f, 3, d->y[i]);
        OGR_F_SetFieldDouble(f, 4, d->w[i]);
        if (d->community[i] >= 0)
            OGR_F_SetFieldString(f, 5, s->comms.c[d->community[i]].id);
        else
            OGR_F_SetFieldNull(f, 5);
        for (size_t t = 0; t < n_tiers; t++)
            OGR_F_SetFieldInteger(f, 6 + (int)t, covered[i * n_tiers + t]);
        st = gj_write(ctx, &w, f, NULL);
    }
    ambit_status cst = gj_close(ctx, &w);
    return st ? st : cst;
}
