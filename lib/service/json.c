/*
** json.c — the layer's small JSON answers: problems (jh_diags_json) and
** an import's summary (jh_import_stats_json), written with the library's
** one JSON writer (jhJson, lib/util/out.c: strings escaped, numbers
** shortest round trip), compact.
*/
#include "service_int.h"

#include <stdio.h>

jh_out *jhServiceJsonBegin(jh_buf *out, jhJson *j)
{
	jh_out *o = jh_out_new_buf(out);

	if (o)
		jhJsonInit(j, o, 0);
	return o;
}

jh_code jhServiceJsonEnd(jh_out *o)
{
	return jh_out_close(o);
}

/* Column n (1-based) as a spreadsheet names it: 1 A, 26 Z, 27 AA. */
static void column_letters(int n, char out[8])
{
	char rev[8];
	int k = 0, i = 0;

	while (n > 0 && k < 7) {
		n--;
		rev[k++] = (char)('A' + n % 26);
		n /= 26;
	}
	while (k)
		out[i++] = rev[--k];
	out[i] = '\0';
}

void jh_diags_json(const jh_diags *d, jh_buf *out)
{
	jhJson j;
	jh_buf msg = JH_BUF_INIT;
	jh_out *o = jhServiceJsonBegin(out, &j);

	if (!o) {
		out->oom = 1;
		return;
	}
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < d->count; i++) {
		const jh_diag *g = &d->items[i];
		char col[8];

		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "file", g->file && *g->file ? g->file : NULL);
		jhJsonFieldStr(&j, "sheet", g->sheet);
		jhJsonKey(&j, "line");
		if (g->line > 0)
			jhJsonInt(&j, g->line);
		else
			jhJsonNull(&j);
		column_letters(g->column, col);
		jhJsonFieldStr(&j, "column", g->column > 0 ? col : NULL);
		jhJsonKey(&j, "column_number");
		if (g->column > 0)
			jhJsonInt(&j, g->column);
		else
			jhJsonNull(&j);
		jhJsonFieldStr(&j, "column_name", g->column_name);
		jh_buf_reset(&msg);
		jh_diag_message(g, "zh", &msg);
		jhJsonFieldStr(&j, "message_zh", msg.data ? msg.data : "");
		jh_buf_reset(&msg);
		jh_diag_message(g, "en", &msg);
		jhJsonFieldStr(&j, "message_en", msg.data ? msg.data : "");
		jhJsonFieldBool(&j, "note", g->note);
		jhJsonClose(&j, '}');
	}
	if (d->dropped) {
		/* The list stops at its limit: say how many more there were. */
		char n[32];
		jh_buf m = JH_BUF_INIT;
		snprintf(n, sizeof n, "%zu", d->dropped);
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "file", NULL);
		jhJsonFieldStr(&j, "sheet", NULL);
		jhJsonKey(&j, "line");
		jhJsonNull(&j);
		jhJsonFieldStr(&j, "column", NULL);
		jhJsonKey(&j, "column_number");
		jhJsonNull(&j);
		jhJsonFieldStr(&j, "column_name", NULL);
		jh_buf_addf(&m, "……另有 %s 个问题未列出", n);
		jhJsonFieldStr(&j, "message_zh", m.data);
		jh_buf_reset(&m);
		jh_buf_addf(&m, "... and %s more problems", n);
		jhJsonFieldStr(&j, "message_en", m.data);
		jhJsonFieldBool(&j, "note", 0);
		jhJsonClose(&j, '}');
		jh_buf_free(&m);
	}
	jhJsonClose(&j, ']');
	if (jhServiceJsonEnd(o) || msg.oom)
		out->oom = 1;
	jh_buf_free(&msg);
}

void jh_import_stats_json(const jh_import_stats *st, const jh_dataset *missing,
                          jh_buf *out)
{
	jhJson j;
	jh_out *o = jhServiceJsonBegin(out, &j);
	size_t n = missing ? jh_dataset_count(missing) : 0;

	if (!o) {
		out->oom = 1;
		return;
	}
	jhJsonOpen(&j, '{');
	jhJsonFieldInt(&j, "revision", st->revision);
	jhJsonFieldInt(&j, "rows", (long long)st->rows);
	jhJsonFieldInt(&j, "added", (long long)st->added);
	jhJsonFieldInt(&j, "changed", (long long)st->changed);
	jhJsonFieldInt(&j, "unchanged", (long long)st->unchanged);
	jhJsonFieldInt(&j, "deleted", (long long)st->deleted);
	jhJsonFieldInt(&j, "fields_changed", (long long)st->fields_changed);
	jhJsonFieldInt(&j, "areas_changed", (long long)st->areas_changed);
	jhJsonFieldInt(&j, "items_changed", (long long)st->items_changed);
	jhJsonKey(&j, "missing");
	jhJsonOpen(&j, '[');
	for (size_t i = 0; i < n; i++) {
		const jh_school_year *sy = jh_dataset_row(missing, i);
		jhJsonOpen(&j, '{');
		jhJsonFieldStr(&j, "county_code", sy->county_code);
		jhJsonFieldInt(&j, "year", sy->year);
		jhJsonFieldStr(&j, "school_code", sy->school_code);
		jhJsonFieldStr(&j, "school_name", sy->school_name ? sy->school_name : "");
		jhJsonClose(&j, '}');
	}
	jhJsonClose(&j, ']');
	jhJsonClose(&j, '}');
	if (jhServiceJsonEnd(o))
		out->oom = 1;
}
