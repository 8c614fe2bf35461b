/* recovery.h — notes the database would not take, kept in private files
 * that are never overwritten and are found again: offered at the next
 * resume of the interview, mentioned by `exitview list`.  No curses.
 *
 * A file is named interview-ID-PART-YYYYMMDD-HHMMSS-PID[-N].txt (PART: qN
 * for question N, observations, actions or details) and
 * holds the notes exactly.  It goes to the first place that takes it (the
 * disk may be full): the data directory's recovery/, then a private
 * exitview-recovery-UID directory in $TMPDIR (else /tmp) and in /dev/shm,
 * then ~/.exitview-recovery; each directory is 0700 and ours, each file
 * 0600, created O_EXCL and synced.  A file that has been restored is
 * renamed to end in .restored (kept, not deleted).
 */
#ifndef EXITVIEW_RECOVERY_H
#define EXITVIEW_RECOVERY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "exitview/interview.h"

/* The slot of an interview's details (employee, dates, reasons...) kept
 * as "field: value" lines. */
#define RECOVERY_DETAILS (-100)

/* Keep len bytes of text as interview id's slot (a question index, an
 * IV_SLOT_* value, or RECOVERY_DETAILS).  *path (malloc'd) says where.  Returns 0, or -1 with
 * ev_seterr() giving the reason of every place tried. */
int recovery_write(int64_t id, int slot, const char *text, size_t len, char **path);

/* When memory is exhausted: open a new recovery file for id's slot in dir
 * (made 0700 if missing) without allocating; the name goes to path.
 * Returns the descriptor (write, fsync and close it), or -1. */
int recovery_open_emergency(const char *dir, int64_t id, int slot, char *path, size_t size);
/* The first place recovery files go (malloc'd; see above). */
char *recovery_dir(void);

typedef struct recovery_file {
	char *path;
	int64_t id;
	int slot;
	time_t when;            /* when it was written (from its name) */
} recovery_file;

/* The recovery files not yet restored of interview id (0: of every
 * interview), oldest first.  Returns their count (0 or more; *out NULL
 * when 0). */
int recovery_find(int64_t id, recovery_file **out);
void recovery_files_free(recovery_file *f, int n);
/* Remove every recovery file of interview id, restored ones too (its
 * erasure).  How many were removed. */
int recovery_remove_all(int64_t id);
/* Mark f restored (renamed to PATH.restored).  Returns 0 or -1. */
int recovery_mark_restored(const recovery_file *f);
/* The details of iv as "field: value" lines, for RECOVERY_DETAILS
 * (malloc'd). */
char *recovery_details_text(const interview *iv);

#endif
