/* tui-events.c - the event pane (events are numbered from 1 by the
 * source): the source's events, newest at the bottom,
 * filtered by kind, by exit status and by subtree, with a cursor: Enter
 * shows everything about the event under it in the details pane, J jumps
 * between an event and its task. The cursor follows the newest event until
 * it is moved. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tui-int.h"

#define ALL_KINDS	((1u << FW_EV_COUNT) - 1)

/* The words 'f' takes besides event kinds, for its prompt and the docs. */
const char *const tui_filter_words[] = {
	"all", "nonzero", "killed", "failed", "under", "under=PID", NULL,
};

/* Does event idx pass the filters? Its facts in *e. */
static bool
ev_pass(struct tui *ui, size_t idx, struct tui_ev *e)
{
	if (!ui->src->event(ui, idx, e, NULL))
		return false;
	if (!(ui->ev_mask & (1u << e->kind)))
		return false;
	if (ui->ev_cond != 0 && (e->kind != FW_EV_EXIT ||
	    !(((ui->ev_cond & TUI_EVC_NONZERO) && e->failed && !e->killed) ||
	    ((ui->ev_cond & TUI_EVC_KILLED) && e->killed))))
		return false;
	if (ui->ev_under != 0 && e->pid != ui->ev_under &&
	    !ui->src->under(ui, e->tgid, ui->ev_under))
		return false;
	return true;
}

/* The matching event before (dir < 0) or after idx within [first, end);
 * SIZE_MAX when none. */
static size_t
ev_step(struct tui *ui, size_t idx, int dir, size_t first, size_t end)
{
	struct tui_ev	 e;

	if (dir < 0) {
		while (idx > first) {
			if (ev_pass(ui, --idx, &e))
				return idx;
		}
		return SIZE_MAX;
	}
	while (++idx < end) {
		if (ev_pass(ui, idx, &e))
			return idx;
	}
	return SIZE_MAX;
}

/* Keep the cursor on a matching event in range (the newest when
 * following). */
size_t
tui_events_cursor(struct tui *ui)
{
	struct tui_ev	 e;
	size_t		 first, end, c;

	ui->src->ev_range(ui, &first, &end);
	if (!ui->ev_follow && ui->ev_cur != SIZE_MAX && ui->ev_cur >= first &&
	    ui->ev_cur < end && ev_pass(ui, ui->ev_cur, &e))
		return ui->ev_cur;
	if (!ui->ev_follow && ui->ev_cur != SIZE_MAX && ui->ev_cur < end) {
		/* Filtered away or dropped from the ring: the next one. */
		c = ev_step(ui, ui->ev_cur < first ? first - 1 : ui->ev_cur, 1,
		    first, end);
		if (c != SIZE_MAX)
			return ui->ev_cur = c;
	}
	ui->ev_follow = true;
	return ui->ev_cur = ev_step(ui, end, -1, first, end);
}

static void
filter_text(const struct tui *ui, struct fw_buf *b)
{
	const char	*sep = "";
	int		 k;

	if (ui->ev_mask != ALL_KINDS) {
		for (k = 0; k < FW_EV_COUNT; k++) {
			if (ui->ev_mask & (1u << k)) {
				fw_buf_printf(b, "%s%s", sep,
				    event_kind_name(k));
				sep = " ";
			}
		}
	}
	if (ui->ev_cond == (TUI_EVC_NONZERO | TUI_EVC_KILLED)) {
		fw_buf_printf(b, "%sfailed", sep);
		sep = " ";
	} else if (ui->ev_cond != 0) {
		fw_buf_printf(b, "%s%s", sep, ui->ev_cond & TUI_EVC_NONZERO ?
		    "nonzero" : "killed");
		sep = " ";
	}
	if (ui->ev_under != 0)
		fw_buf_printf(b, "%sunder=%d", sep, (int)ui->ev_under);
}

