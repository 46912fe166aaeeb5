/*
** test_report_docs.c — the review opinion (督导评估意见书), the progress
** notice (督导通报) and the school profile (lib/report/review.c,
** notice.c, school.c), read back with poppler-utils.
**
** The store holds data/sample's 2024 (areas, schools, county-year
** records, survey), imported as revision 1 on 2025-01-10: 江州市 369900
** with counties 369901…369907.  The cycle is played as the offices would:
**
**   369904 云岭县 (fails: 10 items, `junheng verdict --year 2024`)
**     2025-02-20 submitted by the county (yunling);
**     2025-06-01 reviewed by the city (jiangzhou) with two findings:
**       县域教师交流轮岗比例不足, county-wide, due 2025-12-31;
**       高坪乡中学美术教室面积不足, school 2136990409, due 2025-10-31;
**   369901 江城区 (passes), target year 2025:
**     2025-02-20 submitted; 2025-03-01 reviewed without findings;
**     2025-03-02 rectified; 2025-03-10 applied; 2025-03-20 assessed,
**     forwarded to the province.
**
** The documents are made on 2025-11-05, when the second finding is
** overdue.  Every PDF is written to tests/out/ (rpt_pdftext) and its
** first page rendered to PNG there for a person to look at.
*/
#include "testutil.h"
#include "report/report_int.h"
#define RPT_PDF_STACKS
#include "reportutil.h"

static long long clock_at;
static long long fixed_clock(void *ctx)
{
	(void)ctx;
	return clock_at;
}

static void today_is(int y, int mo, int d)
{
	clock_at = jhLocalSeconds(y, mo, d, 12, 0, 0);
}

static char dir[64], path[96];
static jh_store *S;
static jh_user ADMIN, CITY, COUNTY, OTHER_COUNTY;

