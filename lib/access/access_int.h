/*
** access_int.h — the access layer's internal interface (lib/access).
*/
#ifndef JH_ACCESS_INT_H
#define JH_ACCESS_INT_H

#include "junheng/access.h"
#include "store/store_int.h"

/* password.c: sodium_init once, from any thread; 0 ok, -1 when libsodium
 * cannot start (then nothing of this layer works). */
int jhAccessSodium(void);
/* Hex of n bytes into out (2n + 1 bytes). */
void jhAccessHex(const unsigned char *p, size_t n, char *out);

#endif
