#!/bin/sh
# Bad config and template files: truncated, binary garbage, lines over
# iniparser's limit, 10,000 questions, empty values, duplicate sections,
# invalid UTF-8, a directory or a FIFO instead of a file, an unreadable file,
# a symbolic link.  Each one, through "exitview check-config FILE" and through
# a config that names it (-c, $EXITVIEW_CONFIG, a template directory):
# exit 1, one line "exitview: FILE:LINE: ..." (just "FILE: ..." when no line
# applies), never a crash, never a hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/abuse_lib.inc"

std="$EXITVIEW_TOP/config/templates/standard.ini"
D="$TMP/bad"
mkdir -p "$D"

# --- the bad files --------------------------------------------------------
python3 - "$D" "$std" <<'PY'
import os, random, sys
d, std = sys.argv[1], sys.argv[2]
t = open(std, "rb").read()
rnd = random.Random(5)
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
head = "[template]\ntitle = T\n[scale]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n[categories]\nx = X\ny = Y\n"
# configs
w("c-truncated-quote.ini", '[exitview]\ninterviewer = "Ann')
w("c-truncated-section.ini", "[exitview]\nautosave = 1\n[summ")
w("c-garbage.ini", bytes(rnd.randrange(256) for _ in range(4096)))
w("c-garbage-nonul.ini", bytes(rnd.choice(range(1, 256)) for _ in range(4096)))
w("c-long-1023.ini", "[exitview]\ninterviewer = " + "x" * (1023 - 14) + "\n")
w("c-long-100k.ini", "[exitview]\n; " + "y" * 100000 + "\n")
w("c-long-joined.ini", "[exitview]\ninterviewer = " + "z" * 600 + "\\\n" + "z" * 600 + "\n")
w("c-dup-section.ini", "[exitview]\nautosave = 1\n[summary]\nthreshold = 5\n[exitview]\ncolour = no\n")
w("c-dup-key.ini", "[exitview]\nautosave = 1\nautosave = 2\n")
w("c-invalid-utf8.ini", b"[exitview]\ninterviewer = Bj\xf6rn\n")
w("c-overlong-utf8.ini", b"[exitview]\ninterviewer = a\xc0\xafb\n")
w("c-surrogate.ini", b"[exitview]\ninterviewer = a\xed\xa0\x80b\n")
w("c-nul.ini", b"[exitview]\ninterviewer = a\x00b\n")
w("c-control.ini", "[exitview]\ninterviewer = a\x1b[31mb\n")
w("c-empty-section.ini", "[]\nautosave = 1\n")
w("c-outside.ini", "autosave = 1\n[exitview]\n")
w("c-bad-number.ini", "[exitview]\nautosave = 99999999999999999999\n")
w("c-negative.ini", "[exitview]\nautosave = -1\n")
w("c-bom-garbage.ini", b"\xef\xbb\xbf\xef\xbb\xbf[exitview]\n")
w("c-unquoted-semicolon.ini", "[exitview]\ninterviewer = Lee; HR\n")
w("c-inline-comment.ini", "[exitview]\nautosave = 5 ; seconds\n")
w("c-huge.ini", "[exitview]\n" + ";comment\n" * 1000000)
# templates
w("t-truncated.ini", t[: len(t) * 2 // 3].rsplit(b"\n", 1)[0] + b"\n[questi")
w("t-truncated-mid.ini", t[: t.index(b"[question 3]")] + b"[question 3]\ntitle = Cut\npro")
w("t-garbage.ini", b"[template]\n" + bytes(rnd.randrange(256) for _ in range(2048)))
w("t-long.ini", head + "[question 1]\ntitle = Q\nprompt = " + "p" * 1100 + "\n")
w("t-10000.ini", head + "".join("[question %d]\ntitle = Q%d\nprompt = Why %d?\n" % (i, i, i) for i in range(1, 10001)))
w("t-empty-title.ini", head + "[question 1]\ntitle =\nprompt = Why?\n")
w("t-empty-prompt.ini", head + "[question 1]\ntitle = Q\nprompt = \n")
w("t-empty-label.ini", head.replace("3 = c", "3 =") + "[question 1]\ntitle = Q\nprompt = Why?\n")
w("t-dup-section.ini", head + "[question 1]\ntitle = Q\nprompt = Why?\n[question 1]\ntitle = R\nprompt = Again?\n")
w("t-dup-section-case.ini", head + "[question 1]\ntitle = Q\nprompt = Why?\n[QUESTION 1]\ntitle = R\nprompt = Again?\n")
w("t-invalid-utf8.ini", head.encode() + b"[question 1]\ntitle = Q\xff\nprompt = Why?\n")
w("t-huge-number.ini", head + "[question 99999999999999999999]\ntitle = Q\nprompt = Why?\n")
w("t-followup-huge.ini", head + "[question 1]\ntitle = Q\nprompt = Why?\nfollowup99999999999999999999 = x\n")
w("t-empty-file.ini", "")
w("t-unquoted-hash.ini", head + "[question 1]\ntitle = Q\nprompt = Was it #1 for you; or not?\n")
w("t-unquoted-semicolon.ini", head + "[question 1]\ntitle = Q\nprompt = Why?\nfollowup1 = Pay; or people?\n")
w("t-only-comments.ini", "; nothing\n# here\n")
PY

mkdir "$D/c-directory.ini" "$D/t-directory.ini"
mkfifo "$D/c-fifo.ini" 2>/dev/null
ln -s "$D/c-dup-key.ini" "$D/c-symlink.ini"

# err1 (abuse_lib.inc): exit 1, one stderr line "exitview: FILE:LINE: ..."
# (line 0: no line applies, the file named), within 20 s.
for f in "$D"/c-*.ini; do
	b=$(basename "$f" .ini)
	case $b in c-directory|c-fifo|c-symlink|c-huge) line=0 ;; *) line=1 ;; esac
	err1 "check-config-$b" "$line" "$f" "$BIN" check-config "$f"
	err1 "config-c-$b" "$line" "$f" "$BIN" -c "$f" list
	# the other ways of naming a config, for a few kinds (time is short)
	case $b in c-garbage|c-long-1023|c-dup-section|c-invalid-utf8|c-directory)
		err1 "config-env-$b" "$line" "$f" env EXITVIEW_CONFIG="$f" "$BIN" templates
		err1 "config-new-$b" "$line" "$f" sh -c '"$0" -c "$1" new --batch </dev/null' "$BIN" "$f"
	esac
