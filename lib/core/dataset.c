/*
** dataset.c — the school-year template: columns, checks, and the rows.
**
** A jh_dataset is every school-year row read so far, from any number of
** CSV files or XLSX sheets.  jh_dataset_add_table maps a table's header to
** the template columns (English keys or Chinese names), checks every cell,
** and either appends all rows or — if anything is wrong — appends nothing
** and lists every problem with its file, sheet, line and column.
**
** A hash index on (school code, year) finds duplicates across files.
*/
#include "core_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

_Static_assert(JH_NG__COUNT <= 128, "a bit of not_given per field and JH_NG_*");
_Static_assert(JH_SY_IDCOLS + JH_F__COUNT <= JH_TPL_MAXCOLS, "template columns");

/* --- helpers ----------------------------------------------------------- */

unsigned jhTypeStages(jh_school_type t)
{
	switch (t) {
	case JH_TYPE_PRIMARY:
	case JH_TYPE_TEACHING_POINT:  return JH_HAS_PRIMARY;
	case JH_TYPE_JUNIOR:          return JH_HAS_JUNIOR;
	case JH_TYPE_NINE_YEAR:       return JH_HAS_PRIMARY | JH_HAS_JUNIOR;
	case JH_TYPE_TWELVE_YEAR:     return JH_HAS_PRIMARY | JH_HAS_JUNIOR | JH_HAS_SENIOR;
	case JH_TYPE_COMPLETE_MIDDLE: return JH_HAS_JUNIOR | JH_HAS_SENIOR;
	default:                      return 0;
	}
}


/* 1 yes, 0 no, -1 empty (unknown), -2 unreadable. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = {"1", "yes", "y", "true", "是", "寄宿", "寄宿制", NULL};
	static const char *const no[] = {"0", "no", "n", "false", "否", "非寄宿", NULL};

	if (!*s)
		return -1;
	if (!strcmp(s, "是") || !strcmp(s, "1"))          /* as most files write it */
		return 1;
	if (!strcmp(s, "否") || !strcmp(s, "0"))
		return 0;
	if (jhNameIn(s, yes))
		return 1;
	if (jhNameIn(s, no))
		return 0;
	return -2;
}

static int all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int valid_school_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 10)
		return all_digits(s, 10);
	if (n == 18) {
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)s[i]) &&
			    !(s[i] >= 'A' && s[i] <= 'Z'))
				return 0;
		return 1;
	}
	return 0;
}

int jh_cell_clears(const char *s)
{
	static const char *const marks[] = {JH_CLEAR_MARK, "<clear>", NULL};

	/* Every cell of a table comes here: a marker starts, after blanks,
	 * with '<' or 清 (first byte 0xE6); a blank may be ASCII, U+3000 (0xE3)
	 * or U+00A0 (0xC2).  One byte rules out the numbers. */
	const unsigned char *p = (const unsigned char *)s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '<' && *p != 0xE6 && *p != 0xE3 && *p != 0xC2)
		return 0;
	return jhNameIn(s, marks);
}

/* --- index on (school code, year) ------------------------------------ */

static uint64_t key_hash(const char *code, int year)
{
	return jhHashInt(jhHashStr(JH_HASH_SEED, code), year);
}

static long index_find(const jh_dataset *ds, const char *code, int year)
{
	uint64_t h = key_hash(code, year);
	size_t pos = 0, i;

	while (jhIndexNext(ds->index, h, &pos, &i)) {
		const jh_school_year *r = &ds->rows[i];
		if (r->year == year && !strcmp(r->school_code, code))
			return (long)i;
	}
	return -1;
}

static int index_put(jh_dataset *ds, size_t row)
{
	return jhIndexAdd(ds->index,
	                  key_hash(ds->rows[row].school_code, ds->rows[row].year), row);
}

/* --- dataset ----------------------------------------------------------- */

jh_dataset *jh_dataset_new(void)
{
	jh_dataset *ds = calloc(1, sizeof *ds);

	if (!ds)
		return NULL;
	ds->arena = jhArenaNew();
	ds->index = calloc(1, sizeof *ds->index);
	if (!ds->arena || !ds->index) {
		jh_dataset_free(ds);
		return NULL;
	}
	return ds;
}

void jh_dataset_free(jh_dataset *ds)
{
	if (!ds)
		return;
	free(ds->rows);
	free(ds->extra_names);
	free(ds->extras);
	jhArenaFree(ds->arena);
	if (ds->index)
		jhIndexFree(ds->index);
	free(ds->index);
	free(ds);
}

