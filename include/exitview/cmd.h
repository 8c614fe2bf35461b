/* cmd.h — the subcommands of the command line (src/cmd_*.c), dispatched by
 * src/main.c.  Each returns the exit status: 0 success, 1 runtime error,
 * 2 usage error, after printing any error as one "exitview: ..." line. */
#ifndef EXITVIEW_CMD_H
#define EXITVIEW_CMD_H

#include <stdint.h>

#include "exitview/config.h"
#include "exitview/store.h"
#include "exitview/util.h"

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2 };

typedef struct cmd_ctx {
	const char *db_opt;       /* -d, or NULL */
	const char *config_opt;   /* -c, or NULL */
	settings cfg;             /* loaded by cmd_load_settings */
	int cfg_loaded;
} cmd_ctx;

typedef struct cmd_def {
	const char *name;
	const char *usage;        /* after "exitview NAME " */
	const char *summary;      /* one sentence for 'exitview --help': at most 64
				   * columns, so it fits 80 after the name column */
	const char *help;         /* the command's own --help text; NULL: summary */
	const char *options;      /* option help lines, or "" */
	int (*run)(cmd_ctx *ctx, int argc, char **argv);  /* argv[0] = NAME */
} cmd_def;

/* The table of subcommands, terminated by a NULL name. */
extern const cmd_def cmd_table[];

/* Shared helpers (cmd_common.c). */
int cmd_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cmd_usage_error(const cmd_def *def, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s (a path, an argument) as it may be echoed on a terminal: cleaned into
 * sb like a message (ev_clean_message); valid until sb changes. */
const char *cmd_shown(strbuf *sb, const char *s);
const cmd_def *cmd_find(const char *name);
/* Who interviews (settings loaded): the config's interviewer, else the
 * login's full name; malloc'd. */
char *cmd_interviewer(const cmd_ctx *ctx);
void cmd_print_help(const cmd_def *def);
int cmd_load_settings(cmd_ctx *ctx);          /* 0, or -1 after printing */
/* Open the database of ctx.  Returns NULL after printing an error.
 * With STORE_READ and no database file, *missing is set (if given) and NULL
 * is returned without an error printed. */
store *cmd_open_store(cmd_ctx *ctx, enum store_mode mode, int *missing);
/* Parse a positive decimal interview ID; -1 if malformed. */
int64_t cmd_parse_id(const char *s);
/* The interview an argument names: its ID, or the name of the employee
 * of exactly one interview (case folded beyond ASCII: "björn åkesson" is
 * "Björn Åkesson"; store_find_employee).  EXIT_OK with *id set, or the
 * error printed and its status: a name nobody has, or that several
 * interviews have (their IDs listed), is a usage error (2).  Every
 * command that takes an interview ID takes it through this. */
int cmd_interview_id(cmd_ctx *ctx, const cmd_def *def, const char *arg, int64_t *id);
/* The options every subcommand takes, for getopt_long's tables. */
#define CMD_SHORTOPTS ":d:c:h"
#define CMD_LONGOPTS \
	{ "db", required_argument, 0, 'd' }, \
	{ "config", required_argument, 0, 'c' }, \
	{ "help", no_argument, 0, 'h' }
/* Handle an option getopt_long returned that is not the command's own:
 * -d, -c, -h, and errors.  Returns 1 to go on, 0 to stop with *status. */
int cmd_common_option(cmd_ctx *ctx, const cmd_def *def, int opt, char **argv, int *status);
/* Parse a command that has only the common options, then check that min..max
 * (max -1: any number) arguments follow; they start at argv[optind]. */
int cmd_parse_plain(cmd_ctx *ctx, const cmd_def *def, int argc, char **argv, int min, int max);
/* Check the number of positional arguments left after the options. */
int cmd_want_args(const cmd_def *def, int argc, char **argv, int min, int max);
/* Load interview ID for a command: prints and returns NULL on error,
 * setting *status (2 for an unknown ID, 1 otherwise). */
interview *cmd_load_interview(store *st, int64_t id, int *status);
/* Record action on interview id (0: none) in the audit log
 * (store_audit.h); when the log cannot take it, a warning says why. */
void cmd_audit(store *st, const char *action, int64_t id, const char *detail);

int cmd_new(cmd_ctx *ctx, int argc, char **argv);
int cmd_import(cmd_ctx *ctx, int argc, char **argv);
int cmd_resume(cmd_ctx *ctx, int argc, char **argv);
int cmd_list(cmd_ctx *ctx, int argc, char **argv);
int cmd_show(cmd_ctx *ctx, int argc, char **argv);
int cmd_report(cmd_ctx *ctx, int argc, char **argv);
int cmd_export(cmd_ctx *ctx, int argc, char **argv);
int cmd_reopen(cmd_ctx *ctx, int argc, char **argv);
int cmd_close(cmd_ctx *ctx, int argc, char **argv);
int cmd_set(cmd_ctx *ctx, int argc, char **argv);
int cmd_note(cmd_ctx *ctx, int argc, char **argv);
int cmd_summary(cmd_ctx *ctx, int argc, char **argv);
int cmd_templates(cmd_ctx *ctx, int argc, char **argv);
int cmd_check_config(cmd_ctx *ctx, int argc, char **argv);
int cmd_delete(cmd_ctx *ctx, int argc, char **argv);
int cmd_purge(cmd_ctx *ctx, int argc, char **argv);
int cmd_anonymise(cmd_ctx *ctx, int argc, char **argv);
int cmd_log(cmd_ctx *ctx, int argc, char **argv);
int cmd_search(cmd_ctx *ctx, int argc, char **argv);  /* cmd_search.c */
int cmd_action(cmd_ctx *ctx, int argc, char **argv);    /* cmd_actions.c */
int cmd_actions(cmd_ctx *ctx, int argc, char **argv);
int cmd_start(cmd_ctx *ctx);   /* no subcommand: the start screen */

#endif
