# lib.sh - shared set-up of the `forkwatch report` tests (sourced).
# automake runs tests from the build directory with $srcdir set.
set -eu

srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
FW=${FORKWATCH:-$top_builddir/forkwatch}
FIX=$srcdir/tests/report/fixtures
CHECK_DIR=$(cd "$srcdir/tests/report" && pwd)
TEST_NAME=$(basename "$0" .sh)

case $FW in
/*) ;;
*) FW=$(pwd)/$FW ;;
esac
if [ ! -x "$FW" ]; then
	echo "$TEST_NAME: no forkwatch binary at $FW" >&2
	exit 99
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/fw-report-$TEST_NAME.XXXXXX")
# Exit status 77 is a skip only through skip(): a traced program's 77
# passed on by forkwatch must fail the test.
on_exit() {
	rc=$?
	rm -rf "$TMP"
	if [ "$rc" -eq 77 ] && [ -z "${SKIPPED:-}" ]; then
		echo "FAIL: $TEST_NAME: exit status 77 without skip()" >&2
		exit 1
	fi
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 1' INT TERM

# fail MESSAGE...: report and exit with the failure status.
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

# skip MESSAGE...: exit with the skip status.
skip() {
	echo "SKIP: $TEST_NAME: $*" >&2
	SKIPPED=1
	exit 77
}

# need_ptrace: skip unless tracing works here, as the separate probe
# tests/progs/ptrace-probe says; a failed forkwatch run never skips.
need_ptrace() {
	probe_rc=0
	why=$("$top_builddir/tests/progs/ptrace-probe") || probe_rc=$?
	case $probe_rc in
	0) ;;
	77) skip "ptrace is not available here: $why" ;;
	*) fail "tests/progs/ptrace-probe failed (status $probe_rc): $why" ;;
	esac
}

# fw ARGS...: run forkwatch with a time limit (under $FW_WRAPPER, e.g.
# valgrind, when set).
fw() {
	timeout 120 ${FW_WRAPPER:-} "$FW" "$@"
}

# expect_line FILE TEXT: FILE must hold a line with exactly TEXT.
expect_line() {
	grep -Fxq -- "$2" "$1" || {
		echo "--- $1:" >&2
		cat "$1" >&2
		fail "no line '$2' in $1"
	}
}

# expect_text FILE TEXT: FILE must contain TEXT somewhere.
expect_text() {
	grep -Fq -- "$2" "$1" || {
		echo "--- $1:" >&2
		cat "$1" >&2
		fail "no '$2' in $1"
	}
}

# mklog FILE: write a log from lines "PID PARENT START END NAME [CODE]" on
# stdin (PARENT "-" for the root; CODE the exit status, 0 by default): a
# fork at START, an exec of NAME at START, an exit at END, all in time
# order.
mklog() {
	awk '
	/^#/ || NF == 0 { next }
	{
		code = NF >= 6 ? $6 : 0
		if ($2 != "-")
			printf "%.6f\t{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d,\"child\":%d}\n", $3, $3, $2, $2, $1
		printf "%.6f\t{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/bin/%s\",\"argv\":[\"%s\"],\"cwd\":\"/\"}\n", $3 + 0.0000001, $3, $1, $1, $5, $5
		printf "%.6f\t{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":%d}\n", $4, $4, $1, $1, code
		if ($4 > last) last = $4
	}
	END {
		printf "%.6f\t{\"ts\":%.6f,\"event\":\"end\",\"pid\":9,\"tgid\":9,\"status\":0,\"root_code\":0}\n", last + 1, last
	}' | sort -s -t "$(printf '\t')" -k1,1n | cut -f2- >"$TMP/mklog.body"
	{
		echo '{"ts":0.000000,"event":"start","version":1,"pid":9,"tgid":9,"time":"2026-11-28T10:00:00.000000Z","mode":"launch","argv":["x"],"cwd":"/"}'
		cat "$TMP/mklog.body"
	} >"$1"
}

# py SCRIPT ARGS...: run a python3 check; the script exits non-zero to fail.
# Scripts use check() and equal() from tests/report/check.py, never
# `assert`, which PYTHONOPTIMIZE turns off (tests/report/selfcheck.sh).
# No __pycache__ of check.py left in the source tree.
py() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is needed"
	PYTHONPATH="$CHECK_DIR${PYTHONPATH:+:$PYTHONPATH}" \
	    PYTHONDONTWRITEBYTECODE=1 python3 "$@"
}
