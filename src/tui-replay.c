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

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "flags.h"
#include "inspect.h"
#include "report-model.h"
#include "report-follow.h"
#include "report-pidmap.h"
#include "tlog-read.h"
#include "tlog-write.h"
#include "tui-int.h"

#define NONE		SIZE_MAX
#define NO_NODE		UINT32_MAX
#define OWN_SHOWN	200	/* a task's own events in its details */
#define FOLLOW_EVERY	0.2	/* seconds: the most often a followed log
				 * is loaded and indexed again */

/* Event flags. */
#define EVF_THREAD	0x01	/* clone: CLONE_THREAD */
#define EVF_KILLED	0x02	/* exit: by a signal */
#define EVF_CORE	0x04
#define EVF_SUBJ_THREAD	0x08	/* subj is a report_thread */
#define EVF_UNKNOWN	0x10	/* a line this reader does not know */

/* One event, as small as it can be: strings stay in the model. */
struct rp_ev {
	double		 ts;
	pid_t		 pid, tgid;
	pid_t		 a;		/* child, ppid, sender */
	uint32_t	 line;		/* its line in the log */
	int		 code;		/* exit code or signal number */
	uint16_t	 kind;		/* enum fw_event_kind */
	uint16_t	 flags;
	const void	*subj;		/* the task it is about, or NULL */
};

/* A task of the model: a process (node id = its seq) or a thread (n_procs
 * + its seq), with what the TUI keeps for it. */
struct rp_node {
	void		*rec;		/* report_proc or report_thread */
	uint32_t	 same_tid;	/* the previous node with its id */
	uint32_t	 own;		/* its events: own[own .. own + nown) */
	uint32_t	 nown;
	uint32_t	 reparent;	/* its first reparent event, or 0 */
	uint8_t		 fold;
	bool		 thread;
};

struct tui_replay {
	struct report_model	*m;
	struct tui_rlog		*log;		/* its lines, to show them */
	struct rp_ev		*ev;		/* [0] is the start line */
	size_t			 n;		/* events, start line not counted */
	size_t			 cap;
	size_t			 pos;		/* events [1, pos] happened */
	struct rp_node		*nodes;
	size_t			 nnodes;
	uint32_t		*own;		/* event indices by node */
	struct report_pidmap	 bytid;		/* tid -> newest node + 1 */
	size_t			 nprocs;	/* processes when indexed */
	bool			 saw_end;
	unsigned long		 bad;
	unsigned long		 start_line;

	/* --follow (rd != NULL while following). */
	struct tlog_reader	*rd;
	int			 sock;		/* a stream copied to spool, or -1 */
	int			 spool;		/* the copy, or -1 */
	double			 last_load;
	bool			 read_error;

	size_t			 count_pos;	/* the counts below are at */
	size_t			 nlive, ndead, nfailed;
};

static struct tui_replay *
RP(const struct tui *ui)
{
	return ui->src_data;
}

static struct rp_node *
N(struct tui_node *n)
{
	return (struct rp_node *)n;
}

static struct tui_node *
node_of(const struct tui_replay *rp, const void *rec, bool thread)
{
	size_t	 id;

	if (rec == NULL)
		return NULL;
	id = thread ? rp->m->n_procs + ((const struct report_thread *)rec)->seq :
	    ((const struct report_proc *)rec)->seq;
	return (struct tui_node *)&rp->nodes[id];
}

static struct tui_node *
ev_node(const struct tui_replay *rp, const struct rp_ev *e)
{
	return node_of(rp, e->subj, (e->flags & EVF_SUBJ_THREAD) != 0);
}

static size_t
node_id(const struct tui_replay *rp, const struct rp_node *n)
{
	return (size_t)(n - rp->nodes);
}

static struct report_proc *
PROC(const struct rp_node *n)
{
	return n->thread ? ((struct report_thread *)n->rec)->proc : n->rec;
}

static long long
node_tid(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->tid :
	    ((const struct report_proc *)n->rec)->pid;
}

