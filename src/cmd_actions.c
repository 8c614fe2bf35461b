/* cmd_actions.c — the action items from the command line: `action add`,
 * `done`, `reopen`, `edit`, `delete` on one action, and `actions`, the
 * listing across interviews (store_actions.h). */
#include "exitview/cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/actions.h"
#include "exitview/date.h"
#include "exitview/store_actions.h"
#include "exitview/i18n.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* The store's refusal as an exit status: an unknown interview or action
 * is a usage error (as everywhere), anything else a runtime error. */
static int store_status(void)
{
	return cmd_error(ev_lastcode() == EV_E_NOTFOUND ? EXIT_USAGE : EXIT_ERR, "%s", ev_lasterr());
}

static int parse_number(const cmd_def *def, const char *arg, const char *what, int64_t *n)
{
	*n = cmd_parse_id(arg);
	if (*n < 0)
		return cmd_usage_error(def, "'%s' is not %s (a positive number)", arg, what);
	return EXIT_OK;
}

/* A rule of actions.h broken by an argument: a usage error. */
static int check_args(const cmd_def *def, const char *text, const char *owner, const char *due)
{
	if ((text && action_check_text(text) != 0) || (owner && action_check_owner(owner) != 0) ||
	    (due && action_check_due(due) != 0))
		return cmd_usage_error(def, "%s", ev_lasterr());
	return EXIT_OK;
}

struct action_opts {
	const char *text, *owner, *due, *question;
};

/* The options of `action SUB`: those sub allows (a string of T O D Q). */
static int parse_action(cmd_ctx *ctx, const cmd_def *def, const char *allow, int argc, char **argv,
			struct action_opts *o, int nargs)
{
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "text", required_argument, 0, 'T' },
		{ "owner", required_argument, 0, 'O' },
		{ "due", required_argument, 0, 'D' },
		{ "question", required_argument, 0, 'Q' },
		{ 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK;
	opterr = 0;
	optind = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1) {
		const char **slot = opt == 'T' ? &o->text : opt == 'O' ? &o->owner
				  : opt == 'D' ? &o->due : opt == 'Q' ? &o->question : NULL;
		if (slot && !strchr(allow, opt))
			return cmd_usage_error(def, "'%s' takes no option '%s'", argv[0], argv[optind - 1]);
		if (slot)
			*slot = optarg;
		else if (!cmd_common_option(ctx, def, opt, argv, &status))
			return status;
	}
	return cmd_want_args(def, argc, argv, nargs, nargs);
}

static int action_add(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv)
{
	struct action_opts o = { NULL, NULL, NULL, NULL };
	int status = parse_action(ctx, def, "ODQ", argc, argv, &o, 2);
	int64_t id = 0, qn = 0;
	if (status == EXIT_OK)
		status = cmd_interview_id(ctx, def, argv[optind], &id);
	if (status == EXIT_OK && o.question)
		status = parse_number(def, o.question, "a question number", &qn);
	if (status == EXIT_OK)
		status = check_args(def, argv[optind + 1], o.owner ? o.owner : "", o.due ? o.due : "");
	if (status != EXIT_OK)
		return status;
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv && iv->closed) {
		status = cmd_error(EXIT_ERR, "interview %lld is closed; reopen it first", (long long)id);
	} else if (iv && qn > iv->nquestions) {
		status = cmd_usage_error(def, "interview %lld has no question %lld (it has 1 to %d)",
					 (long long)id, (long long)qn, iv->nquestions);
	} else if (iv) {
		iv_action a = { .interview_id = id, .question = qn > 0 ? (int)qn - 1 : ACTION_NO_QUESTION };
		a.text = xstrdup(argv[optind + 1]);
		a.owner = xstrdup(o.owner ? o.owner : "");
		snprintf(a.due, sizeof a.due, "%s", o.due ? o.due : "");
		if (store_action_add(st, &a) != 0)
			status = store_status();
		else
			printf("%lld\n", (long long)a.id);
		action_clear(&a);
	}
	interview_free(iv);
	store_close(st);
	return status;
}

