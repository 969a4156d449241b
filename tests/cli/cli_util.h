/* Helpers for CLI tests: run the ambit binary, read its outputs, make bad inputs. */
#ifndef AMBIT_CLI_UTIL_H
#define AMBIT_CLI_UTIL_H

#include <jansson.h>
#include <stddef.h>

/* Runs AMBIT_BIN with args (NULL-terminated); returns its exit code, stderr in err. */
int cli_run(const char *const *args, char *err, size_t err_size);

/* A new empty temporary folder (caller frees the string). */
char *cli_tempdir(void);

/* path joined: dir/name in a static rotating buffer. */
const char *cli_path(const char *dir, const char *name);

/* Number of entries (other than . and ..) in dir, -1 if it does not exist. */
int cli_dir_entries(const char *dir);

/* summary.json of an output folder (caller decrefs). */
json_t *cli_summary(const char *dir);

/* Number of a JSON number member (fails the test when missing). */
double cli_num(json_t *obj, const char *key);

/*
 * Sum of a numeric field over the features of a GeoJSON file whose string field
 * filter_field equals filter_value (all features with filter_field NULL). Also
 * checks every coordinate is lon/lat within bbox [x0,y0,x1,y1]. Returns the sum
 * and the number of features through *count.
 */
double cli_geojson_sum(const char *path, const char *field, const char *filter_field,
                       const char *filter_value, const double bbox[4], size_t *count);

/* A run that must fail: its arguments ("@OUT@" stands for a fresh output folder). */
typedef struct cli_bad {
    const char *name;
    const char *args[28];
    int exit_code;
    const char *message; /* a part of what stderr must say */
} cli_bad;

#define CLI_OUT "@OUT@"

/*
 * Runs `ambit COMMAND ARGS...` for each case: the exit code and the message must
 * match, and the output folder must be left without files.
 */
void cli_expect_failures(const char *command, const cli_bad *cases, size_t n);

/* Whether glpsol (glpk-utils) is installed. */
int cli_have_glpsol(void);

/* Objective glpsol proves optimal for a free-MPS file (fails the test otherwise). */
double cli_glpsol_objective(const char *mps, const char *dir);

#endif
