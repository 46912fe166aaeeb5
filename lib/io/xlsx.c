/*
** xlsx.c — read the worksheets of an XLSX workbook held in memory.
**
** An XLSX file is a zip archive of XML parts (ECMA-376, Office Open XML).
** We read only what it takes to turn each worksheet into a jh_table of
** text cells:
**
**   xl/workbook.xml             sheet names and relationship ids, in order
**   xl/_rels/workbook.xml.rels  relationship id -> part name
**   xl/sharedStrings.xml        the shared string table (optional)
**   xl/worksheets/sheetN.xml    the cells
**
** libzip opens the archive straight from the caller's buffer and expat
** parses each part while it is being inflated, one chunk at a time, so no
** part is ever held whole in memory.  Values are kept exactly as stored:
** a number is the text of its <v>, never reformatted, so "0.85" stays
** "0.85" and "1.2E-3" stays "1.2E-3".  Cells are placed by their `r`
** reference, so a skipped cell reads as "" and every row keeps its real
** spreadsheet row number for messages.
**
** The input is untrusted.  Each part and the whole workbook are limited
** in inflated size, cells and text are limited in total, DTDs are refused,
** and the first problem found ends the read with one JH_P_XLSX diagnostic.
*/
#include "io_int.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define MAX_ENTRY	((zip_uint64_t)512 << 20)	/* one part, inflated */
#define MAX_INFLATE	((zip_uint64_t)2 << 30)		/* all parts read */
#define MAX_ITEMS	((size_t)1 << 25)	/* rows + cells + strings */
#define MAX_TEXT	((size_t)512 << 20)	/* bytes of cell text */
#define MAX_SHEETS	4096
#define MAX_COL		16384L			/* XFD */
#define MAX_ROW		1048576L
#define CHUNK		65536

struct sheet {
	char *name;
	char *rid;		/* r:id in workbook.xml, or NULL */
	char *part;		/* part name from the rels, or NULL */
	int skip;		/* not a worksheet: chartsheet, external... */
};

/* The reader: one per call, no globals. */
struct xr {
	zip_t *za;
	const char *file;
	jh_diags *diags;
	jh_code rc;		/* first failure; later ones are ignored */
	XML_Parser parser;	/* the parser running now */
	const char *part;	/* the part it parses, for messages */
	const char *sheet;	/* the sheet it belongs to, or NULL */
	zip_uint64_t inflated;
	size_t items;		/* rows + cells + shared strings so far */
	size_t text;		/* bytes of cell text so far */
	struct sheet *sheets;
	size_t nsheets, capsheets;
	struct sheet **byrid;	/* sheets that have a rid, sorted by it */
	size_t nbyrid;
	char *sst_part;		/* shared strings part named by the rels */
	jh_buf sst;		/* shared strings, each NUL-terminated */
	size_t *sst_off;	/* nsst + 1 offsets into sst */
	size_t nsst, capsst;
};

/* ------------------------------------------------------------------ */
/* Failures                                                             */
/* ------------------------------------------------------------------ */

static void nomem(struct xr *x)
{
	if (!x->rc)
		x->rc = JH_ERR_NOMEM;
	if (x->parser)
		XML_StopParser(x->parser, XML_FALSE);
}

static void vfail(struct xr *x, long row, int col, int at, const char *fmt,
                  va_list ap)
{
	jh_buf msg = JH_BUF_INIT;

	if (x->rc)
		return;
	x->rc = JH_ERR_FORMAT;
	if (at && x->part) {
		jh_buf_adds(&msg, x->part);
		if (x->parser)
			jh_buf_addf(&msg, " line %lu", (unsigned long)
			            XML_GetCurrentLineNumber(x->parser));
		jh_buf_adds(&msg, ": ");
	}
	jh_buf_vaddf(&msg, fmt, ap);
	if (msg.oom)
		x->rc = JH_ERR_NOMEM;
	else if (x->diags && jh_diags_add(x->diags, JH_P_XLSX, x->file,
	                                  x->sheet, row, col, NULL, msg.data,
	                                  NULL) != JH_OK)
		x->rc = JH_ERR_NOMEM;
	jh_buf_free(&msg);
	if (x->parser)
		XML_StopParser(x->parser, XML_FALSE);
}

