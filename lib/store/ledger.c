/*
** ledger.c — the store's side of schema 7's ledgers: checked forwarding
** of ledger items, their events and evidence to the backend, with the
** times taken from the store's clock (so that JUNHENG_TODAY and the tests'
** clocks hold for them as for revisions).
**
** Who may do what, the data check and sign-off are lib/cycle's; these
** only store.  A caller that reads, checks and writes as one (the cycle
** layer's operations) opens the transaction with jhStoreBegin and ends it
** with jhStoreCommit or jhStoreRollback; the calls here then run inside
** it.  Alone, each is its own statement.
*/
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

jh_code jhStoreBegin(jh_store *s, jh_diags *d)
{
	return s->ops->begin(s->db, 0, d);
}

jh_code jhStoreCommit(jh_store *s, jh_diags *d)
{
	jh_code rc = s->ops->commit(s->db, d);

	if (rc)
		s->ops->rollback(s->db);
	return rc;
}

void jhStoreRollback(jh_store *s)
{
	s->ops->rollback(s->db);
}

void jhStoreNowText(const jh_store *s, char out[21])
{
	jhStoreUtc(jh_store_now(s), out);
}

static int status_ok(jh_ledger_status st)
{
	return (int)st >= 0 && st < JH_LEDGER__COUNT;
}

jh_code jh_store_ledger_insert(jh_store *s, jh_ledger_item *it, jh_diags *d)
{
	if (!it || strlen(it->county) != 6 || !it->key[0] || !status_ok(it->status))
		return JH_ERR_ARG;
	jhStoreNowText(s, it->created);
	return s->ops->ledger_insert(s->db, it, d);
}

jh_code jh_store_ledger_update(jh_store *s, jh_ledger_item *it, long expect,
                               jh_diags *d)
{
	jh_code rc;

	if (!it || it->id <= 0 || !status_ok(it->status))
		return JH_ERR_ARG;
	jhStoreNowText(s, it->changed);
	if (!(rc = s->ops->ledger_update(s->db, it, expect, d)))
		it->version = expect + 1;
	return rc;
}

jh_code jh_store_ledger_get(jh_store *s, long id, jh_ledger_item *out, jh_diags *d)
{
	if (!out)
		return JH_ERR_ARG;
	return s->ops->ledger_get(s->db, id, NULL, NULL, out, d);
}

jh_code jh_store_ledger_find(jh_store *s, const char *county, const char *key,
                             jh_ledger_item *out, jh_diags *d)
{
	if (!county || !key || !out)
		return JH_ERR_ARG;
	return s->ops->ledger_get(s->db, 0, county, key, out, d);
}

jh_code jh_store_ledger_list(jh_store *s, const jh_ledger_filter *f,
                             jh_ledger_item **out, size_t *n, jh_diags *d)
{
	if (!out || !n)
		return JH_ERR_ARG;
	return s->ops->ledger_list(s->db, f, out, n, d);
}

jh_code jh_store_ledger_event(jh_store *s, long item, const char *who,
                              const char *action, const char *from_status,
                              const char *to_status, const char *detail,
                              jh_diags *d)
{
	char at[21];

	if (item <= 0 || !action)
		return JH_ERR_ARG;
	jhStoreNowText(s, at);
	return s->ops->ledger_event(s->db, item, at, who ? who : "", action,
	                            from_status, to_status, detail, d);
}

jh_code jh_store_ledger_events(jh_store *s, long item, jh_ledger_event **out,
                               size_t *n, jh_diags *d)
{
	if (!out || !n)
		return JH_ERR_ARG;
	return s->ops->ledger_events(s->db, item, out, n, d);
}

void jh_ledger_events_free(jh_ledger_event *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].detail);
	free(e);
}

jh_code jh_store_ledger_evidence_add(jh_store *s, long item, const char *name,
                                     const char *content_type,
                                     const void *body, size_t size,
                                     const char *who, jh_ledger_evidence *out,
                                     jh_diags *d)
{
	jh_ledger_evidence e;
	jh_code rc;

	if (item <= 0 || !name || !content_type || (size && !body) ||
	    strlen(name) >= sizeof e.name || strlen(content_type) >= sizeof e.content_type ||
	    (who && strlen(who) >= sizeof e.who))
		return JH_ERR_ARG;
	memset(&e, 0, sizeof e);
	e.item = item;
	snprintf(e.name, sizeof e.name, "%s", name);
	snprintf(e.content_type, sizeof e.content_type, "%s", content_type);
	e.size = (long long)size;
	jh_sha256_hex(size ? body : "", size, e.sha256);
	jhStoreNowText(s, e.at);
	snprintf(e.who, sizeof e.who, "%s", who ? who : "");
	if ((rc = s->ops->evidence_add(s->db, &e, body, d)))
		return rc;
	if (out)
		*out = e;
	return JH_OK;
}

jh_code jh_store_ledger_evidence_list(jh_store *s, long item,
                                      jh_ledger_evidence **out, size_t *n,
                                      jh_diags *d)
{
	if (!out || !n)
		return JH_ERR_ARG;
	return s->ops->evidence_list(s->db, item, out, n, d);
}

jh_code jh_store_ledger_evidence_get(jh_store *s, long item, long id,
                                     jh_ledger_evidence *meta, void **body,
                                     size_t *size, jh_diags *d)
{
	if (!meta || !body || !size)
		return JH_ERR_ARG;
	return s->ops->evidence_get(s->db, item, id, meta, body, size, d);
}
