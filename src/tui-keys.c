/* tui-keys.c - what keys do. One table of the keys common to every source
 * (the source has its own table, tried first): each binding names its keys,
 * the pane it applies in, its help line and the function that changes
 * state and returns what must be redrawn (TUI_R_*), never drawing. The
 * same tables make the '?' screen and the man page's key list. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

static unsigned
k_quit(struct tui *ui, int key)
{
	(void)key;
	return ui->src->quit(ui);
}

static unsigned
k_help(struct tui *ui, int key)
{
	(void)key;
	ui->help = true;
	ui->help_top = 0;
	return TUI_R_ALL | TUI_R_LAYOUT;
}

static unsigned
k_search(struct tui *ui, int key)
{
	(void)key;
	return tui_prompt_open(ui, PROMPT_SEARCH, "");
}

static unsigned
k_command(struct tui *ui, int key)
{
	(void)key;
	return tui_prompt_open(ui, PROMPT_COMMAND, "");
}

static unsigned
k_filter(struct tui *ui, int key)
{
	(void)key;
	return tui_prompt_open(ui, PROMPT_FILTER, "");
}

static unsigned
k_subtree(struct tui *ui, int key)
{
	struct tui_node	*n;

	(void)key;
	if (ui->ev_under != 0)
		ui->ev_under = 0;
	else if ((n = tui_selected(ui)) != NULL)
		ui->ev_under = ui->src->tgid(ui, n);
	ui->ev_follow = true;
	return TUI_R_EVENTS;
}

static unsigned
k_focus(struct tui *ui, int key)
{
	int	 i, p = ui->focus, dir = key == TK_BTAB ? -1 : 1;

	for (i = 0; i < PANE_COUNT; i++) {
		p = (p + dir + PANE_COUNT) % PANE_COUNT;
		if (p == PANE_PROGRAM && ui->prog == NULL)
			continue;
		if (ui->zoom || ui->shown[p])
			break;
	}
	ui->focus = (enum tui_pane)p;
	return ui->zoom ? TUI_R_ALL | TUI_R_LAYOUT : TUI_R_ALL;
}

static unsigned
k_zoom(struct tui *ui, int key)
{
	(void)key;
	ui->zoom = !ui->zoom;
	return TUI_R_ALL | TUI_R_LAYOUT;
}

static unsigned
k_pids(struct tui *ui, int key)
{
	(void)key;
	ui->pids_inner = !ui->pids_inner;
	return TUI_R_ALL;
}

static unsigned
k_output(struct tui *ui, int key)
{
	(void)key;
	ui->detview = ui->detview == DET_OUTPUT ? DET_INFO : DET_OUTPUT;
	ui->out_scroll = 0;
	return TUI_R_DETAILS;
}

static unsigned
k_redraw(struct tui *ui, int key)
{
	(void)key;
	tui_term_resize(ui);
	tui_repaint();
	return TUI_R_ALL | TUI_R_LAYOUT;
}

static unsigned
k_failure(struct tui *ui, int key)
{
	int	 dir = key == 'X' ? -1 : 1;

	if (ui->src->failure != NULL)
		return ui->src->failure(ui, dir);
	return tui_tree_failure(ui, dir);
}

static unsigned
no_program(struct tui *ui)
{
	tui_message(ui, 0, "no program pane (the program is not on a "
	    "forkwatch terminal)");
	return TUI_R_MSG;
}

static unsigned
k_type(struct tui *ui, int key)
{
	(void)key;
	if (ui->prog == NULL)
		return no_program(ui);
	ui->prog_keys = true;
	ui->focus = PANE_PROGRAM;
	tui_prog_scroll(ui->prog, INT32_MIN);
	return TUI_R_ALL | (ui->zoom ? TUI_R_LAYOUT : 0);
}

static unsigned
k_fullscreen(struct tui *ui, int key)
{
	(void)key;
	if (ui->prog == NULL)
		return no_program(ui);
	ui->prog_full = true;
	ui->prog_keys = true;
	ui->focus = PANE_PROGRAM;
	tui_prog_scroll(ui->prog, INT32_MIN);
	return TUI_R_ALL | TUI_R_LAYOUT;
}

static unsigned
k_back(struct tui *ui, int key)
{
	(void)key;
	if (ui->detview == DET_INFO)
		return 0;
	ui->detview = DET_INFO;
	ui->det_scroll = 0;
	ui->det_hscroll = 0;
	return TUI_R_DETAILS;
}

/* J in the tree: the selected task's latest event in the event pane; on
 * an adopted row, the task's own row. */
