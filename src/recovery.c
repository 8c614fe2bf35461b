/* recovery.c — private recovery files for notes the database refused. */
#include "exitview/recovery.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/util.h"

#define RESTORED ".restored"

char *recovery_dir(void)
{
	char *data = fs_data_dir();
	char *dir = fs_join(data, "recovery");
	free(data);
	return dir;
}

/* The places a recovery file may go, in order (malloc'd, NULL-ended). */
static char **places(void)
{
	char **v = xcalloc(5, sizeof *v);
	int n = 0;
	v[n++] = recovery_dir();
	const char *tmp = getenv("TMPDIR");
	if (str_empty(tmp))
		tmp = "/tmp";
	v[n++] = xasprintf("%s/exitview-recovery-%ld", tmp, (long)getuid());
	v[n++] = xasprintf("/dev/shm/exitview-recovery-%ld", (long)getuid());
	v[n++] = fs_join(fs_home(), ".exitview-recovery");
	return v;
}

static void places_free(char **v)
{
	for (int i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

/* dir exists (made if missing, 0700), is a directory of ours that no one
 * else may write.  0 or -1 (ev_seterr). */
static int private_dir(const char *dir)
{
	if (fs_mkdir_private(dir) != 0)
		return -1;
	struct stat sb;
	if (lstat(dir, &sb) != 0)
		return ev_seterr("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != getuid() || (sb.st_mode & 077))
		return ev_seterr("%s is not a private directory of this user", dir);
	return 0;
}

static const char *part_name(int slot, char *buf, size_t size)
{
	if (slot == IV_SLOT_OBSERVATIONS)
		return "observations";
	if (slot == IV_SLOT_ACTIONS)
		return "actions";
	if (slot == IV_SLOT_PREPARATION)
		return "preparation";
	if (slot == IV_SLOT_OPENING)
		return "opening";
	if (slot == IV_SLOT_CLOSING)
		return "closing";
	if (slot == RECOVERY_DETAILS)
		return "details";
	snprintf(buf, size, "q%d", slot + 1);
	return buf;
}

/* Write all of text to fd and sync it; 0 or the errno. */
static int write_all(int fd, const char *text, size_t len)
{
	if (fs_write_all(fd, text, len) != 0)
		return errno;
	return fsync(fd) == 0 ? 0 : errno;
}

/* A new file in dir holding text; 0 and *path, or -1 (ev_seterr). */
static int write_in(const char *dir, const char *base, const char *text, size_t len, char **path)
{
	if (private_dir(dir) != 0)
		return -1;
	for (int k = 0; k < 1000; k++) {
		char name[160];
		if (k == 0)
			snprintf(name, sizeof name, "%s.txt", base);
		else
			snprintf(name, sizeof name, "%s-%d.txt", base, k);
		char *p = fs_join(dir, name);
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST) {
			free(p);
			continue;   /* never overwritten: the next name */
		}
		if (fd < 0) {
			ev_seterr("%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		int e = write_all(fd, text, len);
		if (close(fd) != 0 && e == 0)
			e = errno;
		if (e != 0) {
			ev_seterr("%s: %s", p, strerror(e));
			unlink(p);   /* a part of the notes is no copy of them */
			free(p);
			return -1;
		}
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		*path = p;
		return 0;
	}
	return ev_seterr("%s: too many recovery files named %s", dir, base);
}

/* "interview-ID-PART-YYYYMMDD-HHMMSS-PID" into base (no allocation). */
static void base_name(char *base, size_t size, int64_t id, int slot)
{
	char part[32], stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(stamp, sizeof stamp, "19700101-000000");
	snprintf(base, size, "interview-%lld-%s-%s-%ld", (long long)id, part_name(slot, part, sizeof part),
		 stamp, (long)getpid());
}

int recovery_open_emergency(const char *dir, int64_t id, int slot, char *path, size_t size)
{
	char base[128];
	base_name(base, sizeof base, id, slot);
	mkdir(dir, 0700);
	for (int k = 0; k < 100; k++) {
		if (k == 0)
			snprintf(path, size, "%s/%s.txt", dir, base);
		else
			snprintf(path, size, "%s/%s-%d.txt", dir, base, k);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int recovery_write(int64_t id, int slot, const char *text, size_t len, char **path)
{
	char base[128];
	base_name(base, sizeof base, id, slot);
	char **v = places();
	strbuf why = STRBUF_INIT;
	int rc = -1;
	for (int i = 0; v[i] && rc != 0; i++) {
		if (write_in(v[i], base, text, len, path) == 0)
			rc = 0;
		else
			sb_printf(&why, "%s%s", why.len ? "; " : "", ev_lasterr());
	}
	if (rc != 0)
		ev_seterr("no recovery file could be written: %s", sb_str(&why));
	sb_free(&why);
	places_free(v);
	return rc;
}

/* Read "interview-ID-PART-YYYYMMDD-HHMMSS-..." into f; false if not ours. */
static bool parse_name(const char *name, recovery_file *f)
{
	size_t n = strlen(name);
	if (n < 5 || strcmp(name + n - 4, ".txt") != 0)
		return false;
	long long id;
	char part[32];
	int y, mo, d, h, mi, se, used = 0;
	if (sscanf(name, "interview-%lld-%31[a-z0-9]-%4d%2d%2d-%2d%2d%2d%n", &id, part, &y, &mo, &d, &h,
		   &mi, &se, &used) != 8 || used == 0 || id <= 0)
		return false;
	if (strcmp(part, "observations") == 0)
		f->slot = IV_SLOT_OBSERVATIONS;
	else if (strcmp(part, "actions") == 0)
		f->slot = IV_SLOT_ACTIONS;
	else if (strcmp(part, "preparation") == 0)
		f->slot = IV_SLOT_PREPARATION;
	else if (strcmp(part, "opening") == 0)
		f->slot = IV_SLOT_OPENING;
	else if (strcmp(part, "closing") == 0)
		f->slot = IV_SLOT_CLOSING;
	else if (strcmp(part, "details") == 0)
		f->slot = RECOVERY_DETAILS;
	else if (part[0] == 'q' && atoi(part + 1) > 0)
		f->slot = atoi(part + 1) - 1;
	else
		return false;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	f->when = mktime(&tm);
	f->id = (int64_t)id;
	return true;
}

static int by_when(const void *a, const void *b)
{
	const recovery_file *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return strcmp(x->path, y->path);
}

int recovery_find(int64_t id, recovery_file **out)
{
	*out = NULL;
	int n = 0, cap = 0;
	char **v = places();
	for (int i = 0; v[i]; i++) {
		struct stat sb;
		/* only a private directory of ours is believed */
		if (lstat(v[i], &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid() || (sb.st_mode & 022))
			continue;
		DIR *dir = opendir(v[i]);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir)) != NULL) {
			recovery_file f = { 0 };
			if (!parse_name(de->d_name, &f) || (id && f.id != id))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				*out = xrealloc(*out, (size_t)cap * sizeof **out);
			}
			f.path = fs_join(v[i], de->d_name);
			(*out)[n++] = f;
		}
		closedir(dir);
	}
	places_free(v);
	if (n > 1)
		qsort(*out, (size_t)n, sizeof **out, by_when);
	return n;
}

int recovery_remove_all(int64_t id)
{
	char prefix[48];
	snprintf(prefix, sizeof prefix, "interview-%lld-", (long long)id);
	size_t plen = strlen(prefix);
	int removed = 0;
	char **v = places();
	for (int i = 0; v[i]; i++) {
		struct stat sb;
		if (lstat(v[i], &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
			continue;
		DIR *dir = opendir(v[i]);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir)) != NULL) {
			if (strncmp(de->d_name, prefix, plen) != 0)
				continue;   /* another interview's (or not ours) */
			char *p = fs_join(v[i], de->d_name);
			if (unlink(p) == 0)
				removed++;
			free(p);
		}
		closedir(dir);
	}
	places_free(v);
	return removed;
}

void recovery_files_free(recovery_file *f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i].path);
	free(f);
}

int recovery_mark_restored(const recovery_file *f)
{
	char *to = xasprintf("%s%s", f->path, RESTORED);
	int rc = rename(f->path, to);
	if (rc != 0)
		ev_seterr("cannot rename %s: %s", f->path, strerror(errno));
	free(to);
	return rc == 0 ? 0 : -1;
}

char *recovery_details_text(const interview *iv)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; interview_field_names[i]; i++) {
		char *v = interview_get_field(iv, interview_field_names[i]);
		if (v && *v)
			sb_printf(&sb, "%s: %s\n", interview_field_names[i], v);
		free(v);
	}
	return sb_detach(&sb);
}
