# exitview — build, test, install.  See README.md, "Hacking".
.SUFFIXES:

VERSION     = 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/exitview
LOCALEDIR  ?= $(PREFIX)/share/locale
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config

NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
SQLITE_CFLAGS  := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS    := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
# iniparser ships no .pc file on Debian 12: its headers live here.
INIPARSER_CFLAGS ?= -I/usr/include/iniparser
INIPARSER_LIBS   ?= -liniparser

OPTFLAGS ?= -O2 -g
# Warnings are errors in `make check` (and so in CI): WERROR=-Werror there.
# A plain build does not stop at a warning a newer compiler invents.
WERROR    ?=
WARNFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter $(WERROR)
# Hardening of the binary that is installed (the sanitizer build has its own).
HARDEN_CFLAGS  ?= -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
HARDEN_LDFLAGS ?= -pie -Wl,-z,relro,-z,now
DEFS      = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
            -DEXITVIEW_VERSION='"$(VERSION)"' -DEXITVIEW_DATADIR='"$(DATADIR)"' \
            -DEXITVIEW_LOCALEDIR='"$(LOCALEDIR)"'
ALL_CFLAGS = $(WARNFLAGS) $(OPTFLAGS) $(DEFS) -pthread -Iinclude -Ibuild/gen \
             $(NCURSES_CFLAGS) $(SQLITE_CFLAGS) $(INIPARSER_CFLAGS) $(CFLAGS) -MMD -MP
