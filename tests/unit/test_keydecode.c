/* test_keydecode.c — the key decoder: UTF-8 with the Latin-1 fallback,
 * escape sequences of xterm, rxvt, PuTTY, the Linux console, screen/tmux,
 * CSI u and modifyOtherKeys, Alt, idle handling, unknown and broken
 * sequences, bracketed paste, kd_text and kd_name.  Every key sequence is
 * decoded fed whole, byte by byte and cut in two at every position. */
#include "exitview/keydecode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"
#include "unit.h"

#define ESC "\x1b"
#define MAXKEYS 256

/* Keys got from one decoding. */
typedef struct keylist {
	int k[MAXKEYS];
	int n;
	size_t pending;           /* bytes still held at the end */
} keylist;

/* Takes every key kd_next(d, idle) gives into out. */
static void drain(kd_decoder *d, bool idle, keylist *out)
{
	int k;
	while ((k = kd_next(d, idle)) != KD_NONE && out->n < MAXKEYS)
		out->k[out->n++] = k;
}

/* Decodes s[0..n) fed in pieces ending at the offsets cuts[0..ncut) and n,
 * draining after each feed, then draining idle if asked. */
static void decode_cuts(const char *s, size_t n, const size_t *cuts, size_t ncut,
			bool idle, keylist *out)
{
	kd_decoder d;
	size_t from = 0;

	kd_init(&d);
	out->n = 0;
	for (size_t i = 0; i <= ncut; i++) {
		size_t to = i < ncut ? cuts[i] : n;
		kd_feed(&d, s + from, to - from);
		drain(&d, false, out);
		from = to;
	}
	if (idle)
		drain(&d, true, out);
	out->pending = kd_pending(&d);
	kd_free(&d);
}

/* Decodes s[0..n) fed one byte at a time. */
static void decode_bytes(const char *s, size_t n, bool idle, keylist *out)
{
	size_t *cuts = xmalloc((n ? n : 1) * sizeof *cuts);
	for (size_t i = 0; i < n; i++)
		cuts[i] = i + 1;
	decode_cuts(s, n, cuts, n ? n - 1 : 0, idle, out);
	free(cuts);
}

/* "k1 k2 ..." named with kd_name, appended to sb. */
static void add_names(strbuf *sb, const int *k, int n)
{
	char name[64];
	for (int i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i ? " " : "", kd_name(k[i], name, sizeof name));
}

/* NULL if got holds the keys want[0..nwant) (and nothing is held after an
 * idle drain), else a message saying how it differs. */
static const char *compare(const char *how, const keylist *got, bool idle,
			   const int *want, size_t nwant)
{
	static strbuf why;
	bool same = (size_t)got->n == nwant && (!idle || got->pending == 0);
	for (size_t i = 0; same && i < nwant; i++)
		same = got->k[i] == want[i];
	if (same)
		return NULL;
	sb_clear(&why);
	sb_printf(&why, "%s: got [", how);
	add_names(&why, got->k, got->n);
	sb_printf(&why, "] (%zu held), want [", got->pending);
	add_names(&why, want, (int)nwant);
	sb_puts(&why, "]");
	return sb_str(&why);
}

/* NULL if s[0..n) decodes to want[0..nwant) fed whole, byte by byte and
 * cut in two at every offset; else what went wrong. */
static const char *keys_check(const char *s, size_t n, bool idle,
			      const int *want, size_t nwant)
{
	static char how[64];
	keylist got;
	const char *why;

	decode_cuts(s, n, NULL, 0, idle, &got);
	if ((why = compare("fed whole", &got, idle, want, nwant)))
		return why;
	decode_bytes(s, n, idle, &got);
	if ((why = compare("byte by byte", &got, idle, want, nwant)))
		return why;
	for (size_t cut = 1; cut < n; cut++) {
		decode_cuts(s, n, &cut, 1, idle, &got);
		snprintf(how, sizeof how, "cut at %zu", cut);
		if ((why = compare(how, &got, idle, want, nwant)))
			return why;
	}
	return NULL;
}

/* CHECK_KEYS("bytes", idle, key, ...): the literal decodes to those keys. */
#define CHECK_KEYS(lit, idle, ...) do { \
	static const int want_[] = { __VA_ARGS__ }; \
	const char *why_ = keys_check(lit, sizeof(lit) - 1, idle, want_, EV_ARRAY_LEN(want_)); \
	if (why_) { \
		printf("FAIL %s: %s:%d: %s: %s\n", unit_current, __FILE__, __LINE__, #lit, why_); \
		unit_failed_now = 1; return; } } while (0)

/* The text kd_text makes of s[0..n) (static, replaced by the next call). */
static const char *text_of(const char *s, size_t n)
{
	static strbuf sb;
	sb_clear(&sb);
	kd_text(&sb, s, n);
	return sb_str(&sb);
}

/* ---- UTF-8 and Latin-1 ---- */

TEST(ascii_and_controls)
{
	CHECK_KEYS("a", false, 'a');
	CHECK_KEYS("Az~", false, 'A', 'z', '~');
	CHECK_KEYS("\0", false, 0);
	CHECK_KEYS("\x01\x11\x18", false, 1, 17, 24);
	CHECK_KEYS("\t\r\n", false, 9, 13, 10);
	CHECK_KEYS("\x08\x7f", false, 8, 127);
	CHECK_KEYS("\x1c\x1f", false, 28, 31);
}

