#!/bin/sh
# tests/bench/run.sh — the benchmark of issue 6; run it with `make bench`
# (which builds ./exitview and build/bench/{ptybench,gen_db,benchtool}).
#
# Generates (once, cached in build/bench/cache/) a database of 10,000
# interviews with tests/bench/gen_db, then measures, in one run, exitview
# against the kernel's echo, nano and mg through the same pty harness
# (tests/bench/ptybench.c, 80x24): start-up, bytes and response per key of
# a 221-key typing script, a 100 KB bracketed paste, idle traffic while the
# clock ticks, one autosave, the command line over 10,000 interviews, and
# peak memory.  Every figure is the median of BENCH_RUNS runs (default 3).
# It prints one table with the targets beside the figures; a missed target
# is reported, never an error (times swing between runs: compare them only
# within one run).  Exit status 0 unless the harness itself failed.
#
# Also (issue 15, "calm on the wire"): bytes while typing at a person's
# pace (a key every 250 ms, autosaves running) beside the kernel echo and
# nano, and the bytes of whole-screen changes (Ctrl-N beside nano's
# page-down on the same text, closing help and the form, a resize, each
# beside a Ctrl-L; the start-up paint beside nano's).
#
# Also (issue 15, "linear lists, constant memory"): list, summary (plain,
# --by quarter, --by manager), export (CSV, JSON, anonymous) on 10,000
# and on BENCH_N_BIG (100,000) interviews, with the growth factor from
# the one to the other (target <= 11, linear) and the peak memory
# (target <= 12 MB at any size), and start-up to the start screen on
# the big database beside nano's.  The databases are cached in /dev/shm
# when it is there (else build/bench/cache/).
#
# Environment: BENCH_RUNS (3), BENCH_N (10000 interviews), BENCH_N_BIG
# (100000; 0 skips the growth figures), BENCH_PACE_KEYS
# (100 keys typed at the pace: 25 s a run), BENCH_KEEP=1 keeps the work
# directory and prints where it is.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
B=$top/build/bench
P=$B/ptybench
EV=$top/exitview
RUNS=${BENCH_RUNS:-3}
N=${BENCH_N:-10000}
NBIG=${BENCH_N_BIG:-100000}
PACE_KEYS=${BENCH_PACE_KEYS:-100}

for f in "$EV" "$P" "$B/gen_db" "$B/benchtool"; do
	[ -x "$f" ] || { echo "bench: $f is missing: run 'make bench'" >&2; exit 1; }
done

# A private home for every program; the work files in a tmpfs when there is one.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	work=$(mktemp -d /dev/shm/exitview-bench.XXXXXX)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/exitview-bench.XXXXXX")
fi
[ -n "$work" ] || exit 1
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "bench: work directory $work"
else
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 1' INT TERM HUP
export HOME="$work/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
unset EXITVIEW_DB EXITVIEW_CONFIG VISUAL EDITOR NO_COLOR TMUX
mkdir -p "$HOME" "$work/files"
chmod 700 "$work" "$HOME"
res=$work/results
: >"$res"

say() { printf '%s\n' "$*" >&2; }

# ---- nano and mg: installed when missing and we are root ----
for prog in nano mg; do
	if ! command -v "$prog" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "bench: installing $prog"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$prog" >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$prog" >/dev/null 2>&1; }
	fi
done
have_nano=0; command -v nano >/dev/null 2>&1 && have_nano=1
have_mg=0; command -v mg >/dev/null 2>&1 && have_mg=1

