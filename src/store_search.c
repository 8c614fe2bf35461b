/* store_search.c — full-text search (store_search.h) over the indexes of
 * schema 9 (store_schema.c): notes_fts over the notes' chunks, actions_fts
 * over the action items, people_fts over the names for the start screen's
 * filter; the query language; and compacting the indexes after an erase.
 *
 * Speed: the notes are read from the index newest interview first (a
 * chunk's id begins with its interview's), so a search stops once it has
 * its hits, however common the word: only the hits shown get a snippet.
 */
#include "exitview/store_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitview/date.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "store_priv.h"

bool store_has_search(const store *st)
{
	return st && !st->notes_whole;
}

/* ---- the query language ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether s[0..n) has something the tokenizer keeps: an ASCII letter or
 * digit, or any character beyond ASCII (most are letters). */
static bool has_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

/* s[0..n) as an FTS5 string ("..." with quotes doubled), then '*' if prefix. */
static void put_string(strbuf *out, const char *s, size_t n, bool prefix)
{
	sb_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			sb_putc(out, '"');
		sb_putc(out, s[i]);
	}
	sb_putc(out, '"');
	if (prefix)
		sb_putc(out, '*');
}

static char *bad_query(strbuf *out, const char *fmt, const char *arg)
{
	sb_free(out);
	ev_seterr_code(EV_E_BADQUERY, fmt, arg);
	return NULL;
}

char *store_search_parse(const char *query)
{
	strbuf out = STRBUF_INIT, shown = STRBUF_INIT;
	int terms = 0;
	bool after_or = false;
	const char *p = query ? query : "";
	char *ret = NULL;
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		const char *s = p;
		size_t n;
		bool prefix = false;
		if (*p == '"') {
			const char *close = strchr(p + 1, '"');
			if (!close) {
				ret = bad_query(&out, "bad query: a quote (\") is not closed%s", "");
				goto done;
			}
			s = p + 1;
			n = (size_t)(close - s);
			p = close + 1;
			if (*p == '*')
				prefix = true, p++;
			if (*p && !is_space(*p)) {
				sb_clear(&shown);
				sb_add(&shown, s - 1, (size_t)(p - s + 2));
				ret = bad_query(&out, "bad query: put a space after the closing quote of %s",
						sb_str(&shown));
				goto done;
			}
		} else {
			while (*p && !is_space(*p) && *p != '"')
				p++;
			n = (size_t)(p - s);
			sb_clear(&shown);
			sb_add(&shown, s, n);
			if (*p == '"') {
				ret = bad_query(&out, "bad query: a quote (\") inside the word '%s'",
						sb_str(&shown));
				goto done;
			}
			if (n == 2 && memcmp(s, "OR", 2) == 0) {
				if (terms == 0 || after_or) {
					ret = bad_query(&out, "bad query: OR needs a term on each side%s", "");
					goto done;
				}
				sb_puts(&out, " OR ");
				after_or = true;
				continue;
			}
			if (s[n - 1] == '*')
				prefix = true, n--;
			if (memchr(s, '*', n)) {
				ret = bad_query(&out, "bad query: '*' can only end a word ('%s')", sb_str(&shown));
				goto done;
			}
		}
		if (!has_word(s, n)) {
			sb_clear(&shown);
			sb_add(&shown, s, n);
			ret = bad_query(&out, "bad query: '%s' has no letter or digit to search for",
					sb_str(&shown));
			goto done;
		}
		if (terms > 0 && !after_or)
			sb_putc(&out, ' ');
		put_string(&out, s, n, prefix);
		terms++;
		after_or = false;
	}
	if (after_or)
		ret = bad_query(&out, "bad query: OR needs a term on each side%s", "");
	else if (terms == 0)
		ret = bad_query(&out, "bad query: nothing to search for%s", "");
	else
		ret = sb_detach(&out);
done:
	sb_free(&shown);
	return ret;
}

char *store_search_filter_query(const char *match)
{
	strbuf out = STRBUF_INIT;
	const char *p = match ? match : "";
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && !is_space(*p))
			p++;
		/* the typed word's letters and digits: quotes and '*' are
		 * nothing the names are found by */
		strbuf w = STRBUF_INIT;
		for (const char *c = s; c < p; c++)
			if (*c != '"' && *c != '*')
				sb_putc(&w, *c);
		if (has_word(sb_str(&w), w.len)) {
			if (out.len)
				sb_putc(&out, ' ');
			put_string(&out, sb_str(&w), w.len, true);
		}
		sb_free(&w);
	}
	if (!out.len) {
		sb_free(&out);
		return NULL;
	}
	return sb_detach(&out);
}

