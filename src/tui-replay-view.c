/* tui-replay-view.c - the replay's tree, rows, labels, details, status
 * and events as they were after the event at the cursor: filters on the
 * report model's records (which know their first and last event), and the
 * event lines read again from the log (tui-replay-log.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "flags.h"
#include "inspect.h"
#include "tlog-write.h"
#include "tui-replay-int.h"

/* --- the tree at the cursor ------------------------------------------ */

/* A process shown as a root: its parent is none, or not there yet. */
static bool
is_root(const struct tui_replay *rp, const struct report_proc *p)
{
	return p->start_ev <= rp->pos && (p->parent == NULL ||
	    p->parent->start_ev > rp->pos);
}

static struct tui_node *
root_from(struct tui_replay *rp, size_t seq)
{
	for (; seq < rp->m->n_procs; seq++) {
		if (is_root(rp, rp->m->procs[seq]))
			return (struct tui_node *)&rp->nodes[seq];
	}
	return NULL;
}

static struct tui_node *
proc_from(struct tui_replay *rp, struct report_proc *c)
{
	for (; c != NULL; c = c->next_sibling) {
		if (c->start_ev <= rp->pos)
			return node_of(rp, c, false);
	}
	return NULL;
}

static struct tui_node *
thread_from(struct tui_replay *rp, struct report_thread *t)
{
	for (; t != NULL; t = t->next) {
		if (t->start_ev <= rp->pos)
			return node_of(rp, t, true);
	}
	return NULL;
}

/* A process's threads come first, then its child processes. */
struct tui_node *
tui_replay_first(struct tui *ui, struct tui_node *parent)
{
	struct tui_replay	*rp = RP(ui);
	struct report_proc	*p;
	struct tui_node		*n;

	if (parent == NULL)
		return root_from(rp, 0);
	if (N(parent)->thread)
		return NULL;
	p = N(parent)->rec;
	if ((n = thread_from(rp, p->threads)) != NULL)
		return n;
	return proc_from(rp, p->first_child);
}

struct tui_node *
tui_replay_next(struct tui *ui, struct tui_node *n)
{
	struct tui_replay	*rp = RP(ui);
	struct report_thread	*t;
	struct report_proc	*p;
	struct tui_node		*x;

	if (N(n)->thread) {
		t = N(n)->rec;
		if ((x = thread_from(rp, t->next)) != NULL)
			return x;
		return proc_from(rp, t->proc->first_child);
	}
	p = N(n)->rec;
	if (is_root(rp, p))
		return root_from(rp, p->seq + 1);
	return proc_from(rp, p->next_sibling);
}

struct tui_node *
tui_replay_parent(struct tui *ui, struct tui_node *n)
{
	struct tui_replay	*rp = RP(ui);
	struct report_proc	*p;

	if (N(n)->thread)
		return node_of(rp, ((struct report_thread *)N(n)->rec)->proc,
		    false);
	p = N(n)->rec;
	if (is_root(rp, p))
		return NULL;
	return node_of(rp, p->parent, false);
}

/* The processes the kernel had given parent at the cursor (their
 * reparent event happened, their next one has not): *cursor is the next
 * adoption's index + 1 (SIZE_MAX: no more). */
struct tui_node *
tui_replay_adopted(struct tui *ui, struct tui_node *parent, size_t *cursor,
    pid_t *from)
{
	struct tui_replay	*rp = RP(ui);
	const struct rp_adopt	*a;
	size_t			 i;

	if (*cursor == SIZE_MAX)
		return NULL;
	i = *cursor != 0 ? *cursor - 1 : N(parent)->adopted;
	for (; i != NO_NODE; i = a->next) {
		a = &rp->adopt[i];
		if (a->ev > rp->pos || a->until <= rp->pos)
			continue;
		*cursor = a->next != NO_NODE ? (size_t)a->next + 1 : SIZE_MAX;
		*from = (pid_t)rp->ev[a->ev].code;
		return (struct tui_node *)&rp->nodes[a->node];
	}
	*cursor = SIZE_MAX;
	return NULL;
}

/* The task with id tid at the cursor: the newest one seen by then (the
 * id was free when it was made, so an older one is gone). */
