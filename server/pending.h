/*
** pending.h — TEMPORARY: the drafted access/store/service API of
** DESIGN10.md, so that the server builds before parts A and B land.
** Removed as soon as they are on main.
*/
#ifndef JH_PENDING_H
#define JH_PENDING_H
#include "junheng.h"
typedef enum jh_role { JH_ROLE_SCHOOL = 0, JH_ROLE_INSPECTOR, JH_ROLE_COUNTY, JH_ROLE_CITY, JH_ROLE_PROVINCE, JH_ROLE_ADMIN, JH_ROLE__COUNT } jh_role;
const char *jh_role_key(jh_role r);                 /* "county" */
const char *jh_role_name(jh_role r, const char *lang); /* 县级督导室 / county office */
int jh_role_parse(const char *s);                   /* -1 when unknown */
typedef struct jh_user {
	char name[64];       /* 1..63 bytes */
	jh_role role;
	char area[24];       /* area code, a school code for JH_ROLE_SCHOOL, "" for admin */
	int disabled;
	long long created, changed;   /* seconds since 1970 UTC */
} jh_user;
#define JH_PWHASH_MAX 128   /* crypto_pwhash_STRBYTES */
jh_code jh_store_account_add(jh_store *s, const jh_user *u, const char *pwhash, jh_diags *d); /* JH_ERR_CONFLICT if the name exists */
jh_code jh_store_account_get(jh_store *s, const char *name, jh_user *u, char pwhash[JH_PWHASH_MAX], jh_diags *d); /* JH_ERR_NOTFOUND */
jh_code jh_store_account_update(jh_store *s, const jh_user *u, const char *pwhash /* NULL: keep */, jh_diags *d);
jh_code jh_store_accounts(jh_store *s, jh_user **out, size_t *n, jh_diags *d); /* by name; *out freed by caller with free() */
jh_code jh_store_session_add(jh_store *s, const char *token_hash, const char *csrf_hash, const char *account, long long now, jh_diags *d);
jh_code jh_store_session_get(jh_store *s, const char *token_hash, char account[64], char csrf_hash[65], long long *last_seen, jh_diags *d); /* JH_ERR_NOTFOUND */
jh_code jh_store_session_touch(jh_store *s, const char *token_hash, long long now, jh_diags *d);
jh_code jh_store_session_delete(jh_store *s, const char *token_hash, jh_diags *d);
jh_code jh_store_sessions_delete_account(jh_store *s, const char *account, jh_diags *d);
jh_code jh_store_sessions_expire(jh_store *s, long long idle_before, jh_diags *d);
jh_code jh_store_audit_add(jh_store *s, long long at, const char *account, const char *event /* "sign_in", "sign_in_failed", "sign_out", "account_add", ... */, const char *address, const char *detail, jh_diags *d);
/* The last revision that changed anything of the county-year (its school-years, its county-year records) or any area; 0 when none.  Cache key. */
jh_code jh_store_county_revision(jh_store *s, const char *county, int year, long *rev, jh_diags *d);
/* The same for every county of a year at once (one query): *out[i] = {code, rev}; freed by caller with free(). */
typedef struct jh_county_rev { char county[8]; long revision; } jh_county_rev;
jh_code jh_store_county_revisions(jh_store *s, int year, jh_county_rev **out, size_t *n, jh_diags *d);
jh_code jh_store_school_county(jh_store *s, const char *school, char county[8], jh_diags *d); /* JH_ERR_NOTFOUND */
/* The current (latest) revision number, 0 for an empty store. */
jh_code jh_store_last_revision(jh_store *s, long *rev, jh_diags *d);
/* Revisions that changed something of the given counties (n 0: all). */
jh_code jh_store_revisions_of(jh_store *s, const char *const *counties, size_t n, long from, size_t limit, jh_revisions **out, jh_diags *d);
jh_code jh_password_hash(const char *password, char out[JH_PWHASH_MAX], jh_diags *d); /* crypto_pwhash_str, argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE; rules: 8..256 bytes of valid UTF-8 */
int jh_password_verify(const char *pwhash, const char *password);   /* 1 ok */
/* Accounts.  `areas` are the stored areas (to check role/area); who = the acting account for the audit ("" CLI admin). */
jh_code jh_account_add(jh_store *s, const jh_areas *areas, const char *name, jh_role role, const char *area, const char *password, const char *who, jh_diags *d);
typedef struct jh_account_change { int role; /* -1 keep */ const char *area; /* NULL keep */ int disabled; /* -1 keep */ const char *password; /* NULL keep */ } jh_account_change;
jh_code jh_account_change_apply(jh_store *s, const jh_areas *areas, const char *name, const jh_account_change *ch, const char *who, jh_diags *d); /* a new password or disabling ends the account's sessions */
/* Sign-in: JH_ERR_AUTH for an unknown name, a wrong password or a disabled account alike (a dummy verify runs for unknown names so the time does not tell). Records sign_in / sign_in_failed in the audit with the address. */
jh_code jh_account_authenticate(jh_store *s, const char *name, const char *password, const char *address, jh_user *out, jh_diags *d);
/* Sessions: token and csrf are 64 hex chars of 32 random bytes (randombytes_buf); only their SHA-256 is stored. */
jh_code jh_session_start(jh_store *s, const char *account, long long now, char token[65], char csrf[65], jh_diags *d);
/* The account of a live session: JH_ERR_AUTH when unknown, idle longer than idle_seconds (then deleted), or the account is disabled.  csrf_hash receives the stored hash for jh_session_csrf_ok.  Touches last_seen at most once a minute. */
jh_code jh_session_resume(jh_store *s, const char *token, long long now, long idle_seconds, jh_user *out, char csrf_hash[65], jh_diags *d);
int jh_session_csrf_ok(const char csrf_hash[65], const char *csrf_header); /* constant time; 0 when header NULL */
jh_code jh_session_end(jh_store *s, const char *token, jh_diags *d);
/* Throttle (in memory, thread-safe): after max_account failures of one name, or max_address of one address, within window seconds, refuse for lock seconds (doubling per further failure, capped). */
typedef struct jh_throttle jh_throttle;
typedef struct jh_throttle_limits { unsigned max_account, max_address; long window, lock, lock_max; } jh_throttle_limits; /* defaults 5, 20, 900, 60, 3600 */
jh_throttle *jh_throttle_new(const jh_throttle_limits *l /* NULL: defaults */);
void jh_throttle_free(jh_throttle *t);
long jh_throttle_wait(jh_throttle *t, const char *account, const char *address, long long now); /* seconds to wait, 0: may try */
void jh_throttle_record(jh_throttle *t, const char *account, const char *address, int ok, long long now);
/* Policy (the table above).  All return JH_OK, JH_ERR_DENIED or JH_ERR_NOTFOUND (unknown area). */
typedef enum jh_op { JH_OP_READ, JH_OP_WRITE } jh_op;
int jh_area_within(const jh_areas *a, const char *code, const char *ancestor);
jh_code jh_access_area(const jh_areas *a, const jh_user *u, jh_op op, const char *area);
jh_code jh_access_school(const jh_areas *a, const jh_user *u, jh_op op, const char *school, const char *county);
jh_code jh_access_manage(const jh_areas *a, const jh_user *caller, jh_role role, const char *area, const char *county_of_school /* for a school account, else NULL */);
/* An import checked whole against the caller: every row, record and area (rule above); problems JH_P_… naming file, line, column; JH_ERR_DENIED when any. */
jh_code jh_access_import(const jh_areas *stored, const jh_user *u, jh_store *s, const jh_areas *in_areas, const jh_dataset *in_rows, const jh_county_items *in_items, jh_diags *d);
jh_code jh_service_county_summary(jh_store *s, const jh_query *q, jh_buf *out, jh_diags *d);
jh_code jh_service_schools(jh_store *s, const jh_query *q, jh_buf *out, jh_diags *d);
jh_code jh_service_school(jh_store *s, const char *school, int year, const jh_standard *std, const char *lang, jh_buf *out, jh_diags *d);
jh_code jh_service_revisions(jh_store *s, const char *const *counties, size_t n, jh_buf *out, jh_diags *d);
#endif
