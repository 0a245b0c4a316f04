/* report-model.h - the process model that `forkwatch report` builds from a
 * trace log: one record per process (and per thread), linked into the
 * process tree, with its exec images, exit status and rusage.
 *
 * Memory is proportional to the number of processes, threads and exec
 * images, not to the number of events: signals and job-control stops are
 * kept up to REPORT_MAX_INSTANTS per process and only counted past that.
 * Records never move once created; the model owns them all. */
#ifndef FW_REPORT_MODEL_H
#define FW_REPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "report-pidmap.h"
#include "runcount.h"
#include "tlog-read.h"

#define REPORT_MAX_INSTANTS	256
#define REPORT_SIGNAME_MAX	24

/* Where a record starts or ends in the log: the index of the event (0 is
 * the start line, then one per line given to report_model_add()), so a
 * reader of the model (the TUI's replay) can tell what existed after any
 * event. REPORT_EV_NONE: it has not ended. */
#define REPORT_EV_NONE		SIZE_MAX

/* One program image of a process: an exec (or what attach found). */
struct report_image {
	struct report_image	*next;		/* next image of the process */
	struct report_image	*next_in_log;	/* next image of any process */
	struct report_proc	*proc;
	double			 ts;		/* when the exec completed */
	size_t			 ev;		/* the exec's (attach's) event */
	bool			 attached;	/* found by attach, not exec */
	bool			 argv_truncated;
	const char		*path;		/* NULL when not logged */
	const char		*cwd;		/* NULL when not logged */
	const char *const	*argv;		/* argc strings, then NULL */
	size_t			 argc;
};

/* A non-leader thread of a process. */
struct report_thread {
	struct report_thread	*next;
	struct report_proc	*proc;
	long long		 tid;
	long long		 inner_tid;	/* in its own pid namespace, when
						 * that is not forkwatch's; 0 */
	size_t			 seq;		/* thread records made before */
	double			 start;
	double			 end;
	size_t			 start_ev, end_ev;	/* see REPORT_EV_NONE */
	bool			 exited;	/* its exit line was seen */
	bool			 gone;		/* ended by exec or process */
	bool			 kthread;	/* made by the kernel (kthread
						 * line: an io_uring worker) */
	char			 comm[16];	/* its comm when kthread */
	int			 code;
	char			 signal[REPORT_SIGNAME_MAX];	/* "" if none */
};

enum report_instant_kind {
	REPORT_INST_SIGNAL,	/* a signal delivered to the task */
	REPORT_INST_STOP,	/* group-stop */
	REPORT_INST_CONT	/* continued */
};

/* A signal or job-control event of a process. */
struct report_instant {
	double			 ts;
	long long		 tid;
	long long		 sender;	/* -1: not sent by a process */
	enum report_instant_kind kind;
	char			 signal[REPORT_SIGNAME_MAX];
};

/* A new parent forkwatch did not trace (init, a subreaper above the traced
 * tree), named by reparent lines: the final tree shows it as a root. */
struct report_outsider {
	struct report_outsider	*next;
	long long		 pid;
	char			 comm[64];	/* as logged; "" when not */
	bool			 init;		/* reaper "init" */
	bool			 subreaper;	/* reaper "subreaper" */
	struct report_proc	*first_child;	/* linked by final.next_sibling */
	struct report_proc	*last_child;
	size_t			 n_children;
};

/* One move of a process to a new parent by the kernel (a reparent line). */
struct report_reparent {
	struct report_reparent	*next;
	double			 ts;
	size_t			 ev;
	long long		 old_parent;
	long long		 new_parent;
	bool			 init;		/* reaper "init" */
	bool			 subreaper;	/* reaper "subreaper" */
	bool			 outside;	/* the new parent is not traced */
	struct report_proc	*adopter;	/* the traced new parent, or NULL */
	struct report_outsider	*outsider;	/* or the untraced one */
};

/* Which links of the process tree: as the processes were created (parent,
 * first_child, next_sibling), or as the tree was at the end (final), with
 * each re-parented process under its last new parent. */
enum report_shape {
	REPORT_SHAPE_CREATED,
	REPORT_SHAPE_FINAL
};

struct report_links {
	struct report_proc	*parent;
	struct report_proc	*first_child;
	struct report_proc	*last_child;
	struct report_proc	*next_sibling;
};

