/* event.c - the table of event kinds and their members, the
 * NUL-separated string vector and the file descriptor list. */
#include "config.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

#define F(field)	offsetof(struct fw_event, field)
#define NOF		FW_MEMBER_NO_FIELD
#define M(m)		FW_MEMBER_BIT(FW_M_##m)

/* The members, in the order the log writes them. */
static const struct fw_member_info members[FW_M_COUNT] = {
	[FW_M_THREAD] = { "thread", FW_MT_BOOL, F(thread), NOF, false,
	    "clone: the child joined the caller's thread group; exit: the "
	    "task was not its process's leader" },
	[FW_M_CHILD] = { "child", FW_MT_PID, F(child), NOF, false,
	    "the task the fork/vfork/clone made (vfork_done: that released "
	    "its parent)" },
	[FW_M_PARENT] = { "parent", FW_MT_PID, F(parent), NOF, false,
	    "the child's real parent when it is not pid (CLONE_PARENT)" },
	[FW_M_FLAGS] = { "flags", FW_MT_CLONE_FLAGS, F(clone_flags),
	    F(has_clone_flags), false,
	    "the clone flags the kernel got (from clone's registers or "
	    "clone3's struct), without the exit signal" },
	[FW_M_EXIT_SIGNAL] = { "exit_signal", FW_MT_SIG, F(exit_signal), NOF,
	    false, "the signal the child's exit sends its parent" },
	[FW_M_PATH] = { "path", FW_MT_STR, F(path), NOF, false,
	    "the executable (/proc/PID/exe)" },
	[FW_M_ARGV] = { "argv", FW_MT_STRV, F(argv), NOF, false,
	    "the arguments" },
	[FW_M_CWD] = { "cwd", FW_MT_STR, F(cwd), NOF, false,
	    "the working directory" },
	[FW_M_PPID] = { "ppid", FW_MT_PID, F(ppid), NOF, false,
	    "the real parent (from /proc)" },
	[FW_M_OLD_PID] = { "old_pid", FW_MT_PID, F(old_pid), NOF, false,
	    "the task id of the non-leader thread that exec'd" },
	[FW_M_ARGV_TRUNCATED] = { "argv_truncated", FW_MT_BOOL,
	    F(argv_truncated), NOF, false,
	    "argv was longer than forkwatch reads" },
	[FW_M_ENV] = { "env", FW_MT_STRV, F(env), NOF, false,
	    "the environment (--env)" },
	[FW_M_FDS] = { "fds", FW_MT_FDS, F(fds), NOF, false,
	    "the file descriptors open across the exec, and those it closed "
	    "(close-on-exec) (--fds)" },
	[FW_M_SIGNAL] = { "signal", FW_MT_SIG, F(signo), NOF, false,
	    "the signal (exit: the one that killed the task)" },
	[FW_M_CORE] = { "core", FW_MT_BOOL, F(core), F(killed), false,
	    "a core was dumped" },
	[FW_M_CODE] = { "code", FW_MT_INT, F(code), F(killed), true,
	    "the exit code" },
	[FW_M_UTIME] = { "utime", FW_MT_NUM, F(utime), F(has_rusage), false,
	    "user CPU seconds of the process and the children it reaped" },
	[FW_M_STIME] = { "stime", FW_MT_NUM, F(stime), F(has_rusage), false,
	    "system CPU seconds, the same way" },
	[FW_M_MAXRSS_KB] = { "maxrss_kb", FW_MT_LONG, F(maxrss_kb),
	    F(has_rusage), false, "peak resident set size in KiB" },
	[FW_M_SENDER] = { "sender", FW_MT_PID, F(sender), NOF, false,
	    "the process that sent the signal (si_pid)" },
	[FW_M_SENDER_INNER] = { "sender_inner", FW_MT_PID, F(sender_inner),
	    NOF, false, "the sender's pid as the receiver sees it, when it "
	    "is in another pid namespace and the sender is not traced" },
	[FW_M_SI_CODE] = { "si_code", FW_MT_INT, F(si_code), NOF, false,
	    "the raw si_code" },
	[FW_M_OLD_PARENT] = { "old_parent", FW_MT_PID, F(old_parent), NOF,
	    false, "the parent process that exited" },
	[FW_M_NEW_PARENT] = { "new_parent", FW_MT_PID, F(new_parent), NOF,
	    false, "the parent the kernel gave the task" },
	[FW_M_REAPER] = { "reaper", FW_MT_STR, F(reaper), NOF, false,
	    "why it is the new parent: subreaper or init" },
	[FW_M_OUTSIDE] = { "outside", FW_MT_BOOL, F(outside), NOF, false,
	    "the new parent is not traced" },
	[FW_M_NEW_PARENT_COMM] = { "new_parent_comm", FW_MT_STR,
	    F(new_parent_comm), NOF, false, "the new parent's name (comm)" },
	[FW_M_COMM] = { "comm", FW_MT_STR, F(comm), NOF, false,
	    "the task's name (comm)" },
	[FW_M_PF_FLAGS] = { "pf_flags", FW_MT_PF_FLAGS, F(pf_flags), NOF,
	    false, "the kernel's PF_* flags of the task" },
	[FW_M_TRACED] = { "traced", FW_MT_BOOL, F(traced), NOF, false,
	    "forkwatch traces the task" },
	[FW_M_CREATED] = { "created", FW_MT_NUM, F(created_ts), NOF, false,
	    "bpf backend: when the kernel made the thread (ts seconds)" },
	[FW_M_WOKEN] = { "woken", FW_MT_NUM, F(woken_ts), NOF, false,
	    "bpf backend: when it was first woken (kthread_run: at once; "
	    "kthread_create: when its creator woke it)" },
	[FW_M_DEPTH] = { "depth", FW_MT_INT, F(depth), NOF, false,
	    "how deep below the root the task is" },
	[FW_M_NSPID] = { "nspid", FW_MT_PIDS, F(nspid), NOF, false,
	    "the task's pids in each pid namespace, forkwatch's first" },
	[FW_M_VERSION] = { "version", FW_MT_INT, NOF, NOF, false,
	    "the log format's major version" },
	[FW_M_VERSION_MINOR] = { "version_minor", FW_MT_INT, NOF, NOF, false,
	    "the log format's minor version (0 when absent)" },
	[FW_M_TIME] = { "time", FW_MT_STR, NOF, NOF, false,
	    "the wall-clock time of ts 0 (UTC, ISO 8601)" },
	[FW_M_MODE] = { "mode", FW_MT_STR, NOF, NOF, false,
	    "launch, attach or system" },
	[FW_M_BACKEND] = { "backend", FW_MT_STR, NOF, NOF, false,
	    "where events came from: ptrace or bpf" },
	[FW_M_PIDS] = { "pids", FW_MT_PIDS, NOF, NOF, false,
	    "the processes given to -p" },
	[FW_M_STATUS] = { "status", FW_MT_INT, NOF, NOF, false,
	    "forkwatch's exit status" },
	[FW_M_ROOT_CODE] = { "root_code", FW_MT_INT, NOF, NOF, false,
	    "the launched program's exit code" },
	[FW_M_ROOT_SIGNAL] = { "root_signal", FW_MT_SIG, NOF, NOF, false,
	    "the signal that killed the launched program" },
	[FW_M_INCOMPLETE] = { "incomplete", FW_MT_BOOL, NOF, NOF, false,
	    "lines are missing: a write of the log failed" },
	[FW_M_LOST] = { "lost", FW_MT_LONG, NOF, NOF, false,
	    "how many lines were not written" },
	[FW_M_LOG_ERROR] = { "log_error", FW_MT_STR, NOF, NOF, false,
	    "why not (strerror)" },
	[FW_M_EVENTS_LOST] = { "events_lost", FW_MT_LONG, NOF, NOF, false,
	    "bpf backend: events the kernel could not hand over (its ring "
	    "buffer was full)" },
};

