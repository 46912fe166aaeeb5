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

/* What a key sets.  `tighten` is +1 when a local file may only raise the
 * value, -1 when it may only lower it, 0 when it is unconstrained. */
enum kind { K_STR, K_NUM, K_INT, K_POLICY, K_SPLIT, K_RULE };

struct key {
	char name[96];
	enum kind kind;
	int tighten;
	size_t off;     /* offset of the field in jh_standard */
	size_t cap;     /* for strings */
	double min, max;
};

#define OFF(f) offsetof(jh_standard, f)

static size_t build_keys(struct key *k)
{
	size_t n = 0;
	static const char *const stage[] = {"primary", "junior"};

#define ADD(nm, kd, tg, of, cp, mn, mx) do { \
		snprintf(k[n].name, sizeof k[n].name, "%s", nm); \
		k[n].kind = kd; k[n].tighten = tg; k[n].off = of; \
		k[n].cap = cp; k[n].min = mn; k[n].max = mx; n++; } while (0)

	ADD("id", K_STR, 0, OFF(id), sizeof ((jh_standard *)0)->id, 0, 0);
	ADD("name_zh", K_STR, 0, OFF(name_zh), sizeof ((jh_standard *)0)->name_zh, 0, 0);
	ADD("name_en", K_STR, 0, OFF(name_en), sizeof ((jh_standard *)0)->name_en, 0, 0);
	for (int s = 0; s < JH_STAGE__COUNT; s++)
		for (int i = 0; i < JH_IND__COUNT; i++) {
			char nm[96];
			snprintf(nm, sizeof nm, "threshold.%s.%s", stage[s],
			         jh_indicator_key((jh_indicator)i));
			ADD(nm, K_NUM, +1, OFF(threshold) +
			    (size_t)(s * JH_IND__COUNT + i) * sizeof(double), 0,
			    1e-12, 1e9);
		}
	for (int s = 0; s < JH_STAGE__COUNT; s++) {
		char nm[96];
		snprintf(nm, sizeof nm, "cv_limit.%s", stage[s]);
		ADD(nm, K_NUM, -1, OFF(cv_limit) + (size_t)s * sizeof(double), 0,
		    1e-12, 10);
	}
	ADD("school.min_met", K_INT, +1, OFF(school_min_met), 0, 0, JH_IND__COUNT);
	ADD("school.floor_ratio", K_NUM, +1, OFF(school_floor_ratio), 0, 0, 1);
	ADD("split.weight.primary", K_NUM, 0, OFF(stage_weight), 0, 1e-9, 100);
	ADD("split.weight.junior", K_NUM, 0, OFF(stage_weight) + sizeof(double), 0, 1e-9, 100);
	ADD("split.weight.senior", K_NUM, 0, OFF(stage_weight) + 2 * sizeof(double), 0, 1e-9, 100);
	ADD("split.indicators", K_SPLIT, 0, OFF(split), 0, 0, 0);
	ADD("teaching_point.policy", K_POLICY, 0, OFF(tp_policy), 0, 0, 0);
	ADD("teaching_point.min_students", K_NUM, 0, OFF(tp_min_students), 0, 0, 1e6);
	ADD("compare.epsilon", K_NUM, 0, OFF(epsilon), 0, 0, 1e-3);
	ADD("guarantee.classes_per_room", K_NUM, -1, OFF(classes_per_room), 0, 1, 100);
	ADD("guarantee.music_room_min_m2", K_NUM, +1, OFF(music_room_min_m2), 0, 0, 1000);
	ADD("guarantee.art_room_min_m2", K_NUM, +1, OFF(art_room_min_m2), 0, 0, 1000);
	ADD("guarantee.school_size_max", K_NUM, -1, OFF(size_single_max), 0, 1, 1e6);
	ADD("guarantee.school_size_max_multi", K_NUM, -1, OFF(size_multi_max), 0, 1, 1e6);
	ADD("guarantee.class_size_max.primary", K_NUM, -1, OFF(class_max), 0, 1, 1000);
	ADD("guarantee.class_size_max.junior", K_NUM, -1, OFF(class_max) + sizeof(double), 0, 1, 1000);
	ADD("guarantee.special_ed_funds_min", K_NUM, +1, OFF(special_ed_funds_min), 0, 0, 1e7);
	ADD("guarantee.teacher_pay_ratio_min", K_NUM, +1, OFF(teacher_pay_ratio_min), 0, 0, 10);
	ADD("guarantee.training_360_min", K_NUM, +1, OFF(training_360_min), 0, 0, 1);
	ADD("guarantee.rotation_min", K_NUM, +1, OFF(rotation_min), 0, 0, 1);
	ADD("guarantee.rotation_key_min", K_NUM, +1, OFF(rotation_key_min), 0, 0, 1);
	ADD("guarantee.certification_min", K_NUM, +1, OFF(certification_min), 0, 0, 1);
	ADD("guarantee.nearby_min.primary", K_NUM, +1, OFF(nearby_min), 0, 0, 1);
	ADD("guarantee.nearby_min.junior", K_NUM, +1, OFF(nearby_min) + sizeof(double), 0, 0, 1);
	ADD("guarantee.hs_quota_min", K_NUM, +1, OFF(hs_quota_min), 0, 0, 1);
	ADD("guarantee.migrant_public_min", K_NUM, +1, OFF(migrant_public_min), 0, 0, 1);
	ADD("quality.retention_min", K_NUM, +1, OFF(retention_min), 0, 0, 1);
	ADD("quality.disabled_enrolment_min", K_NUM, +1, OFF(disabled_enrolment_min), 0, 0, 1);
	ADD("quality.training_funds_share_min", K_NUM, +1, OFF(training_funds_share_min), 0, 0, 1);
	ADD("quality.monitoring_level_min", K_NUM, +1, OFF(monitoring_level_min), 0, 1, 4);
	ADD("quality.monitoring_diff_max", K_NUM, -1, OFF(monitoring_diff_max), 0, 0, 1);
	ADD("recognition.min", K_NUM, +1, OFF(recognition_min), 0, 0, 1);
	ADD("recognition.rule", K_RULE, 0, OFF(recognition_rule), 0, 0, 0);
