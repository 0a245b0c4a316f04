# console.mk - the command layer (cmd*.c), what it shows of tasks
# (inspect.c, also used by the TUI), the readline console (console.c) and
# their tests (tests/console). Included from src/ui.mk.

libforkwatch_a_SOURCES += \
	src/cmd.c src/cmd-int.h src/cmd-script.c src/cmd-complete.c \
	src/cmd-run.c src/cmd-break.c src/cmd-inspect.c src/cmd-task.c \
	src/cmd-misc.c \
	src/inspect.c src/inspect-bt.c src/inspect-exec.c src/inspect.h \
	src/shquote.c src/shquote.h \
	src/console.c src/console.h

# --- tests --------------------------------------------------------------
# Traced programs with known event orders (no sanitizers: they are
# tracees). fwt-bt keeps its call chains at any -O (noinline, no tail
# calls); -O0 -g -fno-omit-frame-pointer as a user's CFLAGS allow.
CONSOLE_PROGS = \
	tests/console/fwt-tree tests/console/fwt-conds tests/console/fwt-hold \
	tests/console/fwt-spin tests/console/fwt-sigs tests/console/fwt-wait \
	tests/console/fwt-bt tests/console/fwt-burst tests/console/fwt-mangled \
	tests/console/fwt-exec tests/console/fwt-caps \
	tests/console/fwt-handoff
check_PROGRAMS += $(CONSOLE_PROGS) tests/console/cmd-unit

tests_console_fwt_tree_SOURCES = tests/console/fwt-tree.c tests/console/fwt.h
tests_console_fwt_tree_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_tree_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_conds_SOURCES = tests/console/fwt-conds.c tests/console/fwt.h
tests_console_fwt_conds_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_conds_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_hold_SOURCES = tests/console/fwt-hold.c tests/console/fwt.h
tests_console_fwt_hold_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_hold_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_spin_SOURCES = tests/console/fwt-spin.c tests/console/fwt.h
tests_console_fwt_spin_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_spin_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_sigs_SOURCES = tests/console/fwt-sigs.c tests/console/fwt.h
tests_console_fwt_sigs_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_sigs_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_wait_SOURCES = tests/console/fwt-wait.c tests/console/fwt.h
tests_console_fwt_wait_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_wait_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_handoff_SOURCES = tests/console/fwt-handoff.c tests/console/fwt.h
tests_console_fwt_handoff_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_handoff_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_burst_SOURCES = tests/console/fwt-burst.c tests/console/fwt.h
tests_console_fwt_burst_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_burst_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_bt_SOURCES = tests/console/fwt-bt.c tests/console/fwt.h
tests_console_fwt_bt_CFLAGS = -O0 -g -fno-omit-frame-pointer -fno-inline \
	$(FW_TRACEE_CFLAGS)
tests_console_fwt_bt_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_mangled_SOURCES = tests/console/fwt-mangled.c \
	tests/console/fwt.h
tests_console_fwt_mangled_CFLAGS = -O0 -g -fno-omit-frame-pointer \
	-fno-inline $(FW_TRACEE_CFLAGS)
tests_console_fwt_mangled_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_exec_SOURCES = tests/console/fwt-exec.c tests/console/fwt.h
tests_console_fwt_exec_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_exec_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_console_fwt_caps_SOURCES = tests/console/fwt-caps.c tests/console/fwt.h
tests_console_fwt_caps_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_console_fwt_caps_LDFLAGS = $(FW_TRACEE_LINKFLAGS)

# The command layer without a tree; --man prints the man page's command
# list from the table.
tests_console_cmd_unit_SOURCES = tests/console/cmd-unit.c
tests_console_cmd_unit_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_console_cmd_unit_LDADD = libforkwatch.a $(FW_DEP_LIBS)

CONSOLE_TESTS = \
	tests/console/doc.test \
	tests/console/errors.test \
	tests/console/step-tree.test \
	tests/console/run.test \
	tests/console/conds.test \
	tests/console/bp-gdb.test \
	tests/console/commands.test \
	tests/console/hold.test \
	tests/console/task-cmds.test \
	tests/console/stop-mode.test \
	tests/console/burst.test \
	tests/console/info.test \
	tests/console/info-caps.test \
	tests/console/bt.test \
	tests/console/bt-lines.test \
	tests/console/info-exec.test \
	tests/console/attach.test \
	tests/console/tree-parent.test \
	tests/console/gdb.test \
	tests/console/confirm-intr.test \
	tests/console/small-cmds.test \
	tests/console/intr-handoff.test \
	tests/console/gdb-handoff.test \
	tests/console/valgrind.test
TESTS += tests/console/cmd-unit $(CONSOLE_TESTS)
EXTRA_DIST += $(CONSOLE_TESTS) tests/console/lib.sh tests/console/tty-lib.sh \
	tests/console/step-tree.exp tests/console/conds.exp \
	tests/console/conds-pid.exp tests/console/commands.exp \
	tests/console/commands-batch.exp tests/console/hold.exp \
	tests/console/errors.exp tests/console/task-cmds.exp \
	contrib/scripts/README contrib/scripts/bt-on-signal.fw \
	contrib/scripts/compilers.fw contrib/scripts/failures.fw \
	contrib/scripts/final-tree.fw

# Rewrite the command list of doc/man-console.roff from the table.
update-console-doc: tests/console/cmd-unit$(EXEEXT)
	{ sed '/^\.\\" BEGIN COMMANDS/q' $(srcdir)/doc/man-console.roff && \
	  tests/console/cmd-unit$(EXEEXT) --man && \
	  sed -n '/^\.\\" END COMMANDS/,$$p' $(srcdir)/doc/man-console.roff; \
	} >doc/man-console.roff.new && \
	mv doc/man-console.roff.new $(srcdir)/doc/man-console.roff
.PHONY: update-console-doc
