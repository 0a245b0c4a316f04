/* session.c - the debugger session: where the tree stops (breakpoints,
 * steps, the root's first exec) and what the user is told about it. */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backtrace.h"
#include "batch.h"
#include "escape.h"
#include "flags.h"
#include "launch.h"
#include "session.h"

#define SESS_KEEP_EXITED	20000	/* exited tasks kept for "tree" */

void
session_write(struct session *s, const char *text, size_t len)
{
	if (len > 0)
		s->hooks.out(s->hooks.arg, text, len);
}

void
session_error(struct session *s, const char *text, size_t len)
{
	if (len == 0)
		return;
	if (s->hooks.err != NULL)
		s->hooks.err(s->hooks.arg, text, len);
	else
		s->hooks.out(s->hooks.arg, text, len);
}

void
session_printf(struct session *s, const char *fmt, ...)
{
	struct fw_buf	 b;
	va_list		 ap;

	fw_buf_init(&b);
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
}

static void
hist_add(struct session *s, const struct fw_event *ev)
{
	struct session_hist	*h = &s->hist[s->hist_next % SESS_HISTORY];
	struct fw_buf		 b;

	free(h->line);
	fw_buf_init(&b);
	tlog_format_event(&b, TLOG_TEXT, ev);
	h->line = b.data != NULL ? b.data : fw_strdup("");
	h->kind = ev->kind;
	h->ts = ev->ts;
	h->pid = ev->pid;
	h->tgid = ev->tgid;
	s->hist_next++;
}

static void
note_stop(struct session *s, const struct fw_event *ev, int bp)
{
	struct fw_buf	 b;

	fw_buf_init(&b);
	tlog_format_event(&b, TLOG_TEXT, ev);
	free(s->stop_line);
	s->stop_line = b.data != NULL ? b.data : fw_strdup("");
	s->stop_pid = ev->pid;
	s->stop_kind = ev->kind;
	s->stop_bp = bp;
	/* Each stop is announced, not only the last of a batch. The log's
	 * timestamp column is right-aligned: not here. */
	if (bp != 0)
		fw_buf_printf(&s->stops, "Breakpoint %d, ", bp);
	else
		fw_buf_adds(&s->stops, "Stopped: ");
	fw_buf_adds(&s->stops, s->stop_line + strspn(s->stop_line, " "));
	fw_buf_addc(&s->stops, '\n');
}

/* An event "step N" went past on its way: announced with the stop. */
static void
note_passed(struct session *s, const struct fw_event *ev)
{
	struct fw_buf	 b;

	fw_buf_init(&b);
	tlog_format_event(&b, TLOG_TEXT, ev);
	fw_buf_adds(&s->stops, "Passed: ");
	/* The log's timestamp column is right-aligned: not here. */
	fw_buf_adds(&s->stops, fw_buf_cstr(&b) + strspn(fw_buf_cstr(&b), " "));
	fw_buf_addc(&s->stops, '\n');
	fw_buf_release(&b);
}

static void
queue_commands(struct session *s, const struct breakpoint *bp)
{
	int	 i;

	for (i = 0; i < bp->ncommands; i++) {
		s->pending = fw_realloc(s->pending,
		    (size_t)(s->npending + 1) * sizeof *s->pending);
		s->pending[s->npending++] = fw_strdup(bp->commands[i]);
	}
}

/* What "handle" says for a signal about to be delivered: take it away,
 * say so, stop (unless a breakpoint stopped already: verdict). */
static int
handle_signal(struct session *s, const struct fw_event *ev, int verdict)
{
	unsigned	 h = s->sig_handle[ev->signo];
	struct fw_buf	 b;

	if (h & SESS_SIG_NOPASS)
		engine_set_signal(&s->eng, ev->task, 0);
	if ((h & SESS_SIG_STOP) && verdict != ENGINE_STOP) {
		note_stop(s, ev, 0);
		return ENGINE_STOP;
	}
	if ((h & SESS_SIG_PRINT) && verdict != ENGINE_STOP) {
		fw_buf_init(&b);
		tlog_format_event(&b, TLOG_TEXT, ev);
		session_printf(s, "Signal: %s%s\n", fw_buf_cstr(&b) +
		    strspn(fw_buf_cstr(&b), " "), h & SESS_SIG_NOPASS ?
		    " (taken away)" : "");
		fw_buf_release(&b);
	}
	return ENGINE_GO;
}

