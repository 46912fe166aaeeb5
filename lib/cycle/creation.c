/*
** creation.c — creation plans (创建方案): the document, its validation,
** its versions, and who may write it.
**
** A county's plan, as PUT /counties/{code}/plan takes it and the store
** keeps it (plan_doc, one row per version):
**
**   {"target_year": 2025,                       city and above only
**    "responsible": {"zh": "云岭县人民政府", "en": "…"},
**    "filed": "2023-06-28",                     filed with the city office
**    "milestones": [
**      {"year": 2023, "deadline": "2023-12-31",  deadline: default Dec 31
**       "targets": [
**         {"measure": "large_schools", "max": 1},
**         {"measure": "cv.junior.key_teachers_per100", "max": 0.45},
**         {"measure": "item.guarantee.3", "pass": true},
**         {"measure": "manual", "done": false,
**          "label_zh": "每个教室配备多媒体设备", "label_en": "…"}]}],
**    "school_measures": [
**      {"school": "2136990409", "measure": "新建教学楼一栋", "unit": "县教育局",
**       "person": "王某", "letter_signed": true}]}
**
** A city's city-wide targets (PUT /cities/{code}/plan) hold milestones
** only, on measures that add up over counties: eliminating large schools
** 3 in 2023, 9 in 2024, 13 in 2025 from 16 is
**   {"milestones": [{"year": 2023, "targets": [{"measure": "large_schools", "max": 13}]},
**                   {"year": 2024, "targets": [{"measure": "large_schools", "max": 7}]}, …]}
** and "no new ones" is a max never above the base in every later year.
**
** Every field is checked before anything is written; each problem is a
** coded problem whose column_name is the field's path
** ("milestones[1].targets[0].max").  The body may also carry "version"
** (the version read: a compare-and-set, so that two offices editing at
** once cannot overwrite each other) and "why".  The stored text is the
** document re-rendered from what was parsed (milestones by year), so
** stored plans are all in one form.
**
** Who: the county office edits its own plan; the city, province and
** administrator any plan within their area — but the target year is the
** city's decision (the seeds' "市里确定各县创建时间"): a county office that
** sends another target year than the stored one is refused, naming the
** field.  City-wide targets: the city itself, province, administrator.
*/
#include "cycle_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vctx {
	jh_diags *d;
	int errors;
	jh_store *s;        /* NULL: reading back a stored document (no school check) */
	const char *county;
};

static void bad(struct vctx *v, jh_problem p, const char *path, const char *arg,
                const char *arg2)
{
	jh_diags_add(v->d, p, NULL, NULL, 0, 0, path, arg, arg2);
	v->errors++;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A text field: absent (or null) leaves out "" unless required; else a
 * string without control characters of 1..max characters. */
static void text(struct vctx *v, json_t *obj, const char *key, const char *at,
                 char *out, size_t cap, size_t max, int required)
{
	json_t *x = json_object_get(obj, key);
	char path[160], n[24];
	const char *s;

	out[0] = '\0';
	snprintf(path, sizeof path, "%s%s%s", at, *at ? "." : "", key);
	if (!x || json_is_null(x)) {
		if (required)
			bad(v, JH_P_PLAN_FIELD_MISSING, path, NULL, NULL);
		return;
	}
	if (!json_is_string(x)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, path, "string", NULL);
		return;
	}
	s = json_string_value(x);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			bad(v, JH_P_PLAN_FIELD_TYPE, path, "string", NULL);
			return;
		}
	if (strlen(s) != json_string_length(x)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, path, "string", NULL);
		return;
	}
	if (utf8_chars(s) > max || strlen(s) >= cap) {
		snprintf(n, sizeof n, "%zu", max);
		bad(v, JH_P_PLAN_TEXT_LONG, path, n, NULL);
		return;
	}
	if (required && !*s) {
		bad(v, JH_P_PLAN_FIELD_MISSING, path, NULL, NULL);
		return;
	}
	memcpy(out, s, strlen(s) + 1);
}

static int year_field(struct vctx *v, json_t *x, const char *path, int *out)
{
	char t[32];

	if (!json_is_integer(x)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, path, "integer", NULL);
		return -1;
	}
	if (json_integer_value(x) < 1990 || json_integer_value(x) > 2100) {
		snprintf(t, sizeof t, "%lld", (long long)json_integer_value(x));
		bad(v, JH_P_PLAN_YEAR, path, t, NULL);
		return -1;
	}
	*out = (int)json_integer_value(x);
	return 0;
}

