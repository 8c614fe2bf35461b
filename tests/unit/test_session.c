/* test_session.c — the saving policy of an interview being held, on a
 * fake clock and without a terminal: when notes are saved (a pause, steady
 * typing, a switch of part), what the status line shows of it (calm
 * while typing goes on), the position at most every 10 s, a failed
 * save kept and retried each second, another writer's text kept beside
 * ours, another screen reported at the heartbeat, recovery files written
 * when the database refuses and restored later, a closed interview left
 * alone, and every text given back at the end. */
#include "exitview/session.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/template.h"
#include "exitview/util.h"
#include "unit.h"

static char tmpdir[64];
static int counter;
static long long fake_now = 1000000;
static settings cfg;
static char notices[4096];
static int nnotices;

static long long fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

static void on_notice(void *arg, bool error, const char *msg)
{
	(void)arg;
	nnotices++;
	snprintf(notices + strlen(notices), sizeof notices - strlen(notices), "[%s%s]", error ? "!" : "", msg);
}

typedef struct fixture {
	char *path;
	store *st;
	interview *iv;
	session *s;
} fixture;

static template *make_template(int nq)
{
	template *t = xcalloc(1, sizeof *t);
	t->name = xstrdup("standard");
	t->title = xstrdup("Standard");
	t->language = xstrdup("en");
	t->description = xstrdup("");
	t->source = xstrdup("test");
	t->nquestions = nq;
	t->questions = xcalloc((size_t)nq, sizeof *t->questions);
	for (int i = 0; i < nq; i++) {
		t->questions[i].title = xasprintf("Question %d", i + 1);
		t->questions[i].prompt = xasprintf("Why %d?", i + 1);
		t->questions[i].hint = xstrdup("");
		t->questions[i].nfollowups = 1;
		t->questions[i].followups = xcalloc(1, sizeof(char *));
		t->questions[i].followups[0] = xstrdup("And then?");
	}
	for (int i = 0; i < TPL_SCALE; i++)
		t->scale[i] = xasprintf("level %d", i + 1);
	return t;
}

/* A fresh database with one interview, and a session on it at t0. */
static bool fx_open(fixture *f, const char *notes0)
{
	memset(f, 0, sizeof *f);
	f->path = xasprintf("%s/%d.db", tmpdir, ++counter);
	f->st = store_open(f->path, STORE_CREATE, false);
	if (!f->st)
		return false;
	template *t = make_template(3);
	interview *iv = interview_new(t);
	template_free(t);
	str_set(&iv->employee, "Vera Session");
	if (notes0)
		str_set(&iv->q[0].notes, notes0);
	if (store_create(f->st, iv) != 0)
		return false;
	int64_t id = iv->id;
	interview_free(iv);
	f->iv = store_load(f->st, id);
	if (!f->iv)
		return false;
	notices[0] = '\0';
	nnotices = 0;
	f->s = session_open(f->st, &cfg, f->iv, fake_clock, NULL);
	session_on_notice(f->s, on_notice, NULL);
	return true;
}

static void fx_close(fixture *f)
{
	if (f->s)
		session_close(f->s, false, NULL);
	interview_free(f->iv);
	store_close(f->st);
	free(f->path);
}

/* What another handle reads of question q's notes (malloc'd). */
static char *stored_notes(const fixture *f, int q)
{
	store *other = store_open(f->path, STORE_WRITE, false);
	if (!other)
		return xstrdup("(cannot open)");
	interview *iv = store_load(other, f->iv->id);
	char *n = xstrdup(iv ? iv->q[q].notes : "(cannot load)");
	interview_free(iv);
	store_close(other);
	return n;
}

static interview *stored(const fixture *f)
{
	store *other = store_open(f->path, STORE_WRITE, false);
	interview *iv = other ? store_load(other, f->iv->id) : NULL;
	store_close(other);
	return iv;
}

static void type(session *s, const char *text)
{
	tb_insert(s->tb, text, strlen(text));
	session_edited(s);
}

/* Writes of this process past `bytes` into any file fail (EFBIG), as on
 * a full disk; 0 lifts the limit. */
static void limit_files(rlim_t bytes)
{
	struct rlimit rl;
	getrlimit(RLIMIT_FSIZE, &rl);
	rl.rlim_cur = bytes ? bytes : rl.rlim_max;
	setrlimit(RLIMIT_FSIZE, &rl);
}

