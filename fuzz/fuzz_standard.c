/*
** fuzz_standard.c — libFuzzer target for the standards-file parser.
*/
#include "junheng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	jh_standard s;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;

	jh_standard_parse((const char *)data, size, "fuzz.std", NULL, &s, &d);
	jh_diags_format(&d, "zh", &b);
	jh_buf_free(&b);
	jh_diags_free(&d);
	return 0;
}
