#!/bin/sh
# Screen input storms: a 1 MB bracketed paste (kept exactly), a 256 KB
# paste without brackets, then 40 chunks of random bytes: escape sequences
# (keys, mouse reports, broken CSI/OSC/DCS, stray paste brackets), control
# characters, invalid UTF-8, NULs.  The program stays up and responsive,
# leaves normally, and the terminal is restored: normal screen, stty sane.
# (Left out of the storm: Ctrl-Q and Ctrl-X/F10, which would end the run
# normally, and Ctrl-Z, which suspends; Ctrl-O runs VISUAL=true.)
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init fault-keystorm
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Kaj Tangent") || { fail fault-storm-setup "new --batch failed"; exit 0; }
S="$E2E_DIR/storm"
mkdir -p "$S"
python3 - "$S" <<'PY'
import os, random, sys
d = sys.argv[1]
r = random.Random(20240601)
words = "alfa bravo charlie delta ekorre fjäril gädda hölje 王小明 😀 naïve \"citat\" 'x' ; -- %s %n \\".split()
def prose(n, end):
    out, size = [], 0
    while size < n:
        line = " ".join(r.choice(words) for _ in range(r.randrange(1, 15)))
        out.append(line)
        size += len(line.encode()) + 1
    return ("\n".join(out) + "\n" + end).encode()