static size_t
start_ev(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->start_ev :
	    ((const struct report_proc *)n->rec)->start_ev;
}

static size_t
end_ev(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->end_ev :
	    ((const struct report_proc *)n->rec)->end_ev;
}

static bool
visible(const struct tui_replay *rp, const struct rp_node *n)
{
	return start_ev(n) <= rp->pos;
}

static bool
dead_at(const struct tui_replay *rp, const struct rp_node *n)
{
	return end_ev(n) <= rp->pos;
}

static bool
failed_at(const struct tui_replay *rp, const struct rp_node *n)
{
	const struct report_thread	*t;

	if (!dead_at(rp, n))
		return false;
	if (n->thread) {
		t = n->rec;
		return t->exited && (t->signal[0] != '\0' || t->code != 0);
	}
	return report_proc_failed(n->rec);
}

/* The image of a process after event pos: its last exec (or attach) at or
 * before pos, else what it inherited at its fork. */
static const struct report_image *
image_at(const struct report_proc *p, size_t pos)
{
	const struct report_image	*im, *best = p->inherited;

	for (im = p->images; im != NULL && im->ev <= pos; im = im->next)
		best = im;
	return best;
}

/* --- loading --------------------------------------------------------- */

/* The record an event is about, as the model has it now. */
static const void *
subject(const struct report_model *m, const struct tlog_event *te,
    bool *thread)
{
	const void	*r;

	*thread = te->pid != te->tgid && te->tgid > 0;
	if (*thread && (r = report_pidmap_get(&m->threads, te->pid)) != NULL)
		return r;
	*thread = false;
	if (te->pid == te->tgid || te->tgid <= 0)
		return report_pidmap_get(&m->live, te->pid);
	return NULL;
}

static void
take(struct tui_replay *rp, const struct tlog_event *te)
{
	struct rp_ev		*e;
	const struct tlog_value	*v;
	const void		*subj;
	bool			 th;
	int			 sig;

	if (rp->n + 1 == rp->cap) {
		rp->cap *= 2;
		rp->ev = fw_realloc(rp->ev, rp->cap * sizeof *rp->ev);
	}
	e = &rp->ev[++rp->n];
	memset(e, 0, sizeof *e);
	e->kind = (uint16_t)te->kind;
	if (te->kind == FW_EV_UNKNOWN || te->pid <= 0)
		e->flags |= EVF_UNKNOWN;
	e->ts = te->ts;
	e->pid = (pid_t)te->pid;
	e->tgid = te->tgid > 0 ? (pid_t)te->tgid : (pid_t)te->pid;
	if (te->has_child)
		e->a = (pid_t)te->child;
	else if (te->has_ppid)
		e->a = (pid_t)te->ppid;
	else if (te->has_sender)
		e->a = (pid_t)te->sender;
	if (te->kind == FW_EV_REPARENT && (v = tlog_member(te,
	    FW_M_NEW_PARENT)) != NULL && v->has)
		e->a = (pid_t)v->i;
	e->line = (uint32_t)te->lineno;
	if (te->thread)
		e->flags |= EVF_THREAD;
	e->code = te->has_code ? (int)te->code : 0;
	if (te->signal != NULL) {
		sig = flags_sigparse(te->signal);
		if (e->kind == FW_EV_EXIT) {
			e->flags |= EVF_KILLED;
			e->code = sig > 0 ? sig : 0;
		} else {
			e->code = sig > 0 ? sig : 0;
		}
	}
	if (te->core)
		e->flags |= EVF_CORE;

	/* The task it is about: a task that is gone after this event is
	 * found before the model sees it, a new one after. */
	subj = (e->flags & EVF_UNKNOWN) ? NULL : subject(rp->m, te, &th);
	report_model_add(rp->m, te);
	if (subj == NULL && !(e->flags & EVF_UNKNOWN)) {
		subj = subject(rp->m, te, &th);
		if (subj == NULL && te->tgid > 0 && te->pid != te->tgid) {
			subj = report_pidmap_get(&rp->m->live, te->tgid);
			th = false;
		}
	}
	e->subj = subj;
	if (subj != NULL && th)
		e->flags |= EVF_SUBJ_THREAD;
}

