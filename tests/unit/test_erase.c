/* test_erase.c — the store's erasure and audit log: a deleted interview
 * leaves no byte in the file, an anonymised one keeps its statistics and
 * loses the person, the interviews before a date come oldest first, and
 * the audit log reads back in order, from a time, through a read-only
 * handle too. */
#include "exitview/store_erase.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitview/store_audit.h"
#include "exitview/util.h"
#include "unit.h"

static char tmpdir[64];
static int counter;

static interview *make(const char *employee, const char *day, const char *notes)
{
	tpl_question qs[] = { { "Pay", "How was it?", "", NULL, 0 }, { "Team", "And the team?", "", NULL, 0 } };
	tpl_category cats[] = { { "comp", "Compensation" } };
	template t = {
		.name = "std", .title = "T", .language = "en", .description = "", .source = "test",
		.questions = qs, .nquestions = 2, .categories = cats, .ncategories = 1,
		.scale = { "1", "2", "3", "4", "5" },
	};
	interview *iv = interview_new(&t);
	str_set(&iv->employee, employee);
	str_set(&iv->manager, "Magnus Chefsman");
	str_set(&iv->role, "Dev");
	str_set(&iv->interview_date, day);
	str_set(&iv->reason_primary, "comp");
	str_set(&iv->return_conditions, "VILLKOR-TEXT");
	str_set(&iv->q[0].notes, notes);
	str_set(&iv->observations, "OBS-TEXT");
	iv->q[1].rating = 4;
	return iv;
}

/* Whether the file at path holds text anywhere. */
static bool file_has(const char *path, const char *text)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t cap = 1 << 16, len = 0, n;
	char *buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	bool found = false;
	size_t tl = strlen(text);
	for (size_t i = 0; i + tl <= len && !found; i++)
		found = memcmp(buf + i, text, tl) == 0;
	free(buf);
	return found;
}

static store *fresh(char **path)
{
	*path = xasprintf("%s/%d.db", tmpdir, ++counter);
	return store_open(*path, STORE_CREATE, false);
}

TEST(delete_leaves_no_byte)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	strbuf big = STRBUF_INIT;
	for (int i = 0; i < 3000; i++)
		sb_puts(&big, "GLÖMSKA-TEXT ");
	interview *a = make("Greta Glömsk", "2026-01-10", sb_str(&big));
	interview *b = make("Bo Kvar", "2026-01-11", "KVAR-TEXT");
	CHECK_INT(store_create(st, a), 0);
	CHECK_INT(store_create(st, b), 0);
	CHECK(store_save_notes(st, a->id, 1, "ANDRA-TEXT") == 0);
	CHECK(file_has(path, "GLÖMSKA-TEXT") && file_has(path, "Greta Glömsk"));
	CHECK_INT(store_delete_interview(st, a->id), 0);
	CHECK(!file_has(path, "GLÖMSKA-TEXT"));
	CHECK(!file_has(path, "ANDRA-TEXT"));
	CHECK(!file_has(path, "Greta Glömsk"));
	CHECK(access(path, F_OK) == 0);
	char *journal = xasprintf("%s-journal", path);
	CHECK(access(journal, F_OK) != 0);
	free(journal);
	interview *gone = store_load(st, a->id);
	CHECK(gone == NULL);
	CHECK_INT(ev_lastcode(), EV_E_NOTFOUND);
	interview *kept = store_load(st, b->id);
	CHECK(kept && strcmp(kept->q[0].notes, "KVAR-TEXT") == 0);
	interview_free(kept);
	CHECK_INT(store_delete_interview(st, a->id), -1);   /* again: no such interview */
	CHECK_INT(ev_lastcode(), EV_E_NOTFOUND);
	sb_free(&big);
	interview_free(a);
	interview_free(b);
	store_close(st);
	free(path);
}

