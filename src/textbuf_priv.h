/* textbuf_priv.h — what the text buffer's three files share: the struct,
 * the gap's accessors and the calls between the buffer and its edits
 * (textbuf.c), clusters and rows (textbuf_layout.c) and the history
 * (textbuf_history.c).  Not part of the API: only src/textbuf*.c include it.
 */
#ifndef EXITVIEW_TEXTBUF_PRIV_H
#define EXITVIEW_TEXTBUF_PRIV_H

#include "exitview/textbuf.h"

#include "exitview/util.h"

enum { CUT_NONE, CUT_EOL, CUT_BOL, CUT_WORD };

#define NO_ROW ((size_t)-1)
#define NCACHE 4            /* row caches: NCACHE-1 for long paragraphs, 1 for short */

typedef struct para {
	size_t ps, pe;          /* [ps, pe): the paragraph, pe at '\n' or len */
} para;

/* Recorded bytes: p[off, off + len), with spare room at the end that grows. */
typedef struct bytes {
	char *p;
	size_t off, len, cap;
} bytes;

enum { STEP_TYPING, STEP_BACKSPACE, STEP_DELETE, STEP_OTHER };

/* One undo step: at pos, the bytes rem were replaced by ins. */
typedef struct step {
	int kind;               /* STEP_OTHER steps never grow */
	bool blanks;            /* typing: the run ends in blanks */
	size_t cur;             /* the cursor before the step */
	size_t pos;
	bytes rem, ins;
} step;

typedef struct steps {
	step *s;                /* oldest first */
	size_t n, cap;
} steps;

typedef struct rowcache {
	uint64_t used;          /* when last used, for eviction */
	bool valid;
	bool complete;          /* starts[] holds every row of the paragraph */
	int width;
	size_t ps, pe;
	size_t *starts;         /* row starts relative to ps; starts[0] == 0 */
	size_t n, cap;
} rowcache;

struct textbuf {
	char *buf;
	size_t cap;
	size_t gs, ge;          /* the gap: buf[gs, ge) */
	size_t cur;
	size_t top;             /* byte offset of the window's first row */
	uint64_t gen;
	long goal;              /* goal column of vertical moves, -1 if none */
	int last_cut;
	strbuf kill;
	rowcache rc[NCACHE];    /* the last one for short paragraphs */
	uint64_t clock;
	steps undo, redo;       /* redo: the next step to redo last */
	size_t hist_bytes;      /* bytes recorded in both */
	bool open;              /* the newest undo step may still grow */
};

/* ---------- the gap (textbuf.c) ---------- */

static inline size_t tb_gap_len(const textbuf *tb)
{
	return tb->ge - tb->gs;
}

/* The text's length (tb_len without the call). */
static inline size_t tb_text_len(const textbuf *tb)
{
	return tb->cap - tb_gap_len(tb);
}

/* The byte at p (p < len). */
static inline unsigned char tb_at(const textbuf *tb, size_t p)
{
	return (unsigned char)(p < tb->gs ? tb->buf[p] : tb->buf[p + tb_gap_len(tb)]);
}

/* Where a row may break. */
static inline bool tb_is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* ---------- edits (textbuf.c) ---------- */

/* A plain edit or move: forget the goal column and the last cut. */
void tb_op_plain(textbuf *tb);
/* A cursor move: as tb_op_plain, and the next edit starts a new undo step. */
void tb_op_move(textbuf *tb);
/* Delete [q, q + n); copies the bytes to out first if out is not NULL. */
void tb_delete_range(textbuf *tb, size_t q, size_t n, strbuf *out);
/* Insert already clean text at the cursor. */
void tb_insert_clean(textbuf *tb, const char *s, size_t n);

/* ---------- clusters, paragraphs, rows (textbuf_layout.c) ---------- */

/* A zero-width code point that extends the cluster before it. */
bool tb_is_extending(uint32_t cp);
/* Decode the code point at p (p < len); returns its byte length. */
size_t tb_decode_at(const textbuf *tb, size_t p, uint32_t *cp);
size_t tb_next_cluster(const textbuf *tb, size_t p);
size_t tb_prev_cluster(const textbuf *tb, size_t p);
/* Snap p to the cluster boundary at or before / at or after it. */
size_t tb_snap_back(const textbuf *tb, size_t p);
size_t tb_snap_forward(const textbuf *tb, size_t p);
/* The paragraph that holds p. */
para tb_para_of(const textbuf *tb, size_t p);
/* Keep the top row and the row caches in step with an edit at q:
 * inserted > 0 bytes inserted, or removed > 0 bytes deleted from q;
 * newline tells whether a '\n' was among them. */
void tb_layout_edited(textbuf *tb, size_t q, size_t inserted, size_t removed, bool newline);
/* New text: the top row back to 0, every row cache dropped. */
void tb_layout_reset(textbuf *tb);
/* Free the row caches. */
void tb_layout_free(textbuf *tb);

/* ---------- history (textbuf_history.c) ---------- */

/* Record an edit of kind (STEP_*) at q: n bytes just inserted there, or
 * (removing) about to be removed from there.  blank: a typed character is
 * a blank. */
void tb_history_record(textbuf *tb, int kind, bool removing, size_t q, size_t n, bool blank);
/* Forget the whole history (nothing to undo or redo). */
void tb_history_clear(textbuf *tb);
/* Free the history. */
void tb_history_free(textbuf *tb);

#endif