void
tui_events_draw(struct tui *ui)
{
	const struct tui_rect	*r = &ui->pane[PANE_EVENTS];
	struct fw_buf		 title, line;
	struct tui_ev		 e;
	size_t			 first, end, idx, cur, now, *shown, off;
	int			 h = r->h - 1, n = 0, i, used, y;
	bool			 cur_shown = false;
	unsigned		 a;

	if (h <= 0)
		return;
	ui->src->ev_range(ui, &first, &end);
	cur = tui_events_cursor(ui);
	now = ui->src->ev_now(ui);
	/* The h matching events that end at the newest, or at the cursor
	 * when it is further up. */
	shown = fw_calloc((size_t)h, sizeof *shown);
	for (idx = end; n < h && (idx = ev_step(ui, idx, -1, first, end)) !=
	    SIZE_MAX; ) {
		shown[n++] = idx;
		if (idx == cur)
			cur_shown = true;
	}
	if (!cur_shown && cur != SIZE_MAX) {
		n = 0;
		shown[n++] = cur;
		for (idx = cur; n < h && (idx = ev_step(ui, idx, -1, first,
		    end)) != SIZE_MAX; )
			shown[n++] = idx;
	}

	fw_buf_init(&title);
	fw_buf_printf(&title, " events  %zu", end - 1);
	if (!ui->ev_follow && cur != SIZE_MAX)
		fw_buf_printf(&title, "  [at #%zu]", cur);
	if (ui->ev_mask != ALL_KINDS || ui->ev_under != 0 || ui->ev_cond) {
		fw_buf_adds(&title, "  filter: ");
		filter_text(ui, &title);
	}
	if (ui->ev_hscroll > 0)
		fw_buf_printf(&title, "  [>%d]", ui->ev_hscroll);
	tui_title(r, ui->focus == PANE_EVENTS, fw_buf_cstr(&title));
	fw_buf_release(&title);

	fw_buf_init(&line);
	for (i = 0; i < h; i++) {
		y = r->y + r->h - 1 - i;
		if (i >= n) {
			tui_fill(y, r->x, r->w, 0);
			continue;
		}
		fw_buf_reset(&line);
		ui->src->event(ui, shown[i], &e, &line);
		a = 0;
		if (shown[i] == now)
			a = TA_BOLD | TC_CYAN;
		else if (e.failed)
			a = e.killed ? TC_MAGENTA : TC_RED;
		if (shown[i] == cur && ui->focus == PANE_EVENTS)
			a |= TA_REV;
		off = tui_skip_cols(line.data, line.len, ui->ev_hscroll);
		used = tui_puts(y, r->x, r->w, line.data + off, line.len - off,
		    a);
		tui_fill(y, r->x + used, r->w - used, a);
	}
	fw_buf_release(&line);
	free(shown);
}

/* Up, Down, PgUp, PgDn, Home, End, the wheel; Left, Right, <, > scroll
 * sideways. */
unsigned
tui_events_move(struct tui *ui, int key)
{
	size_t	 first, end, c, nc;
	int	 page = ui->pane[PANE_EVENTS].h - 2, steps = 1, dir = 0, i;

	if (page < 1)
		page = 1;
	ui->src->ev_range(ui, &first, &end);
	c = tui_events_cursor(ui);
	switch (key) {
	case TK_UP: case 'k':		dir = -1; break;
	case TK_DOWN: case 'j':		dir = 1; break;
	case TK_PGUP:			dir = -1; steps = page; break;
	case TK_PGDN:			dir = 1; steps = page; break;
	case TK_WHEEL_UP:		dir = -1; steps = 3; break;
	case TK_WHEEL_DOWN:		dir = 1; steps = 3; break;
	case TK_HOME:
		if ((nc = ev_step(ui, first - 1, 1, first, end)) != SIZE_MAX) {
			ui->ev_cur = nc;
			ui->ev_follow = false;
		}
		return TUI_R_EVENTS;
	case TK_END:
		ui->ev_follow = true;
		return TUI_R_EVENTS;
	case TK_LEFT: case '<':
		ui->ev_hscroll -= 8;
		if (ui->ev_hscroll < 0)
			ui->ev_hscroll = 0;
		return TUI_R_EVENTS;
	case TK_RIGHT: case '>':
		ui->ev_hscroll += 8;
		return TUI_R_EVENTS;
	default:
		return 0;
	}
	if (c == SIZE_MAX)
		return TUI_R_EVENTS;
	for (i = 0; i < steps; i++) {
		nc = ev_step(ui, c, dir, first, end);
		if (nc == SIZE_MAX) {
			if (dir > 0) {
				ui->ev_follow = true;
				return TUI_R_EVENTS;
			}
			break;
		}
		c = nc;
	}
	ui->ev_cur = c;
	ui->ev_follow = false;
	return TUI_R_EVENTS;
}

