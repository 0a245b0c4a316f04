/* task.c - the task table: an open-addressing hash of live tasks plus a
 * creation-ordered list and the process tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "task.h"

static size_t
slot_of(pid_t pid, size_t cap)
{
	/* Fibonacci hashing spreads consecutive pids across the table. */
	return (size_t)(((uint64_t)(uint32_t)pid * 11400714819323198485ull) >>
	    32) & (cap - 1);
}

void
task_table_init(struct task_table *tt)
{
	memset(tt, 0, sizeof *tt);
	tt->cap = 256;
	tt->slots = fw_calloc(tt->cap, sizeof *tt->slots);
}

/* Free an exec record and what it holds. */
static void
exec_rec_free(struct fw_exec_rec *x)
{
	if (x == NULL)
		return;
	free(x->cwd);
	strv_release(&x->env);
	fdv_release(&x->fds);
	free(x);
}

static void
task_free(struct fw_task *t)
{
	free(t->path);
	strv_release(&t->argv);
	exec_rec_free(t->exec);
	if (t->fork_cloexec != NULL) {
		fdv_release(t->fork_cloexec);
		free(t->fork_cloexec);
	}
	free(t->deferred);
	free(t->nspid);
	free(t);
}

struct fw_exec_rec *
task_exec_rec(struct fw_task *t)
{
	exec_rec_free(t->exec);
	t->exec = fw_calloc(1, sizeof *t->exec);
	strv_init(&t->exec->env);
	fdv_init(&t->exec->fds);
	return t->exec;
}

void
task_trim_dead(struct fw_task *t)
{
	if (t->exec != NULL) {
		strv_release(&t->exec->env);
		t->exec->has_env = false;
		fdv_release(&t->exec->fds);
		t->exec->has_fds = false;
	}
	if (t->fork_cloexec != NULL) {
		fdv_release(t->fork_cloexec);
		free(t->fork_cloexec);
		t->fork_cloexec = NULL;
	}
}

void
task_table_release(struct task_table *tt)
{
	struct fw_task	*t, *next;

	for (t = tt->head; t != NULL; t = next) {
		next = t->all_next;
		task_free(t);
	}
	free(tt->slots);
	memset(tt, 0, sizeof *tt);
}

struct fw_task *
task_find(const struct task_table *tt, pid_t pid)
{
	size_t		 i = slot_of(pid, tt->cap);
	struct fw_task	*t;

	while ((t = tt->slots[i]) != NULL) {
		if (t->tid == pid)
			return t;
		i = (i + 1) & (tt->cap - 1);
	}
	return NULL;
}

struct fw_task *
task_find_any(const struct task_table *tt, pid_t pid)
{
	struct fw_task	*t;

	if ((t = task_find(tt, pid)) != NULL)
		return t;
	/* Dead records are out of the hash, in the list. */
	for (t = tt->tail; t != NULL; t = t->all_prev) {
		if (t->tid == pid)
			return t;
	}
	return NULL;
}

static void
hash_insert(struct task_table *tt, struct fw_task *t)
{
	size_t	 i = slot_of(t->tid, tt->cap);

	while (tt->slots[i] != NULL)
		i = (i + 1) & (tt->cap - 1);
	tt->slots[i] = t;
	tt->count++;
}

/* Double the table when it is half full, keeping probe chains short. */
static void
hash_grow(struct task_table *tt)
{
	struct fw_task	**old = tt->slots;
	size_t		  oldcap = tt->cap, i;

	tt->cap *= 2;
	tt->slots = fw_calloc(tt->cap, sizeof *tt->slots);
	tt->count = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i] != NULL)
			hash_insert(tt, old[i]);
	}
	free(old);
}

struct fw_task *
task_new(struct task_table *tt, pid_t tid)
{
	struct fw_task	*t = fw_calloc(1, sizeof *t);

	t->tid = t->tgid = tid;
	t->leader = t;
	t->nthreads = 1;
	t->state = TASK_STARTING;
	strv_init(&t->argv);
	if ((tt->count + 1) * 2 > tt->cap)
		hash_grow(tt);
	hash_insert(tt, t);
	t->all_prev = tt->tail;
	if (tt->tail != NULL)
		tt->tail->all_next = t;
	else
		tt->head = t;
	tt->tail = t;
	tt->total++;
	return t;
}

