#!/bin/sh
# Backtraces at the exit event stop: main -> level_one -> level_two ->
# exit_now -> exit(). exit_now's call to the noreturn exit() is its last
# instruction, so its return address is after_exit_now's first byte: the
# frame must still say exit_now (pc - 1 lookup for return addresses).
. "$srcdir/tests/bt/bt-lib.sh"

for t in pie nopie; do
	run_driver -e exit -- "$BT_BIN/bt-target-$t" exit
	expect_libc_frame0
	expect_order exit exit_now level_two level_one main
	expect_module exit_now "$BT_DIR/bt-target-$t"
	grep -Eq ' in after_exit_now(\+| \(\) at )' "$OUT" &&
	    fail "$t: a return address was looked up as is"
done
exit 0
