/* inspect-exec.c - what an exec was given, as text: "info exec PID" in the
 * console, and the TUI's details of an exec event. The full argv, the cwd,
 * the environment as a diff against the parent's, the fds open across the
 * exec (and those it closed), and a shell command line that runs the same
 * exec again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "inspect.h"
#include "procfs.h"
#include "shquote.h"

extern char	**environ;

static void
field(struct fw_buf *b, const char *name)
{
	fw_buf_printf(b, "  %-10s ", name);
}

static void
cont(struct fw_buf *b)
{
	fw_buf_printf(b, "  %-10s ", "");
}

static void
add_esc(struct fw_buf *b, const char *s)
{
	esc_text_bare(b, s, strlen(s));
}

/* An environment entry split at its first '='. */
struct env_ent {
	const char	*s;		/* NAME=value */
	size_t		 namelen;	/* strlen(s) when there is no '=' */
};

/* Order by name, then by the whole entry; compares explicitly. */
static int
env_cmp(const void *pa, const void *pb)
{
	const struct env_ent	*a = pa, *b = pb;
	size_t			 n = a->namelen < b->namelen ? a->namelen :
				    b->namelen;
	int			 c = memcmp(a->s, b->s, n);

	if (c != 0)
		return c < 0 ? -1 : 1;
	if (a->namelen != b->namelen)
		return a->namelen < b->namelen ? -1 : 1;
	c = strcmp(a->s, b->s);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/* The entries of v (or of the NULL-terminated vector e), sorted by name. */
static struct env_ent *
env_sorted(const struct fw_strv *v, char *const *e, size_t *np)
{
	struct env_ent	*out = NULL;
	const char	*s = NULL;
	size_t		 n = 0, cap = 0;

	for (;;) {
		if (v != NULL)
			s = strv_next(v, s);
		else
			s = e != NULL ? *e++ : NULL;
		if (s == NULL)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			out = fw_realloc(out, cap * sizeof *out);
		}
		out[n].s = s;
		out[n].namelen = strcspn(s, "=");
		n++;
	}
	if (n > 0)
		fw_qsort(out, n, sizeof *out, env_cmp);
	*np = n;
	return out;
}

/* Compare the names of a and b (NULL sorts last). */
static int
name_cmp(const struct env_ent *a, const struct env_ent *b)
{
	size_t	 n;
	int	 c;

	if (a == NULL || b == NULL)
		return a == NULL ? (b == NULL ? 0 : 1) : -1;
	n = a->namelen < b->namelen ? a->namelen : b->namelen;
	if ((c = memcmp(a->s, b->s, n)) != 0)
		return c < 0 ? -1 : 1;
	if (a->namelen != b->namelen)
		return a->namelen < b->namelen ? -1 : 1;
	return 0;
}

/* Walk two sorted environments in step, calling fn for each name with
 * its entry in old and new (either may be NULL). */
static void
env_walk(const struct env_ent *o, size_t no, const struct env_ent *n,
    size_t nn, void (*fn)(void *, const struct env_ent *,
    const struct env_ent *), void *arg)
{
	size_t	 i = 0, k = 0;
	int	 c;

	while (i < no || k < nn) {
		c = name_cmp(i < no ? &o[i] : NULL, k < nn ? &n[k] : NULL);
		if (c < 0)
			fn(arg, &o[i++], NULL);
		else if (c > 0)
			fn(arg, NULL, &n[k++]);
		else
			fn(arg, &o[i++], &n[k++]);
	}
}

struct diff_out {
	struct fw_buf	*b;
	size_t		 same, lines;
};

static void
diff_line(void *arg, const struct env_ent *o, const struct env_ent *n)
{
	struct diff_out	*d = arg;

	if (o != NULL && n != NULL && strcmp(o->s, n->s) == 0) {
		d->same++;
		return;
	}
	if (o != NULL) {
		cont(d->b);
		fw_buf_adds(d->b, "- ");
		add_esc(d->b, o->s);
		fw_buf_addc(d->b, '\n');
		d->lines++;
	}
	if (n != NULL) {
		cont(d->b);
		fw_buf_adds(d->b, "+ ");
		add_esc(d->b, n->s);
		fw_buf_addc(d->b, '\n');
		d->lines++;
	}
}

