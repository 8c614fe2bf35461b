/* textbuf.c — the notes' text: the gap buffer, its edits, moves by character, word and paragraph, the kill ring. */
/*
 * The text is split three ways (src/textbuf_priv.h holds what they share):
 * this file keeps the bytes and changes them; textbuf_layout.c knows
 * clusters, display columns and wrapped rows (its conventions are the
 * screen's); textbuf_history.c records every change for undo and redo.
 *
 * Performance: editing moves the gap to the cursor (one memmove; a paste
 * is cleaned straight into the gap).  Every edit goes through
 * tb_delete_range() or tb_insert_clean()/clean_into(), which keep the
 * generation, the top row and the row caches in step (edited()).
 */
#include "textbuf_priv.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/fsutil.h"
#include "exitview/utf8.h"

/* ---------- gap buffer ---------- */

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
	if (tb_gap_len(tb) >= need)
		return;
	size_t len = tb_text_len(tb);
	size_t slack = len < GAP_SLACK_MAX ? len : GAP_SLACK_MAX;
	size_t ncap = len + need + (slack > 64 ? slack : 64);
	size_t tail = tb->cap - tb->ge;
	tb->buf = xrealloc(tb->buf, ncap);
	memmove(tb->buf + ncap - tail, tb->buf + tb->ge, tail);
	tb->ge = ncap - tail;
	tb->cap = ncap;
}

/* ---------- words ---------- */

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

/* Move p back over the clusters whose first code point c has is(c) == want. */
static size_t skip_back(const textbuf *tb, size_t p, bool (*is)(uint32_t), bool want)
{
	uint32_t cp;
	while (p > 0) {
		size_t q = tb_prev_cluster(tb, p);
		tb_decode_at(tb, q, &cp);
		if (is(cp) != want)
			break;
		p = q;
	}
	return p;
}

/* Move p forward over the clusters whose first code point c has is(c) == want. */
static size_t skip_forward(const textbuf *tb, size_t p, bool (*is)(uint32_t), bool want)
{
	size_t len = tb_text_len(tb);
	uint32_t cp;
	while (p < len) {
		tb_decode_at(tb, p, &cp);
		if (is(cp) != want)
			break;
		p = tb_next_cluster(tb, p);
	}
	return p;
}

/* ---------- edits ---------- */

void tb_op_plain(textbuf *tb)
{
	tb->goal = -1;
	tb->last_cut = CUT_NONE;
}

void tb_op_move(textbuf *tb)
{
	tb_op_plain(tb);
	tb->open = false;
}

/* Keep the generation, the top row and the row caches in step with an
 * edit (arguments as tb_layout_edited). */
static void edited(textbuf *tb, size_t q, size_t inserted, size_t removed, bool newline)
{
	tb->gen++;
	tb_layout_edited(tb, q, inserted, removed, newline);
}

/* Delete [q, q + n); copies the bytes to out first if out is not NULL. */
void tb_delete_range(textbuf *tb, size_t q, size_t n, strbuf *out)
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
	tb->cur = tb_snap_forward(tb, tb->cur);
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
			if (tb_gap_len(tb) < j - i)
				gap_reserve(tb, len - i + 8);
			memcpy(tb->buf + tb->gs, s + i, j - i);
			tb->gs += j - i;
			i = j;
			continue;
		}
		if (tb_gap_len(tb) < 4)
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
void tb_insert_clean(textbuf *tb, const char *s, size_t n)
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
	tb->cur = tb_snap_forward(tb, tb->cur);
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
	tb_layout_free(tb);
	sb_free(&tb->kill);
	tb_history_free(tb);
	free(tb);
}

/* The buffer's size for a text of len bytes: room to type without a
 * realloc, bounded (see gap_reserve). */
static size_t set_text_cap(size_t len)
{
	return len + (len / 4 < GAP_SLACK_MAX ? len / 4 : GAP_SLACK_MAX) + 4096;
}

/* New text in the buffer: the cursor at mark, no layout, no history. */
static void text_replaced(textbuf *tb, size_t mark)
{
	tb->cur = tb_snap_back(tb, mark);
	tb_layout_reset(tb);
	tb_op_plain(tb);
	tb_history_clear(tb);
}

void tb_set_text(textbuf *tb, const char *s, size_t len, size_t cursor)
{
	size_t mark = 0;
	if (cursor > len)
		cursor = len;
	size_t want = set_text_cap(len);
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
	text_replaced(tb, mark);
}

/* s[0..len) is as clean_into would leave it (the text rule for notes). */
static bool is_clean(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') {
			i++;
			continue;
		}
		char rep[4];
		size_t rn, n = utf8_clean_char(s + i, len - i, UTF8_NOTES, rep, &rn);
		if (rn != n || memcmp(rep, s + i, n) != 0)
			return false;
		i += n;
	}
	return true;
}

void tb_take_text(textbuf *tb, char *s, size_t len, size_t cursor)
{
	if (!is_clean(s, len)) {
		tb_set_text(tb, s, len, cursor);
		free(s);
		return;
	}
	size_t want = set_text_cap(len);
	free(tb->buf);
	tb->buf = xrealloc(s, want);   /* grown in place (mremap) when it is large */
	tb->cap = want;
	tb->gs = len;
	tb->ge = want;
	/* as clean_into marks it: a cursor inside a character after it */
	size_t mark = cursor < len ? cursor : len;
	while (mark < len && ((unsigned char)tb->buf[mark] & 0xc0) == 0x80)
		mark++;
	text_replaced(tb, mark);
}

const char *tb_str(textbuf *tb)
{
	gap_move(tb, tb_text_len(tb));
	gap_reserve(tb, 1);
	tb->buf[tb->gs] = '\0';
	return tb->buf;
}

