/*
** review.c — 督导评估意见书: the city office's written opinion on a
** county's self-evaluation of a year, from the cycle's review record.
**
** Everything the opinion says is what the workflow recorded; nothing is
** judged again here:
**
**   - the review: the last "review" event of the county-year (who, when,
**     the reviewer's text); none → JH_ERR_NOTFOUND, JH_P_REPORT_NO_REVIEW;
**   - what was checked: the last submission before it (its day, who, the
**     county's explanation) and the snapshot it froze — its revision and
**     the verdict frozen in it (items passing, failing, missing; the
**     failing items listed), so the opinion reads the data the city
**     reviewed, not today's;
**   - the findings: the ledger items of source "finding" of this cycle
**     (cycle_year), in id order, with their deadlines and their status in
**     the ledger today (overdue when past the deadline and not signed off);
**   - the opinion: the decision in words — forwarded to the province or
**     returned when the city has assessed the cycle since, otherwise
**     returned for rectification when the review made findings, passed
**     when it made none — then the reviewer's own text.
**
** The issuer is the office of the county's city (江州市人民政府教育督导室);
** the document's date is the review's day in the office's calendar.
*/
#include "report_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The office's calendar day of a stored UTC time. */
static void local_day(const char *utc, char out[11])
{
	char t[64];

	jhLocalTime(utc, "zh", t, sizeof t);
	snprintf(out, 11, "%.10s", t);
}

/* The last event of action `act` at or before event index `upto`. */
static const jh_cycle_event *last_of(const jh_cycle_event *ev, size_t upto,
                                     const char *act)
{
	for (size_t i = upto; i-- > 0;)
		if (!strcmp(ev[i].action, act))
			return &ev[i];
	return NULL;
}

typedef struct frozen {
	long revision, snapshot;
	char sha[13];
	const char *verdict;           /* "pass", "fail", "incomplete" or NULL */
	long pass, fail, missing;
	json_t *root, *items;          /* root owned */
} frozen;

/* The submission's snapshot: its revision and the verdict frozen in it. */
static jh_code frozen_load(jh_store *s, long id, frozen *f, jh_diags *d)
{
	jh_snapshot_meta meta;
	char *body = NULL;
	size_t len = 0;
	json_t *v;
	jh_code rc;

	memset(f, 0, sizeof *f);
	if (!id)
		return JH_OK;
	if ((rc = jh_store_snapshot_get(s, id, &meta, &body, &len, d)))
		return rc;
	f->snapshot = id;
	f->revision = meta.revision;
	snprintf(f->sha, sizeof f->sha, "%.12s", meta.sha256);
	f->root = json_loadb(body, len, 0, NULL);
	free(body);
	v = json_object_get(f->root, "verdict");
	f->verdict = json_string_value(json_object_get(v, "verdict"));
	f->items = json_object_get(v, "items");
	for (size_t i = 0; i < json_array_size(f->items); i++) {
		const char *st = json_string_value(json_object_get(json_array_get(f->items, i),
		                                                   "status"));
		if (!st)
			continue;
		if (!strcmp(st, "pass"))
			f->pass++;
		else if (!strcmp(st, "fail"))
			f->fail++;
		else
			f->missing++;
	}
	return JH_OK;
}

