/*
** book_city.c — the city's summary workbook (市级汇总表) across its
** counties: rq->area is a city (or a province: every county in it), and
** the summary covers every year the store holds for it up to rq->year.
**
**   汇总 / Summary   one row per county and year (by county code, then
**        year): code, name, year, schools, failing schools (a school with
**        a stage that fails the per-school rule counts once), per stage
**        the seven difference coefficients (3 decimals, those over the
**        stage's limit highlighted) and whether the stage passes (every
**        coefficient and every school), the verdict's failing and missing
**        items and the verdict.  A stage without schools is left empty.
**   图表 / Charts    the latest year's coefficients per county (the data
**        the charts read, so a reader sees what is drawn) and one column
**        chart per stage: a series per indicator, the counties along the
**        axis, and the stage's limit drawn as a red dashed line across
**        the chart.
**
** Speed: the bench's province has 30,000 schools in 200 counties.  Each
** year is loaded and evaluated once for every county (jhAreaDataLoad),
** never once per county; each county's verdict is computed, counted and
** freed at once (a verdict holds an item per school stage), so memory
** stays one year's data plus a small row per county-year.
**
** The limit line: libxlsxwriter (1.1) cannot combine a column chart with
** a line chart.  The limit is written as the chart's last column series
** (red, dashed, named "限值 0.50"), and when the workbook is closed that
** series is moved out of the chart's <c:barChart> into a <c:lineChart>
** on the same axes (limit_line, the zip rewritten in memory with libzip)
** — the XML Excel itself writes for a column chart with a line.
*/
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* One county-year of the summary. */
typedef struct crow {
	char code[8];
	const char *name;         /* into the latest year's areas (kept) */
	int year;
	size_t schools, failing;
	int has[JH_STAGE__COUNT];
	double cv[JH_STAGE__COUNT][JH_IND__COUNT];
	int cv_pass[JH_STAGE__COUNT][JH_IND__COUNT];
	int stage_pass[JH_STAGE__COUNT];
	size_t items_fail, items_missing;
	jh_verdict_code verdict;
} crow;

typedef struct crows {
	crow *v;
	size_t n, cap;
} crows;

static crow *crow_new(crows *rs)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 64;
		crow *v = realloc(rs->v, cap * sizeof *v);
		if (!v)
			return NULL;
		rs->v = v;
		rs->cap = cap;
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[rs->n]);
	return &rs->v[rs->n++];
}

/* Schools and failing schools of county-year c: a school has a unit per
 * stage, and counts once; it fails when one of its evaluated units fails
 * the per-school rule.  Units are grouped by stage, so the school's units
 * are found by sorting the unit pointers by school. */
typedef struct uref {
	const jh_school_year *school;
	int fails;
} uref;

static int uref_cmp(const void *a, const void *b)
{
	const uref *x = a, *y = b;

	return strcmp(x->school->school_code, y->school->school_code);
}

static jh_code count_schools(const jh_result *r, const jh_county_result *c,
                             crow *row)
{
	uref *u = malloc((c->nunits ? c->nunits : 1) * sizeof *u);

	if (!u)
		return JH_ERR_NOMEM;
	for (size_t k = 0; k < c->nunits; k++) {
		const jh_unit *x = &r->units[c->first_unit + k];
		u[k].school = x->school;
		u[k].fails = x->status == JH_UNIT_EVALUATED && !x->passes;
	}
	qsort(u, c->nunits, sizeof *u, uref_cmp);
	for (size_t k = 0; k < c->nunits;) {
		size_t e = k;
		int fails = 0;
		for (; e < c->nunits && u[e].school == u[k].school; e++)
			fails |= u[e].fails;
		row->schools++;
		row->failing += (size_t)fails;
		k = e;
	}
	free(u);
	return JH_OK;
}

/* The rows of one year's load (ad), names from `names` (the areas kept
 * for the whole workbook). */
