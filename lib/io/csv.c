/*
** csv.c — an RFC 4180 CSV reader into a jh_table.
**
** Input is UTF-8 text (see jh_to_utf8).  Fields may be quoted; a quote
** inside a quoted field is doubled; quoted fields may hold commas and line
** breaks.  Records end at LF or CRLF (a lone CR too, as old Mac Excel
** writes).  The separator is a comma, or a tab for Excel's "Unicode
** text" (jh_csv_parse_sep).  Each record remembers the line it starts on, so messages can
** point at it.  Malformed quoting is reported, never repaired silently.
*/
#include "io_int.h"

#include <string.h>

jh_code jh_csv_parse(const char *text, size_t len, const char *file,
                     jh_table **out, jh_diags *diags)
{
	return jh_csv_parse_sep(text, len, file, ',', out, diags);
}

jh_code jh_csv_parse_sep(const char *text, size_t len, const char *file,
                         char sep, jh_table **out, jh_diags *diags)
{
	jh_table *t = jh_table_new(file, NULL);
	jh_buf field = JH_BUF_INIT;
	size_t i = 0;
	long line = 1;
	int col, errors = 0;
	jh_code rc = JH_OK;

	*out = NULL;
	if (!t)
		return JH_ERR_NOMEM;
	while (i < len) {
		long row_line = line;

		if ((rc = jh_table_begin_row(t, row_line)))
			goto fail;
		col = 1;
		for (;;) {
			/* One field. */
			jh_buf_reset(&field);
			if (i < len && text[i] == '"') {
				long qline = line;
				int closed = 0;

				i++;
				while (i < len) {
					if (text[i] == '"') {
						if (i + 1 < len && text[i + 1] == '"') {
							jh_buf_addc(&field, '"');
							i += 2;
							continue;
						}
						i++;
						closed = 1;
						break;
					}
					if (text[i] == '\n')
						line++;
					jh_buf_addc(&field, text[i++]);
				}
				if (!closed) {
					jh_diags_add(diags, JH_P_UNTERMINATED_QUOTE,
					             file, NULL, qline, col, NULL,
					             NULL, NULL);
					errors++;
					goto done;
				}
				if (i < len && text[i] != sep && text[i] != '\n' &&
				    text[i] != '\r') {
					jh_diags_add(diags, JH_P_BAD_QUOTE, file,
					             NULL, line, col, NULL, NULL,
					             NULL);
					errors++;
					/* Skip to the end of the field. */
					while (i < len && text[i] != sep &&
					       text[i] != '\n' && text[i] != '\r')
						i++;
				}
			} else {
				size_t s = i;
				while (i < len && text[i] != sep &&
				       text[i] != '\n' && text[i] != '\r')
					i++;
				jh_buf_add(&field, text + s, i - s);
			}
			if (field.oom) {
				rc = JH_ERR_NOMEM;
				goto fail;
			}
			if ((rc = jh_table_add_cell(t, field.data ? field.data : "",
			                            field.len)))
				goto fail;
			if (i < len && text[i] == sep) {
				i++;
				col++;
				continue;
			}
			/* End of record. */
			if (i < len && text[i] == '\r')
				i++;
			if (i < len && text[i] == '\n')
				i++;
			line++;
			break;
		}
	}
done:
	jh_buf_free(&field);
	if (errors) {
		jh_table_free(t);
		return JH_ERR_INPUT;
	}
	*out = t;
	return JH_OK;
fail:
	jh_buf_free(&field);
	jh_table_free(t);
	return rc;
}