/* Which events stop the tree (session_sink()). */
static int
sink_verdict(void *arg, const struct fw_event *ev)
{
	struct session		*s = arg;
	struct breakpoint	*bp, *next;
	int			 verdict = ENGINE_GO;

	hist_add(s, ev);
	/* The name a task had at its end, for the tree once it is gone
	 * (the engine forgets comm at exec; /proc knows it while it lives). */
	if (ev->kind == FW_EV_EXITING && ev->task != NULL)
		procfs_read_comm(&s->eng.proc, ev->pid, ev->task->comm,
		    sizeof ev->task->comm);
	if (s->hooks.event != NULL)
		s->hooks.event(s->hooks.arg, ev);
	if (ev->kind == FW_EV_EXEC && s->stop_first_exec &&
	    ev->pid == s->eng.root) {
		s->stop_first_exec = false;
		note_stop(s, ev, 0);
		return ENGINE_STOP;
	}
	if (s->state != SESS_RUNNING && !(s->state == SESS_STOPPED &&
	    s->stop_mode == SESS_STOP_TASK))
		return ENGINE_GO;
	/* Ctrl-C at the console also reaches the traced program when it is
	 * in forkwatch's process group; like gdb, forkwatch takes it as
	 * "pause" and does not pass the terminal's SIGINT on. forkwatch got
	 * the same SIGINT and pauses the tree for it (ENGINE_INTR); a task
	 * stopped before it dequeued its copy meets it at the next resume,
	 * so stopping here would stop the tree a second time. (One still
	 * queued when a task is let go is dropped by the engine.) */
	if (ev->kind == FW_EV_SIGNAL && ev->task != NULL &&
	    engine_intr_is_ours(&s->eng, ev->task, ev->signo, ev->si_code)) {
		engine_set_signal(&s->eng, ev->task, 0);
		return ENGINE_GO;
	}
	for (bp = s->bps; bp != NULL; bp = next) {
		next = bp->next;
		if (!session_bp_match(s, bp, ev))
			continue;
		bp->hits++;
		/* "ignore N COUNT": the next COUNT hits let the task go. */
		if (bp->ignore > 0) {
			bp->ignore--;
			continue;
		}
		if (verdict == ENGINE_GO) {
			note_stop(s, ev, bp->id);
			queue_commands(s, bp);
		}
		verdict = ENGINE_STOP;
		if (bp->temporary)
			session_bp_delete(s, bp);
	}
	if (ev->kind == FW_EV_SIGNAL && ev->signo > 0 &&
	    ev->signo < SESS_NSIG && ev->task != NULL &&
	    handle_signal(s, ev, verdict) == ENGINE_STOP)
		verdict = ENGINE_STOP;
	if (verdict == ENGINE_STOP) {
		s->step_left = 0;
		s->step_pid = 0;
		return verdict;
	}
	/* "step PID" of a task at its exit stop: its end is the last thing
	 * it does. Nothing else runs, so waiting for a step event would
	 * wait for ever. */
	if (ev->kind == FW_EV_EXIT && s->step_pid != 0 &&
	    ev->pid == s->step_pid) {
		s->step_pid = 0;
		note_stop(s, ev, 0);
		return ENGINE_STOP;
	}
	if (!event_is_step(ev))
		return ENGINE_GO;
	if (s->step_pid != 0 && (ev->pid == s->step_pid ||
	    ev->tgid == s->step_pid)) {
		s->step_pid = 0;
		note_stop(s, ev, 0);
		return ENGINE_STOP;
	}
	if (s->step_left > 0 && --s->step_left == 0) {
		note_stop(s, ev, 0);
		return ENGINE_STOP;
	}
	/* "step N" says every event it passes, not only where it ends. */
	if (s->step_left > 0)
		note_passed(s, ev);
	return ENGINE_GO;
}

/* The session's engine sink. In all-stop mode a stop freezes the engine at
 * once, before engine_stop_all(): a new child whose first stop is
 * replayed with its creator's event, or reported in the same batch of
 * statuses, must stay stopped (not run on until interrupted). */
static int
session_sink(void *arg, const struct fw_event *ev)
{
	struct session	*s = arg;
	int		 verdict = sink_verdict(arg, ev);

	if (verdict == ENGINE_STOP && s->stop_mode == SESS_STOP_ALL)
		s->eng.frozen = true;
	return verdict;
}

