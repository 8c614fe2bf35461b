# tests/cli/lib.sh — shared by the command-line tests (sourced, not run).
# Each test gets a private HOME and database; results print as ok/FAIL.
BIN=${EXITVIEW_BIN:-$EXITVIEW_TOP/build/asan/exitview}
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/.local/share" XDG_CONFIG_HOME="$TMP/home/.config"
export EXITVIEW_DB="$TMP/db/exitview.db" LC_ALL=C.UTF-8
unset LANGUAGE   # messages in English (the source): tests/cli/i18n.sh sets its own
unset EXITVIEW_CONFIG NO_COLOR
mkdir -p "$HOME"

# SQL for checks: the notes of schema 9 (in chunks, store_notes.c) as
# `notes` held them before (a row a slot), and what makes a file of
# schema 9 to 11 one of schema 8 (for tests of older files made from new
# ones; 10 changed only how `answered` is counted, which an older file has recounted when read, 11 added interview_counts).
NOTES_OF="(SELECT interview_id, slot, group_concat(text, '') AS text FROM (SELECT * FROM note_chunks ORDER BY id) GROUP BY interview_id, slot)"
SCHEMA9_TO_8="DROP TRIGGER interviews_count_ai; DROP TRIGGER interviews_count_ad;
	DROP TRIGGER interviews_count_au; DROP TABLE interview_counts;
	DROP TRIGGER note_chunks_ai; DROP TRIGGER note_chunks_ad; DROP TRIGGER note_chunks_au;
	DROP TRIGGER actions_ai; DROP TRIGGER actions_ad; DROP TRIGGER actions_au;
	DROP TRIGGER interviews_ai; DROP TRIGGER interviews_ad; DROP TRIGGER interviews_au;
	DROP TABLE notes_fts; DROP TABLE actions_fts; DROP TABLE people_fts;
	CREATE TABLE notes (interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
	 slot INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (interview_id, slot));
	INSERT INTO notes SELECT interview_id, slot, group_concat(text, '') FROM
	 (SELECT * FROM note_chunks ORDER BY id) GROUP BY interview_id, slot;
	DROP TABLE note_chunks; PRAGMA user_version = 8;"

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }

# run NAME EXPECTED_STATUS CMD... — runs CMD, keeps stdout in $OUT and
# stderr in $ERR, checks the exit status.
run() {
	_name=$1 _want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	_rc=$?
	OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
	if [ "$_rc" -ne "$_want" ]; then
		fail "$_name" "exit $_rc, expected $_want; stderr: $(head -c 300 "$TMP/err")"
		return 1
	fi
	return 0
}

# expect NAME STATUS PATTERN CMD... — status and a grep -E pattern on
# stdout+stderr.  An empty PATTERN would match anything: refused (use
# succeeds, and check what the command did).
expect() {
	_n=$1 _s=$2 _p=$3; shift 3
	if [ -z "$_p" ]; then
		fail "$_n" "empty pattern: a check that cannot fail"
		return 1
	fi
	if run "$_n" "$_s" "$@"; then
		if printf '%s\n%s\n' "$OUT" "$ERR" | grep -Eq -- "$_p"; then ok "$_n"
		else fail "$_n" "output lacks /$_p/: $(printf '%s %s' "$OUT" "$ERR" | head -c 300)"; fi
	fi
}

# succeeds NAME CMD... — CMD exits 0 and says nothing on stderr.
succeeds() {
	_n=$1; shift
	if run "$_n" 0 "$@"; then
		if [ -s "$TMP/err" ]; then fail "$_n" "stderr: $(head -c 300 "$TMP/err")"
		else ok "$_n"; fi
	fi
}

# A usage error: exit 2, one line on stderr beginning "exitview:".
usage_error() {
	_n=$1; shift
	if run "$_n" 2 "$@"; then
		if [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q '^exitview: ' "$TMP/err"; then ok "$_n"
		else fail "$_n" "stderr not one 'exitview:' line: $(head -c 300 "$TMP/err")"; fi
	fi
}

# A runtime error: exit 1, one line on stderr beginning "exitview:", matching PATTERN.
runtime_error() {
	_n=$1 _p=$2; shift 2
	if run "$_n" 1 "$@"; then
		if [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q '^exitview: ' "$TMP/err" && grep -Eq -- "$_p" "$TMP/err"; then ok "$_n"
		else fail "$_n" "stderr: $(head -c 300 "$TMP/err")"; fi
	fi
}

# new_interview [OPTIONS] — creates one in batch mode and prints its ID.
new_interview() {
	"$BIN" new --batch "$@" </dev/null
}
