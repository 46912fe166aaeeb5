/*
** report.c — an evaluation result as text, JSON or CSV.
**
** Text is for a county official at a terminal: Chinese by default, English
** with lang "en"; CJK-aware column alignment; values to 2 decimals and
** coefficients to 3, although every judgement was made on unrounded values.
** JSON carries every value unrounded for programs, compact unless
** JH_REPORT_PRETTY asks for one value a line.  CSV has one row per
** county-stage and one per school-stage, for spreadsheets.  Numbers in
** JSON and CSV are the shortest text that reads back exactly (jhNumber).
**
** Everything is written through a jh_out (lib/util/out.c) as it is
** produced, county by county: to a file descriptor a nation's report
** never exists in memory as a whole, and no tree of JSON values is built
** (a JSON library's tree cost ten times the time of the text itself).
** jh_report keeps the older call into a jh_buf for callers that want
** the text.
*/
#include "core_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

#define L(zh, en) (is_en(lang) ? (en) : (zh))

const char *jhUnitStatusKey(jh_unit_status s)
{
	switch (s) {
	case JH_UNIT_EVALUATED:         return "evaluated";
	case JH_UNIT_EXCLUDED_SMALL_TP: return "excluded_small_teaching_point";
	case JH_UNIT_EXCLUDED_TP:       return "excluded_teaching_point";
	case JH_UNIT_MERGED:            return "merged_into_central_school";
	case JH_UNIT_NO_STUDENTS:       return "no_students";
	}
	return "?";
}

const char *jhUnitStatusName(jh_unit_status s, const char *lang)
{
	switch (s) {
	case JH_UNIT_EVALUATED:         return L("参评", "evaluated");
	case JH_UNIT_EXCLUDED_SMALL_TP: return L("不足规定人数的教学点,不参评",
	                                         "teaching point under the minimum size, not evaluated");
	case JH_UNIT_EXCLUDED_TP:       return L("教学点不参评", "teaching points not evaluated");
	case JH_UNIT_MERGED:            return L("并入中心校", "merged into its central school");
	case JH_UNIT_NO_STUDENTS:       return L("该学段无学生", "no students in this stage");
	}
	return "?";
}

/* The provincial relaxations a unit was judged under (jh_unit.relaxed),
 * lowest bit first: the key (as the standards file's relax.KEY) and the
 * name people read.  The evaluation sets the first two; the verdict's
 * school items the rest. */
static const struct {
	unsigned bit;
	const char *key, *zh, *en;
} relax_names[] = {
	{JH_RELAX_SMALL_TEACHERS, "small_rural_teachers",
	 "乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师",
	 "rural small school: rotating, part-time and itinerant PE and art teachers counted"},
	{JH_RELAX_DENSE_SPORTS, "dense_central_sports",
	 "中心城区人口密集学校计入屋顶、地下体育场地和步行10分钟内租借的场馆",
	 "dense central-city school: rooftop and underground areas and venues leased within 10 minutes' walk counted"},
	{JH_RELAX_OLD_ROOMS, "old_rooms",
	 "建校较早学校的音乐、美术专用教室按放宽面积评估",
	 "older school: music and art rooms judged against the relaxed areas"},
	{JH_RELAX_SMALL_ROOMS, "small_rural_rooms",
	 "乡村小规模学校的音乐、美术专用教室按放宽面积评估",
	 "rural small school: music and art rooms judged against the relaxed areas"},
	{JH_RELAX_SIZE, "school_size",
	 "建校较早或随迁子女过半的学校按放宽规模评估",
	 "older school or over half migrant pupils: judged against the relaxed size"},
};

const char *jhRelaxKey(unsigned bit)
{
	for (size_t k = 0; k < sizeof relax_names / sizeof *relax_names; k++)
		if (relax_names[k].bit == bit)
			return relax_names[k].key;
	return "?";
}

const char *jhRelaxName(unsigned bit, const char *lang)
{
	for (size_t k = 0; k < sizeof relax_names / sizeof *relax_names; k++)
		if (relax_names[k].bit == bit)
			return L(relax_names[k].zh, relax_names[k].en);
	return "?";
}

/* The relaxations of set, keys (names when lang) joined by sep. */
static void add_relaxations(jh_out *o, unsigned set, const char *lang,
                            const char *sep)
{
	int first = 1;

	for (size_t k = 0; k < sizeof relax_names / sizeof *relax_names; k++) {
		if (!(set & relax_names[k].bit))
			continue;
		if (!first)
			jhOutAdds(o, sep);
		jhOutAdds(o, lang ? jhRelaxName(relax_names[k].bit, lang) :
		                    relax_names[k].key);
		first = 0;
	}
}

