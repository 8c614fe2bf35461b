#!/usr/bin/env python3
"""Print the KEYS section of exitview(1) from the key table: the UI_KEYS
list in include/exitview/ui_keys.h; in Swedish (--lang sv), the same rows
read through src/po/sv.po, for man/sv/exitview.1's TANGENTER.

The table drives dispatch, the F1 help overlay and the status-line hints;
this makes the manual read the same rows, so they cannot drift apart.
  keys_mdoc.py TOP [--lang sv]            print the section
  keys_mdoc.py TOP [--lang sv] --update   rewrite it in the page (make man-keys)
"""
import re
import sys

top = sys.argv[1]
lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
header = open(f"{top}/include/exitview/ui_keys.h", encoding="utf-8").read()
# The list: the lines of "#define UI_KEYS(...)" up to the first one that
# does not end in a backslash.
lines = header[header.index("#define UI_KEYS("):].split("\n")
end = next(i for i, line in enumerate(lines) if not line.endswith("\\"))
table = "\n".join(lines[:end + 1])
S = r'(?:N_\()?"([^"]*)"\)?'   # a text, marked N_() for gettext or not
titles = dict(re.findall(r'\bSECTION\((\w+), ' + S + r'\)', table))
rows = re.findall(r'\bROW\((\w+), ' + S + ', ' + S, table)


def po_messages(path):
    """The translated messages of a PO file: msgid -> msgstr (singular
    messages only, none fuzzy)."""
    out, cur, key, fuzzy = {}, {}, None, False

    def done():
        if "msgid" in cur and cur.get("msgstr") and not fuzzy:
            out[cur["msgid"]] = cur["msgstr"]

    def unquote(s):
        s = s.strip()[1:-1]
        return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            done()
            cur, key, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and key:
            cur[key] += unquote(line)
        else:
            key, _, val = line.partition(" ")
            cur[key] = unquote(val)
    done()
    return out


if lang == "en":
    tr = {}
    page = f"{top}/man/exitview.1"
    head = [".Sh KEYS", ".Ic F1",
            "shows every binding on screen; the help overlay and this section list the",
            "same table, section by section."]
else:
    tr = po_messages(f"{top}/src/po/{lang}.po")
    page = f"{top}/man/{lang}/exitview.1"
    head = [".Sh TANGENTER", ".Ic F1",
            "visar alla tangentbindningar på skärmen; hjälpfönstret och detta avsnitt",
            "listar samma tabell, avsnitt för avsnitt."]


def _(s):
    return tr.get(s, s)


def keys(k):
    if k == "Typing":   # no key of its own: the words
        return _(k)
    return " , ".join("Ic \\&?" if p == "?" else "Ic " + p for p in _(k).split(", "))


def sentence(t):
    t = t[0].upper() + t[1:]
    return t if t.endswith(".") else t + "."


out = list(head)
section = None
for sec, k, text in rows:
    if sec != section:
        if section:
            out.append(".El")
        out += [".Ss " + _(titles[sec]), ".Bl -tag -width Ds"]
        section = sec
    out += [".It " + keys(k), sentence(_(text))]
out.append(".El")
mdoc = "\n".join(out) + "\n"

if "--update" in sys.argv:
    text = open(page, encoding="utf-8").read()
    start = text.index(head[0] + "\n")
    end = text.index(".Sh ", start + 1)
    open(page, "w", encoding="utf-8").write(text[:start] + mdoc + text[end:])
else:
    sys.stdout.write(mdoc)
