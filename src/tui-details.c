/* tui-details.c - the details pane: what the source knows of the selected
 * task (re-rendered when the selection changes, and once a second while
 * the task lives), everything about the event under the event pane's
 * cursor, or the transcript of command output. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

static void
render(struct tui *ui)
{
	struct tui_node	*n;
	pid_t		 tid = 0;

	fw_buf_reset(&ui->det);
	if (ui->detview == DET_EVENT) {
		if (ui->ev_shown == SIZE_MAX) {
			fw_buf_adds(&ui->det, "no event selected\n");
			return;
		}
		ui->src->ev_details(ui, ui->ev_shown, &ui->det);
		return;
	}
	if ((n = tui_selected(ui)) == NULL) {
		fw_buf_adds(&ui->det, "no task selected\n");
		ui->det_tid = 0;
		return;
	}
	ui->src->flags(ui, n, &tid);
	if (tid != ui->det_tid)
		ui->det_scroll = 0;
	ui->det_tid = tid;
	ui->src->details(ui, n, &ui->det);
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
		tui_title(r, ui->focus == PANE_DETAILS, fw_buf_cstr(&title));
		tui_draw_lines(&body, ui->out.data, ui->out.len, skip,
		    ui->det_hscroll, 0);
		fw_buf_release(&title);
		return;
	}
	render(ui);
	lines = tui_count_lines(ui->det.data, ui->det.len);
	if (ui->det_scroll > lines - 1)
		ui->det_scroll = lines > 0 ? lines - 1 : 0;
	if (ui->detview == DET_EVENT)
		fw_buf_printf(&title, " event #%zu  (Esc: task details)",
		    ui->ev_shown);
	else
		fw_buf_printf(&title, " details %d", (int)ui->det_tid);
	if (lines > body.h || ui->det_scroll > 0)
		fw_buf_printf(&title, "  [%d/%d]", ui->det_scroll + 1, lines);
	if (ui->det_hscroll > 0)
		fw_buf_printf(&title, "  [>%d]", ui->det_hscroll);
	tui_title(r, ui->focus == PANE_DETAILS, fw_buf_cstr(&title));
	tui_draw_lines(&body, ui->det.data, ui->det.len, ui->det_scroll,
	    ui->det_hscroll, 0);
	fw_buf_release(&title);
}

unsigned
tui_details_scroll(struct tui *ui, int key)
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
	case TK_WHEEL_UP:
		*scroll -= 3 * sign;
		break;
	case TK_WHEEL_DOWN:
		*scroll += 3 * sign;
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
	case TK_LEFT:
	case '<':
		ui->det_hscroll -= 8;
		if (ui->det_hscroll < 0)
			ui->det_hscroll = 0;
		return TUI_R_DETAILS;
	case TK_RIGHT:
	case '>':
		ui->det_hscroll += 8;
		return TUI_R_DETAILS;
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
