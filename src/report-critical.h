/* report-critical.h - the critical path: the processes that bounded the
 * total wall time.
 *
 * A process's interval on the path is bounded by the children that ran
 * back to back up to its end: from the child that ended last, walk back to
 * the child that ended last before that one started, and so on (children
 * running in parallel with a link are not links; ties go to the child that
 * started first). The process is charged only for the gaps between those
 * children (its exclusive time); each child is then treated the same way,
 * on its own interval clipped to its parent's. The links form a tree in
 * pre-order (depth first, children in time order) and their exclusive
 * times add up to the root's duration, so a link's share is exclusive /
 * root duration. */
#ifndef FW_REPORT_CRITICAL_H
#define FW_REPORT_CRITICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report_json;
struct report_model;
struct report_opts;
struct report_proc;

struct report_crit_link {
	const struct report_proc *proc;
	size_t			 parent;	/* index of its parent link;
						   SIZE_MAX for the root */
	int			 depth;		/* 0 for the root */
	bool			 last;		/* the last link under its parent */
	double			 start;		/* interval on the path (clipped) */
	double			 end;
	double			 exclusive;	/* time none of its links ran */
	double			 share;		/* exclusive / total, 0..1 */
};

struct report_crit {
	struct report_crit_link	*links;		/* pre-order */
	size_t			 n;
	double			 total;		/* the root's duration */
};

/* Compute the critical path below root (NULL: an empty path).
 * Release with report_critical_release(). */
void	report_critical_compute(struct report_crit *,
	    const struct report_proc *root);
void	report_critical_release(struct report_crit *);

/* The link with the largest exclusive time (the slowest step), or NULL for
 * an empty path. */
const struct report_crit_link *report_critical_slowest(
	    const struct report_crit *);

/* The root the report starts from: the first process with pid
 * opts->under, else the model's main root. */
const struct report_proc *report_critical_root(const struct report_model *,
	    const struct report_opts *);

void	report_critical_text(FILE *, const struct report_model *,
	    const struct report_opts *);
/* Write the critical path as a JSON object value. */
void	report_critical_json(struct report_json *,
	    const struct report_model *, const struct report_opts *);

#endif
