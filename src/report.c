/* report.c - `forkwatch report`: options, reading the log, running views. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "escape.h"
#include "optable.h"
#include "report.h"
#include "report-ccdb.h"
#include "report-critical.h"
#include "report-follow.h"
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
#include "util.h"

#define EXIT_OWN_FAILURE	125

/* Columns for command lines when the output is not a terminal. */
#define DEFAULT_WIDTH		120
/* SVG rows by default: about 27,000 px, which rsvg-convert (at most
 * 32,767) and browsers draw. */
#define DEFAULT_MAX_ROWS	1500

enum {
	OPT_SUMMARY = 256,
	OPT_TREE,
	OPT_FINAL_TREE,
	OPT_DEPTH,
	OPT_UNDER,
	OPT_COLLAPSE,
	OPT_PIDS,
	OPT_CRITICAL,
	OPT_SLOWEST,
	OPT_DIFF,
	OPT_PERFETTO,
	OPT_SVG,
	OPT_OTLP,
	OPT_CCDB,
	OPT_FORMAT,
	OPT_TOP,
	OPT_WIDE,
	OPT_MIN_DURATION,
	OPT_MAX_ROWS,
	OPT_COLOR,
	OPT_FOLLOW,
	OPT_INTERVAL
};

static const char *const format_words[] = { "text", "json", NULL };

/* Every option of `forkwatch report`: getopt_long, --help, the shell
 * completions and the man page check read this table. */
