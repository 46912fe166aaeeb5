/*
** standard.c — standards files: parsing, inheritance and tightening.
**
** The format is documented in data/standards/README.md: flat `key = value`
** lines with dotted keys.  A root file (national-2017.std, embedded in the
** library at build time) must set every key; a local file names its base
** and sets only what it changes, and may only make the standard stricter.
** Each problem is reported with the file and line; one bad line does not
** stop the others from being checked.  keyvalue.c splits the lines; this
** file gives the keys their meaning.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

extern const char jh_standard_national_data[];

const char *jh_standard_national_text(void)
{
	return jh_standard_national_data;
}

/* The keys, each with how a local file may change it (enum jhStdRule in
 * core_int.h; the same rule for every key is in data/standards/README.md):
 *
 *   JH_RULE_MIN_RISES  a minimum: a local value may only be ≥ the base's;
 *   JH_RULE_MAX_FALLS  a maximum: a local value may only be ≤ the base's;
 *   JH_RULE_DEFINITIONAL  what the evaluation is (who is evaluated, how
 *                      multi-stage schools are split, how values are
 *                      compared): a local file may repeat the base's value
 *                      but not change it, since no direction of change is
 *                      stricter for every county (a higher teaching-point
 *                      minimum drops schools, a larger epsilon passes
 *                      values that fail, other weights move resources
 *                      between stages);
 *   JH_RULE_STRICTER_CHOICE  recognition.rule: only every_group may replace
 *                      the base's rule, because each group ≥ the minimum
 *                      implies the mean of the groups and the rate over
 *                      all respondents (a weighted mean of the groups) are
 *                      ≥ it too, so a county passing it passes any rule;
 *   JH_RULE_IDENTITY   the file's own name (id, name_zh, name_en);
 *   JH_RULE_RELAXATION the switch of a provincial relaxation (relax.*):
 *                      the one way a local file may loosen the base.
 *                      These rules are provincial practice recorded in
 *                      S17 (reference §4 notes, §9), not the national
 *                      text, so the national file ships them off; a
 *                      province that has adopted one switches it on, and
 *                      its figures (relax.*.*) may then only be
 *                      tightened against the shipped ones, so no file can
 *                      relax further than the recorded practice.
 *
 * A root file (no `base`) is not limited: it is the base. */
#define OFF(f) offsetof(jh_standard, f)
#define TH(si, st, ind, key) {"threshold." st "." key, K_NUM, JH_RULE_MIN_RISES, \
	OFF(threshold[si][ind]), 0, 1e-12, 1e9}
#define ADD(nm, kd, rl, of, cp, mn, mx) {nm, kd, rl, of, cp, mn, mx}
#define STRF(f) sizeof ((jh_standard *)0)->f

