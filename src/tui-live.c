/* tui-live.c - the live source: the tree is the engine's task table, the
 * details are the console's `info`, the events are a ring of what the
 * session's event hook saw, and its keys drive the session (step,
 * continue, pause, hold, break, backtrace, gdb).
 *
 * The session's hooks only record (the event hook appends to the ring and
 * marks panes dirty): nothing is drawn while the engine is dispatching, so
 * a storm of events costs the tracees what batch mode costs them plus a
 * few string copies. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "escape.h"
#include "flags.h"
#include "inspect.h"
#include "tui-live-int.h"

/* --- session hooks --------------------------------------------------- */

static void
hook_out(void *arg, const char *text, size_t len)
{
	tui_output(arg, text, len, false);
}

static void
hook_err(void *arg, const char *text, size_t len)
{
	tui_output(arg, text, len, true);
}

static bool
hook_confirm(void *arg, const char *question)
{
	struct tui	*ui = arg;

	return LV(ui)->th.confirm(ui, question);
}

static void
hook_suspend(void *arg)
{
	struct tui	*ui = arg;

	LV(ui)->th.suspend(ui);
}

static void
hook_resume(void *arg)
{
	struct tui	*ui = arg;

	LV(ui)->th.resume(ui);
}

/* A reparent event: the task is shown again under its new parent when
 * that one is traced (not after it moves on again). */
static void
note_adoption(struct tui_live *lv, const struct fw_event *ev)
{
	const struct fw_task	*t = ev->task, *np;
	struct lv_adopt		*a;
	size_t			 i;

	if (t == NULL)
		return;
	i = (size_t)(uintptr_t)report_pidmap_get(&lv->adopt_of, t->tid);
	if (i != 0 && lv->adopt[i - 1].born == t->start_ts)
		lv->adopt[i - 1].gone = true;
	if (ev->outside || (np = task_find(&lv->s.eng.tasks,
	    ev->new_parent)) == NULL || np == t->parent)
		return;
	if (lv->nadopt == lv->adopt_cap) {
		lv->adopt_cap = lv->adopt_cap == 0 ? 16 : lv->adopt_cap * 2;
		lv->adopt = fw_realloc(lv->adopt, lv->adopt_cap *
		    sizeof *lv->adopt);
	}
	a = &lv->adopt[lv->nadopt++];
	memset(a, 0, sizeof *a);
	a->tid = t->tid;
	a->born = t->start_ts;
	a->by = np->tid;
	a->by_born = np->start_ts;
	a->from = ev->old_parent;
	i = lv->nadopt;
	report_pidmap_put(&lv->adopt_of, t->tid, (void *)(uintptr_t)i);
	if (report_pidmap_get(&lv->adopt_last, np->tid) != NULL)
		lv->adopt[(size_t)(uintptr_t)report_pidmap_get(
		    &lv->adopt_last, np->tid) - 1].next = i;
	else
		report_pidmap_put(&lv->adopt_first, np->tid,
		    (void *)(uintptr_t)i);
	report_pidmap_put(&lv->adopt_last, np->tid, (void *)(uintptr_t)i);
}

/* hooks.event: record and mark dirty; never draw here. */
static void
hook_event(void *arg, const struct fw_event *ev)
{
	struct tui	*ui = arg;
	struct session	*s = S(ui);
	const char	*line = NULL;

	if (s->hist_next > 0)
		line = s->hist[(s->hist_next - 1) % SESS_HISTORY].line;
	tui_live_record(ui, ev, line);
	if (ev->kind == FW_EV_REPARENT)
		note_adoption(LV(ui), ev);
	/* The details pane follows once a second (tick) and at stops. */
	ui->dirty |= TUI_R_EVENTS | TUI_R_STATUS | TUI_R_TREE;
}

/* --- driving the session --------------------------------------------- */

