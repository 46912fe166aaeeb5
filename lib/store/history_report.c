/*
** history_report.c — the store's lists rendered for people and programs:
** a history of changes (what `junheng history` prints) and a list of
** revisions (`junheng history --revisions`), as text in Chinese or
** English or as JSON.  In the library so that a server renders exactly
** what the command line does.
**
** Text: one heading line per revision, then one line per change.  JSON:
** an array of flat objects, one per change or revision, keys in a fixed
** order, one-space indent (the library's one JSON writer, jhJson).
*/
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

static const char *kind_name(const char *kind, int en)
{
	static const char *const k[][3] = {
		{"import", "导入", "import"}, {"edit", "修改", "edit"},
		{"delete", "删除", "delete"},
	};
	for (size_t i = 0; kind && i < sizeof k / sizeof k[0]; i++)
		if (!strcmp(kind, k[i][0]))
			return k[i][1 + en];
	return kind ? kind : "";
}

static void text_heading(jh_buf *out, int en, long rev, const char *at,
                         const char *who, const char *kind, const char *why,
                         const char *sources)
{
	char when[96];

	jhLocalTime(at, en ? "en" : "zh", when, sizeof when);
	jh_buf_addf(out, en ? "revision %ld  %s  %s  %s: %s\n" : "修订 %ld  %s  %s  %s:%s\n",
	            rev, when, who, kind_name(kind, en), why);
	if (sources)
		jh_buf_addf(out, en ? "  source: %s\n" : "  来源:%s\n", sources);
}

/* What a change's field is called, in words: a template column's name,
 * a county-year item's description, an extra column by its header. */
static void field_label(jh_buf *out, const jh_change *c, int en)
{
	const char *f = c->field ? c->field : "";
	size_t n = strlen(f);
	int col;

	if (!strcmp(c->entity, "area")) {
		jh_buf_adds(out, en ? "name" : "名称");
		return;
	}
	if (!strcmp(c->entity, "school_year")) {
		if (!strcmp(f, "*"))
			jh_buf_adds(out, en ? "record deleted" : "记录已删除");
		else if (!strncmp(f, "extra:", 6))
			jh_buf_addf(out, en ? "extra column '%s'" : "附加列“%s”", f + 6);
		else if ((col = jhTemplateCol(&jhSchoolYear, f)) >= 0)
			jh_buf_adds(out, en ? jhSchoolYear.cols[col].en : jhSchoolYear.cols[col].zh);
		else
			jh_buf_adds(out, f);
		return;
	}
	/* County-year items: KEY, KEY.note, monitoring_*.SUBJECT,
	 * survey.GROUP.satisfied|answers. */
	int note = n > 5 && !strcmp(f + n - 5, ".note");
	char key[160];
	const struct jhItemKey *k;

	snprintf(key, sizeof key, "%.*s", (int)(note ? n - 5 : n), f);
	if ((k = jhItemKeyFind(key))) {
		jh_buf_adds(out, en ? k->en : k->zh);
	} else if (!strncmp(key, "monitoring_level.", 17) || !strncmp(key, "monitoring_diff.", 16)) {
		const char *subj = strchr(key, '.') + 1;
		int lvl = key[11] == 'l', i;
		for (i = 0; i < JH_SUBJECTS && strcmp(subj, jhSubjects[i][0]); i++)
			;
		if (i == JH_SUBJECTS)
			jh_buf_adds(out, key);
		else if (en)
			jh_buf_addf(out, lvl ? "quality monitoring level, %s" :
			            "quality monitoring, difference between schools, %s", jhSubjects[i][2]);
		else
			jh_buf_addf(out, lvl ? "%s质量监测等级" : "%s质量监测校际差异率", jhSubjects[i][1]);
	} else if (!strncmp(key, "survey.", 7) || !strncmp(key, "visit.", 6)) {
		/* survey.GROUP.satisfied|answers, visit.GROUP.satisfied|people */
		size_t at = key[0] == 's' ? 7 : 6;
		const char *dot = strchr(key + at, '.');
		int i;
		for (i = 0; dot && i < JH_GROUPS; i++)
			if (strlen(jhGroups[i][0]) == (size_t)(dot - key - at) &&
			    !strncmp(key + at, jhGroups[i][0], (size_t)(dot - key - at)))
				break;
		if (!dot || i == JH_GROUPS)
			jh_buf_adds(out, key);
		else if (at == 6 && en)
			jh_buf_addf(out, !strcmp(dot, ".satisfied") ? "field visits, satisfied, %s" :
			            "field visits, people, %s", jhGroups[i][2]);
		else if (at == 6)
			jh_buf_addf(out, !strcmp(dot, ".satisfied") ? "%s实地走访满意人数" : "%s实地走访人数",
			            jhGroups[i][1]);
		else if (en)
			jh_buf_addf(out, !strcmp(dot, ".satisfied") ? "satisfied answers, %s" :
			            "answers, %s", jhGroups[i][2]);
		else
			jh_buf_addf(out, !strcmp(dot, ".satisfied") ? "%s满意答卷数" : "%s答卷数",
			            jhGroups[i][1]);
	} else {
		jh_buf_adds(out, key);
	}
	if (note)
		jh_buf_adds(out, en ? " (note)" : "(备注)");
}

