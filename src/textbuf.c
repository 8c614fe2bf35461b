/* textbuf.c — the notes editor's text: a gap buffer of UTF-8 bytes, soft
 * word-wrap, cursor moves and a one-entry kill ring.  No curses.
 *
 * Conventions (the screen must draw the same way):
 *  - A "character" for the cursor is a cluster: one code point followed by
 *    any zero-width code points (combining marks, ZWJ, variation
 *    selectors).  No operation puts the cursor inside a cluster or deletes
 *    half of one.  A zero-width code point right after '\n' starts its own
 *    cluster.
 *  - Widths: utf8_cpwidth(), except that a tab counts as one column (draw
 *    it as a space).
 *  - Wrapping: a row may break after a space or tab; spaces never force a
 *    break, they hang past the right edge (like nano) and are left out of
 *    the row ranges that tb_layout() returns.  A word wider than the row
 *    is broken before the first character that does not fit; a wide
 *    character that does not fit goes to the next row.
 *  - A position belongs to the row with the greatest start <= position in
 *    its paragraph, so the cursor at the end of a non-last row shows at the
 *    start of the next row.  When the last row of a paragraph is full
 *    (its columns >= width), the paragraph gets one more, empty, row that
 *    starts at the paragraph's end: that is where the cursor shows when it
 *    sits at the end of that paragraph.  The cursor column tb_layout()
 *    reports is at most width-1 (it is clamped on hanging spaces).
 *
 * Performance: editing moves the gap to the cursor (one memmove; a paste
 * is cleaned straight into the gap).  Rows are found by wrapping forward
 * from a known row start.  Each paragraph looked at gets a row cache: the
 * starts of its rows up to the furthest position asked for, extended on
 * demand, cut back to two rows before an edit inside it, shifted by an edit
 * before it, dropped when a '\n' is added or removed in it.  Three caches
 * serve long paragraphs (least recently used goes) and one the short ones,
 * so short paragraphs around a long one do not evict it.  A window needs
 * only the rows near the cursor and the top row: typing in a 1 MB note,
 * even one 1 MB paragraph, costs a few rows of wrapping per key once the
 * rows up to the cursor are cached (the first look wraps from the
 * paragraph start once).
 *
 * History (undo/redo): every edit records one step next to its call of
 * delete_range() or insert_clean()/clean_into(): the cursor before, a
 * position, the bytes removed there and the bytes inserted there, as they
 * are in the buffer (cleaned).  Only those bytes are copied, never the text
 * around them: a run of typed characters grows its inserted bytes at the
 * back, a run of Backspaces its removed bytes at the front, of Deletes at
 * the back, with room kept at the growing end (amortised O(1) per key).
 * Only the newest step grows, and only while tb->open: a cursor move,
 * undo, redo and tb_undo_break() close it.  Undo and redo replay a step
 * through delete_range() and insert_clean(), so the row caches, the top
 * row and the generation follow as for any edit, and the kill buffer is
 * left alone.  At most TB_UNDO_STEPS steps and TB_UNDO_BYTES recorded bytes
 * are kept (the oldest steps go first); a single edit larger than that
 * cannot be kept, and then nothing before it can be undone either.
 */
#include "exitview/textbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/utf8.h"
#include "exitview/util.h"

enum { CUT_NONE, CUT_EOL, CUT_BOL, CUT_WORD };

#define NO_ROW ((size_t)-1)
#define CACHE_MIN 2048      /* paragraphs this long use a long-paragraph cache */
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

/* ---------- gap buffer ---------- */

static size_t gaplen(const textbuf *tb)
{
	return tb->ge - tb->gs;
}

static size_t len_of(const textbuf *tb)
{
	return tb->cap - gaplen(tb);
}

static unsigned char byte_at(const textbuf *tb, size_t p)
{
	return (unsigned char)(p < tb->gs ? tb->buf[p] : tb->buf[p + gaplen(tb)]);
}

static void gap_move(textbuf *tb, size_t q)
{
	if (q < tb->gs) {
		size_t n = tb->gs - q;
		memmove(tb->buf + tb->ge - n, tb->buf + q, n);
		tb->gs -= n;
		tb->ge -= n;
	} else if (q > tb->gs) {
		size_t n = q - tb->gs;
		memmove(tb->buf + tb->gs, tb->buf + tb->ge, n);
		tb->gs += n;
		tb->ge += n;
	}
}

/* Spare room beyond what is asked for when the buffer grows: as much as the
 * text (doubling) while it is small, at most GAP_SLACK_MAX once it is large.
 * Every byte of the gap becomes resident once the gap has moved through it,
 * so a 1 MB note must not carry a gap of a quarter or a half of itself
 * (issue 6: the screen with a 1 MB note stays under 8 MB). */
