/*
** chart.c — vector charts for the PDF engine: bars against their limits,
** and lines over the years.
**
** A chart is one block of the page (jhPdfSpace: never split, kept with
** the heading before it) height_mm tall, the column's width: its title,
** a legend, the plot with a y axis from 0 (ticks at 1, 2 or 5 × 10^k,
** light grid lines) and the x labels wrapped under their slot.  Every
** mark is a cairo path and every label pango text, so the chart stays
** sharp at any zoom and its words are found by pdftotext.
**
** Bars: one per entry, its value written above it (decimals chosen from
** the scale: 0.425 → "0.425", 12.5 → "12.5"; counts — every value a
** whole number — without decimals, and ticks 1 apart at least), a dashed orange line across
** the slot at the entry's own limit (the seven indicators each have
** theirs), red when the entry fails.  Lines: one colour per series with
** round markers, a gap where a value is NaN, an optional dashed limit
** across the plot; the legend names the series.
*/
#include "pdf_int.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>

static const double BAR[3] = {0.267, 0.447, 0.769};     /* 4472C4 */
static const double BAR_FAIL[3] = {0.800, 0.133, 0.133};
static const double LIMIT[3] = {0.929, 0.490, 0.192};   /* ED7D31 */
static const double AXIS[3] = {0.25, 0.25, 0.25};
static const double GRID[3] = {0.86, 0.86, 0.86};
static const double LABEL[3] = {0.15, 0.15, 0.15};
static const double SERIES[][3] = {
	{0.267, 0.447, 0.769}, {0.439, 0.678, 0.278}, {0.647, 0.165, 0.165},
	{0.482, 0.306, 0.627}, {0.000, 0.588, 0.588}, {0.600, 0.451, 0.000},
	{0.400, 0.400, 0.400},
};
#define NSERIES (sizeof SERIES / sizeof SERIES[0])

static const double LIMIT_DASH[] = {4.0, 2.5};

/* A step of 1, 2 or 5 × 10^k giving about `ticks` intervals up to top. */
static double nice_step(double top, int ticks)
{
	double raw = top / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Decimals that show a step (0.05 → 2) or a value of the scale top. */
static int step_decimals(double step)
{
	int k = 0;

	while (k < 4 && fabs(step * pow(10, k) - floor(step * pow(10, k) + 0.5)) > 1e-9)
		k++;
	return k;
}

static int value_decimals(double top)
{
	return top < 1 ? 3 : top < 10 ? 2 : top < 100 ? 1 : 0;
}

/* The plot's frame inside a chart block. */
typedef struct plot {
	double x0, y0, w, h;    /* the plot area */
	double top, step;       /* y scale: 0 .. top */
} plot;

static double plot_y(const plot *pl, double v)
{
	return pl->y0 + pl->h - v / pl->top * pl->h;
}

/* 1 when v is a whole number (counts: no decimals, steps of 1 or more). */
static int whole(double v)
{
	return !isfinite(v) || v == floor(v);
}

/* The scale from the largest value shown (whole: every value is a whole
 * number); the y axis' labels' width. */
static void scale(jhPdf *p, plot *pl, double vmax, int whole_values, double *label_w)
{
	char s[32];
	int k;

	if (!(vmax > 0) || !isfinite(vmax))
		vmax = 1;
	pl->step = nice_step(vmax * 1.1, 5);
	if (whole_values && pl->step < 1)
		pl->step = 1;
	pl->top = ceil(vmax * 1.1 / pl->step - 1e-9) * pl->step;
	k = step_decimals(pl->step);
	*label_w = 0;
	for (double t = 0; t <= pl->top + pl->step / 2; t += pl->step) {
		double w;

		snprintf(s, sizeof s, "%.*f", k, t);
		jhPdfText(p, NULL, 0, 0, 0, s, JH_PDF_F_TINY, JH_PDF_LEFT, NULL, &w);
		if (w > *label_w)
			*label_w = w;
	}
}

static void axes(jhPdf *p, cairo_t *cr, const plot *pl)
{
	int k = step_decimals(pl->step);
	char s[32];

	cairo_set_line_width(cr, 0.4);
	for (double t = 0; t <= pl->top + pl->step / 2; t += pl->step) {
		double y = plot_y(pl, t), w, h;

		if (t > 0) {
			cairo_set_source_rgb(cr, GRID[0], GRID[1], GRID[2]);
			cairo_move_to(cr, pl->x0, y);
			cairo_line_to(cr, pl->x0 + pl->w, y);
			cairo_stroke(cr);
		}
		cairo_set_source_rgb(cr, AXIS[0], AXIS[1], AXIS[2]);
		cairo_move_to(cr, pl->x0 - 3, y);
		cairo_line_to(cr, pl->x0, y);
		cairo_stroke(cr);
		snprintf(s, sizeof s, "%.*f", k, t);
		h = jhPdfText(p, NULL, 0, 0, 0, s, JH_PDF_F_TINY, JH_PDF_LEFT, NULL, &w);
		jhPdfText(p, cr, pl->x0 - 5 - w, y - h / 2, 0, s, JH_PDF_F_TINY,
		          JH_PDF_LEFT, LABEL, NULL);
	}
	cairo_set_source_rgb(cr, AXIS[0], AXIS[1], AXIS[2]);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, pl->x0, pl->y0);
	cairo_line_to(cr, pl->x0, pl->y0 + pl->h);
	cairo_line_to(cr, pl->x0 + pl->w, pl->y0 + pl->h);
	cairo_stroke(cr);
}

