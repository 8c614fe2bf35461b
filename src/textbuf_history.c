/* textbuf_history.c — undo and redo: each edit kept as one step of the bytes it removed and inserted. */
/*
 * Every edit records one step next to its call of tb_delete_range() or
 * tb_insert_clean()/clean_into(): the cursor before, a position, the bytes
 * removed there and the bytes inserted there, as they are in the buffer
 * (cleaned).  Only those bytes are copied, never the text around them: a
 * run of typed characters grows its inserted bytes at the back, a run of
 * Backspaces its removed bytes at the front, of Deletes at the back, with
 * room kept at the growing end (amortised O(1) per key).  Only the newest
 * step grows, and only while tb->open: a cursor move, undo, redo and
 * tb_undo_break() close it.  Undo and redo replay a step through
 * tb_delete_range() and tb_insert_clean(), so the row caches, the top row
 * and the generation follow as for any edit, and the kill buffer is left
 * alone.  At most TB_UNDO_STEPS steps and TB_UNDO_BYTES recorded bytes are
 * kept (the oldest steps go first); a single edit larger than that cannot
 * be kept, and then nothing before it can be undone either.
 */
#include "textbuf_priv.h"

#include <stdlib.h>
#include <string.h>

/* Make room in b for n more bytes at its front (front) or its back; a run
 * that grows gets as much room again as it holds. */
static void bytes_room(bytes *b, size_t n, bool front)
{
	size_t room = front ? b->off : b->cap - b->off - b->len;
	if (room >= n)
		return;
	size_t ncap = b->len + n;
	if (b->len)
		ncap += b->len < 16 ? 16 : b->len;
	size_t noff = front ? ncap - b->len : 0;
	char *np = xmalloc(ncap);
	if (b->len)
		memcpy(np + noff, b->p + b->off, b->len);
	free(b->p);
	b->p = np;
	b->off = noff;
	b->cap = ncap;
}

/* Copy the text's bytes [q, q + n) to the front or the back of b. */
static void bytes_take(bytes *b, const textbuf *tb, size_t q, size_t n, bool front)
{
	bytes_room(b, n, front);
	if (front)
		b->off -= n;
	tb_copy(tb, q, q + n, b->p + b->off + (front ? 0 : b->len));
	b->len += n;
}

/* Free a step's bytes. */
static void step_free(step *s)
{
	free(s->rem.p);
	free(s->ins.p);
}

/* The bytes a step holds (what counts against TB_UNDO_BYTES). */
static size_t step_size(const step *s)
{
	return s->rem.len + s->ins.len;
}

/* Append s to the list l (which takes its bytes). */
static void steps_push(steps *l, step s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->s = xrealloc(l->s, l->cap * sizeof *l->s);
	}
	l->s[l->n++] = s;
}

/* Drop every step of l, keeping hist_bytes right. */
static void steps_clear(textbuf *tb, steps *l)
{
	for (size_t i = 0; i < l->n; i++) {
		tb->hist_bytes -= step_size(&l->s[i]);
		step_free(&l->s[i]);
	}
	l->n = 0;
}

/* Forget the whole history (nothing to undo or redo). */
void tb_history_clear(textbuf *tb)
{
	steps_clear(tb, &tb->undo);
	steps_clear(tb, &tb->redo);
	tb->open = false;
}

/* Drop the oldest undo step. */
static void drop_oldest(textbuf *tb)
{
	tb->hist_bytes -= step_size(&tb->undo.s[0]);
	step_free(&tb->undo.s[0]);
	tb->undo.n--;
	memmove(tb->undo.s, tb->undo.s + 1, tb->undo.n * sizeof *tb->undo.s);
}

/* The newest step, if an edit of kind adding n bytes may still grow it. */
static step *step_open(textbuf *tb, int kind, size_t n)
{
	if (!tb->open || kind == STEP_OTHER || tb->undo.n == 0)
		return NULL;
	step *s = &tb->undo.s[tb->undo.n - 1];
	if (s->kind != kind || step_size(s) + n > TB_UNDO_BYTES)
		return NULL;
	return s;
}

/* True if an edit of n bytes at q (blank: a typed blank) continues the run
 * of s: typing at its end (a word and the blanks after it), a Backspace
 * just before it, a Delete at its place. */
static bool step_extends(const step *s, size_t q, size_t n, bool blank)
{
	switch (s->kind) {
	case STEP_TYPING: return q == s->pos + s->ins.len && !(s->blanks && !blank);
	case STEP_BACKSPACE: return q + n == s->pos;
	case STEP_DELETE: return q == s->pos;
	default: return false;
	}
}

/* Record an edit of kind at q: n bytes just inserted there, or (removing)
 * about to be removed from there.  blank: a typed character is a blank.
 * Grows the newest step when the edit continues it, else starts a step;
 * drops what could be redone and the oldest steps beyond the bounds. */
void tb_history_record(textbuf *tb, int kind, bool removing, size_t q, size_t n, bool blank)
{
	if (n == 0)
		return;
	steps_clear(tb, &tb->redo);
	if (n > TB_UNDO_BYTES) {
		tb_history_clear(tb);      /* cannot be kept, so neither can what came before */
		return;
	}
	step *s = step_open(tb, kind, n);
	if (s && !step_extends(s, q, n, blank))
		s = NULL;
	if (!s) {
		if (tb->undo.n == TB_UNDO_STEPS)
			drop_oldest(tb);
		step fresh = { .kind = kind, .cur = removing ? tb->cur : q, .pos = q };
		steps_push(&tb->undo, fresh);
		s = &tb->undo.s[tb->undo.n - 1];
	}
	bool front = kind == STEP_BACKSPACE;
	bytes_take(removing ? &s->rem : &s->ins, tb, q, n, front);
	if (front)
		s->pos = q;
	s->blanks = blank;
	tb->hist_bytes += n;
	while (tb->hist_bytes > TB_UNDO_BYTES && tb->undo.n > 1)
		drop_oldest(tb);
	tb->open = true;
}


/* Undo (back) or redo s through the edit paths; the cursor goes where it
 * was before s (undo) or where the edit left it (redo). */
static void step_apply(textbuf *tb, const step *s, bool back)
{
	const bytes *out = back ? &s->ins : &s->rem;
	const bytes *in = back ? &s->rem : &s->ins;
	tb->cur = s->pos;
	tb_delete_range(tb, s->pos, out->len, NULL);
	if (in->len) {
		tb->cur = s->pos;
		tb_insert_clean(tb, in->p + in->off, in->len);
	}
	if (back)
		tb->cur = tb_snap_back(tb, s->cur);
	tb_op_plain(tb);
	tb->open = false;
}

void tb_history_free(textbuf *tb)
{
	tb_history_clear(tb);
	free(tb->undo.s);
	free(tb->redo.s);
}

/* Undo (back) or redo the newest step of from, which then goes to to. */
static bool history_move(textbuf *tb, steps *from, steps *to, bool back)
{
	if (from->n == 0)
		return false;
	step s = from->s[--from->n];
	step_apply(tb, &s, back);
	steps_push(to, s);
	return true;
}

bool tb_undo(textbuf *tb)
{
	return history_move(tb, &tb->undo, &tb->redo, true);
}

bool tb_redo(textbuf *tb)
{
	return history_move(tb, &tb->redo, &tb->undo, false);
}

void tb_undo_break(textbuf *tb)
{
	tb->open = false;
}
