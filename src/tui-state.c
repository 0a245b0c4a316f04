/* tui-state.c - the TUI's state that every part may change: the message
 * line, the transcript of command output, the selection, a y/n question,
 * the fold state of tasks, and the formatting of labels and times that
 * both sources share. Calls nothing else of the TUI but the source's
 * find(). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "tui-int.h"

void
tui_init(struct tui *ui, const struct fw_options *o)
{
	memset(ui, 0, sizeof *ui);
	ui->o = o;
	ui->winch_fd = -1;
	ui->ev_mask = (1u << FW_EV_COUNT) - 1;
	ui->ev_follow = true;
	ui->ev_cur = SIZE_MAX;
	ui->ev_shown = SIZE_MAX;
	ui->scrollback = o->scrollback >= 0 ? o->scrollback : TUI_SCROLLBACK;
	fw_buf_init(&ui->det);
	fw_buf_init(&ui->out);
	fw_buf_init(&ui->line);
}

void
tui_release(struct tui *ui)
{
	int	 i;

	if (ui->src != NULL && ui->src->free != NULL)
		ui->src->free(ui);
	tui_prog_free(ui->prog);
	fw_buf_release(&ui->det);
	fw_buf_release(&ui->out);
	fw_buf_release(&ui->line);
	for (i = 0; i < ui->nhist; i++)
		free(ui->hist[i]);
	free(ui->hist);
	free(ui->search);
	if (ui->winch_fd >= 0)
		close(ui->winch_fd);
}

void
tui_message(struct tui *ui, unsigned attr, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_attr = attr;
	ui->dirty |= TUI_R_MSG;
}

/* Keep the transcript of command output bounded: drop the oldest half. */
static void
out_trim(struct tui *ui)
{
	const char	*cut;
	size_t		 drop;

	if (ui->out.len <= TUI_OUT_MAX)
		return;
	drop = ui->out.len - TUI_OUT_MAX / 2;
	cut = memchr(ui->out.data + drop, '\n', ui->out.len - drop);
	drop = cut != NULL ? (size_t)(cut - ui->out.data) + 1 : ui->out.len;
	memmove(ui->out.data, ui->out.data + drop, ui->out.len - drop);
	ui->out.len -= drop;
	ui->out.data[ui->out.len] = '\0';
}

/* All of the output to the transcript ('o'), its last line to the message
 * line; before the screen is up, errors and the output of scripts to the
 * terminal too. */
void
tui_output(struct tui *ui, const char *text, size_t len, bool error)
{
	const char	*end = text + len, *p, *last = NULL, *e;

	if (!ui->screen_up && (error || ui->echo))
		fw_write_all(error ? STDERR_FILENO : STDOUT_FILENO, text, len);
	fw_buf_add(&ui->out, text, len);
	out_trim(ui);
	if (ui->capture != NULL)
		fw_buf_add(ui->capture, text, len);
	for (p = text; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		if (e > p)
			last = p;
	}
	if (last != NULL) {
		e = memchr(last, '\n', (size_t)(end - last));
		if (e == NULL)
			e = end;
		snprintf(ui->msg, sizeof ui->msg, "%.*s", (int)(e - last),
		    last);
		ui->msg_attr = error ? TC_RED : 0;
	}
	ui->dirty |= TUI_R_MSG | (ui->detview == DET_OUTPUT ?
	    TUI_R_DETAILS : 0);
}

unsigned
tui_select_tid(struct tui *ui, pid_t tid)
{
	if (tid == 0 || (tid == ui->sel_tid && !ui->sel_alias))
		return 0;
	ui->sel_tid = tid;
	ui->sel_alias = false;
	ui->det_scroll = 0;
	if (ui->detview == DET_EVENT)
		ui->detview = DET_INFO;
	return TUI_R_TREE | TUI_R_DETAILS | TUI_R_STATUS;
}

struct tui_node *
tui_selected(struct tui *ui)
{
	if (ui->sel_tid == 0)
		return NULL;
	return ui->src->find(ui, ui->sel_tid);
}

unsigned
tui_ask(struct tui *ui, unsigned (*yes)(struct tui *), const char *no,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_attr = TA_BOLD;
	ui->prompt = PROMPT_YESNO;
	ui->yes = yes;
	ui->no = no;
	return TUI_R_MSG | TUI_R_STATUS;
}

bool
tui_label_argv(struct fw_buf *b, const char *const *argv, size_t argc)
{
	const char	*a, *slash;
	size_t		 i;

	for (i = 0; i < argc; i++) {
		a = argv[i];
		if (i > 0)
			fw_buf_addc(b, ' ');
		else if ((slash = strrchr(a, '/')) != NULL && slash[1] != '\0')
			a = slash + 1;
		esc_text_bare(b, a, strlen(a));
	}
	return argc > 0;
}

void
tui_fmt_runtime(char *buf, size_t len, double s)
{
	int	 m;

	if (s < 0)
		s = 0;
	if (s < 10)
		snprintf(buf, len, "%.2fs", s);
	else if (s < 100)
		snprintf(buf, len, "%.1fs", s);
	else if (s < 3600) {
		m = (int)(s / 60);
		snprintf(buf, len, "%dm%02ds", m, (int)s - m * 60);
	} else {
		m = (int)(s / 60);
		snprintf(buf, len, "%dh%02dm", m / 60, m % 60);
	}
}

/* The fold table: open addressing on the task id; a slot also holds the
 * task's birth time, so a reused id does not inherit the fold. Few tasks
 * are ever folded by hand, so slots are never removed. */
struct tui_fold {
	pid_t		 tid;		/* 0: free */
	double		 born;
	unsigned	 bits;
};

static size_t
fold_slot(const struct tui_folds *f, pid_t tid, double born)
{
	size_t	 h = ((size_t)tid * 2654435761u) & (f->cap - 1);

	while (f->slot[h].tid != 0 && (f->slot[h].tid != tid ||
	    f->slot[h].born != born))
		h = (h + 1) & (f->cap - 1);
	return h;
}

unsigned
tui_folds_get(const struct tui_folds *f, pid_t tid, double born)
{
	if (f->count == 0)
		return 0;
	return f->slot[fold_slot(f, tid, born)].bits;
}

void
tui_folds_set(struct tui_folds *f, pid_t tid, double born, unsigned bits)
{
	struct tui_fold	*old = f->slot;
	size_t		 oc = f->cap, i, h;

	if ((f->count + 1) * 2 > f->cap) {
		f->cap = oc == 0 ? 64 : oc * 2;
		f->slot = fw_calloc(f->cap, sizeof *f->slot);
		f->count = 0;
		for (i = 0; i < oc; i++) {
			if (old[i].tid != 0)
				tui_folds_set(f, old[i].tid, old[i].born,
				    old[i].bits);
		}
		free(old);
	}
	h = fold_slot(f, tid, born);
	if (f->slot[h].tid == 0) {
		f->count++;
		f->slot[h].tid = tid;
		f->slot[h].born = born;
	}
	f->slot[h].bits = bits;
}

void
tui_folds_release(struct tui_folds *f)
{
	free(f->slot);
	memset(f, 0, sizeof *f);
}