static jh_code add_year(const jhAreaData *ad, const jh_areas *names, crows *rs,
                        jh_diags *d)
{
	const jh_result *r = ad->L.res;
	jh_code rc;

	for (size_t k = 0; k < ad->n; k++) {
		const jh_county_result *c = &r->counties[ad->counties[k]];
		const jh_area *a = jh_areas_find(names, c->county_code);
		jh_verdict v;
		crow *row = crow_new(rs);

		if (!row)
			return JH_ERR_NOMEM;
		snprintf(row->code, sizeof row->code, "%s", c->county_code);
		row->name = a && a->name ? a->name : "";
		row->year = c->year;
		if ((rc = count_schools(r, c, row)))
			return rc;
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			const jh_stage_result *sr = &c->stage[st];
			row->has[st] = sr->schools > 0;
			row->stage_pass[st] = sr->passes;
			for (int i = 0; i < JH_IND__COUNT; i++) {
				row->cv[st][i] = sr->cv[i];
				row->cv_pass[st][i] = sr->cv_pass[i];
			}
		}
		if ((rc = jh_verdict_county(r, ad->counties[k], ad->L.items, &v, d)))
			return rc;
		for (size_t i = 0; i < v.count; i++) {
			row->items_fail += v.items[i].status == JH_ITEM_FAIL;
			row->items_missing += v.items[i].status == JH_ITEM_MISSING;
		}
		row->verdict = v.verdict;
		jh_verdict_free(&v);
	}
	return JH_OK;
}

