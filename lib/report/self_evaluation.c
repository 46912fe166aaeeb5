/*
** self_evaluation.c — the county's self-evaluation report (自评报告), PDF.
**
** What a county office files with its application: the verdict of the
** county-year in plain words first, then the standard's four parts in
** its order, the creation plan and the ledger, and the problems with
** their measures:
**
**   title page    义务教育优质均衡发展自评报告, the county's full name and
**                 year, the issuing office (云岭县人民政府教育督导室), the
**                 date generated;
**   自评结论       the verdict in one sentence (按国家标准，本县 2024 年度
**                 尚未达到…，共有 10 项未达标…), the items per part, the
**                 prerequisite and veto items;
**   一、资源配置   per stage the seven coefficients against their limit
**                 (a table and a bar chart), then the schools failing the
**                 per-school rule with their indicators under threshold;
**   二、三、四     政府保障程度, 教育质量, 社会认可度: every item of the
**                 part with its value, requirement and status (社会认可度
**                 also per respondent group);
**   五、创建规划   the plan's milestones met, missed, due (jh_creation_
**                 milestones), or plainly that there is no plan;
**   六、整改台账   the county's ledger items by status, the overdue ones
**                 listed;
**   七、问题与措施 every failing item with its figure, requirement, how far
**                 it is off, and the measures its ledger items record (or
**                 that none is recorded); items without data after them.
**
** Everything comes from jhCountyDataLoad (the verdict `junheng verdict`
** gives), the county's coefficients in the earlier years (a line chart per
** stage under its table, when there are two years or more), the creation plan and the ledger as the caller may read them;
** the report decides nothing itself.  Numbers: coefficients with three
** decimals, means and indicator values with two (reference §10's form
** decimals), percentages with two as the verdict shows them.
*/
#include "report_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parts of the verdict in the order the report speaks of them. */
static const struct part {
	const char *key, *zh, *en;
} PARTS[] = {
	{"prerequisite", "申报条件", "Prerequisites"},
	{"resource", "资源配置", "Resource allocation"},
	{"guarantee", "政府保障程度", "Government guarantee"},
	{"quality", "教育质量", "Education quality"},
	{"recognition", "社会认可度", "Social recognition"},
	{"veto", "一票否决", "Veto items"},
};
#define NPARTS (sizeof PARTS / sizeof PARTS[0])

typedef struct se {
	jh_store *s;
	const jh_user *who;
	const jh_report_request *rq;
	const char *lang;
	jhCountyData cd;
	jhPdf *p;
	jh_day today;
	jhLoaded years;               /* the county in every year up to rq->year:
	                                 the coefficients' trend */
	jh_ledger_item *ledger;       /* the county's items (all years) */
	size_t nledger;
	jh_buf t;                     /* scratch text */
} se;

#define L(zh, en) JH_L(x->lang, zh, en)

static const char *status_word(const se *x, jh_item_status st)
{
	return st == JH_ITEM_PASS ? L("达标", "pass") :
	       st == JH_ITEM_FAIL ? L("未达标", "fails") : L("缺少数据", "no data");
}

static const char *item_name(const se *x, const jh_verdict_item *it)
{
	if (x->lang[0] == 'e')
		return it->label_en[0] ? it->label_en : it->name_en;
	return it->label_zh[0] ? it->label_zh : it->name_zh;
}

static const char *item_requirement(const se *x, const jh_verdict_item *it)
{
	const char *r = x->lang[0] == 'e' ? it->threshold_text_en : it->threshold_text_zh;

	return *r ? r : it->threshold_text[0] ? it->threshold_text : "—";
}

static const char *item_detail(const se *x, const jh_verdict_item *it)
{
	return x->lang[0] == 'e' ? it->detail_en : it->detail_zh;
}

