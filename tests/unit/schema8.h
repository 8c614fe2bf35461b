/* schema8.h — for tests of files older than schema 9, made from new ones:
 * SQL that gives a file of schema 9 the layout of schema 8 (each note one
 * row of `notes`, no search index), and a query that reads the notes of a
 * file of schema 9 as `notes` had them (a row a slot). */
#ifndef EXITVIEW_TEST_SCHEMA8_H
#define EXITVIEW_TEST_SCHEMA8_H

#define SCHEMA9_TO_8 \
	"DROP TRIGGER interviews_count_ai; DROP TRIGGER interviews_count_ad;" \
	" DROP TRIGGER interviews_count_au; DROP TABLE interview_counts;" \
	" DROP TRIGGER note_chunks_ai; DROP TRIGGER note_chunks_ad; DROP TRIGGER note_chunks_au;" \
	" DROP TRIGGER actions_ai; DROP TRIGGER actions_ad; DROP TRIGGER actions_au;" \
	" DROP TRIGGER interviews_ai; DROP TRIGGER interviews_ad; DROP TRIGGER interviews_au;" \
	" DROP TABLE notes_fts; DROP TABLE actions_fts; DROP TABLE people_fts;" \
	" CREATE TABLE notes (interview_id INTEGER NOT NULL REFERENCES interviews(id)" \
	" ON DELETE CASCADE, slot INTEGER NOT NULL, text TEXT NOT NULL," \
	" PRIMARY KEY (interview_id, slot));" \
	" INSERT INTO notes SELECT interview_id, slot, group_concat(text, '') FROM" \
	" (SELECT * FROM note_chunks ORDER BY id) GROUP BY interview_id, slot;" \
	" DROP TABLE note_chunks; PRAGMA user_version = 8;"

/* "SELECT text FROM " NOTES_OF " WHERE slot = 0" */
#define NOTES_OF \
	"(SELECT interview_id, slot, group_concat(text, '') AS text FROM" \
	" (SELECT * FROM note_chunks ORDER BY id) GROUP BY interview_id, slot)"

#endif