static int crow_cmp(const void *a, const void *b)
{
	const crow *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x->year > y->year) - (x->year < y->year);
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The years before rq->year with data of a county within the area,
 * ascending, into years[] (malloc'd; *n of them). */
static jh_code earlier_years(jh_store *s, const jh_report_request *rq,
                             const jh_areas *areas, int **years, size_t *n,
                             jh_diags *d)
{
	jh_county_year_key *cy = NULL;
	size_t ncy = 0, k = 0;
	jh_code rc;

	*years = NULL;
	*n = 0;
	if ((rc = jh_store_county_years(s, &cy, &ncy, d)))
		return rc;
	if (ncy && !(*years = malloc(ncy * sizeof **years))) {
		free(cy);
		return JH_ERR_NOMEM;
	}
	for (size_t i = 0; i < ncy; i++)
		if (cy[i].year < rq->year && jh_area_within(areas, cy[i].county, rq->area))
			(*years)[k++] = cy[i].year;
	free(cy);
	if (k)
		qsort(*years, k, sizeof **years, int_cmp);
	for (size_t i = 0; i < k; i++)
		if (!*n || (*years)[*n - 1] != (*years)[i])
			(*years)[(*n)++] = (*years)[i];
	return JH_OK;
}

/* Columns of the summary: identity, then per stage 7 coefficients and
 * the stage's answer, then the verdict. */
enum { CS_CODE, CS_NAME, CS_YEAR, CS_SCHOOLS, CS_FAILING, CS_STAGE0 };
#define CS_STAGE(st) (CS_STAGE0 + (st) * (JH_IND__COUNT + 1))
#define CS_FAIL_ITEMS CS_STAGE(JH_STAGE__COUNT)
#define CS_MISSING (CS_FAIL_ITEMS + 1)
#define CS_VERDICT (CS_FAIL_ITEMS + 2)
#define CS__N (CS_FAIL_ITEMS + 3)

static const char *verdict_name(jh_verdict_code v, const char *lang)
{
	return v == JH_VERDICT_PASS ? JH_L(lang, "达到优质均衡", "pass") :
	       v == JH_VERDICT_FAIL ? JH_L(lang, "未达到", "fail") :
	       JH_L(lang, "数据不全", "incomplete");
}

static void summary_sheet(jhBook *b, const crows *rs, const jh_standard *std,
                          const char *title, const char *sub, const char *lang)
{
	lxw_worksheet *ws = jhBookSheet(b, JH_L(lang, "汇总", "Summary"), 1, 4, sub);
	const char *idh[CS_STAGE0] = {
		JH_L(lang, "县(市、区)代码", "County code"), JH_L(lang, "县(市、区)名称", "County"),
		JH_L(lang, "年度", "Year"), JH_L(lang, "学校数", "Schools"),
		JH_L(lang, "未达标学校数", "Failing schools"),
	};
	const char *tail[3] = {
		JH_L(lang, "不达标项数", "Items failing"), JH_L(lang, "缺少数据项数", "Items missing"),
		JH_L(lang, "结论", "Verdict"),
	};
	char head[160];

	jhBookHead(b, ws, CS__N - 1, title, sub);
	for (int k = 0; k < CS_STAGE0; k++)
		worksheet_merge_range(ws, 2, (lxw_col_t)k, 3, (lxw_col_t)k, idh[k], b->fmt_head);
	for (int k = 0; k < 3; k++)
		worksheet_merge_range(ws, 2, (lxw_col_t)(CS_FAIL_ITEMS + k), 3,
		                      (lxw_col_t)(CS_FAIL_ITEMS + k), tail[k], b->fmt_head);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		snprintf(head, sizeof head, JH_L(lang, "%s差异系数(≤%.2f)",
		                                 "%s difference coefficients (≤ %.2f)"),
		         jh_stage_name((jh_stage)st, lang), std->cv_limit[st]);
		worksheet_merge_range(ws, 2, (lxw_col_t)CS_STAGE(st), 2,
		                      (lxw_col_t)(CS_STAGE(st) + JH_IND__COUNT), head, b->fmt_head);
		for (int i = 0; i < JH_IND__COUNT; i++)
			worksheet_write_string(ws, 3, (lxw_col_t)(CS_STAGE(st) + i),
			                       jh_indicator_short((jh_indicator)i, lang), b->fmt_head);
		worksheet_write_string(ws, 3, (lxw_col_t)(CS_STAGE(st) + JH_IND__COUNT),
		                       JH_L(lang, "学段达标", "Stage passes"), b->fmt_head);
	}
	for (size_t k = 0; k < rs->n; k++) {
		const crow *c = &rs->v[k];
		int row = 4 + (int)k;

		jhBookText(b, ws, row, CS_CODE, c->code, 0);
		jhBookText(b, ws, row, CS_NAME, c->name, 0);
		jhBookNum(b, ws, row, CS_YEAR, c->year, 0, 0);
		jhBookNum(b, ws, row, CS_SCHOOLS, (double)c->schools, 0, 0);
		jhBookNum(b, ws, row, CS_FAILING, (double)c->failing, 0, c->failing > 0);
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			for (int i = 0; i < JH_IND__COUNT; i++) {
				if (c->has[st] && isfinite(c->cv[st][i]))
					jhBookNum(b, ws, row, CS_STAGE(st) + i, c->cv[st][i], 3,
					          !c->cv_pass[st][i]);
				else
					jhBookText(b, ws, row, CS_STAGE(st) + i, c->has[st] ? "—" : "",
					           c->has[st]);
			}
			jhBookText(b, ws, row, CS_STAGE(st) + JH_IND__COUNT,
			           c->has[st] ? jhBookYes(lang, c->stage_pass[st]) : "",
			           c->has[st] && !c->stage_pass[st]);
		}
		jhBookNum(b, ws, row, CS_FAIL_ITEMS, (double)c->items_fail, 0, c->items_fail > 0);
		jhBookNum(b, ws, row, CS_MISSING, (double)c->items_missing, 0, 0);
		jhBookText(b, ws, row, CS_VERDICT, verdict_name(c->verdict, lang),
		           c->verdict == JH_VERDICT_FAIL);
	}
	worksheet_set_row(ws, 3, 30, NULL);
	worksheet_freeze_panes(ws, 4, CS_YEAR + 1);
	worksheet_set_column(ws, CS_CODE, CS_CODE, 9, NULL);
	worksheet_set_column(ws, CS_NAME, CS_NAME, 12, NULL);
	worksheet_set_column(ws, CS_YEAR, CS_FAILING, 7, NULL);
	worksheet_set_column(ws, CS_STAGE0, CS_FAIL_ITEMS - 1, 7.5, NULL);
	worksheet_set_column(ws, CS_FAIL_ITEMS, CS_VERDICT, 9, NULL);
}

/* Chart data columns: the county, then per stage 7 coefficients and the
 * limit. */
#define CH_STAGE(st) (1 + (st) * (JH_IND__COUNT + 1))
#define CH__N CH_STAGE(JH_STAGE__COUNT)

