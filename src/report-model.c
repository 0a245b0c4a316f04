/* report-model.c - build the process model from trace-log events. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report-model.h"
#include "report-pidmap.h"
#include "util.h"

const char *
report_basename(const char *s)
{
	const char	*slash;

	if (s == NULL)
		return "";
	slash = strrchr(s, '/');
	if (slash != NULL && slash[1] != '\0')
		return slash + 1;
	return s;
}

static void
copy_signame(char *dst, const char *src)
{
	snprintf(dst, REPORT_SIGNAME_MAX, "%s", src != NULL ? src : "");
}

/* The index of the event being applied (the start line is 0). */
static size_t
cur_ev(const struct report_model *m)
{
	return m->n_events > 0 ? m->n_events - 1 : 0;
}

struct report_model *
report_model_new(void)
{
	struct report_model	*m = fw_calloc(1, sizeof *m);

	m->tracer_pid = -1;
	return m;
}

/* Copy an event's path, cwd and argv into one allocation. */
static struct report_image *
image_new(const struct report_model *m, const struct tlog_event *ev,
    struct report_proc *p)
{
	struct report_image	*im;
	const char		**argv;
	size_t			 size, i, len;
	char			*s;

	size = sizeof *im + (ev->argc + 1) * sizeof(char *);
	if (ev->path != NULL)
		size += strlen(ev->path) + 1;
	if (ev->cwd != NULL)
		size += strlen(ev->cwd) + 1;
	for (i = 0; i < ev->argc; i++)
		size += strlen(ev->argv[i]) + 1;
	im = fw_malloc(size);
	memset(im, 0, sizeof *im);
	argv = (const char **)(im + 1);
	s = (char *)(argv + ev->argc + 1);
	for (i = 0; i < ev->argc; i++) {
		len = strlen(ev->argv[i]) + 1;
		argv[i] = memcpy(s, ev->argv[i], len);
		s += len;
	}
	argv[ev->argc] = NULL;
	if (ev->path != NULL) {
		len = strlen(ev->path) + 1;
		im->path = memcpy(s, ev->path, len);
		s += len;
	}
	if (ev->cwd != NULL) {
		len = strlen(ev->cwd) + 1;
		im->cwd = memcpy(s, ev->cwd, len);
	}
	im->argv = argv;
	im->argc = ev->argc;
	im->argv_truncated = ev->argv_truncated;
	im->ts = ev->ts;
	im->ev = cur_ev(m);
	im->proc = p;
	return im;
}

/* Append im to p's images and to the model's list in log order. */
static void
add_image(struct report_model *m, struct report_proc *p,
    struct report_image *im)
{
	if (p->last_image != NULL)
		p->last_image->next = im;
	else
		p->images = im;
	p->last_image = im;
	p->n_images++;
	if (m->last_image != NULL)
		m->last_image->next_in_log = im;
	else
		m->first_image = im;
	m->last_image = im;
}

/* Mark every running thread of p gone at ts; drop them from the map too when
 * forget is set (the process is over, so their tids may be reused). */
static void
end_threads(struct report_model *m, struct report_proc *p, double ts,
    bool forget)
{
	struct report_thread	*t;

	for (t = p->threads; t != NULL; t = t->next) {
		if (!t->exited && !t->gone) {
			t->gone = true;
			t->end = ts;
			t->end_ev = cur_ev(m);
		}
		if (forget)
			report_pidmap_del(&m->threads, t->tid, t);
	}
}

/* A process whose record is still live although its pid is being reused:
 * its exit was never logged. */
static void
retire(struct report_model *m, struct report_proc *p, double ts)
{
	p->lost = true;
	p->end = ts;
	p->end_ev = cur_ev(m);
	end_threads(m, p, ts, true);
	report_pidmap_del(&m->live, p->pid, p);
}

/* Make c the last child of parent in the final tree. */
static void
final_link(struct report_proc *parent, struct report_proc *c)
{
	c->final.parent = parent;
	c->final.next_sibling = NULL;
	if (parent->final.last_child != NULL)
		parent->final.last_child->final.next_sibling = c;
	else
		parent->final.first_child = c;
	parent->final.last_child = c;
}

/* The same under a new parent that is not traced. */
static void
final_link_outsider(struct report_outsider *o, struct report_proc *c)
{
	c->outsider = o;
	c->final.next_sibling = NULL;
	if (o->last_child != NULL)
		o->last_child->final.next_sibling = c;
	else
		o->first_child = c;
	o->last_child = c;
	o->n_children++;
}

