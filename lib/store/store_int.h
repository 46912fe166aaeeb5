/*
** store_int.h — the storage layer's internal interface (lib/store):
** between the generic store (store.c) and the database backends
** (store_sqlite.c; a libpq one can follow), and the registry that picks a
** backend from a URI or path (backends.c).
**
** The generic layer owns every rule: validation against stored data,
** diffing, what a revision holds, its time.  A backend only moves rows in
** and out, all inside the transaction the generic layer opened; it holds
** all the SQL.  It is called once per batch, not once per row: rows to
** insert or close come as arrays, which a backend binds to statements it
** prepares once.  A backend never calls back into the generic store; the
** only code they share is history.c (an arena-backed list they both fill).
**
** Times cross this interface as whole seconds since 1970-01-01 UTC
** (long long); how a backend stores them is its own affair, as long as
** its comparisons order them as numbers.
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

struct jh_revisions {
	jh_revision *items;
	size_t count, cap;
	struct jh_arena *arena;      /* owns every string */
};


/* A school's identity, which never changes between years. */
typedef struct jhSchool {
	char code[24];
	char county[8];
	jh_school_type type;
} jhSchool;

/* Every stored school; items malloc'd by the backend, freed by the
 * caller with free(). */
typedef struct jhSchools {
	jhSchool *items;
	size_t count;
} jhSchools;

struct jhTouch;

struct jhStoreOps {
	const char *name;
	void (*close)(void *db);
	int (*schema_version)(void *db);
	/* A write transaction that may write about `rows` school-year rows
	 * (a hint: a backend may load a large batch differently). */
	jh_code (*begin)(void *db, size_t rows, jh_diags *d);
	jh_code (*commit)(void *db, jh_diags *d);
	void (*rollback)(void *db);
	jh_code (*load_areas)(void *db, jh_areas *out, jh_diags *d);
	/* Insert or rename n areas, in the order given (parents first). */
	jh_code (*put_areas)(void *db, const jh_area *const *a, size_t n,
	                     jh_diags *d);
	/* The stored identities of the schools of these rows (a school once
	 * even if several rows name it), or of every school when rows is
	 * NULL. */
	jh_code (*load_schools)(void *db, const jh_school_year *const *rows,
	                        size_t n, jhSchools *out, jh_diags *d);
	/* New school identities, from these rows' code, county and type. */
	jh_code (*put_schools)(void *db, const jh_school_year *const *rows,
	                       size_t n, jh_diags *d);
	/* Rows valid after revision as_of (0 = current) into out. */
	jh_code (*load_rows)(void *db, const jh_filter *f, long as_of,
	                     jh_dataset *out, jh_diags *d);
	/* The revision that made the current version of a school-year
	 * (0 when it has none). */
	jh_code (*row_revision)(void *db, const char *code, int year, long *rev,
	                        jh_diags *d);
	/* The newest revision and its time; 0 and 0 when there is none. */
	jh_code (*last_revision)(void *db, long *rev, long long *at, jh_diags *d);
	/* A new revision made at time `at` (chosen by the generic layer). */
	jh_code (*new_revision)(void *db, const jh_revision_info *info,
	                        long long at, long *rev, jh_diags *d);
	/* End the current versions of these school-years at revision rev. */
	jh_code (*close_rows)(void *db, const jh_school_year *const *rows,
	                      size_t n, long rev, jh_diags *d);
	/* New current versions; their extras are in ds. */
	jh_code (*insert_rows)(void *db, const jh_dataset *ds,
	                       const jh_school_year *const *rows, size_t n,
	                       long rev, jh_diags *d);
	/* Changes to areas (school-year history is derived from versions). */
	jh_code (*insert_changes)(void *db, const jh_change *c, size_t n,
	                          jh_diags *d);
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
	/* Up to limit revisions (0 = all) numbered from `from` on, oldest
	 * first, appended to out (strings into out's arena). */
	jh_code (*revisions)(void *db, long from, size_t limit,
	                     jh_revisions *out, jh_diags *d);
	/* County-year records, versioned like school-years. */
	jh_code (*load_items)(void *db, const jh_filter *f, long as_of,
	                      jh_county_items *out, jh_diags *d);
	jh_code (*close_items)(void *db, const jh_county_item *const *it, size_t n,
	                       long rev, jh_diags *d);
	jh_code (*insert_items)(void *db, const jh_county_item *const *it,
	                        size_t n, long rev, jh_diags *d);
	jh_code (*load_item_versions)(void *db, const char *county,
	                              jh_county_items *out, long **revs,
	                              jh_diags *d);
	/* The last revision made at or before time t; 0 when none. */
	jh_code (*revision_at)(void *db, long long t, long *rev, jh_diags *d);