/* Backward-shift deletion keeps linear probing correct without tombstones. */
void
task_unhash(struct task_table *tt, struct fw_task *t)
{
	size_t	 i = slot_of(t->tid, tt->cap), j, k;

	while (tt->slots[i] != NULL && tt->slots[i] != t)
		i = (i + 1) & (tt->cap - 1);
	if (tt->slots[i] == NULL)
		return;
	tt->slots[i] = NULL;
	tt->count--;
	j = i;
	for (;;) {
		j = (j + 1) & (tt->cap - 1);
		if (tt->slots[j] == NULL)
			break;
		k = slot_of(tt->slots[j]->tid, tt->cap);
		/* Move slots[j] into the hole unless its home lies in (i, j]. */
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			tt->slots[i] = tt->slots[j];
			tt->slots[j] = NULL;
			i = j;
		}
	}
}

void
task_rehash(struct task_table *tt, struct fw_task *t, pid_t newtid)
{
	task_unhash(tt, t);
	t->tid = newtid;
	hash_insert(tt, t);
}

void
task_link(struct fw_task *parent, struct fw_task *child)
{
	task_unlink(child);
	child->parent = parent;
	child->depth = parent != NULL ? parent->depth + 1 : 0;
	if (parent == NULL)
		return;
	child->prev_sib = parent->last_child;
	child->next_sib = NULL;
	if (parent->last_child != NULL)
		parent->last_child->next_sib = child;
	else
		parent->first_child = child;
	parent->last_child = child;
	parent->nchildren++;
}

void
task_unlink(struct fw_task *child)
{
	struct fw_task	*p = child->parent;

	if (p == NULL)
		return;
	if (child->prev_sib != NULL)
		child->prev_sib->next_sib = child->next_sib;
	else
		p->first_child = child->next_sib;
	if (child->next_sib != NULL)
		child->next_sib->prev_sib = child->prev_sib;
	else
		p->last_child = child->prev_sib;
	p->nchildren--;
	child->parent = child->next_sib = child->prev_sib = NULL;
}

void
task_drop(struct task_table *tt, struct fw_task *t)
{
	struct fw_task	*c, *next;

	task_unhash(tt, t);
	for (c = t->first_child; c != NULL; c = next) {
		next = c->next_sib;
		c->parent = c->next_sib = c->prev_sib = NULL;
		/* A leader can go before its threads (detach, kept dead
		 * tasks dropped): they must not point at freed memory. */
		if (c->leader == t)
			c->leader = NULL;
	}
	t->first_child = t->last_child = NULL;
	task_unlink(t);
	if (t->all_prev != NULL)
		t->all_prev->all_next = t->all_next;
	else
		tt->head = t->all_next;
	if (t->all_next != NULL)
		t->all_next->all_prev = t->all_prev;
	else
		tt->tail = t->all_prev;
	tt->total--;
	task_free(t);
}

void
task_join_process(struct fw_task *proc, struct fw_task *c)
{
	c->tgid = proc->tgid;
	c->leader = proc;
	c->flags |= TF_THREAD;
	c->ppid = proc->ppid;
	task_link(proc, c);
	c->depth = proc->depth;
	proc->nthreads++;
	/* A thread shares its process's image. */
	task_set_exec(c, proc->path, &proc->argv);
}

void
task_set_exec(struct fw_task *t, const char *path, const struct fw_strv *argv)
{
	free(t->path);
	t->path = path != NULL ? fw_strdup(path) : NULL;
	if (argv != NULL)
		strv_copy(&t->argv, argv);
	/* comm comes from the name execve was given, which only /proc knows
	 * cheaply; it is read there when a client wants it. */
	t->comm[0] = '\0';
}

const char *
task_name(const struct fw_task *t)
{
	const char	*a0, *s;

	if (t->comm[0] != '\0')
		return t->comm;
	a0 = strv_get(&t->argv, 0);
	if (a0 != NULL) {
		s = strrchr(a0, '/');
		return s != NULL && s[1] != '\0' ? s + 1 : a0;
	}
	return "?";
}

bool
task_is_leader(const struct fw_task *t)
{
	return t->tid == t->tgid;
}

bool
task_is_traced(const struct fw_task *t)
{
	return t->state != TASK_DEAD && t->state != TASK_UNTRACED;
}

bool
task_is_stopped(const struct fw_task *t)
{
	return t->state == TASK_STOPPED || t->state == TASK_PARKED;
}

const char *
task_state_name(enum fw_task_state s)
{
	switch (s) {
	case TASK_STARTING:	return "starting";
	case TASK_PARKED:	return "parked";
	case TASK_RUNNING:	return "running";
	case TASK_STOPPED:	return "stopped";
	case TASK_LISTENING:	return "job-stopped";
	case TASK_DEAD:		return "exited";
	case TASK_UNTRACED:	return "not traced";
	}
	return "?";
}
