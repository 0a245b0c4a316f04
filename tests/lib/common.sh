# common.sh - shared by the tests/*.test scripts (bash). Source it first:
#     . "${srcdir:-.}/tests/lib/common.sh"
#
# Sets FW (the forkwatch binary), PROGS (the test programs), T (a private
# temporary directory, removed at exit unless FW_KEEP=1) and FWMARK, an
# environment marker that every traced program carries, so that at exit
# the test can prove nothing it started is still around (or stopped).
#
#   fw_run LOG [OPTIONS] -- PROG ARGS   forkwatch --batch -q --format=jsonl
#                                       -o LOG; status in $FW_RC, stderr in
#                                       $T/fw.err; under timeout 60
#   fw_check PYTHON-CODE                run python3 with fwcheck importable
#   fw_leftovers                        fail if a marked process remains
#   fw_have NAME                        configure defined NAME in config.h
#                                       (HAVE_LIBUNWIND, FW_HAVE_TUI, ...):
#                                       a test of an optional feature skips
#                                       on this, never on a failed command
#   fw_need_ptrace [attach]             skip unless tests/progs/ptrace-probe
#                                       says tracing (attaching) works here;
#                                       run for every test that sources this
#                                       file unless it sets FW_NO_TRACE=1
#   fail MSG / skip MSG                 (exit 77 other than by skip() is a
#                                       failure: a traced program's 77 must
#                                       not turn into a skip)

set -u

: "${srcdir:=.}"
top_srcdir=$(cd "${top_srcdir:-$srcdir}" && pwd)
top_builddir=$(cd "${top_builddir:-.}" && pwd)
FW=${FORKWATCH:-$top_builddir/forkwatch}
PROGS=$top_builddir/tests/progs
# fwcheck.py reads the event table from it.
FW_EVENT_TABLE=$top_builddir/tests/unit/test-event
export PROGS FW FW_EVENT_TABLE
FWCHECK_DIR=$top_srcdir/tests/lib
# A wrapper for forkwatch only (e.g. "valgrind --error-exitcode=99 -q").
FW_WRAPPER=${FW_WRAPPER:-}
FW_TIMEOUT=${FW_TIMEOUT:-60}
TEST_NAME=$(basename "$0" .test)

fail()
{
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

skip()
{
	echo "SKIP: $TEST_NAME: $*" >&2
	FW_SKIPPED=1
	exit 77
}

note()
{
	echo "# $*" >&2
}

fw_have()
{
	grep -q "^#define $1 1\$" "$top_builddir/config.h"
}

[ -x "$FW" ] || fail "no forkwatch binary at $FW (set FORKWATCH)"
[ -f "$top_builddir/config.h" ] || fail "no config.h in $top_builddir"
[ -d "$PROGS" ] || fail "no test programs in $PROGS (make check builds them)"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed"
command -v timeout >/dev/null 2>&1 || skip "timeout(1) is needed"

# Under the build tree, not /tmp: other tools clean /tmp behind our backs.
FWTEST_TMPDIR=${FWTEST_TMPDIR:-$top_builddir/tests/tmp}
mkdir -p "$FWTEST_TMPDIR" || fail "mkdir $FWTEST_TMPDIR"
T=$(mktemp -d "$FWTEST_TMPDIR/$TEST_NAME.XXXXXX") || fail "mktemp"
FWMARK="fwtest-$TEST_NAME-$$-$RANDOM$RANDOM"
FW_BG_PIDS=""
FW_DOGS=""
FW_DOG_OF=""	# "PID:DOG ..." (fw_watchdog)

# Every process of ours that a test leaves running is an error; kill it so
# one failure does not leak into the next test.
fw_leftovers()
{
	local i found pid st
	for i in $(seq 1 100); do
		found=$(grep -lsF "FWTEST_MARK=$FWMARK" /proc/[0-9]*/environ \
		    2>/dev/null | cut -d/ -f3)
		[ -z "$found" ] && return 0
		# Give processes killed a moment ago time to go (bounded poll).
		sleep 0.05
	done
	for pid in $found; do
		st=$(sed -n 's/^State:[[:space:]]*//p' /proc/$pid/status \
		    2>/dev/null)
		echo "left running: $pid ($st): $(tr '\0' ' ' \
		    </proc/$pid/cmdline 2>/dev/null)" >&2
		kill -KILL "$pid" 2>/dev/null
	done
	return 1
}

# fw_ours PID: PID is a child of the test's shell (not yet reaped). A pid
# whose process has ended and been reaped is soon another process's
# (pid_max is 32768 on many machines; a busy one goes round in a minute):
# what a test kills by a remembered pid, it kills only while this holds.
fw_ours()
{
	[ "$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)" \
	    = "$$" ]
}

fw_cleanup()
{
	local rc=$? p
	trap - EXIT
	if [ "$rc" -eq 77 ] && [ -z "${FW_SKIPPED:-}" ]; then
		echo "FAIL: $TEST_NAME: exit status 77 without skip()" >&2
		rc=1
	fi
	# Only our own children: a pid that was reaped may be another's now.
	for p in $FW_BG_PIDS; do
		fw_ours "$p" && kill -KILL "$p" 2>/dev/null
	done
	for p in $FW_DOGS; do
		fw_ours "$p" && kill -TERM "$p" 2>/dev/null
	done
	if ! fw_leftovers; then
		echo "FAIL: $TEST_NAME: processes left behind" >&2
		[ "$rc" -eq 0 ] && rc=1
	fi
	if [ "${FW_KEEP:-0}" = 1 ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] &&
	    [ -n "${FW_KEEP_FAILED:-}" ]; }; then
		echo "# kept $T" >&2
	else
		rm -rf "$T"
	fi
	exit "$rc"
}
trap fw_cleanup EXIT
trap 'exit 1' INT TERM HUP

