/* report-otlp.c - OpenTelemetry trace export (OTLP/JSON). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "report-json.h"
#include "report-model.h"
#include "report-otlp.h"
#include "report-text.h"
#include "report-tree.h"

/* OTLP enums (opentelemetry/proto/trace/v1/trace.proto). */
#define SPAN_KIND_INTERNAL	1
#define STATUS_CODE_ERROR	2

struct otlp {
	struct report_json	 j;
	const struct report_model *m;
	int64_t			 t0_us;		/* unix time of ts 0, in us */
	uint64_t		 seed;
	char			 trace_id[33];
	struct fw_buf		 b;
};

static uint64_t
mix64(uint64_t x)
{
	/* splitmix64's finalizer: a bijection that scatters bits. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* The unix time in microseconds of an ISO 8601 UTC time as the log's
 * start line writes it ("2026-11-28T10:00:00.123456Z"); 0 if it is not
 * one. */
static int64_t
parse_time(const char *s)
{
	struct tm	 tm;
	const char	*end;
	char		*frac_end;
	long		 us = 0;
	time_t		 t;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL)
		return 0;
	if (*end == '.') {
		char	 digits[7] = "000000";
		size_t	 n = strspn(end + 1, "0123456789");

		memcpy(digits, end + 1, n < 6 ? n : 6);
		us = strtol(digits, &frac_end, 10);
		end += 1 + n;
	}
	if (strcmp(end, "Z") != 0)
		return 0;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return 0;
	return (int64_t)t * 1000000 + us;
}

/* A time of the trace (seconds after ts 0) as OTLP's decimal string of
 * unix nanoseconds. */
static void
put_time(struct otlp *ot, const char *key, double ts)
{
	char	 num[32];
	int64_t	 us;

	if (!isfinite(ts) || ts < 0)
		ts = 0;
	if (ts > 1e9)
		ts = 1e9;
	us = ot->t0_us + (int64_t)(ts * 1e6 + 0.5);
	snprintf(num, sizeof num, "%" PRId64 "000", us);
	report_json_key(&ot->j, key);
	report_json_string(&ot->j, num);
}

/* The span id of p: 16 hex digits, never all zero. */
static void
span_id(const struct otlp *ot, const struct report_proc *p, char id[17])
{
	uint64_t	 v = mix64(ot->seed ^ mix64((uint64_t)p->seq + 1));

	snprintf(id, 17, "%016" PRIx64, v != 0 ? v : 1);
}

/* Open an attribute {"key": key, "value": {type: ...}}. */
static void
attr_begin(struct report_json *j, const char *key, const char *type)
{
	report_json_begin_object(j);
	report_json_key(j, "key");
	report_json_string(j, key);
	report_json_key(j, "value");
	report_json_begin_object(j);
	report_json_key(j, type);
}

static void
attr_end(struct report_json *j)
{
	report_json_end_object(j);
	report_json_end_object(j);
}

static void
attr_str(struct report_json *j, const char *key, const char *v)
{
	if (v == NULL)
		return;
	attr_begin(j, key, "stringValue");
	report_json_string(j, v);
	attr_end(j);
}

/* An int64 attribute: a decimal string in the protobuf JSON mapping. */
static void
attr_int(struct report_json *j, const char *key, long long v)
{
	char	 num[32];

	snprintf(num, sizeof num, "%lld", v);
	attr_begin(j, key, "intValue");
	report_json_string(j, num);
	attr_end(j);
}

static void
attr_double(struct report_json *j, const char *key, double v)
{
	attr_begin(j, key, "doubleValue");
	report_json_double(j, v, 6);
	attr_end(j);
}

static void
attr_bool(struct report_json *j, const char *key, bool v)
{
	attr_begin(j, key, "boolValue");
	report_json_bool(j, v);
	attr_end(j);
}