/* A problem with the archive or the workbook as a whole. */
__attribute__((format(printf, 2, 3)))
static void fail(struct xr *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(x, 0, 0, 0, fmt, ap);
	va_end(ap);
}

/* A problem inside the part being parsed: "PART line N: reason". */
__attribute__((format(printf, 4, 5)))
static void xfail(struct xr *x, long row, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(x, row, col, 1, fmt, ap);
	va_end(ap);
}

static void zfail(struct xr *x, zip_error_t *ze, const char *what)
{
	int e = zip_error_code_zip(ze);

	if (e == ZIP_ER_MEMORY)
		nomem(x);
	else
		fail(x, "%s: %s", what, zip_error_strerror(ze));
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* "x:row" -> "row": prefixes are not checked, any will do. */
static const char *local(const char *name)
{
	const char *p = strrchr(name, ':');

	return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; atts[0]; atts += 2)
		if (strncmp(atts[0], "xmlns", 5) &&
		    !strcmp(local(atts[0]), name))
			return atts[1];
	return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copy the start of s, at most 40 bytes and cut at a character
 * boundary, for quoting in a message. */
static const char *clip(const char *s, char out[48])
{
	size_t n = strlen(s);

	if (n <= 40)
		return s;
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
	return out;
}

/* Decimal digits only (surrounding blanks allowed), capped at cap + 1.
 * Returns -1 when not a number. */
static long parse_uint(const char *s, size_t n, long cap)
{
	size_t i = 0;
	long v = 0;
	int digits = 0;

	while (i < n && is_space(s[i]))
		i++;
	while (n > i && is_space(s[n - 1]))
		n--;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		digits = 1;
		if (v <= cap)
			v = v * 10 + (s[i] - '0');
	}
	if (!digits)
		return -1;
	return v > cap ? cap + 1 : v;
}

/* Parse a cell reference such as "C5".  Returns 0, -1 when malformed,
 * -2 when beyond XFD1048576. */