/* The scratch buffer emptied, then formatted. */
static const char *tf(se *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static const char *tf(se *x, const char *fmt, ...)
{
	va_list ap;

	jh_buf_reset(&x->t);
	va_start(ap, fmt);
	jh_buf_vaddf(&x->t, fmt, ap);
	va_end(ap);
	return x->t.data ? x->t.data : "";
}

static void count_part(const jh_verdict *v, const char *part, size_t *n,
                       size_t *pass, size_t *fail, size_t *miss)
{
	*n = *pass = *fail = *miss = 0;
	for (size_t i = 0; i < v->count; i++) {
		if (strcmp(v->items[i].part, part))
			continue;
		(*n)++;
		if (v->items[i].status == JH_ITEM_PASS)
			(*pass)++;
		else if (v->items[i].status == JH_ITEM_FAIL)
			(*fail)++;
		else
			(*miss)++;
	}
}

/* --- the title page and the verdict ----------------------------------- */

static void title_page(se *x)
{
	const jhCountyData *cd = &x->cd;
	char sub[256], office[256], date[64];
	const char *lines[2] = {office, date};
	int y = 0, mo = 0, d = 0;

	sscanf(cd->generated, "%d-%d-%d", &y, &mo, &d);
	if (x->lang[0] == 'e') {
		snprintf(sub, sizeof sub, "%s · %d", cd->title, x->rq->year);
		if (cd->county_name[0])
			snprintf(office, sizeof office,
			         "Education Supervision Office of the People's Government of %s",
			         cd->county_name);
		else
			snprintf(office, sizeof office,
			         "Education Supervision Office of the county People's Government");
		snprintf(date, sizeof date, "Generated on %s", cd->generated);
		jhPdfTitlePage(x->p, "Self-evaluation report on high-quality balanced "
		               "compulsory education", sub, lines, 2);
	} else {
		snprintf(sub, sizeof sub, "%s %d 年度", cd->full_name[0] ? cd->full_name : cd->title,
		         x->rq->year);
		snprintf(office, sizeof office, "%s人民政府教育督导室",
		         cd->county_name[0] ? cd->county_name : "县(市、区)");
		snprintf(date, sizeof date, "%d年%d月%d日", y, mo, d);
		jhPdfTitlePage(x->p, "义务教育优质均衡发展自评报告", sub, lines, 2);
	}
}

static void verdict_section(se *x)
{
	const jh_verdict *v = &x->cd.verdict;
	jh_standard nat;
	int national;
	size_t nfail = 0, nmiss = 0;
	jh_buf parts = JH_BUF_INIT;
	static const jhPdfCol cols[] = {
		{"方面", 60, JH_PDF_LEFT}, {"评估项数", 27, JH_PDF_RIGHT},
		{"达标", 27, JH_PDF_RIGHT}, {"未达标", 27, JH_PDF_RIGHT},
		{"缺少数据", 27, JH_PDF_RIGHT},
	};
	static const jhPdfCol cols_en[] = {
		{"Part", 60, JH_PDF_LEFT}, {"Items", 27, JH_PDF_RIGHT},
		{"Pass", 27, JH_PDF_RIGHT}, {"Fail", 27, JH_PDF_RIGHT},
		{"No data", 27, JH_PDF_RIGHT},
	};

	/* "按国家标准" when the evaluation's standard is the built-in national
	 * one (the server passes it explicitly, the CLI as NULL) */
	national = !jh_standard_national(&nat, NULL) && !strcmp(nat.id, x->cd.L.std.id);
	for (size_t k = 0; k < NPARTS; k++) {
		size_t n, pass, fail, miss;

		count_part(v, PARTS[k].key, &n, &pass, &fail, &miss);
		nfail += fail;
		nmiss += miss;
		if (fail)
			jh_buf_addf(&parts, x->lang[0] == 'e' ? "%s%s %zu" : "%s%s %zu 项",
			            parts.len ? L("、", ", ") : "",
			            x->lang[0] == 'e' ? PARTS[k].en : PARTS[k].zh, fail);
	}
	jhPdfHeading(x->p, 1, L("自评结论", "Overall verdict"));
	jh_buf_reset(&x->t);
	if (x->lang[0] == 'e') {
		jh_buf_addf(&x->t, national ? "Under the national standard" :
		            "Under the standard %s", x->cd.L.std.name_en);
		if (v->verdict == JH_VERDICT_PASS)
			jh_buf_addf(&x->t, ", the county reaches high-quality balanced compulsory "
			            "education in %d: all %zu items pass.", x->rq->year, v->count);
		else if (v->verdict == JH_VERDICT_FAIL)
			jh_buf_addf(&x->t, ", the county has not yet reached high-quality balanced "
			            "compulsory education in %d: %zu item%s fail (%s).", x->rq->year,
			            nfail, nfail == 1 ? "" : "s", parts.data ? parts.data : "");
		else
			jh_buf_addf(&x->t, ", the evaluation of %d is not complete: %zu item%s "
			            "lack data, so no verdict can be given yet", x->rq->year, nmiss,
			            nmiss == 1 ? "" : "s");
		if (v->verdict == JH_VERDICT_INCOMPLETE)
			jh_buf_addf(&x->t, nfail ? "; of the items judged, %zu fail (%s)." : ".",
			            nfail, parts.data ? parts.data : "");
		else if (nmiss)
			jh_buf_addf(&x->t, " %zu more item%s lack data.", nmiss, nmiss == 1 ? "" : "s");
	} else {
		if (national)
			jh_buf_adds(&x->t, "按国家标准");
		else
			jh_buf_addf(&x->t, "按%s", x->cd.L.std.name_zh);
		if (v->verdict == JH_VERDICT_PASS)
			jh_buf_addf(&x->t, "，本县 %d 年度达到县域义务教育优质均衡发展要求，"
			            "评估的 %zu 项全部达标。", x->rq->year, v->count);
		else if (v->verdict == JH_VERDICT_FAIL)
			jh_buf_addf(&x->t, "，本县 %d 年度尚未达到县域义务教育优质均衡发展要求，"
			            "共有 %zu 项未达标(%s)。", x->rq->year, nfail,
			            parts.data ? parts.data : "");
		else
			jh_buf_addf(&x->t, "，本县 %d 年度的评估尚不完整：%zu 项缺少数据，暂不能作出结论",
			            x->rq->year, nmiss);
		if (v->verdict == JH_VERDICT_INCOMPLETE)
			jh_buf_addf(&x->t, nfail ? "；已判定的项目中有 %zu 项未达标(%s)。" : "。",
			            nfail, parts.data ? parts.data : "");
		else if (nmiss)
			jh_buf_addf(&x->t, "另有 %zu 项缺少数据。", nmiss);
	}
	jhPdfPara(x->p, x->t.data);
	jh_buf_free(&parts);

	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 5);
	for (size_t k = 0; k < NPARTS; k++) {
		size_t n, pass, fail, miss;
		char c[4][24];
		const char *cells[5] = {x->lang[0] == 'e' ? PARTS[k].en : PARTS[k].zh,
		                        c[0], c[1], c[2], c[3]};

		count_part(v, PARTS[k].key, &n, &pass, &fail, &miss);
		snprintf(c[0], sizeof c[0], "%zu", n);
		snprintf(c[1], sizeof c[1], "%zu", pass);
		snprintf(c[2], sizeof c[2], "%zu", fail);
		snprintf(c[3], sizeof c[3], "%zu", miss);
		jhPdfTableRow(x->p, cells, fail ? 1u << 3 : 0, 0);
	}
	jhPdfTableEnd(x->p);
}

