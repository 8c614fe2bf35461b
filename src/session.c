/* session.c — one interview being held: its notes in a text buffer and
 * the saving policy that never loses a word (see session.h). */
#include "exitview/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitview/finish.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "session_priv.h"

static long long mono_ms(void *arg)
{
	(void)arg;
	return ev_clock_ms();
}

long long session_now(const session *s)
{
	return s->clock(s->clock_arg);
}

void session_say(session *s, bool error, const char *fmt, ...)
{
	if (!s->notice)
		return;
	char buf[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, _(fmt), ap);
	va_end(ap);
	s->notice(s->notice_arg, error, buf);
}

/* ---- rows -------------------------------------------------------------- */

/* The slots in the order of the rows: the opening (if the interview has
 * one), the preparation, the questions, the closing (if any), the
 * observations, the action items; *n of them in slots (nquestions + 5
 * at most).  A question's slot is its index. */
static int row_slots(const interview *iv, int *slots)
{
	int n = 0;
	if (interview_has_checklist(iv, IV_SLOT_OPENING))
		slots[n++] = IV_SLOT_OPENING;
	slots[n++] = IV_SLOT_PREPARATION;
	for (int i = 0; i < iv->nquestions; i++)
		slots[n++] = i;
	if (interview_has_checklist(iv, IV_SLOT_CLOSING))
		slots[n++] = IV_SLOT_CLOSING;
	slots[n++] = IV_SLOT_OBSERVATIONS;
	slots[n++] = IV_SLOT_ACTIONS;
	return n;
}

/* The row of question 0. */
static int first_question_row(const session *s)
{
	return interview_has_checklist(s->iv, IV_SLOT_OPENING) ? 2 : 1;
}

int session_slot_of(const session *s, int row)
{
	int nq = s->iv->nquestions, q0 = first_question_row(s);
	if (row >= q0 && row < q0 + nq)
		return row - q0;
	if (row == q0 - 1)
		return IV_SLOT_PREPARATION;
	if (row < q0 - 1)
		return IV_SLOT_OPENING;
	int after = row - q0 - nq - (interview_has_checklist(s->iv, IV_SLOT_CLOSING) ? 1 : 0);
	if (after < 0)
		return IV_SLOT_CLOSING;
	return after == 0 ? IV_SLOT_OBSERVATIONS : IV_SLOT_ACTIONS;
}

int session_row_of(const session *s, int slot)
{
	int *slots = xcalloc((size_t)s->iv->nquestions + 5, sizeof *slots);
	int n = row_slots(s->iv, slots), row = first_question_row(s);
	for (int r = 0; r < n; r++)
		if (slots[r] == slot)
			row = r;
	free(slots);
	return row;
}

bool session_is_question(const session *s, int row)
{
	return session_slot_of(s, row) >= 0;
}

const char *session_row_noun(const session *s, int r, char *buf, size_t size)
{
	int slot = session_slot_of(s, r);
	switch (slot) {
	case IV_SLOT_OBSERVATIONS: return "observations";
	case IV_SLOT_ACTIONS: return "action items";
	case IV_SLOT_PREPARATION: return "preparation";
	case IV_SLOT_OPENING: return "opening";
	case IV_SLOT_CLOSING: return "closing";
	default:
		snprintf(buf, size, "question %d", slot + 1);
		return buf;
	}
}

/* Where slot's unsaved-answer flag is in answer_unsaved (a question's
 * index; the opening and closing after the questions); -1 for a slot
 * without an answer. */
static int answer_index(const session *s, int slot)
{
	int nq = s->iv->nquestions;
	if (slot >= 0 && slot < nq)
		return slot;
	if (interview_has_checklist(s->iv, slot))
		return slot == IV_SLOT_OPENING ? nq : nq + 1;
	return -1;
}

/* The slot of answer index a (answer_index's inverse). */
int session_answer_slot(const session *s, int a)
{
	int nq = s->iv->nquestions;
	return a < nq ? a : a == nq ? IV_SLOT_OPENING : IV_SLOT_CLOSING;
}

