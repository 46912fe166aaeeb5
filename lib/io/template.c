/*
** template.c — the one declarative template engine.
**
** Every table an office files (school-year, areas, county-year, survey,
** what-if changes) is described by a jhTemplate: a table of column specs,
** each with its English key, Chinese name, accepted synonyms, type, unit
** and whether it is required.  This file holds everything the loaders
** used to write each for themselves:
**
**   - one matching rule for names (jhNameEq): blanks (ASCII, U+3000,
**     U+00A0) and BOMs ignored, full-width brackets folded, ASCII case
**     ignored; a header may add the column's unit in brackets;
**   - one header finder (jhHeaderFind / jhHeaderRead): the first of the
**     first 30 rows naming the template's identifying columns; columns
**     named twice and required columns missing are problems;
**   - one trimmer (jhTrim), one number parser (jhParseNumber) and one
**     year parser (jhParseYear), which never cut a cell short;
**   - one policy for a row's width (jhRowCheck): a value under a blank
**     header cell inside the table, or in the column right next to it, is
**     an error naming the cell, never silently dropped; what lies past a
**     wholly blank column right of the table is an office's notes and is
**     ignored with a notice;
**   - what offices really type (issue 9): full-width digits, ￥ and units
**     in number cells (jhParseCellNumber), 2024年 as a year, dashes for
**     "none" (jhCellDash), headers in another unit of the same kind
**     (教学仪器设备值（万元）: a factor per column, jhHeader.scale), and
**     total rows and footers recognised and skipped with a notice
**     (jhRowSkip).  Each is accepted only where it cannot mean anything
**     else; everything else stays an error.
**
** What a value means (a school type, a county-year item, an answer) stays
** with the loader, in lib/core.
*/
#include "io_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- blanks and trimming ----------------------------------------------- */

/* Length of the blank at s (0 when none). */
static size_t blank_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)                       /* U+00A0 */
		return 2;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)       /* U+3000 */
		return 3;
	return 0;
}

/* Length of a blank ending just before e (s is the start of the text). */
static size_t blank_before(const unsigned char *s, const unsigned char *e)
{
	if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		return 1;
	if (e - s >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
		return 2;
	if (e - s >= 3 && e[-3] == 0xE3 && e[-2] == 0x80 && e[-1] == 0x80)
		return 3;
	return 0;
}

const char *jhTrim(const char *s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s, *e;
	size_t k;

	while ((k = blank_len(p)))
		p += k;
	e = p + strlen((const char *)p);
	while ((k = blank_before(p, e)))
		e -= k;
	*n = (size_t)(e - p);
	return (const char *)p;
}

int jhBlank(const char *s)
{
	size_t n;

	jhTrim(s, &n);
	return n == 0;
}

int jhCellCopy(const char *s, char *out, size_t cap)
{
	size_t n;
	const char *p = jhTrim(s, &n);
	int rc = 0;

	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;            /* not inside a UTF-8 character */
		rc = -1;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return rc;
}

/* --- numbers ---------------------------------------------------------- */

/* Exact powers of ten a double holds. */
static const double pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

int jhParseNumber(const char *s, double *out)
{
	const unsigned char *p = (const unsigned char *)s, *num, *end;
	size_t k, digits = 0, group = 0, frac = 0;
	int commas = 0, neg = 0, exp = 0, eneg = 0, edigits = 0, mdigits = 0;
	uint64_t m = 0;            /* the first 19 significant digits */

	/* One pass, no copy: blanks, the number, blanks, the end.  Only a
	 * number the fast path below cannot take is copied for strtod. */
	while ((k = blank_len(p)))
		p += k;
	num = p;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (;; p++) {
		if (*p == ',') {
			if (!digits || (commas && group != 3) || (!commas && group > 3))
				return -1;
			commas = 1;
			group = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		digits++;
		group++;
		if ((m || *p != '0') && ++mdigits <= 19)
			m = m * 10 + (uint64_t)(*p - '0');
	}
	if (commas && group != 3)
		return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++) {
			digits++;
			frac++;
			if ((m || *p != '0') && ++mdigits <= 19)
				m = m * 10 + (uint64_t)(*p - '0');
		}
	if (!digits)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			eneg = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++edigits > 6)
				return -1;
			exp = exp * 10 + (*p - '0');
		}
		if (!edigits)
			return -1;
	}
	end = p;
	while ((k = blank_len(p)))
		p += k;
	if (*p)
		return -1;             /* anything after the number */
	/* Fast path (Clinger): a mantissa below 2^53 and a power of ten
	 * that are both exact give a correctly rounded quotient or product,
	 * which is what strtod returns. */
	if (mdigits <= 15) {
		int e = (eneg ? -exp : exp) - (int)frac;
		if (e >= -22 && e <= 22) {
			double d = (double)m;
			d = e < 0 ? d / pow10[-e] : d * pow10[e];
			*out = neg ? -d : d;
			return 0;
		}
	}
	{
		char buf[96], *stop;
		size_t o = 0;
		for (const unsigned char *q = num; q < end; q++) {
			if (*q == ',')
				continue;
			if (o >= sizeof buf - 1)
				return -1;     /* longer than any real number */
			buf[o++] = (char)*q;
		}
		buf[o] = '\0';
		*out = strtod(buf, &stop);
		if (*stop || !isfinite(*out))
			return -1;
	}
	return 0;
}

