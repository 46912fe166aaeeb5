/*
** junheng/store.h — the storage layer of libjunheng (lib/store): a
** versioned, audited database of areas, school-years and county-year
** records behind one interface, one backend per database.  Uses the
** domain layer.
*/
#ifndef JUNHENG_STORE_H
#define JUNHENG_STORE_H

#include "junheng/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Storage: a versioned, audited database.                              */
/* ------------------------------------------------------------------ */

/* The store is one interface with one implementation per database; the
 * default is SQLite (a file path).  No SQL exists outside lib/store/store_*.c. */
typedef struct jh_store jh_store;

/* Who made a change and why; every change belongs to one revision. */
typedef struct jh_revision_info {
	const char *who;            /* user name */
	const char *why;            /* reason given */
	const char *kind;           /* "import", "edit", "delete" */
	size_t nsources;
	const char *const *source_names;   /* files of an import */
	const char *const *source_sha256;  /* their SHA-256, hex */
} jh_revision_info;
/* A revision's time is set by the store, never by the caller: the clock's
 * time, or the last revision's when the clock is behind it, so that times
 * never go backwards; stored in UTC. */

typedef struct jh_import_stats {
	size_t rows;              /* school-year rows offered */
	size_t added;             /* new school-years */
	size_t changed;           /* school-years with changed fields */
	size_t unchanged;
	size_t deleted;
	size_t fields_changed;    /* field changes recorded */
	size_t areas_changed;     /* areas added or renamed */
	size_t items_changed;     /* county-year records added or changed */
	size_t missing;           /* stored school-years of the county-years the
	                             import covers that it does not contain
	                             (kept; deleted, and counted in deleted too,
	                             with jh_import_opts.replace) */
	long revision;            /* revision created, 0 when nothing changed */
} jh_import_stats;

/* Create a new database or bring an existing one to the current schema
 * (migrations are versioned in the file).  `uri` chooses the backend: a
 * plain path or "sqlite:FILE" is SQLite; "postgresql://..." is recognised
 * and refused for now (not built); other "scheme://" are refused. */
jh_code jh_store_init(const char *uri, jh_store **out, jh_diags *diags);
/* Open an existing junheng database; it is migrated when older.  A
 * missing one is JH_ERR_NOTFOUND with JH_P_DB_MISSING (run init). */
jh_code jh_store_open(const char *uri, jh_store **out, jh_diags *diags);
/* Open an existing junheng database to read only: nothing is written to
 * it (no migration; an older schema is refused with JH_P_DB_OLD_SCHEMA),
 * so a read-only file or share will do.  Writes through this handle fail
 * with JH_P_DB_READONLY. */
jh_code jh_store_open_readonly(const char *uri, jh_store **out, jh_diags *diags);
void jh_store_close(jh_store *s);
/* The clock revisions take their time from: seconds since 1970-01-01
 * UTC.  fn NULL restores the system clock.  For tests and replays; the
 * store still never lets a revision be earlier than the one before. */
typedef long long (*jh_clock_fn)(void *ctx);
void jh_store_set_clock(jh_store *s, jh_clock_fn fn, void *ctx);
/* The clock's time now (seconds since 1970 UTC): what the cycle's
 * deadlines, overdue items and event times are judged by, so that tests
 * can set the day. */
long long jh_store_now(const jh_store *s);
/* $JUNHENG_TODAY=YYYY-MM-DD, when set, stops the clock of every store
 * opened at noon of that local day (tests and demonstrations of the
 * cycle's deadlines only: every revision then carries that time). */
/* Schema version of the open database. */
int jh_store_schema_version(jh_store *s);

/* Import areas, school-year rows and county-year records as one
 * transaction and one revision.
 * Checks against what is stored: unknown county, a school in two
 * counties, a school whose type changes between years.  On any problem
 * nothing is written.  Unchanged rows record nothing; changed rows record
 * only their changed fields.  areas, ds or items may be NULL. */
jh_code jh_store_import(jh_store *s, const jh_areas *areas,
                        const jh_dataset *ds, const jh_county_items *items,
                        const jh_revision_info *info,
                        jh_import_stats *stats, jh_diags *diags);