struct tui_node *
tui_replay_find(struct tui *ui, pid_t tid)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd, *best = NULL;
	size_t			 id;

	id = (size_t)(uintptr_t)report_pidmap_get(&rp->bytid, tid);
	if (id == 0)
		return NULL;
	for (id--; id != NO_NODE; id = nd->same_tid) {
		nd = &rp->nodes[id];
		if (visible(rp, nd) && (best == NULL ||
		    start_ev(nd) > start_ev(best)))
			best = nd;
	}
	return (struct tui_node *)best;
}

unsigned
tui_replay_flags(struct tui *ui, struct tui_node *n, pid_t *tid)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd = N(n);
	unsigned		 f = nd->fold;

	if (tid != NULL)
		*tid = (pid_t)node_tid(nd);
	if (nd->thread)
		f |= TUI_N_THREAD;
	if (dead_at(rp, nd))
		f |= TUI_N_DEAD;
	if (failed_at(rp, nd))
		f |= TUI_N_FAILED;
	return f;
}

void
tui_replay_set_fold(struct tui *ui, struct tui_node *n, unsigned bits)
{
	(void)ui;
	N(n)->fold = (uint8_t)bits;
}

pid_t
tui_replay_tgid(struct tui *ui, struct tui_node *n)
{
	(void)ui;
	return (pid_t)PROC(N(n))->pid;
}

/* The last own event of n at or before the cursor, or NONE. */
static size_t
last_own(const struct tui_replay *rp, const struct rp_node *n)
{
	size_t	 lo = 0, hi = n->nown, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (rp->own[n->own + mid] <= rp->pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? rp->own[n->own + lo - 1] : NONE;
}

/* How a task that is gone ended. */
static void
row_ended(const struct tui_replay *rp, const struct rp_node *n,
    struct tui_row *row)
{
	const struct report_thread	*t;
	const struct report_proc	*p;
	const struct rp_ev		*e = &rp->ev[end_ev(n)];

	if (n->thread) {
		t = n->rec;
		if (!t->exited && e->kind == FW_EV_EXEC)
			snprintf(row->why, sizeof row->why, "exec'd away");
		else if (!t->exited)
			snprintf(row->why, sizeof row->why, "gone");
		else if (t->signal[0] != '\0')
			snprintf(row->why, sizeof row->why, "%s", t->signal);
		else
			snprintf(row->why, sizeof row->why, "exit %d", t->code);
		row->failed = t->exited && (t->signal[0] != '\0' ||
		    t->code != 0);
		row->killed = t->exited && t->signal[0] != '\0';
		return;
	}
	p = n->rec;
	if (p->untraced)
		snprintf(row->why, sizeof row->why, "untraced");
	else if (p->detached)
		snprintf(row->why, sizeof row->why, "detached");
	else if (p->lost)
		snprintf(row->why, sizeof row->why, "no exit");
	else if (p->signaled)
		snprintf(row->why, sizeof row->why, "%.18s%s", p->signal,
		    p->core ? "+core" : "");
	else
		snprintf(row->why, sizeof row->why, "exit %d", p->code);
	row->failed = report_proc_failed(p);
	row->killed = row->failed && p->signaled;
}

void
tui_replay_row(struct tui *ui, struct tui_row *row)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd = N(row->n);
	const struct rp_ev	*cur = rp->pos > 0 ? &rp->ev[rp->pos] : NULL;
	double			 born = rp->ev[start_ev(nd)].ts;
	size_t			 last;

	row->tid = (pid_t)node_tid(nd);
	row->inner = (pid_t)(nd->thread ?
	    ((const struct report_thread *)nd->rec)->inner_tid :
	    ((const struct report_proc *)nd->rec)->inner_pid);
	row->thread = nd->thread;
	row->state = ' ';
	if (nd->reparent != 0 && nd->reparent <= rp->pos)
		row->moved_to = rp->ev[nd->reparent].a;
	row->current = cur != NULL && ev_node(rp, cur) == row->n;
	row->isnew = start_ev(nd) == rp->pos && rp->pos > 1;
	if (start_ev(nd) == 0)
		born = 0;
	if (dead_at(rp, nd)) {
		row->dead = true;
		row->runtime = rp->ev[end_ev(nd)].ts - born;
		row_ended(rp, nd, row);
		return;
	}
	row->runtime = (cur != NULL ? cur->ts : 0) - born;
	if ((last = last_own(rp, nd)) != NONE) {
		if (rp->ev[last].kind == FW_EV_STOP) {
			row->state = 'T';
			snprintf(row->why, sizeof row->why, "job-stop");
		} else if (row->current) {
			snprintf(row->why, sizeof row->why, "%s",
			    event_kind_name(rp->ev[last].kind));
		}
	}
}

