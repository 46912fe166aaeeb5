/*
** notice.c — the city's progress notice (通报) for a day: per county of
** an area, the milestones met, missed and due, the ledger items open,
** overdue and under named supervision (挂牌督办), and the workflow's
** steps that are late; and the counties to be summoned (约谈).
**
** The rule for summoning, stated in the notice itself (rule_zh/rule_en):
** a county is summoned when, on the notice's day, any of its milestones
** is missed (or has no data past its deadline), any supervised ledger
** item is overdue, or any step of its workflow is late.
**
** Which steps: on day D the steps whose days fall in D's year belong to
** the cycle of data year Y = D's year − 1 (submission by the end of
** February, the city's review by September 30) and, when D's year is the
** county's target year T, the application of cycle T − 1 (by March 31).
** A step is late when it was taken after its day, or not taken by D
** while its day has passed (the review only once the county submitted:
** before that the county is the late one).  Events after D are not
** counted, so a notice for a past day reads as it would have then.
*/
#include "cycle_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct late_step {
	jh_cycle_step step;
	int year;
	jh_day due;
	int taken;
} late_step;

typedef struct county_notice {
	const jh_area *area;
	int target;
	long ms[JH_MILESTONE__COUNT];
	long open, overdue, supervised, overdue_supervised;
	late_step late[4];
	int nlate;
	int summoned;
} county_notice;

/* Milestone counts by status as of day D (jh_creation_milestones). */
static jh_code milestones(jh_store *s, const jh_user *who, county_notice *c,
                          const jh_day *day, const jh_standard *std, jh_diags *d)
{
	jh_milestone_result *m = NULL;
	size_t n = 0;
	jh_code rc;

	if ((rc = jh_creation_milestones(s, who, c->area->code, day, std, &m, &n, d)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)m[i].status < JH_MILESTONE__COUNT)
			c->ms[m[i].status]++;
	jh_milestones_free(m, n);
	return JH_OK;
}

/* Ledger counts on day D: not signed off, overdue, under named
 * supervision (and overdue among those). */
static jh_code ledger(jh_store *s, const jh_user *who, county_notice *c,
                      const jh_day *day, jh_diags *d)
{
	jh_ledger_filter f = JH_LEDGER_FILTER_INIT;
	jh_ledger_item *items = NULL;
	size_t n = 0;
	jh_code rc;

	f.area = c->area->code;
	if ((rc = jh_ledger_list(s, who, &f, &items, &n, d)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		const jh_ledger_item *it = &items[i];
		int over = jh_ledger_overdue(it, day);
		if (it->status == JH_LEDGER_SIGNED_OFF)
			continue;
		c->open++;
		c->overdue += over;
		if (it->supervised) {
			c->supervised++;
			c->overdue_supervised += over;
		}
	}
	free(items);
	return JH_OK;
}

/* The event of `act` taken by day D, or NULL. */
static const jh_cycle_event *taken(const jh_cycle_event *ev, size_t n,
                                   jh_cycle_step act, const jh_day *day)
{
	const char *k = jh_cycle_step_key(act);
	const jh_cycle_event *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(ev[i].action, k) && strncmp(ev[i].at, day->s, 10) <= 0)
			found = &ev[i];
	return found;
}

static jh_code steps_of(jh_store *s, county_notice *c, const jh_day *day,
                        jh_diags *d)
{
	int dyear = atoi(day->s);
	struct { int year; jh_cycle_step st; } check[3] = {
		{dyear - 1, JH_STEP_SUBMIT}, {dyear - 1, JH_STEP_REVIEW},
		{c->target - 1, JH_STEP_APPLY},
	};
	int ncheck = c->target == dyear ? 3 : 2;
	jh_cycle_event *ev = NULL;
	size_t n = 0;
	int loaded = 0;
	jh_code rc = JH_OK;

	for (int i = 0; i < ncheck; i++) {
		jh_day due = jh_cycle_deadline(check[i].st, check[i].year, c->target);
		const jh_cycle_event *e;
		if (!due.s[0])
			continue;
		if (loaded != check[i].year) {
			free(ev);
			ev = NULL;
			if ((rc = jh_store_cycle_events(s, c->area->code, check[i].year, &ev,
			                                &n, d)))
				return rc;
			loaded = check[i].year;
		}
		e = taken(ev, n, check[i].st, day);
		if (e ? !e->late : jh_day_cmp(day, &due) <= 0)
			continue;
		if (!e && check[i].st == JH_STEP_REVIEW && !taken(ev, n, JH_STEP_SUBMIT, day))
			continue;
		c->late[c->nlate].step = check[i].st;
		c->late[c->nlate].year = check[i].year;
		c->late[c->nlate].due = due;
		c->late[c->nlate].taken = e != NULL;
		c->nlate++;
	}
	free(ev);
	return rc;
}