/* How an import treats what it does not contain.  A column absent from
 * a table, or a blank cell, leaves the stored value as it is (absent is
 * not empty); 清空 clears it (jh_school_year.not_given).  Stored
 * school-years of a county-year the import covers (a county and year of
 * one of its rows) that it does not contain are kept and listed in
 * `missing` (appended when not NULL; the caller's dataset), or, with
 * replace, deleted in the import's revision. */
typedef struct jh_import_opts {
	int replace;
	jh_dataset *missing;
} jh_import_opts;
/* jh_store_import with options (NULL: the defaults, as jh_store_import). */
jh_code jh_store_import_opts(jh_store *s, const jh_areas *areas,
                             const jh_dataset *ds, const jh_county_items *items,
                             const jh_import_opts *opts,
                             const jh_revision_info *info,
                             jh_import_stats *stats, jh_diags *diags);
/* County-year records valid after revision as_of (0 = now), selected by
 * county and year of the filter (may be NULL).  *out owned by caller. */
jh_code jh_store_county_items(jh_store *s, const jh_filter *filter,
                              long as_of, jh_county_items **out,
                              jh_diags *diags);
/* Change fields of one school-year (keys of the template, values as
 * text, checked like an imported cell); the read and the write are one
 * transaction.  base_revision > 0 makes the edit optimistic: it is the
 * revision the caller's view was read at, and if that school-year got a
 * new version after it, the edit is refused with JH_ERR_CONFLICT and a
 * JH_P_CONFLICT problem naming the later revision.  0: no such check. */
jh_code jh_store_set(jh_store *s, const char *school_code, int year,
                     long base_revision, size_t n, const char *const *fields,
                     const char *const *values, const jh_revision_info *info,
                     jh_import_stats *stats, jh_diags *diags);
/* Delete a school-year (year 0: every year of the school). */
jh_code jh_store_delete(jh_store *s, const char *school_code, int year,
                        const jh_revision_info *info, jh_import_stats *stats,
                        jh_diags *diags);
/* Rows as they were after revision `as_of` (0 = now), selected by the
 * filter (may be NULL).  *out is a new dataset owned by the caller. */
jh_code jh_store_load(jh_store *s, const jh_filter *filter, long as_of,
                      jh_dataset **out, jh_diags *diags);
/* Areas as stored now.  *out owned by the caller. */
jh_code jh_store_areas(jh_store *s, jh_areas **out, jh_diags *diags);
/* A revision number ("12") or a date or time ("2024-05-01",
 * "2024-05-01T10:30:00", UTC) to the last revision made by then. */
jh_code jh_store_resolve_as_of(jh_store *s, const char *spec, long *rev,
                               jh_diags *diags);

typedef struct jh_change {
	long revision;
	const char *at, *who, *why, *kind, *sources;
	const char *entity;        /* "school_year", "area" or "county_year" */
	const char *school_code;   /* or area code */
	const char *county_code;
	int year;
	const char *field;
	const char *old_value;     /* NULL when added */
	const char *new_value;     /* NULL when deleted */
} jh_change;

typedef struct jh_history jh_history;

/* Every change to a school, or to all schools of a county (either may be
 * NULL but not both), oldest first.  *out owned by the caller. */
jh_code jh_store_history(jh_store *s, const char *school_code,
                         const char *county_code, jh_history **out,
                         jh_diags *diags);
/* What one revision changed, as jh_store_history shows it, within the
 * given area codes (n 0: everywhere): the school-years and county-year
 * records of the counties among codes, and the areas among codes that it
 * added or renamed.  Read by revision — the county-years it touched
 * (schema 6's index of them), the versions it opened or closed there and
 * the versions they replaced — not from every county's whole history.
 * Ordered by county (an area's own change under its code), then per
 * county: its area change, its school-years (by school, year, field as
 * history orders them), its county-year records (by year, item).  Empty
 * when the revision changed nothing there or does not exist.  *out owned
 * by the caller (jh_history_free). */
jh_code jh_store_revision_changes(jh_store *s, long revision,
                                  const char *const *codes, size_t n,
                                  jh_history **out, jh_diags *diags);
