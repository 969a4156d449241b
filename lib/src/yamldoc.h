/*
 * YAML documents (libyaml) for the files planners edit: profiles and scenarios.
 * Loading with the line of a syntax error, and helpers whose errors name the file,
 * the line and what is wrong ("profile 'x.yaml' line 12: ...").
 */
#ifndef AMBIT_YAMLDOC_H
#define AMBIT_YAMLDOC_H

#include "context.h"

#include <yaml.h>

typedef struct ydoc {
    yaml_document_t d;
    const char *path;
    const char *kind; /* "profile", "scenario": the first word of messages */
    ambit_ctx *ctx;
} ydoc;

/* Loads the first document of path; errors name the file and line. Free with ydoc_free. */
ambit_status ydoc_load(ambit_ctx *ctx, const char *path, const char *kind, const char *option,
                       ydoc *y);
void ydoc_free(ydoc *y);

yaml_node_t *ydoc_root(ydoc *y);
yaml_node_t *ydoc_node(ydoc *y, int id);
/* The text of a scalar node, NULL for other nodes and NULL. */
const char *ydoc_scalar(yaml_node_t *n);
int ydoc_line(yaml_node_t *n);

/* AMBIT_ERR_INPUT with "KIND 'PATH' line N: " + fmt + what + more. */
ambit_status ydoc_bad(ydoc *y, yaml_node_t *n, const char *fmt, const char *what, const char *more);

/* Checks that n is a mapping with only keys from allowed (NULL-terminated). */
ambit_status ydoc_only_keys(ydoc *y, yaml_node_t *n, const char *const *allowed, const char *where);

/* The value of key in mapping map, NULL when absent. */
yaml_node_t *ydoc_get(ydoc *y, yaml_node_t *map, const char *key);

#endif
