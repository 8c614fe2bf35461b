#!/bin/sh
# Terminals: colours by default, none with NO_COLOR or colour = no, vt100
# works and is cleared at exit, dumb and unknown terminals are refused in
# our words, ASCII line drawing outside a UTF-8 locale.
. "$(dirname "$0")/lib.sh"
e2e_init term

id=$(e2e_new_batch "Eva Gran") || { fail term-setup "new --batch failed"; exit 0; }
"$BIN" set "$id" q2.rating=4 >/dev/null || fail term-setup "set failed"
"$BIN" note "$id" 1 >/dev/null 2>&1 <<EON
Hemlig anteckning
EON

coloured() { tmux -L "$E2E_SOCK" capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7][;m]"; }

e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail term-default "no screen"
coloured && ok term-colour-default || fail term-colour-default "no colour codes on screen"
e2e_keys C-q; e2e_exited 10

e2e_start NO_COLOR=1 resume "$id"
e2e_wait "Question 1 of 7" || fail term-no-color "no screen"
coloured && fail term-no-color "colour codes with NO_COLOR set" || ok term-no-color
e2e_keys C-q; e2e_exited 10

e2e_start NO_COLOR= resume "$id"
e2e_wait "Question 1 of 7"
coloured && ok term-no-color-empty-ignored || fail term-no-color-empty-ignored "an empty NO_COLOR turned colours off"
e2e_keys C-q; e2e_exited 10

mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\ncolour = no\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
e2e_start resume "$id"
e2e_wait "Question 1 of 7"
coloured && fail term-colour-setting "colour = no ignored" || ok term-colour-setting
e2e_keys C-q; e2e_exited 10
rm "$XDG_CONFIG_HOME/exitview/config.ini"

e2e_start TERM=vt100 resume "$id"
if e2e_wait "Question 1 of 7" && e2e_wait "Hemlig anteckning" 3; then ok term-vt100-works; else fail term-vt100-works "$(e2e_screen | head -3)"; fi
coloured && fail term-vt100-no-colour "colour on vt100" || ok term-vt100-no-colour
e2e_keys Escape
e2e_wait "Enter notes" 5
e2e_keys Down Up Tab Tab C-e
e2e_type "mer"
e2e_wait "Hemlig anteckningmer" 5 && ok term-vt100-typing || fail term-vt100-typing "$(e2e_screen | grep Hemlig)"
e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ] && ! e2e_screen | grep -q "Hemlig"; then
	ok term-vt100-cleared-at-exit
else
	fail term-vt100-cleared-at-exit "status ${E2E_STATUS:-none}; $(e2e_screen | grep -c .) lines left"
fi

e2e_start TERM=dumb resume "$id"
e2e_exited 10
if [ "$E2E_STATUS" = 1 ] && grep -q "^exitview: terminal type 'dumb' cannot move the cursor" "$E2E_ERR"; then
	ok term-dumb-refused
else
	fail term-dumb-refused "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
fi
e2e_start TERM=no-such-terminal resume "$id"
e2e_exited 10
if [ "$E2E_STATUS" = 1 ] && [ "$(cat "$E2E_ERR")" = "exitview: terminal type 'no-such-terminal' is not supported" ]; then
	ok term-unknown-refused
else
	fail term-unknown-refused "status ${E2E_STATUS:-none}: $(cat "$E2E_ERR")"
fi

e2e_start LANG=C LC_ALL=C resume "$id"
e2e_wait "Question 1 of 7" || fail term-ascii "no screen"
if e2e_screen | grep -q "| *Question 1 of 7" && e2e_screen | grep -q -- "-- Notes " && ! e2e_screen | grep -q "│"; then
	ok term-ascii-lines
else
	fail term-ascii-lines "$(e2e_screen | head -2)"
fi
e2e_keys C-q; e2e_exited 10
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail term-sanitizer "$(head -5 "$E2E_ERR")" || ok term-sanitizer
e2e_done
