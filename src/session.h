/* session.h - the debugger session that the console and the TUI share:
 * the engine, breakpoints, stepping, the event history, and the run state.
 * Front ends drive it: they run commands (cmd.h) and call session_drive()
 * while the tree runs; the session decides where the tree stops.
 *
 * Output goes through one callback, so the console prints to stdout and the
 * TUI to its panes; front-end-specific actions (asking the user, giving the
 * terminal to gdb) go through hooks. */
#ifndef FW_SESSION_H
#define FW_SESSION_H

#include <regex.h>
#include <stdbool.h>
#include <sys/types.h>

#include "engine.h"
#include "options.h"
#include "tlog-write.h"

struct bt_ctx;

/* One condition of a breakpoint, a word of its spec (session-bp.c has
 * the table of them). Written !WORD it must not hold. Of the terms of one
 * kind (one FW_BPC_* bit), at least one of those without ! must hold, and
 * none of those with: "signal SIGSEGV SIGBUS", "signal !SIGCHLD". */
struct bp_term {
	unsigned		 bit;		/* FW_BPC_* */
	bool			 neg;
	long long		 num;		/* code, pid, under, depth, signal */
	uint64_t		 mask;		/* flags~ */
	char			*str;		/* glob, comm= */
	bool			 has_re;
	regex_t			 re;		/* argv~ */
};

struct breakpoint {
	int			 id;
	bool			 enabled;
	bool			 temporary;	/* tbreak: deleted after a hit */
	unsigned		 kinds;		/* event_bp_bit()s it stops at */
	unsigned		 conds;		/* FW_BPC_* of its terms */
	unsigned long		 hits;		/* times its conditions held */
	unsigned long		 ignore;	/* hits still to let pass */
	char			*spec;		/* the text after "break" */
	/* The spec as typed: the event, then each condition word. */
	char			**words;
	int			 nwords;
	struct bp_term		*terms;
	int			 nterms;
	char			**commands;	/* "commands N" ... "end" */
	int			 ncommands;
	struct breakpoint	*next;
};

/* "handle SIG ...": bits of session.sig_handle[SIG]; 0 is the default
 * (nostop, noprint, pass). */
#define SESS_SIG_STOP	0x1	/* stop the tree at its delivery */
#define SESS_SIG_PRINT	0x2	/* say it is delivered */
#define SESS_SIG_NOPASS	0x4	/* take it away */
#define SESS_NSIG	65	/* signals 1..64 */

enum session_state {
	SESS_STOPPED,		/* tree frozen (or task-stop): the user has control */
	SESS_RUNNING,		/* tasks run until a breakpoint, step or pause */
	SESS_DONE,		/* no traced task is left */
};

enum session_stop_mode {
	SESS_STOP_ALL,		/* one task stops at an event: freeze all */
	SESS_STOP_TASK,		/* only the task that hit it waits */
};

#define SESS_HISTORY	1024	/* events kept for "events" */

struct session_hist {
	enum fw_event_kind	 kind;
	double			 ts;
	pid_t			 pid, tgid;
	char			*line;		/* text log format, escaped */
};

struct session_hooks {
	/* Print text (already escaped; may hold several lines). */
	void	(*out)(void *arg, const char *text, size_t len);
	/* Print an error message (a whole line); NULL: through out. */
	void	(*err)(void *arg, const char *text, size_t len);
	/* Ask a yes/no question; NULL or non-interactive: yes. */
	bool	(*confirm)(void *arg, const char *question);
	/* Give the terminal away (before gdb) and take it back. */
	void	(*suspend)(void *arg);
	void	(*resume)(void *arg);
	/* Every event, after the session has seen it (TUI event pane). */
	void	(*event)(void *arg, const struct fw_event *);
	void	*arg;
};

struct session {
	struct engine		 eng;
	const struct fw_options	*opts;
	/* The launched program and its arguments (NULL when attached):
	 * -- PROGRAM ARGS, then what "run ARGS" gave. */
	char			**argv;
	struct session_hooks	 hooks;
	struct bt_ctx		*bt;

	enum session_state	 state;
	enum session_stop_mode	 stop_mode;
	bool			 pids_inner;	/* set pids inner: a task in
						 * another pid namespace shown
						 * by its own pid first */
	bool			 interactive;	/* a person is at the terminal */
	bool			 plain;		/* stdout is not a terminal */
	bool			 quit;

	unsigned char		 sig_handle[SESS_NSIG];	/* SESS_SIG_* */

	struct breakpoint	*bps;
	int			 next_bp_id;
	struct breakpoint	*collecting;	/* "commands N" in progress */

	int			 step_left;	/* events until "step N" stops */
	pid_t			 step_pid;	/* "step PID": only it runs */
	bool			 stop_first_exec;	/* launch: stop at root exec */

