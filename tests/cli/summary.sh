#!/bin/sh
# summary (issue 14): --by manager and quarter, the assessed and second
# reasons, rehire and would-return shares, open and overdue action items,
# bars, --tsv and --json, reason labels in the reader's language.
. "$(dirname "$0")/lib.sh"

# threshold 5 (the default).  2026-Q1: 6 English interviews under Maja
# (reason manager), 4 Swedish under Olle (compensation); 2026-Q2: 5
# Swedish under Olle; 2025-Q4: 2 (fewer than 5: in no summary).
mk() {   # template employee day manager reason assessed reason2
	id=$("$BIN" new --batch --template "$1" --employee "$2" --interview-date "$3" --manager "$4" \
		--department Drift --role Tekniker 2>/dev/null | tail -1)
	"$BIN" set "$id" reason="$5" assessed="$6" ${7:+reason2=$7} regrettable=yes rehire=yes \
		would-return=no >/dev/null || fail setup "set $id"
	echo "$id"
}
n=0
for d in 2026-01-10 2026-01-20 2026-02-10 2026-02-20 2026-03-10 2026-03-20; do
	n=$((n + 1))
	last=$(mk standard "Anna Nummer$n" "$d" "Maja Chef" manager workload career)
done
for d in 2026-01-12 2026-02-12 2026-03-12 2026-03-22; do
	n=$((n + 1))
	mk standard-sv "Åsa Nummer$n" "$d" "Olle Chef" compensation compensation >/dev/null
done
for d in 2026-04-10 2026-04-20 2026-05-10 2026-05-20 2026-06-10; do
	n=$((n + 1))
	mk standard-sv "Björn Nummer$n" "$d" "Olle Chef" compensation manager >/dev/null
done
for d in 2025-11-10 2025-11-11; do
	n=$((n + 1))
	mk standard "Ensam Nummer$n" "$d" "Pia Chef" other other >/dev/null
done
# (assessed: workload 6, manager 5, compensation 4: the 4 and, so that it
# cannot be worked out, the 5 merged)
# action items: 3 open (2 overdue) and 1 done in Q1, 1 open in Q2 (not
# overdue), 1 open of Q4 2025 (its quarter counts in no summary)
"$BIN" action add "$last" "Talk to Maja" --due 2020-01-31 >/dev/null
"$BIN" action add "$last" "Review the team" --due 2021-01-31 >/dev/null
"$BIN" action add "$last" "Survey" --due 2999-01-01 >/dev/null
done_n=$("$BIN" action add "$last" "Done already" --due 2020-01-01)
"$BIN" action done "$done_n" >/dev/null
q2=$("$BIN" list --tsv | awk -F'\t' '$8 == "2026-05-10" { print $1 }')
"$BIN" action add "$q2" "Pay review" --due 2999-06-01 >/dev/null
q4=$("$BIN" list --tsv | awk -F'\t' '$8 == "2025-11-10" { print $1 }')
"$BIN" action add "$q4" "Secret" --due 2020-01-01 >/dev/null

# ---- the whole set --------------------------------------------------------
run all 0 "$BIN" summary
printf '%s\n' "$OUT" > "$TMP/all.txt"
grep -q '^Interviews: 15$' "$TMP/all.txt" && ok summary-counts-15 || fail summary-counts-15 "$(head -c 300 "$TMP/all.txt")"
grep -q '^Reason as assessed by the interviewer$' "$TMP/all.txt" && grep -q '^Secondary reason (as stated)$' "$TMP/all.txt" \
	&& ok summary-assessed-and-second || fail summary-assessed-and-second "$(cat "$TMP/all.txt" | head -c 400)"
sed -n '/^Reason as assessed/,/^Stated and/p' "$TMP/all.txt" | grep -Eq '^  Workload and work-life balance +6 +40\.0%' \
	&& ok summary-assessed-counts || fail summary-assessed-counts "$(sed -n '/^Reason as assessed/,/^Stated and/p' "$TMP/all.txt")"