/* The log writer's sink, registered once: "log FILE" may open and close
 * the writer while the engine keeps its sinks. */
static int
session_log_sink(void *arg, const struct fw_event *ev)
{
	struct session	*s = arg;

	if (s->logging)
		tlog_sink(&s->log, ev);
	return ENGINE_GO;
}

/* While a stop waits to be announced, announce_stop() writes the log
 * after it: a write error is then the last thing said, not hidden behind
 * the stop (the TUI's message line shows the last line). */
static void
session_log_flush(void *arg)
{
	struct session	*s = arg;

	if (s->logging && s->stops.len == 0)
		tlog_writer_flush(&s->log);
}

/* The log writer's first write error, at once, through the front end's
 * error output (the console's stderr, the TUI's message line). */
static void
session_log_error(void *arg, const char *msg)
{
	struct session	*s = arg;
	struct fw_buf	 b;

	s->log_incomplete = true;
	fw_buf_init(&b);
	fw_buf_printf(&b, "forkwatch: %s\n", msg);
	session_error(s, b.data, b.len);
	fw_buf_release(&b);
}

/* Open the log writer with the session's error report. */
static int
log_writer_open(struct session *s, const char *path, enum tlog_format f)
{
	int	 r;

	if ((r = tlog_writer_open(&s->log, path, s->opts->log_fd, f)) != 0)
		return r;
	s->log.on_error = session_log_error;
	s->log.on_error_arg = s;
	return 0;
}

/* The log's first line, saying what is traced. */
static void
log_start(struct session *s)
{
	const struct fw_options	*o = s->opts;
	char			*cwd = getcwd(NULL, 0);

	s->log.backend = engine_backend_name(&s->eng);
	tlog_write_start(&s->log, s->eng.wall0, s->argv != NULL,
	    s->argv, o->pids, o->npids, cwd);
	free(cwd);
}

/* A NULL-terminated copy of argv[0..] with its arguments from index
 * first replaced by args (NULL: kept). */
