/* bt-target.c - a tracee with known call chains for the backtrace tests.
 *
 *   bt-target fork     main -> level_one -> level_two -> fork()
 *   bt-target exit     main -> level_one -> level_two -> exit_now ->
 *                      exit(0)
 *   bt-target signal   main -> level_one -> level_two -> kill(self, SIGUSR1)
 *   bt-target handler  as signal; the handler then calls handler_work ->
 *                      fork(), so the stack holds a signal frame
 *   bt-target thread   main -> pthread thread_main -> level_one ->
 *                      level_two -> fork()
 *
 * Built at -O0 -fno-omit-frame-pointer -fno-inline, but the chain must hold
 * at any optimisation level (a user's CFLAGS come last): the functions are
 * noinline, and each call is followed by work on a volatile so it is never
 * a tail call. Exits 0 after the action (exit mode: in level_two).
 * "@line NAME" comments mark the line NAME's frame shows in fork mode. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__GNUC__) && !defined(__clang__)
#define NOINLINE	__attribute__((noinline, noclone, used))
#else
#define NOINLINE	__attribute__((noinline, used))
#endif

static volatile int	 sink;
static const char	*mode;

int	level_one(void);
int	level_two(void);
void	exit_now(void) __attribute__((noreturn));
int	after_exit_now(void);
int	handler_work(void);
void	on_usr1(int);

/* Fork a child that exits at once, and reap it. */
static int
fork_and_reap(void)
{
	pid_t	 pid;
	int	 status;

	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0) {
		perror("bt-target: fork");
		exit(1);
	}
	sink += (int)pid;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return 0;
}

NOINLINE int
handler_work(void)
{
	int	 r = fork_and_reap();

	sink += r;
	return r;
}

NOINLINE void
on_usr1(int sig)
{
	sink += handler_work() + sig;
}

/* A call to the noreturn exit() is the last instruction here, so its
 * return address is the first byte of the function after it (at -O0, where
 * functions stay in source order): the symboliser must look up pc - 1 for
 * return addresses, or this frame shows up as after_exit_now. */
NOINLINE void
exit_now(void)
{
	exit(0);
}

NOINLINE int
after_exit_now(void)
{
	return sink;
}

NOINLINE int
level_two(void)
{
	int	 r = 0;

	if (strcmp(mode, "exit") == 0)
		exit_now();
	else if (strcmp(mode, "signal") == 0 || strcmp(mode, "handler") == 0)
		r = kill(getpid(), SIGUSR1);
	else
		r = fork_and_reap();		/* @line level_two */
	sink += r;
	return r;
}

NOINLINE int
level_one(void)
{
	int	 r = level_two();		/* @line level_one */

	sink += r;
	return r;
}

NOINLINE static void *
thread_main(void *arg)
{
	sink += level_one();
	return arg;
}

int
main(int argc, char **argv)
{
	struct sigaction	 sa;
	pthread_t		 th;
	int			 r;

	if (argc != 2) {
		fprintf(stderr, "usage: bt-target fork|exit|signal|handler|"
		    "thread\n");
		return 2;
	}
	mode = argv[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = strcmp(mode, "handler") == 0 ? on_usr1 : SIG_IGN;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		perror("bt-target: sigaction");
		return 1;
	}
	if (strcmp(mode, "thread") == 0) {
		if ((r = pthread_create(&th, NULL, thread_main, NULL)) != 0 ||
		    (r = pthread_join(th, NULL)) != 0) {
			fprintf(stderr, "bt-target: pthread: %s\n", strerror(r));
			return 1;
		}
		r = 0;
	} else
		r = level_one();
	sink += r + after_exit_now();
	return r < 0 ? 1 : 0;
}
