/* report.c - `forkwatch report`: options, reading the log, running views. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "optable.h"
#include "report.h"
#include "report-ccdb.h"
#include "report-critical.h"
#include "report-json.h"
#include "report-model.h"
#include "report-perfetto.h"
#include "report-summary.h"
#include "report-svg.h"
#include "report-tree.h"
#include "tlog-read.h"
#include "util.h"

#define EXIT_OWN_FAILURE	125

enum {
	OPT_SUMMARY = 256,
	OPT_TREE,
	OPT_DEPTH,
	OPT_UNDER,
	OPT_COLLAPSE,
	OPT_CRITICAL,
	OPT_PERFETTO,
	OPT_SVG,
	OPT_CCDB,
	OPT_FORMAT,
	OPT_TOP,
	OPT_COLOR
};

static const char *const format_words[] = { "text", "json", NULL };

/* Every option of `forkwatch report`: getopt_long, --help, the shell
 * completions and the man page check read this table. */
static const struct optable_entry report_entries[] = {
	{ .help = "Reports (to standard output, or to the file of -o):" },
	{ .name = "summary", .id = OPT_SUMMARY,
	  .help = "wall time; processes, threads, execs; failures\n"
	    "with their parent chains; top commands by count,\n"
	    "run time, CPU time and max RSS (the default when\n"
	    "no other report or export is asked for)" },
	{ .name = "tree", .id = OPT_TREE,
	  .help = "the process tree: argv, duration, exit status,\n"
	    "rusage of every process; failed branches marked" },
	{ .name = "depth", .id = OPT_DEPTH, .value = OPTV_TEXT, .metavar = "N",
	  .help = "show the tree (and SVG) N levels deep only" },
	{ .name = "under", .id = OPT_UNDER, .value = OPTV_TEXT,
	  .metavar = "PID",
	  .help = "start the tree, SVG, Perfetto export and critical\n"
	    "path at process PID" },
	{ .name = "collapse-threads", .id = OPT_COLLAPSE,
	  .help = "one line per process, not one per thread" },
	{ .name = "critical-path", .id = OPT_CRITICAL,
	  .help = "the chain of processes that bounded the wall time" },
	{ .name = "top", .id = OPT_TOP, .value = OPTV_TEXT, .metavar = "N",
	  .help = "rows in each top-commands table (default 10)" },
	{ .name = "format", .id = OPT_FORMAT, .value = OPTV_WORD,
	  .words = format_words,
	  .help = "the form of these reports (default text)" },
	{ .name = "output", .letter = 'o', .id = 'o', .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "write them to FILE" },
	{ .name = "color", .id = OPT_COLOR, .value = OPTV_WORD,
	  .metavar = "WHEN", .words = color_words,
	  .help = "colour the text reports: auto (on a terminal,\n"
	    "unless NO_COLOR is set), always or never" },
	{ .help = "\nExports:" },
	{ .name = "perfetto", .id = OPT_PERFETTO, .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "Chrome trace-event JSON for ui.perfetto.dev" },
	{ .name = "svg", .id = OPT_SVG, .value = OPTV_FILE, .metavar = "FILE",
	  .help = "an SVG timeline picture" },
	{ .name = "compile-commands", .id = OPT_CCDB, .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "compile_commands.json of the compiler runs" },
	{ .help = "" },
	{ .name = "help", .letter = 'h', .id = 'h', .flags = OPTF_ALONE,
	  .help = "show this help" },
};

const struct optable report_optable = {
	"report", "report on a saved JSONL trace log",
	report_entries, FW_ARRAY_SIZE(report_entries), OPTV_LOG,
};

/* `forkwatch report --help`: the option list comes from the table. */
static void
usage(FILE *f)
{
	fputs("Usage: forkwatch report [OPTIONS] LOG.jsonl\n"
	    "Report on a trace log written by forkwatch --format=jsonl (\"-\" "
	    "reads\nstandard input), without running anything again.\n\n", f);
	optable_help(f, &report_optable);
	fputs("\nExit status: 0 when the report was written, 125 when "
	    "forkwatch failed\n(bad option, unreadable or unsupported log, "
	    "output not written).\n", f);
}

