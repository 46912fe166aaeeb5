/*
** verdict.c — the whole standard for one county and year.
**
** A county passes only when all four parts hold (reference §7): every
** resource item (each school's 6-of-7/85% rule and each coefficient), the
** 15 government-guarantee items, the 9 education-quality items and social
** recognition, with none of the one-vote-veto findings, and its basic
** balance recognised at least three years before.  Each item ends as
** pass, fail or missing — missing data is never taken as a pass or a
** fail — and the verdict is fail when anything fails, incomplete when
** nothing fails but something is missing, and pass otherwise.
**
** School-level guarantee and quality items (music and art rooms, school
** and class sizes, certification, training funds) are computed from the
** school-year rows when their columns are there; otherwise the county-year
** record of the same figure is used; otherwise they are missing.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jh_verdict_item *add_item(jh_verdict *v, const char *part,
                                 const char *id, const char *zh,
                                 const char *en, const char *source)
{
	jh_verdict_item *it;

	if (v->count == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		jh_verdict_item *n = realloc(v->items, cap * sizeof *n);
		if (!n)
			return NULL;
		v->items = n;
		v->cap = cap;
	}
	it = &v->items[v->count++];
	memset(it, 0, sizeof *it);
	it->part = part;
	snprintf(it->id, sizeof it->id, "%s", id);
	snprintf(it->name_zh, sizeof it->name_zh, "%s", zh);
	snprintf(it->name_en, sizeof it->name_en, "%s", en);
	it->source = source;
	it->status = JH_ITEM_MISSING;
	return it;
}

static void set_value(jh_verdict_item *it, double v, const char *fmt)
{
	it->has_value = 1;
	it->value = v;
	snprintf(it->value_text, sizeof it->value_text, fmt, v);
}

static void set_threshold(jh_verdict_item *it, double t, const char *text)
{
	it->has_threshold = 1;
	it->threshold = t;
	snprintf(it->threshold_text, sizeof it->threshold_text, "%s", text);
}

/* --- values from county-year records -------------------------------- */

struct ctx {
	const jh_result *r;
	const jh_county_result *cr;
	const jh_standard *std;
	const jh_county_items *items;
	jh_verdict *v;
};

static const char *raw(const struct ctx *c, const char *key)
{
	const jh_county_item *it = c->items ?
		jh_county_items_find(c->items, c->cr->county_code, c->cr->year, key) : NULL;
	return it ? it->value : NULL;
}

static const char *note_of(const struct ctx *c, const char *key)
{
	const jh_county_item *it = c->items ?
		jh_county_items_find(c->items, c->cr->county_code, c->cr->year, key) : NULL;
	return it && *it->note ? it->note : NULL;
}

/* A rate or number item judged value ≥ min (or ≤ when at_most). */
static jh_code number_item(struct ctx *c, const char *part, const char *id,
                           const char *key, int rate, double limit, int at_most,
                           const char *source, const char *zh, const char *en)
{
	jh_verdict_item *it = add_item(c->v, part, id, zh, en, source);
	const char *s = raw(c, key);
	char t[64];
	double d;

	if (!it)
		return JH_ERR_NOMEM;
	snprintf(t, sizeof t, rate ? (at_most ? "≤ %g%%" : "≥ %g%%") : (at_most ? "≤ %g" : "≥ %g"),
	         rate ? limit * 100 : limit);
	set_threshold(it, limit, t);
	if (!s || jhValueNumber(s, rate, &d)) {
		snprintf(it->detail, sizeof it->detail, "%s", key);
		return JH_OK;
	}
	set_value(it, d, rate ? "%.4g" : "%.6g");
	if (rate)
		snprintf(it->value_text, sizeof it->value_text, "%.2f%%", d * 100);
	it->status = (at_most ? jh_at_most(c->std, d, limit) : jh_at_least(c->std, d, limit)) ?
	             JH_ITEM_PASS : JH_ITEM_FAIL;
	if (note_of(c, key))
		snprintf(it->detail, sizeof it->detail, "%s", note_of(c, key));
	return JH_OK;
}

