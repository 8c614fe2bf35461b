/* test_config.c — config.ini: defaults, every key, bad values, unknown keys,
 * the lookup order ($EXITVIEW_CONFIG, $XDG_CONFIG_HOME, built-in copy) and
 * the database and report paths.  Run from the repository top (or
 * $EXITVIEW_TOP).  Nothing may reach stderr. */
#include "unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/builtin.h"
#include "exitview/config.h"
#include "exitview/fsutil.h"
#include "exitview/util.h"

#define CD "tests/data/config/"

static char tmp[256];

static char *tmp_path(const char *name)
{
	return fs_join(tmp, name);
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t len = strlen(text);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		printf("FAIL setup: cannot write %s\n", path);
		exit(1);
	}
	close(fd);
}

/* No config anywhere but the built-in one: a fresh XDG_CONFIG_HOME. */
static void clean_env(void)
{
	unsetenv("EXITVIEW_CONFIG");
	unsetenv("EXITVIEW_DB");
	char *x = tmp_path("xdg-empty");
	mkdir(x, 0700);
	setenv("XDG_CONFIG_HOME", x, 1);
	free(x);
	char *d = tmp_path("data");
	setenv("XDG_DATA_HOME", d, 1);
	free(d);
	setenv("HOME", tmp, 1);
}

#define EXPECT_CONFIG_ERROR(path, msg) do { \
	settings s_; \
	CHECK(settings_load(&s_, path) == -1); \
	CHECK_STR(ev_lasterr(), msg); \
	/* still usable, with the defaults */ \
	CHECK_INT(s_.autosave_seconds, 1); \
	CHECK_STR(s_.default_template, "standard"); \
	settings_free(&s_); \
	CHECK(settings_check_file(path) == -1); \
	CHECK_STR(ev_lasterr(), msg); } while (0)

static int system_config_installed(void)
{
	struct stat st;
	return lstat(EXITVIEW_DATADIR "/config.ini", &st) == 0;
}

TEST(defaults_from_builtin)
{
	clean_env();
	settings s;
	CHECK(settings_load(&s, NULL) == 0);
	if (!system_config_installed())
		CHECK_STR(s.source, "built-in config.ini");
	CHECK_STR(s.default_template, "standard");
	CHECK(s.database == NULL);
	CHECK(s.report_dir == NULL);
	CHECK(s.template_dir == NULL);
	CHECK(s.interviewer == NULL);
	CHECK(s.colour);
	CHECK_INT(s.autosave_seconds, 1);
	CHECK(!s.allow_shared_database);
	CHECK_INT(s.anonymity_threshold, 5);
	settings_free(&s);
	settings_free(&s);   /* harmless twice */
}

TEST(shipped_config_is_builtin_and_valid)
{
	const struct builtin_file *b = builtin_find("config.ini");
	CHECK(b != NULL);
	size_t len;
	char *disk = fs_read_file("config/config.ini", &len);
	CHECK(disk != NULL);
	CHECK_INT(b->len, len);
	CHECK(memcmp(disk, b->data, len) == 0);
	free(disk);
	CHECK(settings_check_file("config/config.ini") == 0);
}

TEST(every_key_parsed)
{
	clean_env();
	settings s;
	CHECK(settings_load(&s, CD "good.ini") == 0);
	CHECK_STR(s.source, CD "good.ini");
	CHECK_STR(s.default_template, "leader");
	CHECK_STR(s.database, "/tmp/exitview-test/db.sqlite");
	char *rep = fs_join(tmp, "my reports");
	CHECK_STR(s.report_dir, rep);   /* "~/" expanded */
	free(rep);
	CHECK_STR(s.template_dir, "/tmp/exitview-test/templates");
	CHECK_STR(s.interviewer, "Åsa Öberg");
	CHECK(!s.colour);
	CHECK_INT(s.autosave_seconds, 30);
	CHECK(s.allow_shared_database);
	CHECK_INT(s.anonymity_threshold, 12);
	settings_free(&s);
}

