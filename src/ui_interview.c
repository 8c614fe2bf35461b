/* ui_interview.c — the interview screen: question list (left), prompt with
 * follow-ups and hint (top right), notes editor (below), status line and
 * key hints (bottom).
 *
 * Never lose a word: the notes of the current question live in a textbuf;
 * they are saved after autosave_seconds without typing, on every question
 * switch, on leaving, after the external editor and at once on
 * SIGHUP/SIGTERM.  A failed save keeps the text in memory, shows
 * "NOT SAVED: why" and is retried every second.
 *
 * Memory: a note is held once.  While a row is in the editor its text is
 * only in the textbuf; its string in the interview is a stand-in of at
 * most one character ("" empty, " " blank, "x" noted) that answers what
 * interview_qstate() and the list's marks ask.  A save copies the text
 * out for the store and frees the copy; leaving a row (and the screen)
 * puts the full text back into the interview.
 *
 * Layout: the list is as wide as the template's longest title allows
 * (the right side keeps 46 columns at 80); the prompt pane is as tall as
 * its question, follow-ups and hint, up to about half the screen (the
 * notes keep 8 rows at 80x24).  Text that still does not fit scrolls in
 * the prompt pane (Up/Down; the question itself stays), with "more"
 * marks above and below.  The panes are placed again only when a
 * question's text needs another height.
 *
 * Wake-ups: the screen sleeps until a key or the next thing it must do by
 * itself (the clock's next minute, an autosave, a retry, saving a moved
 * cursor); the clock shows whole minutes, so idle it wakes once a minute.
 */
#include "exitview/ui_interview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitview/finish.h"
#include "exitview/fsutil.h"
#include "exitview/recovery.h"
#include "exitview/textbuf.h"
#include "exitview/ui_editor.h"
#include "exitview/ui_form.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

enum {
	D_LIST = 1, D_PROMPT = 2, D_BAR = 4, D_EDITOR = 8, D_STATUS = 16,
	D_HINTS = 32, D_FRAME = 64,
	D_ALL = 127,
};

enum save_state { SS_SAVED, SS_PENDING, SS_ERROR, SS_READONLY };

typedef struct ivscreen {
	ui_view v;              /* first: the loop's handle */
	ui_ctx *ctx;
	interview *iv;
	bool ro;
	int nrows;              /* questions + observations + actions */
	int row;                /* current row of the list = current slot */
	unsigned pane;
	int fsel;               /* selected follow-up */
	int ltop;               /* first list row shown */
	int lw;                 /* list width (the line is drawn in column lw) */
	int ph;                 /* prompt pane height, sized to its text */
	int npin;               /* prompt rows that stay when it scrolls */
	int ptop;               /* first scrolled prompt row shown */
	struct plines *pl;      /* the current row's prompt text, wrapped */
	char *hintbuf;          /* "Hint: ..." of the current question */
	textbuf *tb;
	uint64_t saved_gen;     /* tb_generation() copied into the interview */
	size_t *cursor;         /* per row: where the cursor was */
	bool *notes_unsaved;    /* per row: notes not yet in the database */
	bool *answer_unsaved;   /* per question: rating/skipped/asked */
	bool pos_unsaved;
	long long t_open, last_edit, last_retry, last_pos;
	long long first_edit;   /* first edit since the text was last taken for saving; 0: none */
	int64_t elapsed0;
	int64_t shown_minute;
	int pos_row;            /* the position last saved: row, cursor, minute */
	size_t pos_cursor;
	int64_t pos_minute;
	char *save_err;
	bool details_unsaved;   /* the details form could not save them */
	long long last_heartbeat;   /* the claim on the interview, renewed each minute */
	int others_seen;        /* other screens on it at the last look */
	recovery_file *recov;   /* recovery files of this interview, offered (F5) */
	int nrecov;
	strbuf exit_note;       /* where unsaved text went, said after the screen */
	char *editor_dir;       /* the editor's copy, kept until its text is saved */
	int shown_state;
	char msg[320];
	bool msg_error;
	bool confirm_close;     /* F10 asked: y closes */
	bool leave_armed;       /* a save failed: Ctrl-X again leaves unsaved */
	WINDOW *wlist, *wprompt, *wbar, *wed, *wstatus, *whints;
	int ed_width, ed_rows;  /* the notes' wrap width and rows, kept while too small */
	unsigned dirty;         /* D_* parts to draw again */
	bool relayout;          /* another view covered the screen: lay out again */
	bool bar_scrolled;      /* the bar shows "more above" the notes */
	char *report_path;
} ivscreen;

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int slot_of(const ivscreen *s, int row)
{
	int nq = s->iv->nquestions;
	if (row < nq)
		return row;
	return row == nq ? IV_SLOT_OBSERVATIONS : IV_SLOT_ACTIONS;
}

static int row_of(const ivscreen *s, int slot)
{
	int nq = s->iv->nquestions;
	if (slot == IV_SLOT_OBSERVATIONS)
		return nq;
	if (slot == IV_SLOT_ACTIONS)
		return nq + 1;
	if (slot >= 0 && slot < nq)
		return slot;
	return 0;
}

static bool is_question_row(const ivscreen *s, int row)
{
	return row < s->iv->nquestions;
}

/* Row r as words in a message: "question 3", "observations", "action items". */
static const char *row_noun(const ivscreen *s, int r, char *buf, size_t size)
{
	if (is_question_row(s, r)) {
		snprintf(buf, size, "question %d", r + 1);
		return buf;
	}
	return r == s->iv->nquestions ? "observations" : "action items";
}

static bool is_question(const ivscreen *s)
{
	return is_question_row(s, s->row);
}

static char **row_notes(ivscreen *s, int row)
{
	return interview_slot_notes(s->iv, slot_of(s, row));
}

static void set_msg(ivscreen *s, bool error, const char *fmt, ...) EV_PRINTF(3, 4);
static void set_msg(ivscreen *s, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
	s->msg_error = error;
	s->dirty |= D_STATUS;
}

static void readonly_msg(ivscreen *s)
{
	set_msg(s, true, "closed: read-only (exitview reopen %lld)", (long long)s->iv->id);
}

static int64_t elapsed_now(const ivscreen *s)
{
	if (s->ro)
		return s->elapsed0;   /* a closed interview's time stands still */
	return s->elapsed0 + (now_ms() - s->t_open) / 1000;
}

/* ---- saving ---------------------------------------------------------- */

/* A message for the status line, which has no room for long paths: the
 * database's path and the report directory become their last component,
 * wherever they stand, so the reason stays visible.  malloc'd. */
static char *short_paths(const ivscreen *s, const char *msg)
{
	char *rdir = settings_report_dir(s->ctx->cfg);
	const char *paths[] = { store_path(s->ctx->st), rdir };
	char *out = xstrdup(msg);
	for (size_t k = 0; k < EV_ARRAY_LEN(paths); k++) {
		const char *p = paths[k];
		const char *base = p ? strrchr(p, '/') : NULL;
		if (!base || !base[1])
			continue;
		size_t plen = strlen(p), blen = strlen(base + 1);
		char *at;
		while ((at = strstr(out, p)) != NULL) {   /* each pass shortens out */
			memmove(at, base + 1, blen);
			memmove(at + blen, at + plen, strlen(at + plen) + 1);
		}
	}
	free(rdir);
	return out;
}

