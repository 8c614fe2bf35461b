/* test_files.c — what reaches the disk, watched at the system call: the
 * directory of an atomically written file is fsynced after the rename; a
 * failing fdatasync/fsync with ENOSPC is reported as a full disk, not an
 * input/output error; the reports directory is created private or
 * group-shared and an unsafe existing one refused.
 *
 * fsync and fdatasync are replaced in this program (the executable's
 * definitions win over libc's, also for calls from libsqlite3): each call
 * is recorded, and can be made to fail with ENOSPC.  So the checks prove
 * that exitview asks the kernel to sync the directory, and what exitview
 * says when the kernel answers ENOSPC; not that the disk keeps the data. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exitview/config.h"
#include "exitview/fsutil.h"
#include "exitview/interview.h"
#include "exitview/store.h"
#include "exitview/template.h"
#include "exitview/util.h"
#include "unit.h"

static char tmpdir[64];

/* ---- the system calls, watched ---- */

static int fail_syncs;            /* make fsync/fdatasync fail with ENOSPC */
static int nsyncs;
static struct synced {
	dev_t dev;
	ino_t ino;
	bool dir;
	bool target_new;          /* at that moment, watch_path held watch_data */
} synced[64];
static const char *watch_path, *watch_data;

/* Whether path holds exactly data now. */
static bool holds(const char *path, const char *data)
{
	size_t len;
	char *text = path ? fs_read_file(path, &len) : NULL;
	bool same = text && len == strlen(data) && memcmp(text, data, len) == 0;
	free(text);
	return same;
}

/* Record an fsync/fdatasync of fd; 0, or -1 with ENOSPC when told. */
static int watched_sync(int fd, long nr)
{
	struct stat sb;
	if (nsyncs < (int)EV_ARRAY_LEN(synced) && fstat(fd, &sb) == 0) {
		synced[nsyncs].dev = sb.st_dev;
		synced[nsyncs].ino = sb.st_ino;
		synced[nsyncs].dir = S_ISDIR(sb.st_mode);
		synced[nsyncs].target_new = watch_path && holds(watch_path, watch_data);
		nsyncs++;
	}
	if (fail_syncs) {
		errno = ENOSPC;
		return -1;
	}
	return (int)syscall(nr, fd);
}

int fsync(int fd);
int fdatasync(int fd);
int fsync(int fd)
{
	return watched_sync(fd, SYS_fsync);
}

int fdatasync(int fd)
{
	return watched_sync(fd, SYS_fdatasync);
}

/* The index in synced[] of a sync of the file or directory at path, or -1. */
static int synced_at(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return -1;
	for (int i = 0; i < nsyncs; i++)
		if (synced[i].dev == sb.st_dev && synced[i].ino == sb.st_ino)
			return i;
	return -1;
}

/* ---- tests ---- */

TEST(atomic_write_syncs_directory)
{
	char *dir = xasprintf("%s/reports", tmpdir);
	char *path = xasprintf("%s/r.txt", dir);
	CHECK_INT(fs_write_atomic(path, "old\n", 4), 0);
	nsyncs = 0;
	watch_path = path;
	watch_data = "new text\n";
	CHECK_INT(fs_write_atomic(path, "new text\n", 9), 0);
	watch_path = NULL;
	CHECK(holds(path, "new text\n"));
	int d = synced_at(dir);
	if (d < 0)
		printf("# %d syncs, none of %s\n", nsyncs, dir);
	CHECK(d >= 0);
	CHECK(synced[d].dir);
	/* after the rename: the directory entry synced is the new file's */
	CHECK(synced[d].target_new);
	/* and the file itself was synced before it was renamed into place */
	int f = synced_at(path);
	CHECK(f >= 0 && f < d && !synced[f].target_new);

	/* a failing directory sync is reported, naming the file */
	fail_syncs = 1;
	CHECK_INT(fs_write_atomic(path, "x", 1), -1);
	fail_syncs = 0;
	CHECK(strstr(ev_lasterr(), path) != NULL);
	free(dir);
	free(path);
}

