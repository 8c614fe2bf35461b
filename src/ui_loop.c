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
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "exitview/ui_help.h"
#include "exitview/ui_keys.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* Keys taken before drawing again (typing fast, a paste without brackets,
 * a key storm): bounded, so the screen shows progress in a long burst. */
enum { BURST_MAX = 4096, PASTE_IDLE_MS = 2000 };

enum { STALL_MS = 1000, GUARD_TICK_MS = 100, MAX_DEPTH = 16 };

static pthread_mutex_t view_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_llong draw_since;         /* when the running draw began; 0: none */
static ui_view *running[MAX_DEPTH];     /* the views running, outermost first */
static int depth;

static long long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The guard thread (see the top of the file). */
static void *guard_main(void *arg)
{
	(void)arg;
	long long saved_for = 0;   /* the stalled draw already saved for */
	for (;;) {
		struct timespec tick = { 0, GUARD_TICK_MS * 1000000L };
		nanosleep(&tick, NULL);
		long long since = atomic_load(&draw_since);
		if (!since || clock_ms() - since < STALL_MS)
			continue;
		pthread_mutex_lock(&view_lock);
		since = atomic_load(&draw_since);
		int known = depth < MAX_DEPTH ? depth : MAX_DEPTH;
		if (since && clock_ms() - since >= STALL_MS) {
			int sig = ui_term_pending_signal();
			if (sig) {
				enum ui_result why = sig == UI_KEY_HANGUP ? UI_R_HANGUP : UI_R_TERM;
				for (int i = known - 1; i >= 0; i--)
					running[i]->hangup(running[i], why);
				_exit(1);   /* the terminal takes nothing: nothing to restore */
			}
			if (since != saved_for) {
				for (int i = known - 1; i >= 0; i--)
					if (running[i]->save)
						running[i]->save(running[i]);
				saved_for = since;
			}
		}
		pthread_mutex_unlock(&view_lock);
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

/* doupdate() with the views left to the guard while it may block. */
static void update_screen(void)
{
	atomic_store(&draw_since, clock_ms());
	pthread_mutex_unlock(&view_lock);
	doupdate();
	pthread_mutex_lock(&view_lock);
	atomic_store(&draw_since, 0);
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
