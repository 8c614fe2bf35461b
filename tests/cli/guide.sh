#!/bin/sh
# The whole cycle of the guide on the command line (issue 13): the opening
# and closing checklists, the preparation slot, questions without a
# rating, {reason} in prompts, and the checks of a template's new keys.
. "$(dirname "$0")/lib.sh"

id=$(new_interview --employee "Åsa Öberg")
sv=$(new_interview --employee "Bo" --template standard-sv)

succeeds set-opening-done "$BIN" set "$id" opening.done=1,3 closing.done=2
expect show-opening-done 0 '^  \[x\] Thank them for their time' "$BIN" show "$id"
expect show-opening-not-done 0 '^  \[ \] Say that the conversation is confidential' "$BIN" show "$id"
expect show-closing-done 0 '^  \[x\] Say what happens with the feedback' "$BIN" show "$id"
expect show-opening-first 0 '^Opening$' "$BIN" show "$id"
order=$("$BIN" show "$id" | grep -nE '^(Opening|Questions|Closing)$' | cut -d: -f2 | tr '\n' ' ')
[ "$order" = "Opening Questions Closing " ] && ok show-checklist-order || fail show-checklist-order "$order"
succeeds set-opening-none "$BIN" set "$id" opening.done=
expect show-opening-cleared 0 '^  \[ \] Thank them for their time' "$BIN" show "$id"
usage_error set-opening-bad-item "$BIN" set "$id" opening.done=9
usage_error set-opening-bad-field "$BIN" set "$id" opening.colour=1
usage_error set-closing-letters "$BIN" set "$id" closing.done=a

printf 'Read the resignation letter and the last review.\n' | "$BIN" note "$id" preparation \
	&& ok note-preparation || fail note-preparation "note failed"
printf 'Said it is confidential.\n' | "$BIN" note "$id" opening && ok note-opening || fail note-opening ""
printf 'Door left open.\n' | "$BIN" note "$id" closing && ok note-closing || fail note-closing ""
prep=$("$BIN" show "$id" | grep -nE '^(Preparation|Questions)$|resignation letter|Door left open' | cut -d: -f1 | tr '\n' ' ')
set -- $prep
[ $# = 4 ] && [ "$1" -lt "$2" ] && [ "$2" -lt "$3" ] && [ "$3" -lt "$4" ] \
	&& ok show-preparation-before-questions || fail show-preparation-before-questions "lines $prep"
expect export-csv-preparation 0 'preparation' "$BIN" export --csv
expect export-json-preparation 0 '"preparation": "Read the resignation letter' "$BIN" export --json
"$BIN" export --anonymous --csv > "$TMP/anon.csv" 2>/dev/null
grep -q 'resignation' "$TMP/anon.csv" && fail export-anonymous-no-preparation "free text in it" \
	|| ok export-anonymous-no-preparation
"$BIN" report "$id" --for-manager -o "$TMP/m.txt" >/dev/null 2>&1
grep -q 'resignation' "$TMP/m.txt" && fail manager-no-preparation "in the manager's report" \
	|| ok manager-no-preparation

# rating = no: question 1 (the reason for leaving) and 6 (the next job)
usage_error set-rating-refused "$BIN" set "$id" q1.rating=3
expect set-rating-refused-says 2 'question 6 takes no rating' "$BIN" set "$id" q6.rating=3 q1.rating=3
succeeds set-rating-zero-allowed "$BIN" set "$id" q1.rating=0
succeeds set-rating-other "$BIN" set "$id" q2.rating=4
"$BIN" show "$id" | sed -n '/^1\.  Reason for leaving/,/^2\./p' > "$TMP/q1.txt"
grep -q 'Rating' "$TMP/q1.txt" && fail show-no-rating-line "$(cat "$TMP/q1.txt")" || ok show-no-rating-line
expect scorecard-no-rating 0 'Reason for leaving +\(no rating\)' "$BIN" show "$id"
expect average-counts-rated 0 'Average rating: 4\.00 \(1 of 5 questions rated\)' "$BIN" show "$id"

# {reason}: neutral until stated, then the stated reason's label
expect reason-neutral 0 'If we could do something about the reason you gave, would' "$BIN" show "$id"
expect reason-neutral-sv 0 'Om vi kunde göra något åt det skäl du angav' "$BIN" show "$sv"
succeeds set-reason "$BIN" set "$id" reason=compensation
expect reason-filled 0 'If we could do something about Pay and benefits, would' "$BIN" show "$id"

# check-config: the new sections and keys, FILE:LINE
mkdir -p "$TMP/tpl"
bad() {
	_n=$1 _p=$2; shift 2
	printf '%s\n' "$@" > "$TMP/tpl/$_n.ini"
	expect "check-$_n" 1 "$_p" "$BIN" check-config "$TMP/tpl/$_n.ini"
}
head='[template]
title = T
[scale]
1 = a
2 = b
3 = c
4 = d
5 = e
[categories]
x = X
y = Y
[question 1]
title = Q
prompt = P'
bad rating-word "$TMP/tpl/rating-word.ini:15: rating must be yes or no" "$head" 'rating = maybe'
bad opening-gap "$TMP/tpl/opening-gap.ini:18: item3 is missing" "$head" '[opening]' 'item1 = a' 'item2 = b' 'item4 = d'
bad opening-empty "$TMP/tpl/opening-empty.ini:15: \[opening\] has no items" "$head" '[opening]'
bad closing-key "$TMP/tpl/closing-key.ini:16: unknown key 'text' in \[closing\]" "$head" '[closing]' 'text = a'
bad closing-empty-item "$TMP/tpl/closing-empty-item.ini:16: item1 is empty" "$head" '[closing]' 'item1 ='
printf '%s\n' "$head" 'rating = no' '[opening]' 'title = Start' 'item1 = Purpose' > "$TMP/tpl/good.ini"
expect check-good 0 'ok \(template, 1 question' "$BIN" check-config "$TMP/tpl/good.ini"
