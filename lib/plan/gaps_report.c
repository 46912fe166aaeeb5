/*
** gaps_report.c — a county's gaps and plan, gathered and rendered.
**
**   jh_gaps_county   what `junheng gaps` shows of one county-year: each
**                    failing school's own gap (jh_gaps_schools, that
**                    county's schools only) with the music and art rooms
**                    it lacks (jh_gaps_rooms) joined in — a school short
**                    of rooms is short of them whatever else it lacks;
**   jh_gaps_report   those gaps and the county plan (jh_plan_county) as
**                    text for people (Chinese, or English with lang
**                    "en"), JSON or CSV for programs, so that the command
**                    and a web server print the same thing.
**
** Text, for people, in one language: the county's name beside its code
** when the result knows it; every amount with its unit (名, ㎡, 元, 间 /
** m², yuan), its unit price and what it costs, money and counts with
** thousands separators (jhGrouped), yuan rounded to whole yuan, the
** plan's gap to 4 decimals of a percent.  New teachers of a stage are
** one count with its kinds under it ("新增初中专任教师 12 名,共 … 元,
** 其中:高于规定学历教师 5 名 × …"): each teacher added is of one kind
** and the stage's teachers grow by their sum (plan.c), so the kinds add
** up to the count and their prices to its cost.  What no addition fixes
** (class and school sizes, jh_plan.beyond) has its own section, and the
** plan's heading says it is not covered; a school that gives its classes
** in size bands (issue 14) is listed there with its classes over the
** maximum and, of those, its 大班额 (56 pupils and more) and 超大班额 (66
** and more), and the section ends with the county's two counts over
** those schools (only when some school gives bands, so that the outputs
** of files without bands do not change).
** JSON (the library's JSON writer, one value a line): every figure
** unrounded, in its shortest exact form; "beyond" beside "schools", and
** the plan's county_name, rooms_cost and each school's name.  CSV: one
** row per school and per column added, for programs and spreadsheets,
** after a UTF-8 BOM, every text cell through the library's CSV cell
** writer, in one language: with lang "en" the keys below, otherwise the
** same columns with Chinese headers and values (记录 单校补足…, template
** column names, 元/名/㎡/间/人); the columns are
**   record,county_code,year,school_code,school_name,field,amount,cost,
**   status,lower_bound,gap,unreachable,county_name,unit,limit
** with record one of gap (a school's own gap: its cost, "unreachable" in
** status when no addition makes it pass, then stage:indicator;... in
** unreachable), gap_add (one column of it: field, amount, unit: teachers,
** teachers_in_all for the stage's total, m2, yuan or rooms), beyond (a
** class or school too large: field, amount, status class_size or
** school_size, limit; from size bands three rows, classes over the
** maximum, 大班额 and 超大班额, in classes, status class_size,
** large_classes or huge_classes, limit the maximum, 55 or 65), plan (the county plan: cost, status, lower_bound,
** gap, the unreachable school), plan_school (a school of the plan: its
** cost) and plan_add.
**
** Nothing here owns what it renders; jh_gaps_county's array is the
** caller's (free()).
*/
#include "plan_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

jh_code jh_gaps_county(const jh_result *r, size_t county,
                       const jh_costs *costs, jh_addition **out, size_t *n,
                       jh_diags *diags)
{
	jh_addition *all = NULL, *rooms = NULL, *grown;
	size_t nall = 0, nrooms = 0, k = 0;
	const jh_county_result *cr;
	jh_code rc;

	if (out)
		*out = NULL;
	if (n)
		*n = 0;
	if (!r || !costs || !out || !n || county >= r->ncounties)
		return JH_ERR_ARG;
	cr = &r->counties[county];
	if ((rc = jh_gaps_schools(r, costs, &all, &nall, diags)))
		return rc;
	/* This county-year's schools only (the result may hold others). */
	for (size_t i = 0; i < nall; i++)
		if (!strcmp(all[i].school->county_code, cr->county_code) &&
		    all[i].school->year == cr->year)
			all[k++] = all[i];
	nall = k;
	if ((rc = jh_gaps_rooms(r, county, costs, &rooms, &nrooms, diags))) {
		free(all);
		return rc;
	}
	if (nrooms) {
		if (!(grown = realloc(all, (nall + nrooms) * sizeof *grown))) {
			free(all);
			free(rooms);
			return JH_ERR_NOMEM;
		}
		all = grown;
	}
	for (size_t i = 0; i < nrooms; i++) {
		for (k = 0; k < nall; k++)
			if (all[k].school == rooms[i].school)
				break;
		if (k == nall)
			all[nall++] = rooms[i];
		else {
			for (int f = 0; f < JH_F__COUNT; f++)
				all[k].add[f] += rooms[i].add[f];
			all[k].cost += rooms[i].cost;
		}
	}
	free(rooms);
	if (!nall) {
		free(all);
		all = NULL;
	}
	*out = all;
	*n = nall;
	return JH_OK;
}

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

