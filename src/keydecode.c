/* keydecode.c — keys from terminal bytes, without curses: UTF-8 with a
 * Latin-1 fallback per invalid byte, the escape sequences of xterm, rxvt,
 * PuTTY, the Linux console, screen/tmux, fixterms/kitty (CSI u) and xterm
 * modifyOtherKeys, bracketed paste, and key names. */
#include "exitview/keydecode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "exitview/utf8.h"

#define SEQ_MAX 64           /* longest CSI/SS3 examined, introducer included */
#define PARAM_MAX 8          /* parameters a known sequence may have */
#define PARAM_BIG 9999999    /* parameter values are clamped here */

enum { MOD_SHIFT = 1, MOD_ALT = 2, MOD_CTRL = 4 };

static const char paste_end[] = "\x1b[201~";
/* The longest control string (OSC, DCS) consumed as one unknown key. */
#define STR_MAX 512
#define PASTE_END_LEN (sizeof paste_end - 1)

/* The numeric parameters of a sequence; -1 is an empty (default) one. */
typedef struct params {
	int n;
	int v[PARAM_MAX];
	bool bad;                 /* private markers, too many, ... */
} params;

/* How a CSI/SS3 scan ended. */
enum { SCAN_DONE, SCAN_MORE, SCAN_BROKEN, SCAN_LONG };

/* The code point a byte that is not valid UTF-8 stands for, as Latin-1. */
static uint32_t latin1(unsigned char c)
{
	return c >= 0xA0 ? c : 0xFFFD;
}

/* One UTF-8 character at p[0..n), n > 0: its length with *cp set, 0 when
 * valid so far but cut short, -1 when p[0] starts no valid sequence. */
static int u8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 2; v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3; v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;            /* no overlongs */
		else if (c == 0xED)
			hi = 0x9F;            /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4; v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;            /* no overlongs */
		else if (c == 0xF4)
			hi = 0x8F;            /* nothing above U+10FFFF */
	} else {
		return -1;
	}
	for (size_t i = 1; i < need; i++) {
		if (i >= n)
			return 0;
		unsigned char b = p[i];
		if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
			return -1;
		v = (v << 6) | (b & 0x3F);
	}
	*cp = v;
	return (int)need;
}

/* A key that does not start with Esc at p[0..n): a control, a character
 * or a Latin-1 byte; KD_NONE when more bytes may complete it (not idle). */
static int plain_key(const unsigned char *p, size_t n, bool idle, size_t *used)
{
	uint32_t cp = 0;
	int len = u8_seq(p, n, &cp);

	if (len == 0 && !idle)
		return KD_NONE;
	if (len <= 0) {
		*used = 1;
		return (int)latin1(p[0]);
	}
	*used = (size_t)len;
	return (int)cp;
}

/* Scans a CSI/SS3 from p[2]: SCAN_DONE with *fin the final's index and
 * *pend the end of the parameter bytes; SCAN_BROKEN with *fin the index of
 * the byte that cannot belong; SCAN_MORE or SCAN_LONG.  *odd is set when
 * a parameter byte follows an intermediate. */
static int scan_seq(const unsigned char *p, size_t n, size_t *fin, size_t *pend,
		    bool *odd)
{
	size_t i = 2;
	bool inter = false;

	*pend = 2;
	*odd = false;
	for (; i < n && i < SEQ_MAX; i++) {
		unsigned char b = p[i];
		if (!inter && b == '$' && i > 2 && p[i - 1] >= '0' && p[i - 1] <= '9') {
			*pend = *fin = i;          /* rxvt: "$" (Shift) after digits */
			return SCAN_DONE;
		}
		if (b >= 0x30 && b <= 0x3F) {
			if (inter)
				*odd = true;
			else
				*pend = i + 1;
		} else if (b >= 0x20 && b <= 0x2F) {
			inter = true;
		} else if (b >= 0x40 && b <= 0x7E) {
			*fin = i;
			return SCAN_DONE;
		} else {
			*fin = i;
			return SCAN_BROKEN;
		}
	}
	return i >= SEQ_MAX ? SCAN_LONG : SCAN_MORE;
}

/* Parses the parameter bytes p[0..len) into pr: ";"-separated numbers,
 * ":" sub-parameters ignored, any other marker makes pr->bad. */
