/* store_open.c — opening and closing: the file's checks before SQLite sees it,
 * its header, the connection's pragmas, and validation before any write. */
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitview/fsutil.h"
#include "exitview/util.h"

/* Databases up to this size get a full PRAGMA quick_check on every open;
 * larger ones get only the header checks (check_header) and the schema
 * read (store_schema_judge), and damage in them shows up as SQLITE_CORRUPT, reported as
 * "FILE is damaged (...)", when the damaged page is read, by the command
 * that reads it; SQLite does not write through a page it finds corrupt.
 * quick_check reads every page, so its cost grows with the file: measured
 * here, 6 ms for a 0.75 MB file, 55 ms for 15 MB, 0.6 s for 218 MB (10,000
 * interviews), paid by every command and the start screen.  256 KB (a dozen
 * interviews) keeps it to about 2 ms: a small file is still checked whole,
 * and opening any other costs the same (a few ms) whatever its size. */
#define QUICK_CHECK_MAX_BYTES (256L * 1024)

#define BUSY_TIMEOUT_MS 5000

/* The page cache of a writing connection, as PRAGMA cache_size (negative:
 * KiB; see open_checked). */
#define WRITE_CACHE_KIB "-128"

/* ---- opening ---- */

/* Create the missing database file 0600 (its directory 0700).  Returns 0,
 * 1 if someone else created it meanwhile, -1 on error. */
static int create_file(const char *path)
{
	char *dir = fs_dirname(path);
	int rc = fs_mkdir_private(dir);
	free(dir);
	if (rc != 0)
		return -1;
	mode_t old = umask(077);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int e = errno;
	umask(old);
	if (fd < 0) {
		if (e == EEXIST)
			return 1;
		return ev_seterr("cannot create %s: %s", path, strerror(e));
	}
	close(fd);
	return 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Look at the file header ourselves before SQLite opens the file: the magic
 * string and whether the file is as long as the header says.  *size gets
 * the file's size.  0 or -1. */
static int check_header(const char *path, const struct stat *lsb, off_t *size)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP)
			return ev_seterr("%s is a symbolic link", path);
		return ev_seterr("cannot open %s: %s", path, strerror(e));
	}
	struct stat fsb;
	unsigned char h[100];
	ssize_t n = -1;
	bool same = fstat(fd, &fsb) == 0 && fsb.st_dev == lsb->st_dev && fsb.st_ino == lsb->st_ino;
	if (same)
		n = pread(fd, h, sizeof h, 0);
	int e = errno;
	close(fd);
	if (!same)
		return ev_seterr("%s changed while it was being opened; try again", path);
	if (n < 0)
		return ev_seterr("cannot read %s: %s", path, strerror(e));
	*size = fsb.st_size;
	if (fsb.st_size == 0)
		return 0;
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return ev_seterr("%s is not an exitview database (not SQLite)", path);
	uint32_t pagesize = (uint32_t)h[16] << 8 | h[17];
	if (pagesize == 1)
		pagesize = 65536;
	if (pagesize < 512 || (pagesize & (pagesize - 1)) != 0)
		return ev_seterr("%s is damaged (bad page size in its header)", path);
	uint32_t pages = be32(h + 28);
	/* The page count is only meaningful when the header says it is, and a
	 * hot journal (left by a crash) may still be rolled back by SQLite. */
	char *journal = xasprintf("%s-journal", path);
	struct stat jsb;
	bool hot = lstat(journal, &jsb) == 0;
	free(journal);
	if (!hot && pages > 0 && be32(h + 24) == be32(h + 92) &&
	    (uint64_t)fsb.st_size < (uint64_t)pages * pagesize)
		return ev_seterr("%s is damaged (truncated: %lld bytes where its header says %llu)",
				 path, (long long)fsb.st_size,
				 (unsigned long long)pages * pagesize);
	return 0;
}

/* The directory of the database: SQLite creates the rollback journal there
 * and rolls back any hot journal it finds there into the database, so a
 * directory others can write (or whose owner is someone else; root aside,
 * who can do anything anyway) lets them rewrite every interview.  Refused
 * unless the database is declared shared.  A missing directory is fine: it
 * is created 0700.  0 or -1. */
static int check_dir(const char *path, bool allow_shared)
{
	if (allow_shared)
		return 0;
	char *dir = fs_dirname(path);
	struct stat sb;
	int rc = 0;
	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT)
			rc = ev_seterr("cannot open %s: %s: %s", path, dir, strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		rc = ev_seterr("cannot open %s: %s is not a directory", path, dir);
	} else if (sb.st_mode & 022) {
		rc = ev_seterr("%s is in %s, a directory other users can write (a journal "
			       "they put there would be rolled into the database); move it to "
			       "a private directory, or set shared_database = yes in the config",
			       path, dir);
	} else if (sb.st_uid != geteuid() && sb.st_uid != 0) {
		rc = ev_seterr("%s is in %s, a directory that belongs to another user; move it "
			       "to a private directory, or set shared_database = yes in the config",
			       path, dir);
	}
	free(dir);
	return rc;
}

