/* tui-curses.h - the one header that includes curses; used by the files
 * that talk to the terminal (tui-term.c, tui-draw.c). Every other TUI file
 * draws through tui-int.h. */
#ifndef FW_TUI_CURSES_H
#define FW_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <term.h>

/* The colour pair of the attribute bits TC_* (0: none). */
int	tui_curses_pair(unsigned attr);
/* Map TA_* and TC_* bits to a curses attribute, colour included. */
attr_t	tui_curses_attr(unsigned attr);
/* Set up colour pairs (unless NO_COLOR); true when colours are used. */
bool	tui_curses_colors(void);

#endif
