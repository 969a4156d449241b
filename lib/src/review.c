/* The flags of the review commands (`ambit run`, `compare`, `report`) and their dispatch. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIRS 16

struct ambit_review_options {
    char command[16];
    const char *output;
    const char *pos[MAX_DIRS]; /* positional arguments: the scenario, or the folders */
    size_t n_pos;
    int quiet, force, html;
    opt_args args;
};

static const char run_usage[] =
    "Usage: ambit run SCENARIO.yaml -o DIR [--quiet]\n"
    "\n"
    "Runs the `coverage` or `site` run a scenario file describes (docs/scenarios.md; paths\n"
    "relative to the file), with access.csv, and records scenario.yaml and run.json (ambit\n"
    "version, command line, SHA-256 of every input file) in DIR.\n"
    "Exit status: 0 ok, 1 failure, 2 usage.\n";

static const char compare_usage[] =
    "Usage: ambit compare DIR_A DIR_B [DIR...] -o DIR [--force] [--html] [--quiet]\n"
    "\n"
    "Compares runs on the same population (DIR_A is the baseline): sites per tier, cost,\n"
    "population covered per tier, people who gain or lose access, community by community.\n"
    "Writes comparison.csv, comparison.md, difference.geojson (and comparison.html).\n"
    "  --force   compare runs whose population inputs differ (rows matched by index)\n"
    "  --html    also write comparison.html\n"
    "Exit status: 0 ok, 1 failure, 2 usage.\n";

static const char report_usage[] =
    "Usage: ambit report DIR -o report.html [--quiet]\n"
    "\n"
    "One self-contained HTML file for a run: a map of the communities shaded by coverage,\n"
    "existing and proposed sites by tier (and service areas), the coverage curve, the\n"
    "per-community table and the project list.\n"
    "Exit status: 0 ok, 1 failure, 2 usage.\n";

const char *ambit_review_usage(const char *command)
{
    if (strcmp(command, "run") == 0)
        return run_usage;
    if (strcmp(command, "compare") == 0)
        return compare_usage;
    if (strcmp(command, "report") == 0)
        return report_usage;
    return NULL;
}

void ambit_review_options_free(ambit_review_options *o)
{
    if (!o)
        return;
    opt_args_free(&o->args);
    free(o);
}

int ambit_review_options_quiet(const ambit_review_options *o)
{
    return o->quiet;
}

const char *ambit_review_options_output(const ambit_review_options *o)
{
    return o->output;
}

ambit_status ambit_review_options_new(ambit_ctx *ctx, const char *command, int argc,
                                      const char *const *argv, ambit_review_options **out)
{
    *out = NULL;
    if (!ambit_review_usage(command))
        return ctx_fail(ctx, AMBIT_ERR_USAGE, "unknown command '%s'", command);
    ambit_review_options *o = calloc(1, sizeof *o);
    if (!o)
        return ctx_nomem(ctx);
    snprintf(o->command, sizeof o->command, "%s", command);
    /* positional arguments first (anything not starting with -), then the flags */
    int first_flag = 0;
    while (first_flag < argc && argv[first_flag][0] != '-' && o->n_pos < MAX_DIRS)
        o->pos[o->n_pos++] = argv[first_flag++];
    int compare = strcmp(command, "compare") == 0;
    opt_flag flags[8];
    size_t n = 0;
    flags[n++] = (opt_flag){"-o", &o->output, NULL};
    flags[n++] = (opt_flag){"--output", &o->output, NULL};
    flags[n++] = (opt_flag){"--quiet", NULL, &o->quiet};
    flags[n++] = (opt_flag){"-q", NULL, &o->quiet};
    if (compare) {
        flags[n++] = (opt_flag){"--force", NULL, &o->force};
        flags[n++] = (opt_flag){"--html", NULL, &o->html};
    }
    ambit_status st = opt_parse(ctx, argc - first_flag, argv + first_flag, flags, n, &o->args);
    size_t want_min = compare ? 2 : 1, want_max = compare ? MAX_DIRS : 1;
    if (!st && (o->n_pos < want_min || o->n_pos > want_max))
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "ambit %s takes %s", command,
                      compare                       ? "two or more output folders (up to 16)"
                      : strcmp(command, "run") == 0 ? "one scenario file"
                                                    : "one output folder");
    if (!st && first_flag < argc && o->n_pos == MAX_DIRS && argv[first_flag][0] != '-')
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "ambit %s: at most %d folders", command, MAX_DIRS);
    if (!st && !o->output)
        st = ctx_fail(ctx, AMBIT_ERR_USAGE, "-o %s is required",
                      strcmp(command, "report") == 0 ? "FILE.html" : "DIR");
    if (st) {
        ambit_review_options_free(o);
        return st;
    }
    *out = o;
    return AMBIT_OK;
}

ambit_status ambit_review_run(ambit_ctx *ctx, const ambit_review_options *o)
{
    if (strcmp(o->command, "run") == 0)
        return ambit_run_scenario(ctx, o->pos[0], o->output);
    if (strcmp(o->command, "compare") == 0)
        return ambit_compare(ctx, o->pos, o->n_pos, o->output, o->force, o->html);
    return ambit_report(ctx, o->pos[0], o->output);
}
