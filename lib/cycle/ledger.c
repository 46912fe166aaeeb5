/*
** ledger.c — rectification ledgers (工作台账): who may read and write an
** item, listing, adding by hand or from a city finding, one item as JSON.
**
** The policy is one table (DESIGN12's role rules) applied here for the
** CLI, the API and the tests alike:
**   read      anyone whose area covers the item's county; a school
**             account its own school's items only;
**   write     (edit measure/unit/person/deadline, move the status, upload
**             evidence) the owner and above: a school item the school,
**             its county, city, province, admin; a county-level or
**             finding item county, city, province, admin;
**   sign off  a role above the owner (ledger_check.c);
**   supervise city, province, admin;
**   add       county (own county and its schools), city, province,
**             admin — never a school or an inspector.
** The area half is lib/access's (jh_access_area / jh_access_school); the
** rank half is the rule above.
**
** Every write is one store transaction with its event row.
*/
#include "cycle_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jh_ledger_overdue(const jh_ledger_item *it, const jh_day *today)
{
	return it && today && it->deadline.s[0] && today->s[0] &&
	       it->status != JH_LEDGER_SIGNED_OFF &&
	       strcmp(it->deadline.s, today->s) < 0;
}

void jh_ledger_item_json(struct jhJson *j, const jh_ledger_item *it,
                         const jh_day *today, const char *lang)
{
	jhJsonOpen(j, '{');
	jhJsonFieldInt(j, "id", it->id);
	jhJsonFieldStr(j, "county", it->county);
	jhJsonFieldStr(j, "school", it->school);
	jhJsonFieldInt(j, "year", it->year);
	jhJsonFieldStr(j, "source", it->source);
	jhJsonFieldStr(j, "key", it->key);
	jhJsonFieldStr(j, "kind", it->kind);
	jhJsonFieldStr(j, "what_zh", it->what_zh);
	jhJsonFieldStr(j, "what_en", it->what_en);
	jhJsonFieldStr(j, "figure", it->figure);
	jhJsonFieldStr(j, "requirement", it->requirement);
	jhJsonFieldStr(j, "measure", it->measure);
	jhJsonFieldStr(j, "unit", it->unit);
	jhJsonFieldStr(j, "person", it->person);
	jhJsonFieldStr(j, "deadline", it->deadline.s);
	jhJsonFieldStr(j, "status", jh_ledger_status_key(it->status));
	jhJsonFieldStr(j, "status_name", jh_ledger_status_name(it->status, lang));
	if (today)
		jhJsonFieldBool(j, "overdue", jh_ledger_overdue(it, today));
	jhJsonFieldBool(j, "supervised", it->supervised);
	jhJsonFieldStr(j, "supervised_note", it->supervised_note);
	jhJsonFieldStr(j, "override_reason", it->override_reason);
	jhJsonKey(j, "cycle_year");
	if (it->cycle_year)
		jhJsonInt(j, it->cycle_year);
	else
		jhJsonNull(j);
	jhJsonFieldStr(j, "created", it->created);
	jhJsonFieldStr(j, "created_by", it->created_by);
	jhJsonFieldStr(j, "changed", it->changed);
	jhJsonFieldInt(j, "version", it->version);
	jhJsonClose(j, '}');
}

jh_code jh_ledger_item_render(const jh_ledger_item *it, const jh_day *today,
                              const char *lang, jh_buf *out)
{
	jhJson j;
	jh_out *o = jhServiceJsonBegin(out, &j);

	if (!o)
		return JH_ERR_NOMEM;
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "item");
	jh_ledger_item_json(&j, it, today, lang);
	jhJsonClose(&j, '}');
	return jhServiceJsonEnd(o);
}

/* --- access ------------------------------------------------------------ */

int jhLedgerOwnerIsSchool(const jh_ledger_item *it)
{
	return it->school[0] && strcmp(it->source, "finding") != 0;
}