static void parse_params(const unsigned char *p, size_t len, params *pr)
{
	bool sub = false;

	pr->n = 0;
	pr->bad = false;
	if (len == 0)
		return;
	pr->n = 1;
	pr->v[0] = -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = p[i];
		if (b == ';') {
			if (pr->n == PARAM_MAX) {
				pr->bad = true;
				return;
			}
			pr->v[pr->n++] = -1;
			sub = false;
		} else if (b == ':') {
			sub = true;
		} else if (b >= '0' && b <= '9') {
			if (sub)
				continue;
			int *v = &pr->v[pr->n - 1];
			if (*v < 0)
				*v = 0;
			if (*v < PARAM_BIG)
				*v = *v * 10 + (b - '0');
		} else {
			pr->bad = true;             /* "<", "=", ">", "?" */
			return;
		}
	}
}

/* The modifier bits of an xterm modifier parameter m (1 + bits; -1 none). */
static int mods_of(int m)
{
	if (m <= 1)
		return 0;
	int bits = m - 1, mods = bits & (MOD_SHIFT | MOD_ALT | MOD_CTRL);
	if (bits & 32)                       /* kitty's Meta counts as Alt */
		mods |= MOD_ALT;
	return mods;
}

/* The modifiers of the "1;m" (or "m") form of pr, or -1 if pr is not one. */
static int mods_1m(const params *pr)
{
	if (pr->n == 0)
		return 0;
	if (pr->n == 1)
		return mods_of(pr->v[0]);
	if (pr->n == 2 && (pr->v[0] == -1 || pr->v[0] == 1))
		return mods_of(pr->v[1]);
	return -1;
}

/* Function key k with modifiers: Ctrl variants where there are some, Alt
 * as KD_ALT, Shift ignored. */
static int fn_mods(int k, int mods)
{
	if (mods & MOD_CTRL) {
		switch (k) {
		case KD_UP: k = KD_CUP; break;
		case KD_DOWN: k = KD_CDOWN; break;
		case KD_LEFT: k = KD_CLEFT; break;
		case KD_RIGHT: k = KD_CRIGHT; break;
		case KD_HOME: k = KD_CHOME; break;
		case KD_END: k = KD_CEND; break;
		case KD_DELETE: k = KD_CDELETE; break;
		default: break;
		}
	}
	return (mods & MOD_ALT) ? KD_ALT(k) : k;
}

/* Character cp (as CSI u / modifyOtherKeys report it) with modifiers:
 * Ctrl makes control codes, Alt KD_ALT, Shift-Tab KD_BTAB. */
static int char_mods(int cp, int mods)
{
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return KD_UNKNOWN;
	if (cp >= 0xE000 && cp <= 0xE06E)
		return KD_UNKNOWN;               /* kitty's functional keys */
	if (cp == 9 && (mods & MOD_SHIFT))
		cp = KD_BTAB;
	else if (mods & MOD_CTRL) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= '@' && cp <= '_'))
			cp &= 0x1F;
		else if (cp == ' ')
			cp = 0;
	}
	return (mods & MOD_ALT) ? KD_ALT(cp) : cp;
}

/* The key of "CSI n ~" (also rxvt's "^", "$", "@" finals), or KD_UNKNOWN. */
static int tilde_key(int num)
{
	switch (num) {
	case 1: case 7: return KD_HOME;
	case 4: case 8: return KD_END;
	case 2: return KD_INSERT;
	case 3: return KD_DELETE;
	case 5: return KD_PGUP;
	case 6: return KD_PGDN;
	case 11: case 12: case 13: case 14: case 15: return KD_F(num - 10);
	case 17: case 18: case 19: case 20: case 21: return KD_F(num - 11);
	case 23: case 24: return KD_F(num - 12);
	case 200: return KD_PASTE_BEGIN;
	case 201: return KD_PASTE_END;
	default: return KD_UNKNOWN;
	}
}

/* The cursor key that CSI and SS3 both end in (A B C D H F), or 0. */
static int cursor_fn(unsigned char f)
{
	switch (f) {
	case 'A': return KD_UP;
	case 'B': return KD_DOWN;
	case 'C': return KD_RIGHT;
	case 'D': return KD_LEFT;
	case 'H': return KD_HOME;
	case 'F': return KD_END;
	default: return 0;
	}
}

