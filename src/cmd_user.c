/*
** cmd_user.c — `junheng user add|list|passwd|disable|enable DB ...`: the
** accounts of the web server, managed on the command line.
**
**   junheng user add DB NAME --role ROLE [--area CODE] --password-stdin
**   junheng user list DB [--format text|json]
**   junheng user passwd DB NAME --password-stdin
**   junheng user disable DB NAME      (and enable)
**
** Whoever can write the database file is its administrator: the command
** acts with every right (no policy check), and is recorded in the audit
** as account "" (no account can have that name).  The rules on names,
** roles, areas and passwords are lib/access's, the same as the server's.
**
** A password is read from standard input only, one line without its line
** end — never from an argument (which other users see in `ps`) — with
** echo off when standard input is a terminal; it is never printed or
** logged, and its buffer is wiped after use.
*/
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

struct useropts {
	const char *sub, *db, *name;
	const char *role, *area, *format;
	int password_stdin, help, bad;
};

static int parse(int argc, char **argv, struct useropts *o)
{
	int npos = 0;

	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--lang")) {
			i++;
		} else if (!strncmp(a, "--lang=", 7)) {
			continue;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = 1;
		} else if (!strcmp(a, "--password-stdin")) {
			o->password_stdin = 1;
		} else if (!strcmp(a, "--role") || !strcmp(a, "--area") ||
		           !strcmp(a, "--format")) {
			if (!v)
				return -1;
			*(a[2] == 'r' ? &o->role : a[2] == 'a' ? &o->area : &o->format) = v;
			i++;
		} else if (!strncmp(a, "--role=", 7)) {
			o->role = a + 7;
		} else if (!strncmp(a, "--area=", 7)) {
			o->area = a + 7;
		} else if (!strncmp(a, "--format=", 9)) {
			o->format = a + 9;
		} else if (a[0] == '-' && a[1]) {
			return -1;
		} else if (npos == 0) {
			o->sub = a, npos++;
		} else if (npos == 1) {
			o->db = a, npos++;
		} else if (npos == 2) {
			o->name = a, npos++;
		} else {
			return -1;
		}
	}
	return 0;
}

/* One line of standard input into a malloc'd string, without its line
 * end; echo off on a terminal.  NULL when out of memory. */
static char *read_password(const struct cli *cli)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), echo_off = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fputs(strcmp(cli->lang, "en") ? "密码:" : "Password: ", stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	n = getline(&line, &cap, stdin);
	if (echo_off) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return strdup("");
	}
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	return line;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* The name of what an account is bound to: a county as "江州市云岭县",
 * another area by its name, a school by its latest name; "" for none. */
static void bound_name(jh_store *s, const jh_areas *areas, const jh_user *u,
                       char *out, size_t cap)
{
	const jh_area *a;

	out[0] = '\0';
	if (!u->area[0])
		return;
	if (u->role == JH_ROLE_SCHOOL) {
		jh_filter f = {NULL, 0, u->area};
		jh_dataset *ds = NULL;
		jh_diags d = JH_DIAGS_INIT;
		if (jh_store_load(s, &f, 0, &ds, &d) == JH_OK && jh_dataset_count(ds) > 0) {
			const jh_school_year *sy = jh_dataset_row(ds, jh_dataset_count(ds) - 1);
			snprintf(out, cap, "%s", sy->school_name ? sy->school_name : "");
		}
		jh_dataset_free(ds);
		jh_diags_free(&d);
	} else if ((a = jh_areas_find(areas, u->area)) && a->level == JH_AREA_COUNTY) {
		jh_areas_county_fullname(areas, u->area, out, cap);
	} else if (a) {
		snprintf(out, cap, "%s", a->name);
	}
}

/* "369904 江州市云岭县", or "-" for an administrator. */
static void bound_to(jh_store *s, const jh_areas *areas, const jh_user *u,
                     char *out, size_t cap)
{
	char name[256];

	bound_name(s, areas, u, name, sizeof name);
	if (!u->area[0])
		snprintf(out, cap, "-");
	else if (!name[0])
		snprintf(out, cap, "%s", u->area);
	else
		snprintf(out, cap, "%s %s", u->area, name);
}

static void utc_text(long long t, char out[24])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
	else
		snprintf(out, 24, "%s", "");
}

static jh_code list(jh_store *s, const jh_areas *areas, int json,
                    const struct cli *cli)
{
	int en = !strcmp(cli->lang, "en");
	jh_user *u = NULL;
	size_t n = 0;
	jh_diags d = JH_DIAGS_INIT;
	jh_buf b = JH_BUF_INIT;
	char where[320];
	jh_code rc;

	if ((rc = jh_store_accounts(s, &u, &n, &d))) {
		cli_fail(cli, rc, &d);
		jh_diags_free(&d);
		return rc;
	}
	if (json) {
		json_t *arr = json_array();
		char *text;
		for (size_t i = 0; i < n; i++) {
			char created[24], changed[24];
			utc_text(u[i].created, created);
			utc_text(u[i].changed, changed);
			bound_name(s, areas, &u[i], where, sizeof where);
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s}",
			        "name", u[i].name, "role", jh_role_key(u[i].role),
			        "area", u[i].area, "area_name", where,
			        "disabled", u[i].disabled, "created", created, "changed", changed));
		}
		text = json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(arr);
		if (!text) {
			free(u);
			return JH_ERR_NOMEM;
		}
		jh_buf_adds(&b, text);
		jh_buf_addc(&b, '\n');
		free(text);
	} else if (!n) {
		jh_buf_adds(&b, en ? "(no accounts)\n" : "(没有账号)\n");
	} else {
		jh_buf_addpad(&b, en ? "name" : "用户名", 20, 0);
		jh_buf_addpad(&b, en ? "role" : "角色", 18, 0);
		jh_buf_addpad(&b, en ? "bound to" : "绑定", 34, 0);
		jh_buf_adds(&b, en ? "status\n" : "状态\n");
		for (size_t i = 0; i < n; i++) {
			bound_to(s, areas, &u[i], where, sizeof where);
			jh_buf_addpad(&b, u[i].name, 20, 0);
			jh_buf_addpad(&b, jh_role_name(u[i].role, cli->lang), 18, 0);
			jh_buf_addpad(&b, where, 34, 0);
			jh_buf_adds(&b, u[i].disabled ? (en ? "disabled" : "已停用") :
			                                (en ? "active" : "启用"));
			jh_buf_addc(&b, '\n');
		}
	}
	if (b.oom)
		rc = JH_ERR_NOMEM;
	else
		fwrite(b.data, 1, b.len, stdout);
	jh_buf_free(&b);
	free(u);
	return rc;
}