void
tui_replay_label_image(const struct report_image *im, bool thread, struct fw_buf *b)
{
	const char	*name = NULL;

	if (thread) {
		if (im != NULL)
			name = im->path != NULL ? im->path : im->argc > 0 ?
			    im->argv[0] : NULL;
		name = report_basename(name != NULL ? name : "?");
		fw_buf_addc(b, '{');
		esc_text_bare(b, name, strlen(name));
		fw_buf_addc(b, '}');
		return;
	}
	if (im == NULL || !tui_label_argv(b, im->argv, im->argc))
		fw_buf_adds(b, "?");
}

void
tui_replay_label(struct tui *ui, struct tui_node *n, struct fw_buf *b)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd = N(n);

	tui_replay_label_image(image_at(PROC(nd), rp->pos), nd->thread, b);
}

static void
format_cb(void *arg, const struct fw_event *ev)
{
	tlog_format_event(arg, TLOG_TEXT, ev);
}

/* The text log line of event i, after its number: every member its line
 * in the log has. */
static void
format_event(const struct tui_replay *rp, size_t i, struct fw_buf *b)
{
	const struct rp_ev	*e = &rp->ev[i];

	fw_buf_printf(b, "#%-5zu", i);
	if (e->flags & EVF_UNKNOWN) {
		fw_buf_printf(b, "%10.6f %d (an event this forkwatch does "
		    "not know)", e->ts, (int)e->pid);
		return;
	}
	if (!tui_rlog_event(rp->log, i, format_cb, b))
		fw_buf_printf(b, "%10.6f %d %s (the log's line cannot be read "
		    "again)", e->ts, (int)e->pid, event_kind_name(e->kind));
}

static void
image_lines(const struct report_image *im, struct fw_buf *b)
{
	size_t	 i;

	if (im->path != NULL) {
		fw_buf_adds(b, "exe      ");
		esc_text_bare(b, im->path, strlen(im->path));
		fw_buf_addc(b, '\n');
	}
	fw_buf_adds(b, "argv     ");
	for (i = 0; i < im->argc; i++) {
		esc_text_str(b, im->argv[i]);
		fw_buf_addc(b, ' ');
	}
	fw_buf_addc(b, '\n');
	if (im->cwd != NULL) {
		fw_buf_adds(b, "cwd      ");
		esc_text_bare(b, im->cwd, strlen(im->cwd));
		fw_buf_addc(b, '\n');
	}
}

