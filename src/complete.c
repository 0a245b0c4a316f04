/* complete.c - the bash and zsh completion scripts, written from the option
 * tables. The scripts' fixed parts (finding where the options end, running
 * processes for -p, *.jsonl files) are below as text; what a command's
 * options are and what each one's argument is comes from its table. */
#include "config.h"

#include <string.h>

#include "complete.h"
#include "options.h"
#include "util.h"

/* A command the scripts complete: forkwatch itself, then each subcommand.
 * fn is the name that stands for it in the scripts. */
struct complete_cmd {
	const char		*fn;
	const struct optable	*t;
};

/* forkwatch's table first, then each subcommand's; returns the count. */
static size_t
commands(struct complete_cmd *out, size_t max)
{
	const struct options_subcommand	*s;
	size_t				 n = 0;

	out[n].fn = "main";
	out[n++].t = &options_table;
	for (s = options_subcommands; s->name != NULL && n < max; s++) {
		out[n].fn = s->name;
		out[n++].t = s->options;
	}
	return n;
}

/* Write s for the inside of a single-quoted shell word. */
static void
put_sq(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			putc(*s, f);
	}
}

/* Write help, its lines joined, for the inside of zsh's "[...]" in a
 * single-quoted _arguments spec. */
static void
put_zsh_desc(FILE *f, const char *help)
{
	for (; *help != '\0'; help++) {
		if (*help == '\n')
			putc(' ', f);
		else if (*help == '\'')
			fputs("'\\''", f);
		else {
			if (strchr("[]:\\", *help) != NULL)
				putc('\\', f);
			putc(*help, f);
		}
	}
}

static bool
is_option(const struct optable_entry *e)
{
	return e->name != NULL || e->letter != 0;
}

/* --- bash ------------------------------------------------------------- */

static const char bash_head[] =
"# bash completion for forkwatch(1). `forkwatch --completion=bash` wrote it\n"
"# from forkwatch's option tables: do not edit it, regenerate it.\n"
"\n"
"# _forkwatch_words CUR WORD...: the WORDs that start with CUR.\n"
"_forkwatch_words()\n"
"{\n"
"\tlocal cur=$1\n"
"\tshift\n"
"\tCOMPREPLY=($(compgen -W \"$*\" -- \"$cur\"))\n"
"}\n"
"\n"
"# _forkwatch_files CUR: file names.\n"
"_forkwatch_files()\n"
"{\n"
"\tcompopt -o filenames 2>/dev/null\n"
"\tmapfile -t COMPREPLY < <(compgen -f -- \"$1\")\n"
"}\n"
"\n"
"# _forkwatch_logs CUR: directories and JSON Lines logs (*.jsonl).\n"
"_forkwatch_logs()\n"
"{\n"
"\tcompopt -o filenames 2>/dev/null\n"
"\tmapfile -t COMPREPLY < <(compgen -d -- \"$1\"\n"
"\t    compgen -f -X '!*.jsonl' -- \"$1\")\n"
"}\n"
"\n"
"# _forkwatch_pids CUR: running processes for PID[,PID...]. Several are\n"
"# listed as PID:NAME (the name made printable); one alone is inserted as\n"
"# its PID.\n"
"_forkwatch_pids()\n"
"{\n"
"\tlocal cur=${1##*,} pre= d c\n"
"\tlocal -a found=()\n"
"\t[[ $1 == *,* ]] && pre=${1%,*},\n"
"\tfor d in /proc/[0-9]*; do\n"
"\t\t[[ ${d#/proc/} == \"$cur\"* ]] || continue\n"
"\t\tread -r c 2>/dev/null <\"$d/comm\" || continue\n"
"\t\tfound+=(\"$pre${d#/proc/}:${c//[![:print:]]/?}\")\n"
"\tdone\n"
"\tif (( ${#found[@]} == 1 )); then\n"
"\t\tCOMPREPLY=(\"${found[0]%%:*}\")\n"
"\telse\n"
"\t\tCOMPREPLY=(\"${found[@]}\")\n"
"\tfi\n"
"}\n";

