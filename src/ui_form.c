/* ui_form.c — the new-interview form and the details form (F2 / Ctrl-T).
 *
 * One row per detail field.  A text field is edited with the notes
 * editor's keys (a one-line textbuf), up to the length the model allows
 * (interview_field_max); a date field takes only digits and '-'.  A
 * choice field cycles with Space or Left/Right, or jumps to the choice
 * starting with the letter typed.  A field is checked by the model
 * (interview_set_field) when it is left: a bad date leaves a message and
 * keeps the focus, except that Esc and Ctrl-X/Ctrl-Q always leave (the
 * value that is not valid is then not kept, and the message says so).  In
 * the details form every accepted field is saved at once.  An interview
 * date on or after the last working day is warned about, not refused; a
 * start date after it is refused (interview_check_dates).
 */
#include "exitview/ui_form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "exitview/date.h"
#include "exitview/fsutil.h"
#include "exitview/i18n.h"
#include "exitview/store.h"
#include "exitview/template.h"
#include "exitview/textbuf.h"
#include "exitview/ui_editor.h"
#include "exitview/ui_keys.h"
#include "exitview/ui_loop.h"
#include "exitview/utf8.h"
#include "exitview/util.h"

enum fkind { F_TEXT, F_DATE, F_TEMPLATE, F_SEPARATION, F_CATEGORY, F_TRI, F_BUTTON };

typedef struct fdef {
	const char *name;     /* interview_set_field() name */
	const char *label;    /* N_(): shown through _() */
	enum fkind kind;
} fdef;

static const fdef fields[] = {
	{ "employee", N_("Employee"), F_TEXT },
	{ "role", N_("Role"), F_TEXT },
	{ "department", N_("Department"), F_TEXT },
	{ "manager", N_("Manager"), F_TEXT },
	{ "interviewer", N_("Interviewer"), F_TEXT },
	{ "start-date", N_("Start date"), F_DATE },
	{ "last-day", N_("Last working day"), F_DATE },
	{ "interview-date", N_("Interview date"), F_DATE },
	{ "template", N_("Template"), F_TEMPLATE },
	{ "separation", N_("Separation"), F_SEPARATION },
	{ "reason", N_("Reason (stated)"), F_CATEGORY },
	{ "reason2", N_("Second reason"), F_CATEGORY },
	{ "assessed", N_("Assessed reason"), F_CATEGORY },
	{ "regrettable", N_("Regrettable loss"), F_TRI },
	{ "rehire", N_("Eligible for rehire"), F_TRI },
	{ "would-return", N_("Would return"), F_TRI },
	{ "conditions", N_("Return conditions"), F_TEXT },
	{ NULL, NULL, F_BUTTON },
};
#define NFIELDS ((int)EV_ARRAY_LEN(fields))
enum { FI_EMPLOYEE = 0, FI_INTERVIEWER = 4, FI_IDATE = 7, FI_TEMPLATE = 8 };
#define LABELW 21

typedef struct form {
	ui_view v;              /* first: the loop's handle */
	ui_ctx *ctx;
	bool is_new;
	bool ro;
	interview *iv;          /* the interview edited (new: a working copy) */
	char *val[NFIELDS];     /* field values as text */
	int cur;
	int top;
	textbuf *tb;            /* the focused text field */
	tpl_entry *tpls;
	int ntpls;
	ui_msg msg;
	bool confirm_discard;
	char *left_msg;         /* for the screen below: why a value was not kept */
	bool unsaved;           /* the last save of the details failed */
	bool edited[NFIELDS];   /* changed in this form (kept over another writer's) */
	WINDOW *w;
} form;

static bool is_text(int i)
{
	return fields[i].kind == F_TEXT || fields[i].kind == F_DATE;
}