static void charts_sheet(jhBook *b, const crows *rs, const jh_standard *std,
                         int year, const char *sub, const char *lang)
{
	const char *name = JH_L(lang, "图表", "Charts");
	lxw_worksheet *ws = jhBookSheet(b, name, 1, 4, sub);
	char head[160], cats[160], vals[160];
	size_t n = 0;
	int chart_row;

	for (size_t k = 0; k < rs->n; k++)
		if (rs->v[k].year == year)
			n++;
	snprintf(head, sizeof head, JH_L(lang, "%d年度各县(市、区)差异系数",
	                                 "Difference coefficients of each county, %d"), year);
	jhBookHead(b, ws, CH__N - 1, head, sub);
	worksheet_merge_range(ws, 2, 0, 3, 0, JH_L(lang, "县(市、区)", "County"), b->fmt_head);
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		worksheet_merge_range(ws, 2, (lxw_col_t)CH_STAGE(st), 2,
		                      (lxw_col_t)(CH_STAGE(st) + JH_IND__COUNT),
		                      jh_stage_name((jh_stage)st, lang), b->fmt_head);
		for (int i = 0; i < JH_IND__COUNT; i++)
			worksheet_write_string(ws, 3, (lxw_col_t)(CH_STAGE(st) + i),
			                       jh_indicator_short((jh_indicator)i, lang), b->fmt_head);
		worksheet_write_string(ws, 3, (lxw_col_t)(CH_STAGE(st) + JH_IND__COUNT),
		                       JH_L(lang, "限值", "Limit"), b->fmt_head);
	}
	n = 0;
	for (size_t k = 0; k < rs->n; k++) {
		const crow *c = &rs->v[k];
		int row = 4 + (int)n;

		if (c->year != year)
			continue;
		jhBookText(b, ws, row, 0, *c->name ? c->name : c->code, 0);
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			for (int i = 0; i < JH_IND__COUNT; i++)
				if (c->has[st] && isfinite(c->cv[st][i]))
					jhBookNum(b, ws, row, CH_STAGE(st) + i, c->cv[st][i], 3,
					          !c->cv_pass[st][i]);
				else
					jhBookText(b, ws, row, CH_STAGE(st) + i, "", 0);
			jhBookNum(b, ws, row, CH_STAGE(st) + JH_IND__COUNT, std->cv_limit[st], 2, 0);
		}
		n++;
	}
	worksheet_freeze_panes(ws, 4, 1);
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, CH__N - 1, 7.5, NULL);
	chart_row = 4 + (int)n + 2;
	for (int st = 0; st < JH_STAGE__COUNT && n; st++) {
		lxw_chart *ch;
		lxw_chart_series *se;
		lxw_chart_line limit = {0};
		lxw_chart_options opt = {0};
		int any = 0;

		for (size_t k = 0; k < rs->n; k++)
			any |= rs->v[k].year == year && rs->v[k].has[st];
		if (!any)
			continue;
		ch = workbook_add_chart(b->wb, LXW_CHART_COLUMN);
		snprintf(head, sizeof head, JH_L(lang, "%d年度%s差异系数(限值 %.2f)",
		                                 "%d: %s difference coefficients (limit %.2f)"),
		         year, jh_stage_name((jh_stage)st, lang), std->cv_limit[st]);
		chart_title_set_name(ch, head);
		jhBookRange(name, 4, 0, 4 + (int)n - 1, 0, cats, sizeof cats);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			jhBookRange(name, 4, CH_STAGE(st) + i, 4 + (int)n - 1, CH_STAGE(st) + i,
			            vals, sizeof vals);
			se = chart_add_series(ch, cats, vals);
			chart_series_set_name(se, jh_indicator_short((jh_indicator)i, lang));
		}
		/* The limit: written as the last column series, red and
		 * dashed, and moved into a line chart on the same axes when
		 * the workbook is closed (limit_lines). */
		jhBookRange(name, 4, CH_STAGE(st) + JH_IND__COUNT, 4 + (int)n - 1,
		            CH_STAGE(st) + JH_IND__COUNT, vals, sizeof vals);
		se = chart_add_series(ch, cats, vals);
		snprintf(head, sizeof head, JH_L(lang, "限值 %.2f", "Limit %.2f"), std->cv_limit[st]);
		chart_series_set_name(se, head);
		limit.color = 0xC00000;
		limit.width = 2;
		limit.dash_type = LXW_CHART_LINE_DASH_DASH;
		chart_series_set_line(se, &limit);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		chart_axis_set_name(ch->y_axis, JH_L(lang, "差异系数", "Coefficient"));
		chart_axis_set_min(ch->y_axis, 0);
		opt.x_scale = n > 8 ? (n > 64 ? 8 : (double)n / 8) * 2 : 2;
		opt.y_scale = 1.5;
		worksheet_insert_chart_opt(ws, (lxw_row_t)chart_row, 0, ch, &opt);
		chart_row += 25;
	}
}