static void day_field(struct vctx *v, json_t *obj, const char *key,
                      const char *at, jh_day *out)
{
	json_t *x = json_object_get(obj, key);
	char path[160];

	out->s[0] = '\0';
	snprintf(path, sizeof path, "%s%s%s", at, *at ? "." : "", key);
	if (!x || json_is_null(x))
		return;
	if (!json_is_string(x)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, path, "string", NULL);
		return;
	}
	if (!jh_day_parse(json_string_value(x), out)) {
		char t[40];
		snprintf(t, sizeof t, "%.32s", json_string_value(x));
		bad(v, JH_P_PLAN_DAY, path, t, NULL);
	}
}

/* Fields of obj not in the list: one problem each. */
static void unknown_fields(struct vctx *v, json_t *obj, const char *at,
                           const char *const *known)
{
	const char *key;
	json_t *x;

	json_object_foreach(obj, key, x) {
		size_t i;
		for (i = 0; known[i] && strcmp(known[i], key); i++)
			;
		if (!known[i]) {
			char path[200];
			snprintf(path, sizeof path, "%s%s%.100s", at, *at ? "." : "", key);
			bad(v, JH_P_PLAN_FIELD_UNKNOWN, path, NULL, NULL);
		}
	}
	(void)x;
}

static json_t *array_field(struct vctx *v, json_t *obj, const char *key,
                           const char *path, size_t max)
{
	json_t *x = json_object_get(obj, key);
	char n[24];

	if (!x || json_is_null(x))
		return NULL;
	if (!json_is_array(x)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, path, "array", NULL);
		return NULL;
	}
	if (json_array_size(x) > max) {
		snprintf(n, sizeof n, "%zu", max);
		bad(v, JH_P_PLAN_TOO_MANY, path, n, NULL);
		return NULL;
	}
	return x;
}

static void target(struct vctx *v, json_t *t, const char *at, int city,
                   jh_plan_target *out)
{
	static const char *const known[] = {"measure", "max", "min", "pass", "done",
	                                    "label_zh", "label_en", "unit", NULL};
	static const char *const bound_key[] = {"max", "min", "pass", "done"};
	char path[200];
	unsigned kinds;
	int additive, given = 0, which = -1;

	memset(out, 0, sizeof *out);
	if (!json_is_object(t)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, at, "object", NULL);
		return;
	}
	unknown_fields(v, t, at, known);
	text(v, t, "measure", at, out->measure, sizeof out->measure, 95, 1);
	text(v, t, "label_zh", at, out->label_zh, sizeof out->label_zh, JH_PLAN_LABEL_MAX, 0);
	text(v, t, "label_en", at, out->label_en, sizeof out->label_en, JH_PLAN_LABEL_MAX, 0);
	text(v, t, "unit", at, out->unit, sizeof out->unit, JH_PLAN_UNIT_MAX, 0);
	if (!out->measure[0])
		return;
	snprintf(path, sizeof path, "%s.measure", at);
	if (!jh_measure_known(out->measure, &kinds, &additive)) {
		bad(v, JH_P_PLAN_MEASURE, path, out->measure, NULL);
		return;
	}
	if (city && !additive) {
		bad(v, JH_P_PLAN_CITY_MEASURE, path, out->measure, NULL);
		return;
	}
	for (int k = 0; k < 4; k++)
		if (json_object_get(t, bound_key[k])) {
			given++;
			which = k;
		}
	snprintf(path, sizeof path, "%s.%s", at, which >= 0 ? bound_key[which] : "max");
	if (given != 1 || !(kinds & (1u << which))) {
		bad(v, JH_P_PLAN_BOUND, path, out->measure, NULL);
		return;
	}
	out->kind = (jh_target_kind)which;
	{
		json_t *x = json_object_get(t, bound_key[which]);
		if (which <= JH_TARGET_MIN) {
			if (!json_is_number(x)) {
				bad(v, JH_P_PLAN_FIELD_TYPE, path, "number", NULL);
				return;
			}
			out->bound = json_number_value(x);
			if (out->bound < 0 || out->bound > 1e15) {
				bad(v, JH_P_PLAN_BOUND, path, out->measure, NULL);
				return;
			}
		} else if (!json_is_boolean(x)) {
			bad(v, JH_P_PLAN_FIELD_TYPE, path, "boolean", NULL);
		} else if (which == JH_TARGET_PASS && !json_is_true(x)) {
			bad(v, JH_P_PLAN_BOUND, path, out->measure, NULL);
		} else {
			out->done = json_is_true(x);
		}
	}
	if (out->kind == JH_TARGET_DONE && !out->label_zh[0]) {
		snprintf(path, sizeof path, "%s.label_zh", at);
		bad(v, JH_P_PLAN_FIELD_MISSING, path, NULL, NULL);
	}
}

