/* cmd_privacy.c — subcommands that forget people or account for who read
 * what: delete, purge, anonymise, log. */
#include "exitview/cmd.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/recovery.h"
#include "exitview/store_audit.h"
#include "exitview/store_erase.h"

/* Ask on the terminal; true only for "yes".  Without a terminal nothing is
 * asked (the caller refuses unless --yes was given). */
static bool confirmed(const char *question)
{
	/* TRANSLATORS: the word asked for is the translation of "yes" (the
	 * form's choice); "yes" is taken in every language */
	fprintf(stderr, _("%s\nType yes to go on: "), question);
	fflush(stderr);
	char line[64];
	if (!fgets(line, sizeof line, stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, "yes") == 0 || strcmp(line, _("yes")) == 0;
}

/* --yes, or a person at a terminal who says yes.  EXIT_OK to go on. */
static int ask(const cmd_def *def, bool yes, const char *question)
{
	if (yes)
		return EXIT_OK;
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return cmd_usage_error(def, "no terminal to confirm on: add --yes to %s without asking", def->name);
	if (!confirmed(question))
		return cmd_error(EXIT_ERR, "%s: not confirmed, nothing changed", def->name);
	return EXIT_OK;
}

/* The report files of interview id in the report directory
 * ("exitview-ID.txt", "exitview-ID-NAME.txt", "...-manager.txt") removed;
 * how many, or -1 after a warning. */
static int remove_reports(const settings *cfg, int64_t id)
{
	char *dir = settings_report_dir(cfg);
	char prefix[40];
	int n = snprintf(prefix, sizeof prefix, "exitview-%lld", (long long)id);
	int removed = 0;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			const char *name = de->d_name;
			if (strncmp(name, prefix, (size_t)n) != 0 || (name[n] != '-' && name[n] != '.'))
				continue;
			size_t len = strlen(name);
			if (len < 4 || strcmp(name + len - 4, ".txt") != 0)
				continue;
			char *p = fs_join(dir, name);
			if (unlink(p) == 0)
				removed++;
			else
				fprintf(stderr, "exitview: warning: %s could not be removed\n", p);
			free(p);
		}
		closedir(d);
	}
	free(dir);
	return removed;
}

/* Report and recovery files of an erased or anonymised interview. */
static void remove_files(const settings *cfg, int64_t id, int *reports, int *recovery)
{
	*reports = remove_reports(cfg, id);
	*recovery = recovery_remove_all(id);
}

/* ID [--yes]: the options of delete and anonymise. */
static int parse_id_yes(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, int64_t *id, bool *yes)
{
	static const struct option longopts[] = {
		CMD_LONGOPTS, { "yes", no_argument, 0, 'y' }, { 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "y", longopts, NULL)) != -1) {
		if (opt == 'y')
			*yes = true;
		else if (!cmd_common_option(ctx, def, opt, argv, &status))
			return status;
	}
	if ((status = cmd_want_args(def, argc, argv, 1, 1)) != EXIT_OK)
		return status;
	return cmd_interview_id(ctx, def, argv[optind], id);
}

static const char *who(const interview *iv)
{
	return str_empty(iv->employee) ? "(no name)" : iv->employee;
}

/* "1 report file", "2 recovery files": a phrase of the message saying
 * what was removed (static storage, one of each at a time). */
static const char *files_phrase(int n, bool recovery)
{
	static char buf[2][64];
	snprintf(buf[recovery], sizeof buf[recovery],
		 recovery ? ngettext("%d recovery file", "%d recovery files", (unsigned long)n)
			  : ngettext("%d report file", "%d report files", (unsigned long)n), n);
	return buf[recovery];
}

/* How delete and anonymise differ; the rest they share (erase_one). */
typedef struct erasure {
	const char *action;      /* for the audit log */
	const char *done;        /* "deleted", "anonymised" */
	bool closed_only;
	const char *question;    /* %lld the ID, %s the employee */
	int (*run)(store *st, int64_t id);
} erasure;