TEST(saved_after_a_pause)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	type(f.s, "Lönen");
	CHECK_INT(session_state(f.s), SESSION_PENDING);
	CHECK_INT(session_due(f.s), 5000);
	fake_now += 4999;
	session_tick(f.s);
	char *n = stored_notes(&f, 0);
	CHECK_STR(n, "");
	free(n);
	CHECK_INT(session_state(f.s), SESSION_PENDING);
	fake_now += 1;
	session_tick(f.s);
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	n = stored_notes(&f, 0);
	CHECK_STR(n, "Lönen");
	free(n);
	/* the interview holds a stand-in while the text is in the buffer */
	CHECK_STR(f.iv->q[0].notes, "x");
	CHECK(session_take_changes(f.s) & SESSION_CH_MARKS);
	fx_close(&f);
}

TEST(steady_typing_saved_within_the_pause)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	long long start = fake_now;
	char *n = NULL;
	for (int i = 0; i < 12; i++) {   /* a key every 900 ms: never a pause */
		type(f.s, "a");
		fake_now += 900;
		session_tick(f.s);
		free(n);
		n = stored_notes(&f, 0);
		if (*n)
			break;
	}
	CHECK(*n);
	CHECK(fake_now - start <= 5000 + 900);
	CHECK(fake_now - start >= 5000);
	free(n);
	fx_close(&f);
}

/* The status line while typing: nothing changes on it while typing goes
 * on (the steady autosave included), "saved" once it pauses and is saved,
 * "saving…" only for a late save, "saved" at once after a switch. */
TEST(status_calm_while_typing)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);   /* nothing unsaved at the start */
	int quiet_seen = 0, other_seen = 0, saves = 0;
	/* a key every 270 ms for 27 s: the steady autosaves (every 5 s) and
	 * the position's saves (every 10 s) fall on different ticks */
	for (int i = 0; i < 100; i++) {
		type(f.s, "a");
		for (int k = 0; k < 5; k++) {   /* the screen's ticks meanwhile */
			fake_now += 54;
			bool pending = session_state(f.s) == SESSION_PENDING;
			session_tick(f.s);
			saves += pending && session_state(f.s) == SESSION_SAVED;
			if (session_shown(f.s) == SHOWN_QUIET)
				quiet_seen++;
			else
				other_seen++;
		}
	}
	CHECK_INT(other_seen, 0);
	CHECK_INT(quiet_seen, 500);
	CHECK(saves >= 4);   /* the steady autosave every 5 s did happen */
	char *n = stored_notes(&f, 0);
	CHECK(strlen(n) >= 20);
	free(n);
	/* the pause: the screen sleeps until session_due(); "saved" shows a
	 * pause (5 s) after the last key, and only once it is true */
	long long last_key = fake_now - 270;
	int wakes = 0;
	while (session_shown(f.s) != SHOWN_SAVED && wakes < 10) {
		long long due = session_due(f.s);
		CHECK(due > 0 && due <= 5000);
		fake_now += due;
		session_tick(f.s);
		wakes++;
		CHECK(session_shown(f.s) != SHOWN_LATE);
	}
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK_INT(fake_now - last_key, 5000);
	CHECK(wakes <= 2);
	n = stored_notes(&f, 0);
	CHECK_INT(strlen(n), 100);
	free(n);
	/* the steady autosave took everything, then typing paused: "saved"
	 * shows by the clock alone, when session_due() says */
	type(f.s, "b");
	fake_now += 5000;
	session_tick(f.s);   /* the steady save of "b" at first_edit + 5 s ... */
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);   /* ... which is also a pause */
	type(f.s, "c");
	fake_now += 4000;
	type(f.s, "d");
	fake_now += 1000;
	session_tick(f.s);   /* steady: "d" was typed a second ago */
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK_INT(session_shown(f.s), SHOWN_QUIET);
	CHECK_INT(session_due(f.s), 4000);
	fake_now += 3999;
	CHECK_INT(session_shown(f.s), SHOWN_QUIET);
	fake_now += 1;
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);
	/* a save that is late (the screen could not tick): "saving…" */
	type(f.s, "e");
	CHECK_INT(session_shown(f.s), SHOWN_QUIET);
	fake_now += 5000 + SESSION_LATE_MS - 1;
	CHECK_INT(session_shown(f.s), SHOWN_QUIET);
	fake_now += 1;
	CHECK_INT(session_shown(f.s), SHOWN_LATE);
	session_tick(f.s);
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);
	/* a switch right after typing saves and says so at once */
	type(f.s, "f");
	fake_now += 200;
	session_switch_row(f.s, f.s->row + 1);
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK_INT(session_shown(f.s), SHOWN_SAVED);
	fx_close(&f);
}

