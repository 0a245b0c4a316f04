/* tui-layout.c - the compositor: where the panes go, and the one redraw
 * the loop calls, which draws each dirty pane, the status and message
 * lines, or the '?' screen. */
#include "config.h"

#include <string.h>

#include "tui-int.h"

/* Place the panes: tree over events on the left, details over the program
 * on the right (details alone without a program pane); one pane when
 * zoomed; the program alone on the whole screen when full-screen; the
 * right column goes on narrow terminals. */
void
tui_layout(struct tui *ui)
{
	int	 h = ui->rows - 2, w = ui->cols, left, top, i;
	bool	 prog = ui->prog != NULL;

	if (h < 2)
		h = 2;
	for (i = 0; i < PANE_COUNT; i++) {
		ui->shown[i] = false;
		memset(&ui->pane[i], 0, sizeof ui->pane[i]);
	}
	if (!prog) {
		ui->prog_full = false;
		if (ui->focus == PANE_PROGRAM)
			ui->focus = PANE_TREE;
	}
	if (ui->prog_full) {
		ui->pane[PANE_PROGRAM] = (struct tui_rect){ 0, 0, ui->rows,
		    ui->cols };
		ui->shown[PANE_PROGRAM] = true;
		tui_prog_resize(ui->prog, ui->rows, ui->cols);
		return;
	}
	if (ui->zoom) {
		ui->pane[ui->focus] = (struct tui_rect){ 0, 0, h, w };
		ui->shown[ui->focus] = true;
	} else {
		top = h * 6 / 10;
		if (top < 2)
			top = h;
		left = w >= 60 ? w * 55 / 100 : w;
		ui->pane[PANE_TREE] = (struct tui_rect){ 0, 0, top, left };
		ui->pane[PANE_EVENTS] = (struct tui_rect){ top, 0, h - top,
		    left };
		ui->shown[PANE_TREE] = true;
		ui->shown[PANE_EVENTS] = h - top >= 2;
		if (left < w) {
			ui->shown[PANE_DETAILS] = true;
			ui->pane[PANE_DETAILS] = (struct tui_rect){ 0, left + 1,
			    prog ? top : h, w - left - 1 };
			if (prog) {
				ui->shown[PANE_PROGRAM] = true;
				ui->pane[PANE_PROGRAM] = (struct tui_rect){ top,
				    left + 1, h - top, w - left - 1 };
			}
		}
		if (!ui->shown[ui->focus])
			ui->focus = PANE_TREE;
	}
	/* The program's terminal is the pane's inside (it keeps its last
	 * size while hidden). */
	if (prog && ui->shown[PANE_PROGRAM] && ui->pane[PANE_PROGRAM].h > 1)
		tui_prog_resize(ui->prog, ui->pane[PANE_PROGRAM].h - 1,
		    ui->pane[PANE_PROGRAM].w);
}

void
tui_draw(struct tui *ui)
{
	unsigned	 d = ui->dirty;
	int		 i;

	if (d & TUI_R_LAYOUT) {
		tui_layout(ui);
		tui_clear();
		d |= TUI_R_ALL;
	}
	tui_set_cursor(-1, 0);
	/* The program's cursor is placed when its pane is drawn. */
	if (ui->prog_keys)
		d |= TUI_R_PROGRAM;
	if (ui->prog_full) {
		if (d & TUI_R_PROGRAM)
			tui_prog_draw(ui->prog, &ui->pane[PANE_PROGRAM],
			    TUI_PROG_KEYS, false);
		tui_flush();
		ui->dirty = 0;
		ui->urgent = false;
		return;
	}
	if (ui->help) {
		tui_help_draw(ui);
	} else {
		if ((d & TUI_R_TREE) && ui->shown[PANE_TREE])
			tui_tree_draw(ui);
		/* The event pane first: it places its cursor, which the
		 * details of an event follow. */
		if ((d & TUI_R_EVENTS) && ui->shown[PANE_EVENTS])
			tui_events_draw(ui);
		if ((d & TUI_R_DETAILS) && ui->shown[PANE_DETAILS])
			tui_details_draw(ui);
		if ((d & TUI_R_PROGRAM) && ui->shown[PANE_PROGRAM])
			tui_prog_draw(ui->prog, &ui->pane[PANE_PROGRAM],
			    ui->prog_keys ? TUI_PROG_KEYS :
			    ui->focus == PANE_PROGRAM ? TUI_PROG_FOCUSED :
			    TUI_PROG_UNFOCUSED, true);
		if (d & TUI_R_LAYOUT) {
			for (i = 0; i < PANE_COUNT; i++) {
				if (ui->shown[i] && ui->pane[i].x > 0)
					tui_vline(ui->pane[i].y, ui->pane[i].x -
					    1, ui->pane[i].h);
			}
		}
	}
	tui_status_draw(ui);
	tui_msg_draw(ui);
	tui_flush();
	ui->dirty = 0;
	ui->urgent = false;
}