/* Numbers as people read them: 2 decimals, trailing zeros kept (as
 * printf's %.2f, without printf: jhFixed). */
static void fmt2(char *b, size_t n, double v)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else
		jhFixed(v, 2, b);
}

/* A whole number as %.0f writes it. */
static void add_count(jh_out *o, double v)
{
	char b[JH_NUMBER_MAX];

	jhOutAdd(o, b, jhFixed(v, 0, b));
}

/* A threshold or floor: up to 4 decimals, trailing zeros dropped, so
 * 4.505 shows as 4.505 and 1700 as 1700. */
static void fmt_limit(char *b, size_t n, double v)
{
	char *e;

	snprintf(b, n, "%.4f", v);
	e = b + strlen(b);
	while (e > b && e[-1] == '0')
		*--e = '\0';
	if (e > b && e[-1] == '.')
		e[-1] = '\0';
}

/* A limit written by fmt_limit, its whole part grouped by thousands
 * (in place; the buffer holds 32 bytes). */
static void group_limit(char *b)
{
	char t[JH_NUMBER_MAX];
	const char *dot = strchr(b, '.');

	jhGrouped(strtod(b, NULL), dot ? (int)strlen(dot + 1) : 0, t);
	if (strlen(t) < 32)
		strcpy(b, t);
}

/* An indicator's value to 2 decimals; money grouped by thousands. */
static void fmt_ind(char *b, size_t n, int i, double v)
{
	if (i == JH_IND_EQUIPMENT && !isnan(v))
		jhGrouped(v, 2, b);
	else
		fmt2(b, n, v);
}

static void fmt3(char *b, size_t n, double v)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else
		jhFixed(v, 3, b);
}

/* What renders one county: the report's format and options. */
struct limits;
struct rctx {
	const jh_result *r;
	jh_format fmt;
	const char *lang;
	int indent;                   /* JSON: spaces a level, 0 compact */
	const struct limits *lim;     /* text */
	int relax_col;                /* CSV: a relaxations column (some unit
	                                 was judged under one) */
};

/* --- names for people ---------------------------------------------------- */

void jh_areas_county_fullname(const jh_areas *a, const char *code, char *out,
                              size_t cap)
{
	const jh_area *county = a ? jh_areas_find(a, code) : NULL;
	const jh_area *city = county && county->parent[0] ?
	                      jh_areas_find(a, county->parent) : NULL;

	out[0] = '\0';
	if (!county || !county->name || !*county->name)
		return;
	/* 江州市 + 云岭县; a county-level name that already carries its
	 * city's (a district written out in full) is not doubled. */
	if (city && city->name && *city->name &&
	    strncmp(county->name, city->name, strlen(city->name)))
		snprintf(out, cap, "%s%s", city->name, county->name);
	else
		snprintf(out, cap, "%s", county->name);
}

void jh_county_title(const char *code, const char *name, const char *lang,
                     char *out, size_t cap)
{
	if (name && *name)
		snprintf(out, cap, "%s %s", code, name);
	else
		snprintf(out, cap, L("县(市、区) %s", "County %s"), code);
}

/* --- text ---------------------------------------------------------------- */

#define W_LABEL 18
#define W_COL 11

/* The thresholds and floors as the text shows them, written once. */
struct limits {
	char threshold[JH_STAGE__COUNT][JH_IND__COUNT][32];
	char floor[JH_STAGE__COUNT][JH_IND__COUNT][32];
	char percent[32];           /* the floor ratio, %g of percent */
};

static void text_limits(const jh_standard *std, struct limits *lim)
{
	for (int st = 0; st < JH_STAGE__COUNT; st++)
		for (int i = 0; i < JH_IND__COUNT; i++) {
			double t = std->threshold[st][i];
			fmt_limit(lim->threshold[st][i], sizeof lim->threshold[st][i], t);
			fmt_limit(lim->floor[st][i], sizeof lim->floor[st][i],
			          t * std->school_floor_ratio);
			if (i == JH_IND_EQUIPMENT) {
				/* Money, grouped by thousands: 2,000 and 1,700. */
				group_limit(lim->threshold[st][i]);
				group_limit(lim->floor[st][i]);
			}
		}
	snprintf(lim->percent, sizeof lim->percent, "%g",
	         std->school_floor_ratio * 100);
}

