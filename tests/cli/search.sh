#!/bin/sh
# exitview search (issue 14): words, "phrases" and prefixes over every
# part of every interview; case folded for every letter, å ä ö distinct
# from a and o; exit 0 found, 1 nothing, 2 a bad query; --open, --closed,
# --since, --until, --tsv, --limit; the index after delete and anonymise;
# a file of schema 8 gets its index built (and one that cannot be written
# says so).
. "$(dirname "$0")/lib.sh"

mk() { "$BIN" new --batch "$@" | tail -1; }
# hits NAME "ID PART ..." ARGS...: the TSV hits (ID and part) are exactly these
hits() {
	_n=$1 _want=$2; shift 2
	_got=$("$BIN" search --tsv "$@" 2>"$TMP/err" | tail -n +2 | cut -f1,4 | tr '\t\n' ': ' | sed 's/ $//')
	[ "$_got" = "$_want" ] && ok "$_n" || fail "$_n" "got '$_got', expected '$_want' ($(head -c 200 "$TMP/err"))"
}

a=$(mk --employee "Åsa Öberg" --role Utvecklare --department Plattform --interview-date 2025-02-10 --template standard-sv)
b=$(mk --employee "Bob Stone" --role Engineer --department Sales --interview-date 2025-06-20)
c=$(mk --employee "Cleo Mote" --role Engineer --department Sales --interview-date 2026-01-15)
printf 'Lönen låg under marknaden.\nHon ville ha ett möte med chefen om lönerevisionen.\n' | "$BIN" note "$a" 1
echo "Läste uppsägningsbrevet noga." | "$BIN" note "$a" preparation
echo "Tittade ner vid frågan om chefen." | "$BIN" note "$a" observations
"$BIN" action add "$a" "Se över lönetrappan för utvecklare" --owner "Lena HR" >/dev/null
echo "The pay was below market, and the manager never listened." | "$BIN" note "$b" 1
echo "Wanted more training; the mote in the plan was small." | "$BIN" note "$b" 3
echo "She said the pay was fine but the commute was long." | "$BIN" note "$c" 2
"$BIN" close "$b" >/dev/null || fail setup "close failed"

# ---- words, case, å ä ö ----
expect found-exit-0 0 "^ *$b  Bob Stone, question 1 \(.*\): .*\[pay\]" "$BIN" search pay
expect nothing-exit-1 1 "^$" "$BIN" search zzqqxx
[ -z "$OUT" ] && ok nothing-prints-nothing || fail nothing-prints-nothing "$OUT"
hits words-all-must-match "$b:1" pay manager
hits case-folded-ascii "$c:2 $b:1" PAY
hits case-folded-swedish "$a:1" LÖNEN
hits ring-distinct-a "$a:1" möte
hits o-distinct-o-umlaut "$b:3" mote
hits a-not-a-ring "" lonen
hits swedish-prefix "$a:1 $a:action 1" "löne*"
hits swedish-action "$a:action 1" lönetrappan
hits swedish-preparation "$a:preparation" uppsägningsbrevet
hits swedish-observations "$a:observations" tittade
hits or "$c:2 $b:1" pay OR commute
expect where-words 0 "^ *$a  Åsa Öberg, action 1: Se över \[lönetrappan\] för utvecklare$" "$BIN" search lönetrappan
expect where-observations 0 "^ *$a  Åsa Öberg, observations: \[Tittade\] ner" "$BIN" search tittade
expect where-preparation 0 "^ *$a  Åsa Öberg, preparation: " "$BIN" search uppsägningsbrevet
# a prefix: each hit's own snippet (looked up in one query for all hits)
expect where-prefix-action 0 "^ *$a  Åsa Öberg, action 1: Se över \[lönetrappan\] för utvecklare$" "$BIN" search 'lönetr*'
out=$("$BIN" search 'pa*' 2>/dev/null)
printf '%s\n' "$out" | grep -q "^ *$c  Cleo Mote, question 2 (.*): .*the \[pay\] was fine" &&
	printf '%s\n' "$out" | grep -q "^ *$b  Bob Stone, question 1 (.*): .*The \[pay\] was below" &&
	[ "$(printf '%s\n' "$out" | wc -l)" = 2 ] && ok where-prefix-each-hit || fail where-prefix-each-hit "$out"
