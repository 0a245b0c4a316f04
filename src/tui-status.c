/* tui-status.c - the two bottom lines (the status line with the source's
 * state and the keys that matter now; the message or prompt line) and the
 * '?' screen, which lists the key tables the keys are dispatched from. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

/* The keys that matter now, for the status line. */
static const char *
hints(struct tui *ui)
{
	switch (ui->prompt) {
	case PROMPT_COMMAND:
		return "Enter:run Tab:complete Up/Down:history Esc:cancel";
	case PROMPT_YESNO:
		return "y:yes n/Esc:no";
	case PROMPT_NONE:
		break;
	default:
		return "Enter:ok Esc:cancel";
	}
	if (ui->prog_keys)
		return "keys go to the program  Ctrl-]:back";
	if (ui->help)
		return "Up/Down/PgUp/PgDn:scroll  any other key:close";
	return ui->src->hints(ui);
}

void
tui_status_draw(struct tui *ui)
{
	struct fw_buf	 b;
	const char	*h = hints(ui);
	int		 y = ui->rows - 2, used, hw;
	unsigned	 a = TA_REV;

	if (y < 0)
		return;
	if (ui->prompt == PROMPT_COMMAND && ui->cands[0] != '\0') {
		used = tui_puts(y, 0, ui->cols, ui->cands, strlen(ui->cands),
		    TA_REV);
		tui_fill(y, used, ui->cols - used, TA_REV);
		return;
	}
	fw_buf_init(&b);
	ui->src->status(ui, &b, &a);
	fw_buf_adds(&b, "  ");
	used = tui_puts(y, 0, ui->cols, b.data, b.len, a | TA_BOLD);
	hw = tui_text_width(h, strlen(h));
	if (used + hw + 1 <= ui->cols) {
		tui_fill(y, used, ui->cols - used - hw - 1, TA_REV);
		tui_puts(y, ui->cols - hw - 1, hw, h, strlen(h), TA_REV);
		tui_fill(y, ui->cols - 1, 1, TA_REV);
	} else {
		used += tui_puts(y, used, ui->cols - used, h, strlen(h),
		    TA_REV);
		tui_fill(y, used, ui->cols - used, TA_REV);
	}
	fw_buf_release(&b);
}

void
tui_msg_draw(struct tui *ui)
{
	const char	*pre = tui_prompt_prefix(ui->prompt), *text;
	int		 y = ui->rows - 1, pw, used;
	size_t		 start = 0;

	if (y < 0)
		return;
	if (ui->prompt == PROMPT_NONE || ui->prompt == PROMPT_YESNO) {
		used = tui_puts(y, 0, ui->cols, ui->msg, strlen(ui->msg),
		    ui->msg_attr);
		tui_fill(y, used, ui->cols - used, 0);
		return;
	}
	pw = tui_puts(y, 0, ui->cols, pre, strlen(pre), TA_BOLD);
	text = fw_buf_cstr(&ui->line);
	/* Keep the cursor on screen: show the line from a later start. */
	while (start < ui->cur && tui_text_width(text + start,
	    ui->cur - start) > ui->cols - pw - 1) {
		start++;
		while (start < ui->cur &&
		    ((unsigned char)text[start] & 0xc0) == 0x80)
			start++;
	}
	used = tui_puts(y, pw, ui->cols - pw, text + start,
	    ui->line.len - start, 0);
	tui_fill(y, pw + used, ui->cols - pw - used, 0);
	tui_set_cursor(y, pw + tui_text_width(text + start, ui->cur - start));
}

/* The common keys' sections, in help order. */
static const struct {
	int		 pane;
	const char	*title;
} sections[] = {
	{ PANE_COUNT,	"Everywhere" },
	{ PANE_TREE,	"In the tree pane" },
	{ PANE_EVENTS,	"In the event pane" },
	{ PANE_DETAILS,	"In the details pane" },
	{ PANE_PROGRAM,	"In the program pane" },
};

/* The help text: the source's keys, then the common ones by pane, each
 * with the keys that reach it (the source's table is tried first); the
 * program pane's only when there is one. */
static void
help_text(struct tui *ui, struct fw_buf *b)
{
	const struct tui_keydef	*k;
	struct fw_buf		 names;
	size_t			 i;

	fw_buf_init(&names);
	fw_buf_printf(b, "%s\n", ui->src->keys_title);
	for (k = ui->src->keys; k->names != NULL; k++) {
		if (k->help != NULL)
			fw_buf_printf(b, "  %-14s %s\n", k->names, k->help);
	}
	for (i = 0; i < FW_ARRAY_SIZE(sections); i++) {
		if (sections[i].pane == PANE_PROGRAM && ui->prog == NULL)
			continue;
		fw_buf_printf(b, "\n%s\n", sections[i].title);
		for (k = tui_common_keys; k->names != NULL; k++) {
			if (k->pane != sections[i].pane || k->help == NULL)
				continue;
			fw_buf_reset(&names);
			if (tui_key_names_left(k, ui->src->keys, &names))
				fw_buf_printf(b, "  %-14s %s\n",
				    fw_buf_cstr(&names), k->help);
		}
	}
	fw_buf_release(&names);
}

void
tui_help_draw(struct tui *ui)
{
	struct fw_buf	 b;
	struct tui_rect	 body = { 1, 0, ui->rows - 3, ui->cols };
	char		 line[256];
	int		 lines;

	fw_buf_init(&b);
	help_text(ui, &b);
	lines = tui_count_lines(b.data, b.len);
	if (ui->help_top > lines - body.h)
		ui->help_top = lines - body.h;
	if (ui->help_top < 0)
		ui->help_top = 0;
	snprintf(line, sizeof line, " forkwatch keys (%s)  [%d-%d of %d]",
	    ui->src->name, ui->help_top + 1, ui->help_top + (lines < body.h ?
	    lines : body.h), lines);
	tui_title(&(struct tui_rect){ 0, 0, 1, ui->cols }, true, line);
	if (body.h > 0)
		tui_draw_lines(&body, b.data, b.len, ui->help_top, 0, 0);
	fw_buf_release(&b);
}
