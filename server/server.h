/*
** server.h — the web server's internal interface (server/ files).
**
** The server is a program over the library, like src/: it includes
** junheng.h only.  One request goes through these steps, each in its
** own file:
**
**   http.c     libmicrohttpd daemon: limits, reading the body (413 past
**              the route's limit), the worker pool for heavy routes
**              (suspend, run on a worker, resume), responses with the
**              security headers, SIGTERM/SIGINT (stop accepting, finish
**              what is in flight, exit 0);
**   router.c   the route table: method, path pattern, handler, query
**              parameters allowed/required, body limit and kind, heavy
**              flag, whether a session is needed; 404/405 from it;
**   request.c  typed validators: every path parameter, query value and
**              JSON body checked before a handler runs (400 otherwise);
**   auth.c     the caller from the session cookie, the CSRF header;
**   cache.c    renderings keyed by (kind, county, year, lang) and valid
**              while the county's store revision is the same;
**   static.c   the web application: embedded in the binary (web_embed.c,
**              generated from web/dist), or files from --static DIR;
**   h_*.c      handlers by resource: thin calls into lib/access,
**              lib/service and lib/store.
**
** A handler never sees an unchecked input and never writes a library
** detail (a path, SQL, an internal message) into a response: errors go
** through srv_fail, which keeps only what the caller may read.
*/
#ifndef JH_SERVER_H
#define JH_SERVER_H

#include "junheng.h"

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>

struct MHD_Connection;

/* What `junheng serve` was given (src/cmd_serve.c fills it). */
struct srv_config {
	const char *db;            /* the database address */
	const char *listen;        /* "HOST:PORT", default 127.0.0.1:8080 */
	unsigned threads;          /* request threads (MHD pool), default 4 */
	unsigned workers;          /* heavy-request workers, default 2 */
	const char *static_dir;    /* NULL: the embedded index page */
	long session_idle;         /* seconds, default 1800 */
	int secure_cookie;         /* add Secure to the session cookie */
	const jh_standard *std;    /* the standard (national or --standard) */
	const jh_costs *costs;     /* NULL: default costs */
	const char *lang;          /* language of the server's own messages */
};

/* The longest --session-idle (30 days). */
#define SESSION_IDLE_MAX (30L * 86400)

/* Run the server until SIGTERM or SIGINT; the exit status (0 clean). */
int srv_run(const struct srv_config *cfg);

/* ---------------------------------------------------------------- */
/* Per-thread state: one store connection (and the areas read through */
/* it) per request or worker thread, opened on first use and closed   */
/* by srv_run at the end.                                             */
/* ---------------------------------------------------------------- */
struct srv_thread {
	jh_store *store;
	jh_areas *areas;           /* as of areas_rev */
	long areas_rev;
	struct srv_thread *next;   /* all of them, for closing */
};

/* ---------------------------------------------------------------- */
/* One request.                                                       */
/* ---------------------------------------------------------------- */
enum srv_body { BODY_NONE = 0, BODY_JSON, BODY_FILE };

struct req;
typedef void (*srv_handler)(struct req *r);

/* Query parameters a route may take (bit set); each has one validator. */
enum {
	Q_YEAR = 1 << 0,   /* 1990..2100 */
	Q_AREA = 1 << 1,   /* 6 digits */
	Q_LANG = 1 << 2,   /* zh | en */
	Q_FROM = 1 << 3,   /* revision number >= 1 */
	Q_LIMIT = 1 << 4,  /* 1..1000 */
	Q_DATE = 1 << 5,   /* a calendar day YYYY-MM-DD */
	Q_STATUS = 1 << 6, /* a ledger status key (open, in_progress, …) */
	Q_OVERDUE = 1 << 7,/* 0 | 1 */
	Q_SCHOOL = 1 << 8, /* a school code */
	Q_BASE = 1 << 9,   /* a second year to compare with, 1990..2100 */
	Q_FORMAT = 1 << 10,/* json | csv (notices) */
	Q_DOC = 1 << 11,   /* format=xlsx | pdf (reports; the same name as Q_FORMAT,
	                      read as this on a route that takes it) */
};

