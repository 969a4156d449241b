/*
 * A max-heap of (key, id) for the lazy greedy of the coverage solvers: the largest
 * key on top, ties broken by the lower id so that runs are deterministic.
 */
#ifndef AMBIT_HEAP_H
#define AMBIT_HEAP_H

#include <stddef.h>

typedef struct heap {
    double *key;
    size_t *id;
    size_t n;
} heap;

/* Room for `cap` entries; returns 0 on ENOMEM (h is then safe to free). */
int heap_init(heap *h, size_t cap);
void heap_free(heap *h);
void heap_push(heap *h, double key, size_t id);
/* Removes the top entry (h->key[0], h->id[0]). */
void heap_pop(heap *h);
/* Whether (key, id) should sit below the top entry (the lazy greedy's staleness test). */
int heap_below_top(const heap *h, double key, size_t id);

#endif