sed -n '/^Secondary reason/,/^Reason as assessed/p' "$TMP/all.txt" | grep -Eq '^  Career growth and development +6 +40\.0%' \
	&& ok summary-second-counts || fail summary-second-counts "$(sed -n '/^Secondary reason/,/^Reason as/p' "$TMP/all.txt")"
sed -n '/^Eligible for rehire/,/^Would/p' "$TMP/all.txt" | grep -Eq '^  Yes +15 +100\.0%' \
	&& ok summary-rehire-share || fail summary-rehire-share "$(grep -A6 '^Eligible' "$TMP/all.txt")"
sed -n '/^Would consider returning/,/^Action/p' "$TMP/all.txt" | grep -Eq '^  No +15 +100\.0%' \
	&& ok summary-return-share || fail summary-return-share "$(grep -A6 '^Would consider' "$TMP/all.txt")"
# the actions of 2025-Q4's interview are not counted: its quarter is too small
grep -Eq '^  Open +4  ' "$TMP/all.txt" && grep -Eq '^  of them overdue +2  ' "$TMP/all.txt" \
	&& ok summary-actions-open-overdue || fail summary-actions-open-overdue "$(grep -A5 '^Action items' "$TMP/all.txt")"
# bars: UTF-8 blocks here, '#' in the C locale; the longest is 20
grep -Eq '^  Yes +15 +100\.0%  (█){20}$' "$TMP/all.txt" && ok summary-bar-utf8 || fail summary-bar-utf8 "$(grep -A5 '^Regrettable loss' "$TMP/all.txt")"
LC_ALL=C "$BIN" summary > "$TMP/c.txt" 2>&1
grep -Eq '^  Yes +15 +100\.0%  #{20}$' "$TMP/c.txt" && ! grep -q '█' "$TMP/c.txt" \
	&& ok summary-bar-ascii || fail summary-bar-ascii "$(grep -A5 '^Regrettable loss' "$TMP/c.txt")"

# ---- labels in the reader's language -------------------------------------
# English and Swedish interviews share the key "compensation": one row, in
# the reader's language
grep -Eq '^  Pay and benefits +9 +60\.0%' "$TMP/all.txt" && ! grep -q 'Lön och förmåner' "$TMP/all.txt" \
	&& ok summary-labels-english || fail summary-labels-english "$(sed -n '/^Reason for leaving/,/^Secondary/p' "$TMP/all.txt")"
LANGUAGE=sv "$BIN" summary > "$TMP/sv.txt" 2>&1
grep -Eq '^  Lön och förmåner +9 +60,0 %' "$TMP/sv.txt" && grep -Eq '^  Relationen till chefen +6 ' "$TMP/sv.txt" \
	&& ! grep -q 'Pay and benefits' "$TMP/sv.txt" \
	&& ok summary-labels-swedish || fail summary-labels-swedish "$(sed -n '/^Orsak till avgången/,/^Andra orsak/p' "$TMP/sv.txt")"
printf '[exitview]\nlanguage = sv\n' > "$TMP/sv.ini"
"$BIN" -c "$TMP/sv.ini" summary > "$TMP/sv-config.txt" 2>&1
grep -Eq '^  Lön och förmåner +9 +60,0 %' "$TMP/sv-config.txt" && grep -q '^Intervjuer: 15$' "$TMP/sv-config.txt" \
	&& ok summary-labels-config-language || fail summary-labels-config-language "$(head -c 600 "$TMP/sv-config.txt")"

# ---- a Swedish reader reads the summary in Swedish (issue 16) ----------------
# headings, the table heads, a share and an average with a decimal comma,
# a plural, the notes; no English words of the summary left
grep -q '^Sammanställning av avgångsintervjuer$' "$TMP/sv.txt" && grep -q '^Intervjuer: 15$' "$TMP/sv.txt" \
	&& grep -q '^Orsak till avgången (huvudorsak, som den angavs)$' "$TMP/sv.txt" \
	&& grep -q '^Orsak enligt intervjuarens bedömning$' "$TMP/sv.txt" \
	&& grep -Eq '^  Orsak +Intervjuer +Andel$' "$TMP/sv.txt" && grep -q '^Genomsnittligt betyg per fråga$' "$TMP/sv.txt" \
	&& ok summary-swedish-headings || fail summary-swedish-headings "$(head -c 900 "$TMP/sv.txt")"
