/*
** school.c — the one-page school profile (学校概况) of rq->school in
** rq->year, as a PDF.
**
** From the county-year loaded and judged as every report reads it
** (jhCountyDataLoad): the school's row and its units (one per stage it
** teaches) in the result.  The page holds, in this order:
**
**   - identity: name, code, type, urban/rural location, organiser (举办者
**     类型), grades, boarding, the central school of a teaching point, the
**     county;
**   - pupils, classes, the largest class and full-time teachers per stage;
**   - the seven indicators per stage against the standard's thresholds
**     (one row per indicator, a column group per stage, so a nine-year
**     school still fits the page): the value with two decimals as the
**     evaluation reports it, the threshold, and 达标 / 未达标 / 低于85%
**     (red when short), and a vector bar chart of each value as a
**     percentage of its threshold, the threshold (100%) dashed, short
**     bars red;
**   - the per-school rule (at least 6 of 7 met, the rest at or over 85%)
**     as the evaluation judged each unit (jh_unit.met, below_floor,
**     passes);
**   - the verdict items that concern single schools — school size
**     (guarantee.4), class size (guarantee.5), music and art rooms
**     (guarantee.3), training funds (quality.4) — with the school's own
**     figures from its row, the item's requirement, and whether the
**     verdict names the school among those short (its detail lists them
**     by code; past eight it is cut with "…", then an unnamed school is
**     "not listed" rather than guessed), plus any other item whose detail
**     names the school.
**
** Nothing is judged here that the evaluation or the verdict has not
** judged: the conclusions are the unit's and the verdict's.
*/
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The indicators' names in an English table: the library's are a
 * sentence long (three lines in a column of a two-stage school's table);
 * these say the same with the unit.  Chinese tables use the standard's
 * own names (jh_indicator_name) with the unit. */
static const char *const name_en[JH_IND__COUNT] = {
	[JH_IND_QUALIFIED] = "Teachers above the required qualification per 100 pupils",
	[JH_IND_KEY] = "Key teachers per 100 pupils",
	[JH_IND_PE_ART] = "PE and art teachers per 100 pupils",
	[JH_IND_TEACHING_AREA] = "Teaching floor area per pupil (m²)",
	[JH_IND_SPORTS_AREA] = "Sports area per pupil (m²)",
	[JH_IND_EQUIPMENT] = "Equipment value per pupil (yuan)",
	[JH_IND_MULTIMEDIA] = "Multimedia rooms per 100 pupils",
};

/* A stage as a table row or a sentence starts with it. */
static const char *stage_word(int st, const char *lang)
{
	return st == JH_STAGE_PRIMARY ? JH_L(lang, "小学", "Primary") : JH_L(lang, "初中", "Junior");
}

static void para(jhPdf *p, const jh_buf *t)
{
	jhPdfPara(p, t->data ? t->data : "");
}

/* A count as people read it, "—" when not given. */
static void count_text(double v, char out[JH_NUMBER_MAX])
{
	if (isnan(v))
		snprintf(out, JH_NUMBER_MAX, "—");
	else
		jhGrouped(v, 0, out);
}

/* The verdict item with this id, or NULL. */
static const jh_verdict_item *item_of(const jh_verdict *v, const char *id)
{
	for (size_t i = 0; i < v->count; i++)
		if (!strcmp(v->items[i].id, id))
			return &v->items[i];
	return NULL;
}

/* What the verdict says of the school for an item that lists the
 * schools short: 0 meets, 1 short (named), 2 missing data, 3 not listed
 * (the list was cut). */
static int school_status(const jh_verdict_item *it, const char *code)
{
	if (it->status == JH_ITEM_MISSING)
		return 2;
	if (strstr(it->detail, code))
		return 1;
	if (it->status == JH_ITEM_FAIL && strstr(it->detail, "…"))
		return 3;
	return 0;
}

static const char *status_words(int st, const char *lang)
{
	static const char *const zh[] = {"达标", "不达标", "缺少数据", "未列明"};
	static const char *const en[] = {"meets", "short", "no data", "not listed"};
	return (lang[0] == 'e' ? en : zh)[st];
}

jh_code jhReportSchool(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	int en = lang[0] == 'e';
	jhCountyData cd;
	const jh_county_result *cr;
	const jh_standard *std;
	const jh_school_year *sy = NULL;
	const jh_unit *units[JH_STAGE__COUNT] = {NULL, NULL};
	int nunits = 0, neval = 0;
	jh_buf t = JH_BUF_INIT;
	char header[320], title[300];
	jhPdf *p = NULL;
	jh_code rc;

	(void)who;
	if ((rc = jhCountyDataLoad(s, rq, &cd, d)))
		goto done;
	cr = &cd.L.res->counties[cd.county];
	std = cd.L.res->standard;
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &cd.L.res->units[k];
		if (strcmp(u->school->school_code, rq->school))
			continue;
		sy = u->school;
		if (!units[u->stage])
			nunits++;
		units[u->stage] = u;
		neval += u->status == JH_UNIT_EVALUATED;
	}
	if (!sy) {
		for (size_t i = 0; i < jh_dataset_count(cd.L.ds); i++) {
			const jh_school_year *r = jh_dataset_row(cd.L.ds, i);
			if (r->year == rq->year && !strcmp(r->school_code, rq->school) &&
			    !strcmp(r->county_code, rq->area))
				sy = r;
		}
	}
	if (!sy) {
		char what[64];
		snprintf(what, sizeof what, "%s/%d", rq->school, rq->year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto done;
	}

	snprintf(header, sizeof header, en ? "School profile · %s %s · %d" : "学校概况 · %s %s · %d 年度",
	         sy->school_code, sy->school_name ? sy->school_name : "", rq->year);
	if (!(p = jhPdfNew(lang, header))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	snprintf(title, sizeof title, en ? "%s: school profile %d" : "%s %d 年度学校概况",
	         sy->school_name ? sy->school_name : sy->school_code, rq->year);
	jhPdfHeading(p, 1, title);
	jh_buf_addf(&t, en ? "%s · generated %s" : "%s · 生成日期 %s", cd.title, cd.generated);
	para(p, &t);

	/* Identity: two pairs a row. */
	{
		static const jhPdfCol cols_zh[] = {
			{"基本信息", 26, JH_PDF_LEFT}, {"", 59, JH_PDF_LEFT},
			{"", 26, JH_PDF_LEFT}, {"", 59, JH_PDF_LEFT}};
		static const jhPdfCol cols_en[] = {
			{"Identity", 26, JH_PDF_LEFT}, {"", 59, JH_PDF_LEFT},
			{"", 26, JH_PDF_LEFT}, {"", 59, JH_PDF_LEFT}};
		char org[160] = "—", grades[JH_NUMBER_MAX], central[200] = "";
		const char *loc = jh_location_name(sy->location, lang);
		const char *c[4];
		if (!isnan(sy->v[JH_F_ORGANISER]) && *jh_organiser_name((int)sy->v[JH_F_ORGANISER], lang))
			snprintf(org, sizeof org, "%s", jh_organiser_name((int)sy->v[JH_F_ORGANISER], lang));
		count_text(sy->v[JH_F_GRADES], grades);
		/* A teaching point's central school, by its name in the year. */
		for (size_t i = 0; sy->parent_code[0] && !central[0] && i < jh_dataset_count(cd.L.ds); i++) {
			const jh_school_year *r = jh_dataset_row(cd.L.ds, i);
			if (r->year == rq->year && !strcmp(r->school_code, sy->parent_code))
				snprintf(central, sizeof central, "%s %s", r->school_code,
				         r->school_name ? r->school_name : "");
		}
		if (!central[0])
			snprintf(central, sizeof central, "%s", sy->parent_code);
		jhPdfTableBegin(p, en ? cols_en : cols_zh, 4);
		c[0] = en ? "School code" : "学校代码";
		c[1] = sy->school_code;
		c[2] = en ? "Type" : "办学类型";
		c[3] = jh_school_type_name(sy->type, lang);
		jhPdfTableRow(p, c, 0, 0);
		c[0] = en ? "Location" : "城乡类型";
		c[1] = *loc ? loc : "—";
		c[2] = en ? "Organiser" : "举办者类型";
		c[3] = org;
		jhPdfTableRow(p, c, 0, 0);
		c[0] = en ? "Grades" : "年级数";
		c[1] = grades;
		c[2] = sy->parent_code[0] ? (en ? "Central school" : "所属中心校")
		                          : (en ? "Boarding" : "寄宿制");
		c[3] = sy->parent_code[0] ? central :
		       sy->boarding == 1 ? (en ? "yes" : "是") :
		       sy->boarding == 0 ? (en ? "no" : "否") : "—";
		jhPdfTableRow(p, c, 0, 0);
		jhPdfTableEnd(p);
	}

	/* Pupils and classes per stage. */
	{
		static const jhPdfCol cols_zh[] = {
			{"学段", 30, JH_PDF_LEFT}, {"在校生数", 35, JH_PDF_RIGHT},
			{"班级数", 35, JH_PDF_RIGHT}, {"最大班额", 35, JH_PDF_RIGHT},
			{"专任教师数", 35, JH_PDF_RIGHT}};
		static const jhPdfCol cols_en[] = {
			{"Stage", 30, JH_PDF_LEFT}, {"Pupils", 35, JH_PDF_RIGHT},
			{"Classes", 35, JH_PDF_RIGHT}, {"Largest class", 35, JH_PDF_RIGHT},
			{"Full-time teachers", 35, JH_PDF_RIGHT}};
		static const jh_field f[2][4] = {
			{JH_F_STUDENTS_PRIMARY, JH_F_CLASSES_PRIMARY, JH_F_LARGEST_CLASS_PRIMARY,
			 JH_F_TEACHERS_PRIMARY},
			{JH_F_STUDENTS_JUNIOR, JH_F_CLASSES_JUNIOR, JH_F_LARGEST_CLASS_JUNIOR,
			 JH_F_TEACHERS_JUNIOR}};
		jhPdfTableBegin(p, en ? cols_en : cols_zh, 5);
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			char v[4][JH_NUMBER_MAX];
			const char *c[5];
			if (!(sy->v[f[st][0]] > 0))
				continue;
			c[0] = stage_word(st, lang);
			for (int k = 0; k < 4; k++) {
				count_text(sy->v[f[st][k]], v[k]);
				c[k + 1] = v[k];
			}
			jhPdfTableRow(p, c, 0, 0);
		}
		if (sy->v[JH_F_STUDENTS_SENIOR] > 0) {
			char v[JH_NUMBER_MAX];
			const char *c[5];
			count_text(sy->v[JH_F_STUDENTS_SENIOR], v);
			c[0] = en ? "senior secondary" : "高中";
			c[1] = v;
			c[2] = c[3] = c[4] = "—";
			jhPdfTableRow(p, c, 0, 0);
		}
		jhPdfTableEnd(p);
	}

	/* The seven indicators: a column group per evaluated stage. */
	if (neval) {
		jhPdfCol cols[1 + 3 * JH_STAGE__COUNT];
		char heads[JH_STAGE__COUNT][3][64];
		const jh_unit *ev[JH_STAGE__COUNT];
		jhPdfBar bars[JH_STAGE__COUNT * JH_IND__COUNT];
		char labels[JH_STAGE__COUNT * JH_IND__COUNT][96];
		size_t ncols = 1, nev = 0, nbars = 0;
		cols[0].head = en ? "Resource indicator" : "资源配置指标";
		cols[0].width_mm = neval > 1 ? 56 : 80;
		cols[0].align = JH_PDF_LEFT;
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			if (!units[st] || units[st]->status != JH_UNIT_EVALUATED)
				continue;
			ev[nev++] = units[st];
			snprintf(heads[st][0], 64, en ? "%s: school" : "%s 本校", stage_word(st, lang));
			snprintf(heads[st][1], 64, en ? "%s: standard" : "%s 标准值", stage_word(st, lang));
			snprintf(heads[st][2], 64, en ? "%s: result" : "%s 结论", stage_word(st, lang));
			for (int k = 0; k < 3; k++) {
				cols[ncols].head = heads[st][k];
				cols[ncols].width_mm = neval > 1 ? 19 : 30;
				cols[ncols].align = k == 2 ? JH_PDF_CENTER : JH_PDF_RIGHT;
				ncols++;
			}
		}
		jhPdfTableBegin(p, cols, ncols);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			char name[300], val[JH_STAGE__COUNT][JH_NUMBER_MAX], th[JH_STAGE__COUNT][JH_NUMBER_MAX];
			const char *c[1 + 3 * JH_STAGE__COUNT];
			unsigned mask = 0;
			int money = i == JH_IND_EQUIPMENT;
			if (en)
				snprintf(name, sizeof name, "%s", name_en[i]);
			else
				snprintf(name, sizeof name, "%s(%s)", jh_indicator_name((jh_indicator)i, lang),
				         jh_indicator_unit((jh_indicator)i, lang));
			c[0] = name;
			for (size_t e = 0; e < nev; e++) {
				const jh_unit *u = ev[e];
				double thr = std->threshold[u->stage][i];
				int met = jh_at_least(std, u->value[i], thr);
				int floor_ok = jh_at_least(std, u->value[i], thr * std->school_floor_ratio);
				if (money) {
					jhGrouped(u->value[i], 2, val[e]);
					jhGrouped(thr, thr == floor(thr) ? 0 : 2, th[e]);
				} else {
					jhFixed(u->value[i], 2, val[e]);
					snprintf(th[e], JH_NUMBER_MAX, "%g", thr);
				}
				c[1 + 3 * e] = val[e];
				c[2 + 3 * e] = th[e];
				c[3 + 3 * e] = met ? (en ? "meets" : "达标") : floor_ok ? (en ? "short" : "未达标")
				                                             : (en ? "under 85%" : "低于85%");
				if (!met)
					mask |= 1u << (1 + 3 * e) | 1u << (3 + 3 * e);
				snprintf(labels[nbars], sizeof labels[nbars], nev > 1 ? "%s %s" : "%.0s%s",
				         u->stage == JH_STAGE_PRIMARY ? JH_L(lang, "小学", "Pri.")
				                                      : JH_L(lang, "初中", "Jun."),
				         jh_indicator_short((jh_indicator)i, lang));
				bars[nbars].label = labels[nbars];
				bars[nbars].value = thr > 0 ? u->value[i] / thr * 100 : NAN;
				bars[nbars].limit = 100;
				bars[nbars].fail = !met;
				nbars++;
			}
			jhPdfTableRow(p, c, mask, 0);
		}
		jhPdfTableEnd(p);
		jhPdfBarChart(p, en ? "Each indicator as % of its standard value (dashed: 100%)"
		                    : "各项指标占标准值的百分比(虚线为标准值 100%)",
		              bars, nbars, 36);
	}

	/* The per-school rule, unit by unit. */
	jh_buf_reset(&t);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_unit *u = units[st];
		if (!u)
			continue;
		if (u->status != JH_UNIT_EVALUATED) {
			const char *why =
				u->status == JH_UNIT_EXCLUDED_SMALL_TP ? (en ? "a teaching point under the minimum pupils, not evaluated on its own"
				                                             : "教学点在校生不足规定人数,不单独参与评估") :
				u->status == JH_UNIT_EXCLUDED_TP ? (en ? "teaching points are left out by the standard"
				                                       : "按标准规定教学点不参与评估") :
				u->status == JH_UNIT_MERGED ? (en ? "merged into its central school's unit"
				                                  : "并入所属中心校参与评估") :
				(en ? "no pupils in this stage" : "该学段无在校生");
			jh_buf_addf(&t, en ? "%s%s: %s." : "%s%s:%s。", t.len ? (en ? " " : "") : "",
			            stage_word(st, lang), why);
			continue;
		}
		if (en)
			jh_buf_addf(&t, "%s%s: %d of %d indicators meet the standard, %d under 85%% of it; "
			                "the school %s the rule (at least %d met, the others at 85%% or over).",
			            t.len ? " " : "", stage_word(st, lang), u->met, JH_IND__COUNT,
			            u->below_floor, u->passes ? "meets" : "does not meet", std->school_min_met);
		else
			jh_buf_addf(&t, "%s段:%d 项指标中 %d 项达到标准,%d 项低于标准值的 85%%,"
			                "%s单校要求(至少 %d 项达标,其余不低于 85%%)。",
			            stage_word(st, lang), JH_IND__COUNT, u->met, u->below_floor,
			            u->passes ? "符合" : "不符合", std->school_min_met);
	}
	if (!nunits)
		jh_buf_adds(&t, en ? "The school has no unit in the evaluation." : "该校未参与资源配置评估。");
	para(p, &t);

	/* Verdict items that concern single schools. */
	{
		static const jhPdfCol cols_zh[] = {
			{"涉及本校的评估项目", 36, JH_PDF_LEFT}, {"本校情况", 78, JH_PDF_LEFT},
			{"要求", 38, JH_PDF_LEFT}, {"结论", 18, JH_PDF_CENTER}};
		static const jhPdfCol cols_en[] = {
			{"Standard items concerning the school", 36, JH_PDF_LEFT},
			{"This school", 78, JH_PDF_LEFT}, {"Required", 38, JH_PDF_LEFT},
			{"Result", 18, JH_PDF_CENTER}};
		static const char *const ids[] = {"guarantee.4", "guarantee.5", "guarantee.3", "quality.4"};
		double classes = (isnan(sy->v[JH_F_CLASSES_PRIMARY]) ? 0 : sy->v[JH_F_CLASSES_PRIMARY]) +
		                 (isnan(sy->v[JH_F_CLASSES_JUNIOR]) ? 0 : sy->v[JH_F_CLASSES_JUNIOR]);
		jhPdfTableBegin(p, en ? cols_en : cols_zh, 4);
		for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
			const jh_verdict_item *it = item_of(&cd.verdict, ids[k]);
			char fig[400], a[JH_NUMBER_MAX], b[JH_NUMBER_MAX], c2[JH_NUMBER_MAX], e2[JH_NUMBER_MAX];
			const char *c[4];
			int st;
			if (!it)
				continue;
			st = school_status(it, sy->school_code);
			switch (k) {
			case 0:
				count_text(sy->v[JH_F_STUDENTS_PRIMARY] + sy->v[JH_F_STUDENTS_JUNIOR], a);
				snprintf(fig, sizeof fig, en ? "%s pupils in the compulsory stages"
				                             : "义务教育阶段在校生 %s 人", a);
				break;
			case 1: {
				size_t n = 0;
				fig[0] = 0;
				for (int s2 = 0; s2 < JH_STAGE__COUNT; s2++) {
					jh_field fs = s2 ? JH_F_STUDENTS_JUNIOR : JH_F_STUDENTS_PRIMARY;
					jh_field fl = s2 ? JH_F_LARGEST_CLASS_JUNIOR : JH_F_LARGEST_CLASS_PRIMARY;
					if (!(sy->v[fs] > 0))
						continue;
					count_text(sy->v[fl], a);
					n += (size_t)snprintf(fig + n, n < sizeof fig ? sizeof fig - n : 0,
					                      en ? "%slargest %s class %s" : "%s%s最大班额 %s 人",
					                      n ? (en ? "; " : ";") : "",
					                      jh_stage_name((jh_stage)s2, lang), a);
				}
				break;
			}
			case 2:
				if (sy->type == JH_TYPE_TEACHING_POINT) {
					snprintf(fig, sizeof fig, en ? "teaching point: not concerned" : "教学点,不适用");
					st = 0;
					break;
				}
				count_text(classes, a);
				count_text(sy->v[JH_F_MUSIC_ROOMS], b);
				count_text(sy->v[JH_F_ART_ROOMS], c2);
				count_text(sy->v[JH_F_ART_ROOM_MIN_AREA], e2);
				{
					char m2[JH_NUMBER_MAX];
					count_text(sy->v[JH_F_MUSIC_ROOM_MIN_AREA], m2);
					snprintf(fig, sizeof fig,
					         en ? "%s classes; %s music rooms (smallest %s m²), %s art rooms "
					              "(smallest %s m²)"
					            : "%s 个班;音乐教室 %s 间(最小 %s ㎡),美术教室 %s 间(最小 %s ㎡)",
					         a, b, m2, c2, e2);
				}
				break;
			default:
				if (isnan(sy->v[JH_F_TRAINING_FUNDS]) || isnan(sy->v[JH_F_PUBLIC_FUNDS]) ||
				    !(sy->v[JH_F_PUBLIC_FUNDS] > 0)) {
					snprintf(fig, sizeof fig, en ? "not reported" : "未填报");
					break;
				}
				jhGrouped(sy->v[JH_F_TRAINING_FUNDS], 0, a);
				jhGrouped(sy->v[JH_F_PUBLIC_FUNDS], 0, b);
				if (!en)
					snprintf(fig, sizeof fig, "教师培训经费 %s 元,占公用经费 %s 元的 %.2f%%", a, b,
					         sy->v[JH_F_TRAINING_FUNDS] / sy->v[JH_F_PUBLIC_FUNDS] * 100);
				else
					snprintf(fig, sizeof fig, "training funds %s yuan, %.2f%% of public funds %s yuan",
					         a, sy->v[JH_F_TRAINING_FUNDS] / sy->v[JH_F_PUBLIC_FUNDS] * 100, b);
			}
			c[0] = en ? (it->label_en[0] ? it->label_en : it->name_en)
			          : (it->label_zh[0] ? it->label_zh : it->name_zh);
			c[1] = fig;
			c[2] = en ? it->threshold_text_en : it->threshold_text_zh;
			c[3] = status_words(st, lang);
			jhPdfTableRow(p, c, st == 1 ? 0xAu : 0u, 0);
		}
		/* Any other item naming the school (not its own per-school rule,
		 * stated above). */
		for (size_t i = 0; i < cd.verdict.count; i++) {
			const jh_verdict_item *it = &cd.verdict.items[i];
			const char *c[4];
			int listed = 0;
			for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
				listed |= !strcmp(it->id, ids[k]);
			if (listed || !strncmp(it->id, "resource.school.", 16) ||
			    !strstr(it->detail, sy->school_code))
				continue;
			c[0] = en ? it->name_en : it->name_zh;
			c[1] = jh_verdict_item_value(it, lang);
			c[2] = en ? it->threshold_text_en : it->threshold_text_zh;
			c[3] = status_words(it->status == JH_ITEM_FAIL ? 1 : 0, lang);
			jhPdfTableRow(p, c, it->status == JH_ITEM_FAIL ? 0xAu : 0u, 0);
		}
		jhPdfTableEnd(p);
	}
	if (t.oom)
		rc = JH_ERR_NOMEM;
	if (!rc) {
		rc = jhPdfFinish(p, out, d);
		p = NULL;
	}
done:
	if (p)
		jhPdfFree(p);
	jh_buf_free(&t);
	jhCountyDataFree(&cd);
	return rc;
}
