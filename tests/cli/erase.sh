#!/bin/sh
# Forgetting people and accounting for who read what: delete, anonymise,
# purge and the audit log.  The database file (and any journal beside it)
# is searched byte by byte for what was erased.
. "$(dirname "$0")/lib.sh"

REPORTS="$XDG_DATA_HOME/exitview/reports"
# no_bytes NAME TEXT...: none of the texts is anywhere in the database's files
no_bytes() {
	_name=$1; shift
	_found=""
	for _t in "$@"; do
		for _f in "$EXITVIEW_DB" "$EXITVIEW_DB-journal" "$EXITVIEW_DB-wal"; do
			[ -e "$_f" ] && grep -q -a -F -- "$_t" "$_f" && _found="$_found $(basename "$_f"):$_t"
		done
	done
	[ -z "$_found" ] && ok "$_name" || fail "$_name" "still there:$_found"
}

mk() { "$BIN" new --batch "$@" | tail -1; }

# ---- delete ----------------------------------------------------------------
d=$(mk --employee "Dora Raderasson" --manager "Mats Chefström" --interview-date 2026-03-10)
keep=$(mk --employee "Kvar Kvarsson" --interview-date 2026-03-11)
python3 -c 'import sys; sys.stdout.write("RADERAS-LÅNG-TEXT " * 4000)' | "$BIN" note "$d" 1
echo "Kort RADERAS-OBS" | "$BIN" note "$d" observations
echo "Kvar-text" | "$BIN" note "$keep" 1
"$BIN" action add "$d" "Ring ZQXÅTGÄRD om lönen" --owner "Olle Ägarsson" >/dev/null || fail delete-setup "action add failed"
"$BIN" close "$d" >/dev/null || fail delete-setup "close failed"
# the search index has the words (folded to lower case) before the delete
expect delete-search-before 0 "^ *$d  Dora Raderasson, question 1" "$BIN" search raderas-lång
expect delete-search-action-before 0 "^ *$d  Dora Raderasson, action " "$BIN" search zqxåtgärd
ls "$REPORTS" | grep -q "^exitview-$d-" || fail delete-setup "no report file"
mkdir -p "$XDG_DATA_HOME/exitview/recovery" && chmod 700 "$XDG_DATA_HOME/exitview/recovery"
echo "RADERAS-RECOVERY" > "$XDG_DATA_HOME/exitview/recovery/interview-$d-q1-20260310-101010-1.txt"
echo "other" > "$XDG_DATA_HOME/exitview/recovery/interview-$keep-q1-20260310-101010-1.txt"

expect delete-needs-yes 2 "no terminal to confirm on: add --yes" "$BIN" delete "$d" </dev/null
expect delete-unknown 2 "no interview with ID 999" "$BIN" delete 999 --yes
expect delete-bad-id 2 "no interview with ID or employee 'x'" "$BIN" delete x --yes
"$BIN" list --tsv | grep -q "Dora" && ok delete-refused-keeps || fail delete-refused-keeps "gone without --yes"
expect delete-yes 0 "interview $d deleted \(1 report file, 1 recovery file removed\)" "$BIN" delete "$d" --yes
"$BIN" list --tsv | grep -q "Dora" && fail delete-gone "still listed" || ok delete-gone
expect delete-show-gone 2 "no interview with ID $d" "$BIN" show "$d"
no_bytes delete-no-byte-left "RADERAS" "Dora Raderasson" "Raderasson" "Mats Chefström"
# nor in the search index, where words are kept in lower case
no_bytes delete-no-byte-left-index "raderas" "raderasson" "chefström" "zqxåtgärd" "ägarsson"
expect delete-search-after 1 "^$" "$BIN" search raderas
expect delete-search-action-after 1 "^$" "$BIN" search zqxåtgärd
ls "$REPORTS" | grep -q "^exitview-$d-" && fail delete-report-files "$(ls "$REPORTS")" || ok delete-report-files
[ -e "$XDG_DATA_HOME/exitview/recovery/interview-$d-q1-20260310-101010-1.txt" ] && fail delete-recovery-files "kept" \
	|| ok delete-recovery-files
[ -e "$XDG_DATA_HOME/exitview/recovery/interview-$keep-q1-20260310-101010-1.txt" ] && ok delete-other-recovery-kept \
	|| fail delete-other-recovery-kept "another interview's file removed"
expect delete-other-kept 0 "Kvar-text" "$BIN" show "$keep"

# ---- anonymise ---------------------------------------------------------------
a=$(mk --employee "Anna Anonymsdotter" --manager "Bo Chefsberg" --role Utvecklare \
	--department Ekonomi --interview-date 2025-03-14 --start-date 2019-02-11 --last-day 2025-03-31)
"$BIN" set "$a" reason=career q2.rating=4 conditions="om ANON-VILLKOR" >/dev/null
echo "ANON-ANTECKNING om Kalle" | "$BIN" note "$a" 2
echo "ANON-OBS" | "$BIN" note "$a" observations
expect anonymise-search-before 0 "^ *$a  Anna Anonymsdotter, question 2" "$BIN" search kalle
expect anonymise-open-refused 1 "interview $a is open: close it first" "$BIN" anonymise "$a" --yes
"$BIN" close "$a" >/dev/null
expect anonymise-needs-yes 2 "no terminal to confirm on" "$BIN" anonymise "$a" </dev/null
expect anonymise-yes 0 "interview $a anonymised \(1 report file" "$BIN" anonymize "$a" --yes
no_bytes anonymise-no-byte-left "Anna Anonymsdotter" "Anonymsdotter" "Bo Chefsberg" "ANON-" "Kalle" \
	"2025-03-14" "2019-02-11" "2025-03-31"
