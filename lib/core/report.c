/*
** report.c — an evaluation result as text, JSON or CSV.
**
** Text is for a county official at a terminal: Chinese by default, English
** with lang "en"; CJK-aware column alignment; values to 2 decimals and
** coefficients to 3, although every judgement was made on unrounded values.
** JSON (built with jansson) carries every value unrounded for programs.
** CSV has one row per county-stage and one per school-stage, for
** spreadsheets.
*/
#include "core_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

#define L(zh, en) (is_en(lang) ? (en) : (zh))

static const char *status_key(jh_unit_status s)
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

static const char *status_name(jh_unit_status s, const char *lang)
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

/* Numbers as people read them: 2 decimals, trailing zeros kept. */
static void fmt2(char *b, size_t n, double v)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.2f", v);
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

static void fmt3(char *b, size_t n, double v)
{
	if (isnan(v))
		snprintf(b, n, "-");
	else
		snprintf(b, n, "%.3f", v);
}

/* --- text ---------------------------------------------------------------- */

#define W_LABEL 18
#define W_COL 11

static void text_county(const jh_result *r, const jh_county_result *cr,
                        const char *lang, jh_buf *o)
{
	const jh_standard *std = r->standard;
	char b[64];

	jh_buf_addf(o, L("\n县(市、区) %s · %d 年度 · 资源配置:%s\n",
	                 "\nCounty %s · %d · resource allocation: %s\n"),
	            cr->county_code, cr->year,
	            cr->passes ? L("达标 ✔", "PASS ✔") : L("未达标 ✘", "FAIL ✘"));
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		const jh_stage_result *sr = &cr->stage[st];

		if (!sr->schools)
			continue;
		jh_buf_adds(o, "  ");
		snprintf(b, sizeof b, L("%s: %zu 所学校, %.0f 名学生, %zu 所未达标",
		                        "%s: %zu schools, %.0f students, %zu failing"),
		         jh_stage_name((jh_stage)st, lang), sr->schools,
		         sr->students, sr->schools_failing);
		jh_buf_adds(o, b);
		jh_buf_adds(o, "\n    ");
		jh_buf_addpad(o, "", W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++)
			jh_buf_addpad(o, jh_indicator_short((jh_indicator)i, lang),
			              W_COL, 1);
		jh_buf_addpad(o, L("综合", "Overall"), W_COL, 1);
		jh_buf_adds(o, "\n    ");
		jh_buf_addpad(o, L("标准值", "Threshold"), W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			snprintf(b, sizeof b, "%g", std->threshold[st][i]);
			jh_buf_addpad(o, b, W_COL, 1);
		}
		jh_buf_adds(o, "\n    ");
		jh_buf_addpad(o, L("全县均值", "County mean"), W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			fmt2(b, sizeof b, sr->mean[i]);
			jh_buf_addpad(o, b, W_COL, 1);
		}
		jh_buf_adds(o, "\n    ");
		snprintf(b, sizeof b, L("差异系数(≤%.2f)", "CV (<= %.2f)"),
		         std->cv_limit[st]);
		jh_buf_addpad(o, b, W_LABEL, 0);
		for (int i = 0; i < JH_IND__COUNT; i++) {
			char v[32];
			fmt3(v, sizeof v, sr->cv[i]);
			/* Four decimals when three would hide a failure, as with
			 * 0.5018 against 0.50. */
			if (!sr->cv_pass[i] && !isnan(sr->cv[i]) &&
			    sr->cv[i] < std->cv_limit[st] + 0.0005)
				snprintf(v, sizeof v, "%.4f", sr->cv[i]);
			snprintf(b, sizeof b, "%s%s", v, sr->cv_pass[i] ? "✔" : "✘");
			jh_buf_addpad(o, b, W_COL, 1);
		}
		fmt3(b, sizeof b, sr->cv_mean);
		jh_buf_addpad(o, b, W_COL, 1);
		jh_buf_addc(o, '\n');
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
			jh_buf_addf(o, L("  未达标学校(%zu):\n", "  Failing schools (%zu):\n"),
			            nfail);
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			const double *th = std->threshold[u->stage];

			if (u->status != JH_UNIT_EVALUATED || u->passes)
				continue;
			jh_buf_addf(o, L("    [%s] %s %s,学生 %.0f,达标 %d/7\n",
			                 "    [%s] %s %s, %.0f students, %d/7 met\n"),
			            jh_stage_name(u->stage, lang), u->school->school_code,
			            u->school->school_name, u->students, u->met);
			for (int i = 0; i < JH_IND__COUNT; i++) {
				char v[32], t[32], f[32];
				double floor_v = th[i] * std->school_floor_ratio;
				if (jh_at_least(std, u->value[i], th[i]))
					continue;
				fmt2(v, sizeof v, u->value[i]);
				fmt_limit(t, sizeof t, th[i]);
				fmt_limit(f, sizeof f, floor_v);
				if (!jh_at_least(std, u->value[i], floor_v))
					jh_buf_addf(o, L("        %s %s %s < %s,且低于 %g%% 下限 %s ✘\n",
					                 "        %s %s %s < %s, and under the %g%% floor %s ✘\n"),
					            jh_indicator_name((jh_indicator)i, lang), v,
					            jh_indicator_unit((jh_indicator)i, lang), t,
					            std->school_floor_ratio * 100, f);
				else
					jh_buf_addf(o, L("        %s %s %s < %s\n",
					                 "        %s %s %s < %s\n"),
					            jh_indicator_name((jh_indicator)i, lang), v,
					            jh_indicator_unit((jh_indicator)i, lang), t);
			}
		}
		if (nexcl) {
			jh_buf_addf(o, L("  未参评(%zu):", "  Not evaluated (%zu):"), nexcl);
			for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
				const jh_unit *u = &r->units[k];
				if (u->status == JH_UNIT_EVALUATED ||
				    u->status == JH_UNIT_NO_STUDENTS)
					continue;
				jh_buf_addf(o, " %s %s(%.0f%s,%s)", u->school->school_code,
				            u->school->school_name, u->students,
				            L("人", " students"), status_name(u->status, lang));
			}
			jh_buf_addc(o, '\n');
		}
	}
}