void jh_history_free(jh_history *h);
/* Changes oldest first; jh_history_at(h, i) for i < count points into h. */
size_t jh_history_count(const jh_history *h);
const jh_change *jh_history_at(const jh_history *h, size_t i);
/* Render a history for people (text in lang "zh" or "en") or programs
 * (JSON), appended to out. */
jh_code jh_history_report(const jh_history *h, jh_format fmt,
                          const char *lang, jh_buf *out);

/* One revision: its number, when (UTC "YYYY-MM-DDTHH:MM:SSZ"), who, why,
 * what kind, and the files it was read from ("FILE SHA256; ..." as in a
 * jh_change, NULL when none). */
typedef struct jh_revision {
	long number;
	const char *at, *who, *why, *kind, *sources;
} jh_revision;

typedef struct jh_revisions jh_revisions;

/* Up to `limit` revisions (0 = all) numbered `from` (>= 1) and up, oldest
 * first.  *out owned by the caller (jh_revisions_free). */
jh_code jh_store_revisions(jh_store *s, long from, size_t limit,
                           jh_revisions **out, jh_diags *diags);
void jh_revisions_free(jh_revisions *r);
/* Oldest first; jh_revisions_at(r, i) for i < count points into r. */
size_t jh_revisions_count(const jh_revisions *r);
const jh_revision *jh_revisions_at(const jh_revisions *r, size_t i);
jh_code jh_revisions_report(const jh_revisions *r, jh_format fmt,
                            const char *lang, jh_buf *out);

/* ------------------------------------------------------------------ */
/* Accounts, sessions and the audit (schema 6; the rules on them are    */
/* in lib/access, which is what programs call: these only store).       */
/* ------------------------------------------------------------------ */

/* Roles, highest first; rank (jh_role_rank) 5 for admin down to 0 for a
 * school. */
typedef enum jh_role {
	JH_ROLE_ADMIN = 0,
	JH_ROLE_PROVINCE,
	JH_ROLE_CITY,
	JH_ROLE_COUNTY,
	JH_ROLE_INSPECTOR,
	JH_ROLE_SCHOOL,
	JH_ROLE__COUNT
} jh_role;
const char *jh_role_key(jh_role r);                    /* "county" */
const char *jh_role_name(jh_role r, const char *lang); /* 县级督导室 / county office */
int jh_role_parse(const char *s);                      /* the key; -1 when unknown */
int jh_role_rank(jh_role r);                           /* admin 5 … school 0 */

typedef struct jh_user {
	char name[64];       /* 1..63 bytes */
	jh_role role;
	char area[24];       /* area code, a school code for JH_ROLE_SCHOOL, "" for admin */
	int disabled;
	long long created, changed;   /* seconds since 1970 UTC */
} jh_user;
#define JH_PWHASH_MAX 128   /* crypto_pwhash_STRBYTES */

/* JH_ERR_CONFLICT (JH_P_ACCOUNT_EXISTS) when the name exists. */
jh_code jh_store_account_add(jh_store *s, const jh_user *u, const char *pwhash,
                             jh_diags *d);
/* JH_ERR_NOTFOUND (JH_P_ACCOUNT_UNKNOWN) when there is none; pwhash may
 * be NULL. */
jh_code jh_store_account_get(jh_store *s, const char *name, jh_user *u,
                             char pwhash[JH_PWHASH_MAX], jh_diags *d);
/* Role, area, disabled and changed of u->name; the hash too unless
 * pwhash is NULL.  JH_ERR_NOTFOUND when there is no such account. */
jh_code jh_store_account_update(jh_store *s, const jh_user *u,
                                const char *pwhash, jh_diags *d);
/* Every account, by name; *out malloc'd (NULL when none), freed by the
 * caller with free(). */
jh_code jh_store_accounts(jh_store *s, jh_user **out, size_t *n, jh_diags *d);
/* Sessions are stored by the SHA-256 (hex) of their token only. */
jh_code jh_store_session_add(jh_store *s, const char *token_hash,
                             const char *csrf_hash, const char *account,
                             long long now, jh_diags *d);
