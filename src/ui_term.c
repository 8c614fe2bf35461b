/* ui_term.c — terminal setup and teardown, keys, signals, colours and
 * drawing that never lets a control byte through. */
#include "exitview/ui_term.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <term.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "exitview/fsutil.h"
#include "exitview/textbuf.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

static volatile sig_atomic_t got_hup;
static volatile sig_atomic_t got_term;

static SCREEN *screen;
static bool active;
static bool utf8_locale;
static bool use_colour;
static int early_errors;          /* ERR returned long before the timeout */
static int alias_cleft, alias_cright;
static struct sigaction old_hup, old_term, old_int;
static attr_t styles[US_COUNT];

/* Keys decoded ahead of their turn (what followed a paste's end mark in the
 * same read), handed out by ui_term_getkey() before anything else. */
static int *kq;
static size_t kq_head, kq_len, kq_cap;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART: a blocked read returns EINTR */
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
}

static void signals_restore(void)
{
	sigaction(SIGHUP, &old_hup, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
}

static void paste_mode(bool on)
{
	/* Bracketed paste: the terminal wraps pasted text in ESC[200~ ESC[201~. */
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

/* Teach ncurses a key sequence, or learn the code terminfo already gave it. */
static int key_learn(const char *seq, int code)
{
	int have = key_defined(seq);
	if (have > 0)
		return have;
	define_key(seq, code);
	return code;
}

static void keys_setup(void)
{
	alias_cleft = key_learn("\033[1;5D", UI_RAW_CLEFT);
	alias_cright = key_learn("\033[1;5C", UI_RAW_CRIGHT);
	key_learn("\033[5D", UI_RAW_CLEFT);
	key_learn("\033[5C", UI_RAW_CRIGHT);
	key_learn("\033Od", UI_RAW_CLEFT);
	key_learn("\033Oc", UI_RAW_CRIGHT);
	key_learn("\033[200~", UI_RAW_PASTE_BEGIN);
	key_learn("\033[201~", UI_RAW_PASTE_END);
}

static void styles_setup(void)
{
	for (int i = 0; i < US_COUNT; i++)
		styles[i] = A_NORMAL;
	styles[US_TITLE] = A_BOLD;
	styles[US_SELECTED] = A_REVERSE;
	styles[US_CURRENT] = A_BOLD;
	styles[US_DIM] = A_NORMAL;
	styles[US_STATUS] = A_REVERSE;
	styles[US_ERROR] = A_BOLD | A_REVERSE;
	styles[US_OK] = A_REVERSE;
	styles[US_MARK] = A_BOLD;
	styles[US_BORDER] = A_NORMAL;
	styles[US_HINT] = A_ITALIC;   /* drawn as normal text where unsupported */
	if (!use_colour)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);     /* titles */
	init_pair(2, COLOR_BLUE, -1);     /* dim: hints */
	init_pair(3, COLOR_WHITE, COLOR_RED);
	init_pair(4, COLOR_GREEN, -1);    /* marks */
	init_pair(5, COLOR_BLUE, -1);     /* borders */
	styles[US_TITLE] = A_BOLD | COLOR_PAIR(1);
	styles[US_DIM] = COLOR_PAIR(2);
	styles[US_ERROR] = A_BOLD | COLOR_PAIR(3);
	styles[US_MARK] = A_BOLD | COLOR_PAIR(4);
	styles[US_BORDER] = COLOR_PAIR(5);
}

static bool cap_missing(const char *s)
{
	return s == NULL || s == (char *)-1 || *s == '\0';
}

int ui_term_init(const settings *cfg)
{
	if (active)
		return 0;
	setlocale(LC_ALL, "");
	utf8_locale = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return ev_seterr("the screen needs a terminal (use the command line, e.g. 'exitview new --batch')");
	const char *term = getenv("TERM");
	if (str_empty(term))
		return ev_seterr("TERM is not set: cannot draw the screen");
	int err = 0;
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		if (err == 0)
			return ev_seterr("terminal type '%s' is not supported", term);
		return ev_seterr("no terminal description found for '%s' (terminfo database missing)", term);
	}
	bool addressable = !cap_missing(tigetstr("cup"));
	bool hardcopy = tigetflag("hc") > 0;
	del_curterm(cur_term);
	if (!addressable || hardcopy)
		return ev_seterr("terminal type '%s' cannot move the cursor: a full-screen terminal is needed", term);

	/* Our flag-setting handlers first: ncurses then keeps its own away
	 * (its SIGTERM handler would exit without saving). */
	got_hup = got_term = 0;
	signals_install();
	screen = newterm(term, stdout, stdin);
	if (!screen) {
		signals_restore();
		return ev_seterr("terminal type '%s' is not supported", term);
	}
	set_term(screen);
	active = true;
	early_errors = 0;
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	const char *nc = getenv("NO_COLOR");
	use_colour = cfg->colour && str_empty(nc) && has_colors();
	styles_setup();
	keys_setup();
	curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
	paste_mode(true);
	return 0;
}

