/*
 * `ambit run SCENARIO -o DIR`: a YAML scenario file (docs/scenarios.md) names a
 * command and its options; paths are relative to the file. The run's folder also
 * gets scenario.yaml (the file as it was) and run.json (ambit version, the command
 * line, every input file's SHA-256), so that a review can see what was assumed.
 */
#include "checksum.h"
#include "outfile.h"
#include "strutil.h"
#include "study.h"
#include "writers.h"
#include "yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ARGS 200

/* Options whose value is an input path (resolved against the scenario's folder). */
static const char *const path_keys[] = {"population", "communities", "facilities", "candidates",
                                        "exclude",    "od",          "network",    NULL};

static int is_path_key(const char *k)
{
    for (size_t i = 0; path_keys[i]; i++)
        if (strcmp(k, path_keys[i]) == 0)
            return 1;
    return 0;
}

typedef struct scen {
    ydoc y;
    const char *path;
    char *dir; /* the scenario's folder */
    const char *name, *description, *command;
    int argc;
    char *argv[MAX_ARGS];
    int line[MAX_ARGS]; /* the line of the key each argument came from */
    /* inputs read: option, resolved path, file checked */
    size_t n_in;
    const char *in_key[32];
    char *in_path[32];
} scen;

static void scen_free(scen *s)
{
    for (int i = 0; i < s->argc; i++)
        free(s->argv[i]);
    for (size_t i = 0; i < s->n_in; i++)
        free(s->in_path[i]);
    free(s->dir);
    ydoc_free(&s->y);
}

static ambit_status push_arg(scen *s, const char *text, int line)
{
    if (s->argc >= MAX_ARGS - 8)
        return ydoc_bad(&s->y, NULL, "too many options", NULL, NULL);
    s->argv[s->argc] = str_dup(text);
    if (!s->argv[s->argc])
        return ctx_nomem(s->y.ctx);
    s->line[s->argc++] = line;
    return AMBIT_OK;
}

/* dir/spec unless spec is absolute; FILE:LAYER keeps its layer. */
static char *resolve(const char *dir, const char *spec)
{
    if (spec[0] == '/' || !dir[0])
        return str_dup(spec);
    char *out = malloc(strlen(dir) + strlen(spec) + 2);
    if (out)
        sprintf(out, "%s/%s", dir, spec);
    return out;
}

static ambit_status add_option(scen *s, yaml_node_t *k, yaml_node_t *v)
{
    ambit_ctx *ctx = s->y.ctx;
    const char *key = ydoc_scalar(k), *val = ydoc_scalar(v);
    int line = ydoc_line(k);
    if (!key || !*key)
        return ydoc_bad(&s->y, k, "option names are text", NULL, NULL);
    if (!val)
        return ydoc_bad(&s->y, v, "option '", key, "' needs one value (text, number, true/false)");
    if (strcmp(key, "output") == 0 || strcmp(key, "o") == 0)
        return ydoc_bad(&s->y, k, "'", key, "' is set by `ambit run -o DIR`, not by the scenario");
    if (strcmp(key, "access-table") == 0)
        return ydoc_bad(&s->y, k, "'access-table' is always on in `ambit run`", NULL, NULL);
    char flag[160];
    snprintf(flag, sizeof flag, "--%s", key);
    if (strcmp(val, "true") == 0 || strcmp(val, "yes") == 0)
        return push_arg(s, flag, line);
    if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0)
        return AMBIT_OK;
    ambit_status st = push_arg(s, flag, line);
    if (st)
        return st;
    int is_path = is_path_key(key) ||
                  (strcmp(key, "profile") == 0 && (strchr(val, '/') || strstr(val, ".yaml")));
    if (!is_path)
        return push_arg(s, val, line);
    char *full = resolve(s->dir, val);
    if (!full)
        return ctx_nomem(ctx);
    char *file = NULL, *layer = NULL;
    struct stat sb;
    int ok = str_split_source(full, &file, &layer);
    int exists = ok && stat(file, &sb) == 0;
    if (exists && s->n_in < 32) {
        s->in_key[s->n_in] = key;
        s->in_path[s->n_in++] = file;
        file = NULL;
    }
    free(file);
    free(layer);
    if (!ok) {
        free(full);
        return ctx_nomem(ctx);
    }
    if (!exists) {
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "scenario '%s' line %d: %s: no file '%s'", s->path,
                      line, key, full);
        free(full);
        return st;
    }
    st = push_arg(s, full, line);
    free(full);
    return st;
}