/* ---- searching ---- */

/* The order of the parts on the interview screen. */
static int part_order(int slot)
{
	switch (slot) {
	case IV_SLOT_PREPARATION: return 0;
	case IV_SLOT_OPENING: return 1;
	case IV_SLOT_CLOSING: return 1000;
	case IV_SLOT_OBSERVATIONS: return 1001;
	case IV_SLOT_ACTIONS: return 1002;
	case STORE_HIT_ACTION: return 1003;
	default: return 2 + slot;
	}
}

/* A hit being gathered: the chunk (or action) whose snippet it shows. */
struct found {
	store_hit h;
	int64_t rowid;           /* in notes_fts, or the action's in actions_fts */
};

static int found_cmp(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	if (x->h.id != y->h.id)
		return x->h.id > y->h.id ? -1 : 1;
	int ox = part_order(x->h.slot), oy = part_order(y->h.slot);
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return x->h.action < y->h.action ? -1 : x->h.action > y->h.action;
}

struct gather {
	struct found *f;
	int n, cap;
};

static struct found *gather_add(struct gather *g)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 32;
		g->f = xrealloc(g->f, (size_t)g->cap * sizeof *g->f);
	}
	struct found *f = &g->f[g->n++];
	memset(f, 0, sizeof *f);
	return f;
}

static void gather_free(struct gather *g, int from)
{
	for (int i = from; i < g->n; i++) {
		free(g->f[i].h.employee);
		free(g->f[i].h.title);
		free(g->f[i].h.snippet);
	}
	g->n = from < g->n ? from : g->n;
}

/* A failed step of a MATCH: FTS5's word for a query it cannot read, or
 * another error. */
static int match_failed(store *st, int rc)
{
	const char *msg = sqlite3_errmsg(st->db);
	if ((rc & 0xff) == SQLITE_ERROR && msg && strncmp(msg, "fts5:", 5) == 0) {
		char buf[256];
		return ev_seterr_code(EV_E_BADQUERY, "bad query (%s)", store_one_line(msg, buf, sizeof buf));
	}
	return store_fail_rc(st, rc, "searching");
}

static sqlite3_stmt *prepare(store *st, const char *sql)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, rc, "searching");
		return NULL;
	}
	return s;
}

/* The filters of a search: ?2 state (-1 any), ?3 and ?4 the days. */
#define HIT_WHERE " AND (?2 < 0 OR i.closed = ?2) AND i.day >= ?3 AND i.day <= ?4"

static void bind_opts(sqlite3_stmt *s, const char *fts, const store_search_opts *o)
{
	sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
	bind_i64(s, 2, o->filter == STORE_OPEN ? 0 : o->filter == STORE_CLOSED ? 1 : -1);
	bind_str(s, 3, str_empty(o->since) ? "" : o->since);
	bind_str(s, 4, str_empty(o->until) ? "~" : o->until);
}

static void fill_hit(store_hit *h, sqlite3_stmt *s)
{
	h->id = sqlite3_column_int64(s, 1);
	h->employee = col_str(s, 2);
	h->closed = sqlite3_column_int(s, 3) != 0;
	const unsigned char *d = sqlite3_column_text(s, 4);
	snprintf(h->day, sizeof h->day, "%s", d ? (const char *)d : "");
}

/* Every action item that matches, newest interview first. */
static int read_actions(store *st, const char *fts, const store_search_opts *o, struct gather *g)
{
	sqlite3_stmt *s = prepare(st, "SELECT a.id, i.id, i.employee, i.closed, i.day"
				  " FROM actions_fts f CROSS JOIN actions a ON a.id = f.rowid"
				  " CROSS JOIN interviews i ON i.id = a.interview_id"
				  " WHERE actions_fts MATCH ?1" HIT_WHERE
				  " ORDER BY i.id DESC, a.id");
	if (!s)
		return -1;
	bind_opts(s, fts, o);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct found *f = gather_add(g);
		fill_hit(&f->h, s);
		f->rowid = f->h.action = sqlite3_column_int64(s, 0);
		f->h.slot = STORE_HIT_ACTION;
	}
	int ret = rc == SQLITE_DONE ? 0 : match_failed(st, rc);
	sqlite3_finalize(s);
	return ret;
}

