/* test_textbuf.c — the notes editor's text buffer: editing, UTF-8,
 * cleaning, wrapping, cursor moves, kill/yank, scrolling, 1 MB notes,
 * undo and redo. */
#include "exitview/textbuf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/utf8.h"
#include "exitview/util.h"
#include "unit.h"

#define E_ACUTE "e\xCC\x81"     /* e + U+0301 */
#define GRIN "\xF0\x9F\x98\x80" /* U+1F600 */

static char *txt(const textbuf *tb)
{
	static char *last;
	free(last);
	last = tb_text(tb, NULL);
	return last;
}

static textbuf *mk(const char *s, size_t cursor)
{
	textbuf *tb = tb_new();
	tb_set_text(tb, s, strlen(s), cursor);
	return tb;
}

static void ins(textbuf *tb, const char *s)
{
	tb_insert(tb, s, strlen(s));
}

/* The window as "row|row|row @row,col". */
static const char *show(textbuf *tb, int width, int rows)
{
	static char out[8192];
	tb_row v[128];
	int cr = -1, cc = -1;
	int n = tb_layout(tb, width, rows, v, &cr, &cc);
	size_t o = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			out[o++] = '|';
		tb_copy(tb, v[i].start, v[i].end, out + o);
		o += v[i].end - v[i].start;
	}
	snprintf(out + o, sizeof out - o, " @%d,%d", cr, cc);
	return out;
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Checks what any window must satisfy; returns NULL or what is wrong. */
static const char *check_window(textbuf *tb, int width, int rows)
{
	static char why[256];
	tb_row *v = malloc(sizeof *v * (size_t)rows);
	int cr = -1, cc = -1;
	int n = tb_layout(tb, width, rows, v, &cr, &cc);
	size_t len = tb_len(tb), cur = tb_cursor(tb);
	const char *bad = NULL;
	char *all = tb_text(tb, NULL);
	if (n < 1 || cr < 0 || cr >= n) {
		bad = "cursor row not in window";
		goto out;
	}
	for (int i = 0; i < n; i++) {
		size_t s = v[i].start, e = v[i].end;
		if (s > e || e > len) {
			bad = "bad range";
			goto out;
		}
		if (memchr(all + s, '\n', e - s)) {
			bad = "newline inside a row";
			goto out;
		}
		size_t w = utf8_width(all + s, e - s);
		if (w > (size_t)width && utf8_next(all, len, s) != e) {
			snprintf(why, sizeof why, "row %d is %zu columns: [%.*s]", i, w, (int)(e - s), all + s);
			bad = why;
			goto out;
		}
		if (i + 1 < n) {
			size_t k = e;
			while (k < len && all[k] != '\n') {   /* hanging spaces and their marks */
				uint32_t cp;
				size_t m = utf8_decode(all + k, len - k, &cp);
				if (cp != ' ' && utf8_cpwidth(cp) != 0)
					break;
				k += m;
			}
			if (k < len && all[k] == '\n' && v[i + 1].start == k + 1)
				continue;
			if (v[i + 1].start != k && v[i + 1].start != e) {
				snprintf(why, sizeof why, "gap between rows %d and %d", i, i + 1);
				bad = why;
				goto out;
			}
		}
	}
	if (cur < v[cr].start) {
		bad = "cursor before its row";
		goto out;
	}
	size_t cw = utf8_width(all + v[cr].start, cur - v[cr].start);
	if (cw > (size_t)width - 1)
		cw = (size_t)width - 1;
	if ((size_t)cc != cw) {
		snprintf(why, sizeof why, "cursor column %d, expected %zu", cc, cw);
		bad = why;
	}
out:
	free(all);
	free(v);
	return bad;
}

TEST(insert_delete)
{
	textbuf *tb = tb_new();
	CHECK_INT(tb_len(tb), 0);
	CHECK_STR(txt(tb), "");
	ins(tb, "world");
	CHECK_INT(tb_cursor(tb), 5);
	tb_set_cursor(tb, 0);
	ins(tb, "hello ");
	CHECK_STR(txt(tb), "hello world");
	CHECK_INT(tb_cursor(tb), 6);
	tb_bottom(tb);
	ins(tb, "!");
	CHECK_STR(txt(tb), "hello world!");
	tb_set_cursor(tb, 5);
	ins(tb, ",");
	CHECK_STR(txt(tb), "hello, world!");
	tb_backspace(tb);
	CHECK_STR(txt(tb), "hello world!");
	CHECK_INT(tb_cursor(tb), 5);
	tb_delete(tb);
	CHECK_STR(txt(tb), "helloworld!");
	tb_top(tb);
	tb_backspace(tb);                /* nothing before */
	CHECK_STR(txt(tb), "helloworld!");
	tb_delete(tb);
	CHECK_STR(txt(tb), "elloworld!");
	tb_bottom(tb);
	tb_delete(tb);                   /* nothing under */
	tb_backspace(tb);
	CHECK_STR(txt(tb), "elloworld");
	CHECK_INT(tb_byte(tb, 0), 'e');
	CHECK_INT(tb_byte(tb, 8), 'd');
	char part[4] = "";
	tb_copy(tb, 1, 4, part);
	CHECK(memcmp(part, "llo", 3) == 0);
	size_t n = 0;
	char *all = tb_text(tb, &n);
	CHECK_INT(n, 9);
	CHECK_STR(all, "elloworld");
	free(all);
	/* many inserts and deletes at moving places, against a plain model */
	char model[8192];
	size_t mlen = 9;
	memcpy(model, "elloworld", 9);
	for (int i = 0; i < 2000; i++) {
		size_t at = (size_t)(i * 7) % (mlen + 1);
		tb_set_cursor(tb, at);
		ins(tb, i % 3 ? "ab" : "\n");
		size_t k = i % 3 ? 2 : 1;
		memmove(model + at + k, model + at, mlen - at);
		memcpy(model + at, i % 3 ? "ab" : "\n", k);
		mlen += k;
	}
	for (int i = 0; i < 1500; i++) {
		size_t at = (size_t)(i * 13) % (mlen + 1);
		tb_set_cursor(tb, at);
		tb_backspace(tb);
		if (at > 0) {
			memmove(model + at - 1, model + at, mlen - at);
			mlen--;
			at--;
		}
		tb_delete(tb);
		if (at < mlen) {
			memmove(model + at, model + at + 1, mlen - at - 1);
			mlen--;
		}
		CHECK_INT(tb_cursor(tb), at);
	}
	model[mlen] = '\0';
	CHECK_INT(tb_len(tb), mlen);
	CHECK_STR(txt(tb), model);
	tb_free(tb);
}

TEST(utf8_moves)
{
	const char *s = "a\xC3\xA5\xC3\xA4\xC3\xB6\xE6\xBC\xA2\xE5\xAD\x97" GRIN E_ACUTE "z";
	textbuf *tb = mk(s, 0);
	/* boundaries: a å ä ö 漢 字 😀 é z */
	size_t stops[] = { 0, 1, 3, 5, 7, 10, 13, 17, 20, 21 };
	for (size_t i = 1; i < EV_ARRAY_LEN(stops); i++) {
		tb_right(tb);
		CHECK_INT(tb_cursor(tb), stops[i]);
	}
	tb_right(tb);
	CHECK_INT(tb_cursor(tb), 21);
	for (size_t i = EV_ARRAY_LEN(stops) - 1; i > 0; i--) {
		tb_left(tb);
		CHECK_INT(tb_cursor(tb), stops[i - 1]);
	}
	tb_left(tb);
	CHECK_INT(tb_cursor(tb), 0);
	/* set_cursor snaps into no sequence and no cluster */
	tb_set_cursor(tb, 2);
	CHECK_INT(tb_cursor(tb), 1);
	tb_set_cursor(tb, 15);
	CHECK_INT(tb_cursor(tb), 13);
	tb_set_cursor(tb, 18);              /* between e and U+0301 */
	CHECK_INT(tb_cursor(tb), 17);
	tb_set_cursor(tb, 999);
	CHECK_INT(tb_cursor(tb), 21);
	/* backspace and delete take whole characters */
	tb_set_cursor(tb, 20);
	tb_backspace(tb);
	CHECK_STR(txt(tb), "a\xC3\xA5\xC3\xA4\xC3\xB6\xE6\xBC\xA2\xE5\xAD\x97" GRIN "z");
	tb_backspace(tb);
	CHECK_STR(txt(tb), "a\xC3\xA5\xC3\xA4\xC3\xB6\xE6\xBC\xA2\xE5\xAD\x97z");
	tb_set_cursor(tb, 7);
	tb_delete(tb);
	CHECK_STR(txt(tb), "a\xC3\xA5\xC3\xA4\xC3\xB6\xE5\xAD\x97z");
	tb_set_cursor(tb, 3);
	tb_backspace(tb);
	CHECK_STR(txt(tb), "a\xC3\xA4\xC3\xB6\xE5\xAD\x97z");
	CHECK_INT(tb_cursor(tb), 1);
	/* a combining mark typed after its base joins it */
	tb_set_text(tb, "xe", strlen("xe"), 2);
	ins(tb, "\xCC\x81");
	CHECK_INT(tb_cursor(tb), 4);
	tb_left(tb);
	CHECK_INT(tb_cursor(tb), 1);
	/* a base typed before a leading mark: the cursor stays after the cluster */
	tb_set_text(tb, "\xCC\x81q", strlen("\xCC\x81q"), 0);
	ins(tb, "e");
	CHECK_STR(txt(tb), E_ACUTE "q");
	CHECK_INT(tb_cursor(tb), 3);
	/* a mark after a newline is its own character */
	tb_set_text(tb, "a\n\xCC\x81", strlen("a\n\xCC\x81"), 4);
	tb_left(tb);
	CHECK_INT(tb_cursor(tb), 2);
	tb_left(tb);
	CHECK_INT(tb_cursor(tb), 1);
	tb_free(tb);
}

