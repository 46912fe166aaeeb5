/*
** pdf_int.h — inside the PDF engine: what pdf.c (pages, text, tables)
** shares with chart.c (vector charts).  Only these two files include it;
** the builders use the jhPdf* interface of report_int.h.
**
** Units are PostScript points (1/72 in) throughout: the pango context is
** set to 72 dpi, so a font of 10.5 pt is 10.5 user units and pango's
** extents (divided by PANGO_SCALE) are points too.
*/
#ifndef JH_REPORT_PDF_INT_H
#define JH_REPORT_PDF_INT_H

#include "report_int.h"

#include <cairo.h>
#include <pango/pangocairo.h>

/* A4 and the page's frame (points). */
#define JH_PDF_PAGE_W 595.28
#define JH_PDF_PAGE_H 841.89
#define JH_PDF_MARGIN_X 56.69    /* 20 mm left and right */
#define JH_PDF_MARGIN_TOP 73.70  /* 26 mm: the running header sits above */
#define JH_PDF_MARGIN_BOT 70.87  /* 25 mm: the page number sits below */
#define JH_PDF_CONTENT_W (JH_PDF_PAGE_W - 2 * JH_PDF_MARGIN_X)
#define JH_PDF_BOTTOM (JH_PDF_PAGE_H - JH_PDF_MARGIN_BOT)
#define JH_PDF_MM (72.0 / 25.4)

/* The engine's fonts (pdf.c's table names their families and sizes). */
enum jhPdfFont {
	JH_PDF_F_BODY = 0,   /* Noto Sans CJK SC 10.5 (五号) */
	JH_PDF_F_BODY_BOLD,
	JH_PDF_F_SMALL,      /* 9 pt: table cells */
	JH_PDF_F_SMALL_BOLD,
	JH_PDF_F_TINY,       /* 7.5 pt: chart labels, header and footer */
	JH_PDF_F_H1,         /* Noto Serif CJK SC bold 15 */
	JH_PDF_F_H2,         /* Noto Sans CJK SC bold 12 */
	JH_PDF_F_TITLE,      /* Noto Serif CJK SC bold 26: the title page */
	JH_PDF_F_SUBTITLE,   /* Noto Serif CJK SC bold 18 */
	JH_PDF_F_LINE,       /* Noto Sans CJK SC 14: the title page's lines */
	JH_PDF_F__COUNT
};

typedef struct jhPdfTableCol {
	char *head;
	double w;            /* points */
	int align;
} jhPdfTableCol;

struct jhPdf {
	char lang[3];
	char *header;
	/* Fonts and the one pango context every layout is made in (see
	 * pdf.c on threads). */
	PangoContext *pc;
	PangoFontDescription *font[JH_PDF_F__COUNT];
	/* Pages recorded so far (cairo recording surfaces), the last one
	 * open while cr is not NULL; plain[i]: no running header or page
	 * number (the title page). */
	cairo_surface_t **pages;
	unsigned char *plain;
	size_t npages, cap;
	cairo_t *cr;
	double y;            /* where the next content starts on the page */
	int fresh;           /* nothing drawn yet on the open page */
	/* Headings waiting for what follows them (kept on one page). */
	struct { int level; char *text; } pend[4];
	size_t npend;
	/* The open table. */
	jhPdfTableCol *cols;
	size_t ncols;
	double head_h;
	size_t head_page;    /* 1 + the page its header row was drawn on */
	/* The first error (later calls do nothing). */
	jh_code err;
	char why[160];
};

/* Record the first error: rc and the reason (kept for jhPdfFinish). */
void jhPdfFail(jhPdf *p, jh_code rc, const char *why);
/* Room for a block h points tall: the pending headings are drawn first
 * (moved to a new page with the block when it does not fit), then a new
 * page is started when the block does not fit below the cursor.  The
 * page's context, or NULL after an error; the block starts at p->y and
 * the caller moves p->y past it. */
cairo_t *jhPdfSpace(jhPdf *p, double h);
/* Text set with pango in one of the engine's fonts, wrapped to width w
 * (w <= 0: one line), aligned (JH_PDF_LEFT, _RIGHT, _CENTER), its top
 * left corner at (x, y) — drawn on cr in colour rgb (NULL: near black),
 * or only measured when cr is NULL.  Returns its height; *wout (may be
 * NULL) its widest line.  Plain text: never markup. */
double jhPdfText(jhPdf *p, cairo_t *cr, double x, double y, double w,
                 const char *text, int font, int align, const double *rgb,
                 double *wout);

#endif