const jh_school_year *jh_dataset_find(const jh_dataset *ds,
                                      const char *school_code, int year)
{
	long i = index_find(ds, school_code, year);

	return i < 0 ? NULL : &ds->rows[i];
}

static jh_code push_row(jh_dataset *ds, const jh_school_year *sy)
{
	if (ds->nrows == ds->caprows) {
		size_t cap = ds->caprows ? ds->caprows * 2 : 1024;
		jh_school_year *r = realloc(ds->rows, cap * sizeof *r);
		if (!r)
			return JH_ERR_NOMEM;
		ds->rows = r;
		ds->caprows = cap;
	}
	ds->rows[ds->nrows] = *sy;
	if (index_put(ds, ds->nrows))
		return JH_ERR_NOMEM;
	ds->nrows++;
	return JH_OK;
}

jh_code jh_dataset_add(jh_dataset *ds, const jh_school_year *sy)
{
	jh_school_year r = *sy;

	if (sy->school_name &&
	    !(r.school_name = jhArenaStrdup(ds->arena, sy->school_name)))
		return JH_ERR_NOMEM;
	if (sy->file && !(r.file = jhArenaStrdup(ds->arena, sy->file)))
		return JH_ERR_NOMEM;
	if (sy->sheet && !(r.sheet = jhArenaStrdup(ds->arena, sy->sheet)))
		return JH_ERR_NOMEM;
	r.extra_first = ds->nextras;
	r.extra_count = 0;
	return push_row(ds, &r);
}

static long extra_name(jh_dataset *ds, const char *name)
{
	for (size_t i = 0; i < ds->nextra_names; i++)
		if (!strcmp(ds->extra_names[i], name))
			return (long)i;
	if (ds->nextra_names == ds->capextra_names) {
		size_t cap = ds->capextra_names ? ds->capextra_names * 2 : 8;
		const char **n = realloc(ds->extra_names, cap * sizeof *n);
		if (!n)
			return -1;
		ds->extra_names = n;
		ds->capextra_names = cap;
	}
	if (!(ds->extra_names[ds->nextra_names] = jhArenaStrdup(ds->arena, name)))
		return -1;
	return (long)ds->nextra_names++;
}

static jh_code push_extra(jh_dataset *ds, size_t name, const char *value)
{
	if (ds->nextras == ds->capextras) {
		size_t cap = ds->capextras ? ds->capextras * 2 : 1024;
		jh_extra *e = realloc(ds->extras, cap * sizeof *e);
		if (!e)
			return JH_ERR_NOMEM;
		ds->extras = e;
		ds->capextras = cap;
	}
	ds->extras[ds->nextras].name = name;
	if (!(ds->extras[ds->nextras].value = jhArenaStrdup(ds->arena, value)))
		return JH_ERR_NOMEM;
	ds->nextras++;
	return JH_OK;
}

jh_code jh_dataset_add_extra(jh_dataset *ds, jh_school_year *row,
                             const char *name, const char *value)
{
	long nm;
	jh_code rc;

	if (!ds->nrows || row != &ds->rows[ds->nrows - 1] ||
	    row->extra_first + row->extra_count != ds->nextras)
		return JH_ERR_ARG;
	if ((nm = extra_name(ds, name)) < 0)
		return JH_ERR_NOMEM;
	if ((rc = push_extra(ds, (size_t)nm, value)))
		return rc;
	row->extra_count++;
	return JH_OK;
}

/* --- number cells as offices type them ---------------------------------- */

/* The stage a field belongs to (JH_HAS_*), 0 for the school's shared
 * resources (areas, equipment, rooms, funds). */