static void para(jhPdf *p, const jh_buf *t)
{
	jhPdfPara(p, t->data ? t->data : "");
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The findings of cycle `year`: ledger items of source "finding". */
static jh_code findings_load(jh_store *s, const jh_user *who, const char *county,
                             int year, jh_ledger_item **out, size_t *n, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *v = NULL;
	size_t nv = 0, k = 0;
	jh_code rc;

	*out = NULL;
	*n = 0;
	f.area = county;
	if ((rc = jh_ledger_list(s, who, &f, &v, &nv, d)))
		return rc;
	for (size_t i = 0; i < nv; i++)
		if (!strcmp(v[i].source, "finding") && v[i].cycle_year == year)
			v[k++] = v[i];
	*out = v;
	*n = k;
	return JH_OK;
}

static int by_id(const void *a, const void *b)
{
	long x = ((const jh_ledger_item *)a)->id, y = ((const jh_ledger_item *)b)->id;
	return (x > y) - (x < y);
}

jh_code jhReportReview(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	int en = lang[0] == 'e';
	jh_areas *areas = NULL;
	jh_cycle_row row;
	jh_cycle_event *ev = NULL;
	jh_ledger_item *fi = NULL;
	size_t nev = 0, nfi = 0, ireview = 0;
	const jh_cycle_event *review = NULL, *submit, *assess = NULL, *rectify = NULL;
	const jh_area *county, *city;
	frozen fz;
	jh_day today = jh_day_today(s);
	char full[160] = "", cname[128], office[256], rday[11], sday[11] = "", title[200];
	char header[320], subtitle[320], what[64];
	jh_buf t = JH_BUF_INIT;
	jhPdf *p = NULL;
	jh_code rc;

	memset(&fz, 0, sizeof fz);
	if ((rc = jh_store_areas(s, &areas, d)) ||
	    (rc = jh_store_cycle_get(s, rq->area, rq->year, &row, d)) ||
	    (rc = jh_store_cycle_events(s, rq->area, rq->year, &ev, &nev, d)))
		goto done;
	for (size_t i = nev; i-- > 0;)
		if (!strcmp(ev[i].action, "review")) {
			review = &ev[i];
			ireview = i;
			break;
		}
	if (!review) {
		snprintf(what, sizeof what, "%s/%d", rq->area, rq->year);
		jh_diags_add(d, JH_P_REPORT_NO_REVIEW, NULL, NULL, 0, 0, NULL, what, NULL);
		rc = JH_ERR_NOTFOUND;
		goto done;
	}
	/* What happened after the review: the county's rectification and
	 * the city's assessment of the same cycle (the last of each). */
	for (size_t i = ireview + 1; i < nev; i++) {
		if (!strcmp(ev[i].action, "assess"))
			assess = &ev[i];
		else if (!strcmp(ev[i].action, "rectify"))
			rectify = &ev[i];
	}
	submit = last_of(ev, ireview, "submit");
	if ((rc = frozen_load(s, submit ? submit->snapshot : 0, &fz, d)) ||
	    (rc = findings_load(s, who, rq->area, rq->year, &fi, &nfi, d)))
		goto done;
	if (nfi)
		qsort(fi, nfi, sizeof *fi, by_id);

	county = jh_areas_find(areas, rq->area);
	city = county && county->parent[0] ? jh_areas_find(areas, county->parent) : NULL;
	jh_areas_county_fullname(areas, rq->area, full, sizeof full);
	snprintf(cname, sizeof cname, "%s", county && county->name ? county->name : rq->area);
	if (!full[0])
		snprintf(full, sizeof full, "%s", cname);
	jh_county_title(rq->area, full, lang, title, sizeof title);
	if (en)
		snprintf(office, sizeof office, "Education Supervision Office of the %s People's Government",
		         city && city->name ? city->name : "city");
	else
		snprintf(office, sizeof office, "%s人民政府教育督导室",
		         city && city->name ? city->name : "市");
	local_day(review->at, rday);
	if (submit)
		local_day(submit->at, sday);

	snprintf(header, sizeof header, en ? "Review opinion · %s · %d" : "督导评估意见书 · %s · %d 年度",
	         title, rq->year);
	if (!(p = jhPdfNew(lang, header))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	snprintf(subtitle, sizeof subtitle,
	         en ? "on the self-evaluation of %s for %d: high-quality balanced compulsory education"
	            : "关于%s %d 年度义务教育优质均衡发展自评情况的复核意见",
	         full, rq->year);
	{
		char l2[64], l3[64];
		const char *lines[3];
		snprintf(l2, sizeof l2, en ? "Date: %s" : "日期:%s", rday);
		snprintf(l3, sizeof l3, en ? "County: %s" : "被复核县(市、区):%s", rq->area);
		lines[0] = office;
		lines[1] = l3;
		lines[2] = l2;
		jhPdfTitlePage(p, en ? "Review Opinion" : "督导评估意见书", subtitle, lines, 3);
	}

	/* 一、what was checked */
	jhPdfHeading(p, 1, en ? "1. What was reviewed" : "一、复核对象和依据");
	jh_buf_reset(&t);
	if (submit && en)
		jh_buf_addf(&t, "%s submitted its self-evaluation for %d on %s (by %s).",
		            full, rq->year, sday, submit->who);
	else if (submit)
		jh_buf_addf(&t, "%s于 %s 上报 %d 年度自评(上报人:%s)。", full, sday, rq->year,
		            submit->who);
	if (fz.snapshot)
		jh_buf_addf(&t, en ? " The data reviewed are those frozen at the submission: data as of "
		                     "revision %ld (snapshot %ld, SHA-256 %s…)."
		                   : "复核所用数据为上报时冻结的数据:数据版本 %ld(快照 %ld,SHA-256 %s…)。",
		            fz.revision, fz.snapshot, fz.sha);
	jh_buf_addf(&t, en ? " Following the Measures for the Supervision and Assessment of "
	                     "High-Quality Balanced Compulsory Education in Counties (Jiaodu [2017] "
	                     "No. 6), the %s reviewed it on %s (reviewer: %s)."
	                   : "依据《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号),"
	                     "%s于 %s 进行了复核(复核人:%s)。",
	            office, rday, review->who);
	para(p, &t);
	if (fz.items) {
		long nall = fz.pass + fz.fail + fz.missing;
		const char *vz = !fz.verdict ? "" : !strcmp(fz.verdict, "pass") ? "达到优质均衡" :
		                 !strcmp(fz.verdict, "fail") ? "未达到" : "数据不全,无法认定";
		const char *ve = !fz.verdict ? "" : !strcmp(fz.verdict, "pass") ? "pass" :
		                 !strcmp(fz.verdict, "fail") ? "fail" : "incomplete (data missing)";
		jh_buf_reset(&t);
		jh_buf_addf(&t, en ? "Verdict on the submitted data: %s. Of %ld items, %ld pass, %ld fail "
		                     "and %ld lack data."
		                   : "上报数据的评估结论:%s。共 %ld 项,达标 %ld 项,未达标 %ld 项,缺少数据 %ld 项。",
		            en ? ve : vz, nall, fz.pass, fz.fail, fz.missing);
		para(p, &t);
		if (fz.fail) {
			static const jhPdfCol cols_zh[] = {
				{"序号", 12, JH_PDF_CENTER}, {"未达标项目", 80, JH_PDF_LEFT},
				{"实际", 40, JH_PDF_LEFT}, {"要求", 38, JH_PDF_LEFT}};
			static const jhPdfCol cols_en[] = {
				{"No.", 12, JH_PDF_CENTER}, {"Item failing", 80, JH_PDF_LEFT},
				{"Found", 40, JH_PDF_LEFT}, {"Required", 38, JH_PDF_LEFT}};
			long k = 0;
			jhPdfTableBegin(p, en ? cols_en : cols_zh, 4);
			for (size_t i = 0; i < json_array_size(fz.items); i++) {
				json_t *it = json_array_get(fz.items, i);
				char no[24];
				const char *label, *cells[4];
				if (strcmp(jstr(it, "status"), "fail"))
					continue;
				label = jstr(it, en ? "label_en" : "label_zh");
				if (!*label)
					label = jstr(it, en ? "name_en" : "name_zh");
				snprintf(no, sizeof no, "%ld", ++k);
				cells[0] = no;
				cells[1] = label;
				cells[2] = jstr(it, en ? "value_text_en" : "value_text_zh");
				cells[3] = jstr(it, en ? "threshold_text_en" : "threshold_text_zh");
				jhPdfTableRow(p, cells, 0x4u, 0);
			}
			jhPdfTableEnd(p);
		}
	}
	if (submit && submit->note[0]) {
		jh_buf_reset(&t);
		jh_buf_addf(&t, en ? "The county's explanation: %s" : "县级说明:%s", submit->note);
		para(p, &t);
	}

	/* 二、findings */
	jhPdfHeading(p, 1, en ? "2. Findings and deadlines" : "二、发现的问题和整改要求");
	jh_buf_reset(&t);
	if (nfi && en)
		jh_buf_addf(&t, "The review found %zu problem%s, entered in the county's rectification "
		                "ledger with the deadlines below (status as of %s).",
		            nfi, nfi == 1 ? "" : "s", today.s);
	else if (nfi)
		jh_buf_addf(&t, "复核发现问题 %zu 项,已列入整改工作台账,整改期限和台账状态(截至 %s)如下。",
		            nfi, today.s);
	else
		jh_buf_adds(&t, en ? "The review found no problem requiring rectification."
		                   : "复核未发现需要整改的问题。");
	para(p, &t);
	if (nfi) {
		static const jhPdfCol cols_zh[] = {
			{"序号", 10, JH_PDF_CENTER}, {"问题", 48, JH_PDF_LEFT},
			{"学校", 28, JH_PDF_LEFT}, {"整改措施", 36, JH_PDF_LEFT},
			{"整改期限", 22, JH_PDF_CENTER}, {"台账状态", 26, JH_PDF_CENTER}};
		static const jhPdfCol cols_en[] = {
			{"No.", 10, JH_PDF_CENTER}, {"Finding", 48, JH_PDF_LEFT},
			{"School", 28, JH_PDF_LEFT}, {"Measure", 36, JH_PDF_LEFT},
			{"Deadline", 22, JH_PDF_CENTER}, {"Ledger status", 26, JH_PDF_CENTER}};
		jhPdfTableBegin(p, en ? cols_en : cols_zh, 6);
		for (size_t i = 0; i < nfi; i++) {
			const jh_ledger_item *it = &fi[i];
			int over = jh_ledger_overdue(it, &today);
			char no[24], status[96], school[200] = "";
			const char *cells[6];
			if (it->school[0]) {
				char nm[160] = "";
				jh_diags dn = JH_DIAGS_INIT;
				/* No name (a school gone from the data): the code alone. */
				jh_store_school_name(s, it->school, nm, sizeof nm, &dn);
				jh_diags_free(&dn);
				snprintf(school, sizeof school, "%s %s", it->school, nm);
			}
			snprintf(no, sizeof no, "%zu", i + 1);
			snprintf(status, sizeof status, "%s%s",
			         jh_ledger_status_name(it->status, lang),
			         over ? (en ? " (overdue)" : "(逾期)") : "");
			cells[0] = no;
			cells[1] = en && it->what_en[0] ? it->what_en : it->what_zh;
			cells[2] = it->school[0] ? school : (en ? "county-wide" : "全县");
			cells[3] = it->measure;
			cells[4] = it->deadline.s[0] ? it->deadline.s : "—";
			cells[5] = status;
			jhPdfTableRow(p, cells, over ? 0x30u : 0u, 0);
		}
		jhPdfTableEnd(p);
	}

	/* 三、the opinion */
	jhPdfHeading(p, 1, en ? "3. Opinion" : "三、督导意见");
	jh_buf_reset(&t);
	if (assess && !strcmp(row.decision, "forwarded"))
		jh_buf_addf(&t, en ? "Decision: forwarded. The %s agrees that %s be recommended to the "
		                     "province for assessment (decided on %.10s)."
		                   : "结论:同意报省。%s同意推荐%s申报省级评估认定(%.10s)。",
		            office, full, assess->at);
	else if (assess)
		jh_buf_addf(&t, en ? "Decision: returned. The application of %s is returned (%.10s)."
		                   : "结论:退回。%s的申报材料予以退回(%.10s)。",
		            full, assess->at);
	else if (nfi)
		jh_buf_addf(&t, en ? "Decision: returned for rectification. %s is to rectify each "
		                     "finding above by its deadline and report it to the %s for "
		                     "sign-off; the rectification is complete when every finding is "
		                     "signed off."
		                   : "结论:退回整改。请%s对照上列问题逐项整改,在期限内完成并报%s核查销号;"
		                     "全部问题销号后方可报告整改完成。",
		            full, office);
	else
		jh_buf_addf(&t, en ? "Decision: passed. The self-evaluation of %s stands as submitted; no "
		                     "rectification is required."
		                   : "结论:复核通过。%s的自评结果经复核属实,无需整改。", full);
	para(p, &t);
	jh_buf_reset(&t);
	jh_buf_addf(&t, en ? "The reviewer's opinion: %s" : "复核意见:%s", review->note);
	para(p, &t);
	if (assess && assess->note[0]) {
		jh_buf_reset(&t);
		jh_buf_addf(&t, en ? "Reasons given with the assessment: %s" : "评估意见:%s", assess->note);
		para(p, &t);
	}
	if (rectify) {
		char day[11];
		local_day(rectify->at, day);
		jh_buf_reset(&t);
		jh_buf_addf(&t, en ? "Every finding was signed off and %s reported the rectification "
		                     "complete on %s."
		                   : "复核发现的问题已全部销号,%s已于 %s 报告整改完成。",
		            full, day);
		para(p, &t);
	}
	jh_buf_reset(&t);
	jh_buf_addf(&t, "%s\n%s", office, rday);
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
	json_decref(fz.root);
	jh_buf_free(&t);
	free(fi);
	free(ev);
	jh_areas_free(areas);
	return rc;
}
