#!/bin/sh
# Nothing typed goes astray (issue: input decoding, focus, nano habits):
# bytes sent as a terminal sends them (send-keys -H), checked on screen and
# in the database.
#  - a Latin-1 keystroke (PuTTY set to ISO-8859-1) is a letter, and the
#    keys after it (Ctrl-Q included) still work;
#  - a C locale still reads UTF-8, warns, keeps the letters;
#  - Home/End as ESC[1~ ESC[4~ (tmux, PuTTY), ESC[7~ ESC[8~ (rxvt),
#    ESC[H ESC[F and ESC OH ESC OF (xterm) move the cursor, never rate;
#  - an unknown sequence is ignored whole; a burst of broken ones is not a
#    hang-up;
#  - typing in the list or the prompt pane writes the notes; Alt-1..5,
#    Alt-0, Alt-S rate and skip from any pane; Ctrl-N/Ctrl-P go to notes.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=120
e2e_init input
. "$(dirname "$0")/fault_lib.inc"

hex() { tmux -L "$E2E_SOCK" send-keys -H "$@"; }
rating_of() {   # ID QUESTION: the rating in the database (0: none)
	"$BIN" export --json | python3 -c '
import json, sys
for iv in json.load(sys.stdin):
    if iv["id"] == int(sys.argv[1]):
        a = iv["questions"][int(sys.argv[2]) - 1]
        print(a.get("rating") or 0, "skipped" if a.get("skipped") else "")' "$1" "$2"
}
notes_line() { fl_notes "$1" "$2" | head -1; }

# ---- Latin-1 bytes: letters, and Ctrl-Q right after still leaves -------
id=$(e2e_new_batch "Liv Latin") || { fail input-setup "new --batch failed"; exit 0; }
e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail input-open "no screen"
e2e_type "Lön "
hex e5 e4 f6          # å ä ö from a Latin-1 terminal
e2e_type " slut"
e2e_wait "Lön åäö slut" 5 && ok input-latin1-letters-shown || fail input-latin1-letters-shown "$(e2e_screen | sed -n 14p)"
hex e5                # one lone byte, then Ctrl-Q at once
e2e_keys C-q
if e2e_exited 10 && [ "$E2E_STATUS" = 0 ]; then ok input-ctrl-q-after-invalid-byte; else
	fail input-ctrl-q-after-invalid-byte "status ${E2E_STATUS:-none}"; e2e_keys C-q; e2e_exited 5; fi
[ "$(notes_line "$id" 1)" = "Lön åäö slutå" ] && ok input-latin1-saved || fail input-latin1-saved "$(notes_line "$id" 1 | od -c | head -3)"

# ---- a C locale: UTF-8 still read, a warning, nothing dropped -----------
id2=$(e2e_new_batch "Carl Locale") || fail input-setup2 "new failed"
e2e_start LANG=C LC_ALL=C resume "$id2"
e2e_wait "Question 1 of 7" || fail input-c-open "no screen"
e2e_wait "not UTF-8" 5 && ok input-c-locale-warned || fail input-c-locale-warned "$(e2e_screen | tail -2)"
e2e_type "Bj"
hex c3 b6             # UTF-8 ö
e2e_type "rn"
e2e_wait "Bj?rn" 5 && ok input-c-locale-drawn-ascii || fail input-c-locale-drawn-ascii "$(e2e_screen | sed -n 14p)"
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
[ "$(notes_line "$id2" 1)" = "Björn" ] && ok input-c-locale-kept || fail input-c-locale-kept "$(notes_line "$id2" 1)"

