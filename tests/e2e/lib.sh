# tests/e2e/lib.sh — shared helpers for the end-to-end tests: the real
# binary in a tmux pane, keys in, the screen out.  Sourced by each test.
#
#   e2e_init NAME          temp HOME/XDG dirs/database, private tmux socket,
#                          cleanup (and a hard time limit) on exit
#   e2e_start CMD...       run exitview ARGS in an 80x24 pane
#   e2e_keys KEY...        tmux send-keys (C-x, Enter, ...)
#   e2e_type TEXT          literal text
#   e2e_wait TEXT [SECS]   until TEXT is on screen (default 10 s), else FAIL
#   e2e_gone TEXT [SECS]   until TEXT is no longer on screen
#   e2e_screen             the screen as text
#   e2e_exited [SECS]      until the program has ended ($E2E_STATUS)
#   e2e_pid                its process id
#   ok NAME / fail NAME WHY

E2E_TOP=${EXITVIEW_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${EXITVIEW_BIN:-$E2E_TOP/build/asan/exitview}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export ASAN_OPTIONS=detect_leaks=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
E2E_FAILS=0

ok() { echo "ok $1"; }
fail() {
	echo "FAIL $1: $2"
	E2E_FAILS=$((E2E_FAILS + 1))
}

e2e_cleanup() {
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	[ -n "$E2E_WATCHDOG" ] && kill "$E2E_WATCHDOG" 2>/dev/null
	rm -rf "$E2E_DIR"
}

e2e_init() {
	E2E_NAME=$1
	if ! command -v tmux >/dev/null 2>&1; then
		echo "skip $E2E_NAME: no tmux to drive the screen (make deps installs it)"
		exit 0
	fi
	E2E_DIR=$(mktemp -d)
	E2E_SOCK="exitview-e2e-$$-$E2E_NAME"
	mkdir -p "$E2E_DIR/home" "$E2E_DIR/data" "$E2E_DIR/config"
	chmod 700 "$E2E_DIR" "$E2E_DIR/home" "$E2E_DIR/data" "$E2E_DIR/config"
	export HOME="$E2E_DIR/home"
	export XDG_DATA_HOME="$E2E_DIR/data"
	export XDG_CONFIG_HOME="$E2E_DIR/config"
	export EXITVIEW_DB="$E2E_DIR/data/exitview/exitview.db"
	unset EXITVIEW_CONFIG NO_COLOR VISUAL EDITOR
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	unset LANGUAGE
	E2E_OUT="$E2E_DIR/out"
	E2E_ERR="$E2E_DIR/err"
	trap 'e2e_cleanup' EXIT
	trap 'e2e_cleanup; exit 1' INT TERM HUP
	# a stuck test is stopped: the whole file gets at most E2E_LIMIT seconds
	# (the sleep must not hold the test's stdout open after the test ends)
	(
		trap 'kill $sp 2>/dev/null; exit 0' TERM
		sleep "${E2E_LIMIT:-60}" </dev/null >/dev/null 2>&1 &
		sp=$!
		wait $sp && { echo "FAIL $E2E_NAME: timed out"; kill -TERM $$; }
	) &
	E2E_WATCHDOG=$!
}

# e2e_start [VAR=VALUE...] ARGS: exitview ARGS in a fresh session, with
# the environment changes given ($E2E_PRE: shell commands run first).  stderr goes to $E2E_ERR; the exit status
# is written to $E2E_DIR/status; the pane stays (stdout is the terminal).
e2e_start() {
	envs=""
	while [ $# -gt 0 ]; do
		case $1 in
		[A-Za-z_]*=*) envs="$envs $(e2e_quote "$1")"; shift ;;
		*) break ;;
		esac
	done
	args=""
	for a in "$@"; do args="$args $(e2e_quote "$a")"; done
	rm -f "$E2E_DIR/status" "$E2E_ERR" "$E2E_DIR/pid"
	e2e_stop_server
	{
		echo '#!/bin/sh'
		# the pane's shell stands in for the user's interactive shell,
		# which a Ctrl-C typed to its foreground job (exitview, or the
		# editor exitview runs) does not end; exitview sets its own
		echo "trap '' INT QUIT"
		echo "${E2E_PRE:-}"
		# in the background (stdin given back) so that its pid is known
		echo "env $envs $(e2e_quote "$BIN") $args </dev/tty 2>$(e2e_quote "$E2E_ERR") &"
		echo "echo \$! > $(e2e_quote "$E2E_DIR/pid")"
		echo "wait \$!"
		echo "echo \$? > $(e2e_quote "$E2E_DIR/status.tmp")"
		echo "mv $(e2e_quote "$E2E_DIR/status.tmp") $(e2e_quote "$E2E_DIR/status")"
		echo "exec sleep 120"
	} > "$E2E_DIR/run.sh"
	chmod +x "$E2E_DIR/run.sh"
	# a server still going away can take the new session with it ("server
	# exited unexpectedly"): then it is stopped for good and tried again
	_try=0
	until tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x "${E2E_COLS:-80}" -y "${E2E_LINES:-24}" \
		"$E2E_DIR/run.sh" 2>"$E2E_DIR/tmux.err"; do
		_try=$((_try + 1))
		[ $_try -lt 3 ] || { cat "$E2E_DIR/tmux.err" >&2; return 1; }
		e2e_stop_server
	done
}