char **session_row_slot_notes(const session *s, int row)
{
	return interview_slot_notes(s->iv, session_slot_of(s, row));
}

const char *session_row_notes(const session *s, int r)
{
	return *session_row_slot_notes(s, r);
}

int64_t session_elapsed(const session *s)
{
	if (s->ro)
		return s->elapsed0;   /* a closed interview's time stands still */
	return s->elapsed0 + (session_now(s) - s->t_open) / 1000;
}

unsigned session_take_changes(session *s)
{
	unsigned c = s->changes;
	s->changes = 0;
	return c;
}

static void set_save_err(session *s, const char *err)
{
	if (err) {
		if (s->save_err && strcmp(s->save_err, err) == 0)
			return;
		str_set(&s->save_err, err);
	} else if (s->save_err) {
		free(s->save_err);
		s->save_err = NULL;
	} else {
		return;
	}
	s->changes |= SESSION_CH_STATE;
}

/* ---- the text buffer and the interview's copy --------------------------- */

/* The buffer's row: its interview string becomes the stand-in. */
static void set_stand_in(session *s)
{
	const char *v = "";
	size_t len = tb_len(s->tb);
	if (len > 0) {
		v = " ";
		for (size_t i = 0; i < len; i++) {
			unsigned char c = tb_byte(s->tb, i);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				v = "x";
				break;
			}
		}
	}
	char **p = session_row_slot_notes(s, s->row);
	if (strcmp(*p, v) != 0)
		str_set(p, v);
}

/* Leaving the buffer's row: the interview gets its full text back, the
 * buffer's own bytes (no copy; the buffer is left empty). */
static void give_back_text(session *s)
{
	char **p = session_row_slot_notes(s, s->row);
	free(*p);
	*p = tb_detach(s->tb, NULL);
}

/* The buffer changed since the last save: its row is unsaved; the list's
 * state mark follows. */
void session_take_text(session *s)
{
	if (s->ro || tb_generation(s->tb) == s->saved_gen)
		return;
	set_stand_in(s);
	s->saved_gen = tb_generation(s->tb);
	s->first_edit = 0;
	s->notes_unsaved[s->row] = true;
	s->changes |= SESSION_CH_MARKS;
}

/* The buffer holds new text that must be saved whatever its generation. */
void session_buffer_replaced(session *s)
{
	s->saved_gen = tb_generation(s->tb) - 1;
	session_take_text(s);
	s->changes |= SESSION_CH_TEXT;
}

/* The notes of row r as text to save: the buffer's row is the buffer's
 * own bytes (no copy: a 1 MB note is not held twice while it is saved),
 * any other row is the interview's. */
const char *session_row_text(const session *s, int r)
{
	if (r == s->row)
		return tb_str(s->tb);
	return *session_row_slot_notes(s, r);
}

/* The buffer takes row's text from the interview (no copy); the
 * interview keeps the stand-in. */
static void load_row(session *s, int row)
{
	s->row = row;
	char **p = session_row_slot_notes(s, row);
	char *notes = *p;
	*p = xstrdup("");
	tb_take_text(s->tb, notes, strlen(notes), s->cursor[row]);
	set_stand_in(s);
	s->saved_gen = tb_generation(s->tb);
}

/* ---- opening and closing ------------------------------------------------ */