	/* Schema 6: what a revision touched, for cache keys and the
	 * revisions of an area (jhTouch below); accounts, sessions, audit.
	 * Each of these is its own statement (no transaction of the
	 * generic layer around them, except touch). */
	jh_code (*touch)(void *db, const struct jhTouch *t, size_t n, long rev,
	                 jh_diags *d);
	jh_code (*county_revision)(void *db, const char *county, int year,
	                           long *rev, jh_diags *d);
	jh_code (*county_revisions)(void *db, int year, jh_county_rev **out,
	                            size_t *n, jh_diags *d);
	/* JH_ERR_NOTFOUND, no problem recorded, when the school is not stored. */
	jh_code (*school_county)(void *db, const char *school, char county[8],
	                         jh_diags *d);
	jh_code (*county_years)(void *db, jh_county_year_key **out, size_t *n,
	                        jh_diags *d);
	/* JH_ERR_NOTFOUND, no problem recorded, when the school has no
	 * current school-year. */
	jh_code (*school_name)(void *db, const char *school, char *name,
	                       size_t cap, jh_diags *d);
	/* One revision's raw material, within codes (NULL: everywhere; else
	 * area codes): its area changes (entity 'area', code among codes)
	 * into h; the school-year versions it opened or closed in the
	 * county-years it touched (rows, revs as load_versions, ordered by
	 * county, school, year, rev_from); the county-year record versions
	 * likewise (items, irevs, ordered by county, year, item, rev_from). */
	jh_code (*revision_versions)(void *db, long rev, const char *const *codes,
	                             size_t n, jh_history *h, jh_dataset *rows,
	                             long **revs, jh_county_items *items,
	                             long **irevs, jh_diags *d);
	jh_code (*revisions_of)(void *db, const char *const *codes, size_t n,
	                        long from, size_t limit, jh_revisions *out,
	                        jh_diags *d);
	/* JH_ERR_CONFLICT, no problem recorded, when the name exists. */
	jh_code (*account_add)(void *db, const jh_user *u, const char *pwhash,
	                       jh_diags *d);
	/* JH_ERR_NOTFOUND, no problem recorded, when there is none;
	 * pwhash may be NULL. */
	jh_code (*account_get)(void *db, const char *name, jh_user *u,
	                       char *pwhash, jh_diags *d);
	/* JH_ERR_NOTFOUND when no row was changed; pwhash NULL keeps it. */
	jh_code (*account_update)(void *db, const jh_user *u, const char *pwhash,
	                          jh_diags *d);
	jh_code (*accounts)(void *db, jh_user **out, size_t *n, jh_diags *d);
	jh_code (*session_add)(void *db, const char *token_hash,
	                       const char *csrf_hash, const char *account,
	                       long long now, jh_diags *d);
	/* JH_ERR_NOTFOUND, no problem recorded, when there is none. */
	jh_code (*session_get)(void *db, const char *token_hash, char account[64],
	                       char csrf_hash[65], long long *last_seen, jh_diags *d);
	jh_code (*session_touch)(void *db, const char *token_hash, long long now,
	                         jh_diags *d);
	/* Delete the session of token_hash, or every session of account, or
	 * every one last seen before `before` (whichever is given). */
	jh_code (*sessions_delete)(void *db, const char *token_hash,
	                           const char *account, long long before,
	                           jh_diags *d);
	jh_code (*audit_add)(void *db, long long at, const char *account,
	                     const char *event, const char *address,
	                     const char *detail, jh_diags *d);
	jh_code (*audit)(void *db, size_t limit, jh_audit_entry **out, size_t *n,
	                 jh_diags *d);

