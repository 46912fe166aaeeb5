/*
** measures.c — the things a creation plan's targets count, computed from
** a county-year's evaluated data.
**
** A plan says "by 2025, no school over the size limit, the junior
** coefficient of key teachers at most 0.45, guarantee item 3 passing";
** each of those is a measure here, with a key the plan names, a name and
** unit in both languages and how it is computed.  Three kinds:
**
**   fixed counts and amounts (the table below): schools over the size
**       limit (大规模学校: compulsory-stage pupils over 2,000, nine- and
**       twelve-year schools 2,500 — the standard's figures, as verdict
**       item guarantee.4 judges them), school stages whose largest class
**       is over the class-size limit (大班额, 45 / 50 — guarantee.5; the
**       data gives each stage's largest class, so a stage is counted, not
**       its classes), school stages failing the 6-of-7 / 85% rule, verdict
**       items failing, and what the schools still lack in real units
**       (lib/plan's gaps of every failing school, the music and art rooms
**       joined in: teachers to recruit by kind, m² to build, equipment in
**       yuan, multimedia, music and art rooms to add) — the county's
**       remaining shortfall;
**   cv.<stage>.<indicator>: a difference coefficient (a figure, at most);
**   item.<verdict item id>: a verdict item passing ("item.guarantee.3").
**
** The fixed ones are additive: a city's city-wide target sums them over
** its counties.  "manual" is the target entered by hand (done or not):
** no figure from the data.  Every target takes a figure and a direction
** (max, min) except item.* (pass) and manual (done).
*/
#include "cycle_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K_MAX (1u << JH_TARGET_MAX)
#define K_MIN (1u << JH_TARGET_MIN)
#define K_PASS (1u << JH_TARGET_PASS)
#define K_DONE (1u << JH_TARGET_DONE)

static const struct fixed {
	const char *key;
	const char *zh, *en;
	const char *unit_zh, *unit_en;
	const char *how_zh, *how_en;
} fixed[JH_M__COUNT] = {
	[JH_M_LARGE_SCHOOLS] = {"large_schools", "大规模学校数", "schools over the size limit",
	 "所", "schools",
	 "义务教育阶段在校生超过标准上限(小学、初中 2000 人,九年、十二年一贯制 2500 人)的学校数",
	 "schools whose compulsory-stage pupils exceed the standard's limit (2,000; nine- and twelve-year schools 2,500)"},
	[JH_M_LARGE_CLASS_STAGES] = {"large_class_stages", "大班额学段数", "school stages with an oversized class",
	 "个", "stages",
	 "最大班额超过标准(小学 45 人、初中 50 人)的学校学段数",
	 "school stages whose largest class exceeds the standard (45 primary, 50 junior)"},
	[JH_M_FAILING_SCHOOL_STAGES] = {"failing_school_stages", "未达标学校(学段)数",
	 "school stages failing the per-school rule", "个", "stages",
	 "七项指标中达标少于 6 项或有指标低于标准 85% 的学校学段数",
	 "evaluated school stages meeting fewer than 6 of the 7 indicators or with one under 85% of its threshold"},
	[JH_M_FAILING_ITEMS] = {"failing_items", "未达标评估项数", "verdict items failing",
	 "项", "items", "综合结论中状态为“未达标”的评估项数",
	 "items of the verdict whose status is fail"},
	[JH_M_TEACHERS_QUALIFIED] = {"teachers.qualified", "需补充高于规定学历教师数",
	 "teachers above the required qualification to add", "人", "teachers",
	 "各未达标学校补齐差距所需的高于规定学历教师数之和(缺口)",
	 "the sum over failing schools of the qualified teachers their gaps need"},
	[JH_M_TEACHERS_KEY] = {"teachers.key", "需补充县级及以上骨干教师数",
	 "county-level key teachers to add", "人", "teachers",
	 "各未达标学校补齐差距所需的骨干教师数之和(缺口)",
	 "the sum over failing schools of the key teachers their gaps need"},
	[JH_M_TEACHERS_PE_ART] = {"teachers.pe_art", "需补充体育、艺术专任教师数",
	 "PE and art teachers to add", "人", "teachers",
	 "各未达标学校补齐差距所需的体育、艺术专任教师数之和(缺口)",
	 "the sum over failing schools of the PE and art teachers their gaps need"},
	[JH_M_AREA_TEACHING] = {"area.teaching", "需新增教学及辅助用房面积",
	 "teaching space to build", "平方米", "m²",
	 "各未达标学校补齐差距所需的教学及辅助用房面积之和(含专用教室扩建)",
	 "the sum over failing schools of the teaching space their gaps need (rooms enlarged included)"},
	[JH_M_AREA_SPORTS] = {"area.sports", "需新增体育运动场馆面积", "sports space to build",
	 "平方米", "m²", "各未达标学校补齐差距所需的体育运动场馆面积之和",
	 "the sum over failing schools of the sports space their gaps need"},
	[JH_M_EQUIPMENT] = {"equipment", "需新增教学仪器设备值", "equipment to buy",
	 "元", "yuan", "各未达标学校补齐差距所需的教学仪器设备值之和",
	 "the sum over failing schools of the equipment value their gaps need"},
	[JH_M_ROOMS_MULTIMEDIA] = {"rooms.multimedia", "网络多媒体教室缺口",
	 "networked multimedia rooms missing", "间", "rooms",
	 "各未达标学校补齐差距所需的网络多媒体教室数之和",
	 "the sum over failing schools of the multimedia rooms their gaps need"},
	[JH_M_ROOMS_MUSIC] = {"rooms.music", "需新增音乐专用教室数", "music rooms to add",
	 "间", "rooms", "按每 12 个班 1 间计,各校缺少的音乐专用教室数之和",
	 "the sum over schools of the music rooms missing (one per 12 classes)"},
	[JH_M_ROOMS_ART] = {"rooms.art", "需新增美术专用教室数", "art rooms to add",
	 "间", "rooms", "按每 12 个班 1 间计,各校缺少的美术专用教室数之和",
	 "the sum over schools of the art rooms missing (one per 12 classes)"},
};

