/* ptybench.c — drive a program in a pseudo-terminal and time it (issue 6).
 *
 * usage: ptybench [OPTIONS] MODE [ARG] -- COMMAND [ARGS...]
 *   start          start-up: from just before the fork to the last output
 *                  byte before the output stays quiet (-s ms)
 *   type           start-up, then the typing script (221 keys), one key at
 *                  a time, each waiting until the output settles (-q ms)
 *   paste BYTES    start-up, then BYTES of text as one bracketed paste
 *   idle SECONDS   start-up, then SECONDS of doing nothing: bytes/s and
 *                  wake-ups (voluntary context switches of all threads)
 *   pace MS        start-up, then the typing script at a person's pace: a
 *                  key every MS ms whatever the output (the program's own
 *                  timers, e.g. autosaves, run meanwhile), then -w ms more;
 *                  every byte the program sent after start-up is counted
 *   steps STEP... --  start-up, then each STEP in turn, settled, and its
 *                  bytes: NAME=k:KEYS writes KEYS (C escapes) at once,
 *                  NAME=r:ROWSxCOLS resizes the terminal (SIGWINCH), and
 *                  NAME=w:MS waits MS ms; prints "NAME_bytes N" per step
 *   run            no terminal: run COMMAND with stdout to -o FILE (or
 *                  /dev/null); wall time and peak RSS from wait4()
 *   script         print the typing script (one key a line, escaped)
 * options:
 *   -q MS    quiet gap that ends a key's response (default 25)
 *   -s MS    quiet gap that ends start-up (default 100)
 *   -p KEYS  keys sent after start-up, each settled, before measuring
 *            (C escapes: \e \r \n \t \xHH \\)
 *   -P FILE  like -p but the keys are read from FILE (escaped, one a line)
 *   -Q KEYS  keys that make the program quit (default: none; after a
 *            second without exiting it gets SIGHUP, then SIGKILL)
 *   -m       print the peak RSS (VmHWM) just before quitting
 *   -o FILE  (run) stdout goes here
 *   -d FILE  append everything the program writes to FILE (to look at)
 *   -n KEYS  (pace) only the first KEYS keys of the script
 *   -w MS    (pace) how long to go on counting after the last key (3000)
 *   -T TERM  the child's TERM (default xterm-256color)
 *
 * Output: "name value" lines (times in ms, sizes in bytes or KB), e.g.
 *   startup_ms 12.3 / startup_bytes 1800 / keys 221 / bytes_total 457 / bytes_median 1 /
 *   resp_median_ms 0.14 / resp_p95_ms 0.3 / silent_keys 0 / rss_kb 1700
 *   pace: pace_keys 100 / pace_bytes 250 / pace_seconds 28.0
 *   steps: help_bytes 2100 / close_bytes 900 ...
 * The child runs at 80x24 with TERM=xterm-256color (-T) and LANG=LC_ALL=C.UTF-8
 * and the rest of the environment inherited (the caller gives it a private
 * HOME).  No figure here is ever compared with a limit: that is the
 * caller's business, and only for printing.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"

#define MAXKEYS 4096

static int quiet_ms = 25;
static int startup_quiet_ms = 100;
static int master = -1;
static pid_t child = -1;
static bool child_gone;
static bool app_cursor;            /* DECCKM: arrows as ESC O x */
static char tail[8];               /* end of the previous chunk, to find split sequences */
static long long total_out;
static double last_out;            /* time of the last output byte */
static FILE *dump;                 /* -d */
static const char *term_name = "xterm-256color";   /* -T */

static void die(const char *msg)
{
	fprintf(stderr, "ptybench: %s\n", msg);
	if (child > 0 && !child_gone)
		kill(child, SIGKILL);
	exit(2);
}

