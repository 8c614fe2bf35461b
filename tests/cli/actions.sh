#!/bin/sh
# Action items from the command line: action add/done/reopen/edit/delete,
# the listing `actions` with its filters, exit codes and messages, a closed
# interview refused, delete and anonymise, show/report/export, and the
# migration of a schema-7 file's free-text action notes.
. "$(dirname "$0")/lib.sh"

mk() { "$BIN" new --batch "$@" | tail -1; }
a=$(mk --employee "Åsa Öberg" --interview-date 2026-03-10)
b=$(mk --employee "Bo Ek" --interview-date 2026-03-11)

expect add-first 0 '^1$' "$BIN" action add "$a" "Review pay bands" --owner "Lena Lönn" --due 2001-02-03 --question 2
expect add-second 0 '^2$' "$BIN" action add "$a" "Call back"
expect add-other 0 '^3$' "$BIN" action add "$b" "Talk to Kim" --owner kim --due 2999-01-01
usage_error add-bad-date "$BIN" action add "$a" "x" --due 2026-02-30
expect add-bad-date-says 2 "bad due date '2026-02-30': use YYYY-MM-DD" "$BIN" action add "$a" "x" --due 2026-02-30
usage_error add-empty "$BIN" action add "$a" "   "
usage_error add-two-lines "$BIN" action add "$a" "$(printf 'one\ntwo')"
usage_error add-no-question "$BIN" action add "$a" "x" --question 42
usage_error add-bad-question "$BIN" action add "$a" "x" --question zwei
usage_error add-unknown-iv "$BIN" action add 999 "x"
usage_error add-missing "$BIN" action add "$a"
usage_error add-text-option "$BIN" action add "$a" "x" --text y
usage_error no-sub "$BIN" action
usage_error bad-sub "$BIN" action frob 1
usage_error done-bad-number "$BIN" action done x
expect done-unknown 2 "no action number 77" "$BIN" action done 77
expect help 0 "action add ID TEXT" "$BIN" action --help
expect help-sub 0 "--question N" "$BIN" action add --help
expect help-list 0 "--overdue" "$BIN" actions --help

succeeds done "$BIN" action done 2
"$BIN" actions --tsv > "$TMP/tsv"
head -1 "$TMP/tsv" | grep -qx "$(printf 'number\tinterview\temployee\tdue\tstatus\towner\tquestion\ttext')" \
	&& ok tsv-header || fail tsv-header "$(head -1 "$TMP/tsv")"
grep -qx "$(printf '1\t%s\tÅsa Öberg\t2001-02-03\toverdue\tLena Lönn\t2\tReview pay bands' "$a")" "$TMP/tsv" \
	&& ok tsv-overdue || fail tsv-overdue "$(cat "$TMP/tsv")"
grep -qx "$(printf '2\t%s\tÅsa Öberg\t\tdone\t\t\tCall back' "$a")" "$TMP/tsv" \
	&& ok tsv-done || fail tsv-done "$(cat "$TMP/tsv")"
[ "$(sed -n 2p "$TMP/tsv" | cut -f1)" = 1 ] && [ "$(sed -n 4p "$TMP/tsv" | cut -f1)" = 2 ] \
	&& ok tsv-by-due || fail tsv-by-due "$(cut -f1 "$TMP/tsv" | tr '\n' ' ')"
[ "$("$BIN" actions --open --tsv | tail -n +2 | cut -f1 | tr '\n' ' ')" = "1 3 " ] \
	&& ok list-open || fail list-open "$("$BIN" actions --open --tsv)"
[ "$("$BIN" actions --done --tsv | tail -n +2 | cut -f1 | tr '\n' ' ')" = "2 " ] \
	&& ok list-done || fail list-done "$("$BIN" actions --done --tsv)"
[ "$("$BIN" actions --overdue --tsv | tail -n +2 | cut -f1 | tr '\n' ' ')" = "1 " ] \
	&& ok list-overdue || fail list-overdue "$("$BIN" actions --overdue --tsv)"
[ "$("$BIN" actions --owner KIM --tsv | tail -n +2 | cut -f1 | tr '\n' ' ')" = "3 " ] \
	&& ok list-owner || fail list-owner "$("$BIN" actions --owner KIM --tsv)"
expect list-table 0 'overdue +Lena Lönn +Review pay bands' "$BIN" actions
usage_error list-both "$BIN" actions --open --done
usage_error list-overdue-done "$BIN" actions --overdue --done
usage_error list-arg "$BIN" actions extra

succeeds reopen "$BIN" action reopen 2
succeeds edit "$BIN" action edit 2 --owner "Bo" --due 2030-01-01 --text "Call back in May"
"$BIN" actions --tsv | grep -qx "$(printf '2\t%s\tÅsa Öberg\t2030-01-01\topen\tBo\t\tCall back in May' "$a")" \
	&& ok edit-kept || fail edit-kept "$("$BIN" actions --tsv)"
usage_error edit-nothing "$BIN" action edit 2
usage_error edit-bad-due "$BIN" action edit 2 --due tomorrow
usage_error done-owner-option "$BIN" action done 2 --owner x

# show, report and export agree
"$BIN" show "$a" > "$TMP/show"
grep -q '^  \[ \] Review pay bands$' "$TMP/show" && grep -q 'Owner: Lena Lönn; Due: 2001-02-03; From question 2' "$TMP/show" \
	&& ok show-actions || fail show-actions "$(grep -A8 'Action items' "$TMP/show")"
