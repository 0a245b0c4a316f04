# tests.mk - the test suite (included by ../Makefile.am).
#
# Integration tests (tests/*.test, shell) trace the small programs under
# tests/progs with forkwatch and check the exact events of the JSONL log
# with tests/lib/fwcheck.py; unit tests (tests/unit) link libforkwatch.a.
# A test exits 0 (pass), 1 (fail) or 77 (skip). Environment knobs:
#   FORKWATCH=PATH     the binary to test (default: ./forkwatch)
#   FW_WRAPPER="CMD"   run forkwatch under CMD (e.g. valgrind)
#   FW_KEEP=1          keep each test's temporary directory

TEST_EXTENSIONS = .test
TEST_LOG_COMPILER = bash

# --- traced test programs -------------------------------------------------
FWTEST_PROGS = \
	tests/progs/attach-target \
	tests/progs/chain \
	tests/progs/clone-flags \
	tests/progs/clone-proc \
	tests/progs/fds \
	tests/progs/fork-tree \
	tests/progs/forkers \
	tests/progs/fwprog \
	tests/progs/iouring \
	tests/progs/jobctl \
	tests/progs/kill-child \
	tests/progs/leader-exit \
	tests/progs/nsinit \
	tests/progs/orphan \
	tests/progs/ptrace-probe \
	tests/progs/reparent \
	tests/progs/signals \
	tests/progs/subtree \
	tests/progs/thread-exec \
	tests/progs/threads \
	tests/progs/traceme \
	tests/progs/vfork
check_PROGRAMS += $(FWTEST_PROGS)

# The programs use no part of forkwatch. FW_TRACEE_CFLAGS/LINKFLAGS (from
# Makefile.am) give warnings and -pthread but never sanitizers.
tests_progs_attach_target_SOURCES = tests/progs/attach-target.c tests/progs/tprog.h
tests_progs_attach_target_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_attach_target_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_chain_SOURCES = tests/progs/chain.c tests/progs/tprog.h
tests_progs_chain_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_chain_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_clone_flags_SOURCES = tests/progs/clone-flags.c tests/progs/tprog.h
tests_progs_clone_flags_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_clone_flags_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_clone_proc_SOURCES = tests/progs/clone-proc.c tests/progs/tprog.h
tests_progs_clone_proc_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_clone_proc_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_fds_SOURCES = tests/progs/fds.c tests/progs/tprog.h
tests_progs_fds_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_fds_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_fork_tree_SOURCES = tests/progs/fork-tree.c tests/progs/tprog.h
tests_progs_fork_tree_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_fork_tree_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_forkers_SOURCES = tests/progs/forkers.c tests/progs/tprog.h
tests_progs_forkers_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_forkers_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_fwprog_SOURCES = tests/progs/fwprog.c tests/progs/tprog.h
tests_progs_fwprog_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_fwprog_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_jobctl_SOURCES = tests/progs/jobctl.c tests/progs/tprog.h
tests_progs_jobctl_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_jobctl_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_kill_child_SOURCES = tests/progs/kill-child.c tests/progs/tprog.h
tests_progs_kill_child_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_kill_child_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_leader_exit_SOURCES = tests/progs/leader-exit.c tests/progs/tprog.h
tests_progs_leader_exit_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_leader_exit_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_nsinit_SOURCES = tests/progs/nsinit.c tests/progs/tprog.h
tests_progs_nsinit_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_nsinit_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_orphan_SOURCES = tests/progs/orphan.c tests/progs/tprog.h
tests_progs_orphan_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_orphan_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_ptrace_probe_SOURCES = tests/progs/ptrace-probe.c tests/progs/tprog.h
tests_progs_ptrace_probe_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_ptrace_probe_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_iouring_SOURCES = tests/progs/iouring.c tests/progs/tprog.h
tests_progs_iouring_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_iouring_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_reparent_SOURCES = tests/progs/reparent.c tests/progs/tprog.h
tests_progs_reparent_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_reparent_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_signals_SOURCES = tests/progs/signals.c tests/progs/tprog.h
tests_progs_signals_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_signals_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_subtree_SOURCES = tests/progs/subtree.c tests/progs/tprog.h
tests_progs_subtree_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_subtree_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_thread_exec_SOURCES = tests/progs/thread-exec.c tests/progs/tprog.h
tests_progs_thread_exec_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_thread_exec_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_threads_SOURCES = tests/progs/threads.c tests/progs/tprog.h
tests_progs_threads_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_threads_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_traceme_SOURCES = tests/progs/traceme.c tests/progs/tprog.h
tests_progs_traceme_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_traceme_LDFLAGS = $(FW_TRACEE_LINKFLAGS)
tests_progs_vfork_SOURCES = tests/progs/vfork.c tests/progs/tprog.h
tests_progs_vfork_CFLAGS = $(FW_TRACEE_CFLAGS)
tests_progs_vfork_LDFLAGS = $(FW_TRACEE_LINKFLAGS)