jh_code jhLedgerAccess(const jh_areas *a, const jh_user *who, jh_op op,
                       const jh_ledger_item *it, jh_diags *d)
{
	jh_code rc;
	char id[24];

	if (it->school[0])
		rc = jh_access_school(a, who, op, it->school, it->county);
	else
		rc = jh_access_area(a, who, op, it->county);
	/* A finding about a school is the county's to fix: the school may
	 * read it, not work on it. */
	if (!rc && op == JH_OP_WRITE && !jhLedgerOwnerIsSchool(it) &&
	    who->role == JH_ROLE_SCHOOL)
		rc = JH_ERR_DENIED;
	if (rc) {
		snprintf(id, sizeof id, "%ld", it->id);
		jh_diags_add(d, rc == JH_ERR_NOTFOUND ? JH_P_LEDGER_UNKNOWN : JH_P_DENIED,
		             NULL, NULL, 0, 0, NULL, id, NULL);
	}
	return rc;
}

int jhLedgerCityOrAbove(const jh_user *who)
{
	return who && !who->disabled &&
	       (who->role == JH_ROLE_ADMIN || who->role == JH_ROLE_PROVINCE ||
	        who->role == JH_ROLE_CITY);
}

/* --- text ------------------------------------------------------------ */

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int jhLedgerText(const char *field, const char *v, size_t max, size_t cap,
                 int required, char *dst, jh_diags *d)
{
	char lim[16];

	if (!v)
		v = "";
	if (required && !*v) {
		jh_diags_add(d, JH_P_LEDGER_TEXT_EMPTY, NULL, NULL, 0, 0, NULL, field, NULL);
		return -1;
	}
	if (chars(v) > max || strlen(v) >= cap || !jh_utf8_valid(v, strlen(v))) {
		snprintf(lim, sizeof lim, "%zu", max);
		jh_diags_add(d, JH_P_LEDGER_TEXT_LONG, NULL, NULL, 0, 0, NULL, field, lim);
		return -1;
	}
	if (dst)
		memmove(dst, v, strlen(v) + 1);
	return 0;
}

int jhLedgerDeadline(const char *v, jh_day *out, jh_diags *d)
{
	if (!v || !*v) {
		out->s[0] = '\0';
		return 0;
	}
	if (!jh_day_parse(v, out)) {
		jh_diags_add(d, JH_P_LEDGER_DEADLINE, NULL, NULL, 0, 0, NULL, v, NULL);
		return -1;
	}
	return 0;
}

/* A JSON object's text for an event's detail: {"k":"v",…} from pairs
 * (NULL-terminated); values NULL are left out.  *out freed by caller. */
char *jhLedgerDetail(const char *const *kv)
{
	jh_buf b = JH_BUF_INIT;
	jhJson j;
	jh_out *o = jhServiceJsonBegin(&b, &j);

	if (!o)
		return NULL;
	jhJsonOpen(&j, '{');
	for (; kv[0]; kv += 2)
		if (kv[1])
			jhJsonFieldStr(&j, kv[0], kv[1]);
	jhJsonClose(&j, '}');
	if (jhServiceJsonEnd(o)) {
		jh_buf_free(&b);
		return NULL;
	}
	return jh_buf_detach(&b, NULL);
}

/* --- list ------------------------------------------------------------ */