/* Decode C escapes into buf; returns the length. */
static size_t unescape(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	while (*s && n + 1 < cap) {
		if (*s != '\\' || !s[1]) {
			buf[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': buf[n++] = 27; s++; break;
		case 'r': buf[n++] = '\r'; s++; break;
		case 'n': buf[n++] = '\n'; s++; break;
		case 't': buf[n++] = '\t'; s++; break;
		case 'x': {
			unsigned v = 0;
			int i;
			s++;
			for (i = 0; i < 2 && *s; i++, s++) {
				char c = *s;
				if (c >= '0' && c <= '9') v = v * 16 + (unsigned)(c - '0');
				else if (c >= 'a' && c <= 'f') v = v * 16 + (unsigned)(c - 'a' + 10);
				else if (c >= 'A' && c <= 'F') v = v * 16 + (unsigned)(c - 'A' + 10);
				else break;
			}
			buf[n++] = (char)v;
			break;
		}
		default: buf[n++] = *s++; break;
		}
	}
	buf[n] = 0;
	return n;
}

/* Watch the output for the cursor-key mode, as a terminal would. */
static void scan_output(const char *p, size_t n)
{
	char win[8 + 4096];
	size_t tl = strlen(tail), k = n > 4096 ? 4096 : n;
	const char *src = p + (n - k);
	memcpy(win, tail, tl);
	memcpy(win + tl, src, k);
	size_t wl = tl + k;
	/* the last of "ESC[?1h" / "ESC[?1l" in the window wins */
	for (size_t i = 0; i + 5 <= wl; i++) {
		if (win[i] == 27 && win[i + 1] == '[' && win[i + 2] == '?' && win[i + 3] == '1') {
			/* ESC[?1h or ESC[?1l, maybe inside a list like ESC[?1;1049h: keep simple */
			if (win[i + 4] == 'h')
				app_cursor = true;
			else if (win[i + 4] == 'l')
				app_cursor = false;
		}
	}
	size_t keep = wl < 6 ? wl : 6;
	memcpy(tail, win + wl - keep, keep);
	tail[keep] = 0;
	/* a NUL inside the kept bytes would cut the tail short: harmless */
}

/* Read what is there; returns bytes read (0 none, -1 child gone). */
static long drain_once(void)
{
	char buf[65536];
	long got = 0;
	for (;;) {
		ssize_t r = read(master, buf, sizeof buf);
		if (r > 0) {
			scan_output(buf, (size_t)r);
			if (dump)
				fwrite(buf, 1, (size_t)r, dump);
			got += r;
			total_out += r;
			last_out = bench_now_ms();
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return got;
		/* EIO or EOF: the slave side is closed */
		child_gone = true;
		return got ? got : -1;
	}
}

/* Wait for output to settle: up to first_ms for a first byte, then until
 * quiet for quiet gap ms.  *last = time of the last byte (or 0 if none);
 * returns the bytes seen. */
static long settle(double first_ms, int gap_ms, double *last)
{
	double start = bench_now_ms();
	long bytes = 0;
	*last = 0;
	for (;;) {
		double t = bench_now_ms();
		double deadline = bytes ? *last + gap_ms : start + first_ms;
		if (t >= deadline || child_gone)
			break;
		struct pollfd pfd = { master, POLLIN, 0 };
		int wait = (int)(deadline - t) + 1;
		int r = poll(&pfd, 1, wait);
		if (r < 0 && errno != EINTR)
			die("poll failed");
		if (r > 0) {
			long got = drain_once();
			if (got > 0) {
				bytes += got;
				*last = last_out;
			}
		}
	}
	return bytes;
}

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(master, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd pfd = { master, POLLOUT | POLLIN, 0 };
				poll(&pfd, 1, 100);
				if (pfd.revents & POLLIN)
					drain_once();
				continue;
			}
			die("write to the terminal failed");
		}
		p += w;
		n -= (size_t)w;
	}
}

static void spawn(char **argv)
{
	struct winsize ws = { 24, 80, 0, 0 };
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		die("forkpty failed");
	if (child == 0) {
		setenv("TERM", term_name, 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		unsetenv("COLUMNS");
		unsetenv("LINES");
		execvp(argv[0], argv);
		fprintf(stderr, "ptybench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int fl = fcntl(master, F_GETFL);
	fcntl(master, F_SETFL, fl | O_NONBLOCK);
}

static long read_status_kb(const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)child);
	FILE *f = fopen(path, "r");
	long v = -1;
	size_t fl = strlen(field);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, fl) == 0 && line[fl] == ':')
			v = strtol(line + fl + 1, NULL, 10);
	fclose(f);
	return v;
}

