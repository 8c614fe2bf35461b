/* store_query.c — reading: one interview, lists and counts, and the
 * readers of summaries (store_foreach) and exports (store_stream). */
#include "store_priv.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/utf8.h"
#include "exitview/store_search.h"
#include "exitview/util.h"

/* ---- interview columns: one list (IV_COLUMNS) for INSERT and SELECT ---- */

/* The interview's own columns; observations and actions live in `notes`. */
static const struct ivcol {
	enum ckind kind;
	size_t off;
} iv_cols[IV_NCOLS] = {
#define IV_COL_(col, member, type, field, check) { C_##type, offsetof(interview, member) },
	IV_COLUMNS(IV_COL_)
#undef IV_COL_
};

void store_bind_iv(sqlite3_stmt *s, const interview *iv)
{
	const char *base = (const char *)iv;
	for (size_t i = 0; i < EV_ARRAY_LEN(iv_cols); i++) {
		const void *p = base + iv_cols[i].off;
		int at = (int)i + 1;
		switch (iv_cols[i].kind) {
		case C_STR: bind_str(s, at, *(char *const *)p); break;
		case C_INT: bind_i64(s, at, *(const int *)p); break;
		case C_BOOL: bind_i64(s, at, *(const bool *)p ? 1 : 0); break;
		case C_I64: bind_i64(s, at, *(const int64_t *)p); break;
		}
	}
}

/* Fill iv's own columns from a row "id, columns of IV_COLUMNS".  A string equal to the
 * one iv already has is kept (store_foreach reuses one interview). */
void store_read_iv(sqlite3_stmt *s, interview *iv)
{
	char *base = (char *)iv;
	iv->id = sqlite3_column_int64(s, 0);
	for (size_t i = 0; i < EV_ARRAY_LEN(iv_cols); i++) {
		void *p = base + iv_cols[i].off;
		int at = (int)i + 1;
		switch (iv_cols[i].kind) {
		case C_STR: {
			const unsigned char *t = sqlite3_column_text(s, at);
			const char *v = t ? (const char *)t : "";
			char **dst = p;
			if (strcmp(*dst, v) != 0) {
				free(*dst);
				*dst = xstrdup(v);
			}
			break;
		}
		case C_INT: *(int *)p = sqlite3_column_int(s, at); break;
		case C_BOOL: *(bool *)p = sqlite3_column_int(s, at) != 0; break;
		case C_I64: *(int64_t *)p = sqlite3_column_int64(s, at); break;
		}
	}
}
/* ---- loading ---- */

/* Rows of one child query, read alongside the interviews in the same order. */
void store_cursor_next(store *st, cursor *c)
{
	c->rc = store_step(st, c->s, "reading interviews");
}

bool store_cursor_at(const cursor *c, int64_t id)
{
	return c->rc == SQLITE_ROW && sqlite3_column_int64(c->s, 0) == id;
}

/* Add to iv (with its form applied) the answers of interview id and, when
 * nc is not NULL, its notes; with versions, qc's rows carry the answers'
 * versions (S_LOAD_Q). */