static void text_report(const jh_result *r, const char *lang, jh_buf *o)
{
	const jh_standard *std = r->standard;
	size_t pass = 0;

	jh_buf_addf(o, L("义务教育优质均衡发展 · 资源配置评估\n标准:%s%s%s\n",
	                 "High-quality balanced compulsory education · resource allocation\nStandard: %s%s%s\n"),
	            is_en(lang) ? std->name_en : std->name_zh,
	            std->base[0] ? L(",基于 ", ", based on ") : "",
	            std->base[0] ? std->base : "");
	for (size_t i = 0; i < r->ncounties; i++)
		text_county(r, &r->counties[i], lang, o);

	jh_buf_adds(o, L("\n汇总\n", "\nSummary\n"));
	jh_buf_adds(o, "  ");
	jh_buf_addpad(o, L("县代码", "County"), 10, 0);
	jh_buf_addpad(o, L("年度", "Year"), 6, 0);
	jh_buf_addpad(o, L("小学系数", "Pri. CV"), 10, 0);
	jh_buf_addpad(o, L("初中系数", "Jun. CV"), 10, 0);
	jh_buf_addpad(o, L("未达标校", "Failing"), 10, 0);
	jh_buf_adds(o, L("结论\n", "Verdict\n"));
	for (size_t i = 0; i < r->ncounties; i++) {
		const jh_county_result *cr = &r->counties[i];
		char y[16], f[16];
		snprintf(y, sizeof y, "%d", cr->year);
		snprintf(f, sizeof f, "%zu", cr->stage[0].schools_failing +
		                             cr->stage[1].schools_failing);
		jh_buf_adds(o, "  ");
		jh_buf_addpad(o, cr->county_code, 10, 0);
		jh_buf_addpad(o, y, 6, 0);
		for (int st = 0; st < JH_STAGE__COUNT; st++)
			jh_buf_addpad(o, !cr->stage[st].schools ? "-" :
			              cr->stage[st].all_cv_pass ? "✔" : "✘", 10, 0);
		jh_buf_addpad(o, f, 10, 0);
		jh_buf_adds(o, cr->passes ? L("达标", "pass") : L("未达标", "fail"));
		jh_buf_addc(o, '\n');
		pass += cr->passes != 0;
	}
	jh_buf_addf(o, L("  共 %zu 个县·年度,达标 %zu 个,未达标 %zu 个\n",
	                 "  %zu county-years: %zu pass, %zu fail\n"),
	            r->ncounties, pass, r->ncounties - pass);
}

/* --- JSON -------------------------------------------------------------- */

static json_t *num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *json_standard(const jh_standard *std)
{
	json_t *o = json_object(), *th = json_object(), *lim = json_object();

	json_object_set_new(o, "id", json_string(std->id));
	json_object_set_new(o, "name_zh", json_string(std->name_zh));
	json_object_set_new(o, "name_en", json_string(std->name_en));
	json_object_set_new(o, "base", std->base[0] ? json_string(std->base) : json_null());
	for (int st = 0; st < JH_STAGE__COUNT; st++) {
		json_t *t = json_object();
		for (int i = 0; i < JH_IND__COUNT; i++)
			json_object_set_new(t, jh_indicator_key((jh_indicator)i),
			                    json_real(std->threshold[st][i]));
		json_object_set_new(th, jh_stage_key((jh_stage)st), t);
		json_object_set_new(lim, jh_stage_key((jh_stage)st),
		                    json_real(std->cv_limit[st]));
	}
	json_object_set_new(o, "thresholds", th);
	json_object_set_new(o, "cv_limits", lim);
	json_object_set_new(o, "school_min_met", json_integer(std->school_min_met));
	json_object_set_new(o, "school_floor_ratio", json_real(std->school_floor_ratio));
	return o;
}

