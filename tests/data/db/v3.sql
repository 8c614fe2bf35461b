-- An exitview database as schema version 3 wrote it (issue 6's layout):
-- the template text once per form, the answers, notes and reports in
-- tables of their own, and no versions or claims yet.  test_store.c builds
-- a file from this with the sqlite3 shell and checks that opening it for
-- writing migrates it to schema 4 in one transaction with every text
-- intact, and that reading it in place gives what the migrated file gives.
-- The same three interviews as v2.sql, plus a long observations note
-- (overflow pages) on interview 3.
PRAGMA application_id = 1163413844;  -- 0x45584954, "EXIT"
PRAGMA user_version = 3;
BEGIN;
CREATE TABLE forms (
 id INTEGER PRIMARY KEY,
 key BLOB NOT NULL UNIQUE
);
CREATE TABLE form_questions (
 form INTEGER NOT NULL REFERENCES forms(id),
 idx INTEGER NOT NULL,
 title TEXT NOT NULL DEFAULT '',
 prompt TEXT NOT NULL DEFAULT '',
 hint TEXT NOT NULL DEFAULT '',
 PRIMARY KEY (form, idx)
) WITHOUT ROWID;
CREATE TABLE form_followups (
 form INTEGER NOT NULL,
 q_idx INTEGER NOT NULL,
 idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 62),
 text TEXT NOT NULL DEFAULT '',
 PRIMARY KEY (form, q_idx, idx),
 FOREIGN KEY (form, q_idx) REFERENCES form_questions(form, idx)
) WITHOUT ROWID;
CREATE TABLE form_categories (
 form INTEGER NOT NULL REFERENCES forms(id),
 idx INTEGER NOT NULL,
 key TEXT NOT NULL,
 label TEXT NOT NULL DEFAULT '',
 PRIMARY KEY (form, idx)
) WITHOUT ROWID;
CREATE TABLE interviews (
 id INTEGER PRIMARY KEY,
 closed INTEGER NOT NULL DEFAULT 0,
 updated INTEGER NOT NULL DEFAULT 0,
 created INTEGER NOT NULL DEFAULT 0,
 form INTEGER NOT NULL REFERENCES forms(id),
 nquestions INTEGER NOT NULL DEFAULT 0,
 answered INTEGER NOT NULL DEFAULT 0,
 day TEXT NOT NULL DEFAULT '',
 interview_date TEXT NOT NULL DEFAULT '',
 last_day TEXT NOT NULL DEFAULT '',
 employee TEXT NOT NULL DEFAULT '',
 role TEXT NOT NULL DEFAULT '',
 department TEXT NOT NULL DEFAULT '',
 interviewer TEXT NOT NULL DEFAULT '',
 template_name TEXT NOT NULL DEFAULT '',
 manager TEXT NOT NULL DEFAULT '',
 start_date TEXT NOT NULL DEFAULT '',
 separation INTEGER NOT NULL DEFAULT 0,
 reason_primary TEXT NOT NULL DEFAULT '',
 reason_secondary TEXT NOT NULL DEFAULT '',
 reason_assessed TEXT NOT NULL DEFAULT '',
 regrettable INTEGER NOT NULL DEFAULT 0,
 rehire INTEGER NOT NULL DEFAULT 0,
 would_return INTEGER NOT NULL DEFAULT 0,
 elapsed INTEGER NOT NULL DEFAULT 0,
 closed_at INTEGER NOT NULL DEFAULT 0,
 reopened_at INTEGER NOT NULL DEFAULT 0,
 cur_slot INTEGER NOT NULL DEFAULT 0,
 cur_offset INTEGER NOT NULL DEFAULT 0,
 language TEXT NOT NULL DEFAULT '',
 template_title TEXT NOT NULL DEFAULT '',
 scale1 TEXT NOT NULL DEFAULT '',
 scale2 TEXT NOT NULL DEFAULT '',
 scale3 TEXT NOT NULL DEFAULT '',
 scale4 TEXT NOT NULL DEFAULT '',
 scale5 TEXT NOT NULL DEFAULT '',
 return_conditions TEXT NOT NULL DEFAULT ''
);
CREATE TABLE questions (
 interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
 idx INTEGER NOT NULL,
 rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
 skipped INTEGER NOT NULL DEFAULT 0,
 asked INTEGER NOT NULL DEFAULT 0,
 has_notes INTEGER NOT NULL DEFAULT 0,
 PRIMARY KEY (interview_id, idx)
) WITHOUT ROWID;
CREATE TABLE notes (
 interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
 slot INTEGER NOT NULL,
 text TEXT NOT NULL,
 PRIMARY KEY (interview_id, slot)
);
CREATE TABLE reports (
 interview_id INTEGER PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
 text TEXT NOT NULL
);
CREATE INDEX interviews_updated ON interviews(updated DESC, id DESC);
CREATE INDEX interviews_closed ON interviews(closed, updated DESC, id DESC);
CREATE INDEX interviews_day ON interviews(day, id);

