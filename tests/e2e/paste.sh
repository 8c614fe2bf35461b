#!/bin/sh
# A 100 KB bracketed paste (tmux paste-buffer -p: ESC[200~ ... ESC[201~,
# line ends sent as CR) arrives complete and in order, between text typed
# before it and keys typed right after it; the stored notes are compared
# with what was pasted byte for byte.
. "$(dirname "$0")/lib.sh"
e2e_init paste

command -v python3 >/dev/null 2>&1 || { fail paste-setup "python3 is needed to read the export"; exit 1; }
id=$(e2e_new_batch "Pia Klistra" --role Writer) || { fail paste-setup "new --batch failed"; exit 0; }

# ~100 KB: numbered lines (so a lost or reordered piece shows), Swedish,
# CJK, an emoji, a combining accent, a tab, an empty line now and then.
paste="$E2E_DIR/paste.txt"
awk 'BEGIN {
	n = 0; i = 0
	while (n < 102400) {
		i++
		if (i % 50 == 0)
			l = ""
		else if (i % 3 == 0)
			l = sprintf("%05d Lönen låg under marknaden; hon väntade åtta månader på svar.", i)
		else if (i % 3 == 1)
			l = sprintf("%05d She said the workload grew\tevery quarter — 給料が低い 🙂 café", i)
		else
			l = sprintf("%05d He would come back if the on-call rota were shared fairly.", i)
		printf "%s\n", l
		n += length(l) + 1
	}
}' > "$paste"
size=$(wc -c < "$paste")
[ "$size" -ge 102400 ] && ok paste-text-100k || fail paste-text-100k "only $size bytes"

# the start screen: a paste filters once, by its first line
e2e_new_batch "Olle Annan" >/dev/null
e2e_start
e2e_wait "New interview" || fail paste-start-screen "$(e2e_screen | head -3)"
e2e_type "$(printf '\033[200~Pia Kl\rnot this line\033[201~')"
if e2e_wait "1 interview match" 5 && e2e_screen | grep -q "Filter: Pia Kl *$" &&
   e2e_screen | grep -q "Pia Klistra" && ! e2e_screen | grep -q "Olle Annan"; then
	ok paste-start-filter
else
	fail paste-start-filter "$(e2e_screen | head -5)"
fi
e2e_keys C-q
e2e_exited 10 || fail paste-start-leave "the start screen did not end"

e2e_start resume "$id"
e2e_wait "Question 1 of 7" || fail paste-opens "$(e2e_screen | head -3)"
e2e_type "Före: "
e2e_wait "Före:" 5 || fail paste-typed-before "$(e2e_screen | sed -n 10,12p)"
tmux -L "$E2E_SOCK" load-buffer "$paste"
tmux -L "$E2E_SOCK" paste-buffer -p
# typed at once after the paste: may reach the program in the same read
# as the end of the paste, and must still come after it
e2e_type ":efter"
if e2e_wait ":efter" 20; then ok paste-keys-after; else fail paste-keys-after "$(e2e_screen)"; fi
# a short paste and keys in one write: X, Left (ESC O D), Y after the end
# mark reach the program in the same read as the paste and keep their order
e2e_type "$(printf '\033[200~|in\rklistrat\033[201~X\033ODY')"
if e2e_wait "klistratYX" 10; then ok paste-short-then-keys; else fail paste-short-then-keys "$(e2e_screen | sed -n 10,20p)"; fi
e2e_keys C-q
if e2e_exited 20 && [ "$E2E_STATUS" = 0 ]; then ok paste-leave; else fail paste-leave "status ${E2E_STATUS:-none}"; fi

"$BIN" export --json > "$E2E_DIR/export.json" 2>>"$E2E_ERR" || fail paste-export "export failed"
python3 - "$E2E_DIR/export.json" "$paste" "$id" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
want = "Före: " + open(sys.argv[2], encoding="utf-8").read() + ":efter|in\nklistratYX"
rec = [r for r in data if str(r["id"]) == sys.argv[3]]
got = rec[0]["questions"][0]["notes"] if rec else None
if got == want:
    print("ok paste-stored-byte-for-byte")
elif got is None:
    print("FAIL paste-stored-byte-for-byte: interview not in the export")
else:
    i = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
    print("FAIL paste-stored-byte-for-byte: %d characters stored, %d pasted; first difference at %d: %r / %r"
          % (len(got), len(want), i, got[max(0, i - 20):i + 20], want[max(0, i - 20):i + 20]))
EOF
grep -q "AddressSanitizer\|runtime error" "$E2E_ERR" && fail paste-sanitizer "$(head -5 "$E2E_ERR")" || ok paste-sanitizer
e2e_done
