/*
** whatif.c — planned changes applied to a copy of the data.
**
** Officials ask "what if we build this, hire that, merge these two
** schools?" before they commit money.  A change file lists the steps;
** they are applied in order to a copy of one year's rows, never to the
** stored data, and the caller evaluates before and after.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W_ACTION, W_SCHOOL, W_FIELD, W_VALUE, W_TARGET, W_COUNTY, W_NAME, W__COUNT };
enum action { A_ADD, A_SET, A_CLOSE, A_MERGE, A_MOVE };

#define ID (JH_COL_REQUIRED | JH_COL_IDENTIFIES)
static const jhColSpec wcols[W__COUNT] = {
	[W_ACTION] = {"action", "操作", "action", {NULL}, JH_COL_CHOICE, 0, ID},
	[W_SCHOOL] = {"school_code", "学校标识码", "school code", {"学校代码"},
		JH_COL_CODE, 0, ID},
	/* A template column (jh_field_parse). */
	[W_FIELD]  = {"field", "字段", "field", {NULL}, JH_COL_CHOICE, 0, 0},
	/* Signed: `add` may take away. */
	[W_VALUE]  = {"value", "值", "value", {"数值"}, JH_COL_NUMBER, 0, 0},
	[W_TARGET] = {"target", "目标学校", "target school", {"target_school"},
		JH_COL_CODE, 0, 0},
	/* For the reader of the file only, as offices write them beside the
	 * code; not used.  Any other column is an error (JH_P_WHATIF_COLUMN). */
	[W_COUNTY] = {"county_code", "县(市、区)代码", "county code", {NULL},
		JH_COL_CODE, 0, 0},
	[W_NAME]   = {"school_name", "学校名称", "school name", {NULL},
		JH_COL_TEXT, 0, 0},
};
#undef ID

static const jhTemplate whatif_tpl = {"whatif", wcols, W__COUNT, 2, 0};

static int action_parse(const char *s)
{
	static const char *const a[5][3] = {
		{"add", "增加", NULL}, {"set", "设为", NULL}, {"close", "撤销", "关闭"},
		{"merge", "合并", NULL}, {"move", "转移", "转移学生"},
	};
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 3; k++)
			if (a[i][k] && jhNameEq(s, a[i][k]))
				return i;
	return -1;
}

static long row_of(jh_school_year *rows, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].school_code, code))
			return (long)i;
	return -1;
}

/* Record a problem with this line and go on with the next one.  (A goto,
 * not `continue`: that would only leave a do-while wrapper.) */
/* The column is named as the file's header names it (the user's words,
 * in whichever language the file is written). */
#define BAD(col, p, a, b) { \
	jh_diags_add(diags, p, t->file, t->sheet, line, pos[col] >= 0 ? pos[col] + 1 : 0, \
	             pos[col] >= 0 ? jhHeaderName(t, &h, pos[col]) : wcols[col].key, \
	             a, b); errors++; goto next; }

jh_code jh_whatif_apply(const jh_dataset *ds, int year, const jh_table *t,
                        jh_dataset **out, jh_diags *diags)
{
	jh_school_year *rows = NULL;
	unsigned char *gone = NULL;
	size_t n = 0, errors = 0, hdr;
	jhHeader h;
	const int *pos = h.pos;
	jh_dataset *res = NULL;
	jh_code rc;

	*out = NULL;
	if ((rc = jhHeaderRead(&whatif_tpl, t, NULL, &h, diags, &errors)))
		return rc;
	hdr = h.row;
	/* Every header cell names a column of the change file: a column the
	 * file does not know (`目标` for 目标学校) would be dropped, and the
	 * change read otherwise than its author meant. */
	for (size_t c = 0; h.map && c < h.width; c++)
		if (h.map[c] == JH_HDR_OTHER) {
			jh_diags_add(diags, JH_P_WHATIF_COLUMN, t->file, t->sheet, h.line,
			             (int)c + 1, jhHeaderName(t, &h, (int)c),
			             jhHeaderName(t, &h, (int)c), NULL);
			errors++;
		}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	rows = malloc((ds->nrows ? ds->nrows : 1) * sizeof *rows);
	gone = calloc(ds->nrows ? ds->nrows : 1, 1);
	if (!rows || !gone) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < ds->nrows; i++)
		if (ds->rows[i].year == year)
			rows[n++] = ds->rows[i];
	for (size_t r = hdr + 1; r < t->nrows; r++) {
		long line = t->rows[r].line;
		char act[64], code[64], fs[256], vs[64], ts[64];
		int a, f;
		long i, k = -1;
		double v = 0;

		if (jhRowBlank(t, r))
			continue;
		if (jhRowCheck(&whatif_tpl, &h, t, r, diags)) {
			errors++;
			continue;
		}
#define CELL(col, buf) jhCellCopy(pos[col] >= 0 ? jh_table_cell(t, r, (size_t)pos[col]) : "", \
		                  buf, sizeof buf)
		CELL(W_ACTION, act);
		CELL(W_SCHOOL, code);
		CELL(W_FIELD, fs);
		CELL(W_TARGET, ts);
		if (CELL(W_VALUE, vs))
			BAD(W_VALUE, JH_P_NOT_NUMBER, vs, NULL);