#define LOGGED_TASK	(FW_EVF_LOGGED | FW_EVF_TASK | FW_EVF_ENGINE)
/* Every event about a task may carry these. */
#define TASK_OPT	M(NSPID)
#define CLONE_MEMBERS	(M(PARENT) | M(FLAGS) | M(EXIT_SIGNAL) | TASK_OPT)
#define EXEC_MEMBERS	(M(PATH) | M(ARGV) | M(CWD) | M(ARGV_TRUNCATED) | \
			 M(ENV) | M(FDS))

/* The event kinds (see enum fw_event_kind and doc/LOG-FORMAT.md). */
static const struct fw_event_info kinds[FW_EV_COUNT] = {
	[FW_EV_FORK] = {
		.name = "fork", .flags = LOGGED_TASK | FW_EVF_STEP,
		.bp_name = "fork", .bp_conds = FW_BPC_TASK | FW_BPC_FLAGS,
		.req = M(CHILD), .opt = CLONE_MEMBERS,
		.doc = "pid made a new process, child",
	},
	[FW_EV_VFORK] = {
		.name = "vfork", .flags = LOGGED_TASK | FW_EVF_STEP,
		.bp_name = "vfork", .bp_conds = FW_BPC_TASK | FW_BPC_FLAGS,
		.req = M(CHILD), .opt = CLONE_MEMBERS,
		.doc = "pid made a new process, child, and waits until it "
		    "execs or exits",
	},
	[FW_EV_CLONE] = {
		.name = "clone", .flags = LOGGED_TASK | FW_EVF_STEP,
		.bp_name = "clone", .bp_thread_name = "thread",
		.bp_conds = FW_BPC_TASK | FW_BPC_FLAGS,
		.req = M(CHILD), .always = M(THREAD), .opt = CLONE_MEMBERS,
		.doc = "pid made a thread or a process that the kernel does "
		    "not call a fork",
	},
	[FW_EV_VFORK_DONE] = {
		.name = "vfork_done", .flags = LOGGED_TASK | FW_EVF_STEP,
		.req = M(CHILD), .opt = TASK_OPT,
		.doc = "the vfork child released its parent (exec or exit)",
	},
	[FW_EV_EXEC] = {
		.name = "exec", .flags = LOGGED_TASK | FW_EVF_STEP,
		.bp_name = "exec", .bp_conds = FW_BPC_TASK,
		.always = M(PATH) | M(ARGV) | M(CWD),
		.opt = EXEC_MEMBERS | M(OLD_PID) | TASK_OPT,
		.doc = "pid runs a new program",
	},
	[FW_EV_EXITING] = {
		.name = "exiting", .flags = FW_EVF_TASK | FW_EVF_ENGINE |
		    FW_EVF_STEP,
		.bp_name = "exit", .bp_conds = FW_BPC_TASK | FW_BPC_CODE |
		    FW_BPC_NONZERO | FW_BPC_KILLED | FW_BPC_SIGNAL,
		.opt = M(SIGNAL) | M(CODE) | TASK_OPT,
		.doc = "pid is exiting and can still be inspected",
	},
	[FW_EV_EXIT] = {
		.name = "exit", .flags = LOGGED_TASK,
		.opt = M(THREAD) | M(SIGNAL) | M(CORE) | M(CODE) | M(UTIME) |
		    M(STIME) | M(MAXRSS_KB) | TASK_OPT,
		.one_of = M(CODE) | M(SIGNAL),
		.doc = "pid was reaped: its exit code or killing signal",
	},
	[FW_EV_SIGNAL] = {
		.name = "signal", .flags = LOGGED_TASK | FW_EVF_STEP,
		.bp_name = "signal", .bp_conds = FW_BPC_TASK | FW_BPC_SIGNAL,
		.always = M(SIGNAL) | M(SI_CODE), .opt = M(SENDER) | M(SENDER_INNER) | TASK_OPT,
		.doc = "a signal is delivered to pid",
	},
	[FW_EV_STOP] = {
		.name = "stop", .flags = LOGGED_TASK | FW_EVF_STEP,
		.always = M(SIGNAL), .opt = TASK_OPT,
		.doc = "pid entered a group-stop (job control)",
	},
	[FW_EV_CONT] = {
		.name = "cont", .flags = LOGGED_TASK,
		.always = M(SIGNAL), .opt = TASK_OPT,
		.doc = "pid was continued by SIGCONT",
	},
	[FW_EV_ATTACH] = {
		.name = "attach", .flags = LOGGED_TASK,
		.always = M(PPID), .opt = M(PATH) | M(ARGV) | M(CWD) | TASK_OPT,
		.doc = "forkwatch attached to pid, which already ran",
	},
	[FW_EV_DETACH] = {
		.name = "detach", .flags = LOGGED_TASK, .opt = TASK_OPT,
		.doc = "forkwatch let go of pid",
	},
	[FW_EV_PAUSE] = {
		.name = "pause", .flags = FW_EVF_TASK | FW_EVF_ENGINE,
		.doc = "pid stopped because the user asked",
	},
	[FW_EV_REPARENT] = {
		.name = "reparent", .flags = LOGGED_TASK,
		.bp_name = "reparent", .bp_conds = FW_BPC_TASK,
		.req = M(OLD_PARENT) | M(NEW_PARENT),
		.always = M(REAPER) | M(OUTSIDE),
		.opt = M(NEW_PARENT_COMM) | TASK_OPT,
		.doc = "the kernel gave pid a new parent: its parent process "
		    "exited",
	},
	[FW_EV_KTHREAD] = {
		.name = "kthread", .flags = LOGGED_TASK,
		.always = M(COMM) | M(PF_FLAGS) | M(TRACED),
		.opt = M(PPID) | M(CREATED) | M(WOKEN) | TASK_OPT,
		.doc = "a thread the kernel made (an io_uring worker): it "
		    "cannot be traced",
	},
	[FW_EV_UNTRACED] = {
		.name = "untraced", .flags = LOGGED_TASK,
		.req = M(DEPTH), .always = M(PPID), .opt = TASK_OPT,
		.doc = "pid is deeper than --depth: forkwatch let it go",
	},
	[FW_EV_START] = {
		.name = "start", .flags = FW_EVF_LOGGED,
		.req = M(VERSION),
		.opt = M(VERSION_MINOR) | M(TIME) | M(MODE) | M(BACKEND) |
		    M(ARGV) | M(PIDS) | M(CWD),
		.doc = "the first line: what is traced, and when",
	},
	[FW_EV_END] = {
		.name = "end", .flags = FW_EVF_LOGGED,
		.opt = M(STATUS) | M(ROOT_CODE) | M(ROOT_SIGNAL) |
		    M(INCOMPLETE) | M(LOST) | M(LOG_ERROR) | M(EVENTS_LOST),
		.doc = "the last line of a complete trace",
	},
	[FW_EV_UNKNOWN] = {
		.name = "?",
		.doc = "an event kind this forkwatch does not know",
	},
};

