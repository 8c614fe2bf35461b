/* textbuf_layout.c — clusters, display columns, wrapped rows and their caches, vertical moves, the window. */
/*
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
 * Performance: rows are found by wrapping forward from a known row start.
 * Each paragraph looked at gets a row cache: the starts of its rows up to
 * the furthest position asked for, extended on demand, cut back to two rows
 * before an edit inside it, shifted by an edit before it, dropped when a
 * '\n' is added or removed in it.  Three caches serve long paragraphs
 * (least recently used goes) and one the short ones, so short paragraphs
 * around a long one do not evict it.  A window needs only the rows near the
 * cursor and the top row: typing in a 1 MB note, even one 1 MB paragraph,
 * costs a few rows of wrapping per key once the rows up to the cursor are
 * cached (the first look wraps from the paragraph start once).
 */
#include "textbuf_priv.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/utf8.h"

#define CACHE_MIN 2048      /* paragraphs this long use a long-paragraph cache */

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

bool tb_is_extending(uint32_t cp)
{
	return cp >= 0x300 && cp_cols(cp) == 0;
}

/* Decode the code point at p (p < len); returns its byte length. */
size_t tb_decode_at(const textbuf *tb, size_t p, uint32_t *cp)
{
	unsigned char b = tb_at(tb, p);
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	char tmp[4];
	size_t n = 0, len = tb_text_len(tb);
	while (n < 4 && p + n < len) {
		tmp[n] = (char)tb_at(tb, p + n);
		n++;
	}
	return utf8_decode(tmp, n, cp);
}

/* Start of the code point that ends at p (p > 0); the text is valid UTF-8. */
static size_t prev_cp(const textbuf *tb, size_t p)
{
	size_t q = p - 1;
	int k = 0;
	while (q > 0 && k < 3 && (tb_at(tb, q) & 0xC0) == 0x80) {
		q--;
		k++;
	}
	return q;
}

/* Past the zero-width code points that extend a cluster from p, up to end. */
static size_t skip_marks(const textbuf *tb, size_t p, size_t end)
{
	uint32_t cp;
	while (p < end) {
		size_t n = tb_decode_at(tb, p, &cp);
		if (!tb_is_extending(cp))
			break;
		p += n;
	}
	return p;
}

size_t tb_next_cluster(const textbuf *tb, size_t p)
{
	size_t len = tb_text_len(tb);
	if (p >= len)
		return len;
	uint32_t cp;
	p += tb_decode_at(tb, p, &cp);
	if (cp == '\n')
		return p;
	return skip_marks(tb, p, len);
}

size_t tb_prev_cluster(const textbuf *tb, size_t p)
{
	if (p == 0)
		return 0;
	size_t q = prev_cp(tb, p);
	uint32_t cp;
	while (q > 0 && tb_at(tb, q - 1) != '\n') {
		tb_decode_at(tb, q, &cp);
		if (!tb_is_extending(cp))
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
	if (p == 0 || p >= tb_text_len(tb) || tb_at(tb, p - 1) == '\n')
		return false;
	tb_decode_at(tb, p, &cp);
	return tb_is_extending(cp);
}

/* Snap p to the cluster boundary at or before it. */
size_t tb_snap_back(const textbuf *tb, size_t p)
{
	size_t len = tb_text_len(tb);
	if (p > len)
		p = len;
	while (p > 0 && p < len && (tb_at(tb, p) & 0xC0) == 0x80)
		p--;
	while (mid_cluster(tb, p))
		p = prev_cp(tb, p);
	return p;
}

size_t tb_snap_forward(const textbuf *tb, size_t p)
{
	uint32_t cp;
	while (mid_cluster(tb, p))
		p += tb_decode_at(tb, p, &cp);
	return p;
}

/* ---------- paragraphs and rows ---------- */

/* The offset just after the last '\n' in s[0..n), or 0 if there is none
 * (memrchr is a GNU extension). */
static size_t after_last_nl(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] != '\n')
		n--;
	return n;
}

