/* test_stream.c — store_stream, the read behind exports: every interview
 * of a range, oldest first, read in short chunks with no lock held while
 * the callback runs, so that a writer meanwhile succeeds (a slow reader
 * blocks no one); and the consistency rule of store.h: each interview
 * whole, changes committed meanwhile seen by the chunks read after them. */
#include "exitview/store.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/util.h"
#include "unit.h"

static char tmpdir[64];
static int counter;

static char *tpath(const char *name)
{
	return xasprintf("%s/%d-%s", tmpdir, ++counter, name);
}

/* An interview of nq questions (template "t<nq>") for employee, on date. */
static interview *new_iv(const char *employee, int nq, const char *date)
{
	template *t = xcalloc(1, sizeof *t);
	t->name = xasprintf("t%d", nq);
	t->title = xstrdup("Avgångssamtal");
	t->language = xstrdup("sv");
	t->description = xstrdup("");
	t->source = xstrdup("test");
	t->nquestions = nq;
	t->questions = xcalloc((size_t)nq, sizeof *t->questions);
	for (int i = 0; i < nq; i++) {
		t->questions[i].title = xasprintf("Fråga %d", i + 1);
		t->questions[i].prompt = xasprintf("Varför %d?", i + 1);
		t->questions[i].hint = xstrdup("");
		t->questions[i].nfollowups = 1;
		t->questions[i].followups = xcalloc(1, sizeof(char *));
		t->questions[i].followups[0] = xstrdup("Och sedan?");
	}
	t->ncategories = 1;
	t->categories = xcalloc(1, sizeof *t->categories);
	t->categories[0].key = xstrdup("other");
	t->categories[0].label = xstrdup("Annat");
	for (int i = 0; i < TPL_SCALE; i++)
		t->scale[i] = xasprintf("%d", i + 1);
	interview *iv = interview_new(t);
	template_free(t);
	str_set(&iv->employee, employee);
	if (interview_set_field(iv, "interview-date", date) != 0) {
		interview_free(iv);
		return NULL;
	}
	return iv;
}

/* A database of n interviews E0..E(n-1), dated in ID order, each with
 * note "E<i> v1" plus pad bytes of text in question 1.  Their IDs in ids. */
static store *make_db(const char *path, int n, size_t pad, int64_t *ids)
{
	store *st = store_open(path, STORE_CREATE, false);
	if (!st)
		return NULL;
	char *fill = xmalloc(pad + 1);
	memset(fill, 'x', pad);
	fill[pad] = '\0';
	for (int i = 0; i < n; i++) {
		char name[16], date[11];
		snprintf(name, sizeof name, "E%d", i);
		snprintf(date, sizeof date, "2024-%02d-%02d", 1 + i / 28 % 12, 1 + i % 28);
		interview *iv = new_iv(name, 3 + i % 3, date);
		char *note = xasprintf("%s v1%s", name, fill);
		str_set(&iv->q[0].notes, note);
		free(note);
		int rc = store_create(st, iv);
		ids[i] = iv->id;
		interview_free(iv);
		if (rc != 0) {
			store_close(st);
			st = NULL;
			break;
		}
	}
	free(fill);
	return st;
}

struct seen {
	int n;
	int64_t ids[256];
	char *q1[256];        /* question 1's notes up to the padding */
	int stop_after;
	/* a writer to call while the callback runs */
	int (*during)(struct seen *s, const interview *iv);
	store *other;
	int64_t *all;
	int writes_failed;
	char why[256];
};

static int seen_one(const interview *iv, void *arg)
{
	struct seen *s = arg;
	if (s->n < 256) {
		s->ids[s->n] = iv->id;
		s->q1[s->n] = xstrndup(iv->q[0].notes, strcspn(iv->q[0].notes, "x"));
	}
	s->n++;
	if (s->during && s->during(s, iv) != 0)
		s->writes_failed++;
	return s->stop_after && s->n >= s->stop_after ? 7 : 0;
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->n && i < 256; i++)
		free(s->q1[i]);
}