static void
env_field(const struct inspect_exec *x, struct fw_buf *b)
{
	struct env_ent	*ne, *pe;
	struct diff_out	 d = { b, 0, 0 };
	size_t		 nn, np, i;

	field(b, "env");
	if (x->env == NULL) {
		fw_buf_adds(b, "? (");
		fw_buf_adds(b, x->env_note != NULL ? x->env_note :
		    "not known");
		fw_buf_adds(b, ")\n");
		return;
	}
	ne = env_sorted(x->env, NULL, &nn);
	if (x->parent_env == NULL) {
		fw_buf_printf(b, "%zu variables%s%s%s (the parent's are not "
		    "known)\n", nn, x->env_note != NULL ? " (" : "",
		    x->env_note != NULL ? x->env_note : "",
		    x->env_note != NULL ? ")" : "");
		for (i = 0; i < nn; i++) {
			cont(b);
			add_esc(b, ne[i].s);
			fw_buf_addc(b, '\n');
		}
		free(ne);
		return;
	}
	pe = env_sorted(x->parent_env, NULL, &np);
	fw_buf_adds(b, "diff against ");
	fw_buf_adds(b, x->parent_what != NULL ? x->parent_what :
	    "the parent's");
	if (x->env_note != NULL) {
		fw_buf_adds(b, "; this one ");
		fw_buf_adds(b, x->env_note);
	}
	fw_buf_addc(b, '\n');
	env_walk(pe, np, ne, nn, diff_line, &d);
	cont(b);
	fw_buf_printf(b, "(%zu the same%s)\n", d.same, d.lines == 0 ?
	    ", none changed" : "");
	free(ne);
	free(pe);
}

static void
fds_field(const struct inspect_exec *x, struct fw_buf *b)
{
	static const char *const ops[] = { "<", ">", "<>" };
	const struct fw_fd	*f;
	char			 tok[32];
	size_t			 i;

	field(b, "fds");
	if (x->fds == NULL) {
		fw_buf_adds(b, "? (");
		fw_buf_adds(b, x->fds_note != NULL ? x->fds_note : "not known");
		fw_buf_adds(b, ")\n");
		return;
	}
	if (x->fds_note != NULL) {
		fw_buf_printf(b, "(%s)\n", x->fds_note);
		cont(b);
	}
	if (x->fds->n == 0)
		fw_buf_adds(b, "none\n");
	for (i = 0; i < x->fds->n; i++) {
		f = &x->fds->v[i];
		if (i > 0)
			cont(b);
		snprintf(tok, sizeof tok, "%d%s", f->fd, f->mode >= 0 &&
		    f->mode <= 2 ? ops[f->mode] : ":");
		fw_buf_printf(b, "%-6s ", tok);
		add_esc(b, f->target);
		if (f->cloexec)
			fw_buf_adds(b, "  closed by the exec (close-on-exec)");
		fw_buf_addc(b, '\n');
	}
}

/* How argv[0] relates to the path the exec ran. */
enum argv0_kind {
	A0_OTHER,	/* its own: keep it with perl */
	A0_NAME,	/* the path, or its last component (a PATH search) */
	A0_SAME_FILE,	/* another path to the same file (from cwd if
			 * relative): run it by that name */
};

