#include "profile.h"

#include "strutil.h"
#include "yamldoc.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef AMBIT_PROFILE_DIRS
#define AMBIT_PROFILE_DIRS ""
#endif

static ambit_status number(ydoc *y, yaml_node_t *n, const char *what, double *out)
{
    if (!str_to_double(ydoc_scalar(n), out))
        return ydoc_bad(y, n, what, " is not a number", NULL);
    return AMBIT_OK;
}

static ambit_status value(ydoc *y, yaml_node_t *n, const char *what, profile_value *v)
{
    static const char *const keys[] = {"value", "min", "max", "status", "source", NULL};
    ambit_status st = ydoc_only_keys(y, n, keys, what);
    if (st)
        return st;
    yaml_node_t *val = ydoc_get(y, n, "value"), *mn = ydoc_get(y, n, "min"),
                *mx = ydoc_get(y, n, "max");
    if (val && (st = number(y, val, what, &v->value)))
        return st;
    if (!val && !(mn && mx))
        return ydoc_bad(y, n, what, " needs a value (or min and max)", NULL);
    if (mn && (st = number(y, mn, what, &v->min)))
        return st;
    if (mx && (st = number(y, mx, what, &v->max)))
        return st;
    if (!val)
        v->value = 0.5 * (v->min + v->max);
    else
        v->min = v->max = v->value;
    if (v->value < 0 || v->min < 0 || v->max < v->min)
        return ydoc_bad(y, n, what, " must be >= 0 (and min <= max)", NULL);
    const char *status = ydoc_scalar(ydoc_get(y, n, "status"));
    if (!status || (strcmp(status, "V") && strcmp(status, "V2") && strcmp(status, "M")))
        return ydoc_bad(y, n, what, ": status must be V, V2 or M", NULL);
    const char *source = ydoc_scalar(ydoc_get(y, n, "source"));
    if (!source || !*source)
        return ydoc_bad(y, n, what, ": every value needs its source", NULL);
    v->status = str_dup(status);
    v->source = str_dup(source);
    v->present = 1;
    return (v->status && v->source) ? AMBIT_OK : ctx_nomem(y->ctx);
}

static ambit_status tier(ydoc *y, yaml_node_t *n, profile_tier *t)
{
    static const char *const keys[] = {"name",        "radius_m", "population_served",
                                       "min_area_m2", "cost",     NULL};
    ambit_status st = ydoc_only_keys(y, n, keys, "a tier");
    if (st)
        return st;
    const char *name = ydoc_scalar(ydoc_get(y, n, "name"));
    if (!name || !*name)
        return ydoc_bad(y, n, "a tier needs a name", NULL, NULL);
    t->name = str_dup(name);
    yaml_node_t *r = ydoc_get(y, n, "radius_m");
    if (!r)
        return ydoc_bad(y, n, "tier '", name, "' has no radius_m");
    char what[160];
    snprintf(what, sizeof what, "tier '%s' radius_m", name);
    if ((st = value(y, r, what, &t->radius)))
        return st;
    if (!(t->radius.value > 0))
        return ydoc_bad(y, r, "tier '", name, "': radius_m must be above 0");
    struct {
        const char *key;
        profile_value *v;
    } opt[] = {{"population_served", &t->served}, {"min_area_m2", &t->area}, {"cost", &t->cost}};
    for (size_t i = 0; i < 3; i++) {
        yaml_node_t *v = ydoc_get(y, n, opt[i].key);
        snprintf(what, sizeof what, "tier '%s' %s", name, opt[i].key);
        if (v && (st = value(y, v, what, opt[i].v)))
            return st;
    }
    return AMBIT_OK;
}

static ambit_status kind(ydoc *y, const char *name, yaml_node_t *n, profile_kind *k)
{
    static const char *const keys[] = {"label", "tiers", NULL};
    ambit_status st = ydoc_only_keys(y, n, keys, name);
    if (st)
        return st;
    k->name = str_dup(name);
    k->label =
        str_dup(ydoc_scalar(ydoc_get(y, n, "label")) ? ydoc_scalar(ydoc_get(y, n, "label")) : name);
    yaml_node_t *tiers = ydoc_get(y, n, "tiers");
    if (!tiers || tiers->type != YAML_SEQUENCE_NODE ||
        tiers->data.sequence.items.top == tiers->data.sequence.items.start)
        return ydoc_bad(y, n, "facility kind '", name, "' needs a list of tiers (highest first)");
    size_t cap = (size_t)(tiers->data.sequence.items.top - tiers->data.sequence.items.start);
    k->tiers = calloc(cap, sizeof *k->tiers);
    if (!k->tiers)
        return ctx_nomem(y->ctx);
    for (yaml_node_item_t *it = tiers->data.sequence.items.start;
         it < tiers->data.sequence.items.top; it++) {
        profile_tier *t = &k->tiers[k->n++];
        if ((st = tier(y, ydoc_node(y, *it), t)))
            return st;
        for (size_t i = 0; i + 1 < k->n; i++)
            if (strcmp(k->tiers[i].name, t->name) == 0)
                return ydoc_bad(y, ydoc_node(y, *it), "tier '", t->name, "' is listed twice");
    }
    return AMBIT_OK;
}