/* Fold full-width digits, point, comma and signs of [p, e) to ASCII into
 * out (cap bytes); other bytes are copied.  -1 when it does not fit. */
static int fold_digits(const unsigned char *p, const unsigned char *e,
                       char *out, size_t cap)
{
	size_t o = 0;

	while (p < e) {
		if (o + 1 >= cap)
			return -1;
		if (e - p >= 3 && p[0] == 0xEF && p[1] == 0xBC &&
		    p[2] >= 0x8B && p[2] <= 0x99 && p[2] != 0x8F) {
			static const char map[] = "+,-.";       /* ＋ ， － ． */
			out[o++] = p[2] >= 0x90 ? (char)('0' + p[2] - 0x90) : map[p[2] - 0x8B];
			p += 3;
			continue;
		}
		out[o++] = (char)*p++;
	}
	out[o] = '\0';
	return 0;
}

/* e less the suffix suf when [p, e) ends with it (then blanks before it). */
static const unsigned char *cut_suffix(const unsigned char *p,
                                       const unsigned char *e, const char *suf)
{
	size_t n = strlen(suf), k;

	if ((size_t)(e - p) <= n || memcmp(e - n, suf, n))
		return e;
	e -= n;
	while ((k = blank_before(p, e)))
		e -= k;
	return e;
}

int jhParseYear(const char *s, int min, int max, int *out)
{
	double y;

	if (jhParseNumber(s, &y)) {
		/* 2024年, 2024年度, ２０２４ */
		size_t n;
		const unsigned char *p = (const unsigned char *)jhTrim(s, &n), *e = p + n;
		char buf[64];

		e = cut_suffix(p, cut_suffix(p, e, "年度"), "年");
		if (fold_digits(p, e, buf, sizeof buf) || jhParseNumber(buf, &y))
			return -1;
	}
	if (y != floor(y) || y < min || y > max)
		return -1;
	*out = (int)y;
	return 0;
}

int jhCellYear(const jh_table *t, const jhHeader *h, size_t r, int col,
               int min, int max, int want, int *out, jh_diags *diags)
{
	const char *raw = jhCell(t, r, (size_t)col);
	const char *name = jhCell(t, h->row, (size_t)col);
	long line = t->rows[r].line;
	char cell[64], arg[32];

	jhCellCopy(raw, cell, sizeof cell);
	if (!*cell) {
		jh_diags_add(diags, JH_P_EMPTY_VALUE, t->file, t->sheet, line,
		             col + 1, name, NULL, NULL);
		return 1;
	}
	if (jhParseYear(raw, min, max, out)) {
		snprintf(arg, sizeof arg, "%d–%d", min, max);
		jh_diags_add(diags, JH_P_BAD_YEAR, t->file, t->sheet, line, col + 1,
		             name, cell, arg);
		return 1;
	}
	if (want && *out != want) {
		snprintf(arg, sizeof arg, "%d", want);
		jh_diags_add(diags, JH_P_YEAR_MISMATCH, t->file, t->sheet, line,
		             col + 1, name, cell, arg);
		return 1;
	}
	return 0;
}

/* --- names ------------------------------------------------------------ */

/* The next character of a name as compared, advancing *s: blanks and BOMs
 * skipped, （ ） folded to ( ), ASCII lower-cased; other bytes as they
 * are.  0 at the end. */
static int name_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	size_t k;

	for (;;) {
		if ((k = blank_len(p))) {
			p += k;
		} else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
			p += 3;                                 /* BOM */
		} else {
			break;
		}
	}
	if (!*p) {
		*s = p;
		return 0;
	}
	if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x88 || p[2] == 0x89)) {
		*s = p + 3;
		return p[2] == 0x88 ? '(' : ')';            /* （ ） */
	}
	*s = p + 1;
	return tolower(*p);
}