/* Voluntary context switches of every thread of the child. */
static long wakeups(void)
{
	char path[96], line[256];
	long sum = 0;
	snprintf(path, sizeof path, "/proc/%d/task", (int)child);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%.20s/status", (int)child, e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
				sum += strtol(line + 24, NULL, 10);
		fclose(f);
	}
	closedir(d);
	return sum;
}

static void finish(const char *quit)
{
	char buf[256];
	double last;
	int st;
	if (quit && *quit && !child_gone) {
		size_t n = unescape(quit, buf, sizeof buf);
		for (size_t i = 0; i < n && !child_gone; i++) {
			/* the program may be gone already: a failed write is no error */
			if (write(master, buf + i, 1) != 1)
				break;
			settle(300, 30, &last);
		}
	}
	double end = bench_now_ms() + 1000;
	while (bench_now_ms() < end) {
		if (waitpid(child, &st, WNOHANG) == child)
			goto done;
		settle(20, 20, &last);
	}
	kill(child, SIGHUP);
	end = bench_now_ms() + 1000;
	while (bench_now_ms() < end) {
		if (waitpid(child, &st, WNOHANG) == child)
			goto done;
		settle(20, 20, &last);
	}
	kill(child, SIGKILL);
	waitpid(child, &st, 0);
done:
	close(master);
}

/* ---- the typing script ---- */

static char *keys[MAXKEYS];
static int nkeys;

static void add_key(const char *k)
{
	if (nkeys == MAXKEYS)
		die("too many keys");
	keys[nkeys++] = strdup(k);
}

/* One key per UTF-8 character of s. */
static void add_text(const char *s)
{
	while (*s) {
		char k[8];
		size_t len = 1;
		unsigned char c = (unsigned char)*s;
		if (c >= 0xf0) len = 4;
		else if (c >= 0xe0) len = 3;
		else if (c >= 0xc0) len = 2;
		memcpy(k, s, len);
		k[len] = 0;
		add_key(k);
		s += len;
	}
}

static void add_n(const char *k, int n)
{
	while (n-- > 0)
		add_key(k);
}

/* Markers for arrow keys, turned into the right bytes when sent. */
#define K_LEFT "\x01L"
#define K_RIGHT "\x01R"
#define K_UP "\x01U"
#define K_DOWN "\x01" "D"
#define K_BS "\x7f"
#define K_ENTER "\r"

/* 200 characters of text (with å ä ö, three typed-then-erased), three
 * Enters, six Backspaces and twelve arrow keys: 221 keys. */
static void build_script(void)
{
	add_text("Hon säger att lönen inte var skälet till att hon slutar.");
	add_key(K_ENTER);
	add_text("Det var bristen på återkoppling och att projekten ändrades ofta.");
	add_text("xyz");                    /* a typo ... */
	add_n(K_BS, 3);                     /* ... erased */
	add_key(K_ENTER);
	add_text("Chefen var snäll men sällan där");
	add_n(K_LEFT, 4);
	add_n(K_RIGHT, 4);
	add_text(". Hon vill gärna komma tillbaka.");
	add_text("abc");
	add_n(K_BS, 3);
	add_n(K_UP, 2);
	add_n(K_DOWN, 2);
	add_key(K_ENTER);
	add_text("Åsa ringer.");
}