/* Take c out of the list from *first to *last (final links). */
static void
final_unlist(struct report_proc **first, struct report_proc **last,
    struct report_proc *c)
{
	struct report_proc	*q, *prev = NULL;

	for (q = *first; q != NULL && q != c; q = q->final.next_sibling)
		prev = q;
	if (q == NULL)
		return;
	if (prev != NULL)
		prev->final.next_sibling = c->final.next_sibling;
	else
		*first = c->final.next_sibling;
	if (*last == c)
		*last = prev;
	c->final.next_sibling = NULL;
}

/* Take c from under its parent in the final tree: it becomes a root. */
static void
final_unlink(struct report_proc *c)
{
	if (c->final.parent != NULL)
		final_unlist(&c->final.parent->final.first_child,
		    &c->final.parent->final.last_child, c);
	else if (c->outsider != NULL) {
		final_unlist(&c->outsider->first_child,
		    &c->outsider->last_child, c);
		c->outsider->n_children--;
	}
	c->final.parent = NULL;
	c->outsider = NULL;
}

/* Make c the last child of parent (in the final tree too, unless the
 * kernel already gave it a parent there). */
static void
link_child(struct report_proc *parent, struct report_proc *c)
{
	c->parent = parent;
	if (parent->last_child != NULL)
		parent->last_child->next_sibling = c;
	else
		parent->first_child = c;
	parent->last_child = c;
	parent->n_children++;
	if (c->final.parent == NULL && c->outsider == NULL)
		final_link(parent, c);
}

/* Create a process record pid starting at ts, child of parent (or a root). */
static struct report_proc *
proc_new(struct report_model *m, long long pid, double ts,
    enum report_origin origin, struct report_proc *parent)
{
	struct report_proc	*p, *old;

	old = report_pidmap_get(&m->live, pid);
	if (old != NULL)
		retire(m, old, ts);
	p = fw_calloc(1, sizeof *p);
	p->pid = pid;
	p->origin = origin;
	p->start = p->end = ts;
	p->start_ev = cur_ev(m);
	p->end_ev = REPORT_EV_NONE;
	if (parent != NULL) {
		link_child(parent, p);
		p->inherited = report_proc_image(parent);
	}
	if (m->n_procs == m->procs_cap) {
		m->procs_cap = m->procs_cap ? m->procs_cap * 2 : 256;
		m->procs = fw_realloc(m->procs,
		    m->procs_cap * sizeof *m->procs);
	}
	p->seq = m->n_procs;
	m->procs[m->n_procs++] = p;
	report_pidmap_put(&m->live, pid, p);
	return p;
}

/* The running process tgid, created when it first appears in an event
 * about itself. NULL for forkwatch's own pid, which is not traced. */
static struct report_proc *
proc_get(struct report_model *m, long long tgid, double ts)
{
	struct report_proc	*p = report_pidmap_get(&m->live, tgid);

	if (p == NULL && tgid != m->tracer_pid)
		p = proc_new(m, tgid, ts, REPORT_ORIGIN_SEEN, NULL);
	return p;
}

/* The process that task tid (of group tgid) belongs to. */
static struct report_proc *
task_proc(struct report_model *m, long long tid, long long tgid, double ts)
{
	struct report_thread	*t = report_pidmap_get(&m->threads, tid);

	if (t != NULL)
		return t->proc;
	return proc_get(m, tgid, ts);
}

/* A new thread record tid of p starting at ts (ending any older record
 * with that tid). */
static struct report_thread *
thread_new(struct report_model *m, struct report_proc *p, long long tid,
    double ts)
{
	struct report_thread	*t, *old;

	old = report_pidmap_get(&m->threads, tid);
	if (old != NULL) {
		old->gone = true;
		old->end = ts;
		old->end_ev = cur_ev(m);
		report_pidmap_del(&m->threads, tid, old);
	}
	t = fw_calloc(1, sizeof *t);
	t->proc = p;
	t->tid = tid;
	t->seq = m->n_thread_recs++;
	t->start = t->end = ts;
	t->start_ev = cur_ev(m);
	t->end_ev = REPORT_EV_NONE;
	if (p->last_thread != NULL)
		p->last_thread->next = t;
	else
		p->threads = t;
	p->last_thread = t;
	p->n_threads++;
	report_pidmap_put(&m->threads, tid, t);
	return t;
}

/* True if a is p or one of its ancestors (linking p under a would make a
 * cycle). */
static bool
is_ancestor(const struct report_proc *a, const struct report_proc *p)
{
	for (; p != NULL; p = p->parent) {
		if (p == a)
			return true;
	}
	return false;
}

