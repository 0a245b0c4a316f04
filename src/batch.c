/* batch.c - batch mode: engine + log writer, no interaction. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch.h"
#include "engine.h"
#include "escape.h"
#include "flags.h"
#include "launch.h"
#include "runcount.h"
#include "sigctl.h"
#include "tlog-write.h"

/* Count the run for the closing notice, as `forkwatch report` counts. */
static int
stats_sink(void *arg, const struct fw_event *ev)
{
	runcount_event(arg, ev->kind, ev->thread, ev->pid, ev->tgid);
	return ENGINE_GO;
}

int
batch_exit_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	return FW_EXIT_FAILURE;
}

/* Ctrl-Z: the program's process group got SIGTSTP too. Let its tasks
 * reach their group-stop (restarted with PTRACE_LISTEN, so the SIGCONT of
 * a later "fg" wakes them) before forkwatch stops itself; stopping first
 * would deliver their SIGTSTP only after the SIGCONT and leave them
 * stopped for good. */
static void
suspend_with_tree(struct engine *eng)
{
	struct fw_task	*t;
	double		 deadline = fw_now() + 0.25;
	bool		 waiting;
	pid_t		 pgrp = getpgrp();

	do {
		engine_run(eng, false, NULL);
		waiting = false;
		for (t = eng->tasks.head; t != NULL; t = t->all_next) {
			if (task_is_traced(t) && t->state != TASK_LISTENING &&
			    getpgid(t->tid) == pgrp)
				waiting = true;
		}
		if (waiting)
			usleep(1000);
	} while (waiting && fw_now() < deadline);
	sigctl_suspend_self();
}

/* A signal reached forkwatch. Attach mode: detach from everything. Launch
 * mode: a terminal's signal went to the program's process group too, so it
 * is ignored here; one sent to forkwatch by kill(1) is passed to the root. */
static bool
handle_signal(struct engine *eng, const struct fw_options *o)
{
	bool	 from_user;
	int	 sig = sigctl_take(&from_user);

	if (sig == 0)
		return false;
	if (sig == SIGTSTP) {
		if (eng->launched && !from_user)
			suspend_with_tree(eng);
		else
			sigctl_suspend_self();
		return false;
	}
	if (!eng->launched) {
		if (!o->quiet)
			fw_error(0, "%s: detaching from %zu tasks",
			    strsignal(sig), engine_live(eng));
		engine_detach_all(eng);
		return true;
	}
	if (from_user && !eng->root_done)
		kill(eng->root, sig);
	else if (from_user) {
		/* The root is gone but orphans are still traced: they get it,
		 * or forkwatch could only be stopped with SIGKILL. */
		struct fw_task	*t;

		for (t = eng->tasks.head; t != NULL; t = t->all_next) {
			if (t->state != TASK_DEAD && task_is_leader(t))
				kill(t->tid, sig);
		}
	}
	return false;
}

static void
notice_start(const struct fw_options *o, const struct engine *eng)
{
	struct fw_buf	 b;
	size_t		 i;

	if (o->quiet)
		return;
	fw_buf_init(&b);
	if (o->argv != NULL) {
		fw_buf_printf(&b, "forkwatch: tracing %d:", (int)eng->root);
		for (i = 0; o->argv[i] != NULL; i++) {
			fw_buf_addc(&b, ' ');
			esc_text_bare(&b, o->argv[i], strlen(o->argv[i]));
		}
	} else if (o->system) {
		fw_buf_printf(&b, "forkwatch: watching the whole system (%zu "
		    "tasks)", engine_live(eng));
	} else {
		fw_buf_printf(&b, "forkwatch: attached to %zu tasks",
		    engine_live(eng));
	}
	fw_buf_addc(&b, '\n');
	fw_write_all(STDERR_FILENO, b.data, b.len);
	fw_buf_release(&b);
}

static void
notice_end(const struct fw_options *o, const struct engine *eng,
    const struct fw_runcount *s)
{
	if (o->quiet)
		return;
	if (eng->launched && eng->root_done && WIFSIGNALED(eng->root_status))
		fw_error(0, "%d killed by %s%s; %lu processes, %lu threads, "
		    "%lu execs", (int)eng->root,
		    flags_signame(WTERMSIG(eng->root_status)),
		    WCOREDUMP(eng->root_status) ? " (core dumped)" : "",
		    s->processes, s->threads, s->execs);
	else if (eng->launched && eng->root_done)
		fw_error(0, "%d exited with %d; %lu processes, %lu threads, "
		    "%lu execs", (int)eng->root,
		    WEXITSTATUS(eng->root_status), s->processes, s->threads,
		    s->execs);
	else
		fw_error(0, "detached; %lu processes, %lu threads, %lu execs "
		    "seen", s->processes, s->threads, s->execs);
}