# the rule under a head is as wide as the Swedish words (display width, not bytes)
sed -n '/^Beklaglig förlust$/,/^Kan återanställas$/p' "$TMP/sv.txt" | grep -Eq '^  Ja +15 +100,0 %  (█){20}$' \
	&& sed -n '/^Beklaglig förlust$/,/^Kan återanställas$/p' "$TMP/sv.txt" | grep -q '^  Beklaglig  Intervjuer    Andel$' \
	&& sed -n '/^Beklaglig förlust$/,/^Kan återanställas$/p' "$TMP/sv.txt" | grep -q '^  ------------------------------$' \
	&& ok summary-swedish-share || fail summary-swedish-share "$(grep -A7 '^Beklaglig förlust' "$TMP/sv.txt")"
grep -q '^  15 intervjuer har båda angivna; hur många som skiljer sig visas inte (färre än 5 åt något håll)\.$' "$TMP/sv.txt" \
	&& ok summary-swedish-plural || fail summary-swedish-plural "$(grep -A3 '^Angiven och bedömd' "$TMP/sv.txt")"
grep -Eq '^  Öppen +4  ' "$TMP/sv.txt" && grep -Eq '^  varav försenade +2  ' "$TMP/sv.txt" \
	&& ok summary-swedish-actions || fail summary-swedish-actions "$(grep -A5 '^Åtgärder' "$TMP/sv.txt")"
# (question titles are the templates' words: the English template's stay English)
! grep -Eq 'Interviews|Share|Reason for leaving \(|Reason as|Period:.*interviews|Yes|Unknown|overdue|[0-9]\.[0-9]' "$TMP/sv.txt" \
	&& ok summary-swedish-no-english || fail summary-swedish-no-english "$(grep -En 'Interviews|Share|Reason for leaving \(|Reason as|Yes|Unknown|overdue|[0-9]\.[0-9]' "$TMP/sv.txt" | head -5)"

# ---- --by quarter: a trend, oldest first; the small quarter nowhere -------
run by-quarter 0 "$BIN" summary --by quarter
printf '%s\n' "$OUT" > "$TMP/q.txt"
q1=$(grep -n '^Quarter: 2026-Q1$' "$TMP/q.txt" | cut -d: -f1)
q2l=$(grep -n '^Quarter: 2026-Q2$' "$TMP/q.txt" | cut -d: -f1)
[ -n "$q1" ] && [ -n "$q2l" ] && [ "$q1" -lt "$q2l" ] && ! grep -q '2025-Q4' "$TMP/q.txt" \
	&& ok summary-by-quarter-oldest-first || fail summary-by-quarter-oldest-first "$(head -c 600 "$TMP/q.txt")"
grep -Eq '^  2026-Q1 +10 +66\.7%  ' "$TMP/q.txt" && grep -Eq '^  2026-Q2 +5 +33\.3%  ' "$TMP/q.txt" \
	&& ok summary-by-quarter-trend || fail summary-by-quarter-trend "$(head -c 600 "$TMP/q.txt")"
sed -n '/^Quarter: 2026-Q2$/,$p' "$TMP/q.txt" | grep -Eq '^  Open +1  ' \
	&& ok summary-by-quarter-actions || fail summary-by-quarter-actions "$(sed -n '/^Quarter: 2026-Q2$/,$p' "$TMP/q.txt" | tail -8)"

# ---- --by manager: Maja's six cite the manager; Olle's nine shown; Pia's
# quarter is too small to count at all
run by-manager 0 "$BIN" summary --by manager
printf '%s\n' "$OUT" > "$TMP/m.txt"
sed -n '/^Manager: Maja Chef$/,/^Manager: Olle/p' "$TMP/m.txt" | grep -Eq '^  Relationship with own manager +6 +100\.0%' \
	&& ok summary-by-manager-pattern || fail summary-by-manager-pattern "$(head -c 800 "$TMP/m.txt")"
