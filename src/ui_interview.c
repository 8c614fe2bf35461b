/* ui_interview.c — the interview screen: keys and actions over a session
 * (session.h: the notes and the saving policy) drawn by
 * ui_interview_draw.c.
 *
 * Typing always writes the notes: a printable key in the list or the
 * prompt pane moves there.  Ratings are Alt-1..Alt-5, Alt-0, Alt-S from
 * any pane; Ctrl-X leaves (the interview stays open), F10 closes after a
 * confirmation naming the employee.  The keys are ui_keys.c's table.
 *
 * Wake-ups: the screen sleeps until a key or the next thing it must do by
 * itself (the clock's next minute, or what session_due() says: an
 * autosave, a retry, saving a moved cursor, the claim's heartbeat); the
 * clock shows whole minutes, so idle it wakes once a minute.
 */
#include "exitview/ui_interview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/recovery.h"
#include "exitview/store_actions.h"
#include "exitview/ui_action_form.h"
#include "exitview/ui_editor.h"
#include "exitview/ui_form.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "ui_interview_priv.h"

static void set_msg(ivscreen *s, bool error, const char *fmt, ...) EV_PRINTF(3, 4);
static void set_msg(ivscreen *s, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_msg_vset(&s->msg, error, fmt, ap);
	va_end(ap);
	s->dirty |= D_STATUS;
}

/* The session's words (a conflict, another screen, a restore). */
static void on_notice(void *arg, bool error, const char *msg)
{
	set_msg(arg, error, "%s", msg);
}

static void readonly_msg(ivscreen *s)
{
	set_msg(s, true, "closed: read-only (exitview reopen %lld)", (long long)s->ss->iv->id);
}

/* What the handlers and the session damaged, handed to the loop. */
static unsigned take_damage(ivscreen *s)
{
	unsigned c = session_take_changes(s->ss);
	if (c & SESSION_CH_MARKS)
		s->dirty |= D_LIST;
	if (c & SESSION_CH_TEXT)
		s->dirty |= D_EDITOR | D_LIST;
	if (c & SESSION_CH_ANSWER)
		s->dirty |= D_LIST | D_BAR | D_PROMPT;
	if (c & SESSION_CH_STATE)
		s->dirty |= D_STATUS;
	unsigned d = s->dirty;
	s->dirty = 0;
	return d;
}

/* ---- actions ----------------------------------------------------------- */

static void switch_row(ivscreen *s, int row)
{
	if (row == s->ss->row)
		return;
	session_switch_row(s->ss, row);
	/* the list as stored now: a script may have added or marked some */
	if (on_actions(s) && store_action_reload(s->ss->st, s->ss->iv) != 0)
		set_msg(s, true, "%s", ev_lasterr());
	s->fu_sel = 0;
	s->prompt_top = 0;
	ivd_place_right(s);
	s->dirty |= D_LIST | D_PROMPT | D_BAR | D_EDITOR | D_STATUS;
}

static void set_pane(ivscreen *s, unsigned pane)
{
	if (s->pane == pane)
		return;
	s->pane = pane;
	s->v.pane = pane;
	s->dirty |= D_LIST | D_PROMPT | D_BAR | D_HINTS;
}

static void answer_changed(ivscreen *s)
{
	session_answer_changed(s->ss, cur_slot(s));
	s->dirty |= D_LIST | D_PROMPT | D_BAR;
}

static bool need_question(ivscreen *s, const char *what)
{
	if (on_question(s))
		return true;
	set_msg(s, false, "%s", _(what));
	return false;
}

static void edited(ivscreen *s)
{
	session_edited(s->ss);
	s->dirty |= D_EDITOR;
	if ((int)session_shown(s->ss) != s->shown_state)
		s->dirty |= D_STATUS;
}

/* A bracketed paste, whole: inserted at once (tb_insert turns CR into
 * LF and drops control bytes) into the notes, and saved at once. */