/* Events the backend could not deliver: never silent, even with -q. */
static void
notice_lost(const struct engine *eng, struct tlog_writer *w)
{
	if (engine_can_stop(eng))
		return;		/* ptrace loses nothing: every task waits */
	w->events_lost = (long)eng->events_lost;
	if (eng->events_lost > 0)
		fw_error(0, "%lu events lost: the eBPF ring buffer was full "
		    "(the log misses them; try a larger --bpf-buffer)",
		    eng->events_lost);
}

int
batch_main(const struct fw_options *o)
{
	struct engine		 eng;
	struct engine_opts	 eo;
	struct tlog_writer	 w;
	struct fw_runcount	 stats;
	enum engine_result	 res;
	char			*cwd;
	size_t			 i;
	int			 r, status = 0, attached = 0;

	if ((r = tlog_writer_open(&w, o->output, o->output != NULL ?
	    o->log_fd : STDERR_FILENO, o->format)) != 0) {
		fw_error(-r, "cannot open log file %s", o->output);
		return FW_EXIT_FAILURE;
	}
	tlog_writer_color(&w, o->color);
	memset(&eo, 0, sizeof eo);
	eo.want_env = o->want_env;
	eo.subtree = o->subtree;
	eo.limit_depth = o->depth >= 0;
	eo.max_depth = o->depth;
	eo.want_fds = o->want_fds;
	eo.launch_tty = -1;
	eo.launch_stdout = o->prog_stdout;
	eo.backend = o->backend;
	eo.system = o->system;
	eo.bpf_buffer = o->bpf_buffer;
	eo.lazy_wakeup = true;
	eo.lean_exit_stops = true;
	if ((r = engine_init(&eng, &eo)) != 0) {
		if (eng.err.len > 0)
			fw_error(0, "%s", fw_buf_cstr(&eng.err));
		else
			fw_error(-r, "cannot set up signal handling");
		engine_release(&eng);
		tlog_writer_close(&w);
		return FW_EXIT_FAILURE;
	}
	memset(&stats, 0, sizeof stats);
	engine_add_sink(&eng, tlog_sink, tlog_flush_cb, &w);
	engine_add_sink(&eng, stats_sink, NULL, &stats);
	sigctl_install(o->argv == NULL);

	cwd = getcwd(NULL, 0);
	w.backend = engine_backend_name(&eng);
	w.system = o->system;
	tlog_write_start(&w, eng.wall0, o->argv != NULL, o->argv, o->pids,
	    o->npids, cwd);
	free(cwd);
	if (o->system) {
		if ((r = engine_watch_system(&eng)) != 0) {
			fw_error(0, "%s", fw_buf_cstr(&eng.err));
			status = FW_EXIT_FAILURE;
			goto out;
		}
	} else if (o->argv != NULL) {
		if ((r = engine_launch(&eng, o->argv)) != 0) {
			if (eng.err.len > 0)
				fw_error(0, "%s", eng.err.data);
			else
				fw_error(-r, "cannot run '%s'", o->argv[0]);
			status = eng.err.len > 0 ? FW_EXIT_FAILURE :
			    launch_exit_status(r);
			goto out;
		}
		runcount_launched(&stats);
	} else {
		for (i = 0; i < o->npids; i++) {
			fw_buf_reset(&eng.err);
			if ((r = engine_attach(&eng, o->pids[i], false)) != 0) {
				fw_error(0, "%s", fw_buf_cstr(&eng.err));
				status = FW_EXIT_FAILURE;
				continue;
			}
			attached++;
		}
		if (attached == 0)
			goto out;
	}
	notice_start(o, &eng);

	for (;;) {
		res = engine_run(&eng, true, &sigctl_pending);
		if (res == ENGINE_INTR) {
			if (handle_signal(&eng, o))
				break;
			continue;
		}
		if (res == ENGINE_DONE)
			break;
		if (res == ENGINE_ERROR) {
			/* Never leave anything stopped behind. */
			if (eng.launched)
				engine_kill_all(&eng);
			else
				engine_detach_all(&eng);
			status = FW_EXIT_FAILURE;
			goto out;
		}
	}
	if (eng.launched && eng.root_done)
		status = batch_exit_status(eng.root_status);
	notice_end(o, &eng, &stats);
out:
	/* An incomplete log makes the status 125 whatever the program's
	 * (the end line keeps the program's own). */
	tlog_writer_flush(&w);
	if (tlog_writer_incomplete(&w))
		status = FW_EXIT_FAILURE;
	notice_lost(&eng, &w);
	tlog_write_end(&w, engine_ts(&eng), status,
	    eng.launched && eng.root_done ? eng.root_status : -1);
	if (tlog_writer_incomplete(&w)) {
		struct fw_buf	 b;

		fw_buf_init(&b);
		tlog_writer_describe_loss(&w, &b);
		fw_error(0, "%s; exit status %d", fw_buf_cstr(&b),
		    FW_EXIT_FAILURE);
		fw_buf_release(&b);
		status = FW_EXIT_FAILURE;
	}
	tlog_writer_close(&w);
	engine_release(&eng);
	return status;
}