#undef F
#undef NOF
#undef M

const struct fw_event_info *
event_info(enum fw_event_kind k)
{
	if ((unsigned)k >= FW_EV_COUNT)
		k = FW_EV_UNKNOWN;
	return &kinds[k];
}

const struct fw_member_info *
event_member(enum fw_member m)
{
	return (unsigned)m < FW_M_COUNT ? &members[m] : NULL;
}

const char *
event_kind_name(enum fw_event_kind k)
{
	return event_info(k)->name;
}

int
event_kind_parse(const char *s)
{
	int	 i;

	for (i = 0; i < FW_EV_COUNT; i++) {
		if (i != FW_EV_UNKNOWN && strcmp(kinds[i].name, s) == 0)
			return i;
	}
	return -1;
}

bool
event_logged(enum fw_event_kind k)
{
	return (event_info(k)->flags & FW_EVF_LOGGED) != 0;
}

bool
event_is_step(const struct fw_event *ev)
{
	return (event_info(ev->kind)->flags & FW_EVF_STEP) != 0;
}

unsigned
event_bp_bit(const struct fw_event *ev)
{
	const struct fw_event_info	*in = event_info(ev->kind);

	if (in->bp_name == NULL)
		return 0;
	if (ev->thread && in->bp_thread_name != NULL)
		return FW_BPK_THREAD;
	return 1u << ev->kind;
}