static void set_save_err(ivscreen *s, const char *err)
{
	char *shortened = err ? short_paths(s, err) : NULL;
	err = shortened;
	/* "cannot write exitview.db: the disk is full": the reason is what counts */
	const char *db = store_path(s->ctx->st);
	const char *dbname = db && strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	if (err && dbname && *dbname) {
		const char *at = strstr(err, dbname);
		size_t n = strlen(dbname);
		if (at && (strncmp(err, "cannot write ", 13) == 0) && at[n] == ':' && at[n + 1] == ' ')
			err = at + n + 2;
	}
	if (err) {
		if (!s->save_err || strcmp(s->save_err, err) != 0)
			str_set(&s->save_err, err);
	} else if (s->save_err) {
		free(s->save_err);
		s->save_err = NULL;
	}
	free(shortened);
	s->dirty |= D_STATUS;
}

/* The editor's row: its interview string becomes the stand-in (see the
 * top of the file) for the textbuf's text. */
static void set_stand_in(ivscreen *s)
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
	char **p = row_notes(s, s->row);
	if (strcmp(*p, v) != 0)
		str_set(p, v);
}

/* Leaving the editor's row: the interview gets its full text back. */
static void give_back_text(ivscreen *s)
{
	char **p = row_notes(s, s->row);
	free(*p);
	*p = tb_text(s->tb, NULL);
}

/* Note that the editor's text changed since the last save (it is then
 * "unsaved"); the list's state mark follows. */
static void take_text(ivscreen *s)
{
	if (s->ro || tb_generation(s->tb) == s->saved_gen)
		return;
	set_stand_in(s);
	s->saved_gen = tb_generation(s->tb);
	s->first_edit = 0;
	s->notes_unsaved[s->row] = true;
	s->dirty |= D_LIST;   /* the state mark may change */
}

/* The notes of row r as text to save: the editor's row is copied out of
 * the textbuf (*copy to free), any other row is the interview's. */
static const char *row_text(ivscreen *s, int r, char **copy)
{
	*copy = NULL;
	if (r == s->row)
		return *copy = tb_text(s->tb, NULL);
	return *row_notes(s, r);
}

/* Another writer (a second screen, `exitview note` or `set`) saved first:
 * nothing of theirs is overwritten.  Notes keep both texts — what is
 * stored, a line saying so, then this screen's — and the interviewer is
 * told; the next save is based on what is stored now. */
static void keep_both(ivscreen *s, int r, const store_conflict *c, const char *mine)
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
		sb_puts(&sb, "\n\n--- the text above was saved elsewhere meanwhile; this screen's follows ---\n");
		mine_at = sb.len;
	}
	sb_puts(&sb, mine);
	if (r == s->row) {
		size_t cur = tb_cursor(s->tb) + mine_at;
		tb_set_text(s->tb, sb.s, sb.len, cur);
		s->saved_gen = tb_generation(s->tb) - 1;
		take_text(s);
	} else {
		str_set(row_notes(s, r), sb_str(&sb));
	}
	sb_free(&sb);
	*store_notes_version(s->iv, slot_of(s, r)) = c->version;
	s->dirty |= D_EDITOR | D_LIST;
	char noun[32];
	set_msg(s, true, "the notes of %s%s were also changed elsewhere: both texts kept, merge them",
		is_question_row(s, r) ? "" : "the ", row_noun(s, r, noun, sizeof noun));
}

/* Save row r's notes on the version they were loaded or last saved at.
 * 0 saved, 1 a conflict (both kept: save again), -1 an error. */
static int save_row_notes(ivscreen *s, int r)
{
	int slot = slot_of(s, r);
	int64_t *ver = store_notes_version(s->iv, slot);
	char *copy;
	const char *text = row_text(s, r, &copy);
	store_conflict c;
	int rc = store_save_notes_v(s->ctx->st, s->iv->id, slot, text, ver ? *ver : STORE_ANY_VERSION, &c);
	if (rc == 0 && ver)
		*ver = c.version;
	else if (rc == 1)
		keep_both(s, r, &c, text);
	free(copy);
	store_conflict_free(&c);
	return rc;
}

/* Save question q's rating, skip and follow-ups.  On a conflict the
 * follow-ups asked anywhere stay asked, and this screen's rating and skip
 * (just chosen here) stand; the interviewer is told.  0, 1 or -1 as above. */
static int save_answer(ivscreen *s, int q)
{
	iv_question *iq = &s->iv->q[q];
	store_conflict c;
	int rc = store_save_answer_v(s->ctx->st, s->iv->id, q, iq, iq->answer_version, &c);
	if (rc == 0) {
		iq->answer_version = c.version;
	} else if (rc == 1) {
		const iv_question *o = c.other && q < c.other->nquestions ? &c.other->q[q] : NULL;
		for (int f = 0; o && f < iq->nfollowups && f < o->nfollowups; f++)
			iq->asked[f] = iq->asked[f] || o->asked[f];
		iq->answer_version = c.version;
		set_msg(s, true, "question %d was also rated elsewhere (%s): this screen's rating kept", q + 1,
			c.fields ? c.fields : "changed");
		s->dirty |= D_LIST | D_BAR | D_PROMPT;
	}
	store_conflict_free(&c);
	return rc;
}

/* Write everything unsaved to the database.  Returns 0 or -1. */
static int flush(ivscreen *s)
{
	if (s->ro)
		return 0;
	take_text(s);
	const char *err = NULL;
	static char errbuf[512];
	for (int r = 0; r < s->nrows; r++) {
		if (!s->notes_unsaved[r])
			continue;
		int rc = save_row_notes(s, r);
		if (rc == 1)
			rc = save_row_notes(s, r);   /* both texts kept: saved on the new base */
		if (rc == 0) {
			s->notes_unsaved[r] = false;
		} else if (!err) {
			snprintf(errbuf, sizeof errbuf, "%s", rc == 1 ? "another writer keeps changing these notes" : ev_lasterr());
			err = errbuf;
		}
	}
	for (int q = 0; q < s->iv->nquestions; q++) {
		if (!s->answer_unsaved[q])
			continue;
		int rc = save_answer(s, q);
		if (rc == 1)
			rc = save_answer(s, q);
		if (rc == 0) {
			s->answer_unsaved[q] = false;
		} else if (!err) {
			snprintf(errbuf, sizeof errbuf, "%s", rc == 1 ? "another writer keeps changing the ratings" : ev_lasterr());
			err = errbuf;
		}
	}
	if (s->details_unsaved) {
		if (store_save_details(s->ctx->st, s->iv) == 0) {
			s->details_unsaved = false;
		} else if (!err) {
			snprintf(errbuf, sizeof errbuf, "%s", ev_lasterr());
			err = errbuf;
		}
	}
	if (s->pos_unsaved) {
		s->iv->cur_slot = slot_of(s, s->row);
		s->iv->cur_offset = (int64_t)tb_cursor(s->tb);
		s->iv->elapsed = elapsed_now(s);
		if (store_save_position(s->ctx->st, s->iv->id, s->iv->cur_slot, s->iv->cur_offset,
					s->iv->elapsed) == 0) {
			s->pos_unsaved = false;
			s->last_pos = now_ms();
			s->pos_row = s->row;
			s->pos_cursor = tb_cursor(s->tb);
			s->pos_minute = s->iv->elapsed / 60;
		} else if (!err) {
			snprintf(errbuf, sizeof errbuf, "%s", ev_lasterr());
			err = errbuf;
		}
	}
	s->last_retry = now_ms();
	set_save_err(s, err);
	if (!err && s->editor_dir) {   /* the editor's copy is no longer needed */
		ui_term_edit_cleanup(s->editor_dir);
		s->editor_dir = NULL;
	}
	return err ? -1 : 0;
}