void ui_term_end(void)
{
	if (!active)
		return;
	/* Clear for privacy: vt100 and friends have no alternate screen. */
	curs_set(1);
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	doupdate();
	paste_mode(false);
	endwin();
	delscreen(screen);
	screen = NULL;
	active = false;
	signals_restore();
	free(kq);
	kq = NULL;
	kq_head = kq_len = kq_cap = 0;
}

bool ui_term_active(void)
{
	return active;
}

bool ui_term_utf8(void)
{
	return utf8_locale;
}

attr_t ui_attr(enum ui_style s)
{
	return styles[s];
}

int ui_term_pending_signal(void)
{
	if (got_hup)
		return UI_KEY_HANGUP;
	if (got_term)
		return UI_KEY_TERM;
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void kq_push(int key)
{
	if (kq_head > 0 && kq_head == kq_len)
		kq_head = kq_len = 0;
	if (kq_len == kq_cap) {
		kq_cap = kq_cap ? kq_cap * 2 : 64;
		kq = xrealloc(kq, kq_cap * sizeof *kq);
	}
	kq[kq_len++] = key;
}

static bool kq_pop(int *key)
{
	if (kq_head == kq_len)
		return false;
	*key = kq[kq_head++];
	if (kq_head == kq_len)
		kq_head = kq_len = 0;
	return true;
}

/* Our key for what wget_wch() returned (r != ERR). */
static int key_of(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		int k = (int)wc;
		if (k == alias_cleft)
			k = UI_RAW_CLEFT;
		else if (k == alias_cright)
			k = UI_RAW_CRIGHT;
		return UI_FN(k);
	}
	return (int)wc;
}

static bool write_some(int fd, const char **p, size_t *len)
{
	while (*len > 0) {
		ssize_t n = write(fd, *p, *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;   /* the pipe is full (non-blocking) */
		*p += n;
		*len -= (size_t)n;
	}
	return true;
}

/* Let ncurses decode what it already holds (its read-ahead) and then the
 * len bytes of feed, without letting it near the terminal: meanwhile its
 * input descriptor (standard input) is a pipe that holds only feed.  Each
 * key decoded goes to fn, in order.  Returns 0, or -1 if the pipe could
 * not be set up (nothing read or changed then). */
static int decode_held(WINDOW *w, const char *feed, size_t len, void (*fn)(int key, void *arg), void *arg)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	int saved = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	/* the write end stays open: an empty pipe reads as "no key yet",
	 * which ends a half-received sequence after ESCDELAY as usual */
	bool more = !write_some(p[1], &feed, &len);
	dup2(p[0], STDIN_FILENO);
	wtimeout(w, 0);
	for (;;) {
		wint_t wc = 0;
		errno = 0;
		int r = wget_wch(w, &wc);
		if (r != ERR) {
			fn(key_of(r, wc), arg);
			continue;
		}
		/* the pipe may still hold bytes (an interrupted wait) */
		struct pollfd pfd = { p[0], POLLIN, 0 };
		if (errno == EINTR || poll(&pfd, 1, 0) > 0)
			continue;
		if (more)   /* a feed larger than the pipe: the next part */
			more = !write_some(p[1], &feed, &len);
		else
			break;
	}
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(p[0]);
	close(p[1]);
	return 0;
}

