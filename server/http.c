/*
** http.c — the daemon: libmicrohttpd with an epoll thread pool, limits,
** request bodies, the worker pool for heavy routes, responses with the
** security headers, and a clean stop on SIGTERM/SIGINT.
**
** One request, as libmicrohttpd calls the access handler:
**   1st call (headers read): route it (404/405), find the caller
**       (401/403: before any body is read, so a stranger cannot make the
**       server buffer 64 MiB), check the query (400) and Content-Length
**       against the route's body limit (413).  An answer here is sent
**       after the body (read and dropped) when it is at most 16 MiB, so
**       that a client still writing sees it; a larger or chunked body is
**       not read at all: the answer goes at once and the connection
**       closes.
**   calls with data: append to the body while within the limit; past it
**       the rest is read and dropped (up to 16 MiB more, then the
**       connection closes) and the answer is 413.
**   last call (no more data): parse and check the body (400), then run
**       the handler — on this thread for quick routes; for heavy ones
**       (import, gaps, what-if) the connection is suspended, the request
**       goes to the worker pool, and the worker resumes the connection
**       when the answer is ready, so that quick requests never wait
**       behind a long plan or import.
**
** Paths and query strings reach the handler as received: an unescape
** callback that changes nothing replaces libmicrohttpd's own decoding, so
** that request.c decodes each segment and value itself and refuses
** %00, bad escapes and invalid UTF-8, and a %2f can never become a path
** separator.
**
** Stores: one jh_store (one SQLite connection, WAL) per thread that
** serves requests, opened on first use and listed so that srv_run closes
** them all at the end.
**
** SIGTERM/SIGINT: the signals are blocked in every thread and the main
** thread waits for them with sigwait; then the daemon stops accepting
** (MHD_quiesce_daemon), the requests in flight finish (counted from the
** first call to the completion callback; at most 60 s), the daemon and
** the workers stop, the stores close, and srv_run returns 0.
*/
#include "server.h"

#include <microhttpd.h>

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#define KiB 1024u
/* How much of a body over its limit is read and dropped before the 413,
 * so that the client sees the answer; past it the connection closes. */
#define DRAIN_MAX (16u * KiB * KiB)

static const char *const sec_headers[][2] = {
	{"Content-Security-Policy",
	 "default-src 'self'; script-src 'self'; style-src 'self'; "
	 "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
	 "form-action 'self'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

/* ---------------------------------------------------------------- */
/* Thread state                                                        */
/* ---------------------------------------------------------------- */
static _Thread_local struct srv_thread *tl;
static struct srv_thread *threads;          /* every thread's state */
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;

struct srv_thread *srv_thread(struct req *r)
{
	jh_diags d = JH_DIAGS_INIT;

	if (tl && tl->store)
		return tl;
	if (!tl) {
		if (!(tl = calloc(1, sizeof *tl))) {
			srv_fail(r, JH_ERR_NOMEM, NULL);
			return NULL;
		}
		tl->areas_rev = -1;
		pthread_mutex_lock(&threads_lock);
		tl->next = threads;
		threads = tl;
		pthread_mutex_unlock(&threads_lock);
	}
	jh_code rc = jh_store_open(r->srv->cfg->db, &tl->store, &d);
	if (rc) {
		tl->store = NULL;
		srv_fail(r, rc, &d);
		jh_diags_free(&d);
		return NULL;
	}
	jh_diags_free(&d);
	return tl;
}

const jh_areas *srv_areas(struct req *r)
{
	struct srv_thread *t = srv_thread(r);
	jh_diags d = JH_DIAGS_INIT;
	jh_areas *a = NULL;
	long rev = 0;
	jh_code rc;

	if (!t)
		return NULL;
	if ((rc = jh_store_last_revision(t->store, &rev, &d)))
		goto fail;
	if (t->areas && rev == t->areas_rev)
		return t->areas;
	if ((rc = jh_store_areas(t->store, &a, &d)))
		goto fail;
	jh_areas_free(t->areas);
	t->areas = a;
	t->areas_rev = rev;
	jh_diags_free(&d);
	return a;
fail:
	srv_fail(r, rc, &d);
	jh_diags_free(&d);
	return NULL;
}

static void threads_close(void)
{
	pthread_mutex_lock(&threads_lock);
	while (threads) {
		struct srv_thread *t = threads;
		threads = t->next;
		jh_areas_free(t->areas);
		jh_store_close(t->store);
		free(t);
	}
	pthread_mutex_unlock(&threads_lock);
}

/* ---------------------------------------------------------------- */
/* Worker pool for heavy routes                                        */
/* ---------------------------------------------------------------- */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct req *head, *tail;
	int stop;
	pthread_t *ids;
	unsigned n;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, NULL, 0};

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		struct req *r;

		pthread_mutex_lock(&pool.lock);
		while (!pool.head && !pool.stop)
			pthread_cond_wait(&pool.cond, &pool.lock);
		if (!pool.head) {
			pthread_mutex_unlock(&pool.lock);
			/* GLPK's environment of this thread, if a plan left
			 * one (lib/service frees it after each plan already). */
			jh_plan_thread_done();
			return NULL;
		}
		r = pool.head;
		pool.head = r->next_job;
		if (!pool.head)
			pool.tail = NULL;
		pthread_mutex_unlock(&pool.lock);

		r->route->fn(r);
		if (!r->answered)
			srv_fail(r, JH_ERR_NOMEM, NULL);
		r->done = 1;
		MHD_resume_connection(r->conn);
	}
}