static int read_children(store *st, interview *iv, cursor *qc, cursor *nc, bool versions)
{
	for (; store_cursor_at(qc, iv->id); store_cursor_next(st, qc)) {
		int64_t qi = sqlite3_column_int64(qc->s, 1);
		iv_question *q = qi >= IV_SLOT_MIN && qi < iv->nquestions
			? interview_part(iv, (int)qi) : NULL;
		if (!q)
			continue;
		q->rating = sqlite3_column_int(qc->s, 2);
		q->skipped = sqlite3_column_int(qc->s, 3) != 0;
		int64_t mask = sqlite3_column_int64(qc->s, 4);
		for (int j = 0; j < q->nfollowups && j < MAX_FOLLOWUPS; j++)
			q->asked[j] = (mask >> j) & 1;
		if (versions)
			q->answer_version = sqlite3_column_int64(qc->s, 5);
	}
	/* a slot's text comes in chunks, in order (store_notes.c) */
	strbuf acc = STRBUF_INIT;
	char **cur = NULL;
	for (; nc && store_cursor_at(nc, iv->id); store_cursor_next(st, nc)) {
		int64_t slot = sqlite3_column_int64(nc->s, 1);
		char **dst = slot >= IV_SLOT_MIN && slot < iv->nquestions
			? interview_slot_notes(iv, (int)slot) : NULL;
		if (dst != cur && cur)
			store_note_take(cur, &acc);
		cur = dst;
		if (dst)
			sb_add(&acc, (const char *)sqlite3_column_text(nc->s, 2),
			       (size_t)sqlite3_column_bytes(nc->s, 2));
	}
	if (cur)
		store_note_take(cur, &acc);
	sb_free(&acc);
	if (qc->rc < 0 || (nc && nc->rc < 0))
		return -1;
	if (nc)
		store_actions_from_notes(st, iv);
	return 0;
}

static void reset_all(cursor *c, int n)
{
	for (int i = 0; i < n; i++)
		if (c[i].s)
			sqlite3_reset(c[i].s);
}

/* The answers of interview id (with their versions) and, with_notes, its
 * notes, into iv (its form applied or lent); 0 or -1. */
static int read_one_children(store *st, interview *iv, int64_t id, bool with_notes)
{
	cursor qc = { NULL, 0 }, nc = { NULL, 0 };
	int rc = -1;
	if ((qc.s = store_stmt_id(st, S_LOAD_Q, id))) {
		store_cursor_next(st, &qc);
		if (with_notes && (nc.s = store_stmt_id(st, S_LOAD_N, id))) {
			store_cursor_next(st, &nc);
		}
		if (!with_notes || nc.s)
			rc = read_children(st, iv, &qc, with_notes ? &nc : NULL, true);
	}
	if (qc.s)
		sqlite3_reset(qc.s);
	if (nc.s)
		sqlite3_reset(nc.s);
	return rc;
}

interview *store_read_row(store *st, int64_t id, int64_t *form, int64_t *version)
{
	sqlite3_stmt *s = store_stmt_id(st, S_LOAD_IV, id);
	if (!s)
		return NULL;
	int rc = store_step(st, s, "reading an interview");
	interview *iv = NULL;
	if (rc == SQLITE_ROW) {
		iv = interview_blank();
		store_read_iv(s, iv);
		*form = sqlite3_column_int64(s, FORM_COL);
		*version = sqlite3_column_int64(s, DVER_COL);
	} else if (rc == SQLITE_DONE) {
		ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)id);
	}
	sqlite3_reset(s);
	return iv;
}

/* store_load without a transaction of its own (the caller's, or none). */
interview *store_load_in(store *st, int64_t id)
{
	int64_t form, version;
	interview *iv = store_read_row(st, id, &form, &version);
	if (!iv)
		return NULL;
	iv->details_version = version;
	interview *f = store_form_load(st, form);
	if (!f) {
		interview_free(iv);
		return NULL;
	}
	store_form_apply(iv, f);
	interview_free(f);

	sqlite3_stmt *s;
	int rc = read_one_children(st, iv, id, true);
	if (rc == 0)
		rc = store_actions_read(st, iv);
	if (rc == 0 && (s = store_stmt_id(st, S_LOAD_NV, id))) {
		while ((rc = store_step(st, s, "reading an interview")) == SQLITE_ROW) {
			int64_t *v = store_notes_version(iv, sqlite3_column_int(s, 0));
			if (v)
				*v = sqlite3_column_int64(s, 1);
		}
		sqlite3_reset(s);
		rc = rc == SQLITE_DONE ? 0 : -1;
	} else if (rc == 0) {
		rc = -1;
	}
	if (rc != 0) {
		interview_free(iv);
		return NULL;
	}
	return iv;
}