/* Does the session want the engine driven (tasks may report)? */
static bool
can_drive(const struct tui *ui)
{
	const struct session	*s = S(ui);

	return s->state == SESS_RUNNING || (s->state == SESS_STOPPED &&
	    s->stop_mode == SESS_STOP_TASK && !s->eng.frozen);
}

/* After a command or a drive: react to the session's new state. */
static unsigned
after_command(struct tui *ui, int was_state)
{
	struct session	*s = S(ui);
	unsigned	 r = 0;
	int		 rounds;

	if (s->quit)
		return TUI_R_QUIT;
	/* Breakpoint commands run when the tree stops (they may resume). */
	for (rounds = 0; s->state == SESS_STOPPED && s->npending > 0 &&
	    rounds < 100; rounds++) {
		cmd_run_pending(s);
		if (s->quit)
			return TUI_R_QUIT;
	}
	if ((int)s->state != was_state) {
		r |= TUI_R_ALL;
		ui->urgent = true;
		/* A program on our terminal may have written over us. */
		if (ui->o->tty != NULL && strcmp(ui->o->tty, "inherit") == 0 &&
		    ui->screen_up) {
			tui_repaint();
			r |= TUI_R_LAYOUT;
		}
		if (s->state == SESS_STOPPED && s->stop_pid != 0) {
			ui->sel_tid = 0;
			r |= tui_select_tid(ui, s->stop_pid);
		}
		if (s->state == SESS_DONE && ui->msg[0] == '\0')
			tui_message(ui, 0, "no traced task is left");
	}
	return r;
}

/* Run a console command line; its output lands on the message line, and in
 * the details pane when it is longer than a line and show is set. */
static unsigned
lv_command(struct tui *ui, const char *line, bool show)
{
	struct session	*s = S(ui);
	struct fw_buf	 cap;
	int		 was = s->state, lines;

	fw_buf_init(&cap);
	ui->capture = &cap;
	ui->msg[0] = '\0';
	s->pids_inner = ui->pids_inner;
	cmd_run(s, line, NULL);
	ui->capture = NULL;
	ui->pids_inner = s->pids_inner;	/* set pids inner|outer */
	/* The last task may be gone (gdb, detach, kill): say so now. */
	if (s->state == SESS_STOPPED && engine_live(&s->eng) == 0)
		session_drive(s, false, NULL);
	if (show && (lines = tui_count_lines(cap.data, cap.len)) > 1) {
		/* Show the output from its first line. */
		ui->detview = DET_OUTPUT;
		ui->out_scroll = lines - (ui->pane[PANE_DETAILS].h - 1);
		if (ui->out_scroll < 0)
			ui->out_scroll = 0;
	}
	fw_buf_release(&cap);
	return after_command(ui, was) | TUI_R_ALL;
}

static char **
lv_complete(struct tui *ui, const char *before, int argi, const char *word)
{
	return cmd_complete(S(ui), before, argi, word);
}

static int
lv_poll_fd(struct tui *ui)
{
	return can_drive(ui) ? engine_fd(&S(ui)->eng) : -1;
}

/* The engine has something: run it without blocking. */
static unsigned
lv_ready(struct tui *ui)
{
	int	 was = S(ui)->state;

	session_drive(S(ui), false, NULL);
	return after_command(ui, was);
}

static unsigned
lv_after_keys(struct tui *ui)
{
	return can_drive(ui) ? lv_ready(ui) : 0;
}

static unsigned
lv_tick(struct tui *ui)
{
	struct tui_live	*lv = LV(ui);
	unsigned	 r = TUI_R_STATUS;

	lv->ev_rate = (double)lv->ev_tick / TUI_TICK;
	lv->ev_tick = 0;
	/* /proc states, ages and "new" marks change without events. */
	if (engine_live(&lv->s.eng) > 0)
		r |= TUI_R_TREE | (ui->detview == DET_INFO ? TUI_R_DETAILS : 0);
	/* A program on our own terminal draws over us: repaint. */
	if (ui->o->tty != NULL && strcmp(ui->o->tty, "inherit") == 0 &&
	    lv->s.state == SESS_RUNNING) {
		tui_repaint();
		r |= TUI_R_ALL | TUI_R_LAYOUT;
	}
	return r;
}

