/* cmd-complete.c - completion candidates for the word being typed, from
 * the command table: command names, task ids, event names, breakpoint
 * conditions and numbers, signal names, fixed words. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd-int.h"
#include "flags.h"

struct cands {
	char	**v;
	size_t	 n;
	const char *text;
	size_t	 len;
	bool	 nocase;
	const char *prefix;	/* put before each candidate ("!") */
};

static void
cand_add(struct cands *c, const char *word)
{
	size_t	 i;

	if ((c->nocase ? strncasecmp(word, c->text, c->len) :
	    strncmp(word, c->text, c->len)) != 0)
		return;
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->v[i], word) == 0)
			return;
	}
	c->v = fw_realloc(c->v, (c->n + 2) * sizeof *c->v);
	if (c->prefix != NULL) {
		c->v[c->n] = fw_malloc(strlen(c->prefix) + strlen(word) + 1);
		strcpy(c->v[c->n], c->prefix);
		strcat(c->v[c->n], word);
		c->n++;
	} else
		c->v[c->n++] = fw_strdup(word);
	c->v[c->n] = NULL;
}

/* Words that follow a given first argument ("set stop ..."). */
static const char *const set_stop_words[] = { "all", "task", NULL };
static const char *const log_format_words[] = { "text", "jsonl", NULL };

/* The first word of line (the command as typed) into a new string. */
static char *
first_word(const char *line)
{
	const char	*p = line, *q;

	while (cmd_is_blank(*p))
		p++;
	for (q = p; *q != '\0' && !cmd_is_blank(*q); q++)
		;
	return fw_strndup(p, (size_t)(q - p));
}

/* The conditions a breakpoint on the event word of line ("break exec
 * ...") takes; every condition when the word is no event. */
static unsigned
bp_conds_of(const char *line)
{
	char		**v;
	const char	*err, *name;
	unsigned	 bits = 0, b, conds = ~0u;
	char		*tok, *save = NULL, *copy;
	int		 n, i;

	if ((n = cmd_split(line, &v, &err)) < 2) {
		if (n >= 0)
			cmd_free_argv(v);
		return conds;
	}
	copy = fw_strdup(v[1]);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; (name = event_bp_name_at(i, &b)) != NULL; i++) {
			if (strcmp(name, tok) == 0)
				bits |= b;
		}
	}
	free(copy);
	cmd_free_argv(v);
	return bits != 0 ? event_bp_conds(bits) : conds;
}

static enum cmd_arg_kind
kind_at(const struct cmd_entry *e, int argi)
{
	if (argi <= 0)
		return CMDARG_COMMAND;
	return e->complete[argi - 1 < 3 ? argi - 1 : 2];
}

enum cmd_arg_kind
cmd_complete_kind(const char *line, int argi)
{
	const struct cmd_entry	*e;
	char			*name;

	if (argi <= 0)
		return CMDARG_COMMAND;
	name = first_word(line);
	e = cmd_lookup(name, NULL);
	free(name);
	return e != NULL ? kind_at(e, argi) : CMDARG_NONE;
}

char **
cmd_complete(struct session *s, const char *line, int argi, const char *text)
{
	const struct cmd_entry *const	*ep;
	const struct cmd_entry		*e = NULL;
	const struct breakpoint		*bp;
	const struct fw_task		*t;
	const char *const		*w;
	const char			*name;
	struct cands			 c;
	char				*cmd, num[32];
	unsigned			 bit, conds;
	int				 i;

	memset(&c, 0, sizeof c);
	c.text = text;
	c.len = strlen(text);
	c.v = fw_calloc(1, sizeof *c.v);
	if (argi <= 0) {
		for (ep = cmd_table; *ep != NULL; ep++) {
			cand_add(&c, (*ep)->name);
			if ((*ep)->alias != NULL)
				cand_add(&c, (*ep)->alias);
		}
		return c.v;
	}
	cmd = first_word(line);
	e = cmd_lookup(cmd, NULL);
	free(cmd);
	if (e == NULL)
		return c.v;
	if (argi == 2 && e == &cmd_set_entry) {
		for (w = set_stop_words; *w != NULL; w++)
			cand_add(&c, *w);
		return c.v;
	}
	/* handle SIG|all ACTION...: signals first, then actions only. */
	if (e == &cmd_handle_entry) {
		if (argi == 1) {
			cand_add(&c, "all");
			c.nocase = true;
			for (i = 0; (name = flags_signame_at(i)) != NULL; i++)
				cand_add(&c, name);
		} else {
			for (i = 0; (name = session_sig_action_at(i)) != NULL;
			    i++)
				cand_add(&c, name);
		}
		return c.v;
	}
	if (argi == 2 && e == &cmd_log_entry) {
		for (w = log_format_words; *w != NULL; w++)
			cand_add(&c, *w);
		return c.v;
	}
	switch (kind_at(e, argi)) {
	case CMDARG_PID:
		for (t = s->eng.tasks.head; t != NULL; t = t->all_next) {
			if (t->state == TASK_DEAD)
				continue;
			snprintf(num, sizeof num, "%d", (int)t->tid);
			cand_add(&c, num);
		}
		break;
	case CMDARG_EVENT:
		for (i = 0; (name = event_bp_name_at(i, &bit)) != NULL; i++)
			cand_add(&c, name);
		break;
	case CMDARG_BPCOND:
		/* !CONDITION: the same words, negated. */
		if (text[0] == '!') {
			c.prefix = "!";
			c.text = text + 1;
			c.len--;
		}
		/* Only the conditions that apply to the event named. */
		conds = bp_conds_of(line);
		for (i = 0; (name = session_bp_cond_at(i, &bit)) != NULL; i++) {
			if ((conds & bit) && *name != '\0')
				cand_add(&c, name);
		}
		if (!(conds & FW_BPC_SIGNAL))
			break;
		/* FALLTHROUGH */
	case CMDARG_SIGNAL:
		c.nocase = true;
		for (i = 0; (name = flags_signame_at(i)) != NULL; i++)
			cand_add(&c, name);
		break;
	case CMDARG_COMMAND:
		for (ep = cmd_table; *ep != NULL; ep++)
			cand_add(&c, (*ep)->name);
		break;
	case CMDARG_BP:
		for (bp = s->bps; bp != NULL; bp = bp->next) {
			snprintf(num, sizeof num, "%d", bp->id);
			cand_add(&c, num);
		}
		break;
	case CMDARG_WORD:
	case CMDARG_FILE:
	case CMDARG_NONE:
		break;
	}
	for (w = e->words; w != NULL && *w != NULL; w++)
		cand_add(&c, *w);
	return c.v;
}