# --- unit tests -------------------------------------------------------------
FWTEST_UNITS = \
	tests/unit/test-event \
	tests/unit/test-escape \
	tests/unit/test-flags \
	tests/unit/test-procfs \
	tests/unit/test-task \
	tests/unit/test-tlog-strings \
	tests/unit/test-prog-plain
check_PROGRAMS += $(FWTEST_UNITS)

FWTEST_UNIT_INC = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
FWTEST_UNIT_LIBS = libforkwatch.a $(FW_DEP_LIBS)
tests_unit_test_escape_SOURCES = tests/unit/test-escape.c tests/unit/tap.h
tests_unit_test_escape_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_escape_LDADD = $(FWTEST_UNIT_LIBS)
tests_unit_test_tlog_strings_SOURCES = tests/unit/test-tlog-strings.c \
	tests/unit/tap.h
tests_unit_test_tlog_strings_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_tlog_strings_LDADD = $(FWTEST_UNIT_LIBS)
tests_unit_test_event_SOURCES = tests/unit/test-event.c tests/unit/tap.h
tests_unit_test_event_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_event_LDADD = $(FWTEST_UNIT_LIBS)
# The plain program pane (the TUI's, --without-libvterm) in every build,
# drawn into a grid instead of curses.
tests_unit_test_prog_plain_SOURCES = tests/unit/test-prog-plain.c \
	src/tui-program-plain.c src/tui-prog-find.c src/tui-prog-pty.c \
	tests/unit/tap.h
tests_unit_test_prog_plain_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_prog_plain_LDADD = $(FWTEST_UNIT_LIBS)
tests_unit_test_flags_SOURCES = tests/unit/test-flags.c tests/unit/tap.h
tests_unit_test_flags_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_flags_LDADD = $(FWTEST_UNIT_LIBS)
tests_unit_test_procfs_SOURCES = tests/unit/test-procfs.c tests/unit/tap.h
tests_unit_test_procfs_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_procfs_LDADD = $(FWTEST_UNIT_LIBS)
tests_unit_test_task_SOURCES = tests/unit/test-task.c tests/unit/tap.h
tests_unit_test_task_CPPFLAGS = $(FWTEST_UNIT_INC)
tests_unit_test_task_LDADD = $(FWTEST_UNIT_LIBS)

# --- the tests, quickest first ------------------------------------------------
FWTEST_CASES = \
	tests/event-table.test \
	tests/fwcheck-self.test \
	tests/fork-tree.test \
	tests/fds.test \
	tests/vfork.test \
	tests/threads.test \
	tests/clone.test \
	tests/clone-flags.test \
	tests/thread-exec.test \
	tests/leader-exit.test \
	tests/signals.test \
	tests/jobctl.test \
	tests/traceme.test \
	tests/orphan.test \
	tests/reparent.test \
	tests/iouring.test \
	tests/exit-status.test \
	tests/transparency.test \
	tests/hostile-argv.test \
	tests/kill-child.test \
	tests/launch-signals.test \
	tests/log-flush.test \
	tests/log-output.test \
	tests/log-error.test \
	tests/skip-honest.test \
	tests/attach.test \
	tests/subtree.test \
	tests/depth.test \
	tests/nspid.test \
	tests/attach-ignored.test \
	tests/first-stop-race.test \
	tests/thread-storm.test \
	tests/big-tree.test \
	tests/strace-diff.test \
	tests/lean-exit.test \
	tests/bpf-lifecycle.test \
	tests/bpf-filter.test \
	tests/bpf-kthread.test \
	tests/bpf-lost.test \
	tests/bpf-watch.test \
	tests/bpf-engine.test \
	tests/bpf-diff.test

TESTS += $(FWTEST_UNITS) $(FWTEST_CASES)

EXTRA_DIST += $(FWTEST_CASES) tests/lib/common.sh tests/lib/fwcheck.py \
	tests/lib/strace_tree.py tests/README.md
