#!/bin/sh
# A log cut short or damaged still reports what it holds, with one
# warning line on stderr naming the first bad line.
. "${srcdir:-.}/tests/report/lib.sh"

# Cut in the middle of line 17, no end line.
fw report "$FIX/truncated.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "exit $?"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "not one warning line: $(cat "$TMP/err")"
grep -q "^forkwatch: $FIX/truncated.jsonl:17: warning: invalid JSON" "$TMP/err" ||
	fail "warning does not name line 17: $(cat "$TMP/err")"
expect_text "$TMP/err" "no end line: the trace was cut short"
expect_line "$TMP/out" "Processes:  5 (3 without an exit in the log)"
expect_line "$TMP/out" "Execs:      7"
expect_line "$TMP/out" "Failures:   2 (2 propagated, 0 handled by their parent)"
expect_text "$TMP/out" "(cut short: no end line)"

# Damage in the middle (a cut line, a block of NULs, a mistyped member):
# those lines are skipped, the rest counts.
fw report "$FIX/corrupt.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "exit $?"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "not one warning line: $(cat "$TMP/err")"
grep -q "^forkwatch: $FIX/corrupt.jsonl:11: warning: .*(3 bad lines skipped)$" "$TMP/err" ||
	fail "bad warning: $(cat "$TMP/err")"
expect_line "$TMP/out" "Processes:  9"
expect_line "$TMP/out" "Execs:      11"

# Whole lines but no end line.
fw report "$FIX/noend.jsonl" >"$TMP/out" 2>"$TMP/err" || fail "exit $?"
expect_line "$TMP/err" "forkwatch: $FIX/noend.jsonl: warning: no end line: the trace was cut short; reporting what the log holds"
expect_line "$TMP/out" "Processes:  9"

# The last line cut, read from a pipe.
head -c 3000 "$FIX/build.jsonl" | fw report --format json - >"$TMP/p.json" 2>"$TMP/err" ||
	fail "stdin: exit $?"
grep -q '^forkwatch: <stdin>:[0-9]*: warning: ' "$TMP/err" || fail "stdin: $(cat "$TMP/err")"
py - "$TMP/p.json" <<'PY'
import json, sys
from check import check, near
s = json.load(open(sys.argv[1]))["summary"]
check(s["complete"] is False and s["processes"] == 8, s["processes"])
PY