static void pool_push(struct req *r)
{
	pthread_mutex_lock(&pool.lock);
	r->next_job = NULL;
	if (pool.tail)
		pool.tail->next_job = r;
	else
		pool.head = r;
	pool.tail = r;
	pthread_cond_signal(&pool.cond);
	pthread_mutex_unlock(&pool.lock);
}

static int pool_start(unsigned n)
{
	if (!(pool.ids = calloc(n, sizeof *pool.ids)))
		return -1;
	for (pool.n = 0; pool.n < n; pool.n++)
		if (pthread_create(&pool.ids[pool.n], NULL, worker, NULL))
			return -1;
	return 0;
}

static void pool_stop(void)
{
	pthread_mutex_lock(&pool.lock);
	pool.stop = 1;
	pthread_cond_broadcast(&pool.cond);
	pthread_mutex_unlock(&pool.lock);
	for (unsigned i = 0; i < pool.n; i++)
		pthread_join(pool.ids[i], NULL);
	free(pool.ids);
}

/* ---------------------------------------------------------------- */
/* Responses                                                           */
/* ---------------------------------------------------------------- */
static enum MHD_Result send_answer(struct req *r)
{
	struct MHD_Response *resp;
	size_t len = r->out.len;
	char *body = jh_buf_detach(&r->out, &len);
	enum MHD_Result ok;

	if (!body)
		return MHD_NO;
	/* A JSON answer to a GET of 1 KiB or more goes gzip-compressed when
	 * the client accepts it (gzip.c); from the cache when it is there. */
	if (!r->file_fd && !r->ctype && r->status == 200 && len >= 1024 &&
	    !strcmp(r->method, "GET") &&
	    srv_accepts_gzip(MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	                                                 "Accept-Encoding"))) {
		jh_buf gz = JH_BUF_INIT;
		int hit = r->cache_key[0] && srv_cache_get_gz(r->cache_key, r->cache_rev, &gz);
		if (hit || !srv_gzip(body, len, &gz)) {
			if (!hit && r->cache_key[0])
				srv_cache_put_gz(r->cache_key, r->cache_rev, gz.data, gz.len);
			free(body);
			body = jh_buf_detach(&gz, &len);
			if (!body)
				return MHD_NO;
			r->encoding = "gzip";
		}
		jh_buf_free(&gz);
	}
	if (r->file_fd) {
		free(body);
		/* On success the descriptor is the response's; on failure it
		 * stays ours (closed with the request). */
		if ((resp = MHD_create_response_from_fd(r->file_size, r->file_fd - 1)))
			r->file_fd = 0;
	} else if (r->file_mem) {
		free(body);
		resp = MHD_create_response_from_buffer(r->file_size, (void *)r->file_mem,
		                                       MHD_RESPMEM_PERSISTENT);
	} else if (!(resp = MHD_create_response_from_buffer(len, body,
	                                                    MHD_RESPMEM_MUST_FREE)))
		free(body);
	if (!resp)
		return MHD_NO;
	for (size_t i = 0; i < sizeof sec_headers / sizeof sec_headers[0]; i++)
		MHD_add_response_header(resp, sec_headers[i][0], sec_headers[i][1]);
	MHD_add_response_header(resp, "Content-Type",
	                        r->ctype ? r->ctype : "application/json; charset=utf-8");
	/* Pages and files may be kept if revalidated (hashed assets for a
	 * year: static.c); API answers never. */
	MHD_add_response_header(resp, "Cache-Control",
	                        r->ctype && r->status == 200 ? (r->cache ? r->cache : "no-cache")
	                                                     : "no-store");
	if (r->encoding)
		MHD_add_response_header(resp, "Content-Encoding", r->encoding);
	if (r->disposition[0] && r->status == 200)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->vary || (!r->file_fd && !r->ctype))
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	if (r->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	if (r->retry_after > 0) {
		char s[24];
		snprintf(s, sizeof s, "%ld", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", s);
	}
	ok = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Static files are sent from their descriptor (static.c): kept in r
 * until the answer is queued. */
int srv_send_fd(struct req *r, int fd, size_t size, const char *ctype)
{
	if (r->answered) {
		close(fd);
		return -1;
	}
	r->answered = 1;
	r->status = 200;
	r->file_fd = fd + 1;
	r->file_size = size;
	r->ctype = ctype;
	return 0;
}

int srv_send_mem(struct req *r, const void *data, size_t size, const char *ctype)
{
	if (r->answered)
		return -1;
	r->answered = 1;
	r->status = 200;
	r->file_mem = data;
	r->file_size = size;
	r->ctype = ctype;
	return 0;
}

/* ---------------------------------------------------------------- */
/* The access handler                                                  */
/* ---------------------------------------------------------------- */
static struct srv srv;
static pthread_mutex_t inflight_lock = PTHREAD_MUTEX_INITIALIZER;
static long inflight;

static void client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	strcpy(r->address, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		          r->address, sizeof r->address);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          r->address, sizeof r->address);
}

