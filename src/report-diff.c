/* report-diff.c - compare two runs. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report-diff.h"
#include "report-json.h"
#include "report-model.h"
#include "report-pidmap.h"
#include "report-text.h"

/* How much slower a process must be to be listed: its exclusive time at
 * least this many times run A's, and longer by at least this share of
 * run A's wall time. */
#define SLOWER_RATIO	1.5
#define SLOWER_SHARE	0.01

/* The processes of one run that share a key, in creation order. */
struct bucket {
	const struct report_proc **v;
	size_t			 n;
	size_t			 cap;
	size_t			 next;		/* the next one to pair */
};

/* One run: its model and, by seq, the key of each process's place and
 * command line and the process of the other run it is paired with. */
struct run {
	const struct report_model *m;
	const char		*log;
	uint64_t		*cmd;		/* the command line's hash */
	uint64_t		*path;		/* with every ancestor's */
	const struct report_proc **pair;
	size_t			 unmatched;
};

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

/* The length of the temporary name at a + at, when one starts there:
 * "/tmp/" at the start of the argument or after a character that cannot
 * be in a path ("-fresolution=/tmp/ccQ2x9.res"), then the name of a file
 * or directory made for this run, up to the next "/", ",", ":", space or
 * the argument's end; else 0. *dot is set to the name's last ".", or
 * NULL. */
static size_t
temp_name(const char *a, size_t at, const char **dot)
{
	const char	*p, *name = a + at + 5;

	if (strncmp(a + at, "/tmp/", 5) != 0)
		return 0;
	if (at > 0 && (isalnum((unsigned char)a[at - 1]) ||
	    strchr("/._-~", a[at - 1]) != NULL))
		return 0;
	*dot = NULL;
	for (p = name; *p != '\0' && strchr("/,: ", *p) == NULL; p++) {
		if (*p == '.')
			*dot = p;
	}
	return p > name ? (size_t)(p - (a + at)) : 0;
}

/* The length of the run of digits at a, when it is the pid of p or of
 * one of its ancestors (a shell's $$ in a file name: "ztest4335.c"); else
 * 0. Runs of fewer than 3 digits are left alone: "-O2" stays "-O2" when a
 * container's init happens to be pid 2. */
static size_t
pid_digits(const char *a, const struct report_proc *p)
{
	long long	 v = 0;
	size_t		 n;

	for (n = 0; isdigit((unsigned char)a[n]); n++) {
		if (n >= 10)
			return 0;
		v = v * 10 + (a[n] - '0');
	}
	if (n < 3 || a[0] == '0')
		return 0;
	for (; p != NULL; p = p->parent) {
		if (p->pid == v)
			return n;
	}
	return 0;
}

/* The hash of p's command line, with what differs from run to run by
 * nature taken out: the names of temporary files and directories, alone
 * or inside an argument ("/tmp/ccQ2x9.s" counts as "/tmp/ANY.s",
 * "-fresolution=/tmp/ccQ2x9.res" as "-fresolution=/tmp/ANY.res",
 * "/tmp/jqgACTdT/out" as "/tmp/ANY/out"), and the pids of the process
 * and its ancestors in names made from $$ ("ztest4335.c" as "ztest$$.c").
 * A fork without exec is its parent's command line marked as a fork. */
static uint64_t
cmd_hash(const struct report_proc *p)
{
	const struct report_image	*im = report_proc_image(p);
	const char			*a, *dot;
	uint64_t			 h = 0xcbf29ce484222325ull;
	size_t				 i, k, n;

	if (im == NULL)
		return fnv(h, "?", 1);
	for (i = 0; i < im->argc; i++) {
		a = im->argv[i];
		for (k = 0; a[k] != '\0'; ) {
			if ((k == 0 || !isdigit((unsigned char)a[k - 1])) &&
			    (n = pid_digits(a + k, p)) > 0) {
				h = fnv(h, "$$", 2);
				k += n;
				continue;
			}
			if ((n = temp_name(a, k, &dot)) == 0) {
				h = fnv(h, a + k, 1);
				k++;
				continue;
			}
			h = fnv(h, "/tmp/*", 6);
			if (dot != NULL)
				h = fnv(h, dot, (size_t)(a + k + n - dot));
			k += n;
		}
		h = fnv(h, "\x1f", 1);
	}
	if (p->images == NULL)
		h = fnv(h, "(fork)", 6);
	return h;
}