TEST(empty_values_mean_defaults)
{
	clean_env();
	settings s;
	CHECK(settings_load(&s, CD "empty-values.ini") == 0);
	CHECK_STR(s.default_template, "standard");
	CHECK(s.database == NULL && s.report_dir == NULL && s.template_dir == NULL);
	CHECK(s.interviewer == NULL);
	CHECK(s.colour);
	CHECK_INT(s.autosave_seconds, 1);
	CHECK(!s.allow_shared_database);
	CHECK_INT(s.anonymity_threshold, 5);
	settings_free(&s);
}

TEST(bad_values)
{
	clean_env();
	EXPECT_CONFIG_ERROR(CD "bad-autosave.ini", CD "bad-autosave.ini:3: autosave must be "
	                    "a whole number of seconds from 1 to 60");
	EXPECT_CONFIG_ERROR(CD "hex-autosave.ini", CD "hex-autosave.ini:2: autosave must be "
	                    "a whole number of seconds from 1 to 60");
	EXPECT_CONFIG_ERROR(CD "bad-threshold.ini", CD "bad-threshold.ini:4: threshold must "
	                    "be a whole number from 1 to 1000");
	EXPECT_CONFIG_ERROR(CD "bad-bool.ini", CD "bad-bool.ini:2: shared_database must be "
	                    "yes or no (or true/false, on/off, 1/0), not 'maybe'");
	EXPECT_CONFIG_ERROR(CD "bad-template.ini", CD "bad-template.ini:2: template must be a "
	                    "template name (letters, digits, '-' and '_'), not '../etc/passwd'");
}

TEST(unknown_keys_and_sections)
{
	clean_env();
	EXPECT_CONFIG_ERROR(CD "unknown-key.ini", CD "unknown-key.ini:3: unknown key 'font' "
	                    "in [exitview]");
	EXPECT_CONFIG_ERROR(CD "color.ini", CD "color.ini:3: unknown key 'color' in "
	                    "[exitview] (the key is spelt 'colour')");
	EXPECT_CONFIG_ERROR(CD "unknown-section.ini", CD "unknown-section.ini:4: unknown "
	                    "section [display] (expected [exitview] or [summary])");
	/* a key of the other section is unknown where it stands */
	char *p = tmp_path("misplaced.ini");
	write_file(p, "[summary]\nautosave = 5\n");
	char *want = xasprintf("%s:2: unknown key 'autosave' in [summary]", p);
	EXPECT_CONFIG_ERROR(p, want);
	free(want);
	free(p);
}

/* Integers are decimal digits only, range-checked, without overflow. */
TEST(integer_parsing)
{
	clean_env();
	static const struct { const char *v; int ok, want; } cases[] = {
		{ "1", 1, 1 }, { "60", 1, 60 }, { "007", 1, 7 }, { "0", 0, 0 }, { "61", 0, 0 },
		{ "-1", 0, 0 }, { "+5", 0, 0 }, { "5.0", 0, 0 }, { "1e1", 0, 0 }, { "5s", 0, 0 },
		{ "0x10", 0, 0 }, { "99999999999999999999999", 0, 0 }, { "\"5\"", 1, 5 },
	};
	char *p = tmp_path("int.ini");
	for (size_t i = 0; i < EV_ARRAY_LEN(cases); i++) {
		char *text = xasprintf("[exitview]\nautosave = %s\n", cases[i].v);
		write_file(p, text);
		free(text);
		settings s;
		int rc = settings_load(&s, p);
		if (cases[i].ok) {
			CHECK_INT(rc, 0);
			CHECK_INT(s.autosave_seconds, cases[i].want);
		} else {
			CHECK_INT(rc, -1);
			CHECK(strstr(ev_lasterr(), ":2: autosave must be a whole number") != NULL);
		}
		settings_free(&s);
	}
	free(p);
}