static int by_rowid(const void *a, const void *b)
{
	const struct found *x = *(const struct found *const *)a, *y = *(const struct found *const *)b;
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* The snippets of the hits g->f[0..n) of one index (the notes' chunks, or
 * with actions the action items), in one query over the rowids from the
 * lowest to the highest: a prefix (word*) is looked up once, not again for
 * every hit (b* took 70 ms a hit on 10,000 interviews), and only the rows
 * of hits get a snippet (one of every chunk of a common word doubled the
 * search). */
static int add_snippets(store *st, const char *fts, const store_search_opts *o, struct gather *g,
			int n, bool actions)
{
	struct found **want = xcalloc((size_t)(n > 0 ? n : 1), sizeof *want);
	int k = 0;
	for (int i = 0; i < n; i++)
		if ((g->f[i].h.slot == STORE_HIT_ACTION) == actions)
			want[k++] = &g->f[i];
	if (k == 0) {
		free(want);
		return 0;
	}
	qsort(want, (size_t)k, sizeof *want, by_rowid);
	strbuf ids = STRBUF_INIT;
	sb_putc(&ids, '[');
	for (int i = 0; i < k; i++)
		sb_printf(&ids, "%s%lld", i ? "," : "", (long long)want[i]->rowid);
	sb_putc(&ids, ']');
	sqlite3_stmt *s = prepare(st, actions
		? "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?4))"
		  " THEN snippet(actions_fts, 0, ?5, ?6, ?7, ?8) END FROM actions_fts"
		  " WHERE actions_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid"
		: "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?4))"
		  " THEN snippet(notes_fts, 0, ?5, ?6, ?7, ?8) END FROM notes_fts"
		  " WHERE notes_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid");
	int rc = -1;
	if (s) {
		sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
		bind_i64(s, 2, want[0]->rowid);
		bind_i64(s, 3, want[k - 1]->rowid);
		sqlite3_bind_text(s, 4, sb_str(&ids), -1, SQLITE_STATIC);
		bind_str(s, 5, o->mark_open ? o->mark_open : "[");
		bind_str(s, 6, o->mark_close ? o->mark_close : "]");
		bind_str(s, 7, o->ellipsis ? o->ellipsis : "...");
		bind_i64(s, 8, o->words > 0 && o->words <= 64 ? o->words : 16);
		int at = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t rowid = sqlite3_column_int64(s, 0);
			while (at < k && want[at]->rowid < rowid)
				at++;
			if (at == k || want[at]->rowid != rowid)
				continue;
			/* one line, no control or bidi characters */
			const char *t = (const char *)sqlite3_column_text(s, 1);
			strbuf sb = STRBUF_INIT;
			utf8_clean(&sb, t ? t : "", t ? strlen(t) : 0, UTF8_SPACE);
			want[at]->h.snippet = sb_detach(&sb);
		}
		rc = rc == SQLITE_DONE ? 0 : match_failed(st, rc);
		sqlite3_finalize(s);
	}
	/* a hit the index no longer has (it cannot, in one read transaction) */
	for (int i = 0; i < k; i++)
		if (!want[i]->h.snippet)
			want[i]->h.snippet = xstrdup("");
	sb_free(&ids);
	free(want);
	return rc;
}

/* The title of a hit's question (none for an action, the observations
 * and the like). */
static int finish_hit(store *st, struct found *f)
{
	if (f->h.slot < 0) {
		f->h.title = xstrdup("");
		return 0;
	}
	sqlite3_stmt *s = prepare(st, "SELECT q.title FROM interviews i JOIN form_questions q"
				  " ON q.form = i.form AND q.idx = ?2 WHERE i.id = ?1");
	if (!s)
		return -1;
	bind_i64(s, 1, f->h.id);
	bind_i64(s, 2, f->h.slot);
	int rc = sqlite3_step(s);
	f->h.title = rc == SQLITE_ROW ? col_str(s, 0) : xstrdup("");
	int ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_rc(st, rc, "searching");
	sqlite3_finalize(s);
	return ret;
}

/* The search within one read transaction: the notes' chunks newest
 * interview first (and within one, last slot and chunk first), merged
 * with the actions, one hit per part, until more than limit hits and an
 * interview complete. */