static void
run_init(struct run *r, const struct report_model *m, const char *log)
{
	const struct report_proc	*p;
	size_t				 i;

	memset(r, 0, sizeof *r);
	r->m = m;
	r->log = log;
	r->cmd = fw_calloc(m->n_procs + 1, sizeof *r->cmd);
	r->path = fw_calloc(m->n_procs + 1, sizeof *r->path);
	r->pair = fw_calloc(m->n_procs + 1, sizeof *r->pair);
	/* Parents are created before their children, so a parent's path
	 * hash is ready when its child's is made. */
	for (i = 0; i < m->n_procs; i++) {
		p = m->procs[i];
		r->cmd[i] = cmd_hash(p);
		r->path[i] = p->parent != NULL && p->parent->seq < i ?
		    (r->path[p->parent->seq] ^ (r->path[p->parent->seq] >>
		    29)) * 0x9e3779b97f4a7c15ull + r->cmd[i] : r->cmd[i];
	}
}

static void
run_release(struct run *r)
{
	free(r->cmd);
	free(r->path);
	free(r->pair);
}

/* Pair the processes of a and b that are still unpaired and have the same
 * key (keys: each run's path or cmd array), in creation order. */
static void
pair_by(struct run *a, struct run *b, int which)
{
	struct report_pidmap	 map;
	struct bucket		*bk;
	const struct report_proc *p, *q;
	uint64_t		*ka = which ? a->cmd : a->path;
	uint64_t		*kb = which ? b->cmd : b->path;
	size_t			 i, n_buckets = 0, cap = 0;
	struct bucket		**all = NULL;

	memset(&map, 0, sizeof map);
	for (i = 0; i < b->m->n_procs; i++) {
		q = b->m->procs[i];
		if (b->pair[i] != NULL)
			continue;
		bk = report_pidmap_get(&map, (long long)kb[i]);
		if (bk == NULL) {
			bk = fw_calloc(1, sizeof *bk);
			report_pidmap_put(&map, (long long)kb[i], bk);
			if (n_buckets == cap) {
				cap = cap ? cap * 2 : 64;
				all = fw_realloc(all, cap * sizeof *all);
			}
			all[n_buckets++] = bk;
		}
		if (bk->n == bk->cap) {
			bk->cap = bk->cap ? bk->cap * 2 : 4;
			bk->v = fw_realloc(bk->v, bk->cap * sizeof *bk->v);
		}
		bk->v[bk->n++] = q;
	}
	for (i = 0; i < a->m->n_procs; i++) {
		p = a->m->procs[i];
		if (a->pair[i] != NULL)
			continue;
		bk = report_pidmap_get(&map, (long long)ka[i]);
		if (bk == NULL || bk->next == bk->n)
			continue;
		q = bk->v[bk->next++];
		a->pair[p->seq] = q;
		b->pair[q->seq] = p;
	}
	for (i = 0; i < n_buckets; i++) {
		free(all[i]->v);
		free(all[i]);
	}
	free(all);
	report_pidmap_release(&map);
}

/* The diff's lists. */
enum { L_NEW, L_GONE, L_FAILING, L_FIXED, L_SLOWER, L_COUNT };

struct entry {
	const struct report_proc *a;	/* NULL for a new process */
	const struct report_proc *b;	/* NULL for a gone one */
	size_t			 below;	/* new or gone: unpaired below it */
	double			 delta;	/* slower: exclusive time added */
};

struct diff {
	struct run		 a, b;
	struct entry		*list[L_COUNT];
	size_t			 n[L_COUNT];
	size_t			 matched;
};

static void
add(struct diff *d, int l, const struct report_proc *a,
    const struct report_proc *b, size_t below, double delta)
{
	struct entry	*e;

	e = &d->list[l][d->n[l]++];
	e->a = a;
	e->b = b;
	e->below = below;
	e->delta = delta;
}

/* Slowest first; ties in creation order. */
static int
by_delta(const void *x, const void *y)
{
	const struct entry	*a = x, *b = y;

	if (a->delta != b->delta)
		return a->delta > b->delta ? -1 : 1;
	return a->b->seq < b->b->seq ? -1 : a->b->seq > b->b->seq ? 1 : 0;
}

/* The unpaired processes of r whose parent is paired (or that are roots):
 * each stands for its unpaired subtree. */
static void
unpaired(struct diff *d, const struct run *r, int l, bool is_b)
{
	const struct report_proc	*p, *q;
	size_t				 i, below;
	int				 depth;

	for (i = 0; i < r->m->n_procs; i++) {
		p = r->m->procs[i];
		if (r->pair[i] != NULL || (p->parent != NULL &&
		    r->pair[p->parent->seq] == NULL))
			continue;
		below = 0;
		depth = 0;
		for (q = report_proc_next(p, p, true, &depth); q != NULL;
		    q = report_proc_next(q, p, true, &depth))
			below += r->pair[q->seq] == NULL;
		add(d, l, is_b ? NULL : p, is_b ? p : NULL, below, 0);
	}
}

