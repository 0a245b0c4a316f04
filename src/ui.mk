# The interactive side: the session and command layer shared by the
# console and the TUI, and the backtrace module. Each front end has its
# own fragment.
libforkwatch_a_SOURCES += \
	src/session.c src/session.h src/session-bp.c src/session-sig.c \
	src/cmd.h

include src/bt.mk
include src/console.mk
include src/tui.mk
