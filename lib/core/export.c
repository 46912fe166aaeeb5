/*
** export.c — the school-year template written back out, as CSV or XLSX.
**
** The columns are the template's, in template order, with English keys;
** optional columns appear only when some row has a value; extra columns
** follow in the order they were first imported.  Numbers are written in
** their shortest exact decimal form, so import → export → import records
** no change and export → import → export gives the same bytes.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Column plan shared by both writers. */
enum { X_CODE, X_NAME, X_COUNTY, X_YEAR, X_TYPE, X_PARENT, X_LOCATION,
       X_BOARDING, X__ID };

static const char *const id_keys[X__ID] = {
	"school_code", "school_name", "county_code", "year", "school_type",
	"parent_code", "location", "boarding",
};

struct plan {
	int id[X__ID];            /* column present */
	int field[JH_F__COUNT];
	size_t *rows;             /* selected row indices */
	size_t nrows;
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

static jh_code make_plan(const jh_dataset *ds, const jh_filter *f, struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->rows = malloc((ds->nrows ? ds->nrows : 1) * sizeof *p->rows);
	if (!p->rows)
		return JH_ERR_NOMEM;
	for (int i = 0; i < X_LOCATION; i++)
		p->id[i] = 1;
	for (int fl = 0; fl < JH_F__REQUIRED; fl++)
		p->field[fl] = 1;
	for (size_t i = 0; i < ds->nrows; i++) {
		const jh_school_year *sy = &ds->rows[i];
		if (!selected(sy, f))
			continue;
		p->rows[p->nrows++] = i;
		if (sy->location)
			p->id[X_LOCATION] = 1;
		if (sy->boarding >= 0)
			p->id[X_BOARDING] = 1;
		for (int fl = JH_F__REQUIRED; fl < JH_F__COUNT; fl++)
			if (!isnan(sy->v[fl]))
				p->field[fl] = 1;
	}
	return JH_OK;
}

/* Cell text of identity column c; numbers go through jh_format_number. */
static const char *id_text(const jh_school_year *sy, int c, char *buf, size_t cap)
{
	switch (c) {
	case X_CODE:     return sy->school_code;
	case X_NAME:     return sy->school_name ? sy->school_name : "";
	case X_COUNTY:   return sy->county_code;
	case X_YEAR:     snprintf(buf, cap, "%d", sy->year); return buf;
	case X_TYPE:     return jh_school_type_key(sy->type);
	case X_PARENT:   return sy->parent_code;
	case X_LOCATION: return jh_location_key(sy->location);
	case X_BOARDING: return sy->boarding < 0 ? "" : sy->boarding ? "1" : "0";
	}
	return "";
}

static const char *extra_of(const jh_dataset *ds, const jh_school_year *sy, size_t name)
{
	for (size_t i = 0; i < sy->extra_count; i++)
		if (ds->extras[sy->extra_first + i].name == name)
			return ds->extras[sy->extra_first + i].value;
	return "";
}

jh_code jh_export_csv(const jh_dataset *ds, const jh_filter *f, jh_buf *out)
{
	struct plan p;
	jh_code rc = make_plan(ds, f, &p);
	int first = 1;

	if (rc)
		return rc;
#define SEP() do { if (!first) jh_buf_addc(out, ','); first = 0; } while (0)
	for (int c = 0; c < X__ID; c++)
		if (p.id[c]) {
			SEP();
			jh_buf_adds(out, id_keys[c]);
		}
	for (int fl = 0; fl < JH_F__COUNT; fl++)
		if (p.field[fl]) {
			SEP();
			jh_buf_adds(out, jh_field_key((jh_field)fl));
		}
	for (size_t e = 0; e < ds->nextra_names; e++) {
		SEP();
		jh_buf_addcsv(out, ds->extra_names[e]);
	}
	jh_buf_addc(out, '\n');
	for (size_t r = 0; r < p.nrows; r++) {
		const jh_school_year *sy = &ds->rows[p.rows[r]];
		char buf[40];

		first = 1;
		for (int c = 0; c < X__ID; c++)
			if (p.id[c]) {
				SEP();
				jh_buf_addcsv(out, id_text(sy, c, buf, sizeof buf));
			}
		for (int fl = 0; fl < JH_F__COUNT; fl++)
			if (p.field[fl]) {
				SEP();
				if (!isnan(sy->v[fl])) {
					jh_format_number(sy->v[fl], buf, sizeof buf);
					jh_buf_adds(out, buf);
				}
			}
		for (size_t e = 0; e < ds->nextra_names; e++) {
			SEP();
			jh_buf_addcsv(out, extra_of(ds, sy, e));
		}
		jh_buf_addc(out, '\n');
	}
#undef SEP
	free(p.rows);
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_export_xlsx(const jh_dataset *ds, const jh_filter *f,
                       const char *path, jh_diags *d)
{
	struct plan p;
	jh_code rc = make_plan(ds, f, &p);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_error err;
	lxw_col_t col = 0;

	if (rc)
		return rc;
	if (!(wb = workbook_new(path))) {
		free(p.rows);
		jh_diags_add(d, JH_P_OTHER, path, NULL, 0, 0, NULL, "cannot create the workbook", NULL);
		return JH_ERR_IO;
	}
	ws = workbook_add_worksheet(wb, "schools");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int c = 0; c < X__ID; c++)
		if (p.id[c])
			worksheet_write_string(ws, 0, col++, id_keys[c], bold);
	for (int fl = 0; fl < JH_F__COUNT; fl++)
		if (p.field[fl])
			worksheet_write_string(ws, 0, col++, jh_field_key((jh_field)fl), bold);
	for (size_t e = 0; e < ds->nextra_names; e++)
		worksheet_write_string(ws, 0, col++, ds->extra_names[e], bold);
	worksheet_freeze_panes(ws, 1, 2);
	for (size_t r = 0; r < p.nrows; r++) {
		const jh_school_year *sy = &ds->rows[p.rows[r]];
		lxw_row_t row = (lxw_row_t)(r + 1);
		char buf[40];

		col = 0;
		for (int c = 0; c < X__ID; c++) {
			if (!p.id[c])
				continue;
			if (c == X_YEAR)
				worksheet_write_number(ws, row, col, sy->year, NULL);
			else if (*id_text(sy, c, buf, sizeof buf))
				worksheet_write_string(ws, row, col, id_text(sy, c, buf, sizeof buf), NULL);
			col++;
		}
		for (int fl = 0; fl < JH_F__COUNT; fl++) {
			if (!p.field[fl])
				continue;
			if (!isnan(sy->v[fl]))
				worksheet_write_number(ws, row, col, sy->v[fl], NULL);
			col++;
		}
		for (size_t e = 0; e < ds->nextra_names; e++, col++)
			if (*extra_of(ds, sy, e))
				worksheet_write_string(ws, row, col, extra_of(ds, sy, e), NULL);
	}
	free(p.rows);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		jh_diags_add(d, JH_P_OTHER, path, NULL, 0, 0, NULL, lxw_strerror(err), NULL);
		return JH_ERR_IO;
	}
	return JH_OK;
}