TEST(cleaning)
{
	textbuf *tb = tb_new();
	uint64_t g = tb_generation(tb);
	tb_insert(tb, "a\xFF" "b\xC3", 4);                  /* invalid + truncated */
	CHECK_STR(txt(tb), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	CHECK(tb_generation(tb) != g);
	tb_set_text(tb, "", strlen(""), 0);
	ins(tb, "one\r\ntwo\rthree\n");
	CHECK_STR(txt(tb), "one\ntwo\nthree\n");
	tb_set_text(tb, "", strlen(""), 0);
	tb_insert(tb, "t\tx\x01\x1b[1m\x7f\0y\xC2\x85z", 15);   /* tab kept, C0/DEL/NUL/C1 dropped */
	CHECK_STR(txt(tb), "t\tx[1myz");
	g = tb_generation(tb);
	tb_insert(tb, "\x01\x02", 2);                       /* nothing left: no change */
	CHECK(tb_generation(tb) == g);
	CHECK_STR(txt(tb), "t\tx[1myz");
	/* overlong, surrogate, and a real U+FFFD */
	tb_set_text(tb, "", strlen(""), 0);
	ins(tb, "\xC0\xAF|\xED\xA0\x80|\xEF\xBF\xBD");
	CHECK_STR(txt(tb), "\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD");
	/* set_text cleans too and maps the cursor */
	tb_set_text(tb, "ab\r\ncd\xFF" "e", strlen("ab\r\ncd\xFF" "e"), 6);
	CHECK_STR(txt(tb), "ab\ncd\xEF\xBF\xBD" "e");
	CHECK_INT(tb_cursor(tb), 5);
	tb_set_text(tb, "xyz", strlen("xyz"), 99);
	CHECK_INT(tb_cursor(tb), 3);
	/* a big paste is one insert */
	size_t big = 3u << 20;
	char *p = malloc(big);
	for (size_t i = 0; i < big; i++)
		p[i] = (i % 61 == 60) ? '\n' : (char)('a' + i % 26);
	p[100] = '\r';
	p[200] = '\x07';
	tb_set_text(tb, "[]", strlen("[]"), 1);
	double t0 = now_us();
	tb_insert(tb, p, big);
	double t1 = now_us();
	printf("# paste of 3 MB: %.0f us\n", t1 - t0);
	CHECK_INT(tb_len(tb), 2 + big - 1);
	CHECK_INT(tb_cursor(tb), 1 + big - 1);
	CHECK_INT(tb_byte(tb, 101), '\n');
	CHECK_INT(tb_byte(tb, 201), p[201]);
	CHECK_INT(tb_byte(tb, tb_len(tb) - 1), ']');
	free(p);
	tb_free(tb);
}

TEST(wrap_words)
{
	textbuf *tb = mk("the quick brown fox jumps over", 0);
	CHECK_STR(show(tb, 10, 10), "the quick |brown fox |jumps over| @0,0");
	tb_bottom(tb);   /* the full last row has an empty row after it for the cursor */
	CHECK_STR(show(tb, 10, 10), "the quick |brown fox |jumps over| @3,0");
	tb_backspace(tb);
	CHECK_STR(show(tb, 10, 10), "the quick |brown fox |jumps ove @2,9");
	CHECK_STR(show(tb, 30, 10), "the quick brown fox jumps ove @0,29");
	CHECK_STR(show(tb, 40, 10), "the quick brown fox jumps ove @0,29");
	tb_set_text(tb, "abcdefghijklmnopqrstuvwxyz", strlen("abcdefghijklmnopqrstuvwxyz"), 10);
	CHECK_STR(show(tb, 10, 10), "abcdefghij|klmnopqrst|uvwxyz @1,0");
	tb_set_text(tb, "ab cdefghijklmn", strlen("ab cdefghijklmn"), 0);
	CHECK_STR(show(tb, 5, 10), "ab |cdefg|hijkl|mn @0,0");
	/* spaces hang past the edge and are left out of the row */
	tb_set_text(tb, "hello     world", strlen("hello     world"), 7);
	CHECK_STR(show(tb, 5, 10), "hello|world| @0,4");
	tb_set_cursor(tb, 10);
	CHECK_STR(show(tb, 5, 10), "hello|world| @1,0");
	/* paragraphs, empty ones too */
	tb_set_text(tb, "one two\n\nthree", strlen("one two\n\nthree"), 8);
	CHECK_STR(show(tb, 5, 10), "one |two||three| @2,0");
	tb_set_text(tb, "", strlen(""), 0);
	CHECK_STR(show(tb, 5, 10), " @0,0");
	tb_set_text(tb, "\n", strlen("\n"), 1);
	CHECK_STR(show(tb, 5, 10), "| @1,0");
	/* a tab is one column and a place to break */
	tb_set_text(tb, "ab\tcd ef", 9, 9);
	CHECK_STR(show(tb, 4, 10), "ab\t|cd |ef @2,2");
	tb_set_cursor(tb, 3);
	CHECK_STR(show(tb, 4, 10), "ab\t|cd |ef @1,0");
	tb_set_cursor(tb, 2);
	CHECK_STR(show(tb, 4, 10), "ab\t|cd |ef @0,2");
	/* width below 1 acts as 1 */
	tb_set_text(tb, "ab", strlen("ab"), 1);
	CHECK_STR(show(tb, 0, 10), "a|b| @1,0");
	tb_free(tb);
}

TEST(wrap_wide)
{
	/* a wide character that does not fit goes to the next row */
	textbuf *tb = mk("abcdefghi\xE6\xBC\xA2x", 0);
	CHECK_STR(show(tb, 10, 10), "abcdefghi|\xE6\xBC\xA2x @0,0");
	tb_bottom(tb);
	CHECK_STR(show(tb, 10, 10), "abcdefghi|\xE6\xBC\xA2x @1,3");
	tb_set_text(tb, "abcdefgh\xE6\xBC\xA2x", strlen("abcdefgh\xE6\xBC\xA2x"), 12);
	CHECK_STR(show(tb, 10, 10), "abcdefgh\xE6\xBC\xA2|x @1,1");
	/* emoji are two columns */
	tb_set_text(tb, GRIN GRIN GRIN, 12, 12);
	CHECK_STR(show(tb, 5, 10), GRIN GRIN "|" GRIN " @1,2");
	/* a combining mark stays with its base at the edge */
	tb_set_text(tb, "abcdefghij" E_ACUTE "x", strlen("abcdefghij" E_ACUTE "x"), 0);
	CHECK_STR(show(tb, 10, 10), "abcdefghij|" E_ACUTE "x @0,0");
	tb_set_text(tb, "abcdefghi" E_ACUTE "x", strlen("abcdefghi" E_ACUTE "x"), 0);
	CHECK_STR(show(tb, 10, 10), "abcdefghi" E_ACUTE "|x @0,0");
	tb_set_text(tb, "abc " E_ACUTE "xyzuvwq", strlen("abc " E_ACUTE "xyzuvwq"), 0);
	CHECK_STR(show(tb, 8, 10), "abc |" E_ACUTE "xyzuvwq| @0,0");
	/* Swedish letters are one column each */
	const char *sv = "\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3\xA4 \xC3\xB6\xC3\xB6";
	tb_set_text(tb, sv, strlen(sv), strlen(sv));
	CHECK_STR(show(tb, 5, 10), "\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3\xA4|\xC3\xB6\xC3\xB6 @1,2");
	/* width 1: a wide character still gets a row of its own */
	tb_set_text(tb, "\xE6\xBC\xA2\xE5\xAD\x97", strlen("\xE6\xBC\xA2\xE5\xAD\x97"), 3);
	CHECK_STR(show(tb, 1, 10), "\xE6\xBC\xA2|\xE5\xAD\x97| @1,0");
	/* a word of CJK wraps at characters */
	tb_set_text(tb, "\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97", strlen("\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97"), 0);
	CHECK_STR(show(tb, 5, 10), "\xE6\xBC\xA2\xE5\xAD\x97|\xE6\xBC\xA2\xE5\xAD\x97 @0,0");
	tb_free(tb);
}

TEST(up_down_goal)
{
	/* rows at 5: "aaaa " "bbbb " "cccc" | "xy" | "zzzzz" "zzzzz" "zz" */
	const char *s = "aaaa bbbb cccc\nxy\nzzzzzzzzzzzz";
	textbuf *tb = mk(s, 3);
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 8);
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 13);
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 17);       /* end of "xy" */
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 21);       /* goal column 3 kept */
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 26);
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 30);       /* last row is short */
	tb_down(tb, 5);
	CHECK_INT(tb_cursor(tb), 30);       /* nowhere to go */
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 26);
	tb_up(tb, 5);
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 17);
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 13);
	tb_up(tb, 5);
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 3);
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 3);
	/* a horizontal move sets a new goal */
	tb_set_cursor(tb, 18);              /* column 0 of "zzzzz" */
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 15);
	tb_right(tb);
	tb_up(tb, 5);
	CHECK_INT(tb_cursor(tb), 11);
	/* at the end of a non-last row the cursor stops before the break */
	tb_set_text(tb, "ab cd\nabcdefg", strlen("ab cd\nabcdefg"), 13);   /* width 4: "ab " "cd" | "abcd" "efg" */
	tb_set_cursor(tb, 9);               /* column 3 of "abcd" */
	tb_up(tb, 4);
	CHECK_INT(tb_cursor(tb), 5);        /* end of "cd", the paragraph end */
	tb_up(tb, 4);
	CHECK_INT(tb_cursor(tb), 2);        /* before the space that ends "ab " */
	/* wide characters: the goal falls inside one -> before it */
	const char *w = "\xE6\xBC\xA2\xE5\xAD\x97" "ab\nabcd";
	tb_set_text(tb, w, strlen(w), strlen(w) - 1);   /* column 3 of "abcd" */
	tb_up(tb, 10);
	CHECK_INT(tb_cursor(tb), 3);        /* before 字 (columns 2-3) */
	tb_down(tb, 10);
	CHECK_INT(tb_cursor(tb), strlen(w) - 1);
	/* combining marks count no column */
	const char *c = "e\xCC\x81" "e\xCC\x81" "e\xCC\x81\nabc";
	tb_set_text(tb, c, strlen(c), strlen(c) - 1);
	tb_up(tb, 10);
	CHECK_INT(tb_cursor(tb), 6);
	tb_free(tb);
}

TEST(home_end)
{
	textbuf *tb = mk("the quick brown fox jumps over\nsecond line", 13);
	tb_home(tb, 10);
	CHECK_INT(tb_cursor(tb), 10);
	tb_home(tb, 10);
	CHECK_INT(tb_cursor(tb), 10);
	tb_end(tb, 10);
	CHECK_INT(tb_cursor(tb), 19);       /* before the space that ends the row */
	tb_end(tb, 10);
	CHECK_INT(tb_cursor(tb), 19);
	tb_set_cursor(tb, 22);
	tb_end(tb, 10);                     /* a full last row: to the paragraph end */
	CHECK_INT(tb_cursor(tb), 30);
	CHECK_STR(show(tb, 10, 10), "the quick |brown fox |jumps over||second |line @3,0");
	tb_set_cursor(tb, 35);
	tb_end(tb, 10);
	CHECK_INT(tb_cursor(tb), 37);
	tb_line_end(tb);
	CHECK_INT(tb_cursor(tb), 42);
	tb_home(tb, 10);
	CHECK_INT(tb_cursor(tb), 38);
	tb_line_start(tb);
	CHECK_INT(tb_cursor(tb), 31);
	tb_line_start(tb);
	CHECK_INT(tb_cursor(tb), 31);
	tb_set_cursor(tb, 13);
	tb_line_end(tb);
	CHECK_INT(tb_cursor(tb), 30);
	tb_line_start(tb);
	CHECK_INT(tb_cursor(tb), 0);
	tb_free(tb);
}

