/* cmd_interview.c — subcommands on one interview: new, resume, show,
 * report, close, reopen, set, note. */
#include "exitview/cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/finish.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/report.h"
#include "exitview/template.h"
#include "exitview/ui.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

#define DEF(name) cmd_find(name)

/* An interview argument: an ID or a unique employee name
 * (cmd_interview_id). */
static int parse_id(cmd_ctx *ctx, const cmd_def *def, const char *arg, int64_t *id)
{
	return cmd_interview_id(ctx, def, arg, id);
}

/* The options of commands that take only -d/-c/-h and one interview ID. */
static int parse_plain(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, int64_t *id)
{
	int status = cmd_parse_plain(ctx, def, argc, argv, 1, 1);
	if (status != EXIT_OK)
		return status;
	return parse_id(ctx, def, argv[optind], id);
}

/* The date rule (interview_check_dates): a usage error (printed) when
 * it refuses, a warning on stderr when it warns. */
static int judge_dates(const cmd_def *def, const interview *iv)
{
	const char *warning;
	if (interview_check_dates(iv, &warning) != 0)
		return cmd_usage_error(def, "%s", ev_lasterr());
	if (warning)
		cmd_error(EXIT_OK, "warning: %s", warning);
	return EXIT_OK;
}

int cmd_new(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("new");
	enum { O_EMPLOYEE = 256, O_ROLE, O_DEPT, O_MANAGER, O_INTERVIEWER, O_START, O_LAST, O_DATE };
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "template", required_argument, 0, 't' },
		{ "batch", no_argument, 0, 'b' },
		{ "employee", required_argument, 0, O_EMPLOYEE },
		{ "role", required_argument, 0, O_ROLE },
		{ "department", required_argument, 0, O_DEPT },
		{ "manager", required_argument, 0, O_MANAGER },
		{ "interviewer", required_argument, 0, O_INTERVIEWER },
		{ "start-date", required_argument, 0, O_START },
		{ "last-day", required_argument, 0, O_LAST },
		{ "interview-date", required_argument, 0, O_DATE },
		{ 0, 0, 0, 0 },
	};
	static const char *const field_of[] = {
		"employee", "role", "department", "manager", "interviewer",
		"start-date", "last-day", "interview-date",
	};
	const char *values[EV_ARRAY_LEN(field_of)] = { 0 };
	const char *tpl_name = NULL;
	int batch = 0, opt, status = EXIT_OK;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "t:b", longopts, NULL)) != -1) {
		if (opt == 't')
			tpl_name = optarg;
		else if (opt == 'b')
			batch = 1;
		else if (opt >= O_EMPLOYEE && opt <= O_DATE)
			values[opt - O_EMPLOYEE] = optarg;
		else if (!cmd_common_option(ctx, def, opt, argv, &status))
			return status;
	}
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	for (size_t i = 5; i < EV_ARRAY_LEN(field_of); i++)
		if (values[i] && *values[i] && !date_valid(values[i]))
			return cmd_usage_error(def, "bad date '%s' for --%s: use YYYY-MM-DD",
					       values[i], field_of[i]);
	if (tpl_name && !*tpl_name)
		return cmd_usage_error(def, "--template needs a name");

	if (cmd_load_settings(ctx) != 0)
		return EXIT_ERR;
	template *t = template_find(&ctx->cfg, tpl_name ? tpl_name : ctx->cfg.default_template);
	if (!t) {
		/* A name given that names no template is a usage error; a
		 * template that exists but is broken is a runtime error. */
		enum ev_errcode code = ev_lastcode();
		int usage = tpl_name && (code == EV_E_NOTFOUND || code == EV_E_BADNAME);
		return cmd_error(usage ? EXIT_USAGE : EXIT_ERR, "%s", ev_lasterr());
	}
	interview *iv = interview_new(t);
	template_free(t);

	char today[11];
	date_today(today);
	interview_set_field(iv, "interview-date", today);
	char *who = cmd_interviewer(ctx);
	interview_set_field(iv, "interviewer", who);
	free(who);
	for (size_t i = 0; i < EV_ARRAY_LEN(field_of); i++) {
		if (values[i] && interview_set_field(iv, field_of[i], values[i]) != 0) {
			interview_free(iv);
			return cmd_usage_error(def, "%s", ev_lasterr());
		}
	}
	if (judge_dates(def, iv) != EXIT_OK) {
		interview_free(iv);
		return EXIT_USAGE;
	}

	store *st = cmd_open_store(ctx, STORE_CREATE, NULL);
	if (!st) {
		interview_free(iv);
		return EXIT_ERR;
	}
	if (batch || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if (store_create(st, iv) != 0)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		else
			printf("%lld\n", (long long)iv->id);
	} else {
		ui_ctx u = { &ctx->cfg, st };
		status = ui_run_new(&u, iv);
	}
	interview_free(iv);
	store_close(st);
	return status;
}