static ambit_status scen_load(ambit_ctx *ctx, const char *path, scen *s)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    ambit_status st = ydoc_load(ctx, path, "scenario", "ambit run", &s->y);
    if (st)
        return st;
    const char *slash = strrchr(path, '/');
    s->dir = slash ? malloc((size_t)(slash - path) + 1) : str_dup("");
    if (!s->dir)
        return ctx_nomem(ctx);
    if (slash) {
        memcpy(s->dir, path, (size_t)(slash - path));
        s->dir[slash - path] = '\0';
    }
    yaml_node_t *root = ydoc_root(&s->y);
    static const char *const keys[] = {"scenario", "name",    "description",
                                       "command",  "options", NULL};
    if ((st = ydoc_only_keys(&s->y, root, keys, "the scenario")))
        return st;
    const char *version = ydoc_scalar(ydoc_get(&s->y, root, "scenario"));
    if (!version || strcmp(version, "1") != 0)
        return ydoc_bad(&s->y, root,
                        "the scenario needs 'scenario: 1' (the format version this ambit reads)",
                        NULL, NULL);
    s->name = ydoc_scalar(ydoc_get(&s->y, root, "name"));
    s->description = ydoc_scalar(ydoc_get(&s->y, root, "description"));
    yaml_node_t *cmd = ydoc_get(&s->y, root, "command");
    s->command = ydoc_scalar(cmd);
    if (!s->command || (strcmp(s->command, "coverage") != 0 && strcmp(s->command, "site") != 0))
        return ydoc_bad(&s->y, cmd ? cmd : root, "'command' must be coverage or site", NULL, NULL);
    yaml_node_t *opts = ydoc_get(&s->y, root, "options");
    if (!opts || opts->type != YAML_MAPPING_NODE)
        return ydoc_bad(&s->y, opts ? opts : root,
                        "'options' must map the command's options (without --) to values", NULL,
                        NULL);
    for (yaml_node_pair_t *p = opts->data.mapping.pairs.start; p < opts->data.mapping.pairs.top;
         p++)
        if ((st = add_option(s, ydoc_node(&s->y, p->key), ydoc_node(&s->y, p->value))))
            return st;
    return AMBIT_OK;
}

/* The option parser's complaint, re-said with the scenario's file and line. */
static ambit_status parse_error(ambit_ctx *ctx, scen *s, ambit_status st)
{
    char why[sizeof ctx->error];
    snprintf(why, sizeof why, "%s", ambit_ctx_error(ctx));
    const char *u = strstr(why, "unknown option '--");
    if (u) {
        char key[160];
        snprintf(key, sizeof key, "%s", u + strlen("unknown option '--"));
        char *q = strchr(key, '\'');
        if (q)
            *q = '\0';
        int line = 0;
        for (int i = 0; i < s->argc; i++)
            if (strncmp(s->argv[i], "--", 2) == 0 && strcmp(s->argv[i] + 2, key) == 0)
                line = s->line[i];
        return ctx_fail(ctx, AMBIT_ERR_INPUT,
                        "scenario '%s' line %d: unknown key '%s' for `ambit %s` (not silently "
                        "ignored; `ambit %s --help` lists the options)",
                        s->path, line, key, s->command, s->command);
    }
    return ctx_fail(ctx, st == AMBIT_ERR_USAGE ? AMBIT_ERR_INPUT : st, "scenario '%s': %s", s->path,
                    why);
}

typedef struct manifest {
    scen *s;
    json_t *inputs;
    const char *output;
} manifest;