static size_t key_bytes(const char *k, char *out)
{
	if (k[0] == 1) {
		char c = k[1] == 'L' ? 'D' : k[1] == 'R' ? 'C' : k[1] == 'U' ? 'A' : 'B';
		out[0] = 27;
		out[1] = app_cursor ? 'O' : '[';
		out[2] = c;
		return 3;
	}
	size_t n = strlen(k);
	memcpy(out, k, n);
	return n;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

/* Send one key and wait for its response.  Returns bytes; *ms the time to
 * the last byte (-1 if nothing came). */
static long send_key(const char *k, double *ms)
{
	char b[16];
	double last;
	size_t n = key_bytes(k, b);
	double t0 = bench_now_ms();
	write_all(b, n);
	long got = settle(300, quiet_ms, &last);
	*ms = got > 0 ? last - t0 : -1;
	return got;
}

static void send_pre(const char *spec, bool from_file)
{
	char line[4096], buf[4096];
	double ms;
	if (!spec)
		return;
	if (!from_file) {
		size_t n = unescape(spec, buf, sizeof buf);
		for (size_t i = 0; i < n; i++) {
			char k[2] = { buf[i], 0 };
			if (buf[i] == 27 && i + 2 < n && (buf[i + 1] == '[' || buf[i + 1] == 'O')) {
				/* keep an escape sequence together */
				char seq[8];
				size_t j = 0;
				seq[j++] = buf[i++];
				while (i < n && j < 7) {
					seq[j++] = buf[i];
					if (j > 2 && buf[i] >= 0x40 && buf[i] <= 0x7e)
						break;
					i++;
				}
				seq[j] = 0;
				write_all(seq, j);
				double last;
				settle(300, quiet_ms, &last);
				continue;
			}
			send_key(k, &ms);
		}
		return;
	}
	FILE *f = fopen(spec, "r");
	if (!f)
		die("cannot read the -P file");
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (!*line)
			continue;
		unescape(line, buf, sizeof buf);
		write_all(buf, strlen(buf));
		double last;
		settle(300, quiet_ms, &last);
	}
	fclose(f);
}

static double startup(char **argv)
{
	double t0 = bench_now_ms(), last;
	spawn(argv);
	long got = settle(10000, startup_quiet_ms, &last);
	if (got <= 0)
		die("the program printed nothing within 10 s");
	return last - t0;
}

/* Plain text for the paste: lines of prose, ASCII and Swedish. */
static char *paste_text(long bytes)
{
	static const char *const lines[] = {
		"She said the workload grew every quarter and nobody asked whether it was sustainable.",
		"Hon tyckte att introduktionen var bra men att uppföljningen saknades helt efter ett år.",
		"The team was great; what made her leave was the lack of a path to a senior role.",
		"Lönen låg under marknaden, och när hon tog upp det fick hon vänta i åtta månader.",
		"He would come back if the on-call rota were shared fairly across the whole group.",
	};
	char *s = malloc((size_t)bytes + 1);
	long n = 0;
	unsigned i = 0;
	if (!s)
		die("out of memory");
	while (n < bytes) {
		const char *l = lines[i++ % 5];
		long len = (long)strlen(l);
		if (n + len + 1 > bytes) {
			/* pad with spaces and end with a newline */
			while (n < bytes - 1)
				s[n++] = ' ';
			s[n++] = '\n';
			break;
		}
		memcpy(s + n, l, (size_t)len);
		n += len;
		s[n++] = '\n';
	}
	s[n] = 0;
	return s;
}

/* Drain whatever comes until the monotonic time `until`. */
static void drain_until(double until)
{
	for (;;) {
		double t = bench_now_ms();
		if (t >= until || child_gone)
			return;
		struct pollfd pfd = { master, POLLIN, 0 };
		int r = poll(&pfd, 1, (int)(until - t) + 1);
		if (r < 0 && errno != EINTR)
			die("poll failed");
		if (r > 0)
			drain_once();
	}
}

/* pace: the typing script, a key every ms whatever the output. */
static void mode_pace(int ms, int maxkeys, int tail_ms)
{
	char b[16];
	build_script();
	int n = maxkeys > 0 && maxkeys < nkeys ? maxkeys : nkeys;
	long long before = total_out;
	double t0 = bench_now_ms(), next = t0;
	for (int i = 0; i < n && !child_gone; i++) {
		size_t len = key_bytes(keys[i], b);
		write_all(b, len);
		next += ms;
		drain_until(next);
	}
	drain_until(bench_now_ms() + tail_ms);
	printf("pace_keys %d\n", n);
	printf("pace_ms %d\n", ms);
	printf("pace_bytes %lld\n", total_out - before);
	printf("pace_seconds %.1f\n", (bench_now_ms() - t0) / 1000);
}

