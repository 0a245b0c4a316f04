/* report-tree.c - the process tree, in text and JSON. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "report-json.h"
#include "report-model.h"
#include "report-text.h"
#include "report-tree.h"

/* The roots of the tree of shape: every process with pid o->under, or
 * every process without a parent (in the final tree, but for those under
 * an untraced new parent: they are drawn under its own root line). */
static size_t
roots_in(const struct report_model *m, const struct report_opts *o,
    enum report_shape shape, struct report_proc ***roots)
{
	struct report_proc	**v = fw_calloc(m->n_procs + 1, sizeof *v);
	struct report_proc	 *p;
	size_t			 i, n = 0;

	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		if (o->has_under ? p->pid == o->under :
		    report_proc_parent_in(p, shape) == NULL &&
		    (shape != REPORT_SHAPE_FINAL || p->outsider == NULL))
			v[n++] = p;
	}
	*roots = v;
	return n;
}

size_t
report_tree_roots(const struct report_model *m, const struct report_opts *o,
    struct report_proc ***roots)
{
	return roots_in(m, o, REPORT_SHAPE_CREATED, roots);
}

static bool *
failed_below_in(const struct report_model *m, enum report_shape shape)
{
	bool			*below;
	const struct report_proc *p;
	size_t			 i;

	below = fw_calloc(m->n_procs + 1, sizeof *below);

	for (i = 0; i < m->n_procs; i++) {
		if (!report_proc_failed(m->procs[i]))
			continue;
		for (p = report_proc_parent_in(m->procs[i], shape);
		    p != NULL && !below[p->seq];
		    p = report_proc_parent_in(p, shape))
			below[p->seq] = true;
	}
	return below;
}

bool *
report_tree_failed_below(const struct report_model *m)
{
	return failed_below_in(m, REPORT_SHAPE_CREATED);
}

/* Per process (by seq): the number of processes below it in the tree of
 * shape. Free it. */
static size_t *
subtree_sizes(const struct report_model *m, enum report_shape shape)
{
	size_t			*size = fw_calloc(m->n_procs + 1, sizeof *size);
	struct report_proc	**order, *p, *parent;
	size_t			 i, n = 0;
	int			 depth = 0;

	/* A pre-order walk lists parents before children; summing in reverse
	 * order then adds each complete subtree to its parent. */
	order = fw_calloc(m->n_procs + 1, sizeof *order);
	for (i = 0; i < m->n_procs; i++) {
		if (report_proc_parent_in(m->procs[i], shape) != NULL)
			continue;
		for (p = m->procs[i]; p != NULL;
		    p = report_proc_walk(p, m->procs[i], true, &depth, shape))
			order[n++] = p;
	}
	while (n-- > 0) {
		p = order[n];
		if ((parent = report_proc_parent_in(p, shape)) != NULL)
			size[parent->seq] += size[p->seq] + 1;
	}
	free(order);
	return size;
}

/* The tree view's state while it writes. */
struct tree_text {
	FILE			*f;
	struct fw_buf		 b;
	const struct report_opts *o;
	enum report_shape	 shape;
	bool			*below;
	size_t			*sizes;
	/* Per process: its last child that is shown (--min-duration). */
	const struct report_proc **last_shown;
	struct report_text_tree	 lines;
	struct fw_buf		 suffix;
	struct fw_buf		 notes;
	/* The last shown child of the outsider being drawn. */
	const struct report_proc *group_last;
	size_t			 hidden;
};

/* True if p is long enough to be shown (--min-duration). */
static bool
shown(const struct report_opts *o, const struct report_proc *p)
{
	return report_proc_duration(p) >= o->min_duration;
}

/* Per process (by seq), its last child that is shown. Free it. */
static const struct report_proc **
last_children_shown(const struct report_model *m,
    const struct report_opts *o, enum report_shape shape)
{
	const struct report_proc	**v, *c;
	size_t				 i;

	v = fw_calloc(m->n_procs + 1, sizeof *v);
	for (i = 0; i < m->n_procs; i++) {
		for (c = report_proc_first_child_in(m->procs[i], shape);
		    c != NULL; c = report_proc_next_sibling_in(c, shape)) {
			if (shown(o, c))
				v[i] = c;
		}
	}
	return v;
}

