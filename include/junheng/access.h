/*
** junheng/access.h — the access layer of libjunheng (lib/access):
** passwords, accounts, sessions, sign-in throttling and the one policy
** that decides who may read, write or manage what.  Uses the storage and
** domain layers; no HTTP in it (the server and the CLI call it).
*/
#ifndef JUNHENG_ACCESS_H
#define JUNHENG_ACCESS_H

#include "junheng/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Passwords: libsodium's argon2id (crypto_pwhash_str, interactive      */
/* limits).  A password is 8 to 256 bytes of valid UTF-8.               */
/* ------------------------------------------------------------------ */

#define JH_PASSWORD_MIN 8
#define JH_PASSWORD_MAX 256

/* The rules alone (JH_P_PASSWORD_SHORT, _LONG, _UTF8 in d). */
jh_code jh_password_check(const char *password, jh_diags *d);
/* Check and hash; out receives the "$argon2id$..." string. */
jh_code jh_password_hash(const char *password, char out[JH_PWHASH_MAX],
                         jh_diags *d);
/* 1 when password matches pwhash, else 0. */
int jh_password_verify(const char *pwhash, const char *password);

/* ------------------------------------------------------------------ */
/* Accounts.  `areas` are the stored areas (jh_store_areas), to check   */
/* that a role and its area go together; a school account's school must */
/* be stored.  `who` is the acting account, recorded in the audit ("" : */
/* the command line, acting as the file's administrator).               */
/* ------------------------------------------------------------------ */

/* A user name: 1 to 63 bytes of ASCII letters, digits, . _ - @ and
 * non-ASCII UTF-8 (Chinese names), not starting with . or -.  1 ok. */
int jh_account_name_ok(const char *name);
/* Role and area go together (JH_P_ROLE_AREA, JH_P_ACCOUNT_AREA_UNKNOWN,
 * JH_P_ACCOUNT_SCHOOL_UNKNOWN): admin ""; province, city, county an
 * area of that level; inspector any stored area; school a stored school
 * (looked up in s). */
jh_code jh_account_check_area(jh_store *s, const jh_areas *areas, jh_role role,
                              const char *area, jh_diags *d);
jh_code jh_account_add(jh_store *s, const jh_areas *areas, const char *name,
                       jh_role role, const char *area, const char *password,
                       const char *who, jh_diags *d);
typedef struct jh_account_change {
	int role;              /* a jh_role, or -1: keep */
	const char *area;      /* NULL: keep */
	int disabled;          /* 0 or 1, or -1: keep */
	const char *password;  /* NULL: keep */
} jh_account_change;
#define JH_ACCOUNT_CHANGE_NONE {-1, NULL, -1, NULL}
/* A new password or disabling ends the account's sessions.  Records
 * account_change in the audit (what changed; never the password). */
jh_code jh_account_change_apply(jh_store *s, const jh_areas *areas,
                                const char *name, const jh_account_change *ch,
                                const char *who, jh_diags *d);
/* Sign-in: JH_ERR_AUTH with JH_P_SIGN_IN_FAILED for an unknown name, a
 * wrong password or a disabled account alike (a dummy verify runs for
 * unknown names so that the time does not tell).  Records sign_in or
 * sign_in_failed in the audit with the address. */