/* True if a is p or one of its ancestors in the final tree. */
static bool
is_final_ancestor(const struct report_proc *a, const struct report_proc *p)
{
	for (; p != NULL; p = p->final.parent) {
		if (p == a)
			return true;
	}
	return false;
}

/* Keep the clone flags and exit signal of c's creation line. */
static void
set_clone(struct report_proc *c, const struct tlog_event *ev)
{
	const struct tlog_value	*fl = tlog_member(ev, FW_M_FLAGS);
	const struct tlog_value	*es = tlog_member(ev, FW_M_EXIT_SIGNAL);
	const char		**v;
	char			*s;
	size_t			 size, i, len;

	if (fl == NULL || c->has_clone)
		return;
	size = (fl->n + 1) * sizeof *v;
	for (i = 0; i < fl->n; i++)
		size += strlen(fl->v[i]) + 1;
	v = fw_malloc(size);
	s = (char *)(v + fl->n + 1);
	for (i = 0; i < fl->n; i++) {
		len = strlen(fl->v[i]) + 1;
		v[i] = memcpy(s, fl->v[i], len);
		s += len;
	}
	v[fl->n] = NULL;
	c->clone_flags = v;
	c->n_clone_flags = fl->n;
	c->has_clone = true;
	copy_signame(c->exit_signal, es != NULL ? es->s : NULL);
}

/* fork, vfork and clone without CLONE_THREAD: a new process. */
static void
on_fork(struct report_model *m, const struct tlog_event *ev,
    enum report_origin origin)
{
	struct report_proc	*parent, *c;

	if (ev->has_parent)
		parent = task_proc(m, ev->parent, ev->parent, ev->ts);
	else
		parent = task_proc(m, ev->pid, ev->tgid, ev->ts);
	c = report_pidmap_get(&m->live, ev->child);
	/* The child's own first event can be logged before its parent's
	 * fork returns: adopt the record instead of making a second one. */
	if (c != NULL && c->origin == REPORT_ORIGIN_SEEN && c->parent == NULL &&
	    !is_ancestor(c, parent)) {
		c->origin = origin;
		if (ev->ts < c->start)
			c->start = ev->ts;
		if (parent != NULL) {
			link_child(parent, c);
			if (c->images == NULL)
				c->inherited = report_proc_image(parent);
		}
		set_clone(c, ev);
		return;
	}
	set_clone(proc_new(m, ev->child, ev->ts, origin, parent), ev);
}

/* The untraced new parent pid, made at its first reparent line. */
static struct report_outsider *
outsider_get(struct report_model *m, long long pid)
{
	struct report_outsider	*o;

	for (o = m->outsiders; o != NULL; o = o->next) {
		if (o->pid == pid)
			return o;
	}
	o = fw_calloc(1, sizeof *o);
	o->pid = pid;
	if (m->last_outsider != NULL)
		m->last_outsider->next = o;
	else
		m->outsiders = o;
	m->last_outsider = o;
	return o;
}

/* reparent: the kernel gave process pid a new parent (its parent exited).
 * The creation tree keeps it where it was made; the final tree moves it
 * under the new parent, or under an outsider root when that one is not
 * traced (or is not a process the log knows). */
static void
on_reparent(struct report_model *m, const struct tlog_event *ev)
{
	const struct tlog_value	*np = tlog_member(ev, FW_M_NEW_PARENT);
	const struct tlog_value	*op = tlog_member(ev, FW_M_OLD_PARENT);
	const struct tlog_value	*rp = tlog_member(ev, FW_M_REAPER);
	const struct tlog_value	*out = tlog_member(ev, FW_M_OUTSIDE);
	const struct tlog_value	*comm = tlog_member(ev, FW_M_NEW_PARENT_COMM);
	struct report_reparent	*r;
	struct report_proc	*p, *a = NULL;

	if (np == NULL || ev->pid != ev->tgid)
		return;
	p = proc_get(m, ev->tgid, ev->ts);
	if (p == NULL)
		return;
	r = fw_calloc(1, sizeof *r);
	r->ts = ev->ts;
	r->ev = cur_ev(m);
	r->old_parent = op != NULL ? op->i : -1;
	r->new_parent = np->i;
	r->init = rp != NULL && rp->s != NULL && strcmp(rp->s, "init") == 0;
	r->subreaper = rp != NULL && rp->s != NULL &&
	    strcmp(rp->s, "subreaper") == 0;
	r->outside = out != NULL && out->i != 0;
	if (!r->outside)
		a = report_pidmap_get(&m->live, np->i);
	final_unlink(p);
	/* A new parent below p would make a cycle: only a broken log says
	 * so, and the move is then shown as to an outsider. */
	if (a != NULL && !is_final_ancestor(p, a)) {
		r->adopter = a;
		final_link(a, p);
	} else {
		r->outsider = outsider_get(m, np->i);
		if (r->outsider->comm[0] == '\0' && comm != NULL &&
		    comm->s != NULL)
			snprintf(r->outsider->comm, sizeof r->outsider->comm,
			    "%s", comm->s);
		r->outsider->init |= r->init;
		r->outsider->subreaper |= r->subreaper;
		final_link_outsider(r->outsider, p);
	}
	if (p->last_reparent != NULL)
		p->last_reparent->next = r;
	else
		p->reparents = r;
	p->last_reparent = r;
	p->n_reparents++;
	m->n_reparents++;
}