/* The columns left of the tree: mark, pid, start, duration, status, own
 * CPU and peak RSS (ru: the process whose rusage to show, or NULL). */
static void
put_columns(struct tree_text *t, char mark, long long pid, double start,
    double dur, const char *status, const struct report_proc *ru)
{
	char	 s[32], d[32], cpu[32], rss[32];

	snprintf(s, sizeof s, "%.3f", start);
	report_text_duration(d, sizeof d, dur);
	if (ru != NULL && ru->has_rusage) {
		report_text_duration(cpu, sizeof cpu, ru->self_cpu);
		report_text_kb(rss + 2, sizeof rss - 2, ru->maxrss_kb);
		if (ru->maxrss_own)
			memmove(rss, rss + 2, strlen(rss + 2) + 1);
		else
			memcpy(rss, "<=", 2);
	} else
		strcpy(cpu, "-"), strcpy(rss, "-");
	fw_buf_printf(&t->b, "%c %7lld %9s %10s  %-15s %9s %12s  ", mark, pid,
	    s, d, status, cpu, rss);
}

/* The PID column: forkwatch's pid, or with --inner-pids the one a task
 * in another pid namespace has there (inner: 0 when it has none). */
static long long
shown_pid(const struct report_opts *o, long long pid, long long inner)
{
	return o->pids_inner && inner != 0 ? inner : pid;
}

/* After the command: the pid the PID column does not show. */
static void
other_pid(struct fw_buf *b, const struct report_opts *o, long long pid,
    long long inner)
{
	if (inner == 0)
		return;
	if (o->pids_inner)
		fw_buf_printf(b, " [outer %lld]", pid);
	else
		fw_buf_printf(b, " [inner %lld]", inner);
}

/* One line per thread of p, drawn as its first children. */
static void
text_threads(struct tree_text *t, const struct report_proc *p, int depth)
{
	const struct report_thread	*th;
	char				 st[128];

	for (th = p->threads; th != NULL; th = th->next) {
		if (th->exited && th->signal[0] != '\0')
			report_signame(th->signal, st, sizeof st);
		else if (th->exited)
			snprintf(st, sizeof st, "exit %d", th->code);
		else
			snprintf(st, sizeof st, "%s", th->gone ? "gone" :
			    "running at end");
		put_columns(t, ' ', shown_pid(t->o, th->tid, th->inner_tid),
		    th->start, th->end - th->start, st, NULL);
		report_text_tree_prefix(&t->lines, &t->b, depth + 1,
		    th->next == NULL &&
		    report_proc_first_child_in(p, t->shape) == NULL);
		if (th->kthread) {
			/* A thread the kernel made: its name, like pstree. */
			fw_buf_addc(&t->b, '{');
			esc_text_bare(&t->b, th->comm, strlen(th->comm));
			fw_buf_adds(&t->b, "} (kernel-made)");
		} else
			fw_buf_adds(&t->b, "{thread}");
		other_pid(&t->b, t->o, th->tid, th->inner_tid);
		fw_buf_addc(&t->b, '\n');
		report_text_flush(&t->b, t->f);
	}
}

/* What p's creation line said beyond a plain fork, compact for the
 * tree's line: " clone(VM|FS|FILES) exit_signal=0" (the flags without
 * their CLONE_ prefix, the thread-id bookkeeping ones left out; the exit
 * signal only when it is not SIGCHLD). */
static void
clone_note(struct fw_buf *b, const struct report_proc *p)
{
	static const char *const origin[] = {
		[REPORT_ORIGIN_FORK] = "fork",
		[REPORT_ORIGIN_VFORK] = "vfork",
		[REPORT_ORIGIN_CLONE] = "clone",
		[REPORT_ORIGIN_ATTACH] = "clone",
		[REPORT_ORIGIN_SEEN] = "clone"
	};
	char	 sig[128];
	size_t	 i;
	bool	 first = true;

	if (!report_proc_clone_notable(p))
		return;
	fw_buf_printf(b, " %s(", origin[p->origin]);
	for (i = 0; i < p->n_clone_flags; i++) {
		if (report_clone_flag_plain(p->clone_flags[i]))
			continue;
		if (!first)
			fw_buf_addc(b, '|');
		report_text_bare(b, strncmp(p->clone_flags[i], "CLONE_", 6) ==
		    0 && p->clone_flags[i][6] != '\0' ? p->clone_flags[i] + 6 :
		    p->clone_flags[i]);
		first = false;
	}
	fw_buf_addc(b, ')');
	if (p->exit_signal[0] == '\0')
		fw_buf_adds(b, " exit_signal=0");
	else if (strcmp(p->exit_signal, "SIGCHLD") != 0)
		fw_buf_printf(b, " exit_signal=%s", report_signame(
		    p->exit_signal, sig, sizeof sig));
}

