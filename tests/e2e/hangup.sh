#!/bin/sh
# The SSH link drops in the middle of typing (tmux kill-server closes the
# pty): every typed word is in the database although autosave is 60 s.
# Then resume: the cursor is where it was.
. "$(dirname "$0")/lib.sh"
e2e_init hangup

mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nautosave = 60\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
id=$(e2e_new_batch "Bo Ek") || { fail hangup-setup "new --batch failed"; exit 0; }

e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail hangup-open "no interview screen"
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
words="alfa bravo charlie delta ekorre fjäril gädda hölje"
e2e_type "$words"
e2e_wait "hölje" 5 || fail hangup-typed "text not on screen"
# The premise, checked where it matters: the config with autosave = 60
# must be the one in effect, the words must not be in the database yet,
# so that only the hang-up can save them, and the status line must not
# say "saved" (it stays calm while a save is on its way: no word at all).
if ! "$BIN" check-config 2>&1 | grep -qF "config $XDG_CONFIG_HOME/exitview/config.ini: ok"; then
	fail hangup-unsaved-before "the config with autosave = 60 is not the one read: $("$BIN" check-config 2>&1 | head -1)"
elif ! e2e_screen | tail -2 | head -1 | grep -q " saved" && ! "$BIN" show "$id" | grep -q "hölje"; then
	ok hangup-unsaved-before
else
	fail hangup-unsaved-before "the notes were saved before the hang-up: the test proves nothing ($(e2e_screen | tail -2 | head -1))"
fi
tmux -L "$E2E_SOCK" kill-server

# the program saves and exits; poll the database
n=0
while [ $n -lt 100 ]; do
	"$BIN" show "$id" 2>/dev/null | grep -q "hölje" && break
	sleep 0.05
	n=$((n + 1))
done
show=$("$BIN" show "$id")
missing=""
for w in $words; do
	echo "$show" | grep -q "$w" || missing="$missing $w"
done
[ -z "$missing" ] && ok hangup-every-word-saved || fail hangup-every-word-saved "missing:$missing"
if [ -s "$E2E_ERR" ] && grep -q "AddressSanitizer\|runtime error" "$E2E_ERR"; then
	fail hangup-sanitizer "$(head -5 "$E2E_ERR")"
else
	ok hangup-sanitizer
fi
grep -q "hang-up: notes saved" "$E2E_ERR" && ok hangup-message || fail hangup-message "stderr: $(cat "$E2E_ERR")"

# resume: question 2, cursor after "gädda " (moved there before leaving)
e2e_start resume "$id"
if e2e_wait "Question 2 of 7"; then ok hangup-resume-question; else fail hangup-resume-question "$(e2e_screen | head -2)"; fi
e2e_keys Left Left Left Left Left C-q
e2e_exited 10 || fail hangup-leave "did not leave"
e2e_start resume "$id"
e2e_wait "Question 2 of 7" || fail hangup-resume2 "no screen"
e2e_type "X"
# (the notes may wrap between "gädda" and the rest: the database says the rest)
e2e_wait "Xhölje" 5 && ok hangup-resume-cursor || fail hangup-resume-cursor "$(e2e_screen | grep alfa)"
e2e_keys C-q
e2e_exited 10
"$BIN" show "$id" | grep -q "gädda Xhölje" && ok hangup-resume-saved || fail hangup-resume-saved "not in the database"

# SIGTERM: saved at once too, a message, status 1
e2e_start resume "$id"
e2e_wait "Question 2 of 7" || fail hangup-term-open "no screen"
e2e_keys C-n
e2e_wait "Question 3 of 7" 5
e2e_type "termineras nu"
e2e_wait "termineras nu" 5
kill -TERM "$(e2e_pid)"
e2e_exited 10
[ "$E2E_STATUS" = 1 ] && grep -q "terminated: notes saved" "$E2E_ERR" && ok hangup-sigterm-exit \
	|| fail hangup-sigterm-exit "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
"$BIN" show "$id" | grep -q "termineras nu" && ok hangup-sigterm-saved || fail hangup-sigterm-saved "not in the database"
e2e_done