/* The choices of a choice field (stored values); n set. */
static const char **choices(form *f, int i, int *n)
{
	static const char *sep[] = { "", "voluntary", "involuntary", "other" };
	static const char *tri[] = { "unknown", "yes", "no" };
	static const char **dyn;
	free(dyn);
	dyn = NULL;
	switch (fields[i].kind) {
	case F_SEPARATION: *n = 4; return sep;
	case F_TRI: *n = 3; return tri;
	case F_CATEGORY:
		dyn = xcalloc((size_t)f->iv->ncategories + 1, sizeof *dyn);
		dyn[0] = "";
		for (int k = 0; k < f->iv->ncategories; k++)
			dyn[k + 1] = f->iv->categories[k].key;
		*n = f->iv->ncategories + 1;
		return dyn;
	case F_TEMPLATE:
		dyn = xcalloc((size_t)f->ntpls + 1, sizeof *dyn);
		*n = 0;
		for (int k = 0; k < f->ntpls; k++)
			if (f->tpls[k].nquestions > 0)
				dyn[(*n)++] = f->tpls[k].name;
		return dyn;
	default: *n = 0; return NULL;
	}
}

/* How a choice value is shown. */
static const char *choice_label(form *f, int i, const char *v)
{
	static char buf[300];
	switch (fields[i].kind) {
	case F_SEPARATION:
		if (str_empty(v))
			return _("(not set)");
		if (strcmp(v, "voluntary") == 0)
			return _("voluntary");
		if (strcmp(v, "involuntary") == 0)
			return _("involuntary");
		if (strcmp(v, "other") == 0)
			return _("other");
		return v;
	case F_TRI:   /* the stored words stay; the reader's are shown */
		if (strcmp(v, "yes") == 0)
			return _("yes");
		if (strcmp(v, "no") == 0)
			return _("no");
		if (strcmp(v, "unknown") == 0)
			return _("unknown");
		return v;
	case F_CATEGORY:
		if (str_empty(v))
			return _("(not set)");
		snprintf(buf, sizeof buf, "%s", interview_category_label(f->iv, v));
		return buf;
	case F_TEMPLATE:
		for (int k = 0; k < f->ntpls; k++) {
			if (strcmp(f->tpls[k].name, v) == 0 && !str_empty(f->tpls[k].title)) {
				snprintf(buf, sizeof buf, "%s (%s)", f->tpls[k].title, v);
				return buf;
			}
		}
		return v;
	default:
		return v;
	}
}

/* The guide (interview_check_dates): hold the interview near the last
 * working day, not on it. */
static void date_warning(form *f)
{
	const char *warning;
	if (interview_check_dates(f->iv, &warning) == 0 && warning)
		ui_msg_set(&f->msg, false, "Note: %s", warning);
}

/* Set field i of the interview to v, as the model checks it and, for a
 * date, as the date rule allows (a start date after the last working day
 * is refused: the old value stays).  0, or -1 with ev_lasterr() saying
 * why. */
static int set_checked(form *f, int i, const char *v)
{
	if (interview_set_field(f->iv, fields[i].name, v) != 0)
		return -1;
	if (fields[i].kind != F_DATE || interview_check_dates(f->iv, NULL) == 0)
		return 0;
	char *why = xstrdup(ev_lasterr());
	interview_set_field(f->iv, fields[i].name, f->val[i]);
	ev_seterr("%s", why);
	free(why);
	return -1;
}

/* Another writer (`exitview set`, another screen) saved the details
 * first: what they changed is taken, except the fields changed in this
 * form, which stay as typed here; then saved again on their version.
 * Returns what store_save_details_v returns for that save (c reused). */
static int merge_details(form *f, store_conflict *c)
{
	for (int i = 0; i < NFIELDS; i++) {
		if (!fields[i].name || fields[i].kind == F_TEMPLATE || f->edited[i])
			continue;
		char *theirs = interview_get_field(c->other, fields[i].name);
		if (theirs && interview_set_field(f->iv, fields[i].name, theirs) == 0) {
			/* the field being typed in shows theirs unless typing began */
			bool typing = false;
			if (i == f->cur && is_text(i)) {
				char *now = tb_text(f->tb, NULL);
				typing = strcmp(now, f->val[i]) != 0;
				free(now);
				if (!typing)
					tb_set_text(f->tb, theirs, strlen(theirs), strlen(theirs));
			}
			str_set(&f->val[i], theirs);
		}
		free(theirs);
	}
	ui_msg_set(&f->msg, true, "the details were also changed elsewhere (%s): yours kept where you changed them",
		c->fields ? c->fields : _("some fields"));
	int64_t base = c->version;
	store_conflict_free(c);
	return store_save_details_v(f->ctx->st, f->iv, base, c);
}