TEST(page_up_down)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 100; i++)
		sb_printf(&sb, "line %d\n", i);
	textbuf *tb = mk(sb.s, 2);
	tb_row v[10];
	int cr, cc;
	tb_layout(tb, 20, 10, v, &cr, &cc);
	tb_page_down(tb, 20, 10);
	CHECK_INT(tb_cursor(tb), strstr(sb.s, "line 9\n") - sb.s + 2);
	int n = tb_layout(tb, 20, 10, v, &cr, &cc);
	CHECK_INT(n, 10);
	CHECK_INT(cr, 0);
	CHECK_INT(cc, 2);
	CHECK_INT(v[0].start, strstr(sb.s, "line 9\n") - sb.s);
	tb_page_down(tb, 20, 10);
	CHECK_INT(tb_cursor(tb), strstr(sb.s, "line 18\n") - sb.s + 2);
	tb_page_up(tb, 20, 10);
	tb_page_up(tb, 20, 10);
	CHECK_INT(tb_cursor(tb), 2);
	tb_layout(tb, 20, 10, v, &cr, &cc);
	CHECK_INT(v[0].start, 0);
	CHECK_INT(cr, 0);
	tb_page_up(tb, 20, 10);
	CHECK_INT(tb_cursor(tb), 2);
	for (int i = 0; i < 20; i++)
		tb_page_down(tb, 20, 10);
	CHECK_INT(tb_cursor(tb), sb.len);   /* the empty last line */
	n = tb_layout(tb, 20, 10, v, &cr, &cc);
	CHECK_INT(cr, n - 1);
	CHECK_INT(v[n - 1].start, sb.len);
	sb_free(&sb);
	tb_free(tb);
}

TEST(kill_yank)
{
	textbuf *tb = mk("one two three\nfour\nfive", 4);
	CHECK_STR(tb_kill_text(tb), "");
	tb_cut_to_eol(tb);
	CHECK_STR(txt(tb), "one \nfour\nfive");
	CHECK_STR(tb_kill_text(tb), "two three");
	tb_cut_to_eol(tb);                  /* at the end: joins */
	CHECK_STR(txt(tb), "one four\nfive");
	tb_cut_to_eol(tb);
	CHECK_STR(txt(tb), "one \nfive");
	CHECK_STR(tb_kill_text(tb), "two three\nfour");
	tb_yank(tb);
	CHECK_STR(txt(tb), "one two three\nfour\nfive");
	CHECK_INT(tb_cursor(tb), 18);
	tb_yank(tb);
	CHECK_STR(txt(tb), "one two three\nfourtwo three\nfour\nfive");
	/* a move in between: the next cut replaces */
	tb_set_text(tb, "abc\ndef", strlen("abc\ndef"), 0);
	tb_cut_to_eol(tb);
	tb_right(tb);
	tb_cut_to_eol(tb);
	CHECK_STR(tb_kill_text(tb), "def");
	CHECK_STR(txt(tb), "\n");
	/* an edit in between too */
	tb_set_text(tb, "abc def", strlen("abc def"), 3);
	tb_cut_to_eol(tb);
	ins(tb, "x");
	tb_left(tb);
	tb_cut_to_eol(tb);
	CHECK_STR(tb_kill_text(tb), "x");
	/* Ctrl-K at the very end does nothing */
	tb_set_text(tb, "abc", strlen("abc"), 3);
	uint64_t g = tb_generation(tb);
	tb_cut_to_eol(tb);
	CHECK(tb_generation(tb) == g);
	CHECK_STR(tb_kill_text(tb), "x");
	/* Ctrl-U: paragraph start to cursor, consecutive ones prepend */
	tb_set_text(tb, "hello world\nabc def", strlen("hello world\nabc def"), 16);
	tb_cut_to_bol(tb);
	CHECK_STR(txt(tb), "hello world\ndef");
	CHECK_STR(tb_kill_text(tb), "abc ");
	CHECK_INT(tb_cursor(tb), 12);
	tb_cut_to_bol(tb);                  /* at the start: nothing */
	CHECK_STR(txt(tb), "hello world\ndef");
	CHECK_STR(tb_kill_text(tb), "abc ");
	tb_line_end(tb);
	tb_yank(tb);
	CHECK_STR(txt(tb), "hello world\ndefabc ");
	/* Ctrl-W: previous word, spaces skipped first, consecutive prepend */
	tb_set_text(tb, "one two three  ", strlen("one two three  "), 15);
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "one two ");
	CHECK_STR(tb_kill_text(tb), "three  ");
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "one ");
	CHECK_STR(tb_kill_text(tb), "two three  ");
	tb_yank(tb);
	CHECK_STR(txt(tb), "one two three  ");
	/* whitespace-delimited: punctuation belongs to the word */
	tb_set_text(tb, "foo bar.baz,qux", strlen("foo bar.baz,qux"), 15);
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "foo ");
	/* multibyte words and marks */
	const char *j = "\xE6\x97\xA5\xE6\x9C\xAC caf" E_ACUTE;
	tb_set_text(tb, j, strlen(j), strlen(j));
	tb_cut_word_back(tb);
	CHECK_STR(tb_kill_text(tb), "caf" E_ACUTE);
	tb_cut_word_back(tb);
	CHECK_STR(tb_kill_text(tb), "\xE6\x97\xA5\xE6\x9C\xAC caf" E_ACUTE);
	CHECK_STR(txt(tb), "");
	/* across a newline (whitespace too) */
	tb_set_text(tb, "ab cd\n", strlen("ab cd\n"), 6);
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "ab ");
	/* different kinds do not append */
	tb_set_text(tb, "one two three", strlen("one two three"), 7);
	tb_cut_word_back(tb);
	tb_cut_to_eol(tb);
	CHECK_STR(tb_kill_text(tb), " three");
	tb_cut_to_bol(tb);
	CHECK_STR(tb_kill_text(tb), "one ");
	CHECK_STR(txt(tb), "");
	/* the kill buffer survives set_text (cut in one question, paste in another) */
	tb_set_text(tb, "x", strlen("x"), 1);
	tb_yank(tb);
	CHECK_STR(txt(tb), "xone ");
	tb_free(tb);
}

TEST(word_moves)
{
	const char *s = "Hello, w\xC3\xB6rld! \xE6\xBC\xA2\xE5\xAD\x97 caf" E_ACUTE "-x";
	/* offsets: Hello 0-5, ", " 5-7, wörld 7-13, "! " 13-15, 漢字 15-21,
	 * " " 21, café 22-28, "-" 28, x 29-30 */
	textbuf *tb = mk(s, 0);
	size_t fwd[] = { 5, 13, 21, 28, 30, 30 };
	for (size_t i = 0; i < EV_ARRAY_LEN(fwd); i++) {
		tb_word_right(tb);
		CHECK_INT(tb_cursor(tb), fwd[i]);
	}
	size_t back[] = { 29, 22, 15, 7, 0, 0 };
	for (size_t i = 0; i < EV_ARRAY_LEN(back); i++) {
		tb_word_left(tb);
		CHECK_INT(tb_cursor(tb), back[i]);
	}
	tb_set_text(tb, "ab\n\n  cd", strlen("ab\n\n  cd"), 2);
	tb_word_right(tb);
	CHECK_INT(tb_cursor(tb), 8);
	tb_word_left(tb);
	CHECK_INT(tb_cursor(tb), 6);
	tb_word_left(tb);
	CHECK_INT(tb_cursor(tb), 0);
	tb_free(tb);
}

TEST(generation)
{
	textbuf *tb = mk("abc def\nghi", 0);
	uint64_t g = tb_generation(tb);
	tb_right(tb);
	tb_left(tb);
	tb_word_right(tb);
	tb_word_left(tb);
	tb_down(tb, 5);
	tb_up(tb, 5);
	tb_home(tb, 5);
	tb_end(tb, 5);
	tb_line_start(tb);
	tb_line_end(tb);
	tb_page_down(tb, 5, 3);
	tb_page_up(tb, 5, 3);
	tb_top(tb);
	tb_bottom(tb);
	tb_set_cursor(tb, 2);
	tb_row v[4];
	int cr, cc;
	tb_layout(tb, 5, 4, v, &cr, &cc);
	char *t = tb_text(tb, NULL);
	free(t);
	CHECK(tb_generation(tb) == g);
	tb_top(tb);
	tb_backspace(tb);                   /* no-ops */
	tb_cut_to_bol(tb);
	tb_cut_word_back(tb);
	tb_yank(tb);                        /* empty kill buffer */
	CHECK(tb_generation(tb) == g);
	ins(tb, "x");
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	tb_backspace(tb);
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	tb_delete(tb);
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	tb_cut_to_eol(tb);
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	tb_yank(tb);
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	/* set_text loads: it does not count as a change (record the value
	 * after loading), and the counter never goes back */
	tb_set_text(tb, "new", strlen("new"), 1);
	CHECK(tb_generation(tb) == g);
	ins(tb, "!");
	CHECK(tb_generation(tb) > g);
	tb_free(tb);
}

TEST(set_text_resets)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 50; i++)
		sb_printf(&sb, "row %d\n", i);
	textbuf *tb = mk(sb.s, sb.len);
	tb_row v[5];
	int cr, cc;
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(v[0].start > 0);
	tb_cut_to_bol(tb);                  /* nothing */
	tb_up(tb, 20);
	tb_cut_to_eol(tb);                  /* "row 49" */
	tb_set_text(tb, "ab cd", strlen("ab cd"), 3);
	CHECK_INT(tb_cursor(tb), 3);
	int n = tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK_INT(n, 1);
	CHECK_INT(v[0].start, 0);
	CHECK_INT(cc, 3);
	tb_cut_to_eol(tb);                  /* not appended to the old cut */
	CHECK_STR(tb_kill_text(tb), "cd");
	/* the goal column is forgotten too */
	tb_set_text(tb, "abcdef\nx\nabcdef", strlen("abcdef\nx\nabcdef"), 5);
	tb_down(tb, 20);
	tb_set_text(tb, "abcdef\nx\nabcdef", strlen("abcdef\nx\nabcdef"), 2);
	tb_down(tb, 20);
	tb_down(tb, 20);
	CHECK_INT(tb_cursor(tb), 11);
	sb_free(&sb);
	tb_free(tb);
}

