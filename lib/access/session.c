/*
** session.c — sessions: random tokens of which only hashes are stored.
**
** A session token and its CSRF token are each 32 bytes from
** randombytes_buf, shown as 64 hex digits; the store keeps their SHA-256
** only, so that a copy of the database signs nobody in.  A session ends
** after idle_seconds without a request (checked on resume, and deleted
** then), when its account is disabled or its password changed (the
** account functions delete its sessions), or on sign-out.  last_seen is
** written at most once a minute (JH_SESSION_TOUCH), so that reads do not
** each become a write.
**
** The CSRF token is compared as hashes with sodium_memcmp, in constant
** time: what the header holds is hashed first, so its length tells
** nothing either.
**
** The CSRF token is not drawn on its own but derived from the session
** token: HMAC-SHA-256 keyed with the session token (its 64 hex digits) of
** the label "junheng csrf v1", as 64 hex digits (jh_session_csrf).  So
** the server can give it back to a page reloaded in the browser (GET /me)
** from the cookie alone, without storing it: whoever holds the session
** token — the browser, never a page of another site, the cookie being
** HttpOnly and SameSite=Strict — can have it, and nobody else can compute
** it.  The store still keeps only the two SHA-256 hashes, from which
** neither token can be had, and the header is still checked against the
** stored hash.
*/
#include "access_int.h"

#include <sodium.h>
#include <string.h>

static void random_hex(char out[65])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof b);
	jhAccessHex(b, sizeof b, out);
	sodium_memzero(b, sizeof b);
}

/* A token as the client holds it: 64 lower-case hex digits. */
static int token_ok(const char *t)
{
	size_t i;

	if (!t)
		return 0;
	for (i = 0; t[i] && i < 65; i++)
		if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
			return 0;
	return i == 64;
}

int jh_session_csrf(const char *token, char csrf[65])
{
	static const char label[] = "junheng csrf v1";
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;

	csrf[0] = '\0';
	if (!token_ok(token) || jhAccessSodium())
		return -1;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)token, 64);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label, sizeof label - 1);
	crypto_auth_hmacsha256_final(&st, mac);
	jhAccessHex(mac, sizeof mac, csrf);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(mac, sizeof mac);
	return 0;
}

jh_code jh_session_start(jh_store *s, const char *account, long long now,
                         char token[65], char csrf[65], jh_diags *d)
{
	char th[65], ch[65];
	jh_code rc;

	token[0] = csrf[0] = '\0';
	if (jhAccessSodium())
		return JH_ERR_NOMEM;
	random_hex(token);
	if (jh_session_csrf(token, csrf)) {
		token[0] = '\0';
		return JH_ERR_NOMEM;
	}
	jh_sha256_hex(token, 64, th);
	jh_sha256_hex(csrf, 64, ch);
	if ((rc = jh_store_session_add(s, th, ch, account, now, d))) {
		token[0] = csrf[0] = '\0';
		return rc;
	}
	return JH_OK;
}

static jh_code no_session(jh_diags *d)
{
	jh_diags_add(d, JH_P_SIGN_IN_REQUIRED, NULL, NULL, 0, 0, NULL, NULL, NULL);
	return JH_ERR_AUTH;
}

jh_code jh_session_resume(jh_store *s, const char *token, long long now,
                          long idle_seconds, jh_user *out, char csrf_hash[65],
                          jh_diags *d)
{
	char th[65], account[64], ch[65];
	long long last_seen;
	jh_diags quiet = JH_DIAGS_INIT;
	jh_code rc;

	memset(out, 0, sizeof *out);
	if (csrf_hash)
		csrf_hash[0] = '\0';
	if (!token_ok(token))
		return no_session(d);
	jh_sha256_hex(token, 64, th);
	rc = jh_store_session_get(s, th, account, ch, &last_seen, d);
	if (rc == JH_ERR_NOTFOUND)
		return no_session(d);
	if (rc)
		return rc;
	if (now - last_seen > idle_seconds) {
		if ((rc = jh_store_session_delete(s, th, d)))
			return rc;
		return no_session(d);
	}
	rc = jh_store_account_get(s, account, out, NULL, &quiet);
	jh_diags_free(&quiet);
	if (rc == JH_ERR_NOTFOUND || (rc == JH_OK && out->disabled)) {
		memset(out, 0, sizeof *out);
		if ((rc = jh_store_sessions_delete_account(s, account, d)))
			return rc;
		return no_session(d);
	}
	if (rc)
		return rc;
	if (now - last_seen >= JH_SESSION_TOUCH &&
	    (rc = jh_store_session_touch(s, th, now, d)))
		return rc;
	if (csrf_hash)
		memcpy(csrf_hash, ch, 65);
	return JH_OK;
}

int jh_session_csrf_ok(const char csrf_hash[65], const char *csrf_header)
{
	char h[65];

	if (!csrf_hash || !csrf_header || strlen(csrf_hash) != 64)
		return 0;
	jh_sha256_hex(csrf_header, strlen(csrf_header), h);
	return sodium_memcmp(h, csrf_hash, 64) == 0;
}

jh_code jh_session_end(jh_store *s, const char *token, jh_diags *d)
{
	char th[65], account[64], ch[65];
	long long last_seen;
	jh_code rc;

	if (!token_ok(token))
		return JH_OK;
	jh_sha256_hex(token, 64, th);
	rc = jh_store_session_get(s, th, account, ch, &last_seen, d);
	if (rc == JH_ERR_NOTFOUND)
		return JH_OK;
	if (rc || (rc = jh_store_session_delete(s, th, d)))
		return rc;
	return jh_store_audit_add(s, 0, account, "sign_out", NULL, NULL, d);
}
