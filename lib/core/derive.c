/*
** derive.c — the ready-made fields from the raw figures schools report.
**
** Offices and provincial platforms collect what a school counts, not the
** indicators' numerators (reference national-2017.md §1, §4 notes, §10):
** teachers by degree, PE/music/fine-art teachers, the teaching and
** auxiliary floor area with the indoor sports rooms in it, the outdoor
** sports ground, classes in the national size bands.  Each ready-made
** field below has one group of raw columns it is computed from:
**
**   qualified_teachers_STAGE  the degree columns at or above the
**                             standard's degree for the stage
**                             (definition.qualified_degree: 专科 for
**                             primary, 本科 for junior — a junior
**                             teacher with a 专科 diploma does not count);
**   pe_art_teachers_STAGE     pe + music + fine_art + other_art;
**   teaching_area_m2          teaching_aux_total − indoor_sports: the
**                             indoor sports rooms are taken out of one
**   sports_area_m2            outdoor_sports + indoor_sports: and added
**                             to the other, so nothing counts twice;
**   classes_STAGE             the sum of the ten size bands.
**
** A group is given when any of its cells holds a value (0 or 无 is a
** value, a blank cell or an absent column is not); then every cell must
** (JH_P_RAW_INCOMPLETE names the missing columns): nothing is invented
** from part of a group.  The one exception is a stage the school's type
** does not offer: a wholly blank group there gives 0, as a blank
** ready-made cell of such a stage does (dataset.c, CELL_NONE).  A
** ready-made value given beside its raw group must equal the derived one
** (JH_P_DERIVED_DISAGREES, at the ready-made column); otherwise the
** derived value fills it and the row gives it (not_given cleared), so a
** store keeps it and an export writes it.  Areas are compared and kept
** to a millionth of a square metre, counts exactly.
**
** Parts over wholes are refused where the raw figures make one: the
** degree columns of a stage summed over its full-time teachers
** (JH_P_DEGREES_EXCEED — every degree, counted or not, is a full-time
** teacher), and JH_P_PART_EXCEEDS for indoor sports rooms over the
** teaching and auxiliary total, a derived PE/art count over the stage's
** teachers, the size bands over the classes given, migrant pupils over
** the compulsory stages' pupils, catchment pupils over the stage's, and
** 360-hour teachers over the full-time teachers.
**
** jhDeriveExcused lets a table leave out a required ready-made column
** when it names every raw column of its group; the loader then treats a
** blank ready-made cell as "to derive" and jhDeriveRow reports a row
** whose group is blank — unless the table names the ready-made column
** too and the row leaves it and every raw cell blank: the loader reports
** that blank cell as it would without raw columns (jhDeriveRawBlank).  jhDeriveCheck re-checks a row merged over a
** stored one (lib/store): absent is not empty there, so the merged row's
** raw figures may come from the store and its ready-made value from the
** file.  jhDeriveFrom tells `junheng set` which ready-made values a raw
** figure it changes gives, so that they are derived again rather than
** left to disagree.  jh_school_classes_over counts classes from the
** bands.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { G_SUM, G_DEGREES, G_DIFF };

struct group {
	jh_field ready;
	int kind;
	int stage;                /* jh_stage the group belongs to, -1 none */
	int n;
	jh_field raw[JH_BANDS];
};

#define DEG(k, s) (JH_F_TEACHERS_ASSOCIATE_PRIMARY + 2 * (k) + (s))
#define BANDS(f) {f, f + 1, f + 2, f + 3, f + 4, f + 5, f + 6, f + 7, f + 8, f + 9}

