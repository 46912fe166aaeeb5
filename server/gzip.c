/*
** gzip.c — compressed API answers.
**
** Large JSON answers (a province's overview is most of a megabyte, a
** county's verdict over 100 KB) are highly repetitive and shrink to a
** tenth or less with gzip, which every browser accepts.  http.c compresses
** a GET answer of 1 KiB or more when the request's Accept-Encoding allows
** it; the compressed copy of an answer that came from the result cache is
** kept beside it (cache.c), so a page view of unchanged data compresses
** nothing.  Only GET answers are compressed: they carry no secret next to
** anything a third party could inject (no BREACH-style oracle), and the
** session's answers are small anyway.
*/
#include "server.h"

#include <string.h>
#include <strings.h>
#include <zlib.h>

/* One element of an Accept-Encoding list: "gzip", "gzip;q=0.5", "*",
 * "gzip; q=0" (refused). */
static int element_accepts(const char *p, size_t n)
{
	size_t t = 0;

	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (t < n && p[t] != ';' && p[t] != ' ' && p[t] != '\t')
		t++;
	if (!((t == 4 && !strncasecmp(p, "gzip", 4)) || (t == 1 && *p == '*')))
		return 0;
	/* Parameters: a q of zero ("0", "0.", "0.0", "0.000") refuses it. */
	for (size_t i = t; i < n; i++) {
		if (p[i] != ';')
			continue;
		size_t k = i + 1;
		while (k < n && (p[k] == ' ' || p[k] == '\t'))
			k++;
		if (k + 1 < n && (p[k] == 'q' || p[k] == 'Q') && p[k + 1] == '=') {
			k += 2;
			if (k < n && p[k] == '0') {
				k++;
				if (k < n && p[k] == '.')
					k++;
				while (k < n && p[k] == '0')
					k++;
				while (k < n && (p[k] == ' ' || p[k] == '\t'))
					k++;
				if (k == n || p[k] == ';')
					return 0;
			}
		}
	}
	return 1;
}

int srv_accepts_gzip(const char *v)
{
	int yes = 0;

	while (v && *v) {
		const char *comma = strchr(v, ',');
		size_t n = comma ? (size_t)(comma - v) : strlen(v);
		const char *p = v;
		size_t t = n;
		while (t && (*p == ' ' || *p == '\t'))
			p++, t--;
		/* An explicit "gzip;q=0" wins over a "*". */
		if (t >= 4 && !strncasecmp(p, "gzip", 4) && (t == 4 || p[4] == ';' ||
		                                             p[4] == ' ' || p[4] == '\t'))
			return element_accepts(v, n);
		if (element_accepts(v, n))
			yes = 1;
		v = comma ? comma + 1 : NULL;
	}
	return yes;
}

int srv_gzip(const char *data, size_t len, jh_buf *out)
{
	z_stream z;
	size_t start = out->len, bound;
	int zr;

	memset(&z, 0, sizeof z);
	/* windowBits 15 + 16: a gzip wrapper; level 6, zlib's default. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&z, (uLong)len);
	if (jh_buf_grow(out, bound)) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + start;
	z.avail_out = (uInt)bound;
	zr = deflate(&z, Z_FINISH);
	if (zr == Z_STREAM_END) {
		out->len = start + z.total_out;
		out->data[out->len] = '\0';   /* grow kept a byte for it */
	}
	deflateEnd(&z);
	return zr == Z_STREAM_END ? 0 : -1;
}