session *session_open(store *st, const settings *cfg, interview *iv, session_clock clock, void *clock_arg)
{
	session *s = xcalloc(1, sizeof *s);
	s->st = st;
	s->cfg = cfg;
	s->iv = iv;
	s->ro = iv->closed;
	s->clock = clock ? clock : mono_ms;
	s->clock_arg = clock_arg;
	int *slots = xcalloc((size_t)iv->nquestions + 5, sizeof *slots);
	s->nrows = row_slots(iv, slots);
	free(slots);
	s->cursor = xcalloc((size_t)s->nrows, sizeof *s->cursor);
	s->notes_unsaved = xcalloc((size_t)s->nrows, sizeof *s->notes_unsaved);
	s->answer_unsaved = xcalloc((size_t)(iv->nquestions + 2), sizeof *s->answer_unsaved);
	for (int r = 0; r < s->nrows; r++)
		s->cursor[r] = strlen(*session_row_slot_notes(s, r));
	int row = session_row_of(s, iv->cur_slot);
	if (iv->cur_offset >= 0 && (size_t)iv->cur_offset <= s->cursor[row])
		s->cursor[row] = (size_t)iv->cur_offset;
	s->tb = tb_new();
	s->t_open = session_now(s);
	s->last_edit = s->last_retry = s->last_pos = s->last_heartbeat = s->t_open;
	s->elapsed0 = iv->elapsed;
	load_row(s, row);
	s->pos_row = row;
	s->pos_cursor = tb_cursor(s->tb);
	s->pos_minute = s->elapsed0 / 60;
	if (!s->ro)
		s->nrecov = recovery_find(iv->id, &s->recov);
	return s;
}

void session_on_notice(session *s, session_notice fn, void *arg)
{
	s->notice = fn;
	s->notice_arg = arg;
}

/* The interview is also open on another screen (a claim; see store.h):
 * say where, once each time another screen appears. */
static void other_screen(session *s, int rc, const store_claim_info *o)
{
	if (rc == 1 && o->others > s->others_seen) {
		char since[32] = "";
		time_t t = (time_t)o->since;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(since, sizeof since, "%H:%M", &tm);
		session_say(s, true, "also open on %s by %s since %s: both screens' notes are kept", o->host, o->user,
		       since);
	}
	if (rc >= 0)
		s->others_seen = rc == 1 ? o->others : 0;
}

void session_claim(session *s)
{
	if (s->ro)
		return;
	store_claim_info o;
	other_screen(s, store_claim(s->st, s->iv->id, &o), &o);
	s->last_heartbeat = session_now(s);
}

void session_close(session *s, bool save, char **exit_note)
{
	if (!s->ro) {
		if (save) {
			s->iv->elapsed = session_elapsed(s);
			session_flush_all(s);
		}
		store_release(s->st, s->iv->id);
	}
	give_back_text(s);   /* the caller's interview is whole again */
	tb_free(s->tb);
	free(s->cursor);
	free(s->notes_unsaved);
	free(s->answer_unsaved);
	free(s->save_err);
	free(s->editor_dir);   /* kept on disk only when nothing else holds its text */
	recovery_files_free(s->recov, s->nrecov);
	if (exit_note)
		*exit_note = s->exit_note.len ? sb_detach(&s->exit_note) : NULL;
	sb_free(&s->exit_note);
	free(s);
}

/* ---- saving ------------------------------------------------------------- */

/* Another writer (a second screen, `exitview note` or `set`) saved first:
 * nothing of theirs is overwritten.  The notes keep both texts and the
 * interviewer is told; the next save is based on what is stored now. */