/* After the last line: a node per process and thread, the tid index, and
 * each node's own events (counted, then placed: linear). */
static void
index_nodes(struct tui_replay *rp)
{
	struct report_model	*m = rp->m;
	struct report_thread	*t;
	struct rp_node		*nd;
	struct tui_node		*tn;
	uint32_t		*fill;
	size_t			 i, id, prev;

	rp->nnodes = m->n_procs + m->n_thread_recs;
	rp->nprocs = m->n_procs;
	rp->nodes = fw_calloc(rp->nnodes + 1, sizeof *rp->nodes);
	for (i = 0; i < m->n_procs; i++) {
		rp->nodes[i].rec = m->procs[i];
		for (t = m->procs[i]->threads; t != NULL; t = t->next) {
			nd = &rp->nodes[m->n_procs + t->seq];
			nd->rec = t;
			nd->thread = true;
		}
	}
	for (id = 0; id < rp->nnodes; id++) {
		nd = &rp->nodes[id];
		if (nd->rec == NULL) {
			/* A thread whose process record was never made. */
			nd->rec = m->procs[0];
		}
		prev = (size_t)(uintptr_t)report_pidmap_get(&rp->bytid,
		    node_tid(nd));
		nd->same_tid = prev > 0 ? (uint32_t)(prev - 1) : NO_NODE;
		report_pidmap_put(&rp->bytid, node_tid(nd),
		    (void *)(uintptr_t)(id + 1));
	}
	for (i = 1; i <= rp->n; i++) {
		if ((tn = ev_node(rp, &rp->ev[i])) == NULL)
			continue;
		N(tn)->nown++;
		if (rp->ev[i].kind == FW_EV_REPARENT && N(tn)->reparent == 0)
			N(tn)->reparent = (uint32_t)i;
	}
	for (id = 0, prev = 0; id < rp->nnodes; id++) {
		rp->nodes[id].own = (uint32_t)prev;
		prev += rp->nodes[id].nown;
	}
	rp->own = fw_calloc(prev + 1, sizeof *rp->own);
	fill = fw_calloc(rp->nnodes + 1, sizeof *fill);
	for (i = 1; i <= rp->n; i++) {
		if ((tn = ev_node(rp, &rp->ev[i])) == NULL)
			continue;
		id = node_id(rp, N(tn));
		rp->own[N(tn)->own + fill[id]++] = (uint32_t)i;
	}
	free(fill);
}

static unsigned long
event_line(void *arg, size_t i)
{
	return ((struct tui_replay *)arg)->ev[i].line;
}

/* Read what the reader has now into the model and the event array: all of
 * the log, or (following) all that was written so far. Ends following at
 * the end line or the end of the log. */
static void
load(struct tui_replay *rp)
{
	struct tlog_event	 te;
	int			 r;

	while ((r = tlog_read_next(rp->rd, &te)) > 0) {
		if (te.kind == FW_EV_START && rp->m->n_events == 0) {
			rp->start_line = te.lineno;
			report_model_add(rp->m, &te);
			continue;
		}
		if (te.kind == FW_EV_END) {
			report_model_add(rp->m, &te);
			r = 0;
			break;
		}
		take(rp, &te);
	}
	rp->bad = tlog_read_bad_lines(rp->rd);
	if (r == TLOG_READ_AGAIN && (rp->sock >= 0 || rp->spool < 0))
		return;		/* more to come */
	if (r < 0 && r != TLOG_READ_AGAIN)
		rp->read_error = true;
	rp->saw_end = tlog_read_saw_end(rp->rd);
	tlog_read_free(rp->rd);
	rp->rd = NULL;
}

/* Copy what the stream has now into the spool; at its end, close it.
 * Blocks until something came when wait. Returns -1 on a read error. */
