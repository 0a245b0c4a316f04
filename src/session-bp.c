/* session-bp.c - breakpoints on lifecycle events: parsing "break" specs
 * into terms, matching them against events, and keeping the list. The
 * events a breakpoint can name, and the conditions each takes, come from
 * the event table (event.c); the conditions' own table is here: how each
 * is written, parsed and matched. */
#include "config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flags.h"
#include "session.h"

/* "exec,exit" -> kind bits (event_bp_name_at()); 0 on an unknown name. */
static unsigned
parse_kinds(const char *spec)
{
	char		*copy = fw_strdup(spec), *tok, *save = NULL;
	const char	*name;
	unsigned	 bits = 0, b, nb;
	int		 i;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		b = 0;
		for (i = 0; (name = event_bp_name_at(i, &nb)) != NULL; i++) {
			if (strcmp(tok, name) == 0)
				b = nb;
		}
		if (b == 0) {
			free(copy);
			return 0;
		}
		bits |= b;
	}
	free(copy);
	return bits;
}

/* "fork, vfork, ... or any" from the table. */
static void
add_kind_names(struct fw_buf *b, const char *last_sep)
{
	const char	*name, *next;
	unsigned	 bits;
	int		 i;

	for (i = 0; (name = event_bp_name_at(i, &bits)) != NULL; i++) {
		next = event_bp_name_at(i + 1, &bits);
		if (i > 0)
			fw_buf_adds(b, next == NULL ? last_sep : ", ");
		fw_buf_adds(b, name);
	}
}

static int
parse_int(const char *s, int *out)
{
	char	*end;
	long	 v;

	if (*s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < -1 || v > 1000000000)
		return -1;
	*out = (int)v;
	return 0;
}

static void
term_release(struct bp_term *t)
{
	free(t->str);
	if (t->has_re)
		regfree(&t->re);
	memset(t, 0, sizeof *t);
}

static void
terms_free(struct bp_term *v, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		term_release(&v[i]);
	free(v);
}

static void
words_free(char **v, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
session_bp_free(struct breakpoint *bp)
{
	int	 i;

	if (bp == NULL)
		return;
	free(bp->spec);
	words_free(bp->words, bp->nwords);
	terms_free(bp->terms, bp->nterms);
	for (i = 0; i < bp->ncommands; i++)
		free(bp->commands[i]);
	free(bp->commands);
	free(bp);
}

/* --- the conditions: a word's value into a term ---------------------- */

static int
cond_code(struct bp_term *t, const char *a, const char *v, struct fw_buf *err)
{
	int	 n;

	if (parse_int(v, &n) != 0 || n < 0 || n > 255) {
		fw_buf_printf(err, "bad exit code in '%s'", a);
		return -1;
	}
	t->num = n;
	return 0;
}

/* A word without a value (nonzero, killed). */
static int
cond_word(struct bp_term *t, const char *a, const char *v, struct fw_buf *err)
{
	(void)t, (void)a, (void)v, (void)err;
	return 0;
}

static int
cond_pid(struct bp_term *t, const char *a, const char *v, struct fw_buf *err)
{
	int	 n;

	if (fw_parse_pid(v, &n) != 0) {
		fw_buf_printf(err, "bad task id in '%s'", a);
		return -1;
	}
	t->num = n;
	return 0;
}

static int
cond_depth(struct bp_term *t, const char *a, const char *v,
    struct fw_buf *err)
{
	int	 n;

	if (parse_int(v, &n) != 0 || n < 0) {
		fw_buf_printf(err, "bad depth in '%s'", a);
		return -1;
	}
	t->num = n;
	return 0;
}

static int
cond_comm(struct bp_term *t, const char *a, const char *v, struct fw_buf *err)
{
	if (*v == '\0') {
		fw_buf_printf(err, "empty name in '%s'", a);
		return -1;
	}
	t->str = fw_strdup(v);
	return 0;
}

static int
cond_argv(struct bp_term *t, const char *a, const char *v, struct fw_buf *err)
{
	char	 msg[128];
	int	 rc;

	(void)a;
	rc = regcomp(&t->re, v, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &t->re, msg, sizeof msg);
		fw_buf_printf(err, "bad regular expression '%s': %s", v, msg);
		return -1;
	}
	t->has_re = true;
	return 0;
}