/* One read transaction: the texts and their versions are of one moment
 * (a version read after another writer's save, with the text from before
 * it, would let the next save overwrite that writer's words). */
interview *store_load(store *st, int64_t id)
{
	bool own = sqlite3_get_autocommit(st->db) != 0;
	if (own && store_read_begin(st, "reading an interview") != 0)
		return NULL;
	interview *iv = store_load_in(st, id);
	if (own)
		store_read_end(st);
	return iv;
}

int64_t *store_notes_version(interview *iv, int slot)
{
	if (slot == IV_SLOT_OBSERVATIONS)
		return &iv->observations_version;
	if (slot == IV_SLOT_ACTIONS)
		return &iv->actions_version;
	if (slot == IV_SLOT_PREPARATION)
		return &iv->preparation_version;
	iv_question *q = interview_part(iv, slot);
	return q ? &q->notes_version : NULL;
}

char *store_get_report(store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt_id(st, S_REPORT, id);
	if (!s)
		return NULL;
	int rc = store_step(st, s, "reading the report");
	char *text = NULL;
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		text = col_str(s, 0);
	else if (rc == SQLITE_DONE)
		ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)id);
	sqlite3_reset(s);
	return text;
}

/* ---- lists ---- */

/* Bind the filter (?1) and the match (?2, lowered ASCII; NULL = all). */
static char *bind_filter(sqlite3_stmt *s, enum store_filter f, const char *match)
{
	bind_i64(s, 1, f == STORE_OPEN ? 0 : f == STORE_CLOSED ? 1 : -1);
	if (str_empty(match)) {
		sqlite3_bind_null(s, 2);
		return NULL;
	}
	char *low = xstrdup(match);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	sqlite3_bind_text(s, 2, low, -1, SQLITE_STATIC);
	return low;
}

/* Every row of a list statement (S_LIST, S_UPCOMING) into *rows; their
 * number or -1.  The statement is reset. */
static int read_rows(store *st, sqlite3_stmt *s, store_row **rows)
{
	store_row *out = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = store_step(st, s, "listing interviews")) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			out = xrealloc(out, (size_t)cap * sizeof *out);
		}
		store_row *r = &out[n++];
		r->id = sqlite3_column_int64(s, 0);
		r->employee = col_str(s, 1);
		r->role = col_str(s, 2);
		r->department = col_str(s, 3);
		r->interviewer = col_str(s, 4);
		r->template_name = col_str(s, 5);
		r->interview_date = col_str(s, 6);
		r->last_day = col_str(s, 7);
		r->closed = sqlite3_column_int(s, 8) != 0;
		r->created = sqlite3_column_int64(s, 9);
		r->updated = sqlite3_column_int64(s, 10);
		r->answered = sqlite3_column_int(s, 11);
		r->nquestions = sqlite3_column_int(s, 12);
	}
	sqlite3_reset(s);
	if (rc < 0) {
		store_rows_free(out, n);
		return -1;
	}
	*rows = out;
	return n;
}

/* A match on a file of schema 9: its query of the names' index
 * (store_search_filter_query) in *fts, NULL when it holds no word. */
static bool fts_match(store *st, const char *match, char **fts)
{
	*fts = NULL;
	if (str_empty(match) || st->notes_whole)
		return false;
	*fts = store_search_filter_query(match);
	return true;
}

int store_list(store *st, enum store_filter f, const char *match,
	       int offset, int limit, store_row **rows)
{
	*rows = NULL;
	char *fts;
	bool use_fts = fts_match(st, match, &fts);
	sqlite3_stmt *s = store_stmt(st, use_fts && fts ? S_LIST_FTS : S_LIST);
	if (!s) {
		free(fts);
		return -1;
	}
	char *low = bind_filter(s, f, use_fts ? NULL : match);
	if (fts)
		sqlite3_bind_text(s, 2, fts, -1, free);
	bind_i64(s, 3, limit < 0 ? -1 : limit);
	bind_i64(s, 4, offset < 0 ? 0 : offset);
	int n = read_rows(st, s, rows);
	free(low);
	return n;
}

