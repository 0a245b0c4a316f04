/* cmd-break.c - breakpoints on lifecycle events: break, tbreak, delete,
 * disable, enable, commands, and the "info breakpoints" listing. The
 * session (session-bp.c) parses specs and matches events. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd-int.h"
#include "escape.h"

static int
check_break(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	struct breakpoint	*bp;
	struct session		*s = ck != NULL ? ck->s : NULL;

	bp = session_bp_parse(s, argc - 1, argv + 1, false, err);
	if (bp == NULL)
		return -1;
	session_bp_free(bp);
	return 0;
}

static int
add_break(struct session *s, int argc, char **argv, bool temporary)
{
	struct breakpoint	*bp;
	struct fw_buf		 err, b;

	fw_buf_init(&err);
	bp = session_bp_parse(s, argc - 1, argv + 1, temporary, &err);
	if (bp == NULL) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
		fw_buf_release(&err);
		return CMD_ERROR;
	}
	fw_buf_release(&err);
	session_bp_add(s, bp);
	fw_buf_init(&b);
	fw_buf_printf(&b, "%s %d: ", temporary ? "Temporary breakpoint" :
	    "Breakpoint", bp->id);
	esc_text_bare(&b, bp->spec, strlen(bp->spec));
	fw_buf_addc(&b, '\n');
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

static int
exec_break(struct session *s, int argc, char **argv)
{
	return add_break(s, argc, argv, false);
}

static int
exec_tbreak(struct session *s, int argc, char **argv)
{
	return add_break(s, argc, argv, true);
}

#define BREAK_DOC \
	"EVENT is fork, vfork, clone (a clone that makes a process), " \
	"thread (one that makes a thread), exec, exit (the task's exit " \
	"stop, where it can still be inspected), signal, reparent (a " \
	"process whose parent exited got a new parent; it is not stopped " \
	"itself: in all-stop mode the tree is stopped after) or any; " \
	"several " \
	"can be joined with commas (exec,exit). CONDITIONs, all of which " \
	"must hold, each for the events it applies to (completion offers " \
	"only those): a glob matched against the exec'd path or argv[0] " \
	"(exec */cc1); argv~REGEX (an extended regular expression searched " \
	"in the arguments joined by spaces); code=N, nonzero or killed (exit " \
	"only); a signal (signal and exit: the signal delivered, or the one " \
	"that killed the task), in any form kill takes: SIGSEGV, segv, SEGV " \
	"or 11 (at an exit a number must be code=N or a name); pid=N (the " \
	"task or its process); comm=GLOB; depth<=N (0 is the root); " \
	"under=PID (only inside that subtree); flags~CLONE_VM[|CLONE_FS...] " \
	"(fork, vfork, clone, thread: every flag named was given; the " \
	"CLONE_ is optional). A condition that applies to " \
	"none of the EVENTs is an error."

const struct cmd_entry cmd_break_entry = {
	.name = "break",
	.alias = "b",
	.args = "EVENT [CONDITION...]",
	.help = "stop the tree when a task reaches EVENT and the conditions "
	    "hold",
	.min_args = 1,
	.max_args = -1,
	.complete = { CMDARG_EVENT, CMDARG_BPCOND, CMDARG_BPCOND },
	.exec = exec_break,
	.check = check_break,
	.doc = BREAK_DOC,
};

const struct cmd_entry cmd_tbreak_entry = {
	.name = "tbreak",
	.alias = NULL,
	.args = "EVENT [CONDITION...]",
	.help = "a breakpoint that is deleted when it first hits",
	.min_args = 1,
	.max_args = -1,
	.complete = { CMDARG_EVENT, CMDARG_BPCOND, CMDARG_BPCOND },
	.exec = exec_tbreak,
	.check = check_break,
	.doc = "The same EVENTs and CONDITIONs as break.",
};

/* Every argument is a breakpoint number the script made by then. */
static int
check_bp_args(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (cmd_check_bp(ck, argv[i], err) != 0)
			return -1;
	}
	return 0;
}

/* The breakpoint a number names, or an error. */
static struct breakpoint *
find_bp(struct session *s, const char *arg)
{
	struct breakpoint	*bp = session_bp_find(s, atoi(arg));

	if (bp == NULL)
		cmd_error(s, "no breakpoint %s", arg);
	return bp;
}

static int
exec_delete(struct session *s, int argc, char **argv)
{
	struct breakpoint	*bp;
	int			 i, r = CMD_OK;

	if (argc == 1) {
		if (s->bps == NULL) {
			session_printf(s, "No breakpoint to delete.\n");
			return CMD_OK;
		}
		if (!cmd_confirm(s, "Delete all breakpoints?"))
			return CMD_OK;
		while (s->bps != NULL)
			session_bp_delete(s, s->bps);
		return CMD_OK;
	}
	for (i = 1; i < argc; i++) {
		if ((bp = find_bp(s, argv[i])) == NULL)
			r = CMD_ERROR;
		else
			session_bp_delete(s, bp);
	}
	return r;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.alias = "d",
	.args = "[N...]",
	.help = "delete breakpoints (all of them without N)",
	.min_args = 0,
	.max_args = -1,
	.complete = { CMDARG_BP, CMDARG_BP, CMDARG_BP },
	.exec = exec_delete,
	.check = check_bp_args,
};

