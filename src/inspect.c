/* inspect.c - task summaries, the tree and "info PID", as text. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "flags.h"
#include "inspect.h"
#include "procfs.h"

#define PF_IO_WORKER_BIT	0x00000010	/* PF_IO_WORKER */

/* /proc/TGID/task/TID/stat of a live task; false when it is gone. */
static bool
read_stat(struct session *s, const struct fw_task *t, struct procfs_stat *st)
{
	if (t->state == TASK_DEAD)
		return false;
	return procfs_read_stat(&s->eng.proc, t->tgid, t->tid, st) == 0;
}

static char
state_of(const struct fw_task *t, bool ok, const struct procfs_stat *st)
{
	if (t->state == TASK_DEAD)
		return '-';
	/* /proc says 't' while we listen; the task is in a job-control
	 * stop (PTRACE-NOTES 24). */
	if (t->state == TASK_LISTENING)
		return 'T';
	return ok ? st->state : '?';
}

char
inspect_state(struct session *s, const struct fw_task *t)
{
	struct procfs_stat	 st;
	bool			 ok = read_stat(s, t, &st);

	return state_of(t, ok, &st);
}

static void
add_esc(struct fw_buf *b, const char *str)
{
	esc_text_bare(b, str, strlen(str));
}

void
inspect_why(struct session *s, const struct fw_task *t, struct fw_buf *b)
{
	bool	 held = (t->flags & TF_HELD) != 0;

	switch (t->state) {
	case TASK_STARTING:
	case TASK_PARKED:
		fw_buf_adds(b, "starting");
		return;
	case TASK_RUNNING:
		if (t->flags & TF_VFORK_WAIT)
			fw_buf_adds(b, "running (in vfork until its child "
			    "execs or exits)");
		else
			fw_buf_adds(b, "running");
		return;
	case TASK_LISTENING:
		fw_buf_printf(b, "%sjob-control stop (%s)", held ? "held, " :
		    "", flags_signame(t->stop_sig));
		return;
	case TASK_UNTRACED:
		fw_buf_adds(b, "made by the kernel, not traced");
		return;
	case TASK_DEAD:
		if (t->flags & TF_UNTRACE)
			fw_buf_adds(b, "untraced (deeper than --depth)");
		else if (!t->exited)
			fw_buf_adds(b, (t->flags & TF_KTHREAD) ? "not watched" :
			    "detached");
		else if (t->flags & TF_KTHREAD)
			fw_buf_adds(b, "gone");
		else if (t->killed)
			fw_buf_printf(b, "killed by %s%s",
			    flags_signame(t->signo),
			    t->core ? " (core dumped)" : "");
		else
			fw_buf_printf(b, "exited %d", t->code);
		return;
	case TASK_STOPPED:
		break;
	}
	if (held)
		fw_buf_adds(b, "held, ");
	switch (t->stop_kind) {
	case STOP_STARTUP:
		fw_buf_adds(b, "new");
		break;
	case STOP_EVENT:
		fw_buf_printf(b, "stopped at %s",
		    event_kind_name(t->stop_event));
		break;
	case STOP_EXITING:
		fw_buf_adds(b, "stopped at exit");
		break;
	case STOP_SIGNAL:
		fw_buf_printf(b, "stopped at signal %s",
		    flags_signame(t->stop_sig));
		break;
	case STOP_GROUP:
		fw_buf_printf(b, "job-control stop (%s)",
		    flags_signame(t->stop_sig));
		break;
	case STOP_INTERRUPT:
		fw_buf_adds(b, "paused");
		break;
	case STOP_NONE:
		fw_buf_adds(b, "stopped");
		break;
	}
	if (t->tid == s->stop_pid && t->stop_event == s->stop_kind &&
	    s->stop_bp != 0)
		fw_buf_printf(b, " (breakpoint %d)", s->stop_bp);
}

static void
name_of(const struct fw_task *t, bool ok, const struct procfs_stat *st,
    struct fw_buf *b)
{
	bool	 thread = !task_is_leader(t);

	if (thread)
		fw_buf_addc(b, '{');
	add_esc(b, ok && st->comm[0] != '\0' ? st->comm : task_name(t));
	if (thread)
		fw_buf_addc(b, '}');
}

void
inspect_name(struct session *s, const struct fw_task *t, struct fw_buf *b)
{
	struct procfs_stat	 st;
	bool			 ok = read_stat(s, t, &st);

	name_of(t, ok, &st, b);
}

void
inspect_pid(const struct session *s, const struct fw_task *t,
    struct fw_buf *b)
{
	int	 inner;