/* --- text -------------------------------------------------------------- */

/* Whole amounts and yuan with thousands separators ("7,935,187"); a unit
 * price that is not whole to 2 decimals. */
static const char *grouped(double v, char out[JH_NUMBER_MAX])
{
	jhGrouped(v, v == floor(v) ? 0 : 2, out);
	return out;
}

/* The teacher kinds of a stage, each one added a different new teacher
 * (plan.c: teachers_<stage> grows by their sum). */
static const struct tkind {
	jh_field f[JH_STAGE__COUNT];
	const char *zh, *en;
} tkinds[3] = {
	{{JH_F_QUALIFIED_PRIMARY, JH_F_QUALIFIED_JUNIOR},
	 "高于规定学历教师", "above the required qualification"},
	{{JH_F_KEY_PRIMARY, JH_F_KEY_JUNIOR},
	 "县级及以上骨干教师", "county-level or higher key teachers"},
	{{JH_F_PE_ART_PRIMARY, JH_F_PE_ART_JUNIOR},
	 "体育、艺术(美术、音乐)专任教师", "PE or art (music, fine art) teachers"},
};

/* What else may be added, in the order shown, with its words and unit. */
static const struct other {
	jh_field f;
	const char *zh, *en;
	const char *uzh, *uen;   /* unit after the amount */
} others[] = {
	{JH_F_TEACHING_AREA, "教学及辅助用房面积", "teaching and auxiliary space", "㎡", "m²"},
	{JH_F_SPORTS_AREA, "体育运动场馆面积", "sports grounds and halls", "㎡", "m²"},
	{JH_F_EQUIPMENT_VALUE, "教学仪器设备", "teaching equipment worth", "元", "yuan"},
	{JH_F_MULTIMEDIA_ROOMS, "网络多媒体教室", "networked multimedia rooms:", "间", ""},
	{JH_F_MUSIC_ROOMS, "音乐专用教室", "music rooms:", "间", ""},
	{JH_F_ART_ROOMS, "美术专用教室", "art rooms:", "间", ""},
	{JH_F_MUSIC_ROOM_MIN_AREA, "最小音乐专用教室扩大面积", "smallest music room enlarged by", "㎡", "m²"},
	{JH_F_ART_ROOM_MIN_AREA, "最小美术专用教室扩大面积", "smallest art room enlarged by", "㎡", "m²"},
};

/* One school's additions: per stage, the new teachers as one count with
 * its kinds under it (the kinds add up to the count: each new teacher is
 * of one kind), then space, equipment and rooms, each with its unit, its
 * unit price and what it costs. */