# e2e_stop_server: the test's tmux server ended, and its socket gone
# (kill-server returns before the server has exited), within 5 s.
e2e_stop_server() {
	tmux -L "$E2E_SOCK" kill-server 2>/dev/null
	_sock="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK"
	_n=50
	while [ $_n -gt 0 ] && { [ -S "$_sock" ] || tmux -L "$E2E_SOCK" list-sessions >/dev/null 2>&1; }; do
		tmux -L "$E2E_SOCK" kill-server 2>/dev/null
		[ -S "$_sock" ] && ! tmux -L "$E2E_SOCK" list-sessions >/dev/null 2>&1 && rm -f "$_sock"
		sleep 0.1
		_n=$((_n - 1))
	done
}

e2e_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# e2e_pid: the pid of the exitview started last.
e2e_pid() {
	n=0
	while [ ! -s "$E2E_DIR/pid" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	cat "$E2E_DIR/pid"
}

e2e_keys() { tmux -L "$E2E_SOCK" send-keys "$@"; }
e2e_type() { tmux -L "$E2E_SOCK" send-keys -l "$1"; }
e2e_screen() { tmux -L "$E2E_SOCK" capture-pane -p -J 2>/dev/null; }

# e2e_wait TEXT [SECS]: poll every 50 ms.
e2e_wait() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if e2e_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

e2e_gone() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if ! e2e_screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# e2e_exited [SECS]: until the program ended; its status in $E2E_STATUS.
e2e_exited() {
	n=$(( ${1:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if [ -f "$E2E_DIR/status" ]; then
			E2E_STATUS=$(cat "$E2E_DIR/status")
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# e2e_cli ARGS: the command line, outside tmux.
e2e_cli() { "$BIN" "$@"; }

# e2e_new_batch EMPLOYEE [ARGS]: create an interview from the command line,
# print its ID.
e2e_new_batch() {
	emp=$1; shift
	"$BIN" new --batch --employee "$emp" "$@"
}

e2e_done() {
	[ "$E2E_FAILS" -eq 0 ]
}

# ---- the interview screen's panes (UTF-8 locale: the list ends at "│") ----

# e2e_prompt_lines: the prompt pane's text rows as now on screen (under
# its heading, above the notes bar), follow-up boxes and marks stripped.
e2e_prompt_lines() {
	e2e_screen | awk '
		NR == 1 { next }
		{ i = index($0, "│"); if (!i) next; r = substr($0, i + length("│")) }
		r ~ /^─/ { exit }
		{ sub(/^ *>?\[[ x]\] +/, "", r); sub(/^ +/, "", r); sub(/ +$/, "", r); print r }'
}

# e2e_prompt_all [MAX]: from the prompt pane (focused, first follow-up
# chosen), Down (at most MAX times, default 60) until the selection is on
# the last follow-up and no "more" is left below; prints every text row
# seen, in order, once each.
e2e_prompt_all() {
	: > "$E2E_DIR/prompt_seen"
	n=0
	while [ $n -lt "${1:-60}" ]; do
		scr=$(e2e_screen)
		e2e_prompt_lines >> "$E2E_DIR/prompt_seen"
		# the chosen box is the last box shown, and nothing more below
		last_sel=$(printf '%s\n' "$scr" | awk '
			NR == 1 { next }
			{ i = index($0, "│"); if (!i) next; r = substr($0, i + length("│")) }
			r ~ /^─/ { exit }
			r ~ /^ *>?\[[ x]\]/ { last = (r ~ /^ *>\[/) }
			END { print (last == "" || last) ? 1 : 0 }')
		if [ "$last_sel" = 1 ] && ! printf '%s\n' "$scr" | grep -q "▼ more"; then
			break
		fi
		e2e_keys Down
		k=0
		while [ $k -lt 40 ] && [ "$(e2e_screen)" = "$scr" ]; do sleep 0.05; k=$((k + 1)); done
		[ $k -ge 40 ] && break
		n=$((n + 1))
	done
	awk '!seen[$0]++' "$E2E_DIR/prompt_seen"
}

# e2e_flat: standard input as one line, blanks squeezed.
e2e_flat() { tr '\n' ' ' | tr -s ' ' | sed 's/^ //; s/ $//'; }

# e2e_template_values FILE N KEY: the value of KEY (a regex: hint,
# followup[0-9]+, title) in [question N] of template FILE, one a line.
e2e_template_values() {
	awk -v n="$2" -v key="$3" '
		/^[[:space:]]*\[/ { sec = tolower($0); gsub(/[][[:space:]]/, "", sec); next }
		sec == "question" n {
			if (match($0, "^[[:space:]]*(" key ")[[:space:]]*=")) {
				v = substr($0, RLENGTH + 1); sub(/^[[:space:]]+/, "", v); sub(/[[:space:]]+$/, "", v)
				if (v ~ /^".*"$/) v = substr(v, 2, length(v) - 2)
				print v
			}
		}' "$1"
}

# e2e_template_count FILE: how many questions template FILE has.
e2e_template_count() {
	grep -ci '^[[:space:]]*\[question [0-9]*\]' "$1"
}
