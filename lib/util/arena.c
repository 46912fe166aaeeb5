/*
** arena.c — a chunked string arena.
**
** Datasets hold hundreds of thousands of short strings (names, file names,
** extra column values) that all die together; an arena makes that two
** dozen allocations instead of a million, and pointers never move.
*/
#include "util_int.h"

#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

struct jh_arena {
	struct chunk *head;
};

struct jh_arena *jhArenaNew(void)
{
	return calloc(1, sizeof(struct jh_arena));
}

void jhArenaFree(struct jh_arena *a)
{
	struct chunk *c, *n;

	if (!a)
		return;
	for (c = a->head; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

const char *jhArenaStrndup(struct jh_arena *a, const char *s, size_t n)
{
	struct chunk *c = a->head;
	char *p;

	if (!c || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

const char *jhArenaStrdup(struct jh_arena *a, const char *s)
{
	return jhArenaStrndup(a, s, strlen(s));
}