int cmd_resume(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("resume");
	int64_t id = 0;
	int status = parse_plain(ctx, def, argc, argv, &id);
	if (status != EXIT_OK)
		return status;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_error(EXIT_ERR, "resume needs a terminal (use 'exitview show %lld' for text)",
				 (long long)id);
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv) {
		interview_free(iv);
		ui_ctx u = { &ctx->cfg, st };
		status = ui_run_interview(&u, id);
	}
	store_close(st);
	return status;
}

int cmd_start(cmd_ctx *ctx)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_error(EXIT_ERR, "the interview screen needs a terminal; see 'exitview --help' for commands");
	store *st = cmd_open_store(ctx, STORE_CREATE, NULL);
	if (!st)
		return EXIT_ERR;
	ui_ctx u = { &ctx->cfg, st };
	int status = ui_run_start(&u);
	store_close(st);
	return status;
}

int cmd_show(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("show");
	int64_t id = 0;
	int status = parse_plain(ctx, def, argc, argv, &id);
	if (status != EXIT_OK)
		return status;
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st)
		return missing ? cmd_error(EXIT_USAGE, "no interview with ID %lld (no database yet)",
					   (long long)id) : EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv) {
		char *text = finish_report_text(st, iv);
		fputs(text, stdout);
		free(text);
		interview_free(iv);
		cmd_audit(st, "show", id, "");
	}
	store_close(st);
	return status;
}

/* report and close share their option parsing: ID [-o FILE], and for
 * report (for_manager not NULL) --for-manager. */
static int parse_id_output(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv,
			   int64_t *id, const char **out, bool *for_manager)
{
	static const struct option close_longopts[] = {
		CMD_LONGOPTS, { "output", required_argument, 0, 'o' }, { 0, 0, 0, 0 },
	};
	static const struct option report_longopts[] = {
		CMD_LONGOPTS, { "output", required_argument, 0, 'o' },
		{ "for-manager", no_argument, 0, 'm' }, { 0, 0, 0, 0 },
	};
	const struct option *longopts = for_manager ? report_longopts : close_longopts;
	int opt, status = EXIT_OK;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "o:", longopts, NULL)) != -1) {
		if (opt == 'o') {
			if (!*optarg)
				return cmd_usage_error(def, "-o needs a file name");
			*out = optarg;
		} else if (opt == 'm' && for_manager) {   /* only report's options have it */
			*for_manager = true;
		} else if (!cmd_common_option(ctx, def, opt, argv, &status)) {
			return status;
		}
	}
	status = cmd_want_args(def, argc, argv, 1, 1);
	return status != EXIT_OK ? status : parse_id(ctx, def, argv[optind], id);
}

/* The report text of iv for standard output (-o -). */
static char *report_for_stdout(store *st, const interview *iv, bool for_manager)
{
	return for_manager ? report_render_for_manager(iv) : finish_report_text(st, iv);
}

/* Write the report file (closing the interview if close_it) and print its path. */
static int write_report_file(cmd_ctx *ctx, store *st, int64_t id, const char *out,
			     int close_it, bool for_manager)
{
	char *written = NULL;
	int rc = for_manager ? finish_write_manager_report(st, &ctx->cfg, id, out, &written)
			     : finish_write_report(st, &ctx->cfg, id, out, close_it, &written);
	int status = EXIT_OK;
	if (rc != 0) {
		status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	} else {
		strbuf sb = STRBUF_INIT;
		printf("%s\n", cmd_shown(&sb, written));
		sb_free(&sb);
	}
	free(written);
	return status;
}

