/* report-diff.h - compare two runs: processes are matched by their command
 * line and their place in the tree, and the report lists what is new in
 * the second run, what is gone from the first, what newly fails and what
 * got much slower. */
#ifndef FW_REPORT_DIFF_H
#define FW_REPORT_DIFF_H

#include <stdio.h>

struct report_model;
struct report_opts;

/* Write the comparison of a (opts->log) with b (opts->log2) to f, as text
 * or JSON (opts->format). */
void	report_diff_write(FILE *, const struct report_model *a,
	    const struct report_model *b, const struct report_opts *);

#endif
