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

size_t
report_tree_roots(const struct report_model *m, const struct report_opts *o,
    struct report_proc ***roots)
{
	struct report_proc	**v = fw_calloc(m->n_procs + 1, sizeof *v);
	size_t			 i, n = 0;

	for (i = 0; i < m->n_procs; i++) {
		if (o->has_under ? m->procs[i]->pid == o->under :
		    m->procs[i]->parent == NULL)
			v[n++] = m->procs[i];
	}
	*roots = v;
	return n;
}

bool *
report_tree_failed_below(const struct report_model *m)
{
	bool			*below;
	const struct report_proc *p;
	size_t			 i;

	below = fw_calloc(m->n_procs + 1, sizeof *below);

	for (i = 0; i < m->n_procs; i++) {
		if (!report_proc_failed(m->procs[i]))
			continue;
		for (p = m->procs[i]->parent; p != NULL && !below[p->seq];
		    p = p->parent)
			below[p->seq] = true;
	}
	return below;
}

/* Per process (by seq): the number of processes below it. Free it. */
static size_t *
subtree_sizes(const struct report_model *m)
{
	size_t			*size = fw_calloc(m->n_procs + 1, sizeof *size);
	struct report_proc	**order, *p;
	size_t			 i, n = 0;
	int			 depth = 0;

	/* A pre-order walk lists parents before children; summing in reverse
	 * order then adds each complete subtree to its parent. */
	order = fw_calloc(m->n_procs + 1, sizeof *order);
	for (i = 0; i < m->n_procs; i++) {
		if (m->procs[i]->parent != NULL)
			continue;
		for (p = m->procs[i]; p != NULL;
		    p = report_proc_next(p, m->procs[i], true, &depth))
			order[n++] = p;
	}
	while (n-- > 0) {
		p = order[n];
		if (p->parent != NULL)
			size[p->parent->seq] += size[p->seq] + 1;
	}
	free(order);
	return size;
}