const char *jhMeasureKey(int i)
{
	return i >= 0 && i < JH_M__COUNT ? fixed[i].key : "";
}

static int fixed_index(const char *key)
{
	for (int i = 0; i < JH_M__COUNT; i++)
		if (!strcmp(key, fixed[i].key))
			return i;
	return -1;
}

/* "cv.<stage>.<indicator>": the stage and indicator, or -1. */
static int cv_parse(const char *key, int *st, int *ind)
{
	const char *p;

	if (strncmp(key, "cv.", 3))
		return -1;
	p = strchr(key + 3, '.');
	if (!p)
		return -1;
	for (int s = 0; s < JH_STAGE__COUNT; s++)
		if ((size_t)(p - key - 3) == strlen(jh_stage_key((jh_stage)s)) &&
		    !strncmp(key + 3, jh_stage_key((jh_stage)s), (size_t)(p - key - 3))) {
			int i = jh_indicator_parse(p + 1);
			if (i < 0)
				return -1;
			*st = s;
			*ind = i;
			return 0;
		}
	return -1;
}

/* "item.<id>": a verdict item id's shape (the items a county's verdict
 * has depend on its schools, so any id of the families is accepted:
 * prerequisite, resource, guarantee, quality, recognition, veto). */
static int item_ok(const char *key)
{
	static const char *const parts[] = {"prerequisite.", "resource.", "guarantee.",
	                                    "quality.", "recognition", "veto."};
	const char *id = key + 5;

	if (strncmp(key, "item.", 5) || strlen(id) >= 64)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '#'))
			return 0;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!strncmp(id, parts[i], strlen(parts[i])))
			return 1;
	return 0;
}

int jh_measure_known(const char *key, unsigned *kinds, int *additive)
{
	unsigned k = 0;
	int add = 0, st, ind;

	if (!key)
		return 0;
	if (fixed_index(key) >= 0) {
		k = K_MAX | K_MIN;
		add = 1;
	} else if (!cv_parse(key, &st, &ind)) {
		k = K_MAX;
	} else if (item_ok(key)) {
		k = K_PASS;
	} else if (!strcmp(key, "manual")) {
		k = K_DONE;
	} else {
		return 0;
	}
	if (kinds)
		*kinds = k;
	if (additive)
		*additive = add;
	return 1;
}

static void put(char *out, size_t cap, const char *s)
{
	if (out && cap)
		snprintf(out, cap, "%s", s);
}

void jh_measure_name(const char *key, const char *lang, char *name,
                     size_t name_cap, char *unit, size_t unit_cap)
{
	int en = lang && !strcmp(lang, "en");
	int i = key ? fixed_index(key) : -1, st, ind;

	put(name, name_cap, key ? key : "");
	put(unit, unit_cap, "");
	if (i >= 0) {
		put(name, name_cap, en ? fixed[i].en : fixed[i].zh);
		put(unit, unit_cap, en ? fixed[i].unit_en : fixed[i].unit_zh);
	} else if (key && !cv_parse(key, &st, &ind)) {
		if (name && name_cap)
			snprintf(name, name_cap, en ? "%s difference coefficient: %s" : "%s%s差异系数",
			         jh_stage_name((jh_stage)st, en ? "en" : "zh"),
			         en ? jh_indicator_name((jh_indicator)ind, "en") :
			              jh_indicator_short((jh_indicator)ind, "zh"));
	} else if (key && item_ok(key)) {
		if (name && name_cap)
			snprintf(name, name_cap, en ? "item %s passes" : "评估项 %s 达标", key + 5);
	} else if (key && !strcmp(key, "manual")) {
		put(name, name_cap, en ? "entered by hand" : "手工填报");
	}
}