void
tui_replay_details(struct tui *ui, struct tui_node *n, struct fw_buf *b)
{
	struct tui_replay		*rp = RP(ui);
	struct rp_node			*nd = N(n);
	struct report_proc		*p = PROC(nd);
	const struct report_image	*im = image_at(p, rp->pos);
	const struct rp_ev		*e;
	size_t				 i, k, from, se = start_ev(nd);
	char				 st[64];

	fw_buf_printf(b, "task %lld  (", node_tid(nd));
	if (nd->thread)
		fw_buf_printf(b, "thread of %lld", p->pid);
	else
		fw_buf_adds(b, "process");
	fw_buf_adds(b, ")\n");
	fw_buf_printf(b, "born     event #%zu at %.6fs", se,
	    se > 0 ? rp->ev[se].ts : 0.0);
	if (se > 0 && rp->ev[se].pid != (pid_t)node_tid(nd))
		fw_buf_printf(b, ", made by %d", (int)rp->ev[se].pid);
	fw_buf_addc(b, '\n');
	if (!nd->thread && p->parent != NULL)
		fw_buf_printf(b, "parent   %lld\n", p->parent->pid);
	if (dead_at(rp, nd)) {
		e = &rp->ev[end_ev(nd)];
		fw_buf_printf(b, "ended    event #%zu at %.6fs: ", end_ev(nd),
		    e->ts);
		if (nd->thread) {
			struct tui_row	 row;

			memset(&row, 0, sizeof row);
			row_ended(rp, nd, &row);
			fw_buf_printf(b, "%s\n", row.why);
		} else {
			fw_buf_printf(b, "%s\n", report_proc_status(p, st,
			    sizeof st));
			if (p->has_rusage)
				fw_buf_printf(b, "rusage   user %.3fs sys "
				    "%.3fs maxrss %lld kB\n", p->utime,
				    p->stime, p->maxrss_kb);
		}
	} else if (end_ev(nd) != NONE) {
		fw_buf_printf(b, "ends     at event #%zu (later)\n",
		    end_ev(nd));
	}
	if (im != NULL)
		image_lines(im, b);
	/* Its own events up to the cursor (the last OWN_SHOWN). */
	for (k = 0; k < nd->nown && rp->own[nd->own + k] <= rp->pos; k++)
		;
	from = k > OWN_SHOWN ? k - OWN_SHOWN : 0;
	fw_buf_printf(b, "events   %zu so far\n", k);
	for (i = from; i < k; i++) {
		fw_buf_adds(b, "  ");
		format_event(rp, rp->own[nd->own + i], b);
		fw_buf_addc(b, '\n');
	}
}

void
tui_replay_tree_title(struct tui *ui, struct fw_buf *b)
{
	(void)ui;
	(void)b;
}

/* Live, gone and failed tasks at the cursor (counted once per move). */
static void
count(struct tui_replay *rp)
{
	size_t	 i;

	if (rp->count_pos == rp->pos)
		return;
	rp->count_pos = rp->pos;
	rp->nlive = rp->ndead = rp->nfailed = 0;
	for (i = 0; i < rp->nnodes; i++) {
		if (!visible(rp, &rp->nodes[i]))
			continue;
		if (!dead_at(rp, &rp->nodes[i]))
			rp->nlive++;
		else
			rp->ndead++;
		if (!rp->nodes[i].thread && failed_at(rp, &rp->nodes[i]))
			rp->nfailed++;
	}
}

void
tui_replay_status(struct tui *ui, struct fw_buf *b, unsigned *a)
{
	struct tui_replay	*rp = RP(ui);

	(void)a;
	count(rp);
	fw_buf_printf(b, " REPLAY  event %zu/%zu  t=%.6fs  live %zu  exited "
	    "%zu", rp->pos, rp->n, rp->pos > 0 ? rp->ev[rp->pos].ts : 0.0,
	    rp->nlive, rp->ndead);
	if (rp->nfailed > 0)
		fw_buf_printf(b, "  failed %zu", rp->nfailed);
	if (rp->rd != NULL)
		fw_buf_adds(b, "  (following)");
	else if (rp->pos == rp->n && !rp->saw_end)
		fw_buf_adds(b, "  (log cut short)");
	if (rp->bad > 0)
		fw_buf_printf(b, "  %lu bad lines", rp->bad);
}

const char *
tui_replay_hints(struct tui *ui)
{
	(void)ui;
	return "->/n <-/p:event ]/[:task x:failed g:goto /:find f:filter "
	    "?:help q:quit";
}

/* --- events ------------------------------------------------------------ */

void
tui_replay_ev_range(struct tui *ui, size_t *first, size_t *end)
{
	*first = 1;
	*end = RP(ui)->pos + 1;
}

bool
tui_replay_event(struct tui *ui, size_t idx, struct tui_ev *te, struct fw_buf *line)
{
	struct tui_replay	*rp = RP(ui);
	const struct rp_ev	*e;

	if (idx == 0 || idx > rp->n)
		return false;
	e = &rp->ev[idx];
	te->kind = e->kind;
	te->ts = e->ts;
	te->pid = e->pid;
	te->tgid = e->tgid;
	te->killed = (e->flags & EVF_KILLED) != 0;
	te->failed = e->kind == FW_EV_EXIT && (te->killed || e->code != 0);
	if (line != NULL)
		format_event(rp, idx, line);
	return true;
}