/* A legend entry: a swatch (a box, or a line — dashed for a limit) and
 * its name; returns the x after it. */
enum { SW_BOX, SW_LINE, SW_DASH };
static double legend(jhPdf *p, cairo_t *cr, double x, double y, int kind,
                     const double *rgb, const char *name)
{
	double w, h = jhPdfText(p, NULL, 0, 0, 0, name, JH_PDF_F_TINY, JH_PDF_LEFT, NULL, &w);
	double mid = y + h / 2;

	if (cr) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		if (kind == SW_BOX) {
			cairo_rectangle(cr, x, mid - 3.5, 10, 7);
			cairo_fill(cr);
		} else {
			cairo_set_line_width(cr, 1.4);
			if (kind == SW_DASH)
				cairo_set_dash(cr, LIMIT_DASH, 2, 0);
			cairo_move_to(cr, x, mid);
			cairo_line_to(cr, x + 16, mid);
			cairo_stroke(cr);
			if (kind == SW_LINE) {
				cairo_arc(cr, x + 8, mid, 2.0, 0, 2 * M_PI);
				cairo_fill(cr);
			}
		}
		cairo_restore(cr);
		jhPdfText(p, cr, x + 20, y, 0, name, JH_PDF_F_TINY, JH_PDF_LEFT, LABEL, NULL);
	}
	return x + 20 + w + 12;
}

/* The chart's title, centred; returns its height. */
static double title_of(jhPdf *p, cairo_t *cr, double y, const char *title)
{
	if (!title || !*title)
		return 0;
	return jhPdfText(p, cr, JH_PDF_MARGIN_X, y, JH_PDF_CONTENT_W, title,
	                 JH_PDF_F_SMALL_BOLD, JH_PDF_CENTER, NULL, NULL) + 4;
}

/* A legend: entries in rows as wide as the column, each row centred;
 * returns its height. */
typedef struct entry {
	int kind;
	const double *rgb;
	const char *name;
} entry;

static double legends(jhPdf *p, cairo_t *cr, double y, const entry *e, size_t n)
{
	const double line = jhPdfText(p, NULL, 0, 0, 0, "0", JH_PDF_F_TINY, JH_PDF_LEFT,
	                              NULL, NULL) + 3;
	double h = 0;

	for (size_t i = 0; i < n; ) {
		size_t j = i;
		double w = 0, x;

		/* as many entries as fit (one at least) */
		while (j < n) {
			double wj = legend(p, NULL, 0, 0, e[j].kind, e[j].rgb, e[j].name);
			if (j > i && w + wj > JH_PDF_CONTENT_W)
				break;
			w += wj;
			j++;
		}
		x = JH_PDF_MARGIN_X + (JH_PDF_CONTENT_W - w) / 2;
		for (; i < j; i++)
			x = legend(p, cr, x, y + h, e[i].kind, e[i].rgb, e[i].name);
		h += line;
	}
	return h;
}

/* The plot of a chart block from y, H tall, whose title and legend take
 * the first th points: the y scale up to vmax, the y axis' labels at the
 * left, the x labels (n slots) under it; top: room above the plot (for
 * the values written over the bars).  Draws the axes; *sw the slot's
 * width, *lh the x labels' height. */