static void jfixed(jhJson *j, const char *key, const char *zh, const char *en,
                   const char *uzh, const char *uen, const char *hzh,
                   const char *hen, const char *kinds, int additive)
{
	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "key", key);
	jhJsonFieldStr(j, "name_zh", zh);
	jhJsonFieldStr(j, "name_en", en);
	jhJsonFieldStr(j, "unit_zh", uzh);
	jhJsonFieldStr(j, "unit_en", uen);
	jhJsonFieldStr(j, "how_zh", hzh);
	jhJsonFieldStr(j, "how_en", hen);
	jhJsonKey(j, "targets");
	jhJsonOpen(j, '[');
	for (const char *p = kinds; *p; p++)
		jhJsonStr(j, *p == 'x' ? "max" : *p == 'n' ? "min" : *p == 'p' ? "pass" : "done");
	jhJsonClose(j, ']');
	jhJsonFieldBool(j, "city", additive);
	jhJsonClose(j, '}');
}

static const char CV_ZH[] = "各校该学段该项指标值的校际差异系数(按学生数加权,与评估相同)";
static const char CV_EN[] = "the stage's difference coefficient of the indicator across schools, as the evaluation computes it";
static const char ITEM_ZH[] = "综合结论中该评估项达标(如 item.guarantee.3)";
static const char ITEM_EN[] = "the verdict item passes (e.g. item.guarantee.3)";
static const char MANUAL_ZH[] = "数据不能计算的目标,由人工填报是否完成(label_zh 写明内容)";
static const char MANUAL_EN[] = "a target the data cannot measure, marked done by hand (label_zh says what)";

