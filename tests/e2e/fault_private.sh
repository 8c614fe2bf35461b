#!/bin/sh
# Confidentiality, with umask 000 throughout: the database, reports, the
# editor's temporary file and exports are 0600 in 0700 directories; the
# report is never written through a symbolic link; the editor's temporary
# file is removed (also when the link drops while the editor runs) and
# private while it exists (also after a kill -9); nothing of the notes is
# left in the terminal's scrollback after exit, nor in any file outside the
# private directories.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=80
e2e_init fault-private
. "$(dirname "$0")/fault_lib.inc"

touch "$E2E_DIR/t0"
umask 000
chmod 700 "$E2E_DIR"
secret="HEMLIGT-$$-anteckning"
T="$E2E_DIR/tmp"          # the TMPDIR, world-writable like /tmp
mkdir -m 1777 "$T"
export TMPDIR="$T"
data="$XDG_DATA_HOME/exitview"

modes() {   # NAME PATH MODE: PATH has MODE
	m=$(stat -c %a "$2" 2>&1)
	[ "$m" = "$3" ] && ok "$1" || fail "$1" "$2 is $m, not $3"
}

id=$(e2e_new_batch "Per Privat") || { fail fault-priv-setup "new --batch failed"; exit 0; }
modes fault-priv-db-0600 "$EXITVIEW_DB" 600
modes fault-priv-datadir-0700 "$data" 700
echo "$secret i frågan" | "$BIN" note "$id" 1
"$BIN" export --json -o "$E2E_DIR/out/export.json" >/dev/null || fail fault-priv-export "export failed"
modes fault-priv-export-0600 "$E2E_DIR/out/export.json" 600
modes fault-priv-export-dir-0700 "$E2E_DIR/out" 700
"$BIN" report "$id" -o "$E2E_DIR/rep/new/r.txt" >/dev/null || fail fault-priv-report "report failed"
modes fault-priv-report-o-0600 "$E2E_DIR/rep/new/r.txt" 600
modes fault-priv-report-o-dirs-0700 "$E2E_DIR/rep/new" 700

# the editor: a script that records what it was given, then edits
cat > "$E2E_DIR/ed" <<EOF
#!/bin/sh
echo "\$1" > "$E2E_DIR/ed.path"
stat -c %a "\$1" > "$E2E_DIR/ed.mode"
stat -c %a "\$(dirname "\$1")" > "$E2E_DIR/ed.dirmode"
ls -A "\$(dirname "\$1")" > "$E2E_DIR/ed.dirlist"
[ -n "\$EDITOR_WAIT" ] && { touch "$E2E_DIR/ed.waiting"; sleep 30; }
printf ' tillagt i editorn' >> "\$1"
EOF
chmod 755 "$E2E_DIR/ed"

E2E_PRE="umask 000" e2e_start VISUAL="$E2E_DIR/ed" TMPDIR="$T" resume "$id"
e2e_wait "Question 1 of 7" || fail fault-priv-open "no screen"
e2e_wait "$secret" 5 || fail fault-priv-shown "notes not on screen"
e2e_keys C-o
e2e_wait "notes updated from the editor" 10 || fail fault-priv-editor "$(fl_status)"
[ "$(cat "$E2E_DIR/ed.mode")" = 600 ] && [ "$(cat "$E2E_DIR/ed.dirmode")" = 700 ] && ok fault-priv-editor-private \
	|| fail fault-priv-editor-private "file $(cat "$E2E_DIR/ed.mode"), dir $(cat "$E2E_DIR/ed.dirmode")"
[ "$(cat "$E2E_DIR/ed.dirlist")" = "$(basename "$(cat "$E2E_DIR/ed.path")")" ] && ok fault-priv-editor-dir-holds-one-file \
	|| fail fault-priv-editor-dir-holds-one-file "$(cat "$E2E_DIR/ed.dirlist")"
[ -z "$(ls -A "$T")" ] && ok fault-priv-editor-temp-removed || fail fault-priv-editor-temp-removed "left in TMPDIR: $(ls -A "$T")"
# close on screen: the report 0600 in a 0700 directory
e2e_keys F10
e2e_wait "Close the interview with" 5
e2e_keys y
e2e_exited 10
[ "$E2E_STATUS" = 0 ] && ok fault-priv-closed || fail fault-priv-closed "status ${E2E_STATUS:-none}: $(head -3 "$E2E_ERR")"
rep=$(ls "$data/reports/"*.txt 2>/dev/null | head -1)
[ -n "$rep" ] && modes fault-priv-report-0600 "$rep" 600 || fail fault-priv-report-0600 "no report in $data/reports"
modes fault-priv-reports-dir-0700 "$data/reports" 700
# nothing of the notes in the scrollback or on the screen after exit
tmux -L "$E2E_SOCK" capture-pane -p -S - > "$E2E_DIR/scrollback"
grep -q "$secret\|tillagt" "$E2E_DIR/scrollback" && fail fault-priv-no-scrollback "notes left in the terminal" || ok fault-priv-no-scrollback
fl_notes "$id" 1 | grep -q "tillagt i editorn" && ok fault-priv-editor-saved || fail fault-priv-editor-saved "editor text not saved"

