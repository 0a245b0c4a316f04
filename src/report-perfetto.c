/* report-perfetto.c - Chrome trace-event JSON export. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-json.h"
#include "report-model.h"
#include "report-perfetto.h"
#include "report-text.h"
#include "report-tree.h"

/* Track ids for the records of a reused pid: above any Linux pid
 * (PID_MAX_LIMIT is 2^22). */
#define REUSED_TRACK_BASE	0x10000000LL

static long long
track_of(const struct report_proc *p)
{
	if (p->reuse == 0)
		return p->pid;
	return REUSED_TRACK_BASE + (long long)p->seq;
}

/* Open an event object with the members every event has; ts in seconds. */
static void
event_begin(struct report_json *j, const char *ph, const char *name,
    long long pid, long long tid, double ts)
{
	report_json_begin_object(j);
	report_json_key(j, "ph");
	report_json_string(j, ph);
	report_json_key(j, "name");
	report_json_string(j, name);
	report_json_key(j, "pid");
	report_json_int(j, pid);
	report_json_key(j, "tid");
	report_json_int(j, tid);
	report_json_key(j, "ts");
	report_json_double(j, ts * 1e6, 3);
}

/* A metadata ("M") event: a name or sort index of a track. */
static void
metadata(struct report_json *j, const char *what, long long pid,
    long long tid, const char *key, const char *sval, long long ival)
{
	event_begin(j, "M", what, pid, tid, 0);
	report_json_key(j, "args");
	report_json_begin_object(j);
	report_json_key(j, key);
	if (sval != NULL)
		report_json_string(j, sval);
	else
		report_json_int(j, ival);
	report_json_end_object(j);
	report_json_end_object(j);
}

/* Exit status and rusage of p, as slice arguments. */
static void
exit_args(struct report_json *j, const struct report_proc *p)
{
	char	 st[128];

	report_json_key(j, "exit");
	report_json_string(j, report_proc_status(p, st, sizeof st));
	if (p->exited && !p->signaled) {
		report_json_key(j, "exit_code");
		report_json_int(j, p->code);
	}
	if (p->exited && p->signaled) {
		report_json_key(j, "signal");
		report_json_string(j, p->signal);
		report_json_key(j, "core");
		report_json_bool(j, p->core);
	}
	report_json_cost(j, p);
}

/* One complete ("X") slice on the process track for image im (or for the
 * time before the first exec when im is the inherited image). */
static void
slice(struct report_json *j, const struct report_proc *p,
    const struct report_image *im, double from, double to, bool last)
{
	char		 name[256];
	const char	*base;

	base = im == NULL ? "?" : im->argc > 0 ? report_basename(im->argv[0]) :
	    report_basename(im->path);
	snprintf(name, sizeof name, "%s%s", base, im != NULL && im->proc != p ?
	    " (fork)" : "");
	event_begin(j, "X", name, track_of(p), track_of(p), from);
	report_json_key(j, "dur");
	report_json_double(j, (to > from ? to - from : 0) * 1e6, 3);
	report_json_key(j, "cat");
	report_json_string(j, im != NULL && im->proc == p ? "exec" : "fork");
	report_json_key(j, "args");
	report_json_begin_object(j);
	report_json_key(j, "pid");
	report_json_int(j, p->pid);
	if (im != NULL) {
		report_json_key(j, "argv");
		report_json_argv(j, im->argv, im->argc);
		report_json_key(j, "path");
		report_json_string(j, im->path);
		report_json_key(j, "cwd");
		report_json_string(j, im->cwd);
	}
	if (last)
		exit_args(j, p);
	report_json_end_object(j);
	report_json_end_object(j);
}

/* The slices of p's track: before the first exec, then one per image. */
static void
proc_slices(struct report_json *j, const struct report_proc *p)
{
	const struct report_image	*im;
	double				 to;

	if (p->images == NULL || p->images->ts > p->start)
		slice(j, p, p->inherited, p->start, p->images != NULL ?
		    p->images->ts : p->end, p->images == NULL);
	for (im = p->images; im != NULL; im = im->next) {
		to = im->next != NULL ? im->next->ts : p->end;
		slice(j, p, im, im->ts, to, im->next == NULL);
	}
}

/* A named track and a lifetime slice per thread of p. */
static void
thread_events(struct report_json *j, const struct report_proc *p)
{
	const struct report_thread	*t;
	char				 name[64];

	for (t = p->threads; t != NULL; t = t->next) {
		snprintf(name, sizeof name, "thread %lld", t->tid);
		metadata(j, "thread_name", track_of(p), t->tid, "name", name,
		    0);
		event_begin(j, "X", "thread", track_of(p), t->tid, t->start);
		report_json_key(j, "dur");
		report_json_double(j, (t->end - t->start) * 1e6, 3);
		report_json_key(j, "cat");
		report_json_string(j, "thread");
		report_json_key(j, "args");
		report_json_begin_object(j);
		report_json_key(j, "exit");
		if (!t->exited)
			report_json_string(j, t->gone ? "gone" : "running");
		else if (t->signal[0] != '\0')
			report_json_string(j, t->signal);
		else
			report_json_int(j, t->code);
		report_json_end_object(j);
		report_json_end_object(j);
	}
}

