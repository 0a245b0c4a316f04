/* report-json.h - a streaming JSON writer for the report's outputs, and
 * the JSON form of a process record shared by the views.
 *
 * The writer keeps track of commas and nesting, so callers just emit keys
 * and values. Strings are untrusted bytes: they are escaped so the output
 * is valid JSON whatever they hold (bytes that are not UTF-8 become \udcXX,
 * as in the trace log). */
#ifndef FW_REPORT_JSON_H
#define FW_REPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct report_proc;

struct report_json {
	FILE		*f;
	size_t		 pretty;	/* one item a line to this depth */
	size_t		 depth;
	size_t		 cap;
	bool		*first;		/* per depth: no element written yet */
	bool		 after_key;
	bool		 strict;	/* bytes that are not UTF-8 become
					   U+FFFD, for other tools' readers */
	struct fw_buf	 buf;
	struct fw_buf	 fix;
};

/* Start writing to f; nesting levels up to pretty get one element per line
 * (0: all on one line). Release with report_json_release(). */
void	report_json_init(struct report_json *, FILE *f, size_t pretty);
void	report_json_release(struct report_json *);

void	report_json_begin_object(struct report_json *);
void	report_json_end_object(struct report_json *);
void	report_json_begin_array(struct report_json *);
void	report_json_end_array(struct report_json *);
void	report_json_key(struct report_json *, const char *key);
/* A string (NULL writes null). */
void	report_json_string(struct report_json *, const char *s);
void	report_json_int(struct report_json *, long long v);
/* A number with decimals digits after the point. */
void	report_json_double(struct report_json *, double v, int decimals);
void	report_json_bool(struct report_json *, bool v);
void	report_json_null(struct report_json *);
void	report_json_argv(struct report_json *, const char *const *argv,
	    size_t argc);

/* The members describing process p (pid, name, argv, times, exit, rusage,
 * threads), written inside an object the caller opened. */
void	report_json_proc(struct report_json *, const struct report_proc *p);
/* "failed", and utime/stime/maxrss_kb/self_cpu when p has rusage. */
void	report_json_cost(struct report_json *, const struct report_proc *p);

#endif
