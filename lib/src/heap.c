#include "heap.h"

#include <stdlib.h>

int heap_init(heap *h, size_t cap)
{
    h->key = malloc((cap ? cap : 1) * sizeof *h->key);
    h->id = malloc((cap ? cap : 1) * sizeof *h->id);
    h->n = 0;
    return h->key && h->id;
}

void heap_free(heap *h)
{
    free(h->key);
    free(h->id);
    h->key = NULL;
    h->id = NULL;
    h->n = 0;
}

static int above(const heap *h, size_t a, size_t b)
{
    return h->key[a] > h->key[b] || (h->key[a] == h->key[b] && h->id[a] < h->id[b]);
}

static void swap(heap *h, size_t a, size_t b)
{
    double k = h->key[a];
    size_t i = h->id[a];
    h->key[a] = h->key[b];
    h->id[a] = h->id[b];
    h->key[b] = k;
    h->id[b] = i;
}

static void down(heap *h, size_t at)
{
    for (;;) {
        size_t l = 2 * at + 1, r = l + 1, top = at;
        if (l < h->n && above(h, l, top))
            top = l;
        if (r < h->n && above(h, r, top))
            top = r;
        if (top == at)
            return;
        swap(h, at, top);
        at = top;
    }
}

void heap_push(heap *h, double key, size_t id)
{
    size_t at = h->n++;
    h->key[at] = key;
    h->id[at] = id;
    while (at > 0 && above(h, at, (at - 1) / 2)) {
        swap(h, at, (at - 1) / 2);
        at = (at - 1) / 2;
    }
}

void heap_pop(heap *h)
{
    h->n--;
    h->key[0] = h->key[h->n];
    h->id[0] = h->id[h->n];
    down(h, 0);
}

int heap_below_top(const heap *h, double key, size_t id)
{
    return h->n > 0 && (key < h->key[0] || (key == h->key[0] && h->id[0] < id));
}
