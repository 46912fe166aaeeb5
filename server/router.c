/*
** router.c — the route table and matching.
**
** A route is a method, a path pattern, its handler, the query parameters
** it takes (and requires), the kind and limit of its body, whether it is
** heavy (run on the worker pool) and whether it needs no session.  The
** table is the API: docs/api.md lists the same routes.
**
** Matching works on the path as received (percent-encoded): literal
** segments must be equal byte for byte; a {parameter} segment is decoded
** (srv_unescape: no %00, no bad escape, valid UTF-8) and checked by its
** name — {county} six digits, {school} [0-9A-Za-z_-]{1,32}, {year}
** 1990..2100, {name} an account name, {kind} a report kind's shape
** ([a-z-]{1,32}: which kinds exist is the handler's to say).  A path that has a route's shape
** but a parameter that fails is a 400; no shape at all is a 404; the
** shape with another method is a 405 with Allow.
*/
#include "server.h"

#include <stdlib.h>
#include <string.h>

#define MiB (1024u * 1024u)
#define JSON_LIMIT (1 * MiB)
#define FILE_LIMIT (64 * MiB)

const struct route srv_routes[] = {
	{"POST", "/api/v1/session", h_session_post, 0, 0, BODY_JSON, 64 * 1024, 0, 1},
	{"DELETE", "/api/v1/session", h_session_delete, 0, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/me", h_me, 0, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/areas", h_areas, 0, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/years", h_years, Q_AREA, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/overview", h_overview, Q_YEAR | Q_AREA | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/counties/{county}/verdict", h_county_verdict, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/counties/{county}/eval", h_county_eval, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/counties/{county}/gaps", h_county_gaps, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 1, 0},
	{"POST", "/api/v1/counties/{county}/whatif", h_county_whatif, Q_YEAR | Q_LANG, Q_YEAR, BODY_JSON, JSON_LIMIT, 1, 0},
	{"GET", "/api/v1/counties/{county}/schools", h_county_schools, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/counties/{county}/history", h_county_history, Q_LANG, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/schools/{school}", h_school, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"PATCH", "/api/v1/schools/{school}/years/{year}", h_school_patch, 0, 0, BODY_JSON, JSON_LIMIT, 0, 0},
	{"GET", "/api/v1/schools/{school}/history", h_school_history, Q_LANG, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/schools/{school}/guarantee", h_school_guarantee, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/revisions", h_revisions, Q_AREA | Q_FROM | Q_LIMIT, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/revisions/{revision}", h_revision, Q_AREA | Q_FROM | Q_LIMIT | Q_LANG, 0, BODY_NONE, 0, 0, 0},
	{"POST", "/api/v1/imports", h_imports, Q_YEAR, 0, BODY_FILE, FILE_LIMIT, 1, 0},
	{"GET", "/api/v1/users", h_users_get, 0, 0, BODY_NONE, 0, 0, 0},
	{"POST", "/api/v1/users", h_users_post, 0, 0, BODY_JSON, 64 * 1024, 0, 0},
	{"PATCH", "/api/v1/users/{name}", h_user_patch, 0, 0, BODY_JSON, 64 * 1024, 0, 0},

	/* --- issue 12: creation plans and trends (h_creation.c) --- */
	{"GET", "/api/v1/counties/{county}/plan", h_plan_get, 0, 0, BODY_NONE, 0, 0, 0},
	{"PUT", "/api/v1/counties/{county}/plan", h_plan_put, 0, 0, BODY_JSON, JSON_LIMIT, 0, 0},
	{"GET", "/api/v1/cities/{county}/plan", h_plan_get, 0, 0, BODY_NONE, 0, 0, 0},
	{"PUT", "/api/v1/cities/{county}/plan", h_plan_put, 0, 0, BODY_JSON, JSON_LIMIT, 0, 0},
	{"GET", "/api/v1/plans", h_plans, Q_AREA | Q_DATE | Q_LANG, 0, BODY_NONE, 0, 1, 0},
	{"GET", "/api/v1/counties/{county}/trends", h_trends, Q_BASE | Q_YEAR | Q_LANG, 0, BODY_NONE, 0, 1, 0},
	{"GET", "/api/v1/cities/{county}/trends", h_trends, Q_LANG, 0, BODY_NONE, 0, 1, 0},

	/* --- issue 12: ledgers (h_ledger.c) --- */
	{"GET", "/api/v1/ledger", h_ledger_list, Q_AREA | Q_STATUS | Q_OVERDUE | Q_SCHOOL | Q_LANG, 0, BODY_NONE, 0, 0, 0},
	{"POST", "/api/v1/ledger", h_ledger_add, Q_LANG, 0, BODY_JSON, 64 * 1024, 0, 0},
	{"POST", "/api/v1/counties/{county}/ledger/generate", h_ledger_generate, Q_YEAR | Q_LANG, Q_YEAR, BODY_NONE, 0, 1, 0},
	{"GET", "/api/v1/ledger/{id}", h_ledger_get, Q_LANG, 0, BODY_NONE, 0, 0, 0},
	{"PATCH", "/api/v1/ledger/{id}", h_ledger_patch, Q_LANG, 0, BODY_JSON, 64 * 1024, 0, 0},
	{"POST", "/api/v1/ledger/{id}/signoff", h_ledger_signoff, Q_LANG, 0, BODY_JSON, 64 * 1024, 1, 0},
	{"POST", "/api/v1/ledger/{id}/evidence", h_ledger_evidence_post, 0, 0, BODY_FILE, JH_LEDGER_EVIDENCE_MAX, 0, 0},
	{"GET", "/api/v1/ledger/{id}/evidence/{id}", h_ledger_evidence_get, 0, 0, BODY_NONE, 0, 0, 0},

	/* --- issue 12: workflow, snapshots, notices (h_cycle.c) --- */
	{"GET", "/api/v1/counties/{county}/cycle/{year}", h_cycle_get, 0, 0, BODY_NONE, 0, 0, 0},
	{"POST", "/api/v1/counties/{county}/cycle/{year}/submit", h_cycle_submit, 0, 0, BODY_JSON, 64 * 1024, 1, 0},
	{"POST", "/api/v1/counties/{county}/cycle/{year}/review", h_cycle_review, 0, 0, BODY_JSON, JSON_LIMIT, 0, 0},
	{"POST", "/api/v1/counties/{county}/cycle/{year}/rectify", h_cycle_rectify, 0, 0, BODY_JSON, 64 * 1024, 0, 0},
	{"POST", "/api/v1/counties/{county}/cycle/{year}/apply", h_cycle_apply, 0, 0, BODY_JSON, 64 * 1024, 1, 0},
	{"POST", "/api/v1/counties/{county}/cycle/{year}/assess", h_cycle_assess, 0, 0, BODY_JSON, 64 * 1024, 0, 0},
	{"GET", "/api/v1/snapshots/{id}", h_snapshot, 0, 0, BODY_NONE, 0, 0, 0},
	{"GET", "/api/v1/snapshots/{id}/diff", h_snapshot_diff, 0, 0, BODY_NONE, 0, 1, 0},
	{"GET", "/api/v1/notices", h_notices, Q_AREA | Q_DATE | Q_LANG | Q_FORMAT, Q_AREA, BODY_NONE, 0, 0, 0},

	/* --- issue 13: documents (h_reports.c); a build may take a second:
	 * on the worker pool, so that quick requests never wait behind it --- */
	{"GET", "/api/v1/counties/{county}/reports/{kind}", h_report, Q_YEAR | Q_LANG | Q_DOC | Q_SCHOOL, Q_YEAR, BODY_NONE, 0, 1, 0},
	/* --- issue 14: the blank forms (h_reports.c) --- */
	{"GET", "/api/v1/forms/{kind}", h_form, Q_LANG, 0, BODY_NONE, 0, 0, 0},

	{NULL, NULL, NULL, 0, 0, BODY_NONE, 0, 0, 0},
};

/* Next segment of a path at *p (after a '/'): [s, s+n); 0 at the end. */
static int segment(const char **p, const char **s, size_t *n)
{
	if (**p != '/')
		return 0;
	*s = ++*p;
	while (**p && **p != '/')
		++*p;
	*n = (size_t)(*p - *s);
	return 1;
}

enum { NO_MATCH, MATCH, BAD_PARAM };

static int match(const char *pattern, const char *path,
                 char param[SRV_MAX_PARAMS][72], size_t *nparam)
{
	const char *pp = pattern, *up = path, *ps = NULL, *us = NULL;
	size_t pn = 0, un = 0;
	int bad = 0;

	*nparam = 0;
	for (;;) {
		int a = segment(&pp, &ps, &pn), b = segment(&up, &us, &un);
		if (!a || !b) {
			if (a || b || *pp || *up)
				return NO_MATCH;
			return bad ? BAD_PARAM : MATCH;
		}
		if (pn > 2 && ps[0] == '{') {
			char *v = param[*nparam];
			long len = srv_unescape(us, un, v, 72);
			int ok = 0, y;
			if (len > 0) {
				if (!strncmp(ps, "{county}", pn))
					ok = srv_valid_area(v);
				else if (!strncmp(ps, "{school}", pn))
					ok = srv_valid_school(v);
				else if (!strncmp(ps, "{year}", pn))
					ok = srv_valid_year(v, &y);
				else if (!strncmp(ps, "{name}", pn))
					ok = srv_valid_name(v);
				else if (!strncmp(ps, "{kind}", pn))
					ok = len <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz-") == (size_t)len;
				else if (!strncmp(ps, "{revision}", pn) ||  /* 1..999999999 */
				         !strncmp(ps, "{id}", pn))
					ok = len <= 9 && strspn(v, "0123456789") == (size_t)len &&
					     atol(v) >= 1;
			}
			if (!ok)
				bad = 1;
			++*nparam;
		} else if (pn != un || memcmp(ps, us, pn))
			return NO_MATCH;
	}
}

const struct route *srv_route(struct req *r, const char *method,
                              const char *path, unsigned *status,
                              const char **allow)
{
	static _Thread_local char allow_buf[64];
	int shape = 0, bad = 0;

	allow_buf[0] = 0;
	for (const struct route *rt = srv_routes; rt->method; rt++) {
		char param[SRV_MAX_PARAMS][72];
		size_t n;
		int m = match(rt->pattern, path, param, &n);
		if (m == NO_MATCH)
			continue;
		shape = 1;
		if (strcmp(rt->method, method)) {
			if (strlen(allow_buf) + strlen(rt->method) + 3 < sizeof allow_buf) {
				if (allow_buf[0])
					strcat(allow_buf, ", ");
				strcat(allow_buf, rt->method);
			}
			continue;
		}
		if (m == BAD_PARAM) {
			bad = 1;
			continue;
		}
		memcpy(r->param, param, sizeof param);
		r->nparam = n;
		return rt;
	}
	if (bad) {
		*status = 400;
		srv_error(r, 400, "bad_parameter", "路径中的代码或年度不正确",
		          "a code or year in the path is not valid");
		return NULL;
	}
	*status = shape ? 405 : 404;
	*allow = allow_buf[0] ? allow_buf : NULL;
	return NULL;
}