#define GAP_SLACK_MAX ((size_t)64 * 1024)

/* Make the gap at least need bytes long. */
static void gap_reserve(textbuf *tb, size_t need)
{
	if (gaplen(tb) >= need)
		return;
	size_t len = len_of(tb);
	size_t slack = len < GAP_SLACK_MAX ? len : GAP_SLACK_MAX;
	size_t ncap = len + need + (slack > 64 ? slack : 64);
	size_t tail = tb->cap - tb->ge;
	tb->buf = xrealloc(tb->buf, ncap);
	memmove(tb->buf + ncap - tail, tb->buf + tb->ge, tail);
	tb->ge = ncap - tail;
	tb->cap = ncap;
}

/* ---------- characters ---------- */

static int cp_cols(uint32_t cp)
{
	static signed char bmp[0x10000];    /* width + 1, 0 = not looked up */
	if (cp == '\t')
		return 1;
	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7F ? 1 : 0;
	if (cp < 0x10000) {
		if (!bmp[cp])
			bmp[cp] = (signed char)(utf8_cpwidth(cp) + 1);
		return bmp[cp] - 1;
	}
	return utf8_cpwidth(cp);
}

static bool is_extending(uint32_t cp)
{
	return cp >= 0x300 && cp_cols(cp) == 0;
}

static bool is_blank(uint32_t cp)          /* where a row may break */
{
	return cp == ' ' || cp == '\t';
}

static bool is_space(uint32_t cp)          /* word separators */
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
	       cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F;
}

static bool is_word(uint32_t cp)
{
	if (is_space(cp))
		return false;
	if (cp < 0x80 && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	                   (cp >= 'A' && cp <= 'Z')))
		return false;       /* ASCII punctuation and controls */
	return true;
}

/* Decode the code point at p (p < len); returns its byte length. */
static size_t decode_at(const textbuf *tb, size_t p, uint32_t *cp)
{
	unsigned char b = byte_at(tb, p);
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	char tmp[4];
	size_t n = 0, len = len_of(tb);
	while (n < 4 && p + n < len) {
		tmp[n] = (char)byte_at(tb, p + n);
		n++;
	}
	return utf8_decode(tmp, n, cp);
}

/* Start of the code point that ends at p (p > 0); the text is valid UTF-8. */
static size_t prev_cp(const textbuf *tb, size_t p)
{
	size_t q = p - 1;
	int k = 0;
	while (q > 0 && k < 3 && (byte_at(tb, q) & 0xC0) == 0x80) {
		q--;
		k++;
	}
	return q;
}

static size_t next_cluster(const textbuf *tb, size_t p)
{
	size_t len = len_of(tb);
	if (p >= len)
		return len;
	uint32_t cp;
	p += decode_at(tb, p, &cp);
	if (cp == '\n')
		return p;
	while (p < len) {
		size_t n = decode_at(tb, p, &cp);
		if (!is_extending(cp))
			break;
		p += n;
	}
	return p;
}

static size_t prev_cluster(const textbuf *tb, size_t p)
{
	if (p == 0)
		return 0;
	size_t q = prev_cp(tb, p);
	uint32_t cp;
	while (q > 0 && byte_at(tb, q - 1) != '\n') {
		decode_at(tb, q, &cp);
		if (!is_extending(cp))
			break;
		q = prev_cp(tb, q);
	}
	return q;
}

/* True if p is inside a cluster (between a code point and a zero-width
 * code point that extends it). */
static bool mid_cluster(const textbuf *tb, size_t p)
{
	uint32_t cp;
	if (p == 0 || p >= len_of(tb) || byte_at(tb, p - 1) == '\n')
		return false;
	decode_at(tb, p, &cp);
	return is_extending(cp);
}

/* Snap p to the cluster boundary at or before it. */
static size_t snap_back(const textbuf *tb, size_t p)
{
	size_t len = len_of(tb);
	if (p > len)
		p = len;
	while (p > 0 && p < len && (byte_at(tb, p) & 0xC0) == 0x80)
		p--;
	while (mid_cluster(tb, p))
		p = prev_cp(tb, p);
	return p;
}

static size_t snap_forward(const textbuf *tb, size_t p)
{
	uint32_t cp;
	while (mid_cluster(tb, p))
		p += decode_at(tb, p, &cp);
	return p;
}

/* ---------- paragraphs and rows ---------- */