static void text_add(jh_buf *out, const jh_addition *a, const jh_costs *c,
                     const char *lang)
{
	int en = is_en(lang);
	char n[JH_NUMBER_MAX], pr[JH_NUMBER_MAX], t[JH_NUMBER_MAX];

	for (int st = 0; st < 2; st++) {
		double hires = 0, cost = 0;
		for (int k = 0; k < 3; k++) {
			hires += a->add[tkinds[k].f[st]];
			cost += a->add[tkinds[k].f[st]] * jhPlanPrice(c, tkinds[k].f[st]);
		}
		if (hires == 0)
			continue;
		grouped(hires, n);
		grouped(cost, t);
		if (en)
			jh_buf_addf(out, "      %s new %s teacher%s, %s yuan in all, of whom:\n", n,
			            jh_stage_name((jh_stage)st, lang), hires == 1 ? "" : "s", t);
		else
			jh_buf_addf(out, "      新增%s专任教师 %s 名,共 %s 元,其中:\n",
			            jh_stage_name((jh_stage)st, lang), n, t);
		for (int k = 0; k < 3; k++) {
			jh_field f = tkinds[k].f[st];
			if (a->add[f] == 0)
				continue;
			grouped(a->add[f], n);
			grouped(jhPlanPrice(c, f), pr);
			if (en)
				jh_buf_addf(out, "        %s %s × %s yuan\n", n, tkinds[k].en, pr);
			else
				jh_buf_addf(out, "        %s %s 名 × %s 元\n", tkinds[k].zh, n, pr);
		}
	}
	for (size_t k = 0; k < sizeof others / sizeof *others; k++) {
		const struct other *o = &others[k];
		double v = a->add[o->f], price = jhPlanPrice(c, o->f);
		if (v == 0)
			continue;
		grouped(v, n);
		grouped(price, pr);
		grouped(v * price, t);
		if (o->f == JH_F_EQUIPMENT_VALUE && price == 1)
			jh_buf_addf(out, en ? "      %s %s yuan\n" : "      %s %s 元\n",
			            en ? o->en : o->zh, n);
		else if (o->f == JH_F_EQUIPMENT_VALUE)
			jh_buf_addf(out, en ? "      %s %s yuan, costing %s yuan\n"
			                    : "      %s %s 元,费用 %s 元\n",
			            en ? o->en : o->zh, n, t);
		else if (en)
			jh_buf_addf(out, "      %s %s%s%s × %s yuan = %s yuan\n", o->en, n,
			            *o->uen ? " " : "", o->uen, pr, t);
		else
			jh_buf_addf(out, "      %s %s %s × %s 元 = %s 元\n", o->zh, n, o->uzh, pr, t);
	}
}

/* "小学学段:生均体育运动场馆面积、……" / "primary stage: sports ..., ..." */
static void text_unreachable(jh_buf *out, const jh_addition *a, const char *lang)
{
	int en = is_en(lang), first = 1;

	jh_buf_addf(out, en ? "  %s %s: no addition makes it pass (%s stage: "
	                    : "  %s %s:无论增加多少资源都无法达标(%s学段:",
	            a->school->school_code, a->school->school_name,
	            jh_stage_name(a->stage, lang));
	for (int i = 0; i < JH_IND__COUNT; i++)
		if (a->indicators & (1u << i)) {
			jh_buf_addf(out, "%s%s", first ? "" : en ? ", " : "、",
			            jh_indicator_name((jh_indicator)i, lang));
			first = 0;
		}
	jh_buf_adds(out, ")\n");
}

/* A stage's classes from the size bands: those over the maximum, and of
 * them the 大班额 (56+) and 超大班额 (66+) plans target. */
static void text_classes_over(jh_buf *out, const jh_beyond *b, const char *lang)
{
	int en = is_en(lang);
	char v[JH_NUMBER_MAX], l[JH_NUMBER_MAX], g[JH_NUMBER_MAX], h[JH_NUMBER_MAX];

	grouped(b->limit, l);
	grouped(b->large, g);
	grouped(b->huge, h);
	if (!isnan(b->value))
		jh_buf_addf(out, en ? "%s classes over the maximum of %s pupils: %s, of which "
		                    : "%s超过上限 %s 人的班级 %s 个,其中",
		            jh_stage_name(b->stage, lang), l, grouped(b->value, v));
	else
		jh_buf_addf(out, en ? "%s classes: " : "%s班级:", jh_stage_name(b->stage, lang));
	jh_buf_addf(out, en ? "large (56 pupils or more) %s, very large (66 or more) %s\n"
	                    : "大班额(56人及以上)%s 个,超大班额(66人及以上)%s 个\n", g, h);
}

