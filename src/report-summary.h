/* report-summary.h - the default report: wall time; process, thread and
 * exec counts; failures with their parent chains; top commands by count,
 * run time, CPU time and max RSS. */
#ifndef FW_REPORT_SUMMARY_H
#define FW_REPORT_SUMMARY_H

#include <stdio.h>

struct report_json;
struct report_model;
struct report_opts;

void	report_summary_text(FILE *, const struct report_model *,
	    const struct report_opts *);
/* Write the summary as one JSON object value. */
void	report_summary_json(struct report_json *, const struct report_model *,
	    const struct report_opts *);

#endif