/* The details form: the details into the database.  A failure is said
 * (the values stay in the interview and the form, "not saved" until a
 * save works; the screen below keeps trying after the form).  0 or -1. */
static int save_details(form *f)
{
	if (f->is_new || f->ro)
		return 0;
	store_conflict c;
	int rc = store_save_details_v(f->ctx->st, f->iv, f->iv->details_version, &c);
	for (int tries = 0; rc == 1 && c.other && tries < 3; tries++)
		rc = merge_details(f, &c);
	if (rc == 0)
		f->iv->details_version = c.version;
	store_conflict_free(&c);
	if (rc != 0) {
		f->unsaved = true;
		ui_msg_set(&f->msg, true, "NOT SAVED: %s (kept; saving is tried again)",
			rc == 1 ? _("another writer keeps changing the details") : ev_lasterr());
		return -1;
	}
	f->unsaved = false;
	return 0;
}

/* Apply a value to the interview; 0 or -1 with the model's message shown. */
static int apply(form *f, int i, const char *v)
{
	if (fields[i].kind == F_BUTTON || fields[i].kind == F_TEMPLATE)
		return 0;
	if (set_checked(f, i, v) != 0) {
		ui_msg_set(&f->msg, true, "%s", ev_lasterr());
		return -1;
	}
	str_set(&f->val[i], v);
	f->edited[i] = true;
	if (fields[i].kind == F_DATE)
		date_warning(f);
	save_details(f);
	return 0;
}

static void focus(form *f, int i)
{
	f->cur = i;
	if (is_text(i))
		tb_set_text(f->tb, f->val[i], strlen(f->val[i]), strlen(f->val[i]));
}

/* Leave the focused field: check and keep its value.  0, or -1 (stay). */
static int leave_field(form *f)
{
	int i = f->cur;
	if (!is_text(i) || f->ro)
		return 0;
	char *text = tb_text(f->tb, NULL);
	int rc = 0;
	if (strcmp(text, f->val[i]) != 0 || fields[i].kind == F_DATE) {
		if (fields[i].kind == F_DATE && !str_empty(text) && !date_valid(text)) {
			ui_msg_set(&f->msg, true, "%s: '%s' is not a date (YYYY-MM-DD)", _(fields[i].label), text);
			rc = -1;
		} else if (strcmp(text, f->val[i]) != 0) {
			rc = apply(f, i, text);
		}
	}
	free(text);
	return rc;
}

/* A new template: a fresh working interview carrying over every field. */
static int change_template(form *f, const char *name)
{
	template *t = template_find(f->ctx->cfg, name);
	if (!t) {
		ui_msg_set(&f->msg, true, "%s", ev_lasterr());
		return -1;
	}
	interview *iv = interview_new(t);
	template_free(t);
	interview *old = f->iv;
	f->iv = iv;
	for (int i = 0; i < NFIELDS; i++) {
		if (!fields[i].name || fields[i].kind == F_TEMPLATE)
			continue;
		if (fields[i].kind == F_CATEGORY && !str_empty(f->val[i]) &&
		    !interview_has_category(iv, f->val[i])) {
			ui_msg_set(&f->msg, false, "%s cleared: not a category of this template", _(fields[i].label));
			str_set(&f->val[i], "");
		}
		if (interview_set_field(iv, fields[i].name, f->val[i]) != 0)
			str_set(&f->val[i], "");
	}
	interview_free(old);
	str_set(&f->val[FI_TEMPLATE], name);
	return 0;
}

