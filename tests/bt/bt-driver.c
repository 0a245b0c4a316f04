/* bt-driver.c - run a program under PTRACE_SEIZE, stop at one event and
 * print the backtrace of the task at that stop, without the rest of
 * forkwatch.
 *
 * usage: bt-driver [-r] [-n max] [-R repeat] [-d debugdir | -D] -e event
 *            -- prog [args...]
 *   -e fork     the first fork event stop (of any task)
 *   -e exit     the exit event stop of the launched process
 *   -e signal   the first signal-delivery stop of SIGUSR1
 *   -r          also print each frame raw: "raw\tPC\tFUNC\tOFF\tMODULE\tMODOFF
 *               \tSIGFRAME\tFILE\tLINE" (FUNC, MODULE and FILE "-" when
 *               NULL; PC, OFF and MODOFF in hex)
 *   -n max      unwind at most max frames
 *   -R repeat   capture repeat times at the stop and print the cache stats
 *               after the first and the last ("stats N loads=.. hits=..")
 *   -d dir      look for build-id debug files in dir; -D: do not look
 *
 * Exit: 0 when the event was seen and unwound, 1 on failure, 77 when
 * forkwatch was built without an unwinder (bt_capture gives -ENOSYS). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backtrace.h"
#include "util.h"

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP	128
#endif

struct driver_opts {
	const char	*event;
	bool		 raw;
	size_t		 max;
	int		 repeat;
	const char	*debug_dir;
	bool		 no_debug_dir;
};

static void
usage(void)
{
	fprintf(stderr, "usage: bt-driver [-r] [-n max] [-R repeat] "
	    "[-d debugdir | -D] -e fork|exit|signal -- prog [args...]\n");
	exit(1);
}

/* Fork and exec argv under PTRACE_SEIZE; the child waits on a pipe until
 * it is seized, so its exec is traced. Returns the child's pid. */
static pid_t
launch(char **argv)
{
	int	 fds[2];
	pid_t	 pid;
	char	 c;

	if (pipe(fds) < 0) {
		perror("bt-driver: pipe");
		exit(1);
	}
	if ((pid = fork()) < 0) {
		perror("bt-driver: fork");
		exit(1);
	}
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(126);
		close(fds[0]);
		execv(argv[0], argv);
		fprintf(stderr, "bt-driver: exec %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	if (ptrace(PTRACE_SEIZE, pid, 0L, (void *)(long)(PTRACE_O_TRACEFORK |
	    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
	    PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)) < 0) {
		perror("bt-driver: PTRACE_SEIZE");
		kill(pid, SIGKILL);
		exit(1);
	}
	if (write(fds[1], "x", 1) != 1) {
		perror("bt-driver: write");
		exit(1);
	}
	close(fds[1]);
	return pid;
}

/* Print the raw fields of each frame. */
static void
print_raw(const struct bt_trace *t)
{
	const struct bt_frame	*f;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		f = &t->frames[i];
		printf("raw\t%" PRIx64 "\t%s\t%" PRIx64 "\t%s\t%" PRIx64
		    "\t%d\t%s\t%d\n", f->pc, f->func ? f->func : "-", f->off,
		    f->module ? f->module : "-", f->modoff, f->sigframe,
		    f->file ? f->file : "-", f->line);
	}
}

static void
print_stats(const struct bt_ctx *ctx, int n)
{
	struct bt_stats	 st;

	bt_ctx_stats(ctx, &st);
	printf("stats %d loads=%lu hits=%lu files=%zu evictions=%lu\n", n,
	    st.loads, st.hits, st.files, st.evictions);
}

/* Unwind tid (stopped) repeat times and print the result. 0, 1 or 77. */
static int
capture(struct bt_ctx *ctx, pid_t tid, const struct driver_opts *o)
{
	struct bt_trace	 t;
	struct fw_buf	 out, msg;
	int		 i, r = 0;

	fw_buf_init(&out);
	fw_buf_init(&msg);
	memset(&t, 0, sizeof t);
	for (i = 0; i < o->repeat; i++) {
		bt_trace_release(&t);
		if ((r = bt_capture(ctx, tid, o->max, &t, &msg)) < 0)
			break;
		if (i == 0 && o->repeat > 1)
			print_stats(ctx, 1);
	}
	if (r < 0) {
		fprintf(stderr, "bt-driver: bt_capture %d: %s (%s)\n", (int)tid,
		    fw_buf_cstr(&msg), strerror(-r));
		fw_buf_release(&msg);
		return r == -ENOSYS ? 77 : 1;
	}
	if (o->repeat > 1)
		print_stats(ctx, o->repeat);
	printf("task %d\n", (int)tid);
	bt_format(&out, &t);
	fputs(fw_buf_cstr(&out), stdout);
	if (o->raw)
		print_raw(&t);
	fflush(stdout);
	bt_trace_release(&t);
	fw_buf_release(&out);
	fw_buf_release(&msg);
	return 0;
}

/* Run the tracees to completion, capturing at the wanted stop. */
static int
trace(pid_t root, const struct driver_opts *o)
{
	struct bt_ctx	*ctx = bt_ctx_new();
	pid_t		 pid;
	int		 status, sig, ev, result = 1, r;
	bool		 done = false, want;

	if (o->no_debug_dir)
		bt_ctx_set_debug_dir(ctx, NULL);
	else if (o->debug_dir != NULL)
		bt_ctx_set_debug_dir(ctx, o->debug_dir);
	for (;;) {
		if ((pid = waitpid(-1, &status, __WALL)) < 0) {
			if (errno == EINTR)
				continue;
			if (errno != ECHILD)
				perror("bt-driver: waitpid");
			break;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		ev = (unsigned int)status >> 16;
		want = false;
		if (ev != 0) {
			want = (ev == PTRACE_EVENT_FORK &&
			    strcmp(o->event, "fork") == 0) ||
			    (ev == PTRACE_EVENT_EXIT && pid == root &&
			    strcmp(o->event, "exit") == 0);
			/* Event stops (the new child's first stop included)
			 * are resumed without a signal. */
			sig = 0;
		} else if (sig == SIGUSR1 && strcmp(o->event, "signal") == 0)
			want = true;
		if (want && !done) {
			done = true;
			result = capture(ctx, pid, o);
		}
		r = ptrace(PTRACE_CONT, pid, 0L, (void *)(long)sig);
		if (r < 0 && errno != ESRCH)
			perror("bt-driver: PTRACE_CONT");
	}
	bt_ctx_free(ctx);
	if (!done)
		fprintf(stderr, "bt-driver: no %s event seen\n", o->event);
	return result;
}

int
main(int argc, char **argv)
{
	struct driver_opts	 o;
	int			 c;

	memset(&o, 0, sizeof o);
	o.repeat = 1;
	while ((c = getopt(argc, argv, "+rn:R:d:De:")) != -1) {
		switch (c) {
		case 'r':
			o.raw = true;
			break;
		case 'n':
			o.max = (size_t)strtoul(optarg, NULL, 10);
			break;
		case 'R':
			o.repeat = atoi(optarg);
			if (o.repeat < 1)
				usage();
			break;
		case 'd':
			o.debug_dir = optarg;
			break;
		case 'D':
			o.no_debug_dir = true;
			break;
		case 'e':
			o.event = optarg;
			break;
		default:
			usage();
		}
	}
	if (o.event == NULL || optind >= argc ||
	    (strcmp(o.event, "fork") != 0 && strcmp(o.event, "exit") != 0 &&
	    strcmp(o.event, "signal") != 0))
		usage();
	return trace(launch(argv + optind), &o);
}
