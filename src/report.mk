# `forkwatch report`: the trace-log reader, the process model, the reports
# and exports built on it, their tests and the libFuzzer target.
# Included by the top-level Makefile.am (non-recursive, subdir-objects).

libforkwatch_a_SOURCES += \
	src/tlog-read.c src/tlog-read.h \
	src/report.c src/report.h \
	src/report-follow.c src/report-follow.h \
	src/report-model.c src/report-model.h \
	src/report-pidmap.c src/report-pidmap.h \
	src/report-strmap.c src/report-strmap.h \
	src/report-json.c src/report-json.h \
	src/report-text.c src/report-text.h \
	src/report-summary.c src/report-summary.h \
	src/report-tree.c src/report-tree.h \
	src/report-critical.c src/report-critical.h \
	src/report-perfetto.c src/report-perfetto.h \
	src/report-svg.c src/report-svg.h \
	src/report-ccdb.c src/report-ccdb.h \
	src/report-slowest.c src/report-slowest.h \
	src/report-profile.c src/report-profile.h \
	src/report-otlp.c src/report-otlp.h \
	src/report-diff.c src/report-diff.h

# Runs logs and mutations of them through the reader and every view.
check_PROGRAMS += tests/report/tlog-read-driver
tests_report_tlog_read_driver_SOURCES = tests/report/tlog-read-driver.c \
	tests/report/exercise.c tests/report/exercise.h
tests_report_tlog_read_driver_CFLAGS = $(AM_CFLAGS) $(FW_DEP_CFLAGS)
tests_report_tlog_read_driver_LDADD = libforkwatch.a $(FW_DEP_LIBS)

# A process chain with a known critical path, for a real trace.
check_PROGRAMS += tests/report/chain
tests_report_chain_SOURCES = tests/report/chain.c
tests_report_chain_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_report_chain_LDFLAGS = $(FW_TRACEE_LINKFLAGS)

REPORT_TESTS = \
	tests/report/summary.sh \
	tests/report/tree.sh \
	tests/report/kernel.sh \
	tests/report/trace-reparent.sh \
	tests/report/critical.sh \
	tests/report/perfetto.sh \
	tests/report/svg.sh \
	tests/report/ccdb.sh \
	tests/report/model.sh \
	tests/report/escape.sh \
	tests/report/damaged.sh \
	tests/report/errors.sh \
	tests/report/scale.sh \
	tests/report/fuzz.sh \
	tests/report/trace-build.sh \
	tests/report/trace-critical.sh \
	tests/report/selfcheck.sh \
	tests/report/counts.sh \
	tests/report/width.sh \
	tests/report/otlp.sh \
	tests/report/diff.sh \
	tests/report/doc.sh \
	tests/report/labels.sh \
	tests/report/slowest.sh

TESTS += $(REPORT_TESTS)
EXTRA_DIST += $(REPORT_TESTS) \
	tests/report/lib.sh \
	tests/report/check.py \
	tests/report/fixtures \
	tests/report/fuzz-corpus \
	tests/report/build \
	contrib/fuzz/fuzz-tlog-read.c

# libFuzzer target (not part of `make check`): `make fuzz`, then e.g.
#   ./fuzz-tlog-read -max_total_time=300 $(srcdir)/tests/report/fuzz-corpus
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined
FUZZ_SRCS = \
	$(top_srcdir)/contrib/fuzz/fuzz-tlog-read.c \
	$(top_srcdir)/tests/report/exercise.c \
	$(top_srcdir)/src/tlog-read.c \
	$(top_srcdir)/src/report-model.c \
	$(top_srcdir)/src/report-pidmap.c \
	$(top_srcdir)/src/report-strmap.c \
	$(top_srcdir)/src/report-json.c \
	$(top_srcdir)/src/report-text.c \
	$(top_srcdir)/src/report-summary.c \
	$(top_srcdir)/src/report-tree.c \
	$(top_srcdir)/src/report-critical.c \
	$(top_srcdir)/src/report-perfetto.c \
	$(top_srcdir)/src/report-svg.c \
	$(top_srcdir)/src/report-ccdb.c \
	$(top_srcdir)/src/report-slowest.c \
	$(top_srcdir)/src/report-profile.c \
	$(top_srcdir)/src/report-otlp.c \
	$(top_srcdir)/src/report-diff.c \
	$(top_srcdir)/src/runcount.c \
	$(top_srcdir)/src/event.c \
	$(top_srcdir)/src/flags.c \
	$(top_srcdir)/src/util.c \
	$(top_srcdir)/src/escape.c

fuzz-tlog-read$(EXEEXT): $(FUZZ_SRCS) config.h
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_FLAGS) -DHAVE_CONFIG_H \
	    -I$(top_builddir) -I$(top_srcdir)/src \
	    -I$(top_srcdir)/tests/report $(JANSSON_CFLAGS) \
	    -o $@ $(FUZZ_SRCS) $(JANSSON_LIBS)

fuzz: fuzz-tlog-read$(EXEEXT)
.PHONY: fuzz
CLEANFILES += fuzz-tlog-read$(EXEEXT)