-- The template copies (forms.key is store.c's form_key of the text).
INSERT INTO forms VALUES (1, CAST('exitview form 1' || char(10) || 'Q4' || char(10) || '7:Varför18:Varför slutar du?7:Lyssna.F2' || char(10) || '22:När började du leta?24:Kunde vi ändrat något?4:Chef17:Hur var din chef?0:F0' || char(10) || '4:Team15:Hur var teamet?0:F1' || char(10) || '14:Vem saknar du?4:Råd12:Något råd?0:F0' || char(10) || 'C3' || char(10) || '12:compensation19:Lön och förmåner6:growth10:Utveckling7:manager4:Chef' AS BLOB));
INSERT INTO forms VALUES (2, CAST('exitview form 1' || char(10) || 'Q1' || char(10) || '3:Why10:Why leave?0:F0' || char(10) || 'C1' || char(10) || '10:relocation10:Relocation' AS BLOB));
INSERT INTO forms VALUES (3, CAST('exitview form 1' || char(10) || 'Q2' || char(10) || '3:Why10:Why leave?0:F0' || char(10) || '7:Manager13:Your manager?0:F1' || char(10) || '12:Weekly 1:1s?C1' || char(10) || '5:other5:Other' AS BLOB));
INSERT INTO form_questions VALUES (1, 0, 'Varför', 'Varför slutar du?', 'Lyssna.');
INSERT INTO form_questions VALUES (1, 1, 'Chef', 'Hur var din chef?', '');
INSERT INTO form_questions VALUES (1, 2, 'Team', 'Hur var teamet?', '');
INSERT INTO form_questions VALUES (1, 3, 'Råd', 'Något råd?', '');
INSERT INTO form_questions VALUES (2, 0, 'Why', 'Why leave?', '');
INSERT INTO form_questions VALUES (3, 0, 'Why', 'Why leave?', '');
INSERT INTO form_questions VALUES (3, 1, 'Manager', 'Your manager?', '');
INSERT INTO form_followups VALUES (1, 0, 0, 'När började du leta?');
INSERT INTO form_followups VALUES (1, 0, 1, 'Kunde vi ändrat något?');
INSERT INTO form_followups VALUES (1, 2, 0, 'Vem saknar du?');
INSERT INTO form_followups VALUES (3, 1, 0, 'Weekly 1:1s?');
INSERT INTO form_categories VALUES (1, 0, 'compensation', 'Lön och förmåner');
INSERT INTO form_categories VALUES (1, 1, 'growth', 'Utveckling');
INSERT INTO form_categories VALUES (1, 2, 'manager', 'Chef');
INSERT INTO form_categories VALUES (2, 0, 'relocation', 'Relocation');
INSERT INTO form_categories VALUES (3, 0, 'other', 'Other');

-- 1: open, reopened once, left at question 3; notes of every kind.
INSERT INTO interviews VALUES (1, 0, 1708400000, 1708000000, 1, 4, 3, '2024-02-20', '2024-02-20', '2024-02-29', 'Åsa Öberg', 'Utvecklare', 'Forskning', 'Karin HR', 'standard-sv', 'Bo Ek', '2019-03-01', 1, 'compensation', 'growth', 'manager', 1, 1, 2, 1800, 1708100000, 1708200000, 2, 17, 'sv', 'Avgångssamtal', 'Mycket dåligt', 'Dåligt', 'Okej', 'Bra', 'Mycket bra', 'Högre lön' || char(10) || 'och distans');
-- 2: closed with its report kept; no interview date (day = creation date).
INSERT INTO interviews VALUES (2, 1, 1709500000, 1709000000, 2, 1, 1, '2024-02-27', '', '', '山田 太郎', 'Designer', 'デザイン', '', 'standard', '', '', 2, '', '', '', 0, 0, 0, 60, 1709500000, 0, 0, 0, 'en', 'Standard', '1', '2', '3', '4', '5', '');
-- 3: open, nothing answered but white space and a skip.
INSERT INTO interviews VALUES (3, 0, 1709600000, 1709600000, 3, 2, 0, '2024-03-05', '2024-03-05', '', 'Nils Holm', 'Säljare', 'Sälj', '', 'standard', '', '', 0, '', '', '', 0, 0, 0, 0, 0, 0, -1, 0, 'en', 'Standard', '1', '2', '3', '4', '5', '');
INSERT INTO questions VALUES (1, 0, 2, 0, 1, 1);
INSERT INTO questions VALUES (1, 1, 0, 1, 0, 0);
INSERT INTO questions VALUES (1, 2, 5, 0, 1, 0);
INSERT INTO questions VALUES (1, 3, 0, 0, 0, 1);
INSERT INTO questions VALUES (2, 0, 4, 0, 0, 1);
INSERT INTO questions VALUES (3, 0, 0, 0, 0, 0);
INSERT INTO questions VALUES (3, 1, 0, 1, 0, 0);
INSERT INTO notes VALUES (1, -2, 'Se över lönetrappan');
INSERT INTO notes VALUES (1, -1, 'Tittade bort ofta');
INSERT INTO notes VALUES (1, 0, 'Lönen. "Citat" och '';DROP TABLE x;--' || char(10) || 'rad två');
INSERT INTO notes VALUES (1, 3, 'Inga råd');
INSERT INTO notes VALUES (2, 0, 'Moving');
INSERT INTO notes VALUES (3, 0, ' ' || char(10) || char(9));
INSERT INTO reports VALUES (2, 'EXIT INTERVIEW' || char(10) || 'Employee: 山田 太郎' || char(10));
INSERT INTO notes VALUES (3, -2, 'Ring tillbaka');
-- 24,000 characters: the note spans overflow pages.
INSERT INTO notes VALUES (3, -1, replace(hex(zeroblob(6000)), '00', 'åäö' || char(10)));
COMMIT;