open(os.path.join(d, "paste1m"), "wb").write(prose(1000000, "ENDE1MB"))
open(os.path.join(d, "paste256k"), "wb").write(prose(256000, "SLUT256K"))
keys = [b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[H", b"\x1b[F", b"\x1b[5~", b"\x1b[6~",
        b"\x1b[2~", b"\x1b[3~", b"\x1bOP", b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~",
        b"\x1b[18~", b"\x1b[19~", b"\x1b[20~", b"\x1b[23~", b"\x1b[24~", b"\x1b[Z", b"\x1b[1;5C",
        b"\x1b[1;5D", b"\x1b[1;2A", b"\x1b[1;3B", b"\t", b"\r", b"\x7f", b"\x1b"]
bad_ctrl = {0x11, 0x18, 0x1a}          # Ctrl-Q, Ctrl-X, Ctrl-Z
def piece():
    k = r.randrange(14)
    if k == 0:   # CSI with random parameters and final byte
        p = ";".join(str(r.randrange(100000)) for _ in range(r.randrange(6)))
        return b"\x1b[" + r.choice([b"", b"?", b"<", b">"]) + p.encode() + bytes([r.randrange(0x40, 0x7f)])
    if k == 1:   # SS3 / Alt-key / lone escape
        return b"\x1b" + bytes([r.randrange(0x20, 0x7f)])
    if k == 2:   # mouse reports, X10 and SGR
        return r.choice([b"\x1b[M" + bytes(r.randrange(32, 256) for _ in range(3)),
                         ("\x1b[<%d;%d;%d%s" % (r.randrange(128), r.randrange(300), r.randrange(100), r.choice("mM"))).encode()])
    if k == 3:   # OSC / DCS, terminated or not
        return r.choice([b"\x1b]", b"\x1bP", b"\x1b_", b"\x1b^"]) + os.urandom(0) + b"0;title" + r.choice([b"\x07", b"\x1b\\", b""])
    if k == 4:   # stray paste brackets
        return r.choice([b"\x1b[200~", b"\x1b[201~", b"\x1b[200~" + "text in a paste åäö".encode() + b"\x1b[201~"])
    if k == 5:   # control characters
        return bytes(c for c in (r.randrange(0x20) for _ in range(r.randrange(1, 4))) if c not in bad_ctrl)
    if k == 6:   # invalid UTF-8
        return bytes(r.randrange(0x80, 0x100) for _ in range(r.randrange(1, 5)))
    if k == 7:   # truncated UTF-8 sequences and overlongs
        return r.choice([b"\xe5", b"\xf0\x9f", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbf\xbf"])
    if k == 8:
        return b"\x00"
    if k in (9, 10):
        return r.choice(keys)
    return " ".join(r.choice(words) for _ in range(r.randrange(1, 4))).encode()
for i in range(60):
    chunk = b"".join(piece() for _ in range(r.randrange(100, 400)))
    chunk = chunk.replace(b"\x1b[21~", b"")          # F10: close
    open(os.path.join(d, "chunk%02d" % i), "wb").write(chunk)
PY

e2e_start VISUAL=true resume "$id"
e2e_wait "Question 1 of 7" || fail fault-storm-open "no screen"
pid=$(e2e_pid)
tty=$(fl_tty)
# the column of the frame between the question list and the right panes
fcol=$(e2e_screen | head -1 | python3 -c 'import sys; print(sys.stdin.read().index("\u2502"))')
stty -F "$tty" -a > "$E2E_DIR/stty-during" 2>/dev/null

# 1 MB bracketed paste into the notes: kept exactly
tmux -L "$E2E_SOCK" load-buffer "$S/paste1m"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "ENDE1MB" 20 && ok fault-storm-1mb-paste-shown || fail fault-storm-1mb-paste-shown "$(e2e_screen | tail -4)"
fl_has_notes "$id" 1 "$(cat "$S/paste1m")" 10 && ok fault-storm-1mb-paste-saved-exactly \
	|| fail fault-storm-1mb-paste-saved-exactly "notes are $(fl_notes "$id" 1 | wc -c) bytes"

# 256 KB without brackets, into the next question
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
tmux -L "$E2E_SOCK" load-buffer "$S/paste256k"
tmux -L "$E2E_SOCK" paste-buffer -r
e2e_wait "SLUT256K" 20 && ok fault-storm-raw-paste || fail fault-storm-raw-paste "$(e2e_screen | tail -4)"

# the storm: a fixed number of chunks, never a time
alive=yes
for c in $(ls "$S"/chunk* | head -40); do
	tmux -L "$E2E_SOCK" load-buffer "$c"
	tmux -L "$E2E_SOCK" paste-buffer -r
	sleep 0.05
	if ! kill -0 "$pid" 2>/dev/null; then alive=no; break; fi
	# a real key between chunks too
	e2e_keys F1 Escape Tab Up Down Escape BSpace
done
[ $alive = yes ] && ok fault-storm-stays-up || fail fault-storm-stays-up "died: $(head -5 "$E2E_ERR")"

# still responsive.  First let it digest the storm: end any paste the
# storm began, then wait until the screen stays the same for a second.
printf '\033[201~' > "$S/end"
tmux -L "$E2E_SOCK" load-buffer "$S/end"
tmux -L "$E2E_SOCK" paste-buffer -r
n=0 prev=""
while [ $n -lt 60 ]; do
	sleep 0.5
	cur=$(e2e_screen | sed '$d' | sed '$d')   # without the status line (the clock)
	[ "$cur" = "$prev" ] && break
	prev=$cur
	n=$((n + 1))
done
e2e_keys Escape
sleep 0.3
e2e_keys Escape
sleep 0.3
e2e_keys Escape
e2e_gone "exitview keys" 5   # the help overlay, if the storm left it open
for k in 1 2 3 4 5 6 7 8 9 10 11; do e2e_keys C-p; done
e2e_wait "Opening: " 10 || fail fault-storm-navigate-top "$(e2e_screen | head -3)"
e2e_keys C-n C-n   # the opening checklist, the preparation, then question 1
e2e_wait "Question 1 of 7" 10 || fail fault-storm-navigate-first "$(e2e_screen | head -3)"
# every question's notes, redrawn: the frame stays whole (no character
# from the storm moved the cursor or spilt over the pane)
frame() {
	e2e_screen | python3 -c '
import sys
col = int(sys.argv[1])
for i, l in enumerate(sys.stdin.read().split("\n")[:22]):
    if len(l) <= col or l[col] != "\u2502":
        print("row %d: %r" % (i + 1, l)); sys.exit(1)' "$fcol" > "$E2E_DIR/frame"
}
frame_ok=yes
for q in 2 3 4 5 6 7; do
	e2e_keys C-n
	e2e_wait "Question $q of 7" 5 || { frame_ok="no question $q"; break; }
	e2e_keys C-l
	n=0
	while ! frame && [ $n -lt 30 ]; do sleep 0.1; n=$((n + 1)); done
	[ $n -lt 30 ] || { frame_ok="question $q: $(cat "$E2E_DIR/frame")"; break; }
done
[ "$frame_ok" = yes ] && ok fault-storm-frame-intact || fail fault-storm-frame-intact "$frame_ok"
e2e_keys C-p C-p C-p C-p
e2e_wait "Question 3 of 7" 5 || fail fault-storm-navigate "$(e2e_screen | head -3)"
# Esc in the notes goes to the list; typed there, text goes to the notes
e2e_keys Escape
e2e_wait "Enter notes" 5 || fail fault-storm-esc-to-list "$(e2e_screen | tail -1)"
e2e_type "MARKÖR-EFTER-STORMEN"
e2e_wait "MARKÖR-EFTER-STORMEN" 5 && ok fault-storm-responsive || fail fault-storm-responsive "$(e2e_screen | sed -n 9,12p)"
kill -0 "$pid" 2>/dev/null || fail fault-storm-alive-after "died"

# leave: Ctrl-Q, then the terminal is as it was
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
[ "$E2E_STATUS" = 0 ] && ok fault-storm-leave || fail fault-storm-leave "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
[ "$(tmux -L "$E2E_SOCK" display-message -p '#{alternate_on}')" = 0 ] && ok fault-storm-normal-screen || fail fault-storm-normal-screen "still in the alternate screen"
[ "$(tmux -L "$E2E_SOCK" display-message -p '#{pane_in_mode}#{mouse_any_flag}#{cursor_flag}')" = 001 ] && ok fault-storm-modes-reset \
	|| fail fault-storm-modes-reset "pane modes: $(tmux -L "$E2E_SOCK" display-message -p 'mouse #{mouse_any_flag} cursor #{cursor_flag}')"
st=$(stty -F "$tty" -a 2>&1)
bad=""
for f in icanon echo isig icrnl opost onlcr; do
	echo "$st" | grep -q "[ ;]-$f\b" && bad="$bad -$f"
	echo "$st" | grep -q "\b$f\b" || bad="$bad (no $f)"
done
[ -z "$bad" ] && ok fault-storm-stty-sane || fail fault-storm-stty-sane "after exit:$bad"
e2e_screen | grep -q "ENDE1MB\|SLUT256K\|MARKÖR" && fail fault-storm-nothing-left-on-screen "note text on the screen after exit" || ok fault-storm-nothing-left-on-screen
"$BIN" list >/dev/null 2>&1 && ok fault-storm-db-lists || fail fault-storm-db-lists "list failed"
fl_intact fault-storm-db-fine "$EXITVIEW_DB"
fl_notes "$id" 3 | grep -q "MARKÖR-EFTER-STORMEN" && ok fault-storm-marker-saved || fail fault-storm-marker-saved "not saved"
fl_sanitizer fault-storm-sanitizer
e2e_done
