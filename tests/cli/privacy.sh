#!/bin/sh
# Anonymity that holds: summaries and the anonymous export on a database
# with known people in it.  No name, note, ID or exact date leaves in an
# anonymous export; a day-precise period is refused; the one interview of a
# small month or quarter is never given away by the difference of two
# summaries; a pseudonymous export says what it is.
. "$(dirname "$0")/lib.sh"

# 12 interviews in 2026-Q1 (Jan 5, Feb 5, Mar 2), 1 in Q2: the two of March
# and the one of April are the people a difference would single out
mk() {   # employee day reason dept
	"$BIN" new --batch --employee "$1" --interview-date "$2" --department "$4" --role Analyst \
		--start-date 2019-05-01 --last-day "$2" | tail -1
}
n=0
for day in 2026-01-10 2026-01-11 2026-01-12 2026-01-13 2026-01-14 \
	   2026-02-10 2026-02-11 2026-02-12 2026-02-13 2026-02-14; do
	n=$((n + 1))
	id=$(mk "Person Nummer$n" "$day" compensation Ekonomi) || fail setup "new failed"
	"$BIN" set "$id" reason=compensation q5.rating=4 >/dev/null || fail setup "set failed"
	printf 'Note%s mentions colleague Bertil Hemlig.\n' "$n" | "$BIN" note "$id" 1 || fail setup "note failed"
done
m1=$(mk "Mars Ettan" 2026-03-10 x Ekonomi)
m2=$(mk "Mars Tvåan" 2026-03-11 x Ekonomi)
"$BIN" set "$m1" reason=career q5.rating=1 >/dev/null
"$BIN" set "$m2" reason=career q5.rating=1 >/dev/null
a1=$(mk "April Ensam" 2026-04-02 x Styrelsen)
"$BIN" set "$a1" reason=manager q5.rating=2 >/dev/null
printf 'The secret of April.\n' | "$BIN" note "$a1" 1

# ---- periods -------------------------------------------------------------
expect summary-day-refused 2 "is a day: a period is a month \(YYYY-MM\) or a quarter \(YYYY-Qn\)" \
	"$BIN" summary --since 2026-03-10
expect summary-day-until-refused 2 "is a day" "$BIN" summary --until 2026-03-31
expect summary-bad-period 2 "bad period 'Q1': use a month" "$BIN" summary --since Q1
expect summary-quarter-5 2 "bad period" "$BIN" summary --since 2026-Q5
expect summary-period-order 2 "is after" "$BIN" summary --since 2026-Q2 --until 2026-01
expect summary-quarter 0 "^Interviews: 12$" "$BIN" summary --since 2026-Q1 --until 2026-Q1
expect summary-quarter-heading 0 "^Period: 2026-Q1$" "$BIN" summary --since 2026-Q1 --until 2026-Q1

# January to February against the quarter would give March's two away:
# a part of the quarter counts only when each of its months has 5
run summary-jan-feb 0 "$BIN" summary --since 2026-01 --until 2026-02 &&
	case $OUT in *"Interviews:"*) fail summary-jan-feb "figures of a part of a quarter with a small month: $OUT" ;;
	*"Fewer than 5 interviews in the period"*) ok summary-jan-feb ;;
	*) fail summary-jan-feb "$OUT" ;; esac
run summary-march 0 "$BIN" summary --since 2026-03 --until 2026-03 &&
	case $OUT in *"Interviews:"*) fail summary-march "$OUT" ;; *) ok summary-march ;; esac
# April's one is in no summary: all time counts Q1 only
expect summary-all-time 0 "^Interviews: 12$" "$BIN" summary
run summary-q2 0 "$BIN" summary --since 2026-Q2 &&
	case $OUT in *Interviews:*|*Management*) fail summary-q2 "$OUT" ;; *) ok summary-q2 ;; esac

# the reasons of March (career, 2 people) never show as such
run summary-reasons 0 "$BIN" summary &&
	case $OUT in *"Career growth"*) fail summary-reasons "a count of 2 shown: $OUT" ;;
	*"Other reasons (merged)"*) ok summary-reasons ;; *) fail summary-reasons "$OUT" ;; esac

# --by: a department of one is never given away by the total minus the others
run summary-by-dept 0 "$BIN" summary --by department --since 2026-Q1 --until 2026-Q2 &&
	case $OUT in *"Department: Styrelsen"*) fail summary-by-dept "April's department listed: $OUT" ;;
	*"Department: Ekonomi"*) ok summary-by-dept ;; *) fail summary-by-dept "$OUT" ;; esac

# ---- the anonymous export --------------------------------------------------
run export-anon-csv 0 "$BIN" export --anonymous --csv && ok export-anon-csv-runs
printf '%s' "$OUT" > "$TMP/anon.csv"
"$BIN" export --anonymous --json > "$TMP/anon.json" 2>"$TMP/anon.err" || fail export-anon-json "exit $?"
leak=""
for f in "$TMP/anon.csv" "$TMP/anon.json"; do
	for word in Person Nummer Mars Ettan Tvåan April Ensam Bertil Hemlig Note1 secret \
		    2026-01-10 2026-03-10 2026-04-02 2019-05-01 '"id"'; do
		grep -q -- "$word" "$f" && leak="$leak $(basename "$f"):$word"
	done
