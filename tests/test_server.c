/*
** test_server.c — the web server's input checks, without a socket: the
** percent-decoder, the typed validators, route matching (404/405/400 and
** the decoded parameters), JSON body shapes and cell values, and the
** problems a response may show.  The live server is tested end to end by
** tests/api (every endpoint, the authorization matrix, hostile input).
*/
#include "testutil.h"
#include "server.h"
#include <zlib.h>

static void test_unescape(void **state)
{
	char out[32];

	(void)state;
	/* Plain text and escapes decode; %2f is a slash inside one segment
	 * (the router decodes segments after splitting). */
	assert_int_equal(srv_unescape("369904", 6, out, sizeof out), 6);
	assert_string_equal(out, "369904");
	assert_int_equal(srv_unescape("a%2fb", 5, out, sizeof out), 3);
	assert_string_equal(out, "a/b");
	assert_int_equal(srv_unescape("%e4%ba%91", 9, out, sizeof out), 3);
	assert_string_equal(out, "\xe4\xba\x91");   /* 云 */
	/* NUL, bad or cut escapes, invalid or overlong UTF-8, no room. */
	assert_int_equal(srv_unescape("a%00b", 5, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%zz", 3, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%4", 2, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%", 1, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%ff%fe", 6, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%c0%ae", 6, out, sizeof out), -1);
	assert_int_equal(srv_unescape("%e4%b8", 6, out, sizeof out), -1);
	assert_int_equal(srv_unescape("0123456789", 10, out, 10), -1);
}

static void test_validators(void **state)
{
	int y = 0;

	(void)state;
	assert_true(srv_valid_year("1990", &y));
	assert_int_equal(y, 1990);
	assert_true(srv_valid_year("2100", &y));
	assert_false(srv_valid_year("1989", &y));
	assert_false(srv_valid_year("2101", &y));
	assert_false(srv_valid_year("02024", &y));
	assert_false(srv_valid_year("2024 ", &y));
	assert_false(srv_valid_year("+2024", &y));
	assert_true(srv_valid_area("369904"));
	assert_false(srv_valid_area("36990"));
	assert_false(srv_valid_area("3699041"));
	assert_false(srv_valid_area("36990a"));
	assert_true(srv_valid_school("2136990401"));
	assert_true(srv_valid_school("a-B_9"));
	assert_true(srv_valid_school("12345678901234567890123456789012"));   /* 32 */
	assert_false(srv_valid_school("123456789012345678901234567890123")); /* 33 */
	assert_false(srv_valid_school(""));
	assert_false(srv_valid_school("../x"));
	assert_false(srv_valid_school("<script>"));
	assert_true(srv_valid_name("云岭县督导室"));
	assert_false(srv_valid_name("a/b"));
	assert_false(srv_valid_name(" a"));
	assert_false(srv_valid_name("a\tb"));
	assert_false(srv_valid_text("", 10));
	assert_false(srv_valid_text("\xff", 10));
	assert_false(srv_valid_text("12345678901", 10));
}

/* Route a request; the status 0 when it matched. */
static unsigned route(struct req *r, const char *method, const char *path,
                      const struct route **out)
{
	unsigned status = 0;
	const char *allow = NULL;

	memset(r, 0, sizeof *r);
	r->lang = "zh";
	*out = srv_route(r, method, path, &status, &allow);
	if (*out)
		return 0;
	if (!status)
		status = r->status;
	jh_buf_free(&r->out);
	return status;
}

static void test_router(void **state)
{
	const struct route *rt;
	struct req r;

	(void)state;
	assert_int_equal(route(&r, "GET", "/api/v1/counties/369904/verdict", &rt), 0);
	assert_ptr_equal(rt->fn, h_county_verdict);
	assert_int_equal(r.nparam, 1);
	assert_string_equal(r.param[0], "369904");
	assert_int_equal(route(&r, "PATCH", "/api/v1/schools/2136990401/years/2024", &rt), 0);
	assert_string_equal(r.param[0], "2136990401");
	assert_string_equal(r.param[1], "2024");
	/* A percent-encoded name is decoded for the handler. */
	assert_int_equal(route(&r, "PATCH", "/api/v1/users/%E4%BA%91", &rt), 0);
	assert_string_equal(r.param[0], "\xe4\xba\x91");
	/* The shape with another method: 405 (GET and POST /users exist). */
	assert_int_equal(route(&r, "DELETE", "/api/v1/users", &rt), 405);
	assert_int_equal(route(&r, "PUT", "/api/v1/me", &rt), 405);
	/* No such shape: 404, a trailing slash and empty segments too. */
	assert_int_equal(route(&r, "GET", "/api/v1/nothing", &rt), 404);
	assert_int_equal(route(&r, "GET", "/api/v1/me/", &rt), 404);
	assert_int_equal(route(&r, "GET", "/api/v1//me", &rt), 404);
	assert_int_equal(route(&r, "GET", "/api/v2/me", &rt), 404);
	/* The shape with a parameter that fails its check: 400, whatever
	 * its encoding. */
	assert_int_equal(route(&r, "GET", "/api/v1/counties/12345/verdict", &rt), 400);
	assert_int_equal(route(&r, "GET", "/api/v1/counties/%2e%2e/verdict", &rt), 400);
	assert_int_equal(route(&r, "GET", "/api/v1/schools/a%2fb", &rt), 400);
	assert_int_equal(route(&r, "GET", "/api/v1/schools/a%00", &rt), 400);
	assert_int_equal(route(&r, "PATCH", "/api/v1/schools/1/years/1989", &rt), 400);
	/* A raw "/" in a parameter is another path. */
	assert_int_equal(route(&r, "GET", "/api/v1/counties/../369904/verdict", &rt), 404);
}

static void test_fields(void **state)
{
	static const struct srv_field f[] = {
		{"name", F_TEXT, 1, 8},
		{"n", F_INT, 0, 100},
		{"on", F_BOOL, 0, 0},
		{NULL, 0, 0, 0},
	};
	struct req r;
	json_t *j;

	(void)state;
	memset(&r, 0, sizeof r);
	j = json_loads("{\"name\":\"ok\",\"n\":100,\"on\":true}", 0, NULL);
	assert_int_equal(srv_fields(&r, j, f), 0);
	assert_false(r.answered);
	json_decref(j);
	/* Each wrong thing is a 400: an unknown key, a missing required
	 * one, a wrong type, a number past its bound, text too long. */
	static const char *const bad[] = {
		"{\"name\":\"ok\",\"x\":1}", "{\"n\":1}", "{\"name\":1}",
		"{\"name\":\"ok\",\"n\":101}", "{\"name\":\"ok\",\"n\":-1}",
		"{\"name\":\"123456789\"}", "{\"name\":\"ok\",\"on\":\"yes\"}",
		"{\"name\":\"a\\u0001\"}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&r, 0, sizeof r);
		j = json_loads(bad[i], 0, NULL);
		assert_non_null(j);
		assert_int_equal(srv_fields(&r, j, f), -1);
		assert_int_equal(r.status, 400);
		assert_non_null(strstr(r.out.data, "\"code\":\"bad_body\""));
		jh_buf_free(&r.out);
		json_decref(j);
	}
}

static void test_cell_text(void **state)
{
	char out[64];
	json_t *v;

	(void)state;
	v = json_integer(42);
	assert_int_equal(srv_cell_text(v, out, sizeof out), 0);
	assert_string_equal(out, "42");
	json_decref(v);
	v = json_real(0.5);
	assert_int_equal(srv_cell_text(v, out, sizeof out), 0);
	assert_string_equal(out, "0.5");
	json_decref(v);
	v = json_null();
	assert_int_equal(srv_cell_text(v, out, sizeof out), 0);
	assert_string_equal(out, "");
	v = json_string("清空");
	assert_int_equal(srv_cell_text(v, out, sizeof out), 0);
	assert_string_equal(out, "清空");
	json_decref(v);
	/* 10^15 and past it, objects, booleans, control characters. */
	v = json_real(1e15);
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	json_decref(v);
	v = json_real(-1e308);
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	json_decref(v);
	v = json_integer(1000000000000000LL);
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	json_decref(v);
	v = json_true();
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	v = json_object();
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	json_decref(v);
	v = json_string("a\nb");
	assert_int_equal(srv_cell_text(v, out, sizeof out), -1);
	json_decref(v);
}

/* A database problem (its text holds a path and SQLite's words) is never
 * shown; an input problem is, with its place. */
static void test_problems(void **state)
{
	jh_diags d = JH_DIAGS_INIT;
	json_t *a;
	char *s;

	(void)state;
	jh_diags_add(&d, JH_P_STORE, "/srv/secret/j.db", NULL, 0, 0, NULL,
	             "SELECT * FROM account", NULL);
	jh_diags_add(&d, JH_P_NOT_NUMBER, "x.csv", NULL, 3, 5, "students_primary",
	             "abc", NULL);
	a = srv_problems(&d);
	assert_int_equal(json_array_size(a), 1);
	s = json_dumps(a, JSON_COMPACT);
	assert_null(strstr(s, "secret"));
	assert_null(strstr(s, "SELECT"));
	assert_non_null(strstr(s, "\"file\":\"x.csv\""));
	assert_non_null(strstr(s, "\"line\":3"));
	assert_non_null(strstr(s, "\"column_name\":\"students_primary\""));
	free(s);
	json_decref(a);
	jh_diags_free(&d);
}

/* Accept-Encoding as RFC 9110 §12.5.3 reads it: the token gzip (any case)
 * or *, unless its q is 0; an explicit gzip;q=0 wins over a *. */
static void test_accepts_gzip(void **state)
{
	(void)state;
	assert_true(srv_accepts_gzip("gzip"));
	assert_true(srv_accepts_gzip("gzip, deflate, br"));
	assert_true(srv_accepts_gzip("br, GZIP;q=0.5"));
	assert_true(srv_accepts_gzip("*"));
	assert_true(srv_accepts_gzip("deflate, gzip ; q=1.0"));
	assert_true(srv_accepts_gzip("gzip;q=0.001"));
	assert_false(srv_accepts_gzip(NULL));
	assert_false(srv_accepts_gzip(""));
	assert_false(srv_accepts_gzip("identity"));
	assert_false(srv_accepts_gzip("deflate, br"));
	assert_false(srv_accepts_gzip("gzip;q=0"));
	assert_false(srv_accepts_gzip("gzip; q=0.000"));
	assert_false(srv_accepts_gzip("*, gzip;q=0"));
	assert_false(srv_accepts_gzip("x-gzip"));
	assert_false(srv_accepts_gzip("gzipped"));
}

/* srv_gzip's output inflates back to the input (zlib's own inflate with
 * a gzip wrapper), and a repetitive JSON text shrinks. */
static void test_gzip_round_trip(void **state)
{
	jh_buf in = JH_BUF_INIT, gz = JH_BUF_INIT;
	unsigned char back[70000];
	z_stream z;

	(void)state;
	for (int i = 0; i < 1000; i++)
		jh_buf_addf(&in, "{\"code\":\"3699%02d\",\"name\":\"江城区\"},", i % 100);
	assert_int_equal(srv_gzip(in.data, in.len, &gz), 0);
	assert_true(gz.len < in.len / 10);
	assert_int_equal((unsigned char)gz.data[0], 0x1f);   /* gzip magic */
	assert_int_equal((unsigned char)gz.data[1], 0x8b);
	memset(&z, 0, sizeof z);
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)gz.data;
	z.avail_in = (uInt)gz.len;
	z.next_out = back;
	z.avail_out = sizeof back;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, in.len);
	assert_memory_equal(back, in.data, in.len);
	inflateEnd(&z);
	jh_buf_free(&in);
	jh_buf_free(&gz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_validators),
		cmocka_unit_test(test_router),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_cell_text),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_accepts_gzip),
		cmocka_unit_test(test_gzip_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
