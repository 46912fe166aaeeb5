/*
** export.c — the school-year template written back out, as CSV or XLSX.
**
** The columns are the template's, in template order; optional columns
** appear only when some row has a value; extra columns follow in the
** order they were first imported.  Numbers are written in their shortest
** exact decimal form, so import → export → import records no change and
** export → import → export gives the same bytes.
**
** Two forms, one column plan (struct plan, struct col):
**
**   lang "zh"   headers are the template's Chinese names (学校标识码…),
**               values as offices write them: school types 小学, 初级中学…,
**               locations 城区/镇区/乡村, boarding and the yes/no
**               conditions (rural_small…) 是/否;
**   lang "en"   the English keys (school_code…) and values (primary,
**               urban, boarding 1/0, the yes/no conditions yes/no): the
**               machine form.
**
** The raw figures (teachers by degree, size bands, areas with indoor
** sports rooms…) are template columns like the others, written in
** template order when some row has them, beside the ready-made fields
** derived from them (derive.c), which agree with them and so import
** back unchanged.
**
** The template loader reads both (names and values in either language),
** so either form imports back as the same data.
**
** CSV for people (jh_export_csv_lang) starts with a UTF-8 BOM, without
** which Chinese Excel reads the bytes as GBK.  jh_export_csv is the
** English form without BOM that `junheng set` edits and reads back.
** Every text cell goes through jh_buf_addcsv, which quotes it and guards
** it against formula injection (a leading ' before = + - @ TAB CR; the
** table reader takes it off again); numbers are written as numbers.
**
** XLSX writes every text cell as a string (worksheet_write_string: never
** a formula, whatever it starts with) and numbers as numbers.  A string
** needs no guard, but the table reader takes one ' off any cell that is
** ' and formula text, in XLSX as in CSV (a guarded CSV saved by Excel as
** XLSX keeps its '), so text that itself starts with ' and formula text
** ('=x: rare) gets one more ' in XLSX too, and reads back as it was.  What a
** sheet cannot hold — a cell over 32,767 characters, more than 1,048,576
** rows or 16,384 columns — is found before the workbook is created and
** reported cell by cell (XLSX row and column, column name, school code);
** nothing is written then.  Excel counts a cell's length in UTF-16 code
** units, so a character outside the BMP counts twice here too.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define XLSX_MAX_CHARS 32767
#define XLSX_MAX_ROWS 1048576
#define XLSX_MAX_COLS 16384

/* One column of the export: an identity column (JH_SY_*), a field, or
 * an extra column by its index in ds->extra_names. */
enum { C_ID, C_FIELD, C_EXTRA };
struct col {
	int kind, idx;
	const char *name;         /* header text in the export's language */
};

struct plan {
	struct col *cols;
	size_t ncols;
	size_t *rows;             /* selected row indices */
	size_t nrows;
	int en;
};

static int selected(const jh_school_year *sy, const jh_filter *f)
{
	if (!f)
		return 1;
	if (f->county_code && *f->county_code && strcmp(f->county_code, sy->county_code))
		return 0;
	if (f->year && f->year != sy->year)
		return 0;
	if (f->school_code && *f->school_code && strcmp(f->school_code, sy->school_code))
		return 0;
	return 1;
}

static void free_plan(struct plan *p)
{
	free(p->cols);
	free(p->rows);
}

/* The rows f selects and the columns they need.  p's arrays are freed by
 * free_plan (also after a failure). */
