#!/bin/sh
# Preparing and scheduling (issue 13): the date rule of new and set (an
# interview date on or after the last working day is a warning, a start
# date after it an error) and list --upcoming.
. "$(dirname "$0")/lib.sh"

day() { date -d "$1 days" +%F; }   # today + N days, YYYY-MM-DD
today=$(day 0)

# ---- the date rule ----
warns() {   # NAME PATTERN CMD...: exit 0, stdout kept, one warning line on stderr
	_n=$1 _p=$2; shift 2
	if run "$_n" 0 "$@"; then
		if [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -Eq "^exitview: warning: $_p" "$TMP/err"; then ok "$_n"
		else fail "$_n" "stderr: $(head -c 300 "$TMP/err")"; fi
	fi
}
warns new-on-last-day 'the interview date is on the last working day' \
	"$BIN" new --batch --employee "On Day" --last-day "$(day 5)" --interview-date "$(day 5)"
[ "$OUT" = 1 ] && ok new-on-last-day-created || fail new-on-last-day-created "stdout '$OUT'"
warns new-after-last-day 'the interview date is after the last working day' \
	"$BIN" new --batch --employee "After" --last-day "$(day 1)" --interview-date "$(day 2)"
warns new-default-date-after 'the interview date is after the last working day' \
	"$BIN" new --batch --employee "Gone" --last-day 2020-01-31
succeeds new-before-last-day "$BIN" new --batch --employee "Before" --last-day "$(day 9)" --interview-date "$(day 4)"
succeeds new-start-on-last-day "$BIN" new --batch --employee "Short" --start-date "$(day 9)" --last-day "$(day 9)" --interview-date "$(day 3)"
before=$("$BIN" list --tsv | wc -l)
usage_error new-start-after-last "$BIN" new --batch --employee "Odd" --start-date "$(day 10)" --last-day "$(day 9)"
grep -q 'the start date .* is after the last working day' "$TMP/err" && ok new-start-after-last-says \
	|| fail new-start-after-last-says "$(cat "$TMP/err")"
[ "$("$BIN" list --tsv | wc -l)" = "$before" ] && ok new-start-after-last-creates-nothing \
	|| fail new-start-after-last-creates-nothing "a row was added"

id=$(new_interview --employee "Set Me" --last-day "$(day 20)" --interview-date "$(day 10)")
warns set-on-last-day 'the interview date is on the last working day' "$BIN" set "$id" interview-date="$(day 20)"
[ -z "$OUT" ] && ok set-warning-stdout-empty || fail set-warning-stdout-empty "'$OUT'"
"$BIN" list --tsv | awk -F'\t' -v id="$id" -v d="$(day 20)" '$1 == id && $8 == d { f = 1 } END { exit !f }' \
	&& ok set-warning-still-saved || fail set-warning-still-saved "the date was not saved"
succeeds set-other-field-no-warning "$BIN" set "$id" role=Engineer
usage_error set-start-after-last "$BIN" set "$id" start-date="$(day 21)"
"$BIN" list --tsv | awk -F'\t' -v id="$id" '$1 == id && $4 == "Engineer" { f = 1 } END { exit !f }' \
	&& ok set-refused-keeps-row || fail set-refused-keeps-row "row changed"
usage_error set-last-before-start "$BIN" set "$id" start-date="$(day 5)" last-day="$(day 4)"
succeeds set-dates-together "$BIN" set "$id" start-date="$(day -900)" last-day="$(day 30)" interview-date="$(day 25)"

# ---- list --upcoming ----
export EXITVIEW_DB="$TMP/db2/exitview.db"
expect upcoming-no-db 0 '^no upcoming interviews$' "$BIN" list --upcoming
a=$(new_interview --employee "Later Larsson" --role Analyst --last-day "$(day 12)" --interview-date "$(day 8)")
b=$(new_interview --employee "Today Tran" --last-day "$(day 3)" --interview-date "$today")
c=$(new_interview --employee "Past Persson" --last-day "$(day -3)" --interview-date "$(day -5)")
d=$(new_interview --employee "Closed Chen" --last-day "$(day 9)" --interview-date "$(day 2)")
e=$(new_interview --employee "Soon Svensson" --interview-date "$(day 2)")
"$BIN" close "$d" >/dev/null || fail upcoming-setup "close failed"
succeeds upcoming-table "$BIN" list --upcoming
printf '%s\n' "$OUT" | awk 'NR == 1 { h = ($0 ~ /^ID +EMPLOYEE +ROLE +DEPARTMENT +DATE +LAST DAY +DAYS LEFT$/) } END { exit !h }' \
	&& ok upcoming-table-head || fail upcoming-table-head "$(printf '%s\n' "$OUT" | head -1)"
got=$(printf '%s\n' "$OUT" | awk 'NR > 1 { printf "%s ", $1 }')
[ "$got" = "$b $e $a " ] && ok upcoming-order-soonest-first || fail upcoming-order-soonest-first "got '$got', want '$b $e $a '"
printf '%s\n' "$OUT" | grep -Eq "^$a +Later Larsson +Analyst +$(day 8) +$(day 12) +12$" \
	&& ok upcoming-days-left || fail upcoming-days-left "$OUT"
printf '%s\n' "$OUT" | grep -Eq "^$e +Soon Svensson +$(day 2) +- +-$" \
	&& ok upcoming-no-last-day || fail upcoming-no-last-day "$OUT"
succeeds upcoming-tsv "$BIN" list --upcoming --tsv
printf '%s\n' "$OUT" | head -1 | grep -q '	updated	days_left$' && ok upcoming-tsv-head || fail upcoming-tsv-head "$(printf '%s\n' "$OUT" | head -1)"
got=$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { printf "%s:%s:%s ", $1, $8, $14 }')
[ "$got" = "$b:$today:3 $e:$(day 2): $a:$(day 8):12 " ] && ok upcoming-tsv-rows || fail upcoming-tsv-rows "$got"
[ "$(printf '%s\n' "$OUT" | awk -F'\t' '{ print NF }' | sort -u)" = 14 ] && ok upcoming-tsv-columns \
	|| fail upcoming-tsv-columns "uneven columns"
succeeds upcoming-open-too "$BIN" list --upcoming --open
usage_error upcoming-not-closed "$BIN" list --upcoming --closed
succeeds list-still-all "$BIN" list --tsv
[ "$(printf '%s\n' "$OUT" | wc -l)" = 6 ] && ok list-unchanged-by-upcoming || fail list-unchanged-by-upcoming "$OUT"
[ "$c" -gt 0 ] && ok upcoming-past-created || fail upcoming-past-created "no id"