/* The opening and closing checklists are parts: first and after the
 * questions; an item marked is saved at once, their notes like any. */
TEST(checklists_are_parts)
{
	fixture f;
	memset(&f, 0, sizeof f);
	f.path = xasprintf("%s/%d.db", tmpdir, ++counter);
	f.st = store_open(f.path, STORE_CREATE, false);
	CHECK(f.st != NULL);
	template *t = make_template(2);
	t->opening.title = xstrdup("Opening");
	t->opening.nitems = 2;
	t->opening.items = xcalloc(2, sizeof(char *));
	t->opening.items[0] = xstrdup("Purpose");
	t->opening.items[1] = xstrdup("Confidentiality");
	t->closing.title = xstrdup("Closing");
	t->closing.nitems = 1;
	t->closing.items = xcalloc(1, sizeof(char *));
	t->closing.items[0] = xstrdup("Thanks");
	interview *iv = interview_new(t);
	template_free(t);
	CHECK_INT(store_create(f.st, iv), 0);
	f.iv = store_load(f.st, iv->id);
	interview_free(iv);
	CHECK(f.iv != NULL);
	f.s = session_open(f.st, &cfg, f.iv, fake_clock, NULL);
	/* opening, preparation, 2 questions, closing, observations, actions */
	CHECK_INT(f.s->nrows, 7);
	CHECK_INT(f.s->row, 2);   /* a new interview opens on question 1 */
	CHECK_INT(session_slot_of(f.s, 0), IV_SLOT_OPENING);
	CHECK_INT(session_slot_of(f.s, 1), IV_SLOT_PREPARATION);
	CHECK_INT(session_slot_of(f.s, 4), IV_SLOT_CLOSING);
	CHECK_INT(session_slot_of(f.s, 5), IV_SLOT_OBSERVATIONS);
	CHECK(!session_is_question(f.s, 0) && session_is_question(f.s, 3));
	for (int r = 0; r < f.s->nrows; r++)
		CHECK_INT(session_row_of(f.s, session_slot_of(f.s, r)), r);
	session_switch_row(f.s, 0);
	f.iv->opening.asked[1] = true;
	session_answer_changed(f.s, IV_SLOT_OPENING);
	type(f.s, "said so");
	session_switch_row(f.s, 1);
	type(f.s, "read the letter");
	CHECK(session_flush(f.s) == 0);
	interview *o = stored(&f);
	CHECK(o != NULL);
	if (o) {
		CHECK(!o->opening.asked[0] && o->opening.asked[1]);
		CHECK_STR(o->opening.notes, "said so");
		CHECK_STR(o->preparation, "read the letter");
		interview_free(o);
	}
	fx_close(&f);
}

TEST(switching_part_saves_at_once)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	type(f.s, "first part");
	session_switch_row(f.s, session_row_of(f.s, 1));
	char *n = stored_notes(&f, 0);
	CHECK_STR(n, "first part");
	free(n);
	CHECK_STR(f.iv->q[0].notes, "first part");   /* given back when left */
	CHECK_INT(f.s->row, session_row_of(f.s, 1));
	interview *o = stored(&f);
	CHECK(o);
	CHECK_INT(o->cur_slot, 1);
	interview_free(o);
	/* the observations and the action items are parts too */
	session_switch_row(f.s, f.s->nrows - 1);
	type(f.s, "call the manager");
	CHECK(session_flush(f.s) == 0);
	o = stored(&f);
	CHECK_STR(o->actions, "call the manager");
	interview_free(o);
	char noun[32];
	CHECK_STR(session_row_noun(f.s, session_row_of(f.s, 2), noun, sizeof noun), "question 3");
	CHECK_STR(session_row_noun(f.s, session_row_of(f.s, IV_SLOT_OBSERVATIONS), noun, sizeof noun),
		  "observations");
	/* the preparation comes before the first question */
	CHECK_INT(session_slot_of(f.s, session_row_of(f.s, 0) - 1), IV_SLOT_PREPARATION);
	CHECK_STR(session_row_noun(f.s, 0, noun, sizeof noun), "preparation");
	fx_close(&f);
}

