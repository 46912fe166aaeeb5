/*
** accounts.c — the store's side of accounts, sessions, the audit and
** the cache keys (schema 6): thin, checked forwarding to the backend.
**
** The rules (what a valid name, password or role/area pair is, who may
** manage whom, how a session expires) are lib/access's; this file only
** stores and reads, so that a second backend has as little to do as
** possible.  Times the caller leaves 0 (an account's created/changed)
** are taken from the store's clock, as revisions' are.
*/
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long store_now(jh_store *s)
{
	return s->clock ? s->clock(s->clock_ctx) : (long long)time(NULL);
}

static int role_ok(jh_role r)
{
	return (int)r >= 0 && r < JH_ROLE__COUNT;
}

static int str_ok(const char *p, size_t cap)
{
	return p && strlen(p) < cap;
}

jh_code jh_store_account_add(jh_store *s, const jh_user *u, const char *pwhash,
                             jh_diags *d)
{
	jh_user v;
	jh_code rc;

	if (!u || !u->name[0] || !role_ok(u->role) || !str_ok(pwhash, JH_PWHASH_MAX))
		return JH_ERR_ARG;
	v = *u;
	if (!v.created)
		v.created = store_now(s);
	if (!v.changed)
		v.changed = v.created;
	rc = s->ops->account_add(s->db, &v, pwhash, d);
	if (rc == JH_ERR_CONFLICT)
		jh_diags_add(d, JH_P_ACCOUNT_EXISTS, NULL, NULL, 0, 0, NULL, u->name, NULL);
	return rc;
}

jh_code jh_store_account_get(jh_store *s, const char *name, jh_user *u,
                             char pwhash[JH_PWHASH_MAX], jh_diags *d)
{
	jh_code rc;

	if (!name || !u)
		return JH_ERR_ARG;
	if (!str_ok(name, sizeof u->name))
		rc = JH_ERR_NOTFOUND;
	else
		rc = s->ops->account_get(s->db, name, u, pwhash, d);
	if (rc == JH_ERR_NOTFOUND)
		jh_diags_add(d, JH_P_ACCOUNT_UNKNOWN, NULL, NULL, 0, 0, NULL, name, NULL);
	return rc;
}

jh_code jh_store_account_update(jh_store *s, const jh_user *u, const char *pwhash,
                                jh_diags *d)
{
	jh_user v;
	jh_code rc;

	if (!u || !role_ok(u->role) || (pwhash && !str_ok(pwhash, JH_PWHASH_MAX)))
		return JH_ERR_ARG;
	v = *u;
	v.changed = store_now(s);
	rc = s->ops->account_update(s->db, &v, pwhash, d);
	if (rc == JH_ERR_NOTFOUND)
		jh_diags_add(d, JH_P_ACCOUNT_UNKNOWN, NULL, NULL, 0, 0, NULL, u->name, NULL);
	return rc;
}

jh_code jh_store_accounts(jh_store *s, jh_user **out, size_t *n, jh_diags *d)
{
	return s->ops->accounts(s->db, out, n, d);
}