/* The first call: everything that can be decided before the body. */
static void first_call(struct req *r, const char *url)
{
	unsigned status = 0;
	const char *allow = NULL, *cl;

	if (strcmp(url, "/api") && strncmp(url, "/api/", 5)) {
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
			r->allow = "GET, HEAD";
			srv_error(r, 405, "method_not_allowed", "不支持此请求方法",
			          "method not allowed");
			return;
		}
		srv_static(r, url);
		return;
	}
	r->route = srv_route(r, !strcmp(r->method, "HEAD") ? "GET" : r->method,
	                     url, &status, &allow);
	if (!r->route) {
		if (status == 405) {
			r->allow = allow;
			srv_error(r, 405, "method_not_allowed", "不支持此请求方法",
			          "method not allowed");
		} else
			srv_not_found(r);
		return;
	}
	if (!r->route->public_ && srv_auth(r))
		return;
	if (srv_check_query(r))
		return;
	cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Length");
	if (cl) {
		char *end;
		unsigned long long n;
		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno || *end || end == cl || n > r->route->body_limit + DRAIN_MAX) {
			srv_error(r, 413, "too_large", "请求体过大", "request body too large");
			return;
		}
		/* A little too large: read it to the end and say 413 then, so
		 * that a client still writing it sees the answer. */
		if (n > r->route->body_limit)
			r->body_too_large = 1;
	}
}

static int has_body(struct MHD_Connection *c)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");

	return (cl && strcmp(cl, "0")) ||
	       MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
}

/* A body of known length up to DRAIN_MAX is read (and dropped) before an
 * early answer is sent; a larger or chunked one is not read at all. */
static int drainable(struct MHD_Connection *c)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	char *end;
	unsigned long long n;

	if (!cl || MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
		return 0;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return !errno && !*end && end != cl && n <= DRAIN_MAX;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)version;
	if (!r) {
		if (!(r = calloc(1, sizeof *r)))
			return MHD_NO;
		*con_cls = r;
		r->srv = &srv;
		r->conn = conn;
		r->method = method;
		r->lang = "zh";
		r->ledger_status = -1;
		r->doc_format = -1;
		pthread_mutex_lock(&inflight_lock);
		inflight++;
		pthread_mutex_unlock(&inflight_lock);
		client_address(r);
		first_call(r, url);
		/* An answer given already waits for the last call (so that a
		 * connection without a body stays open, and a body of up to
		 * DRAIN_MAX is read and dropped first); with a larger or
		 * chunked body it goes now and the connection closes. */
		if (r->answered && has_body(conn) && !drainable(conn))
			return send_answer(r);
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		r->received += n;
		if (r->answered)        /* answered already: drop the body */
			return r->received > DRAIN_MAX ? MHD_NO : MHD_YES;
		if (r->body_too_large || r->received > r->route->body_limit) {
			/* Past the limit: drop the rest (up to DRAIN_MAX more,
			 * then close the connection) and answer 413. */
			r->body_too_large = 1;
			jh_buf_free(&r->body);
			return r->received > r->route->body_limit + DRAIN_MAX
			       ? MHD_NO : MHD_YES;
		}
		jh_buf_add(&r->body, upload_data, n);
		return r->body.oom ? MHD_NO : MHD_YES;
	}
	/* The last call: the whole request is in. */
	if (r->done || r->answered)
		return send_answer(r);
	if (r->body_too_large) {
		srv_error(r, 413, "too_large", "请求体过大", "request body too large");
		return send_answer(r);
	}
	if (srv_check_body(r))
		return send_answer(r);
	if (r->route->heavy) {
		r->suspended = 1;
		MHD_suspend_connection(conn);
		pool_push(r);
		return MHD_YES;
	}
	r->route->fn(r);
	if (!r->answered)
		srv_fail(r, JH_ERR_NOMEM, NULL);
	return send_answer(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (!r)
		return;
	if (r->file_fd)
		close(r->file_fd - 1);
	jh_buf_free(&r->body);
	jh_buf_free(&r->out);
	if (r->json)
		json_decref(r->json);
	free(r);
	*con_cls = NULL;
	pthread_mutex_lock(&inflight_lock);
	inflight--;
	pthread_mutex_unlock(&inflight_lock);
}