#undef ADD
	return n;
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
	const struct key *keys;
	size_t nkeys;
	int *seen;                /* nkeys flags: keys set so far */
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

/* jhKvEach callback: check one line and apply it to p->st.  The value
 * ends at a `#` even for names, which may hold no `#` anyway. */
static int set_line(void *ctx, long lineno, const char *k, const char *v)
{
	struct parse *p = ctx;
	const struct key *ky;
	char *field;
	size_t i;
	double d;

	if (!v) {
		jh_diags_add(p->diags, JH_P_STD_SYNTAX, p->file, NULL, lineno, 0,
		             NULL, "expected `key = value`", NULL);
		p->errors++;
		return 0;
	}
	if (!strcmp(k, "base"))
		return 0;       /* read before the walk by jh_standard_base_name */
	for (i = 0; i < p->nkeys; i++)
		if (!strcmp(p->keys[i].name, k))
			break;
	if (i == p->nkeys) {
		jh_diags_add(p->diags, JH_P_STD_UNKNOWN_KEY, p->file, NULL,
		             lineno, 0, NULL, k, NULL);
		p->errors++;
		return 0;
	}
	if (p->seen[i]) {
		jh_diags_add(p->diags, JH_P_STD_SYNTAX, p->file, NULL, lineno, 0,
		             NULL, "key set twice", NULL);
		p->errors++;
	}
	p->seen[i] = 1;
	ky = &p->keys[i];
	field = (char *)p->st + ky->off;
	switch (ky->kind) {
	case K_STR:
		if (!*v || strlen(v) >= ky->cap)
			bad_value(p, lineno, k, v);
		else
			memcpy(field, v, strlen(v) + 1);
		break;
	case K_NUM:
	case K_INT:
		if (jhKvNumber(v, &d) || d < ky->min || d > ky->max ||
		    (ky->kind == K_INT && d != floor(d))) {
			bad_value(p, lineno, k, v);
			break;
		}
		if (p->base && ky->tighten) {
			const char *was_at = (const char *)p->base + ky->off;
			double was = ky->kind == K_INT ?
				*(const int *)was_at : *(const double *)was_at;
			if ((ky->tighten > 0 && d < was) ||
			    (ky->tighten < 0 && d > was)) {
				char wb[32];
				snprintf(wb, sizeof wb, "%g", was);
				jh_diags_add(p->diags, JH_P_STD_LOOSER, p->file,
				             NULL, lineno, 0, NULL, k, wb);
				p->errors++;
				break;
			}
		}
		if (ky->kind == K_INT)
			*(int *)field = (int)d;
		else
			*(double *)field = d;
		break;
	case K_POLICY:
		if (!strcmp(v, "own_unit"))
			p->st->tp_policy = JH_TP_OWN_UNIT;
		else if (!strcmp(v, "merge"))
			p->st->tp_policy = JH_TP_MERGE;
		else if (!strcmp(v, "exclude"))
			p->st->tp_policy = JH_TP_EXCLUDE;
		else
			bad_value(p, lineno, k, v);
		break;
	case K_RULE:
		if (!strcmp(v, "mean_of_groups"))
			p->st->recognition_rule = 0;
		else if (!strcmp(v, "all_respondents"))
			p->st->recognition_rule = 1;
		else if (!strcmp(v, "every_group"))
			p->st->recognition_rule = 2;
		else
			bad_value(p, lineno, k, v);
		break;
	case K_SPLIT: {
		char copy[512];
		snprintf(copy, sizeof copy, "%s", v);
		if (parse_split(copy, p->st->split))
			bad_value(p, lineno, k, v);
		break;
	}
	}
	return 0;
}

jh_code jh_standard_parse(const char *text, size_t len, const char *file,
                          const jh_standard *base, jh_standard *out,
                          jh_diags *diags)
{
	struct key keys[96];
	size_t nkeys = build_keys(keys);
	int seen[96] = {0};
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

	p = (struct parse){keys, nkeys, seen, base, &st, file, diags, 0};
	if (jhKvEach(text, len, set_line, &p) < 0)
		return JH_ERR_NOMEM;
	/* A root file sets everything; a local file at least names itself. */
	for (size_t i = 0; i < nkeys; i++) {
		if (seen[i] || (base && strcmp(keys[i].name, "id")))
			continue;
		jh_diags_add(diags, JH_P_STD_MISSING_KEY, file, NULL, 0, 0, NULL,
		             keys[i].name, NULL);
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
