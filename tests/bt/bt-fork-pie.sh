#!/bin/sh
# Backtrace of a PIE tracee at its fork event stop: the call chain in order,
# libc frames with libc's path, modoff as addr2line wants it.
. "$srcdir/tests/bt/bt-lib.sh"

prog=$BT_DIR/bt-target-pie
run_driver -r -e fork -- "$BT_BIN/bt-target-pie" fork
expect_libc_frame0
expect_order fork_and_reap level_two level_one main
expect_module level_two "$prog"
expect_module main "$prog"
expect_line level_two level_two
expect_line level_one level_one
expect_addr2line "$prog" "$(raw_field level_two 6)" level_two
expect_addr2line "$prog" "$(raw_field main 6)" main
# PIE: loaded high, so pc and modoff differ.
[ "$(raw_field main 2)" != "$(raw_field main 6)" ] ||
    fail "PIE frame has pc == modoff"
exit 0
