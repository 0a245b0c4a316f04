/* report-json.c - streaming JSON writer and the JSON form of a process. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report-json.h"
#include "report-model.h"

/* Indentation stops growing past this depth so that a very deep tree does
 * not make the output quadratic in size. */
#define MAX_INDENT	32

void
report_json_init(struct report_json *j, FILE *f, size_t pretty)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->pretty = pretty;
	j->cap = 16;
	j->first = fw_calloc(j->cap, sizeof *j->first);
	fw_buf_init(&j->buf);
	fw_buf_init(&j->fix);
}

void
report_json_release(struct report_json *j)
{
	free(j->first);
	fw_buf_release(&j->buf);
	fw_buf_release(&j->fix);
	j->first = NULL;
}

static void
newline(struct report_json *j, size_t depth)
{
	size_t	 n = depth < MAX_INDENT ? depth : MAX_INDENT;

	putc('\n', j->f);
	while (n-- > 0)
		fputs("  ", j->f);
}

/* Write what must come before a value or key: a comma between elements and
 * the line break of pretty levels. */
static void
separate(struct report_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (!j->first[j->depth])
		putc(',', j->f);
	j->first[j->depth] = false;
	if (j->depth <= j->pretty)
		newline(j, j->depth);
}

/* Open an object or array (c) as the next value. */
static void
open_container(struct report_json *j, char c)
{
	separate(j);
	putc(c, j->f);
	j->depth++;
	if (j->depth == j->cap) {
		j->cap *= 2;
		j->first = fw_realloc(j->first, j->cap * sizeof *j->first);
	}
	j->first[j->depth] = true;
}

/* Close the innermost object or array with c. */
static void
close_container(struct report_json *j, char c)
{
	bool	 empty = j->first[j->depth];

	j->depth--;
	if (!empty && j->depth + 1 <= j->pretty)
		newline(j, j->depth);
	putc(c, j->f);
	if (j->depth == 0)
		putc('\n', j->f);
}

void
report_json_begin_object(struct report_json *j)
{
	open_container(j, '{');
}

void
report_json_end_object(struct report_json *j)
{
	close_container(j, '}');
}

void
report_json_begin_array(struct report_json *j)
{
	open_container(j, '[');
}

void
report_json_end_array(struct report_json *j)
{
	close_container(j, ']');
}

/* s with every byte that is not part of valid UTF-8 replaced by U+FFFD,
 * in j->fix; s itself when it is all valid. */
static const char *
valid_utf8(struct report_json *j, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, len;

	for (i = 0; i < n; i += len) {
		if ((len = esc_utf8_len(u + i, n - i)) == 0)
			break;
	}
	if (i == n)
		return s;
	fw_buf_reset(&j->fix);
	for (i = 0; i < n; i += len ? len : 1) {
		len = esc_utf8_len(u + i, n - i);
		if (len == 0)
			fw_buf_adds(&j->fix, "\xef\xbf\xbd");
		else
			fw_buf_add(&j->fix, s + i, len);
	}
	return fw_buf_cstr(&j->fix);
}

static void
put_string(struct report_json *j, const char *s)
{
	fw_buf_reset(&j->buf);
	esc_json_str(&j->buf, j->strict ? valid_utf8(j, s) : s);
	fwrite(j->buf.data, 1, j->buf.len, j->f);
}

