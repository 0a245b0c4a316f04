/* tui-replay.c - a saved JSONL log in the TUI, with a time cursor.
 *
 * The log is read once into an array of events, and every task of the
 * whole trace gets a record (in a task table of its own, linked into the
 * tree as the engine would have) that knows the index of the event that
 * created it, the one that ended it, and the indices of its own events.
 * The tree "as it was" at cursor position pos (events [0, pos) happened)
 * is then a filter: a task is shown when it was born before pos, ended
 * when its end is before pos, and its argv is that of its last exec before
 * pos (a binary search in its own events). So moving the cursor anywhere in
 * a big log costs the same as redrawing: nothing is replayed and no
 * checkpoints are needed. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "flags.h"
#include "tlog-read.h"
#include "tlog-write.h"
#include "tui-int.h"

#define NONE	SIZE_MAX

struct rp_event {
	enum fw_event_kind	 kind;
	double			 ts;
	pid_t			 pid, tgid, child, parent, old_pid, sender, ppid;
	bool			 thread, killed, core, has_rusage, trunc;
	int			 code, signo;
	double			 utime, stime;
	long			 maxrss;
	char			*path, *cwd;
	struct fw_strv		 argv;
	struct fw_task		*task;		/* the task it is about */
};

/* fw_task.client of a replayed task. */
struct rp_task {
	size_t		 born;		/* event that made it */
	size_t		 died;		/* its exit (or exec by another) */
	size_t		 image;		/* exec/attach giving its image at birth */
	size_t		*evs;		/* its own events, in order */
	size_t		 nevs, cap;
	unsigned	 uibits;
	bool		 replaced;	/* vanished in an exec by a thread */
};

struct tui_replay {
	char		*path;
	struct rp_event	*ev;
	size_t		 n, cap;
	size_t		 pos;		/* events [0, pos) have happened */
	struct task_table tasks;
	char		*mode;
	char		*time;
	bool		 saw_end;
	long long	 end_status;
	unsigned long	 bad;
};

static struct rp_task *
rt(const struct fw_task *t)
{
	return t->client;
}

static void
rt_add_event(struct fw_task *t, size_t idx)
{
	struct rp_task	*r = rt(t);

	if (r->nevs == r->cap) {
		r->cap = r->cap == 0 ? 4 : r->cap * 2;
		r->evs = fw_realloc(r->evs, r->cap * sizeof *r->evs);
	}
	r->evs[r->nevs++] = idx;
}

static struct fw_task *
new_task(struct tui_replay *rp, pid_t tid, pid_t tgid, size_t born)
{
	struct fw_task	*t = task_new(&rp->tasks, tid);
	struct rp_task	*r = fw_calloc(1, sizeof *r);

	t->tgid = tgid;
	t->state = TASK_RUNNING;
	r->born = born;
	r->died = NONE;
	r->image = NONE;
	t->client = r;
	return t;
}

/* The last exec or attach of t's process before idx, else its image at
 * birth. */
static size_t
image_at(const struct tui_replay *rp, const struct fw_task *t, size_t idx)
{
	const struct fw_task	*p = (t->flags & TF_THREAD) && t->leader ?
	    t->leader : t;
	const struct rp_task	*r = rt(p);
	size_t			 lo = 0, hi = r->nevs, mid;
	enum fw_event_kind	 k;

	/* The first own event at or after idx. */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r->evs[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0) {
		k = rp->ev[r->evs[lo]].kind;
		if (k == FW_EV_EXEC || k == FW_EV_ATTACH)
			return r->evs[lo];
	}
	return r->image;
}

/* The task an event is about; the first event of an unknown task makes
 * it (the root, attached tasks, or a task whose creation was not seen). */
static struct fw_task *
task_of(struct tui_replay *rp, size_t i)
{
	struct rp_event	*e = &rp->ev[i];
	struct fw_task	*t, *leader, *parent;

	if ((t = task_find(&rp->tasks, e->pid)) != NULL)
		return t;
	t = new_task(rp, e->pid, e->tgid, i);
	if (e->tgid != e->pid && (leader = task_find(&rp->tasks,
	    e->tgid)) != NULL) {
		t->flags |= TF_THREAD;
		t->leader = leader;
		leader->nthreads++;
		task_link(leader, t);
		rt(t)->image = image_at(rp, leader, i);
	} else {
		parent = e->kind == FW_EV_ATTACH && e->ppid > 0 ?
		    task_find(&rp->tasks, e->ppid) : NULL;
		task_link(parent, t);
		t->flags |= TF_ROOT;
	}
	return t;
}