TEST(utf8_valid)
{
	CHECK_KEYS("\xc3\xa5", false, 0xE5);
	CHECK_KEYS("åäö", false, 0xE5, 0xE4, 0xF6);
	CHECK_KEYS("漢字", false, 0x6F22, 0x5B57);
	CHECK_KEYS("\xf0\x9f\x98\x80", false, 0x1F600);
	CHECK_KEYS("\xf4\x8f\xbf\xbf", false, 0x10FFFF);
	CHECK_KEYS("\xc2\x80", false, 0x80);
	CHECK_KEYS("\xef\xbf\xbd", false, 0xFFFD);
	CHECK_KEYS("a\xc3\xa5z", false, 'a', 0xE5, 'z');
}

TEST(latin1_text)
{
	CHECK_KEYS("\xe5\xe4\xf6", false, 0xE5, 0xE4, 0xF6);
	CHECK_KEYS("\xe4r", false, 0xE4, 'r');
	CHECK_KEYS("k\xe4rlek", false, 'k', 0xE4, 'r', 'l', 'e', 'k');
	CHECK_KEYS("\xa0\xff", false, 0xA0, 0xFF);
}

TEST(lone_continuation_bytes)
{
	CHECK_KEYS("\x80", false, 0xFFFD);
	CHECK_KEYS("\x9f", false, 0xFFFD);
	CHECK_KEYS("\xbf", false, 0xBF);
	CHECK_KEYS("a\x80" "b", false, 'a', 0xFFFD, 'b');
	CHECK_KEYS("\xc3\xa5\xa5", false, 0xE5, 0xA5);
}

TEST(overlong_sequences)
{
	CHECK_KEYS("\xc0\xaf", false, 0xC0, 0xAF);
	CHECK_KEYS("\xc1\xbf", false, 0xC1, 0xBF);
	CHECK_KEYS("\xe0\x80\xaf", false, 0xE0, 0xFFFD, 0xAF);
	CHECK_KEYS("\xf0\x80\x80\xaf", false, 0xF0, 0xFFFD, 0xFFFD, 0xAF);
}

TEST(surrogates_and_beyond_max)
{
	CHECK_KEYS("\xed\xa0\x80", false, 0xED, 0xA0, 0xFFFD);
	CHECK_KEYS("\xed\xbf\xbf", false, 0xED, 0xBF, 0xBF);
	CHECK_KEYS("\xed\x9f\xbf", false, 0xD7FF);
	CHECK_KEYS("\xf4\x90\x80\x80", false, 0xF4, 0xFFFD, 0xFFFD, 0xFFFD);
}

TEST(bytes_f5_to_ff)
{
	CHECK_KEYS("\xf5\xf8\xfe\xff", false, 0xF5, 0xF8, 0xFE, 0xFF);
	CHECK_KEYS("\xf5\x80\x80\x80", false, 0xF5, 0xFFFD, 0xFFFD, 0xFFFD);
	CHECK_KEYS("\xff" "a", false, 0xFF, 'a');
}

TEST(truncated_then_ascii)
{
	CHECK_KEYS("\xe6\xbc" "a", false, 0xE6, 0xBC, 'a');
	CHECK_KEYS("\xf0\x9f\x98" "x", false, 0xF0, 0xFFFD, 0xFFFD, 'x');
	CHECK_KEYS("\xc3\xc3\xa5", false, 0xC3, 0xE5);
	CHECK_KEYS("\xe6\xbc\xe6\xbc\xa2", false, 0xE6, 0xBC, 0x6F22);
}

TEST(truncated_at_end_waits)
{
	kd_decoder d;
	kd_init(&d);
	kd_feed(&d, "a\xe6\xbc", 3);
	CHECK_INT(kd_next(&d, false), 'a');
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_pending(&d), 2);
	kd_feed(&d, "\xa2", 1);
	CHECK_INT(kd_next(&d, false), 0x6F22);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_pending(&d), 0);
	kd_free(&d);
}

TEST(truncated_at_end_then_idle)
{
	CHECK_KEYS("a\xe6\xbc", true, 'a', 0xE6, 0xBC);
	CHECK_KEYS("\xc3", true, 0xC3);
	CHECK_KEYS("\xf0\x9f\x98", true, 0xF0, 0xFFFD, 0xFFFD);
	CHECK_KEYS("\xe4", true, 0xE4);
}

TEST(control_after_invalid_byte)
{
	CHECK_KEYS("\xe4\x11", false, 0xE4, 17);
	CHECK_KEYS("\xc3\x11", false, 0xC3, 17);
	CHECK_KEYS("\xf0\x9f\x11", false, 0xF0, 0xFFFD, 17);
	CHECK_KEYS("\xff\x11", false, 0xFF, 17);
	CHECK_KEYS("\xe4" ESC "[A", false, 0xE4, KD_UP);
}

/* ---- escape sequences ---- */

TEST(xterm_cursor_keys)
{
	CHECK_KEYS(ESC "[A" ESC "[B" ESC "[C" ESC "[D", false,
		   KD_UP, KD_DOWN, KD_RIGHT, KD_LEFT);
	CHECK_KEYS(ESC "[H" ESC "[F", false, KD_HOME, KD_END);
	CHECK_KEYS(ESC "OA" ESC "OB" ESC "OC" ESC "OD", false,
		   KD_UP, KD_DOWN, KD_RIGHT, KD_LEFT);
	CHECK_KEYS(ESC "OH" ESC "OF", false, KD_HOME, KD_END);
	CHECK_KEYS(ESC "[Z", false, KD_BTAB);
}

