/*
** notice.c — PENDING (issue 13, part E): replaced by its builder.
*/
#include "report_int.h"

jh_code jhReportNotice(jh_store *s, const jh_user *who, const jh_report_request *rq,
                       jh_buf *out, jh_diags *d)
{
	(void)s; (void)who; (void)out;
	jh_diags_add(d, JH_P_REPORT_KIND, NULL, NULL, 0, 0, NULL,
	             jh_report_kind_key(rq->kind), NULL);
	return JH_ERR_ARG;
}

