/* test-task: the task table. Collision chains built on purpose (with the
 * table's own hash) including one that wraps around the end of the slot
 * array, deletions from their middle (backward shift), growth with
 * records that never move, 100,000 random operations checked against a
 * plain array model, and the tree links (task_link, task_unlink,
 * task_drop). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "task.h"
#include "tap.h"

#define MAXPID	40000

static struct fw_task	*model[MAXPID];

/* The table's hash (task.c slot_of), to build collisions on purpose. */
static size_t
home(pid_t pid, size_t cap)
{
	return (size_t)(((uint64_t)(uint32_t)pid * 11400714819323198485ull) >>
	    32) & (cap - 1);
}

/* Every record of the model is found, nothing else is, and the count
 * and the list agree. */
static int
consistent(struct task_table *tt, int lo, int hi)
{
	struct fw_task	*t;
	size_t		 live = 0, listed = 0;
	int		 pid;

	for (pid = lo; pid < hi; pid++) {
		if (task_find(tt, pid) != model[pid]) {
			printf("# pid %d: found %p, model %p\n", pid,
			    (void *)task_find(tt, pid), (void *)model[pid]);
			return 0;
		}
		if (model[pid] != NULL)
			live++;
	}
	for (t = tt->head; t != NULL; t = t->all_next) {
		listed++;
		if (t->all_next != NULL && t->all_next->all_prev != t)
			return 0;
	}
	if (tt->count != live || tt->total != listed) {
		printf("# count %zu/%zu total %zu/%zu\n", tt->count, live,
		    tt->total, listed);
		return 0;
	}
	return 1;
}

static uint32_t	 rng = 42;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Pids whose home slot is h, for a table of cap slots. */
static int
pids_at(size_t h, size_t cap, pid_t *out, int want)
{
	int	 n = 0;
	pid_t	 pid;

	for (pid = 1; pid < MAXPID && n < want; pid++)
		if (home(pid, cap) == h)
			out[n++] = pid;
	return n;
}

static void
test_chains(void)
{
	struct task_table	 tt;
	pid_t			 a[4], b[4], c[2];
	struct fw_task		*t;
	size_t			 cap;
	int			 i, good = 1;

	task_table_init(&tt);
	cap = tt.cap;
	memset(model, 0, sizeof model);
	/* A chain at the last slot wraps to slot 0; slot 0's own pids and
	 * slot 1's sit behind it. */
	ok(pids_at(cap - 1, cap, a, 4) == 4 && pids_at(0, cap, b, 4) == 4 &&
	    pids_at(1, cap, c, 2) == 2, "colliding pids found (cap %zu)", cap);
	for (i = 0; i < 4; i++)
		model[a[i]] = task_new(&tt, a[i]);
	for (i = 0; i < 4; i++)
		model[b[i]] = task_new(&tt, b[i]);
	for (i = 0; i < 2; i++)
		model[c[i]] = task_new(&tt, c[i]);
	ok(tt.slots[cap - 1] == model[a[0]] && tt.slots[0] == model[a[1]],
	    "the chain wraps around");
	ok(consistent(&tt, 1, MAXPID), "all found");
	/* Delete from the head, the middle and the wrapped part. */
	t = model[a[0]];
	task_unhash(&tt, t);
	task_drop(&tt, t);
	model[a[0]] = NULL;
	ok(consistent(&tt, 1, MAXPID), "after deleting the chain head");
	t = model[a[2]];
	task_drop(&tt, t);
	model[a[2]] = NULL;
	ok(consistent(&tt, 1, MAXPID), "after deleting a wrapped entry");
	t = model[b[0]];
	task_drop(&tt, t);
	model[b[0]] = NULL;
	ok(consistent(&tt, 1, MAXPID), "after deleting a displaced entry");
	for (i = 1; i < 4; i++) {
		if (model[a[i]] != NULL) {
			task_drop(&tt, model[a[i]]);
			model[a[i]] = NULL;
			good &= consistent(&tt, 1, MAXPID);
		}
	}
	ok(good, "deleting the rest of the chain one by one");
	/* Unhash twice is harmless; a dropped record is gone. */
	t = model[c[0]];
	task_unhash(&tt, t);
	task_unhash(&tt, t);
	ok(task_find(&tt, c[0]) == NULL && tt.count == 4,
	    "double unhash (count %zu)", tt.count);
	task_rehash(&tt, t, 39999);
	ok(task_find(&tt, 39999) == t && t->tid == 39999 && tt.count == 5,
	    "rehash under a new tid");
	task_table_release(&tt);
}