static unsigned iv_paste(ui_view *v, const char *text, size_t len)
{
	ivscreen *s = (ivscreen *)v;
	if (s->ss->ro) {
		readonly_msg(s);
		return take_damage(s);
	}
	set_pane(s, P_EDITOR);
	tb_insert(s->ss->tb, text, len);
	edited(s);
	session_flush(s->ss);   /* a paste is worth saving at once */
	return take_damage(s);
}

static void do_external(ivscreen *s)
{
	if (s->ss->ro) {
		readonly_msg(s);
		return;
	}
	session_flush(s->ss);
	char *text = tb_text(s->ss->tb, NULL);
	char *out = NULL, *workdir = NULL;
	int rc = ui_term_edit_external(text, &out, &workdir);
	free(text);
	s->relayout = true;
	if (rc != 0) {
		set_msg(s, true, "%s", ev_lasterr());
		return;
	}
	session_from_editor(s->ss, out, strlen(out), workdir);
	free(out);
	set_msg(s, false, "notes updated from the editor");
}

static void iv_end(ivscreen *s, enum ui_result r)
{
	s->v.result = r;
	s->v.done = true;
}

static void do_close(ivscreen *s)
{
	char *path = NULL;
	if (session_finish(s->ss, &path) != 0) {
		char *why = ivd_short_paths(s, ev_lasterr());
		set_msg(s, true, "%s", why);   /* it says whether it closed */
		free(why);
		return;
	}
	s->report_path = path;
	iv_end(s, UI_R_CLOSED);
}

/* F10: ask first, naming what happens and to whom, so that no key typed
 * by habit closes an interview. */
static void ask_close(ivscreen *s)
{
	if (s->ss->ro) {
		set_msg(s, false, "already closed (exitview reopen %lld)", (long long)s->ss->iv->id);
		return;
	}
	s->confirm_close = true;
	const char *emp = str_empty(s->ss->iv->employee) ? _("(no name)") : s->ss->iv->employee;
	set_msg(s, true, "Close the interview with %s (report, then read-only)? y/n", emp);
}

static void do_leave(ivscreen *s)
{
	if (session_flush_all(s->ss) != 0 && !s->leave_armed) {
		s->leave_armed = true;
		set_msg(s, true, "NOT SAVED: Ctrl-X again leaves, keeping the notes in a recovery file");
		return;
	}
	enum ui_result r = UI_R_LEAVE;
	if (s->ss->save_err) {
		char *why = xstrdup(s->ss->save_err);
		session_write_recovery(s->ss);
		ev_seterr("left with notes not saved in the database (%s): %s", why, sb_str(&s->ss->exit_note));
		free(why);
		r = UI_R_ERROR;
	}
	iv_end(s, r);
}

static void iv_hangup(ui_view *v, enum ui_result why)
{
	ivscreen *s = (ivscreen *)v;
	if (session_flush_all(s->ss) != 0)
		session_write_recovery(s->ss);
	iv_end(s, why);
}

static void iv_save(ui_view *v)
{
	session_flush_all(((ivscreen *)v)->ss);
}