enum change { CH_DONE, CH_REOPEN, CH_EDIT, CH_DELETE };

static int action_change(cmd_ctx *ctx, const cmd_def *def, enum change what, int argc, char **argv)
{
	struct action_opts o = { NULL, NULL, NULL, NULL };
	int status = parse_action(ctx, def, what == CH_EDIT ? "TOD" : "", argc, argv, &o, 1);
	int64_t n = 0;
	if (status == EXIT_OK)
		status = parse_number(def, argv[optind], "an action number", &n);
	if (status == EXIT_OK && what == CH_EDIT && !o.text && !o.owner && !o.due)
		status = cmd_usage_error(def, "edit: say what changes (--text, --owner, --due)");
	if (status == EXIT_OK)
		status = check_args(def, o.text, o.owner, o.due);
	if (status != EXIT_OK)
		return status;
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	int rc = what == CH_DONE ? store_action_set_done(st, n, true)
	       : what == CH_REOPEN ? store_action_set_done(st, n, false)
	       : what == CH_EDIT ? store_action_edit(st, n, o.text, o.owner, o.due)
	       : store_action_delete(st, n);
	if (rc != 0)
		status = store_status();
	store_close(st);
	return status;
}

int cmd_action(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("action");
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cmd_print_help(def);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_ERR;
	}
	if (argc < 2)
		return cmd_usage_error(def, "missing what to do (add, done, reopen, edit or delete)");
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return action_add(ctx, def, argc - 1, argv + 1);
	static const struct { const char *name; enum change what; } subs[] = {
		{ "done", CH_DONE }, { "reopen", CH_REOPEN }, { "edit", CH_EDIT }, { "delete", CH_DELETE },
	};
	for (size_t i = 0; i < EV_ARRAY_LEN(subs); i++)
		if (strcmp(sub, subs[i].name) == 0)
			return action_change(ctx, def, subs[i].what, argc - 1, argv + 1);
	return cmd_usage_error(def, "unknown '%s' (add, done, reopen, edit or delete)", sub);
}

/* ---- the listing ---- */

/* s cleaned to one line, cut to at most cols columns ("~" at a cut),
 * padded to cols unless last. */
static void cell(strbuf *out, const char *s, size_t cols, bool last)
{
	strbuf c = STRBUF_INIT;
	utf8_clean(&c, s, strlen(s), UTF8_ONELINE);
	size_t w = utf8_width(sb_str(&c), c.len);
	if (!last && w > cols) {
		size_t keep = utf8_fit(sb_str(&c), c.len, cols - 1);
		sb_add(out, sb_str(&c), keep);
		sb_putc(out, '~');
		w = utf8_width(sb_str(&c), keep) + 1;
	} else {
		sb_add(out, sb_str(&c), c.len);
	}
	if (!last)
		sb_pad(out, ' ', (w < cols ? cols - w : 0) + 2);
	sb_free(&c);
}

static void tsv(strbuf *out, const char *s, char end)
{
	utf8_clean(out, s, strlen(s), UTF8_ONELINE);
	sb_putc(out, end);
}