static unsigned field_stage(jh_field f)
{
	switch (f) {
	case JH_F_STUDENTS_PRIMARY: case JH_F_QUALIFIED_PRIMARY:
	case JH_F_KEY_PRIMARY: case JH_F_PE_ART_PRIMARY:
	case JH_F_TEACHERS_PRIMARY: case JH_F_CLASSES_PRIMARY:
	case JH_F_LARGEST_CLASS_PRIMARY:
		return JH_HAS_PRIMARY;
	case JH_F_STUDENTS_JUNIOR: case JH_F_QUALIFIED_JUNIOR:
	case JH_F_KEY_JUNIOR: case JH_F_PE_ART_JUNIOR:
	case JH_F_TEACHERS_JUNIOR: case JH_F_CLASSES_JUNIOR:
	case JH_F_LARGEST_CLASS_JUNIOR:
		return JH_HAS_JUNIOR;
	case JH_F_STUDENTS_SENIOR:
		return JH_HAS_SENIOR;
	default:
		/* The raw figures: pairs primary, junior, then the bands. */
		if (f >= JH_F_TEACHERS_ASSOCIATE_PRIMARY && f <= JH_F_CATCHMENT_JUNIOR)
			return (f - JH_F_TEACHERS_ASSOCIATE_PRIMARY) % 2 ? JH_HAS_JUNIOR
			                                                 : JH_HAS_PRIMARY;
		if (f >= JH_F_BANDS_PRIMARY && f < JH_F_BANDS_JUNIOR + JH_BANDS)
			return f < JH_F_BANDS_JUNIOR ? JH_HAS_PRIMARY : JH_HAS_JUNIOR;
		return 0;
	}
}

enum {
	CELL_NUMBER,        /* *out holds it (in the template's unit) */
	CELL_NONE,          /* nothing in a stage the school does not offer: 0 */
	CELL_BLANK,         /* blank where a value belongs */
	CELL_DASH_OFFERED,  /* a dash where the school has the stage */
	CELL_BAD            /* not a number */
};

/* One number cell of field f for a school offering `stages` (~0u when its
 * type is unknown): the number as offices type it (jhParseCellNumber:
 * full-width digits, ￥, a unit after it), times the header's factor
 * (万元 → 元, rounded to the fen); a dash, or a blank in a required
 * column, for a stage the school does not offer is 0 — the office's way of
 * writing "none"; a dash for a stage it offers is refused with what to
 * type instead. */
static int office_number(const char *raw, jh_field f, unsigned stages,
                         double scale, double *out)
{
	unsigned st = field_stage(f);
	int none = st && stages != ~0u && !(stages & st);
	int org;

	/* 举办者类型 as offices write it: 县级教育部门, "7 县级教育部门". */
	if (f == JH_F_ORGANISER && (org = jh_organiser_parse(raw)) > 0) {
		*out = org;
		return CELL_NUMBER;
	}
	if (*raw && !jhParseCellNumber(raw, (jhUnit)jhSchoolYear.cols[JH_SY_IDCOLS + f].unit, out)) {
		if (scale != 1)
			*out = round(*out * scale * 100) / 100;
		return CELL_NUMBER;
	}
	if (jhBlank(raw))
		return none && jh_field_is_required(f) ? CELL_NONE : CELL_BLANK;
	if (jhCellDash(raw))
		return none ? CELL_NONE : st && stages != ~0u ? CELL_DASH_OFFERED : CELL_BAD;
	return CELL_BAD;
}

/* Values no real school has: they are typing errors (an extra zero, a
 * total typed into a per-class column), so they are refused with the
 * reason rather than evaluated.  The bounds are generous on purpose. */