static void key_editor(ivscreen *s, enum ui_action a, int key)
{
	textbuf *tb = s->ss->tb;
	int width = s->ed_width, rows = s->ed_rows;
	bool modifies = a == A_ED_BACKSPACE || a == A_ED_DELETE || a == A_ED_NEWLINE ||
		a == A_ED_CUT_EOL || a == A_ED_CUT_BOL || a == A_ED_CUT_WORD || a == A_ED_YANK ||
		a == A_UNDO || a == A_REDO || (a == A_NONE && ui_key_printable(key));
	if (modifies && s->ss->ro) {
		readonly_msg(s);
		return;
	}
	switch (a) {
	case A_ED_LEFT: tb_left(tb); break;
	case A_ED_RIGHT: tb_right(tb); break;
	case A_ED_UP: tb_up(tb, width); break;
	case A_ED_DOWN: tb_down(tb, width); break;
	case A_ED_WORD_LEFT: tb_word_left(tb); break;
	case A_ED_WORD_RIGHT: tb_word_right(tb); break;
	case A_ED_HOME: tb_home(tb, width); break;
	case A_ED_END: tb_end(tb, width); break;
	case A_ED_LINE_START: tb_line_start(tb); break;
	case A_ED_LINE_END: tb_line_end(tb); break;
	case A_ED_PGUP: tb_page_up(tb, width, rows); break;
	case A_ED_PGDN: tb_page_down(tb, width, rows); break;
	case A_ED_BACKSPACE: tb_backspace(tb); break;
	case A_ED_DELETE: tb_delete(tb); break;
	case A_ED_NEWLINE: tb_insert(tb, "\n", 1); break;
	case A_ED_CUT_EOL: tb_cut_to_eol(tb); break;
	case A_ED_CUT_BOL: tb_cut_to_bol(tb); break;
	case A_ED_CUT_WORD: tb_cut_word_back(tb); break;
	case A_ED_YANK: tb_yank(tb); break;
	case A_UNDO:
		if (!tb_undo(tb)) {
			set_msg(s, false, "nothing to undo");
			return;
		}
		break;
	case A_REDO:
		if (!tb_redo(tb)) {
			set_msg(s, false, "nothing to redo");
			return;
		}
		break;
	case A_TO_LIST: set_pane(s, P_LIST); return;
	case A_NONE: {
		if (!ui_key_printable(key)) {
			set_msg(s, false, "that key does nothing in the notes (F1 lists the keys)");
			return;
		}
		char u[4];
		size_t n = ui_key_utf8(key, u);
		tb_insert(tb, u, n);
		break;
	}
	default:
		return;
	}
	if (modifies)
		edited(s);
	else
		s->dirty |= D_EDITOR;
}

/* The action items as stored, the choice kept within them, repainted. */
static void actions_reload(ivscreen *s)
{
	interview *iv = s->ss->iv;
	if (store_action_reload(s->ss->st, iv) != 0)
		set_msg(s, true, "%s", ev_lasterr());
	if (s->fu_sel >= iv->nacts)
		s->fu_sel = iv->nacts > 0 ? iv->nacts - 1 : 0;
	ivd_place_right(s);
	s->dirty |= D_LIST | D_PROMPT | D_BAR;
}

/* The action item chosen in the prompt pane for a change, or NULL with
 * why not said: none (none_msg), or the interview is closed. */
static const iv_action *chosen_action(ivscreen *s, const char *none_msg)
{
	interview *iv = s->ss->iv;
	if (iv->nacts == 0) {
		set_msg(s, false, "%s", _(none_msg));
		return NULL;
	}
	if (s->ss->ro) {
		readonly_msg(s);
		return NULL;
	}
	if (s->fu_sel >= iv->nacts)
		s->fu_sel = iv->nacts - 1;
	return &iv->acts[s->fu_sel];
}

/* Space on an action item: done, or open again, saved at once. */
static void mark_action(ivscreen *s)
{
	const iv_action *a = chosen_action(s, N_("no action items yet: F3 makes a notes line one"));
	if (!a)
		return;
	int64_t n = a->id;
	bool done = a->status != ACTION_DONE;
	if (store_action_set_done(s->ss->st, n, done) != 0)
		set_msg(s, true, "action %lld not marked: %s", (long long)n, ev_lasterr());
	else
		set_msg(s, false, done ? N_("action %lld done") : N_("action %lld open again"), (long long)n);
	actions_reload(s);
}

/* The form of one action item (a new one when a->id is 0), then the list
 * as stored. */
static void action_form(ivscreen *s, const iv_action *a)
{
	session_flush(s->ss);
	char *msg = NULL;
	enum ui_result r = ui_action_form(s->ss->st, a, &msg);
	s->relayout = true;
	if (msg) {
		/* the form's word for a refusal begins as its message does */
		const char *refused = _("action not saved: %s");
		set_msg(s, strncmp(msg, refused, strcspn(refused, "%")) == 0, "%s", msg);
		free(msg);
	}
	actions_reload(s);
	if (r == UI_R_HANGUP || r == UI_R_TERM)
		iv_hangup(&s->v, r);
	else if (r == UI_R_QUIT)
		do_leave(s);
}