TEST(position_saved_at_most_every_ten_seconds)
{
	fixture f;
	CHECK(fx_open(&f, "0123456789"));
	CHECK_INT(tb_cursor(f.s->tb), 0);   /* where it was saved */
	tb_right(f.s->tb);
	tb_right(f.s->tb);
	CHECK(session_due(f.s) <= SESSION_POSITION_MS);
	fake_now += SESSION_POSITION_MS - 1;
	session_tick(f.s);
	interview *o = stored(&f);
	CHECK(o->cur_offset != 2);
	interview_free(o);
	fake_now += 1;
	session_tick(f.s);
	o = stored(&f);
	CHECK_INT(o->cur_offset, 2);
	interview_free(o);
	/* unmoved, it is not written again: nothing is due but the heartbeat */
	CHECK(session_due(f.s) > SESSION_POSITION_MS);
	fx_close(&f);
}

TEST(failed_save_kept_and_retried_each_second)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	char *big = xcalloc(1, 300001);
	memset(big, 'w', 300000);
	limit_files(4096);
	type(f.s, big);
	CHECK(session_flush(f.s) == -1);
	CHECK_INT(session_state(f.s), SESSION_ERROR);
	CHECK_INT(session_shown(f.s), SHOWN_ERROR);   /* loud, whatever the typing */
	CHECK(f.s->save_err && *f.s->save_err);
	CHECK(session_take_changes(f.s) & SESSION_CH_STATE);
	CHECK_INT(session_due(f.s), SESSION_RETRY_MS);
	limit_files(0);
	fake_now += SESSION_RETRY_MS - 1;
	session_tick(f.s);
	CHECK_INT(session_state(f.s), SESSION_ERROR);   /* not yet tried again */
	fake_now += 1;
	session_tick(f.s);
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK(f.s->save_err == NULL);
	char *n = stored_notes(&f, 0);
	CHECK_INT(strlen(n), 300000);
	free(n);
	free(big);
	fx_close(&f);
}

TEST(another_writer_kept_beside_ours)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	type(f.s, "ours");
	store *other = store_open(f.path, STORE_WRITE, false);
	CHECK(other);
	CHECK(store_save_notes(other, f.iv->id, 0, "theirs") == 0);
	store_close(other);
	CHECK(session_flush(f.s) == 0);
	char *n = stored_notes(&f, 0);
	CHECK(strncmp(n, "theirs", 6) == 0);
	CHECK(strstr(n, "saved elsewhere meanwhile"));
	CHECK(strlen(n) > 4 && strcmp(n + strlen(n) - 4, "ours") == 0);
	char *mine = tb_text(f.s->tb, NULL);
	CHECK_STR(mine, n);   /* the screen shows what is stored */
	free(mine);
	free(n);
	CHECK(strstr(notices, "[!the notes of question 1 were also changed elsewhere"));
	CHECK(session_take_changes(f.s) & SESSION_CH_TEXT);
	/* a rating saved elsewhere: ours stands */
	other = store_open(f.path, STORE_WRITE, false);
	interview *o = store_load(other, f.iv->id);
	o->q[1].rating = 2;
	CHECK(store_save_answer(other, f.iv->id, 1, &o->q[1]) == 0);
	interview_free(o);
	store_close(other);
	f.iv->q[1].rating = 4;
	session_answer_changed(f.s, 1);
	o = stored(&f);
	CHECK_INT(o->q[1].rating, 4);
	interview_free(o);
	CHECK(strstr(notices, "question 2 was also rated elsewhere"));
	fx_close(&f);
}