/* The limit series of a chart's XML (a column chart whose last series is
 * the limit) moved into a line chart on the same axes: what Excel
 * writes for a column chart combined with a line, and what libxlsxwriter
 * 1.1 cannot make itself.  The last <c:ser> of <c:barChart> is cut out,
 * given the parts a line series has (no marker, not smoothed), and put
 * into <c:lineChart> after the bar chart with the bar chart's two axis
 * ids.  0, or -1 when the XML is not as libxlsxwriter writes it (then
 * the chart is left as it is). */
static int limit_line(const char *xml, size_t len, jh_buf *out)
{
	const char *end = xml + len;
	const char *bar = strstr(xml, "<c:barChart>");
	const char *bar_end = bar ? strstr(bar, "</c:barChart>") : NULL;
	const char *ser = NULL, *ser_end, *ax, *sp, *p;

	if (!bar || !bar_end || bar_end > end)
		return -1;
	for (p = bar; (p = strstr(p, "<c:ser>")) && p < bar_end; p++)
		ser = p;
	if (!ser || !(ser_end = strstr(ser, "</c:ser>")) || ser_end > bar_end)
		return -1;
	ser_end += strlen("</c:ser>");
	if (!(ax = strstr(ser_end, "<c:axId ")) || ax > bar_end)
		return -1;
	if (!(sp = strstr(ser, "</c:spPr>")) || sp > ser_end)
		return -1;
	sp += strlen("</c:spPr>");
	jh_buf_add(out, xml, (size_t)(ser - xml));
	jh_buf_add(out, ser_end, (size_t)(bar_end - ser_end));
	jh_buf_adds(out, "</c:barChart><c:lineChart><c:grouping val=\"standard\"/>"
	                 "<c:varyColors val=\"0\"/>");
	jh_buf_add(out, ser, (size_t)(sp - ser));
	jh_buf_adds(out, "<c:marker><c:symbol val=\"none\"/></c:marker>");
	jh_buf_add(out, sp, (size_t)(ser_end - strlen("</c:ser>") - sp));
	jh_buf_adds(out, "<c:smooth val=\"0\"/></c:ser><c:marker val=\"1\"/>");
	jh_buf_add(out, ax, (size_t)(bar_end - ax));
	jh_buf_adds(out, "</c:lineChart>");
	bar_end += strlen("</c:barChart>");
	jh_buf_add(out, bar_end, (size_t)(end - bar_end));
	return out->oom ? -1 : 0;
}

/* The workbook in raw with every chart's limit as a line (limit_line),
 * appended to out.  The zip is rewritten in memory (libzip). */