/* fork, vfork, clone: the child's record, linked where the engine would
 * have put it. */
static void
apply_fork(struct tui_replay *rp, size_t i, struct fw_task *t)
{
	struct rp_event	*e = &rp->ev[i];
	struct fw_task	*c, *proc = (t->flags & TF_THREAD) && t->leader ?
	    t->leader : t, *parent;

	if (e->child <= 0 || task_find(&rp->tasks, e->child) != NULL)
		return;
	c = new_task(rp, e->child, e->thread ? e->tgid : e->child, i);
	c->creator = t->tid;
	rt(c)->image = image_at(rp, proc, i + 1);
	if (e->thread) {
		c->flags |= TF_THREAD;
		c->leader = proc;
		proc->nthreads++;
		task_link(proc, c);
	} else {
		parent = e->parent > 0 ? task_find(&rp->tasks, e->parent) :
		    proc;
		task_link(parent != NULL ? parent : proc, c);
	}
}

/* Build the records from the events (once, at load). */
static void
build(struct tui *ui, struct tui_replay *rp)
{
	struct fw_task	*t, *old;
	struct rp_event	*e;
	size_t		 i;

	for (i = 0; i < rp->n; i++) {
		e = &rp->ev[i];
		t = task_of(rp, i);
		e->task = t;
		rt_add_event(t, i);
		switch (e->kind) {
		case FW_EV_FORK:
		case FW_EV_VFORK:
		case FW_EV_CLONE:
			apply_fork(rp, i, t);
			if (!e->thread)
				tui_pidmap_set(&ui->parents, e->child,
				    e->parent > 0 ? e->parent : e->tgid);
			break;
		case FW_EV_ATTACH:
			if (e->pid == e->tgid)
				tui_pidmap_set(&ui->parents, e->pid, e->ppid);
			break;
		case FW_EV_EXEC:
			/* A thread exec'd: its old task id is gone. */
			if (e->old_pid > 0 && e->old_pid != e->pid &&
			    (old = task_find(&rp->tasks, e->old_pid)) != NULL) {
				rt(old)->died = i;
				rt(old)->replaced = true;
				task_unhash(&rp->tasks, old);
			}
			break;
		case FW_EV_EXIT:
		case FW_EV_DETACH:
			rt(t)->died = i;
			t->exited = e->kind == FW_EV_EXIT;
			t->killed = e->killed;
			t->code = e->code;
			t->signo = e->signo;
			t->core = e->core;
			/* The pid may be used again later in the log. */
			task_unhash(&rp->tasks, t);
			break;
		default:
			break;
		}
	}
}

static void
strv_from_argv(struct fw_strv *v, const char *const *argv, size_t argc)
{
	struct fw_buf	 b;
	size_t		 i;

	fw_buf_init(&b);
	for (i = 0; i < argc; i++)
		fw_buf_add(&b, argv[i], strlen(argv[i]) + 1);
	strv_set(v, b.data, b.len);
	fw_buf_release(&b);
}

