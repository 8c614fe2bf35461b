/* ui_action_form.c — one action item's text, owner and due date in a
 * small form (ui_action_form.h), on the keys of the forms (P_FORM). */
#include "exitview/ui_action_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/i18n.h"
#include "exitview/store_actions.h"
#include "exitview/textbuf.h"
#include "exitview/ui_editor.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

enum { AF_TEXT, AF_OWNER, AF_DUE, AF_N };
static const char *const labels[AF_N] = { N_("Action"), N_("Owner"), N_("Due date") };

/* The labels' column: 10, or as wide as the longest in the reader's
 * language ("Klart senast"). */
static int label_width(void)
{
	int lw = 10;
	for (int i = 0; i < AF_N; i++) {
		int w = (int)utf8_width(_(labels[i]), strlen(_(labels[i])));
		if (w > lw)
			lw = w;
	}
	return lw;
}

typedef struct aform {
	ui_view v;              /* first: the loop's handle */
	store *st;
	iv_action a;            /* as opened */
	char *val[AF_N];
	int cur;
	textbuf *tb;            /* the focused field */
	ui_msg msg;
	char *out_msg;
	WINDOW *w;
} aform;

static void keep_field(aform *f)
{
	char *t = tb_text(f->tb, NULL);
	free(f->val[f->cur]);
	f->val[f->cur] = t;
}

static void focus(aform *f, int i)
{
	keep_field(f);
	f->cur = (i + AF_N) % AF_N;
	tb_set_text(f->tb, f->val[f->cur], strlen(f->val[f->cur]), strlen(f->val[f->cur]));
}

/* Save what the fields hold: 0 (saved, or nothing changed) or -1 with
 * f->msg saying why. */
static int save(aform *f)
{
	keep_field(f);
	free(f->out_msg);
	f->out_msg = NULL;
	if (action_check_text(f->val[AF_TEXT]) != 0 || action_check_owner(f->val[AF_OWNER]) != 0 ||
	    action_check_due(f->val[AF_DUE]) != 0) {
		ui_msg_set(&f->msg, true, "%s", ev_lasterr());
		f->out_msg = xasprintf(_("action not saved: %s"), ev_lasterr());
		return -1;
	}
	int rc;
	if (f->a.id == 0) {
		iv_action n = { .interview_id = f->a.interview_id, .question = f->a.question };
		n.text = xstrdup(f->val[AF_TEXT]);
		n.owner = xstrdup(f->val[AF_OWNER]);
		snprintf(n.due, sizeof n.due, "%s", f->val[AF_DUE]);
		rc = store_action_add(f->st, &n);
		if (rc == 0) {
			f->a.id = n.id;   /* saved once: a second save edits it */
			f->out_msg = xasprintf(_("action %lld: %s"), (long long)n.id, n.text);
		}
		action_clear(&n);
	} else {
		bool same = strcmp(f->val[AF_TEXT], f->a.text) == 0 && strcmp(f->val[AF_OWNER], f->a.owner) == 0 &&
			    strcmp(f->val[AF_DUE], f->a.due) == 0;
		rc = same ? 0 : store_action_edit(f->st, f->a.id, f->val[AF_TEXT], f->val[AF_OWNER], f->val[AF_DUE]);
		f->out_msg = same ? xasprintf(_("action %lld unchanged"), (long long)f->a.id)
				  : xasprintf(_("action %lld saved"), (long long)f->a.id);
		if (rc == 0 && !same) {
			str_set(&f->a.text, f->val[AF_TEXT]);
			str_set(&f->a.owner, f->val[AF_OWNER]);
			snprintf(f->a.due, sizeof f->a.due, "%s", f->val[AF_DUE]);
		}
	}
	if (rc != 0) {
		free(f->out_msg);
		f->out_msg = xasprintf(_("action not saved: %s"), ev_lasterr());
		ui_msg_set(&f->msg, true, "not saved: %s", ev_lasterr());
	}
	return rc;
}

static void end(aform *f, enum ui_result r)
{
	f->v.result = r;
	f->v.done = true;
}

