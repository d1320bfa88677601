# palliative: PostgreSQL extension (PGXS)
#
#   make demo     install what is missing, build, start a local cluster, load the sample
#   make test     install what is missing, build, run every test suite
#   make bench    benchmarks in test/bench (ratios against baselines in the same run)
#   make report   HTML and PDF of a gap report: make report AREA=01 [LEVEL=... STANDARD=... OUT=dir]
#
EXTENSION   = palliative
EXTVERSION  = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" palliative.control)
MODULE_big  = palliative

CORE_SRCS   = $(sort $(wildcard src/core/*.c src/core/*/*.c))
CORE_HDRS   = $(wildcard src/core/*.h src/core/*/*.h)
GLUE_SRCS   = $(sort $(wildcard src/*.c))
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)

# the install script is assembled from one fragment per SQL-facing area
INSTALL_FRAGMENTS = $(sort $(wildcard sql/install/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
# upgrade scripts palliative--A--B.sql, and the base scripts of released
# versions kept for the upgrade test (test/security/upgrade.sh)
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

# the command that imports filing lists (installed next to psql)
SCRIPTS     = src/bin/palliative-filings

# pg_regress: every sql/NAME.sql except the install scripts, in name order
REGRESS     = $(sort $(basename $(notdir $(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --encoding=UTF8 --load-extension=postgis --load-extension=$(EXTENSION)
# isolation tests (make installcheck runs them after pg_regress): specs in
# test/isolation/specs/NAME.spec, expected outputs in test/isolation/expected
ISOLATION   = $(sort $(basename $(notdir $(wildcard test/isolation/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=postgis --load-extension=$(EXTENSION)

# PostgreSQL 15 by default (Debian's layout), else whatever pg_config is on PATH
PG_CONFIG  ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
# server headers are not -Wextra clean: include them as system headers
PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/core -isystem $(includedir_server) -isystem $(includedir_internal)
PG_CFLAGS   = -std=gnu99 -Wall -Wextra -Werror
SHLIB_LINK  = -lm

EXTRA_CLEAN = test/unit/build test/fuzz/build results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
# a fresh machine: make test, make demo and make deps install the packages first
all install installcheck:
	@echo "pg_config (PostgreSQL server development files) not found: run 'make deps' first" >&2; exit 1
endif

# PGXS does not track headers: rebuild every object when any header changes
$(OBJS): $(wildcard src/*.h) $(CORE_HDRS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_FRAGMENTS)
	cat $^ > $@

# ---------------------------------------------------------------------------
# C unit tests of src/core (no server), with cmocka
UNIT_CC      ?= cc
UNIT_CFLAGS  ?= -std=c99 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE
UNIT_SRCS    = $(sort $(wildcard test/unit/test_*.c))
UNIT_BUILD  ?= test/unit/build
UNIT_BINS    = $(patsubst test/unit/%.c,$(UNIT_BUILD)/%,$(UNIT_SRCS))

# the core and the tests' shared helpers (test/unit/*.c other than test_*)
# are compiled once per build flavour and linked into every test
UNIT_CORE_OBJS = $(patsubst src/core/%.c,$(UNIT_BUILD)/core/%.o,$(CORE_SRCS))
UNIT_HELP_SRCS = $(filter-out $(UNIT_SRCS),$(wildcard test/unit/*.c))
UNIT_HELP_OBJS = $(patsubst test/unit/%.c,$(UNIT_BUILD)/help/%.o,$(UNIT_HELP_SRCS))

$(UNIT_BUILD)/core/%.o: src/core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -Isrc -Isrc/core -c -o $@ $<

$(UNIT_BUILD)/help/%.o: test/unit/%.c $(CORE_HDRS) $(wildcard test/unit/*.h)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -Isrc -Isrc/core -c -o $@ $<

$(UNIT_BUILD)/%: test/unit/%.c $(UNIT_CORE_OBJS) $(UNIT_HELP_OBJS) $(CORE_HDRS) $(wildcard test/unit/*.h)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -Isrc -Isrc/core -o $@ $< $(UNIT_HELP_OBJS) $(UNIT_CORE_OBJS) -lcmocka -lm

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $(UNIT_RUNNER) $$t; done

# the unit tests under AddressSanitizer + UndefinedBehaviorSanitizer, and under valgrind
unit-sanitize:
	$(MAKE) unit UNIT_CC=clang UNIT_BUILD=test/unit/build-san \
	  UNIT_SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
unit-valgrind:
	$(MAKE) unit UNIT_RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"

# libFuzzer targets (test/fuzz/fuzz_*.c) over the core parsers; FUZZ_SECONDS each
FUZZ_SECONDS ?= 10
FUZZ_SRCS    = $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BINS    = $(patsubst test/fuzz/%.c,test/fuzz/build/%,$(FUZZ_SRCS))

FUZZ_FLAGS   = -g -O1 -std=c99 -D_GNU_SOURCE -fno-sanitize-recover=all -Isrc -Isrc/core
FUZZ_CORE_OBJS = $(patsubst src/core/%.c,test/fuzz/build/core/%.o,$(CORE_SRCS))

test/fuzz/build/core/%.o: src/core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

test/fuzz/build/%: test/fuzz/%.c $(FUZZ_CORE_OBJS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_CORE_OBJS) -lm

fuzz-run: $(FUZZ_BINS)
	@set -e; for f in $(FUZZ_BINS); do \
	  name=$$(basename $$f | sed 's/^fuzz_//'); corpus=test/fuzz/corpus/$$name; mkdir -p $$corpus; \
	  work=$$(mktemp -d); cp -r $$corpus/. $$work/; \
	  echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 -artifact_prefix=test/fuzz/build/$$name- $$work 2>&1 \
	    | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' || true; \
	  test -z "$$(ls test/fuzz/build/$$name-* 2>/dev/null)" || { echo "crash found: test/fuzz/build/$$name-*"; exit 1; }; \
	  rm -rf $$work; \
	done

fuzz:
	test/scripts/deps.sh clang libclang-rt-14-dev valgrind sqlsmith
	$(MAKE) fuzz-run FUZZ_SECONDS=$(or $(FUZZ_LONG),300)
	$(MAKE) -s all && $(if $(filter 0,$(shell id -u)),,sudo) $(MAKE) -s install
	SQLSMITH_SECONDS=$(or $(SMITH_LONG),900) SQLSMITH_JOBS=2 pg_virtualenv -t -v 15 test/security/sqlsmith.sh

.PHONY: unit unit-sanitize unit-valgrind fuzz fuzz-run test demo bench report docs deps

deps:
	test/scripts/deps.sh

test:
	test/scripts/test.sh

demo:
	test/scripts/demo.sh

bench:
	test/scripts/bench.sh

# the gap report of an area (AREA: a prefecture or secondary medical region
# code; the whole country without it) as HTML and PDF, from the demo cluster
# or the server the PG* variables name
report:
	test/scripts/report.sh $(if $(AREA),--area $(AREA)) $(if $(LEVEL),--level $(LEVEL)) \
	  $(if $(STANDARD),--standard $(STANDARD)) $(if $(OUT),--out $(OUT))

# regenerate the SQL reference in README.md from the doc comments
docs:
	perl test/scripts/sql2doc.pl --update README.md $(INSTALL_FRAGMENTS)