/* The key of a complete CSI with final f and parameters pr. */
static int csi_key(unsigned char f, const params *pr)
{
	int mods;

	switch (f) {
	case 'A': case 'B': case 'C': case 'D': case 'H': case 'F':
	case 'P': case 'Q': case 'R': case 'S': case 'Z':
		if ((mods = mods_1m(pr)) < 0)
			return KD_UNKNOWN;
		if (cursor_fn(f))
			return fn_mods(cursor_fn(f), mods);
		if (f == 'Z')
			return fn_mods(KD_BTAB, mods & MOD_ALT);
		return fn_mods(KD_F1 + (f - 'P'), mods & MOD_ALT);
	case 'a': case 'b': case 'c': case 'd':       /* rxvt Shift-arrows */
		if (pr->n != 0)
			return KD_UNKNOWN;
		return (const int[]){ KD_UP, KD_DOWN, KD_RIGHT, KD_LEFT }[f - 'a'];
	case '~': {
		if (pr->n == 3 && pr->v[0] == 27)       /* modifyOtherKeys */
			return char_mods(pr->v[2], mods_of(pr->v[1]));
		if (pr->n < 1 || pr->n > 2)
			return KD_UNKNOWN;
		int k = tilde_key(pr->v[0]);
		if (k == KD_UNKNOWN || k == KD_PASTE_BEGIN || k == KD_PASTE_END)
			return k;
		return fn_mods(k, pr->n == 2 ? mods_of(pr->v[1]) : 0);
	}
	case '^': case '$': case '@': {                /* rxvt Ctrl / Shift / both */
		if (pr->n != 1)
			return KD_UNKNOWN;
		int k = tilde_key(pr->v[0]);
		if (k == KD_UNKNOWN || k == KD_PASTE_BEGIN || k == KD_PASTE_END)
			return KD_UNKNOWN;
		mods = f == '^' ? MOD_CTRL : f == '$' ? MOD_SHIFT : MOD_CTRL | MOD_SHIFT;
		return fn_mods(k, mods);
	}
	case 'u':                                        /* fixterms / kitty */
		if (pr->n < 1 || pr->n > 3)
			return KD_UNKNOWN;
		return char_mods(pr->v[0], pr->n >= 2 ? mods_of(pr->v[1]) : 0);
	default:
		return KD_UNKNOWN;
	}
}

/* The key of a complete SS3 (ESC O) with final f and parameters pr. */
static int ss3_key(unsigned char f, const params *pr)
{
	int mods = mods_1m(pr);

	if (mods < 0)
		return KD_UNKNOWN;
	if (cursor_fn(f))
		return fn_mods(cursor_fn(f), mods);
	switch (f) {
	case 'a': return fn_mods(KD_CUP, mods);          /* rxvt Ctrl-arrows */
	case 'b': return fn_mods(KD_CDOWN, mods);
	case 'c': return fn_mods(KD_CRIGHT, mods);
	case 'd': return fn_mods(KD_CLEFT, mods);
	case 'P': case 'Q': case 'R': case 'S':
		return fn_mods(KD_F1 + (f - 'P'), mods & MOD_ALT);
	case 'M':
		return fn_mods(13, mods & MOD_ALT);
	case 'X':
		return fn_mods('=', mods & MOD_ALT);
	default:
		if (f >= 'j' && f <= 'y')                 /* application keypad */
			return fn_mods("*+,-./0123456789"[f - 'j'], mods & MOD_ALT);
		return KD_UNKNOWN;
	}
}