/* --- the tree -------------------------------------------------------- */

static struct tui_node *
next_root(struct fw_task *from)
{
	for (; from != NULL; from = from->all_next) {
		if (from->parent == NULL)
			return (struct tui_node *)from;
	}
	return NULL;
}

static struct tui_node *
lv_first(struct tui *ui, struct tui_node *parent)
{
	if (parent == NULL)
		return next_root(S(ui)->eng.tasks.head);
	return (struct tui_node *)T(parent)->first_child;
}

static struct tui_node *
lv_next(struct tui *ui, struct tui_node *n)
{
	(void)ui;
	if (T(n)->parent == NULL)
		return next_root(T(n)->all_next);
	return (struct tui_node *)T(n)->next_sib;
}

static struct tui_node *
lv_parent(struct tui *ui, struct tui_node *n)
{
	(void)ui;
	return (struct tui_node *)T(n)->parent;
}

/* The record of an adopted task, if it is still kept. */
static struct fw_task *
adoptee(struct tui_live *lv, struct lv_adopt *a)
{
	struct fw_task	*t = task_find_any(&lv->s.eng.tasks, a->tid);

	if (t != NULL && t->start_ts == a->born)
		return t;
	/* Its id was taken again since it died: an older record. */
	for (t = lv->s.eng.tasks.head; t != NULL; t = t->all_next)
		if (t->tid == a->tid && t->start_ts == a->born)
			return t;
	a->gone = true;		/* dropped: it never comes back */
	return NULL;
}

/* The processes the kernel gave parent, in the order it did, from its
 * reparent events: *cursor is the next one's index + 1 (SIZE_MAX: no
 * more). */
static struct tui_node *
lv_adopted(struct tui *ui, struct tui_node *parent, size_t *cursor,
    pid_t *from)
{
	struct tui_live	*lv = LV(ui);
	struct fw_task	*p = T(parent), *t;
	struct lv_adopt	*a;
	size_t		 i;

	if (lv->nadopt == 0 || (p->flags & TF_THREAD))
		return NULL;
	i = *cursor != 0 ? *cursor : (size_t)(uintptr_t)report_pidmap_get(
	    &lv->adopt_first, p->tid);
	for (; i != 0 && i != SIZE_MAX; i = a->next) {
		a = &lv->adopt[i - 1];
		if (a->gone || a->by_born != p->start_ts ||
		    (t = adoptee(lv, a)) == NULL)
			continue;
		*cursor = a->next != 0 ? a->next : SIZE_MAX;
		*from = a->from;
		return (struct tui_node *)t;
	}
	*cursor = SIZE_MAX;
	return NULL;
}

static struct tui_node *
lv_find(struct tui *ui, pid_t tid)
{
	return (struct tui_node *)task_find_any(&S(ui)->eng.tasks, tid);
}

static bool
task_failed(const struct fw_task *t)
{
	return t->state == TASK_DEAD && t->exited && (t->killed ||
	    t->code != 0);
}

static unsigned
lv_flags(struct tui *ui, struct tui_node *n, pid_t *tid)
{
	const struct fw_task	*t = T(n);
	unsigned		 f;

	if (tid != NULL)
		*tid = t->tid;
	f = tui_folds_get(&LV(ui)->folds, t->tid, t->start_ts);
	if (t->flags & TF_THREAD)
		f |= TUI_N_THREAD;
	if (t->state == TASK_DEAD)
		f |= TUI_N_DEAD;
	if (task_failed(t))
		f |= TUI_N_FAILED;
	return f;
}