static unsigned
k_task_event(struct tui *ui, int key)
{
	struct tui_node	*n = tui_selected(ui);
	struct tui_ev	 e;
	size_t		 first, end, i;
	pid_t		 tid = 0;
	unsigned	 r;

	(void)key;
	if (n == NULL)
		return 0;
	/* On an adopted row, J goes to what the row stands for (as in the
	 * event pane): the task's own row. */
	if ((r = tui_tree_alias_jump(ui)) != 0)
		return r;
	ui->src->flags(ui, n, &tid);
	ui->src->ev_range(ui, &first, &end);
	for (i = end; i > first; i--) {
		if (ui->src->event(ui, i - 1, &e, NULL) && e.pid == tid)
			break;
	}
	if (i == first) {
		tui_message(ui, 0, "no event of %d in the event pane",
		    (int)tid);
		return TUI_R_MSG;
	}
	/* Filters that hide it go. */
	ui->ev_mask = (1u << FW_EV_COUNT) - 1;
	ui->ev_cond = 0;
	ui->ev_under = 0;
	ui->ev_cur = i - 1;
	ui->ev_follow = false;
	ui->focus = PANE_EVENTS;
	return TUI_R_ALL;
}

static unsigned
k_tree_move(struct tui *ui, int key)
{
	return tui_tree_move(ui, key);
}

static unsigned
k_tree_fold(struct tui *ui, int key)
{
	return tui_tree_fold(ui, key);
}

static unsigned
k_events_move(struct tui *ui, int key)
{
	return tui_events_move(ui, key);
}

static unsigned
k_events_open(struct tui *ui, int key)
{
	return tui_events_open(ui, key);
}

static unsigned
k_details(struct tui *ui, int key)
{
	return tui_details_scroll(ui, key);
}

static unsigned
k_prog_scroll(struct tui *ui, int key)
{
	int	 page = ui->pane[PANE_PROGRAM].h - 2;

	if (ui->prog == NULL)
		return 0;
	if (page < 1)
		page = 1;
	switch (key) {
	case TK_UP: case 'k':		tui_prog_scroll(ui->prog, 1); break;
	case TK_DOWN: case 'j':		tui_prog_scroll(ui->prog, -1); break;
	case TK_PGUP:			tui_prog_scroll(ui->prog, page); break;
	case TK_PGDN:			tui_prog_scroll(ui->prog, -page); break;
	case TK_WHEEL_UP:		tui_prog_scroll(ui->prog, 3); break;
	case TK_WHEEL_DOWN:		tui_prog_scroll(ui->prog, -3); break;
	case TK_HOME:	tui_prog_scroll(ui->prog, tui_prog_lines(ui->prog));
			break;
	case TK_END:	tui_prog_scroll(ui->prog, INT32_MIN); break;
	default:
		return 0;
	}
	return TUI_R_PROGRAM;
}

#define MOVE_KEYS	{ TK_UP, TK_DOWN, 'k', 'j' }
#define PAGE_KEYS	{ TK_PGUP, TK_PGDN, TK_WHEEL_UP, TK_WHEEL_DOWN }
#define END_KEYS	{ TK_HOME, TK_END }