TEST(xterm_editing_and_function_keys)
{
	CHECK_KEYS(ESC "[2~" ESC "[3~" ESC "[5~" ESC "[6~", false,
		   KD_INSERT, KD_DELETE, KD_PGUP, KD_PGDN);
	CHECK_KEYS(ESC "OP" ESC "OQ" ESC "OR" ESC "OS", false,
		   KD_F(1), KD_F(2), KD_F(3), KD_F(4));
	CHECK_KEYS(ESC "[15~" ESC "[17~" ESC "[18~" ESC "[19~", false,
		   KD_F(5), KD_F(6), KD_F(7), KD_F(8));
	CHECK_KEYS(ESC "[20~" ESC "[21~" ESC "[23~" ESC "[24~", false,
		   KD_F(9), KD_F(10), KD_F(11), KD_F(12));
	CHECK_KEYS(ESC "[200~" ESC "[201~", false, KD_PASTE_BEGIN, KD_PASTE_END);
}

TEST(xterm_modifiers)
{
	CHECK_KEYS(ESC "[1;5A" ESC "[1;5B" ESC "[1;5C" ESC "[1;5D", false,
		   KD_CUP, KD_CDOWN, KD_CRIGHT, KD_CLEFT);
	CHECK_KEYS(ESC "[1;5H" ESC "[1;5F", false, KD_CHOME, KD_CEND);
	CHECK_KEYS(ESC "[1;2A" ESC "[1;2D", false, KD_UP, KD_LEFT);      /* Shift */
	CHECK_KEYS(ESC "[1;3A" ESC "[1;3H", false, KD_ALT(KD_UP), KD_ALT(KD_HOME));
	CHECK_KEYS(ESC "[1;6D", false, KD_CLEFT);                           /* Ctrl-Shift */
	CHECK_KEYS(ESC "[1;7C", false, KD_ALT(KD_CRIGHT));                 /* Ctrl-Alt */
	CHECK_KEYS(ESC "[1;4B", false, KD_ALT(KD_DOWN));                   /* Shift-Alt */
	CHECK_KEYS(ESC "[3;5~" ESC "[3;2~" ESC "[3;3~", false,
		   KD_CDELETE, KD_DELETE, KD_ALT(KD_DELETE));
	CHECK_KEYS(ESC "[5;3~" ESC "[6;5~", false, KD_ALT(KD_PGUP), KD_PGDN);
	CHECK_KEYS(ESC "[1;5~" ESC "[4;5~", false, KD_CHOME, KD_CEND);
	CHECK_KEYS(ESC "[1;2P" ESC "[1;3S" ESC "[15;2~", false,
		   KD_F(1), KD_ALT(KD_F(4)), KD_F(5));
	CHECK_KEYS(ESC "[1;2Z" ESC "[1;3Z", false, KD_BTAB, KD_ALT(KD_BTAB));
	CHECK_KEYS(ESC "O1;5A", false, KD_CUP);
}

TEST(putty_keys)
{
	CHECK_KEYS(ESC "[1~" ESC "[4~", false, KD_HOME, KD_END);
	CHECK_KEYS(ESC "[11~" ESC "[12~" ESC "[13~" ESC "[14~", false,
		   KD_F(1), KD_F(2), KD_F(3), KD_F(4));
}

TEST(screen_tmux_keys)
{
	CHECK_KEYS(ESC "[1~" ESC "[4~" ESC "[3~", false, KD_HOME, KD_END, KD_DELETE);
	CHECK_KEYS(ESC "[1;5D" ESC "[1;5C", false, KD_CLEFT, KD_CRIGHT);
}

TEST(linux_console_keys)
{
	CHECK_KEYS(ESC "[[A" ESC "[[B" ESC "[[C" ESC "[[D" ESC "[[E", false,
		   KD_F(1), KD_F(2), KD_F(3), KD_F(4), KD_F(5));
	CHECK_KEYS(ESC "[[Zx", false, KD_UNKNOWN, 'x');
	CHECK_KEYS(ESC "[[\x11", false, KD_UNKNOWN, 17);
	CHECK_KEYS(ESC "[[", true, KD_UNKNOWN);
}

TEST(rxvt_keys)
{
	CHECK_KEYS(ESC "[7~" ESC "[8~", false, KD_HOME, KD_END);
	CHECK_KEYS(ESC "[7^" ESC "[8^" ESC "[3^", false, KD_CHOME, KD_CEND, KD_CDELETE);
	CHECK_KEYS(ESC "[7$" ESC "[8$" ESC "[2$", false, KD_HOME, KD_END, KD_INSERT);
	CHECK_KEYS(ESC "[5^" ESC "[3@", false, KD_PGUP, KD_CDELETE);
	CHECK_KEYS(ESC "[a" ESC "[b" ESC "[c" ESC "[d", false,
		   KD_UP, KD_DOWN, KD_RIGHT, KD_LEFT);
	CHECK_KEYS(ESC "Oa" ESC "Ob" ESC "Oc" ESC "Od", false,
		   KD_CUP, KD_CDOWN, KD_CRIGHT, KD_CLEFT);
	CHECK_KEYS(ESC "[11~" ESC "[8$x", false, KD_F(1), KD_END, 'x');
}

TEST(ss3_keypad)
{
	CHECK_KEYS(ESC "OM", false, 13);
	CHECK_KEYS(ESC "Oj" ESC "Ok" ESC "Ol" ESC "Om" ESC "On" ESC "Oo", false,
		   '*', '+', ',', '-', '.', '/');
	CHECK_KEYS(ESC "Op" ESC "Oq" ESC "Or" ESC "Os" ESC "Ot", false,
		   '0', '1', '2', '3', '4');
	CHECK_KEYS(ESC "Ou" ESC "Ov" ESC "Ow" ESC "Ox" ESC "Oy", false,
		   '5', '6', '7', '8', '9');
	CHECK_KEYS(ESC "OX", false, '=');
}

