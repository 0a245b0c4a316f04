/* complete.h - the bash and zsh completion scripts of forkwatch, written
 * from its option tables (options_table and each subcommand's), so they
 * offer exactly the options --help lists. `make` saves them for
 * `make install`; `forkwatch --completion=SHELL` prints them. */
#ifndef FW_COMPLETE_H
#define FW_COMPLETE_H

#include <stdio.h>

/* Write the script for shell ("bash" or "zsh") to f. Returns 0, or -1 when
 * there is no script for that shell. */
int	complete_print(FILE *f, const char *shell);

#endif