	if (t->nspid == NULL) {
		fw_buf_printf(b, "%d", (int)t->tid);
		return;
	}
	inner = (int)t->nspid->v[t->nspid->n - 1];
	if (s->pids_inner)
		fw_buf_printf(b, "%d [outer %d]", inner, (int)t->tid);
	else
		fw_buf_printf(b, "%d [inner %d]", (int)t->tid, inner);
}

void
inspect_line(struct session *s, const struct fw_task *t, struct fw_buf *b)
{
	struct procfs_stat	 st;
	bool			 ok = read_stat(s, t, &st);

	inspect_pid(s, t, b);
	fw_buf_addc(b, ' ');
	name_of(t, ok, &st, b);
	fw_buf_printf(b, " [%c] ", state_of(t, ok, &st));
	inspect_why(s, t, b);
	if ((t->flags & TF_KTHREAD) && t->state != TASK_UNTRACED)
		fw_buf_adds(b, "; kernel thread");
	if (t->reparented_from != 0)
		fw_buf_printf(b, "; re-parented to %d", (int)t->ppid);
}

struct tree_style {
	const char	*branch, *last, *vert, *blank;
};

static const struct tree_style ascii_style = {
	"|-- ", "`-- ", "|   ", "    "
};
static const struct tree_style utf8_style = {
	"\342\224\234\342\224\200\342\224\200 ",	/* ├── */
	"\342\224\224\342\224\200\342\224\200 ",	/* └── */
	"\342\224\202   ",				/* │   */
	"    "
};

/* Did t get process c when c's parent exited? */
static bool
adopted_by(const struct fw_task *c, const struct fw_task *t)
{
	return c->reparented_from != 0 && c->ppid == t->tid &&
	    c->parent != t;
}

/* Another process t adopted after c? */
static bool
next_adopted(struct session *s, const struct fw_task *c,
    const struct fw_task *t)
{
	(void)s;
	for (c = c->all_next; c != NULL; c = c->all_next) {
		if (adopted_by(c, t))
			return true;
	}
	return false;
}

static bool
has_adopted(struct session *s, const struct fw_task *t)
{
	const struct fw_task	*c;

	if (s->eng.nreparented == 0)
		return false;
	for (c = s->eng.tasks.head; c != NULL; c = c->all_next) {
		if (adopted_by(c, t))
			return true;
	}
	return false;
}

/* One task and, below it, its threads and children. */
static void
tree_rec(struct session *s, const struct fw_task *t, struct fw_buf *b,
    struct fw_buf *prefix, const struct tree_style *style, bool top,
    bool last)
{
	const struct fw_task	*c;
	size_t			 mark = prefix->len;
	bool			 adopted;

	if (!top) {
		fw_buf_add(b, prefix->data, prefix->len);
		fw_buf_adds(b, last ? style->last : style->branch);
	}
	inspect_line(s, t, b);
	fw_buf_addc(b, '\n');
	if (!top)
		fw_buf_adds(prefix, last ? style->blank : style->vert);
	adopted = has_adopted(s, t);
	for (c = t->first_child; c != NULL; c = c->next_sib)
		tree_rec(s, c, b, prefix, style, false, c->next_sib == NULL &&
		    !adopted);
	/* Processes the kernel gave it when their parent exited: shown where
	 * they were made, and named here. */
	for (c = s->eng.tasks.head; c != NULL && s->eng.nreparented > 0;
	    c = c->all_next) {
		if (!adopted_by(c, t))
			continue;
		fw_buf_add(b, prefix->data, prefix->len);
		fw_buf_adds(b, next_adopted(s, c, t) ? style->branch :
		    style->last);
		fw_buf_printf(b, "%d (adopted: its parent %d exited)\n",
		    (int)c->tid, (int)c->reparented_from);
	}
	prefix->len = mark;
	if (prefix->data != NULL)
		prefix->data[mark] = '\0';
}

void
inspect_tree(struct session *s, pid_t root, struct fw_buf *b)
{
	const struct tree_style	*style = &ascii_style;
	const struct fw_task	*t;
	struct fw_buf		 prefix;
	const char		*cs;

	if (!s->plain && (cs = nl_langinfo(CODESET)) != NULL &&
	    strcmp(cs, "UTF-8") == 0)
		style = &utf8_style;
	fw_buf_init(&prefix);
	fw_buf_add(&prefix, "", 0);
	for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
		if (root != 0 ? t->tid == root : t->parent == NULL)
			tree_rec(s, t, b, &prefix, style, true, true);
		/* The newest record of a reused id only. */
		if (root != 0 && t->tid == root && t->state != TASK_DEAD)
			break;
	}
	fw_buf_release(&prefix);
}

