/* report-profile.h - the parallelism profile of a run: how many traced
 * processes were busy over time, so that a build engineer sees where -j
 * was wasted.
 *
 * A process is busy while it is alive and none of its child processes is
 * (the time a make or a shell spends waiting for a child is its child's).
 * While anything traced is alive at least one process is busy, so the
 * serial stretches -- one process busy, the others waiting for it -- are
 * where parallelism was lost. */
#ifndef FW_REPORT_PROFILE_H
#define FW_REPORT_PROFILE_H

#include <stddef.h>

struct report_model;
struct report_opts;
struct report_proc;

/* The number of busy processes from t to the next step's t. */
struct report_profile_step {
	double			 t;
	int			 busy;
};

/* A stretch with one process busy, and the process busy longest in it. */
struct report_serial {
	double			 start;
	double			 end;
	const struct report_proc *proc;
};

struct report_profile {
	double			 t0, t1;	/* the span profiled */
	double			 mean;		/* busy processes on average */
	int			 peak;
	struct report_profile_step *steps;	/* in time order */
	size_t			 n_steps;
	struct report_serial	*serial;	/* longest first */
	size_t			 n_serial;
};

/* Profile the processes under the report's roots (opts->under, or every
 * root). Release with report_profile_release(). */
void	report_profile_compute(struct report_profile *,
	    const struct report_model *, const struct report_opts *);
void	report_profile_release(struct report_profile *);

/* The time-weighted mean of busy processes from a to b (a < b). *i is a
 * cursor into the steps: start it at 0 and call with increasing a. */
double	report_profile_mean(const struct report_profile *, double a, double b,
	    size_t *i);

#endif
