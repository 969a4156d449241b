#include "options.h"

#include "strutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void opt_args_free(opt_args *args)
{
    for (int i = 0; i < args->argc; i++)
        free(args->argv[i]);
    free(args->argv);
    args->argv = NULL;
    args->argc = 0;
}

ambit_status opt_parse(ambit_ctx *ctx, int argc, const char *const *argv, const opt_flag *flags,
                       size_t n, opt_args *args)
{
    args->argv = calloc((size_t)argc + 1, sizeof *args->argv);
    args->argc = 0;
    if (!args->argv)
        return ctx_nomem(ctx);
    for (int i = 0; i < argc; i++) {
        args->argv[i] = str_dup(argv[i]);
        args->argc = i + 1;
        if (!args->argv[i])
            return ctx_nomem(ctx);
    }
    for (int i = 0; i < argc; i++) {
        char *a = args->argv[i];
        char *value = NULL;
        char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        if (eq) {
            *eq = '\0';
            value = eq + 1;
        }
        const opt_flag *f = NULL;
        for (size_t k = 0; k < n; k++)
            if (strcmp(a, flags[k].name) == 0)
                f = &flags[k];
        if (!f)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "unknown option '%s'", a);
        if (f->is_set) {
            if (value)
                return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s takes no value", a);
            *f->is_set = 1;
            continue;
        }
        if (!value) {
            if (i + 1 >= argc)
                return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s needs a value", a);
            value = args->argv[++i];
        }
        if (*f->value)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s given twice", a);
        *f->value = value;
    }
    return AMBIT_OK;
}

void input_opts_init(input_opts *io)
{
    memset(io, 0, sizeof *io);
    io->band = 1;
    io->cell = 100.0;
    io->network.max_access = NETWORK_DEFAULT_MAX_ACCESS;
}

size_t input_opts_flags(input_opts *io, opt_flag *f, size_t n)
{
    const opt_flag mine[] = {
        {"--communities", &io->communities, NULL},
        {"--community-id", &io->community_id, NULL},
        {"--community-name", &io->community_name, NULL},
        {"--population", &io->population, NULL},
        {"--population-field", &io->population_field, NULL},
        {"--band", &io->band_text, NULL},
        {"--cell", &io->cell_text, NULL},
        {"--facilities", &io->facilities, NULL},
        {"--facility-id", &io->facility_id, NULL},
        {"--facility-name", &io->facility_name, NULL},
        {"--tier-field", &io->tier_field, NULL},
        {"--crs", &io->crs, NULL},
        {"--assume-crs", &io->assume_crs, NULL},
        {"--output", &io->output, NULL},
        {"-o", &io->output, NULL},
        {"--strict", NULL, &io->strict},
        {"--access-table", NULL, &io->access_table},
        {"--quiet", NULL, &io->quiet},
        {"--network", &io->network.spec, NULL},
        {"--network-where", &io->network.where, NULL},
        {"--network-cost-field", &io->network.cost_field, NULL},
        {"--snap", &io->network.snap_text, NULL},
        {"--max-access", &io->network.max_access_text, NULL},
        {"-q", NULL, &io->quiet},
    };
    for (size_t k = 0; k < sizeof mine / sizeof *mine && n < OPT_MAX_FLAGS; k++)
        f[n++] = mine[k];
    return n;
}

ambit_status input_opts_check(ambit_ctx *ctx, input_opts *io, int population_needed)
{
    if (population_needed && !io->population)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--population is required");
    if (!io->output)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "-o DIR is required");
    if ((io->community_id || io->community_name) && !io->communities)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--community-id/--community-name need --communities");
    if (io->band_text) {
        long b;
        if (!str_to_long(io->band_text, 1, 65535, &b))
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--band: '%s' is not a band number (1, 2, ...)",
                            io->band_text);
        io->band = (int)b;
    }
    network_opts *no = &io->network;
    if (!no->spec && (no->where || no->cost_field || no->snap_text || no->max_access_text))
        return ctx_fail(ctx, AMBIT_ERR_USAGE,
                        "--network-where, --network-cost-field, --snap and --max-access need "
                        "--network");
    ambit_status st;
    if (no->snap_text && (st = opt_number(ctx, "--snap", no->snap_text, 0, 100, &no->snap)))
        return st;
    if (no->max_access_text &&
        (st = opt_number(ctx, "--max-access", no->max_access_text, 0, 10000, &no->max_access)))
        return st;
    if (io->cell_text) {
        if (!str_to_double(io->cell_text, &io->cell) || !(io->cell > 0) || io->cell > 10000)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--cell: '%s' is not a spacing in (0, 10000] m",
                            io->cell_text);
    }
    return AMBIT_OK;
}