/* Every item of a part: value, requirement, status (failing cells red). */
static void items_table(se *x, const char *part)
{
	static const jhPdfCol cols[] = {
		{"序号", 11, JH_PDF_CENTER}, {"评估内容", 77, JH_PDF_LEFT},
		{"实际", 34, JH_PDF_LEFT}, {"要求", 32, JH_PDF_LEFT},
		{"结论", 16, JH_PDF_CENTER},
	};
	static const jhPdfCol cols_en[] = {
		{"No.", 11, JH_PDF_CENTER}, {"Item", 77, JH_PDF_LEFT},
		{"Value", 34, JH_PDF_LEFT}, {"Requirement", 32, JH_PDF_LEFT},
		{"Status", 16, JH_PDF_CENTER},
	};
	const jh_verdict *v = &x->cd.verdict;
	size_t k = 0;

	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 5);
	for (size_t i = 0; i < v->count; i++) {
		const jh_verdict_item *it = &v->items[i];
		char no[16];
		const char *cells[5];

		if (strcmp(it->part, part))
			continue;
		snprintf(no, sizeof no, "%zu", ++k);
		cells[0] = no;
		cells[1] = x->lang[0] == 'e' ? it->name_en : it->name_zh;
		cells[2] = jh_verdict_item_value(it, x->lang);
		cells[3] = item_requirement(x, it);
		cells[4] = status_word(x, it->status);
		jhPdfTableRow(x->p, cells, it->status == JH_ITEM_FAIL ? (1u << 2 | 1u << 4) : 0, 0);
	}
	jhPdfTableEnd(x->p);
}

/* "政府保障程度共 15 项，达标 13 项，未达标 2 项。" */
static void part_summary(se *x, const char *part, const char *zh, const char *en)
{
	size_t n, pass, fail, miss;

	count_part(&x->cd.verdict, part, &n, &pass, &fail, &miss);
	if (x->lang[0] == 'e')
		tf(x, "%s: %zu items, %zu pass, %zu fail%s.", en, n, pass, fail,
		   miss ? ", some without data" : "");
	else
		tf(x, "%s共 %zu 项，达标 %zu 项，未达标 %zu 项%s。", zh, n, pass, fail,
		   miss ? "，部分项目缺少数据" : "");
	if (miss) {
		jh_buf_reset(&x->t);
		if (x->lang[0] == 'e')
			jh_buf_addf(&x->t, "%s: %zu items, %zu pass, %zu fail, %zu without data.",
			            en, n, pass, fail, miss);
		else
			jh_buf_addf(&x->t, "%s共 %zu 项，达标 %zu 项，未达标 %zu 项，缺少数据 %zu 项。",
			            zh, n, pass, fail, miss);
	}
	jhPdfPara(x->p, x->t.data);
}

/* --- 一、资源配置 -------------------------------------------------------- */

static const char *const CN_ORDINAL[] = {"一", "二", "三", "四", "五", "六", "七", "八"};

static void stage_coefficients(se *x, jh_stage st, int *sub)
{
	const jh_county_result *cr = &x->cd.L.res->counties[x->cd.county];
	const jh_stage_result *sr = &cr->stage[st];
	const double limit = x->cd.L.std.cv_limit[st];
	static const jhPdfCol cols[] = {
		{"指标", 66, JH_PDF_LEFT}, {"单位", 18, JH_PDF_CENTER},
		{"全县平均值", 24, JH_PDF_RIGHT}, {"差异系数", 22, JH_PDF_RIGHT},
		{"限值", 18, JH_PDF_RIGHT}, {"结论", 18, JH_PDF_CENTER},
	};
	static const jhPdfCol cols_en[] = {
		{"Indicator", 66, JH_PDF_LEFT}, {"Unit", 18, JH_PDF_CENTER},
		{"County mean", 24, JH_PDF_RIGHT}, {"Coefficient", 22, JH_PDF_RIGHT},
		{"Limit", 18, JH_PDF_RIGHT}, {"Status", 18, JH_PDF_CENTER},
	};
	jhPdfBar bars[JH_IND__COUNT];
	jh_buf over = JH_BUF_INIT;
	size_t nover = 0;
	char title[200];

	for (int i = 0; i < JH_IND__COUNT; i++)
		if (!sr->cv_pass[i]) {
			nover++;
			jh_buf_addf(&over, "%s%s %.3f", over.len ? L("；", "; ") : "",
			            jh_indicator_name((jh_indicator)i, x->lang), sr->cv[i]);
		}
	if (x->lang[0] == 'e') {
		snprintf(title, sizeof title, "(%d) %s: coefficients of variation between schools",
		         *sub + 1, st == JH_STAGE_PRIMARY ? "Primary" : "Junior secondary");
		jhPdfHeading(x->p, 2, title);
		if (nover)
			tf(x, "%zu %s schools (or school sections) are evaluated, with %.0f pupils. "
			   "%zu of the seven coefficients are above the limit of %.2f: %s.",
			   sr->schools, jh_stage_name(st, "en"), sr->students, nover, limit, over.data);
		else
			tf(x, "%zu %s schools (or school sections) are evaluated, with %.0f pupils. "
			   "All seven coefficients are within the limit of %.2f.",
			   sr->schools, jh_stage_name(st, "en"), sr->students, limit);
	} else {
		snprintf(title, sizeof title, "（%s）%s校际差异系数", CN_ORDINAL[*sub],
		         jh_stage_name(st, "zh"));
		jhPdfHeading(x->p, 2, title);
		if (nover)
			tf(x, "全县%s参评学校(学段)%zu 个，在校生 %.0f 人。七项指标校际差异系数中有 %zu 项"
			   "高于限值 %.2f：%s。", jh_stage_name(st, "zh"), sr->schools, sr->students,
			   nover, limit, over.data);
		else
			tf(x, "全县%s参评学校(学段)%zu 个，在校生 %.0f 人。七项指标校际差异系数均不高于"
			   "限值 %.2f，全部达标。", jh_stage_name(st, "zh"), sr->schools, sr->students,
			   limit);
	}
	jh_buf_free(&over);
	(*sub)++;
	jhPdfPara(x->p, x->t.data);

	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 6);
	for (int i = 0; i < JH_IND__COUNT; i++) {
		char mean[32], cv[32], lim[32];
		const char *cells[6] = {jh_indicator_name((jh_indicator)i, x->lang),
		                        jh_indicator_unit((jh_indicator)i, x->lang), mean, cv, lim,
		                        sr->cv_pass[i] ? L("达标", "pass") : L("未达标", "fails")};

		snprintf(mean, sizeof mean, "%.2f", sr->mean[i]);
		if (isfinite(sr->cv[i]))
			snprintf(cv, sizeof cv, "%.3f", sr->cv[i]);
		else
			snprintf(cv, sizeof cv, "—");
		snprintf(lim, sizeof lim, "%.2f", limit);
		jhPdfTableRow(x->p, cells, sr->cv_pass[i] ? 0 : (1u << 3 | 1u << 5), 0);
		bars[i].label = jh_indicator_short((jh_indicator)i, x->lang);
		bars[i].value = sr->cv[i];
		bars[i].limit = limit;
		bars[i].fail = !sr->cv_pass[i];
	}
	{
		/* 综合: the plain mean of the seven, shown only; its status says
		 * how many of the seven fail. */
		char cv[32], lim[32], st[48];
		const char *cells[6] = {L("综合差异系数(七项平均)", "Overall (mean of the seven)"),
		                        "", "", cv, lim, st};

		if (sr->all_cv_pass)
			snprintf(st, sizeof st, "%s", L("全部达标", "all pass"));
		else
			snprintf(st, sizeof st, x->lang[0] == 'e' ? "%zu fail" : "%zu 项未达标", nover);
		snprintf(cv, sizeof cv, "%.3f", sr->cv_mean);
		snprintf(lim, sizeof lim, "%.2f", limit);
		jhPdfTableRow(x->p, cells, sr->all_cv_pass ? 0 : 1u << 5, JH_PDF_ROW_BOLD);
	}
	jhPdfTableEnd(x->p);
	if (x->lang[0] == 'e')
		snprintf(title, sizeof title, "%s: coefficients of variation against the limit",
		         st == JH_STAGE_PRIMARY ? "Primary" : "Junior secondary");
	else
		snprintf(title, sizeof title, "%s各项指标校际差异系数与限值", jh_stage_name(st, "zh"));
	jhPdfBarChart(x->p, title, bars, JH_IND__COUNT, 68);
}

