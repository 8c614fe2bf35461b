/* test_store.c — the SQLite store: round trips, small writes, closing,
 * lists, date ranges, migration, refusals that change nothing, file modes
 * and two writers at once.  Fixtures in other formats are made with the
 * sqlite3 shell (only the store, src/store*.c, includes sqlite3.h). */
#include "exitview/store.h"
#include "exitview/store_erase.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/finish.h"
#include "exitview/fsutil.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "schema8.h"
#include "unit.h"

#define SCHEMA_NOW 11         /* the version store.c writes */

static char tmpdir[64];
static int counter;

/* A fresh path in the test directory. */
static char *tpath(const char *name)
{
	return xasprintf("%s/%d-%s", tmpdir, ++counter, name);
}

static template *make_template(const char *name, int nq)
{
	template *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->title = xstrdup("Avgångssamtal — 標準");
	t->language = xstrdup("sv");
	t->description = xstrdup("");
	t->source = xstrdup("test");
	t->nquestions = nq;
	t->questions = xcalloc((size_t)nq, sizeof *t->questions);
	for (int i = 0; i < nq; i++) {
		t->questions[i].title = xasprintf("Fråga %d", i + 1);
		t->questions[i].prompt = xasprintf("Varför %d? 'quoted' \"double\"", i + 1);
		t->questions[i].hint = xasprintf(i % 2 ? "" : "Hint %d", i);
		t->questions[i].nfollowups = i % 3;
		t->questions[i].followups = xcalloc(3, sizeof(char *));
		for (int j = 0; j < i % 3; j++)
			t->questions[i].followups[j] = xasprintf("Följdfråga %d.%d", i, j);
	}
	t->ncategories = 3;
	t->categories = xcalloc(3, sizeof *t->categories);
	const char *keys[] = { "compensation", "manager", "growth" };
	const char *labels[] = { "Lön och förmåner", "Chef", "成長" };
	for (int i = 0; i < 3; i++) {
		t->categories[i].key = xstrdup(keys[i]);
		t->categories[i].label = xstrdup(labels[i]);
	}
	const char *scale[] = { "Mycket dåligt", "Dåligt", "Okej", "Bra", "Mycket bra" };
	for (int i = 0; i < TPL_SCALE; i++)
		t->scale[i] = xstrdup(scale[i]);
	return t;
}


static interview *new_iv(const char *employee, int nq)
{
	template *t = make_template("standard-sv", nq);
	interview *iv = interview_new(t);
	template_free(t);
	str_set(&iv->employee, employee);
	return iv;
}

/* Which field differs, or NULL when a and b hold the same interview. */
static const char *iv_diff(const interview *a, const interview *b)
{
#define S(f) if (strcmp(a->f, b->f) != 0) return #f
#define N(f) if (a->f != b->f) return #f
	N(id);
	S(employee); S(role); S(department); S(manager); S(interviewer);
	S(start_date); S(last_day); S(interview_date);
	S(template_name); S(template_title); S(language);
	N(separation); S(reason_primary); S(reason_secondary); S(reason_assessed);
	N(regrettable); N(rehire); N(would_return);
	S(return_conditions); S(observations); S(actions);
	for (int i = 0; i < TPL_SCALE; i++)
		S(scale[i]);
	N(elapsed); N(created); N(updated); N(closed_at); N(reopened_at);
	N(closed); N(cur_slot); N(cur_offset);
	N(nquestions);
	for (int i = 0; i < a->nquestions; i++) {
		S(q[i].title); S(q[i].prompt); S(q[i].hint); S(q[i].notes);
		N(q[i].rating); N(q[i].skipped); N(q[i].nfollowups);
		for (int j = 0; j < a->q[i].nfollowups; j++) {
			S(q[i].followups[j]);
			N(q[i].asked[j]);
		}
	}
	N(ncategories);
	for (int i = 0; i < a->ncategories; i++) {
		S(categories[i].key);
		S(categories[i].label);
	}
	return NULL;
#undef S
#undef N
}

/* Which version differs, or NULL when a and b have the same versions. */
static const char *version_diff(const interview *a, const interview *b)
{
#define N(f) if (a->f != b->f) return #f
	N(details_version); N(observations_version); N(actions_version);
	N(nquestions);
	for (int i = 0; i < a->nquestions; i++) {
		N(q[i].notes_version); N(q[i].answer_version);
	}
	return NULL;
#undef N
}

static char *slurp(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb_detach(&sb);
}

static int spit(const char *path, const char *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, data, len);
	close(fd);
	chmod(path, mode);
	return n == (ssize_t)len ? 0 : -1;
}

static int put_be32(const char *path, off_t off, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ssize_t n = pwrite(fd, b, 4, off);
	close(fd);
	return n == 4 ? 0 : -1;
}

