/*
** history.c — the list of changes `history` shows, with its strings in
** one arena; filled by the generic store and by backends.
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