static enum argv0_kind
argv0_kind(const char *a0, const char *path, const char *cwd)
{
	const char	*base = strrchr(path, '/');
	struct fw_buf	 b;
	char		*real;
	enum argv0_kind	 k = A0_OTHER;

	if (strcmp(a0, path) == 0 || (base != NULL && strcmp(a0, base + 1) ==
	    0))
		return A0_NAME;
	if (strchr(a0, '/') == NULL || (a0[0] != '/' && cwd == NULL))
		return A0_OTHER;
	/* "./configure", "../bin/prog" from the exec's cwd (which env -C
	 * gives the command), or /bin/echo for /usr/bin/echo: the same
	 * file. */
	fw_buf_init(&b);
	if (a0[0] == '/')
		fw_buf_adds(&b, a0);
	else
		fw_buf_printf(&b, "%s/%s", cwd, a0);
	if ((real = realpath(b.data, NULL)) != NULL && strcmp(real, path) == 0)
		k = A0_SAME_FILE;
	free(real);
	fw_buf_release(&b);
	return k;
}

struct cmd_env {
	struct fw_buf	*unset, *set;
};

/* The env(1) arguments that turn the shell's environment (o) into the
 * exec's (n). Entries without '=' cannot be passed to env: skipped. */
static void
cmd_env_line(void *arg, const struct env_ent *o, const struct env_ent *n)
{
	struct cmd_env	*c = arg;

	if (n == NULL) {
		if (o->s[o->namelen] == '=' && o->namelen > 0 &&
		    o->s[0] != '-') {
			fw_buf_adds(c->unset, " -u ");
			shq_word(c->unset, o->s, o->namelen);
		}
		return;
	}
	/* A name env(1) would take for an option cannot be set either. */
	if (n->s[n->namelen] != '=' || n->namelen == 0 || n->s[0] == '-' ||
	    (o != NULL && strcmp(o->s, n->s) == 0))
		return;
	fw_buf_addc(c->set, ' ');
	shq_word_str(c->set, n->s);
}

/* The shell sets "_" to the path of each command it runs: env(1) would
 * pass that on. Leave it out of the base, so the line says what "_" is. */
static struct env_ent *
base_sorted(char *const *base, size_t *np)
{
	struct env_ent	*v = env_sorted(NULL, base, np);
	size_t		 i, k = 0;

	for (i = 0; i < *np; i++) {
		if (!(v[i].namelen == 1 && v[i].s[0] == '_'))
			v[k++] = v[i];
	}
	*np = k;
	return v;
}

void
inspect_exec_cmdline(const struct inspect_exec *x, struct fw_buf *b)
{
	struct env_ent	*ne, *fe;
	struct fw_buf	 unset, set;
	struct cmd_env	 c = { &unset, &set };
	const char	*a0, *a = NULL;
	size_t		 nn, nf;
	enum argv0_kind	 kind;
	bool		 perl;

	a0 = x->argv != NULL ? strv_get(x->argv, 0) : NULL;
	/* env -C, not "cd DIR &&": a shell's cd changes PWD and OLDPWD. */
	fw_buf_adds(b, "env");
	if (x->cwd != NULL && x->cwd[0] != '\0') {
		fw_buf_adds(b, " -C ");
		shq_word_str(b, x->cwd);
	}
	fw_buf_init(&unset);
	fw_buf_init(&set);
	if (x->env != NULL) {
		ne = env_sorted(x->env, NULL, &nn);
		fe = base_sorted(x->base_env != NULL ? x->base_env : environ,
		    &nf);
		env_walk(fe, nf, ne, nn, cmd_env_line, &c);
		free(ne);
		free(fe);
	}
	fw_buf_add(b, unset.data, unset.len);
	fw_buf_add(b, set.data, set.len);
	fw_buf_release(&unset);
	fw_buf_release(&set);
	fw_buf_addc(b, ' ');
	/* A path with '=' in it would be taken by env(1) for a variable. */
	kind = a0 != NULL ? argv0_kind(a0, x->path, x->cwd) : A0_OTHER;
	perl = kind == A0_OTHER || strchr(x->path, '=') != NULL;
	if (perl) {
		/* exec with an argv[0] of its own: perl is on every Debian
		 * system (perl-base) and, unlike a shell's exec -a, adds
		 * nothing to the environment. */
		fw_buf_adds(b, "perl -e 'exec {shift} @ARGV or die \"exec: "
		    "$!\\n\"' ");
		shq_word_str(b, x->path);
		if (a0 == NULL)
			fw_buf_adds(b, " ''");
	} else
		shq_word_str(b, kind == A0_SAME_FILE && strchr(a0, '=') == NULL ?
		    a0 : x->path);
	if (x->argv == NULL)
		return;
	if (!perl)
		a = strv_next(x->argv, NULL);
	while ((a = strv_next(x->argv, a)) != NULL) {
		fw_buf_addc(b, ' ');
		shq_word_str(b, a);
	}
}