static size_t find_nl_back(const textbuf *tb, size_t p)   /* para start */
{
	if (p > tb->gs) {
		size_t k = after_last_nl(tb->buf + tb->ge, p - tb->gs);
		if (k > 0)
			return tb->gs + k;
		p = tb->gs;
	}
	return after_last_nl(tb->buf, p);
}

static size_t find_nl_fwd(const textbuf *tb, size_t p)    /* para end */
{
	size_t len = tb_text_len(tb);
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

para tb_para_of(const textbuf *tb, size_t p)
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
		unsigned char b = tb_at(tb, p);
		uint32_t cp;
		size_t n;
		int cw;
		if (b < 0x80) {
			cp = b;
			n = 1;
			cw = (b >= 0x20 || b == '\t') ? 1 : 0;
		} else {
			n = tb_decode_at(tb, p, &cp);
			cw = cp_cols(cp);
		}
		if (tb_is_blank(cp)) {
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
				col += cw;
				p = skip_marks(tb, p + n, pe);
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
	para P = tb_para_of(tb, p);
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
	para P = tb_para_of(tb, s);
	size_t next;
	if (row_next_in(tb, P, s, width, &next))
		return next;
	if (P.pe < tb_text_len(tb))
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
	para P = tb_para_of(tb, s);
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
		from += tb_decode_at(tb, from, &cp);
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
		size_t q = tb_next_cluster(tb, p);
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

/* Keep a row cache in step with an edit (as tb_layout_edited). */
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

void tb_layout_edited(textbuf *tb, size_t q, size_t inserted, size_t removed, bool newline)
{
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

void tb_layout_reset(textbuf *tb)
{
	tb->top = 0;
	for (int i = 0; i < NCACHE; i++)
		tb->rc[i].valid = false;
}

void tb_layout_free(textbuf *tb)
{
	for (int i = 0; i < NCACHE; i++)
		free(tb->rc[i].starts);
}

/* ---------- moves by visual rows ---------- */

void tb_home(textbuf *tb, int width)
{
	tb_op_move(tb);
	tb->cur = row_start_of(tb, tb->cur, clamp_width(width));
}

void tb_end(textbuf *tb, int width)
{
	tb_op_move(tb);
	width = clamp_width(width);
	size_t s = row_start_of(tb, tb->cur, width);
	size_t pe = tb_para_of(tb, s).pe;
	bool last;
	size_t e = row_end(tb, s, width, &last);
	/* the end of a non-last row shows on the next row: stop before its
	 * last character, unless the next row is the empty one after a full
	 * last row (then the paragraph end is the natural place) */
	tb->cur = last || e == pe ? e : tb_prev_cluster(tb, e);
	if (tb->cur < s)
		tb->cur = s;
}

/* Move the row start *s up to count rows down (down) or up; returns how
 * many it moved (fewer at either end of the text). */
static long walk_rows(textbuf *tb, size_t *s, int width, bool down, long count)
{
	long moved = 0;
	while (moved < count) {
		size_t r = down ? row_next(tb, *s, width) : row_prev(tb, *s, width);
		if (r == NO_ROW)
			break;
		*s = r;
		moved++;
	}
	return moved;
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
	tb_op_move(tb);
	tb->goal = goal;

	long moved = walk_rows(tb, &s, width, n > 0, n < 0 ? -n : n);
	if (moved == 0)
		return;
	tb->cur = pos_at_col(tb, s, goal, width);
	if (scroll) {
		size_t t = row_start_of(tb, tb->top > tb_text_len(tb) ? tb_text_len(tb) : tb->top, width);
		walk_rows(tb, &t, width, n > 0, moved);
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

/* ---------- the window ---------- */

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

	size_t len = tb_text_len(tb);
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
		para P = tb_para_of(tb, r);
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
				size_t q = tb_prev_cluster(tb, end);
				if (!tb_is_blank(tb_at(tb, q)))
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
