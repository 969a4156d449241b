/*
 * Self-contained HTML (no network access, no library to fetch): plain SVG drawn from
 * the run's own GeoJSON (reprojected into the run's metric CRS by GDAL/PROJ and
 * scaled to the page), tables, and a few lines of script that record what rendered
 * (#render-check, read by the browser test).
 */
#ifndef AMBIT_REPORT_HTML_H
#define AMBIT_REPORT_HTML_H

#include "outdir.h"

/* comparison.html for `ambit compare --html` (gain/loss NULL when rows do not match). */
ambit_status report_html_compare(ambit_ctx *ctx, const outdir *o, size_t n, size_t T,
                                 const double *gain, const double *loss, const char *path);

#endif