/* Classes and schools too large: no addition fixes them. */
static void text_beyond(const jh_plan *p, const char *lang, jh_buf *out)
{
	int en = is_en(lang);
	char v[JH_NUMBER_MAX], l[JH_NUMBER_MAX];
	double large = 0, huge = 0;
	int bands = 0;

	if (!p->nbeyond)
		return;
	jh_buf_addf(out, en ? "\nNot fixed by adding resources (%zu): classes must be split, "
	                      "pupils placed elsewhere or schools re-planned:\n"
	                    : "\n增加资源无法解决的问题(%zu 项,须分班、分流学生或调整学校布局):\n",
	            p->nbeyond);
	for (size_t i = 0; i < p->nbeyond; i++) {
		const jh_beyond *b = &p->beyond[i];
		grouped(b->value, v);
		grouped(b->limit, l);
		jh_buf_addf(out, en ? "  %s %s: " : "  %s %s:", b->school->school_code,
		            b->school->school_name);
		if (b->kind == JH_BEYOND_CLASS_SIZE)
			jh_buf_addf(out, en ? "largest %s class %s pupils, over the maximum of %s\n"
			                    : "%s最大班额 %s 人,超过上限 %s 人\n",
			            jh_stage_name(b->stage, lang), v, l);
		else if (b->kind == JH_BEYOND_CLASSES_OVER)
			text_classes_over(out, b, lang);
		else
			jh_buf_addf(out, en ? "%s pupils in the compulsory stages, over the maximum of %s\n"
			                    : "义务教育阶段在校生 %s 人,超过上限 %s 人\n", v, l);
		if (b->kind == JH_BEYOND_CLASSES_OVER) {
			bands = 1;
			large += b->large;
			huge += b->huge;
		}
	}
	/* The county's counts, of the schools that give size bands. */
	if (bands)
		jh_buf_addf(out, en ? "  The county (schools giving size bands): large classes %s, "
		                      "very large classes %s\n"
		                    : "  全县(填报班额分段的学校):大班额 %s 个,超大班额 %s 个\n",
		            grouped(large, v), grouped(huge, l));
}

static void text_report(const jh_plan *p, const jh_addition *g, size_t n,
                        const char *lang, jh_buf *out)
{
	int en = is_en(lang);
	char c1[JH_NUMBER_MAX], c2[JH_NUMBER_MAX];

	if (p->county_name)
		jh_buf_addf(out, en ? "%s (county %s) · %d\n" : "%s(%s)· %d 年度\n",
		            p->county_name, p->county_code, p->year);
	else
		jh_buf_addf(out, en ? "County %s · %d\n" : "县(市、区) %s · %d 年度\n",
		            p->county_code, p->year);
	jh_buf_addf(out, en ? "\nFailing schools, each on its own (%zu):\n"
	                    : "\n未达标学校单独补足所需(%zu 所):\n", n);
	for (size_t i = 0; i < n; i++) {
		if (g[i].unreachable)
			text_unreachable(out, &g[i], lang);
		else
			jh_buf_addf(out, en ? "  %s %s: %s yuan\n" : "  %s %s:%s 元\n",
			            g[i].school->school_code, g[i].school->school_name,
			            grouped(round(g[i].cost), c1));
		text_add(out, &g[i], &p->costs, lang);
	}
	text_beyond(p, lang, out);
	switch (p->status) {
	case JH_PLAN_FOUND:
		break;
	case JH_PLAN_INFEASIBLE:
		if (p->unreachable)
			jh_buf_addf(out, en ? "\nNo plan exists: no addition makes %s %s pass.\n"
			                    : "\n没有可使全县达标的方案:%s %s 无论增加多少资源都无法达标。\n",
			            p->unreachable->school_code, p->unreachable->school_name);
		else
			jh_buf_adds(out, en ? "\nNo plan exists: no additions bring every "
			                      "difference coefficient within its limit.\n"
			                    : "\n没有可使全县达标的方案:增加资源无法使各项差异系数全部达标。\n");
		return;
	case JH_PLAN_TIME_LIMIT:
		jh_buf_adds(out, en ? "\nNo plan found within the time limit.\n"
		                    : "\n在时限内未求得方案。\n");
		return;
	case JH_PLAN_SOLVER_FAILED:
		jh_buf_adds(out, en ? "\nThe solver (GLPK) failed: no plan.\n"
		                    : "\n求解器(GLPK)出错,未求得方案。\n");
		return;
	}
	if (p->nadd == 0) {
		jh_buf_adds(out, en ? "\nThe county already passes the resource part: nothing to add.\n"
		                    : "\n该县资源配置已达标,无需补充。\n");
		return;
	}
	jh_buf_adds(out, en ? "\nCheapest plan for the whole county (every school passes, every "
	                      "coefficient within its limit, music and art rooms supplied"
	                    : "\n全县最低成本方案(各校达标、各项差异系数达标、音乐美术专用教室补足");
	if (p->nbeyond)
		jh_buf_adds(out, en ? "; not the class and school sizes above" : ";不含上列班额、规模问题");
	jh_buf_adds(out, en ? "):\n" : "):\n");
	jh_buf_addf(out, en ? "  cost %s yuan, proven lower bound %s yuan, gap %.4f%%\n"
	                    : "  总成本 %s 元,已证明的下界 %s 元,相对差距 %.4f%%\n",
	            grouped(round(p->cost), c1), grouped(round(p->lower_bound), c2), p->gap * 100);
	if (p->rooms_cost > 0)
		jh_buf_addf(out, en ? "  of which music and art rooms %s yuan (needed in every plan)\n"
		                    : "  其中音乐、美术专用教室 %s 元(任何方案都须补足)\n",
		            grouped(round(p->rooms_cost), c1));
	for (size_t i = 0; i < p->nadd; i++) {
		jh_buf_addf(out, en ? "  %s %s: %s yuan\n" : "  %s %s:%s 元\n",
		            p->add[i].school->school_code, p->add[i].school->school_name,
		            grouped(round(p->add[i].cost), c1));
		text_add(out, &p->add[i], &p->costs, lang);
	}
}

