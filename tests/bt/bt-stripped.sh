#!/bin/sh
# A stripped copy of the PIE tracee: its frames show module+0xOFFSET (and
# those offsets are the unstripped binary's addresses of the same
# functions), libc frames still resolve from .dynsym. With a build-id debug
# file in the debug directory, names come back.
. "$srcdir/tests/bt/bt-lib.sh"

command -v strip >/dev/null 2>&1 || skip "no strip"
pie=$BT_DIR/bt-target-pie
prog=$BT_TMP/bt-target-stripped
strip -o "$prog" "$pie" || fail "strip"

# -D: no debug files, so libc (stripped too) is read from .dynsym only.
run_driver -D -r -e fork -- "$prog" fork
expect_libc_frame0
grep -Eq ' in (level_two|level_one|main)(\+| \(\) at )' "$OUT" &&
    fail "function names in a stripped executable"
n=$(grep -c "^#[0-9]* *0x[0-9a-f]* in $prog+0x[0-9a-f]*\$" "$OUT")
[ "$n" -ge 4 ] || fail "$n frames (not 4 or more) show $prog+0x..."
# The executable's frames, innermost first, are fork_and_reap, level_two,
# level_one, main: check through addr2line on the unstripped file.
if command -v addr2line >/dev/null 2>&1; then
	awk -F '\t' -v p="$prog" '$1 == "raw" && $5 == p { print $6 }' "$OUT" |
	    head -n 4 >"$BT_TMP/offs"
	names=$(while read -r off; do
		addr2line -f -e "$pie" "$(printf '0x%x' $((0x$off - 1)))" |
		    head -n 1
	done <"$BT_TMP/offs" | tr '\n' ' ')
	[ "$names" = "fork_and_reap level_two level_one main " ] ||
	    fail "stripped frames are at '$names'"
fi

# A separate debug file found by build-id gives the names back.
id=$(readelf -n "$pie" 2>/dev/null | sed -n 's/.*Build ID: *//p')
if [ -n "$id" ] && command -v objcopy >/dev/null 2>&1; then
	dir=$BT_TMP/debug/.build-id/$(echo "$id" | cut -c1-2)
	mkdir -p "$dir"
	objcopy --only-keep-debug "$pie" \
	    "$dir/$(echo "$id" | cut -c3-).debug" || fail "objcopy"
	run_driver -d "$BT_TMP/debug" -e fork -- "$prog" fork
	expect_order fork_and_reap level_two level_one main
	expect_module level_two "$prog"
fi
exit 0
