/*
** io_int.h — the input layer's internal interface (lib/io): the one
** declarative template engine every template loader uses (template.c).
*/
#ifndef JH_IO_INT_H
#define JH_IO_INT_H

#include "junheng/io.h"
#include "util/util_int.h"

/* jh_table_cell, inlined for the loaders' loops over every cell. */
static inline const char *jhCell(const jh_table *t, size_t r, size_t c)
{
	if (r >= t->nrows || c >= t->rows[r].ncells)
		return "";
	return t->text.data + t->cells[t->rows[r].first + c];
}

/* ------------------------------------------------------------------ */
/* Cells: one trimmer, one number parser, one year parser.             */
/* ------------------------------------------------------------------ */

/* The blanks trimmed from cells and ignored in names: ASCII space, tab,
 * CR, LF, the ideographic space U+3000 and the no-break space U+00A0.
 * jhTrim returns the first non-blank byte of s and sets *n to the length
 * up to the last non-blank one (0 for a blank cell). */
const char *jhTrim(const char *s, size_t *n);
/* 1 when s is empty or only blanks. */
int jhBlank(const char *s);
/* Copy s trimmed into out.  0 when it fits in cap - 1 bytes; -1 when it
 * does not (out then holds as much as fits, cut at a character
 * boundary, for messages only: the caller must refuse the value). */
int jhCellCopy(const char *s, char *out, size_t cap);

/* The number parser of every template and of costs files: a decimal with
 * optional sign, optional 3-digit comma grouping before the point,
 * optional fraction and exponent, blanks around it trimmed; nothing else
 * (no "inf", "nan", hex, units, or text after the number, however long
 * the cell).  Gives exactly strtod's double.  0 ok, -1 not a number. */
int jhParseNumber(const char *s, double *out);
/* A whole year in [min, max]: also as offices write it, 2024年, 2024年度
 * or in full-width digits.  0 ok, -1 not a year or out of range. */
int jhParseYear(const char *s, int min, int max, int *out);

/* ------------------------------------------------------------------ */
/* Names: one matching rule for headers and enumerated values.          */
/* ------------------------------------------------------------------ */

/* a and b are the same name once blanks and BOMs are dropped, full-width
 * brackets folded to ASCII and ASCII letters lower-cased. */
int jhNameEq(const char *a, const char *b);
/* 1 when s is one of the NULL-terminated names (jhNameEq). */
int jhNameIn(const char *s, const char *const *names);

/* ------------------------------------------------------------------ */
/* Templates: tables of column specs.                                   */
/* ------------------------------------------------------------------ */

typedef enum jhColType {
	JH_COL_TEXT = 0,   /* free text: names, notes */
	JH_COL_CODE,       /* an identifier: school or county code, item key */
	JH_COL_YEAR,       /* a year in the loader's range */
	JH_COL_COUNT,      /* a whole number >= 0 */
	JH_COL_NUMBER,     /* a number >= 0 (areas, ratios) */
	JH_COL_MONEY,      /* yuan >= 0 */
	JH_COL_RATE,       /* a fraction 0..1 or a percentage */
	JH_COL_YESNO,      /* 是/否 */
	JH_COL_CHOICE,     /* one of a list the loader knows (type, group…) */
	JH_COL_ANSWER      /* a survey answer (满意…不满意) */
} jhColType;

/* Units; a header may name its column's unit in brackets, e.g.
 * 教学及辅助用房面积(平方米) or 教学仪器设备值（元）. */
typedef enum jhUnit {
	JH_UNIT_NONE = 0,
	JH_UNIT_PERSON,    /* 人 */
	JH_UNIT_M2,        /* 平方米, m2, m², ㎡ */
	JH_UNIT_YUAN,      /* 元 */
	JH_UNIT_ROOM,      /* 间 */
	JH_UNIT_CLASS,     /* 个 (classes) */
	JH_UNIT__COUNT
} jhUnit;

/* A number cell as offices type it, for a column in unit u: full-width
 * digits, point, comma and minus (５００, １，２００．５) folded to ASCII;
 * a leading ￥ or ¥ on money; the column's unit after the number
 * (1150000元, 500人, 3200平方米, 12间); then jhParseNumber.  So
 * ￥1,150,000.00 and 1150000元 are 1150000.  Nothing else is taken off:
 * 115万 or 1.2e3元 stay refused.  0 ok, -1 not a number. */
int jhParseCellNumber(const char *s, jhUnit u, double *out);
/* As jhCellCopy for a code (school, county): full-width digits and
 * letters typed in a Chinese input method's full-width mode (１１０１０１,
 * Ａ) folded to ASCII, so that they reach the code's check as digits. */
int jhCellCode(const char *s, char *out, size_t cap);
/* 1 when the cell holds only a dash or slash that offices type for
 * "none" or "not applicable": / ／ - － — —— – ― ～. */
int jhCellDash(const char *s);

/* The unit's symbol as shown: "人", "m²", "元", "间", "个"; "" for none. */
const char *jhUnitSymbol(jhUnit u);

#define JH_COL_REQUIRED   1u   /* every table of the template has it */
#define JH_COL_IDENTIFIES 2u   /* a header row must name it (detection) */

typedef struct jhColSpec {
	const char *key;             /* English key: "county_code" */
	const char *zh;              /* Chinese name: "县(市、区)代码" */
	const char *en;              /* English name for people */
	const char *alias[5];        /* other accepted names; NULL ends early */
	unsigned char type;          /* jhColType */
	unsigned char unit;          /* jhUnit */
	unsigned char flags;         /* JH_COL_* */
} jhColSpec;

#define JH_TPL_MAXCOLS 128

/* A set of template columns (c < JH_TPL_MAXCOLS): the school-year
 * template has more columns than a 64-bit mask holds. */
