/* fuzz_textbuf.c — fuzz target: the notes editor's text buffer.
 *
 * The input is a program of editing operations: a byte picks the operation
 * (insert, delete, moves, cuts, yank, tb_set_text, a new window size ...,
 * and with the bytes 240..255, which came later, undo, redo, undo break),
 * the following bytes are its arguments.  After every operation the buffer
 * is laid out at the current width and height, as the screen does, and
 * checked: the cursor within the text on a character (cluster) boundary;
 * the text valid UTF-8, and free of control characters unless tb_set_text
 * put them there; tb_copy/tb_byte agree with tb_text; every change bumps
 * the generation; the layout's rows increasing, within the text, each fitting
 * the width, skipping nothing but blanks and newlines, and the cursor on
 * the row and at the column tb_layout reports.  An undo or redo changes
 * the generation exactly when it says it did something; after an undo, a
 * redo gives back the text from before it and another undo the text after.
 * See fuzz_check.h for how the file is built and replayed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/textbuf.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "fuzz_check.h"

#define FX_MAX_LEN 16384    /* keeps the per-operation checks fast */
#define FX_MAX_ROWS 60

/* Little pieces of text that make interesting notes quickly. */
static const char *const fx_pieces[] = {
	"\n", " ", "\t", "a", "word ", "\xc3\xa5\xc3\xa4\xc3\xb6 ",     /* åäö */
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",                      /* 日本語 */
	"e\xcc\x81", "\xcc\x81",                                     /* e + U+0301, U+0301 */
	"\xf0\x9f\x91\x8d", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", /* 👍, 👩‍💻 */
	"\xef\xb8\x8f", "\xe2\x80\x8b",                              /* VS16, ZWSP */
	"\r\n", "\r", "\x1b[31m", "\xff", "\xc3", "\xc2\xa0", "\xc2\x85",
	"Donaudampfschifffahrtsgesellschaftskapit\xc3\xa4n",
};

static int fx_width(fz_in *in)
{
	return 1 + (int)(fz_byte(in) % 200);
}

/* Display columns as the editor counts them: tabs one column. */
static size_t fx_cols(const char *s, size_t from, size_t to)
{
	size_t w = 0;
	while (from < to) {
		uint32_t cp;
		from += utf8_decode(s + from, to - from, &cp);
		w += cp == '\t' ? 1 : (size_t)utf8_cpwidth(cp);
	}
	return w;
}

/* True if a position sits between a character and a zero-width code point
 * joined to it (textbuf_layout.c's clusters). */
static bool fx_mid_cluster(const char *s, size_t len, size_t p)
{
	if (p == 0 || p >= len || s[p - 1] == '\n')
		return false;
	uint32_t cp;
	utf8_decode(s + p, len - p, &cp);
	return cp >= 0x300 && utf8_cpwidth(cp) == 0;
}

static bool fx_boundary(const char *s, size_t len, size_t p)
{
	if (p > len)
		return false;
	if (p < len && ((unsigned char)s[p] & 0xC0) == 0x80)
		return false;
	return !fx_mid_cluster(s, len, p);
}

/* One cluster: a code point and the zero-width ones joined to it. */
static bool fx_one_cluster(const char *s, size_t len, size_t from, size_t to)
{
	if (from >= to)
		return true;
	uint32_t cp;
	size_t p = from + utf8_decode(s + from, len - from, &cp);
	while (p < to && fx_mid_cluster(s, len, p))
		p += utf8_decode(s + p, len - p, &cp);
	return p == to;
}

/* The operation a byte picks: 0..27 as the first version had them (so
 * saved inputs keep their meaning), the bytes 240..255 picking 28..30. */
static unsigned fx_op(unsigned b)
{
	return b >= 240 ? 28 + (b - 240) % 3 : b % 28;
}

/* Undo (or redo), and check the generation against what it says it did;
 * after an undo also that redo and undo again come back to both texts. */
static void fx_undo_redo(textbuf *tb, bool undo)
{
	size_t blen, alen;
	char *before = tb_text(tb, &blen);
	uint64_t gen = tb_generation(tb);
	bool did = undo ? tb_undo(tb) : tb_redo(tb);
	FUZZ_ASSERT(did == (tb_generation(tb) != gen), "%s returned %d, generation %s",
		    undo ? "undo" : "redo", did, tb_generation(tb) != gen ? "changed" : "kept");
	if (did && undo) {
		size_t cur = tb_cursor(tb);
		char *after = tb_text(tb, &alen);
		FUZZ_ASSERT(tb_redo(tb), "nothing to redo after an undo");
		size_t rlen;
		char *redone = tb_text(tb, &rlen);
		FUZZ_ASSERT(rlen == blen && memcmp(redone, before, blen) == 0,
			    "redo after undo does not give back the text");
		FUZZ_ASSERT(tb_undo(tb), "nothing to undo after a redo");
		free(redone);
		redone = tb_text(tb, &rlen);
		FUZZ_ASSERT(rlen == alen && memcmp(redone, after, alen) == 0 && tb_cursor(tb) == cur,
			    "undo, redo, undo does not give the text and cursor of the first undo");
		free(redone);
		free(after);
	}
	free(before);
}

