/*
** verdict_report.c — a county's verdict for people (text, CSV) and
** programs (JSON: {"county_code", "county_name", "year", "verdict",
** "items": [...]}).
**
** Text and CSV are in one language each: the county headed by its code
** and name, each item by its name, its value as officials count it, the
** requirement and the detail in words (verdict.c renders both languages).
** Item ids (`guarantee.8`) are for programs: always in JSON, in text and
** CSV only when the caller asks (JH_VERDICT_IDS, the CLI's --ids).  CSV
** cells go through the library's one CSV cell writer (jh_buf_addcsv).
*/
#include "core_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *status_key(jh_item_status s)
{
	return s == JH_ITEM_PASS ? "pass" : s == JH_ITEM_FAIL ? "fail" : "missing";
}

static const char *verdict_key(jh_verdict_code v)
{
	return v == JH_VERDICT_PASS ? "pass" : v == JH_VERDICT_FAIL ? "fail" : "incomplete";
}

static const char *const parts[][3] = {
	{"prerequisite", "申报条件", "Prerequisite"},
	{"resource", "资源配置", "Resource allocation"},
	{"guarantee", "政府保障程度", "Government guarantee"},
	{"quality", "教育质量", "Education quality"},
	{"recognition", "社会认可度", "Social recognition"},
	{"veto", "一票否决", "One-vote veto"},
};

static const char *part_name(const char *part, int en)
{
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
		if (!strcmp(parts[p][0], part))
			return parts[p][en ? 2 : 1];
	return part;
}

/* What people read of an item, in one language. */
static const char *it_value(const jh_verdict_item *it, int en)
{
	const char *s = en ? it->value_en : it->value_zh;
	return *s ? s : it->value_text[0] ? it->value_text : "-";
}

const char *jh_verdict_item_value(const jh_verdict_item *it, const char *lang)
{
	return it_value(it, lang && !strcmp(lang, "en"));
}

const char *jhVerdictPartName(const char *part, const char *lang)
{
	return part_name(part, lang && !strcmp(lang, "en"));
}

const char *jhItemStatusName(jh_item_status s, const char *lang)
{
	int en = lang && !strcmp(lang, "en");

	return s == JH_ITEM_PASS ? (en ? "pass" : "达标") :
	       s == JH_ITEM_FAIL ? (en ? "fail" : "不达标") :
	       (en ? "missing" : "缺少数据");
}

#define IT(it, field) (en ? (it)->field##_en : (it)->field##_zh)

static jh_code json_verdict(const jh_verdict *v, jh_buf *out)
{
	json_t *o = json_object(), *items = json_array(), *rates = json_object();
	char *s;

	json_object_set_new(o, "county_code", json_string(v->county_code));
	json_object_set_new(o, "year", json_integer(v->year));
	json_object_set_new(o, "verdict", json_string(verdict_key(v->verdict)));
	for (int g = 0; g < JH_GROUPS; g++)
		if (v->recognition_rate[g] == v->recognition_rate[g])   /* not NaN */
			json_object_set_new(rates, jhGroups[g][0], json_real(v->recognition_rate[g]));
	json_object_set_new(o, "recognition_by_group", rates);
	for (size_t i = 0; i < v->count; i++) {
		const jh_verdict_item *it = &v->items[i];
		json_t *j = json_object();
		json_object_set_new(j, "part", json_string(it->part));
		json_object_set_new(j, "id", json_string(it->id));
		json_object_set_new(j, "name_zh", json_string(it->name_zh));
		json_object_set_new(j, "name_en", json_string(it->name_en));
		if (it->has_value)
			json_object_set_new(j, "value", json_real(it->value));
		else if (it->value_text[0])
			json_object_set_new(j, "value", json_string(it->value_text));
		else
			json_object_set_new(j, "value", json_null());
		json_object_set_new(j, "threshold", it->has_threshold ?
		                    json_real(it->threshold) : json_null());
		json_object_set_new(j, "threshold_text", json_string(it->threshold_text));
		json_object_set_new(j, "status", json_string(status_key(it->status)));
		json_object_set_new(j, "source", json_string(it->source ? it->source : ""));
		json_object_set_new(j, "detail", json_string(it->detail));
		/* Added by issue 9: the same for people, per language. */
		json_object_set_new(j, "label_zh", json_string(it->label_zh));
		json_object_set_new(j, "label_en", json_string(it->label_en));
		json_object_set_new(j, "value_text_zh", json_string(it_value(it, 0)));
		json_object_set_new(j, "value_text_en", json_string(it_value(it, 1)));
		json_object_set_new(j, "threshold_text_zh", json_string(it->threshold_text_zh));
		json_object_set_new(j, "threshold_text_en", json_string(it->threshold_text_en));
		json_object_set_new(j, "detail_zh", json_string(it->detail_zh));
		json_object_set_new(j, "detail_en", json_string(it->detail_en));
		json_array_append_new(items, j);
	}
	json_object_set_new(o, "items", items);
	/* After the original keys: a key added, none renamed or moved. */
	json_object_set_new(o, "county_name", json_string(v->county_name));
	s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	json_decref(o);
	if (!s)
		return JH_ERR_NOMEM;
	jh_buf_adds(out, s);
	jh_buf_addc(out, '\n');
	free(s);
	return JH_OK;
}