/* "    [小学] CODE NAME" of a school's unit in the text's lists. */
static void text_unit_head(const jh_unit *u, const char *lang, jh_out *o)
{
	jhOutAdds(o, "    [");
	jhOutAdds(o, jh_stage_name(u->stage, lang));
	jhOutAdds(o, "] ");
	jhOutAdds(o, u->school->school_code);
	jh_out_addc(o, ' ');
	jhOutAdds(o, u->school->school_name ? u->school->school_name : "");
}

static void text_county(const jh_result *r, const jh_county_result *cr,
                        const struct limits *lim, const char *lang, jh_out *o)
{
	const jh_standard *std = r->standard;
	char b[64], name[128], title[192];

	/* "369904 江州市云岭县", or "县(市、区) 369904" when not named. */
	jh_areas_county_fullname(r->areas, cr->county_code, name, sizeof name);
	jh_county_title(cr->county_code, name, lang, title, sizeof title);
	jh_out_addf(o, L("\n%s · %d 年度 · 资源配置:%s\n",
	                 "\n%s · %d · resource allocation: %s\n"),
	            title,  cr->year,
	            cr->passes ? L("达标 ✔", "PASS ✔") : L("未达标 ✘", "FAIL ✘"));
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &cr->stage[st];

		if (!sr->schools)
			continue;
		jhOutAdds(o, "  ");
		snprintf(b, sizeof b, L("%s: %zu 所学校, %.0f 名学生, %zu 所未达标",
		                        "%s: %zu schools, %.0f students, %zu failing"),
		         jh_stage_name((jh_stage)st, lang), sr->schools,
		         sr->students, sr->schools_failing);
		jhOutAdds(o, b);
		jhOutAdds(o, "\n    ");
		jh_out_addpad(o, "", W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++)
			jh_out_addpad(o, jh_indicator_short((jh_indicator)i, lang),
			              W_COL, 1);
		jh_out_addpad(o, L("综合", "Overall"), W_COL, 1);
		jhOutAdds(o, "\n    ");
		jh_out_addpad(o, L("标准值", "Threshold"), W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++)
			jh_out_addpad(o, lim->threshold[st][i], W_COL, 1);
		jhOutAdds(o, "\n    ");
		jh_out_addpad(o, L("全县均值", "County mean"), W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			fmt_ind(b, sizeof b, i, sr->mean[i]);
			jh_out_addpad(o, b, W_COL, 1);
		}
		jhOutAdds(o, "\n    ");
		snprintf(b, sizeof b, L("差异系数(≤%.2f)", "CV (<= %.2f)"),
		         std->cv_limit[st]);
		jh_out_addpad(o, b, W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			char v[JH_NUMBER_MAX];
			fmt3(v, sizeof v, sr->cv[i]);
			/* Four decimals when three would hide a failure, as with
			 * 0.5018 against 0.50. */
			if (!sr->cv_pass[i] && !isnan(sr->cv[i]) &&
			    sr->cv[i] < std->cv_limit[st] + 0.0005)
				snprintf(v, sizeof v, "%.4f", sr->cv[i]);
			snprintf(b, sizeof b, "%s%s", v, sr->cv_pass[i] ? "✔" : "✘");
			jh_out_addpad(o, b, W_COL, 1);
		}
		fmt3(b, sizeof b, sr->cv_mean);
		jh_out_addpad(o, b, W_COL, 1);
		jh_out_addc(o, '\n');
	}
	/* Failing schools, with every shortfall named. */
	{
		size_t nfail = 0, nexcl = 0;
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			if (u->status == JH_UNIT_EVALUATED && !u->passes)
				nfail++;
			else if (u->status != JH_UNIT_EVALUATED &&
			         u->status != JH_UNIT_NO_STUDENTS)
				nexcl++;
		}
		if (nfail)
			jh_out_addf(o, L("  未达标学校(%zu):\n", "  Failing schools (%zu):\n"),
			            nfail);
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			const double *th = std->threshold[u->stage];

			if (u->status != JH_UNIT_EVALUATED || u->passes)
				continue;
			/* The line of each failing school and each shortfall, piece
			 * by piece (these are most of a nation's text):
			 *   "    [%s] %s %s,学生 %.0f,达标 %d/7\n" (zh)
			 *   "    [%s] %s %s, %.0f students, %d/7 met\n" (en)
			 *   "        %s %s %s < %s,且低于 %g%% 下限 %s ✘\n" (zh)
			 *   "        %s %s %s < %s, and under the %g%% floor %s ✘\n" */
			text_unit_head(u, lang, o);
			jhOutAdds(o, L(",学生 ", ", "));
			add_count(o, u->students);
			jhOutAdds(o, L(",达标 ", " students, "));
			jh_out_addf(o, L("%d/7\n", "%d/7 met\n"), u->met);
			for (int i = 0; i < JH_IND__COUNT; i++) {
				char v[JH_NUMBER_MAX];
				double floor_v = th[i] * std->school_floor_ratio;
				if (jh_at_least(std, u->value[i], th[i]))
					continue;
				fmt_ind(v, sizeof v, i, u->value[i]);
				jhOutAdds(o, "        ");
				jhOutAdds(o, jh_indicator_name((jh_indicator)i, lang));
				jh_out_addc(o, ' ');
				jhOutAdds(o, v);
				jh_out_addc(o, ' ');
				jhOutAdds(o, jh_indicator_unit((jh_indicator)i, lang));
				jhOutAdds(o, " < ");
				jhOutAdds(o, lim->threshold[u->stage][i]);
				if (!jh_at_least(std, u->value[i], floor_v)) {
					jhOutAdds(o, L(",且低于 ", ", and under the "));
					jhOutAdds(o, lim->percent);
					jhOutAdds(o, L("% 下限 ", "% floor "));
					jhOutAdds(o, lim->floor[u->stage][i]);
					jhOutAdds(o, " ✘");
				}
				jh_out_addc(o, '\n');
			}
		}
		/* Schools judged under a provincial relaxation, each named
		 * (none under the national standard, which has them off); a
		 * merged teaching point's is its central school's. */
		size_t nrelax = 0;
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++)
			nrelax += r->units[k].relaxed &&
			          r->units[k].status == JH_UNIT_EVALUATED;
		if (nrelax)
			jh_out_addf(o, L("  适用省级放宽规则(%zu):\n",
			                 "  Provincial relaxations applied (%zu):\n"),
			            nrelax);
		for (size_t k = cr->first_unit; nrelax && k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			if (!u->relaxed || u->status != JH_UNIT_EVALUATED)
				continue;
			text_unit_head(u, lang, o);
			jhOutAdds(o, L(":", ": "));
			add_relaxations(o, u->relaxed, lang, L("；", "; "));
			jh_out_addc(o, '\n');
		}
		if (nexcl) {
			jh_out_addf(o, L("  未参评(%zu):", "  Not evaluated (%zu):"), nexcl);
			for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
				const jh_unit *u = &r->units[k];
				if (u->status == JH_UNIT_EVALUATED ||
				    u->status == JH_UNIT_NO_STUDENTS)
					continue;
				/* " %s %s(%.0f%s,%s)" */
				jh_out_addc(o, ' ');
				jhOutAdds(o, u->school->school_code);
				jh_out_addc(o, ' ');
				jhOutAdds(o, u->school->school_name ? u->school->school_name : "");
				jh_out_addc(o, '(');
				add_count(o, u->students);
				jhOutAdds(o, L("人", " students"));
				jh_out_addc(o, ',');
				jhOutAdds(o, jhUnitStatusName(u->status, lang));
				jh_out_addc(o, ')');
			}
			jh_out_addc(o, '\n');
		}
	}
}