/* --- info ----------------------------------------------------------- */

static void
field(struct fw_buf *b, const char *name)
{
	fw_buf_printf(b, "  %-10s ", name);
}

/* An argument: bare when that is unambiguous, else quoted. */
static void
add_arg(struct fw_buf *b, const char *a)
{
	if (*a == '\0' || strpbrk(a, " \t\"'\\") != NULL)
		esc_text_str(b, a);
	else
		add_esc(b, a);
}

static void
add_argv(struct fw_buf *b, const struct fw_strv *v)
{
	const char	*a = NULL;
	bool		 first = true;

	while ((a = strv_next(v, a)) != NULL) {
		if (!first)
			fw_buf_addc(b, ' ');
		first = false;
		add_arg(b, a);
	}
	if (first)
		fw_buf_adds(b, "-");
}

/* A readlink of /proc/PID/name as a field, escaped. */
static void
link_field(struct session *s, struct fw_buf *b, pid_t pid, const char *name)
{
	char	*target = NULL;

	field(b, name);
	if (procfs_readlink(&s->eng.proc, pid, name, &target) == 0) {
		add_esc(b, target);
		free(target);
	} else
		fw_buf_adds(b, "?");
	fw_buf_addc(b, '\n');
}

#define CAP_KNOWN_MASK	((1ULL << 41) - 1)	/* cap_chown .. cap_checkpoint_restore */

static void
cap_field(struct fw_buf *b, const char *name, uint64_t mask)
{
	field(b, name);
	if ((mask & CAP_KNOWN_MASK) == CAP_KNOWN_MASK) {
		fw_buf_adds(b, "all");
		if (mask & ~CAP_KNOWN_MASK) {
			fw_buf_adds(b, " + ");
			flags_cap_decode(b, mask & ~CAP_KNOWN_MASK);
		}
	} else
		flags_cap_decode(b, mask);
	fw_buf_addc(b, '\n');
}

/* A capability set, or "= eff" when it is the effective one (and not
 * empty): the usual case, and the lists are long. */
static void
cap_same(struct fw_buf *b, const char *name, uint64_t mask, uint64_t eff)
{
	if (mask == eff && mask != 0) {
		field(b, name);
		fw_buf_adds(b, "= eff\n");
	} else
		cap_field(b, name, mask);
}

/* The capabilities a difference lists by name; more are counted. */
#define CAP_DIFF_NAMES	6

/* " plus cap_a,cap_b" / " less ...": the bits of mask, named when few. */
static void
cap_diff(struct fw_buf *b, const char *how, uint64_t mask)
{
	int	 n = __builtin_popcountll(mask);

	if (mask == 0)
		return;
	fw_buf_printf(b, " %s ", how);
	if (n <= CAP_DIFF_NAMES)
		flags_cap_decode(b, mask);
	else
		fw_buf_printf(b, "%d capabilities", n);
}

/* One line before the long lists: the effective set is the full set,
 * none, or (named) what it has more or less than its parent's. */
static void
caps_summary(struct session *s, struct fw_buf *b,
    const struct procfs_status *ps)
{
	struct procfs_status	 pps;
	uint64_t		 eff = ps->capeff & CAP_KNOWN_MASK, peff;

	field(b, "caps");
	if (eff == CAP_KNOWN_MASK)
		fw_buf_adds(b, "full set");
	else if (eff == 0)
		fw_buf_adds(b, "none");
	else if (ps->ppid > 0 && procfs_read_status(&s->eng.proc, ps->ppid,
	    &pps) == 0) {
		peff = pps.capeff & CAP_KNOWN_MASK;
		fw_buf_printf(b, "%sits parent %d's", peff == eff ?
		    "the same as " : "", (int)ps->ppid);
		if (peff == CAP_KNOWN_MASK)
			fw_buf_adds(b, " (full set)");
		else if (peff == 0)
			fw_buf_adds(b, " (none)");
		cap_diff(b, "plus", eff & ~peff);
		cap_diff(b, "less", peff & ~eff);
	} else
		fw_buf_printf(b, "%d capabilities (the parent's are not "
		    "known)", __builtin_popcountll(eff));
	fw_buf_addc(b, '\n');
}

static void
sig_field(struct fw_buf *b, const char *name, uint64_t mask)
{
	field(b, name);
	flags_sigmask_decode(b, mask);
	fw_buf_addc(b, '\n');
}

