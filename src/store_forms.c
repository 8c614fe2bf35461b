/* store_forms.c — the template text copied into interviews, stored once
 * however many interviews share it (forms), and lent to readers. */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

#include "exitview/util.h"

int store_check_copy(const interview *iv)
{
	if (iv->opening.nfollowups > MAX_FOLLOWUPS || iv->closing.nfollowups > MAX_FOLLOWUPS)
		return ev_seterr("a checklist has more than %d items", MAX_FOLLOWUPS);
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].rating < 0 || iv->q[i].rating > TPL_SCALE)
			return ev_seterr("rating %d of question %d is out of range (0-%d)",
					 iv->q[i].rating, i + 1, TPL_SCALE);
		if (iv->q[i].nfollowups > MAX_FOLLOWUPS)
			return ev_seterr("question %d has %d follow-ups (at most %d)",
					 i + 1, iv->q[i].nfollowups, MAX_FOLLOWUPS);
	}
	return 0;
}

/* The asked flags of q as the bits of questions.asked. */
int64_t store_asked_mask(const iv_question *q)
{
	int64_t mask = 0;
	for (int j = 0; j < q->nfollowups && j < MAX_FOLLOWUPS; j++)
		if (q->asked && q->asked[j])
			mask |= (int64_t)1 << j;
	return mask;
}

/* ---- forms: the template text copied into interviews, stored once ---- */

static void key_str(strbuf *sb, const char *v)
{
	const char *t = v ? v : "";
	sb_printf(sb, "%zu:", strlen(t));
	sb_puts(sb, t);
}

/* The private questions' numbers ("P1,4\n"), nothing when none is: the key
 * of a form without one stays what it was before schema 5. */
static void form_key_private(const interview *iv, strbuf *sb)
{
	const char *sep = "P";
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].private) {
			sb_printf(sb, "%s%d", sep, i + 1);
			sep = ",";
		}
	}
	if (*sep == ',')
		sb_putc(sb, '\n');
}

/* The same for the questions that take no rating ("R2,6\n"), and each
 * checklist the interview has ("O" or "K", its title and items): nothing
 * when there is none, so the key of an older form stays what it was. */
static void form_key_guide(const interview *iv, strbuf *sb)
{
	const char *sep = "R";
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].no_rating) {
			sb_printf(sb, "%s%d", sep, i + 1);
			sep = ",";
		}
	}
	if (*sep == ',')
		sb_putc(sb, '\n');
	const iv_question *lists[] = { &iv->opening, &iv->closing };
	for (int l = 0; l < 2; l++) {
		if (lists[l]->nfollowups == 0)
			continue;
		sb_printf(sb, "%c%d\n", l == 0 ? 'O' : 'K', lists[l]->nfollowups);
		key_str(sb, lists[l]->title);
		for (int j = 0; j < lists[l]->nfollowups; j++)
			key_str(sb, lists[l]->followups[j]);
	}
}

/* Everything an interview copied from its template besides the name, title,
 * language and scale (kept in the interview's row): the questions with
 * their follow-ups, and the categories; each string length-prefixed, so
 * two copies have the same key exactly when they are the same text. */
static void form_key(const interview *iv, strbuf *sb)
{
	sb_printf(sb, "exitview form 1\nQ%d\n", iv->nquestions);
	for (int i = 0; i < iv->nquestions; i++) {
		const iv_question *q = &iv->q[i];
		key_str(sb, q->title);
		key_str(sb, q->prompt);
		key_str(sb, q->hint);
		sb_printf(sb, "F%d\n", q->nfollowups);
		for (int j = 0; j < q->nfollowups; j++)
			key_str(sb, q->followups[j]);
	}
	form_key_private(iv, sb);
	form_key_guide(iv, sb);
	sb_printf(sb, "C%d\n", iv->ncategories);
	for (int i = 0; i < iv->ncategories; i++) {
		key_str(sb, iv->categories[i].key);
		key_str(sb, iv->categories[i].label);
	}
}

/* Mark question idx of form id private (S_FORM_SET_PRIVATE) or as
 * taking no rating (S_FORM_SET_NORATING). */
static int form_set_flag(store *st, enum sid sid, int64_t id, int idx)
{
	sqlite3_stmt *s = store_stmt_id(st, sid, id);
	if (!s)
		return -1;
	bind_i64(s, 2, idx);
	return store_run(st, s, "saving the template");
}

/* Part idx of form id (a question, or a checklist at its slot) and its
 * follow-ups. */
