/* session-bp.c - breakpoints on lifecycle events: parsing "break" specs
 * and keeping the list. The events a breakpoint can name, and the
 * conditions each takes, come from the event table (event.c); the
 * conditions' own table is here. Matching is in session.c, next to the
 * sink. */
#include "config.h"

#include <ctype.h>
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

void
session_bp_free(struct breakpoint *bp)
{
	int	 i;

	if (bp == NULL)
		return;
	free(bp->spec);
	free(bp->glob);
	free(bp->comm);
	if (bp->has_re)
		regfree(&bp->argv_re);
	for (i = 0; i < bp->ncommands; i++)
		free(bp->commands[i]);
	free(bp->commands);
	free(bp);
}

static int
cond_code(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	int	 n;

	if (parse_int(v, &n) != 0 || n < 0 || n > 255) {
		fw_buf_printf(err, "bad exit code in '%s'", a);
		return -1;
	}
	bp->code = n;
	return 0;
}

static int
cond_nonzero(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	(void)a, (void)v, (void)err;
	bp->nonzero = true;
	return 0;
}

static int
cond_killed(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	(void)a, (void)v, (void)err;
	bp->killed = true;
	return 0;
}

static int
cond_pid(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	int	 n;

	if (fw_parse_pid(v, &n) != 0) {
		fw_buf_printf(err, "bad task id in '%s'", a);
		return -1;
	}
	if (a[0] == 'p')
		bp->pid = n;
	else
		bp->under = n;
	return 0;
}

static int
cond_depth(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	int	 n;

	if (parse_int(v, &n) != 0 || n < 0) {
		fw_buf_printf(err, "bad depth in '%s'", a);
		return -1;
	}
	bp->depth_max = n;
	return 0;
}

static int
cond_comm(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	if (*v == '\0') {
		fw_buf_printf(err, "empty name in '%s'", a);
		return -1;
	}
	free(bp->comm);
	bp->comm = fw_strdup(v);
	return 0;
}

static int
cond_argv(struct breakpoint *bp, const char *a, const char *v,
    struct fw_buf *err)
{
	char	 msg[128];
	int	 rc;

	(void)a;
	if (bp->has_re)
		regfree(&bp->argv_re);
	bp->has_re = false;
	rc = regcomp(&bp->argv_re, v, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &bp->argv_re, msg, sizeof msg);
		fw_buf_printf(err, "bad regular expression '%s': %s", v, msg);
		return -1;
	}
	bp->has_re = true;
	return 0;
}

/* flags~CLONE_VM|CLONE_FS: every flag named must be set. */
static int
cond_flags(struct breakpoint *bp, const char *a, const char *v,
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
	bp->clone_flags = mask;
	return 0;
}

/* The conditions written NAME=VALUE, NAME~VALUE or as a word, in help
 * order. A signal and a glob are bare words (session_bp_parse()). */
static const struct bp_cond {
	unsigned	 bit;		/* FW_BPC_* */
	const char	*word;		/* as typed and completed */
	const char	*usage;
	int		(*parse)(struct breakpoint *, const char *arg,
			    const char *value, struct fw_buf *err);
} bp_conds[] = {
	{ FW_BPC_CODE, "code=", "code=N", cond_code },
	{ FW_BPC_NONZERO, "nonzero", "nonzero", cond_nonzero },
	{ FW_BPC_KILLED, "killed", "killed", cond_killed },
	{ FW_BPC_SIGNAL, NULL, "SIGNAME", NULL },
	{ FW_BPC_PID, "pid=", "pid=N", cond_pid },
	{ FW_BPC_COMM, "comm=", "comm=NAME", cond_comm },
	{ FW_BPC_DEPTH, "depth<=", "depth<=N", cond_depth },
	{ FW_BPC_UNDER, "under=", "under=PID", cond_pid },
	{ FW_BPC_ARGV, "argv~", "argv~REGEX", cond_argv },
	{ FW_BPC_FLAGS, "flags~", "flags~CLONE_X[|CLONE_Y...]", cond_flags },
	{ FW_BPC_GLOB, NULL, "a glob", NULL },
};

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

/* One condition word a into bp, given the conditions the kinds allow.
 * A word that is no NAME=/NAME~/keyword is a signal when the kinds carry
 * one and flags_sigparse() (which kill and signal use) takes it, else a
 * glob. */
static int
parse_cond(struct breakpoint *bp, const char *a, unsigned allowed,
    struct fw_buf *err)
{
	const struct bp_cond	*c;
	const char		*v;
	size_t			 i;
	int			 sig;

	for (i = 0; i < FW_ARRAY_SIZE(bp_conds); i++) {
		c = &bp_conds[i];
		if ((v = cond_value(c, a)) == NULL)
			continue;
		if (!(allowed & c->bit))
			return not_here(err, c->word, c->bit);
		bp->conds |= c->bit;
		return c->parse(bp, a, v, err);
	}
	sig = flags_sigparse(a);
	if (sig > 0 && (allowed & FW_BPC_SIGNAL)) {
		if (isdigit((unsigned char)*a) && (allowed & FW_BPC_CODE)) {
			fw_buf_printf(err, "'%s' is ambiguous at an exit: write "
			    "code=%s or the signal's name", a, a);
			return -1;
		}
		bp->conds |= FW_BPC_SIGNAL;
		bp->signo = sig;
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
	if (bp->glob != NULL) {
		fw_buf_printf(err, "only one path glob per breakpoint ('%s' "
		    "and '%s')", bp->glob, a);
		return -1;
	}
	bp->conds |= FW_BPC_GLOB;
	bp->glob = fw_strdup(a);
	return 0;
}

struct breakpoint *
session_bp_parse(struct session *s, int argc, char **argv, bool temporary,
    struct fw_buf *err)
{
	struct breakpoint	*bp;
	struct fw_buf		 spec;
	unsigned		 allowed;
	int			 i;

	(void)s;
	if (argc < 1) {
		fw_buf_adds(err, "break needs an event: ");
		add_kind_names(err, " or ");
		return NULL;
	}
	bp = fw_calloc(1, sizeof *bp);
	bp->enabled = true;
	bp->temporary = temporary;
	bp->code = -1;
	bp->depth_max = -1;
	if ((bp->kinds = parse_kinds(argv[0])) == 0) {
		fw_buf_printf(err, "unknown event '%s' (", argv[0]);
		add_kind_names(err, ", ");
		fw_buf_addc(err, ')');
		goto fail;
	}
	allowed = event_bp_conds(bp->kinds);
	for (i = 1; i < argc; i++) {
		if (parse_cond(bp, argv[i], allowed, err) != 0)
			goto fail;
	}
	fw_buf_init(&spec);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			fw_buf_addc(&spec, ' ');
		fw_buf_adds(&spec, argv[i]);
	}
	bp->spec = spec.data;
	return bp;
fail:
	session_bp_free(bp);
	return NULL;
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