TEST(scrolling)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 5000; i++)
		sb_printf(&sb, "line %d\n", i);
	sb_puts(&sb, "last");
	textbuf *tb = mk(sb.s, sb.len);
	tb_row v[15];
	int cr, cc;
	int n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(n, 15);
	CHECK_INT(cr, 14);
	CHECK_INT(cc, 4);
	char row[64] = "";
	tb_copy(tb, v[14].start, v[14].end, row);
	CHECK_STR(row, "last");
	memset(row, 0, sizeof row);
	tb_copy(tb, v[0].start, v[0].end, row);
	CHECK_STR(row, "line 4986");
	/* moving up inside the window does not scroll */
	for (int i = 0; i < 14; i++)
		tb_up(tb, 60);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(cr, 0);
	memset(row, 0, sizeof row);
	tb_copy(tb, v[0].start, v[0].end, row);
	CHECK_STR(row, "line 4986");
	/* one more scrolls by one row */
	tb_up(tb, 60);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(cr, 0);
	memset(row, 0, sizeof row);
	tb_copy(tb, v[0].start, v[0].end, row);
	CHECK_STR(row, "line 4985");
	tb_top(tb);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(n, 15);
	CHECK_INT(cr, 0);
	CHECK_INT(cc, 0);
	CHECK_INT(v[0].start, 0);
	CHECK_INT(v[1].start, 7);
	/* back to the end after top: the last rows again */
	tb_bottom(tb);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(cr, 14);
	CHECK_INT(v[14].start, sb.len - 4);
	/* an edit above the top row keeps the window on the same text */
	tb_set_cursor(tb, sb.len - 20);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	size_t top_before = v[0].start;
	tb_set_cursor(tb, 0);
	/* no layout: the cursor is at 0 but insert then go back */
	ins(tb, "NEW\n");
	tb_set_cursor(tb, sb.len - 20 + 4);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK_INT(v[0].start, top_before + 4);
	/* deleting text that holds the top row re-anchors it to a row start */
	tb_set_text(tb, sb.s, sb.len, sb.len);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	size_t top = v[0].start;
	tb_set_cursor(tb, top + 3);
	tb_cut_to_bol(tb);
	tb_cut_word_back(tb);               /* eats the '\n' and the word before */
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	CHECK(v[0].start == 0 || tb_byte(tb, v[0].start - 1) == '\n');
	CHECK(check_window(tb, 60, 15) == NULL);
	/* a narrower window re-wraps; the cursor stays in view */
	tb_set_text(tb, sb.s, sb.len, sb.len / 2);
	tb_layout(tb, 60, 15, v, &cr, &cc);
	n = tb_layout(tb, 3, 15, v, &cr, &cc);
	CHECK(check_window(tb, 3, 15) == NULL);
	CHECK_INT(n, 15);
	sb_free(&sb);
	tb_free(tb);
}

/* A 1 MB text of words (some Swedish, CJK, emoji); nl_every > 0 puts a
 * newline after every nl_every words. */
static char *make_note(size_t size, int nl_every, size_t *lenp)
{
	static const char *words[] = { "the", "interview", "went", "well", "\xC3\xA5r",
		"\xC3\xB6verl\xC3\xA4mning", "\xE6\xBC\xA2\xE5\xAD\x97", "ok" GRIN,
		"caf" E_ACUTE, "manager", "reorganisation", "a", "supercalifragilistic" };
	strbuf sb = STRBUF_INIT;
	unsigned x = 12345;
	int count = 0;
	while (sb.len < size) {
		x = x * 1103515245u + 12345u;
		sb_puts(&sb, words[(x >> 16) % EV_ARRAY_LEN(words)]);
		count++;
		sb_putc(&sb, nl_every && count % nl_every == 0 ? '\n' : ' ');
	}
	*lenp = sb.len;
	return sb_detach(&sb);
}

static const char *big_typing(int nl_every, const char *label)
{
	static char why[128];
	size_t len;
	char *note = make_note(1u << 20, nl_every, &len);
	textbuf *tb = tb_new();
	tb_set_text(tb, note, len, len / 2);
	size_t at = tb_cursor(tb);
	tb_row v[15];
	int cr, cc;
	double t0 = now_us();
	tb_layout(tb, 60, 15, v, &cr, &cc);
	double t1 = now_us();
	for (int i = 0; i < 100; i++) {
		tb_insert(tb, i % 10 == 9 ? " " : "x", 1);
		tb_layout(tb, 60, 15, v, &cr, &cc);
	}
	double t2 = now_us();
	printf("# 1MB %s: first layout %.0f us; insert at middle + layout: %.1f us per key\n",
	       label, t1 - t0, (t2 - t1) / 100);
	/* the text is right */
	char *all = tb_text(tb, NULL);
	const char *bad = NULL;
	if (tb_len(tb) != len + 100 || memcmp(all, note, at) != 0 ||
	    memcmp(all + at + 100, note + at, len - at) != 0)
		bad = "text differs";
	for (int i = 0; !bad && i < 100; i++)
		if (all[at + (size_t)i] != (i % 10 == 9 ? ' ' : 'x'))
			bad = "typed text differs";
	/* the window agrees with a fresh buffer's wrap of the same text */
	textbuf *ref = tb_new();
	tb_set_text(ref, all, tb_len(tb), tb_cursor(tb));
	tb_row rv[15];
	int rcr, rcc;
	tb_layout(ref, 60, 15, rv, &rcr, &rcc);
	if (!bad && (rv[rcr].start != v[cr].start || rv[rcr].end != v[cr].end || rcc != cc))
		bad = "cursor row differs from a fresh wrap";
	if (!bad)
		bad = check_window(tb, 60, 15);
	/* Enter in the middle, then more typing: the window shows the end of
	 * one long paragraph and the start of the next */
	tb_insert(tb, "\n", 1);
	t0 = now_us();
	for (int i = 0; i < 100; i++) {
		tb_insert(tb, "y", 1);
		tb_layout(tb, 60, 15, v, &cr, &cc);
	}
	t1 = now_us();
	printf("# 1MB %s: after Enter in the middle: %.1f us per key\n", label, (t1 - t0) / 100);
	free(all);
	all = tb_text(tb, NULL);
	tb_set_text(ref, all, tb_len(tb), tb_cursor(tb));
	tb_layout(ref, 60, 15, rv, &rcr, &rcc);
	if (!bad && (rv[rcr].start != v[cr].start || rv[rcr].end != v[cr].end || rcc != cc || cr != 14))
		bad = "after Enter: cursor row differs from a fresh wrap";
	if (!bad && v[0].start + 1 >= tb_cursor(tb))
		bad = "after Enter: rows above not shown";
	if (!bad)
		bad = check_window(tb, 60, 15);
	/* to the end and back */
	tb_bottom(tb);
	t0 = now_us();
	int n = tb_layout(tb, 60, 15, v, &cr, &cc);
	t1 = now_us();
	if (!bad && (cr != n - 1 || v[cr].end != tb_len(tb)))
		bad = "end not shown";
	for (int i = 0; i < 100; i++)
		tb_up(tb, 60);
	tb_layout(tb, 60, 15, v, &cr, &cc);
	t2 = now_us();
	if (!bad && cr != 0)
		bad = "up did not scroll";
	tb_top(tb);
	n = tb_layout(tb, 60, 15, v, &cr, &cc);
	if (!bad && (v[0].start != 0 || cr != 0 || n != 15))
		bad = "top not shown";
	if (!bad)
		bad = check_window(tb, 60, 15);
	printf("# 1MB %s: bottom + layout %.0f us; 100 x up + layout %.0f us\n",
	       label, t1 - t0, t2 - t1);
	if (bad) {
		snprintf(why, sizeof why, "%s: %s", label, bad);
		bad = why;
	}
	free(all);
	free(note);
	tb_free(ref);
	tb_free(tb);
	return bad;
}

TEST(big_one_paragraph)
{
	const char *bad = big_typing(0, "one paragraph");
	CHECK_STR(bad ? bad : "", "");
}

TEST(big_many_paragraphs)
{
	const char *bad = big_typing(9, "many paragraphs");
	CHECK_STR(bad ? bad : "", "");
}

/* Random edits on a long paragraph (row cache in play) and short ones;
 * after each step the cursor's row must equal a fresh buffer's. */
TEST(random_edits_match_fresh_wrap)
{
	static const char *pieces[] = { "a", "bc ", " ", "  ", "word ", "\xC3\xA5",
		"\xE6\xBC\xA2", GRIN, "\xCC\x81", "\n", "longerwordthanthewidth", "x y z" };
	size_t len;
	char *note = make_note(30000, 0, &len);
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "short one\nand two\n");
	sb_add(&sb, note, len);
	sb_puts(&sb, "\nafter\n");
	free(note);
	textbuf *tb = mk(sb.s, 18 + 15000);
	textbuf *ref = tb_new();
	unsigned x = 777;
	int widths[] = { 17, 17, 17, 9, 40 };
	for (int step = 0; step < 1500; step++) {
		x = x * 1103515245u + 12345u;
		unsigned r = (x >> 16) % 100;
		int w = widths[(x >> 8) % EV_ARRAY_LEN(widths)];
		if (r < 45)
			ins(tb, pieces[(x >> 4) % EV_ARRAY_LEN(pieces)]);
		else if (r < 55)
			tb_backspace(tb);
		else if (r < 60)
			tb_delete(tb);
		else if (r < 70)
			tb_down(tb, w);
		else if (r < 80)
			tb_up(tb, w);
		else if (r < 84)
			tb_cut_word_back(tb);
		else if (r < 86)
			tb_yank(tb);
		else if (r < 90)
			tb_set_cursor(tb, (x >> 3) % (tb_len(tb) + 1));
		else if (r < 94)
			tb_page_down(tb, w, 8);
		else if (r < 97)
			tb_page_up(tb, w, 8);
		else
			tb_end(tb, w);
		tb_row v[8], rv[8];
		int cr, cc, rcr, rcc;
		tb_layout(tb, w, 8, v, &cr, &cc);
		size_t n;
		char *all = tb_text(tb, &n);
		CHECK(utf8_valid(all, n, NULL));
		tb_set_text(ref, all, n, tb_cursor(tb));
		free(all);
		CHECK_INT(tb_cursor(ref), tb_cursor(tb));   /* never inside a character */
		tb_layout(ref, w, 8, rv, &rcr, &rcc);
		if (rv[rcr].start != v[cr].start || rv[rcr].end != v[cr].end || rcc != cc) {
			printf("FAIL random_edits_match_fresh_wrap: step %d width %d: row %zu-%zu col %d,"
			       " fresh %zu-%zu col %d\n", step, w, v[cr].start, v[cr].end, cc,
			       rv[rcr].start, rv[rcr].end, rcc);
			unit_failed_now = 1;
			break;
		}
		const char *bad = check_window(tb, w, 8);
		CHECK_STR(bad ? bad : "", "");
		/* the home of a random position agrees too */
		size_t p = (x >> 5) % (tb_len(tb) + 1);
		size_t save = tb_cursor(tb);
		tb_set_cursor(tb, p);
		tb_set_cursor(ref, p);
		tb_home(tb, w);
		tb_home(ref, w);
		CHECK_INT(tb_cursor(tb), tb_cursor(ref));
		tb_set_cursor(tb, save);
	}
	sb_free(&sb);
	tb_free(ref);
	tb_free(tb);
}