/* clone: a thread joins the caller's process, else like fork. */
static void
on_clone(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p;

	if (!ev->thread) {
		on_fork(m, ev, REPORT_ORIGIN_CLONE);
		return;
	}
	if (ev->child == ev->tgid)
		return;		/* nonsense: a thread cannot lead its group */
	p = proc_get(m, ev->tgid, ev->ts);
	if (p != NULL)
		thread_new(m, p, ev->child, ev->ts);
}

static void
on_exec(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p = proc_get(m, ev->tgid, ev->ts);

	if (p == NULL)
		return;
	/*
	 * The kernel kills every other thread of an exec'ing process; when a
	 * non-leader exec'd, its tid (old_pid) is gone and it is the leader
	 * now. The threads may or may not get exit lines: mark them gone
	 * here and let a later exit line correct the time.
	 */
	end_threads(m, p, ev->ts, false);
	if (ev->has_old_pid && ev->old_pid != ev->tgid) {
		struct report_thread *t = report_pidmap_get(&m->threads, ev->old_pid);

		if (t != NULL)
			report_pidmap_del(&m->threads, ev->old_pid, t);
	}
	add_image(m, p, image_new(m, ev, p));
}

/* Copy an exit line's code or signal. */
static void
set_exit(const struct tlog_event *ev, int *code, char *signal)
{
	if (ev->signal != NULL) {
		copy_signame(signal, ev->signal);
		*code = 0;
	} else {
		signal[0] = '\0';
		*code = (int)ev->code;
	}
}

/* exit: a thread ends, or the leader's exit ends the process (its pid may
 * then be reused). */
static void
on_exit_event(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p;
	struct report_thread	*t;

	if (ev->pid != ev->tgid) {
		t = report_pidmap_get(&m->threads, ev->pid);
		if (t == NULL) {
			p = proc_get(m, ev->tgid, ev->ts);
			if (p == NULL)
				return;
			t = thread_new(m, p, ev->pid, ev->ts);
		}
		t->exited = true;
		t->gone = false;
		t->end = ev->ts;
		t->end_ev = cur_ev(m);
		set_exit(ev, &t->code, t->signal);
		report_pidmap_del(&m->threads, ev->pid, t);
		return;
	}
	p = proc_get(m, ev->tgid, ev->ts);
	if (p == NULL)
		return;
	p->exited = true;
	p->end = ev->ts;
	p->end_ev = cur_ev(m);
	set_exit(ev, &p->code, p->signal);
	p->signaled = ev->signal != NULL;
	p->core = ev->core;
	if (ev->has_rusage) {
		p->has_rusage = true;
		p->utime = ev->utime;
		p->stime = ev->stime;
		p->maxrss_kb = ev->maxrss_kb;
	}
	end_threads(m, p, ev->ts, true);
	report_pidmap_del(&m->live, p->pid, p);
}

/* signal, stop, cont: remembered on the process, up to
 * REPORT_MAX_INSTANTS. */
static void
on_instant(struct report_model *m, const struct tlog_event *ev,
    enum report_instant_kind kind)
{
	struct report_proc	*p = task_proc(m, ev->pid, ev->tgid, ev->ts);
	struct report_instant	*in;

	if (p == NULL)
		return;
	if (p->n_inst == REPORT_MAX_INSTANTS) {
		p->inst_dropped++;
		return;
	}
	if (p->n_inst == p->inst_cap) {
		p->inst_cap = p->inst_cap ? p->inst_cap * 2 : 4;
		p->inst = fw_realloc(p->inst, p->inst_cap * sizeof *p->inst);
	}
	in = &p->inst[p->n_inst++];
	in->ts = ev->ts;
	in->tid = ev->pid;
	in->sender = ev->has_sender ? ev->sender : -1;
	in->kind = kind;
	copy_signame(in->signal, ev->signal);
}

