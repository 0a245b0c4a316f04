/* event.h - the lifecycle event record that every client consumes.
 *
 * The engine fills one struct fw_event per event and hands it to each sink
 * (log writer, console, TUI) in order. Pointers inside are valid only during
 * the callback; a sink that keeps anything copies it. */
#ifndef FW_EVENT_H
#define FW_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

/* Each kind says which stop the task is in while sinks see it. */
enum fw_event_kind {
	FW_EV_FORK,		/* parent at PTRACE_EVENT_FORK stop; child = new pid */
	FW_EV_VFORK,		/* parent at PTRACE_EVENT_VFORK stop */
	FW_EV_CLONE,		/* caller at PTRACE_EVENT_CLONE stop; thread says which */
	FW_EV_VFORK_DONE,	/* parent at PTRACE_EVENT_VFORK_DONE stop */
	FW_EV_EXEC,		/* task at PTRACE_EVENT_EXEC stop, new image loaded */
	FW_EV_EXITING,		/* task at PTRACE_EVENT_EXIT stop: still inspectable */
	FW_EV_EXIT,		/* task reaped: not stopped, gone (not breakable) */
	FW_EV_SIGNAL,		/* task at signal-delivery stop; signal re-injected */
	FW_EV_STOP,		/* task entered group-stop (job control) */
	FW_EV_CONT,		/* task left group-stop (SIGCONT) */
	FW_EV_ATTACH,		/* task attached with -p (or console attach) */
	FW_EV_DETACH,		/* task detached; no longer traced */
	FW_EV_PAUSE,		/* task stopped at the user's request (interrupt) */
	FW_EV_COUNT
};

/* NUL-separated strings: n strings, each NUL terminated, in len bytes. */
struct fw_strv {
	char	*blob;
	size_t	 len;
	int	 n;
};
void	 strv_init(struct fw_strv *);
void	 strv_release(struct fw_strv *);
void	 strv_set(struct fw_strv *, const char *blob, size_t len);
void	 strv_copy(struct fw_strv *dst, const struct fw_strv *src);
/* Iterate: start with p = NULL; returns the next string or NULL. */
const char *strv_next(const struct fw_strv *, const char *p);
/* The i-th string or NULL. */
const char *strv_get(const struct fw_strv *, int i);

struct fw_task;

struct fw_event {
	enum fw_event_kind	 kind;
	double			 ts;		/* seconds since trace start */
	pid_t			 pid;		/* task id the event is about */
	pid_t			 tgid;
	struct fw_task		*task;		/* its record (NULL after FW_EV_EXIT drop) */

	/* fork, vfork, clone, vfork_done */
	pid_t			 child;
	pid_t			 parent;	/* real parent when not pid (CLONE_PARENT) */
	bool			 thread;
	uint64_t		 clone_flags;	/* 0 when unknown */

	/* exec, attach */
	const char		*path;
	const char		*cwd;
	const struct fw_strv	*argv;
	const struct fw_strv	*env;		/* NULL unless --env */
	bool			 argv_truncated;
	pid_t			 old_pid;	/* exec by a non-leader thread */
	pid_t			 ppid;		/* attach */

	/* exiting, exit */
	bool			 killed;
	int			 code;		/* exit code when !killed */
	int			 signo;		/* killing signal; or signal/stop/cont signal */
	bool			 core;
	bool			 has_rusage;
	double			 utime, stime;
	long			 maxrss_kb;

	/* signal */
	pid_t			 sender;	/* si_pid, 0 when not from a process */
	int			 si_code;
};

const char	*event_kind_name(enum fw_event_kind);
/* Parse an event name as written in logs and breakpoints; -1 when unknown. */
int		 event_kind_parse(const char *);

#endif
