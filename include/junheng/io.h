/*
** junheng/io.h — the input layer of libjunheng (lib/io): tables of text
** cells read from CSV and XLSX bytes a caller has loaded.  Uses the
** utility layer; used by the domain layer's template loaders.
*/
#ifndef JUNHENG_IO_H
#define JUNHENG_IO_H

#include "junheng/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Limits of every template file, in one place: the loaders and the     */
/* programs enforce them, the README states them, and each message that */
/* refuses a file names the limit.                                      */
/* ------------------------------------------------------------------ */

#define JH_MAX_FILE_BYTES   (256ul << 20)  /* one input file: 256 MB */
#define JH_MAX_COLUMNS      256            /* header columns, template and extra */
#define JH_MAX_HEADER_CHARS 200            /* characters of one header cell */
#define JH_MAX_CELL_CHARS   100000         /* characters of one cell (XLSX holds
                                              * 32,767: export says so) */

/* ------------------------------------------------------------------ */
/* Tables: rows of text cells read from CSV or XLSX.                    */
/* ------------------------------------------------------------------ */

typedef struct jh_row {
	long line;        /* source line (CSV) or row number (XLSX), 1-based */
	size_t first;     /* index of the row's first cell in the table */
	size_t ncells;
} jh_row;

/* A table owns one text arena; cells are offsets into it so that the
 * arena can grow.  Trailing empty rows are kept; loaders skip them. */
typedef struct jh_table {
	char *file;       /* name for messages (copied) */
	char *sheet;      /* XLSX sheet name, NULL for CSV */
	jh_row *rows;
	size_t nrows, caprows;
	size_t *cells;    /* offsets into text */
	size_t ncells, capcells;
	jh_buf text;
} jh_table;

jh_table *jh_table_new(const char *file, const char *sheet);
void jh_table_free(jh_table *t);
jh_code jh_table_begin_row(jh_table *t, long line);
/* Append a cell to the last row.  A cell that is one ' followed by text
 * jh_csv_guarded takes for a formula ('=1+1, ''=x, '-5) is stored without
 * that one ': it is the guard the library's CSV writer adds (and Excel
 * users type), so an exported name reads back as it was.  Applies to
 * CSV and XLSX alike (a CSV opened in Excel and saved as XLSX keeps it). */
jh_code jh_table_add_cell(jh_table *t, const char *s, size_t n);
/* Cell c of row r, "" when the row is shorter. */
const char *jh_table_cell(const jh_table *t, size_t r, size_t c);

/* Parse CSV text (already UTF-8; see jh_to_utf8) into a new table.
 * RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines inside
 * quotes.  Errors (unterminated quote, text after a closing quote) go to
 * diags with the file name, line and column; returns JH_ERR_INPUT. */
jh_code jh_csv_parse(const char *text, size_t len, const char *file,
                     jh_table **out, jh_diags *diags);
/* As jh_csv_parse with another separator: '\t' for Excel's "Unicode
 * text" (UTF-16, tab-separated; quoted as CSV is). */
jh_code jh_csv_parse_sep(const char *text, size_t len, const char *file,
                         char sep, jh_table **out, jh_diags *diags);

/* Read every worksheet of an XLSX workbook held in memory.  *tables is a
 * malloc'd array of *ntables tables (one per sheet, in workbook order);
 * free each with jh_table_free and the array with free().  Shared strings,
 * inline strings, numbers (shown exactly as stored), booleans; empty
 * cells become ""; rows absent from the sheet's XML are absent from the
 * table (row.line is always the spreadsheet row number).  A workbook with
 * no readable worksheet gives JH_OK with *ntables == 0.  A file that is
 * not a valid XLSX, or exceeds the size limits in xlsx.c (512 MiB per
 * part, zip bombs, DTDs), gives JH_ERR_FORMAT with one diagnostic naming
 * the file and the reason.  diags may be NULL. */
jh_code jh_xlsx_read(const void *data, size_t len, const char *file,
                     jh_table ***tables, size_t *ntables, jh_diags *diags);

/* Read every worksheet of an old Excel workbook (.xls, BIFF 2–8) held in
 * memory, through libfreexl (lib/io/xls.c); tables as jh_xlsx_read gives
 * them, and freed the same way.  A file that is not a readable .xls, or is
 * password-protected, gives JH_ERR_FORMAT with one JH_P_XLS diagnostic;
 * JH_ERR_IO when the temporary copy libfreexl needs cannot be written. */
jh_code jh_xls_read(const void *data, size_t len, const char *file,
                    jh_table ***tables, size_t *ntables, jh_diags *diags);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_IO_H */