static int max_q;

TEST(ranges_order_and_stop)
{
	char *path = tpath("r.db");
	int64_t ids[40];
	store *st = make_db(path, 40, 0, ids);
	CHECK(st != NULL);
	struct seen s = { .n = 0 };
	max_q = -1;
	CHECK_INT(store_stream(st, NULL, NULL, true, &max_q, seen_one, &s), 0);
	CHECK_INT(s.n, 40);
	CHECK_INT(max_q, 5);
	for (int i = 0; i < 40; i++) {
		CHECK_INT(s.ids[i], ids[i]);
		char want[16];
		snprintf(want, sizeof want, "E%d v1", i);
		CHECK_STR(s.q1[i], want);
	}
	seen_free(&s);

	/* a range: 2024-02-01 .. 2024-02-05 holds E28..E32 */
	memset(&s, 0, sizeof s);
	CHECK_INT(store_stream(st, "2024-02-01", "2024-02-05", false, NULL, seen_one, &s), 0);
	CHECK_INT(s.n, 5);
	CHECK_INT(s.ids[0], ids[28]);
	CHECK_STR(s.q1[0], "");   /* without notes */
	seen_free(&s);

	/* nothing in range: fn never called, max_questions 0 */
	memset(&s, 0, sizeof s);
	max_q = -1;
	CHECK_INT(store_stream(st, "2030-01-01", NULL, true, &max_q, seen_one, &s), 0);
	CHECK_INT(s.n, 0);
	CHECK_INT(max_q, 0);

	/* fn's non-zero return stops it, mid-chunk, and is returned */
	memset(&s, 0, sizeof s);
	s.stop_after = 3;
	CHECK_INT(store_stream(st, NULL, NULL, true, NULL, seen_one, &s), 7);
	CHECK_INT(s.n, 3);
	seen_free(&s);

	CHECK_INT(store_stream(st, "2024-13-01", NULL, true, NULL, seen_one, &s), -1);
	CHECK(strstr(ev_lasterr(), "2024-13-01") != NULL);
	/* no transaction left open: a write works */
	CHECK_INT(store_save_notes(st, ids[0], 1, "after"), 0);
	store_close(st);
	free(path);
}

/* While the callback runs for the first interview, another connection
 * writes: notes of the interview just passed, of the second (read in the
 * same chunk), of the last (a later chunk), moves one interview out of
 * the range and creates a new one. */
static int write_meanwhile(struct seen *s, const interview *iv)
{
	if (s->n != 1)
		return 0;
	int64_t *all = s->all;
	int bad = 0;
	bad |= store_save_notes(s->other, iv->id, 0, "E0 v2") != 0;
	bad |= store_save_notes(s->other, all[1], 0, "E1 v2") != 0;
	bad |= store_save_notes(s->other, all[39], 0, "E39 v2") != 0;
	interview *moved = store_load(s->other, all[30]);
	bad |= moved == NULL;
	if (moved) {
		bad |= interview_set_field(moved, "interview-date", "2031-01-01") != 0;
		bad |= store_save_details(s->other, moved) != 0;
		interview_free(moved);
	}
	interview *fresh = new_iv("Ny", 3, "2024-06-15");
	bad |= fresh == NULL || store_create(s->other, fresh) != 0;
	interview_free(fresh);
	if (bad)
		snprintf(s->why, sizeof s->why, "%s", ev_lasterr());
	return bad;
}

