/*
** static.c — the web application (web/: Vue + Element Plus, built by Vite
** into web/dist).
**
** Without --static DIR the files are those embedded in the binary
** (build/gen/server/web_embed.c, made by scripts/embed-web.sh): each with
** a gzip -9 copy, sent when the client's Accept-Encoding allows gzip
** (always with `Vary: Accept-Encoding`).  Files under /assets/ have
** content-hashed names: `Cache-Control: public, max-age=31536000,
** immutable`; index.html and the rest are `no-cache` (revalidated, so
** that a new build is seen at once).  The router of the pages runs in
** history mode: a path outside /api whose last segment has no extension
** (/overview, /counties/369904) is answered with index.html, whose script
** then draws the page (only letters, digits, '_', '-' and '/' in it); a
** path with an extension that names no file (/no-such-file.js), and
** anything under /assets/ that is not there, is a 404.  A binary built without the web application (no npm: an empty
** table) serves a small index page (Chinese, English with ?lang=en)
** saying what this server is and where the API is described.
**
** With --static DIR (development: `npx vite build --watch`) the files are
** read from DIR, with the same history-mode rule (DIR/index.html) for a
** path that names nothing in DIR (one that names something refused, such
** as a symbolic link out of DIR, stays a 404), all `no-cache` and never
** compressed.
**
** A path is taken as received (percent-encoded) and decoded segment by
** segment; a segment that is empty, "." or "..", that starts with a dot,
** or that decodes to something with '/', '\\' or NUL (or a bad escape, or
** invalid UTF-8) is a 404 before anything else — so `..`, `%2e%2e`,
** `%2f`, `%00` and backslashes never name anything, and never fall back
** to index.html either.  In DIR what remains is joined to DIR and resolved
** with realpath, and must still be inside DIR (a symbolic link out of it
** is a 404 too).  A directory is served as its index.html; nothing lists
** a directory.
*/
#include "server.h"

#include <microhttpd.h>

#include <errno.h>
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

/* The small page of a binary built without the web application. */
static void bare_index(struct req *r, const char *rel)
{
	const char *lang = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	                                               "lang");
	const char *page = lang && !strcmp(lang, "en") ? index_en : index_zh;

	if (*rel && strcmp(rel, "/index.html")) {
		srv_not_found(r);
		return;
	}
	srv_json(r, 200, page, strlen(page));
	r->ctype = "text/html; charset=utf-8";
}

/* Decode and check raw segment by segment into rel ("/a/b", "" for "/");
 * *slash is set when raw ends with '/'.  -1: a refused path (404). */
static int clean_path(const char *raw, char rel[PATH_MAX], int *slash)
{
	const char *p = raw, *s;
	size_t o = 0;

	*slash = 0;
	if (*p != '/')
		return -1;
	while (*p == '/') {
		char seg[256];
		long n;
		s = ++p;
		while (*p && *p != '/')
			p++;
		if (p == s) {
			if (*p)          /* "//" */
				return -1;
			*slash = 1;      /* a trailing '/': its index */
			break;
		}
		n = srv_unescape(s, (size_t)(p - s), seg, sizeof seg);
		if (n <= 0 || seg[0] == '.' || strpbrk(seg, "/\\"))
			return -1;
		if (o + (size_t)n + 2 >= PATH_MAX)
			return -1;
		rel[o++] = '/';
		memcpy(rel + o, seg, (size_t)n);
		o += (size_t)n;
	}
	if (*p)
		return -1;
	rel[o] = 0;
	return 0;
}

/* A path of the pages' router: letters, digits, '_' and '-' in each
 * segment (so no extension, and nothing that decoded from an escape), not
 * under /assets/, not a directory asked for with a trailing '/'. */
static int page_path(const char *rel, int slash)
{
	if (slash && *rel)
		return 0;
	if (!strncmp(rel, "/assets/", 8) || !strcmp(rel, "/assets"))
		return 0;
	return strspn(rel, "/0123456789_-abcdefghijklmnopqrstuvwxyz"
	                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(rel);
}

static int web_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct srv_web_file *)elt)->path);
}

static const struct srv_web_file *web_find(const char *path)
{
	return bsearch(path, srv_web_files, srv_web_nfiles, sizeof srv_web_files[0], web_cmp);
}

static void web_send(struct req *r, const struct srv_web_file *f)
{
	const char *ae = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	                                             MHD_HTTP_HEADER_ACCEPT_ENCODING);

	if (f->gz && srv_accepts_gzip(ae)) {
		srv_send_mem(r, f->gz, f->gz_size, content_type(f->path));
		r->encoding = "gzip";
	} else
		srv_send_mem(r, f->data, f->size, content_type(f->path));
	r->vary = f->gz != NULL;
	if (!strncmp(f->path, "/assets/", 8))
		r->cache = "public, max-age=31536000, immutable";
}

static void embedded(struct req *r, const char *rel, int slash)
{
	const struct srv_web_file *f = NULL;
	char index[PATH_MAX];

	if (!srv_web_nfiles) {
		bare_index(r, rel);
		return;
	}
	if (slash) {
		if (snprintf(index, sizeof index, "%s/index.html", rel) < (int)sizeof index)
			f = web_find(index);
	} else if (*rel)
		f = web_find(rel);
	if (!f && page_path(rel, slash))
		f = web_find("/index.html");
	if (f)
		web_send(r, f);
	else
		srv_not_found(r);
}

/* DIR's file rel (rel is clean): resolved inside root, a directory as its
 * index.html.  An open descriptor of a regular file, or -1. */
static int dir_open(const char *root, const char *rel, size_t *size, char real[PATH_MAX])
{
	char full[PATH_MAX], again[PATH_MAX];
	size_t rl = strlen(root), n;
	struct stat st;
	int fd;

	if (snprintf(full, sizeof full, "%s%s", root, rel) >= (int)sizeof full)
		return -1;
	if (!realpath(full, real))
		return -1;
	if (strncmp(real, root, rl) || (real[rl] && real[rl] != '/'))
		return -1;
	if (stat(real, &st))
		return -1;
	if (S_ISDIR(st.st_mode)) {
		n = strlen(real);
		if (n + 12 >= PATH_MAX)
			return -1;
		strcpy(real + n, "/index.html");
		if (!realpath(real, again) || strncmp(again, root, rl) ||
		    (again[rl] && again[rl] != '/'))
			return -1;
		strcpy(real, again);
	}
	fd = open(real, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

/* Whether DIR holds something at rel, even what dir_open refuses (a
 * symbolic link out of DIR): that is a 404, not a page of the router. */
static int exists(const char *root, const char *rel)
{
	char full[PATH_MAX];
	struct stat st;

	if (snprintf(full, sizeof full, "%s%s", root, rel) >= (int)sizeof full)
		return 1;
	return !lstat(full, &st) || (errno != ENOENT && errno != ENOTDIR);
}

void srv_static(struct req *r, const char *raw)
{
	const char *dir = r->srv->cfg->static_dir;
	char rel[PATH_MAX], root[PATH_MAX], real[PATH_MAX];
	size_t size;
	int slash, fd;

	if (clean_path(raw, rel, &slash)) {
		srv_not_found(r);
		return;
	}
	if (!dir) {
		embedded(r, rel, slash);
		return;
	}
	if (!realpath(dir, root)) {
		srv_not_found(r);
		return;
	}
	fd = dir_open(root, rel, &size, real);
	if (fd < 0 && page_path(rel, slash) && !exists(root, rel))
		fd = dir_open(root, "/index.html", &size, real);
	if (fd < 0 || srv_send_fd(r, fd, size, content_type(real)))
		srv_not_found(r);
}