/* The line of a thread (pid != tgid) that the log first sees running
 * (attach, kthread): it joins its process, when that is known. False for a
 * process's own line. */
static bool
seen_thread(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p;

	if (ev->pid == ev->tgid)
		return false;
	if ((p = proc_get(m, ev->tgid, ev->ts)) != NULL)
		thread_new(m, p, ev->pid, ev->ts);
	return true;
}

/* kthread: a thread the kernel made. A kernel thread (pid = tgid, its
 * parent kthreadd) is a process named like ps(1) names it, "[comm]"; an
 * io_uring worker is a thread of the process it works for. */
static void
on_kthread(struct report_model *m, const struct tlog_event *ev)
{
	const struct tlog_value	*comm = tlog_member(ev, FW_M_COMM);
	struct tlog_event	 kev = *ev;
	struct report_proc	*p, *parent = NULL;
	struct report_thread	*t;
	struct fw_buf		 label;
	const char		*argv[2];

	if (seen_thread(m, ev)) {
		/* An io_uring worker: listed by its name. */
		if ((t = report_pidmap_get(&m->threads, ev->pid)) != NULL &&
		    t->proc != NULL && t->proc->pid == ev->tgid) {
			t->kthread = true;
			snprintf(t->comm, sizeof t->comm, "%s", comm != NULL &&
			    comm->s != NULL ? comm->s : "?");
		}
		return;
	}
	if (ev->has_ppid)
		parent = report_pidmap_get(&m->live, ev->ppid);
	p = proc_new(m, ev->pid, ev->ts, REPORT_ORIGIN_CLONE, parent);
	fw_buf_init(&label);
	fw_buf_printf(&label, "[%s]", comm != NULL && comm->s != NULL ?
	    comm->s : "?");
	argv[0] = fw_buf_cstr(&label);
	argv[1] = NULL;
	kev.argv = argv;
	kev.argc = 1;
	kev.path = NULL;
	kev.cwd = NULL;
	add_image(m, p, image_new(m, &kev, p));
	fw_buf_release(&label);
}

/* attach: a process (or a thread of one) found running at start. */
static void
on_attach(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p, *parent = NULL;

	if (seen_thread(m, ev))
		return;
	if (ev->has_ppid)
		parent = report_pidmap_get(&m->live, ev->ppid);
	p = report_pidmap_get(&m->live, ev->pid);
	if (p == NULL || p->origin != REPORT_ORIGIN_SEEN || p->images != NULL)
		p = proc_new(m, ev->pid, ev->ts, REPORT_ORIGIN_ATTACH, parent);
	p->origin = REPORT_ORIGIN_ATTACH;
	if (ev->path != NULL || ev->argc > 0) {
		struct report_image *im = image_new(m, ev, p);

		im->attached = true;
		add_image(m, p, im);
	}
}

/* p was let go (detach, or untraced by --depth): it and its threads end
 * now, and it is no longer live. */
static void
let_go(struct report_model *m, struct report_proc *p, double ts)
{
	p->detached = true;
	p->end = ts;
	p->end_ev = cur_ev(m);
	end_threads(m, p, ts, true);
	report_pidmap_del(&m->live, p->pid, p);
}

/* detach: forkwatch let go; the task ends here as far as the log goes. */
static void
on_detach(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p;
	struct report_thread	*t;

	if (ev->pid != ev->tgid) {
		t = report_pidmap_get(&m->threads, ev->pid);
		if (t != NULL) {
			t->gone = true;
			t->end = ev->ts;
			t->end_ev = cur_ev(m);
			report_pidmap_del(&m->threads, ev->pid, t);
		}
		return;
	}
	p = report_pidmap_get(&m->live, ev->pid);
	if (p != NULL)
		let_go(m, p, ev->ts);
}

/* untraced: --depth let go of the process (its fork line came before),
 * or did not attach to it (--subtree; then this is its only line). */
static void
on_untraced(struct report_model *m, const struct tlog_event *ev)
{
	struct report_proc	*p, *parent = NULL;

	p = report_pidmap_get(&m->live, ev->pid);
	if (p == NULL) {
		if (ev->has_ppid)
			parent = report_pidmap_get(&m->live, ev->ppid);
		p = proc_new(m, ev->pid, ev->ts, REPORT_ORIGIN_SEEN, parent);
	}
	p->untraced = true;
	let_go(m, p, ev->ts);
}

