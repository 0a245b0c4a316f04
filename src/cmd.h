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
#define CMD_INTR	(-2)	/* cmd_run_file(): interrupted (Ctrl-C) */

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
	CMDARG_BPCOND,		/* a breakpoint condition (or a signal) */
};

struct cmd_check;

#define CMD_F_RESUMES	0x1	/* lets the tree run: the front end drives */
#define CMD_F_STOPPED	0x2	/* needs the tree stopped (not while running) */
#define CMD_F_STOPS	0x4	/* stops tasks: needs a backend that can (not
				 * the eBPF one, engine_can_stop()) */

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
	 * errors go through session_error(): "error: ..." at a prompt,
	 * "FILE:LINE: ..." in a script. */
	int			(*exec)(struct session *, int argc, char **argv);
	/* More text for "help NAME" and the man page, or NULL. */
	const char		*doc;
	/* Static checks of the arguments, run on every line of a script
	 * before any of it runs (ck set) and before exec (ck NULL). Returns
	 * 0, or -1 with a message in err. NULL: nothing to check. */
	int			(*check)(struct cmd_check *ck, int argc,
				    char **argv, struct fw_buf *err);
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
/* What word argi of line is (CMDARG_FILE: the front end completes file
 * names itself). */
enum cmd_arg_kind cmd_complete_kind(const char *line, int argi);

/* After a command that let the tree run (CMD_F_RESUMES), or to finish a
 * script: drive the session until the tree stops (or is gone), running
 * the commands of the breakpoints it stops at; those may let it run again.
 * Returns at once when *s->intr becomes non-zero (the caller takes the
 * signal; session_drive() has paused the tree) or when s->quit is set. */
void	cmd_wait(struct session *);

/* Checking scripts before they run (-x, -e): every line is split, its
 * command looked up, its arguments counted and checked (break specs,
 * numbers, signal names), "commands" ... "end" blocks matched, and the
 * breakpoint numbers scripts name compared with those they create. */
struct cmd_check {
	struct session	*s;
	int		 next_bp;	/* the id the next "break" gets */
	char		*open_where;	/* where the open "commands" is */
};
void	cmd_check_init(struct cmd_check *, struct session *);
void	cmd_check_release(struct cmd_check *);
/* One line (where: "FILE:LINE"). 0, or -1 with "WHERE: message" in err. */
int	cmd_check_line(struct cmd_check *, const char *line, const char *where,
	    struct fw_buf *err);
/* Every line of a file; a "commands" block must end in the same file. */
int	cmd_check_file(struct cmd_check *, const char *path,
	    struct fw_buf *err);
/* After the last line: no "commands" block may be left open. */
int	cmd_check_finish(struct cmd_check *, struct fw_buf *err);

/* The -x FILEs and -e CMDs of the command line, in order ("-e:N" names
 * the N-th -e in messages). cmd_check_scripts: check them all; 0 or -1
 * with "WHERE: message" in err. cmd_run_scripts: run them, driving the
 * tree after each command that lets it run (cmd_wait); stops at the
 * first error (CMD_ERROR, message printed), on an interrupt (CMD_INTR)
 * or at "quit". */
int	cmd_check_scripts(struct session *, const struct fw_script *, size_t n,
	    struct fw_buf *err);
int	cmd_run_scripts(struct session *, const struct fw_script *, size_t n);

#endif