static int form_add_part(store *st, int64_t id, int idx, const iv_question *q)
{
	sqlite3_stmt *s = store_stmt_id(st, S_FORM_ADD_Q, id);
	if (!s)
		return -1;
	bind_i64(s, 2, idx);
	bind_str(s, 3, q->title);
	bind_str(s, 4, q->prompt);
	bind_str(s, 5, q->hint);
	if (store_run(st, s, "saving the template") != 0 ||
	    (q->private && form_set_flag(st, S_FORM_SET_PRIVATE, id, idx) != 0) ||
	    (idx >= 0 && q->no_rating && form_set_flag(st, S_FORM_SET_NORATING, id, idx) != 0))
		return -1;
	for (int j = 0; j < q->nfollowups; j++) {
		if (!(s = store_stmt_id(st, S_FORM_ADD_F, id)))
			return -1;
		bind_i64(s, 2, idx);
		bind_i64(s, 3, j);
		bind_str(s, 4, q->followups[j]);
		if (store_run(st, s, "saving the template") != 0)
			return -1;
	}
	return 0;
}

/* The form holding iv's template text, added if new; its ID or -1.
 * Within the caller's write transaction. */
int64_t store_form_get(store *st, const interview *iv)
{
	strbuf key = STRBUF_INIT;
	form_key(iv, &key);
	int64_t id = -1;
	bool added = false;
	sqlite3_stmt *s = store_stmt(st, S_FORM_FIND);
	if (s) {
		sqlite3_bind_blob(s, 1, key.s, (int)key.len, SQLITE_STATIC);
		int rc = store_step(st, s, "looking up the template");
		if (rc == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE && (s = store_stmt(st, S_FORM_ADD))) {
			sqlite3_bind_blob(s, 1, key.s, (int)key.len, SQLITE_STATIC);
			if (store_run(st, s, "saving the template") == 0) {
				id = sqlite3_last_insert_rowid(st->db);
				added = true;
			}
		}
	}
	sb_free(&key);
	if (!added)
		return id;
	/* a new form: its rows (the checklists at their slots) */
	for (int i = IV_SLOT_MIN; i < iv->nquestions; i++) {
		if (i < 0 && !interview_has_checklist(iv, i))
			continue;
		if (form_add_part(st, id, i, interview_part((interview *)iv, i)) != 0)
			return -1;
	}
	for (int i = 0; i < iv->ncategories; i++) {
		if (!(s = store_stmt_id(st, S_FORM_ADD_C, id)))
			return -1;
		bind_i64(s, 2, i);
		bind_str(s, 3, iv->categories[i].key);
		bind_str(s, 4, iv->categories[i].label);
		if (store_run(st, s, "saving the template") != 0)
			return -1;
	}
	return id;
}

/* Form id as an interview holding only the template text (questions with
 * empty notes and no asked flags, categories); NULL on error. */
interview *store_form_load(store *st, int64_t id)
{
	interview *f = interview_blank();
	sqlite3_stmt *s = store_stmt_id(st, S_FORM_Q, id);
	int rc = -1, cap = 0;
	if (s) {
		while ((rc = store_step(st, s, "reading the template")) == SQLITE_ROW) {
			int64_t idx = sqlite3_column_int64(s, 0);
			iv_question *q = idx < 0 ? interview_part(f, (int)idx) : NULL;
			if (idx < 0 && !q)
				continue;
			if (q) {
				free(q->title);
				free(q->prompt);
				free(q->hint);
				free(q->notes);
			} else {
				if (f->nquestions == cap) {
					cap = cap ? cap * 2 : 16;
					f->q = xrealloc(f->q, (size_t)cap * sizeof *f->q);
				}
				q = &f->q[f->nquestions++];
				memset(q, 0, sizeof *q);
				q->no_rating = sqlite3_column_int(s, 5) != 0;
			}
			q->title = col_str(s, 1);
			q->prompt = col_str(s, 2);
			q->hint = col_str(s, 3);
			q->private = sqlite3_column_int(s, 4) != 0;
			q->notes = xstrdup("");
		}
		sqlite3_reset(s);
	}
	if (rc == SQLITE_DONE && (s = store_stmt_id(st, S_FORM_F, id))) {
		while ((rc = store_step(st, s, "reading the template")) == SQLITE_ROW) {
			int64_t qi = sqlite3_column_int64(s, 0);
			iv_question *q = qi >= IV_SLOT_MIN && qi < f->nquestions
				? interview_part(f, (int)qi) : NULL;
			if (!q)
				continue;
			q->followups = xrealloc(q->followups,
						(size_t)(q->nfollowups + 1) * sizeof *q->followups);
			q->followups[q->nfollowups++] = col_str(s, 2);
		}
		sqlite3_reset(s);
	}
	if (rc == SQLITE_DONE && (s = store_stmt_id(st, S_FORM_C, id))) {
		while ((rc = store_step(st, s, "reading the template")) == SQLITE_ROW) {
			f->categories = xrealloc(f->categories,
						 (size_t)(f->ncategories + 1) * sizeof *f->categories);
			tpl_category *c = &f->categories[f->ncategories++];
			c->key = col_str(s, 1);
			c->label = col_str(s, 2);
		}
		sqlite3_reset(s);
	}
	if (rc != SQLITE_DONE) {
		interview_free(f);
		return NULL;
	}
	return f;
}