typedef struct jhColSet {
	uint64_t w[JH_TPL_MAXCOLS / 64];
} jhColSet;
static inline int jhColSetHas(const jhColSet *s, int c)
{
	return s && (s->w[c >> 6] >> (c & 63) & 1);
}
static inline void jhColSetAdd(jhColSet *s, int c)
{
	s->w[c >> 6] |= (uint64_t)1 << (c & 63);
}
#define JH_TPL_SHORT_ROWS 1u  /* a CSV row shorter than the header is an error */
#define JH_TPL_EXTRAS     2u  /* other columns are kept by name: no two alike */

typedef struct jhTemplate {
	const char *key;             /* "school_year", "areas"… */
	const jhColSpec *cols;
	int ncols;                   /* at most JH_TPL_MAXCOLS */
	int min_named;               /* a header row names at least this many */
	unsigned flags;              /* JH_TPL_* */
} jhTemplate;

/* 1 when header cell s names column c: one of its names, or one of them
 * followed by the column's unit in brackets; a question number before it
 * (1. 1、 Q1. 第1题) and a colon after it are ignored. */
int jhColMatch(const jhColSpec *c, const char *s);
/* As jhColMatch; *scale is the factor from the unit the header names
 * into the column's (10000 for 万元 in a 元 column, 1000 for 千元; 1
 * when the header names the column's own unit or none). */
int jhColMatchScale(const jhColSpec *c, const char *s, double *scale);
/* The template column header cell s names, or -1. */
int jhTemplateCol(const jhTemplate *tp, const char *s);

/* The template column header cell s looks like without naming it (a
 * typo or a synonym, see template.c), or -1; columns in skip (those the
 * header already names; may be NULL) are not suggested. */
int jhColLike(const jhTemplate *tp, const char *s, const jhColSet *skip);

/* A table's header as read against a template. */
typedef struct jhHeader {
	size_t row;                  /* table row of the header */
	long line;                   /* its source line */
	size_t width;                /* header cells up to the last non-blank */
	int pos[JH_TPL_MAXCOLS];     /* template column -> table column, -1 */
	double scale[JH_TPL_MAXCOLS];/* template column's factor into the
	                                template's unit: 10000 for a header
	                                in 万元, else 1 */
	size_t edge;                 /* first wholly blank column at or right
	                                of width: cells in [width, edge) are
	                                errors, cells right of edge notes */
	int *map;                    /* width entries: table column ->
	                                template column, or one of: */
} jhHeader;
#define JH_HDR_OTHER (-1)            /* a column the template does not name */
#define JH_HDR_DUP   (-2)            /* a template column named again */
#define JH_HDR_BLANK (-3)            /* a blank header cell */

/* The header row of t for tp: the first of the first 30 rows that names
 * every JH_COL_IDENTIFIES column and at least tp->min_named cells
 * (title rows above it are skipped); -1 when none. */
long jhHeaderFind(const jhTemplate *tp, const jh_table *t);
/* Find and map the header.  Problems go to diags and are counted in
 * *errors: an empty table (JH_P_EMPTY_FILE) or no header (JH_P_NO_HEADER,
 * both returning JH_ERR_INPUT at once), a column named twice, a required
 * column missing (columns in `excused`, which may be NULL, are not
 * required this time).  h->map is malloc'd: free with jhHeaderFree.  JH_ERR_NOMEM
 * on oom, else JH_OK even when *errors grew. */
jh_code jhHeaderRead(const jhTemplate *tp, const jh_table *t,
                     const jhColSet *excused, jhHeader *h,
                     jh_diags *diags, size_t *errors);
void jhHeaderFree(jhHeader *h);
/* The header text of table column col (0-based), for messages. */
const char *jhHeaderName(const jh_table *t, const jhHeader *h, int col);

/* The year in table column col (0-based) of row r, for loaders: a blank
 * cell (JH_P_EMPTY_VALUE), not a whole year in [min, max] (JH_P_BAD_YEAR,
 * arg2 the range) or, when want is not 0, another year than want
 * (JH_P_YEAR_MISMATCH) is recorded and gives 1; else 0 and *out. */
int jhCellYear(const jh_table *t, const jhHeader *h, size_t r, int col,
               int min, int max, int want, int *out, jh_diags *diags);

/* 1 when every cell of row r is blank. */
int jhRowBlank(const jh_table *t, size_t r);
/* 1 when row r is not data an office means to be read: a total row (a
 * cell that says 合计, 总计, 小计 or 共计, or ends so: 全县合计, in one of
 * the first two columns or a column the template names) or a
 * footer (its first cell starts 制表, 审核, 填表, 填报, 负责人, 单位负责人,
 * 日期:, 注: or 说明:).  Records a notice (JH_P_NOTE_TOTAL_ROW,
 * JH_P_NOTE_FOOTER) naming the row; the loader skips the row. */
int jhRowSkip(const jh_table *t, const jhHeader *h, size_t r, jh_diags *diags);
/* The one policy for a row's width: a non-blank cell under a blank header
 * cell inside the table, or in a column right of the header up to the
 * first wholly blank column (h->edge), is an error naming that cell
 * (JH_P_UNNAMED_CELL, JH_P_LONG_ROW); cells past that blank column are
 * notes an office wrote beside the table and are ignored (jhHeaderRead
 * records one notice, JH_P_NOTE_RIGHT_NOTES); with JH_TPL_SHORT_ROWS a CSV row
 * with fewer cells than the header is one too (JH_P_SHORT_ROW).  Returns
 * the number of problems recorded. */
size_t jhRowCheck(const jhTemplate *tp, const jhHeader *h, const jh_table *t,
                  size_t r, jh_diags *diags);

#endif
