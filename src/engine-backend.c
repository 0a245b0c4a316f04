/* engine-backend.c - the engine's public calls, dispatched to the backend
 * chosen at engine_init() (struct engine_backend in engine-int.h): ptrace
 * (engine.c, engine-ctl.c) or eBPF (engine-bpf.c). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "engine.h"
#include "engine-int.h"

int
eng_backend_open(struct engine *eng)
{
	eng->be = eng->opts.backend == ENGINE_BPF ? &eng_backend_bpf :
	    &eng_backend_ptrace;
	if (eng->be->open == NULL)
		return 0;
	return eng->be->open(eng);
}

void
eng_backend_close(struct engine *eng)
{
	if (eng->be != NULL && eng->be->close != NULL)
		eng->be->close(eng);
	eng->be = NULL;
}

const char *
engine_backend_name(const struct engine *eng)
{
	return eng->be != NULL ? eng->be->name : "?";
}

bool
engine_can_stop(const struct engine *eng)
{
	return eng->be->stop_all != NULL;
}

/* A call this backend cannot make: say so in eng->err. */
static int
unsupported(struct engine *eng, const char *what)
{
	fw_buf_reset(&eng->err);
	fw_buf_printf(&eng->err, "%s needs the ptrace backend: the %s "
	    "backend never stops a task (use --backend=ptrace)", what,
	    eng->be->name);
	return -ENOTSUP;
}

int
engine_watch_system(struct engine *eng)
{
	if (eng->be->watch_system == NULL) {
		fw_buf_reset(&eng->err);
		fw_buf_adds(&eng->err, "--system needs the eBPF backend "
		    "(--backend=bpf)");
		return -ENOTSUP;
	}
	return eng->be->watch_system(eng);
}

enum engine_result
engine_run(struct engine *eng, bool block, const volatile sig_atomic_t *intr)
{
	return eng->be->run(eng, block, intr);
}

int
engine_fd(const struct engine *eng)
{
	return eng->be->fd(eng);
}

void
engine_clear_fd(struct engine *eng)
{
	eng->be->clear_fd(eng);
}

void
engine_detach_all(struct engine *eng)
{
	eng->be->detach_all(eng);
}

void
engine_kill_all(struct engine *eng)
{
	eng->be->kill_all(eng);
}

int
engine_stop_all(struct engine *eng, const volatile sig_atomic_t *intr)
{
	if (eng->be->stop_all == NULL)
		return unsupported(eng, "stopping the tree");
	return eng->be->stop_all(eng, intr);
}

int
engine_stop_task(struct engine *eng, struct fw_task *t)
{
	if (eng->be->stop_task == NULL)
		return unsupported(eng, "stopping a task");
	return eng->be->stop_task(eng, t);
}

int
engine_resume_task(struct engine *eng, struct fw_task *t)
{
	if (eng->be->resume_task == NULL)
		return 0;	/* nothing is stopped */
	return eng->be->resume_task(eng, t);
}

void
engine_resume_all(struct engine *eng)
{
	if (eng->be->resume_all != NULL)
		eng->be->resume_all(eng);
}

int
engine_detach_task(struct engine *eng, struct fw_task *t)
{
	if (eng->be->detach_task == NULL)
		return unsupported(eng, "detaching one task");
	return eng->be->detach_task(eng, t);
}

int
engine_detach_process(struct engine *eng, struct fw_task *t,
    bool leave_stopped)
{
	if (eng->be->detach_process == NULL)
		return unsupported(eng, leave_stopped ?
		    "handing a stopped process over" : "detaching one process");
	return eng->be->detach_process(eng, t, leave_stopped);
}

int
engine_set_signal(struct engine *eng, struct fw_task *t, int sig)
{
	if (eng->be->set_signal == NULL)
		return unsupported(eng, "changing a signal");
	return eng->be->set_signal(eng, t, sig);
}