TEST(csi_u_keys)
{
	CHECK_KEYS(ESC "[97;5u", false, 1);
	CHECK_KEYS(ESC "[120;5u", false, 24);
	CHECK_KEYS(ESC "[97;3u", false, KD_ALT('a'));
	CHECK_KEYS(ESC "[97;7u", false, KD_ALT(1));
	CHECK_KEYS(ESC "[65;6u" ESC "[65;2u", false, 1, 'A');
	CHECK_KEYS(ESC "[229;3u", false, KD_ALT(0xE5));
	CHECK_KEYS(ESC "[97u" ESC "[13u" ESC "[27u", false, 'a', 13, 27);
	CHECK_KEYS(ESC "[9;2u", false, KD_BTAB);
	CHECK_KEYS(ESC "[64;5u" ESC "[92;5u" ESC "[95;5u", false, 0, 28, 31);
	CHECK_KEYS(ESC "[49;5u", false, '1');                  /* no Ctrl-1 code */
	CHECK_KEYS(ESC "[97;5:1u", false, 1);                  /* kitty event type */
	CHECK_KEYS(ESC "[57399u", false, KD_UNKNOWN);          /* kitty keypad 0 */
	CHECK_KEYS(ESC "[1114112u" ESC "[55296u", false, KD_UNKNOWN, KD_UNKNOWN);
}

TEST(modify_other_keys)
{
	CHECK_KEYS(ESC "[27;5;97~", false, 1);
	CHECK_KEYS(ESC "[27;6;65~", false, 1);
	CHECK_KEYS(ESC "[27;3;49~", false, KD_ALT('1'));
	CHECK_KEYS(ESC "[27;2;65~", false, 'A');
	CHECK_KEYS(ESC "[27;5;49~", false, '1');
	CHECK_KEYS(ESC "[27;5;92~" ESC "[27;5;93~", false, 28, 29);
	CHECK_KEYS(ESC "[27;2;9~", false, KD_BTAB);
	CHECK_KEYS(ESC "[27;7;120~", false, KD_ALT(24));
}

TEST(alt_keys)
{
	CHECK_KEYS(ESC "1", false, KD_ALT('1'));
	CHECK_KEYS(ESC "x" ESC "X", false, KD_ALT('x'), KD_ALT('X'));
	CHECK_KEYS(ESC "å", false, KD_ALT(0xE5));
	CHECK_KEYS(ESC "漢", false, KD_ALT(0x6F22));
	CHECK_KEYS(ESC "\x18", false, KD_ALT(24));
	CHECK_KEYS(ESC "\x7f" ESC "\r", false, KD_ALT(127), KD_ALT(13));
	CHECK_KEYS(ESC "ab", false, KD_ALT('a'), 'b');
	CHECK_KEYS(ESC "\xe4r", false, KD_ALT(0xE4), 'r');      /* Latin-1 after Esc */
	CHECK_KEYS(ESC "\xc3", true, KD_ALT(0xC3));
}

TEST(esc_esc)
{
	CHECK_KEYS(ESC ESC, true, 27, 27);
	CHECK_KEYS(ESC ESC "[A", false, 27, KD_UP);
	CHECK_KEYS(ESC ESC "x", false, 27, KD_ALT('x'));
}

TEST(lone_esc_idle)
{
	kd_decoder d;
	kd_init(&d);
	kd_feed(&d, ESC, 1);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_pending(&d), 1);
	CHECK_INT(kd_next(&d, true), 27);
	CHECK_INT(kd_next(&d, true), KD_NONE);
	CHECK_INT(kd_pending(&d), 0);
	kd_free(&d);
	CHECK_KEYS(ESC, true, 27);
	CHECK_KEYS("a" ESC, true, 'a', 27);
}

TEST(esc_bracket_and_o_idle)
{
	kd_decoder d;
	kd_init(&d);
	kd_feed(&d, ESC "[", 2);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_pending(&d), 2);
	CHECK_INT(kd_next(&d, true), KD_ALT('['));
	kd_feed(&d, ESC "O", 2);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_next(&d, true), KD_ALT('O'));
	CHECK_INT(kd_pending(&d), 0);
	kd_free(&d);
	CHECK_KEYS(ESC "[", true, KD_ALT('['));
	CHECK_KEYS(ESC "O", true, KD_ALT('O'));
}

TEST(incomplete_sequence_waits_then_idle)
{
	kd_decoder d;
	kd_init(&d);
	kd_feed(&d, ESC "[1;5", 5);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_pending(&d), 5);
	kd_feed(&d, "A", 1);
	CHECK_INT(kd_next(&d, false), KD_CUP);
	kd_feed(&d, ESC "[1", 3);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_next(&d, true), KD_UNKNOWN);
	CHECK_INT(kd_pending(&d), 0);
	kd_free(&d);
	CHECK_KEYS(ESC "[1;5", true, KD_UNKNOWN);
	CHECK_KEYS(ESC "O1", true, KD_UNKNOWN);
}