static const struct group groups[] = {
	{JH_F_QUALIFIED_PRIMARY, G_DEGREES, JH_STAGE_PRIMARY, 4,
	 {DEG(0, 0), DEG(1, 0), DEG(2, 0), DEG(3, 0)}},
	{JH_F_QUALIFIED_JUNIOR, G_DEGREES, JH_STAGE_JUNIOR, 4,
	 {DEG(0, 1), DEG(1, 1), DEG(2, 1), DEG(3, 1)}},
	{JH_F_PE_ART_PRIMARY, G_SUM, JH_STAGE_PRIMARY, 4,
	 {JH_F_PE_TEACHERS_PRIMARY, JH_F_MUSIC_TEACHERS_PRIMARY,
	  JH_F_FINE_ART_TEACHERS_PRIMARY, JH_F_OTHER_ART_TEACHERS_PRIMARY}},
	{JH_F_PE_ART_JUNIOR, G_SUM, JH_STAGE_JUNIOR, 4,
	 {JH_F_PE_TEACHERS_JUNIOR, JH_F_MUSIC_TEACHERS_JUNIOR,
	  JH_F_FINE_ART_TEACHERS_JUNIOR, JH_F_OTHER_ART_TEACHERS_JUNIOR}},
	{JH_F_TEACHING_AREA, G_DIFF, -1, 2,
	 {JH_F_TEACHING_AUX_TOTAL, JH_F_INDOOR_SPORTS_AREA}},
	{JH_F_SPORTS_AREA, G_SUM, -1, 2,
	 {JH_F_OUTDOOR_SPORTS_AREA, JH_F_INDOOR_SPORTS_AREA}},
	{JH_F_CLASSES_PRIMARY, G_SUM, JH_STAGE_PRIMARY, JH_BANDS, BANDS(JH_F_BANDS_PRIMARY)},
	{JH_F_CLASSES_JUNIOR, G_SUM, JH_STAGE_JUNIOR, JH_BANDS, BANDS(JH_F_BANDS_JUNIOR)},
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* The lowest degree counted for stage s (0 in the dataset: national). */
static int degree_min(const int qd[JH_STAGE__COUNT], int s)
{
	return qd && qd[s] ? qd[s] : s == JH_STAGE_PRIMARY ? JH_DEGREE_ASSOCIATE
	                                                    : JH_DEGREE_BACHELOR;
}

/* 1 when raw column k of g counts in the derived value. */
static int counts(const struct group *g, int k, const int qd[JH_STAGE__COUNT])
{
	return g->kind != G_DEGREES || k + 1 >= degree_min(qd, g->stage);
}

/* The derived value of g from v (every raw value present). */
static double derived(const struct group *g, const double *v,
                      const int qd[JH_STAGE__COUNT])
{
	double d = 0;

	if (g->kind == G_DIFF)
		d = v[g->raw[0]] - v[g->raw[1]];
	else
		for (int k = 0; k < g->n; k++)
			if (counts(g, k, qd))
				d += v[g->raw[k]];
	return round(d * 1e6) / 1e6;
}

static int differ(double a, double b)
{
	return fabs(a - b) > 1e-6 * fmax(1, fmax(fabs(a), fabs(b)));
}

/* "key = value" into out. */
static const char *keyval(const char *key, double v, char *out, size_t cap)
{
	char n[JH_NUMBER_MAX];

	jh_format_number(v, n, sizeof n);
	snprintf(out, cap, "%s = %s", key, n);
	return out;
}

/* How g's value is computed, with the value d unless it is NaN:
 * "a + b + c = 12"; the size bands shortened to their first and last. */
static const char *formula(const struct group *g, double d,
                           const int qd[JH_STAGE__COUNT], char *out, size_t cap)
{
	char n[JH_NUMBER_MAX];
	size_t len = 0;
	int first = 1;

	out[0] = '\0';
	for (int k = 0; k < g->n && len < cap; k++) {
		if (!counts(g, k, qd))
			continue;
		if (g->n == JH_BANDS && k > 0 && k < g->n - 1) {
			if (k == 1)
				len += (size_t)snprintf(out + len, cap - len, " + …");
			continue;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		                        first ? "" : g->kind == G_DIFF ? " - " : " + ",
		                        jh_field_key(g->raw[k]));
		first = 0;
	}
	jh_format_number(d, n, sizeof n);
	if (len < cap && !isnan(d))
		snprintf(out + len, cap - len, " = %s", n);
	return out;
}

void jhDeriveExcused(const jh_table *t, size_t hdr, jhColSet *excused)
{
	jhColSet named = {{0}};

	if (hdr >= t->nrows)
		return;
	for (size_t j = 0; j < t->rows[hdr].ncells; j++) {
		int c = jhTemplateCol(&jhSchoolYear, jhCell(t, hdr, j));
		if (c >= 0)
			jhColSetAdd(&named, c);
	}
	for (size_t g = 0; g < NGROUPS; g++) {
		int all = 1;
		if (!jh_field_is_required(groups[g].ready))
			continue;
		for (int k = 0; k < groups[g].n; k++)
			if (!jhColSetHas(&named, JH_SY_IDCOLS + groups[g].raw[k]))
				all = 0;
		if (all)
			jhColSetAdd(excused, JH_SY_IDCOLS + groups[g].ready);
	}
}

/* What a row's cell of field f is, for the groups. */
enum { S_VALUE, S_BLANK, S_CLEARED, S_ERROR };

struct rowctx {
	const jh_table *t;
	const jhHeader *h;
	size_t r;
	long line;
	jh_school_year *sy;
	const int *ok;
	const uint64_t *cleared;
	jh_diags *diags;
	size_t errors;
};

static int col_of(const struct rowctx *x, jh_field f)
{
	return x->h->pos[JH_SY_IDCOLS + f] + 1;
}

static int state(const struct rowctx *x, jh_field f)
{
	if (x->ok[f])
		return S_VALUE;
	if (jh_sy_not_given(x->sy, f))
		return S_BLANK;
	if (x->cleared[f >> 6] >> (f & 63) & 1)
		return S_CLEARED;
	return S_ERROR;                 /* already reported by the loader */
}

static void diag(struct rowctx *x, jh_problem p, int col, const char *a,
                 const char *b)
{
	jh_diags_add(x->diags, p, x->t->file, x->t->sheet, x->line, col,
	             col > 0 ? jhCell(x->t, x->h->row, (size_t)col - 1) : NULL, a, b);
	x->errors++;
}

/* JH_P_RAW_INCOMPLETE for g: the columns without a value, at the first
 * of them the table names (else the ready-made column, else none). */
static void incomplete(struct rowctx *x, const struct group *g)
{
	char missing[1024];
	size_t len = 0;
	int col = 0;

	missing[0] = '\0';
	for (int k = 0; k < g->n; k++) {
		if (state(x, g->raw[k]) == S_VALUE)
			continue;
		if (!col)
			col = col_of(x, g->raw[k]);
		if (len < sizeof missing)
			len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%s",
			                        len ? ", " : "", jh_field_key(g->raw[k]));
	}
	if (!col)
		col = col_of(x, g->ready);
	diag(x, JH_P_RAW_INCOMPLETE, col, jh_field_key(g->ready), missing);
}

