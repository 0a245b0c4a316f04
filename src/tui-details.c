/* tui-details.c - the details pane: what forkwatch and /proc know about the
 * selected task (the console's `info`, from inspect.c), re-read when the
 * selection changes and once a second while the task lives; its backtrace
 * on demand; or the transcript of command output. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "tui-int.h"

static void
tui_details_render(struct tui *ui)
{
	struct fw_task	*t;

	fw_buf_reset(&ui->det);
	if ((t = tui_selected(ui)) == NULL) {
		fw_buf_adds(&ui->det, "no task selected\n");
		ui->det_tid = 0;
		return;
	}
	if (t->tid != ui->det_tid)
		ui->det_scroll = 0;
	ui->det_tid = t->tid;
	if (!ui->live) {
		tui_replay_details(ui, t, &ui->det);
	} else {
		inspect_info(&ui->s, t, &ui->det);
	}
	if (ui->bt_tid == t->tid && ui->bt.len > 0) {
		fw_buf_adds(&ui->det, "backtrace\n");
		fw_buf_add(&ui->det, ui->bt.data, ui->bt.len);
	}
}

void
tui_details_draw(struct tui *ui)
{
	const struct tui_rect	*r = &ui->pane[PANE_DETAILS];
	struct tui_rect		 body = { r->y + 1, r->x, r->h - 1, r->w };
	struct fw_buf		 title;
	int			 lines, skip;

	fw_buf_init(&title);
	if (ui->detview == DET_OUTPUT) {
		lines = tui_count_lines(ui->out.data, ui->out.len);
		skip = lines - body.h - ui->out_scroll;
		if (skip < 0)
			skip = 0;
		fw_buf_printf(&title, " output  (o: details)%s",
		    ui->out_scroll > 0 ? "  [scrolled]" : "");
		tui_title(ui, PANE_DETAILS, fw_buf_cstr(&title));
		tui_draw_lines(&body, ui->out.data, ui->out.len, skip, 0);
	} else {
		tui_details_render(ui);
		lines = tui_count_lines(ui->det.data, ui->det.len);
		if (ui->det_scroll > lines - 1)
			ui->det_scroll = lines > 0 ? lines - 1 : 0;
		fw_buf_printf(&title, " details %d", (int)ui->det_tid);
		if (lines > body.h)
			fw_buf_printf(&title, "  [%d/%d]", ui->det_scroll + 1,
			    lines);
		tui_title(ui, PANE_DETAILS, fw_buf_cstr(&title));
		tui_draw_lines(&body, ui->det.data, ui->det.len,
		    ui->det_scroll, 0);
	}
	fw_buf_release(&title);
}

unsigned
tui_details_key(struct tui *ui, int key)
{
	int	*scroll = ui->detview == DET_OUTPUT ? &ui->out_scroll :
	    &ui->det_scroll;
	int	 page = ui->pane[PANE_DETAILS].h - 2;
	int	 sign = ui->detview == DET_OUTPUT ? -1 : 1;

	if (page < 1)
		page = 1;
	switch (key) {
	case TK_UP:
	case 'k':
		*scroll -= sign;
		break;
	case TK_DOWN:
	case 'j':
		*scroll += sign;
		break;
	case TK_PGUP:
		*scroll -= sign * page;
		break;
	case TK_PGDN:
		*scroll += sign * page;
		break;
	case TK_HOME:
		*scroll = ui->detview == DET_OUTPUT ? 1 << 20 : 0;
		break;
	case TK_END:
		*scroll = ui->detview == DET_OUTPUT ? 0 : 1 << 20;
		break;
	default:
		return 0;
	}
	if (*scroll < 0)
		*scroll = 0;
	if (ui->detview == DET_OUTPUT && *scroll > tui_count_lines(ui->out.data,
	    ui->out.len))
		*scroll = tui_count_lines(ui->out.data, ui->out.len);
	return TUI_R_DETAILS;
}

/* Backtrace of the selected task into the details pane, from the shared
 * inspect layer (source lines, demangled names): a running task is stopped
 * for the moment of the unwind and restarted. */
unsigned
tui_backtrace(struct tui *ui)
{
	struct fw_task	*t = tui_selected(ui);
	struct fw_buf	 err;
	pid_t		 tid;

	if (!ui->live || t == NULL || t->state == TASK_DEAD) {
		tui_message(ui, TC_RED, "backtrace: no live task selected");
		return TUI_R_MSG;
	}
	tid = t->tid;
	fw_buf_init(&err);
	fw_buf_reset(&ui->bt);
	if (inspect_bt(&ui->s, t, &ui->bt, &err) != 0) {
		fw_buf_reset(&ui->bt);
		fw_buf_printf(&ui->bt, "  (no backtrace: %s)\n",
		    fw_buf_cstr(&err));
	}
	fw_buf_release(&err);
	ui->bt_tid = tid;
	ui->detview = DET_INFO;
	/* Show the frames: they follow the /proc lines. */
	ui->det_scroll = 1 << 20;
	tui_details_render(ui);
	ui->det_scroll = tui_count_lines(ui->det.data, ui->det.len) -
	    tui_count_lines(ui->bt.data, ui->bt.len) - 1;
	if (ui->det_scroll < 0)
		ui->det_scroll = 0;
	tui_message(ui, 0, "backtrace of %d in the details pane", (int)tid);
	return TUI_R_DETAILS | TUI_R_MSG | TUI_R_TREE;
}