static uint32_t get_be32(const char *path, off_t off)
{
	unsigned char b[4] = { 0, 0, 0, 0 };
	int fd = open(path, O_RDONLY);
	if (fd >= 0) {
		if (pread(fd, b, 4, off) != 4)
			memset(b, 0, 4);
		close(fd);
	}
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool exists(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0;
}

/* A real database with a few interviews (enough pages to damage). */
static int make_db(const char *path, int n)
{
	store *st = store_open(path, STORE_CREATE, false);
	if (!st)
		return -1;
	for (int i = 0; i < n; i++) {
		interview *iv = new_iv("Filler", 6);
		for (int q = 0; q < iv->nquestions; q++) {
			strbuf sb = STRBUF_INIT;
			for (int k = 0; k < 40; k++)
				sb_printf(&sb, "Anteckning %d/%d/%d. ", i, q, k);
			str_set(&iv->q[q].notes, sb_str(&sb));
			sb_free(&sb);
		}
		if (store_create(st, iv) != 0) {
			interview_free(iv);
			store_close(st);
			return -1;
		}
		interview_free(iv);
	}
	store_close(st);
	return 0;
}

/* Run the sqlite3 shell on a file with SQL from a string or a file. */
static int sqlite_shell(const char *db, const char *sql_file, const char *sql)
{
	char *cmd = sql_file ? xasprintf("sqlite3 '%s' < '%s' >/dev/null 2>&1", db, sql_file)
			     : xasprintf("sqlite3 '%s' \"%s\" >/dev/null 2>&1", db, sql);
	int rc = system(cmd);
	free(cmd);
	chmod(db, 0600);
	return rc == 0 ? 0 : -1;
}

/* The output of the sqlite3 shell running sql on db (trailing newline
 * dropped), malloc'd; NULL if the shell failed.  Read-only use. */
static char *sqlite_out(const char *db, const char *sql)
{
	char *cmd = xasprintf("sqlite3 -readonly '%s' \"%s\" 2>&1", db, sql);
	FILE *p = popen(cmd, "r");
	free(cmd);
	if (!p)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[512];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sb_add(&sb, buf, n);
	int rc = pclose(p);
	while (sb.len > 0 && sb.s[sb.len - 1] == '\n')
		sb.s[--sb.len] = '\0';
	if (rc != 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

#define CHECK_SQL(db, sql, want) do { char *o_ = sqlite_out(db, sql); \
	CHECK(o_ != NULL); if (o_) CHECK_STR(o_, want); free(o_); } while (0)

/* Questions the screen marks answered (interview_qstate): the reference
 * for store_row.answered, from the interview as loaded. */
static int answered_of(const interview *iv)
{
	int n = 0;
	for (int i = 0; i < iv->nquestions; i++)
		n += interview_qstate(iv, i) == Q_ANSWERED;
	return n;
}

/* The list's row for id (answered, nquestions), via store_list. */
static int row_counts(store *st, int64_t id, int *answered, int *nq)
{
	store_row *rows;
	int n = store_list(st, STORE_ALL, NULL, 0, 1000, &rows);
	int found = -1;
	for (int i = 0; i < n; i++)
		if (rows[i].id == id) {
			*answered = rows[i].answered;
			*nq = rows[i].nquestions;
			found = 0;
		}
	store_rows_free(rows, n);
	return found;
}

TEST(create_modes)
{
	char *dir = tpath("fresh");
	char *sub = xasprintf("%s/sub", dir);
	char *path = xasprintf("%s/ev.db", sub);
	mode_t old = umask(022);   /* a permissive umask must not leak through */
	store *st = store_open(path, STORE_CREATE, false);
	umask(old);
	CHECK(st != NULL);
	CHECK_STR(store_path(st), path);
	struct stat sb;
	CHECK(stat(path, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	CHECK(stat(sub, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0700);
	CHECK(stat(dir, &sb) == 0);
	CHECK_INT(sb.st_mode & 0777, 0700);
	CHECK_INT(get_be32(path, 68), STORE_APPLICATION_ID);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 0);
	/* a write goes through a -journal that must not be left behind */
	interview *iv = new_iv("X", 1);
	CHECK_INT(store_create(st, iv), 0);
	interview_free(iv);
	store_close(st);
	char *j = xasprintf("%s-journal", path);
	CHECK(!exists(j));
	/* opening again (write and read) works */
	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 1);
	store_close(st);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	store_close(st);
	free(j);
	free(dir);
	free(sub);
	free(path);
}

static void fill_everything(interview *iv)
{
	interview_set_field(iv, "employee", "Åsa Öberg-Ängström");
	interview_set_field(iv, "role", "Ingenjör; \"senior\"");
	interview_set_field(iv, "department", "研究開発部");
	interview_set_field(iv, "manager", "O'Brien'); DROP TABLE interviews;--");
	interview_set_field(iv, "interviewer", "Karin HR");
	interview_set_field(iv, "start-date", "2019-03-01");
	interview_set_field(iv, "last-day", "2024-02-29");
	interview_set_field(iv, "interview-date", "2024-02-20");
	interview_set_field(iv, "separation", "involuntary");
	interview_set_field(iv, "reason", "compensation");
	interview_set_field(iv, "reason2", "growth");
	interview_set_field(iv, "assessed", "manager");
	interview_set_field(iv, "regrettable", "yes");
	interview_set_field(iv, "rehire", "no");
	interview_set_field(iv, "would-return", "yes");
	interview_set_field(iv, "conditions", "Högre lön\n100% distans_arbete");
	str_set(&iv->observations, "Tittade bort. 目をそらした。\n\t'quote' \"dq\" %_\\");
	str_set(&iv->actions, "1. Se över lön\n2. ';DELETE FROM questions;--");
	for (int i = 0; i < iv->nquestions; i++) {
		char *n = xasprintf("Svar %d: \"citat\", 'apostrof', ; DROP TABLE x; --\nrad 2 é 漢字", i);
		str_set(&iv->q[i].notes, n);
		free(n);
		iv->q[i].rating = i % (TPL_SCALE + 1);
		iv->q[i].skipped = i == 2;
		for (int j = 0; j < iv->q[i].nfollowups; j++)
			iv->q[i].asked[j] = (i + j) % 2 == 0;
	}
	iv->elapsed = 4321;
	iv->cur_slot = 3;
	iv->cur_offset = 17;
}

TEST(roundtrip_every_field)
{
	char *path = tpath("rt.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	interview *iv = new_iv("", 5);
	fill_everything(iv);
	CHECK_INT(iv->id, 0);
	time_t before = time(NULL);
	CHECK_INT(store_create(st, iv), 0);
	CHECK(iv->id > 0);
	CHECK(iv->created >= before && iv->created <= time(NULL));
	CHECK_INT(iv->updated, iv->created);
	interview *back = store_load(st, iv->id);
	CHECK(back != NULL);
	const char *d = iv_diff(iv, back);
	if (d)
		printf("# differs: %s\n", d);
	CHECK(d == NULL);
	/* a second one gets its own ID; a blank (no questions) one works */
	interview *b = interview_blank();
	CHECK_INT(store_create(st, b), 0);
	CHECK(b->id != iv->id);
	interview *b2 = store_load(st, b->id);
	CHECK(b2 != NULL);
	CHECK(iv_diff(b, b2) == NULL);
	CHECK(store_load(st, 9999) == NULL);
	CHECK_STR(ev_lasterr(), "no interview with ID 9999");
	/* out-of-range ratings are refused */
	iv->q[0].rating = 6;
	CHECK_INT(store_create(st, iv), -1);
	interview_free(b);
	interview_free(b2);
	interview_free(back);
	interview_free(iv);
	store_close(st);
	free(path);
}

/* make_template with the guide's parts: an opening and closing checklist,
 * and question 1 taking no rating. */
static template *guide_template(int nq)
{
	template *t = make_template("guide", nq);
	t->opening.title = xstrdup("Inledning");
	t->opening.nitems = 3;
	t->opening.items = xcalloc(3, sizeof(char *));
	for (int i = 0; i < 3; i++)
		t->opening.items[i] = xasprintf("Punkt %d", i + 1);
	t->closing.title = xstrdup("Avslutning");
	t->closing.nitems = 1;
	t->closing.items = xcalloc(1, sizeof(char *));
	t->closing.items[0] = xstrdup("Tacka");
	t->question_norating = xcalloc((size_t)nq, sizeof *t->question_norating);
	t->question_norating[0] = true;
	return t;
}

static int count_each(const interview *iv, void *arg)
{
	int *n = arg;
	*n += iv->opening.nfollowups + iv->closing.nfollowups + (iv->q[0].no_rating ? 100 : 0);
	return 0;
}

/* Schema 6 (the lead's 7): the checklists and no_rating kept in the form,
 * the done flags and the preparation's and checklists' notes per
 * interview; a file of schema 5 is read where it is and migrated. */
TEST(guide_parts)
{
	char *path = tpath("guide.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	template *t = guide_template(3);
	interview *iv = interview_new(t), *iv2 = interview_new(t);
	template_free(t);
	interview *plain = new_iv("Plain", 3);
	CHECK_INT(store_create(st, iv), 0);
	CHECK_INT(store_create(st, iv2), 0);
	CHECK_INT(store_create(st, plain), 0);
	iv->opening.asked[1] = true;
	CHECK_INT(store_save_answer(st, iv->id, IV_SLOT_OPENING, &iv->opening), 0);
	CHECK_INT(store_save_notes(st, iv->id, IV_SLOT_PREPARATION, "Läste uppsägningen"), 0);
	CHECK_INT(store_save_notes(st, iv->id, IV_SLOT_CLOSING, "Dörren öppen"), 0);
	CHECK_INT(store_save_answer(st, plain->id, IV_SLOT_OPENING, &plain->opening), -1);
	CHECK_STR(ev_lasterr(), "interview 3 has no opening checklist");
	interview *back = store_load(st, iv->id);
	CHECK(back != NULL);
	if (back) {
		CHECK_INT(back->opening.nfollowups, 3);
		CHECK_STR(back->opening.title, "Inledning");
		CHECK_STR(back->opening.followups[2], "Punkt 3");
		CHECK(!back->opening.asked[0] && back->opening.asked[1] && !back->opening.asked[2]);
		CHECK_INT(back->opening.answer_version, 1);
		CHECK_STR(back->closing.followups[0], "Tacka");
		CHECK_STR(back->closing.notes, "Dörren öppen");
		CHECK_STR(back->preparation, "Läste uppsägningen");
		CHECK_INT(back->preparation_version, 1);
		CHECK(back->q[0].no_rating && !back->q[1].no_rating);
		CHECK_INT(back->nquestions, 3);
		interview_free(back);
	}
	back = store_load(st, plain->id);
	CHECK(back && back->opening.nfollowups == 0 && !back->q[0].no_rating);
	interview_free(back);
	int n = 0;
	CHECK_INT(store_foreach(st, NULL, NULL, true, count_each, &n), 0);
	CHECK_INT(n, 2 * (4 + 100));
	store_close(st);
	CHECK_SQL(path, "SELECT count(*) FROM forms", "2");
	CHECK_SQL(path, "SELECT answered FROM interviews WHERE id = 1", "0");

	/* the same file as schema 6 wrote it (no checklists, no no_rating) */
	CHECK_INT(sqlite_shell(path, NULL, SCHEMA9_TO_8 " DELETE FROM form_followups WHERE q_idx < 0;"
			       " DELETE FROM form_questions WHERE idx < 0;"
			       " DELETE FROM questions WHERE idx < 0; DELETE FROM notes WHERE slot < -2;"
			       " ALTER TABLE form_questions DROP COLUMN no_rating;"
			       " DROP TABLE actions; PRAGMA user_version = 6"), 0);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	back = st ? store_load(st, iv->id) : NULL;
	CHECK(back && back->opening.nfollowups == 0 && !back->q[0].no_rating);
	interview_free(back);
	store_close(st);
	CHECK_INT(get_be32(path, 60), 6);
	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	back = st ? store_load(st, iv->id) : NULL;
	CHECK(back && back->opening.nfollowups == 0 && back->nquestions == 3);
	interview_free(back);
	store_close(st);
	CHECK_SQL(path, "SELECT count(*) FROM form_questions WHERE no_rating", "0");
	interview_free(iv);
	interview_free(iv2);
	interview_free(plain);
	free(path);
}

TEST(small_writes)
{
	char *path = tpath("w.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	interview *iv = new_iv("Bo", 4);
	CHECK_INT(store_create(st, iv), 0);
	int64_t id = iv->id;

	fill_everything(iv);
	CHECK_INT(store_save_details(st, iv), 0);
	for (int i = 0; i < iv->nquestions; i++) {
		CHECK_INT(store_save_notes(st, id, i, iv->q[i].notes), 0);
		CHECK_INT(store_save_answer(st, id, i, &iv->q[i]), 0);
	}
	CHECK_INT(store_save_notes(st, id, IV_SLOT_OBSERVATIONS, iv->observations), 0);
	CHECK_INT(store_save_notes(st, id, IV_SLOT_ACTIONS, iv->actions), 0);
	CHECK_INT(store_save_position(st, id, iv->cur_slot, iv->cur_offset, iv->elapsed), 0);
	interview *back = store_load(st, id);
	CHECK(back != NULL);
	iv->updated = back->updated;   /* set by the saves */
	CHECK(back->updated >= back->created);
	const char *d = iv_diff(iv, back);
	if (d)
		printf("# differs: %s\n", d);
	CHECK(d == NULL);
	interview_free(back);

	/* clearing, and the position slot for observations */
	CHECK_INT(store_save_notes(st, id, 1, ""), 0);
	CHECK_INT(store_save_position(st, id, IV_SLOT_ACTIONS, 0, 5000), 0);
	back = store_load(st, id);
	CHECK_STR(back->q[1].notes, "");
	CHECK_INT(back->cur_slot, IV_SLOT_ACTIONS);
	CHECK_INT(back->elapsed, 5000);
	interview_free(back);

	/* bad targets */
	CHECK_INT(store_save_notes(st, id, 4, "x"), -1);
	CHECK(strstr(ev_lasterr(), "no question 5") != NULL);
	CHECK_INT(store_save_notes(st, 77, 0, "x"), -1);
	CHECK_STR(ev_lasterr(), "no interview with ID 77");
	CHECK_INT(store_save_notes(st, id, IV_SLOT_MIN - 1, "x"), -1);
	iv->q[0].rating = 9;
	CHECK_INT(store_save_answer(st, id, 0, &iv->q[0]), -1);
	/* a failed write changed nothing */
	back = store_load(st, id);
	CHECK(back->q[0].rating != 9);
	interview_free(back);
	interview_free(iv);
	store_close(st);
	free(path);
}

TEST(close_reopen_report)
{
	char *path = tpath("c.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	interview *iv = new_iv("Closer", 2);
	CHECK_INT(store_create(st, iv), 0);
	int64_t id = iv->id;
	CHECK(store_get_report(st, id) == NULL);
	const char *report = "EXIT INTERVIEW — Closer\n\nÅäö 漢字 'q' \"dq\"\n";
	CHECK_INT(store_close_interview(st, id, 1716804000, report), 0);
	char *r = store_get_report(st, id);
	CHECK_STR(r, report);
	free(r);
	interview *back = store_load(st, id);
	CHECK(back->closed);
	CHECK_INT(back->closed_at, 1716804000);   /* the time the caller's report shows */
	interview_free(back);

	char msg[80];
	snprintf(msg, sizeof msg, "interview %lld is closed; reopen it first", (long long)id);
	CHECK_INT(store_save_notes(st, id, 0, "late"), -1);
	CHECK_STR(ev_lasterr(), msg);
	CHECK_INT(store_save_notes(st, id, IV_SLOT_ACTIONS, "late"), -1);
	CHECK_STR(ev_lasterr(), msg);
	CHECK_INT(store_save_details(st, iv), -1);
	CHECK_STR(ev_lasterr(), msg);
	CHECK_INT(store_save_answer(st, id, 0, &iv->q[0]), -1);
	CHECK_STR(ev_lasterr(), msg);
	CHECK_INT(store_save_position(st, id, 1, 0, 10), -1);
	CHECK_STR(ev_lasterr(), msg);
	CHECK_INT(store_close_interview(st, id, time(NULL), "again"), -1);
	CHECK(strstr(ev_lasterr(), "already closed") != NULL);
	back = store_load(st, id);
	CHECK_STR(back->q[0].notes, "");
	interview_free(back);

	CHECK_INT(store_reopen_interview(st, id), 0);
	back = store_load(st, id);
	CHECK(!back->closed);
	CHECK(back->reopened_at > 0);
	interview_free(back);
	CHECK_INT(store_reopen_interview(st, id), -1);
	CHECK(strstr(ev_lasterr(), "is not closed") != NULL);
	CHECK_INT(store_reopen_interview(st, 555), -1);
	CHECK_STR(ev_lasterr(), "no interview with ID 555");
	CHECK_INT(store_save_notes(st, id, 0, "after reopening"), 0);
	CHECK_INT(store_close_interview(st, id, time(NULL), "second report"), 0);
	r = store_get_report(st, id);
	CHECK_STR(r, "second report");
	free(r);
	CHECK(store_get_report(st, 555) == NULL);
	interview_free(iv);
	store_close(st);
	free(path);
}

/* Closing through finish_write_report: the report written and the one kept
 * are the same text, of the closed interview ("Closed at" its stored close
 * time), and it is what show gives back; a close after a reopen writes a
 * new report, not the one the first close kept.  (cfg is not read when
 * out_path is given.) */
TEST(finish_close_report)
{
	char *path = tpath("f.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	interview *iv = new_iv("Finisher", 2);
	CHECK_INT(store_create(st, iv), 0);
	int64_t id = iv->id;
	interview_free(iv);
	char *out = tpath("first.txt");
	char *written = NULL;
	int64_t before = time(NULL);
	CHECK_INT(finish_write_report(st, NULL, id, out, 1, &written), 0);
	CHECK_STR(written, out);
	free(written);
	interview *back = store_load(st, id);
	CHECK(back && back->closed);
	CHECK(back->closed_at >= before && back->closed_at <= time(NULL));
	char when[17];
	date_format_time(back->closed_at, when);
	char *status = xasprintf("\nStatus:              Closed at %s\n", when);
	size_t len;
	char *file = fs_read_file(out, &len);
	char *kept = store_get_report(st, id);
	char *shown = finish_report_text(st, back);
	CHECK(file && kept && shown);
	CHECK(strstr(file, status) != NULL);
	CHECK(strstr(file, "Status:              Open") == NULL);
	CHECK_STR(kept, file);
	CHECK_STR(shown, file);
	free(file);
	free(kept);
	free(shown);
	free(status);
	interview_free(back);
	free(out);

	CHECK_INT(store_reopen_interview(st, id), 0);
	CHECK_INT(store_save_notes(st, id, 0, "Efter att den öppnades igen"), 0);
	out = tpath("second.txt");
	CHECK_INT(finish_write_report(st, NULL, id, out, 1, NULL), 0);
	file = fs_read_file(out, &len);
	kept = store_get_report(st, id);
	CHECK(file && kept);
	CHECK(strstr(file, "Efter att den öppnades igen") != NULL);
	CHECK(strstr(file, "\nStatus:              Closed at ") != NULL);
	CHECK_STR(kept, file);
	free(file);
	free(kept);
	free(out);
	store_close(st);
	free(path);
}

TEST(list_and_count)
{
	char *path = tpath("l.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	const char *names[] = { "Anna Smith", "Bertil SMITHSON", "Cecilia Ek", "100%_done",
				"Åsa Öberg", "David Jones" };
	int64_t ids[30];
	for (int i = 0; i < 30; i++) {
		interview *iv = new_iv(names[i % 6], 3);
		str_set(&iv->department, i % 2 ? "Sales" : "Research");
		str_set(&iv->role, i % 3 ? "Engineer" : "Manager");
		if (i % 5 == 0) {   /* two answered (notes and a rating), one only rated */
			str_set(&iv->q[0].notes, "something");
			iv->q[0].rating = 4;
			str_set(&iv->q[1].notes, "more");
			iv->q[1].rating = 3;
			iv->q[2].rating = 2;
		}
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	for (int i = 0; i < 30; i += 3)
		CHECK_INT(store_close_interview(st, ids[i], time(NULL), "r"), 0);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 30);
	CHECK_INT(store_count(st, STORE_CLOSED, NULL), 10);
	CHECK_INT(store_count(st, STORE_OPEN, ""), 20);
	/* a filter is the beginnings of words (the names' index, schema 9) */
	CHECK_INT(store_count(st, STORE_ALL, "smith"), 10);       /* case-insensitive */
	CHECK_INT(store_count(st, STORE_ALL, "SMITHSON"), 5);
	CHECK_INT(store_count(st, STORE_ALL, "ith"), 0);          /* not inside a word */
	CHECK_INT(store_count(st, STORE_ALL, "100%"), 5);         /* no wildcards */
	CHECK_INT(store_count(st, STORE_ALL, "%"), 30);           /* no word: no filter */
	CHECK_INT(store_count(st, STORE_ALL, "_"), 30);
	CHECK_INT(store_count(st, STORE_ALL, "Öberg"), 5);
	CHECK_INT(store_count(st, STORE_ALL, "åsa öb"), 5);       /* case beyond ASCII */
	CHECK_INT(store_count(st, STORE_ALL, "oberg"), 0);        /* ö is not o */
	CHECK_INT(store_count(st, STORE_ALL, "åsa smith"), 0);    /* every word */
	CHECK_INT(store_count(st, STORE_CLOSED, "anna"), 5);       /* i % 6 == 0: all closed */
	CHECK_INT(store_count(st, STORE_OPEN, "anna"), 0);
	CHECK_INT(store_count(st, STORE_ALL, "sales"), 15);
	CHECK_INT(store_count(st, STORE_ALL, "manager"), 10);
	CHECK_INT(store_count(st, STORE_ALL, "nobody"), 0);
	CHECK_INT(store_count(st, STORE_ALL, "'; DROP TABLE interviews; --"), 0);
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)ids[17]);
	CHECK(store_count(st, STORE_ALL, idtext) >= 1);

	/* most recently updated first: touch an old one a second later */
	sleep(1);
	CHECK_INT(store_save_notes(st, ids[4], 0, "touched"), 0);
	store_row *rows;
	int n = store_list(st, STORE_ALL, NULL, 0, 5, &rows);
	CHECK_INT(n, 5);
	CHECK_INT(rows[0].id, ids[4]);
	CHECK_STR(rows[0].employee, "Åsa Öberg");
	CHECK_INT(rows[0].answered, 0);   /* notes without a rating: in progress */
	CHECK_INT(rows[0].nquestions, 3);
	CHECK(rows[0].updated >= rows[1].updated);
	/* then newest first (same second: ID).  Which one that is depends on
	 * whether the closes above fell in a later second than the creates:
	 * work it out from the interviews themselves. */
	int64_t want_id = 0, want_updated = -1;
	for (int i = 0; i < 30; i++) {
		if (ids[i] == ids[4])
			continue;
		interview *iv = store_load(st, ids[i]);
		CHECK(iv != NULL);
		if (iv->updated > want_updated || (iv->updated == want_updated && iv->id > want_id)) {
			want_updated = iv->updated;
			want_id = iv->id;
		}
		interview_free(iv);
	}
	CHECK_INT(rows[1].id, want_id);
	CHECK_INT(rows[1].updated, want_updated);
	for (int i = 0; i < n; i++)   /* answered is kept exactly */
		CHECK_INT(rows[i].answered, (rows[i].id - ids[0]) % 5 == 0 ? 2 : 0);
	store_rows_free(rows, n);

	/* paging through everything sees each once */
	int seen = 0, answered = 0;
	int64_t last_updated = INT64_MAX;
	for (int off = 0; ; off += 7) {
		n = store_list(st, STORE_ALL, NULL, off, 7, &rows);
		CHECK(n >= 0);
		if (n == 0)
			break;
		for (int i = 0; i < n; i++) {
			CHECK(rows[i].updated <= last_updated);
			last_updated = rows[i].updated;
			answered += rows[i].answered;
			CHECK_STR(rows[i].template_name, "standard-sv");
		}
		seen += n;
		store_rows_free(rows, n);
	}
	CHECK_INT(seen, 30);
	CHECK_INT(answered, 6 * 2);   /* 6 with notes + rating ("touched" has no rating) */

	/* keyset pages (store_list_page) in the same order, each once */
	int64_t maxu, maxid;
	CHECK_INT(store_list_bounds(st, &maxu, &maxid), 0);
	CHECK_INT(maxid, ids[29]);
	store_page pg = { STORE_ALL, INT64_MIN, maxid, maxu, maxid + 1, 4 };
	store_row *all;
	int nall = store_list(st, STORE_ALL, NULL, 0, -1, &all);
	CHECK_INT(nall, 30);
	int at = 0;
	for (;;) {
		n = store_list_page(st, &pg, &rows);
		CHECK(n >= 0);
		for (int i = 0; i < n && at < nall; i++, at++)
			CHECK_INT(rows[i].id, all[at].id);
		if (n > 0) {
			pg.after_updated = rows[n - 1].updated;
			pg.after_id = rows[n - 1].id;
		}
		store_rows_free(rows, n);
		if (n < 4)
			break;
	}
	CHECK_INT(at, 30);
	store_rows_free(all, nall);
	/* only the closed, and only those saved at or after a time */
	pg = (store_page){ STORE_CLOSED, INT64_MIN, maxid, 0, 0, 100 };
	n = store_list_page(st, &pg, &rows);
	CHECK_INT(n, store_count(st, STORE_CLOSED, NULL));
	for (int i = 0; i < n; i++)
		CHECK(rows[i].closed);
	store_rows_free(rows, n);
	pg = (store_page){ STORE_ALL, maxu, maxid, 0, 0, 100 };
	n = store_list_page(st, &pg, &rows);
	CHECK(n >= 1 && rows[0].id == ids[4]);
	for (int i = 0; i < n; i++)
		CHECK(rows[i].updated >= maxu);
	store_rows_free(rows, n);

	n = store_list(st, STORE_CLOSED, "smith", 0, 100, &rows);
	CHECK(n > 0);
	for (int i = 0; i < n; i++) {
		CHECK(rows[i].closed);
		CHECK(strstr(rows[i].employee, "mith") || strstr(rows[i].employee, "MITH"));
	}
	CHECK_INT(n, store_count(st, STORE_CLOSED, "smith"));
	store_rows_free(rows, n);
	n = store_list(st, STORE_OPEN, NULL, 100, 10, &rows);
	CHECK_INT(n, 0);
	store_rows_free(rows, n);
	store_close(st);
	free(path);
}

struct collect {
	int n;
	int64_t ids[16];
	char dates[16][11];
	int stop_after;
	bool notes_seen;
	bool children_ok;
};

static int collect_one(const interview *iv, void *arg)
{
	struct collect *c = arg;
	if (c->n < 16) {
		c->ids[c->n] = iv->id;
		snprintf(c->dates[c->n], 11, "%s", iv->interview_date);
	}
	c->n++;
	for (int i = 0; i < iv->nquestions; i++) {
		if (iv->q[i].notes[0])
			c->notes_seen = true;
		/* each interview's questions carry its own employee name */
		if (strstr(iv->q[i].title, iv->employee) == NULL)
			c->children_ok = false;
		if (iv->q[i].nfollowups != i % 3)
			c->children_ok = false;
	}
	if (iv->ncategories != 3 || iv->nquestions != 4)
		c->children_ok = false;
	if (iv->observations[0])
		c->notes_seen = true;
	return c->stop_after && c->n >= c->stop_after ? 42 : 0;
}

/* store_list_next reads the pages of store_list on from a row at their
 * edge: down from the top and up from the bottom, with and without a
 * match, pages of one row and of several, they are the list's rows in
 * its order, each once. */
static void check_pages(store *st, const char *match, int total)
{
	store_row *all;
	int n = store_list(st, STORE_ALL, match, 0, -1, &all);
	CHECK_INT(n, total);
	for (int size = 1; n == total && size <= 8; size += 7) {
		/* down: from the first page on */
		store_row *page;
		int got = store_list(st, STORE_ALL, match, 0, size, &page), at = 0;
		while (got > 0 && at + got <= n) {
			for (int i = 0; i < got; i++)
				CHECK_INT(page[i].id, all[at + i].id);
			at += got;
			store_row *next;
			int m = store_list_next(st, match, &page[got - 1], false, size, &next);
			store_rows_free(page, got);
			page = next;
			got = m;
		}
		store_rows_free(page, got > 0 ? got : 0);
		CHECK_INT(got, 0);
		CHECK_INT(at, n);
		/* up: from the last row back */
		at = n - 1;
		page = NULL;
		got = n > 0 ? store_list(st, STORE_ALL, match, at, 1, &page) : 0;
		CHECK_INT(got, n > 0 ? 1 : 0);
		while (got > 0 && at >= 0) {
			for (int i = 0; i < got; i++)
				CHECK_INT(page[i].id, all[at - got + 1 + i].id);
			at -= got;
			store_row *prev;
			int m = store_list_next(st, match, &page[0], true, size, &prev);
			store_rows_free(page, got);
			page = prev;
			got = m;
		}
		store_rows_free(page, got > 0 ? got : 0);
		CHECK_INT(got, 0);
		CHECK_INT(at, -1);
	}
	store_rows_free(all, n);
}

TEST(list_next_pages)
{
	char *path = tpath("pages.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	for (int i = 0; i < 23; i++) {
		interview *iv = new_iv(i % 3 ? "Pat Page" : "Quinn Other", 1);
		CHECK_INT(store_create(st, iv), 0);
		interview_free(iv);
	}
	/* several in the same second and some updated later: (updated, id) */
	CHECK_INT(sqlite_shell(path, NULL, "UPDATE interviews SET updated = 1000 + id % 4"), 0);
	check_pages(st, NULL, 23);
	check_pages(st, "pat", 15);
	check_pages(st, "quinn other", 8);
	check_pages(st, "nobody", 0);
	store_row *rows;
	CHECK_INT(store_list(st, STORE_ALL, NULL, 0, 1, &rows), 1);
	store_row *none;
	CHECK_INT(store_list_next(st, NULL, &rows[0], true, 5, &none), 0);   /* nothing above the top */
	store_rows_free(none, 0);
	store_rows_free(rows, 1);
	store_close(st);
	free(path);
}

TEST(foreach_ranges)
{
	char *path = tpath("f.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	const char *dates[] = { "2024-03-20", "2024-01-10", "", "2024-02-15", "2023-12-31" };
	int64_t ids[5];
	for (int i = 0; i < 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "E%d", i);
		interview *iv = new_iv(name, 4);
		for (int q = 0; q < 4; q++) {
			char *t = xasprintf("%s q%d", name, q);
			str_set(&iv->q[q].title, t);
			free(t);
			str_set(&iv->q[q].notes, "confidential");
		}
		str_set(&iv->observations, "seen");
		CHECK_INT(interview_set_field(iv, "interview-date", dates[i]), 0);
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	char today[11];
	date_today(today);

	struct collect c = { .children_ok = true };
	CHECK_INT(store_foreach(st, NULL, NULL, true, collect_one, &c), 0);
	CHECK_INT(c.n, 5);
	CHECK(c.children_ok);
	CHECK(c.notes_seen);
	CHECK_INT(c.ids[0], ids[4]);   /* oldest first */
	CHECK_INT(c.ids[1], ids[1]);
	CHECK_INT(c.ids[2], ids[3]);
	CHECK_INT(c.ids[3], ids[0]);
	CHECK_INT(c.ids[4], ids[2]);   /* no date: created today */

	memset(&c, 0, sizeof c);
	c.children_ok = true;
	CHECK_INT(store_foreach(st, "2024-01-10", "2024-02-15", false, collect_one, &c), 0);
	CHECK_INT(c.n, 2);
	CHECK(c.children_ok);
	CHECK(!c.notes_seen);
	CHECK_INT(c.ids[0], ids[1]);
	CHECK_INT(c.ids[1], ids[3]);

	memset(&c, 0, sizeof c);
	CHECK_INT(store_foreach(st, today, "", false, collect_one, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.ids[0], ids[2]);

	memset(&c, 0, sizeof c);
	CHECK_INT(store_foreach(st, "", "2023-12-31", false, collect_one, &c), 0);
	CHECK_INT(c.n, 1);

	memset(&c, 0, sizeof c);
	c.stop_after = 2;
	CHECK_INT(store_foreach(st, NULL, NULL, false, collect_one, &c), 42);
	CHECK_INT(c.n, 2);

	CHECK_INT(store_foreach(st, "2024-02-30", NULL, false, collect_one, &c), -1);
	CHECK(strstr(ev_lasterr(), "2024-02-30") != NULL);

	/* changing the interview date moves it in the range */
	interview *iv = store_load(st, ids[2]);
	CHECK_INT(interview_set_field(iv, "interview-date", "2020-06-01"), 0);
	CHECK_INT(store_save_details(st, iv), 0);
	interview_free(iv);
	memset(&c, 0, sizeof c);
	CHECK_INT(store_foreach(st, "2020-01-01", "2020-12-31", false, collect_one, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.ids[0], ids[2]);

	/* the store is usable for writes afterwards (no transaction left open) */
	CHECK_INT(store_save_notes(st, ids[0], 0, "after"), 0);
	store_close(st);
	free(path);
}

static char *fixture(const char *name)
{
	const char *top = getenv("EXITVIEW_TOP");
	return xasprintf("%s/tests/data/db/%s", top && *top ? top : ".", name);
}

/* store_foreach callback: every interview's ID and text, in order. */
static int gather_text(const interview *iv, void *arg)
{
	strbuf *sb = arg;
	sb_printf(sb, "#%lld|%s|%s|%s|%s", (long long)iv->id, iv->employee, iv->return_conditions,
		  iv->observations, iv->actions);
	for (int i = 0; i < iv->nquestions; i++) {
		sb_printf(sb, "|%s/%s/%d/%d", iv->q[i].title, iv->q[i].notes, iv->q[i].rating,
			  iv->q[i].skipped);
		for (int j = 0; j < iv->q[i].nfollowups; j++)
			sb_printf(sb, "/%s=%d", iv->q[i].followups[j], iv->q[i].asked[j]);
	}
	for (int i = 0; i < iv->ncategories; i++)
		sb_printf(sb, "|%s=%s", iv->categories[i].key, iv->categories[i].label);
	sb_putc(sb, '\n');
	return 0;
}

/* Reading a file of an older schema (in place, through views) gives the
 * same interviews, list rows, reports and notes as migrating it: n
 * interviews, IDs 1..n. */
static const char *read_equals_migrated(const char *sql_fixture, const char *name, int n)
{
	static char why[256];
	char *path = tpath(name);
	const char *bad = NULL;
	interview *before[8] = { NULL };
	store_row *rows0 = NULL, *rows1 = NULL;
	char *rep0[8] = { NULL }, *rep1 = NULL;
	int n0 = -1, n1 = -1;
	struct collect c0 = { .children_ok = true }, c1 = { .children_ok = true };
	strbuf t0 = STRBUF_INIT, t1 = STRBUF_INIT, t2 = STRBUF_INIT, t3 = STRBUF_INIT;
	strbuf t4 = STRBUF_INIT, t5 = STRBUF_INIT;
	if (sqlite_shell(path, sql_fixture, NULL) != 0)
		bad = "fixture";
	store *st = bad ? NULL : store_open(path, STORE_READ, false);
	if (!bad && !st)
		bad = "read open";
	for (int i = 0; st && i < n; i++) {
		before[i] = store_load(st, i + 1);
		rep0[i] = store_get_report(st, i + 1);
	}
	if (st) {
		n0 = store_list(st, STORE_ALL, NULL, 0, 100, &rows0);
		store_foreach(st, NULL, NULL, true, collect_one, &c0);
		store_foreach(st, NULL, NULL, true, gather_text, &t0);
		store_foreach(st, "2024-02-21", NULL, false, gather_text, &t2);
		store_stream(st, NULL, NULL, true, NULL, gather_text, &t5);   /* export's read */
		store_close(st);
	}
	st = bad ? NULL : store_open(path, STORE_WRITE, false);
	if (!bad && !st)
		bad = "write open";
	for (int i = 0; st && !bad && i < n; i++) {
		interview *after = store_load(st, i + 1);
		const char *d = !before[i] || !after ? "load" : iv_diff(before[i], after);
		if (!d)
			d = version_diff(before[i], after);
		if (d) {
			snprintf(why, sizeof why, "interview %d: %s", i + 1, d);
			bad = why;
		}
		interview_free(after);
		rep1 = store_get_report(st, i + 1);
		if (!bad && ((rep0[i] == NULL) != (rep1 == NULL) ||
			     (rep0[i] && strcmp(rep0[i], rep1) != 0)))
			bad = "report";
		free(rep1);
	}
	if (st) {
		n1 = store_list(st, STORE_ALL, NULL, 0, 100, &rows1);
		store_foreach(st, NULL, NULL, true, collect_one, &c1);
		store_foreach(st, NULL, NULL, true, gather_text, &t1);
		store_foreach(st, "2024-02-21", NULL, false, gather_text, &t3);
		/* the fixtures' days are in ID order: each interview loaded alone
		 * reads the same as store_foreach gave it (nothing carried over
		 * from the interview before) */
		for (int i = 0; i < n; i++) {
			interview *one = store_load(st, i + 1);
			if (one)
				gather_text(one, &t4);
			interview_free(one);
		}
		store_close(st);
	}
	if (!bad && (n0 != n || n1 != n))
		bad = "list length";
	for (int i = 0; !bad && i < n; i++)
		if (rows0[i].id != rows1[i].id || rows0[i].answered != rows1[i].answered ||
		    rows0[i].nquestions != rows1[i].nquestions || rows0[i].updated != rows1[i].updated)
			bad = "list row";
	if (!bad && (c0.n != c1.n || c0.notes_seen != c1.notes_seen ||
		     memcmp(c0.ids, c1.ids, sizeof c0.ids) != 0))
		bad = "foreach";
	if (!bad && (t0.len == 0 || strcmp(sb_str(&t0), sb_str(&t1)) != 0))
		bad = "foreach with notes";
	if (!bad && (t2.len == 0 || strcmp(sb_str(&t2), sb_str(&t3)) != 0))
		bad = "foreach of a range without notes";
	if (!bad && strcmp(sb_str(&t1), sb_str(&t4)) != 0)
		bad = "foreach differs from store_load";
	if (!bad && strcmp(sb_str(&t0), sb_str(&t5)) != 0)
		bad = "stream differs from foreach";
	sb_free(&t5);
	sb_free(&t4);
	sb_free(&t0);
	sb_free(&t1);
	sb_free(&t2);
	sb_free(&t3);
	for (int i = 0; i < n; i++) {
		interview_free(before[i]);
		free(rep0[i]);
	}
	store_rows_free(rows0, n0);
	store_rows_free(rows1, n1);
	free(path);
	return bad;
}

TEST(read_old_in_place)
{
	char *v1 = fixture("v1.sql"), *v2 = fixture("v2.sql"), *v3 = fixture("v3.sql");
	const char *bad = read_equals_migrated(v1, "eq1.db", 2);
	if (bad)
		printf("# v1: %s\n", bad);
	CHECK(bad == NULL);
	bad = read_equals_migrated(v2, "eq2.db", 3);
	if (bad)
		printf("# v2: %s\n", bad);
	CHECK(bad == NULL);
	bad = read_equals_migrated(v3, "eq3.db", 3);
	if (bad)
		printf("# v3: %s\n", bad);
	CHECK(bad == NULL);
	free(v1);
	free(v2);
	free(v3);
}

/* The fields the old-schema fixtures (tests/data/db/v1.sql, v2.sql, v3.sql) hold
 * alike for interview 1, as any migration must keep them.  Callers check
 * unit_failed_now afterwards. */
static void check_fixture_interview(const interview *iv, const char *conditions)
{
	CHECK_STR(iv->employee, "Åsa Öberg");
	CHECK_STR(iv->role, "Utvecklare");
	CHECK_STR(iv->department, "Forskning");
	CHECK_STR(iv->manager, "Bo Ek");
	CHECK_STR(iv->interviewer, "Karin HR");
	CHECK_STR(iv->start_date, "2019-03-01");
	CHECK_STR(iv->last_day, "2024-02-29");
	CHECK_STR(iv->interview_date, "2024-02-20");
	CHECK_STR(iv->template_name, "standard-sv");
	CHECK_STR(iv->template_title, "Avgångssamtal");
	CHECK_STR(iv->language, "sv");
	CHECK_INT(iv->separation, SEP_VOLUNTARY);
	CHECK_STR(iv->reason_primary, "compensation");
	CHECK_STR(iv->reason_secondary, "growth");
	CHECK_STR(iv->reason_assessed, "manager");
	CHECK_INT(iv->regrettable, TRI_YES);
	CHECK_INT(iv->rehire, TRI_YES);
	CHECK_INT(iv->would_return, TRI_NO);
	CHECK_STR(iv->return_conditions, conditions);
	CHECK_STR(iv->observations, "Tittade bort ofta");
	/* schema 8: the action notes became actions, the slot emptied */
	CHECK_STR(iv->actions, "");
	CHECK(iv->nacts == 1 && strcmp(iv->acts[0].text, "Se över lönetrappan") == 0);
	CHECK(iv->acts[0].status == ACTION_OPEN && iv->acts[0].owner[0] == '\0');
	CHECK_STR(iv->scale[0], "Mycket dåligt");
	CHECK_STR(iv->scale[4], "Mycket bra");
	CHECK_INT(iv->elapsed, 1800);
	CHECK_INT(iv->created, 1708000000);
	CHECK_INT(iv->updated, 1708400000);
	CHECK(!iv->closed);
}

TEST(migrate_v1)
{
	char *sql = fixture("v1.sql");
	CHECK(access(sql, R_OK) == 0);
	char *path = tpath("v1.db");
	CHECK_INT(sqlite_shell(path, sql, NULL), 0);
	CHECK_INT(get_be32(path, 60), 1);

	/* reading an old database reads it in place, never writing it */
	size_t len0, len1;
	char *before = slurp(path, &len0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK_STR(iv->employee, "Åsa Öberg");
	CHECK_INT(iv->cur_slot, 0);
	interview_free(iv);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2);
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);

	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	CHECK_INT(get_be32(path, 68), STORE_APPLICATION_ID);
	iv = store_load(st, 1);
	CHECK(iv != NULL);
	check_fixture_interview(iv, "Högre lön");
	if (unit_failed_now)
		return;
	CHECK_INT(iv->reopened_at, 0);
	CHECK_INT(iv->cur_offset, 0);
	CHECK_INT(iv->nquestions, 2);
	CHECK_STR(iv->q[0].notes, "Lönen. \"Citat\" och ';DROP TABLE x;--\nrad två");
	CHECK_INT(iv->q[0].rating, 2);
	CHECK_INT(iv->q[0].nfollowups, 2);
	CHECK(iv->q[0].asked[0] && !iv->q[0].asked[1]);
	CHECK_STR(iv->q[0].followups[1], "Kunde vi ändrat något?");
	CHECK(iv->q[1].skipped);
	CHECK_INT(iv->ncategories, 3);
	CHECK_STR(iv->categories[2].label, "Chef");
	interview_free(iv);
	iv = store_load(st, 2);
	CHECK(iv != NULL);
	CHECK(iv->closed);
	CHECK_STR(iv->employee, "山田 太郎");
	CHECK(store_get_report(st, 2) == NULL);
	interview_free(iv);
	/* the new columns work, and the date range uses the migrated day */
	CHECK_INT(store_save_position(st, 1, 1, 5, 1900), 0);
	struct collect c = { .children_ok = true };
	CHECK_INT(store_foreach(st, "2024-02-20", "2024-02-20", false, collect_one, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.ids[0], 1);
	store_close(st);
	/* and once more: already current */
	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	iv = store_load(st, 1);
	CHECK_INT(iv->cur_offset, 5);
	interview_free(iv);
	store_close(st);
	free(sql);
	free(path);
}

/* Open must fail with a message containing want and leave path (and its
 * absence of a journal) exactly as it was. */
static const char *refused(const char *path, enum store_mode mode, bool shared,
			   const char *want)
{
	static char why[512];
	size_t len0 = 0, len1 = 0;
	char *before = slurp(path, &len0);
	struct stat s0, s1;
	bool had = lstat(path, &s0) == 0;
	store *st = store_open(path, mode, shared);
	char *after = slurp(path, &len1);
	bool has = lstat(path, &s1) == 0;
	char *j = xasprintf("%s-journal", path);
	bool journal = exists(j);
	free(j);
	const char *bad = NULL;
	if (st) {
		store_close(st);
		bad = "opened";
	} else if (!strstr(ev_lasterr(), want)) {
		snprintf(why, sizeof why, "message \"%s\" lacks \"%s\"", ev_lasterr(), want);
		bad = why;
	} else if (had != has || (had && (s0.st_mode != s1.st_mode || s0.st_mtime != s1.st_mtime))) {
		bad = "file created, removed or its mode/time changed";
	} else if ((before == NULL) != (after == NULL) || len0 != len1 ||
		   (before && memcmp(before, after, len0) != 0)) {
		bad = "bytes changed";
	} else if (journal) {
		bad = "journal left";
	} else if (!strstr(ev_lasterr(), path)) {
		bad = "message does not name the file";
	}
	free(before);
	free(after);
	return bad;
}

#define REFUSED(path, mode, shared, want) do { const char *r_ = refused(path, mode, shared, want); \
	if (r_) { printf("# %s: %s\n", path, r_); CHECK(r_ == NULL); } } while (0)

/* The counts of schema 11 (interview_counts, kept by triggers) against
 * count(*) after every kind of change, by exitview and by another writer;
 * a file of schema 10 counted when read in place, and migrated. */
static void check_counts(store *st, const char *path)
{
	char *all = sqlite_out(path, "SELECT count(*) FROM interviews");
	char *open = sqlite_out(path, "SELECT count(*) FROM interviews WHERE closed = 0");
	char *closed = sqlite_out(path, "SELECT count(*) FROM interviews WHERE closed = 1");
	CHECK(all && open && closed);
	if (all && open && closed) {
		CHECK_INT(store_count(st, STORE_ALL, NULL), atoi(all));
		CHECK_INT(store_count(st, STORE_OPEN, NULL), atoi(open));
		CHECK_INT(store_count(st, STORE_CLOSED, NULL), atoi(closed));
	}
	free(all);
	free(open);
	free(closed);
}

TEST(counts_kept)
{
	char *path = tpath("counts.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 0);
	CHECK_INT(store_count(st, STORE_CLOSED, NULL), 0);
	int64_t ids[12];
	for (int i = 0; i < 12; i++) {
		interview *iv = new_iv("Count Person", 2);
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	CHECK_INT(store_count(st, STORE_ALL, NULL), 12);
	CHECK_INT(store_count(st, STORE_CLOSED, NULL), 0);
	for (int i = 0; i < 12; i += 2)
		CHECK_INT(store_close_interview(st, ids[i], time(NULL), "r"), 0);
	CHECK_INT(store_count(st, STORE_OPEN, NULL), 6);
	CHECK_INT(store_count(st, STORE_CLOSED, NULL), 6);
	CHECK_INT(store_reopen_interview(st, ids[0]), 0);
	CHECK_INT(store_close_interview(st, ids[2], time(NULL), "again"), -1);   /* closed already */
	CHECK_INT(store_count(st, STORE_CLOSED, NULL), 5);
	CHECK_INT(store_delete_interview(st, ids[1]), 0);        /* open */
	CHECK_INT(store_delete_interview(st, ids[4]), 0);        /* closed */
	int64_t two[2] = { ids[5], ids[6] };
	CHECK_INT(store_delete_interviews(st, two, 2), 0);
	CHECK_INT(store_anonymise_interview(st, ids[8]), 0);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 8);
	check_counts(st, path);
	/* another writer: the triggers are in the file */
	CHECK_INT(sqlite_shell(path, NULL, "PRAGMA foreign_keys = ON; UPDATE interviews SET closed = 1 WHERE closed = 0;"
			       " DELETE FROM interviews WHERE id = (SELECT max(id) FROM interviews);"), 0);
	check_counts(st, path);
	CHECK_INT(store_count(st, STORE_OPEN, NULL), 0);
	store_close(st);

	/* a file of schema 10: read in place it is counted (and left as it
	 * is); the first write-mode open adds the counts */
	CHECK_INT(sqlite_shell(path, NULL, "DROP TRIGGER interviews_count_ai; DROP TRIGGER interviews_count_ad;"
			       " DROP TRIGGER interviews_count_au; DROP TABLE interview_counts;"
			       " PRAGMA user_version = 10;"), 0);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	if (st) {
		check_counts(st, path);
		CHECK_INT(store_count(st, STORE_ALL, NULL), 7);
		store_close(st);
	}
	CHECK_INT(get_be32(path, 60), 10);
	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
		CHECK_SQL(path, "SELECT group_concat(closed || ':' || n, ' ') FROM"
			  " (SELECT * FROM interview_counts ORDER BY closed)", "1:7");
		check_counts(st, path);
		interview *iv = new_iv("After Migration", 1);
		CHECK_INT(store_create(st, iv), 0);
		interview_free(iv);
		CHECK_INT(store_count(st, STORE_OPEN, NULL), 1);
		check_counts(st, path);
		store_close(st);
	}

	/* a count trigger changed by someone else is refused like any other */
	CHECK_INT(sqlite_shell(path, NULL, "DROP TRIGGER interviews_count_ai; CREATE TRIGGER"
			       " interviews_count_ai AFTER INSERT ON interviews BEGIN SELECT 1; END;"), 0);
	REFUSED(path, STORE_WRITE, false, "has a trigger 'interviews_count_ai' that exitview did not create");
	free(path);
}

TEST(refuse_not_sqlite)
{
	char *path = tpath("junk.db");
	const char *junk = "These are my notes, not a database.\nLine two.\n";
	CHECK_INT(spit(path, junk, strlen(junk), 0600), 0);
	REFUSED(path, STORE_READ, false, "is not an exitview database (not SQLite)");
	REFUSED(path, STORE_WRITE, false, "is not an exitview database (not SQLite)");
	REFUSED(path, STORE_CREATE, false, "is not an exitview database (not SQLite)");
	/* long junk too (more than a header's worth) */
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 2000; i++)
		sb_puts(&sb, "junk junk junk ");
	CHECK_INT(spit(path, sb.s, sb.len, 0600), 0);
	sb_free(&sb);
	REFUSED(path, STORE_WRITE, false, "not SQLite");
	free(path);
}

TEST(refuse_truncated)
{
	char *path = tpath("trunc.db");
	CHECK_INT(make_db(path, 6), 0);
	struct stat sb;
	CHECK(stat(path, &sb) == 0);
	CHECK(sb.st_size > 4 * 4096);
	CHECK(truncate(path, sb.st_size / 2) == 0);
	REFUSED(path, STORE_WRITE, false, "is damaged");
	REFUSED(path, STORE_READ, false, "is damaged");
	/* cut inside the header */
	CHECK(truncate(path, 50) == 0);
	REFUSED(path, STORE_WRITE, false, "not SQLite");
	free(path);
}

TEST(refuse_corrupted_page)
{
	char *path = tpath("corrupt.db");
	CHECK_INT(make_db(path, 6), 0);
	struct stat sb;
	CHECK(stat(path, &sb) == 0);
	CHECK(sb.st_size <= 256 * 1024);   /* small enough to be checked whole on open */
	uint32_t pagesize = get_be32(path, 16) >> 16;
	CHECK(pagesize >= 512);
	/* garbage over the b-tree page headers of a page in the middle */
	off_t pages = sb.st_size / pagesize;
	int fd = open(path, O_WRONLY);
	CHECK(fd >= 0);
	char garbage[64];
	memset(garbage, 0xA5, sizeof garbage);
	for (off_t p = 1; p < pages; p++)
		if (p == pages / 2 || p == 1 || p == 2)
			CHECK(pwrite(fd, garbage, sizeof garbage, p * pagesize) == (ssize_t)sizeof garbage);
	close(fd);
	REFUSED(path, STORE_WRITE, false, "is damaged");
	REFUSED(path, STORE_READ, false, "is damaged");
	free(path);
}

TEST(refuse_newer_and_foreign)
{
	char *path = tpath("newer.db");
	CHECK_INT(make_db(path, 1), 0);
	CHECK_INT(put_be32(path, 60, 99), 0);
	char want[128];
	snprintf(want, sizeof want, "was written by a newer exitview (schema 99, this one knows %d)",
		 SCHEMA_NOW);
	REFUSED(path, STORE_WRITE, false, want);
	REFUSED(path, STORE_READ, false, want);
	REFUSED(path, STORE_CREATE, false, want);

	char *foreign = tpath("foreign.db");
	CHECK_INT(make_db(foreign, 1), 0);
	CHECK_INT(put_be32(foreign, 68, 0x12345678), 0);
	REFUSED(foreign, STORE_WRITE, false, "belongs to another application");
	REFUSED(foreign, STORE_READ, false, "belongs to another application");

	/* ours with the mark removed: tables but no application_id */
	char *unmarked = tpath("unmarked.db");
	CHECK_INT(make_db(unmarked, 1), 0);
	CHECK_INT(put_be32(unmarked, 68, 0), 0);
	REFUSED(unmarked, STORE_WRITE, false, "belongs to another application");

	/* another program's SQLite database */
	char *other = tpath("other.db");
	CHECK_INT(sqlite_shell(other, NULL,
			       "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x');"), 0);
	REFUSED(other, STORE_WRITE, false, "belongs to another application");
	REFUSED(other, STORE_CREATE, false, "belongs to another application");
	REFUSED(other, STORE_READ, false, "belongs to another application");
	free(path);
	free(foreign);
	free(unmarked);
	free(other);
}

TEST(refuse_links_and_modes)
{
	char *real = tpath("real.db");
	CHECK_INT(make_db(real, 1), 0);
	char *link = tpath("link.db");
	CHECK(symlink(real, link) == 0);
	REFUSED(link, STORE_WRITE, false, "is a symbolic link");
	REFUSED(link, STORE_READ, true, "is a symbolic link");
	REFUSED(link, STORE_CREATE, false, "is a symbolic link");
	store *st = store_open(real, STORE_READ, false);   /* the target itself is fine */
	CHECK(st != NULL);
	store_close(st);
	free(real);
	free(link);
}

TEST(modes_and_shared)
{
	char *link_target = tpath("t.db");
	CHECK_INT(make_db(link_target, 1), 0);
	char *dangling = tpath("dangling.db");
	char *nowhere = tpath("nowhere.db");
	CHECK(symlink(nowhere, dangling) == 0);
	REFUSED(dangling, STORE_CREATE, false, "is a symbolic link");
	CHECK(!exists(nowhere));

	char *path = tpath("shared.db");
	CHECK_INT(make_db(path, 1), 0);
	CHECK(chmod(path, 0644) == 0);
	REFUSED(path, STORE_WRITE, false,
		"is readable by other users; chmod 600 it, or set shared_database = yes in the config");
	REFUSED(path, STORE_READ, false, "is readable by other users");
	CHECK(chmod(path, 0620) == 0);
	REFUSED(path, STORE_WRITE, false, "is writable by other users");
	CHECK(chmod(path, 0660) == 0);
	store *st = store_open(path, STORE_WRITE, true);
	CHECK(st != NULL);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 1);
	store_close(st);

	char *dir = tpath("adir.db");
	CHECK(mkdir(dir, 0700) == 0);
	REFUSED(dir, STORE_WRITE, false, "is not a regular file");
	REFUSED(dir, STORE_CREATE, false, "is not a regular file");

	char *missing = tpath("missing.db");
	REFUSED(missing, STORE_READ, false, "does not exist");
	REFUSED(missing, STORE_WRITE, false, "does not exist");
	CHECK(!exists(missing));
	free(link_target);
	free(dangling);
	free(nowhere);
	free(path);
	free(dir);
	free(missing);
}

TEST(empty_file)
{
	/* An existing 0-byte file holds nothing: reading refuses, writing
	 * initialises it. */
	char *path = tpath("empty.db");
	CHECK_INT(spit(path, "", 0, 0600), 0);
	REFUSED(path, STORE_READ, false, "is empty");
	store *st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 0);
	store_close(st);
	CHECK_INT(get_be32(path, 68), STORE_APPLICATION_ID);
	free(path);
}

/* Reading never writes: every read call, and writes refused. */
TEST(read_mode_never_writes)
{
	char *path = tpath("ro.db");
	CHECK_INT(make_db(path, 3), 0);
	size_t len0, len1;
	char *before = slurp(path, &len0);
	struct stat s0, s1;
	CHECK(stat(path, &s0) == 0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 3);
	store_row *rows;
	int n = store_list(st, STORE_ALL, "fill", 0, 10, &rows);
	CHECK_INT(n, 3);
	store_rows_free(rows, n);
	struct collect c = { .children_ok = true };
	CHECK_INT(store_foreach(st, NULL, NULL, true, collect_one, &c), 0);
	CHECK_INT(c.n, 3);
	CHECK(store_get_report(st, 1) == NULL);
	CHECK_INT(store_save_notes(st, 1, 0, "no"), -1);
	CHECK_INT(store_save_details(st, iv), -1);
	CHECK_INT(store_close_interview(st, 1, time(NULL), "no"), -1);
	CHECK(store_create(st, iv) == -1);
	interview_free(iv);
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(stat(path, &s1) == 0);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	CHECK(s0.st_mtime == s1.st_mtime);
	free(before);
	free(after);

	/* a file without write permission opens for reading */
	CHECK(chmod(path, 0400) == 0);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	store_close(st);
	CHECK(chmod(path, 0600) == 0);
	free(path);
}

/* A read-only file or directory refuses writing.  Root ignores permission
 * bits, so as root the check runs in a child that drops to "nobody". */
TEST(refuse_read_only)
{
	char *dir = tpath("rodir");
	CHECK(mkdir(dir, 0700) == 0);
	char *path = xasprintf("%s/ro.db", dir);
	CHECK_INT(make_db(path, 1), 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0) {
			/* nobody must be able to reach the directory */
			if (chmod(tmpdir, 0711) != 0 || chown(dir, 65534, 65534) != 0 || chown(path, 65534, 65534) != 0 ||
			    setgid(65534) != 0 || setuid(65534) != 0)
				_exit(10);
		}
		if (chmod(path, 0400) != 0)
			_exit(11);
		if (refused(path, STORE_WRITE, false, "is read-only"))
			_exit(12);
		store *st = store_open(path, STORE_READ, false);
		if (!st)
			_exit(13);
		store_close(st);
		/* the file is writable but its directory (for the journal) is not */
		if (chmod(path, 0600) != 0 || chmod(dir, 0500) != 0)
			_exit(14);
		if (refused(path, STORE_WRITE, false, "is read-only"))
			_exit(15);
		_exit(0);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	chmod(tmpdir, 0700);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("# read-only child: status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	chmod(dir, 0700);
	free(dir);
	free(path);
}

/* Two processes saving notes into one database at the same time. */
static int hammer(const char *path, int64_t id, int rounds)
{
	store *st = store_open(path, STORE_WRITE, false);
	if (!st) {
		printf("# open: %s\n", ev_lasterr());
		return 1;
	}
	int bad = 0;
	for (int i = 0; i < rounds; i++) {
		char *text = xasprintf("round %d of interview %lld", i, (long long)id);
		if (store_save_notes(st, id, i % 3, text) != 0 ||
		    store_save_position(st, id, i % 3, i, i) != 0) {
			printf("# save: %s\n", ev_lasterr());
			bad = 1;
		}
		free(text);
		if (i % 10 == 0) {
			interview *iv = new_iv("Racer", 3);
			if (store_create(st, iv) != 0) {
				printf("# create: %s\n", ev_lasterr());
				bad = 1;
			}
			interview_free(iv);
			store_row *rows;
			int n = store_list(st, STORE_ALL, NULL, 0, 20, &rows);
			if (n < 0) {
				printf("# list: %s\n", ev_lasterr());
				bad = 1;
			}
			store_rows_free(rows, n);
		}
		if (bad)
			break;
	}
	store_close(st);
	return bad;
}

TEST(two_writers)
{
	char *path = tpath("race.db");
	CHECK_INT(make_db(path, 2), 0);
	const int rounds = 120;
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int bad = hammer(path, 2, rounds);
		fflush(stdout);
		_exit(bad);
	}
	int mine = hammer(path, 1, rounds);
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK_INT(mine, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *a = store_load(st, 1), *b = store_load(st, 2);
	CHECK(a && b);
	char want[64];
	snprintf(want, sizeof want, "round %d of interview 1", rounds - 1);
	CHECK_STR(a->q[(rounds - 1) % 3].notes, want);
	snprintf(want, sizeof want, "round %d of interview 2", rounds - 1);
	CHECK_STR(b->q[(rounds - 1) % 3].notes, want);
	CHECK_INT(store_count(st, STORE_ALL, NULL), 2 + 2 * ((rounds + 9) / 10));
	interview_free(a);
	interview_free(b);
	store_close(st);
	free(path);
}

/* A database of schema 2 (notes inside questions and interviews, the
 * report in interviews) migrates to the current layout with every value
 * intact, in one transaction; reading it never writes it. */
TEST(migrate_v2)
{
	char *sql = fixture("v2.sql");
	CHECK(access(sql, R_OK) == 0);
	char *path = tpath("v2.db");
	CHECK_INT(sqlite_shell(path, sql, NULL), 0);
	CHECK_INT(get_be32(path, 60), 2);

	size_t len0, len1;
	char *before = slurp(path, &len0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK_STR(iv->observations, "Tittade bort ofta");
	CHECK_STR(iv->q[3].notes, "Inga råd");
	interview_free(iv);
	int answered = -1, nq = -1;
	CHECK_INT(row_counts(st, 1, &answered, &nq), 0);
	CHECK_INT(answered, 1);   /* the first question: notes and a rating */
	CHECK_INT(nq, 4);
	char *rep = store_get_report(st, 2);
	CHECK(rep != NULL && strstr(rep, "山田 太郎") != NULL);
	free(rep);
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);

	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	iv = store_load(st, 1);
	CHECK(iv != NULL);
	check_fixture_interview(iv, "Högre lön\noch distans");
	if (unit_failed_now)
		return;
	CHECK_INT(iv->closed_at, 1708100000);
	CHECK_INT(iv->reopened_at, 1708200000);
	CHECK_INT(iv->cur_slot, 2);
	CHECK_INT(iv->cur_offset, 17);
	CHECK_INT(iv->nquestions, 4);
	CHECK_STR(iv->q[0].title, "Varför");
	CHECK_STR(iv->q[0].prompt, "Varför slutar du?");
	CHECK_STR(iv->q[0].hint, "Lyssna.");
	CHECK_STR(iv->q[0].notes, "Lönen. \"Citat\" och ';DROP TABLE x;--\nrad två");
	CHECK_INT(iv->q[0].rating, 2);
	CHECK(!iv->q[0].skipped);
	CHECK_INT(iv->q[0].nfollowups, 2);
	CHECK(iv->q[0].asked[0] && !iv->q[0].asked[1]);
	CHECK_STR(iv->q[0].followups[1], "Kunde vi ändrat något?");
	CHECK_STR(iv->q[1].notes, "");
	CHECK(iv->q[1].skipped);
	CHECK_INT(iv->q[2].rating, 5);
	CHECK_INT(iv->q[2].nfollowups, 1);
	CHECK(iv->q[2].asked[0]);
	CHECK_STR(iv->q[3].notes, "Inga råd");
	CHECK_INT(iv->ncategories, 3);
	CHECK_STR(iv->categories[1].label, "Utveckling");
	CHECK_INT(answered_of(iv), 1);
	interview_free(iv);

	iv = store_load(st, 2);
	CHECK(iv != NULL);
	CHECK(iv->closed);
	CHECK_INT(iv->closed_at, 1709500000);
	CHECK_STR(iv->q[0].notes, "Moving");
	CHECK_STR(iv->categories[0].key, "relocation");
	interview_free(iv);
	rep = store_get_report(st, 2);
	CHECK_STR(rep ? rep : "(null)", "EXIT INTERVIEW\nEmployee: 山田 太郎\n");
	free(rep);
	CHECK(store_get_report(st, 1) == NULL);
	CHECK(store_get_report(st, 99) == NULL);
	CHECK(strstr(ev_lasterr(), "no interview with ID 99") != NULL);

	iv = store_load(st, 3);
	CHECK(iv != NULL);
	CHECK_STR(iv->q[0].notes, " \n\t");   /* kept as typed, but not an answer */
	CHECK_STR(iv->actions, "");
	CHECK(iv->nacts == 1 && strcmp(iv->acts[0].text, "Ring tillbaka") == 0);
	CHECK_STR(iv->observations, "");
	CHECK_INT(iv->cur_slot, IV_SLOT_OBSERVATIONS);
	CHECK_INT(iv->q[1].nfollowups, 1);
	interview_free(iv);

	/* the list's counts, and every interview in order of its day */
	const int want_answered[] = { 0, 1, 1, 0 }, want_nq[] = { 0, 4, 1, 2 };
	for (int id = 1; id <= 3; id++) {
		CHECK_INT(row_counts(st, id, &answered, &nq), 0);
		CHECK_INT(answered, want_answered[id]);
		CHECK_INT(nq, want_nq[id]);
	}
	struct collect c = { .children_ok = true };
	CHECK_INT(store_foreach(st, NULL, NULL, true, collect_one, &c), 0);
	CHECK_INT(c.n, 3);
	CHECK(c.notes_seen);
	CHECK_INT(c.ids[0], 1);
	CHECK_INT(c.ids[1], 2);
	CHECK_INT(c.ids[2], 3);
	memset(&c, 0, sizeof c);
	CHECK_INT(store_foreach(st, "2024-02-27", "2024-02-27", false, collect_one, &c), 0);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.ids[0], 2);
	CHECK(!c.notes_seen);

	/* the layout: small columns first, the typed text in tables of its own;
	 * after return_conditions only what schema 4 appended (an integer) */
	CHECK_SQL(path, "SELECT name FROM pragma_table_info('interviews') WHERE type = 'TEXT'"
		  " ORDER BY cid DESC LIMIT 1", "return_conditions");
	CHECK_SQL(path, "SELECT group_concat(name) FROM pragma_table_info('interviews') WHERE cid >"
		  " (SELECT cid FROM pragma_table_info('interviews') WHERE name = 'return_conditions')",
		  "details_version");
	CHECK_SQL(path, "SELECT count(*) FROM pragma_table_info('interviews') WHERE name IN"
		  " ('observations', 'actions', 'report')", "0");
	CHECK_SQL(path, "SELECT count(*) FROM pragma_table_info('questions') WHERE name = 'notes'", "0");
	CHECK_SQL(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v2%'", "0");
	/* schema 8: the two action notes are actions, one per line */
	CHECK_SQL(path, "SELECT count(*) FROM " NOTES_OF, "5");
	CHECK_SQL(path, "SELECT group_concat(interview_id || ':' || text, '|') FROM actions"
		  " ORDER BY id", "1:Se över lönetrappan|3:Ring tillbaka");
	CHECK_SQL(path, "SELECT group_concat(interview_id) FROM reports", "2");
	CHECK_SQL(path, "PRAGMA integrity_check", "ok");
	CHECK_SQL(path, "PRAGMA foreign_key_check", "");
	CHECK_SQL(path, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema"
		  " WHERE type = 'index' AND name NOT LIKE 'sqlite%' ORDER BY name)",
		  "actions_interview,actions_state,audit_at,interviews_closed,interviews_day,interviews_updated");

	/* three template copies, three forms; a copy of interview 1 made now
	 * finds the form the migration made */
	CHECK_SQL(path, "SELECT count(*) FROM forms", "3");
	iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK_INT(store_create(st, iv), 0);
	CHECK(iv->id == 4);
	CHECK_SQL(path, "SELECT count(*) FROM forms", "3");
	CHECK_SQL(path, "SELECT count(DISTINCT form) FROM interviews WHERE id IN (1, 4)", "1");
	interview *copy = store_load(st, 4);
	CHECK(copy != NULL);
	CHECK_INT(copy->nquestions, 4);
	CHECK(copy->q[0].asked[0] && !copy->q[0].asked[1] && copy->q[2].asked[0]);
	CHECK_STR(copy->q[3].notes, "Inga råd");
	CHECK_STR(copy->categories[2].label, "Chef");
	interview_free(copy);
	interview_free(iv);

	/* and it works on: notes, a close replacing nothing, a reopen */
	CHECK_INT(store_save_notes(st, 3, 0, "Flyttar"), 0);
	CHECK_INT(row_counts(st, 3, &answered, &nq), 0);
	CHECK_INT(answered, 0);   /* notes, no rating yet: in progress */
	iv = store_load(st, 3);
	CHECK(iv != NULL);
	iv->q[0].rating = 3;
	CHECK_INT(store_save_answer(st, 3, 0, &iv->q[0]), 0);
	interview_free(iv);
	CHECK_INT(row_counts(st, 3, &answered, &nq), 0);
	CHECK_INT(answered, 1);
	CHECK_INT(store_reopen_interview(st, 2), 0);
	CHECK_INT(store_close_interview(st, 2, time(NULL), "new report"), 0);
	rep = store_get_report(st, 2);
	CHECK_STR(rep ? rep : "(null)", "new report");
	free(rep);
	store_close(st);
	free(sql);
	free(path);
}

/* A migration that fails half-way changes nothing: one transaction. */
TEST(migrate_fails_whole)
{
	char *sql = fixture("v2.sql");
	char *path = tpath("v2clash.db");
	CHECK_INT(sqlite_shell(path, sql, NULL), 0);
	/* a table in the way of the new layout makes version 3 fail late */
	CHECK_INT(sqlite_shell(path, NULL, "CREATE TABLE reports (x); INSERT INTO reports VALUES (1);"), 0);
	CHECK_INT(get_be32(path, 60), 2);
	REFUSED(path, STORE_WRITE, false, "upgrading the schema to version 3");
	/* reading needs no migration: it works, and writes nothing */
	size_t len0, len1;
	char *before = slurp(path, &len0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK_STR(iv->q[3].notes, "Inga råd");
	interview_free(iv);
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);
	CHECK_INT(get_be32(path, 60), 2);
	CHECK_SQL(path, "SELECT count(*) FROM questions WHERE notes <> ''", "4");
	CHECK_SQL(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v2%' OR name = 'notes'", "0");

	/* late: after the data is copied, in the step that makes the forms
	 * (a question with more follow-ups than the asked bits can hold) */
	char *late = tpath("v2late.db");
	CHECK_INT(sqlite_shell(late, sql, NULL), 0);
	CHECK_INT(sqlite_shell(late, NULL, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL"
			       " SELECT i + 1 FROM n WHERE i < 63) INSERT INTO followups"
			       " SELECT 3, 1, i + 1, 'F' || i, 1 FROM n;"), 0);
	REFUSED(late, STORE_WRITE, false, "upgrading the schema to version 3 failed"
		" (interview 3: question 2 has 65 follow-ups (at most 63))");
	CHECK_INT(get_be32(late, 60), 2);
	CHECK_SQL(late, "SELECT count(*) FROM followups", "68");
	CHECK_SQL(late, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v2%' OR name = 'forms'", "0");
	free(late);
	free(sql);
	free(path);
}

/* store_row.answered is a maintained count: every write that can change it
 * keeps it equal to what the interview itself says. */
TEST(answered_kept)
{
	char *path = tpath("answered.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	interview *iv = new_iv("Counted", 5);
	str_set(&iv->q[0].notes, " \t\r\n ");       /* white space: not an answer */
	str_set(&iv->q[1].notes, "  x  ");         /* notes alone: in progress */
	iv->q[2].rating = 4;                       /* a rating alone: in progress */
	iv->q[3].skipped = true;                   /* skipped: not an answer */
	iv->q[4].no_rating = true;                 /* takes no rating: notes answer it */
	str_set(&iv->observations, "obs");          /* not a question */
	CHECK_INT(store_create(st, iv), 0);
	int64_t id = iv->id;
	interview_free(iv);
	int answered = -1, nq = -1;
	CHECK_INT(row_counts(st, id, &answered, &nq), 0);
	CHECK_INT(answered, 0);
	CHECK_INT(nq, 5);

	/* the screen's rule: notes and a rating, not skipped; notes alone
	 * where the question takes no rating */
	struct { int slot; const char *notes; int rating; int want; } steps[] = {
		{ 1, NULL, 3, 1 },                 /* notes and now a rating */
		{ 0, "now something", -1, 1 },
		{ 0, NULL, 2, 2 },
		{ 0, "", -1, 1 },                  /* cleared */
		{ 1, "\n\n", -1, 0 },              /* only white space again */
		{ 2, "notes and a rating", -1, 1 },
		{ 2, NULL, 0, 0 },                 /* rating taken back */
		{ 2, NULL, 5, 1 },
		{ IV_SLOT_ACTIONS, "follow up", -1, 1 },
		{ IV_SLOT_OBSERVATIONS, "", -1, 1 },
		{ 3, "skipped, with notes", -1, 1 },
		{ 3, NULL, 1, 1 },                 /* and a rating: still skipped */
		{ 4, "last", -1, 2 },              /* no rating taken: answered */
		{ 4, " ", -1, 1 },
		{ 4, "last again", -1, 2 },
	};
	for (size_t k = 0; k < EV_ARRAY_LEN(steps); k++) {
		if (steps[k].notes) {
			CHECK_INT(store_save_notes(st, id, steps[k].slot, steps[k].notes), 0);
		} else {
			iv = store_load(st, id);
			CHECK(iv != NULL);
			iv->q[steps[k].slot].rating = steps[k].rating;
			CHECK_INT(store_save_answer(st, id, steps[k].slot, &iv->q[steps[k].slot]), 0);
			interview_free(iv);
		}
		CHECK_INT(row_counts(st, id, &answered, &nq), 0);
		if (answered != steps[k].want)
			printf("# step %zu\n", k);
		CHECK_INT(answered, steps[k].want);
		iv = store_load(st, id);
		CHECK_INT(answered_of(iv), answered);
		interview_free(iv);
	}
	/* refused writes change nothing */
	CHECK_INT(store_save_notes(st, id, 7, "no such question"), -1);
	CHECK(strstr(ev_lasterr(), "has no question 8") != NULL);
	CHECK_INT(store_close_interview(st, id, time(NULL), NULL), 0);
	CHECK_INT(store_save_notes(st, id, 0, "closed"), -1);
	CHECK_INT(row_counts(st, id, &answered, &nq), 0);
	CHECK_INT(answered, 2);
	iv = store_load(st, id);
	CHECK_STR(iv->q[0].notes, "");
	CHECK_STR(iv->actions, "follow up");
	CHECK_STR(iv->observations, "");
	interview_free(iv);

	/* many interviews, random edits: the list agrees with the interviews */
	unsigned seed = 12345;
	int64_t ids[12];
	for (int i = 0; i < 12; i++) {
		iv = new_iv("Random", 1 + i % 4);
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	static const char *const texts[] = { "", " ", "a", "\t\n", "ord", "  b  " };
	for (int k = 0; k < 120; k++) {
		seed = seed * 1103515245u + 12345u;
		int64_t at = ids[(seed >> 8) % 12];
		iv = store_load(st, at);
		CHECK(iv != NULL);
		int q = (int)((seed >> 16) % (unsigned)iv->nquestions);
		if ((seed >> 4) & 1) {
			CHECK_INT(store_save_notes(st, at, q, texts[(seed >> 20) % 6]), 0);
		} else {
			iv->q[q].rating = (int)((seed >> 20) % 3);
			CHECK_INT(store_save_answer(st, at, q, &iv->q[q]), 0);
		}
		interview_free(iv);
	}
	for (int i = 0; i < 12; i++) {
		iv = store_load(st, ids[i]);
		CHECK_INT(row_counts(st, ids[i], &answered, &nq), 0);
		CHECK_INT(answered, answered_of(iv));
		CHECK_INT(nq, iv->nquestions);
		interview_free(iv);
	}
	store_close(st);
	/* a reading connection sees the same */
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	CHECK_INT(row_counts(st, id, &answered, &nq), 0);
	CHECK_INT(answered, 2);
	store_close(st);
	free(path);
}

/* Above the quick_check size, opening stays cheap and damage is reported
 * when the damaged part is read, in the same words. */
TEST(large_damage_on_read)
{
	char *path = tpath("bigdamage.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	strbuf sb = STRBUF_INIT;
	for (int k = 0; k < 4000; k++)
		sb_printf(&sb, "Anteckning %d. ", k);   /* ~60 KB */
	for (int i = 0; i < 24; i++) {
		interview *iv = new_iv("Large", 2);
		str_set(&iv->q[i % 2].notes, sb_str(&sb));
		CHECK_INT(store_create(st, iv), 0);
		interview_free(iv);
	}
	sb_free(&sb);
	store_close(st);
	struct stat sb0;
	CHECK(stat(path, &sb0) == 0);
	CHECK(sb0.st_size > 1024 * 1024 + 65536);
	uint32_t pagesize = get_be32(path, 16) >> 16;
	off_t pages = sb0.st_size / pagesize;
	int fd = open(path, O_WRONLY);
	CHECK(fd >= 0);
	char garbage[64];
	memset(garbage, 0xA5, sizeof garbage);
	for (off_t p = pages / 2; p < pages - 1; p += 3)
		CHECK(pwrite(fd, garbage, sizeof garbage, p * pagesize) == (ssize_t)sizeof garbage);
	close(fd);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	struct collect c = { .children_ok = true };
	CHECK_INT(store_foreach(st, NULL, NULL, true, collect_one, &c), -1);
	CHECK(strstr(ev_lasterr(), "is damaged") != NULL);
	CHECK(strstr(ev_lasterr(), path) != NULL);
	store_close(st);
	free(path);
}

/* Interviews with the same template text share one stored copy of it (a
 * "form"); any difference in the text makes another; each interview loads
 * its own text and answers. */
TEST(forms_shared)
{
	char *path = tpath("forms.db");
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	int64_t ids[6];
	for (int i = 0; i < 6; i++) {
		interview *iv = new_iv("Same", 4);
		if (i == 4)
			str_set(&iv->q[2].hint, "Hint 2 ");   /* one byte more */
		if (i == 5)
			str_set(&iv->categories[0].label, "Lön");
		for (int q = 0; q < 4; q++)
			for (int j = 0; j < iv->q[q].nfollowups; j++)
				iv->q[q].asked[j] = (i + q + j) % 2;
		iv->q[1].rating = i % 6;
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview *back = store_load(st, iv->id);
		CHECK(back != NULL);
		const char *d = iv_diff(iv, back);
		if (d)
			printf("# %d differs: %s\n", i, d);
		CHECK(d == NULL);
		interview_free(back);
		interview_free(iv);
	}
	CHECK_SQL(path, "SELECT count(*) FROM forms", "3");
	CHECK_SQL(path, "SELECT count(DISTINCT form) FROM interviews", "3");
	interview *a = store_load(st, ids[0]), *b = store_load(st, ids[4]);
	CHECK(a && b);
	CHECK_STR(a->q[2].hint, "Hint 2");
	CHECK_STR(b->q[2].hint, "Hint 2 ");
	interview_free(a);
	interview_free(b);

	/* follow-ups: all 63 flags kept; more are refused, not cut */
	interview *iv = new_iv("Many", 2);
	for (int j = 0; j < iv->q[1].nfollowups; j++)
		free(iv->q[1].followups[j]);
	free(iv->q[1].followups);
	free(iv->q[1].asked);
	iv->q[1].nfollowups = 64;
	iv->q[1].followups = xcalloc(64, sizeof(char *));
	iv->q[1].asked = xcalloc(64, sizeof(bool));
	for (int j = 0; j < 64; j++) {
		iv->q[1].followups[j] = xasprintf("F%d", j);
		iv->q[1].asked[j] = j % 3 == 0 || j == 62;
	}
	CHECK_INT(store_create(st, iv), -1);
	CHECK(strstr(ev_lasterr(), "question 2 has 64 follow-ups") != NULL);
	iv->q[1].nfollowups = 63;
	free(iv->q[1].followups[63]);
	CHECK_INT(store_create(st, iv), 0);
	interview *back = store_load(st, iv->id);
	CHECK(back != NULL);
	CHECK(iv_diff(iv, back) == NULL);
	interview_free(back);
	for (int j = 0; j < 63; j++)
		iv->q[1].asked[j] = !iv->q[1].asked[j];
	CHECK_INT(store_save_answer(st, iv->id, 1, &iv->q[1]), 0);
	back = store_load(st, iv->id);
	CHECK(back != NULL);
	CHECK(back->updated >= iv->updated);   /* an answer is an edit */
	iv->updated = back->updated;
	CHECK(iv_diff(iv, back) == NULL);
	interview_free(back);
	interview_free(iv);
	CHECK_SQL(path, "PRAGMA foreign_key_check", "");
	store_close(st);
	free(path);
}

/* Notes saved again and again, as the screen does every second while
 * typing: every save works and the last text is the one kept.  (What a
 * save costs is a figure of `make bench`, "autosave of a 10 KB note": a
 * time asserted here would fail on a busy machine, not on a slow store.) */
TEST(notes_save_repeated)
{
	char *path = tpath("repeat.db");
	CHECK_INT(make_db(path, 50), 0);
	store *st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	char text[64];
	for (int i = 0; i < 50; i++) {
		snprintf(text, sizeof text, "typing typing typing %d", i);
		CHECK_INT(store_save_notes(st, 25, 1, text), 0);
	}
	interview *iv = store_load(st, 25);
	CHECK(iv != NULL);
	CHECK_STR(iv->q[1].notes, "typing typing typing 49");
	interview_free(iv);
	store_close(st);
	free(path);
}

/* Text for a long note: lines of words (some longer than a chunk, with no
 * line break to cut at, one with no space either), å and 漢 among them;
 * the same text for the same seed. */
static void long_text(strbuf *sb, unsigned seed, size_t bytes)
{
	static const char *const words[] = { "avgång", "lön", "chef", "team", "漢字", "feedback",
					     "growth", "möjlighet", "onboarding", "x" };
	size_t line = 0;
	while (sb->len < bytes) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 16;
		if (r % 97 == 0) {
			for (int i = 0; i < 1500; i++)   /* 4500 bytes, no space */
				sb_puts(sb, "漢");
		} else {
			sb_puts(sb, words[r % EV_ARRAY_LEN(words)]);
		}
		/* most lines short, every seventh one long (about 5 KB) */
		line++;
		sb_putc(sb, (r % 13 == 0 && line % 7 != 0) || line % 400 == 0 ? '\n' : ' ');
	}
}

/* Save want into question 2 of interview id and check what is stored:
 * the text joined up from the chunks equals it, no chunk is empty or
 * longer than NOTE_CHUNK_MAX (3072), and the full-text index is whole. */
static int save_check(store *st, const char *path, int64_t id, const strbuf *want)
{
	if (store_save_notes(st, id, 1, sb_str((strbuf *)want)) != 0)
		return -1;
	interview *iv = store_load(st, id);
	int ok = iv && strcmp(iv->q[1].notes, sb_str((strbuf *)want)) == 0;
	interview_free(iv);
	char *bad = sqlite_out(path, "SELECT count(*) FROM note_chunks WHERE slot = 1 AND"
			       " (length(CAST(text AS BLOB)) NOT BETWEEN 1 AND 3072)");
	ok = ok && bad && strcmp(bad, "0") == 0;
	free(bad);
	char *sql = xasprintf("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')");
	ok = ok && sqlite_shell(path, NULL, sql) == 0;
	free(sql);
	return ok ? 0 : -1;
}

/* The chunks of the database that differ from those of the copy snap
 * (made by snapshot): *changed new or rewritten, *gone deleted. */
static int chunks_since(const char *path, const char *snap, int *changed, int *gone)
{
	char *sql = xasprintf("ATTACH '%s' AS m; SELECT (SELECT count(*) FROM m.note_chunks c"
			      " LEFT JOIN s USING (id) WHERE s.text IS NOT c.text) || ' ' ||"
			      " (SELECT count(*) FROM s WHERE id NOT IN (SELECT id FROM m.note_chunks))",
			      path);
	char *out = sqlite_out(snap, sql);
	free(sql);
	int rc = out && sscanf(out, "%d %d", changed, gone) == 2 ? 0 : -1;
	free(out);
	return rc;
}

static int snapshot(const char *path, const char *snap)
{
	unlink(snap);
	char *sql = xasprintf("ATTACH '%s' AS m; CREATE TABLE s AS SELECT id, text FROM m.note_chunks", path);
	int rc = sqlite_shell(snap, NULL, sql);
	free(sql);
	return rc;
}

/* A long note edited at its start, middle and end, grown and shrunk
 * across chunk boundaries, cut short, emptied and written again: what is
 * stored is every time the text saved, and an edit rewrites the chunks it
 * touched, not the note (store_notes.c, compared in place). */
TEST(notes_chunks_edit)
{
	char *path = tpath("chunks.db"), *snap = tpath("snap.db");
	CHECK_INT(make_db(path, 2), 0);
	store *st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	strbuf want = STRBUF_INIT, next = STRBUF_INIT;
	long_text(&want, 1, 200000);
	CHECK_INT(save_check(st, path, 2, &want), 0);
	char *n = sqlite_out(path, "SELECT count(*) FROM note_chunks WHERE interview_id = 2 AND slot = 1");
	CHECK(n && atoi(n) > 60);   /* about a hundred chunks */
	free(n);
	int changed, gone;

	/* the same text again: nothing is written */
	CHECK_INT(snapshot(path, snap), 0);
	CHECK_INT(save_check(st, path, 2, &want), 0);
	CHECK_INT(chunks_since(path, snap, &changed, &gone), 0);
	CHECK_INT(changed, 0);
	CHECK_INT(gone, 0);

	/* a word typed at the start, in the middle, at the end, and one
	 * taken out of the middle: one chunk (and its neighbour at most) */
	size_t at[] = { 0, 0, want.len / 2, want.len / 3, SIZE_MAX };
	for (size_t k = 0; k < EV_ARRAY_LEN(at); k++) {
		size_t p = at[k] == SIZE_MAX ? want.len : at[k];
		while (p > 0 && p < want.len && ((unsigned char)want.s[p] & 0xc0) == 0x80)
			p--;
		CHECK_INT(snapshot(path, snap), 0);
		sb_free(&next);
		sb_add(&next, want.s, p);
		if (k == 3) {   /* a deletion: ten characters */
			size_t q = p;
			for (int c = 0; c < 10 && q < want.len; c++)
				q = utf8_next(want.s, want.len, q);
			sb_add(&next, want.s + q, want.len - q);
		} else {
			sb_puts(&next, k == 1 ? "ändrat\n" : "typed ");
			sb_add(&next, want.s + p, want.len - p);
		}
		sb_free(&want);
		want = next;
		next = (strbuf)STRBUF_INIT;
		CHECK_INT(save_check(st, path, 2, &want), 0);
		CHECK_INT(chunks_since(path, snap, &changed, &gone), 0);
		CHECK(changed >= 1 && changed <= 2);
		CHECK_INT(gone, 0);
	}

	/* grown by 20 KB and shrunk by 30 KB in the middle, across chunk
	 * boundaries; each rewrites about what changed */
	CHECK_INT(snapshot(path, snap), 0);
	size_t mid = want.len / 2;
	while (((unsigned char)want.s[mid] & 0xc0) == 0x80)
		mid--;
	sb_add(&next, want.s, mid);
	long_text(&next, 7, mid + 20000);
	sb_add(&next, want.s + mid, want.len - mid);
	sb_free(&want);
	want = next;
	next = (strbuf)STRBUF_INIT;
	CHECK_INT(save_check(st, path, 2, &want), 0);
	CHECK_INT(chunks_since(path, snap, &changed, &gone), 0);
	CHECK(changed >= 7 && changed <= 14);
	CHECK(gone <= 1);

	CHECK_INT(snapshot(path, snap), 0);
	size_t a = want.len / 4, b = a + 30000;
	while (((unsigned char)want.s[a] & 0xc0) == 0x80)
		a--;
	while (((unsigned char)want.s[b] & 0xc0) == 0x80)
		b--;
	sb_add(&next, want.s, a);
	sb_add(&next, want.s + b, want.len - b);
	sb_free(&want);
	want = next;
	next = (strbuf)STRBUF_INIT;
	CHECK_INT(save_check(st, path, 2, &want), 0);
	CHECK_INT(chunks_since(path, snap, &changed, &gone), 0);
	CHECK(changed <= 2);
	CHECK(gone >= 10 && gone <= 20);

	/* every chunk changed (a line at the start of every line would do):
	 * here the whole text replaced by another of the same size */
	sb_free(&want);
	long_text(&want, 3, 200000);
	CHECK_INT(save_check(st, path, 2, &want), 0);
	/* cut short to one chunk and to a few words, emptied, written again */
	want.len = 2500;
	while (((unsigned char)want.s[want.len] & 0xc0) == 0x80)
		want.len--;
	want.s[want.len] = '\0';
	CHECK_INT(save_check(st, path, 2, &want), 0);
	want.len = 5;
	want.s[want.len] = '\0';
	CHECK_INT(save_check(st, path, 2, &want), 0);
	want.len = 0;
	want.s[0] = '\0';
	CHECK_INT(save_check(st, path, 2, &want), 0);
	n = sqlite_out(path, "SELECT count(*) FROM note_chunks WHERE interview_id = 2 AND slot = 1");
	CHECK_STR(n, "0");
	free(n);
	long_text(&want, 5, 50000);
	CHECK_INT(save_check(st, path, 2, &want), 0);

	/* the other interview's notes and the other slots are as they were */
	interview *iv = store_load(st, 1);
	CHECK(iv != NULL);
	CHECK(strncmp(iv->q[1].notes, "Anteckning 0/1/0. ", 18) == 0);
	interview_free(iv);
	iv = store_load(st, 2);
	CHECK(iv != NULL);
	CHECK(strncmp(iv->q[2].notes, "Anteckning 1/2/0. ", 18) == 0);
	interview_free(iv);
	sb_free(&want);
	sb_free(&next);
	store_close(st);
	free(path);
	free(snap);
}

/* A database of schema 3 (issue 6's layout, no versions) migrates to
 * schema 4 in one transaction with every text intact and every version 0;
 * reading it never writes it. */
TEST(migrate_v3)
{
	char *sql = fixture("v3.sql");
	CHECK(access(sql, R_OK) == 0);
	char *path = tpath("v3.db");
	CHECK_INT(sqlite_shell(path, sql, NULL), 0);
	CHECK_INT(get_be32(path, 60), 3);
	/* the fixture's long note: 6,000 times "åäö\n" */
	strbuf longnote = STRBUF_INIT;
	for (int i = 0; i < 6000; i++)
		sb_puts(&longnote, "åäö\n");

	/* every text the file holds, byte for byte, in a fixed order */
	const char *texts_sql = "SELECT hex(group_concat(t, x'00')) FROM ("
		"SELECT interview_id || '/' || slot || '/' || text AS t FROM notes"
		" UNION ALL SELECT interview_id || '/r/' || text FROM reports"
		" UNION ALL SELECT id || '/' || employee || role || department || manager"
		"  || interviewer || reason_primary || return_conditions || scale1 FROM interviews"
		" UNION ALL SELECT form || '/' || idx || title || prompt || hint FROM form_questions"
		" UNION ALL SELECT form || '/' || q_idx || '/' || idx || text FROM form_followups"
		" UNION ALL SELECT form || '/' || key || label FROM form_categories"
		" ORDER BY 1)";
	char *texts = sqlite_out(path, texts_sql);
	CHECK(texts != NULL && strlen(texts) > 2 * 24000);

	size_t len0, len1;
	char *before = slurp(path, &len0);
	store *st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	interview *iv = store_load(st, 3);
	CHECK(iv != NULL);
	CHECK_STR(iv->observations, sb_str(&longnote));
	CHECK_INT(iv->observations_version, 0);
	CHECK_INT(iv->details_version, 0);
	interview_free(iv);
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);

	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	iv = store_load(st, 1);
	CHECK(iv != NULL);
	check_fixture_interview(iv, "Högre lön\noch distans");
	if (unit_failed_now)
		return;
	CHECK_INT(iv->cur_slot, 2);
	CHECK_INT(iv->cur_offset, 17);
	CHECK_STR(iv->q[0].notes, "Lönen. \"Citat\" och ';DROP TABLE x;--\nrad två");
	CHECK_STR(iv->q[3].notes, "Inga råd");
	CHECK(iv->q[0].asked[0] && !iv->q[0].asked[1]);
	CHECK(iv->q[1].skipped);
	CHECK_INT(iv->q[2].rating, 5);
	CHECK_INT(iv->details_version, 0);
	CHECK_INT(iv->observations_version, 0);
	CHECK_INT(iv->actions_version, 0);
	for (int i = 0; i < iv->nquestions; i++) {
		CHECK_INT(iv->q[i].notes_version, 0);
		CHECK_INT(iv->q[i].answer_version, 0);
	}
	interview_free(iv);
	iv = store_load(st, 3);
	CHECK(iv != NULL);
	CHECK_STR(iv->observations, sb_str(&longnote));
	CHECK_STR(iv->actions, "");
	CHECK(iv->nacts == 1 && strcmp(iv->acts[0].text, "Ring tillbaka") == 0);
	CHECK_STR(iv->q[0].notes, " \n\t");
	interview_free(iv);
	char *rep = store_get_report(st, 2);
	CHECK_STR(rep ? rep : "(null)", "EXIT INTERVIEW\nEmployee: 山田 太郎\n");
	free(rep);
	/* every text byte for byte (the action notes, one line each here, are
	 * actions now), the new tables empty, the file sound */
	char *texts_v8 = xstrdup(texts_sql);
	char *from = strstr(texts_v8, "FROM notes");
	CHECK(from != NULL);
	*from = '\0';
	char *sql8 = xasprintf("%sFROM (SELECT interview_id, slot, text FROM " NOTES_OF " UNION ALL"
			       " SELECT interview_id, -2 AS slot, group_concat(text, char(10)) AS text"
			       " FROM actions GROUP BY interview_id)%s", texts_v8,
			       strstr(texts_sql, "FROM notes") + strlen("FROM notes"));
	CHECK_SQL(path, sql8, texts);
	free(sql8);
	free(texts_v8);
	free(texts);
	CHECK_SQL(path, "SELECT count(*) FROM " NOTES_OF, "6");
	CHECK_SQL(path, "SELECT count(*) FROM actions", "2");
	CHECK_SQL(path, "SELECT count(*) FROM note_versions", "0");
	CHECK_SQL(path, "SELECT count(*) FROM claims", "0");
	CHECK_SQL(path, "SELECT sum(details_version) FROM interviews", "0");
	CHECK_SQL(path, "SELECT sum(version) FROM questions", "0");
	CHECK_SQL(path, "PRAGMA integrity_check", "ok");
	CHECK_SQL(path, "PRAGMA foreign_key_check", "");
	/* and versioned saves work on it */
	store_conflict c;
	CHECK_INT(store_save_notes_v(st, 1, 3, "Inga råd alls", 0, &c), 0);
	CHECK_INT(c.version, 1);
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(st, 1, 3, "stale", 0, &c), 1);
	CHECK_STR(c.other_text, "Inga råd alls");
	store_conflict_free(&c);
	store_close(st);
	sb_free(&longnote);

	/* a migration that fails half-way (a table of that name is there)
	 * changes nothing: one transaction */
	char *clash = tpath("v3clash.db");
	CHECK_INT(sqlite_shell(clash, sql, NULL), 0);
	CHECK_INT(sqlite_shell(clash, NULL, "CREATE TABLE claims (x)"), 0);
	st = store_open(clash, STORE_WRITE, false);
	CHECK(st == NULL);
	CHECK(strstr(ev_lasterr(), "version 4") != NULL);
	CHECK_INT(get_be32(clash, 60), 3);
	CHECK_SQL(clash, "SELECT count(*) FROM pragma_table_info('interviews')"
		  " WHERE name = 'details_version'", "0");
	CHECK_SQL(clash, "SELECT count(*) FROM sqlite_schema WHERE name = 'note_versions'", "0");
	free(clash);
	free(sql);
	free(path);
}

/* Schema 5 (issue 12): a question marked private in its template stays
 * private in the interview as stored; the same text with other marks is
 * another form; a file of schema 4 reads in place (no question private)
 * and migrates. */
TEST(private_questions)
{
	char *path = tpath("private.db");
	template *t = make_template("priv", 4);
	t->question_private = xcalloc(4, sizeof *t->question_private);
	t->question_private[1] = t->question_private[3] = true;
	interview *marked = interview_new(t);
	free(t->question_private);
	t->question_private = NULL;
	interview *plain = interview_new(t);
	template_free(t);
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	if (!st)
		return;
	CHECK_INT(store_create(st, marked), 0);
	CHECK_INT(store_create(st, plain), 0);
	interview *iv = store_load(st, marked->id);
	CHECK(iv != NULL);
	if (iv) {
		CHECK(!iv->q[0].private && iv->q[1].private && !iv->q[2].private &&
		      iv->q[3].private);
		interview_free(iv);
	}
	iv = store_load(st, plain->id);
	CHECK(iv != NULL);
	if (iv) {
		for (int i = 0; i < 4; i++)
			CHECK(!iv->q[i].private);
		interview_free(iv);
	}
	store_close(st);
	CHECK_SQL(path, "SELECT count(*) FROM forms", "2");
	CHECK_SQL(path, "SELECT group_concat(idx) FROM form_questions WHERE private", "1,3");

	/* the same file as schema 4 wrote it */
	CHECK_INT(sqlite_shell(path, NULL, SCHEMA9_TO_8 " ALTER TABLE form_questions DROP COLUMN private;"
			       " ALTER TABLE form_questions DROP COLUMN no_rating;"
			       " DROP TABLE audit; DROP TABLE actions; PRAGMA user_version = 4"), 0);
	size_t len0, len1;
	char *before = slurp(path, &len0);
	st = store_open(path, STORE_READ, false);
	CHECK(st != NULL);
	iv = st ? store_load(st, marked->id) : NULL;
	CHECK(iv != NULL);
	if (iv) {
		CHECK_INT(iv->nquestions, 4);
		CHECK(!iv->q[1].private && !iv->q[3].private);
		interview_free(iv);
	}
	store_close(st);
	char *after = slurp(path, &len1);
	CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);
	st = store_open(path, STORE_WRITE, false);
	CHECK(st != NULL);
	CHECK_INT(get_be32(path, 60), SCHEMA_NOW);
	iv = st ? store_load(st, marked->id) : NULL;
	CHECK(iv != NULL);
	if (iv) {
		CHECK(!iv->q[1].private);
		interview_free(iv);
	}
	store_close(st);
	interview_free(marked);
	interview_free(plain);
	free(path);
}

/* A store with one interview of nq questions; its ID in *id. */
static char *one_interview(const char *name, int nq, int64_t *id)
{
	char *path = tpath(name);
	store *st = store_open(path, STORE_CREATE, false);
	interview *iv = new_iv("Åsa", nq);
	*id = st && store_create(st, iv) == 0 ? iv->id : -1;
	interview_free(iv);
	store_close(st);
	return path;
}

/* Two screens (two handles) on one interview: the second save based on an
 * old version is a conflict that writes nothing and hands back the other
 * text; a save based on the version it was told writes. */
TEST(notes_conflict_keeps_both)
{
	int64_t id;
	char *path = one_interview("nc.db", 3, &id);
	store *a = store_open(path, STORE_WRITE, false), *b = store_open(path, STORE_WRITE, false);
	CHECK(a && b && id > 0);
	interview *ia = store_load(a, id), *ib = store_load(b, id);
	CHECK(ia && ib);
	CHECK_INT(ia->q[0].notes_version, 0);

	store_conflict c;
	CHECK_INT(store_save_notes_v(b, id, 0, "B's words", ib->q[0].notes_version, &c), 0);
	CHECK_INT(c.version, 1);
	CHECK(c.other_text == NULL);
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(a, id, 0, "A's words", ia->q[0].notes_version, &c), 1);
	CHECK_STR(c.other_text, "B's words");
	CHECK_INT(c.version, 1);
	CHECK_SQL(path, "SELECT text FROM " NOTES_OF " WHERE slot = 0", "B's words");
	CHECK_SQL(path, "SELECT version FROM note_versions WHERE slot = 0", "1");
	/* A keeps both, based on what it was told */
	int64_t told = c.version;
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(a, id, 0, "B's words\nA's words", told, &c), 0);
	CHECK_INT(c.version, 2);
	store_conflict_free(&c);
	/* B, still at 1: a conflict, unless it saves what is stored */
	CHECK_INT(store_save_notes_v(b, id, 0, "B again", 1, &c), 1);
	CHECK_STR(c.other_text, "B's words\nA's words");
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(b, id, 0, "B's words\nA's words", 1, &c), 0);
	CHECK_INT(c.version, 2);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT version FROM note_versions WHERE slot = 0", "2");

	/* an emptied slot keeps its version (never back to 0), and a save
	 * over an empty text loses no word: not a conflict */
	CHECK_INT(store_save_notes_v(b, id, 0, "", 2, &c), 0);
	CHECK_INT(c.version, 3);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT count(*) FROM " NOTES_OF " WHERE slot = 0", "0");
	CHECK_SQL(path, "SELECT version FROM note_versions WHERE slot = 0", "3");
	CHECK_INT(store_save_notes_v(a, id, 0, "A after the clear", 2, &c), 0);
	CHECK_INT(c.version, 4);
	store_conflict_free(&c);

	/* the observations and action items likewise */
	CHECK_INT(store_save_notes_v(b, id, IV_SLOT_OBSERVATIONS, "B saw", 0, NULL), 0);
	CHECK_INT(store_save_notes_v(a, id, IV_SLOT_OBSERVATIONS, "A saw", 0, &c), 1);
	CHECK_STR(c.other_text, "B saw");
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(b, id, IV_SLOT_ACTIONS, "B acts", 0, NULL), 0);
	CHECK_INT(store_save_notes_v(a, id, IV_SLOT_ACTIONS, "A acts", 0, &c), 1);
	CHECK_STR(c.other_text, "B acts");
	store_conflict_free(&c);

	/* the unversioned save writes and raises the version */
	CHECK_INT(store_save_notes(b, id, 1, "plain"), 0);
	CHECK_INT(store_save_notes_v(a, id, 1, "A on q2", 0, &c), 1);
	CHECK_STR(c.other_text, "plain");
	store_conflict_free(&c);

	/* loading gives every version as stored */
	interview *again = store_load(a, id);
	CHECK(again != NULL);
	CHECK_STR(again->q[0].notes, "A after the clear");
	CHECK_INT(again->q[0].notes_version, 4);
	CHECK_INT(again->q[1].notes_version, 1);
	CHECK_INT(again->q[2].notes_version, 0);
	CHECK_INT(again->observations_version, 1);
	CHECK_INT(again->actions_version, 1);
	CHECK(*store_notes_version(again, IV_SLOT_ACTIONS) == 1);
	CHECK(store_notes_version(again, 3) == NULL);
	CHECK(store_notes_version(again, IV_SLOT_MIN - 1) == NULL);
	interview_free(again);

	/* errors write nothing and say why */
	CHECK_INT(store_save_notes_v(a, id, 7, "x", 0, &c), -1);
	CHECK(strstr(ev_lasterr(), "no question 8") != NULL);
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(a, id, IV_SLOT_MIN - 1, "x", 0, &c), -1);
	CHECK_INT(store_save_notes_v(a, id + 1, 0, "x", 0, &c), -1);
	CHECK(strstr(ev_lasterr(), "no interview") != NULL);
	CHECK_INT(store_close_interview(b, id, time(NULL), "r"), 0);
	CHECK_INT(store_save_notes_v(a, id, 0, "x", 4, &c), -1);
	CHECK(strstr(ev_lasterr(), "closed") != NULL);
	CHECK_SQL(path, "SELECT text FROM " NOTES_OF " WHERE slot = 0", "A after the clear");

	interview_free(ia);
	interview_free(ib);
	store_close(a);
	store_close(b);
	free(path);
}

/* The details row: a conflict names the fields that differ and gives the
 * stored interview; nothing of the stale copy is written. */
TEST(details_conflict)
{
	int64_t id;
	char *path = one_interview("dc.db", 2, &id);
	store *a = store_open(path, STORE_WRITE, false), *b = store_open(path, STORE_WRITE, false);
	CHECK(a && b && id > 0);
	interview *ia = store_load(a, id), *ib = store_load(b, id);
	CHECK(ia && ib);
	CHECK_INT(ia->details_version, 0);

	/* B (e.g. exitview set) changes the role */
	CHECK_INT(interview_set_field(ib, "role", "Chef"), 0);
	store_conflict c;
	CHECK_INT(store_save_details_v(b, ib, ib->details_version, &c), 0);
	CHECK_INT(c.version, 1);
	store_conflict_free(&c);
	/* A's form, loaded before, changes the last day */
	CHECK_INT(interview_set_field(ia, "last-day", "2025-06-30"), 0);
	CHECK_INT(store_save_details_v(a, ia, ia->details_version, &c), 1);
	CHECK_INT(c.version, 1);
	CHECK_STR(c.fields, "role last-day");
	CHECK(c.other != NULL);
	CHECK_STR(c.other->role, "Chef");
	CHECK_STR(c.other->last_day, "");
	CHECK_SQL(path, "SELECT role || '|' || last_day || '|' || details_version FROM interviews",
		  "Chef||1");
	/* A keeps both: the other's role, its own last day */
	str_set(&ia->role, c.other->role);
	int64_t told = c.version;
	store_conflict_free(&c);
	CHECK_INT(store_save_details_v(a, ia, told, &c), 0);
	CHECK_INT(c.version, 2);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT role || '|' || last_day || '|' || details_version FROM interviews",
		  "Chef|2025-06-30|2");
	/* saving what is stored, from any version, is no conflict and no write */
	CHECK_INT(store_save_details_v(b, ia, 0, &c), 0);
	CHECK_INT(c.version, 2);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT details_version FROM interviews", "2");
	/* the unversioned save raises the version too */
	CHECK_INT(interview_set_field(ib, "employee", "Bo"), 0);
	CHECK_INT(store_save_details(b, ib), 0);
	CHECK_SQL(path, "SELECT employee || '|' || last_day || '|' || details_version FROM interviews",
		  "Bo||3");
	interview *again = store_load(a, id);
	CHECK(again != NULL);
	CHECK_INT(again->details_version, 3);
	interview_free(again);

	interview_free(ia);
	interview_free(ib);
	store_close(a);
	store_close(b);
	free(path);
}

/* Answers: a version per question row. */
TEST(answer_conflict)
{
	int64_t id;
	char *path = one_interview("ac.db", 3, &id);
	store *a = store_open(path, STORE_WRITE, false), *b = store_open(path, STORE_WRITE, false);
	CHECK(a && b && id > 0);
	interview *ia = store_load(a, id), *ib = store_load(b, id);
	CHECK(ia && ib);
	CHECK_INT(ib->q[2].nfollowups, 2);

	ib->q[2].rating = 4;
	store_conflict c;
	CHECK_INT(store_save_answer_v(b, id, 2, &ib->q[2], ib->q[2].answer_version, &c), 0);
	CHECK_INT(c.version, 1);
	store_conflict_free(&c);
	ia->q[2].skipped = true;
	ia->q[2].asked[1] = true;
	CHECK_INT(store_save_answer_v(a, id, 2, &ia->q[2], ia->q[2].answer_version, &c), 1);
	CHECK_STR(c.fields, "rating skipped asked");
	CHECK(c.other != NULL);
	CHECK_INT(c.other->q[2].rating, 4);
	CHECK(!c.other->q[2].skipped);
	CHECK_SQL(path, "SELECT rating || skipped || asked || version FROM questions WHERE idx = 2",
		  "4001");
	/* another question is another version: no conflict */
	int64_t told = c.version;
	store_conflict_free(&c);
	ia->q[0].rating = 1;
	CHECK_INT(store_save_answer_v(a, id, 0, &ia->q[0], ia->q[0].answer_version, &c), 0);
	store_conflict_free(&c);
	/* A merges: the other's rating, its own skip and follow-up */
	ia->q[2].rating = 4;
	CHECK_INT(store_save_answer_v(a, id, 2, &ia->q[2], told, &c), 0);
	CHECK_INT(c.version, 2);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT rating || skipped || asked || version FROM questions WHERE idx = 2",
		  "4122");
	CHECK_SQL(path, "SELECT answered FROM interviews", "0");   /* ratings without notes */
	interview *again = store_load(b, id);
	CHECK(again != NULL);
	CHECK_INT(again->q[2].answer_version, 2);
	CHECK_INT(again->q[0].answer_version, 1);
	CHECK_INT(again->q[1].answer_version, 0);
	interview_free(again);
	ia->q[1].rating = 9;
	CHECK_INT(store_save_answer_v(a, id, 1, &ia->q[1], 0, &c), -1);
	CHECK(strstr(ev_lasterr(), "out of range") != NULL);
	store_conflict_free(&c);

	interview_free(ia);
	interview_free(ib);
	store_close(a);
	store_close(b);
	free(path);
}