char *tb_detach(textbuf *tb, size_t *len)
{
	size_t n = tb_text_len(tb);
	tb_str(tb);
	char *s = xrealloc(tb->buf, n + 1);   /* shrunk in place */
	if (len)
		*len = n;
	tb->cap = 256;
	tb->buf = xmalloc(tb->cap);
	tb->gs = 0;
	tb->ge = tb->cap;
	text_replaced(tb, 0);
	return s;
}

char *tb_text(const textbuf *tb, size_t *len)
{
	size_t n = tb_text_len(tb);
	char *s = xmalloc(n + 1);
	tb_copy(tb, 0, n, s);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

int tb_write_fd(const textbuf *tb, int fd)
{
	if (fs_write_all(fd, tb->buf, tb->gs) != 0)
		return -1;
	return fs_write_all(fd, tb->buf + tb->ge, tb->cap - tb->ge);
}

size_t tb_len(const textbuf *tb)
{
	return tb_text_len(tb);
}

void tb_copy(const textbuf *tb, size_t from, size_t to, char *out)
{
	size_t len = tb_text_len(tb);
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
		memcpy(out, tb->buf + from + tb_gap_len(tb), to - from);
}

unsigned char tb_byte(const textbuf *tb, size_t pos)
{
	return pos < tb_text_len(tb) ? tb_at(tb, pos) : 0;
}

size_t tb_cursor(const textbuf *tb)
{
	return tb->cur;
}

void tb_set_cursor(textbuf *tb, size_t pos)
{
	tb_op_move(tb);
	tb->cur = tb_snap_back(tb, pos);
}

uint64_t tb_generation(const textbuf *tb)
{
	return tb->gen;
}

/* True if the n > 0 bytes at q are one typed character: a code point other
 * than '\n' and the zero-width ones it brings; *blank: a space or tab. */
static bool typed_char(const textbuf *tb, size_t q, size_t n, bool *blank)
{
	uint32_t cp;
	size_t k = tb_decode_at(tb, q, &cp);
	if (cp == '\n')
		return false;
	*blank = tb_is_blank(cp);
	while (k < n) {
		k += tb_decode_at(tb, q + k, &cp);
		if (!tb_is_extending(cp))
			return false;
	}
	return true;
}

void tb_insert(textbuf *tb, const char *s, size_t len)
{
	tb_op_plain(tb);
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
	tb->cur = tb_snap_forward(tb, tb->cur);
	bool blank = false;
	bool typed = typed_char(tb, q, n, &blank);
	tb_history_record(tb, typed ? STEP_TYPING : STEP_OTHER, false, q, n, blank);
}

void tb_backspace(textbuf *tb)
{
	tb_op_plain(tb);
	size_t q = tb_prev_cluster(tb, tb->cur);
	tb_history_record(tb, STEP_BACKSPACE, true, q, tb->cur - q, false);
	tb_delete_range(tb, q, tb->cur - q, NULL);
	tb->cur = tb_snap_back(tb, tb->cur);
}

void tb_delete(textbuf *tb)
{
	tb_op_plain(tb);
	size_t e = tb_next_cluster(tb, tb->cur);
	tb_history_record(tb, STEP_DELETE, true, tb->cur, e - tb->cur, false);
	tb_delete_range(tb, tb->cur, e - tb->cur, NULL);
	tb->cur = tb_snap_back(tb, tb->cur);
}

void tb_left(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = tb_prev_cluster(tb, tb->cur);
}

void tb_right(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = tb_next_cluster(tb, tb->cur);
}

void tb_word_left(textbuf *tb)
{
	tb_op_move(tb);
	size_t p = skip_back(tb, tb->cur, is_word, false);
	tb->cur = skip_back(tb, p, is_word, true);
}

void tb_word_right(textbuf *tb)
{
	tb_op_move(tb);
	size_t p = skip_forward(tb, tb->cur, is_word, false);
	tb->cur = skip_forward(tb, p, is_word, true);
}

void tb_line_start(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = tb_para_of(tb, tb->cur).ps;
}

void tb_line_end(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = tb_para_of(tb, tb->cur).pe;
}

void tb_top(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = 0;
}

void tb_bottom(textbuf *tb)
{
	tb_op_move(tb);
	tb->cur = tb_text_len(tb);
}

/* Record a cut of [from, to) of the given kind. */
static void cut(textbuf *tb, size_t from, size_t to, int kind)
{
	tb->goal = -1;
	if (from >= to)
		return;     /* nothing to cut: the kill buffer stays */
	strbuf piece = STRBUF_INIT;
	tb_history_record(tb, STEP_OTHER, true, from, to - from, false);
	tb_delete_range(tb, from, to - from, &piece);
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
	size_t pe = tb_para_of(tb, p).pe;
	if (p < pe)
		cut(tb, p, pe, CUT_EOL);
	else if (pe < tb_text_len(tb))
		cut(tb, p, p + 1, CUT_EOL);     /* the '\n': join the next line */
	else
		tb->goal = -1;
}

void tb_cut_to_bol(textbuf *tb)
{
	size_t p = tb->cur;
	cut(tb, tb_para_of(tb, p).ps, p, CUT_BOL);
}

void tb_cut_word_back(textbuf *tb)
{
	size_t p = tb->cur;
	size_t q = skip_back(tb, p, is_space, true);
	q = skip_back(tb, q, is_space, false);
	cut(tb, q, p, CUT_WORD);
}

void tb_yank(textbuf *tb)
{
	tb_op_plain(tb);
	size_t q = tb->cur;
	tb_insert_clean(tb, tb->kill.s, tb->kill.len);
	tb_history_record(tb, STEP_OTHER, false, q, tb->kill.len, false);
}

const char *tb_kill_text(const textbuf *tb)
{
	return sb_str(&tb->kill);
}

