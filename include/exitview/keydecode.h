/* keydecode.h — keys from the bytes a terminal sends.  exitview decodes
 * its input itself (no curses, no locale, no terminfo): UTF-8 text, with a
 * byte that is not valid UTF-8 taken as Latin-1 so that one stray byte
 * never swallows the keys after it, and the escape sequences of xterm,
 * rxvt, PuTTY, the Linux console, screen and tmux.  An escape sequence it
 * does not know is consumed whole and reported once as KD_UNKNOWN, never
 * replayed as the keys it is made of.
 *
 * A key is an int:
 *  - a character: its code point (controls included: Ctrl-A is 1, Tab 9,
 *    Enter 13, a lone Esc 27, Backspace 127 or 8);
 *  - a function key: one of the KD_* values below (KD_FN_BIT set);
 *  - Alt (Esc first, or a terminal's Alt modifier) with a character or a
 *    function key: KD_ALT(key).
 *
 * Use: kd_feed() the bytes read, then kd_next() until it says KD_NONE.
 * A sequence cut short by the read (a lone Esc, half a UTF-8 character,
 * "ESC [ 1") waits in the decoder for more bytes; when none come within
 * the escape delay, call kd_next(d, true) ("idle"): a lone Esc is then
 * Esc, "Esc x" is Alt-x, an unfinished sequence is KD_UNKNOWN and half a
 * character is read as Latin-1.
 */
#ifndef EXITVIEW_KEYDECODE_H
#define EXITVIEW_KEYDECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "exitview/util.h"

#define KD_FN_BIT 0x40000000
#define KD_ALT_BIT 0x20000000
#define KD_ALT(k) (KD_ALT_BIT | (k))
#define KD_CTRL(c) ((c) & 0x1f)
#define KD_ESC 27
#define KD_F(n) (KD_F1 + (n) - 1)     /* F1 .. F12 */

enum {
	KD_NONE = -1,                     /* kd_next(): nothing (more) to give now */
	KD_UP = KD_FN_BIT | 1, KD_DOWN, KD_LEFT, KD_RIGHT,
	KD_HOME, KD_END, KD_PGUP, KD_PGDN, KD_INSERT, KD_DELETE,
	KD_BTAB,                          /* Shift-Tab */
	KD_CUP, KD_CDOWN, KD_CLEFT, KD_CRIGHT, KD_CHOME, KD_CEND,   /* with Ctrl */
	KD_CDELETE,
	KD_PASTE_BEGIN, KD_PASTE_END,     /* bracketed paste marks */
	KD_UNKNOWN,                       /* a sequence not recognised (consumed) */
	KD_F1 = KD_FN_BIT | 0x100,        /* F1..F12 are KD_F1 .. KD_F1 + 11 */
};

typedef struct kd_decoder {
	strbuf in;                        /* bytes fed and not yet decoded */
	size_t at;                        /* first byte not yet decoded */
} kd_decoder;

void kd_init(kd_decoder *d);
void kd_free(kd_decoder *d);
/* Append n bytes as read from the terminal. */
void kd_feed(kd_decoder *d, const char *bytes, size_t n);
/* The next key, or KD_NONE when the bytes held are used up or (idle
 * false) only the start of a sequence that more bytes may complete. */
int kd_next(kd_decoder *d, bool idle);
/* Bytes held and not yet decoded (a started sequence, or keys not taken). */
size_t kd_pending(const kd_decoder *d);

/* After KD_PASTE_BEGIN: move the pasted bytes held up to the end mark
 * ESC[201~ (not included) into out, as text (see kd_text).  Returns true
 * when the end mark was found (it is consumed; what follows it stays for
 * kd_next), false when more bytes are needed (a part of the mark that may
 * have been cut by the read stays held). */
bool kd_paste(kd_decoder *d, strbuf *out);

/* Text as the decoder reads it: valid UTF-8 is kept, every other byte is
 * taken as Latin-1 (0xA0..0xFF become U+00A0..U+00FF; 0x80..0x9F, the C1
 * controls, become U+FFFD).  Appends s[0..len) so converted to out. */
void kd_text(strbuf *out, const char *s, size_t len);

/* A short name for a key, for messages and tests: "a", "Ctrl-X", "Alt-1",
 * "F10", "Home", "Ctrl-Left", "Shift-Tab", "unknown".  Returns buf. */
const char *kd_name(int key, char *buf, size_t size);

#endif