void
report_json_key(struct report_json *j, const char *key)
{
	separate(j);
	put_string(j, key);
	fputs(j->depth <= j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void
report_json_string(struct report_json *j, const char *s)
{
	if (s == NULL) {
		report_json_null(j);
		return;
	}
	separate(j);
	put_string(j, s);
}

void
report_json_int(struct report_json *j, long long v)
{
	separate(j);
	fprintf(j->f, "%lld", v);
}

void
report_json_double(struct report_json *j, double v, int decimals)
{
	separate(j);
	if (!isfinite(v))
		v = 0;		/* JSON has no NaN or infinity */
	fprintf(j->f, "%.*f", decimals, v);
}

void
report_json_bool(struct report_json *j, bool v)
{
	separate(j);
	fputs(v ? "true" : "false", j->f);
}

void
report_json_null(struct report_json *j)
{
	separate(j);
	fputs("null", j->f);
}

void
report_json_argv(struct report_json *j, const char *const *argv, size_t argc)
{
	size_t	 i;

	report_json_begin_array(j);
	for (i = 0; i < argc; i++)
		report_json_string(j, argv[i]);
	report_json_end_array(j);
}

/* Whether p failed and, when the log had rusage, its cost: the members
 * the report's JSON and the Perfetto slices share. */
void
report_json_cost(struct report_json *j, const struct report_proc *p)
{
	report_json_key(j, "failed");
	report_json_bool(j, report_proc_failed(p));
	if (p->has_rusage) {
		report_json_key(j, "utime");
		report_json_double(j, p->utime, 6);
		report_json_key(j, "stime");
		report_json_double(j, p->stime, 6);
		report_json_key(j, "maxrss_kb");
		report_json_int(j, p->maxrss_kb);
		report_json_key(j, "self_cpu");
		report_json_double(j, p->self_cpu, 6);
	}
}

/* One exec image as an object. */
static void
json_image(struct report_json *j, const struct report_image *im)
{
	report_json_begin_object(j);
	report_json_key(j, "ts");
	report_json_double(j, im->ts, 6);
	report_json_key(j, "path");
	report_json_string(j, im->path);
	report_json_key(j, "argv");
	report_json_argv(j, im->argv, im->argc);
	report_json_key(j, "cwd");
	report_json_string(j, im->cwd);
	if (im->argv_truncated) {
		report_json_key(j, "argv_truncated");
		report_json_bool(j, true);
	}
	if (im->attached) {
		report_json_key(j, "attached");
		report_json_bool(j, true);
	}
	report_json_end_object(j);
}

void
report_json_proc(struct report_json *j, const struct report_proc *p)
{
	const struct report_image	*im = report_proc_image(p), *i;
	char				 status[96];

	report_json_key(j, "pid");
	report_json_int(j, p->pid);
	report_json_key(j, "ppid");
	if (p->parent != NULL)
		report_json_int(j, p->parent->pid);
	else
		report_json_null(j);
	if (p->inner_pid != 0) {
		report_json_key(j, "inner_pid");
		report_json_int(j, p->inner_pid);
	}
	report_json_key(j, "name");
	report_json_string(j, report_proc_name(p));
	report_json_key(j, "argv");
	if (im != NULL)
		report_json_argv(j, im->argv, im->argc);
	else
		report_json_argv(j, NULL, 0);
	report_json_key(j, "images");
	report_json_begin_array(j);
	for (i = p->images; i != NULL; i = i->next)
		json_image(j, i);
	report_json_end_array(j);
	report_json_key(j, "start");
	report_json_double(j, p->start, 6);
	report_json_key(j, "end");
	report_json_double(j, p->end, 6);
	report_json_key(j, "duration");
	report_json_double(j, report_proc_duration(p), 6);
	report_json_key(j, "status");
	report_json_string(j, report_proc_status(p, status, sizeof status));
	report_json_key(j, "exit");
	if (!p->exited)
		report_json_null(j);
	else {
		report_json_begin_object(j);
		if (p->signaled) {
			report_json_key(j, "signal");
			report_json_string(j, p->signal);
			report_json_key(j, "core");
			report_json_bool(j, p->core);
		} else {
			report_json_key(j, "code");
			report_json_int(j, p->code);
		}
		report_json_end_object(j);
	}
	report_json_cost(j, p);
	if (p->has_rusage) {
		report_json_key(j, "maxrss_own");
		report_json_bool(j, p->maxrss_own);
	}
	report_json_key(j, "threads");
	report_json_int(j, (long long)p->n_threads);
}