static void keep_both(session *s, int r, const store_conflict *c, const char *mine)
{
	const char *other = c->other_text ? c->other_text : "";
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, other);
	size_t mine_at;
	if (!*mine) {
		mine_at = sb.len;   /* nothing of ours to keep beside theirs */
	} else if (!*other) {
		mine_at = 0;
	} else {
		sb_puts(&sb, _("\n\n--- the text above was saved elsewhere meanwhile; this screen's follows ---\n"));
		mine_at = sb.len;
	}
	sb_puts(&sb, mine);
	if (r == s->row) {
		size_t cur = tb_cursor(s->tb) + mine_at;
		tb_set_text(s->tb, sb.s, sb.len, cur);
		session_buffer_replaced(s);
	} else {
		str_set(session_row_slot_notes(s, r), sb_str(&sb));
	}
	sb_free(&sb);
	*store_notes_version(s->iv, session_slot_of(s, r)) = c->version;
	s->changes |= SESSION_CH_TEXT | SESSION_CH_MARKS;
	int slot = session_slot_of(s, r);
	switch (slot) {
	case IV_SLOT_OBSERVATIONS:
		session_say(s, true, "the notes of the observations were also changed elsewhere: both texts kept, merge them");
		break;
	case IV_SLOT_ACTIONS:
		session_say(s, true, "the notes of the action items were also changed elsewhere: both texts kept, merge them");
		break;
	case IV_SLOT_PREPARATION:
		session_say(s, true, "the notes of the preparation were also changed elsewhere: both texts kept, merge them");
		break;
	case IV_SLOT_OPENING:
		session_say(s, true, "the notes of the opening were also changed elsewhere: both texts kept, merge them");
		break;
	case IV_SLOT_CLOSING:
		session_say(s, true, "the notes of the closing were also changed elsewhere: both texts kept, merge them");
		break;
	default:
		session_say(s, true, "the notes of question %d were also changed elsewhere: both texts kept, merge them",
			    slot + 1);
		break;
	}
}

/* Save row r's notes on the version they were loaded or last saved at.
 * 0 saved, 1 a conflict (both kept: save again), -1 an error. */
static int save_row_notes(session *s, int r)
{
	int slot = session_slot_of(s, r);
	int64_t *ver = store_notes_version(s->iv, slot);
	const char *text = session_row_text(s, r);
	store_conflict c;
	int rc = store_save_notes_v(s->st, s->iv->id, slot, text, ver ? *ver : STORE_ANY_VERSION, &c);
	if (rc == 0 && ver)
		*ver = c.version;
	else if (rc == 1)
		keep_both(s, r, &c, text);
	store_conflict_free(&c);
	return rc;
}

/* Save question q's rating, skip and follow-ups.  On a conflict the
 * follow-ups asked anywhere stay asked, and this screen's rating and skip
 * (just chosen here) stand; the interviewer is told.  0, 1 or -1. */
static int save_answer(session *s, int q)
{
	iv_question *iq = interview_part(s->iv, q);
	store_conflict c;
	int rc = store_save_answer_v(s->st, s->iv->id, q, iq, iq->answer_version, &c);
	if (rc == 0) {
		iq->answer_version = c.version;
	} else if (rc == 1) {
		const iv_question *o = c.other ? interview_part(c.other, q) : NULL;
		for (int f = 0; o && f < iq->nfollowups && f < o->nfollowups; f++)
			iq->asked[f] = iq->asked[f] || o->asked[f];
		iq->answer_version = c.version;
		if (q >= 0)
			session_say(s, true, "question %d was also rated elsewhere (%s): this screen's rating kept",
			       q + 1, c.fields ? c.fields : _("changed"));
		else if (q == IV_SLOT_OPENING)
			session_say(s, true, "the opening checklist was also changed elsewhere: items done "
			       "anywhere stay done");
		else
			session_say(s, true, "the closing checklist was also changed elsewhere: items done "
			       "anywhere stay done");
		s->changes |= SESSION_CH_ANSWER;
	}
	store_conflict_free(&c);
	return rc;
}

/* The first error of a flush, kept in *err (malloc'd). */
static void first_error(char **err, const char *why)
{
	if (!*err)
		*err = xstrdup(why);
}

static void save_position(session *s, char **err)
{
	s->iv->cur_slot = session_slot_of(s, s->row);
	s->iv->cur_offset = (int64_t)tb_cursor(s->tb);
	s->iv->elapsed = session_elapsed(s);
	if (store_save_position(s->st, s->iv->id, s->iv->cur_slot, s->iv->cur_offset, s->iv->elapsed) != 0) {
		first_error(err, ev_lasterr());
		return;
	}
	s->pos_unsaved = false;
	s->last_pos = session_now(s);
	s->pos_row = s->row;
	s->pos_cursor = tb_cursor(s->tb);
	s->pos_minute = s->iv->elapsed / 60;
}