static ambit_status write_run_json(void *m_, const char *path)
{
    manifest *m = m_;
    scen *s = m->s;
    json_t *args = json_array();
    json_array_append_new(args, json_string(s->command));
    for (int i = 0; i < s->argc; i++)
        json_array_append_new(args, json_string(s->argv[i]));
    char hex[65];
    long long bytes = 0;
    ambit_status st = checksum_file(s->y.ctx, s->path, hex, &bytes);
    if (st) {
        json_decref(args);
        return st;
    }
    json_t *doc = json_pack(
        "{s:s, s:s, s:{s:s, s:o, s:o, s:s}, s:s, s:o, s:O, s:o}", "ambit_version", ambit_version(),
        "kind", "ambit run", "scenario", "path", s->path, "name",
        s->name ? json_string(s->name) : json_null(), "description",
        s->description ? json_string(s->description) : json_null(), "sha256", hex, "command",
        s->command, "arguments", args, "inputs", m->inputs, "versions", study_versions_json());
    st = doc ? json_write(s->y.ctx, path, doc) : ctx_nomem(s->y.ctx);
    json_decref(doc);
    return st;
}

static ambit_status copy_scenario(void *m_, const char *path)
{
    manifest *m = m_;
    ambit_ctx *ctx = m->s->y.ctx;
    FILE *in = fopen(m->s->path, "rb"), *out = in ? fopen(path, "wb") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot copy the scenario to '%s'", path);
    }
    char buf[8192];
    size_t n;
    int ok = 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ok &= fwrite(buf, 1, n, out) == n;
    fclose(in);
    ok &= fclose(out) == 0;
    return ok ? AMBIT_OK : ctx_fail(ctx, AMBIT_ERR_IO, "cannot write '%s'", path);
}

static ambit_status checksum_inputs(ambit_ctx *ctx, scen *s, json_t **out)
{
    json_t *a = json_array();
    for (size_t i = 0; i < s->n_in; i++) {
        struct stat sb;
        char hex[65] = "";
        long long bytes = 0;
        int is_dir = stat(s->in_path[i], &sb) == 0 && S_ISDIR(sb.st_mode);
        if (!is_dir) {
            ambit_status st = checksum_file(ctx, s->in_path[i], hex, &bytes);
            if (st) {
                json_decref(a);
                return st;
            }
        }
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:I}", "option", s->in_key[i], "path",
                                           s->in_path[i], "sha256",
                                           is_dir ? json_null() : json_string(hex), "bytes",
                                           (json_int_t)bytes));
    }
    *out = a;
    return AMBIT_OK;
}

ambit_status ambit_run_scenario(ambit_ctx *ctx, const char *path, const char *output)
{
    scen s;
    ambit_status st = scen_load(ctx, path, &s);
    json_t *inputs = NULL;
    if (!st)
        st = checksum_inputs(ctx, &s, &inputs);
    if (st) {
        scen_free(&s);
        return st;
    }
    /* the command line of the run: options, then the output and the access table */
    const char *argv[MAX_ARGS];
    int argc = 0;
    for (int i = 0; i < s.argc; i++)
        argv[argc++] = s.argv[i];
    argv[argc++] = "--access-table";
    argv[argc++] = "-o";
    argv[argc++] = output;
    if (strcmp(s.command, "coverage") == 0) {
        ambit_coverage_options *o = NULL;
        st = ambit_coverage_options_new(ctx, argc, argv, &o);
        if (st)
            st = parse_error(ctx, &s, st);
        else
            st = ambit_coverage_run(ctx, o);
        ambit_coverage_options_free(o);
    } else {
        ambit_site_options *o = NULL;
        st = ambit_site_options_new(ctx, argc, argv, &o);
        if (st)
            st = parse_error(ctx, &s, st);
        else
            st = ambit_site_run(ctx, o);
        ambit_site_options_free(o);
    }
    if (!st) {
        manifest m = {&s, inputs, output};
        outset out;
        st = run_begin(ctx, output, &out);
        if (!st) {
            st = outset_write(ctx, &out, "scenario.yaml", copy_scenario, &m);
            if (!st)
                st = outset_write(ctx, &out, "run.json", write_run_json, &m);
            st = run_end(ctx, st, &out);
        }
    }
    json_decref(inputs);
    scen_free(&s);
    return st;
}