/* A 是/否 item; `good` is the answer that passes. */
static jh_code yesno_item(struct ctx *c, const char *part, const char *id,
                          const char *key, int good, const char *source,
                          const char *zh, const char *en)
{
	jh_verdict_item *it = add_item(c->v, part, id, zh, en, source);
	const char *s = raw(c, key);
	int y;

	if (!it)
		return JH_ERR_NOMEM;
	set_threshold(it, good, good ? "是" : "否");
	if (!s || (y = jhValueYesno(s)) < 0) {
		snprintf(it->detail, sizeof it->detail, "%s", key);
		return JH_OK;
	}
	it->has_value = 0;
	snprintf(it->value_text, sizeof it->value_text, "%s", y ? "是" : "否");
	it->status = y == good ? JH_ITEM_PASS : JH_ITEM_FAIL;
	if (note_of(c, key))
		snprintf(it->detail, sizeof it->detail, "%s", note_of(c, key));
	return JH_OK;
}

/* A school-level item whose schools do not all report the figure: the
 * county-year record of the same rate decides instead, or it is missing
 * (detail names what would settle it). */
static void rate_from_record(struct ctx *c, jh_verdict_item *it, const char *key,
                             double min, const char *needs)
{
	const char *s = raw(c, key);
	double d;

	if (s && !jhValueNumber(s, 1, &d)) {
		set_value(it, d, "%.4f");
		snprintf(it->value_text, sizeof it->value_text, "%.2f%%", d * 100);
		it->status = jh_at_least(c->std, d, min) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	} else {
		snprintf(it->detail, sizeof it->detail, "%s", needs);
	}
}

/* Append a school code to a detail list, keeping it short. */
static void list_school(char *detail, size_t cap, size_t *n, const char *code,
                        const char *what)
{
	size_t len = strlen(detail);

	(*n)++;
	if (*n <= 8 && len + strlen(code) + strlen(what) + 4 < cap)
		snprintf(detail + len, cap - len, "%s%s %s", len ? "; " : "", code, what);
	else if (*n == 9 && len + 8 < cap)
		snprintf(detail + len, cap - len, "; …");
}

/* Schools of the county-year (one per school, not per stage). */
#define FOR_SCHOOLS(c, k, sy) \
	for (size_t k = (c)->cr->first_unit; k < (c)->cr->first_unit + (c)->cr->nunits; k++) \
		if ((c)->r->units[k].stage == JH_STAGE_JUNIOR && \
		    (jhTypeStages((c)->r->units[k].school->type) & JH_HAS_PRIMARY)) {} \
		else for (const jh_school_year *sy = (c)->r->units[k].school; sy; sy = NULL)

/* --- the parts -------------------------------------------------------------- */

