/*
** request.c — typed validators and responses.
**
** Every input is checked here before a handler runs: path parameters by
** their names in the route pattern (router.c calls srv_valid_*), query
** values by the route's allowed set (one validator per name, each name
** at most once, no name the route does not take), and bodies by their
** kind (a JSON object, valid UTF-8, no NUL; a file with a checked
** X-Filename, or the files of a multipart form, each with its checked
** name).  A value that fails is a 400 naming the parameter, never
** echoing the value (it may be anything an attacker sent).
**
** Responses: srv_error writes the one error shape; srv_fail maps a
** library jh_code to the status and keeps, of the library's problems,
** only those about the caller's input: a problem that could carry a
** path, SQL or a database detail is never shown (a 500 says only that
** something failed inside).
*/
#include "server.h"

#include <microhttpd.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------- */
/* Validators                                                          */
/* ---------------------------------------------------------------- */
static int all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int srv_valid_year(const char *s, int *year)
{
	if (!all_digits(s, 4))
		return 0;
	int y = atoi(s);
	if (y < 1990 || y > 2100)
		return 0;
	*year = y;
	return 1;
}

int srv_valid_area(const char *s)
{
	return all_digits(s, 6);
}

int srv_valid_school(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Text a person typed: valid UTF-8, 1..max bytes, no control characters. */
int srv_valid_text(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n < 1 || n > max || !jh_utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* An account name: 1..63 bytes of text without '/', '\\' or spaces at
 * the ends (lib/access has the account rules; this keeps paths sane). */
int srv_valid_name(const char *s)
{
	size_t n = strlen(s);

	if (!srv_valid_text(s, 63) || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	return !strpbrk(s, "/\\");
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long srv_unescape(const char *src, size_t n, char *dst, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)src[i];
		if (c == '%') {
			int h, l;
			if (i + 2 >= n || (h = hexval(src[i + 1])) < 0 ||
			    (l = hexval(src[i + 2])) < 0)
				return -1;
			c = h * 16 + l;
			i += 2;
		}
		if (c == 0 || o + 1 >= cap)
			return -1;
		dst[o++] = (char)c;
	}
	dst[o] = 0;
	return jh_utf8_valid(dst, o) ? (long)o : -1;
}

/* ---------------------------------------------------------------- */
/* Query                                                               */
/* ---------------------------------------------------------------- */
static const struct {
	const char *name;
	unsigned bit;
} qnames[] = {
	{"year", Q_YEAR}, {"area", Q_AREA}, {"lang", Q_LANG},
	{"from", Q_FROM}, {"limit", Q_LIMIT}, {"date", Q_DATE},
	{"status", Q_STATUS}, {"overdue", Q_OVERDUE}, {"school", Q_SCHOOL},
	{"base", Q_BASE}, {"format", Q_FORMAT}, {"format", Q_DOC},
};

struct qstate {
	struct req *r;
	unsigned seen;
	const char *bad;    /* the parameter at fault */
	int unknown;
};

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s || strlen(s) > 12)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

static enum MHD_Result query_one(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
	struct qstate *q = cls;
	struct req *r = q->r;
	char k[16], v[128];
	unsigned bit = 0;
	size_t i;

	(void)kind;
	if (srv_unescape(key, strlen(key), k, sizeof k) < 0) {
		q->bad = "?";
		q->unknown = 1;
		return MHD_NO;
	}
	/* A name with two meanings (format) is the one the route takes. */
	for (i = 0; i < sizeof qnames / sizeof qnames[0]; i++)
		if (!strcmp(k, qnames[i].name) && (!bit || (r->route->query & qnames[i].bit)))
			bit = qnames[i].bit;
	if (!bit || !((r->route->query | Q_LANG) & bit)) {
		q->bad = "?";
		q->unknown = 1;
		return MHD_NO;
	}
	for (i = 0; i < sizeof qnames / sizeof qnames[0]; i++)
		if (qnames[i].bit == bit)
			q->bad = qnames[i].name;
	if ((q->seen & bit) || !value ||
	    srv_unescape(value, strlen(value), v, sizeof v) < 0)
		return MHD_NO;
	q->seen |= bit;
	switch (bit) {
	case Q_YEAR:
		if (!srv_valid_year(v, &r->year))
			return MHD_NO;
		break;
	case Q_AREA:
		if (!srv_valid_area(v))
			return MHD_NO;
		strcpy(r->area, v);
		break;
	case Q_LANG:
		if (strcmp(v, "zh") && strcmp(v, "en"))
			return MHD_NO;
		r->lang = !strcmp(v, "en") ? "en" : "zh";
		break;
	case Q_FROM:
		if (!parse_long(v, 1, 1000000000L, &r->from))
			return MHD_NO;
		break;
	case Q_LIMIT:
		if (!parse_long(v, 1, 1000, &r->limit))
			return MHD_NO;
		break;
	case Q_DATE: {
		jh_day day;
		if (!jh_day_parse(v, &day))
			return MHD_NO;
		memcpy(r->date, day.s, sizeof r->date);
		break;
	}
	case Q_STATUS:
		if ((r->ledger_status = jh_ledger_status_parse(v)) < 0)
			return MHD_NO;
		break;
	case Q_OVERDUE:
		if (strcmp(v, "0") && strcmp(v, "1"))
			return MHD_NO;
		r->overdue = v[0] == '1';
		break;
	case Q_SCHOOL:
		if (!srv_valid_school(v) || strlen(v) >= sizeof r->school)
			return MHD_NO;
		memcpy(r->school, v, strlen(v) + 1);
		break;
	case Q_BASE:
		if (!srv_valid_year(v, &r->base_year))
			return MHD_NO;
		break;
	case Q_FORMAT:
		if (strcmp(v, "json") && strcmp(v, "csv"))
			return MHD_NO;
		r->csv = !strcmp(v, "csv");
		break;
	case Q_DOC:
		if ((r->doc_format = jh_report_format_parse(v)) < 0)
			return MHD_NO;
		break;
	}
	q->bad = NULL;
	return MHD_YES;
}

int srv_check_query(struct req *r)
{
	struct qstate q = {r, 0, NULL, 0};
	unsigned missing;

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_one, &q);
	if (q.bad) {
		char zh[96], en[96];
		if (q.unknown) {
			srv_error(r, 400, "bad_parameter", "不支持的查询参数",
			          "unknown query parameter");
			return -1;
		}
		snprintf(zh, sizeof zh, "查询参数 %s 的值不正确", q.bad);
		snprintf(en, sizeof en, "bad value of the query parameter %s", q.bad);
		srv_error(r, 400, "bad_parameter", zh, en);
		return -1;
	}
	missing = r->route->query_required & ~q.seen;
	if (missing) {
		for (size_t i = 0; i < sizeof qnames / sizeof qnames[0]; i++)
			if (missing & qnames[i].bit) {
				char zh[96], en[96];
				snprintf(zh, sizeof zh, "缺少查询参数 %s", qnames[i].name);
				snprintf(en, sizeof en, "the query parameter %s is required",
				         qnames[i].name);
				srv_error(r, 400, "bad_parameter", zh, en);
				return -1;
			}
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Bodies                                                              */
/* ---------------------------------------------------------------- */
static const char *find(const char *p, size_t n, const char *w, size_t wn)
{
	for (size_t i = 0; wn <= n && i <= n - wn; i++)
		if (p[i] == w[0] && !memcmp(p + i, w, wn))
			return p + i;
	return NULL;
}

/* A file's name as received (a header's or a part's): valid text, no
 * backslash; only the part after the last '/' is kept.  0, or -1. */
static int take_name(const char *raw, char out[256])
{
	const char *base;

	if (!srv_valid_text(raw, 255) || strchr(raw, '\\'))
		return -1;
	base = strrchr(raw, '/');
	base = base ? base + 1 : raw;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -1;
	strcpy(out, base);
	return 0;
}

enum { MP_OK = 0, MP_BAD = -1, MP_NAME = -2, MP_TOO_MANY = -3 };

/* multipart/form-data (a browser's form): every part that carries a file
 * (a filename= in its Content-Disposition) becomes one of r->files, in
 * the order sent, named by its filename; other parts (text fields) are
 * passed over.  MP_OK, or MP_BAD when there is no file part or the body
 * is not well formed (each part closed by the boundary, the last by the
 * closing one), MP_NAME for a bad file name, MP_TOO_MANY past
 * SRV_MAX_FILES. */
static int take_multipart(struct req *r, const char *ct)
{
	const char *b = strstr(ct, "boundary="), *data = r->body.data, *end, *p;
	char delim[80];
	size_t bl, dl, n = r->body.len;

	if (!b || !data)
		return MP_BAD;
	b += 9;
	bl = *b == '"' ? strcspn(++b, "\"") : strcspn(b, "; \t");
	if (bl < 1 || bl > 70)
		return MP_BAD;
	dl = (size_t)snprintf(delim, sizeof delim, "\r\n--%.*s", (int)bl, b);
	end = data + n;
	/* The first boundary has no line break before it. */
	if (!(p = find(data, n, delim + 2, dl - 2)))
		return MP_BAD;
	for (;;) {
		const char *h, *start, *stop, *f;
		char head[1024];
		size_t hl;
		p += dl - 2;
		if (end - p >= 2 && !memcmp(p, "--", 2))
			return r->nfiles ? MP_OK : MP_BAD;     /* the closing boundary */
		if (end - p < 2 || memcmp(p, "\r\n", 2))
			return MP_BAD;
		p += 2;
		if (!(h = find(p, (size_t)(end - p), "\r\n\r\n", 4)))
			return MP_BAD;
		start = h + 4;
		if (!(stop = find(start, (size_t)(end - start), delim, dl)))
			return MP_BAD;
		hl = (size_t)(h - p) < sizeof head - 1 ? (size_t)(h - p) : sizeof head - 1;
		memcpy(head, p, hl);
		head[hl] = 0;
		/* A file input left empty: filename="" and no bytes (a
		 * browser's form sends it so). */
		if ((f = strstr(head, "filename=\"\"")) && stop == start)
			f = NULL;
		else
			f = strstr(head, "filename=\"");
		if (f) {
			struct srv_file *file;
			char raw[256];
			size_t fl = strcspn(f + 10, "\"");
			if (r->nfiles == SRV_MAX_FILES)
				return MP_TOO_MANY;
			file = &r->files[r->nfiles];
			if (fl >= sizeof raw)
				return MP_NAME;
			memcpy(raw, f + 10, fl);
			raw[fl] = 0;
			if (take_name(raw, file->name))
				return MP_NAME;
			file->off = (size_t)(start - data);
			file->len = (size_t)(stop - start);
			r->nfiles++;
		}
		p = stop + 2;
	}
}

/* The body of an import: one file (its name in X-Filename), or a
 * multipart form of 1..SRV_MAX_FILES files (each named by its part; an
 * X-Filename renames a lone file and is refused beside several).  Every
 * file named once and not empty.  0, or answered (400). */
static int check_files(struct req *r)
{
	const char *fn = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Filename");
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
	char tmp[256];

	r->nfiles = 0;
	if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
		switch (take_multipart(r, ct)) {
		case MP_OK:
			break;
		case MP_NAME:
			srv_error(r, 400, "bad_filename", "表单中有文件名不正确的文件",
			          "a file of the form has a bad name");
			return -1;
		case MP_TOO_MANY: {
			char zh[96], en[96];
			snprintf(zh, sizeof zh, "一次最多导入 %d 个文件", SRV_MAX_FILES);
			snprintf(en, sizeof en, "at most %d files in one import", SRV_MAX_FILES);
			srv_error(r, 400, "bad_body", zh, en);
			return -1;
		}
		default:
			srv_error(r, 400, "bad_body",
			          "multipart/form-data 请求中没有可读的文件部分",
			          "no readable file part in the multipart/form-data body");
			return -1;
		}
		if (fn && r->nfiles > 1) {
			srv_error(r, 400, "bad_filename",
			          "X-Filename 只能用于单个文件;多个文件以表单中各自的文件名为准",
			          "X-Filename names a lone file; several files keep their names in the form");
			return -1;
		}
	} else {
		r->files[0].off = 0;
		r->files[0].len = r->body.len;
		r->files[0].name[0] = 0;
		r->nfiles = 1;
	}
	if (fn || !r->files[0].name[0]) {
		if (!fn || srv_unescape(fn, strlen(fn), tmp, sizeof tmp) < 0 ||
		    take_name(tmp, r->files[0].name)) {
			srv_error(r, 400, "bad_filename",
			          "请在 X-Filename 中给出文件名(UTF-8,可用百分号编码)",
			          "give the file's name in X-Filename (UTF-8, may be percent-encoded)");
			return -1;
		}
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		char zh[96], en[96];
		for (size_t k = 0; k < i; k++)
			if (!strcmp(r->files[k].name, r->files[i].name)) {
				snprintf(zh, sizeof zh, "第 %zu 个文件与第 %zu 个同名", i + 1, k + 1);
				snprintf(en, sizeof en, "file %zu has the name of file %zu", i + 1, k + 1);
				srv_error(r, 400, "bad_filename", zh, en);
				return -1;
			}
		if (!r->files[i].len) {
			if (r->nfiles == 1) {
				srv_error(r, 400, "bad_body", "文件为空", "the file is empty");
			} else {
				snprintf(zh, sizeof zh, "第 %zu 个文件为空", i + 1);
				snprintf(en, sizeof en, "file %zu is empty", i + 1);
				srv_error(r, 400, "bad_body", zh, en);
			}
			return -1;
		}
	}
	strcpy(r->filename, r->files[0].name);
	return 0;
}

int srv_check_body(struct req *r)
{
	json_error_t err;

	switch (r->route->body) {
	case BODY_NONE:
		if (r->body.len) {
			srv_error(r, 413, "too_large", "此请求不接受请求体",
			          "this request takes no body");
			return -1;
		}
		return 0;
	case BODY_JSON: {
		const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
		                                             "Content-Type");
		if (ct && strncmp(ct, "application/json", 16)) {
			srv_error(r, 400, "bad_body", "请求体应为 JSON(application/json)",
			          "the body must be JSON (application/json)");
			return -1;
		}
		r->json = r->body.len ? json_loadb(r->body.data, r->body.len,
		                                   JSON_REJECT_DUPLICATES, &err) : NULL;
		if (!r->json || !json_is_object(r->json)) {
			srv_error(r, 400, "bad_body", "请求体应为一个 JSON 对象(UTF-8)",
			          "the body must be one JSON object (UTF-8)");
			return -1;
		}
		return 0;
	}
	case BODY_FILE:
		return check_files(r);
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* Responses                                                           */
/* ---------------------------------------------------------------- */
void srv_json(struct req *r, unsigned status, const char *json, size_t len)
{
	if (r->answered)
		return;
	r->answered = 1;
	r->status = status;
	jh_buf_reset(&r->out);
	jh_buf_add(&r->out, json, len);
}

void srv_json_obj(struct req *r, unsigned status, json_t *obj)
{
	char *s = obj ? json_dumps(obj, JSON_COMPACT) : NULL;

	json_decref(obj);
	if (!s) {
		if (!r->answered) {
			r->answered = 1;
			r->status = 500;
			jh_buf_reset(&r->out);
			jh_buf_adds(&r->out, "{\"error\":{\"code\":\"internal\",\"message_zh\":"
			            "\"服务器内部错误\",\"message_en\":\"internal server error\"}}");
		}
		return;
	}
	srv_json(r, status, s, strlen(s));
	free(s);
}

static void error_with(struct req *r, unsigned status, const char *code,
                       const char *zh, const char *en, json_t *problems)
{
	json_t *e = json_pack("{s:s,s:s,s:s}", "code", code, "message_zh", zh,
	                      "message_en", en);

	if (e && problems)
		json_object_set_new(e, "problems", problems);
	else if (problems)
		json_decref(problems);
	srv_json_obj(r, status, e ? json_pack("{s:o}", "error", e) : NULL);
}

void srv_error(struct req *r, unsigned status, const char *code,
               const char *zh, const char *en)
{
	error_with(r, status, code, zh, en, NULL);
}

void srv_not_found(struct req *r)
{
	srv_error(r, 404, "not_found", "未找到", "not found");
}

/* Problems that may carry a path, SQL or an internal detail. */
static int internal_problem(jh_problem p)
{
	switch (p) {
	case JH_P_STORE: case JH_P_STORE_URI: case JH_P_BACKEND_NOT_BUILT:
	case JH_P_NOT_JUNHENG: case JH_P_NEWER_SCHEMA: case JH_P_DB_BUSY:
	case JH_P_DB_DAMAGED: case JH_P_DB_FULL: case JH_P_DB_READONLY:
	case JH_P_DB_CANTOPEN: case JH_P_DB_MISSING: case JH_P_DB_OLD_SCHEMA:
	case JH_P_FILE_MISSING: case JH_P_FILE_DENIED: case JH_P_FILE_UNREADABLE:
	case JH_P_DB_IO: case JH_P_PLAN_SOLVER_FAILED:
		return 1;
	default:
		return 0;
	}
}

json_t *srv_problems(const jh_diags *d)
{
	jh_diags shown = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	json_t *a;

	/* lib/service renders them (jh_diags_json); the server only leaves
	 * out what the caller must not read. */
	for (size_t i = 0; d && i < d->count; i++) {
		const jh_diag *g = &d->items[i];
		if (internal_problem(g->problem))
			continue;
		(g->note ? jh_diags_note : jh_diags_add)(&shown, g->problem, g->file, g->sheet,
		                                         g->line, g->column, g->column_name,
		                                         g->arg, g->arg2);
	}
	jh_diags_json(&shown, &b);
	a = b.oom || !b.len ? NULL : json_loadb(b.data, b.len, 0, NULL);
	jh_buf_free(&b);
	jh_diags_free(&shown);
	return a ? a : json_array();
}

static int has_problem(const jh_diags *d, jh_problem p)
{
	for (size_t i = 0; d && i < d->count; i++)
		if (d->items[i].problem == p)
			return 1;
	return 0;
}

static void log_internal(const struct req *r, jh_code rc, const jh_diags *d)
{
	jh_buf b = JH_BUF_INIT;

	jh_buf_addf(&b, "junheng serve: %s %s: %s\n", r->method ? r->method : "?",
	            r->route ? r->route->pattern : "?", jh_code_str(rc, "en"));
	if (d)
		jh_diags_format(d, "en", &b);
	if (b.data)
		fputs(b.data, stderr);
	jh_buf_free(&b);
}

void srv_fail(struct req *r, jh_code rc, const jh_diags *d)
{
	const char *zh = jh_code_str(rc, "zh"), *en = jh_code_str(rc, "en");

	switch (rc) {
	case JH_ERR_INPUT: case JH_ERR_ENCODING: case JH_ERR_FORMAT:
	case JH_ERR_STANDARD:
		error_with(r, 422, "invalid", zh, en, srv_problems(d));
		break;
	case JH_ERR_ARG:
		error_with(r, 400, "bad_request", zh, en, srv_problems(d));
		break;
	case JH_ERR_NOTFOUND:
		srv_not_found(r);
		break;
	case JH_ERR_CONFLICT:
		error_with(r, 409, "conflict", zh, en, srv_problems(d));
		break;
	case JH_ERR_AUTH:
		srv_error(r, 401, "unauthorized", zh, en);
		break;
	case JH_ERR_DENIED:
		error_with(r, 403, "forbidden", zh, en,
		           d && d->count ? srv_problems(d) : NULL);
		break;
	case JH_ERR_BUSY:
		if (!r->retry_after)
			r->retry_after = 60;
		srv_error(r, 429, "too_many_requests", zh, en);
		break;
	default:
		/* What happened goes to the server's log, never to the caller. */
		log_internal(r, rc, d);
		if (has_problem(d, JH_P_DB_BUSY)) {
			r->retry_after = 1;
			srv_error(r, 503, "busy", "数据库正忙,请稍后再试",
			          "the database is busy; try again shortly");
		} else
			srv_error(r, 500, "internal", "服务器内部错误",
			          "internal server error");
		break;
	}
}

/* ---------------------------------------------------------------- */
/* JSON object shapes                                                  */
/* ---------------------------------------------------------------- */
static void field_error(struct req *r, const char *key, int missing)
{
	char zh[128], en[128];

	if (missing) {
		snprintf(zh, sizeof zh, "缺少字段 %s", key);
		snprintf(en, sizeof en, "the field %s is required", key);
	} else {
		snprintf(zh, sizeof zh, "字段 %s 的类型或取值不正确", key);
		snprintf(en, sizeof en, "the field %s has a wrong type or value", key);
	}
	srv_error(r, 400, "bad_body", zh, en);
}

int srv_fields(struct req *r, const json_t *obj, const struct srv_field *f)
{
	const char *key;
	json_t *v;

	if (!json_is_object(obj)) {
		srv_error(r, 400, "bad_body", "应为 JSON 对象", "a JSON object is expected");
		return -1;
	}
	json_object_foreach((json_t *)obj, key, v) {
		const struct srv_field *g = f;
		while (g->key && strcmp(g->key, key))
			g++;
		if (!g->key) {
			srv_error(r, 400, "bad_body", "请求体中有不支持的字段",
			          "the body has a field this call does not take");
			return -1;
		}
	}
	for (; f->key; f++) {
		int ok = 1;
		v = json_object_get(obj, f->key);
		if (!v) {
			if (f->required) {
				field_error(r, f->key, 1);
				return -1;
			}
			continue;
		}
		switch (f->type) {
		case F_TEXT:
			ok = json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v) &&
			     srv_valid_text(json_string_value(v), f->max);
			break;
		case F_SECRET:
			ok = json_is_string(v) && json_string_length(v) >= 1 &&
			     json_string_length(v) <= f->max &&
			     strlen(json_string_value(v)) == json_string_length(v);
			break;
		case F_NAME:
			ok = json_is_string(v) && srv_valid_name(json_string_value(v));
			break;
		case F_INT:
			ok = json_is_integer(v) && json_integer_value(v) >= 0 &&
			     json_integer_value(v) <= (json_int_t)f->max;
			break;
		case F_BOOL:
			ok = json_is_boolean(v);
			break;
		case F_OBJECT:
			ok = json_is_object(v) && json_object_size(v) <= f->max;
			break;
		case F_ARRAY:
			ok = json_is_array(v) && json_array_size(v) <= f->max;
			break;
		}
		if (!ok) {
			field_error(r, f->key, 0);
			return -1;
		}
	}
	return 0;
}

/* A JSON scalar as the text a template cell would hold: strings as
 * they are, whole numbers without a point, others in shortest form;
 * NULL for anything else (objects, arrays, true/false). */
int srv_cell_text(const json_t *v, char *out, size_t cap)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		if (n != strlen(s) || n >= cap || !jh_utf8_valid(s, n))
			return -1;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
				return -1;
		memcpy(out, s, n + 1);
		return 0;
	}
	/* Numbers: no figure of a school-year comes near 10^15 (money is in
	 * yuan); anything as large is a mistake or an attack on the
	 * arithmetic. */
	if (json_is_integer(v)) {
		json_int_t n = json_integer_value(v);
		if (n >= (json_int_t)1000000000000000LL || n <= -(json_int_t)1000000000000000LL)
			return -1;
		snprintf(out, cap, "%lld", (long long)n);
		return 0;
	}
	if (json_is_real(v)) {
		double x = json_real_value(v);
		if (!(x < 1e15 && x > -1e15))
			return -1;
		jh_format_number(x, out, cap);
		return 0;
	}
	if (json_is_null(v)) {
		out[0] = 0;
		return 0;
	}
	return -1;
}