/* part > whole: JH_P_PART_EXCEEDS at col. */
static void part_whole(struct rowctx *x, int col, const char *pk, double part,
                       const char *wk, double whole)
{
	char a[256], b[256];

	if (isnan(part) || isnan(whole) || part <= whole || !differ(part, whole))
		return;
	diag(x, JH_P_PART_EXCEEDS, col, keyval(pk, part, a, sizeof a),
	     keyval(wk, whole, b, sizeof b));
}

static void derive_group(struct rowctx *x, const struct group *g,
                         const int qd[JH_STAGE__COUNT], unsigned stages)
{
	jh_school_year *sy = x->sy;
	int nval = 0, ready = state(x, g->ready);
	double d;
	char a[256], b[1024];

	for (int k = 0; k < g->n; k++) {
		int s = state(x, g->raw[k]);
		if (s == S_ERROR)
			return;
		nval += s == S_VALUE;
	}
	if (!nval) {
		/* Not given: nothing to derive, unless a required ready-made
		 * value is wanting (its column left out or blank). */
		if (ready != S_BLANK || !jh_field_is_required(g->ready))
			return;
		if (g->stage >= 0 && !(stages & (1u << g->stage))) {
			sy->v[g->ready] = 0;
			sy->not_given[g->ready >> 6] &= ~((uint64_t)1 << (g->ready & 63));
		} else
			incomplete(x, g);
		return;
	}
	if (nval < g->n) {
		incomplete(x, g);
		return;
	}
	if (g->kind == G_DIFF && sy->v[g->raw[1]] > sy->v[g->raw[0]]) {
		part_whole(x, col_of(x, g->raw[1]), jh_field_key(g->raw[1]),
		           sy->v[g->raw[1]], jh_field_key(g->raw[0]), sy->v[g->raw[0]]);
		return;
	}
	d = derived(g, sy->v, qd);
	if (ready == S_VALUE) {
		if (!differ(d, sy->v[g->ready]))
			return;
		if (g->n == JH_BANDS && d > sy->v[g->ready])
			part_whole(x, col_of(x, g->raw[0]), formula(g, NAN, qd, b, sizeof b),
			           d, jh_field_key(g->ready), sy->v[g->ready]);
		else
			diag(x, JH_P_DERIVED_DISAGREES, col_of(x, g->ready),
			     keyval(jh_field_key(g->ready), sy->v[g->ready], a, sizeof a),
			     formula(g, d, qd, b, sizeof b));
		return;
	}
	if (ready == S_ERROR)
		return;
	sy->v[g->ready] = d;
	sy->not_given[g->ready >> 6] &= ~((uint64_t)1 << (g->ready & 63));
	/* A derived PE/art count is checked against the stage's teachers
	 * here, as the loader checks a given one. */
	if (g->ready == JH_F_PE_ART_PRIMARY || g->ready == JH_F_PE_ART_JUNIOR) {
		jh_field tf = JH_F_TEACHERS_PRIMARY + g->stage;
		part_whole(x, col_of(x, g->raw[0]), formula(g, NAN, qd, b, sizeof b), d,
		           jh_field_key(tf), x->ok[tf] ? sy->v[tf] : NAN);
	}
}

