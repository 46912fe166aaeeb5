/*
** test_out.c — the output path: shortest round-trip numbers (jhNumber,
** jh_format_number), the chunked writer (jh_out) and JSON on it (jhJson).
**
** Expected texts are derived in the comments from the double's exact
** binary value, never copied from the code's output; every number is
** also read back with strtod.
*/
#include "testutil.h"
#include "util/util_int.h"

static void check_number(double v, const char *want)
{
	char b[JH_NUMBER_MAX];
	size_t n = jhNumber(v, b);

	assert_string_equal(b, want);
	assert_int_equal(n, strlen(want));
	assert_true(strtod(b, NULL) == v);
	assert_int_equal(signbit(strtod(b, NULL)) != 0, signbit(v) != 0);
}

static void test_number_hand_picked(void **state)
{
	(void)state;
	/* 0.1 + 0.2 = 0.3000000000000000444089209850062616169…; the double
	 * below it is 0.29999999999999998889776975… (= 0.3 as typed), so 16
	 * digits ("0.3000000000000000") name the wrong one: 17 needed. */
	check_number(0.1 + 0.2, "0.30000000000000004");
	/* 4.2 is stored as 4.20000000000000017763568394002504646778106689453125
	 * and 0.9 as 0.90000000000000002220446049250313080847263336181640625:
	 * "4.2" and "0.9" read back as those doubles, %.17g would show
	 * 4.2000000000000002 and 0.90000000000000002. */
	check_number(4.2, "4.2");
	check_number(0.9, "0.9");
	check_number(0.45, "0.45");
	/* 10^21 = 2^21 · 5^21 and 5^21 < 2^53: exact; decimal exponent
	 * 21 >= 15, so %g's exponent form. */
	check_number(1e21, "1e+21");
	/* 10^23 is not a double: the nearest is 99999999999999991611392, and
	 * "1e+23" reads back as it (the next double is 2^24 = 16777216
	 * further, 100000000000000008388608). */
	check_number(1e23, "1e+23");
	/* The least subnormal 2^-1074 = 4.9406564584124654e-324; every real
	 * within half of it reads back as it, 5e-324 among them. */
	check_number(5e-324, "5e-324");
	/* 2 · 2^-1074 = 9.88e-324: 1e-323 is 0.12e-324 away, under half. */
	check_number(2 * 5e-324, "1e-323");
	/* The largest double (2 - 2^-52) · 2^1023 and the least normal
	 * 2^-1022, as C's <float.h> writes them to 17 digits. */
	check_number(1.7976931348623157e308, "1.7976931348623157e+308");
	check_number(2.2250738585072014e-308, "2.2250738585072014e-308");
	/* Zeros keep their sign; integers have no decimal point; below
	 * 1e15 (and up to 2^53 = 9007199254740992, 16 digits) in plain
	 * digits, 1e15 itself is one digit with exponent 15 >= 15. */
	check_number(0.0, "0");
	check_number(-0.0, "-0");
	check_number(2483, "2483");
	check_number(-6000000, "-6000000");
	check_number(123456789012345, "123456789012345");
	check_number(9007199254740992.0, "9007199254740992");
	check_number(1e15, "1e+15");
	/* 2^-25 = 2.98023223876953125e-08 exactly (18 digits); 17 suffice
	 * and round half to even: …53125 → …5312. */
	check_number(0x1p-25, "2.9802322387695312e-08");
	/* Down to 1e-4 in plain digits, below that exponents of two digits
	 * at least, as printf's %g. */
	check_number(0.0001, "0.0001");
	check_number(0.00001, "1e-05");
	check_number(1.0 / 3, "0.3333333333333333");
	check_number(-2.0 / 3, "-0.6666666666666666");
}

/* No shorter text reads back: for every digit count below the chosen
 * one, the nearest decimal of that many digits (%.*e, correctly rounded)
 * is another double.  Checked on bit patterns spread over the whole
 * range and on ratios of small integers such as the reports hold. */
static void test_number_shortest(void **state)
{
	uint64_t s = 0x6E756D626572ull;
	char b[JH_NUMBER_MAX], r[64];

	(void)state;
	for (int i = 0; i < 20000; i++) {
		double v;
		uint64_t x;
		int digits = 0;

		s = s * 6364136223846793005ull + 1442695040888963407ull;
		x = s ^ (s >> 29);
		if (i & 1) {
			memcpy(&v, &x, sizeof v);
			if (!isfinite(v))
				continue;
		} else {
			v = (double)(x >> 44) / (double)((x & 1023) + 1);
		}
		jhNumber(v, b);
		assert_true(strtod(b, NULL) == v);
		{
			/* Significant digits: not the leading zeros of 0.000x
			 * nor the trailing ones of 5590. */
			char sig[32];
			int n = 0;
			for (const char *p = b; *p && *p != 'e'; p++)
				if (*p >= '0' && *p <= '9' && (n || *p != '0'))
					sig[n++] = *p;
			while (n > 1 && sig[n - 1] == '0')
				n--;
			digits = n;
		}
		for (int d = 1; d < digits; d++) {
			snprintf(r, sizeof r, "%.*e", d - 1, v);
			if (strtod(r, NULL) == v)
				fail_msg("%a: %s, but %s reads back too", v, b, r);
		}
	}
}