/* A CSI or SS3 at p[0..n), n > 2 (p[1] is '[' or 'O'). */
static int seq_key(const unsigned char *p, size_t n, bool idle, size_t *used)
{
	size_t fin = 0, pend = 2;
	bool odd;
	params pr;

	switch (scan_seq(p, n, &fin, &pend, &odd)) {
	case SCAN_MORE:
		if (!idle)
			return KD_NONE;
		*used = n;
		return KD_UNKNOWN;
	case SCAN_LONG:
		*used = SEQ_MAX;
		return KD_UNKNOWN;
	case SCAN_BROKEN:
		*used = fin;                        /* restart at the breaking byte */
		return KD_UNKNOWN;
	default:
		break;
	}
	*used = fin + 1;
	if (odd || pend < fin)                      /* intermediates: none known */
		return KD_UNKNOWN;
	if (p[1] == '[' && fin == 2 && p[2] == '[') {  /* Linux console ESC [ [ x */
		if (n < 4) {
			if (!idle)
				return KD_NONE;
			return KD_UNKNOWN;
		}
		if (p[3] >= 'A' && p[3] <= 'E') {
			*used = 4;
			return KD_F1 + (p[3] - 'A');
		}
		if (p[3] >= 0x40 && p[3] <= 0x7E)
			*used = 4;
		return KD_UNKNOWN;
	}
	parse_params(p + 2, pend - 2, &pr);
	if (pr.bad)
		return KD_UNKNOWN;
	return p[1] == 'O' ? ss3_key(p[fin], &pr) : csi_key(p[fin], &pr);
}

/* A control string a terminal may send (OSC ESC ], DCS ESC P, APC ESC _,
 * PM ESC ^: replies to queries, or junk) at p[0..n), n > 2: consumed up to
 * its BEL or ST (ESC \\), or up to an ESC that starts something else, or
 * CAN/SUB, or STR_MAX bytes; always KD_UNKNOWN.  What is held when no end
 * has come by the escape delay came in one burst: not typing. */
static int string_key(const unsigned char *p, size_t n, bool idle, size_t *used)
{
	for (size_t i = 2; i < n && i < STR_MAX; i++) {
		if (p[i] == 0x07 || p[i] == 0x18 || p[i] == 0x1a) {
			*used = i + 1;
			return KD_UNKNOWN;
		}
		if (p[i] == KD_ESC) {
			if (i + 1 == n && !idle)
				return KD_NONE;   /* an ST may be cut by the read */
			*used = i + 1 < n && p[i + 1] == '\\' ? i + 2 : i;
			return KD_UNKNOWN;
		}
	}
	if (n < STR_MAX && !idle)
		return KD_NONE;
	*used = n < STR_MAX ? n : STR_MAX;
	return KD_UNKNOWN;
}

/* The key at p[0..n), n > 0, and its length in *used; KD_NONE when more
 * bytes are needed (idle false). */
static int decode(const unsigned char *p, size_t n, bool idle, size_t *used)
{
	if (p[0] != KD_ESC)
		return plain_key(p, n, idle, used);
	if (n < 2) {
		if (!idle)
			return KD_NONE;
		*used = 1;
		return KD_ESC;
	}
	if (p[1] == KD_ESC) {
		*used = 1;
		return KD_ESC;
	}
	if (p[1] == '[' || p[1] == 'O') {
		if (n > 2)
			return seq_key(p, n, idle, used);
		if (!idle)
			return KD_NONE;
		*used = 2;
		return KD_ALT(p[1]);
	}
	if (p[1] == ']' || p[1] == 'P' || p[1] == '_' || p[1] == '^') {
		if (n > 2)
			return string_key(p, n, idle, used);
		if (!idle)
			return KD_NONE;
		*used = 2;
		return KD_ALT(p[1]);
	}
	size_t sub = 0;
	int k = plain_key(p + 1, n - 1, idle, &sub);
	if (k == KD_NONE)
		return KD_NONE;
	*used = 1 + sub;
	return KD_ALT(k);
}

/* Drops the consumed bytes once they are half the buffer (linear time). */
static void compact(kd_decoder *d)
{
	if (d->at == 0)
		return;
	if (d->at >= d->in.len) {
		sb_clear(&d->in);
		d->at = 0;
	} else if (d->at > d->in.len / 2) {
		d->in.len -= d->at;
		memmove(d->in.s, d->in.s + d->at, d->in.len);
		d->in.s[d->in.len] = '\0';
		d->at = 0;
	}
}

/* An empty decoder (all zero). */
void kd_init(kd_decoder *d)
{
	memset(d, 0, sizeof *d);
}

/* Frees the held bytes; d is empty and reusable after. */
void kd_free(kd_decoder *d)
{
	sb_free(&d->in);
	d->at = 0;
}

/* Appends n bytes read from the terminal to those held. */
void kd_feed(kd_decoder *d, const char *bytes, size_t n)
{
	if (n == 0)
		return;
	compact(d);
	sb_add(&d->in, bytes, n);
}

