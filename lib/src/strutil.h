/* Small string and number helpers shared by the option parsers and readers. */
#ifndef AMBIT_STRUTIL_H
#define AMBIT_STRUTIL_H

#include <stddef.h>

/* strdup that accepts NULL (returns NULL). */
char *str_dup(const char *s);

/* Parses a whole string as a finite double; returns 1 on success. */
int str_to_double(const char *s, double *out);

/* Parses a whole string as a long in [min, max]; returns 1 on success. */
int str_to_long(const char *s, long min, long max, long *out);

/*
 * Splits "FILE" or "FILE:LAYER". A path that exists as given is never split (so
 * names holding ':' work); otherwise the text after the last ':' is the layer.
 * *path and *layer are newly allocated (layer NULL when absent). Returns 0 on ENOMEM.
 */
int str_split_source(const char *spec, char **path, char **layer);

#endif
