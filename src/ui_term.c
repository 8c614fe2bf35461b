/* ui_term.c — terminal setup and teardown, keys, signals, colours and
 * drawing that never lets a control byte through. */
#include "exitview/ui_term.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <term.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/textbuf.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

static volatile sig_atomic_t got_hup;
static volatile sig_atomic_t got_term;
static volatile sig_atomic_t got_winch;

static SCREEN *screen;
static bool active;
static bool utf8_locale;
static bool use_colour;
static struct sigaction old_hup, old_term, old_int, old_winch;
static attr_t styles[US_COUNT];

/* The input layer: bytes read from standard input, decoded here. */
static kd_decoder keys;
/* How long the rest of a started sequence may take to arrive (a lone Esc
 * is Esc after this): long enough for a sequence split by a slow link,
 * too short for a person to type Esc and then a key. */
#define ESC_DELAY_MS 50

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGWINCH)
		got_winch = 1;
	else
		got_term = 1;
}

static void signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART: a blocked poll returns EINTR */
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
	/* ours, so that ncurses installs none and the size is read here */
	sigaction(SIGWINCH, &sa, &old_winch);
	/* a write past a file-size limit fails with EFBIG instead of killing */
	signal(SIGXFSZ, SIG_IGN);
}

static void signals_restore(void)
{
	sigaction(SIGHUP, &old_hup, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGWINCH, &old_winch, NULL);
}