# the report is never written through a symbolic link
id2=$(e2e_new_batch "Sam Symlänk")
echo "$secret två" | "$BIN" note "$id2" 1
path=$("$BIN" report "$id2") || fail fault-priv-report-path "report failed"
rm -f "$path"
ln -s "$E2E_DIR/stolen.txt" "$path"
E2E_PRE="umask 000" e2e_start resume "$id2"
e2e_wait "Question 1 of 7" || fail fault-priv-open2 "no screen"
e2e_keys F10
e2e_wait "Close the interview with" 5
e2e_keys y
e2e_wait "not closed" 5 && ok fault-priv-symlink-refused-on-screen || fail fault-priv-symlink-refused-on-screen "$(fl_status)"
echo "# status line: $(fl_status)"
e2e_keys C-q
e2e_exited 10
[ ! -e "$E2E_DIR/stolen.txt" ] && ok fault-priv-symlink-not-followed || fail fault-priv-symlink-not-followed "written through the link"
"$BIN" close "$id2" > /dev/null 2>"$E2E_DIR/close.err" && fail fault-priv-symlink-refused-cli "close wrote through the link" \
	|| { grep -q "symbolic link" "$E2E_DIR/close.err" && ok fault-priv-symlink-refused-cli || fail fault-priv-symlink-refused-cli "$(cat "$E2E_DIR/close.err")"; }
[ ! -e "$E2E_DIR/stolen.txt" ] && "$BIN" list --open --tsv | grep -q "^$id2	" && ok fault-priv-symlink-still-open \
	|| fail fault-priv-symlink-still-open "interview closed or file written"
rm -f "$path"

# the link drops while the editor runs: temp file removed, notes saved
id3=$(e2e_new_batch "Hugo Hängd")
E2E_PRE="umask 000" e2e_start VISUAL="$E2E_DIR/ed" EDITOR_WAIT=1 TMPDIR="$T" resume "$id3"
e2e_wait "Question 1 of 7" || fail fault-priv-open3 "no screen"
pid=$(e2e_pid)
e2e_type "$secret före editorn"
e2e_keys C-o
n=0; while [ ! -f "$E2E_DIR/ed.waiting" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
tmux -L "$E2E_SOCK" kill-server
fl_dead "$pid" 10 || fail fault-priv-hup-editor-exit "still running"
[ -z "$(ls -A "$T")" ] && ok fault-priv-hup-editor-temp-removed || fail fault-priv-hup-editor-temp-removed "left: $(ls -A "$T")"
fl_has_notes "$id3" 1 "$secret före editorn" 5 && ok fault-priv-hup-editor-notes-saved || fail fault-priv-hup-editor-notes-saved "$(fl_notes "$id3" 1)"
rm -f "$E2E_DIR/ed.waiting"

# kill -9 while the editor runs: the file left behind is still private
E2E_PRE="umask 000" e2e_start VISUAL="$E2E_DIR/ed" EDITOR_WAIT=1 TMPDIR="$T" resume "$id3"
e2e_wait "Question 1 of 7" || fail fault-priv-open4 "no screen"
pid=$(e2e_pid)
e2e_keys C-o
n=0; while [ ! -f "$E2E_DIR/ed.waiting" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
kill -KILL "$pid"
fl_dead "$pid" 5
left=$(cat "$E2E_DIR/ed.path")
if [ ! -e "$left" ]; then ok fault-priv-kill-editor-private
elif [ "$(stat -c %a "$left")" = 600 ] && [ "$(stat -c %a "$(dirname "$left")")" = 700 ]; then ok fault-priv-kill-editor-private
else fail fault-priv-kill-editor-private "$(ls -la "$(dirname "$left")")"; fi
tmux -L "$E2E_SOCK" kill-server
rm -rf "$T"/exitview-*

# everything under the data directory private; no note text anywhere else
bad=$(find "$XDG_DATA_HOME" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) 2>/dev/null | grep -v "^$XDG_DATA_HOME\$")
[ -z "$bad" ] && ok fault-priv-data-all-private || fail fault-priv-data-all-private "$(echo "$bad" | head -3)"
leak=$(grep -rl "$secret" "$E2E_DIR" 2>/dev/null | grep -v "^$XDG_DATA_HOME/\|^$E2E_DIR/out/\|^$E2E_DIR/rep/\|^$E2E_DIR/scrollback\|^$E2E_DIR/err\|^$E2E_DIR/run.sh")
[ -z "$leak" ] && ok fault-priv-no-copies-elsewhere || fail fault-priv-no-copies-elsewhere "$leak"
leak=$(find /tmp /var/tmp /dev/shm -xdev -newer "$E2E_DIR/t0" -type f 2>/dev/null | grep -v "^$E2E_DIR/" | xargs -r grep -l "$secret" 2>/dev/null)
[ -z "$leak" ] && ok fault-priv-nothing-in-shared-tmp || fail fault-priv-nothing-in-shared-tmp "$leak"
fl_sanitizer fault-priv-sanitizer
e2e_done