static void absurd_checks(const jh_table *t, size_t hdr, size_t r,
                          const int *pos, const int *ok,
                          const jh_school_year *sy, jh_diags *diags,
                          size_t *errors)
{
	static const struct { jh_field students, classes; } sc[2] = {
		{JH_F_STUDENTS_PRIMARY, JH_F_CLASSES_PRIMARY},
		{JH_F_STUDENTS_JUNIOR, JH_F_CLASSES_JUNIOR},
	};
	double total = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR] +
	               sy->v[JH_F_STUDENTS_SENIOR];
	long line = t->rows[r].line;
	char why[160];

	(void)hdr;
	for (int s = 0; s < 2; s++) {
		jh_field fs = sc[s].students, fc = sc[s].classes;
		int col = pos[JH_SY_IDCOLS + fc] + 1;
		jh_field fl = s ? JH_F_LARGEST_CLASS_JUNIOR : JH_F_LARGEST_CLASS_PRIMARY;
		if (!ok[fs] || !ok[fc] || col == 0)
			continue;
		/* The largest class holds at least the mean class size. */
		if (ok[fl] && sy->v[fc] > 0 && sy->v[fl] * sy->v[fc] < sy->v[fs]) {
			int lc = pos[JH_SY_IDCOLS + fl] + 1;
			snprintf(why, sizeof why, "largest class %.0f is smaller than the mean %.1f "
			         "(%.0f students in %.0f classes)", sy->v[fl], sy->v[fs] / sy->v[fc],
			         sy->v[fs], sy->v[fc]);
			jh_diags_add(diags, JH_P_ABSURD_VALUE, t->file, t->sheet, line, lc,
			             jhCell(t, hdr, (size_t)lc - 1), jh_field_key(fl), why);
			(*errors)++;
		}
		if (sy->v[fs] > 0 && sy->v[fc] == 0) {
			snprintf(why, sizeof why, "%.0f students in 0 classes", sy->v[fs]);
		} else if (sy->v[fc] > 0 && sy->v[fs] / sy->v[fc] > 100) {
			snprintf(why, sizeof why, "%.0f students per class (more than 100)",
			         sy->v[fs] / sy->v[fc]);
		} else {
			continue;
		}
		jh_diags_add(diags, JH_P_ABSURD_VALUE, t->file, t->sheet, line, col,
		             jhCell(t, hdr, (size_t)col - 1),
		             jh_field_key(fc), why);
		(*errors)++;
	}
	if (!ok[JH_F_STUDENTS_PRIMARY] || !ok[JH_F_STUDENTS_JUNIOR] ||
	    !ok[JH_F_STUDENTS_SENIOR])
		return;
	if (total > 30000) {
		int col = pos[JH_SY_IDCOLS + JH_F_STUDENTS_PRIMARY] + 1;
		snprintf(why, sizeof why, "%.0f students in one school (more than 30000)", total);
		jh_diags_add(diags, JH_P_ABSURD_VALUE, t->file, t->sheet, line, col,
		             jhCell(t, hdr, (size_t)col - 1),
		             "students", why);
		(*errors)++;
	}
	/* Floor space and equipment per student beyond any real school. */
	static const struct { jh_field f; double max; const char *unit; } per[] = {
		{JH_F_TEACHING_AREA, 1000, "m² per student"},
		{JH_F_SPORTS_AREA, 5000, "m² per student"},
		{JH_F_EQUIPMENT_VALUE, 1e6, "yuan per student"},
	};
	for (size_t k = 0; k < sizeof per / sizeof per[0]; k++) {
		int col = pos[JH_SY_IDCOLS + per[k].f] + 1;
		if (!ok[per[k].f] || total <= 0 || sy->v[per[k].f] / total <= per[k].max)
			continue;
		snprintf(why, sizeof why, "%.0f %s (more than %.0f)",
		         sy->v[per[k].f] / total, per[k].unit, per[k].max);
		jh_diags_add(diags, JH_P_ABSURD_VALUE, t->file, t->sheet, line, col,
		             jhCell(t, hdr, (size_t)col - 1),
		             jh_field_key(per[k].f), why);
		(*errors)++;
	}
}

/* 1 when header cell s is one of the declared extra columns. */
static int extra_declared(const jh_dataset *ds, const char *s)
{
	const char *p = ds->extras_declared;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char name[256];
		if (n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (jhNameEq(name, s))
				return 1;
		}
		p = e ? e + 1 : NULL;
	}
	return 0;
}

#define DIAG(p, line, col, a, b) do { \
		jh_diags_add(diags, p, t->file, t->sheet, line, col, \
		             (col) > 0 ? jhCell(t, hdr, (size_t)(col) - 1) : NULL, \
		             a, b); \
		errors++; } while (0)

/* Rows of one table are checked into the dataset directly; on any
 * problem they are taken out again (all or nothing). */