TEST(boolean_words)
{
	clean_env();
	static const struct { const char *v; int want; } cases[] = {
		{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 }, { "on", 1 },
		{ "off", 0 }, { "1", 1 }, { "0", 0 }, { "YES", 1 }, { "Off", 0 }, { "y", -1 },
		{ "2", -1 }, { "nope", -1 },
	};
	char *p = tmp_path("bool.ini");
	for (size_t i = 0; i < EV_ARRAY_LEN(cases); i++) {
		char *text = xasprintf("[exitview]\ncolour = %s\nshared_database = %s\n",
		                       cases[i].v, cases[i].v);
		write_file(p, text);
		free(text);
		settings s;
		int rc = settings_load(&s, p);
		if (cases[i].want < 0) {
			CHECK_INT(rc, -1);
			char *want = xasprintf("%s:2: colour must be yes or no (or true/false, on/off, "
			                       "1/0), not '%s'", p, cases[i].v);
			CHECK_STR(ev_lasterr(), want);
			free(want);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(s.colour, cases[i].want);
			CHECK_INT(s.allow_shared_database, cases[i].want);
		}
		settings_free(&s);
	}
	free(p);
}

TEST(ini_errors_name_the_config)
{
	clean_env();
	char *p = tmp_path("syntax.ini");
	write_file(p, "[exitview]\nautosave = 5\nthis is wrong\n");
	char *want = xasprintf("%s:3: syntax error (expected [section], key = value, or a "
	                       "comment)", p);
	EXPECT_CONFIG_ERROR(p, want);
	free(want);
	write_file(p, "[exitview]\nautosave = 5\n[exitview]\n");
	want = xasprintf("%s:3: duplicate section [exitview] (first at line 1)", p);
	EXPECT_CONFIG_ERROR(p, want);
	free(want);
	write_file(p, "[exitview]\nautosave = 5\nAutosave = 6\n");
	want = xasprintf("%s:3: duplicate key 'autosave' in [exitview] (first at line 2)", p);
	EXPECT_CONFIG_ERROR(p, want);
	free(want);
	free(p);
	EXPECT_CONFIG_ERROR(CD "missing.ini", "cannot open " CD "missing.ini: No such file or "
	                    "directory");
}

TEST(lookup_order)
{
	clean_env();
	/* $XDG_CONFIG_HOME/exitview/config.ini */
	char *xdg = tmp_path("xdg");
	char *dir = tmp_path("xdg/exitview");
	CHECK(fs_mkdir_private(dir) == 0);
	char *user = fs_join(dir, "config.ini");
	write_file(user, "[exitview]\nautosave = 11\n");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	settings s;
	CHECK(settings_load(&s, NULL) == 0);
	CHECK_STR(s.source, user);
	CHECK_INT(s.autosave_seconds, 11);
	settings_free(&s);

	/* $EXITVIEW_CONFIG beats it */
	char *envfile = tmp_path("env.ini");
	write_file(envfile, "[exitview]\nautosave = 22\n");
	setenv("EXITVIEW_CONFIG", envfile, 1);
	CHECK(settings_load(&s, NULL) == 0);
	CHECK_STR(s.source, envfile);
	CHECK_INT(s.autosave_seconds, 22);
	settings_free(&s);

	/* -c beats both */
	CHECK(settings_load(&s, CD "autosave7.ini") == 0);
	CHECK_INT(s.autosave_seconds, 7);
	settings_free(&s);

	/* an explicitly named file that is missing is an error, no fall-back */
	char *gone = tmp_path("gone.ini");
	setenv("EXITVIEW_CONFIG", gone, 1);
	CHECK(settings_load(&s, NULL) == -1);
	char *want = xasprintf("cannot open %s: No such file or directory", gone);
	CHECK_STR(ev_lasterr(), want);
	free(want);
	CHECK_INT(s.autosave_seconds, 1);
	settings_free(&s);

	/* an empty $EXITVIEW_CONFIG counts as unset */
	setenv("EXITVIEW_CONFIG", "", 1);
	CHECK(settings_load(&s, NULL) == 0);
	CHECK_INT(s.autosave_seconds, 11);
	settings_free(&s);
	unsetenv("EXITVIEW_CONFIG");

	/* a broken user config is reported, not skipped */
	write_file(user, "[exitview]\nautosave = soon\n");
	CHECK(settings_load(&s, NULL) == -1);
	want = xasprintf("%s:2: autosave must be a whole number of seconds from 1 to 60", user);
	CHECK_STR(ev_lasterr(), want);
	free(want);
	settings_free(&s);

	/* ... and a symlink is refused */
	CHECK(unlink(user) == 0);
	char *target = realpath(CD "autosave7.ini", NULL);
	CHECK(target && symlink(target, user) == 0);
	CHECK(settings_load(&s, NULL) == -1);
	want = xasprintf("%s is a symbolic link: refusing to follow it", user);
	CHECK_STR(ev_lasterr(), want);
	free(want);
	settings_free(&s);
	free(target);

	/* no user config: the built-in one */
	CHECK(unlink(user) == 0);
	CHECK(settings_load(&s, NULL) == 0);
	if (!system_config_installed())
		CHECK_STR(s.source, "built-in config.ini");
	CHECK_INT(s.autosave_seconds, 1);
	settings_free(&s);
	free(gone);
	free(envfile);
	free(user);
	free(dir);
	free(xdg);
}

