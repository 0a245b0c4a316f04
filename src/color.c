/* color.c - when to colour, and the palette. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "color.h"

const char *const color_words[] = { "auto", "always", "never", NULL };

bool
color_use(enum color_when when, int fd)
{
	const char	*e;

	switch (when) {
	case COLOR_ALWAYS:
		return true;
	case COLOR_NEVER:
		return false;
	case COLOR_AUTO:
		break;
	}
	/* https://no-color.org: present and not empty means no colour; an
	 * explicit --color=always still wins. */
	if ((e = getenv("NO_COLOR")) != NULL && e[0] != '\0')
		return false;
	if ((e = getenv("TERM")) != NULL && strcmp(e, "dumb") == 0)
		return false;
	return fd >= 0 && isatty(fd);
}

const char *
color_on(enum color_role role)
{
	switch (role) {
	case COLOR_FAIL:
		return "\033[31m";
	case COLOR_KILLED:
		return "\033[35m";
	case COLOR_DIM:
		return "\033[2m";
	case COLOR_PLAIN:
		break;
	}
	return "";
}
