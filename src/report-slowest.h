/* report-slowest.h - the longest leaf work of a run: the processes
 * without traced children (the compiles, tests and tools themselves, not
 * the make and shells waiting for them), longest first. */
#ifndef FW_REPORT_SLOWEST_H
#define FW_REPORT_SLOWEST_H

#include <stdio.h>

struct report_json;
struct report_model;
struct report_opts;

/* The opts->slowest longest leaves (under opts->under when given), with
 * their start, duration, own CPU time and shortened command line. */
void	report_slowest_text(FILE *, const struct report_model *,
	    const struct report_opts *);
/* The same as a JSON object value: "leaves", "shown", "processes". */
void	report_slowest_json(struct report_json *, const struct report_model *,
	    const struct report_opts *);

#endif