/* flags~CLONE_VM|CLONE_FS: every flag named must be set. */
static int
cond_flags(struct bp_term *t, const char *a, const char *v,
    struct fw_buf *err)
{
	char		*copy = fw_strdup(v), *tok, *save = NULL;
	uint64_t	 bit, mask = 0;

	for (tok = strtok_r(copy, "|,", &save); tok != NULL;
	    tok = strtok_r(NULL, "|,", &save)) {
		if ((bit = flags_clone_parse(tok)) == 0) {
			fw_buf_printf(err, "unknown clone flag '%s' in '%s'",
			    tok, a);
			free(copy);
			return -1;
		}
		mask |= bit;
	}
	free(copy);
	if (mask == 0) {
		fw_buf_printf(err, "no clone flag in '%s'", a);
		return -1;
	}
	t->mask = mask;
	return 0;
}

/* --- the conditions: does a term hold for an event ------------------- */

/* Is t (or its process) inside the subtree of pid? */
static bool
task_under(const struct fw_task *t, pid_t pid)
{
	for (; t != NULL; t = t->parent) {
		if (t->tid == pid || t->tgid == pid)
			return true;
	}
	return false;
}

/* The argv a condition looks at: the new image's for an exec, the task's
 * for the rest. */
static const struct fw_strv *
argv_of(const struct fw_event *ev)
{
	if (ev->kind == FW_EV_EXEC)
		return ev->argv;
	return ev->task != NULL ? &ev->task->argv : NULL;
}

static bool
match_code(const struct bp_term *t, const struct fw_event *ev)
{
	return !ev->killed && ev->code == t->num;
}

static bool
match_nonzero(const struct bp_term *t, const struct fw_event *ev)
{
	(void)t;
	return ev->killed || ev->code != 0;
}

static bool
match_killed(const struct bp_term *t, const struct fw_event *ev)
{
	(void)t;
	return ev->killed;
}

static bool
match_signal(const struct bp_term *t, const struct fw_event *ev)
{
	return ev->signo == t->num;
}

static bool
match_pid(const struct bp_term *t, const struct fw_event *ev)
{
	return ev->pid == t->num || ev->tgid == t->num;
}

static bool
match_comm(const struct bp_term *t, const struct fw_event *ev)
{
	return ev->task != NULL && fnmatch(t->str, task_name(ev->task), 0) == 0;
}

static bool
match_depth(const struct bp_term *t, const struct fw_event *ev)
{
	return ev->task != NULL && ev->task->depth <= t->num;
}

static bool
match_under(const struct bp_term *t, const struct fw_event *ev)
{
	return task_under(ev->task, (pid_t)t->num);
}

static bool
match_argv(const struct bp_term *t, const struct fw_event *ev)
{
	const struct fw_strv	*argv = argv_of(ev);
	const char		*p = NULL;
	struct fw_buf		 joined;
	bool			 ok;

	fw_buf_init(&joined);
	while (argv != NULL && (p = strv_next(argv, p)) != NULL) {
		if (joined.len > 0)
			fw_buf_addc(&joined, ' ');
		fw_buf_adds(&joined, p);
	}
	ok = regexec(&t->re, fw_buf_cstr(&joined), 0, NULL, 0) == 0;
	fw_buf_release(&joined);
	return ok;
}

static bool
match_flags(const struct bp_term *t, const struct fw_event *ev)
{
	return ev->has_clone_flags && (ev->clone_flags & t->mask) == t->mask;
}

