/*
** pdf.c — the PDF engine: A4 pages drawn with cairo, text set with pango
** in Noto CJK, written into memory.
**
** Two passes.  While a builder calls jhPdf*, each page is drawn into its
** own cairo recording surface (vectors and glyphs, no pixels) and the
** cursor p->y moves down the page; a block that does not fit starts a new
** page.  jhPdfFinish then knows how many pages there are, and replays
** each recorded page onto one cairo PDF surface (written through
** cairo_pdf_surface_create_for_stream into a jh_buf), adding the running
** header and "第 N 页，共 M 页" / "Page N of M" at the foot of every page
** but the title page.  cairo's PDF surface emits a replayed recording as a
** form XObject: the text stays text (pdftotext reads it) and the fonts
** are embedded as subsets (pdffonts: emb yes).
**
** Layout rules:
**   - paragraphs wrap to the column (pango, WORD_CHAR: Chinese breaks
**     anywhere, English between words) and break between lines;
**   - a heading is not drawn when asked for but kept pending and drawn
**     with the block that follows it (at least three lines of a paragraph,
**     a table's header and first row, a whole chart), so no heading ends
**     a page;
**   - a table breaks between rows; its header row is drawn again at the
**     top of each page it continues on; cells wrap within their column;
**     failing cells are red (Excel's "bad" colours, as the workbooks).
**   - text is always set with pango_layout_set_text, never markup: what a
**     school or office typed is never interpreted.
**
** Threads.  A jhPdf belongs to the thread that made it.  Its layouts are
** made in a pango context of pango_cairo_font_map_get_default(), which
** since pango 1.32.6 is a font map per thread — the server builds
** documents in several threads at once, each with its own font map and
** caches, and nothing here is shared between threads.  Keep it so: never
** set one font map for the process.
**
** Errors.  The first one (cairo's status, out of memory) is kept in p;
** every later call does nothing, and jhPdfFinish reports it as
** JH_P_REPORT_WRITE and appends nothing.
*/
#include "pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

static const char *const font_spec[JH_PDF_F__COUNT] = {
	[JH_PDF_F_BODY] = "Noto Sans CJK SC 10.5",
	[JH_PDF_F_BODY_BOLD] = "Noto Sans CJK SC Bold 10.5",
	[JH_PDF_F_SMALL] = "Noto Sans CJK SC 9",
	[JH_PDF_F_SMALL_BOLD] = "Noto Sans CJK SC Bold 9",
	[JH_PDF_F_TINY] = "Noto Sans CJK SC 7.5",
	[JH_PDF_F_H1] = "Noto Serif CJK SC Bold 15",
	[JH_PDF_F_H2] = "Noto Sans CJK SC Bold 12",
	[JH_PDF_F_TITLE] = "Noto Serif CJK SC Bold 26",
	[JH_PDF_F_SUBTITLE] = "Noto Serif CJK SC Bold 18",
	[JH_PDF_F_LINE] = "Noto Sans CJK SC 14",
};

/* Colours (r, g, b). */
static const double INK[3] = {0.10, 0.10, 0.10};
static const double GREY[3] = {0.35, 0.35, 0.35};
static const double RULE[3] = {0.50, 0.50, 0.50};
static const double HEAD_FILL[3] = {0.851, 0.851, 0.851};   /* D9D9D9 */
static const double TOTAL_FILL[3] = {0.949, 0.949, 0.949};  /* F2F2F2 */
static const double FAIL_FILL[3] = {1.0, 0.780, 0.808};     /* FFC7CE */
static const double FAIL_INK[3] = {0.612, 0.0, 0.024};      /* 9C0006 */

/* Spacing (points). */
#define PARA_AFTER 6.0
#define LINE_GAP 2.5
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define TABLE_AFTER 10.0

void jhPdfFail(jhPdf *p, jh_code rc, const char *why)
{
	if (p->err)
		return;
	p->err = rc;
	snprintf(p->why, sizeof p->why, "%s", why ? why : "");
}