const char *
event_bp_name_at(int i, unsigned *bits)
{
	unsigned	 all = 0;
	int		 k, n = 0;

	for (k = 0; k < FW_EV_COUNT; k++) {
		if (kinds[k].bp_name == NULL)
			continue;
		all |= 1u << k;
		if (n++ == i) {
			*bits = 1u << k;
			return kinds[k].bp_name;
		}
		if (kinds[k].bp_thread_name != NULL) {
			all |= FW_BPK_THREAD;
			if (n++ == i) {
				*bits = FW_BPK_THREAD;
				return kinds[k].bp_thread_name;
			}
		}
	}
	if (n == i) {
		*bits = all;
		return "any";
	}
	*bits = 0;
	return NULL;
}

unsigned
event_bp_conds(unsigned bits)
{
	unsigned	 conds = 0;
	int		 k;

	for (k = 0; k < FW_EV_COUNT; k++) {
		if ((bits & (1u << k)) ||
		    ((bits & FW_BPK_THREAD) && kinds[k].bp_thread_name != NULL))
			conds |= kinds[k].bp_conds;
	}
	return conds;
}

void
strv_init(struct fw_strv *v)
{
	v->blob = NULL;
	v->len = 0;
	v->n = 0;
}

void
strv_release(struct fw_strv *v)
{
	free(v->blob);
	strv_init(v);
}