done
[ -e "$TMP/db/exitview.db" ] && fail config-bad-creates-nothing "a database was created" || ok config-bad-creates-nothing

# templates: check-config FILE, and as the config's template directory
for f in "$D"/t-*.ini; do
	b=$(basename "$f" .ini)
	case $b in t-directory) line=0 ;; *) line=1 ;; esac
	# (an empty file is a valid, empty config: check-config FILE accepts it)
	case $b in t-empty-file|t-only-comments) ;; *) err1 "check-config-$b" "$line" "$f" "$BIN" check-config "$f" ;; esac
	tdir="$TMP/tdir-$b"
	mkdir -p "$tdir"
	if [ -d "$f" ]; then mkdir "$tdir/bad.ini"; else cp "$f" "$tdir/bad.ini"; fi
	printf '[exitview]\ntemplates = %s\ntemplate = bad\n' "$tdir" > "$TMP/cfg-$b.ini"
	err1 "template-new-$b" "$line" "$tdir/bad.ini" sh -c '"$0" -c "$1" new --batch </dev/null' "$BIN" "$TMP/cfg-$b.ini"
	case $b in t-truncated|t-garbage|t-dup-section|t-invalid-utf8|t-directory|t-empty-prompt) ;; *) continue ;; esac
	printf '[exitview]\ntemplates = %s\n' "$tdir" > "$TMP/cfg2-$b.ini"
	err1 "template-named-$b" "$line" "$tdir/bad.ini" sh -c '"$0" -c "$1" new --batch --template bad </dev/null' "$BIN" "$TMP/cfg2-$b.ini"
	# the whole check names it too (the built-in templates are fine)
	if run "check-all-$b" 1 "$BIN" -c "$TMP/cfg2-$b.ini" check-config; then
		if grep -q "^exitview: $tdir/bad.ini" "$TMP/err" && [ "$(grep -vc '^exitview: ' "$TMP/err")" = 0 ]; then ok "check-all-$b"
		else fail "check-all-$b" "$(head -c 300 "$TMP/err")"; fi
	fi
