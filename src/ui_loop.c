/* ui_loop.c — the one event loop: keys in, handlers, one draw per burst. */
#include "exitview/ui_loop.h"

#include "exitview/ui_help.h"
#include "exitview/ui_keys.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

/* Keys taken before drawing again (typing fast, a paste without brackets,
 * a key storm): bounded, so the screen shows progress in a long burst. */
enum { BURST_MAX = 4096, PASTE_IDLE_MS = 2000 };

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
	doupdate();
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
	return v->result;
}