/* Take a copy of blob; a missing final NUL is added. */
void
strv_set(struct fw_strv *v, const char *blob, size_t len)
{
	size_t	 i;

	free(v->blob);
	v->n = 0;
	v->len = len;
	if (len > 0 && blob[len - 1] != '\0')
		v->len = len + 1;
	v->blob = fw_malloc(v->len + 1);
	memcpy(v->blob, blob, len);
	if (v->len > 0)
		v->blob[v->len - 1] = '\0';	/* the terminator added above */
	v->blob[v->len] = '\0';
	for (i = 0; i < v->len; i++) {
		if (v->blob[i] == '\0')
			v->n++;
	}
}

void
strv_copy(struct fw_strv *dst, const struct fw_strv *src)
{
	if (src == NULL || src->blob == NULL) {
		strv_release(dst);
		return;
	}
	strv_set(dst, src->blob, src->len);
}

const char *
strv_next(const struct fw_strv *v, const char *p)
{
	if (v == NULL || v->blob == NULL || v->len == 0)
		return NULL;
	if (p == NULL)
		return v->blob;
	p += strlen(p) + 1;
	if (p >= v->blob + v->len)
		return NULL;
	return p;
}

const char *
strv_get(const struct fw_strv *v, int i)
{
	const char	*p = NULL;

	if (i < 0)
		return NULL;
	while ((p = strv_next(v, p)) != NULL && i-- > 0)
		;
	return p;
}

void
fdv_init(struct fw_fdv *v)
{
	v->v = NULL;
	v->n = 0;
}

void
fdv_release(struct fw_fdv *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		free(v->v[i].target);
	free(v->v);
	fdv_init(v);
}

void
fdv_add(struct fw_fdv *v, int fd, int mode, bool cloexec, const char *target)
{
	struct fw_fd	*f;

	v->v = fw_realloc(v->v, (v->n + 1) * sizeof *v->v);
	f = &v->v[v->n++];
	f->fd = fd;
	f->mode = mode;
	f->cloexec = cloexec;
	f->target = fw_strdup(target != NULL ? target : "");
}

void
fdv_copy(struct fw_fdv *dst, const struct fw_fdv *src)
{
	size_t	 i;

	fdv_release(dst);
	for (i = 0; src != NULL && i < src->n; i++)
		fdv_add(dst, src->v[i].fd, src->v[i].mode, src->v[i].cloexec,
		    src->v[i].target);
}

static const struct {
	int		 mode;
	const char	*name;
} fd_modes[] = {
	{ O_RDONLY,	"r" },
	{ O_WRONLY,	"w" },
	{ O_RDWR,	"rw" },
};

const char *
fdv_mode_name(int mode)
{
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(fd_modes); i++) {
		if (fd_modes[i].mode == mode)
			return fd_modes[i].name;
	}
	return NULL;
}

int
fdv_mode_parse(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < FW_ARRAY_SIZE(fd_modes); i++) {
		if (strcmp(fd_modes[i].name, name) == 0)
			return fd_modes[i].mode;
	}
	return -1;
}
