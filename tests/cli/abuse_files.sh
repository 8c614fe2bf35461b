#!/bin/sh
# Files and directories other users control (issue 10).
#
# A database in a directory other users can write (0777, a sticky 1777 like
# /tmp, a group-writable 0770) or in one that belongs to someone else is
# refused unless the config says shared_database = yes.  A journal planted
# beside the database (a symbolic link, writable by others, another user's,
# not a regular file) is refused, naming it, and the database stays byte
# for byte as it was: the planted journal is a real hot journal that SQLite
# would roll into the file (the "control" check shows it does when it is
# the user's own).  A trigger or a view exitview did not create is refused,
# naming it, the file unchanged.  Reports directories: private (0700) by
# default, group-shared (2770) with shared_database = yes; one others can
# write is refused, world-writable without the sticky bit always.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/abuse_lib.inc"

root=no
[ "$(id -u)" = 0 ] && root=yes

# --- a good database: a few interviews with notes over several pages ------
mkdir -p "$TMP/db"; chmod 700 "$TMP/db"
i=1
while [ $i -le 4 ]; do
	new_interview --employee "Person $i" >/dev/null || fail setup "new --batch failed"
	python3 -c 'import sys; print(("Anteckning %s: " % sys.argv[1] + "ord " * 400).strip())' $i | "$BIN" note $i 1
	i=$((i + 1))
done
good="$TMP/db/exitview.db"
printf '[exitview]\nshared_database = yes\n' > "$TMP/shared.ini"

# unchanged NAME FILE COPY: FILE is byte for byte COPY
unchanged() {
	if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$2 changed"; fi
}
# same_data NAME A B: A and B hold the same data but for the audit log,
# which every command that reads an interview writes to
same_data() {
	if [ "$(sqlite3 -readonly "$2" .dump | grep -v '^INSERT INTO audit')" = \
	     "$(sqlite3 -readonly "$3" .dump | grep -v '^INSERT INTO audit')" ]; then ok "$1"
	else fail "$1" "$2 changed"; fi
}
# nothing_beside NAME FILE: no journal (or other file SQLite makes) appeared
nothing_beside() {
	if [ -e "$2-journal" ] || [ -e "$2-wal" ] || [ -e "$2-shm" ]; then fail "$1" "a journal appeared beside $2"
	else ok "$1"; fi
}

# --- 1. directories others can write, or that belong to someone else -----
for kind in 0777 1777 0770 0775 foreign; do
	d="$TMP/dir-$kind"
	mkdir "$d"
	case $kind in
	foreign)
		[ $root = yes ] || { echo "skip dir-foreign: not root, cannot make a directory of another user"; continue; }
		chmod 755 "$d" ;;
	*) chmod "$kind" "$d" ;;
	esac
	cp "$good" "$d/x.db"; chmod 600 "$d/x.db"; cp "$good" "$TMP/copy-$kind"
	[ $kind = foreign ] && chown 65534:65534 "$d"
	for c in list "show 1" "set 1 role=Chef" "new --batch --employee Y"; do
		n="dir-$kind-$(echo "$c" | cut -d' ' -f1)"
		err1 "$n" 0 "$d/x.db" sh -c "exec \"\$0\" -d \"\$1\" $c </dev/null" "$BIN" "$d/x.db"
	done
	case $kind in
	foreign) want="a directory that belongs to another user" ;;
	*) want="a directory other users can write" ;;
	esac
	grep -q "$want.*shared_database = yes" "$TMP/err" && ok "dir-$kind-says-why" || fail "dir-$kind-says-why" "$(cat "$TMP/err")"
	unchanged "dir-$kind-unchanged" "$d/x.db" "$TMP/copy-$kind"
	nothing_beside "dir-$kind-no-journal" "$d/x.db"
	# a new database is not created there either
	err1 "dir-$kind-create" 0 "$d/new.db" "$BIN" -d "$d/new.db" new --batch --employee Z
	[ ! -e "$d/new.db" ] && ok "dir-$kind-create-nothing" || fail "dir-$kind-create-nothing" "$d/new.db was created"
	# declared shared: used
	expect "dir-$kind-shared-ok" 0 'Person 1' "$BIN" -c "$TMP/shared.ini" -d "$d/x.db" list
	run "dir-$kind-shared-write" 0 "$BIN" -c "$TMP/shared.ini" -d "$d/x.db" set 1 role=Chef && ok "dir-$kind-shared-write"