! grep -q 'Pia Chef' "$TMP/m.txt" && ok summary-by-manager-small-left-out || fail summary-by-manager-small-left-out "Pia listed"
# one more manager with 2 in Q1: hidden, and Olle (the smaller of the others) with them
for d in 2026-01-25 2026-02-25; do
	n=$((n + 1))
	mk standard "Liten Nummer$n" "$d" "Tor Chef" career career >/dev/null
done
"$BIN" summary --by manager > "$TMP/m2.txt"
sed -n '/^Manager: Tor Chef$/,$p' "$TMP/m2.txt" | grep -q '^Fewer than 5 interviews: no figures are shown.$' \
	&& grep -Eq '^  Tor Chef +— +—' "$TMP/m2.txt" && ! sed -n '/^Manager: Tor Chef$/,$p' "$TMP/m2.txt" | grep -q '%' \
	&& ok summary-by-manager-small-hidden || fail summary-by-manager-small-hidden "$(head -c 900 "$TMP/m2.txt")"
sed -n '/^Manager: Maja Chef$/,/^Manager: Olle/p' "$TMP/m2.txt" | grep -q '^No figures are shown: the groups left out' \
	&& ok summary-by-manager-complement || fail summary-by-manager-complement "$(sed -n '/^Manager: Maja Chef$/,/^Manager: Olle/p' "$TMP/m2.txt")"

# ---- --tsv and --json: the same figures --------------------------------------
run tsv 0 "$BIN" summary --tsv --by manager
printf '%s\n' "$OUT" > "$TMP/s.tsv"
"$BIN" summary --json --by manager > "$TMP/s.json" 2>"$TMP/s.err" || fail summary-json "exit $?"
python3 - "$TMP/s.tsv" "$TMP/s.json" <<'PY' && ok summary-tsv-json-agree || fail summary-tsv-json-agree "python check failed"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8'), delimiter='\t'))
assert list(rows[0].keys()) == ['group', 'table', 'key', 'label', 'count', 'share_pct', 'average'], rows[0].keys()
data = json.load(open(sys.argv[2], encoding='utf-8'))
assert data['by'] == 'manager' and data['threshold'] == 5
groups = {g['label']: g for g in data['groups']}
assert groups['Tor Chef']['interviews'] is None and 'figures' not in groups['Tor Chef']
for r in rows:
    if r['table'] != 'reason' or r['count'] == '':
        continue
    g = groups[r['group']]
    j = [x for x in g['figures']['reason'] if (x['key'] or '*') == r['key']]
    assert j and j[0]['count'] == int(r['count']), (r, j)
tor = [r for r in rows if r['group'] == 'Tor Chef']
assert len(tor) == 1 and tor[0]['count'] == '', tor
PY
expect summary-tsv-and-json 2 "exclude each other" "$BIN" summary --tsv --json

# ---- the figures of a summary never name anyone -----------------------------
leak=""
for f in "$TMP/all.txt" "$TMP/m.txt" "$TMP/s.tsv" "$TMP/s.json"; do
	grep -Eq 'Nummer|Talk to Maja|Secret' "$f" && leak="$leak $(basename "$f")"
done
[ -z "$leak" ] && ok summary-no-names || fail summary-no-names "names in:$leak"

# ---- machine output is the same under every locale (issue 16) ----------------
# an average to show: the six English interviews of 2026-Q1 rate question 2
# 3 and 4 by turns (3.50)
k=0
for id in $("$BIN" list --tsv | awk -F'\t' '$3 ~ /^Anna / { print $1 }'); do
	k=$((k + 1))
	"$BIN" set "$id" q2.rating=$((3 + k % 2)) >/dev/null || fail setup "rating $id"
done
"$BIN" summary > "$TMP/avg-en.txt"
LANGUAGE=sv "$BIN" summary > "$TMP/avg-sv.txt"
grep -Eq '^    2  What we do well +3\.50 +6$' "$TMP/avg-en.txt" && grep -Eq '^    2  What we do well +3,50 +6$' "$TMP/avg-sv.txt" \
	&& ok summary-average-decimal-comma || fail summary-average-decimal-comma "$(grep -A6 'Standard exit' "$TMP/avg-sv.txt")"
