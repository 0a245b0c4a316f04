#!/bin/sh
# The backtrace of a non-leader thread (its own stack, /proc/TID/maps).
. "$srcdir/tests/bt/bt-lib.sh"

run_driver -e fork -- "$BT_BIN/bt-target-nopie" thread
expect_libc_frame0
expect_order fork_and_reap level_two level_one thread_main
[ -z "$(frame_of main)" ] || fail "main on a thread's stack"
exit 0