/* The last '\n' in s[0..n), or NULL (memrchr is a GNU extension). */
static const char *last_nl(const char *s, size_t n)
{
	while (n > 0) {
		if (s[--n] == '\n')
			return s + n;
	}
	return NULL;
}

static size_t find_nl_back(const textbuf *tb, size_t p)   /* para start */
{
	if (p > tb->gs) {
		size_t n = p - tb->gs;
		const char *base = tb->buf + tb->ge;
		const char *hit = last_nl(base, n);
		if (hit)
			return tb->gs + (size_t)(hit - base) + 1;
		p = tb->gs;
	}
	const char *hit = last_nl(tb->buf, p);
	return hit ? (size_t)(hit - tb->buf) + 1 : 0;
}

static size_t find_nl_fwd(const textbuf *tb, size_t p)    /* para end */
{
	size_t len = len_of(tb);
	if (p < tb->gs) {
		const char *hit = memchr(tb->buf + p, '\n', tb->gs - p);
		if (hit)
			return (size_t)(hit - tb->buf);
		p = tb->gs;
	}
	const char *base = tb->buf + tb->ge;
	const char *hit = memchr(base + (p - tb->gs), '\n', len - p);
	return hit ? tb->gs + (size_t)(hit - base) : len;
}

static para para_of(const textbuf *tb, size_t p)
{
	para P;
	for (int i = 0; i < NCACHE; i++) {
		const rowcache *c = &tb->rc[i];
		if (c->valid && p >= c->ps && p <= c->pe) {
			P.ps = c->ps;
			P.pe = c->pe;
			return P;
		}
	}
	P.ps = find_nl_back(tb, p);
	P.pe = find_nl_fwd(tb, p);
	return P;
}

/* Wrap one row starting at s (a row start) of a paragraph ending at pe.
 * Returns the row's end (the next row's start, or pe) and its columns,
 * hanging spaces included. */
static size_t wrap_row(const textbuf *tb, size_t s, size_t pe, int width, int *colsp)
{
	size_t p = s, brk = 0;
	int col = 0, brk_col = 0;
	bool have_brk = false;

	while (p < pe) {
		unsigned char b = byte_at(tb, p);
		uint32_t cp;
		size_t n;
		int cw;
		if (b < 0x80) {
			cp = b;
			n = 1;
			cw = (b >= 0x20 || b == '\t') ? 1 : 0;
		} else {
			n = decode_at(tb, p, &cp);
			cw = cp_cols(cp);
		}
		if (is_blank(cp)) {
			col += cw;
			p += n;
			brk = p;
			brk_col = col;
			have_brk = true;
			continue;
		}
		if (cw == 0) {
			if (have_brk && brk == p)
				brk = p + n;    /* a mark stays with its space */
			p += n;
			continue;
		}
		if (col + cw > width) {
			if (have_brk) {
				p = brk;
				col = brk_col;
			} else if (p == s) {
				/* wider than the row: take it anyway */
				p += n;
				col += cw;
				while (p < pe) {
					size_t m = decode_at(tb, p, &cp);
					if (!is_extending(cp))
						break;
					p += m;
				}
			}
			break;
		}
		col += cw;
		p += n;
	}
	*colsp = col;
	return p;
}

/* The start of the row after the one at s within paragraph P. */
static bool row_next_in(const textbuf *tb, para P, size_t s, int width, size_t *next)
{
	if (s >= P.pe)
		return false;
	int cols;
	size_t e = wrap_row(tb, s, P.pe, width, &cols);
	if (e < P.pe) {
		*next = e;
		return true;
	}
	if (cols >= width) {
		*next = P.pe;   /* the empty row after a full last row */
		return true;
	}
	return false;
}

static void cache_push(rowcache *c, size_t rel)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->starts = xrealloc(c->starts, c->cap * sizeof *c->starts);
	}
	c->starts[c->n++] = rel;
}

/* The cache for paragraph P at width: a hit, or the least recently used
 * slot of P's size class, reset. */
static rowcache *cache_use(textbuf *tb, para P, int width)
{
	rowcache *c;
	tb->clock++;
	for (int i = 0; i < NCACHE; i++) {
		rowcache *h = &tb->rc[i];
		if (h->valid && h->ps == P.ps && h->pe == P.pe && h->width == width) {
			h->used = tb->clock;
			return h;
		}
	}
	if (P.pe - P.ps < CACHE_MIN) {
		c = &tb->rc[NCACHE - 1];
	} else {
		c = &tb->rc[0];
		for (int i = 1; i < NCACHE - 1 && c->valid; i++)
			if (!tb->rc[i].valid || tb->rc[i].used < c->used)
				c = &tb->rc[i];
	}
	c->used = tb->clock;
	c->valid = true;
	c->complete = false;
	c->width = width;
	c->ps = P.ps;
	c->pe = P.pe;
	c->n = 0;
	cache_push(c, 0);
	return c;
}

