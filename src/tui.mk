# tui.mk - the curses front end (src/tui*.c: forkwatch --tui, --replay)
# and its tests, which drive the real TUI in tmux. Included from src/ui.mk.

# configure --disable-tui leaves it out (config.h: FW_HAVE_TUI, which
# forkwatch.c checks for --tui and --replay); --without-libvterm builds the
# program pane as plain text (tui-program-plain.c) instead of a terminal
# emulator (tui-program.c). The tests skip when configure left the TUI out.
if FW_TUI
libforkwatch_a_SOURCES += \
	src/tui.h src/tui-int.h src/tui-curses.h \
	src/tui.c src/tui-layout.c src/tui-keys.c src/tui-prompt.c \
	src/tui-status.c src/tui-tree.c src/tui-details.c src/tui-events.c \
	src/tui-live.c src/tui-live-int.h src/tui-live-events.c \
	src/tui-replay.c src/tui-replay-int.h src/tui-replay-load.c \
	src/tui-replay-view.c src/tui-replay-log.c \
	src/tui-state.c src/tui-term.c src/tui-draw.c src/tui-prog-find.c \
	src/tui-prog-pty.c
if FW_TUI_LIBVTERM
libforkwatch_a_SOURCES += src/tui-program.c
else
libforkwatch_a_SOURCES += src/tui-program-plain.c
endif

# The parts that need no terminal; --man prints the man page's key lists
# from the key tables.
check_PROGRAMS += tests/tui/tui-unit
tests_tui_tui_unit_SOURCES = tests/tui/tui-unit.c
tests_tui_tui_unit_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_tui_tui_unit_LDADD = libforkwatch.a $(FW_DEP_LIBS)
TESTS += tests/tui/tui-unit
endif

# The tests drive the real TUI in tmux (skipped without tmux); they trace
# tests/progs programs built by tests/tests.mk. tests/tui/bench.sh measures
# the TUI against batch mode (not part of make check).
TUI_TESTS = \
	tests/tui/layers.test \
	tests/tui/doc.test \
	tests/tui/tree.test \
	tests/tui/details.test \
	tests/tui/bt-lines.test \
	tests/tui/program.test \
	tests/tui/pause.test \
	tests/tui/command.test \
	tests/tui/screen.test \
	tests/tui/quit.test \
	tests/tui/signal-status.test \
	tests/tui/gdb-key.test \
	tests/tui/replay.test \
	tests/tui/replay-hostile.test \
	tests/tui/replay-scale.test \
	tests/tui/replay-keys.test \
	tests/tui/replay-follow.test \
	tests/tui/keys.test \
	tests/tui/events.test \
	tests/tui/failures.test \
	tests/tui/scrollback.test \
	tests/tui/small-fixes.test \
	tests/tui/complete.test \
	tests/tui/reparent.test \
	tests/tui/kthread.test \
	tests/tui/nspid.test \
	tests/tui/log-output.test
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/tui-lib.sh tests/tui/bench.sh \
	tests/tui/mklog.awk

# Rewrite the key lists of doc/man-tui.roff from the key tables.
update-tui-doc: tests/tui/tui-unit$(EXEEXT)
	{ sed '/^\.\\" BEGIN KEYS/q' $(srcdir)/doc/man-tui.roff && \
	  tests/tui/tui-unit$(EXEEXT) --man && \
	  sed -n '/^\.\\" END KEYS/,/^\.\\" BEGIN REPLAY KEYS/p' \
	    $(srcdir)/doc/man-tui.roff && \
	  tests/tui/tui-unit$(EXEEXT) --man-replay && \
	  sed -n '/^\.\\" END REPLAY KEYS/,$$p' $(srcdir)/doc/man-tui.roff; \
	} >doc/man-tui.roff.new && \
	mv doc/man-tui.roff.new $(srcdir)/doc/man-tui.roff
.PHONY: update-tui-doc
