/* tui-live-events.c - the live source's record of events, for the event
 * pane: a ring of the last LV_RING events as text log lines, with what an
 * exec's details show (argv, cwd, --fds, and --env's environments, which
 * follow forks and execs so each exec knows the one it replaced); and the
 * map of process parents that the subtree filter follows (kept apart from
 * the task table, so it still answers for tasks the engine dropped). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect.h"
#include "tui-live-int.h"

#define PIDMAP_DEPTH	4096	/* ancestry longer than this is not followed */

/* --- the parent map ------------------------------------------------- */

static size_t
pid_hash(pid_t pid, size_t cap)
{
	return ((size_t)pid * 2654435761u) & (cap - 1);
}

static void
pidmap_set(struct lv_pidmap *m, pid_t pid, pid_t parent)
{
	pid_t	*ok, *ov;
	size_t	 oc, i, h;

	if (pid <= 0)
		return;
	if ((m->count + 1) * 2 > m->cap) {
		ok = m->keys;
		ov = m->vals;
		oc = m->cap;
		m->cap = oc == 0 ? 256 : oc * 2;
		m->keys = fw_calloc(m->cap, sizeof *m->keys);
		m->vals = fw_calloc(m->cap, sizeof *m->vals);
		m->count = 0;
		for (i = 0; i < oc; i++) {
			if (ok[i] != 0)
				pidmap_set(m, ok[i], ov[i]);
		}
		free(ok);
		free(ov);
	}
	for (h = pid_hash(pid, m->cap); m->keys[h] != 0 && m->keys[h] != pid;
	    h = (h + 1) & (m->cap - 1))
		;
	if (m->keys[h] == 0)
		m->count++;
	m->keys[h] = pid;
	m->vals[h] = parent;
}

static pid_t
pidmap_get(const struct lv_pidmap *m, pid_t pid)
{
	size_t	 h;

	if (m->cap == 0)
		return 0;
	for (h = pid_hash(pid, m->cap); m->keys[h] != 0;
	    h = (h + 1) & (m->cap - 1)) {
		if (m->keys[h] == pid)
			return m->vals[h];
	}
	return 0;
}

bool
tui_live_under(struct tui *ui, pid_t pid, pid_t root)
{
	int	 n;

	for (n = 0; pid > 0 && n < PIDMAP_DEPTH; n++) {
		if (pid == root)
			return true;
		pid = pidmap_get(&LV(ui)->parents, pid);
	}
	return false;
}

/* --- recording events ----------------------------------------------- */

static struct lv_env *
env_ref(struct lv_env *e)
{
	if (e != NULL)
		e->refs++;
	return e;
}

static void
env_unref(struct lv_env *e)
{
	if (e != NULL && --e->refs == 0) {
		strv_release(&e->v);
		free(e);
	}
}

static void
exec_free(struct lv_exec *x)
{
	if (x == NULL)
		return;
	free(x->path);
	free(x->cwd);
	strv_release(&x->argv);
	fdv_release(&x->fds);
	env_unref(x->env);
	env_unref(x->penv);
	free(x);
}

/* The environments of processes follow forks and execs (with --env). */
static void
track_env(struct tui_live *lv, const struct fw_event *ev, struct lv_exec *x)
{
	struct lv_env	*e, *p;

	switch (ev->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
	case FW_EV_CLONE:
		if (ev->thread || (e = report_pidmap_get(&lv->envs,
		    ev->tgid)) == NULL)
			break;
		if ((p = report_pidmap_get(&lv->envs, ev->child)) != NULL)
			env_unref(p);
		report_pidmap_put(&lv->envs, ev->child, env_ref(e));
		break;
	case FW_EV_EXEC:
	case FW_EV_ATTACH:
		if (ev->env == NULL || x == NULL)
			break;
		e = fw_calloc(1, sizeof *e);
		e->refs = 1;
		strv_copy(&e->v, ev->env);
		p = report_pidmap_get(&lv->envs, ev->tgid);
		x->penv = p;		/* the map's reference moves here */
		x->env = env_ref(e);
		report_pidmap_put(&lv->envs, ev->tgid, e);
		break;
	case FW_EV_EXIT:
		if (ev->pid != ev->tgid ||
		    (e = report_pidmap_get(&lv->envs, ev->tgid)) == NULL)
			break;
		report_pidmap_del(&lv->envs, ev->tgid, e);
		env_unref(e);
		break;
	default:
		break;
	}
}