static void
test_growth_and_random(void)
{
	struct task_table	 tt;
	struct fw_task		*keep[64];
	int			 i, pid, bad = 0, live = 0;
	size_t			 cap0;

	task_table_init(&tt);
	memset(model, 0, sizeof model);
	cap0 = tt.cap;
	for (i = 0; i < 64; i++)
		keep[i] = model[i + 1] = task_new(&tt, i + 1);
	for (pid = 100; pid < 100 + 3000; pid++)
		model[pid] = task_new(&tt, pid);
	ok(tt.cap > cap0 && tt.count * 2 <= tt.cap,
	    "grown: cap %zu for %zu tasks", tt.cap, tt.count);
	for (i = 0; i < 64; i++)
		bad += task_find(&tt, i + 1) != keep[i] || keep[i]->tid != i + 1;
	ok(bad == 0, "records did not move while the table grew");
	ok(consistent(&tt, 1, MAXPID), "consistent after growth");

	for (i = 0; i < 100000; i++) {
		/* A small pid range for many collisions and reinsertions. */
		pid = 1 + (int)(rnd() % (i < 50000 ? 5000 : 600));
		switch (rnd() % 3) {
		case 0:
			if (model[pid] == NULL)
				model[pid] = task_new(&tt, pid);
			break;
		case 1:
			if (model[pid] != NULL) {
				if (rnd() % 2)
					task_unhash(&tt, model[pid]);
				task_drop(&tt, model[pid]);
				model[pid] = NULL;
			}
			break;
		default:
			if (task_find(&tt, pid) != model[pid])
				bad++;
			break;
		}
		if (i % 5000 == 0 && !consistent(&tt, 1, MAXPID))
			bad++;
	}
	ok(bad == 0 && consistent(&tt, 1, MAXPID),
	    "100000 random operations agree with the model (%d bad)", bad);
	for (pid = 1; pid < MAXPID; pid++)
		live += model[pid] != NULL;
	ok((size_t)live == tt.count, "live count %d", live);
	task_table_release(&tt);
}

static void
test_links(void)
{
	struct task_table	 tt;
	struct fw_task		*p, *a, *b, *c, *g, *x;

	task_table_init(&tt);
	p = task_new(&tt, 10);
	a = task_new(&tt, 11);
	b = task_new(&tt, 12);
	c = task_new(&tt, 13);
	g = task_new(&tt, 14);
	task_link(NULL, p);
	task_link(p, a);
	task_link(p, b);
	task_link(p, c);
	task_link(b, g);
	ok(p->nchildren == 3 && p->first_child == a && p->last_child == c &&
	    a->next_sib == b && b->next_sib == c && c->prev_sib == b,
	    "children in link order");
	ok(p->depth == 0 && b->depth == 1 && g->depth == 2, "depths");
	task_unlink(b);
	ok(p->nchildren == 2 && a->next_sib == c && c->prev_sib == a &&
	    b->parent == NULL, "unlink from the middle");
	task_unlink(b);
	ok(p->nchildren == 2, "unlink twice is harmless");
	task_link(c, b);
	ok(b->parent == c && b->depth == 2 && c->first_child == b,
	    "relinked elsewhere");
	task_link(a, b);
	ok(c->nchildren == 0 && a->first_child == b && b->parent == a,
	    "task_link moves a linked child");
	/* Dropping a parent orphans its children, unlinks it, frees it. */
	task_drop(&tt, a);
	ok(b->parent == NULL && b->prev_sib == NULL && b->next_sib == NULL &&
	    p->nchildren == 1 && p->first_child == c && c->prev_sib == NULL,
	    "drop a parent");
	ok(task_find(&tt, 11) == NULL && tt.total == 4 && tt.count == 4,
	    "the dropped task is gone from hash and list");
	task_drop(&tt, c);
	ok(p->nchildren == 0 && p->first_child == NULL && p->last_child == NULL,
	    "drop the last child");
	x = tt.head;
	ok(x == p && x->all_next == b && b->all_next == g && g->all_next ==
	    NULL && tt.tail == g, "creation list after drops");
	/* A leader dropped before its thread (detach order): the thread
	 * must not keep a pointer to the freed leader. */
	x = task_new(&tt, 20);
	c = task_new(&tt, 21);
	c->tgid = 20;
	c->leader = x;
	c->flags |= TF_THREAD;
	task_link(x, c);
	task_drop(&tt, x);
	ok(c->leader == NULL && c->parent == NULL,
	    "a thread forgets its dropped leader");
	task_drop(&tt, c);
	task_drop(&tt, p);
	task_drop(&tt, g);
	task_drop(&tt, b);
	ok(tt.head == NULL && tt.tail == NULL && tt.total == 0 && tt.count == 0,
	    "empty at the end");
	task_table_release(&tt);
}

int
main(void)
{
	test_chains();
	test_growth_and_random();
	test_links();
	return tap_done();
}