/* The files SQLite keeps beside the database (the rollback journal, and a
 * WAL and its index should one exist) are read into the database when
 * found.  One that is a symbolic link, not a regular file, writable by
 * other users or not the user's own (shared: not the user's, the
 * database owner's or of the database's group, or writable by everyone)
 * was not left by exitview: refused, naming it.  0 or -1. */
static int check_sidecars(const char *path, const struct stat *db, bool allow_shared)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < EV_ARRAY_LEN(suffix); i++) {
		char *side = xasprintf("%s%s", path, suffix[i]);
		struct stat sb;
		const char *why = NULL;
		int rc = 0;
		if (lstat(side, &sb) != 0) {
			if (errno != ENOENT)
				rc = ev_seterr("cannot open %s: %s: %s", path, side, strerror(errno));
		} else if (S_ISLNK(sb.st_mode)) {
			why = "is a symbolic link";
		} else if (!S_ISREG(sb.st_mode)) {
			why = "is not a regular file";
		} else if (!allow_shared && (sb.st_mode & 022)) {
			why = "is writable by other users";
		} else if (allow_shared && (sb.st_mode & 002)) {
			why = "is writable by everyone";
		} else if (!allow_shared && sb.st_uid != geteuid()) {
			why = "belongs to another user";
		} else if (allow_shared && sb.st_uid != geteuid() && sb.st_uid != db->st_uid &&
			   sb.st_gid != db->st_gid) {
			why = "belongs to a user and group other than the database's";
		}
		if (why)
			rc = ev_seterr("refusing to open %s: %s beside it %s, and SQLite would "
				       "read it into the database (check it, then remove it or fix "
				       "its owner and mode)", path, side, why);
		free(side);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Check permissions and type with lstat, before SQLite sees the file. */
static int check_file(const char *path, const struct stat *sb, enum store_mode mode,
		      bool allow_shared)
{
	if (S_ISLNK(sb->st_mode))
		return ev_seterr("%s is a symbolic link", path);
	if (!S_ISREG(sb->st_mode))
		return ev_seterr("%s is not a regular file", path);
	if (!allow_shared) {
		if (sb->st_mode & 044)
			return ev_seterr("%s is readable by other users; chmod 600 it, "
					 "or set shared_database = yes in the config", path);
		if (sb->st_mode & 022)
			return ev_seterr("%s is writable by other users; chmod 600 it, "
					 "or set shared_database = yes in the config", path);
		if (sb->st_uid != geteuid())
			return ev_seterr("%s belongs to another user; "
					 "set shared_database = yes in the config to use it", path);
	}
	if (check_dir(path, allow_shared) != 0 || check_sidecars(path, sb, allow_shared) != 0)
		return -1;
	if (access(path, R_OK) != 0)
		return ev_seterr("cannot read %s: %s", path, strerror(errno));
	if (mode != STORE_READ) {
		if (access(path, W_OK) != 0)
			return ev_seterr("%s is read-only", path);
		/* the rollback journal is created beside the file */
		char *dir = fs_dirname(path);
		int rc = access(dir, W_OK | X_OK);
		if (rc != 0)
			ev_seterr("%s is read-only (its directory %s is not writable)", path, dir);
		free(dir);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int quick_check(store *st)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, "checking the database");
	rc = store_step(st, s, "checking the database");
	int ret = 0;
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);
		char buf[256];
		if (!r || strcmp(r, "ok") != 0)
			ret = ev_seterr("%s is damaged (%s)", st->path,
					store_one_line(r ? r : "quick_check failed", buf, sizeof buf));
	} else {
		ret = -1;
	}
	sqlite3_finalize(s);
	return ret;
}

static store *open_checked(const char *path, const struct stat *lsb, enum store_mode mode,
			   bool allow_shared);

/* ev_answered(skipped, has_notes, rating, no_rating): interview_answered
 * for SQL (the lists' Done column, store_priv.h ANSWERED_OF). */
static void sql_answered(sqlite3_context *c, int argc, sqlite3_value **v)
{
	(void)argc;
	sqlite3_result_int(c, interview_answered(sqlite3_value_int(v[0]) != 0, sqlite3_value_int(v[1]) != 0,
						 sqlite3_value_int(v[2]), sqlite3_value_int(v[3]) != 0));
}

store *store_open(const char *path, enum store_mode mode, bool allow_shared)
{
	store_sqlite_setup();
	if (str_empty(path)) {
		ev_seterr("no database file given");
		return NULL;
	}
	/* lstat first: nothing is created or opened when we refuse. */
	struct stat sb;
	bool created = false;
	for (int tries = 0; ; tries++) {
		if (lstat(path, &sb) == 0)
			break;
		int e = errno;
		if (e != ENOENT) {
			ev_seterr("cannot open %s: %s", path, strerror(e));
			return NULL;
		}
		if (mode != STORE_CREATE) {
			ev_seterr("%s does not exist", path);
			return NULL;
		}
		if (check_dir(path, allow_shared) != 0)
			return NULL;
		int rc = create_file(path);
		if (rc < 0 || (rc == 1 && tries > 2))
			return NULL;
		created = rc == 0;
	}
	store *st = open_checked(path, &sb, mode, allow_shared);
	if (!st && created) {
		/* leave nothing behind but what was there: remove the empty
		 * file made above (not if someone has written to it since) */
		struct stat now;
		if (lstat(path, &now) == 0 && S_ISREG(now.st_mode) && now.st_size == 0 &&
		    now.st_ino == sb.st_ino && now.st_dev == sb.st_dev)
			unlink(path);
	}
	return st;
}