TEST(anonymise_keeps_statistics)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	interview *a = make("Anna Anonym", "2025-03-14", "ANTECKNING-TEXT");
	str_set(&a->start_date, "2019-02-11");
	CHECK_INT(store_create(st, a), 0);
	CHECK_INT(store_anonymise_interview(st, a->id), -1);   /* open: refused */
	CHECK(strstr(ev_lasterr(), "is open: close it first"));
	CHECK_INT(store_close_interview(st, a->id, 1741946400, "REPORT-TEXT Anna Anonym"), 0);
	CHECK_INT(store_anonymise_interview(st, a->id), 0);
	interview *iv = store_load(st, a->id);
	CHECK(iv);
	CHECK_STR(iv->employee, "");
	CHECK_STR(iv->manager, "");
	CHECK_STR(iv->return_conditions, "");
	CHECK_STR(iv->observations, "");
	CHECK_STR(iv->q[0].notes, "");
	CHECK_STR(iv->interview_date, "2025-03-01");
	CHECK_STR(iv->start_date, "2019-02-01");
	CHECK_STR(iv->role, "Dev");
	CHECK_STR(iv->reason_primary, "comp");
	CHECK_INT(iv->q[1].rating, 4);
	CHECK(iv->closed);
	interview_free(iv);
	static const char *const gone[] = { "Anna Anonym", "Magnus Chefsman", "ANTECKNING-TEXT", "OBS-TEXT",
					    "VILLKOR-TEXT", "REPORT-TEXT", "2025-03-14", "2019-02-11" };
	for (size_t i = 0; i < EV_ARRAY_LEN(gone); i++) {
		if (file_has(path, gone[i]))
			printf("# still in the file: %s\n", gone[i]);
		CHECK(!file_has(path, gone[i]));
	}
	interview_free(a);
	store_close(st);
	free(path);
}

TEST(aged_oldest_first)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	const char *days[] = { "2024-05-01", "2020-01-01", "2026-01-01", "2022-07-07" };
	int64_t ids[4];
	for (int i = 0; i < 4; i++) {
		interview *iv = make("X", days[i], "");
		CHECK_INT(store_create(st, iv), 0);
		ids[i] = iv->id;
		interview_free(iv);
	}
	CHECK_INT(store_close_interview(st, ids[1], 1, "r"), 0);
	store_aged *a;
	int n = store_aged_list(st, "2025-01-01", &a);
	CHECK_INT(n, 3);
	CHECK(a[0].id == ids[1] && a[0].closed && strcmp(a[0].day, "2020-01-01") == 0);
	CHECK(a[1].id == ids[3] && !a[1].closed);
	CHECK(a[2].id == ids[0]);
	free(a);
	CHECK_INT(store_aged_list(st, "1999-01-01", &a), 0);
	CHECK(a == NULL);
	store_close(st);
	free(path);
}

static int collect(const audit_entry *e, void *arg)
{
	strbuf *sb = arg;
	sb_printf(sb, "%s:%lld:%s;", e->action, (long long)e->interview_id, e->detail);
	return 0;
}

TEST(audit_in_order)
{
	char *path;
	store *st = fresh(&path);
	CHECK(st);
	CHECK_INT(store_audit(st, "show", 3, ""), 0);
	CHECK_INT(store_audit(st, "export", 0, "csv, anonymous"), 0);
	store_close(st);
	/* a read-only handle writes through a connection of its own */
	st = store_open(path, STORE_READ, false);
	CHECK(st);
	CHECK_INT(store_audit(st, "summary", 0, "all"), 0);
	strbuf sb = STRBUF_INIT;
	CHECK_INT(store_audit_foreach(st, 0, collect, &sb), 3);
	CHECK_STR(sb_str(&sb), "show:3:;export:0:csv, anonymous;summary:0:all;");
	sb_clear(&sb);
	CHECK_INT(store_audit_foreach(st, (int64_t)32503680000LL, collect, &sb), 0);   /* year 3000 */
	CHECK_STR(sb_str(&sb), "");
	sb_free(&sb);
	store_close(st);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-erase-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	RUN(delete_leaves_no_byte);
	RUN(anonymise_keeps_statistics);
	RUN(aged_oldest_first);
	RUN(audit_in_order);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("FAIL cleanup: %s\n", cmd);
	free(cmd);
	return unit_done();
}