/* Copy one parsed line; false for lines that are not events. */
static bool
take(struct tui_replay *rp, const struct tlog_event *te)
{
	struct rp_event	*e;
	enum fw_event_kind k = te->kind;
	bool		 ok = k != FW_EV_UNKNOWN;

	if (te->kind == FW_EV_START) {
		rp->mode = fw_strdup(te->mode != NULL ? te->mode : "");
		rp->time = fw_strdup(te->time != NULL ? te->time : "");
		return false;
	}
	if (te->kind == FW_EV_END) {
		rp->saw_end = true;
		rp->end_status = te->has_status ? te->status : -1;
		return false;
	}
	if (!ok || te->pid <= 0)
		return false;
	if (rp->n == rp->cap) {
		rp->cap = rp->cap == 0 ? 1024 : rp->cap * 2;
		rp->ev = fw_realloc(rp->ev, rp->cap * sizeof *rp->ev);
	}
	e = &rp->ev[rp->n++];
	memset(e, 0, sizeof *e);
	e->kind = k;
	e->ts = te->ts;
	e->pid = (pid_t)te->pid;
	e->tgid = te->tgid > 0 ? (pid_t)te->tgid : (pid_t)te->pid;
	e->child = te->has_child ? (pid_t)te->child : 0;
	e->parent = te->has_parent ? (pid_t)te->parent : 0;
	e->old_pid = te->has_old_pid ? (pid_t)te->old_pid : 0;
	e->sender = te->has_sender ? (pid_t)te->sender : 0;
	e->ppid = te->has_ppid ? (pid_t)te->ppid : 0;
	e->thread = te->thread;
	e->code = te->has_code ? (int)te->code : 0;
	if (te->signal != NULL) {
		e->signo = flags_sigparse(te->signal);
		if (e->signo < 0)
			e->signo = 0;
		e->killed = k == FW_EV_EXIT;
	}
	e->core = te->core;
	e->has_rusage = te->has_rusage;
	e->utime = te->utime;
	e->stime = te->stime;
	e->maxrss = (long)te->maxrss_kb;
	e->trunc = te->argv_truncated;
	strv_init(&e->argv);
	if (te->path != NULL)
		e->path = fw_strdup(te->path);
	if (te->cwd != NULL)
		e->cwd = fw_strdup(te->cwd);
	if (te->argv != NULL)
		strv_from_argv(&e->argv, te->argv, te->argc);
	return true;
}

struct tui_replay *
tui_replay_load(struct tui *ui, const char *path)
{
	struct tui_replay	*rp;
	struct tlog_reader	*rd;
	struct tlog_event	 te;
	enum tlog_open_error	 why;
	char			*msg = NULL;
	int			 r;

	if ((rd = tlog_read_open(path, &why, &msg)) == NULL) {
		fw_error(0, "%s", msg != NULL ? msg : "cannot read the log");
		free(msg);
		return NULL;
	}
	rp = fw_calloc(1, sizeof *rp);
	rp->path = fw_strdup(path);
	task_table_init(&rp->tasks);
	while ((r = tlog_read_next(rd, &te)) > 0)
		take(rp, &te);
	if (r < 0)
		fw_warn("%s: read error: %s; showing what was read", path,
		    strerror(errno));
	rp->bad = tlog_read_bad_lines(rd);
	tlog_read_free(rd);
	build(ui, rp);
	/* Open at the first event, the root's start. */
	rp->pos = rp->n > 0 ? 1 : 0;
	return rp;
}

void
tui_replay_free(struct tui_replay *rp)
{
	struct fw_task	*t;
	size_t		 i;

	if (rp == NULL)
		return;
	for (t = rp->tasks.head; t != NULL; t = t->all_next) {
		free(rt(t)->evs);
		free(t->client);
		t->client = NULL;
	}
	task_table_release(&rp->tasks);
	for (i = 0; i < rp->n; i++) {
		free(rp->ev[i].path);
		free(rp->ev[i].cwd);
		strv_release(&rp->ev[i].argv);
	}
	free(rp->ev);
	free(rp->path);
	free(rp->mode);
	free(rp->time);
	free(rp);
}

struct task_table *
tui_replay_tasks(struct tui_replay *rp)
{
	return &rp->tasks;
}

size_t
tui_replay_pos(const struct tui_replay *rp)
{
	return rp->pos;
}

size_t
tui_replay_count(const struct tui_replay *rp)
{
	return rp->n;
}

bool
tui_replay_visible(const struct tui_replay *rp, const struct fw_task *t)
{
	return rt(t)->born < rp->pos;
}

unsigned
tui_replay_ui_bits(const struct fw_task *t)
{
	return rt(t)->uibits;
}

void
tui_replay_set_ui_bits(struct fw_task *t, unsigned bits)
{
	rt(t)->uibits = bits;
}

static bool
dead_at(const struct tui_replay *rp, const struct fw_task *t)
{
	return rt(t)->died != NONE && rt(t)->died < rp->pos;
}

