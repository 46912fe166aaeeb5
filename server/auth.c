/*
** auth.c — the caller of a request: the session cookie, the CSRF header,
** the cookie the server sets, and the audit of what callers do.
**
** The cookie `jh_session` holds a random 256-bit token (64 hex digits);
** lib/access keeps only its hash and decides whether it is live
** (jh_session_resume: unknown, idle too long or a disabled account are
** alike a 401).  Every call that is not a GET (or HEAD) must carry the
** CSRF token returned at sign-in in `X-CSRF-Token`; it is compared in
** constant time with the hash stored beside the session (403 otherwise).
** POST /session is the one exception: it has no session yet.
**
** The cookie is `HttpOnly; SameSite=Strict; Path=/`, plus `Secure` with
** --secure-cookie (behind TLS).
*/
#include "server.h"

#include <microhttpd.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int hex64(const char *s)
{
	if (!s || strlen(s) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static enum MHD_Result count_csrf(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value)
{
	(void)kind;
	(void)value;
	if (!strcasecmp(key, "X-CSRF-Token"))
		++*(int *)cls;
	return MHD_YES;
}

int srv_auth(struct req *r)
{
	const char *tok = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	                                              "jh_session");
	char csrf_hash[65] = "";
	struct srv_thread *t;
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	if (!hex64(tok)) {
		srv_error(r, 401, "unauthorized", "请先登录", "sign in first");
		return -1;
	}
	if (!(t = srv_thread(r)))
		return -1;
	rc = jh_session_resume(t->store, tok, (long long)time(NULL),
	                       r->srv->cfg->session_idle, &r->user, csrf_hash, &d);
	if (rc) {
		if (rc == JH_ERR_AUTH || rc == JH_ERR_NOTFOUND)
			srv_error(r, 401, "unauthorized", "请先登录(或登录已过期)",
			          "sign in first (or the session expired)");
		else
			srv_fail(r, rc, &d);
		jh_diags_free(&d);
		return -1;
	}
	jh_diags_free(&d);
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
		const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
		                                            "X-CSRF-Token");
		int n = 0;
		/* Sent twice is never right, whichever comes first. */
		MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_csrf, &n);
		if (n != 1 || !jh_session_csrf_ok(csrf_hash, h)) {
			srv_error(r, 403, "csrf", "缺少或错误的 X-CSRF-Token",
			          "missing or wrong X-CSRF-Token");
			return -1;
		}
	}
	r->signed_in = 1;
	strcpy(r->token, tok);
	return 0;
}

void srv_set_session_cookie(struct req *r, const char *token, int clear)
{
	snprintf(r->set_cookie, sizeof r->set_cookie,
	         "jh_session=%s; HttpOnly; SameSite=Strict; Path=/%s%s",
	         clear ? "" : token, clear ? "; Max-Age=0" : "",
	         r->srv->cfg->secure_cookie ? "; Secure" : "");
}

void srv_audit(struct req *r, const char *event, const char *detail)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;

	if (t)
		jh_store_audit_add(t->store, (long long)time(NULL),
		                   r->signed_in ? r->user.name : "", event, r->address,
		                   detail ? detail : "", &d);
	jh_diags_free(&d);
}