static const char bash_main[] =
"\n"
"# The command line: forkwatch's options (or a subcommand's), up to the\n"
"# first operand; options' arguments, given as --opt=ARG (which bash splits\n"
"# at the '='), --opt ARG, -oARG or -o ARG.\n"
"_forkwatch()\n"
"{\n"
"\tlocal cur=${COMP_WORDS[COMP_CWORD]} table=main i=1 w n v\n"
"\tlocal pending= opts argopts argletters\n"
"\tCOMPREPLY=()\n"
"\tif (( COMP_CWORD > 1 )) && _forkwatch_is_subcommand \"${COMP_WORDS[1]}\"; then\n"
"\t\ttable=${COMP_WORDS[1]}\n"
"\t\ti=2\n"
"\tfi\n"
"\t_forkwatch_options \"$table\"\n"
"\twhile (( i < COMP_CWORD )); do\n"
"\t\tw=${COMP_WORDS[i]}\n"
"\t\tif [[ -n $pending ]]; then\n"
"\t\t\tpending=\n"
"\t\telif [[ $w == --?* && ${COMP_WORDS[i+1]} == = ]]; then\n"
"\t\t\tif (( i + 2 >= COMP_CWORD )); then\n"
"\t\t\t\tv=$cur\n"
"\t\t\t\t[[ $v == = ]] && v=\n"
"\t\t\t\t_forkwatch_value \"$table\" \"$w\" \"$v\"\n"
"\t\t\t\treturn 0\n"
"\t\t\tfi\n"
"\t\t\t(( i += 2 ))\n"
"\t\telif [[ $w == -- ]]; then\n"
"\t\t\t_forkwatch_operand \"$table\" $(( i + 1 ))\n"
"\t\t\treturn 0\n"
"\t\telif [[ $w == --?* ]]; then\n"
"\t\t\t[[ $argopts == *\" $w \"* ]] && pending=$w\n"
"\t\telif [[ $w == -?* ]]; then\n"
"\t\t\t# The first letter that takes an argument takes the rest\n"
"\t\t\t# of the word, or the next word.\n"
"\t\t\tfor (( n = 1; n < ${#w}; n++ )); do\n"
"\t\t\t\tif [[ $argletters == *\"${w:n:1}\"* ]]; then\n"
"\t\t\t\t\t(( n == ${#w} - 1 )) && pending=-${w:n:1}\n"
"\t\t\t\t\tbreak\n"
"\t\t\t\tfi\n"
"\t\t\tdone\n"
"\t\telse\n"
"\t\t\t_forkwatch_operand \"$table\" \"$i\"\n"
"\t\t\treturn 0\n"
"\t\tfi\n"
"\t\t(( i++ ))\n"
"\tdone\n"
"\tif [[ -n $pending ]]; then\n"
"\t\t_forkwatch_value \"$table\" \"$pending\" \"$cur\"\n"
"\telif [[ $cur == --*=* ]]; then\n"
"\t\t# '=' is not in this shell's COMP_WORDBREAKS.\n"
"\t\t_forkwatch_value \"$table\" \"${cur%%=*}\" \"${cur#*=}\"\n"
"\t\tCOMPREPLY=(\"${COMPREPLY[@]/#/${cur%%=*}=}\")\n"
"\telif [[ $cur == -* ]]; then\n"
"\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
"\t\t[[ ${#COMPREPLY[@]} == 1 && $COMPREPLY == *= ]] &&\n"
"\t\t    compopt -o nospace 2>/dev/null\n"
"\telse\n"
"\t\t_forkwatch_operand \"$table\" \"$COMP_CWORD\"\n"
"\tfi\n"
"\treturn 0\n"
"}\n"
"complete -F _forkwatch forkwatch\n";

/* _forkwatch_is_subcommand WORD: whether WORD names a subcommand. */
static void
bash_subcommands(FILE *f, const struct complete_cmd *c, size_t n)
{
	size_t	 i;

	fputs("\n# _forkwatch_is_subcommand WORD: whether forkwatch WORD ... "
	    "runs a subcommand.\n_forkwatch_is_subcommand()\n{\n"
	    "\tcase $1 in\n", f);
	for (i = 1; i < n; i++) {
		fputs("\t'", f);
		put_sq(f, c[i].fn);
		fputs("') return 0 ;;\n", f);
	}
	fputs("\tesac\n\treturn 1\n}\n", f);
}

