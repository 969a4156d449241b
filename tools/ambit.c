/*
 * ambit: the command-line tool. Each subcommand is a thin wrapper over a library
 * call: parse options (in the library), wire the terminal (progress, warnings),
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
    "\n"
    "ambit <command> --help shows a command's options; ambit --version its version.\n";

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

static int cmd_coverage(ambit_ctx *ctx, int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        fputs(ambit_coverage_usage(), stdout);
        return 0;
    }
    ambit_coverage_options *opts = NULL;
    ambit_status st = ambit_coverage_options_new(ctx, argc, (const char *const *)argv, &opts);
    if (st) {
        fprintf(stderr, "ambit coverage: %s\n", ambit_ctx_error(ctx));
        if (st == AMBIT_ERR_USAGE)
            fputs("Try 'ambit coverage --help'.\n", stderr);
        return exit_code(st);
    }
    int last = -1;
    if (!ambit_coverage_options_quiet(opts)) {
        ambit_ctx_set_message_handler(ctx, on_message, NULL);
        if (isatty(fileno(stderr)))
            ambit_ctx_set_progress(ctx, term_progress, &last);
    }
    st = ambit_coverage_run(ctx, opts);
    if (st)
        fprintf(stderr, "ambit coverage: %s\n", ambit_ctx_error(ctx));
    else if (!ambit_coverage_options_quiet(opts))
        fprintf(stderr, "ambit coverage: outputs in %s\n", ambit_coverage_options_output(opts));
    ambit_coverage_options_free(opts);
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
    ambit_ctx *ctx = ambit_ctx_new();
    if (!ctx) {
        fputs("ambit: out of memory\n", stderr);
        return 1;
    }
    int rc;
    if (strcmp(argv[1], "coverage") == 0) {
        rc = cmd_coverage(ctx, argc - 2, argv + 2);
    } else {
        fprintf(stderr, "ambit: unknown command '%s'\n%s", argv[1], main_usage);
        rc = 2;
    }
    ambit_ctx_free(ctx);
    return rc;
}