	/* --- schema 7, ledgers --- */
	/* Rows of jh_store_ledger_* (ledger.c checks the arguments and sets
	 * the times: `at` is UTC text). */
	jh_code (*ledger_insert)(void *db, jh_ledger_item *it, jh_diags *d);
	jh_code (*ledger_update)(void *db, const jh_ledger_item *it, long expect,
	                         jh_diags *d);
	jh_code (*ledger_get)(void *db, long id, const char *county,
	                      const char *key, jh_ledger_item *out, jh_diags *d);
	jh_code (*ledger_list)(void *db, const jh_ledger_filter *f,
	                       jh_ledger_item **out, size_t *n, jh_diags *d);
	jh_code (*ledger_event)(void *db, long item, const char *at,
	                        const char *who, const char *action,
	                        const char *from, const char *to,
	                        const char *detail, jh_diags *d);
	jh_code (*ledger_events)(void *db, long item, jh_ledger_event **out,
	                         size_t *n, jh_diags *d);
	jh_code (*evidence_add)(void *db, jh_ledger_evidence *e, const void *body,
	                        jh_diags *d);
	jh_code (*evidence_list)(void *db, long item, jh_ledger_evidence **out,
	                         size_t *n, jh_diags *d);
	jh_code (*evidence_get)(void *db, long item, long id,
	                        jh_ledger_evidence *meta, void **body, size_t *size,
	                        jh_diags *d);

	/* --- schema 7, creation plans --- */
	/* Version `version` (0: the current one) of area's plan document;
	 * JH_ERR_NOTFOUND, no problem recorded, when there is none. */
	jh_code (*plandoc_get)(void *db, const char *area, long version,
	                       jh_plandoc *out, jh_diags *d);
	/* A new version numbered `version`; JH_ERR_CONFLICT, no problem
	 * recorded, when that number exists already (another writer). */
	jh_code (*plandoc_put)(void *db, const char *area, long version,
	                       long long at, const char *who, const char *why,
	                       const char *body, jh_diags *d);
	/* Every version, oldest first, without bodies. */
	jh_code (*plandoc_versions)(void *db, const char *area, jh_plandoc **out,
	                            size_t *n, jh_diags *d);
	/* 1 when a cycle of the county was assessed and forwarded. */
	jh_code (*plandoc_forwarded)(void *db, const char *county, int *yes,
	                             jh_diags *d);

	/* --- schema 7, workflow and snapshots --- */
	/* lib/store/sqlite_cycle.c.  cycle_get: JH_ERR_NOTFOUND, no problem
	 * recorded, when the county-year has no row.  cycle_put: insert the
	 * row when missing (version 1, state self_evaluation), then set state,
	 * decision, changed and version + 1 where the version and state are
	 * the ones given; *changed 0 when no row matched.  Inside the generic
	 * layer's transaction (begin/commit), as are event_add and
	 * snapshot_add. */
	jh_code (*cycle_get)(void *db, const char *county, int year,
	                     jh_cycle_row *out, jh_diags *d);
	jh_code (*cycle_list)(void *db, int year, jh_cycle_row **out, size_t *n,
	                      jh_diags *d);
	jh_code (*cycle_put)(void *db, const jh_cycle_row *row, long version,
	                     const char *from_state, int *changed, jh_diags *d);
	jh_code (*cycle_event_add)(void *db, const jh_cycle_event *e, long *id,
	                           jh_diags *d);
	jh_code (*cycle_events)(void *db, const char *county, int year,
	                        jh_cycle_event **out, size_t *n, jh_diags *d);
	jh_code (*snapshot_add)(void *db, const jh_snapshot_meta *m,
	                        const char *body, size_t len, long *id,
	                        jh_diags *d);
	/* JH_ERR_NOTFOUND, no problem recorded, when there is none. */
	jh_code (*snapshot_get)(void *db, long id, jh_snapshot_meta *m,
	                        char **body, size_t *len, jh_diags *d);
	jh_code (*snapshots)(void *db, const char *county, int year,
	                     jh_snapshot_meta **out, size_t *n, jh_diags *d);

};