static const erasure deleting = {
	"delete", "deleted", false,
	N_("Delete interview %lld with %s: its notes, answers, reports and recovery files? "
	   "This cannot be undone."),
	store_delete_interview,
};

static const erasure anonymising = {
	"anonymise", "anonymised", true,
	N_("Anonymise interview %lld with %s: names, notes and reports gone, dates kept as "
	   "months? This cannot be undone."),
	store_anonymise_interview,
};

/* ID [--yes]: load it, ask, erase it in the database, then its files. */
static int erase_one(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, const erasure *e)
{
	int64_t id = 0;
	bool yes = false;
	int status = parse_id_yes(ctx, def, argc, argv, &id, &yes);
	if (status != EXIT_OK)
		return status;
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	interview *iv = cmd_load_interview(st, id, &status);
	if (iv && e->closed_only && !iv->closed)
		status = cmd_error(EXIT_ERR, "interview %lld is open: close it first (exitview close %lld)",
				   (long long)id, (long long)id);
	if (iv && status == EXIT_OK) {
		strbuf q = STRBUF_INIT;
		sb_printf(&q, _(e->question), (long long)id, who(iv));
		status = ask(def, yes, sb_str(&q));
		sb_free(&q);
	}
	if (iv && status == EXIT_OK) {
		if (e->run(st, id) != 0) {
			status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		} else {
			int reports, recovery;
			remove_files(&ctx->cfg, id, &reports, &recovery);
			cmd_audit(st, e->action, id, "");
			/* TRANSLATORS: the interview, then the report files'
			 * phrase, then the recovery files' */
			printf(e == &deleting ? _("interview %lld deleted (%s, %s removed)\n")
					      : _("interview %lld anonymised (%s, %s removed)\n"),
			       (long long)id, files_phrase(reports, false), files_phrase(recovery, true));
		}
	}
	interview_free(iv);
	store_close(st);
	return status;
}

int cmd_delete(cmd_ctx *ctx, int argc, char **argv)
{
	return erase_one(ctx, cmd_find("delete"), argc, argv, &deleting);
}

int cmd_anonymise(cmd_ctx *ctx, int argc, char **argv)
{
	bool us = argv[0] && strcmp(argv[0], "anonymize") == 0;
	return erase_one(ctx, cmd_find(us ? "anonymize" : "anonymise"), argc, argv, &anonymising);
}

