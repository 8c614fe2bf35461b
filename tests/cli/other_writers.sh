#!/bin/sh
# Other writers on one interview (issue 10): note and set raise the
# versions a screen checks, note --append is made on what is stored, set is
# one transaction.  Concurrent scripts lose nothing (counted, not timed).
. "$(dirname "$0")/lib.sh"

# q SQL — one value from the database (read-only).
q() { sqlite3 -readonly "$EXITVIEW_DB" "$1"; }

id=$(new_interview --employee "Åsa Öberg" --role Engineer)
[ "$id" = 1 ] && ok writers-new || fail writers-new "got '$id'"
command -v sqlite3 >/dev/null 2>&1 && ok writers-sqlite3 || fail writers-sqlite3 "the sqlite3 shell is needed"

# note replaces and raises the slot's version; --append adds on a new line
printf 'first' | "$BIN" note "$id" 1
[ "$(q "SELECT version FROM note_versions WHERE slot = 0")" = 1 ] && ok note-raises-version \
	|| fail note-raises-version "$(q 'SELECT * FROM note_versions')"
printf 'second\n' | "$BIN" note --append "$id" 1
printf 'third\n' | "$BIN" note --append "$id" 1
got=$(q "SELECT text FROM $NOTES_OF WHERE slot = 0")
want=$(printf 'first\nsecond\nthird')
[ "$got" = "$want" ] && ok note-append-text || fail note-append-text "got '$got'"
[ "$(q "SELECT version FROM note_versions WHERE slot = 0")" = 3 ] && ok note-append-raises-version \
	|| fail note-append-raises-version "$(q 'SELECT * FROM note_versions')"
printf 'x' | "$BIN" note "$id" 1
[ "$(q "SELECT text || '|' || version FROM $NOTES_OF JOIN note_versions USING (interview_id, slot)")" = "x|4" ] \
	&& ok note-replace-raises-version || fail note-replace-raises-version "$(q 'SELECT * FROM note_versions')"

# set: all or nothing, one transaction for details and answers
dv() { q "SELECT details_version FROM interviews WHERE id = $id"; }
qv() { q "SELECT group_concat(rating || ':' || version, ' ') FROM questions WHERE interview_id = $id AND idx >= 0"; }
v0=$(dv) a0=$(qv)
usage_error set-bad-rating-after-good "$BIN" set "$id" role=Manager q1.rating=9
usage_error set-bad-question-after-good "$BIN" set "$id" role=Manager q1.rating=2 q99.rating=1
usage_error set-bad-field-after-good "$BIN" set "$id" q2.rating=3 role=Manager shoe-size=42
[ "$(q "SELECT role FROM interviews WHERE id = $id")" = Engineer ] && [ "$(dv)" = "$v0" ] && [ "$(qv)" = "$a0" ] \
	&& ok set-failed-writes-nothing || fail set-failed-writes-nothing "role $(q 'SELECT role FROM interviews'), $(dv), $(qv)"
succeeds set-details-and-answers "$BIN" set "$id" role=Manager q2.rating=3
[ "$(dv)" = $((v0 + 1)) ] && ok set-raises-details-version || fail set-raises-details-version "$(dv)"
case "$(qv)" in "0:0 3:1 "*) ok set-raises-only-touched-answers ;;
	*) fail set-raises-only-touched-answers "$(qv)" ;; esac
succeeds set-same-again "$BIN" set "$id" role=Manager q2.rating=3
[ "$(dv)" = $((v0 + 1)) ] && case "$(qv)" in "0:0 3:1 "*) true ;; *) false ;; esac \
	&& ok set-unchanged-keeps-versions || fail set-unchanged-keeps-versions "$(dv) $(qv)"
usage_error set-unknown-id-one-line "$BIN" set 99 role=x

# Two scripts at once on one interview lose nothing: each append is made
# on what is stored, each set changes only its own fields.
n=12
( i=1; while [ $i -le $n ]; do echo "a$i" | "$BIN" note --append "$id" observations; i=$((i + 1)); done ) &
pa=$!
( i=1; while [ $i -le $n ]; do echo "b$i" | "$BIN" note --append "$id" observations; i=$((i + 1)); done ) &
pb=$!
( i=1; while [ $i -le $n ]; do "$BIN" set "$id" "department=D$i"; i=$((i + 1)); done ) &
pc=$!
( i=1; while [ $i -le $n ]; do "$BIN" set "$id" "manager=M$i"; i=$((i + 1)); done ) &
pd=$!
wait $pa; ra=$?; wait $pb; rb=$?; wait $pc; rc=$?; wait $pd; rd=$?
[ "$ra$rb$rc$rd" = 0000 ] && ok writers-concurrent-status || fail writers-concurrent-status "$ra $rb $rc $rd"
obs=$(q "SELECT text FROM $NOTES_OF WHERE interview_id = $id AND slot = -1")
lines=$(printf '%s\n' "$obs" | grep -c '^[ab][0-9]*$')
[ "$lines" = $((2 * n)) ] && ok writers-concurrent-appends-all-kept || fail writers-concurrent-appends-all-kept "$lines lines: $obs"
i=1; order=ok
while [ $i -lt $n ]; do
	for w in a b; do
		printf '%s\n' "$obs" | awk -v x="$w$i" -v y="$w$((i + 1))" '$0 == x { p = NR } $0 == y { r = NR } END { exit !(p && r && p < r) }' || order="$w$i missing or after $w$((i + 1))"
	done
	i=$((i + 1))
done
[ "$order" = ok ] && ok writers-concurrent-appends-in-order || fail writers-concurrent-appends-in-order "$order"
[ "$(q "SELECT version FROM note_versions WHERE slot = -1")" = $((2 * n)) ] && ok writers-concurrent-versions \
	|| fail writers-concurrent-versions "$(q 'SELECT * FROM note_versions WHERE slot = -1')"
[ "$(q "SELECT department || ' ' || manager || ' ' || role FROM interviews WHERE id = $id")" = "D$n M$n Manager" ] \
	&& ok writers-concurrent-sets-all-kept || fail writers-concurrent-sets-all-kept "$(q 'SELECT department, manager, role FROM interviews')"
