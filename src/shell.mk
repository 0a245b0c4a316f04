# shell.mk - fitting the shell: option tables, --version, the completion
# scripts (made from the tables by the built forkwatch, installed where
# bash-completion and zsh look; see m4/fw_completion.m4) and their tests.
# Included by the top-level Makefile.am.

libforkwatch_a_SOURCES += \
	src/color.c src/color.h \
	src/optable.c src/optable.h \
	src/complete.c src/complete.h \
	src/version.c src/version.h

# The scripts come from the option tables of the forkwatch just built, so
# they always offer what its --help lists. (A cross build cannot run it:
# make them with `forkwatch --completion=bash|zsh` on the target.)
FW_COMPLETIONS = completion/forkwatch completion/_forkwatch
completion/forkwatch: forkwatch$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) completion && \
	./forkwatch$(EXEEXT) --completion=bash >$@.tmp && mv $@.tmp $@
completion/_forkwatch: forkwatch$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) completion && \
	./forkwatch$(EXEEXT) --completion=zsh >$@.tmp && mv $@.tmp $@
noinst_DATA = $(FW_COMPLETIONS)
if FW_BASH_COMPLETION
bashcompletion_DATA = completion/forkwatch
endif
if FW_ZSH_COMPLETION
zshcompletion_DATA = completion/_forkwatch
endif
CLEANFILES += $(FW_COMPLETIONS) completion/forkwatch.tmp \
	completion/_forkwatch.tmp

# tests/shell-complete.test installs the scripts under a DESTDIR and loads
# them the way bash-completion and zsh's compinit do.
AM_TESTS_ENVIRONMENT += FW_DATADIR='$(datadir)' \
	FW_BASHCOMPDIR='$(bashcompletiondir)' \
	FW_ZSHCOMPDIR='$(zshcompletiondir)'; \
	export FW_DATADIR FW_BASHCOMPDIR FW_ZSHCOMPDIR;

SHELL_TESTS = \
	tests/color.test \
	tests/follow.test \
	tests/version.test \
	tests/shell-complete.test
TESTS += $(SHELL_TESTS)
EXTRA_DIST += $(SHELL_TESTS) tests/lib/zsh-complete.zsh tests/lib/pty-run.py