/* The stage's seven coefficients over the years up to rq->year (at most
 * the last ten with schools in the stage), one line each with the limit
 * dashed: drawn only when there are two years or more to compare. */
#define TREND_YEARS 10
static void stage_trend(se *x, jh_stage st)
{
	const jh_result *r = x->years.res;
	const jh_county_result *cy[TREND_YEARS];
	char labels[TREND_YEARS][8], title[200];
	const char *xl[TREND_YEARS];
	double y[JH_IND__COUNT][TREND_YEARS];
	jhPdfSeries series[JH_IND__COUNT];
	size_t n = 0;

	/* r->counties is sorted by code, then year: keep the last ten. */
	for (size_t i = 0; r && i < r->ncounties; i++) {
		const jh_county_result *c = &r->counties[i];
		if (strcmp(c->county_code, x->rq->area) || c->year > x->rq->year ||
		    !c->stage[st].schools)
			continue;
		if (n == TREND_YEARS) {
			memmove(cy, cy + 1, (TREND_YEARS - 1) * sizeof *cy);
			n--;
		}
		cy[n++] = c;
	}
	if (n < 2)
		return;
	for (size_t k = 0; k < n; k++) {
		snprintf(labels[k], sizeof labels[k], "%d", cy[k]->year);
		xl[k] = labels[k];
		for (int i = 0; i < JH_IND__COUNT; i++)
			y[i][k] = cy[k]->stage[st].cv[i];
	}
	for (int i = 0; i < JH_IND__COUNT; i++) {
		series[i].name = jh_indicator_short((jh_indicator)i, x->lang);
		series[i].y = y[i];
	}
	if (x->lang[0] == 'e')
		snprintf(title, sizeof title, "%s: coefficients of variation, %d-%d",
		         st == JH_STAGE_PRIMARY ? "Primary" : "Junior secondary",
		         cy[0]->year, cy[n - 1]->year);
	else
		snprintf(title, sizeof title, "%s各项指标校际差异系数变化(%d—%d 年)",
		         jh_stage_name(st, "zh"), cy[0]->year, cy[n - 1]->year);
	jhPdfLineChart(x->p, title, xl, n, series, JH_IND__COUNT,
	               x->cd.L.std.cv_limit[st], 68);
}