static const struct jhStdKey keys[] = {
	ADD("id", K_STR, JH_RULE_IDENTITY, OFF(id), STRF(id), 0, 0),
	ADD("name_zh", K_STR, JH_RULE_IDENTITY, OFF(name_zh), STRF(name_zh), 0, 0),
	ADD("name_en", K_STR, JH_RULE_IDENTITY, OFF(name_en), STRF(name_en), 0, 0),
	TH(0, "primary", JH_IND_QUALIFIED, "qualified_teachers_per100"),
	TH(0, "primary", JH_IND_KEY, "key_teachers_per100"),
	TH(0, "primary", JH_IND_PE_ART, "pe_art_teachers_per100"),
	TH(0, "primary", JH_IND_TEACHING_AREA, "teaching_area_per_student"),
	TH(0, "primary", JH_IND_SPORTS_AREA, "sports_area_per_student"),
	TH(0, "primary", JH_IND_EQUIPMENT, "equipment_value_per_student"),
	TH(0, "primary", JH_IND_MULTIMEDIA, "multimedia_rooms_per100"),
	TH(1, "junior", JH_IND_QUALIFIED, "qualified_teachers_per100"),
	TH(1, "junior", JH_IND_KEY, "key_teachers_per100"),
	TH(1, "junior", JH_IND_PE_ART, "pe_art_teachers_per100"),
	TH(1, "junior", JH_IND_TEACHING_AREA, "teaching_area_per_student"),
	TH(1, "junior", JH_IND_SPORTS_AREA, "sports_area_per_student"),
	TH(1, "junior", JH_IND_EQUIPMENT, "equipment_value_per_student"),
	TH(1, "junior", JH_IND_MULTIMEDIA, "multimedia_rooms_per100"),
	ADD("cv_limit.primary", K_NUM, JH_RULE_MAX_FALLS, OFF(cv_limit[0]), 0, 1e-12, 10),
	ADD("cv_limit.junior", K_NUM, JH_RULE_MAX_FALLS, OFF(cv_limit[1]), 0, 1e-12, 10),
	ADD("school.min_met", K_INT, JH_RULE_MIN_RISES, OFF(school_min_met), 0, 0, JH_IND__COUNT),
	ADD("school.floor_ratio", K_NUM, JH_RULE_MIN_RISES, OFF(school_floor_ratio), 0, 0, 1),
	ADD("split.weight.primary", K_NUM, JH_RULE_DEFINITIONAL, OFF(stage_weight[0]), 0, 1e-9, 100),
	ADD("split.weight.junior", K_NUM, JH_RULE_DEFINITIONAL, OFF(stage_weight[1]), 0, 1e-9, 100),
	ADD("split.weight.senior", K_NUM, JH_RULE_DEFINITIONAL, OFF(stage_weight[2]), 0, 1e-9, 100),
	ADD("split.indicators", K_SPLIT, JH_RULE_DEFINITIONAL, OFF(split), 0, 0, 0),
	ADD("teaching_point.policy", K_POLICY, JH_RULE_DEFINITIONAL, OFF(tp_policy), 0, 0, 0),
	ADD("teaching_point.min_students", K_NUM, JH_RULE_DEFINITIONAL, OFF(tp_min_students), 0, 0, 1e6),
	ADD("compare.epsilon", K_NUM, JH_RULE_DEFINITIONAL, OFF(epsilon), 0, 0, 1e-3),
	ADD("prerequisite.basic_balance_years", K_INT, JH_RULE_MIN_RISES, OFF(basic_balance_years), 0, 0, 50),
	ADD("guarantee.classes_per_room", K_NUM, JH_RULE_MAX_FALLS, OFF(classes_per_room), 0, 1, 100),
	ADD("guarantee.music_room_min_m2", K_NUM, JH_RULE_MIN_RISES, OFF(music_room_min_m2), 0, 0, 1000),
	ADD("guarantee.art_room_min_m2", K_NUM, JH_RULE_MIN_RISES, OFF(art_room_min_m2), 0, 0, 1000),
	ADD("guarantee.school_size_max", K_NUM, JH_RULE_MAX_FALLS, OFF(size_single_max), 0, 1, 1e6),
	ADD("guarantee.school_size_max_multi", K_NUM, JH_RULE_MAX_FALLS, OFF(size_multi_max), 0, 1, 1e6),
	ADD("guarantee.class_size_max.primary", K_NUM, JH_RULE_MAX_FALLS, OFF(class_max[0]), 0, 1, 1000),
	ADD("guarantee.class_size_max.junior", K_NUM, JH_RULE_MAX_FALLS, OFF(class_max[1]), 0, 1, 1000),
	ADD("guarantee.small_school_funded_students", K_NUM, JH_RULE_MIN_RISES, OFF(small_school_funded_students), 0, 1, 1e4),
	ADD("guarantee.special_ed_funds_min", K_NUM, JH_RULE_MIN_RISES, OFF(special_ed_funds_min), 0, 0, 1e7),
	ADD("guarantee.teacher_pay_ratio_min", K_NUM, JH_RULE_MIN_RISES, OFF(teacher_pay_ratio_min), 0, 0, 10),
	ADD("guarantee.training_360_min", K_NUM, JH_RULE_MIN_RISES, OFF(training_360_min), 0, 0, 1),
	ADD("guarantee.rotation_min", K_NUM, JH_RULE_MIN_RISES, OFF(rotation_min), 0, 0, 1),
	ADD("guarantee.rotation_key_min", K_NUM, JH_RULE_MIN_RISES, OFF(rotation_key_min), 0, 0, 1),
	ADD("guarantee.certification_min", K_NUM, JH_RULE_MIN_RISES, OFF(certification_min), 0, 0, 1),
	ADD("guarantee.nearby_min.primary", K_NUM, JH_RULE_MIN_RISES, OFF(nearby_min[0]), 0, 0, 1),
	ADD("guarantee.nearby_min.junior", K_NUM, JH_RULE_MIN_RISES, OFF(nearby_min[1]), 0, 0, 1),
	ADD("guarantee.hs_quota_min", K_NUM, JH_RULE_MIN_RISES, OFF(hs_quota_min), 0, 0, 1),
	ADD("guarantee.migrant_public_min", K_NUM, JH_RULE_MIN_RISES, OFF(migrant_public_min), 0, 0, 1),
	ADD("quality.retention_min", K_NUM, JH_RULE_MIN_RISES, OFF(retention_min), 0, 0, 1),
	ADD("quality.disabled_enrolment_min", K_NUM, JH_RULE_MIN_RISES, OFF(disabled_enrolment_min), 0, 0, 1),
	ADD("quality.training_funds_share_min", K_NUM, JH_RULE_MIN_RISES, OFF(training_funds_share_min), 0, 0, 1),
	ADD("quality.moral_culture_min", K_GRADE, JH_RULE_MIN_RISES, OFF(moral_culture_min), 0, 1, 4),
	ADD("quality.monitoring_level_min", K_NUM, JH_RULE_MIN_RISES, OFF(monitoring_level_min), 0, 1, 4),
	ADD("quality.monitoring_diff_max", K_NUM, JH_RULE_MAX_FALLS, OFF(monitoring_diff_max), 0, 0, 1),
	ADD("recognition.min", K_NUM, JH_RULE_MIN_RISES, OFF(recognition_min), 0, 0, 1),
	ADD("recognition.rule", K_RULE, JH_RULE_STRICTER_CHOICE, OFF(recognition_rule), 0, 0, 0),
	ADD("data.year_min", K_INT, JH_RULE_DEFINITIONAL, OFF(year_min), 0, 1000, 9999),
	ADD("data.year_max", K_INT, JH_RULE_DEFINITIONAL, OFF(year_max), 0, 1000, 9999),
	/* A higher lowest degree counts fewer teachers: stricter. */
	ADD("definition.qualified_degree.primary", K_DEGREE, JH_RULE_MIN_RISES, OFF(qualified_degree[0]), 0, 1, 4),
	ADD("definition.qualified_degree.junior", K_DEGREE, JH_RULE_MIN_RISES, OFF(qualified_degree[1]), 0, 1, 4),
	ADD("relax.old_rooms", K_SWITCH, JH_RULE_RELAXATION, OFF(relax_old_rooms), 0, 0, 1),
	ADD("relax.old_rooms.built_by", K_NUM, JH_RULE_MAX_FALLS, OFF(old_rooms_built_by), 0, 1000, 9999),
	ADD("relax.old_rooms.music_m2", K_NUM, JH_RULE_MIN_RISES, OFF(old_rooms_music_m2), 0, 0, 1000),
	ADD("relax.old_rooms.art_m2", K_NUM, JH_RULE_MIN_RISES, OFF(old_rooms_art_m2), 0, 0, 1000),
	ADD("relax.small_rural_rooms", K_SWITCH, JH_RULE_RELAXATION, OFF(relax_small_rooms), 0, 0, 1),
	ADD("relax.small_rural_rooms.primary_m2", K_NUM, JH_RULE_MIN_RISES, OFF(small_rooms_m2[0]), 0, 0, 1000),
	ADD("relax.small_rural_rooms.junior_m2", K_NUM, JH_RULE_MIN_RISES, OFF(small_rooms_m2[1]), 0, 0, 1000),
	ADD("relax.school_size", K_SWITCH, JH_RULE_RELAXATION, OFF(relax_size), 0, 0, 1),
	ADD("relax.school_size.built_by", K_NUM, JH_RULE_MAX_FALLS, OFF(size_built_by), 0, 1000, 9999),
	ADD("relax.school_size.migrant_share_over", K_NUM, JH_RULE_MIN_RISES, OFF(size_migrant_share), 0, 0, 1),
	ADD("relax.school_size.single_max", K_NUM, JH_RULE_MAX_FALLS, OFF(size_relaxed_single_max), 0, 1, 1e6),
	ADD("relax.school_size.multi_max", K_NUM, JH_RULE_MAX_FALLS, OFF(size_relaxed_multi_max), 0, 1, 1e6),
	ADD("relax.small_rural_teachers", K_SWITCH, JH_RULE_RELAXATION, OFF(relax_small_teachers), 0, 0, 1),
	ADD("relax.small_rural_teachers.students_min", K_NUM, JH_RULE_MIN_RISES, OFF(small_teachers_min), 0, 0, 1e6),
	ADD("relax.small_rural_teachers.students_max", K_NUM, JH_RULE_MAX_FALLS, OFF(small_teachers_max), 0, 0, 1e6),
	ADD("relax.dense_central_sports", K_SWITCH, JH_RULE_RELAXATION, OFF(relax_dense_sports), 0, 0, 1),
	/* A veto switched on is stricter (min rises: off → on only). */
	ADD("veto.unfilled_posts", K_SWITCH, JH_RULE_MIN_RISES, OFF(veto_unfilled_posts), 0, 0, 1),
	ADD("veto.safety_incident", K_SWITCH, JH_RULE_MIN_RISES, OFF(veto_safety_incident), 0, 0, 1),
	ADD("veto.falsified_data", K_SWITCH, JH_RULE_MIN_RISES, OFF(veto_falsified_data), 0, 0, 1),
	ADD("veto.off_campus_tutoring", K_SWITCH, JH_RULE_MIN_RISES, OFF(veto_off_campus_tutoring), 0, 0, 1),
};
#undef ADD
#undef TH