TEST(control_strings_consumed)
{
	/* OSC, DCS, APC, PM: replies or junk, never typed text */
	CHECK_KEYS(ESC "]0;title" "\a" "x", false, KD_UNKNOWN, 'x');
	CHECK_KEYS(ESC "]11;rgb:0000/0000/0000" ESC "\\" "y", false, KD_UNKNOWN, 'y');
	CHECK_KEYS(ESC "P1$r0m" ESC "\\", false, KD_UNKNOWN);
	CHECK_KEYS(ESC "_apc" "\a" ESC "^pm" "\a", false, KD_UNKNOWN, KD_UNKNOWN);
	/* an ESC that starts something else ends the string there */
	CHECK_KEYS(ESC "]0;" ESC "[A", false, KD_UNKNOWN, KD_UP);
	/* unterminated: held, then at idle consumed whole */
	CHECK_KEYS(ESC "]0;no end", true, KD_UNKNOWN);
	/* Alt-] and Alt-P typed alone are keys */
	CHECK_KEYS(ESC "]", true, KD_ALT(']'));
	CHECK_KEYS(ESC "P", true, KD_ALT('P'));
}

TEST(control_string_bounded)
{
	kd_decoder d;
	kd_init(&d);
	kd_feed(&d, ESC "]", 2);
	for (int i = 0; i < 600; i++)
		kd_feed(&d, "z", 1);
	CHECK_INT(kd_next(&d, false), KD_UNKNOWN);
	/* what is past the bound is read as keys again */
	CHECK_INT(kd_next(&d, false), 'z');
	kd_free(&d);
}

TEST(unknown_consumed_once)
{
	CHECK_KEYS(ESC "[99~x", false, KD_UNKNOWN, 'x');
	CHECK_KEYS(ESC "[I" ESC "[O", false, KD_UNKNOWN, KD_UNKNOWN);   /* focus */
	CHECK_KEYS(ESC "[<0;1;2M" ESC "[<0;1;2ma", false, KD_UNKNOWN, KD_UNKNOWN, 'a');
	CHECK_KEYS(ESC "[?1;2c" ESC "[12;40R", false, KD_UNKNOWN, KD_UNKNOWN);
	CHECK_KEYS(ESC "Oz" ESC "[1;5X", false, KD_UNKNOWN, KD_UNKNOWN);
	CHECK_KEYS(ESC "[2 q", false, KD_UNKNOWN);                      /* intermediate */
	CHECK_KEYS(ESC "[99999999999999999999~", false, KD_UNKNOWN);
	CHECK_KEYS(ESC "[1;2;3;4;5;6;7;8;9A", false, KD_UNKNOWN);
	CHECK_KEYS(ESC "[2a" ESC "[0~" ESC "[9^", false, KD_UNKNOWN, KD_UNKNOWN, KD_UNKNOWN);
	CHECK_KEYS(ESC "[M", false, KD_UNKNOWN);
}

TEST(broken_csi_restarts_at_breaking_byte)
{
	CHECK_KEYS(ESC "[1;\x11", false, KD_UNKNOWN, 17);
	CHECK_KEYS(ESC "[1\xc3\xa5", false, KD_UNKNOWN, 0xE5);
	CHECK_KEYS(ESC "[1\xe4r", false, KD_UNKNOWN, 0xE4, 'r');
	CHECK_KEYS(ESC "[1" ESC "[A", false, KD_UNKNOWN, KD_UP);
	CHECK_KEYS(ESC "[1\x7f", false, KD_UNKNOWN, 127);
	CHECK_KEYS(ESC "[1;5\r", false, KD_UNKNOWN, 13);
	CHECK_KEYS(ESC "[" ESC "[B", false, KD_UNKNOWN, KD_DOWN);
	CHECK_KEYS(ESC "O\x11", false, KD_UNKNOWN, 17);
}

TEST(csi_length_limit)
{
	char seq[128];
	kd_decoder d;

	/* 64 bytes without a final: unknown at once, not held. */
	memcpy(seq, ESC "[", 2);
	memset(seq + 2, '1', 62);
	kd_init(&d);
	kd_feed(&d, seq, 64);
	CHECK_INT(kd_next(&d, false), KD_UNKNOWN);
	CHECK_INT(kd_pending(&d), 0);
	/* 63 bytes: still waiting. */
	kd_feed(&d, seq, 63);
	CHECK_INT(kd_next(&d, false), KD_NONE);
	CHECK_INT(kd_next(&d, true), KD_UNKNOWN);
	CHECK_INT(kd_pending(&d), 0);
	/* 72 bytes and a final: 64 consumed as unknown, the rest is keys. */
	memset(seq + 2, '1', 70);
	seq[72] = '~';
	kd_feed(&d, seq, 73);
	CHECK_INT(kd_next(&d, false), KD_UNKNOWN);
	CHECK_INT(kd_pending(&d), 9);
	for (int i = 0; i < 8; i++)
		CHECK_INT(kd_next(&d, false), '1');
	CHECK_INT(kd_next(&d, false), '~');
	/* A known sequence of exactly 64 bytes is still recognised. */
	memcpy(seq, ESC "[1;", 4);
	memset(seq + 4, '0', 58);
	memcpy(seq + 62, "5A", 2);
	kd_feed(&d, seq, 64);
	CHECK_INT(kd_next(&d, false), KD_CUP);
	CHECK_INT(kd_pending(&d), 0);
	kd_free(&d);
	CHECK_KEYS(ESC "[1111111111111111111111111111111111111111111111111111111111111111x",
		   false, KD_UNKNOWN, '1', '1', 'x');
}

