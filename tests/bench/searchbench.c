/* searchbench.c — the figures of search, the start screen's filter and
 * saving a 1 MB note (issues 14 and 15), through the store as exitview
 * uses it.
 *
 * usage: searchbench search DB RUNS QUERY...
 *            each QUERY (store_search, at most 50 hits, as `exitview
 *            search`) RUNS times; prints "search_ms_K MEDIAN" and
 *            "search_hits_K N" for the K-th query (from 1)
 *        searchbench filter DB RUNS NAME...
 *            type each NAME into the start screen's filter a character
 *            at a time: per key the count and the first page (store_count
 *            and store_list, as ui_start.c does); prints "filter_key_ms
 *            MEDIAN" and "filter_key_max_ms MAX" over every key of every run
 *        searchbench people DB N
 *            add N interviews with names, roles, departments and managers
 *            (English and Swedish, a fixed seed) but no notes to DB: the
 *            start screen's filter at 100,000 interviews, made in seconds
 *        searchbench save DB ID N RUNS
 *            put a 1 MB note into question N (from 1) of interview ID, then RUNS saves, each after
 *            eight more characters typed in its middle (a second of
 *            typing); prints "save1mb_bytes", "save1mb_syncs" and
 *            "save1mb_ms" (medians per save: bytes written to the
 *            database and its journal, fsync/fdatasync calls, time)
 *
 * The bytes and syncs are counted by a VFS that passes everything on to
 * SQLite's own (the unix one) and counts xWrite and xSync.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "exitview/config.h"
#include "exitview/interview.h"
#include "exitview/store.h"
#include "exitview/store_search.h"
#include "exitview/template.h"
#include "exitview/util.h"
#include "benchutil.h"
#include "prose.h"

static int fail(void)
{
	fprintf(stderr, "searchbench: %s\n", ev_lasterr());
	return 1;
}


static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return n ? v[n / 2] : 0;
}

/* ---- a counting VFS ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs count_vfs;
static long long written, syncs;

struct cfile {
	sqlite3_file base;
	sqlite3_file *real;
};
#define REAL(f) (((struct cfile *)(f))->real)

static int c_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int c_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int c_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	written += n;
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int c_truncate(sqlite3_file *f, sqlite3_int64 s) { return REAL(f)->pMethods->xTruncate(REAL(f), s); }
static int c_sync(sqlite3_file *f, int fl)
{
	syncs++;
	return REAL(f)->pMethods->xSync(REAL(f), fl);
}
static int c_size(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int c_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int c_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int c_check(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int c_fcntl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int c_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int c_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int c_shmmap(sqlite3_file *f, int i, int sz, int e, void volatile **p) { return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, e, p); }
static int c_shmlock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void c_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int c_shmunmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int c_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int c_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods count_io = {
	3, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock, c_unlock, c_check,
	c_fcntl, c_sector, c_dev, c_shmmap, c_shmlock, c_shmbarrier, c_shmunmap, c_fetch, c_unfetch,
};

static int c_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)v;
	struct cfile *c = (struct cfile *)f;
	c->real = (sqlite3_file *)(c + 1);
	int rc = real_vfs->xOpen(real_vfs, name, c->real, flags, out);
	f->pMethods = c->real->pMethods ? &count_io : NULL;
	return rc;
}

static void count_install(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	count_vfs = *real_vfs;
	count_vfs.zName = "count";
	count_vfs.szOsFile = (int)sizeof(struct cfile) + real_vfs->szOsFile;
	count_vfs.xOpen = c_open;
	sqlite3_vfs_register(&count_vfs, 1);
}

/* ---- the measurements ---- */

static int search(store *st, int runs, int nq, char **q)
{
	store_search_opts o = { STORE_ALL, NULL, NULL, 50, "[", "]", "...", 16 };
	double *ms = xcalloc((size_t)runs, sizeof *ms);
	for (int k = 0; k < nq; k++) {
		int hits = 0;
		for (int i = 0; i < runs; i++) {
			store_hit *h;
			bool more;
			double t0 = bench_now_ms();
			int n = store_search(st, q[k], &o, &h, &more);
			ms[i] = bench_now_ms() - t0;
			if (n < 0) {
				free(ms);
				return fail();
			}
			hits = n;
			store_hits_free(h, n);
		}
		printf("search_ms_%d %.3f\nsearch_hits_%d %d\n", k + 1, median(ms, runs), k + 1, hits);
	}
	free(ms);
	return 0;
}

