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

/* Number parsing shared by the template loaders: strict decimal with
 * optional 3-digit comma grouping; 0 ok, -1 not a number. */
int jh_parse_number(const char *s, double *out);

#endif