/* The kernel's moves of p: in the creation tree where it went, in the
 * final tree where it came from (" (re-parented to 1 at 0.020)"; the
 * final tree names the new parent). */
static void
reparent_note(struct fw_buf *b, const struct report_proc *p,
    enum report_shape shape)
{
	const struct report_reparent	*r = p->last_reparent;

	if (r == NULL)
		return;
	fw_buf_adds(b, " (re-parented ");
	if (p->n_reparents > 1)
		fw_buf_printf(b, "%zu times, last ", p->n_reparents);
	if (shape == REPORT_SHAPE_FINAL)
		fw_buf_printf(b, "from %lld", r->old_parent);
	else
		fw_buf_printf(b, "to %lld", r->new_parent);
	fw_buf_printf(b, " at %.3f)", r->ts);
}

/* The line of process p at depth, the last shown of its siblings or not;
 * limited when its children are not shown. */
static void
text_node(struct tree_text *t, const struct report_proc *p, int depth,
    bool last, bool limited)
{
	char			 st[128];
	char			 mark = report_proc_failed(p) ? '!' :
	    t->below[p->seq] ? '*' : ' ';
	enum color_role		 role = report_text_role(p);
	size_t			 used, start, cmd;

	/* In colour: the line red or magenta, the tree lines dim. */
	report_text_color_on(&t->b, t->o, role);
	put_columns(t, mark, shown_pid(t->o, p->pid, p->inner_pid), p->start,
	    report_proc_duration(p), report_proc_status_short(p, st,
	    sizeof st), p);
	report_text_color_off(&t->b, t->o, role);
	report_text_tree_prefix(&t->lines, &t->b, depth, last);
	report_text_color_on(&t->b, t->o, role);
	fw_buf_reset(&t->suffix);
	other_pid(&t->suffix, t->o, p->pid, p->inner_pid);
	if (p->n_threads > 0 && (t->o->collapse_threads || limited))
		fw_buf_printf(&t->suffix, " {+%zu thread%s}", p->n_threads,
		    p->n_threads == 1 ? "" : "s");
	if (limited && report_proc_first_child_in(p, t->shape) != NULL)
		fw_buf_printf(&t->suffix, " [+%zu below]", t->sizes[p->seq]);
	/* The notes get what leaves the command its width, up to 12
	 * columns (its program's name, at least). */
	fw_buf_reset(&t->notes);
	clone_note(&t->notes, p);
	reparent_note(&t->notes, p, t->shape);
	if (t->notes.len > 0 && t->o->width > 0) {
		start = t->notes.len;
		report_text_command(&t->notes, p);
		cmd = report_text_width(t->notes.data + start,
		    t->notes.len - start);
		t->notes.len = start;
		used = report_text_width(t->b.data, t->b.len) +
		    report_text_width(t->suffix.data, t->suffix.len) +
		    (cmd < 12 ? cmd : 12);
		report_text_cut(&t->notes, 0, t->o->width > used + 4 ?
		    t->o->width - used : 4);
	}
	if (t->notes.len > 0)
		fw_buf_add(&t->suffix, t->notes.data, t->notes.len);
	report_text_command_rest(&t->b, 0, p, t->o->width,
	    report_text_width(t->suffix.data != NULL ? t->suffix.data : "",
	    t->suffix.len));
	fw_buf_add(&t->b, t->suffix.data != NULL ? t->suffix.data : "",
	    t->suffix.len);
	report_text_color_off(&t->b, t->o, role);
	fw_buf_addc(&t->b, '\n');
	report_text_flush(&t->b, t->f);
	if (!t->o->collapse_threads && !limited)
		text_threads(t, p, depth);
}