/* steps: NAME=k:KEYS, NAME=r:ROWSxCOLS or NAME=w:MS, each settled. */
static void mode_steps(char **steps, int nsteps)
{
	for (int i = 0; i < nsteps && !child_gone; i++) {
		const char *eq = strchr(steps[i], '=');
		if (!eq || eq == steps[i] || !eq[1] || eq[2] != ':')
			die("a step is NAME=k:KEYS, NAME=r:ROWSxCOLS or NAME=w:MS");
		const char *arg = eq + 3;
		long long before = total_out;
		double last;
		switch (eq[1]) {
		case 'k': {
			char buf[4096];
			size_t n = unescape(arg, buf, sizeof buf);
			write_all(buf, n);
			settle(300, quiet_ms, &last);
			break;
		}
		case 'r': {
			struct winsize ws = { 0, 0, 0, 0 };
			int rows, cols;
			if (sscanf(arg, "%dx%d", &rows, &cols) != 2 || rows < 1 || cols < 1)
				die("a resize step is NAME=r:ROWSxCOLS");
			ws.ws_row = (unsigned short)rows;
			ws.ws_col = (unsigned short)cols;
			if (ioctl(master, TIOCSWINSZ, &ws) != 0)
				die("cannot resize the terminal");
			settle(300, quiet_ms, &last);
			break;
		}
		case 'w':
			drain_until(bench_now_ms() + atoi(arg));
			break;
		default:
			die("a step is NAME=k:KEYS, NAME=r:ROWSxCOLS or NAME=w:MS");
		}
		printf("%.*s_bytes %lld\n", (int)(eq - steps[i]), steps[i], total_out - before);
	}
}