static void
diff_compute(struct diff *d, const struct report_model *a,
    const struct report_model *b, const struct report_opts *o)
{
	const struct report_proc	*p, *q;
	double				 min_delta;
	size_t				 i;
	int				 l;

	memset(d, 0, sizeof *d);
	run_init(&d->a, a, o->log);
	run_init(&d->b, b, o->log2);
	pair_by(&d->a, &d->b, 0);	/* same place, same command */
	pair_by(&d->a, &d->b, 1);	/* same command elsewhere */
	for (l = 0; l < L_COUNT; l++)
		d->list[l] = fw_calloc(a->n_procs + b->n_procs + 1,
		    sizeof *d->list[l]);
	unpaired(d, &d->b, L_NEW, true);
	unpaired(d, &d->a, L_GONE, false);
	min_delta = report_model_wall(a) * SLOWER_SHARE;
	for (i = 0; i < a->n_procs; i++) {
		p = a->procs[i];
		if ((q = d->a.pair[i]) == NULL)
			continue;
		d->matched++;
		if (!report_proc_failed(p) && report_proc_failed(q))
			add(d, L_FAILING, p, q, 0, 0);
		if (report_proc_failed(p) && !report_proc_failed(q))
			add(d, L_FIXED, p, q, 0, 0);
		if (q->exclusive >= p->exclusive * SLOWER_RATIO &&
		    q->exclusive - p->exclusive >= min_delta &&
		    q->exclusive > p->exclusive)
			add(d, L_SLOWER, p, q, 0, q->exclusive - p->exclusive);
	}
	fw_qsort(d->list[L_SLOWER], d->n[L_SLOWER], sizeof *d->list[L_SLOWER],
	    by_delta);
}

static void
diff_release(struct diff *d)
{
	int	 l;

	for (l = 0; l < L_COUNT; l++)
		free(d->list[l]);
	run_release(&d->a);
	run_release(&d->b);
}

static const char *const list_title[L_COUNT] = {
	[L_NEW] = "New in B (not in A; \"+N\": new processes under it)",
	[L_GONE] = "Gone from A (not in B)",
	[L_FAILING] = "Newly failing (succeeded in A)",
	[L_FIXED] = "No longer failing (failed in A)",
	[L_SLOWER] = "Much slower (exclusive time at least 1.5 times A's and "
	    "longer by 1% of A's wall time)",
};

static const char *const list_key[L_COUNT] = {
	[L_NEW] = "new", [L_GONE] = "gone", [L_FAILING] = "newly_failing",
	[L_FIXED] = "no_longer_failing", [L_SLOWER] = "slower",
};

/* The header line of one run. */
static void
text_run(struct fw_buf *b, const char *which, const struct run *r)
{
	size_t	 i, failed = 0;
	char	 d[32];

	for (i = 0; i < r->m->n_procs; i++)
		failed += report_proc_failed(r->m->procs[i]);
	fw_buf_printf(b, "%s: ", which);
	report_text_bare(b, r->log);
	fw_buf_printf(b, ": %s, %lu processes, %zu failed\n",
	    report_text_duration(d, sizeof d, report_model_wall(r->m)),
	    r->m->counts.processes, failed);
}

/* One entry of a list. */
static void
text_entry(struct fw_buf *b, int l, const struct entry *e, size_t width)
{
	const struct report_proc	*p = e->b != NULL ? e->b : e->a;
	char				 s1[128], s2[128], d1[32], d2[32], x[32];
	size_t				 start = b->len;

	switch (l) {
	case L_NEW:
	case L_GONE:
		fw_buf_printf(b, "  pid %lld: %s after %s", p->pid,
		    report_proc_status_short(p, s1, sizeof s1),
		    report_text_duration(d1, sizeof d1,
		    report_proc_duration(p)));
		if (e->below > 0)
			fw_buf_printf(b, " (+%zu)", e->below);
		break;
	case L_FAILING:
	case L_FIXED:
		fw_buf_printf(b, "  pid %lld (A: %lld): %s (A: %s)",
		    e->b->pid, e->a->pid,
		    report_proc_status_short(e->b, s1, sizeof s1),
		    report_proc_status_short(e->a, s2, sizeof s2));
		break;
	case L_SLOWER:
		fw_buf_printf(b, "  pid %lld (A: %lld): %s -> %s (+%s, %.1fx",
		    e->b->pid, e->a->pid, report_text_duration(d1, sizeof d1,
		    e->a->exclusive), report_text_duration(d2, sizeof d2,
		    e->b->exclusive), report_text_duration(x, sizeof x,
		    e->delta), e->a->exclusive > 0 ? e->b->exclusive /
		    e->a->exclusive : 0.0);
		/* The CPU time beside it: a step that waited for a busy
		 * machine keeps its CPU time, one that did more work does
		 * not. */
		if (e->a->has_rusage && e->b->has_rusage)
			fw_buf_printf(b, "; CPU %s -> %s",
			    report_text_duration(d1, sizeof d1, e->a->self_cpu),
			    report_text_duration(d2, sizeof d2,
			    e->b->self_cpu));
		fw_buf_addc(b, ')');
		break;
	}
	fw_buf_adds(b, ": ");
	report_text_command_rest(b, start, p, width, 0);
	fw_buf_addc(b, '\n');
}

