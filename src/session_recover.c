/* session_recover.c — when the database refuses: what is unsaved goes
 * to recovery files never overwritten (and back with F5), or, out of
 * memory, to emergency files (session.h). */
#include "exitview/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "session_priv.h"

/* ---- when the database refuses ------------------------------------------ */

/* One place a recovery copy went, or why it could not. */
static void note_exit(session *s, const char *fmt, ...) EV_PRINTF(2, 3);
static void note_exit(session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (s->exit_note.len)
		sb_puts(&s->exit_note, "; ");
	sb_vprintf(&s->exit_note, fmt, ap);
	va_end(ap);
}

/* Keep text as a recovery file (never overwriting one), and say where. */
static int recover_one(session *s, int slot, const char *text, const char *what)
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

/* The follow-ups asked (items done) of a part, as recovery lines
 * "q3.asked: 2" (n > 0) or "opening.done: 2". */
static void recovery_asked(strbuf *sb, const iv_question *iq, const char *name, int n)
{
	for (int f = 0; f < iq->nfollowups; f++) {
		if (!iq->asked[f])
			continue;
		if (n > 0)
			sb_printf(sb, "%s%d.asked: %d\n", name, n, f + 1);
		else
			sb_printf(sb, "%s.done: %d\n", name, f + 1);
	}
}

/* The details and the unsaved ratings, as a recovery file's text. */
static char *details_recovery_text(const session *s)
{
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
		recovery_asked(&sb, iq, "q", q + 1);
	}
	for (int a = s->iv->nquestions; a < s->iv->nquestions + 2; a++) {
		int slot = session_answer_slot(s, a);
		if (s->answer_unsaved[a])
			recovery_asked(&sb, interview_part(s->iv, slot),
				       slot == IV_SLOT_OPENING ? "opening" : "closing", 0);
	}
	return sb_detach(&sb);
}

int session_write_recovery(session *s)
{
	int rc = 0;
	session_take_text(s);
	for (int r = 0; r < s->nrows; r++) {
		if (!s->notes_unsaved[r])
			continue;
		const char *text = session_row_text(s, r);
		char noun[32], what[48];
		snprintf(what, sizeof what, "%s%s", session_is_question(s, r) ? "notes of " : "",
			 session_row_noun(s, r, noun, sizeof noun));
		rc |= recover_one(s, session_slot_of(s, r), text, what);
	}
	bool answers = false;
	for (int a = 0; a < s->iv->nquestions + 2; a++)
		answers |= s->answer_unsaved[a];
	if (s->details_unsaved || answers) {
		char *text = details_recovery_text(s);
		rc |= recover_one(s, RECOVERY_DETAILS, text, "details and ratings");
		free(text);
	}
	if (s->editor_dir) {
		if (rc == 0) {
			fs_remove_dir(s->editor_dir);   /* its text is in a recovery file */
		} else {
			note_exit(s, "the external editor's copy is in %s", s->editor_dir);
			free(s->editor_dir);
		}
		s->editor_dir = NULL;
	}
	return rc ? -1 : 0;
}

/* Recovered text added to row r unless r has it already: 1 added, 0 not. */
static int add_recovered(session *s, int r, const char *text)
{
	const char *have = session_row_text(s, r);
	int added = 0;
	if (!strstr(have, text)) {
		strbuf sb = STRBUF_INIT;
		sb_puts(&sb, have);
		if (*have)
			sb_puts(&sb, "\n\n");
		sb_puts(&sb, text);
		if (r == s->row) {
			tb_set_text(s->tb, sb.s, sb.len, tb_cursor(s->tb));
			session_buffer_replaced(s);
		} else {
			str_set(session_row_slot_notes(s, r), sb_str(&sb));
		}
		sb_free(&sb);
		s->notes_unsaved[r] = true;
		added = 1;
	}
	return added;
}

void session_restore_recovered(session *s)
{
	if (s->nrecov == 0) {
		session_say(s, false, "no recovery files for this interview");
		return;
	}
	session_take_text(s);
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
		added += add_recovered(s, session_row_of(s, f->slot), text);
		free(text);
		used[i] = true;
	}
	s->changes |= SESSION_CH_MARKS | SESSION_CH_TEXT;
	if (session_flush(s) != 0) {
		session_say(s, true, "recovered notes added but NOT SAVED yet; the files are kept");
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
		session_say(s, true, ngettext("%d part restored and saved; details kept in %s: enter them with F2",
					      "%d parts restored and saved; details kept in %s: enter them with F2",
					      (unsigned long)added), added, details);
	else
		session_say(s, false, ngettext("%d recovered part restored and saved", "%d recovered parts restored and saved",
					       (unsigned long)added), added);
	s->nrecov = left;
}

void session_oom_keep(session *s, const char *dir, char *first, size_t size, int *kept, int *lost)
{
	char path[4096];
	*kept = *lost = 0;
	for (int r = 0; s && !s->ro && r < s->nrows; r++) {
		bool editing = r == s->row && tb_generation(s->tb) != s->saved_gen;
		if (!s->notes_unsaved[r] && !editing)
			continue;
		int fd = recovery_open_emergency(dir, s->iv->id, session_slot_of(s, r), path, sizeof path);
		int rc = fd < 0 ? -1 : 0;
		if (fd >= 0) {
			const char *notes = *session_row_slot_notes(s, r);
			if (r == s->row)
				rc = tb_write_fd(s->tb, fd);
			else
				rc = write(fd, notes, strlen(notes)) < 0 ? -1 : 0;
			if (fsync(fd) != 0 || close(fd) != 0)
				rc = -1;
		}
		if (rc == 0 && (*kept)++ == 0)
			snprintf(first, size, "%s", path);
		if (rc != 0)
			(*lost)++;
	}
}