static int write_report(cmd_ctx *ctx, const char *name, int close_it, int argc, char **argv)
{
	const cmd_def *def = DEF(name);
	int64_t id = 0;
	const char *out = NULL;
	bool for_manager = false;
	int status = parse_id_output(ctx, def, argc, argv, &id, &out,
				     close_it ? NULL : &for_manager);
	if (status != EXIT_OK)
		return status;
	int missing = 0;
	store *st = cmd_open_store(ctx, close_it ? STORE_WRITE : STORE_READ, close_it ? NULL : &missing);
	if (!st)
		return missing ? cmd_error(EXIT_USAGE, "no interview with ID %lld (no database yet)",
					   (long long)id) : EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (!iv) {
		store_close(st);
		return status;
	}
	if (close_it && iv->closed) {
		status = cmd_error(EXIT_ERR, "interview %lld is already closed", (long long)id);
	} else if (out && strcmp(out, "-") == 0 && !close_it) {
		char *text = report_for_stdout(st, iv, for_manager);
		fputs(text, stdout);
		free(text);
	} else {
		status = write_report_file(ctx, st, id, out && strcmp(out, "-") ? out : NULL,
					   close_it, for_manager);
	}
	if (status == EXIT_OK && !close_it)   /* a close is recorded where it is made (finish.c) */
		cmd_audit(st, "report", id, for_manager ? "for the manager" : "");
	interview_free(iv);
	store_close(st);
	return status;
}

int cmd_report(cmd_ctx *ctx, int argc, char **argv)
{
	return write_report(ctx, "report", 0, argc, argv);
}

int cmd_close(cmd_ctx *ctx, int argc, char **argv)
{
	return write_report(ctx, "close", 1, argc, argv);
}

int cmd_reopen(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("reopen");
	int64_t id = 0;
	int status = parse_plain(ctx, def, argc, argv, &id);
	if (status != EXIT_OK)
		return status;
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv) {
		if (!iv->closed)
			status = cmd_error(EXIT_ERR, "interview %lld is not closed", (long long)id);
		else if (store_reopen_interview(st, id) != 0)
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		else
			printf("interview %lld reopened\n", (long long)id);
		if (status == EXIT_OK)
			cmd_audit(st, "reopen", id, "");
		interview_free(iv);
	}
	store_close(st);
	return status;
}

/* A list of numbers 1..n ("1,3"; "" for none) into flags (n of them);
 * what names them in the usage error ("asked must list follow-up
 * numbers"). */
static int set_numbers(const cmd_def *def, bool *flags, int n, const char *value,
		       const char *field, const char *what)
{
	bool *v = xcalloc((size_t)n + 1, sizeof *v);
	const char *p = value;
	char *end;
	while (*p) {
		long k = strtol(p, &end, 10);
		if (end == p || k < 1 || k > n || (*end && *end != ',') ||
		    (*end == ',' && !end[1])) {
			free(v);
			return cmd_usage_error(def, "%s must list %s numbers 1 to %d, "
					       "comma-separated, not '%s'", field, what, n, value);
		}
		v[k - 1] = true;
		p = *end ? end + 1 : end;
	}
	if (n > 0)
		memcpy(flags, v, (size_t)n * sizeof *v);
	free(v);
	return EXIT_OK;
}

/* "opening.done=1,2" / "closing.done=..." for set: the items done. */
static int set_checklist(const cmd_def *def, interview *iv, const char *key, const char *value)
{
	int slot = strncmp(key, "opening.", 8) == 0 ? IV_SLOT_OPENING : IV_SLOT_CLOSING;
	const char *name = slot == IV_SLOT_OPENING ? "opening" : "closing";
	const char *what = key + strlen(name) + 1;
	if (strcmp(what, "done") != 0)
		return cmd_usage_error(def, "unknown %s field '%s' (done)", name, what);
	if (!interview_has_checklist(iv, slot))
		return cmd_usage_error(def, "interview %lld has no %s checklist (its template has "
				       "no [%s])", (long long)iv->id, name, name);
	iv_question *c = interview_part(iv, slot);
	return set_numbers(def, c->asked, c->nfollowups, value, key, "item");
}