static int flush_all(ivscreen *s)
{
	if (s->ro)
		return 0;
	s->pos_unsaved = true;
	return flush(s);
}

/* Out of memory: the screen whose text an exhausted malloc must still
 * keep, and where (both set while the screen runs; nothing here may
 * allocate). */
static ivscreen *oom_screen;
static char *oom_dir;

static void oom_keep(void)
{
	ivscreen *s = oom_screen;
	static char path[4096], first[4096];
	int kept = 0, lost = 0;
	for (int r = 0; s && !s->ro && r < s->nrows; r++) {
		bool editing = r == s->row && tb_generation(s->tb) != s->saved_gen;
		if (!s->notes_unsaved[r] && !editing)
			continue;
		int fd = recovery_open_emergency(oom_dir, s->iv->id, slot_of(s, r), path, sizeof path);
		int rc = fd < 0 ? -1 : 0;
		if (fd >= 0) {
			if (r == s->row)
				rc = tb_write_fd(s->tb, fd);
			else
				rc = write(fd, *row_notes(s, r), strlen(*row_notes(s, r))) < 0 ? -1 : 0;
			if (fsync(fd) != 0 || close(fd) != 0)
				rc = -1;
		}
		if (rc == 0 && kept++ == 0)
			snprintf(first, sizeof first, "%s", path);
		if (rc != 0)
			lost++;
	}
	ui_term_end();
	if (kept)
		fprintf(stderr, "exitview: out of memory: notes not saved in the database are in %s%s\n", first,
			kept > 1 ? " (and beside it)" : "");
	if (lost)
		fprintf(stderr, "exitview: out of memory: %d part%s of the notes NOT SAVED\n", lost, lost == 1 ? "" : "s");
}

/* One place a recovery copy went, or why it could not, for the words
 * printed when the screen is gone. */
static void note_exit(ivscreen *s, const char *fmt, ...) EV_PRINTF(2, 3);
static void note_exit(ivscreen *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (s->exit_note.len)
		sb_puts(&s->exit_note, "; ");
	sb_vprintf(&s->exit_note, fmt, ap);
	va_end(ap);
}

/* Keep text as a recovery file (never overwriting one), and say where. */
static int recover_one(ivscreen *s, int slot, const char *text, const char *what)
{
	char *path = NULL;
	if (recovery_write(s->iv->id, slot, text, strlen(text), &path) == 0) {
		note_exit(s, "%s not saved in the database are in %s", what, path);
		free(path);
		return 0;
	}
	note_exit(s, "%s of interview %lld NOT SAVED: %s", what, (long long)s->iv->id, ev_lasterr());
	return -1;
}

/* Last resort when the database refuses and we must exit: private files
 * where there is room (recovery.h).  Returns 0 if everything unsaved is
 * somewhere on disk. */
static int write_recovery(ivscreen *s)
{
	int rc = 0;
	take_text(s);
	for (int r = 0; r < s->nrows; r++) {
		if (!s->notes_unsaved[r])
			continue;
		char *copy;
		const char *text = row_text(s, r, &copy);
		char noun[32], what[48];
		snprintf(what, sizeof what, "%s%s", is_question_row(s, r) ? "notes of " : "",
			 row_noun(s, r, noun, sizeof noun));
		rc |= recover_one(s, slot_of(s, r), text, what);
		free(copy);
	}
	bool answers = false;
	for (int q = 0; q < s->iv->nquestions; q++)
		answers |= s->answer_unsaved[q];
	if (s->details_unsaved || answers) {
		char *text = recovery_details_text(s->iv);
		strbuf sb = STRBUF_INIT;
		sb_puts(&sb, text);
		free(text);
		for (int q = 0; q < s->iv->nquestions; q++) {
			const iv_question *iq = &s->iv->q[q];
			if (!s->answer_unsaved[q])
				continue;
			sb_printf(&sb, "q%d.rating: %d\nq%d.skipped: %s\n", q + 1, iq->rating, q + 1,
				  iq->skipped ? "yes" : "no");
			for (int f = 0; f < iq->nfollowups; f++)
				if (iq->asked[f])
					sb_printf(&sb, "q%d.asked: %d\n", q + 1, f + 1);
		}
		rc |= recover_one(s, RECOVERY_DETAILS, sb_str(&sb), "details and ratings");
		sb_free(&sb);
	}
	if (s->editor_dir) {
		if (rc == 0) {
			ui_term_edit_cleanup(s->editor_dir);   /* its text is in a recovery file */
		} else {
			note_exit(s, "the external editor's copy is in %s", s->editor_dir);
			free(s->editor_dir);
		}
		s->editor_dir = NULL;
	}
	return rc ? -1 : 0;
}

static enum save_state save_state(const ivscreen *s)
{
	if (s->ro)
		return SS_READONLY;
	if (s->save_err)
		return SS_ERROR;
	if (tb_generation(s->tb) != s->saved_gen || s->details_unsaved)
		return SS_PENDING;
	for (int r = 0; r < s->nrows; r++)
		if (s->notes_unsaved[r])
			return SS_PENDING;
	return SS_SAVED;
}

/* ---- layout and drawing ---------------------------------------------- */

static void free_windows(ivscreen *s)
{
	WINDOW **ws[] = { &s->wlist, &s->wprompt, &s->wbar, &s->wed, &s->wstatus, &s->whints };
	for (size_t i = 0; i < EV_ARRAY_LEN(ws); i++) {
		if (*ws[i])
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

/* The list fits the template's longest title when the terminal allows:
 * marker, number, state mark and blanks take 6 columns before the title,
 * a blank and the rating 2 after it; the panes on the right keep at least
 * RIGHT_MIN columns (46 of 80). */
/* The claim is renewed each minute: well within the two minutes after
 * which another screen takes a silent claim for a hung session's. */
#define HEARTBEAT_MS 60000

enum { LIST_MIN = 22, LIST_MAX = 40, RIGHT_MIN = 46, ED_MIN = 8, PROMPT_MIN = 4 };

static int list_width(const ivscreen *s)
{
	int longest = 12;   /* "Observations", "Action items" */
	for (int i = 0; i < s->iv->nquestions; i++) {
		const char *t = s->iv->q[i].title;
		int w = t ? (int)utf8_width(t, strlen(t)) : 0;
		if (w > longest)
			longest = w;
	}
	int lw = longest + 8;
	if (lw > COLS - 1 - RIGHT_MIN)
		lw = COLS - 1 - RIGHT_MIN;
	if (lw > LIST_MAX)
		lw = LIST_MAX;
	if (lw < LIST_MIN)
		lw = LIST_MIN;
	return lw;
}

/* Prompt pane lines: the prompt, its follow-ups, the hint, and blank
 * spacers between them that go first when room is short. */
typedef struct pline {
	const char *text;
	size_t start, end;
	int fu;                /* follow-up index, or -1 */
	bool first;            /* first line of its follow-up / of the hint */
	bool hint;             /* a line of the hint */
	bool spacer;           /* a blank line */
	enum ui_style style;
	int indent;
} pline;

typedef struct plines {
	pline *v;              /* every line: a long prompt is never cut */
	int n, cap;
	const char *text;
	int fu;
	enum ui_style style;
	int indent;
	bool first, hint;
} plines;

static void pline_push(plines *p, pline l)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xrealloc(p->v, (size_t)p->cap * sizeof *p->v);
	}
	p->v[p->n++] = l;
}

static void on_pline(size_t start, size_t end, void *arg)
{
	plines *p = arg;
	pline_push(p, (pline){ p->text, start, end, p->fu, p->first, p->hint, false, p->style, p->indent });
	p->first = false;
}

