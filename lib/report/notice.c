/*
** notice.c — 督导通报: the city's (or province's) progress notice across
** its counties for a cycle, as a PDF.
**
** The figures are jh_cycle_notice's — the same JSON GET /notices gives —
** read back here, never counted again: per county its milestones met,
** missed, due and without data, its ledger items not signed off, overdue
** and under named supervision, the workflow's late steps and whether it
** is summoned (约谈, the rule quoted from the notice).  Added beside them,
** from the same store: the workflow state of the notice's cycle
** (jh_store_cycle_get) and the ledger items signed off (jh_ledger_list).
**
** The notice's day: rq->year is the data year Y of a cycle whose steps
** fall in Y + 1 (submission in February, the review by September), so the
** notice is dated today while today is in Y + 1, December 31 of Y + 1
** once that year is over (a notice of a past cycle reads as it did at
** its end), and today when today is still in Y or before (the cycle of
** the year before today's is then the one counted, and the title says
** which cycle it is).
**
** Behind schedule: a county summoned, or behind its creation plan as
** jh_creation_behind judges it (a milestone missed, or its target year
** over without a cycle forwarded to the province); each is named in the
** text with its reasons, those summoned said so.
**
** Layout: a title page (督导通报, the issuing office, the day), the
** overall figures, a table of counties (failing figures in red), a bar
** chart of the overdue ledger items per county, and the counties behind
** schedule named with their reasons.
*/
#include "report_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long jint(json_t *o, const char *k)
{
	return (long)json_integer_value(json_object_get(o, k));
}

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void para(jhPdf *p, const jh_buf *t)
{
	jhPdfPara(p, t->data ? t->data : "");
}

/* The day the notice is read on (the file's comment). */
static jh_day notice_day(jh_store *s, int year)
{
	jh_day today = jh_day_today(s);

	if (atoi(today.s) > year + 1)
		return jh_day_make(year + 1, 12, 31);
	return today;
}