static void test_integer(void **state)
{
	static const long long v[] = {0, 7, -7, 10, 99, 100, 2024, -100000000,
	                              123456789012345678LL, 9223372036854775807LL,
	                              -9223372036854775807LL - 1};
	char b[JH_NUMBER_MAX], r[32];

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		snprintf(r, sizeof r, "%lld", v[i]);
		assert_int_equal(jhInteger(v[i], b), strlen(r));
		assert_string_equal(b, r);
	}
}

static void test_format_number_caps(void **state)
{
	char b[8];

	(void)state;
	jh_format_number(0.1 + 0.2, b, sizeof b);
	assert_string_equal(b, "0.30000");     /* cut to cap - 1 */
	jh_format_number(NAN, b, sizeof b);
	assert_string_equal(b, "nan");
	jh_format_number(-INFINITY, b, sizeof b);
	assert_string_equal(b, "-inf");
}

/* jhFixed is printf's %.Nf, faster: the exact binary value rounded,
 * ties to even. */
/* Grouping by thousands, worked by hand: 7,472,187 is 7 | 472 | 187;
 * 1234.5 at 2 decimals is "1,234.50"; three digits or fewer get no comma;
 * 999999.996 at 2 decimals rounds up past a group: 1,000,000.00. */
static void test_grouped(void **state)
{
	char b[JH_NUMBER_MAX];

	(void)state;
	jhGrouped(7472187, 0, b);
	assert_string_equal(b, "7,472,187");
	jhGrouped(-1234.5, 2, b);
	assert_string_equal(b, "-1,234.50");
	jhGrouped(999, 0, b);
	assert_string_equal(b, "999");
	jhGrouped(1000, 0, b);
	assert_string_equal(b, "1,000");
	jhGrouped(0.5, 2, b);
	assert_string_equal(b, "0.50");
	jhGrouped(123456, 1, b);
	assert_string_equal(b, "123,456.0");
	jhGrouped(999999.996, 2, b);
	assert_string_equal(b, "1,000,000.00");
}

static void test_fixed(void **state)
{
	static const struct { double v; int d; const char *s; } cases[] = {
		/* 2.675 is 2.67499999999999982236431605997495353221893310546875 */
		{2.675, 2, "2.67"},
		/* 1.005 is 1.00499999999999989341858963598497211933135986328125 */
		{1.005, 2, "1.00"},
		/* 0.125 = 1/8 is exact: a true tie, to even */
		{0.125, 2, "0.12"},
		{0.375, 2, "0.38"},
		{2.5, 0, "2"},
		{3.5, 0, "4"},
		{1699, 2, "1699.00"},
		{-0.001, 2, "-0.00"},        /* printf keeps the sign */
		{-0.0, 1, "-0.0"},
		{1e300, 0, "1000000000000000052504760255204420248704468581108159154915854115111802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115467196834763571024"},
	};
	char b[JH_NUMBER_MAX], r[64];
	uint64_t s = 0x6669786564ull;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		jhFixed(cases[i].v, cases[i].d, b);
		/* the last case is longer than the buffer: cut, as snprintf */
		assert_int_equal(strncmp(b, cases[i].s, sizeof b - 1), 0);
	}
	/* And as printf on ratios such as the reports hold, and on exact
	 * ties of 1/8ths and 1/16ths. */
	for (int i = 0; i < 100000; i++) {
		double v;
		int d = i % 5;
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		if (i % 3 == 0)
			v = (double)(s >> 40) / (double)((s >> 8 & 4095) + 1);
		else if (i % 3 == 1)
			v = (double)(s >> 44) / 16.0 * (s & 1 ? -1 : 1);
		else
			v = (double)(s >> 12) * 1e-7;
		jhFixed(v, d, b);
		snprintf(r, sizeof r, "%.*f", d, v);
		if (strcmp(b, r))
			fail_msg("%a to %d decimals: %s, printf %s", v, d, b, r);
	}
}

/* --- the writer --------------------------------------------------------- */

struct rec {
	jh_buf all;          /* everything the sink got, in order */
	size_t calls, largest, first_call_at;
	int fail_after;      /* fail from this call on (0: never) */
};

