/* tui.h - the interactive curses front end: a live process tree, details,
 * events and the traced program's terminal in panes (tui*.c), and the same
 * screen over a saved JSONL log with a time cursor (--replay). */
#ifndef FW_TUI_H
#define FW_TUI_H

struct fw_options;

/* Run the TUI on the program or pids in o (o->tty: NULL or "pty" for the
 * program pane, "inherit", or a terminal path). Returns forkwatch's exit
 * status (the program's own, like the console). */
int	tui_main(const struct fw_options *);

/* Open the JSONL log o->replay in the TUI with a time cursor. Returns 0, or
 * FW_EXIT_FAILURE when the log cannot be read. */
int	tui_replay_main(const struct fw_options *);

#endif
