/* String ids to dense indices (open addressing), in first-seen order. */
#ifndef AMBIT_IDMAP_H
#define AMBIT_IDMAP_H

#include <stddef.h>

typedef struct idmap {
    char **ids; /* index -> id (owned) */
    size_t n, cap;
    size_t *slots; /* hash table of index + 1, 0 empty */
    size_t nslots;
} idmap;

/* Index of id, or (size_t)-1. */
size_t idmap_find(const idmap *m, const char *id);

/* Index of id, adding it if new (*added = 1); (size_t)-1 on ENOMEM. */
size_t idmap_add(idmap *m, const char *id, int *added);

void idmap_free(idmap *m);

#endif