/* The units (school stages) of the county failing the 6-of-7 / 85% rule. */
static void failing_schools(se *x, int *sub)
{
	const jh_result *r = x->cd.L.res;
	const jh_county_result *cr = &r->counties[x->cd.county];
	const jh_standard *std = &x->cd.L.std;
	static const jhPdfCol cols[] = {
		{"序号", 10, JH_PDF_CENTER}, {"学校", 42, JH_PDF_LEFT},
		{"学段", 12, JH_PDF_CENTER}, {"在校生", 15, JH_PDF_RIGHT},
		{"达标指标数", 17, JH_PDF_CENTER}, {"未达标的指标(实际值 < 标准值)", 74, JH_PDF_LEFT},
	};
	static const jhPdfCol cols_en[] = {
		{"No.", 10, JH_PDF_CENTER}, {"School", 42, JH_PDF_LEFT},
		{"Stage", 12, JH_PDF_CENTER}, {"Pupils", 15, JH_PDF_RIGHT},
		{"Indicators met", 17, JH_PDF_CENTER}, {"Indicators under threshold (value < threshold)", 74, JH_PDF_LEFT},
	};
	size_t n = 0, pass = 0, k = 0;
	char title[160];

	for (size_t u = cr->first_unit; u < cr->first_unit + cr->nunits; u++)
		if (r->units[u].status == JH_UNIT_EVALUATED) {
			n++;
			pass += r->units[u].passes != 0;
		}
	if (x->lang[0] == 'e')
		snprintf(title, sizeof title, "(%d) Schools against the per-school rule", *sub + 1);
	else
		snprintf(title, sizeof title, "（%s）学校达标情况", CN_ORDINAL[*sub]);
	(*sub)++;
	jhPdfHeading(x->p, 2, title);
	if (x->lang[0] == 'e')
		tf(x, "Of the county's %zu schools (or school sections) evaluated, %zu meet the "
		   "per-school rule (at least %d of the seven indicators at their threshold, the "
		   "others at %.0f%% of it or more) and %zu do not%s", n, pass, std->school_min_met,
		   std->school_floor_ratio * 100, n - pass, n - pass ? ":" : ".");
	else
		tf(x, "全县参评学校(学段)%zu 个，其中 %zu 个达到单校要求(至少 %d 项指标达到标准，"
		   "其余不低于标准的 %.0f%%)，%zu 个未达到%s", n, pass, std->school_min_met,
		   std->school_floor_ratio * 100, n - pass, n - pass ? "，见下表。" : "。");
	jhPdfPara(x->p, x->t.data);
	if (n == pass)
		return;
	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 6);
	for (size_t u = cr->first_unit; u < cr->first_unit + cr->nunits; u++) {
		const jh_unit *un = &r->units[u];
		char no[16], name[200], pupils[32], met[16];
		jh_buf why = JH_BUF_INIT;
		const char *cells[6] = {no, name, jh_stage_name(un->stage, x->lang), pupils, met, ""};

		if (un->status != JH_UNIT_EVALUATED || un->passes)
			continue;
		snprintf(no, sizeof no, "%zu", ++k);
		snprintf(name, sizeof name, "%s %s", un->school->school_code,
		         un->school->school_name ? un->school->school_name : "");
		snprintf(pupils, sizeof pupils, "%.0f", un->students);
		snprintf(met, sizeof met, "%d/%d", un->met, JH_IND__COUNT);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			double th = std->threshold[un->stage][i];

			if (jh_at_least(std, un->value[i], th))
				continue;
			jh_buf_addf(&why, "%s%s %.2f < %.2f", why.len ? L("；", "; ") : "",
			            jh_indicator_short((jh_indicator)i, x->lang), un->value[i], th);
			if (!jh_at_least(std, un->value[i], th * std->school_floor_ratio))
				jh_buf_addf(&why, x->lang[0] == 'e' ? " (under %.0f%%)" : "(低于 %.0f%%)",
				            std->school_floor_ratio * 100);
		}
		cells[5] = why.data ? why.data : "";
		jhPdfTableRow(x->p, cells, 1u << 4 | 1u << 5, 0);
		jh_buf_free(&why);
	}
	jhPdfTableEnd(x->p);
}

static void resource_section(se *x)
{
	const jh_county_result *cr = &x->cd.L.res->counties[x->cd.county];
	int sub = 0;

	jhPdfHeading(x->p, 1, L("一、资源配置", "1. Resource allocation"));
	part_summary(x, "resource", "资源配置", "Resource allocation");
	for (int st = JH_STAGE_PRIMARY; st <= JH_STAGE_JUNIOR; st++)
		if (cr->stage[st].schools) {
			stage_coefficients(x, (jh_stage)st, &sub);
			stage_trend(x, (jh_stage)st);
		}
	failing_schools(x, &sub);
}

/* --- 二、三、四 ---------------------------------------------------------- */

static void part_section(se *x, const char *head_zh, const char *head_en,
                         const char *part, const char *zh, const char *en)
{
	jhPdfNeed(x->p, 45);
	jhPdfHeading(x->p, 1, L(head_zh, head_en));
	part_summary(x, part, zh, en);
	items_table(x, part);
}

static void recognition_groups(se *x)
{
	static const jhPdfCol cols[] = {{"调查对象", 70, JH_PDF_LEFT}, {"满意度", 30, JH_PDF_RIGHT}};
	static const jhPdfCol cols_en[] = {{"Respondents", 70, JH_PDF_LEFT},
	                                   {"Satisfied", 30, JH_PDF_RIGHT}};
	const jh_verdict *v = &x->cd.verdict;
	const double min = x->cd.L.std.recognition_min;
	int any = 0;

	for (int g = 0; g < JH_GROUPS; g++)
		any |= isfinite(v->recognition_rate[g]);
	if (!any)
		return;
	jhPdfPara(x->p, L("各类调查对象的满意度如下：", "Satisfaction by group of respondents:"));
	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 2);
	for (int g = 0; g < JH_GROUPS; g++) {
		char pct[32];
		const char *cells[2] = {x->lang[0] == 'e' ? jhGroups[g][2] : jhGroups[g][1], pct};

		if (!isfinite(v->recognition_rate[g]))
			continue;
		snprintf(pct, sizeof pct, "%.2f%%", v->recognition_rate[g] * 100);
		jhPdfTableRow(x->p, cells, v->recognition_rate[g] < min ? 2u : 0, 0);
	}
	jhPdfTableEnd(x->p);
}

/* --- 五、创建规划 -------------------------------------------------------- */

