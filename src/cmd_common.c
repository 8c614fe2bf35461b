/* cmd_common.c — what every subcommand shares: errors, help, settings,
 * opening the database, IDs. */
#include "exitview/cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/store_audit.h"
#include "exitview/util.h"

/* Print "exitview: " prefix, the message and suffix as one line on stderr,
 * the message cleaned by the text rule (ev_clean_message): whatever an
 * argument holds, no control or bidi character reaches the terminal. */
static void print_message(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	strbuf raw = STRBUF_INIT, line = STRBUF_INIT;
	sb_vprintf(&raw, _(fmt), ap);
	sb_puts(&line, "exitview: ");
	ev_clean_message(&line, prefix);
	ev_clean_message(&line, sb_str(&raw));
	sb_puts(&line, suffix);
	sb_putc(&line, '\n');
	fputs(sb_str(&line), stderr);
	sb_free(&raw);
	sb_free(&line);
}

int cmd_error(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_message("", fmt, ap, "");
	va_end(ap);
	return status;
}

int cmd_usage_error(const cmd_def *def, const char *fmt, ...)
{
	char prefix[64] = "", suffix[160];
	if (def)
		snprintf(prefix, sizeof prefix, "%s: ", def->name);
	snprintf(suffix, sizeof suffix, _(" (see 'exitview %s%s--help')"), def ? def->name : "",
		 def ? " " : "");
	va_list ap;
	va_start(ap, fmt);
	print_message(prefix, fmt, ap, suffix);
	va_end(ap);
	return EXIT_USAGE;
}

const char *cmd_shown(strbuf *sb, const char *s)
{
	sb_clear(sb);
	ev_clean_message(sb, s ? s : "");
	return sb_str(sb);
}

char *cmd_interviewer(const cmd_ctx *ctx)
{
	return ctx->cfg.interviewer ? xstrdup(ctx->cfg.interviewer) : user_full_name();
}

const cmd_def *cmd_find(const char *name)
{
	for (const cmd_def *d = cmd_table; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

void cmd_print_help(const cmd_def *def)
{
	/* the texts are N_() in the table (main.c); "" stays "" (gettext
	 * would give the catalogue's header) */
	const char *text = def->help ? def->help : def->summary;
	printf(_("usage: exitview [-d FILE] [-c FILE] %s %s\n\n%s\n"), def->name,
	       def->usage[0] ? _(def->usage) : "", _(text));
	printf(_("\noptions:\n%s"), def->options[0] ? _(def->options) : "");
	fputs(_("  -d, --db FILE        the database (else $EXITVIEW_DB, else the default)\n"
	        "  -c, --config FILE    the config file (else $EXITVIEW_CONFIG, else the default)\n"
	        "  -h, --help           this help\n"), stdout);
	fputs(_("\nSee exitview(1).\n"), stdout);
}

int cmd_load_settings(cmd_ctx *ctx)
{
	if (ctx->cfg_loaded)
		return 0;
	if (settings_load(&ctx->cfg, ctx->config_opt) != 0) {
		cmd_error(EXIT_ERR, "%s", ev_lasterr());
		settings_free(&ctx->cfg);
		return -1;
	}
	ctx->cfg_loaded = 1;
	if (ctx->cfg.language)
		i18n_set_language(ctx->cfg.language);   /* validated when read */
	return 0;
}

store *cmd_open_store(cmd_ctx *ctx, enum store_mode mode, int *missing)
{
	if (missing)
		*missing = 0;
	if (cmd_load_settings(ctx) != 0)
		return NULL;
	char *path = settings_database_path(&ctx->cfg, ctx->db_opt);
	if (missing) {
		struct stat st;
		*missing = 0;
		if (mode == STORE_READ && lstat(path, &st) != 0 && errno == ENOENT) {
			*missing = 1;
			free(path);
			return NULL;
		}
	}
	store *st = store_open(path, mode, ctx->cfg.allow_shared_database);
	if (!st)
		cmd_error(EXIT_ERR, "%s", ev_lasterr());
	free(path);
	return st;
}

int64_t cmd_parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 15)
		return -1;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v > 0 ? v : -1;
}

