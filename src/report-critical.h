/* report-critical.h - the critical path: the chain of processes that
 * bounded the total wall time.
 *
 * From the root down, each link is the child of the previous one whose end
 * is the latest (the one its parent waited for last; ties go to the child
 * created first). Each link's interval is clipped to the previous link's;
 * its exclusive time is the part of its clipped interval that the next link
 * does not cover. The exclusive times add up to the root's duration, so a
 * link's share is exclusive / root duration. */
#ifndef FW_REPORT_CRITICAL_H
#define FW_REPORT_CRITICAL_H

#include <stddef.h>
#include <stdio.h>

struct report_json;
struct report_model;
struct report_opts;
struct report_proc;

struct report_crit_link {
	const struct report_proc *proc;
	double			 start;		/* clipped interval */
	double			 end;
	double			 exclusive;	/* time only it covers */
	double			 share;		/* exclusive / total, 0..1 */
};

struct report_crit {
	struct report_crit_link	*links;
	size_t			 n;
	double			 total;		/* the root's duration */
};

/* Compute the critical path below root (NULL: an empty path).
 * Release with report_critical_release(). */
void	report_critical_compute(struct report_crit *,
	    const struct report_proc *root);
void	report_critical_release(struct report_crit *);

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