size_t
tui_replay_ev_now(struct tui *ui)
{
	return RP(ui)->pos;
}

/* What the details of an exec show, collected from its line. */
struct exec_cb {
	struct fw_strv		 argv, env;
	struct fw_fdv		 fds;
	char			*path, *cwd;
	bool			 has_env, has_fds, truncated, seen;
};

static void
exec_cb(void *arg, const struct fw_event *ev)
{
	struct exec_cb	*x = arg;

	x->seen = true;
	if (ev->argv != NULL)
		strv_copy(&x->argv, ev->argv);
	if (ev->env != NULL) {
		strv_copy(&x->env, ev->env);
		x->has_env = true;
	}
	if (ev->fds != NULL) {
		fdv_copy(&x->fds, ev->fds);
		x->has_fds = true;
	}
	x->path = ev->path != NULL ? fw_strdup(ev->path) : NULL;
	x->cwd = ev->cwd != NULL && ev->cwd[0] != '\0' ? fw_strdup(ev->cwd) :
	    NULL;
	x->truncated = ev->argv_truncated;
}

static void
exec_cb_release(struct exec_cb *x)
{
	strv_release(&x->argv);
	strv_release(&x->env);
	fdv_release(&x->fds);
	free(x->path);
	free(x->cwd);
}

void
tui_replay_ev_details(struct tui *ui, size_t idx, struct fw_buf *b)
{
	struct tui_replay		*rp = RP(ui);
	const struct rp_ev		*e;
	const struct report_proc	*p;
	const struct report_image	*im, *prev = NULL;
	struct exec_cb			 x, px;
	struct inspect_exec		 ie;

	if (idx == 0 || idx > rp->n)
		return;
	e = &rp->ev[idx];
	format_event(rp, idx, b);
	fw_buf_addc(b, '\n');
	fw_buf_printf(b, "  %-10s %d (process %d)\n", "task", (int)e->pid,
	    (int)e->tgid);
	if ((e->kind != FW_EV_EXEC && e->kind != FW_EV_ATTACH) ||
	    e->subj == NULL || (e->flags & EVF_SUBJ_THREAD))
		return;
	memset(&x, 0, sizeof x);
	fdv_init(&x.fds);
	if (!tui_rlog_event(rp->log, idx, exec_cb, &x) || !x.seen) {
		exec_cb_release(&x);
		return;
	}
	/* The environment it had before: its own previous exec's, else the
	 * one it was born with (its parent's image at the fork). */
	p = e->subj;
	for (im = p->images; im != NULL && im->ev < idx; im = im->next)
		prev = im;
	memset(&px, 0, sizeof px);
	fdv_init(&px.fds);
	if (prev == NULL)
		prev = p->inherited;
	if (prev != NULL && x.has_env)
		tui_rlog_event(rp->log, prev->ev, exec_cb, &px);
	memset(&ie, 0, sizeof ie);
	ie.pid = e->pid;
	ie.path = x.path;
	ie.cwd = x.cwd;
	ie.argv = &x.argv;
	ie.argv_truncated = x.truncated;
	if (x.has_env)
		ie.env = &x.env;
	else
		ie.env_note = "not in the log (trace with --env)";
	if (px.has_env) {
		ie.parent_env = &px.env;
		ie.parent_what = prev == p->inherited ? "its parent's at the "
		    "fork" : "its previous exec's";
	}
	if (x.has_fds)
		ie.fds = &x.fds;
	else
		ie.fds_note = "not in the log (trace with --fds)";
	/* The command line on lines the pane shows whole, to be
	 * copied and pasted (a shell joins them again). */
	ie.width = ui->pane[PANE_DETAILS].w;
	inspect_exec_format(&ie, b);
	exec_cb_release(&x);
	exec_cb_release(&px);
}

bool
tui_replay_under(struct tui *ui, pid_t pid, pid_t root)
{
	struct tui_node		*n = tui_replay_find(ui, pid);
	const struct report_proc *p;
	int			 depth;

	if (n == NULL)
		return pid == root;
	for (p = PROC(N(n)), depth = 0; p != NULL && depth < 1 << 20;
	    p = p->parent, depth++) {
		if (p->pid == root)
			return true;
	}
	return false;
}

