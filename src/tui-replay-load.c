/* tui-replay-load.c - reading a log for the replay, in one pass: every
 * line into the report's process model, which notes where each record
 * starts and ends, and into a compact array of events; then a node per
 * process and thread, each node's own events (counted, then placed:
 * linear), and where each event's line is in the log. With --follow the
 * same goes on as the log grows (the loop's poll, ready and tick hooks);
 * a stream (unix:PATH, a FIFO) is copied into an unlinked spool file as it
 * comes, so its lines can be read again. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flags.h"
#include "report-follow.h"
#include "tui-replay-int.h"

#define FOLLOW_EVERY	0.2	/* seconds: the most often a followed log
				 * is loaded and indexed again */

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
	if (te->kind == FW_EV_REPARENT) {
		if ((v = tlog_member(te, FW_M_NEW_PARENT)) != NULL && v->has)
			e->a = (pid_t)v->i;
		if ((v = tlog_member(te, FW_M_OLD_PARENT)) != NULL && v->has)
			e->code = (int)v->i;
		if ((v = tlog_member(te, FW_M_OUTSIDE)) != NULL && v->has &&
		    v->i != 0)
			e->flags |= EVF_OUTSIDE;
	}
	e->line = (uint32_t)te->lineno;
	if (te->thread)
		e->flags |= EVF_THREAD;
	if (te->kind != FW_EV_REPARENT)
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

/* The process with id pid that lived at event i, or NULL. */
static struct rp_node *
proc_at(struct tui_replay *rp, pid_t pid, size_t i)
{
	struct rp_node	*nd;
	size_t		 id;

	id = (size_t)(uintptr_t)report_pidmap_get(&rp->bytid, pid);
	for (id = id > 0 ? id - 1 : NO_NODE; id != NO_NODE; id = nd->same_tid) {
		nd = &rp->nodes[id];
		if (!nd->thread && start_ev(nd) <= i && end_ev(nd) > i)
			return nd;
	}
	return NULL;
}

/* Each reparent event to a traced new parent, chained on the new parent
 * in event order, with the task's next reparent event (where its row
 * under that parent goes). */
static void
index_adoptions(struct tui_replay *rp)
{
	struct rp_adopt		*a;
	struct rp_node		*d, *by;
	struct tui_node		*tn;
	uint32_t		*last, *tail;
	size_t			 i, id, cap = 0;

	free(rp->adopt);
	rp->adopt = NULL;
	rp->nadopt = 0;
	last = fw_calloc(rp->nnodes + 1, sizeof *last);
	tail = fw_calloc(rp->nnodes + 1, sizeof *tail);
	for (id = 0; id < rp->nnodes; id++) {
		rp->nodes[id].adopted = NO_NODE;
		last[id] = tail[id] = NO_NODE;
	}
	for (i = 1; i <= rp->n; i++) {
		if (rp->ev[i].kind != FW_EV_REPARENT ||
		    (rp->ev[i].flags & EVF_SUBJ_THREAD) ||
		    (tn = ev_node(rp, &rp->ev[i])) == NULL)
			continue;
		d = N(tn);
		id = node_id(rp, d);
		if (last[id] != NO_NODE)
			rp->adopt[last[id]].until = (uint32_t)i;
		last[id] = NO_NODE;
		if ((rp->ev[i].flags & EVF_OUTSIDE) || (by = proc_at(rp,
		    rp->ev[i].a, i)) == NULL || by->rec == PROC(d)->parent)
			continue;
		if (rp->nadopt == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			rp->adopt = fw_realloc(rp->adopt, cap * sizeof *a);
		}
		a = &rp->adopt[rp->nadopt];
		a->ev = (uint32_t)i;
		a->until = UINT32_MAX;
		a->node = (uint32_t)id;
		a->next = NO_NODE;
		if (tail[node_id(rp, by)] != NO_NODE)
			rp->adopt[tail[node_id(rp, by)]].next =
			    (uint32_t)rp->nadopt;
		else
			by->adopted = (uint32_t)rp->nadopt;
		tail[node_id(rp, by)] = (uint32_t)rp->nadopt;
		last[id] = (uint32_t)rp->nadopt;
		rp->nadopt++;
	}
	free(last);
	free(tail);
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
	index_adoptions(rp);
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
tui_replay_load(struct tui *ui, const char *path)
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

int
tui_replay_poll_fd(struct tui *ui)
{
	struct tui_replay	*rp = RP(ui);

	if (rp->rd == NULL)
		return -1;
	return rp->sock >= 0 ? rp->sock : tlog_read_wait_fd(rp->rd);
}

unsigned
tui_replay_ready(struct tui *ui)
{
	struct tui_replay	*rp = RP(ui);

	if (rp->sock >= 0)
		pump(rp, false);
	else if (rp->rd != NULL)
		tlog_read_waited(rp->rd);
	return grow(ui, rp->sock < 0 && rp->spool >= 0);
}

unsigned
tui_replay_tick(struct tui *ui)
{
	return grow(ui, true);
}

size_t
tui_replay_count(struct tui *ui)
{
	return RP(ui)->n;
}

void
tui_replay_free(struct tui *ui)
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
	free(rp->adopt);
	free(rp->ev);
	free(rp);
	ui->src_data = NULL;
}

