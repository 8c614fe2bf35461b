/* prose.h — deterministic interview-like text for the benchmark and the
 * reliability tests: a PRNG that gives the same numbers on every machine,
 * and English or Swedish notes composed from sentence fragments. */
#ifndef EXITVIEW_BENCH_PROSE_H
#define EXITVIEW_BENCH_PROSE_H

#include <stdint.h>

#include "exitview/util.h"

/* xorshift64*: fixed sequence for a seed (0 is replaced by a constant). */
typedef struct prng {
	uint64_t s;
} prng;

void prng_seed(prng *r, uint64_t seed);
uint64_t prng_next(prng *r);
/* Uniform in [lo, hi]. */
long prng_range(prng *r, long lo, long hi);
/* True with probability percent/100. */
int prng_chance(prng *r, int percent);
/* An index into weights[0..n-1], chosen in proportion to the weights. */
int prng_weighted(prng *r, const int *weights, int n);
/* One of n strings. */
const char *prng_pick(prng *r, const char *const *list, int n);

/* Append sentences in the language ("sv" = Swedish, anything else =
 * English) until about target bytes were added; paragraphs now and then. */
void prose_notes(strbuf *sb, prng *r, const char *lang, long target);
/* Non-verbal observations: one to three sentences. */
void prose_observations(strbuf *sb, prng *r, const char *lang);
/* Action items: one to three "- " lines. */
void prose_actions(strbuf *sb, prng *r, const char *lang);

#endif