int store_list_next(store *st, const char *match, const store_row *edge, bool before, int limit,
		    store_row **rows)
{
	*rows = NULL;
	char *fts;
	bool use_fts = fts_match(st, match, &fts);
	if (!str_empty(match) && !use_fts)
		return -2;   /* a file before schema 9: no index to read on in */
	sqlite3_stmt *s = store_stmt(st, fts ? (before ? S_LIST_FTS_BEFORE : S_LIST_FTS_AFTER)
				     : before ? S_LIST_BEFORE : S_LIST_AFTER);
	if (!s) {
		free(fts);
		return -1;
	}
	bind_i64(s, 1, edge->updated);
	bind_i64(s, 2, edge->id);
	bind_i64(s, 3, limit < 0 ? 0 : limit);
	if (fts)
		sqlite3_bind_text(s, 4, fts, -1, free);
	int n = read_rows(st, s, rows);
	if (before)   /* read backwards from the edge: put in list order */
		for (int i = 0, j = n - 1; i < j; i++, j--) {
			store_row t = (*rows)[i];
			(*rows)[i] = (*rows)[j];
			(*rows)[j] = t;
		}
	return n;
}

int store_list_bounds(store *st, int64_t *max_updated, int64_t *max_id)
{
	*max_updated = *max_id = 0;
	int64_t u, i;
	if (store_query_int(st, "SELECT coalesce(max(updated), 0) FROM interviews", &u, "listing interviews") != 0 ||
	    store_query_int(st, "SELECT coalesce(max(id), 0) FROM interviews", &i, "listing interviews") != 0)
		return -1;
	*max_updated = u;
	*max_id = i;
	return 0;
}

/* The SQL of a keyset page: the filter, the lower bound and the cursor
 * are left out when not wanted, so that the (closed, updated, id) or
 * (updated, id) index is read from the cursor on, never from the top (a
 * bound on `updated` beside the cursor would make SQLite seek by that
 * bound instead: one second's interviews would be read again for every
 * page). */
static void page_sql(strbuf *sql, const store_page *p)
{
	sb_puts(sql, "SELECT id, employee, role, department, interviewer, template_name,"
		" interview_date, last_day, closed, created, updated, answered,"
		" nquestions FROM interviews WHERE id <= ?4");
	if (p->filter != STORE_ALL)
		sb_puts(sql, " AND closed = ?1");
	if (p->min_updated != INT64_MIN)
		sb_puts(sql, " AND updated >= ?2");
	if (p->after_id > 0)
		sb_puts(sql, " AND (updated, id) < (?5, ?6)");
	sb_puts(sql, " ORDER BY updated DESC, id DESC LIMIT ?7");
}

int store_list_page(store *st, const store_page *p, store_row **rows)
{
	*rows = NULL;
	strbuf sql = STRBUF_INIT;
	page_sql(&sql, p);
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sb_str(&sql), -1, &s, NULL);
	sb_free(&sql);
	if (rc != SQLITE_OK)
		return store_fail(st, "listing interviews");
	if (p->filter != STORE_ALL)
		bind_i64(s, 1, p->filter == STORE_CLOSED ? 1 : 0);
	if (p->min_updated != INT64_MIN)
		bind_i64(s, 2, p->min_updated);
	bind_i64(s, 4, p->max_id);
	if (p->after_id > 0) {
		bind_i64(s, 5, p->after_updated);
		bind_i64(s, 6, p->after_id);
	}
	bind_i64(s, 7, p->limit);
	int n = read_rows(st, s, rows);
	sqlite3_finalize(s);
	return n;
}

int store_list_upcoming(store *st, const char *today, int limit, store_row **rows)
{
	*rows = NULL;
	sqlite3_stmt *s = store_stmt(st, S_UPCOMING);
	if (!s)
		return -1;
	bind_str(s, 1, today);
	bind_i64(s, 2, limit < 0 ? -1 : limit);
	return read_rows(st, s, rows);
}

