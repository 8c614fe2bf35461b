# tests/fuzz/fuzz.mk — libFuzzer targets; included by the top Makefile.
#
#   make fuzz                  run each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=textbuf
#
# The targets (tests/fuzz/fuzz_*.c) and the model objects are built with
# clang -fsanitize=fuzzer,address,undefined into build/fuzz/.  Seeds are in
# tests/fuzz/corpus/TARGET/; what the fuzzer finds is kept in
# build/fuzz/corpus/TARGET/, crashes in build/fuzz/crashes/TARGET/.  A
# crash, once fixed, is copied to tests/fuzz/regress/TARGET/, which
# tests/unit/test_fuzz_regress.c replays in make check.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= template textbuf report
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -g -O1 -Wall -Wextra -Wno-unused-parameter $(DEFS) -Iinclude \
                -Ibuild/gen $(SQLITE_CFLAGS) $(INIPARSER_CFLAGS) $(FUZZ_SAN)
FUZZ_OBJ      = $(patsubst src/%.c,build/fuzz/obj/%.o,$(MODEL_SRC)) build/fuzz/obj/builtin_data.o
FUZZ_BIN      = $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

# Without clang, say so in one line (make itself then exits with status 2).
ifneq ($(filter fuzz fuzz-build build/fuzz/%,$(MAKECMDGOALS)),)
ifeq ($(shell command -v $(FUZZ_CC) 2>/dev/null),)
$(error make fuzz: $(FUZZ_CC) not found: install clang and libclang-rt-dev (libFuzzer))
endif
endif

fuzz:
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

build/fuzz/obj/%.o: src/%.c | build/gen/builtin_data.c
	@mkdir -p $(@D)
	@echo "  CC[fuz] $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/obj/builtin_data.o: build/gen/builtin_data.c
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	@echo "  LD[fuz] $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) \
	  $(SQLITE_LIBS) $(INIPARSER_LIBS) $(LDFLAGS)

.PHONY: fuzz-build
# pattern-built objects are not intermediate files to delete after the link
.SECONDARY: $(FUZZ_OBJ)

-include $(wildcard build/fuzz/obj/*.d)