#define NKEYS (sizeof keys / sizeof keys[0])

const struct jhStdKey *jhStandardKeys(size_t *n)
{
	*n = NKEYS;
	return keys;
}

const struct jhStdKey *jhStandardKey(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

int jhStandardNumber(const jh_standard *st, const char *name, double *out)
{
	const struct jhStdKey *k = jhStandardKey(name);
	const char *f;

	if (!k)
		return -1;
	f = (const char *)st + k->off;
	switch (k->kind) {
	case K_NUM:
		*out = *(const double *)f;
		return 0;
	case K_INT:
	case K_GRADE:
	case K_SWITCH:
	case K_DEGREE:
		*out = *(const int *)f;
		return 0;
	default:
		return -1;
	}
}

static const char *const policy_names[] = {"own_unit", "merge", "exclude"};
static const char *const rule_names[] = {"mean_of_groups", "all_respondents", "every_group"};
static const char *const grade_names[] = {"不合格", "合格", "良好", "优秀"};
static const char *const switch_names[] = {"off", "on"};
/* A degree by key or name; degree_names[d - 1] is JH_DEGREE_* d's. */
static const char *const degree_names[4][2] = {
	{"associate", "专科"}, {"bachelor", "本科"}, {"master", "硕士"}, {"doctor", "博士"},
};

/* The bytes a key's value occupies in jh_standard. */
static size_t field_size(const struct jhStdKey *k)
{
	switch (k->kind) {
	case K_STR: return k->cap;
	case K_NUM: return sizeof(double);
	case K_SPLIT: return sizeof ((jh_standard *)0)->split;
	case K_POLICY: return sizeof(jh_tp_policy);
	default: return sizeof(int);
	}
}

/* A key's value as a standards file would write it (for messages). */
static void value_text(const struct jhStdKey *k, const jh_standard *st,
                       char *out, size_t cap)
{
	const char *f = (const char *)st + k->off;
	size_t n = 0;

	out[0] = '\0';
	switch (k->kind) {
	case K_STR: snprintf(out, cap, "%s", f); break;
	case K_NUM: snprintf(out, cap, "%g", *(const double *)f); break;
	case K_INT: snprintf(out, cap, "%d", *(const int *)f); break;
	case K_GRADE: snprintf(out, cap, "%s", grade_names[(*(const int *)f - 1) & 3]); break;
	case K_POLICY: snprintf(out, cap, "%s", policy_names[st->tp_policy % 3]); break;
	case K_RULE: snprintf(out, cap, "%s", rule_names[st->recognition_rule % 3]); break;
	case K_SWITCH: snprintf(out, cap, "%s", switch_names[*(const int *)f & 1]); break;
	case K_DEGREE: snprintf(out, cap, "%s", degree_names[(*(const int *)f - 1) & 3][0]); break;
	case K_SPLIT:
		for (int i = 0; i < JH_IND__COUNT; i++)
			if (st->split[i] && n < cap)
				n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? ", " : "",
				                      jh_indicator_key((jh_indicator)i));
		break;
	}
}

