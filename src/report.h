/* report.h - `forkwatch report`: read a saved JSON Lines trace log and
 * report on it (summary, process tree, critical path, slowest work, the
 * difference between two runs) or export it (Perfetto trace, SVG timeline,
 * OpenTelemetry trace, compile_commands.json), without re-running
 * anything. */
#ifndef FW_REPORT_H
#define FW_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "color.h"

enum report_format {
	REPORT_FORMAT_TEXT,
	REPORT_FORMAT_JSON
};

/* Everything the command line of `forkwatch report` can ask for. */
struct report_opts {
	const char		*log;		/* the log, "-" for stdin,
						 * unix:PATH for a socket */
	const char		*log2;		/* --diff: the second log */
	const char		*output;	/* -o: the text/json report */
	enum report_format	 format;
	bool			 summary;
	bool			 tree;
	bool			 final_tree;	/* --final-tree: the tree as
						 * it was at the end */
	bool			 critical;
	int			 slowest;	/* --slowest N; 0: not asked */
	bool			 diff;
	const char		*perfetto;	/* exports' files, or NULL */
	const char		*svg;
	const char		*otlp;
	const char		*ccdb;
	int			 depth;		/* tree depth limit, -1: none */
	bool			 has_under;
	long long		 under;		/* the subtree of this pid */
	bool			 collapse_threads;
	bool			 pids_inner;	/* --inner-pids */
	int			 top;		/* rows of each top table */
	size_t			 width;		/* command lines' columns;
						   0: whole (--wide) */
	double			 min_duration;	/* tree/SVG: shorter left out */
	size_t			 max_rows;	/* SVG rows */
	bool			 follow;	/* --follow */
	double			 interval;	/* --interval, seconds; 0: none */
	bool			 so_far;	/* a --follow snapshot: the log
						 * goes on */
	enum color_when		 color_when;	/* --color */
	bool			 color;		/* the text reports in colour:
						 * decided with the output */
};

/* The options of `forkwatch report` (optable.h). */
extern const struct optable report_optable;

/* Run `forkwatch report`; argv[0] is "report". Returns the exit status:
 * 0, or 125 when forkwatch itself failed (bad option, unreadable or
 * unsupported log, output not written). */
int	report_main(int argc, char **argv);

#endif
