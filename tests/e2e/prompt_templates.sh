#!/bin/sh
# Every built-in template (standard, leader, standard-sv) at 80x24 and at
# 100x30: every question's title whole in the list, and every follow-up
# and the whole hint readable in the prompt pane (by scrolling at worst).
E2E_LIMIT=${E2E_LIMIT:-240}
. "$(dirname "$0")/lib.sh"
e2e_init prompt-templates

check_template() {   # NAME COLS LINES
	name=$1 cols=$2 lines=$3
	tag="$name-${cols}x$lines"
	tpl="$E2E_TOP/config/templates/$name.ini"
	[ -f "$tpl" ] || { fail "prompt-tpl-$tag" "no $tpl"; return; }
	id=$(e2e_new_batch "Test Person" --template "$name") || { fail "prompt-tpl-$tag" "new --batch failed"; return; }
	nq=$(e2e_template_count "$tpl")
	E2E_COLS=$cols E2E_LINES=$lines e2e_start resume "$id"
	e2e_wait "Question 1 of $nq" || { fail "prompt-tpl-$tag" "$(e2e_screen | head -3)"; return; }
	[ "$(e2e_screen | wc -l)" -eq "$lines" ] || fail "prompt-tpl-$tag-size" "$(e2e_screen | wc -l) lines"
	bad=""
	for q in $(seq 1 "$nq"); do
		t=$(e2e_template_values "$tpl" "$q" title)
		e2e_screen | grep -qF -- "$(printf '%2d' "$q")   $t " || bad="$bad [$q $t]"
	done
	[ -z "$bad" ] && ok "prompt-tpl-$tag-titles" || fail "prompt-tpl-$tag-titles" "cut:$bad"
	e2e_keys BTab   # notes -> prompt pane
	e2e_wait "Space asked" 5 || fail "prompt-tpl-$tag-pane" "$(e2e_screen | tail -1)"
	miss=""
	for q in $(seq 1 "$nq"); do
		# Ctrl-N goes to the next question's notes; Shift-Tab back to its prompt
		[ "$q" -gt 1 ] && { e2e_keys C-n; e2e_wait "Question $q of $nq" 5 || { miss="$miss [no question $q]"; break; }
			e2e_keys BTab; e2e_wait "Space asked" 5 || { miss="$miss [q$q: no prompt pane]"; break; }; }
		all=$(e2e_prompt_all | e2e_flat)
		{ e2e_template_values "$tpl" "$q" 'followup[0-9]+'
		  h=$(e2e_template_values "$tpl" "$q" hint); [ -n "$h" ] && echo "Hint: $h"; } > "$E2E_DIR/want"
		while IFS= read -r f; do
			case $all in *"$f"*) ;; *) miss="$miss [q$q: $f]" ;; esac
		done < "$E2E_DIR/want"
	done
	[ -z "$miss" ] && ok "prompt-tpl-$tag-readable" || fail "prompt-tpl-$tag-readable" "not seen:$miss"
	e2e_keys C-q
	e2e_exited 10 && [ "$E2E_STATUS" = 0 ] || fail "prompt-tpl-$tag-leave" "status ${E2E_STATUS:-none}"
	grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail "prompt-tpl-$tag-sanitizer" "$(head -5 "$E2E_ERR")"
}

for tname in standard leader standard-sv; do
	check_template "$tname" 80 24
	check_template "$tname" 100 30
done
e2e_done
