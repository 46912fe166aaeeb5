/*
** account.c — accounts and sign-in.
**
** The rules on an account: its name (jh_account_name_ok), its password
** (password.c), and that its role and area go together against what is
** stored: an administrator has no area; a province, city or county
** office the code of an area of that level; an inspector any stored
** area; a school account a stored school's code.  Every add and change
** is recorded in the audit with the acting account (`who`; "" is the
** command line, which acts as the file's administrator) and what
** changed — never a password or its hash.
**
** Sign-in answers the same (JH_ERR_AUTH, JH_P_SIGN_IN_FAILED) for an
** unknown name, a wrong password and a disabled account, and takes the
** same time for each: an unknown name is checked against a dummy hash
** made once, so that the time of an argon2 verify is always spent.
*/
#include "access_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int jh_account_name_ok(const char *name)
{
	size_t n;

	if (!name)
		return 0;
	n = strlen(name);
	if (n < 1 || n > 63 || !jh_utf8_valid(name, n) || name[0] == '.' ||
	    name[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@')
			continue;
		return 0;
	}
	return 1;
}

static jh_code role_area_bad(jh_diags *d, const char *area)
{
	jh_diags_add(d, JH_P_ROLE_AREA, NULL, NULL, 0, 0, NULL, area ? area : "", NULL);
	return JH_ERR_INPUT;
}

jh_code jh_account_check_area(jh_store *s, const jh_areas *areas, jh_role role,
                              const char *area, jh_diags *d)
{
	const jh_area *a;
	char county[8];
	jh_code rc;

	if (!area)
		area = "";
	if ((int)role < 0 || role >= JH_ROLE__COUNT)
		return JH_ERR_ARG;
	if (role == JH_ROLE_ADMIN)
		return *area ? role_area_bad(d, area) : JH_OK;
	if (!*area || strlen(area) >= sizeof ((jh_user *)0)->area)
		return role_area_bad(d, area);
	if (role == JH_ROLE_SCHOOL) {
		rc = jh_store_school_county(s, area, county, d);
		if (rc == JH_ERR_NOTFOUND) {
			/* An area code where a school code belongs is the wrong
			 * kind of code, not an unknown school. */
			if (areas && jh_areas_find(areas, area))
				return role_area_bad(d, area);
			jh_diags_add(d, JH_P_ACCOUNT_SCHOOL_UNKNOWN, NULL, NULL, 0, 0, NULL,
			             area, NULL);
			return JH_ERR_INPUT;
		}
		return rc;
	}
	if (!(a = areas ? jh_areas_find(areas, area) : NULL)) {
		char county2[8];
		/* A school code where an area belongs: the wrong kind too. */
		if (jh_store_school_county(s, area, county2, d) == JH_OK)
			return role_area_bad(d, area);
		jh_diags_add(d, JH_P_ACCOUNT_AREA_UNKNOWN, NULL, NULL, 0, 0, NULL, area, NULL);
		return JH_ERR_INPUT;
	}
	if ((role == JH_ROLE_PROVINCE && a->level != JH_AREA_PROVINCE) ||
	    (role == JH_ROLE_CITY && a->level != JH_AREA_CITY) ||
	    (role == JH_ROLE_COUNTY && a->level != JH_AREA_COUNTY))
		return role_area_bad(d, area);
	return JH_OK;
}

jh_code jh_account_add(jh_store *s, const jh_areas *areas, const char *name,
                       jh_role role, const char *area, const char *password,
                       const char *who, jh_diags *d)
{
	char hash[JH_PWHASH_MAX], detail[96];
	jh_user u;
	jh_code rc;

	if (!jh_account_name_ok(name)) {
		jh_diags_add(d, JH_P_ACCOUNT_NAME, NULL, NULL, 0, 0, NULL, name ? name : "",
		             NULL);
		return JH_ERR_INPUT;
	}
	if ((rc = jh_account_check_area(s, areas, role, area, d)) ||
	    (rc = jh_password_check(password, d)))
		return rc;
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	snprintf(u.area, sizeof u.area, "%s", area ? area : "");
	if ((rc = jh_password_hash(password, hash, d)))
		return rc;
	rc = jh_store_account_add(s, &u, hash, d);
	sodium_memzero(hash, sizeof hash);
	if (rc)
		return rc;
	snprintf(detail, sizeof detail, "%s %s", jh_role_key(role), u.area);
	return jh_store_audit_add(s, 0, who ? who : "", "account_add", NULL, detail, d);
}

jh_code jh_account_change_apply(jh_store *s, const jh_areas *areas,
                                const char *name, const jh_account_change *ch,
                                const char *who, jh_diags *d)
{
	char hash[JH_PWHASH_MAX];
	jh_user u;
	jh_buf detail = JH_BUF_INIT;
	int ends;
	jh_code rc;

	if (!ch)
		return JH_ERR_ARG;
	if ((rc = jh_store_account_get(s, name, &u, NULL, d)))
		return rc;
	if (ch->role >= 0) {
		if (ch->role >= JH_ROLE__COUNT)
			return JH_ERR_ARG;
		if ((jh_role)ch->role != u.role)
			jh_buf_addf(&detail, " role %s→%s", jh_role_key(u.role),
			            jh_role_key((jh_role)ch->role));
		u.role = (jh_role)ch->role;
	}
	if (ch->area) {
		if (strlen(ch->area) >= sizeof u.area)
			return role_area_bad(d, ch->area);
		if (strcmp(ch->area, u.area))
			jh_buf_addf(&detail, " area %s→%s", u.area, ch->area);
		snprintf(u.area, sizeof u.area, "%s", ch->area);
	}
	if ((ch->role >= 0 || ch->area) &&
	    (rc = jh_account_check_area(s, areas, u.role, u.area, d)))
		goto out;
	if (ch->disabled >= 0) {
		if ((ch->disabled != 0) != (u.disabled != 0))
			jh_buf_adds(&detail, ch->disabled ? " disabled" : " enabled");
		u.disabled = ch->disabled != 0;
	}
	if (ch->password) {
		if ((rc = jh_password_hash(ch->password, hash, d)))
			goto out;
		jh_buf_adds(&detail, " password");
	}
	rc = jh_store_account_update(s, &u, ch->password ? hash : NULL, d);
	sodium_memzero(hash, sizeof hash);
	if (rc)
		goto out;
	/* A new password or a disabled account: every session it has ends. */
	ends = ch->password || u.disabled;
	if (ends && (rc = jh_store_sessions_delete_account(s, u.name, d)))
		goto out;
	if (detail.oom) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	rc = jh_store_audit_add(s, 0, who ? who : "", "account_change", NULL,
	                        detail.len ? detail.data + 1 : "", d);
	/* The changed account's name is the audit's subject: say it first. */
out:
	jh_buf_free(&detail);
	return rc;
}

/* A hash to verify against when the name is unknown, made once. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[JH_PWHASH_MAX];

static void dummy_make(void)
{
	unsigned char pw[16];
	char hex[33];

	if (jhAccessSodium())
		return;
	randombytes_buf(pw, sizeof pw);
	jhAccessHex(pw, sizeof pw, hex);
	if (crypto_pwhash_str(dummy_hash, hex, 32, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = '\0';
}

/* The name as the audit keeps it: a failed sign-in's name is whatever
 * was typed, so only valid UTF-8 up to 63 bytes is kept as it is. */
static void audit_name(const char *name, char out[64])
{
	size_t n = name ? strlen(name) : 0;

	if (!name || n > 63 || !jh_utf8_valid(name, n))
		snprintf(out, 64, "%s", "?");
	else
		snprintf(out, 64, "%s", name);
}

jh_code jh_account_authenticate(jh_store *s, const char *name,
                                const char *password, const char *address,
                                jh_user *out, jh_diags *d)
{
	char hash[JH_PWHASH_MAX], who[64];
	jh_diags quiet = JH_DIAGS_INIT;
	jh_user u;
	int ok = 0, known;
	jh_code rc;

	memset(out, 0, sizeof *out);
	if (!password)
		password = "";
	/* The dummy hash is made before the first sign-in of any kind, so
	 * that making it does not set the first unknown name apart. */
	pthread_once(&dummy_once, dummy_make);
	rc = name ? jh_store_account_get(s, name, &u, hash, &quiet) : JH_ERR_NOTFOUND;
	jh_diags_free(&quiet);
	if (rc && rc != JH_ERR_NOTFOUND)
		return rc;
	known = rc == JH_OK;
	if (strlen(password) <= JH_PASSWORD_MAX) {
		if (known) {
			ok = jh_password_verify(hash, password);
		} else {
			(void)jh_password_verify(dummy_hash, password);
		}
	}
	ok = ok && known && !u.disabled;
	audit_name(name, who);
	if ((rc = jh_store_audit_add(s, 0, who, ok ? "sign_in" : "sign_in_failed",
	                             address, NULL, d)))
		return rc;
	if (!ok) {
		jh_diags_add(d, JH_P_SIGN_IN_FAILED, NULL, NULL, 0, 0, NULL, NULL, NULL);
		return JH_ERR_AUTH;
	}
	/* A hash made with weaker limits than today's is made again, now
	 * that the password is at hand (failure to do so is no failure to
	 * sign in). */
	if (crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                   crypto_pwhash_MEMLIMIT_INTERACTIVE) == 1) {
		jh_diags q2 = JH_DIAGS_INIT;
		char fresh[JH_PWHASH_MAX];
		if (jh_password_hash(password, fresh, &q2) == JH_OK)
			(void)jh_store_account_update(s, &u, fresh, &q2);
		sodium_memzero(fresh, sizeof fresh);
		jh_diags_free(&q2);
	}
	sodium_memzero(hash, sizeof hash);
	*out = u;
	return JH_OK;
}