const struct tui_keydef tui_common_keys[] = {
	{ { 'q' }, "q", PANE_COUNT,
	  "quit (asks first while traced tasks live)",
	  "Quit. While tasks live, forkwatch asks first (y quits; n, Esc or "
	  "Enter do not), then kills a launched tree or detaches from "
	  "attached processes. When the traced tree is gone the TUI stays, "
	  "to be looked at, until\n.BR q .", k_quit },
	{ { '?', TK_F1 }, "? F1", PANE_COUNT,
	  "this help (Up, Down, PgUp, PgDn scroll it)", NULL, k_help },
	{ { ':' }, ":", PANE_COUNT,
	  "console command (Tab completes, Up/Down history)",
	  "A console command, with the console's commands, history (Up, "
	  "Down) and completion (Tab; a word with several candidates lists "
	  "them on the status line); output longer than a line goes to "
	  "the details pane.", k_command },
	{ { '/' }, "/", PANE_COUNT,
	  "search (the tree; the log in a replay; the program's lines)",
	  "Search the tree for a task id or text in its argv, folded tasks "
	  "included; in a replay, every task of the log (the time cursor "
	  "moves to its birth, or to the exec that gave it the matching "
	  "argv); with the program pane focused, its lines, upwards from "
	  "the last match.\nEnter on an empty search finds the next match.",
	  k_search },
	{ { 'x', 'X' }, "x X", PANE_COUNT,
	  "next / previous failed task (non-zero exit, killed)",
	  "The next or previous task that failed: a non-zero exit status "
	  "(an exec that failed ends so) or killed by a signal. In a "
	  "replay, the time cursor moves to the next or previous such exit. "
	  "The status line counts the failures.", k_failure },
	{ { 'f' }, "f", PANE_COUNT,
	  "filter events: kinds, nonzero, killed, failed, under=PID",
	  "Filter the events: event kinds\n.RB ( \"fork exec exit signal\" "
	  "...),\n.B nonzero\n(exits with a non-zero code),\n.B killed\n"
	  "(exits by a signal),\n.B failed\n(both),\n.BI under= pid\nfor a "
	  "subtree,\n.B under\nfor the selected task's; empty shows "
	  "everything.", k_filter },
	{ { 'F' }, "F", PANE_COUNT,
	  "events of the selected subtree only / all", NULL, k_subtree },
	{ { '\t', TK_BTAB }, "Tab Shift-Tab", PANE_COUNT,
	  "focus the next / previous pane", NULL, k_focus },
	{ { 'z' }, "z", PANE_COUNT, "zoom the focused pane / back", NULL,
	  k_zoom },
	{ { 'N' }, "N", PANE_COUNT,
	  "pid namespaces: a task's inner pid first / forkwatch's",
	  "For tasks in another pid namespace (a container, unshare -p), "
	  "which pid comes first in the tree and the details: the one the "
	  "task has in its own namespace, as ps(1) in the container prints "
	  "it, then forkwatch's in brackets ('7 [outer 48213]'), or the "
	  "other way round ('48213 [inner 7]', the default). The console's "
	  "set pids inner|outer does the same.", k_pids },
	{ { 'o' }, "o", PANE_COUNT,
	  "details pane: command output / task details", NULL, k_output },
	{ { 'i' }, "i", PANE_COUNT,
	  "type into the program (Ctrl-] gives the keys back)", NULL,
	  k_type },
	{ { 'Z' }, "Z", PANE_COUNT,
	  "the program full-screen, keys to it (Ctrl-] back)",
	  "The program's terminal on the whole screen (the program gets the "
	  "new size and every key);\n.B Ctrl\\-]\ncomes back.",
	  k_fullscreen },
	{ { TK_ESC }, "Esc", PANE_COUNT,
	  "details pane: back to the task's details", NULL, k_back },
	{ { TK_CTRL_L }, "Ctrl-L", PANE_COUNT, "redraw the screen", NULL,
	  k_redraw },

	{ MOVE_KEYS, "Up Down k j", PANE_TREE, "select the previous / next "
	  "task", NULL, k_tree_move },
	{ PAGE_KEYS, "PgUp PgDn", PANE_TREE, "a page up / down (also the "
	  "mouse wheel)", NULL, k_tree_move },
	{ END_KEYS, "Home End", PANE_TREE, "the first / last task", NULL,
	  k_tree_move },
	{ { TK_ENTER }, "Enter", PANE_TREE, "show / hide a process's "
	  "threads; adopted row: its own row",
	  "Show or hide a process's threads. On an adopted row (a process "
	  "the kernel gave its new parent, listed again under it), go to "
	  "the task's own row, under the process that made it.",
	  k_tree_fold },
	{ { ' ' }, "Space", PANE_TREE, "fold / unfold a process's children",
	  NULL, k_tree_fold },
	{ { TK_LEFT, TK_RIGHT }, "Left Right", PANE_TREE,
	  "fold, or go to the parent / unfold",
	  "Fold a process's children, or on a folded or childless task go "
	  "to its parent / unfold.", k_tree_fold },
	{ { 'J' }, "J", PANE_TREE, "the task's latest event (event pane); "
	  "adopted row: its own row",
	  "The task's latest event in the event pane; on an adopted row, "
	  "the task's own row.", k_task_event },

	{ MOVE_KEYS, "Up Down k j", PANE_EVENTS, "move the cursor", NULL,
	  k_events_move },
	{ PAGE_KEYS, "PgUp PgDn", PANE_EVENTS, "a page up / down (also the "
	  "mouse wheel)", NULL, k_events_move },
	{ END_KEYS, "Home End", PANE_EVENTS, "the oldest event / follow the "
	  "newest", NULL, k_events_move },
	{ { TK_LEFT, TK_RIGHT, '<', '>' }, "Left Right < >", PANE_EVENTS,
	  "scroll long lines sideways", NULL, k_events_move },
	{ { TK_ENTER }, "Enter", PANE_EVENTS,
	  "the event in the details pane (argv, env, fds, command line)",
	  "Everything about the event under the cursor, in the details "
	  "pane: for an exec what\n.B info exec\nshows (its full argv, cwd, "
	  "the environment as a difference from the one it had before with\n"
	  ".BR \\-\\-env ,\nthe file descriptors open across the exec and "
	  "those it closed with\n.BR \\-\\-fds ,\nand a command line that "
	  "runs the same exec again when pasted).", k_events_open },
	{ { 'J' }, "J", PANE_EVENTS, "the event's task in the tree", NULL,
	  k_events_open },

	{ MOVE_KEYS, "Up Down k j", PANE_DETAILS, "scroll", NULL, k_details },
	{ PAGE_KEYS, "PgUp PgDn", PANE_DETAILS, "a page up / down", NULL,
	  k_details },
	{ END_KEYS, "Home End", PANE_DETAILS, "the top / the end", NULL,
	  k_details },
	{ { TK_LEFT, TK_RIGHT, '<', '>' }, "Left Right < >", PANE_DETAILS,
	  "scroll sideways", NULL, k_details },

	{ MOVE_KEYS, "Up Down k j", PANE_PROGRAM, "scroll back / forward a "
	  "line", NULL, k_prog_scroll },
	{ PAGE_KEYS, "PgUp PgDn", PANE_PROGRAM, "scroll back / forward a "
	  "page (also the mouse wheel)",
	  "Scroll the program's lines back / forward a page (also the mouse "
	  "wheel): the lines that scrolled off its screen are kept, 10000 by "
	  "default\n.RB ( \\-\\-scrollback ).", k_prog_scroll },
	{ END_KEYS, "Home End", PANE_PROGRAM, "the oldest line kept / the "
	  "screen", NULL, k_prog_scroll },
	{ { 0 }, NULL, 0, NULL, NULL, NULL },
};