out=$("$BIN" search --limit 1 'pa*' 2>/dev/null)
printf '%s\n' "$out" | grep -q "^ *$c  Cleo Mote, question 2 (.*): .*the \[pay\] was fine" && ok where-prefix-limit ||
	fail where-prefix-limit "$out"

# ---- phrases ----
hits phrase "$b:1" '"pay was below"'
hits phrase-order "" '"below was pay"'
hits phrase-across-words "$c:2 $b:1" '"the pay"'
hits phrase-prefix "$a:1" '"ett mö"*'
hits phrase-and-word "$b:1" '"pay was" market'
hits quoted-punctuation "$b:1" '"market, and"'

# ---- bad queries: exit 2, one line ----
usage_error bad-quote "$BIN" search '"pay was'
grep -q 'bad query' "$TMP/err" && ok bad-quote-says || fail bad-quote-says "$(cat "$TMP/err")"
# the reason in the reader's language, still beginning exitview:
LANGUAGE=sv "$BIN" search '"pay was' >/dev/null 2>"$TMP/err.sv"; rc=$?
[ "$rc" = 2 ] && grep -q "^exitview: ogiltig sökning: ett citattecken" "$TMP/err.sv" \
	&& ok bad-quote-swedish || fail bad-quote-swedish "exit $rc: $(cat "$TMP/err.sv")"
usage_error bad-star-inside "$BIN" search 'p*y'
usage_error bad-or-alone "$BIN" search OR
usage_error bad-or-dangling "$BIN" search pay OR
usage_error bad-no-word "$BIN" search -- '--'
usage_error bad-empty "$BIN" search ''
usage_error bad-no-query "$BIN" search
usage_error bad-since "$BIN" search --since 2025-13-01 pay
usage_error bad-open-closed "$BIN" search --open --closed pay
usage_error bad-limit "$BIN" search --limit x pay

# ---- --open, --closed, --since, --until ----
hits closed-only "$b:1" --closed pay
hits open-only "$c:2" --open pay
hits since "$c:2" --since 2025-07-01 pay
hits until "$b:1" --until 2025-12-31 pay
hits since-until "" --since 2025-07-01 --until 2025-12-31 pay

# ---- --tsv, --limit ----
run tsv 0 "$BIN" search --tsv pay &&
	[ "$(printf '%s\n' "$OUT" | head -1)" = "$(printf 'id\tstatus\temployee\tpart\ttitle\tsnippet')" ] &&
	printf '%s\n' "$OUT" | grep -q "^$b	closed	Bob Stone	1	[^	]*	The \[pay\] was below" && ok tsv || fail tsv "$OUT"
run limit 0 "$BIN" search --limit 1 pay &&
	[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] && printf '%s\n' "$OUT" | grep -q "^ *$c " &&
	grep -q "^exitview: 1 hits shown, more not" "$TMP/err" && ok limit || fail limit "$OUT / $ERR"
run limit-all 0 "$BIN" search --limit 0 pay && [ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] && [ ! -s "$TMP/err" ] \
	&& ok limit-all || fail limit-all "$OUT / $ERR"

# ---- the audit log: the search, never its words ----
run log 0 "$BIN" log
printf '%s\n' "$OUT" | grep -q "	search	-	2 hits" && ok log-search || fail log-search "$OUT"
case $OUT in *pay*|*lön*) fail log-no-words "$OUT" ;; *) ok log-no-words ;; esac

# ---- the index follows edits, deletes and anonymisations ----
echo "Now about the salary only." | "$BIN" note "$c" 2
hits edit-old-words-gone "$b:1" pay
hits edit-new-words "$c:2" salary
"$BIN" action add "$c" "Call about the ZZBONUS" >/dev/null
hits action-added "$c:action 2" zzbonus
"$BIN" action edit 2 --text "Call about the pension" >/dev/null
hits action-edited "" zzbonus
"$BIN" anonymise "$b" --yes >/dev/null
hits anonymise-gone "" pay
"$BIN" delete "$c" --yes >/dev/null
hits delete-gone "" salary
hits delete-action-gone "" pension
hits others-kept "$a:1" lönen