/* A glob on the exec'd path or argv[0] (the task's for other events). */
static bool
match_glob(const struct bp_term *t, const struct fw_event *ev)
{
	const struct fw_strv	*argv = argv_of(ev);
	const char		*path, *a0;

	path = ev->kind == FW_EV_EXEC ? ev->path : ev->task != NULL ?
	    ev->task->path : NULL;
	a0 = argv != NULL ? strv_get(argv, 0) : NULL;
	return (path != NULL && fnmatch(t->str, path, 0) == 0) ||
	    (a0 != NULL && fnmatch(t->str, a0, 0) == 0);
}

/* The conditions written NAME=VALUE, NAME~VALUE or as a word, in help
 * order. A signal and a glob are bare words (parse_cond()). Any of them
 * may be written !WORD. */
static const struct bp_cond {
	unsigned	 bit;		/* FW_BPC_* */
	const char	*word;		/* as typed and completed */
	const char	*usage;
	int		(*parse)(struct bp_term *, const char *arg,
			    const char *value, struct fw_buf *err);
	bool		(*match)(const struct bp_term *,
			    const struct fw_event *);
} bp_conds[] = {
	{ FW_BPC_CODE, "code=", "code=N", cond_code, match_code },
	{ FW_BPC_NONZERO, "nonzero", "nonzero", cond_word, match_nonzero },
	{ FW_BPC_KILLED, "killed", "killed", cond_word, match_killed },
	{ FW_BPC_SIGNAL, NULL, "SIGNAME", NULL, match_signal },
	{ FW_BPC_PID, "pid=", "pid=N", cond_pid, match_pid },
	{ FW_BPC_COMM, "comm=", "comm=NAME", cond_comm, match_comm },
	{ FW_BPC_DEPTH, "depth<=", "depth<=N", cond_depth, match_depth },
	{ FW_BPC_UNDER, "under=", "under=PID", cond_pid, match_under },
	{ FW_BPC_ARGV, "argv~", "argv~REGEX", cond_argv, match_argv },
	{ FW_BPC_FLAGS, "flags~", "flags~CLONE_X[|CLONE_Y...]", cond_flags,
	    match_flags },
	{ FW_BPC_GLOB, NULL, "a glob", NULL, match_glob },
};

static const struct bp_cond *
cond_of(unsigned bit)
{
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(bp_conds); i++) {
		if (bp_conds[i].bit == bit)
			return &bp_conds[i];
	}
	return NULL;
}

bool
session_bp_match(struct session *s, const struct breakpoint *bp,
    const struct fw_event *ev)
{
	const struct bp_term	*t;
	unsigned		 bit = event_bp_bit(ev), want = 0, got = 0;
	int			 i;
	bool			 m;

	(void)s;
	if (!bp->enabled || (bp->kinds & bit) == 0)
		return false;
	for (i = 0; i < bp->nterms; i++) {
		t = &bp->terms[i];
		/* A condition that does not apply to this kind: one that must
		 * hold fails (code= at an exec, for "break exec,exit code=0"),
		 * one that must not holds ("break any !SIGCHLD" at a fork). */
		if (!(event_bp_conds(bit) & t->bit)) {
			if (!t->neg)
				return false;
			continue;
		}
		m = cond_of(t->bit)->match(t, ev);
		if (t->neg) {
			if (m)
				return false;
		} else {
			want |= t->bit;
			if (m)
				got |= t->bit;
		}
	}
	return (want & ~got) == 0;
}

const char *
session_bp_cond_at(int i, unsigned *bit)
{
	if (i < 0 || (size_t)i >= FW_ARRAY_SIZE(bp_conds))
		return NULL;
	*bit = bp_conds[i].bit;
	return bp_conds[i].word != NULL ? bp_conds[i].word : "";
}

/* Does word a name condition c? NAME= and NAME~ take a value. */
static const char *
cond_value(const struct bp_cond *c, const char *a)
{
	size_t	 n;

	if (c->word == NULL)
		return NULL;
	n = strlen(c->word);
	if (strchr("=~", c->word[n - 1]) != NULL)
		return strncmp(a, c->word, n) == 0 ? a + n : NULL;
	return strcmp(a, c->word) == 0 ? a + n : NULL;
}