static int by_year(const void *a, const void *b)
{
	const jh_plan_milestone *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

/* The array `key` of root (at most max entries) with room for its
 * elements, `size` bytes each, calloc'd into *room; NULL (and *room NULL)
 * when it is absent, empty or wrong (a problem recorded). */
static json_t *object_array(struct vctx *v, json_t *root, const char *key,
                            size_t max, size_t size, void **room)
{
	json_t *arr = array_field(v, root, key, key, max);

	*room = NULL;
	if (!arr || !json_array_size(arr))
		return NULL;
	if (!(*room = calloc(json_array_size(arr), size))) {
		v->errors++;
		return NULL;
	}
	return arr;
}

/* Element i of the array `key`: its path into at; 0 (a problem recorded)
 * when it is not an object. */
static int element(struct vctx *v, const char *key, size_t i, json_t *m,
                   char *at, size_t cap)
{
	snprintf(at, cap, "%s[%zu]", key, i);
	if (!json_is_object(m)) {
		bad(v, JH_P_PLAN_FIELD_TYPE, at, "object", NULL);
		return 0;
	}
	return 1;
}

static void milestones(struct vctx *v, json_t *root, jh_creation_doc *doc)
{
	static const char *const known[] = {"year", "deadline", "targets", NULL};
	json_t *arr = object_array(v, root, "milestones", JH_PLAN_MILESTONES_MAX,
	                           sizeof *doc->milestones, (void **)&doc->milestones);
	size_t i;
	json_t *m;

	if (!arr)
		return;
	json_array_foreach(arr, i, m) {
		jh_plan_milestone *ms = &doc->milestones[doc->nmilestones++];
		char at[64], path[96];
		json_t *ts, *t;
		size_t k;

		if (!element(v, "milestones", i, m, at, sizeof at))
			continue;
		unknown_fields(v, m, at, known);
		snprintf(path, sizeof path, "%s.year", at);
		if (!json_object_get(m, "year"))
			bad(v, JH_P_PLAN_FIELD_MISSING, path, NULL, NULL);
		else if (!year_field(v, json_object_get(m, "year"), path, &ms->year))
			for (size_t e = 0; e + 1 < doc->nmilestones; e++)
				if (doc->milestones[e].year == ms->year) {
					char y[16];
					snprintf(y, sizeof y, "%d", ms->year);
					bad(v, JH_P_PLAN_YEAR_TWICE, path, y, NULL);
				}
		day_field(v, m, "deadline", at, &ms->deadline);
		snprintf(path, sizeof path, "%s.targets", at);
		ts = array_field(v, m, "targets", path, JH_PLAN_TARGETS_MAX);
		if (!ts || !json_array_size(ts)) {
			if (!ts && !json_object_get(m, "targets"))
				bad(v, JH_P_PLAN_FIELD_MISSING, path, NULL, NULL);
			continue;
		}
		ms->targets = calloc(json_array_size(ts), sizeof *ms->targets);
		if (!ms->targets) {
			v->errors++;
			continue;
		}
		json_array_foreach(ts, k, t) {
			char tat[96];
			snprintf(tat, sizeof tat, "%s.targets[%zu]", at, k);
			target(v, t, tat, doc->city, &ms->targets[ms->ntargets++]);
		}
	}
	if (!v->errors)
		qsort(doc->milestones, doc->nmilestones, sizeof *doc->milestones, by_year);
}

static void school_measures(struct vctx *v, json_t *root, jh_creation_doc *doc)
{
	static const char *const known[] = {"school", "measure", "unit", "person",
	                                    "letter_signed", NULL};
	json_t *arr = object_array(v, root, "school_measures", JH_PLAN_SCHOOLS_MAX,
	                           sizeof *doc->schools, (void **)&doc->schools);
	size_t i;
	json_t *m;

	if (!arr)
		return;
	json_array_foreach(arr, i, m) {
		jh_school_measure *sm = &doc->schools[doc->nschools++];
		char at[64], path[96];
		json_t *x;

		if (!element(v, "school_measures", i, m, at, sizeof at))
			continue;
		unknown_fields(v, m, at, known);
		text(v, m, "school", at, sm->school, sizeof sm->school, 23, 1);
		text(v, m, "measure", at, sm->measure, sizeof sm->measure, JH_PLAN_MEASURE_MAX, 1);
		text(v, m, "unit", at, sm->unit, sizeof sm->unit, JH_PLAN_LABEL_MAX, 0);
		text(v, m, "person", at, sm->person, sizeof sm->person, JH_PLAN_PERSON_MAX, 0);
		x = json_object_get(m, "letter_signed");
		snprintf(path, sizeof path, "%s.letter_signed", at);
		if (x && !json_is_null(x) && !json_is_boolean(x))
			bad(v, JH_P_PLAN_FIELD_TYPE, path, "boolean", NULL);
		sm->letter_signed = json_is_true(x);
		if (sm->school[0] && v->s) {
			char county[8];
			jh_diags scratch;
			jh_diags_init(&scratch);
			snprintf(path, sizeof path, "%s.school", at);
			if (jh_store_school_county(v->s, sm->school, county, &scratch) ||
			    strcmp(county, v->county))
				bad(v, JH_P_PLAN_SCHOOL, path, sm->school, v->county);
			jh_diags_free(&scratch);
		}
	}
}

void jh_creation_doc_free(jh_creation_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nmilestones; i++)
		free(doc->milestones[i].targets);
	free(doc->milestones);
	free(doc->schools);
	free(doc);
}