/* Save everything unsaved; steady: the autosave of typing that goes on
 * (the status line stays calm, see session_shown). */
static int flush(session *s, bool steady)
{
	if (s->ro)
		return 0;
	session_take_text(s);
	bool content = s->details_unsaved;   /* more than the position */
	for (int r = 0; r < s->nrows && !content; r++)
		content = s->notes_unsaved[r];
	for (int a = 0; a < s->iv->nquestions + 2 && !content; a++)
		content = s->answer_unsaved[a];
	char *err = NULL;
	for (int r = 0; r < s->nrows; r++) {
		if (!s->notes_unsaved[r])
			continue;
		int rc = save_row_notes(s, r);
		if (rc == 1)
			rc = save_row_notes(s, r);   /* both texts kept: saved on the new base */
		if (rc == 0)
			s->notes_unsaved[r] = false;
		else
			first_error(&err, rc == 1 ? _("another writer keeps changing these notes") : ev_lasterr());
	}
	for (int a = 0; a < s->iv->nquestions + 2; a++) {
		if (!s->answer_unsaved[a])
			continue;
		int rc = save_answer(s, session_answer_slot(s, a));
		if (rc == 1)
			rc = save_answer(s, session_answer_slot(s, a));
		if (rc == 0)
			s->answer_unsaved[a] = false;
		else
			first_error(&err, rc == 1 ? _("another writer keeps changing the ratings") : ev_lasterr());
	}
	if (s->details_unsaved) {
		if (store_save_details(s->st, s->iv) == 0)
			s->details_unsaved = false;
		else
			first_error(&err, ev_lasterr());
	}
	if (s->pos_unsaved)
		save_position(s, &err);
	s->last_retry = session_now(s);
	set_save_err(s, err);
	int rc = err ? -1 : 0;
	free(err);
	if (rc == 0 && content)
		s->steady_save = steady;
	if (rc == 0 && s->editor_dir) {   /* the editor's copy is no longer needed */
		fs_remove_dir(s->editor_dir);
		s->editor_dir = NULL;
	}
	return rc;
}

int session_flush(session *s)
{
	return flush(s, false);
}

int session_flush_all(session *s)
{
	if (s->ro)
		return 0;
	s->pos_unsaved = true;
	return session_flush(s);
}

enum session_state session_state(const session *s)
{
	if (s->ro)
		return SESSION_READONLY;
	if (s->save_err)
		return SESSION_ERROR;
	if (tb_generation(s->tb) != s->saved_gen || s->details_unsaved)
		return SESSION_PENDING;
	for (int r = 0; r < s->nrows; r++)
		if (s->notes_unsaved[r])
			return SESSION_PENDING;
	return SESSION_SAVED;
}

static long long quiet_ms(const session *s);

enum session_shown session_shown(const session *s)
{
	long long now = session_now(s), quiet = quiet_ms(s);
	switch (session_state(s)) {
	case SESSION_READONLY:
		return SHOWN_READONLY;
	case SESSION_ERROR:
		return SHOWN_ERROR;
	case SESSION_PENDING:
		/* edits not known to the clock are late at once */
		return !s->first_edit || now - s->first_edit >= quiet + SESSION_LATE_MS ? SHOWN_LATE : SHOWN_QUIET;
	case SESSION_SAVED:
	default:
		return s->steady_save && now - s->last_edit < quiet ? SHOWN_QUIET : SHOWN_SAVED;
	}
}

/* ---- what the screen does ----------------------------------------------- */

void session_edited(session *s)
{
	s->last_edit = session_now(s);
	if (!s->first_edit)
		s->first_edit = s->last_edit;
}

void session_switch_row(session *s, int row)
{
	if (row == s->row || row < 0 || row >= s->nrows)
		return;
	s->cursor[s->row] = tb_cursor(s->tb);
	session_take_text(s);
	give_back_text(s);
	load_row(s, row);
	s->changes |= SESSION_CH_TEXT | SESSION_CH_MARKS;
	s->pos_unsaved = !s->ro;
	session_flush(s);
}

