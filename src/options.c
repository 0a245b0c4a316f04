/* options.c - command line parsing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complete.h"
#include "options.h"
#include "report.h"
#include "util.h"
#include "version.h"

enum {
	OPT_FORMAT = 256,
	OPT_ENV,
	OPT_FDS,
	OPT_TUI,
	OPT_TTY,
	OPT_REPLAY,
	OPT_COMPLETION,
	OPT_COLOR,
	OPT_SCROLLBACK,
	OPT_FOLLOW,
	OPT_BACKEND,
	OPT_SYSTEM,
	OPT_BPF_BUFFER,
	OPT_SUBTREE,
	OPT_DEPTH,
};

static const char *const format_words[] = { "text", "jsonl", NULL };
static const char *const tty_words[] = { "pty", "inherit", NULL };
static const char *const shell_words[] = { "bash", "zsh", NULL };
static const char *const backend_words[] = { "ptrace", "bpf", NULL };

/* Every option of forkwatch (not of its subcommands): getopt_long, --help,
 * the shell completions and the man page check read this table. */
static const struct optable_entry option_entries[] = {
	{ .name = "batch", .letter = 'b', .id = 'b',
	  .help = "trace without interaction and write the log\n"
	    "(with -x/-e: run the commands, then trace to the end)" },
	{ .name = "console", .letter = 'c', .id = 'c',
	  .help = "debug at a command prompt: stop at events, step,\n"
	    "look at every task (see 'help' at the prompt)" },
	{ .name = "tui", .id = OPT_TUI,
	  .help = "the full-screen interface (default on a terminal)" },
	{ .name = "tty", .id = OPT_TTY, .value = OPTV_WORD, .metavar = "WHERE",
	  .words = tty_words,
	  .help = "the TUI runs the program on: pty (a pane, default),\n"
	    "inherit (this terminal) or a terminal /dev/pts/N" },
	{ .name = "replay", .id = OPT_REPLAY, .value = OPTV_LOG,
	  .metavar = "LOG",
	  .help = "browse a saved JSONL log in the TUI" },
	{ .name = "follow", .id = OPT_FOLLOW,
	  .help = "with --replay: the log is still being written;\n"
	    "the timeline grows as it is (like tail -f)" },
	{ .name = "scrollback", .id = OPT_SCROLLBACK, .value = OPTV_TEXT,
	  .metavar = "LINES",
	  .help = "lines of the program's output the TUI keeps\n"
	    "to scroll back to (default 10000)" },
	{ .name = "command-file", .letter = 'x', .id = 'x', .value = OPTV_FILE,
	  .metavar = "FILE", .flags = OPTF_REPEAT,
	  .help = "run console commands from FILE (repeatable)" },
	{ .name = "eval", .letter = 'e', .id = 'e', .value = OPTV_TEXT,
	  .metavar = "CMD", .flags = OPTF_REPEAT,
	  .help = "run one console command (repeatable; -x and -e\n"
	    "run in the order given, before the prompt)" },
	{ .name = "output", .letter = 'o', .id = 'o', .value = OPTV_FILE,
	  .metavar = "FILE",
	  .help = "write the trace log to FILE, - for standard output,\n"
	    "unix:PATH to a listening Unix socket (batch mode\n"
	    "without -o: standard error)" },
	{ .name = "format", .id = OPT_FORMAT, .value = OPTV_WORD,
	  .words = format_words,
	  .help = "log format: text (default) or jsonl" },
	{ .name = "color", .id = OPT_COLOR, .value = OPTV_WORD,
	  .metavar = "WHEN", .words = color_words,
	  .help = "colour the text log: auto (on a terminal, unless\n"
	    "NO_COLOR is set), always or never" },
	{ .name = "env", .id = OPT_ENV,
	  .help = "also log each exec's environment" },
	{ .name = "fds", .id = OPT_FDS,
	  .help = "also log the fds open across each exec (and those\n"
	    "it closed, close-on-exec)" },
	{ .name = "pid", .letter = 'p', .id = 'p', .value = OPTV_PIDS,
	  .metavar = "PID[,PID..]", .flags = OPTF_REPEAT,
	  .help = "attach to running processes (all their threads)" },
	{ .name = "backend", .id = OPT_BACKEND, .value = OPTV_WORD,
	  .words = backend_words,
	  .help = "ptrace (default: stops each task at each event) or\n"
	    "bpf (eBPF tracepoints: never stops a task; logs and\n"
	    "watching only; needs root or CAP_BPF+CAP_PERFMON)" },
	{ .name = "system", .id = OPT_SYSTEM,
	  .help = "every process and thread of the machine, kernel\n"
	    "threads included (with --backend=bpf)" },
	{ .name = "bpf-buffer", .id = OPT_BPF_BUFFER, .value = OPTV_TEXT,
	  .metavar = "SIZE",
	  .help = "the eBPF ring buffer (default 16M; K, M, G suffixes)" },
	{ .name = "subtree", .id = OPT_SUBTREE,
	  .help = "with -p: attach to every existing descendant too\n"
	    "(threads included), so the tree is whole at once" },
	{ .name = "depth", .id = OPT_DEPTH, .value = OPTV_TEXT, .metavar = "N",
	  .help = "follow processes at most N levels below the root\n"
	    "(or each -p process); deeper ones are let go" },
	{ .name = "quiet", .letter = 'q', .id = 'q',
	  .help = "no start/stop notices" },
	{ .name = "completion", .id = OPT_COMPLETION, .value = OPTV_WORD,
	  .metavar = "SHELL", .words = shell_words, .flags = OPTF_ALONE,
	  .help = "print the bash or zsh completion script" },
	{ .name = "help", .letter = 'h', .id = 'h', .flags = OPTF_ALONE,
	  .help = "show this help" },
	{ .name = "version", .letter = 'V', .id = 'V', .flags = OPTF_ALONE,
	  .help = "show the version and what was built in" },
};

