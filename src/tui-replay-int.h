/* tui-replay-int.h - what the replay source's files share: the events as
 * kept (tui-replay-load.c reads them), the nodes over the report model's
 * records, and the accessors that tell what existed at the cursor. */
#ifndef FW_TUI_REPLAY_INT_H
#define FW_TUI_REPLAY_INT_H

#include <stdint.h>

#include "report-model.h"
#include "report-pidmap.h"
#include "tlog-read.h"
#include "tui-int.h"

#define NONE		SIZE_MAX
#define NO_NODE		UINT32_MAX
#define OWN_SHOWN	200	/* a task's own events in its details */

/* Event flags. */
#define EVF_THREAD	0x01	/* clone: CLONE_THREAD */
#define EVF_KILLED	0x02	/* exit: by a signal */
#define EVF_CORE	0x04
#define EVF_SUBJ_THREAD	0x08	/* subj is a report_thread */
#define EVF_UNKNOWN	0x10	/* a line this reader does not know */
#define EVF_OUTSIDE	0x20	/* reparent: the new parent is not traced */

/* One event, as small as it can be: strings stay in the model. */
struct rp_ev {
	double		 ts;
	pid_t		 pid, tgid;
	pid_t		 a;		/* child, ppid, sender */
	uint32_t	 line;		/* its line in the log */
	int		 code;		/* exit code or signal number;
					 * reparent: the old parent */
	uint16_t	 kind;		/* enum fw_event_kind */
	uint16_t	 flags;
	const void	*subj;		/* the task it is about, or NULL */
};

/* A task of the model: a process (node id = its seq) or a thread (n_procs
 * + its seq), with what the TUI keeps for it. */
struct rp_node {
	void		*rec;		/* report_proc or report_thread */
	uint32_t	 same_tid;	/* the previous node with its id */
	uint32_t	 own;		/* its events: own[own .. own + nown) */
	uint32_t	 nown;
	uint32_t	 reparent;	/* its first reparent event, or 0 */
	uint32_t	 adopted;	/* the first process it adopted (in
					 * tui_replay.adopt), or NO_NODE */
	uint8_t		 fold;
	bool		 thread;
};

/* A process given to a traced new parent by a reparent event: shown
 * again under it from that event until its next reparent event. */
struct rp_adopt {
	uint32_t	 ev;		/* its reparent event */
	uint32_t	 until;		/* its next one, or UINT32_MAX */
	uint32_t	 node;		/* the task */
	uint32_t	 next;		/* the new parent's next, or NO_NODE */
};

struct tui_replay {
	struct report_model	*m;
	struct tui_rlog		*log;		/* its lines, to show them */
	struct rp_ev		*ev;		/* [0] is the start line */
	size_t			 n;		/* events, start line not counted */
	size_t			 cap;
	size_t			 pos;		/* events [1, pos] happened */
	struct rp_node		*nodes;
	size_t			 nnodes;
	uint32_t		*own;		/* event indices by node */
	struct rp_adopt		*adopt;		/* in event order */
	size_t			 nadopt;
	struct report_pidmap	 bytid;		/* tid -> newest node + 1 */
	size_t			 nprocs;	/* processes when indexed */
	bool			 saw_end;
	unsigned long		 bad;
	unsigned long		 start_line;

	/* --follow (rd != NULL while following). */
	struct tlog_reader	*rd;
	int			 sock;		/* a stream copied to spool, or -1 */
	int			 spool;		/* the copy, or -1 */
	double			 last_load;
	bool			 read_error;

	size_t			 count_pos;	/* the counts below are at */
	size_t			 nlive, ndead, nfailed;
};

static inline struct tui_replay *
RP(const struct tui *ui)
{
	return ui->src_data;
}

static inline struct rp_node *
N(struct tui_node *n)
{
	return (struct rp_node *)n;
}

static inline struct tui_node *
node_of(const struct tui_replay *rp, const void *rec, bool thread)
{
	size_t	 id;

	if (rec == NULL)
		return NULL;
	id = thread ? rp->m->n_procs + ((const struct report_thread *)rec)->seq :
	    ((const struct report_proc *)rec)->seq;
	return (struct tui_node *)&rp->nodes[id];
}

