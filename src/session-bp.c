/* session-bp.c - breakpoints on lifecycle events: parsing "break" specs
 * and keeping the list. Matching is in session.c, next to the sink. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "flags.h"
#include "session.h"

static const struct {
	const char	*name;
	unsigned	 bits;
} bp_kinds[] = {
	{ "fork",	BPK_FORK },
	{ "vfork",	BPK_VFORK },
	{ "clone",	BPK_CLONE },
	{ "thread",	BPK_THREAD },
	{ "exec",	BPK_EXEC },
	{ "exit",	BPK_EXIT },
	{ "signal",	BPK_SIGNAL },
	{ "any",	BPK_ANY },
};

const char *
session_bp_kind_name_at(int i)
{
	if (i < 0 || (size_t)i >= FW_ARRAY_SIZE(bp_kinds))
		return NULL;
	return bp_kinds[i].name;
}

/* "exec,exit" -> bits; 0 on an unknown name. */
static unsigned
parse_kinds(const char *spec)
{
	char		*copy = fw_strdup(spec), *tok, *save = NULL;
	unsigned	 bits = 0, b;
	size_t		 i;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		b = 0;
		for (i = 0; i < FW_ARRAY_SIZE(bp_kinds); i++) {
			if (strcmp(tok, bp_kinds[i].name) == 0)
				b = bp_kinds[i].bits;
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

struct breakpoint *
session_bp_parse(struct session *s, int argc, char **argv, bool temporary,
    struct fw_buf *err)
{
	struct breakpoint	*bp;
	const char		*a;
	int			 i, v, sig, rc;
	char			 msg[128];

	(void)s;
	if (argc < 1) {
		fw_buf_adds(err, "break needs an event: fork, vfork, clone, "
		    "thread, exec, exit, signal or any");
		return NULL;
	}
	bp = fw_calloc(1, sizeof *bp);
	bp->enabled = true;
	bp->temporary = temporary;
	bp->code = -1;
	bp->depth_max = -1;
	if ((bp->kinds = parse_kinds(argv[0])) == 0) {
		fw_buf_printf(err, "unknown event '%s' (fork, vfork, clone, "
		    "thread, exec, exit, signal, any)", argv[0]);
		goto fail;
	}
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strncmp(a, "code=", 5) == 0) {
			if (parse_int(a + 5, &v) != 0 || v < 0 || v > 255) {
				fw_buf_printf(err, "bad exit code in '%s'", a);
				goto fail;
			}
			bp->code = v;
		} else if (strcmp(a, "nonzero") == 0) {
			bp->nonzero = true;
		} else if (strcmp(a, "killed") == 0) {
			bp->killed = true;
		} else if (strncmp(a, "pid=", 4) == 0) {
			if (fw_parse_pid(a + 4, &v) != 0) {
				fw_buf_printf(err, "bad task id in '%s'", a);
				goto fail;
			}
			bp->pid = v;
		} else if (strncmp(a, "under=", 6) == 0) {
			if (fw_parse_pid(a + 6, &v) != 0) {
				fw_buf_printf(err, "bad task id in '%s'", a);
				goto fail;
			}
			bp->under = v;
		} else if (strncmp(a, "depth<=", 7) == 0) {
			if (parse_int(a + 7, &v) != 0 || v < 0) {
				fw_buf_printf(err, "bad depth in '%s'", a);
				goto fail;
			}
			bp->depth_max = v;
		} else if (strncmp(a, "comm=", 5) == 0 && a[5] != '\0') {
			free(bp->comm);
			bp->comm = fw_strdup(a + 5);
		} else if (strncmp(a, "argv~", 5) == 0) {
			if (bp->has_re)
				regfree(&bp->argv_re);
			bp->has_re = false;
			rc = regcomp(&bp->argv_re, a + 5, REG_EXTENDED | REG_NOSUB);
			if (rc != 0) {
				regerror(rc, &bp->argv_re, msg, sizeof msg);
				fw_buf_printf(err, "bad regular expression '%s': %s",
				    a + 5, msg);
				goto fail;
			}
			bp->has_re = true;
		} else if (strncmp(a, "SIG", 3) == 0 &&
		    (sig = flags_sigparse(a)) > 0) {
			bp->signo = sig;
		} else if (strchr(a, '=') != NULL || strchr(a, '~') != NULL ||
		    strstr(a, "<=") != NULL) {
			fw_buf_printf(err, "unknown condition '%s' (code=N, "
			    "nonzero, killed, SIGNAME, pid=N, comm=NAME, "
			    "depth<=N, under=PID, argv~REGEX, or a glob)", a);
			goto fail;
		} else {
			if (bp->glob != NULL) {
				fw_buf_printf(err, "only one path glob per "
				    "breakpoint ('%s' and '%s')", bp->glob, a);
				goto fail;
			}
			bp->glob = fw_strdup(a);
		}
	}
	if ((bp->code >= 0 || bp->nonzero || bp->killed) &&
	    !(bp->kinds & BPK_EXIT)) {
		fw_buf_adds(err, "code=, nonzero and killed apply to exit "
		    "breakpoints only");
		goto fail;
	}
	{
		struct fw_buf	 spec;

		fw_buf_init(&spec);
		for (i = 0; i < argc; i++) {
			if (i > 0)
				fw_buf_addc(&spec, ' ');
			fw_buf_adds(&spec, argv[i]);
		}
		bp->spec = spec.data;
	}
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