/* "code=N, nonzero ... or a glob": the conditions that apply to conds. */
static void
add_cond_usages(struct fw_buf *b, unsigned conds)
{
	size_t	 i;
	bool	 first = true;

	for (i = 0; i < FW_ARRAY_SIZE(bp_conds); i++) {
		if (!(conds & bp_conds[i].bit))
			continue;
		if (!first)
			fw_buf_adds(b, ", ");
		first = false;
		fw_buf_adds(b, bp_conds[i].usage);
	}
}

/* "exit and signal": the breakpoint events a condition applies to. */
static void
add_cond_kinds(struct fw_buf *b, unsigned bit)
{
	const char	*name, *names[FW_EV_COUNT + 2];
	unsigned	 bits;
	int		 i, n = 0;

	for (i = 0; (name = event_bp_name_at(i, &bits)) != NULL; i++) {
		if (strcmp(name, "any") != 0 && (event_bp_conds(bits) & bit))
			names[n++] = name;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			fw_buf_adds(b, i == n - 1 ? " and " : ", ");
		fw_buf_adds(b, names[i]);
	}
}

/* A condition given for kinds it cannot apply to. */
static int
not_here(struct fw_buf *err, const char *what, unsigned bit)
{
	fw_buf_printf(err, "%s applies to ", what);
	add_cond_kinds(err, bit);
	fw_buf_adds(err, " breakpoints only");
	return -1;
}

/* One condition word a into term t, given the conditions the kinds
 * allow. A word that is no NAME=/NAME~/keyword is a signal when the kinds
 * carry one and flags_sigparse() (which kill and signal use) takes it,
 * else a glob. !WORD: the condition must not hold. */
static int
parse_cond(struct bp_term *t, const char *a, unsigned allowed,
    struct fw_buf *err)
{
	const struct bp_cond	*c;
	const char		*v;
	size_t			 i;
	int			 sig;

	memset(t, 0, sizeof *t);
	if (a[0] == '!') {
		t->neg = true;
		if (*++a == '\0') {
			fw_buf_adds(err, "'!' alone: write !CONDITION (!SIGCHLD, "
			    "!comm=make)");
			return -1;
		}
	}
	for (i = 0; i < FW_ARRAY_SIZE(bp_conds); i++) {
		c = &bp_conds[i];
		if ((v = cond_value(c, a)) == NULL)
			continue;
		if (!(allowed & c->bit))
			return not_here(err, c->word, c->bit);
		t->bit = c->bit;
		return c->parse(t, a, v, err);
	}
	sig = flags_sigparse(a);
	if (sig > 0 && (allowed & FW_BPC_SIGNAL)) {
		if (isdigit((unsigned char)*a) && (allowed & FW_BPC_CODE)) {
			fw_buf_printf(err, "'%s' is ambiguous at an exit: write "
			    "code=%s or the signal's name", a, a);
			return -1;
		}
		t->bit = FW_BPC_SIGNAL;
		t->num = sig;
		return 0;
	}
	if (strncasecmp(a, "SIG", 3) == 0 && sig <= 0 &&
	    strpbrk(a, "*?[/") == NULL) {
		fw_buf_printf(err, "unknown signal '%s'", a);
		return -1;
	}
	if (sig > 0 && strncasecmp(a, "SIG", 3) == 0)
		return not_here(err, "a signal", FW_BPC_SIGNAL);
	if (strchr(a, '=') != NULL || strchr(a, '~') != NULL ||
	    strstr(a, "<=") != NULL) {
		fw_buf_printf(err, "unknown condition '%s' (", a);
		add_cond_usages(err, allowed);
		fw_buf_addc(err, ')');
		return -1;
	}
	if (!(allowed & FW_BPC_GLOB))
		return not_here(err, "a glob", FW_BPC_GLOB);
	t->bit = FW_BPC_GLOB;
	t->str = fw_strdup(a);
	return 0;
}

