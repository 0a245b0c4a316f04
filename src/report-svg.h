/* report-svg.h - a self-contained SVG timeline of the trace: one bar per
 * process on a time axis, rows in tree order and indented by depth, with
 * lines from parent to child, coloured by outcome, the critical path
 * outlined, exec boundaries marked, and the argv in a <title> on hover. */
#ifndef FW_REPORT_SVG_H
#define FW_REPORT_SVG_H

#include <stdio.h>

struct report_model;
struct report_opts;

void	report_svg_write(FILE *, const struct report_model *,
	    const struct report_opts *);

#endif