/* Paths and query values reach request.c undecoded (see the top). */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;   /* libmicrohttpd's own messages are not shown */
}

/* ---------------------------------------------------------------- */
/* Start and stop                                                      */
/* ---------------------------------------------------------------- */
static int parse_listen(const char *spec, struct sockaddr_storage *ss,
                        socklen_t *sslen, char *host, size_t hostcap, int *v6)
{
	const char *colon = strrchr(spec, ':');
	char h[128], port[16];
	struct addrinfo hints = {0}, *ai = NULL;
	size_t hl;

	if (!colon || colon == spec || !colon[1] || strlen(colon + 1) >= sizeof port)
		return -1;
	hl = (size_t)(colon - spec);
	if (spec[0] == '[' && hl >= 2 && spec[hl - 1] == ']') {
		spec++;
		hl -= 2;
	}
	if (hl >= sizeof h)
		return -1;
	memcpy(h, spec, hl);
	h[hl] = 0;
	strcpy(port, colon + 1);
	for (const char *p = port; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	if (atol(port) > 65535)
		return -1;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(h, port, &hints, &ai) || !ai)
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	*sslen = ai->ai_addrlen;
	*v6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	snprintf(host, hostcap, "%s", h);
	return 0;
}

int srv_run(const struct srv_config *cfg)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	char host[128];
	int v6 = 0, sig = 0, en = cfg->lang && !strcmp(cfg->lang, "en");
	sigset_t set;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	unsigned flags;
	MHD_socket ls;

	if (parse_listen(cfg->listen, &ss, &sslen, host, sizeof host, &v6)) {
		fprintf(stderr, en ? "junheng: --listen takes HOST:PORT, e.g. 127.0.0.1:8080, not '%s'\n"
		                   : "junheng: --listen 应为 主机:端口(如 127.0.0.1:8080),而不是“%s”\n",
		        cfg->listen);
		return 2;
	}
	srv.cfg = cfg;
	if (!(srv.throttle = jh_throttle_new(NULL)))
		return 1;
	pthread_mutex_init(&srv.write_lock, NULL);
	srv_cache_init(256u * KiB * KiB);

	/* Every thread started from here on inherits the blocked signals;
	 * only sigwait below receives them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pool_start(cfg->workers ? cfg->workers : 2)) {
		fprintf(stderr, "junheng: cannot start threads\n");
		return 1;
	}

	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
	        MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 4),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)128,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * KiB),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, en ? "junheng: cannot listen on %s\n"
		                   : "junheng: 无法在 %s 上监听\n", cfg->listen);
		pool_stop();
		jh_throttle_free(srv.throttle);
		srv_cache_free();
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	/* The English line first, always: scripts and tests read it. */
	printf(v6 ? "listening on http://[%s]:%u\n" : "listening on http://%s:%u\n",
	       host, info ? (unsigned)info->port : 0u);
	if (!en)
		printf(v6 ? "正在监听 http://[%s]:%u ,按 Ctrl-C 停止\n"
		          : "正在监听 http://%s:%u ,按 Ctrl-C 停止\n",
		       host, info ? (unsigned)info->port : 0u);
	fflush(stdout);

	sigdelset(&set, SIGPIPE);
	while (sigwait(&set, &sig) || (sig != SIGTERM && sig != SIGINT))
		;
	ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	for (int i = 0; i < 6000; i++) {
		long n;
		struct timespec ts = {0, 10 * 1000 * 1000};
		pthread_mutex_lock(&inflight_lock);
		n = inflight;
		pthread_mutex_unlock(&inflight_lock);
		if (!n)
			break;
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	pool_stop();
	threads_close();
	srv_cache_free();
	srv_years_free();
	jh_throttle_free(srv.throttle);
	pthread_mutex_destroy(&srv.write_lock);
	fprintf(stderr, en ? "junheng: stopped\n" : "junheng: 已停止\n");
	return 0;
}
