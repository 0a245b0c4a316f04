/* tlog-write.h - the trace log writers (text for people, JSON Lines for
 * programs; doc/LOG-FORMAT.md is the contract). A writer is an engine sink.
 * Output is buffered and written in whole lines: when the buffer fills, at
 * every engine flush (idle, and at least every 100 ms) and at close.
 *
 * The first write error (a full disk, a closed pipe) stops logging: it is
 * reported at once through the writer's error callback, and every later
 * line is counted as lost, never written. A line cut by the failed write is
 * taken back (the file is truncated to the last whole line) when the writer
 * opened the file itself; otherwise nothing more is written at all, so a
 * cut line is never followed by another. The end line, if it can still be
 * written after whole lines, says the log is incomplete. */
#ifndef FW_TLOG_WRITE_H
#define FW_TLOG_WRITE_H

#include <stdbool.h>
#include <sys/types.h>

#include "color.h"
#include "event.h"
#include "util.h"

/* The JSON Lines format version: the start line's "version" (major) and
 * "version_minor" members (doc/LOG-FORMAT.md). */
#define TLOG_VERSION		1
#define TLOG_VERSION_MINOR	2

enum tlog_format {
	TLOG_TEXT,
	TLOG_JSONL,
};

/* Called once, at the first write error, with a one-line message. */
typedef void	(*tlog_error_fn)(void *arg, const char *msg);

struct tlog_writer {
	int		 fd;
	bool		 own_fd;
	enum tlog_format format;
	struct fw_buf	 buf;		/* whole lines not written yet */
	unsigned long	 buf_lines;	/* how many */
	int		 err;		/* first write error (-errno): logging
					 * stopped */
	bool		 cut;		/* a cut line could not be taken back:
					 * nothing more may be written */
	char		*path;		/* for messages */
	unsigned long	 lines;		/* lines written out */
	unsigned long	 lost;		/* lines not written after the error */
	tlog_error_fn	 on_error;	/* NULL: fw_error() */
	void		*on_error_arg;
	bool		 color;		/* text lines in colour (a terminal) */
	bool		 sock;		/* -o unix:PATH */
	/* Set before the start line: the engine's backend ("ptrace",
	 * "bpf"; NULL: not written) and --system (mode "system"). */
	const char	*backend;
	bool		 system;
	/* Set before the end line: events the backend lost (-1: the
	 * backend cannot lose any; not written). */
	long		 events_lost;
};

/* Open path for writing; NULL (standard error) or "-" (standard output):
 * write to fd instead, which the caller keeps; unix:PATH: connect to the
 * Unix stream socket at PATH (a reader listens there). -errno on failure. */
#define TLOG_UNIX_PREFIX	"unix:"
int	tlog_writer_open(struct tlog_writer *, const char *path, int fd,
	    enum tlog_format);
/* Colour the text log: --color=WHEN against the writer's fd (color.h).
 * JSON Lines is never coloured. */
void	tlog_writer_color(struct tlog_writer *, enum color_when);
/* Flush and close; returns the first write error, if any (-errno). */
int	tlog_writer_close(struct tlog_writer *);
/* Write out the buffered lines; returns the first write error (-errno). */
int	tlog_writer_flush(struct tlog_writer *);
/* True when lines are missing: a write failed (flush first to know). */
bool	tlog_writer_incomplete(const struct tlog_writer *);
/* The line forkwatch prints on stderr at the end when the log is
 * incomplete ("the log FILE is incomplete: ..."), into b. */
void	tlog_writer_describe_loss(const struct tlog_writer *, struct fw_buf *b);
/* Parse "text" or "jsonl"; -1 when neither. */
int	tlog_format_parse(const char *);

/* The first line. argv (launch) or pids (attach) describes what is traced
 * (neither with w->system). */
void	tlog_write_start(struct tlog_writer *, double wall0, bool launch,
	    char *const argv[], const pid_t *pids, size_t npids, const char *cwd);
/* The last line of a trace. root_status is a wait status or -1. When the
 * log is incomplete the line says so (status should then be 125); it is
 * written only after whole lines. */
void	tlog_write_end(struct tlog_writer *, double ts, int status,
	    int root_status);

/* Engine sink and flush callbacks (arg is the writer). */
int	tlog_sink(void *arg, const struct fw_event *);
void	tlog_flush_cb(void *arg);

/* Format one event as it would appear in the log (no newline), for clients
 * that show events (console "events", TUI event pane). Returns false for
 * events that the log does not carry. */
bool	tlog_format_event(struct fw_buf *, enum tlog_format,
	    const struct fw_event *);

#endif
