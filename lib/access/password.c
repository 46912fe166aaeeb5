/*
** password.c — password rules, hashing and verification (libsodium).
**
** argon2id through crypto_pwhash_str with the interactive limits (64 MiB,
** 2 passes): the hash string carries its algorithm, limits and salt, so
** that a later version can raise the limits and still verify old hashes.
** Rules are only what helps: 8 to 256 bytes of valid UTF-8 (a pass
** phrase in Chinese is welcome; a 1 MB "password" is not).
**
** sodium_init runs once (pthread_once), whichever thread comes first.
*/
#include "access_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_state;

static void sodium_start(void)
{
	sodium_state = sodium_init() < 0 ? -1 : 0;
}

int jhAccessSodium(void)
{
	pthread_once(&sodium_once, sodium_start);
	return sodium_state;
}

void jhAccessHex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

jh_code jh_password_check(const char *password, jh_diags *d)
{
	char lim[16];
	size_t n;

	if (!password)
		return JH_ERR_ARG;
	n = strlen(password);
	if (n < JH_PASSWORD_MIN) {
		snprintf(lim, sizeof lim, "%d", JH_PASSWORD_MIN);
		jh_diags_add(d, JH_P_PASSWORD_SHORT, NULL, NULL, 0, 0, NULL, lim, NULL);
		return JH_ERR_INPUT;
	}
	if (n > JH_PASSWORD_MAX) {
		snprintf(lim, sizeof lim, "%d", JH_PASSWORD_MAX);
		jh_diags_add(d, JH_P_PASSWORD_LONG, NULL, NULL, 0, 0, NULL, lim, NULL);
		return JH_ERR_INPUT;
	}
	if (!jh_utf8_valid(password, n)) {
		jh_diags_add(d, JH_P_PASSWORD_UTF8, NULL, NULL, 0, 0, NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	return JH_OK;
}

jh_code jh_password_hash(const char *password, char out[JH_PWHASH_MAX],
                         jh_diags *d)
{
	jh_code rc;

	out[0] = '\0';
	if ((rc = jh_password_check(password, d)))
		return rc;
	if (jhAccessSodium())
		return JH_ERR_NOMEM;
	/* crypto_pwhash_str fails only when the memory cannot be had. */
	if (crypto_pwhash_str(out, password, strlen(password),
	                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return JH_ERR_NOMEM;
	return JH_OK;
}

int jh_password_verify(const char *pwhash, const char *password)
{
	if (!pwhash || !password || jhAccessSodium())
		return 0;
	return crypto_pwhash_str_verify(pwhash, password, strlen(password)) == 0;
}