static void choice_step(form *f, int dir)
{
	int i = f->cur;
	if (f->ro) {
		ui_msg_set(&f->msg, true, "closed: read-only (exitview reopen %lld)", (long long)f->iv->id);
		return;
	}
	if (fields[i].kind == F_TEMPLATE && !f->is_new) {
		ui_msg_set(&f->msg, false, "the template is fixed once the interview has begun");
		return;
	}
	int n;
	const char **c = choices(f, i, &n);
	if (n == 0)
		return;
	int at = 0;
	for (int k = 0; k < n; k++)
		if (strcmp(c[k], f->val[i]) == 0)
			at = k;
	at = (at + dir + n) % n;
	char *v = xstrdup(c[at]);
	if (fields[i].kind == F_TEMPLATE)
		change_template(f, v);
	else
		apply(f, i, v);
	free(v);
}

/* Whether s begins with the letter key, case ignored (å as Å too). */
static bool starts_with_letter(const char *s, int key)
{
	uint32_t cp = 0;
	if (!s || !*s || utf8_decode(s, strlen(s), &cp) == 0)
		return false;
	return towlower((wint_t)cp) == towlower((wint_t)key);
}

static void choice_letter(form *f, int key)
{
	int i = f->cur;
	int n;
	const char **c = choices(f, i, &n);
	int at = 0;
	for (int k = 0; k < n; k++)
		if (strcmp(c[k], f->val[i]) == 0)
			at = k;
	for (int step = 1; step <= n; step++) {
		int k = (at + step) % n;
		const char *label = choice_label(f, i, c[k]);
		if (starts_with_letter(label, key) || starts_with_letter(c[k], key)) {
			if (f->ro) {
				ui_msg_set(&f->msg, true, "closed: read-only (exitview reopen %lld)", (long long)f->iv->id);
				return;
			}
			if (fields[i].kind == F_TEMPLATE) {
				if (!f->is_new) {
					ui_msg_set(&f->msg, false, "the template is fixed once the interview has begun");
					return;
				}
				char *v = xstrdup(c[k]);
				change_template(f, v);
				free(v);
			} else {
				char *v = xstrdup(c[k]);
				apply(f, i, v);
				free(v);
			}
			return;
		}
	}
	char u[5] = "";
	u[utf8_encode((uint32_t)key, u)] = '\0';
	ui_msg_set(&f->msg, false, "no choice starts with '%s' (Space cycles)", u);
}

/* ---- drawing ----------------------------------------------------------- */

static void form_draw(ui_view *v, unsigned damage)
{
	(void)damage;
	form *f = (form *)v;
	WINDOW *w = f->w;
	int H = LINES, W = COLS;
	werase(w);
	char title[200];
	if (f->is_new)
		snprintf(title, sizeof title, "%s", _("New interview"));
	else
		snprintf(title, sizeof title, f->ro ? _("Interview %lld: details (closed: read-only)")
					     : _("Interview %lld: details"), (long long)f->iv->id);
	ui_blank(w, 0, 0, W, ui_attr(US_STATUS));
	ui_put_trunc(w, 0, 1, title, W - 2, ui_attr(US_STATUS) | A_BOLD);
	int rows = H - 4;
	if (f->cur < f->top)
		f->top = f->cur;
	if (f->cur >= f->top + rows)
		f->top = f->cur - rows + 1;
	int vx = LABELW + 3, vw = W - vx - 2;
	int cy = -1, cx = 0;
	for (int r = 0; r < rows && f->top + r < NFIELDS; r++) {
		int i = f->top + r;
		int y = r + 2;
		bool cur = i == f->cur;
		if (fields[i].kind == F_BUTTON) {
			const char *b = f->is_new ? _("[ Begin the interview ]") : _("[ Done ]");
			ui_putz(w, y, vx, b, vw, cur ? ui_attr(US_SELECTED) : ui_attr(US_TITLE));
			continue;
		}
		char label[64];
		snprintf(label, sizeof label, "%s:", _(fields[i].label));
		int lw = (int)utf8_width(label, strlen(label));
		ui_putz(w, y, LABELW + 1 - lw, label, LABELW + 1, cur ? ui_attr(US_TITLE) : A_NORMAL);
		attr_t a = cur ? ui_attr(US_SELECTED) : A_NORMAL;
		if (is_text(i)) {
			if (cur && !f->ro) {
				ui_editor_draw_line(w, y, vx, vw, f->tb, a);
				getyx(w, cy, cx);
			} else {
				ui_blank(w, y, vx, vw, a);
				ui_put_trunc(w, y, vx, f->val[i], vw, a);
				if (fields[i].kind == F_DATE && str_empty(f->val[i]) && !cur)
					ui_putz(w, y, vx, _("YYYY-MM-DD"), vw, ui_attr(US_DIM));
			}
		} else {
			char buf[400];
			bool fixed = fields[i].kind == F_TEMPLATE && !f->is_new;
			snprintf(buf, sizeof buf, fixed ? "%s" : "< %s >", choice_label(f, i, f->val[i]));
			ui_blank(w, y, vx, vw, a);
			ui_put_trunc(w, y, vx, buf, vw, a);
		}
	}
	if (f->msg.text[0])
		ui_put_trunc(w, H - 2, 1, f->msg.text, W - 2, f->msg.error ? ui_attr(US_ERROR) : A_BOLD);
	char hints[512];
	ui_keys_hints(P_FORM, W - 2, hints, sizeof hints);
	ui_put_trunc(w, H - 1, 1, hints, W - 2, ui_attr(US_DIM));
	if (cy >= 0) {
		curs_set(1);
		wmove(w, cy, cx);
	} else {
		curs_set(0);
	}
	wnoutrefresh(w);
}