static int usage_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* Print a one-line error about the command line and a hint; returns the
 * exit status. */
static int
usage_error(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "forkwatch: report: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'forkwatch report --help' for more "
	    "information.\n");
	return EXIT_OWN_FAILURE;
}

/* Parse a decimal number in [min, max]; -1 if s is not one. */
static int
parse_num(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The getopt loop of parse_options(). */
static int
parse(int argc, char **argv, struct report_opts *o, struct optable_getopt *g)
{
	long long	 v;
	int		 c, word;

	memset(o, 0, sizeof *o);
	o->depth = -1;
	o->top = 10;
	o->format = REPORT_FORMAT_TEXT;
	optind = 0;	/* GNU: reinitialize; argv[0] ("report") is skipped */
	opterr = 0;
	while ((c = getopt_long(argc, argv, g->shortopts, g->longopts,
	    NULL)) != -1) {
		switch (c) {
		case OPT_SUMMARY:
			o->summary = true;
			break;
		case OPT_TREE:
			o->tree = true;
			break;
		case OPT_DEPTH:
			if (parse_num(optarg, 0, INT_MAX, &v) != 0)
				return usage_error("bad --depth '%s': expected "
				    "a number >= 0", optarg);
			o->depth = (int)v;
			break;
		case OPT_UNDER:
			if (parse_num(optarg, 1, LLONG_MAX, &o->under) != 0)
				return usage_error("bad --under '%s': expected "
				    "a pid", optarg);
			o->has_under = true;
			break;
		case OPT_COLLAPSE:
			o->collapse_threads = true;
			break;
		case OPT_CRITICAL:
			o->critical = true;
			break;
		case OPT_PERFETTO:
			o->perfetto = optarg;
			break;
		case OPT_SVG:
			o->svg = optarg;
			break;
		case OPT_CCDB:
			o->ccdb = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->format = REPORT_FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = REPORT_FORMAT_JSON;
			else
				return usage_error("bad --format '%s': "
				    "expected text or json", optarg);
			break;
		case OPT_TOP:
			if (parse_num(optarg, 1, INT_MAX, &v) != 0)
				return usage_error("bad --top '%s': expected "
				    "a number >= 1", optarg);
			o->top = (int)v;
			break;
		case OPT_COLOR:
			if ((word = optable_word(optable_find(
			    &report_optable, c), optarg)) < 0)
				return usage_error("bad --color '%s': expected "
				    "auto, always or never", optarg);
			o->color_when = (enum color_when)word;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			return usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no LOG file given");
	if (optind + 1 < argc)
		return usage_error("unexpected argument '%s' (one LOG file "
		    "only)", argv[optind + 1]);
	o->log = argv[optind];
	if (!o->tree && !o->critical && o->perfetto == NULL && o->svg == NULL &&
	    o->ccdb == NULL)
		o->summary = true;
	return -1;
}

/* Fill o from the command line. Returns -1 to go on, else an exit status
 * (after printing the error or the help). */
static int
parse_options(int argc, char **argv, struct report_opts *o)
{
	struct optable_getopt	 g;
	int			 r;

	optable_getopt_init(&g, &report_optable, "+:");
	r = parse(argc, argv, o, &g);
	optable_getopt_release(&g);
	return r;
}

/* Warn once, on one line, about bad lines and a missing end line. */
static void
warn_damage(struct tlog_reader *r)
{
	const char	*why;
	unsigned long	 line, n = tlog_read_bad_lines(r);
	bool		 end = tlog_read_saw_end(r);
	struct fw_buf	 b;
	const char	*lost_why;
	long long	 lost;

	if (tlog_read_incomplete(r, &lost, &lost_why)) {
		fw_buf_init(&b);
		fw_buf_printf(&b, "forkwatch: %s: warning: the log is "
		    "incomplete: %lld lines were not written (",
		    tlog_read_name(r), lost);
		esc_text_bare(&b, lost_why, strlen(lost_why));
		fw_buf_adds(&b, "); reporting what the log holds\n");
		fputs(b.data, stderr);
		fw_buf_release(&b);
	}
	if (n == 0 && end)
		return;
	fw_buf_init(&b);
	if (n > 0) {
		line = tlog_read_first_bad(r, &why);
		fw_buf_printf(&b, "forkwatch: %s:%lu: warning: %s",
		    tlog_read_name(r), line, why);
		if (n > 1)
			fw_buf_printf(&b, " (%lu bad lines skipped)", n);
		else
			fw_buf_adds(&b, " (line skipped)");
		if (!end)
			fw_buf_adds(&b, "; no end line: the trace was cut "
			    "short");
	} else
		fw_buf_printf(&b, "forkwatch: %s: warning: no end line: the "
		    "trace was cut short; reporting what the log holds",
		    tlog_read_name(r));
	fw_buf_addc(&b, '\n');
	fputs(b.data, stderr);
	fw_buf_release(&b);
}

/* Read the whole log into a new model. NULL (after printing why) when the
 * log cannot be used at all. */
static struct report_model *
load(const char *path)
{
	struct tlog_reader	*r;
	struct report_model	*m;
	struct tlog_event	 ev;
	enum tlog_open_error	 why;
	char			*msg;
	int			 rc;

	memset(&ev, 0, sizeof ev);
	r = tlog_read_open(path, &why, &msg);
	if (r == NULL) {
		fprintf(stderr, "forkwatch: %s\n", msg);
		free(msg);
		return NULL;
	}
	m = report_model_new();
	while ((rc = tlog_read_next(r, &ev)) > 0)
		report_model_add(m, &ev);
	if (rc < 0)
		fprintf(stderr, "forkwatch: %s: warning: read error after "
		    "line %lu: %s; reporting what was read\n", path,
		    ev.lineno, strerror(errno));
	warn_damage(r);
	tlog_read_free(r);
	report_model_finish(m);
	return m;
}

/* Open path for writing ("-" is standard output). */
static FILE *
open_out(const char *path)
{
	FILE	*f;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	f = fopen(path, "we");
	if (f == NULL)
		fprintf(stderr, "forkwatch: cannot create %s: %s\n", path,
		    strerror(errno));
	return f;
}

/* Flush and close f; report a write error. Returns 0 or -1. */
static int
close_out(FILE *f, const char *path)
{
	int	 err = 0;

	if (fflush(f) != 0 || ferror(f))
		err = errno != 0 ? errno : EIO;
	if (f != stdout) {
		if (fclose(f) != 0 && err == 0)
			err = errno;
	}
	if (err != 0) {
		fprintf(stderr, "forkwatch: cannot write %s: %s\n",
		    path != NULL ? path : "standard output", strerror(err));
		return -1;
	}
	return 0;
}

/* The summary, tree and critical path, as text or one JSON object. */
static void
write_reports(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_json	 j;
	bool			 sep = false;

	if (o->format == REPORT_FORMAT_JSON) {
		report_json_init(&j, f, SIZE_MAX);
		report_json_begin_object(&j);
		if (o->summary) {
			report_json_key(&j, "summary");
			report_summary_json(&j, m, o);
		}
		if (o->tree) {
			report_json_key(&j, "tree");
			report_tree_json(&j, m, o);
		}
		if (o->critical) {
			report_json_key(&j, "critical_path");
			report_critical_json(&j, m, o);
		}
		report_json_end_object(&j);
		report_json_release(&j);
		return;
	}
	if (o->summary) {
		report_summary_text(f, m, o);
		sep = true;
	}
	if (o->tree) {
		if (sep)
			putc('\n', f);
		report_tree_text(f, m, o);
		sep = true;
	}
	if (o->critical) {
		if (sep)
			putc('\n', f);
		report_critical_text(f, m, o);
	}
}

/* Say on one line what was left out of a compilation database. */
static void
ccdb_notice(const char *path, const struct report_ccdb_stats *cs)
{
	struct fw_buf	 b;
	const char	*sep = "";

	if (cs->missing + cs->duplicates + cs->no_cwd == 0)
		return;
	fw_buf_init(&b);
	fw_buf_adds(&b, "forkwatch: ");
	esc_text_bare(&b, path, strlen(path));
	fw_buf_printf(&b, ": %lu entr%s; left out:", cs->entries,
	    cs->entries == 1 ? "y" : "ies");
	if (cs->missing > 0) {
		fw_buf_printf(&b, " %lu whose source no longer exists (",
		    cs->missing);
		esc_text_bare(&b, cs->first_missing,
		    strlen(cs->first_missing));
		fw_buf_adds(&b, cs->missing > 1 ? ", ...)" : ")");
		sep = ",";
	}
	if (cs->duplicates > 0) {
		fw_buf_printf(&b, "%s %lu with the file and output of an "
		    "earlier entry", sep, cs->duplicates);
		sep = ",";
	}
	if (cs->no_cwd > 0)
		fw_buf_printf(&b, "%s %lu compiler run%s logged without a cwd",
		    sep, cs->no_cwd, cs->no_cwd == 1 ? "" : "s");
	fw_buf_addc(&b, '\n');
	fputs(b.data, stderr);
	fw_buf_release(&b);
}

/* Run one export (what: OPT_PERFETTO, OPT_SVG or OPT_CCDB) into path.
 * Returns 0 or -1. */
static int
export(const char *path, const struct report_model *m,
    const struct report_opts *o, int what)
{
	FILE			*f = open_out(path);
	struct report_ccdb_stats cs;

	if (f == NULL)
		return -1;
	errno = 0;
	switch (what) {
	case OPT_PERFETTO:
		report_perfetto_write(f, m, o);
		break;
	case OPT_SVG:
		report_svg_write(f, m, o);
		break;
	case OPT_CCDB:
		report_ccdb_write(f, m, &cs);
		ccdb_notice(path, &cs);
		free(cs.first_missing);
		break;
	}
	return close_out(f, path);
}

int
report_main(int argc, char **argv)
{
	struct report_opts	 o;
	struct report_model	*m;
	FILE			*f;
	int			 rc, status = 0;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	m = load(o.log);
	if (m == NULL)
		return EXIT_OWN_FAILURE;
	if (o.has_under && report_model_find(m, o.under, 0) == NULL) {
		fprintf(stderr, "forkwatch: %s: no process %lld in the log\n",
		    o.log, o.under);
		report_model_free(m);
		return EXIT_OWN_FAILURE;
	}
	if (o.perfetto != NULL && export(o.perfetto, m, &o, OPT_PERFETTO) != 0)
		status = EXIT_OWN_FAILURE;
	if (o.svg != NULL && export(o.svg, m, &o, OPT_SVG) != 0)
		status = EXIT_OWN_FAILURE;
	if (o.ccdb != NULL && export(o.ccdb, m, &o, OPT_CCDB) != 0)
		status = EXIT_OWN_FAILURE;
	if (o.summary || o.tree || o.critical) {
		f = open_out(o.output);
		if (f == NULL)
			status = EXIT_OWN_FAILURE;
		else {
			o.color = o.format == REPORT_FORMAT_TEXT &&
			    color_use(o.color_when, fileno(f));
			errno = 0;
			write_reports(f, m, &o);
			if (close_out(f, o.output) != 0)
				status = EXIT_OWN_FAILURE;
		}
	}
	report_model_free(m);
	return status;
}
