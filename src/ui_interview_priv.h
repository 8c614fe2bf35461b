/* ui_interview_priv.h — what the interview screen's two halves share:
 * ui_interview.c (keys and actions) and ui_interview_draw.c (layout and
 * drawing).  Private to them; the screen's interface is ui_interview.h. */
#ifndef EXITVIEW_UI_INTERVIEW_PRIV_H
#define EXITVIEW_UI_INTERVIEW_PRIV_H

#include <stdbool.h>

#include "exitview/session.h"
#include "exitview/ui.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/ui_term.h"

/* The parts of the screen a change damages (drawn again). */
enum {
	D_LIST = 1, D_PROMPT = 2, D_BAR = 4, D_EDITOR = 8, D_STATUS = 16,
	D_HINTS = 32, D_FRAME = 64,
	D_ALL = 127,
};

struct prompt_lines;   /* the current part's prompt, wrapped (ui_interview_draw.c) */

typedef struct ivscreen {
	ui_view v;              /* first: the loop's handle */
	ui_ctx *ctx;
	session *ss;            /* the interview being held: notes, saving */
	unsigned pane;
	int fu_sel;             /* selected follow-up */
	int list_top;           /* first list row shown */
	int list_w;             /* list width (the line is drawn in column list_w) */
	int prompt_h;           /* prompt pane height, sized to its text */
	int prompt_pinned;      /* prompt rows that stay when it scrolls */
	int prompt_top;         /* first scrolled prompt row shown */
	struct prompt_lines *prompt;
	char *hintbuf;          /* "Hint: ..." of the current question */
	int64_t shown_minute;   /* the clock and save state last drawn */
	int shown_state;
	ui_msg msg;             /* the latest word for the interviewer */
	bool confirm_close;     /* F10 asked: y closes */
	int64_t confirm_delete; /* Delete asked: y deletes this action (0: none) */
	bool leave_armed;       /* a save failed: Ctrl-X again leaves unsaved */
	WINDOW *wlist, *wprompt, *wbar, *wed, *wstatus, *whints;
	int ed_width, ed_rows;  /* the notes' wrap width and rows, kept while too small */
	unsigned dirty;         /* D_* parts to draw again */
	bool relayout;          /* another view covered the screen: lay out again */
	bool bar_scrolled;      /* the bar shows "more above" the notes */
	char *report_path;
} ivscreen;

static inline bool on_question(const ivscreen *s)
{
	return session_is_question(s->ss, s->ss->row);
}

/* The current part's slot, and the part with follow-ups (a question, the
 * opening or closing checklist) or NULL. */
static inline int cur_slot(const ivscreen *s)
{
	return session_slot_of(s->ss, s->ss->row);
}

static inline iv_question *cur_part(const ivscreen *s)
{
	return interview_part(s->ss->iv, cur_slot(s));
}

/* Whether the current part is the action items (their list in the
 * prompt pane, chosen like follow-ups). */
static inline bool on_actions(const ivscreen *s)
{
	return cur_slot(s) == IV_SLOT_ACTIONS;
}

/* The current part's follow-ups (checklist items, action items): how many. */
static inline int cur_nfollowups(const ivscreen *s)
{
	if (on_actions(s))
		return s->ss->iv->nacts;
	const iv_question *q = cur_part(s);
	return q ? q->nfollowups : 0;
}

/* ui_interview_draw.c */
void ivd_init(ivscreen *s);
void ivd_free(ivscreen *s);
void ivd_layout(ui_view *v);
void ivd_draw(ui_view *v, unsigned damage);
/* The current part changed: its prompt is wrapped and placed again. */
void ivd_place_right(ivscreen *s);
/* A message for the status line, which has no room for long paths: the
 * database's path and the report directory become their last component
 * (malloc'd). */
char *ivd_short_paths(const ivscreen *s, const char *msg);
/* Scrolling the prompt pane (Up/Down in it). */
bool ivd_prompt_more_below(const ivscreen *s);
bool ivd_selected_more_below(const ivscreen *s);
bool ivd_selected_more_above(const ivscreen *s);
void ivd_prompt_show_selected(ivscreen *s);

#endif
