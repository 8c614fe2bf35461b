/* store_claims.c — claims: which screens have an interview open (advisory),
 * with their heartbeats and the stale ones taken over. */
#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exitview/util.h"

/* ---- claims: which screens have an interview open ---- */

/* A claim whose heartbeat is older than this is stale (a hung SSH session
 * whose process is still alive). */
#define CLAIM_STALE_SECONDS 120

void store_set_now(store *st, int64_t now)
{
	st->now = now;
}

static int64_t claim_now(const store *st)
{
	return st->now ? st->now : (int64_t)time(NULL);
}

static void my_host(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		buf[0] = '\0';
	buf[size - 1] = '\0';
}

static void my_user(char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *name = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	if (name && *name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "uid %ld", (long)geteuid());
}

/* This handle's name in the claims table, made once: the pid and 64
 * random bits (two handles of one process are two screens). */
static const char *claim_token(store *st)
{
	if (st->token)
		return st->token;
	uint64_t r = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &r, sizeof r) != (ssize_t)sizeof r)
			r = 0;
		close(fd);
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	r ^= (uint64_t)ts.tv_nsec << 24 ^ (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)st;
	st->token = xasprintf("%ld-%016llx", (long)getpid(), (unsigned long long)r);
	return st->token;
}

/* Stale: no heartbeat for CLAIM_STALE_SECONDS, or made on this host by a
 * process that no longer exists. */
static bool claim_stale(const char *host, int64_t pid, int64_t heartbeat, int64_t now,
			const char *here)
{
	if (now - heartbeat > CLAIM_STALE_SECONDS)
		return true;
	return strcmp(host, here) == 0 && pid > 0 && pid <= INT_MAX &&
	       kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

struct claim_arg {
	int64_t id;
	store_claim_info other;
	bool release;
};

/* Take stale claims over, then claim (or refresh) ours; a.other is the
 * earliest live claim of another screen, others = 0 when there is none. */
static int claim_tx(store *st, void *arg)
{
	struct claim_arg *a = arg;
	memset(&a->other, 0, sizeof a->other);
	const char *mine = claim_token(st);
	sqlite3_stmt *s;
	if (a->release) {
		if (!(s = store_stmt_id(st, S_CLAIM_DEL, a->id)))
			return -1;
		bind_str(s, 2, mine);
		return store_run(st, s, "releasing the interview");
	}
	int state = store_iv_state(st, a->id);
	if (state <= 0)
		return state < 0 ? -1 : ev_seterr_code(EV_E_NOTFOUND, "no interview with ID %lld", (long long)a->id);
	char host[256], user[256];
	my_host(host, sizeof host);
	my_user(user, sizeof user);
	int64_t now = claim_now(st);
	if (!(s = store_stmt_id(st, S_CLAIMS, a->id)))
		return -1;
	char **stale = NULL;
	int nstale = 0, rc;
	while ((rc = store_step(st, s, "reading the claims")) == SQLITE_ROW) {
		const char *tok = (const char *)sqlite3_column_text(s, 0);
		const char *h = (const char *)sqlite3_column_text(s, 1);
		if (!tok || strcmp(tok, mine) == 0)
			continue;
		if (claim_stale(h ? h : "", sqlite3_column_int64(s, 2),
				sqlite3_column_int64(s, 5), now, host)) {
			stale = xrealloc(stale, (size_t)(nstale + 1) * sizeof *stale);
			stale[nstale++] = xstrdup(tok);
			continue;
		}
		if (a->other.others++ == 0) {
			const char *u = (const char *)sqlite3_column_text(s, 3);
			snprintf(a->other.host, sizeof a->other.host, "%s", h ? h : "");
			snprintf(a->other.user, sizeof a->other.user, "%s", u ? u : "");
			a->other.pid = sqlite3_column_int64(s, 2);
			a->other.since = sqlite3_column_int64(s, 4);
			a->other.heartbeat = sqlite3_column_int64(s, 5);
		}
	}
	sqlite3_reset(s);
	int ret = rc == SQLITE_DONE ? 0 : -1;
	for (int i = 0; i < nstale; i++) {
		if (ret == 0 && (s = store_stmt_id(st, S_CLAIM_DEL, a->id))) {
			bind_str(s, 2, stale[i]);
			ret = store_run(st, s, "taking over a stale claim");
		} else {
			ret = -1;
		}
		free(stale[i]);
	}
	free(stale);
	if (ret != 0 || !(s = store_stmt_id(st, S_CLAIM_SET, a->id)))
		return -1;
	bind_str(s, 2, mine);
	bind_str(s, 3, host);
	bind_i64(s, 4, (int64_t)getpid());
	bind_str(s, 5, user);
	bind_i64(s, 6, now);
	return store_run(st, s, "claiming the interview");
}

int store_claim(store *st, int64_t id, store_claim_info *other)
{
	struct claim_arg a = { .id = id };
	if (store_write_tx(st, claim_tx, &a) != 0)
		return -1;
	if (other)
		*other = a.other;
	return a.other.others > 0 ? 1 : 0;
}

int store_heartbeat(store *st, int64_t id, store_claim_info *other)
{
	return store_claim(st, id, other);
}

int store_release(store *st, int64_t id)
{
	if (!st->token)
		return 0;
	struct claim_arg a = { .id = id, .release = true };
	return store_write_tx(st, claim_tx, &a);
}

