#!/bin/sh
# A question whose follow-ups wrap to far more rows than the prompt pane
# holds (20 follow-ups of ~900 characters: over 400 rows at 80x24) is
# shown whole by scrolling: Down goes through a follow-up taller than the
# pane before choosing the next, so the end of every follow-up and of the
# hint is reached, and the last follow-up can be marked asked.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=120
e2e_init prompt-long

mkdir -p "$XDG_CONFIG_HOME/exitview/templates"
tpl="$XDG_CONFIG_HOME/exitview/templates/long.ini"
python3 - "$tpl" <<'PY'
import sys
words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod".split()
def text(n, mark):
    out, i = [mark.replace("END", "START")], 0
    while len(" ".join(out)) < n:
        out.append(words[i % len(words)]); i += 1
    return " ".join(out) + " " + mark
with open(sys.argv[1], "w") as f:
    f.write("[template]\ntitle = Long prompts\nlanguage = en\n\n[scale]\n1 = Low\n2 = Fair\n3 = Good\n4 = Very good\n5 = Top\n\n")
    f.write("[categories]\npay = Pay\nother = Other\n\n[question 1]\ntitle = Long\nprompt = A question with very long follow-ups?\n")
    f.write("hint = " + text(400, "HINT-END-MARK") + "\n")
    for k in range(1, 21):
        f.write("followup%d = %s\n" % (k, text(900, "FOLLOWUP-%02d-END" % k)))
PY
id=$(e2e_new_batch "Lång Fråga" --template long) || { fail prompt-long-setup "new failed: $(cat "$E2E_ERR" 2>/dev/null)"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 1" || { fail prompt-long-open "$(e2e_screen | head -3)"; exit 0; }
e2e_keys BTab
e2e_wait "Space asked" 5 || fail prompt-long-pane "$(e2e_screen | tail -1)"
all=$(e2e_prompt_all 600 | e2e_flat)
miss=""
for k in 01 05 10 15 19 20; do
	case $all in *"FOLLOWUP-$k-END"*) ;; *) miss="$miss $k" ;; esac
done
[ -z "$miss" ] && ok prompt-long-every-followup-reached || fail prompt-long-every-followup-reached "not seen:$miss"
case $all in *HINT-END-MARK*) ok prompt-long-hint-end-reached ;; *) fail prompt-long-hint-end-reached "hint end not seen" ;; esac
# the selection is on the last follow-up: mark it
e2e_keys Space
e2e_wait "[x]" 5
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
"$BIN" show "$id" | grep -q "\[x\] FOLLOWUP-20-START" && ok prompt-long-last-marked \
	|| fail prompt-long-last-marked "$("$BIN" show "$id" | grep -c '\[x\]') marked"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail prompt-long-sanitizer "$(head -5 "$E2E_ERR")" || ok prompt-long-sanitizer
e2e_done
