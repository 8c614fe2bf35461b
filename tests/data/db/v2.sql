-- An exitview database as schema version 2 wrote it: the v1 tables with
-- reopened_at, cur_slot, cur_offset, report and day added at the end of
-- interviews, notes inside questions and interviews.  test_store.c builds a
-- file from this with the sqlite3 shell and checks that opening it migrates
-- to the current schema with every value intact (notes, reports, the
-- answered counts the list shows).
PRAGMA application_id = 1163413844;  -- 0x45584954, "EXIT"
PRAGMA user_version = 2;
BEGIN;
CREATE TABLE interviews (
 id INTEGER PRIMARY KEY,
 employee TEXT NOT NULL DEFAULT '',
 role TEXT NOT NULL DEFAULT '',
 department TEXT NOT NULL DEFAULT '',
 manager TEXT NOT NULL DEFAULT '',
 interviewer TEXT NOT NULL DEFAULT '',
 start_date TEXT NOT NULL DEFAULT '',
 last_day TEXT NOT NULL DEFAULT '',
 interview_date TEXT NOT NULL DEFAULT '',
 template_name TEXT NOT NULL DEFAULT '',
 template_title TEXT NOT NULL DEFAULT '',
 language TEXT NOT NULL DEFAULT '',
 separation INTEGER NOT NULL DEFAULT 0,
 reason_primary TEXT NOT NULL DEFAULT '',
 reason_secondary TEXT NOT NULL DEFAULT '',
 reason_assessed TEXT NOT NULL DEFAULT '',
 regrettable INTEGER NOT NULL DEFAULT 0,
 rehire INTEGER NOT NULL DEFAULT 0,
 would_return INTEGER NOT NULL DEFAULT 0,
 return_conditions TEXT NOT NULL DEFAULT '',
 observations TEXT NOT NULL DEFAULT '',
 actions TEXT NOT NULL DEFAULT '',
 scale1 TEXT NOT NULL DEFAULT '',
 scale2 TEXT NOT NULL DEFAULT '',
 scale3 TEXT NOT NULL DEFAULT '',
 scale4 TEXT NOT NULL DEFAULT '',
 scale5 TEXT NOT NULL DEFAULT '',
 elapsed INTEGER NOT NULL DEFAULT 0,
 created INTEGER NOT NULL DEFAULT 0,
 updated INTEGER NOT NULL DEFAULT 0,
 closed INTEGER NOT NULL DEFAULT 0,
 closed_at INTEGER NOT NULL DEFAULT 0,
 reopened_at INTEGER NOT NULL DEFAULT 0,
 cur_slot INTEGER NOT NULL DEFAULT 0,
 cur_offset INTEGER NOT NULL DEFAULT 0,
 report TEXT,
 day TEXT NOT NULL DEFAULT ''
);
CREATE TABLE questions (
 interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
 idx INTEGER NOT NULL,
 title TEXT NOT NULL DEFAULT '',
 prompt TEXT NOT NULL DEFAULT '',
 hint TEXT NOT NULL DEFAULT '',
 notes TEXT NOT NULL DEFAULT '',
 rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
 skipped INTEGER NOT NULL DEFAULT 0,
 PRIMARY KEY (interview_id, idx)
);
CREATE TABLE followups (
 interview_id INTEGER NOT NULL,
 q_idx INTEGER NOT NULL,
 idx INTEGER NOT NULL,
 text TEXT NOT NULL DEFAULT '',
 asked INTEGER NOT NULL DEFAULT 0,
 PRIMARY KEY (interview_id, q_idx, idx),
 FOREIGN KEY (interview_id, q_idx) REFERENCES questions(interview_id, idx) ON DELETE CASCADE
);
CREATE TABLE categories (
 interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
 idx INTEGER NOT NULL,
 key TEXT NOT NULL,
 label TEXT NOT NULL DEFAULT '',
 PRIMARY KEY (interview_id, idx)
);
CREATE INDEX interviews_updated ON interviews(updated DESC, id DESC);
CREATE INDEX interviews_closed ON interviews(closed, updated DESC, id DESC);
CREATE INDEX interviews_day ON interviews(day, id);

-- 1: open, reopened once, left at question 3; notes of every kind.
INSERT INTO interviews VALUES (1, 'Åsa Öberg', 'Utvecklare', 'Forskning', 'Bo Ek',
 'Karin HR', '2019-03-01', '2024-02-29', '2024-02-20', 'standard-sv',
 'Avgångssamtal', 'sv', 1, 'compensation', 'growth', 'manager', 1, 1, 2,
 'Högre lön' || char(10) || 'och distans', 'Tittade bort ofta', 'Se över lönetrappan',
 'Mycket dåligt', 'Dåligt', 'Okej', 'Bra', 'Mycket bra', 1800, 1708000000,
 1708400000, 0, 1708100000, 1708200000, 2, 17, NULL, '2024-02-20');
-- 2: closed with its report kept; no interview date (day = creation date).
INSERT INTO interviews VALUES (2, '山田 太郎', 'Designer', 'デザイン', '', '',
 '', '', '', 'standard', 'Standard', 'en', 2, '', '', '', 0, 0, 0, '', '', '',
 '1', '2', '3', '4', '5', 60, 1709000000, 1709500000, 1, 1709500000, 0, 0, 0,
 'EXIT INTERVIEW' || char(10) || 'Employee: 山田 太郎' || char(10), '2024-02-27');
-- 3: open, nothing answered but white space and a skip.
INSERT INTO interviews VALUES (3, 'Nils Holm', 'Säljare', 'Sälj', '', '', '', '',
 '2024-03-05', 'standard', 'Standard', 'en', 0, '', '', '', 0, 0, 0, '', '',
 'Ring tillbaka', '1', '2', '3', '4', '5', 0, 1709600000, 1709600000, 0, 0, 0,
 -1, 0, NULL, '2024-03-05');
INSERT INTO questions VALUES (1, 0, 'Varför', 'Varför slutar du?', 'Lyssna.',
 'Lönen. "Citat" och '';DROP TABLE x;--' || char(10) || 'rad två', 2, 0);
INSERT INTO questions VALUES (1, 1, 'Chef', 'Hur var din chef?', '', '', 0, 1);
INSERT INTO questions VALUES (1, 2, 'Team', 'Hur var teamet?', '', '', 5, 0);
INSERT INTO questions VALUES (1, 3, 'Råd', 'Något råd?', '', 'Inga råd', 0, 0);
INSERT INTO questions VALUES (2, 0, 'Why', 'Why leave?', '', 'Moving', 4, 0);
INSERT INTO questions VALUES (3, 0, 'Why', 'Why leave?', '', ' ' || char(10) || char(9), 0, 0);
INSERT INTO questions VALUES (3, 1, 'Manager', 'Your manager?', '', '', 0, 1);
INSERT INTO followups VALUES (1, 0, 0, 'När började du leta?', 1);
INSERT INTO followups VALUES (1, 0, 1, 'Kunde vi ändrat något?', 0);
INSERT INTO followups VALUES (1, 2, 0, 'Vem saknar du?', 1);
INSERT INTO followups VALUES (3, 1, 0, 'Weekly 1:1s?', 0);
INSERT INTO categories VALUES (1, 0, 'compensation', 'Lön och förmåner');
INSERT INTO categories VALUES (1, 1, 'growth', 'Utveckling');
INSERT INTO categories VALUES (1, 2, 'manager', 'Chef');
INSERT INTO categories VALUES (2, 0, 'relocation', 'Relocation');
INSERT INTO categories VALUES (3, 0, 'other', 'Other');
COMMIT;