/* The tree view's state while it writes. */
struct tree_text {
	FILE			*f;
	struct fw_buf		 b;
	const struct report_opts *o;
	bool			*below;
	size_t			*sizes;
	/* Per process: its last child that is shown (--min-duration). */
	const struct report_proc **last_shown;
	struct report_text_tree	 lines;
	struct fw_buf		 suffix;
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
    const struct report_opts *o)
{
	const struct report_proc	**v, *c;
	size_t				 i;

	v = fw_calloc(m->n_procs + 1, sizeof *v);
	for (i = 0; i < m->n_procs; i++) {
		for (c = m->procs[i]->first_child; c != NULL;
		    c = c->next_sibling) {
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
		    th->next == NULL && p->first_child == NULL);
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

/* The line of process p at depth; limited when its children are not
 * shown. */
static void
text_node(struct tree_text *t, const struct report_proc *p, int depth,
    bool limited)
{
	char			 st[128];
	char			 mark = report_proc_failed(p) ? '!' :
	    t->below[p->seq] ? '*' : ' ';
	enum color_role		 role = report_text_role(p);

	/* In colour: the line red or magenta, the tree lines dim. */
	report_text_color_on(&t->b, t->o, role);
	put_columns(t, mark, shown_pid(t->o, p->pid, p->inner_pid), p->start,
	    report_proc_duration(p), report_proc_status_short(p, st,
	    sizeof st), p);
	report_text_color_off(&t->b, t->o, role);
	report_text_tree_prefix(&t->lines, &t->b, depth, depth == 0 ||
	    t->last_shown[p->parent->seq] == p);
	report_text_color_on(&t->b, t->o, role);
	fw_buf_reset(&t->suffix);
	other_pid(&t->suffix, t->o, p->pid, p->inner_pid);
	if (p->n_threads > 0 && (t->o->collapse_threads || limited))
		fw_buf_printf(&t->suffix, " {+%zu thread%s}", p->n_threads,
		    p->n_threads == 1 ? "" : "s");
	if (limited && p->first_child != NULL)
		fw_buf_printf(&t->suffix, " [+%zu below]", t->sizes[p->seq]);
	report_text_command_rest(&t->b, 0, p, t->o->width, t->suffix.len);
	fw_buf_add(&t->b, t->suffix.data != NULL ? t->suffix.data : "",
	    t->suffix.len);
	report_text_color_off(&t->b, t->o, role);
	fw_buf_addc(&t->b, '\n');
	report_text_flush(&t->b, t->f);
	if (!t->o->collapse_threads && !limited)
		text_threads(t, p, depth);
}

void
report_tree_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct tree_text	 t;
	struct report_proc	**roots, *p;
	size_t			 n, i, hidden = 0;
	int			 depth;
	bool			 limited;
	char			 d[32];

	memset(&t, 0, sizeof t);
	t.f = f;
	t.o = o;
	t.lines.color = o->color;
	t.lines.width = o->width;
	fw_buf_init(&t.b);
	t.below = report_tree_failed_below(m);
	t.sizes = subtree_sizes(m);
	t.last_shown = last_children_shown(m, o);
	fw_buf_init(&t.suffix);
	n = report_tree_roots(m, o, &roots);
	fprintf(f, "Process tree (! failed, * something below failed; START: "
	    "seconds into the trace;\nCPU: own user+system time; MAXRSS: peak "
	    "RSS, \"<=\" when a child it waited for had the peak)\n");
	fprintf(f, "  %7s %9s %10s  %-15s %9s %12s  %s\n", "PID", "START",
	    "DURATION", "STATUS", "CPU", "MAXRSS", "COMMAND");
	for (i = 0; i < n; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL; ) {
			if (depth > 0 && !shown(o, p)) {
				hidden += t.sizes[p->seq] + 1;
				p = report_proc_next(p, roots[i], false,
				    &depth);
				continue;
			}
			limited = o->depth >= 0 && depth >= o->depth;
			text_node(&t, p, depth, limited);
			p = report_proc_next(p, roots[i], !limited, &depth);
		}
	}
	if (hidden > 0) {
		report_text_duration(d, sizeof d, o->min_duration);
		fprintf(f, "(%zu process%s shorter than %s not shown, with "
		    "what ran under them)\n", hidden, hidden == 1 ? "" : "es",
		    d);
	}
	free(roots);
	free(t.below);
	free(t.sizes);
	free(t.last_shown);
	fw_buf_release(&t.suffix);
	report_text_tree_release(&t.lines);
	fw_buf_release(&t.b);
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

/* Open the object of p and its "children" array; json_close_nodes()
 * closes them. */
static void
json_open_node(struct report_json *j, const struct report_proc *p,
    bool below, const struct report_opts *o, bool limited, size_t hidden)
{
	report_json_begin_object(j);
	report_json_proc(j, p);
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

void
report_tree_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_proc	**roots, *p, *next;
	bool			*below = report_tree_failed_below(m);
	size_t			*sizes = subtree_sizes(m);
	size_t			 n, i;
	int			 depth, nd;
	bool			 limited;

	n = report_tree_roots(m, o, &roots);
	report_json_begin_array(j);
	for (i = 0; i < n; i++) {
		depth = 0;
		p = roots[i];
		for (;;) {
			limited = o->depth >= 0 && depth >= o->depth;
			json_open_node(j, p, below[p->seq], o, limited,
			    sizes[p->seq]);
			nd = depth;
			next = report_proc_next(p, roots[i], !limited, &nd);
			if (next == NULL) {
				json_close_nodes(j, depth + 1);
				break;
			}
			/* Going down opens a level; a sibling or going up
			 * first closes the nodes left behind. */
			if (nd <= depth)
				json_close_nodes(j, depth - nd + 1);
			p = next;
			depth = nd;
		}
	}
	report_json_end_array(j);
	free(roots);
	free(below);
	free(sizes);
}