static void text_head(const jh_result *r, const char *lang, jh_out *o)
{
	const jh_standard *std = r->standard;

	jh_out_addf(o, L("义务教育优质均衡发展 · 资源配置评估\n标准:%s%s%s\n",
	                 "High-quality balanced compulsory education · resource allocation\nStandard: %s%s%s\n"),
	            is_en(lang) ? std->name_en : std->name_zh,
	            std->base[0] ? L(",基于 ", ", based on ") : "",
	            std->base[0] ? std->base : "");
}

static void text_summary(const jh_result *r, const char *lang, jh_out *o)
{
	size_t pass = 0;
	int named = 0;     /* a name column when the areas name a county */

	jhOutAdds(o, L("\n汇总\n", "\nSummary\n"));
	jhOutAdds(o, "  ");
	for (size_t i = 0; i < r->ncounties && !named; i++)
		named = jh_result_county_name(r, i) != NULL;
	jh_out_addpad(o, L("县代码", "County"), 10, 0);
	if (named)
		jh_out_addpad(o, L("名称", "Name"), 18, 0);
	jh_out_addpad(o, L("年度", "Year"), 6, 0);
	jh_out_addpad(o, L("小学系数", "Pri. CV"), 10, 0);
	jh_out_addpad(o, L("初中系数", "Jun. CV"), 10, 0);
	jh_out_addpad(o, L("未达标校", "Failing"), 10, 0);
	jhOutAdds(o, L("结论\n", "Verdict\n"));
	for (size_t i = 0; i < r->ncounties; i++) {
		const jh_county_result *cr = &r->counties[i];
		char y[16], f[16];
		snprintf(y, sizeof y, "%d", cr->year);
		snprintf(f, sizeof f, "%zu", cr->stage[0].schools_failing +
		                             cr->stage[1].schools_failing);
		jhOutAdds(o, "  ");
		jh_out_addpad(o, cr->county_code, 10, 0);
		if (named) {
			char name[128];
			jh_areas_county_fullname(r->areas, cr->county_code, name, sizeof name);
			jh_out_addpad(o, name, 18, 0);
		}
		jh_out_addpad(o, y, 6, 0);
		for (int st = 0; st < JH_STAGE__COUNT; st++)
			jh_out_addpad(o, !cr->stage[st].schools ? "-" :
			              cr->stage[st].all_cv_pass ? "✔" : "✘", 10, 0);
		jh_out_addpad(o, f, 10, 0);
		jhOutAdds(o, cr->passes ? L("达标", "pass") : L("未达标", "fail"));
		jh_out_addc(o, '\n');
		pass += cr->passes != 0;
	}
	jh_out_addf(o, L("  共 %zu 个县·年度,达标 %zu 个,未达标 %zu 个\n",
	                 "  %zu county-years: %zu pass, %zu fail\n"),
	            r->ncounties, pass, r->ncounties - pass);
}