static jh_code resource_items(struct ctx *c)
{
	const jh_standard *std = c->std;

	for (size_t k = c->cr->first_unit; k < c->cr->first_unit + c->cr->nunits; k++) {
		const jh_unit *u = &c->r->units[k];
		jh_verdict_item *it;
		char id[64], zh[160], en[200], t[64];

		if (u->status != JH_UNIT_EVALUATED)
			continue;
		snprintf(id, sizeof id, "resource.school.%s.%s", u->school->school_code,
		         jh_stage_key(u->stage));
		snprintf(zh, sizeof zh, "%s(%s)至少%d项指标达标,余项不低于%g%%",
		         u->school->school_name, jh_stage_name(u->stage, "zh"),
		         std->school_min_met, std->school_floor_ratio * 100);
		snprintf(en, sizeof en, "%s (%s): at least %d of 7 met, none under %g%%",
		         u->school->school_code, jh_stage_key(u->stage), std->school_min_met,
		         std->school_floor_ratio * 100);
		if (!(it = add_item(c->v, "resource", id, zh, en, "reference §1 [B] S5, S17")))
			return JH_ERR_NOMEM;
		set_value(it, u->met, "%.0f/7");
		snprintf(t, sizeof t, "≥ %d/7, ≥ %g%%", std->school_min_met,
		         std->school_floor_ratio * 100);
		set_threshold(it, std->school_min_met, t);
		it->status = u->passes ? JH_ITEM_PASS : JH_ITEM_FAIL;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			size_t len = strlen(it->detail);
			if (jh_at_least(std, u->value[i], std->threshold[u->stage][i]))
				continue;
			double fl = std->threshold[u->stage][i] * std->school_floor_ratio;
			char floor_txt[48] = "";
			/* Under the 85% floor too: name the floor, in numbers only. */
			if (!jh_at_least(std, u->value[i], fl))
				snprintf(floor_txt, sizeof floor_txt, " (< %.4g)", fl);
			snprintf(it->detail + len, sizeof it->detail - len, "%s%s %.2f < %g%s",
			         len ? "; " : "", jh_indicator_key((jh_indicator)i), u->value[i],
			         std->threshold[u->stage][i], floor_txt);
		}
	}
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &c->cr->stage[st];
		if (!sr->schools)
			continue;
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jh_verdict_item *it;
			char id[80], zh[160], en[200], t[32];
			snprintf(id, sizeof id, "resource.cv.%s.%s", jh_stage_key((jh_stage)st),
			         jh_indicator_key((jh_indicator)i));
			snprintf(zh, sizeof zh, "%s%s校际差异系数", jh_stage_name((jh_stage)st, "zh"),
			         jh_indicator_name((jh_indicator)i, "zh"));
			snprintf(en, sizeof en, "%s difference coefficient: %s",
			         jh_stage_key((jh_stage)st), jh_indicator_name((jh_indicator)i, "en"));
			if (!(it = add_item(c->v, "resource", id, zh, en, "reference §1, §2 [B] S5, S17")))
				return JH_ERR_NOMEM;
			snprintf(t, sizeof t, "≤ %.2f", std->cv_limit[st]);
			set_threshold(it, std->cv_limit[st], t);
			if (isnan(sr->cv[i])) {
				snprintf(it->value_text, sizeof it->value_text, "-");
				it->status = JH_ITEM_FAIL;
				snprintf(it->detail, sizeof it->detail, "mean = 0");
				continue;
			}
			set_value(it, sr->cv[i], "%.4f");
			it->status = sr->cv_pass[i] ? JH_ITEM_PASS : JH_ITEM_FAIL;
		}
	}
	return JH_OK;
}

