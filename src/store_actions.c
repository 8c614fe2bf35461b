/* store_actions.c — action items as records (store_actions.h): the table
 * `actions` of schema 8, the writes that refuse a closed interview, the
 * cross-interview listing, the counts for the summary, and the migration
 * of the free-text action notes of schema 7. */
#include "exitview/store_actions.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/date.h"
#include "store_priv.h"


static sqlite3_stmt *prepare(store *st, const char *sql, const char *what)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, rc, what);
		return NULL;
	}
	return s;
}

static void action_read(sqlite3_stmt *s, iv_action *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	a->interview_id = sqlite3_column_int64(s, 1);
	a->text = col_str(s, 2);
	a->owner = col_str(s, 3);
	const unsigned char *d = sqlite3_column_text(s, 4);
	snprintf(a->due, sizeof a->due, "%s", d ? (const char *)d : "");
	a->status = sqlite3_column_int(s, 5) ? ACTION_DONE : ACTION_OPEN;
	a->question = sqlite3_column_int(s, 6);
	a->created = sqlite3_column_int64(s, 7);
	a->done_at = sqlite3_column_int64(s, 8);
}

static int each_line_action(const char *text, int (*fn)(char *line, void *arg), void *arg);

/* ---- an interview's actions (store_priv.h) ---- */