static void frame_plot(jhPdf *p, cairo_t *cr, plot *pl, double vmax, int whole_values,
                       double y, double H, double th, double top,
                       const char *const *labels, size_t n, double *sw, double *lh)
{
	double lw, h = 0, line = jhPdfText(p, NULL, 0, 0, 0, "0", JH_PDF_F_TINY,
	                                   JH_PDF_LEFT, NULL, NULL);

	scale(p, pl, vmax, whole_values, &lw);
	pl->x0 = JH_PDF_MARGIN_X + lw + 8;
	pl->w = JH_PDF_MARGIN_X + JH_PDF_CONTENT_W - 4 - pl->x0;
	*sw = pl->w / n;
	/* the tallest x label wrapped to its slot, three lines at most */
	for (size_t i = 0; i < n; i++) {
		double l = jhPdfText(p, NULL, 0, 0, *sw - 2, labels[i], JH_PDF_F_TINY,
		                     JH_PDF_CENTER, NULL, NULL);
		if (l > h)
			h = l;
	}
	*lh = h < 3 * line ? h : 3 * line;
	pl->y0 = y + th + top;
	pl->h = y + H - *lh - 6 - pl->y0;
	if (pl->h < 20)
		pl->h = 20;
	axes(p, cr, pl);
}

/* The label of slot cx (sw wide) under the plot, cut to the room there. */
static void xlabel(jhPdf *p, cairo_t *cr, const plot *pl, double cx, double sw,
                   double lh, const char *label)
{
	cairo_save(cr);
	cairo_rectangle(cr, cx - sw / 2, pl->y0 + pl->h + 2, sw, lh + 3);
	cairo_clip(cr);
	jhPdfText(p, cr, cx - sw / 2 + 1, pl->y0 + pl->h + 4, sw - 2, label,
	          JH_PDF_F_TINY, JH_PDF_CENTER, LABEL, NULL);
	cairo_restore(cr);
}

static void dashed(cairo_t *cr, double x0, double x1, double y)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, LIMIT[0], LIMIT[1], LIMIT[2]);
	cairo_set_line_width(cr, 1.4);
	cairo_set_dash(cr, LIMIT_DASH, 2, 0);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void jhPdfBarChart(jhPdf *p, const char *title, const jhPdfBar *bars,
                   size_t n, double height_mm)
{
	double H = height_mm * JH_PDF_MM, y, vmax = 0, sw, lh, th;
	const char **labels;
	int any_limit = 0, any_fail = 0, all_whole = 1, k;
	entry e[3];
	size_t ne = 0;
	plot pl;
	cairo_t *cr;

	if (!p || p->err || !n)
		return;
	if (!(labels = calloc(n, sizeof *labels))) {
		jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		labels[i] = bars[i].label;
		if (isfinite(bars[i].value) && bars[i].value > vmax)
			vmax = bars[i].value;
		if (isfinite(bars[i].limit)) {
			any_limit = 1;
			if (bars[i].limit > vmax)
				vmax = bars[i].limit;
		}
		any_fail |= bars[i].fail != 0;
		all_whole &= whole(bars[i].value) && whole(bars[i].limit);
	}
	if (!(cr = jhPdfSpace(p, H))) {
		free(labels);
		return;
	}
	y = p->y;
	th = title_of(p, cr, y, title);
	e[ne++] = (entry){SW_BOX, BAR, JH_L(p->lang, "数值", "value")};
	if (any_fail)
		e[ne++] = (entry){SW_BOX, BAR_FAIL, JH_L(p->lang, "未达标", "fails")};
	if (any_limit)
		e[ne++] = (entry){SW_DASH, LIMIT, JH_L(p->lang, "限值", "limit")};
	th += legends(p, cr, y + th, e, ne) + 1;
	/* 12 points above the plot for the top bar's value */
	frame_plot(p, cr, &pl, vmax, all_whole, y, H, th, 12, labels, n, &sw, &lh);
	k = all_whole ? 0 : value_decimals(pl.top);
	for (size_t i = 0; i < n; i++) {
		double cx = pl.x0 + (i + 0.5) * sw, bw = sw * 0.5, w, h;
		int bar = isfinite(bars[i].value) && bars[i].value > 0;
		double top = plot_y(&pl, bar ? fmin(bars[i].value, pl.top) : 0);
		char s[32];

		if (bar) {
			const double *c = bars[i].fail ? BAR_FAIL : BAR;

			cairo_set_source_rgb(cr, c[0], c[1], c[2]);
			cairo_rectangle(cr, cx - bw / 2, top, bw, pl.y0 + pl.h - top);
			cairo_fill(cr);
		}
		if (isfinite(bars[i].limit))
			dashed(cr, cx - sw * 0.45, cx + sw * 0.45, plot_y(&pl, bars[i].limit));
		if (isfinite(bars[i].value))
			snprintf(s, sizeof s, "%.*f", k, bars[i].value);
		else
			snprintf(s, sizeof s, "—");
		h = jhPdfText(p, NULL, 0, 0, 0, s, JH_PDF_F_TINY, JH_PDF_LEFT, NULL, &w);
		jhPdfText(p, cr, cx - w / 2, top - h - 1, 0, s, JH_PDF_F_TINY, JH_PDF_LEFT,
		          bars[i].fail ? BAR_FAIL : LABEL, NULL);
		xlabel(p, cr, &pl, cx, sw, lh, labels[i]);
	}
	free(labels);
	p->y = y + H + 8;
}