static jh_code make_plan(const jh_dataset *ds, const jh_filter *f,
                         const char *lang, struct plan *p)
{
	int id[JH_SY_IDCOLS] = {0}, field[JH_F__COUNT] = {0};

	memset(p, 0, sizeof *p);
	p->en = lang && !strcmp(lang, "en");
	p->rows = malloc((ds->nrows ? ds->nrows : 1) * sizeof *p->rows);
	p->cols = malloc((JH_SY_IDCOLS + JH_F__COUNT + ds->nextra_names) * sizeof *p->cols);
	if (!p->rows || !p->cols)
		return JH_ERR_NOMEM;
	for (int i = 0; i < JH_SY_LOCATION; i++)
		id[i] = 1;
	for (int fl = 0; fl < JH_F__REQUIRED; fl++)
		field[fl] = 1;
	for (size_t i = 0; i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		if (!selected(sy, f))
			continue;
		p->rows[p->nrows++] = i;
		if (sy->location)
			id[JH_SY_LOCATION] = 1;
		if (sy->boarding >= 0)
			id[JH_SY_BOARDING] = 1;
		for (int fl = JH_F__REQUIRED; fl < JH_F__COUNT; fl++)
			if (!isnan(sy->v[fl]))
				field[fl] = 1;
	}
	for (int c = 0; c < JH_SY_IDCOLS + JH_F__COUNT; c++) {
		const jhColSpec *cs = &jhSchoolYear.cols[c];
		int f = c - JH_SY_IDCOLS;
		if (f < 0 ? id[c] : field[f])
			p->cols[p->ncols++] = (struct col){f < 0 ? C_ID : C_FIELD,
			                                   f < 0 ? c : f,
			                                   p->en ? cs->key : cs->zh};
	}
	for (size_t e = 0; e < ds->nextra_names; e++)
		p->cols[p->ncols++] = (struct col){C_EXTRA, (int)e, ds->extra_names[e]};
	return JH_OK;
}

static const char *extra_of(const jh_dataset *ds, const jh_school_year *sy, size_t name)
{
	for (size_t i = 0; i < sy->extra_count; i++)
		if (ds->extras[sy->extra_first + i].name == name)
			return ds->extras[sy->extra_first + i].value;
	return "";
}

/* Text of a text cell ("" when empty); NULL for a numeric field, whose
 * value is sy->v[c->idx] (NaN when empty).  A yes/no field (rural_small…)
 * is text: 是/否, or yes/no in the English form. */
static const char *cell_text(const jh_dataset *ds, const jh_school_year *sy,
                             const struct col *c, int en, char *buf, size_t cap)
{
	if (c->kind == C_FIELD && jh_field_is_yesno((jh_field)c->idx)) {
		double v = sy->v[c->idx];
		if (isnan(v))
			return "";
		return en ? (v ? "yes" : "no") : (v ? "是" : "否");
	}
	if (c->kind == C_FIELD)
		return NULL;
	if (c->kind == C_EXTRA)
		return extra_of(ds, sy, (size_t)c->idx);
	switch (c->idx) {
	case JH_SY_SCHOOL_CODE: return sy->school_code;
	case JH_SY_SCHOOL_NAME: return sy->school_name ? sy->school_name : "";
	case JH_SY_COUNTY_CODE: return sy->county_code;
	case JH_SY_YEAR:        snprintf(buf, cap, "%d", sy->year); return buf;
	case JH_SY_SCHOOL_TYPE: return en ? jh_school_type_key(sy->type)
	                                  : jh_school_type_name(sy->type, "zh");
	case JH_SY_PARENT_CODE: return sy->parent_code;
	case JH_SY_LOCATION:    return en ? jh_location_key(sy->location)
	                                  : jh_location_name(sy->location, "zh");
	case JH_SY_BOARDING:
		if (sy->boarding < 0)
			return "";
		if (en)
			return sy->boarding ? "1" : "0";
		return sy->boarding ? "是" : "否";
	}
	return "";
}