static char **
argv_copy(char *const *argv, int first, char *const *args)
{
	char	**v;
	int	 n = 0, k = 0, i;

	while (argv[n] != NULL && (args == NULL || n < first))
		n++;
	while (args != NULL && args[k] != NULL)
		k++;
	v = fw_calloc((size_t)(n + k + 1), sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = fw_strdup(argv[i]);
	for (i = 0; i < k; i++)
		v[n + i] = fw_strdup(args[i]);
	return v;
}

static void
argv_free(char **v)
{
	char	**p;

	for (p = v; p != NULL && *p != NULL; p++)
		free(*p);
	free(v);
}

int
session_log_open(struct session *s, const char *path, enum tlog_format f,
    struct fw_buf *err)
{
	int	 r;

	if (s->logging) {
		fw_buf_printf(err, "already writing the log to %s (log off "
		    "first)", s->log.path);
		return -EBUSY;
	}
	if ((r = log_writer_open(s, path, f)) != 0) {
		fw_buf_printf(err, "cannot open log file %s: %s", path,
		    strerror(-r));
		return r;
	}
	tlog_writer_color(&s->log, s->opts->color);
	s->logging = true;
	log_start(s);
	return 0;
}

int
session_log_end(struct session *s, int status)
{
	struct fw_buf	 b;

	if (s->logging && tlog_writer_flush(&s->log) != 0)
		s->log_incomplete = true;
	if (s->log_incomplete)
		status = FW_EXIT_FAILURE;
	if (!s->logging)
		return status;
	if (!engine_can_stop(&s->eng))
		s->log.events_lost = (long)s->eng.events_lost;
	tlog_write_end(&s->log, engine_ts(&s->eng), status,
	    s->eng.launched && s->eng.root_done ? s->eng.root_status : -1);
	if (tlog_writer_incomplete(&s->log)) {
		s->log_incomplete = true;
		status = FW_EXIT_FAILURE;
		fw_buf_init(&b);
		fw_buf_adds(&b, "forkwatch: ");
		tlog_writer_describe_loss(&s->log, &b);
		fw_buf_printf(&b, "; exit status %d\n", FW_EXIT_FAILURE);
		session_error(s, b.data, b.len);
		fw_buf_release(&b);
	}
	tlog_writer_close(&s->log);
	s->logging = false;
	return status;
}

void
session_log_close(struct session *s)
{
	(void)session_log_end(s, s->exit_status);
}

int
session_init(struct session *s, const struct fw_options *o,
    const struct session_hooks *hooks)
{
	struct engine_opts	 eo;
	int			 r;

	memset(s, 0, sizeof *s);
	fw_buf_init(&s->stops);
	s->opts = o;
	s->hooks = *hooks;
	s->next_bp_id = 1;
	s->stop_mode = SESS_STOP_ALL;
	s->state = SESS_STOPPED;
	memset(&eo, 0, sizeof eo);
	eo.want_env = o->want_env;
	eo.subtree = o->subtree;
	eo.limit_depth = o->depth >= 0;
	eo.max_depth = o->depth;
	eo.want_fds = o->want_fds;
	eo.launch_tty = -1;
	eo.launch_stdout = o->prog_stdout;
	eo.keep_exited = SESS_KEEP_EXITED;
	eo.backend = o->backend;
	eo.bpf_buffer = o->bpf_buffer;
	if ((r = engine_init(&s->eng, &eo)) != 0) {
		if (s->eng.err.len > 0)
			fw_error(0, "%s", fw_buf_cstr(&s->eng.err));
		return r;
	}
	engine_add_sink(&s->eng, session_sink, NULL, s);
	engine_add_sink(&s->eng, session_log_sink, session_log_flush, s);
	if (o->output != NULL) {
		if ((r = log_writer_open(s, o->output, o->format)) != 0) {
			fw_error(-r, "cannot open log file %s", o->output);
			return r;
		}
		tlog_writer_color(&s->log, o->color);
		s->logging = true;
	}
	s->bt = bt_ctx_new();
	if (o->argv != NULL)
		s->argv = argv_copy(o->argv, 0, NULL);
	return 0;
}

void
session_release(struct session *s)
{
	struct breakpoint	*bp, *next;
	size_t			 i;
	int			 j;

	session_log_close(s);
	for (bp = s->bps; bp != NULL; bp = next) {
		next = bp->next;
		session_bp_free(bp);
	}
	for (i = 0; i < SESS_HISTORY; i++)
		free(s->hist[i].line);
	for (j = 0; j < s->npending; j++)
		free(s->pending[j]);
	free(s->pending);
	free(s->stop_line);
	fw_buf_release(&s->stops);
	if (s->bt != NULL)
		bt_ctx_free(s->bt);
	argv_free(s->argv);
	engine_release(&s->eng);
}

/* Launch the program at the start: 0, or forkwatch's exit status once the
 * reason is said. */
static int
start_launch(struct session *s)
{
	int	 r;

	if ((r = engine_launch(&s->eng, s->argv)) == 0)
		return 0;
	if (s->eng.err.len > 0) {
		fw_error(0, "%s", s->eng.err.data);
		return FW_EXIT_FAILURE;
	}
	fw_error(-r, "cannot run '%s'", s->argv[0]);
	return launch_exit_status(r);
}

/* Attach to the -p pids (stopping them when stop), saying why for each
 * that fails: 0, or FW_EXIT_FAILURE when none could be attached. */
static int
start_attach(struct session *s, bool stop)
{
	const struct fw_options	*o = s->opts;
	size_t			 i;
	int			 attached = 0;

	for (i = 0; i < o->npids; i++) {
		fw_buf_reset(&s->eng.err);
		if (engine_attach(&s->eng, o->pids[i], stop) != 0) {
			fw_error(0, "%s", fw_buf_cstr(&s->eng.err));
			continue;
		}
		attached++;
	}
	return attached == 0 ? FW_EXIT_FAILURE : 0;
}

/* A backend that never stops a task (eBPF): the session only watches.
 * The tree runs from the start; what would stop it says it needs ptrace
 * (session_pause(), the commands marked CMD_F_STOPS). */
static int
watch_start(struct session *s)
{
	int	 r;

	if ((r = s->argv != NULL ? start_launch(s) :
	    start_attach(s, false)) != 0)
		return r;
	s->state = SESS_RUNNING;
	session_printf(s, "Watching %zu task%s with the %s backend, which "
	    "never stops a task: pausing, stepping, breakpoints, hold, bt "
	    "and gdb need --backend=ptrace.\n", engine_live(&s->eng),
	    engine_live(&s->eng) == 1 ? "" : "s",
	    engine_backend_name(&s->eng));
	return 0;
}

int
session_start(struct session *s)
{
	int	 r;

	if (s->logging)
		log_start(s);
	/* A person at the terminal: its Ctrl-C is forkwatch's (pause, or
	 * nothing at the prompt), never the program's, even when the kernel
	 * queued it for a stopped task (engine_intr_is_ours()). */
	if (s->interactive)
		s->eng.opts.intr_pgrp = getpgrp();
	if (!engine_can_stop(&s->eng))
		return watch_start(s);
	if (s->argv != NULL) {
		s->stop_first_exec = true;
		if ((r = start_launch(s)) != 0)
			return r;
		/* Run to the root's first exec: stopped before its first
		 * instruction. */
		s->state = SESS_RUNNING;
		while (s->state == SESS_RUNNING)
			session_drive(s, true, NULL);
		return 0;
	}
	if ((r = start_attach(s, true)) != 0)
		return r;
	s->state = SESS_STOPPED;
	if (s->logging)
		tlog_writer_flush(&s->log);
	session_printf(s, "Attached to %zu task%s; all stopped.\n",
	    engine_live(&s->eng), engine_live(&s->eng) == 1 ? "" : "s");
	return 0;
}

int
session_run(struct session *s, char *const *args, struct fw_buf *err)
{
	struct breakpoint	*bp;
	char			**v;
	int			 r;

	if (s->argv == NULL) {
		fw_buf_adds(err, "run starts a program again, and forkwatch "
		    "attached to running processes (-p): there is none to run");
		return -1;
	}
	if (args != NULL) {
		v = argv_copy(s->argv, 1, args);
		argv_free(s->argv);
		s->argv = v;
	}
	if (engine_live(&s->eng) > 0)
		session_finish(s);
	/* The log holds one run: it ends with the one that is over. */
	if (s->logging) {
		session_printf(s, "The log %s ends with the previous run ('log "
		    "FILE' writes one for this run).\n", s->log.path);
		session_log_close(s);
	}
	engine_forget_dead(&s->eng);
	/* As gdb does on run: breakpoints stay, their hit counts start
	 * again. */
	for (bp = s->bps; bp != NULL; bp = bp->next)
		bp->hits = 0;
	s->step_left = 0;
	s->step_pid = 0;
	s->stop_pid = 0;
	s->stop_bp = 0;
	free(s->stop_line);
	s->stop_line = NULL;
	fw_buf_reset(&s->stops);
	s->stop_first_exec = true;
	fw_buf_reset(&s->eng.err);
	if ((r = engine_launch(&s->eng, s->argv)) != 0) {
		/* The child that could not exec is reaped: no trace of it. */
		engine_forget_dead(&s->eng);
		s->state = SESS_DONE;
		if (s->eng.err.len > 0)
			fw_buf_add(err, s->eng.err.data, s->eng.err.len);
		else
			fw_buf_printf(err, "cannot run '%s': %s", s->argv[0],
			    strerror(-r));
		return -1;
	}
	s->state = SESS_RUNNING;
	while (s->state == SESS_RUNNING)
		session_drive(s, true, NULL);
	return 0;
}

void
session_resume(struct session *s)
{
	struct fw_task	*t;

	s->state = SESS_RUNNING;
	if (s->step_pid != 0) {
		/* Only that task runs; the others stay frozen. */
		t = task_find(&s->eng.tasks, s->step_pid);
		if (t != NULL && t->state == TASK_STOPPED &&
		    !(t->flags & TF_HELD)) {
			s->eng.frozen = true;
			engine_resume_task(&s->eng, t);
			return;
		}
	}
	if (s->stop_mode == SESS_STOP_TASK && s->stop_pid != 0 &&
	    !s->eng.frozen) {
		t = task_find(&s->eng.tasks, s->stop_pid);
		if (t != NULL && !(t->flags & TF_HELD))
			engine_resume_task(&s->eng, t);
	}
	engine_resume_all(&s->eng);
}

/* The tree stopped: say where (every stop since the last time). */
/* The tree stopped: say where, and write the log up to here (it may
 * stay stopped for a long time; a write error is reported now). */
static void
announce_stop(struct session *s)
{
	session_write(s, s->stops.data, s->stops.len);
	fw_buf_reset(&s->stops);
	if (s->logging)
		tlog_writer_flush(&s->log);
}

static void
announce_done(struct session *s)
{
	int	 st = s->eng.root_status;

	if (s->eng.launched && s->eng.root_done) {
		s->exit_status = batch_exit_status(st);
		if (WIFSIGNALED(st))
			session_printf(s, "All traced tasks are gone; %d was "
			    "killed by %s%s.\n", (int)s->eng.root,
			    flags_signame(WTERMSIG(st)),
			    WCOREDUMP(st) ? " (core dumped)" : "");
		else
			session_printf(s, "All traced tasks are gone; %d "
			    "exited with %d.\n", (int)s->eng.root,
			    WEXITSTATUS(st));
	} else
		session_printf(s, "No traced task is left.\n");
}

enum session_state
session_drive(struct session *s, bool block, const volatile sig_atomic_t *intr)
{
	enum engine_result	 r;

	if (s->state == SESS_DONE)
		return s->state;
	if (s->state == SESS_STOPPED && !(s->stop_mode == SESS_STOP_TASK &&
	    !s->eng.frozen)) {
		if (engine_live(&s->eng) == 0) {
			s->state = SESS_DONE;
			announce_done(s);
		}
		return s->state;
	}
	r = engine_run(&s->eng, block, intr);
	switch (r) {
	case ENGINE_BREAK:
		s->step_left = 0;
		/* What the others reach while they are being stopped really
		 * happened: it still meets the breakpoints (and is announced
		 * with the first stop), so the state changes only after. */
		if (s->stop_mode == SESS_STOP_ALL)
			engine_stop_all(&s->eng, NULL);
		else if (s->eng.brk_task != NULL &&
		    !task_is_stopped(s->eng.brk_task))
			/* An event about a running task (reparent): it is
			 * the one that waits. */
			engine_stop_task(&s->eng, s->eng.brk_task);
		s->state = SESS_STOPPED;
		announce_stop(s);
		break;
	case ENGINE_DONE:
		s->state = SESS_DONE;
		announce_stop(s);
		announce_done(s);
		break;
	case ENGINE_INTR:
		/* Batch mode (with -x/-e) treats signals as batch does: the
		 * front end decides; interactive front ends pause. */
		if (s->opts->mode != FW_MODE_BATCH)
			session_pause(s);
		break;
	case ENGINE_ERROR:
		session_finish(s);
		s->state = SESS_DONE;
		s->exit_status = FW_EXIT_FAILURE;
		break;
	case ENGINE_READY:
		break;
	}
	return s->state;
}

void
session_pause(struct session *s)
{
	s->step_left = 0;
	s->step_pid = 0;
	if (!engine_can_stop(&s->eng)) {
		session_printf(s, "The %s backend never stops a task: the "
		    "tree runs on (pausing needs --backend=ptrace).\n",
		    engine_backend_name(&s->eng));
		return;
	}
	engine_stop_all(&s->eng, NULL);
	s->state = engine_live(&s->eng) > 0 ? SESS_STOPPED : SESS_DONE;
	if (s->stops.len > 0) {
		/* A task stopped at an event meanwhile: that is where the
		 * tree is. */
		announce_stop(s);
	} else {
		free(s->stop_line);
		s->stop_line = NULL;
		s->stop_pid = 0;
		s->stop_bp = 0;
	}
	if (s->state == SESS_STOPPED)
		session_printf(s, "Paused: %zu task%s stopped.\n",
		    engine_live(&s->eng), engine_live(&s->eng) == 1 ? "" : "s");
	else
		announce_done(s);
}

void
session_finish(struct session *s)
{
	if (engine_live(&s->eng) == 0)
		return;
	/* Done first: the exit stops the kill brings must not meet the
	 * breakpoints (in task-stop mode the sink still matches them while
	 * the user has control), or a task would be kept at its exit stop
	 * and engine_kill_all() would wait for it forever. */
	s->state = SESS_DONE;
	s->step_left = 0;
	s->step_pid = 0;
	if (s->eng.launched)
		engine_kill_all(&s->eng);
	else
		engine_detach_all(&s->eng);
	if (s->eng.launched && s->eng.root_done)
		s->exit_status = batch_exit_status(s->eng.root_status);
}
