# fw_completion.m4 - where `make install` puts the shell completions.
#
# bash: bash-completion's completionsdir from pkg-config, with its datadir
# replaced by ours, so a --prefix install stays under the prefix (and
# distcheck works) and /usr gets /usr/share/bash-completion/completions;
# bash-completion loads completions from every $XDG_DATA_DIRS too, which
# holds /usr/local/share by default. zsh: $datadir/zsh/site-functions.
# --with-bash-completion-dir=DIR / --with-zsh-completion-dir=DIR choose
# another directory, =no installs none.
AC_DEFUN([FW_COMPLETION_DIRS], [
  AC_ARG_WITH([bash-completion-dir],
    [AS_HELP_STRING([--with-bash-completion-dir=DIR],
      [install the bash completion in DIR (default: bash-completion's completionsdir under DATADIR)])],
    [], [with_bash_completion_dir=yes])
  AS_IF([test "$with_bash_completion_dir" = yes],
    [with_bash_completion_dir=`$PKG_CONFIG --define-variable=datadir='${datadir}' --variable=completionsdir bash-completion 2>/dev/null`
     AS_IF([test -z "$with_bash_completion_dir"],
       [with_bash_completion_dir='${datadir}/bash-completion/completions'])])
  AC_ARG_WITH([zsh-completion-dir],
    [AS_HELP_STRING([--with-zsh-completion-dir=DIR],
      [install the zsh completion in DIR (default: DATADIR/zsh/site-functions)])],
    [], [with_zsh_completion_dir=yes])
  AS_IF([test "$with_zsh_completion_dir" = yes],
    [with_zsh_completion_dir='${datadir}/zsh/site-functions'])
  AC_SUBST([bashcompletiondir], [$with_bash_completion_dir])
  AC_SUBST([zshcompletiondir], [$with_zsh_completion_dir])
  AM_CONDITIONAL([FW_BASH_COMPLETION], [test "$with_bash_completion_dir" != no])
  AM_CONDITIONAL([FW_ZSH_COMPLETION], [test "$with_zsh_completion_dir" != no])
])
