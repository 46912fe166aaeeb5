/*
** import.c — import files read from memory (jh_import_set): what
** `junheng import` and `junheng eval FILE...` read, and what the server's
** POST /imports reads from a request body.
**
** A file is recognised by its content first, then by its name: XLSX (a
** zip), XLS (an OLE2 compound file), otherwise text, decoded to UTF-8
** (UTF-8, UTF-16 with a BOM, GB18030; Big5 refused by name) and split on
** commas or, for Excel's "Unicode text" and a first line of tabs without
** a comma, on tabs.  Each table goes to the template it is (areas,
** county-year records, survey answers, school-years: add_table).  In a
** workbook every sheet that holds a template is read and other sheets
** (notes, summaries) are left alone; a workbook with no template sheet
** is one JH_P_NO_HEADER.
**
** All or nothing: a file with any problem leaves the set `bad`, and a bad
** set is never stored; the caller shows every problem of every file.
** The set owns everything it read: the rows, areas and records, the
** files' names and their SHA-256 (the revision's sources).
*/
#include "service_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct jh_import_set {
	jh_dataset *ds;
	jh_areas *areas;
	jh_county_items *items;   /* NULL: county-year tables passed over */
	char **names;
	char (*sha)[65];
	size_t nfiles, cap;
	int bad;                  /* an add failed: never stored */
};

jh_import_set *jh_import_set_new(int default_year, int year_min, int year_max)
{
	jh_import_set *is = calloc(1, sizeof *is);
	int lo, hi;

	if (!is)
		return NULL;
	is->ds = jh_dataset_new();
	is->areas = jh_areas_new();
	is->items = jh_county_items_new();
	if (!is->ds || !is->areas || !is->items) {
		jh_import_set_free(is);
		return NULL;
	}
	jh_dataset_set_default_year(is->ds, default_year);
	jh_dataset_set_years(is->ds, year_min, year_max);
	/* One year range for every template: the one set on the rows. */
	jh_dataset_years(is->ds, &lo, &hi);
	jh_county_items_set_years(is->items, lo, hi);
	return is;
}

void jh_import_set_standard(jh_import_set *is, const jh_standard *std)
{
	int lo, hi;

	jh_dataset_set_standard(is->ds, std);
	jh_dataset_years(is->ds, &lo, &hi);
	if (is->items)
		jh_county_items_set_years(is->items, lo, hi);
}

void jh_import_set_free(jh_import_set *is)
{
	if (!is)
		return;
	jh_dataset_free(is->ds);
	jh_areas_free(is->areas);
	jh_county_items_free(is->items);
	for (size_t i = 0; i < is->nfiles; i++)
		free(is->names[i]);
	free(is->names);
	free(is->sha);
	free(is);
}

jh_code jh_import_set_allow_extras(jh_import_set *is, const char *names, int all)
{
	return jh_dataset_allow_extras(is->ds, names, all);
}

void jh_import_set_skip_county_years(jh_import_set *is)
{
	jh_county_items_free(is->items);
	is->items = NULL;
}

const jh_dataset *jh_import_set_rows(const jh_import_set *is) { return is->ds; }
const jh_areas *jh_import_set_areas(const jh_import_set *is) { return is->areas; }
const jh_county_items *jh_import_set_items(const jh_import_set *is) { return is->items; }
size_t jh_import_set_files(const jh_import_set *is) { return is->nfiles; }

const char *jh_import_set_file_name(const jh_import_set *is, size_t i)
{
	return i < is->nfiles ? is->names[i] : NULL;
}

const char *jh_import_set_file_sha256(const jh_import_set *is, size_t i)
{
	return i < is->nfiles ? is->sha[i] : NULL;
}

