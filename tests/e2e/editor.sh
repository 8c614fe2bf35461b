#!/bin/sh
# Ctrl-O runs $EDITOR on the notes in a private 0600 file that is removed
# afterwards; with neither VISUAL nor EDITOR, Debian's sensible-editor,
# then editor, then vi (a nano user is not dropped into vi); Ctrl-C while
# the editor runs is the editor's, not exitview's; a bracketed paste of a
# long text arrives intact.
. "$(dirname "$0")/lib.sh"
e2e_init editor
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Filip Holm") || { fail editor-setup "new --batch failed"; exit 0; }

ed="$E2E_DIR/fake-editor"
cat > "$ed" <<EOS
#!/bin/sh
# record what the editor was given, then append a line
f=\$1
{ echo "file=\$f"; stat -c 'mode=%a' "\$f"; stat -c 'dirmode=%a' "\$(dirname "\$f")"; } > "$E2E_DIR/edlog"
printf 'Tillagd rad från editorn\n' >> "\$f"
EOS
chmod +x "$ed"

e2e_start EDITOR="$ed" VISUAL= resume "$id"
e2e_wait "Question 1 of 7" || fail editor-open "no screen"
e2e_type "Första raden"
e2e_keys Enter
e2e_keys C-o
if e2e_wait "Tillagd rad från editorn" 10; then ok editor-ctrl-o-result-shown; else fail editor-ctrl-o-result-shown "$(e2e_screen | sed -n 10,12p)"; fi
e2e_screen | grep -q "Första raden" && ok editor-ctrl-o-kept-text || fail editor-ctrl-o-kept-text "first line lost"
file=$(sed -n 's/^file=//p' "$E2E_DIR/edlog")
grep -q "^mode=600$" "$E2E_DIR/edlog" && ok editor-file-0600 || fail editor-file-0600 "$(cat "$E2E_DIR/edlog")"
grep -q "^dirmode=700$" "$E2E_DIR/edlog" && ok editor-dir-private || fail editor-dir-private "$(cat "$E2E_DIR/edlog")"
case $file in */exitview-??????/notes.txt) ok editor-mkdtemp-name ;; *) fail editor-mkdtemp-name "$file" ;; esac
[ -n "$file" ] && [ ! -e "$file" ] && [ ! -e "$(dirname "$file")" ] && ok editor-file-removed || fail editor-file-removed "$file still there"
n=0
while [ $n -lt 60 ] && ! "$BIN" show "$id" | grep -q "Tillagd rad"; do sleep 0.05; n=$((n + 1)); done
"$BIN" show "$id" | grep -q "Tillagd rad från editorn" && ok editor-saved-on-return || fail editor-saved-on-return "not in the database"

# a long bracketed paste into question 2
e2e_keys C-n
e2e_wait "Question 2 of 7" 5
words="$E2E_DIR/words"
i=1; line=""
: > "$words"
while [ $i -le 600 ]; do
	line="$line ord$i-ä"
	if [ $((i % 12)) = 0 ]; then echo "$line" >> "$words"; line=""; fi
	i=$((i + 1))
done
tmux -L "$E2E_SOCK" load-buffer "$words"
tmux -L "$E2E_SOCK" paste-buffer -p
e2e_wait "ord600-ä" 10 && ok editor-paste-shown || fail editor-paste-shown "$(e2e_screen | tail -4)"
e2e_keys C-q
e2e_exited 10 || fail editor-leave "did not leave"
got=$("$BIN" show "$id" | tr -s ' \n' '\n\n' | grep '^ord' | tr '\n' ' ')
want=$(tr -s ' \n' '\n\n' < "$words" | grep '^ord' | tr '\n' ' ')
[ "$got" = "$want" ] && ok editor-paste-intact || fail editor-paste-intact "$(printf '%s' "$got" | cut -c1-200)"
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail editor-sanitizer "$(head -5 "$E2E_ERR")" || ok editor-sanitizer