TEST(another_screen_reported_at_the_heartbeat)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	session_claim(f.s);
	CHECK_INT(nnotices, 0);
	store *other = store_open(f.path, STORE_WRITE, false);
	CHECK(other);
	CHECK(store_claim(other, f.iv->id, NULL) == 1);
	fake_now += SESSION_HEARTBEAT_MS - 1;
	session_tick(f.s);
	CHECK_INT(nnotices, 0);
	fake_now += 1;
	session_tick(f.s);
	CHECK(strstr(notices, "[!also open on "));
	/* said once, not every minute */
	fake_now += SESSION_HEARTBEAT_MS;
	session_tick(f.s);
	CHECK_INT(nnotices, 1);
	store_release(other, f.iv->id);
	store_close(other);
	fx_close(&f);
}

TEST(refused_text_goes_to_recovery_files_and_back)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	type(f.s, "kept somewhere");
	f.iv->q[2].rating = 3;
	limit_files(4096);
	session_answer_changed(f.s, 2);   /* tries to save: refused */
	CHECK_INT(session_state(f.s), SESSION_ERROR);
	CHECK(session_write_recovery(f.s) == 0);
	limit_files(0);
	const char *note = sb_str(&f.s->exit_note);
	CHECK(strstr(note, "notes of question 1 not saved in the database are in "));
	CHECK(strstr(note, "details and ratings not saved in the database are in "));
	int64_t id = f.iv->id;
	char *path = xstrdup(f.path);
	session_close(f.s, false, NULL);
	f.s = NULL;
	interview_free(f.iv);
	store_close(f.st);
	/* the next session finds them, and F5 puts the notes back */
	f.st = store_open(path, STORE_WRITE, false);
	f.iv = store_load(f.st, id);
	CHECK(f.iv);
	CHECK_STR(f.iv->q[0].notes, "");
	f.s = session_open(f.st, &cfg, f.iv, fake_clock, NULL);
	session_on_notice(f.s, on_notice, NULL);
	CHECK_INT(f.s->nrecov, 2);
	notices[0] = '\0';
	session_restore_recovered(f.s);
	CHECK(strstr(notices, "1 part restored and saved; details kept in "));
	CHECK_INT(f.s->nrecov, 1);   /* the details are only shown */
	char *n = stored_notes(&f, 0);
	CHECK_STR(n, "kept somewhere");
	free(n);
	/* again: nothing is added twice */
	session_restore_recovered(f.s);
	n = stored_notes(&f, 0);
	CHECK_STR(n, "kept somewhere");
	free(n);
	free(path);
	fx_close(&f);
}

TEST(closed_interview_left_alone)
{
	fixture f;
	CHECK(fx_open(&f, "final words"));
	session_close(f.s, false, NULL);
	f.iv->closed = true;
	f.s = session_open(f.st, &cfg, f.iv, fake_clock, NULL);
	CHECK(f.s->ro);
	CHECK_INT(session_state(f.s), SESSION_READONLY);
	CHECK_INT(session_shown(f.s), SHOWN_READONLY);
	CHECK_INT(session_due(f.s), -1);
	int64_t e = session_elapsed(f.s);
	fake_now += 3600 * 1000;
	CHECK_INT(session_elapsed(f.s), e);   /* its time stands still */
	CHECK(session_flush_all(f.s) == 0);
	fx_close(&f);
}

TEST(every_text_given_back_at_the_end)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	type(f.s, "one");
	session_switch_row(f.s, session_row_of(f.s, 1));
	type(f.s, "two");
	char *exit_note = (char *)"x";
	session_close(f.s, true, &exit_note);
	f.s = NULL;
	CHECK(exit_note == NULL);   /* everything is in the database */
	CHECK_STR(f.iv->q[0].notes, "one");
	CHECK_STR(f.iv->q[1].notes, "two");
	char *n = stored_notes(&f, 1);
	CHECK_STR(n, "two");
	free(n);
	fx_close(&f);
}

/* A long note is held once: the buffer takes the interview's text, a
 * save reads the buffer in place, leaving the part gives the bytes back;
 * what is stored and given back is every time what was typed. */