struct route {
	const char *method;        /* "GET", "POST", "PATCH", "DELETE" */
	const char *pattern;       /* "/api/v1/counties/{county}/verdict" */
	srv_handler fn;
	unsigned query;            /* Q_* allowed */
	unsigned query_required;   /* Q_* required */
	enum srv_body body;
	size_t body_limit;         /* bytes; 0 for BODY_NONE */
	int heavy;                 /* run on the worker pool */
	int public_;               /* no session needed (POST /session) */
};

#define SRV_MAX_PARAMS 3
/* Files in one multipart import (a school-year file, a county-year file,
 * a survey, areas … as `junheng import` takes several). */
#define SRV_MAX_FILES 16

struct req {
	struct srv *srv;
	struct MHD_Connection *conn;
	const struct route *route;
	const char *method;
	char address[64];          /* the client's IP address */

	/* Checked inputs. */
	char param[SRV_MAX_PARAMS][72];  /* path parameters, in order */
	size_t nparam;
	int year;                  /* 0 when not given */
	char area[8];              /* "" when not given */
	const char *lang;          /* "zh" (default) or "en" */
	long from;                 /* 0 when not given */
	long limit;                /* 0 when not given */
	char date[11];             /* "" when not given */
	int ledger_status;         /* a jh_ledger_status, -1 when not given */
	int overdue;               /* 0 or 1 (0 when not given) */
	char school[33];           /* "" when not given */
	int base_year;             /* 0 when not given */
	int csv;                   /* format=csv (or Accept: text/csv where a route reads it) */
	int doc_format;            /* format=xlsx|pdf: a jh_report_format, -1 when not given */
	jh_buf body;               /* the body as received */
	size_t received;           /* bytes of body received */
	int body_too_large;
	json_t *json;              /* BODY_JSON: the parsed object */
	char filename[256];        /* BODY_FILE: the (first) file's name, checked */
	/* BODY_FILE: the files of the body, each a slice of body.data — the
	 * whole body, or each file part of a multipart form. */
	struct srv_file {
		char name[256];        /* checked; only the part after the last '/' */
		size_t off, len;
	} files[SRV_MAX_FILES];
	size_t nfiles;

	/* The caller. */
	int signed_in;
	jh_user user;
	char token[65];            /* the session token from the cookie */

	/* The response. */
	unsigned status;
	jh_buf out;
	const char *ctype;         /* NULL: JSON */
	int file_fd;               /* a static file: its descriptor + 1, or 0 */
	size_t file_size;
	const void *file_mem;      /* an embedded file: its bytes (not freed) */
	const char *cache;         /* Cache-Control of a page or file, NULL: no-cache */
	int vary;                  /* Vary: Accept-Encoding */
	char set_cookie[256];
	long retry_after;          /* seconds, 0: none */
	const char *allow;         /* Allow header of a 405 */
	const char *encoding;      /* Content-Encoding of the body; NULL: none */
	char disposition[128];     /* Content-Disposition of a download ("" none) */
	char cache_key[96];        /* the cache entry the body came from or went
	                              to ("" none): its gzip copy is kept there */
	long cache_rev;
	int answered;
	int suspended;             /* on a worker */
	int done;                  /* worker finished; queue the response */
	struct req *next_job;
};

/* The server's shared state. */
struct srv {
	const struct srv_config *cfg;
	jh_throttle *throttle;
	pthread_mutex_t write_lock;  /* store writes from this process */
};

/* http.c */
struct srv_thread *srv_thread(struct req *r);  /* NULL: cannot open (answered 500) */
/* The stored areas, reread when the store's last revision moved. */
const jh_areas *srv_areas(struct req *r);

/* Responses (request.c).  Each sets r->status and r->out once; the
 * first answer wins. */
void srv_json(struct req *r, unsigned status, const char *json, size_t len);
void srv_json_obj(struct req *r, unsigned status, json_t *obj); /* steals obj */
/* {"error":{"code","message_zh","message_en"[,"problems"]}} */
void srv_error(struct req *r, unsigned status, const char *code,
               const char *zh, const char *en);
/* An error from a library call: status from rc (400, 401, 403, 404,
 * 409, 422, 429, 500, 503), the messages of rc and, for input problems,
 * every problem (never one that names a path or a database detail). */
