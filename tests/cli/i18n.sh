#!/bin/sh
# tests/cli/i18n.sh — messages in the reader's language (GNU gettext): the
# Swedish catalogue is well-formed and found beside the binary, the
# language follows LANG / LC_ALL / LC_MESSAGES / LANGUAGE and the config's
# `language`, English is the source, and `make install` puts the catalogue
# under LOCALEDIR.
. "$EXITVIEW_TOP/tests/cli/lib.sh"
top=$EXITVIEW_TOP
mo="$top/build/locale/sv/LC_MESSAGES/exitview.mo"

if msgfmt --check -o /dev/null "$top/src/po/sv.po" 2>"$TMP/msgfmt"; then ok i18n-catalogue-well-formed
else fail i18n-catalogue-well-formed "$(head -3 "$TMP/msgfmt")"; fi
if [ -s "$mo" ]; then ok i18n-catalogue-built; else fail i18n-catalogue-built "$mo missing"; fi

sv='^exitview: okänt kommando .bogus. \(se .exitview --help.\)$'
en="^exitview: unknown command 'bogus' \(see 'exitview --help'\)$"
# lang NAME PATTERN VAR=VALUE... — the message of an unknown command.
lang() {
	_n=$1 _p=$2; shift 2
	env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u LANG "$@" "$BIN" bogus >"$TMP/out" 2>"$TMP/err"
	_rc=$?
	if [ "$_rc" -eq 2 ] && grep -Eq "$_p" "$TMP/err" && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok "$_n"
	else fail "$_n" "exit $_rc: $(head -c 200 "$TMP/err")"; fi
}
lang i18n-lang-sv "$sv" LANG=sv_SE.UTF-8
lang i18n-lc-all-sv "$sv" LANG=en_GB.UTF-8 LC_ALL=sv_SE.UTF-8
lang i18n-lc-messages-sv "$sv" LANG=en_GB.UTF-8 LC_MESSAGES=sv_SE.UTF-8
lang i18n-language-sv "$sv" LANG=C.UTF-8 LANGUAGE=sv
lang i18n-language-list "$sv" LANG=C.UTF-8 LANGUAGE=fi:sv:en
lang i18n-language-en-first "$en" LANG=sv_SE.UTF-8 LANGUAGE=en:sv
lang i18n-c-is-english "$en" LANG=C
lang i18n-c-ignores-language "$en" LANG=C LANGUAGE=sv
lang i18n-other-is-english "$en" LANG=de_DE.UTF-8
lang i18n-no-locale-english "$en"

mkdir -p "$TMP/cfg"
printf '[exitview]\nlanguage = sv\n' >"$TMP/cfg/sv.ini"
printf '[exitview]\nlanguage = en\n' >"$TMP/cfg/en.ini"
printf '[exitview]\nlanguage = fi\n' >"$TMP/cfg/fi.ini"
lang i18n-config-sv "$sv" LANG=C.UTF-8 EXITVIEW_CONFIG="$TMP/cfg/sv.ini"
lang i18n-config-en-wins "$en" LANG=sv_SE.UTF-8 EXITVIEW_CONFIG="$TMP/cfg/en.ini"
expect i18n-config-bad-language 1 "fi.ini:2: language must be en or sv" "$BIN" check-config "$TMP/cfg/fi.ini"

# The English text is the source: the same bytes whatever the locale that
# speaks no language of ours.
"$BIN" --help >"$TMP/help.c" 2>&1
LANG=de_DE.UTF-8 "$BIN" --help >"$TMP/help.de" 2>&1
if cmp -s "$TMP/help.c" "$TMP/help.de"; then ok i18n-english-unchanged
else fail i18n-english-unchanged "--help differs under de_DE"; fi

