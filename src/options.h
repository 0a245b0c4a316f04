/* options.h - the command line, parsed once into one struct. */
#ifndef FW_OPTIONS_H
#define FW_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "color.h"
#include "engine.h"
#include "optable.h"
#include "tlog-write.h"

/* forkwatch's own exit statuses (the traced program's are passed on). */
#define FW_EXIT_FAILURE		125	/* forkwatch itself failed */
#define FW_EXIT_CANNOT_RUN	126	/* PROGRAM found but not runnable */
#define FW_EXIT_NOT_FOUND	127	/* PROGRAM not found */

enum fw_mode {
	FW_MODE_BATCH,		/* log only; with -x/-e: run the scripts */
	FW_MODE_CONSOLE,	/* the readline prompt (-c) */
	FW_MODE_TUI,		/* the curses front end (--tui) */
	FW_MODE_REPLAY,		/* the TUI over a saved JSONL log (--replay) */
};

/* One -x FILE or -e CMD, in command-line order. */
enum fw_script_kind {
	FW_SCRIPT_FILE,
	FW_SCRIPT_CMD,
};

struct fw_script {
	enum fw_script_kind	 kind;
	const char		*arg;	/* points into main's argv */
};

struct fw_options {
	enum fw_mode	 mode;	/* when none is given: TUI on a terminal,
				 * else batch */
	const char	*output;	/* -o; NULL: stderr (batch) or none */
	int		 log_fd;	/* where "-o -" writes: STDOUT_FILENO,
					 * or a copy of it when forkwatch's own
					 * output moved to stderr */
	int		 prog_stdout;	/* >= 0: the launched program's stdout
					 * (forkwatch's original stdout); -1:
					 * forkwatch's stdout as it is */
	enum tlog_format format;
	enum color_when	 color;		/* --color: the text log's colour */
	bool		 quiet;
	bool		 want_env;
	bool		 want_fds;	/* --fds */
	pid_t		*pids;		/* -p, malloc'd */
	size_t		 npids;
	bool		 subtree;	/* --subtree: -p with every descendant */
	int		 depth;		/* --depth N; -1: no limit */
	char		**argv;		/* PROGRAM ARG... (points into main's argv) */
	struct fw_script *scripts;	/* -x and -e in order, malloc'd */
	size_t		 nscripts;
	const char	*tty;		/* --tty: "inherit", "pty" or a terminal
					 * path for the TUI's program; NULL */
	const char	*replay;	/* --replay LOG */
	bool		 follow;	/* --follow: the log is still being
					 * written */
	int		 scrollback;	/* --scrollback LINES; -1: default */
	enum engine_backend_kind backend;	/* --backend */
	bool		 system;	/* --system: every task (eBPF) */
	size_t		 bpf_buffer;	/* --bpf-buffer bytes, 0: default */
};

/* forkwatch's own options (not its subcommands'). */
extern const struct optable options_table;

/* A subcommand: `forkwatch NAME ...` runs main(argc, argv) with argv[0] =
 * NAME. The list ends with a NULL name. */
struct options_subcommand {
	const char		*name;
	const struct optable	*options;
	int			(*main)(int argc, char **argv);
};
extern const struct options_subcommand options_subcommands[];

/* Parse argv. Returns 0 to run, 1 when done (help/version printed), or
 * -1 after printing a one-line error (exit FW_EXIT_FAILURE). */
int	options_parse(struct fw_options *, int argc, char **argv);
/* "-o -": give standard output to the log in every mode. Batch mode writes
 * nothing else there. The console, -x/-e scripts and the TUI write their
 * own output to standard output: it is moved to standard error (the TUI
 * draws on standard error's terminal), the log keeps the original, and so
 * does the launched program (log_fd, prog_stdout). Returns 0, or -1 after
 * a one-line error (the TUI would draw where the log goes). */
int	options_log_stdout(struct fw_options *);
void	options_release(struct fw_options *);
void	options_usage(FILE *);

#endif