/* note --append while a screen holds the slot: the append is made in one
 * transaction on what is stored, and the screen's next save (based on the
 * version it loaded) is a conflict that leaves the appended line. */
TEST(append_while_screen_open)
{
	int64_t id;
	char *path = one_interview("ap.db", 2, &id);
	store *scr = store_open(path, STORE_WRITE, false), *cli = store_open(path, STORE_WRITE, false);
	CHECK(scr && cli && id > 0);
	CHECK_INT(store_save_notes(cli, id, 0, "first"), 0);
	interview *iv = store_load(scr, id);
	CHECK(iv != NULL);
	CHECK_STR(iv->q[0].notes, "first");
	int64_t base = iv->q[0].notes_version;
	CHECK_INT(base, 1);

	int64_t v = 0;
	CHECK_INT(store_append_notes(cli, id, 0, "appended by a script", &v), 0);
	CHECK_INT(v, 2);
	CHECK_SQL(path, "SELECT text FROM " NOTES_OF " WHERE slot = 0", "first\nappended by a script");
	/* the screen typed on meanwhile */
	store_conflict c;
	CHECK_INT(store_save_notes_v(scr, id, 0, "first, and what was typed", base, &c), 1);
	CHECK_STR(c.other_text, "first\nappended by a script");
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT text FROM " NOTES_OF " WHERE slot = 0", "first\nappended by a script");
	/* appending to an empty slot or after a newline adds no blank line */
	CHECK_INT(store_append_notes(cli, id, 1, "one\n", NULL), 0);
	CHECK_INT(store_append_notes(cli, id, 1, "two", NULL), 0);
	CHECK_INT(store_append_notes(cli, id, IV_SLOT_ACTIONS, "act", NULL), 0);
	CHECK_SQL(path, "SELECT group_concat(text, '|') FROM (SELECT text FROM " NOTES_OF " WHERE slot <> 0"
		  " ORDER BY slot)", "act|one\ntwo");
	CHECK_INT(store_append_notes(cli, id, 5, "x", NULL), -1);

	interview_free(iv);
	store_close(scr);
	store_close(cli);
	free(path);
}