TEST(pending_and_compaction)
{
	kd_decoder d;
	char buf[1000];

	kd_init(&d);
	CHECK(d.in.s == NULL && d.in.len == 0 && d.at == 0);
	CHECK_INT(kd_pending(&d), 0);
	CHECK_INT(kd_next(&d, true), KD_NONE);
	kd_feed(&d, "abc", 3);
	CHECK_INT(kd_pending(&d), 3);
	CHECK_INT(kd_next(&d, false), 'a');
	CHECK_INT(kd_pending(&d), 2);
	kd_feed(&d, "", 0);
	CHECK_INT(kd_pending(&d), 2);
	CHECK_INT(kd_next(&d, false), 'b');
	CHECK_INT(kd_next(&d, false), 'c');
	CHECK_INT(kd_pending(&d), 0);
	memset(buf, 'q', sizeof buf);
	kd_feed(&d, buf, sizeof buf);
	for (int i = 0; i < 600; i++)
		CHECK_INT(kd_next(&d, false), 'q');
	CHECK_INT(kd_pending(&d), 400);
	CHECK(d.in.len < sizeof buf);             /* the consumed part was dropped */
	CHECK(d.at <= d.in.len / 2 + 1);
	kd_free(&d);
	CHECK(d.in.s == NULL);
	CHECK_INT(kd_pending(&d), 0);
}

/* ---- bracketed paste ---- */

TEST(paste_simple)
{
	kd_decoder d;
	strbuf out = STRBUF_INIT;

	static const char in[] = ESC "[200~hello\r\nwörld" ESC "[201~x";

	kd_init(&d);
	kd_feed(&d, in, sizeof in - 1);
	CHECK_INT(kd_next(&d, false), KD_PASTE_BEGIN);
	CHECK(kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "hello\r\nwörld");
	CHECK_INT(kd_next(&d, false), 'x');
	CHECK_INT(kd_next(&d, false), KD_NONE);
	sb_free(&out);
	kd_free(&d);
}

TEST(paste_mark_split_at_every_position)
{
	const char stream[] = ESC "[200~" "h\xc3\xa9llo " ESC "[20x " ESC ESC "[201~" "x";
	size_t n = sizeof stream - 1;

	for (size_t cut = 1; cut < n; cut++) {
		kd_decoder d;
		strbuf out = STRBUF_INIT;
		int k, trues = 0;
		bool in_paste = false, ended = false;

		kd_init(&d);
		for (int part = 0; part < 2; part++) {
			if (part == 0)
				kd_feed(&d, stream, cut);
			else
				kd_feed(&d, stream + cut, n - cut);
			for (;;) {
				if (in_paste) {
					if (!kd_paste(&d, &out))
						break;
					trues++;
					in_paste = false;
					ended = true;
				}
				k = kd_next(&d, false);
				if (k == KD_NONE)
					break;
				if (k == KD_PASTE_BEGIN)
					in_paste = true;
				else
					CHECK(ended && k == 'x');
			}
		}
		CHECK_INT(trues, 1);
		CHECK_STR(sb_str(&out), "h\xc3\xa9llo " ESC "[20x " ESC);
		CHECK_INT(kd_pending(&d), 0);
		sb_free(&out);
		kd_free(&d);
	}
}

TEST(paste_keeps_mark_prefix)
{
	kd_decoder d;
	strbuf out = STRBUF_INIT;

	kd_init(&d);
	kd_feed(&d, "abc" ESC "[20", 7);
	CHECK(!kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "abc");
	CHECK_INT(kd_pending(&d), 4);
	kd_feed(&d, "2~", 2);                      /* not the mark after all */
	CHECK(!kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "abc" ESC "[202~");
	CHECK_INT(kd_pending(&d), 0);
	kd_feed(&d, ESC, 1);
	CHECK(!kd_paste(&d, &out));
	CHECK_INT(kd_pending(&d), 1);
	kd_feed(&d, "[201~", 5);
	CHECK(kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "abc" ESC "[202~");
	CHECK_INT(kd_pending(&d), 0);
	sb_free(&out);
	kd_free(&d);
}

TEST(paste_invalid_bytes)
{
	kd_decoder d;
	strbuf out = STRBUF_INIT;

	static const char in[] = "k\xe4rlek \x80 \xc0\xaf \xed\xa0\x80 \xff" ESC "[201~";

	kd_init(&d);
	kd_feed(&d, in, sizeof in - 1);
	CHECK(kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "kärlek \xef\xbf\xbd À¯ í\xc2\xa0\xef\xbf\xbd ÿ");
	sb_free(&out);
	kd_free(&d);
}

TEST(paste_char_split_by_read)
{
	kd_decoder d;
	strbuf out = STRBUF_INIT;

	kd_init(&d);
	kd_feed(&d, "a\xe6\xbc", 3);               /* half of 漢 */
	CHECK(!kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "a");
	CHECK_INT(kd_pending(&d), 2);
	kd_feed(&d, "\xa2" "b\xe4", 3);            /* ä in Latin-1, or the start of a char */
	CHECK(!kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "a漢b");
	CHECK_INT(kd_pending(&d), 1);
	kd_feed(&d, "r\xf0\x9f", 3);
	CHECK(!kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "a漢bär");
	kd_feed(&d, ESC "[201~", 6);               /* the mark ends the half char */
	CHECK(kd_paste(&d, &out));
	CHECK_STR(sb_str(&out), "a漢bärð\xef\xbf\xbd");
	sb_free(&out);
	kd_free(&d);
}

/* A pseudo-random number (a fixed LCG, so failures repeat). */
static uint32_t rnd(void)
{
	static uint32_t x = 12345;
	x = x * 1103515245u + 12345u;
	return x >> 8;
}