same=""
for args in "summary --tsv" "summary --json" "summary --tsv --by manager" "summary --json --by quarter" \
	"list --tsv" "actions --tsv" "search --tsv Maja"; do
	# shellcheck disable=SC2086
	env -u LC_ALL -u LANGUAGE LANG=C "$BIN" $args > "$TMP/m-c" 2>&1
	# shellcheck disable=SC2086
	env LC_ALL= LANG=C.UTF-8 LANGUAGE=sv "$BIN" $args > "$TMP/m-sv" 2>&1
	# shellcheck disable=SC2086
	env LC_ALL= LANG=C.UTF-8 "$BIN" -c "$TMP/sv.ini" $args > "$TMP/m-svc" 2>&1
	{ cmp -s "$TMP/m-c" "$TMP/m-sv" && cmp -s "$TMP/m-c" "$TMP/m-svc" && [ -s "$TMP/m-c" ]; } || same="$same [$args]"
done
[ -z "$same" ] && ok machine-output-same-every-locale || fail machine-output-same-every-locale "differ:$same"
env LC_ALL= LANG=C.UTF-8 LANGUAGE=sv "$BIN" summary --tsv > "$TMP/t-sv"
grep -Eq '^	reason	compensation	Pay and benefits	[0-9]+	[0-9]+\.[0-9]	$' "$TMP/t-sv" \
	&& ok summary-tsv-english-label || fail summary-tsv-english-label "$(grep '	reason	' "$TMP/t-sv")"

# ---- list and actions: Swedish heads and words, columns by display width ------
LANGUAGE=sv "$BIN" list > "$TMP/l-sv.txt"
head -1 "$TMP/l-sv.txt" | grep -Eq '^ID +STATUS +MEDARBETARE +ROLL +AVDELNING +DATUM +BESVARADE +ÄNDRAD$' \
	&& grep -Eq '^[0-9]+ +öppen +Anna Nummer' "$TMP/l-sv.txt" \
	&& ok list-swedish-heads || fail list-swedish-heads "$(head -3 "$TMP/l-sv.txt")"
# AVDELNING and every department begin at the same column (characters, not
# bytes: "Åsa" and "Björn" are wider in bytes than on screen)
python3 - "$TMP/l-sv.txt" <<'PY' && ok list-swedish-aligned || fail list-swedish-aligned "$(head -3 "$TMP/l-sv.txt")"
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
col = lines[0].index('AVDELNING')
assert len(lines) > 10 and all(l.index('Drift') == col for l in lines[1:]), [l.index('Drift') for l in lines[1:]]
PY
LANGUAGE=sv "$BIN" actions > "$TMP/a-sv.txt"
head -1 "$TMP/a-sv.txt" | grep -Eq '^NR +ID +MEDARBETARE +FÖRFALLER +STATUS +ANSVARIG +TEXT$' \
	&& grep -Eq ' försenad +- +Talk to Maja$' "$TMP/a-sv.txt" && grep -Eq ' klar +- +Done already$' "$TMP/a-sv.txt" \
	&& grep -Eq ' öppen +- +Survey$' "$TMP/a-sv.txt" \
	&& ok actions-swedish-heads || fail actions-swedish-heads "$(cat "$TMP/a-sv.txt")"
"$BIN" actions > "$TMP/a-en.txt"
head -1 "$TMP/a-en.txt" | grep -q '^N      ID     EMPLOYEE              DUE         STATUS   OWNER             TEXT$' \
	&& grep -Eq ' overdue  - +Talk to Maja$' "$TMP/a-en.txt" \
	&& ok actions-english-heads || fail actions-english-heads "$(head -3 "$TMP/a-en.txt")"
LANGUAGE=sv "$BIN" templates > "$TMP/tp-sv.txt"
head -1 "$TMP/tp-sv.txt" | grep -Eq '^NAMN +FRÅGOR +TITEL +KÄLLA$' && grep -Eq '^standard +7  .* \(standard\)$' "$TMP/tp-sv.txt" \
	&& ok templates-swedish-heads || fail templates-swedish-heads "$(cat "$TMP/tp-sv.txt")"
