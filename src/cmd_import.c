/* cmd_import.c — the import subcommand: planned interviews from a CSV list of leavers, all or nothing. */
#include "exitview/cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/fsutil.h"
#include "exitview/import.h"
#include "exitview/util.h"

/* How many rows were imported and skipped (those there already, named),
 * in one line on stderr. */
static void say_counts(const char *name, const import_plan *plan, const int64_t *existing)
{
	int skipped = 0;
	strbuf where = STRBUF_INIT;
	for (int i = 0; i < plan->n; i++) {
		if (!existing[i])
			continue;
		if (skipped < 10)
			sb_printf(&where, "%s%s:%d (interview %lld)", skipped ? ", " : "", name,
				  plan->line[i], (long long)existing[i]);
		else if (skipped == 10)
			sb_puts(&where, ", ...");
		skipped++;
	}
	if (skipped)
		cmd_error(EXIT_OK, "imported %d, skipped %d already there (the same employee and last "
			  "working day): %s", plan->n - skipped, skipped, sb_str(&where));
	else
		cmd_error(EXIT_OK, "imported %d, skipped 0", plan->n);
	sb_free(&where);
}

/* The plan into the database in one transaction; the new IDs printed. */
static int store_plan(cmd_ctx *ctx, const char *name, import_plan *plan)
{
	store *st = cmd_open_store(ctx, STORE_CREATE, NULL);
	if (!st)
		return EXIT_ERR;
	int64_t *existing = xcalloc((size_t)plan->n + 1, sizeof *existing);
	int status = EXIT_OK;
	if (store_create_many(st, plan->iv, plan->n, existing) != 0) {
		status = cmd_error(EXIT_ERR, "%s (nothing imported)", ev_lasterr());
	} else {
		for (int i = 0; i < plan->n; i++)
			if (!existing[i] && plan->warning[i])
				cmd_error(EXIT_OK, "warning: %s:%d: %s", name, plan->line[i], plan->warning[i]);
		for (int i = 0; i < plan->n; i++)
			if (!existing[i])
				printf("%lld\n", (long long)plan->iv[i]->id);
		say_counts(name, plan, existing);
	}
	free(existing);
	store_close(st);
	return status;
}

int cmd_import(cmd_ctx *ctx, int argc, char **argv)
{
	const cmd_def *def = cmd_find("import");
	int status = cmd_parse_plain(ctx, def, argc, argv, 1, 1);
	if (status != EXIT_OK)
		return status;
	const char *path = argv[optind];
	strbuf shown = STRBUF_INIT;
	const char *name = cmd_shown(&shown, path);
	size_t len;
	char *text = fs_read_file(path, &len);
	if (!text) {
		status = cmd_error(EXIT_ERR, "%s", ev_lasterr());
		sb_free(&shown);
		return status;
	}
	import_plan plan;
	char *who = NULL;
	if (cmd_load_settings(ctx) != 0) {
		status = EXIT_ERR;
	} else {
		who = cmd_interviewer(ctx);
		if (import_plan_text(&ctx->cfg, name, text, len, who, &plan) != 0)
			status = cmd_error(EXIT_USAGE, "%s (nothing imported)", ev_lasterr());
		else {
			status = store_plan(ctx, name, &plan);
			import_plan_free(&plan);
		}
	}
	free(who);
	free(text);
	sb_free(&shown);
	return status;
}
