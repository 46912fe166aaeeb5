/*
** util_int.h — the utility layer's internal interface (lib/util).
**
** Used by every layer of the library, never by the programs.  Public
** utility functions are in include/junheng/util.h.
*/
#ifndef JH_UTIL_INT_H
#define JH_UTIL_INT_H

#include "junheng/util.h"

/* arena.c: strings that live as long as their owner.  Pointers returned
 * stay valid until jhArenaFree. */
struct jh_arena;
struct jh_arena *jhArenaNew(void);
void jhArenaFree(struct jh_arena *a);
/* Copy n bytes plus a NUL; NULL on oom. */
const char *jhArenaStrndup(struct jh_arena *a, const char *s, size_t n);
const char *jhArenaStrdup(struct jh_arena *a, const char *s);

/* hash.c: one open-addressing index used wherever the library looks
 * things up by key (school-years by code and year, county-year records,
 * school identities).  It maps a caller-computed 64-bit hash to item
 * numbers of the caller's own array; the caller compares keys, so one
 * index serves any key.  Hashes are FNV-1a: start from JH_HASH_SEED and
 * feed the key's parts in order. */
#define JH_HASH_SEED 1469598103934665603ull
uint64_t jhHashBytes(uint64_t h, const void *p, size_t n);
uint64_t jhHashStr(uint64_t h, const char *s);     /* includes a separator */
uint64_t jhHashInt(uint64_t h, long v);

typedef struct jhIndex {
	struct jhIndexSlot *slot;   /* cap slots, cap a power of two or 0 */
	size_t cap, used;
} jhIndex;
#define JH_INDEX_INIT {NULL, 0, 0}
void jhIndexFree(jhIndex *ix);
void jhIndexClear(jhIndex *ix);                  /* empty, keeps memory */
/* Room for n items in all without growing; -1 on oom. */
int jhIndexReserve(jhIndex *ix, size_t n);
/* Add item under hash h (duplicates allowed); -1 on oom. */
int jhIndexAdd(jhIndex *ix, uint64_t h, size_t item);
/* Walk the items added under hash h: set *pos = 0 first, then each call
 * returns the next candidate item in *item and 1, or 0 when none is left.
 * Candidates may have other keys with the same hash: compare. */
int jhIndexNext(const jhIndex *ix, uint64_t h, size_t *pos, size_t *item);

/* keyvalue.c: the one reader of the `key = value` format shared by
 * standards files (standard.c) and costs files (costs.c); see
 * data/standards/README.md.  It owns only the lines: what a key means and
 * every diagnostic stay with the caller.
 *
 * jhKvEach splits text (len bytes, no NUL needed) at '\n' into lines
 * numbered from 1 and trims each (jhKvTrim); a NUL byte inside a line
 * hides the rest of that line.
 * Blank lines and lines whose first non-blank is `#` are skipped without
 * a call but still counted.  For a line with `=`, fn gets key = the
 * trimmed text before the first `=` and value = the trimmed text after it
 * up to the first `#`; either may be "".  For a line without `=`, fn gets
 * key = the whole trimmed line and value = NULL, so it can report the
 * syntax error with lineno.  key and value live only until fn returns.
 * fn returns 0 to go on; anything else stops the walk and is returned, so
 * fn should stop with a positive value.  Returns 0 after the last line,
 * -1 when out of memory (lines already read have had their calls). */
int jhKvEach(const char *text, size_t len,
               int (*fn)(void *ctx, long lineno, const char *key,
                         const char *value),
               void *ctx);
/* Trim in place: leading blanks and tabs, trailing blanks, tabs and CRs. */
char *jhKvTrim(char *s);
/* Strict number for `key = value` files: the whole of s must be a finite
 * strtod number (no surrounding blanks, no grouping commas); 0 ok, -1 not
 * a number. */
int jhKvNumber(const char *s, double *out);



#endif