TEST(paste_chunks_equal_kd_text_of_whole)
{
	for (int round = 0; round < 40; round++) {
		strbuf data = STRBUF_INIT, want = STRBUF_INIT, out = STRBUF_INIT;
		kd_decoder d;
		size_t len = 1 + rnd() % 3000, from = 0;
		bool done = false;

		for (size_t i = 0; i < len; i++) {
			uint32_t r = rnd() % 16;
			if (r == 0)
				sb_puts(&data, ESC "[20q");
			else if (r < 4)
				sb_puts(&data, "漢");
			else {
				char c = (char)(rnd() % 256);
				sb_putc(&data, c == 0x1b ? 'e' : c);
			}
		}
		kd_text(&want, data.s, data.len);
		sb_puts(&data, ESC "[201~");
		kd_init(&d);
		while (from < data.len) {
			size_t n = 1 + rnd() % 40;
			if (n > data.len - from)
				n = data.len - from;
			kd_feed(&d, data.s + from, n);
			from += n;
			CHECK(!done);
			done = kd_paste(&d, &out);
		}
		CHECK(done);
		CHECK_INT(out.len, want.len);
		CHECK(memcmp(out.s, want.s, want.len) == 0);
		CHECK_INT(kd_pending(&d), 0);
		sb_free(&data);
		sb_free(&want);
		sb_free(&out);
		kd_free(&d);
	}
}

TEST(paste_10mb_in_16k_chunks)
{
	const char line[] = "Hej, wörld — 漢字 😀 line of pasted text\n";
	const size_t total = 10u << 20, chunk = 16u << 10;
	strbuf data = STRBUF_INIT, out = STRBUF_INIT;
	kd_decoder d;
	size_t maxcap = 0, from = 0;
	int trues = 0;

	while (data.len < total)
		sb_add(&data, line, sizeof line - 1);
	kd_init(&d);
	kd_feed(&d, ESC "[200~", 6);
	CHECK_INT(kd_next(&d, false), KD_PASTE_BEGIN);
	while (from < data.len) {
		size_t n = data.len - from < chunk ? data.len - from : chunk;
		kd_feed(&d, data.s + from, n);
		from += n;
		trues += kd_paste(&d, &out);
		if (d.in.cap > maxcap)
			maxcap = d.in.cap;
	}
	CHECK_INT(trues, 0);
	kd_feed(&d, ESC "[201~z", 7);
	CHECK(kd_paste(&d, &out));
	CHECK_INT(out.len, data.len);
	CHECK(memcmp(out.s, data.s, data.len) == 0);
	CHECK(maxcap < 4 * chunk);                /* held bytes never pile up */
	CHECK_INT(kd_next(&d, false), 'z');
	CHECK_INT(kd_pending(&d), 0);
	sb_free(&data);
	sb_free(&out);
	kd_free(&d);
}

TEST(many_keys_in_one_feed)
{
	strbuf data = STRBUF_INIT;
	kd_decoder d;
	size_t n = 0;
	int k;

	for (int i = 0; i < 100000; i++)
		sb_puts(&data, ESC "[A" "å");
	kd_init(&d);
	kd_feed(&d, data.s, data.len);
	while ((k = kd_next(&d, false)) != KD_NONE) {
		CHECK_INT(k, n % 2 ? 0xE5 : KD_UP);
		n++;
	}
	CHECK_INT(n, 200000);
	CHECK_INT(kd_pending(&d), 0);
	sb_free(&data);
	kd_free(&d);
}

TEST(random_streams_split_like_whole)
{
	static const char *const parts[] = {
		ESC, "[", "O", "1", "2", "5", ";", "~", "A", "u", "$", "^", "a",
		"\xc3", "\xa5", "\xe6", "\xbc", "\x80", "\xff", "\x11", "x", "<", "M",
	};
	char s[64];

	for (int round = 0; round < 3000; round++) {
		size_t n = 0, want = 1 + rnd() % 40;
		while (n < want)
			s[n++] = parts[rnd() % EV_ARRAY_LEN(parts)][0];
		for (int idle = 0; idle < 2; idle++) {
			keylist whole, bytes, cut;
			size_t at = 1 + rnd() % n;
			decode_cuts(s, n, NULL, 0, idle, &whole);
			decode_bytes(s, n, idle, &bytes);
			decode_cuts(s, n, &at, 1, idle, &cut);
			CHECK(compare("byte by byte", &bytes, idle, whole.k, (size_t)whole.n) == NULL);
			CHECK(compare("cut", &cut, idle, whole.k, (size_t)whole.n) == NULL);
			CHECK(!idle || whole.pending == 0);
		}
	}
}

/* ---- kd_text and kd_name ---- */