/* JH_ERR_NOTFOUND when there is no such session (no problem recorded). */
jh_code jh_store_session_get(jh_store *s, const char *token_hash,
                             char account[64], char csrf_hash[65],
                             long long *last_seen, jh_diags *d);
jh_code jh_store_session_touch(jh_store *s, const char *token_hash,
                               long long now, jh_diags *d);
jh_code jh_store_session_delete(jh_store *s, const char *token_hash,
                                jh_diags *d);
jh_code jh_store_sessions_delete_account(jh_store *s, const char *account,
                                         jh_diags *d);
/* Delete every session last seen before idle_before. */
jh_code jh_store_sessions_expire(jh_store *s, long long idle_before,
                                 jh_diags *d);
/* One audit record: event "sign_in", "sign_in_failed", "sign_out",
 * "account_add", "account_change", ...; address and detail may be NULL.
 * Never a password. */
jh_code jh_store_audit_add(jh_store *s, long long at, const char *account,
                           const char *event, const char *address,
                           const char *detail, jh_diags *d);
/* One audit record as read back (jh_store_audit): at as stored, UTC
 * "YYYY-MM-DDTHH:MM:SSZ". */
typedef struct jh_audit_entry {
	long id;
	char at[24];
	char account[64];
	char event[32];
	char address[64];
	char *detail;        /* malloc'd with the list */
} jh_audit_entry;
/* The last `limit` records (0 = all), oldest first; *out freed with
 * jh_audit_free. */
jh_code jh_store_audit(jh_store *s, size_t limit, jh_audit_entry **out,
                       size_t *n, jh_diags *d);
void jh_audit_free(jh_audit_entry *a, size_t n);

/* Cache keys.  The last revision that changed anything of the
 * county-year (its school-years, its county-year records) or any area;
 * 0 when none. */
jh_code jh_store_county_revision(jh_store *s, const char *county, int year,
                                 long *rev, jh_diags *d);
/* The same for every stored county for one year, in one query, by
 * code: *out malloc'd (NULL when none), freed by the caller with free(). */
typedef struct jh_county_rev { char county[8]; long revision; } jh_county_rev;
jh_code jh_store_county_revisions(jh_store *s, int year, jh_county_rev **out,
                                  size_t *n, jh_diags *d);
/* The county-years that hold current school-years, by county then year,
 * in one query that reads no row's values (what a list of years asks):
 * *out malloc'd (NULL when none), freed by the caller with free(). */
typedef struct jh_county_year_key { char county[8]; int year; } jh_county_year_key;
jh_code jh_store_county_years(jh_store *s, jh_county_year_key **out, size_t *n,
                              jh_diags *d);
/* The county a stored school belongs to; JH_ERR_NOTFOUND (no problem
 * recorded) when the school is not stored. */
jh_code jh_store_school_county(jh_store *s, const char *school, char county[8],
                               jh_diags *d);
/* The name of a stored school as its latest current school-year has it
 * (the latest year's), into name (cap bytes; a longer name is cut at a
 * character's start); JH_ERR_NOTFOUND (no problem recorded) when the
 * school has no current school-year. */
jh_code jh_store_school_name(jh_store *s, const char *school, char *name,
                             size_t cap, jh_diags *d);
/* The current (latest) revision number, 0 for an empty store. */
jh_code jh_store_last_revision(jh_store *s, long *rev, jh_diags *d);
/* Up to `limit` revisions (0 = all) numbered `from` (>= 1) and up, oldest
 * first, that changed something of the given codes: the school-years and
 * county-year records of a county, or the area itself (a county, city or
 * province renamed or added).  n 0: every revision (jh_store_revisions).
 * *out owned by the caller (jh_revisions_free). */
jh_code jh_store_revisions_of(jh_store *s, const char *const *codes, size_t n,
                              long from, size_t limit, jh_revisions **out,
                              jh_diags *d);

