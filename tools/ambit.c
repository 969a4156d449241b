/*
 * ambit: the command-line tool. Each subcommand is a thin wrapper over library
 * calls: parse options (in the library), wire the terminal (progress, warnings),
 * run, map the status to an exit code (0 ok, 1 failure, 2 usage).
 */
#include "ambit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char main_usage[] =
    "Usage: ambit <command> [options]\n"
    "\n"
    "Commands:\n"
    "  coverage   who lives within reach of existing facilities, per community and tier\n"
    "  site       propose new sites (maximal covering, set covering to a target, budget,\n"
    "             p-median) and say how close to optimal the answer is\n"
    "  profiles   the planning profiles: facility kinds, tiers, radii, with sources\n"
    "  run        run a scenario file (coverage or site) and record what it assumed\n"
    "  compare    compare scenario runs on one population: who gains or loses access\n"
    "  report     one self-contained HTML page for a run: map, curve, tables\n"
    "\n"
    "ambit <command> --help shows a command's options; ambit --version its version.\n";

/* One subcommand, seen through wrappers with a common shape. */
typedef struct command {
    const char *name;
    const char *(*usage)(void);
    ambit_status (*parse)(ambit_ctx *ctx, int argc, const char *const *argv, void **opts);
    void (*free)(void *opts);
    int (*quiet)(const void *opts);
    const char *(*output)(const void *opts);
    ambit_status (*run)(ambit_ctx *ctx, const void *opts);
} command;

static ambit_status coverage_parse(ambit_ctx *ctx, int argc, const char *const *argv, void **o)
{
    ambit_coverage_options *opts = NULL;
    ambit_status st = ambit_coverage_options_new(ctx, argc, argv, &opts);
    *o = opts;
    return st;
}
static void coverage_free(void *o)
{
    ambit_coverage_options_free(o);
}
static int coverage_quiet(const void *o)
{
    return ambit_coverage_options_quiet(o);
}
static const char *coverage_output(const void *o)
{
    return ambit_coverage_options_output(o);
}
static ambit_status coverage_run(ambit_ctx *ctx, const void *o)
{
    return ambit_coverage_run(ctx, o);
}

