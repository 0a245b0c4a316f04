# bt.mk - the backtrace module (unwinder backend, ELF symbols, /proc/PID/maps)
# and its tests. Included from Makefile.am.

libforkwatch_a_SOURCES += \
	src/backtrace.h src/backtrace-int.h src/backtrace.c \
	src/elfsym.c src/elfsym.h \
	src/maps.c src/maps.h \
	src/srcline.h src/demangle.h
if FW_BT_LIBUNWIND
libforkwatch_a_SOURCES += src/backtrace-libunwind.c
else
libforkwatch_a_SOURCES += src/backtrace-none.c
endif
# Source lines (libdw) and demangling (libiberty) are optional: each has a
# -none backend (automake distributes both branches).
if FW_SRCLINE_LIBDW
libforkwatch_a_SOURCES += src/srcline-libdw.c
else
libforkwatch_a_SOURCES += src/srcline-none.c
endif
if FW_DEMANGLE_LIBIBERTY
libforkwatch_a_SOURCES += src/demangle-libiberty.c
else
libforkwatch_a_SOURCES += src/demangle-none.c
endif

# The tracee with known call chains, as PIE and as a fixed-address
# executable. Its own flags (not AM_CFLAGS: no sanitizer frames in the
# chains); the source keeps the chains at any -O a user's CFLAGS add.
BT_TARGET_CFLAGS = -O0 -g -fno-omit-frame-pointer -fno-inline -pthread

check_PROGRAMS += \
	tests/bt/bt-driver tests/bt/bt-unit tests/bt/bt-unit-none \
	tests/bt/bt-target-pie tests/bt/bt-target-nopie

tests_bt_bt_driver_SOURCES = tests/bt/bt-driver.c
tests_bt_bt_driver_LDADD = libforkwatch.a $(FW_DEP_LIBS)
tests_bt_bt_unit_SOURCES = tests/bt/bt-unit.c
tests_bt_bt_unit_LDADD = libforkwatch.a $(FW_DEP_LIBS)
# The unit tests again with the no-unwinder backend in place of the
# configured one (the archive's bt_capture is then never pulled in).
tests_bt_bt_unit_none_SOURCES = tests/bt/bt-unit.c src/backtrace-none.c
tests_bt_bt_unit_none_LDADD = libforkwatch.a $(FW_DEP_LIBS)

tests_bt_bt_target_pie_SOURCES = tests/bt/bt-target.c
tests_bt_bt_target_pie_CFLAGS = $(BT_TARGET_CFLAGS) -fPIE
tests_bt_bt_target_pie_LDFLAGS = -pie -pthread
tests_bt_bt_target_nopie_SOURCES = tests/bt/bt-target.c
tests_bt_bt_target_nopie_CFLAGS = $(BT_TARGET_CFLAGS) -fno-pie
tests_bt_bt_target_nopie_LDFLAGS = -no-pie -pthread

BT_TESTS = \
	tests/bt/bt-fork-pie.sh tests/bt/bt-fork-nopie.sh \
	tests/bt/bt-exit.sh tests/bt/bt-stripped.sh tests/bt/bt-signal.sh \
	tests/bt/bt-thread.sh tests/bt/bt-cache.sh tests/bt/bt-valgrind.sh
TESTS += tests/bt/bt-unit tests/bt/bt-unit-none $(BT_TESTS)
EXTRA_DIST += tests/bt/bt-lib.sh $(BT_TESTS)
