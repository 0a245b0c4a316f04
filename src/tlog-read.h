/* tlog-read.h - streaming reader of forkwatch JSON Lines trace logs
 * (doc/LOG-FORMAT.md, version 1.2).
 *
 * A reader opens a log, checks its start line and then hands out one parsed
 * event at a time; memory use is bounded by the longest line, not by the
 * size of the log. Lines that are not valid events are skipped and counted;
 * the first one is remembered so the caller can warn about it. Strings are
 * handed out as the bytes they stand for: an escape that the log's format
 * version uses for a byte that is not UTF-8 (\udcXX since 1.1, \u00XX in
 * 1.0) becomes that byte, every character its UTF-8. */
#ifndef FW_TLOG_READ_H
#define FW_TLOG_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "event.h"

/* The newest log format version this reader understands: a log with a
 * greater major version is refused; any minor version of major 1 is read
 * (by the newest rules known for a minor newer than this one). */
#define TLOG_READ_VERSION	1
#define TLOG_READ_VERSION_MINOR	2

/* Longest line accepted; a longer one is skipped as a bad line. */
#define TLOG_READ_MAX_LINE	(64u << 20)

/* A member as read: which of i, d, s, v (n strings) or ints (n) is set
 * depends on its type (event_member()). */
struct tlog_value {
	bool			 has;
	long long		 i;		/* PID, INT, LONG, BOOL (0/1) */
	double			 d;		/* NUM */
	const char		*s;		/* STR, SIG */
	const char *const	*v;		/* STRV, CLONE_FLAGS, PF_FLAGS: n
						 * strings, NULL-terminated */
	const long long		*ints;		/* PIDS: n integers */
	const struct fw_fd	*fds;		/* FDS: n file descriptors */
	size_t			 n;
};

/* One parsed line. Pointers stay valid until the next tlog_read_next() or
 * tlog_read_free(); has_* members tell whether optional members were there. */
struct tlog_event {
	enum fw_event_kind	 kind;		/* FW_EV_UNKNOWN: not known here */
	const char		*name;		/* the "event" string */
	unsigned long		 lineno;
	double			 ts;
	long long		 pid;
	long long		 tgid;

	bool			 has_child;
	long long		 child;		/* fork, vfork, clone... */
	bool			 has_ppid;
	long long		 ppid;		/* attach */
	bool			 has_parent;
	long long		 parent;	/* clone with CLONE_PARENT */
	bool			 has_old_pid;
	long long		 old_pid;	/* exec by a non-leader */
	bool			 has_sender;
	long long		 sender;	/* signal */
	bool			 thread;	/* clone: CLONE_THREAD; exit */

	bool			 has_code;
	long long		 code;		/* exit: exit code */
	const char		*signal;	/* exit, signal, stop: name */
	bool			 core;		/* exit: core dumped */
	bool			 has_rusage;	/* exit of a leader */
	double			 utime;
	double			 stime;
	long long		 maxrss_kb;

	const char		*path;		/* exec, attach */
	const char		*cwd;		/* exec, attach, start */
	const char *const	*argv;		/* exec, attach, start */
	size_t			 argc;
	bool			 argv_truncated;

	long long		 version;	/* start: major */
	long long		 version_minor;	/* start: 0 when absent */
	const char		*mode;		/* start: launch or attach */
	const char		*time;		/* start: wall clock of ts 0 */

	bool			 has_status;
	long long		 status;	/* end: forkwatch's status */
	bool			 has_root_code;
	long long		 root_code;	/* end */
	const char		*root_signal;	/* end */
	bool			 incomplete;	/* end: lines are missing */
	long long		 lost;		/* end: how many */
	const char		*log_error;	/* end: why (strerror) */

	/* Every member of the event table, by enum fw_member (the named
	 * members above are copies of some of these). */
	const struct tlog_value	*m;
};

/* Member m of ev, or NULL when the line does not have it. */
const struct tlog_value *tlog_member(const struct tlog_event *,
	    enum fw_member);