/* Whether a reader should open path read-write: a journal is beside it
 * (checked by check_sidecars) and the user may write the file and its
 * directory.  A hot journal, left by a writer that was killed, must be
 * rolled back before anyone can read the file, and a read-only connection
 * cannot do it ("read-only" until some writer came along).  Rolling it
 * back restores what the last committed transaction left, which is what
 * the next writer would do; the connection is still query_only, so the
 * reader writes nothing else. */
static bool may_roll_back(const char *path)
{
	char *journal = xasprintf("%s-journal", path);
	struct stat sb;
	bool present = lstat(journal, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
	free(journal);
	if (!present || access(path, W_OK) != 0)
		return false;
	char *dir = fs_dirname(path);
	bool ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/* store_open once the file exists: check it, open it, validate it, then
 * set the connection up and bring the schema up to date. */
static store *open_checked(const char *path, const struct stat *lsb, enum store_mode mode,
			   bool allow_shared)
{
	struct stat sb = *lsb;
	if (check_file(path, &sb, mode, allow_shared) != 0)
		return NULL;
	off_t size = 0;
	if (check_header(path, &sb, &size) != 0)
		return NULL;
	/* An empty (0-byte) file is either the one create_file just made or
	 * one someone prepared (e.g. touch + chmod 600): it holds nothing to
	 * lose, so opening it for writing initialises it; reading refuses. */
	if (size == 0 && mode == STORE_READ) {
		ev_seterr("%s is empty: it holds no exitview database yet", path);
		return NULL;
	}

	store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->mode = mode;
	int flags = (mode == STORE_READ && !may_roll_back(path) ? SQLITE_OPEN_READONLY
							       : SQLITE_OPEN_READWRITE) |
		    SQLITE_OPEN_NOFOLLOW;
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		store_fail_rc(st, rc, "opening");
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_create_function(st->db, "ev_answered", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_answered, NULL, NULL);
	if (mode != STORE_READ && sqlite3_db_readonly(st->db, "main") == 1) {
		ev_seterr("%s is read-only", path);
		store_close(st);
		return NULL;
	}
	if (mode == STORE_READ && store_exec(st, "PRAGMA query_only = 1", "opening") != 0) {
		store_close(st);
		return NULL;
	}

	/* Validate: reads only. */
	struct dbinfo di;
	bool fresh;
	if (store_schema_read(st, &di) != 0 || store_schema_judge(st, &di, &fresh) != 0 ||
	    (!fresh && size <= QUICK_CHECK_MAX_BYTES && quick_check(st) != 0)) {
		store_close(st);
		return NULL;
	}
	if (fresh && mode == STORE_READ) {
		ev_seterr("%s is empty: it holds no exitview database yet", path);
		store_close(st);
		return NULL;
	}

	if (mode == STORE_READ) {
		if (di.version < SCHEMA_VERSION && store_schema_read_legacy(st, di.version) != 0) {
			store_close(st);
			return NULL;
		}
		return st;
	}
	/* Validated: now the connection settings and, if needed, the schema.
	 * Foreign keys are enforced only after the migrations, which rebuild
	 * tables (PRAGMA foreign_keys is a no-op inside a transaction).
	 * The page cache of a writing connection (the screen's) is kept small:
	 * SQLite's default lets it grow to 2 MB while a large note is read or
	 * saved, and the screen keeps that for as long as it runs (issue 6:
	 * the screen with a 1 MB note stays under 8 MB).  The hot b-tree pages
	 * fit in it, and a save of a large note spills to the file instead. */
	if (store_exec(st, "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;"
		 " PRAGMA journal_mode = DELETE; PRAGMA cache_size = " WRITE_CACHE_KIB,
		 "setting up the connection") != 0 ||
	    ((fresh || di.version < SCHEMA_VERSION) && store_write_tx(st, store_schema_migrate_tx, NULL) != 0) ||
	    store_exec(st, "PRAGMA foreign_keys = ON", "setting up the connection") != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(store *st)
{
	if (!st)
		return;
	for (int i = 0; i < S_COUNT_; i++)
		sqlite3_finalize(st->stmt[i]);
	store_notes_finalize(st);
	if (st->db)
		sqlite3_close(st->db);
	free(st->path);
	free(st->legacy_each_n);
	free(st->token);
	free(st);
}

const char *store_path(const store *st)
{
	return st ? st->path : "";
}