static const char rule_zh[] =
	"有里程碑未完成(或过期无数据)、挂牌督办事项逾期、或年度流程环节逾期的县,予以约谈";
static const char rule_en[] =
	"a county is summoned when a milestone is missed (or has no data past its "
	"deadline), a supervised ledger item is overdue, or a step of its workflow is late";

static void notice_json(jhJson *j, const jh_area *area, const jh_day *day,
                        const county_notice *cs, size_t n)
{
	jhJsonOpen(j, '{');
	jhJsonFieldStr(j, "area", area->code);
	jhJsonFieldStr(j, "area_name", area->name ? area->name : "");
	jhJsonFieldStr(j, "date", day->s);
	jhJsonFieldInt(j, "cycle_year", atoi(day->s) - 1);
	jhJsonFieldStr(j, "rule_zh", rule_zh);
	jhJsonFieldStr(j, "rule_en", rule_en);
	jhJsonKey(j, "counties");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < n; i++) {
		const county_notice *c = &cs[i];
		jhJsonOpen(j, '{');
		jhJsonFieldStr(j, "county", c->area->code);
		jhJsonFieldStr(j, "name", c->area->name ? c->area->name : "");
		jhJsonKey(j, "target_year");
		if (c->target)
			jhJsonInt(j, c->target);
		else
			jhJsonNull(j);
		jhJsonKey(j, "milestones");
		jhJsonOpen(j, '{');
		for (int k = 0; k < JH_MILESTONE__COUNT; k++)
			jhJsonFieldInt(j, jh_milestone_status_key((jh_milestone_status)k), c->ms[k]);
		jhJsonClose(j, '}');
		jhJsonKey(j, "ledger");
		jhJsonOpen(j, '{');
		jhJsonFieldInt(j, "open", c->open);
		jhJsonFieldInt(j, "overdue", c->overdue);
		jhJsonFieldInt(j, "supervised", c->supervised);
		jhJsonFieldInt(j, "overdue_supervised", c->overdue_supervised);
		jhJsonClose(j, '}');
		jhJsonKey(j, "late_steps");
		jhJsonOpen(j, '[');
		for (int k = 0; k < c->nlate; k++) {
			jhJsonOpen(j, '{');
			jhJsonFieldStr(j, "step", jh_cycle_step_key(c->late[k].step));
			jhJsonFieldStr(j, "name_zh", jh_cycle_step_name(c->late[k].step, "zh"));
			jhJsonFieldStr(j, "name_en", jh_cycle_step_name(c->late[k].step, "en"));
			jhJsonFieldInt(j, "year", c->late[k].year);
			jhJsonFieldStr(j, "due", c->late[k].due.s);
			jhJsonFieldBool(j, "taken", c->late[k].taken);
			jhJsonClose(j, '}');
		}
		jhJsonClose(j, ']');
		jhJsonFieldBool(j, "summoned", c->summoned);
		jhJsonClose(j, '}');
	}
	jhJsonClose(j, ']');
	jhJsonKey(j, "summoned");
	jhJsonOpen(j, '[');
	for (size_t i = 0; i < n; i++)
		if (cs[i].summoned)
			jhJsonStr(j, cs[i].area->code);
	jhJsonClose(j, ']');
	jhJsonClose(j, '}');
}