/* A change's value in words: school types and locations by name,
 * boarding as yes/no; numbers and names as they are. */
static void value_text(jh_buf *out, const jh_change *c, const char *v, int en)
{
	static const char *const loc[][3] = {
		{"urban", "城区", "urban"}, {"town", "镇区", "town"}, {"rural", "乡村", "rural"},
	};
	const char *f = c->field ? c->field : "";

	if (!v) {
		jh_buf_adds(out, "∅");
		return;
	}
	if (!strcmp(c->entity, "school_year")) {
		if (!strcmp(f, "school_type")) {
			int t = jh_school_type_parse(v);
			if (t >= 0) {
				jh_buf_adds(out, jh_school_type_name((jh_school_type)t, en ? "en" : "zh"));
				return;
			}
		} else if (!strcmp(f, "location")) {
			for (size_t i = 0; i < sizeof loc / sizeof loc[0]; i++)
				if (!strcmp(v, loc[i][0])) {
					jh_buf_adds(out, loc[i][1 + en]);
					return;
				}
		} else if (!strcmp(f, "boarding") && (!strcmp(v, "0") || !strcmp(v, "1"))) {
			jh_buf_adds(out, *v == '1' ? (en ? "yes" : "是") : (en ? "no" : "否"));
			return;
		}
	}
	/* A county-year item's value as officials typed it (是, 良好) is
	 * shown in the output's language; a note stays as written. */
	if (!strcmp(c->entity, "county_year")) {
		const struct jhItemKey *k = jhItemKeyFind(f);
		static const char *const grade[4][2] = {
			{"不合格", "fail"}, {"合格", "pass"}, {"良好", "good"}, {"优秀", "excellent"},
		};
		int g;
		if (k && k->kind == V_YESNO && (g = jhValueYesno(v)) >= 0) {
			jh_buf_adds(out, g ? (en ? "yes" : "是") : (en ? "no" : "否"));
			return;
		}
		if (!strncmp(f, "monitoring_level.", 17) && !strstr(f, ".note") &&
		    (g = jhValueLevel(v)) >= 1) {
			static const char *const roman[4] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"};
			jh_buf_adds(out, roman[g - 1]);
			if (!en)
				jh_buf_adds(out, "级");
			return;
		}
		if (k && k->kind == V_GRADE && (g = jhValueGrade(v)) >= 1) {
			jh_buf_adds(out, grade[g - 1][en]);
			return;
		}
	}
	jh_buf_adds(out, v);
}

static void key_str(jhJson *j, const char *key, const char *s)
{
	jhJsonKey(j, key);
	jhJsonStr(j, s);
}

/* A JSON array into out: json_begin opens it (NULL on oom), json_end
 * closes it with a final newline and flushes. */