# ---- Home/End sequences of every terminal: the cursor moves, nothing else
id3=$(e2e_new_batch "Hanna Home") || fail input-setup3 "new failed"
e2e_start resume "$id3"
e2e_wait "Question 1 of 7" || fail input-home-open "no screen"
e2e_type "mitt"
e2e_wait "mitt" 5
n=0
for seq in "1b 5b 31 7e:1b 5b 34 7e:tmux/PuTTY" "1b 5b 37 7e:1b 5b 38 7e:rxvt" "1b 5b 48:1b 5b 46:xterm" \
	   "1b 4f 48:1b 4f 46:xterm-app"; do
	home=${seq%%:*}; rest=${seq#*:}; end=${rest%%:*}; name=${rest#*:}
	n=$((n + 1))
	# shellcheck disable=SC2086
	hex $home
	e2e_type "<$n"
	# shellcheck disable=SC2086
	hex $end
	e2e_type ">"
done
want="<4<3<2<1mitt>>>>"
e2e_wait "$want" 5 && ok input-home-end-all-terminals || fail input-home-end-all-terminals "$(e2e_screen | sed -n 14p)"
e2e_screen | grep -q "rating" && fail input-home-end-no-rating "a rating appeared" || ok input-home-end-no-rating
e2e_screen | tail -1 | grep -q "Alt-U undo" && ok input-home-end-focus-stays || fail input-home-end-focus-stays "$(e2e_screen | tail -1)"

# ---- unknown sequences: ignored whole; a burst is not a hang-up ---------
hex 1b 5b 39 39 7e    # ESC[99~
e2e_type "!"
e2e_wait "$want!" 5 && ok input-unknown-sequence-ignored || fail input-unknown-sequence-ignored "$(e2e_screen | sed -n 14p)"
e2e_screen | grep -q "99~" && fail input-unknown-not-replayed "replayed as keys" || ok input-unknown-not-replayed
burst="$E2E_DIR/burst"
python3 -c '
import sys
out = b""
for i in range(400):
    out += b"\x1b[" + str(i).encode() + b";" + bytes([0x20 + i % 16])    # broken CSI, cut by a control or a letter
    out += b"\x1b[<" + str(i).encode() + b";1;1" + (b"M" if i % 2 else b"")
    out += b"\x1b]0;" + b"\x1b"
sys.stdout.buffer.write(out)' > "$burst"
pid=$(e2e_pid)
tmux -L "$E2E_SOCK" load-buffer "$burst"
tmux -L "$E2E_SOCK" paste-buffer -r
e2e_keys C-e
e2e_type "EFTER"
e2e_wait "EFTER" 10 && ok input-burst-still-typing || fail input-burst-still-typing "$(e2e_screen | tail -3)"
kill -0 "$pid" 2>/dev/null && ok input-burst-no-hangup || fail input-burst-no-hangup "ended: $(cat "$E2E_ERR")"

# ---- typing in the list and the prompt pane writes the notes ------------
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
e2e_keys Escape
e2e_wait "Enter notes" 5 || fail input-list-focus "$(e2e_screen | tail -1)"
e2e_type "She said 3 of 5, so"
e2e_wait "She said 3 of 5, so" 5 && ok input-list-typing-to-notes || fail input-list-typing-to-notes "$(e2e_screen)"
e2e_keys Tab Tab
e2e_wait "Space asked" 5 || fail input-prompt-focus "$(e2e_screen | tail -1)"
e2e_type "s"
e2e_wait "5, sos" 5 && ok input-prompt-typing-to-notes || fail input-prompt-typing-to-notes "$(e2e_screen | sed -n 14p)"
e2e_wait "saved" 5
set -- $(rating_of "$id3" 2)
[ "${1:-x}" = 0 ] && [ -z "${2:-}" ] && ok input-typing-no-rating-no-skip || fail input-typing-no-rating-no-skip "rating ${1:-?} ${2:-}"

# ---- Alt-1..5, Alt-0, Alt-S from every pane ----------------------------
e2e_keys M-4
e2e_wait "rating 4" 5 && ok input-alt-rate-editor || fail input-alt-rate-editor "$(e2e_screen | sed -n 13p)"
e2e_keys Escape
e2e_wait "Enter notes" 5
e2e_keys M-2
e2e_wait "rating 2" 5 && ok input-alt-rate-list || fail input-alt-rate-list "$(e2e_screen | sed -n 13p)"
e2e_keys Tab
e2e_wait "Space asked" 5
e2e_keys M-5
e2e_wait "rating 5" 5 && ok input-alt-rate-prompt || fail input-alt-rate-prompt "$(e2e_screen | sed -n 13p)"
e2e_keys M-0
e2e_gone "rating 5" 5 && ok input-alt-0-clears || fail input-alt-0-clears "$(e2e_screen | sed -n 13p)"
e2e_keys M-s
e2e_wait "skipped" 5 && ok input-alt-s-skips || fail input-alt-s-skips "$(e2e_screen | sed -n 13p)"
e2e_keys M-s M-3
e2e_wait "rating 3" 5
e2e_gone "skipped" 5
set -- $(rating_of "$id3" 2)
[ "${1:-x}" = 3 ] && ok input-alt-rating-saved || fail input-alt-rating-saved "rating ${1:-?}"

# ---- Ctrl-N / Ctrl-P go to the notes from any pane ---------------------
e2e_keys Escape
e2e_gone "Space asked" 5 || fail input-esc-prompt-to-list "$(e2e_screen | tail -1)"
e2e_keys C-n
e2e_wait "Question 3 of 7" 5
e2e_type "tre"
e2e_keys Tab Tab
e2e_wait "Space asked" 5
e2e_keys C-p
e2e_wait "Question 2 of 7" 5
e2e_type "!"
e2e_wait "saved" 5
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
[ "$(notes_line "$id3" 3)" = "tre" ] && ok input-ctrl-n-to-notes || fail input-ctrl-n-to-notes "$(notes_line "$id3" 3)"
[ "$(notes_line "$id3" 2)" = "She said 3 of 5, sos!" ] && ok input-ctrl-p-to-notes || fail input-ctrl-p-to-notes "$(notes_line "$id3" 2)"
[ "$(notes_line "$id3" 1)" = "${want}!EFTER" ] && ok input-sequences-saved || fail input-sequences-saved "$(notes_line "$id3" 1)"
fl_sanitizer input-sanitizer
e2e_done