static void add_text(plines *p, const char *text, int width, int fu, enum ui_style st, int indent, bool hint)
{
	p->text = text;
	p->fu = fu;
	p->style = st;
	p->indent = indent;
	p->first = true;
	p->hint = hint;
	ui_wrap(text, width - indent, on_pline, p);
}

static void add_spacer(plines *p)
{
	if (p->n > 0)
		pline_push(p, (pline){ "", 0, 0, -1, false, false, true, US_NORMAL, 0 });
}

/* The text width inside the prompt pane (one blank column each side). */
static int prompt_text_width(const ivscreen *s)
{
	return COLS - (s->lw + 1) - 1;
}

/* Wrap the current row's prompt, follow-ups and hint into s->pl. */
static void prompt_build(ivscreen *s, int pw)
{
	plines *p = s->pl;
	p->n = 0;
	const char *prompt, *hint = "";
	int nf = 0;
	const iv_question *q = NULL;
	if (is_question(s)) {
		q = &s->iv->q[s->row];
		prompt = q->prompt;
		hint = q->hint;
		nf = q->nfollowups;
	} else if (s->row == s->iv->nquestions) {
		prompt = "Non-verbal signals: tone, hesitation, what was not said.";
	} else {
		prompt = "What should be done after this interview: what, who, by when.";
	}
	add_text(p, prompt, pw, -1, US_TITLE, 1, false);
	for (int i = 0; i < nf; i++)
		add_text(p, q->followups[i], pw, i, US_NORMAL, 6, false);
	if (!str_empty(hint)) {
		size_t n = strlen(hint) + 8;
		s->hintbuf = xrealloc(s->hintbuf, n);
		snprintf(s->hintbuf, n, "Hint: %s", hint);
		add_spacer(p);
		add_text(p, s->hintbuf, pw, -1, US_HINT, 1, true);
	}
}

static void prompt_drop_spacers(plines *p)
{
	int k = 0;
	for (int i = 0; i < p->n; i++)
		if (!p->v[i].spacer)
			p->v[k++] = p->v[i];
	p->n = k;
}

/* The tallest the prompt pane may be: about half the screen, leaving the
 * notes at least ED_MIN rows (body = the rows above the status line). */
static int prompt_max(int body)
{
	int m = LINES / 2 + 1;
	if (m > body - 1 - ED_MIN)
		m = body - 1 - ED_MIN;
	return m < PROMPT_MIN ? PROMPT_MIN : m;
}

/* The rows that scroll: under the heading and the question itself,
 * which stays in view while the follow-ups and the hint scroll. */
static int prompt_rows(const ivscreen *s)
{
	return s->ph - 1 - s->npin;
}

static int prompt_scroll_n(const ivscreen *s)
{
	return s->pl->n - s->npin;
}

static void prompt_clamp(ivscreen *s)
{
	int over = prompt_scroll_n(s) - prompt_rows(s);
	if (s->ptop > over)
		s->ptop = over;
	if (s->ptop < 0)
		s->ptop = 0;
}

/* Size and place the prompt, the notes bar and the editor for the current
 * row's text; the windows are made again only when the size changes. */
static void place_right(ivscreen *s)
{
	if (!s->wlist)
		return;   /* not laid out yet (too small) */
	int body = LINES - 2, W = COLS;
	int pw = prompt_text_width(s);
	prompt_build(s, pw);
	int max = prompt_max(body);
	if (1 + s->pl->n > max)
		prompt_drop_spacers(s->pl);
	int ph = 1 + s->pl->n;
	if (ph > max)
		ph = max;
	if (ph < PROMPT_MIN)
		ph = PROMPT_MIN;
	/* a pane that scrolls keeps the question itself in view (when that
	 * leaves at least three rows to scroll) */
	s->npin = 0;
	if (1 + s->pl->n > ph) {
		int q = 0;
		while (q < s->pl->n && s->pl->v[q].fu < 0 && !s->pl->v[q].hint && !s->pl->v[q].spacer)
			q++;
		if (ph - 1 - q >= 3)
			s->npin = q;
	}
	s->dirty |= D_PROMPT | D_BAR;
	if (s->wprompt && ph == s->ph) {
		prompt_clamp(s);
		return;
	}
	s->ph = ph;
	prompt_clamp(s);
	WINDOW **ws[] = { &s->wprompt, &s->wbar, &s->wed };
	for (size_t i = 0; i < EV_ARRAY_LEN(ws); i++) {
		if (*ws[i])
			delwin(*ws[i]);
	}
	int rx = s->lw + 1;
	s->wprompt = newwin(ph, W - rx, 0, rx);
	s->wbar = newwin(1, W - rx, ph, rx);
	/* the notes keep a blank column after the line, like the prompt */
	s->wed = newwin(body - ph - 1, W - rx - 1, ph + 1, rx + 1);
	s->ed_width = ui_editor_width(getmaxx(s->wed));
	s->ed_rows = getmaxy(s->wed);
	/* the frame's blank column beside the notes moved too */
	s->dirty |= D_ALL;
}

static void iv_layout(ui_view *v)
{
	ivscreen *s = (ivscreen *)v;
	free_windows(s);
	s->dirty = D_ALL;
	int H = LINES, W = COLS;
	s->lw = list_width(s);
	s->ph = 0;
	s->wlist = newwin(H - 2, s->lw, 0, 0);
	s->wstatus = newwin(1, W, H - 2, 0);
	s->whints = newwin(1, W, H - 1, 0);
	place_right(s);
}

static char state_mark_ascii(enum qstate q)
{
	switch (q) {
	case Q_IN_PROGRESS: return '~';
	case Q_ANSWERED: return '*';
	case Q_SKIPPED: return '-';
	default: return ' ';
	}
}

static void draw_list(ivscreen *s)
{
	WINDOW *w = s->wlist;
	int h = getmaxy(w), lw = getmaxx(w);
	if (s->row < s->ltop)
		s->ltop = s->row;
	if (s->row >= s->ltop + h)
		s->ltop = s->row - h + 1;
	werase(w);
	for (int i = 0; i < h && s->ltop + i < s->nrows; i++) {
		int r = s->ltop + i;
		bool cur = r == s->row;
		attr_t a = cur ? ui_attr(s->pane == P_LIST ? US_SELECTED : US_CURRENT) : A_NORMAL;
		ui_blank(w, i, 0, lw, a);
		ui_putz(w, i, 0, cur ? ">" : " ", 1, a);
		const char *title;
		char num[16] = "  ";
		char mark[8] = " ";
		char rating[16] = "";
		if (r < s->iv->nquestions) {
			const iv_question *q = &s->iv->q[r];
			snprintf(num, sizeof num, "%2d", r + 1);
			enum qstate st = interview_qstate(s->iv, r);
			if (st == Q_ANSWERED && ui_term_utf8())
				snprintf(mark, sizeof mark, "\xe2\x9c\x93");
			else
				mark[0] = state_mark_ascii(st);
			if (q->rating > 0)
				snprintf(rating, sizeof rating, "%d", q->rating);
			title = q->title;
		} else {
			const char *notes = *row_notes(s, r);
			mark[0] = str_empty(notes) ? ' ' : '*';
			title = r == s->iv->nquestions ? "Observations" : "Action items";
		}
		ui_putz(w, i, 1, num, 2, a);
		ui_putz(w, i, 4, mark, 1, cur ? a : (a | ui_attr(US_MARK)));
		ui_put_trunc(w, i, 6, title, lw - 6 - 2, a);
		if (rating[0])
			ui_putz(w, i, lw - 1, rating, 1, cur ? a : (a | ui_attr(US_MARK)));
	}
	wnoutrefresh(w);
}

