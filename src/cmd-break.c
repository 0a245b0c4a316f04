/* cmd-break.c - breakpoints on lifecycle events, as gdb's: break, tbreak,
 * delete, disable, enable, condition, ignore, commands, handle (signals),
 * save breakpoints, and the "info breakpoints" / "info signals" listings.
 * The session (session-bp.c, session-sig.c) parses specs and matches
 * events. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	"none of the EVENTs is an error. Any CONDITION written !CONDITION " \
	"must not hold (signal !SIGCHLD; exit !code=0). Of several " \
	"CONDITIONs of one kind, one must hold (exec */cc1 */cc1plus: " \
	"either compiler; signal SIGSEGV SIGBUS), and none of the ! ones."

const struct cmd_entry cmd_break_entry = {
	.name = "break",
	.flags = CMD_F_STOPS,
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
	.flags = CMD_F_STOPS,
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

/* The breakpoint a number (or $bpnum) names, or an error. */
static struct breakpoint *
find_bp(struct session *s, const char *arg)
{
	struct breakpoint	*bp = session_bp_find(s, cmd_bp_id(s, arg));

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

/* "condition N [COND...]": conditions checked for any event here; the
 * breakpoint's own events decide when it runs. */
static int
check_condition(struct cmd_check *ck, int argc, char **argv,
    struct fw_buf *err)
{
	struct breakpoint	*bp;
	char			*av[2] = { (char *)"any", NULL };
	int			 r = 0;

	if (cmd_check_bp(ck, argv[1], err) != 0)
		return -1;
	if (argc > 2) {
		bp = session_bp_parse(ck != NULL ? ck->s : NULL, 1, av, false,
		    err);
		if (bp == NULL || session_bp_condition(bp, argc - 2, argv + 2,
		    err) != 0)
			r = -1;
		session_bp_free(bp);
	}
	return r;
}

static int
exec_condition(struct session *s, int argc, char **argv)
{
	struct breakpoint	*bp;
	struct fw_buf		 err;
	int			 r = CMD_OK;

	if ((bp = find_bp(s, argv[1])) == NULL)
		return CMD_ERROR;
	fw_buf_init(&err);
	if (session_bp_condition(bp, argc - 2, argv + 2, &err) != 0) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
		r = CMD_ERROR;
	} else if (argc == 2)
		session_printf(s, "Breakpoint %d now unconditional.\n", bp->id);
	fw_buf_release(&err);
	return r;
}

const struct cmd_entry cmd_condition_entry = {
	.name = "condition",
	.alias = NULL,
	.args = "N [CONDITION...]",
	.help = "give breakpoint N new conditions (none: it stops at every "
	    "event it names)",
	.min_args = 1,
	.max_args = -1,
	.complete = { CMDARG_BP, CMDARG_BPCOND, CMDARG_BPCOND },
	.exec = exec_condition,
	.check = check_condition,
	.doc = "The CONDITIONs of break (negation included) replace the "
	    "breakpoint's; its events stay. N may be $bpnum, the breakpoint "
	    "made last.",
};

static int
check_ignore(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	int	 n;

	(void)argc;
	if (cmd_check_bp(ck, argv[1], err) != 0)
		return -1;
	if (strcmp(argv[2], "0") != 0 && fw_parse_pid(argv[2], &n) != 0) {
		fw_buf_adds(err, "COUNT must be a number, not ");
		cmd_add_word(err, argv[2]);
		return -1;
	}
	return 0;
}

static int
exec_ignore(struct session *s, int argc, char **argv)
{
	struct breakpoint	*bp;

	(void)argc;
	if ((bp = find_bp(s, argv[1])) == NULL)
		return CMD_ERROR;
	bp->ignore = strtoul(argv[2], NULL, 10);
	if (bp->ignore == 0)
		session_printf(s, "Will stop next time breakpoint %d is "
		    "reached.\n", bp->id);
	else
		session_printf(s, "Will ignore next %lu crossing%s of breakpoint "
		    "%d.\n", bp->ignore, bp->ignore == 1 ? "" : "s", bp->id);
	return CMD_OK;
}

const struct cmd_entry cmd_ignore_entry = {
	.name = "ignore",
	.alias = NULL,
	.args = "N COUNT",
	.help = "let the next COUNT hits of breakpoint N go by without "
	    "stopping",
	.min_args = 2,
	.max_args = 2,
	.complete = { CMDARG_BP },
	.exec = exec_ignore,
	.check = check_ignore,
	.doc = "A hit is an event the breakpoint's conditions hold for: it is "
	    "counted (info breakpoints) but the tree goes on, and neither its "
	    "commands run nor a tbreak is deleted. ignore N 0 stops at the "
	    "next one again.",
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

/* "handle SIG|all [ACTION...]". */
static int
check_handle(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	unsigned	 set, clear;
	int		 sig;

	(void)ck;
	return session_sig_parse(argc - 1, argv + 1, &sig, &set, &clear, err);
}

static int
exec_handle(struct session *s, int argc, char **argv)
{
	struct fw_buf	 err;
	unsigned	 set, clear;
	int		 sig;

	fw_buf_init(&err);
	if (session_sig_parse(argc - 1, argv + 1, &sig, &set, &clear,
	    &err) != 0) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
		fw_buf_release(&err);
		return CMD_ERROR;
	}
	fw_buf_release(&err);
	session_sig_apply(s, sig, set, clear);
	cmd_sig_list(s, sig);
	return CMD_OK;
}

static const char *const handle_words[] = { "all", "stop", "nostop",
	"print", "noprint", "pass", "nopass", NULL };

const struct cmd_entry cmd_handle_entry = {
	.name = "handle",
	.alias = NULL,
	.args = "SIG|all [stop|nostop|print|noprint|pass|nopass...]",
	.help = "what to do when a signal is about to be delivered: stop the "
	    "tree, say so, pass it on",
	.min_args = 1,
	.max_args = -1,
	.complete = { CMDARG_SIGNAL, CMDARG_WORD, CMDARG_WORD },
	.words = handle_words,
	.exec = exec_handle,
	.check = check_handle,
	.doc = "As gdb's handle. stop: the tree stops when a task is about "
	    "to get SIG (Stopped: ...), without a breakpoint; print: a "
	    "\"Signal: ...\" line says so and the tree goes on; nopass: the "
	    "task never gets it (signal PID SIG at the stop can give it "
	    "back). stop implies print, noprint implies nostop. The default "
	    "for every signal is nostop noprint pass. Breakpoints on signals "
	    "are separate: break signal SIG stops whatever handle says. "
	    "Without an action, or with all, the table's lines are shown "
	    "(info signals shows them all).",
};

/* Append bp as the script lines that make it again: break/tbreak with
 * its words, ignore, disable, commands. -1 (with the reason in err) for
 * a word a script line cannot hold. */
static int
save_bp(const struct breakpoint *bp, struct fw_buf *b, struct fw_buf *err)
{
	int	 i;

	for (i = 0; i < bp->nwords; i++) {
		if (strpbrk(bp->words[i], "\r\n") != NULL) {
			fw_buf_printf(err, "breakpoint %d has a line break in "
			    "its spec: it cannot be saved", bp->id);
			return -1;
		}
	}
	fw_buf_adds(b, bp->temporary ? "tbreak" : "break");
	for (i = 0; i < bp->nwords; i++) {
		fw_buf_addc(b, ' ');
		cmd_quote_word(b, bp->words[i]);
	}
	fw_buf_addc(b, '\n');
	if (bp->ignore > 0)
		fw_buf_printf(b, "ignore $bpnum %lu\n", bp->ignore);
	if (!bp->enabled)
		fw_buf_adds(b, "disable $bpnum\n");
	if (bp->ncommands > 0) {
		fw_buf_adds(b, "commands\n");
		for (i = 0; i < bp->ncommands; i++)
			fw_buf_printf(b, "  %s\n", bp->commands[i]);
		fw_buf_adds(b, "end\n");
	}
	return 0;
}

static const char *const save_words[] = { "breakpoints", NULL };

static int
check_save(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	(void)argc;
	if (!cmd_is_bp_word(argv[1])) {
		fw_buf_adds(err, "usage: save breakpoints FILE");
		return -1;
	}
	return 0;
}

static int
exec_save(struct session *s, int argc, char **argv)
{
	const struct breakpoint	*bp;
	struct fw_buf		 b, err;
	int			 fd, r;

	(void)argc;
	fw_buf_init(&b);
	fw_buf_init(&err);
	fw_buf_adds(&b, "# forkwatch breakpoints (save breakpoints); read them "
	    "back with -x FILE\n");
	for (bp = s->bps; bp != NULL; bp = bp->next) {
		if (save_bp(bp, &b, &err) != 0) {
			cmd_error(s, "%s", fw_buf_cstr(&err));
			fw_buf_release(&b);
			fw_buf_release(&err);
			return CMD_ERROR;
		}
	}
	session_sig_save(s, &b);
	fw_buf_release(&err);
	r = 0;
	if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		r = -errno;
	else {
		r = fw_write_all(fd, b.data, b.len);
		if (close(fd) != 0 && r == 0)
			r = -errno;
	}
	fw_buf_release(&b);
	if (r != 0) {
		cmd_error(s, "cannot write %s: %s", argv[2], strerror(-r));
		return CMD_ERROR;
	}
	session_printf(s, "Saved to file '%s'.\n", argv[2]);
	return CMD_OK;
}

const struct cmd_entry cmd_save_entry = {
	.name = "save",
	.alias = NULL,
	.args = "breakpoints FILE",
	.help = "write the breakpoints and signal handling to FILE, as "
	    "commands that -x FILE reads back",
	.min_args = 2,
	.max_args = 2,
	.complete = { CMDARG_WORD, CMDARG_FILE },
	.words = save_words,
	.exec = exec_save,
	.check = check_save,
	.doc = "One break or tbreak line per breakpoint with its conditions, "
	    "then ignore $bpnum COUNT, disable $bpnum and its commands ... end "
	    "as needed ($bpnum is the breakpoint made last), then a handle "
	    "line for each signal not at its default. Hit counts are not "
	    "saved.",
};

void
cmd_sig_list(struct session *s, int sig)
{
	struct fw_buf	 b;
	int		 i;

	fw_buf_init(&b);
	session_sig_header(&b);
	for (i = sig != 0 ? sig : 1; i <= (sig != 0 ? sig : SESS_NSIG - 1);
	    i++)
		session_sig_line(s, i, &b);
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
}

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
		if (bp->ignore > 0)
			fw_buf_printf(&b, "        (ignore next %lu hit%s)\n",
			    bp->ignore, bp->ignore == 1 ? "" : "s");
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
