/* report-critical.c - the critical path of a traced run. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-critical.h"
#include "report-json.h"
#include "report-model.h"
#include "report-text.h"

/* A child of the process being examined, with its interval clipped to the
 * parent's interval on the path. */
struct cand {
	const struct report_proc *proc;
	double			 start;
	double			 end;
};

/* Latest end first; ties: earliest start (it covers more), then the
 * child created first. */
static int
by_end_desc(const void *x, const void *y)
{
	const struct cand	*a = x, *b = y;

	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->proc->seq < b->proc->seq ? -1 :
	    a->proc->seq > b->proc->seq ? 1 : 0;
}

/* Work still to do: a process on the path with its clipped interval. */
struct pending {
	const struct report_proc *proc;
	size_t			 parent;
	int			 depth;
	bool			 last;
	double			 start;
	double			 end;
};

struct crit_state {
	struct report_crit	*cr;
	size_t			 cap;
	struct pending		*stack;
	size_t			 n_stack;
	size_t			 stack_cap;
	struct cand		*cands;
	size_t			 cands_cap;
};

static void
push(struct crit_state *s, const struct pending *pd)
{
	if (s->n_stack == s->stack_cap) {
		s->stack_cap = s->stack_cap ? s->stack_cap * 2 : 64;
		s->stack = fw_realloc(s->stack, s->stack_cap *
		    sizeof *s->stack);
	}
	s->stack[s->n_stack++] = *pd;
}

/* Add the link of pd, choose the children that bound its end and queue
 * them (so that they are taken in time order). */
static void
visit(struct crit_state *s, const struct pending *pd)
{
	const struct report_proc	*c;
	struct report_crit_link		*l;
	struct pending			 next;
	size_t				 n = 0, i, k, self;
	double				 bound, busy = 0;

	if (s->cr->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->cr->links = fw_realloc(s->cr->links, s->cap *
		    sizeof *s->cr->links);
	}
	self = s->cr->n++;
	l = &s->cr->links[self];
	memset(l, 0, sizeof *l);
	l->proc = pd->proc;
	l->parent = pd->parent;
	l->depth = pd->depth;
	l->last = pd->last;
	l->start = pd->start;
	l->end = pd->end;

	if (pd->proc->n_children > s->cands_cap) {
		s->cands_cap = pd->proc->n_children;
		s->cands = fw_realloc(s->cands, s->cands_cap *
		    sizeof *s->cands);
	}
	/* Clip each child to this interval: what it did after its parent
	 * was gone did not hold the parent up. */
	for (c = pd->proc->first_child; c != NULL; c = c->next_sibling) {
		struct cand	*cd = &s->cands[n];

		cd->proc = c;
		cd->start = c->start > pd->start ? c->start : pd->start;
		cd->end = c->end < pd->end ? c->end : pd->end;
		if (cd->end > cd->start)
			n++;
	}
	fw_qsort(s->cands, n, sizeof *s->cands, by_end_desc);
	/* From the child that ended last, back to the child that ended last
	 * before it started, and so on: the chosen children are packed at
	 * the front, latest first. */
	bound = pd->end;
	for (i = 0, k = 0; i < n; i++) {
		if (s->cands[i].end > bound)
			continue;
		s->cands[k++] = s->cands[i];
		busy += s->cands[i].end - s->cands[i].start;
		bound = s->cands[i].start;
	}
	l->exclusive = pd->end - pd->start - busy;
	if (l->exclusive < 0)
		l->exclusive = 0;
	/* The stack is last in, first out: push the latest child first so
	 * the earliest is visited next. */
	for (i = 0; i < k; i++) {
		next.proc = s->cands[i].proc;
		next.parent = self;
		next.depth = pd->depth + 1;
		next.last = i == 0;
		next.start = s->cands[i].start;
		next.end = s->cands[i].end;
		push(s, &next);
	}
}

