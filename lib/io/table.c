/*
** table.c — jh_table, rows of text cells as read from CSV or XLSX.
**
** All cell text lives in one arena (a jh_buf) separated by NULs; a cell is
** an offset into it, so growing the arena never invalidates a cell.  This
** keeps a 200,000-row file at a handful of allocations.
*/
#include "io_int.h"

#include <stdlib.h>
#include <string.h>

jh_table *jh_table_new(const char *file, const char *sheet)
{
	jh_table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->file = strdup(file ? file : "");
	t->sheet = sheet ? strdup(sheet) : NULL;
	if (!t->file || (sheet && !t->sheet)) {
		jh_table_free(t);
		return NULL;
	}
	jh_buf_init(&t->text);
	/* Offset 0 is the empty string that short rows return. */
	jh_buf_addc(&t->text, '\0');
	if (t->text.oom) {
		jh_table_free(t);
		return NULL;
	}
	return t;
}

void jh_table_free(jh_table *t)
{
	if (!t)
		return;
	free(t->file);
	free(t->sheet);
	free(t->rows);
	free(t->cells);
	jh_buf_free(&t->text);
	free(t);
}

jh_code jh_table_begin_row(jh_table *t, long line)
{
	if (t->nrows == t->caprows) {
		size_t cap = t->caprows ? t->caprows * 2 : 256;
		jh_row *r = realloc(t->rows, cap * sizeof *r);
		if (!r)
			return JH_ERR_NOMEM;
		t->rows = r;
		t->caprows = cap;
	}
	t->rows[t->nrows].line = line;
	t->rows[t->nrows].first = t->ncells;
	t->rows[t->nrows].ncells = 0;
	t->nrows++;
	return JH_OK;
}

jh_code jh_table_add_cell(jh_table *t, const char *s, size_t n)
{
	size_t off;

	if (!t->nrows)
		return JH_ERR_ARG;
	if (t->ncells == t->capcells) {
		size_t cap = t->capcells ? t->capcells * 2 : 4096;
		size_t *c = realloc(t->cells, cap * sizeof *c);
		if (!c)
			return JH_ERR_NOMEM;
		t->cells = c;
		t->capcells = cap;
	}
	if (n > 1 && s[0] == '\'' && jh_csv_guarded(s + 1, n - 1)) {
		s++;
		n--;
	}
	if (n == 0) {
		off = 0;
	} else {
		off = t->text.len;
		jh_buf_add(&t->text, s, n);
		jh_buf_addc(&t->text, '\0');
		if (t->text.oom)
			return JH_ERR_NOMEM;
	}
	t->cells[t->ncells++] = off;
	t->rows[t->nrows - 1].ncells++;
	return JH_OK;
}

const char *jh_table_cell(const jh_table *t, size_t r, size_t c)
{
	return jhCell(t, r, c);
}
