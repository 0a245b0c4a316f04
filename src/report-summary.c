/* report-summary.c - the summary report, in text and JSON. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-critical.h"
#include "report-json.h"
#include "report-model.h"
#include "report-profile.h"
#include "report-summary.h"
#include "report-text.h"

/* What the top tables rank: one row per command name. */
struct agg {
	const char	*name;
	unsigned long	 count;
	double		 excl;		/* sum of exclusive times */
	double		 cpu;		/* sum of own CPU times */
	long long	 rss;		/* max of own peak RSS */
	bool		 has_rusage;
};

struct aggs {
	struct agg	*rows;
	size_t		 n;
	size_t		*slots;		/* hash of name -> rows index + 1 */
	size_t		 cap;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* The row of name, added if new. Names live in the model. */
static struct agg *
agg_get(struct aggs *a, const char *name)
{
	size_t	 i, k;

	if ((a->n + 1) * 2 > a->cap) {
		free(a->slots);
		a->cap = a->cap ? a->cap * 2 : 64;
		a->slots = fw_calloc(a->cap, sizeof *a->slots);
		a->rows = fw_realloc(a->rows, a->cap * sizeof *a->rows);
		for (k = 0; k < a->n; k++) {
			i = hash_str(a->rows[k].name) & (a->cap - 1);
			while (a->slots[i] != 0)
				i = (i + 1) & (a->cap - 1);
			a->slots[i] = k + 1;
		}
	}
	i = hash_str(name) & (a->cap - 1);
	while (a->slots[i] != 0) {
		if (strcmp(a->rows[a->slots[i] - 1].name, name) == 0)
			return &a->rows[a->slots[i] - 1];
		i = (i + 1) & (a->cap - 1);
	}
	memset(&a->rows[a->n], 0, sizeof a->rows[a->n]);
	a->rows[a->n].name = name;
	a->slots[i] = ++a->n;
	return &a->rows[a->n - 1];
}

/* One row per command name: count, exclusive time, own CPU, own peak
 * RSS. */
static void
aggs_build(struct aggs *a, const struct report_model *m)
{
	const struct report_proc	*p;
	struct agg			*g;
	size_t				 i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		g = agg_get(a, report_proc_name(p));
		g->count++;
		g->excl += p->exclusive;
		if (p->has_rusage) {
			g->has_rusage = true;
			g->cpu += p->self_cpu;
			if (p->maxrss_own && p->maxrss_kb > g->rss)
				g->rss = p->maxrss_kb;
		}
	}
}

/* Comparators: largest first, then by name so the order is stable. */
#define CMP_DESC(a, b)	((a) > (b) ? -1 : (a) < (b) ? 1 : 0)

static int
by_count(const void *x, const void *y)
{
	const struct agg *a = x, *b = y;
	int		 c = CMP_DESC(a->count, b->count);

	return c != 0 ? c : strcmp(a->name, b->name);
}

static int
by_excl(const void *x, const void *y)
{
	const struct agg *a = x, *b = y;
	int		 c = CMP_DESC(a->excl, b->excl);

	return c != 0 ? c : strcmp(a->name, b->name);
}

static int
by_cpu(const void *x, const void *y)
{
	const struct agg *a = x, *b = y;
	int		 c = CMP_DESC(a->cpu, b->cpu);

	return c != 0 ? c : strcmp(a->name, b->name);
}

static int
by_rss(const void *x, const void *y)
{
	const struct agg *a = x, *b = y;
	int		 c = CMP_DESC(a->rss, b->rss);

	return c != 0 ? c : strcmp(a->name, b->name);
}

enum top_key { TOP_COUNT, TOP_EXCL, TOP_CPU, TOP_RSS };

static const struct {
	const char	*title;
	const char	*json;
	int		(*cmp)(const void *, const void *);
	bool		 needs_rusage;
} tops[] = {
	[TOP_COUNT] = { "count", "count", by_count, false },
	[TOP_EXCL] = { "exclusive time (alive, no traced child alive)",
	    "exclusive_time", by_excl, false },
	[TOP_CPU] = { "CPU time (user + system, children not included)",
	    "cpu_time", by_cpu, true },
	[TOP_RSS] = { "max RSS (peak of one process)", "max_rss_kb", by_rss,
	    true },
};

