/* Generated candidate sites: a regular grid inside the communities, minus a mask. */
#ifndef AMBIT_CANDIDATES_H
#define AMBIT_CANDIDATES_H

#include "communities.h"
#include "sites.h"

#define CANDIDATES_MAX_GRID 2000000

/*
 * Points at the centres of a grid of `spacing` metres (aligned on multiples of the
 * spacing) that lie in a community of `area` and in no polygon of `exclude` (may be
 * NULL). Ids are "grid_<column>_<row>". An empty result is an error, as is a grid
 * of more than CANDIDATES_MAX_GRID points.
 */
ambit_status candidates_grid(ambit_ctx *ctx, const community_set *area,
                             const community_set *exclude, double spacing, site_set *out);

#endif
