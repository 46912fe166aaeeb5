/*
** names.c — matching the header cells of officials' spreadsheets.
**
** Headers arrive with full-width brackets, stray spaces and BOMs; every
** template loader compares them after jhNorm.
*/
#include "io_int.h"

#include <string.h>

void jhNorm(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	while (*s && o + 4 < cap) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
		} else if (!strncmp(s, "\xE3\x80\x80", 3)) {       /* U+3000 */
			s += 3;
		} else if (!strncmp(s, "\xEF\xBB\xBF", 3)) {       /* stray BOM */
			s += 3;
		} else if (!strncmp(s, "\xEF\xBC\x88", 3)) {       /* （ */
			out[o++] = '(';
			s += 3;
		} else if (!strncmp(s, "\xEF\xBC\x89", 3)) {       /* ） */
			out[o++] = ')';
			s += 3;
		} else {
			char c = *s++;
			out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		}
	}
	out[o] = '\0';
}

void jhTrimCopy(const char *s, char *out, size_t cap)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

int jhMatchNames(const char *s, const char *const *lists, int nlists, int width)
{
	char a[256], b[256];

	jhNorm(s, a, sizeof a);
	for (int c = 0; c < nlists; c++)
		for (int k = 0; k < width && lists[c * width + k]; k++) {
			jhNorm(lists[c * width + k], b, sizeof b);
			if (!strcmp(a, b))
				return c;
		}
	return -1;
}
