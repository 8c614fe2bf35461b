#!/bin/sh
# exitview report ID --for-manager: the manager's version leaves out the
# interviewer's observations and assessment (assessed reason, regrettable
# loss, eligible for rehire) and the answer of a question the template
# marks private (the standard set's question 4, about the manager); it
# holds everything else, is written 0600 beside the full report without
# overwriting it, and the full report and show are unchanged.
. "$(dirname "$0")/lib.sh"

id=$(new_interview --employee "Åsa Öberg" --role Engineer --department Platform \
	--manager "Kim Lee") || { fail manager-setup "new failed"; exit 0; }
"$BIN" set "$id" separation=voluntary reason=compensation reason2=career assessed=manager \
	regrettable=yes rehire=no would-return=yes "conditions=RETURN-IF-REMOTE-WORK" \
	q3.rating=2 q2.rating=5 q4.rating=1 q4.asked=1,2 || fail manager-setup "set failed"
echo "PAY-BELOW-MARKET in the words of the leaver." | "$BIN" note "$id" 1
echo "PRIVATE-MANAGER-NOTES: shouted in meetings." | "$BIN" note "$id" 4
echo "OBSERVED-LONG-HESITATION before question 4." | "$BIN" note "$id" observations
echo "ACTION-REVIEW-PAY-BANDS" | "$BIN" note "$id" actions
"$BIN" action add "$id" "ACTION-RECORD-BENCHMARK" --owner "OWNER-LENA" --due 2026-09-30 --question 1 >/dev/null \
	|| fail manager-setup "action add failed"
"$BIN" action add "$id" "ACTION-FROM-PRIVATE-Q4" --question 4 >/dev/null || fail manager-setup "action add failed"
reports="$XDG_DATA_HOME/exitview/reports"

"$BIN" report "$id" -o - > "$TMP/full-before.txt" || fail manager-setup "report -o - failed"

# the two files: distinct default names, both kept, both 0600
expect manager-report-written 0 "$reports/exitview-$id-Asa-Oberg-manager\\.txt\$" \
	"$BIN" report "$id" --for-manager
mgr=$(printf '%s' "$OUT" | tail -1)
expect manager-full-report-written 0 "$reports/exitview-$id-Asa-Oberg\\.txt\$" "$BIN" report "$id"
full=$(printf '%s' "$OUT" | tail -1)
[ "$mgr" != "$full" ] && [ -f "$mgr" ] && [ -f "$full" ] && ok manager-both-files-exist ||
	fail manager-both-files-exist "$(ls -la "$reports")"
[ "$(stat -c %a "$mgr")" = 600 ] && ok manager-mode-0600 || fail manager-mode-0600 "$(stat -c %a "$mgr")"
[ "$(stat -c %a "$full")" = 600 ] && ok manager-full-mode-0600 || fail manager-full-mode-0600 "$(stat -c %a "$full")"

# the full report is unchanged, and holds every text the manager's lacks
cmp -s "$full" "$TMP/full-before.txt" && ok manager-full-report-unchanged ||
	fail manager-full-report-unchanged "differs from report -o -"
"$BIN" show "$id" | cmp -s - "$full" && ok manager-show-unchanged || fail manager-show-unchanged "differs"

# absent(NAME TEXT): in the full report, not in the manager's
absent() {
	if ! grep -qF -- "$2" "$full"; then fail "manager-absent-$1" "not in the full report either: $2"
	elif grep -qF -- "$2" "$mgr"; then fail "manager-absent-$1" "'$2' is in the manager's report"
	else ok "manager-absent-$1"; fi
}
absent observations-text "OBSERVED-LONG-HESITATION"
absent observations-heading "Observations (non-verbal)"
absent assessed-reason "Assessed reason"
absent assessed-label "Relationship with manager"
absent regrettable "Regrettable loss"
absent rehire "Eligible for rehire"
absent private-notes "PRIVATE-MANAGER-NOTES"
absent private-action "ACTION-FROM-PRIVATE-Q4"
grep -q "^  1 action item from private questions is not in the manager's version.$" "$mgr" \
	&& ok manager-private-action-counted || fail manager-private-action-counted "$(grep -A3 '^Action items' "$mgr")"
absent private-rating "1/5"
absent private-followup "[x] What helped you in your work?"

# present(NAME TEXT): in both
present() {
	if grep -qF -- "$2" "$mgr" && grep -qF -- "$2" "$full"; then ok "manager-present-$1"
	else fail "manager-present-$1" "'$2' missing"; fi
}
present employee "Employee:            Åsa Öberg"
present manager "Manager:             Kim Lee"
present department "Department:          Platform"
present separation "Separation:          Voluntary"
present stated-reason "Stated reason:       Pay and benefits"
present second-reason "Second reason:       Career growth and development"
present would-return "Would return:        Yes"
present conditions "RETURN-IF-REMOTE-WORK"
present q1-notes "PAY-BELOW-MARKET"
present q3-rating "Rating: 2/5"
present q2-rating "Rating: 5/5"
present private-title "4.  Support from your manager"
present actions "ACTION-REVIEW-PAY-BANDS"
present action-record "[ ] ACTION-RECORD-BENCHMARK"
present action-owner "Owner: OWNER-LENA; Due: 2026-09-30; From question 1"
present scorecard "Scorecard"
head -1 "$mgr" | grep -qx "Exit interview report for the manager" && ok manager-title ||
	fail manager-title "$(head -1 "$mgr")"
grep -q "^The manager's version: it leaves out the interviewer's observations" "$mgr" &&
	ok manager-says-what-it-leaves-out || fail manager-says-what-it-leaves-out "$(head -6 "$mgr")"

# -o - and -o FILE give the same bytes
"$BIN" report "$id" --for-manager -o - | cmp -s - "$mgr" && ok manager-stdout-same ||
	fail manager-stdout-same "differs"
expect manager-output-file 0 "$TMP/m\\.txt\$" "$BIN" report "$id" -o "$TMP/m.txt" --for-manager
cmp -s "$TMP/m.txt" "$mgr" && [ "$(stat -c %a "$TMP/m.txt")" = 600 ] && ok manager-output-file-same ||
	fail manager-output-file-same "$(stat -c %a "$TMP/m.txt")"

# a closed interview: the kept full report, the same manager's version
succeeds manager-close "$BIN" close "$id"
"$BIN" report "$id" --for-manager -o - > "$TMP/m-closed.txt"
! grep -qF "PRIVATE-MANAGER-NOTES" "$TMP/m-closed.txt" && ! grep -qF "OBSERVED-LONG" "$TMP/m-closed.txt" &&
	grep -q "^Status:              Closed at " "$TMP/m-closed.txt" && ok manager-closed ||
	fail manager-closed "$(head -c 300 "$TMP/m-closed.txt")"

# usage errors: one line, status 2
usage_error manager-on-show "$BIN" show "$id" --for-manager
usage_error manager-on-close "$BIN" close "$id" --for-manager
usage_error manager-unknown-flag "$BIN" report "$id" --for-managers
usage_error manager-no-id "$BIN" report --for-manager
usage_error manager-takes-no-value "$BIN" report "$id" --for-manager=yes