/* Delete on an action item: ask first, naming it, so that a Delete
 * pressed by habit in the wrong pane deletes nothing. */
static void ask_delete_action(ivscreen *s)
{
	static const char none[] = N_("Delete removes an action item: choose one in Action items");
	if (!on_actions(s)) {
		set_msg(s, false, "%s", _(none));
		return;
	}
	const iv_action *a = chosen_action(s, none);
	if (!a)
		return;
	s->confirm_delete = a->id;
	set_msg(s, true, "Delete action %lld \"%s\"? y/n", (long long)a->id, a->text);
}

static void do_delete_action(ivscreen *s, int64_t n)
{
	if (store_action_delete(s->ss->st, n) != 0)
		set_msg(s, true, "action %lld not deleted: %s", (long long)n, ev_lasterr());
	else
		set_msg(s, false, "action %lld deleted", (long long)n);
	actions_reload(s);
}

/* F4 (and Enter on the list in the prompt pane): edit the chosen one. */
static void edit_action(ivscreen *s)
{
	if (!on_actions(s)) {
		set_msg(s, false, "F4 edits an action item: choose Action items in the list");
		return;
	}
	const iv_action *a = chosen_action(s, N_("no action items yet: F3 makes one"));
	if (a)
		action_form(s, a);
}

/* F3: the notes line under the cursor becomes an action item of this
 * interview, linked to the question whose notes they are, saved at once.
 * In the action items' own notes the line moves into the list (it is
 * cut from the notes once the action is stored; a refusal leaves it). */
static void line_to_action(ivscreen *s)
{
	if (s->ss->ro) {
		readonly_msg(s);
		return;
	}
	textbuf *tb = s->ss->tb;
	size_t len, cur = tb_cursor(tb);
	char *text = tb_text(tb, &len);
	size_t a = cur, b = cur;
	while (a > 0 && text[a - 1] != '\n')
		a--;
	while (b < len && text[b] != '\n')
		b++;
	char *line = action_from_line(text + a, b - a);
	free(text);
	if (!line && on_actions(s)) {   /* nothing typed: the form for a new one */
		char none[1] = "";
		iv_action blank = { .interview_id = s->ss->iv->id, .text = none, .owner = none,
				    .question = ACTION_NO_QUESTION };
		action_form(s, &blank);
		return;
	}
	if (!line) {
		set_msg(s, false, "empty line: no action item made");
		return;
	}
	strbuf clean = STRBUF_INIT;
	utf8_clean(&clean, line, strlen(line), UTF8_ONELINE);
	free(line);
	size_t cut = utf8_fit(sb_str(&clean), clean.len, ACTION_MAX_TEXT);   /* a column a character, at most */
	while (utf8_length(sb_str(&clean), cut) > ACTION_MAX_TEXT)
		cut = utf8_prev(sb_str(&clean), cut);
	clean.len = cut;
	clean.s[cut] = '\0';
	iv_action act = { .interview_id = s->ss->iv->id,
			  .question = on_question(s) ? cur_slot(s) : ACTION_NO_QUESTION };
	act.text = sb_detach(&clean);
	act.owner = xstrdup("");
	if (store_action_add(s->ss->st, &act) != 0) {
		set_msg(s, true, "no action item made: %s", ev_lasterr());
	} else {
		set_msg(s, false, "action %lld: %s", (long long)act.id, act.text);
		if (on_actions(s)) {   /* the line is in the list now */
			tb_line_start(tb);
			tb_cut_to_eol(tb);
			if (tb_cursor(tb) < tb_len(tb))
				tb_delete(tb);
			else if (tb_cursor(tb) > 0)
				tb_backspace(tb);
			edited(s);
			session_flush(s->ss);
		}
		if (store_action_reload(s->ss->st, s->ss->iv) != 0)
			set_msg(s, true, "%s", ev_lasterr());
		ivd_place_right(s);
		s->dirty |= D_LIST | D_PROMPT | D_BAR | D_EDITOR;
	}
	action_clear(&act);
}