static int rec_sink(void *ctx, const char *p, size_t n)
{
	struct rec *r = ctx;

	r->calls++;
	if (r->fail_after && (int)r->calls >= r->fail_after)
		return -1;
	if (r->calls == 1)
		r->first_call_at = n;
	if (n > r->largest)
		r->largest = n;
	jh_buf_add(&r->all, p, n);
	return 0;
}

/* 200,000 bytes written 1 to 17 bytes at a time reach the sink in order,
 * in chunks of exactly 65,536 bytes but the last: 3 full chunks
 * (196,608) and 3,392 at the close. */
static void test_out_chunks(void **state)
{
	struct rec r = {JH_BUF_INIT, 0, 0, 0, 0};
	jh_out *o = jh_out_new(rec_sink, &r);
	jh_buf want = JH_BUF_INIT;
	size_t n = 0;

	(void)state;
	assert_non_null(o);
	for (int i = 0; n < 200000; i++) {
		char piece[17];
		size_t len = (size_t)(i % 17) + 1;
		if (len > 200000 - n)
			len = 200000 - n;
		for (size_t k = 0; k < len; k++)
			piece[k] = (char)('a' + (n + k) % 26);
		jh_out_add(o, piece, len);
		jh_buf_add(&want, piece, len);
		n += len;
		if (n < 65536)
			assert_int_equal(r.calls, 0);   /* nothing before a chunk fills */
	}
	assert_int_equal(r.calls, 3);
	assert_int_equal(jh_out_close(o), JH_OK);
	assert_int_equal(r.calls, 4);
	assert_int_equal(r.first_call_at, 65536);
	assert_int_equal(r.largest, 65536);
	assert_int_equal(r.all.len, 200000);
	assert_memory_equal(r.all.data, want.data, 200000);
	jh_buf_free(&want);
	jh_buf_free(&r.all);
}

/* A write of a chunk or more into an empty chunk goes to the sink as it
 * is; otherwise writes are split at the chunk's end, formatted ones too,
 * and the sink gets the bytes in the order written. */
static void test_out_order(void **state)
{
	struct rec r = {JH_BUF_INIT, 0, 0, 0, 0};
	jh_out *o = jh_out_new(rec_sink, &r);
	jh_buf want = JH_BUF_INIT;
	char *big = malloc(100000), *fill = malloc(31060);

	(void)state;
	assert_non_null(big);
	assert_non_null(fill);
	memset(big, 'B', 100000);
	memset(fill, 'f', 31060);
	jh_out_add(o, big, 100000);                  /* empty chunk: direct */
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.largest, 100000);
	jh_out_adds(o, "head;");
	jh_out_add(o, big, 100000);   /* 5 + 65531 fill a chunk, 34469 stay */
	assert_int_equal(r.calls, 2);
	assert_int_equal(r.all.len, 100000 + 65536);
	jh_out_addf(o, "<%d>", 42);                  /* 34473 */
	jh_out_add(o, fill, 31060);                  /* 65533: 3 left */
	assert_int_equal(r.calls, 2);
	/* 2.25 is exact: to 1 decimal half to even, 2.2; 9 bytes, 3 of them
	 * end this chunk. */
	jh_out_addf(o, "[%s|%05.1f]", "x", 2.25);
	assert_int_equal(r.calls, 3);
	assert_int_equal(r.all.len, 100000 + 2 * 65536);
	assert_int_equal(jh_out_flush(o), JH_OK);
	assert_int_equal(r.calls, 4);
	assert_int_equal(jh_out_close(o), JH_OK);    /* nothing left: no call */
	assert_int_equal(r.calls, 4);
	jh_buf_add(&want, big, 100000);
	jh_buf_adds(&want, "head;");
	jh_buf_add(&want, big, 100000);
	jh_buf_adds(&want, "<42>");
	jh_buf_add(&want, fill, 31060);
	jh_buf_adds(&want, "[x|002.2]");
	assert_int_equal(r.all.len, want.len);
	assert_memory_equal(r.all.data, want.data, want.len);
	free(big);
	free(fill);
	jh_buf_free(&want);
	jh_buf_free(&r.all);
}

/* A failing sink is reported once, at the end; later writes are dropped. */
static void test_out_sink_fails(void **state)
{
	struct rec r = {JH_BUF_INIT, 0, 0, 0, 2};
	jh_out *o = jh_out_new(rec_sink, &r);

	(void)state;
	for (int i = 0; i < 100000; i++)
		jh_out_addf(o, "%d,", i);
	assert_int_equal(jh_out_error(o), JH_ERR_IO);
	assert_int_equal(r.calls, 2);                 /* no call after the failure */
	assert_int_equal(jh_out_close(o), JH_ERR_IO);
	assert_int_equal(r.all.len, 65536);
	jh_buf_free(&r.all);
}