int jhDeriveRawBlank(const jh_table *t, const jhHeader *h, size_t r, jh_field f)
{
	if (h->pos[JH_SY_IDCOLS + f] < 0)
		return 0;
	for (size_t i = 0; i < NGROUPS; i++) {
		if (groups[i].ready != f)
			continue;
		for (int k = 0; k < groups[i].n; k++) {
			int c = h->pos[JH_SY_IDCOLS + groups[i].raw[k]];
			if (c >= 0 && !jhBlank(jhCell(t, r, (size_t)c)))
				return 0;
		}
	}
	return 1;
}

size_t jhDeriveRow(const jh_dataset *ds, const jh_table *t, const jhHeader *h,
                   size_t r, jh_school_year *sy, const int *ok,
                   const uint64_t cleared[2], unsigned stages, jh_diags *diags)
{
	struct rowctx x = {t, h, r, t->rows[r].line, sy, ok, cleared, diags, 0};
	char a[256], b[256];

	for (size_t g = 0; g < NGROUPS; g++)
		derive_group(&x, &groups[g], ds->qualified_degree, stages);

	/* Every degree is a full-time teacher of the stage, counted or not. */
	for (int s = 0; s < JH_STAGE__COUNT; s++) {
		double sum = 0, teachers = ok[JH_F_TEACHERS_PRIMARY + s] ?
		                           sy->v[JH_F_TEACHERS_PRIMARY + s] : NAN;
		int all = 1;
		for (int k = 0; k < 4; k++) {
			if (!ok[DEG(k, s)])
				all = 0;
			else
				sum += sy->v[DEG(k, s)];
		}
		if (all && !isnan(teachers) && sum > teachers) {
			jh_format_number(sum, a, sizeof a);
			jh_format_number(teachers, b, sizeof b);
			diag(&x, JH_P_DEGREES_EXCEED, col_of(&x, DEG(0, s)), a, b);
		}
	}
	/* Parts of a whole reported beside it. */
	{
		double stu[2], tea[2];
		for (int s = 0; s < 2; s++) {
			stu[s] = ok[JH_F_STUDENTS_PRIMARY + s] ? sy->v[JH_F_STUDENTS_PRIMARY + s] : NAN;
			tea[s] = ok[JH_F_TEACHERS_PRIMARY + s] ? sy->v[JH_F_TEACHERS_PRIMARY + s] : NAN;
			if (ok[JH_F_CATCHMENT_PRIMARY + s])
				part_whole(&x, col_of(&x, JH_F_CATCHMENT_PRIMARY + s),
				           jh_field_key(JH_F_CATCHMENT_PRIMARY + s),
				           sy->v[JH_F_CATCHMENT_PRIMARY + s],
				           jh_field_key(JH_F_STUDENTS_PRIMARY + s), stu[s]);
		}
		if (ok[JH_F_MIGRANT_STUDENTS])
			part_whole(&x, col_of(&x, JH_F_MIGRANT_STUDENTS), "migrant_students",
			           sy->v[JH_F_MIGRANT_STUDENTS],
			           "students_primary + students_junior", stu[0] + stu[1]);
		if (ok[JH_F_TEACHERS_360H])
			part_whole(&x, col_of(&x, JH_F_TEACHERS_360H), "teachers_360h",
			           sy->v[JH_F_TEACHERS_360H],
			           "teachers_primary + teachers_junior", tea[0] + tea[1]);
	}
	return x.errors;
}

