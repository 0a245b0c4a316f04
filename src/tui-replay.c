/* tui-replay.c - the replay source: a saved JSONL log with a time cursor.
 *
 * The log is read once, in one pass: every line goes to the report's
 * process model (report-model.c), which records where each process,
 * thread and exec image starts and ends in the log (event indices), and
 * into a compact array of events for the event pane. The tree "as it was"
 * after event pos is then a filter on the model: a task is shown when it
 * started at or before pos, is gone when it ended at or before pos, and its
 * argv is that of its last image at or before pos. So loading is linear in
 * the log (a parent with 250k children costs 250k steps), and moving the
 * cursor anywhere costs the same as redrawing: nothing is replayed.
 *
 * Events are numbered as the model counts them: the start line is 0, the
 * first event 1; the cursor pos means events [1, pos] have happened.
 *
 * With --follow the log is still being written: what is there is loaded,
 * then the loop's poll and tick load what was added (rate-limited), the
 * model is settled (not finished) and the index rebuilt, folds kept; a
 * cursor on the last event stays on the last event. A log that is not a
 * regular file (unix:PATH, a fifo) is copied into an unlinked spool file
 * as it comes, so that its lines can be read again for the event pane. The
 * end line (or the end of the stream) ends following. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-replay-int.h"

/* --- moving the time cursor ---------------------------------------------- */

/* Move the cursor to pos and select the task of the event there. */
static unsigned
move_to(struct tui *ui, size_t pos)
{
	struct tui_replay	*rp = RP(ui);

	if (pos > rp->n)
		pos = rp->n;
	if (pos < 1 && rp->n > 0)
		pos = 1;
	if (pos == rp->pos)
		return TUI_R_STATUS;
	rp->pos = pos;
	ui->ev_follow = true;
	if (pos > 0) {
		ui->sel_tid = 0;
		tui_select_tid(ui, rp->ev[pos].pid);
	}
	return TUI_R_ALL;
}

static unsigned
k_next(struct tui *ui, int key)
{
	(void)key;
	return move_to(ui, RP(ui)->pos + 1);
}

static unsigned
k_prev(struct tui *ui, int key)
{
	(void)key;
	return move_to(ui, RP(ui)->pos > 1 ? RP(ui)->pos - 1 : 1);
}

static unsigned
k_jump(struct tui *ui, int key)
{
	struct tui_replay	*rp = RP(ui);

	switch (key) {
	case '}':	return move_to(ui, rp->pos + 100);
	case '{':	return move_to(ui, rp->pos > 100 ? rp->pos - 100 : 1);
	case TK_HOME:	return move_to(ui, 1);
	default:	return move_to(ui, rp->n);
	}
}

/* ], [: the next or previous event of the selected task. */
static unsigned
k_task_step(struct tui *ui, int key)
{
	struct tui_replay	*rp = RP(ui);
	struct tui_node		*n = tui_selected(ui);
	struct rp_node		*nd;
	size_t			 k, i;

	if (n == NULL)
		return 0;
	nd = N(n);
	for (k = 0; k < nd->nown && rp->own[nd->own + k] <= rp->pos; k++)
		;
	/* own[k - 1] is the last at or before the cursor. */
	if (key == ']' && k < nd->nown) {
		i = rp->own[nd->own + k];
		return move_to(ui, i);
	}
	if (key == '[' && k >= 1 && rp->own[nd->own + k - 1] == rp->pos &&
	    k >= 2)
		return move_to(ui, rp->own[nd->own + k - 2]);
	if (key == '[' && k >= 1 && rp->own[nd->own + k - 1] < rp->pos)
		return move_to(ui, rp->own[nd->own + k - 1]);
	tui_message(ui, 0, "no %s event of task %lld", key == ']' ? "later" :
	    "earlier", node_tid(nd));
	return TUI_R_MSG;
}

static unsigned
k_goto(struct tui *ui, int key)
{
	(void)key;
	return tui_prompt_open(ui, PROMPT_GOTO, "");
}

/* t in the event pane: the time cursor to the event under the cursor. */
static unsigned
k_time(struct tui *ui, int key)
{
	size_t	 c = tui_events_cursor(ui);

	(void)key;
	if (c == SIZE_MAX)
		return 0;
	return move_to(ui, c) | TUI_R_ALL;
}