static jh_code guarantee_items(struct ctx *c)
{
	const jh_standard *std = c->std;
	const char *src = "reference §4 [B] S17";
	jh_code rc;

#define CHECK(x) do { if ((rc = (x))) return rc; } while (0)
	CHECK(yesno_item(c, "guarantee", "guarantee.1", "layout_plan", 1, src,
	                 "县域内义务教育学校规划布局合理,符合国家规定要求",
	                 "School layout planned as national rules require"));
	CHECK(yesno_item(c, "guarantee", "guarantee.2", "unified_standards", 1, src,
	                 "城乡义务教育学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一",
	                 "Urban and rural standards unified"));

	/* 3: music and art rooms, from the schools' rows. */
	{
		jh_verdict_item *it = add_item(c->v, "guarantee", "guarantee.3",
			"所有小学、初中每12个班级配备音乐、美术专用教室1间以上;音乐教室不小于96平方米,美术教室不小于90平方米",
			"One music and one art room per 12 classes; music ≥ 96 m², art ≥ 90 m²", src);
		size_t bad = 0, missing = 0, n = 0;
		char t[64];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "0 所不达标 / 0 failing");
		set_threshold(it, 0, t);
		FOR_SCHOOLS(c, k, sy) {
			double cls, need;
			if (sy->type == JH_TYPE_TEACHING_POINT)
				continue;   /* the rule names 小学、初中; points are left out */
			cls = (isnan(sy->v[JH_F_CLASSES_PRIMARY]) ? 0 : sy->v[JH_F_CLASSES_PRIMARY]) +
			      (isnan(sy->v[JH_F_CLASSES_JUNIOR]) ? 0 : sy->v[JH_F_CLASSES_JUNIOR]);
			if ((isnan(sy->v[JH_F_CLASSES_PRIMARY]) && isnan(sy->v[JH_F_CLASSES_JUNIOR])) ||
			    isnan(sy->v[JH_F_MUSIC_ROOMS]) || isnan(sy->v[JH_F_ART_ROOMS])) {
				missing++;
				continue;
			}
			n++;
			/* ceil(classes / 12) rooms of each, and at least one (S17). */
			need = ceil(cls / std->classes_per_room - 1e-9);
			if (need < 1)
				need = 1;
			if (sy->v[JH_F_MUSIC_ROOMS] < need || sy->v[JH_F_ART_ROOMS] < need ||
			    (!isnan(sy->v[JH_F_MUSIC_ROOM_MIN_AREA]) &&
			     !jh_at_least(std, sy->v[JH_F_MUSIC_ROOM_MIN_AREA], std->music_room_min_m2)) ||
			    (!isnan(sy->v[JH_F_ART_ROOM_MIN_AREA]) &&
			     !jh_at_least(std, sy->v[JH_F_ART_ROOM_MIN_AREA], std->art_room_min_m2))) {
				char what[160];
				int n = snprintf(what, sizeof what, "(%.0f班: 音乐%.0f 美术%.0f, 需%.0f", cls,
				                 sy->v[JH_F_MUSIC_ROOMS], sy->v[JH_F_ART_ROOMS], need);
				if (!isnan(sy->v[JH_F_MUSIC_ROOM_MIN_AREA]) &&
				    !jh_at_least(std, sy->v[JH_F_MUSIC_ROOM_MIN_AREA], std->music_room_min_m2))
					n += snprintf(what + n, sizeof what - (size_t)n, "; 音乐教室%gm² < %g",
					              sy->v[JH_F_MUSIC_ROOM_MIN_AREA], std->music_room_min_m2);
				if (!isnan(sy->v[JH_F_ART_ROOM_MIN_AREA]) &&
				    !jh_at_least(std, sy->v[JH_F_ART_ROOM_MIN_AREA], std->art_room_min_m2))
					n += snprintf(what + n, sizeof what - (size_t)n, "; 美术教室%gm² < %g",
					              sy->v[JH_F_ART_ROOM_MIN_AREA], std->art_room_min_m2);
				snprintf(what + n, sizeof what - (size_t)n, ")");
				list_school(it->detail, sizeof it->detail, &bad, sy->school_code, what);
			}
		}
		if (!missing) {
			set_value(it, (double)bad, "%.0f");
			it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
		} else {
			snprintf(it->detail, sizeof it->detail,
			         "classes_*, music_rooms, art_rooms: %zu", missing);
		}
	}
	/* 4: school size, compulsory stages. */
	{
		jh_verdict_item *it = add_item(c->v, "guarantee", "guarantee.4",
			"所有小学、初中规模不超过2000人,九年一贯制、十二年一贯制学校义务教育阶段规模不超过2500人",
			"Schools ≤ 2000 pupils; nine- and twelve-year schools ≤ 2500 in compulsory stages", src);
		size_t bad = 0;
		char t[64];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "≤ %g / %g", std->size_single_max, std->size_multi_max);
		set_threshold(it, std->size_single_max, t);
		FOR_SCHOOLS(c, k, sy) {
			double n = sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR];
			int multi = sy->type == JH_TYPE_NINE_YEAR || sy->type == JH_TYPE_TWELVE_YEAR;
			double max = multi ? std->size_multi_max : std->size_single_max;
			if (n > max) {
				char what[48];
				snprintf(what, sizeof what, "%.0f人 > %g", n, max);
				list_school(it->detail, sizeof it->detail, &bad, sy->school_code, what);
			}
		}
		set_value(it, (double)bad, "%.0f");
		it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
	}
	/* 5: class size, from the largest class of each stage. */
	{
		jh_verdict_item *it = add_item(c->v, "guarantee", "guarantee.5",
			"小学、初中所有班级学生数分别不超过45人、50人",
			"Every class ≤ 45 (primary) / ≤ 50 (junior) pupils", src);
		size_t bad = 0, missing = 0;
		char t[64];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "≤ %g / %g", std->class_max[0], std->class_max[1]);
		set_threshold(it, std->class_max[0], t);
		FOR_SCHOOLS(c, k, sy) {
			static const jh_field fs[2] = {JH_F_STUDENTS_PRIMARY, JH_F_STUDENTS_JUNIOR};
			static const jh_field fl[2] = {JH_F_LARGEST_CLASS_PRIMARY, JH_F_LARGEST_CLASS_JUNIOR};
			for (int st = 0; st < 2; st++) {
				if (sy->v[fs[st]] <= 0)
					continue;
				if (isnan(sy->v[fl[st]])) {
					missing++;
					continue;
				}
				if (sy->v[fl[st]] > std->class_max[st]) {
					char what[48];
					snprintf(what, sizeof what, "%s最大班额%.0f", st ? "初中" : "小学",
					         sy->v[fl[st]]);
					list_school(it->detail, sizeof it->detail, &bad, sy->school_code, what);
				}
			}
		}
		if (!missing) {
			set_value(it, (double)bad, "%.0f");
			it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
		} else {
			snprintf(it->detail, sizeof it->detail,
			         "largest_class_*: %zu", missing);
		}
	}
	CHECK(yesno_item(c, "guarantee", "guarantee.6", "small_school_funding", 1, src,
	                 "不足100名学生村小学和教学点按100名学生核定公用经费",
	                 "Village schools and teaching points under 100 pupils funded as 100"));
	CHECK(number_item(c, "guarantee", "guarantee.7", "special_ed_funds_per_student", 0,
	                  std->special_ed_funds_min, 0, "reference §4 [U] (6000: S18)",
	                  "特殊教育学校生均公用经费不低于6000元",
	                  "Special-education public funds per student ≥ 6000 yuan"));
	CHECK(number_item(c, "guarantee", "guarantee.8", "teacher_pay_ratio", 0,
	                  std->teacher_pay_ratio_min, 0, "reference §4 [A] S3",
	                  "教师平均工资收入水平不低于当地公务员平均工资收入水平",
	                  "Teachers' average pay ≥ local civil servants'"));
	CHECK(number_item(c, "guarantee", "guarantee.9", "training_360_rate", 1,
	                  std->training_360_min, 0, src, "教师5年360学时培训完成率达到100%",
	                  "5-year 360-hour training completed by 100%"));
	CHECK(yesno_item(c, "guarantee", "guarantee.10", "staffing_coordination", 1, src,
	                 "县级教育行政部门统筹分配各校教职工编制和岗位数量",
	                 "Staffing and posts allocated across schools by the county"));
	/* 11: two rates, both must hold. */
	{
		size_t before = c->v->count;
		CHECK(number_item(c, "guarantee", "guarantee.11", "rotation_rate", 1,
		                  std->rotation_min, 0, src,
		                  "每年交流轮岗教师比例不低于符合交流条件教师总数的10%",
		                  "Teachers rotated each year ≥ 10% of those eligible"));
		CHECK(number_item(c, "guarantee", "guarantee.11.key", "rotation_key_rate", 1,
		                  std->rotation_key_min, 0, src,
		                  "骨干教师不低于交流轮岗教师总数的20%",
		                  "Key teachers ≥ 20% of those rotated"));
		(void)before;
	}
	/* 12: certification, from the schools when they report it. */
	{
		jh_verdict_item *it = add_item(c->v, "guarantee", "guarantee.12",
			"专任教师持有教师资格证上岗率达到100%",
			"Full-time teachers holding a certificate: 100%", src);
		double cert = 0, all = 0;
		int missing = 0;
		char t[32];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "≥ %g%%", std->certification_min * 100);
		set_threshold(it, std->certification_min, t);
		FOR_SCHOOLS(c, k, sy) {
			if (isnan(sy->v[JH_F_CERTIFIED_TEACHERS])) {
				missing = 1;
				continue;
			}
			cert += sy->v[JH_F_CERTIFIED_TEACHERS];
			all += sy->v[JH_F_TEACHERS_PRIMARY] + sy->v[JH_F_TEACHERS_JUNIOR];
		}
		if (!missing && all > 0) {
			set_value(it, cert / all, "%.4f");
			snprintf(it->value_text, sizeof it->value_text, "%.2f%% (%.0f/%.0f)",
			         cert / all * 100, cert, all);
			it->status = jh_at_least(std, cert / all, std->certification_min) ?
			             JH_ITEM_PASS : JH_ITEM_FAIL;
		} else {
			rate_from_record(c, it, "certification_rate", std->certification_min,
			                 "certified_teachers | certification_rate");
		}
	}
	CHECK(number_item(c, "guarantee", "guarantee.13.primary", "nearby_enrolment_primary", 1,
	                  std->nearby_min[0], 0, src,
	                  "城区和镇区公办小学(不含寄宿制学校)就近划片入学比例达到100%",
	                  "Urban and town public primary schools: nearby enrolment 100%"));
	CHECK(number_item(c, "guarantee", "guarantee.13.junior", "nearby_enrolment_junior", 1,
	                  std->nearby_min[1], 0, src,
	                  "城区和镇区公办初中(不含寄宿制学校)就近划片入学比例达到95%以上",
	                  "Urban and town public junior schools: nearby enrolment ≥ 95%"));
	CHECK(number_item(c, "guarantee", "guarantee.14", "hs_quota_rate", 1,
	                  std->hs_quota_min, 0, src,
	                  "全县优质高中招生名额分配比例不低于50%,并向农村初中倾斜",
	                  "Quality high-school places allocated to junior schools ≥ 50%"));
	CHECK(yesno_item(c, "guarantee", "guarantee.15.care", "left_behind_care", 1, src,
	                 "县域内留守儿童关爱体系健全", "Care system for left-behind children"));
	CHECK(number_item(c, "guarantee", "guarantee.15", "migrant_public_rate", 1,
	                  std->migrant_public_min, 0, src,
	                  "符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于85%",
	                  "Eligible migrant children in public or publicly funded schools ≥ 85%"));
	return JH_OK;
}