static void target_text(se *x, const jh_target_result *t, jh_buf *out)
{
	const jh_plan_target *pt = &t->target;
	char name[4 * JH_PLAN_LABEL_MAX + 8], unit[4 * JH_PLAN_UNIT_MAX + 8];
	const char *label = x->lang[0] == 'e' ? pt->label_en : pt->label_zh;

	jh_measure_name(pt->measure, x->lang, name, sizeof name, unit, sizeof unit);
	/* a verdict item's target: the item's own name */
	if (!strncmp(pt->measure, "item.", 5))
		for (size_t i = 0; i < x->cd.verdict.count; i++)
			if (!strcmp(x->cd.verdict.items[i].id, pt->measure + 5))
				snprintf(name, sizeof name, "%s", x->lang[0] == 'e' ?
				         x->cd.verdict.items[i].name_en : x->cd.verdict.items[i].name_zh);
	if (*label)
		snprintf(name, sizeof name, "%s", label);
	if (pt->unit[0])
		snprintf(unit, sizeof unit, "%s", pt->unit);
	jh_buf_addf(out, "%s%s", out->len ? L("；", "; ") : "", name);
	if (t->holds < 0) {
		jh_buf_adds(out, L("：无数据", ": no data"));
		return;
	}
	switch (pt->kind) {
	case JH_TARGET_MAX:
	case JH_TARGET_MIN: {
		/* coefficients with three decimals as everywhere; other
		 * figures as short as they are */
		int cv = !strncmp(pt->measure, "cv.", 3);
		char v[32], b[32];

		snprintf(v, sizeof v, cv ? "%.3f" : "%.4g", t->value);
		snprintf(b, sizeof b, cv ? "%.2f" : "%.4g", pt->bound);
		jh_buf_addf(out, x->lang[0] == 'e' ? ": %s (target %s %s%s%s)" : "：%s(目标 %s %s%s%s)",
		            v, pt->kind == JH_TARGET_MAX ? "≤" : "≥", b, *unit ? " " : "", unit);
		break;
	}
	case JH_TARGET_PASS:
		jh_buf_adds(out, t->value > 0 ? L("：达标", ": passes") : L("：未达标", ": fails"));
		break;
	case JH_TARGET_DONE:
		jh_buf_adds(out, t->value > 0 ? L("：已完成", ": done") : L("：未完成", ": not done"));
		break;
	}
}

static jh_code plan_section(se *x, jh_diags *d)
{
	static const jhPdfCol cols[] = {
		{"年度", 14, JH_PDF_CENTER}, {"截止日期", 24, JH_PDF_CENTER},
		{"状态", 18, JH_PDF_CENTER}, {"达成目标", 18, JH_PDF_CENTER},
		{"未达成或无数据的目标", 96, JH_PDF_LEFT},
	};
	static const jhPdfCol cols_en[] = {
		{"Year", 14, JH_PDF_CENTER}, {"Deadline", 24, JH_PDF_CENTER},
		{"Status", 18, JH_PDF_CENTER}, {"Targets held", 18, JH_PDF_CENTER},
		{"Targets not held or without data", 96, JH_PDF_LEFT},
	};
	jh_creation_doc *doc = NULL;
	jh_milestone_result *ms = NULL;
	size_t n = 0, cnt[JH_MILESTONE__COUNT] = {0};
	jh_code rc;

	jhPdfHeading(x->p, 1, L("五、创建规划完成情况", "5. The creation plan's milestones"));
	if ((rc = jh_creation_get(x->s, x->who, x->rq->area, &doc, d)))
		return rc;
	if (!doc) {
		jhPdfPara(x->p, L("本县尚未录入创建规划(创建方案)，没有可以对照的年度目标。",
		                  "No creation plan is stored for the county: there are no "
		                  "yearly milestones to compare with."));
		return JH_OK;
	}
	if ((rc = jh_creation_milestones(x->s, x->who, x->rq->area, &x->today, x->rq->std,
	                                 &ms, &n, d))) {
		jh_creation_doc_free(doc);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		cnt[ms[i].status]++;
	jh_buf_reset(&x->t);
	if (x->lang[0] == 'e') {
		if (doc->target_year)
			jh_buf_addf(&x->t, "The creation plan aims at %d. ", doc->target_year);
		if (n)
			jh_buf_addf(&x->t, "It sets %zu yearly milestones: %zu met, %zu missed, "
			            "%zu not yet due, %zu past without data (as of %s).", n,
			            cnt[JH_MILESTONE_MET], cnt[JH_MILESTONE_MISSED],
			            cnt[JH_MILESTONE_DUE], cnt[JH_MILESTONE_NO_DATA], x->today.s);
		else
			jh_buf_adds(&x->t, "It sets no yearly milestones.");
	} else {
		if (doc->target_year)
			jh_buf_addf(&x->t, "本县创建规划确定的创建目标年度为 %d 年。", doc->target_year);
		if (n)
			jh_buf_addf(&x->t, "规划共设年度目标 %zu 个：已完成 %zu 个，未完成 %zu 个，"
			            "未到期 %zu 个，已到期但无数据 %zu 个(截至 %s)。", n,
			            cnt[JH_MILESTONE_MET], cnt[JH_MILESTONE_MISSED],
			            cnt[JH_MILESTONE_DUE], cnt[JH_MILESTONE_NO_DATA], x->today.s);
		else
			jh_buf_adds(&x->t, "规划未设年度目标。");
	}
	jhPdfPara(x->p, x->t.data);
	if (n) {
		jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 5);
		for (size_t i = 0; i < n; i++) {
			char year[16], held[32];
			jh_buf why = JH_BUF_INIT;
			const char *cells[5] = {year, ms[i].deadline.s,
			                        jh_milestone_status_name(ms[i].status, x->lang), held, ""};
			int bad = ms[i].status == JH_MILESTONE_MISSED ||
			          ms[i].status == JH_MILESTONE_NO_DATA;

			snprintf(year, sizeof year, "%d", ms[i].year);
			snprintf(held, sizeof held, "%zu/%zu", ms[i].nheld, ms[i].ntargets);
			/* what keeps it from being met (nothing to say while due) */
			for (size_t t = 0; ms[i].status != JH_MILESTONE_DUE && t < ms[i].ntargets; t++)
				if (ms[i].targets[t].holds != 1)
					target_text(x, &ms[i].targets[t], &why);
			cells[4] = why.data ? why.data : "";
			jhPdfTableRow(x->p, cells, bad ? (1u << 2 | 1u << 4) : 0, 0);
			jh_buf_free(&why);
		}
		jhPdfTableEnd(x->p);
	}
	jh_milestones_free(ms, n);
	jh_creation_doc_free(doc);
	return JH_OK;
}

