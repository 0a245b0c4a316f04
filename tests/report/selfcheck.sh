#!/bin/sh
# The report tests' own checks cannot be switched off: no Python `assert`
# (PYTHONOPTIMIZE and python -O skip it) in any of them, and a failed
# check() fails the script whatever the environment says.
. "${srcdir:-.}/tests/report/lib.sh"

if grep -n '^[[:space:]]*assert\b' "$srcdir"/tests/report/*.sh \
    "$srcdir"/tests/report/*.py >"$TMP/asserts"; then
	fail "Python assert in the report tests (use check()): $(cat "$TMP/asserts")"
fi

for env in PYTHONOPTIMIZE=1 PYTHONOPTIMIZE=2 PYTHONOPTIMIZE=; do
	rc=0
	env "$env" sh -c '. "$1"; py - <<PY
from check import check
check(1 == 2, "one is not two")
PY' sh "$srcdir/tests/report/lib.sh" 2>"$TMP/err" || rc=$?
	[ "$rc" = 1 ] || fail "$env: a failed check exited $rc, want 1"
	expect_text "$TMP/err" "check failed at line 2"
	expect_text "$TMP/err" "'one is not two'"
done
rc=0
py -O - 2>/dev/null <<'PY' || rc=$?
from check import equal
equal([1, 2], [1, 3])
PY
[ "$rc" = 1 ] || fail "python -O: a failed equal() exited $rc, want 1"