/* run, compare, report: one options type, the command name picks the flags */
#define REVIEW(cmd)                                                                                \
    static const char *cmd##_usage(void)                                                           \
    {                                                                                              \
        return ambit_review_usage(#cmd);                                                           \
    }                                                                                              \
    static ambit_status cmd##_parse(ambit_ctx *ctx, int argc, const char *const *argv, void **o)   \
    {                                                                                              \
        ambit_review_options *opts = NULL;                                                         \
        ambit_status st = ambit_review_options_new(ctx, #cmd, argc, argv, &opts);                  \
        *o = opts;                                                                                 \
        return st;                                                                                 \
    }
REVIEW(run)
REVIEW(compare)
REVIEW(report)

static void review_free(void *o)
{
    ambit_review_options_free(o);
}
static int review_quiet(const void *o)
{
    return ambit_review_options_quiet(o);
}
static const char *review_output(const void *o)
{
    return ambit_review_options_output(o);
}
static ambit_status review_run(ambit_ctx *ctx, const void *o)
{
    return ambit_review_run(ctx, o);
}

static ambit_status site_parse(ambit_ctx *ctx, int argc, const char *const *argv, void **o)
{
    ambit_site_options *opts = NULL;
    ambit_status st = ambit_site_options_new(ctx, argc, argv, &opts);
    *o = opts;
    return st;
}
static void site_free(void *o)
{
    ambit_site_options_free(o);
}
static int site_quiet(const void *o)
{
    return ambit_site_options_quiet(o);
}
static const char *site_output(const void *o)
{
    return ambit_site_options_output(o);
}
static ambit_status site_run(ambit_ctx *ctx, const void *o)
{
    return ambit_site_run(ctx, o);
}

static const command commands[] = {
    {"coverage", ambit_coverage_usage, coverage_parse, coverage_free, coverage_quiet,
     coverage_output, coverage_run},
    {"site", ambit_site_usage, site_parse, site_free, site_quiet, site_output, site_run},
    {"run", run_usage, run_parse, review_free, review_quiet, review_output, review_run},
    {"compare", compare_usage, compare_parse, review_free, review_quiet, review_output, review_run},
    {"report", report_usage, report_parse, review_free, review_quiet, review_output, review_run},
};

static void on_message(ambit_msg_level level, const char *message, void *user)
{
    (void)user;
    fprintf(stderr, "ambit: %s%s\n", level == AMBIT_MSG_WARNING ? "warning: " : "", message);
}

/* GDAL-style terminal progress: 0...10...20...30...40...50...60...70...80...90...100 - done. */
static int term_progress(double complete, const char *message, void *user)
{
    int *last = user;
    (void)message;
    int now = (int)(complete * 40.0 + 1e-9);
    for (int i = *last + 1; i <= now && i <= 40; i++) {
        if (i % 4 == 0)
            fprintf(stderr, "%d", i * 10 / 4);
        else
            fputc('.', stderr);
    }
    if (now > *last)
        *last = now;
    if (now >= 40)
        fputs(" - done.\n", stderr);
    fflush(stderr);
    return 1;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

static int exit_code(ambit_status st)
{
    return st == AMBIT_OK ? 0 : (st == AMBIT_ERR_USAGE ? 2 : 1);
}

static int run_command(const command *c, ambit_ctx *ctx, int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        fputs(c->usage(), stdout);
        return 0;
    }
    void *opts = NULL;
    ambit_status st = c->parse(ctx, argc, (const char *const *)argv, &opts);
    if (st) {
        fprintf(stderr, "ambit %s: %s\n", c->name, ambit_ctx_error(ctx));
        if (st == AMBIT_ERR_USAGE)
            fprintf(stderr, "Try 'ambit %s --help'.\n", c->name);
        return exit_code(st);
    }
    int last = -1;
    if (!c->quiet(opts)) {
        ambit_ctx_set_message_handler(ctx, on_message, NULL);
        if (isatty(fileno(stderr)))
            ambit_ctx_set_progress(ctx, term_progress, &last);
    }
    st = c->run(ctx, opts);
    if (st)
        fprintf(stderr, "ambit %s: %s\n", c->name, ambit_ctx_error(ctx));
    else if (!c->quiet(opts))
        fprintf(stderr, "ambit %s: outputs in %s\n", c->name, c->output(opts));
    c->free(opts);
    return exit_code(st);
}

static int cmd_profiles(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        fputs(ambit_profiles_usage(), stdout);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "ambit profiles: give at most one profile\n%s", ambit_profiles_usage());
        return 2;
    }
    ambit_ctx *ctx = ambit_ctx_new();
    if (!ctx)
        return 1;
    char *text = NULL;
    ambit_status st = ambit_profiles_describe(ctx, argc ? argv[0] : NULL, &text);
    if (st)
        fprintf(stderr, "ambit profiles: %s\n", ambit_ctx_error(ctx));
    else
        fputs(text, stdout);
    ambit_free(text);
    ambit_ctx_free(ctx);
    return exit_code(st);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_usage, stderr);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ambit %s\n", ambit_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(main_usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "profiles") == 0)
        return cmd_profiles(argc - 2, argv + 2);
    const command *c = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            c = &commands[i];
    if (!c) {
        fprintf(stderr, "ambit: unknown command '%s'\n%s", argv[1], main_usage);
        return 2;
    }
    ambit_ctx *ctx = ambit_ctx_new();
    if (!ctx) {
        fputs("ambit: out of memory\n", stderr);
        return 1;
    }
    int rc = run_command(c, ctx, argc - 2, argv + 2);
    ambit_ctx_free(ctx);
    return rc;
}
