/*
** hash.c — the one hash index of the library.
**
** An open-addressing table (linear probing, at most half full) from a
** 64-bit hash to item numbers.  It stores the hash beside each item, so
** it can grow without calling back into its owner, and it knows nothing
** of keys: an owner computes the hash of its key with jhHash* and, for
** each candidate jhIndexNext returns, compares the keys itself.  Items
** are never removed one by one; an owner that forgets items clears the
** index and adds the rest again.
*/
#include "util_int.h"

#include <stdlib.h>
#include <string.h>

struct jhIndexSlot {
	uint64_t hash;
	size_t item1;       /* item + 1; 0 = empty */
};

uint64_t jhHashBytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

uint64_t jhHashStr(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xffu) * 1099511628211ull;    /* "ab","c" ≠ "a","bc" */
}

uint64_t jhHashInt(uint64_t h, long v)
{
	unsigned long u = (unsigned long)v;

	return jhHashBytes(h, &u, sizeof u);
}

/* Mix the high bits down: FNV's low bits are weak for short keys. */
static size_t start(uint64_t h, size_t cap)
{
	return (size_t)(h ^ (h >> 31)) & (cap - 1);
}

void jhIndexFree(jhIndex *ix)
{
	free(ix->slot);
	ix->slot = NULL;
	ix->cap = ix->used = 0;
}

void jhIndexClear(jhIndex *ix)
{
	if (ix->slot)
		memset(ix->slot, 0, ix->cap * sizeof *ix->slot);
	ix->used = 0;
}

int jhIndexReserve(jhIndex *ix, size_t n)
{
	size_t cap = 64;
	struct jhIndexSlot *s;

	while (cap < n * 2)
		cap *= 2;
	if (cap <= ix->cap)
		return 0;
	if (!(s = calloc(cap, sizeof *s)))
		return -1;
	for (size_t k = 0; k < ix->cap; k++) {
		size_t i;

		if (!ix->slot[k].item1)
			continue;
		for (i = start(ix->slot[k].hash, cap); s[i].item1; i = (i + 1) & (cap - 1))
			;
		s[i] = ix->slot[k];
	}
	free(ix->slot);
	ix->slot = s;
	ix->cap = cap;
	return 0;
}

int jhIndexAdd(jhIndex *ix, uint64_t h, size_t item)
{
	size_t i;

	if ((ix->used + 1) * 2 > ix->cap && jhIndexReserve(ix, ix->used + 1))
		return -1;
	for (i = start(h, ix->cap); ix->slot[i].item1; i = (i + 1) & (ix->cap - 1))
		;
	ix->slot[i].hash = h;
	ix->slot[i].item1 = item + 1;
	ix->used++;
	return 0;
}

int jhIndexNext(const jhIndex *ix, uint64_t h, size_t *pos, size_t *item)
{
	size_t i;

	if (!ix->cap)
		return 0;
	/* *pos counts the slots probed so far from the start slot. */
	for (i = (start(h, ix->cap) + *pos) & (ix->cap - 1); ix->slot[i].item1;
	     i = (i + 1) & (ix->cap - 1)) {
		++*pos;
		if (ix->slot[i].hash == h) {
			*item = ix->slot[i].item1 - 1;
			return 1;
		}
	}
	return 0;
}