# make install puts the catalogue where the installed binary looks (-o:
# the binary as built, nothing is rebuilt for the install).
dest="$TMP/dest"
if make -s -C "$top" -o exitview install DESTDIR="$dest" PREFIX=/usr >"$TMP/inst" 2>&1; then
	if [ -f "$dest/usr/share/locale/sv/LC_MESSAGES/exitview.mo" ] &&
	   cmp -s "$mo" "$dest/usr/share/locale/sv/LC_MESSAGES/exitview.mo"; then
		ok i18n-install-catalogue
	else fail i18n-install-catalogue "no catalogue under $dest/usr/share/locale"; fi
	if cmp -s "$top/man/sv/exitview.1" "$dest/usr/share/man/sv/man1/exitview.1" &&
	   cmp -s "$top/man/sv/exitview.ini.5" "$dest/usr/share/man/sv/man5/exitview.ini.5"; then
		ok i18n-install-man-sv
	else fail i18n-install-man-sv "no Swedish man pages under $dest/usr/share/man/sv"; fi
	make -s -C "$top" -o exitview uninstall DESTDIR="$dest" PREFIX=/usr >/dev/null 2>&1
	if [ ! -e "$dest/usr/share/locale/sv/LC_MESSAGES/exitview.mo" ]; then ok i18n-uninstall-catalogue
	else fail i18n-uninstall-catalogue "the catalogue is still there"; fi
	if [ ! -e "$dest/usr/share/man/sv/man1/exitview.1" ] && [ ! -e "$dest/usr/share/man/sv/man5/exitview.ini.5" ]; then
		ok i18n-uninstall-man-sv
	else fail i18n-uninstall-man-sv "the Swedish man pages are still there"; fi
else
	fail i18n-install-catalogue "make install: $(tail -3 "$TMP/inst")"
fi

# The catalogue is complete: every message of the sources (what `make po`
# extracts) has a Swedish translation, none fuzzy.
if make -s -C "$top" --no-print-directory pot-check POT="$TMP/now.pot" >"$TMP/pot" 2>&1; then
	ok i18n-catalogue-complete
else
	fail i18n-catalogue-complete "$(grep -v '^$' "$TMP/pot" | head -5 | tr '\n' ' ')"
fi

# A report is in its interview's language whoever renders it.
sv_id=$("$BIN" new --batch --template standard-sv --employee "Björn Åkesson" \
	--last-day 2026-12-31 --interview-date 2026-12-20 2>/dev/null)
en_id=$("$BIN" new --batch --template standard --employee "Ann Smith" \
	--last-day 2026-12-31 --interview-date 2026-12-20 2>/dev/null)
"$BIN" set "$sv_id" q2.rating=4 q3.rating=3 separation=voluntary regrettable=yes >/dev/null 2>&1
"$BIN" set "$en_id" q2.rating=4 q3.rating=3 separation=voluntary regrettable=yes >/dev/null 2>&1
show_in() { # ID VAR=VALUE... — show under that environment into stdout
	_id=$1; shift
	env -u LC_ALL -u LANGUAGE -u LC_MESSAGES -u LANG "$@" "$BIN" show "$_id" 2>&1
}
show_in "$sv_id" LANG=C >"$TMP/sv.c"
show_in "$sv_id" LANG=en_GB.UTF-8 >"$TMP/sv.en"
show_in "$sv_id" LANG=sv_SE.UTF-8 >"$TMP/sv.sv"
if grep -q '^Rapport från avgångssamtal$' "$TMP/sv.c" &&
   grep -q '^Typ av avgång: *Frivillig$' "$TMP/sv.c" &&
   grep -q '^Beklaglig förlust: *Ja$' "$TMP/sv.c" &&
   grep -q '^  Medelbetyg: 3,50 (2 av .* frågor har betyg)$' "$TMP/sv.c" &&
   ! grep -q 'Exit interview\|Notes:\|Rating' "$TMP/sv.c"; then
	ok i18n-report-swedish-in-c-locale
else
	fail i18n-report-swedish-in-c-locale "$(grep -n 'Exit\|Notes\|Rating\|Medel\|Typ' "$TMP/sv.c" | head -5 | tr '\n' ' ')"