void jhPdfLineChart(jhPdf *p, const char *title, const char *const *xlabels,
                    size_t nx, const jhPdfSeries *series, size_t ns,
                    double limit, double height_mm)
{
	double H = height_mm * JH_PDF_MM, y, vmax = 0, sw, lh, th;
	entry *e;
	size_t ne = 0;
	int all_whole = whole(limit);
	plot pl;
	cairo_t *cr;

	if (!p || p->err || !nx)
		return;
	if (!(e = calloc(ns + 1, sizeof *e))) {
		jhPdfFail(p, JH_ERR_NOMEM, "out of memory");
		return;
	}
	for (size_t s = 0; s < ns; s++) {
		e[ne++] = (entry){SW_LINE, SERIES[s % NSERIES], series[s].name ? series[s].name : ""};
		for (size_t i = 0; i < nx; i++) {
			if (isfinite(series[s].y[i]) && series[s].y[i] > vmax)
				vmax = series[s].y[i];
			all_whole &= whole(series[s].y[i]);
		}
	}
	if (isfinite(limit)) {
		e[ne++] = (entry){SW_DASH, LIMIT, JH_L(p->lang, "限值", "limit")};
		if (limit > vmax)
			vmax = limit;
	}
	if (!(cr = jhPdfSpace(p, H))) {
		free(e);
		return;
	}
	y = p->y;
	th = title_of(p, cr, y, title);
	th += legends(p, cr, y + th, e, ne) + 2;
	free(e);
	frame_plot(p, cr, &pl, vmax, all_whole, y, H, th, 6, xlabels, nx, &sw, &lh);
	if (isfinite(limit))
		dashed(cr, pl.x0, pl.x0 + pl.w, plot_y(&pl, limit));
	for (size_t s = 0; s < ns; s++) {
		const double *c = SERIES[s % NSERIES];
		int pen = 0;

		cairo_set_source_rgb(cr, c[0], c[1], c[2]);
		cairo_set_line_width(cr, 1.4);
		for (size_t i = 0; i < nx; i++) {
			double v = series[s].y[i];

			if (!isfinite(v)) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(cr, pl.x0 + (i + 0.5) * sw, plot_y(&pl, v));
			else
				cairo_move_to(cr, pl.x0 + (i + 0.5) * sw, plot_y(&pl, v));
			pen = 1;
		}
		cairo_stroke(cr);
		for (size_t i = 0; i < nx; i++)
			if (isfinite(series[s].y[i])) {
				cairo_arc(cr, pl.x0 + (i + 0.5) * sw, plot_y(&pl, series[s].y[i]),
				          2.2, 0, 2 * M_PI);
				cairo_fill(cr);
			}
	}
	for (size_t i = 0; i < nx; i++) {
		double cx = pl.x0 + (i + 0.5) * sw;

		cairo_set_source_rgb(cr, AXIS[0], AXIS[1], AXIS[2]);
		cairo_set_line_width(cr, 0.4);
		cairo_move_to(cr, cx, pl.y0 + pl.h);
		cairo_line_to(cr, cx, pl.y0 + pl.h + 3);
		cairo_stroke(cr);
		xlabel(p, cr, &pl, cx, sw, lh, xlabels[i]);
	}
	p->y = y + H + 8;
}