/* A token's or CSRF token's hash: 64 lower-case hex digits. */
static int hash_ok(const char *h)
{
	size_t i;

	if (!h)
		return 0;
	for (i = 0; h[i]; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return i == 64;
}

jh_code jh_store_session_add(jh_store *s, const char *token_hash,
                             const char *csrf_hash, const char *account,
                             long long now, jh_diags *d)
{
	if (!hash_ok(token_hash) || !hash_ok(csrf_hash) || !str_ok(account, 64))
		return JH_ERR_ARG;
	return s->ops->session_add(s->db, token_hash, csrf_hash, account, now, d);
}

jh_code jh_store_session_get(jh_store *s, const char *token_hash, char account[64],
                             char csrf_hash[65], long long *last_seen, jh_diags *d)
{
	if (!hash_ok(token_hash))
		return JH_ERR_NOTFOUND;
	return s->ops->session_get(s->db, token_hash, account, csrf_hash, last_seen, d);
}

jh_code jh_store_session_touch(jh_store *s, const char *token_hash, long long now,
                               jh_diags *d)
{
	if (!hash_ok(token_hash))
		return JH_ERR_ARG;
	return s->ops->session_touch(s->db, token_hash, now, d);
}

jh_code jh_store_session_delete(jh_store *s, const char *token_hash, jh_diags *d)
{
	if (!hash_ok(token_hash))
		return JH_ERR_ARG;
	return s->ops->sessions_delete(s->db, token_hash, NULL, 0, d);
}

jh_code jh_store_sessions_delete_account(jh_store *s, const char *account,
                                         jh_diags *d)
{
	if (!account)
		return JH_ERR_ARG;
	return s->ops->sessions_delete(s->db, NULL, account, 0, d);
}

jh_code jh_store_sessions_expire(jh_store *s, long long idle_before, jh_diags *d)
{
	return s->ops->sessions_delete(s->db, NULL, NULL, idle_before, d);
}

jh_code jh_store_audit_add(jh_store *s, long long at, const char *account,
                           const char *event, const char *address,
                           const char *detail, jh_diags *d)
{
	if (!event || !*event)
		return JH_ERR_ARG;
	return s->ops->audit_add(s->db, at ? at : store_now(s), account, event,
	                         address, detail, d);
}

jh_code jh_store_audit(jh_store *s, size_t limit, jh_audit_entry **out,
                       size_t *n, jh_diags *d)
{
	return s->ops->audit(s->db, limit, out, n, d);
}

void jh_audit_free(jh_audit_entry *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++)
		free(a[i].detail);
	free(a);
}

jh_code jh_store_county_revision(jh_store *s, const char *county, int year,
                                 long *rev, jh_diags *d)
{
	*rev = 0;
	if (!county)
		return JH_ERR_ARG;
	return s->ops->county_revision(s->db, county, year, rev, d);
}

jh_code jh_store_county_revisions(jh_store *s, int year, jh_county_rev **out,
                                  size_t *n, jh_diags *d)
{
	return s->ops->county_revisions(s->db, year, out, n, d);
}

jh_code jh_store_school_county(jh_store *s, const char *school, char county[8],
                               jh_diags *d)
{
	county[0] = '\0';
	if (!school || !*school)
		return JH_ERR_NOTFOUND;
	return s->ops->school_county(s->db, school, county, d);
}

jh_code jh_store_county_years(jh_store *s, jh_county_year_key **out, size_t *n,
                              jh_diags *d)
{
	*out = NULL;
	*n = 0;
	return s->ops->county_years(s->db, out, n, d);
}

jh_code jh_store_school_name(jh_store *s, const char *school, char *name,
                             size_t cap, jh_diags *d)
{
	if (cap)
		name[0] = '\0';
	if (!school || !*school || cap < 2)
		return JH_ERR_NOTFOUND;
	return s->ops->school_name(s->db, school, name, cap, d);
}

jh_code jh_store_last_revision(jh_store *s, long *rev, jh_diags *d)
{
	long long at;

	return s->ops->last_revision(s->db, rev, &at, d);
}

jh_code jh_store_revisions_of(jh_store *s, const char *const *codes, size_t n,
                              long from, size_t limit, jh_revisions **out,
                              jh_diags *d)
{
	jh_revisions *r;
	jh_code rc;

	if (!n)
		return jh_store_revisions(s, from, limit, out, d);
	*out = NULL;
	if (!(r = calloc(1, sizeof *r)))
		return JH_ERR_NOMEM;
	if ((rc = s->ops->revisions_of(s->db, codes, n, from < 1 ? 1 : from, limit, r, d))) {
		jh_revisions_free(r);
		return rc;
	}
	*out = r;
	return JH_OK;
}
