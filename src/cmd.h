/* cmd.h - the command layer shared by the console, scripts (-x, -e) and
 * the TUI's ':' prompt. One table drives parsing, help, completion and the
 * man page: each command is one const struct cmd_entry, defined in the
 * cmd-*.c file of its group. */
#ifndef FW_CMD_H
#define FW_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

#define CMD_OK		0
#define CMD_ERROR	(-1)

/* What an argument position completes to. */
enum cmd_arg_kind {
	CMDARG_NONE,
	CMDARG_PID,		/* a traced task id */
	CMDARG_EVENT,		/* a breakpoint event name */
	CMDARG_SIGNAL,		/* a signal name */
	CMDARG_FILE,		/* a file name */
	CMDARG_COMMAND,		/* a command name (help) */
	CMDARG_BP,		/* a breakpoint number */
	CMDARG_WORD,		/* one of cmd_entry.words */
};

#define CMD_F_RESUMES	0x1	/* lets the tree run: the front end drives */
#define CMD_F_STOPPED	0x2	/* needs the tree stopped (not while running) */

struct cmd_entry {
	const char		*name;
	const char		*alias;		/* short form, or NULL */
	const char		*args;		/* usage, e.g. "[N | PID]" */
	const char		*help;		/* one line */
	int			 min_args, max_args;	/* -1: no maximum */
	enum cmd_arg_kind	 complete[3];	/* per argument position */
	const char *const	*words;		/* for CMDARG_WORD */
	unsigned		 flags;
	/* argv[0] is the command name as typed. Returns CMD_OK/CMD_ERROR;
	 * errors are printed with session_printf("error: ...\n"). */
	int			(*exec)(struct session *, int argc, char **argv);
};

/* The table, NULL terminated, in help order. */
extern const struct cmd_entry *const cmd_table[];

const struct cmd_entry *cmd_find(const char *name);

/* Split a line into words: blanks separate, '...' and "..." quote,
 * backslash escapes; '#' starts a comment. Returns the count (argv
 * NULL-terminated, free with cmd_free_argv) or -1 with err set. */
int	cmd_split(const char *line, char ***argv, const char **err);
void	cmd_free_argv(char **argv);

/* Run one line. where ("FILE:LINE", or NULL at the prompt) prefixes error
 * messages. Lines between "commands N" and "end" are collected into the
 * breakpoint. Returns CMD_OK or CMD_ERROR. */
int	cmd_run(struct session *, const char *line, const char *where);

/* Run a file of commands; stops at the first error with "FILE:LINE: ...".
 * Returns CMD_OK or CMD_ERROR (and CMD_ERROR if the file can't be read). */
int	cmd_run_file(struct session *, const char *path);

/* Run the commands queued by breakpoint hits (session.pending). */
int	cmd_run_pending(struct session *);

/* Completion candidates for the word being typed (text) at word index
 * argi of line. Returns a NULL-terminated malloc'd array of malloc'd
 * strings (free with cmd_free_argv), possibly empty. */
char	**cmd_complete(struct session *, const char *line, int argi,
	    const char *text);

#endif
