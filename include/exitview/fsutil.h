/* fsutil.h — private directories, atomic private files, standard paths. */
#ifndef EXITVIEW_FSUTIL_H
#define EXITVIEW_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Create dir and its missing parents; the ones created get mode 0700.
 * Returns 0 or -1 (ev_seterr). */
int fs_mkdir_private(const char *dir);

/* The reports directory dir, ready to write into: created when missing
 * (with its missing parents) mode 0700, or 02770 when shared (a team's
 * directory, shared_database = yes: the group's interviewers all write
 * there and new files keep its group).  An existing one is used as it is,
 * but refused when others can write it (not shared) or everyone can
 * without the sticky bit (shared).  Returns 0 or -1 (ev_seterr). */
int fs_reports_dir(const char *dir, bool shared);

/* Write all n bytes of p to fd, through EINTR and short writes.  Returns 0
 * or -1 with errno set (EIO when a write takes nothing). */
int fs_write_all(int fd, const char *p, size_t n);

/* Write data to path atomically: a temporary file beside it (mkstemp, mode
 * 0600), fsync, rename over path, fsync of the directory (so the rename
 * is on disk too).  Refuses when path is a symlink or not a regular file.
 * Missing parent directories are created 0700.
 * Returns 0 or -1 (ev_seterr, naming the path). */
int fs_write_atomic(const char *path, const char *data, size_t len);

/* The same, written in pieces: begin creates the temporary file, write
 * appends (an error is kept and reported by commit), commit renames it over
 * the path and syncs its directory, abort removes it.  Each returns 0 or -1
 * (ev_seterr); a commit that fails only in syncing the directory has
 * renamed the file already. */
typedef struct fs_atomic {
	char *path, *tmp;
	int fd;
	int err;      /* first errno seen, 0 if none */
} fs_atomic;
int fs_atomic_begin(fs_atomic *a, const char *path);
int fs_atomic_write(fs_atomic *a, const char *data, size_t len);
int fs_atomic_commit(fs_atomic *a);
/* Everything written so far on disk (fsync), before something else is
 * committed that depends on it; 0 or -1 (ev_seterr). */
int fs_atomic_sync(fs_atomic *a);
void fs_atomic_abort(fs_atomic *a);

/* Read a whole regular file (no symlink following) into a NUL-terminated
 * buffer; *len gets its length.  Returns NULL (ev_seterr) on failure. */
char *fs_read_file(const char *path, size_t *len);

/* $XDG_DATA_HOME/exitview or ~/.local/share/exitview (malloc'd). */
char *fs_data_dir(void);
/* $XDG_CONFIG_HOME/exitview or ~/.config/exitview (malloc'd). */
char *fs_config_dir(void);
/* The directory part of path: "." if none, "/" for a file at the root.
 * malloc'd. */
char *fs_dirname(const char *path);
/* dir + "/" + name (malloc'd). */
char *fs_join(const char *dir, const char *name);
/* The home directory ($HOME, else the password database). */
const char *fs_home(void);

/* The interviewer's default name: the full name from the password database
 * (GECOS, up to the first comma), else the login name. malloc'd. */
char *user_full_name(void);
/* Remove a private directory of ours (mkdtemp, 0700) with the files in it
 * (not recursive: a text file and what an editor left beside it), then
 * free dir.  NULL does nothing. */
void fs_remove_dir(char *dir);

#endif