static jh_out *json_begin(jh_buf *out, jhJson *j)
{
	jh_out *o = jh_out_new_buf(out);

	if (o) {
		jhJsonInit(j, o, 1);
		jhJsonOpen(j, '[');
	}
	return o;
}

static jh_code json_end(jh_out *o, jhJson *j)
{
	jhJsonClose(j, ']');
	jh_out_addc(o, '\n');
	return jh_out_close(o);
}

/* The fields a change and a revision share, in this order. */
static void json_heading(jhJson *j, long rev, const char *at, const char *who,
                         const char *why, const char *kind, const char *sources)
{
	jhJsonKey(j, "revision");
	jhJsonInt(j, rev);
	key_str(j, "at", at);
	key_str(j, "who", who);
	key_str(j, "why", why);
	key_str(j, "kind", kind);
	key_str(j, "sources", sources);
}

jh_code jh_history_report(const jh_history *h, jh_format fmt, const char *lang,
                          jh_buf *out)
{
	int en = is_en(lang);
	long last = 0;

	if (fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = json_begin(out, &j);
		if (!o)
			return JH_ERR_NOMEM;
		for (size_t i = 0; i < h->count; i++) {
			const jh_change *c = &h->items[i];
			jhJsonOpen(&j, '{');
			json_heading(&j, c->revision, c->at, c->who, c->why, c->kind, c->sources);
			key_str(&j, "entity", c->entity);
			key_str(&j, "code", c->school_code);
			jhJsonKey(&j, "year");
			if (c->year)
				jhJsonInt(&j, c->year);
			else
				jhJsonNull(&j);
			key_str(&j, "field", c->field);
			key_str(&j, "old", c->old_value);
			key_str(&j, "new", c->new_value);
			jhJsonClose(&j, '}');
		}
		return json_end(o, &j);
	}
	if (fmt != JH_FMT_TEXT)
		return JH_ERR_ARG;
	for (size_t i = 0; i < h->count; i++) {
		const jh_change *c = &h->items[i];
		if (c->revision != last) {
			text_heading(out, en, c->revision, c->at, c->who, c->kind, c->why,
			             c->sources);
			last = c->revision;
		}
		if (!strcmp(c->entity, "area"))
			jh_buf_addf(out, en ? "  area %s " : "  行政区划 %s ", c->school_code);
		else if (!strcmp(c->entity, "county_year"))
			jh_buf_addf(out, en ? "  county %s, %d, " : "  县 %s %d 年度 ",
			            c->school_code, c->year);
		else
			jh_buf_addf(out, en ? "  %s, %d, " : "  %s %d 年度 ", c->school_code, c->year);
		field_label(out, c, en);
		jh_buf_adds(out, en ? ": " : ":");
		value_text(out, c, c->old_value, en);
		jh_buf_adds(out, " → ");
		value_text(out, c, c->new_value, en);
		jh_buf_addc(out, '\n');
	}
	if (!h->count)
		jh_buf_adds(out, en ? "no changes recorded\n" : "没有变更记录\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}

jh_code jh_revisions_report(const jh_revisions *r, jh_format fmt,
                            const char *lang, jh_buf *out)
{
	int en = is_en(lang);

	if (fmt == JH_FMT_JSON) {
		jhJson j;
		jh_out *o = json_begin(out, &j);
		if (!o)
			return JH_ERR_NOMEM;
		for (size_t i = 0; i < r->count; i++) {
			const jh_revision *v = &r->items[i];
			jhJsonOpen(&j, '{');
			json_heading(&j, v->number, v->at, v->who, v->why, v->kind, v->sources);
			jhJsonClose(&j, '}');
		}
		return json_end(o, &j);
	}
	if (fmt != JH_FMT_TEXT)
		return JH_ERR_ARG;
	for (size_t i = 0; i < r->count; i++) {
		const jh_revision *v = &r->items[i];
		text_heading(out, en, v->number, v->at, v->who, v->kind, v->why, v->sources);
	}
	if (!r->count)
		jh_buf_adds(out, en ? "no revisions\n" : "没有修订\n");
	return out->oom ? JH_ERR_NOMEM : JH_OK;
}