static jh_code quality_items(struct ctx *c)
{
	const jh_standard *std = c->std;
	const char *src = "reference §5 [B] S17";
	jh_code rc;

	CHECK(number_item(c, "quality", "quality.1", "junior_retention_rate", 1,
	                  std->retention_min, 0, "reference §5 [B] S5, S17",
	                  "全县初中三年巩固率达到95%以上", "Junior three-year retention ≥ 95%"));
	CHECK(number_item(c, "quality", "quality.2", "disabled_enrolment_rate", 1,
	                  std->disabled_enrolment_min, 0, "reference §5 [B] S5, S17",
	                  "全县残疾儿童少年入学率达到95%以上", "Enrolment of disabled children ≥ 95%"));
	CHECK(yesno_item(c, "quality", "quality.3", "charter_informatization", 1, src,
	                 "所有学校制定章程,实现学校管理与教学信息化",
	                 "Every school has a charter; management and teaching informatised"));
	/* 4: training funds ≥ 5% of each school's public-funds budget. */
	{
		jh_verdict_item *it = add_item(c->v, "quality", "quality.4",
			"所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费",
			"Every school spends ≥ 5% of its public-funds budget on teacher training", src);
		double lowest = INFINITY;
		size_t bad = 0;
		int missing = 0;
		char t[32];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "≥ %g%%", std->training_funds_share_min * 100);
		set_threshold(it, std->training_funds_share_min, t);
		FOR_SCHOOLS(c, k, sy) {
			double pf = sy->v[JH_F_PUBLIC_FUNDS], tf = sy->v[JH_F_TRAINING_FUNDS];
			if (isnan(pf) || isnan(tf) || pf <= 0) {
				missing = 1;
				continue;
			}
			if (tf / pf < lowest)
				lowest = tf / pf;
			if (!jh_at_least(std, tf / pf, std->training_funds_share_min)) {
				char what[32];
				snprintf(what, sizeof what, "%.2f%%", tf / pf * 100);
				list_school(it->detail, sizeof it->detail, &bad, sy->school_code, what);
			}
		}
		if (!missing && isfinite(lowest)) {
			set_value(it, lowest, "%.4f");
			snprintf(it->value_text, sizeof it->value_text, "%.2f%%", lowest * 100);
			it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
		} else {
			it->detail[0] = '\0';
			rate_from_record(c, it, "training_funds_share_min", std->training_funds_share_min,
			                 "public_funds_yuan + training_funds_yuan | "
			                 "training_funds_share_min");
		}
	}
	CHECK(yesno_item(c, "quality", "quality.5", "it_teaching", 1, src,
	                 "教师能熟练运用信息化手段组织教学,设施设备利用率达到较高水平",
	                 "Teachers use IT well; equipment well used"));
	/* 6: a grade, 良好 or better. */
	{
		jh_verdict_item *it = add_item(c->v, "quality", "quality.6",
			"所有学校德育工作、校园文化建设水平达到良好以上",
			"Moral education and school culture graded good or better", src);
		const char *s = raw(c, "moral_culture");
		int g;
		if (!it)
			return JH_ERR_NOMEM;
		set_threshold(it, 3, "≥ 良好");
		if (s && (g = jhValueGrade(s)) > 0) {
			snprintf(it->value_text, sizeof it->value_text, "%s", s);
			it->status = g >= 3 ? JH_ITEM_PASS : JH_ITEM_FAIL;
			if (note_of(c, "moral_culture"))
				snprintf(it->detail, sizeof it->detail, "%s", note_of(c, "moral_culture"));
		} else {
			snprintf(it->detail, sizeof it->detail, "moral_culture");
		}
	}
	CHECK(yesno_item(c, "quality", "quality.7", "curriculum", 1, src,
	                 "课程开齐开足,教学秩序规范,综合实践活动有效开展",
	                 "Full curriculum, orderly teaching, practical activities"));
	CHECK(yesno_item(c, "quality", "quality.8", "no_excess_burden", 1, src,
	                 "无过重课业负担", "No excessive homework burden"));
	/* 9: national monitoring, every subject reported: level ≥ Ⅲ and a
	 * between-school difference rate strictly under 0.15. */
	{
		jh_verdict_item *it = add_item(c->v, "quality", "quality.9",
			"国家义务教育质量监测相关科目学生学业水平达到Ⅲ级以上,且校际差异率低于0.15",
			"National monitoring: level Ⅲ or above and between-school difference < 0.15 in each subject", src);
		int subjects = 0, bad = 0, partial = 0;
		char t[48];
		if (!it)
			return JH_ERR_NOMEM;
		snprintf(t, sizeof t, "≥ Ⅲ, < %g", std->monitoring_diff_max);
		set_threshold(it, std->monitoring_level_min, t);
		for (int sj = 0; sj < JH_SUBJECTS; sj++) {
			char kl[48], kd[48];
			const char *l, *dv;
			double diff;
			int lv;
			size_t len = strlen(it->detail);
			snprintf(kl, sizeof kl, "monitoring_level.%s", jhSubjects[sj][0]);
			snprintf(kd, sizeof kd, "monitoring_diff.%s", jhSubjects[sj][0]);
			l = raw(c, kl);
			dv = raw(c, kd);
			if (!l && !dv)
				continue;
			if (!l || !dv || (lv = jhValueLevel(l)) < 0 ||
			    jhValueNumber(dv, 1, &diff)) {
				partial = 1;
				continue;
			}
			subjects++;
			/* Strictly under the limit (reference §5: 低于 0.15). */
			int ok = lv >= std->monitoring_level_min &&
			         diff < std->monitoring_diff_max - std->epsilon;
			snprintf(it->detail + len, sizeof it->detail - len, "%s%s %s/%.3f%s",
			         len ? "; " : "", jhSubjects[sj][1], l, diff, ok ? "" : " ✘");
			bad += !ok;
		}
		if (subjects && !partial) {
			set_value(it, bad, "%.0f");
			snprintf(it->value_text, sizeof it->value_text, "%d/%d", subjects - bad, subjects);
			it->status = bad ? JH_ITEM_FAIL : JH_ITEM_PASS;
		} else if (!subjects) {
			snprintf(it->detail, sizeof it->detail, "monitoring_level.*, monitoring_diff.*");
		}
	}
	return JH_OK;
}