static int filter(store *st, int runs, int nn, char **names)
{
	int cap = 0, n = 0;
	double *ms = NULL, worst = 0;
	for (int r = 0; r < runs; r++) {
		for (int k = 0; k < nn; k++) {
			size_t len = strlen(names[k]);
			for (size_t at = 1; at <= len; at++) {
				if (((unsigned char)names[k][at] & 0xc0) == 0x80)
					continue;   /* the middle of a character */
				char *typed = xstrndup(names[k], at);
				store_row *rows;
				double t0 = bench_now_ms();
				int c = store_count(st, STORE_ALL, typed);
				int m = store_list(st, STORE_ALL, typed, 0, 18, &rows);
				double t = bench_now_ms() - t0;
				if (getenv("SEARCHBENCH_VERBOSE"))
					fprintf(stderr, "%-20s %6d %8.3f ms\n", typed, c, t);
				free(typed);
				if (c < 0 || m < 0)
					return fail();
				store_rows_free(rows, m);
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					ms = xrealloc(ms, (size_t)cap * sizeof *ms);
				}
				ms[n++] = t;
				if (t > worst)
					worst = t;
			}
		}
	}
	printf("filter_key_ms %.3f\nfilter_key_max_ms %.3f\n", median(ms, n), worst);
	free(ms);
	return 0;
}

static const char *const first[] = {
	"Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Emma", "Oskar", "Sofia", "Karl", "Olivia",
	"James", "Priya", "Tomás", "Chloé", "Noah", "Hanna", "Mohammed", "Åsa", "Björn", "Linnéa",
	"Jörgen", "Märta", "Ingrid", "Göran", "Maja", "Elsa", "Nils", "Östen", "Håkan", "Ylva",
};
static const char *const last[] = {
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
	"Svensson", "Lindström", "Öberg", "Åkesson", "Bäckström", "Smith", "Jones", "Taylor", "Patel",
	"Nguyen", "Müller", "García", "Kowalski", "Okafor", "Sjögren", "Ek", "Håkansson", "Berg",
};
static const char *const depts[] = {
	"Engineering", "Sales", "Customer Support", "Operations", "Finance", "Marketing", "Ekonomi",
	"Försäljning", "Kundtjänst", "People",
};
static const char *const roles[] = {
	"Software Engineer", "Account Executive", "Support Agent", "Operations Analyst", "Controller",
	"Säljare", "Utvecklare", "Ekonom", "Recruiter", "Team Lead",
};

/* A SQL list of the strings: ('a'), ('b'), ... (none holds a quote). */
static void sql_values(strbuf *sb, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%s('%s')", i ? ", " : "", v[i]);
}

/* One interview through the store (its form, its questions), then n - 1
 * copies of its row with other names in one INSERT ... SELECT (the
 * triggers index each): a second or two instead of a transaction each. */