static const struct optable_entry report_entries[] = {
	{ .help = "Reports (to standard output, or to the file of -o):" },
	{ .name = "summary", .id = OPT_SUMMARY,
	  .help = "wall time, the slow step, parallelism; processes,\n"
	    "threads, execs; failures that propagated and those\n"
	    "handled, with their parent chains; top commands by\n"
	    "count, exclusive time, CPU time and max RSS (the\n"
	    "default when nothing else is asked for)" },
	{ .name = "tree", .id = OPT_TREE,
	  .help = "the process tree: command, duration, exit status,\n"
	    "rusage of every process; failed branches marked;\n"
	    "clone flags beyond a plain fork; re-parented\n"
	    "processes marked where they were created" },
	{ .name = "final-tree", .id = OPT_FINAL_TREE,
	  .help = "the tree as it was at the end: a re-parented\n"
	    "process under its new parent, an untraced new\n"
	    "parent (init, a subreaper) as a root of its own" },
	{ .name = "critical-path", .id = OPT_CRITICAL,
	  .help = "the processes that bounded the wall time, each with\n"
	    "its self time and share" },
	{ .name = "slowest", .id = OPT_SLOWEST, .value = OPTV_TEXT,
	  .metavar = "N",
	  .help = "the N longest leaf processes (no traced children)" },
	{ .name = "diff", .id = OPT_DIFF,
	  .help = "compare two logs, A.jsonl B.jsonl: processes new in\n"
	    "B, gone from A, newly failing and much slower" },
	{ .help = "\nOptions:" },
	{ .name = "depth", .id = OPT_DEPTH, .value = OPTV_TEXT, .metavar = "N",
	  .help = "show the tree (and SVG) N levels deep only" },
	{ .name = "under", .id = OPT_UNDER, .value = OPTV_TEXT,
	  .metavar = "PID",
	  .help = "start the tree, SVG, exports and critical path at\n"
	    "process PID" },
	{ .name = "collapse-threads", .id = OPT_COLLAPSE,
	  .help = "one line per process, not one per thread" },
	{ .name = "inner-pids", .id = OPT_PIDS,
	  .help = "tree: a process in another pid namespace by the\n"
	    "pid it has there (forkwatch's follows its command)" },
	{ .name = "top", .id = OPT_TOP, .value = OPTV_TEXT, .metavar = "N",
	  .help = "rows in each top table and failure list (default\n"
	    "10)" },
	{ .name = "wide", .id = OPT_WIDE,
	  .help = "full command lines (default: cut to the terminal's\n"
	    "width, or 120 columns, keeping the program and the\n"
	    "files it works on)" },
	{ .name = "min-duration", .id = OPT_MIN_DURATION, .value = OPTV_TEXT,
	  .metavar = "TIME",
	  .help = "leave processes shorter than TIME (5ms, 0.2s) out\n"
	    "of the tree and the SVG; fold them in the critical\n"
	    "path" },
	{ .name = "max-rows", .id = OPT_MAX_ROWS, .value = OPTV_TEXT,
	  .metavar = "N",
	  .help = "SVG: draw at most N processes, the longest\n"
	    "(default 1500)" },
	{ .name = "follow", .id = OPT_FOLLOW,
	  .help = "follow a log still being written (like tail -f)\n"
	    "until its end line; report what was read so far on\n"
	    "SIGUSR1" },
	{ .name = "interval", .id = OPT_INTERVAL, .value = OPTV_TEXT,
	  .metavar = "SECONDS",
	  .help = "with --follow: also every SECONDS" },
	{ .name = "format", .id = OPT_FORMAT, .value = OPTV_WORD,
	  .words = format_words,
	  .help = "the form of the reports (default text)" },
	{ .name = "output", .letter = 'o', .id = 'o', .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "write the reports to FILE" },
	{ .name = "color", .id = OPT_COLOR, .value = OPTV_WORD,
	  .metavar = "WHEN", .words = color_words,
	  .help = "colour the text reports: auto (on a terminal,\n"
	    "unless NO_COLOR is set), always or never" },
	{ .help = "\nExports (each to its own FILE; - is standard output):" },
	{ .name = "perfetto", .id = OPT_PERFETTO, .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "Chrome trace-event JSON for ui.perfetto.dev" },
	{ .name = "svg", .id = OPT_SVG, .value = OPTV_FILE, .metavar = "FILE",
	  .help = "an SVG timeline picture" },
	{ .name = "otlp", .id = OPT_OTLP, .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "an OpenTelemetry trace (OTLP/JSON): a span per\n"
	    "process" },
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
	    "       forkwatch report --diff [OPTIONS] A.jsonl B.jsonl\n"
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

/* Parse a duration: a number of seconds, or one followed by s, ms or us.
 * -1 if s is not one. */
static int
parse_duration(const char *s, double *out)
{
	static const struct {
		const char	*unit;
		double		 scale;
	} units[] = { { "", 1 }, { "s", 1 }, { "ms", 1e-3 }, { "us", 1e-6 } };
	char	*end;
	double	 v;
	size_t	 i;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || !(v >= 0) || v > 1e9)
		return -1;
	for (i = 0; i < FW_ARRAY_SIZE(units); i++) {
		if (strcmp(end, units[i].unit) == 0) {
			*out = v * units[i].scale;
			return 0;
		}
	}
	return -1;
}

/* The columns of the terminal the reports go to, or DEFAULT_WIDTH. */
/* Parse a positive number of seconds (at most a day); -1 if s is not one. */
static int
parse_seconds(const char *s, double *out)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > 0) || v > 86400)
		return -1;
	*out = v;
	return 0;
}