static int is_xlsx(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

/* An OLE2 compound file: what Excel 97–2003 (.xls) saves. */
static int is_xls(const char *data, size_t len)
{
	return len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/* Text files are comma-separated, except Excel's "Unicode text" (UTF-16)
 * and text whose first line holds tabs and no comma: tab-separated. */
static char text_separator(const char *text, const char *encoding)
{
	size_t n = strcspn(text, "\n");

	if (encoding && !strncmp(encoding, "UTF-16", 6))
		return '\t';
	if (memchr(text, '\t', n) && !memchr(text, ',', n))
		return '\t';
	return ',';
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

/* A table is a form offices fill (one school or one county-year a sheet,
 * lib/core/form.c), or the area, county-year, survey or school-year
 * template. */
static jh_code add_table(jh_import_set *is, const jh_table *t, jh_diags *diags)
{
	int form = jh_form_table_kind(t);

	if (form == JH_FORM_SCHOOL)
		return jh_form_add_school(is->ds, t, diags);
	if (form == JH_FORM_COUNTY)
		return is->items ? jh_form_add_county(is->items, t,
		                                      jh_dataset_default_year(is->ds),
		                                      diags) : JH_OK;
	if (jh_areas_table_is(t))
		return jh_areas_add_table(is->areas, t, diags);
	if (jh_county_items_table_is(t))
		return is->items ? jh_county_items_add_table(is->items, t,
		                                             jh_dataset_default_year(is->ds),
		                                             diags) : JH_OK;
	if (jh_survey_table_is(t))
		return is->items ? jh_survey_add_table(is->items, t,
		                                       jh_dataset_default_year(is->ds),
		                                       diags) : JH_OK;
	return jh_dataset_add_table(is->ds, t, diags);
}

/* A workbook's sheets.  JH_ERR_INPUT when it has a problem. */
static jh_code add_workbook(jh_import_set *is, const char *name, const char *data,
                            size_t len, jh_diags *diags)
{
	jh_table **tabs = NULL;
	size_t ntabs = 0, used = 0;
	int bad = 0;
	jh_code rc;

	if (is_xls(data, len) || (!is_xlsx(data, len) && has_suffix(name, ".xls")))
		rc = jh_xls_read(data, len, name, &tabs, &ntabs, diags);
	else
		rc = jh_xlsx_read(data, len, name, &tabs, &ntabs, diags);
	if (rc == JH_ERR_IO) {
		jh_diags_add(diags, JH_P_OTHER, name, NULL, 0, 0, NULL, strerror(errno), NULL);
		return JH_ERR_INPUT;
	}
	if (rc == JH_ERR_NOMEM)
		return rc;
	if (rc)
		return JH_ERR_INPUT;
	for (size_t k = 0; k < ntabs; k++) {
		jh_diags probe = JH_DIAGS_INIT;
		jh_code trc = add_table(is, tabs[k], &probe);
		jh_problem last = probe.count ? probe.items[probe.count - 1].problem : JH_P_OTHER;
		int no_header = jh_diags_errors(&probe) == 1 &&
		        (last == JH_P_NO_HEADER || last == JH_P_EMPTY_FILE);
		if (trc == JH_OK || !no_header || ntabs == 1) {
			/* Notices of a sheet read, or everything of a sheet
			 * that holds a template but is wrong. */
			for (size_t i = 0; i < probe.count; i++) {
				const jh_diag *g = &probe.items[i];
				(g->note ? jh_diags_note : jh_diags_add)(diags,
				        g->problem, g->file, g->sheet, g->line,
				        g->column, g->column_name, g->arg, g->arg2);
			}
			bad |= trc != JH_OK;
			used++;
		}
		jh_diags_free(&probe);
		jh_table_free(tabs[k]);
		if (trc == JH_ERR_NOMEM) {
			while (++k < ntabs)
				jh_table_free(tabs[k]);
			free(tabs);
			return trc;
		}
	}
	free(tabs);
	if (!used) {
		jh_diags_add(diags, JH_P_NO_HEADER, name, NULL, 0, 0, NULL, NULL, NULL);
		bad = 1;
	}
	return bad ? JH_ERR_INPUT : JH_OK;
}

static jh_code add_text(jh_import_set *is, const char *name, const char *data,
                        size_t len, jh_diags *diags)
{
	const char *enc = NULL;
	char *text = NULL;
	size_t tlen = 0;
	jh_table *t = NULL;
	jh_code rc = jh_to_utf8(data, len, &text, &tlen, &enc);

	if (rc == JH_ERR_ENCODING) {
		jh_diags_add(diags, enc && !strcmp(enc, "BIG5") ? JH_P_BIG5 : JH_P_ENCODING,
		             name, NULL, 0, 0, NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	if (rc)
		return rc;
	rc = jh_csv_parse_sep(text, tlen, name, text_separator(text, enc), &t, diags);
	free(text);
	if (rc == JH_ERR_NOMEM)
		return rc;
	if (rc)
		return JH_ERR_INPUT;
	rc = add_table(is, t, diags);
	jh_table_free(t);
	if (rc == JH_ERR_NOMEM)
		return rc;
	return rc ? JH_ERR_INPUT : JH_OK;
}

jh_code jh_import_set_add(jh_import_set *is, const char *name,
                          const void *data, size_t len, jh_diags *d)
{
	const char *p = data;
	jh_code rc;

	if (!name)
		name = "";
	if (is->nfiles == is->cap) {
		size_t cap = is->cap ? 2 * is->cap : 4;
		char **names = realloc(is->names, cap * sizeof *names);
		if (!names)
			return JH_ERR_NOMEM;
		is->names = names;
		char (*sha)[65] = realloc(is->sha, cap * sizeof *sha);
		if (!sha)
			return JH_ERR_NOMEM;
		is->sha = sha;
		is->cap = cap;
	}
	if (!(is->names[is->nfiles] = strdup(name)))
		return JH_ERR_NOMEM;
	jh_sha256_hex(data, len, is->sha[is->nfiles]);
	is->nfiles++;
	if (is_xlsx(p, len) || is_xls(p, len) ||
	    has_suffix(name, ".xlsx") || has_suffix(name, ".xls"))
		rc = add_workbook(is, name, p, len, d);
	else
		rc = add_text(is, name, p, len, d);
	if (rc)
		is->bad = 1;
	return rc;
}

jh_code jh_import_set_store(jh_store *s, const jh_import_set *is,
                            const jh_import_opts *opts, const char *who,
                            const char *why, jh_import_stats *st, jh_diags *d)
{
	const char **shas;
	jh_code rc;

	if (is->bad)
		return JH_ERR_INPUT;
	if (!(shas = malloc((is->nfiles ? is->nfiles : 1) * sizeof *shas)))
		return JH_ERR_NOMEM;
	for (size_t i = 0; i < is->nfiles; i++)
		shas[i] = is->sha[i];
	{
		jh_revision_info info = {who, why, "import", is->nfiles,
		                         (const char *const *)is->names, shas};
		rc = jh_store_import_opts(s, is->areas, is->ds, is->items, opts, &info, st, d);
	}
	free(shas);
	return rc;
}
