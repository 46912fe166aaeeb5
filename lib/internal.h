/*
** internal.h — interfaces shared inside libjunheng, not part of the API.
*/
#ifndef JH_INTERNAL_H
#define JH_INTERNAL_H

#include "junheng.h"

/* arena.c: strings that live as long as their owner.  Pointers returned
 * stay valid until jh_arena_free. */
struct jh_arena;
struct jh_arena *jh_arena_new(void);
void jh_arena_free(struct jh_arena *a);
/* Copy n bytes plus a NUL; NULL on oom. */
const char *jh_arena_strndup(struct jh_arena *a, const char *s, size_t n);
const char *jh_arena_strdup(struct jh_arena *a, const char *s);

/* Stages a school type offers: bit 0 primary, 1 junior, 2 senior. */
unsigned jh_type_stages(jh_school_type t);
#define JH_HAS_PRIMARY 1u
#define JH_HAS_JUNIOR  2u
#define JH_HAS_SENIOR  4u

/* meta.c: text helpers shared by every template loader. */
/* Normalise a header or value for comparison: spaces and a stray BOM
 * dropped, full-width brackets folded to ASCII, ASCII lower-cased. */
void jh_norm(const char *s, char *out, size_t cap);
/* Copy s without surrounding blanks, cut to cap - 1 bytes. */
void jh_trim_copy(const char *s, char *out, size_t cap);
/* Index of the first list whose names (NULL-terminated, each list of
 * width `width`) contain s after jh_norm; -1 when none. */
int jh_match_names(const char *s, const char *const *lists, int nlists, int width);

/* keyvalue.c: the one reader of the `key = value` format shared by
 * standards files (standard.c) and costs files (costs.c); see
 * data/standards/README.md.  It owns only the lines: what a key means and
 * every diagnostic stay with the caller.
 *
 * jh_kv_each splits text (len bytes, no NUL needed) at '\n' into lines
 * numbered from 1 and trims each (jh_kv_trim); a NUL byte inside a line
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
int jh_kv_each(const char *text, size_t len,
               int (*fn)(void *ctx, long lineno, const char *key,
                         const char *value),
               void *ctx);
/* Trim in place: leading blanks and tabs, trailing blanks, tabs and CRs. */
char *jh_kv_trim(char *s);
/* Strict number for `key = value` files: the whole of s must be a finite
 * strtod number (no surrounding blanks, no grouping commas); 0 ok, -1 not
 * a number. */
int jh_kv_number(const char *s, double *out);

/* county_items.c: forget records from n on (all-or-nothing loaders). */
jh_code jh_county_items_truncate(jh_county_items *c, size_t n);

/* Number parsing shared by the template loaders: strict decimal with
 * optional 3-digit comma grouping; 0 ok, -1 not a number. */
int jh_parse_number(const char *s, double *out);

#endif