# The environment every traced program gets.
fw_env()
{
	env FWTEST_MARK="$FWMARK" FWTEST_OUT="$T/side" "$@"
}

# fw_env_strace CMD...: fw_env for a command that runs forkwatch itself
# under strace (tests counting forkwatch's own system calls). LeakSanitizer
# cannot run under ptrace, so a sanitizer build's leak check is off there.
fw_env_strace()
{
	fw_env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"
}

# fw_run LOG [forkwatch options] -- PROG ARGS...
fw_run()
{
	local log=$1
	shift
	FW_RC=0
	fw_env timeout --verbose -k 5 "$FW_TIMEOUT" $FW_WRAPPER "$FW" \
	    ${FW_BACKEND:+--backend=$FW_BACKEND} \
	    --batch -q --format=jsonl -o "$log" "$@" 2>"$T/fw.err" || FW_RC=$?
	if grep -q '^timeout: sending signal' "$T/fw.err"; then
		cat "$T/fw.err" >&2
		fail "forkwatch timed out after $FW_TIMEOUT s: status $FW_RC"
	fi
	if [ -n "$FW_WRAPPER" ] && [ "$FW_RC" -eq 99 ]; then
		cat "$T/fw.err" >&2
		fail "the wrapper ($FW_WRAPPER) found errors"
	fi
	return 0
}

# fw_expect_rc WANT: forkwatch's status of the last fw_run.
fw_expect_rc()
{
	if [ "$FW_RC" -ne "$1" ]; then
		cat "$T/fw.err" >&2
		fail "forkwatch exited $FW_RC, expected $1"
	fi
}

# fw_check 'python code' ARGS...: run a check body (indented by us) with
# fwcheck imported, sys.argv = ARGS, T, and helpers log()/side() for
# $T/log and $T/side. Fails the test when the body raises fwcheck.Fail.
fw_check()
{
	local code=$1
	shift
	{
		printf '%s\n' 'import os, sys, fwcheck' \
		    'from fwcheck import eq, expect, fail' \
		    'T = os.environ["FWT"]' \
		    'def log(name="log", complete=True):' \
		    '    return fwcheck.load(os.path.join(T, name), complete)' \
		    'def side(name="side"):' \
		    '    return fwcheck.Side(os.path.join(T, name))' \
		    'def _body():'
		printf '%s\n' "$code" | sed 's/^/    /'
		printf '%s\n' '    pass' 'fwcheck.run(_body)'
	} >"$T/check.py"
	PYTHONPATH="$FWCHECK_DIR${PYTHONPATH:+:$PYTHONPATH}" \
	    PYTHONDONTWRITEBYTECODE=1 FWT="$T" python3 "$T/check.py" "$@" ||
	    fail "checks failed (log: $T/log)"
}

# Start forkwatch in the background (not under timeout(1), so $FW_PID is
# forkwatch itself; its stderr goes to $T/fwbg.err). SIGINT/SIGQUIT are reset to default: a non-interactive
# shell would have them ignored in background jobs. A watchdog kills it
# after FW_TIMEOUT seconds.
fw_bg()
{
	local log=$1
	shift
	# No stale log: callers poll it to know how far forkwatch got.
	rm -f "$log"
	# exec all the way down, so that $! is forkwatch's pid.
	( exec env --default-signal=INT,QUIT FWTEST_MARK="$FWMARK" \
	    FWTEST_OUT="$T/side" $FW_WRAPPER "$FW" \
	    ${FW_BACKEND:+--backend=$FW_BACKEND} --batch -q \
	    --format=jsonl -o "$log" "$@" 2>"$T/fwbg.err" ) &
	FW_PID=$!
	FW_BG_PIDS="$FW_BG_PIDS $FW_PID"
	fw_watchdog "$FW_PID"
}