/* _forkwatch_options TABLE: what each command's options are. */
static void
bash_options(FILE *f, const struct complete_cmd *c, size_t n)
{
	size_t	 i, j;

	fputs("\n# _forkwatch_options TABLE: set opts (every option, \"--name=\" "
	    "when it takes\n# an argument), argopts (the long options that "
	    "take one) and argletters\n# (the short ones).\n"
	    "_forkwatch_options()\n{\n\tcase $1 in\n", f);
	for (i = 0; i < n; i++) {
		const struct optable *t = c[i].t;

		fprintf(f, "\t%s)\n\t\topts='", c[i].fn);
		for (j = 0; j < t->n; j++) {
			const struct optable_entry *e = &t->entries[j];

			if (e->letter != 0)
				fprintf(f, " -%c", e->letter);
			if (e->name != NULL) {
				fputs(" --", f);
				put_sq(f, e->name);
				if (e->value != OPTV_NONE)
					putc('=', f);
			}
		}
		fputs("'\n\t\targopts=' ", f);
		for (j = 0; j < t->n; j++)
			if (t->entries[j].name != NULL &&
			    t->entries[j].value != OPTV_NONE) {
				fputs("--", f);
				put_sq(f, t->entries[j].name);
				putc(' ', f);
			}
		fputs("'\n\t\targletters='", f);
		for (j = 0; j < t->n; j++)
			if (t->entries[j].letter != 0 &&
			    t->entries[j].value != OPTV_NONE)
				putc(t->entries[j].letter, f);
		fputs("'\n\t\t;;\n", f);
	}
	fputs("\tesac\n}\n", f);
}

/* The bash function that completes a value of kind v from "$3". */
static const char *
bash_value_fn(enum optable_value v)
{
	switch (v) {
	case OPTV_FILE:		return "_forkwatch_files";
	case OPTV_LOG:		return "_forkwatch_logs";
	case OPTV_PIDS:		return "_forkwatch_pids";
	case OPTV_WORD:		return "_forkwatch_words";
	case OPTV_NONE:
	case OPTV_TEXT:
	case OPTV_PROGRAM:
		break;
	}
	return NULL;
}

/* _forkwatch_value TABLE OPTION CUR: each option's argument. */
static void
bash_values(FILE *f, const struct complete_cmd *c, size_t n)
{
	const char	*fn;
	size_t		 i, j, k;

	fputs("\n# _forkwatch_value TABLE OPTION CUR: complete the argument of "
	    "OPTION.\n_forkwatch_value()\n{\n\tcase $1:$2 in\n", f);
	for (i = 0; i < n; i++) {
		for (j = 0; j < c[i].t->n; j++) {
			const struct optable_entry *e = &c[i].t->entries[j];

			if (!is_option(e) || (fn = bash_value_fn(e->value)) ==
			    NULL)
				continue;
			fputs("\t", f);
			if (e->letter != 0)
				fprintf(f, "'%s:-%c'%s", c[i].fn, e->letter,
				    e->name != NULL ? "|" : "");
			if (e->name != NULL) {
				fprintf(f, "'%s:--", c[i].fn);
				put_sq(f, e->name);
				putc('\'', f);
			}
			fprintf(f, ") %s \"$3\"", fn);
			for (k = 0; e->words != NULL && e->words[k] != NULL;
			    k++) {
				fputs(" '", f);
				put_sq(f, e->words[k]);
				putc('\'', f);
			}
			fputs(" ;;\n", f);
		}
	}
	fputs("\tesac\n}\n", f);
}