static json_t *json_unit(const jh_result *r, const jh_unit *u)
{
	const jh_standard *std = r->standard;
	const double *th = std->threshold[u->stage];
	json_t *o = json_object(), *ind = json_object(), *sh = json_array();
	int judged = u->status == JH_UNIT_EVALUATED;

	json_object_set_new(o, "school_code", json_string(u->school->school_code));
	json_object_set_new(o, "school_name", json_string(u->school->school_name ?
	                                                  u->school->school_name : ""));
	json_object_set_new(o, "school_type",
	                    json_string(jh_school_type_key(u->school->type)));
	json_object_set_new(o, "stage", json_string(jh_stage_key(u->stage)));
	json_object_set_new(o, "status", json_string(status_key(u->status)));
	json_object_set_new(o, "students", json_real(u->students));
	json_object_set_new(o, "split_share", json_real(u->share));
	for (int i = 0; i < JH_IND__COUNT; i++) {
		json_object_set_new(ind, jh_indicator_key((jh_indicator)i),
		                    u->students > 0 ? num(u->value[i]) : json_null());
		if (!judged || jh_at_least(std, u->value[i], th[i]))
			continue;
		json_t *s = json_object();
		double fl = th[i] * std->school_floor_ratio;
		json_object_set_new(s, "indicator", json_string(jh_indicator_key((jh_indicator)i)));
		json_object_set_new(s, "value", num(u->value[i]));
		json_object_set_new(s, "threshold", json_real(th[i]));
		json_object_set_new(s, "floor", json_real(fl));
		json_object_set_new(s, "kind", json_string(
			jh_at_least(std, u->value[i], fl) ? "below_threshold" : "below_floor"));
		json_array_append_new(sh, s);
	}
	json_object_set_new(o, "indicators", ind);
	json_object_set_new(o, "met", judged ? json_integer(u->met) : json_null());
	json_object_set_new(o, "passes", judged ? json_boolean(u->passes) : json_null());
	json_object_set_new(o, "shortfalls", sh);
	return o;
}

static int dump_to_buf(const char *p, size_t n, void *data)
{
	jh_buf *out = data;

	jh_buf_add(out, p, n);
	return out->oom ? -1 : 0;
}

/* The document is written one county at a time (json_dump_callback
 * straight into out), so a nation's result never exists as a whole tree:
 * memory stays proportional to one county. */
