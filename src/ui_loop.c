/* ui_loop.c — the one event loop: keys in, handlers, one draw per burst.
 *
 * The stall guard: a terminal that stops taking output (a stopped
 * terminal, a stalled SSH window) blocks doupdate().  Saving must not wait
 * for it, so a second thread watches the draws: when one has taken longer
 * than STALL_MS it saves every running view, and on SIGHUP/SIGTERM it
 * saves them (recovery files where the database refuses) and ends the
 * process, the terminal left as it is.  One thread at a time touches the
 * views: the loop holds view_lock except while it draws, and the guard
 * takes it only during a stalled draw.
 */
#include "exitview/ui_loop.h"

#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "exitview/i18n.h"
#include "exitview/ui_help.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_update.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* Keys taken before drawing again (typing fast, a paste without brackets,
 * a key storm): bounded, so the screen shows progress in a long burst. */
enum { BURST_MAX = 4096, PASTE_IDLE_MS = 2000 };

enum { STALL_MS = 1000, GUARD_TICK_MS = 100, MAX_DEPTH = 16 };

static pthread_mutex_t view_lock = PTHREAD_MUTEX_INITIALIZER;
/* draw_since (when the running draw began; 0: none) is under draw_lock;
 * draw_changed wakes the guard when a draw begins or ends, so an idle
 * screen wakes it never. */
static pthread_mutex_t draw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t draw_changed;
static long long draw_since;
static ui_view *running[MAX_DEPTH];     /* the views running, outermost first */
static int depth;

/* Wait on draw_changed (draw_lock held) until the monotonic time ms. */
static void wait_until(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
	pthread_cond_timedwait(&draw_changed, &draw_lock, &ts);
}

/* A draw has blocked for STALL_MS: save every view, or on SIGHUP/SIGTERM
 * save and end.  Called with view_lock held. */
static void stalled(long long since, long long *saved_for)
{
	int known = depth < MAX_DEPTH ? depth : MAX_DEPTH;
	int sig = ui_term_pending_signal();
	if (sig) {
		enum ui_result why = sig == UI_KEY_HANGUP ? UI_R_HANGUP : UI_R_TERM;
		for (int i = known - 1; i >= 0; i--)
			running[i]->hangup(running[i], why);
		_exit(1);   /* the terminal takes nothing: nothing to restore */
	}
	if (since != *saved_for) {
		for (int i = known - 1; i >= 0; i--)
			if (running[i]->save)
				running[i]->save(running[i]);
		*saved_for = since;
	}
}

/* The guard thread (see the top of the file). */
static void *guard_main(void *arg)
{
	(void)arg;
	long long saved_for = 0;   /* the stalled draw already saved for */
	pthread_mutex_lock(&draw_lock);
	for (;;) {
		while (!draw_since)
			pthread_cond_wait(&draw_changed, &draw_lock);
		long long since = draw_since;
		/* the first look after STALL_MS, then (stalled) every tick, for
		 * a signal that comes while the terminal still takes nothing */
		long long due = since + STALL_MS;
		if (saved_for == since)
			due = ev_clock_ms() + GUARD_TICK_MS;
		while (draw_since == since && ev_clock_ms() < due)
			wait_until(due);
		if (draw_since != since)
			continue;   /* that draw ended */
		pthread_mutex_unlock(&draw_lock);
		pthread_mutex_lock(&view_lock);
		pthread_mutex_lock(&draw_lock);
		bool still = draw_since == since;
		pthread_mutex_unlock(&draw_lock);
		if (still)
			stalled(since, &saved_for);
		pthread_mutex_unlock(&view_lock);
		pthread_mutex_lock(&draw_lock);
	}
	return NULL;
}

/* Start the guard once, with every signal blocked in it (they must reach
 * the loop's thread, whose waits they interrupt). */