static size_t
terminal_width(const struct report_opts *o)
{
	struct winsize	 ws;

	if ((o->output == NULL || strcmp(o->output, "-") == 0) &&
	    isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col;
	return DEFAULT_WIDTH;
}

/* The getopt loop of parse_options(). */
static int
parse(int argc, char **argv, struct report_opts *o, struct optable_getopt *g)
{
	long long	 v;
	int		 c, word, nlogs;
	bool		 wide = false;

	memset(o, 0, sizeof *o);
	o->depth = -1;
	o->top = 10;
	o->max_rows = DEFAULT_MAX_ROWS;
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
		case OPT_FINAL_TREE:
			o->tree = true;
			o->final_tree = true;
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
		case OPT_PIDS:
			o->pids_inner = true;
			break;
		case OPT_CRITICAL:
			o->critical = true;
			break;
		case OPT_SLOWEST:
			if (parse_num(optarg, 1, INT_MAX, &v) != 0)
				return usage_error("bad --slowest '%s': "
				    "expected a number >= 1", optarg);
			o->slowest = (int)v;
			break;
		case OPT_DIFF:
			o->diff = true;
			break;
		case OPT_WIDE:
			wide = true;
			break;
		case OPT_MIN_DURATION:
			if (parse_duration(optarg, &o->min_duration) != 0)
				return usage_error("bad --min-duration '%s': "
				    "expected a time such as 5ms or 0.2s",
				    optarg);
			break;
		case OPT_MAX_ROWS:
			if (parse_num(optarg, 1, 1000000, &v) != 0)
				return usage_error("bad --max-rows '%s': "
				    "expected a number from 1 to 1000000",
				    optarg);
			o->max_rows = (size_t)v;
			break;
		case OPT_OTLP:
			o->otlp = optarg;
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
		case OPT_FOLLOW:
			o->follow = true;
			break;
		case OPT_INTERVAL:
			if (parse_seconds(optarg, &o->interval) != 0)
				return usage_error("bad --interval '%s': "
				    "expected seconds > 0", optarg);
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
	if (o->interval > 0 && !o->follow)
		return usage_error("%s", "--interval needs --follow");
	if (o->follow && o->diff)
		return usage_error("%s", "--diff compares two whole logs: no "
		    "--follow");
	nlogs = o->diff ? 2 : 1;
	if (optind >= argc)
		return usage_error("%s", o->diff ? "--diff needs two LOG files" :
		    "no LOG file given");
	if (o->diff && optind + 1 >= argc)
		return usage_error("--diff needs two LOG files, got one");
	if (optind + nlogs < argc)
		return usage_error("unexpected argument '%s' (%s)",
		    argv[optind + nlogs], o->diff ? "--diff compares two LOG "
		    "files" : "one LOG file only");
	o->log = argv[optind];
	if (o->diff) {
		o->log2 = argv[optind + 1];
		if (o->tree || o->critical || o->slowest || o->summary ||
		    o->perfetto || o->svg || o->otlp || o->ccdb)
			return usage_error("%s", "--diff takes no other report "
			    "or export");
	}
	if (!o->tree && !o->critical && !o->slowest && !o->diff &&
	    o->perfetto == NULL && o->svg == NULL && o->otlp == NULL &&
	    o->ccdb == NULL)
		o->summary = true;
	o->width = wide ? 0 : terminal_width(o);
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

/* A file name for a message: escaped like every string that may hold
 * control characters (a log found by a glob can be called anything).
 * Returns a static buffer, good until the next call. */
static const char *
fname(const char *path)
{
	static struct fw_buf	 b;

	fw_buf_reset(&b);
	esc_text_bare(&b, path, strlen(path));
	return fw_buf_cstr(&b);
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
		    fname(tlog_read_name(r)), lost);
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
		    fname(tlog_read_name(r)), line, why);
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
		    fname(tlog_read_name(r)));
	fw_buf_addc(&b, '\n');
	fputs(b.data, stderr);
	fw_buf_release(&b);
}

static void	write_reports(FILE *, const struct report_model *,
		    const struct report_opts *);

/* With --follow, on SIGUSR1 or a tick: the reports of what was read so
 * far, after a line that says so. */
static void
snapshot(FILE *f, struct report_model *m, const struct report_opts *o,
    const struct report_follow *fl)
{
	struct report_opts	 so_far;

	if (f == NULL)
		return;
	if (o->format == REPORT_FORMAT_TEXT)
		fprintf(f, "--- %s: %lu events so far; the log is still being "
		    "written ---\n", fname(tlog_read_name(fl->r)), m->n_events);
	if (o->has_under && report_model_find(m, o->under, 0) == NULL) {
		if (o->format == REPORT_FORMAT_TEXT)
			fprintf(f, "(no process %lld yet)\n\n", o->under);
		fflush(f);
		return;
	}
	report_model_settle(m);
	so_far = *o;
	so_far.so_far = true;
	write_reports(f, m, &so_far);
	if (o->format == REPORT_FORMAT_TEXT)
		putc('\n', f);
	fflush(f);
}

