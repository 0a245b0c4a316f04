#!/bin/sh
# run-tests.sh - run forkwatch's test suite and end with one summary line:
#
#   N passed, N failed[, N skipped]
#
# (passed counts PASS and XFAIL, failed counts FAIL, XPASS and ERROR; a
# build that fails before any test runs counts as one failure).
#
#   sh contrib/run-tests.sh [BUILDDIR]    make check in BUILDDIR (default:
#                                         the source tree; configured and
#                                         built first if need be)
#   sh contrib/run-tests.sh --sanitizers  make check-sanitizers: the suite
#                                         again under ASan + UBSan
#   sh contrib/run-tests.sh --minimal     make check-minimal: the suite of a
#                                         build without the optional parts
#                                         (no TUI, libunwind, libdw,
#                                         libiberty, eBPF); $MIN_EXTRA_FLAGS adds
#                                         configure options (CI: werror)
#
# Exit status: 0 when nothing failed, else 1.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
target=check
label=
case "${1:-}" in
--sanitizers)
	target=check-sanitizers
	label="sanitizers: "
	build=$top
	;;
--minimal)
	target=check-minimal
	label="minimal build: "
	build=$top
	;;
"")
	build=$top
	;;
*)
	mkdir -p "$1" && build=$(cd "$1" && pwd) || exit 1
	;;
esac

cd "$build" || exit 1
if [ ! -f Makefile ]; then
	echo "run-tests.sh: $build is not configured: configuring it"
	if [ ! -x "$top/configure" ]; then
		(cd "$top" && autoreconf -fi) || exit 1
	fi
	"$top/configure" -q || { echo "0 passed, 1 failed"; exit 1; }
fi

if [ "$target" = check-sanitizers ]; then
	log=$build/sanitizers-build/build/test-suite.log
elif [ "$target" = check-minimal ]; then
	log=$build/minimal-build/build/test-suite.log
else
	log=$build/test-suite.log
fi
rm -f "$log"

# -k: one broken test program must not hide the results of the others.
make -k -j"$jobs" "$target" ${MIN_EXTRA_FLAGS:+MIN_EXTRA_FLAGS="$MIN_EXTRA_FLAGS"}
rc=$?

# count KEY: the "# KEY: N" line of automake's test-suite.log header.
count() {
	n=$(sed -n "s/^# $1: *\([0-9][0-9]*\)\$/\1/p" "$log" | head -n 1)
	echo "${n:-0}"
}

pass=0 fail=0 skip=0
if [ -f "$log" ]; then
	pass=$(( $(count PASS) + $(count XFAIL) ))
	fail=$(( $(count FAIL) + $(count XPASS) + $(count ERROR) ))
	skip=$(count SKIP)
	if [ "$fail" -gt 0 ]; then
		echo
		echo "run-tests.sh: failures (details in $log):"
		# Section headers: "FAIL: name" underlined with '='.
		awk '/^==+$/ && prev ~ /^(FAIL|XPASS|ERROR): / {
		    print "    " prev } { prev = $0 }' "$log"
	fi
fi
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo
	echo "run-tests.sh: make $target failed (exit $rc) outside the tests" \
	    "themselves; see its output above"
	fail=1
fi

summary="$pass passed, $fail failed"
[ "${skip:-0}" -gt 0 ] && summary="$summary, $skip skipped"
echo "$label$summary"
[ "$fail" -eq 0 ]