void
tui_live_record(struct tui *ui, const struct fw_event *ev, const char *line)
{
	struct tui_live	*lv = LV(ui);
	struct lv_rec	*r;
	struct lv_exec	*x = NULL;

	lv->total++;
	r = &lv->ring[lv->total % LV_RING];
	switch (ev->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
	case FW_EV_CLONE:
		if (!ev->thread)
			pidmap_set(&lv->parents, ev->child,
			    ev->parent != 0 ? ev->parent : ev->tgid);
		break;
	case FW_EV_ATTACH:
		if (ev->pid == ev->tgid)
			pidmap_set(&lv->parents, ev->pid, ev->ppid);
		/* FALLTHROUGH */
	case FW_EV_EXEC:
		x = fw_calloc(1, sizeof *x);
		x->path = ev->path != NULL ? fw_strdup(ev->path) : NULL;
		x->cwd = ev->cwd != NULL ? fw_strdup(ev->cwd) : NULL;
		strv_init(&x->argv);
		if (ev->argv != NULL)
			strv_copy(&x->argv, ev->argv);
		x->truncated = ev->argv_truncated;
		fdv_init(&x->fds);
		if (ev->fds != NULL) {
			fdv_copy(&x->fds, ev->fds);
			x->has_fds = true;
		}
		break;
	default:
		break;
	}
	track_env(lv, ev, x);
	free(r->line);
	exec_free(r->exec);
	memset(r, 0, sizeof *r);
	r->e.kind = ev->kind;
	r->e.ts = ev->ts;
	r->e.pid = ev->pid;
	r->e.tgid = ev->tgid;
	if (ev->kind == FW_EV_EXIT) {
		r->e.killed = ev->killed;
		r->e.failed = ev->killed || ev->code != 0;
		if (r->e.failed && ev->pid == ev->tgid)
			lv->nfailed++;
	}
	r->line = fw_strdup(line != NULL ? line : "");
	r->exec = x;
	lv->ev_tick++;
	/* The backtrace shown is of a moment that has passed. */
	if (ev->pid == lv->bt_tid) {
		lv->bt_tid = 0;
		fw_buf_reset(&lv->bt);
	}
}

/* --- events ----------------------------------------------------------- */

void
tui_live_ev_range(struct tui *ui, size_t *first, size_t *end)
{
	struct tui_live	*lv = LV(ui);

	*end = lv->total + 1;
	*first = lv->total >= LV_RING ? lv->total - LV_RING + 1 : 1;
}

bool
tui_live_event(struct tui *ui, size_t idx, struct tui_ev *e, struct fw_buf *line)
{
	struct tui_live		*lv = LV(ui);
	const struct lv_rec	*r;

	if (idx == 0 || idx > lv->total || idx + LV_RING <= lv->total)
		return false;
	r = &lv->ring[idx % LV_RING];
	*e = r->e;
	if (line != NULL)
		fw_buf_adds(line, r->line);
	return true;
}

void
tui_live_ev_details(struct tui *ui, size_t idx, struct fw_buf *b)
{
	struct tui_live		*lv = LV(ui);
	const struct lv_rec	*r;
	const struct lv_exec	*x;
	struct inspect_exec	 ie;

	if (idx == 0 || idx > lv->total || idx + LV_RING <= lv->total) {
		fw_buf_printf(b, "event #%zu is no longer kept (the last %d "
		    "are)\n", idx, LV_RING);
		return;
	}
	r = &lv->ring[idx % LV_RING];
	fw_buf_printf(b, "#%zu %s\n", idx, r->line);
	fw_buf_printf(b, "  %-10s %d (process %d)\n", "task", (int)r->e.pid,
	    (int)r->e.tgid);
	if ((x = r->exec) == NULL)
		return;
	memset(&ie, 0, sizeof ie);
	ie.pid = r->e.pid;
	ie.path = x->path;
	ie.cwd = x->cwd;
	ie.argv = &x->argv;
	ie.argv_truncated = x->truncated;
	if (x->env != NULL)
		ie.env = &x->env->v;
	else
		ie.env_note = "not recorded: trace with --env, or see "
		    "':info exec PID' while the task lives";
	if (x->penv != NULL) {
		ie.parent_env = &x->penv->v;
		ie.parent_what = "the one it had before (its parent's at the "
		    "fork, or its previous exec's)";
	}
	if (x->has_fds)
		ie.fds = &x->fds;
	else
		ie.fds_note = "not recorded: trace with --fds";
	/* The command line on lines the pane shows whole, to be
	 * copied and pasted (a shell joins them again). */
	ie.width = ui->pane[PANE_DETAILS].w;
	inspect_exec_format(&ie, b);
}

void
tui_live_events_free(struct tui_live *lv)
{
	size_t	 i;

	for (i = 0; i < LV_RING; i++) {
		free(lv->ring[i].line);
		exec_free(lv->ring[i].exec);
	}
	free(lv->ring);
	free(lv->parents.keys);
	free(lv->parents.vals);
	for (i = 0; i < lv->envs.cap; i++) {
		if (lv->envs.vals[i] != NULL)
			env_unref(lv->envs.vals[i]);
	}
	report_pidmap_release(&lv->envs);
}