static int search_in(store *st, const char *fts, const store_search_opts *o, struct gather *g)
{
	struct gather acts = { NULL, 0, 0 };
	if (read_actions(st, fts, o, &acts) != 0) {
		gather_free(&acts, 0);
		free(acts.f);
		return -1;
	}
	sqlite3_stmt *s = prepare(st, "SELECT f.rowid, i.id, i.employee, i.closed, i.day"
				  " FROM notes_fts f CROSS JOIN interviews i ON i.id = (f.rowid >> 32)"
				  " WHERE notes_fts MATCH ?1" HIT_WHERE " ORDER BY f.rowid DESC");
	int rc = s ? SQLITE_ROW : -1, ai = 0, ret = 0;
	if (s) {
		bind_opts(s, fts, o);
		rc = sqlite3_step(s);
	}
	int64_t cur = -1;            /* the interview being gathered */
	int start = 0;               /* its first hit in g */
	for (;;) {
		int64_t nid = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : -1;
		int64_t aid = ai < acts.n ? acts.f[ai].h.id : -1;
		int64_t next = nid > aid ? nid : aid;
		if (next < 0 || next != cur) {
			/* the interview cur is complete */
			if (cur >= 0)
				qsort(g->f + start, (size_t)(g->n - start), sizeof *g->f, found_cmp);
			if (next < 0 || (o->limit > 0 && g->n > o->limit))
				break;
			cur = next;
			start = g->n;
		}
		if (aid == cur) {
			*gather_add(g) = acts.f[ai];
			memset(&acts.f[ai++], 0, sizeof acts.f[0]);
			continue;
		}
		/* a chunk of interview cur: a part's chunks come together, last first */
		int64_t rowid = sqlite3_column_int64(s, 0);
		int slot = (int)((rowid >> 24) & 0xff) - NOTE_SLOT_BIAS;
		struct found *last = g->n > start ? &g->f[g->n - 1] : NULL;
		if (last && last->h.slot == slot && last->h.slot != STORE_HIT_ACTION && last->h.id == cur) {
			last->rowid = rowid;     /* an earlier chunk of the same part */
		} else {
			struct found *f = gather_add(g);
			fill_hit(&f->h, s);
			f->h.slot = slot;
			f->rowid = rowid;
		}
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = rc < 0 ? -1 : match_failed(st, rc);
	sqlite3_finalize(s);
	gather_free(&acts, ai);
	free(acts.f);
	return ret;
}

int store_search(store *st, const char *query, const store_search_opts *o, store_hit **hits,
		 bool *more)
{
	*hits = NULL;
	*more = false;
	static const store_search_opts none = { STORE_ALL, NULL, NULL, 0, NULL, NULL, NULL, 0 };
	if (!o)
		o = &none;
	if (!store_has_search(st))
		return ev_seterr("%s has no search index yet (schema before 9, opened read-only): "
				 "the first exitview that writes to it builds it", st->path);
	if ((!str_empty(o->since) && !date_valid(o->since)) || (!str_empty(o->until) && !date_valid(o->until)))
		return ev_seterr("bad date '%s': use YYYY-MM-DD",
				 !str_empty(o->since) && !date_valid(o->since) ? o->since : o->until);
	char *fts = store_search_parse(query);
	if (!fts)
		return -1;
	struct gather g = { NULL, 0, 0 };
	bool own = sqlite3_get_autocommit(st->db) != 0;
	int ret = own ? store_read_begin(st, "searching") : 0;
	if (ret == 0)
		ret = search_in(st, fts, o, &g);
	int n = g.n;
	if (ret == 0 && o->limit > 0 && n > o->limit) {
		*more = true;
		gather_free(&g, o->limit);
		n = g.n;
	}
	if (ret == 0)
		ret = add_snippets(st, fts, o, &g, n, false);
	if (ret == 0)
		ret = add_snippets(st, fts, o, &g, n, true);
	for (int i = 0; ret == 0 && i < n; i++)
		ret = finish_hit(st, &g.f[i]);
	if (own)
		store_read_end(st);
	free(fts);
	if (ret != 0) {
		gather_free(&g, 0);
		free(g.f);
		*more = false;
		return -1;
	}
	store_hit *out = n ? xcalloc((size_t)n, sizeof *out) : NULL;
	for (int i = 0; i < n; i++)
		out[i] = g.f[i].h;
	free(g.f);
	*hits = out;
	return n;
}

void store_hits_free(store_hit *hits, int n)
{
	for (int i = 0; hits && i < n; i++) {
		free(hits[i].employee);
		free(hits[i].title);
		free(hits[i].snippet);
	}
	free(hits);
}

/* ---- compacting after an erase (store_priv.h) ---- */

int store_index_compact(store *st)
{
	return store_exec(st, "INSERT INTO notes_fts (notes_fts) VALUES ('optimize');"
			  "INSERT INTO actions_fts (actions_fts) VALUES ('optimize');"
			  "INSERT INTO people_fts (people_fts) VALUES ('optimize');",
			  "removing the text from the search index");
}