/* Is p, at depth, the last shown of its siblings? */
static bool
last_sibling(const struct tree_text *t, const struct report_proc *p,
    int depth)
{
	const struct report_proc	*parent;

	if (depth == 0)
		return true;
	parent = report_proc_parent_in(p, t->shape);
	if (parent == NULL)
		return t->group_last == p;	/* under an outsider */
	return t->last_shown[parent->seq] == p;
}

/* Draw the subtree of root, whose line is at depth base. */
static void
text_subtree(struct tree_text *t, const struct report_proc *root, int base)
{
	const struct report_proc	*p;
	int				 depth = 0;
	bool				 limited;

	for (p = root; p != NULL; ) {
		if (base + depth > 0 && !shown(t->o, p)) {
			t->hidden += t->sizes[p->seq] + 1;
			p = report_proc_walk(p, root, false, &depth, t->shape);
			continue;
		}
		limited = t->o->depth >= 0 && base + depth >= t->o->depth;
		text_node(t, p, base + depth, last_sibling(t, p, base + depth),
		    limited);
		p = report_proc_walk(p, root, !limited, &depth, t->shape);
	}
}

/* The words that name an outsider: "systemd (init, not traced)". */
static void
outsider_name(struct fw_buf *b, const struct report_outsider *os)
{
	if (os->comm[0] != '\0')
		report_text_bare(b, os->comm);
	else
		fw_buf_addc(b, '?');
	fw_buf_printf(b, " (%snot traced)", os->init ? "init, " :
	    os->subreaper ? "subreaper, " : "");
}

/* The root line of an untraced new parent, then the processes it got. */
static void
text_outsider(struct tree_text *t, const struct report_outsider *os)
{
	const struct report_proc	*c;
	size_t				 below = 0, start;

	for (c = os->first_child; c != NULL; c = c->final.next_sibling) {
		below += t->sizes[c->seq] + 1;
		if (shown(t->o, c))
			t->group_last = c;
	}
	fw_buf_printf(&t->b, "%c %7lld %9s %10s  %-15s %9s %12s  ", ' ',
	    os->pid, "-", "-", "-", "-", "-");
	report_text_tree_prefix(&t->lines, &t->b, 0, true);
	start = t->b.len;
	outsider_name(&t->b, os);
	if (t->o->depth == 0)
		fw_buf_printf(&t->b, " [+%zu below]", below);
	report_text_cut(&t->b, start, t->o->width == 0 ? 0 :
	    t->o->width > start + 4 ? t->o->width - start : 4);
	fw_buf_addc(&t->b, '\n');
	report_text_flush(&t->b, t->f);
	if (t->o->depth == 0)
		return;
	for (c = os->first_child; c != NULL; c = c->final.next_sibling)
		text_subtree(t, c, 1);
	t->group_last = NULL;
}

static void
report_tree_text_shape(FILE *f, const struct report_model *m,
    const struct report_opts *o, enum report_shape shape)
{
	struct tree_text		 t;
	struct report_proc		**roots;
	const struct report_outsider	*os;
	size_t				 n, i;
	char				 d[32];

	memset(&t, 0, sizeof t);
	t.f = f;
	t.o = o;
	t.shape = shape;
	t.lines.color = o->color;
	t.lines.width = o->width;
	fw_buf_init(&t.b);
	t.below = failed_below_in(m, shape);
	t.sizes = subtree_sizes(m, shape);
	t.last_shown = last_children_shown(m, o, shape);
	fw_buf_init(&t.suffix);
	fw_buf_init(&t.notes);
	n = roots_in(m, o, shape, &roots);
	if (shape == REPORT_SHAPE_FINAL)
		fprintf(f, "Final process tree (each process under the parent "
		    "it had at the end; a parent\nforkwatch did not trace is a "
		    "root line of its own)\n");
	fprintf(f, "Process tree (! failed, * something below failed; START: "
	    "seconds into the trace;\nCPU: own user+system time; MAXRSS: peak "
	    "RSS, \"<=\" when a child it waited for had the peak)\n");
	fprintf(f, "  %7s %9s %10s  %-15s %9s %12s  %s\n", "PID", "START",
	    "DURATION", "STATUS", "CPU", "MAXRSS", "COMMAND");
	for (i = 0; i < n; i++)
		text_subtree(&t, roots[i], 0);
	if (shape == REPORT_SHAPE_FINAL && !o->has_under) {
		for (os = m->outsiders; os != NULL; os = os->next) {
			if (os->first_child != NULL)
				text_outsider(&t, os);
		}
	}
	if (t.hidden > 0) {
		report_text_duration(d, sizeof d, o->min_duration);
		fprintf(f, "(%zu process%s shorter than %s not shown, with "
		    "what ran under them)\n", t.hidden, t.hidden == 1 ? "" :
		    "es", d);
	}
	free(roots);
	free(t.below);
	free(t.sizes);
	free(t.last_shown);
	fw_buf_release(&t.suffix);
	fw_buf_release(&t.notes);
	report_text_tree_release(&t.lines);
	fw_buf_release(&t.b);
}