/* The end of the shell word that starts at s[i] (as inspect_exec_cmdline()
 * writes them: bare with \ escapes, '...', or $'...'). */
static size_t
word_end(const char *s, size_t n, size_t i)
{
	enum { BARE, SQ, ANSI } st = BARE;

	while (i < n) {
		switch (st) {
		case BARE:
			if (s[i] == ' ')
				return i;
			if (s[i] == '\'')
				st = SQ;
			else if (s[i] == '$' && i + 1 < n && s[i + 1] == '\'') {
				st = ANSI;
				i++;
			} else if (s[i] == '\\')
				i++;
			break;
		case SQ:
			if (s[i] == '\'')
				st = BARE;
			break;
		case ANSI:
			if (s[i] == '\\')
				i++;
			else if (s[i] == '\'')
				st = BARE;
			break;
		}
		i++;
	}
	return n;
}

/* The command line s[0..n) after the field's label, its words on lines of
 * at most width columns (label included), each line but the last ending
 * in " \" so that the shell reads them as one; a word longer than a line
 * has a line of its own. */
static void
add_command_lines(struct fw_buf *b, const char *s, size_t n, int width)
{
	size_t	 i = 0, e;
	int	 room = width - 13 - 2, col = 0, len;

	if (room < 16) {
		fw_buf_add(b, s, n);
		return;
	}
	while (i < n) {
		e = word_end(s, n, i);
		len = (int)(e - i);
		if (col > 0 && col + 1 + len > room) {
			fw_buf_adds(b, " \\\n");
			cont(b);
			col = 0;
		} else if (col > 0) {
			fw_buf_addc(b, ' ');
			col++;
		}
		fw_buf_add(b, s + i, e - i);
		col += len;
		i = e < n ? e + 1 : e;
	}
}

void
inspect_exec_format(const struct inspect_exec *x, struct fw_buf *b)
{
	struct fw_buf	 cmd;
	const char	*a = NULL;
	int		 i = 0;

	field(b, "path");
	add_esc(b, x->path != NULL ? x->path : "?");
	fw_buf_addc(b, '\n');
	field(b, "argv");
	if (x->argv == NULL || x->argv->n == 0)
		fw_buf_adds(b, "-\n");
	while (x->argv != NULL && (a = strv_next(x->argv, a)) != NULL) {
		if (i > 0)
			cont(b);
		fw_buf_printf(b, "[%d] ", i++);
		esc_text_str(b, a);
		fw_buf_addc(b, '\n');
	}
	if (x->argv_truncated) {
		cont(b);
		fw_buf_adds(b, "(more: argv was longer than forkwatch reads)\n");
	}
	field(b, "cwd");
	add_esc(b, x->cwd != NULL ? x->cwd : "?");
	fw_buf_addc(b, '\n');
	env_field(x, b);
	fds_field(x, b);
	field(b, "command");
	if (x->path == NULL || x->argv_truncated) {
		fw_buf_adds(b, "? (not all of argv is known)\n");
		return;
	}
	fw_buf_init(&cmd);
	inspect_exec_cmdline(x, &cmd);
	add_command_lines(b, cmd.data, cmd.len, x->width);
	fw_buf_release(&cmd);
	fw_buf_addc(b, '\n');
	if (x->env == NULL) {
		cont(b);
		fw_buf_adds(b, "(with your environment: the exec's is not "
		    "known)\n");
	}
}