/* "N" (event number), "+N"/"-N" (relative), "1.5s" (time). */
static unsigned
rp_go(struct tui *ui, const char *spec)
{
	struct tui_replay	*rp = RP(ui);
	char			*end;
	double			 ts;
	long			 v;
	size_t			 lo, hi, mid;

	while (*spec == ' ')
		spec++;
	if (*spec == '\0')
		return 0;
	if (strchr(spec, 's') != NULL) {
		ts = strtod(spec, &end);
		if (end == spec || *end != 's' || end[1] != '\0') {
			tui_message(ui, TC_RED, "go to: N, +N, -N or a time "
			    "like 1.5s");
			return TUI_R_MSG;
		}
		/* The last event at or before ts. */
		lo = 1;
		hi = rp->n + 1;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (rp->ev[mid].ts <= ts)
				lo = mid + 1;
			else
				hi = mid;
		}
		return move_to(ui, lo > 1 ? lo - 1 : 1);
	}
	v = strtol(spec, &end, 10);
	if (end == spec || *end != '\0') {
		tui_message(ui, TC_RED, "go to: N, +N, -N or a time like 1.5s");
		return TUI_R_MSG;
	}
	if (spec[0] == '+' || spec[0] == '-')
		v += (long)rp->pos;
	return move_to(ui, v < 1 ? 1 : (size_t)v);
}

/* Does the label of image im (of a process, or a thread) or the id match? */
static bool
image_matches(const struct report_image *im, bool thread, long long tid,
    const char *pat)
{
	struct fw_buf	 b;
	char		 id[24];
	bool		 m;

	snprintf(id, sizeof id, "%lld", tid);
	if (strcmp(id, pat) == 0)
		return true;
	fw_buf_init(&b);
	tui_replay_label_image(im, thread, &b);
	m = strstr(fw_buf_cstr(&b), pat) != NULL;
	fw_buf_release(&b);
	return m;
}

/* Does event i make a task that matches, or give one a matching argv?
 * Its task's id in *tid. */
static bool
event_matches(struct tui_replay *rp, size_t i, const char *pat, pid_t *tid)
{
	const struct rp_ev		*e = &rp->ev[i];
	const struct report_proc	*p;
	const struct report_image	*im;

	switch (e->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
	case FW_EV_CLONE:
		/* The child is born with its creator's image. */
		*tid = e->a;
		p = e->subj != NULL ? ((e->flags & EVF_SUBJ_THREAD) ?
		    ((const struct report_thread *)e->subj)->proc :
		    (const struct report_proc *)e->subj) : NULL;
		im = p != NULL ? image_at(p, i) : NULL;
		return image_matches(im, (e->flags & EVF_THREAD) != 0, e->a,
		    pat);
	case FW_EV_EXEC:
	case FW_EV_ATTACH:
		*tid = e->pid;
		if (e->subj == NULL || (e->flags & EVF_SUBJ_THREAD))
			return false;
		p = e->subj;
		return image_matches(image_at(p, i), false, e->pid, pat);
	default:
		return false;
	}
}

/* '/': the first task after the cursor, anywhere in the log (wrapping
 * around), that is born with or execs into a matching argv (or has the id);
 * the cursor moves to that event and selects it. */
static unsigned
rp_search(struct tui *ui, const char *pattern, bool next)
{
	struct tui_replay	*rp = RP(ui);
	size_t			 i = 0, k;
	pid_t			 tid = 0;

	if (pattern != NULL && pattern[0] != '\0') {
		free(ui->search);
		ui->search = fw_strdup(pattern);
	}
	if (ui->search == NULL) {
		tui_message(ui, 0, "no search yet: / then text");
		return TUI_R_MSG;
	}
	for (k = 0; k < rp->n; k++) {
		i = (rp->pos - 1 + k + (next ? 1 : 0)) % rp->n + 1;
		if (event_matches(rp, i, ui->search, &tid))
			break;
	}
	if (k == rp->n) {
		tui_message(ui, TC_RED, "not found in the log: %s", ui->search);
		return TUI_R_MSG;
	}
	move_to(ui, i);
	ui->sel_tid = 0;
	tui_select_tid(ui, tid);
	tui_message(ui, 0, "%d at event #%zu (/ Enter: the next)", (int)tid,
	    i);
	return TUI_R_ALL | TUI_R_MSG;
}

