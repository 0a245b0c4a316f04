/* tui-events.c - the event pane: lifecycle events as they happen (a ring of
 * text log lines), filtered by kind and by subtree; and the map of process
 * parents the subtree filter uses (kept apart from the task table, so it
 * still answers for tasks the engine has dropped). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tui-int.h"

#define ALL_KINDS	((1u << FW_EV_COUNT) - 1)
#define PIDMAP_DEPTH	4096	/* ancestry longer than this is not followed */

static size_t
pid_hash(pid_t pid, size_t cap)
{
	return ((size_t)pid * 2654435761u) & (cap - 1);
}

void
tui_pidmap_set(struct tui_pidmap *m, pid_t pid, pid_t parent)
{
	pid_t	*ok, *ov;
	size_t	 oc, i, h;

	if (pid <= 0)
		return;
	if ((m->count + 1) * 2 > m->cap) {
		ok = m->keys;
		ov = m->vals;
		oc = m->cap;
		m->cap = oc == 0 ? 256 : oc * 2;
		m->keys = fw_calloc(m->cap, sizeof *m->keys);
		m->vals = fw_calloc(m->cap, sizeof *m->vals);
		m->count = 0;
		for (i = 0; i < oc; i++) {
			if (ok[i] != 0)
				tui_pidmap_set(m, ok[i], ov[i]);
		}
		free(ok);
		free(ov);
	}
	for (h = pid_hash(pid, m->cap); m->keys[h] != 0 && m->keys[h] != pid;
	    h = (h + 1) & (m->cap - 1))
		;
	if (m->keys[h] == 0)
		m->count++;
	m->keys[h] = pid;
	m->vals[h] = parent;
}

static pid_t
pidmap_get(const struct tui_pidmap *m, pid_t pid)
{
	size_t	 h;

	if (m->cap == 0)
		return 0;
	for (h = pid_hash(pid, m->cap); m->keys[h] != 0;
	    h = (h + 1) & (m->cap - 1)) {
		if (m->keys[h] == pid)
			return m->vals[h];
	}
	return 0;
}

/* Is process pid root or one of its descendants? */
static bool
tui_pid_under(const struct tui_pidmap *m, pid_t pid, pid_t root)
{
	int	 n;

	for (n = 0; pid > 0 && n < PIDMAP_DEPTH; n++) {
		if (pid == root)
			return true;
		pid = pidmap_get(m, pid);
	}
	return false;
}

static void
tui_pidmap_release(struct tui_pidmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

void
tui_events_init(struct tui *ui)
{
	ui->ev_mask = ALL_KINDS;
	if (ui->live)
		ui->ring = fw_calloc(TUI_EV_RING, sizeof *ui->ring);
}

void
tui_events_release(struct tui *ui)
{
	size_t	 i;

	if (ui->ring != NULL) {
		for (i = 0; i < TUI_EV_RING; i++)
			free(ui->ring[i].line);
		free(ui->ring);
		ui->ring = NULL;
	}
	tui_pidmap_release(&ui->parents);
}

/* Called from the session's event hook, once per event: record only. */
void
tui_events_record(struct tui *ui, const struct fw_event *ev, const char *line)
{
	struct tui_evrec	*r = &ui->ring[ui->ring_total % TUI_EV_RING];

	switch (ev->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
		tui_pidmap_set(&ui->parents, ev->child,
		    ev->parent != 0 ? ev->parent : ev->tgid);
		break;
	case FW_EV_CLONE:
		if (!ev->thread)
			tui_pidmap_set(&ui->parents, ev->child,
			    ev->parent != 0 ? ev->parent : ev->tgid);
		break;
	case FW_EV_ATTACH:
		if (ev->pid == ev->tgid)
			tui_pidmap_set(&ui->parents, ev->pid, ev->ppid);
		break;
	default:
		break;
	}
	free(r->line);
	r->kind = ev->kind;
	r->pid = ev->pid;
	r->tgid = ev->tgid;
	r->line = fw_strdup(line != NULL ? line : "");
	ui->ring_total++;
	ui->ev_tick++;
}

/* The events the pane can show: [first, end). */
static void
ev_range(const struct tui *ui, size_t *first, size_t *end)
{
	if (!ui->live) {
		*first = 0;
		*end = tui_replay_pos(ui->rp);
		return;
	}
	*end = ui->ring_total;
	*first = ui->ring_total > TUI_EV_RING ? ui->ring_total - TUI_EV_RING :
	    0;
}

/* Event idx if it passes the filters; its line in b. */
static bool
ev_get(struct tui *ui, size_t idx, struct fw_buf *b, bool want_line)
{
	const struct tui_evrec	*r = NULL;
	enum fw_event_kind	 kind;
	pid_t			 pid, tgid;

	if (!ui->live) {
		if (!tui_replay_event(ui, idx, &kind, &pid, &tgid, NULL))
			return false;
	} else {
		r = &ui->ring[idx % TUI_EV_RING];
		kind = r->kind;
		pid = r->pid;
		tgid = r->tgid;
	}
	if (!(ui->ev_mask & (1u << kind)))
		return false;
	if (ui->ev_under != 0 && !tui_pid_under(&ui->parents, tgid,
	    ui->ev_under) && pid != ui->ev_under)
		return false;
	if (!want_line)
		return true;
	fw_buf_reset(b);
	if (!ui->live)
		tui_replay_event(ui, idx, &kind, &pid, &tgid, b);
	else
		fw_buf_adds(b, r->line);
	return true;
}

static void
tui_events_filter_text(const struct tui *ui, struct fw_buf *b)
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
	if (ui->ev_under != 0)
		fw_buf_printf(b, "%sunder=%d", sep, (int)ui->ev_under);
}