void
report_tree_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	report_tree_text_shape(f, m, o, o->final_tree ? REPORT_SHAPE_FINAL :
	    REPORT_SHAPE_CREATED);
}

/* The "thread_list" member: every thread of p. */
static void
json_threads(struct report_json *j, const struct report_proc *p)
{
	const struct report_thread	*th;

	report_json_key(j, "thread_list");
	report_json_begin_array(j);
	for (th = p->threads; th != NULL; th = th->next) {
		report_json_begin_object(j);
		report_json_key(j, "tid");
		report_json_int(j, th->tid);
		if (th->inner_tid != 0) {
			report_json_key(j, "inner_tid");
			report_json_int(j, th->inner_tid);
		}
		report_json_key(j, "start");
		report_json_double(j, th->start, 6);
		report_json_key(j, "end");
		report_json_double(j, th->end, 6);
		report_json_key(j, "exit");
		if (!th->exited)
			report_json_null(j);
		else {
			report_json_begin_object(j);
			if (th->signal[0] != '\0') {
				report_json_key(j, "signal");
				report_json_string(j, th->signal);
			} else {
				report_json_key(j, "code");
				report_json_int(j, th->code);
			}
			report_json_end_object(j);
		}
		report_json_end_object(j);
	}
	report_json_end_array(j);
}

/* "clone": p's creation line's flags and exit signal, when it had them;
 * "reparents": the kernel's moves of p. */
static void
json_kernel(struct report_json *j, const struct report_proc *p)
{
	const struct report_reparent	*r;
	size_t				 i;

	if (p->has_clone) {
		report_json_key(j, "clone");
		report_json_begin_object(j);
		report_json_key(j, "flags");
		report_json_argv(j, p->clone_flags, p->n_clone_flags);
		report_json_key(j, "exit_signal");
		if (p->exit_signal[0] != '\0')
			report_json_string(j, p->exit_signal);
		else
			report_json_null(j);
		report_json_key(j, "plain");
		report_json_bool(j, !report_proc_clone_notable(p));
		report_json_end_object(j);
	}
	if (p->reparents == NULL)
		return;
	report_json_key(j, "reparents");
	report_json_begin_array(j);
	for (r = p->reparents, i = 0; r != NULL; r = r->next, i++) {
		report_json_begin_object(j);
		report_json_key(j, "ts");
		report_json_double(j, r->ts, 6);
		report_json_key(j, "old_parent");
		if (r->old_parent >= 0)
			report_json_int(j, r->old_parent);
		else
			report_json_null(j);
		report_json_key(j, "new_parent");
		report_json_int(j, r->new_parent);
		report_json_key(j, "reaper");
		if (r->init || r->subreaper)
			report_json_string(j, r->init ? "init" : "subreaper");
		else
			report_json_null(j);
		report_json_key(j, "outside");
		report_json_bool(j, r->outsider != NULL);
		report_json_end_object(j);
	}
	report_json_end_array(j);
}

/* Open the object of p and its "children" array; json_close_nodes()
 * closes them. */
