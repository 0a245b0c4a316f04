#!/bin/sh
# The driver and the unit tests under valgrind: no errors, no leaks. No
# suppressions are needed with libunwind 1.6 (its remote unwinding reads
# the tracee through ptrace and the ELF files through its own mmap; valgrind
# reports nothing inside it); add one here only for a frame inside libunwind,
# with the reason.
. "$srcdir/tests/bt/bt-lib.sh"

command -v valgrind >/dev/null 2>&1 || skip "no valgrind"
# An ASan build (--enable-sanitizers) checks itself and cannot run under
# valgrind.
if grep -q __asan_init "$BT_BIN/bt-driver" 2>/dev/null; then
	skip "sanitizer build"
fi
vg() {
	log=$BT_TMP/vg.log
	timeout 300 valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=all --errors-for-leak-kinds=all \
	    --child-silent-after-fork=yes --log-file="$log" "$@" >"$OUT" 2>&1
	rc=$?
	# Valgrind 3.19 cannot read clang's DWARF 5: a tool limit, not ours.
	if grep -q "I can't recover" "$log"; then
		grep 'Valgrind:' "$log" | head -n 5 >&2
		skip "valgrind cannot load $1"
	fi
	[ "$rc" -eq 0 ] || { cat "$log" >&2; fail "valgrind $* exited $rc"; }
	[ ! -s "$log" ] || { cat "$log" >&2; fail "valgrind reported on $*"; }
}
vg "$BT_BIN/bt-driver" -R 2 -e fork -- "$BT_BIN/bt-target-pie" handler
expect_order on_usr1 level_two level_one main
vg "$BT_BIN/bt-driver" -D -e exit -- "$BT_BIN/bt-target-nopie" exit
expect_order exit_now level_two level_one main
vg "$BT_BIN/bt-unit"
exit 0