done
[ -z "$leak" ] && ok export-anon-nothing-personal || fail export-anon-nothing-personal "found:$leak"
python3 - "$TMP/anon.csv" "$TMP/anon.json" <<'PY' && ok export-anon-shape || fail export-anon-shape "python check failed"
import csv, json, re, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
data = json.load(open(sys.argv[2], encoding='utf-8'))
assert len(rows) == 12 and len(data) == 12, (len(rows), len(data))   # April's one left out
for r in rows:
    assert re.fullmatch(r'[0-9a-f]{16}', r['key']), r['key']
    assert 'employee' not in r and 'id' not in r and 'q1_notes' not in r
    assert r['tenure'] == '3-10 years', r['tenure']
assert len({r['key'] for r in rows}) == 12
# March's two are alike only as the quarter: the quarter's rows show it
assert all(r['month'] == '2026-Q1' for r in rows), [r['month'] for r in rows]
# sorted by month, then key: the order says nothing of the IDs
keys = [(r['month'], r['key']) for r in rows]
assert keys == sorted(keys)
assert 'questions' in data[0] and 'notes' not in data[0]['questions'][0]
PY
grep -q 'left out' "$TMP/anon.err" && ok export-anon-says-left-out || fail export-anon-says-left-out "$(cat "$TMP/anon.err")"
# keys are made for each export: two exports cannot be joined
k1=$(sed -n 2p "$TMP/anon.csv" | cut -d, -f1)
"$BIN" export --anonymous --csv 2>/dev/null | cut -d, -f1 | grep -qx "$k1" && fail export-anon-new-keys "key $k1 again" \
	|| ok export-anon-new-keys
expect export-anon-day-refused 2 "is a day: an anonymous export takes periods" \
	"$BIN" export --anonymous --since 2026-01-10
expect export-anon-and-pseudo 2 "exclude each other" "$BIN" export --anonymous --pseudonymous
expect export-anon-too-few 1 "fewer than 5 interviews to export: an anonymous export needs at least 5" \
	"$BIN" export --anonymous --since 2026-Q2
expect export-full-day-ok 0 "Mars Ettan" "$BIN" export --csv --since 2026-03-10 --until 2026-03-10

# the threshold at its edge (config): 12 alike in Q1 (Ekonomi and their
# months made coarse) are enough at 12, April's one left out; at 13 nothing
# is alike enough and nothing is written
printf '[summary]\nthreshold = 12\n' > "$TMP/t12.ini"
printf '[summary]\nthreshold = 13\n' > "$TMP/t13.ini"
run export-anon-t12 0 "$BIN" -c "$TMP/t12.ini" export --anonymous --csv &&
	case $(printf '%s\n' "$OUT" | sed 1d | grep -c ',2026-Q1,') in
	12) ok export-anon-t12-rows ;; *) fail export-anon-t12-rows "$OUT" ;; esac
case $ERR in *"left out"*) ok export-anon-t12-left-out ;; *) fail export-anon-t12-left-out "$ERR" ;; esac
run export-anon-t12-json 0 "$BIN" -c "$TMP/t12.ini" export --anonymous --json &&
	printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d) == 12 and len({r["key"] for r in d}) == 12' &&
	ok export-anon-t12-json-rows || fail export-anon-t12-json-rows "$OUT"
expect export-anon-t13 1 "fewer than 13 interviews alike enough to export anonymously" \
	"$BIN" -c "$TMP/t13.ini" export --anonymous --csv -o "$TMP/t13.csv"
[ -e "$TMP/t13.csv" ] && fail export-anon-t13-no-file "written" || ok export-anon-t13-no-file

# ---- pseudonymous: what it keeps, and the warning ---------------------------
run export-pseudo 0 "$BIN" export --pseudonymous --csv &&
	case $OUT in *"Person Nummer"*) fail export-pseudo "a name" ;; *Hemlig*) ok export-pseudo ;;
	*) fail export-pseudo "no notes: $OUT" ;; esac
case $ERR in *"it is personal data"*) ok export-pseudo-warning ;; *) fail export-pseudo-warning "$ERR" ;; esac

# ---- by quarter and by manager ----------------------------------------------
expect summary-by-quarter 0 "^Quarter: 2026-Q1$" "$BIN" summary --by quarter
run summary-by-quarter-small 0 "$BIN" summary --by quarter &&
	case $OUT in *"2026-Q2"*) fail summary-by-quarter-small "a quarter of one shown: $OUT" ;; *) ok summary-by-quarter-small ;; esac
expect summary-by-manager 0 "^Grouped by: manager$" "$BIN" summary --by manager
expect summary-by-bad 2 "--by takes department, role, template, manager or quarter, not 'colour'" \
	"$BIN" summary --by colour