/* The task with id tid at the cursor: a living one first. */
struct fw_task *
tui_replay_find(struct tui *ui, pid_t tid)
{
	struct tui_replay	*rp = ui->rp;
	struct fw_task		*t, *best = NULL;

	for (t = rp->tasks.head; t != NULL; t = t->all_next) {
		if (t->tid != tid || !tui_replay_visible(rp, t))
			continue;
		if (!dead_at(rp, t))
			return t;
		best = t;
	}
	return best;
}

/* The last own event of t before the cursor. */
static const struct rp_event *
last_event(const struct tui_replay *rp, const struct fw_task *t)
{
	const struct rp_task	*r = rt(t);
	size_t			 lo = 0, hi = r->nevs, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (r->evs[mid] < rp->pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? &rp->ev[r->evs[lo - 1]] : NULL;
}

void
tui_replay_row(struct tui *ui, struct tui_row *row)
{
	struct tui_replay	*rp = ui->rp;
	struct fw_task		*t = row->t;
	struct rp_task		*r = rt(t);
	const struct rp_event	*last, *cur = rp->pos > 0 ?
	    &rp->ev[rp->pos - 1] : NULL;
	double			 now = cur != NULL ? cur->ts : 0;

	row->thread = (t->flags & TF_THREAD) != 0;
	row->state = ' ';
	row->current = cur != NULL && cur->task == t;
	row->isnew = r->born + 1 == rp->pos && r->born > 0;
	if (dead_at(rp, t)) {
		row->dead = true;
		row->runtime = rp->ev[r->died].ts - rp->ev[r->born].ts;
		if (r->replaced)
			snprintf(row->why, sizeof row->why, "exec'd away");
		else
			tui_row_ended(t, row);
		return;
	}
	row->runtime = now - rp->ev[r->born].ts;
	if ((last = last_event(rp, t)) != NULL) {
		if (last->kind == FW_EV_STOP) {
			row->state = 'T';
			snprintf(row->why, sizeof row->why, "job-stop");
		} else if (row->current) {
			snprintf(row->why, sizeof row->why, "%s",
			    event_kind_name(last->kind));
		}
	}
}

void
tui_replay_label(struct tui *ui, const struct fw_task *t, struct fw_buf *b)
{
	struct tui_replay	*rp = ui->rp;
	size_t			 img = image_at(rp, t, rp->pos);
	const struct fw_strv	*argv = img != NONE ? &rp->ev[img].argv : NULL;
	const char		*name;

	if (t->flags & TF_THREAD) {
		name = img != NONE ? rp->ev[img].path : NULL;
		if (name == NULL && argv != NULL)
			name = strv_get(argv, 0);
		if (name != NULL && strrchr(name, '/') != NULL)
			name = strrchr(name, '/') + 1;
		fw_buf_addc(b, '{');
		esc_text_bare(b, name != NULL ? name : "?",
		    strlen(name != NULL ? name : "?"));
		fw_buf_addc(b, '}');
		return;
	}
	if (argv == NULL || !tui_label_argv(b, argv))
		fw_buf_adds(b, "?");
}

/* The fw_event of replayed event i, for the log formatter. */
static void
to_fw_event(const struct rp_event *e, struct fw_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = e->kind;
	ev->ts = e->ts;
	ev->pid = e->pid;
	ev->tgid = e->tgid;
	ev->child = e->child;
	ev->parent = e->parent;
	ev->thread = e->thread;
	ev->path = e->path;
	ev->cwd = e->cwd != NULL ? e->cwd : "";
	ev->argv = &e->argv;
	ev->argv_truncated = e->trunc;
	ev->old_pid = e->old_pid;
	ev->ppid = e->ppid;
	ev->killed = e->killed;
	ev->code = e->code;
	ev->signo = e->signo;
	ev->core = e->core;
	ev->has_rusage = e->has_rusage;
	ev->utime = e->utime;
	ev->stime = e->stime;
	ev->maxrss_kb = e->maxrss;
	ev->sender = e->sender;
}

bool
tui_replay_event(struct tui *ui, size_t idx, enum fw_event_kind *kind,
    pid_t *pid, pid_t *tgid, struct fw_buf *line)
{
	const struct rp_event	*e;
	struct fw_event		 ev;

	if (idx >= ui->rp->n)
		return false;
	e = &ui->rp->ev[idx];
	*kind = e->kind;
	*pid = e->pid;
	*tgid = e->tgid;
	if (line != NULL) {
		fw_buf_printf(line, "#%-5zu", idx + 1);
		to_fw_event(e, &ev);
		tlog_format_event(line, TLOG_TEXT, &ev);
	}
	return true;
}

void
tui_replay_details(struct tui *ui, const struct fw_task *t, struct fw_buf *b)
{
	struct tui_replay	*rp = ui->rp;
	const struct rp_task	*r = rt(t);
	size_t			 img = image_at(rp, t, rp->pos), i, from;
	const struct rp_event	*e;
	const char		*a;
	enum fw_event_kind	 k;
	pid_t			 pid, tgid;

	fw_buf_printf(b, "task %d  (%s", (int)t->tid,
	    (t->flags & TF_THREAD) ? "thread of " : "process");
	if (t->flags & TF_THREAD)
		fw_buf_printf(b, "%d", (int)t->tgid);
	fw_buf_adds(b, ")\n");
	fw_buf_printf(b, "born     event #%zu at %.6fs", r->born + 1,
	    rp->ev[r->born].ts);
	if (t->creator != 0)
		fw_buf_printf(b, ", made by %d", (int)t->creator);
	fw_buf_addc(b, '\n');
	if (t->parent != NULL)
		fw_buf_printf(b, "parent   %d\n", (int)t->parent->tid);
	if (dead_at(rp, t)) {
		e = &rp->ev[r->died];
		fw_buf_printf(b, "ended    event #%zu at %.6fs: ", r->died + 1,
		    e->ts);
		if (r->replaced)
			fw_buf_adds(b, "replaced by an exec\n");
		else if (e->kind == FW_EV_DETACH)
			fw_buf_adds(b, "detached\n");
		else if (e->killed)
			fw_buf_printf(b, "killed by %s%s\n",
			    flags_signame(e->signo), e->core ?
			    " (core dumped)" : "");
		else
			fw_buf_printf(b, "exit %d\n", e->code);
		if (e->has_rusage)
			fw_buf_printf(b, "rusage   user %.3fs sys %.3fs maxrss "
			    "%ld kB\n", e->utime, e->stime, e->maxrss);
	} else if (r->died != NONE) {
		fw_buf_printf(b, "ends     at event #%zu (later)\n",
		    r->died + 1);
	}
	if (img != NONE) {
		e = &rp->ev[img];
		if (e->path != NULL) {
			fw_buf_adds(b, "exe      ");
			esc_text_bare(b, e->path, strlen(e->path));
			fw_buf_addc(b, '\n');
		}
		fw_buf_adds(b, "argv     ");
		for (a = NULL; (a = strv_next(&e->argv, a)) != NULL; ) {
			esc_text(b, a, strlen(a));
			fw_buf_addc(b, ' ');
		}
		fw_buf_addc(b, '\n');
		if (e->cwd != NULL) {
			fw_buf_adds(b, "cwd      ");
			esc_text_bare(b, e->cwd, strlen(e->cwd));
			fw_buf_addc(b, '\n');
		}
	}
	/* Its own events up to the cursor (the last 200). */
	for (i = 0; i < r->nevs && r->evs[i] < rp->pos; i++)
		;
	from = i > 200 ? i - 200 : 0;
	fw_buf_printf(b, "events   %zu so far\n", i);
	for (; from < i; from++) {
		fw_buf_adds(b, "  ");
		tui_replay_event(ui, r->evs[from], &k, &pid, &tgid, b);
		fw_buf_addc(b, '\n');
	}
}

/* Move the cursor to pos and select the task of the event there. */
static unsigned
move_to(struct tui *ui, size_t pos)
{
	struct tui_replay	*rp = ui->rp;

	if (pos > rp->n)
		pos = rp->n;
	if (pos == rp->pos)
		return TUI_R_STATUS;
	rp->pos = pos;
	ui->ev_scroll = 0;
	if (pos > 0) {
		ui->sel_tid = 0;
		tui_select_tid(ui, rp->ev[pos - 1].pid);
	}
	ui->dirty |= TUI_R_ALL;
	return TUI_R_ALL;
}

/* The next (dir > 0) or previous event of the selected task. */
static unsigned
task_step(struct tui *ui, int dir)
{
	struct tui_replay	*rp = ui->rp;
	struct fw_task		*t = tui_selected(ui);
	const struct rp_task	*r;
	size_t			 i;

	if (t == NULL)
		return 0;
	r = rt(t);
	if (dir > 0) {
		for (i = 0; i < r->nevs; i++) {
			if (r->evs[i] >= rp->pos)
				return move_to(ui, r->evs[i] + 1);
		}
	} else {
		for (i = r->nevs; i > 0; i--) {
			if (r->evs[i - 1] + 1 < rp->pos)
				return move_to(ui, r->evs[i - 1] + 1);
		}
	}
	tui_message(ui, 0, "no %s event of task %d", dir > 0 ? "later" :
	    "earlier", (int)t->tid);
	return TUI_R_MSG;
}

unsigned
tui_replay_key(struct tui *ui, int key)
{
	struct tui_replay	*rp = ui->rp;

	switch (key) {
	case TK_RIGHT:
	case 'n':
	case '.':
		return move_to(ui, rp->pos + 1);
	case TK_LEFT:
	case 'p':
	case ',':
		return move_to(ui, rp->pos > 0 ? rp->pos - 1 : 0);
	case '}':
		return move_to(ui, rp->pos + 100);
	case '{':
		return move_to(ui, rp->pos > 100 ? rp->pos - 100 : 0);
	case TK_HOME:
		return move_to(ui, rp->n > 0 ? 1 : 0);
	case TK_END:
		return move_to(ui, rp->n);
	case ']':
		return task_step(ui, 1);
	case '[':
		return task_step(ui, -1);
	case 'g':
		ui->prompt = PROMPT_GOTO;
		fw_buf_reset(&ui->line);
		ui->cur = 0;
		return TUI_R_MSG | TUI_R_STATUS;
	}
	return 0;
}

/* "N" (event number), "+N"/"-N" (relative), "1.5s" (time). */
unsigned
tui_replay_goto(struct tui *ui, const char *spec)
{
	struct tui_replay	*rp = ui->rp;
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
		if (end == spec || *end != 's') {
			tui_message(ui, TC_RED, "go to: N, +N, -N or a time "
			    "like 1.5s");
			return TUI_R_MSG;
		}
		/* Events at or before ts have happened. */
		lo = 0;
		hi = rp->n;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (rp->ev[mid].ts <= ts)
				lo = mid + 1;
			else
				hi = mid;
		}
		return move_to(ui, lo);
	}
	v = strtol(spec, &end, 10);
	if (end == spec || *end != '\0') {
		tui_message(ui, TC_RED, "go to: N, +N, -N or a time like 1.5s");
		return TUI_R_MSG;
	}
	if (spec[0] == '+' || spec[0] == '-')
		v += (long)rp->pos;
	return move_to(ui, v < 0 ? 0 : (size_t)v);
}

void
tui_replay_status(struct tui *ui, struct fw_buf *b)
{
	struct tui_replay	*rp = ui->rp;
	struct fw_task		*t;
	size_t			 live = 0, dead = 0;

	for (t = rp->tasks.head; t != NULL; t = t->all_next) {
		if (!tui_replay_visible(rp, t))
			continue;
		if (dead_at(rp, t))
			dead++;
		else
			live++;
	}
	fw_buf_printf(b, " REPLAY  event %zu/%zu  t=%.6fs  live %zu  exited "
	    "%zu", rp->pos, rp->n, rp->pos > 0 ? rp->ev[rp->pos - 1].ts : 0.0,
	    live, dead);
	if (rp->pos == rp->n && !rp->saw_end)
		fw_buf_adds(b, "  (log cut short)");
	if (rp->bad > 0)
		fw_buf_printf(b, "  %lu bad lines", rp->bad);
}