static void
lv_set_fold(struct tui *ui, struct tui_node *n, unsigned bits)
{
	tui_folds_set(&LV(ui)->folds, T(n)->tid, T(n)->start_ts, bits);
}

static pid_t
lv_tgid(struct tui *ui, struct tui_node *n)
{
	(void)ui;
	return T(n)->tgid;
}

static const char *
stop_why(const struct fw_task *t)
{
	switch (t->stop_kind) {
	case STOP_STARTUP:	return "new";
	case STOP_EXITING:	return "exiting";
	case STOP_SIGNAL:	return flags_signame(t->stop_sig);
	case STOP_GROUP:	return "job-stop";
	case STOP_INTERRUPT:	return "paused";
	case STOP_EVENT:	return event_kind_name(t->stop_event);
	default:		return "";
	}
}

/* How a task that is gone ended. */
static void
row_ended(const struct fw_task *t, struct tui_row *row)
{
	if (t->flags & TF_UNTRACE) {
		snprintf(row->why, sizeof row->why, "untraced");
	} else if (!t->exited) {
		snprintf(row->why, sizeof row->why, "detached");
	} else if (t->killed) {
		snprintf(row->why, sizeof row->why, "%s%s",
		    flags_signame(t->signo), t->core ? "+core" : "");
		row->failed = true;
		row->killed = true;
	} else {
		snprintf(row->why, sizeof row->why, "exit %d", t->code);
		row->failed = t->code != 0;
	}
}

/* A row: /proc state (read for visible rows only), why forkwatch holds
 * the task, its age. */
static void
lv_row(struct tui *ui, struct tui_row *row)
{
	struct session		*s = S(ui);
	struct fw_task		*t = T(row->n);
	struct procfs_stat	 st;
	double			 now = engine_ts(&s->eng);

	row->tid = t->tid;
	if (t->nspid != NULL)
		row->inner = t->nspid->v[t->nspid->n - 1];
	row->thread = (t->flags & TF_THREAD) != 0;
	row->state = ' ';
	if (t->reparented_from != 0)
		row->moved_to = t->ppid;
	if (t->state == TASK_DEAD) {
		row->dead = true;
		row->runtime = t->end_ts - t->start_ts;
		row_ended(t, row);
		return;
	}
	row->runtime = now - t->start_ts;
	row->isnew = row->runtime < TUI_NEW_SECS && !(t->flags & TF_ROOT);
	row->held = (t->flags & TF_HELD) != 0;
	if (procfs_read_stat(&s->eng.proc, t->tgid, t->tid, &st) == 0)
		row->state = st.state;
	switch (t->state) {
	case TASK_STOPPED:
		if (s->stop_bp != 0 && s->stop_pid == t->tid)
			snprintf(row->why, sizeof row->why, "bp %d",
			    s->stop_bp);
		else
			snprintf(row->why, sizeof row->why, "%s", stop_why(t));
		row->current = s->stop_pid == t->tid;
		break;
	case TASK_LISTENING:
		/* /proc says t; the tracer knows it is job-control stopped. */
		row->state = 'T';
		snprintf(row->why, sizeof row->why, "job-stop");
		break;
	case TASK_STARTING:
	case TASK_PARKED:
		snprintf(row->why, sizeof row->why, "starting");
		break;
	default:
		/* Blocked until its vfork child execs or exits. */
		if (t->flags & TF_VFORK_WAIT)
			snprintf(row->why, sizeof row->why, "in vfork");
		/* Made by the kernel: an io_uring worker (never traced on
		 * the ptrace backend), or --system's kernel threads. */
		else if (t->flags & TF_KTHREAD)
			snprintf(row->why, sizeof row->why, "kthread");
		break;
	}
	if (row->held)
		snprintf(row->why, sizeof row->why, "held");
}

/* Process rows show argv; thread rows their own name, pstree style (its
 * comm from /proc while it lives). */