static int parse_split(char *s, int *split)
{
	int tmp[JH_IND__COUNT] = {0};
	char *save = NULL, *tok;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int i;
		tok = jhKvTrim(tok);
		if (!*tok)
			continue;
		i = jh_indicator_parse(tok);
		if (i < 0 || i < JH_IND_TEACHING_AREA)  /* teachers are never split */
			return -1;
		tmp[i] = 1;
	}
	memcpy(split, tmp, sizeof tmp);
	return 0;
}

/* Read `base = NAME` without parsing the rest; "" when absent. */
void jh_standard_base_name(const char *text, size_t len, char *out, size_t cap)
{
	const char *p = text, *e = text + len;

	out[0] = '\0';
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		char line[256];

		if (n < sizeof line) {
			char *k, *v, *eq;
			memcpy(line, p, n);
			line[n] = '\0';
			if ((eq = strchr(line, '=')) && line[0] != '#') {
				char *hash;
				*eq = '\0';
				k = jhKvTrim(line);
				v = eq + 1;
				if ((hash = strchr(v, '#')))
					*hash = '\0';
				v = jhKvTrim(v);
				if (!strcmp(k, "base")) {
					snprintf(out, cap, "%s", v);
					return;
				}
			}
		}
		p += n + 1;
	}
}

