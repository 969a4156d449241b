#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int reserve(strbuf *b, size_t more)
{
    if (b->nomem)
        return 0;
    if (b->n + more + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->nomem = 1;
        return 0;
    }
    b->s = s;
    b->cap = cap;
    return 1;
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || !reserve(b, (size_t)need))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)need + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

void sb_html(strbuf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&':
            sb_printf(b, "&amp;");
            break;
        case '<':
            sb_printf(b, "&lt;");
            break;
        case '>':
            sb_printf(b, "&gt;");
            break;
        case '"':
            sb_printf(b, "&quot;");
            break;
        case '\'':
            sb_printf(b, "&#39;");
            break;
        default:
            if (reserve(b, 1)) {
                b->s[b->n++] = *p;
                b->s[b->n] = '\0';
            }
        }
    }
}

void sb_free(strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->n = b->cap = 0;
}

ambit_status sb_write(ambit_ctx *ctx, const strbuf *b, const char *path)
{
    if (b->nomem)
        return ctx_nomem(ctx);
    FILE *f = fopen(path, "wb");
    if (!f)
        return ctx_fail(ctx, AMBIT_ERR_IO, "cannot create '%s'", path);
    int ok = fwrite(b->s ? b->s : "", 1, b->n, f) == b->n;
    ok &= fclose(f) == 0;
    return ok ? AMBIT_OK : ctx_fail(ctx, AMBIT_ERR_IO, "cannot write '%s'", path);
}
