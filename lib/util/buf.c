/*
** buf.c — jh_buf, a growable NUL-terminated byte buffer.
**
** Modelled on git's strbuf: every append grows the buffer as needed, so
** callers never size a buffer by hand.  On allocation failure the buffer
** sets `oom` and ignores later appends; the owner checks `oom` once at the
** end instead of after every call.
*/
#include "util_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jh_buf_init(jh_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void jh_buf_free(jh_buf *b)
{
	free(b->data);
	jh_buf_init(b);
}

void jh_buf_reset(jh_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int jh_buf_grow(jh_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p)
		goto fail;
	b->data = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

void jh_buf_add(jh_buf *b, const void *p, size_t n)
{
	if (jh_buf_grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void jh_buf_adds(jh_buf *b, const char *s)
{
	jh_buf_add(b, s, strlen(s));
}

void jh_buf_addc(jh_buf *b, char c)
{
	jh_buf_add(b, &c, 1);
}

void jh_buf_vaddf(jh_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (jh_buf_grow(b, 64))
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (jh_buf_grow(b, (size_t)n))
			return;
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void jh_buf_addf(jh_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jh_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* jh_buf_addpad and jh_buf_addcsv are in out.c, as jh_out_addpad and
 * jh_out_addcsv on a writer over the buffer. */

char *jh_buf_detach(jh_buf *b, size_t *len)
{
	char *p;

	if (b->oom) {
		jh_buf_free(b);
		return NULL;
	}
	if (!b->data && jh_buf_grow(b, 0))
		return NULL;
	if (!b->len)
		b->data[0] = '\0';
	p = b->data;
	if (len)
		*len = b->len;
	jh_buf_init(b);
	return p;
}