jh_code jh_measure_catalogue(jh_format fmt, const char *lang, jh_buf *out)
{
	int en = lang && !strcmp(lang, "en");

	if (fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(out, &j);
		if (!o)
			return JH_ERR_NOMEM;
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "measures");
		jhJsonOpen(&j, '[');
		for (int i = 0; i < JH_M__COUNT; i++)
			jfixed(&j, fixed[i].key, fixed[i].zh, fixed[i].en, fixed[i].unit_zh,
			       fixed[i].unit_en, fixed[i].how_zh, fixed[i].how_en, "xn", 1);
		jfixed(&j, "cv.<stage>.<indicator>", "差异系数", "difference coefficient", "",
		       "", CV_ZH, CV_EN, "x", 0);
		jfixed(&j, "item.<id>", "评估项达标", "verdict item passes", "", "", ITEM_ZH,
		       ITEM_EN, "p", 0);
		jfixed(&j, "manual", "手工填报", "entered by hand", "", "", MANUAL_ZH,
		       MANUAL_EN, "d", 0);
		jhJsonClose(&j, ']');
		jhJsonClose(&j, '}');
		return jhServiceJsonEnd(o);
	}
	jh_buf_addf(out, en ? "Measures a plan's targets may name\n" : "创建方案目标可用的测量项\n");
	for (int i = 0; i < JH_M__COUNT; i++)
		jh_buf_addf(out, "  %-22s %s (%s): %s\n", fixed[i].key,
		            en ? fixed[i].en : fixed[i].zh,
		            en ? fixed[i].unit_en : fixed[i].unit_zh,
		            en ? fixed[i].how_en : fixed[i].how_zh);
	jh_buf_addf(out, "  %-22s %s\n", "cv.<stage>.<indicator>", en ? CV_EN : CV_ZH);
	jh_buf_addf(out, "  %-22s %s\n", "item.<id>", en ? ITEM_EN : ITEM_ZH);
	jh_buf_addf(out, "  %-22s %s\n", "manual", en ? MANUAL_EN : MANUAL_ZH);
	jh_buf_addf(out, en ? "Counts and amounts take max or min and may be city-wide; "
	                      "coefficients max; items pass; manual done.\n" :
	                      "计数与数量类可设 max 或 min,也可作全市目标;差异系数设 max;"
	                      "评估项设 pass;手工目标设 done。\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jhMeasuresCompute(const jh_result *r, size_t c,
                          const jh_county_items *items, jhMeasureSet *m,
                          jh_diags *d)
{
	const jh_county_result *cr = &r->counties[c];
	const jh_standard *std = r->standard;
	jh_addition *add = NULL;
	jh_costs costs;
	size_t nadd = 0;
	jh_code rc;

	memset(m, 0, sizeof *m);
	snprintf(m->county, sizeof m->county, "%s", cr->county_code);
	m->year = cr->year;
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &cr->stage[st];
		m->has_stage[st] = sr->schools > 0;
		m->units[st] = sr->schools;
		m->fixed[JH_M_FAILING_SCHOOL_STAGES] += (double)sr->schools_failing;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			m->cv[st][i] = sr->cv[i];
			m->mean[st][i] = sr->mean[i];
		}
	}
	/* Each school once: a multi-stage school has a unit per stage; its
	 * junior unit is skipped when it has a primary one (as the verdict's
	 * items 4 and 5 count schools). */
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &r->units[k];
		const jh_school_year *sy = u->school;
		static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
		static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
		double pupils;
		int multi;

		if (u->stage == JH_STAGE_JUNIOR && (jhTypeStages(sy->type) & JH_HAS_PRIMARY))
			continue;
		pupils = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR];
		multi = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
		if (pupils > (multi ? std->size_multi_max : std->size_single_max))
			m->fixed[JH_M_LARGE_SCHOOLS]++;
		for (int st = 0; st < 2; st++)
			if (sy->v[fs[st]] > 0 && !isnan(sy->v[fl[st]]) &&
			    sy->v[fl[st]] > std->class_max[st])
				m->fixed[JH_M_LARGE_CLASS_STAGES]++;
	}
	if ((rc = jh_verdict_county(r, c, items, &m->verdict, d)))
		return rc;
	for (size_t i = 0; i < m->verdict.count; i++)
		if (m->verdict.items[i].status == JH_ITEM_FAIL)
			m->fixed[JH_M_FAILING_ITEMS]++;
	if ((rc = jh_costs_default(&costs, d)) ||
	    (rc = jh_gaps_county(r, c, &costs, &add, &nadd, d)))
		return rc;
	for (size_t i = 0; i < nadd; i++) {
		const double *a = add[i].add;
		m->fixed[JH_M_TEACHERS_QUALIFIED] += a[JH_F_QUALIFIED_PRIMARY] + a[JH_F_QUALIFIED_JUNIOR];
		m->fixed[JH_M_TEACHERS_KEY] += a[JH_F_KEY_PRIMARY] + a[JH_F_KEY_JUNIOR];
		m->fixed[JH_M_TEACHERS_PE_ART] += a[JH_F_PE_ART_PRIMARY] + a[JH_F_PE_ART_JUNIOR];
		m->fixed[JH_M_AREA_TEACHING] += a[JH_F_TEACHING_AREA];
		m->fixed[JH_M_AREA_SPORTS] += a[JH_F_SPORTS_AREA];
		m->fixed[JH_M_EQUIPMENT] += a[JH_F_EQUIPMENT_VALUE];
		m->fixed[JH_M_ROOMS_MULTIMEDIA] += a[JH_F_MULTIMEDIA_ROOMS];
		m->fixed[JH_M_ROOMS_MUSIC] += a[JH_F_MUSIC_ROOMS];
		m->fixed[JH_M_ROOMS_ART] += a[JH_F_ART_ROOMS];
	}
	free(add);
	return JH_OK;
}

void jhMeasuresFree(jhMeasureSet *m)
{
	if (m)
		jh_verdict_free(&m->verdict);
}

int jhMeasureValue(const jhMeasureSet *m, const char *key, double *v)
{
	int i = fixed_index(key), st, ind;

	if (i >= 0) {
		*v = m->fixed[i];
		return 1;
	}
	if (!cv_parse(key, &st, &ind)) {
		if (!m->has_stage[st] || isnan(m->cv[st][ind]))
			return 0;
		*v = m->cv[st][ind];
		return 1;
	}
	if (item_ok(key)) {
		for (size_t k = 0; k < m->verdict.count; k++)
			if (!strcmp(m->verdict.items[k].id, key + 5)) {
				if (m->verdict.items[k].status == JH_ITEM_MISSING)
					return 0;
				*v = m->verdict.items[k].status == JH_ITEM_PASS;
				return 1;
			}
		/* Not judged this year (a school or stage the county no longer
		 * has): nothing is short, the target holds. */
		*v = 1;
		return 1;
	}
	return 0;
}

int jhTargetHolds(const jh_plan_target *t, double v)
{
	/* Figures compared with the standard's own tolerance for rounding:
	 * a coefficient 0.4500000001 is 0.45. */
	double eps = 1e-9 * (fabs(t->bound) > 1 ? fabs(t->bound) : 1);

	switch (t->kind) {
	case JH_TARGET_MAX:
		return v <= t->bound + eps;
	case JH_TARGET_MIN:
		return v >= t->bound - eps;
	case JH_TARGET_PASS:
	case JH_TARGET_DONE:
		return v >= 1;
	}
	return 0;
}
