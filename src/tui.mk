# tui.mk - the curses front end (src/tui*.c: forkwatch --tui, --replay)
# and its tests, which drive the real TUI in tmux. Included from src/ui.mk.

# forkwatch.c offers --tui and --replay when the TUI is built in.
AM_CPPFLAGS += -DFW_HAVE_TUI

libforkwatch_a_SOURCES += \
	src/tui.h src/tui-int.h src/tui-curses.h \
	src/tui.c src/tui-term.c src/tui-draw.c src/tui-keys.c \
	src/tui-tree.c src/tui-details.c src/tui-events.c \
	src/tui-program.c src/tui-replay.c

# The tests drive the real TUI in tmux (skipped without tmux); they trace
# tests/progs programs built by tests/tests.mk. tests/tui/bench.sh measures
# the TUI against batch mode (not part of make check).
TUI_TESTS = \
	tests/tui/tree.test \
	tests/tui/details.test \
	tests/tui/program.test \
	tests/tui/pause.test \
	tests/tui/command.test \
	tests/tui/screen.test \
	tests/tui/quit.test \
	tests/tui/signal-status.test \
	tests/tui/replay.test \
	tests/tui/replay-hostile.test \
	tests/tui/log-output.test
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/tui-lib.sh tests/tui/bench.sh
