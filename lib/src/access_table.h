/*
 * access.csv: one row per demand point (where it is, its population and community)
 * and, per tier, whether it is within reach in the run's final state. `ambit run`
 * writes it so that `ambit compare` can say who gains or loses access between
 * scenarios (--access-table asks for it in any run).
 */
#ifndef AMBIT_ACCESS_TABLE_H
#define AMBIT_ACCESS_TABLE_H

#include "study.h"

/* covered: n_demand x n_tiers (row-major), 1 = within reach of an open site of that tier. */
ambit_status access_table_write(ambit_ctx *ctx, const char *path, const study *s, size_t n_tiers,
                                const char *const *tier_names, const unsigned char *covered);

#endif