void session_answer_changed(session *s, int q)
{
	int a = answer_index(s, q);
	if (a < 0)
		return;
	s->answer_unsaved[a] = true;
	s->changes |= SESSION_CH_ANSWER;
	session_flush(s);
}

void session_details_unsaved(session *s)
{
	s->details_unsaved = true;
	session_flush(s);
}

void session_from_editor(session *s, const char *text, size_t len, char *editor_dir)
{
	tb_set_text(s->tb, text, len, len);
	/* force the new text into the interview and the database; the
	 * editor's copy stays until it is there (or in a recovery file) */
	session_buffer_replaced(s);
	if (session_flush(s) == 0) {
		fs_remove_dir(editor_dir);
	} else {
		fs_remove_dir(s->editor_dir);
		s->editor_dir = editor_dir;
	}
}

/* The position in the database is behind: another row or cursor place,
 * or another minute of elapsed time. */
static bool pos_moved(const session *s)
{
	return s->row != s->pos_row || tb_cursor(s->tb) != s->pos_cursor ||
	       session_elapsed(s) / 60 != s->pos_minute;
}

static long long quiet_ms(const session *s)
{
	long long quiet = (long long)s->cfg->autosave_seconds * 1000;
	return quiet > 0 ? quiet : 1000;
}

void session_tick(session *s)
{
	if (s->ro)
		return;
	long long now = session_now(s), quiet = quiet_ms(s);
	/* what is saved here while typing goes on leaves the status line calm */
	bool typing = now - s->last_edit < quiet;
	/* after a pause of `quiet`, and at the latest `quiet` after the first
	 * unsaved edit, so that steady typing is saved too */
	if (tb_generation(s->tb) != s->saved_gen &&
	    (now - s->last_edit >= quiet || (s->first_edit && now - s->first_edit >= quiet)))
		flush(s, typing);
	else if (s->save_err && now - s->last_retry >= SESSION_RETRY_MS)
		flush(s, typing);
	if (now - s->last_pos >= SESSION_POSITION_MS && pos_moved(s)) {
		s->pos_unsaved = true;
		flush(s, typing);
	}
	if (now - s->last_heartbeat >= SESSION_HEARTBEAT_MS) {
		store_claim_info o;
		other_screen(s, store_heartbeat(s->st, s->iv->id, &o), &o);
		s->last_heartbeat = now;
	}
}

static void sooner(long long *t, long long due)
{
	if (due < *t)
		*t = due;
}

long long session_due(const session *s)
{
	if (s->ro)
		return -1;
	long long now = session_now(s), quiet = quiet_ms(s);
	long long t = s->last_heartbeat + SESSION_HEARTBEAT_MS - now;
	if (tb_generation(s->tb) != s->saved_gen) {
		sooner(&t, s->last_edit + quiet - now);
		if (s->first_edit)
			sooner(&t, s->first_edit + quiet - now);
	}
	if (s->save_err)
		sooner(&t, s->last_retry + SESSION_RETRY_MS - now);
	/* the status line: "saved" once typing pauses, "saving…" when late */
	enum session_shown shown = session_shown(s);
	if (shown == SHOWN_QUIET && session_state(s) == SESSION_SAVED)
		sooner(&t, s->last_edit + quiet - now);
	else if (shown == SHOWN_QUIET)
		sooner(&t, s->first_edit + quiet + SESSION_LATE_MS - now);
	if (pos_moved(s))
		sooner(&t, s->last_pos + SESSION_POSITION_MS - now);
	return t < 0 ? 0 : t;
}

int session_finish(session *s, char **report_path)
{
	if (session_flush_all(s) != 0)
		return ev_seterr("not closed: the notes could not be saved");
	return finish_write_report(s->st, s->cfg, s->iv->id, NULL, 1, report_path);
}