/* Read the whole log at path into a new model (following it when follow,
 * showing snapshots in f). NULL (after printing why) when the log cannot
 * be used at all. */
static struct report_model *
load(const struct report_opts *o, const char *path, bool follow, FILE *f)
{
	struct report_follow	 fl;
	struct report_model	*m;
	struct tlog_event	 ev;
	const char		*name;
	int			 rc;

	memset(&ev, 0, sizeof ev);
	if (report_follow_open(&fl, path, follow, o->interval) != 0)
		return NULL;
	m = report_model_new();
	while ((rc = report_follow_next(&fl, &ev)) > 0) {
		if (rc == REPORT_FOLLOW_SHOW)
			snapshot(f, m, o, &fl);
		else
			report_model_add(m, &ev);
	}
	name = fname(tlog_read_name(fl.r));
	if (rc < 0)
		fprintf(stderr, "forkwatch: %s: warning: read error after "
		    "line %lu: %s; reporting what was read\n", name,
		    ev.lineno, strerror(errno));
	if (tlog_read_truncated(fl.r))
		fprintf(stderr, "forkwatch: %s: warning: the log was "
		    "truncated while followed (a new trace in the same file?); "
		    "reporting what was read before\n", name);
	if (fl.stopped)
		fprintf(stderr, "forkwatch: %s: stopped following after %lu "
		    "events; reporting what was read\n", name, m->n_events);
	if (f != NULL && fl.shown > 0 && o->format == REPORT_FORMAT_TEXT)
		fprintf(f, "--- %s: %s ---\n", name, fl.stopped ?
		    "stopped following; what was read" : "the whole log");
	warn_damage(fl.r);
	report_follow_close(&fl);
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
		fprintf(stderr, "forkwatch: cannot create %s: %s\n", fname(path),
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
		    path != NULL ? fname(path) : "standard output",
		    strerror(err));
		return -1;
	}
	return 0;
}

static bool
want_summary(const struct report_opts *o)
{
	return o->summary;
}

static bool
want_tree(const struct report_opts *o)
{
	return o->tree;
}

static bool
want_critical(const struct report_opts *o)
{
	return o->critical;
}

static bool
want_slowest(const struct report_opts *o)
{
	return o->slowest > 0;
}

/* The reports: each is asked for by a member of struct report_opts, and
 * written as text or as a member of one JSON object, in this order. */
static const struct report_view {
	const char	*json_key;
	bool		(*wanted)(const struct report_opts *);
	void		(*text)(FILE *, const struct report_model *,
			    const struct report_opts *);
	void		(*json)(struct report_json *,
			    const struct report_model *,
			    const struct report_opts *);
} views[] = {
	{ "summary", want_summary, report_summary_text, report_summary_json },
	{ "tree", want_tree, report_tree_text, report_tree_json },
	{ "critical_path", want_critical, report_critical_text,
	    report_critical_json },
	{ "slowest", want_slowest, report_slowest_text, report_slowest_json },
};

