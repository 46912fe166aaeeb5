/*
** fuzz_xlsx.c — libFuzzer target for jh_xlsx_read.
**
** Two kinds of input.  Most are taken as the bytes of a workbook, which
** exercises the zip layer.  An input starting with 'X' is instead split
** at NUL bytes into the XML of xl/workbook.xml, its rels, the shared
** strings and one worksheet, which are zipped (stored) in memory first:
** mutated deflate streams rarely inflate, so this is the way to reach the
** XML handlers with interesting text.
*/
#include "junheng.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_and_free(const void *p, size_t n)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_table **t = NULL;
	size_t nt = 0, i, r;

	if (jh_xlsx_read(p, n, "fuzz.xlsx", &t, &nt, &d) == JH_OK) {
		for (i = 0; i < nt; i++) {
			for (r = 0; r < t[i]->nrows; r++)
				(void)jh_table_cell(t[i], r, 0);
			jh_table_free(t[i]);
		}
		free(t);
	} else if (t || nt) {
		abort();	/* on error nothing is returned */
	}
	jh_diags_free(&d);
}

/* Zip the NUL-separated parts of p in memory; NULL when libzip fails. */
static unsigned char *zip_parts(const uint8_t *p, size_t n, size_t *len)
{
	static const char *const names[] = {
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
		"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"
	};
	unsigned char *out = NULL;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	size_t k = 0;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		return NULL;
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	while (k < sizeof names / sizeof *names) {
		const uint8_t *e = memchr(p, 0, n);
		size_t m = e ? (size_t)(e - p) : n;
		zip_source_t *s = zip_source_buffer(za, p, m, 0);
		zip_int64_t idx;

		if (!s)
			break;
		idx = zip_file_add(za, names[k], s, 0);
		if (idx < 0) {
			zip_source_free(s);
			break;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		k++;
		if (!e)
			break;
		p += m + 1;
		n -= m + 1;
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		goto done;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto done;
	out = malloc(st.size ? st.size : 1);
	if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	zip_source_close(src);
	*len = (size_t)st.size;
done:
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size && data[0] == 'X') {
		size_t len = 0;
		unsigned char *z = zip_parts(data + 1, size - 1, &len);

		if (z)
			read_and_free(z, len);
		free(z);
		return 0;
	}
	read_and_free(data, size);
	return 0;
}