int cmd_interview_id(cmd_ctx *ctx, const cmd_def *def, const char *arg, int64_t *id)
{
	*id = cmd_parse_id(arg);
	if (*id > 0)
		return EXIT_OK;
	bool blank = true;
	for (const char *p = arg ? arg : ""; *p; p++)
		blank &= *p == ' ' || *p == '\t';
	if (blank)
		return cmd_usage_error(def, "'%s' is not an interview ID (a positive number) or an employee's name",
				       arg ? arg : "");
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st && !missing)
		return EXIT_ERR;
	int64_t ids[8];
	int n = st ? store_find_employee(st, arg, ids, (int)EV_ARRAY_LEN(ids)) : 0;
	if (n < 0)
		cmd_error(EXIT_ERR, "%s", ev_lasterr());
	if (st)
		store_close(st);
	strbuf shown = STRBUF_INIT;
	int status = EXIT_OK;
	if (n < 0) {
		status = EXIT_ERR;
	} else if (n == 0) {
		status = cmd_usage_error(def, "no interview with ID or employee '%s'", cmd_shown(&shown, arg));
	} else if (n > 1) {
		strbuf list = STRBUF_INIT;
		for (int i = 0; i < n && i < (int)EV_ARRAY_LEN(ids); i++)
			sb_printf(&list, "%s%lld", i ? ", " : "", (long long)ids[i]);
		if (n > (int)EV_ARRAY_LEN(ids))
			sb_puts(&list, ", ...");
		status = cmd_usage_error(def, "'%s' is the employee of %d interviews (IDs %s): give the ID",
					 cmd_shown(&shown, arg), n, sb_str(&list));
		sb_free(&list);
	} else {
		*id = ids[0];
	}
	sb_free(&shown);
	return status;
}

interview *cmd_load_interview(store *st, int64_t id, int *status)
{
	interview *iv = store_load(st, id);
	if (!iv) {
		/* store.h: a missing ID is EV_E_NOTFOUND ("no interview with ID N") */
		*status = ev_lastcode() == EV_E_NOTFOUND ? EXIT_USAGE : EXIT_ERR;
		cmd_error(*status, "%s", ev_lasterr());
	}
	return iv;
}

void cmd_audit(store *st, const char *action, int64_t id, const char *detail)
{
	if (store_audit(st, action, id, detail ? detail : "") != 0)
		cmd_error(EXIT_OK, N_("warning: %s"), ev_lasterr());
}

int cmd_common_option(cmd_ctx *ctx, const cmd_def *def, int opt, char **argv, int *status)
{
	switch (opt) {
	case 'd':
		ctx->db_opt = optarg;
		return 1;
	case 'c':
		ctx->config_opt = optarg;
		return 1;
	case 'h':
		/* Options are parsed before anything is opened: nothing to undo. */
		cmd_print_help(def);
		exit(fflush(stdout) == 0 ? EXIT_OK : EXIT_ERR);
	case ':':
		*status = cmd_usage_error(def, "option '%s' needs a value", argv[optind - 1]);
		return 0;
	default:
		if (optopt && optopt != '?')
			*status = cmd_usage_error(def, "unknown option '-%c'", optopt);
		else
			*status = cmd_usage_error(def, "unknown option '%s'", argv[optind - 1]);
		return 0;
	}
}

int cmd_want_args(const cmd_def *def, int argc, char **argv, int min, int max)
{
	int n = argc - optind;
	if (n < min)
		return cmd_usage_error(def, "missing argument");
	if (max >= 0 && n > max)
		return cmd_usage_error(def, "unexpected argument '%s'", argv[optind + max]);
	return EXIT_OK;
}

int cmd_parse_plain(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, int min, int max)
{
	static const struct option longopts[] = { CMD_LONGOPTS, { 0, 0, 0, 0 } };
	int opt, status = EXIT_OK;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1)
		if (!cmd_common_option(ctx, def, opt, argv, &status))
			return status;
	return cmd_want_args(def, argc, argv, min, max);
}
