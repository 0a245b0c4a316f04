/* tui-live-int.h - what the live source's files (tui-live.c, the source;
 * tui-live-events.c, its record of events) share. */
#ifndef FW_TUI_LIVE_INT_H
#define FW_TUI_LIVE_INT_H

#include "report-pidmap.h"
#include "session.h"
#include "tui-int.h"

#define LV_RING		16384	/* events kept for the event pane */

/* An environment shared by the processes that have it (fork copies it,
 * exec replaces it): recorded only with --env. */
struct lv_env {
	int		 refs;
	struct fw_strv	 v;
};

/* What the event pane's details show of an exec or attach. */
struct lv_exec {
	char		*path, *cwd;
	struct fw_strv	 argv;
	bool		 truncated;
	struct lv_env	*env, *penv;	/* NULL: not recorded */
	struct fw_fdv	 fds;		/* with --fds */
	bool		 has_fds;
};

/* One recorded event. */
struct lv_rec {
	struct tui_ev	 e;
	char		*line;		/* text log line, escaped */
	struct lv_exec	*exec;
};

/* pid -> parent pid of every process seen (the subtree filter), kept apart
 * from the task table so it still answers for tasks the engine dropped. */
struct lv_pidmap {
	pid_t	*keys, *vals;
	size_t	 cap, count;
};

/* A process the kernel gave a traced new parent (its reparent event),
 * kept by id and birth time, never by record (records may be dropped). */
struct lv_adopt {
	pid_t		 tid, by, from;	/* the task, its new parent, its old */
	double		 born, by_born;
	size_t		 next;		/* by's next one (index + 1), 0 ends */
	bool		 gone;		/* moved on again, or its record is */
};

struct tui_live {
	struct session		 s;
	bool			 inited;	/* session_init() succeeded */
	struct tui_live_hooks	 th;
	struct lv_rec		*ring;
	size_t			 total;		/* events recorded */
	struct lv_pidmap	 parents;
	struct report_pidmap	 envs;		/* tgid -> struct lv_env */
	struct tui_folds	 folds;
	unsigned long		 ev_tick;	/* events since the last tick */
	double			 ev_rate;
	unsigned long		 nfailed;	/* failed exits of processes */
	struct lv_adopt		*adopt;
	size_t			 nadopt, adopt_cap;
	/* new parent's id -> its first, its last adopted (index + 1);
	 * task id -> its newest adoption (index + 1) */
	struct report_pidmap	 adopt_first, adopt_last, adopt_of;

	struct fw_buf		 bt;		/* backtrace of bt_tid */
	pid_t			 bt_tid;
	bool			 bt_was_stopped;	/* taken at a stop */
	double			 bt_ts;
};

static inline struct tui_live *
LV(const struct tui *ui)
{
	return ui->src_data;
}

static inline struct session *
S(const struct tui *ui)
{
	return &LV(ui)->s;
}

static inline struct fw_task *
T(struct tui_node *n)
{
	return (struct fw_task *)n;
}

/* tui-live-events.c */
/* Record one event (the session's event hook; never draws). */
void	tui_live_record(struct tui *, const struct fw_event *, const char *line);
void	tui_live_events_free(struct tui_live *);
void	tui_live_ev_range(struct tui *, size_t *first, size_t *end);
bool	tui_live_event(struct tui *, size_t idx, struct tui_ev *,
	    struct fw_buf *line);
void	tui_live_ev_details(struct tui *, size_t idx, struct fw_buf *);
bool	tui_live_under(struct tui *, pid_t pid, pid_t root);

#endif