/* FUZZ_TRACE=1 in the environment: print every step (to study a crash). */
static bool fx_trace(void)
{
	static int on = -1;
	if (on < 0)
		on = getenv("FUZZ_TRACE") != NULL;
	return on;
}

static void fx_check_layout(textbuf *tb, const char *t, size_t len, int width, int rows)
{
	tb_row view[FX_MAX_ROWS];
	int cr = -1, cc = -1;
	int n = tb_layout(tb, width, rows, view, &cr, &cc);
	size_t cur = tb_cursor(tb);
	if (fx_trace()) {
		fprintf(stderr, "  layout %dx%d: %d rows, cursor %zu at row %d col %d\n", width,
			rows, n, cur, cr, cc);
		for (int i = 0; i < n && i < rows; i++)
			fprintf(stderr, "    [%zu, %zu) \"%.*s\"\n", view[i].start, view[i].end,
				(int)(view[i].end - view[i].start), t + view[i].start);
	}
	FUZZ_ASSERT(n >= 1 && n <= rows, "%d rows laid out in a window of %d", n, rows);
	for (int i = 0; i < n; i++) {
		size_t s = view[i].start, e = view[i].end;
		FUZZ_ASSERT(s <= e && e <= len, "row %d = [%zu, %zu), len %zu", i, s, e, len);
		FUZZ_ASSERT(fx_boundary(t, len, s) && fx_boundary(t, len, e),
			    "row %d = [%zu, %zu) cuts a character", i, s, e);
		FUZZ_ASSERT(memchr(t + s, '\n', e - s) == NULL, "row %d holds a newline", i);
		size_t w = fx_cols(t, s, e);
		FUZZ_ASSERT(w <= (size_t)width || fx_one_cluster(t, len, s, e),
			    "row %d is %zu columns wide at width %d", i, w, width);
		if (i > 0) {
			size_t pe = view[i - 1].end;
			FUZZ_ASSERT(s > view[i - 1].start && s >= pe,
				    "row %d starts at %zu after row %d = [%zu, %zu)", i, s, i - 1,
				    view[i - 1].start, pe);
			/* between two rows: hanging blanks (with any zero-width marks
			 * joined to them), then at most a newline */
			size_t p = pe;
			while (p < s) {
				FUZZ_ASSERT(t[p] == ' ' || t[p] == '\t' || (t[p] == '\n' && p == s - 1),
					    "rows %d and %d skip byte 0x%02x at %zu", i - 1, i,
					    (unsigned char)t[p], p);
				p++;
				while (p < s && fx_mid_cluster(t, len, p)) {
					uint32_t cp;
					p += utf8_decode(t + p, len - p, &cp);
				}
			}
		}
	}
	FUZZ_ASSERT(cr >= 0 && cr < n, "cursor row %d of %d", cr, n);
	FUZZ_ASSERT(cc >= 0 && cc < width, "cursor column %d at width %d", cc, width);
	FUZZ_ASSERT(view[cr].start <= cur, "cursor %zu before its row [%zu, %zu)", cur,
		    view[cr].start, view[cr].end);
	if (cr + 1 < n)
		FUZZ_ASSERT(cur < view[cr + 1].start, "cursor %zu belongs to the next row at %zu",
			    cur, view[cr + 1].start);
	size_t col = fx_cols(t, view[cr].start, cur);
	if (col > (size_t)width - 1)
		col = (size_t)width - 1;
	FUZZ_ASSERT((size_t)cc == col, "cursor column %d, expected %zu", cc, col);
}

