/* fsutil.c — private directories, atomic private files, standard paths. */
#include "exitview/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/util.h"

/* Create dir and its missing parents, the ones created with mode (set
 * with chmod, whatever the umask).  0 or -1 (ev_seterr). */
static int mkdir_mode(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir);
	size_t len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, mode & 0777) == 0) {
				if ((mode & ~(mode_t)0700) != 0 && chmod(p, mode) != 0) {
					int e = errno;
					ev_seterr("cannot create directory %s: %s", p, strerror(e));
					free(p);
					return -1;
				}
			} else if (errno != EEXIST) {
				int e = errno;
				ev_seterr("cannot create directory %s: %s", p, strerror(e));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	struct stat st;
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ev_seterr("%s is not a directory", p);
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int fs_mkdir_private(const char *dir)
{
	return mkdir_mode(dir, 0700);
}

int fs_reports_dir(const char *dir, bool shared)
{
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT)
			return ev_seterr("cannot use the reports directory %s: %s", dir, strerror(errno));
		return mkdir_mode(dir, shared ? 02770 : 0700);
	}
	if (!S_ISDIR(sb.st_mode))
		return ev_seterr("the reports directory %s is not a directory", dir);
	if (!shared && (sb.st_mode & 022))
		return ev_seterr("the reports directory %s is writable by other users: chmod 700 it, "
				 "or set shared_database = yes in the config for a team's directory", dir);
	if (shared && (sb.st_mode & 002) && !(sb.st_mode & S_ISVTX))
		return ev_seterr("the reports directory %s is writable by everyone: chmod o-w it "
				 "(a team's directory: 2770)", dir);
	return 0;
}

char *fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int fs_atomic_begin(fs_atomic *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->fd = -1;
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return ev_seterr("not writing through a symbolic link: %s", path);
		if (!S_ISREG(st.st_mode))
			return ev_seterr("%s is not a regular file", path);
	}
	char *dir = fs_dirname(path);
	if (fs_mkdir_private(dir) != 0) {
		free(dir);
		return -1;
	}
	char *tmp = xasprintf("%s/.exitview-XXXXXX", dir);
	free(dir);
	mode_t old = umask(077);
	int fd = mkstemp(tmp);
	umask(old);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return ev_seterr("cannot write %s: %s", path, strerror(e));
	}
	if (fchmod(fd, 0600) != 0)
		a->err = errno;
	a->path = xstrdup(path);
	a->tmp = tmp;
	a->fd = fd;
	return 0;
}

int fs_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int fs_atomic_write(fs_atomic *a, const char *data, size_t len)
{
	if (!a->err && fs_write_all(a->fd, data, len) != 0)
		a->err = errno;
	return a->err ? -1 : 0;
}

void fs_atomic_abort(fs_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	a->fd = -1;
}

int fs_atomic_sync(fs_atomic *a)
{
	if (!a->err && fsync(a->fd) != 0)
		a->err = errno;
	if (a->err)
		return ev_seterr("cannot write %s: %s", a->path, strerror(a->err));
	return 0;
}

/* fsync the directory that holds path, so that a rename into it is on
 * disk too (without it a crash can leave the old file, or none).  0, or
 * the errno of a failure; a directory that cannot be opened for reading,
 * or a file system that cannot sync directories (EINVAL), is not one. */
static int sync_dir(const char *path)
{
	char *dir = fs_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return 0;
	int err = 0;
	while (fsync(fd) != 0) {
		if (errno != EINTR) {
			err = errno == EINVAL ? 0 : errno;
			break;
		}
	}
	close(fd);
	return err;
}

int fs_atomic_commit(fs_atomic *a)
{
	int err = a->err;
	if (!err && fsync(a->fd) != 0)
		err = errno;
	if (close(a->fd) != 0 && !err)
		err = errno;
	a->fd = -1;
	if (!err && rename(a->tmp, a->path) != 0)
		err = errno;
	if (err) {
		ev_seterr("cannot write %s: %s", a->path, strerror(err));
		fs_atomic_abort(a);
		return -1;
	}
	free(a->tmp);
	a->tmp = NULL;
	err = sync_dir(a->path);
	if (err)
		ev_seterr("cannot write %s: %s (while syncing its directory: the file is "
			  "written but may not survive a crash)", a->path, strerror(err));
	free(a->path);
	a->path = NULL;
	return err ? -1 : 0;
}

int fs_write_atomic(const char *path, const char *data, size_t len)
{
	fs_atomic a;
	if (fs_atomic_begin(&a, path) != 0)
		return -1;
	fs_atomic_write(&a, data, len);
	return fs_atomic_commit(&a);
}

char *fs_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP)
			ev_seterr("%s is a symbolic link: refusing to follow it", path);
		else
			ev_seterr("cannot open %s: %s", path, strerror(e));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		ev_seterr("%s is not a regular file", path);
		return NULL;
	}
	strbuf sb = STRBUF_INIT;
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_free(&sb);
			ev_seterr("cannot read %s: %s", path, strerror(e));
			return NULL;
		}
		if (n == 0)
			break;
		sb_add(&sb, buf, (size_t)n);
	}
	close(fd);
	if (len)
		*len = sb.len;
	return sb_detach(&sb);
}

const char *fs_home(void)
{
	const char *h = getenv("HOME");
	if (!str_empty(h))
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

static char *xdg_dir(const char *var, const char *fallback)
{
	const char *x = getenv(var);
	if (!str_empty(x) && x[0] == '/')
		return xasprintf("%s/exitview", x);
	return xasprintf("%s/%s/exitview", fs_home(), fallback);
}

char *fs_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *fs_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *fs_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

char *user_full_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && !str_empty(pw->pw_gecos)) {
		size_t n = strcspn(pw->pw_gecos, ",");
		if (n > 0)
			return xstrndup(pw->pw_gecos, n);
	}
	if (pw && !str_empty(pw->pw_name))
		return xstrdup(pw->pw_name);
	const char *u = getenv("USER");
	return xstrdup(str_empty(u) ? "unknown" : u);
}

void fs_remove_dir(char *dir)
{
	if (!dir)
		return;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			char *p = fs_join(dir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}