static void draw_prompt(ivscreen *s)
{
	WINDOW *w = s->wprompt;
	int pw = getmaxx(w) - 1;
	const plines *p = s->pl;
	char head[64];
	const iv_question *q = is_question(s) ? &s->iv->q[s->row] : NULL;
	if (q)
		snprintf(head, sizeof head, "Question %d of %d", s->row + 1, s->iv->nquestions);
	else
		snprintf(head, sizeof head, "%s", s->row == s->iv->nquestions ? "Observations" : "Action items");
	werase(w);
	ui_putz(w, 0, 1, head, pw, ui_attr(US_DIM));
	int rows = prompt_rows(s);
	prompt_clamp(s);
	if (s->ptop > 0) {
		const char *up = ui_term_utf8() ? "\xe2\x96\xb2 more" : "^ more";
		int uw = (int)utf8_width(up, strlen(up));
		ui_putz(w, 0, pw - uw, up, uw, ui_attr(US_MARK));
	}
	for (int i = 0; i < s->npin + rows; i++) {
		int k = i < s->npin ? i : s->ptop + i;
		if (k >= p->n)
			break;
		const pline *l = &p->v[k];
		int y = i + 1;
		if (l->spacer)
			continue;
		attr_t a = ui_attr(l->style);
		if (l->fu >= 0) {
			bool sel = l->fu == s->fsel;
			if (sel)
				a = ui_attr(s->pane == P_PROMPT ? US_SELECTED : US_CURRENT);
			if (l->first) {
				char box[8];
				snprintf(box, sizeof box, "%s[%c]", sel ? ">" : " ", q->asked[l->fu] ? 'x' : ' ');
				ui_putz(w, y, 1, box, 4, sel ? a : ui_attr(US_MARK));
			}
		}
		const char *t = l->text + l->start;
		size_t len = l->end - l->start;
		int x = l->indent;
		if (l->hint && l->first && len >= 5 && strncmp(t, "Hint:", 5) == 0) {
			/* the label stands out; the hint itself is italic */
			x += ui_put(w, y, x, t, 5, pw - x, ui_attr(US_TITLE));
			t += 5;
			len -= 5;
		}
		ui_put(w, y, x, t, len, pw - x, a);
	}
	wnoutrefresh(w);
}

/* More prompt text below what the pane shows. */
static bool prompt_more_below(const ivscreen *s)
{
	return s->ptop + prompt_rows(s) < prompt_scroll_n(s);
}

/* Keep the selected follow-up in view. */
/* The scrolled rows (from 0) of the selected follow-up; false if none. */
static bool selected_span(const ivscreen *s, int *first, int *last)
{
	*first = *last = -1;
	for (int i = s->npin; i < s->pl->n; i++) {
		if (s->pl->v[i].fu == s->fsel) {
			if (*first < 0)
				*first = i - s->npin;
			*last = i - s->npin;
		}
	}
	return *first >= 0;
}

/* The selected follow-up goes on below / above what the pane shows (one
 * taller than the pane is read by scrolling through it). */
static bool selected_more_below(const ivscreen *s)
{
	int first, last;
	return selected_span(s, &first, &last) && last >= s->ptop + prompt_rows(s);
}

static bool selected_more_above(const ivscreen *s)
{
	int first, last;
	return selected_span(s, &first, &last) && first < s->ptop;
}

static void prompt_show_selected(ivscreen *s)
{
	int first, last;
	if (!selected_span(s, &first, &last))
		return;
	int rows = prompt_rows(s);
	if (last >= s->ptop + rows)
		s->ptop = last - rows + 1;
	if (s->ptop > first)
		s->ptop = first;
	prompt_clamp(s);
}

static void draw_bar(ivscreen *s)
{
	WINDOW *w = s->wbar;
	int bw = getmaxx(w);
	werase(w);
	ui_hline(w, 0, 0, bw, ui_attr(US_BORDER));
	char t[200];
	s->bar_scrolled = tb_scrolled(s->tb);
	int n = snprintf(t, sizeof t, " Notes%s%s ", s->ro ? " (read-only: closed)" : "",
			 !s->bar_scrolled ? "" : ui_term_utf8() ? " \xe2\x96\xb2 more" : " ^ more");
	if (is_question(s)) {
		const iv_question *q = &s->iv->q[s->row];
		if (q->rating > 0) {
			const char *label = s->iv->scale[q->rating - 1];
			n += snprintf(t + n, sizeof t - (size_t)n, " rating %d%s%s%s ", q->rating,
				      str_empty(label) ? "" : " (", str_empty(label) ? "" : label,
				      str_empty(label) ? "" : ")");
		}
		if (q->skipped)
			snprintf(t + n, sizeof t - (size_t)n, " skipped ");
	}
	int more_w = 0;
	if (prompt_more_below(s)) {
		const char *more = ui_term_utf8() ? " \xe2\x96\xbc more " : " v more ";
		more_w = (int)utf8_width(more, strlen(more));
		ui_putz(w, 0, bw - more_w - 2, more, more_w, ui_attr(US_MARK));
	}
	ui_put_trunc(w, 0, 2, t, bw - 4 - more_w, ui_attr(s->pane == P_EDITOR ? US_TITLE : US_NORMAL));
	wnoutrefresh(w);
}

static void draw_editor(ivscreen *s)
{
	ui_editor_draw(s->wed, s->tb, s->ro ? "(no notes)" : NULL);
	wnoutrefresh(s->wed);
}

static void draw_hints(ivscreen *s);

static void draw_status(ivscreen *s)
{
	WINDOW *w = s->wstatus;
	int W = getmaxx(w);
	attr_t a = ui_attr(US_STATUS);
	werase(w);
	ui_blank(w, 0, 0, W, a);
	const char *emp = str_empty(s->iv->employee) ? "(no name)" : s->iv->employee;
	int x = 1 + ui_put_trunc(w, 0, 1, emp, W / 3 > 20 ? W / 3 : 20, a | A_BOLD) + 2;
	/* whole minutes: what an interviewer needs, and one change a minute */
	long long min = (long long)(elapsed_now(s) / 60);
	char clock[40];
	if (min < 1)
		snprintf(clock, sizeof clock, "elapsed <1 min");
	else if (min < 60)
		snprintf(clock, sizeof clock, "elapsed %lld min", min);
	else
		snprintf(clock, sizeof clock, "elapsed %lld h %02lld min", min / 60, min % 60);
	x += ui_putz(w, 0, x, clock, 24, a) + 2;
	s->shown_minute = min;
	enum save_state st = save_state(s);
	s->shown_state = (int)st;
	char buf[600];
	attr_t sa = a;
	switch (st) {
	case SS_SAVED: snprintf(buf, sizeof buf, "saved"); sa = ui_attr(US_OK); break;
	case SS_PENDING: snprintf(buf, sizeof buf, ui_term_utf8() ? "saving\xe2\x80\xa6" : "saving..."); break;
	case SS_READONLY: snprintf(buf, sizeof buf, "read-only"); break;
	case SS_ERROR: snprintf(buf, sizeof buf, "NOT SAVED"); sa = ui_attr(US_ERROR); break;
	}
	/* a message to show gets the room it needs; the save state keeps 16+.
	 * Errors (and why a save failed) go on the second row, whole. */
	bool msg_here = s->msg[0] && !s->msg_error;
	int room = W - x - 1;
	int need = msg_here ? (int)utf8_width(s->msg, strlen(s->msg)) + 2 : 0;
	if (need)
		room = room - need > 16 ? room - need : 16;
	x += ui_put_trunc(w, 0, x, buf, room, sa);
	if (msg_here) {
		x += 2;
		if (x < W - 1)
			ui_put_trunc(w, 0, x, s->msg, W - x - 1, a | A_BOLD);
	}
	wnoutrefresh(w);
	draw_hints(s);
}