/* "nspid" (a task in another pid namespace): its own pid, the last. */
static void
set_inner(struct report_model *m, const struct tlog_event *ev)
{
	const struct tlog_value	*v = tlog_member(ev, FW_M_NSPID);
	struct report_proc	*p;
	struct report_thread	*t;

	if (v == NULL || v->n < 2)
		return;
	if (ev->pid == ev->tgid) {
		if ((p = report_pidmap_get(&m->live, ev->pid)) != NULL)
			p->inner_pid = v->ints[v->n - 1];
	} else if ((t = report_pidmap_get(&m->threads, ev->pid)) != NULL)
		t->inner_tid = v->ints[v->n - 1];
}

/* start: what was traced, and forkwatch's own pid (not a tracee). */
static void
on_start(struct report_model *m, const struct tlog_event *ev)
{
	size_t	 i;

	if (m->mode != NULL)
		return;		/* only the first start line counts */
	m->mode = fw_strdup(ev->mode != NULL ? ev->mode : "");
	m->time = ev->time != NULL ? fw_strdup(ev->time) : NULL;
	m->cwd = ev->cwd != NULL ? fw_strdup(ev->cwd) : NULL;
	m->argc = ev->argc;
	m->argv = fw_calloc(ev->argc + 1, sizeof *m->argv);
	for (i = 0; i < ev->argc; i++)
		m->argv[i] = fw_strdup(ev->argv[i]);
	m->tracer_pid = ev->pid;
	if (strcmp(m->mode, "launch") == 0)
		runcount_launched(&m->counts);
}

static void
on_end(struct report_model *m, const struct tlog_event *ev)
{
	m->has_end = true;
	m->end_ts = ev->ts;
	m->has_status = ev->has_status;
	m->status = (int)ev->status;
	m->has_root_code = ev->has_root_code;
	m->root_code = (int)ev->root_code;
	copy_signame(m->root_signal, ev->root_signal);
}

void
report_model_add(struct report_model *m, const struct tlog_event *ev)
{
	m->n_events++;
	runcount_event(&m->counts, ev->kind, ev->thread, ev->pid, ev->tgid);
	if (ev->ts > m->last_ts)
		m->last_ts = ev->ts;
	/* Before the event (its exit ends the record) and after it (its
	 * attach makes the record). */
	set_inner(m, ev);
	switch (ev->kind) {
	case FW_EV_START:
		on_start(m, ev);
		break;
	case FW_EV_KTHREAD:
		on_kthread(m, ev);
		break;
	case FW_EV_ATTACH:
		on_attach(m, ev);
		break;
	case FW_EV_FORK:
		on_fork(m, ev, REPORT_ORIGIN_FORK);
		break;
	case FW_EV_VFORK:
		on_fork(m, ev, REPORT_ORIGIN_VFORK);
		break;
	case FW_EV_CLONE:
		on_clone(m, ev);
		break;
	case FW_EV_EXEC:
		on_exec(m, ev);
		break;
	case FW_EV_EXIT:
		on_exit_event(m, ev);
		break;
	case FW_EV_SIGNAL:
		on_instant(m, ev, REPORT_INST_SIGNAL);
		break;
	case FW_EV_STOP:
		on_instant(m, ev, REPORT_INST_STOP);
		break;
	case FW_EV_CONT:
		on_instant(m, ev, REPORT_INST_CONT);
		break;
	case FW_EV_DETACH:
		on_detach(m, ev);
		break;
	case FW_EV_UNTRACED:
		on_untraced(m, ev);
		break;
	case FW_EV_REPARENT:
		on_reparent(m, ev);
		break;
	case FW_EV_END:
		on_end(m, ev);
		break;
	default:
		/* vfork_done, and kinds this report does not use */
		break;
	}
	set_inner(m, ev);
}

/*
 * The rusage a leader's exit carries comes from wait4(), which adds in
 * every child the process reaped. Take out the children that exited
 * before it (those it can have reaped) to get its own CPU time, and note
 * whether its peak RSS is higher than any of theirs (else it may be a
 * child's).
 */
static void
own_rusage(struct report_proc *p)
{
	const struct report_proc	*c;
	double				 cpu = 0;
	long long			 rss = 0;

	if (!p->has_rusage)
		return;
	for (c = p->first_child; c != NULL; c = c->next_sibling) {
		if (!c->exited || !c->has_rusage || c->end > p->end)
			continue;
		cpu += c->utime + c->stime;
		if (c->maxrss_kb > rss)
			rss = c->maxrss_kb;
	}
	p->self_cpu = p->utime + p->stime - cpu;
	if (p->self_cpu < 0)
		p->self_cpu = 0;
	p->maxrss_own = p->maxrss_kb > rss;
}