TEST(database_and_report_paths)
{
	clean_env();
	settings s;
	CHECK(settings_load(&s, NULL) == 0);
	char *want = tmp_path("data/exitview/exitview.db");
	char *got = settings_database_path(&s, NULL);
	CHECK_STR(got, want);
	free(got);
	free(want);
	want = tmp_path("data/exitview/reports");
	got = settings_report_dir(&s);
	CHECK_STR(got, want);
	free(got);
	free(want);
	settings_free(&s);

	CHECK(settings_load(&s, CD "good.ini") == 0);
	got = settings_database_path(&s, NULL);
	CHECK_STR(got, "/tmp/exitview-test/db.sqlite");
	free(got);
	setenv("EXITVIEW_DB", "/env/db", 1);
	got = settings_database_path(&s, NULL);
	CHECK_STR(got, "/env/db");
	free(got);
	got = settings_database_path(&s, "/explicit/db");
	CHECK_STR(got, "/explicit/db");
	free(got);
	unsetenv("EXITVIEW_DB");
	want = tmp_path("my reports");
	got = settings_report_dir(&s);
	CHECK_STR(got, want);
	free(got);
	free(want);
	settings_free(&s);
}

/* Nothing iniparser (or anyone) printed may reach the user's terminal. */
TEST(nothing_on_stderr)
{
	char *s = unit_stderr(NULL);
	if (*s) {
		printf("FAIL nothing_on_stderr: got: %s\n", s);
		unit_failed_now = 1;
	}
	free(s);
}

int main(void)
{
	const char *top = getenv("EXITVIEW_TOP");
	if (top && chdir(top) != 0) {
		printf("FAIL setup: cannot cd to %s\n", top);
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s/exitview-test-config-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		printf("FAIL setup: mkdtemp\n");
		return 1;
	}
	unit_stderr(tmp);

	RUN(defaults_from_builtin);
	RUN(shipped_config_is_builtin_and_valid);
	RUN(every_key_parsed);
	RUN(empty_values_mean_defaults);
	RUN(bad_values);
	RUN(unknown_keys_and_sections);
	RUN(integer_parsing);
	RUN(boolean_words);
	RUN(ini_errors_name_the_config);
	RUN(lookup_order);
	RUN(database_and_report_paths);
	RUN(nothing_on_stderr);

	char *cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("FAIL cleanup: %s\n", cmd);
	free(cmd);
	return unit_done();
}
