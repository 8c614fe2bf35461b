/* benchtool.c — small store operations the benchmark needs.
 *
 * usage: benchtool middle DB ID SLOT
 *            put the interviewer's position of an open interview at the
 *            middle of that slot's notes (slot: 0-based question index),
 *            so that `exitview resume ID` opens there; prints the offset
 *        benchtool save DB ID SLOT BYTES RUNS
 *            time RUNS saves of a BYTES note into that slot, alternating
 *            two texts so that every save changes it; prints
 *            "save_ms MEDIAN" (what one autosave costs the store)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exitview/interview.h"
#include "exitview/store.h"
#include "exitview/util.h"
#include "benchutil.h"
#include "prose.h"

static int fail(void)
{
	fprintf(stderr, "benchtool: %s\n", ev_lasterr());
	return 1;
}


static int middle(store *st, int64_t id, int slot)
{
	interview *iv = store_load(st, id);
	if (!iv)
		return fail();
	char **notes = interview_slot_notes(iv, slot);
	if (!notes) {
		fprintf(stderr, "benchtool: interview %lld has no slot %d\n", (long long)id, slot);
		interview_free(iv);
		return 1;
	}
	size_t off = strlen(*notes) / 2;
	while (off > 0 && ((unsigned char)(*notes)[off] & 0xc0) == 0x80)
		off--;
	int rc = store_save_position(st, id, slot, (int64_t)off, iv->elapsed);
	interview_free(iv);
	if (rc != 0)
		return fail();
	printf("%zu\n", off);
	return 0;
}

static int save(store *st, int64_t id, int slot, long bytes, int runs)
{
	strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	prng r;
	prng_seed(&r, 42);
	prose_notes(&a, &r, "en", bytes);
	prose_notes(&b, &r, "sv", bytes);
	double *ms = xcalloc((size_t)runs, sizeof *ms);
	int rc = 0;
	for (int i = 0; i < runs && rc == 0; i++) {
		double t0 = bench_now_ms();
		if (store_save_notes(st, id, slot, sb_str(i % 2 ? &b : &a)) != 0)
			rc = fail();
		ms[i] = bench_now_ms() - t0;
	}
	if (rc == 0) {
		qsort(ms, (size_t)runs, sizeof *ms, bench_cmp_double);
		printf("save_ms %.3f\n", ms[runs / 2]);
	}
	free(ms);
	sb_free(&a);
	sb_free(&b);
	return rc;
}

int main(int argc, char **argv)
{
	bool is_mid = argc == 5 && strcmp(argv[1], "middle") == 0;
	bool is_save = argc == 7 && strcmp(argv[1], "save") == 0;
	if (!is_mid && !is_save) {
		fprintf(stderr, "usage: benchtool middle DB ID SLOT\n"
			"       benchtool save DB ID SLOT BYTES RUNS\n");
		return 2;
	}
	store *st = store_open(argv[2], STORE_WRITE, false);
	if (!st)
		return fail();
	int64_t id = strtoll(argv[3], NULL, 10);
	int slot = atoi(argv[4]);
	int rc;
	if (is_mid) {
		rc = middle(st, id, slot);
	} else {
		long bytes = atol(argv[5]);
		int runs = atoi(argv[6]);
		rc = bytes > 0 && runs > 0 ? save(st, id, slot, bytes, runs) : 2;
	}
	store_close(st);
	return rc;
}