int cmd_purge(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("purge");
	static const struct option longopts[] = {
		CMD_LONGOPTS,
		{ "before", required_argument, 0, 'b' },
		{ "dry-run", no_argument, 0, 'n' },
		{ "yes", no_argument, 0, 'y' },
		{ 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK;
	bool yes = false, dry = false;
	const char *before_opt = NULL;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS "ny", longopts, NULL)) != -1) {
		if (opt == 'b') {
			if (!date_valid(optarg))
				return cmd_usage_error(def, "bad date '%s' for --before: use YYYY-MM-DD", optarg);
			before_opt = optarg;
		} else if (opt == 'n') {
			dry = true;
		} else if (opt == 'y') {
			yes = true;
		} else if (!cmd_common_option(ctx, def, opt, argv, &status)) {
			return status;
		}
	}
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	if (cmd_load_settings(ctx) != 0)
		return EXIT_ERR;
	char before[11];
	if (before_opt)
		snprintf(before, sizeof before, "%s", before_opt);
	else if (ctx->cfg.retention_months > 0)
		date_months_ago(ctx->cfg.retention_months, before);
	else
		return cmd_usage_error(def, "no retention_months in the config and no --before DATE: "
				       "nothing says what is old enough");
	store *st = cmd_open_store(ctx, STORE_WRITE, NULL);
	if (!st)
		return EXIT_ERR;
	store_aged *aged;
	int n = store_aged_list(st, before, &aged);
	if (n < 0) {
		store_close(st);
		return cmd_error(EXIT_ERR, "%s", ev_lasterr());
	}
	int nclosed = 0;
	for (int i = 0; i < n; i++) {
		if (!aged[i].closed)
			printf(_("kept (open): interview %lld of %s\n"), (long long)aged[i].id, aged[i].day);
		else
			nclosed++;
	}
	if (dry || nclosed == 0) {
		for (int i = 0; i < n; i++)
			if (aged[i].closed)
				printf(_("would delete: interview %lld of %s\n"), (long long)aged[i].id, aged[i].day);
		if (dry)
			printf(ngettext("%d closed interview from before %s would be deleted\n",
					"%d closed interviews from before %s would be deleted\n", (unsigned long)nclosed),
			       nclosed, before);
		else
			printf(ngettext("%d closed interview from before %s to delete\n",
					"%d closed interviews from before %s to delete\n", (unsigned long)nclosed),
			       nclosed, before);
		free(aged);
		store_close(st);
		return EXIT_OK;
	}
	char q[320];
	snprintf(q, sizeof q, ngettext("Delete %d closed interview from before %s, with its reports? "
				       "This cannot be undone.",
				       "Delete %d closed interviews from before %s, with their reports? "
				       "This cannot be undone.", (unsigned long)nclosed), nclosed, before);
	status = ask(def, yes, q);
	/* one transaction for all (the search index compacted once) */
	int64_t *ids = xcalloc((size_t)nclosed, sizeof *ids);
	for (int i = 0, k = 0; i < n; i++)
		if (aged[i].closed)
			ids[k++] = aged[i].id;
	if (status == EXIT_OK && store_delete_interviews(st, ids, nclosed) != 0)
		status = cmd_error(EXIT_ERR, "%s (none deleted)", ev_lasterr());
	free(ids);
	int deleted = 0;
	for (int i = 0; status == EXIT_OK && i < n; i++) {
		if (!aged[i].closed)
			continue;
		int reports, recovery;
		remove_files(&ctx->cfg, aged[i].id, &reports, &recovery);
		char detail[40];
		snprintf(detail, sizeof detail, "before %s", before);
		cmd_audit(st, "purge", aged[i].id, detail);
		printf(_("deleted: interview %lld of %s\n"), (long long)aged[i].id, aged[i].day);
		deleted++;
	}
	if (status == EXIT_OK)
		printf(ngettext("%d closed interview from before %s deleted\n",
				"%d closed interviews from before %s deleted\n", (unsigned long)deleted), deleted, before);
	free(aged);
	store_close(st);
	return status;
}

static int print_entry(const audit_entry *e, void *arg)
{
	(void)arg;
	char when[17];
	date_format_time(e->at, when);
	strbuf sb = STRBUF_INIT;
	char id[24] = "-";
	if (e->interview_id > 0)
		snprintf(id, sizeof id, "%lld", (long long)e->interview_id);
	printf("%s\t%s\t%s\t%s\t%s\n", when, cmd_shown(&sb, e->login ? e->login : ""), e->action ? e->action : "",
	       id, e->detail ? e->detail : "");
	sb_free(&sb);
	return 0;
}

int cmd_log(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("log");
	static const struct option longopts[] = {
		CMD_LONGOPTS, { "since", required_argument, 0, 'S' }, { 0, 0, 0, 0 },
	};
	int opt, status = EXIT_OK;
	int64_t since = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, CMD_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'S') {
			if (!date_valid(optarg))
				return cmd_usage_error(def, "bad date '%s' for --since: use YYYY-MM-DD", optarg);
			struct tm tm = { 0 };
			tm.tm_year = atoi(optarg) - 1900;
			tm.tm_mon = atoi(optarg + 5) - 1;
			tm.tm_mday = atoi(optarg + 8);
			tm.tm_isdst = -1;
			since = (int64_t)mktime(&tm);
		} else if (!cmd_common_option(ctx, def, opt, argv, &status)) {
			return status;
		}
	}
	if ((status = cmd_want_args(def, argc, argv, 0, 0)) != EXIT_OK)
		return status;
	int missing;
	store *st = cmd_open_store(ctx, STORE_READ, &missing);
	if (!st)
		return missing ? EXIT_OK : EXIT_ERR;
	if (store_audit_foreach(st, since, print_entry, NULL) < 0)
		status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
	store_close(st);
	return status;
}