void
tui_events_draw(struct tui *ui)
{
	const struct tui_rect	*r = &ui->pane[PANE_EVENTS];
	struct fw_buf		 title, line;
	size_t			 first, end, idx, *shown;
	int			 h = r->h - 1, n = 0, skip, i, used, y,
				 pass;
	unsigned		 a;

	if (h <= 0)
		return;
	ev_range(ui, &first, &end);
	/* Newest at the bottom: collect the h matching events that end
	 * ev_scroll matches above the newest one. */
	shown = fw_calloc((size_t)h, sizeof *shown);
	fw_buf_init(&line);
	for (pass = 0; pass < 2; pass++) {
		n = 0;
		skip = ui->ev_scroll;
		for (idx = end; idx > first && n < h; idx--) {
			if (!ev_get(ui, idx - 1, &line, false))
				continue;
			if (skip > 0) {
				skip--;
				continue;
			}
			shown[n++] = idx - 1;
		}
		if (skip == 0)
			break;
		/* Scrolled past the oldest event: clamp and look again. */
		ui->ev_scroll -= skip;
	}

	fw_buf_init(&title);
	fw_buf_printf(&title, " events  %zu", end);
	if (ui->live && ui->ring_total > TUI_EV_RING)
		fw_buf_printf(&title, " (last %d kept)", TUI_EV_RING);
	if (ui->ev_mask != ALL_KINDS || ui->ev_under != 0) {
		fw_buf_adds(&title, "  filter: ");
		tui_events_filter_text(ui, &title);
	}
	if (ui->ev_scroll > 0)
		fw_buf_printf(&title, "  [-%d]", ui->ev_scroll);
	tui_title(ui, PANE_EVENTS, fw_buf_cstr(&title));
	fw_buf_release(&title);

	for (i = 0; i < h; i++) {
		y = r->y + r->h - 1 - i;
		if (i >= n) {
			tui_fill(y, r->x, r->w, 0);
			continue;
		}
		ev_get(ui, shown[i], &line, true);
		a = 0;
		/* In replay, the event at the time cursor stands out. */
		if (!ui->live && shown[i] + 1 == end && ui->ev_scroll == 0)
			a = TA_BOLD | TC_CYAN;
		else if (strstr(fw_buf_cstr(&line), " killed by ") != NULL)
			a = TC_RED;
		used = tui_puts(y, r->x, r->w, line.data, line.len, a);
		tui_fill(y, r->x + used, r->w - used, a);
	}
	fw_buf_release(&line);
	free(shown);
}

unsigned
tui_events_key(struct tui *ui, int key)
{
	int	 page = ui->pane[PANE_EVENTS].h - 2;

	if (page < 1)
		page = 1;
	switch (key) {
	case TK_UP:
	case 'k':
		ui->ev_scroll++;
		break;
	case TK_DOWN:
	case 'j':
		ui->ev_scroll--;
		break;
	case TK_PGUP:
		ui->ev_scroll += page;
		break;
	case TK_PGDN:
		ui->ev_scroll -= page;
		break;
	case TK_END:
		ui->ev_scroll = 0;
		break;
	case TK_HOME:
		ui->ev_scroll = TUI_EV_RING;
		break;
	default:
		return 0;
	}
	if (ui->ev_scroll < 0)
		ui->ev_scroll = 0;
	return TUI_R_EVENTS;
}

/* "exec exit under=PID" -> kinds and subtree; empty: everything. Words:
 * event kinds as in the log (plus "exiting", "pause"), "all", "under=PID"
 * (or "under" alone for the selected task's process). */
unsigned
tui_events_filter(struct tui *ui, const char *spec)
{
	char		*copy = fw_strdup(spec), *w, *save = NULL;
	unsigned	 mask = 0;
	pid_t		 under = 0;
	struct fw_task	*t;
	int		 k, pid;

	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(w, "all") == 0) {
			mask = ALL_KINDS;
		} else if (strcmp(w, "under") == 0) {
			if ((t = tui_selected(ui)) != NULL)
				under = t->tgid;
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
	ui->ev_under = under;
	ui->ev_scroll = 0;
	return TUI_R_EVENTS | TUI_R_MSG;
bad:
	tui_message(ui, TC_RED, "filter: unknown word (use event kinds like "
	    "fork exec exit signal, all, under=PID)");
	free(copy);
	return TUI_R_MSG;
}
