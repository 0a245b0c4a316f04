/* threads: create THREADS threads per wave, WAVES waves (argv[1], argv[2]),
 * each wave joined before the next. With "nested" (argv[3]) every thread
 * creates one more thread itself and joins it. The main thread writes
 * "root PID", then "thread TID CREATOR" for each thread (only when there
 * are at most 64) and "total N" at the end, then exits 0. */
#include "tprog.h"

#include <pthread.h>

struct slot {
	pid_t	 tid;
	pid_t	 creator;
	pid_t	 sub_tid;
};

static int	 nested;

static void *
sub_main(void *arg)
{
	struct slot	*s = arg;

	s->sub_tid = tp_gettid();
	return NULL;
}

static void *
thread_main(void *arg)
{
	struct slot	*s = arg;
	pthread_t	 sub;

	s->tid = tp_gettid();
	if (nested) {
		if (pthread_create(&sub, NULL, sub_main, s) != 0)
			tp_die("pthread_create (nested)");
		pthread_join(sub, NULL);
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	int		 n, waves, w, i, total = 0, e;
	pthread_t	*th;
	struct slot	*slots;
	pthread_attr_t	 attr;
	if (argc < 3)
		tp_die("usage: threads THREADS WAVES [nested]");
	n = atoi(argv[1]);
	waves = atoi(argv[2]);
	nested = argc > 3 && strcmp(argv[3], "nested") == 0;
	th = calloc((size_t)n, sizeof *th);
	slots = calloc((size_t)n, sizeof *slots);
	if (th == NULL || slots == NULL)
		tp_die("calloc");
	/* Small stacks: a storm of 2000 threads in waves stays cheap. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	tp_out("root %d", (int)getpid());
	for (w = 0; w < waves; w++) {
		for (i = 0; i < n; i++) {
			slots[i].creator = tp_gettid();
			if ((e = pthread_create(&th[i], &attr, thread_main,
			    &slots[i])) != 0) {
				errno = e;
				tp_die("pthread_create %d/%d", w, i);
			}
		}
		for (i = 0; i < n; i++) {
			pthread_join(th[i], NULL);
			total++;
			if (n * waves <= 64) {
				tp_out("thread %d %d", (int)slots[i].tid,
				    (int)slots[i].creator);
				if (nested)
					tp_out("thread %d %d",
					    (int)slots[i].sub_tid,
					    (int)slots[i].tid);
			}
		}
	}
	tp_out("total %d", total * (nested ? 2 : 1));
	return 0;
}