void
report_critical_compute(struct report_crit *cr, const struct report_proc *root)
{
	struct crit_state	 s;
	struct pending		 pd;
	size_t			 i;

	memset(cr, 0, sizeof *cr);
	if (root == NULL)
		return;
	memset(&s, 0, sizeof s);
	s.cr = cr;
	pd.proc = root;
	pd.parent = SIZE_MAX;
	pd.depth = 0;
	pd.last = true;
	pd.start = root->start;
	pd.end = root->end > root->start ? root->end : root->start;
	push(&s, &pd);
	while (s.n_stack > 0) {
		pd = s.stack[--s.n_stack];
		visit(&s, &pd);
	}
	free(s.stack);
	free(s.cands);
	cr->total = cr->links[0].end - cr->links[0].start;
	for (i = 0; i < cr->n; i++)
		cr->links[i].share = cr->total > 0 ?
		    cr->links[i].exclusive / cr->total : 0;
}

void
report_critical_release(struct report_crit *cr)
{
	free(cr->links);
	memset(cr, 0, sizeof *cr);
}

const struct report_crit_link *
report_critical_slowest(const struct report_crit *cr)
{
	const struct report_crit_link	*best = NULL;
	size_t				 i;

	for (i = 0; i < cr->n; i++) {
		if (best == NULL || cr->links[i].exclusive > best->exclusive)
			best = &cr->links[i];
	}
	return best;
}

const struct report_proc *
report_critical_root(const struct report_model *m, const struct report_opts *o)
{
	if (o->has_under)
		return report_model_find(m, o->under, 0);
	return report_model_main_root(m);
}

/* True if link i is shorter on the path than --min-duration (the root
 * never is). */
static bool
is_short(const struct report_crit *cr, size_t i, const struct report_opts *o)
{
	return cr->links[i].depth > 0 &&
	    cr->links[i].end - cr->links[i].start < o->min_duration;
}

/* True if link i starts a run of short links to fold: not when it is a
 * lone one without links of its own, since its line takes no more room
 * than the fold's and says what ran. */
static bool
folded(const struct report_crit *cr, size_t i, const struct report_opts *o)
{
	size_t	 next = i + 1;

	if (!is_short(cr, i, o))
		return false;
	if (next < cr->n && cr->links[next].depth > cr->links[i].depth)
		return true;		/* it has links */
	return next < cr->n && cr->links[next].parent == cr->links[i].parent &&
	    is_short(cr, next, o);
}

/* Fold the run of short links that starts at link i: it and the short
 * links after it under the same parent, each with its own links. One line
 * for them all, in their place among their siblings; the index after them
 * returned, *n_procs incremented by the processes folded. */
static size_t
text_fold(struct fw_buf *b, struct report_text_tree *lines,
    const struct report_crit *cr, size_t i, const struct report_opts *o,
    size_t *n_procs)
{
	const struct report_crit_link	*l = &cr->links[i];
	size_t				 j = i, n = 0, procs = 0, start;
	double				 sum = 0;
	bool				 last = false;
	char				 d[32], t[32];

	while (j < cr->n && cr->links[j].parent == l->parent &&
	    is_short(cr, j, o)) {
		n++;
		sum += cr->links[j].end - cr->links[j].start;
		last = cr->links[j].last;
		for (j++, procs++; j < cr->n && cr->links[j].depth > l->depth;
		    j++)
			procs++;
	}
	snprintf(t, sizeof t, "%.3f", l->start);
	report_text_duration(d, sizeof d, sum);
	start = b->len;
	fw_buf_printf(b, "  %7s %9s %10s %10s %5.1f%%  ", "-", t, d, d,
	    cr->total > 0 ? sum / cr->total * 100 : 0.0);
	report_text_tree_prefix(lines, b, l->depth, last);
	fw_buf_printf(b, "... %zu link%s shorter than %s", n, n == 1 ? "" :
	    "s", report_text_duration(d, sizeof d, o->min_duration));
	if (procs > n)
		fw_buf_printf(b, " (%zu processes)", procs);
	report_text_cut(b, start, o->width);
	fw_buf_addc(b, '\n');
	*n_procs += procs;
	return j;
}