/* ---------- undo and redo ---------- */

/* Type s one code point at a time, as keys arrive. */
static void typ(textbuf *tb, const char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		tb_insert(tb, s + i, n);
		i += n;
	}
}

/* True if the cursor is where tb_set_cursor would snap it in a fresh
 * buffer with the same text (on a cluster boundary). */
static bool on_boundary(const textbuf *tb)
{
	size_t len;
	char *all = tb_text(tb, &len);
	textbuf *ref = tb_new();
	tb_set_text(ref, all, len, 0);
	tb_set_cursor(ref, tb_cursor(tb));
	bool ok = tb_cursor(ref) == tb_cursor(tb);
	tb_free(ref);
	free(all);
	return ok;
}

TEST(undo_typing_words)
{
	textbuf *tb = tb_new();
	CHECK(!tb_undo(tb));
	typ(tb, "two words");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "two ");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	CHECK_INT(tb_cursor(tb), 0);
	CHECK(!tb_undo(tb));
	/* several blanks and a tab stay with the word before them */
	typ(tb, "a  \tb");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a  \t");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	/* blanks first: they are a step of their own */
	typ(tb, "  x");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "  ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	/* typing in the middle: the cursor goes back to where the word began */
	tb_set_text(tb, "hello world", strlen("hello world"), 5);
	typ(tb, ", dear");
	CHECK_STR(txt(tb), "hello, dear world");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "hello,  world");
	CHECK_INT(tb_cursor(tb), 7);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "hello world");
	CHECK_INT(tb_cursor(tb), 5);
	CHECK(!tb_undo(tb));
	tb_free(tb);
}

TEST(undo_redo_after_undo)
{
	textbuf *tb = tb_new();
	CHECK(!tb_redo(tb));
	typ(tb, "one two three");
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one ");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one two ");
	CHECK_INT(tb_cursor(tb), 8);
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one two three");
	CHECK_INT(tb_cursor(tb), 13);
	CHECK(!tb_redo(tb));
	/* back and forth */
	CHECK(tb_undo(tb));
	CHECK(tb_redo(tb));
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one ");
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one two ");
	/* moves and no-op edits keep what can be redone */
	tb_top(tb);
	tb_backspace(tb);
	tb_undo_break(tb);
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one two three");
	CHECK_INT(tb_cursor(tb), 13);
	tb_free(tb);
}

TEST(undo_new_edit_clears_redo)
{
	textbuf *tb = tb_new();
	typ(tb, "one two");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one ");
	typ(tb, "x");
	CHECK(!tb_redo(tb));
	CHECK_STR(txt(tb), "one x");
	/* the x is a step of its own: it did not join the step undone before */
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	CHECK(!tb_undo(tb));
	/* every kind of edit drops the redo list */
	tb_set_text(tb, "abc def", strlen("abc def"), 7);
	typ(tb, "!");
	CHECK(tb_undo(tb));
	tb_backspace(tb);
	CHECK(!tb_redo(tb));
	CHECK(tb_undo(tb));
	tb_cut_word_back(tb);
	CHECK(!tb_redo(tb));
	CHECK(tb_undo(tb));
	tb_yank(tb);
	CHECK(!tb_redo(tb));
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc def");
	tb_top(tb);
	tb_delete(tb);
	CHECK(tb_undo(tb));
	ins(tb, "pasted");
	CHECK(!tb_redo(tb));
	tb_free(tb);
}

TEST(undo_backspace_run)
{
	textbuf *tb = mk("hello world", 11);
	for (int i = 0; i < 5; i++)
		tb_backspace(tb);
	CHECK_STR(txt(tb), "hello ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "hello world");
	CHECK_INT(tb_cursor(tb), 11);
	CHECK(!tb_undo(tb));
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "hello ");
	CHECK_INT(tb_cursor(tb), 6);
	/* a run through a newline and over the start */
	tb_set_text(tb, "ab\ncd", strlen("ab\ncd"), 5);
	for (int i = 0; i < 9; i++)
		tb_backspace(tb);
	CHECK_STR(txt(tb), "");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ab\ncd");
	CHECK_INT(tb_cursor(tb), 5);
	CHECK(!tb_undo(tb));
	/* a move in between splits the run */
	tb_set_text(tb, "abcdef", strlen("abcdef"), 6);
	tb_backspace(tb);
	tb_backspace(tb);
	tb_left(tb);
	tb_right(tb);
	tb_backspace(tb);
	CHECK_STR(txt(tb), "abc");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abcd");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abcdef");
	CHECK_INT(tb_cursor(tb), 6);
	/* typing and Backspace are steps apart */
	tb_set_text(tb, "", 0, 0);
	typ(tb, "abc");
	tb_backspace(tb);
	typ(tb, "d");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ab");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	tb_free(tb);
}

TEST(undo_delete_run)
{
	textbuf *tb = mk("hello world", 0);
	for (int i = 0; i < 6; i++)
		tb_delete(tb);
	CHECK_STR(txt(tb), "world");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "hello world");
	CHECK_INT(tb_cursor(tb), 0);
	CHECK(!tb_undo(tb));
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "world");
	CHECK_INT(tb_cursor(tb), 0);
	/* Backspace then Delete: two steps */
	tb_set_text(tb, "abcd", strlen("abcd"), 2);
	tb_backspace(tb);
	tb_delete(tb);
	CHECK_STR(txt(tb), "ad");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "acd");
	CHECK_INT(tb_cursor(tb), 1);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abcd");
	CHECK_INT(tb_cursor(tb), 2);
	/* Delete at the end does nothing and records nothing */
	tb_set_text(tb, "ab", strlen("ab"), 2);
	tb_delete(tb);
	CHECK(!tb_undo(tb));
	tb_free(tb);
}

TEST(undo_newline_step)
{
	textbuf *tb = tb_new();
	typ(tb, "ab\ncd");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ab\n");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ab");
	CHECK_INT(tb_cursor(tb), 2);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	CHECK(!tb_undo(tb));
	/* two Enters are two steps, CR LF from a key is one newline */
	typ(tb, "a");
	tb_insert(tb, "\r\n", 2);
	typ(tb, "\n");
	CHECK_STR(txt(tb), "a\n\n");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a\n");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a");
	/* a blank after Enter does not join it */
	typ(tb, "\n ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a\n");
	tb_free(tb);
}

TEST(undo_cuts)
{
	/* Ctrl-K: each cut is a step, even when the kill buffer appends */
	textbuf *tb = mk("one two three\nfour", 4);
	tb_cut_to_eol(tb);
	tb_cut_to_eol(tb);
	CHECK_STR(txt(tb), "one four");
	CHECK_STR(tb_kill_text(tb), "two three\n");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one \nfour");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK_STR(tb_kill_text(tb), "two three\n");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one two three\nfour");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK_STR(tb_kill_text(tb), "two three\n");
	CHECK(!tb_undo(tb));
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "one \nfour");
	CHECK_STR(tb_kill_text(tb), "two three\n");
	/* a cut after an undo starts a new kill (it is not consecutive) */
	CHECK(tb_undo(tb));
	tb_cut_to_eol(tb);
	CHECK_STR(tb_kill_text(tb), "two three");
	/* Ctrl-U: the cursor goes back to the end of what came back */
	tb_set_text(tb, "hello world", strlen("hello world"), 6);
	tb_cut_to_bol(tb);
	CHECK_STR(txt(tb), "world");
	CHECK_STR(tb_kill_text(tb), "hello ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "hello world");
	CHECK_INT(tb_cursor(tb), 6);
	CHECK_STR(tb_kill_text(tb), "hello ");
	CHECK(!tb_undo(tb));
	/* Ctrl-W */
	tb_set_text(tb, "one two three", strlen("one two three"), 13);
	tb_cut_word_back(tb);
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "one ");
	CHECK_STR(tb_kill_text(tb), "two three");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one two ");
	CHECK_INT(tb_cursor(tb), 8);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "one two three");
	CHECK_INT(tb_cursor(tb), 13);
	CHECK(!tb_undo(tb));
	CHECK_STR(tb_kill_text(tb), "two three");
	/* the kill buffer still yanks after undo and redo */
	CHECK(tb_redo(tb));
	CHECK(tb_redo(tb));
	tb_yank(tb);
	CHECK_STR(txt(tb), "one two three");
	tb_free(tb);
}

TEST(undo_yank)
{
	textbuf *tb = mk("abc def", 7);
	tb_cut_word_back(tb);
	tb_yank(tb);
	tb_yank(tb);
	CHECK_STR(txt(tb), "abc defdef");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc def");
	CHECK_INT(tb_cursor(tb), 7);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc ");
	CHECK_INT(tb_cursor(tb), 4);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc def");
	CHECK(!tb_undo(tb));
	CHECK_STR(tb_kill_text(tb), "def");
	/* typing after a yank is its own step */
	tb_yank(tb);
	typ(tb, "x");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc defdef");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc def");
	/* a one-character kill yanked is still a yank, not typing */
	tb_set_text(tb, "ab", 2, 2);
	tb_backspace(tb);
	tb_cut_to_bol(tb);                  /* kill "a" */
	typ(tb, "q");
	tb_yank(tb);
	typ(tb, "r");
	CHECK_STR(txt(tb), "qar");
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "q");
	tb_free(tb);
}

