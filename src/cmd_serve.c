/*
** cmd_serve.c — `junheng serve DB [--listen HOST:PORT] [--threads N]
**                [--static DIR] [--session-idle SECONDS] [--secure-cookie]
**                [--standard F] [--costs F]`: the web server (server/).
**
** Reads the options, the standard and the costs, opens the database once
** (to migrate it and to refuse a missing or damaged one before listening),
** then hands over to srv_run, which runs until SIGTERM or SIGINT.
*/
#include "cli.h"
#include "../server/server.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int number(const struct cli *cli, const char *flag, const char *v,
                  long lo, long hi, long *out)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;

	if (!v || !*v || *end || n < lo || n > hi) {
		cli_error(cli, "%s 应为 %ld 到 %ld 之间的整数", "%s takes a whole number from %ld to %ld",
		          flag, lo, hi);
		return -1;
	}
	*out = n;
	return 0;
}

int cmd_serve(int argc, char **argv, struct cli *cli)
{
	struct srv_config cfg = {NULL, "127.0.0.1:8080", 4, 2, NULL, 1800, 0, NULL, NULL, cli->lang};
	const char *std_path = NULL, *costs_path = NULL;
	jh_standard std;
	jh_costs costs;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_code rc;
	long n;
	struct stat st;
	sigset_t sigs;

	/* From here a SIGTERM or SIGINT waits for srv_run, which stops
	 * cleanly (exit 0) even when it came while the database opened. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return cli_usage(cli, "serve", 1);
		if (!strcmp(a, "--lang")) {
			i++;
		} else if (!strncmp(a, "--lang=", 7)) {
			continue;
		} else if (!strcmp(a, "--secure-cookie")) {
			cfg.secure_cookie = 1;
		} else if (!strcmp(a, "--listen") && v) {
			cfg.listen = v;
			i++;
		} else if (!strcmp(a, "--threads") && v) {
			if (number(cli, a, v, 1, 64, &n))
				return EXIT_INPUT;
			cfg.threads = (unsigned)n;
			i++;
		} else if (!strcmp(a, "--session-idle") && v) {
			if (number(cli, a, v, 1, SESSION_IDLE_MAX, &n))
				return EXIT_INPUT;
			cfg.session_idle = n;
			i++;
		} else if (!strcmp(a, "--static") && v) {
			cfg.static_dir = v;
			i++;
		} else if (!strcmp(a, "--standard") && v) {
			std_path = v;
			i++;
		} else if (!strcmp(a, "--costs") && v) {
			costs_path = v;
			i++;
		} else if (a[0] == '-' || cfg.db) {
			cli_error(cli, "无法识别的参数“%s”", "unexpected argument '%s'", a);
			return cli_usage(cli, "serve", 0);
		} else
			cfg.db = a;
	}
	if (!cfg.db)
		return cli_usage(cli, "serve", 0);
	if (cfg.static_dir && (stat(cfg.static_dir, &st) || !S_ISDIR(st.st_mode))) {
		cli_error(cli, "--static 应为一个目录:%s", "--static takes a directory: %s",
		          cfg.static_dir);
		return EXIT_INPUT;
	}
	if ((rc = cli_load_standard(std_path, &std, &d)) ||
	    (rc = jh_costs_default(&costs, &d)))
		goto fail;
	if (costs_path) {
		char *text = NULL;
		size_t len = 0;
		if (cli_read_file(costs_path, &text, &len)) {
			cli_error(cli, "无法读取单价文件 %s", "cannot read the costs file %s", costs_path);
			return EXIT_INPUT;
		}
		rc = jh_costs_parse(text, len, costs_path, &costs, &d);
		free(text);
		if (rc)
			goto fail;
	}
	cfg.std = &std;
	cfg.costs = &costs;
	/* Open once: migrate, and refuse a missing or damaged database now. */
	if ((rc = jh_store_open(cfg.db, &s, &d)))
		goto fail;
	jh_store_close(s);
	jh_diags_free(&d);
	return srv_run(&cfg);
fail:
	cli_fail(cli, rc, &d);
	jh_diags_free(&d);
	return cli_exit_status(rc);
}