static int
pump(struct tui_replay *rp, bool wait)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 fl;

	fl = fcntl(rp->sock, F_GETFL);
	if (!wait && fl >= 0)
		fcntl(rp->sock, F_SETFL, fl | O_NONBLOCK);
	for (;;) {
		n = read(rp->sock, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (fw_write_all(rp->spool, buf, (size_t)n) != 0) {
			n = -1;
			break;
		}
		if (wait)
			break;
	}
	if (n == 0 || (n < 0 && errno != EAGAIN)) {
		close(rp->sock);
		rp->sock = -1;
	}
	return n < 0 && errno != EAGAIN ? -1 : 0;
}

/* The reader's wait for the start line (tlog_wait_fn): a spooled stream
 * copies more, a file waits to be written. A quit signal gives up. */
static int
wait_start(void *arg, struct tlog_reader *r)
{
	struct tui_replay	*rp = arg;

	if (rp->spool >= 0) {
		if (rp->sock < 0)
			return -1;
		pump(rp, true);
	} else
		tlog_read_wait(r, -1);
	return tui_quit_signal ? -1 : 0;
}

/* An unlinked file for the copy of a stream ($TMPDIR or /tmp). */
static int
spool_open(void)
{
	const char	*dir = getenv("TMPDIR");
	int		 fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 && strcmp(dir, "/tmp") != 0)
		fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	return fd;
}

int
tui_replay_open(struct tui *ui, const char *path)
{
	struct tui_replay	*rp;
	enum tlog_open_error	 why;
	struct stat		 st;
	const char		*name;
	char			*msg = NULL, spool_path[64];
	bool			 own, follow = ui->o->follow;
	int			 fd, rfd;

	if (strcmp(path, "-") == 0) {
		fw_error(0, "--replay reads its keys from standard input: give "
		    "it a file or unix:PATH");
		return -1;
	}
	if ((fd = report_follow_source(path, -1, NULL, NULL, &name, &own)) < 0)
		return -1;
	rp = fw_calloc(1, sizeof *rp);
	rp->sock = rp->spool = -1;
	rp->start_line = 1;
	rp->m = report_model_new();
	rp->cap = 1024;
	rp->ev = fw_calloc(rp->cap, sizeof *rp->ev);
	rp->count_pos = NONE;
	ui->src = &tui_replay_source;
	ui->src_data = rp;
	rfd = fd;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* A stream: read it through a copy that can be read again. */
		rp->sock = fd;
		if ((rp->spool = spool_open()) < 0) {
			fw_error(errno, "cannot make a file to keep the log in");
			return -1;
		}
		if (!follow)
			while (rp->sock >= 0)
				if (pump(rp, true) != 0)
					break;
		/* Read it through a file description of its own: the copy
		 * appends through rp->spool's offset. */
		snprintf(spool_path, sizeof spool_path, "/proc/self/fd/%d",
		    rp->spool);
		if ((rfd = open(spool_path, O_RDONLY | O_CLOEXEC)) < 0) {
			fw_error(errno, "cannot read the copy of the log");
			return -1;
		}
		own = true;
	}
	rp->rd = tlog_read_open_fd(rfd, name, own, follow, wait_start, rp,
	    &why, &msg);
	if (rp->rd == NULL) {
		fw_error(0, "%s", msg != NULL ? msg : "cannot read the log");
		free(msg);
		return -1;
	}
	if (follow && rp->sock >= 0)
		pump(rp, false);
	load(rp);
	if (rp->read_error)
		fw_warn("%s: read error: %s; showing what was read", name,
		    strerror(errno));
	if (rp->rd == NULL)
		report_model_finish(rp->m);
	else
		report_model_settle(rp->m);
	index_nodes(rp);
	rp->log = tui_rlog_open(rp->spool >= 0 ? spool_path : path,
	    rp->start_line, event_line, rp->n, rp);
	rp->last_load = fw_now();
	/* Before the first event: the caller goes to it (and selects its
	 * task). */
	rp->pos = 0;
	return 0;
}