done
# a private directory owned by the user is fine, and so is one of root's
# that only root can write (root can rewrite any file anyway)
expect dir-private-ok 0 'Person 1' "$BIN" -d "$good" list

# --- 1b. journals planted beside the database -------------------------------
# The attacker's journal: made on their own copy in which interview 1 is
# theirs, so rolling it into the victim's file writes their page into it.
A="$TMP/attacker"; mkdir -m 700 "$A"
cp "$good" "$A/a.db"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE interviews SET employee = ?", ("Planted",)); c.commit(); c.close()' "$A/a.db"
cp "$A/a.db" "$A/a.before"
hot_journal "$A/a.db"
cp "$A/a.db-journal" "$A/journal.orig" 2>/dev/null
if [ -s "$A/a.db-journal" ] && ! cmp -s "$A/a.db" "$A/a.before"; then ok setup-hot-journal
else fail setup-hot-journal "no hot journal (or the database was not written before the kill)"; fi
P="$TMP/victim"; mkdir -m 700 "$P"
plant() {   # plant KIND: a fresh victim database and a planted journal
	rm -rf "$P/v.db" "$P/v.db-journal" "$P/v.db-wal"
	cp "$good" "$P/v.db"; chmod 600 "$P/v.db"
	case $1 in
	own) cp "$A/a.db-journal" "$P/v.db-journal"; chmod 600 "$P/v.db-journal" ;;
	foreign-owner) cp "$A/a.db-journal" "$P/v.db-journal"; chmod 600 "$P/v.db-journal"
		chown 65534:65534 "$P/v.db-journal" ;;
	foreign-mode) cp "$A/a.db-journal" "$P/v.db-journal"; chmod 666 "$P/v.db-journal" ;;
	group-writable) cp "$A/a.db-journal" "$P/v.db-journal"; chmod 620 "$P/v.db-journal" ;;
	symlink) ln -s "$A/a.db-journal" "$P/v.db-journal" ;;
	directory) mkdir "$P/v.db-journal" ;;
	fifo) mkfifo "$P/v.db-journal" ;;
	wal) cp "$A/a.db-journal" "$P/v.db-wal"; chmod 666 "$P/v.db-wal" ;;
	esac
}
for kind in foreign-owner foreign-mode group-writable symlink directory fifo wal; do
	if [ $kind = foreign-owner ] && [ $root = no ]; then echo "skip journal-foreign-owner: not root, cannot chown"; continue; fi
	case $kind in wal) side="$P/v.db-wal" ;; *) side="$P/v.db-journal" ;; esac
	for c in list "show 1" "set 1 role=Chef" export; do
		plant $kind
		n="journal-$kind-$(echo "$c" | cut -d' ' -f1)"
		err1 "$n" 0 "$side" sh -c "exec \"\$0\" -d \"\$1\" $c </dev/null" "$BIN" "$P/v.db"
		unchanged "$n-unchanged" "$P/v.db" "$good"
		[ -e "$side" ] || [ -L "$side" ] && ok "$n-journal-kept" || fail "$n-journal-kept" "$side was removed"
	done
	grep -q "refusing to open $P/v.db: $side beside it" "$TMP/err" && ok "journal-$kind-says-why" \
		|| fail "journal-$kind-says-why" "$(cat "$TMP/err")"
done
cmp -s "$A/a.db-journal" "$A/journal.orig" && ok journal-symlink-target-kept || fail journal-symlink-target-kept "the journal a symbolic link pointed to was consumed"
# control: the same journal, the user's own and private, is a hot journal
# SQLite rolls in (what a crash of one's own writer leaves) -- this is what
# the refusals above prevent.
plant own
"$BIN" -d "$P/v.db" set 1 role=Chef > "$TMP/own.out" 2>&1
"$BIN" -d "$P/v.db" list >> "$TMP/own.out" 2>&1
if grep -q Planted "$TMP/own.out"; then ok journal-control-own-rolled-in
else fail journal-control-own-rolled-in "the planted journal was not rolled in: the checks above prove nothing: $(head -c 200 "$TMP/own.out")"; fi