void srv_fail(struct req *r, jh_code rc, const jh_diags *d);
void srv_not_found(struct req *r);
/* The problems of d as a JSON array (file, sheet, line, column,
 * column_name, message_zh, message_en); internal ones left out. */
json_t *srv_problems(const jh_diags *d);

/* Validators (request.c): 1 when s is valid. */
int srv_valid_year(const char *s, int *year);
int srv_valid_area(const char *s);
int srv_valid_school(const char *s);
int srv_valid_name(const char *s);
int srv_valid_text(const char *s, size_t max);
/* Percent-decode src[0..n) into dst (cap bytes incl. NUL): -1 on a bad
 * escape, a NUL, invalid UTF-8 or no room; otherwise the length. */
long srv_unescape(const char *src, size_t n, char *dst, size_t cap);
/* Everything of the request checked against its route before the
 * handler; 0 when fine, else answered (400). */
int srv_check_query(struct req *r);
int srv_check_body(struct req *r);

/* The fields a JSON object may have: each checked by type (and, for
 * text, valid UTF-8 without control characters, 1..max bytes); a field
 * not listed, a missing required one or a wrong type is a 400.  The
 * list ends with a NULL key. */
enum { F_TEXT, F_SECRET, F_NAME, F_INT, F_BOOL, F_OBJECT, F_ARRAY };
struct srv_field {
	const char *key;
	int type;
	int required;
	size_t max;       /* bytes (text), largest value (int), members (object, array) */
};
int srv_fields(struct req *r, const json_t *obj, const struct srv_field *f);
/* A JSON scalar as cell text: a string (no control characters), a number
 * within ±10^15, null as "" (clear); -1 for anything else. */
int srv_cell_text(const json_t *v, char *out, size_t cap);

/* router.c */
extern const struct route srv_routes[];
/* Find the route of method + raw path (percent-encoded as received):
 * NULL with *status 404 or 405 (allow set for 405), or the route with
 * r->param filled (decoded and validated by their names). */
const struct route *srv_route(struct req *r, const char *method,
                              const char *path, unsigned *status,
                              const char **allow);

/* auth.c: the caller from the cookie; 0 when signed in (and, on a call
 * that is not GET, the CSRF header right), else answered (401/403). */
int srv_auth(struct req *r);
void srv_set_session_cookie(struct req *r, const char *token, int clear);
void srv_audit(struct req *r, const char *event, const char *detail);

/* cache.c */
void srv_cache_init(size_t max_bytes);
void srv_cache_free(void);
/* 1 and a copy of the bytes appended to out when key is cached at rev. */
int srv_cache_get(const char *key, long rev, jh_buf *out);
void srv_cache_put(const char *key, long rev, const char *data, size_t len);
/* The gzip copy of an entry's bytes, kept beside them while the entry
 * lives at that revision: get appends it to out (1 when there), put
 * attaches it (ignored when the entry is gone or newer). */
int srv_cache_get_gz(const char *key, long rev, jh_buf *out);
void srv_cache_put_gz(const char *key, long rev, const char *gz, size_t len);
/* Note that r's answer is the entry key at rev (for its gzip copy). */
void srv_cache_mark(struct req *r, const char *key, long rev);
/* 1 when an Accept-Encoding value accepts gzip (the token gzip or *,
 * without q=0). */
int srv_accepts_gzip(const char *accept_encoding);
/* data gzip-compressed, appended to out; 0 ok, -1 failed. */
int srv_gzip(const char *data, size_t len, jh_buf *out);
int srv_cache_has(const char *key, long rev);

/* http.c: answer with an open file (fd is then the server's to close). */
int srv_send_fd(struct req *r, int fd, size_t size, const char *ctype);
/* http.c: answer with bytes that live as long as the program (embedded). */
int srv_send_mem(struct req *r, const void *data, size_t size, const char *ctype);
/* static.c: GET of a path outside /api/; answers 200 or 404. */
void srv_static(struct req *r, const char *raw_path);
/* The web application's files (build/gen/server/web_embed.c, made by
 * scripts/embed-web.sh from web/dist), sorted by path; gz is the gzip -9
 * copy, NULL when it would not be smaller.  srv_web_nfiles is 0 when the
 * binary was built without the web application. */