/* ------------------------------------------------------------------ */
/* Schema 7, the yearly workflow and snapshots (lib/store/cycle.c,     */
/* lib/store/sqlite_cycle.c).  The rules (who may take which step, the */
/* snapshot's contents) are lib/cycle's; the store keeps the rows,     */
/* moves a county-year's state by compare-and-set on its version and   */
/* never changes a snapshot.                                            */
/* ------------------------------------------------------------------ */

#define JH_CYCLE_NOTE_MAX 12288   /* bytes of an event's note (4000 characters) */

/* A county-year's state as stored; a county-year without a row is read
 * as state "self_evaluation", version 1, changed "" (the row its first
 * step makes). */
typedef struct jh_cycle_row {
	char county[8];
	int year;
	char state[20];          /* a jh_cycle_state key */
	char decision[12];       /* assess: "forwarded", "returned", "" */
	char changed[21];        /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	long version;
} jh_cycle_row;

/* One step taken (cycle_event). */
typedef struct jh_cycle_event {
	long id;
	char county[8];
	int year;
	char at[21];
	char who[64];
	char role[16];           /* jh_role_key of the account */
	char action[16];         /* submit, review, rectify, apply, assess */
	char from_state[20], to_state[20];
	int late;
	long snapshot;           /* the snapshot it froze, 0 none */
	char note[JH_CYCLE_NOTE_MAX];
} jh_cycle_event;

/* A frozen snapshot's description (its body is read alone). */
typedef struct jh_snapshot_meta {
	long id;
	char county[8];
	int year;
	char at[21];
	char who[64];
	char kind[16];           /* "submission", "application" */
	long revision;           /* the county-year's store revision frozen */
	char sha256[65];         /* of the body */
} jh_snapshot_meta;

/* The county-year's row; a county-year without one is answered as
 * state "self_evaluation", version 1, changed "" (JH_OK). */
jh_code jh_store_cycle_get(jh_store *s, const char *county, int year,
                           jh_cycle_row *out, jh_diags *d);
/* Every stored row of the year (every year: 0), by county then year;
 * *out malloc'd (NULL when none), freed by the caller with free(). */
jh_code jh_store_cycle_list(jh_store *s, int year, jh_cycle_row **out,
                            size_t *n, jh_diags *d);
/* One step, in one transaction: the row (made in "self_evaluation" at
 * version 1 when missing) moves from `from_state` at version
 * `version` to `to_state` (decision set); the snapshot (when body is
 * not NULL: meta's kind and revision, its SHA-256 computed here) is
 * stored; the event (e: who, role, action, late, note) written with the
 * time and the snapshot's id.  The state or version found different:
 * JH_ERR_CONFLICT with JH_P_CYCLE_VERSION naming the current version
 * and state, nothing written.  On success e->id, e->at, e->snapshot and
 * *out (the new row) are filled. */
jh_code jh_store_cycle_step(jh_store *s, const char *county, int year,
                            long version, const char *from_state,
                            const char *to_state, const char *decision,
                            jh_cycle_event *e, const char *kind, long revision,
                            const char *body, jh_cycle_row *out, jh_diags *d);
/* The events of a county-year, oldest first; *out malloc'd (NULL when
 * none), freed by the caller with free(). */
jh_code jh_store_cycle_events(jh_store *s, const char *county, int year,
                              jh_cycle_event **out, size_t *n, jh_diags *d);
/* A snapshot: its description and (body not NULL) its stored text,
 * malloc'd and NUL-terminated, freed by the caller with free().
 * JH_ERR_NOTFOUND with JH_P_NOT_FOUND when there is none. */
jh_code jh_store_snapshot_get(jh_store *s, long id, jh_snapshot_meta *meta,
                              char **body, size_t *len, jh_diags *d);
/* The snapshots of a county-year (year 0: every year), oldest first;
 * *out malloc'd (NULL when none), freed by the caller. */