static int parse_ref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;
	size_t i, j;

	for (i = 0; (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'; i++)
		if (c <= MAX_COL)
			c = c * 26 + ((s[i] & ~0x20) - 'A' + 1);
	for (j = i; s[j] >= '0' && s[j] <= '9'; j++)
		if (r <= MAX_ROW)
			r = r * 10 + (s[j] - '0');
	if (i == 0 || j == i || s[j] || r == 0)
		return -1;
	if (c > MAX_COL || r > MAX_ROW)
		return -2;
	*col = c;
	*row = r;
	return 0;
}

/* Resolve a relationship target against the folder "xl/": "/xl/a.xml"
 * is absolute, "worksheets/../a.xml" is relative.  Returns a malloc'd
 * part name without a leading slash, or NULL when out of memory. */
static char *resolve(const char *dir, const char *target)
{
	jh_buf b = JH_BUF_INIT;
	size_t i = 0, o = 0;
	char *s;

	if (target[0] == '/') {
		jh_buf_adds(&b, target + 1);
	} else {
		jh_buf_adds(&b, dir);
		jh_buf_adds(&b, target);
	}
	s = jh_buf_detach(&b, NULL);
	if (!s)
		return NULL;
	/* Drop empty and "." segments, apply "..", in place (o <= i). */
	while (s[i]) {
		size_t j = i, n;

		while (s[j] && s[j] != '/')
			j++;
		n = j - i;
		if (n == 2 && s[i] == '.' && s[i + 1] == '.') {
			while (o > 0 && s[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (n && !(n == 1 && s[i] == '.')) {
			if (o > 0)
				s[o++] = '/';
			memmove(s + o, s + i, n);
			o += n;
		}
		i = s[j] ? j + 1 : j;
	}
	s[o] = '\0';
	return s;
}

static zip_int64_t locate(struct xr *x, const char *part)
{
	zip_int64_t i = zip_name_locate(x->za, part, 0);

	if (i < 0)	/* OPC part names are case-insensitive */
		i = zip_name_locate(x->za, part, ZIP_FL_NOCASE);
	return i;
}

static int budget(struct xr *x, size_t items, size_t text)
{
	if (items > MAX_ITEMS - x->items) {
		xfail(x, 0, 0, "too many cells (more than %zu)", MAX_ITEMS);
		return -1;
	}
	if (text > MAX_TEXT - x->text) {
		xfail(x, 0, 0, "too much cell text (more than %zu bytes)",
		      MAX_TEXT);
		return -1;
	}
	x->items += items;
	x->text += text;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Parsing one part                                                     */
/* ------------------------------------------------------------------ */

/* Every parse state starts with the reader. */
static void XMLCALL no_dtd(void *ud, const XML_Char *name,
                           const XML_Char *sysid, const XML_Char *pubid,
                           int has_internal)
{
	struct xr *x = *(struct xr **)ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xfail(x, 0, 0, "document type declarations are not allowed");
}

/* Stream the part through expat.  Returns 0, or -1 with x->rc set. */
static int parse_part(struct xr *x, zip_int64_t idx, const char *part,
                      XML_StartElementHandler start,
                      XML_EndElementHandler end,
                      XML_CharacterDataHandler chars, void *ud)
{
	zip_uint64_t total = 0;
	zip_stat_t st;
	zip_file_t *zf;
	XML_Parser p;

	x->part = part;
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > MAX_ENTRY) {
		fail(x, "%s: entry too large (%llu bytes; the limit is %llu)",
		     part, (unsigned long long)st.size,
		     (unsigned long long)MAX_ENTRY);
		return -1;
	}
	zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		zfail(x, zip_get_error(x->za), part);
		return -1;
	}
	p = XML_ParserCreate(NULL);
	if (!p) {
		zip_fclose(zf);
		nomem(x);
		return -1;
	}
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetStartDoctypeDeclHandler(p, no_dtd);
	x->parser = p;
	for (;;) {
		void *buf = XML_GetBuffer(p, CHUNK);
		zip_int64_t n;

		if (!buf) {
			nomem(x);
			break;
		}
		n = zip_fread(zf, buf, CHUNK);
		if (n < 0) {
			zfail(x, zip_file_get_error(zf), part);
			break;
		}
		total += (zip_uint64_t)n;
		x->inflated += (zip_uint64_t)n;
		if (total > MAX_ENTRY) {
			fail(x, "%s: entry too large (more than %llu bytes)",
			     part, (unsigned long long)MAX_ENTRY);
			break;
		}
		if (x->inflated > MAX_INFLATE) {
			fail(x, "workbook too large (more than %llu bytes "
			     "of XML)", (unsigned long long)MAX_INFLATE);
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			enum XML_Error e = XML_GetErrorCode(p);

			if (e == XML_ERROR_NO_MEMORY)
				nomem(x);
			else
				xfail(x, 0, 0, "%s", XML_ErrorString(e));
			break;
		}
		if (x->rc || n == 0)
			break;
	}
	x->parser = NULL;
	XML_ParserFree(p);
	zip_fclose(zf);
	x->part = NULL;
	return x->rc ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* xl/workbook.xml: <sheets><sheet name="..." r:id="rId1"/>...          */
/* ------------------------------------------------------------------ */

struct wb_state {
	struct xr *x;
	int depth, sheets_depth;
};

static void add_sheet(struct xr *x, const char **atts)
{
	const char *name = attr(atts, "name"), *rid = attr(atts, "id");
	struct sheet *s;

	if (x->nsheets == MAX_SHEETS) {
		xfail(x, 0, 0, "too many sheets (more than %d)", MAX_SHEETS);
		return;
	}
	if (x->nsheets == x->capsheets) {
		size_t cap = x->capsheets ? x->capsheets * 2 : 8;
		struct sheet *n = realloc(x->sheets, cap * sizeof *n);

		if (!n) {
			nomem(x);
			return;
		}
		x->sheets = n;
		x->capsheets = cap;
	}
	s = &x->sheets[x->nsheets];
	memset(s, 0, sizeof *s);
	s->name = strdup(name ? name : "");
	s->rid = rid ? strdup(rid) : NULL;
	x->nsheets++;
	if (!s->name || (rid && !s->rid))
		nomem(x);
	s->skip = !rid;
}

static void XMLCALL wb_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
	struct wb_state *w = ud;

	w->depth++;
	if (w->x->rc)
		return;
	name = local(name);
	if (!w->sheets_depth) {
		if (w->depth == 2 && !strcmp(name, "sheets"))
			w->sheets_depth = w->depth;
	} else if (w->depth == w->sheets_depth + 1 && !strcmp(name, "sheet")) {
		add_sheet(w->x, atts);
	}
}

static void XMLCALL wb_end(void *ud, const XML_Char *name)
{
	struct wb_state *w = ud;

	(void)name;
	if (w->depth == w->sheets_depth)
		w->sheets_depth = 0;
	w->depth--;
}

static int cmp_rid(const void *a, const void *b)
{
	const struct sheet *const *p = a, *const *q = b;

	return strcmp((*p)->rid, (*q)->rid);
}

static int read_workbook(struct xr *x)
{
	struct wb_state w = {x, 0, 0};
	zip_int64_t idx = locate(x, "xl/workbook.xml");
	size_t i;

	if (idx < 0) {
		fail(x, "xl/workbook.xml is missing");
		return -1;
	}
	if (parse_part(x, idx, "xl/workbook.xml", wb_start, wb_end, NULL, &w))
		return -1;
	x->byrid = malloc((x->nsheets ? x->nsheets : 1) * sizeof *x->byrid);
	if (!x->byrid) {
		nomem(x);
		return -1;
	}
	for (i = 0; i < x->nsheets; i++)
		if (x->sheets[i].rid)
			x->byrid[x->nbyrid++] = &x->sheets[i];
	qsort(x->byrid, x->nbyrid, sizeof *x->byrid, cmp_rid);
	return 0;
}

/* ------------------------------------------------------------------ */
/* xl/_rels/workbook.xml.rels: <Relationship Id Type Target/>           */
/* ------------------------------------------------------------------ */

struct rel_state {
	struct xr *x;
	int depth;
};

/* First sheet whose rid is id, or nbyrid. */
static size_t find_rid(struct xr *x, const char *id)
{
	size_t lo = 0, hi = x->nbyrid;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(x->byrid[mid]->rid, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void add_rel(struct xr *x, const char **atts)
{
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type");
	const char *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	int external = mode && !strcmp(mode, "External");
	size_t i;

	if (!id || !target || external)
		return;
	if (type && ends_with(type, "/sharedStrings") && !x->sst_part) {
		x->sst_part = resolve("xl/", target);
		if (!x->sst_part)
			nomem(x);
		return;
	}
	for (i = find_rid(x, id); i < x->nbyrid; i++) {
		struct sheet *s = x->byrid[i];

		if (strcmp(s->rid, id))
			break;
		if (s->part || s->skip)
			continue;	/* the first relationship wins */
		if (type && !ends_with(type, "/worksheet")) {
			s->skip = 1;
			continue;
		}
		s->part = resolve("xl/", target);
		if (!s->part) {
			nomem(x);
			return;
		}
	}
}

static void XMLCALL rel_start(void *ud, const XML_Char *name,
                              const XML_Char **atts)
{
	struct rel_state *r = ud;

	r->depth++;
	if (r->x->rc)
		return;
	if (r->depth == 2 && !strcmp(local(name), "Relationship"))
		add_rel(r->x, atts);
}

static void XMLCALL rel_end(void *ud, const XML_Char *name)
{
	struct rel_state *r = ud;

	(void)name;
	r->depth--;
}

static int read_rels(struct xr *x)
{
	static const char part[] = "xl/_rels/workbook.xml.rels";
	struct rel_state r = {x, 0};
	zip_int64_t idx = locate(x, part);

	if (idx < 0) {
		fail(x, "%s is missing", part);
		return -1;
	}
	return parse_part(x, idx, part, rel_start, rel_end, NULL, &r);
}

/* ------------------------------------------------------------------ */
/* xl/sharedStrings.xml: <si><t>..</t></si> or <si><r><t>..</t></r>... */
/* ------------------------------------------------------------------ */

struct sst_state {
	struct xr *x;
	int depth, si_depth, t_depth, rph_depth;
	size_t start;
};

static int sst_push(struct xr *x, size_t off)
{
	if (x->nsst + 1 >= x->capsst) {
		size_t cap = x->capsst ? x->capsst * 2 : 1024;
		size_t *n = realloc(x->sst_off, cap * sizeof *n);

		if (!n) {
			nomem(x);
			return -1;
		}
		x->sst_off = n;
		x->capsst = cap;
	}
	x->sst_off[x->nsst] = off;
	return 0;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name,
                              const XML_Char **atts)
{
	struct sst_state *s = ud;

	(void)atts;
	s->depth++;
	if (s->x->rc)
		return;
	name = local(name);
	if (!s->si_depth) {
		if (s->depth == 2 && !strcmp(name, "si")) {
			s->si_depth = s->depth;
			s->start = s->x->sst.len;
		}
	} else if (!s->rph_depth && !s->t_depth) {
		if (!strcmp(name, "rPh"))
			s->rph_depth = s->depth;
		else if (!strcmp(name, "t"))
			s->t_depth = s->depth;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst_state *s = ud;
	struct xr *x = s->x;

	(void)name;
	if (s->depth == s->t_depth)
		s->t_depth = 0;
	if (s->depth == s->rph_depth)
		s->rph_depth = 0;
	if (s->depth == s->si_depth && !x->rc) {
		s->si_depth = 0;
		if (budget(x, 1, 0) || sst_push(x, s->start))
			goto out;
		jh_buf_addc(&x->sst, '\0');
		if (x->sst.oom) {
			nomem(x);
			goto out;
		}
		x->nsst++;
	}
out:
	s->depth--;
}

static void XMLCALL sst_chars(void *ud, const XML_Char *p, int n)
{
	struct sst_state *s = ud;

	if (s->t_depth && !s->x->rc)
		jh_buf_add(&s->x->sst, p, (size_t)n);
}

static int read_sst(struct xr *x)
{
	struct sst_state s;
	const char *part = x->sst_part ? x->sst_part : "xl/sharedStrings.xml";
	zip_int64_t idx = locate(x, part);

	if (idx < 0)
		return 0;	/* no strings, or none shared */
	memset(&s, 0, sizeof s);
	s.x = x;
	if (parse_part(x, idx, part, sst_start, sst_end, sst_chars, &s))
		return -1;
	if (sst_push(x, x->sst.len))	/* the end of the last string */
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Worksheets: <sheetData><row r="5"><c r="C5" t="s"><v>3</v></c>...    */
/* ------------------------------------------------------------------ */

struct cellrec {
	long col;		/* 1-based */
	size_t seq;		/* order in the row, for a stable sort */
	size_t off, len;	/* into rowtext */
};

struct ws_state {
	struct xr *x;
	jh_table *t;
	int depth, data_depth, row_depth, cell_depth;
	int v_depth, is_depth, t_depth, rph_depth;
	long row_line;		/* this row's number, 0 until known */
	long last_line;		/* the previous row's */
	long col, prev_col;
	char type;		/* n s i(nlineStr) b e f(ormula string) */
	jh_buf val;		/* text of <v> */
	jh_buf istr;		/* text of <is> */
	jh_buf rowtext;		/* this row's non-empty values */
	struct cellrec *cells;
	size_t ncells, capcells;
	int unsorted;
};

static long cur_line(const struct ws_state *w)
{
	return w->row_line ? w->row_line : w->last_line + 1;
}

static void row_start(struct ws_state *w, const char **atts)
{
	const char *r = attr(atts, "r");
	char q[48];

	w->row_line = 0;
	w->prev_col = 0;
	w->ncells = 0;
	w->unsorted = 0;
	jh_buf_reset(&w->rowtext);
	if (r) {
		long v = parse_uint(r, strlen(r), MAX_ROW);

		if (v <= 0)
			xfail(w->x, 0, 0, "bad row number '%s'", clip(r, q));
		else if (v > MAX_ROW)
			xfail(w->x, 0, 0, "row number %s is beyond %ld",
			      clip(r, q), MAX_ROW);
		else
			w->row_line = v;
	}
}

static char cell_type(const char *t)
{
	if (!t)
		return 'n';
	if (!strcmp(t, "s"))
		return 's';
	if (!strcmp(t, "inlineStr"))
		return 'i';
	if (!strcmp(t, "b"))
		return 'b';
	if (!strcmp(t, "e"))
		return 'e';
	if (!strcmp(t, "str"))
		return 'f';
	return 'n';	/* "n", "d" (ISO 8601 text) and unknown: as stored */
}

static void cell_start(struct ws_state *w, const char **atts)
{
	const char *r = attr(atts, "r");
	long col, row;
	char q[48];

	if (r) {
		int e = parse_ref(r, &col, &row);

		if (e == -1) {
			xfail(w->x, cur_line(w), 0, "bad cell reference '%s'",
			      clip(r, q));
			return;
		}
		if (e == -2) {
			xfail(w->x, cur_line(w), 0, "cell reference '%s' is "
			      "beyond XFD%ld", clip(r, q), MAX_ROW);
			return;
		}
		if (!w->row_line)
			w->row_line = row;
	} else {
		col = w->prev_col + 1;
		if (col > MAX_COL) {
			xfail(w->x, cur_line(w), 0, "more than %ld columns",
			      MAX_COL);
			return;
		}
	}
	w->col = w->prev_col = col;
	w->type = cell_type(attr(atts, "t"));
	jh_buf_reset(&w->val);
	jh_buf_reset(&w->istr);
}

static int cmp_cell(const void *a, const void *b)
{
	const struct cellrec *p = a, *q = b;

	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Cells out of order: sort them, the last of a column winning, and
 * drop the text of those that lost.  Returns 0, or -1 when out of
 * memory. */
static int compact(struct ws_state *w)
{
	jh_buf text = JH_BUF_INIT;
	size_t i, o = 0;

	qsort(w->cells, w->ncells, sizeof *w->cells, cmp_cell);
	for (i = 0; i < w->ncells; i++) {
		if (o && w->cells[o - 1].col == w->cells[i].col)
			o--;
		w->cells[o++] = w->cells[i];
	}
	for (i = 0; i < o; i++) {
		struct cellrec *c = &w->cells[i];

		jh_buf_add(&text, w->rowtext.data + c->off, c->len);
		c->off = text.len - c->len;
		c->seq = i;
	}
	if (text.oom)
		return -1;
	jh_buf_free(&w->rowtext);
	w->rowtext = text;
	w->ncells = o;
	w->unsorted = 0;
	return 0;
}

static void cell_end(struct ws_state *w)
{
	struct xr *x = w->x;
	const char *s = w->val.data;
	size_t n = w->val.len;
	struct cellrec *c;
	char q[48];

	switch (w->type) {
	case 's':
		if (n) {
			long i = parse_uint(s, n, (long)MAX_ITEMS);

			if (i < 0) {
				xfail(x, cur_line(w), (int)w->col,
				      "bad shared string index '%s'",
				      clip(s, q));
				return;
			}
			if ((size_t)i >= x->nsst) {
				xfail(x, cur_line(w), (int)w->col,
				      "shared string index %s out of range "
				      "(%zu strings)", clip(s, q), x->nsst);
				return;
			}
			s = x->sst.data + x->sst_off[i];
			n = x->sst_off[i + 1] - x->sst_off[i] - 1;
		}
		break;
	case 'i':
		s = w->istr.data;
		n = w->istr.len;
		break;
	case 'b':
		if (n && parse_uint(s, n, 1) == 1) {
			s = "TRUE";
			n = 4;
		} else if (n && parse_uint(s, n, 1) == 0) {
			s = "FALSE";
			n = 5;
		}
		break;
	default:
		break;
	}
	if (!n)
		return;
	/* A row holds at most MAX_COL cells, however many times the XML
	 * repeats a column. */
	if (w->unsorted && w->ncells >= 2 * (size_t)MAX_COL && compact(w)) {
		nomem(x);
		return;
	}
	if (w->ncells == w->capcells) {
		size_t cap = w->capcells ? w->capcells * 2 : 64;
		struct cellrec *p = realloc(w->cells, cap * sizeof *p);

		if (!p) {
			nomem(x);
			return;
		}
		w->cells = p;
		w->capcells = cap;
	}
	if (w->ncells && w->col <= w->cells[w->ncells - 1].col)
		w->unsorted = 1;
	c = &w->cells[w->ncells];
	c->col = w->col;
	c->seq = w->ncells;
	c->off = w->rowtext.len;
	c->len = n;
	w->ncells++;
	jh_buf_add(&w->rowtext, s, n);
	if (w->rowtext.oom)
		nomem(x);
}

static void row_end(struct ws_state *w)
{
	struct xr *x = w->x;
	long line = cur_line(w), col = 0;
	size_t i, n = w->ncells;

	if (line > MAX_ROW) {
		xfail(x, 0, 0, "more than %ld rows", MAX_ROW);
		return;
	}
	w->last_line = line;
	if (w->unsorted && compact(w)) {
		nomem(x);
		return;
	}
	n = w->ncells;
	if (budget(x, 1 + (n ? (size_t)w->cells[n - 1].col : 0),
	           w->rowtext.len + n))
		return;
	if (jh_table_begin_row(w->t, line)) {
		nomem(x);
		return;
	}
	for (i = 0; i < n; i++) {
		const struct cellrec *c = &w->cells[i];

		while (++col < c->col)
			if (jh_table_add_cell(w->t, "", 0))
				goto oom;
		if (jh_table_add_cell(w->t, w->rowtext.data + c->off, c->len))
			goto oom;
	}
	return;
oom:
	nomem(x);
}

static void XMLCALL ws_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
	struct ws_state *w = ud;

	w->depth++;
	if (w->x->rc)
		return;
	name = local(name);
	if (!w->data_depth) {
		if (w->depth == 2 && !strcmp(name, "sheetData"))
			w->data_depth = w->depth;
	} else if (!w->row_depth) {
		if (w->depth == w->data_depth + 1 && !strcmp(name, "row")) {
			w->row_depth = w->depth;
			row_start(w, atts);
		}
	} else if (!w->cell_depth) {
		if (w->depth == w->row_depth + 1 && !strcmp(name, "c")) {
			w->cell_depth = w->depth;
			cell_start(w, atts);
		}
	} else if (w->depth == w->cell_depth + 1) {
		if (!strcmp(name, "v"))
			w->v_depth = w->depth;
		else if (!strcmp(name, "is"))
			w->is_depth = w->depth;
	} else if (w->is_depth && !w->rph_depth && !w->t_depth) {
		if (!strcmp(name, "rPh"))
			w->rph_depth = w->depth;
		else if (!strcmp(name, "t"))
			w->t_depth = w->depth;
	}
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
	struct ws_state *w = ud;
	int d = w->depth--;

	(void)name;
	if (d == w->t_depth)
		w->t_depth = 0;
	else if (d == w->rph_depth)
		w->rph_depth = 0;
	else if (d == w->v_depth)
		w->v_depth = 0;
	else if (d == w->is_depth)
		w->is_depth = 0;
	else if (d == w->cell_depth) {
		w->cell_depth = 0;
		if (!w->x->rc)
			cell_end(w);
	} else if (d == w->row_depth) {
		w->row_depth = 0;
		if (!w->x->rc)
			row_end(w);
	} else if (d == w->data_depth) {
		w->data_depth = 0;
	}
}

static void XMLCALL ws_chars(void *ud, const XML_Char *p, int n)
{
	struct ws_state *w = ud;

	if (w->v_depth)
		jh_buf_add(&w->val, p, (size_t)n);
	else if (w->t_depth)
		jh_buf_add(&w->istr, p, (size_t)n);
}

static jh_table *read_sheet(struct xr *x, const struct sheet *sh,
                            zip_int64_t idx)
{
	struct ws_state w;

	memset(&w, 0, sizeof w);
	w.x = x;
	w.t = jh_table_new(x->file, sh->name);
	if (!w.t) {
		nomem(x);
		return NULL;
	}
	jh_buf_init(&w.val);
	jh_buf_init(&w.istr);
	jh_buf_init(&w.rowtext);
	x->sheet = sh->name;
	parse_part(x, idx, sh->part, ws_start, ws_end, ws_chars, &w);
	if (!x->rc && (w.val.oom || w.istr.oom))
		nomem(x);
	x->sheet = NULL;
	jh_buf_free(&w.val);
	jh_buf_free(&w.istr);
	jh_buf_free(&w.rowtext);
	free(w.cells);
	if (x->rc) {
		jh_table_free(w.t);
		return NULL;
	}
	return w.t;
}

/* ------------------------------------------------------------------ */
/* The archive                                                          */
/* ------------------------------------------------------------------ */

static int open_zip(struct xr *x, const void *data, size_t len)
{
	static const unsigned char cfb[8] = {
		0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
	};
	zip_source_t *src;
	zip_error_t ze;

	if (len == 0) {
		fail(x, "the file is empty");
		return -1;
	}
	if (len >= sizeof cfb && !memcmp(data, cfb, sizeof cfb)) {
		fail(x, "this is an old-style .xls or a password-protected "
		     "workbook, not a plain .xlsx; save it as .xlsx without "
		     "a password");
		return -1;
	}
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src)
		x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->za) {
		if (src)
			zip_source_free(src);
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			fail(x, "not a zip archive");
		else
			zfail(x, &ze, "damaged zip archive");
	}
	zip_error_fini(&ze);
	return x->za ? 0 : -1;
}

static void xr_free(struct xr *x)
{
	size_t i;

	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->byrid);
	free(x->sst_part);
	free(x->sst_off);
	jh_buf_free(&x->sst);
	if (x->za)
		zip_discard(x->za);
}

jh_code jh_xlsx_read(const void *data, size_t len, const char *file,
                     jh_table ***tables, size_t *ntables, jh_diags *diags)
{
	struct xr x;
	jh_table **out = NULL;
	size_t nout = 0, i;

	if (!tables || !ntables || (!data && len))
		return JH_ERR_ARG;
	*tables = NULL;
	*ntables = 0;
	memset(&x, 0, sizeof x);
	x.file = file;
	x.diags = diags;
	jh_buf_init(&x.sst);

	if (open_zip(&x, data, len) || read_workbook(&x) || read_rels(&x) ||
	    read_sst(&x))
		goto done;
	out = calloc(x.nsheets ? x.nsheets : 1, sizeof *out);
	if (!out) {
		nomem(&x);
		goto done;
	}
	for (i = 0; i < x.nsheets; i++) {
		const struct sheet *sh = &x.sheets[i];
		zip_int64_t idx;

		if (sh->skip || !sh->part)
			continue;
		idx = locate(&x, sh->part);
		if (idx < 0)
			continue;	/* a missing sheet: skipped */
		out[nout] = read_sheet(&x, sh, idx);
		if (!out[nout])
			goto done;
		nout++;
	}
done:
	if (x.rc) {
		for (i = 0; i < nout; i++)
			jh_table_free(out[i]);
		free(out);
	} else if (!nout) {
		free(out);
	} else {
		*tables = out;
		*ntables = nout;
	}
	xr_free(&x);
	return x.rc;
}