static int fuzz_textbuf_one(const uint8_t *data, size_t size)
{
	fz_in in = { data, size };
	textbuf *tb = tb_new();
	int width = 40, rows = 10;
	bool raw = false;            /* tb_set_text may keep control characters */
	size_t plen;
	char *prev = tb_text(tb, &plen);
	uint64_t pgen = tb_generation(tb);

	while (in.n > 0) {
		unsigned op = fx_op(fz_byte(&in));
		const char *s;
		size_t k, len = tb_len(tb);
		bool set = false;
		switch (op) {
		case 0: {
			size_t want = fz_byte(&in) % 48 + 1;
			k = fz_take(&in, want, &s);
			if (len + 3 * k <= FX_MAX_LEN)
				tb_insert(tb, s, k);
			break;
		}
		case 1: tb_backspace(tb); break;
		case 2: tb_delete(tb); break;
		case 3: tb_left(tb); break;
		case 4: tb_right(tb); break;
		case 5: tb_word_left(tb); break;
		case 6: tb_word_right(tb); break;
		case 7: width = fx_width(&in); tb_home(tb, width); break;
		case 8: width = fx_width(&in); tb_end(tb, width); break;
		case 9: tb_line_start(tb); break;
		case 10: tb_line_end(tb); break;
		case 11: tb_top(tb); break;
		case 12: tb_bottom(tb); break;
		case 13: width = fx_width(&in); tb_up(tb, width); break;
		case 14: width = fx_width(&in); tb_down(tb, width); break;
		case 15: tb_page_up(tb, width, rows); break;
		case 16: tb_page_down(tb, width, rows); break;
		case 17: tb_cut_to_eol(tb); break;
		case 18: tb_cut_to_bol(tb); break;
		case 19: tb_cut_word_back(tb); break;
		case 20:
			if (len + 3 * strlen(tb_kill_text(tb)) <= FX_MAX_LEN)
				tb_yank(tb);
			break;
		case 21: {
			size_t cur = fz_byte(&in) * 16;
			size_t want = fz_byte(&in) * 4;
			k = fz_take(&in, want, &s);
			tb_set_text(tb, s, k, cur);
			if (fz_find_control(s, k, true) < k)
				raw = true;
			set = true;
			break;
		}
		case 22: {
			size_t pos = fz_byte(&in) << 8;
			pos |= fz_byte(&in);
			tb_set_cursor(tb, pos % (len + 2));
			break;
		}
		case 23:            /* the window is resized */
			width = fx_width(&in);
			rows = 1 + (int)(fz_byte(&in) % FX_MAX_ROWS);
			break;
		case 24: {          /* a paste of a piece repeated: long paragraphs */
			size_t want = fz_byte(&in) % 16 + 1, times = fz_byte(&in) * 8 + 1;
			k = fz_take(&in, want, &s);
			if (k == 0 || len + 3 * k * times > FX_MAX_LEN)
				break;
			char *paste = malloc(k * times);
			for (size_t i = 0; i < times; i++)
				memcpy(paste + i * k, s, k);
			tb_insert(tb, paste, k * times);
			free(paste);
			break;
		}
		case 28: fx_undo_redo(tb, true); break;
		case 29: fx_undo_redo(tb, false); break;
		case 30: tb_undo_break(tb); break;
		default: {          /* 25..27: one of the interesting pieces */
			const char *p = fx_pieces[fz_byte(&in) % EV_ARRAY_LEN(fx_pieces)];
			if (len + 3 * strlen(p) <= FX_MAX_LEN)
				tb_insert(tb, p, strlen(p));
			break;
		}
		}

		/* the text */
		size_t tlen;
		char *t = tb_text(tb, &tlen);
		if (fx_trace()) {
			fprintf(stderr, "op %u: len %zu cursor %zu text \"", op, tlen, tb_cursor(tb));
			for (size_t i = 0; i < tlen; i++)
				fprintf(stderr, (unsigned char)t[i] < 0x20 ? "\\x%02x" : "%c", t[i]);
			fprintf(stderr, "\"\n");
		}
		len = tb_len(tb);
		size_t cur = tb_cursor(tb);
		FUZZ_ASSERT(t != NULL && tlen == len && t[len] == '\0',
			    "tb_text gives %zu bytes, tb_len %zu", tlen, len);
		FUZZ_ASSERT(utf8_valid(t, len, NULL), "the text is not valid UTF-8 after op %u", op);
		if (!raw)
			FUZZ_ASSERT(fz_find_control(t, len, true) == len,
				    "control character at %zu after op %u", fz_find_control(t, len, true),
				    op);
		FUZZ_ASSERT(cur <= len, "cursor %zu beyond the end %zu after op %u", cur, len, op);
		FUZZ_ASSERT(fx_boundary(t, len, cur), "cursor %zu inside a character after op %u",
			    cur, op);
		if (len > 0) {
			char *copy = malloc(len);
			tb_copy(tb, 0, len, copy);
			FUZZ_ASSERT(memcmp(copy, t, len) == 0, "tb_copy differs from tb_text");
			free(copy);
			FUZZ_ASSERT(tb_byte(tb, 0) == (unsigned char)t[0] &&
				    tb_byte(tb, len - 1) == (unsigned char)t[len - 1] &&
				    (cur == len || tb_byte(tb, cur) == (unsigned char)t[cur]),
				    "tb_byte differs from tb_text");
		}
		const char *kill = tb_kill_text(tb);
		FUZZ_ASSERT(kill != NULL && utf8_valid(kill, strlen(kill), NULL),
			    "the kill buffer is not valid UTF-8");
		uint64_t gen = tb_generation(tb);
		if (!set) {
			FUZZ_ASSERT(gen >= pgen, "generation went back after op %u", op);
			FUZZ_ASSERT(gen != pgen || (plen == len && memcmp(prev, t, len) == 0),
				    "op %u changed the text without bumping the generation", op);
		}
		fx_check_layout(tb, t, len, width, rows);
		FUZZ_ASSERT(tb_cursor(tb) == cur, "tb_layout moved the cursor");
		free(prev);
		prev = t;
		plen = len;
		pgen = gen;
	}
	free(prev);
	tb_free(tb);
	return 0;
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_textbuf_one(data, size);
}
#endif