"$BIN" report "$a" -o "$TMP/rep.txt" >/dev/null 2>&1
cmp -s "$TMP/show" "$TMP/rep.txt" && ok report-same || fail report-same "show and report differ"
"$BIN" export --json -o "$TMP/x.json" 2>/dev/null
python3 - "$TMP/x.json" "$a" <<'PY' && ok export-json || fail export-json "see above"
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
iv = [x for x in d if x["id"] == int(sys.argv[2])][0]
want = {"number": 1, "text": "Review pay bands", "owner": "Lena Lönn", "due": "2001-02-03",
        "status": "open", "question": 2}
assert iv["actions"][0] == want, iv["actions"]
assert "opening_checklist" in iv and set(iv["opening_checklist"]) == {"done", "items"}
PY
"$BIN" export --csv -o "$TMP/x.csv" 2>/dev/null
python3 - "$TMP/x.csv" "$a" <<'PY' && ok export-csv || fail export-csv "see above"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')))
r = [x for x in rows if x["id"] == sys.argv[2]][0]
assert r["actions"].split("\n")[0] == "[ ] Review pay bands (owner: Lena Lönn; due: 2001-02-03; question: 2)", r["actions"]
assert r["actions_open"] == "2" and r["actions_done"] == "0", r
assert r["opening_items"] != "" and r["closing_done"] != "", r
PY

# a closed interview's actions cannot change
"$BIN" close "$a" >/dev/null 2>&1 || fail close-setup "close failed"
expect closed-add 1 "interview $a is closed; reopen it first" "$BIN" action add "$a" "late"
expect closed-done 1 "interview $a is closed" "$BIN" action done 1
expect closed-reopen 1 "interview $a is closed" "$BIN" action reopen 1
expect closed-edit 1 "interview $a is closed" "$BIN" action edit 1 --text x
expect closed-delete 1 "interview $a is closed" "$BIN" action delete 1
[ "$("$BIN" actions --tsv | grep -c "")" -eq 4 ] && ok closed-unchanged || fail closed-unchanged "$("$BIN" actions --tsv)"

# anonymise: no text, no owner left; delete: the actions go with it
"$BIN" anonymise "$a" --yes >/dev/null 2>&1
grep -q -a -F -e "Review pay bands" -e "Lena Lönn" "$EXITVIEW_DB" && fail anonymise-bytes "text left in the file" || ok anonymise-bytes
[ "$("$BIN" actions --tsv | awk -F'\t' -v a="$a" '$2 == a && $8 == "" && $6 == ""' | wc -l)" -eq 2 ] \
	&& ok anonymise-counts-kept || fail anonymise-counts-kept "$("$BIN" actions --tsv)"
"$BIN" delete "$b" --yes >/dev/null 2>&1
"$BIN" actions --tsv | grep -q "Talk to Kim" && fail delete-cascade "still listed" || ok delete-cascade
expect delete-gone 2 "no action number 3" "$BIN" action done 3

# no database at all: an empty list, nothing created
EXITVIEW_DB="$TMP/none/x.db" "$BIN" actions > "$TMP/o" 2>&1 && grep -qx "no action items" "$TMP/o" \
	&& [ ! -e "$TMP/none/x.db" ] && ok no-db || fail no-db "$(cat "$TMP/o")"

# the migration: a schema-7 file (this code's, with the table dropped and the
# notes put back) gets one action per non-empty line; its slot is emptied
if command -v sqlite3 >/dev/null 2>&1; then
	export EXITVIEW_DB="$TMP/db/old.db"
	m=$(mk --employee "Mig Migsson")
	"$BIN" action add "$m" "newer" >/dev/null
	sqlite3 "$EXITVIEW_DB" "$SCHEMA9_TO_8 DROP TABLE actions; DELETE FROM sqlite_sequence WHERE name = 'actions';
		INSERT INTO notes (interview_id, slot, text) VALUES ($m, -2,
		'- Se över lönetrappan' || char(10) || char(10) || '  * Ring Kim  ' || char(10) || '[ ] Boka möte');
		PRAGMA user_version = 7;" && chmod 600 "$EXITVIEW_DB"
	"$BIN" show "$m" | grep -q '^  \[ \] Ring Kim$' && ok migrate-read-in-place || fail migrate-read-in-place "$("$BIN" show "$m" | grep -A6 'Action items')"
	"$BIN" actions --tsv | tail -n +2 | cut -f1,5,8 > "$TMP/mig0"
	printf '1\topen\tSe över lönetrappan\n2\topen\tRing Kim\n3\topen\tBoka möte\n' | cmp -s - "$TMP/mig0" \
		&& ok migrate-list-in-place || fail migrate-list-in-place "$(cat "$TMP/mig0")"
	[ "$("$BIN" actions --done --tsv | wc -l)" -eq 1 ] && ok migrate-list-in-place-done || fail migrate-list-in-place-done "$("$BIN" actions --done --tsv)"
	[ "$(sqlite3 "$EXITVIEW_DB" 'PRAGMA user_version')" = 7 ] && ok migrate-read-only-unchanged || fail migrate-read-only-unchanged "migrated by a read"
	"$BIN" action add "$m" "after" >/dev/null   # the first write migrates
	"$BIN" actions --tsv | tail -n +2 | cut -f1,8 > "$TMP/mig"
	printf '1\tSe över lönetrappan\n2\tRing Kim\n3\tBoka möte\n4\tafter\n' | cmp -s - "$TMP/mig" \
		&& ok migrate-lines || fail migrate-lines "$(cat "$TMP/mig")"
	[ "$(sqlite3 "$EXITVIEW_DB" 'PRAGMA user_version')" = 11 ] && ok migrate-version || fail migrate-version "not 10"
	[ "$(sqlite3 "$EXITVIEW_DB" 'SELECT count(*) FROM note_chunks WHERE slot = -2')" = 0 ] \
		&& ok migrate-slot-emptied || fail migrate-slot-emptied "the notes are still there"
else
	echo "skip migrate: no sqlite3 shell"
fi