/* Paths longer than this get a hint at --min-duration. */
#define LONG_PATH	500

void
report_critical_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_crit		 cr;
	struct report_text_tree		 lines;
	const struct report_crit_link	*l;
	struct fw_buf			 b;
	char				 d[32], x[32], s[32];
	size_t				 i, start, n_folded = 0, n_lines = 0;

	report_critical_compute(&cr, report_critical_root(m, o));
	memset(&lines, 0, sizeof lines);
	lines.color = o->color;
	lines.width = o->width;
	fw_buf_init(&b);
	fw_buf_printf(&b, "Critical path: %s, %zu process%s (SELF: the time "
	    "not covered by a link's own links)\n",
	    report_text_duration(d, sizeof d, cr.total), cr.n,
	    cr.n == 1 ? "" : "es");
	fw_buf_printf(&b, "  %7s %9s %10s %10s %6s  %s\n", "PID", "START",
	    "DURATION", "SELF", "SHARE", "COMMAND");
	for (i = 0; i < cr.n; n_lines++) {
		if (folded(&cr, i, o)) {
			i = text_fold(&b, &lines, &cr, i, o, &n_folded);
			report_text_flush(&b, f);
			continue;
		}
		l = &cr.links[i++];
		snprintf(s, sizeof s, "%.3f", l->start);
		start = b.len;
		fw_buf_printf(&b, "  %7lld %9s %10s %10s %5.1f%%  ",
		    l->proc->pid, s, report_text_duration(d, sizeof d,
		    l->end - l->start), report_text_duration(x, sizeof x,
		    l->exclusive), l->share * 100);
		report_text_tree_prefix(&lines, &b, l->depth, l->last);
		report_text_color_on(&b, o, report_text_role(l->proc));
		report_text_command_rest(&b, start, l->proc, o->width, 0);
		report_text_color_off(&b, o, report_text_role(l->proc));
		fw_buf_addc(&b, '\n');
		report_text_flush(&b, f);
	}
	if (n_folded > 0)
		fw_buf_printf(&b, "(%zu of %zu processes folded into the lines "
		    "with PID -: links shorter than %s, with their own links)\n",
		    n_folded, cr.n, report_text_duration(d, sizeof d,
		    o->min_duration));
	else if (cr.n > LONG_PATH && o->min_duration <= 0)
		fw_buf_printf(&b, "(%zu lines: --min-duration TIME folds the "
		    "links shorter than TIME)\n", n_lines);
	report_text_flush(&b, f);
	fw_buf_release(&b);
	report_text_tree_release(&lines);
	report_critical_release(&cr);
}

void
report_critical_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_crit		 cr;
	const struct report_crit_link	*l;
	size_t				 i;

	report_critical_compute(&cr, report_critical_root(m, o));
	report_json_begin_object(j);
	report_json_key(j, "total");
	report_json_double(j, cr.total, 6);
	report_json_key(j, "links");
	report_json_begin_array(j);
	for (i = 0; i < cr.n; i++) {
		l = &cr.links[i];
		report_json_begin_object(j);
		report_json_proc(j, l->proc);
		report_json_key(j, "depth");
		report_json_int(j, l->depth);
		report_json_key(j, "parent_link");
		if (l->parent == SIZE_MAX)
			report_json_null(j);
		else
			report_json_int(j, (long long)l->parent);
		report_json_key(j, "path_start");
		report_json_double(j, l->start, 6);
		report_json_key(j, "path_end");
		report_json_double(j, l->end, 6);
		report_json_key(j, "exclusive");
		report_json_double(j, l->exclusive, 6);
		report_json_key(j, "share");
		report_json_double(j, l->share, 6);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	report_json_end_object(j);
	report_critical_release(&cr);
}
