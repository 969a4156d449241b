/* A growable string for the documents ambit writes as text (HTML, Markdown). */
#ifndef AMBIT_STRBUF_H
#define AMBIT_STRBUF_H

#include "context.h"

typedef struct strbuf {
    char *s;
    size_t n, cap;
    int nomem; /* set when an append failed; the text is then incomplete */
} strbuf;

void sb_printf(strbuf *b, const char *fmt, ...) AMBIT_PRINTF(2, 3);
/* Appends text with &, <, >, " and ' escaped for HTML. */
void sb_html(strbuf *b, const char *text);
void sb_free(strbuf *b);
/* Writes the text to path (AMBIT_ERR_NOMEM if an append had failed). */
ambit_status sb_write(ambit_ctx *ctx, const strbuf *b, const char *path);

#endif