/* How a process record came to be. */
enum report_origin {
	REPORT_ORIGIN_FORK,
	REPORT_ORIGIN_VFORK,
	REPORT_ORIGIN_CLONE,
	REPORT_ORIGIN_ATTACH,
	REPORT_ORIGIN_SEEN	/* first appeared in an event about itself */
};

struct report_proc {
	long long		 pid;		/* the tgid */
	long long		 inner_pid;	/* its pid in its own pid namespace
						 * ("nspid"), when that is not
						 * forkwatch's; 0 */
	size_t			 seq;		/* index in model->procs */
	unsigned long		 reuse;		/* earlier processes with pid */
	enum report_origin	 origin;
	struct report_proc	*parent;	/* NULL for a root */
	struct report_proc	*first_child;
	struct report_proc	*last_child;
	struct report_proc	*next_sibling;
	size_t			 n_children;
	/* The tree at the end: a re-parented process under its new parent;
	 * final.parent is NULL for a root, and for a process whose new parent
	 * is not traced (outsider). */
	struct report_links	 final;
	struct report_outsider	*outsider;
	/* The kernel's moves of it to a new parent, in log order. */
	struct report_reparent	*reparents;
	struct report_reparent	*last_reparent;
	size_t			 n_reparents;

	/* Its fork, vfork or clone line's clone flags (without the exit
	 * signal) and exit signal, when the line had them. */
	bool			 has_clone;
	const char *const	*clone_flags;	/* n_clone_flags names */
	size_t			 n_clone_flags;
	char			 exit_signal[REPORT_SIGNAME_MAX]; /* "": none */

	double			 start;		/* creation or first event */
	double			 end;		/* exit, detach or end of log */
	size_t			 start_ev, end_ev;	/* see REPORT_EV_NONE */
	bool			 exited;	/* the leader's exit was seen */
	bool			 detached;
	bool			 untraced;	/* let go by --depth (detached
						 * too) */
	bool			 lost;		/* pid reused, no exit seen */
	int			 code;		/* exit code if !signaled */
	bool			 signaled;
	bool			 core;
	char			 signal[REPORT_SIGNAME_MAX];

	/* As logged: wait4()'s rusage, which includes every child the
	 * process waited for (and their children, and so on). */
	bool			 has_rusage;
	double			 utime;
	double			 stime;
	long long		 maxrss_kb;
	/* Derived by report_model_finish(): its own CPU time (the logged time
	 * less that of the children that exited before it), and whether
	 * maxrss_kb is its own peak rather than a child's. */
	double			 self_cpu;
	bool			 maxrss_own;
	/* Derived by report_model_finish(): the time it was alive and none
	 * of its child processes was (children clipped to its interval). */
	double			 exclusive;

	/* The image it ran before its first exec (its parent's at fork). */
	const struct report_image *inherited;
	struct report_image	*images;
	struct report_image	*last_image;
	size_t			 n_images;	/* execs, plus attach */

	struct report_thread	*threads;
	struct report_thread	*last_thread;
	size_t			 n_threads;

	struct report_instant	*inst;
	size_t			 n_inst;
	size_t			 inst_cap;
	unsigned long		 inst_dropped;
};

struct report_model {
	/* From the start line. */
	char			*mode;
	char			*time;
	char			*cwd;
	char			**argv;
	size_t			 argc;
	long long		 tracer_pid;

	/* From the end line. */
	bool			 has_end;
	double			 end_ts;
	bool			 has_status;
	int			 status;
	bool			 has_root_code;
	int			 root_code;
	char			 root_signal[REPORT_SIGNAME_MAX];

	double			 last_ts;	/* the latest ts of any event */
	unsigned long		 n_events;
	/* Processes, threads, execs and signals, counted as batch mode's
	 * closing notice counts them. */
	struct fw_runcount	 counts;

	struct report_proc	**procs;	/* in order of creation */
	size_t			 n_procs;
	size_t			 n_thread_recs;	/* thread records made */
	size_t			 procs_cap;
	struct report_image	*first_image;	/* every image in log order */
	struct report_image	*last_image;
	/* The untraced new parents of re-parented processes, in order of
	 * their first reparent line. */
	struct report_outsider	*outsiders;
	struct report_outsider	*last_outsider;
	size_t			 n_reparents;