/* Parse and check a document (city: the city-wide targets).  s NULL: a
 * stored document read back (schools not looked up again).  JH_ERR_INPUT
 * with problems; *out is the caller's to free either way. */
static jh_code parse_doc(jh_store *s, const char *area, int city,
                         const char *json, size_t len, int put,
                         jh_creation_doc **out, long *version, char *why,
                         size_t why_cap, jh_diags *d)
{
	static const char *const county_known[] = {"version", "why", "target_year",
		"responsible", "filed", "milestones", "school_measures", NULL};
	static const char *const city_known[] = {"version", "why", "milestones", NULL};
	struct vctx v = {d, 0, s, area};
	jh_creation_doc *doc = calloc(1, sizeof *doc);
	json_error_t err;
	json_t *root, *x;

	*out = doc;
	if (!doc)
		return JH_ERR_NOMEM;
	snprintf(doc->area, sizeof doc->area, "%s", area);
	doc->city = city;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
	if (!root || !json_is_object(root)) {
		jh_diags_add(d, JH_P_PLAN_JSON, NULL, NULL, err.line > 0 ? err.line : 0,
		             err.column > 0 ? err.column : 0, NULL,
		             root ? "{…}" : err.text, NULL);
		json_decref(root);
		return JH_ERR_INPUT;
	}
	unknown_fields(&v, root, "", city ? city_known : county_known);
	if (!put) {
		/* A stored document holds neither. */
		json_object_del(root, "version");
		json_object_del(root, "why");
	}
	x = json_object_get(root, "version");
	if (version)
		*version = 0;
	if (x && !json_is_null(x)) {
		if (!json_is_integer(x) || json_integer_value(x) < 0 ||
		    json_integer_value(x) > 1000000000)
			bad(&v, JH_P_PLAN_FIELD_TYPE, "version", "integer", NULL);
		else if (version)
			*version = (long)json_integer_value(x);
	}
	if (why)
		text(&v, root, "why", "", why, why_cap, JH_PLAN_WHY_MAX, 0);
	if (!city) {
		x = json_object_get(root, "target_year");
		if (x && !json_is_null(x))
			year_field(&v, x, "target_year", &doc->target_year);
		x = json_object_get(root, "responsible");
		if (x && !json_is_null(x)) {
			static const char *const known[] = {"zh", "en", NULL};
			if (!json_is_object(x)) {
				bad(&v, JH_P_PLAN_FIELD_TYPE, "responsible", "object", NULL);
			} else {
				unknown_fields(&v, x, "responsible", known);
				text(&v, x, "zh", "responsible", doc->responsible_zh,
				     sizeof doc->responsible_zh, JH_PLAN_LABEL_MAX, 1);
				text(&v, x, "en", "responsible", doc->responsible_en,
				     sizeof doc->responsible_en, JH_PLAN_LABEL_MAX, 0);
			}
		}
		day_field(&v, root, "filed", "", &doc->filed);
		school_measures(&v, root, doc);
	}
	milestones(&v, root, doc);
	json_decref(root);
	return v.errors ? (jh_diags_errors(d) ? JH_ERR_INPUT : JH_ERR_NOMEM) : JH_OK;
}

