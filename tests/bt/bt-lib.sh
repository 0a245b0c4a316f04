# bt-lib.sh - helpers for the backtrace tests, sourced by each tests/bt/*.sh.
# Tests run from the build directory; $srcdir is set by the harness.
# Exit codes: 0 pass, 1 fail, 77 skip.

: "${srcdir:=.}"
BT_BIN=./tests/bt
# shellcheck disable=SC2034 # used by the tests that source this
BT_DIR=$(cd "$BT_BIN" 2>/dev/null && pwd -P) || {
	echo "FAIL: $BT_BIN not built (make check builds it)" >&2
	exit 1
}
# Backtraces need libunwind: without it (configure --without-libunwind)
# these tests skip; bt-unit-none covers the backend that stands in.
grep -q '^#define HAVE_LIBUNWIND 1$' ./config.h 2>/dev/null || {
	echo "SKIP: built without libunwind (configure --without-libunwind)" >&2
	exit 77
}
BT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bt-test.XXXXXX") || exit 1
# Exit status 77 is a skip only through skip(), never a status passed on.
BT_SKIPPED=
bt_exit() {
	rc=$?
	rm -rf "$BT_TMP"
	if [ "$rc" -eq 77 ] && [ -z "$BT_SKIPPED" ]; then
		echo "FAIL: exit status 77 without skip()" >&2
		exit 1
	fi
	exit "$rc"
}
trap bt_exit EXIT
OUT=$BT_TMP/out

# skip MESSAGE: the test does not apply here (a tool or a build option is
# missing, as a check separate from the test says).
skip() {
	echo "SKIP: $*" >&2
	BT_SKIPPED=1
	exit 77
}

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$OUT" ]; then
		echo "--- backtrace:" >&2
		sed 's/^/  /' "$OUT" >&2
	fi
	exit 1
}

# run_driver ARGS...: bt-driver with a time limit; output in $OUT, each
# frame also as a raw line (-r). Any failure fails the test (a build
# without an unwinder skipped above, on configure's word).
run_driver() {
	timeout 60 "$BT_BIN/bt-driver" -r "$@" >"$OUT" 2>"$BT_TMP/err"
	rc=$?
	[ "$rc" -eq 0 ] || fail "bt-driver $* exited $rc: $(cat "$BT_TMP/err")"
	grep -q '^#0  0x' "$OUT" || fail "no frame #0"
}

# frame_of FUNC: the number of the first frame in FUNC (empty: none): "in
# FUNC+0x... (MODULE)", or "in FUNC () at FILE:LINE" where DWARF gives the
# source line.
frame_of() {
	sed -En "s/^#([0-9]+) +0x[0-9a-f]* in $1(\\+0x[0-9a-f]+| \\(\\) at ).*\$/\\1/p" \
	    "$OUT" | head -n 1
}

# expect_order FUNC...: each FUNC has a frame, in this order (innermost
# first).
expect_order() {
	prev=-1
	for fn in "$@"; do
		i=$(frame_of "$fn")
		[ -n "$i" ] || fail "no frame in $fn"
		[ "$i" -gt "$prev" ] || fail "$fn (#$i) is not above frame #$prev"
		prev=$i
	done
}

# raw_field FUNC N: field N of FUNC's raw line (2 pc, 3 func, 4 off,
# 5 module, 6 modoff, 7 sigframe, 8 source file, 9 line).
raw_field() {
	awk -F '\t' -v f="$1" -v n="$2" \
	    '$1 == "raw" && $3 == f { print $n; exit }' "$OUT"
}

# expect_module FUNC PATH: FUNC's frame is in module PATH.
expect_module() {
	[ "$(raw_field "$1" 5)" = "$2" ] ||
	    fail "frame of $1 is in '$(raw_field "$1" 5)', not $2"
}

# expect_libc_frame0: frame #0 is a named function in libc (the task is
# stopped in a system call of libc).
expect_libc_frame0() {
	awk -F '\t' '$1 == "raw" { seen = 1; ok = $3 != "-" &&
	    $5 ~ /^\/.*\/libc[-.][^\/]*$/; exit }
	    END { exit !(seen && ok) }' "$OUT" ||
	    fail "frame #0 is not a named function in libc"
}

# expect_line FUNC MARKER: with DWARF lines in this build (libdw), FUNC's
# frame shows the line of the "@line MARKER" comment of bt-target.c.
expect_line() {
	grep -q '^#define HAVE_LIBDW 1' ./config.h 2>/dev/null || return 0
	want=$(grep -n "/\\* @line $2 \\*/" "$srcdir/tests/bt/bt-target.c" |
	    cut -d: -f1)
	[ -n "$want" ] || fail "no @line $2 in bt-target.c"
	case $(raw_field "$1" 8) in
	*bt-target.c) ;;
	*) fail "frame of $1 is in source '$(raw_field "$1" 8)'" ;;
	esac
	[ "$(raw_field "$1" 9)" = "$want" ] ||
	    fail "frame of $1 at line $(raw_field "$1" 9), not $want"
}

# expect_addr2line BINARY MODOFF FUNC: addr2line puts the return address
# MODOFF (hex, no 0x) of BINARY in FUNC, i.e. modoff is the address
# `addr2line -e module` wants. Skipped without addr2line.
expect_addr2line() {
	command -v addr2line >/dev/null 2>&1 || return 0
	a=$(printf '0x%x' $((0x$2 - 1)))
	got=$(addr2line -f -e "$1" "$a" | head -n 1)
	[ "$got" = "$3" ] || fail "addr2line -e $1 $a gives '$got', not $3"
}