/* The reports asked for, as text or one JSON object. */
static void
write_reports(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_json	 j;
	bool			 sep = false;
	size_t			 i;

	if (o->format == REPORT_FORMAT_JSON) {
		report_json_init(&j, f, SIZE_MAX);
		report_json_begin_object(&j);
	}
	for (i = 0; i < FW_ARRAY_SIZE(views); i++) {
		if (!views[i].wanted(o))
			continue;
		if (o->format == REPORT_FORMAT_JSON) {
			report_json_key(&j, views[i].json_key);
			views[i].json(&j, m, o);
			continue;
		}
		if (sep)
			putc('\n', f);
		views[i].text(f, m, o);
		sep = true;
	}
	if (o->format == REPORT_FORMAT_JSON) {
		report_json_end_object(&j);
		report_json_release(&j);
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

/* compile_commands.json, and a line on what was left out. */
static void
ccdb_export(FILE *f, const struct report_model *m,
    const struct report_opts *o)
{
	struct report_ccdb_stats cs;

	report_ccdb_write(f, m, &cs);
	ccdb_notice(o->ccdb, &cs);
	free(cs.first_missing);
}

/* The exports: the file each goes to is a member of struct report_opts. */
static const struct report_export {
	size_t		 file;		/* offset of its const char * */
	void		(*write)(FILE *, const struct report_model *,
			    const struct report_opts *);
} exports[] = {
	{ offsetof(struct report_opts, perfetto), report_perfetto_write },
	{ offsetof(struct report_opts, svg), report_svg_write },
	{ offsetof(struct report_opts, otlp), report_otlp_write },
	{ offsetof(struct report_opts, ccdb), ccdb_export },
};

/* Whether any report (not an export) is asked for. */
static bool
want_reports(const struct report_opts *o)
{
	return o->diff || o->summary || o->tree || o->critical ||
	    o->slowest > 0;
}

/* Open the reports' file and decide their colour; NULL after saying why. */
static FILE *
open_reports(struct report_opts *o)
{
	FILE	*f = open_out(o->output);

	if (f != NULL)
		o->color = o->format == REPORT_FORMAT_TEXT &&
		    color_use(o->color_when, fileno(f));
	return f;
}

/* Write the reports asked for (or the comparison with m2) to o->output,
 * into f when it is already open. Returns 0 or -1. */
static int
reports_to_output(struct report_opts *o, FILE *f,
    const struct report_model *m, const struct report_model *m2)
{
	if (f == NULL && (f = open_reports(o)) == NULL)
		return -1;
	errno = 0;
	if (m2 != NULL)
		report_diff_write(f, m, m2, o);
	else
		write_reports(f, m, o);
	return close_out(f, o->output);
}

int
report_main(int argc, char **argv)
{
	struct report_opts	 o;
	struct report_model	*m, *m2 = NULL;
	const char		*path;
	FILE			*f = NULL, *ef;
	size_t			 i;
	int			 rc, status = 0;

	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	/* Followed, the reports are shown along the way: open their file
	 * first. Else only once the log could be read. */
	if (o.follow && want_reports(&o) && (f = open_reports(&o)) == NULL)
		return EXIT_OWN_FAILURE;
	m = load(&o, o.log, o.follow, f);
	if (m == NULL) {
		if (f != NULL)
			close_out(f, o.output);
		return EXIT_OWN_FAILURE;
	}
	if (o.diff && (m2 = load(&o, o.log2, false, NULL)) == NULL) {
		report_model_free(m);
		return EXIT_OWN_FAILURE;
	}
	if (o.has_under && report_model_find(m, o.under, 0) == NULL) {
		fprintf(stderr, "forkwatch: %s: no process %lld in the log\n",
		    fname(o.log), o.under);
		if (f != NULL)
			close_out(f, o.output);
		report_model_free(m);
		report_model_free(m2);
		return EXIT_OWN_FAILURE;
	}
	for (i = 0; i < FW_ARRAY_SIZE(exports); i++) {
		path = *(const char *const *)((const char *)&o +
		    exports[i].file);
		if (path == NULL)
			continue;
		if ((ef = open_out(path)) == NULL) {
			status = EXIT_OWN_FAILURE;
			continue;
		}
		errno = 0;
		exports[i].write(ef, m, &o);
		if (close_out(ef, path) != 0)
			status = EXIT_OWN_FAILURE;
	}
	if (want_reports(&o) && reports_to_output(&o, f, m, m2) != 0)
		status = EXIT_OWN_FAILURE;
	report_model_free(m);
	report_model_free(m2);
	return status;
}