const struct optable options_table = {
	"forkwatch", "follow a program's whole process tree",
	option_entries, FW_ARRAY_SIZE(option_entries), OPTV_PROGRAM,
};

/* forkwatch's subcommands: the first word of the command line. */
const struct options_subcommand options_subcommands[] = {
	{ "report", &report_optable, report_main },
	{ NULL, NULL, NULL },
};

void
options_usage(FILE *f)
{
	fprintf(f,
"usage: forkwatch [OPTIONS] [--] PROGRAM [ARG...]\n"
"       forkwatch [OPTIONS] -p PID[,PID...]\n"
"       forkwatch --replay LOG.jsonl\n"
"       forkwatch report [OPTIONS] LOG.jsonl\n"
"\n"
"Follow a program's whole process tree: every fork, vfork, clone, exec,\n"
"exit and signal, stopping only at those events.\n"
"\n");
	optable_help(f, &options_table);
	fprintf(f,
"\n"
"Without -b, -c or --tui: the TUI when stdin and stdout are terminals\n"
"(and not -o -), else batch.\n"
"\n"
"Exit status: the program's own (128+N if killed by signal N); 125 if\n"
"forkwatch failed (or a -x/-e command failed), 126 if PROGRAM cannot run,\n"
"127 if it is not found. 0 after attaching with -p.\n"
"See forkwatch(1).\n");
}

/* "16M", "512K", "1048576" -> bytes; -1 when malformed or over 1G. */
static long long
parse_size(const char *s)
{
	char		*end;
	long long	 v = strtoll(s, &end, 10);

	if (end == s || v <= 0 || v > (1LL << 30))
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	return *end == '\0' && v <= (1LL << 30) ? v : -1;
}

/* --depth N: a number of levels, 0 or more. */
static int
parse_depth(struct fw_options *o, const char *arg)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > 1000000) {
		fw_error(0, "--depth wants a number of levels (0 or more), not "
		    "'%s'", arg);
		return -1;
	}
	o->depth = (int)v;
	return 0;
}

/* Parse "12,34" into o->pids. Every comma separates two ids: "1,,2",
 * ",1" and "1," are errors, not a shorter list. */
