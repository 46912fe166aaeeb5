/*
** text.c — character encodings and display width.
**
** Officials' files come as UTF-8 (with or without BOM) or as GB18030, the
** encoding Excel on Chinese Windows writes for "CSV".  Detection is simple
** and safe: valid UTF-8 is taken as UTF-8 (GB18030 text of any length is
** almost never valid UTF-8); anything else is decoded as GB18030 with
** iconv, and bytes that decode as neither are an error, never guessed.
**
** Two more that Excel writes:
**   - "Unicode 文本" (Unicode text): UTF-16 LE with a BOM, tab-separated.
**     A UTF-16 BOM (FF FE or FE FF) is decisive: decoded with iconv, and
**     the caller reads tabs (see *encoding).
**   - Big5, from Taiwan and Hong Kong offices or old traditional-Chinese
**     Windows.  Nearly every Big5 byte pair is also a GB18030 pair, so
**     GB18030 "decodes" it into nonsense (臺灣學校 becomes 籓芖厩).  The
**     two are told apart by which decoding is plausible: GB18030 text
**     from a mainland office is almost all GB2312 (both bytes A1–FE),
**     while about half of Big5's common characters have a trail byte in
**     40–7E, which GB18030 reads as rare GBK-extension characters.  When
**     more than a fifth of the double-byte pairs fall outside GB2312 and
**     the bytes are valid Big5, the file is refused as Big5 with a
**     message saying how to save it as UTF-8; never converted, since a
**     wrong guess would store nonsense.
*/
#include "util_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

int jh_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	while (p < e) {
		unsigned c = *p;
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(e - p) <= k)
			return 0;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		p += k + 1;
	}
	return 1;
}

static jh_code copy_out(const char *p, size_t n, char **out, size_t *outlen)
{
	char *s = malloc(n + 1);

	if (!s)
		return JH_ERR_NOMEM;
	memcpy(s, p, n);
	s[n] = '\0';
	*out = s;
	if (outlen)
		*outlen = n;
	return JH_OK;
}

/* Decode with iconv from `from` into a malloc'd UTF-8 string.  A UTF-16
 * unit of 2 bytes gives at most 3 UTF-8 bytes, a Big5 pair at most 3. */
static jh_code decode(const char *from, const char *p, size_t n, char **out,
                      size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap, left, inleft = n;
	char *buf, *dst, *src = (char *)p;

	if (cd == (iconv_t)-1)
		return JH_ERR_ENCODING;
	if (n > (SIZE_MAX - 8) / 2) {
		iconv_close(cd);
		return JH_ERR_NOMEM;
	}
	cap = n * 2 + 8;
	if (!(buf = malloc(cap))) {
		iconv_close(cd);
		return JH_ERR_NOMEM;
	}
	dst = buf;
	left = cap - 1;
	if (iconv(cd, &src, &inleft, &dst, &left) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &dst, &left) == (size_t)-1) {
		free(buf);
		iconv_close(cd);
		return JH_ERR_ENCODING;
	}
	iconv_close(cd);
	*dst = '\0';
	/* NULs inside are binary data, not text. */
	if (memchr(buf, '\0', (size_t)(dst - buf))) {
		free(buf);
		return JH_ERR_ENCODING;
	}
	*out = buf;
	if (outlen)
		*outlen = (size_t)(dst - buf);
	return JH_OK;
}