TEST(undo_paste)
{
	textbuf *tb = mk("[]", 1);
	typ(tb, "x");
	ins(tb, "pasted text");
	ins(tb, "more");
	typ(tb, "y");
	CHECK_STR(txt(tb), "[xpasted textmorey]");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[xpasted textmore]");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[xpasted text]");
	CHECK_INT(tb_cursor(tb), 13);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[x]");
	CHECK_INT(tb_cursor(tb), 2);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[]");
	CHECK(!tb_undo(tb));
	/* what is recorded is the cleaned text */
	tb_insert(tb, "a\r\nb\x01\xff" "c", 7);
	CHECK_STR(txt(tb), "[a\nb\xEF\xBF\xBD" "c]");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[]");
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "[a\nb\xEF\xBF\xBD" "c]");
	CHECK_INT(tb_cursor(tb), 8);
	/* a paste that cleans to nothing records nothing */
	tb_insert(tb, "\x01\x02", 2);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[]");
	/* one character with its marks is typing; two characters are a paste */
	typ(tb, "a");
	ins(tb, E_ACUTE);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[]");
	typ(tb, "a");
	ins(tb, "bc");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "[a]");
	tb_free(tb);
}

static void mv_home(textbuf *tb) { tb_home(tb, 20); }
static void mv_end(textbuf *tb) { tb_end(tb, 20); }
static void mv_up(textbuf *tb) { tb_up(tb, 20); }
static void mv_down(textbuf *tb) { tb_down(tb, 20); }
static void mv_page_up(textbuf *tb) { tb_page_up(tb, 20, 5); }
static void mv_page_down(textbuf *tb) { tb_page_down(tb, 20, 5); }
static void mv_set(textbuf *tb) { tb_set_cursor(tb, tb_cursor(tb)); }

TEST(undo_move_splits_typing)
{
	static const struct { const char *name; void (*fn)(textbuf *); } moves[] = {
		{ "left", tb_left }, { "right", tb_right }, { "word_left", tb_word_left },
		{ "word_right", tb_word_right }, { "home", mv_home }, { "end", mv_end },
		{ "line_start", tb_line_start }, { "line_end", tb_line_end }, { "top", tb_top },
		{ "bottom", tb_bottom }, { "up", mv_up }, { "down", mv_down },
		{ "page_up", mv_page_up }, { "page_down", mv_page_down }, { "set_cursor", mv_set },
	};
	textbuf *tb = tb_new();
	for (size_t i = 0; i < EV_ARRAY_LEN(moves); i++) {
		/* most of these leave the cursor at the end: typing would go on */
		tb_set_text(tb, "", 0, 0);
		typ(tb, "ab");
		moves[i].fn(tb);
		typ(tb, "cd");
		bool one = tb_undo(tb) && strcmp(txt(tb), "ab") == 0;
		bool two = one && tb_undo(tb) && strcmp(txt(tb), "") == 0 && !tb_undo(tb);
		if (!two) {
			printf("FAIL undo_move_splits_typing: %s did not end the step\n", moves[i].name);
			unit_failed_now = 1;
			break;
		}
	}
	/* the same for a run of Backspaces and of Deletes */
	tb_set_text(tb, "abcd", 4, 4);
	tb_backspace(tb);
	tb_end(tb, 20);
	tb_backspace(tb);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc");
	tb_set_text(tb, "abcd", 4, 0);
	tb_delete(tb);
	tb_line_start(tb);
	tb_delete(tb);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "bcd");
	/* the layout is not a move */
	tb_set_text(tb, "", 0, 0);
	typ(tb, "ab");
	tb_row v[4];
	int cr, cc;
	tb_layout(tb, 20, 4, v, &cr, &cc);
	typ(tb, "cd");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	tb_free(tb);
}

TEST(undo_break)
{
	textbuf *tb = tb_new();
	typ(tb, "ab");
	tb_undo_break(tb);
	typ(tb, "cd");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ab");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	/* Backspaces too */
	tb_set_text(tb, "abcd", 4, 4);
	tb_backspace(tb);
	tb_undo_break(tb);
	tb_backspace(tb);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "abc");
	/* a break changes nothing else: no generation, redo kept */
	uint64_t g = tb_generation(tb);
	tb_undo_break(tb);
	tb_undo_break(tb);
	CHECK(tb_generation(tb) == g);
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "ab");
	tb_free(tb);
}

TEST(undo_utf8)
{
	/* å å space, 漢字 space, e + U+0301 typed as two keys */
	const char *all = "\xC3\xA5\xC3\xA5 \xE6\xBC\xA2\xE5\xAD\x97 e\xCC\x81";
	textbuf *tb = tb_new();
	typ(tb, all);
	CHECK_STR(txt(tb), all);
	CHECK_INT(tb_cursor(tb), 15);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "\xC3\xA5\xC3\xA5 \xE6\xBC\xA2\xE5\xAD\x97 ");
	CHECK_INT(tb_cursor(tb), 12);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "\xC3\xA5\xC3\xA5 ");
	CHECK_INT(tb_cursor(tb), 5);
	CHECK(tb_redo(tb));
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), all);
	CHECK_INT(tb_cursor(tb), 15);
	/* Backspace takes é whole; undo gives it back whole */
	tb_backspace(tb);
	tb_backspace(tb);
	CHECK_STR(txt(tb), "\xC3\xA5\xC3\xA5 \xE6\xBC\xA2\xE5\xAD\x97");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), all);
	CHECK_INT(tb_cursor(tb), 15);
	/* Delete of two CJK characters in the middle */
	tb_set_cursor(tb, 5);
	tb_delete(tb);
	tb_delete(tb);
	CHECK_STR(txt(tb), "\xC3\xA5\xC3\xA5  e\xCC\x81");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), all);
	CHECK_INT(tb_cursor(tb), 5);
	CHECK(on_boundary(tb));
	/* Ctrl-W over a word with a mark and an emoji */
	tb_set_text(tb, "ok caf" E_ACUTE GRIN, strlen("ok caf" E_ACUTE GRIN), 13);
	tb_cut_word_back(tb);
	CHECK_STR(txt(tb), "ok ");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "ok caf" E_ACUTE GRIN);
	CHECK_INT(tb_cursor(tb), 13);
	/* a base typed before a leading mark joins it: undo parts them again */
	tb_set_text(tb, "\xCC\x81q", 3, 0);
	typ(tb, "e");
	CHECK_STR(txt(tb), E_ACUTE "q");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "\xCC\x81q");
	CHECK_INT(tb_cursor(tb), 0);
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), E_ACUTE "q");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(on_boundary(tb));
	/* Backspace of a '\n' glues the mark after it to the character before */
	tb_set_text(tb, "a\n\xCC\x81", 4, 2);
	tb_backspace(tb);
	CHECK_STR(txt(tb), "a\xCC\x81");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a\n\xCC\x81");
	CHECK_INT(tb_cursor(tb), 2);
	CHECK(on_boundary(tb));
	CHECK(tb_redo(tb));
	CHECK_STR(txt(tb), "a\xCC\x81");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(on_boundary(tb));
	/* the same with Delete */
	tb_set_text(tb, "a\n\xCC\x81z", 5, 1);
	tb_delete(tb);
	CHECK_STR(txt(tb), "a\xCC\x81z");
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "a\n\xCC\x81z");
	CHECK_INT(tb_cursor(tb), 1);
	CHECK(tb_redo(tb));
	CHECK_INT(tb_cursor(tb), 3);
	CHECK(on_boundary(tb));
	tb_free(tb);
}

TEST(undo_generation)
{
	textbuf *tb = tb_new();
	uint64_t g = tb_generation(tb);
	CHECK(!tb_undo(tb));
	CHECK(!tb_redo(tb));
	CHECK(tb_generation(tb) == g);
	typ(tb, "ab");
	g = tb_generation(tb);
	CHECK(tb_undo(tb));
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	CHECK(!tb_undo(tb));
	CHECK(tb_generation(tb) == g);
	CHECK_STR(txt(tb), "");
	CHECK(tb_redo(tb));
	CHECK(tb_generation(tb) > g);
	g = tb_generation(tb);
	CHECK(!tb_redo(tb));
	CHECK(tb_generation(tb) == g);
	CHECK_STR(txt(tb), "ab");
	/* back at the saved text by undo is still a change (the counter never
	 * goes back) */
	typ(tb, "c");
	CHECK(tb_undo(tb));
	CHECK(tb_generation(tb) > g);
	/* a loaded text has nothing to undo */
	tb_set_text(tb, "x", 1, 1);
	g = tb_generation(tb);
	CHECK(!tb_undo(tb));
	CHECK(!tb_redo(tb));
	CHECK(tb_generation(tb) == g);
	CHECK_STR(txt(tb), "x");
	tb_free(tb);
}

TEST(undo_set_text_clears)
{
	textbuf *tb = tb_new();
	typ(tb, "ab cd");
	CHECK(tb_undo(tb));                 /* one to undo, one to redo */
	tb_set_text(tb, "new", 3, 3);
	CHECK(!tb_undo(tb));
	CHECK(!tb_redo(tb));
	CHECK_STR(txt(tb), "new");
	CHECK_INT(tb_cursor(tb), 3);
	typ(tb, "!");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "new");
	CHECK(!tb_undo(tb));
	/* typing right after tb_set_text does not join what came before it */
	typ(tb, "x");
	tb_set_text(tb, "new", 3, 3);
	typ(tb, "y");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "new");
	CHECK(!tb_undo(tb));
	tb_free(tb);
}

TEST(undo_step_bound)
{
	textbuf *tb = tb_new();
	for (int i = 0; i < TB_UNDO_STEPS + 5; i++)
		typ(tb, "ab ");                 /* each word is a step */
	int n = 0;
	while (tb_undo(tb))
		n++;
	CHECK_INT(n, TB_UNDO_STEPS);
	CHECK_STR(txt(tb), "ab ab ab ab ab ");
	CHECK_INT(tb_cursor(tb), 15);
	n = 0;
	while (tb_redo(tb))
		n++;
	CHECK_INT(n, TB_UNDO_STEPS);
	CHECK_INT(tb_len(tb), 3 * (TB_UNDO_STEPS + 5));
	/* still bounded after undoing and editing again */
	for (int i = 0; i < 10; i++)
		CHECK(tb_undo(tb));
	for (int i = 0; i < 20; i++) {
		tb_insert(tb, "x", 1);
		tb_undo_break(tb);
	}
	n = 0;
	while (tb_undo(tb))
		n++;
	CHECK_INT(n, TB_UNDO_STEPS);
	tb_free(tb);
}