/* A county-year a revision changed (a school-year of it, a county-year
 * record of it), or an area (code, year 0) — and "" with year 0 for
 * any area, which every county's cache key includes (names are in
 * every output). */
typedef struct jhTouch {
	char county[8];
	int year;
} jhTouch;

struct jh_store {
	const struct jhStoreOps *ops;
	void *db;
	jh_clock_fn clock;     /* NULL: the system clock */
	void *clock_ctx;
};

/* How a backend opens a database: an existing one to read and write (and
 * migrate), a new or existing one (init), or an existing one only to read
 * (nothing written, not even a migration: the file may be read-only). */
enum { JH_OPEN_WRITE, JH_OPEN_CREATE, JH_OPEN_READONLY };

/* A backend: its name in messages, the URI prefix that selects it
 * ("sqlite:"; NULL for the one that takes plain paths), and how to open
 * a database of it (target = the URI without the prefix). */
typedef struct jhBackend {
	const char *name;
	const char *prefix;
	jh_code (*open)(const char *target, int mode, struct jh_store *s,
	                jh_diags *d);
} jhBackend;

/* backends.c: the backend for a URI or path, and the target to hand it.
 * Unknown schemes and backends not built are refused with a coded
 * problem. */
jh_code jhBackendFor(const char *uri, const jhBackend **out,
                     const char **target, jh_diags *d);

/* store_sqlite.c */
jh_code jhSqliteOpen(const char *path, int mode, struct jh_store *s,
                     jh_diags *d);
/* For the SQLite files of schema 7 (sqlite_ledger.c, sqlite_creation.c,
 * sqlite_cycle.c), which keep their statements to themselves: the
 * connection behind a SQLite store's db pointer, and the house error for
 * a failed call on it (JH_ERR_DB, with a coded problem: busy, full,
 * read-only … or JH_P_STORE with SQLite's words after `what`). */
struct sqlite3;
/* sqlite_error.c (its own file: no object that store_sqlite.c's ops
 * table names may call into store_sqlite.c). */
struct sqlite3 *jhSqliteHandle(void *db);
jh_code jhSqliteError(void *db, jh_diags *d, const char *what);
/* The coded problem of an SQLite result code (JH_P_STORE for the rest). */
jh_problem jhSqliteProblem(int code);
/* cycle.c: t (seconds since 1970) as UTC "YYYY-MM-DDTHH:MM:SSZ", the
 * text the schema-7 tables keep their times in. */
void jhStoreUtc(long long t, char out[21]);
/* sqlite_cycle.c: the workflow's ops of the SQLite backend (jhStoreOps). */
jh_code jhSqCycleGet(void *db, const char *county, int year, jh_cycle_row *out,
                     jh_diags *d);
jh_code jhSqCycleList(void *db, int year, jh_cycle_row **out, size_t *n,
                      jh_diags *d);
jh_code jhSqCyclePut(void *db, const jh_cycle_row *row, long version,
                     const char *from_state, int *changed, jh_diags *d);
jh_code jhSqCycleEventAdd(void *db, const jh_cycle_event *e, long *id,
                          jh_diags *d);
jh_code jhSqCycleEvents(void *db, const char *county, int year,
                        jh_cycle_event **out, size_t *n, jh_diags *d);
jh_code jhSqSnapshotAdd(void *db, const jh_snapshot_meta *m, const char *body,
                        size_t len, long *id, jh_diags *d);
jh_code jhSqSnapshotGet(void *db, long id, jh_snapshot_meta *m, char **body,
                        size_t *len, jh_diags *d);