static jh_code from_gb18030(const char *p, size_t n, char **out,
                            size_t *outlen)
{
	size_t len;
	jh_code rc = decode("GB18030", p, n, out, &len);

	if (rc)
		return rc;
	if (outlen)
		*outlen = len;
	/* Decoded text holding C0 controls other than tab/CR/LF is binary
	 * data that happened to decode. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)(*out)[i];
		if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
			free(*out);
			*out = NULL;
			return JH_ERR_ENCODING;
		}
	}
	return JH_OK;
}

/* Short GB18030 text can also be valid UTF-8: "学校" is D1A7 D0A3 in
 * GB18030, which UTF-8 reads as the Cyrillic "ѧУ".  Officials' files hold
 * Chinese, so valid UTF-8 whose non-ASCII characters are all two-byte
 * sequences (Latin, Greek, Cyrillic…; no CJK at all) and that also decodes
 * as GB18030 is taken as GB18030.  Real UTF-8 Chinese text uses three-byte
 * sequences and is never affected. */
static int looks_like_gb18030(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t two = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] >= 0xE0)
			return 0;               /* a 3- or 4-byte sequence */
		if (p[i] >= 0xC2 && p[i] <= 0xDF)
			two++;
	}
	if (!two)
		return 0;
	/* Every byte of a two-byte UTF-8 sequence is in GB18030's range for
	 * a double-byte character (lead 81–FE, trail 40–FE), so decoding
	 * will be checked by iconv below. */
	char *out = NULL;
	size_t len;
	if (from_gb18030(s, n, &out, &len) != JH_OK)
		return 0;
	free(out);
	return 1;
}

/* 1 when bytes that are not UTF-8 read better as Big5 than as GB18030
 * (the rule is in the comment at the top of this file). */
static int looks_like_big5(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t pairs = 0, outside = 0;
	char *tmp = NULL;

	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x81)
			continue;
		if (i + 1 >= n)
			break;
		/* A GB18030 four-byte sequence has a digit second: not Big5. */
		if (p[i + 1] >= 0x30 && p[i + 1] <= 0x39)
			return 0;
		pairs++;
		if (p[i] < 0xA1 || p[i + 1] < 0xA1)
			outside++;
		i++;
	}
	if (!pairs || outside * 5 <= pairs)
		return 0;
	if (decode("BIG5", s, n, &tmp, NULL) != JH_OK)
		return 0;
	free(tmp);
	return 1;
}

jh_code jh_to_utf8(const char *p, size_t n, char **out, size_t *outlen,
                   const char **encoding)
{
	jh_code rc;

	*out = NULL;
	/* UTF-16 with a BOM: Excel's "Unicode text" (its NULs are text). */
	if (n >= 2 && ((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE)) {
		if (encoding)
			*encoding = "UTF-16LE";
		return decode("UTF-16LE", p + 2, n - 2, out, outlen);
	}
	if (n >= 2 && ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF)) {
		if (encoding)
			*encoding = "UTF-16BE";
		return decode("UTF-16BE", p + 2, n - 2, out, outlen);
	}
	/* Before the BOM test: NULs are binary, whatever the first bytes. */
	if (memchr(p, '\0', n))
		return JH_ERR_ENCODING;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		if (!jh_utf8_valid(p + 3, n - 3))
			return JH_ERR_ENCODING;
		if (encoding)
			*encoding = "UTF-8";
		return copy_out(p + 3, n - 3, out, outlen);
	}
	if (jh_utf8_valid(p, n) && !looks_like_gb18030(p, n)) {
		if (encoding)
			*encoding = "UTF-8";
		return copy_out(p, n, out, outlen);
	}
	if (looks_like_big5(p, n)) {
		if (encoding)
			*encoding = "BIG5";
		return JH_ERR_ENCODING;
	}
	rc = from_gb18030(p, n, out, outlen);
	if (rc == JH_OK && encoding)
		*encoding = "GB18030";
	return rc;
}

/* East Asian Wide and Fullwidth ranges that occur in our text: CJK,
 * Hangul, fullwidth forms and CJK punctuation. */
static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) ||
	       (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	       (cp >= 0x20000 && cp <= 0x3FFFD);
}

int jh_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (*p) {
		unsigned cp;
		int k;

		if (*p < 0x80) {
			cp = *p;
			k = 0;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = *p & 0x1F;
			k = 1;
		} else if ((*p & 0xF0) == 0xE0) {
			cp = *p & 0x0F;
			k = 2;
		} else {
			cp = *p & 0x07;
			k = 3;
		}
		p++;
		while (k-- > 0 && (*p & 0xC0) == 0x80)
			cp = (cp << 6) | (*p++ & 0x3F);
		/* ✔ and ✘ render narrow in most terminals. */
		w += wide(cp) ? 2 : 1;
	}
	return w;
}