/* ---- keys -------------------------------------------------------------- */

/* Insert typed or pasted text into the focused field, as much of it as
 * the field holds (saying so when some did not fit).  A date field takes
 * only what can be part of a date. */
static void text_insert(form *f, const char *text, size_t len)
{
	int i = f->cur;
	if (fields[i].kind == F_DATE) {
		for (size_t k = 0; k < len; k++) {
			if (!isdigit((unsigned char)text[k]) && text[k] != '-') {
				ui_msg_set(&f->msg, true, "%s: a date is YYYY-MM-DD (digits and '-')", _(fields[i].label));
				return;
			}
		}
	}
	int max = interview_field_max(fields[i].name);
	if (max > 0) {
		size_t fit = ui_field_fit(f->tb, text, len, (size_t)max);
		if (fit < len) {
			len = fit;
			ui_msg_set(&f->msg, true, len ? N_("%s: at most %d characters; the rest was not inserted")
						      : N_("%s: at most %d characters"), _(fields[i].label), max);
		}
	}
	if (len)
		tb_insert(f->tb, text, len);
}

static void text_insert_cb(void *f, const char *text, size_t len)
{
	text_insert(f, text, len);
}

static void text_key(form *f, enum ui_action a, int key)
{
	if (f->ro) {
		if (a == A_NONE && ui_key_printable(key))
			ui_msg_set(&f->msg, true, "closed: read-only (exitview reopen %lld)", (long long)f->iv->id);
		return;
	}
	ui_field_key(f->tb, a, key, &f->msg, text_insert_cb, f);
}

static void move_to(form *f, int i)
{
	if (i < 0 || i >= NFIELDS)
		return;
	if (leave_field(f) != 0)
		return;
	focus(f, i);
}

static void form_end(form *f, enum ui_result r)
{
	f->v.result = r;
	f->v.done = true;
}

/* F2 / the button: check the field, create or save, and go. */
static void submit(form *f)
{
	if (leave_field(f) != 0)
		return;
	if (f->is_new) {
		if (str_empty(f->val[FI_EMPLOYEE])) {
			ui_msg_set(&f->msg, true, "Employee: a name is needed");
			focus(f, FI_EMPLOYEE);
			return;
		}
		if (store_create(f->ctx->st, f->iv) != 0) {
			ui_msg_set(&f->msg, true, "not created: %s", ev_lasterr());
			return;
		}
	} else if (save_details(f) != 0) {
		return;
	}
	form_end(f, UI_R_LEAVE);
}