static int
parse_pids(struct fw_options *o, const char *arg)
{
	const char	*p = arg, *comma;
	char		*tok;
	int		 pid;

	if (*arg == '\0') {
		fw_error(0, "-p needs a process id");
		return -1;
	}
	for (;;) {
		comma = strchr(p, ',');
		tok = comma != NULL ? fw_strndup(p, (size_t)(comma - p)) :
		    fw_strdup(p);
		if (*tok == '\0') {
			fw_error(0, "empty process id in '%s' for -p", arg);
			free(tok);
			return -1;
		}
		if (fw_parse_pid(tok, &pid) != 0) {
			fw_error(0, "invalid process id '%s' for -p", tok);
			free(tok);
			return -1;
		}
		free(tok);
		o->pids = fw_realloc(o->pids, (o->npids + 1) * sizeof *o->pids);
		o->pids[o->npids++] = (pid_t)pid;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* --scrollback=N: 0 to 10^7 lines. */
static int
parse_lines(const char *s, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < 0 || v > 10000000) {
		fw_error(0, "--scrollback wants a number of lines from 0 to "
		    "10000000, not '%s'", s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static const char *
mode_option(enum fw_mode m)
{
	switch (m) {
	case FW_MODE_BATCH:	return "--batch";
	case FW_MODE_CONSOLE:	return "--console";
	case FW_MODE_TUI:	return "--tui";
	case FW_MODE_REPLAY:	return "--replay";
	}
	return "?";
}

/* Record the mode an option asks for; two different ones conflict. */
static int
set_mode(struct fw_options *o, bool *mode_set, enum fw_mode m)
{
	if (*mode_set && o->mode != m) {
		fw_error(0, "%s and %s cannot be used together",
		    mode_option(o->mode), mode_option(m));
		return -1;
	}
	o->mode = m;
	*mode_set = true;
	return 0;
}

static void
add_script(struct fw_options *o, enum fw_script_kind kind, const char *arg)
{
	o->scripts = fw_realloc(o->scripts,
	    (o->nscripts + 1) * sizeof *o->scripts);
	o->scripts[o->nscripts].kind = kind;
	o->scripts[o->nscripts].arg = arg;
	o->nscripts++;
}

/* After the options: the default mode and what each mode needs. */
static int
check_mode(struct fw_options *o, bool mode_set)
{
	/* "-o -" claims standard output for the log: not the TUI's. */
	if (!mode_set)
		o->mode = !o->system && isatty(STDIN_FILENO) &&
		    isatty(STDOUT_FILENO) &&
		    !(o->output != NULL && strcmp(o->output, "-") == 0) ?
		    FW_MODE_TUI : FW_MODE_BATCH;
	if (o->mode == FW_MODE_REPLAY) {
		if (o->argv != NULL || o->npids > 0) {
			fw_error(0, "--replay shows a saved log: give no "
			    "PROGRAM and no -p");
			return -1;
		}
		if (o->nscripts > 0) {
			fw_error(0, "-x and -e cannot be used with --replay");
			return -1;
		}
		return 0;
	}
	if (o->follow) {
		fw_error(0, "--follow is for --replay (and forkwatch report)");
		return -1;
	}
	if (o->want_fds && o->backend == ENGINE_BPF) {
		fw_error(0, "--fds needs the ptrace backend (the eBPF backend "
		    "does not read a task's file descriptors)");
		return -1;
	}
	if (o->depth >= 0 && o->backend == ENGINE_BPF) {
		fw_error(0, "--depth needs the ptrace backend (the eBPF backend "
		    "cannot let a task go before it runs)");
		return -1;
	}
	if (o->system) {
		if (o->backend != ENGINE_BPF) {
			fw_error(0, "--system needs --backend=bpf (ptrace "
			    "cannot follow kernel threads)");
			return -1;
		}
		if (o->argv != NULL || o->npids > 0) {
			fw_error(0, "--system traces everything: give no "
			    "PROGRAM and no -p");
			return -1;
		}
		if (o->mode != FW_MODE_BATCH) {
			fw_error(0, "--system writes a log: use it with "
			    "--batch (and browse the log with --replay)");
			return -1;
		}
		return 0;
	}
	if (o->tty != NULL && o->mode != FW_MODE_TUI) {
		fw_error(0, "--tty is for the TUI (--tui)");
		return -1;
	}
	if (o->scrollback >= 0 && o->mode != FW_MODE_TUI) {
		fw_error(0, "--scrollback is for the TUI (--tui)");
		return -1;
	}
	if (o->argv == NULL && o->npids == 0) {
		fw_error(0, "nothing to trace: give a PROGRAM or -p PID "
		    "(see forkwatch --help)");
		return -1;
	}
	if (o->argv != NULL && o->npids > 0) {
		fw_error(0, "give either a PROGRAM or -p PID, not both");
		return -1;
	}
	if (o->subtree && o->npids == 0) {
		fw_error(0, "--subtree is for -p PID (a launched program's tree "
		    "is followed from its start)");
		return -1;
	}
	return 0;
}

/* The getopt loop of options_parse(). */
static int
parse(struct fw_options *o, int argc, char **argv, struct optable_getopt *g)
{
	bool		 mode_set = false;
	int		 c, f;
	long long	 sz;

	memset(o, 0, sizeof *o);
	o->log_fd = STDOUT_FILENO;
	o->prog_stdout = -1;
	o->mode = FW_MODE_BATCH;
	o->scrollback = -1;
	o->depth = -1;
	o->format = TLOG_TEXT;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, g->shortopts, g->longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			if (set_mode(o, &mode_set, FW_MODE_BATCH) != 0)
				return -1;
			break;
		case 'c':
			if (set_mode(o, &mode_set, FW_MODE_CONSOLE) != 0)
				return -1;
			break;
		case OPT_TUI:
			if (set_mode(o, &mode_set, FW_MODE_TUI) != 0)
				return -1;
			break;
		case OPT_REPLAY:
			if (set_mode(o, &mode_set, FW_MODE_REPLAY) != 0)
				return -1;
			o->replay = optarg;
			break;
		case OPT_TTY:
			if (optable_word(optable_find(&options_table, c),
			    optarg) < 0 && optarg[0] != '/') {
				fw_error(0, "--tty wants pty, inherit or a "
				    "terminal's path, not '%s'", optarg);
				return -1;
			}
			o->tty = optarg;
			break;
		case 'x':
			add_script(o, FW_SCRIPT_FILE, optarg);
			break;
		case 'e':
			add_script(o, FW_SCRIPT_CMD, optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_FORMAT:
			if ((f = tlog_format_parse(optarg)) < 0) {
				fw_error(0, "unknown log format '%s' (use text "
				    "or jsonl)", optarg);
				return -1;
			}
			o->format = (enum tlog_format)f;
			break;
		case OPT_SCROLLBACK:
			if (parse_lines(optarg, &o->scrollback) != 0)
				return -1;
			break;
		case OPT_COLOR:
			if ((f = optable_word(optable_find(&options_table, c),
			    optarg)) < 0) {
				fw_error(0, "--color wants auto, always or "
				    "never, not '%s'", optarg);
				return -1;
			}
			o->color = (enum color_when)f;
			break;
		case OPT_FOLLOW:
			o->follow = true;
			break;
		case OPT_ENV:
			o->want_env = true;
			break;
		case OPT_FDS:
			o->want_fds = true;
			break;
		case 'p':
			if (parse_pids(o, optarg) != 0)
				return -1;
			break;
		case OPT_SUBTREE:
			o->subtree = true;
			break;
		case OPT_DEPTH:
			if (parse_depth(o, optarg) != 0)
				return -1;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_BACKEND:
			o->backend = optable_word(optable_find(&options_table,
			    c), optarg) == 1 ? ENGINE_BPF : ENGINE_PTRACE;
			if (optable_word(optable_find(&options_table, c),
			    optarg) < 0) {
				fw_error(0, "unknown backend '%s' (use ptrace "
				    "or bpf)", optarg);
				return -1;
			}
			break;
		case OPT_SYSTEM:
			o->system = true;
			break;
		case OPT_BPF_BUFFER:
			if ((sz = parse_size(optarg)) < 0) {
				fw_error(0, "--bpf-buffer wants a size such as "
				    "16M (at most 1G), not '%s'", optarg);
				return -1;
			}
			o->bpf_buffer = (size_t)sz;
			break;
		case 'h':
			options_usage(stdout);
			return 1;
		case 'V':
			version_print(stdout);
			return 1;
		case OPT_COMPLETION:
			if (complete_print(stdout, optarg) != 0) {
				fw_error(0, "no completion for '%s' (use bash "
				    "or zsh)", optarg);
				return -1;
			}
			return 1;
		case ':':
			fw_error(0, "option '%s' needs an argument",
			    argv[optind - 1]);
			return -1;
		default:
			if (optopt != 0)
				fw_error(0, "unknown option '-%c' (see "
				    "forkwatch --help)", optopt);
			else
				fw_error(0, "unknown option '%s' (see "
				    "forkwatch --help)", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc)
		o->argv = argv + optind;
	return check_mode(o, mode_set);
}

int
options_log_stdout(struct fw_options *o)
{
	int	 fd;

	if (o->output == NULL || strcmp(o->output, "-") != 0 ||
	    o->mode == FW_MODE_REPLAY)
		return 0;
	if (o->mode == FW_MODE_BATCH && o->nscripts == 0)
		return 0;	/* nothing else goes to standard output */
	if (o->mode == FW_MODE_TUI && isatty(STDOUT_FILENO)) {
		fw_error(0, "-o -: standard output is the terminal the TUI "
		    "draws on; redirect it to a file or a pipe");
		return -1;
	}
	if ((fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
		fw_error(errno, "-o -: cannot set up standard output");
		return -1;
	}
	o->log_fd = fd;
	o->prog_stdout = fd;
	return 0;
}

int
options_parse(struct fw_options *o, int argc, char **argv)
{
	struct optable_getopt	 g;
	int			 r;

	/* '+': options end at PROGRAM, whose own options are its business. */
	optable_getopt_init(&g, &options_table, "+:");
	r = parse(o, argc, argv, &g);
	optable_getopt_release(&g);
	return r;
}

void
options_release(struct fw_options *o)
{
	if (o->prog_stdout >= 0)
		close(o->prog_stdout);
	o->prog_stdout = -1;
	free(o->pids);
	o->pids = NULL;
	free(o->scripts);
	o->scripts = NULL;
	o->nscripts = 0;
}
