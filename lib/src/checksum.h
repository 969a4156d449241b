/* SHA-256 of input files (nettle), so a run records exactly which data it read. */
#ifndef AMBIT_CHECKSUM_H
#define AMBIT_CHECKSUM_H

#include "context.h"

/* hex: 64 lowercase hex digits + NUL; *bytes: the file's size. Errors name the file. */
ambit_status checksum_file(ambit_ctx *ctx, const char *path, char hex[65], long long *bytes);

#endif