/* x, X: the next or previous exit of a process that failed. */
static unsigned
rp_failure(struct tui *ui, int dir)
{
	struct tui_replay	*rp = RP(ui);
	const struct rp_ev	*e;
	size_t			 i;

	for (i = rp->pos; dir > 0 ? i < rp->n : i > 1; ) {
		i = dir > 0 ? i + 1 : i - 1;
		e = &rp->ev[i];
		if (e->kind == FW_EV_EXIT && e->pid == e->tgid &&
		    ((e->flags & EVF_KILLED) || e->code != 0)) {
			move_to(ui, i);
			tui_message(ui, TC_RED, "%d failed at event #%zu",
			    (int)e->pid, i);
			return TUI_R_ALL | TUI_R_MSG;
		}
	}
	tui_message(ui, 0, "no %s failure", dir > 0 ? "later" : "earlier");
	return TUI_R_MSG;
}

static unsigned
rp_command(struct tui *ui, const char *line, bool show)
{
	(void)line;
	(void)show;
	tui_message(ui, 0, "replay: the trace is not live");
	return TUI_R_MSG;
}

static unsigned
rp_quit(struct tui *ui)
{
	(void)ui;
	return TUI_R_QUIT;
}

static unsigned
not_live(struct tui *ui, int key)
{
	switch (key) {
	case ':':
	case 'o':
		tui_message(ui, 0, "replay: no console commands (the trace is "
		    "not live)");
		break;
	case 'i':
	case 'Z':
		tui_message(ui, 0, "replay: no program pane (the program is "
		    "not running)");
		break;
	default:
		tui_message(ui, 0, "replay: the trace is not live");
		break;
	}
	return TUI_R_MSG;
}

static const struct tui_keydef replay_keys[] = {
	{ { TK_RIGHT, 'n', '.' }, "Right n .", PANE_COUNT, "the next event",
	  NULL, k_next },
	{ { TK_LEFT, 'p', ',' }, "Left p ,", PANE_COUNT, "the previous event",
	  NULL, k_prev },
	{ { ']', '[' }, "] [", PANE_COUNT,
	  "the next / previous event of the selected task", NULL,
	  k_task_step },
	{ { '}', '{' }, "} {", PANE_COUNT, "100 events forward / back", NULL,
	  k_jump },
	{ { TK_HOME, TK_END }, "Home End", PANE_COUNT,
	  "the first / the last event", NULL, k_jump },
	{ { 'g' }, "g", PANE_COUNT, "go to event N, +N, -N or time Ts",
	  "Go to event\n.IR N ,\n.BR + \\fIN\\fR,\n.BR \\- \\fIN\\fR\nor "
	  "the time\n.IB T s\n(the last event at or before\n.I T\nseconds).",
	  k_goto },
	{ { 't' }, "t", PANE_EVENTS,
	  "event pane: the time cursor to the event under the cursor", NULL,
	  k_time },
	/* A live trace's keys, and the common keys for commands and the
	 * program, say why they do nothing (not in the help, and taken out
	 * of the common keys' help lines). */
	{ { 's', 'c', 'h', 'B', 'b', TK_CTRL_C }, "s c h B b Ctrl-C",
	  PANE_COUNT, NULL, NULL, not_live },
	{ { ':', 'o', 'i', 'Z' }, ": o i Z", PANE_COUNT, NULL, NULL,
	  not_live },
	{ { 0 }, NULL, 0, NULL, NULL, NULL },
};

const struct tui_source tui_replay_source = {
	.name = "replay",
	.keys_title = "Replay (the time cursor)",
	.keys = replay_keys,
	.first = tui_replay_first,
	.next = tui_replay_next,
	.parent = tui_replay_parent,
	.adopted = tui_replay_adopted,
	.find = tui_replay_find,
	.flags = tui_replay_flags,
	.set_fold = tui_replay_set_fold,
	.row = tui_replay_row,
	.label = tui_replay_label,
	.details = tui_replay_details,
	.tgid = tui_replay_tgid,
	.status = tui_replay_status,
	.hints = tui_replay_hints,
	.tree_title = tui_replay_tree_title,
	.ev_range = tui_replay_ev_range,
	.event = tui_replay_event,
	.ev_details = tui_replay_ev_details,
	.under = tui_replay_under,
	.ev_now = tui_replay_ev_now,
	.command = rp_command,
	.search = rp_search,
	.failure = rp_failure,
	.go = rp_go,
	.quit = rp_quit,
	.poll_fd = tui_replay_poll_fd,
	.ready = tui_replay_ready,
	.tick = tui_replay_tick,
	.free = tui_replay_free,
};

int
tui_replay_open(struct tui *ui, const char *path)
{
	ui->src = &tui_replay_source;
	return tui_replay_load(ui, path);
}
