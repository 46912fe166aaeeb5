/*
** util_int.h — the utility layer's internal interface (lib/util).
**
** Used by every layer of the library, never by the programs.  Public
** utility functions are in include/junheng/util.h.
*/
#ifndef JH_UTIL_INT_H
#define JH_UTIL_INT_H

#include "junheng/util.h"

#include <string.h>

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


/* number.c: the shortest text that reads back as exactly v, in printf's
 * %g layout (see number.c): "4.2", "0.30000000000000004", "1e+21",
 * "5e-324", "-0", "nan", "inf".  NUL-terminated; returns its length. */
#define JH_NUMBER_MAX 40      /* the text is at most 26 bytes; the rest is
                                 * room for number.c's fixed-size copies */
size_t jhNumber(double v, char out[JH_NUMBER_MAX]);
/* The same, but a whole number written without exponent gets ".0"
 * (26868.0, -0.0), so that JSON readers keep it a real. */
size_t jhNumberReal(double v, char out[JH_NUMBER_MAX]);
/* Exactly what snprintf "%.*f" writes for decimals 0..4 (the exact binary
 * value rounded, ties to even: 2.675 → "2.67", 0.125 → "0.12"), about
 * ten times faster for the numbers of reports; any |v| below 10^26 (the
 * buffer's size), other decimals through snprintf.  Returns the length. */
size_t jhFixed(double v, int decimals, char out[JH_NUMBER_MAX]);
/* jhFixed with the whole part grouped by thousands with commas, as
 * officials write money and counts: 7472187 → "7,472,187", -1234.5 at 2
 * decimals → "-1,234.50".  Returns the length (at most JH_NUMBER_MAX - 1;
 * |v| of 10^26 or more is written by jhFixed ungrouped). */
size_t jhGrouped(double v, int decimals, char out[JH_NUMBER_MAX]);


/* out.c: the writer (include/junheng/util.h), seen from inside so that
 * the library's renderers write a byte or a short string with an inline
 * copy.  [p, end) is the free space of the chunk (sink) or of buf's
 * memory; end[0] is always writable, for vsnprintf's NUL. */
struct jh_out {
	char *p, *end;
	char *chunk;            /* sink: JH_OUT_CHUNK + 1 bytes, owned */
	jh_sink_fn sink;
	void *ctx;
	jh_buf *buf;            /* or the buffer written into, not owned */
	jh_code err;            /* first failure; then nothing more is kept */
	char spare[1];          /* p = end = spare after a failure */
	int fd;                 /* for jh_out_new_fd */
};
#define JH_OUT_CHUNK 65536
void jhOutSlow(jh_out *o, const void *p, size_t n);

static inline void jhOutAdd(jh_out *o, const void *p, size_t n)
{
	if ((size_t)(o->end - o->p) >= n) {
		memcpy(o->p, p, n);
		o->p += n;
	} else {
		jhOutSlow(o, p, n);
	}
}

static inline void jhOutAdds(jh_out *o, const char *s)
{
	jhOutAdd(o, s, strlen(s));
}

static inline void jhOutAddc(jh_out *o, char c)
{
	if (o->p < o->end)
		*o->p++ = c;
	else
		jhOutSlow(o, &c, 1);
}

/* v in decimal, as "%lld" (without printf); returns the length. */
size_t jhInteger(long long v, char out[JH_NUMBER_MAX]);

/* v as jhNumber (real: jhNumberReal) writes it, straight into the chunk
 * when there is room for the longest number. */
static inline void jhOutNumber(jh_out *o, double v, int real)
{
	char b[JH_NUMBER_MAX];

	if ((size_t)(o->end - o->p) >= JH_NUMBER_MAX)
		o->p += real ? jhNumberReal(v, o->p) : jhNumber(v, o->p);
	else
		jhOutAdd(o, b, real ? jhNumberReal(v, b) : jhNumber(v, b));
}

/* JSON through a jh_out: compact (indent 0: `{"a":1,"b":[]}`) or with
 * `indent` spaces a level, `"key": value` one a line.  The caller writes
 * a well-formed document: jhJsonKey only inside an object and before
 * each of its values.  Keys are written as given (the library's keys need
 * no escaping); strings are escaped (", \\, control characters; UTF-8 as
 * is).  Numbers are shortest round trip (jhNumber), with ".0" added to a
 * whole number so that a reader still sees a real (26868.0), and null
 * when not finite. */
typedef struct jhJson {
	jh_out *o;
	int indent, depth;
	int first;          /* nothing yet in the innermost container */
	int after_key;
} jhJson;
void jhJsonInit(jhJson *j, jh_out *o, int indent);
void jhJsonOpen(jhJson *j, char c);           /* '{' or '[' */
void jhJsonClose(jhJson *j, char c);          /* '}' or ']' */
void jhJsonStr(jhJson *j, const char *s);     /* NULL writes null */
void jhJsonNum(jhJson *j, double v);
void jhJsonInt(jhJson *j, long long v);
void jhJsonBool(jhJson *j, int b);
void jhJsonNull(jhJson *j);
void jhJsonKeySlow(jhJson *j, const char *key, size_t n);

/* A key: inline, so that a literal's length is known when compiling and
 * a compact key with room is a few stores (a nation's JSON has millions
 * of keys). */
static inline void jhJsonKey(jhJson *j, const char *key)
{
	size_t n = strlen(key);
	jh_out *o = j->o;
	char *p = o->p;

	if (j->indent || (size_t)(o->end - p) < n + 4) {
		jhJsonKeySlow(j, key, n);
		return;
	}
	if (!j->first)
		*p++ = ',';
	j->first = 0;
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	o->p = p;
	j->after_key = 1;
}

/* A field of an object: jhJsonKey, then the value. */
static inline void jhJsonFieldStr(jhJson *j, const char *key, const char *s)
{
	jhJsonKey(j, key);
	jhJsonStr(j, s);
}

static inline void jhJsonFieldNum(jhJson *j, const char *key, double v)
{
	jhJsonKey(j, key);
	jhJsonNum(j, v);
}

static inline void jhJsonFieldInt(jhJson *j, const char *key, long long v)
{
	jhJsonKey(j, key);
	jhJsonInt(j, v);
}

static inline void jhJsonFieldBool(jhJson *j, const char *key, int b)
{
	jhJsonKey(j, key);
	jhJsonBool(j, b);
}
/* Escaped and quoted, without the separators (for callers that build
 * their own layout). */
void jhOutJsonString(jh_out *o, const char *s);

#endif