/* Keys of the question list and the prompt pane (not text: see iv_key). */
static void key_list_prompt(ivscreen *s, enum ui_action a)
{
	switch (a) {
	case A_UP:
		if (s->pane == P_LIST) {
			if (s->ss->row > 0)
				switch_row(s, s->ss->row - 1);
		} else if (cur_nfollowups(s) > 0 && ivd_selected_more_above(s)) {
			s->prompt_top--;   /* up through a follow-up taller than the pane */
			s->dirty |= D_PROMPT | D_BAR;
		} else if (s->fu_sel > 0 && cur_nfollowups(s) > 0) {
			s->fu_sel--;
			ivd_prompt_show_selected(s);
			s->dirty |= D_PROMPT | D_BAR;
		} else if (s->prompt_top > 0) {
			s->prompt_top--;   /* up to the prompt's first line */
			s->dirty |= D_PROMPT | D_BAR;
		}
		return;
	case A_DOWN:
		if (s->pane == P_LIST) {
			if (s->ss->row < s->ss->nrows - 1)
				switch_row(s, s->ss->row + 1);
		} else if (cur_nfollowups(s) > 0 && ivd_selected_more_below(s)) {
			s->prompt_top++;   /* down through a follow-up taller than the pane */
			s->dirty |= D_PROMPT | D_BAR;
		} else if (s->fu_sel < cur_nfollowups(s) - 1) {
			s->fu_sel++;
			ivd_prompt_show_selected(s);
			s->dirty |= D_PROMPT | D_BAR;
		} else if (ivd_prompt_more_below(s)) {
			s->prompt_top++;   /* past the last follow-up: on to the hint */
			s->dirty |= D_PROMPT | D_BAR;
		}
		return;
	case A_OPEN:
		if (s->pane == P_PROMPT && on_actions(s) && s->ss->iv->nacts > 0) {
			edit_action(s);
			return;
		}
		set_pane(s, P_EDITOR);
		return;
	case A_TO_LIST:
		set_pane(s, P_LIST);
		return;
	case A_MARK:
		if (on_actions(s)) {
			mark_action(s);
			return;
		}
		if (cur_nfollowups(s) == 0) {
			set_msg(s, false, "no follow-up questions here");
			return;
		}
		if (s->ss->ro) {
			readonly_msg(s);
			return;
		}
		cur_part(s)->asked[s->fu_sel] = !cur_part(s)->asked[s->fu_sel];
		answer_changed(s);
		return;
	default:
		set_msg(s, false, "not a key here: typing writes the notes, F1 lists the keys");
		return;
	}
}


/* Alt-1..Alt-5, Alt-0, Alt-S: the scorecard, from any pane. */
static void rate(ivscreen *s, enum ui_action a, int key)
{
	if (!need_question(s, a == A_SKIP ? N_("skipping: only questions have one")
					  : N_("rating: only questions have one")))
		return;
	if (s->ss->ro) {
		readonly_msg(s);
		return;
	}
	iv_question *q = cur_part(s);
	if (a == A_RATE && q->no_rating) {
		set_msg(s, false, "question %d takes no rating (its template says rating = no)",
			cur_slot(s) + 1);
		return;
	}
	if (a == A_SKIP)
		q->skipped = !q->skipped;
	else
		q->rating = a == A_RATE ? (key & ~KD_ALT_BIT) - '0' : 0;
	answer_changed(s);
}

/* F5: the notes kept in recovery files go back into their parts. */
static void restore_recovered(ivscreen *s)
{
	if (s->ss->ro && s->ss->nrecov > 0) {
		readonly_msg(s);
		return;
	}
	session_restore_recovered(s->ss);
	s->dirty |= D_LIST | D_EDITOR;
}

static void go_row(ivscreen *s, int row, const char *edge)
{
	if (row < 0 || row >= s->ss->nrows) {
		set_msg(s, false, "%s", _(edge));
		return;
	}
	switch_row(s, row);
	set_pane(s, P_EDITOR);
}

