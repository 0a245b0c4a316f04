/* optable.h - command-line option tables. Each command (forkwatch, and
 * each of its subcommands such as `forkwatch report`) describes its
 * options once, in one const array of entries; getopt_long's arrays,
 * --help, the bash and zsh completions (complete.c) and the test that
 * checks the man page (tests/shell-complete.test) are all made from it,
 * so an option cannot be added to one and forgotten in another. */
#ifndef FW_OPTABLE_H
#define FW_OPTABLE_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* What an option's argument (or a command's operand) is: --help shows it,
 * completion offers it. */
enum optable_value {
	OPTV_NONE,	/* the option takes no argument */
	OPTV_TEXT,	/* free text, a number, a command: nothing to offer */
	OPTV_WORD,	/* one of the entry's words */
	OPTV_FILE,	/* a file name */
	OPTV_LOG,	/* a JSON Lines log (*.jsonl) */
	OPTV_PIDS,	/* running processes: PID[,PID...] */
	OPTV_PROGRAM,	/* operands only: a program and its arguments */
};

/* How completion treats an option (optable_entry.flags). */
#define OPTF_REPEAT	0x1	/* may be given more than once */
#define OPTF_ALONE	0x2	/* ends the command line: --help, --version */

/* One option, written with designated initializers. An entry with no name
 * and no letter is a heading for --help (its help is printed as is). */
struct optable_entry {
	const char		*name;		/* long name without "--" */
	int			 letter;	/* short option, or 0 */
	int			 id;		/* what getopt_long returns */
	enum optable_value	 value;		/* OPTV_NONE: no argument */
	const char		*metavar;	/* "FILE"; NULL: the words */
	const char *const	*words;		/* OPTV_WORD: NULL-terminated */
	unsigned		 flags;		/* OPTF_* */
	const char		*help;		/* lines separated by '\n' */
};

/* A command's options and what its operands are. */
struct optable {
	const char			*name;	/* "forkwatch", "report" */
	const char			*about;	/* one line, for completion */
	const struct optable_entry	*entries;
	size_t				 n;
	enum optable_value		 operands;	/* OPTV_PROGRAM, OPTV_LOG */
};

/* getopt_long's arrays for a table: embedded, _init/_release. */
struct optable_getopt {
	struct option	*longopts;	/* NULL-terminated */
	char		*shortopts;	/* prefix, then "b", "o:", ... */
};

void	optable_getopt_init(struct optable_getopt *, const struct optable *,
	    const char *prefix);
void	optable_getopt_release(struct optable_getopt *);

/* Print the option list of --help: "  -o, --output=FILE   help...". */
void	optable_help(FILE *, const struct optable *);

/* An entry's argument as --help shows it ("FILE", or its words joined
 * into buf: "text|jsonl"); NULL for an option without one. */
const char *optable_metavar(const struct optable_entry *, char *buf,
	    size_t size);

/* The index of s in the entry's words, or -1. */
int	optable_word(const struct optable_entry *, const char *s);

/* The entry getopt_long returned id for, or NULL. */
const struct optable_entry *optable_find(const struct optable *, int id);

#endif