static void json_target(jhJson *j, const jh_plan_target *t)
{
	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "measure", t->measure);
	switch (t->kind) {
	case JH_TARGET_MAX: jhJsonFieldNum(j, "max", t->bound); break;
	case JH_TARGET_MIN: jhJsonFieldNum(j, "min", t->bound); break;
	case JH_TARGET_PASS: jhJsonFieldBool(j, "pass", 1); break;
	case JH_TARGET_DONE: jhJsonFieldBool(j, "done", t->done); break;
	}
	if (t->label_zh[0])
		jhJsonFieldStr(j, "label_zh", t->label_zh);
	if (t->label_en[0])
		jhJsonFieldStr(j, "label_en", t->label_en);
	if (t->unit[0])
		jhJsonFieldStr(j, "unit", t->unit);
	jhJsonClose(j, '}');
}

/* The document's own fields (the stored form and GET's "plan"). */
static void json_doc(jhJson *j, const jh_creation_doc *doc)
{
	jhJsonOpen(j, '{');
	if (!doc->city) {
		jhJsonKey(j, "target_year");
		if (doc->target_year)
			jhJsonInt(j, doc->target_year);
		else
			jhJsonNull(j);
		jhJsonKey(j, "responsible");
		if (doc->responsible_zh[0]) {
			jhJsonOpen(j, '{');
			jhJsonFieldStr(j, "zh", doc->responsible_zh);
			jhJsonFieldStr(j, "en", doc->responsible_en);
			jhJsonClose(j, '}');
		} else {
			jhJsonNull(j);
		}
		jhJsonFieldStr(j, "filed", doc->filed.s[0] ? doc->filed.s : NULL);
	}
	jhJsonKey(j, "milestones");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < doc->nmilestones; i++) {
		const jh_plan_milestone *m = &doc->milestones[i];
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "year", m->year);
		if (m->deadline.s[0])
			jhJsonFieldStr(j, "deadline", m->deadline.s);
		jhJsonKey(j, "targets");
		jhJsonOpen(j, '[');
		for (size_t k = 0; k < m->ntargets; k++)
			json_target(j, &m->targets[k]);
		jhJsonClose(j, ']');
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	if (!doc->city) {
		jhJsonKey(j, "school_measures");
		jhJsonOpen(j, '[');
		for (size_t i = 0; i < doc->nschools; i++) {
			const jh_school_measure *sm = &doc->schools[i];
			jhJsonOpen(j, '{');
			jhJsonFieldStr(j, "school", sm->school);
			jhJsonFieldStr(j, "measure", sm->measure);
			jhJsonFieldStr(j, "unit", sm->unit);
			jhJsonFieldStr(j, "person", sm->person);
			jhJsonFieldBool(j, "letter_signed", sm->letter_signed);
			jhJsonClose(j, '}');
		}
		jhJsonClose(j, ']');
	}
	jhJsonClose(j, '}');
}

jh_code jhCreationAreas(jh_store *s, jh_areas **areas, jh_diags *d)
{
	return jh_store_areas(s, areas, d);
}

jh_code jhCreationCanRead(jh_store *s, const jh_areas *areas,
                          const jh_user *who, const char *area, jh_diags *d)
{
	jh_code rc;

	if (!area || !jh_areas_find(areas, area)) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, area ? area : "", NULL);
		return JH_ERR_NOTFOUND;
	}
	if (who && !who->disabled && who->role == JH_ROLE_SCHOOL) {
		char county[8];
		jh_diags scratch;
		jh_diags_init(&scratch);
		rc = jh_store_school_county(s, who->area, county, &scratch);
		jh_diags_free(&scratch);
		rc = !rc && !strcmp(county, area) ? JH_OK : JH_ERR_DENIED;
	} else {
		rc = jh_access_area(areas, who, JH_OP_READ, area);
	}
	if (rc == JH_ERR_DENIED)
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, area, NULL);
	return rc;
}