static void draw(ui_view *v, unsigned damage)
{
	(void)damage;
	aform *f = (aform *)v;
	WINDOW *w = f->w;
	int W = COLS, H = LINES;
	werase(w);
	char title[96];
	if (f->a.id)
		snprintf(title, sizeof title, _("Action item %lld"), (long long)f->a.id);
	else
		snprintf(title, sizeof title, "%s", _("New action item"));
	ui_blank(w, 0, 0, W, ui_attr(US_STATUS));
	ui_put_trunc(w, 0, 1, title, W - 2, ui_attr(US_STATUS) | A_BOLD);
	int labelw = label_width();
	int vx = labelw + 3, vw = W - vx - 2, cy = 2, cx = vx;
	for (int i = 0; i < AF_N; i++) {
		int y = 2 + i;
		bool cur = i == f->cur;
		char label[64];
		snprintf(label, sizeof label, "%s:", _(labels[i]));
		int lw = (int)utf8_width(label, strlen(label));
		ui_putz(w, y, labelw + 1 - lw, label, labelw + 1, cur ? ui_attr(US_TITLE) : A_NORMAL);
		attr_t a = cur ? ui_attr(US_SELECTED) : A_NORMAL;
		if (cur) {
			ui_editor_draw_line(w, y, vx, vw, f->tb, a);
			getyx(w, cy, cx);
		} else {
			ui_blank(w, y, vx, vw, a);
			ui_put_trunc(w, y, vx, f->val[i], vw, a);
			if (i == AF_DUE && !f->val[i][0])
				ui_putz(w, y, vx, _("YYYY-MM-DD (or empty)"), vw, ui_attr(US_DIM));
		}
	}
	ui_put_trunc(w, 2 + AF_N + 1, 1, _("One line each; saved when you leave (F2 or Esc)."), W - 2,
		     ui_attr(US_DIM));
	if (f->msg.text[0])
		ui_put_trunc(w, H - 2, 1, f->msg.text, W - 2, f->msg.error ? ui_attr(US_ERROR) : A_BOLD);
	char hints[512];
	ui_keys_hints(P_FORM, W - 2, hints, sizeof hints);
	ui_put_trunc(w, H - 1, 1, hints, W - 2, ui_attr(US_DIM));
	curs_set(1);
	wmove(w, cy, cx);
	wnoutrefresh(w);
}

/* Typed or pasted text into the focused field: one line, at most what
 * the field holds. */
static void insert(aform *f, const char *text, size_t len)
{
	size_t max = f->cur == AF_TEXT ? ACTION_MAX_TEXT : f->cur == AF_OWNER ? IV_MAX_LINE : 10;
	size_t fit = ui_field_fit(f->tb, text, len, max);
	if (fit < len)
		ui_msg_set(&f->msg, true, "%s: at most %zu characters", _(labels[f->cur]), max);
	if (fit)
		tb_insert(f->tb, text, fit);
}

static void insert_cb(void *f, const char *text, size_t len)
{
	insert(f, text, len);
}

static unsigned key(ui_view *v, int k)
{
	aform *f = (aform *)v;
	f->msg.text[0] = '\0';
	enum ui_action a = ui_keys_action(P_FORM, k);
	switch (a) {
	case A_FIELD_NEXT: focus(f, f->cur + 1); break;
	case A_FIELD_PREV: focus(f, f->cur - 1); break;
	case A_FORM_DONE:
		if (save(f) == 0)
			end(f, UI_R_LEAVE);
		break;
	case A_FORM_LEAVE:
	case A_FORM_QUIT:
		save(f);   /* a refusal is said by its message */
		end(f, a == A_FORM_QUIT ? UI_R_QUIT : UI_R_LEAVE);
		break;
	default:
		ui_field_key(f->tb, a, k, &f->msg, insert_cb, f);
		break;
	}
	return 1;
}

static unsigned paste(ui_view *v, const char *text, size_t len)
{
	aform *f = (aform *)v;
	strbuf one = STRBUF_INIT;
	utf8_clean(&one, text, len, UTF8_ONELINE);
	insert(f, sb_str(&one), one.len);
	sb_free(&one);
	return 1;
}

static void layout(ui_view *v)
{
	aform *f = (aform *)v;
	if (f->w)
		delwin(f->w);
	f->w = newwin(LINES, COLS, 0, 0);
}

static void on_save(ui_view *v)
{
	aform *f = (aform *)v;
	keep_field(f);
	if (action_check_text(f->val[AF_TEXT]) == 0 && action_check_owner(f->val[AF_OWNER]) == 0 &&
	    action_check_due(f->val[AF_DUE]) == 0)
		save(f);
	tb_set_text(f->tb, f->val[f->cur], strlen(f->val[f->cur]), strlen(f->val[f->cur]));
}

static void hangup(ui_view *v, enum ui_result why)
{
	aform *f = (aform *)v;
	keep_field(f);
	save(f);
	end(f, why);
}

enum ui_result ui_action_form(store *st, const iv_action *a, char **msg)
{
	aform f;
	memset(&f, 0, sizeof f);
	f.st = st;
	f.a = *a;
	f.a.text = xstrdup(a->text ? a->text : "");
	f.a.owner = xstrdup(a->owner ? a->owner : "");
	f.val[AF_TEXT] = xstrdup(f.a.text);
	f.val[AF_OWNER] = xstrdup(f.a.owner);
	f.val[AF_DUE] = xstrdup(f.a.due);
	f.tb = tb_new();
	tb_set_text(f.tb, f.val[0], strlen(f.val[0]), strlen(f.val[0]));
	f.v.key = key;
	f.v.paste = paste;
	f.v.layout = layout;
	f.v.draw = draw;
	f.v.save = on_save;
	f.v.hangup = hangup;
	f.v.pane = P_FORM;
	enum ui_result r = ui_loop_run(&f.v);
	curs_set(0);
	*msg = f.out_msg;
	for (int i = 0; i < AF_N; i++)
		free(f.val[i]);
	action_clear(&f.a);
	tb_free(f.tb);
	if (f.w)
		delwin(f.w);
	return r;
}