int store_count(store *st, enum store_filter f, const char *match)
{
	char *fts;
	bool use_fts = fts_match(st, match, &fts);
	bool plain = str_empty(match) || (use_fts && !fts);
	sqlite3_stmt *s = store_stmt(st, fts ? (f == STORE_ALL ? S_COUNT_FTS_ALL : S_COUNT_FTS)
				     : !plain ? S_COUNT : f == STORE_ALL ? S_COUNT_ALL : S_COUNT_STATE);
	if (!s) {
		free(fts);
		return -1;
	}
	char *low = NULL;
	if (fts) {
		bind_filter(s, f, NULL);
		sqlite3_bind_text(s, 2, fts, -1, free);
	} else if (!plain)
		low = bind_filter(s, f, match);
	else if (f != STORE_ALL)
		bind_i64(s, 1, f == STORE_CLOSED ? 1 : 0);
	int rc = store_step(st, s, "counting interviews");
	int n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	free(low);
	return n;
}

int store_find_employee(store *st, const char *name, int64_t *ids, int max)
{
	const char *what = "finding the employee";
	strbuf want = STRBUF_INIT, have = STRBUF_INIT;
	const char *b = name ? name : "";
	while (*b == ' ' || *b == '\t')
		b++;
	size_t len = strlen(b);
	while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t'))
		len--;
	utf8_fold(&want, b, len);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "SELECT id, employee FROM interviews ORDER BY id", -1, &s, NULL)
	    != SQLITE_OK) {
		sb_free(&want);
		return store_fail(st, what);
	}
	int n = 0, rc;
	while ((rc = store_step(st, s, what)) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(s, 1);
		int elen = sqlite3_column_bytes(s, 1);
		if (!e || len == 0)
			continue;
		sb_clear(&have);
		utf8_fold(&have, e, (size_t)elen);
		/* the stored name trimmed as the one given */
		const char *h = sb_str(&have);
		size_t hl = have.len;
		while (hl > 0 && (*h == ' ' || *h == '\t')) {
			h++;
			hl--;
		}
		while (hl > 0 && (h[hl - 1] == ' ' || h[hl - 1] == '\t'))
			hl--;
		if (hl == want.len && memcmp(h, sb_str(&want), hl) == 0) {
			if (n < max)
				ids[n] = sqlite3_column_int64(s, 0);
			n++;
		}
	}
	sqlite3_finalize(s);
	sb_free(&want);
	sb_free(&have);
	return rc == SQLITE_DONE ? n : -1;
}

void store_rows_free(store_row *rows, int n)
{
	if (!rows)
		return;
	for (int i = 0; i < n; i++) {
		free(rows[i].employee);
		free(rows[i].role);
		free(rows[i].department);
		free(rows[i].interviewer);
		free(rows[i].template_name);
		free(rows[i].interview_date);
		free(rows[i].last_day);
	}
	free(rows);
}

/* ---- export and summary ---- */

/* The days [since, until] (each "" or NULL = open) as the bounds of
 * RANGE_WHERE (?1, ?2); 0, or -1 for a date that is not one. */
static int date_range(const char *since, const char *until, const char **lo, const char **hi)
{
	*lo = str_empty(since) ? "" : since;
	*hi = str_empty(until) ? "~" : until;   /* '~' sorts after digits */
	if (!str_empty(since) && !date_valid(since))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", since);
	if (!str_empty(until) && !date_valid(until))
		return ev_seterr("bad date '%s': use YYYY-MM-DD", until);
	return 0;
}

/* Two or three queries in all, whatever the number of interviews: the
 * interviews, and their answers and (with_notes) notes in the same order,
 * read side by side; the template text comes from the few forms, each read
 * once.  One read transaction keeps them consistent. */
