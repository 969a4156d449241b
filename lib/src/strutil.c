#include "strutil.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *str_dup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int str_to_double(const char *s, double *out)
{
    if (!s || !*s)
        return 0;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int str_to_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return 0;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

int str_split_source(const char *spec, char **path, char **layer)
{
    struct stat st;
    const char *colon = strrchr(spec, ':');
    *layer = NULL;
    if (stat(spec, &st) == 0 || !colon || colon == spec || strchr(colon, '/')) {
        *path = str_dup(spec);
        return *path != NULL;
    }
    size_t n = (size_t)(colon - spec);
    *path = malloc(n + 1);
    *layer = str_dup(colon + 1);
    if (!*path || !*layer) {
        free(*path);
        free(*layer);
        *path = *layer = NULL;
        return 0;
    }
    memcpy(*path, spec, n);
    (*path)[n] = '\0';
    return 1;
}