/* --- JSON -------------------------------------------------------------- */

static void json_standard(jhJson *j, const jh_standard *std)
{
	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "id", std->id);
	jhJsonFieldStr(j, "name_zh", std->name_zh);
	jhJsonFieldStr(j, "name_en", std->name_en);
	jhJsonFieldStr(j, "base", std->base[0] ? std->base : NULL);
	jhJsonKey(j, "thresholds");
	jhJsonOpen(j, '{');
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		jhJsonKey(j, jh_stage_key((jh_stage)st));
		jhJsonOpen(j, '{');
		for (int i = 0; i < JH_IND__COUNT; i++)
			jhJsonFieldNum(j, jh_indicator_key((jh_indicator)i),
			               std->threshold[st][i]);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, '}');
	jhJsonKey(j, "cv_limits");
	jhJsonOpen(j, '{');
	for (int st = 0; st < JH_STAGE__COUNT; st++)
		jhJsonFieldNum(j, jh_stage_key((jh_stage)st), std->cv_limit[st]);
	jhJsonClose(j, '}');
	jhJsonFieldInt(j, "school_min_met", std->school_min_met);
	jhJsonFieldNum(j, "school_floor_ratio", std->school_floor_ratio);
	jhJsonClose(j, '}');
}

/* An object of the seven indicators: numbers, or booleans when b. */
static void json_indicators(jhJson *j, const char *key, const double *v,
                            const int *b)
{
	jhJsonKey(j, key);
	jhJsonOpen(j, '{');
	for (int i = 0; i < JH_IND__COUNT; i++) {
		jhJsonKey(j, jh_indicator_key((jh_indicator)i));
		if (b)
			jhJsonBool(j, b[i]);
		else
			jhJsonNum(j, v ? v[i] : NAN);
	}
	jhJsonClose(j, '}');
}

static void json_stage(jhJson *j, const jh_standard *std, int st,
                       const jh_stage_result *sr)
{
	jhJsonOpen(j, '{');
	jhJsonFieldNum(j, "students", sr->students);
	jhJsonFieldInt(j, "schools", (long long)sr->schools);
	jhJsonFieldInt(j, "schools_failing", (long long)sr->schools_failing);
	json_indicators(j, "mean", sr->mean, NULL);
	json_indicators(j, "sd", sr->sd, NULL);
	json_indicators(j, "cv", sr->cv, NULL);
	jhJsonFieldNum(j, "cv_limit", std->cv_limit[st]);
	{
		int pass[JH_IND__COUNT];
		for (int i = 0; i < JH_IND__COUNT; i++)
			pass[i] = sr->cv_pass[i] != 0;
		json_indicators(j, "cv_pass", NULL, pass);
	}
	jhJsonFieldNum(j, "cv_mean", sr->cv_mean);
	jhJsonFieldBool(j, "passes", sr->passes);
	jhJsonClose(j, '}');
}

