/* ui.h — the full-screen interface (the only part that uses curses).
 *
 * Each entry point sets up the terminal, runs until the user leaves, restores
 * the terminal on every path, and returns the process exit status (0, or 1
 * after printing "exitview: ..." on stderr).  Messages meant to outlive the
 * screen (the report path after closing) are printed after the terminal is
 * restored.
 */
#ifndef EXITVIEW_UI_H
#define EXITVIEW_UI_H

#include <stdint.h>

#include "exitview/config.h"
#include "exitview/interview.h"
#include "exitview/store.h"

typedef struct ui_ctx {
	const settings *cfg;
	store *st;              /* open for writing */
} ui_ctx;

/* Start screen: open interviews to resume, closed ones to view, "new". */
int ui_run_start(ui_ctx *ctx);
/* New-interview form, prefilled from draft (details given on the command
 * line; draft's template already chosen, may be changed in the form), then
 * the interview screen.  draft stays owned by the caller. */
int ui_run_new(ui_ctx *ctx, const interview *draft);
/* Interview screen on an existing interview (closed ones read-only). */
int ui_run_interview(ui_ctx *ctx, int64_t id);

#endif