typedef struct paste {
	strbuf *out;
	bool ended;
} paste;

static void paste_key(int key, void *arg)
{
	paste *ps = arg;
	if (ps->ended || key == UI_KEY_RESIZE) {
		kq_push(key);   /* after the paste, in order */
		return;
	}
	if (key == UI_KEY_PASTE_END) {
		ps->ended = true;
		return;
	}
	if (key == UI_FN(KEY_ENTER))
		key = '\r';
	char u[4];
	size_t n = ui_key_utf8(key, u);
	if (n)
		sb_add(ps->out, u, n);
}

static void queue_key(int key, void *arg)
{
	(void)arg;
	kq_push(key);
}

/* The paste-end mark in s[from, len), or -1. */
static long find_end_mark(const char *s, size_t from, size_t len)
{
	static const char mark[] = "\033[201~";
	for (size_t i = from; i + 6 <= len; i++) {
		const char *e = memchr(s + i, '\033', len - i);
		if (!e)
			return -1;
		i = (size_t)(e - s);
		if (i + 6 <= len && memcmp(s + i, mark, 6) == 0)
			return (long)i;
	}
	return -1;
}

int ui_term_read_paste(WINDOW *w, strbuf *out, int idle_ms)
{
	paste ps = { out, false };
	sb_add(out, "", 0);
	/* 1: keys already decoded ahead, 2: bytes ncurses already read */
	int k;
	while (!ps.ended && kq_pop(&k))
		paste_key(k, &ps);
	if (!ps.ended && decode_held(w, NULL, 0, paste_key, &ps) != 0) {
		/* no pipe to spare: let ncurses read it all, byte by byte */
		while (!ps.ended) {
			k = ui_term_getkey(w, idle_ms);
			if (k == UI_KEY_AGAIN)
				continue;
			if (k == UI_KEY_TIMEOUT || k == UI_KEY_HANGUP || k == UI_KEY_TERM)
				return k;
			paste_key(k, &ps);
		}
	}
	if (ps.ended)
		return 0;
	/* 3: the rest straight from the terminal, in large reads */
	size_t raw0 = out->len, scanned = out->len;
	static char chunk[16384];   /* < a pipe's capacity: see decode_held */
	for (;;) {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		int pr = poll(&pfd, 1, idle_ms);
		if (pr < 0 && errno != EINTR)
			return UI_KEY_HANGUP;
		int sig = ui_term_pending_signal();
		if (sig)
			return sig;
		if (pr < 0)
			continue;
		if (pr == 0)
			return UI_KEY_TIMEOUT;
		ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return UI_KEY_HANGUP;
		sb_add(out, chunk, (size_t)n);
		size_t from = scanned >= raw0 + 5 ? scanned - 5 : raw0;
		long at = find_end_mark(out->s, from, out->len);
		if (at >= 0) {
			size_t after = (size_t)at + 6;
			/* what came after the mark goes back to ncurses to decode */
			if (after < out->len &&
			    decode_held(w, out->s + after, out->len - after, queue_key, NULL) != 0) {
				/* no pipe to spare: as plain bytes, without key decoding */
				for (size_t i = out->len; i > after; i--)
					ungetch((unsigned char)out->s[i - 1]);
			}
			out->len = (size_t)at;
			out->s[out->len] = '\0';
			return 0;
		}
		scanned = out->len;
	}
}