fi
if cmp -s "$TMP/sv.c" "$TMP/sv.en" && cmp -s "$TMP/sv.c" "$TMP/sv.sv"; then ok i18n-report-swedish-any-locale
else fail i18n-report-swedish-any-locale "the Swedish report differs by the reader's locale"; fi
show_in "$en_id" LANG=C >"$TMP/en.c"
show_in "$en_id" LANG=sv_SE.UTF-8 >"$TMP/en.sv"
show_in "$en_id" LANG=C.UTF-8 LANGUAGE=sv >"$TMP/en.language"
if grep -q '^Exit interview report$' "$TMP/en.c" && grep -q '^  Average rating: 3.50 ' "$TMP/en.c" &&
   cmp -s "$TMP/en.c" "$TMP/en.sv" && cmp -s "$TMP/en.c" "$TMP/en.language"; then
	ok i18n-report-english-byte-identical
else
	fail i18n-report-english-byte-identical "$(diff "$TMP/en.c" "$TMP/en.sv" | head -4 | tr '\n' ' ')"
fi
# The report written by `report` and the one kept at close agree with show,
# even when an English-speaking colleague closes the Swedish interview.
env -u LANGUAGE LANG=en_GB.UTF-8 LC_ALL= "$BIN" report "$sv_id" -o "$TMP/sv.report" >/dev/null 2>&1
env -u LANGUAGE LANG=en_GB.UTF-8 LC_ALL= "$BIN" close "$sv_id" -o "$TMP/sv.closed" >/dev/null 2>&1
show_in "$sv_id" LANG=C >"$TMP/sv.after"
if cmp -s "$TMP/sv.c" "$TMP/sv.report" && cmp -s "$TMP/sv.after" "$TMP/sv.closed" &&
   grep -q '^Status: *Avslutad ' "$TMP/sv.closed"; then
	ok i18n-report-show-report-close-agree
else
	fail i18n-report-show-report-close-agree "$(diff "$TMP/sv.c" "$TMP/sv.closed" | head -4 | tr '\n' ' ')"
fi
# Messages follow the reader, the report its interview: a Swedish reader's
# error about the English interview is Swedish.
env -u LANGUAGE -u LC_ALL LANG=sv_SE.UTF-8 "$BIN" set "$en_id" q2.rating=9 >"$TMP/out" 2>"$TMP/err"
if [ $? -eq 2 ] && grep -q '^exitview: ' "$TMP/err" && ! grep -qi 'rating must\|must be' "$TMP/err"; then
	ok i18n-error-in-readers-language
else
	fail i18n-error-in-readers-language "$(head -c 200 "$TMP/err")"
fi

# A command's --help in the reader's language, its options' names kept;
# the English one unchanged by a locale exitview does not speak.
env -u LC_ALL -u LANGUAGE LANG=C.UTF-8 LANGUAGE=sv "$BIN" report --help >"$TMP/help.sv" 2>&1
if grep -q '^användning: exitview \[-d FIL\] \[-c FIL\] report ID \[--for-manager\] \[-o FIL\]$' "$TMP/help.sv" &&
   grep -q '^  -o, --output FIL         skriv hit' "$TMP/help.sv" && grep -q '^flaggor:$' "$TMP/help.sv" &&
   ! grep -q 'write here\|options:' "$TMP/help.sv"; then
	ok i18n-command-help-swedish
else
	fail i18n-command-help-swedish "$(head -3 "$TMP/help.sv" | tr '\n' ' ')"
fi
env -u LC_ALL -u LANGUAGE LANG=C "$BIN" report --help >"$TMP/help.en" 2>&1
env -u LC_ALL -u LANGUAGE LANG=de_DE.UTF-8 "$BIN" report --help >"$TMP/help.de" 2>&1
if grep -q '^usage: exitview \[-d FILE\] \[-c FILE\] report ID' "$TMP/help.en" && cmp -s "$TMP/help.en" "$TMP/help.de"; then
	ok i18n-command-help-english
else
	fail i18n-command-help-english "$(head -2 "$TMP/help.en" | tr '\n' ' ')"
fi