size_t jhDeriveCheck(const jh_dataset *ds, const jh_school_year *sy,
                     jh_diags *diags)
{
	size_t errors = 0;
	char a[256], b[1024];

	for (size_t i = 0; i < NGROUPS; i++) {
		const struct group *g = &groups[i];
		double d;
		int all = !isnan(sy->v[g->ready]);
		for (int k = 0; all && k < g->n; k++)
			if (isnan(sy->v[g->raw[k]]))
				all = 0;
		if (!all)
			continue;
		d = derived(g, sy->v, ds->qualified_degree);
		if (!differ(d, sy->v[g->ready]))
			continue;
		jh_diags_add(diags, JH_P_DERIVED_DISAGREES, sy->file, sy->sheet,
		             sy->line, 0, jh_field_key(g->ready),
		             keyval(jh_field_key(g->ready), sy->v[g->ready], a, sizeof a),
		             formula(g, d, ds->qualified_degree, b, sizeof b));
		errors++;
	}
	return errors;
}

int jhDeriveFrom(jh_field f, const jhColSet *named, jh_field out[2])
{
	int m = 0;

	for (size_t i = 0; i < NGROUPS && m < 2; i++) {
		const struct group *g = &groups[i];
		int has = 0, all = 1;
		for (int k = 0; k < g->n; k++) {
			has |= g->raw[k] == f;
			if (!jhColSetHas(named, JH_SY_IDCOLS + g->raw[k]))
				all = 0;
		}
		if (has && all)
			out[m++] = g->ready;
	}
	return m;
}

double jh_school_classes_over(const jh_school_year *sy, jh_stage stage, int n)
{
	int first = -1;
	double sum = 0;

	if (!sy || (unsigned)stage >= JH_STAGE__COUNT)
		return NAN;
	for (int b = 0; b < JH_BANDS - 1; b++)
		if (jh_band_max(b) == n)
			first = b + 1;
	if (first < 0)
		return NAN;
	for (int b = 0; b < JH_BANDS; b++) {
		double v = sy->v[(stage ? JH_F_BANDS_JUNIOR : JH_F_BANDS_PRIMARY) + b];
		if (isnan(v))
			return NAN;
		if (b >= first)
			sum += v;
	}
	return sum;
}
