/* report-text.c - terminal-safe text helpers for the report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "report-model.h"
#include "report-text.h"

void
report_text_bare(struct fw_buf *b, const char *s)
{
	if (s != NULL)
		esc_text_bare(b, s, strlen(s));
}

/* True if s needs no quoting: shell-safe printable ASCII only. */
static bool
plain_arg(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return false;
	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_./:=@%+,^", *p)))
			return false;
	}
	return true;
}

void
report_text_arg(struct fw_buf *b, const char *s)
{
	if (plain_arg(s))
		fw_buf_adds(b, s);
	else
		esc_text(b, s, strlen(s));
}

void
report_text_argv(struct fw_buf *b, const char *const *argv, size_t argc)
{
	size_t	 i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			fw_buf_addc(b, ' ');
		report_text_arg(b, argv[i]);
	}
}

void
report_text_command(struct fw_buf *b, const struct report_proc *p)
{
	const struct report_image	*im, *cur = report_proc_image(p);

	for (im = p->images; im != NULL && im != cur; im = im->next) {
		if (im->argc > 0)
			report_text_bare(b, report_basename(im->argv[0]));
		else
			report_text_bare(b, report_basename(im->path));
		fw_buf_adds(b, " => ");
	}
	if (cur == NULL)
		fw_buf_adds(b, "?");
	else if (cur->argc > 0)
		report_text_argv(b, cur->argv, cur->argc);
	else if (cur->path != NULL)
		report_text_arg(b, cur->path);
	else
		fw_buf_adds(b, "?");
	if (cur != NULL && cur->argv_truncated)
		fw_buf_adds(b, " ...");
	if (p->images == NULL && cur != NULL)
		fw_buf_adds(b, " (fork)");
}

const char *
report_text_duration(char *buf, size_t len, double secs)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 1 || secs == 0)
		snprintf(buf, len, "%.3fs", secs);
	else if (secs >= 1e-3)
		snprintf(buf, len, "%.3fms", secs * 1e3);
	else
		snprintf(buf, len, "%.0fus", secs * 1e6);
	return buf;
}

const char *
report_text_kb(char *buf, size_t len, long long kb)
{
	if (kb < 1024)
		snprintf(buf, len, "%lld KiB", kb);
	else if (kb < 1024 * 1024)
		snprintf(buf, len, "%.1f MiB", (double)kb / 1024);
	else
		snprintf(buf, len, "%.2f GiB", (double)kb / (1024 * 1024));
	return buf;
}

#define MAX_DRAWN	40

void
report_text_tree_prefix(struct report_text_tree *t, struct fw_buf *b,
    int depth, bool last)
{
	int	 d = 1;

	if (depth < 0)
		return;
	if ((size_t)depth >= t->cap) {
		t->cap = (size_t)depth * 2 + 16;
		t->last = fw_realloc(t->last, t->cap * sizeof *t->last);
	}
	t->last[depth] = last;
	if (depth == 0)
		return;
	if (t->color)
		fw_buf_adds(b, color_on(COLOR_DIM));
	if (depth > MAX_DRAWN) {
		d = depth - MAX_DRAWN + 1;
		fw_buf_printf(b, "[%d] ", depth);
	}
	for (; d < depth; d++)
		fw_buf_adds(b, t->last[d] ? "    " : "|   ");
	fw_buf_adds(b, last ? "`-- " : "|-- ");
	if (t->color)
		fw_buf_adds(b, COLOR_OFF);
}

enum color_role
report_text_role(const struct report_proc *p)
{
	if (p->exited && p->signaled)
		return COLOR_KILLED;
	return report_proc_failed(p) ? COLOR_FAIL : COLOR_PLAIN;
}

void
report_text_color_on(struct fw_buf *b, const struct report_opts *o,
    enum color_role role)
{
	if (o->color && role != COLOR_PLAIN)
		fw_buf_adds(b, color_on(role));
}

void
report_text_color_off(struct fw_buf *b, const struct report_opts *o,
    enum color_role role)
{
	if (o->color && role != COLOR_PLAIN)
		fw_buf_adds(b, COLOR_OFF);
}

void
report_text_tree_release(struct report_text_tree *t)
{
	free(t->last);
	t->last = NULL;
	t->cap = 0;
}

void
report_text_flush(struct fw_buf *b, FILE *f)
{
	if (b->len > 0)
		fwrite(b->data, 1, b->len, f);
	fw_buf_reset(b);
}