static jh_code recognition_item(struct ctx *c)
{
	const jh_standard *std = c->std;
	jh_verdict_item *it = add_item(c->v, "recognition", "recognition",
		"社会认可度达到85%以上(学生、家长、教师、校长、人大代表、政协委员及其他群众)",
		"Social recognition ≥ 85%", "reference §6 [B] S5, S17; rate method [U]");
	double sum = 0, sat = 0, ans = 0, lowest = INFINITY;
	int groups = 0;
	char t[32];

	if (!it)
		return JH_ERR_NOMEM;
	snprintf(t, sizeof t, "≥ %g%%", std->recognition_min * 100);
	set_threshold(it, std->recognition_min, t);
	for (int g = 0; g < JH_GROUPS; g++) {
		char ks[64], ka[64];
		const char *s, *a;
		double ds, da;
		c->v->recognition_rate[g] = NAN;
		snprintf(ks, sizeof ks, "survey.%s.satisfied", jhGroups[g][0]);
		snprintf(ka, sizeof ka, "survey.%s.answers", jhGroups[g][0]);
		s = raw(c, ks);
		a = raw(c, ka);
		if (!s || !a || jhValueNumber(s, 0, &ds) || jhValueNumber(a, 0, &da) || da <= 0)
			continue;
		/* Recognition = answers 满意 or 比较满意 ÷ all answers, per group. */
		c->v->recognition_rate[g] = ds / da;
		sum += ds / da;
		if (ds / da < lowest)
			lowest = ds / da;
		sat += ds;
		ans += da;
		groups++;
		size_t len = strlen(it->detail);
		snprintf(it->detail + len, sizeof it->detail - len, "%s%s %.2f%%", len ? "; " : "",
		         jhGroups[g][1], ds / da * 100);
	}
	if (!groups) {
		snprintf(it->detail, sizeof it->detail, "survey.GROUP.satisfied, survey.GROUP.answers");
		return JH_OK;
	}
	{
		double rate = std->recognition_rule == 1 ? sat / ans :
		              std->recognition_rule == 2 ? lowest : sum / groups;
		set_value(it, rate, "%.4f");
		snprintf(it->value_text, sizeof it->value_text, "%.2f%%", rate * 100);
		it->status = jh_at_least(std, rate, std->recognition_min) ? JH_ITEM_PASS : JH_ITEM_FAIL;
	}
	return JH_OK;
}

