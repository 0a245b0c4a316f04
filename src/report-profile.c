/* report-profile.c - how many processes were busy over time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-model.h"
#include "report-profile.h"
#include "report-tree.h"

/* A process becoming busy (+1) or not (-1) at t. */
struct edge {
	double			 t;
	int			 delta;
	size_t			 seq;
};

struct edges {
	struct edge		*v;
	size_t			 n;
	size_t			 cap;
};

static void
edge_add(struct edges *e, double t, int delta, size_t seq)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 256;
		e->v = fw_realloc(e->v, e->cap * sizeof *e->v);
	}
	e->v[e->n].t = t;
	e->v[e->n].delta = delta;
	e->v[e->n].seq = seq;
	e->n++;
}

/* In time order; at the same time, ends before starts, so that one
 * process handing over to the next is not counted as two busy. */
static int
by_time(const void *x, const void *y)
{
	const struct edge	*a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->delta < b->delta ? -1 : a->delta > b->delta ? 1 : 0;
}

struct span {
	double			 start;
	double			 end;
};

static int
span_by_start(const void *x, const void *y)
{
	const struct span	*a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start ? 1 : 0;
}

/* Add the edges of p's busy intervals: its lifetime less the union of
 * its children's. */
static void
busy_edges(struct edges *e, const struct report_proc *p, struct span **sp,
    size_t *cap)
{
	const struct report_proc	*c;
	double				 at = p->start;
	size_t				 n = 0, i;

	if (p->n_children > *cap) {
		*cap = p->n_children;
		*sp = fw_realloc(*sp, *cap * sizeof **sp);
	}
	for (c = p->first_child; c != NULL; c = c->next_sibling) {
		(*sp)[n].start = c->start > p->start ? c->start : p->start;
		(*sp)[n].end = c->end < p->end ? c->end : p->end;
		if ((*sp)[n].end > (*sp)[n].start)
			n++;
	}
	fw_qsort(*sp, n, sizeof **sp, span_by_start);
	for (i = 0; i < n; i++) {
		if ((*sp)[i].start > at) {
			edge_add(e, at, +1, p->seq);
			edge_add(e, (*sp)[i].start, -1, p->seq);
		}
		if ((*sp)[i].end > at)
			at = (*sp)[i].end;
	}
	if (p->end > at) {
		edge_add(e, at, +1, p->seq);
		edge_add(e, p->end, -1, p->seq);
	}
}

static int
serial_by_length(const void *x, const void *y)
{
	const struct report_serial *a = x, *b = y;
	double			 la = a->end - a->start, lb = b->end - b->start;

	if (la != lb)
		return la > lb ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start ? 1 : 0;
}

/* Close the serial stretch that started at start and ends at t. */
static void
serial_add(struct report_profile *pr, size_t *cap, double start, double t,
    const struct report_proc *best)
{
	if (pr->n_serial == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		pr->serial = fw_realloc(pr->serial, *cap * sizeof *pr->serial);
	}
	pr->serial[pr->n_serial].start = start;
	pr->serial[pr->n_serial].end = t;
	pr->serial[pr->n_serial].proc = best;
	pr->n_serial++;
}

void
report_profile_compute(struct report_profile *pr, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_proc		**roots, *p;
	const struct report_proc	*best = NULL;
	struct edges			 e;
	struct span			*sp = NULL;
	size_t				 nroots, i, k, sp_cap = 0, cap = 0;
	size_t				 sum = 0, seg_seq = 0;
	double				 area = 0, prev, t, seg_t = 0;
	double				 best_t = 0, serial_start = 0;
	int				 busy = 0, depth;
	bool				 first = true, serial = false;

	memset(pr, 0, sizeof *pr);
	memset(&e, 0, sizeof e);
	nroots = report_tree_roots(m, o, &roots);
	for (i = 0; i < nroots; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL;
		    p = report_proc_next(p, roots[i], true, &depth)) {
			busy_edges(&e, p, &sp, &sp_cap);
			if (first || p->start < pr->t0)
				pr->t0 = p->start;
			if (first || p->end > pr->t1)
				pr->t1 = p->end;
			first = false;
		}
		if (o->has_under)
			break;		/* the first process with that pid */
	}
	free(roots);
	free(sp);
	fw_qsort(e.v, e.n, sizeof *e.v, by_time);
	pr->steps = fw_calloc(e.n + 1, sizeof *pr->steps);
	prev = pr->t0;
	for (k = 0; k < e.n; ) {
		t = e.v[k].t;
		area += busy * (t - prev);
		if (busy == 1) {
			seg_t += t - prev;
			if (seg_t > best_t) {
				best_t = seg_t;
				best = m->procs[seg_seq];
			}
		}
		prev = t;
		/* Every edge at t, then the count as it settles. */
		for (; k < e.n && e.v[k].t == t; k++) {
			busy += e.v[k].delta;
			if (e.v[k].delta > 0)
				sum += e.v[k].seq;
			else
				sum -= e.v[k].seq;
		}
		if (busy > pr->peak)
			pr->peak = busy;
		if (pr->n_steps == 0 || pr->steps[pr->n_steps - 1].busy !=
		    busy) {
			pr->steps[pr->n_steps].t = t;
			pr->steps[pr->n_steps].busy = busy;
			pr->n_steps++;
		}
		if (busy == 1) {
			/* While one process is busy, sum is its seq. */
			if (!serial) {
				serial = true;
				serial_start = t;
				best = NULL;
				best_t = 0;
				seg_seq = sum;
				seg_t = 0;
			}
			if (sum != seg_seq) {
				seg_seq = sum;
				seg_t = 0;
			}
		} else if (serial) {
			serial = false;
			serial_add(pr, &cap, serial_start, t, best);
		}
	}
	if (serial)
		serial_add(pr, &cap, serial_start, prev, best);
	free(e.v);
	pr->mean = pr->t1 > pr->t0 ? area / (pr->t1 - pr->t0) : 0;
	fw_qsort(pr->serial, pr->n_serial, sizeof *pr->serial,
	    serial_by_length);
}

void
report_profile_release(struct report_profile *pr)
{
	free(pr->steps);
	free(pr->serial);
	memset(pr, 0, sizeof *pr);
}

double
report_profile_mean(const struct report_profile *pr, double a, double b,
    size_t *i)
{
	double	 area = 0, from, to;
	size_t	 k;

	while (*i + 1 < pr->n_steps && pr->steps[*i + 1].t <= a)
		(*i)++;
	for (k = *i; k < pr->n_steps && pr->steps[k].t < b; k++) {
		from = pr->steps[k].t > a ? pr->steps[k].t : a;
		to = k + 1 < pr->n_steps && pr->steps[k + 1].t < b ?
		    pr->steps[k + 1].t : b;
		if (to > from)
			area += pr->steps[k].busy * (to - from);
	}
	return b > a ? area / (b - a) : 0;
}