static void
lv_label(struct tui *ui, struct tui_node *n, struct fw_buf *b)
{
	struct fw_task		*t = T(n);
	struct procfs_stat	 st;
	const char		**argv;
	const char		*a;
	size_t			 argc = 0;

	if (t->flags & TF_THREAD) {
		fw_buf_addc(b, '{');
		if (t->state != TASK_DEAD && procfs_read_stat(&S(ui)->eng.proc,
		    t->tgid, t->tid, &st) == 0 && st.comm[0] != '\0')
			esc_text_bare(b, st.comm, strlen(st.comm));
		else
			esc_text_bare(b, task_name(t), strlen(task_name(t)));
		fw_buf_addc(b, '}');
		return;
	}
	if (t->flags & TF_KTHREAD) {
		/* A kernel thread, named as ps(1) names it. */
		fw_buf_addc(b, '[');
		esc_text_bare(b, t->comm, strnlen(t->comm, sizeof t->comm));
		fw_buf_addc(b, ']');
		return;
	}
	argv = fw_calloc((size_t)t->argv.n + 1, sizeof *argv);
	for (a = NULL; (a = strv_next(&t->argv, a)) != NULL; )
		argv[argc++] = a;
	if (!tui_label_argv(b, argv, argc))
		esc_text_bare(b, task_name(t), strlen(task_name(t)));
	free(argv);
}

/* The console's info, then the backtrace if it is still of now. */
static void
lv_details(struct tui *ui, struct tui_node *n, struct fw_buf *b)
{
	struct tui_live	*lv = LV(ui);
	struct fw_task	*t = T(n);

	lv->s.pids_inner = ui->pids_inner;
	inspect_info(&lv->s, t, b);
	if (lv->bt_tid == t->tid && lv->bt_was_stopped &&
	    !task_is_stopped(t)) {
		/* It ran since: the frames are gone. */
		lv->bt_tid = 0;
		fw_buf_reset(&lv->bt);
	}
	if (lv->bt_tid == t->tid && lv->bt.len > 0) {
		fw_buf_printf(b, "backtrace at %.6fs%s\n", lv->bt_ts,
		    lv->bt_was_stopped ? "" : " (stopped for it, then "
		    "resumed)");
		fw_buf_add(b, lv->bt.data, lv->bt.len);
	}
}

static void
lv_tree_title(struct tui *ui, struct fw_buf *b)
{
	fw_buf_printf(b, ", %zu live", engine_live(&S(ui)->eng));
}

static void
lv_status(struct tui *ui, struct fw_buf *b, unsigned *a)
{
	struct tui_live		*lv = LV(ui);
	struct session		*s = &lv->s;
	const struct breakpoint	*bp;
	int			 nbp = 0;

	switch (s->state) {
	case SESS_RUNNING:
		fw_buf_adds(b, " RUNNING");
		*a |= TC_GREEN;
		break;
	case SESS_STOPPED:
		fw_buf_adds(b, " STOPPED");
		*a |= TC_YELLOW;
		break;
	case SESS_DONE:
		fw_buf_adds(b, " DONE");
		break;
	}
	for (bp = s->bps; bp != NULL; bp = bp->next)
		nbp++;
	fw_buf_printf(b, "  live %zu  exited %zu", engine_live(&s->eng),
	    s->eng.ndead);
	if (lv->nfailed > 0)
		fw_buf_printf(b, "  failed %lu", lv->nfailed);
	fw_buf_printf(b, "  %.0f ev/s", lv->ev_rate);
	if (nbp > 0)
		fw_buf_printf(b, "  bp %d", nbp);
	if (s->stop_mode == SESS_STOP_TASK)
		fw_buf_adds(b, "  task-stop");
}

static const char *
lv_hints(struct tui *ui)
{
	switch (S(ui)->state) {
	case SESS_RUNNING:
		return "p:pause h:hold b:bt /:find f:filter ::cmd ?:help q:quit";
	case SESS_STOPPED:
		return "n:step c:cont h:hold B:break b:bt g:gdb ::cmd /:find "
		    "?:help q:quit";
	default:
		return "x:failed ::cmd /:find f:filter ?:help q:quit";
	}
}