/* note N (replace) while a screen holds a long note: it replaces and raises
 * the version, so the screen's save is a conflict, not an overwrite, and
 * the screen can keep both. */
TEST(replace_while_screen_open)
{
	int64_t id;
	char *path = one_interview("rp.db", 2, &id);
	store *scr = store_open(path, STORE_WRITE, false), *cli = store_open(path, STORE_WRITE, false);
	CHECK(scr && cli && id > 0);
	strbuf big = STRBUF_INIT;
	sb_pad(&big, 'w', 60000);
	CHECK_INT(store_save_notes(scr, id, 0, sb_str(&big)), 0);
	interview *iv = store_load(scr, id);
	CHECK(iv != NULL);
	CHECK_INT(strlen(iv->q[0].notes), 60000);

	CHECK_INT(store_save_notes(cli, id, 0, "x"), 0);
	store_conflict c;
	CHECK_INT(store_save_notes_v(scr, id, 0, sb_str(&big), iv->q[0].notes_version, &c), 1);
	CHECK_STR(c.other_text, "x");
	CHECK_SQL(path, "SELECT text FROM " NOTES_OF " WHERE slot = 0", "x");
	/* the screen keeps both */
	strbuf both = STRBUF_INIT;
	sb_puts(&both, c.other_text);
	sb_putc(&both, '\n');
	sb_puts(&both, sb_str(&big));
	int64_t told = c.version;
	store_conflict_free(&c);
	CHECK_INT(store_save_notes_v(scr, id, 0, sb_str(&both), told, &c), 0);
	store_conflict_free(&c);
	CHECK_SQL(path, "SELECT length(text) FROM " NOTES_OF " WHERE slot = 0", "60002");

	sb_free(&both);
	sb_free(&big);
	interview_free(iv);
	store_close(scr);
	store_close(cli);
	free(path);
}