/* _forkwatch_operand TABLE FIRST: each command's operands. */
static void
bash_operands(FILE *f, const struct complete_cmd *c, size_t n)
{
	size_t	 i;

	fputs("\n# _forkwatch_operand TABLE FIRST: complete an operand; FIRST is "
	    "the index\n# in COMP_WORDS of the first one.\n"
	    "_forkwatch_operand()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n\tcase $1 in\n", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "\t%s)\n", c[i].fn);
		switch (c[i].t->operands) {
		case OPTV_PROGRAM:
			/* The program's own arguments are its completion's
			 * business (bash-completion's _command_offset). */
			fputs("\t\tif (( COMP_CWORD > $2 )); then\n"
			    "\t\t\tif declare -F _command_offset >/dev/null; "
			    "then\n\t\t\t\t_command_offset \"$2\"\n"
			    "\t\t\telse\n\t\t\t\t_forkwatch_files \"$cur\"\n"
			    "\t\t\tfi\n\t\telse\n"
			    "\t\t\tmapfile -t COMPREPLY < <(compgen -c -- "
			    "\"$cur\")\n", f);
			if (i == 0 && n > 1) {
				size_t	 k;

				fputs("\t\t\t(( $2 == 1 )) && COMPREPLY+=($("
				    "compgen -W '", f);
				for (k = 1; k < n; k++)
					fprintf(f, "%s%s", k > 1 ? " " : "",
					    c[k].fn);
				fputs("' -- \"$cur\"))\n", f);
			}
			fputs("\t\tfi\n", f);
			break;
		case OPTV_LOG:
			fputs("\t\t_forkwatch_logs \"$cur\"\n", f);
			break;
		case OPTV_FILE:
			fputs("\t\t_forkwatch_files \"$cur\"\n", f);
			break;
		case OPTV_PIDS:
			fputs("\t\t_forkwatch_pids \"$cur\"\n", f);
			break;
		case OPTV_NONE:
		case OPTV_TEXT:
		case OPTV_WORD:
			break;
		}
		fputs("\t\t;;\n", f);
	}
	fputs("\tesac\n}\n", f);
}

static void
bash_print(FILE *f, const struct complete_cmd *c, size_t n)
{
	fputs(bash_head, f);
	bash_subcommands(f, c, n);
	bash_options(f, c, n);
	bash_values(f, c, n);
	bash_operands(f, c, n);
	fputs(bash_main, f);
}

/* --- zsh -------------------------------------------------------------- */

static const char zsh_head[] =
"#compdef forkwatch\n"
"# zsh completion for forkwatch(1). `forkwatch --completion=zsh` wrote it\n"
"# from forkwatch's option tables: do not edit it, regenerate it.\n"
"\n"
"# Running processes for PID[,PID...], each described by its name.\n"
"_forkwatch_pids() {\n"
"\tlocal -a pids descs expl\n"
"\tlocal d c\n"
"\tcompset -P '*,'\n"
"\tfor d in /proc/<->(N); do\n"
"\t\tc=\n"
"\t\t{ read -r c <$d/comm } 2>/dev/null || continue\n"
"\t\tpids+=(${d:t})\n"
"\t\tdescs+=(\"${d:t} -- ${(V)c}\")\n"
"\tdone\n"
"\t_wanted processes expl 'process id' compadd -l -d descs -a pids\n"
"}\n"
"\n"
"# JSON Lines logs (*.jsonl) and directories.\n"
"_forkwatch_logs() {\n"
"\t_files -g '*.jsonl(-.)'\n"
"}\n"
"\n"
"# forkwatch's first operand: a subcommand (only as the first word) or the\n"
"# program to trace.\n"
"_forkwatch_program() {\n"
"\tlocal ret=1\n"
"\t(( CURRENT == 2 )) &&\n"
"\t    _describe -t subcommands 'forkwatch subcommand' "
"_forkwatch_subcommands &&\n"
"\t    ret=0\n"
"\t_command_names -e && ret=0\n"
"\treturn ret\n"
"}\n";

/* The _arguments action for a value of kind v; NULL: the option has none. */
static void
zsh_action(FILE *f, const struct optable_entry *e, const char *msg)
{
	size_t	 k;

	fprintf(f, ":%s:", msg);
	switch (e->value) {
	case OPTV_WORD:
		putc('(', f);
		for (k = 0; e->words[k] != NULL; k++) {
			if (k > 0)
				putc(' ', f);
			put_sq(f, e->words[k]);
		}
		putc(')', f);
		break;
	case OPTV_FILE:
		fputs("_files", f);
		break;
	case OPTV_LOG:
		fputs("_forkwatch_logs", f);
		break;
	case OPTV_PIDS:
		fputs("_forkwatch_pids", f);
		break;
	case OPTV_TEXT:
	case OPTV_PROGRAM:
	case OPTV_NONE:
		putc(' ', f);
		break;
	}
}

/* One _arguments spec per option, e.g.
 *   '(-o --output)'{-o+,--output=}'[write the log to FILE]:output:_files' */