# no VISUAL, no EDITOR: the first of sensible-editor, editor, vi in PATH
bin="$E2E_DIR/bin"
mkdir -p "$bin"
for name in sensible-editor editor vi; do
	cat > "$bin/$name" <<EOS
#!/bin/sh
echo $name >> "$E2E_DIR/ran"
printf 'via $name\n' >> "\$1"
EOS
	chmod +x "$bin/$name"
done
for want in sensible-editor editor vi; do
	: > "$E2E_DIR/ran"
	e2e_start PATH="$bin" resume "$id"
	e2e_wait "── Notes" || fail "editor-fallback-$want-open" "no screen"
	e2e_keys C-o
	e2e_wait "notes updated from the editor" 10
	e2e_keys C-q
	e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
	[ "$(cat "$E2E_DIR/ran")" = "$want" ] && ok "editor-fallback-$want" || fail "editor-fallback-$want" "ran: $(cat "$E2E_DIR/ran")"
	rm -f "$bin/$want"
done

# Ctrl-C (and Ctrl-\) while the editor runs: exitview stays, the text comes back
slow="$E2E_DIR/slow-editor"
cat > "$slow" <<EOS
#!/bin/sh
trap '' INT QUIT
echo started > "$E2E_DIR/slow.started"
while [ ! -e "$E2E_DIR/slow.go" ]; do sleep 0.05; done
printf 'efter ctrl-c\n' >> "\$1"
EOS
chmod +x "$slow"
e2e_start VISUAL="$slow" resume "$id"
e2e_wait "── Notes" || fail editor-ctrl-c-open "no screen"
pid=$(e2e_pid)
e2e_keys C-o
n=0; while [ ! -e "$E2E_DIR/slow.started" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
e2e_keys C-c
tmux -L "$E2E_SOCK" send-keys -H 1c   # Ctrl-\
touch "$E2E_DIR/slow.go"
e2e_wait "efter ctrl-c" 10 && ok editor-ctrl-c-ignored || fail editor-ctrl-c-ignored "$(e2e_screen | tail -2); $(cat "$E2E_ERR")"
kill -0 "$pid" 2>/dev/null && ok editor-ctrl-c-still-running || fail editor-ctrl-c-still-running "exitview ended"
e2e_keys C-q
e2e_exited 10 || { e2e_keys C-q; e2e_exited 5; }
"$BIN" show "$id" | grep -q "efter ctrl-c" && ok editor-ctrl-c-saved || fail editor-ctrl-c-saved "not saved"

# the SSH link drops while the editor runs: what it wrote (nano keeps its
# buffer in FILE.save on SIGHUP) reaches the database, and its private
# directory with every copy in it is removed
hup="$E2E_DIR/hup-editor"
cat > "$hup" <<EOS
#!/bin/sh
f=\$1
trap 'printf "sparat vid avbrottet\n" > "\$f.save"; : > "\$(dirname "\$f")/.notes.txt.swp"; exit 1' HUP
echo "\$f" > "$E2E_DIR/hup.path"
while :; do sleep 0.05; done
EOS
chmod +x "$hup"
T="$E2E_DIR/edtmp"
mkdir -m 700 "$T"
e2e_start VISUAL="$hup" TMPDIR="$T" resume "$id"
e2e_wait "── Notes" || fail editor-hup-open "no screen"
pid=$(e2e_pid)
e2e_keys C-o
n=0; while [ ! -s "$E2E_DIR/hup.path" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
tmux -L "$E2E_SOCK" kill-server
fl_dead "$pid" 10 || fail editor-hup-exit "still running"
"$BIN" show "$id" | grep -q "sparat vid avbrottet" && ok editor-hup-text-saved || fail editor-hup-text-saved "$(cat "$E2E_ERR")"
[ -z "$(ls -A "$T")" ] && ok editor-hup-temp-removed || fail editor-hup-temp-removed "left: $(ls -laR "$T")"
e2e_done