/* The second row: key hints, or the error the interviewer must read (a
 * failed save, a refused close) with the width of the whole row. */
static void draw_hints(ivscreen *s)
{
	char h[640];
	attr_t a = ui_attr(US_DIM);
	if (s->msg[0] && s->msg_error) {   /* the latest word first */
		snprintf(h, sizeof h, "%s", s->msg);
		a = ui_attr(US_ERROR);
	} else if (save_state(s) == SS_ERROR) {
		snprintf(h, sizeof h, "NOT SAVED: %s (retrying; nothing typed is lost)", s->save_err);
		a = ui_attr(US_ERROR);
	} else {
		ui_keys_hints(s->pane, getmaxx(s->whints) - 2, h, sizeof h);
	}
	werase(s->whints);
	ui_put_trunc(s->whints, 0, 1, h, getmaxx(s->whints) - 2, a);
	wnoutrefresh(s->whints);
}

static void iv_draw(ui_view *v, unsigned damage)
{
	ivscreen *s = (ivscreen *)v;
	unsigned d = damage | s->dirty;
	s->dirty = 0;
	if (d & D_FRAME) {
		werase(stdscr);
		ui_vline(stdscr, 0, s->lw, LINES - 2, ui_attr(US_BORDER));
		wnoutrefresh(stdscr);
	}
	/* the notes before the bar: whether they are scrolled shows on it */
	if (d & D_EDITOR) {
		draw_editor(s);
		if (tb_scrolled(s->tb) != s->bar_scrolled)
			d |= D_BAR;
	}
	if (d & D_LIST)
		draw_list(s);
	if (d & D_PROMPT)
		draw_prompt(s);
	if (d & D_BAR)
		draw_bar(s);
	if (d & D_STATUS)
		draw_status(s);
	if (d & D_HINTS)
		draw_hints(s);
	/* the editor last: its cursor is the one the terminal shows */
	wnoutrefresh(s->wed);
	curs_set(s->pane == P_EDITOR ? 1 : 0);
}

/* What the handlers damaged, handed to the loop. */
static unsigned take_damage(ivscreen *s)
{
	unsigned d = s->dirty;
	s->dirty = 0;
	return d;
}

/* ---- actions ----------------------------------------------------------- */

static void load_row(ivscreen *s, int row)
{
	s->row = row;
	s->fsel = 0;
	s->ptop = 0;
	if (s->wprompt)
		place_right(s);
	char *notes = *row_notes(s, row);
	tb_set_text(s->tb, notes, strlen(notes), s->cursor[row]);
	set_stand_in(s);   /* frees the interview's copy */
	s->saved_gen = tb_generation(s->tb);
	s->dirty |= D_LIST | D_PROMPT | D_BAR | D_EDITOR | D_STATUS;
}

static void switch_row(ivscreen *s, int row)
{
	if (row == s->row)
		return;
	s->cursor[s->row] = tb_cursor(s->tb);
	take_text(s);
	give_back_text(s);
	load_row(s, row);
	s->pos_unsaved = !s->ro;
	flush(s);
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
	s->answer_unsaved[s->row] = true;
	flush(s);
	s->dirty |= D_LIST | D_PROMPT | D_BAR;
}

static bool need_question(ivscreen *s, const char *what)
{
	if (is_question(s))
		return true;
	set_msg(s, false, "%s: only questions have one", what);
	return false;
}

static void edited(ivscreen *s)
{
	s->last_edit = now_ms();
	if (!s->first_edit)
		s->first_edit = s->last_edit;
	s->dirty |= D_EDITOR;
	if ((int)save_state(s) != s->shown_state)
		s->dirty |= D_STATUS;
}

static void insert_text(ivscreen *s, const char *text, size_t len)
{
	if (s->ro) {
		readonly_msg(s);
		return;
	}
	tb_insert(s->tb, text, len);
	edited(s);
}

/* A bracketed paste, whole: inserted at once (tb_insert turns CR into
 * LF and drops control bytes) into the notes, and saved at once. */
static unsigned iv_paste(ui_view *v, const char *text, size_t len)
{
	ivscreen *s = (ivscreen *)v;
	if (!s->ro)
		set_pane(s, P_EDITOR);
	insert_text(s, text, len);
	flush(s);   /* a paste is worth saving at once */
	return take_damage(s);
}

static void do_external(ivscreen *s)
{
	if (s->ro) {
		readonly_msg(s);
		return;
	}
	flush(s);
	char *text = tb_text(s->tb, NULL);
	char *out = NULL, *workdir = NULL;
	int rc = ui_term_edit_external(text, &out, &workdir);
	free(text);
	s->relayout = true;
	if (rc != 0) {
		set_msg(s, true, "%s", ev_lasterr());
		return;
	}
	size_t len = strlen(out);
	tb_set_text(s->tb, out, len, len);
	free(out);
	/* force the new text into the interview and the database; the
	 * editor's copy stays until it is there (or in a recovery file) */
	s->saved_gen = tb_generation(s->tb) - 1;
	take_text(s);
	if (flush(s) == 0) {
		ui_term_edit_cleanup(workdir);
	} else {
		ui_term_edit_cleanup(s->editor_dir);
		s->editor_dir = workdir;
	}
	set_msg(s, false, "notes updated from the editor");
}

static void iv_end(ivscreen *s, enum ui_result r)
{
	s->v.result = r;
	s->v.done = true;
}