static size_t
lv_ev_now(struct tui *ui)
{
	(void)ui;
	return SIZE_MAX;
}

/* --- keys --------------------------------------------------------------- */

/* Run a command that ends with the selected task's id ("hold "). */
static unsigned
task_command(struct tui *ui, const char *prefix)
{
	struct tui_node	*n = tui_selected(ui);
	char		 line[64];

	if (n == NULL) {
		tui_message(ui, TC_RED, "no task selected");
		return TUI_R_MSG;
	}
	snprintf(line, sizeof line, "%s%d", prefix, (int)T(n)->tid);
	return lv_command(ui, line, false);
}

static unsigned
k_step(struct tui *ui, int key)
{
	(void)key;
	if (S(ui)->state == SESS_RUNNING) {
		tui_message(ui, 0, "running: p pauses first");
		return TUI_R_MSG;
	}
	return lv_command(ui, "step", false);
}

static unsigned
k_cont(struct tui *ui, int key)
{
	(void)key;
	if (S(ui)->state == SESS_RUNNING) {
		tui_message(ui, 0, "already running");
		return TUI_R_MSG;
	}
	return lv_command(ui, "continue", false);
}

static unsigned
k_pause(struct tui *ui, int key)
{
	(void)key;
	if (S(ui)->state != SESS_RUNNING) {
		tui_message(ui, 0, "not running");
		return TUI_R_MSG;
	}
	session_pause(S(ui));
	return after_command(ui, SESS_RUNNING) | TUI_R_ALL;
}

static unsigned
k_hold(struct tui *ui, int key)
{
	struct tui_node	*n = tui_selected(ui);

	(void)key;
	if (n == NULL)
		return 0;
	return task_command(ui, (T(n)->flags & TF_HELD) ? "release " :
	    "hold ");
}

static unsigned
k_break(struct tui *ui, int key)
{
	(void)key;
	return task_command(ui, "tbreak any pid=");
}

static unsigned
k_gdb(struct tui *ui, int key)
{
	(void)key;
	return task_command(ui, "gdb ");
}

/* Backtrace of the selected task into the details pane, from the shared
 * inspect layer (source lines, demangled names): a running task is stopped
 * for the moment of the unwind and restarted. */
static unsigned
k_backtrace(struct tui *ui, int key)
{
	struct tui_live	*lv = LV(ui);
	struct session	*s = &lv->s;
	struct tui_node	*n = tui_selected(ui);
	struct fw_task	*t = n != NULL ? T(n) : NULL;
	struct fw_buf	 err;
	pid_t		 tid;

	(void)key;
	if (t == NULL || t->state == TASK_DEAD) {
		tui_message(ui, TC_RED, "backtrace: no live task selected");
		return TUI_R_MSG;
	}
	tid = t->tid;
	/* A task stopped now keeps these frames until it runs again; one
	 * that was running only until its next event. */
	lv->bt_was_stopped = task_is_stopped(t) && !(s->state ==
	    SESS_RUNNING && s->stop_mode == SESS_STOP_ALL);
	fw_buf_init(&err);
	fw_buf_reset(&lv->bt);
	if (inspect_bt(s, t, &lv->bt, &err) != 0) {
		fw_buf_reset(&lv->bt);
		fw_buf_printf(&lv->bt, "  (no backtrace: %s)\n",
		    fw_buf_cstr(&err));
	}
	fw_buf_release(&err);
	lv->bt_ts = engine_ts(&s->eng);
	lv->bt_tid = tid;
	if ((t = task_find_any(&s->eng.tasks, tid)) == NULL)
		return TUI_R_MSG | TUI_R_TREE;
	ui->detview = DET_INFO;
	/* Show the frames: they follow the /proc lines. */
	fw_buf_reset(&ui->det);
	lv_details(ui, (struct tui_node *)t, &ui->det);
	ui->det_scroll = tui_count_lines(ui->det.data, ui->det.len) -
	    tui_count_lines(lv->bt.data, lv->bt.len) - 1;
	if (ui->det_scroll < 0)
		ui->det_scroll = 0;
	ui->det_tid = tid;
	tui_message(ui, 0, "backtrace of %d in the details pane", (int)tid);
	return TUI_R_DETAILS | TUI_R_MSG | TUI_R_TREE;
}

