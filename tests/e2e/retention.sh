#!/bin/sh
# The start screen says when closed interviews are kept past the retention
# of the config (retention_months), and what deletes them; without one, or
# with none that old, it says nothing.
. "$(dirname "$0")/lib.sh"
e2e_init retention

old=$(e2e_new_batch "Gammal Stängd" --interview-date 2020-01-15 | tail -1) || { fail retention-setup "new failed"; exit 0; }
"$BIN" close "$old" >/dev/null || fail retention-setup "close failed"
e2e_new_batch "Gammal Öppen" --interview-date 2020-02-15 >/dev/null

# no retention configured: no word of it
e2e_start
e2e_wait "Gammal Öppen" 10 || fail retention-list "$(e2e_screen | head -5)"
e2e_screen | grep -q "retention" && fail retention-none-silent "$(e2e_screen | tail -3)" || ok retention-none-silent
e2e_keys C-q
e2e_exited 10 || fail retention-quit "did not quit"

mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nretention_months = 12\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
e2e_start
e2e_wait "1 closed interview is past the 12-month retention: run exitview purge" 10 \
	&& ok retention-said || fail retention-said "$(e2e_screen | tail -3)"
e2e_keys C-q
e2e_exited 10 || fail retention-quit2 "did not quit"

"$BIN" purge --yes >/dev/null || fail retention-purge "purge failed"
e2e_start
e2e_wait "Gammal Öppen" 10 || fail retention-list2 "$(e2e_screen | head -5)"
e2e_screen | grep -q "retention" && fail retention-after-purge "$(e2e_screen | tail -3)" || ok retention-after-purge
e2e_keys C-q
e2e_exited 10
e2e_done