/* What jh_standard_parse carries from line to line. */
struct parse {
	int *seen;                /* NKEYS flags: keys set so far */
	const jh_standard *base;  /* NULL for a root file */
	jh_standard *st;
	const char *file;
	jh_diags *diags;
	int errors;
};

static void bad_value(struct parse *p, long lineno, const char *k,
                      const char *v)
{
	jh_diags_add(p->diags, JH_P_STD_BAD_VALUE, p->file, NULL, lineno, 0,
	             NULL, k, v);
	p->errors++;
}

/* Read v into field (a copy of the standard being built); 0 when valid. */
static int read_value(const struct jhStdKey *ky, const char *v, jh_standard *st)
{
	char *field = (char *)st + ky->off;
	double d;
	int g;

	switch (ky->kind) {
	case K_STR:
		if (!*v || strlen(v) >= ky->cap)
			return -1;
		memcpy(field, v, strlen(v) + 1);
		return 0;
	case K_NUM:
	case K_INT:
		if (jhKvNumber(v, &d) || d < ky->min || d > ky->max ||
		    (ky->kind == K_INT && d != floor(d)))
			return -1;
		if (ky->kind == K_INT)
			*(int *)field = (int)d;
		else
			*(double *)field = d;
		return 0;
	case K_GRADE:
		if ((g = jhValueGrade(v)) < ky->min || g > ky->max)
			return -1;
		*(int *)field = g;
		return 0;
	case K_POLICY:
		for (int i = 0; i < 3; i++)
			if (!strcmp(v, policy_names[i])) {
				st->tp_policy = (jh_tp_policy)i;
				return 0;
			}
		return -1;
	case K_RULE:
		for (int i = 0; i < 3; i++)
			if (!strcmp(v, rule_names[i])) {
				st->recognition_rule = i;
				return 0;
			}
		return -1;
	case K_SWITCH:
		for (int i = 0; i < 2; i++)
			if (!strcmp(v, switch_names[i]) || !strcmp(v, i ? "是" : "否")) {
				*(int *)field = i;
				return 0;
			}
		return -1;
	case K_DEGREE:
		for (int i = 0; i < 4; i++)
			if (!strcmp(v, degree_names[i][0]) || !strcmp(v, degree_names[i][1])) {
				*(int *)field = i + 1;
				return 0;
			}
		return -1;
	case K_SPLIT: {
		char copy[512];
		snprintf(copy, sizeof copy, "%s", v);
		return parse_split(copy, st->split);
	}
	}
	return -1;
}

