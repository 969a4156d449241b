#include "yamldoc.h"

#include <stdio.h>
#include <string.h>

ambit_status ydoc_load(ambit_ctx *ctx, const char *path, const char *kind, const char *option,
                       ydoc *y)
{
    memset(y, 0, sizeof *y);
    y->path = path;
    y->kind = kind;
    y->ctx = ctx;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "%s: cannot open '%s'", option, path);
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int loaded = yaml_parser_load(&parser, &y->d);
    ambit_status st = AMBIT_OK;
    if (!loaded)
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "%s '%s' line %d: %s", kind, path,
                      (int)parser.problem_mark.line + 1,
                      parser.problem ? parser.problem : "not YAML");
    else if (!yaml_document_get_root_node(&y->d)) {
        yaml_document_delete(&y->d);
        st = ctx_fail(ctx, AMBIT_ERR_INPUT, "%s '%s' is empty", kind, path);
    }
    yaml_parser_delete(&parser);
    fclose(f);
    if (st)
        memset(&y->d, 0, sizeof y->d);
    return st;
}

void ydoc_free(ydoc *y)
{
    if (y->d.nodes.start)
        yaml_document_delete(&y->d);
    memset(&y->d, 0, sizeof y->d);
}

yaml_node_t *ydoc_root(ydoc *y)
{
    return yaml_document_get_root_node(&y->d);
}

yaml_node_t *ydoc_node(ydoc *y, int id)
{
    return yaml_document_get_node(&y->d, id);
}

const char *ydoc_scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

int ydoc_line(yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 0;
}

ambit_status ydoc_bad(ydoc *y, yaml_node_t *n, const char *fmt, const char *what, const char *more)
{
    return ctx_fail(y->ctx, AMBIT_ERR_INPUT, "%s '%s' line %d: %s%s%s", y->kind, y->path,
                    ydoc_line(n), fmt, what ? what : "", more ? more : "");
}

ambit_status ydoc_only_keys(ydoc *y, yaml_node_t *n, const char *const *allowed, const char *where)
{
    if (!n || n->type != YAML_MAPPING_NODE)
        return ydoc_bad(y, n, "expected a mapping for ", where, NULL);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *k = ydoc_scalar(ydoc_node(y, p->key));
        int ok = 0;
        for (size_t i = 0; k && allowed[i]; i++)
            ok |= strcmp(k, allowed[i]) == 0;
        if (!ok)
            return ydoc_bad(y, ydoc_node(y, p->key), "unknown key '", k ? k : "?",
                            "' (not silently ignored)");
    }
    return AMBIT_OK;
}

yaml_node_t *ydoc_get(ydoc *y, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const char *k = ydoc_scalar(ydoc_node(y, p->key));
        if (k && strcmp(k, key) == 0)
            return ydoc_node(y, p->value);
    }
    return NULL;
}