static unsigned long
count_unfinished(const struct report_model *m)
{
	unsigned long	 n = 0;
	size_t		 i;

	for (i = 0; i < m->n_procs; i++) {
		if (!m->procs[i]->exited && !m->procs[i]->detached)
			n++;
	}
	return n;
}

/*
 * Failed processes, sorted by what happened to their failure. A chain of
 * failures is a failed process and its failed ancestors up to the first
 * one whose parent did not fail. When that parent is a test driver (the
 * Automake test-driver protocol: it runs one test, writes its result to a
 * --trs-file and exits 0), the chain is a failed test: the driver only
 * wrote it down, and make fails later, reading what it wrote. A skip
 * (exit 77) or an expected failure (--expect-failure yes) is not one.
 * Otherwise, when that parent exited 0, it handled the failure and went on
 * (`mkdir d || test -d d`); otherwise the failure propagated (to the root,
 * or to a parent that never exited in the log). Each chain is shown by
 * its origins: its failed processes without a failed child, where the
 * failure started.
 */
enum { FAIL_TEST, FAIL_PROPAGATED, FAIL_HANDLED, FAIL_CLASSES };

struct failures {
	size_t			 total;		/* failed processes */
	size_t			 n_failed[FAIL_CLASSES];	/* by class */
	const struct report_proc **origins[FAIL_CLASSES];	/* log order */
	size_t			 n_origins[FAIL_CLASSES];
};

/* A test run under a driver of the Automake test-driver protocol, from the
 * driver's command line (options before "--"). */
struct test_run {
	const char	*name;		/* --test-name, or NULL */
	const char	*log;		/* --log-file, or NULL */
	const char	*cwd;		/* the driver's, or NULL */
	bool		 xfail;		/* --expect-failure yes */
};

/* True if p runs a test driver (it has a --trs-file); *t filled in. */
static bool
test_driver(const struct report_proc *p, struct test_run *t)
{
	const struct report_image	*im = report_proc_image(p);
	const char			*a, *v;
	bool				 trs = false;
	size_t				 i;

	memset(t, 0, sizeof *t);
	if (im == NULL || p->images == NULL)
		return false;
	t->cwd = im->cwd;
	for (i = 1; i + 1 < im->argc; i++) {
		a = im->argv[i];
		v = im->argv[i + 1];
		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "--trs-file") == 0)
			trs = true;
		else if (strcmp(a, "--test-name") == 0)
			t->name = v;
		else if (strcmp(a, "--log-file") == 0)
			t->log = v;
		else if (strcmp(a, "--expect-failure") == 0)
			t->xfail = strcmp(v, "yes") == 0;
	}
	return trs;
}

/* The first failed process of p's chain: p or its highest failed
 * ancestor. */
static const struct report_proc *
chain_top(const struct report_proc *p)
{
	while (p->parent != NULL && report_proc_failed(p->parent))
		p = p->parent;
	return p;
}

/* True if p's failure is a failed test: its chain starts right under a
 * test driver, and is neither a skip (exit 77) nor expected. *t filled
 * in. */
static bool
failed_test(const struct report_proc *p, struct test_run *t)
{
	p = chain_top(p);
	return p->parent != NULL && test_driver(p->parent, t) && !t->xfail &&
	    (p->signaled || p->code != 77);
}

/* The class of p's failure: FAIL_TEST, FAIL_PROPAGATED or FAIL_HANDLED. */
static int
failure_class(const struct report_proc *p)
{
	struct test_run	 t;

	if (failed_test(p, &t))
		return FAIL_TEST;
	p = chain_top(p);
	return p->parent != NULL && p->parent->exited ? FAIL_HANDLED :
	    FAIL_PROPAGATED;
}

static void
failures_classify(struct failures *fl, const struct report_model *m)
{
	const struct report_proc	*p;
	bool				*failed_child;
	size_t				 i;
	int				 k;

	memset(fl, 0, sizeof *fl);
	failed_child = fw_calloc(m->n_procs + 1, sizeof *failed_child);
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		if (report_proc_failed(p) && p->parent != NULL)
			failed_child[p->parent->seq] = true;
	}
	for (k = 0; k < FAIL_CLASSES; k++)
		fl->origins[k] = fw_calloc(m->n_procs + 1,
		    sizeof *fl->origins[k]);
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		if (!report_proc_failed(p))
			continue;
		k = failure_class(p);
		fl->total++;
		fl->n_failed[k]++;
		if (!failed_child[p->seq])
			fl->origins[k][fl->n_origins[k]++] = p;
	}
	free(failed_child);
}

