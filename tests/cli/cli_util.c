#include "cli_util.h"

#include "ambit_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <gdal.h>
#include <ogr_api.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int cli_run(const char *const *args, char *err, size_t err_size)
{
    char errfile[] = "/tmp/ambit-cli-err-XXXXXX";
    int fd = mkstemp(errfile);
    assert_true(fd >= 0);
    size_t n = 0;
    while (args[n])
        n++;
    char **argv = calloc(n + 2, sizeof *argv);
    argv[0] = (char *)AMBIT_BIN;
    for (size_t i = 0; i < n; i++)
        argv[i + 1] = (char *)args[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 2);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, AMBIT_BIN, &fa, NULL, argv, environ);
    assert_int_equal(rc, 0);
    int status = 0;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&fa);
    free(argv);
    lseek(fd, 0, SEEK_SET);
    ssize_t got = read(fd, err, err_size - 1);
    err[got > 0 ? got : 0] = '\0';
    close(fd);
    unlink(errfile);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

char *cli_tempdir(void)
{
    char tmpl[] = "/tmp/ambit-cli-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

const char *cli_path(const char *dir, const char *name)
{
    static char buf[8][1024];
    static int k = 0;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

int cli_dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

json_t *cli_summary(const char *dir)
{
    json_error_t jerr;
    json_t *j = json_load_file(cli_path(dir, "summary.json"), 0, &jerr);
    if (!j)
        fail_msg("summary.json in %s: %s", dir, jerr.text);
    return j;
}

double cli_num(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v))
        fail_msg("summary has no number '%s'", key);
    return json_number_value(v);
}

static void check_bbox(OGRGeometryH g, const double bbox[4])
{
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    if (env.MinX < bbox[0] || env.MinY < bbox[1] || env.MaxX > bbox[2] || env.MaxY > bbox[3])
        fail_msg("geometry (%f %f, %f %f) outside lon/lat box (%f %f, %f %f)", env.MinX, env.MinY,
                 env.MaxX, env.MaxY, bbox[0], bbox[1], bbox[2], bbox[3]);
}

double cli_geojson_sum(const char *path, const char *field, const char *filter_field,
                       const char *filter_value, const double bbox[4], size_t *count)
{
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    if (!ds)
        fail_msg("cannot open %s", path);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    int fi = OGR_FD_GetFieldIndex(defn, field);
    int ff = filter_field ? OGR_FD_GetFieldIndex(defn, filter_field) : -1;
    if (fi < 0 || (filter_field && ff < 0))
        fail_msg("%s lacks field %s or %s", path, field, filter_field ? filter_field : "");
    double sum = 0;
    size_t n = 0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l))) {
        if (ff < 0 || strcmp(OGR_F_GetFieldAsString(f, ff), filter_value) == 0) {
            sum += OGR_F_GetFieldAsDouble(f, fi);
            n++;
            if (bbox && OGR_F_GetGeometryRef(f))
                check_bbox(OGR_F_GetGeometryRef(f), bbox);
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    if (count)
        *count = n;
    return sum;
}

void cli_expect_failures(const char *command, const cli_bad *cases, size_t n)
{
    static char err[16384];
    for (size_t i = 0; i < n; i++) {
        char *out = cli_tempdir();
        char outdir[600];
        snprintf(outdir, sizeof outdir, "%s/result", out);
        const char *args[40] = {command};
        size_t k = 1;
        for (size_t a = 0; a < 28 && cases[i].args[a]; a++)
            args[k++] = strcmp(cases[i].args[a], CLI_OUT) == 0 ? outdir : cases[i].args[a];
        args[k] = NULL;
        int rc = cli_run(args, err, sizeof err);
        if (rc != cases[i].exit_code || !strstr(err, cases[i].message))
            fail_msg("%s: exit %d (want %d), stderr: %s (want '%s')", cases[i].name, rc,
                     cases[i].exit_code, err, cases[i].message);
        int entries = cli_dir_entries(outdir);
        if (entries > 0)
            fail_msg("%s: %d file(s) left in %s", cases[i].name, entries, outdir);
        free(out);
    }
}

int cli_have_glpsol(void)
{
    return system("glpsol --version > /dev/null 2>&1") == 0;
}

double cli_glpsol_objective(const char *mps, const char *dir)
{
    char cmd[2048], line[512];
    const char *sol = cli_path(dir, "glpsol.txt");
    snprintf(cmd, sizeof cmd, "glpsol --freemps '%s' -o '%s' > /dev/null 2>&1", mps, sol);
    if (system(cmd) != 0)
        fail_msg("glpsol failed on %s", mps);
    FILE *f = fopen(sol, "r");
    assert_non_null(f);
    double obj = NAN;
    int optimal = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "INTEGER OPTIMAL"))
            optimal = 1;
        char *p = strstr(line, "obj = ");
        if (p && strncmp(line, "Objective:", 10) == 0)
            obj = atof(p + 6);
    }
    fclose(f);
    if (!optimal)
        fail_msg("glpsol did not prove optimality for %s", mps);
    return obj;
}
