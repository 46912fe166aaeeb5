/*
** main.c — the junheng command: dispatch to cmd_* by subcommand.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int, char **, struct cli *);
	const char *help_zh, *help_en;
} commands[] = {
	{"eval", cmd_eval, "评估资源配置:各校七项指标与县域差异系数",
	 "evaluate resource allocation: seven indicators and county coefficients"},
};

static void usage(FILE *f, const struct cli *cli)
{
	int en = !strcmp(cli->lang, "en");

	fprintf(f, en ? "usage: junheng [--lang zh|en] COMMAND [ARGS]\n\ncommands:\n"
	              : "用法:junheng [--lang zh|en] 命令 [参数]\n\n命令:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		        en ? commands[i].help_en : commands[i].help_zh);
	fprintf(f, en ? "\n'junheng COMMAND --help' describes a command.\n"
	              : "\n“junheng 命令 --help”查看命令说明。\n");
}

int main(int argc, char **argv)
{
	struct cli cli = {"zh"};
	int i = 1;

	/* --lang may come first or anywhere after the command. */
	for (int k = 1; k < argc; k++)
		if (!strcmp(argv[k], "--lang") && k + 1 < argc)
			cli.lang = !strcmp(argv[k + 1], "en") ? "en" : "zh";
		else if (!strncmp(argv[k], "--lang=", 7))
			cli.lang = !strcmp(argv[k] + 7, "en") ? "en" : "zh";
	while (i < argc && !strcmp(argv[i], "--lang"))
		i += 2;
	while (i < argc && !strncmp(argv[i], "--lang=", 7))
		i++;
	if (i >= argc) {
		usage(stderr, &cli);
		return EXIT_INPUT;
	}
	if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
	    !strcmp(argv[i], "help")) {
		usage(stdout, &cli);
		return EXIT_OK;
	}
	if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "version")) {
		printf("junheng %s\n", JH_VERSION);
		return EXIT_OK;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(argc - i, argv + i, &cli);
	cli_error(&cli, "未知命令“%s”", "unknown command '%s'", argv[i]);
	usage(stderr, &cli);
	return EXIT_INPUT;
}
