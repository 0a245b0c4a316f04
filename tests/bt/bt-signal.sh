#!/bin/sh
# Backtraces at a signal-delivery stop (SIGUSR1 sent to itself in
# level_two), and through a signal frame: the handler forks, and the fork
# event stop's stack holds handler, trampoline, then the interrupted chain.
. "$srcdir/tests/bt/bt-lib.sh"

for t in pie nopie; do
	run_driver -e signal -- "$BT_BIN/bt-target-$t" signal
	expect_libc_frame0
	expect_order kill level_two level_one main
done

run_driver -e fork -- "$BT_BIN/bt-target-pie" handler
expect_libc_frame0
expect_order fork_and_reap handler_work on_usr1
n=$(grep -c '<signal handler called>$' "$OUT")
[ "$n" -eq 1 ] || fail "$n signal frames, not 1"
# The trampoline is the frame right below the handler, and it is not the
# interrupted function (kill).
sig=$(sed -n 's/^#\([0-9]*\) .*<signal handler called>$/\1/p' "$OUT")
[ "$sig" -eq $(($(frame_of on_usr1) + 1)) ] ||
    fail "signal frame #$sig is not right below the handler"
grep -Eq ' in kill(\+0x[0-9a-f]* | \(\) at ).*<signal handler called>$' "$OUT" &&
    fail "the interrupted frame is marked as the signal frame"
[ "$sig" -lt "$(frame_of level_two)" ] || fail "signal frame below level_two"
expect_order on_usr1 level_two level_one main
exit 0
