/*
** steps.c — the steps of the yearly workflow and their days, kept as
** data (data/cycle/deadlines.conf, embedded in the library as the
** standard is), and what workflow.c, snapshot.c and notice.c share.
**
** A deadline is written relative to the cycle's data year Y: "MM-DD"
** (year Y), "+N-MM-DD" (year Y + N), "target-MM-DD" (the county's
** target year), DD may be "end" (the month's last day).  The embedded
** text is parsed once into a table (pthread_once); a step the file does
** not name has no day, and so is never late.  The unit test checks the
** embedded file with jh_cycle_deadlines_check, so a bad line cannot
** ship.
*/
#include "cycle_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char jh_cycle_deadlines_data[];

static const struct {
	const char *key, *zh, *en;
} steps[JH_STEP__COUNT] = {
	[JH_STEP_PLAN]            = {"plan", "报送创建方案", "file the creation plan"},
	[JH_STEP_SELF_EVALUATION] = {"self_evaluation", "完成自评", "self-evaluate"},
	[JH_STEP_SUBMIT]          = {"submit", "上报自评和整改情况", "submit the self-evaluation"},
	[JH_STEP_REVIEW]          = {"review", "市级复核", "city review"},
	[JH_STEP_RECTIFY]         = {"rectify", "完成整改", "rectify"},
	[JH_STEP_APPLY]           = {"apply", "申报评估认定", "apply for assessment"},
	[JH_STEP_ASSESS]          = {"assess", "市级评估", "city assessment"},
};

const char *jh_cycle_step_key(jh_cycle_step st)
{
	return (unsigned)st < JH_STEP__COUNT ? steps[st].key : "?";
}

const char *jh_cycle_step_name(jh_cycle_step st, const char *lang)
{
	if ((unsigned)st >= JH_STEP__COUNT)
		return "?";
	return lang && !strcmp(lang, "en") ? steps[st].en : steps[st].zh;
}

int jh_cycle_step_parse(const char *key)
{
	for (int i = 0; key && i < JH_STEP__COUNT; i++)
		if (!strcmp(key, steps[i].key))
			return i;
	return -1;
}

/* One step's rule: relative to the data year (offset) or the target
 * year; month; day (0: the month's end). */
typedef struct rule {
	int set, target, offset, month, day;
} rule;

typedef struct parse_ctx {
	rule r[JH_STEP__COUNT];
	jh_diags *d;
	int bad;
} parse_ctx;

static int parse_when(const char *v, rule *r)
{
	int n = 0, mo = 0, dd = 0, used = 0;

	memset(r, 0, sizeof *r);
	if (!strncmp(v, "target-", 7)) {
		r->target = 1;
		v += 7;
	} else if (*v == '+') {
		if (sscanf(v, "+%d-%n", &n, &used) != 1 || !used || n < 0 || n > 5)
			return -1;
		r->offset = n;
		v += used;
	}
	if (strlen(v) < 4 || sscanf(v, "%2d-%n", &mo, &used) != 1 || used != 3 ||
	    mo < 1 || mo > 12)
		return -1;
	v += used;
	if (!strcmp(v, "end"))
		dd = 0;
	else if (strlen(v) != 2 || v[0] < '0' || v[0] > '3' || v[1] < '0' ||
	         v[1] > '9' || (dd = atoi(v)) < 1 || dd > 31 ||
	         !jh_day_make(2024, mo, dd).s[0])   /* 2024: Feb 29 is a day */
		return -1;
	r->month = mo;
	r->day = dd;
	r->set = 1;
	return 0;
}

static int on_line(void *ctx, long lineno, const char *key, const char *value)
{
	parse_ctx *p = ctx;
	int st = jh_cycle_step_parse(key);
	rule r;

	(void)lineno;
	if (!value || st < 0 || parse_when(value, &r)) {
		jh_diags_add(p->d, JH_P_CYCLE_DEADLINES_CONF, NULL, NULL, lineno, 0,
		             NULL, key, value ? value : "");
		p->bad = 1;
		return 0;
	}
	p->r[st] = r;
	return 0;
}

static rule table[JH_STEP__COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	parse_ctx p;
	jh_diags d = JH_DIAGS_INIT;

	memset(&p, 0, sizeof p);
	p.d = &d;
	jhKvEach(jh_cycle_deadlines_data, strlen(jh_cycle_deadlines_data), on_line, &p);
	memcpy(table, p.r, sizeof table);
	jh_diags_free(&d);
}

jh_code jh_cycle_deadlines_check(const char *text, jh_diags *d)
{
	parse_ctx p;

	memset(&p, 0, sizeof p);
	p.d = d;
	if (!text)
		text = jh_cycle_deadlines_data;
	if (jhKvEach(text, strlen(text), on_line, &p) < 0)
		return JH_ERR_NOMEM;
	return p.bad ? JH_ERR_FORMAT : JH_OK;
}

jh_day jh_cycle_deadline(jh_cycle_step st, int year, int target_year)
{
	jh_day none = {""};
	const rule *r;

	if ((unsigned)st >= JH_STEP__COUNT)
		return none;
	pthread_once(&once, load);
	r = &table[st];
	if (!r->set || (r->target && target_year <= 0))
		return none;
	return jh_day_make(r->target ? target_year : year + r->offset, r->month,
	                   r->day);
}

/* ------------------------------------------------------------------ */
/* Shared by the workflow's files.                                      */
/* ------------------------------------------------------------------ */

void jhCycleJsonRaw(jhJson *j, const char *p, size_t n)
{
	if (j->after_key)
		j->after_key = 0;
	else {
		if (!j->first)
			jh_out_addc(j->o, ',');
		j->first = 0;
	}
	jh_out_add(j->o, p, n);
}

jh_code jhCycleAreas(jh_store *s, const jh_user *who, const char *county,
                     jh_op op, jh_areas **areas, jh_diags *d)
{
	jh_code rc;
	const jh_area *a;

	*areas = NULL;
	if ((rc = jh_store_areas(s, areas, d)))
		return rc;
	a = county ? jh_areas_find(*areas, county) : NULL;
	if (!a || a->level != JH_AREA_COUNTY) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL,
		             county ? county : "", NULL);
		return JH_ERR_NOTFOUND;
	}
	if ((rc = jh_access_area(*areas, who, op, county)) == JH_ERR_DENIED)
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, county, NULL);
	return rc;
}

size_t jhCycleChars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int jhCycleTextOk(const char *s, size_t min, size_t max)
{
	size_t n;

	if (!s)
		return min == 0;
	if (!jh_utf8_valid(s, strlen(s)))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t')
			return 0;
	n = jhCycleChars(s);
	return n >= min && n <= max;
}

/* The plan's target year (jh_creation_get).  A plan the caller may not
 * read or that cannot be read counts as none: the step that needs it is
 * then refused for want of a target year, never let through. */
int jhCycleTargetYear(jh_store *s, const jh_user *who, const char *county,
                      jh_diags *d)
{
	jh_creation_doc *doc = NULL;
	jh_diags quiet = JH_DIAGS_INIT;
	int y = 0;

	(void)d;
	if (jh_creation_get(s, who, county, &doc, &quiet) == JH_OK && doc)
		y = doc->target_year;
	jh_creation_doc_free(doc);
	jh_diags_free(&quiet);
	return y;
}