/* --- 六、整改台账 -------------------------------------------------------- */

static const char *ledger_what(const se *x, const jh_ledger_item *it)
{
	return x->lang[0] == 'e' && it->what_en[0] ? it->what_en : it->what_zh;
}

static void ledger_section(se *x)
{
	static const jhPdfCol scols[] = {{"状态", 40, JH_PDF_LEFT}, {"事项数", 24, JH_PDF_RIGHT}};
	static const jhPdfCol scols_en[] = {{"Status", 40, JH_PDF_LEFT}, {"Items", 24, JH_PDF_RIGHT}};
	static const jhPdfCol cols[] = {
		{"序号", 10, JH_PDF_CENTER}, {"整改事项", 86, JH_PDF_LEFT},
		{"责任单位", 30, JH_PDF_LEFT}, {"截止日期", 22, JH_PDF_CENTER},
		{"状态", 18, JH_PDF_CENTER},
	};
	static const jhPdfCol cols_en[] = {
		{"No.", 10, JH_PDF_CENTER}, {"Item", 86, JH_PDF_LEFT},
		{"Responsible", 30, JH_PDF_LEFT}, {"Deadline", 22, JH_PDF_CENTER},
		{"Status", 18, JH_PDF_CENTER},
	};
	size_t cnt[JH_LEDGER__COUNT] = {0}, overdue = 0, supervised = 0, k = 0;

	jhPdfHeading(x->p, 1, L("六、整改台账进展", "6. Progress of the rectification ledger"));
	if (!x->nledger) {
		jhPdfPara(x->p, L("本县整改工作台账中尚无事项。",
		                  "The county's rectification ledger holds no items."));
		return;
	}
	for (size_t i = 0; i < x->nledger; i++) {
		cnt[x->ledger[i].status]++;
		overdue += jh_ledger_overdue(&x->ledger[i], &x->today) != 0;
		supervised += x->ledger[i].supervised != 0;
	}
	if (x->lang[0] == 'e')
		tf(x, "The ledger holds %zu items; %zu are signed off. As of %s, %zu are overdue "
		   "(deadline passed, not signed off) and %zu are supervised by the city.",
		   x->nledger, cnt[JH_LEDGER_SIGNED_OFF], x->today.s, overdue, supervised);
	else
		tf(x, "整改工作台账共有事项 %zu 项，已销号 %zu 项。截至 %s，逾期未销号 %zu 项，"
		   "挂牌督办 %zu 项。", x->nledger, cnt[JH_LEDGER_SIGNED_OFF], x->today.s, overdue,
		   supervised);
	jhPdfPara(x->p, x->t.data);
	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? scols_en : scols, 2);
	for (int st = 0; st < JH_LEDGER__COUNT; st++) {
		char c[16];
		const char *cells[2] = {jh_ledger_status_name((jh_ledger_status)st, x->lang), c};

		snprintf(c, sizeof c, "%zu", cnt[st]);
		jhPdfTableRow(x->p, cells, 0, 0);
	}
	{
		char c[16];
		const char *cells[2] = {L("合计", "Total"), c};

		snprintf(c, sizeof c, "%zu", x->nledger);
		jhPdfTableRow(x->p, cells, 0, JH_PDF_ROW_BOLD);
	}
	jhPdfTableEnd(x->p);
	if (!overdue) {
		jhPdfPara(x->p, L("没有逾期未销号的事项。", "No item is overdue."));
		return;
	}
	jhPdfPara(x->p, L("逾期未销号的事项：", "Items overdue:"));
	jhPdfTableBegin(x->p, x->lang[0] == 'e' ? cols_en : cols, 5);
	for (size_t i = 0; i < x->nledger; i++) {
		const jh_ledger_item *it = &x->ledger[i];
		char no[16];
		const char *cells[5] = {no, ledger_what(x, it), it->unit[0] ? it->unit : "—",
		                        it->deadline.s,
		                        jh_ledger_status_name(it->status, x->lang)};

		if (!jh_ledger_overdue(it, &x->today))
			continue;
		snprintf(no, sizeof no, "%zu", ++k);
		jhPdfTableRow(x->p, cells, 1u << 3, 0);
	}
	jhPdfTableEnd(x->p);
}

/* --- 七、问题与措施 ------------------------------------------------------ */

/* Ledger item key k belongs to verdict item id: the same, or the id
 * followed by '#' (a school's indicator) or '@' (a school's rule). */
static int key_of(const char *k, const char *id)
{
	size_t n = strlen(id);

	return !strncmp(k, id, n) && (!k[n] || k[n] == '#' || k[n] == '@');
}

/* The measures the ledger records for a failing item: each written
 * measure with its unit, deadline and status; the items without one
 * counted in one sentence (a school's indicators are an item each). */
static void measures_of(se *x, const jh_verdict_item *it, jh_buf *out)
{
	size_t any = 0, bare = 0;

	for (size_t i = 0; i < x->nledger; i++) {
		const jh_ledger_item *li = &x->ledger[i];

		if (!key_of(li->key, it->id))
			continue;
		any++;
		if (!li->measure[0]) {
			bare++;
			continue;
		}
		jh_buf_addf(out, x->lang[0] == 'e' ?
		            "Measure: %s (responsible: %s; deadline: %s; status: %s). " :
		            "整改措施：%s(责任单位：%s；完成时限：%s；进展：%s)。", li->measure,
		            li->unit[0] ? li->unit : "—", li->deadline.s[0] ? li->deadline.s : "—",
		            jh_ledger_status_name(li->status, x->lang));
	}
	if (!any)
		jh_buf_adds(out, L("整改措施：尚未列入整改台账。", "Measure: not yet in the ledger."));
	else if (bare == any)
		jh_buf_addf(out, x->lang[0] == 'e' ?
		            "In the ledger (%zu item%s), no measure written yet." :
		            "已列入整改台账(%zu 项)，尚未填写整改措施。", any, any == 1 ? "" : "s");
	else if (bare)
		jh_buf_addf(out, x->lang[0] == 'e' ?
		            "%zu more item%s of the ledger without a measure yet." :
		            "另有台账事项 %zu 项尚未填写整改措施。", bare, bare == 1 ? "" : "s");
}

