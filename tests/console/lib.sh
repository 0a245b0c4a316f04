# lib.sh - helpers for the console tests (tests/console/*.test, bash), on
# top of tests/lib/common.sh (FW, T, FWMARK, fw_env, fw_leftovers, fail,
# skip). Source it first:  . "${srcdir:-.}/tests/console/lib.sh"
#
#   CPROGS                      the test programs (tests/console/fwt-*)
#   con_norm < TEXT             normalise a transcript for diffing
#   con_diff EXPECTED FILE      compare FILE, normalised, with EXPECTED
#   con_run [ARGS...]           forkwatch ARGS under timeout, stdin as given;
#                               output in $T/out (stdout+stderr), status
#                               in $CON_RC
#   con_start ARGS...           forkwatch --console ARGS in the background,
#                               commands through a fifo, output read back
#                               line by line (a handshake: no sleeps)
#   con_cmd CMD                 run CMD; its output (without the echoed
#                               prompt lines) in $CON_OUT
#   con_expect REGEX            read output until a line matches; it is in
#                               $CON_LINE
#   con_finish                  end of input (= quit); status in $CON_RC
#   proc_state PID              the state letter in /proc/PID/stat
#   marked_pids                 the live test programs this test started

. "${srcdir:-.}/tests/lib/common.sh"

CPROGS=$top_builddir/tests/console
[ -x "$CPROGS/fwt-tree" ] || fail "no console test programs in $CPROGS"

# Timestamps become TS, the build and temporary directories @BUILD@ and
# @TMP@, and every integer of 300 or more (pids: the kernel never hands
# out a smaller one again after boot; exit codes, signals, breakpoint
# numbers and counts stay below) P1, P2, ... in order of appearance.
con_norm()
{
	sed -E -e "s#$T#@TMP@#g" -e "s#$top_builddir#@BUILD@#g" \
	    -e 's/[0-9]+\.[0-9]{6}/TS/g' |
	awk '
	{
		out = ""
		line = $0
		while (match(line, /[0-9]+/)) {
			num = substr(line, RSTART, RLENGTH)
			pre = substr(line, 1, RSTART - 1)
			line = substr(line, RSTART + RLENGTH)
			prev = substr(pre, length(pre), 1)
			if (num + 0 >= 300 && prev !~ /[A-Za-z_]/) {
				if (!(num in name))
					name[num] = "P" (++n)
				num = name[num]
			}
			out = out pre num
		}
		print out line
	}'
}

con_diff()
{
	con_norm <"$2" >"$2.norm"
	if ! diff -u "$1" "$2.norm" >"$T/diff"; then
		cat "$T/diff" >&2
		fail "output differs from $1"
	fi
}

con_run()
{
	CON_RC=0
	fw_env timeout -k 5 "$FW_TIMEOUT" $FW_WRAPPER "$FW" "$@" \
	    >"$T/out" 2>&1 || CON_RC=$?
	if [ "$CON_RC" -eq 124 ]; then
		cat "$T/out" >&2
		fail "forkwatch timed out"
	fi
	if [ -n "$FW_WRAPPER" ] && [ "$CON_RC" -eq 99 ]; then
		cat "$T/out" >&2
		fail "the wrapper ($FW_WRAPPER) found errors"
	fi
	return 0
}

con_start()
{
	mkfifo "$T/cin" "$T/cout" || fail "mkfifo"
	fw_env timeout -k 5 "$FW_TIMEOUT" $FW_WRAPPER "$FW" --console "$@" \
	    <"$T/cin" >"$T/cout" 2>&1 &
	CON_PID=$!
	FW_BG_PIDS="$FW_BG_PIDS $CON_PID"
	exec 3>"$T/cin" 4<"$T/cout"
	: >"$T/transcript"
}

con_send()
{
	printf '%s\n' "$*" >&3
}

con_expect()
{
	local line
	while IFS= read -r -t "$FW_TIMEOUT" line <&4; do
		printf '%s\n' "$line" >>"$T/transcript"
		if printf '%s\n' "$line" | grep -Eq -- "$1"; then
			CON_LINE=$line
			return 0
		fi
	done
	cat "$T/transcript" >&2
	fail "no output line matches '$1'"
}

con_cmd()
{
	local line
	con_send "$1"
	con_send "echo @@@"
	CON_OUT=
	while IFS= read -r -t "$FW_TIMEOUT" line <&4; do
		printf '%s\n' "$line" >>"$T/transcript"
		case $line in
		@@@)	return 0 ;;
		"(fw) "*|">"*) ;;
		*)	CON_OUT+="$line"$'\n' ;;
		esac
	done
	cat "$T/transcript" >&2
	fail "no end of output for '$1'"
}

con_finish()
{
	local line
	exec 3>&-
	while IFS= read -r -t "$FW_TIMEOUT" line <&4; do
		printf '%s\n' "$line" >>"$T/transcript"
	done
	exec 4<&-
	CON_RC=0
	wait "$CON_PID" || CON_RC=$?
	[ "$CON_RC" -eq 124 ] && fail "forkwatch timed out"
	if [ -n "$FW_WRAPPER" ] && [ "$CON_RC" -eq 99 ]; then
		cat "$T/transcript" >&2
		fail "the wrapper ($FW_WRAPPER) found errors"
	fi
	return 0
}

proc_state()
{
	sed -e 's/^.*) //' -e 's/ .*//' "/proc/$1/stat" 2>/dev/null
}

marked_pids()
{
	local pid
	for pid in $(grep -lsF "FWTEST_MARK=$FWMARK" /proc/[0-9]*/environ \
	    2>/dev/null | cut -d/ -f3 | sort -n); do
		case $(readlink "/proc/$pid/exe" 2>/dev/null) in
		"$CPROGS"/fwt-*) echo "$pid" ;;
		esac
	done
}

# The pid of word N (1-based) of $CON_LINE.
word_of_line()
{
	printf '%s\n' "$CON_LINE" | awk -v n="$1" '{ print $n }'
}