static void open_details(ivscreen *s)
{
	session_flush(s->ss);
	char *why = NULL;
	bool unsaved = false;
	enum ui_result r = ui_form_details(s->ctx, s->ss->iv, &why, &unsaved);
	s->relayout = true;
	if (unsaved)   /* the form could not save them: retried from here */
		session_details_unsaved(s->ss);
	if (why) {
		set_msg(s, true, "%s", why);
		free(why);
	}
	if (r == UI_R_HANGUP || r == UI_R_TERM)
		iv_hangup(&s->v, r);
	else if (r == UI_R_QUIT)
		do_leave(s);
}

static void handle_key(ivscreen *s, int key)
{
	if (s->msg.text[0]) {
		s->msg.text[0] = '\0';
		s->dirty |= D_STATUS;
	}
	if (s->confirm_close) {
		s->confirm_close = false;
		if (i18n_yes(key)) {
			do_close(s);
			return;
		}
		set_msg(s, false, "not closed");
		if (key == 'n' || key == 'N' || key == UI_ESC)
			return;
		/* any other key goes back and does what it does */
	}
	if (s->confirm_delete) {
		int64_t n = s->confirm_delete;
		s->confirm_delete = 0;
		if (i18n_yes(key)) {
			do_delete_action(s, n);
			return;
		}
		set_msg(s, false, "not deleted");
		if (key == 'n' || key == 'N' || key == UI_ESC)
			return;
	}
	enum ui_action a = ui_keys_action(s->pane, key);
	if (a != A_LEAVE)
		s->leave_armed = false;
	switch (a) {
	case A_NEXT_PANE:
		set_pane(s, s->pane == P_LIST ? P_PROMPT : s->pane == P_PROMPT ? P_EDITOR : P_LIST);
		return;
	case A_PREV_PANE:
		set_pane(s, s->pane == P_LIST ? P_EDITOR : s->pane == P_EDITOR ? P_PROMPT : P_LIST);
		return;
	case A_NEXT_Q:
		go_row(s, s->ss->row + 1, N_("this is the last part"));
		return;
	case A_PREV_Q:
		go_row(s, s->ss->row - 1, N_("this is the first question"));
		return;
	case A_RATE:
	case A_UNRATE:
	case A_SKIP:
		rate(s, a, key);
		return;
	case A_EXTERNAL:
		do_external(s);
		return;
	case A_DETAILS:
		open_details(s);
		return;
	case A_CLOSE:
		ask_close(s);
		return;
	case A_LEAVE:
		do_leave(s);
		return;
	case A_RECOVER:
		restore_recovered(s);
		return;
	case A_ACTION_ADD:
		line_to_action(s);
		return;
	case A_ACTION_EDIT:
		edit_action(s);
		return;
	case A_ACTION_DELETE:
		ask_delete_action(s);
		return;
	default:
		break;
	}
	if (key == KD_UNKNOWN) {
		set_msg(s, false, "an unknown key sequence was ignored (F1 lists the keys)");
		return;
	}
	/* typing always writes the notes: from the list or the prompt pane it
	 * moves there (Space in the prompt pane marks a follow-up) */
	if (s->pane != P_EDITOR && a == A_NONE && ui_key_printable(key) && !s->ss->ro)
		set_pane(s, P_EDITOR);
	if (s->pane == P_EDITOR)
		key_editor(s, a, key);
	else if (a == A_NONE && ui_key_printable(key))
		readonly_msg(s);
	else
		key_list_prompt(s, a);
}


static unsigned iv_key(ui_view *v, int key)
{
	ivscreen *s = (ivscreen *)v;
	handle_key(s, key);
	if (s->relayout) {   /* after the form or the editor: lay out again */
		s->relayout = false;
		take_damage(s);
		return UI_DAMAGE_ALL;
	}
	return take_damage(s);
}

/* Autosave, retries, the position, the heartbeat (the session's), and
 * the clock. */
