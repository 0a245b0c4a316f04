#!/bin/sh
# One definition of a process: batch mode's closing notice and `forkwatch
# report` give the same counts, and both match what the traced program is
# known to do (contrib/demo/forkwatch-demo, whose steps its header lists):
# the program itself, a child exiting 3, a child and its grandchild, a
# vfork child and a child killed by SIGTERM: 6 processes; worker-1 and
# worker-2: 2 threads; the program, the grandchild and /bin/echo: 3 execs.
. "${srcdir:-.}/tests/report/lib.sh"

demo=$top_builddir/contrib/demo/forkwatch-demo
[ -x "$demo" ] || fail "no $demo"
need_ptrace
fw --batch --format=jsonl -o "$TMP/demo.jsonl" -- "$demo" >"$TMP/out" \
	2>"$TMP/err" || fail "traced demo: exit $?: $(cat "$TMP/err")"
grep -q "^forkwatch: [0-9]* exited with 0; 6 processes, 2 threads, 3 execs$" \
	"$TMP/err" || fail "closing notice: $(cat "$TMP/err")"
fw report "$TMP/demo.jsonl" >"$TMP/sum" || fail "report exit $?"
expect_line "$TMP/sum" "Processes:  6"
expect_line "$TMP/sum" "Threads:    2"
expect_line "$TMP/sum" "Execs:      3"
# The tree shows the same processes.
fw report --tree --collapse-threads "$TMP/demo.jsonl" >"$TMP/tree"
[ "$(grep -c '^[!* ] *[0-9]' "$TMP/tree")" = 6 ] ||
	fail "tree: $(cat "$TMP/tree")"