static jh_code limit_lines(const jh_buf *raw, jh_buf *out, jh_diags *d)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	jh_buf xml[JH_STAGE__COUNT], fixed[JH_STAGE__COUNT];
	jh_code rc = JH_OK;
	int k;

	char *copy = malloc(raw->len ? raw->len : 1);

	/* libzip's own copy: a buffer source written to may free the
	 * buffer it was made from. */
	if (!copy)
		return JH_ERR_NOMEM;
	memcpy(copy, raw->data, raw->len);
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(copy, raw->len, 1, &ze))) {
		free(copy);
		return JH_ERR_NOMEM;
	}
	zip_source_keep(src);
	if (!(z = zip_open_from_source(src, 0, &ze))) {
		zip_source_free(src);
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx",
		             zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return JH_ERR_IO;
	}
	for (k = 0; k < JH_STAGE__COUNT; k++) {
		char part[40];
		zip_int64_t i;
		zip_file_t *f;
		char chunk[8192];
		zip_int64_t n;

		jh_buf_init(&xml[k]);
		jh_buf_init(&fixed[k]);
		snprintf(part, sizeof part, "xl/charts/chart%d.xml", k + 1);
		if ((i = zip_name_locate(z, part, 0)) < 0 || !(f = zip_fopen_index(z, (zip_uint64_t)i, 0)))
			continue;
		while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
			jh_buf_add(&xml[k], chunk, (size_t)n);
		zip_fclose(f);
		jh_buf_addc(&xml[k], 0);
		if (xml[k].oom)
			rc = JH_ERR_NOMEM;
		else if (!limit_line(xml[k].data, xml[k].len - 1, &fixed[k])) {
			zip_source_t *ns = zip_source_buffer(z, fixed[k].data, fixed[k].len, 0);
			if (!ns || zip_file_replace(z, (zip_uint64_t)i, ns, 0) < 0) {
				zip_source_free(ns);
				rc = JH_ERR_NOMEM;
			}
		}
	}
	if (zip_close(z) < 0) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "xlsx",
		             zip_strerror(z));
		zip_discard(z);
		rc = JH_ERR_IO;
	}
	if (!rc && zip_source_open(src) == 0) {
		char chunk[65536];
		zip_int64_t n;
		jh_buf tmp = JH_BUF_INIT;
		while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
			jh_buf_add(&tmp, chunk, (size_t)n);
		zip_source_close(src);
		if (n < 0 || tmp.oom)
			rc = JH_ERR_NOMEM;
		else
			jh_buf_add(out, tmp.data, tmp.len);
		jh_buf_free(&tmp);
	} else if (!rc) {
		rc = JH_ERR_IO;
	}
	zip_source_free(src);
	for (k = 0; k < JH_STAGE__COUNT; k++) {
		jh_buf_free(&xml[k]);
		jh_buf_free(&fixed[k]);
	}
	zip_error_fini(&ze);
	return rc ? rc : out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jhReportCity(jh_store *s, const jh_user *who, const jh_report_request *rq,
                     jh_buf *out, jh_diags *d)
{
	const char *lang = jhReportLang(rq);
	jhAreaData latest, ad;
	crows rs = {0};
	jh_buf raw = JH_BUF_INIT;
	int *years = NULL;
	size_t nyears = 0;
	char title[300], sub[300];
	jhBook b;
	jh_code rc;

	(void)who;
	/* The latest year first: it must have data, and its areas name
	 * every county of the workbook. */
	if ((rc = jhAreaDataLoad(s, rq, &latest, d))) {
		jhAreaDataFree(&latest);
		return rc;
	}
	rc = earlier_years(s, rq, latest.L.areas, &years, &nyears, d);
	for (size_t y = 0; !rc && y < nyears; y++) {
		jh_report_request q = *rq;
		jh_diags quiet = JH_DIAGS_INIT;

		q.year = years[y];
		/* A year whose rows are all gone as of rq->as_of: no rows. */
		rc = jhAreaDataLoad(s, &q, &ad, &quiet);
		if (rc == JH_ERR_NOTFOUND)
			rc = JH_OK;
		else if (!rc)
			rc = add_year(&ad, latest.L.areas, &rs, d);
		else
			jhDiagsCopy(d, &quiet);
		jh_diags_free(&quiet);
		jhAreaDataFree(&ad);
	}
	if (!rc)
		rc = add_year(&latest, latest.L.areas, &rs, d);
	if (!rc) {
		qsort(rs.v, rs.n, sizeof *rs.v, crow_cmp);
		rc = jhBookOpen(&b, lang, d);
	}
	if (!rc) {
		snprintf(title, sizeof title, JH_L(lang, "%s义务教育优质均衡发展汇总表",
		                                   "%s: summary across counties and years"),
		         *latest.area_name ? latest.area_name : rq->area);
		jhBookSubline(lang, latest.title, rq->year, latest.generated, sub, sizeof sub);
		summary_sheet(&b, &rs, &latest.L.std, title, sub, lang);
		charts_sheet(&b, &rs, &latest.L.std, rq->year, sub, lang);
		rc = jhBookClose(&b, &raw, d);
		if (!rc)
			rc = limit_lines(&raw, out, d);
	}
	jh_buf_free(&raw);
	free(rs.v);
	free(years);
	jhAreaDataFree(&latest);
	return rc;
}