jh_code jh_store_snapshots(jh_store *s, const char *county, int year,
                           jh_snapshot_meta **out, size_t *n, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Schema 7, ledgers (lib/store/ledger.c, sqlite_ledger.c): the rows of */
/* ledger items, their events and evidence.  The rules on them (who may */
/* do what, the data check, sign-off) are lib/cycle's (junheng/cycle.h); */
/* these only store, each call inside the caller's transaction          */
/* (jhStoreBegin in store_int.h) or on its own.                         */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Shared: days.  A day is "YYYY-MM-DD" (local calendar day of the      */
/* office); "today" comes from the store's clock (jh_store_now) in the  */
/* zone of $JUNHENG_TZ/$TZ (Asia/Shanghai by default).                  */
/* ------------------------------------------------------------------ */

typedef struct jh_day {
	char s[11];      /* "YYYY-MM-DD", or "" for none */
} jh_day;

/* ------------------------------------------------------------------ */
/* Ledger items (lib/cycle/ledger*.c owns their operations).           */
/* ------------------------------------------------------------------ */

typedef enum jh_ledger_status {
	JH_LEDGER_OPEN = 0,          /* 待整改 */
	JH_LEDGER_IN_PROGRESS,       /* 整改中 */
	JH_LEDGER_AWAITING_SIGNOFF,  /* 待销号 */
	JH_LEDGER_SIGNED_OFF,        /* 已销号 */
	JH_LEDGER_REOPENED,          /* 已重开 */
	JH_LEDGER__COUNT
} jh_ledger_status;

typedef struct jh_ledger_item {
	long id;
	char county[8];
	char school[24];        /* "" for a county-level item */
	int year;               /* the data year whose verdict (or review) found it */
	char source[12];        /* "generated", "manual", "finding" */
	char key[128];          /* the shortfall's name (store schema 7) */
	char kind[24];          /* "school_indicator", "school_rule",
	                           "coefficient", "county_item", "manual",
	                           "finding" */
	char what_zh[512], what_en[640];
	char figure[64];        /* the figure found, as shown */
	char requirement[96];   /* what the standard requires, as shown */
	char measure[1024];     /* 整改措施 */
	char unit[256];         /* 责任单位 */
	char person[128];       /* 责任人 */
	jh_day deadline;
	jh_ledger_status status;
	int supervised;         /* 挂牌督办 */
	char supervised_note[512];
	char override_reason[1024];
	int cycle_year;         /* a finding: the workflow year; else 0 */
	char created[21], created_by[64], changed[21];
	long version;
} jh_ledger_item;

typedef struct jh_ledger_event {
	long id, item;
	char at[21];            /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	char who[64];
	char action[24];        /* "created", "refreshed", "reopened", "updated",
	                           "status", "signed_off", "supervised",
	                           "evidence" */
	char from_status[20], to_status[20];  /* keys, "" when unchanged */
	char *detail;           /* JSON object text; malloc'd with the list */
} jh_ledger_event;

typedef struct jh_ledger_evidence {
	long id, item;
	char name[256];
	char content_type[128];
	long long size;
	char sha256[65];
	char at[21], who[64];
} jh_ledger_evidence;

/* Which items jh_store_ledger_list returns; zero-initialise, then set
 * status -1 and supervised -1 for "any" (JH_LEDGER_FILTER_INIT). */
typedef struct jh_ledger_filter {
	const char *area;        /* a county, city or province code (items of
	                            the counties within it); NULL or "": all */
	const char *school;      /* NULL or "": any */
	int status;              /* a jh_ledger_status, or -1 */
	const char *overdue_on;  /* a day: only items whose deadline is before
	                            it and not signed off; NULL: any */
	int supervised;          /* 0, 1, or -1 */
	int year;                /* the data year, 0: any */
} jh_ledger_filter;
#define JH_LEDGER_FILTER_INIT {NULL, NULL, -1, NULL, -1, 0}

/* A new item: id, created, changed set (key "manual." or "finding."
 * ending in a dot gets the new id appended); version 1.  JH_ERR_CONFLICT
 * (no problem recorded) when the county already has the key. */
jh_code jh_store_ledger_insert(jh_store *s, jh_ledger_item *it, jh_diags *d);
/* Every changeable field of it (measure … override_reason, status,
 * supervised, deadline, figure, requirement, year, what) written when the
 * stored version is still `expect`: then it->version = expect + 1 and
 * changed = now.  JH_ERR_CONFLICT (no problem recorded) when the version
 * moved or the item is gone. */
jh_code jh_store_ledger_update(jh_store *s, jh_ledger_item *it, long expect,
                               jh_diags *d);
/* JH_ERR_NOTFOUND (no problem recorded) when there is none. */
jh_code jh_store_ledger_get(jh_store *s, long id, jh_ledger_item *out,
                            jh_diags *d);
jh_code jh_store_ledger_find(jh_store *s, const char *county, const char *key,
                             jh_ledger_item *out, jh_diags *d);
/* Items the filter selects, by county, school, id; *out malloc'd (NULL
 * when none), freed by the caller with free(). */
jh_code jh_store_ledger_list(jh_store *s, const jh_ledger_filter *f,
                             jh_ledger_item **out, size_t *n, jh_diags *d);
/* An event of item at the store clock's time; detail a JSON object text
 * or NULL. */
jh_code jh_store_ledger_event(jh_store *s, long item, const char *who,
                              const char *action, const char *from_status,
                              const char *to_status, const char *detail,
                              jh_diags *d);
/* The item's events, oldest first; freed with jh_ledger_events_free. */
jh_code jh_store_ledger_events(jh_store *s, long item, jh_ledger_event **out,
                               size_t *n, jh_diags *d);
void jh_ledger_events_free(jh_ledger_event *e, size_t n);
/* A file of evidence: its SHA-256 computed here; *out (may be NULL)
 * receives the stored record. */
jh_code jh_store_ledger_evidence_add(jh_store *s, long item, const char *name,
                                     const char *content_type,
                                     const void *body, size_t size,
                                     const char *who, jh_ledger_evidence *out,
                                     jh_diags *d);
/* The item's evidence records (no bodies), oldest first; *out malloc'd,
 * freed with free(). */
jh_code jh_store_ledger_evidence_list(jh_store *s, long item,
                                      jh_ledger_evidence **out, size_t *n,
                                      jh_diags *d);
/* One file: its record and body (*body malloc'd, freed by the caller).
 * JH_ERR_NOTFOUND (no problem recorded) when item has no evidence id. */
jh_code jh_store_ledger_evidence_get(jh_store *s, long item, long id,
                                     jh_ledger_evidence *meta, void **body,
                                     size_t *size, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Schema 7, creation plans (lib/store/creation.c): plan documents as   */
/* JSON text, every version kept (lib/cycle/creation.c owns what they  */
/* hold and every rule about who may write them).                       */
/* ------------------------------------------------------------------ */

typedef struct jh_plandoc {
	char area[8];         /* a county's plan, or a city's city-wide targets */
	long version;         /* 1, 2, …; the highest is current */
	char at[24];          /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	char who[64];         /* the account that wrote it */
	char *why;            /* malloc'd (jh_plandoc_clear) */
	char *body;           /* malloc'd; NULL in a list of versions */
} jh_plandoc;

void jh_plandoc_clear(jh_plandoc *p);
void jh_plandocs_free(jh_plandoc *p, size_t n);
/* Version `version` of area's document (0: the current one) into *out
 * (the caller clears it); JH_ERR_NOTFOUND, no problem recorded, when
 * there is none. */
jh_code jh_store_plandoc_get(jh_store *s, const char *area, long version,
                             jh_plandoc *out, jh_diags *d);
/* Store body as version expect + 1 at the store clock's time (expect:
 * the version the writer read, 0 for none).  JH_ERR_CONFLICT, no problem
 * recorded, when that version exists already: another writer was first. */
jh_code jh_store_plandoc_put(jh_store *s, const char *area, long expect,
                             const char *who, const char *why,
                             const char *body, jh_diags *d);
/* Every version (who, when, why; body NULL), oldest first; *out freed
 * with jh_plandocs_free. */
jh_code jh_store_plandoc_versions(jh_store *s, const char *area,
                                  jh_plandoc **out, size_t *n, jh_diags *d);
/* 1 in *yes when a yearly cycle of the county was assessed and forwarded
 * to the province (the workflow's table). */
jh_code jh_store_plandoc_forwarded(jh_store *s, const char *county, int *yes,
                                   jh_diags *d);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_STORE_H */