int jhNameEq(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (;;) {
		int x = name_next(&p), y = name_next(&q);
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

int jhNameIn(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (jhNameEq(s, *names))
			return 1;
	return 0;
}

/* --- units -------------------------------------------------------------- */

static const struct {
	const char *symbol;
	const char *spell[6];
} units[JH_UNIT__COUNT] = {
	[JH_UNIT_NONE]   = {"", {NULL}},
	[JH_UNIT_PERSON] = {"人", {"人", "名", NULL}},
	[JH_UNIT_M2]     = {"m²", {"平方米", "m2", "m²", "㎡", "平米", NULL}},
	[JH_UNIT_YUAN]   = {"元", {"元", "yuan", NULL}},
	[JH_UNIT_ROOM]   = {"间", {"间", "个", NULL}},
	[JH_UNIT_CLASS]  = {"个", {"个", "班", NULL}},
};

const char *jhUnitSymbol(jhUnit u)
{
	return (unsigned)u < JH_UNIT__COUNT ? units[u].symbol : "";
}

/* Other units of a column's kind a header may name, with the factor into
 * the template's unit.  Only money has them in offices' workbooks. */
static const struct {
	jhUnit unit;
	const char *spell;
	double factor;
} scaled_units[] = {
	{JH_UNIT_YUAN, "万元", 1e4},
	{JH_UNIT_YUAN, "千元", 1e3},
};

/* The factor from unit text into u: 1 for a spelling of u itself, the
 * factor of a scaled spelling, 0 when it is not a unit of u's kind. */
static double unit_factor(const char *unit, jhUnit u)
{
	if (jhNameIn(unit, units[u].spell))
		return 1;
	for (size_t k = 0; k < sizeof scaled_units / sizeof scaled_units[0]; k++)
		if (scaled_units[k].unit == u && jhNameEq(unit, scaled_units[k].spell))
			return scaled_units[k].factor;
	return 0;
}

int jhParseCellNumber(const char *s, jhUnit u, double *out)
{
	size_t n, k;
	const unsigned char *p, *e;
	char buf[128];

	if (!jhParseNumber(s, out))
		return 0;
	p = (const unsigned char *)jhTrim(s, &n);
	e = p + n;
	if (u == JH_UNIT_YUAN) {
		if (e - p >= 3 && !memcmp(p, "\xEF\xBF\xA5", 3))      /* ￥ */
			p += 3;
		else if (e - p >= 2 && !memcmp(p, "\xC2\xA5", 2))     /* ¥ */
			p += 2;
		while ((k = blank_len(p)))
			p += k;
	}
	if ((unsigned)u < JH_UNIT__COUNT && u != JH_UNIT_NONE)
		for (int i = 0; i < 6 && units[u].spell[i]; i++) {
			const unsigned char *c = cut_suffix(p, e, units[u].spell[i]);
			if (c != e) {
				e = c;
				break;
			}
		}
	if (fold_digits(p, e, buf, sizeof buf))
		return -1;
	return jhParseNumber(buf, out);
}

int jhCellCode(const char *s, char *out, size_t cap)
{
	size_t n, o = 0;
	const unsigned char *p = (const unsigned char *)jhTrim(s, &n), *e = p + n;

	if (!memchr(p, 0xEF, n))
		return jhCellCopy(s, out, cap);
	while (p < e) {
		size_t k = 1;
		if (e - p >= 3 && p[0] == 0xEF && ((p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) ||
		                                   (p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA))) {
			/* ０-９ (EF BC 90-99), Ａ-Ｚ (EF BC A1-BA) */
			if (o + 1 >= cap)
				break;
			out[o++] = (char)(p[2] <= 0x99 ? '0' + (p[2] - 0x90) : 'A' + (p[2] - 0xA1));
			p += 3;
			continue;
		}
		while (p + k < e && (p[k] & 0xC0) == 0x80)
			k++;
		if (o + k >= cap)
			break;
		memcpy(out + o, p, k);
		o += k;
		p += k;
	}
	out[o] = '\0';
	return p < e ? -1 : 0;
}

int jhCellDash(const char *s)
{
	static const char *const dash[] = {"/", "\xEF\xBC\x8F" /* ／ */, "-",
		"\xEF\xBC\x8D" /* － */, "\xE2\x80\x94" /* — */, "\xE2\x80\x93" /* – */,
		"\xE2\x80\x95" /* ― */, "\xEF\xBD\x9E" /* ～ */, "~", NULL};
	size_t n, count = 0;
	const char *p = jhTrim(s, &n), *e = p + n;

	while (p < e) {
		int i;
		for (i = 0; dash[i]; i++)
			if ((size_t)(e - p) >= strlen(dash[i]) &&
			    !memcmp(p, dash[i], strlen(dash[i])))
				break;
		if (!dash[i])
			return 0;
		p += strlen(dash[i]);
		count++;
	}
	return count >= 1 && count <= 4;
}

/* s is "NAME(UNIT)" (brackets half- or full-width, blanks anywhere) with
 * UNIT a spelling of u or of a scaled unit of its kind: copy NAME to name
 * and return the factor (unit_factor); 0 when s is not so. */
static double split_unit(const char *s, jhUnit u, char *name, size_t cap)
{
	double f;
	size_t n;
	const char *p = jhTrim(s, &n), *open = NULL, *close;
	size_t clen, olen = 0;
	char unit[64];

	if (u == JH_UNIT_NONE || (unsigned)u >= JH_UNIT__COUNT || n >= cap)
		return 0;
	if (n >= 1 && p[n - 1] == ')')
		clen = 1;
	else if (n >= 3 && !memcmp(p + n - 3, "\xEF\xBC\x89", 3))
		clen = 3;
	else
		return 0;
	close = p + n - clen;
	/* The last opening bracket before the closing one. */
	for (const char *q = p; q < close; q++) {
		if (*q == '(') {
			open = q;
			olen = 1;
		} else if (close - q >= 3 && !memcmp(q, "\xEF\xBC\x88", 3)) {
			open = q;
			olen = 3;
		}
	}
	if (!open || open == p || (size_t)(close - open - olen) >= sizeof unit)
		return 0;
	memcpy(unit, open + olen, (size_t)(close - open - olen));
	unit[close - open - olen] = '\0';
	if (!(f = unit_factor(unit, u)))
		return 0;
	memcpy(name, p, (size_t)(open - p));
	name[open - p] = '\0';
	return f;
}

static int names_eq(const jhColSpec *c, const char *s)
{
	if (jhNameEq(s, c->key) || (c->zh && jhNameEq(s, c->zh)))
		return 1;
	for (int k = 0; k < 5 && c->alias[k]; k++)
		if (jhNameEq(s, c->alias[k]))
			return 1;
	return 0;
}

/* s without a question number before it (1. 1、 1) Q1. 第1题 (1)) and a
 * colon or question mark after it, into out; 0 when there was none. */
static int strip_numbering(const char *s, char *out, size_t cap)
{
	size_t n, k;
	const unsigned char *p = (const unsigned char *)jhTrim(s, &n), *e = p + n, *q;
	int paren = 0;

	q = p;
	if (e - q >= 3 && !memcmp(q, "第", 3))
		q += 3;
	else if (*q == 'Q' || *q == 'q')
		q++;
	else if (*q == '(' || (e - q >= 3 && !memcmp(q, "\xEF\xBC\x88", 3)))
		q += (paren = *q == '(' ? 1 : 3);
	if (q >= e || *q < '0' || *q > '9')
		return 0;
	while (q < e && *q >= '0' && *q <= '9')
		q++;
	if (e - q >= 3 && (!memcmp(q, "题", 3) || !memcmp(q, "、", 3) ||
	    !memcmp(q, "\xEF\xBC\x8E", 3) || !memcmp(q, "\xEF\xBC\x89", 3) ||
	    !memcmp(q, "\xEF\xBC\x9A", 3)))
		q += 3;
	else if (q < e && (*q == '.' || *q == ')' || *q == ':' || *q == ' '))
		q++;
	else if (!paren)
		return 0;
	while ((k = blank_len(q)))
		q += k;
	e = cut_suffix(q, e, "\xEF\xBC\x9A");     /* ： */
	e = cut_suffix(q, e, ":");
	e = cut_suffix(q, e, "\xEF\xBC\x9F");     /* ？ */
	e = cut_suffix(q, e, "?");
	if (q >= e || (size_t)(e - q) >= cap)
		return 0;
	memcpy(out, q, (size_t)(e - q));
	out[e - q] = '\0';
	return 1;
}

static int match_one(const jhColSpec *c, const char *s, double *scale)
{
	char name[256];
	double f;

	*scale = 1;
	if (names_eq(c, s))
		return 1;
	if ((f = split_unit(s, (jhUnit)c->unit, name, sizeof name)) && names_eq(c, name)) {
		*scale = f;
		return 1;
	}
	return 0;
}

int jhColMatchScale(const jhColSpec *c, const char *s, double *scale)
{
	char bare[256];

	return match_one(c, s, scale) ||
	       (strip_numbering(s, bare, sizeof bare) && match_one(c, bare, scale));
}

int jhColMatch(const jhColSpec *c, const char *s)
{
	double f;

	return jhColMatchScale(c, s, &f);
}

int jhTemplateCol(const jhTemplate *tp, const char *s)
{
	if (jhBlank(s))
		return -1;
	for (int c = 0; c < tp->ncols; c++)
		if (jhColMatch(&tp->cols[c], s))
			return c;
	return -1;
}

/* --- header ---------------------------------------------------------- */

long jhHeaderFind(const jhTemplate *tp, const jh_table *t)
{
	for (size_t r = 0; r < t->nrows && r < 30; r++) {
		int hits = 0, ids = 0, want = 0;
		jhColSet seen = {{0}};

		for (int c = 0; c < tp->ncols; c++)
			want += !!(tp->cols[c].flags & JH_COL_IDENTIFIES);
		for (size_t j = 0; j < t->rows[r].ncells; j++) {
			int c = jhTemplateCol(tp, jhCell(t, r, j));
			if (c < 0)
				continue;
			hits++;
			if ((tp->cols[c].flags & JH_COL_IDENTIFIES) && !jhColSetHas(&seen, c))
				ids++;
			jhColSetAdd(&seen, c);
		}
		if (ids == want && hits >= tp->min_named && hits > 0)
			return (long)r;
	}
	return -1;
}

/* Characters (code points) of UTF-8 text: bytes that do not continue one. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* h->edge, and one notice for notes past it (jhRowCheck's policy). */
static void find_edge(const jh_table *t, jhHeader *h, jh_diags *diags)
{
	h->edge = h->width;
	for (;; h->edge++) {
		size_t r;
		for (r = h->row; r < t->nrows; r++)
			if (!jhBlank(jhCell(t, r, h->edge)))
				break;
		if (r == t->nrows)
			break;
	}
	for (size_t r = h->row + 1; r < t->nrows; r++)
		for (size_t j = h->edge + 1; j < t->rows[r].ncells; j++)
			if (!jhBlank(jhCell(t, r, j))) {
				char col[24], text[64];
				snprintf(col, sizeof col, "%zu", j + 1);
				jhCellCopy(jhCell(t, r, j), text, sizeof text);
				jh_diags_note(diags, JH_P_NOTE_RIGHT_NOTES, t->file, t->sheet,
				              t->rows[r].line, (int)j + 1, NULL, col, text);
				return;
			}
}

jh_code jhHeaderRead(const jhTemplate *tp, const jh_table *t,
                     const jhColSet *excused, jhHeader *h,
                     jh_diags *diags, size_t *errors)
{
	long hr;

	memset(h, 0, sizeof *h);
	for (int c = 0; c < JH_TPL_MAXCOLS; c++) {
		h->pos[c] = -1;
		h->scale[c] = 1;
	}
	if (t->nrows == 0 || (t->nrows == 1 && jhRowBlank(t, 0))) {
		jh_diags_add(diags, JH_P_EMPTY_FILE, t->file, t->sheet, 0, 0,
		             NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	if ((hr = jhHeaderFind(tp, t)) < 0) {
		jh_diags_add(diags, JH_P_NO_HEADER, t->file, t->sheet, 0, 0,
		             NULL, NULL, NULL);
		return JH_ERR_INPUT;
	}
	h->row = (size_t)hr;
	h->line = t->rows[hr].line;
	h->width = t->rows[hr].ncells;
	while (h->width && jhBlank(jhCell(t, h->row, h->width - 1)))
		h->width--;
	/* The limits of io.h: refused before anything is kept (10,000
	 * extra columns or a megabyte of header are not a template). */
	if (h->width > JH_MAX_COLUMNS) {
		char n[24], lim[24];
		snprintf(n, sizeof n, "%zu", h->width);
		snprintf(lim, sizeof lim, "%d", JH_MAX_COLUMNS);
		jh_diags_add(diags, JH_P_TOO_MANY_COLUMNS, t->file, t->sheet, h->line, 0,
		             NULL, n, lim);
		return JH_ERR_INPUT;
	}
	for (size_t j = 0; j < h->width; j++) {
		size_t chars = utf8_chars(jhCell(t, h->row, j));
		if (chars > JH_MAX_HEADER_CHARS) {
			char n[24], lim[24];
			snprintf(n, sizeof n, "%zu", chars);
			snprintf(lim, sizeof lim, "%d", JH_MAX_HEADER_CHARS);
			jh_diags_add(diags, JH_P_HEADER_TOO_LONG, t->file, t->sheet, h->line,
			             (int)j + 1, NULL, n, lim);
			return JH_ERR_INPUT;
		}
	}
	if (!(h->map = calloc(h->width ? h->width : 1, sizeof *h->map)))
		return JH_ERR_NOMEM;
	for (size_t j = 0; j < h->width; j++) {
		const char *s = jhCell(t, h->row, j);
		int c = jhTemplateCol(tp, s);

		h->map[j] = c;
		if (c < 0 && jhBlank(s)) {
			h->map[j] = JH_HDR_BLANK;
			continue;
		}
		if (c < 0) {
			/* Other columns kept by name must not share one. */
			if (!(tp->flags & JH_TPL_EXTRAS))
				continue;
			for (size_t k = 0; k < j; k++)
				if (h->map[k] == JH_HDR_OTHER &&
				    !strcmp(jhCell(t, h->row, k), s)) {
					jh_diags_add(diags, JH_P_DUPLICATE_COLUMN, t->file,
					             t->sheet, h->line, (int)j + 1, s, s, NULL);
					(*errors)++;
					break;
				}
			continue;
		}
		if (h->pos[c] >= 0) {
			jh_diags_add(diags, JH_P_DUPLICATE_COLUMN, t->file, t->sheet,
			             h->line, (int)j + 1, s, s, NULL);
			(*errors)++;
			h->map[j] = JH_HDR_DUP;
			continue;
		}
		h->pos[c] = (int)j;
		jhColMatchScale(&tp->cols[c], s, &h->scale[c]);
		if (h->scale[c] != 1) {
			char f[32];
			snprintf(f, sizeof f, "%.0f", h->scale[c]);
			jh_diags_note(diags, JH_P_NOTE_UNIT_SCALED, t->file, t->sheet,
			              h->line, (int)j + 1, s,
			              h->scale[c] == 1e4 ? "万元" : "千元", f);
		}
	}
	find_edge(t, h, diags);
	for (int c = 0; c < tp->ncols; c++)
		if (h->pos[c] < 0 && (tp->cols[c].flags & JH_COL_REQUIRED) &&
		    !jhColSetHas(excused, c)) {
			jh_diags_add(diags, JH_P_MISSING_COLUMN, t->file, t->sheet,
			             h->line, 0, NULL, tp->cols[c].key, NULL);
			(*errors)++;
		}
	return JH_OK;
}

void jhHeaderFree(jhHeader *h)
{
	free(h->map);
	h->map = NULL;
}

const char *jhHeaderName(const jh_table *t, const jhHeader *h, int col)
{
	return col >= 0 ? jhCell(t, h->row, (size_t)col) : NULL;
}

/* --- rows -------------------------------------------------------------- */

int jhRowBlank(const jh_table *t, size_t r)
{
	for (size_t c = 0; c < t->rows[r].ncells; c++)
		if (!jhBlank(jhCell(t, r, c)))
			return 0;
	return 1;
}

size_t jhRowCheck(const jhTemplate *tp, const jhHeader *h, const jh_table *t,
                  size_t r, jh_diags *diags)
{
	const jh_row *row = &t->rows[r];
	char a[24], b[24];
	size_t problems = 0;

	if ((tp->flags & JH_TPL_SHORT_ROWS) && !t->sheet && row->ncells < h->width) {
		snprintf(a, sizeof a, "%zu", row->ncells);
		snprintf(b, sizeof b, "%zu", h->width);
		jh_diags_add(diags, JH_P_SHORT_ROW, t->file, t->sheet, row->line,
		             0, NULL, a, b);
		return 1;
	}
	for (size_t j = 0; j < row->ncells && j < h->width; j++)
		if (h->map[j] == JH_HDR_BLANK && !jhBlank(jhCell(t, r, j))) {
			char col[24];
			snprintf(col, sizeof col, "%zu", j + 1);
			jh_diags_add(diags, JH_P_UNNAMED_CELL, t->file, t->sheet,
			             row->line, (int)j + 1, NULL,
			             jhCell(t, r, j), col);
			problems++;
			break;
		}
	for (size_t j = 0; j < row->ncells && j < h->width; j++) {
		const char *c = jhCell(t, r, j);
		size_t chars;
		/* Bytes first: only a cell that long can have too many
		 * characters. */
		if (strlen(c) > JH_MAX_CELL_CHARS &&
		    (chars = utf8_chars(c)) > JH_MAX_CELL_CHARS) {
			char n[24], lim[24];
			snprintf(n, sizeof n, "%zu", chars);
			snprintf(lim, sizeof lim, "%d", JH_MAX_CELL_CHARS);
			jh_diags_add(diags, JH_P_CELL_TOO_LONG, t->file, t->sheet, row->line,
			             (int)j + 1, NULL, n, lim);
			problems++;
		}
	}
	for (size_t j = h->width; j < row->ncells && j < h->edge; j++)
		if (!jhBlank(jhCell(t, r, j))) {
			snprintf(a, sizeof a, "%zu", row->ncells);
			snprintf(b, sizeof b, "%zu", h->width);
			jh_diags_add(diags, JH_P_LONG_ROW, t->file, t->sheet,
			             row->line, (int)j + 1, NULL, a, b);
			problems++;
			break;
		}
	return problems;
}

/* --- near misses --------------------------------------------------------- */

/* A header cell that names no template column may still be meant as one:
 * 小学最大班级人数 for 小学最大班额, teacher_primary for teachers_primary.
 * Taken as an extra column it would leave the real column absent, so a
 * loader refuses it with the suggestion (jhColLike) unless the caller
 * declared it.  Names are compared as code points after the matching
 * rule's folding (blanks, brackets, case), the header without a trailing
 * bracketed part (a unit or a note).  A header is near a name when
 *   - their edit distance is at most 1 (2 for names of 8 or more code
 *     points), or
 *   - they begin alike for at least 3 code points and 60% of the name
 *     (小学最大班 of 小学最大班额): a Chinese name ends in its head noun
 *     and begins with what qualifies it, so a typo or a synonym changes
 *     the end (班额 → 班级人数) while another column shares the end and
 *     differs at the start (高中专任教师数, 持证专任教师数), or
 *   - one holds the other's code points in order with at most 2 more, the
 *     shorter of at least 3 (小学班额 in 小学最大班额),
 * and they do not name different stages (高中专任教师数 is not a typo of
 * 小学专任教师数).  Unrelated extra columns (备注, 联系电话, 学校地址)
 * pass. */

#define LIKE_MAX 64     /* longer headers are never near misses */

/* Folded name as code points into cp (at most LIKE_MAX); -1 when longer.
 * strip: drop a trailing "(...)". */
static int like_points(const char *s, uint32_t *cp, int strip)
{
	unsigned char b[4 * LIKE_MAX + 8];
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int k = 0, c;

	while ((c = name_next(&p))) {
		if (n >= sizeof b - 1)
			return -1;
		b[n++] = (unsigned char)c;
	}
	if (strip && n && b[n - 1] == ')')
		for (size_t i = n - 1; i-- > 0;)
			if (b[i] == '(') {
				if (i > 0)
					n = i;
				break;
			}
	for (size_t i = 0; i < n;) {
		uint32_t u = b[i];
		int len = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
		if (i + (size_t)len > n)
			len = 1;
		if (len > 1) {
			u &= 0x3Fu >> (len - 1);
			for (int j = 1; j < len; j++)
				u = u << 6 | (b[i + (size_t)j] & 0x3Fu);
		}
		if (k >= LIKE_MAX)
			return -1;
		cp[k++] = u;
		i += (size_t)len;
	}
	return k;
}

static int edit_distance(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int row[LIKE_MAX + 1];

	for (int j = 0; j <= nb; j++)
		row[j] = j;
	for (int i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= nb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

static int common_start(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int k = 0;

	while (k < na && k < nb && a[k] == b[k])
		k++;
	return k;
}

/* 1 when a (na) holds b (nb) in order, with other code points between. */
static int holds_in_order(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int j = 0;

	for (int i = 0; i < na && j < nb; i++)
		j += a[i] == b[j];
	return j == nb;
}

/* The stages a name speaks of: bit 0 primary, 1 junior, 2 senior. */
static unsigned like_stages(const char *s)
{
	static const char *const w[3][2] = {
		{"小学", "primary"}, {"初中", "junior"}, {"高中", "senior"},
	};
	unsigned m = 0;

	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 2; j++)
			if (strstr(s, w[i][j]))
				m |= 1u << i;
	return m;
}

int jhColLike(const jhTemplate *tp, const char *s, const jhColSet *skip)
{
	uint32_t h[LIKE_MAX], n[LIKE_MAX];
	int nh, best = -1, best_d = 1 << 20, best_run = 0;
	unsigned hs = like_stages(s);

	if ((nh = like_points(s, h, 1)) <= 0)
		return -1;
	for (int c = 0; c < tp->ncols; c++) {
		const jhColSpec *cs = &tp->cols[c];
		const char *names[9] = {cs->key, cs->zh, cs->en};
		int k = 3;

		if (jhColSetHas(skip, c))
			continue;
		for (int a = 0; a < 5 && cs->alias[a]; a++)
			names[k++] = cs->alias[a];
		for (int i = 0; i < k; i++) {
			int nn, d, run;
			unsigned ns;
			if (!names[i] || (nn = like_points(names[i], n, 0)) <= 0)
				continue;
			ns = like_stages(names[i]);
			if (hs && ns && hs != ns)
				continue;
			d = edit_distance(h, nh, n, nn);
			run = common_start(h, nh, n, nn);
			if (!((nn >= 3 && d <= (nn >= 8 ? 2 : 1)) ||
			      (run >= 3 && run * 5 >= nn * 3) ||
			      (nh >= 3 && nn >= 3 && abs(nh - nn) <= 2 &&
			       (nh < nn ? holds_in_order(n, nn, h, nh)
			                : holds_in_order(h, nh, n, nn)))))
				continue;
			if (d < best_d || (d == best_d && run > best_run)) {
				best = c;
				best_d = d;
				best_run = run;
			}
		}
	}
	return best;
}

/* Up to cap - 1 bytes of s with every blank dropped. */
static size_t compact(const char *s, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, k;

	while (*p && o + 1 < cap) {
		if ((k = blank_len(p))) {
			p += k;
			continue;
		}
		out[o++] = (char)*p++;
	}
	if ((*p & 0xC0) == 0x80) {      /* cut inside a character */
		while (o && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
			o--;
		if (o)
			o--;
	}
	out[o] = '\0';
	return o;
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && !memcmp(s + n - m, suf, m);
}

int jhRowSkip(const jh_table *t, const jhHeader *h, size_t r, jh_diags *diags)
{
	static const char *const total[] = {"合计", "总计", "小计", "共计", NULL};
	static const char *const footer[] = {"制表", "审核", "填表", "填报", "负责人",
		"单位负责人", "统计负责人", "日期:", "日期：", "注:", "注：",
		"说明:", "说明：", NULL};
	const jh_row *row = &t->rows[r];
	char buf[64], text[128];
	size_t j, n;

	for (j = 0; j < row->ncells && jhBlank(jhCell(t, r, j)); j++)
		;
	if (j == row->ncells)
		return 0;
	compact(jhCell(t, r, j), buf, sizeof buf);
	for (int k = 0; footer[k]; k++)
		if (!strncmp(buf, footer[k], strlen(footer[k]))) {
			jhCellCopy(jhCell(t, r, j), text, sizeof text);
			jh_diags_note(diags, JH_P_NOTE_FOOTER, t->file, t->sheet,
			              row->line, (int)j + 1, NULL, text, NULL);
			return 1;
		}
	/* A total names itself in a short cell: 合计, 全县合计, 小 计 — in a
	 * template column or the first two, never in a column the template
	 * does not name (a 备注 saying 含小计 is a school's note, not a
	 * total). */
	for (; j < row->ncells; j++) {
		if (j >= 2 && (!h || j >= h->width || h->map[j] < 0))
			continue;
		/* Every word ends in 计 (E8 AE A1): a cell without the byte
		 * 0xE8 is ruled out by one memchr-like scan. */
		if (!strchr(jhCell(t, r, j), 0xE8) || !strstr(jhCell(t, r, j), "计"))
			continue;
		n = compact(jhCell(t, r, j), buf, sizeof buf);
		if (!n || n > 8 * 3)
			continue;
		for (int k = 0; total[k]; k++)
			if (ends_with(buf, n, total[k])) {
				jhCellCopy(jhCell(t, r, j), text, sizeof text);
				jh_diags_note(diags, JH_P_NOTE_TOTAL_ROW, t->file, t->sheet,
				              row->line, (int)j + 1, NULL, text, NULL);
				return 1;
			}
	}
	return 0;
}