jh_code jh_ledger_list(jh_store *s, const jh_user *who, const jh_ledger_filter *f,
                       jh_ledger_item **items, size_t *n, jh_diags *d)
{
	jh_ledger_filter g = JH_LEDGER_FILTER_INIT;
	jh_areas *areas = NULL;
	char county[8];
	jh_code rc;

	*items = NULL;
	*n = 0;
	if (!who)
		return JH_ERR_ARG;
	if (f)
		g = *f;
	if ((rc = jh_store_areas(s, &areas, d)))
		return rc;
	if (who->role == JH_ROLE_SCHOOL) {
		/* Its own school's items only, whatever area is asked. */
		rc = jh_store_school_county(s, who->area, county, d);
		if (!rc && g.area && *g.area && !jh_area_within(areas, county, g.area))
			rc = JH_ERR_DENIED;
		if (!rc && g.school && *g.school && strcmp(g.school, who->area))
			rc = JH_ERR_DENIED;
		if (!rc)
			rc = jh_access_school(areas, who, JH_OP_READ, who->area, county);
		g.area = county;
		g.school = who->area;
	} else {
		if (!g.area || !*g.area)
			g.area = who->role == JH_ROLE_ADMIN ? "" : who->area;
		rc = *g.area ? jh_access_area(areas, who, JH_OP_READ, g.area) : JH_OK;
	}
	if (rc) {
		jh_diags_add(d, rc == JH_ERR_NOTFOUND ? JH_P_NOT_FOUND : JH_P_DENIED, NULL,
		             NULL, 0, 0, NULL, g.area && *g.area ? g.area : who->area, NULL);
		jh_areas_free(areas);
		return rc;
	}
	jh_areas_free(areas);
	return jh_store_ledger_list(s, &g, items, n, d);
}

jh_code jh_ledger_list_json(jh_store *s, const jh_user *who, const jh_ledger_filter *f,
                            const char *lang, jh_buf *out, jh_diags *d)
{
	jh_ledger_item *items;
	jh_day today = jh_day_today(s);
	size_t n;
	jhJson j;
	jh_out *o;
	jh_code rc;

	if ((rc = jh_ledger_list(s, who, f, &items, &n, d)))
		return rc;
	if (!(o = jhServiceJsonBegin(out, &j))) {
		free(items);
		return JH_ERR_NOMEM;
	}
	jhJsonOpen(&j, '{');
	jhJsonFieldStr(&j, "area", f && f->area ? f->area :
	               who->role == JH_ROLE_ADMIN ? "" : who->area);
	jhJsonFieldStr(&j, "today", today.s);
	jhJsonFieldInt(&j, "count", (long long)n);
	jhJsonKey(&j, "items");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++)
		jh_ledger_item_json(&j, &items[i], &today, lang);
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	free(items);
	return jhServiceJsonEnd(o);
}

/* --- one item -------------------------------------------------------- */

jh_code jhLedgerLoad(jh_store *s, const jh_user *who, jh_op op, long id,
                     jh_areas **areas, jh_ledger_item *out, jh_diags *d)
{
	char ids[24];
	jh_code rc;

	snprintf(ids, sizeof ids, "%ld", id);
	*areas = NULL;
	if ((rc = jh_store_ledger_get(s, id, out, d))) {
		if (rc == JH_ERR_NOTFOUND)
			jh_diags_add(d, JH_P_LEDGER_UNKNOWN, NULL, NULL, 0, 0, NULL, ids, NULL);
		return rc;
	}
	if ((rc = jh_store_areas(s, areas, d)))
		return rc;
	if ((rc = jhLedgerAccess(*areas, who, op, out, d))) {
		jh_areas_free(*areas);
		*areas = NULL;
	}
	return rc;
}

jh_code jh_ledger_get(jh_store *s, const jh_user *who, long id, jh_ledger_item *out,
                      jh_diags *d)
{
	jh_areas *areas;
	jh_code rc = jhLedgerLoad(s, who, JH_OP_READ, id, &areas, out, d);

	jh_areas_free(areas);
	return rc;
}

/* --- adding by hand or from a finding ----------------------------------- */

