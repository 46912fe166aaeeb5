/*
** cache.c — renderings kept per (kind, county, year, lang).
**
** A page view should not evaluate unchanged data again.  An entry holds
** the bytes a handler sent and the county's store revision when they were
** rendered (jh_store_county_revision: the last revision that touched the
** county-year or any area).  A lookup gives the bytes only while that
** revision is the same, so a change invalidates exactly the county-years
** it touches and nothing else; a stale entry is replaced by the next put.
**
** One mutex guards the table (a lookup is a hash and a copy: short).
** Entries are kept in insertion order; past max_bytes the oldest go.
** The caller owns the bytes it passes to put (they are copied) and the
** buffer get appends to.
*/
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 4096

struct entry {
	struct entry *next_hash;
	struct entry *older, *newer;
	char *key;
	long rev;
	char *data;
	size_t len;
	char *gz;          /* its gzip copy, NULL until a client asks for one */
	size_t gzlen;
};

static struct {
	pthread_mutex_t lock;
	struct entry *bucket[NBUCKETS];
	struct entry *oldest, *newest;
	size_t bytes, max;
} c = {PTHREAD_MUTEX_INITIALIZER, {0}, NULL, NULL, 0, 0};

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % NBUCKETS;
}

void srv_cache_init(size_t max_bytes)
{
	c.max = max_bytes;
}

static void unlink_entry(struct entry *e)
{
	struct entry **pp = &c.bucket[hash(e->key)];

	while (*pp != e)
		pp = &(*pp)->next_hash;
	*pp = e->next_hash;
	if (e->older)
		e->older->newer = e->newer;
	else
		c.oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c.newest = e->older;
	c.bytes -= e->len + e->gzlen + strlen(e->key);
	free(e->key);
	free(e->data);
	free(e->gz);
	free(e);
}

void srv_cache_free(void)
{
	pthread_mutex_lock(&c.lock);
	while (c.oldest)
		unlink_entry(c.oldest);
	pthread_mutex_unlock(&c.lock);
}

static struct entry *find(const char *key)
{
	for (struct entry *e = c.bucket[hash(key)]; e; e = e->next_hash)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

int srv_cache_get(const char *key, long rev, jh_buf *out)
{
	int hit = 0;

	pthread_mutex_lock(&c.lock);
	struct entry *e = find(key);
	if (e && e->rev == rev) {
		jh_buf_add(out, e->data, e->len);
		hit = !out->oom;
	}
	pthread_mutex_unlock(&c.lock);
	return hit;
}

int srv_cache_has(const char *key, long rev)
{
	pthread_mutex_lock(&c.lock);
	struct entry *e = find(key);
	int hit = e && e->rev == rev;
	pthread_mutex_unlock(&c.lock);
	return hit;
}

void srv_cache_put(const char *key, long rev, const char *data, size_t len)
{
	struct entry *e;

	if (len > c.max / 4)
		return;
	if (!(e = calloc(1, sizeof *e)) || !(e->key = strdup(key)) ||
	    !(e->data = malloc(len ? len : 1))) {
		if (e)
			free(e->key);
		free(e);
		return;
	}
	memcpy(e->data, data, len);
	e->len = len;
	e->rev = rev;
	pthread_mutex_lock(&c.lock);
	struct entry *old = find(key);
	if (old)
		unlink_entry(old);
	unsigned h = hash(key);
	e->next_hash = c.bucket[h];
	c.bucket[h] = e;
	e->older = c.newest;
	if (c.newest)
		c.newest->newer = e;
	else
		c.oldest = e;
	c.newest = e;
	c.bytes += len + strlen(key);
	while (c.bytes > c.max && c.oldest && c.oldest != e)
		unlink_entry(c.oldest);
	pthread_mutex_unlock(&c.lock);
}

int srv_cache_get_gz(const char *key, long rev, jh_buf *out)
{
	int hit = 0;

	pthread_mutex_lock(&c.lock);
	struct entry *e = find(key);
	if (e && e->rev == rev && e->gz) {
		jh_buf_add(out, e->gz, e->gzlen);
		hit = !out->oom;
	}
	pthread_mutex_unlock(&c.lock);
	return hit;
}

void srv_cache_put_gz(const char *key, long rev, const char *gz, size_t len)
{
	char *copy = malloc(len ? len : 1);

	if (!copy)
		return;
	memcpy(copy, gz, len);
	pthread_mutex_lock(&c.lock);
	struct entry *e = find(key);
	if (e && e->rev == rev && !e->gz) {
		e->gz = copy;
		e->gzlen = len;
		c.bytes += len;
		copy = NULL;
	}
	pthread_mutex_unlock(&c.lock);
	free(copy);
}

void srv_cache_mark(struct req *r, const char *key, long rev)
{
	snprintf(r->cache_key, sizeof r->cache_key, "%s", key);
	r->cache_rev = rev;
}
