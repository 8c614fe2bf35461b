/* test_fuzz_regress.c — replay the fuzz targets' saved inputs.
 *
 * Every file in tests/fuzz/regress/TARGET/ (inputs that once crashed or
 * broke an invariant) and tests/fuzz/corpus/TARGET/ (the seeds) goes
 * through the very code the fuzzer runs (tests/fuzz/fuzz_TARGET.c, included
 * here with FUZZ_REPLAY), each in a child process so that one crash names
 * its file and the others still run.  Built with ASan/UBSan like every unit
 * test; a sanitizer report or a broken invariant fails the test.
 */
#define FUZZ_REPLAY 1
#include "../fuzz/fuzz_template.c"
#include "../fuzz/fuzz_textbuf.c"
#include "../fuzz/fuzz_report.c"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "unit.h"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

/* Run fn on the file in a child; 0 if it passed, else -1 with a note on
 * stderr (the child's own report is there too). */
static int replay_file(const char *path, fuzz_fn fn)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "%s: fork failed\n", path);
		return -1;
	}
	if (pid == 0) {
		size_t len;
		char *data = fs_read_file(path, &len);
		if (!data) {
			fprintf(stderr, "%s: %s\n", path, ev_lasterr());
			_exit(3);
		}
		fn((const uint8_t *)data, len);
		free(data);
		exit(0);     /* exit(), not _exit(): LeakSanitizer checks here */
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		fprintf(stderr, "%s: killed by signal %d\n", path, WTERMSIG(status));
	else
		fprintf(stderr, "%s: exit status %d\n", path, WEXITSTATUS(status));
	return -1;
}

/* Replay every file of dir; counts into *nfiles, failures into *nbad.
 * A missing directory counts as -1 files.  The names are read first: a
 * child must not inherit an open directory (LeakSanitizer counts it). */
static void replay_dir(const char *dir, fuzz_fn fn, int *nfiles, int *nbad)
{
	DIR *d = opendir(dir);
	if (!d) {
		*nfiles = -1;
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = fs_join(dir, e->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		(*nfiles)++;
		if (replay_file(names[i], fn) != 0)
			(*nbad)++;
		free(names[i]);
	}
	free(names);
}

static const char *top(void)
{
	const char *t = getenv("EXITVIEW_TOP");
	return t && *t ? t : ".";
}

/* The seeds must be there (a replay of nothing proves nothing); the
 * regression directory may be empty. */
static int replay_target(const char *name, fuzz_fn fn, int *nseeds)
{
	char *corpus = xasprintf("%s/tests/fuzz/corpus/%s", top(), name);
	char *regress = xasprintf("%s/tests/fuzz/regress/%s", top(), name);
	int nc = 0, nr = 0, bad = 0;
	replay_dir(corpus, fn, &nc, &bad);
	replay_dir(regress, fn, &nr, &bad);
	if (nc <= 0) {
		fprintf(stderr, "%s: no seed inputs\n", corpus);
		bad++;
	}
	*nseeds = nc;
	free(corpus);
	free(regress);
	return bad;
}

TEST(replay_template)
{
	int n;
	CHECK_INT(replay_target("template", fuzz_template_one, &n), 0);
	CHECK(n > 0);
}

TEST(replay_textbuf)
{
	int n;
	CHECK_INT(replay_target("textbuf", fuzz_textbuf_one, &n), 0);
	CHECK(n > 0);
}

TEST(replay_report)
{
	int n;
	CHECK_INT(replay_target("report", fuzz_report_one, &n), 0);
	CHECK(n > 0);
}

/* The checks themselves must be able to fail: a broken input is caught. */
static void broken_template_check(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	template t;
	memset(&t, 0, sizeof t);
	ft_check_template(&t);    /* no name, no questions: aborts */
}

TEST(checks_can_fail)
{
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))   /* the complaint is noise here */
			_exit(1);
		broken_template_check(NULL, 0);
		_exit(0);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		;
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

int main(void)
{
	RUN(replay_template);
	RUN(replay_textbuf);
	RUN(replay_report);
	RUN(checks_can_fail);
	return unit_done();
}