/* Show event idx in the details pane. */
unsigned
tui_events_show(struct tui *ui, size_t idx)
{
	if (idx == SIZE_MAX) {
		tui_message(ui, 0, "no event here");
		return TUI_R_MSG;
	}
	ui->ev_shown = idx;
	ui->detview = DET_EVENT;
	ui->det_scroll = 0;
	ui->det_hscroll = 0;
	return TUI_R_DETAILS | TUI_R_EVENTS;
}

/* Enter: the event under the cursor in the details pane; J: its task in
 * the tree. */
unsigned
tui_events_open(struct tui *ui, int key)
{
	struct tui_node	*n;
	struct tui_ev	 e;
	size_t		 c = tui_events_cursor(ui);

	if (key == TK_ENTER)
		return tui_events_show(ui, c);
	if (c == SIZE_MAX || !ui->src->event(ui, c, &e, NULL))
		return 0;
	if ((n = ui->src->find(ui, e.pid)) == NULL) {
		tui_message(ui, 0, "task %d is not in the tree now",
		    (int)e.pid);
		return TUI_R_MSG;
	}
	ui->focus = PANE_TREE;
	return tui_tree_reveal(ui, n) | TUI_R_ALL;
}

/* "exec exit nonzero under=PID" -> kinds, conditions and subtree; empty:
 * everything. Words: event kinds as in the log (plus "exiting",
 * "pause"), "all", "nonzero", "killed", "failed" (exits only),
 * "under=PID" (or "under" alone for the selected task's process). */
unsigned
tui_events_filter(struct tui *ui, const char *spec)
{
	char		*copy = fw_strdup(spec), *w, *save = NULL;
	unsigned	 mask = 0, cond = 0;
	pid_t		 under = 0;
	struct tui_node	*n;
	int		 k, pid;

	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(w, "all") == 0) {
			mask = ALL_KINDS;
		} else if (strcmp(w, "nonzero") == 0) {
			cond |= TUI_EVC_NONZERO;
		} else if (strcmp(w, "killed") == 0) {
			cond |= TUI_EVC_KILLED;
		} else if (strcmp(w, "failed") == 0) {
			cond |= TUI_EVC_NONZERO | TUI_EVC_KILLED;
		} else if (strcmp(w, "under") == 0) {
			if ((n = tui_selected(ui)) != NULL)
				under = ui->src->tgid(ui, n);
		} else if (strncmp(w, "under=", 6) == 0) {
			if (fw_parse_pid(w + 6, &pid) != 0)
				goto bad;
			under = pid;
		} else if ((k = event_kind_parse(w)) >= 0) {
			mask |= 1u << k;
		} else {
			goto bad;
		}
	}
	free(copy);
	ui->ev_mask = mask != 0 ? mask : ALL_KINDS;
	ui->ev_cond = cond;
	ui->ev_under = under;
	ui->ev_follow = true;
	return TUI_R_EVENTS | TUI_R_MSG;
bad:
	tui_message(ui, TC_RED, "filter: unknown word '%.30s' (use event "
	    "kinds, all, nonzero, killed, failed, under=PID)", w);
	free(copy);
	return TUI_R_MSG;
}
