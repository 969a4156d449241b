/*
 * Origin-destination tables from any routing engine: a long-format table (CSV or
 * any layer GDAL reads) with a demand id, a site id, a cost (distance or time) and
 * optionally the demand's weight. Becomes a cover through the builder, so the
 * solvers see the same structure as for straight-line distances.
 */
#ifndef AMBIT_OD_H
#define AMBIT_OD_H

#include "idmap.h"

#include "ambit.h"

typedef struct od_table {
    idmap demand, sites;
    double *weight; /* per demand (1 when no weight column) */
    ambit_cover *cover;
    size_t rows;
} od_table;

typedef struct od_columns {
    const char *demand, *site, *cost, *weight; /* weight NULL: column "weight" if any, else 1 */
    int sites_closed; /* 1: a site id not already in the table's site map is an error */
} od_columns;

/*
 * Reads the table. Sites named in `sites` beforehand keep their indices (so
 * candidate and existing layers can come first); demand likewise. A row with a
 * missing id, a cost that is not a finite number >= 0, or a weight that disagrees
 * with an earlier row of the same demand is an error naming the row.
 */
ambit_status od_read(ambit_ctx *ctx, const char *path, const od_columns *cols, od_table *od);

void od_free(od_table *od);

#endif