jh_code jh_dataset_add_table(jh_dataset *ds, const jh_table *t,
                             jh_diags *diags)
{
	jhHeader h;
	size_t hdr, first_new = ds->nrows, first_extra = ds->nextras, r;
	const int *pos = h.pos;
	size_t errors = 0;
	const char *file, *sheet = NULL;
	int year_min, year_max;
	jh_code rc;

	jhColSet excused = {{0}};
	long hr;
	if (ds->default_year)
		jhColSetAdd(&excused, JH_SY_YEAR);
	if ((hr = jhHeaderFind(&jhSchoolYear, t)) >= 0)
		jhDeriveExcused(t, (size_t)hr, &excused);
	rc = jhHeaderRead(&jhSchoolYear, t, &excused,
	                  &h, diags, &errors);
	if (rc)
		return rc;
	hdr = h.row;
	jhYearRange(ds->year_min, ds->year_max, &year_min, &year_max);
	/* Extra columns that look like a template column the header does not
	 * name are refused unless declared: kept as extras, they would leave
	 * the real column absent. */
	if (!ds->extras_all) {
		jhColSet named = {{0}};
		for (int c = 0; c < jhSchoolYear.ncols; c++)
			if (pos[c] >= 0)
				jhColSetAdd(&named, c);
		for (size_t j = 0; j < h.width; j++) {
			const char *name = jhCell(t, hdr, j);
			int c;
			if (h.map[j] != JH_HDR_OTHER || extra_declared(ds, name) ||
			    (c = jhColLike(&jhSchoolYear, name, &named)) < 0)
				continue;
			jh_diags_add(diags, JH_P_LOOKS_LIKE_COLUMN, t->file, t->sheet,
			             h.line, (int)j + 1, name, jhSchoolYear.cols[c].zh,
			             jhSchoolYear.cols[c].key);
			errors++;
		}
	}
	if (errors)
		goto out;

	if (!(file = jhArenaStrdup(ds->arena, t->file)) ||
	    (t->sheet && !(sheet = jhArenaStrdup(ds->arena, t->sheet)))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	/* Room for every row of the table at once: no regrowth below. */
	if (jhIndexReserve(ds->index, ds->nrows + (t->nrows - hdr))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	if (ds->caprows < ds->nrows + (t->nrows - hdr)) {
		size_t cap = ds->nrows + (t->nrows - hdr);
		jh_school_year *n = realloc(ds->rows, cap * sizeof *n);
		if (!n) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		ds->rows = n;
		ds->caprows = cap;
	}
	for (r = hdr + 1; r < t->nrows; r++) {
		const jh_row *row = &t->rows[r];
		jh_school_year *sy;
		char cell[256];
		const char *raw;
		long line = row->line;
		size_t rowerr = errors;
		int type_ok = 0;
		unsigned stages = 0;

		if (jhRowBlank(t, r) || jhRowSkip(t, &h, r, diags))
			continue;
		errors += jhRowCheck(&jhSchoolYear, &h, t, r, diags);
		if (!t->sheet && row->ncells < h.width)
			continue;                   /* short: nothing to read */
		/* The row is built in place at the end of the array (room
		 * reserved above). */
		sy = &ds->rows[ds->nrows];
		memset(sy, 0, offsetof(jh_school_year, v));
		sy->file = file;
		sy->sheet = sheet;
		sy->line = line;
		sy->col_code = (short)(pos[JH_SY_SCHOOL_CODE] + 1);
		sy->col_county = (short)(pos[JH_SY_COUNTY_CODE] + 1);
		sy->col_type = (short)(pos[JH_SY_SCHOOL_TYPE] + 1);
		sy->extra_first = ds->nextras;
		sy->extra_count = 0;

		/* Identity columns. */
		jhCellCode(jhCell(t, r, (size_t)pos[JH_SY_SCHOOL_CODE]), cell, sizeof cell);
		if (!*cell)
			DIAG(JH_P_EMPTY_VALUE, line, pos[JH_SY_SCHOOL_CODE] + 1, NULL, NULL);
		else if (!valid_school_code(cell))
			DIAG(JH_P_BAD_SCHOOL_CODE, line, pos[JH_SY_SCHOOL_CODE] + 1, cell, NULL);
		else
			memcpy(sy->school_code, cell, strlen(cell) + 1);

		raw = jhCell(t, r, (size_t)pos[JH_SY_SCHOOL_NAME]);
		if (jhCellCopy(raw, cell, sizeof cell)) {
			char most[24];
			snprintf(most, sizeof most, "%zu", sizeof cell - 1);
			DIAG(JH_P_TOO_LONG, line, pos[JH_SY_SCHOOL_NAME] + 1, "school_name", most);
		}
		else if (!*cell)
			DIAG(JH_P_EMPTY_VALUE, line, pos[JH_SY_SCHOOL_NAME] + 1, NULL, NULL);
		else if (jh_cell_clears(cell))
			DIAG(JH_P_CLEAR_REQUIRED, line, pos[JH_SY_SCHOOL_NAME] + 1, cell, NULL);
		else if (!(sy->school_name = jhArenaStrdup(ds->arena, cell))) {
			rc = JH_ERR_NOMEM;
			goto out;
		}

		jhCellCode(jhCell(t, r, (size_t)pos[JH_SY_COUNTY_CODE]), cell, sizeof cell);
		if (!*cell)
			DIAG(JH_P_EMPTY_VALUE, line, pos[JH_SY_COUNTY_CODE] + 1, NULL, NULL);
		else if (!jhCountyCodeOk(cell))
			DIAG(JH_P_BAD_COUNTY_CODE, line, pos[JH_SY_COUNTY_CODE] + 1, cell, NULL);
		else
			memcpy(sy->county_code, cell, 7);

		if (pos[JH_SY_YEAR] < 0)
			sy->year = ds->default_year;
		else if (jhCellYear(t, &h, r, pos[JH_SY_YEAR], year_min, year_max,
		                    ds->default_year, &sy->year, diags)) {
			sy->year = 0;
			errors++;
		}

		jhCellCopy(jhCell(t, r, (size_t)pos[JH_SY_SCHOOL_TYPE]), cell, sizeof cell);
		{
			int ty = jh_school_type_parse(cell);
			if (!*cell)
				DIAG(JH_P_EMPTY_VALUE, line, pos[JH_SY_SCHOOL_TYPE] + 1, NULL, NULL);
			else if (ty < 0)
				DIAG(JH_P_BAD_SCHOOL_TYPE, line, pos[JH_SY_SCHOOL_TYPE] + 1, cell, NULL);
			else {
				sy->type = (jh_school_type)ty;
				stages = jhTypeStages(sy->type);
				type_ok = 1;
			}
		}

		/* Optional values: a blank cell or an absent column gives
		 * nothing (not_given), 清空 gives "no value". */
		jhCellCode(jhCell(t, r, (size_t)pos[JH_SY_PARENT_CODE]), cell, sizeof cell);
		if (!*cell)
			jh_sy_set_not_given(sy, JH_NG_PARENT);
		else if (jh_cell_clears(cell))
			;                           /* parent_code stays "" */
		else if (!valid_school_code(cell))
			DIAG(JH_P_BAD_SCHOOL_CODE, line, pos[JH_SY_PARENT_CODE] + 1, cell, NULL);
		else
			memcpy(sy->parent_code, cell, strlen(cell) + 1);

		sy->boarding = -1;
		if (pos[JH_SY_LOCATION] < 0)
			jh_sy_set_not_given(sy, JH_NG_LOCATION);
		else {
			jhCellCopy(jhCell(t, r, (size_t)pos[JH_SY_LOCATION]), cell, sizeof cell);
			int l = !*cell || jh_cell_clears(cell) ? JH_LOC_UNKNOWN : jh_location_parse(cell);
			if (!*cell)
				jh_sy_set_not_given(sy, JH_NG_LOCATION);
			if (l < 0)
				DIAG(JH_P_BAD_LOCATION, line, pos[JH_SY_LOCATION] + 1, cell, NULL);
			else
				sy->location = (jh_location)l;
		}
		if (pos[JH_SY_BOARDING] < 0)
			jh_sy_set_not_given(sy, JH_NG_BOARDING);
		else {
			jhCellCopy(jhCell(t, r, (size_t)pos[JH_SY_BOARDING]), cell, sizeof cell);
			int b = jh_cell_clears(cell) ? -1 : parse_bool(cell);
			if (!*cell)
				jh_sy_set_not_given(sy, JH_NG_BOARDING);
			if (b == -2)
				DIAG(JH_P_BAD_BOOLEAN, line, pos[JH_SY_BOARDING] + 1, cell, NULL);
			else
				sy->boarding = (signed char)b;
		}

		/* Numeric columns.  ok[f] says the cell parsed, so cross-field
		 * checks below run only on cells that are themselves valid. */
		int ok[JH_F__COUNT] = {0};
		uint64_t cleared[2] = {0, 0};   /* 清空: for jhDeriveRow */
		for (int f = 0; f < JH_F__COUNT; f++) {
			int col = pos[JH_SY_IDCOLS + f] + 1;
			double d;

			sy->v[f] = NAN;
			if (col == 0) {             /* optional and absent */
				jh_sy_set_not_given(sy, f);
				continue;
			}
			raw = jhCell(t, r, (size_t)col - 1);
			if (jh_cell_clears(raw)) {
				cleared[f >> 6] |= (uint64_t)1 << (f & 63);
				if (jhSchoolYear.cols[JH_SY_IDCOLS + f].flags & JH_COL_REQUIRED) {
					jhCellCopy(raw, cell, sizeof cell);
					DIAG(JH_P_CLEAR_REQUIRED, line, col, cell, NULL);
				}
				continue;
			}
			if (jh_field_is_yesno((jh_field)f)) {
				int b = parse_bool(raw);
				jhCellCopy(raw, cell, sizeof cell);
				if (b == -2)
					DIAG(JH_P_BAD_BOOLEAN, line, col, cell, NULL);
				else if (b == -1)
					jh_sy_set_not_given(sy, f);
				else {
					sy->v[f] = b;
					ok[f] = 1;
				}
				continue;
			}
			switch (office_number(raw, (jh_field)f, type_ok ? stages : ~0u,
			                      h.scale[JH_SY_IDCOLS + f], &d)) {
			case CELL_NUMBER:
				if (d < 0) {
					jhCellCopy(raw, cell, sizeof cell);
					DIAG(JH_P_NEGATIVE, line, col, cell, NULL);
				} else if (jhSchoolYear.cols[JH_SY_IDCOLS + f].type == JH_COL_COUNT && d != floor(d)) {
					jhCellCopy(raw, cell, sizeof cell);
					DIAG(JH_P_NOT_INTEGER, line, col, cell, NULL);
				} else if ((f == JH_F_ORGANISER && (d < 1 || d > JH_ORGANISER_MAX)) ||
				           (f == JH_F_GRADES && (d < 1 || d > 12)) ||
				           (f == JH_F_BUILD_YEAR && (d < 1800 || d > year_max))) {
					char range[32];
					jhCellCopy(raw, cell, sizeof cell);
					if (f == JH_F_BUILD_YEAR)
						snprintf(range, sizeof range, "1800-%d", year_max);
					else
						snprintf(range, sizeof range, "%s",
						         f == JH_F_GRADES ? "1-12" : "1-10");
					DIAG(JH_P_VALUE_RANGE, line, col, cell, range);
				} else {
					sy->v[f] = d;
					ok[f] = 1;
				}
				break;
			case CELL_NONE:
				sy->v[f] = 0;
				ok[f] = 1;
				break;
			case CELL_BLANK:
				/* A required column excused by its raw columns
				 * (jhDeriveExcused) is derived by jhDeriveRow
				 * when its raw cells are not all blank, and
				 * reported there when the table does not name
				 * it. */
				if ((jhSchoolYear.cols[JH_SY_IDCOLS + f].flags & JH_COL_REQUIRED) &&
				    (!jhColSetHas(&excused, JH_SY_IDCOLS + f) ||
				     jhDeriveRawBlank(t, &h, r, (jh_field)f))) {
					if (type_ok && field_stage((jh_field)f))
						DIAG(JH_P_DASH_OFFERED, line, col, "/", NULL);
					else
						DIAG(JH_P_EMPTY_VALUE, line, col, NULL, NULL);
				} else {
					jh_sy_set_not_given(sy, f);
				}
				break;
			case CELL_DASH_OFFERED:
				jhCellCopy(raw, cell, sizeof cell);
				DIAG(JH_P_DASH_OFFERED, line, col, cell, NULL);
				break;
			default:
				jhCellCopy(raw, cell, sizeof cell);
				DIAG(JH_P_NOT_NUMBER, line, col, cell, NULL);
			}
		}

		/* Cross-field checks. */
		if (type_ok) {
			for (int f = 0; f < JH_F__COUNT; f++)
				if (ok[f] && field_stage((jh_field)f) &&
				    !(stages & field_stage((jh_field)f)) && sy->v[f] > 0)
					DIAG(JH_P_STAGE_NOT_OFFERED, line,
					     pos[JH_SY_IDCOLS + f] + 1,
					     jh_field_key((jh_field)f),
					     jhCell(t, r, (size_t)pos[JH_SY_SCHOOL_TYPE]));
		}
		{
			static const jh_field part[2][3] = {
				{JH_F_QUALIFIED_PRIMARY, JH_F_KEY_PRIMARY, JH_F_PE_ART_PRIMARY},
				{JH_F_QUALIFIED_JUNIOR, JH_F_KEY_JUNIOR, JH_F_PE_ART_JUNIOR},
			};
			static const jh_field whole[2] = {JH_F_TEACHERS_PRIMARY,
			                                  JH_F_TEACHERS_JUNIOR};
			for (int s = 0; s < 2; s++)
				for (int k = 0; k < 3; k++)
					if (ok[part[s][k]] && ok[whole[s]] &&
					    sy->v[part[s][k]] > sy->v[whole[s]])
						DIAG(JH_P_TEACHERS_EXCEED, line,
						     pos[JH_SY_IDCOLS + part[s][k]] + 1,
						     jh_field_key(part[s][k]),
						     jh_field_key(whole[s]));
		}
		if (ok[JH_F_CERTIFIED_TEACHERS] && ok[JH_F_TEACHERS_PRIMARY] &&
		    ok[JH_F_TEACHERS_JUNIOR] && !isnan(sy->v[JH_F_CERTIFIED_TEACHERS]) &&
		    sy->v[JH_F_CERTIFIED_TEACHERS] > sy->v[JH_F_TEACHERS_PRIMARY] + sy->v[JH_F_TEACHERS_JUNIOR])
			DIAG(JH_P_TEACHERS_EXCEED, line, pos[JH_SY_IDCOLS + JH_F_CERTIFIED_TEACHERS] + 1,
			     "certified_teachers", "teachers_primary + teachers_junior");
		errors += jhDeriveRow(ds, t, &h, r, sy, ok, cleared,
		                      type_ok ? stages : ~0u, diags);
		absurd_checks(t, hdr, r, pos, ok, sy, diags, &errors);
		if (!*sy->school_code || !sy->year)
			continue;
		{
			long prev = index_find(ds, sy->school_code, sy->year);
			if (prev >= 0) {
				const jh_school_year *o = &ds->rows[prev];
				char where[300];
				snprintf(where, sizeof where, "%s:%ld",
				         o->file ? o->file : "?", o->line);
				DIAG(JH_P_DUPLICATE_SCHOOL, line,
				     pos[JH_SY_SCHOOL_CODE] + 1, sy->school_code, where);
				continue;
			}
		}
		if (errors != rowerr)
			continue;
		/* Extra columns. */
		for (size_t j = 0; j < h.width; j++) {
			const char *v;
			long nm;
			if (h.map[j] != JH_HDR_OTHER)
				continue;
			v = jhCell(t, r, j);
			if (!*v)
				continue;
			if (jh_cell_clears(v))
				v = "";             /* cleared: the store drops it */
			if ((nm = extra_name(ds, jhCell(t, hdr, j))) < 0 ||
			    push_extra(ds, (size_t)nm, v)) {
				rc = JH_ERR_NOMEM;
				goto out;
			}
			sy->extra_count++;
		}
		/* Rows are kept even after an error on an earlier row so that
		 * later duplicates are still found; the rollback below removes
		 * them. */
		if (index_put(ds, ds->nrows)) {
			rc = JH_ERR_NOMEM;
			goto out;
		}
		ds->nrows++;
	}
out:
	jhHeaderFree(&h);
	if (errors || rc) {
		/* All or nothing: forget every row and extra value this table
		 * added, and rebuild the index (open addressing cannot simply
		 * drop entries). */
		if (ds->nrows > first_new) {
			jhIndexClear(ds->index);
			ds->nrows = first_new;
			for (size_t i = 0; i < ds->nrows; i++)
				index_put(ds, i);   /* cannot grow: fewer rows */
		}
		ds->nextras = first_extra;
		return rc ? rc : JH_ERR_INPUT;
	}
	return JH_OK;
}

jh_code jh_dataset_allow_extras(jh_dataset *ds, const char *names, int all)
{
	ds->extras_all = all;
	ds->extras_declared = NULL;
	if (names && !(ds->extras_declared = jhArenaStrdup(ds->arena, names)))
		return JH_ERR_NOMEM;
	return JH_OK;
}

size_t jh_dataset_count(const jh_dataset *ds)
{
	return ds->nrows;
}

const jh_school_year *jh_dataset_row(const jh_dataset *ds, size_t i)
{
	return i < ds->nrows ? &ds->rows[i] : NULL;
}

void jh_dataset_set_default_year(jh_dataset *ds, int year)
{
	ds->default_year = year;
}

int jh_dataset_default_year(const jh_dataset *ds)
{
	return ds->default_year;
}

void jh_dataset_set_years(jh_dataset *ds, int year_min, int year_max)
{
	ds->year_min = year_min;
	ds->year_max = year_max;
}

void jh_dataset_set_standard(jh_dataset *ds, const jh_standard *std)
{
	ds->year_min = std->year_min;
	ds->year_max = std->year_max;
	for (int s = 0; s < JH_STAGE__COUNT; s++)
		ds->qualified_degree[s] = std->qualified_degree[s];
}

void jh_dataset_years(const jh_dataset *ds, int *year_min, int *year_max)
{
	*year_min = ds->year_min;
	*year_max = ds->year_max;
}
