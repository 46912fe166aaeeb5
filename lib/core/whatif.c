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

enum { W_ACTION, W_SCHOOL, W_FIELD, W_VALUE, W_TARGET, W__COUNT };
enum action { A_ADD, A_SET, A_CLOSE, A_MERGE, A_MOVE };

static const char *const wcols[W__COUNT][3] = {
	{"action", "操作", NULL},
	{"school_code", "学校标识码", NULL},
	{"field", "字段", NULL},
	{"value", "值", NULL},
	{"target", "目标学校", "target_school"},
};

static int action_parse(const char *s)
{
	static const char *const a[5][3] = {
		{"add", "增加", NULL}, {"set", "设为", NULL}, {"close", "撤销", "关闭"},
		{"merge", "合并", NULL}, {"move", "转移", "转移学生"},
	};
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 3; k++)
			if (a[i][k] && !strcmp(s, a[i][k]))
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
#define BAD(col, p, a, b) { \
	jh_diags_add(diags, p, t->file, t->sheet, line, pos[col] >= 0 ? pos[col] + 1 : 0, \
	             wcols[col][0], a, b); errors++; goto next; }

jh_code jh_whatif_apply(const jh_dataset *ds, int year, const jh_table *t,
                        jh_dataset **out, jh_diags *diags)
{
	jh_school_year *rows = NULL;
	unsigned char *gone = NULL;
	size_t n = 0, errors = 0;
	int pos[W__COUNT];
	long hdr = -1;
	jh_dataset *res = NULL;
	jh_code rc = JH_OK;

	*out = NULL;
	for (size_t r = 0; r < t->nrows && r < 30 && hdr < 0; r++) {
		for (int c = 0; c < W__COUNT; c++)
			pos[c] = -1;
		for (size_t j = 0; j < t->rows[r].ncells; j++)
			for (int c = 0; c < W__COUNT; c++)
				for (int k = 0; k < 3; k++)
					if (wcols[c][k] && !strcmp(jh_table_cell(t, r, j), wcols[c][k]))
						pos[c] = (int)j;
		if (pos[W_ACTION] >= 0 && pos[W_SCHOOL] >= 0)
			hdr = (long)r;
	}
	if (hdr < 0) {
		jh_diags_add(diags, JH_P_NO_HEADER, t->file, t->sheet, 0, 0, NULL, NULL, NULL);
		return JH_ERR_INPUT;
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
	for (size_t r = (size_t)hdr + 1; r < t->nrows; r++) {
		long line = t->rows[r].line;
		const char *act = pos[W_ACTION] >= 0 ? jh_table_cell(t, r, (size_t)pos[W_ACTION]) : "";
		const char *code = jh_table_cell(t, r, (size_t)pos[W_SCHOOL]);
		const char *fs = pos[W_FIELD] >= 0 ? jh_table_cell(t, r, (size_t)pos[W_FIELD]) : "";
		const char *vs = pos[W_VALUE] >= 0 ? jh_table_cell(t, r, (size_t)pos[W_VALUE]) : "";
		const char *ts = pos[W_TARGET] >= 0 ? jh_table_cell(t, r, (size_t)pos[W_TARGET]) : "";
		int a = action_parse(act), f = *fs ? jh_field_parse(fs) : -1;
		long i, k = -1;
		double v = 0;

		if (!*act && !*code)
			continue;
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
				if (isnan(rows[i].v[g]) || g == JH_F_MUSIC_ROOM_MIN_AREA ||
				    g == JH_F_ART_ROOM_MIN_AREA || g == JH_F_LARGEST_CLASS_PRIMARY ||
				    g == JH_F_LARGEST_CLASS_JUNIOR)
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
	jh_dataset_free(res);
	free(rows);
	free(gone);
	return rc;
}