no_bytes anonymise-no-byte-left-index "anonymsdotter" "chefsberg" "kalle" "anteckning"
expect anonymise-search-after 1 "^$" "$BIN" search kalle
run anonymise-show 0 "$BIN" show "$a" &&
	case $OUT in *Anonymsdotter*|*ANON-*) fail anonymise-show "$OUT" ;;
	*"Interview date:      2025-03-01"*) ok anonymise-show ;; *) fail anonymise-show "$OUT" ;; esac
python3 - "$BIN" "$a" <<'PY' && ok anonymise-keeps-statistics || fail anonymise-keeps-statistics "python check failed"
import json, subprocess, sys
data = json.loads(subprocess.run([sys.argv[1], "export", "--json"], capture_output=True, check=True).stdout)
iv = [r for r in data if r["id"] == int(sys.argv[2])][0]
assert iv["reason_primary"] == "career", iv["reason_primary"]
assert iv["questions"][1]["rating"] == 4
assert iv["role"] == "Utvecklare" and iv["department"] == "Ekonomi"
assert iv["employee"] == "" and iv["manager"] == "" and iv["observations"] == ""
assert all(q["notes"] == "" for q in iv["questions"])
assert iv["interview_date"] == "2025-03-01" and iv["start_date"] == "2019-02-01"
PY
ls "$REPORTS" | grep -q "^exitview-$a-" && fail anonymise-report-files "$(ls "$REPORTS")" || ok anonymise-report-files

# ---- purge -----------------------------------------------------------------------
old_closed=$(mk --employee "Gammal Stängd" --interview-date 2020-05-05)
old_open=$(mk --employee "Gammal Öppen" --interview-date 2020-06-06)
"$BIN" close "$old_closed" >/dev/null
expect purge-no-retention 2 "no retention_months in the config and no --before DATE" "$BIN" purge --yes
expect purge-bad-date 2 "bad date '2020-13-01' for --before" "$BIN" purge --before 2020-13-01
run purge-dry 0 "$BIN" purge --before 2021-01-01 --dry-run &&
	case $OUT in *"would delete: interview $old_closed of 2020-05-05"*"kept (open)"*|*"kept (open): interview $old_open"*"would delete: interview $old_closed"*)
		ok purge-dry ;; *) fail purge-dry "$OUT" ;; esac
"$BIN" list --tsv | grep -q "Gammal Stängd" && ok purge-dry-deletes-nothing || fail purge-dry-deletes-nothing "deleted"
expect purge-needs-yes 2 "no terminal to confirm on" "$BIN" purge --before 2021-01-01 </dev/null
expect purge-yes 0 "1 closed interview from before 2021-01-01 deleted" "$BIN" purge --before 2021-01-01 --yes
"$BIN" list --tsv | grep -q "Gammal Stängd" && fail purge-closed-gone "still there" || ok purge-closed-gone
"$BIN" list --tsv | grep -q "Gammal Öppen" && ok purge-open-kept || fail purge-open-kept "an open interview purged"
no_bytes purge-no-byte-left "Gammal Stängd" "stängd"
# the configured retention: 12 months
mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nretention_months = 12\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
old2=$(mk --employee "Tidigare Stängd" --interview-date 2021-01-01)
"$BIN" close "$old2" >/dev/null
expect purge-retention 0 "deleted: interview $old2 of 2021-01-01" "$BIN" purge --yes
printf '[exitview]\nretention_months = 0\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
expect retention-range 1 "config.ini:2: .*retention_months" "$BIN" purge --yes
rm "$XDG_CONFIG_HOME/exitview/config.ini"

# ---- the audit log -------------------------------------------------------------
"$BIN" show "$keep" >/dev/null
"$BIN" report "$keep" -o - >/dev/null
"$BIN" export --csv >/dev/null
"$BIN" summary >/dev/null
"$BIN" close "$keep" >/dev/null
"$BIN" reopen "$keep" >/dev/null
"$BIN" set "$keep" opening.done=1,2 >/dev/null
run log 0 "$BIN" log
for action in "show	$keep" "report	$keep" "export	-	csv, full" "summary	-	all" "close	$keep" \
	      "reopen	$keep" "opening	$keep	done=1,2" "delete	$d" "anonymise	$a" "purge	$old_closed	before 2021-01-01"; do
	name=log-$(echo "$action" | cut -f1)
	printf '%s\n' "$OUT" | grep -q -F "	$action" && ok "$name" || fail "$name" "no '$action' in: $OUT"
done
login=$(id -un)
printf '%s\n' "$OUT" | head -1 | grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}	$login	" && ok log-time-login \
	|| fail log-time-login "$(printf '%s\n' "$OUT" | head -1)"
case $OUT in *Dora*|*Anna*|*Kvar*|*RADERAS*|*Gammal*) fail log-no-names "$OUT" ;; *) ok log-no-names ;; esac
expect log-since-future 0 "^$" "$BIN" log --since 2999-01-01
expect log-since-bad 2 "bad date 'x' for --since" "$BIN" log --since x
# the log survives the erasure it tells of, and holds no byte of the person
no_bytes log-keeps-no-person "Dora Raderasson" "Anna Anonymsdotter"
