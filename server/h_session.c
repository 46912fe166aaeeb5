/*
** h_session.c — POST /session (sign in), DELETE /session (sign out),
** GET /me.
**
** Sign-in is throttled per account name and per address (lib/access's
** jh_throttle): a refused attempt is a 429 with Retry-After and does not
** even check the password.  An unknown name, a wrong password and a
** disabled account give the same 401 (lib/access makes them take the
** same time).  lib/access records sign_in, sign_in_failed and sign_out
** in the audit; the server adds sign_in_throttled.  GET /me gives back
** the CSRF token too (derived from the session token: jh_session_csrf).
*/
#include "server.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void h_session_post(struct req *r)
{
	static const struct srv_field f[] = {
		{"username", F_NAME, 1, 63},
		{"password", F_SECRET, 1, 1024},
		{NULL, 0, 0, 0},
	};
	const char *name, *password;
	struct srv_thread *t;
	jh_diags d = JH_DIAGS_INIT;
	char token[65], csrf[65];
	long long now = (long long)time(NULL);
	long wait;
	jh_code rc;

	if (srv_fields(r, r->json, f) || !(t = srv_thread(r)))
		return;
	name = json_string_value(json_object_get(r->json, "username"));
	password = json_string_value(json_object_get(r->json, "password"));
	if ((wait = jh_throttle_wait(r->srv->throttle, name, r->address, now)) > 0) {
		r->retry_after = wait;
		srv_audit(r, "sign_in_throttled", name);
		srv_fail(r, JH_ERR_BUSY, NULL);
		return;
	}
	rc = jh_account_authenticate(t->store, name, password, r->address, &r->user, &d);
	jh_throttle_record(r->srv->throttle, name, r->address, rc == JH_OK, now);
	if (rc == JH_ERR_AUTH) {
		srv_error(r, 401, "unauthorized", "用户名或密码错误",
		          "wrong user name or password");
		goto out;
	}
	if (!rc)
		rc = jh_session_start(t->store, r->user.name, now, token, csrf, &d);
	/* Sessions left idle are deleted when next used; those never used
	 * again go here, at each sign-in, once older than any --session-idle
	 * allows (30 days): another server on the same database may keep
	 * its sessions longer than this one. */
	if (!rc)
		jh_store_sessions_expire(t->store, now - SESSION_IDLE_MAX, &d);
	if (rc) {
		srv_fail(r, rc, &d);
		goto out;
	}
	r->signed_in = 1;
	srv_set_session_cookie(r, token, 0);
	srv_json_obj(r, 200, json_pack("{s:o,s:s}", "user",
	                               srv_user_json(r, &r->user, srv_areas(r)), "csrf", csrf));
	memset(token, 0, sizeof token);
	memset(csrf, 0, sizeof csrf);
out:
	jh_diags_free(&d);
}

void h_session_delete(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	if (!t)
		return;
	rc = jh_session_end(t->store, r->token, &d);
	if (rc && rc != JH_ERR_NOTFOUND) {
		srv_fail(r, rc, &d);
	} else {
		srv_set_session_cookie(r, NULL, 1);
		srv_json_obj(r, 200, json_pack("{s:b}", "signed_out", 1));
	}
	jh_diags_free(&d);
}

/* The caller, and the session's CSRF token, derived again from the
 * session cookie (lib/access/session.c): a page reloaded in the browser
 * has lost the token of its sign-in. */
void h_me(struct req *r)
{
	const jh_areas *a = srv_areas(r);
	char csrf[65];

	if (!a)
		return;
	if (jh_session_csrf(r->token, csrf)) {
		srv_fail(r, JH_ERR_NOMEM, NULL);
		return;
	}
	srv_json_obj(r, 200, json_pack("{s:o,s:s}", "user", srv_user_json(r, &r->user, a),
	                               "csrf", csrf));
	memset(csrf, 0, sizeof csrf);
}