static int mode_run(char **argv, const char *out)
{
	struct rusage ru;
	int st;
	double t0 = bench_now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int in = open("/dev/null", O_RDONLY);
		if (fd < 0 || in < 0)
			_exit(126);
		dup2(fd, 1);
		dup2(in, 0);
		execvp(argv[0], argv);
		fprintf(stderr, "ptybench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0)
		die("wait4 failed");
	double t1 = bench_now_ms();
	printf("wall_ms %.2f\n", t1 - t0);
	printf("rss_kb %ld\n", ru.ru_maxrss);
	printf("status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: ptybench [-q MS] [-s MS] [-p KEYS | -P FILE] [-Q KEYS] [-m] [-o FILE] [-d FILE]\n"
		"                [-n KEYS] [-w MS] [-T TERM]\n"
		"                start|type|paste BYTES|idle SECONDS|pace MS|run|script -- COMMAND [ARGS...]\n"
		"       ptybench [OPTIONS] steps NAME=k:KEYS|NAME=r:ROWSxCOLS|NAME=w:MS... -- COMMAND [ARGS...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *pre = NULL, *quit = NULL, *out = NULL;
	bool pre_file = false, mem = false;
	int opt, pace_keys = 0, pace_tail = 3000;
	while ((opt = getopt(argc, argv, "+q:s:p:P:Q:mo:d:n:w:T:")) != -1) {
		switch (opt) {
		case 'q': quiet_ms = atoi(optarg); break;
		case 's': startup_quiet_ms = atoi(optarg); break;
		case 'p': pre = optarg; pre_file = false; break;
		case 'P': pre = optarg; pre_file = true; break;
		case 'Q': quit = optarg; break;
		case 'm': mem = true; break;
		case 'n': pace_keys = atoi(optarg); break;
		case 'w': pace_tail = atoi(optarg); break;
		case 'T': term_name = optarg; break;
		case 'o': out = optarg; break;
		case 'd':
			if (!(dump = fopen(optarg, "a")))
				die("cannot open the -d file");
			break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	const char *mode = argv[optind++];
	const char *arg = NULL;
	char **steps = NULL;
	int nsteps = 0;
	if (!strcmp(mode, "paste") || !strcmp(mode, "idle") || !strcmp(mode, "pace")) {
		if (optind >= argc)
			usage();
		arg = argv[optind++];
	} else if (!strcmp(mode, "steps")) {
		steps = argv + optind;
		while (optind < argc && strcmp(argv[optind], "--") != 0)
			optind++;
		nsteps = (int)(argv + optind - steps);
		if (nsteps == 0)
			usage();
	}
	if (!strcmp(mode, "script")) {
		build_script();
		for (int i = 0; i < nkeys; i++) {
			const char *k = keys[i];
			if (k[0] == 1) printf("<%s>\n", k[1] == 'L' ? "Left" : k[1] == 'R' ? "Right" : k[1] == 'U' ? "Up" : "Down");
			else if (k[0] == '\r') printf("<Enter>\n");
			else if (k[0] == 0x7f) printf("<Backspace>\n");
			else printf("%s\n", k);
		}
		printf("keys %d\n", nkeys);
		return 0;
	}
	if (optind < argc && !strcmp(argv[optind], "--"))
		optind++;
	if (optind >= argc)
		usage();
	char **cmd = argv + optind;
	signal(SIGPIPE, SIG_IGN);

	if (!strcmp(mode, "run"))
		return mode_run(cmd, out);

	double su = startup(cmd);
	printf("startup_ms %.2f\n", su);
	printf("startup_bytes %lld\n", total_out);
	send_pre(pre, pre_file);
	if (!strcmp(mode, "start")) {
		/* nothing more */
	} else if (!strcmp(mode, "type")) {
		static double resp[MAXKEYS];
		static long bytes[MAXKEYS];
		int nresp = 0, silent = 0;
		long tot = 0;
		build_script();
		for (int i = 0; i < nkeys && !child_gone; i++) {
			double ms;
			long b = send_key(keys[i], &ms);
			bytes[i] = b;
			tot += b;
			if (ms >= 0)
				resp[nresp++] = ms;
			else
				silent++;
		}
		qsort(bytes, (size_t)nkeys, sizeof *bytes, cmp_long);
		printf("keys %d\n", nkeys);
		printf("bytes_total %ld\n", tot);
		printf("bytes_median %ld\n", bytes[nkeys / 2]);
		printf("bytes_max %ld\n", bytes[nkeys - 1]);
		printf("resp_median_ms %.3f\n", pct(resp, nresp, 0.5));
		printf("resp_p95_ms %.3f\n", pct(resp, nresp, 0.95));
		printf("silent_keys %d\n", silent);
	} else if (!strcmp(mode, "paste")) {
		long n = atol(arg);
		if (n <= 0)
			usage();
		char *text = paste_text(n);
		double last, t0 = bench_now_ms();
		long before = total_out;
		write_all("\033[200~", 6);
		write_all(text, (size_t)n);
		write_all("\033[201~", 6);
		settle(2000, 100, &last);
		long bytes = total_out - before;
		printf("paste_bytes %ld\n", n);
		printf("paste_ms %.2f\n", bytes > 0 ? last_out - t0 : -1.0);
		printf("paste_out_bytes %ld\n", bytes);
		free(text);
	} else if (!strcmp(mode, "pace")) {
		int ms = atoi(arg);
		if (ms <= 0)
			usage();
		mode_pace(ms, pace_keys, pace_tail);
	} else if (!strcmp(mode, "steps")) {
		mode_steps(steps, nsteps);
	} else if (!strcmp(mode, "idle")) {
		double secs = atof(arg);
		if (secs <= 0)
			usage();
		long w0 = wakeups();
		long long before = total_out;
		double t0 = bench_now_ms();
		while (bench_now_ms() - t0 < secs * 1000 && !child_gone) {
			struct pollfd pfd = { master, POLLIN, 0 };
			if (poll(&pfd, 1, 50) > 0)
				drain_once();
		}
		double el = (bench_now_ms() - t0) / 1000;
		long b = (long)(total_out - before);
		long w1 = wakeups();
		printf("idle_bytes_per_s %.1f\n", b / el);
		if (w0 >= 0 && w1 >= 0)
			printf("idle_wakeups_per_s %.1f\n", (w1 - w0) / el);
	} else {
		usage();
	}
	if (mem)
		printf("rss_kb %ld\n", read_status_kb("VmHWM"));
	printf("exited_early %d\n", child_gone ? 1 : 0);
	finish(quit);
	return 0;
}