static void step(const jh_user *u, const char *county, jh_cycle_step st, jh_cycle_input *in)
{
	jh_cycle_row r;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf out = JH_BUF_INIT;
	jh_code rc;

	assert_int_equal(jh_store_cycle_get(S, county, 2024, &r, &d), JH_OK);
	in->version = r.version;
	rc = jh_cycle_act(S, u, county, 2024, st, in, &out, &d);
	if (rc)
		rpt_print_diags(&d);
	assert_int_equal(rc, JH_OK);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

static void play_cycles(void);

static int group_setup(void **state)
{
	static const char *const files[] = {
		"data/sample/areas.csv", "data/sample/schools-2024.csv",
		"data/sample/county-2024.csv", "data/sample/survey-2024.csv",
	};
	jh_diags d = JH_DIAGS_INIT;
	jh_code rc;

	(void)state;
	setenv("JUNHENG_TZ", "Asia/Shanghai", 1);
	unsetenv("JUNHENG_TODAY");
	snprintf(dir, sizeof dir, "/tmp/jh_test_rdocs.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/r.db", dir);
	if ((rc = jh_store_init(path, &S, &d)))
		rpt_print_diags(&d);
	jh_diags_free(&d);
	if (!rc) {
		jh_store_set_clock(S, fixed_clock, NULL);
		today_is(2025, 1, 10);
		rc = rpt_import_files(S, files, 4, "示例数据");
	}
	ADMIN = rpt_user(JH_ROLE_ADMIN, "", "admin");
	CITY = rpt_user(JH_ROLE_CITY, "369900", "jiangzhou");
	COUNTY = rpt_user(JH_ROLE_COUNTY, "369904", "yunling");
	OTHER_COUNTY = rpt_user(JH_ROLE_COUNTY, "369901", "jiangcheng");
	if (!rc)
		play_cycles();
	return rc ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	jh_store_close(S);
	rm_rf(dir);
	return 0;
}

/* Play the two cycles of the file's comment. */
static void play_cycles(void)
{
	jh_cycle_input in;
	jh_cycle_finding f[2];
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;
	static const char plan[] = "{\"version\":0,\"target_year\":2025}";
	static const char plan_late[] = "{\"version\":0,\"target_year\":2024}";

	/* 369904: submitted, reviewed with two findings. */
	today_is(2025, 2, 20);
	memset(&in, 0, sizeof in);
	in.explanation = "高坪乡中学等 7 所学校(学段)未达标:教师编制未补齐,2025 年秋季补充";
	step(&COUNTY, "369904", JH_STEP_SUBMIT, &in);
	today_is(2025, 6, 1);
	memset(&in, 0, sizeof in);
	memset(f, 0, sizeof f);
	in.opinion = "资源配置仍有短板,限期整改";
	f[0].what_zh = "县域教师交流轮岗比例不足";
	f[0].what_en = "Too few teachers rotated across schools";
	f[0].deadline = "2025-12-31";
	f[1].what_zh = "高坪乡中学美术教室面积不足";
	f[1].what_en = "Art room of Gaoping junior school too small";
	f[1].school = "2136990409";
	f[1].measure = "秋季学期前改建 1 间";
	f[1].deadline = "2025-10-31";
	in.findings = f;
	in.nfindings = 2;
	step(&CITY, "369904", JH_STEP_REVIEW, &in);

	/* 369901: target year 2025, the whole cycle to forwarded. */
	today_is(2025, 1, 15);
	assert_int_equal(jh_creation_put(S, &CITY, "369901", plan, strlen(plan), &out, &d), JH_OK);
	/* 369904's target year was 2024: over, never forwarded. */
	jh_buf_reset(&out);
	if (jh_creation_put(S, &CITY, "369904", plan_late, strlen(plan_late), &out, &d))
		rpt_print_diags(&d);
	assert_int_equal(d.count, 0);
	today_is(2025, 2, 20);
	memset(&in, 0, sizeof in);
	in.explanation = "各项指标均已达标";
	step(&OTHER_COUNTY, "369901", JH_STEP_SUBMIT, &in);
	today_is(2025, 3, 1);
	memset(&in, 0, sizeof in);
	in.opinion = "自评结果属实";
	step(&CITY, "369901", JH_STEP_REVIEW, &in);
	today_is(2025, 3, 2);
	memset(&in, 0, sizeof in);
	step(&OTHER_COUNTY, "369901", JH_STEP_RECTIFY, &in);
	today_is(2025, 3, 10);
	step(&OTHER_COUNTY, "369901", JH_STEP_APPLY, &in);
	today_is(2025, 3, 20);
	memset(&in, 0, sizeof in);
	in.decision = "forwarded";
	step(&CITY, "369901", JH_STEP_ASSESS, &in);
	today_is(2025, 11, 5);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

static jh_code build(jh_report_kind kind, const char *area, const char *school,
                     const char *lang, const jh_user *who, jh_buf *out, jh_diags *d)
{
	jh_report_request rq;
	jh_code rc;

	memset(&rq, 0, sizeof rq);
	rq.kind = kind;
	rq.area = area;
	rq.year = 2024;
	rq.school = school;
	rq.lang = lang;
	rc = jh_report_build(S, who, &rq, out, d);
	return rc;
}

/* s without any white space (pdftotext breaks lines where the page
 * wraps them, and a Chinese line is broken without a space). */
static void squeeze(const char *s, jh_buf *out)
{
	jh_buf_reset(out);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\f' && *s != '\r')
			jh_buf_addc(out, *s);
	jh_buf_addc(out, 0);
	out->len--;
}

/* Build, expect success, save it (tests/out/NAME, with pdftotext -layout
 * and page 1 as PNG beside it for a person to look at), and read its text
 * back in content order (-raw) without white space into text. */
static void pdf_text(jh_report_kind kind, const char *area, const char *school,
                     const char *lang, const char *name, jh_buf *pdf, jh_buf *text)
{
	jh_diags d = JH_DIAGS_INIT;
	jh_buf o = JH_BUF_INIT, layout = JH_BUF_INIT;
	char cmd[400];
	jh_code rc = build(kind, area, school, lang, &CITY, pdf, &d);

	if (rc)
		rpt_print_diags(&d);
	assert_int_equal(rc, JH_OK);
	assert_true(pdf->len > 1000);
	assert_memory_equal(pdf->data, "%PDF-", 5);
	rpt_pdftext(pdf, name, &layout);
	snprintf(cmd, sizeof cmd, "pdftoppm -r 70 -png -f 1 -l 1 'tests/out/%s' 'tests/out/%.*s'",
	         name, (int)(strlen(name) - 4), name);
	assert_int_equal(rpt_run(cmd, &o), 0);
	jh_buf_reset(&o);
	snprintf(cmd, sizeof cmd, "pdftotext -raw 'tests/out/%s' -", name);
	assert_int_equal(rpt_run(cmd, &o), 0);
	squeeze(o.data, text);
	jh_buf_free(&o);
	jh_buf_free(&layout);
	jh_diags_free(&d);
}

/* The text (squeezed) has s in it, white space aside. */
#define assert_has(text, s) do { \
		jh_buf want_ = JH_BUF_INIT; \
		squeeze((s), &want_); \
		if (!strstr((text)->data, want_.data)) \
			fail_msg("missing \"%s\" in:\n%s", (s), (text)->data); \
		jh_buf_free(&want_); \
	} while (0)
#define assert_hasnt(text, s) do { \
		jh_buf want_ = JH_BUF_INIT; \
		squeeze((s), &want_); \
		if (strstr((text)->data, want_.data)) \
			fail_msg("unexpected \"%s\" in:\n%s", (s), (text)->data); \
		jh_buf_free(&want_); \
	} while (0)