/* An interval of a child, for the union of a process's children. */
struct span {
	double	 start;
	double	 end;
};

static int
by_start(const void *x, const void *y)
{
	const struct span	*a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start ? 1 : 0;
}

/* p's time not covered by any of its child processes: its duration less
 * the union of their intervals clipped to its own. spans is scratch room
 * for n_children entries. */
static double
exclusive_time(const struct report_proc *p, struct span *spans)
{
	const struct report_proc	*c;
	double				 covered = 0, lo = 0, hi = 0;
	size_t				 n = 0, i;

	for (c = p->first_child; c != NULL; c = c->next_sibling) {
		spans[n].start = c->start > p->start ? c->start : p->start;
		spans[n].end = c->end < p->end ? c->end : p->end;
		if (spans[n].end > spans[n].start)
			n++;
	}
	fw_qsort(spans, n, sizeof *spans, by_start);
	for (i = 0; i < n; i++) {
		if (i == 0 || spans[i].start > hi) {
			covered += hi - lo;
			lo = spans[i].start;
			hi = spans[i].end;
		} else if (spans[i].end > hi)
			hi = spans[i].end;
	}
	covered += hi - lo;
	return report_proc_duration(p) > covered ?
	    report_proc_duration(p) - covered : 0;
}

void
report_model_settle(struct report_model *m)
{
	struct span		*spans = NULL;
	size_t			 spans_cap = 0;
	struct report_proc	*p;
	struct report_thread	*t;
	struct report_pidmap	 seen;
	double			 last = report_model_wall(m);
	size_t			 i;

	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		if (!p->exited && !p->detached && !p->lost && last > p->end)
			p->end = last;
		if (p->end < p->start)
			p->end = p->start;
		for (t = p->threads; t != NULL; t = t->next) {
			if (!t->exited && !t->gone)
				t->end = p->end;
			if (t->end < t->start)
				t->end = t->start;
		}
	}
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		own_rusage(p);
		if (p->n_children > spans_cap) {
			spans_cap = p->n_children;
			spans = fw_realloc(spans, spans_cap * sizeof *spans);
		}
		p->exclusive = exclusive_time(p, spans);
	}
	free(spans);

	/* Number the records that share a pid, oldest first; the map's values
	 * are counts + 1 smuggled through the pointer (never NULL). */
	memset(&seen, 0, sizeof seen);
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		p->reuse = (uintptr_t)report_pidmap_get(&seen, p->pid);
		if (p->reuse > 0)
			p->reuse--;
		report_pidmap_put(&seen, p->pid, (void *)(uintptr_t)(p->reuse + 2));
	}
	report_pidmap_release(&seen);
}

void
report_model_finish(struct report_model *m)
{
	report_model_settle(m);
	report_pidmap_release(&m->live);
	report_pidmap_release(&m->threads);
	m->finished = true;
}

double
report_model_wall(const struct report_model *m)
{
	if (m->has_end && m->end_ts >= m->last_ts)
		return m->end_ts;
	return m->last_ts;
}

struct report_proc *
report_model_find(const struct report_model *m, long long pid,
    size_t from_seq)
{
	size_t	 i;

	for (i = from_seq; i < m->n_procs; i++) {
		if (m->procs[i]->pid == pid)
			return m->procs[i];
	}
	return NULL;
}

struct report_proc *
report_model_main_root(const struct report_model *m)
{
	struct report_proc	*best = NULL, *p;
	size_t			 i;

	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		if (p->parent == NULL && (best == NULL || p->end > best->end))
			best = p;
	}
	return best;
}

void
report_model_free(struct report_model *m)
{
	struct report_image	*im, *nim;
	struct report_thread	*t, *nt;
	struct report_reparent	*r, *nr;
	struct report_outsider	*o, *no;
	struct report_proc	*p;
	size_t			 i;

	if (m == NULL)
		return;
	for (im = m->first_image; im != NULL; im = nim) {
		nim = im->next_in_log;
		free(im);
	}
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		for (t = p->threads; t != NULL; t = nt) {
			nt = t->next;
			free(t);
		}
		for (r = p->reparents; r != NULL; r = nr) {
			nr = r->next;
			free(r);
		}
		free(p->inst);
		free((void *)p->clone_flags);
		free(p);
	}
	for (o = m->outsiders; o != NULL; o = no) {
		no = o->next;
		free(o);
	}
	free(m->procs);
	for (i = 0; i < m->argc; i++)
		free(m->argv[i]);
	free(m->argv);
	free(m->mode);
	free(m->time);
	free(m->cwd);
	report_pidmap_release(&m->live);
	report_pidmap_release(&m->threads);
	free(m);
}