static unsigned
quit_yes(struct tui *ui)
{
	(void)ui;
	return TUI_R_QUIT;
}

static unsigned
lv_quit(struct tui *ui)
{
	struct session	*s = S(ui);
	size_t		 n = engine_live(&s->eng);

	if (n == 0)
		return TUI_R_QUIT;
	return tui_ask(ui, quit_yes, "not quitting",
	    "%s %zu traced task%s and quit? (y/n)",
	    s->eng.launched ? "Kill" : "Detach from", n, n == 1 ? "" : "s");
}

static const struct tui_keydef live_keys[] = {
	{ { 'n', 's' }, "n s", PANE_COUNT,
	  "step: run to the next lifecycle event, stop",
	  "Step: let the tree run to the next lifecycle event, then stop\n"
	  ".RB ( step ).", k_step },
	{ { 'c' }, "c", PANE_COUNT,
	  "continue until a breakpoint or the end",
	  "Continue until a breakpoint hits or the tree is gone\n"
	  ".RB ( continue ).", k_cont },
	{ { 'p', TK_CTRL_C }, "p Ctrl-C", PANE_COUNT,
	  "pause: stop every task now",
	  "Pause: stop every task now (PTRACE_INTERRUPT).", k_pause },
	{ { 'h' }, "h", PANE_COUNT, "hold / release the selected task",
	  "Hold the selected task, or release it\n.RB ( hold ,\n"
	  ".BR release ).", k_hold },
	{ { 'B' }, "B", PANE_COUNT, "break at the selected task's next event",
	  "Break at the selected task's next event\n"
	  ".RB ( \"tbreak any pid=\" \\fIPID\\fR).", k_break },
	{ { 'b' }, "b", PANE_COUNT, "backtrace of the selected task",
	  "Backtrace of the selected task in the details pane (a running "
	  "task is stopped for the moment of the unwind); it goes when the "
	  "task moves on.", k_backtrace },
	{ { 'g' }, "g", PANE_COUNT, "hand the selected task to gdb",
	  "Hand the selected task to gdb\n.RB ( gdb\n.IR PID ):\nthe TUI "
	  "gives the terminal to gdb and comes back when gdb exits.", k_gdb },
	{ { 0 }, NULL, 0, NULL, NULL, NULL },
};

static void
lv_free(struct tui *ui)
{
	struct tui_live	*lv = LV(ui);

	if (lv == NULL)
		return;
	if (lv->inited)
		session_release(&lv->s);
	tui_live_events_free(lv);
	tui_folds_release(&lv->folds);
	free(lv->adopt);
	report_pidmap_release(&lv->adopt_first);
	report_pidmap_release(&lv->adopt_last);
	report_pidmap_release(&lv->adopt_of);
	fw_buf_release(&lv->bt);
	free(lv);
	ui->src_data = NULL;
}

