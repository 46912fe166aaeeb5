/*
** sha256.c — SHA-256 of bytes as hex, for the sources of a revision
** (libsodium's crypto_hash_sha256).
*/
#include "util_int.h"

#include <sodium.h>
#include <stdio.h>

void jh_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}