static void
failures_release(struct failures *fl)
{
	int	 k;

	for (k = 0; k < FAIL_CLASSES; k++)
		free(fl->origins[k]);
}

/* The ancestors of p from its root down to p itself; *n set. Free it. */
static const struct report_proc **
chain_of(const struct report_proc *p, size_t *n)
{
	const struct report_proc	**v, *q;
	size_t				 len = 0, i;

	for (q = p; q != NULL; q = q->parent)
		len++;
	v = fw_calloc(len, sizeof *v);
	for (q = p, i = len; q != NULL; q = q->parent)
		v[--i] = q;
	*n = len;
	return v;
}

/* One link of a failure's chain: pid, name, and the status of a failed
 * ancestor. */
static void
chain_link(struct fw_buf *b, const struct report_proc *q, bool last)
{
	char	 st[128];

	fw_buf_printf(b, "%lld ", q->pid);
	report_text_bare(b, report_proc_name(q));
	if (!last && report_proc_failed(q))
		fw_buf_printf(b, " (%s)", report_proc_status_short(q, st,
		    sizeof st));
}

/* The chain from the root to a failure, on the line that began at start;
 * when it is wider than width, the root, " > ... > " and as many of the
 * last links (where the failure is) as fit. */
static void
text_chain(struct fw_buf *b, size_t start, const struct report_proc **chain,
    size_t n, size_t width)
{
	struct fw_buf	 t;
	size_t		 k, first = 1, used, tail = 0;

	fw_buf_init(&t);
	for (k = 0; k < n; k++) {
		fw_buf_adds(&t, k ? " > " : "");
		chain_link(&t, chain[k], k + 1 == n);
	}
	used = report_text_width(b->data + start, b->len - start);
	if (width == 0 || n < 3 || used + report_text_width(t.data, t.len) <=
	    width) {
		fw_buf_add(b, t.data, t.len);
		fw_buf_release(&t);
		return;
	}
	/* The root, then the longest run of last links that fits. */
	fw_buf_reset(&t);
	chain_link(&t, chain[0], false);
	used += report_text_width(t.data, t.len) + 8;	/* " > ... " */
	fw_buf_add(b, t.data, t.len);
	for (k = n - 1; k >= 2; k--) {
		fw_buf_reset(&t);
		chain_link(&t, chain[k], k + 1 == n);
		tail += report_text_width(t.data, t.len) + 3;	/* " > " */
		if (used + tail > width && k + 1 < n)
			break;
		first = k;
	}
	fw_buf_adds(b, first > 1 ? " > ..." : "");
	for (k = first; k < n; k++) {
		fw_buf_adds(b, " > ");
		chain_link(b, chain[k], k + 1 == n);
	}
	fw_buf_release(&t);
}

/* The log file of a test, as named from top (the directory the trace
 * started in): relative to it when the driver ran in it or below. */
static void
test_log_path(struct fw_buf *b, const struct test_run *t, const char *top)
{
	struct fw_buf	 path;
	size_t		 n = top != NULL ? strlen(top) : 0;

	fw_buf_init(&path);
	if (t->log[0] != '/' && t->cwd != NULL && (top == NULL ||
	    strcmp(t->cwd, top) != 0)) {
		if (top != NULL && n > 0 && strncmp(t->cwd, top, n) == 0 &&
		    (t->cwd[n] == '/' || top[n - 1] == '/'))
			fw_buf_adds(&path, t->cwd + n + (t->cwd[n] == '/'));
		else
			fw_buf_adds(&path, t->cwd);
		if (path.len > 0 && path.data[path.len - 1] != '/')
			fw_buf_addc(&path, '/');
	}
	fw_buf_adds(&path, t->log);
	report_text_arg(b, fw_buf_cstr(&path));
	fw_buf_release(&path);
}

/* One failure: status, command, and the chain from the root, with the
 * status of each failed ancestor; for a failed test, its name and log. */
