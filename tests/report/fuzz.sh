#!/bin/sh
# Every fuzz-corpus log, and a few hundred deterministic mutations of
# them, through the reader, the model and every view: nothing may crash.
. "${srcdir:-.}/tests/report/lib.sh"

driver=$top_builddir/tests/report/tlog-read-driver
[ -x "$driver" ] || fail "no $driver"
timeout 300 "$driver" -n 60 -s 20261128 \
	"$srcdir"/tests/report/fuzz-corpus/*.jsonl >"$TMP/out" 2>"$TMP/err" ||
	fail "driver exit $?: $(tail -n 20 "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "driver complained: $(tail -n 20 "$TMP/err")"
cat "$TMP/out"
grep -q '^427 logs run, ' "$TMP/out" || fail "not 427 runs"