#undef CELL
		a = action_parse(act);
		f = *fs ? jh_field_parse(fs) : -1;
		if (a < 0)
			BAD(W_ACTION, JH_P_WHATIF_ACTION, act, NULL);
		if ((i = row_of(rows, n, code)) < 0 || gone[i])
			BAD(W_SCHOOL, JH_P_WHATIF_SCHOOL, code, NULL);
		if ((a == A_ADD || a == A_SET || a == A_MOVE) && f < 0)
			BAD(W_FIELD, JH_P_WHATIF_FIELD, fs, NULL);
		if ((a == A_ADD || a == A_SET || a == A_MOVE) && jhParseNumber(vs, &v))
			BAD(W_VALUE, JH_P_NOT_NUMBER, vs, NULL);
		if ((a == A_MERGE || a == A_MOVE) &&
		    ((k = row_of(rows, n, ts)) < 0 || gone[k] || k == i))
			BAD(W_TARGET, JH_P_WHATIF_TARGET, ts, NULL);
		if (f >= 0 && jh_field_is_count((jh_field)f) && v != floor(v))
			BAD(W_VALUE, JH_P_NOT_INTEGER, vs, NULL);
		switch (a) {
		case A_ADD:
			if (isnan(rows[i].v[f]))
				rows[i].v[f] = 0;
			if (rows[i].v[f] + v < 0)
				BAD(W_VALUE, JH_P_WHATIF_NEGATIVE, fs, NULL);
			rows[i].v[f] += v;
			break;
		case A_SET:
			if (v < 0)
				BAD(W_VALUE, JH_P_NEGATIVE, vs, NULL);
			rows[i].v[f] = v;
			break;
		case A_CLOSE:
			gone[i] = 1;
			break;
		case A_MERGE: {
			unsigned have = jhTypeStages(rows[i].type), into = jhTypeStages(rows[k].type);
			if ((rows[i].v[JH_F_STUDENTS_PRIMARY] > 0 && !(into & JH_HAS_PRIMARY)) ||
			    (rows[i].v[JH_F_STUDENTS_JUNIOR] > 0 && !(into & JH_HAS_JUNIOR)) ||
			    (rows[i].v[JH_F_STUDENTS_SENIOR] > 0 && !(into & JH_HAS_SENIOR)))
				BAD(W_TARGET, JH_P_WHATIF_MERGE, ts, code);
			(void)have;
			for (int g = 0; g < JH_F__COUNT; g++) {
				if (isnan(rows[i].v[g]) || !jh_field_is_additive((jh_field)g))
					continue;
				rows[k].v[g] = (isnan(rows[k].v[g]) ? 0 : rows[k].v[g]) + rows[i].v[g];
			}
			gone[i] = 1;
			break;
		}
		case A_MOVE:
			if (f != JH_F_STUDENTS_PRIMARY && f != JH_F_STUDENTS_JUNIOR &&
			    f != JH_F_STUDENTS_SENIOR)
				BAD(W_FIELD, JH_P_WHATIF_MOVE_FIELD, fs, NULL);
			/* Pupils leave i for k: a negative count would move them
			 * the other way past every check below. */
			if (v < 0)
				BAD(W_VALUE, JH_P_WHATIF_MOVE_NEGATIVE, vs, NULL);
			if (v > rows[i].v[f]) {
				char have[32];
				snprintf(have, sizeof have, "%.0f", rows[i].v[f]);
				BAD(W_VALUE, JH_P_WHATIF_TOO_FEW, code, have);
			}
			{
				unsigned need = f == JH_F_STUDENTS_PRIMARY ? JH_HAS_PRIMARY :
				                f == JH_F_STUDENTS_JUNIOR ? JH_HAS_JUNIOR : JH_HAS_SENIOR;
				if (!(jhTypeStages(rows[k].type) & need))
					BAD(W_TARGET, JH_P_WHATIF_NO_STAGE, ts, fs);
			}
			rows[i].v[f] -= v;
			rows[k].v[f] += v;
			break;
		}
next:;
	}
	if (errors) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	if (!(res = jh_dataset_new())) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (gone[i])
			continue;
		/* Extras are not carried: what-if is about the evaluation. */
		rows[i].extra_count = 0;
		if ((rc = jh_dataset_add(res, &rows[i])))
			goto out;
	}
	*out = res;
	res = NULL;
out:
	jhHeaderFree(&h);
	jh_dataset_free(res);
	free(rows);
	free(gone);
	return rc;
}