TEST(long_note_held_once)
{
	strbuf want = STRBUF_INIT;
	for (int i = 0; want.len < 300000; i++)
		sb_printf(&want, "rad %d: lönen, chefen och 漢字%s", i, i % 9 ? " " : "\n");
	fixture f;
	CHECK(fx_open(&f, sb_str(&want)));
	CHECK_STR(f.iv->q[0].notes, "x");   /* the stand-in while in the buffer */
	CHECK_INT(tb_len(f.s->tb), want.len);
	size_t mid = want.len / 2;
	while (((unsigned char)want.s[mid] & 0xc0) == 0x80)
		mid--;
	tb_set_cursor(f.s->tb, mid);
	type(f.s, "typed ");
	strbuf next = STRBUF_INIT;
	sb_add(&next, want.s, mid);
	sb_puts(&next, "typed ");
	sb_add(&next, want.s + mid, want.len - mid);
	CHECK(session_flush(f.s) == 0);
	char *n = stored_notes(&f, 0);
	CHECK_STR(n, sb_str(&next));
	free(n);
	type(f.s, "more ");   /* editing goes on after a save read the buffer */
	sb_free(&want);
	sb_add(&want, next.s, mid + 6);
	sb_puts(&want, "more ");
	sb_add(&want, next.s + mid + 6, next.len - mid - 6);
	session_switch_row(f.s, session_row_of(f.s, 1));
	CHECK_STR(f.iv->q[0].notes, sb_str(&want));   /* given back when left */
	n = stored_notes(&f, 0);
	CHECK_STR(n, sb_str(&want));
	free(n);
	session_switch_row(f.s, session_row_of(f.s, 0));
	CHECK_INT(tb_cursor(f.s->tb), mid + 11);   /* where it was left */
	type(f.s, "!");
	session_close(f.s, true, NULL);
	f.s = NULL;
	sb_free(&next);
	sb_add(&next, want.s, mid + 11);
	sb_putc(&next, '!');
	sb_add(&next, want.s + mid + 11, want.len - mid - 11);
	CHECK_STR(f.iv->q[0].notes, sb_str(&next));
	n = stored_notes(&f, 0);
	CHECK_STR(n, sb_str(&next));
	free(n);
	sb_free(&want);
	sb_free(&next);
	fx_close(&f);
}

TEST(editor_copy_kept_until_saved)
{
	fixture f;
	CHECK(fx_open(&f, NULL));
	char *dir = xasprintf("%s/editor-%d", tmpdir, ++counter);
	CHECK(mkdir(dir, 0700) == 0);
	char *file = fs_join(dir, "notes.txt");
	FILE *fp = fopen(file, "w");
	CHECK(fp);
	fputs("from the editor", fp);
	fclose(fp);
	limit_files(4096);
	char *big = xcalloc(1, 200001);
	memset(big, 'e', 200000);
	session_from_editor(f.s, big, strlen(big), xstrdup(dir));
	limit_files(0);
	CHECK_INT(session_state(f.s), SESSION_ERROR);
	CHECK(access(file, F_OK) == 0);   /* the editor's copy stays */
	fake_now += SESSION_RETRY_MS;
	session_tick(f.s);
	CHECK_INT(session_state(f.s), SESSION_SAVED);
	CHECK(access(dir, F_OK) != 0);    /* saved: the copy is gone */
	free(big);
	free(file);
	free(dir);
	fx_close(&f);
}

int main(void)
{
	signal(SIGXFSZ, SIG_IGN);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-session-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	char *data = xasprintf("%s/data", tmpdir);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("TMPDIR", tmpdir, 1);
	unsetenv("EXITVIEW_CONFIG");
	free(data);
	settings_load(&cfg, NULL);
	cfg.autosave_seconds = 5;
	RUN(saved_after_a_pause);
	RUN(steady_typing_saved_within_the_pause);
	RUN(status_calm_while_typing);
	RUN(switching_part_saves_at_once);
	RUN(checklists_are_parts);
	RUN(position_saved_at_most_every_ten_seconds);
	RUN(failed_save_kept_and_retried_each_second);
	RUN(another_writer_kept_beside_ours);
	RUN(another_screen_reported_at_the_heartbeat);
	RUN(refused_text_goes_to_recovery_files_and_back);
	RUN(closed_interview_left_alone);
	RUN(every_text_given_back_at_the_end);
	RUN(editor_copy_kept_until_saved);
	RUN(long_note_held_once);
	settings_free(&cfg);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("FAIL cleanup: %s\n", cmd);
	free(cmd);
	return unit_done();
}
