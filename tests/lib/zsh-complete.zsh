#!/bin/zsh -f
# zsh-complete.zsh FPATHDIR LINE...: run zsh's completion system for real
# (an interactive zsh in a pseudo-terminal, compinit with FPATHDIR first in
# fpath) and, for each LINE, press Tab at its end and print every match
# that completion functions add, one per line: "WORD" or, when they give a
# display string (compadd -d), "WORD<TAB>DISPLAY". "@@END@@" ends a LINE's
# matches. Exits 2 when the zpty module is missing, 3-4 when zsh does not
# answer.
zmodload zsh/zpty 2>/dev/null || exit 2
dir=$1
shift
setup=$(mktemp) || exit 2
# The interactive shell's set-up; it ends by printing the ready marker
# (written so that the echo of the command line does not match it).
cat >$setup <<'EOS'
PROMPT='' RPROMPT='' PS2=''
unsetopt autolist listambiguous
setopt nobeep
autoload -Uz compinit
compinit -u -D
# Print each match a completion function adds, then add it as usual.
compadd() {
	local -a __h __d
	local __i __dn
	if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
		builtin compadd "$@"
		return
	fi
	for (( __i = 1; __i <= $#; __i++ )); do
		[[ ${@[__i]} == (-|--) ]] && break
		[[ ${@[__i]} == -d ]] && __dn=${@[__i+1]}
	done
	builtin compadd -O __h "$@"
	if [[ -n $__dn ]]; then
		__d=("${(@P)__dn}")
		builtin compadd -D __d "$@"
	fi
	for (( __i = 1; __i <= $#__h; __i++ )); do
		print -r -- "@@HIT@@${__h[__i]}${__dn:+	}${__d[__i]}"
	done
	builtin compadd "$@"
}
_fwt_done() { print -r -- "@@DO""NE@@" }
print -r -- "@@REA""DY@@"
EOS
zpty fwt zsh -f -i
zpty -w fwt "fpath=(${(q)dir} \$fpath); . ${(q)setup}"
zpty -r fwt out '*@@READY@@*' || exit 3
rm -f $setup
for line in "$@"; do
	# comppostfuncs runs once, after this Tab's completion.
	zpty -w fwt 'comppostfuncs=(_fwt_done)'
	zpty -n -w fwt "$line"$'\t'
	zpty -r fwt out '*@@DONE@@*' || exit 4
	print -rl -- ${${(M)${(f)out//$'\r'/}:#*@@HIT@@*}#*@@HIT@@}
	print -r -- "@@END@@"
	zpty -n -w fwt $'\C-u'
done
zpty -d fwt
exit 0
