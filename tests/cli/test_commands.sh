#!/bin/sh
# The command line end to end: an interview created, filled and closed
# without a screen; report, export, summary; every usage error.
. "$(dirname "$0")/lib.sh"

expect help 0 'usage: exitview' "$BIN" --help
expect version 0 '^exitview [0-9]+\.[0-9]+' "$BIN" --version
commands="new import resume list show report export reopen close set note action actions summary search templates check-config delete purge anonymise anonymize log"
for c in $commands; do
	expect "help-$c" 0 "usage: exitview .*$c" "$BIN" "$c" --help
done
# The overview fits 80 columns and gives each command one whole sentence,
# not the first line of a longer text cut mid-sentence.
"$BIN" --help > "$TMP/help.txt"
wide=$(awk 'length($0) > 80' "$TMP/help.txt")
[ -z "$wide" ] && ok help-80-columns || fail help-80-columns "$wide"
sed -n '/^commands:$/,/^$/p' "$TMP/help.txt" | sed '1d;$d' > "$TMP/summaries.txt"
for c in $commands; do
	line=$(grep -E "^  $c +[^ ]" "$TMP/summaries.txt")
	if [ "$(printf '%s\n' "$line" | grep -c .)" = 1 ] && printf '%s\n' "$line" | grep -Eq "^  $c +[A-Z].*[.)]\$"; then
		ok "help-summary-$c"
	else
		fail "help-summary-$c" "not one whole sentence: '$line'"
	fi
done
n=$(grep -c . "$TMP/summaries.txt")
[ "$n" = "$(echo $commands | wc -w)" ] && ok help-summary-count || fail help-summary-count "$n summary lines"
# ... while a command's own --help keeps its whole text.
expect help-new-full 0 'with --batch, or without a terminal, create it' "$BIN" new --help
expect help-set-full 0 'qN\.asked=LIST \(follow-up numbers' "$BIN" set --help
expect help-summary-full 0 'Every figure comes from at least the' "$BIN" summary --help
usage_error unknown-command "$BIN" frobnicate
usage_error unknown-option "$BIN" --frob
usage_error unknown-sub-option "$BIN" list --frob
usage_error missing-db-value "$BIN" -d
usage_error list-extra-arg "$BIN" list extra
usage_error list-open-closed "$BIN" list --open --closed
usage_error show-missing-id "$BIN" show
usage_error show-bad-id "$BIN" show abc
usage_error show-negative-id "$BIN" show -- -3
usage_error show-zero-id "$BIN" show 0
usage_error show-huge-id "$BIN" show 99999999999999999999
usage_error show-extra "$BIN" show 1 2
usage_error new-bad-date "$BIN" new --batch --last-day 2024-02-30
usage_error new-bad-date-format "$BIN" new --batch --interview-date 24-1-1
usage_error new-unknown-template "$BIN" new --batch --template nosuch
usage_error new-template-path "$BIN" new --batch --template ../etc/passwd
usage_error export-bad-since "$BIN" export --since yesterday
usage_error export-both "$BIN" export --csv --json
usage_error export-range "$BIN" export --since 2025-02-01 --until 2025-01-01
usage_error summary-bad-by "$BIN" summary --by colour
usage_error report-no-output-name "$BIN" report 1 -o ''
usage_error set-no-field "$BIN" set 1
usage_error note-missing-slot "$BIN" note 1

# Nothing yet: list is empty, show names the ID.
expect list-empty 0 'no interviews' "$BIN" list
usage_error show-no-db "$BIN" show 1
[ ! -e "$TMP/db/exitview.db" ] && ok read-commands-create-nothing || fail read-commands-create-nothing "a database appeared"

# Create, fill, close.
id=$(new_interview --employee "Åsa Öberg" --role "Engineer" --department "Platform" \
	--manager "Kim Lee" --start-date 2019-03-01 --last-day 2025-06-30 --interview-date 2025-06-20)
