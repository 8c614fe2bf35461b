/* store_search.h — full-text search over what was written in every
 * interview (schema 9, issue 14): the notes of each question, the
 * preparation, the opening and closing checklists' notes, the
 * observations, the notes about the action items, and the action items
 * themselves.  SQLite FTS5 with the unicode61 tokenizer: case is folded
 * for every letter (Å finds å), diacritics are kept (å ä ö are not a and
 * o).  The index is the store's: every save, action write, delete and
 * anonymisation keeps it up to date (store_schema.c, the triggers), and
 * what a delete or an anonymisation removes leaves the index's pages too.
 *
 * The query language (store_search_parse):
 *     word          the word, in any case ("lön" finds "Lön", not "lon")
 *     word*         a word beginning so ("befor*" finds "befordran")
 *     "two words"   the words in this order, side by side; "two wo"* too
 *     a OR b        either (OR in capitals between two terms)
 * Terms side by side must all match (in one part of one interview).  A
 * word is what the tokenizer makes a word: letters and digits; "e-mail"
 * is the phrase "e mail".
 */
#ifndef EXITVIEW_STORE_SEARCH_H
#define EXITVIEW_STORE_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "exitview/store.h"

/* The part of an interview a hit is in: a notes slot (a question's index
 * or IV_SLOT_*), or an action item. */
#define STORE_HIT_ACTION (-100)

typedef struct store_hit {
	int64_t id;              /* the interview */
	char *employee;
	bool closed;
	char day[11];            /* its interview date, else the day it was made */
	int slot;                /* question index, IV_SLOT_*, or STORE_HIT_ACTION */
	int64_t action;          /* STORE_HIT_ACTION: the action's number */
	char *title;             /* a question's title, else "" */
	char *snippet;           /* the words around the first match in that part, on
	                          * one line, each match between mark_open and
	                          * mark_close, cut text marked by ellipsis */
} store_hit;

typedef struct store_search_opts {
	enum store_filter filter;      /* open, closed or all interviews */
	const char *since, *until;     /* YYYY-MM-DD on the interview's day, NULL: open */
	int limit;                     /* at most this many hits; <= 0: all */
	const char *mark_open, *mark_close, *ellipsis;   /* NULL: "[", "]", "..." */
	int words;                     /* words in a snippet, 1 to 64; 0: 16 */
} store_search_opts;

/* Whether st has the index (a file before schema 9 read in place has
 * not; opening it for writing builds it). */
bool store_has_search(const store *st);

/* The hits of query (the language above), newest interview (highest ID)
 * first, within one interview in the order of its screen (preparation,
 * opening, the questions, closing, observations, action notes, actions),
 * one hit per part.  Returns how many (<= limit, hits malloc'd: free with
 * store_hits_free), with *more set when there were more; or -1: a bad
 * query (ev_lastcode() EV_E_BADQUERY, the message says why), a bad date,
 * no index, an error. */
int store_search(store *st, const char *query, const store_search_opts *o, store_hit **hits,
		 bool *more);
void store_hits_free(store_hit *hits, int n);

/* query in FTS5's syntax, malloc'd; NULL with EV_E_BADQUERY when it is not
 * one of the language above (an unbalanced quote, a '*' inside a word, a
 * dangling OR, nothing to search for). */
char *store_search_parse(const char *query);
/* The start screen's filter as a query of people_fts: every word typed
 * (split at white space) as a prefix, all of them; NULL when it has no
 * word at all (only punctuation: then nothing filters). */
char *store_search_filter_query(const char *match);

#endif
