/* report-tree.h - the process tree report: every process with its argv,
 * duration, exit status and rusage, failed branches marked; limited by
 * --depth and --under, threads folded by --collapse-threads. */
#ifndef FW_REPORT_TREE_H
#define FW_REPORT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report_json;
struct report_model;
struct report_opts;
struct report_proc;

void	report_tree_text(FILE *, const struct report_model *,
	    const struct report_opts *);
/* Write the tree as a JSON array of root objects with nested "children". */
void	report_tree_json(struct report_json *, const struct report_model *,
	    const struct report_opts *);

/* The roots the tree, SVG and Perfetto views start from: every process with
 * pid opts->under, or every process without a parent. Returns the number
 * of roots; *roots is allocated (free it). */
size_t	report_tree_roots(const struct report_model *,
	    const struct report_opts *, struct report_proc ***roots);

/* Per process (indexed by seq): true if a descendant failed. Free it. */
bool	*report_tree_failed_below(const struct report_model *);

#endif
