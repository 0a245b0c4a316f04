/* optable.c - getopt_long's arrays and --help from an option table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "optable.h"
#include "util.h"

/* The column where --help's descriptions start. */
#define HELP_COLUMN	25

static int
takes_arg(const struct optable_entry *e)
{
	return e->value != OPTV_NONE;
}

void
optable_getopt_init(struct optable_getopt *g, const struct optable *t,
    const char *prefix)
{
	struct fw_buf	 s;
	size_t		 i, n = 0;

	g->longopts = fw_calloc(t->n + 1, sizeof *g->longopts);
	fw_buf_init(&s);
	fw_buf_adds(&s, prefix);
	for (i = 0; i < t->n; i++) {
		const struct optable_entry *e = &t->entries[i];

		if (e->name != NULL) {
			g->longopts[n].name = e->name;
			g->longopts[n].has_arg = takes_arg(e) ?
			    required_argument : no_argument;
			g->longopts[n].flag = NULL;
			g->longopts[n].val = e->id;
			n++;
		}
		if (e->letter != 0) {
			fw_buf_addc(&s, (char)e->letter);
			if (takes_arg(e))
				fw_buf_addc(&s, ':');
		}
	}
	g->shortopts = fw_strdup(fw_buf_cstr(&s));
	fw_buf_release(&s);
}

void
optable_getopt_release(struct optable_getopt *g)
{
	free(g->longopts);
	free(g->shortopts);
	g->longopts = NULL;
	g->shortopts = NULL;
}

const char *
optable_metavar(const struct optable_entry *e, char *buf, size_t size)
{
	size_t	 i, len = 0, n;

	if (!takes_arg(e))
		return NULL;
	if (e->metavar != NULL || e->words == NULL)
		return e->metavar != NULL ? e->metavar : "ARG";
	buf[0] = '\0';
	for (i = 0; e->words[i] != NULL; i++) {
		n = strlen(e->words[i]);
		if (len + n + 2 > size)
			break;
		if (i > 0)
			buf[len++] = '|';
		memcpy(buf + len, e->words[i], n + 1);
		len += n;
	}
	return buf;
}

int
optable_word(const struct optable_entry *e, const char *s)
{
	int	 i;

	for (i = 0; e->words != NULL && e->words[i] != NULL; i++)
		if (strcmp(e->words[i], s) == 0)
			return i;
	return -1;
}

const struct optable_entry *
optable_find(const struct optable *t, int id)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		if ((t->entries[i].name != NULL || t->entries[i].letter != 0) &&
		    t->entries[i].id == id)
			return &t->entries[i];
	return NULL;
}

/* Print the help text, each line after the first indented to the help
 * column (the first continues from column `at`). */
static void
help_lines(FILE *f, const char *help, int at)
{
	const char	*nl;

	for (;;) {
		fprintf(f, "%*s", at < HELP_COLUMN ? HELP_COLUMN - at : 0, "");
		nl = strchr(help, '\n');
		if (nl == NULL) {
			fprintf(f, "%s\n", help);
			return;
		}
		fprintf(f, "%.*s\n", (int)(nl - help), help);
		help = nl + 1;
		at = 0;
	}
}

void
optable_help(FILE *f, const struct optable *t)
{
	const char	*mv;
	char		 mvbuf[128];
	size_t		 i;
	int		 at;

	for (i = 0; i < t->n; i++) {
		const struct optable_entry *e = &t->entries[i];

		if (e->name == NULL && e->letter == 0) {
			fprintf(f, "%s\n", e->help);
			continue;
		}
		mv = optable_metavar(e, mvbuf, sizeof mvbuf);
		if (e->letter != 0 && e->name != NULL)
			at = fprintf(f, "  -%c, --%s", e->letter, e->name);
		else if (e->name != NULL)
			at = fprintf(f, "      --%s", e->name);
		else
			at = fprintf(f, "  -%c%s", e->letter, mv != NULL ?
			    " " : "");
		if (mv != NULL)
			at += fprintf(f, "%s%s", e->name != NULL ? "=" : "", mv);
		if (at >= HELP_COLUMN - 1) {
			putc('\n', f);
			at = 0;
		}
		help_lines(f, e->help, at);
	}
}