static jh_code json_report(const jh_result *r, jh_buf *out)
{
	const jh_standard *std = r->standard;
	const size_t flags = JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	                     JSON_REAL_PRECISION(17);
	json_t *sj = json_standard(std);

	if (!sj)
		return JH_ERR_NOMEM;
	jh_buf_adds(out, "{\n \"standard\": ");
	if (json_dump_callback(sj, dump_to_buf, out, flags)) {
		json_decref(sj);
		return JH_ERR_NOMEM;
	}
	json_decref(sj);
	jh_buf_adds(out, ",\n \"counties\": [");
	for (size_t c = 0; c < r->ncounties; c++) {
		const jh_county_result *cr = &r->counties[c];
		json_t *co = json_object(), *stages = json_object(), *schools = json_array();

		json_object_set_new(co, "county_code", json_string(cr->county_code));
		json_object_set_new(co, "year", json_integer(cr->year));
		json_object_set_new(co, "passes", json_boolean(cr->passes));
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			const jh_stage_result *sr = &cr->stage[st];
			json_t *so = json_object(), *mean = json_object(),
			       *sd = json_object(), *cv = json_object(), *cp = json_object();
			for (int i = 0; i < JH_IND__COUNT; i++) {
				const char *k = jh_indicator_key((jh_indicator)i);
				json_object_set_new(mean, k, num(sr->mean[i]));
				json_object_set_new(sd, k, num(sr->sd[i]));
				json_object_set_new(cv, k, num(sr->cv[i]));
				json_object_set_new(cp, k, json_boolean(sr->cv_pass[i]));
			}
			json_object_set_new(so, "students", json_real(sr->students));
			json_object_set_new(so, "schools", json_integer((json_int_t)sr->schools));
			json_object_set_new(so, "schools_failing",
			                    json_integer((json_int_t)sr->schools_failing));
			json_object_set_new(so, "mean", mean);
			json_object_set_new(so, "sd", sd);
			json_object_set_new(so, "cv", cv);
			json_object_set_new(so, "cv_limit", json_real(std->cv_limit[st]));
			json_object_set_new(so, "cv_pass", cp);
			json_object_set_new(so, "cv_mean", num(sr->cv_mean));
			json_object_set_new(so, "passes", json_boolean(sr->passes));
			json_object_set_new(stages, jh_stage_key((jh_stage)st), so);
		}
		json_object_set_new(co, "stages", stages);
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++)
			json_array_append_new(schools, json_unit(r, &r->units[k]));
		json_object_set_new(co, "schools", schools);
		jh_buf_adds(out, c ? ",\n  " : "\n  ");
		int bad = json_dump_callback(co, dump_to_buf, out, flags);
		json_decref(co);
		if (bad)
			return JH_ERR_NOMEM;
	}
	jh_buf_adds(out, r->ncounties ? "\n ]\n}\n" : "]\n}\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

/* --- CSV --------------------------------------------------------------- */

static void csv_num(jh_buf *o, double v)
{
	jh_buf_addc(o, ',');
	if (!isnan(v))
		jh_buf_addf(o, "%.17g", v);
}

static void csv_report(const jh_result *r, jh_buf *o)
{
	const jh_standard *std = r->standard;

	jh_buf_adds(o, "record,county_code,year,stage,school_code,school_name,"
	               "school_type,status,students,schools");
	for (int i = 0; i < JH_IND__COUNT; i++)
		jh_buf_addf(o, ",%s", jh_indicator_key((jh_indicator)i));
	for (int i = 0; i < JH_IND__COUNT; i++)
		jh_buf_addf(o, ",cv_%s", jh_indicator_key((jh_indicator)i));
	jh_buf_adds(o, ",cv_mean,met,passes,shortfalls\n");
	for (size_t c = 0; c < r->ncounties; c++) {
		const jh_county_result *cr = &r->counties[c];
		for (int st = 0; st < JH_STAGE__COUNT; st++) {
			const jh_stage_result *sr = &cr->stage[st];
			if (!sr->schools)
				continue;
			jh_buf_addf(o, "county,%s,%d,%s,,,,,%.17g,%zu", cr->county_code,
			            cr->year, jh_stage_key((jh_stage)st), sr->students,
			            sr->schools);
			for (int i = 0; i < JH_IND__COUNT; i++)
				csv_num(o, sr->mean[i]);
			for (int i = 0; i < JH_IND__COUNT; i++)
				csv_num(o, sr->cv[i]);
			csv_num(o, sr->cv_mean);
			jh_buf_addf(o, ",,%s,\n", sr->passes ? "true" : "false");
		}
		for (size_t k = cr->first_unit; k < cr->first_unit + cr->nunits; k++) {
			const jh_unit *u = &r->units[k];
			const double *th = std->threshold[u->stage];
			int judged = u->status == JH_UNIT_EVALUATED, first = 1;

			jh_buf_addf(o, "school,%s,%d,%s,%s,", cr->county_code, cr->year,
			            jh_stage_key(u->stage), u->school->school_code);
			jh_buf_addcsv(o, u->school->school_name ? u->school->school_name : "");
			jh_buf_addf(o, ",%s,%s,%.17g,", jh_school_type_key(u->school->type),
			            status_key(u->status), u->students);
			for (int i = 0; i < JH_IND__COUNT; i++)
				csv_num(o, u->students > 0 ? u->value[i] : NAN);
			for (int i = 0; i < JH_IND__COUNT; i++)
				jh_buf_addc(o, ',');
			jh_buf_addc(o, ',');
			if (judged)
				jh_buf_addf(o, ",%d,%s,", u->met, u->passes ? "true" : "false");
			else
				jh_buf_adds(o, ",,,");
			for (int i = 0; judged && i < JH_IND__COUNT; i++) {
				if (jh_at_least(std, u->value[i], th[i]))
					continue;
				jh_buf_addf(o, "%s%s", first ? "" : ";",
				            jh_indicator_key((jh_indicator)i));
				first = 0;
			}
			jh_buf_addc(o, '\n');
		}
	}
}

jh_code jh_report(const jh_result *r, jh_format fmt, const char *lang,
                  jh_buf *out)
{
	jh_code rc = JH_OK;

	switch (fmt) {
	case JH_FMT_TEXT:
		text_report(r, lang, out);
		break;
	case JH_FMT_JSON:
		rc = json_report(r, out);
		break;
	case JH_FMT_CSV:
		csv_report(r, out);
		break;
	default:
		return JH_ERR_ARG;
	}
	if (rc == JH_OK && out->oom)
		rc = JH_ERR_NOMEM;
	return rc;
}