[ "$id" = 1 ] && ok new-batch-prints-id || fail new-batch-prints-id "got '$id'"
perm=$(stat -c %a "$TMP/db/exitview.db"); dperm=$(stat -c %a "$TMP/db")
[ "$perm" = 600 ] && [ "$dperm" = 700 ] && ok db-private || fail db-private "db $perm dir $dperm"
id2=$(new_interview --employee "王小明" --role "Designer" --department "Design" --template standard-sv)
[ "$id2" = 2 ] && ok new-second || fail new-second "got '$id2'"

succeeds set-details "$BIN" set "$id" separation=voluntary reason=compensation reason2=career \
	assessed=manager regrettable=yes rehire=yes would-return=yes "conditions=A team lead role" \
	q5.rating=4 q1.asked=1,2 q2.rating=5 q3.skipped=yes
# ... and every value is stored as given
got=$("$BIN" export --json | python3 -c '
import json, sys
r = [r for r in json.load(sys.stdin) if r["id"] == int(sys.argv[1])][0]
q = r["questions"]
want = {"separation": "voluntary", "reason_primary": "compensation", "reason_secondary": "career",
        "reason_assessed": "manager", "regrettable": "yes", "rehire": "yes", "would_return": "yes",
        "return_conditions": "A team lead role"}
bad = ["%s=%r" % (k, r[k]) for k in want if r[k] != want[k]]
if q[4]["rating"] != 4: bad.append("q5.rating=%r" % q[4]["rating"])
if [f["asked"] for f in q[0]["followups"]][:3] != [True, True, False]: bad.append("q1.asked")
if q[1]["rating"] != 5: bad.append("q2.rating=%r" % q[1]["rating"])
if not q[2]["skipped"] or q[1]["skipped"]: bad.append("q3.skipped")
print(" ".join(bad) or "ok")' "$id")
[ "$got" = ok ] && ok set-details-stored || fail set-details-stored "$got"
usage_error set-bad-rating "$BIN" set "$id" q1.rating=7
usage_error set-bad-question "$BIN" set "$id" q99.rating=1
usage_error set-bad-field "$BIN" set "$id" shoe-size=42
usage_error set-bad-category "$BIN" set "$id" reason=boredom
usage_error set-bad-asked "$BIN" set "$id" q1.asked=1,x
usage_error set-bad-date "$BIN" set "$id" last-day=2025-13-01
usage_error set-unknown-id "$BIN" set 999 role=x
printf 'The pay was below market.\n\nA second paragraph, with "quotes", commas and å ä ö.\n' |
	"$BIN" note "$id" 1 && ok note-q1 || fail note-q1 "note failed"
printf 'Good colleagues; 自由な雰囲気.\n' | "$BIN" note "$id" 2 && ok note-q2 || fail note-q2 "note failed"
printf "Robert'); DROP TABLE interviews;--\n" | "$BIN" note "$id" 4 && ok note-sql || fail note-sql "note failed"
printf 'Hesitated about the manager question.\n' | "$BIN" note "$id" observations && ok note-obs || fail note-obs ""
printf 'Review salary bands.\n' | "$BIN" note "$id" actions && ok note-actions || fail note-actions ""
printf 'Follow up in Q3.\n' | "$BIN" note --append "$id" actions && ok note-append || fail note-append ""
usage_error note-bad-slot "$BIN" note "$id" 42 </dev/null

expect show-has-employee 0 'Åsa Öberg' "$BIN" show "$id"
expect show-has-notes 0 'The pay was below market' "$BIN" show "$id"
expect show-sql-verbatim 0 "DROP TABLE interviews" "$BIN" show "$id"
expect show-append 0 'Follow up in Q3' "$BIN" show "$id"
expect list-table 0 'Åsa Öberg' "$BIN" list
expect list-tsv-header 0 '^id	status	employee' "$BIN" list --tsv
n=$("$BIN" list --tsv | wc -l)
[ "$n" = 3 ] && ok list-tsv-rows || fail list-tsv-rows "got $n lines"
first=$("$BIN" list --tsv | sed -n 2p | cut -f1)
[ "$first" = "$id" ] || [ "$first" = "$id2" ] && ok list-tsv-id-first || fail list-tsv-id-first "got $first"

# Report to a chosen file: 0600, printed path, 72 columns.
expect report-o 0 "$TMP/r1.txt" "$BIN" report "$id" -o "$TMP/r1.txt"
[ "$(stat -c %a "$TMP/r1.txt")" = 600 ] && ok report-mode || fail report-mode "$(stat -c %a "$TMP/r1.txt")"
wide=$(python3 -c "
import sys, unicodedata
def w(s): return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
print(sum(1 for l in open(sys.argv[1], encoding='utf-8') if w(l.rstrip('\n')) > 72))" "$TMP/r1.txt")
[ "$wide" = 0 ] && ok report-72-columns || fail report-72-columns "$wide lines wider than 72"
ln -s "$TMP/elsewhere" "$TMP/link.txt"
runtime_error report-refuses-symlink 'symbolic link' "$BIN" report "$id" -o "$TMP/link.txt"
[ ! -e "$TMP/elsewhere" ] && ok report-symlink-untouched || fail report-symlink-untouched "written through"
expect report-stdout 0 'Åsa Öberg' "$BIN" report "$id" -o -
expect show-open-status 0 '^Status: +Open$' "$BIN" show "$id"

# Close: report in the report directory, interview read-only, stored report.
expect close 0 "reports/exitview-$id-" "$BIN" close "$id"
path=$OUT
[ -f "$path" ] && ok close-report-file || fail close-report-file "no $path"
[ "$(stat -c %a "$path")" = 600 ] && ok close-report-mode || fail close-report-mode ""
"$BIN" show "$id" > "$TMP/show.txt"
cmp -s "$TMP/show.txt" "$path" && ok show-equals-report || fail show-equals-report "differ"
"$BIN" report "$id" -o - > "$TMP/again.txt"
cmp -s "$TMP/again.txt" "$path" && ok report-stdout-equals-closed-report || fail report-stdout-equals-closed-report "differ"
# The report of a closed interview says so, with the close time (local time,
# minutes) that the database keeps; export gives that time in UTC.
closed_when=$("$BIN" export --json | python3 -c '
import calendar, json, sys, time
r = [r for r in json.load(sys.stdin) if str(r["id"]) == sys.argv[1]][0]
t = calendar.timegm(time.strptime(r["closed_at"], "%Y-%m-%dT%H:%M:%SZ"))
print(time.strftime("%Y-%m-%d %H:%M", time.localtime(t)))' "$id")
if grep -Eqx "Status: +Closed at $closed_when" "$path" && ! grep -q '^Status: *Open' "$path"; then
	ok close-report-says-closed
else
	fail close-report-says-closed "want 'Closed at $closed_when', got: $(grep '^Status' "$path")"
fi
expect show-closed-status 0 "^Status: +Closed at $closed_when\$" "$BIN" show "$id"
runtime_error set-closed 'closed' "$BIN" set "$id" role=x
printf 'x' > "$TMP/x"; runtime_error note-closed 'closed' sh -c "\"$BIN\" note $id 1 < $TMP/x"
runtime_error close-twice 'already closed' "$BIN" close "$id"
expect list-closed 0 "closed" "$BIN" list --closed
n=$("$BIN" list --open --tsv | wc -l)
[ "$n" = 2 ] && ok list-open-filter || fail list-open-filter "got $n lines"
expect reopen 0 'reopened' "$BIN" reopen "$id"
runtime_error reopen-open 'not closed' "$BIN" reopen "$id"
succeeds set-after-reopen "$BIN" set "$id" role="Senior Engineer"
expect show-after-reopen 0 'Senior Engineer' "$BIN" show "$id"
expect show-reopened-status 0 '^Status: +Open \(reopened at [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\)$' "$BIN" show "$id"

# Export: CSV and JSON parse back with real parsers.
"$BIN" export --csv > "$TMP/e.csv" && ok export-csv || fail export-csv "exit $?"
python3 - "$TMP/e.csv" <<'PY' && ok export-csv-parses || fail export-csv-parses "python check failed"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 2, rows
r = [r for r in rows if r['employee'] == 'Åsa Öberg'][0]
assert 'commas and å ä ö' in r['q1_notes'] and '\n\n' in r['q1_notes'], r['q1_notes']
assert r['q5_rating'] == '4', r['q5_rating']
assert "DROP TABLE" in r['q4_notes']
PY
"$BIN" export --json > "$TMP/e.json" && ok export-json || fail export-json "exit $?"
python3 - "$TMP/e.json" <<'PY' && ok export-json-parses || fail export-json-parses "python check failed"
import json, sys
data = json.load(open(sys.argv[1], encoding='utf-8'))
assert len(data) == 2
s = json.dumps(data, ensure_ascii=False)
assert 'Åsa Öberg' in s and '王小明' in s and '自由な雰囲気' in s
PY
"$BIN" export --json --pseudonymous > "$TMP/a.json" 2>"$TMP/a.err" || fail export-pseudonymous "exit $?"
if grep -q 'Åsa\|Kim Lee' "$TMP/a.json"; then fail export-pseudonymous "names present"
elif ! grep -q '自由な雰囲気' "$TMP/a.json"; then fail export-pseudonymous "the notes are gone"
else ok export-pseudonymous; fi
grep -q 'warning: a pseudonymous export keeps IDs, dates and every note' "$TMP/a.err" && ok export-pseudonymous-warns \
	|| fail export-pseudonymous-warns "$(cat "$TMP/a.err")"
# two interviews: too few for an anonymous export (tests/cli/privacy.sh has more)
expect export-anonymous-too-few 1 'fewer than 5 interviews to export' "$BIN" export --anonymous
"$BIN" export --csv --since 2025-06-01 --until 2025-06-30 > "$TMP/r.csv"
python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8'))); assert len(r)==1 and r[0]['id']=='$id', len(r)" "$TMP/r.csv" \
	&& ok export-range || fail export-range "wrong rows"
"$BIN" export -o "$TMP/out.csv" && [ "$(stat -c %a "$TMP/out.csv")" = 600 ] && ok export-o-private || fail export-o-private ""

# Summary: two interviews are below the default threshold of 5.
expect summary-threshold 0 '[Ff]ewer than 5' "$BIN" summary
expect summary-by 0 '[Ff]ewer than 5' "$BIN" summary --by department

# Templates and configuration.
expect templates 0 'standard-sv' "$BIN" templates
expect templates-leader 0 'leader' "$BIN" templates
expect check-config 0 'ok' "$BIN" check-config
mkdir -p "$XDG_CONFIG_HOME/exitview/templates"
printf '[template]\ntitle = Broken\n[question 1]\ntitle = One\n' > "$XDG_CONFIG_HOME/exitview/templates/broken.ini"
runtime_error check-config-broken-template 'broken.ini:[0-9]+: ' "$BIN" check-config "$XDG_CONFIG_HOME/exitview/templates/broken.ini"
rm "$XDG_CONFIG_HOME/exitview/templates/broken.ini"
printf '[exitview]\nautosave = soon\n' > "$TMP/bad.ini"
runtime_error check-config-bad-value 'bad.ini:2: ' "$BIN" check-config "$TMP/bad.ini"
runtime_error config-bad-value-refused 'bad.ini:2: ' "$BIN" -c "$TMP/bad.ini" list
runtime_error config-missing 'nosuch.ini' "$BIN" -c "$TMP/nosuch.ini" list

# Databases that are not ours are refused and left unchanged.
printf 'this is not a database\n' > "$TMP/junk.db"; chmod 600 "$TMP/junk.db"
sum=$(md5sum < "$TMP/junk.db")
runtime_error foreign-db 'junk.db' "$BIN" -d "$TMP/junk.db" list
runtime_error foreign-db-write 'junk.db' sh -c "\"$BIN\" -d \"$TMP/junk.db\" new --batch </dev/null"
[ "$(md5sum < "$TMP/junk.db")" = "$sum" ] && ok foreign-db-unchanged || fail foreign-db-unchanged "changed"
cp "$TMP/db/exitview.db" "$TMP/shared.db"; chmod 644 "$TMP/shared.db"
runtime_error world-readable-db 'other users' "$BIN" -d "$TMP/shared.db" list
printf '[exitview]\nshared_database = yes\n' > "$TMP/shared.ini"
expect shared-db-allowed 0 'Åsa' "$BIN" -c "$TMP/shared.ini" -d "$TMP/shared.db" list