/* --- JSON -------------------------------------------------------------- */

/* Through the library's one JSON writer (jhJson, lib/util/out.c): one
 * value a line, indented by one space, numbers in shortest round-trip
 * form, null for a figure that does not exist (the cost of no plan). */

static void json_add(jhJson *j, const jh_addition *a)
{
	jhJsonKey(j, "add");
	jhJsonOpen(j, '{');
	for (int f = 0; f < JH_F__COUNT; f++)
		if (a->add[f] != 0) {
			jhJsonKey(j, jh_field_key((jh_field)f));
			jhJsonNum(j, a->add[f]);
		}
	jhJsonClose(j, '}');
}

static void json_unreachable(jhJson *j, const jh_addition *a)
{
	jhJsonKey(j, "unreachable");
	jhJsonOpen(j, '{');
	jhJsonKey(j, "stage");
	jhJsonStr(j, jh_stage_key(a->stage));
	jhJsonKey(j, "indicators");
	jhJsonOpen(j, '[');
	for (int i = 0; i < JH_IND__COUNT; i++)
		if (a->indicators & (1u << i))
			jhJsonStr(j, jh_indicator_key((jh_indicator)i));
	jhJsonClose(j, ']');
	jhJsonClose(j, '}');
}

static jh_code json_report(const jh_plan *p, const jh_addition *g, size_t n,
                           jh_buf *out)
{
	jh_out *o = jh_out_new_buf(out);
	jhJson j;

	if (!o)
		return JH_ERR_NOMEM;
	jhJsonInit(&j, o, 1);
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "schools");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++) {
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "school_code");
		jhJsonStr(&j, g[i].school->school_code);
		jhJsonKey(&j, "school_name");
		jhJsonStr(&j, g[i].school->school_name);
		jhJsonKey(&j, "cost");
		jhJsonNum(&j, g[i].cost);
		json_add(&j, &g[i]);
		if (g[i].unreachable)
			json_unreachable(&j, &g[i]);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	/* What no addition fixes (added to the shape of before). */
	jhJsonKey(&j, "beyond");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < p->nbeyond; i++) {
		const jh_beyond *b = &p->beyond[i];
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "school_code");
		jhJsonStr(&j, b->school->school_code);
		jhJsonKey(&j, "school_name");
		jhJsonStr(&j, b->school->school_name);
		jhJsonKey(&j, "kind");
		jhJsonStr(&j, b->kind == JH_BEYOND_CLASS_SIZE ? "class_size" :
		              b->kind == JH_BEYOND_CLASSES_OVER ? "classes_over" : "school_size");
		if (b->kind != JH_BEYOND_SCHOOL_SIZE) {
			jhJsonKey(&j, "stage");
			jhJsonStr(&j, jh_stage_key(b->stage));
		}
		jhJsonKey(&j, "value");
		if (isnan(b->value))
			jhJsonNull(&j);
		else
			jhJsonNum(&j, b->value);
		jhJsonKey(&j, "limit");
		jhJsonNum(&j, b->limit);
		if (b->kind == JH_BEYOND_CLASSES_OVER) {
			jhJsonKey(&j, "large_classes");
			jhJsonNum(&j, b->large);
			jhJsonKey(&j, "huge_classes");
			jhJsonNum(&j, b->huge);
		}
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "plan");
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "county_code");
	jhJsonStr(&j, p->county_code);
	jhJsonKey(&j, "county_name");
	if (p->county_name)
		jhJsonStr(&j, p->county_name);
	else
		jhJsonNull(&j);
	jhJsonKey(&j, "year");
	jhJsonInt(&j, p->year);
	jhJsonKey(&j, "solved");
	jhJsonBool(&j, p->solved);
	jhJsonKey(&j, "status");
	jhJsonStr(&j, jh_plan_status_key(p->status));
	jhJsonKey(&j, "cost");
	jhJsonNum(&j, p->cost);
	jhJsonKey(&j, "lower_bound");
	jhJsonNum(&j, p->lower_bound);
	jhJsonKey(&j, "gap");
	jhJsonNum(&j, p->gap);
	jhJsonKey(&j, "iterations");
	jhJsonInt(&j, p->iterations);
	jhJsonKey(&j, "rooms_cost");
	jhJsonNum(&j, p->rooms_cost);
	if (p->unreachable) {
		jhJsonKey(&j, "unreachable_school");
		jhJsonStr(&j, p->unreachable->school_code);
	}
	jhJsonKey(&j, "add");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < p->nadd; i++) {
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "school_code");
		jhJsonStr(&j, p->add[i].school->school_code);
		jhJsonKey(&j, "school_name");
		jhJsonStr(&j, p->add[i].school->school_name);
		jhJsonKey(&j, "cost");
		jhJsonNum(&j, p->add[i].cost);
		json_add(&j, &p->add[i]);
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	jhJsonClose(&j, '}');
	jh_out_addc(o, '\n');
	return jh_out_close(o);
}