/* The names the tables give keys, for the keys that are not one
 * character. */
static const struct {
	const char	*name;
	int		 key;
} key_names[] = {
	{ "Up", TK_UP }, { "Down", TK_DOWN }, { "Left", TK_LEFT },
	{ "Right", TK_RIGHT }, { "PgUp", TK_PGUP }, { "PgDn", TK_PGDN },
	{ "Home", TK_HOME }, { "End", TK_END }, { "Enter", TK_ENTER },
	{ "Esc", TK_ESC }, { "Tab", '\t' }, { "Shift-Tab", TK_BTAB },
	{ "Space", ' ' }, { "Ctrl-C", TK_CTRL_C }, { "Ctrl-L", TK_CTRL_L },
	{ "F1", TK_F1 },
};

int
tui_key_code(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(key_names); i++) {
		if (strlen(key_names[i].name) == len &&
		    memcmp(key_names[i].name, name, len) == 0)
			return key_names[i].key;
	}
	if (len == 1 && (unsigned char)name[0] > 0x20 &&
	    (unsigned char)name[0] < 0x7f)
		return (unsigned char)name[0];
	return TK_NONE;
}

/* Does table bind key where a binding for pane applies (PANE_COUNT: in
 * every pane)? */
static bool
taken(const struct tui_keydef *table, int pane, int key)
{
	const struct tui_keydef	*k;
	size_t			 i;

	for (k = table; k != NULL && k->names != NULL; k++) {
		if (k->pane != PANE_COUNT && k->pane != pane)
			continue;
		for (i = 0; i < FW_ARRAY_SIZE(k->keys) && k->keys[i] != 0; i++)
			if (k->keys[i] == key)
				return true;
	}
	return false;
}

