/* report-slowest.c - the longest leaf processes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-json.h"
#include "report-model.h"
#include "report-slowest.h"
#include "report-text.h"
#include "report-tree.h"

/* The leaves under the report's roots, longest first; *n set. Free it. */
static struct report_proc **
leaves(const struct report_model *m, const struct report_opts *o, size_t *n)
{
	struct report_proc	**roots, **v, *p;
	size_t			 nroots, i;
	int			 depth;

	v = fw_calloc(m->n_procs + 1, sizeof *v);
	*n = 0;
	nroots = report_tree_roots(m, o, &roots);
	for (i = 0; i < nroots; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL;
		    p = report_proc_next(p, roots[i], true, &depth)) {
			if (p->first_child == NULL)
				v[(*n)++] = p;
		}
		if (o->has_under)
			break;		/* the first process with that pid */
	}
	free(roots);
	fw_qsort(v, *n, sizeof *v, report_proc_cmp_duration);
	return v;
}

void
report_slowest_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_proc	**v;
	struct fw_buf		 b;
	char			 s[32], d[32], cpu[32];
	size_t			 n, i, shown;

	v = leaves(m, o, &n);
	shown = n < (size_t)o->slowest ? n : (size_t)o->slowest;
	fw_buf_init(&b);
	fw_buf_printf(&b, "Slowest leaf processes (no traced children): "
	    "%zu of %zu\n", shown, n);
	fw_buf_printf(&b, "  %7s %9s %10s %10s  %s\n", "PID", "START",
	    "DURATION", "CPU", "COMMAND");
	for (i = 0; i < shown; i++) {
		snprintf(s, sizeof s, "%.3f", v[i]->start);
		if (v[i]->has_rusage)
			report_text_duration(cpu, sizeof cpu, v[i]->self_cpu);
		else
			strcpy(cpu, "-");
		fw_buf_printf(&b, "  %7lld %9s %10s %10s  ", v[i]->pid, s,
		    report_text_duration(d, sizeof d,
		    report_proc_duration(v[i])), cpu);
		report_text_command_fit(&b, v[i], o->width > 44 ?
		    o->width - 44 : o->width ? 20 : 0);
		fw_buf_addc(&b, '\n');
		report_text_flush(&b, f);
	}
	fw_buf_release(&b);
	free(v);
}

void
report_slowest_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_proc	**v;
	size_t			 n, i, shown;

	v = leaves(m, o, &n);
	shown = n < (size_t)o->slowest ? n : (size_t)o->slowest;
	report_json_begin_object(j);
	report_json_key(j, "leaves");
	report_json_int(j, (long long)n);
	report_json_key(j, "processes");
	report_json_begin_array(j);
	for (i = 0; i < shown; i++) {
		report_json_begin_object(j);
		report_json_proc(j, v[i]);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	report_json_end_object(j);
	free(v);
}