static void guard_start(void)
{
	static bool started;
	if (started)
		return;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&draw_changed, &ca);
	pthread_condattr_destroy(&ca);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_t t;
	if (pthread_create(&t, NULL, guard_main, NULL) == 0) {
		pthread_detach(t);
		started = true;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Say a draw began (ms) or ended (0). */
static void set_drawing(long long ms)
{
	pthread_mutex_lock(&draw_lock);
	draw_since = ms;
	pthread_cond_signal(&draw_changed);
	pthread_mutex_unlock(&draw_lock);
}

/* The update (ui_update: the cheaper of the difference and a clear and
 * paint, line by line) with the views left to the guard while it may
 * block. */
static void update_screen(void)
{
	set_drawing(ev_clock_ms());
	pthread_mutex_unlock(&view_lock);
	ui_update();
	pthread_mutex_lock(&view_lock);
	set_drawing(0);
}

typedef struct loop {
	ui_view *v;
	unsigned damage;
	bool small;             /* too small now: nothing laid out or drawn */
	bool laid_out;
} loop;

/* The terminal has a (new) size: lay the view out if it fits. */
static void resized(loop *l)
{
	l->small = ui_term_too_small();
	if (!l->small) {
		l->v->layout(l->v);
		l->laid_out = true;
	}
	l->damage = UI_DAMAGE_ALL;
}

static void end_with(loop *l, enum ui_result why)
{
	l->v->hangup(l->v, why);
	l->v->done = true;
	l->v->result = why;
}

static void draw(loop *l)
{
	if (!l->damage)
		return;
	if (l->small)
		ui_term_draw_too_small();
	else
		l->v->draw(l->v, l->damage);
	update_screen();
	l->damage = 0;
}

/* A bracketed paste: read whole, handed over at once. */
static void paste(loop *l)
{
	strbuf text = STRBUF_INIT;
	int r = ui_term_read_paste(&text, PASTE_IDLE_MS);
	if (text.len > 0) {
		if (l->v->paste) {
			unsigned d = l->v->paste(l->v, text.s, text.len);
			l->damage |= d == UI_DAMAGE_ALL ? 0 : d;
			if (d == UI_DAMAGE_ALL)
				resized(l);
		} else {
			for (size_t i = 0; i < text.len && !l->v->done;) {
				uint32_t cp;
				size_t n = utf8_decode(text.s + i, text.len - i, &cp);
				l->damage |= l->v->key(l->v, (int)cp);
				i += n;
			}
		}
	}
	sb_free(&text);
	if ((r == UI_KEY_HANGUP || r == UI_KEY_TERM) && !l->v->done)
		end_with(l, r == UI_KEY_HANGUP ? UI_R_HANGUP : UI_R_TERM);
}

static void one_key(loop *l, int key)
{
	ui_view *v = l->v;
	switch (key) {
	case UI_KEY_HANGUP:
	case UI_KEY_TERM:
		end_with(l, key == UI_KEY_HANGUP ? UI_R_HANGUP : UI_R_TERM);
		return;
	case UI_KEY_RESIZE:
		resized(l);
		return;
	case KD_PASTE_BEGIN:
		paste(l);
		return;
	case KD_PASTE_END:
		return;
	default:
		break;
	}
	if (key < 0)
		return;
	switch (ui_keys_action(v->pane, key)) {
	case A_HELP: {
		enum ui_result r = ui_help_show();
		if (r == UI_R_HANGUP || r == UI_R_TERM)
			end_with(l, r);
		else
			resized(l);
		return;
	}
	case A_REDRAW:
		clearok(curscr, TRUE);
		resized(l);
		return;
	case A_SUSPEND:
		if (v->save)
			v->save(v);
		ui_term_suspend();
		resized(l);
		return;
	default:
		break;
	}
	unsigned d = v->key(v, key);
	if (d == UI_DAMAGE_ALL && !v->done)
		resized(l);
	else
		l->damage |= d;
}

static int wait_ms(loop *l)
{
	return l->v->until_tick ? l->v->until_tick(l->v) : -1;
}

static void tick(loop *l)
{
	if (l->v->tick && !l->v->done)
		l->damage |= l->v->tick(l->v);
}

enum ui_result ui_loop_run(ui_view *v)
{
	if (depth == 0) {
		guard_start();
		pthread_mutex_lock(&view_lock);
	}
	if (depth < MAX_DEPTH)   /* the deepest is interview, form, help */
		running[depth] = v;
	depth++;
	loop l = { v, 0, false, false };
	resized(&l);
	while (!v->done) {
		draw(&l);
		int key = ui_term_getkey(wait_ms(&l));
		if (key == UI_KEY_TIMEOUT) {
			tick(&l);
			continue;
		}
		one_key(&l, key);
		for (int i = 0; i < BURST_MAX && !v->done; i++) {
			int k = ui_term_getkey(0);
			if (k == UI_KEY_TIMEOUT)
				break;
			one_key(&l, k);
		}
		/* the keys' effect on screen first, then any saving */
		if (!v->done)
			draw(&l);
		tick(&l);
	}
	depth--;
	if (depth == 0)
		pthread_mutex_unlock(&view_lock);
	return v->result;
}

void ui_msg_vset(ui_msg *m, bool error, const char *fmt, va_list ap)
{
	vsnprintf(m->text, sizeof m->text, _(fmt), ap);
	m->error = error;
}

void ui_msg_set(ui_msg *m, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_msg_vset(m, error, fmt, ap);
	va_end(ap);
}
