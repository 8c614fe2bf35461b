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