static jh_code veto_items(struct ctx *c)
{
	const char *src = "reference §7 [A] S2, S3";
	jh_code rc;

	CHECK(yesno_item(c, "veto", "veto.exam_admission", "exam_admission", 0, src,
	                 "以考试方式招生(一票否决)", "Admission by examination (veto)"));
	CHECK(yesno_item(c, "veto", "veto.illegal_school_choice", "illegal_school_choice", 0, src,
	                 "违规择校(一票否决)", "Illegal school choice (veto)"));
	CHECK(yesno_item(c, "veto", "veto.key_schools", "key_schools", 0, src,
	                 "设立重点校(一票否决)", "Key schools (veto)"));
	CHECK(yesno_item(c, "veto", "veto.key_classes", "key_classes", 0, src,
	                 "设立重点班(一票否决)", "Key classes (veto)"));
	return JH_OK;
}

static jh_code prerequisite_item(struct ctx *c)
{
	jh_verdict_item *it = add_item(c->v, "prerequisite", "prerequisite.basic_balance",
		"通过国家义务教育基本均衡发展认定三年以上",
		"Basic balance recognised at least three years before", "reference §0 [A] S1");
	const char *s = raw(c, "basic_balance_year");
	double y;

	if (!it)
		return JH_ERR_NOMEM;
	set_threshold(it, c->cr->year - 3, "≥ 3 年 / years");
	if (!s || jhParseNumber(s, &y)) {
		snprintf(it->detail, sizeof it->detail, "basic_balance_year");
		return JH_OK;
	}
	set_value(it, y, "%.0f");
	it->status = c->cr->year - y >= 3 ? JH_ITEM_PASS : JH_ITEM_FAIL;
	return JH_OK;
#undef CHECK
}

