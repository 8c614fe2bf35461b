# tests/bench/bench.mk — `make bench` (issue 6): builds the benchmark's
# programs into build/bench/ and runs tests/bench/run.sh, which prints one
# table of figures beside their targets.  Not part of `make check`; takes a
# few minutes the first time (the 10,000-interview database is generated
# once and kept in build/bench/, keyed by a hash of the generator sources).

BENCH_DIR  = build/bench
BENCH_PROGS = $(BENCH_DIR)/ptybench $(BENCH_DIR)/gen_db $(BENCH_DIR)/benchtool $(BENCH_DIR)/searchbench
BENCH_CFLAGS = $(filter-out -MMD -MP,$(ALL_CFLAGS)) -Itests/bench

$(BENCH_DIR)/ptybench: tests/bench/ptybench.c tests/bench/benchutil.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ $< -lutil $(LDFLAGS)

$(BENCH_DIR)/gen_db: tests/bench/gen_db.c tests/bench/prose.c tests/bench/prose.h $(MODEL_OBJ)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/gen_db.c tests/bench/prose.c $(MODEL_OBJ) \
		$(SQLITE_LIBS) $(INIPARSER_LIBS) $(LDFLAGS)

$(BENCH_DIR)/benchtool: tests/bench/benchtool.c tests/bench/benchutil.h tests/bench/prose.c tests/bench/prose.h $(MODEL_OBJ)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/benchtool.c tests/bench/prose.c $(MODEL_OBJ) \
		$(SQLITE_LIBS) $(INIPARSER_LIBS) $(LDFLAGS)

# search, the start screen's filter and a 1 MB note's saves (issues 14, 15)
$(BENCH_DIR)/searchbench: tests/bench/searchbench.c tests/bench/benchutil.h tests/bench/prose.c tests/bench/prose.h $(MODEL_OBJ)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/searchbench.c tests/bench/prose.c $(MODEL_OBJ) \
		$(SQLITE_LIBS) $(INIPARSER_LIBS) $(LDFLAGS)

bench: exitview $(BENCH_PROGS)
	$(Q)sh tests/bench/run.sh
