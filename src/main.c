/* main.c — exitview's entry point: global options, then a subcommand. */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/cmd.h"
#include "exitview/config.h"
#include "exitview/i18n.h"
#include "exitview/util.h"

const cmd_def cmd_table[] = {
	{ "new", N_("[OPTIONS]"), N_("Begin a new interview on screen, or create one with --batch."),
	  N_("Begin a new interview: on a terminal the form, then the interview screen;\n"
	  "with --batch, or without a terminal, create it from the options and print its ID."),
	  N_("  -t, --template NAME      question template (default: the config's)\n"
	  "      --employee NAME      the person leaving\n"
	  "      --role ROLE\n"
	  "      --department DEPT\n"
	  "      --manager NAME\n"
	  "      --interviewer NAME   (default: your full name)\n"
	  "      --start-date DATE    when the employee started (YYYY-MM-DD)\n"
	  "      --last-day DATE      last working day (YYYY-MM-DD)\n"
	  "      --interview-date DATE  (default: today)\n"
	  "  -b, --batch              no screen: create the interview and print its ID\n"),
	  cmd_new },
	{ "import", N_("FILE.csv"), N_("Plan interviews from a CSV list of leavers (all or nothing)."),
	  N_("Plan interviews from an HR system's list of leavers: a CSV file (RFC 4180)\n"
	  "whose header names the columns employee, role, department, manager,\n"
	  "last_day, interview_date and optionally template, in any order.  All or\n"
	  "nothing: a bad row (FILE:LINE) creates no interview.  A row whose employee\n"
	  "and last working day are there already is skipped, so importing a file again\n"
	  "adds only its new rows.  Prints the new IDs, one a line; stderr says how many\n"
	  "rows were skipped."),
	  "", cmd_import },
	{ "resume", N_("ID"), N_("Continue an interview on screen (a closed one opens read-only)."),
	  N_("Continue an open interview on screen (a closed one opens read-only)."), "", cmd_resume },
	{ "list", N_("[--open | --closed | --upcoming] [--tsv]"), N_("List interviews, most recently updated first."),
	  N_("List interviews, most recently updated first; with --upcoming, the open ones\n"
	  "whose interview date is today or later, soonest first, with the days left\n"
	  "to the last working day."),
	  N_("      --open               only open interviews\n"
	  "      --closed             only closed interviews\n"
	  "      --upcoming           open interviews from today on, soonest first\n"
	  "      --tsv                tab-separated, a header line first, ID in the first column\n"
	  "                           (with --upcoming, a last column days_left)\n"),
	  cmd_list },
	{ "show", N_("ID"), N_("Print the interview as text (the same as its report)."), NULL, "", cmd_show },
	{ "report", N_("ID [--for-manager] [-o FILE]"), N_("Write the plain-text report and print its path."),
	  NULL,
	  N_("      --for-manager        the manager's version: without the interviewer's\n"
	  "                           observations and assessment and private answers\n"
	  "  -o, --output FILE        write here ('-' for standard output)\n"), cmd_report },
	{ "export", N_("[--csv | --json] [--anonymous | --pseudonymous] [--since PERIOD] [--until PERIOD] [-o FILE]"),
	  N_("Export interviews with their answers, one record per interview."),
	  N_("Export interviews with their answers, one record per interview.  PERIOD is a\n"
	  "month (YYYY-MM) or a quarter (YYYY-Qn); a full export also takes a day."),
	  N_("      --csv                CSV, RFC 4180 (the default)\n"
	  "      --json               JSON\n"
	  "      --anonymous          records for statistics: no names, free text, IDs or days\n"
	  "      --pseudonymous       leave out the names only (the notes stay: personal data)\n"
	  "      --since PERIOD       interviews in or after PERIOD\n"
	  "      --until PERIOD       interviews in or before PERIOD\n"
	  "  -o, --output FILE        write to FILE (mode 0600) instead of standard output\n"),
	  cmd_export },
	{ "reopen", N_("ID"), N_("Make a closed interview editable again (the time is recorded)."), NULL, "",
	  cmd_reopen },
	{ "close", N_("ID [-o FILE]"), N_("Close an interview: write its report and make it read-only."),
	  N_("Close an interview: write its report, keep it in the database,\n"
	  "make the interview read-only."),
	  N_("  -o, --output FILE        write the report here\n"), cmd_close },
	{ "set", N_("ID FIELD=VALUE..."), N_("Set details and answers from a script (FIELD=VALUE)."),
	  N_("Set details and answers from a script.  Fields: employee role department\n"
	  "manager interviewer start-date last-day interview-date separation reason reason2\n"
	  "assessed regrettable rehire would-return conditions, and per question N:\n"
	  "qN.rating=0..5, qN.skipped=yes|no, qN.asked=LIST (follow-up numbers, comma-separated)."),
	  "", cmd_set },
	{ "note", N_("ID SLOT [--append]"), N_("Read notes for a question, observations or actions from stdin."),
	  N_("Read the notes of one question (a number), 'preparation', 'observations' or\n"
	  "'actions' (notes about the action items; the items themselves: 'exitview\n"
	  "action add') from standard input."),
	  N_("  -a, --append             add to the notes instead of replacing them\n"), cmd_note },
	{ "action", N_("add ID TEXT [--owner NAME] [--due DATE] [--question N] | done N | reopen N |\n"
	  "                edit N [--text TEXT] [--owner NAME] [--due DATE] | delete N"),
	  N_("Add an action item to an interview, mark one done, edit it."),
	  N_("Action items of an interview: what is to be done, by whom, by when.\n"
	  "'add' prints the new action's number N (unique across interviews; see\n"
	  "'exitview actions'); 'done' and 'reopen' mark it, 'edit' changes what is\n"
	  "given, 'delete' removes it.  The text and the owner are one line; DATE is\n"
	  "YYYY-MM-DD.  A closed interview's actions cannot change: reopen it first."),
	  N_("      --owner NAME         who sees to it (add, edit; '' for nobody)\n"
	  "      --due DATE           by when (add, edit; '' for no date)\n"
	  "      --question N         the question it came from (add)\n"
	  "      --text TEXT          the new text (edit)\n"),
	  cmd_action },
	{ "actions", N_("[--open | --done] [--owner NAME] [--overdue] [--tsv]"),
	  N_("List the action items of all interviews, by due date."),
	  N_("List the action items of all interviews, those due first first (those with\n"
	  "no due date last): number, interview ID, employee, due date, status (open,\n"
	  "done, or overdue: open and due before today), owner, text."),
	  N_("      --open               only open actions\n"
	  "      --done               only done actions\n"
	  "      --owner NAME         only those of this owner (ASCII case ignored)\n"
	  "      --overdue            only open actions due before today\n"
	  "      --tsv                tab-separated, a header line first: number interview\n"
	  "                           employee due status owner question text\n"),
	  cmd_actions },
	{ "summary", N_("[--since PERIOD] [--until PERIOD] [--by department|role|template|manager|quarter]\n"
	  "        [--tsv | --json]"),
	  N_("Patterns across interviews: reasons, ratings, shares, actions."),
	  N_("Patterns across interviews: reasons for leaving (stated, secondary, assessed),\n"
	  "stated against assessed reasons, average ratings, regrettable, rehire and\n"
	  "would-return shares, open and overdue action items, each count with a bar.\n"
	  "Every figure comes from at least the threshold of interviews.  PERIOD is a\n"
	  "month (YYYY-MM) or a quarter (YYYY-Qn)."),
	  N_("      --since PERIOD       interviews in or after PERIOD\n"
	  "      --until PERIOD       interviews in or before PERIOD\n"
	  "      --by WHAT            group by department, role, template, manager or\n"
	  "                           quarter (a trend: one block a quarter, oldest first)\n"
	  "      --tsv                the same figures, tab-separated, one a line:\n"
	  "                           group table key label count share_pct average\n"
	  "      --json               the same figures as one JSON object\n"),
	  cmd_summary },
	{ "search", N_("[--open | --closed] [--since DATE] [--until DATE] [--tsv] [--limit N] QUERY..."),
	  N_("Search the notes and action items of every interview."),
	  N_("Search what was written in every interview: the notes of the questions, the\n"
	  "preparation, the opening and closing notes, the observations and the action\n"
	  "items.  QUERY: words (all must match, in any case; a and o are not å and ö),\n"
	  "\"a phrase\", word* (a prefix), a OR b.  One line a hit, newest interview first:\n"
	  "ID, employee, where, and the words around the match [marked].  Exit status 0\n"
	  "when something was found, 1 when nothing was, 2 on a bad query or an error."),
	  N_("      --open               only open interviews\n"
	  "      --closed             only closed interviews\n"
	  "      --since DATE         interviews on or after DATE (YYYY-MM-DD)\n"
	  "      --until DATE         interviews on or before DATE\n"
	  "      --tsv                tab-separated, a header line first: id status employee\n"
	  "                           part title snippet (part as `exitview note` names it)\n"
	  "  -n, --limit N            at most N hits (default 50; 0: all)\n"),
	  cmd_search },
	{ "templates", "", N_("List the available question templates."), NULL, "", cmd_templates },
	{ "check-config", N_("[FILE]"), N_("Validate the config and every template (errors name file:line)."),
	  N_("Validate the config (or FILE) and every template; errors name file and line."),
	  "", cmd_check_config },
	{ "delete", N_("ID [--yes]"), N_("Erase an interview without a trace, reports included."),
	  N_("Erase an interview without a trace: its notes and answers in the database\n"
	  "(overwritten, not just unlinked), its report files and recovery files.  Asks\n"
	  "on a terminal; a script must say --yes.  The audit log keeps the ID only."),
	  N_("  -y, --yes                do not ask\n"), cmd_delete },
	{ "purge", N_("[--before DATE] [--dry-run] [--yes]"), N_("Delete the closed interviews older than the retention."),
	  N_("Delete the closed interviews whose interview date is before DATE, or older\n"
	  "than retention_months (config).  Open ones are only listed, never deleted."),
	  N_("      --before DATE        older than DATE (YYYY-MM-DD) instead of the retention\n"
	  "  -n, --dry-run            list what would be deleted, delete nothing\n"
	  "  -y, --yes                do not ask\n"), cmd_purge },
	{ "anonymise", N_("ID [--yes]"), N_("Keep a closed interview's statistics, drop the person."),
	  N_("Keep a closed interview's categories, ratings and dates as months for the\n"
	  "statistics; remove the names and every free text, and its report files."),
	  N_("  -y, --yes                do not ask\n"), cmd_anonymise },
	{ "anonymize", N_("ID [--yes]"), N_("The same as anonymise."), NULL, N_("  -y, --yes                do not ask\n"),
	  cmd_anonymise },
	{ "log", N_("[--since DATE]"), N_("The audit log: who did what to which interview, and when."),
	  N_("The audit log: time, login, action, interview ID and detail, one line each,\n"
	  "tab-separated.  It never holds names or notes."),
	  N_("      --since DATE         entries on or after DATE\n"), cmd_log },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static void print_help(void)
{
	fputs(_("usage: exitview [-d FILE] [-c FILE] [COMMAND [ARGS]]\n"
	        "       exitview --help | --version\n\n"
	        "Conduct and document exit interviews.  Without a command, the start screen:\n"
	        "resume an open interview, view a closed one, or begin a new one.\n\n"
	        "commands:\n"), stdout);
	for (const cmd_def *d = cmd_table; d->name; d++)
		printf("  %-13s %s\n", d->name, _(d->summary));
	fputs(_("\noptions:\n"
	        "  -d, --db FILE        the database (else $EXITVIEW_DB, else\n"
	        "                       $XDG_DATA_HOME/exitview/exitview.db)\n"
	        "  -c, --config FILE    the config file (else $EXITVIEW_CONFIG, else\n"
	        "                       $XDG_CONFIG_HOME/exitview/config.ini, else built in)\n"
	        "  -h, --help           this help; 'exitview COMMAND --help' for a command\n"
	        "  -V, --version        the version\n\n"
	        "See exitview(1) and exitview.ini(5).\n"), stdout);
}

int main(int argc, char **argv)
{
	/* A write past a file-size limit (ulimit -f) fails with EFBIG, which
	 * every command reports ("the file size limit was reached"), instead
	 * of SIGXFSZ killing the process mid-write with nothing said.  The
	 * external editor gets the default back (ui_term.c). */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");   /* numbers the same for every reader (util.h) */
	i18n_init(argv[0], EXITVIEW_LOCALEDIR);
	cmd_ctx ctx;
	memset(&ctx, 0, sizeof ctx);

	static const struct option longopts[] = {
		{ "db", required_argument, 0, 'd' },
		{ "config", required_argument, 0, 'c' },
		{ "help", no_argument, 0, 'h' },
		{ "version", no_argument, 0, 'V' },
		{ 0, 0, 0, 0 },
	};
	int opt;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:d:c:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			ctx.db_opt = optarg;
			break;
		case 'c':
			ctx.config_opt = optarg;
			break;
		case 'h':
			print_help();
			return EXIT_OK;
		case 'V':
			printf("exitview %s\n", EXITVIEW_VERSION);
			return EXIT_OK;
		case ':':
			return cmd_usage_error(NULL, "option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt != '?')
				return cmd_usage_error(NULL, "unknown option '-%c'", optopt);
			return cmd_usage_error(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (ctx.db_opt && !*ctx.db_opt)
		return cmd_usage_error(NULL, "-d needs a file name");
	if (ctx.config_opt && !*ctx.config_opt)
		return cmd_usage_error(NULL, "-c needs a file name");

	/* The config's language, for the messages of option parsing too; a
	 * config that cannot be read says so later, when a command loads it
	 * (and one named after the command, `list -c FILE`, is read then). */
	settings early;
	if (settings_load(&early, ctx.config_opt) == 0 && early.language)
		i18n_set_language(early.language);
	settings_free(&early);

	int status;
	if (optind >= argc) {
		status = cmd_start(&ctx);
	} else {
		const char *name = argv[optind];
		if (strcmp(name, "help") == 0) {
			print_help();
			return EXIT_OK;
		}
		const cmd_def *def = cmd_find(name);
		if (!def)
			return cmd_usage_error(NULL, "unknown command '%s'", name);
		int sub_argc = argc - optind;
		char **sub_argv = argv + optind;
		optind = 0;   /* glibc: start a fresh scan of the new argv */
		status = def->run(&ctx, sub_argc, sub_argv);
	}
	if (ctx.cfg_loaded)
		settings_free(&ctx.cfg);
	/* After a hang-up the terminal is gone: the error said so already. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && status == EXIT_OK)
		return cmd_error(EXIT_ERR, "cannot write to standard output");
	return status;
}
