/* color.h - colour on a terminal: whether to use it (--color=WHEN,
 * NO_COLOR, TERM) and the escape sequences of forkwatch's palette, the
 * TUI's in text: failures red, killed magenta, structure dim. A leaf: it
 * writes nothing itself. */
#ifndef FW_COLOR_H
#define FW_COLOR_H

#include <stdbool.h>

/* --color=auto|always|never, in that order (color_words). */
enum color_when {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER,
};
extern const char *const color_words[];	/* NULL-terminated */

/* What a piece of text is, for its colour. */
enum color_role {
	COLOR_PLAIN,	/* no colour */
	COLOR_FAIL,	/* a non-zero exit, a failure: red */
	COLOR_KILLED,	/* killed by a signal: magenta */
	COLOR_DIM,	/* structure: times, tree lines */
};

/* Whether output to fd gets colour: always; never; auto: when fd is a
 * terminal, NO_COLOR is unset or empty and TERM is not "dumb". */
bool		 color_use(enum color_when, int fd);

/* The SGR sequence that starts role ("" for COLOR_PLAIN), and the one
 * that ends any of them. */
const char	*color_on(enum color_role);
#define COLOR_OFF	"\033[0m"

#endif
