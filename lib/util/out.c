/*
** out.c — jh_out, the writer every report goes through, and JSON on it.
**
** Two kinds of target behind one set of calls:
**
**   sink   bytes collect in a chunk of JH_OUT_CHUNK bytes (64 KiB); a full
**          chunk is handed to the sink and reused, so memory stays one
**          chunk whatever the size of the report.  Writes are split at
**          the chunk's end, so the sink gets whole chunks (but the last)
**          and always the bytes in the order written; a write of a chunk
**          or more that finds the chunk empty goes to the sink as it is.
**   buf    bytes go straight into a jh_buf's memory, which grows (no
**          second copy); the buffer's len is brought up to date at
**          jh_out_flush and jh_out_close.
**
** The fast path (jhOutAdd, jhOutAddc in util_int.h) is a bounds check
** and a memcpy; everything else comes here through jhOutSlow.  After the
** first failure, p = end = spare: every write then takes the slow path,
** which drops it.
**
** JSON (jhJson*) needs one flag, not a stack: a container just closed is
** a value of the one around it, which therefore is no longer empty.
*/
#include "util_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void out_fail(jh_out *o, jh_code err)
{
	if (!o->err)
		o->err = err;
	o->p = o->end = o->spare;
}

/* buf: bring b->len up to p. */
static void buf_sync(jh_out *o)
{
	jh_buf *b = o->buf;

	if (o->err || !b->data)
		return;
	b->len = (size_t)(o->p - b->data);
	b->data[b->len] = '\0';
}

/* buf: room for n more bytes (and the NUL). */
static int buf_room(jh_out *o, size_t n)
{
	jh_buf *b = o->buf;

	buf_sync(o);
	if (jh_buf_grow(b, n < 4096 ? 4096 : n)) {
		out_fail(o, JH_ERR_NOMEM);
		return -1;
	}
	o->p = b->data + b->len;
	o->end = b->data + b->cap - 1;
	return 0;
}

/* sink: hand over the chunk's bytes and empty it. */
static int drain(jh_out *o)
{
	size_t n = (size_t)(o->p - o->chunk);

	o->p = o->chunk;
	if (n && o->sink(o->ctx, o->chunk, n)) {
		out_fail(o, JH_ERR_IO);
		return -1;
	}
	return 0;
}

/* buf: room for n contiguous bytes at p. */
static int room(jh_out *o, size_t n)
{
	if (o->err)
		return -1;
	if ((size_t)(o->end - o->p) >= n)
		return 0;
	return buf_room(o, n);
}

void jhOutSlow(jh_out *o, const void *p, size_t n)
{
	const char *s = p;

	if (o->err)
		return;
	if (o->buf) {
		if (room(o, n))
			return;
		memcpy(o->p, s, n);
		o->p += n;
		return;
	}
	/* Fill the chunk to the brim, hand it over, go on; what is longer
	 * than a chunk and finds it empty goes to the sink as it is. */
	while (n) {
		size_t k = (size_t)(o->end - o->p);

		if (o->p == o->chunk && n >= JH_OUT_CHUNK) {
			if (o->sink(o->ctx, s, n))
				out_fail(o, JH_ERR_IO);
			return;
		}
		if (k > n)
			k = n;
		memcpy(o->p, s, k);
		o->p += k;
		s += k;
		n -= k;
		if (o->p == o->end && drain(o))
			return;
	}
}

static jh_out *out_new(void)
{
	jh_out *o = calloc(1, sizeof *o);

	if (o) {
		o->p = o->end = o->spare;
		o->fd = -1;
	}
	return o;
}

jh_out *jh_out_new(jh_sink_fn sink, void *ctx)
{
	jh_out *o = out_new();

	if (!o)
		return NULL;
	/* One byte more than a chunk, for vsnprintf's NUL at end[0]. */
	if (!(o->chunk = malloc(JH_OUT_CHUNK + 1))) {
		free(o);
		return NULL;
	}
	o->sink = sink;
	o->ctx = ctx;
	o->p = o->chunk;
	o->end = o->chunk + JH_OUT_CHUNK;
	return o;
}