# shared: a group member's journal is accepted, one everyone can write is not
if [ $root = yes ]; then
	S="$TMP/shared"; mkdir -m 2770 "$S"; chgrp 65534 "$S"
	cp "$good" "$S/s.db"; chmod 660 "$S/s.db"; chgrp 65534 "$S/s.db"
	cp "$A/a.db-journal" "$S/s.db-journal"; chmod 666 "$S/s.db-journal"
	err1 journal-shared-world-writable 0 "$S/s.db-journal" "$BIN" -c "$TMP/shared.ini" -d "$S/s.db" list
	unchanged journal-shared-world-writable-unchanged "$S/s.db" "$good"
	chmod 660 "$S/s.db-journal"; chown 65534:65534 "$S/s.db-journal"
	expect journal-shared-group-member 0 'Planted' sh -c '"$0" -c "$1" -d "$2" set 1 role=Chef && "$0" -c "$1" -d "$2" list' "$BIN" "$TMP/shared.ini" "$S/s.db"
	rm -f "$S/s.db-journal"; cp "$A/a.db-journal" "$S/s.db-journal"; chmod 660 "$S/s.db-journal"
	chown 12345:12345 "$S/s.db-journal"
	err1 journal-shared-stranger 0 "$S/s.db-journal" "$BIN" -c "$TMP/shared.ini" -d "$S/s.db" list
else
	echo "skip journal-shared: not root, cannot chown"
fi