struct report_proc *
report_proc_next(const struct report_proc *p, const struct report_proc *root,
    bool descend, int *depth)
{
	return report_proc_walk(p, root, descend, depth, REPORT_SHAPE_CREATED);
}

struct report_proc *
report_proc_walk(const struct report_proc *p, const struct report_proc *root,
    bool descend, int *depth, enum report_shape shape)
{
	struct report_proc	*q;

	if (descend && (q = report_proc_first_child_in(p, shape)) != NULL) {
		(*depth)++;
		return q;
	}
	while (p != root && p != NULL) {
		if ((q = report_proc_next_sibling_in(p, shape)) != NULL)
			return q;
		p = report_proc_parent_in(p, shape);
		(*depth)--;
	}
	return NULL;
}

bool
report_clone_flag_plain(const char *flag)
{
	return strcmp(flag, "CLONE_CHILD_SETTID") == 0 ||
	    strcmp(flag, "CLONE_CHILD_CLEARTID") == 0 ||
	    strcmp(flag, "CLONE_PARENT_SETTID") == 0;
}

bool
report_proc_clone_notable(const struct report_proc *p)
{
	size_t	 i;
	bool	 vfork = p->origin == REPORT_ORIGIN_VFORK;

	if (!p->has_clone)
		return false;
	if (strcmp(p->exit_signal, "SIGCHLD") != 0)
		return true;
	for (i = 0; i < p->n_clone_flags; i++) {
		if (report_clone_flag_plain(p->clone_flags[i]))
			continue;
		if (vfork && (strcmp(p->clone_flags[i], "CLONE_VM") == 0 ||
		    strcmp(p->clone_flags[i], "CLONE_VFORK") == 0))
			continue;
		return true;
	}
	return false;
}

bool
report_proc_failed(const struct report_proc *p)
{
	return p->exited && (p->signaled || p->code != 0);
}

double
report_proc_duration(const struct report_proc *p)
{
	return p->end > p->start ? p->end - p->start : 0;
}

int
report_proc_cmp_duration(const void *x, const void *y)
{
	const struct report_proc *a = *(const struct report_proc *const *)x;
	const struct report_proc *b = *(const struct report_proc *const *)y;
	double			 da = report_proc_duration(a);
	double			 db = report_proc_duration(b);

	if (da != db)
		return da > db ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq ? 1 : 0;
}

const struct report_image *
report_proc_image(const struct report_proc *p)
{
	return p->last_image != NULL ? p->last_image : p->inherited;
}

const char *
report_proc_name(const struct report_proc *p)
{
	const struct report_image	*im = report_proc_image(p);

	if (im == NULL)
		return "?";
	if (im->argc > 0 && im->argv[0][0] != '\0')
		return report_basename(im->argv[0]);
	if (im->path != NULL && im->path[0] != '\0')
		return report_basename(im->path);
	return "?";
}

const char *
report_signame(const char *sig, char *buf, size_t len)
{
	struct fw_buf	 b;

	fw_buf_init(&b);
	esc_text_bare(&b, sig, strlen(sig));
	snprintf(buf, len, "%s", fw_buf_cstr(&b));
	fw_buf_release(&b);
	return buf;
}

const char *
report_proc_status(const struct report_proc *p, char *buf, size_t len)
{
	char	 sig[4 * REPORT_SIGNAME_MAX + 1];

	if (p->exited && p->signaled)
		snprintf(buf, len, "killed by %s%s", report_signame(p->signal,
		    sig, sizeof sig), p->core ? " (core dumped)" : "");
	else if (p->exited)
		snprintf(buf, len, "exit %d", p->code);
	else if (p->untraced)
		snprintf(buf, len, "untraced (deeper than --depth)");
	else if (p->detached)
		snprintf(buf, len, "detached");
	else if (p->lost)
		snprintf(buf, len, "exit not logged");
	else
		snprintf(buf, len, "running at end of log");
	return buf;
}

const char *
report_proc_status_short(const struct report_proc *p, char *buf, size_t len)
{
	char	 sig[4 * REPORT_SIGNAME_MAX + 1];

	if (p->exited && p->signaled)
		snprintf(buf, len, "%s%s", report_signame(p->signal, sig,
		    sizeof sig), p->core ? " (core)" : "");
	else if (p->exited)
		snprintf(buf, len, "exit %d", p->code);
	else
		snprintf(buf, len, "%s", p->untraced ? "untraced" :
		    p->detached ? "detached" :
		    p->lost ? "exit not logged" : "running at end");
	return buf;
}