static void paste_mode(bool on)
{
	/* Bracketed paste: the terminal wraps pasted text in ESC[200~ ESC[201~. */
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
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
	styles[US_MARK] = COLOR_PAIR(4);   /* colour alone: bold as well costs bytes at every mark */
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
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	/* input is read by ui_term_getkey(), never by curses: no look at
	 * standard input in the middle of an update */
	typeahead(-1);
	kd_init(&keys);
	const char *nc = getenv("NO_COLOR");
	use_colour = cfg->colour && str_empty(nc) && has_colors();
	styles_setup();
	/* a blank screen to start from (each screen shows or hides the
	 * cursor itself) */
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
	kd_free(&keys);
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

/* The terminal's new size into curses (after SIGWINCH). */
static void apply_size(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
}

/* fill()'s "interrupted: look at the flags and go on" */
#define FILL_AGAIN (UI_KEY_TIMEOUT - 100)

/* Wait up to ms (-1: no limit) for bytes and feed what one read gives to
 * the decoder.  Returns 1 (bytes fed), 0 (the time passed), or a UI_KEY_*
 * value: a signal or resize came, or the terminal is gone. */
static int fill(int ms)
{
	int sig = ui_term_pending_signal();
	if (sig)
		return sig;
	if (got_winch) {
		got_winch = 0;
		apply_size();
		return UI_KEY_RESIZE;
	}
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	int pr = poll(&pfd, 1, ms);
	if (pr < 0)
		return errno == EINTR ? FILL_AGAIN : UI_KEY_HANGUP;
	if (pr == 0)
		return 0;
	if (!(pfd.revents & POLLIN))
		return UI_KEY_HANGUP;   /* POLLHUP, POLLERR, POLLNVAL alone */
	static char chunk[16384];
	ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? FILL_AGAIN : UI_KEY_HANGUP;
	if (n == 0)
		return UI_KEY_HANGUP;   /* end of file */
	kd_feed(&keys, chunk, (size_t)n);
	return 1;
}

int ui_term_getkey(int timeout_ms)
{
	long long deadline = timeout_ms < 0 ? -1 : ev_clock_ms() + timeout_ms;
	for (;;) {
		int sig = ui_term_pending_signal();
		if (sig)
			return sig;
		int k = kd_next(&keys, false);
		if (k != KD_NONE)
			return k;
		long long left = deadline < 0 ? -1 : deadline - ev_clock_ms();
		if (left < 0 && deadline >= 0)
			left = 0;
		/* a started sequence waits at most the escape delay for its rest */
		bool resolve = kd_pending(&keys) > 0 && (left < 0 || left >= ESC_DELAY_MS);
		int r = fill(resolve ? ESC_DELAY_MS : (int)left);
		if (r == 1 || r == FILL_AGAIN)
			continue;
		if (r != 0)
			return r;
		if (resolve) {
			/* nothing more came: what is held is all there is */
			k = kd_next(&keys, true);
			if (k != KD_NONE)
				return k;
			continue;
		}
		if (deadline >= 0 && ev_clock_ms() >= deadline)
			return UI_KEY_TIMEOUT;
	}
}

int ui_term_read_paste(strbuf *out, int idle_ms)
{
	sb_add(out, "", 0);
	int r = 1;
	bool resized = false;
	while (!kd_paste(&keys, out)) {
		r = fill(idle_ms);
		if (r == UI_KEY_RESIZE)
			resized = true;
		else if (r != 1 && r != FILL_AGAIN)
			break;
	}
	if (resized)
		got_winch = 1;   /* the screen sees it next */
	if (r == 1 || r == FILL_AGAIN || r == UI_KEY_RESIZE)
		return 0;
	return r == 0 ? UI_KEY_TIMEOUT : r;
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
	got_winch = 1;   /* the size may have changed meanwhile */
}

/* The first of names found as an executable in $PATH, or NULL. */
static const char *first_in_path(const char *const *names)
{
	const char *path = getenv("PATH");
	if (str_empty(path))
		path = "/usr/local/bin:/usr/bin:/bin";
	for (; *names; names++) {
		const char *p = path;
		for (;;) {
			const char *colon = strchr(p, ':');
			size_t n = colon ? (size_t)(colon - p) : strlen(p);
			char *dir = n ? xasprintf("%.*s", (int)n, p) : xstrdup(".");
			char *file = fs_join(dir, *names);
			bool found = access(file, X_OK) == 0;
			free(file);
			free(dir);
			if (found)
				return *names;
			if (!colon)
				break;
			p = colon + 1;
		}
	}
	return NULL;
}

/* The editor to run: $VISUAL, $EDITOR, else Debian's choice of the
 * system's editor (sensible-editor, editor), else vi. */
static const char *editor_command(void)
{
	const char *ed = getenv("VISUAL");
	if (str_empty(ed))
		ed = getenv("EDITOR");
	if (!str_empty(ed))
		return ed;
	static const char *const fallbacks[] = { "sensible-editor", "editor", "vi", NULL };
	ed = first_in_path(fallbacks);
	return ed ? ed : "vi";
}

/* A private directory (mkdtemp, 0700) holding one 0600 file. */
int ui_term_edit_external(const char *text, char **out, char **workdir)
{
	*workdir = NULL;
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

	const char *ed = editor_command();

	paste_mode(false);
	def_prog_mode();
	endwin();
	/* as system(3): the terminal's Ctrl-C and Ctrl-\ reach the whole
	 * foreground group while the editor runs; they are the editor's */
	struct sigaction ign, old_sigint, old_sigquit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_sigint);
	sigaction(SIGQUIT, &ign, &old_sigquit);
	pid_t pid = fork();
	if (pid == 0) {
		signals_restore();
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		/* $EDITOR may carry options ("vim -u NONE"): let the shell split it. */
		char *cmd = xasprintf("exec %s \"$1\"", ed);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	int fork_errno = errno;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_sigint, NULL);
	sigaction(SIGQUIT, &old_sigquit, NULL);
	reset_prog_mode();
	paste_mode(true);
	clearok(curscr, TRUE);
	got_winch = 1;   /* the size may have changed meanwhile */
	if (pid < 0) {
		ev_seterr("cannot start the editor: %s", strerror(fork_errno));
		goto out;
	}
	/* A hang-up meanwhile ends the editor too (nano keeps its text in
	 * FILE.save): what it wrote is taken, whatever its exit status. */
	bool hung = got_hup || got_term;
	bool failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	if (failed && !hung) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			ev_seterr("editor '%s' could not be run; notes unchanged", ed);
		else
			ev_seterr("editor '%s' failed; notes unchanged", ed);
		goto out;
	}
	char *save = xasprintf("%s.save", path);
	struct stat sb;
	bool emergency = hung && lstat(save, &sb) == 0 && S_ISREG(sb.st_mode);
	size_t n;
	char *data = fs_read_file(emergency ? save : path, &n);
	free(save);
	if (!data)
		goto out;
	/* Editors add a final newline; the notes did not have one. */
	if (n > 0 && data[n - 1] == '\n' && (len == 0 || text[len - 1] != '\n'))
		data[--n] = '\0';
	if (hung && n == len && memcmp(data, text, len) == 0) {
		free(data);   /* nothing new came back */
		ev_seterr("hang-up while the editor ran; notes unchanged");
		goto out;
	}
	*out = data;
	*workdir = dir;   /* the caller removes it once the text is safe */
	dir = NULL;
	rc = 0;