TEST(undo_byte_bound)
{
	size_t mb = (size_t)1 << 20;
	char *p = malloc(mb);
	for (size_t i = 0; i < mb; i++)
		p[i] = i % 70 == 69 ? '\n' : (char)('a' + i % 26);
	textbuf *tb = tb_new();
	for (int k = 0; k < 5; k++) {
		p[0] = (char)('0' + k);
		tb_insert(tb, p, mb);
	}
	CHECK_INT(tb_len(tb), 5 * mb);
	/* 4 MB of the newest four pastes kept, the first one dropped */
	int n = 0;
	while (tb_undo(tb))
		n++;
	CHECK_INT(n, 4);
	CHECK_INT(tb_len(tb), mb);
	CHECK_INT(tb_byte(tb, 0), '0');
	CHECK_INT(tb_cursor(tb), mb);
	n = 0;
	while (tb_redo(tb))
		n++;
	CHECK_INT(n, 4);
	CHECK_INT(tb_len(tb), 5 * mb);
	for (int k = 0; k < 5; k++)
		CHECK_INT(tb_byte(tb, (size_t)k * mb), '0' + k);
	/* small steps after big ones push the big ones out */
	typ(tb, "x");
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK_INT(tb_len(tb), 4 * mb);
	tb_free(tb);

	/* one edit bigger than the whole history cannot be undone, and takes
	 * what came before it along */
	size_t big = TB_UNDO_BYTES + 1;
	char *q = malloc(big);
	memset(q, 'z', big);
	tb = mk("ab", 2);
	typ(tb, "cd");
	tb_insert(tb, q, big);
	CHECK(!tb_undo(tb));
	CHECK_INT(tb_len(tb), 4 + big);
	typ(tb, " ef");                     /* edits after it can */
	CHECK(tb_undo(tb));
	CHECK(tb_undo(tb));
	CHECK_INT(tb_len(tb), 4 + big);
	CHECK(!tb_undo(tb));
	/* the same for a cut, and the kill buffer still has it */
	tb_line_end(tb);
	tb_cut_to_bol(tb);
	CHECK_INT(tb_len(tb), 0);
	CHECK_INT(strlen(tb_kill_text(tb)), 4 + big);
	CHECK(!tb_undo(tb));
	free(q);
	free(p);
	tb_free(tb);
}

/* NULL if every row of tb's window (width x rows) and the cursor's row and
 * column are what a fresh buffer with the same text makes of them, and if
 * Up and Down from there go where they go in the fresh buffer. */
static const char *same_as_fresh(textbuf *tb, int width, int rows)
{
	static char why[160];
	tb_row v[32], rv[32];
	int cr, cc, rcr, rcc;
	size_t len;
	char *all = tb_text(tb, &len);
	textbuf *ref = tb_new();
	const char *bad = check_window(tb, width, rows);
	int n = tb_layout(tb, width, rows, v, &cr, &cc);
	for (int i = 0; !bad && i < n; i++) {
		tb_set_text(ref, all, len, v[i].start);
		tb_layout(ref, width, rows, rv, &rcr, &rcc);
		if (rv[rcr].start != v[i].start || rv[rcr].end != v[i].end) {
			snprintf(why, sizeof why, "row %d is %zu-%zu, fresh %zu-%zu", i, v[i].start,
			         v[i].end, rv[rcr].start, rv[rcr].end);
			bad = why;
		}
	}
	tb_set_text(ref, all, len, tb_cursor(tb));
	tb_layout(ref, width, rows, rv, &rcr, &rcc);
	if (!bad && (rv[rcr].start != v[cr].start || rcc != cc))
		bad = "cursor row or column differs";
	tb_set_cursor(tb, tb_cursor(tb));   /* no goal column from an earlier call */
	tb_up(tb, width);
	tb_up(ref, width);
	if (!bad && tb_cursor(tb) != tb_cursor(ref)) {
		snprintf(why, sizeof why, "up goes to %zu, fresh %zu", tb_cursor(tb), tb_cursor(ref));
		bad = why;
	}
	tb_down(tb, width);
	tb_down(tb, width);
	tb_down(ref, width);
	tb_down(ref, width);
	if (!bad && tb_cursor(tb) != tb_cursor(ref))
		bad = "down goes elsewhere";
	if (!bad)
		bad = check_window(tb, width, rows);
	free(all);
	tb_free(ref);
	return bad;
}

TEST(undo_layout_consistent)
{
	size_t len;
	char *note = make_note(20000, 0, &len);
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 30; i++)
		sb_printf(&sb, "line %d of the short ones\n", i);
	sb_add(&sb, note, len);
	sb_puts(&sb, "\nthe end\n");
	free(note);
	textbuf *tb = mk(sb.s, sb.len / 2);
	const char *bad = same_as_fresh(tb, 30, 10);
	CHECK_STR(bad ? bad : "", "");
	/* edits in the long paragraph and across paragraphs */
	typ(tb, "some words typed here ");
	CHECK(check_window(tb, 30, 10) == NULL);
	typ(tb, "\n");
	typ(tb, "a new paragraph");
	tb_cut_word_back(tb);
	tb_up(tb, 30);
	tb_cut_to_eol(tb);
	tb_cut_to_eol(tb);
	for (int i = 0; i < 7; i++)
		tb_backspace(tb);
	tb_yank(tb);
	tb_set_cursor(tb, 100);
	ins(tb, "pasted\nlines\nhere ");
	tb_page_down(tb, 30, 10);
	for (int i = 0; i < 5; i++)
		tb_delete(tb);
	bad = same_as_fresh(tb, 30, 10);
	CHECK_STR(bad ? bad : "", "");
	/* undo all of it, checking the window after each step, then redo */
	int steps = 0;
	while (tb_undo(tb)) {
		steps++;
		bad = same_as_fresh(tb, 30, 10);
		CHECK_STR(bad ? bad : "", "");
		bad = same_as_fresh(tb, 12, 5);
		CHECK_STR(bad ? bad : "", "");
	}
	CHECK_INT(steps, 15);               /* 4 words, Enter, 3 words, 3 cuts, 4 more */
	CHECK_STR(txt(tb), sb.s);
	while (tb_redo(tb)) {
		bad = same_as_fresh(tb, 30, 10);
		CHECK_STR(bad ? bad : "", "");
	}
	sb_free(&sb);
	tb_free(tb);
}

TEST(scrolled)
{
	textbuf *tb = tb_new();
	CHECK(!tb_scrolled(tb));
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 100; i++)
		sb_printf(&sb, "line %d\n", i);
	tb_set_text(tb, sb.s, sb.len, 0);
	tb_row v[5];
	int cr, cc;
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(!tb_scrolled(tb));
	tb_bottom(tb);
	CHECK(!tb_scrolled(tb));            /* the last layout's top row */
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(tb_scrolled(tb));
	tb_top(tb);
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(!tb_scrolled(tb));
	tb_page_down(tb, 20, 5);
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(tb_scrolled(tb));
	/* a short text in a window of many rows does not scroll */
	tb_set_text(tb, "one\ntwo\nthree", strlen("one\ntwo\nthree"), 13);
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(!tb_scrolled(tb));
	/* a new text starts at the top */
	tb_set_text(tb, sb.s, sb.len, sb.len);
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(tb_scrolled(tb));
	tb_set_text(tb, sb.s, sb.len, sb.len);
	CHECK(!tb_scrolled(tb));
	/* undoing a long paste brings the window back to the top */
	tb_set_text(tb, "", 0, 0);
	ins(tb, sb.s);
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(tb_scrolled(tb));
	CHECK(tb_undo(tb));
	tb_layout(tb, 20, 5, v, &cr, &cc);
	CHECK(!tb_scrolled(tb));
	sb_free(&sb);
	tb_free(tb);
}

/* The text and cursor around one change, for the random model. */
typedef struct snap {
	char *before, *after;
	size_t cur_before, cur_after;
} snap;

/* One random edit or move (no undo); x is the generator's state. */
static void random_op(textbuf *tb, unsigned x)
{
	static const char *keys[] = { "a", "b", "z", " ", " ", "\t", "\n", "\xC3\xA5",
		"\xE6\xBC\xA2", "\xCC\x81", GRIN };
	static const char *pastes[] = { "word ", "two\nlines", "x\r\ny", "\xFF\x01z",
		E_ACUTE "-", " \xE5\xAD\x97 " };
	unsigned r = (x >> 16) % 100;
	if (r < 45)
		ins(tb, keys[(x >> 4) % EV_ARRAY_LEN(keys)]);
	else if (r < 52)
		ins(tb, pastes[(x >> 4) % EV_ARRAY_LEN(pastes)]);
	else if (r < 62)
		tb_backspace(tb);
	else if (r < 68)
		tb_delete(tb);
	else if (r < 71)
		tb_cut_to_eol(tb);
	else if (r < 73)
		tb_cut_to_bol(tb);
	else if (r < 76)
		tb_cut_word_back(tb);
	else if (r < 79) {
		if (tb_len(tb) < 4000)
			tb_yank(tb);
	} else if (r < 83)
		tb_left(tb);
	else if (r < 86)
		tb_right(tb);
	else if (r < 89)
		tb_up(tb, 11);
	else if (r < 92)
		tb_down(tb, 11);
	else if (r < 95)
		tb_set_cursor(tb, (x >> 3) % (tb_len(tb) + 1));
	else if (r < 97)
		tb_word_left(tb);
	else
		tb_end(tb, 11);
}

/* One undone (back) or redone step against the model s: NULL or why not. */
static const char *model_check(textbuf *tb, const snap *s, bool back)
{
	const char *want = back ? s->before : s->after;
	size_t cur = back ? s->cur_before : s->cur_after;
	if (strcmp(txt(tb), want) != 0)
		return back ? "undo: text differs" : "redo: text differs";
	if (tb_cursor(tb) != cur)
		return back ? "undo: cursor differs" : "redo: cursor differs";
	if (!on_boundary(tb))
		return "cursor inside a character";
	return NULL;
}

