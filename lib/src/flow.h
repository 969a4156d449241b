/*
 * Capacitated coverage: the population assigned to open sites when each site
 * serves at most its capacity and a person may be served only by a site within
 * reach. That is a maximum flow (source -> demand (w_i) -> site (pairs within
 * reach) -> sink (capacity)); kept incrementally with augmenting paths, with an
 * undo log so that a move can be tried and taken back.
 */
#ifndef AMBIT_FLOW_H
#define AMBIT_FLOW_H

#include "instance.h"

typedef struct flow {
    const ambit_instance *I;
    const reach *r;
    unsigned char *open;
    double *res;     /* per demand: population not yet assigned */
    double *load;    /* per site: population assigned */
    double *a;       /* per site-major reach pair: population assigned on it */
    size_t *d_pair;  /* demand-major reach entry -> site-major pair index */
    double assigned; /* total */
    size_t n_open;   /* new (non-fixed) open sites */
    double spent;
    /* BFS scratch */
    size_t *queue;
    int64_t *from; /* per node (demand i, site n + j): predecessor node, -1 unseen */
    /* undo log */
    struct flow_undo *log;
    size_t n_log, cap_log;
    int logging;
} flow;

/* Builds the state with the fixed sites open and their flow augmented. Returns 0 on ENOMEM. */
int flow_init(flow *f, const ambit_instance *I, const reach *r);
void flow_free(flow *f);

/* Opens / closes a site and re-augments to a maximum flow. Return 0 on ENOMEM. */
int flow_open(flow *f, size_t j);
int flow_close(flow *f, size_t j);

/* Starts recording changes; flow_undo takes them all back, flow_keep forgets them. */
void flow_mark(flow *f);
void flow_undo(flow *f);
void flow_keep(flow *f);

#endif