out:
	if (dir)
		fs_remove_dir(dir);
	free(path);
	return rc;
}

WINDOW *ui_newwin(int nlines, int ncols, int y, int x)
{
	WINDOW *w = newwin(nlines, ncols, y, x);
	if (w)
		clearok(w, FALSE);
	return w;
}

bool ui_term_too_small(void)
{
	return LINES < UI_MIN_LINES || COLS < UI_MIN_COLS;
}

void ui_term_draw_too_small(void)
{
	char msg[160];
	snprintf(msg, sizeof msg, _("terminal too small (need %dx%d)"), UI_MIN_COLS, UI_MIN_LINES);
	int len = (int)utf8_width(msg, strlen(msg));
	werase(stdscr);
	int y = LINES / 2, x = (COLS - len) / 2;
	if (x < 0)
		x = 0;
	ui_putz(stdscr, y, x, msg, COLS - x, A_BOLD);
	wnoutrefresh(stdscr);
}

/* Whether cp may go to the terminal as itself: TEXT by the text rule of
 * utf8.h (no control, bidi control, line separator or BOM: they could
 * reorder or break what the screen shows) that the locale can show. */
static bool cp_drawable(uint32_t cp)
{
	if (utf8_class(cp) != UTF8_TEXT)
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
	/* one run of cells, not a waddch a cell (a twelfth of the start
	 * screen's start-up went into blanking its rows) */
	mvwhline(w, y, x, (chtype)' ' | (a & ~A_CHARTEXT), n);
	int end = x + n, maxx = getmaxx(w);
	wmove(w, y, end < maxx ? end : maxx - 1);
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
	/* Short texts (prompts, hints): the editor's own wrapping, from the
	 * top, every row (a row holds at least one byte, or is a paragraph's
	 * empty one: at most len + 2 rows). */
	if (width < 1)
		width = 1;
	size_t len = strlen(s);
	int maxrows = len + 2 < 1000000 ? (int)len + 2 : 1000000;
	textbuf *tb = tb_new();
	tb_set_text(tb, s, len, 0);
	tb_row *rows = xcalloc((size_t)maxrows, sizeof *rows);
	int cr, cc;
	int n = tb_layout(tb, width, maxrows, rows, &cr, &cc);
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
	if (key < 0 || (key & (KD_FN_BIT | KD_ALT_BIT)) || key > 0x10FFFF)
		return 0;
	return utf8_encode((uint32_t)key, out);
}

bool ui_key_printable(int key)
{
	/* the text rule of utf8.h: only TEXT is typed (a bidi control or a
	 * BOM typed is not text, and moves no focus) */
	if (key < 0 || (key & (KD_FN_BIT | KD_ALT_BIT)) || key > 0x10FFFF)
		return false;
	return utf8_class((uint32_t)key) == UTF8_TEXT;
}