static void
fds_field(struct session *s, struct fw_buf *b, pid_t pid)
{
	struct procfs_fd	*fds;
	size_t			 n, i;

	field(b, "fds");
	if (procfs_list_fds(&s->eng.proc, pid, &fds, &n) != 0) {
		fw_buf_adds(b, "?\n");
		return;
	}
	if (n == 0)
		fw_buf_adds(b, "-\n");
	for (i = 0; i < n; i++) {
		if (i > 0)
			fw_buf_printf(b, "  %-10s ", "");
		fw_buf_printf(b, "%d ", fds[i].fd);
		add_esc(b, fds[i].target);
		fw_buf_addc(b, '\n');
	}
	procfs_fds_free(fds, n);
}

/* Start time (wall clock) and age from /proc's ticks since boot. */
static void
start_field(struct session *s, struct fw_buf *b, unsigned long long ticks)
{
	long		 hz = sysconf(_SC_CLK_TCK);
	double		 up = procfs_uptime(&s->eng.proc), started, age;
	struct timespec	 now;
	struct tm	 tm;
	time_t		 when;
	char		 text[64];

	field(b, "started");
	if (hz <= 0 || up <= 0) {
		fw_buf_adds(b, "?\n");
		return;
	}
	started = (double)ticks / (double)hz;
	age = up - started;
	if (age < 0)
		age = 0;
	clock_gettime(CLOCK_REALTIME, &now);
	when = now.tv_sec - (time_t)age;
	localtime_r(&when, &tm);
	strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
	fw_buf_printf(b, "%s (age %.2f s)\n", text, age);
}

/* Each thread of t's process with its state letter. */
static void
threads_field(struct session *s, struct fw_buf *b, const struct fw_task *t)
{
	pid_t			*tids;
	size_t			 n, i;
	struct procfs_stat	 st;

	field(b, "threads");
	if (procfs_list_tasks(&s->eng.proc, t->tgid, &tids, &n) != 0) {
		fw_buf_adds(b, "?\n");
		return;
	}
	fw_buf_printf(b, "%zu:", n);
	for (i = 0; i < n; i++) {
		fw_buf_printf(b, " %d", (int)tids[i]);
		if (procfs_read_stat(&s->eng.proc, t->tgid, tids[i], &st) == 0)
			fw_buf_printf(b, "[%c]", st.state);
	}
	fw_buf_addc(b, '\n');
	free(tids);
}

/* What forkwatch knows of a task, live or gone. */
static void
tracer_view(struct session *s, struct fw_task *t, struct fw_buf *b)
{
	field(b, "forkwatch");
	inspect_why(s, t, b);
	if (t->creator != 0)
		fw_buf_printf(b, "; created by %d", (int)t->creator);
	else if (t->state == TASK_UNTRACED ||
	    ((t->flags & TF_KTHREAD) && t->state == TASK_DEAD))
		fw_buf_adds(b, "; found in /proc");
	else if (t->flags & TF_ATTACHED)
		fw_buf_adds(b, "; attached");
	else if (t->flags & TF_ROOT)
		fw_buf_adds(b, "; launched");
	fw_buf_printf(b, " at +%.6f s", t->start_ts);
	if (t->state == TASK_DEAD)
		fw_buf_printf(b, ", gone at +%.6f s", t->end_ts);
	fw_buf_addc(b, '\n');
	if (t->flags & TF_KTHREAD) {
		/* What the kernel made it as: its PF_* flags when found. */
		field(b, "kernel");
		if (t->pf_flags & PF_IO_WORKER_BIT)
			fw_buf_adds(b, "io_uring worker");
		else
			fw_buf_adds(b, task_is_leader(t) ? "kernel thread" :
			    "worker thread");
		fw_buf_adds(b, engine_can_stop(&s->eng) ? ", cannot be traced" :
		    ", seen by eBPF");
		fw_buf_printf(b, "\n  %-10s %#lx ", "pf flags", t->pf_flags);
		flags_pf_decode(b, t->pf_flags);
		fw_buf_addc(b, '\n');
	}
	if (t->has_clone_flags) {
		/* The flags its creator's fork/vfork/clone gave the kernel. */
		field(b, "clone");
		flags_clone_text(b, t->clone_flags, t->exit_signal);
		fw_buf_addc(b, '\n');
	}
	if (t->reparented_from != 0) {
		field(b, "reparent");
		fw_buf_printf(b, "parent %d exited; the kernel made %d its "
		    "parent%s\n", (int)t->reparented_from, (int)t->ppid,
		    task_find(&s->eng.tasks, t->ppid) == NULL ?
		    " (not traced)" : "");
	}
}