/* Why tlog_read_open() failed. */
enum tlog_open_error {
	TLOG_OPEN_OK,
	TLOG_OPEN_IO,		/* the file cannot be opened or read */
	TLOG_OPEN_NOT_LOG,	/* the first line is not a start event */
	TLOG_OPEN_VERSION	/* written by a newer forkwatch */
};

struct tlog_reader;

/* Open the log at path ("-" is standard input) and check its start line.
 * Returns a reader, or NULL with *why set and a one-line message without
 * the "forkwatch: " prefix in *msg (free it). */
struct tlog_reader *tlog_read_open(const char *path, enum tlog_open_error *why,
	    char **msg);

/* The same on an open stream; name is used in messages. The reader does not
 * close f. */
struct tlog_reader *tlog_read_open_stream(FILE *f, const char *name,
	    enum tlog_open_error *why, char **msg);

/* How a followed log's open waits for its start line: wait until there may
 * be more (the reader's tlog_read_wait_fd() is readable, say) and return 0
 * to read again, or -1 to give up (open fails, TLOG_OPEN_IO). */
typedef int (*tlog_wait_fn)(void *arg, struct tlog_reader *);

/* The same on file descriptor fd (closed by tlog_read_free() if own). With
 * follow, the log is followed as it is written (like tail -f): open waits
 * for its start line (with wait, or tlog_read_wait() when NULL), a last
 * line is not read before its newline, and the end of a regular file is not
 * the end of the log, only "nothing more yet" (tlog_read_next() says
 * TLOG_READ_AGAIN); a pipe or socket ends when its writer closes it. */
struct tlog_reader *tlog_read_open_fd(int fd, const char *name, bool own,
	    bool follow, tlog_wait_fn wait, void *wait_arg,
	    enum tlog_open_error *why, char **msg);

/* tlog_read_next() of a followed log: no whole line more for now. */
#define TLOG_READ_AGAIN		(-2)

/* Read the next event into *ev (the start line is the first). Returns 1 for
 * an event, 0 at the end of the log, -1 on a read error (errno set),
 * TLOG_READ_AGAIN (followed logs only). Bad lines are skipped and counted,
 * never returned. */
int	 tlog_read_next(struct tlog_reader *, struct tlog_event *ev);

/* Waiting for a followed log to grow, in the caller's own poll loop: the fd
 * that becomes readable (POLLIN) when there may be more (the pipe or
 * socket, or an inotify watch of the file), or -1: then poll with a timeout
 * of TLOG_READ_POLL_MS. Call tlog_read_waited() when it was readable. */
#define TLOG_READ_POLL_MS	200
int	 tlog_read_wait_fd(const struct tlog_reader *);
void	 tlog_read_waited(struct tlog_reader *);
/* Or wait here, up to timeout_ms (-1: no limit): 1 when there may be more,
 * 0 on timeout, -1 on error (EINTR: a signal). */
int	 tlog_read_wait(struct tlog_reader *, int timeout_ms);

/* True once a followed file was found shorter than what was read of it (a
 * new trace truncated it); its end then ends the log. */
bool	 tlog_read_truncated(const struct tlog_reader *);

/* The number of lines skipped as bad so far, and the number and reason of the
 * first (NULL when there was none). */
unsigned long	 tlog_read_bad_lines(const struct tlog_reader *);
unsigned long	 tlog_read_first_bad(const struct tlog_reader *,
	    const char **why);

/* True once an "end" event was read. */
bool	 tlog_read_saw_end(const struct tlog_reader *);
/* True once an end line said the log is incomplete (forkwatch could not
 * write some lines): *lost lines, for the reason *why (untrusted text from
 * the log; valid until tlog_read_free()). */
bool	 tlog_read_incomplete(const struct tlog_reader *, long long *lost,
	    const char **why);

/* The log's name as given to open. */
const char *tlog_read_name(const struct tlog_reader *);

/* Close the log (unless it was the caller's stream) and free the reader. */
void	 tlog_read_free(struct tlog_reader *);


#endif