struct srv_web_file {
	const char *path;            /* "/index.html", "/assets/index-X.js" */
	const unsigned char *data;
	size_t size;
	const unsigned char *gz;
	size_t gz_size;
};
extern const struct srv_web_file srv_web_files[];
extern const size_t srv_web_nfiles;

/* h_common.c: what the handlers share. */
/* An account as JSON: name, role (+ its names), area, area_name (the
 * area's name; a school account's: its school's, from the store; null
 * for admin or when unknown), disabled, created, changed. */
json_t *srv_user_json(struct req *r, const jh_user *u, const jh_areas *a);
/* The caller may read (op READ) or write area `code`: 0, else answered
 * (403, or 404 for an unknown area). */
int srv_check_area(struct req *r, jh_op op, const char *code);
/* The school's county into county, and the caller may op the school:
 * 0, else answered (404 unknown school, 403). */
int srv_check_school(struct req *r, jh_op op, const char *school, char county[8]);
/* Answer 200 with the JSON in b when rc is JH_OK, else srv_fail. */
void srv_answer(struct req *r, jh_code rc, const jh_buf *b, const jh_diags *d);
/* A rendering of one county-year through the cache: key kind:county:
 * year:lang, valid while jh_store_county_revision is the same; render
 * is called on a miss. */
typedef jh_code (*srv_render_fn)(struct req *r, jh_store *s, const jh_query *q,
                                 jh_buf *out, jh_diags *d);
void srv_cached(struct req *r, const char *kind, const char *county,
                srv_render_fn render);

/* The history of a school or a county (one NULL) as the CLI's JSON;
 * the caller has checked access. */
void srv_history(struct req *r, const char *school, const char *county);

/* h_areas.c: drop the shared list of county-years (at the end). */
void srv_years_free(void);

/* Handlers. */
void h_session_post(struct req *r);
void h_session_delete(struct req *r);
void h_me(struct req *r);
void h_areas(struct req *r);
void h_years(struct req *r);
void h_overview(struct req *r);
void h_county_verdict(struct req *r);
void h_county_eval(struct req *r);
void h_county_gaps(struct req *r);
void h_county_whatif(struct req *r);
void h_county_schools(struct req *r);
void h_county_history(struct req *r);
void h_school(struct req *r);
void h_school_patch(struct req *r);
void h_school_history(struct req *r);
void h_revisions(struct req *r);
void h_revision(struct req *r);          /* h_revision.c */
void h_school_guarantee(struct req *r);
void h_imports(struct req *r);
void h_users_get(struct req *r);
void h_users_post(struct req *r);
void h_user_patch(struct req *r);

/* --- issue 12: creation plans and trends (h_creation.c) --- */
void h_plan_get(struct req *r);     /* counties and cities alike */
void h_plan_put(struct req *r);
void h_plans(struct req *r);
void h_trends(struct req *r);       /* counties and cities alike */

/* --- issue 12: ledgers (h_ledger.c) --- */
void h_ledger_list(struct req *r);
void h_ledger_generate(struct req *r);
void h_ledger_add(struct req *r);
void h_ledger_get(struct req *r);
void h_ledger_patch(struct req *r);
void h_ledger_signoff(struct req *r);
void h_ledger_evidence_post(struct req *r);
void h_ledger_evidence_get(struct req *r);
/* After an import (is) or a school edit (county, year) was stored: reopen
 * the ledger items whose shortfall is back (jh_ledger_refresh). */
void srv_ledger_refresh(struct req *r, const jh_import_set *is, const char *county,
                        int year);

/* --- issue 12: workflow, snapshots, notices (h_cycle.c) --- */
void h_cycle_get(struct req *r);
void h_cycle_submit(struct req *r);
void h_cycle_review(struct req *r);
void h_cycle_rectify(struct req *r);
void h_cycle_apply(struct req *r);
void h_cycle_assess(struct req *r);
void h_snapshot(struct req *r);
void h_snapshot_diff(struct req *r);
void h_notices(struct req *r);

/* --- issue 13: documents (h_reports.c) --- */
void h_report(struct req *r);
/* --- issue 14: blank forms (h_reports.c) --- */
void h_form(struct req *r);

#endif