# -pthread: the screen's stall guard (src/ui_loop.c) saves from a second
# thread while a blocked terminal holds the first.
LIBS      = $(NCURSES_LIBS) $(SQLITE_LIBS) $(INIPARSER_LIBS) -pthread
SANFLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The model (no curses, no printing) is every src/*.c but main.c, ui_*.c and cmd_*.c.
ALL_SRC   = $(wildcard src/*.c)
UI_SRC    = src/main.c $(wildcard src/ui_*.c) $(wildcard src/cmd_*.c)
MODEL_SRC = $(filter-out $(UI_SRC),$(ALL_SRC))
CONFIG_FILES = config/config.ini $(wildcard config/templates/*.ini)
GEN_SRC   = build/gen/builtin_data.c
TEST_SRC  = $(wildcard tests/unit/test_*.c)

OBJ       = $(patsubst src/%.c,build/obj/%.o,$(ALL_SRC)) build/obj/builtin_data.o
MODEL_OBJ = $(patsubst src/%.c,build/obj/%.o,$(MODEL_SRC)) build/obj/builtin_data.o
ASAN_OBJ  = $(patsubst src/%.c,build/asan/%.o,$(ALL_SRC)) build/asan/builtin_data.o
ASAN_MODEL_OBJ = $(patsubst src/%.c,build/asan/%.o,$(MODEL_SRC)) build/asan/builtin_data.o
TEST_BIN  = $(patsubst tests/unit/%.c,build/tests/%,$(TEST_SRC))

ifeq ($(V),1)
Q =
else
Q = @
endif

# The message catalogues (GNU gettext): src/po/LANG.po, compiled into
# build/locale/LANG/LC_MESSAGES/exitview.mo, where a fresh build finds them
# (i18n.c looks beside the binary first).
PO_LANGS  = sv
MO_FILES  = $(patsubst %,build/locale/%/LC_MESSAGES/exitview.mo,$(PO_LANGS))

all: exitview

exitview: $(OBJ) $(MO_FILES)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN_CFLAGS) -o $@ $(OBJ) $(LIBS) $(HARDEN_LDFLAGS) $(LDFLAGS)

build/obj/%.o: src/%.c build/gen/flags.stamp | build/gen/builtin_data.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN_CFLAGS) -c -o $@ $<

build/obj/builtin_data.o: build/gen/builtin_data.c build/gen/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(HARDEN_CFLAGS) -c -o $@ $<

# The built-in config and templates are generated from config/, never typed twice.
build/embed: src/tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARNFLAGS) -O1 -o $@ $<

build/gen/builtin_data.c: build/embed $(CONFIG_FILES)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)build/embed config $(CONFIG_FILES:config/%=%) > $@.tmp && mv $@.tmp $@

# What compiles differs with WERROR (make check) and hardening: rebuild
# when they change.
build/gen/flags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(WERROR) $(HARDEN_CFLAGS) $(HARDEN_LDFLAGS)' | cmp -s - $@ || \
	  echo '$(WERROR) $(HARDEN_CFLAGS) $(HARDEN_LDFLAGS)' > $@

# The data directory is compiled in: rebuild what uses it when PREFIX changes.
build/gen/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || echo '$(DATADIR) $(LOCALEDIR)' > $@
build/obj/config.o build/obj/template.o build/asan/config.o build/asan/template.o: build/gen/datadir.stamp
build/obj/main.o build/asan/main.o: build/gen/datadir.stamp

build/locale/%/LC_MESSAGES/exitview.mo: src/po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<

# The template of the catalogues, from every _("...") and N_("...") in src/;
# `make po` rewrites it and merges it into each LANG.po (then translate what
# msgmerge marked new or fuzzy: make check fails until none is left).
# The functions that translate their format (cmd_error, ev_seterr, ...)
# are keywords too: their call sites need no _().  NC_(ctx, s) marks s in
# the context ctx (summary.c).
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
                 --keyword=cmd_error:2 --flag=cmd_error:2:c-format \
                 --keyword=cmd_usage_error:2 --flag=cmd_usage_error:2:c-format \
                 --keyword=ev_seterr:1 --flag=ev_seterr:1:c-format \
                 --keyword=ev_seterr_code:2 --flag=ev_seterr_code:2:c-format \
                 --keyword=bad_query:2 --flag=bad_query:2:c-format \
                 --keyword=ui_msg_set:3 --flag=ui_msg_set:3:c-format \
                 --keyword=set_msg:3 --flag=set_msg:3:c-format \
                 --keyword=session_say:3 --flag=session_say:3:c-format \
                 --package-name=exitview --package-version=$(VERSION) \
                 --msgid-bugs-address=exitview --add-comments=TRANSLATORS: --sort-by-file
# Where the messages are: the sources and the key table (its texts are
# N_() in the header, ui_keys.h).
PO_SOURCES = $(sort $(wildcard src/*.c)) include/exitview/ui_keys.h
po:
	$(Q)xgettext $(XGETTEXT_FLAGS) -o src/po/exitview.pot $(PO_SOURCES)
	$(Q)for l in $(PO_LANGS); do msgmerge -q --update --backup=none --no-fuzzy-matching \
	  src/po/$$l.po src/po/exitview.pot || exit 1; done
	$(Q)for l in $(PO_LANGS); do msgattrib --no-obsolete -o src/po/$$l.po src/po/$$l.po || exit 1; done

# Whether every message of the sources has a translation, none fuzzy
# (tests/cli/i18n.sh runs it; POT is where the fresh template goes).
POT ?= build/exitview.pot
pot-check:
	$(Q)mkdir -p $(dir $(POT))
	$(Q)xgettext $(XGETTEXT_FLAGS) -o $(POT) $(PO_SOURCES)
	$(Q)for l in $(PO_LANGS); do \
	  msgcmp src/po/$$l.po $(POT) || exit 1; \
	  if msgattrib --only-fuzzy src/po/$$l.po | grep -q '^msgid'; then \
	    echo "src/po/$$l.po: fuzzy entries left (make po, then translate them)"; exit 1; fi; \
	  if msgattrib --untranslated src/po/$$l.po | grep -q '^msgid'; then \
	    echo "src/po/$$l.po: untranslated entries left (make po, then translate them)"; exit 1; fi; \
	done
FORCE:

# Sanitizer build: the binary and the unit tests that make check runs.
build/asan/%.o: src/%.c build/gen/flags.stamp | build/gen/builtin_data.c
	@mkdir -p $(@D)
	@echo "  CC[san] $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c -o $@ $<

build/asan/builtin_data.o: build/gen/builtin_data.c build/gen/flags.stamp
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c -o $@ $<

build/asan/exitview: $(ASAN_OBJ) $(MO_FILES)
	@echo "  LD[san] $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -o $@ $(ASAN_OBJ) $(LIBS) $(LDFLAGS)

build/tests/%: tests/unit/%.c tests/unit/unit.h $(ASAN_MODEL_OBJ)
	@mkdir -p $(@D)
	@echo "  CC[san] $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -Itests/unit -o $@ $< $(ASAN_MODEL_OBJ) $(SQLITE_LIBS) $(INIPARSER_LIBS) $(LDFLAGS)

check: WERROR = -Werror
check: exitview build/asan/exitview $(TEST_BIN)
	$(Q)SUITES="$(SUITES)" sh tests/run.sh

# The KEYS section of exitview(1) is rewritten from the screen's key table,
# and TANGENTER of the Swedish page from the same table and src/po/sv.po.
man-keys:
	$(Q)python3 tests/tools/keys_mdoc.py . --update
	$(Q)python3 tests/tools/keys_mdoc.py . --lang sv --update

# Static analysis, not part of make check: cppcheck, the clang static
# analyzer and gcc -fanalyzer over src/*.c with the build's flags; one line
# a tool when all is well, else every finding and a failure (ANALYZE_SRC=
# "src/a.c ..." looks at those files only).
ANALYZE_CFLAGS = -std=c11 $(DEFS) -pthread -Iinclude -Ibuild/gen \
                 $(NCURSES_CFLAGS) $(SQLITE_CFLAGS) $(INIPARSER_CFLAGS)
analyze: build/gen/builtin_data.c
	$(Q)sh tests/tools/analyze.sh $(ANALYZE_CFLAGS)

lint-man:
	$(Q)mandoc -Tlint -Wwarning man/exitview.1 man/exitview.ini.5 man/sv/exitview.1 man/sv/exitview.ini.5

run: exitview
	./exitview

# Install what the build, the tests and make analyze (cppcheck, clang) need
# from Debian's packages; sudo only when not root.
DEPS = build-essential pkg-config libncurses-dev libsqlite3-dev libiniparser-dev \
       sqlite3 tmux mandoc man-db python3 valgrind locales strace \
       cppcheck clang gettext
deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# The Swedish locale the tests of the Swedish screen run under.
	@if ! locale -a 2>/dev/null | grep -qix 'sv_SE.utf8'; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "generating the sv_SE.UTF-8 locale"; \
	  $$SUDO sed -i 's/^# *\(sv_SE.UTF-8 UTF-8\)/\1/' /etc/locale.gen && \
	  { grep -q '^sv_SE.UTF-8 UTF-8' /etc/locale.gen || echo 'sv_SE.UTF-8 UTF-8' | $$SUDO tee -a /etc/locale.gen >/dev/null; } && \
	  $$SUDO locale-gen >/dev/null; \
	fi

install: exitview
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	           $(DESTDIR)$(DATADIR)/templates
	install -m 755 exitview $(DESTDIR)$(BINDIR)/exitview
	install -m 644 man/exitview.1 $(DESTDIR)$(MANDIR)/man1/exitview.1
	install -m 644 man/exitview.ini.5 $(DESTDIR)$(MANDIR)/man5/exitview.ini.5
	install -d $(DESTDIR)$(MANDIR)/sv/man1 $(DESTDIR)$(MANDIR)/sv/man5
	install -m 644 man/sv/exitview.1 $(DESTDIR)$(MANDIR)/sv/man1/exitview.1
	install -m 644 man/sv/exitview.ini.5 $(DESTDIR)$(MANDIR)/sv/man5/exitview.ini.5
	install -m 644 config/config.ini $(DESTDIR)$(DATADIR)/config.ini
	install -m 644 config/templates/*.ini $(DESTDIR)$(DATADIR)/templates/
	for l in $(PO_LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 build/locale/$$l/LC_MESSAGES/exitview.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/exitview.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/exitview $(DESTDIR)$(MANDIR)/man1/exitview.1 \
	      $(DESTDIR)$(MANDIR)/man5/exitview.ini.5 $(DESTDIR)$(DATADIR)/config.ini
	rm -f $(DESTDIR)$(MANDIR)/sv/man1/exitview.1 $(DESTDIR)$(MANDIR)/sv/man5/exitview.ini.5
	rm -f $(patsubst %,$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/exitview.mo,$(PO_LANGS))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(patsubst config/%,%,$(wildcard config/templates/*.ini)))
	-rmdir $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)

clean:
	rm -rf build exitview

.PHONY: all check run bench fuzz deps install uninstall clean lint-man man-keys analyze po pot-check FORCE

-include $(wildcard build/obj/*.d build/asan/*.d build/tests/*.d)

# Benchmark and fuzzing rules live beside their sources.
-include tests/bench/bench.mk
-include tests/fuzz/fuzz.mk