static int people(store *st, const char *path, long n)
{
	settings cfg;
	if (settings_load(&cfg, NULL) != 0)
		return fail();
	template *tpl = template_find(&cfg, "standard");
	if (!tpl) {
		settings_free(&cfg);
		return fail();
	}
	interview *iv = interview_new(tpl);
	str_set(&iv->employee, "Anna Andersson");
	int rc = store_create(st, iv) == 0 ? 0 : fail();
	int64_t id = iv->id;
	interview_free(iv);
	template_free(tpl);
	settings_free(&cfg);
	store_close(st);
	if (rc != 0 || n < 2)
		return rc;
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "WITH f(v) AS (VALUES ");
	sql_values(&sql, first, EV_ARRAY_LEN(first));
	sb_puts(&sql, "), l(v) AS (VALUES ");
	sql_values(&sql, last, EV_ARRAY_LEN(last));
	sb_puts(&sql, "), d(v) AS (VALUES ");
	sql_values(&sql, depts, EV_ARRAY_LEN(depts));
	sb_puts(&sql, "), r(v) AS (VALUES ");
	sql_values(&sql, roles, EV_ARRAY_LEN(roles));
	sb_printf(&sql, "), fa AS (SELECT row_number() OVER () - 1 AS k, v FROM f),"
		  " la AS (SELECT row_number() OVER () - 1 AS k, v FROM l),"
		  " da AS (SELECT row_number() OVER () - 1 AS k, v FROM d),"
		  " ra AS (SELECT row_number() OVER () - 1 AS k, v FROM r),"
		  " n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < %ld)"
		  " INSERT INTO interviews (closed, updated, created, form, nquestions, day,"
		  " interview_date, last_day, employee, role, department, manager)"
		  " SELECT x %% 10 > 0, i.updated + x, i.created + x, i.form, i.nquestions,"
		  " '2024-01-01', '2024-01-01', '2024-01-31',"
		  " (SELECT v FROM fa WHERE k = (x * 7919) %% %d) || ' ' || (SELECT v FROM la WHERE k = (x * 104729) %% %d),"
		  " (SELECT v FROM ra WHERE k = (x * 31) %% %d), (SELECT v FROM da WHERE k = (x * 17) %% %d),"
		  " (SELECT v FROM fa WHERE k = (x * 13) %% %d) || ' ' || (SELECT v FROM la WHERE k = (x * 7) %% %d)"
		  " FROM n, interviews i WHERE i.id = %lld",
		  n - 1, (int)EV_ARRAY_LEN(first), (int)EV_ARRAY_LEN(last), (int)EV_ARRAY_LEN(roles),
		  (int)EV_ARRAY_LEN(depts), (int)EV_ARRAY_LEN(first), (int)EV_ARRAY_LEN(last), (long long)id);
	sqlite3 *db;
	char *err = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sb_str(&sql), NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "searchbench: %s\n", err ? err : sqlite3_errmsg(db));
		rc = 1;
	}
	sqlite3_free(err);
	sqlite3_close(db);
	sb_free(&sql);
	return rc;
}

static int save(store *st, int64_t id, int slot, int runs)
{
	strbuf text = STRBUF_INIT;
	prng r;
	prng_seed(&r, 7);
	prose_notes(&text, &r, "en", 1048576);
	if (store_save_notes(st, id, slot, sb_str(&text)) != 0)
		return fail();
	double *b = xcalloc((size_t)runs, sizeof *b), *s = xcalloc((size_t)runs, sizeof *s);
	double *ms = xcalloc((size_t)runs, sizeof *ms);
	size_t mid = text.len / 2;
	for (int i = 0; i < runs; i++) {
		/* eight characters typed in the middle, then the autosave */
		strbuf next = STRBUF_INIT;
		sb_add(&next, text.s, mid);
		sb_puts(&next, "typed it");
		sb_add(&next, text.s + mid, text.len - mid);
		mid += 8;
		sb_free(&text);
		text = next;
		written = syncs = 0;
		double t0 = bench_now_ms();
		if (store_save_notes(st, id, slot, sb_str(&text)) != 0)
			return fail();
		ms[i] = bench_now_ms() - t0;
		b[i] = (double)written;
		s[i] = (double)syncs;
	}
	printf("save1mb_bytes %.0f\nsave1mb_syncs %.0f\nsave1mb_ms %.3f\n", median(b, runs),
	       median(s, runs), median(ms, runs));
	free(b);
	free(s);
	free(ms);
	sb_free(&text);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: searchbench search DB RUNS QUERY...\n"
			"       searchbench filter DB RUNS NAME...\n"
			"       searchbench people DB N\n"
			"       searchbench save DB ID N RUNS\n");
		return 2;
	}
	count_install();
	bool is_save = strcmp(argv[1], "save") == 0, is_people = strcmp(argv[1], "people") == 0;
	store *st = store_open(argv[2], is_save ? STORE_WRITE : is_people ? STORE_CREATE : STORE_READ, false);
	if (!st)
		return fail();
	int rc;
	if (is_save && argc == 6)
		rc = save(st, strtoll(argv[3], NULL, 10), atoi(argv[4]) - 1, atoi(argv[5]));
	else if (is_people) {
		rc = people(st, argv[2], atol(argv[3]));
		st = NULL;   /* closed by people */
	}
	else if (strcmp(argv[1], "search") == 0)
		rc = search(st, atoi(argv[3]), argc - 4, argv + 4);
	else if (strcmp(argv[1], "filter") == 0)
		rc = filter(st, atoi(argv[3]), argc - 4, argv + 4);
	else
		rc = 2;
	store_close(st);
	return rc;
}