static void
attr_strv(struct report_json *j, const char *key, const char *const *v,
    size_t n)
{
	size_t	 i;

	attr_begin(j, key, "arrayValue");
	report_json_begin_object(j);
	report_json_key(j, "values");
	report_json_begin_array(j);
	for (i = 0; i < n; i++) {
		report_json_begin_object(j);
		report_json_key(j, "stringValue");
		report_json_string(j, v[i]);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	report_json_end_object(j);
	attr_end(j);
}

/* The attributes of p's span: OpenTelemetry's process.* conventions where
 * they exist, forkwatch.* for the rest. */
static void
span_attributes(struct otlp *ot, const struct report_proc *p)
{
	struct report_json		*j = &ot->j;
	const struct report_image	*im = report_proc_image(p);
	char				 st[128];

	report_json_key(j, "attributes");
	report_json_begin_array(j);
	attr_int(j, "process.pid", p->pid);
	if (p->parent != NULL)
		attr_int(j, "process.parent_pid", p->parent->pid);
	if (im != NULL) {
		if (im->argc > 0) {
			attr_str(j, "process.executable.name",
			    report_basename(im->argv[0]));
			attr_strv(j, "process.command_args", im->argv,
			    im->argc);
		}
		attr_str(j, "process.executable.path", im->path);
		attr_str(j, "process.working_directory", im->cwd);
	}
	if (p->exited && !p->signaled)
		attr_int(j, "process.exit.code", p->code);
	if (p->exited && p->signaled) {
		attr_str(j, "forkwatch.signal", p->signal);
		attr_bool(j, "forkwatch.core_dumped", p->core);
	}
	attr_str(j, "forkwatch.status", report_proc_status(p, st, sizeof st));
	if (p->has_rusage) {
		attr_double(j, "forkwatch.cpu.user_s", p->utime);
		attr_double(j, "forkwatch.cpu.system_s", p->stime);
		attr_double(j, "forkwatch.cpu.own_s", p->self_cpu);
		attr_int(j, "forkwatch.maxrss_kb", p->maxrss_kb);
	}
	attr_int(j, "forkwatch.threads", (long long)p->n_threads);
	attr_int(j, "forkwatch.execs", (long long)p->n_images);
	report_json_end_array(j);
}

/* Span events: each exec and each signal or job-control stop kept. */
static void
span_events(struct otlp *ot, const struct report_proc *p)
{
	struct report_json		*j = &ot->j;
	const struct report_image	*im;
	const struct report_instant	*in;
	size_t				 i;
	static const char *const kind[] = {
		[REPORT_INST_SIGNAL] = "signal",
		[REPORT_INST_STOP] = "stop",
		[REPORT_INST_CONT] = "cont",
	};

	report_json_key(j, "events");
	report_json_begin_array(j);
	for (im = p->images; im != NULL; im = im->next) {
		report_json_begin_object(j);
		put_time(ot, "timeUnixNano", im->ts);
		report_json_key(j, "name");
		report_json_string(j, im->attached ? "attach" : "exec");
		report_json_key(j, "attributes");
		report_json_begin_array(j);
		attr_strv(j, "process.command_args", im->argv, im->argc);
		attr_str(j, "process.executable.path", im->path);
		report_json_end_array(j);
		report_json_end_object(j);
	}
	for (i = 0; i < p->n_inst; i++) {
		in = &p->inst[i];
		report_json_begin_object(j);
		put_time(ot, "timeUnixNano", in->ts);
		report_json_key(j, "name");
		report_json_string(j, kind[in->kind]);
		report_json_key(j, "attributes");
		report_json_begin_array(j);
		attr_str(j, "forkwatch.signal", in->signal);
		attr_int(j, "forkwatch.tid", in->tid);
		if (in->sender >= 0)
			attr_int(j, "forkwatch.sender", in->sender);
		report_json_end_array(j);
		report_json_end_object(j);
	}
	report_json_end_array(j);
	if (p->inst_dropped > 0) {
		report_json_key(j, "droppedEventsCount");
		report_json_int(j, (long long)p->inst_dropped);
	}
}

static void
write_span(struct otlp *ot, const struct report_proc *p,
    const struct report_proc *root)
{
	struct report_json	*j = &ot->j;
	char			 id[17], st[128];

	report_json_begin_object(j);
	report_json_key(j, "traceId");
	report_json_string(j, ot->trace_id);
	span_id(ot, p, id);
	report_json_key(j, "spanId");
	report_json_string(j, id);
	if (p != root && p->parent != NULL) {
		span_id(ot, p->parent, id);
		report_json_key(j, "parentSpanId");
		report_json_string(j, id);
	}
	fw_buf_reset(&ot->b);
	report_text_label(&ot->b, p, 120);
	report_json_key(j, "name");
	report_json_string(j, fw_buf_cstr(&ot->b));
	report_json_key(j, "kind");
	report_json_int(j, SPAN_KIND_INTERNAL);
	put_time(ot, "startTimeUnixNano", p->start);
	put_time(ot, "endTimeUnixNano", p->end);
	span_attributes(ot, p);
	span_events(ot, p);
	if (report_proc_failed(p)) {
		report_json_key(j, "status");
		report_json_begin_object(j);
		report_json_key(j, "code");
		report_json_int(j, STATUS_CODE_ERROR);
		report_json_key(j, "message");
		report_json_string(j, report_proc_status(p, st, sizeof st));
		report_json_end_object(j);
	}
	report_json_end_object(j);
}

void
report_otlp_write(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct otlp		 ot;
	struct report_proc	**roots, *p;
	size_t			 n, i;
	uint64_t		 hi, lo;
	int			 depth;

	memset(&ot, 0, sizeof ot);
	ot.m = m;
	ot.t0_us = parse_time(m->time);
	/* One trace per log: its id is made from what the start line says,
	 * so exporting the same log twice gives the same ids. */
	ot.seed = hash_str(0xcbf29ce484222325ull, m->time);
	ot.seed = hash_str(ot.seed ^ (uint64_t)m->tracer_pid, m->cwd);
	for (i = 0; i < m->argc; i++)
		ot.seed = hash_str(mix64(ot.seed), m->argv[i]);
	hi = mix64(ot.seed ^ 0x1234);
	lo = mix64(ot.seed ^ 0x5678);
	snprintf(ot.trace_id, sizeof ot.trace_id, "%016" PRIx64 "%016" PRIx64,
	    hi, lo != 0 ? lo : 1);
	fw_buf_init(&ot.b);

	report_json_init(&ot.j, f, 5);
	ot.j.strict = true;
	report_json_begin_object(&ot.j);
	report_json_key(&ot.j, "resourceSpans");
	report_json_begin_array(&ot.j);
	report_json_begin_object(&ot.j);
	report_json_key(&ot.j, "resource");
	report_json_begin_object(&ot.j);
	report_json_key(&ot.j, "attributes");
	report_json_begin_array(&ot.j);
	attr_str(&ot.j, "service.name", "forkwatch");
	if (m->argc > 0)
		attr_strv(&ot.j, "forkwatch.command",
		    (const char *const *)m->argv, m->argc);
	attr_str(&ot.j, "forkwatch.cwd", m->cwd);
	attr_str(&ot.j, "forkwatch.mode", m->mode);
	attr_str(&ot.j, "forkwatch.log", o->log);
	report_json_end_array(&ot.j);
	report_json_end_object(&ot.j);
	report_json_key(&ot.j, "scopeSpans");
	report_json_begin_array(&ot.j);
	report_json_begin_object(&ot.j);
	report_json_key(&ot.j, "scope");
	report_json_begin_object(&ot.j);
	report_json_key(&ot.j, "name");
	report_json_string(&ot.j, "forkwatch");
	report_json_key(&ot.j, "version");
	report_json_string(&ot.j, PACKAGE_VERSION);
	report_json_end_object(&ot.j);
	report_json_key(&ot.j, "spans");
	report_json_begin_array(&ot.j);
	n = report_tree_roots(m, o, &roots);
	for (i = 0; i < n; i++) {
		depth = 0;
		for (p = roots[i]; p != NULL;
		    p = report_proc_next(p, roots[i], true, &depth))
			write_span(&ot, p, roots[i]);
	}
	free(roots);
	report_json_end_array(&ot.j);
	report_json_end_object(&ot.j);
	report_json_end_array(&ot.j);
	report_json_end_object(&ot.j);
	report_json_end_array(&ot.j);
	report_json_end_object(&ot.j);
	report_json_release(&ot.j);
	fw_buf_release(&ot.b);
}