static void json_unit(jhJson *j, const jh_result *r, const jh_unit *u)
{
	const jh_standard *std = r->standard;
	const double *th = std->threshold[u->stage];
	int judged = u->status == JH_UNIT_EVALUATED;

	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "school_code", u->school->school_code);
	jhJsonFieldStr(j, "school_name",
	               u->school->school_name ? u->school->school_name : "");
	jhJsonFieldStr(j, "school_type", jh_school_type_key(u->school->type));
	jhJsonFieldStr(j, "stage", jh_stage_key(u->stage));
	jhJsonFieldStr(j, "status", jhUnitStatusKey(u->status));
	jhJsonFieldNum(j, "students", u->students);
	jhJsonFieldNum(j, "split_share", u->share);
	/* No students in the stage: every indicator null. */
	json_indicators(j, "indicators", u->students > 0 ? u->value : NULL, NULL);
	jhJsonKey(j, "met");
	if (judged)
		jhJsonInt(j, u->met);
	else
		jhJsonNull(j);
	jhJsonKey(j, "passes");
	if (judged)
		jhJsonBool(j, u->passes);
	else
		jhJsonNull(j);
	jhJsonKey(j, "shortfalls");
	jhJsonOpen(j, '[');
	for (int i = 0; judged && i < JH_IND__COUNT; i++) {
		double fl = th[i] * std->school_floor_ratio;

		if (jh_at_least(std, u->value[i], th[i]))
			continue;
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "indicator", jh_indicator_key((jh_indicator)i));
		jhJsonFieldNum(j, "value", u->value[i]);
		jhJsonFieldNum(j, "threshold", th[i]);
		jhJsonFieldNum(j, "floor", fl);
		jhJsonFieldStr(j, "kind", jh_at_least(std, u->value[i], fl) ?
		               "below_threshold" : "below_floor");
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	/* Added by issue 14, only when the unit was judged under a
	 * provincial relaxation (so national outputs keep their bytes):
	 * the relaxations' keys, as the standards file's relax.KEY. */
	if (u->relaxed) {
		jhJsonKey(j, "relaxations");
		jhJsonOpen(j, '[');
		for (size_t k = 0; k < sizeof relax_names / sizeof *relax_names; k++)
			if (u->relaxed & relax_names[k].bit)
				jhJsonStr(j, relax_names[k].key);
		jhJsonClose(j, ']');
	}
	jhJsonClose(j, '}');
}

/* County c as an element of the "counties" array: the array's first
 * element without a comma, indented to depth 2 when pretty. */
static void json_county(const struct rctx *x, size_t c, jh_out *o)
{
	const jh_result *r = x->r;
	const jh_county_result *cr = &r->counties[c];
	jhJson j;

	jhJsonInit(&j, o, x->indent);
	j.depth = 2;
	j.first = c == 0;
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "county_code", cr->county_code);
	jhJsonFieldInt(&j, "year", cr->year);
	jhJsonFieldBool(&j, "passes", cr->passes);
	{
		/* Added by issue 9: the county's name ("" when not known). */
		char name[128];
		jh_areas_county_fullname(r->areas, cr->county_code, name, sizeof name);
		jhJsonFieldStr(&j, "county_name", name);
	}
	jhJsonKey(&j, "stages");
	jhJsonOpen(&j, '{');
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		jhJsonKey(&j, jh_stage_key((jh_stage)st));
		json_stage(&j, r->standard, st, &cr->stage[st]);
	}
	jhJsonClose(&j, '}');
	jhJsonKey(&j, "schools");
	jhJsonOpen(&j, '[');
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++)
		json_unit(&j, r, &r->units[k]);
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
}

/* --- CSV --------------------------------------------------------------- */

static void csv_num(jh_out *o, double v)
{
	jhOutAddc(o, ',');
	if (!isnan(v))
		jhOutNumber(o, v, 0);
}

static void add_int(jh_out *o, long long v)
{
	char b[JH_NUMBER_MAX];

	jhOutAdd(o, b, jhInteger(v, b));
}

/* ",text" */
static void csv_field(jh_out *o, const char *s)
{
	jhOutAddc(o, ',');
	jhOutAdds(o, s);
}