/* The page count of tests/out/NAME, from pdfinfo. */
static int pages_of(const char *name)
{
	jh_buf info = JH_BUF_INIT, sq = JH_BUF_INIT;
	char cmd[300];
	const char *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "pdfinfo 'tests/out/%s'", name);
	assert_int_equal(rpt_run(cmd, &info), 0);
	squeeze(info.data, &sq);
	if ((p = strstr(sq.data, "Pages:")))
		n = atoi(p + 6);
	jh_buf_free(&info);
	jh_buf_free(&sq);
	return n;
}

static void test_review(void **state)
{
	jh_buf pdf = JH_BUF_INIT, text = JH_BUF_INIT;

	(void)state;
	pdf_text(JH_RK_REVIEW, "369904", NULL, NULL, "review-369904.pdf", &pdf, &text);
	assert_has(&text, "督导评估意见书");
	assert_has(&text, "江州市云岭县");
	/* The issuer: the office of the county's city. */
	assert_has(&text, "江州市人民政府教育督导室");
	/* Submitted and reviewed on the days played; by whom. */
	assert_has(&text, "2025-02-20");
	assert_has(&text, "2025-06-01");
	assert_has(&text, "jiangzhou");
	/* The data frozen at the submission: the import was revision 1. */
	assert_has(&text, "数据版本 1");
	/* The verdict frozen then: 93 items = 1 prerequisite + 46 school
	 * stages + 14 coefficients + 18 guarantee + 9 quality + 1
	 * recognition + 4 veto; failing 10 = 7 school stages (the verdict's
	 * 39/46) + the junior key-teacher coefficient (0.650 > 0.45) +
	 * guarantee.3 (rooms) + guarantee.5 (class size); 93 − 10 = 83. */
	assert_has(&text, "共 93 项");
	assert_has(&text, "达标 83 项");
	assert_has(&text, "未达标 10 项");
	/* The county's explanation. */
	assert_has(&text, "教师编制未补齐");
	/* Each finding with its deadline; on 2025-11-05 the second (due
	 * 2025-10-31, open) is overdue, the first (due 2025-12-31) not. */
	assert_has(&text, "县域教师交流轮岗比例不足");
	assert_has(&text, "2025-12-31");
	assert_has(&text, "高坪乡中学美术教室面积不足");
	assert_has(&text, "2025-10-31");
	assert_has(&text, "秋季学期前改建 1 间");
	assert_has(&text, "待整改(逾期)");
	assert_has(&text, "复核发现问题 2 项");
	/* The decision and the reviewer's text. */
	assert_has(&text, "退回整改");
	assert_has(&text, "资源配置仍有短板,限期整改");
	assert_hasnt(&text, "同意报省");

	/* English: one language. */
	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_REVIEW, "369904", NULL, "en", "review-369904-en.pdf", &pdf, &text);
	assert_has(&text, "Review Opinion");
	assert_has(&text, "returned for rectification");
	assert_has(&text, "Too few teachers rotated");
	assert_has(&text, "(overdue)");
	assert_has(&text, "83 pass, 10 fail");
	assert_hasnt(&text, "督导评估意见书");
	assert_hasnt(&text, "退回整改");

	/* 369901: reviewed without findings, then assessed and forwarded. */
	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_REVIEW, "369901", NULL, NULL, "review-369901.pdf", &pdf, &text);
	assert_has(&text, "江州市江城区");
	assert_has(&text, "同意报省");
	assert_has(&text, "复核未发现需要整改的问题");
	assert_has(&text, "自评结果属实");
	assert_has(&text, "2025-03-20");
	jh_buf_free(&pdf);
	jh_buf_free(&text);
}

/* A county-year the city has not reviewed: refused, nothing appended. */
static void test_review_none(void **state)
{
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	jh_buf_adds(&out, "kept");
	/* 369902 never submitted. */
	assert_int_equal(build(JH_RK_REVIEW, "369902", NULL, NULL, &CITY, &out, &d), JH_ERR_NOTFOUND);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].problem, JH_P_REPORT_NO_REVIEW);
	assert_string_equal(d.items[0].arg, "369902/2024");
	assert_int_equal(out.len, 4);
	assert_memory_equal(out.data, "kept", 4);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