ambit_status opt_radius(ambit_ctx *ctx, const char *what, const char *text, double *out)
{
    double r;
    if (!str_to_double(text, &r))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: '%s' is not a number of metres", what, text);
    if (!(r > 0))
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: radius %s m must be greater than 0", what, text);
    if (r > AMBIT_MAX_RADIUS_M)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "%s: radius %s m is over 100 km; a walking service radius is 300-1000 m "
                        "(is the unit right?)",
                        what, text);
    *out = r;
    return AMBIT_OK;
}

ambit_status opt_number(ambit_ctx *ctx, const char *what, const char *text, double min, double max,
                        double *out)
{
    double v;
    if (!str_to_double(text, &v))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: '%s' is not a number", what, text);
    if (v < min || v > max)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: %s is outside [%g, %g]", what, text, min, max);
    *out = v;
    return AMBIT_OK;
}

static int valid_tier_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

ambit_status opt_tiers(ambit_ctx *ctx, const char *list, char **names, double *radii, size_t *n)
{
    const char *p = list;
    *n = 0;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq || !valid_tier_name(p, (size_t)(eq - p)))
            return ctx_fail(ctx, AMBIT_ERR_USAGE,
                            "--tiers: '%.*s' is not NAME=METRES (names: letters, digits, _ and -)",
                            (int)len, p);
        if (*n == AMBIT_MAX_TIERS)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: at most %d tiers", AMBIT_MAX_TIERS);
        size_t nlen = (size_t)(eq - p);
        char *name = malloc(nlen + 1), *num = malloc(len - nlen);
        if (!name || !num) {
            free(name);
            free(num);
            return ctx_nomem(ctx);
        }
        memcpy(name, p, nlen);
        name[nlen] = '\0';
        memcpy(num, eq + 1, len - nlen - 1);
        num[len - nlen - 1] = '\0';
        ambit_status st = AMBIT_OK;
        for (size_t i = 0; i < *n && !st; i++)
            if (strcmp(names[i], name) == 0)
                st = ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: tier '%s' given twice", name);
        char what[96];
        snprintf(what, sizeof what, "--tiers %s", name);
        if (!st)
            st = opt_radius(ctx, what, num, &radii[*n]);
        free(num);
        if (st) {
            free(name);
            return st;
        }
        names[(*n)++] = name;
        if (!end)
            break;
        p = end + 1;
        if (!*p)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: trailing comma");
    }
    if (*n == 0)
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "--tiers: no tier given");
    return AMBIT_OK;
}

ambit_status opt_tier_values(ambit_ctx *ctx, const char *what, const char *list, char *const *names,
                             size_t n, double min, double max, double *values)
{
    unsigned char seen[AMBIT_MAX_TIERS] = {0};
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        size_t t = 0;
        while (
            eq && t < n &&
            (strlen(names[t]) != (size_t)(eq - p) || strncmp(names[t], p, (size_t)(eq - p)) != 0))
            t++;
        if (!eq || t == n) {
            char known[512] = "";
            for (size_t k = 0; k < n; k++) {
                strncat(known, k ? ", " : "", sizeof known - strlen(known) - 1);
                strncat(known, names[k], sizeof known - strlen(known) - 1);
            }
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: '%.*s' is not TIER=VALUE with a tier of %s",
                            what, (int)len, p, known);
        }
        if (seen[t]++)
            return ctx_fail(ctx, AMBIT_ERR_USAGE, "%s: tier '%s' given twice", what, names[t]);
        char num[64], label[128];
        size_t nl = len - (size_t)(eq - p) - 1;
        snprintf(num, sizeof num, "%.*s", (int)(nl < 63 ? nl : 63), eq + 1);
        snprintf(label, sizeof label, "%s %s", what, names[t]);
        ambit_status st = opt_number(ctx, label, num, min, max, &values[t]);
        if (st)
            return st;
        if (!end)
            return AMBIT_OK;
        p = end + 1;
    }
}