const struct tui_source tui_live_source = {
	.name = "live",
	.keys_title = "Tracing",
	.keys = live_keys,
	.first = lv_first,
	.next = lv_next,
	.parent = lv_parent,
	.adopted = lv_adopted,
	.find = lv_find,
	.flags = lv_flags,
	.set_fold = lv_set_fold,
	.row = lv_row,
	.label = lv_label,
	.details = lv_details,
	.tgid = lv_tgid,
	.status = lv_status,
	.hints = lv_hints,
	.tree_title = lv_tree_title,
	.ev_range = tui_live_ev_range,
	.event = tui_live_event,
	.ev_details = tui_live_ev_details,
	.under = tui_live_under,
	.ev_now = lv_ev_now,
	.command = lv_command,
	.complete = lv_complete,
	.quit = lv_quit,
	.poll_fd = lv_poll_fd,
	.ready = lv_ready,
	.after_keys = lv_after_keys,
	.tick = lv_tick,
	.free = lv_free,
};

/* --- start and end ------------------------------------------------------- */

int
tui_live_open(struct tui *ui, const struct tui_live_hooks *th)
{
	struct tui_live		*lv = fw_calloc(1, sizeof *lv);
	struct session_hooks	 hooks = {
		.out = hook_out, .err = hook_err, .confirm = hook_confirm,
		.suspend = hook_suspend, .resume = hook_resume,
		.event = hook_event, .arg = ui,
	};

	lv->th = *th;
	lv->ring = fw_calloc(LV_RING, sizeof *lv->ring);
	fw_buf_init(&lv->bt);
	ui->src = &tui_live_source;
	ui->src_data = lv;
	if (session_init(&lv->s, ui->o, &hooks) != 0)
		return -1;
	lv->inited = true;
	return 0;
}

int
tui_live_check(struct tui *ui)
{
	const struct fw_options	*o = ui->o;
	struct fw_buf		 err;
	int			 r;

	if (o->nscripts == 0)
		return 0;
	fw_buf_init(&err);
	r = cmd_check_scripts(S(ui), o->scripts, o->nscripts, &err);
	if (r != 0)
		fw_error(0, "%s", fw_buf_cstr(&err));
	fw_buf_release(&err);
	return r != 0 ? FW_EXIT_FAILURE : 0;
}

int
tui_live_start(struct tui *ui, int tty_fd)
{
	struct session	*s = S(ui);

	if (tty_fd >= 0)
		s->eng.opts.launch_tty = tty_fd;
	/* A person is at the keyboard (confirmations ask). The program's
	 * own Ctrl-C on its pty is left alone: the session only takes a
	 * terminal SIGINT as "pause" for tasks in forkwatch's process group. */
	s->interactive = true;
	tui_term_catch();
	s->intr = &tui_quit_signal;
	return session_start(s);
}

int
tui_live_scripts(struct tui *ui)
{
	const struct fw_options	*o = ui->o;
	struct session		*s = S(ui);
	int			 r;

	if (o->nscripts == 0)
		return -1;
	ui->echo = true;
	r = cmd_run_scripts(s, o->scripts, o->nscripts);
	ui->echo = false;
	if (r == CMD_INTR && tui_quit_signal == SIGINT)
		tui_quit_signal = 0;	/* Ctrl-C: paused; show the tree */
	if (r == CMD_ERROR || tui_quit_signal != 0) {
		/* A quit signal ends the session as q does: the status is
		 * the session's (the log's end line says the same). */
		session_finish(s);
		if (r == CMD_ERROR)
			s->exit_status = FW_EXIT_FAILURE;
		return s->exit_status;
	}
	if (s->quit) {
		session_finish(s);
		return s->exit_status;
	}
	return -1;
}

pid_t
tui_live_first(struct tui *ui)
{
	struct session	*s = S(ui);

	return s->stop_pid != 0 ? s->stop_pid : s->eng.root;
}

int
tui_live_finish(struct tui *ui, int status)
{
	struct session	*s = S(ui);

	if (engine_live(&s->eng) > 0)
		session_finish(s);
	/* After SIGTERM, SIGHUP, SIGINT or SIGQUIT too: the tree was
	 * finished as by q (attach: detached, 0; launch: the root's status),
	 * and the log's end line says the same. */
	if (status < 0)
		status = s->exit_status;
	return session_log_end(s, status);
}
