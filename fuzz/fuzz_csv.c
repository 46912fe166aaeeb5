/*
** fuzz_csv.c — libFuzzer target for the text input path: encoding
** detection, the CSV reader and every table loader (school-year, areas,
** county-year records, survey answers, what-if changes), as `junheng
** import` and `junheng whatif` run them on a file.  A school-year table
** that loads must also survive the export: written as the Chinese form
** (BOM, formula guard) and read back, it is the same data (the machine
** forms' bytes are equal), else the target aborts.
*/
#include "junheng.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(const jh_dataset *ds)
{
	jh_buf zh = JH_BUF_INIT, a = JH_BUF_INIT, b = JH_BUF_INIT;
	char *text = NULL;
	size_t len = 0;
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *back = jh_dataset_new();

	if (!back || jh_export_csv_lang(ds, NULL, "zh", &zh) ||
	    jh_export_csv(ds, NULL, &a) ||
	    jh_to_utf8(zh.data, zh.len, &text, &len, NULL) ||
	    jh_csv_parse(text, len, "export.csv", &t, &d) ||
	    jh_dataset_add_table(back, t, &d) ||
	    jh_export_csv(back, NULL, &b) ||
	    a.len != b.len || memcmp(a.data, b.data, a.len))
		abort();
	jh_table_free(t);
	jh_dataset_free(back);
	jh_diags_free(&d);
	free(text);
	jh_buf_free(&zh);
	jh_buf_free(&a);
	jh_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	jh_table *t = NULL;
	jh_diags d = JH_DIAGS_INIT;
	jh_dataset *ds;

	if (jh_to_utf8((const char *)data, size, &text, &len, NULL) != JH_OK)
		return 0;
	if (jh_csv_parse(text, len, "fuzz.csv", &t, &d) == JH_OK) {
		jh_areas *a = jh_areas_new();
		jh_county_items *ci = jh_county_items_new();
		if (a && jh_areas_table_is(t))
			jh_areas_add_table(a, t, &d);
		if (ci && jh_county_items_table_is(t))
			jh_county_items_add_table(ci, t, 0, &d);
		if (ci && jh_survey_table_is(t))
			jh_survey_add_table(ci, t, 2024, &d);
		jh_areas_free(a);
		jh_county_items_free(ci);
		ds = jh_dataset_new();
		if (ds && jh_dataset_add_table(ds, t, &d) == JH_OK) {
			roundtrip(ds);
			jh_standard std;
			jh_result *r = NULL;
			jh_dataset *w = NULL;
			/* The table as a change file against itself. */
			if (jh_whatif_apply(ds, jh_dataset_count(ds) ? jh_dataset_row(ds, 0)->year : 0, t, &w, &d) == JH_OK)
				jh_dataset_free(w);
			if (jh_standard_national(&std, &d) == JH_OK &&
			    jh_eval(ds, &std, NULL, &r, &d) == JH_OK) {
				jh_buf b = JH_BUF_INIT;
				jh_report(r, JH_FMT_TEXT, "zh", &b);
				jh_buf_free(&b);
				jh_result_free(r);
			}
		}
		jh_dataset_free(ds);
		jh_table_free(t);
	}
	/* Render every diagnostic, as the CLI would. */
	{
		jh_buf b = JH_BUF_INIT;
		jh_diags_format(&d, "en", &b);
		jh_buf_free(&b);
	}
	jh_diags_free(&d);
	free(text);
	return 0;
}