/* store_update (exitview set): details and answers in one transaction; a
 * failure in the answers after the details were written leaves nothing. */
static int set_good_then_bad(interview *iv, void *arg)
{
	(void)arg;
	str_set(&iv->employee, "Changed");
	iv->q[0].rating = 3;
	iv->q[1].rating = 9;      /* refused when the answers are written */
	return 0;
}

static int set_good(interview *iv, void *arg)
{
	(void)arg;
	str_set(&iv->department, "Sälj");
	iv->q[1].skipped = true;
	return 0;
}

static int set_refuse(interview *iv, void *arg)
{
	str_set(&iv->employee, "Never");
	return *(int *)arg;
}

TEST(update_one_transaction)
{
	int64_t id;
	char *path = one_interview("up.db", 3, &id);
	store *st = store_open(path, STORE_WRITE, false);
	CHECK(st && id > 0);
	CHECK_INT(store_update(st, id, set_good_then_bad, NULL), -1);
	CHECK(strstr(ev_lasterr(), "out of range") != NULL);
	CHECK_SQL(path, "SELECT employee || '|' || details_version FROM interviews", "Åsa|0");
	CHECK_SQL(path, "SELECT group_concat(rating || version) FROM questions", "00,00,00");

	CHECK_INT(store_update(st, id, set_good, NULL), 0);
	CHECK_SQL(path, "SELECT department || '|' || details_version FROM interviews", "Sälj|1");
	/* only the question that changed gets a new version */
	CHECK_SQL(path, "SELECT group_concat(skipped || version) FROM questions", "00,11,00");
	/* the same again changes nothing: no new versions */
	CHECK_INT(store_update(st, id, set_good, NULL), 0);
	CHECK_SQL(path, "SELECT details_version FROM interviews", "1");
	CHECK_SQL(path, "SELECT group_concat(skipped || version) FROM questions", "00,11,00");

	int two = 2;
	CHECK_INT(store_update(st, id, set_refuse, &two), 2);
	CHECK_SQL(path, "SELECT employee FROM interviews", "Åsa");
	CHECK_INT(store_update(st, id + 1, set_good, NULL), -1);
	CHECK(strstr(ev_lasterr(), "no interview") != NULL);
	CHECK_INT(store_close_interview(st, id, time(NULL), "r"), 0);
	CHECK_INT(store_update(st, id, set_good, NULL), -1);
	CHECK(strstr(ev_lasterr(), "closed") != NULL);
	store_close(st);
	free(path);
}

