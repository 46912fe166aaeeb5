/*
** pdf.c — PENDING (issue 13, part C): the PDF engine.  Until it lands
** every call does nothing and jhPdfFinish refuses with JH_P_REPORT_WRITE.
*/
#include "report_int.h"

#include <stdlib.h>

struct jhPdf {
	int unused;
};

jhPdf *jhPdfNew(const char *lang, const char *header)
{
	(void)lang; (void)header;
	return calloc(1, sizeof(jhPdf));
}

void jhPdfFree(jhPdf *p)
{
	free(p);
}

jh_code jhPdfFinish(jhPdf *p, jh_buf *out, jh_diags *d)
{
	(void)out;
	jhPdfFree(p);
	jh_diags_add(d, JH_P_REPORT_WRITE, NULL, NULL, 0, 0, NULL, "pdf", "not built yet");
	return JH_ERR_IO;
}

void jhPdfTitlePage(jhPdf *p, const char *title, const char *subtitle,
                    const char *const *lines, size_t n)
{ (void)p; (void)title; (void)subtitle; (void)lines; (void)n; }
void jhPdfHeading(jhPdf *p, int level, const char *text)
{ (void)p; (void)level; (void)text; }
void jhPdfPara(jhPdf *p, const char *text) { (void)p; (void)text; }
void jhPdfPageBreak(jhPdf *p) { (void)p; }
void jhPdfTableBegin(jhPdf *p, const jhPdfCol *cols, size_t n)
{ (void)p; (void)cols; (void)n; }
void jhPdfTableRow(jhPdf *p, const char *const *cells, unsigned fail_mask,
                   unsigned flags)
{ (void)p; (void)cells; (void)fail_mask; (void)flags; }
void jhPdfTableEnd(jhPdf *p) { (void)p; }
void jhPdfBarChart(jhPdf *p, const char *title, const jhPdfBar *bars,
                   size_t n, double height_mm)
{ (void)p; (void)title; (void)bars; (void)n; (void)height_mm; }
void jhPdfLineChart(jhPdf *p, const char *title, const char *const *xlabels,
                    size_t nx, const jhPdfSeries *series, size_t ns,
                    double limit, double height_mm)
{ (void)p; (void)title; (void)xlabels; (void)nx; (void)series; (void)ns; (void)limit; (void)height_mm; }