/* The area's level: 1 city, 0 county; -1 (problem recorded) neither. */
static int area_kind(const jh_areas *areas, const char *area, jh_diags *d)
{
	const jh_area *a = jh_areas_find(areas, area);

	if (a && a->level == JH_AREA_COUNTY)
		return 0;
	if (a && a->level == JH_AREA_CITY)
		return 1;
	jh_diags_add(d, JH_P_PLAN_NOT_COUNTY, NULL, NULL, 0, 0, NULL, area, NULL);
	return -1;
}

/* The stored document of area (NULL when none), read back. */
static jh_code load_doc(jh_store *s, const char *area, int city,
                        jh_creation_doc **doc, jh_diags *d)
{
	jh_plandoc pd;
	jh_code rc;

	*doc = NULL;
	rc = jh_store_plandoc_get(s, area, 0, &pd, d);
	if (rc == JH_ERR_NOTFOUND)
		return JH_OK;
	if (rc)
		return rc;
	rc = parse_doc(NULL, area, city, pd.body, strlen(pd.body), 0, doc, NULL,
	               NULL, 0, d);
	if (!rc) {
		(*doc)->version = pd.version;
		snprintf((*doc)->at, sizeof (*doc)->at, "%s", pd.at);
		snprintf((*doc)->who, sizeof (*doc)->who, "%s", pd.who);
		snprintf((*doc)->why, sizeof (*doc)->why, "%s", pd.why);
	} else {
		jh_creation_doc_free(*doc);
		*doc = NULL;
	}
	jh_plandoc_clear(&pd);
	return rc;
}

jh_code jh_creation_get(jh_store *s, const jh_user *who, const char *area,
                        jh_creation_doc **doc, jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_code rc;
	int city;

	*doc = NULL;
	if ((rc = jhCreationAreas(s, &areas, d)))
		return rc;
	rc = jhCreationCanRead(s, areas, who, area, d);
	if (!rc && (city = area_kind(areas, area, d)) < 0)
		rc = JH_ERR_NOTFOUND;
	if (!rc)
		rc = load_doc(s, area, city, doc, d);
	jh_areas_free(areas);
	return rc;
}

static jh_code render_show(jh_store *s, const jh_areas *areas, const char *area,
                           int city, const jh_creation_doc *doc, jh_buf *out,
                           jh_diags *d)
{
	const jh_area *a = jh_areas_find(areas, area);
	jh_plandoc *vs = NULL;
	size_t nv = 0;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = jh_store_plandoc_versions(s, area, &vs, &nv, d)))
		return rc;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		jh_plandocs_free(vs, nv);
		return JH_ERR_NOMEM;
	}
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "area", area);
	jhJsonFieldStr(&j, "level", city ? "city" : "county");
	jhJsonFieldStr(&j, "name", a && a->name ? a->name : "");
	jhJsonFieldInt(&j, "version", doc ? doc->version : 0);
	jhJsonFieldStr(&j, "at", doc ? doc->at : NULL);
	jhJsonFieldStr(&j, "who", doc ? doc->who : NULL);
	jhJsonFieldStr(&j, "why", doc ? doc->why : NULL);
	jhJsonKey(&j, "plan");
	if (doc)
		json_doc(&j, doc);
	else
		jhJsonNull(&j);
	jhJsonKey(&j, "versions");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < nv; i++) {
		jhJsonOpen(&j, '{');
		jhJsonFieldInt(&j, "version", vs[i].version);
		jhJsonFieldStr(&j, "at", vs[i].at);
		jhJsonFieldStr(&j, "who", vs[i].who);
		jhJsonFieldStr(&j, "why", vs[i].why);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	jh_plandocs_free(vs, nv);
	return jhServiceJsonEnd(o);
}

