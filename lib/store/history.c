/*
** history.c — the lists the store hands out: the changes `history` shows
** and the revisions, each with its strings in one arena of its own.
** Filled by the generic store and by backends alike (the one piece of
** code they share).
*/
#include "store_int.h"

#include <stdlib.h>

jh_code jhHistoryPush(jh_history *h, const jh_change *c)
{
	jh_change *dst;
	const char **strs[11];
	size_t n = 0;

	if (!h->arena && !(h->arena = jhArenaNew()))
		return JH_ERR_NOMEM;
	if (h->count == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		jh_change *p = realloc(h->items, cap * sizeof *p);
		if (!p)
			return JH_ERR_NOMEM;
		h->items = p;
		h->cap = cap;
	}
	dst = &h->items[h->count];
	*dst = *c;
	strs[n++] = &dst->at;
	strs[n++] = &dst->who;
	strs[n++] = &dst->why;
	strs[n++] = &dst->kind;
	strs[n++] = &dst->sources;
	strs[n++] = &dst->entity;
	strs[n++] = &dst->school_code;
	strs[n++] = &dst->county_code;
	strs[n++] = &dst->field;
	strs[n++] = &dst->old_value;
	strs[n++] = &dst->new_value;
	for (size_t i = 0; i < n; i++)
		if (*strs[i] && !(*strs[i] = jhArenaStrdup(h->arena, *strs[i])))
			return JH_ERR_NOMEM;
	h->count++;
	return JH_OK;
}

void jh_history_free(jh_history *h)
{
	if (!h)
		return;
	free(h->items);
	jhArenaFree(h->arena);
	free(h);
}

const char *jhHistoryStr(jh_history *h, const char *s)
{
	if (!s)
		return NULL;
	if (!h->arena && !(h->arena = jhArenaNew()))
		return NULL;
	return jhArenaStrdup(h->arena, s);
}

size_t jh_history_count(const jh_history *h)
{
	return h->count;
}

const jh_change *jh_history_at(const jh_history *h, size_t i)
{
	return i < h->count ? &h->items[i] : NULL;
}

jh_code jhRevisionsPush(jh_revisions *r, const jh_revision *rev)
{
	jh_revision *dst;
	const char **strs[5];

	if (!r->arena && !(r->arena = jhArenaNew()))
		return JH_ERR_NOMEM;
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		jh_revision *p = realloc(r->items, cap * sizeof *p);
		if (!p)
			return JH_ERR_NOMEM;
		r->items = p;
		r->cap = cap;
	}
	dst = &r->items[r->count];
	*dst = *rev;
	strs[0] = &dst->at;
	strs[1] = &dst->who;
	strs[2] = &dst->why;
	strs[3] = &dst->kind;
	strs[4] = &dst->sources;
	for (size_t i = 0; i < 5; i++)
		if (*strs[i] && !(*strs[i] = jhArenaStrdup(r->arena, *strs[i])))
			return JH_ERR_NOMEM;
	r->count++;
	return JH_OK;
}

void jh_revisions_free(jh_revisions *r)
{
	if (!r)
		return;
	free(r->items);
	jhArenaFree(r->arena);
	free(r);
}

size_t jh_revisions_count(const jh_revisions *r)
{
	return r->count;
}

const jh_revision *jh_revisions_at(const jh_revisions *r, size_t i)
{
	return i < r->count ? &r->items[i] : NULL;
}