	/* Why the tree last stopped. */
	pid_t			 stop_pid;
	enum fw_event_kind	 stop_kind;
	int			 stop_bp;	/* breakpoint id, 0 none */
	char			*stop_line;	/* the event as text */
	struct fw_buf		 stops;		/* "Breakpoint N, ..." lines of
						 * the stops not announced yet
						 * (several tasks can stop in
						 * one batch of events) */
	char			**pending;	/* breakpoint commands to run */
	int			 npending;

	struct session_hist	 hist[SESS_HISTORY];
	size_t			 hist_next;	/* total events recorded */

	struct tlog_writer	 log;		/* -o FILE or "log FILE" */
	bool			 logging;
	bool			 log_incomplete;	/* a log write failed:
						 * exit status 125 */
	/* The front end's interrupt flag (Ctrl-C), for the commands that
	 * drive the tree themselves (scripts, gdb); NULL: none. */
	const volatile sig_atomic_t *intr;
	int			 exit_status;	/* forkwatch's when the session ends */
};

/* Set up the engine and the session's sink. hooks->out is required. A
 * front end that runs the program on its own terminal sets
 * eng.opts.launch_tty before session_start(). */
int	session_init(struct session *, const struct fw_options *,
	    const struct session_hooks *);
void	session_release(struct session *);
/* Launch o->argv (stopped at its first exec) or attach to o->pids (stopped).
 * Prints the cause and returns forkwatch's exit status on failure. */
int	session_start(struct session *);

/* "run": launch the program again (a tree still alive is killed first:
 * the caller asks), with args as its new arguments (NULL: the last ones),
 * and run it to its first exec. Breakpoints stay (their hit counts start
 * again), the tasks of the previous run are forgotten, a log being
 * written ends with the previous run. 0, or -1 with the reason in err
 * (attached, not launched; the program cannot be started). */
int	session_run(struct session *, char *const *args, struct fw_buf *err);

/* Let the tree run (after "continue"/"step"): the front end then calls
 * session_drive() until the state is no longer SESS_RUNNING. */
void	session_resume(struct session *);
/* Run events. block: wait for them. Returns the state after. A stop is
 * announced through hooks->out, and breakpoint commands queued in pending. */
enum session_state session_drive(struct session *, bool block,
	    const volatile sig_atomic_t *intr);
/* Pause now: all-stop every task (PTRACE_INTERRUPT). */
void	session_pause(struct session *);
/* End: kill a launched tree or detach an attached one. */
void	session_finish(struct session *);

void	session_printf(struct session *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	session_write(struct session *, const char *text, size_t len);
/* An error line through hooks.err (or out). */
void	session_error(struct session *, const char *text, size_t len);

/* Start writing the trace log to path ("log FILE"); -errno, with err
 * saying why. The log ends at session_log_close() or session_release(). */
int	session_log_open(struct session *, const char *path,
	    enum tlog_format, struct fw_buf *err);
/* End the log with its end line (status: forkwatch's exit status) and
 * return the exit status to use: FW_EXIT_FAILURE (125) when any log of the
 * session is incomplete, which is then said on stderr; else status. */
int	session_log_end(struct session *, int status);
/* The same with s->exit_status ("log off"). */
void	session_log_close(struct session *);

/* Breakpoints. session_bp_parse: "EVENT [COND...]" -> new breakpoint, or
 * NULL with the reason in err. */
struct breakpoint *session_bp_parse(struct session *, int argc, char **argv,
	    bool temporary, struct fw_buf *err);
/* "condition N COND...": bp's conditions become conds (none: it stops at
 * every event of its kinds). 0, or -1 with the reason in err and bp as it
 * was. */
int	session_bp_condition(struct breakpoint *, int argc, char **argv,
	    struct fw_buf *err);
void	session_bp_add(struct session *, struct breakpoint *);
struct breakpoint *session_bp_find(struct session *, int id);
void	session_bp_delete(struct session *, struct breakpoint *);
void	session_bp_free(struct breakpoint *);
/* The breakpoint conditions, for help and completion: the word that
 * starts the i-th ("code=", "nonzero"; "" for a signal name or a glob)
 * and its FW_BPC_* bit in *bit; NULL past the end. */
const char *session_bp_cond_at(int i, unsigned *bit);
/* "handle SIG|all ACTION...": argv[0] the signal (0 in *sig for all),
 * the rest actions, folded in order into bits to set and to clear. 0, or
 * -1 with the reason in err. */
int	session_sig_parse(int argc, char **argv, int *sig, unsigned *set,
	    unsigned *clear, struct fw_buf *err);
void	session_sig_apply(struct session *, int sig, unsigned set,
	    unsigned clear);
/* The action words, for help and completion; NULL past the end. */
const char *session_sig_action_at(int i);
/* "info signals": the header, one signal's line; the "handle" lines that
 * restore every signal that is not at its default ("save"). */
void	session_sig_header(struct fw_buf *);
void	session_sig_line(const struct session *, int sig, struct fw_buf *);
void	session_sig_save(const struct session *, struct fw_buf *);

/* Does bp match this event? (exposed for tests) */
bool	session_bp_match(struct session *, const struct breakpoint *,
	    const struct fw_event *);

#endif
