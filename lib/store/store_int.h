/*
** store_int.h — the storage layer's internal interface (lib/store):
** the interface between the generic store (store.c) and one
** database implementation (store_sqlite.c; a libpq one can follow).
**
** The generic layer owns every rule: validation against stored data,
** diffing, what a revision holds.  A backend only moves rows in and out
** through these narrow operations, all inside the transaction the generic
** layer opened; it holds all the SQL.
*/
#ifndef JH_STORE_INT_H
#define JH_STORE_INT_H

#include "junheng/store.h"
#include "core/core_int.h"

/* Behind the public handle jh_history. */
struct jh_history {
	jh_change *items;
	size_t count, cap;
	struct jh_arena *arena;    /* owns the strings */
};


/* A school's identity, which never changes between years. */
typedef int (*jhSchoolFn)(void *ctx, const char *code, const char *county,
                            jh_school_type type);

struct jhStoreOps {
	const char *name;
	void (*close)(void *db);
	int (*schema_version)(void *db);
	jh_code (*begin)(void *db, jh_diags *d);     /* a write transaction */
	jh_code (*commit)(void *db, jh_diags *d);
	void (*rollback)(void *db);
	jh_code (*load_areas)(void *db, jh_areas *out, jh_diags *d);
	jh_code (*put_area)(void *db, const jh_area *a, jh_diags *d);
	jh_code (*load_schools)(void *db, jhSchoolFn fn, void *ctx, jh_diags *d);
	jh_code (*put_school)(void *db, const char *code, const char *county,
	                      jh_school_type type, jh_diags *d);
	/* Rows valid after revision as_of (0 = current) into out. */
	jh_code (*load_rows)(void *db, const jh_filter *f, long as_of,
	                     jh_dataset *out, jh_diags *d);
	jh_code (*new_revision)(void *db, const jh_revision_info *info,
	                        const char *at, long *rev, jh_diags *d);
	/* End the current version of a school-year at revision rev. */
	jh_code (*close_row)(void *db, const char *code, int year, long rev,
	                     jh_diags *d);
	/* A new current version; extras are the row's in ds. */
	jh_code (*insert_row)(void *db, const jh_dataset *ds,
	                      const jh_school_year *sy, long rev, jh_diags *d);
	/* Changes to areas (school-year history is derived from versions). */
	jh_code (*insert_change)(void *db, const jh_change *c, jh_diags *d);
	jh_code (*area_history)(void *db, const char *county, jh_history *out,
	                        jh_diags *d);
	/* Every version of the school's (or county's) school-years, ordered
	 * by school, year, rev_from; revs gets 2 longs per row: rev_from and
	 * rev_to (0 = current), malloc'd, owned by the caller. */
	jh_code (*load_versions)(void *db, const char *school, const char *county,
	                         jh_dataset *out, long **revs, jh_diags *d);
	/* Who, when, why and sources of a revision, into the history's
	 * arena-backed fields of c. */
	jh_code (*revision_meta)(void *db, long rev, jh_history *h, jh_change *c,
	                         jh_diags *d);
	/* County-year records, versioned like school-years. */
	jh_code (*load_items)(void *db, const jh_filter *f, long as_of,
	                      jh_county_items *out, jh_diags *d);
	jh_code (*close_item)(void *db, const jh_county_item *it, long rev,
	                      jh_diags *d);
	jh_code (*insert_item)(void *db, const jh_county_item *it, long rev,
	                       jh_diags *d);
	jh_code (*load_item_versions)(void *db, const char *county,
	                              jh_county_items *out, long **revs,
	                              jh_diags *d);
	/* The last revision made at or before an ISO time; 0 when none. */
	jh_code (*revision_at)(void *db, const char *iso, long *rev, jh_diags *d);
	jh_code (*last_revision)(void *db, long *rev, jh_diags *d);
};

struct jh_store {
	const struct jhStoreOps *ops;
	void *db;
};

/* store_sqlite.c */
jh_code jhSqliteOpen(const char *path, int create, struct jh_store *s,
                       jh_diags *d);

/* history helpers shared with backends */
jh_code jhHistoryPush(jh_history *h, const jh_change *c);
/* Copy a string into the history's arena (NULL stays NULL). */
const char *jhHistoryStr(jh_history *h, const char *s);

#endif