/* --- CSV --------------------------------------------------------------- */

static void csv_num(jh_buf *o, double v)
{
	char n[40];

	jh_buf_addc(o, ',');
	if (!isnan(v)) {
		jh_format_number(v, n, sizeof n);
		jh_buf_adds(o, n);
	}
}

/* A text cell after a comma, through the library's CSV cell writer. */
static void csv_text(jh_buf *o, const char *s)
{
	jh_buf_addc(o, ',');
	jh_buf_addcsv(o, s ? s : "");
}

/* Every word of the CSV in the output's language: the keys in English
 * (lang "en"), Chinese names and values otherwise. */
struct csvw {
	jh_buf *o;
	const jh_plan *p;
	int en;
	const char *lang;
};

#define W(c, key, zh) ((c)->en ? (key) : (zh))

/* record,county_code,year,school_code,school_name */
static void csv_head(struct csvw *c, const char *record, const jh_school_year *sy)
{
	jh_buf_addcsv(c->o, record);
	csv_text(c->o, c->p->county_code);
	jh_buf_addf(c->o, ",%d", c->p->year);
	csv_text(c->o, sy ? sy->school_code : "");
	csv_text(c->o, sy ? sy->school_name : "");
}

/* ,county_name,unit,limit and the end of the row */
static void csv_tail(struct csvw *c, const char *unit, double limit)
{
	csv_text(c->o, c->p->county_name);
	csv_text(c->o, unit);
	csv_num(c->o, limit);
	jh_buf_addc(c->o, '\n');
}

