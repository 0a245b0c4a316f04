/* exercise.c - feed one in-memory log through the whole report pipeline. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise.h"
#include "report.h"
#include "report-ccdb.h"
#include "report-critical.h"
#include "report-diff.h"
#include "report-json.h"
#include "report-model.h"
#include "report-otlp.h"
#include "report-perfetto.h"
#include "report-slowest.h"
#include "report-summary.h"
#include "report-svg.h"
#include "report-tree.h"
#include "tlog-read.h"

/* Every view with one set of options. */
static void
views(FILE *sink, const struct report_model *m, const struct report_opts *o)
{
	struct report_json	 j;

	report_summary_text(sink, m, o);
	report_tree_text(sink, m, o);
	report_critical_text(sink, m, o);
	report_json_init(&j, sink, 3);
	report_json_begin_object(&j);
	report_json_key(&j, "summary");
	report_summary_json(&j, m, o);
	report_json_key(&j, "tree");
	report_tree_json(&j, m, o);
	report_json_key(&j, "critical_path");
	report_critical_json(&j, m, o);
	report_json_key(&j, "slowest");
	report_slowest_json(&j, m, o);
	report_json_end_object(&j);
	report_json_release(&j);
	report_slowest_text(sink, m, o);
	report_perfetto_write(sink, m, o);
	report_svg_write(sink, m, o);
	report_otlp_write(sink, m, o);
	report_diff_write(sink, m, m, o);
}

unsigned long
report_exercise(const char *data, size_t len, FILE *sink)
{
	struct report_opts	 o;
	struct report_ccdb_stats cs;
	struct report_model	*m;
	struct tlog_reader	*r;
	struct tlog_event	 ev;
	enum tlog_open_error	 why;
	unsigned long		 n = 0;
	char			*msg, *copy;
	FILE			*f;

	/* fmemopen() wants a writable buffer in older C libraries and
	 * refuses a size of 0. */
	copy = malloc(len + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, len);
	f = fmemopen(copy, len > 0 ? len : 1, "r");
	if (f == NULL) {
		free(copy);
		return 0;
	}
	if (len == 0)
		(void)fgetc(f);		/* an empty stream */
	r = tlog_read_open_stream(f, "mem", &why, &msg);
	if (r == NULL) {
		free(msg);
		fclose(f);
		free(copy);
		return 0;
	}
	m = report_model_new();
	while (tlog_read_next(r, &ev) > 0) {
		report_model_add(m, &ev);
		n++;
	}
	tlog_read_free(r);
	fclose(f);
	free(copy);
	report_model_finish(m);

	memset(&o, 0, sizeof o);
	o.log = o.log2 = "mem";
	o.depth = -1;
	o.top = 5;
	o.slowest = 3;
	o.width = 80;
	o.max_rows = 1500;
	views(sink, m, &o);
	o.final_tree = true;
	views(sink, m, &o);
	o.depth = 1;
	o.width = 0;
	o.max_rows = 3;
	o.min_duration = 0.001;
	o.format = REPORT_FORMAT_JSON;
	o.collapse_threads = true;
	if (m->n_procs > 0) {
		o.has_under = true;
		o.under = m->procs[m->n_procs / 2]->pid;
	}
	views(sink, m, &o);
	report_ccdb_write(sink, m, &cs);
	free(cs.first_missing);
	report_model_free(m);
	return n;
}