/* Index of the greatest cached start <= rel. */
static size_t cache_find(const rowcache *c, size_t rel)
{
	size_t lo = 0, hi = c->n;      /* starts[lo] <= rel < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->starts[mid] <= rel)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The start of the visual row that holds position p.  Long and short
 * paragraphs have caches apart, so that the short ones around a long one
 * do not evict its rows. */
static size_t row_start_of(textbuf *tb, size_t p, int width)
{
	para P = para_of(tb, p);
	rowcache *c = cache_use(tb, P, width);
	size_t rel = p - P.ps;
	while (!c->complete && c->starts[c->n - 1] < rel) {
		size_t next;
		if (row_next_in(tb, P, P.ps + c->starts[c->n - 1], width, &next))
			cache_push(c, next - P.ps);
		else
			c->complete = true;
	}
	return P.ps + c->starts[cache_find(c, rel)];
}

static size_t row_next(textbuf *tb, size_t s, int width)
{
	para P = para_of(tb, s);
	size_t next;
	if (row_next_in(tb, P, s, width, &next))
		return next;
	if (P.pe < len_of(tb))
		return P.pe + 1;
	return NO_ROW;
}

static size_t row_prev(textbuf *tb, size_t s, int width)
{
	if (s == 0)
		return NO_ROW;
	return row_start_of(tb, s - 1, width);
}

/* The end of the row at s (exclusive, '\n' excluded) and whether it is the
 * paragraph's last row (the only one whose end the cursor may sit at). */
static size_t row_end(textbuf *tb, size_t s, int width, bool *last)
{
	para P = para_of(tb, s);
	size_t next;
	if (row_next_in(tb, P, s, width, &next)) {
		*last = false;
		return next;
	}
	*last = true;
	return P.pe;
}

static long cols_between(const textbuf *tb, size_t from, size_t to)
{
	long col = 0;
	uint32_t cp;
	while (from < to) {
		from += decode_at(tb, from, &cp);
		col += cp_cols(cp);
	}
	return col;
}

/* The position in the row at s closest to column goal from the left. */
static size_t pos_at_col(textbuf *tb, size_t s, long goal, int width)
{
	bool last;
	size_t e = row_end(tb, s, width, &last);
	size_t p = s;
	long col = 0;
	while (p < e) {
		size_t q = next_cluster(tb, p);
		long w = cols_between(tb, p, q);
		if (col + w > goal || (!last && q >= e))
			break;
		col += w;
		p = q;
	}
	return p;
}

static int clamp_width(int width)
{
	return width < 1 ? 1 : width;
}

/* ---------- bookkeeping ---------- */

static void op_plain(textbuf *tb)
{
	tb->goal = -1;
	tb->last_cut = CUT_NONE;
}

/* A cursor move: as op_plain, and the next edit starts a new undo step. */
static void op_move(textbuf *tb)
{
	op_plain(tb);
	tb->open = false;
}

/* Keep a row cache in step with an edit at q: inserted > 0 bytes
 * inserted, or removed > 0 bytes deleted from q; newline tells whether a
 * '\n' was among them. */
static void cache_edited(rowcache *c, size_t q, size_t inserted, size_t removed, bool newline)
{
	if (!c->valid)
		return;
	if (inserted) {
		if (q < c->ps) {
			c->ps += inserted;
			c->pe += inserted;
			return;
		}
		if (q > c->pe)
			return;
	} else {
		if (q + removed < c->ps) {
			c->ps -= removed;
			c->pe -= removed;
			return;
		}
		if (q > c->pe)
			return;
		if (q < c->ps || q + removed > c->pe)
			newline = true;     /* takes a paragraph's '\n' */
	}
	if (newline) {
		c->valid = false;
		return;
	}
	/* inside the paragraph: rows up to two before the edited one stand */
	size_t k = cache_find(c, q - c->ps);
	size_t keep = k >= 3 ? k - 2 : 1;
	if (keep < c->n)
		c->n = keep;
	c->complete = false;
	if (inserted)
		c->pe += inserted;
	else
		c->pe -= removed;
}

/* The same for the generation, the top row and both caches. */
static void edited(textbuf *tb, size_t q, size_t inserted, size_t removed, bool newline)
{
	tb->gen++;
	if (inserted) {
		if (tb->top > q)
			tb->top += inserted;
	} else {
		if (tb->top >= q + removed)
			tb->top -= removed;
		else if (tb->top > q)
			tb->top = q;
	}
	for (int i = 0; i < NCACHE; i++)
		cache_edited(&tb->rc[i], q, inserted, removed, newline);
}

/* Delete [q, q + n); copies the bytes to out first if out is not NULL. */
static void delete_range(textbuf *tb, size_t q, size_t n, strbuf *out)
{
	if (n == 0)
		return;
	gap_move(tb, q);
	const char *del = tb->buf + tb->ge;
	bool nl = memchr(del, '\n', n) != NULL;
	if (out)
		sb_add(out, del, n);
	tb->ge += n;
	if (tb->cur >= q + n)
		tb->cur -= n;
	else if (tb->cur > q)
		tb->cur = q;
	edited(tb, q, 0, n, nl);
	/* Joining text can glue a combining mark onto the character before
	 * the cursor: keep the cursor after the whole character. */
	tb->cur = snap_forward(tb, tb->cur);
}

/* Clean s[0..len) into the gap at its current place, advancing gs, by the
 * text rule for notes (utf8.h): newlines and tabs kept, CR LF, CR and
 * U+2028/9 -> newline, controls, bidi controls and BOMs dropped, invalid
 * bytes -> U+FFFD.  If mark_out is not NULL it gets the output offset
 * (relative to the start of the insertion) of input offset mark.  Returns whether a '\n' was written. */
static bool clean_into(textbuf *tb, const char *s, size_t len, size_t mark, size_t *mark_out)
{
	size_t start = tb->gs;
	bool nl = false;
	size_t i = 0;

	gap_reserve(tb, len + 8);
	while (i < len) {
		if (mark_out && i >= mark) {
			*mark_out = tb->gs - start;
			mark_out = NULL;
		}
		size_t lim = mark_out ? mark : len;
		size_t j = i;
		while (j < lim && (((unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F) ||
		                   s[j] == '\t'))
			j++;
		if (j > i) {
			if (gaplen(tb) < j - i)
				gap_reserve(tb, len - i + 8);
			memcpy(tb->buf + tb->gs, s + i, j - i);
			tb->gs += j - i;
			i = j;
			continue;
		}
		if (gaplen(tb) < 4)
			gap_reserve(tb, len - i + 8);
		/* the text rule for notes (utf8.h, UTF8_NOTES) */
		char rep[4];
		size_t rn;
		i += utf8_clean_char(s + i, len - i, UTF8_NOTES, rep, &rn);
		memcpy(tb->buf + tb->gs, rep, rn);
		tb->gs += rn;
		if (rn == 1 && rep[0] == '\n')
			nl = true;
	}
	if (mark_out)
		*mark_out = tb->gs - start;
	return nl;
}

/* Insert already clean text at the cursor. */
static void insert_clean(textbuf *tb, const char *s, size_t n)
{
	if (n == 0)
		return;
	size_t q = tb->cur;
	gap_move(tb, q);
	gap_reserve(tb, n);
	memcpy(tb->buf + tb->gs, s, n);
	tb->gs += n;
	tb->cur = q + n;
	edited(tb, q, n, 0, memchr(s, '\n', n) != NULL);
	tb->cur = snap_forward(tb, tb->cur);
}

/* ---------- history ---------- */

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
static void history_clear(textbuf *tb)
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
static void record(textbuf *tb, int kind, bool removing, size_t q, size_t n, bool blank)
{
	if (n == 0)
		return;
	steps_clear(tb, &tb->redo);
	if (n > TB_UNDO_BYTES) {
		history_clear(tb);      /* cannot be kept, so neither can what came before */
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

/* True if the n > 0 bytes at q are one typed character: a code point other
 * than '\n' and the zero-width ones it brings; *blank: a space or tab. */
static bool typed_char(const textbuf *tb, size_t q, size_t n, bool *blank)
{
	uint32_t cp;
	size_t k = decode_at(tb, q, &cp);
	if (cp == '\n')
		return false;
	*blank = is_blank(cp);
	while (k < n) {
		k += decode_at(tb, q + k, &cp);
		if (!is_extending(cp))
			return false;
	}
	return true;
}

/* Undo (back) or redo s through the edit paths; the cursor goes where it
 * was before s (undo) or where the edit left it (redo). */
static void step_apply(textbuf *tb, const step *s, bool back)
{
	const bytes *out = back ? &s->ins : &s->rem;
	const bytes *in = back ? &s->rem : &s->ins;
	tb->cur = s->pos;
	delete_range(tb, s->pos, out->len, NULL);
	if (in->len) {
		tb->cur = s->pos;
		insert_clean(tb, in->p + in->off, in->len);
	}
	if (back)
		tb->cur = snap_back(tb, s->cur);
	op_plain(tb);
	tb->open = false;
}

/* ---------- the interface ---------- */

textbuf *tb_new(void)
{
	textbuf *tb = xcalloc(1, sizeof *tb);
	tb->cap = 256;
	tb->buf = xmalloc(tb->cap);
	tb->gs = 0;
	tb->ge = tb->cap;
	tb->goal = -1;
	return tb;
}

void tb_free(textbuf *tb)
{
	if (!tb)
		return;
	free(tb->buf);
	for (int i = 0; i < NCACHE; i++)
		free(tb->rc[i].starts);
	sb_free(&tb->kill);
	history_clear(tb);
	free(tb->undo.s);
	free(tb->redo.s);
	free(tb);
}

void tb_set_text(textbuf *tb, const char *s, size_t len, size_t cursor)
{
	size_t mark = 0;
	if (cursor > len)
		cursor = len;
	/* room to type without a realloc, bounded (see gap_reserve) */
	size_t want = len + (len / 4 < GAP_SLACK_MAX ? len / 4 : GAP_SLACK_MAX) + 4096;
	if (tb->cap > 2 * want + GAP_SLACK_MAX) {
		/* a large note's buffer is not kept for a small one */
		free(tb->buf);
		tb->buf = xmalloc(want);
		tb->cap = want;
	}
	tb->gs = 0;
	tb->ge = tb->cap;
	gap_reserve(tb, want);
	if (len)
		clean_into(tb, s, len, cursor, &mark);
	tb->cur = snap_back(tb, mark);
	tb->top = 0;
	for (int i = 0; i < NCACHE; i++)
		tb->rc[i].valid = false;
	op_plain(tb);
	history_clear(tb);
}

char *tb_text(const textbuf *tb, size_t *len)
{
	size_t n = len_of(tb);
	char *s = xmalloc(n + 1);
	tb_copy(tb, 0, n, s);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

/* Write n bytes of p to fd, through EINTR and short writes. */
static int write_fully(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int tb_write_fd(const textbuf *tb, int fd)
{
	if (write_fully(fd, tb->buf, tb->gs) != 0)
		return -1;
	return write_fully(fd, tb->buf + tb->ge, tb->cap - tb->ge);
}

size_t tb_len(const textbuf *tb)
{
	return len_of(tb);
}

void tb_copy(const textbuf *tb, size_t from, size_t to, char *out)
{
	size_t len = len_of(tb);
	if (to > len)
		to = len;
	if (from >= to)
		return;
	if (from < tb->gs) {
		size_t n = (to < tb->gs ? to : tb->gs) - from;
		memcpy(out, tb->buf + from, n);
		out += n;
		from += n;
	}
	if (from < to)
		memcpy(out, tb->buf + from + gaplen(tb), to - from);
}

unsigned char tb_byte(const textbuf *tb, size_t pos)
{
	return pos < len_of(tb) ? byte_at(tb, pos) : 0;
}

size_t tb_cursor(const textbuf *tb)
{
	return tb->cur;
}

void tb_set_cursor(textbuf *tb, size_t pos)
{
	op_move(tb);
	tb->cur = snap_back(tb, pos);
}

uint64_t tb_generation(const textbuf *tb)
{
	return tb->gen;
}

void tb_insert(textbuf *tb, const char *s, size_t len)
{
	op_plain(tb);
	if (len == 0)
		return;
	size_t q = tb->cur;
	gap_move(tb, q);
	bool nl = clean_into(tb, s, len, 0, NULL);
	size_t n = tb->gs - q;
	if (n == 0)
		return;
	tb->cur = q + n;
	edited(tb, q, n, 0, nl);
	tb->cur = snap_forward(tb, tb->cur);
	bool blank = false;
	bool typed = typed_char(tb, q, n, &blank);
	record(tb, typed ? STEP_TYPING : STEP_OTHER, false, q, n, blank);
}

void tb_backspace(textbuf *tb)
{
	op_plain(tb);
	size_t q = prev_cluster(tb, tb->cur);
	record(tb, STEP_BACKSPACE, true, q, tb->cur - q, false);
	delete_range(tb, q, tb->cur - q, NULL);
	tb->cur = snap_back(tb, tb->cur);
}

void tb_delete(textbuf *tb)
{
	op_plain(tb);
	size_t e = next_cluster(tb, tb->cur);
	record(tb, STEP_DELETE, true, tb->cur, e - tb->cur, false);
	delete_range(tb, tb->cur, e - tb->cur, NULL);
	tb->cur = snap_back(tb, tb->cur);
}

void tb_left(textbuf *tb)
{
	op_move(tb);
	tb->cur = prev_cluster(tb, tb->cur);
}

void tb_right(textbuf *tb)
{
	op_move(tb);
	tb->cur = next_cluster(tb, tb->cur);
}

void tb_word_left(textbuf *tb)
{
	op_move(tb);
	size_t p = tb->cur;
	uint32_t cp;
	while (p > 0) {
		size_t q = prev_cluster(tb, p);
		decode_at(tb, q, &cp);
		if (is_word(cp))
			break;
		p = q;
	}
	while (p > 0) {
		size_t q = prev_cluster(tb, p);
		decode_at(tb, q, &cp);
		if (!is_word(cp))
			break;
		p = q;
	}
	tb->cur = p;
}

void tb_word_right(textbuf *tb)
{
	op_move(tb);
	size_t p = tb->cur, len = len_of(tb);
	uint32_t cp;
	while (p < len) {
		decode_at(tb, p, &cp);
		if (is_word(cp))
			break;
		p = next_cluster(tb, p);
	}
	while (p < len) {
		decode_at(tb, p, &cp);
		if (!is_word(cp))
			break;
		p = next_cluster(tb, p);
	}
	tb->cur = p;
}

void tb_home(textbuf *tb, int width)
{
	op_move(tb);
	tb->cur = row_start_of(tb, tb->cur, clamp_width(width));
}

void tb_end(textbuf *tb, int width)
{
	op_move(tb);
	width = clamp_width(width);
	size_t s = row_start_of(tb, tb->cur, width);
	size_t pe = para_of(tb, s).pe;
	bool last;
	size_t e = row_end(tb, s, width, &last);
	/* the end of a non-last row shows on the next row: stop before its
	 * last character, unless the next row is the empty one after a full
	 * last row (then the paragraph end is the natural place) */
	tb->cur = last || e == pe ? e : prev_cluster(tb, e);
	if (tb->cur < s)
		tb->cur = s;
}

void tb_line_start(textbuf *tb)
{
	op_move(tb);
	tb->cur = para_of(tb, tb->cur).ps;
}

void tb_line_end(textbuf *tb)
{
	op_move(tb);
	tb->cur = para_of(tb, tb->cur).pe;
}

void tb_top(textbuf *tb)
{
	op_move(tb);
	tb->cur = 0;
}

void tb_bottom(textbuf *tb)
{
	op_move(tb);
	tb->cur = len_of(tb);
}

/* Move the cursor n visual rows (down if n > 0) keeping the goal column;
 * also scroll the top row by as many rows when scroll is set. */
static void move_rows(textbuf *tb, int width, long n, bool scroll)
{
	width = clamp_width(width);
	long goal = tb->goal;
	size_t s = row_start_of(tb, tb->cur, width);
	if (goal < 0)
		goal = cols_between(tb, s, tb->cur);
	op_move(tb);
	tb->goal = goal;

	long moved = 0;
	while (moved < (n < 0 ? -n : n)) {
		size_t r = n > 0 ? row_next(tb, s, width) : row_prev(tb, s, width);
		if (r == NO_ROW)
			break;
		s = r;
		moved++;
	}
	if (moved == 0)
		return;
	tb->cur = pos_at_col(tb, s, goal, width);
	if (scroll) {
		size_t t = row_start_of(tb, tb->top > len_of(tb) ? len_of(tb) : tb->top, width);
		for (long i = 0; i < moved; i++) {
			size_t r = n > 0 ? row_next(tb, t, width) : row_prev(tb, t, width);
			if (r == NO_ROW)
				break;
			t = r;
		}
		tb->top = t;
	}
}

void tb_up(textbuf *tb, int width)
{
	move_rows(tb, width, -1, false);
}

void tb_down(textbuf *tb, int width)
{
	move_rows(tb, width, 1, false);
}

void tb_page_up(textbuf *tb, int width, int rows)
{
	move_rows(tb, width, -(rows > 2 ? rows - 1 : 1), true);
}

void tb_page_down(textbuf *tb, int width, int rows)
{
	move_rows(tb, width, rows > 2 ? rows - 1 : 1, true);
}

/* Record a cut of [from, to) of the given kind. */
static void cut(textbuf *tb, size_t from, size_t to, int kind)
{
	tb->goal = -1;
	if (from >= to)
		return;     /* nothing to cut: the kill buffer stays */
	strbuf piece = STRBUF_INIT;
	record(tb, STEP_OTHER, true, from, to - from, false);
	delete_range(tb, from, to - from, &piece);
	if (tb->last_cut != kind) {
		sb_clear(&tb->kill);
		sb_add(&tb->kill, piece.s, piece.len);
	} else if (kind == CUT_EOL) {
		sb_add(&tb->kill, piece.s, piece.len);
	} else {
		sb_add(&piece, tb->kill.s ? tb->kill.s : "", tb->kill.len);
		sb_clear(&tb->kill);
		sb_add(&tb->kill, piece.s, piece.len);
	}
	sb_free(&piece);
	tb->last_cut = kind;
}

void tb_cut_to_eol(textbuf *tb)
{
	size_t p = tb->cur;
	size_t pe = para_of(tb, p).pe;
	if (p < pe)
		cut(tb, p, pe, CUT_EOL);
	else if (pe < len_of(tb))
		cut(tb, p, p + 1, CUT_EOL);     /* the '\n': join the next line */
	else
		tb->goal = -1;
}

void tb_cut_to_bol(textbuf *tb)
{
	size_t p = tb->cur;
	cut(tb, para_of(tb, p).ps, p, CUT_BOL);
}

void tb_cut_word_back(textbuf *tb)
{
	size_t p = tb->cur, q = p;
	uint32_t cp;
	while (q > 0) {
		size_t r = prev_cluster(tb, q);
		decode_at(tb, r, &cp);
		if (!is_space(cp))
			break;
		q = r;
	}
	while (q > 0) {
		size_t r = prev_cluster(tb, q);
		decode_at(tb, r, &cp);
		if (is_space(cp))
			break;
		q = r;
	}
	cut(tb, q, p, CUT_WORD);
}

void tb_yank(textbuf *tb)
{
	op_plain(tb);
	size_t q = tb->cur;
	insert_clean(tb, tb->kill.s, tb->kill.len);
	record(tb, STEP_OTHER, false, q, tb->kill.len, false);
}

const char *tb_kill_text(const textbuf *tb)
{
	return sb_str(&tb->kill);
}

bool tb_undo(textbuf *tb)
{
	if (tb->undo.n == 0)
		return false;
	step s = tb->undo.s[--tb->undo.n];
	step_apply(tb, &s, true);
	steps_push(&tb->redo, s);
	return true;
}

bool tb_redo(textbuf *tb)
{
	if (tb->redo.n == 0)
		return false;
	step s = tb->redo.s[--tb->redo.n];
	step_apply(tb, &s, false);
	steps_push(&tb->undo, s);
	return true;
}

void tb_undo_break(textbuf *tb)
{
	tb->open = false;
}

bool tb_scrolled(const textbuf *tb)
{
	return tb->top > 0;
}

int tb_layout(textbuf *tb, int width, int rows, tb_row *view, int *cur_row, int *cur_col)
{
	width = clamp_width(width);
	size_t cs = row_start_of(tb, tb->cur, width);
	long col = cols_between(tb, cs, tb->cur);
	if (col > width - 1)
		col = width - 1;
	if (cur_col)
		*cur_col = (int)col;
	if (cur_row)
		*cur_row = 0;
	if (rows < 1)
		return 0;

	size_t len = len_of(tb);
	tb->top = row_start_of(tb, tb->top > len ? len : tb->top, width);
	if (cs < tb->top) {
		tb->top = cs;
	} else {
		/* walk up from the cursor's row: keep the top if it is within
		 * rows-1 rows, else put the cursor's row at the bottom */
		size_t r = cs;
		for (int i = 0; i < rows - 1 && r != tb->top; i++) {
			size_t pr = row_prev(tb, r, width);
			if (pr == NO_ROW)
				break;
			r = pr;
		}
		tb->top = r;
	}

	int n = 0;
	size_t r = tb->top;
	while (n < rows && r != NO_ROW) {
		para P = para_of(tb, r);
		size_t next = NO_ROW, end;
		int cols = 0;
		if (r < P.pe) {
			end = wrap_row(tb, r, P.pe, width, &cols);
			if (end < P.pe)
				next = end;
			else if (cols >= width)
				next = P.pe;
			/* leave out hanging blanks (one column each, with any
			 * marks on them) */
			while (cols > width && end > r) {
				size_t q = prev_cluster(tb, end);
				if (!is_blank(byte_at(tb, q)))
					break;
				end = q;
				cols--;
			}
		} else {
			end = r;
		}
		if (next == NO_ROW && P.pe < len)
			next = P.pe + 1;
		view[n].start = r;
		view[n].end = end;
		if (r == cs && cur_row)
			*cur_row = n;
		n++;
		r = next;
	}
	return n;
}