/* The CSV's header in the output's language: Chinese column names in zh
 * (as people open it in Excel), the English keys in en.  The county's name
 * is the last column, so the keys' layout before it stays as it was. */
static void csv_head(jh_out *o, const char *lang, int relax_col)
{
	static const char *const zh_cols =
		"记录,县(市、区)代码,年度,学段,学校标识码,学校名称,"
		"办学类型,参评情况,学生数,学校数";
	char key[64];

	jhOutAdds(o, JH_UTF8_BOM);
	if (is_en(lang))
		jhOutAdds(o, "record,county_code,year,stage,school_code,school_name,"
		             "school_type,status,students,schools");
	else
		jhOutAdds(o, zh_cols);
	for (int i = 0; i < JH_IND__COUNT; i++) {
		jhOutAddc(o, ',');
		jh_out_addcsv(o, is_en(lang) ? jh_indicator_key((jh_indicator)i)
		                             : jh_indicator_name((jh_indicator)i, lang));
	}
	for (int i = 0; i < JH_IND__COUNT; i++) {
		jhOutAddc(o, ',');
		if (is_en(lang)) {
			snprintf(key, sizeof key, "cv_%s", jh_indicator_key((jh_indicator)i));
			jhOutAdds(o, key);
		} else {
			jhOutAdds(o, jh_indicator_short((jh_indicator)i, lang));
			jhOutAdds(o, "差异系数");
		}
	}
	jhOutAdds(o, is_en(lang) ? ",cv_mean,met,passes,shortfalls,county_name"
	                         : ",综合差异系数,达标指标数,是否达标,未达标指标,县(市、区)名称");
	/* After the county's name, and only when some school was judged
	 * under a provincial relaxation (issue 14). */
	if (relax_col)
		jhOutAdds(o, is_en(lang) ? ",relaxations" : ",适用放宽规则");
	jhOutAddc(o, '\n');
}

/* ",是" / ",true" */
static void csv_bool(jh_out *o, int v, const char *lang)
{
	jhOutAddc(o, ',');
	jhOutAdds(o, is_en(lang) ? (v ? "true" : "false") : (v ? "是" : "否"));
}

/* ",NAME" of the county, "" when the areas do not name it. */
static void csv_county_name(const jh_result *r, const jh_county_result *cr,
                            jh_out *o)
{
	char name[256];

	name[0] = '\0';
	if (r->areas)
		jh_areas_county_fullname(r->areas, cr->county_code, name, sizeof name);
	jhOutAddc(o, ',');
	jh_out_addcsv(o, name);
}