# ---- the databases, cached by the hash of what makes them ----
hash=$(cat tests/bench/gen_db.c tests/bench/prose.c tests/bench/prose.h src/store*.c src/store_priv.h \
	src/report.c config/templates/*.ini | sha256sum | cut -c1-12)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	cache=/dev/shm/exitview-bench-cache-$(id -u)
else
	cache=$B/cache
fi
mkdir -p "$cache" && chmod 700 "$cache"
gen() {   # N FILE
	if [ ! -f "$2" ]; then
		say "bench: generating $1 interviews (once; cached as $2)"
		rm -f "$cache"/*.db.tmp
		mkdir -p "$work/gen" && chmod 700 "$work/gen"
		"$B/gen_db" "$work/gen/g.db" "$1" 1 >&2 || exit 1
		mv "$work/gen/g.db" "$2.tmp" && mv "$2.tmp" "$2" || exit 1
	fi
}
big_cached=$cache/big-$N-$hash.db
small_cached=$cache/small-100-$hash.db
huge_cached=$cache/huge-$NBIG-$hash.db
for old in "$cache"/*.db; do
	[ -e "$old" ] || continue
	[ "$old" = "$big_cached" ] || [ "$old" = "$small_cached" ] || [ "$old" = "$huge_cached" ] || rm -f "$old"
done
gen "$N" "$big_cached"
gen 100 "$small_cached"
[ "$NBIG" -gt 0 ] && gen "$NBIG" "$huge_cached"
mkdir -p "$work/db" && chmod 700 "$work/db"
DB=$work/db/big.db
SMALL=$work/db/small.db
cp "$big_cached" "$DB" && cp "$small_cached" "$SMALL" && chmod 600 "$DB" "$SMALL" || exit 1
HUGE=$work/db/huge.db
if [ "$NBIG" -gt 0 ]; then
	cp "$huge_cached" "$HUGE" && chmod 600 "$HUGE" || exit 1
fi

# rec LABEL: keep the "key value" lines of a measurement under LABEL.
rec() {
	awk -v l="$1" 'NF == 2 { print l, $1, $2 }' >>"$res"
}
# A new open interview on the big database; prints its ID.
new_iv() {
	"$EV" -d "$DB" new --batch --employee "Bench Typist" --role Tester --department QA \
		--template standard 2>>"$work/errors" | tail -1
}
ev_quit='\x11'
nano_quit='\x18n'

run=1
while [ "$run" -le "$RUNS" ]; do
	say "bench: run $run of $RUNS"
	# start-up, the programs one after another in the same run
	"$P" -m start -- sh -c 'echo ready; exec cat' | rec floor
	[ $have_mg = 1 ] && "$P" -m -Q '\x18\x03' start -- mg "$work/files/mg-$run.txt" | rec mg
	[ $have_nano = 1 ] && "$P" -m -Q "$nano_quit" start -- nano "$work/files/nano-$run.txt" | rec nano
	"$P" -m -Q "$ev_quit" start -- "$EV" -d "$DB" | rec ev_start
	"$P" -m -Q "$ev_quit" start -- "$EV" -d "$SMALL" | rec ev_start_small
	id=$(new_iv)
	"$P" -m -Q "$ev_quit" start -- "$EV" -d "$DB" resume "$id" | rec ev_resume

	# the typing script
	"$P" type -- sh -c 'echo ready; exec cat' | rec floor
	[ $have_nano = 1 ] && "$P" -Q "$nano_quit" type -- nano "$work/files/nano-t$run.txt" | rec nano
	id=$(new_iv)
	"$P" -m -Q "$ev_quit" type -- "$EV" -d "$DB" resume "$id" | rec ev

	# a 1 MB note, the cursor in its middle: response and memory
	id=$(new_iv)
	"$B/gen_db" --text 1048576 "$run" >"$work/files/big.txt"
	"$EV" -d "$DB" note "$id" 1 <"$work/files/big.txt" >/dev/null 2>>"$work/errors" &&
		"$B/benchtool" middle "$DB" "$id" 0 >/dev/null 2>>"$work/errors" &&
		"$P" -m -Q "$ev_quit" type -- "$EV" -d "$DB" resume "$id" | rec ev_1mb

	# typing at a person's pace (a key every 250 ms, autosaves running),
	# the three side by side: every byte sent while typing
	"$P" -n "$PACE_KEYS" pace 250 -- sh -c 'echo ready; exec cat' >"$work/pace-floor" &
	[ $have_nano = 1 ] && "$P" -n "$PACE_KEYS" -Q "$nano_quit" pace 250 -- nano "$work/files/nano-pace$run.txt" >"$work/pace-nano" &
	id=$(new_iv)
	"$P" -n "$PACE_KEYS" -Q "$ev_quit" pace 250 -- "$EV" -d "$DB" resume "$id" >"$work/pace-ev" &
	wait
	rec floor_pace <"$work/pace-floor"
	[ $have_nano = 1 ] && rec nano_pace <"$work/pace-nano"
	rec ev_pace <"$work/pace-ev"

	# repaints: an interview whose first three questions hold notes, and
	# the same text for nano's page-down (folded to its 80 columns, as the
	# notes are wrapped to theirs: a screenful of new text each): Ctrl-L,
	# F1 and Esc, Ctrl-T and Esc, Ctrl-N, a resize to 100x30 and Ctrl-L
	# there, back to 80x24
	id=$(new_iv)
	: >"$work/files/notes-$run.txt"
	for q in 1 2 3; do
		"$B/gen_db" --text 2000 "$((run * 10 + q))" >"$work/files/q$q.txt"
		"$EV" -d "$DB" note "$id" "$q" <"$work/files/q$q.txt" >/dev/null 2>>"$work/errors"
		fold -s -w 79 "$work/files/q$q.txt" >>"$work/files/notes-$run.txt"
		echo >>"$work/files/notes-$run.txt"
	done
	"$P" -Q "$ev_quit" steps redraw=k:'\x0c' help=k:'\eOP' help_close=k:'\e' form=k:'\x14' form_close=k:'\e' \
		next=k:'\x0e' grow=r:30x100 redraw_big=k:'\x0c' shrink=r:24x80 redraw_back=k:'\x0c' \
		-- "$EV" -d "$DB" resume "$id" | rec ev_paint
	[ $have_nano = 1 ] && "$P" -Q "$nano_quit" steps redraw=k:'\x0c' next=k:'\x16' \
		-- nano "$work/files/notes-$run.txt" | rec nano_paint

	# a 100 KB bracketed paste
	id=$(new_iv)
	"$P" -Q "$ev_quit" paste 102400 -- "$EV" -d "$DB" resume "$id" | rec ev_paste
	[ $have_nano = 1 ] && "$P" -Q "$nano_quit" paste 102400 -- nano "$work/files/nano-p$run.txt" | rec nano_paste

	# idle while the clock ticks
	id=$(new_iv)
	"$P" -Q "$ev_quit" idle 5 -- "$EV" -d "$DB" resume "$id" | rec ev_idle

	# one autosave of a 10 KB note
	"$B/benchtool" save "$DB" "$id" 0 10240 21 2>>"$work/errors" | rec ev_save

	# the command line over the big database
	rid=$(sqlite3 "$DB" "SELECT id FROM interviews WHERE closed = 1 ORDER BY id LIMIT 1 OFFSET $((N / 2))" 2>/dev/null)
	[ -n "$rid" ] || rid=$((N / 2))
	"$P" -o "$work/out" run -- "$EV" -d "$DB" list | rec cli_list
	"$P" -o "$work/out" run -- "$EV" -d "$DB" summary | rec cli_summary
	"$P" -o "$work/out" run -- "$EV" -d "$DB" summary --by department | rec cli_summary_by
	"$P" -o "$work/out" run -- "$EV" -d "$DB" export --json | rec cli_export_json
	"$P" -o "$work/out" run -- "$EV" -d "$DB" export --csv | rec cli_export_csv
	"$P" -o "$work/out" run -- "$EV" -d "$DB" report -o "$work/files/report.txt" "$rid" | rec cli_report

	# growth, 10,000 -> BENCH_N_BIG: the same commands on both (the
	# interviews the other steps added to the 10,000 are a few)
	if [ "$NBIG" -gt 0 ]; then
		"$P" -m -Q "$ev_quit" start -- "$EV" -d "$HUGE" | rec ev_start_huge
		for size in small huge; do
			d=$DB; [ $size = huge ] && d=$HUGE
			"$P" -o "$work/out" run -- "$EV" -d "$d" list | rec "g_list_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" summary | rec "g_sum_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" summary --by quarter | rec "g_sumq_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" summary --by manager | rec "g_summ_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" export --csv | rec "g_csv_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" export --json | rec "g_json_$size"
			"$P" -o "$work/out" run -- "$EV" -d "$d" export --anonymous | rec "g_anon_$size"
		done
	fi
	run=$((run + 1))
done

# ---- search, the start screen's filter, a 1 MB note's saves (issues 14, 15) ----
# tests/bench/searchbench.c; the filter at 100,000 interviews on
# $BENCH_DB_100K when given, else on names made by `searchbench people`
SB=$B/searchbench
say "bench: search, filter and 1 MB saves"
"$SB" search "$DB" 5 the lönerevisionen '"was below"' 'befor*' 'b*' 2>>"$work/errors" | rec search
"$SB" filter "$DB" "$RUNS" Åkesson "Karl Johansson" Engineering 42 2>>"$work/errors" | rec filter10k
if [ -n "${BENCH_DB_100K:-}" ] && [ -f "$BENCH_DB_100K" ]; then
	DB100=$BENCH_DB_100K
else
	DB100=$work/db/people100k.db
	"$SB" people "$DB100" 100000 2>>"$work/errors"
fi
"$SB" filter "$DB100" "$RUNS" Åkesson "Karl Johansson" Engineering 42 2>>"$work/errors" | rec filter100k
id=$(new_iv)
"$SB" save "$DB" "$id" 1 11 2>>"$work/errors" | rec save1mb

if [ -s "$work/errors" ]; then
	say "bench: errors from the setup steps:"
	sed 's/^/  /' "$work/errors" | head -10 >&2
fi

# ---- the table ----
# med LABEL KEY: the median over the runs, or "n/a".
med() {
	awk -v l="$1" -v k="$2" '
		$1 == l && $2 == k { v[n++] = $3 + 0 }
		END {
			if (n == 0) { print "n/a"; exit }
			for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
			print m
		}' "$res"
}
# fmt VALUE DECIMALS
fmt() { case $1 in n/a) echo n/a ;; *) printf "%.${2}f" "$1" ;; esac; }
mb() { case $1 in n/a|-1) echo n/a ;; *) awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }' ;; esac; }
# verdict VALUE OP LIMIT: met / MISSED / n/a
verdict() {
	case $1$3 in *n/a*) echo "n/a"; return ;; esac
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
		ok = (op == "<") ? (a < b) : (a <= b); print ok ? "met" : "MISSED" }'
}

row() { printf '| %-42s | %11s | %13s | %11s | %10s | %10s | %8s |\n' "$@"; }
echo
echo "exitview benchmark: $N interviews, 80x24 pty, medians of $RUNS runs ($(date +%Y-%m-%d), $(nproc) cores)"
echo
row program "start-up ms" "bytes/key med" "bytes total" "key med ms" "key p95 ms" "peak RSS"
row "---" "---" "---" "---" "---" "---" "---"
row "kernel echo (sh -c 'echo ready; exec cat')" "$(fmt "$(med floor startup_ms)" 1)" "$(med floor bytes_median)" \
	"$(med floor bytes_total)" "$(fmt "$(med floor resp_median_ms)" 2)" "$(fmt "$(med floor resp_p95_ms)" 2)" "$(mb "$(med floor rss_kb)")"
row "mg (start-up only)" "$(fmt "$(med mg startup_ms)" 1)" "-" "-" "-" "-" "$(mb "$(med mg rss_kb)")"
row "nano" "$(fmt "$(med nano startup_ms)" 1)" "$(med nano bytes_median)" "$(med nano bytes_total)" \
	"$(fmt "$(med nano resp_median_ms)" 2)" "$(fmt "$(med nano resp_p95_ms)" 2)" "$(mb "$(med nano rss_kb)")"
row "exitview, empty note (resume)" "$(fmt "$(med ev_resume startup_ms)" 1)" "$(med ev bytes_median)" "$(med ev bytes_total)" \
	"$(fmt "$(med ev resp_median_ms)" 2)" "$(fmt "$(med ev resp_p95_ms)" 2)" "$(mb "$(med ev rss_kb)")"
row "exitview, 1 MB note, cursor mid-note" "$(fmt "$(med ev_1mb startup_ms)" 1)" "$(med ev_1mb bytes_median)" "$(med ev_1mb bytes_total)" \
	"$(fmt "$(med ev_1mb resp_median_ms)" 2)" "$(fmt "$(med ev_1mb resp_p95_ms)" 2)" "$(mb "$(med ev_1mb rss_kb)")"
echo

t() { printf '| %-46s | %10s | %-32s | %-6s |\n' "$@"; }
t figure measured target ""
t "---" "---" "---" "---"
s_ev=$(med ev_start startup_ms); s_small=$(med ev_start_small startup_ms)
s_nano=$(med nano startup_ms); s_mg=$(med mg startup_ms); s_res=$(med ev_resume startup_ms)
t "start-up, start screen, $N interviews" "$(fmt "$s_ev" 1) ms" "< nano ($(fmt "$s_nano" 1) ms); mg $(fmt "$s_mg" 1)" "$(verdict "$s_ev" "<" "$s_nano")"
t "start-up, start screen, 100 interviews" "$(fmt "$s_small" 1) ms" "same as with $N" \
	"$(case $s_ev$s_small in *n/a*) echo n/a ;; *) awk -v a="$s_ev" -v b="$s_small" 'BEGIN { print (a <= b * 1.25 + 3) ? "met" : "MISSED" }' ;; esac)"
t "start-up, interview screen (resume ID)" "$(fmt "$s_res" 1) ms" "< nano ($(fmt "$s_nano" 1) ms)" "$(verdict "$s_res" "<" "$s_nano")"
v=$(med ev bytes_median); t "bytes per key, median" "$v" "<= 2" "$(verdict "$v" "<=" 2)"
v=$(med ev bytes_total); f=$(med floor bytes_total)
lim=$(case $f in n/a) echo n/a ;; *) echo $((2 * ${f%.*})) ;; esac)
t "bytes for the 221-key script" "$v" "<= 2 x echo floor ($lim)" "$(verdict "$v" "<=" "$lim")"
v=$(med ev resp_median_ms); t "key response median, empty note" "$(fmt "$v" 2) ms" "<= 0.5 ms" "$(verdict "$v" "<=" 0.5)"
v=$(med ev_1mb resp_median_ms); t "key response median, 1 MB note" "$(fmt "$v" 2) ms" "<= 1 ms" "$(verdict "$v" "<=" 1)"
v=$(med ev_paste paste_ms); t "100 KB bracketed paste, settled" "$(fmt "$v" 1) ms" "< 200 ms (nano $(fmt "$(med nano_paste paste_ms)" 0) ms)" "$(verdict "$v" "<" 200)"
v=$(med ev_save save_ms); t "autosave of a 10 KB note (store)" "$(fmt "$v" 2) ms" "(no target)" ""
v=$(med ev_idle idle_bytes_per_s); t "idle, clock ticking: bytes/s" "$(fmt "$v" 1)" "<= 20" "$(verdict "$v" "<=" 20)"
v=$(med ev_idle idle_wakeups_per_s); t "idle, clock ticking: wake-ups/s" "$(fmt "$v" 1)" "<= 2 (a 1 s clock)" "$(verdict "$v" "<=" 2)"
# calm on the wire (issue 15): bytes, the same every run
v=$(med ev_pace pace_bytes); f=$(med floor_pace pace_bytes)
lim=$(case $f in n/a) echo n/a ;; *) echo $((2 * ${f%.*})) ;; esac)
t "bytes typing $PACE_KEYS keys at a 250 ms pace" "$v" "<= 2 x echo ($lim); nano $(med nano_pace pace_bytes)" "$(verdict "$v" "<=" "$lim")"
rd=$(med ev_paint redraw_bytes)
v=$(med ev_paint next_bytes); nv=$(med nano_paint next_bytes)
t "bytes of Ctrl-N (notes on both questions)" "$v" "<= nano's page-down ($nv)" "$(verdict "$v" "<=" "$nv")"
v=$(med ev_paint help_close_bytes); t "bytes closing help (F1, Esc)" "$v" "<= one Ctrl-L ($rd)" "$(verdict "$v" "<=" "$rd")"
v=$(med ev_paint form_close_bytes); t "bytes closing the form (Ctrl-T, Esc)" "$v" "<= one Ctrl-L ($rd)" "$(verdict "$v" "<=" "$rd")"
rb=$(med ev_paint redraw_big_bytes)
v=$(med ev_paint grow_bytes); t "bytes of a resize 80x24 to 100x30" "$v" "<= one Ctrl-L at 100x30 ($rb)" "$(verdict "$v" "<=" "$rb")"
rk=$(med ev_paint redraw_back_bytes)
v=$(med ev_paint shrink_bytes); t "bytes of a resize 100x30 to 80x24" "$v" "<= one Ctrl-L at 80x24 ($rk)" "$(verdict "$v" "<=" "$rk")"
v=$(med ev_start startup_bytes); ns=$(med nano startup_bytes); nf=$(med nano_paint startup_bytes)
t "start-up paint, start screen ($N interviews)" "$v B" "close to nano ($ns B empty, $nf B a file)" ""
v=$(med ev_resume startup_bytes); t "start-up paint, interview screen (resume)" "$v B" "close to nano ($ns B empty, $nf B a file)" ""
for c in "list:cli_list:100" "summary:cli_summary:100" "summary --by department:cli_summary_by:100" \
	"report ID:cli_report:100" "export --json:cli_export_json:1000" "export --csv:cli_export_csv:1000"; do
	name=${c%%:*}; rest=${c#*:}; label=${rest%%:*}; lim=${rest#*:}
	v=$(med "$label" wall_ms); r=$(med "$label" rss_kb)
	st=$(med "$label" status)
	note=""; [ "$st" != 0 ] && [ "$st" != n/a ] && note=" (exit $st)"
	t "$name: wall time$note" "$(fmt "$v" 1) ms" "< $lim ms" "$(verdict "$v" "<" "$lim")"
	t "$name: peak RSS" "$(mb "$r")" "< 16 MB" "$(verdict "$r" "<" 16384)"
done
v=$(med ev_1mb rss_kb); t "screen peak RSS, $N interviews + 1 MB note" "$(mb "$v")" "< 8 MB" "$(verdict "$v" "<" 8192)"
for k in "1:a common word (the)" "2:a rare word (lönerevisionen)" '3:a phrase ("was below")' "4:a prefix (befor*)" "5:a one-letter prefix (b*)"; do
	v=$(med search "search_ms_${k%%:*}")
	t "search, $N interviews: ${k#*:}" "$(fmt "$v" 1) ms" "< 50 ms" "$(verdict "$v" "<" 50)"
done
for n in 10k 100k; do
	v=$(med "filter$n" filter_key_ms); w=$(med "filter$n" filter_key_max_ms)
	t "start-screen filter per key, $n: median / worst" "$(fmt "$v" 2) / $(fmt "$w" 2) ms" "<= 5 ms" "$(verdict "$w" "<=" 5)"
done
v=$(med save1mb save1mb_bytes); y=$(med save1mb save1mb_syncs)
t "save of a 1 MB note, 8 keys typed: bytes / syncs" "$v / $y" "in proportion to the change" ""
v=$(med save1mb save1mb_ms); t "save of a 1 MB note, 8 keys typed: time" "$(fmt "$v" 2) ms" "(no target)" ""
echo

# ---- growth (issue 15) ----
if [ "$NBIG" -gt 0 ]; then
	v=$(med ev_start_huge startup_ms)
	t "start-up, start screen, $NBIG interviews" "$(fmt "$v" 1) ms" "<= nano ($(fmt "$s_nano" 1) ms)" "$(verdict "$v" "<=" "$s_nano")"
	echo
	g() { printf '| %-26s | %9s | %9s | %7s | %9s | %9s | %-22s |\n' "$@"; }
	g command "$N ms" "$NBIG ms" growth "RSS $N" "RSS $NBIG" "target"
	g "---" "---" "---" "---" "---" "---" "---"
	for c in "list:g_list" "summary:g_sum" "summary --by quarter:g_sumq" "summary --by manager:g_summ" \
		"export --csv:g_csv" "export --json:g_json" "export --anonymous:g_anon"; do
		name=${c%%:*}; l=${c#*:}
		a=$(med "${l}_small" wall_ms); b=$(med "${l}_huge" wall_ms)
		ra=$(med "${l}_small" rss_kb); rb=$(med "${l}_huge" rss_kb)
		gr=$(case $a$b in *n/a*) echo n/a ;; *) awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1fx", (a > 0 ? b / a : 0) }' ;; esac)
		ok=$(case $a$b$rb in *n/a*) echo n/a ;; *) awk -v a="$a" -v b="$b" -v r="$rb" 'BEGIN {
			print (a > 0 && b / a <= 11 && r <= 12288) ? "met" : "MISSED" }' ;; esac)
		g "$name" "$(fmt "$a" 1)" "$(fmt "$b" 1)" "$gr" "$(mb "$ra")" "$(mb "$rb")" "<= 11x, <= 12 MB: $ok"
	done
	echo
fi
echo "(start-up: exec to the last byte before 100 ms of quiet; key response: write to the last byte before 25 ms of quiet)"
exit 0