static void
zsh_spec(FILE *f, const struct optable_entry *e)
{
	bool	 arg = e->value != OPTV_NONE;
	bool	 both = e->letter != 0 && e->name != NULL;

	fputs("\t    ", f);
	if (e->flags & OPTF_ALONE)
		fputs("'(- *)'", f);
	else if (e->flags & OPTF_REPEAT)
		fputs("'*'", f);
	else if (both)
		fprintf(f, "'(-%c --%s)'", e->letter, e->name);
	if (both)
		putc('{', f);
	if (e->letter != 0)
		fprintf(f, "-%c%s", e->letter, arg ? "+" : "");
	if (both)
		putc(',', f);
	if (e->name != NULL)
		fprintf(f, "%s--%s%s%s", both ? "" : "'", e->name,
		    arg ? "=" : "", both ? "" : "'");
	if (both)
		putc('}', f);
	fputs("'[", f);
	put_zsh_desc(f, e->help);
	putc(']', f);
	if (arg)
		zsh_action(f, e, e->name != NULL ? e->name : "argument");
	fputs("' \\\n", f);
}

static void
zsh_table(FILE *f, const struct complete_cmd *c)
{
	size_t	 j;

	fprintf(f, "\n# forkwatch%s%s's options and operands.\n"
	    "_forkwatch_%s() {\n"
	    "\t_arguments -s -S -A '-*' : \\\n",
	    c->t == &options_table ? "" : " ",
	    c->t == &options_table ? "" : c->t->name, c->fn);
	for (j = 0; j < c->t->n; j++)
		if (is_option(&c->t->entries[j]))
			zsh_spec(f, &c->t->entries[j]);
	switch (c->t->operands) {
	case OPTV_PROGRAM:
		fputs("\t    '(-)1: :_forkwatch_program' \\\n"
		    "\t    '*:: :_normal'\n", f);
		break;
	case OPTV_LOG:
		fputs("\t    '1:log:_forkwatch_logs'\n", f);
		break;
	case OPTV_FILE:
		fputs("\t    '1:file:_files'\n", f);
		break;
	case OPTV_PIDS:
		fputs("\t    '1:pid:_forkwatch_pids'\n", f);
		break;
	case OPTV_NONE:
	case OPTV_TEXT:
	case OPTV_WORD:
		fputs("\t    '*: : '\n", f);
		break;
	}
	fputs("}\n", f);
}

static void
zsh_print(FILE *f, const struct complete_cmd *c, size_t n)
{
	size_t	 i;

	fputs(zsh_head, f);
	for (i = 0; i < n; i++)
		zsh_table(f, &c[i]);
	fputs("\n_forkwatch() {\n\tlocal -a _forkwatch_subcommands=(", f);
	for (i = 1; i < n; i++) {
		fputs(i > 1 ? " '" : "'", f);
		put_sq(f, c[i].fn);
		putc(':', f);
		put_sq(f, c[i].t->about);
		putc('\'', f);
	}
	fputs(")\n\tif (( CURRENT > 2 )); then\n\t\tcase $words[2] in\n", f);
	for (i = 1; i < n; i++)
		fprintf(f, "\t\t(%s)\n\t\t\tshift words\n\t\t\t(( CURRENT-- ))\n"
		    "\t\t\t_forkwatch_%s\n\t\t\treturn\n\t\t\t;;\n", c[i].fn,
		    c[i].fn);
	fputs("\t\tesac\n\tfi\n\t_forkwatch_main\n}\n"
	    "\n"
	    "# Autoloaded from fpath: complete now. Sourced (eval \"$(forkwatch\n"
	    "# --completion=zsh)\" after compinit): register.\n"
	    "if [[ $funcstack[1] == _forkwatch ]]; then\n"
	    "\t_forkwatch \"$@\"\n"
	    "else\n"
	    "\tcompdef _forkwatch forkwatch\n"
	    "fi\n", f);
}

int
complete_print(FILE *f, const char *shell)
{
	struct complete_cmd	 c[16];
	size_t			 n = commands(c, FW_ARRAY_SIZE(c));

	if (strcmp(shell, "bash") == 0)
		bash_print(f, c, n);
	else if (strcmp(shell, "zsh") == 0)
		zsh_print(f, c, n);
	else
		return -1;
	return 0;
}