static unsigned iv_tick(ui_view *v)
{
	ivscreen *s = (ivscreen *)v;
	session_tick(s->ss);
	if (session_elapsed(s->ss) / 60 != s->shown_minute)
		s->dirty |= D_STATUS;
	if ((int)session_shown(s->ss) != s->shown_state)
		s->dirty |= D_STATUS;
	return take_damage(s);
}

/* Milliseconds until the next thing to do without a key: the clock's
 * next minute or what the session has due; -1 when there is none (a
 * closed interview). */
static int iv_timeout(ui_view *v)
{
	const ivscreen *s = (const ivscreen *)v;
	long long due = session_due(s->ss);
	if (due < 0)
		return -1;
	const session *ss = s->ss;
	long long el_ms = (long long)ss->elapsed0 * 1000 + (session_now(ss) - ss->t_open);
	long long t = 60000 - el_ms % 60000;
	if (due < t)
		t = due;
	return (int)t + 5;
}

/* Out of memory: the screen whose text an exhausted malloc must still
 * keep, and where (both set while the screen runs). */
static ivscreen *oom_screen;
static char *oom_dir;

static void oom_keep(void)
{
	static char first[4096];
	int kept = 0, lost = 0;
	if (oom_screen)
		session_oom_keep(oom_screen->ss, oom_dir, first, sizeof first, &kept, &lost);
	ui_term_end();
	if (kept)
		fprintf(stderr, kept > 1 ? _("exitview: out of memory: notes not saved in the database are in %s (and beside it)\n")
					 : _("exitview: out of memory: notes not saved in the database are in %s\n"), first);
	if (lost)
		fprintf(stderr, ngettext("exitview: out of memory: %d part of the notes NOT SAVED\n",
					 "exitview: out of memory: %d parts of the notes NOT SAVED\n", (unsigned long)lost), lost);
}

enum ui_result ui_interview_run(ui_ctx *ctx, interview *iv, char **report_path, char **exit_note)
{
	ivscreen sc;
	ivscreen *s = &sc;
	memset(s, 0, sizeof *s);
	s->ctx = ctx;
	s->ss = session_open(ctx->st, ctx->cfg, iv, NULL, NULL);
	session_on_notice(s->ss, on_notice, s);
	ivd_init(s);
	s->pane = s->ss->ro ? P_LIST : P_EDITOR;
	s->shown_state = -1;
	s->shown_minute = -1;
	s->v.key = iv_key;
	s->v.paste = iv_paste;
	s->v.layout = ivd_layout;
	s->v.draw = ivd_draw;
	s->v.until_tick = iv_timeout;
	s->v.tick = iv_tick;
	s->v.save = iv_save;
	s->v.hangup = iv_hangup;
	s->v.pane = s->pane;
	s->v.result = UI_R_LEAVE;
	s->ed_width = ui_editor_width(COLS / 2);   /* until laid out */
	s->ed_rows = 8;
	if (s->ss->ro)
		set_msg(s, false, "closed; to edit: exitview reopen %lld", (long long)iv->id);
	else if (s->ss->nrecov > 0)
		set_msg(s, true, ngettext("%d recovery file from a failed save (%s): F5 adds it to the notes",
					  "%d recovery files from a failed save (e.g. %s): F5 adds them to the notes",
					  (unsigned long)s->ss->nrecov),
			s->ss->nrecov, s->ss->recov[0].path);
	else if (!ui_term_utf8())
		set_msg(s, true, "the locale is not UTF-8: letters outside ASCII show as ? but are kept as typed");
	session_claim(s->ss);   /* another screen on it: the word that counts most */
	oom_screen = s;
	oom_dir = recovery_dir();
	ev_set_oom_handler(oom_keep);
	enum ui_result res = ui_loop_run(&s->v);
	ev_set_oom_handler(NULL);
	oom_screen = NULL;
	free(oom_dir);
	oom_dir = NULL;
	session_close(s->ss, res != UI_R_CLOSED && res != UI_R_ERROR, exit_note);
	ivd_free(s);
	if (report_path)
		*report_path = s->report_path;
	else
		free(s->report_path);
	return res;
}
