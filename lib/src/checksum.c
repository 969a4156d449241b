#include "checksum.h"

#include <nettle/sha2.h>
#include <stdio.h>

ambit_status checksum_file(ambit_ctx *ctx, const char *path, char hex[65], long long *bytes)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ctx_fail(ctx, AMBIT_ERR_INPUT, "cannot read '%s' to checksum it", path);
    struct sha256_ctx sha;
    sha256_init(&sha);
    unsigned char buf[65536];
    size_t n;
    *bytes = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sha256_update(&sha, n, buf);
        *bytes += (long long)n;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed)
        return ctx_fail(ctx, AMBIT_ERR_IO, "error reading '%s'", path);
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_digest(&sha, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return AMBIT_OK;
}