/* The index again, after the log grew; each node keeps its fold. */
static void
reindex(struct tui_replay *rp)
{
	struct rp_node	*old = rp->nodes;
	size_t		 n_old = rp->nnodes, procs_old = rp->nprocs, id, to;

	free(rp->own);
	rp->own = NULL;
	report_pidmap_release(&rp->bytid);
	memset(&rp->bytid, 0, sizeof rp->bytid);
	index_nodes(rp);
	for (id = 0; id < n_old; id++) {
		/* Thread nodes come after every process: they move up. */
		to = id < procs_old ? id : id - procs_old + rp->nprocs;
		if (to < rp->nnodes)
			rp->nodes[to].fold = old[id].fold;
	}
	free(old);
	rp->count_pos = NONE;
}

/* Following: take what was added to the log; a cursor on the last event
 * moves on to the new last event. */
static unsigned
grow(struct tui *ui, bool now)
{
	struct tui_replay	*rp = RP(ui);
	size_t			 n = rp->n;
	bool			 at_end = rp->pos == rp->n;

	if (rp->rd == NULL)
		return 0;
	if (!now && fw_now() - rp->last_load < FOLLOW_EVERY)
		return 0;
	rp->last_load = fw_now();
	load(rp);
	if (rp->rd != NULL && rp->n == n)
		return 0;
	if (rp->rd == NULL) {
		report_model_finish(rp->m);
		tui_message(ui, 0, "the log %s: %zu events", rp->saw_end ?
		    "is complete" : "ended without its end line", rp->n);
	} else
		report_model_settle(rp->m);
	reindex(rp);
	tui_rlog_extend(rp->log, event_line, rp->n, rp);
	if (at_end && rp->n > n)
		rp->pos = rp->n;
	return TUI_R_ALL | TUI_R_MSG;
}

static int
rp_poll_fd(struct tui *ui)
{
	struct tui_replay	*rp = RP(ui);

	if (rp->rd == NULL)
		return -1;
	return rp->sock >= 0 ? rp->sock : tlog_read_wait_fd(rp->rd);
}

static unsigned
rp_ready(struct tui *ui)
{
	struct tui_replay	*rp = RP(ui);

	if (rp->sock >= 0)
		pump(rp, false);
	else if (rp->rd != NULL)
		tlog_read_waited(rp->rd);
	return grow(ui, rp->sock < 0 && rp->spool >= 0);
}

static unsigned
rp_tick(struct tui *ui)
{
	return grow(ui, true);
}

size_t
tui_replay_count(struct tui *ui)
{
	return RP(ui)->n;
}

static void
rp_free(struct tui *ui)
{
	struct tui_replay	*rp = RP(ui);

	if (rp == NULL)
		return;
	tlog_read_free(rp->rd);
	if (rp->sock >= 0)
		close(rp->sock);
	if (rp->spool >= 0)
		close(rp->spool);
	report_model_free(rp->m);
	tui_rlog_free(rp->log);
	report_pidmap_release(&rp->bytid);
	free(rp->nodes);
	free(rp->own);
	free(rp->ev);
	free(rp);
	ui->src_data = NULL;
}

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
static struct tui_node *
rp_first(struct tui *ui, struct tui_node *parent)
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

static struct tui_node *
rp_next(struct tui *ui, struct tui_node *n)
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

static struct tui_node *
rp_parent(struct tui *ui, struct tui_node *n)
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

/* The task with id tid at the cursor: the newest one seen by then (the
 * id was free when it was made, so an older one is gone). */
static struct tui_node *
rp_find(struct tui *ui, pid_t tid)
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

static unsigned
rp_flags(struct tui *ui, struct tui_node *n, pid_t *tid)
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

static void
rp_set_fold(struct tui *ui, struct tui_node *n, unsigned bits)
{
	(void)ui;
	N(n)->fold = (uint8_t)bits;
}