static void csv_county(const struct rctx *x, size_t c, jh_out *o)
{
	const jh_result *r = x->r;
	const jh_standard *std = r->standard;
	const jh_county_result *cr = &r->counties[c];

	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &cr->stage[st];
		if (!sr->schools)
			continue;
		jhOutAdds(o, is_en(x->lang) ? "county" : "县");
		csv_field(o, cr->county_code);
		jhOutAddc(o, ',');
		add_int(o, cr->year);
		csv_field(o, is_en(x->lang) ? jh_stage_key((jh_stage)st)
		                            : jh_stage_name((jh_stage)st, x->lang));
		jhOutAdds(o, ",,,,");
		csv_num(o, sr->students);
		jhOutAddc(o, ',');
		add_int(o, (long long)sr->schools);
		for (int i = 0; i < JH_IND__COUNT; i++)
			csv_num(o, sr->mean[i]);
		for (int i = 0; i < JH_IND__COUNT; i++)
			csv_num(o, sr->cv[i]);
		csv_num(o, sr->cv_mean);
		jhOutAddc(o, ',');
		csv_bool(o, sr->passes, x->lang);
		jhOutAddc(o, ',');
		csv_county_name(r, cr, o);
		if (x->relax_col)
			jhOutAddc(o, ',');
		jhOutAddc(o, '\n');
	}
	for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
		const jh_unit *u = &r->units[k];
		const double *th = std->threshold[u->stage];
		int judged = u->status == JH_UNIT_EVALUATED, first = 1;

		jhOutAdds(o, is_en(x->lang) ? "school" : "学校");
		csv_field(o, cr->county_code);
		jhOutAddc(o, ',');
		add_int(o, cr->year);
		csv_field(o, is_en(x->lang) ? jh_stage_key(u->stage)
		                            : jh_stage_name(u->stage, x->lang));
		csv_field(o, u->school->school_code);
		jhOutAddc(o, ',');
		jh_out_addcsv(o, u->school->school_name ? u->school->school_name : "");
		csv_field(o, is_en(x->lang) ? jh_school_type_key(u->school->type)
		                            : jh_school_type_name(u->school->type, x->lang));
		/* The Chinese reasons hold commas: quoted as CSV needs. */
		jhOutAddc(o, ',');
		jh_out_addcsv(o, is_en(x->lang) ? jhUnitStatusKey(u->status)
		                                : jhUnitStatusName(u->status, x->lang));
		csv_num(o, u->students);
		jhOutAddc(o, ',');
		for (int i = 0; i < JH_IND__COUNT; i++)
			csv_num(o, u->students > 0 ? u->value[i] : NAN);
		/* No coefficients nor their mean for a school. */
		jhOutAdds(o, ",,,,,,,,");
		if (judged) {
			jhOutAddc(o, ',');
			add_int(o, u->met);
			csv_bool(o, u->passes, x->lang);
			jhOutAddc(o, ',');
		} else {
			jhOutAdds(o, ",,,");
		}
		for (int i = 0; judged && i < JH_IND__COUNT; i++) {
			if (jh_at_least(std, u->value[i], th[i]))
				continue;
			if (!first)
				jhOutAdds(o, is_en(x->lang) ? ";" : "；");
			jhOutAdds(o, is_en(x->lang) ? jh_indicator_key((jh_indicator)i)
			                            : jh_indicator_short((jh_indicator)i, x->lang));
			first = 0;
		}
		csv_county_name(r, cr, o);
		if (x->relax_col) {
			/* en: keys joined by ";"; zh: names joined by "；"
			 * (no comma in either, so no quoting). */
			jhOutAddc(o, ',');
			add_relaxations(o, u->relaxed, is_en(x->lang) ? NULL : x->lang,
			                is_en(x->lang) ? ";" : "；");
		}
		jhOutAddc(o, '\n');
	}
}

/* --- rendering ------------------------------------------------------- */

static void render_range(const struct rctx *x, size_t from, size_t to,
                         jh_out *o)
{
	for (size_t c = from; c < to; c++) {
		if (x->fmt == JH_FMT_TEXT)
			text_county(x->r, &x->r->counties[c], x->lim, x->lang, o);
		else if (x->fmt == JH_FMT_JSON)
			json_county(x, c, o);
		else
			csv_county(x, c, o);
	}
}

jh_code jh_report_write(const jh_result *r, jh_format fmt, const char *lang,
                        unsigned flags, jh_out *o)
{
	struct rctx x = {r, fmt, lang, flags & JH_REPORT_PRETTY ? 2 : 0, NULL, 0};
	struct limits lim;
	jhJson j;

	if (fmt != JH_FMT_TEXT && fmt != JH_FMT_JSON && fmt != JH_FMT_CSV)
		return JH_ERR_ARG;
	if (fmt == JH_FMT_TEXT) {
		text_limits(r->standard, &lim);
		x.lim = &lim;
		text_head(r, lang, o);
	} else if (fmt == JH_FMT_JSON) {
		jhJsonInit(&j, o, x.indent);
		jhJsonOpen(&j, '{');
		jhJsonKey(&j, "standard");
		json_standard(&j, r->standard);
		jhJsonKey(&j, "counties");
		jhJsonOpen(&j, '[');
	} else {
		for (size_t k = 0; k < r->nunits && !x.relax_col; k++)
			x.relax_col = r->units[k].relaxed != 0;
		csv_head(o, lang, x.relax_col);
	}
	render_range(&x, 0, r->ncounties, o);
	if (fmt == JH_FMT_TEXT) {
		text_summary(r, lang, o);
	} else if (fmt == JH_FMT_JSON) {
		j.first = r->ncounties == 0;      /* the counties were written */
		jhJsonClose(&j, ']');
		jhJsonClose(&j, '}');
		jhOutAddc(o, '\n');
	}
	return jh_out_error(o);
}

jh_code jh_report(const jh_result *r, jh_format fmt, const char *lang,
                  jh_buf *out)
{
	jh_out *o = jh_out_new_buf(out);
	jh_code rc;

	if (!o)
		return JH_ERR_NOMEM;
	rc = jh_report_write(r, fmt, lang, 0, o);
	if (jh_out_close(o) && rc == JH_OK)
		rc = JH_ERR_NOMEM;
	return rc;
}