static void test_notice(void **state)
{
	jh_buf pdf = JH_BUF_INIT, text = JH_BUF_INIT;

	(void)state;
	pdf_text(JH_RK_NOTICE, "369900", NULL, NULL, "notice-369900.pdf", &pdf, &text);
	assert_has(&text, "督导通报");
	assert_has(&text, "江州市人民政府教育督导室");
	/* Dated today (2025-11-05 is in 2024 + 1): the 2024 cycle. */
	assert_has(&text, "2025-11-05");
	assert_has(&text, "共有 7 个县(市、区)");
	/* Workflow of 2024: 369901 assessed, 369904 reviewed, the other
	 * five still self-evaluating. */
	assert_has(&text, "自评中 5 个");
	assert_has(&text, "已复核 1 个");
	assert_has(&text, "已评估 1 个");
	/* The ledger holds only 369904's two findings: both open, the one
	 * due 2025-10-31 overdue; none signed off. */
	assert_has(&text, "未销号 2 项,其中逾期 1 项");
	/* Summoned (the notice's rule): the five counties that have not
	 * submitted by 2025-02-28; 369904 submitted in time and has no
	 * supervised item; 369901 took every step in time.  Behind schedule
	 * besides: 369904, whose target year 2024 is over without a cycle
	 * forwarded (jh_creation_behind): 6 of 7. */
	assert_has(&text, "7 个县(市、区)中有 6 个进度滞后(其中 5 个予以约谈)");
	assert_has(&text, "安平县(369902):2024 年度上报自评和整改情况逾期(期限 2025-02-28,尚未办理);予以约谈。");
	assert_has(&text, "新丰县(369907)");
	assert_has(&text, "云岭县(369904):创建目标年份 2024 年已过,尚未经市级评估报省。");
	assert_hasnt(&text, "江城区(369901)");
	/* The chart's title. */
	assert_has(&text, "各县(市、区)台账逾期事项数");

	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_NOTICE, "369900", NULL, "en", "notice-369900-en.pdf", &pdf, &text);
	assert_has(&text, "Progress Notice");
	assert_has(&text, "6 of 7 counties are behind schedule (5 summoned)");
	assert_has(&text, "target year 2024 over without forwarding to the province");
	assert_has(&text, "2 items not signed off, of which 1 overdue");
	assert_hasnt(&text, "督导通报");
	jh_buf_free(&pdf);
	jh_buf_free(&text);
}

static void test_school(void **state)
{
	jh_buf pdf = JH_BUF_INIT, text = JH_BUF_INIT;

	(void)state;
	pdf_text(JH_RK_SCHOOL, "369904", "2136990409", NULL, "school-2136990409.pdf", &pdf, &text);
	assert_has(&text, "高坪乡中学");
	assert_has(&text, "2136990409");
	assert_has(&text, "初级中学");
	assert_has(&text, "江州市云岭县");
	/* Its row: 654 junior pupils, 16 classes, largest class 41, 61
	 * full-time teachers. */
	assert_has(&text, "654");
	assert_has(&text, "61");
	/* Indicators (junior thresholds of the national standard):
	 *   qualified 25 / 654 × 100 = 3.82 < 5.3, under 85% (4.505);
	 *   key 2 / 654 × 100 = 0.31 < 1, under 0.85;
	 *   PE/art 4 / 654 × 100 = 0.61 < 0.9, under 0.765;
	 *   teaching area 5025.1 / 654 = 7.68 ≥ 5.8;
	 *   sports 10497.5 / 654 = 16.05 ≥ 10.2;
	 *   equipment 1737436 / 654 = 2,656.63 ≥ 2,500;
	 *   multimedia 13 / 654 × 100 = 1.99 < 2.4, under 2.04.
	 * 3 met, 4 under the floor: fails the per-school rule. */
	assert_has(&text, "3.82");
	assert_has(&text, "0.31");
	assert_has(&text, "0.61");
	assert_has(&text, "7.68");
	assert_has(&text, "16.05");
	assert_has(&text, "2,656.63");
	assert_has(&text, "1.99");
	assert_has(&text, "低于85%");
	assert_has(&text, "7 项指标中 3 项达到标准,4 项低于标准值的 85%");
	assert_has(&text, "不符合单校要求");
	/* Items: rooms short (16 classes need ceil(16 / 12) = 2 of each:
	 * music 3, art 2, but the art room's 72 ㎡ < 90 ㎡): the verdict
	 * names it; size 654 ≤ 2000, class 41 ≤ 50 and training funds
	 * 40220 / 627840 = 6.41% ≥ 5% meet. */
	assert_has(&text, "最小 72 ㎡");
	assert_has(&text, "不达标");
	assert_has(&text, "义务教育阶段在校生 654 人");
	assert_has(&text, "初中最大班额 41 人");
	assert_has(&text, "6.41%");
	/* One page. */
	assert_int_equal(pages_of("school-2136990409.pdf"), 1);

	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_SCHOOL, "369904", "2136990409", "en", "school-2136990409-en.pdf", &pdf, &text);
	assert_has(&text, "school profile 2024");
	assert_has(&text, "3 of 7 indicators meet the standard");
	assert_has(&text, "does not meet");
	assert_has(&text, "under 85%");
	assert_hasnt(&text, "学校概况");
	jh_buf_free(&pdf);
	jh_buf_free(&text);
}