jh_code jh_creation_show(jh_store *s, const jh_user *who, const char *area,
                         jh_buf *out, jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_creation_doc *doc = NULL;
	jh_code rc;
	int city = 0;

	if ((rc = jhCreationAreas(s, &areas, d)))
		return rc;
	rc = jhCreationCanRead(s, areas, who, area, d);
	if (!rc && (city = area_kind(areas, area, d)) < 0)
		rc = JH_ERR_NOTFOUND;
	if (!rc)
		rc = load_doc(s, area, city, &doc, d);
	if (!rc)
		rc = render_show(s, areas, area, city, doc, out, d);
	jh_creation_doc_free(doc);
	jh_areas_free(areas);
	return rc;
}

/* May who write area's plan (city: the city-wide targets)? */
static jh_code can_write(const jh_areas *areas, const jh_user *who,
                         const char *area, int city, jh_diags *d)
{
	jh_code rc = jh_access_area(areas, who, JH_OP_WRITE, area);

	if (!rc && city && jh_role_rank(who->role) < jh_role_rank(JH_ROLE_CITY))
		rc = JH_ERR_DENIED;
	if (!rc && (who->role == JH_ROLE_INSPECTOR || who->role == JH_ROLE_SCHOOL))
		rc = JH_ERR_DENIED;
	if (rc == JH_ERR_DENIED)
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, area, NULL);
	return rc;
}

jh_code jh_creation_put(jh_store *s, const jh_user *who, const char *area,
                        const char *json, size_t len, jh_buf *out,
                        jh_diags *d)
{
	jh_areas *areas = NULL;
	jh_creation_doc *doc = NULL, *cur = NULL;
	char why[4 * JH_PLAN_WHY_MAX + 1];
	long version = 0;
	jh_buf body = JH_BUF_INIT;
	jh_code rc;
	int city = 0;

	if ((rc = jhCreationAreas(s, &areas, d)))
		return rc;
	if (!area || !jh_areas_find(areas, area)) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, area ? area : "", NULL);
		rc = JH_ERR_NOTFOUND;
	}
	if (!rc && (city = area_kind(areas, area, d)) < 0)
		rc = JH_ERR_NOTFOUND;
	if (!rc)
		rc = can_write(areas, who, area, city, d);
	if (!rc)
		rc = parse_doc(s, area, city, json, len, 1, &doc, &version, why,
		               sizeof why, d);
	if (!rc)
		rc = load_doc(s, area, city, &cur, d);
	if (!rc && version != (cur ? cur->version : 0)) {
		char a[24], b[24];
		snprintf(a, sizeof a, "%ld", version);
		snprintf(b, sizeof b, "%ld", cur ? cur->version : 0L);
		jh_diags_add(d, JH_P_PLAN_VERSION, NULL, NULL, 0, 0, "version", a, b);
		rc = JH_ERR_CONFLICT;
	}
	if (!rc && !city && jh_role_rank(who->role) < jh_role_rank(JH_ROLE_CITY) &&
	    doc->target_year != (cur ? cur->target_year : 0)) {
		char y[16] = "-";
		if (cur && cur->target_year)
			snprintf(y, sizeof y, "%d", cur->target_year);
		jh_diags_add(d, JH_P_PLAN_TARGET_YEAR_DENIED, NULL, NULL, 0, 0,
		             "target_year", y, NULL);
		rc = JH_ERR_DENIED;
	}
	if (!rc) {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(&body, &j);
		if (!o) {
			rc = JH_ERR_NOMEM;
		} else {
			json_doc(&j, doc);
			rc = jhServiceJsonEnd(o);
		}
	}
	if (!rc) {
		rc = jh_store_plandoc_put(s, area, version, who->name, why, body.data, d);
		if (rc == JH_ERR_CONFLICT) {
			char a[24], b[24];
			snprintf(a, sizeof a, "%ld", version);
			snprintf(b, sizeof b, "%ld", version + 1);
			jh_diags_add(d, JH_P_PLAN_VERSION, NULL, NULL, 0, 0, "version", a, b);
		}
	}
	if (!rc) {
		jh_creation_doc_free(cur);
		cur = NULL;
		rc = load_doc(s, area, city, &cur, d);
	}
	if (!rc)
		rc = render_show(s, areas, area, city, cur, out, d);
	jh_buf_free(&body);
	jh_creation_doc_free(doc);
	jh_creation_doc_free(cur);
	jh_areas_free(areas);
	return rc;
}