/* Whether a local file's value (in st) keeps to the key's rule against
 * the base; otherwise the problem to report. */
static jh_problem rule_problem(const struct jhStdKey *ky, const jh_standard *st,
                               const jh_standard *base)
{
	const char *now = (const char *)st + ky->off;
	const char *was = (const char *)base + ky->off;
	double a, b;

	if (ky->rule == JH_RULE_IDENTITY || ky->rule == JH_RULE_RELAXATION ||
	    !memcmp(now, was, field_size(ky)))
		return JH_P__COUNT;
	switch (ky->rule) {
	case JH_RULE_MIN_RISES:
	case JH_RULE_MAX_FALLS:
		a = ky->kind == K_NUM ? *(const double *)now : *(const int *)now;
		b = ky->kind == K_NUM ? *(const double *)was : *(const int *)was;
		if ((ky->rule == JH_RULE_MIN_RISES && a < b) ||
		    (ky->rule == JH_RULE_MAX_FALLS && a > b))
			return JH_P_STD_LOOSER;
		return JH_P__COUNT;
	case JH_RULE_STRICTER_CHOICE:
		/* recognition.rule: only every_group, the strictest (see above). */
		return st->recognition_rule == 2 ? JH_P__COUNT : JH_P_STD_STRICTER_ONLY;
	default:
		return JH_P_STD_DEFINITIONAL;
	}
}

/* jhKvEach callback: check one line and apply it to p->st.  The value
 * ends at a `#` even for names, which may hold no `#` anyway. */