static void fail_cairo(jhPdf *p, cairo_status_t st)
{
	jhPdfFail(p, st == CAIRO_STATUS_NO_MEMORY ? JH_ERR_NOMEM : JH_ERR_IO,
	          cairo_status_to_string(st));
}

jhPdf *jhPdfNew(const char *lang, const char *header)
{
	jhPdf *p = calloc(1, sizeof *p);
	cairo_font_options_t *fo;

	if (!p)
		return NULL;
	snprintf(p->lang, sizeof p->lang, "%s", lang && !strcmp(lang, "en") ? "en" : "zh");
	p->header = strdup(header ? header : "");
	/* The thread's own font map (see the comment at the top). */
	p->pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
	if (!p->header || !p->pc) {
		jhPdfFree(p);
		return NULL;
	}
	/* Points as units, and outlines as designed: no hinting of shapes or
	 * metrics, so that what is measured here is what the PDF shows. */
	pango_cairo_context_set_resolution(p->pc, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	/* Han characters in their simplified Chinese forms, in both
	 * languages' documents (names stay Chinese in the English one). */
	pango_context_set_language(p->pc, pango_language_from_string("zh-cn"));
	for (int f = 0; f < JH_PDF_F__COUNT; f++)
		p->font[f] = pango_font_description_from_string(font_spec[f]);
	return p;
}

static void table_free(jhPdf *p)
{
	for (size_t i = 0; i < p->ncols; i++)
		free(p->cols[i].head);
	free(p->cols);
	p->cols = NULL;
	p->ncols = 0;
}

void jhPdfFree(jhPdf *p)
{
	if (!p)
		return;
	if (p->cr)
		cairo_destroy(p->cr);
	for (size_t i = 0; i < p->npages; i++)
		cairo_surface_destroy(p->pages[i]);
	free(p->pages);
	free(p->plain);
	for (size_t i = 0; i < p->npend; i++)
		free(p->pend[i].text);
	table_free(p);
	for (int f = 0; f < JH_PDF_F__COUNT; f++)
		if (p->font[f])
			pango_font_description_free(p->font[f]);
	if (p->pc)
		g_object_unref(p->pc);
	free(p->header);
	free(p);
}

/* --- text ------------------------------------------------------------- */

static PangoLayout *layout_new(jhPdf *p, const char *text, int font, double w,
                               int align)
{
	PangoLayout *l = pango_layout_new(p->pc);

	pango_layout_set_font_description(l, p->font[font]);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == JH_PDF_RIGHT ? PANGO_ALIGN_RIGHT :
	                              align == JH_PDF_CENTER ? PANGO_ALIGN_CENTER :
	                              PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

double jhPdfText(jhPdf *p, cairo_t *cr, double x, double y, double w,
                 const char *text, int font, int align, const double *rgb,
                 double *wout)
{
	PangoLayout *l = layout_new(p, text, font, w, align);
	PangoRectangle ink, logical;

	pango_layout_get_extents(l, &ink, &logical);
	if (cr) {
		if (!rgb)
			rgb = INK;
		cairo_save(cr);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
		cairo_restore(cr);
	}
	if (wout)
		*wout = logical.width / (double)PANGO_SCALE;
	g_object_unref(l);
	return logical.height / (double)PANGO_SCALE;
}

/* --- pages ------------------------------------------------------------ */

static void page_close(jhPdf *p)
{
	if (!p->cr)
		return;
	if (cairo_status(p->cr))
		fail_cairo(p, cairo_status(p->cr));
	cairo_destroy(p->cr);
	p->cr = NULL;
}

static void page_open(jhPdf *p, int plain)
{
	cairo_rectangle_t a4 = {0, 0, JH_PDF_PAGE_W, JH_PDF_PAGE_H};
	cairo_surface_t *s;

	page_close(p);
	if (p->err)
		return;
	if (p->npages == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		cairo_surface_t **pg = realloc(p->pages, cap * sizeof *pg);
		unsigned char *pl;

		if (pg)
			p->pages = pg;
		pl = pg ? realloc(p->plain, cap) : NULL;
		if (!pl) {
			jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
			return;
		}
		p->plain = pl;
		p->cap = cap;
	}
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &a4);
	p->pages[p->npages] = s;
	p->plain[p->npages] = (unsigned char)plain;
	p->npages++;
	p->cr = cairo_create(s);
	if (cairo_status(p->cr)) {
		fail_cairo(p, cairo_status(p->cr));
		return;
	}
	p->y = JH_PDF_MARGIN_TOP;
	p->fresh = 1;
}

/* The open page if a block h tall fits below the cursor (or the page is
 * still empty), else a new page. */
static cairo_t *ensure(jhPdf *p, double h)
{
	if (p->err)
		return NULL;
	if (!p->cr || (!p->fresh && p->y + h > JH_PDF_BOTTOM))
		page_open(p, 0);
	return p->err ? NULL : p->cr;
}

static int heading_font(int level)
{
	return level <= 1 ? JH_PDF_F_H1 : JH_PDF_F_H2;
}

static double heading_before(int level)
{
	return level <= 1 ? 14.0 : 9.0;
}

static double heading_after(int level)
{
	return level <= 1 ? 7.0 : 4.0;
}

cairo_t *jhPdfSpace(jhPdf *p, double h)
{
	cairo_t *cr;

	if (p->err)
		return NULL;
	if (p->npend) {
		double hh = 0, room;
		double hs[4];

		for (size_t i = 0; i < p->npend; i++) {
			int lv = p->pend[i].level;
			hs[i] = jhPdfText(p, NULL, 0, 0, JH_PDF_CONTENT_W, p->pend[i].text,
			                  heading_font(lv), JH_PDF_LEFT, NULL, NULL);
			hh += heading_before(lv) + hs[i] + heading_after(lv);
		}
		/* Never ask for more than an empty page holds. */
		room = JH_PDF_BOTTOM - JH_PDF_MARGIN_TOP - hh;
		if (!(cr = ensure(p, hh + (h < room ? h : room > 0 ? room : 0))))
			return NULL;
		for (size_t i = 0; i < p->npend; i++) {
			int lv = p->pend[i].level;

			if (!p->fresh)
				p->y += heading_before(lv);
			jhPdfText(p, cr, JH_PDF_MARGIN_X, p->y, JH_PDF_CONTENT_W,
			          p->pend[i].text, heading_font(lv), JH_PDF_LEFT, NULL, NULL);
			p->y += hs[i] + heading_after(lv);
			p->fresh = 0;
			free(p->pend[i].text);
		}
		p->npend = 0;
	}
	if (!(cr = ensure(p, h)))
		return NULL;
	p->fresh = 0;
	return cr;
}

void jhPdfNeed(jhPdf *p, double mm)
{
	if (p && !p->err && p->cr && !p->fresh && p->y + mm * JH_PDF_MM > JH_PDF_BOTTOM)
		page_close(p);
}

void jhPdfPageBreak(jhPdf *p)
{
	if (p && !p->err && p->cr && !p->fresh)
		page_close(p);
}

void jhPdfTitlePage(jhPdf *p, const char *title, const char *subtitle,
                    const char *const *lines, size_t n)
{
	double y, w = JH_PDF_CONTENT_W, x = JH_PDF_MARGIN_X;
	cairo_t *cr;

	if (!p || p->err)
		return;
	if (p->cr && p->fresh)
		p->plain[p->npages - 1] = 1;
	else
		page_open(p, 1);
	if (!(cr = p->cr))
		return;
	y = JH_PDF_PAGE_H * 0.26;
	y += jhPdfText(p, cr, x, y, w, title, JH_PDF_F_TITLE, JH_PDF_CENTER, NULL, NULL);
	y += 14;
	cairo_set_source_rgb(cr, RULE[0], RULE[1], RULE[2]);
	cairo_set_line_width(cr, 1.0);
	cairo_move_to(cr, x + w * 0.2, y);
	cairo_line_to(cr, x + w * 0.8, y);
	cairo_stroke(cr);
	y += 18;
	if (subtitle && *subtitle)
		jhPdfText(p, cr, x, y, w, subtitle, JH_PDF_F_SUBTITLE, JH_PDF_CENTER, NULL, NULL);
	y = JH_PDF_PAGE_H * 0.66;
	for (size_t i = 0; i < n; i++)
		if (lines[i])
			y += jhPdfText(p, cr, x, y, w, lines[i], JH_PDF_F_LINE,
			               JH_PDF_CENTER, NULL, NULL) + 8;
	page_close(p);
}

void jhPdfHeading(jhPdf *p, int level, const char *text)
{
	char *t;

	if (!p || p->err)
		return;
	if (p->npend == sizeof p->pend / sizeof p->pend[0])
		jhPdfSpace(p, 0);
	if (!(t = strdup(text ? text : ""))) {
		jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
		return;
	}
	p->pend[p->npend].level = level;
	p->pend[p->npend].text = t;
	p->npend++;
}

/* A paragraph is laid out whole, then drawn line by line so that it can
 * continue on the next page. */
void jhPdfPara(jhPdf *p, const char *text)
{
	PangoLayout *l;
	PangoLayoutIter *it;
	PangoRectangle r;
	double first = 0, top = 0;      /* layout y of the page's first line */
	int zh, lines;
	cairo_t *cr;

	if (!p || p->err)
		return;
	zh = p->lang[0] == 'z';
	l = layout_new(p, text, JH_PDF_F_BODY, JH_PDF_CONTENT_W, JH_PDF_LEFT);
	pango_layout_set_spacing(l, (int)(LINE_GAP * PANGO_SCALE));
	/* Chinese paragraphs: the first line indented two characters.  Not
	 * justified: pango would stretch the spaces around numbers. */
	if (zh)
		pango_layout_set_indent(l, (int)(2 * 10.5 * PANGO_SCALE));
	lines = pango_layout_get_line_count(l);
	pango_layout_get_extents(l, NULL, &r);
	/* Keep at least three lines (or the whole) with the heading. */
	{
		double h = r.height / (double)PANGO_SCALE;
		double need = lines > 3 ? h * 3 / lines : h;
		if (!(cr = jhPdfSpace(p, need))) {
			g_object_unref(l);
			return;
		}
	}
	top = p->y;
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle lr;
		double ly, lh, base;

		pango_layout_iter_get_line_extents(it, NULL, &lr);
		ly = lr.y / (double)PANGO_SCALE;
		lh = lr.height / (double)PANGO_SCALE;
		base = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		if (top + (ly - first) + lh > JH_PDF_BOTTOM && ly > first) {
			page_open(p, 0);
			if (!(cr = p->cr))
				break;
			p->fresh = 0;
			first = ly;
			top = p->y;
		}
		cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
		cairo_move_to(cr, JH_PDF_MARGIN_X + lr.x / (double)PANGO_SCALE,
		              top + (base - first));
		pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
		p->y = top + (ly - first) + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->y += PARA_AFTER;
}

/* --- tables ----------------------------------------------------------- */

void jhPdfTableBegin(jhPdf *p, const jhPdfCol *cols, size_t n)
{
	double sum = 0, scale = 1;

	if (!p || p->err)
		return;
	table_free(p);
	if (!n || !(p->cols = calloc(n, sizeof *p->cols))) {
		if (n)
			jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
		return;
	}
	p->ncols = n;
	for (size_t i = 0; i < n; i++)
		sum += cols[i].width_mm * JH_PDF_MM;
	/* A table wider than the column is scaled to fit it. */
	if (sum > JH_PDF_CONTENT_W)
		scale = JH_PDF_CONTENT_W / sum;
	p->head_h = 0;
	for (size_t i = 0; i < n; i++) {
		double h;

		if (!(p->cols[i].head = strdup(cols[i].head ? cols[i].head : ""))) {
			jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
			return;
		}
		p->cols[i].w = cols[i].width_mm * JH_PDF_MM * scale;
		p->cols[i].align = cols[i].align;
		h = jhPdfText(p, NULL, 0, 0, p->cols[i].w - 2 * CELL_PAD_X, p->cols[i].head,
		              JH_PDF_F_SMALL_BOLD, JH_PDF_CENTER, NULL, NULL);
		if (h > p->head_h)
			p->head_h = h;
	}
	p->head_h += 2 * CELL_PAD_Y;
	p->head_page = 0;
}

static void cell_box(cairo_t *cr, double x, double y, double w, double h,
                     const double *fill)
{
	if (fill) {
		cairo_set_source_rgb(cr, fill[0], fill[1], fill[2]);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, RULE[0], RULE[1], RULE[2]);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

static void table_head(jhPdf *p, cairo_t *cr)
{
	double x = JH_PDF_MARGIN_X;

	for (size_t i = 0; i < p->ncols; i++) {
		double w = p->cols[i].w;
		double th = jhPdfText(p, NULL, 0, 0, w - 2 * CELL_PAD_X, p->cols[i].head,
		                      JH_PDF_F_SMALL_BOLD, JH_PDF_CENTER, NULL, NULL);

		cell_box(cr, x, p->y, w, p->head_h, HEAD_FILL);
		/* centred vertically too */
		jhPdfText(p, cr, x + CELL_PAD_X, p->y + (p->head_h - th) / 2,
		          w - 2 * CELL_PAD_X, p->cols[i].head, JH_PDF_F_SMALL_BOLD,
		          JH_PDF_CENTER, NULL, NULL);
		x += w;
	}
	p->y += p->head_h;
	p->head_page = p->npages;
}

void jhPdfTableRow(jhPdf *p, const char *const *cells, unsigned fail_mask,
                   unsigned flags)
{
	int font;
	double h = 0, need, x = JH_PDF_MARGIN_X;
	cairo_t *cr;

	if (!p || p->err || !p->ncols)
		return;
	font = (flags & JH_PDF_ROW_BOLD) ? JH_PDF_F_SMALL_BOLD : JH_PDF_F_SMALL;
	for (size_t i = 0; i < p->ncols; i++) {
		double ch = jhPdfText(p, NULL, 0, 0, p->cols[i].w - 2 * CELL_PAD_X,
		                      cells[i], font, p->cols[i].align, NULL, NULL);
		if (ch > h)
			h = ch;
	}
	h += 2 * CELL_PAD_Y;
	/* With the header row when the row starts a page (or the table). */
	need = h;
	if (!p->cr || p->head_page != p->npages || p->y + h > JH_PDF_BOTTOM)
		need += p->head_h;
	if (!(cr = jhPdfSpace(p, need)))
		return;
	if (p->head_page != p->npages)
		table_head(p, cr);
	for (size_t i = 0; i < p->ncols; i++) {
		/* fail_mask names the failing cells; JH_PDF_ROW_FAIL without
		 * a mask: the whole row fails. */
		int bad = i < 32 && ((fail_mask >> i & 1u) ||
		                     ((flags & JH_PDF_ROW_FAIL) && !fail_mask));
		double w = p->cols[i].w;

		cell_box(cr, x, p->y, w, h, bad ? FAIL_FILL :
		         (flags & JH_PDF_ROW_BOLD) ? TOTAL_FILL : NULL);
		jhPdfText(p, cr, x + CELL_PAD_X, p->y + CELL_PAD_Y, w - 2 * CELL_PAD_X,
		          cells[i], font, p->cols[i].align, bad ? FAIL_INK : INK, NULL);
		x += w;
	}
	p->y += h;
}

void jhPdfTableEnd(jhPdf *p)
{
	if (!p)
		return;
	if (p->ncols && p->cr && p->head_page == p->npages)
		p->y += TABLE_AFTER;
	table_free(p);
}

/* --- the document ----------------------------------------------------- */

static cairo_status_t write_buf(void *closure, const unsigned char *data,
                                unsigned int len)
{
	jh_buf *b = closure;

	jh_buf_add(b, data, len);
	return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The running header and the page number of body page n of total. */
static void frame(jhPdf *p, cairo_t *cr, size_t n, size_t total)
{
	char num[64];
	double y = JH_PDF_MARGIN_TOP - 16, h;

	h = jhPdfText(p, NULL, 0, 0, JH_PDF_CONTENT_W, p->header, JH_PDF_F_TINY,
	              JH_PDF_LEFT, NULL, NULL);
	jhPdfText(p, cr, JH_PDF_MARGIN_X, y - 3 - h, JH_PDF_CONTENT_W, p->header,
	          JH_PDF_F_TINY, JH_PDF_LEFT, GREY, NULL);
	cairo_set_source_rgb(cr, RULE[0], RULE[1], RULE[2]);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, JH_PDF_MARGIN_X, y);
	cairo_line_to(cr, JH_PDF_PAGE_W - JH_PDF_MARGIN_X, y);
	cairo_stroke(cr);
	if (p->lang[0] == 'e')
		snprintf(num, sizeof num, "Page %zu of %zu", n, total);
	else
		snprintf(num, sizeof num, "第 %zu 页，共 %zu 页", n, total);
	jhPdfText(p, cr, JH_PDF_MARGIN_X, JH_PDF_BOTTOM + 22, JH_PDF_CONTENT_W, num,
	          JH_PDF_F_SMALL, JH_PDF_CENTER, GREY, NULL);
}

static void render(jhPdf *p, jh_buf *bytes)
{
	cairo_surface_t *pdf;
	cairo_t *cr;
	cairo_status_t st;
	size_t total = 0, n = 0;

	for (size_t i = 0; i < p->npages; i++)
		total += !p->plain[i];
	pdf = cairo_pdf_surface_create_for_stream(write_buf, bytes, JH_PDF_PAGE_W,
	                                          JH_PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, p->header);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "junheng");
	cr = cairo_create(pdf);
	for (size_t i = 0; i < p->npages && !cairo_status(cr); i++) {
		cairo_set_source_surface(cr, p->pages[i], 0, 0);
		cairo_paint(cr);
		if (!p->plain[i])
			frame(p, cr, ++n, total);
		cairo_show_page(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (!st)
		st = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	if (bytes->oom)
		jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
	else if (st)
		fail_cairo(p, st);
}

jh_code jhPdfFinish(jhPdf *p, jh_buf *out, jh_diags *d)
{
	jh_buf bytes = JH_BUF_INIT;
	jh_code rc = JH_OK;

	if (!p) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "pdf", "out of memory");
		return JH_ERR_NOMEM;
	}
	if (!p->err) {
		if (p->npend)
			jhPdfSpace(p, 0);
		table_free(p);
		page_close(p);
		if (!p->npages) {            /* an empty document still has a page */
			page_open(p, 0);
			page_close(p);
		}
	}
	if (!p->err)
		render(p, &bytes);
	if (p->err) {
		jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "pdf", p->why);
		rc = p->err;
	} else {
		size_t before = out->len;

		jh_buf_add(out, bytes.data, bytes.len);
		if (out->oom || out->len != before + bytes.len) {
			jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "pdf", "out of memory");
			rc = JH_ERR_NOMEM;
		}
	}
	jh_buf_free(&bytes);
	jhPdfFree(p);
	return rc;
}
