/* test_util.c — strbuf, UTF-8, dates, private files. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/date.h"
#include "exitview/fsutil.h"
#include "exitview/utf8.h"
#include "exitview/util.h"
#include "unit.h"

TEST(strbuf_grows)
{
	strbuf sb = STRBUF_INIT;
	CHECK_STR(sb_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		sb_printf(&sb, "%d,", i);
	CHECK(sb.len > 3000);
	CHECK(strncmp(sb.s, "0,1,2,", 6) == 0);
	sb_clear(&sb);
	CHECK_INT(sb.len, 0);
	sb_pad(&sb, '-', 3);
	CHECK_STR(sb_str(&sb), "---");
	char *s = sb_detach(&sb);
	CHECK_STR(s, "---");
	free(s);
	CHECK(sb.s == NULL);
}

TEST(utf8_decode_and_valid)
{
	uint32_t cp;
	CHECK_INT(utf8_decode("å", 2, &cp), 2);
	CHECK_INT(cp, 0xE5);
	CHECK_INT(utf8_decode("漢", 3, &cp), 3);
	CHECK_INT(cp, 0x6F22);
	CHECK_INT(utf8_decode("😀", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(utf8_decode("\xC3", 1, &cp), 1);        /* truncated */
	CHECK_INT(cp, 0xFFFD);
	CHECK_INT(utf8_decode("\xC0\xAF", 2, &cp), 1);    /* overlong */
	CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
	size_t bad = 0;
	CHECK(utf8_valid("åäö 漢字 😀 \xEF\xBF\xBD", 22, NULL));
	CHECK(!utf8_valid("ab\xFF" "cd", 5, &bad));
	CHECK_INT(bad, 2);
	char out[4];
	CHECK_INT(utf8_encode(0x1F600, out), 4);
	CHECK(memcmp(out, "😀", 4) == 0);
}

TEST(utf8_widths_independent_of_locale)
{
	CHECK_INT(utf8_width("abc", 3), 3);
	CHECK_INT(utf8_width("åäö", 6), 3);
	CHECK_INT(utf8_width("漢字", 6), 4);
	CHECK_INT(utf8_width("e\xCC\x81", 3), 1);   /* e + combining acute */
	CHECK_INT(utf8_width("😀", 4), 2);
	CHECK_INT(utf8_width("\x1b[31m", 5), 4);    /* ESC counts 0 */
	CHECK_INT(utf8_fit("漢字漢", 9, 3), 3);      /* never half a wide char */
	CHECK_INT(utf8_fit("abc", 3, 10), 3);
}

TEST(utf8_steps)
{
	const char *s = "aå漢😀";
	size_t len = strlen(s);
	CHECK_INT(utf8_next(s, len, 0), 1);
	CHECK_INT(utf8_next(s, len, 1), 3);
	CHECK_INT(utf8_next(s, len, 3), 6);
	CHECK_INT(utf8_next(s, len, 6), 10);
	CHECK_INT(utf8_prev(s, 10), 6);
	CHECK_INT(utf8_prev(s, 6), 3);
	CHECK_INT(utf8_prev(s, 3), 1);
	CHECK_INT(utf8_prev(s, 1), 0);
	CHECK_INT(utf8_prev("a\x80", 2), 1);        /* a stray continuation byte stands alone */
}

TEST(dates)
{
	CHECK(date_valid("2024-02-29"));
	CHECK(!date_valid("2023-02-29"));
	CHECK(!date_valid("2024-13-01"));
	CHECK(!date_valid("2024-1-01"));
	CHECK(!date_valid("2024-01-01x"));
	CHECK(!date_valid(""));
	CHECK(!date_valid(NULL));
	CHECK_INT(date_diff_days("2024-01-01", "2024-03-01"), 60);
	char today[11];
	date_today(today);
	CHECK(date_valid(today));
	char d[32];
	date_format_duration(3900, d);
	CHECK_STR(d, "1 h 05 min");
	date_format_duration(59, d);
	CHECK_STR(d, "59 s");
}

TEST(atomic_private_write)
{
	char dir[] = "/tmp/evtestXXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *sub = xasprintf("%s/a/b", dir);
	char *path = xasprintf("%s/report.txt", sub);
	mode_t old = umask(0);   /* whatever the umask, files stay private */
	CHECK_INT(fs_write_atomic(path, "hello\n", 6), 0);
	umask(old);
	struct stat st;
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(stat(sub, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	size_t len;
	char *back = fs_read_file(path, &len);
	CHECK(back && len == 6 && strcmp(back, "hello\n") == 0);
	free(back);
	/* a symlink at the target is refused and its target untouched */
	char *link = xasprintf("%s/link.txt", dir);
	char *victim = xasprintf("%s/victim", dir);
	CHECK_INT(symlink(victim, link), 0);
	CHECK_INT(fs_write_atomic(link, "x", 1), -1);
	CHECK(strstr(ev_lasterr(), "symbolic link") != NULL);
	CHECK(access(victim, F_OK) != 0);
	CHECK(fs_read_file(link, NULL) == NULL);
	unlink(link);
	unlink(path);
	rmdir(sub);
	char *a = xasprintf("%s/a", dir);
	rmdir(a);
	rmdir(dir);
	free(a); free(sub); free(path); free(link); free(victim);
}

TEST(paths)
{
	setenv("XDG_DATA_HOME", "/x/data", 1);
	char *d = fs_data_dir();
	CHECK_STR(d, "/x/data/exitview");
	free(d);
	setenv("XDG_DATA_HOME", "relative", 1);   /* not absolute: ignored, per XDG */
	setenv("HOME", "/home/h", 1);
	d = fs_data_dir();
	CHECK_STR(d, "/home/h/.local/share/exitview");
	free(d);
	char *j = fs_join("/a/", "b");
	CHECK_STR(j, "/a/b");
	free(j);
	char *who = user_full_name();
	CHECK(who && *who);
	free(who);
}

TEST(error_codes)
{
	CHECK(ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %d", 7) == -1);
	CHECK(strcmp(ev_lasterr(), "no interview with ID 7") == 0);
	CHECK(ev_lastcode() == EV_E_NOTFOUND);
	CHECK(ev_seterr("%s: again", ev_lasterr()) == -1);   /* the message may be an argument */
	CHECK(strcmp(ev_lasterr(), "no interview with ID 7: again") == 0);
	CHECK(ev_lastcode() == EV_E_OTHER);
}

TEST(utf8_fold_beyond_ascii)
{
	strbuf sb = STRBUF_INIT;
	const char *in = "BJÖRN Åkesson ÆØ É Ω";
	utf8_fold(&sb, in, strlen(in));
	CHECK_STR(sb_str(&sb), "björn åkesson æø é ω");
	sb_clear(&sb);
	/* invalid bytes fold to U+FFFD, lower case stays */
	utf8_fold(&sb, "a\xff", 2);
	CHECK_STR(sb_str(&sb), "a\xef\xbf\xbd");
	sb_free(&sb);
}

int main(void)
{
	RUN(strbuf_grows);
	RUN(utf8_decode_and_valid);
	RUN(utf8_widths_independent_of_locale);
	RUN(utf8_steps);
	RUN(dates);
	RUN(atomic_private_write);
	RUN(paths);
	RUN(error_codes);
	RUN(utf8_fold_beyond_ascii);
	return unit_done();
}