# --- 2. triggers and views exitview did not create ---------------------------
T="$TMP/objects"; mkdir -m 700 "$T"
cp "$good" "$T/trigger.db"
sqlite3 "$T/trigger.db" "CREATE TABLE IF NOT EXISTS loot(t); CREATE TRIGGER steal AFTER UPDATE ON note_chunks BEGIN INSERT INTO loot VALUES (old.text); END;"
cp "$good" "$T/view.db"
sqlite3 "$T/view.db" "CREATE VIEW everything AS SELECT * FROM note_chunks;"
cp "$good" "$T/trigger-only.db"
sqlite3 "$T/trigger-only.db" "CREATE TRIGGER keep BEFORE DELETE ON note_chunks BEGIN SELECT RAISE(IGNORE); END;"
cp "$good" "$T/impostor.db"   # one of exitview's trigger names, other text
sqlite3 "$T/impostor.db" "CREATE TABLE IF NOT EXISTS loot(t); DROP TRIGGER note_chunks_au; CREATE TRIGGER note_chunks_au AFTER UPDATE ON note_chunks BEGIN INSERT INTO loot VALUES (old.text); END;"
cp "$good" "$T/odd-name.db"
sqlite3 "$T/odd-name.db" "CREATE VIEW \"$(printf 'v\033]52;c;x\a')\" AS SELECT 1;"
chmod 600 "$T"/*.db
for f in "$T"/*.db; do cp "$f" "$f.orig"; done
for b in trigger view trigger-only impostor odd-name; do
	f="$T/$b.db"
	for c in list "show 1" "set 1 role=Chef" "new --batch --employee Y" export summary; do
		n="object-$b-$(echo "$c" | cut -d' ' -f1)"
		err1 "$n" 0 "$f" sh -c "exec \"\$0\" -d \"\$1\" $c </dev/null" "$BIN" "$f"
	done
	echo hej | "$BIN" -d "$f" note 1 1 2>"$TMP/err" && fail "object-$b-note" "note was saved" || ok "object-$b-note"
	unchanged "object-$b-unchanged" "$f" "$f.orig"
	nothing_beside "object-$b-no-journal" "$f"
done
grep -q "has a trigger 'steal' that exitview did not create: refusing to open" "$TMP/err_object-trigger-list" \
	&& ok object-trigger-named || fail object-trigger-named "$(cat "$TMP/err_object-trigger-list")"
grep -q "has a trigger 'note_chunks_au' that exitview did not create: refusing to open" "$TMP/err_object-impostor-list" \
	&& ok object-impostor-named || fail object-impostor-named "$(cat "$TMP/err_object-impostor-list")"
grep -q "has a view 'everything' that exitview did not create: refusing to open" "$TMP/err_object-view-list" \
	&& ok object-view-named || fail object-view-named "$(cat "$TMP/err_object-view-list")"
if grep -q "$(printf '\033')\|$(printf '\a')" "$TMP/err_object-odd-name-list"; then fail object-odd-name-plain "control characters printed"
else ok object-odd-name-plain; fi
# the good file (no objects of its own) still opens
expect object-none-ok 0 'Person 1' "$BIN" -d "$good" list

# --- 3. reports directories ---------------------------------------------------
R="$TMP/rep"; mkdir -m 700 "$R"
cp "$good" "$R/r.db"; chmod 600 "$R/r.db"
# cfg NAME SHARED REPORTS: a config file
cfg() { printf '[exitview]\nshared_database = %s\nreports = %s\n' "$2" "$3" > "$R/$1.ini"; }
# close_with NAME CONFIG ID: close interview ID of r.db with CONFIG
close_with() { "$BIN" -c "$R/$2.ini" -d "$R/r.db" close "$3" > "$TMP/out" 2> "$TMP/err"; }
modes() { [ "$(stat -c %a "$2")" = "$3" ] && ok "$1" || fail "$1" "$2 is $(stat -c %a "$2"), not $3"; }
still_open() {   # NAME ID: interview ID is still open, no report was written
	if "$BIN" -d "$R/r.db" list --open --tsv | cut -f1 | grep -qx "$2"; then ok "$1"
	else fail "$1" "interview $2 was closed"; fi
}
umask 022
cfg private no "$R/mine/reports"
close_with rep-private private 1 && ok rep-private-close || fail rep-private-close "$(cat "$TMP/err")"
modes rep-private-created-0700 "$R/mine/reports" 700
cfg shared yes "$R/team/reports"
close_with rep-shared shared 2 && ok rep-shared-close || fail rep-shared-close "$(cat "$TMP/err")"
modes rep-shared-created-2770 "$R/team/reports" 2770
# existing directories others can write
for m in 777 770 1777; do
	mkdir "$R/open-$m"; chmod "$m" "$R/open-$m"
	cfg "open-$m" no "$R/open-$m"
	err1 "rep-private-existing-$m" 0 "$R/open-$m" "$BIN" -c "$R/open-$m.ini" -d "$R/r.db" close 3
	grep -q "writable by other users" "$TMP/err" && ok "rep-private-existing-$m-says-why" || fail "rep-private-existing-$m-says-why" "$(cat "$TMP/err")"
	still_open "rep-private-existing-$m-open" 3
	[ -z "$(ls -A "$R/open-$m")" ] && ok "rep-private-existing-$m-nothing-written" || fail "rep-private-existing-$m-nothing-written" "$(ls -A "$R/open-$m")"
	modes "rep-private-existing-$m-mode-kept" "$R/open-$m" "$m"
done
cfg shared-777 yes "$R/open-777"
err1 rep-shared-world-writable 0 "$R/open-777" "$BIN" -c "$R/shared-777.ini" -d "$R/r.db" close 3
grep -q "writable by everyone" "$TMP/err" && ok rep-shared-world-writable-says-why || fail rep-shared-world-writable-says-why "$(cat "$TMP/err")"
still_open rep-shared-world-writable-open 3
cfg shared-770 yes "$R/open-770"
close_with rep-shared-group-writable shared-770 3 && ok rep-shared-group-writable || fail rep-shared-group-writable "$(cat "$TMP/err")"
cfg shared-1777 yes "$R/open-1777"
close_with rep-shared-sticky shared-1777 4 && ok rep-shared-sticky || fail rep-shared-sticky "$(cat "$TMP/err")"

# A team: the first interviewer's close creates the reports directory, the
# second (another user, in the team's group) closes theirs into it too.
if [ $root = yes ] && command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	TD="$R/teamdb"; mkdir "$TD"; chgrp 65534 "$TD"; chmod 2770 "$TD"
	printf '[exitview]\nshared_database = yes\nreports = %s\n' "$TD/reports" > "$TD/team.ini"; chmod 644 "$TD/team.ini"
	"$BIN" -c "$TD/team.ini" -d "$TD/s.db" new --batch --employee "Team A" >/dev/null </dev/null
	"$BIN" -c "$TD/team.ini" -d "$TD/s.db" new --batch --employee "Team B" >/dev/null </dev/null
	chmod 660 "$TD/s.db"; chgrp 65534 "$TD/s.db"
	"$BIN" -c "$TD/team.ini" -d "$TD/s.db" close 1 >/dev/null 2>"$TMP/err" && ok rep-team-first || fail rep-team-first "$(cat "$TMP/err")"
	mkdir "$R/nobody"; chown 65534:65534 "$R/nobody"
	chmod 711 "$TMP" "$R"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$R/nobody" XDG_DATA_HOME="$R/nobody/d" XDG_CONFIG_HOME="$R/nobody/c" \
		"$BIN" -c "$TD/team.ini" -d "$TD/s.db" close 2 >"$TMP/out" 2>"$TMP/err" </dev/null \
		&& ok rep-team-second-interviewer || fail rep-team-second-interviewer "$(cat "$TMP/err")"
	chmod 700 "$TMP" "$R"
	[ "$(ls "$TD/reports" | wc -l)" = 2 ] && ok rep-team-both-reports || fail rep-team-both-reports "$(ls -la "$TD/reports")"
else
	echo "skip rep-team: needs root and setpriv to act as a second interviewer"
fi

# --- 5. a hot journal left by a killed writer --------------------------------
H="$TMP/hot"; mkdir -m 700 "$H"
cp "$good" "$H/h.db"
"$BIN" -d "$H/h.db" list --tsv > "$H/list.want"
"$BIN" -d "$H/h.db" show 2 > "$H/show.want"
"$BIN" -d "$H/h.db" export --json > "$H/export.want"
"$BIN" -d "$H/h.db" report 3 -o - > "$H/report.want"
cp "$H/h.db" "$H/h.orig"
for c in list show export report; do
	hot_journal "$H/h.db"
	if [ -s "$H/h.db-journal" ] && ! cmp -s "$H/h.db" "$H/h.orig"; then ok "hot-$c-setup"
	else fail "hot-$c-setup" "no hot journal"; fi
	case $c in
	list) args="list --tsv" ;;
	show) args="show 2" ;;
	export) args="export --json" ;;
	report) args="report 3 -o -" ;;
	esac
	if "$BIN" -d "$H/h.db" $args > "$H/$c.got" 2>"$TMP/err"; then ok "hot-$c-works"
	else fail "hot-$c-works" "$(cat "$TMP/err")"; fi
	cmp -s "$H/$c.got" "$H/$c.want" && ok "hot-$c-intact" || fail "hot-$c-intact" "$(diff "$H/$c.want" "$H/$c.got" | head -5 | tr '\n' ' ')"
	[ ! -e "$H/h.db-journal" ] && ok "hot-$c-rolled-back" || fail "hot-$c-rolled-back" "the journal is still there"
	same_data "hot-$c-file-as-committed" "$H/h.db" "$H/h.orig"
done
# a reader who may not write the file cannot roll it back: told what and why
if [ $root = yes ] && command -v setpriv >/dev/null 2>&1; then
	hot_journal "$H/h.db"
	chmod 644 "$H/h.db"; chmod 755 "$H"; chmod 711 "$TMP"
	cp "$H/h.db" "$H/h.hot"
	err1 hot-reader-cannot-write 0 "$H/h.db-journal" setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME=/nonexistent "$BIN" -c "$TMP/shared.ini" -d "$H/h.db" list
	grep -q "needs recovery" "$TMP/err" && ok hot-reader-says-why || fail hot-reader-says-why "$(cat "$TMP/err")"
	unchanged hot-reader-nothing-changed "$H/h.db" "$H/h.hot"
	chmod 700 "$TMP" "$H"; chmod 600 "$H/h.db"
else
	echo "skip hot-reader-cannot-write: needs root and setpriv"
fi