static const char tpl_text[] =
	"[template]\ntitle = T\n[scale]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n"
	"[categories]\nx = X\ny = Y\n[question 1]\ntitle = Q\nprompt = Why?\n";

TEST(enospc_on_sync_says_disk_full)
{
	char *path = xasprintf("%s/full.db", tmpdir);
	store *st = store_open(path, STORE_CREATE, false);
	CHECK(st != NULL);
	template *t = template_load_mem("t", "t.ini", tpl_text, strlen(tpl_text));
	CHECK(t != NULL);
	interview *iv = interview_new(t);
	template_free(t);
	CHECK_INT(store_create(st, iv), 0);
	CHECK_INT(store_save_notes(st, iv->id, 0, "before"), 0);
	fail_syncs = 1;
	int rc = store_save_notes(st, iv->id, 0, "the words typed when the disk filled up");
	fail_syncs = 0;
	CHECK_INT(rc, -1);
	const char *err = ev_lasterr();
	if (!strstr(err, "the disk is full"))
		printf("# %s\n", err);
	CHECK(strstr(err, "the disk is full") != NULL);
	CHECK(strstr(err, path) != NULL);
	CHECK(strstr(err, "input/output") == NULL);
	/* nothing half-saved: the text before is still there */
	interview *back = store_load(st, iv->id);
	CHECK(back != NULL);
	CHECK_STR(back->q[0].notes, "before");
	interview_free(back);
	interview_free(iv);
	store_close(st);
	free(path);
}

static int mode_of(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

TEST(reports_dir_private_and_shared)
{
	mode_t old = umask(022);
	char *priv = xasprintf("%s/private/reports", tmpdir);
	CHECK_INT(fs_reports_dir(priv, false), 0);
	CHECK_INT(mode_of(priv), 0700);
	char *team = xasprintf("%s/srv/hr/reports", tmpdir);
	CHECK_INT(fs_reports_dir(team, true), 0);
	CHECK_INT(mode_of(team), 02770);   /* whatever the umask */
	umask(old);
	CHECK_INT(fs_reports_dir(team, true), 0);     /* existing: as it is */

	/* an existing directory others can write: refused when private */
	char *open_dir = xasprintf("%s/open", tmpdir);
	CHECK_INT(mkdir(open_dir, 0700), 0);
	CHECK_INT(chmod(open_dir, 0777), 0);
	CHECK_INT(fs_reports_dir(open_dir, false), -1);
	CHECK(strstr(ev_lasterr(), open_dir) && strstr(ev_lasterr(), "writable by other users"));
	CHECK_INT(chmod(open_dir, 0770), 0);
	CHECK_INT(fs_reports_dir(open_dir, false), -1);
	CHECK_INT(fs_reports_dir(open_dir, true), 0);   /* a team's: fine */
	/* shared: world-writable only with the sticky bit */
	CHECK_INT(chmod(open_dir, 0777), 0);
	CHECK_INT(fs_reports_dir(open_dir, true), -1);
	CHECK(strstr(ev_lasterr(), "writable by everyone") != NULL);
	CHECK_INT(chmod(open_dir, 01777), 0);
	CHECK_INT(fs_reports_dir(open_dir, true), 0);
	CHECK_INT(fs_reports_dir(open_dir, false), -1);
	CHECK_INT(mode_of(open_dir), 01777);            /* never changed */
	/* not a directory */
	char *file = xasprintf("%s/afile", tmpdir);
	CHECK_INT(fs_write_atomic(file, "x", 1), 0);
	CHECK_INT(fs_reports_dir(file, false), -1);
	free(priv);
	free(team);
	free(open_dir);
	free(file);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/exitview-files-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		printf("FAIL setup: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	RUN(atomic_write_syncs_directory);
	RUN(enospc_on_sync_says_disk_full);
	RUN(reports_dir_private_and_shared);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return unit_done();
}