static int fd_sink(void *ctx, const char *p, size_t n)
{
	const jh_out *o = ctx;

	while (n) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

jh_out *jh_out_new_fd(int fd)
{
	jh_out *o = jh_out_new(fd_sink, NULL);

	if (o) {
		o->ctx = o;
		o->fd = fd;
	}
	return o;
}

/* o writes into b (o may be on the stack: nothing to free). */
static void buf_writer(jh_out *o, jh_buf *b)
{
	memset(o, 0, sizeof *o);
	o->fd = -1;
	o->buf = b;
	if (jh_buf_grow(b, 0)) {
		out_fail(o, JH_ERR_NOMEM);
	} else {
		o->p = b->data + b->len;
		o->end = b->data + b->cap - 1;
	}
}

jh_out *jh_out_new_buf(jh_buf *b)
{
	jh_out *o = malloc(sizeof *o);

	if (o)
		buf_writer(o, b);
	return o;
}

jh_code jh_out_flush(jh_out *o)
{
	if (!o->err) {
		if (o->buf)
			buf_sync(o);
		else
			drain(o);
	}
	return o->err;
}

jh_code jh_out_error(const jh_out *o)
{
	return o->err;
}

jh_code jh_out_close(jh_out *o)
{
	jh_code rc;

	if (!o)
		return JH_OK;
	rc = jh_out_flush(o);
	free(o->chunk);
	free(o);
	return rc;
}

void jh_out_add(jh_out *o, const void *p, size_t n)
{
	jhOutAdd(o, p, n);
}

void jh_out_adds(jh_out *o, const char *s)
{
	jhOutAdd(o, s, strlen(s));
}

void jh_out_addc(jh_out *o, char c)
{
	jhOutAddc(o, c);
}

void jh_out_addf(jh_out *o, const char *fmt, ...)
{
	va_list ap;
	size_t avail = (size_t)(o->end - o->p);
	int n;

	if (o->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->p, avail + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n <= avail) {
		o->p += n;
		return;
	}
	if (o->buf) {
		/* Again, after making room. */
		if (room(o, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(o->p, (size_t)n + 1, fmt, ap);
		va_end(ap);
		o->p += n;
	} else if (n < 1024) {
		/* Across the chunk's end: through the stack. */
		char tmp[1024];
		va_start(ap, fmt);
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		va_end(ap);
		jhOutSlow(o, tmp, (size_t)n);
	} else {
		jh_buf b = JH_BUF_INIT;
		va_start(ap, fmt);
		jh_buf_vaddf(&b, fmt, ap);
		va_end(ap);
		if (b.oom)
			out_fail(o, JH_ERR_NOMEM);
		else
			jhOutSlow(o, b.data, b.len);
		jh_buf_free(&b);
	}
}

void jh_out_addpad(jh_out *o, const char *s, int width, int right)
{
	int w = jh_display_width(s), i;

	if (right)
		for (i = w; i < width; i++)
			jhOutAddc(o, ' ');
	jh_out_adds(o, s);
	if (!right)
		for (i = w; i < width; i++)
			jhOutAddc(o, ' ');
}

int jh_csv_guarded(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '\'')
		i++;
	return i < n && strchr("=+-@\t\r", s[i]) && s[i];
}

/* The formula guard is one test of the first byte in the common case: a
 * cell that does not start with ' = + - @ TAB CR is never guarded. */
void jh_out_addcsv(jh_out *o, const char *s)
{
	const char *p;
	int guard = strchr("'=+-@\t\r", *s) && *s && jh_csv_guarded(s, strlen(s));

	if (!strpbrk(s, ",\"\r\n")) {
		if (guard)
			jhOutAddc(o, '\'');
		jh_out_adds(o, s);
		return;
	}
	jhOutAddc(o, '"');
	if (guard)
		jhOutAddc(o, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			jhOutAddc(o, '"');
		jhOutAddc(o, *p);
	}
	jhOutAddc(o, '"');
}

void jh_buf_addpad(jh_buf *b, const char *s, int width, int right)
{
	jh_out o;

	buf_writer(&o, b);
	jh_out_addpad(&o, s, width, right);
	jh_out_flush(&o);
}

void jh_buf_addcsv(jh_buf *b, const char *s)
{
	jh_out o;

	buf_writer(&o, b);
	jh_out_addcsv(&o, s);
	jh_out_flush(&o);
}

void jh_out_addnum(jh_out *o, double v)
{
	jhOutNumber(o, v, 0);
}

/* --- JSON ------------------------------------------------------------- */

void jhJsonInit(jhJson *j, jh_out *o, int indent)
{
	j->o = o;
	j->indent = indent;
	j->depth = 0;
	j->first = 1;
	j->after_key = 0;
}

static void newline(jhJson *j)
{
	jhOutAddc(j->o, '\n');
	for (int i = 0; i < j->depth * j->indent; i++)
		jhOutAddc(j->o, ' ');
}

/* What goes before a value or a key: nothing after a key, else a comma
 * unless it is the first of its container, and a new line when indented. */
static void before(jhJson *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->first)
		jhOutAddc(j->o, ',');
	if (j->indent && j->depth)
		newline(j);
	j->first = 0;
}

void jhJsonOpen(jhJson *j, char c)
{
	before(j);
	jhOutAddc(j->o, c);
	j->depth++;
	j->first = 1;
}

void jhJsonClose(jhJson *j, char c)
{
	j->depth--;
	if (j->indent && !j->first)
		newline(j);
	jhOutAddc(j->o, c);
	j->first = 0;
}

void jhJsonKeySlow(jhJson *j, const char *key, size_t n)
{
	before(j);
	jhOutAddc(j->o, '"');
	jhOutAdd(j->o, key, n);
	jhOutAdd(j->o, j->indent ? "\": " : "\":", j->indent ? 3 : 2);
	j->after_key = 1;
}

/* Whether any of the 8 bytes of x is below 0x20, '"' or '\\': the
 * classic "has a zero byte" test, (v - 0x01…) & ~v & 0x80…, on x itself
 * shifted (below 0x20) and on x xor each character.  Bytes of 0x80 and
 * more (UTF-8) never count. */
static inline int any_special(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
	        ((b - ones) & ~b)) & high ? 1 : 0;
}

