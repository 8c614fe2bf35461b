#!/bin/sh
# exitview import FILE.csv (issue 13): planned interviews from a list of
# leavers; the new IDs on stdout, the counts on stderr; all or nothing (a
# refused file leaves the database as it was); a second import of the
# same file creates nothing.
. "$(dirname "$0")/lib.sh"

day() { date -d "$1 days" +%F; }
f="$TMP/leavers.csv"
printf '\357\273\277employee,role,department,manager,last_day,interview_date,template\r\n' >"$f"
printf '"Öberg, Åsa",Engineer,Platform,"Kim ""KL"" Lee",%s,%s,\r\n' "$(day 30)" "$(day 25)" >>"$f"
printf '\r\n' >>"$f"
printf 'Bo Berg,Head of Sales,Sales,Ann,%s,%s,leader\r\n' "$(day 40)" "$(day 40)" >>"$f"
printf '王小明,Designer,Design,,%s,,standard-sv\r\n' "$(day 50)" >>"$f"

if run import-creates 0 "$BIN" import "$f"; then
	[ "$OUT" = "$(printf '1\n2\n3')" ] && ok import-prints-ids || fail import-prints-ids "stdout '$OUT'"
	printf '%s\n' "$ERR" | grep -q "^exitview: warning: .*leavers.csv:4: the interview date is on the last working day" \
		&& ok import-warns-with-line || fail import-warns-with-line "$ERR"
	printf '%s\n' "$ERR" | tail -1 | grep -qx 'exitview: imported 3, skipped 0' \
		&& ok import-says-counts || fail import-says-counts "$ERR"
fi
tsv=$("$BIN" list --tsv)
printf '%s\n' "$tsv" | awk -F'\t' -v d="$(day 30)" '$1 == 1 && $3 == "Öberg, Åsa" && $4 == "Engineer" && $5 == "Platform" && $7 == "standard" && $9 == d { f = 1 } END { exit !f }' \
	&& ok import-row-stored || fail import-row-stored "$tsv"
printf '%s\n' "$tsv" | awk -F'\t' '$1 == 2 && $7 == "leader" { a = 1 } $1 == 3 && $7 == "standard-sv" && $8 == "" { b = 1 } END { exit !(a && b) }' \
	&& ok import-templates-and-empty-date || fail import-templates-and-empty-date "$tsv"
"$BIN" show 1 | grep -q 'Kim "KL" Lee' && ok import-doubled-quotes || fail import-doubled-quotes "manager not as given"

# the same file again: nothing new, every row said skipped
if run import-again 0 "$BIN" import "$f"; then
	[ -z "$OUT" ] && ok import-again-no-ids || fail import-again-no-ids "'$OUT'"
	printf '%s\n' "$ERR" | grep -q '^exitview: imported 0, skipped 3 already there (the same employee and last working day): .*leavers.csv:2 (interview 1)' \
		&& ok import-again-says-skipped || fail import-again-says-skipped "$ERR"
	[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] && ok import-again-one-line || fail import-again-one-line "$ERR"
fi
[ "$("$BIN" list --tsv)" = "$tsv" ] && ok import-again-no-duplicates || fail import-again-no-duplicates "the list changed"

# a new row among old ones: only it
cp "$f" "$TMP/more.csv"
printf 'Cy Ek,Analyst,Finance,,%s,%s,\n' "$(day 20)" "$(day 15)" >>"$TMP/more.csv"
if run import-more 0 "$BIN" import "$TMP/more.csv"; then
	[ "$OUT" = 4 ] && ok import-more-only-new || fail import-more-only-new "'$OUT'"
	printf '%s\n' "$ERR" | grep -q 'imported 1, skipped 3' && ok import-more-counts || fail import-more-counts "$ERR"
fi
tsv=$("$BIN" list --tsv)

# refused files: one line naming FILE:LINE, exit 2, the database unchanged
refused() {   # NAME PATTERN CONTENT
	printf '%b' "$3" >"$TMP/bad.csv"
	if run "$1" 2 "$BIN" import "$TMP/bad.csv"; then
		if [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && printf '%s\n' "$ERR" | grep -Eq "^exitview: .*bad.csv:$2"; then
			ok "$1"
		else fail "$1" "stderr: $ERR"; fi
		[ -z "$OUT" ] || fail "$1-stdout" "'$OUT'"
	fi
	[ "$("$BIN" list --tsv)" = "$tsv" ] && ok "$1-nothing-created" || fail "$1-nothing-created" "the database changed"
}
H='employee,role,department,manager,last_day,interview_date'
refused import-bad-date "3: bad date '2027-02-30'" "$H\nNew One,,,,$(day 10),\nNew Two,,,,2027-02-30,\n"
refused import-unknown-template "2: .*nope" "$H,template\nNew One,,,,$(day 10),,nope\n"
refused import-unknown-column "1: unknown columns 'salary', 'grade'" "$H,salary,grade\nNew,,,,$(day 10),,1,2\n"
refused import-missing-column "1: missing column manager" "employee,role,department,last_day,interview_date\nNew,,,$(day 10),\n"
refused import-field-count "3: 5 fields, but the header has 6" "$H\nNew One,,,,$(day 10),\nNew Two,,,$(day 10),\n"
refused import-two-lines "2: employee must be one line" "$H\n\"New\nOne\",,,,$(day 10),\n"
refused import-control-char "2: role must not contain" "$H\nNew,Bad\033[2Jrole,,,$(day 10),\n"
refused import-unclosed-quote "3: a quoted field is not closed" "$H\nNew One,,,,$(day 10),\n\"New,,,,$(day 10),\n"
refused import-bad-utf8 "2: employee is not valid UTF-8" "$H\nN\377w,,,,$(day 10),\n"
refused import-empty-employee "2: employee is empty" "$H\n,,,,$(day 10),\n"
refused import-empty-file " empty" ""

runtime_error import-missing-file 'cannot open' "$BIN" import "$TMP/nope.csv"
usage_error import-no-file "$BIN" import
usage_error import-two-files "$BIN" import "$f" "$f"
expect import-help 0 "a bad row \(FILE:LINE\) creates no interview" "$BIN" import --help
# a refused import into no database makes none
rm -rf "$TMP/db2"
printf '%b' "$H\nNew,,,,2027-02-30,\n" >"$TMP/bad.csv"
EXITVIEW_DB="$TMP/db2/x.db" "$BIN" import "$TMP/bad.csv" 2>/dev/null
[ ! -e "$TMP/db2/x.db" ] && ok import-refused-creates-no-db || fail import-refused-creates-no-db "a database appeared"