jh_code jhReportNotice(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	int en = lang[0] == 'e';
	jh_day day = notice_day(s, rq->year);
	jh_buf js = JH_BUF_INIT, t = JH_BUF_INIT;
	jh_areas *areas = NULL;
	jh_ledger_filter lf = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	size_t nitems = 0, n;
	json_t *root = NULL, *cs;
	const jh_area *top;
	long *signed_off = NULL, states[JH_CYCLE__COUNT] = {0};
	long tot_met = 0, tot_missed = 0, tot_due = 0, tot_nodata = 0, tot_open = 0,
	     tot_over = 0, tot_sup = 0, tot_signed = 0, nsummoned = 0;
	int *state_of = NULL, *behind = NULL, cycle;
	long nbehind = 0;
	jhPdfBar *bars = NULL;
	char office[256], header[320], subtitle[400], name[160];
	jhPdf *p = NULL;
	jh_code rc;

	if ((rc = jh_cycle_notice(s, who, rq->area, day.s, rq->std, JH_FMT_JSON, lang, &js, d)) ||
	    (rc = jh_store_areas(s, &areas, d)))
		goto done;
	if (!(root = json_loadb(js.data, js.len, 0, NULL))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	cs = json_object_get(root, "counties");
	n = json_array_size(cs);
	cycle = (int)jint(root, "cycle_year");
	if (!n) {
		char what[64];
		snprintf(what, sizeof what, "%s/%d", rq->area, rq->year);
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto done;
	}
	lf.area = rq->area;
	if ((rc = jh_ledger_list(s, who, &lf, &items, &nitems, d)))
		goto done;
	if (!(signed_off = calloc(n, sizeof *signed_off)) || !(state_of = calloc(n, sizeof *state_of)) ||
	    !(behind = calloc(n, sizeof *behind)) ||
	    !(bars = calloc(n, sizeof *bars))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *c = json_array_get(cs, i);
		const char *code = jstr(c, "county");
		jh_cycle_row row;
		for (size_t k = 0; k < nitems; k++)
			if (items[k].status == JH_LEDGER_SIGNED_OFF && !strcmp(items[k].county, code))
				signed_off[i]++;
		if ((rc = jh_store_cycle_get(s, code, cycle, &row, d)))
			goto done;
		state_of[i] = jh_cycle_state_parse(row.state);
		if (state_of[i] >= 0 && state_of[i] < JH_CYCLE__COUNT)
			states[state_of[i]]++;
		json_t *ms = json_object_get(c, "milestones"), *lg = json_object_get(c, "ledger");
		tot_met += jint(ms, "met");
		tot_missed += jint(ms, "missed");
		tot_due += jint(ms, "due");
		tot_nodata += jint(ms, "no_data");
		tot_open += jint(lg, "open");
		tot_over += jint(lg, "overdue");
		tot_sup += jint(lg, "supervised");
		tot_signed += signed_off[i];
		nsummoned += json_is_true(json_object_get(c, "summoned"));
		/* Behind schedule: summoned, or behind its plan as the creation
		 * part judges it (a milestone missed, or the target year over
		 * without a cycle forwarded to the province). */
		if ((rc = jh_creation_behind(s, who, code, &day, rq->std, &behind[i], d)))
			goto done;
		behind[i] |= json_is_true(json_object_get(c, "summoned"));
		nbehind += behind[i];
	}

	top = jh_areas_find(areas, rq->area);
	snprintf(name, sizeof name, "%s", jstr(root, "area_name"));
	if (top && top->level == JH_AREA_COUNTY)
		jh_areas_county_fullname(areas, rq->area, name, sizeof name);
	if (!name[0])
		snprintf(name, sizeof name, "%s", rq->area);
	/* The issuer: the area's office; for one county, its city's (a
	 * notice is the city's word on its counties). */
	{
		const jh_area *by = top && top->level == JH_AREA_COUNTY && top->parent[0] ?
		                    jh_areas_find(areas, top->parent) : top;
		const char *who_name = by && by->name ? by->name : name;
		if (en)
			snprintf(office, sizeof office,
			         "Education Supervision Office of the %s People's Government", who_name);
		else
			snprintf(office, sizeof office, "%s人民政府教育督导室", who_name);
	}
	snprintf(header, sizeof header, en ? "Progress notice · %s %s · cycle %d"
	                                   : "督导通报 · %s %s · %d 年度", rq->area, name, cycle);
	if (!(p = jhPdfNew(lang, header))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	snprintf(subtitle, sizeof subtitle,
	         en ? "on the progress of %s's counties towards high-quality balanced compulsory "
	              "education, cycle %d"
	            : "关于%s %d 年度县域义务教育优质均衡发展创建工作进展情况的通报",
	         name, cycle);
	{
		char l2[64];
		const char *lines[2];
		snprintf(l2, sizeof l2, en ? "Date: %s" : "日期:%s", day.s);
		lines[0] = office;
		lines[1] = l2;
		jhPdfTitlePage(p, en ? "Progress Notice" : "督导通报", subtitle, lines, 2);
	}

	/* 一、overall */
	jhPdfHeading(p, 1, en ? "1. Overall" : "一、总体情况");
	jh_buf_addf(&t, en ? "As of %s, %s has %zu counties. Workflow of the %d cycle:"
	                   : "截至 %s,%s共有 %zu 个县(市、区)。%d 年度工作流程:",
	            day.s, name, n, cycle);
	{
		int first = 1;
		for (int k = 0; k < JH_CYCLE__COUNT; k++) {
			if (!states[k])
				continue;
			jh_buf_addf(&t, en ? "%s %s %ld" : "%s%s %ld 个", first ? (en ? " " : "") : (en ? ", " : ","),
			            jh_cycle_state_name((jh_cycle_state)k, lang), states[k]);
			first = 0;
		}
	}
	jh_buf_addf(&t, en ? ". Milestones: %ld met, %ld missed, %ld due, %ld without data. "
	                     "Rectification ledger: %ld items not signed off, of which %ld overdue "
	                     "and %ld under named supervision; %ld signed off."
	                   : "。创建里程碑:已完成 %ld 个,未完成 %ld 个,未到期 %ld 个,无数据 %ld 个。"
	                     "整改台账:未销号 %ld 项,其中逾期 %ld 项、挂牌督办 %ld 项;已销号 %ld 项。",
	            tot_met, tot_missed, tot_due, tot_nodata, tot_open, tot_over, tot_sup, tot_signed);
	para(p, &t);

	/* 二、the counties */
	jhPdfHeading(p, 1, en ? "2. Progress by county" : "二、各县(市、区)进展");
	{
		static const jhPdfCol cols_zh[] = {
			{"县(市、区)", 18, JH_PDF_LEFT}, {"目标年份", 14, JH_PDF_CENTER},
			{"流程状态", 14, JH_PDF_CENTER},
			{"里程碑(完成/未完成/未到期/无数据)", 24, JH_PDF_CENTER},
			{"台账未销号", 12, JH_PDF_RIGHT}, {"其中逾期", 12, JH_PDF_RIGHT},
			{"已销号", 12, JH_PDF_RIGHT}, {"挂牌督办(逾期)", 16, JH_PDF_RIGHT},
			{"逾期环节", 36, JH_PDF_LEFT}, {"约谈", 12, JH_PDF_CENTER}};
		static const jhPdfCol cols_en[] = {
			{"County", 18, JH_PDF_LEFT}, {"Target year", 14, JH_PDF_CENTER},
			{"Workflow", 14, JH_PDF_CENTER},
			{"Milestones met/missed/due/no data", 24, JH_PDF_CENTER},
			{"Ledger open", 12, JH_PDF_RIGHT}, {"Overdue", 12, JH_PDF_RIGHT},
			{"Signed off", 12, JH_PDF_RIGHT}, {"Supervised (overdue)", 16, JH_PDF_RIGHT},
			{"Late steps", 36, JH_PDF_LEFT}, {"Summoned", 12, JH_PDF_CENTER}};
		jhPdfTableBegin(p, en ? cols_en : cols_zh, 10);
		for (size_t i = 0; i < n; i++) {
			json_t *c = json_array_get(cs, i), *ms = json_object_get(c, "milestones"),
			       *lg = json_object_get(c, "ledger"), *late = json_object_get(c, "late_steps");
			char target[16] = "—", mst[64], open[24], over[24], so[24], sup[48];
			jh_buf steps = JH_BUF_INIT;
			const char *cells[10];
			unsigned mask = 0;
			int summoned = json_is_true(json_object_get(c, "summoned"));
			if (json_is_integer(json_object_get(c, "target_year")))
				snprintf(target, sizeof target, "%ld", jint(c, "target_year"));
			snprintf(mst, sizeof mst, "%ld/%ld/%ld/%ld", jint(ms, "met"), jint(ms, "missed"),
			         jint(ms, "due"), jint(ms, "no_data"));
			snprintf(open, sizeof open, "%ld", jint(lg, "open"));
			snprintf(over, sizeof over, "%ld", jint(lg, "overdue"));
			snprintf(so, sizeof so, "%ld", signed_off[i]);
			snprintf(sup, sizeof sup, "%ld(%ld)", jint(lg, "supervised"),
			         jint(lg, "overdue_supervised"));
			for (size_t k = 0; k < json_array_size(late); k++) {
				json_t *l = json_array_get(late, k);
				if (en)
					jh_buf_addf(&steps, "%s%s (due %s)", k ? "; " : "",
					            jstr(l, "name_en"), jstr(l, "due"));
				else
					jh_buf_addf(&steps, "%s%s(期限 %s)", k ? ";" : "",
					            jstr(l, "name_zh"), jstr(l, "due"));
			}
			cells[0] = jstr(c, "name");
			cells[1] = target;
			cells[2] = state_of[i] >= 0 ? jh_cycle_state_name((jh_cycle_state)state_of[i], lang) : "";
			cells[3] = mst;
			cells[4] = open;
			cells[5] = over;
			cells[6] = so;
			cells[7] = sup;
			cells[8] = steps.data ? steps.data : "";
			cells[9] = summoned ? (en ? "yes" : "是") : (en ? "no" : "否");
			if (jint(ms, "missed") || jint(ms, "no_data"))
				mask |= 1u << 3;
			if (jint(lg, "overdue"))
				mask |= 1u << 5;
			if (jint(lg, "overdue_supervised"))
				mask |= 1u << 7;
			if (json_array_size(late))
				mask |= 1u << 8;
			if (summoned)
				mask |= 1u | 1u << 9;
			jhPdfTableRow(p, cells, mask, 0);
			jh_buf_free(&steps);
			bars[i].label = cells[0];
			bars[i].value = (double)jint(lg, "overdue");
			bars[i].limit = NAN;
			bars[i].fail = jint(lg, "overdue") > 0;
		}
		jhPdfTableEnd(p);
	}
	jhPdfBarChart(p, en ? "Overdue ledger items per county" : "各县(市、区)台账逾期事项数",
	              bars, n, 60);

	/* 三、behind schedule */
	jhPdfHeading(p, 1, en ? "3. Counties behind schedule" : "三、进度滞后的县(市、区)");
	jh_buf_reset(&t);
	jh_buf_addf(&t, en ? "Rule: %s." : "约谈规则:%s。", jstr(root, en ? "rule_en" : "rule_zh"));
	para(p, &t);
	jh_buf_reset(&t);
	if (!nbehind)
		jh_buf_adds(&t, en ? "No county is behind schedule." : "无进度滞后的县(市、区)。");
	else if (en)
		jh_buf_addf(&t, "%ld of %zu counties are behind schedule (%ld summoned):", nbehind, n,
		            nsummoned);
	else
		jh_buf_addf(&t, "%zu 个县(市、区)中有 %ld 个进度滞后(其中 %ld 个予以约谈):", n, nbehind,
		            nsummoned);
	para(p, &t);
	for (size_t i = 0; i < n; i++) {
		json_t *c = json_array_get(cs, i), *ms = json_object_get(c, "milestones"),
		       *lg = json_object_get(c, "ledger"), *late = json_object_get(c, "late_steps");
		const char *sep = "";
		int summoned = json_is_true(json_object_get(c, "summoned"));
		long target = jint(c, "target_year");
		if (!behind[i])
			continue;
		jh_buf_reset(&t);
		jh_buf_addf(&t, en ? "%s (%s): " : "%s(%s):", jstr(c, "name"), jstr(c, "county"));
		if (jint(ms, "missed")) {
			jh_buf_addf(&t, en ? "%ld milestone(s) missed" : "里程碑未完成 %ld 个", jint(ms, "missed"));
			sep = en ? "; " : ";";
		}
		if (jint(ms, "no_data")) {
			jh_buf_addf(&t, en ? "%s%ld milestone(s) past the deadline without data"
			                   : "%s里程碑过期无数据 %ld 个", sep, jint(ms, "no_data"));
			sep = en ? "; " : ";";
		}
		if (jint(lg, "overdue_supervised")) {
			jh_buf_addf(&t, en ? "%s%ld supervised ledger item(s) overdue" : "%s挂牌督办事项逾期 %ld 项",
			            sep, jint(lg, "overdue_supervised"));
			sep = en ? "; " : ";";
		}
		for (size_t k = 0; k < json_array_size(late); k++) {
			json_t *l = json_array_get(late, k);
			int taken = json_is_true(json_object_get(l, "taken"));
			if (en)
				jh_buf_addf(&t, "%s%s of cycle %ld late (due %s, %s)", sep, jstr(l, "name_en"),
				            jint(l, "year"), jstr(l, "due"), taken ? "taken late" : "not taken");
			else
				jh_buf_addf(&t, "%s%ld 年度%s逾期(期限 %s,%s)", sep, jint(l, "year"),
				            jstr(l, "name_zh"), jstr(l, "due"), taken ? "逾期办理" : "尚未办理");
			sep = en ? "; " : ";";
		}
		/* The target year over, not forwarded (the creation part's
		 * other reason for being behind). */
		int fwd = 0;
		if (target && atoi(day.s) > target &&
		    (rc = jh_store_plandoc_forwarded(s, jstr(c, "county"), &fwd, d)))
			goto done;
		if (target && atoi(day.s) > target && !fwd) {
			jh_buf_addf(&t, en ? "%starget year %ld over without forwarding to the province"
			                   : "%s创建目标年份 %ld 年已过,尚未经市级评估报省", sep, target);
			sep = en ? "; " : ";";
		}
		jh_buf_adds(&t, summoned ? (en ? "; summoned." : ";予以约谈。") : (en ? "." : "。"));
		para(p, &t);
	}
	jh_buf_reset(&t);
	jh_buf_addf(&t, "%s\n%s", office, day.s);
	para(p, &t);
	if (t.oom)
		rc = JH_ERR_NOMEM;
	if (!rc) {
		rc = jhPdfFinish(p, out, d);
		p = NULL;
	}
done:
	if (p)
		jhPdfFree(p);
	free(bars);
	free(state_of);
	free(behind);
	free(signed_off);
	free(items);
	json_decref(root);
	jh_areas_free(areas);
	jh_buf_free(&js);
	jh_buf_free(&t);
	return rc;
}
