#!/bin/sh
# A slow reader blocks no one (design.md, "Never lose a word"): an export
# whose standard output is a pipe nobody reads (`exitview export | less`,
# left on its first page) waits in write(2) with no lock held, so a
# writer that comes meanwhile (`note`, `new`) succeeds, and its text is
# stored.  The export is known to be blocked before the writer starts: the
# pipe is full and the process sleeps in the kernel's pipe_write — a
# condition, not a time.  Then the reader drains the pipe and the export
# completes with every interview.
. "$(dirname "$0")/lib.sh"

# Setup with the optimised binary when built (the ASan one is slow); the
# commands under test run the one given ($BIN).
fast=$BIN
[ -x "$EXITVIEW_TOP/exitview" ] && fast=$EXITVIEW_TOP/exitview
N=140                         # more than one chunk of an export (store.c)
python3 -c 'import sys; sys.stdout.write(("Hon berättade om flytten, lönen och chefen. " * 100)[:4000] + "\n")' > "$TMP/note"
i=0 first=""
while [ $i -lt $N ]; do
	id=$("$fast" new --batch --employee "Person $i" --department "Avd $((i % 5))" </dev/null) &&
		"$fast" note "$id" 1 < "$TMP/note" || { fail slow-setup "interview $i: $(cat "$TMP/err" 2>/dev/null)"; exit 0; }
	[ -n "$first" ] || first=$id
	i=$((i + 1))
done
last=$id

# The reader: opens the pipe (and makes it SIZE bytes if SIZE is not 0),
# reads nothing until told to ("stop"); says "full" once the pipe holds
# its whole capacity; then drains it to a file.
cat > "$TMP/reader.py" <<'PY'
import fcntl, os, struct, sys, termios, time
fifo, full, stop, out, size = sys.argv[1:]
fd = os.open(fifo, os.O_RDONLY)          # until the export opens it
if int(size):
    fcntl.fcntl(fd, 1031, int(size))     # F_SETPIPE_SZ
cap = fcntl.fcntl(fd, 1032)              # F_GETPIPE_SZ
said = False
for _ in range(6000):                    # at most about a minute
    if os.path.exists(stop):
        break
    n = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]
    if n >= cap and not said:
        open(full, "w").close()
        said = True
    time.sleep(0.01)
with open(out, "wb") as f:
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        f.write(b)
PY

# blocked PID: the export is alive, the pipe full, the process asleep in
# pipe_write (where /proc shows it).  Polls, bounded by a count.
blocked() {
	_n=0
	while [ $_n -lt 1000 ]; do
		kill -0 "$1" 2>/dev/null || return 1
		if [ -e "$TMP/full" ]; then
			_w=$(cat "/proc/$1/wchan" 2>/dev/null)
			_s=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)
			case $_w in
			*pipe_write*) return 0 ;;
			''|0) [ "$_s" = S ] && return 0 ;;   # wchan hidden: asleep with a full pipe
			esac
		fi
		sleep 0.02
		_n=$((_n + 1))
	done
	return 1
}

# slow NAME PIPESIZE ARGS: exitview ARGS into a pipe nobody reads (of
# PIPESIZE bytes, 0: the default 64 KB); while it waits there, two
# writers; then drain it and check what it gave.
slow() {
	_t=$1 _size=$2
	shift 2
	rm -f "$TMP/fifo" "$TMP/full" "$TMP/stop" "$TMP/export.out"
	mkfifo "$TMP/fifo"
	python3 "$TMP/reader.py" "$TMP/fifo" "$TMP/full" "$TMP/stop" "$TMP/export.out" "$_size" &
	_rp=$!
	"$BIN" "$@" > "$TMP/fifo" 2> "$TMP/export.err" &
	_ep=$!
	if ! blocked "$_ep"; then
		fail "$_t-blocks" "exitview $* never blocked on its full pipe (its output too small?)"
	else
		ok "$_t-blocks"
		_text="Skrivet medan exporten väntade ($_t)."
		# a writer: must not fail with "busy" (the busy timeout is 5 s,
		# retried: 20 s in all); `timeout` only stops a hung test
		printf '%s\n' "$_text" | timeout 60 "$BIN" note "$first" 2 > "$TMP/w.out" 2> "$TMP/w.err"
		_rc=$?
		if [ $_rc -eq 0 ] && [ ! -s "$TMP/w.err" ]; then ok "$_t-note-succeeds"
		else fail "$_t-note-succeeds" "exit $_rc: $(head -c 300 "$TMP/w.err")"; fi
		timeout 60 "$BIN" new --batch --employee "Ny under exporten" </dev/null > "$TMP/w.out" 2> "$TMP/w.err"
		_rc=$?
		if [ $_rc -eq 0 ] && [ -n "$(cat "$TMP/w.out")" ]; then ok "$_t-new-succeeds"
		else fail "$_t-new-succeeds" "exit $_rc: $(head -c 300 "$TMP/w.err")"; fi
		# it was still waiting on its reader all along
		kill -0 "$_ep" 2>/dev/null && [ ! -e "$TMP/export.out" ] && ok "$_t-still-blocked" \
			|| fail "$_t-still-blocked" "exitview $* ended before the writers were done"
		"$BIN" show "$first" | grep -qF "$_text" && ok "$_t-note-stored" \
			|| fail "$_t-note-stored" "the note written during the export is not in the database"
	fi
	touch "$TMP/stop"
	wait "$_ep"
	_erc=$?
	wait "$_rp"
	if [ $_erc -eq 0 ] && [ ! -s "$TMP/export.err" ]; then ok "$_t-completes"
	else fail "$_t-completes" "exit $_erc: $(head -c 300 "$TMP/export.err")"; fi
}

slow slow-json 0 export --json
# every interview there when it began, once, in order, each whole
python3 - "$TMP/export.out" "$first" "$last" "$TMP/note" <<'PY' && ok slow-json-whole || fail slow-json-whole "see above"
import json, sys
recs = json.load(open(sys.argv[1], encoding="utf-8"))
first, last = int(sys.argv[2]), int(sys.argv[3])
note = open(sys.argv[4], encoding="utf-8").read()
ids = [r["id"] for r in recs]
want = list(range(first, last + 1))
if ids != want:
    print("# ids: %s ... (%d), want %d..%d" % (ids[:5], len(ids), first, last)); sys.exit(1)
bad = [r["id"] for r in recs if r["questions"][0]["notes"] != note]
if bad:
    print("# notes differ in %s" % bad[:5]); sys.exit(1)
PY

before=$("$BIN" list --tsv | tail -n +2 | wc -l)
slow slow-csv 0 export --csv
# the interviews there when it began (the one its writer added came later),
# no row longer than the header
python3 - "$TMP/export.out" "$before" <<'PY' && ok slow-csv-whole || fail slow-csv-whole "see above"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
if len(rows) != int(sys.argv[2]) or any(None in r for r in rows):
    print("# %d rows (want %s), or rows longer than the header" % (len(rows), sys.argv[2])); sys.exit(1)
PY

# A list goes out after its one short read: it holds no lock either (its
# output is smaller: a pipe of one page).
before=$("$BIN" list --tsv | tail -n +2 | wc -l)
slow slow-list 4096 list --tsv
n=$(tail -n +2 "$TMP/export.out" | wc -l)
[ "$n" = "$before" ] && ok slow-list-whole || fail slow-list-whole "$n rows, want $before"