static void my_hostname(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		buf[0] = '\0';
	buf[size - 1] = '\0';
}

/* Claims: two screens (handles) on one interview; a claim without a
 * heartbeat for more than 2 minutes is taken over.  The clock is set. */
TEST(claims_heartbeat)
{
	int64_t id;
	char *path = one_interview("cl.db", 1, &id);
	store *a = store_open(path, STORE_WRITE, false), *b = store_open(path, STORE_WRITE, false);
	CHECK(a && b && id > 0);
	char host[256];
	my_hostname(host, sizeof host);
	const int64_t t = 1800000000;
	store_claim_info o;

	store_set_now(a, t);
	CHECK_INT(store_claim(a, id, &o), 0);
	CHECK_INT(o.others, 0);
	store_set_now(b, t + 60);
	CHECK_INT(store_claim(b, id, &o), 1);
	CHECK_INT(o.others, 1);
	CHECK_STR(o.host, host);
	CHECK_INT(o.pid, getpid());
	CHECK(o.user[0] != '\0');
	CHECK_INT(o.since, t);
	CHECK_INT(o.heartbeat, t);
	/* A's heartbeat keeps its claim, and tells it B is there */
	store_set_now(a, t + 100);
	CHECK_INT(store_heartbeat(a, id, &o), 1);
	CHECK_INT(o.since, t + 60);
	/* 119 s after A's heartbeat it is live, 121 s after it is stale */
	store_set_now(b, t + 219);
	CHECK_INT(store_heartbeat(b, id, &o), 1);
	CHECK_INT(o.heartbeat, t + 100);
	CHECK_INT(o.since, t);
	store_set_now(b, t + 221);
	CHECK_INT(store_heartbeat(b, id, &o), 0);
	CHECK_SQL(path, "SELECT count(*) FROM claims", "1");
	/* A, back from its hang, claims again and is told of B */
	store_set_now(a, t + 222);
	CHECK_INT(store_heartbeat(a, id, &o), 1);
	CHECK_INT(o.heartbeat, t + 221);
	CHECK_SQL(path, "SELECT count(*) FROM claims", "2");
	CHECK_INT(store_release(a, id), 0);
	store_set_now(b, t + 230);
	CHECK_INT(store_heartbeat(b, id, &o), 0);
	CHECK_INT(store_release(b, id), 0);
	CHECK_SQL(path, "SELECT count(*) FROM claims", "0");
	CHECK_INT(store_release(b, id), 0);     /* twice: nothing to do */

	CHECK_INT(store_claim(a, id + 1, &o), -1);
	CHECK(strstr(ev_lasterr(), "no interview") != NULL);
	store_close(a);
	store_close(b);
	store *r = store_open(path, STORE_READ, false);
	CHECK(r != NULL);
	CHECK_INT(store_claim(r, id, &o), -1);
	store_close(r);
	free(path);
}