# ---- no database: nothing found, nothing made ----
expect no-db 1 "^$" env EXITVIEW_DB="$TMP/none/x.db" "$BIN" search pay
[ -e "$TMP/none" ] && fail no-db-made "created" || ok no-db-made

# ---- a file of schema 8: read in place by the rest, its index built by search ----
if command -v sqlite3 >/dev/null 2>&1; then
	old="$TMP/db/old.db"
	o1=$(EXITVIEW_DB=$old mk --employee "Gammal Lönsson")
	echo "Gamla anteckningar om lönen och mötet." | EXITVIEW_DB=$old "$BIN" note "$o1" 1
	sqlite3 "$old" "$SCHEMA9_TO_8" && chmod 600 "$old"
	[ "$(sqlite3 "$old" 'PRAGMA user_version')" = 8 ] && ok v8-made || fail v8-made "not 8"
	expect v8-show-in-place 0 "lönen och mötet" env EXITVIEW_DB=$old "$BIN" show "$o1"
	[ "$(sqlite3 "$old" 'PRAGMA user_version')" = 8 ] && ok v8-read-unchanged || fail v8-read-unchanged "migrated by show"
	expect v8-search-builds 0 "^ *$o1  Gammal Lönsson, question 1 .*\[lönen\]" env EXITVIEW_DB=$old "$BIN" search lönen
	[ "$(sqlite3 "$old" 'PRAGMA user_version')" = 11 ] && ok v8-migrated || fail v8-migrated "still 8"
	[ "$(sqlite3 "$old" "SELECT text FROM $NOTES_OF WHERE slot = 0")" = "Gamla anteckningar om lönen och mötet." ] \
		&& ok v8-notes-kept || fail v8-notes-kept "$(sqlite3 "$old" "SELECT * FROM note_chunks")"
	[ "$(sqlite3 "$old" 'PRAGMA integrity_check')" = ok ] && ok v8-integrity || fail v8-integrity "not ok"
	[ "$(sqlite3 "$old" "INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check'); SELECT 'ok'" 2>&1)" = ok ] \
		&& ok v8-index-integrity || fail v8-index-integrity "index does not match the notes"
	expect v8-search-again 0 "Gammal" env EXITVIEW_DB=$old "$BIN" search mötet

	# one this user cannot write: everything but search works, and search says why
	ro="$TMP/ro"
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
	   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$ro XDG_CONFIG_HOME=$ro/.config XDG_DATA_HOME=$ro/.local"
	elif [ "$(id -u)" != 0 ]; then
		as=env
	else
		as=""
	fi
	if [ -n "$as" ]; then
		mkdir -p "$ro/db"
		o2=$(EXITVIEW_DB=$ro/db/r.db mk --employee "Läs Endast")
		echo "Skrivskyddade ord." | EXITVIEW_DB=$ro/db/r.db "$BIN" note "$o2" 1
		sqlite3 "$ro/db/r.db" "$SCHEMA9_TO_8"
		chmod 711 "$TMP"; chmod 700 "$ro" "$ro/db"; chmod 400 "$ro/db/r.db"
		[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$ro"
		cp "$ro/db/r.db" "$TMP/r.orig"
		run ro-search 2 $as EXITVIEW_DB="$ro/db/r.db" "$BIN" search ord &&
			grep -q "^exitview: .*r.db has no search index yet (an older schema) and it cannot be built here" "$TMP/err" &&
			[ "$(wc -l < "$TMP/err")" = 1 ] && ok ro-search || fail ro-search "$(cat "$TMP/err")"
		expect ro-show 0 "Skrivskyddade ord" $as EXITVIEW_DB="$ro/db/r.db" "$BIN" show "$o2"
		expect ro-list 0 "Läs Endast" $as EXITVIEW_DB="$ro/db/r.db" "$BIN" list
		cmp -s "$ro/db/r.db" "$TMP/r.orig" && ok ro-unchanged || fail ro-unchanged "the file changed"
		chmod 700 "$TMP"
	else
		echo "skip ro-search: running as root, and setpriv cannot run as nobody here"
	fi
else
	echo "skip v8: no sqlite3 shell"
fi
