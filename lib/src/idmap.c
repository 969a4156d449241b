#include "idmap.h"

#include "strutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

size_t idmap_find(const idmap *m, const char *id)
{
    if (!m->nslots)
        return (size_t)-1;
    for (size_t k = hash(id) & (m->nslots - 1);; k = (k + 1) & (m->nslots - 1)) {
        if (!m->slots[k])
            return (size_t)-1;
        if (strcmp(m->ids[m->slots[k] - 1], id) == 0)
            return m->slots[k] - 1;
    }
}

static int grow(idmap *m)
{
    size_t ns = m->nslots ? 2 * m->nslots : 64;
    size_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t k = hash(m->ids[i]) & (ns - 1);
        while (slots[k])
            k = (k + 1) & (ns - 1);
        slots[k] = i + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = ns;
    return 1;
}

size_t idmap_add(idmap *m, const char *id, int *added)
{
    *added = 0;
    size_t at = idmap_find(m, id);
    if (at != (size_t)-1)
        return at;
    if (2 * (m->n + 1) > m->nslots && !grow(m))
        return (size_t)-1;
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        char **ids = realloc(m->ids, cap * sizeof *ids);
        if (!ids)
            return (size_t)-1;
        m->ids = ids;
        m->cap = cap;
    }
    m->ids[m->n] = str_dup(id);
    if (!m->ids[m->n])
        return (size_t)-1;
    size_t k = hash(id) & (m->nslots - 1);
    while (m->slots[k])
        k = (k + 1) & (m->nslots - 1);
    m->slots[k] = ++m->n;
    *added = 1;
    return m->n - 1;
}

void idmap_free(idmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->ids[i]);
    free(m->ids);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