static pid_t
rp_tgid(struct tui *ui, struct tui_node *n)
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
		return;
	}
	p = n->rec;
	if (p->detached)
		snprintf(row->why, sizeof row->why, "detached");
	else if (p->lost)
		snprintf(row->why, sizeof row->why, "no exit");
	else if (p->signaled)
		snprintf(row->why, sizeof row->why, "%.18s%s", p->signal,
		    p->core ? "+core" : "");
	else
		snprintf(row->why, sizeof row->why, "exit %d", p->code);
	row->failed = report_proc_failed(p);
}

static void
rp_row(struct tui *ui, struct tui_row *row)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd = N(row->n);
	const struct rp_ev	*cur = rp->pos > 0 ? &rp->ev[rp->pos] : NULL;
	double			 born = rp->ev[start_ev(nd)].ts;
	size_t			 last;

	row->tid = (pid_t)node_tid(nd);
	row->thread = nd->thread;
	row->state = ' ';
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

static void
label_image(const struct report_image *im, bool thread, struct fw_buf *b)
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

static void
rp_label(struct tui *ui, struct tui_node *n, struct fw_buf *b)
{
	struct tui_replay	*rp = RP(ui);
	struct rp_node		*nd = N(n);

	label_image(image_at(PROC(nd), rp->pos), nd->thread, b);
	/* The kernel gave it another parent when its own exited; it stays
	 * under the parent that made it. */
	if (nd->reparent != 0 && nd->reparent <= rp->pos)
		fw_buf_printf(b, " (re-parented to %d)",
		    (int)rp->ev[nd->reparent].a);
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

static void
rp_details(struct tui *ui, struct tui_node *n, struct fw_buf *b)
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

static void
rp_tree_title(struct tui *ui, struct fw_buf *b)
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

static void
rp_status(struct tui *ui, struct fw_buf *b, unsigned *a)
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

static const char *
rp_hints(struct tui *ui)
{
	(void)ui;
	return "->/n <-/p:event ]/[:task x:failed g:goto /:find f:filter "
	    "?:help q:quit";
}

/* --- events ------------------------------------------------------------ */

static void
rp_ev_range(struct tui *ui, size_t *first, size_t *end)
{
	*first = 1;
	*end = RP(ui)->pos + 1;
}

static bool
rp_event(struct tui *ui, size_t idx, struct tui_ev *te, struct fw_buf *line)
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

static size_t
rp_ev_now(struct tui *ui)
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

static void
rp_ev_details(struct tui *ui, size_t idx, struct fw_buf *b)
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
	inspect_exec_format(&ie, b);
	exec_cb_release(&x);
	exec_cb_release(&px);
}

static bool
rp_under(struct tui *ui, pid_t pid, pid_t root)
{
	struct tui_node		*n = rp_find(ui, pid);
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
	label_image(im, thread, &b);
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
	(void)key;
	tui_message(ui, 0, "replay: the trace is not live");
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
	/* A live trace's keys say why they do nothing (not in the help). */
	{ { 's', 'c', 'h', 'B', 'b', TK_CTRL_C }, "s c h B b", PANE_COUNT,
	  NULL, NULL, not_live },
	{ { 0 }, NULL, 0, NULL, NULL, NULL },
};

const struct tui_source tui_replay_source = {
	.name = "replay",
	.keys_title = "Replay (the time cursor)",
	.keys = replay_keys,
	.first = rp_first,
	.next = rp_next,
	.parent = rp_parent,
	.find = rp_find,
	.flags = rp_flags,
	.set_fold = rp_set_fold,
	.row = rp_row,
	.label = rp_label,
	.details = rp_details,
	.tgid = rp_tgid,
	.status = rp_status,
	.hints = rp_hints,
	.tree_title = rp_tree_title,
	.ev_range = rp_ev_range,
	.event = rp_event,
	.ev_details = rp_ev_details,
	.under = rp_under,
	.ev_now = rp_ev_now,
	.command = rp_command,
	.search = rp_search,
	.failure = rp_failure,
	.go = rp_go,
	.quit = rp_quit,
	.poll_fd = rp_poll_fd,
	.ready = rp_ready,
	.tick = rp_tick,
	.free = rp_free,
};