static int
set_enabled(struct session *s, int argc, char **argv, bool on)
{
	struct breakpoint	*bp;
	int			 i, r = CMD_OK;

	if (argc == 1) {
		for (bp = s->bps; bp != NULL; bp = bp->next)
			bp->enabled = on;
		return CMD_OK;
	}
	for (i = 1; i < argc; i++) {
		if ((bp = find_bp(s, argv[i])) == NULL)
			r = CMD_ERROR;
		else
			bp->enabled = on;
	}
	return r;
}

static int
exec_disable(struct session *s, int argc, char **argv)
{
	return set_enabled(s, argc, argv, false);
}

static int
exec_enable(struct session *s, int argc, char **argv)
{
	return set_enabled(s, argc, argv, true);
}

const struct cmd_entry cmd_disable_entry = {
	.name = "disable",
	.alias = NULL,
	.args = "[N...]",
	.help = "keep breakpoints but do not stop at them (all without N)",
	.min_args = 0,
	.max_args = -1,
	.complete = { CMDARG_BP, CMDARG_BP, CMDARG_BP },
	.exec = exec_disable,
	.check = check_bp_args,
};

const struct cmd_entry cmd_enable_entry = {
	.name = "enable",
	.alias = NULL,
	.args = "[N...]",
	.help = "stop at breakpoints again (all without N)",
	.min_args = 0,
	.max_args = -1,
	.complete = { CMDARG_BP, CMDARG_BP, CMDARG_BP },
	.exec = exec_enable,
	.check = check_bp_args,
};

static int
check_commands(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	if (argc > 1)
		return cmd_check_bp(ck, argv[1], err);
	if (ck != NULL && ck->next_bp <= 1) {
		fw_buf_adds(err, "no breakpoint yet for 'commands'");
		return -1;
	}
	return 0;
}

static int
exec_commands(struct session *s, int argc, char **argv)
{
	struct breakpoint	*bp;
	int			 i;

	if (argc > 1) {
		if ((bp = find_bp(s, argv[1])) == NULL)
			return CMD_ERROR;
	} else {
		/* The breakpoint made last, as in gdb. */
		for (bp = s->bps; bp != NULL && bp->next != NULL; bp = bp->next)
			;
		if (bp == NULL) {
			cmd_error(s, "no breakpoint for 'commands'");
			return CMD_ERROR;
		}
	}
	for (i = 0; i < bp->ncommands; i++)
		free(bp->commands[i]);
	free(bp->commands);
	bp->commands = NULL;
	bp->ncommands = 0;
	s->collecting = bp;
	if (s->interactive)
		session_printf(s, "Type commands for breakpoint %d, one per "
		    "line.\nEnd with a line saying just \"end\".\n", bp->id);
	return CMD_OK;
}

const struct cmd_entry cmd_commands_entry = {
	.name = "commands",
	.alias = NULL,
	.args = "[N]",
	.help = "give breakpoint N (default: the last one) commands to run "
	    "when it hits, one per line, ending with \"end\"",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_BP },
	.exec = exec_commands,
	.check = check_commands,
	.doc = "The commands run as soon as the tree stops at the breakpoint, "
	    "before the prompt (or the next line of a script). A command that "
	    "lets the tree run (continue, step) ends the list. An empty list "
	    "(commands N, then end) removes them.",
};

void
cmd_bp_list(struct session *s)
{
	struct breakpoint	*bp;
	struct fw_buf		 b;
	int			 i;

	if (s->bps == NULL) {
		session_printf(s, "No breakpoints.\n");
		return;
	}
	fw_buf_init(&b);
	fw_buf_adds(&b, "Num  Type    Enb  Hits  What\n");
	for (bp = s->bps; bp != NULL; bp = bp->next) {
		fw_buf_printf(&b, "%-4d %-7s %-4s %-5lu ", bp->id,
		    bp->temporary ? "tbreak" : "break",
		    bp->enabled ? "y" : "n", bp->hits);
		esc_text_bare(&b, bp->spec, strlen(bp->spec));
		fw_buf_addc(&b, '\n');
		for (i = 0; i < bp->ncommands; i++) {
			fw_buf_adds(&b, "        ");
			esc_text_bare(&b, bp->commands[i],
			    strlen(bp->commands[i]));
			fw_buf_addc(&b, '\n');
		}
	}
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
}