int ui_term_getkey(WINDOW *w, int timeout_ms)
{
	int sig = ui_term_pending_signal();
	if (sig)
		return sig;
	int queued;
	if (kq_pop(&queued))
		return queued;
	wtimeout(w, timeout_ms);
	long long t0 = now_ms();
	wint_t wc = 0;
	errno = 0;
	int r = wget_wch(w, &wc);
	int e = errno;
	if (r == ERR) {
		sig = ui_term_pending_signal();
		if (sig)
			return sig;
		if (e == EIO || e == EBADF || e == ENXIO || e == ENOTTY)
			return UI_KEY_HANGUP;
		if (e == EINTR)
			return UI_KEY_AGAIN;
		/* An end of file reads as a timeout that came too soon. */
		long long waited = now_ms() - t0;
		if (timeout_ms < 0 || waited < timeout_ms / 2) {
			if (++early_errors >= 5)
				return UI_KEY_HANGUP;
			return UI_KEY_AGAIN;
		}
		early_errors = 0;
		return UI_KEY_TIMEOUT;
	}
	early_errors = 0;
	return key_of(r, wc);
}

void ui_term_suspend(void)
{
	paste_mode(false);
	def_prog_mode();
	endwin();
	struct sigaction dfl, old;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);   /* stops here until SIGCONT (ignored when orphaned) */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	paste_mode(true);
	clearok(curscr, TRUE);
}

/* A private directory (mkdtemp, 0700) holding one 0600 file. */
int ui_term_edit_external(const char *text, char **out)
{
	const char *tmp = getenv("TMPDIR");
	if (str_empty(tmp))
		tmp = "/tmp";
	char *dir = xasprintf("%s/exitview-XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		int e = errno;
		free(dir);
		return ev_seterr("cannot create a temporary directory in %s: %s", tmp, strerror(e));
	}
	char *path = fs_join(dir, "notes.txt");
	int rc = -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd < 0) {
		ev_seterr("cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ev_seterr("cannot write %s: %s", path, strerror(errno));
			close(fd);
			goto out;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0) {
		ev_seterr("cannot write %s: %s", path, strerror(errno));
		goto out;
	}

	const char *ed = getenv("VISUAL");
	if (str_empty(ed))
		ed = getenv("EDITOR");
	if (str_empty(ed))
		ed = "vi";

	paste_mode(false);
	def_prog_mode();
	endwin();
	pid_t pid = fork();
	if (pid == 0) {
		signals_restore();
		signal(SIGTSTP, SIG_DFL);
		/* $EDITOR may carry options ("vim -u NONE"): let the shell split it. */
		char *cmd = xasprintf("%s \"$1\"", ed);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	reset_prog_mode();
	paste_mode(true);
	clearok(curscr, TRUE);
	if (pid < 0) {
		ev_seterr("cannot start the editor: %s", strerror(errno));
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			ev_seterr("editor '%s' could not be run; notes unchanged", ed);
		else
			ev_seterr("editor '%s' failed; notes unchanged", ed);
		goto out;
	}
	size_t n;
	char *data = fs_read_file(path, &n);
	if (!data)
		goto out;
	/* Editors add a final newline; the notes did not have one. */
	if (n > 0 && data[n - 1] == '\n' && (len == 0 || text[len - 1] != '\n'))
		data[--n] = '\0';
	*out = data;
	rc = 0;
out:
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	return rc;
}

bool ui_term_too_small(void)
{
	return LINES < 24 || COLS < 80;
}

void ui_term_draw_too_small(void)
{
	const char *msg = "terminal too small (need 80x24)";
	int len = (int)strlen(msg);
	werase(stdscr);
	int y = LINES / 2, x = (COLS - len) / 2;
	if (x < 0)
		x = 0;
	ui_putz(stdscr, y, x, msg, COLS - x, A_BOLD);
	wnoutrefresh(stdscr);
	doupdate();
}

static bool cp_drawable(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return false;
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
		return false;
	/* bidi controls would let a note reorder what the screen shows */
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return false;
	if (!utf8_locale)
		return cp < 0x7f;
	return iswprint((wint_t)cp) || utf8_cpwidth(cp) == 0;
}

int ui_put(WINDOW *w, int y, int x, const char *s, size_t len, int maxcols, attr_t a)
{
	if (maxcols <= 0)
		return 0;
	wmove(w, y, x);
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	int cols = 0;
	wchar_t buf[256];
	int nb = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int wdt = utf8_cpwidth(cp);
		if (cp == '\t') {
			/* one column, as the editor's layout counts it */
			cp = ' ';
			wdt = 1;
		}
		if (cols + wdt > maxcols)
			break;
		if (wdt == 0 && (!cp_drawable(cp) || nb == 0)) {
			/* a stray control or a combining mark with nothing to sit on */
			i += n;
			continue;
		}
		if (!cp_drawable(cp)) {
			for (int k = 0; k < wdt; k++)
				buf[nb++] = L'?';
		} else {
			buf[nb++] = (wchar_t)cp;
		}
		cols += wdt;
		i += n;
		if (nb >= 250) {
			waddnwstr(w, buf, nb);
			nb = 0;
		}
	}
	if (nb > 0)
		waddnwstr(w, buf, nb);
	wattr_set(w, A_NORMAL, 0, NULL);
	return cols;
}