/* Instant events go on the thread track of the task they were about. */
static void
instants(struct report_json *j, const struct report_proc *p)
{
	const struct report_instant	*in;
	size_t				 i;
	char				 name[64];
	long long			 tid;

	for (i = 0; i < p->n_inst; i++) {
		in = &p->inst[i];
		tid = in->tid == p->pid ? track_of(p) : in->tid;
		snprintf(name, sizeof name, "%s%s", in->kind ==
		    REPORT_INST_STOP ? "stop " : in->kind == REPORT_INST_CONT ?
		    "cont " : "", in->signal[0] ? in->signal : "?");
		event_begin(j, "i", name, track_of(p), tid, in->ts);
		report_json_key(j, "s");
		report_json_string(j, "t");
		report_json_key(j, "cat");
		report_json_string(j, "signal");
		report_json_key(j, "args");
		report_json_begin_object(j);
		if (in->sender >= 0) {
			report_json_key(j, "sender");
			report_json_int(j, in->sender);
		}
		report_json_end_object(j);
		report_json_end_object(j);
	}
	if (p->inst_dropped > 0) {
		event_begin(j, "i", "signals not shown", track_of(p),
		    track_of(p), p->end);
		report_json_key(j, "s");
		report_json_string(j, "t");
		report_json_key(j, "args");
		report_json_begin_object(j);
		report_json_key(j, "count");
		report_json_int(j, (long long)p->inst_dropped);
		report_json_end_object(j);
		report_json_end_object(j);
	}
}

/* A flow arrow from the parent's track to the child's at its creation. */
static void
flow(struct report_json *j, const struct report_proc *p)
{
	const char	*ph[2] = { "s", "f" };
	long long	 track[2] = { track_of(p->parent), track_of(p) };
	int		 k;

	for (k = 0; k < 2; k++) {
		event_begin(j, ph[k], "fork", track[k], track[k], p->start);
		report_json_key(j, "cat");
		report_json_string(j, "fork");
		report_json_key(j, "id");
		report_json_int(j, (long long)p->seq + 1);
		if (k == 1) {
			report_json_key(j, "bp");
			report_json_string(j, "e");
		}
		report_json_end_object(j);
	}
}

/* Every event of process p; order is its place in the tree. Its track is
 * named by its label ("cc1 src/jv.c"), as its row in the SVG picture. */
static void
process_events(struct report_json *j, const struct report_proc *p,
    long long order, const struct report_proc *root, struct fw_buf *b)
{
	fw_buf_reset(b);
	report_text_label(b, p, 80);
	metadata(j, "process_name", track_of(p), track_of(p), "name",
	    fw_buf_cstr(b), 0);
	metadata(j, "thread_name", track_of(p), track_of(p), "name",
	    fw_buf_cstr(b), 0);
	metadata(j, "process_sort_index", track_of(p), track_of(p),
	    "sort_index", NULL, order);
	if (p->parent != NULL) {
		fw_buf_reset(b);
		fw_buf_adds(b, "child of ");
		report_text_label(b, p->parent, 80);
		fw_buf_printf(b, " (%lld)", p->parent->pid);
		metadata(j, "process_labels", track_of(p), track_of(p),
		    "labels", fw_buf_cstr(b), 0);
	}
	proc_slices(j, p);
	thread_events(j, p);
	instants(j, p);
	if (p->parent != NULL && p != root)
		flow(j, p);
}

void
report_perfetto_write(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_json	 j;
	struct report_proc	**roots, *p;
	struct fw_buf		 b;
	size_t			 n, i;
	long long		 order = 0;
	int			 depth;

	fw_buf_init(&b);
	report_json_init(&j, f, 2);
	j.strict = true;
	report_json_begin_object(&j);
	report_json_key(&j, "displayTimeUnit");
	report_json_string(&j, "ms");
	report_json_key(&j, "otherData");
	report_json_begin_object(&j);
	report_json_key(&j, "producer");
	report_json_string(&j, "forkwatch report");
	report_json_key(&j, "log");
	report_json_string(&j, o->log);
	report_json_key(&j, "argv");
	report_json_argv(&j, (const char *const *)m->argv, m->argc);
	report_json_key(&j, "time");
	report_json_string(&j, m->time);
	report_json_end_object(&j);
	report_json_key(&j, "traceEvents");
	report_json_begin_array(&j);
	/* Pre-order keeps every process right below its parent. */
	n = report_tree_roots(m, o, &roots);
	for (i = 0; i < n; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL;
		    p = report_proc_next(p, roots[i], true, &depth))
			process_events(&j, p, order++, roots[i], &b);
	}
	free(roots);
	report_json_end_array(&j);
	report_json_end_object(&j);
	report_json_release(&j);
	fw_buf_release(&b);
}