/* The next key (consumed), or KD_NONE with the bytes kept for more. */
int kd_next(kd_decoder *d, bool idle)
{
	size_t n = d->in.len - d->at, used = 0;

	if (n == 0)
		return KD_NONE;
	int key = decode((const unsigned char *)d->in.s + d->at, n, idle, &used);
	if (key != KD_NONE) {
		d->at += used;
		compact(d);
	}
	return key;
}

/* How many held bytes are not decoded yet. */
size_t kd_pending(const kd_decoder *d)
{
	return d->in.len - d->at;
}

/* Moves pasted text up to ESC[201~ into out; true once the mark is consumed. */
bool kd_paste(kd_decoder *d, strbuf *out)
{
	const unsigned char *s = (const unsigned char *)d->in.s + d->at;
	size_t n = d->in.len - d->at, r = n, e = 0;
	bool found = false;

	while (e < n) {
		const unsigned char *esc = memchr(s + e, KD_ESC, n - e);
		if (!esc)
			break;
		e = (size_t)(esc - s);
		size_t left = n - e;
		if (left >= PASTE_END_LEN) {
			if (memcmp(esc, paste_end, PASTE_END_LEN) == 0) {
				r = e;
				found = true;
				break;
			}
		} else if (memcmp(esc, paste_end, left) == 0) {
			r = e;                            /* the mark may be cut */
			break;
		}
		e++;
	}
	if (!found && r == n) {
		/* Keep a character cut by the read for the next chunk. */
		for (size_t k = 1; k <= 3 && k <= r; k++) {
			unsigned char c = s[r - k];
			uint32_t cp;
			if ((c & 0xC0) == 0x80)
				continue;
			if (c >= 0xC0 && u8_seq(s + r - k, k, &cp) == 0)
				r -= k;
			break;
		}
	}
	kd_text(out, (const char *)s, r);
	d->at += found ? r + PASTE_END_LEN : r;
	compact(d);
	return found;
}

/* Appends s[0..len) to out: valid UTF-8 kept, other bytes as Latin-1. */
void kd_text(strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0, i = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int n = u8_seq(p + i, len - i, &cp);
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		char enc[4];
		sb_add(out, s + run, i - run);
		sb_add(out, enc, utf8_encode(latin1(p[i]), enc));
		run = ++i;
	}
	sb_add(out, s + run, i - run);
}

/* The name of a key that is not Alt-something. */
static void base_name(int key, char *buf, size_t size)
{
	static const char *const fn[] = {
		"Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn",
		"Insert", "Delete", "Shift-Tab", "Ctrl-Up", "Ctrl-Down",
		"Ctrl-Left", "Ctrl-Right", "Ctrl-Home", "Ctrl-End",
		"Ctrl-Delete", "paste", "paste end", "unknown",
	};

	if (key == KD_NONE)
		snprintf(buf, size, "none");
	else if (key >= KD_UP && key <= KD_UNKNOWN)
		snprintf(buf, size, "%s", fn[key - KD_UP]);
	else if (key >= KD_F1 && key < KD_F1 + 12)
		snprintf(buf, size, "F%d", key - KD_F1 + 1);
	else if (key & KD_FN_BIT)
		snprintf(buf, size, "unknown");
	else if (key == 9)
		snprintf(buf, size, "Tab");
	else if (key == 13)
		snprintf(buf, size, "Enter");
	else if (key == KD_ESC)
		snprintf(buf, size, "Esc");
	else if (key == 127)
		snprintf(buf, size, "Backspace");
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key < 0x20 || (key >= 0x80 && key < 0xA0) || key > 0x10FFFF ||
		 (key >= 0xD800 && key <= 0xDFFF))
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else {
		char enc[5];
		enc[utf8_encode((uint32_t)key, enc)] = '\0';
		snprintf(buf, size, "%s", enc);
	}
}

/* A short name for key in buf (truncated to size), returned. */
const char *kd_name(int key, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (key != KD_NONE && (key & KD_ALT_BIT)) {
		int n = snprintf(buf, size, "Alt-");
		if (n > 0 && (size_t)n < size)
			base_name(key & ~KD_ALT_BIT, buf + n, size - (size_t)n);
		return buf;
	}
	base_name(key, buf, size);
	return buf;
}