TEST(writer_meanwhile)
{
	char *path = tpath("w.db");
	int64_t ids[40];
	store *st = make_db(path, 40, 0, ids);
	CHECK(st != NULL);
	store_close(st);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	store *other = store_open(path, STORE_WRITE, false);
	CHECK(other != NULL);
	struct seen s = { .during = write_meanwhile, .other = other, .all = ids };
	CHECK_INT(store_stream(st, NULL, "2024-12-31", true, NULL, seen_one, &s), 0);
	if (s.writes_failed)
		printf("# the writer failed: %s\n", s.why);
	CHECK_INT(s.writes_failed, 0);
	/* 40 - the one moved out; the new one came after the selection */
	CHECK_INT(s.n, 39);
	CHECK_STR(s.q1[0], "E0 v1");   /* passed before the write */
	CHECK_STR(s.q1[1], "E1 v1");   /* read in the first chunk, before the write */
	for (int i = 0; i < 39 && i < 256; i++)
		CHECK(s.ids[i] != ids[30]);
	CHECK_INT(s.ids[38], ids[39]);
	CHECK_STR(s.q1[38], "E39 v2");   /* a later chunk: read after the write */
	seen_free(&s);
	store_close(other);
	store_close(st);
	free(path);
}

/* A chunk holds at most STORE_STREAM_CHUNK_BYTES of text (and then one
 * interview more): with notes that big, every interview is a chunk of its
 * own, so a write to the next one while the callback runs is seen. */
static int write_next(struct seen *s, const interview *iv)
{
	(void)iv;
	if (s->n >= 4)
		return 0;
	/* as big as before: the next chunk is again that one interview */
	strbuf t = STRBUF_INIT;
	sb_printf(&t, "E%d v2", s->n);
	sb_pad(&t, 'x', STORE_STREAM_CHUNK_BYTES);
	int rc = store_save_notes(s->other, s->all[s->n], 0, sb_str(&t));
	sb_free(&t);
	return rc;
}

TEST(chunk_bytes_bound)
{
	char *path = tpath("b.db");
	int64_t ids[4];
	store *st = make_db(path, 4, STORE_STREAM_CHUNK_BYTES, ids);
	CHECK(st != NULL);
	store *other = store_open(path, STORE_WRITE, false);
	CHECK(other != NULL);
	struct seen s = { .during = write_next, .other = other, .all = ids };
	CHECK_INT(store_stream(st, NULL, NULL, true, NULL, seen_one, &s), 0);
	CHECK_INT(s.writes_failed, 0);
	CHECK_INT(s.n, 4);
	CHECK_STR(s.q1[0], "E0 v1");
	CHECK_STR(s.q1[1], "E1 v2");
	CHECK_STR(s.q1[2], "E2 v2");
	CHECK_STR(s.q1[3], "E3 v2");
	seen_free(&s);
	store_close(other);
	store_close(st);
	free(path);
}

/* The selection's IDs are kept as differences from the one before
 * (store_stream): by day, IDs can go down as well as up. */
TEST(order_against_ids)
{
	char *path = tpath("o.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	int64_t ids[60];
	for (int i = 0; i < 60; i++) {   /* dated newest first: by day, IDs go down */
		char name[16], date[11];
		snprintf(name, sizeof name, "E%d", i);
		snprintf(date, sizeof date, "2024-%02d-%02d", 12 - i / 28 % 12, 28 - i % 28);
		interview *iv = new_iv(name, 3, date);
		CHECK(iv != NULL);
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	/* two made on one day with others between them: up again, then down */
	interview *late = new_iv("late", 3, "2024-12-28");
	CHECK_INT(store_create(st, late), 0);
	struct seen s = { .n = 0 };
	CHECK_INT(store_stream(st, NULL, NULL, false, NULL, seen_one, &s), 0);
	CHECK_INT(s.n, 61);
	for (int i = 0; i < 59; i++)
		CHECK_INT(s.ids[i], ids[59 - i]);
	CHECK_INT(s.ids[59], ids[0]);        /* 2024-12-28, the lower ID first */
	CHECK_INT(s.ids[60], late->id);
	seen_free(&s);
	interview_free(late);
	store_close(st);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-stream-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		printf("FAIL setup: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	RUN(ranges_order_and_stop);
	RUN(writer_meanwhile);
	RUN(chunk_bytes_bound);
	RUN(order_against_ids);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return unit_done();
}