TEST(text_conversion)
{
	CHECK_STR(text_of("abc", 3), "abc");
	CHECK_STR(text_of("åäö 漢 😀", 15), "åäö 漢 😀");
	CHECK_STR(text_of("\xe5\xe4\xf6", 3), "åäö");
	CHECK_STR(text_of("\x80\x9f", 2), "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(text_of("\xa0\xff", 2), "\xc2\xa0ÿ");
	CHECK_STR(text_of("\xc0\xaf", 2), "À¯");
	CHECK_STR(text_of("\xed\xa0\x80", 3), "í\xc2\xa0\xef\xbf\xbd");
	CHECK_STR(text_of("\xe6\xbc" "a", 3), "æ¼a");
	CHECK_STR(text_of("\xf4\x90\x80\x80", 4), "ô\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(text_of("\t\r\n" ESC, 4), "\t\r\n" ESC);
	CHECK_STR(text_of("", 0), "");
}

TEST(text_appends)
{
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "x");
	kd_text(&sb, "\xe4", 1);
	kd_text(&sb, "y", 1);
	CHECK_STR(sb_str(&sb), "xäy");
	sb_free(&sb);
}

TEST(name_characters)
{
	char b[32];
	CHECK_STR(kd_name('a', b, sizeof b), "a");
	CHECK_STR(kd_name('~', b, sizeof b), "~");
	CHECK_STR(kd_name(0xE5, b, sizeof b), "å");
	CHECK_STR(kd_name(0x6F22, b, sizeof b), "漢");
	CHECK_STR(kd_name(0x1F600, b, sizeof b), "😀");
	CHECK_STR(kd_name(1, b, sizeof b), "Ctrl-A");
	CHECK_STR(kd_name(8, b, sizeof b), "Ctrl-H");
	CHECK_STR(kd_name(24, b, sizeof b), "Ctrl-X");
	CHECK_STR(kd_name(26, b, sizeof b), "Ctrl-Z");
	CHECK_STR(kd_name(9, b, sizeof b), "Tab");
	CHECK_STR(kd_name(13, b, sizeof b), "Enter");
	CHECK_STR(kd_name(27, b, sizeof b), "Esc");
	CHECK_STR(kd_name(127, b, sizeof b), "Backspace");
	CHECK_STR(kd_name(0, b, sizeof b), "Ctrl-@");
	CHECK_STR(kd_name(0x85, b, sizeof b), "U+0085");
}

TEST(name_alt)
{
	char b[32];
	CHECK_STR(kd_name(KD_ALT('1'), b, sizeof b), "Alt-1");
	CHECK_STR(kd_name(KD_ALT('x'), b, sizeof b), "Alt-x");
	CHECK_STR(kd_name(KD_ALT(0xE5), b, sizeof b), "Alt-å");
	CHECK_STR(kd_name(KD_ALT(24), b, sizeof b), "Alt-Ctrl-X");
	CHECK_STR(kd_name(KD_ALT(127), b, sizeof b), "Alt-Backspace");
	CHECK_STR(kd_name(KD_ALT(KD_UP), b, sizeof b), "Alt-Up");
	CHECK_STR(kd_name(KD_ALT(KD_F(3)), b, sizeof b), "Alt-F3");
}

TEST(name_function_keys)
{
	static const struct { int key; const char *name; } t[] = {
		{ KD_UP, "Up" }, { KD_DOWN, "Down" }, { KD_LEFT, "Left" },
		{ KD_RIGHT, "Right" }, { KD_HOME, "Home" }, { KD_END, "End" },
		{ KD_PGUP, "PgUp" }, { KD_PGDN, "PgDn" }, { KD_INSERT, "Insert" },
		{ KD_DELETE, "Delete" }, { KD_BTAB, "Shift-Tab" },
		{ KD_CUP, "Ctrl-Up" }, { KD_CDOWN, "Ctrl-Down" },
		{ KD_CLEFT, "Ctrl-Left" }, { KD_CRIGHT, "Ctrl-Right" },
		{ KD_CHOME, "Ctrl-Home" }, { KD_CEND, "Ctrl-End" },
		{ KD_CDELETE, "Ctrl-Delete" }, { KD_PASTE_BEGIN, "paste" },
		{ KD_PASTE_END, "paste end" }, { KD_UNKNOWN, "unknown" },
		{ KD_F(1), "F1" }, { KD_F(5), "F5" }, { KD_F(10), "F10" },
		{ KD_F(12), "F12" },
	};
	char b[32];
	for (size_t i = 0; i < EV_ARRAY_LEN(t); i++)
		CHECK_STR(kd_name(t[i].key, b, sizeof b), t[i].name);
}

TEST(name_small_buffer)
{
	char b[8];
	CHECK_STR(kd_name(127, b, 4), "Bac");
	CHECK_STR(kd_name(KD_ALT('1'), b, 3), "Al");
	CHECK_STR(kd_name(KD_ALT(KD_PGUP), b, 6), "Alt-P");
	CHECK_STR(kd_name('a', b, 1), "");
}

int main(void)
{
	RUN(ascii_and_controls);
	RUN(utf8_valid);
	RUN(latin1_text);
	RUN(lone_continuation_bytes);
	RUN(overlong_sequences);
	RUN(surrogates_and_beyond_max);
	RUN(bytes_f5_to_ff);
	RUN(truncated_then_ascii);
	RUN(truncated_at_end_waits);
	RUN(truncated_at_end_then_idle);
	RUN(control_after_invalid_byte);
	RUN(control_strings_consumed);
	RUN(control_string_bounded);
	RUN(xterm_cursor_keys);
	RUN(xterm_editing_and_function_keys);
	RUN(xterm_modifiers);
	RUN(putty_keys);
	RUN(screen_tmux_keys);
	RUN(linux_console_keys);
	RUN(rxvt_keys);
	RUN(ss3_keypad);
	RUN(csi_u_keys);
	RUN(modify_other_keys);
	RUN(alt_keys);
	RUN(esc_esc);
	RUN(lone_esc_idle);
	RUN(esc_bracket_and_o_idle);
	RUN(incomplete_sequence_waits_then_idle);
	RUN(unknown_consumed_once);
	RUN(broken_csi_restarts_at_breaking_byte);
	RUN(csi_length_limit);
	RUN(pending_and_compaction);
	RUN(paste_simple);
	RUN(paste_mark_split_at_every_position);
	RUN(paste_keeps_mark_prefix);
	RUN(paste_invalid_bytes);
	RUN(paste_char_split_by_read);
	RUN(paste_chunks_equal_kd_text_of_whole);
	RUN(paste_10mb_in_16k_chunks);
	RUN(many_keys_in_one_feed);
	RUN(random_streams_split_like_whole);
	RUN(text_conversion);
	RUN(text_appends);
	RUN(name_characters);
	RUN(name_alt);
	RUN(name_function_keys);
	RUN(name_small_buffer);
	return unit_done();
}