/* "qN.what=value" for set: apply to the in-memory interview. */
static int set_question(const cmd_def *def, interview *iv, const char *key, const char *value)
{
	char *end;
	long n = strtol(key + 1, &end, 10);
	if (end == key + 1 || *end != '.' || n < 1 || n > iv->nquestions)
		return cmd_usage_error(def, "no question '%.*s' (this interview has questions 1 to %d)",
				       (int)strcspn(key, "."), key, iv->nquestions);
	iv_question *q = &iv->q[n - 1];
	const char *what = end + 1;
	if (strcmp(what, "rating") == 0) {
		if (strlen(value) != 1 || value[0] < '0' || value[0] > '0' + TPL_SCALE)
			return cmd_usage_error(def, "rating must be 0 to %d, not '%s'", TPL_SCALE, value);
		if (q->no_rating && value[0] != '0')
			return cmd_usage_error(def, "question %ld takes no rating (its template "
					       "says rating = no)", n);
		q->rating = value[0] - '0';
	} else if (strcmp(what, "skipped") == 0) {
		int t = tristate_parse(value);
		if (t != TRI_YES && t != TRI_NO)
			return cmd_usage_error(def, "skipped must be yes or no, not '%s'", value);
		q->skipped = t == TRI_YES;
	} else if (strcmp(what, "asked") == 0) {
		return set_numbers(def, q->asked, q->nfollowups, value, "asked", "follow-up");
	} else {
		return cmd_usage_error(def, "unknown question field '%s' (rating, skipped, asked)", what);
	}
	return EXIT_OK;
}

struct set_arg {
	const cmd_def *def;
	char **assign;     /* FIELD=VALUE ... */
	int n;
	const char *warning;   /* the date rule's, of the last run */
};

/* store_update's step for set: every assignment applied to the interview
 * as stored; EXIT_USAGE (printed) at the first bad one.  When a date is
 * set, the dates are judged (interview_check_dates): a refusal is a usage
 * error, a warning is kept for after the save. */
static int set_apply(interview *iv, void *arg)
{
	struct set_arg *a = arg;
	int status = EXIT_OK;
	bool dates = false;
	for (int i = 0; i < a->n && status == EXIT_OK; i++) {
		char *key = xstrndup(a->assign[i], strcspn(a->assign[i], "="));
		const char *value = a->assign[i] + strlen(key) + 1;
		if (key[0] == 'q' && key[1] >= '0' && key[1] <= '9')
			status = set_question(a->def, iv, key, value);
		else if (strncmp(key, "opening.", 8) == 0 || strncmp(key, "closing.", 8) == 0)
			status = set_checklist(a->def, iv, key, value);
		else if (interview_set_field(iv, key, value) != 0)
			status = cmd_usage_error(a->def, "%s", ev_lasterr());
		dates |= interview_is_date_field(key);
		free(key);
	}
	a->warning = NULL;
	if (status == EXIT_OK && dates && interview_check_dates(iv, &a->warning) != 0)
		status = cmd_usage_error(a->def, "%s", ev_lasterr());
	return status;
}

int cmd_set(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("set");
	int status = cmd_parse_plain(ctx, def, argc, argv, 2, -1);
	if (status != EXIT_OK)
		return status;
	int64_t id = 0;
	if ((status = parse_id(ctx, def, argv[optind], &id)) != EXIT_OK)
		return status;
	for (int i = optind + 1; i < argc; i++)
		if (!strchr(argv[i], '='))
			return cmd_usage_error(def, "'%s' is not FIELD=VALUE", argv[i]);

	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	/* All or nothing: one transaction loads the interview, applies every
	 * assignment and saves the details and answers that changed (raising
	 * their versions, so a screen that has them open keeps both). */
	struct set_arg a = { def, argv + optind + 1, argc - optind - 1, NULL };
	int rc = store_update(st, id, set_apply, &a);
	if (rc < 0)
		/* store.h: a missing ID is EV_E_NOTFOUND ("no interview with ID N") */
		status = cmd_error(ev_lastcode() == EV_E_NOTFOUND ? EXIT_USAGE : EXIT_ERR,
				   "%s", ev_lasterr());
	else
		status = rc;
	if (status == EXIT_OK && a.warning)
		cmd_error(EXIT_OK, "warning: %s", a.warning);
	for (int i = optind + 1; status == EXIT_OK && i < argc; i++)
		if (strncmp(argv[i], "opening.done=", 13) == 0)   /* what was explained */
			cmd_audit(st, "opening", id, argv[i] + 8);
	store_close(st);
	return status;
}