static int is_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

/* The folders of the search path, in order (caller frees). */
static char *search_path(void)
{
    const char *env = getenv("AMBIT_PROFILE_PATH");
    size_t n = (env ? strlen(env) : 0) + strlen(AMBIT_PROFILE_DIRS) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", env ? env : "", env && *env ? ":" : "", AMBIT_PROFILE_DIRS);
    return s;
}

static char *find_profile(const char *name)
{
    char *dirs = search_path();
    char *found = NULL;
    for (char *save = NULL, *d = dirs ? strtok_r(dirs, ":", &save) : NULL; d && !found;
         d = strtok_r(NULL, ":", &save)) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s.yaml", d, name);
        if (stat(path, &st) == 0)
            found = str_dup(path);
    }
    free(dirs);
    return found;
}

ambit_status profile_load(ambit_ctx *ctx, const char *name_or_path, profile *out)
{
    memset(out, 0, sizeof *out);
    out->path = is_path(name_or_path) ? str_dup(name_or_path) : find_profile(name_or_path);
    if (!out->path)
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "--profile: no profile '%s' (ambit profiles lists them; give a .yaml "
                        "file or set AMBIT_PROFILE_PATH)",
                        name_or_path);
    ydoc y;
    ambit_status st = ydoc_load(ctx, out->path, "profile", "--profile", &y);
    if (st) {
        profile_free(out);
        return st;
    }
    yaml_node_t *root = ydoc_root(&y);
    static const char *const keys[] = {"name", "description", "facilities", NULL};
    st = ydoc_only_keys(&y, root, keys, "the profile");
    yaml_node_t *fac = st ? NULL : ydoc_get(&y, root, "facilities");
    if (!st && (!fac || fac->type != YAML_MAPPING_NODE))
        st = ydoc_bad(&y, root, "the profile needs 'facilities': facility kinds and their tiers",
                      NULL, NULL);
    if (!st) {
        const char *name = ydoc_scalar(ydoc_get(&y, root, "name"));
        const char *desc = ydoc_scalar(ydoc_get(&y, root, "description"));
        out->name = str_dup(name ? name : name_or_path);
        out->description = str_dup(desc ? desc : "");
        size_t cap = (size_t)(fac->data.mapping.pairs.top - fac->data.mapping.pairs.start);
        out->kinds = calloc(cap ? cap : 1, sizeof *out->kinds);
        if (!out->kinds || !out->name || !out->description)
            st = ctx_nomem(ctx);
        for (yaml_node_pair_t *p = fac->data.mapping.pairs.start;
             !st && p < fac->data.mapping.pairs.top; p++) {
            const char *kname = ydoc_scalar(ydoc_node(&y, p->key));
            st = kind(&y, kname ? kname : "?", ydoc_node(&y, p->value), &out->kinds[out->n++]);
        }
    }
    ydoc_free(&y);
    if (st)
        profile_free(out);
    return st;
}

static void value_free(profile_value *v)
{
    free(v->status);
    free(v->source);
}

void profile_free(profile *p)
{
    for (size_t k = 0; k < p->n; k++) {
        for (size_t t = 0; t < p->kinds[k].n; t++) {
            profile_tier *tt = &p->kinds[k].tiers[t];
            free(tt->name);
            value_free(&tt->radius);
            value_free(&tt->served);
            value_free(&tt->area);
            value_free(&tt->cost);
        }
        free(p->kinds[k].tiers);
        free(p->kinds[k].name);
        free(p->kinds[k].label);
    }
    free(p->kinds);
    free(p->name);
    free(p->description);
    free(p->path);
    memset(p, 0, sizeof *p);
}

const profile_kind *profile_kind_find(const profile *p, const char *name)
{
    for (size_t k = 0; k < p->n; k++)
        if (strcmp(p->kinds[k].name, name) == 0)
            return &p->kinds[k];
    return NULL;
}

ambit_status profile_paths(ambit_ctx *ctx, char ***paths, size_t *n)
{
    *paths = NULL;
    *n = 0;
    char *dirs = search_path();
    if (!dirs)
        return ctx_nomem(ctx);
    size_t cap = 0;
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        DIR *dir = opendir(d);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t len = strlen(e->d_name);
            if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
                continue;
            if (*n == cap) {
                cap = cap ? 2 * cap : 8;
                char **g = realloc(*paths, cap * sizeof *g);
                if (!g)
                    break;
                *paths = g;
            }
            size_t pl = strlen(d) + len + 2;
            (*paths)[*n] = malloc(pl);
            if ((*paths)[*n])
                snprintf((*paths)[(*n)++], pl, "%s/%s", d, e->d_name);
        }
        closedir(dir);
    }
    free(dirs);
    return AMBIT_OK;
}