static void
json_open_node(struct report_json *j, const struct report_proc *p,
    bool below, const struct report_opts *o, bool limited, size_t hidden)
{
	report_json_begin_object(j);
	report_json_proc(j, p);
	if (o->final_tree) {
		report_json_key(j, "final_ppid");
		if (p->final.parent != NULL)
			report_json_int(j, p->final.parent->pid);
		else if (p->outsider != NULL)
			report_json_int(j, p->outsider->pid);
		else
			report_json_null(j);
	}
	json_kernel(j, p);
	report_json_key(j, "failed_below");
	report_json_bool(j, below);
	if (!o->collapse_threads && !limited)
		json_threads(j, p);
	if (limited && p->first_child != NULL) {
		report_json_key(j, "hidden_descendants");
		report_json_int(j, (long long)hidden);
	}
	report_json_key(j, "children");
	report_json_begin_array(j);
}

static void
json_close_nodes(struct report_json *j, int n)
{
	while (n-- > 0) {
		report_json_end_array(j);
		report_json_end_object(j);
	}
}

/* The nodes of the subtree of root, whose object is at depth base. */
static void
json_subtree(struct report_json *j, const struct report_proc *root, int base,
    const bool *below, const size_t *sizes, const struct report_opts *o,
    enum report_shape shape)
{
	const struct report_proc	*p = root, *next;
	int				 depth = 0, nd;
	bool				 limited;

	for (;;) {
		limited = o->depth >= 0 && base + depth >= o->depth;
		json_open_node(j, p, below[p->seq], o, limited, sizes[p->seq]);
		nd = depth;
		next = report_proc_walk(p, root, !limited, &nd, shape);
		if (next == NULL) {
			json_close_nodes(j, depth + 1);
			break;
		}
		/* Going down opens a level; a sibling or going up first
		 * closes the nodes left behind. */
		if (nd <= depth)
			json_close_nodes(j, depth - nd + 1);
		p = next;
		depth = nd;
	}
}

/* The root object of an untraced new parent, with the processes it got. */
static void
json_outsider(struct report_json *j, const struct report_outsider *os,
    const bool *below, const size_t *sizes, const struct report_opts *o)
{
	const struct report_proc	*c;
	size_t				 n = 0;

	report_json_begin_object(j);
	report_json_key(j, "pid");
	report_json_int(j, os->pid);
	report_json_key(j, "outside");
	report_json_bool(j, true);
	report_json_key(j, "name");
	if (os->comm[0] != '\0')
		report_json_string(j, os->comm);
	else
		report_json_null(j);
	report_json_key(j, "reaper");
	if (os->init || os->subreaper)
		report_json_string(j, os->init ? "init" : "subreaper");
	else
		report_json_null(j);
	for (c = os->first_child; c != NULL; c = c->final.next_sibling)
		n += sizes[c->seq] + 1;
	if (o->depth == 0) {
		report_json_key(j, "hidden_descendants");
		report_json_int(j, (long long)n);
	}
	report_json_key(j, "children");
	report_json_begin_array(j);
	if (o->depth != 0) {
		for (c = os->first_child; c != NULL;
		    c = c->final.next_sibling)
			json_subtree(j, c, 1, below, sizes, o,
			    REPORT_SHAPE_FINAL);
	}
	report_json_end_array(j);
	report_json_end_object(j);
}

void
report_tree_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	enum report_shape		 shape = o->final_tree ?
	    REPORT_SHAPE_FINAL : REPORT_SHAPE_CREATED;
	struct report_proc		**roots;
	const struct report_outsider	*os;
	bool				*below = failed_below_in(m, shape);
	size_t				*sizes = subtree_sizes(m, shape);
	size_t				 n, i;

	n = roots_in(m, o, shape, &roots);
	report_json_begin_array(j);
	for (i = 0; i < n; i++)
		json_subtree(j, roots[i], 0, below, sizes, o, shape);
	if (shape == REPORT_SHAPE_FINAL && !o->has_under) {
		for (os = m->outsiders; os != NULL; os = os->next) {
			if (os->first_child != NULL)
				json_outsider(j, os, below, sizes, o);
		}
	}
	report_json_end_array(j);
	free(roots);
	free(below);
	free(sizes);
}
