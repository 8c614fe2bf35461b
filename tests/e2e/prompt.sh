#!/bin/sh
# The interview screen at 80x24 as an interviewer reads it: whole question
# titles in the list, the prompt pane sized to its text with every
# follow-up and the whole hint (question 4 of the standard template, the
# pane scrolled when it must be), key hints that follow the focused pane,
# and the elapsed time on the status line.
. "$(dirname "$0")/lib.sh"
e2e_init prompt
tpl="$E2E_TOP/config/templates/standard.ini"

id=$(e2e_new_batch "Eva Lund" --template standard) || { fail prompt-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || { fail prompt-opens "$(e2e_screen)"; exit 0; }

# every title whole (no "…") at 80 columns
nq=$(e2e_template_count "$tpl")
bad=""
for q in $(seq 1 "$nq"); do
	t=$(e2e_template_values "$tpl" "$q" title)
	e2e_screen | grep -qF -- "$(printf '%2d' "$q")   $t " || bad="$bad [$q $t]"
done
[ -z "$bad" ] && ok prompt-titles-whole || fail prompt-titles-whole "cut:$bad: $(e2e_screen | cut -c1-36 | head -9)"
e2e_screen | grep -q "…" && fail prompt-list-no-ellipsis "$(e2e_screen | grep "…")" || ok prompt-list-no-ellipsis

# the status line: the elapsed time labelled, the hints of the notes editor
status=$(e2e_screen | tail -2 | head -1)
echo "$status" | grep -qE "elapsed (<1|[0-9]+) min" && ok prompt-elapsed-shown || fail prompt-elapsed-shown "$status"
hints=$(e2e_screen | tail -1)
echo "$hints" | grep -q "^ Alt-U undo  F1 help  ^N/^P question  Alt-1..5 rate  ^X leave  F10 close" && ok prompt-hints-editor || fail prompt-hints-editor "$hints"

# the list: its own keys come first
e2e_keys Escape
e2e_wait "Enter notes" 5
hints=$(e2e_screen | tail -1)
echo "$hints" | grep -q "^ Enter notes  F1 help  ^N/^P question  Alt-1..5 rate  ^X leave  F10 close" && ok prompt-hints-list || fail prompt-hints-list "$hints"

# question 4, the prompt pane: Space, rating and skip first
e2e_keys C-n C-n C-n
e2e_wait "Question 4 of 7" 5 || fail prompt-q4 "$(e2e_screen | head -2)"
e2e_keys BTab   # Ctrl-N went to the notes: back to the prompt pane
e2e_wait "Space asked" 5
hints=$(e2e_screen | tail -1)
echo "$hints" | grep -q "^ Space asked  Enter notes  .*Alt-1..5 rate" && ok prompt-hints-prompt || fail prompt-hints-prompt "$hints"
case $hints in *"Alt-U undo"*) fail prompt-hints-prompt-own "editor hints in the prompt pane: $hints" ;; *) ok prompt-hints-prompt-own ;; esac
# a hint row of whole hints (no "…" at its end)
case $hints in *"…") fail prompt-hints-whole "$hints" ;; *) ok prompt-hints-whole ;; esac

# every follow-up and the whole hint of question 4, scrolling as needed
all=$(e2e_prompt_all | e2e_flat)
miss=""
e2e_template_values "$tpl" 4 'followup[0-9]+' > "$E2E_DIR/fu"
while IFS= read -r f; do
	case $all in *"$f"*) ;; *) miss="$miss [$f]" ;; esac
done < "$E2E_DIR/fu"
[ -z "$miss" ] && ok prompt-q4-followups || fail prompt-q4-followups "missing$miss in: $all"
hint="Hint: $(e2e_template_values "$tpl" 4 hint)"
case $all in *"$hint"*) ok prompt-q4-full-hint ;; *) fail prompt-q4-full-hint "want [$hint] in: $all" ;; esac
# once scrolled to the end, the last row of the hint is on screen
last=$(e2e_template_values "$tpl" 4 hint | awk '{ print $NF }')
e2e_prompt_lines | tail -1 | grep -qF -- "$last" && ok prompt-q4-hint-end-shown || fail prompt-q4-hint-end-shown "$(e2e_prompt_lines | tail -2)"

# the notes keep at least 8 rows under the bar at 80x24
bar=$(e2e_screen | grep -n "── Notes" | head -1 | cut -d: -f1)
[ -n "$bar" ] && [ $((22 - bar)) -ge 8 ] && ok prompt-notes-rows || fail prompt-notes-rows "notes bar on row ${bar:-none}"

# a pane too short for its text says so and scrolls: at the first
# question (longest hint of the set in this pane) the "more" mark shows
# the way down, and Down reaches the end of the hint
e2e_keys C-p C-p C-p
e2e_wait "Question 1 of 7" 5
e2e_keys BTab
e2e_wait "Space asked" 5
if e2e_screen | grep -q "▼ more"; then
	all=$(e2e_prompt_all | e2e_flat)
	hint="Hint: $(e2e_template_values "$tpl" 1 hint)"
	case $all in *"$hint"*) ok prompt-scroll-to-hint ;; *) fail prompt-scroll-to-hint "$all" ;; esac
	e2e_screen | grep -q "▲ more" && ok prompt-more-up-mark || fail prompt-more-up-mark "$(e2e_screen | head -1)"
	e2e_gone "▼ more" 2 && ok prompt-more-down-gone || fail prompt-more-down-gone "$(e2e_screen | sed -n 13p)"
	# the question itself stays in view while its follow-ups scroll
	e2e_prompt_lines | head -1 | grep -q "Why have you decided to leave?" && ok prompt-question-stays \
		|| fail prompt-question-stays "$(e2e_screen | head -3)"
	# Up goes back to the top: the first follow-up is seen again
	e2e_keys Up Up Up Up Up Up Up Up Up Up Up Up
	e2e_wait "What made you start looking" 5 && e2e_gone "▲ more" 2 && ok prompt-scroll-back-up \
		|| fail prompt-scroll-back-up "$(e2e_screen | head -4)"
else
	# it all fits: then every follow-up and the hint are on screen already
	all=$(e2e_prompt_lines | e2e_flat)
	hint="Hint: $(e2e_template_values "$tpl" 1 hint)"
	case $all in *"$hint"*) ok prompt-scroll-to-hint ;; *) fail prompt-scroll-to-hint "$all" ;; esac
fi

# marking a follow-up still works after scrolling
e2e_keys Space
e2e_wait "[x]" 5 && ok prompt-mark-after-scroll || fail prompt-mark-after-scroll "$(e2e_screen | head -8)"

e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok prompt-leave; else fail prompt-leave "status ${E2E_STATUS:-none}"; fi
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail prompt-sanitizer "$(head -5 "$E2E_ERR")" || ok prompt-sanitizer
e2e_done