done
[ -e "$TMP/db/exitview.db" ] && fail template-bad-creates-nothing "a database was created" || ok template-bad-creates-nothing

# an unquoted ';' or '#' names the line and says to quote the value
for b in c-unquoted-semicolon c-inline-comment t-unquoted-hash t-unquoted-semicolon; do
	if grep -q "^exitview: $D/$b.ini:[0-9]*: the value of '[a-z0-9]*' holds '[;#]'.*put the whole value in double quotes" "$TMP/err_check-config-$b" 2>/dev/null
	then ok "$b-says-quote"; else fail "$b-says-quote" "$(cat "$TMP/err_check-config-$b" 2>/dev/null)"; fi
done
# quoted, the same text is kept whole
sed -e 's/^prompt = Was it #1 for you; or not?$/prompt = "Was it #1 for you; or not?" ; quoted/' \
	"$D/t-unquoted-hash.ini" > "$TMP/quoted.ini"
expect quoted-hash-accepted 0 ': ok' "$BIN" check-config "$TMP/quoted.ini"
mkdir -p "$TMP/qdir"; cp "$TMP/quoted.ini" "$TMP/qdir/quoted.ini"
printf '[exitview]\ntemplates = %s\n' "$TMP/qdir" > "$TMP/qcfg.ini"
qid=$("$BIN" -c "$TMP/qcfg.ini" -d "$TMP/q.db" new --batch --template quoted </dev/null)
expect quoted-hash-kept-whole 0 'Was it #1 for you; or not\?' "$BIN" -c "$TMP/qcfg.ini" -d "$TMP/q.db" show "$qid"
# the shipped config and templates pass as files, not only as built-ins
for f in "$EXITVIEW_TOP"/config/config.ini "$EXITVIEW_TOP"/config/templates/*.ini; do
	expect "shipped-$(basename "$f" .ini)-checks" 0 ': ok' "$BIN" check-config "$f"
done

# 10,000 questions are refused quickly, at the first question too many
if grep -q "t-10000.ini:[0-9]*: .*\(too many\|at most 100\)" "$TMP/err_check-config-t-10000" 2>/dev/null; then ok template-10000-says-too-many
else fail template-10000-says-too-many "$(cat "$TMP/err_check-config-t-10000" 2>/dev/null)"; fi

# an unreadable file: as root, permissions do not bind, so run as nobody
u="$TMP/unreadable"
mkdir -p "$u"
cp "$std" "$u/t-unreadable.ini"
printf '[exitview]\nautosave = 1\n' > "$u/c-unreadable.ini"
chmod 000 "$u/c-unreadable.ini" "$u/t-unreadable.ini"
as_other=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		chmod 711 "$TMP"; chmod 755 "$u"
		mkdir -p "$TMP/nobody"; chown 65534 "$TMP/nobody"
		as_other="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$TMP/nobody XDG_CONFIG_HOME=$TMP/nobody/.config XDG_DATA_HOME=$TMP/nobody/.local EXITVIEW_DB=$TMP/nobody/db/x.db"
	fi
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_other" ]; then
	err1 check-config-unreadable 0 "$u/c-unreadable.ini" $as_other "$BIN" check-config "$u/c-unreadable.ini"
	err1 config-c-unreadable 0 "$u/c-unreadable.ini" $as_other "$BIN" -c "$u/c-unreadable.ini" list
	err1 check-config-template-unreadable 0 "$u/t-unreadable.ini" $as_other "$BIN" check-config "$u/t-unreadable.ini"
	printf '[exitview]\ntemplates = %s\ntemplate = t-unreadable\n' "$u" > "$u/cfg.ini"; chmod 644 "$u/cfg.ini"
	err1 template-new-unreadable 0 "$u/t-unreadable.ini" $as_other "$BIN" -c "$u/cfg.ini" new --batch
	grep -q "Permission denied\|permission" "$TMP/err" && ok unreadable-says-why || fail unreadable-says-why "$(cat "$TMP/err")"
else
	echo "skip unreadable: running as root, and setpriv cannot run as nobody here"
fi
chmod 700 "$TMP"