bool
tui_key_names_left(const struct tui_keydef *k, const struct tui_keydef *over,
    struct fw_buf *b)
{
	const char	*w = k->names, *e;
	bool		 any = false;

	while (*w != '\0') {
		for (e = w; *e != '\0' && *e != ' '; e++)
			;
		/* The source's own table is tried first: a key it takes
		 * where this binding applies never reaches this binding. */
		if (!taken(over, k->pane, tui_key_code(w, (size_t)(e - w)))) {
			if (any)
				fw_buf_addc(b, ' ');
			fw_buf_add(b, w, (size_t)(e - w));
			any = true;
		}
		w = *e == ' ' ? e + 1 : e;
	}
	return any;
}

/* The pane under the mouse pointer, else the focused one. */
static int
pane_at(struct tui *ui, int key)
{
	int	 i;

	if (key != TK_WHEEL_UP && key != TK_WHEEL_DOWN)
		return ui->focus;
	for (i = 0; i < PANE_COUNT; i++) {
		if (ui->shown[i] && ui->mouse_y >= ui->pane[i].y &&
		    ui->mouse_y < ui->pane[i].y + ui->pane[i].h &&
		    ui->mouse_x >= ui->pane[i].x &&
		    ui->mouse_x < ui->pane[i].x + ui->pane[i].w)
			return i;
	}
	return ui->focus;
}

/* Run the first binding of key in table that applies in pane. */
static unsigned
dispatch(struct tui *ui, const struct tui_keydef *table, int pane, int key,
    bool *found)
{
	const struct tui_keydef	*k;
	unsigned		 r;
	int			 i;

	for (k = table; k->names != NULL; k++) {
		if (k->pane != PANE_COUNT && k->pane != pane)
			continue;
		for (i = 0; i < (int)FW_ARRAY_SIZE(k->keys) && k->keys[i] != 0;
		    i++) {
			if (k->keys[i] != key)
				continue;
			*found = true;
			if ((r = k->fn(ui, key)) != 0)
				return r;
			break;
		}
	}
	return 0;
}

unsigned
tui_key(struct tui *ui, int key)
{
	unsigned	 r;
	int		 pane;
	bool		 found = false;

	if (key == TK_NONE)
		return 0;
	if (ui->prompt != PROMPT_NONE)
		return tui_prompt_key(ui, key);
	if (ui->help) {
		switch (key) {
		case TK_UP: case 'k':		ui->help_top--; break;
		case TK_DOWN: case 'j':		ui->help_top++; break;
		case TK_PGUP: case TK_WHEEL_UP:	ui->help_top -= ui->rows - 4;
						break;
		case TK_PGDN: case TK_WHEEL_DOWN: ui->help_top += ui->rows - 4;
						break;
		default:
			ui->help = false;
			return TUI_R_ALL | TUI_R_LAYOUT;
		}
		return TUI_R_ALL;
	}
	if (ui->prog_keys) {
		if (key == TK_CTRL_RBRACKET) {
			ui->prog_keys = false;
			if (ui->prog_full) {
				ui->prog_full = false;
				return TUI_R_ALL | TUI_R_LAYOUT;
			}
			return TUI_R_ALL;
		}
		tui_prog_key(ui->prog, key);
		return 0;
	}
	pane = pane_at(ui, key);
	if ((r = dispatch(ui, ui->src->keys, pane, key, &found)) != 0)
		return r;
	if ((r = dispatch(ui, tui_common_keys, pane, key, &found)) != 0)
		return r;
	(void)found;
	return 0;
}