/* Leaving without F2: the focused field is kept when it is valid, and
 * dropped with a word for the screen below when it is not (say false:
 * without the word, the form stays). */
static void keep_or_drop_field(form *f, bool say)
{
	if (!is_text(f->cur) || f->ro)
		return;
	char *text = tb_text(f->tb, NULL);
	if (strcmp(text, f->val[f->cur]) != 0) {
		if (set_checked(f, f->cur, text) == 0) {
			str_set(&f->val[f->cur], text);
			f->edited[f->cur] = true;
			save_details(f);
		} else if (say) {
			free(f->left_msg);
			f->left_msg = xasprintf(_("%s not kept: %s"), _(fields[f->cur].label), ev_lasterr());
		}
	}
	free(text);
}

/* Save what is valid: the interview (a new one only with an employee). */
static void save_valid(form *f)
{
	keep_or_drop_field(f, true);
	if (f->is_new && !str_empty(f->val[FI_EMPLOYEE]))
		store_create(f->ctx->st, f->iv);   /* *out is set when it worked */
	else
		save_details(f);
}

/* Before the terminal is left (Ctrl-Z): the details as they stand. */
static void form_save(ui_view *v)
{
	form *f = (form *)v;
	keep_or_drop_field(f, false);
	save_details(f);
}

static void form_hangup(ui_view *v, enum ui_result why)
{
	form *f = (form *)v;
	save_valid(f);
	form_end(f, why);
}

static unsigned form_paste(ui_view *v, const char *text, size_t len)
{
	form *f = (form *)v;
	f->msg.text[0] = '\0';
	if (!is_text(f->cur) || f->ro)
		return 1;
	/* one line: line breaks and tabs become spaces */
	char *line = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		line[i] = text[i] == '\r' || text[i] == '\n' || text[i] == '\t' ? ' ' : text[i];
	text_insert(f, line, len);
	free(line);
	return 1;
}

static unsigned form_key(ui_view *v, int key)
{
	form *f = (form *)v;
	f->msg.text[0] = '\0';
	if (f->confirm_discard) {
		f->confirm_discard = false;
		if (i18n_yes(key))
			form_end(f, UI_R_CANCEL);
		else
			ui_msg_set(&f->msg, false, "not discarded");
		return 1;
	}
	enum ui_action a = ui_keys_action(P_FORM, key);
	int i = f->cur;
	switch (a) {
	case A_FIELD_NEXT:
		if (fields[i].kind == F_BUTTON && key != '\t' && key != KD_DOWN)
			submit(f);
		else
			move_to(f, i + 1 < NFIELDS ? i + 1 : 0);
		return 1;
	case A_FIELD_PREV:
		move_to(f, i > 0 ? i - 1 : NFIELDS - 1);
		return 1;
	case A_FORM_DONE:
		submit(f);
		return 1;
	case A_FORM_LEAVE:
		if (f->is_new) {
			f->confirm_discard = true;
			ui_msg_set(&f->msg, false, "Discard this new interview? y discards, any other key goes on");
			return 1;
		}
		keep_or_drop_field(f, true);
		form_end(f, UI_R_LEAVE);
		return 1;
	case A_FORM_QUIT:
		save_valid(f);
		form_end(f, UI_R_QUIT);
		return 1;
	default:
		break;
	}
	if (fields[i].kind == F_BUTTON) {
		ui_msg_set(&f->msg, false, f->is_new ? N_("Enter begins the interview") : N_("Enter goes back"));
		return 1;
	}
	if (is_text(i)) {
		text_key(f, a, key);
		return 1;
	}
	/* a choice field */
	if (a == A_CHOICE_NEXT || a == A_ED_RIGHT)
		choice_step(f, +1);
	else if (a == A_ED_LEFT)
		choice_step(f, -1);
	else if (ui_key_printable(key) && key > 0 && iswalpha((wint_t)key))
		choice_letter(f, key);
	else
		ui_msg_set(&f->msg, false, "Space or Left/Right changes the choice");
	return 1;
}