/* Into a jh_buf: appended after what it held, grown as needed, NUL
 * terminated; padding and CSV quoting as the jh_buf functions. */
static void test_out_buf(void **state)
{
	jh_buf b = JH_BUF_INIT;
	jh_out *o;
	char *long_text = malloc(70001);

	(void)state;
	assert_non_null(long_text);
	memset(long_text, 'L', 70000);
	long_text[70000] = '\0';
	jh_buf_adds(&b, "before|");
	o = jh_out_new_buf(&b);
	assert_non_null(o);
	jh_out_addpad(o, "县", 4, 1);                /* 2 columns + 2 spaces */
	jh_out_addc(o, '|');
	jh_out_addcsv(o, "a,\"b\"");
	jh_out_addc(o, '|');
	jh_out_addnum(o, 0.1 + 0.2);
	jh_out_addf(o, "|%s|", long_text);
	assert_int_equal(jh_out_flush(o), JH_OK);
	/* 7 + "  县" 5 + 1 + "a,""b""" quoted 9 + 1 + 19 + 70002 */
	assert_int_equal(b.len, 7 + 5 + 1 + 9 + 1 + 19 + 70002);
	assert_int_equal(jh_out_close(o), JH_OK);
	{
		static const char head[] =
			"before|  县|\"a,\"\"b\"\"\"|0.30000000000000004|LL";
		assert_memory_equal(b.data, head, sizeof head - 1);
	}
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(b.data[b.len - 1], '|');
	free(long_text);
	jh_buf_free(&b);
}

/* --- JSON -------------------------------------------------------------- */

static void json_doc(jh_out *o, int indent)
{
	jhJson j;

	jhJsonInit(&j, o, indent);
	jhJsonOpen(&j, '{');
	jhJsonKey(&j, "a");
	jhJsonOpen(&j, '[');
	jhJsonNum(&j, 26868);
	jhJsonNum(&j, 4.2);
	jhJsonNum(&j, NAN);
	jhJsonStr(&j, "x\"\\/\n\x01中");
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "b");
	jhJsonOpen(&j, '{');
	jhJsonClose(&j, '}');
	jhJsonKey(&j, "c");
	jhJsonOpen(&j, '[');
	jhJsonClose(&j, ']');
	jhJsonKey(&j, "d");
	jhJsonStr(&j, NULL);
	jhJsonKey(&j, "e");
	jhJsonBool(&j, 0);
	jhJsonKey(&j, "f");
	jhJsonInt(&j, -7);
	jhJsonClose(&j, '}');
}

static void test_json(void **state)
{
	jh_buf b = JH_BUF_INIT;
	jh_out *o = jh_out_new_buf(&b);

	(void)state;
	json_doc(o, 0);
	assert_int_equal(jh_out_close(o), JH_OK);
	/* Whole numbers keep ".0" so that a reader still sees a real; NaN is
	 * null; '"', '\\', newline and U+0001 escaped, '/' and UTF-8 not. */
	assert_string_equal(b.data,
		"{\"a\":[26868.0,4.2,null,\"x\\\"\\\\/\\n\\u0001中\"],"
		"\"b\":{},\"c\":[],\"d\":null,\"e\":false,\"f\":-7}");
	jh_buf_reset(&b);
	o = jh_out_new_buf(&b);
	json_doc(o, 2);
	assert_int_equal(jh_out_close(o), JH_OK);
	assert_string_equal(b.data,
		"{\n"
		"  \"a\": [\n"
		"    26868.0,\n"
		"    4.2,\n"
		"    null,\n"
		"    \"x\\\"\\\\/\\n\\u0001中\"\n"
		"  ],\n"
		"  \"b\": {},\n"
		"  \"c\": [],\n"
		"  \"d\": null,\n"
		"  \"e\": false,\n"
		"  \"f\": -7\n"
		"}");
	/* Strings are scanned 8 bytes at a time: escapes after the first 8,
	 * 16 and in the tail are found, UTF-8 bytes are not escapes. */
	jh_buf_reset(&b);
	o = jh_out_new_buf(&b);
	jhOutJsonString(o, "01234567\"9abcdef0123456789ab\\cdef\x1f");
	jhOutJsonString(o, "学校学校学校学校");
	assert_int_equal(jh_out_close(o), JH_OK);
	assert_string_equal(b.data,
		"\"01234567\\\"9abcdef0123456789ab\\\\cdef\\u001f\""
		"\"学校学校学校学校\"");
	jh_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_hand_picked),
		cmocka_unit_test(test_number_shortest),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_format_number_caps),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_grouped),
		cmocka_unit_test(test_out_chunks),
		cmocka_unit_test(test_out_order),
		cmocka_unit_test(test_out_sink_fails),
		cmocka_unit_test(test_out_buf),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