static void text_verdict(const jh_verdict *v, int en, unsigned flags, jh_buf *o)
{
	size_t nfail = 0, nmiss = 0, nschool_ok = 0, nschool = 0;
	char title[192];

	jh_county_title(v->county_code, v->county_name, en ? "en" : "zh", title, sizeof title);
	jh_buf_addf(o, en ? "%s · %d · verdict: %s\n" : "%s · %d 年度 · 结论:%s\n",
	            title, v->year,
	            v->verdict == JH_VERDICT_PASS ? (en ? "PASS ✔" : "达到优质均衡 ✔") :
	            v->verdict == JH_VERDICT_FAIL ? (en ? "FAIL ✘" : "未达到 ✘") :
	            (en ? "INCOMPLETE (data missing) ?" : "数据不全,无法认定 ？"));
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		int header = 0;
		for (size_t i = 0; i < v->count; i++) {
			const jh_verdict_item *it = &v->items[i];
			const char *mark;
			if (strcmp(it->part, parts[p][0]))
				continue;
			/* Passing schools are summarised, not listed one by one. */
			if (!strncmp(it->id, "resource.school.", 16)) {
				nschool++;
				if (it->status == JH_ITEM_PASS) {
					nschool_ok++;
					continue;
				}
			}
			if (!header) {
				jh_buf_addf(o, "\n[%s]\n", parts[p][en ? 2 : 1]);
				header = 1;
			}
			mark = it->status == JH_ITEM_PASS ? "✔" : it->status == JH_ITEM_FAIL ? "✘" :
			       en ? "?" : "？";
			nfail += it->status == JH_ITEM_FAIL;
			nmiss += it->status == JH_ITEM_MISSING;
			if (flags & JH_VERDICT_IDS)
				jh_buf_addf(o, "  %s %-24s %s", mark, it->id, IT(it, name));
			else
				jh_buf_addf(o, "  %s %s", mark, IT(it, name));
			if (it->status == JH_ITEM_MISSING)
				jh_buf_addf(o, en ? "  — missing: %s\n" : "  — 缺少数据:%s\n",
				            IT(it, detail));
			else {
				jh_buf_addf(o, en ? "  — value %s, required %s" : "  — 实际 %s,要求 %s",
				            it_value(it, en), IT(it, threshold_text));
				if (IT(it, detail)[0])
					jh_buf_addf(o, en ? " (%s)" : "(%s)", IT(it, detail));
				jh_buf_addc(o, '\n');
			}
		}
		if (!strcmp(parts[p][0], "resource") && nschool)
			jh_buf_addf(o, en ? "  %zu of %zu school stages pass the per-school rule\n"
			                  : "  %zu/%zu 个学校(学段)达到单校要求\n", nschool_ok, nschool);
	}
	jh_buf_addf(o, en ? "\n%zu items fail, %zu items lack data.\n"
	                  : "\n不达标 %zu 项,缺少数据 %zu 项。\n", nfail, nmiss);
}

/* One row per item: county, year, part, [id,] item, status, value,
 * requirement, detail — headers and words in the language asked for. */
static void csv_verdict(const jh_verdict *v, int en, unsigned flags, jh_buf *o)
{
	char y[16];

	if (flags & JH_VERDICT_CSV_HEADER) {
		/* A BOM, so that Excel reads UTF-8 (Chinese Excel guesses GBK). */
		jh_buf_adds(o, "\xEF\xBB\xBF");
		jh_buf_adds(o, en ? "county_code,county_name,year,verdict,part" :
		                    "县(市、区)代码,县(市、区)名称,年度,结论,方面");
		if (flags & JH_VERDICT_IDS)
			jh_buf_adds(o, en ? ",item_id" : ",项目标识");
		jh_buf_adds(o, en ? ",item,status,value,requirement,detail\n" :
		                    ",项目,结果,实际,要求,说明\n");
	}
	snprintf(y, sizeof y, "%d", v->year);
	for (size_t i = 0; i < v->count; i++) {
		const jh_verdict_item *it = &v->items[i];
		const char *cells[] = {
			v->county_code, v->county_name, y,
			v->verdict == JH_VERDICT_PASS ? (en ? "pass" : "达到") :
			v->verdict == JH_VERDICT_FAIL ? (en ? "fail" : "未达到") :
			(en ? "incomplete" : "数据不全"),
			part_name(it->part, en),
			(flags & JH_VERDICT_IDS) ? it->id : NULL,
			IT(it, name),
			jhItemStatusName(it->status, en ? "en" : "zh"),
			it->status == JH_ITEM_MISSING ? "" : it_value(it, en),
			IT(it, threshold_text),
			IT(it, detail),
		};
		int first = 1;
		for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
			if (k == 5 && !(flags & JH_VERDICT_IDS))
				continue;
			if (!first)
				jh_buf_addc(o, ',');
			jh_buf_addcsv(o, cells[k] ? cells[k] : "");
			first = 0;
		}
		jh_buf_addc(o, '\n');
	}
}

jh_code jh_verdict_report_ex(const jh_verdict *v, jh_format fmt, const char *lang,
                             unsigned flags, jh_buf *out)
{
	int en = lang && !strcmp(lang, "en");

	if (fmt == JH_FMT_JSON)
		return json_verdict(v, out);
	if (fmt == JH_FMT_TEXT)
		text_verdict(v, en, flags, out);
	else if (fmt == JH_FMT_CSV)
		csv_verdict(v, en, flags, out);
	else
		return JH_ERR_ARG;
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_verdict_report(const jh_verdict *v, jh_format fmt, const char *lang,
                          jh_buf *out)
{
	return jh_verdict_report_ex(v, fmt, lang, JH_VERDICT_CSV_HEADER, out);
}