jh_code jh_verdict_county(const jh_result *r, size_t county,
                          const jh_county_items *items, jh_verdict *out,
                          jh_diags *diags)
{
	struct ctx c;
	jh_code rc;
	int fail = 0, missing = 0;

	(void)diags;
	memset(out, 0, sizeof *out);
	if (county >= r->ncounties)
		return JH_ERR_ARG;
	c.r = r;
	c.cr = &r->counties[county];
	c.std = r->standard;
	c.items = items;
	c.v = out;
	memcpy(out->county_code, c.cr->county_code, sizeof out->county_code);
	out->year = c.cr->year;
	if ((rc = prerequisite_item(&c)) || (rc = resource_items(&c)) ||
	    (rc = guarantee_items(&c)) || (rc = quality_items(&c)) ||
	    (rc = recognition_item(&c)) || (rc = veto_items(&c))) {
		jh_verdict_free(out);
		return rc;
	}
	for (size_t i = 0; i < out->count; i++) {
		fail += out->items[i].status == JH_ITEM_FAIL;
		missing += out->items[i].status == JH_ITEM_MISSING;
	}
	out->verdict = fail ? JH_VERDICT_FAIL : missing ? JH_VERDICT_INCOMPLETE : JH_VERDICT_PASS;
	return JH_OK;
}

void jh_verdict_free(jh_verdict *v)
{
	if (!v)
		return;
	free(v->items);
	v->items = NULL;
	v->count = v->cap = 0;
}