/* /proc/PID/environ of a live task into v; false when it cannot be read. */
static bool
proc_env(struct session *s, pid_t pid, struct fw_strv *v)
{
	return procfs_read_strv(&s->eng.proc, pid, "environ", v) == 0;
}

int
inspect_exec_task(struct session *s, struct fw_task *t, struct fw_buf *b,
    struct fw_buf *err)
{
	struct inspect_exec	 x;
	struct fw_strv		 env, penv;
	struct fw_fdv		 fds;
	struct fw_task		*p;
	struct fw_buf		 what;
	char			 **e;
	bool			 live = t->state != TASK_DEAD;
	bool			 at_exec;

	if (!(t->flags & TF_EXECED) || t->exec == NULL) {
		if (t->flags & TF_ATTACHED)
			fw_buf_printf(err, "task %d has not exec'd since "
			    "forkwatch attached (info %d shows what it runs)",
			    (int)t->tid, (int)t->tid);
		else
			fw_buf_printf(err, "task %d has not exec'd: it runs "
			    "the program of the process that made it",
			    (int)t->tid);
		return -1;
	}
	memset(&x, 0, sizeof x);
	strv_init(&env);
	strv_init(&penv);
	fdv_init(&fds);
	fw_buf_init(&what);
	x.pid = t->tid;
	x.path = t->path;
	x.argv = &t->argv;
	x.cwd = t->exec->cwd;

	if (t->exec->has_env)
		x.env = &t->exec->env;
	else if (live && proc_env(s, t->tgid, &env)) {
		x.env = &env;
		x.env_note = "read from /proc now (the block the exec was "
		    "given)";
	} else
		x.env_note = live ? "cannot read /proc/PID/environ" :
		    "the task is gone (--env records it at each exec)";

	/* The parent: forkwatch itself for the launched program. */
	p = t->parent;
	if (p == NULL && (t->flags & TF_ROOT) && s->eng.launched) {
		for (e = environ; *e != NULL; e++)
			fw_buf_add(&what, *e, strlen(*e) + 1);
		strv_set(&penv, what.data != NULL ? what.data : "", what.len);
		x.parent_env = &penv;
		fw_buf_reset(&what);
		fw_buf_adds(&what, "forkwatch's (it launched the program)");
	} else if (p != NULL && p->exec != NULL && p->exec->has_env) {
		x.parent_env = &p->exec->env;
		fw_buf_printf(&what, "its parent %d's at its exec", (int)p->tid);
	} else if (p != NULL && p->state != TASK_DEAD &&
	    proc_env(s, p->tgid, &penv)) {
		x.parent_env = &penv;
		fw_buf_printf(&what, "its parent %d's (from /proc)",
		    (int)p->tid);
	} else if (p == NULL && t->ppid > 0 && proc_env(s, t->ppid, &penv)) {
		x.parent_env = &penv;
		fw_buf_printf(&what, "its parent %d's (from /proc)",
		    (int)t->ppid);
	}
	x.parent_what = what.data;

	at_exec = t->state == TASK_STOPPED && t->stop_kind == STOP_EVENT &&
	    t->stop_event == FW_EV_EXEC;
	if (t->exec->has_fds)
		x.fds = &t->exec->fds;
	else if (live && procfs_read_fds(&s->eng.proc, t->tgid, false,
	    &fds) == 0) {
		x.fds = &fds;
		x.fds_note = at_exec ? "read now, at the exec stop; --fds also "
		    "shows those it closed" : "now, not at the exec: --fds "
		    "records them at each exec";
	} else
		x.fds_note = live ? "cannot read /proc/PID/fd" : "the task is "
		    "gone (--fds records them at each exec)";

	fw_buf_printf(b, "Exec of task %d at +%.6f s", (int)t->tid,
	    t->exec->ts);
	if (!live)
		fw_buf_adds(b, " (gone)");
	fw_buf_adds(b, ":\n");
	inspect_exec_format(&x, b);
	strv_release(&env);
	strv_release(&penv);
	fdv_release(&fds);
	fw_buf_release(&what);
	return 0;
}