static void
text_failure(struct fw_buf *b, const struct report_proc *p,
    const struct report_model *m, const struct report_opts *o)
{
	const struct report_proc	**chain;
	struct test_run			 t;
	char				 st[128], dur[32];
	size_t				 n, start = b->len;

	report_text_color_on(b, o, report_text_role(p));
	fw_buf_printf(b, "    pid %lld: %s after %s: ", p->pid,
	    report_proc_status(p, st, sizeof st),
	    report_text_duration(dur, sizeof dur, report_proc_duration(p)));
	report_text_command_rest(b, start, p, o->width, 0);
	report_text_color_off(b, o, report_text_role(p));
	fw_buf_adds(b, "\n");
	start = b->len;
	fw_buf_adds(b, "      chain: ");
	chain = chain_of(p, &n);
	text_chain(b, start, chain, n, o->width);
	free(chain);
	fw_buf_addc(b, '\n');
	if (!failed_test(p, &t) || (t.name == NULL && t.log == NULL))
		return;
	start = b->len;
	fw_buf_adds(b, "      test: ");
	report_text_arg(b, t.name != NULL ? t.name : "?");
	if (t.log != NULL) {
		fw_buf_adds(b, ", its log: ");
		test_log_path(b, &t, m->cwd);
	}
	report_text_cut(b, start, o->width);
	fw_buf_addc(b, '\n');
}

/* The failures, failed tests first, then propagated, each list cut to
 * o->top. */
static void
text_failures(struct fw_buf *b, FILE *f, const struct failures *fl,
    const struct report_model *m, const struct report_opts *o)
{
	static const char *const title[FAIL_CLASSES] = {
		[FAIL_TEST] = "Failed tests (each test driver recorded its "
		    "failure and exited 0):",
		[FAIL_PROPAGATED] = "Propagated (not handled by a parent; "
		    "where each chain started):",
		[FAIL_HANDLED] = "Handled (the parent went on and exited 0):",
	};
	size_t	 i;
	int	 k;

	for (k = 0; k < FAIL_CLASSES; k++) {
		if (fl->n_origins[k] == 0)
			continue;
		fw_buf_printf(b, "  %s\n", title[k]);
		for (i = 0; i < fl->n_origins[k] && i < (size_t)o->top; i++) {
			text_failure(b, fl->origins[k][i], m, o);
			report_text_flush(b, f);
		}
		if (fl->n_origins[k] > (size_t)o->top)
			fw_buf_printf(b, "    ... and %zu more not shown "
			    "(--top N shows N)\n", fl->n_origins[k] -
			    (size_t)o->top);
	}
}

/* The link of the critical path with the largest self time. */
static void
text_slow_step(struct fw_buf *b, const struct report_model *m,
    const struct report_opts *o)
{
	const struct report_crit_link	*l;
	struct report_crit		 cr;
	char				 d[32];

	report_critical_compute(&cr, report_critical_root(m, o));
	l = report_critical_slowest(&cr);
	if (l != NULL && cr.n > 1) {
		fw_buf_printf(b, "Slow step:  pid %lld, %s self, %.1f%% of the "
		    "critical path: ", l->proc->pid, report_text_duration(d,
		    sizeof d, l->exclusive), l->share * 100);
		report_text_command_fit(b, l->proc, o->width == 0 ? 0 :
		    o->width > 90 ? o->width - 70 : 20);
		fw_buf_addc(b, '\n');
	}
	report_critical_release(&cr);
}

/* One top table: the limit rows with the largest key. */
static void
text_top(struct fw_buf *b, struct aggs *a, enum top_key key, int limit)
{
	char	 v[48];
	size_t	 i;
	int	 shown = 0;

	if (a->n > 0)
		fw_qsort(a->rows, a->n, sizeof *a->rows, tops[key].cmp);
	fw_buf_printf(b, "\nTop commands by %s:\n", tops[key].title);
	for (i = 0; i < a->n && shown < limit; i++) {
		if ((tops[key].needs_rusage && !a->rows[i].has_rusage) ||
		    (key == TOP_RSS && a->rows[i].rss == 0))
			continue;
		switch (key) {
		case TOP_COUNT:
			snprintf(v, sizeof v, "%lu", a->rows[i].count);
			break;
		case TOP_EXCL:
			report_text_duration(v, sizeof v, a->rows[i].excl);
			break;
		case TOP_CPU:
			report_text_duration(v, sizeof v, a->rows[i].cpu);
			break;
		case TOP_RSS:
			report_text_kb(v, sizeof v, a->rows[i].rss);
			break;
		}
		fw_buf_printf(b, "  %12s  ", v);
		report_text_bare(b, a->rows[i].name);
		fw_buf_printf(b, " (%lu)\n", a->rows[i].count);
		shown++;
	}
	if (shown == 0)
		fw_buf_adds(b, "  (none)\n");
}