/* Parse the condition words argv[0..argc) for kinds into a new term
 * vector; -1 with the reason in err. */
static int
parse_terms(unsigned kinds, int argc, char **argv, struct bp_term **out,
    int *nout, unsigned *conds, struct fw_buf *err)
{
	struct bp_term	*v = NULL;
	unsigned	 allowed = event_bp_conds(kinds);
	int		 i;

	*conds = 0;
	if (argc > 0)
		v = fw_calloc((size_t)argc, sizeof *v);
	for (i = 0; i < argc; i++) {
		if (parse_cond(&v[i], argv[i], allowed, err) != 0) {
			terms_free(v, i + 1);
			return -1;
		}
		*conds |= v[i].bit;
	}
	*out = v;
	*nout = argc;
	return 0;
}

/* The words and the spec text of bp: event, then conds. */
static void
set_words(struct breakpoint *bp, const char *event, int argc, char **argv)
{
	struct fw_buf	 spec;
	int		 i;

	words_free(bp->words, bp->nwords);
	free(bp->spec);
	bp->nwords = argc + 1;
	bp->words = fw_calloc((size_t)bp->nwords, sizeof *bp->words);
	bp->words[0] = fw_strdup(event);
	fw_buf_init(&spec);
	fw_buf_adds(&spec, event);
	for (i = 0; i < argc; i++) {
		bp->words[i + 1] = fw_strdup(argv[i]);
		fw_buf_addc(&spec, ' ');
		fw_buf_adds(&spec, argv[i]);
	}
	bp->spec = spec.data;
}

struct breakpoint *
session_bp_parse(struct session *s, int argc, char **argv, bool temporary,
    struct fw_buf *err)
{
	struct breakpoint	*bp;

	(void)s;
	if (argc < 1) {
		fw_buf_adds(err, "break needs an event: ");
		add_kind_names(err, " or ");
		return NULL;
	}
	bp = fw_calloc(1, sizeof *bp);
	bp->enabled = true;
	bp->temporary = temporary;
	if ((bp->kinds = parse_kinds(argv[0])) == 0) {
		fw_buf_printf(err, "unknown event '%s' (", argv[0]);
		add_kind_names(err, ", ");
		fw_buf_addc(err, ')');
		goto fail;
	}
	if (parse_terms(bp->kinds, argc - 1, argv + 1, &bp->terms,
	    &bp->nterms, &bp->conds, err) != 0)
		goto fail;
	set_words(bp, argv[0], argc - 1, argv + 1);
	return bp;
fail:
	session_bp_free(bp);
	return NULL;
}

int
session_bp_condition(struct breakpoint *bp, int argc, char **argv,
    struct fw_buf *err)
{
	struct bp_term	*terms;
	unsigned	 conds;
	int		 n;
	char		*event;

	if (parse_terms(bp->kinds, argc, argv, &terms, &n, &conds, err) != 0)
		return -1;
	terms_free(bp->terms, bp->nterms);
	bp->terms = terms;
	bp->nterms = n;
	bp->conds = conds;
	event = fw_strdup(bp->words[0]);
	set_words(bp, event, argc, argv);
	free(event);
	return 0;
}

void
session_bp_add(struct session *s, struct breakpoint *bp)
{
	struct breakpoint	**pp;

	bp->id = s->next_bp_id++;
	for (pp = &s->bps; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = bp;
}

struct breakpoint *
session_bp_find(struct session *s, int id)
{
	struct breakpoint	*bp;

	for (bp = s->bps; bp != NULL; bp = bp->next) {
		if (bp->id == id)
			return bp;
	}
	return NULL;
}

void
session_bp_delete(struct session *s, struct breakpoint *bp)
{
	struct breakpoint	**pp;

	for (pp = &s->bps; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == bp) {
			*pp = bp->next;
			if (s->collecting == bp)
				s->collecting = NULL;
			session_bp_free(bp);
			return;
		}
	}
}
