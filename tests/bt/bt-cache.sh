#!/bin/sh
# Repeated captures in one context parse no ELF file again; max frames
# truncates and says so.
. "$srcdir/tests/bt/bt-lib.sh"

run_driver -R 3 -e fork -- "$BT_BIN/bt-target-pie" fork
l1=$(sed -n 's/^stats 1 loads=\([0-9]*\) hits=\([0-9]*\).*/\1/p' "$OUT")
h1=$(sed -n 's/^stats 1 loads=\([0-9]*\) hits=\([0-9]*\).*/\2/p' "$OUT")
l3=$(sed -n 's/^stats 3 loads=\([0-9]*\) hits=\([0-9]*\).*/\1/p' "$OUT")
h3=$(sed -n 's/^stats 3 loads=\([0-9]*\) hits=\([0-9]*\).*/\2/p' "$OUT")
{ [ -n "$l1" ] && [ -n "$l3" ]; } || fail "no stats lines"
[ "$l1" -ge 2 ] || fail "first capture parsed $l1 files (exe and libc?)"
[ "$l3" -eq "$l1" ] || fail "later captures parsed files again ($l1 -> $l3)"
[ "$h3" -gt "$h1" ] || fail "later captures had no cache hits"
expect_order level_two level_one main

run_driver -n 2 -e fork -- "$BT_BIN/bt-target-pie" fork
n=$(grep -c '^#' "$OUT")
[ "$n" -eq 2 ] || fail "$n frames with -n 2"
grep -q '^(more frames not shown' "$OUT" || fail "truncation not shown"
exit 0
