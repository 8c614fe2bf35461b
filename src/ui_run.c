/* ui_run.c — the entry points of ui.h: set the terminal up, run the
 * screens, restore the terminal, then say what outlives the screen. */
#include "exitview/ui.h"

#include <stdio.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "exitview/i18n.h"
#include "exitview/ui_form.h"
#include "exitview/ui_interview.h"
#include "exitview/ui_start.h"
#include "exitview/ui_term.h"
#include "exitview/util.h"

/* Where the database's refusals went (the interview screen's exit note),
 * said once the terminal is restored; NULL when everything was saved. */
static char *unsaved_note;

/* Restore the terminal, print the messages kept, map the result to the
 * exit status.  Nothing says "saved" that was not. */
static int end_screens(enum ui_result r, strbuf *out)
{
	ui_term_end();
	if (out->len) {
		fputs(sb_str(out), stdout);
		fflush(stdout);
	}
	sb_free(out);
	const char *note = unsaved_note;
	int status = 0;
	switch (r) {
	case UI_R_HANGUP:
		fprintf(stderr, _("exitview: hang-up: %s\n"), note ? note : _("notes saved"));
		status = 1;
		break;
	case UI_R_TERM:
		fprintf(stderr, _("exitview: terminated: %s\n"), note ? note : _("notes saved"));
		status = 1;
		break;
	case UI_R_ERROR:
		fprintf(stderr, "exitview: %s\n", ev_lasterr());
		status = 1;
		break;
	default:
		if (note)
			fprintf(stderr, "exitview: %s\n", note);
		break;
	}
	free(unsaved_note);
	unsaved_note = NULL;
	return status;
}

/* A screen may hold a note of megabytes for hours, and copies it out at
 * every save.  glibc's malloc raises its mmap threshold to the size of a
 * freed block, so after the first copy such blocks come from the heap and
 * stay resident when freed.  A fixed threshold sends every large block
 * straight back to the system when it is freed. */
static void memory_setup(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

static int init(ui_ctx *ctx)
{
	if (ui_term_init(ctx->cfg) != 0) {
		fprintf(stderr, "exitview: %s\n", ev_lasterr());
		return -1;
	}
	return 0;
}

static enum ui_result run_interview(ui_ctx *ctx, interview *iv, strbuf *out, char **msg)
{
	char *path = NULL, *note = NULL;
	enum ui_result r = ui_interview_run(ctx, iv, &path, &note);
	if (note) {
		free(unsaved_note);
		unsaved_note = note;
	}
	if (r == UI_R_CLOSED) {
		sb_printf(out, _("report written to %s\n"), path);
		if (msg) {
			free(*msg);
			*msg = xasprintf(_("interview %lld closed; report written to %s"), (long long)iv->id, path);
		}
		r = UI_R_LEAVE;
	}
	free(path);
	return r;
}

int ui_run_interview(ui_ctx *ctx, int64_t id)
{
	memory_setup();
	interview *iv = store_load(ctx->st, id);
	if (!iv) {
		fprintf(stderr, "exitview: %s\n", ev_lasterr());
		return 1;
	}
	if (init(ctx) != 0) {
		interview_free(iv);
		return 1;
	}
	strbuf out = STRBUF_INIT;
	enum ui_result r = run_interview(ctx, iv, &out, NULL);
	interview_free(iv);
	return end_screens(r, &out);
}

int ui_run_new(ui_ctx *ctx, const interview *draft)
{
	memory_setup();
	if (init(ctx) != 0)
		return 1;
	strbuf out = STRBUF_INIT;
	interview *iv = NULL;
	enum ui_result r = ui_form_new(ctx, draft, &iv);
	if (r == UI_R_LEAVE && iv) {
		r = run_interview(ctx, iv, &out, NULL);
	} else {
		if (iv)
			sb_printf(&out, _("interview %lld created\n"), (long long)iv->id);
		if (r == UI_R_CANCEL || r == UI_R_QUIT)
			r = UI_R_LEAVE;
	}
	interview_free(iv);
	return end_screens(r, &out);
}

int ui_run_start(ui_ctx *ctx)
{
	memory_setup();
	if (init(ctx) != 0)
		return 1;
	strbuf out = STRBUF_INIT;
	char *msg = NULL;
	enum ui_result r = UI_R_LEAVE;
	for (;;) {
		int64_t id = 0;
		r = ui_start_choose(ctx, msg, &id);
		free(msg);
		msg = NULL;
		if (r == UI_R_CANCEL) {
			r = UI_R_LEAVE;
			break;
		}
		if (r != UI_R_LEAVE)
			break;
		interview *iv = NULL;
		if (id == 0) {
			r = ui_form_new(ctx, NULL, &iv);
			if (r == UI_R_CANCEL || (r == UI_R_QUIT && !iv)) {
				msg = xstrdup(_("no interview created"));
				continue;
			}
			if (r == UI_R_QUIT) {
				msg = xasprintf(_("interview %lld created, not begun: Enter resumes it"), (long long)iv->id);
				interview_free(iv);
				continue;
			}
			if (r != UI_R_LEAVE) {
				if (iv)
					sb_printf(&out, _("interview %lld created\n"), (long long)iv->id);
				interview_free(iv);
				break;
			}
		} else {
			iv = store_load(ctx->st, id);
			if (!iv) {
				msg = xstrdup(ev_lasterr());
				continue;
			}
		}
		r = run_interview(ctx, iv, &out, &msg);
		interview_free(iv);
		if (r != UI_R_LEAVE)
			break;
	}
	free(msg);
	return end_screens(r, &out);
}