/* A claim made on this host by a process that is gone is stale at once;
 * the same pid from another host is not (it cannot be checked there) until
 * its heartbeat is old. */
TEST(claims_dead_pid)
{
	int64_t id;
	char *path = one_interview("cd.db", 1, &id);
	store *st = store_open(path, STORE_WRITE, false);
	CHECK(st && id > 0);
	fflush(stdout);
	pid_t dead = fork();
	CHECK(dead >= 0);
	if (dead == 0)
		_exit(0);
	int status;
	CHECK(waitpid(dead, &status, 0) == dead);
	char host[256];
	my_hostname(host, sizeof host);
	const int64_t t = 1800000000;
	store_set_now(st, t);

	char *sql = xasprintf("INSERT INTO claims VALUES (%lld, 'gone', '%s', %ld, 'ghost', %lld, %lld)",
			      (long long)id, host, (long)dead, (long long)t, (long long)t);
	CHECK_INT(sqlite_shell(path, NULL, sql), 0);
	free(sql);
	store_claim_info o;
	CHECK_INT(store_claim(st, id, &o), 0);
	CHECK_SQL(path, "SELECT count(*) FROM claims WHERE token = 'gone'", "0");

	sql = xasprintf("INSERT INTO claims VALUES (%lld, 'far', 'elsewhere.example', %ld, 'ghost',"
			" %lld, %lld)", (long long)id, (long)dead, (long long)t - 5, (long long)t);
	CHECK_INT(sqlite_shell(path, NULL, sql), 0);
	free(sql);
	CHECK_INT(store_heartbeat(st, id, &o), 1);
	CHECK_STR(o.host, "elsewhere.example");
	CHECK_STR(o.user, "ghost");
	CHECK_INT(o.pid, dead);
	CHECK_INT(o.since, t - 5);
	store_set_now(st, t + 121);
	CHECK_INT(store_heartbeat(st, id, &o), 0);
	CHECK_SQL(path, "SELECT count(*) FROM claims", "1");
	store_close(st);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-store-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		printf("FAIL setup: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	RUN(create_modes);
	RUN(roundtrip_every_field);
	RUN(small_writes);
	RUN(close_reopen_report);
	RUN(finish_close_report);
	RUN(list_and_count);
	RUN(counts_kept);
	RUN(list_next_pages);
	RUN(foreach_ranges);
	RUN(migrate_v1);
	RUN(migrate_v2);
	RUN(migrate_v3);
	RUN(read_old_in_place);
	RUN(migrate_fails_whole);
	RUN(answered_kept);
	RUN(forms_shared);
	RUN(large_damage_on_read);
	RUN(refuse_not_sqlite);
	RUN(refuse_truncated);
	RUN(refuse_corrupted_page);
	RUN(refuse_newer_and_foreign);
	RUN(refuse_links_and_modes);
	RUN(modes_and_shared);
	RUN(empty_file);
	RUN(read_mode_never_writes);
	RUN(refuse_read_only);
	RUN(two_writers);
	RUN(notes_conflict_keeps_both);
	RUN(details_conflict);
	RUN(answer_conflict);
	RUN(append_while_screen_open);
	RUN(replace_while_screen_open);
	RUN(update_one_transaction);
	RUN(claims_heartbeat);
	RUN(claims_dead_pid);
	RUN(notes_save_repeated);
	RUN(notes_chunks_edit);
	RUN(private_questions);
	RUN(guide_parts);
	char *cmd = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", tmpdir, tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return unit_done();
}