int ui_putz(WINDOW *w, int y, int x, const char *s, int maxcols, attr_t a)
{
	return ui_put(w, y, x, s, strlen(s), maxcols, a);
}

int ui_put_trunc(WINDOW *w, int y, int x, const char *s, int maxcols, attr_t a)
{
	size_t len = strlen(s);
	if ((int)utf8_width(s, len) <= maxcols)
		return ui_put(w, y, x, s, len, maxcols, a);
	if (maxcols <= 1)
		return ui_put(w, y, x, s, len, maxcols, a);
	int c = ui_put(w, y, x, s, utf8_fit(s, len, (size_t)maxcols - 1), maxcols - 1, a);
	c += ui_putz(w, y, x + c, utf8_locale ? "\xe2\x80\xa6" : "~", 1, a);
	return c;
}

void ui_blank(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wmove(w, y, x);
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	for (int i = 0; i < n; i++)
		waddch(w, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
}

void ui_hline(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	if (utf8_locale)
		mvwhline_set(w, y, x, WACS_HLINE, n);
	else
		mvwhline(w, y, x, '-', n);
	wattr_set(w, A_NORMAL, 0, NULL);
}

void ui_vline(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	if (utf8_locale)
		mvwvline_set(w, y, x, WACS_VLINE, n);
	else
		mvwvline(w, y, x, '|', n);
	wattr_set(w, A_NORMAL, 0, NULL);
}

int ui_wrap(const char *s, int width, void (*fn)(size_t start, size_t end, void *arg), void *arg)
{
	/* Short texts (prompts, hints): the editor's own wrapping, from the top. */
	enum { MAXROWS = 256 };
	if (width < 1)
		width = 1;
	textbuf *tb = tb_new();
	tb_set_text(tb, s, strlen(s), 0);
	tb_row *rows = xcalloc(MAXROWS, sizeof *rows);
	int cr, cc;
	int n = tb_layout(tb, width, MAXROWS, rows, &cr, &cc);
	int shown = 0;
	for (int i = 0; i < n; i++) {
		/* the editor's layout gives a row that exactly fills the width an
		 * empty row after it, for the cursor: not a row of text */
		if (i > 0 && rows[i].start == rows[i].end && rows[i].start == rows[i - 1].end)
			continue;
		fn(rows[i].start, rows[i].end, arg);
		shown++;
	}
	free(rows);
	tb_free(tb);
	return shown;
}

size_t ui_key_utf8(int key, char *out)
{
	if (key < 0 || (key & UI_KEY_FN))
		return 0;
	return utf8_encode((uint32_t)key, out);
}

bool ui_key_printable(int key)
{
	if (key < 0x20 || (key & UI_KEY_FN))
		return false;
	if (key == 0x7f || (key >= 0x80 && key < 0xa0))
		return false;
	return key <= 0x10FFFF;
}
