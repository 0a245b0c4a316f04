/* report-critical.c - the critical path of a traced run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-critical.h"
#include "report-json.h"
#include "report-model.h"
#include "report-text.h"

/* The child of p that ended last; ties go to the one created first. */
static const struct report_proc *
latest_child(const struct report_proc *p)
{
	const struct report_proc	*c, *best = NULL;

	for (c = p->first_child; c != NULL; c = c->next_sibling) {
		if (best == NULL || c->end > best->end)
			best = c;
	}
	return best;
}

void
report_critical_compute(struct report_crit *cr, const struct report_proc *root)
{
	const struct report_proc	*p;
	struct report_crit_link		*l;
	size_t				 cap = 0, i;
	double				 lo, hi;

	memset(cr, 0, sizeof *cr);
	if (root == NULL)
		return;
	lo = root->start;
	hi = root->end > root->start ? root->end : root->start;
	for (p = root; p != NULL; p = latest_child(p)) {
		if (cr->n == cap) {
			cap = cap ? cap * 2 : 16;
			cr->links = fw_realloc(cr->links, cap * sizeof *l);
		}
		l = &cr->links[cr->n++];
		l->proc = p;
		/* Clip to the previous link: what a child did after its
		 * parent was gone did not bound the parent. */
		l->start = p->start > lo ? p->start : lo;
		l->end = p->end < hi ? p->end : hi;
		if (l->start > hi)
			l->start = hi;
		if (l->end < l->start)
			l->end = l->start;
		lo = l->start;
		hi = l->end;
	}
	cr->total = cr->links[0].end - cr->links[0].start;
	for (i = 0; i < cr->n; i++) {
		l = &cr->links[i];
		l->exclusive = l->end - l->start;
		if (i + 1 < cr->n)
			l->exclusive -= cr->links[i + 1].end -
			    cr->links[i + 1].start;
		l->share = cr->total > 0 ? l->exclusive / cr->total : 0;
	}
}

void
report_critical_release(struct report_crit *cr)
{
	free(cr->links);
	memset(cr, 0, sizeof *cr);
}

const struct report_proc *
report_critical_root(const struct report_model *m, const struct report_opts *o)
{
	if (o->has_under)
		return report_model_find(m, o->under, 0);
	return report_model_main_root(m);
}

void
report_critical_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_crit	 cr;
	struct fw_buf		 b;
	char			 d[32], x[32];
	size_t			 i;

	report_critical_compute(&cr, report_critical_root(m, o));
	fw_buf_init(&b);
	fw_buf_printf(&b, "Critical path: %zu process%s, %s (each link is the "
	    "child its parent waited for last)\n", cr.n, cr.n == 1 ? "" : "es",
	    report_text_duration(d, sizeof d, cr.total));
	fw_buf_printf(&b, "  %7s %10s %10s %6s  %s\n", "PID", "DURATION",
	    "EXCLUSIVE", "SHARE", "COMMAND");
	for (i = 0; i < cr.n; i++) {
		fw_buf_printf(&b, "  %7lld %10s %10s %5.1f%%  %s",
		    cr.links[i].proc->pid,
		    report_text_duration(d, sizeof d,
		    report_proc_duration(cr.links[i].proc)),
		    report_text_duration(x, sizeof x, cr.links[i].exclusive),
		    cr.links[i].share * 100, i > 0 ? "> " : "");
		report_text_command(&b, cr.links[i].proc);
		fw_buf_addc(&b, '\n');
		report_text_flush(&b, f);
	}
	fw_buf_release(&b);
	report_critical_release(&cr);
}

void
report_critical_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_crit	 cr;
	size_t			 i;

	report_critical_compute(&cr, report_critical_root(m, o));
	report_json_begin_object(j);
	report_json_key(j, "total");
	report_json_double(j, cr.total, 6);
	report_json_key(j, "links");
	report_json_begin_array(j);
	for (i = 0; i < cr.n; i++) {
		report_json_begin_object(j);
		report_json_proc(j, cr.links[i].proc);
		report_json_key(j, "exclusive");
		report_json_double(j, cr.links[i].exclusive, 6);
		report_json_key(j, "share");
		report_json_double(j, cr.links[i].share, 6);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	report_json_end_object(j);
	report_critical_release(&cr);
}
