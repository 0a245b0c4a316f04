/* report-follow.h - where `forkwatch report` reads its log from, and
 * following a log that is still being written (--follow).
 *
 * LOG is a file, "-" (standard input: a pipe from `forkwatch -o -`, say) or
 * unix:PATH: report listens on a Unix socket at PATH and reads the log of
 * the one forkwatch that connects to it (`forkwatch -o unix:PATH`); the
 * socket file is removed once it has connected.
 *
 * With --follow the log is read like `tail -f`: the events are handed out
 * as they are written until the log's end line (or the end of a pipe or
 * socket, or SIGINT/SIGTERM/SIGHUP); and the caller is told to show what it
 * has so far on SIGUSR1 and every --interval seconds, each time once all
 * that was written by then has been read. */
#ifndef FW_REPORT_FOLLOW_H
#define FW_REPORT_FOLLOW_H

#include <stdbool.h>

#include "tlog-read.h"

struct report_follow {
	struct tlog_reader	*r;
	bool			 follow;
	int			 sigfd;		/* SIGUSR1, SIGINT, SIGTERM, SIGHUP */
	int			 timerfd;	/* --interval, or -1 */
	bool			 show_due;	/* SIGUSR1 or a tick came */
	bool			 ended;		/* the end line was handed out */
	bool			 stopped;	/* by a signal */
	unsigned long		 shown;		/* snapshots shown */
};

/* report_follow_next(): show what was read so far. */
#define REPORT_FOLLOW_SHOW	2

/* The fd to read the log at path from: the file, standard input for "-"
 * (not owned), or for unix:PATH the one writer that connects (see above;
 * while waiting for it, stop(arg) is asked each time stopfd (>= 0) is
 * readable, and when it says so, -1 with errno EINTR). *name is what to
 * call the log; close the fd when *own. -1 after printing why. */
int	report_follow_source(const char *path, int stopfd,
	    bool (*stop)(void *), void *arg, const char **name, bool *own);

/* Open the log at path (see above; followed when follow, with a report
 * due every interval seconds when > 0) and read its start line. Returns
 * 0, or -1 after printing why. */
int	report_follow_open(struct report_follow *, const char *path,
	    bool follow, double interval);

/* The next event into *ev: 1; REPORT_FOLLOW_SHOW; 0 at the end of the log
 * (or when a signal stopped it); -1 on a read error (errno set). */
int	report_follow_next(struct report_follow *, struct tlog_event *ev);

/* Close the log and undo the signal set-up. */
void	report_follow_close(struct report_follow *);

#endif