static int set_line(void *ctx, long lineno, const char *k, const char *v)
{
	struct parse *p = ctx;
	const struct jhStdKey *ky;
	jh_problem pr;
	size_t i;

	if (!v) {
		jh_diags_add(p->diags, JH_P_STD_NO_EQUALS, p->file, NULL, lineno, 0,
		             NULL, NULL, NULL);
		p->errors++;
		return 0;
	}
	if (!strcmp(k, "base"))
		return 0;       /* read before the walk by jh_standard_base_name */
	if (!(ky = jhStandardKey(k))) {
		jh_diags_add(p->diags, JH_P_STD_UNKNOWN_KEY, p->file, NULL,
		             lineno, 0, NULL, k, NULL);
		p->errors++;
		return 0;
	}
	i = (size_t)(ky - keys);
	if (p->seen[i]) {
		jh_diags_add(p->diags, JH_P_STD_KEY_TWICE, p->file, NULL, lineno, 0,
		             NULL, k, NULL);
		p->errors++;
	}
	p->seen[i] = 1;
	if (read_value(ky, v, p->st)) {
		bad_value(p, lineno, k, v);
		return 0;
	}
	if (p->base && (pr = rule_problem(ky, p->st, p->base)) != JH_P__COUNT) {
		char was[160];
		if (pr == JH_P_STD_STRICTER_ONLY)
			snprintf(was, sizeof was, "%s", rule_names[2]);
		else
			value_text(ky, p->base, was, sizeof was);
		jh_diags_add(p->diags, pr, p->file, NULL, lineno, 0, NULL, k, was);
		p->errors++;
	}
	return 0;
}

jh_code jh_standard_parse(const char *text, size_t len, const char *file,
                          const jh_standard *base, jh_standard *out,
                          jh_diags *diags)
{
	int seen[NKEYS] = {0};
	char basename[64];
	jh_standard national, st;
	struct parse p;

	memset(&st, 0, sizeof st);
	jh_standard_base_name(text, len, basename, sizeof basename);
	if (basename[0]) {
		if (base) {
			/* The caller resolved the base (e.g. another file). */
			st = *base;
		} else if (!strcmp(basename, "national-2017")) {
			jh_code rc = jh_standard_national(&national, diags);
			if (rc)
				return rc;
			st = national;
			base = &national;
		} else {
			jh_diags_add(diags, JH_P_STD_BAD_BASE, file, NULL, 0, 0,
			             NULL, basename, NULL);
			return JH_ERR_STANDARD;
		}
		snprintf(st.base, sizeof st.base, "%s", basename);
		st.id[0] = '\0';
	} else {
		base = NULL;
	}

	p = (struct parse){seen, base, &st, file, diags, 0};
	if (jhKvEach(text, len, set_line, &p) < 0)
		return JH_ERR_NOMEM;
	/* A root file sets everything; a local file at least names itself. */
	for (size_t i = 0; i < NKEYS; i++) {
		if (seen[i] || (base && strcmp(keys[i].name, "id")))
			continue;
		jh_diags_add(diags, JH_P_STD_MISSING_KEY, file, NULL, 0, 0, NULL,
		             keys[i].name, NULL);
		p.errors++;
	}
	if (!p.errors && st.year_min > st.year_max) {
		char was[16];
		snprintf(was, sizeof was, "%d", st.year_min);
		jh_diags_add(diags, JH_P_STD_BAD_VALUE, file, NULL, 0, 0, NULL,
		             "data.year_max", was);
		p.errors++;
	}
	if (p.errors)
		return JH_ERR_STANDARD;
	*out = st;
	return JH_OK;
}

jh_code jh_standard_national(jh_standard *out, jh_diags *diags)
{
	const char *t = jh_standard_national_data;

	return jh_standard_parse(t, strlen(t), "national-2017.std", NULL, out,
	                         diags);
}

/* Floating-point comparisons.  Values are never rounded before they are
 * judged (reference, "Defaults": compared unrounded, e.g. a CV of 0.501787
 * fails 0.50); the tolerance only absorbs representation error of a few
 * ulps, e.g. 0.85 × 2000 computed in binary. */
int jh_at_least(const jh_standard *std, double value, double threshold)
{
	double tol = std->epsilon * (fabs(threshold) > 1 ? fabs(threshold) : 1);

	return value >= threshold - tol;
}

int jh_at_most(const jh_standard *std, double value, double limit)
{
	double tol = std->epsilon * (fabs(limit) > 1 ? fabs(limit) : 1);

	return value <= limit + tol;
}