/* The parallelism profile: mean, peak and the longest serial stretches
 * (at most 3, each at least 1% of the span). */
static void
text_parallelism(struct fw_buf *b, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_profile	 pr;
	const struct report_serial *sr;
	char			 d[32];
	size_t			 i, shown = 0, start;

	report_profile_compute(&pr, m, o);
	if (pr.n_steps > 0) {
		fw_buf_printf(b, "Parallelism: %.2f processes busy on "
		    "average, %d at most (busy: alive, no traced child "
		    "alive)\n", pr.mean, pr.peak);
		for (i = 0; i < pr.n_serial && shown < 3; i++) {
			sr = &pr.serial[i];
			if (sr->end - sr->start < (pr.t1 - pr.t0) / 100)
				break;
			if (shown++ == 0)
				fw_buf_adds(b, "  serial stretches (one process "
				    "busy), longest first:\n");
			start = b->len;
			fw_buf_printf(b, "    %.3f-%.3f %10s  ", sr->start,
			    sr->end, report_text_duration(d, sizeof d,
			    sr->end - sr->start));
			if (sr->proc != NULL) {
				fw_buf_printf(b, "pid %lld ", sr->proc->pid);
				report_text_label(b, sr->proc, 80);
			}
			report_text_cut(b, start, o->width);
			fw_buf_addc(b, '\n');
		}
	}
	report_profile_release(&pr);
}

void
report_summary_text(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct failures	 fl;
	struct fw_buf	 b;
	struct aggs	 a;
	char		 dur[32];
	unsigned long	 nrun = count_unfinished(m);
	size_t		 start;
	int		 k;

	fw_buf_init(&b);
	fw_buf_adds(&b, "Log:        ");
	report_text_bare(&b, o->log);
	fw_buf_adds(&b, m->has_end ? " (complete)\n" : o->so_far ?
	    " (still being written)\n" : " (cut short: no end line)\n");
	if (m->argc > 0) {
		start = b.len;
		fw_buf_adds(&b, "Command:    ");
		report_text_argv(&b, (const char *const *)m->argv, m->argc);
		report_text_cut(&b, start, o->width);
		fw_buf_addc(&b, '\n');
	}
	if (m->cwd != NULL) {
		fw_buf_adds(&b, "Directory:  ");
		report_text_bare(&b, m->cwd);
		fw_buf_addc(&b, '\n');
	}
	if (m->time != NULL) {
		fw_buf_adds(&b, "Started:    ");
		report_text_bare(&b, m->time);
		fw_buf_printf(&b, " (%s mode)\n", m->mode != NULL &&
		    (strcmp(m->mode, "attach") == 0 ||
		    strcmp(m->mode, "system") == 0) ? m->mode : "launch");
	}
	if (m->has_end) {
		fw_buf_adds(&b, "Ended:      ");
		if (m->root_signal[0] != '\0') {
			fw_buf_adds(&b, "root killed by ");
			report_text_bare(&b, m->root_signal);
			fw_buf_adds(&b, ", ");
		} else if (m->has_root_code)
			fw_buf_printf(&b, "root exit %d, ", m->root_code);
		fw_buf_printf(&b, "forkwatch status %d\n", m->status);
	}
	fw_buf_printf(&b, "Wall time:  %s\n", report_text_duration(dur,
	    sizeof dur, report_model_wall(m)));
	text_slow_step(&b, m, o);
	text_parallelism(&b, m, o);
	fw_buf_printf(&b, "Processes:  %lu", m->counts.processes);
	if (nrun > 0)
		fw_buf_printf(&b, " (%lu without an exit in the log)", nrun);
	failures_classify(&fl, m);
	fw_buf_printf(&b, "\nThreads:    %lu\nExecs:      %lu\n"
	    "Signals:    %lu\nFailures:   %zu", m->counts.threads,
	    m->counts.execs, m->counts.signals, fl.total);
	if (fl.total > 0 && fl.n_failed[FAIL_TEST] > 0)
		fw_buf_printf(&b, " (%zu in tests, %zu propagated, %zu handled "
		    "by their parent)", fl.n_failed[FAIL_TEST],
		    fl.n_failed[FAIL_PROPAGATED], fl.n_failed[FAIL_HANDLED]);
	else if (fl.total > 0)
		fw_buf_printf(&b, " (%zu propagated, %zu handled by their "
		    "parent)", fl.n_failed[FAIL_PROPAGATED],
		    fl.n_failed[FAIL_HANDLED]);
	fw_buf_addc(&b, '\n');
	text_failures(&b, f, &fl, m, o);
	failures_release(&fl);
	report_text_flush(&b, f);

	aggs_build(&a, m);
	for (k = TOP_COUNT; k <= TOP_RSS; k++) {
		text_top(&b, &a, (enum top_key)k, o->top);
		report_text_flush(&b, f);
	}
	free(a.rows);
	free(a.slots);
	fw_buf_release(&b);
}

