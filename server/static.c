/*
** static.c — files of the front-end: from one directory (--static DIR),
** or, without one, a small embedded index page (Chinese, English with
** ?lang=en) saying what this server is and where the API is described.
**
** A path is taken as received (percent-encoded) and decoded segment by
** segment; a segment that is empty, "." or "..", that starts with a dot,
** or that decodes to something with '/', '\\' or NUL (or a bad escape, or
** invalid UTF-8) is a 404 — so `..`, `%2e%2e`, `%2f`, `%00` and
** backslashes never name anything.  What remains is joined to DIR and
** resolved with realpath, and must still be inside DIR (a symbolic link
** out of it is a 404 too).  A directory is served as its index.html;
** nothing lists a directory.
*/
#include "server.h"

#include <microhttpd.h>

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char index_zh[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	"<title>junheng 县域义务教育优质均衡服务器</title></head><body>\n"
	"<h1>junheng 县域义务教育优质均衡服务器</h1>\n"
	"<p>这是 junheng 的网络服务:按《县域义务教育优质均衡发展督导评估办法》"
	"(教督〔2017〕6号)评估各县数据,供省、市、县督导室、督学和学校在浏览器中使用。"
	"网页界面将在下一版本提供。</p>\n"
	"<h2>接口</h2>\n<ul>\n"
	"<li>接口地址:<code>/api/v1/</code>,请求和应答均为 JSON(UTF-8)。</li>\n"
	"<li>登录:<code>POST /api/v1/session</code>,随后的每个非 GET 请求须带 "
	"<code>X-CSRF-Token</code> 头。</li>\n"
	"<li>每个接口的说明、请求与应答示例:源代码中的 <code>docs/api.md</code>。</li>\n"
	"</ul>\n<p><a href=\"/?lang=en\">English</a></p>\n</body></html>\n";

static const char index_en[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<title>junheng server</title></head><body>\n"
	"<h1>junheng server</h1>\n"
	"<p>This is the junheng web service: it evaluates county education data "
	"against the national standard for high-quality balanced compulsory "
	"education, for provincial, city and county supervision offices, "
	"inspectors and schools.  The pages come in the next version.</p>\n"
	"<h2>API</h2>\n<ul>\n"
	"<li>The API is under <code>/api/v1/</code>; requests and answers are "
	"JSON (UTF-8).</li>\n"
	"<li>Sign in with <code>POST /api/v1/session</code>; every later call "
	"that is not a GET sends the <code>X-CSRF-Token</code> header.</li>\n"
	"<li>Every endpoint, with example requests and answers: "
	"<code>docs/api.md</code> in the source.</li>\n"
	"</ul>\n<p><a href=\"/\">中文</a></p>\n</body></html>\n";

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".jpg", "image/jpeg"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
	{".map", "application/json; charset=utf-8"},
};

static const char *content_type(const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && !strcmp(path + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

static void embedded(struct req *r, const char *raw)
{
	const char *lang = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	                                               "lang");
	const char *page = lang && !strcmp(lang, "en") ? index_en : index_zh;

	if (strcmp(raw, "/") && strcmp(raw, "/index.html")) {
		srv_not_found(r);
		return;
	}
	srv_json(r, 200, page, strlen(page));
	r->ctype = "text/html; charset=utf-8";
}

void srv_static(struct req *r, const char *raw)
{
	const char *dir = r->srv->cfg->static_dir, *p = raw, *s;
	char rel[PATH_MAX], root[PATH_MAX], full[PATH_MAX], real[PATH_MAX];
	size_t o = 0, rl;
	struct stat st;
	int fd;

	if (!dir) {
		embedded(r, raw);
		return;
	}
	/* Decode and check each segment. */
	if (*p != '/')
		goto nf;
	while (*p == '/') {
		char seg[256];
		long n;
		s = ++p;
		while (*p && *p != '/')
			p++;
		if (p == s) {
			if (*p)          /* "//" */
				goto nf;
			break;           /* a trailing '/': its index */
		}
		n = srv_unescape(s, (size_t)(p - s), seg, sizeof seg);
		if (n <= 0 || seg[0] == '.' || strpbrk(seg, "/\\"))
			goto nf;
		if (o + (size_t)n + 2 >= sizeof rel)
			goto nf;
		rel[o++] = '/';
		memcpy(rel + o, seg, (size_t)n);
		o += (size_t)n;
	}
	if (*p)
		goto nf;
	rel[o] = 0;
	if (!realpath(dir, root))
		goto nf;
	rl = strlen(root);
	if (snprintf(full, sizeof full, "%s%s", root, rel) >= (int)sizeof full)
		goto nf;
	if (!realpath(full, real))
		goto nf;
	if (strncmp(real, root, rl) || (real[rl] && real[rl] != '/'))
		goto nf;
	if (stat(real, &st))
		goto nf;
	if (S_ISDIR(st.st_mode)) {
		size_t n = strlen(real);
		if (n + 12 >= sizeof real)
			goto nf;
		strcpy(real + n, "/index.html");
		char again[PATH_MAX];
		if (!realpath(real, again) || strncmp(again, root, rl) ||
		    (again[rl] && again[rl] != '/'))
			goto nf;
		strcpy(real, again);
	}
	fd = open(real, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto nf;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		goto nf;
	}
	srv_send_fd(r, fd, (size_t)st.st_size, content_type(real));
	return;
nf:
	srv_not_found(r);
}