/* The unit of a column's amount. */
static const char *csv_unit(const struct csvw *c, jh_field f)
{
	switch (f) {
	case JH_F_TEACHING_AREA: case JH_F_SPORTS_AREA:
	case JH_F_MUSIC_ROOM_MIN_AREA: case JH_F_ART_ROOM_MIN_AREA:
		return W(c, "m2", "㎡");
	case JH_F_EQUIPMENT_VALUE:
		return W(c, "yuan", "元");
	case JH_F_MULTIMEDIA_ROOMS: case JH_F_MUSIC_ROOMS: case JH_F_ART_ROOMS:
		return W(c, "rooms", "间");
	case JH_F_TEACHERS_PRIMARY: case JH_F_TEACHERS_JUNIOR:
		/* the kinds' sum: not more hires */
		return W(c, "teachers_in_all", "名(以上各类合计)");
	default:
		return W(c, "teachers", "名");
	}
}

static void csv_field(struct csvw *c, jh_field f)
{
	csv_text(c->o, c->en ? jh_field_key(f) : jh_field_name(f, "zh"));
}

static void csv_adds(struct csvw *c, const char *record, const jh_addition *a)
{
	for (int f = 0; f < JH_F__COUNT; f++) {
		if (a->add[f] == 0)
			continue;
		csv_head(c, record, a->school);
		csv_field(c, (jh_field)f);
		csv_num(c->o, a->add[f]);
		jh_buf_adds(c->o, ",,,,,");
		csv_tail(c, csv_unit(c, (jh_field)f), NAN);
	}
}

/* A stage's classes from the size bands: three beyond rows, the classes
 * over the maximum (status class_size), the 大班额 of 56 pupils and more
 * (large_classes, limit 55) and the 超大班额 of 66 and more
 * (huge_classes, limit 65), each in classes. */
static void csv_classes_over(struct csvw *c, const jh_beyond *b)
{
	int jr = b->stage == JH_STAGE_JUNIOR;
	const struct {
		const char *key, *zh, *status, *status_zh;
		double amount, limit;
	} rows[3] = {
		{jr ? "classes_over_max_junior" : "classes_over_max_primary",
		 jr ? "初中超过班额上限的班级数" : "小学超过班额上限的班级数",
		 "class_size", "班额超过上限", b->value, b->limit},
		{jr ? "large_classes_junior" : "large_classes_primary",
		 jr ? "初中大班额班级数(56人及以上)" : "小学大班额班级数(56人及以上)",
		 "large_classes", "大班额", b->large, JH_LARGE_CLASS_OVER},
		{jr ? "huge_classes_junior" : "huge_classes_primary",
		 jr ? "初中超大班额班级数(66人及以上)" : "小学超大班额班级数(66人及以上)",
		 "huge_classes", "超大班额", b->huge, JH_HUGE_CLASS_OVER},
	};

	for (int k = 0; k < 3; k++) {
		csv_head(c, W(c, "beyond", "增加资源无法解决"), b->school);
		csv_text(c->o, W(c, rows[k].key, rows[k].zh));
		csv_num(c->o, rows[k].amount);
		jh_buf_addf(c->o, ",,%s,,,", W(c, rows[k].status, rows[k].status_zh));
		csv_tail(c, W(c, "classes", "个"), rows[k].limit);
	}
}

static const char *csv_status(const struct csvw *c, jh_plan_status s)
{
	static const char *const zh[] = {
		[JH_PLAN_FOUND] = "已求得", [JH_PLAN_INFEASIBLE] = "无可行方案",
		[JH_PLAN_TIME_LIMIT] = "时限内未求得", [JH_PLAN_SOLVER_FAILED] = "求解器出错",
	};
	return c->en || (unsigned)s > JH_PLAN_SOLVER_FAILED ? jh_plan_status_key(s) : zh[s];
}

