/* engine-fds.c - the file descriptors of a task at its exec (--fds).
 *
 * The exec event stop comes after the kernel has closed the close-on-exec
 * fds (begin_new_exec()), so at that stop /proc shows exactly the fds open
 * across the exec, and nothing of those it closed. Those are known from
 * the last time forkwatch saw the task before: when it was created (the
 * fork/vfork/clone event, before the child can run), its fds with
 * close-on-exec set are noted; at its first exec each of them that is not
 * open any more is listed, marked cloexec. What the task did between its
 * fork and its exec (fds opened with O_CLOEXEC then, or fcntl changes) is
 * not seen: only a stop at the entry of execve would show it, and ptrace
 * gives that only with syscall stops or a seccomp filter. */
#include "config.h"

#include <stdlib.h>

#include "engine-int.h"

void
eng_fds_created(struct engine *eng, struct fw_task *c)
{
	struct fw_fdv	*v;

	if (c->fork_cloexec != NULL) {
		fdv_release(c->fork_cloexec);
		free(c->fork_cloexec);
	}
	v = fw_calloc(1, sizeof *v);
	fdv_init(v);
	if (procfs_read_fds(&eng->proc, c->tid, true, v) != 0 || v->n == 0) {
		fdv_release(v);
		free(v);
		v = NULL;
	}
	c->fork_cloexec = v;
}

/* Order by fd; compares explicitly. */
static int
cmp_fd(const void *pa, const void *pb)
{
	const struct fw_fd	*a = pa, *b = pb;

	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return 0;
}

void
eng_fds_exec(struct engine *eng, struct fw_task *t, struct fw_fdv *out)
{
	const struct fw_fd	*f;
	size_t			 i, k, open_n;
	bool			 reused;

	procfs_read_fds(&eng->proc, t->tgid, false, out);
	/* Nothing is close-on-exec after the exec; the flag means "closed
	 * by it" from here on. */
	for (i = 0; i < out->n; i++)
		out->v[i].cloexec = false;
	if (t->fork_cloexec == NULL)
		return;
	open_n = out->n;
	for (i = 0; i < t->fork_cloexec->n; i++) {
		f = &t->fork_cloexec->v[i];
		/* A number open again was reused: it crossed the exec. */
		for (reused = false, k = 0; k < open_n && !reused; k++)
			reused = out->v[k].fd == f->fd;
		if (!reused)
			fdv_add(out, f->fd, f->mode, true, f->target);
	}
	if (out->n > open_n)
		fw_qsort(out->v, out->n, sizeof *out->v, cmp_fd);
	fdv_release(t->fork_cloexec);
	free(t->fork_cloexec);
	t->fork_cloexec = NULL;
}