static void
info_dead(struct session *s, struct fw_task *t, struct fw_buf *b)
{
	fw_buf_adds(b, "Task ");
	inspect_pid(s, t, b);
	fw_buf_printf(b, ": %s ", task_is_leader(t) ? "process" : "thread");
	add_esc(b, task_name(t));
	if (!task_is_leader(t))
		fw_buf_printf(b, " of process %d", (int)t->tgid);
	fw_buf_adds(b, (t->flags & TF_UNTRACE) ? " (untraced: deeper than "
	    "--depth)\n" : " (gone)\n");
	tracer_view(s, t, b);
	field(b, "argv");
	add_argv(b, &t->argv);
	fw_buf_addc(b, '\n');
	field(b, "exe");
	add_esc(b, t->path != NULL ? t->path : "?");
	fw_buf_addc(b, '\n');
}

void
inspect_info(struct session *s, struct fw_task *t, struct fw_buf *b)
{
	struct procfs_stat	 st;
	struct procfs_status	 ps;
	struct fw_strv		 argv;
	bool			 leader = task_is_leader(t);

	if (t->state == TASK_DEAD || !read_stat(s, t, &st) ||
	    procfs_read_status(&s->eng.proc, t->tid, &ps) != 0) {
		info_dead(s, t, b);
		return;
	}
	fw_buf_adds(b, "Task ");
	inspect_pid(s, t, b);
	fw_buf_printf(b, ": %s ", leader ? "process" : "thread");
	add_esc(b, st.comm);
	if (!leader)
		fw_buf_printf(b, " of process %d", (int)t->tgid);
	fw_buf_addc(b, '\n');
	tracer_view(s, t, b);
	field(b, "state");
	fw_buf_printf(b, "%c", state_of(t, true, &st));
	if (ps.state[0] != '\0') {
		fw_buf_adds(b, " (/proc: ");
		add_esc(b, ps.state);
		fw_buf_addc(b, ')');
	}
	fw_buf_addc(b, '\n');
	field(b, "flags");
	fw_buf_printf(b, "%#lx ", st.flags);
	flags_pf_decode(b, st.flags);
	fw_buf_addc(b, '\n');
	field(b, "ids");
	fw_buf_printf(b, "pid %d  tgid %d  ppid %d  pgid %d  sid %d  "
	    "tracer %d\n", (int)t->tid, (int)ps.tgid, (int)ps.ppid,
	    (int)st.pgrp, (int)st.session, (int)ps.tracer);
	if (ps.nspid[0] != '\0' && strchr(ps.nspid, ' ') != NULL) {
		field(b, "nspid");
		add_esc(b, ps.nspid);
		fw_buf_addc(b, '\n');
	}
	threads_field(s, b, t);
	field(b, "uid");
	fw_buf_printf(b, "%u %u %u %u (real effective saved fs)\n",
	    ps.uid[0], ps.uid[1], ps.uid[2], ps.uid[3]);
	field(b, "gid");
	fw_buf_printf(b, "%u %u %u %u\n", ps.gid[0], ps.gid[1], ps.gid[2],
	    ps.gid[3]);
	caps_summary(s, b, &ps);
	cap_field(b, "cap eff", ps.capeff);
	cap_same(b, "cap prm", ps.capprm, ps.capeff);
	cap_same(b, "cap inh", ps.capinh, ps.capeff);
	cap_same(b, "cap bnd", ps.capbnd, ps.capeff);
	sig_field(b, "blocked", ps.sigblk);
	sig_field(b, "ignored", ps.sigign);
	sig_field(b, "caught", ps.sigcgt);
	sig_field(b, "pending", ps.sigpnd | ps.shdpnd);
	field(b, "argv");
	strv_init(&argv);
	if (procfs_read_strv(&s->eng.proc, t->tgid, "cmdline", &argv) == 0 &&
	    argv.n > 0)
		add_argv(b, &argv);
	else
		add_argv(b, &t->argv);
	strv_release(&argv);
	fw_buf_addc(b, '\n');
	link_field(s, b, t->tgid, "exe");
	link_field(s, b, t->tgid, "cwd");
	fds_field(s, b, t->tgid);
	field(b, "memory");
	if (ps.vmrss_kb >= 0)
		fw_buf_printf(b, "VmRSS %ld kB  VmHWM %ld kB  VmSize %ld kB\n",
		    ps.vmrss_kb, ps.vmhwm_kb, ps.vmsize_kb);
	else
		fw_buf_adds(b, "-\n");
	start_field(s, b, st.starttime);
}