static int parse_slot(const interview *iv, const char *s)
{
	if (strcmp(s, "observations") == 0)
		return IV_SLOT_OBSERVATIONS;
	if (strcmp(s, "actions") == 0)
		return IV_SLOT_ACTIONS;
	if (strcmp(s, "preparation") == 0)
		return IV_SLOT_PREPARATION;
	if (strcmp(s, "opening") == 0 && interview_has_checklist(iv, IV_SLOT_OPENING))
		return IV_SLOT_OPENING;
	if (strcmp(s, "closing") == 0 && interview_has_checklist(iv, IV_SLOT_CLOSING))
		return IV_SLOT_CLOSING;
	int64_t n = cmd_parse_id(s);
	if (n < 1 || n > iv->nquestions)
		return -100;
	return (int)n - 1;
}

int cmd_note(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = DEF("note");
	static const struct option longopts[] = {
		CMD_LONGOPTS, { "append", no_argument, 0, 'a' }, { 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK, append = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "a", longopts, NULL)) != -1) {
		if (opt == 'a')
			append = 1;
		else if (!cmd_common_option(ctx, def, opt, argv, &status))
			return status;
	}
	if ((status = cmd_want_args(def, argc, argv, 2, 2)) != EXIT_OK)
		return status;
	int64_t id = 0;
	if ((status = parse_id(ctx, def, argv[optind], &id)) != EXIT_OK)
		return status;

	strbuf text = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		sb_add(&text, buf, n);
	if (ferror(stdin)) {
		sb_free(&text);
		return cmd_error(EXIT_ERR, "cannot read the notes from standard input");
	}
	if (memchr(sb_str(&text), '\0', text.len)) {
		sb_free(&text);
		return cmd_error(EXIT_ERR, "the notes contain a NUL byte; give them as text");
	}
	/* Cleaned by the text rule for notes (utf8.h), as a paste on screen is. */
	strbuf clean = STRBUF_INIT;
	size_t dropped = utf8_clean(&clean, sb_str(&text), text.len, UTF8_NOTES);
	sb_free(&text);
	text = clean;

	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st) {
		sb_free(&text);
		return EXIT_ERR;
	}
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv) {
		int slot = parse_slot(iv, argv[optind + 1]);
		if (slot == -100) {
			status = cmd_usage_error(def, "no slot '%s' (a question 1 to %d, preparation, "
						 "%sobservations or actions)", argv[optind + 1],
						 iv->nquestions, interview_has_checklist(iv, IV_SLOT_OPENING)
						 ? "opening, closing, " : "");
		} else if (iv->closed) {
			status = cmd_error(EXIT_ERR, "interview %lld is closed; reopen it first", (long long)id);
		} else {
			/* Both raise the slot's version: a screen that has it open
			 * gets a conflict at its next save and keeps both texts.
			 * The append is made on what is stored then, in one
			 * transaction, not on the copy loaded above. */
			int rc = append ? store_append_notes(st, id, slot, sb_str(&text), NULL)
					: store_save_notes(st, id, slot, sb_str(&text));
			if (rc != 0)
				status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
			else if (dropped)
				cmd_error(EXIT_OK, ngettext("note: %zu character not kept as given "
							    "(control and bidi characters dropped, "
							    "invalid UTF-8 as U+FFFD)",
							    "note: %zu characters not kept as given "
							    "(control and bidi characters dropped, "
							    "invalid UTF-8 as U+FFFD)",
							    (unsigned long)dropped),
					  dropped);
		}
		interview_free(iv);
	}
	sb_free(&text);
	store_close(st);
	return status;
}