jh_code jh_account_authenticate(jh_store *s, const char *name,
                                const char *password, const char *address,
                                jh_user *out, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Sessions: a token of 32 random bytes (randombytes_buf) and a CSRF    */
/* token derived from it (jh_session_csrf), each 64 hex digits; only    */
/* their SHA-256 is stored.                                              */
/* ------------------------------------------------------------------ */

#define JH_SESSION_TOUCH 60    /* last_seen is written at most once a minute */

jh_code jh_session_start(jh_store *s, const char *account, long long now,
                         char token[65], char csrf[65], jh_diags *d);
/* The CSRF token of the session token `token` (64 lower-case hex
 * digits): HMAC-SHA-256 keyed with it, as 64 hex digits into csrf.  -1
 * (csrf "") when token is malformed or libsodium cannot start. */
int jh_session_csrf(const char *token, char csrf[65]);
/* The account of a live session: JH_ERR_AUTH (JH_P_SIGN_IN_REQUIRED)
 * when the token is malformed or unknown, idle longer than idle_seconds
 * (then deleted), or its account is gone or disabled.  csrf_hash (may be
 * NULL) receives the stored hash for jh_session_csrf_ok. */
jh_code jh_session_resume(jh_store *s, const char *token, long long now,
                          long idle_seconds, jh_user *out, char csrf_hash[65],
                          jh_diags *d);
/* 1 when csrf_header is the session's CSRF token; compared in constant
 * time (sodium_memcmp of the hashes); 0 when the header is NULL. */
int jh_session_csrf_ok(const char csrf_hash[65], const char *csrf_header);
/* Delete the session (an unknown one is fine); records sign_out. */
jh_code jh_session_end(jh_store *s, const char *token, jh_diags *d);

/* ------------------------------------------------------------------ */
/* Sign-in throttle: in memory, thread-safe.  After max_account failures */
/* of one name, or max_address of one address, within `window` seconds, */
/* sign-in is refused for `lock` seconds, doubling with each further    */
/* failure, at most lock_max.  A success clears the name's count (not   */
/* the address's).                                                      */
/* ------------------------------------------------------------------ */

typedef struct jh_throttle jh_throttle;
typedef struct jh_throttle_limits {
	unsigned max_account, max_address;
	long window, lock, lock_max;
} jh_throttle_limits;
#define JH_THROTTLE_DEFAULTS {5, 20, 900, 60, 3600}
jh_throttle *jh_throttle_new(const jh_throttle_limits *l /* NULL: defaults */);
void jh_throttle_free(jh_throttle *t);
/* Seconds to wait before trying again (for Retry-After); 0: may try. */
long jh_throttle_wait(jh_throttle *t, const char *account, const char *address,
                      long long now);
void jh_throttle_record(jh_throttle *t, const char *account, const char *address,
                        int ok, long long now);

/* ------------------------------------------------------------------ */
/* The policy: who may read, write or manage what (DESIGN10's table).  */
/* Every check answers JH_OK, JH_ERR_DENIED or JH_ERR_NOTFOUND (the     */
/* code is not stored: area and school codes are no secret).            */
/* ------------------------------------------------------------------ */

typedef enum jh_op { JH_OP_READ, JH_OP_WRITE } jh_op;

/* 1 when area `code` is `ancestor` or below it (parent chain). */
int jh_area_within(const jh_areas *a, const char *code, const char *ancestor);
/* Read (overview, a county's verdict/eval/gaps/whatif/schools/history,
 * revisions) or write (county-year records, areas) area X. */
jh_code jh_access_area(const jh_areas *a, const jh_user *u, jh_op op,
                       const char *area);
/* Read or write school T of county `county` (jh_store_school_county;
 * NULL or "" when the school is not stored: JH_ERR_NOTFOUND). */
jh_code jh_access_school(const jh_areas *a, const jh_user *u, jh_op op,
                         const char *school, const char *county);
/* Create or change an account of `role` bound to `area` (for a school
 * account its school code, and county_of_school its county). */
jh_code jh_access_manage(const jh_areas *a, const jh_user *caller, jh_role role,
                         const char *area, const char *county_of_school);
/* An import checked whole before anything is written: every school-year
 * row (its county, and for a school account its code), every county-year
 * record, every area record (one outside the caller's area is allowed
 * only when stored with the same name, level and parent).  Each
 * offending row is a problem (JH_P_IMPORT_OUTSIDE, ..._AREA_OUTSIDE,
 * naming file, sheet, line, column); JH_ERR_DENIED when any.  Any of the
 * three inputs may be NULL.  s (may be NULL: rows are then judged by the
 * county they name only) is asked for the county each row's school is
 * stored in; a database error is returned as such (JH_ERR_DB). */
jh_code jh_access_import(const jh_areas *stored, const jh_user *u, jh_store *s,
                         const jh_areas *in_areas, const jh_dataset *in_rows,
                         const jh_county_items *in_items, jh_diags *d);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_ACCESS_H */
