#!/bin/sh
# Every option of `forkwatch report` (its --help, made from the option
# table) is documented in doc/man-report.roff and doc/README-report.md,
# and man/forkwatch.1 holds the current doc/man-report.roff (run
# contrib/assemble-man.py after editing it).
. "${srcdir:-.}/tests/report/lib.sh"

fw report --help >"$TMP/help" || fail "--help: exit $?"
grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u >"$TMP/opts"
[ "$(wc -l <"$TMP/opts")" -ge 19 ] || fail "too few options in --help: $(cat "$TMP/opts")"
man=$srcdir/doc/man-report.roff
readme=$srcdir/doc/README-report.md
while read -r opt; do
	roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
	grep -qF -- "$roff" "$man" || fail "$opt is not in doc/man-report.roff"
	grep -qF -- "$opt" "$readme" || fail "$opt is not in doc/README-report.md"
done <"$TMP/opts"

# The man page's REPORTS section is doc/man-report.roff without its
# leading comment lines.
sed '/^\.\\"/d' "$man" >"$TMP/want"
sed -n '/^\.\\" BEGIN doc\/man-report.roff$/,/^\.\\" END doc\/man-report.roff$/p' \
	"$srcdir/man/forkwatch.1" | sed '1d;$d' >"$TMP/got"
diff "$TMP/want" "$TMP/got" >/dev/null ||
	fail "man/forkwatch.1 is not up to date: run contrib/assemble-man.py"