static void notice_csv(jh_buf *b, const county_notice *cs, size_t n,
                       const char *lang)
{
	int en = lang && !strcmp(lang, "en");
	static const char *const zh_head[] = {
		"县代码", "县名称", "创建目标年份", "里程碑已完成", "里程碑未完成",
		"里程碑未到期", "里程碑无数据", "台账未销号", "台账逾期", "挂牌督办",
		"挂牌督办逾期", "逾期环节", "约谈", NULL};
	static const char *const en_head[] = {
		"county_code", "county_name", "target_year", "milestones_met",
		"milestones_missed", "milestones_due", "milestones_no_data",
		"ledger_open", "ledger_overdue", "supervised", "supervised_overdue",
		"late_steps", "summoned", NULL};
	const char *const *h = en ? en_head : zh_head;

	for (int i = 0; h[i]; i++) {
		if (i)
			jh_buf_addc(b, ',');
		jh_buf_addcsv(b, h[i]);
	}
	jh_buf_adds(b, "\r\n");
	for (size_t i = 0; i < n; i++) {
		const county_notice *c = &cs[i];
		jh_buf steps = JH_BUF_INIT;
		jh_buf_addcsv(b, c->area->code);
		jh_buf_addc(b, ',');
		jh_buf_addcsv(b, c->area->name ? c->area->name : "");
		jh_buf_addc(b, ',');
		if (c->target)
			jh_buf_addf(b, "%d", c->target);
		jh_buf_addf(b, ",%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,", c->ms[JH_MILESTONE_MET],
		            c->ms[JH_MILESTONE_MISSED], c->ms[JH_MILESTONE_DUE],
		            c->ms[JH_MILESTONE_NO_DATA], c->open, c->overdue, c->supervised,
		            c->overdue_supervised);
		for (int k = 0; k < c->nlate; k++) {
			if (en)
				jh_buf_addf(&steps, "%s%s %d (due %s)", k ? "; " : "",
				            jh_cycle_step_name(c->late[k].step, "en"),
				            c->late[k].year, c->late[k].due.s);
			else
				jh_buf_addf(&steps, "%s%d 年度%s(期限 %s)", k ? ";" : "",
				            c->late[k].year,
				            jh_cycle_step_name(c->late[k].step, "zh"),
				            c->late[k].due.s);
		}
		jh_buf_addcsv(b, steps.len ? steps.data : "");
		jh_buf_free(&steps);
		jh_buf_adds(b, c->summoned ? (en ? ",yes" : ",是") : (en ? ",no" : ",否"));
		jh_buf_adds(b, "\r\n");
	}
}

jh_code jh_cycle_notice(jh_store *s, const jh_user *who, const char *area,
                        const char *date, const jh_standard *std,
                        jh_format fmt, const char *lang, jh_buf *out,
                        jh_diags *d)
{
	jh_areas *areas = NULL;
	county_notice *cs = NULL;
	size_t n = 0;
	const jh_area *top;
	jh_day day;
	jh_code rc;

	if (date && *date) {
		if (!jh_day_parse(date, &day)) {
			jh_diags_add(d, JH_P_CYCLE_DEADLINE, NULL, NULL, 0, 0, NULL, "date", date);
			return JH_ERR_INPUT;
		}
	} else
		day = jh_day_today(s);
	if ((rc = jh_store_areas(s, &areas, d)))
		goto done;
	if (!area || !(top = jh_areas_find(areas, area))) {
		jh_diags_add(d, JH_P_NOT_FOUND, NULL, NULL, 0, 0, NULL, area ? area : "", NULL);
		rc = JH_ERR_NOTFOUND;
		goto done;
	}
	if ((rc = jh_access_area(areas, who, JH_OP_READ, area))) {
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, area, NULL);
		goto done;
	}
	if (!(cs = calloc(jh_areas_count(areas) + 1, sizeof *cs))) {
		rc = JH_ERR_NOMEM;
		goto done;
	}
	for (size_t i = 0; i < jh_areas_count(areas); i++) {
		const jh_area *a = jh_areas_at(areas, i);
		county_notice *c;
		if (a->level != JH_AREA_COUNTY || !jh_area_within(areas, a->code, area))
			continue;
		c = &cs[n++];
		c->area = a;
		c->target = jhCycleTargetYear(s, who, a->code, d);
		if ((rc = milestones(s, who, c, &day, std, d)) || (rc = ledger(s, who, c, &day, d)) ||
		    (rc = steps_of(s, c, &day, d)))
			goto done;
		c->summoned = c->ms[JH_MILESTONE_MISSED] || c->ms[JH_MILESTONE_NO_DATA] ||
		              c->overdue_supervised || c->nlate;
	}
	if (fmt == JH_FMT_CSV)
		notice_csv(out, cs, n, lang);
	else {
		jhJson j;
		jh_out *o = jhServiceJsonBegin(out, &j);
		if (!o) {
			rc = JH_ERR_NOMEM;
			goto done;
		}
		notice_json(&j, top, &day, cs, n);
		rc = jhServiceJsonEnd(o);
	}
	if (!rc && out->oom)
		rc = JH_ERR_NOMEM;
done:
	free(cs);
	jh_areas_free(areas);
	return rc;
}