static void problems_section(se *x)
{
	const jh_verdict *v = &x->cd.verdict;
	size_t k = 0, nmiss = 0;

	jhPdfHeading(x->p, 1, L("七、存在的问题与整改措施", "7. Problems and measures"));
	for (size_t p = 0; p < NPARTS; p++)
		for (size_t i = 0; i < v->count; i++) {
			const jh_verdict_item *it = &v->items[i];
			const char *det = item_detail(x, it);

			if (strcmp(it->part, PARTS[p].key))
				continue;
			if (it->status == JH_ITEM_MISSING)
				nmiss++;
			if (it->status != JH_ITEM_FAIL)
				continue;
			jh_buf_reset(&x->t);
			jh_buf_addf(&x->t, x->lang[0] == 'e' ? "%zu. [%s] %s: value %s, required %s." :
			            "%zu. 【%s】%s：现状 %s，要求 %s。", ++k,
			            x->lang[0] == 'e' ? PARTS[p].en : PARTS[p].zh, item_name(x, it),
			            jh_verdict_item_value(it, x->lang), item_requirement(x, it));
			/* a coefficient: how far over its limit */
			if (!strncmp(it->id, "resource.cv.", 12) && it->has_value && it->has_threshold)
				jh_buf_addf(&x->t, x->lang[0] == 'e' ? " It is %.3f over the limit." :
				            "高出限值 %.3f。", it->value - it->threshold);
			if (*det)
				jh_buf_addf(&x->t, x->lang[0] == 'e' ? " %s." : "%s。", det);
			jh_buf_adds(&x->t, x->lang[0] == 'e' ? " " : "");
			measures_of(x, it, &x->t);
			jhPdfPara(x->p, x->t.data);
		}
	if (!k)
		jhPdfPara(x->p, L("按本年度数据，各项评估内容均未发现不达标的问题。",
		                  "By this year's data no item fails."));
	if (nmiss) {
		jhPdfHeading(x->p, 2, L("缺少数据的项目", "Items without data"));
		jhPdfPara(x->p, L("以下项目缺少数据，需补充后才能作出结论：",
		                  "These items lack data; the verdict needs them:"));
		k = 0;
		for (size_t i = 0; i < v->count; i++)
			if (v->items[i].status == JH_ITEM_MISSING)
				jhPdfPara(x->p, tf(x, "%zu. %s", ++k, item_name(x, &v->items[i])));
	}
}

/* --- the builder ------------------------------------------------------- */

jh_code jhReportSelfEvaluation(jh_store *s, const jh_user *who, const jh_report_request *rq,
                               jh_buf *out, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	se xs, *x = &xs;
	jh_code rc;
	char header[400];

	memset(x, 0, sizeof *x);
	x->s = s;
	x->who = who;
	x->rq = rq;
	x->lang = jhReportLang(rq);
	x->today = jh_day_today(s);
	if ((rc = jhCountyDataLoad(s, rq, &x->cd, d)))
		goto out;
	{
		/* Every year of the county, evaluated with the same standard. */
		jh_query q;

		memset(&q, 0, sizeof q);
		q.county = rq->area;
		q.as_of = rq->as_of;
		q.std = &x->cd.L.std;
		if ((rc = jhServiceLoad(s, &q, 0, 0, &x->years, d)))
			goto out;
	}
	f.area = rq->area;
	if ((rc = jh_ledger_list(s, who, &f, &x->ledger, &x->nledger, d)))
		goto out;
	if (x->lang[0] == 'e')
		snprintf(header, sizeof header, "%.200s · self-evaluation report %d", x->cd.title,
		         rq->year);
	else
		snprintf(header, sizeof header, "%.200s · %d 年度义务教育优质均衡发展自评报告",
		         x->cd.title, rq->year);
	if (!(x->p = jhPdfNew(x->lang, header))) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	title_page(x);
	verdict_section(x);
	{
		/* the prerequisite and veto items with the verdict */
		size_t n, pass, fail, miss;

		count_part(&x->cd.verdict, "prerequisite", &n, &pass, &fail, &miss);
		if (n) {
			jhPdfHeading(x->p, 2, L("申报条件", "Prerequisites"));
			items_table(x, "prerequisite");
		}
		count_part(&x->cd.verdict, "veto", &n, &pass, &fail, &miss);
		if (n) {
			jhPdfHeading(x->p, 2, L("一票否决事项", "Veto items"));
			items_table(x, "veto");
		}
	}
	resource_section(x);
	part_section(x, "二、政府保障程度", "2. Government guarantee", "guarantee",
	             "政府保障程度", "Government guarantee");
	part_section(x, "三、教育质量", "3. Education quality", "quality", "教育质量",
	             "Education quality");
	part_section(x, "四、社会认可度", "4. Social recognition", "recognition", "社会认可度",
	             "Social recognition");
	recognition_groups(x);
	if ((rc = plan_section(x, d)))
		goto out;
	ledger_section(x);
	problems_section(x);
	if (x->t.oom) {
		rc = JH_ERR_NOMEM;
		goto out;
	}
	rc = jhPdfFinish(x->p, out, d);
	x->p = NULL;
out:
	jhPdfFree(x->p);
	free(x->ledger);
	jh_buf_free(&x->t);
	jhLoadedFree(&x->years);
	jhCountyDataFree(&x->cd);
	return rc;
}
