/*
** junheng/report.h — the report layer of libjunheng (lib/report): the
** documents an office files, built from what the store holds.
**
**   application      the national application form 申报表 (表Ⅰ … 表Ⅵ), XLSX
**   county           the county evaluation workbook, XLSX
**   city             the city's summary across its counties, XLSX
**   ledger           the county's rectification ledger (台账), XLSX
**   template         the school-year import template with validation, XLSX
**   self-evaluation  the county's 自评报告, PDF
**   review           the city's 督导评估意见书 for a county, PDF
**   notice           the city's progress 通报 across its counties, PDF
**   school           a one-page school profile, PDF
**
** Every document is built whole in memory and appended to the caller's
** buffer (the bytes of one .xlsx or .pdf file), or not at all: on any
** error out is left as it was.  The layer checks the caller's role and
** area itself (read access to the county, city or school named), so the
** CLI (acting as the administrator) and the server share one policy.
** Uses every layer below it.
*/
#ifndef JUNHENG_REPORT_H
#define JUNHENG_REPORT_H

#include "junheng/cycle.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum jh_report_kind {
	JH_RK_APPLICATION = 0,
	JH_RK_COUNTY,
	JH_RK_CITY,
	JH_RK_LEDGER,
	JH_RK_TEMPLATE,
	JH_RK_SELF_EVALUATION,
	JH_RK_REVIEW,
	JH_RK_NOTICE,
	JH_RK_SCHOOL,
	JH_RK__COUNT
} jh_report_kind;

typedef enum jh_report_format {
	JH_RF_XLSX = 0,
	JH_RF_PDF
} jh_report_format;

/* "application", "self-evaluation", … (the CLI's --kind and the API's
 * path segment); -1 when unknown. */
const char *jh_report_kind_key(jh_report_kind k);
int jh_report_kind_parse(const char *key);
/* 申报表 / application form: what a download button says. */
const char *jh_report_kind_name(jh_report_kind k, const char *lang);
/* The one format a kind is built in. */
jh_report_format jh_report_kind_format(jh_report_kind k);
/* "xlsx" or "pdf"; -1 when unknown. */
const char *jh_report_format_key(jh_report_format f);
int jh_report_format_parse(const char *key);
/* The MIME type of a format. */
const char *jh_report_format_mime(jh_report_format f);
/* A file name for the document, e.g. "369904-2024-application.xlsx"
 * (ASCII only, so that any browser and shell takes it). */
void jh_report_file_name(jh_report_kind k, const char *area, int year,
                         const char *school, char *out, size_t cap);

typedef struct jh_report_request {
	jh_report_kind kind;
	/* The county (application, county, ledger, template, self-evaluation,
	 * review, school); the city (city, notice; a province too: all its
	 * counties). */
	const char *area;
	int year;                 /* the statistics' year */
	const char *school;       /* school: its code (area is its county) */
	const char *lang;         /* "zh" (NULL) or "en": the whole document in
	                             one language */
	const jh_standard *std;   /* NULL: the national standard */
	long as_of;               /* the store as after this revision, 0: now */
} jh_report_request;

/* Build the document rq asks for and append its bytes to out.  Checks
 * that `who` may read rq->area (and rq->school): JH_ERR_DENIED or
 * JH_ERR_NOTFOUND otherwise.  JH_ERR_ARG (JH_P_REPORT_*) for a request
 * that names what the kind does not take or lacks what it needs;
 * JH_ERR_NOTFOUND (JH_P_NOT_FOUND) when the county-year has no schools.
 * Other problems in d; out unchanged on any error. */
jh_code jh_report_build(jh_store *s, const jh_user *who,
                        const jh_report_request *rq, jh_buf *out,
                        jh_diags *d);

/* A blank form offices hand out (lib/report/form_blank.c): the school
 * form (one sheet per school) or the county form, laid out as the
 * importer reads them back (lib/core/form.c: jh_form_row_get's rows), in
 * lang ("zh" or "en", one language per file).  The XLSX bytes are
 * appended to out, or nothing on error (JH_ERR_IO, JH_P_REPORT_WRITE). */
jh_code jh_report_blank_form(jh_form_kind kind, const char *lang, jh_buf *out,
                             jh_diags *d);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_REPORT_H */