int cmd_actions(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("actions");
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "open", no_argument, 0, 'O' },
		{ "done", no_argument, 0, 'D' },
		{ "owner", required_argument, 0, 'W' },
		{ "overdue", no_argument, 0, 'V' },
		{ "tsv", no_argument, 0, 'T' },
		{ 0, 0, 0, 0 },
	};
	char today[11];
	date_today(today);
	store_action_filter f = { -1, NULL, NULL };
	int opt, status = EXIT_OK, tsv_out = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'O' || opt == 'D') {
			int want = opt == 'O' ? ACTION_OPEN : ACTION_DONE;
			if (f.status >= 0 && f.status != want)
				return cmd_usage_error(def, "--open and --done exclude each other");
			f.status = want;
		} else if (opt == 'W') {
			if (action_check_owner(optarg) != 0)
				return cmd_usage_error(def, "%s", ev_lasterr());
			f.owner = optarg;
		} else if (opt == 'V') {
			f.overdue_on = today;
		} else if (opt == 'T') {
			tsv_out = 1;
		} else if (!cmd_common_option(ctx, def, opt, argv, &status)) {
			return status;
		}
	}
	if (f.overdue_on && f.status == ACTION_DONE)
		return cmd_usage_error(def, "--overdue lists open actions: not with --done");
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st && !missing)
		return EXIT_ERR;
	store_action_row *rows = NULL;
	int n = st ? store_action_list(st, &f, &rows) : 0;
	if (st)
		store_close(st);   /* before any output: no lock while a reader is slow */
	if (n < 0)
		return cmd_error(EXIT_ERR, "%s", ev_lasterr());
	strbuf out = STRBUF_INIT;
	/* the table's columns: at least as wide as their translated heads,
	 * the status column as its widest translated status */
	static const char *const heads[] = { N_("N"), N_("ID"), N_("EMPLOYEE"), N_("DUE"), N_("STATUS"),
					     N_("OWNER"), N_("TEXT") };
	size_t w[] = { 5, 5, 20, 10, 7, 16, 0 };
	for (size_t c = 0; c + 1 < EV_ARRAY_LEN(heads); c++) {
		size_t hw = utf8_width(_(heads[c]), strlen(_(heads[c])));
		if (hw > w[c])
			w[c] = hw;
	}
	static const char *const statuses[] = { N_("open"), N_("done"), N_("overdue") };
	for (size_t k = 0; k < EV_ARRAY_LEN(statuses); k++) {
		size_t sw = utf8_width(_(statuses[k]), strlen(_(statuses[k])));
		if (sw > w[4])
			w[4] = sw;
	}
	if (tsv_out)
		sb_puts(&out, "number\tinterview\temployee\tdue\tstatus\towner\tquestion\ttext\n");
	else if (n > 0) {
		for (size_t c = 0; c < EV_ARRAY_LEN(heads); c++)
			cell(&out, _(heads[c]), w[c], c + 1 == EV_ARRAY_LEN(heads));
		sb_putc(&out, '\n');
	}
	for (int i = 0; i < n; i++) {
		const iv_action *a = &rows[i].a;
		char num[24], iv[24], q[24];
		snprintf(num, sizeof num, "%lld", (long long)a->id);
		snprintf(iv, sizeof iv, "%lld", (long long)a->interview_id);
		snprintf(q, sizeof q, "%d", a->question + 1);
		const char *status_name = action_status_name(a, today);
		if (tsv_out) {
			const char *vals[] = { num, iv, rows[i].employee, a->due, status_name, a->owner,
					       a->question >= 0 ? q : "" };
			for (size_t c = 0; c < EV_ARRAY_LEN(vals); c++)
				tsv(&out, vals[c], '\t');
			tsv(&out, a->text, '\n');
		} else {
			const char *vals[] = { num, iv, rows[i].employee, a->due[0] ? a->due : "-", _(status_name),
					       a->owner[0] ? a->owner : "-", a->text };
			for (size_t c = 0; c < EV_ARRAY_LEN(vals); c++)
				cell(&out, vals[c], w[c], c + 1 == EV_ARRAY_LEN(vals));
			sb_putc(&out, '\n');
		}
		if (out.len >= 65536) {
			fwrite(out.s, 1, out.len, stdout);
			sb_clear(&out);
		}
	}
	if (!tsv_out && n == 0)
		sb_puts(&out, _("no action items\n"));
	fwrite(sb_str(&out), 1, out.len, stdout);
	sb_free(&out);
	store_action_rows_free(rows, n);
	return fflush(stdout) == 0 ? EXIT_OK : cmd_error(EXIT_ERR, "cannot write the list");
}