static void csv_report(const jh_plan *p, const jh_addition *g, size_t n,
                       const char *lang, jh_buf *o)
{
	struct csvw cw = {o, p, is_en(lang), is_en(lang) ? "en" : "zh"}, *c = &cw;
	const char *yuan = W(c, "yuan", "元");

	jh_buf_adds(o, JH_UTF8_BOM);
	jh_buf_adds(o, W(c, "record,county_code,year,school_code,school_name,field,"
	                    "amount,cost,status,lower_bound,gap,unreachable,"
	                    "county_name,unit,limit\n",
	                    "记录,县(市、区)代码,年度,学校标识码,学校名称,项目,"
	                    "增加数量,费用(元),状态,下界(元),相对差距,无法达标的学段与指标,"
	                    "县(市、区)名称,单位,上限\n"));
	for (size_t i = 0; i < n; i++) {
		int first = 1;
		csv_head(c, W(c, "gap", "单校补足"), g[i].school);
		jh_buf_adds(o, ",,");
		csv_num(o, g[i].cost);
		jh_buf_addf(o, ",%s,,,", g[i].unreachable ? W(c, "unreachable", "无法达标") : "");
		if (g[i].unreachable) {
			jh_buf_addf(o, "%s:", c->en ? jh_stage_key(g[i].stage)
			                           : jh_stage_name(g[i].stage, "zh"));
			for (int k = 0; k < JH_IND__COUNT; k++)
				if (g[i].indicators & (1u << k)) {
					jh_buf_addf(o, "%s%s", first ? "" : ";",
					            c->en ? jh_indicator_key((jh_indicator)k)
					                  : jh_indicator_name((jh_indicator)k, "zh"));
					first = 0;
				}
		}
		csv_tail(c, yuan, NAN);
		csv_adds(c, W(c, "gap_add", "单校补足项"), &g[i]);
	}
	/* What no addition fixes: the column at fault (school size: the
	 * compulsory stages' pupils), its value and the maximum. */
	for (size_t i = 0; i < p->nbeyond; i++) {
		const jh_beyond *b = &p->beyond[i];
		if (b->kind == JH_BEYOND_CLASSES_OVER) {
			csv_classes_over(c, b);
			continue;
		}
		csv_head(c, W(c, "beyond", "增加资源无法解决"), b->school);
		if (b->kind == JH_BEYOND_SCHOOL_SIZE)
			csv_text(o, W(c, "students_compulsory", "义务教育阶段在校生数"));
		else
			csv_field(c, b->stage == JH_STAGE_JUNIOR ? JH_F_LARGEST_CLASS_JUNIOR
			                                         : JH_F_LARGEST_CLASS_PRIMARY);
		csv_num(o, b->value);
		jh_buf_addf(o, ",,%s,,,", b->kind == JH_BEYOND_SCHOOL_SIZE ?
		            W(c, "school_size", "学校规模超过上限") : W(c, "class_size", "班额超过上限"));
		csv_tail(c, W(c, "pupils", "人"), b->limit);
	}
	csv_head(c, W(c, "plan", "全县方案"), NULL);
	jh_buf_adds(o, ",,");
	csv_num(o, p->cost);
	csv_text(o, csv_status(c, p->status));
	csv_num(o, p->lower_bound);
	csv_num(o, p->gap);
	csv_text(o, p->unreachable ? p->unreachable->school_code : "");
	csv_tail(c, yuan, NAN);
	for (size_t i = 0; i < p->nadd; i++) {
		csv_head(c, W(c, "plan_school", "方案学校"), p->add[i].school);
		jh_buf_adds(o, ",,");
		csv_num(o, p->add[i].cost);
		jh_buf_adds(o, ",,,,");
		csv_tail(c, yuan, NAN);
		csv_adds(c, W(c, "plan_add", "方案补足项"), &p->add[i]);
	}
}

#undef W

jh_code jh_gaps_report(const jh_plan *plan, const jh_addition *gaps,
                       size_t ngaps, jh_format fmt, const char *lang,
                       jh_buf *out)
{
	jh_code rc = JH_OK;

	if (!plan || !out || (ngaps && !gaps))
		return JH_ERR_ARG;
	switch (fmt) {
	case JH_FMT_TEXT:
		text_report(plan, gaps, ngaps, lang, out);
		break;
	case JH_FMT_JSON:
		rc = json_report(plan, gaps, ngaps, out);
		break;
	case JH_FMT_CSV:
		csv_report(plan, gaps, ngaps, lang, out);
		break;
	default:
		return JH_ERR_ARG;
	}
	if (rc == JH_OK && out->oom)
		rc = JH_ERR_NOMEM;
	return rc;
}