/* A nine-year school: both stages side by side, still one page in both
 * languages; a teaching point under 50 pupils: not evaluated, named with
 * its central school. */
static void test_school_stages(void **state)
{
	jh_buf pdf = JH_BUF_INIT, text = JH_BUF_INIT;

	(void)state;
	pdf_text(JH_RK_SCHOOL, "369904", "2136990405", NULL, "school-2136990405.pdf", &pdf, &text);
	assert_has(&text, "云岭县实验学校");
	assert_has(&text, "九年一贯制学校");
	/* 1,292 primary and 518 junior pupils; qualified teachers 74 / 1292
	 * × 100 = 5.73 (primary) and 41 / 518 × 100 = 7.92 (junior); key
	 * teachers 31 / 1292 × 100 = 2.40 and 9 / 518 × 100 = 1.74. */
	assert_has(&text, "1,292");
	assert_has(&text, "518");
	assert_has(&text, "5.73");
	assert_has(&text, "7.92");
	assert_has(&text, "2.40");
	assert_has(&text, "1.74");
	assert_has(&text, "小学 本校");
	assert_has(&text, "初中 本校");
	assert_has(&text, "小学段:7 项指标中 7 项达到标准");
	assert_has(&text, "初中段:7 项指标中 7 项达到标准");
	assert_int_equal(pages_of("school-2136990405.pdf"), 1);
	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_SCHOOL, "369904", "2136990405", "en", "school-2136990405-en.pdf", &pdf, &text);
	assert_has(&text, "Primary: 7 of 7 indicators meet the standard");
	assert_int_equal(pages_of("school-2136990405-en.pdf"), 1);

	/* 44 pupils < 50: left out of the evaluation; its central school
	 * 2136990408 高坪乡中心小学; rooms not concerned. */
	jh_buf_reset(&pdf);
	jh_buf_reset(&text);
	pdf_text(JH_RK_SCHOOL, "369904", "2136990413", NULL, "school-2136990413.pdf", &pdf, &text);
	assert_has(&text, "高坪乡茶园教学点");
	assert_has(&text, "2136990408 高坪乡中心小学");
	assert_has(&text, "不单独参与评估");
	assert_has(&text, "教学点,不适用");
	assert_hasnt(&text, "资源配置指标");
	assert_int_equal(pages_of("school-2136990413.pdf"), 1);
	jh_buf_free(&pdf);
	jh_buf_free(&text);
}

/* A school of another county is not found in this one; nothing written. */
static void test_school_other_county(void **state)
{
	jh_buf out = JH_BUF_INIT;
	jh_diags d = JH_DIAGS_INIT;

	(void)state;
	/* 2136990101 is a school of 369901 江城区. */
	assert_int_equal(build(JH_RK_SCHOOL, "369904", "2136990101", NULL, &ADMIN, &out, &d),
	                 JH_ERR_NOTFOUND);
	assert_int_equal(d.items[0].problem, JH_P_NOT_FOUND);
	assert_int_equal(out.len, 0);
	jh_diags_free(&d);
	/* And the county office of 369904 cannot reach it through its own
	 * county either. */
	assert_int_not_equal(build(JH_RK_SCHOOL, "369901", "2136990101", NULL, &COUNTY, &out, &d),
	                     JH_OK);
	assert_int_equal(out.len, 0);
	jh_buf_free(&out);
	jh_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_review_none),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_school),
		cmocka_unit_test(test_school_stages),
		cmocka_unit_test(test_school_other_county),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