int cmd_user(int argc, char **argv, struct cli *cli)
{
	struct useropts o;
	int en = !strcmp(cli->lang, "en"), json = 0;
	jh_diags d = JH_DIAGS_INIT;
	jh_store *s = NULL;
	jh_areas *areas = NULL;
	char *pw = NULL;
	int role = -1;
	jh_code rc;

	if (parse(argc, argv, &o) || o.help || !o.sub || !o.db)
		return cli_usage(cli, "user", o.help);
	if (!strcmp(o.sub, "list")) {
		if (o.name || o.role || o.area || o.password_stdin ||
		    (o.format && strcmp(o.format, "text") && strcmp(o.format, "json")))
			return cli_usage(cli, "user", 0);
		json = o.format && !strcmp(o.format, "json");
	} else if (!strcmp(o.sub, "add")) {
		if (!o.name || !o.role || !o.password_stdin || o.format)
			return cli_usage(cli, "user", 0);
	} else if (!strcmp(o.sub, "passwd")) {
		if (!o.name || !o.password_stdin || o.role || o.area || o.format)
			return cli_usage(cli, "user", 0);
	} else if (!strcmp(o.sub, "disable") || !strcmp(o.sub, "enable")) {
		if (!o.name || o.password_stdin || o.role || o.area || o.format)
			return cli_usage(cli, "user", 0);
	} else {
		cli_error(cli, "未知的 user 子命令“%s”(add、list、passwd、disable、enable)",
		          "unknown user subcommand '%s' (add, list, passwd, disable, enable)",
		          o.sub);
		return cli_usage(cli, "user", 0);
	}
	/* The role is checked before a password is asked for. */
	if (o.role && (role = jh_role_parse(o.role)) < 0) {
		jh_diags_add(&d, JH_P_ROLE_UNKNOWN, NULL, NULL, 0, 0, NULL, o.role, NULL);
		rc = JH_ERR_INPUT;
		cli_fail(cli, rc, &d);
		goto out;
	}
	if ((rc = jh_store_open(o.db, &s, &d)) || (rc = jh_store_areas(s, &areas, &d))) {
		cli_fail(cli, rc, &d);
		goto out;
	}
	if (o.password_stdin && !(pw = read_password(cli))) {
		rc = JH_ERR_NOMEM;
		cli_fail(cli, rc, &d);
		goto out;
	}
	if (!strcmp(o.sub, "list")) {
		rc = list(s, areas, json, cli);
	} else if (!strcmp(o.sub, "add")) {
		jh_user u;
		char where[320];
		rc = jh_account_add(s, areas, o.name, (jh_role)role, o.area ? o.area : "", pw,
		                    "", &d);
		if (rc == JH_OK && (rc = jh_store_account_get(s, o.name, &u, NULL, &d)) == JH_OK) {
			bound_to(s, areas, &u, where, sizeof where);
			if (role == JH_ROLE_ADMIN)
				printf(en ? "added account %s: %s\n" : "已添加账号 %s:%s\n", o.name,
				       jh_role_name(u.role, cli->lang));
			else
				printf(en ? "added account %s: %s, bound to %s\n"
				          : "已添加账号 %s:%s,绑定 %s\n", o.name,
				       jh_role_name(u.role, cli->lang), where);
		}
	} else {
		jh_account_change ch = JH_ACCOUNT_CHANGE_NONE;
		if (!strcmp(o.sub, "passwd"))
			ch.password = pw;
		else
			ch.disabled = !strcmp(o.sub, "disable");
		rc = jh_account_change_apply(s, areas, o.name, &ch, "", &d);
		if (rc == JH_OK)
			printf(!strcmp(o.sub, "passwd") ?
			       (en ? "changed the password of %s; its sessions have ended\n"
			           : "已更改账号 %s 的密码,其登录会话已全部结束\n") :
			       ch.disabled ?
			       (en ? "disabled account %s; its sessions have ended\n"
			           : "已停用账号 %s,其登录会话已全部结束\n") :
			       (en ? "enabled account %s\n" : "已启用账号 %s\n"), o.name);
	}
	if (rc && d.count)
		cli_fail(cli, rc, &d);
	else if (rc && strcmp(o.sub, "list"))
		cli_fail(cli, rc, &d);
out:
	wipe_free(pw);
	jh_areas_free(areas);
	jh_store_close(s);
	jh_diags_free(&d);
	return cli_exit_status(rc);
}
