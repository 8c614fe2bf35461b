#!/bin/sh
# Every command that takes an interview ID also takes the employee's name
# when exactly one interview has it (issue 14), case folded beyond ASCII;
# a name of several interviews is refused with their IDs, an unknown one
# too (exit 2).
. "$(dirname "$0")/lib.sh"

bjorn=$(new_interview --employee "Björn Åkesson" --role Tekniker 2>/dev/null | tail -1)
anna=$(new_interview --employee "Anna Berg" 2>/dev/null | tail -1)
lena1=$(new_interview --employee "Lena Ek" 2>/dev/null | tail -1)
lena2=$(new_interview --employee "LENA EK" 2>/dev/null | tail -1)

expect name-show 0 "Björn Åkesson" "$BIN" show "Björn Åkesson"
run name-show-folded 0 "$BIN" show "BJÖRN ÅKESSON" && "$BIN" show "$bjorn" > "$TMP/by-id.txt" 2>/dev/null &&
	{ [ "$OUT" = "$(cat "$TMP/by-id.txt")" ] && ok name-show-folded || fail name-show-folded "not the same as show $bjorn"; }
run name-show-lower 0 "$BIN" show "  björn åkesson " && ok name-show-blanks-and-lower-case
succeeds name-set "$BIN" set "björn åkesson" role=Chef
[ "$(sqlite3 "$EXITVIEW_DB" "SELECT role FROM interviews WHERE id = $bjorn" 2>/dev/null)" = Chef ] \
	&& ok name-set-wrote || fail name-set-wrote "role not set on $bjorn"
echo "Noterat." | "$BIN" note "Björn Åkesson" 1 >/dev/null 2>&1
expect name-note 0 "Noterat\." "$BIN" show "$bjorn"
expect name-action-add 0 "^[0-9]+$" "$BIN" action add "Björn Åkesson" "Följ upp"
expect name-report 0 "Björn Åkesson" "$BIN" report "Björn Åkesson" -o -
expect name-close 0 "r\\.txt" "$BIN" close "Björn Åkesson" -o "$TMP/r.txt"
expect name-reopen 0 "." "$BIN" reopen "björn åkesson"
# resume resolves the name before it asks for a terminal: the error names the ID
expect name-resume 1 "exitview show $bjorn" "$BIN" resume "Björn Åkesson"

# two interviews of one name (case aside): refused, both IDs given
run name-ambiguous 2 "$BIN" show "Lena Ek" &&
	case $ERR in *"IDs $lena1, $lena2"*) ok name-ambiguous ;; *) fail name-ambiguous "$ERR" ;; esac
[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && ok name-ambiguous-one-line || fail name-ambiguous-one-line "$ERR"
run name-ambiguous-set 2 "$BIN" set "lena ek" role=X && ok name-ambiguous-set
[ "$(sqlite3 "$EXITVIEW_DB" "SELECT count(*) FROM interviews WHERE role = 'X'" 2>/dev/null)" = 0 ] \
	&& ok name-ambiguous-nothing-written || fail name-ambiguous-nothing-written "a role X was set"
expect name-unknown 2 "no interview with ID or employee 'Nobody Here'" "$BIN" show "Nobody Here"
expect name-unknown-delete 2 "no interview with ID or employee" "$BIN" delete "Nobody Here" --yes
usage_error name-blank "$BIN" show " "
# a part of a name is not the name
expect name-part 2 "no interview" "$BIN" show "Björn"

# delete and anonymise by name
"$BIN" close "$anna" -o "$TMP/a.txt" >/dev/null 2>&1
expect name-anonymise 0 "." "$BIN" anonymise "Anna Berg" --yes
[ "$(sqlite3 "$EXITVIEW_DB" "SELECT count(*) FROM interviews WHERE id = $anna AND employee = ''" 2>/dev/null)" = 1 ] \
	&& ok name-anonymise-wrote || fail name-anonymise-wrote "$(sqlite3 "$EXITVIEW_DB" "SELECT employee FROM interviews WHERE id = $anna")"
expect name-delete 0 "." "$BIN" delete "björn åkesson" --yes
[ "$(sqlite3 "$EXITVIEW_DB" "SELECT count(*) FROM interviews WHERE id = $bjorn" 2>/dev/null)" = 0 ] \
	&& ok name-delete-wrote || fail name-delete-wrote "interview $bjorn still there"
# IDs still work
expect name-id-still 0 "LENA EK" "$BIN" show "$lena2"