/* A copy of part from into q (q's own strings, if any, freed first). */
static void copy_part(iv_question *q, const iv_question *from)
{
	free(q->title);
	free(q->prompt);
	free(q->hint);
	free(q->notes);
	q->title = xstrdup(from->title);
	q->prompt = xstrdup(from->prompt);
	q->hint = xstrdup(from->hint);
	q->private = from->private;
	q->no_rating = from->no_rating;
	q->notes = xstrdup("");
	q->nfollowups = from->nfollowups;
	if (from->nfollowups > 0) {
		q->followups = xmalloc((size_t)from->nfollowups * sizeof *q->followups);
		q->asked = xcalloc((size_t)from->nfollowups, sizeof *q->asked);
		for (int j = 0; j < from->nfollowups; j++)
			q->followups[j] = xstrdup(from->followups[j]);
	}
}

/* Give iv (which has no questions, checklists or categories yet) a copy of
 * form f. */
void store_form_apply(interview *iv, const interview *f)
{
	int nq = f->nquestions, ncat = f->ncategories;
	iv_question *qs = nq ? xcalloc((size_t)nq, sizeof *qs) : NULL;
	for (int i = 0; i < nq; i++)
		copy_part(&qs[i], &f->q[i]);
	copy_part(&iv->opening, &f->opening);
	copy_part(&iv->closing, &f->closing);
	tpl_category *cats = ncat ? xmalloc((size_t)ncat * sizeof *cats) : NULL;
	for (int i = 0; i < ncat; i++) {
		cats[i].key = xstrdup(f->categories[i].key);
		cats[i].label = xstrdup(f->categories[i].label);
	}
	iv->q = qs;
	iv->nquestions = nq;
	iv->categories = cats;
	iv->ncategories = ncat;
}

/* For store_foreach: give iv form f's text without copying it (the
 * interview is const to the callback and freed by us right after it).  Only
 * the question array, one block of asked flags, the checklists' asked
 * flags and the notes are iv's own; store_form_unlend takes the rest back
 * before interview_free. */
char store_form_empty[1];

/* A checklist of f lent to *q (whose own blank strings are freed). */
static void lend_checklist(iv_question *q, const iv_question *from)
{
	free(q->title);
	free(q->prompt);
	free(q->hint);
	free(q->notes);
	*q = *from;
	q->notes = store_form_empty;
	q->asked = from->nfollowups ? xcalloc((size_t)from->nfollowups, sizeof *q->asked) : NULL;
}

/* Take a lent checklist back: *q blank again, its own strings. */
static void unlend_checklist(iv_question *q)
{
	free(q->asked);
	if (q->notes != store_form_empty)
		free(q->notes);
	memset(q, 0, sizeof *q);
	q->title = xstrdup("");
	q->prompt = xstrdup("");
	q->hint = xstrdup("");
	q->notes = xstrdup("");
}

void store_form_lend(interview *iv, const interview *f)
{
	int nq = f->nquestions, nf = 0;
	for (int i = 0; i < nq; i++)
		nf += f->q[i].nfollowups;
	iv_question *qs = nq ? xmalloc((size_t)nq * sizeof *qs) : NULL;
	bool *asked = nf ? xcalloc((size_t)nf, sizeof *asked) : NULL;
	for (int i = 0; i < nq; i++) {
		qs[i] = f->q[i];
		qs[i].notes = store_form_empty;
		qs[i].asked = asked;
		asked += f->q[i].nfollowups;
	}
	iv->q = qs;
	iv->nquestions = nq;
	lend_checklist(&iv->opening, &f->opening);
	lend_checklist(&iv->closing, &f->closing);
	iv->categories = f->categories;
	iv->ncategories = f->ncategories;
}

void store_form_unlend(interview *iv)
{
	if (iv->nquestions > 0)
		free(iv->q[0].asked);   /* the start of the one block */
	for (int i = 0; i < iv->nquestions; i++)
		if (iv->q[i].notes != store_form_empty)
			free(iv->q[i].notes);
	free(iv->q);
	iv->q = NULL;
	iv->nquestions = 0;
	unlend_checklist(&iv->opening);
	unlend_checklist(&iv->closing);
	iv->categories = NULL;
	iv->ncategories = 0;
}

/* A few forms read during one call (a database rarely has more than a
 * handful of template versions); the oldest entry makes room. */
const interview *store_form_cached(store *st, form_cache *fc, int64_t id)
{
	for (int i = 0; i < FORM_CACHE; i++)
		if (fc->form[i] && fc->id[i] == id)
			return fc->form[i];
	interview *f = store_form_load(st, id);
	if (!f)
		return NULL;
	int at = fc->next;
	fc->next = (fc->next + 1) % FORM_CACHE;
	interview_free(fc->form[at]);
	fc->form[at] = f;
	fc->id[at] = id;
	return f;
}

void store_form_cache_free(form_cache *fc)
{
	for (int i = 0; i < FORM_CACHE; i++)
		interview_free(fc->form[i]);
}

