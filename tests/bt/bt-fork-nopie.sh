#!/bin/sh
# Backtrace of a non-PIE (ET_EXEC) tracee at its fork event stop.
. "$srcdir/tests/bt/bt-lib.sh"

prog=$BT_DIR/bt-target-nopie
run_driver -r -e fork -- "$BT_BIN/bt-target-nopie" fork
expect_libc_frame0
expect_order fork_and_reap level_two level_one main
expect_module level_one "$prog"
expect_line level_two level_two
expect_line level_one level_one
# ET_EXEC: link-time address = run-time address.
[ "$(raw_field level_two 2)" = "$(raw_field level_two 6)" ] ||
    fail "non-PIE frame has modoff != pc"
expect_addr2line "$prog" "$(raw_field level_two 6)" level_two
exit 0
