/* report-otlp.h - export the run as an OpenTelemetry trace in OTLP/JSON
 * (the protobuf JSON mapping of ExportTraceServiceRequest), for Jaeger,
 * Tempo, Honeycomb and any OTLP collector: one span per process, nested by
 * parentage, with its argv, cwd, exit status, CPU time and peak RSS as
 * attributes. */
#ifndef FW_REPORT_OTLP_H
#define FW_REPORT_OTLP_H

#include <stdio.h>

struct report_model;
struct report_opts;

void	report_otlp_write(FILE *, const struct report_model *,
	    const struct report_opts *);

#endif