void jhOutJsonString(jh_out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s, *end = s + strlen(s);

	jhOutAddc(o, '"');
	/* Eight bytes at a time while none needs escaping (most strings:
	 * codes, names, keys), then byte by byte. */
	while (end - s >= 8) {
		uint64_t x;
		memcpy(&x, s, 8);
		if (any_special(x))
			break;
		s += 8;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[6];
		size_t n = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		jhOutAdd(o, run, (size_t)(s - run));
		run = s + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':  esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
		}
		jhOutAdd(o, esc, n);
	}
	jhOutAdd(o, run, (size_t)(s - run));
	jhOutAddc(o, '"');
}

void jhJsonStr(jhJson *j, const char *s)
{
	if (!s) {
		jhJsonNull(j);
		return;
	}
	before(j);
	jhOutJsonString(j->o, s);
}

void jhJsonNum(jhJson *j, double v)
{
	if (!isfinite(v)) {
		jhJsonNull(j);
		return;
	}
	before(j);
	jhOutNumber(j->o, v, 1);
}

void jhJsonInt(jhJson *j, long long v)
{
	char b[JH_NUMBER_MAX];

	before(j);
	jhOutAdd(j->o, b, jhInteger(v, b));
}

void jhJsonBool(jhJson *j, int b)
{
	before(j);
	if (b)
		jhOutAdd(j->o, "true", 4);
	else
		jhOutAdd(j->o, "false", 5);
}

void jhJsonNull(jhJson *j)
{
	before(j);
	jhOutAdd(j->o, "null", 4);
}