jh_code jh_ledger_add(jh_store *s, const jh_user *who, jh_ledger_item *it,
                     jh_diags *d)
{
	jh_areas *areas = NULL;
	const jh_area *ar;
	char county[8], *detail = NULL;
	jh_day day;
	int finding, bad = 0;
	jh_code rc;

	if (!who || !it)
		return JH_ERR_ARG;
	if (!it->source[0])
		snprintf(it->source, sizeof it->source, "manual");
	finding = !strcmp(it->source, "finding");
	if (!finding && strcmp(it->source, "manual")) {
		jh_diags_add(d, JH_P_LEDGER_FIELD, NULL, NULL, 0, 0, NULL, "source", NULL);
		return JH_ERR_INPUT;
	}
	if ((rc = jh_store_areas(s, &areas, d)))
		return rc;
	ar = jh_areas_find(areas, it->county);
	if (!ar || ar->level != JH_AREA_COUNTY) {
		jh_diags_add(d, JH_P_LEDGER_COUNTY, NULL, NULL, 0, 0, NULL, it->county, NULL);
		rc = JH_ERR_NOTFOUND;
		goto out;
	}
	if (who->role == JH_ROLE_SCHOOL || jh_access_area(areas, who, JH_OP_WRITE, it->county)) {
		jh_diags_add(d, JH_P_DENIED, NULL, NULL, 0, 0, NULL, it->county, NULL);
		rc = JH_ERR_DENIED;
		goto out;
	}
	if (it->school[0]) {
		rc = jh_store_school_county(s, it->school, county, d);
		if (rc == JH_ERR_NOTFOUND || (!rc && strcmp(county, it->county))) {
			jh_diags_add(d, JH_P_LEDGER_SCHOOL, NULL, NULL, 0, 0, NULL, it->school,
			             it->county);
			rc = JH_ERR_INPUT;
		}
		if (rc)
			goto out;
	}
	if (it->supervised && !jhLedgerCityOrAbove(who)) {
		jh_diags_add(d, JH_P_LEDGER_SUPERVISE_ROLE, NULL, NULL, 0, 0, NULL, NULL, NULL);
		rc = JH_ERR_DENIED;
		goto out;
	}
	bad |= jhLedgerText("what_zh", it->what_zh, JH_LEDGER_WHAT_MAX, sizeof it->what_zh, 1, NULL, d);
	bad |= jhLedgerText("what_en", it->what_en, JH_LEDGER_WHAT_MAX, sizeof it->what_en, 0, NULL, d);
	bad |= jhLedgerText("measure", it->measure, JH_LEDGER_MEASURE_MAX, sizeof it->measure, 0, NULL, d);
	bad |= jhLedgerText("unit", it->unit, JH_LEDGER_UNIT_MAX, sizeof it->unit, 0, NULL, d);
	bad |= jhLedgerText("person", it->person, JH_LEDGER_PERSON_MAX, sizeof it->person, 0, NULL, d);
	bad |= jhLedgerText("supervised_note", it->supervised_note, JH_LEDGER_NOTE_MAX,
	                    sizeof it->supervised_note, 0, NULL, d);
	if (it->deadline.s[0] && !jh_day_parse(it->deadline.s, NULL)) {
		jh_diags_add(d, JH_P_LEDGER_DEADLINE, NULL, NULL, 0, 0, NULL, it->deadline.s, NULL);
		bad = 1;
	}
	if (bad) {
		rc = JH_ERR_INPUT;
		goto out;
	}
	day = jh_day_today(s);
	if (!it->year)
		it->year = finding && it->cycle_year ? it->cycle_year : atoi(day.s);
	if (!finding)
		it->cycle_year = 0;
	snprintf(it->key, sizeof it->key, "%s.", it->source);
	snprintf(it->kind, sizeof it->kind, "%s", it->source);
	it->figure[0] = it->requirement[0] = it->override_reason[0] = '\0';
	it->status = JH_LEDGER_OPEN;
	snprintf(it->created_by, sizeof it->created_by, "%s", who->name);
	if ((rc = jhStoreBegin(s, d)))
		goto out;
	if ((rc = jh_store_ledger_insert(s, it, d)))
		goto fail;
	{
		const char *kv[] = {"source", it->source, "what_zh", it->what_zh,
		                    "deadline", it->deadline.s, NULL, NULL};
		if (!(detail = jhLedgerDetail(kv))) {
			rc = JH_ERR_NOMEM;
			goto fail;
		}
	}
	if ((rc = jh_store_ledger_event(s, it->id, who->name, "created", "", "open",
	                                detail, d)))
		goto fail;
	rc = jhStoreCommit(s, d);
	goto out;
fail:
	jhStoreRollback(s);
out:
	free(detail);
	jh_areas_free(areas);
	return rc;
}