/* One top table as a JSON array member. */
static void
json_top(struct report_json *j, struct aggs *a, enum top_key key, int limit)
{
	size_t	 i;
	int	 shown = 0;

	if (a->n > 0)
		fw_qsort(a->rows, a->n, sizeof *a->rows, tops[key].cmp);
	report_json_key(j, tops[key].json);
	report_json_begin_array(j);
	for (i = 0; i < a->n && shown < limit; i++) {
		if ((tops[key].needs_rusage && !a->rows[i].has_rusage) ||
		    (key == TOP_RSS && a->rows[i].rss == 0))
			continue;
		report_json_begin_object(j);
		report_json_key(j, "command");
		report_json_string(j, a->rows[i].name);
		report_json_key(j, "processes");
		report_json_int(j, (long long)a->rows[i].count);
		report_json_key(j, "value");
		switch (key) {
		case TOP_COUNT:
			report_json_int(j, (long long)a->rows[i].count);
			break;
		case TOP_EXCL:
			report_json_double(j, a->rows[i].excl, 6);
			break;
		case TOP_CPU:
			report_json_double(j, a->rows[i].cpu, 6);
			break;
		case TOP_RSS:
			report_json_int(j, a->rows[i].rss);
			break;
		}
		report_json_end_object(j);
		shown++;
	}
	report_json_end_array(j);
}

/* The "slow_step" member: the critical path's link with the largest self
 * time, or null. */
static void
json_slow_step(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	const struct report_crit_link	*l;
	struct report_crit		 cr;

	report_critical_compute(&cr, report_critical_root(m, o));
	l = report_critical_slowest(&cr);
	report_json_key(j, "slow_step");
	if (l == NULL)
		report_json_null(j);
	else {
		report_json_begin_object(j);
		report_json_proc(j, l->proc);
		report_json_key(j, "exclusive");
		report_json_double(j, l->exclusive, 6);
		report_json_key(j, "share");
		report_json_double(j, l->share, 6);
		report_json_end_object(j);
	}
	report_critical_release(&cr);
}

/* A failed test's name and log file (joined to the driver's directory). */
static void
json_test(struct report_json *j, const struct report_proc *p)
{
	struct test_run	 t;
	struct fw_buf	 path;

	if (!failed_test(p, &t))
		return;
	report_json_key(j, "test");
	if (t.name != NULL)
		report_json_string(j, t.name);
	else
		report_json_null(j);
	report_json_key(j, "test_log");
	if (t.log == NULL) {
		report_json_null(j);
		return;
	}
	fw_buf_init(&path);
	if (t.log[0] != '/' && t.cwd != NULL) {
		fw_buf_adds(&path, t.cwd);
		if (path.len > 0 && path.data[path.len - 1] != '/')
			fw_buf_addc(&path, '/');
	}
	fw_buf_adds(&path, t.log);
	report_json_string(j, fw_buf_cstr(&path));
	fw_buf_release(&path);
}

/* The "failures" member: counts, and the origins of each class of
 * failure (cut to o->top) with their chains. */
