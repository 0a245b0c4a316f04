/* tlog-write.h - the trace log writers (text for people, JSON Lines for
 * programs; doc/LOG-FORMAT.md is the contract). A writer is an engine sink.
 * Output is buffered and written in whole lines: when the buffer fills, at
 * every engine flush (idle, and at least every 100 ms) and at close. */
#ifndef FW_TLOG_WRITE_H
#define FW_TLOG_WRITE_H

#include <stdbool.h>
#include <sys/types.h>

#include "event.h"
#include "util.h"

/* The JSON Lines format version: the start line's "version" (major) and
 * "version_minor" members (doc/LOG-FORMAT.md). */
#define TLOG_VERSION		1
#define TLOG_VERSION_MINOR	1

enum tlog_format {
	TLOG_TEXT,
	TLOG_JSONL,
};

struct tlog_writer {
	int		 fd;
	bool		 own_fd;
	enum tlog_format format;
	struct fw_buf	 buf;
	int		 err;		/* first write error (-errno), sticky */
	char		*path;		/* for messages */
	unsigned long	 lines;
};

/* Open path for writing (NULL or "-": use fd instead). -errno on failure. */
int	tlog_writer_open(struct tlog_writer *, const char *path, int fd,
	    enum tlog_format);
/* Flush and close; returns the first write error, if any (-errno). */
int	tlog_writer_close(struct tlog_writer *);
int	tlog_writer_flush(struct tlog_writer *);
/* Parse "text" or "jsonl"; -1 when neither. */
int	tlog_format_parse(const char *);

/* The first line. argv (launch) or pids (attach) describes what is traced. */
void	tlog_write_start(struct tlog_writer *, double wall0, bool launch,
	    char *const argv[], const pid_t *pids, size_t npids, const char *cwd);
/* The last line of a complete trace. root_status is a wait status or -1. */
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