/* The interviews of each month in [lo, hi] (store_foreach_counted), in
 * the caller's read transaction; 0 or -1. */
static int month_counts(store *st, const char *lo, const char *hi,
			void (*month_fn)(const char *ym, int64_t n, void *arg), void *arg)
{
	const char *what = "counting interviews";
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "SELECT substr(day, 1, 7), count(*) FROM interviews"
			       " WHERE day >= ?1 AND day <= ?2 GROUP BY 1", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, what);
	bind_str(s, 1, lo);
	bind_str(s, 2, hi);
	int rc;
	while ((rc = store_step(st, s, what)) == SQLITE_ROW) {
		const unsigned char *ym = sqlite3_column_text(s, 0);
		month_fn(ym ? (const char *)ym : "", sqlite3_column_int64(s, 1), arg);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int foreach_impl(store *st, const char *since, const char *until, bool with_notes,
			void (*month_fn)(const char *ym, int64_t n, void *arg),
			int (*fn)(const interview *iv, void *arg), void *arg);

int store_foreach(store *st, const char *since, const char *until, bool with_notes,
		  int (*fn)(const interview *iv, void *arg), void *arg)
{
	return foreach_impl(st, since, until, with_notes, NULL, fn, arg);
}

int store_foreach_counted(store *st, const char *since, const char *until,
			  void (*month_fn)(const char *ym, int64_t n, void *arg),
			  int (*fn)(const interview *iv, void *arg), void *arg)
{
	return foreach_impl(st, since, until, false, month_fn, fn, arg);
}

static int foreach_impl(store *st, const char *since, const char *until, bool with_notes,
			void (*month_fn)(const char *ym, int64_t n, void *arg),
			int (*fn)(const interview *iv, void *arg), void *arg)
{
	const char *lo, *hi;
	if (date_range(since, until, &lo, &hi) != 0)
		return -1;
	if (store_read_begin(st, "reading interviews") != 0)
		return -1;
	if (month_fn && month_counts(st, lo, hi, month_fn, arg) != 0) {
		store_read_end(st);
		return -1;
	}
	static const enum sid ids[3] = { S_EACH_IV, S_EACH_Q, S_EACH_N };
	cursor c[3] = { { NULL, 0 }, { NULL, 0 }, { NULL, 0 } };
	int nc = with_notes ? 3 : 2;   /* without notes, the notes table is never read */
	form_cache forms = { .next = 0 };
	int ret = 0;
	for (int i = 0; i < nc && ret == 0; i++) {
		if (!(c[i].s = store_stmt(st, ids[i]))) {
			ret = -1;
			break;
		}
		bind_str(c[i].s, 1, lo);
		bind_str(c[i].s, 2, hi);
		store_cursor_next(st, &c[i]);
		if (c[i].rc < 0)
			ret = -1;
	}
	/* one interview, refilled for each row: fn sees it const and cannot
	 * keep it past its return */
	interview *iv = interview_blank();
	while (ret == 0 && c[0].rc == SQLITE_ROW) {
		const interview *f = store_form_cached(st, &forms, sqlite3_column_int64(c[0].s, FORM_COL));
		if (!f) {
			ret = -1;
			break;
		}
		store_read_iv(c[0].s, iv);
		store_form_lend(iv, f);
		if (read_children(st, iv, &c[1], with_notes ? &c[2] : NULL, false) == 0)
			ret = fn(iv, arg);
		else
			ret = -1;
		store_form_unlend(iv);
		if (iv->observations[0])
			str_set(&iv->observations, "");
		if (iv->actions[0])
			str_set(&iv->actions, "");
		if (iv->preparation[0])
			str_set(&iv->preparation, "");
		actions_free(iv->acts, iv->nacts);
		iv->acts = NULL;
		iv->nacts = 0;
		if (ret != 0)
			break;
		store_cursor_next(st, &c[0]);
		if (c[0].rc < 0)
			ret = -1;
	}
	interview_free(iv);
	store_form_cache_free(&forms);
	reset_all(c, 3);
	store_read_end(st);
	return ret;
}

/* The forms a store_stream chunk's interviews borrow their text from
 * (store_form_lend): unlike form_cache, nothing is dropped while a chunk is
 * alive, only between chunks (stream_forms_trim). */
typedef struct stream_forms {
	int64_t *id;
	interview **form;
	int n, cap;
} stream_forms;

static const interview *stream_form(store *st, stream_forms *sf, int64_t id)
{
	for (int i = sf->n - 1; i >= 0; i--)
		if (sf->id[i] == id)
			return sf->form[i];
	interview *f = store_form_load(st, id);
	if (!f)
		return NULL;
	if (sf->n == sf->cap) {
		sf->cap = sf->cap ? sf->cap * 2 : 8;
		sf->id = xrealloc(sf->id, (size_t)sf->cap * sizeof *sf->id);
		sf->form = xrealloc(sf->form, (size_t)sf->cap * sizeof *sf->form);
	}
	sf->id[sf->n] = id;
	sf->form[sf->n++] = f;
	return f;
}

/* Between chunks (nothing lent): a database rarely has more than a few
 * forms, but one of schema 1 or 2 has one per interview: forget them all
 * when there are many. */
static void stream_forms_trim(stream_forms *sf, int keep)
{
	if (sf->n <= keep)
		return;
	for (int i = 0; i < sf->n; i++)
		interview_free(sf->form[i]);
	sf->n = 0;
	if (keep == 0) {
		free(sf->id);
		free(sf->form);
		sf->id = NULL;
		sf->form = NULL;
		sf->cap = 0;
	}
}

static void stream_free(interview *iv)
{
	store_form_unlend(iv);
	interview_free(iv);
}

/* For store_stream, inside a chunk's read transaction: interview id,
 * whole (answers and, with_notes, notes), if it still exists and its day
 * is in [lo, hi].  1 with *out set (free it with stream_free), 0 when it
 * is not there (any more), -1 on error. */
static int stream_one(store *st, stream_forms *forms, int64_t id, const char *lo, const char *hi,
		      bool with_notes, interview **out)
{
	*out = NULL;
	sqlite3_stmt *s = store_stmt(st, S_PICK_IV);
	if (!s)
		return -1;
	bind_str(s, 1, lo);
	bind_str(s, 2, hi);
	bind_i64(s, 3, id);
	int rc = store_step(st, s, "reading interviews");
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	interview *iv = interview_blank();
	store_read_iv(s, iv);
	int64_t form = sqlite3_column_int64(s, FORM_COL);
	sqlite3_reset(s);
	const interview *f = stream_form(st, forms, form);
	if (!f) {
		interview_free(iv);
		return -1;
	}
	store_form_lend(iv, f);
	if (read_one_children(st, iv, id, with_notes) != 0 || store_actions_read(st, iv) != 0) {
		stream_free(iv);
		return -1;
	}
	*out = iv;
	return 1;
}

/* The bytes of typed text iv holds (what makes a chunk big). */
static size_t text_bytes(const interview *iv)
{
	size_t n = strlen(iv->observations) + strlen(iv->actions) + strlen(iv->return_conditions) +
		   strlen(iv->preparation) + strlen(iv->opening.notes) + strlen(iv->closing.notes);
	for (int i = 0; i < iv->nquestions; i++)
		n += strlen(iv->q[i].notes);
	return n;
}

/* The IDs of a selection, in its order, each as the zigzag varint of its
 * difference from the one before: they come nearly in ID order (by day,
 * then ID), so most take a byte, where an int64_t took 8 (the list is
 * what grows with the number of interviews). */
typedef struct id_list {
	unsigned char *b;
	size_t len, cap, n;
	uint64_t last;
} id_list;

static void id_list_add(id_list *l, int64_t id)
{
	uint64_t d = (uint64_t)id - l->last;   /* modulo 2^64: any two IDs */
	uint64_t z = (d << 1) ^ (0 - (d >> 63));
	l->last = (uint64_t)id;
	if (l->len + 10 > l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->b = xrealloc(l->b, l->cap);
	}
	while (z >= 0x80) {
		l->b[l->len++] = (unsigned char)(z | 0x80);
		z >>= 7;
	}
	l->b[l->len++] = (unsigned char)z;
	l->n++;
}

/* The next ID from *at on (start both at 0); call it only l->n times. */
static int64_t id_list_next(const id_list *l, size_t *at, uint64_t *prev)
{
	uint64_t z = 0;
	for (int shift = 0; *at < l->len; shift += 7) {
		unsigned char c = l->b[(*at)++];
		z |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			break;
	}
	*prev += (z >> 1) ^ (0 - (z & 1));
	return (int64_t)*prev;
}

/* Paging over a list of IDs fixed at the start (not a cursor held open,
 * not OFFSET, which a writer's change would shift): the read transaction
 * of a chunk ends before fn sees its first interview, so nothing fn waits
 * for (a pipe, a terminal) holds a lock.  Why not WAL, whose readers never
 * block a writer: see the top of this file (NFS, secure_delete).
 * Chunks rather than a transaction per interview: each transaction takes
 * and drops the file lock and rereads the header (system calls), and a
 * chunk is still short: a writer that comes while one is read waits a few
 * milliseconds (its PENDING lock keeps the next chunk from starting). */
int store_stream(store *st, const char *since, const char *until, bool with_notes,
		 int *max_questions, int (*fn)(const interview *iv, void *arg), void *arg)
{
	const char *lo, *hi;
	if (date_range(since, until, &lo, &hi) != 0)
		return -1;

	/* the selection: one statement, one consistent read of small rows */
	sqlite3_stmt *s = store_stmt(st, S_PICK);
	if (!s)
		return -1;
	bind_str(s, 1, lo);
	bind_str(s, 2, hi);
	id_list ids = { NULL, 0, 0, 0, 0 };
	int maxq = 0, rc;
	while ((rc = store_step(st, s, "reading interviews")) == SQLITE_ROW) {
		id_list_add(&ids, sqlite3_column_int64(s, 0));
		int nq = sqlite3_column_int(s, 1);
		if (nq > maxq)
			maxq = nq;
	}
	sqlite3_reset(s);
	if (rc < 0) {
		free(ids.b);
		return -1;
	}
	if (max_questions)
		*max_questions = maxq;

	stream_forms forms = { NULL, NULL, 0, 0 };
	interview *chunk[STORE_STREAM_CHUNK];
	size_t at = 0, pos = 0;   /* at: IDs taken; pos: bytes of ids.b read */
	uint64_t prev = 0;
	int ret = 0;
	while (ret == 0 && at < ids.n) {
		int got = 0;
		size_t bytes = 0;
		if (store_read_begin(st, "reading interviews") != 0) {
			ret = -1;
			break;
		}
		while (at < ids.n && got < STORE_STREAM_CHUNK && bytes < STORE_STREAM_CHUNK_BYTES) {
			interview *iv;
			int64_t id = id_list_next(&ids, &pos, &prev);
			at++;
			int r = stream_one(st, &forms, id, lo, hi, with_notes, &iv);
			if (r < 0) {
				ret = -1;
				break;
			}
			if (r == 0)
				continue;
			bytes += text_bytes(iv);
			chunk[got++] = iv;
		}
		store_read_end(st);
		/* no lock held from here on: fn may wait as long as it likes */
		for (int i = 0; i < got; i++) {
			if (ret == 0)
				ret = fn(chunk[i], arg);
			stream_free(chunk[i]);
		}
		stream_forms_trim(&forms, FORM_CACHE);
	}
	stream_forms_trim(&forms, 0);
	free(ids.b);
	return ret;
}
