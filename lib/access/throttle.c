/*
** throttle.c — sign-in throttling per account name and per address.
**
** In memory (a restart forgets; the audit remembers), one mutex.  Each
** name and each address has an entry: the failures counted in the
** current window (which starts at the first failure and lasts `window`
** seconds) and the time until which it is locked.  The failure that
** reaches the limit locks for `lock` seconds; each further failure in
** the same window doubles it, up to lock_max:
**
**     failures  = max       → lock
**     failures  = max + k   → lock · 2^k  (at most lock_max)
**
** A success clears the name's entry, not the address's (one good
** account must not reset a guesser's count on an address).  The caller
** asks jh_throttle_wait first and does not try (nor record) while it is
** positive, so failures are only counted for real attempts.
**
** Entries are kept in one array searched linearly (sign-ins are rare and
** each costs an argon2 hash, far more than the search); expired ones are
** dropped when it fills, and at MAX_ENTRIES the stalest unlocked one is
** reused, so a flood of made-up names cannot grow it without end.
*/
#include "access_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 72
#define MAX_ENTRIES 65536

struct entry {
	char key[KEY_MAX];     /* "n:" name or "a:" address (truncated) */
	unsigned failures;
	long long window_start, locked_until, last;
};

struct jh_throttle {
	pthread_mutex_t mu;
	jh_throttle_limits lim;
	struct entry *e;
	size_t n, cap;
};

jh_throttle *jh_throttle_new(const jh_throttle_limits *l)
{
	static const jh_throttle_limits defaults = JH_THROTTLE_DEFAULTS;
	jh_throttle *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->lim = l ? *l : defaults;
	if (pthread_mutex_init(&t->mu, NULL)) {
		free(t);
		return NULL;
	}
	return t;
}

void jh_throttle_free(jh_throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t->e);
	free(t);
}

static void make_key(char out[KEY_MAX], char kind, const char *s)
{
	out[0] = kind;
	out[1] = ':';
	strncpy(out + 2, s ? s : "", KEY_MAX - 3);
	out[KEY_MAX - 1] = '\0';
}

static struct entry *find(jh_throttle *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->e[i].key, key))
			return &t->e[i];
	return NULL;
}

/* An entry that can be forgotten: unlocked and its window over. */
static int stale(const jh_throttle *t, const struct entry *e, long long now)
{
	return e->locked_until <= now && now - e->window_start > t->lim.window;
}

static struct entry *find_or_add(jh_throttle *t, const char *key, long long now)
{
	struct entry *e = find(t, key);

	if (e)
		return e;
	if (t->n == t->cap) {
		size_t k = 0;
		for (size_t i = 0; i < t->n; i++)
			if (!stale(t, &t->e[i], now))
				t->e[k++] = t->e[i];
		t->n = k;
	}
	if (t->n == t->cap && t->cap < MAX_ENTRIES) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		struct entry *p = realloc(t->e, ncap * sizeof *p);
		if (p) {
			t->e = p;
			t->cap = ncap;
		}
	}
	if (t->n < t->cap) {
		e = &t->e[t->n++];
	} else {
		/* Full of live entries: reuse the one least recently used
		 * among the unlocked (or any, if all are locked). */
		size_t best = 0;
		for (size_t i = 1; i < t->n; i++) {
			int li = t->e[i].locked_until > now, lb = t->e[best].locked_until > now;
			if (li < lb || (li == lb && t->e[i].last < t->e[best].last))
				best = i;
		}
		if (!t->n)
			return NULL;
		e = &t->e[best];
	}
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	e->window_start = now;
	return e;
}

static long wait_of(const struct entry *e, long long now)
{
	return e && e->locked_until > now ? (long)(e->locked_until - now) : 0;
}

long jh_throttle_wait(jh_throttle *t, const char *account, const char *address,
                      long long now)
{
	char k[KEY_MAX];
	long w = 0, w2;

	if (!t)
		return 0;
	pthread_mutex_lock(&t->mu);
	if (account) {
		make_key(k, 'n', account);
		w = wait_of(find(t, k), now);
	}
	if (address) {
		make_key(k, 'a', address);
		if ((w2 = wait_of(find(t, k), now)) > w)
			w = w2;
	}
	pthread_mutex_unlock(&t->mu);
	return w;
}

static void fail(jh_throttle *t, struct entry *e, unsigned max, long long now)
{
	if (!e)
		return;
	if (now - e->window_start > t->lim.window) {
		e->failures = 0;
		e->window_start = now;
	}
	e->last = now;
	e->failures++;
	if (max && e->failures >= max) {
		long lock = t->lim.lock;
		for (unsigned k = max; k < e->failures && lock < t->lim.lock_max; k++)
			lock *= 2;
		if (lock > t->lim.lock_max)
			lock = t->lim.lock_max;
		e->locked_until = now + lock;
	}
}

void jh_throttle_record(jh_throttle *t, const char *account, const char *address,
                        int ok, long long now)
{
	char k[KEY_MAX];

	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	if (ok) {
		struct entry *e;
		make_key(k, 'n', account);
		if (account && (e = find(t, k))) {
			e->failures = 0;
			e->locked_until = 0;
		}
	} else {
		if (account) {
			make_key(k, 'n', account);
			fail(t, find_or_add(t, k, now), t->lim.max_account, now);
		}
		if (address) {
			make_key(k, 'a', address);
			fail(t, find_or_add(t, k, now), t->lim.max_address, now);
		}
	}
	pthread_mutex_unlock(&t->mu);
}