static jh_code write_csv(const jh_dataset *ds, const jh_filter *f,
                         const char *lang, int bom, jh_buf *out)
{
	struct plan p;
	jh_code rc = make_plan(ds, f, lang, &p);

	if (rc) {
		free_plan(&p);
		return rc;
	}
	if (bom)
		jh_buf_adds(out, JH_UTF8_BOM);
	for (size_t c = 0; c < p.ncols; c++) {
		if (c)
			jh_buf_addc(out, ',');
		jh_buf_addcsv(out, p.cols[c].name);
	}
	jh_buf_addc(out, '\n');
	for (size_t r = 0; r < p.nrows; r++) {
		const jh_school_year *sy = &ds->rows[p.rows[r]];
		char buf[40];

		for (size_t c = 0; c < p.ncols; c++) {
			const char *s = cell_text(ds, sy, &p.cols[c], p.en, buf, sizeof buf);
			if (c)
				jh_buf_addc(out, ',');
			if (s) {
				jh_buf_addcsv(out, s);
			} else if (!isnan(sy->v[p.cols[c].idx])) {
				jh_format_number(sy->v[p.cols[c].idx], buf, sizeof buf);
				jh_buf_adds(out, buf);
			}
		}
		jh_buf_addc(out, '\n');
	}
	free_plan(&p);
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_export_csv(const jh_dataset *ds, const jh_filter *f, jh_buf *out)
{
	return write_csv(ds, f, "en", 0, out);
}

jh_code jh_export_csv_lang(const jh_dataset *ds, const jh_filter *f,
                           const char *lang, jh_buf *out)
{
	return write_csv(ds, f, lang, 1, out);
}

/* --- XLSX --------------------------------------------------------------- */

/* Length as Excel counts it: UTF-16 code units (a 4-byte UTF-8 sequence
 * is a surrogate pair). */
static size_t excel_len(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n += *p >= 0xF0 ? 2 : 1;
	return n;
}

/* A column name short enough to stand in a message: at most 40
 * characters, then "…".  buf holds at least 4 * 40 + 4 bytes. */
static const char *short_name(const char *s, char *buf, size_t cap)
{
	size_t chars = 0, i = 0;

	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > 40)
			break;
	if (!s[i] || i + 4 > cap)
		return s[i] ? "…" : s;
	memcpy(buf, s, i);
	memcpy(buf + i, "…", sizeof "…");
	return buf;
}

/* 1 when s is written to XLSX with one more ' in front (see the top). */
static int xlsx_quote(const char *s)
{
	return s[0] == '\'' && jh_csv_guarded(s, strlen(s));
}

/* s with the ' xlsx_quote asks for, in tmp when it needs one. */
static const char *xlsx_text(const char *s, jh_buf *tmp)
{
	if (!xlsx_quote(s))
		return s;
	jh_buf_reset(tmp);
	jh_buf_addc(tmp, '\'');
	jh_buf_adds(tmp, s);
	jh_buf_addc(tmp, '\0');
	return tmp->oom ? NULL : tmp->data;
}

/* Every problem the sheet would have, each as a diagnostic; 0 when none. */
static size_t xlsx_check(const jh_dataset *ds, const struct plan *p,
                         const char *path, const char *sheet, jh_diags *d)
{
	size_t bad = 0;
	char a[JH_NUMBER_MAX], b[JH_NUMBER_MAX], nb[168];

	if (p->nrows + 1 > XLSX_MAX_ROWS || p->ncols > XLSX_MAX_COLS) {
		jhGrouped((double)p->nrows + 1, 0, a);
		jhGrouped((double)p->ncols, 0, b);
		jh_diags_add(d, JH_P_XLSX_SHEET_LIMIT, path, sheet, 0, 0, NULL, a, b);
		return 1;
	}
	for (size_t c = 0; c < p->ncols; c++) {
		size_t n = excel_len(p->cols[c].name) + xlsx_quote(p->cols[c].name);
		if (n > XLSX_MAX_CHARS) {
			jhGrouped((double)n, 0, a);
			jh_diags_add(d, JH_P_XLSX_HEADER_TOO_LONG, path, sheet, 1,
			             (int)c + 1, short_name(p->cols[c].name, nb, sizeof nb),
			             a, NULL);
			bad++;
		}
	}
	for (size_t r = 0; r < p->nrows; r++) {
		const jh_school_year *sy = &ds->rows[p->rows[r]];
		char buf[40];

		for (size_t c = 0; c < p->ncols; c++) {
			const char *s = cell_text(ds, sy, &p->cols[c], p->en, buf, sizeof buf);
			size_t n = s ? excel_len(s) + xlsx_quote(s) : 0;
			if (n <= XLSX_MAX_CHARS)
				continue;
			jhGrouped((double)n, 0, a);
			jh_diags_add(d, JH_P_XLSX_CELL_TOO_LONG, path, sheet, (long)r + 2,
			             (int)c + 1, short_name(p->cols[c].name, nb, sizeof nb),
			             sy->school_code, a);
			bad++;
		}
	}
	return bad;
}

