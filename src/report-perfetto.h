/* report-perfetto.h - export the model as Chrome trace-event JSON, which
 * ui.perfetto.dev and chrome://tracing open: one track per process (its
 * pid; records of a reused pid get an id of their own), ordered and
 * labelled by parentage; a slice per exec image (and one for the time
 * before the first exec); a slice per thread; instant events for signals
 * and job control; flow arrows parent -> child; exit status in args. */
#ifndef FW_REPORT_PERFETTO_H
#define FW_REPORT_PERFETTO_H

#include <stdio.h>

struct report_model;
struct report_opts;

void	report_perfetto_write(FILE *, const struct report_model *,
	    const struct report_opts *);

#endif