TEST(undo_random_model)
{
	/* every edit its own step (a break after each): undo and redo, at
	 * random and at the end all the way back, against saved texts */
	enum { OPS = 3000 };
	snap *u = calloc(OPS, sizeof *u), *r = calloc(OPS, sizeof *r);
	size_t nu = 0, nr = 0;
	const char *bad = NULL;
	textbuf *tb = mk("start of the note\nsecond line of it", 5);
	unsigned x = 4242;
	for (int i = 0; i < OPS && !bad; i++) {
		x = x * 1103515245u + 12345u;
		unsigned pick = (x >> 8) % 100;
		uint64_t g = tb_generation(tb);
		if (pick < 10) {
			bool did = tb_undo(tb);
			if (did != (nu > 0) || did != (tb_generation(tb) != g))
				bad = "undo result or generation";
			else if (did) {
				r[nr++] = u[--nu];
				bad = model_check(tb, &r[nr - 1], true);
			}
			continue;
		}
		if (pick < 15) {
			bool did = tb_redo(tb);
			if (did != (nr > 0) || did != (tb_generation(tb) != g))
				bad = "redo result or generation";
			else if (did) {
				u[nu++] = r[--nr];
				bad = model_check(tb, &u[nu - 1], false);
			}
			continue;
		}
		char *before = tb_text(tb, NULL);
		size_t cur = tb_cursor(tb);
		random_op(tb, x);
		tb_undo_break(tb);
		if (tb_generation(tb) == g) {
			free(before);
			continue;
		}
		for (size_t k = 0; k < nr; k++) {
			free(r[k].before);
			free(r[k].after);
		}
		nr = 0;
		if (nu == TB_UNDO_STEPS) {
			free(u[0].before);
			free(u[0].after);
			memmove(u, u + 1, --nu * sizeof *u);
		}
		u[nu].before = before;
		u[nu].after = tb_text(tb, NULL);
		u[nu].cur_before = cur;
		u[nu].cur_after = tb_cursor(tb);
		nu++;
	}
	printf("# random model: %zu steps to undo at the end, %zu to redo\n", nu, nr);
	while (!bad && nu > 0) {
		if (!tb_undo(tb))
			bad = "undo refused";
		else
			bad = model_check(tb, &u[nu - 1], true);
		r[nr++] = u[--nu];
	}
	if (!bad && tb_undo(tb))
		bad = "undo beyond the history";
	for (size_t k = 0; k < nu; k++) {
		free(u[k].before);
		free(u[k].after);
	}
	for (size_t k = 0; k < nr; k++) {
		free(r[k].before);
		free(r[k].after);
	}
	free(u);
	free(r);
	tb_free(tb);
	CHECK_STR(bad ? bad : "", "");
}

TEST(undo_random_grouped)
{
	/* edits grouped as they come (no breaks): each undo lands on a text
	 * seen before, further back each time, with the cursor where it was
	 * before the first edit of the step; redo goes forward the same way */
	enum { OPS = 700 };
	char **text = calloc(OPS + 1, sizeof *text);
	size_t *cur_before = calloc(OPS + 1, sizeof *cur_before);
	size_t *cur_after = calloc(OPS + 1, sizeof *cur_after);
	size_t n = 0;
	const char *bad = NULL;
	textbuf *tb = mk("the first line\nand the second", 14);
	text[n++] = tb_text(tb, NULL);
	unsigned x = 99;
	for (int i = 0; i < OPS; i++) {
		x = x * 1103515245u + 12345u;
		uint64_t g = tb_generation(tb);
		size_t cur = tb_cursor(tb);
		random_op(tb, x);
		if (tb_generation(tb) == g)
			continue;
		cur_before[n] = cur;
		cur_after[n] = tb_cursor(tb);
		text[n++] = tb_text(tb, NULL);
	}
	size_t at = n - 1, steps = 0;
	while (!bad && tb_undo(tb)) {
		steps++;
		size_t j = at;
		while (j > 0 && strcmp(text[j - 1], txt(tb)) != 0)
			j--;
		if (j == 0)
			bad = "undo: a text never seen before it";
		else if (tb_cursor(tb) != cur_before[j])
			bad = "undo: cursor not where the step began";
		at = j - 1;
	}
	if (!bad && at != 0)
		bad = "undo did not get back to the start";
	printf("# random grouped: %zu edits, %zu steps\n", n - 1, steps);
	while (!bad && tb_redo(tb)) {
		size_t j = at + 1;
		while (j < n && strcmp(text[j], txt(tb)) != 0)
			j++;
		if (j == n)
			bad = "redo: a text never seen after it";
		else if (tb_cursor(tb) != cur_after[j])
			bad = "redo: cursor not where the step ended";
		at = j;
	}
	if (!bad && at != n - 1)
		bad = "redo did not get back to the end";
	if (!bad && (steps < 50 || steps >= n - 1))
		bad = "edits were not grouped";
	for (size_t k = 0; k < n; k++)
		free(text[k]);
	free(text);
	free(cur_before);
	free(cur_after);
	tb_free(tb);
	CHECK_STR(bad ? bad : "", "");
}

TEST(undo_big_note)
{
	size_t len;
	char *note = make_note(1u << 20, 9, &len);
	textbuf *tb = tb_new();
	tb_set_text(tb, note, len, len / 2);
	tb_row v[15];
	int cr, cc;
	tb_layout(tb, 60, 15, v, &cr, &cc);
	double t0 = now_us();
	for (int i = 0; i < 500; i++) {
		tb_insert(tb, i % 6 == 5 ? " " : "x", 1);
		tb_layout(tb, 60, 15, v, &cr, &cc);
	}
	for (int i = 0; i < 50; i++) {
		tb_backspace(tb);
		tb_layout(tb, 60, 15, v, &cr, &cc);
	}
	double t1 = now_us();
	int steps = 0;
	while (tb_undo(tb)) {
		steps++;
		tb_layout(tb, 60, 15, v, &cr, &cc);
	}
	double t2 = now_us();
	printf("# 1MB note: type + layout %.1f us per key; %d undos + layout %.1f us each\n",
	       (t1 - t0) / 550, steps, (t2 - t1) / steps);
	CHECK_INT(steps, 85);               /* 500 keys: 84 words of up to 6, then the Backspaces */
	CHECK_INT(tb_len(tb), len);
	char *all = tb_text(tb, NULL);
	CHECK(memcmp(all, note, len) == 0);
	free(all);
	CHECK(check_window(tb, 60, 15) == NULL);
	free(note);
	tb_free(tb);
}

/* tb_take_text keeps a clean string as the buffer (same text, cursor,
 * layout as tb_set_text gives) and cleans one that is not; tb_str is the
 * text in place, NUL-terminated, and editing goes on after it; tb_detach
 * hands the bytes over and leaves the buffer empty and usable. */
TEST(take_str_detach)
{
	const char *clean = "första raden\n\tandra " E_ACUTE " " GRIN " 漢字\nslut";
	const char *dirty = "a\r\nb\x01" "c\xff" "d\xe2\x80\xa8" "e";
	const char *texts[] = { "", "x", clean, dirty };
	for (size_t k = 0; k < EV_ARRAY_LEN(texts); k++) {
		size_t len = strlen(texts[k]);
		for (size_t cur = 0; cur <= len + 1; cur++) {
			textbuf *a = mk(texts[k], cur), *b = tb_new();
			tb_take_text(b, xstrdup(texts[k]), len, cur);
			char *want = tb_text(a, NULL), *win = xstrdup(show(a, 8, 6));
			int same = strcmp(txt(b), want) == 0 && tb_cursor(b) == tb_cursor(a) &&
				   strcmp(show(b, 8, 6), win) == 0;
			free(want);
			free(win);
			CHECK(same);
			CHECK(!tb_undo(b));
			tb_free(a);
			tb_free(b);
		}
	}
	/* the text in place, with the gap moved through it and back */
	textbuf *tb = mk(clean, 5);
	ins(tb, "X");
	const char *p = tb_str(tb);
	CHECK_STR(p, txt(tb));
	CHECK_INT(strlen(p), tb_len(tb));
	CHECK_INT(tb_cursor(tb), 6);
	ins(tb, "Y");
	tb_backspace(tb);
	tb_backspace(tb);
	tb_left(tb);
	ins(tb, "Z");
	CHECK(strncmp(tb_str(tb), "förZsta", 8) == 0);
	CHECK(tb_undo(tb));
	CHECK_STR(tb_str(tb), clean);
	/* a buffer with no gap left */
	textbuf *full = tb_new();
	char *s = xstrdup("abc");
	tb_take_text(full, s, 3, 3);
	while (tb_len(full) < 300)
		ins(full, "0123456789");
	CHECK_INT(strlen(tb_str(full)), tb_len(full));
	/* detached: the caller's text, the buffer empty and usable */
	size_t n = 0;
	char *d = tb_detach(tb, &n);
	CHECK_STR(d, clean);
	CHECK_INT(n, strlen(clean));
	CHECK_INT(tb_len(tb), 0);
	CHECK_INT(tb_cursor(tb), 0);
	CHECK_STR(tb_str(tb), "");
	ins(tb, "ny");
	CHECK_STR(txt(tb), "ny");
	CHECK(tb_undo(tb));
	CHECK_STR(txt(tb), "");
	tb_take_text(tb, d, n, n);
	CHECK_STR(txt(tb), clean);
	CHECK_INT(tb_cursor(tb), strlen(clean));
	tb_free(tb);
	tb_free(full);
}

/* A 1 MB note taken without a copy and saved in place: the same bytes. */
TEST(take_big_note)
{
	size_t len = 1 << 20;
	char *s = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
	s[len] = '\0';
	char *copy = xstrdup(s);
	textbuf *tb = tb_new();
	tb_take_text(tb, s, len, len / 2);
	CHECK_INT(tb_cursor(tb), len / 2);
	ins(tb, "typed");
	const char *p = tb_str(tb);
	CHECK_INT(strlen(p), len + 5);
	CHECK(memcmp(p, copy, len / 2) == 0);
	CHECK(memcmp(p + len / 2, "typed", 5) == 0);
	CHECK(memcmp(p + len / 2 + 5, copy + len / 2, len - len / 2) == 0);
	free(copy);
	tb_free(tb);
}

int main(void)
{
	RUN(insert_delete);
	RUN(utf8_moves);
	RUN(cleaning);
	RUN(wrap_words);
	RUN(wrap_wide);
	RUN(up_down_goal);
	RUN(home_end);
	RUN(page_up_down);
	RUN(kill_yank);
	RUN(word_moves);
	RUN(generation);
	RUN(set_text_resets);
	RUN(scrolling);
	RUN(big_one_paragraph);
	RUN(big_many_paragraphs);
	RUN(random_edits_match_fresh_wrap);
	RUN(undo_typing_words);
	RUN(undo_redo_after_undo);
	RUN(undo_new_edit_clears_redo);
	RUN(undo_backspace_run);
	RUN(undo_delete_run);
	RUN(undo_newline_step);
	RUN(undo_cuts);
	RUN(undo_yank);
	RUN(undo_paste);
	RUN(undo_move_splits_typing);
	RUN(undo_break);
	RUN(undo_utf8);
	RUN(undo_generation);
	RUN(undo_set_text_clears);
	RUN(undo_step_bound);
	RUN(undo_byte_bound);
	RUN(undo_layout_consistent);
	RUN(scrolled);
	RUN(undo_random_model);
	RUN(undo_random_grouped);
	RUN(undo_big_note);
	RUN(take_str_detach);
	RUN(take_big_note);
	return unit_done();
}