int store_actions_read(store *st, interview *iv)
{
	if (st->actions_from_notes)
		return 0;   /* store_actions_from_notes made them */
	const char *what = "reading the action items";
	/* cached: an export reads every interview's (store_stream) */
	sqlite3_stmt *s = store_stmt_id(st, S_ACTIONS_OF, iv->id);
	if (!s)
		return -1;
	int rc, cap = 0;
	while ((rc = store_step(st, s, what)) == SQLITE_ROW) {
		if (iv->nacts == cap) {
			cap = cap ? cap * 2 : 8;
			iv->acts = xrealloc(iv->acts, (size_t)cap * sizeof *iv->acts);
		}
		action_read(s, &iv->acts[iv->nacts++]);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_action_reload(store *st, interview *iv)
{
	iv_action *old = iv->acts;
	int nold = iv->nacts;
	iv->acts = NULL;
	iv->nacts = 0;
	if (store_actions_read(st, iv) != 0) {
		actions_free(iv->acts, iv->nacts);
		iv->acts = old;
		iv->nacts = nold;
		return -1;
	}
	actions_free(old, nold);
	return 0;
}

/* ---- writes ---- */

/* The interview of action id, refused when closed or missing: 0 with
 * *iv_id set, or -1. */
static int action_open_iv(store *st, int64_t id, int64_t *iv_id)
{
	const char *what = "reading an action";
	sqlite3_stmt *s = prepare(st, "SELECT interview_id FROM actions WHERE id = ?1", what);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	int rc = store_step(st, s, what);
	if (rc == SQLITE_ROW)
		*iv_id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return ev_seterr_code(EV_E_NOTFOUND, "no action number %lld", (long long)id);
	return store_check_open(st, *iv_id);
}

/* The interview's updated time, as every write to it raises it. */
static int touch(store *st, int64_t iv_id)
{
	sqlite3_stmt *s = store_stmt_id(st, S_TOUCH, iv_id);
	if (!s)
		return -1;
	bind_i64(s, 2, (int64_t)time(NULL));
	return store_run(st, s, "saving the action item");
}

static int add_tx(store *st, void *arg)
{
	iv_action *a = arg;
	const char *what = "saving the action item";
	if (store_check_open(st, a->interview_id) != 0)
		return -1;
	if (a->question != ACTION_NO_QUESTION) {
		sqlite3_stmt *q = prepare(st, "SELECT nquestions FROM interviews WHERE id = ?1", what);
		if (!q)
			return -1;
		bind_i64(q, 1, a->interview_id);
		int rc = store_step(st, q, what);
		int nq = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
		sqlite3_finalize(q);
		if (rc < 0)
			return -1;
		if (a->question < 0 || a->question >= nq)
			return ev_seterr("interview %lld has no question %d (it has 1 to %d)",
					 (long long)a->interview_id, a->question + 1, nq);
	}
	sqlite3_stmt *s = prepare(st, "INSERT INTO actions (interview_id, text, owner, due, done,"
				  " question, created, done_at) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, 0)",
				  what);
	if (!s)
		return -1;
	bind_i64(s, 1, a->interview_id);
	bind_str(s, 2, a->text);
	bind_str(s, 3, a->owner);
	bind_str(s, 4, a->due);
	if (a->question == ACTION_NO_QUESTION)
		sqlite3_bind_null(s, 5);
	else
		bind_i64(s, 5, a->question);
	bind_i64(s, 6, a->created);
	int rc = store_run(st, s, what);
	sqlite3_finalize(s);
	if (rc != 0)
		return -1;
	a->id = (int64_t)sqlite3_last_insert_rowid(st->db);
	return touch(st, a->interview_id);
}

int store_action_add(store *st, iv_action *a)
{
	if (!a->owner)
		a->owner = xstrdup("");
	if (action_check_text(a->text) != 0 || action_check_owner(a->owner) != 0 ||
	    action_check_due(a->due) != 0)
		return -1;
	a->status = ACTION_OPEN;
	a->created = (int64_t)time(NULL);
	a->done_at = 0;
	a->id = 0;
	if (store_write_tx(st, add_tx, a) != 0) {
		a->id = 0;
		return -1;
	}
	return 0;
}

int store_action_get(store *st, int64_t id, iv_action *out)
{
	const char *what = "reading an action";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = prepare(st, "SELECT " ACTION_COLS " FROM actions a WHERE a.id = ?1", what);
	if (!s)
		return -1;
	bind_i64(s, 1, id);
	int rc = store_step(st, s, what);
	if (rc == SQLITE_ROW)
		action_read(s, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return ev_seterr_code(EV_E_NOTFOUND, "no action number %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

/* One UPDATE of action a->id after the checks of its interview. */
struct change_arg {
	int64_t id;
	const char *sql;          /* ?1 the action, ?2 ?3 ?4 the values */
	const char *v[3];         /* NULL: bound NULL (each statement says what that means) */
	int64_t now;
};

static int change_tx(store *st, void *arg)
{
	struct change_arg *c = arg;
	int64_t iv_id = 0;
	if (action_open_iv(st, c->id, &iv_id) != 0)
		return -1;
	sqlite3_stmt *s = prepare(st, c->sql, "saving the action item");
	if (!s)
		return -1;
	bind_i64(s, 1, c->id);
	for (int i = 0; i < 3; i++) {
		if (c->v[i])
			bind_str(s, i + 2, c->v[i]);
	}
	if (sqlite3_bind_parameter_count(s) >= 5)
		bind_i64(s, 5, c->now);
	int rc = store_run(st, s, "saving the action item");
	sqlite3_finalize(s);
	return rc != 0 ? -1 : touch(st, iv_id);
}

int store_action_set_done(store *st, int64_t id, bool done)
{
	struct change_arg c = {
		id, done ? "UPDATE actions SET done = 1, done_at = ?5 WHERE id = ?1 AND done = 0"
			 : "UPDATE actions SET done = 0, done_at = 0 WHERE id = ?1",
		{ NULL, NULL, NULL }, (int64_t)time(NULL),
	};
	return store_write_tx(st, change_tx, &c);
}

int store_action_edit(store *st, int64_t id, const char *text, const char *owner, const char *due)
{
	if ((text && action_check_text(text) != 0) || (owner && action_check_owner(owner) != 0) ||
	    (due && action_check_due(due) != 0))
		return -1;
	struct change_arg c = {
		id, "UPDATE actions SET text = coalesce(?2, text), owner = coalesce(?3, owner),"
		    " due = coalesce(?4, due) WHERE id = ?1",
		{ text, owner, due }, 0,
	};
	return store_write_tx(st, change_tx, &c);
}

int store_action_delete(store *st, int64_t id)
{
	struct change_arg c = { id, "DELETE FROM actions WHERE id = ?1", { NULL, NULL, NULL }, 0 };
	return store_write_tx(st, change_tx, &c);
}

/* ---- across interviews ---- */

/* store_action_list on a file before schema 8 read in place: the action
 * notes as the migration would number them (in interview order, line by
 * line, from 1: such a file has no action numbers yet); all open, with no
 * owner or due date. */
struct legacy_list {
	store_action_row *rows;
	int n, cap;
	int64_t iv_id, updated;
	const char *employee;
};

static int legacy_row(char *line, void *arg)
{
	struct legacy_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->rows = xrealloc(l->rows, (size_t)l->cap * sizeof *l->rows);
	}
	store_action_row *r = &l->rows[l->n++];
	memset(r, 0, sizeof *r);
	r->a.id = l->n;
	r->a.interview_id = l->iv_id;
	r->a.text = xstrdup(line);
	r->a.owner = xstrdup("");
	r->a.question = ACTION_NO_QUESTION;
	r->a.created = l->updated;
	r->employee = xstrdup(l->employee);
	return 0;
}

static int legacy_list(store *st, const store_action_filter *f, store_action_row **rows)
{
	const char *what = "reading the action items";
	struct legacy_list l = { NULL, 0, 0, 0, 0, "" };
	bool none = f && (f->status == ACTION_DONE || f->overdue_on || (f->owner && f->owner[0]));
	sqlite3_stmt *s = none ? NULL : prepare(st, "SELECT n.interview_id, n.text, i.updated, i.employee"
						  " FROM notes n JOIN interviews i ON i.id = n.interview_id"
						  " WHERE n.slot = -2 ORDER BY n.interview_id", what);
	if (!none && !s)
		return -1;
	int rc = SQLITE_DONE;
	while (s && (rc = store_step(st, s, what)) == SQLITE_ROW) {
		l.iv_id = sqlite3_column_int64(s, 0);
		l.updated = sqlite3_column_int64(s, 2);
		const unsigned char *e = sqlite3_column_text(s, 3);
		l.employee = e ? (const char *)e : "";
		each_line_action((const char *)sqlite3_column_text(s, 1), legacy_row, &l);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_action_rows_free(l.rows, l.n);
		return -1;
	}
	*rows = l.rows;
	return l.n;
}

int store_action_list(store *st, const store_action_filter *f, store_action_row **rows)
{
	const char *what = "reading the action items";
	*rows = NULL;
	if (st->actions_from_notes)
		return legacy_list(st, f, rows);
	sqlite3_stmt *s = prepare(st, "SELECT " ACTION_COLS ", i.employee FROM actions a"
				  " JOIN interviews i ON i.id = a.interview_id"
				  " WHERE (?1 < 0 OR a.done = ?1)"
				  " AND (?2 IS NULL OR lower(a.owner) = lower(?2))"
				  " AND (?3 IS NULL OR (a.done = 0 AND a.due <> '' AND a.due < ?3))"
				  " ORDER BY a.due = '', a.due, a.id", what);
	if (!s)
		return -1;
	bind_i64(s, 1, f ? f->status : -1);
	if (f && f->owner)
		bind_str(s, 2, f->owner);
	if (f && f->overdue_on)
		bind_str(s, 3, f->overdue_on);
	int rc, n = 0, cap = 0;
	while ((rc = store_step(st, s, what)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		action_read(s, &(*rows)[n].a);
		(*rows)[n++].employee = col_str(s, ACTION_NCOLS);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_action_rows_free(*rows, n);
		*rows = NULL;
		return -1;
	}
	return n;
}

void store_action_rows_free(store_action_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		action_clear(&rows[i].a);
		free(rows[i].employee);
	}
	free(rows);
}

int store_action_counts(store *st, const char *since, const char *until, int64_t *open,
			int64_t *overdue)
{
	const char *what = "counting the action items";
	*open = *overdue = 0;
	if ((!str_empty(since) && !date_valid(since)) || (!str_empty(until) && !date_valid(until)))
		return ev_seterr("bad date '%s': use YYYY-MM-DD",
				 !str_empty(since) && !date_valid(since) ? since : until);
	char today[11];
	date_today(today);
	sqlite3_stmt *s = prepare(st, "SELECT count(*), coalesce(sum(a.due <> '' AND a.due < ?3), 0)"
				  /* CROSS JOIN: the interviews of the days first (the (day,
				   * id) index), then their actions; never every open action
				   * for each range (a summary asks once per run of months) */
				  " FROM interviews i CROSS JOIN actions a ON a.interview_id = i.id"
				  " WHERE i.day >= ?1 AND i.day <= ?2 AND a.done = 0", what);
	if (!s)
		return -1;
	bind_str(s, 1, str_empty(since) ? "" : since);
	bind_str(s, 2, str_empty(until) ? "~" : until);
	bind_str(s, 3, today);
	int rc = store_step(st, s, what);
	if (rc == SQLITE_ROW) {
		*open = sqlite3_column_int64(s, 0);
		*overdue = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- the migration 7 -> 8 (store_priv.h) ---- */

/* Call fn(line, arg) for each action the free text makes (the lines that
 * action_from_line keeps, in order); stops at fn's first non-zero. */
static int each_line_action(const char *text, int (*fn)(char *line, void *arg), void *arg)
{
	int rc = 0;
	for (const char *p = text ? text : ""; *p && rc == 0;) {
		size_t n = strcspn(p, "\n");
		char *line = action_from_line(p, n);
		p += n + (p[n] == '\n');
		if (line)
			rc = fn(line, arg);
		free(line);
	}
	return rc;
}

static int append_action(char *line, void *arg)
{
	interview *iv = arg;
	iv->acts = xrealloc(iv->acts, (size_t)(iv->nacts + 1) * sizeof *iv->acts);
	iv_action *a = &iv->acts[iv->nacts++];
	memset(a, 0, sizeof *a);
	a->interview_id = iv->id;
	a->text = xstrdup(line);
	a->owner = xstrdup("");
	a->question = ACTION_NO_QUESTION;
	a->created = iv->updated;
	return 0;
}

void store_actions_from_notes(store *st, interview *iv)
{
	if (!st->actions_from_notes || !iv->actions[0])
		return;
	each_line_action(iv->actions, append_action, iv);
	str_set(&iv->actions, "");
}

struct migrate_arg {
	store *st;
	sqlite3_stmt *ins;
	int64_t id, updated;
};

static int insert_line(char *line, void *arg)
{
	struct migrate_arg *m = arg;
	sqlite3_reset(m->ins);
	bind_i64(m->ins, 1, m->id);
	bind_str(m->ins, 2, line);
	bind_i64(m->ins, 3, m->updated);
	return store_run(m->st, m->ins, "upgrading the schema to version 8");
}

/* Every interview's free-text action notes (slot IV_SLOT_ACTIONS) become
 * one open action per non-empty line (action_from_line), created at the
 * interview's last update, with no owner, due date or question; the notes
 * slot is then emptied: its words are in the actions now, in order.  The
 * slot stays, for notes about the action items. */
int store_actions_migrate(store *st)
{
	const char *what = "upgrading the schema to version 8";
	sqlite3_stmt *sel = prepare(st, "SELECT n.interview_id, n.text, i.updated FROM notes n"
				    " JOIN interviews i ON i.id = n.interview_id WHERE n.slot = -2"
				    " ORDER BY n.interview_id", what);
	sqlite3_stmt *ins = prepare(st, "INSERT INTO actions (interview_id, text, owner, due, done,"
				    " question, created, done_at) VALUES (?1, ?2, '', '', 0, NULL, ?3, 0)",
				    what);
	int rc = sel && ins ? SQLITE_ROW : -1;
	while (rc == SQLITE_ROW && (rc = store_step(st, sel, what)) == SQLITE_ROW) {
		struct migrate_arg m = { st, ins, sqlite3_column_int64(sel, 0),
					 sqlite3_column_int64(sel, 2) };
		if (each_line_action((const char *)sqlite3_column_text(sel, 1), insert_line, &m) != 0)
			rc = -1;
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	if (rc != SQLITE_DONE)
		return -1;
	return store_exec(st, "DELETE FROM notes WHERE slot = -2", what);
}
