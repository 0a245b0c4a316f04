#!/bin/sh
# Logs that cannot be reported on and bad command lines: one-line errors
# and exit status 125.
. "${srcdir:-.}/tests/report/lib.sh"

# expect_125 WANT ARGS...: forkwatch report ARGS fails with 125, prints
# nothing on stdout and WANT (a shell pattern) as the first line of stderr.
expect_125() {
	want=$1
	shift
	rc=0
	fw report "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
	[ "$rc" = 125 ] || fail "report $*: exit $rc, want 125"
	[ ! -s "$TMP/out" ] || fail "report $*: wrote to stdout"
	# shellcheck disable=SC2254
	case $(head -n 1 "$TMP/err") in
	$want) ;;
	*) fail "report $*: stderr '$(head -n 1 "$TMP/err")', want '$want'" ;;
	esac
}

expect_125 "forkwatch: $FIX/newer.jsonl: log format version 2 is newer than this forkwatch reads (version 1); use a newer forkwatch" \
	"$FIX/newer.jsonl"
# (The rest of this message is the JSON parser's.)
expect_125 "forkwatch: $FIX/notalog.txt:1: not a forkwatch log (invalid JSON at column 11: *" \
	"$FIX/notalog.txt"
expect_125 "forkwatch: $FIX/nostart.jsonl:1: not a forkwatch log (the first line is not a \"start\" event)" \
	"$FIX/nostart.jsonl"
: >"$TMP/empty.jsonl"
expect_125 "forkwatch: $TMP/empty.jsonl: not a forkwatch log (empty file)" \
	"$TMP/empty.jsonl"
expect_125 "forkwatch: cannot open $TMP/missing.jsonl: No such file or directory" \
	"$TMP/missing.jsonl"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "missing file: more than one line"
if [ "$(id -u)" != 0 ]; then
	cp "$FIX/build.jsonl" "$TMP/noread.jsonl"
	chmod 000 "$TMP/noread.jsonl"
	expect_125 "forkwatch: cannot open $TMP/noread.jsonl: Permission denied" \
		"$TMP/noread.jsonl"
fi

hint="Try 'forkwatch report --help' for more information."
expect_125 "forkwatch: report: unknown option '--bogus'" --bogus "$FIX/build.jsonl"
expect_line "$TMP/err" "$hint"
[ "$(wc -l <"$TMP/err")" = 2 ] || fail "bad option: not error + hint"
expect_125 "forkwatch: report: unknown option '-x'" -x "$FIX/build.jsonl"
expect_125 "forkwatch: report: option '--depth' needs an argument" --depth
expect_125 "forkwatch: report: bad --depth 'x': expected a number >= 0" --depth x "$FIX/build.jsonl"
expect_125 "forkwatch: report: bad --under '0': expected a pid" --under 0 "$FIX/build.jsonl"
expect_125 "forkwatch: report: bad --format 'xml': expected text or json" --format xml "$FIX/build.jsonl"
expect_125 "forkwatch: report: bad --top '0': expected a number >= 1" --top 0 "$FIX/build.jsonl"
expect_125 "forkwatch: report: no LOG file given"
expect_125 "forkwatch: report: unexpected argument 'b.jsonl' (one LOG file only)" a.jsonl b.jsonl
expect_125 "forkwatch: $FIX/build.jsonl: no process 4242 in the log" --tree --under 4242 "$FIX/build.jsonl"

# An output that cannot be written.
expect_125 "forkwatch: cannot create $TMP/no/such/dir.svg: No such file or directory" \
	--svg "$TMP/no/such/dir.svg" "$FIX/build.jsonl"
if [ -w /dev/full ]; then
	rc=0
	fw report "$FIX/build.jsonl" >/dev/full 2>"$TMP/err" || rc=$?
	[ "$rc" = 125 ] || fail "/dev/full: exit $rc"
	expect_line "$TMP/err" "forkwatch: cannot write standard output: No space left on device"
fi

# --help is not an error.
fw report --help >"$TMP/help" || fail "--help: exit $?"
expect_text "$TMP/help" "Usage: forkwatch report [OPTIONS] LOG.jsonl"
expect_text "$TMP/help" "--compile-commands=FILE"