static inline struct tui_node *
ev_node(const struct tui_replay *rp, const struct rp_ev *e)
{
	return node_of(rp, e->subj, (e->flags & EVF_SUBJ_THREAD) != 0);
}

static inline size_t
node_id(const struct tui_replay *rp, const struct rp_node *n)
{
	return (size_t)(n - rp->nodes);
}

static inline struct report_proc *
PROC(const struct rp_node *n)
{
	return n->thread ? ((struct report_thread *)n->rec)->proc : n->rec;
}

static inline long long
node_tid(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->tid :
	    ((const struct report_proc *)n->rec)->pid;
}

static inline size_t
start_ev(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->start_ev :
	    ((const struct report_proc *)n->rec)->start_ev;
}

static inline size_t
end_ev(const struct rp_node *n)
{
	return n->thread ? ((const struct report_thread *)n->rec)->end_ev :
	    ((const struct report_proc *)n->rec)->end_ev;
}

static inline bool
visible(const struct tui_replay *rp, const struct rp_node *n)
{
	return start_ev(n) <= rp->pos;
}

static inline bool
dead_at(const struct tui_replay *rp, const struct rp_node *n)
{
	return end_ev(n) <= rp->pos;
}

static inline bool
failed_at(const struct tui_replay *rp, const struct rp_node *n)
{
	const struct report_thread	*t;

	if (!dead_at(rp, n))
		return false;
	if (n->thread) {
		t = n->rec;
		return t->exited && (t->signal[0] != '\0' || t->code != 0);
	}
	return report_proc_failed(n->rec);
}

/* The image of a process after event pos: its last exec (or attach) at or
 * before pos, else what it inherited at its fork. */
static inline const struct report_image *
image_at(const struct report_proc *p, size_t pos)
{
	const struct report_image	*im, *best = p->inherited;

	for (im = p->images; im != NULL && im->ev <= pos; im = im->next)
		best = im;
	return best;
}

/* tui-replay-load.c: read the log at path into ui->src_data (with --follow
 * what is written so far). 0, or -1 after saying why. */
int	tui_replay_load(struct tui *, const char *path);
void	tui_replay_free(struct tui *);
/* --follow: the fd to poll, read what it has, read at least every tick. */
int	tui_replay_poll_fd(struct tui *);
unsigned tui_replay_ready(struct tui *);
unsigned tui_replay_tick(struct tui *);

/* tui-replay-view.c: the tree, rows, details and events at the cursor. */
struct tui_node *tui_replay_first(struct tui *, struct tui_node *parent);
struct tui_node *tui_replay_next(struct tui *, struct tui_node *);
struct tui_node *tui_replay_parent(struct tui *, struct tui_node *);
struct tui_node *tui_replay_adopted(struct tui *, struct tui_node *parent,
	    size_t *cursor, pid_t *from);
struct tui_node *tui_replay_find(struct tui *, pid_t tid);
unsigned tui_replay_flags(struct tui *, struct tui_node *, pid_t *tid);
void	tui_replay_set_fold(struct tui *, struct tui_node *, unsigned);
pid_t	tui_replay_tgid(struct tui *, struct tui_node *);
void	tui_replay_row(struct tui *, struct tui_row *);
void	tui_replay_label(struct tui *, struct tui_node *, struct fw_buf *);
void	tui_replay_details(struct tui *, struct tui_node *, struct fw_buf *);
void	tui_replay_tree_title(struct tui *, struct fw_buf *);
void	tui_replay_status(struct tui *, struct fw_buf *, unsigned *attr);
const char *tui_replay_hints(struct tui *);
void	tui_replay_ev_range(struct tui *, size_t *first, size_t *end);
bool	tui_replay_event(struct tui *, size_t idx, struct tui_ev *,
	    struct fw_buf *line);
size_t	tui_replay_ev_now(struct tui *);
void	tui_replay_ev_details(struct tui *, size_t idx, struct fw_buf *);
bool	tui_replay_under(struct tui *, pid_t pid, pid_t root);
/* The row label of image im (a thread's: {name}), escaped. */
void	tui_replay_label_image(const struct report_image *im, bool thread,
	    struct fw_buf *);

#endif
