/* shquote.h - words quoted for a POSIX shell (and bash/zsh), so a command
 * line forkwatch prints can be pasted back and run: "info exec" shows how
 * to re-run an exec. The output is also safe for a terminal: a word with
 * control characters, bytes that are not UTF-8, C1 or bidi controls is
 * written in bash's $'...' form with \xNN escapes, never raw. */
#ifndef FW_SHQUOTE_H
#define FW_SHQUOTE_H

#include <stddef.h>

#include "util.h"

/* Append s[0..n) as one shell word: bare when it holds only
 * [A-Za-z0-9_@%+=:,./-] and is not empty, else '...' (with ' as '\'')
 * when every character is printable, else $'...'. */
void	shq_word(struct fw_buf *, const char *s, size_t n);
void	shq_word_str(struct fw_buf *, const char *s);

#endif