	struct report_pidmap	 live;		/* tgid -> running process */
	struct report_pidmap	 threads;	/* tid -> running thread */
	bool			 finished;
};

/* Allocate an empty model; free it with report_model_free(). */
struct report_model *report_model_new(void);
void	 report_model_free(struct report_model *);

/* Apply one event of the log, in log order. */
void	 report_model_add(struct report_model *, const struct tlog_event *);

/* Close the model after the last event: processes still running end at
 * the last timestamp of the log. */
void	 report_model_finish(struct report_model *);
/* The same derived values (the end of what still runs, own CPU and RSS, pid
 * reuse numbers) for a report of what was read so far: more events may be
 * added after it (forkwatch report --follow). */
void	 report_model_settle(struct report_model *);

/* Seconds from the start of the trace to its end line (or last event). */
double	 report_model_wall(const struct report_model *);

/* The first process with this pid in creation order at or after seq, or
 * NULL. */
struct report_proc *report_model_find(const struct report_model *,
	    long long pid, size_t from_seq);

/* The root whose end is the latest (the launched program in launch mode);
 * NULL for an empty model. */
struct report_proc *report_model_main_root(const struct report_model *);

/* The process after p in a depth-first (pre-order) walk of the subtree of
 * root, which starts at root itself; children are skipped when descend is
 * false. *depth (0 at root) follows the walk. NULL when the walk is over.
 * Needs no stack, so trees of any depth are fine. */
struct report_proc *report_proc_next(const struct report_proc *p,
	    const struct report_proc *root, bool descend, int *depth);

/* The same walk over the tree of shape: REPORT_SHAPE_CREATED is
 * report_proc_next(). */
struct report_proc *report_proc_walk(const struct report_proc *p,
	    const struct report_proc *root, bool descend, int *depth,
	    enum report_shape);

/* p's parent, first child and next sibling in the tree of shape. */
static inline struct report_proc *
report_proc_parent_in(const struct report_proc *p, enum report_shape s)
{
	return s == REPORT_SHAPE_FINAL ? p->final.parent : p->parent;
}

static inline struct report_proc *
report_proc_first_child_in(const struct report_proc *p, enum report_shape s)
{
	return s == REPORT_SHAPE_FINAL ? p->final.first_child : p->first_child;
}

static inline struct report_proc *
report_proc_next_sibling_in(const struct report_proc *p, enum report_shape s)
{
	return s == REPORT_SHAPE_FINAL ? p->final.next_sibling :
	    p->next_sibling;
}

/* True when p's fork, vfork or clone line says more than a plain fork(2)
 * or vfork(2): clone flags besides the thread-id bookkeeping ones
 * (CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID, CLONE_PARENT_SETTID) and
 * vfork's CLONE_VM|CLONE_VFORK, or an exit signal other than SIGCHLD. */
bool	 report_proc_clone_notable(const struct report_proc *);
/* True for the thread-id bookkeeping flags a plain fork has. */
bool	 report_clone_flag_plain(const char *flag);

/* Process helpers. */
bool	 report_proc_failed(const struct report_proc *);
double	 report_proc_duration(const struct report_proc *);
/* qsort(3) order of struct report_proc pointers: the longest first, ties
 * in creation order (seq), so the order is the same on every run. */
int	 report_proc_cmp_duration(const void *, const void *);
const struct report_image *report_proc_image(const struct report_proc *);
/* The basename of argv[0] (or of the path) of its current image; "?" if it
 * has none. */
const char *report_proc_name(const struct report_proc *);
/* Describe how it ended ("exit 0", "killed by SIGKILL", "running") into a
 * buffer of at least 128 bytes. The signal's name comes from the log and is
 * escaped as for a terminal (report_signame()); it is not escaped for XML. */
const char *report_proc_status(const struct report_proc *, char *buf,
	    size_t len);

/* The same, shorter, for a column: "exit 2", "SIGSEGV (core)", "running
 * at end". */
const char *report_proc_status_short(const struct report_proc *, char *buf,
	    size_t len);

/* A signal's name from the log, escaped as for a terminal ("\x1b[2J"),
 * into buf. */
const char *report_signame(const char *sig, char *buf, size_t len);

/* The last path component of s. */
const char *report_basename(const char *s);

#endif