static void form_layout(ui_view *v)
{
	form *f = (form *)v;
	if (f->w)
		delwin(f->w);
	f->w = ui_newwin(LINES, COLS, 0, 0);
}

static void form_free(form *f)
{
	free(f->left_msg);
	for (int i = 0; i < NFIELDS; i++)
		free(f->val[i]);
	tb_free(f->tb);
	template_list_free(f->tpls, f->ntpls);
	if (f->w)
		delwin(f->w);
}

static void run(form *f)
{
	f->v.key = form_key;
	f->v.paste = form_paste;
	f->v.layout = form_layout;
	f->v.draw = form_draw;
	f->v.hangup = form_hangup;
	f->v.save = form_save;
	f->v.pane = P_FORM;
	ui_loop_run(&f->v);   /* the screen below shows or hides the cursor itself */
}

static void load_values(form *f, const interview *src)
{
	interview *blank = src ? NULL : interview_blank();
	if (!src)
		src = blank;
	for (int i = 0; i < NFIELDS; i++) {
		if (!fields[i].name) {
			f->val[i] = xstrdup("");
		} else if (fields[i].kind == F_TEMPLATE) {
			f->val[i] = xstrdup(src->template_name ? src->template_name : "");
		} else {
			char *v = interview_get_field(src, fields[i].name);
			f->val[i] = v ? v : xstrdup("");
		}
	}
	interview_free(blank);
}

enum ui_result ui_form_new(ui_ctx *ctx, const interview *draft, interview **out)
{
	form fo;
	form *f = &fo;
	memset(f, 0, sizeof *f);
	f->ctx = ctx;
	f->is_new = true;
	f->tb = tb_new();
	*out = NULL;
	if (template_list(ctx->cfg, &f->tpls, &f->ntpls) != 0) {
		f->tpls = NULL;
		f->ntpls = 0;
	}
	load_values(f, draft);
	if (str_empty(f->val[FI_TEMPLATE]))
		str_set(&f->val[FI_TEMPLATE], str_empty(ctx->cfg->default_template) ? "standard" : ctx->cfg->default_template);
	if (str_empty(f->val[FI_INTERVIEWER])) {
		if (!str_empty(ctx->cfg->interviewer)) {
			str_set(&f->val[FI_INTERVIEWER], ctx->cfg->interviewer);
		} else {
			free(f->val[FI_INTERVIEWER]);
			f->val[FI_INTERVIEWER] = user_full_name();
		}
	}
	if (str_empty(f->val[FI_IDATE])) {
		char today[11];
		date_today(today);
		str_set(&f->val[FI_IDATE], today);
	}
	char *tname = xstrdup(f->val[FI_TEMPLATE]);
	if (change_template(f, tname) != 0) {
		free(tname);
		form_free(f);
		return UI_R_ERROR;
	}
	free(tname);
	f->msg.text[0] = '\0';
	focus(f, 0);
	f->v.result = UI_R_CANCEL;
	run(f);
	enum ui_result r = f->v.result;
	if (f->iv && f->iv->id > 0)
		*out = f->iv;
	else
		interview_free(f->iv);
	f->iv = NULL;
	form_free(f);
	return r;
}

enum ui_result ui_form_details(ui_ctx *ctx, interview *iv, char **msg, bool *unsaved)
{
	form fo;
	form *f = &fo;
	memset(f, 0, sizeof *f);
	f->ctx = ctx;
	f->iv = iv;
	f->ro = iv->closed;
	f->tb = tb_new();
	if (template_list(ctx->cfg, &f->tpls, &f->ntpls) != 0) {
		f->tpls = NULL;
		f->ntpls = 0;
	}
	load_values(f, iv);
	focus(f, 0);
	f->v.result = UI_R_LEAVE;
	run(f);
	enum ui_result r = f->v.result;
	*msg = f->left_msg;
	f->left_msg = NULL;
	*unsaved = f->unsaved;
	form_free(f);
	return r;
}