# The start time of a process (field 22 of /proc/PID/stat, after the
# comm, which may hold spaces); empty when there is no such process.
fw_starttime()
{
	sed -n 's/^.*) //p' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}

# Kill pid after FW_TIMEOUT seconds unless it has gone by then. The pid
# of a process that has ended is soon another's (pid_max is 32768 on many
# machines, and a busy one goes round in a minute): the watchdog kills it
# only if it is still the process it was started for (same start time).
# It holds none of the test's files: a subshell inherits every descriptor,
# even bash's hidden copies of those a redirection closed for a command
# ("fw_bg ... 3>&-"), and a FIFO's reader would wait for the watchdog.
# fw_wait_bg stops the watchdog of $FW_PID.
fw_watchdog()
{
	local start
	start=$(fw_starttime "$1")
	[ -n "$start" ] || return 0
	(
		for fd in /proc/self/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"
		done
		sleep "$FW_TIMEOUT" &
		sp=$!
		trap 'kill $sp; exit 0' TERM
		wait $sp
		[ "$(fw_starttime "$1")" = "$start" ] && kill -KILL "$1"
	) >/dev/null 2>&1 </dev/null &
	FW_DOGS="$FW_DOGS $!"
	FW_DOG_OF="$FW_DOG_OF $1:$!"
}

# Start a test program in the background with the marker; $! is its pid.
fw_start()
{
	( exec env FWTEST_MARK="$FWMARK" FWTEST_OUT="$T/side" "$@" ) &
	TARGET_PID=$!
}

# fw_wait_bg: wait for the background forkwatch; status in $FW_RC.
fw_wait_bg()
{
	local d
	FW_RC=0
	wait "$FW_PID" || FW_RC=$?
	# Its pid is free now and, pids wrapping fast on a busy machine, may
	# soon be another process's: neither the watchdog nor the cleanup
	# may kill it any more.
	for d in $FW_DOG_OF; do
		[ "${d%%:*}" = "$FW_PID" ] && fw_ours "${d#*:}" &&
		    kill -TERM "${d#*:}" 2>/dev/null
	done
	FW_BG_PIDS=$(printf '%s\n' $FW_BG_PIDS | { grep -vx "$FW_PID" || :; } | tr '\n' ' ')
}

# wait_for FILE REGEX [SECONDS]: poll until a line of FILE matches.
wait_for()
{
	local i n=$(( ${3:-10} * 20 ))
	for i in $(seq 1 "$n"); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "timed out waiting for /$2/ in $1"
}

# wait_count FILE REGEX N [SECONDS]: poll until N lines of FILE match.
wait_count()
{
	local i n=$(( ${4:-10} * 20 ))
	for i in $(seq 1 "$n"); do
		[ "$(grep -cE "$2" "$1" 2>/dev/null)" = "$3" ] && return 0
		sleep 0.05
	done
	fail "timed out waiting for $3 lines /$2/ in $1"
}

# The state letter of a task from /proc (empty when gone).
task_state()
{
	sed -n 's/^.*) \(.\) .*$/\1/p' "/proc/$1/stat" 2>/dev/null
}

# fw_need_ptrace [attach]: the tests' one decision that tracing is not
# possible here, taken by a probe that does not involve forkwatch.
fw_need_ptrace()
{
	local why rc=0
	why=$("$PROGS/ptrace-probe" "$@") || rc=$?
	case $rc in
	0)	return 0 ;;
	77)	skip "ptrace is not available here: $why" ;;
	*)	fail "tests/progs/ptrace-probe $* failed (status $rc): $why" ;;
	esac
}
[ "${FW_NO_TRACE:-0}" = 1 ] || fw_need_ptrace

# fw_need_bpf: the tests' one decision that the eBPF backend cannot work
# here, taken by a probe that does not involve forkwatch
# (tests/progs/bpf-probe: load and attach a BTF tracepoint program, make
# a ring buffer), or because it was not built.
fw_need_bpf()
{
	local why rc=0
	[ -x "$PROGS/bpf-probe" ] ||
		skip "forkwatch is built without the eBPF backend (configure)"
	why=$("$PROGS/bpf-probe") || rc=$?
	case $rc in
	0)	return 0 ;;
	77)	skip "eBPF is not available here: $why" ;;
	*)	fail "tests/progs/bpf-probe failed (status $rc): $why" ;;
	esac
}