static void
diff_text(FILE *f, struct diff *d, const struct report_opts *o)
{
	struct fw_buf	 b;
	size_t		 i;
	int		 l;

	fw_buf_init(&b);
	text_run(&b, "A", &d->a);
	text_run(&b, "B", &d->b);
	/* Two lines: with large counts one would not fit 120 columns. */
	fw_buf_printf(&b, "Matched %zu processes (by command line and place "
	    "in the tree)\n%zu new in B, %zu gone from A, %zu newly failing, "
	    "%zu much slower\n", d->matched, d->b.m->n_procs - d->matched,
	    d->a.m->n_procs - d->matched, d->n[L_FAILING], d->n[L_SLOWER]);
	report_text_flush(&b, f);
	for (l = 0; l < L_COUNT; l++) {
		if (d->n[l] == 0)
			continue;
		fw_buf_printf(&b, "\n%s: %zu\n", list_title[l], d->n[l]);
		for (i = 0; i < d->n[l] && i < (size_t)o->top; i++) {
			text_entry(&b, l, &d->list[l][i], o->width);
			report_text_flush(&b, f);
		}
		if (d->n[l] > (size_t)o->top)
			fw_buf_printf(&b, "  ... and %zu more not shown (--top "
			    "N shows N)\n", d->n[l] - (size_t)o->top);
		report_text_flush(&b, f);
	}
	fw_buf_release(&b);
}

static void
json_run(struct report_json *j, const char *key, const struct run *r)
{
	size_t	 i, failed = 0;

	for (i = 0; i < r->m->n_procs; i++)
		failed += report_proc_failed(r->m->procs[i]);
	report_json_key(j, key);
	report_json_begin_object(j);
	report_json_key(j, "log");
	report_json_string(j, r->log);
	report_json_key(j, "wall_time");
	report_json_double(j, report_model_wall(r->m), 6);
	report_json_key(j, "processes");
	report_json_int(j, (long long)r->m->counts.processes);
	report_json_key(j, "failed");
	report_json_int(j, (long long)failed);
	report_json_end_object(j);
}

static void
diff_json(FILE *f, struct diff *d, const struct report_opts *o)
{
	struct report_json	 j;
	const struct entry	*e;
	size_t			 i;
	int			 l;

	report_json_init(&j, f, 3);
	report_json_begin_object(&j);
	report_json_key(&j, "diff");
	report_json_begin_object(&j);
	json_run(&j, "a", &d->a);
	json_run(&j, "b", &d->b);
	report_json_key(&j, "matched");
	report_json_int(&j, (long long)d->matched);
	for (l = 0; l < L_COUNT; l++) {
		report_json_key(&j, list_key[l]);
		report_json_begin_object(&j);
		report_json_key(&j, "count");
		report_json_int(&j, (long long)d->n[l]);
		report_json_key(&j, "shown");
		report_json_begin_array(&j);
		for (i = 0; i < d->n[l] && i < (size_t)o->top; i++) {
			e = &d->list[l][i];
			report_json_begin_object(&j);
			report_json_key(&j, e->b != NULL ? "b" : "a");
			report_json_begin_object(&j);
			report_json_proc(&j, e->b != NULL ? e->b : e->a);
			report_json_key(&j, "exclusive");
			report_json_double(&j, (e->b != NULL ? e->b :
			    e->a)->exclusive, 6);
			report_json_end_object(&j);
			if (e->a != NULL && e->b != NULL) {
				report_json_key(&j, "a");
				report_json_begin_object(&j);
				report_json_proc(&j, e->a);
				report_json_key(&j, "exclusive");
				report_json_double(&j, e->a->exclusive, 6);
				report_json_end_object(&j);
			}
			if (l == L_NEW || l == L_GONE) {
				report_json_key(&j, "below");
				report_json_int(&j, (long long)e->below);
			}
			report_json_end_object(&j);
		}
		report_json_end_array(&j);
		report_json_end_object(&j);
	}
	report_json_end_object(&j);
	report_json_end_object(&j);
	report_json_release(&j);
}

void
report_diff_write(FILE *f, const struct report_model *a,
    const struct report_model *b, const struct report_opts *o)
{
	struct diff	 d;

	diff_compute(&d, a, b, o);
	if (o->format == REPORT_FORMAT_JSON)
		diff_json(f, &d, o);
	else
		diff_text(f, &d, o);
	diff_release(&d);
}