static jh_code lxw_code(lxw_error e)
{
	return e == LXW_NO_ERROR ? JH_OK :
	       e == LXW_ERROR_MEMORY_MALLOC_FAILED ? JH_ERR_NOMEM : JH_ERR_IO;
}

jh_code jh_export_xlsx(const jh_dataset *ds, const jh_filter *f,
                       const char *lang, const char *path, jh_diags *d)
{
	struct plan p;
	jh_code rc = make_plan(ds, f, lang, &p);
	const char *sheet;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error err = LXW_NO_ERROR, e;
	jh_buf tmp = JH_BUF_INIT;
	const char *text;

	if (rc)
		goto out;
	sheet = p.en ? "schools" : "学校";
	if (xlsx_check(ds, &p, path, sheet, d)) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	/* libxlsxwriter creates the file only at workbook_close, and says
	 * why it cannot on stderr, in English: find out first.  (An existing
	 * file is not changed by "ab"; one made here is overwritten.) */
	{
		FILE *fp = fopen(path, "ab");
		if (!fp || fclose(fp)) {
			rc = JH_ERR_IO;
			goto out;
		}
	}
	if (!(wb = workbook_new(path))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if (!(ws = workbook_add_worksheet(wb, sheet)) ||
	    !(bold = workbook_add_format(wb))) {
		err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		goto close;
	}
	format_set_bold(bold);
	for (size_t c = 0; c < p.ncols && !err; c++)
		err = !(text = xlsx_text(p.cols[c].name, &tmp)) ? LXW_ERROR_MEMORY_MALLOC_FAILED :
		      worksheet_write_string(ws, 0, (lxw_col_t)c, text, bold);
	worksheet_freeze_panes(ws, 1, 2);
	for (size_t r = 0; r < p.nrows && !err; r++) {
		const jh_school_year *sy = &ds->rows[p.rows[r]];
		lxw_row_t row = (lxw_row_t)(r + 1);
		char buf[40];

		for (size_t c = 0; c < p.ncols && !err; c++) {
			const struct col *cl = &p.cols[c];
			const char *s = cell_text(ds, sy, cl, p.en, buf, sizeof buf);
			if (cl->kind == C_ID && cl->idx == JH_SY_YEAR)
				err = worksheet_write_number(ws, row, (lxw_col_t)c, sy->year, NULL);
			else if (s && *s)
				err = !(text = xlsx_text(s, &tmp)) ? LXW_ERROR_MEMORY_MALLOC_FAILED :
				      worksheet_write_string(ws, row, (lxw_col_t)c, text, NULL);
			else if (!s && !isnan(sy->v[cl->idx]))
				err = worksheet_write_number(ws, row, (lxw_col_t)c,
				                             sy->v[cl->idx], NULL);
		}
	}
close:
	/* workbook_close frees the workbook; after a failed write the file
	 * it created is removed, so no partial workbook is left behind. */
	e = workbook_close(wb);
	if (!err)
		err = e;
	if (err) {
		remove(path);
		rc = lxw_code(err);
	}
out:
	jh_buf_free(&tmp);
	free_plan(&p);
	return rc;
}