jh_code jhSqSnapshots(void *db, const char *county, int year,
                      jh_snapshot_meta **out, size_t *n, jh_diags *d);

/* --- schema 7, ledgers (ledger.c) --- */
/* A write transaction of the store (the backend's begin: BEGIN IMMEDIATE
 * on SQLite, so writers queue), for the cycle layer's operations that
 * read, check and write as one; Rollback is a no-op outside one. */
jh_code jhStoreBegin(jh_store *s, jh_diags *d);
jh_code jhStoreCommit(jh_store *s, jh_diags *d);
void jhStoreRollback(jh_store *s);
/* The store clock's time as stored: UTC "YYYY-MM-DDTHH:MM:SSZ". */
void jhStoreNowText(const jh_store *s, char out[21]);
/* sqlite_ledger.c: the ledger ops of the SQLite backend. */
jh_code jhSqLedgerInsert(void *db, jh_ledger_item *it, jh_diags *d);
jh_code jhSqLedgerUpdate(void *db, const jh_ledger_item *it, long expect,
                         jh_diags *d);
jh_code jhSqLedgerGet(void *db, long id, const char *county, const char *key,
                      jh_ledger_item *out, jh_diags *d);
jh_code jhSqLedgerList(void *db, const jh_ledger_filter *f,
                       jh_ledger_item **out, size_t *n, jh_diags *d);
jh_code jhSqLedgerEvent(void *db, long item, const char *at, const char *who,
                        const char *action, const char *from, const char *to,
                        const char *detail, jh_diags *d);
jh_code jhSqLedgerEvents(void *db, long item, jh_ledger_event **out,
                         size_t *n, jh_diags *d);
jh_code jhSqEvidenceAdd(void *db, jh_ledger_evidence *e, const void *body,
                        jh_diags *d);
jh_code jhSqEvidenceList(void *db, long item, jh_ledger_evidence **out,
                         size_t *n, jh_diags *d);
jh_code jhSqEvidenceGet(void *db, long item, long id, jh_ledger_evidence *meta,
                        void **body, size_t *size, jh_diags *d);

/* sqlite_creation.c: the plan_doc ops of the SQLite backend. */
jh_code jhSqPlandocGet(void *db, const char *area, long version,
                       jh_plandoc *out, jh_diags *d);
jh_code jhSqPlandocPut(void *db, const char *area, long version, long long at,
                       const char *who, const char *why, const char *body,
                       jh_diags *d);
jh_code jhSqPlandocVersions(void *db, const char *area, jh_plandoc **out,
                            size_t *n, jh_diags *d);
jh_code jhSqPlandocForwarded(void *db, const char *county, int *yes,
                             jh_diags *d);

/* localtime.c: revision times for people.  jhLocalTime renders a stored
 * UTC time ("YYYY-MM-DDTHH:MM:SSZ") as "YYYY-MM-DD HH:MM:SS (北京时间)" in
 * the zone of $JUNHENG_TZ, else $TZ, else Asia/Shanghai (the label in
 * lang); returns out.  jhLocalSeconds: seconds since 1970 (UTC) of a
 * local calendar time in that zone, -1 when it is not a real date. */
const char *jhLocalTime(const char *utc, const char *lang, char *out, size_t cap);
/* *tm zeroed and set to the calendar date and time given (y the full year,
 * mo 1..12), as timegm and mktime take it. */
struct tm;
void jhTmSet(struct tm *tm, int y, int mo, int d, int h, int mi, int s);
long long jhLocalSeconds(int y, int mo, int d, int h, int mi, int s);
/* The local calendar time of t (seconds since 1970 UTC) in that zone. */
void jhLocalTm(long long t, struct tm *out);

/* history.c: the lists shared with backends */
jh_code jhHistoryPush(jh_history *h, const jh_change *c);
/* Copy a string into the history's arena (NULL stays NULL). */
const char *jhHistoryStr(jh_history *h, const char *s);
/* Append a revision (strings copied into the list's arena). */
jh_code jhRevisionsPush(jh_revisions *r, const jh_revision *rev);

#endif