static void
json_failures(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	static const char *const key[FAIL_CLASSES] = {
		[FAIL_TEST] = "tests", [FAIL_PROPAGATED] = "propagated",
		[FAIL_HANDLED] = "handled",
	};
	const struct report_proc	**chain, *p;
	struct failures			 fl;
	size_t				 i, k, n;
	int				 c;

	failures_classify(&fl, m);
	report_json_key(j, "failures");
	report_json_begin_object(j);
	report_json_key(j, "total");
	report_json_int(j, (long long)fl.total);
	for (c = 0; c < FAIL_CLASSES; c++) {
		report_json_key(j, key[c]);
		report_json_begin_object(j);
		report_json_key(j, "processes");
		report_json_int(j, (long long)fl.n_failed[c]);
		report_json_key(j, "origins");
		report_json_int(j, (long long)fl.n_origins[c]);
		report_json_key(j, "shown");
		report_json_begin_array(j);
		for (i = 0; i < fl.n_origins[c] && i < (size_t)o->top; i++) {
			p = fl.origins[c][i];
			report_json_begin_object(j);
			report_json_proc(j, p);
			report_json_key(j, "chain");
			report_json_begin_array(j);
			chain = chain_of(p, &n);
			for (k = 0; k < n; k++) {
				report_json_begin_object(j);
				report_json_key(j, "pid");
				report_json_int(j, chain[k]->pid);
				report_json_key(j, "name");
				report_json_string(j,
				    report_proc_name(chain[k]));
				report_json_key(j, "failed");
				report_json_bool(j,
				    report_proc_failed(chain[k]));
				report_json_end_object(j);
			}
			free(chain);
			report_json_end_array(j);
			if (c == FAIL_TEST)
				json_test(j, p);
			report_json_end_object(j);
		}
		report_json_end_array(j);
		report_json_end_object(j);
	}
	report_json_end_object(j);
	failures_release(&fl);
}

/* The "parallelism" member. */
static void
json_parallelism(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_profile	 pr;
	size_t			 i;

	report_profile_compute(&pr, m, o);
	report_json_key(j, "parallelism");
	report_json_begin_object(j);
	report_json_key(j, "mean");
	report_json_double(j, pr.mean, 3);
	report_json_key(j, "peak");
	report_json_int(j, pr.peak);
	report_json_key(j, "serial");
	report_json_begin_array(j);
	for (i = 0; i < pr.n_serial && i < (size_t)o->top; i++) {
		report_json_begin_object(j);
		report_json_key(j, "start");
		report_json_double(j, pr.serial[i].start, 6);
		report_json_key(j, "end");
		report_json_double(j, pr.serial[i].end, 6);
		report_json_key(j, "pid");
		if (pr.serial[i].proc != NULL)
			report_json_int(j, pr.serial[i].proc->pid);
		else
			report_json_null(j);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	report_json_end_object(j);
	report_profile_release(&pr);
}

void
report_summary_json(struct report_json *j, const struct report_model *m,
    const struct report_opts *o)
{
	struct aggs	 a;
	int		 k;

	report_json_begin_object(j);
	report_json_key(j, "log");
	report_json_string(j, o->log);
	report_json_key(j, "complete");
	report_json_bool(j, m->has_end);
	report_json_key(j, "mode");
	report_json_string(j, m->mode);
	report_json_key(j, "argv");
	report_json_argv(j, (const char *const *)m->argv, m->argc);
	report_json_key(j, "cwd");
	report_json_string(j, m->cwd);
	report_json_key(j, "time");
	report_json_string(j, m->time);
	if (m->has_end) {
		report_json_key(j, "status");
		report_json_int(j, m->status);
		if (m->has_root_code) {
			report_json_key(j, "root_code");
			report_json_int(j, m->root_code);
		}
		if (m->root_signal[0] != '\0') {
			report_json_key(j, "root_signal");
			report_json_string(j, m->root_signal);
		}
	}
	report_json_key(j, "wall_time");
	report_json_double(j, report_model_wall(m), 6);
	report_json_key(j, "processes");
	report_json_int(j, (long long)m->counts.processes);
	report_json_key(j, "unfinished");
	report_json_int(j, (long long)count_unfinished(m));
	report_json_key(j, "threads");
	report_json_int(j, (long long)m->counts.threads);
	report_json_key(j, "execs");
	report_json_int(j, (long long)m->counts.execs);
	report_json_key(j, "signals");
	report_json_int(j, (long long)m->counts.signals);
	report_json_key(j, "events");
	report_json_int(j, (long long)m->n_events);
	json_slow_step(j, m, o);
	json_parallelism(j, m, o);
	json_failures(j, m, o);
	report_json_key(j, "top");
	report_json_begin_object(j);
	aggs_build(&a, m);
	for (k = TOP_COUNT; k <= TOP_RSS; k++)
		json_top(j, &a, (enum top_key)k, o->top);
	free(a.rows);
	free(a.slots);
	report_json_end_object(j);
	report_json_end_object(j);
}