static void do_close(ivscreen *s)
{
	if (flush_all(s) != 0) {
		set_msg(s, true, "not closed: the notes could not be saved");
		return;
	}
	char *path = NULL;
	if (finish_write_report(s->ctx->st, s->ctx->cfg, s->iv->id, NULL, 1, &path) != 0) {
		char *why = short_paths(s, ev_lasterr());
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
	if (s->ro) {
		set_msg(s, false, "already closed (exitview reopen %lld)", (long long)s->iv->id);
		return;
	}
	s->confirm_close = true;
	const char *emp = str_empty(s->iv->employee) ? "(no name)" : s->iv->employee;
	set_msg(s, true, "Close the interview with %s (report, then read-only)? y/n",
		emp);
}

static void do_leave(ivscreen *s)
{
	if (flush_all(s) != 0 && !s->leave_armed) {
		s->leave_armed = true;
		set_msg(s, true, "NOT SAVED: Ctrl-X again leaves, keeping the notes in a recovery file");
		return;
	}
	enum ui_result r = UI_R_LEAVE;
	if (s->save_err) {
		char *why = xstrdup(s->save_err);
		write_recovery(s);
		ev_seterr("left with notes not saved in the database (%s): %s", why, sb_str(&s->exit_note));
		free(why);
		r = UI_R_ERROR;
	}
	iv_end(s, r);
}

static void iv_hangup(ui_view *v, enum ui_result why)
{
	ivscreen *s = (ivscreen *)v;
	if (flush_all(s) != 0)
		write_recovery(s);
	iv_end(s, why);
}

static void iv_save(ui_view *v)
{
	flush_all((ivscreen *)v);
}

static void key_editor(ivscreen *s, enum ui_action a, int key)
{
	textbuf *tb = s->tb;
	int width = s->ed_width, rows = s->ed_rows;
	bool modifies = a == A_ED_BACKSPACE || a == A_ED_DELETE || a == A_ED_NEWLINE ||
		a == A_ED_CUT_EOL || a == A_ED_CUT_BOL || a == A_ED_CUT_WORD || a == A_ED_YANK ||
		a == A_UNDO || a == A_REDO || (a == A_NONE && ui_key_printable(key));
	if (modifies && s->ro) {
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

/* Keys of the question list and the prompt pane (not text: see iv_key). */
static void key_list_prompt(ivscreen *s, enum ui_action a)
{
	switch (a) {
	case A_UP:
		if (s->pane == P_LIST) {
			if (s->row > 0)
				switch_row(s, s->row - 1);
		} else if (is_question(s) && s->iv->q[s->row].nfollowups > 0 && selected_more_above(s)) {
			s->ptop--;   /* up through a follow-up taller than the pane */
			s->dirty |= D_PROMPT | D_BAR;
		} else if (s->fsel > 0 && is_question(s) && s->iv->q[s->row].nfollowups > 0) {
			s->fsel--;
			prompt_show_selected(s);
			s->dirty |= D_PROMPT | D_BAR;
		} else if (s->ptop > 0) {
			s->ptop--;   /* up to the prompt's first line */
			s->dirty |= D_PROMPT | D_BAR;
		}
		return;
	case A_DOWN:
		if (s->pane == P_LIST) {
			if (s->row < s->nrows - 1)
				switch_row(s, s->row + 1);
		} else if (is_question(s) && s->iv->q[s->row].nfollowups > 0 && selected_more_below(s)) {
			s->ptop++;   /* down through a follow-up taller than the pane */
			s->dirty |= D_PROMPT | D_BAR;
		} else if (is_question(s) && s->fsel < s->iv->q[s->row].nfollowups - 1) {
			s->fsel++;
			prompt_show_selected(s);
			s->dirty |= D_PROMPT | D_BAR;
		} else if (prompt_more_below(s)) {
			s->ptop++;   /* past the last follow-up: on to the hint */
			s->dirty |= D_PROMPT | D_BAR;
		}
		return;
	case A_OPEN:
		set_pane(s, P_EDITOR);
		return;
	case A_TO_LIST:
		set_pane(s, P_LIST);
		return;
	case A_MARK:
		if (!is_question(s) || s->iv->q[s->row].nfollowups == 0) {
			set_msg(s, false, "no follow-up questions here");
			return;
		}
		if (s->ro) {
			readonly_msg(s);
			return;
		}
		s->iv->q[s->row].asked[s->fsel] = !s->iv->q[s->row].asked[s->fsel];
		answer_changed(s);
		return;
	default:
		set_msg(s, false, "not a key here: typing writes the notes, F1 lists the keys");
		return;
	}
}

/* The interview is also open on another screen (a claim; see store.h):
 * say where, once each time another screen appears. */
static void other_screen(ivscreen *s, int rc, const store_claim_info *o)
{
	if (rc == 1 && o->others > s->others_seen) {
		char since[32] = "";
		time_t t = (time_t)o->since;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(since, sizeof since, "%H:%M", &tm);
		set_msg(s, true, "also open on %s by %s since %s: both screens' notes are kept", o->host, o->user,
			since);
	}
	if (rc >= 0)
		s->others_seen = rc == 1 ? o->others : 0;
}

/* Alt-1..Alt-5, Alt-0, Alt-S: the scorecard, from any pane. */
static void rate(ivscreen *s, enum ui_action a, int key)
{
	if (!need_question(s, a == A_SKIP ? "skipping" : "rating"))
		return;
	if (s->ro) {
		readonly_msg(s);
		return;
	}
	iv_question *q = &s->iv->q[s->row];
	if (a == A_SKIP)
		q->skipped = !q->skipped;
	else
		q->rating = a == A_RATE ? (key & ~KD_ALT_BIT) - '0' : 0;
	answer_changed(s);
}

/* F5: the notes kept in recovery files go back into their questions
 * (after what is there, unless it is there already), and once saved the
 * files are marked restored.  Details can only be shown (their path). */
static void restore_recovered(ivscreen *s)
{
	if (s->nrecov == 0) {
		set_msg(s, false, "no recovery files for this interview");
		return;
	}
	if (s->ro) {
		readonly_msg(s);
		return;
	}
	take_text(s);
	int added = 0;
	const char *details = NULL;
	bool *used = xcalloc((size_t)s->nrecov, sizeof *used);
	for (int i = 0; i < s->nrecov; i++) {
		const recovery_file *f = &s->recov[i];
		if (f->slot == RECOVERY_DETAILS || !interview_slot_notes(s->iv, f->slot)) {
			details = f->path;
			continue;
		}
		size_t len;
		char *text = fs_read_file(f->path, &len);
		if (!text)
			continue;
		int r = row_of(s, f->slot);
		char *copy;
		const char *have = row_text(s, r, &copy);
		if (!strstr(have, text)) {
			strbuf sb = STRBUF_INIT;
			sb_puts(&sb, have);
			if (*have)
				sb_puts(&sb, "\n\n");
			sb_puts(&sb, text);
			if (r == s->row) {
				size_t at = tb_cursor(s->tb);
				tb_set_text(s->tb, sb.s, sb.len, at);
				s->saved_gen = tb_generation(s->tb) - 1;
				take_text(s);
			} else {
				str_set(row_notes(s, r), sb_str(&sb));
			}
			sb_free(&sb);
			s->notes_unsaved[r] = true;
			added++;
		}
		free(copy);
		free(text);
		used[i] = true;
	}
	s->dirty |= D_LIST | D_EDITOR;
	if (flush(s) != 0) {
		set_msg(s, true, "recovered notes added but NOT SAVED yet; the files are kept");
		free(used);
		return;
	}
	int left = 0;
	for (int i = 0; i < s->nrecov; i++) {
		if (used[i] && recovery_mark_restored(&s->recov[i]) == 0) {
			free(s->recov[i].path);
			continue;
		}
		s->recov[left++] = s->recov[i];   /* still offered */
	}
	free(used);
	if (details)
		set_msg(s, true, "%d part%s restored and saved; details kept in %s: enter them with F2", added,
			added == 1 ? "" : "s", details);
	else
		set_msg(s, false, "%d recovered part%s restored and saved", added, added == 1 ? "" : "s");
	s->nrecov = left;
}

static void go_row(ivscreen *s, int row, const char *edge)
{
	if (row < 0 || row >= s->nrows) {
		set_msg(s, false, "%s", edge);
		return;
	}
	switch_row(s, row);
	set_pane(s, P_EDITOR);
}

static void open_details(ivscreen *s)
{
	flush(s);
	char *why = NULL;
	bool unsaved = false;
	enum ui_result r = ui_form_details(s->ctx, s->iv, &why, &unsaved);
	s->relayout = true;
	if (unsaved) {   /* the form could not save them: retried from here */
		s->details_unsaved = true;
		flush(s);
	}
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
	if (s->msg[0]) {
		s->msg[0] = '\0';
		s->dirty |= D_STATUS;
	}
	if (s->confirm_close) {
		s->confirm_close = false;
		if (key == 'y' || key == 'Y') {
			do_close(s);
			return;
		}
		set_msg(s, false, "not closed");
		if (key == 'n' || key == 'N' || key == UI_ESC)
			return;
		/* any other key goes back and does what it does */
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
		go_row(s, s->row + 1, "this is the last part");
		return;
	case A_PREV_Q:
		go_row(s, s->row - 1, "this is the first question");
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
	default:
		break;
	}
	if (key == KD_UNKNOWN) {
		set_msg(s, false, "an unknown key sequence was ignored (F1 lists the keys)");
		return;
	}
	/* typing always writes the notes: from the list or the prompt pane it
	 * moves there (Space in the prompt pane marks a follow-up) */
	if (s->pane != P_EDITOR && a == A_NONE && ui_key_printable(key) && !s->ro)
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
		s->dirty = 0;
		return UI_DAMAGE_ALL;
	}
	return take_damage(s);
}

/* The position in the database is behind: another row or cursor place,
 * or another minute of elapsed time. */
static bool pos_moved(const ivscreen *s)
{
	return s->row != s->pos_row || tb_cursor(s->tb) != s->pos_cursor ||
		elapsed_now(s) / 60 != s->pos_minute;
}

/* Autosave, retries, the position (at most every 10 s, when it moved),
 * the clock. */
static unsigned iv_tick(ui_view *v)
{
	ivscreen *s = (ivscreen *)v;
	long long now = now_ms();
	if (!s->ro) {
		long long quiet = (long long)s->ctx->cfg->autosave_seconds * 1000;
		if (quiet <= 0)
			quiet = 1000;
		/* after a pause of `quiet`, and at the latest `quiet` after the
		 * first unsaved edit, so that steady typing is saved too */
		if (tb_generation(s->tb) != s->saved_gen &&
		    (now - s->last_edit >= quiet || (s->first_edit && now - s->first_edit >= quiet)))
			flush(s);
		else if (s->save_err && now - s->last_retry >= 1000)
			flush(s);
		if (now - s->last_pos >= 10000 && pos_moved(s)) {
			s->pos_unsaved = true;
			flush(s);
		}
		if (now - s->last_heartbeat >= HEARTBEAT_MS) {
			store_claim_info o;
			other_screen(s, store_heartbeat(s->ctx->st, s->iv->id, &o), &o);
			s->last_heartbeat = now;
		}
	}
	if (elapsed_now(s) / 60 != s->shown_minute)
		s->dirty |= D_STATUS;
	if ((int)save_state(s) != s->shown_state)
		s->dirty |= D_STATUS;
	return take_damage(s);
}

/* Milliseconds until the next thing to do without a key (see tick): the
 * clock's next minute, an autosave, a retry, saving a moved cursor; -1
 * when there is none (a closed interview). */
static int iv_timeout(ui_view *v)
{
	const ivscreen *s = (const ivscreen *)v;
	if (s->ro)
		return -1;
	long long now = now_ms();
	long long el_ms = (long long)s->elapsed0 * 1000 + (now - s->t_open);
	long long t = 60000 - el_ms % 60000;
	if (tb_generation(s->tb) != s->saved_gen) {
		long long quiet = (long long)s->ctx->cfg->autosave_seconds * 1000;
		if (quiet <= 0)
			quiet = 1000;
		long long due = s->last_edit + quiet - now;
		if (s->first_edit && s->first_edit + quiet - now < due)
			due = s->first_edit + quiet - now;
		if (due < t)
			t = due;
	}
	if (s->save_err && s->last_retry + 1000 - now < t)
		t = s->last_retry + 1000 - now;
	if (pos_moved(s) && s->last_pos + 10000 - now < t)
		t = s->last_pos + 10000 - now;
	if (s->last_heartbeat + HEARTBEAT_MS - now < t)
		t = s->last_heartbeat + HEARTBEAT_MS - now;
	if (t < 0)
		t = 0;
	return (int)t + 5;
}

enum ui_result ui_interview_run(ui_ctx *ctx, interview *iv, char **report_path, char **exit_note)
{
	ivscreen sc;
	ivscreen *s = &sc;
	memset(s, 0, sizeof *s);
	s->ctx = ctx;
	s->iv = iv;
	s->ro = iv->closed;
	s->nrows = iv->nquestions + 2;
	s->cursor = xcalloc((size_t)s->nrows, sizeof *s->cursor);
	s->notes_unsaved = xcalloc((size_t)s->nrows, sizeof *s->notes_unsaved);
	s->answer_unsaved = xcalloc((size_t)(iv->nquestions + 1), sizeof *s->answer_unsaved);
	for (int r = 0; r < s->nrows; r++)
		s->cursor[r] = strlen(*row_notes(s, r));
	int row = row_of(s, iv->cur_slot);
	if (iv->cur_offset >= 0 && (size_t)iv->cur_offset <= s->cursor[row])
		s->cursor[row] = (size_t)iv->cur_offset;
	s->tb = tb_new();
	s->pl = xcalloc(1, sizeof *s->pl);
	s->t_open = now_ms();
	s->last_edit = s->last_retry = s->last_pos = s->t_open;
	s->elapsed0 = iv->elapsed;
	s->pane = s->ro ? P_LIST : P_EDITOR;
	s->shown_state = -1;
	s->shown_minute = -1;
	s->v.key = iv_key;
	s->v.paste = iv_paste;
	s->v.layout = iv_layout;
	s->v.draw = iv_draw;
	s->v.until_tick = iv_timeout;
	s->v.tick = iv_tick;
	s->v.save = iv_save;
	s->v.hangup = iv_hangup;
	s->v.pane = s->pane;
	s->v.result = UI_R_LEAVE;
	s->ed_width = ui_editor_width(COLS / 2);   /* until laid out */
	s->ed_rows = 8;
	load_row(s, row);
	s->pos_row = row;
	s->pos_cursor = tb_cursor(s->tb);
	s->pos_minute = s->elapsed0 / 60;
	store_claim_info other;
	int claimed = -1;
	if (!s->ro) {
		s->nrecov = recovery_find(iv->id, &s->recov);
		claimed = store_claim(ctx->st, iv->id, &other);
		s->last_heartbeat = now_ms();
	}
	if (s->ro)
		set_msg(s, false, "closed; to edit: exitview reopen %lld", (long long)iv->id);
	else if (s->nrecov > 0)
		set_msg(s, true, "%d recovery file%s from a failed save (e.g. %s): F5 adds them to the notes",
			s->nrecov, s->nrecov == 1 ? "" : "s", s->recov[0].path);
	else if (!ui_term_utf8())
		set_msg(s, true, "the locale is not UTF-8: letters outside ASCII show as ? but are kept as typed");
	if (claimed == 1)
		other_screen(s, claimed, &other);   /* the word that counts most */
	oom_screen = s;
	oom_dir = recovery_dir();
	ev_set_oom_handler(oom_keep);
	enum ui_result res = ui_loop_run(&s->v);
	if (!s->ro && res != UI_R_CLOSED && res != UI_R_ERROR) {
		s->iv->elapsed = elapsed_now(s);
		flush_all(s);
	}
	if (!s->ro)
		store_release(ctx->st, iv->id);
	ev_set_oom_handler(NULL);
	oom_screen = NULL;
	free(oom_dir);
	oom_dir = NULL;
	give_back_text(s);   /* the caller's interview is whole again */
	free_windows(s);
	tb_free(s->tb);
	free(s->pl->v);
	free(s->pl);
	free(s->hintbuf);
	free(s->cursor);
	free(s->notes_unsaved);
	free(s->answer_unsaved);
	free(s->save_err);
	free(s->editor_dir);   /* kept on disk only when nothing else holds its text */
	recovery_files_free(s->recov, s->nrecov);
	*exit_note = s->exit_note.len ? sb_detach(&s->exit_note) : NULL;
	sb_free(&s->exit_note);
	if (report_path)
		*report_path = s->report_path;
	else
		free(s->report_path);
	return res;
}
