/* cmd-misc.c - help, set, log, echo, quit. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backtrace.h"
#include "cmd-int.h"
#include "escape.h"

#define HELP_COL	28	/* where the one-line help starts */

/* Append text wrapped at width columns, each line indented by indent;
 * the first line starts at column col (0: indent it too). */
static void
add_wrapped_at(struct fw_buf *b, const char *text, int indent, int width,
    int col)
{
	const char	*p = text, *word;
	size_t		 len;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		word = p;
		while (*p != '\0' && *p != ' ')
			p++;
		len = (size_t)(p - word);
		if (len == 0)
			break;
		if (col > 0 && col + 1 + (int)len > width) {
			fw_buf_addc(b, '\n');
			col = 0;
		}
		if (col == 0) {
			fw_buf_printf(b, "%*s", indent, "");
			col = indent;
		} else {
			fw_buf_addc(b, ' ');
			col++;
		}
		fw_buf_add(b, word, len);
		col += (int)len;
	}
	if (col > 0)
		fw_buf_addc(b, '\n');
}

static void
add_wrapped(struct fw_buf *b, const char *text, int indent, int width)
{
	add_wrapped_at(b, text, indent, width, 0);
}

static void
usage_of(struct fw_buf *b, const struct cmd_entry *e)
{
	fw_buf_adds(b, e->name);
	if (e->alias != NULL)
		fw_buf_printf(b, " (%s)", e->alias);
	if (e->args != NULL)
		fw_buf_printf(b, " %s", e->args);
}

static int
check_help(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 1 && cmd_find(argv[1]) == NULL && strcmp(argv[1], "end")) {
		fw_buf_adds(err, "no command ");
		esc_text_str(err, argv[1]);
		return -1;
	}
	return 0;
}

static int
exec_help(struct session *s, int argc, char **argv)
{
	const struct cmd_entry *const	*ep;
	const struct cmd_entry		*e;
	struct fw_buf			 b, u;

	fw_buf_init(&b);
	if (argc > 1 && strcmp(argv[1], "end") == 0) {
		fw_buf_adds(&b, "end\n");
		add_wrapped(&b, "ends the list of commands started by "
		    "\"commands\".", 2, 76);
	} else if (argc > 1) {
		e = cmd_find(argv[1]);
		usage_of(&b, e);
		fw_buf_addc(&b, '\n');
		add_wrapped(&b, e->help, 2, 76);
		if (e->doc != NULL)
			add_wrapped(&b, e->doc, 2, 76);
	} else {
		fw_buf_adds(&b, "Commands (short forms in parentheses; "
		    "\"help NAME\" tells more):\n");
		for (ep = cmd_table; *ep != NULL; ep++) {
			fw_buf_init(&u);
			usage_of(&u, *ep);
			if (u.len > HELP_COL - 3) {
				fw_buf_printf(&b, "  %s\n", u.data);
				add_wrapped(&b, (*ep)->help, HELP_COL, 79);
			} else {
				/* add_wrapped_at() puts a blank first. */
				fw_buf_printf(&b, "  %-*s", HELP_COL - 3,
				    u.data);
				add_wrapped_at(&b, (*ep)->help, HELP_COL, 79,
				    HELP_COL - 1);
			}
			fw_buf_release(&u);
		}
		fw_buf_adds(&b, "A unique beginning of a name will do "
		    "(\"cont\"); at a terminal an empty line\nrepeats step or "
		    "continue. PID is a task id: 'tree' shows them.\n");
	}
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.alias = "h",
	.args = "[COMMAND]",
	.help = "list the commands, or tell more about one",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_COMMAND },
	.exec = exec_help,
	.check = check_help,
};

static const char *const set_words[] = { "stop", "pids",
	"debug-file-directory", NULL };

static int
check_set(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc == 1)
		return 0;
	if (strcmp(argv[1], "debug-file-directory") == 0) {
		if (argc != 3 || argv[2][0] == '\0') {
			fw_buf_adds(err, "usage: set debug-file-directory DIR "
			    "(none: no separate debug files)");
			return -1;
		}
		return 0;
	}
	if (strcmp(argv[1], "pids") == 0) {
		if (argc != 3 || (strcmp(argv[2], "outer") != 0 &&
		    strcmp(argv[2], "inner") != 0)) {
			fw_buf_adds(err, "usage: set pids outer|inner");
			return -1;
		}
		return 0;
	}
	if (strcmp(argv[1], "stop") != 0) {
		fw_buf_adds(err, "unknown setting ");
		esc_text_str(err, argv[1]);
		fw_buf_adds(err, " (stop, pids, debug-file-directory)");
		return -1;
	}
	if (argc != 3 || (strcmp(argv[2], "all") != 0 &&
	    strcmp(argv[2], "task") != 0)) {
		fw_buf_adds(err, "usage: set stop all|task");
		return -1;
	}
	return 0;
}

static int
exec_set(struct session *s, int argc, char **argv)
{
	const char	*dir;
	struct fw_buf	 b;

	if (argc == 1) {
		fw_buf_init(&b);
		fw_buf_printf(&b, "stop %s\npids %s\ndebug-file-directory ",
		    s->stop_mode == SESS_STOP_ALL ? "all" : "task",
		    s->pids_inner ? "inner" : "outer");
		dir = s->bt != NULL ? bt_ctx_debug_dir(s->bt) : NULL;
		if (dir != NULL)
			esc_text_bare(&b, dir, strlen(dir));
		else
			fw_buf_adds(&b, "none");
		fw_buf_addc(&b, '\n');
		session_write(s, b.data, b.len);
		fw_buf_release(&b);
		return CMD_OK;
	}
	if (strcmp(argv[1], "debug-file-directory") == 0) {
		if (s->bt != NULL)
			bt_ctx_set_debug_dir(s->bt, strcmp(argv[2], "none") ==
			    0 ? NULL : argv[2]);
		return CMD_OK;
	}
	if (strcmp(argv[1], "pids") == 0) {
		s->pids_inner = strcmp(argv[2], "inner") == 0;
		return CMD_OK;
	}
	s->stop_mode = strcmp(argv[2], "all") == 0 ? SESS_STOP_ALL :
	    SESS_STOP_TASK;
	session_printf(s, "%s\n", s->stop_mode == SESS_STOP_ALL ?
	    "From the next stop, every task stops when one does." :
	    "From the next stop, only the task that stops waits; the others "
	    "run on.");
	return CMD_OK;
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.alias = NULL,
	.args = "[stop all|task | pids outer|inner | debug-file-directory DIR]",
	.help = "all-stop (every task stops when one does) or task-stop (only "
	    "that task waits); the pids shown first for tasks in another pid "
	    "namespace; where bt looks for separate debug files; "
	    "without arguments, show the settings",
	.min_args = 0,
	.max_args = 2,
	.complete = { CMDARG_WORD, CMDARG_WORD },
	.words = set_words,
	.exec = exec_set,
	.check = check_set,
	.doc = "set stop all (the default) freezes the whole tree whenever it "
	    "stops, so nothing changes while you look. set stop task stops "
	    "only the task that reached the breakpoint or step; the others run "
	    "on, and what they reach meanwhile is announced at the prompt. The "
	    "change applies from the next stop. set pids inner shows a task "
	    "that lives in another pid namespace (a container, unshare -p) by "
	    "the pid it has there, as ps(1) inside the container prints it, "
	    "with forkwatch's pid after it in brackets ('7 [outer 48213]'); "
	    "set pids outer (the default) the other way round ('48213 "
	    "[inner 7]'), in tree and info. Commands "
	    "always take forkwatch's (outer) pids, as the log writes them. "
	    "set debug-file-directory DIR "
	    "(default /usr/lib/debug, as in gdb; none turns it off) is where "
	    "bt looks for separate debug files: DIR/.build-id/xx/yyyy.debug by "
	    "build-id, and DIR/PATH-OF-THE-FILE'S-DIRECTORY/NAME for a "
	    ".gnu_debuglink NAME.",
};

static int
check_log(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc > 2 && tlog_format_parse(argv[2]) < 0) {
		fw_buf_adds(err, "unknown log format ");
		esc_text_str(err, argv[2]);
		fw_buf_adds(err, " (text or jsonl)");
		return -1;
	}
	if (argc > 2 && strcmp(argv[1], "off") == 0) {
		fw_buf_adds(err, "usage: log off");
		return -1;
	}
	return 0;
}

static int
exec_log(struct session *s, int argc, char **argv)
{
	struct fw_buf	 err;
	int		 f = argc > 2 ? tlog_format_parse(argv[2]) : TLOG_TEXT;

	if (argc == 1) {
		if (s->logging)
			session_printf(s, "Writing the %s log to %s.\n",
			    s->log.format == TLOG_JSONL ? "jsonl" : "text",
			    s->log.path);
		else
			session_printf(s, "Not writing a log.\n");
		return CMD_OK;
	}
	if (strcmp(argv[1], "off") == 0) {
		if (!s->logging) {
			cmd_error(s, "not writing a log");
			return CMD_ERROR;
		}
		session_log_close(s);
		return CMD_OK;
	}
	fw_buf_init(&err);
	if (session_log_open(s, argv[1], (enum tlog_format)f, &err) != 0) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
		fw_buf_release(&err);
		return CMD_ERROR;
	}
	fw_buf_release(&err);
	return CMD_OK;
}

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.alias = NULL,
	.args = "[FILE [text|jsonl] | off]",
	.help = "write the trace log to FILE from now on (- for stdout); log "
	    "off ends it",
	.min_args = 0,
	.max_args = 2,
	.complete = { CMDARG_FILE, CMDARG_WORD },
	.exec = exec_log,
	.check = check_log,
	.doc = "The formats are those of batch mode (see LOG FORMAT); the log "
	    "starts with the events that follow.",
};

static int
exec_echo(struct session *s, int argc, char **argv)
{
	struct fw_buf	 b;
	int		 i;

	fw_buf_init(&b);
	for (i = 1; i < argc; i++) {
		if (i > 1)
			fw_buf_addc(&b, ' ');
		esc_text_bare(&b, argv[i], strlen(argv[i]));
	}
	fw_buf_addc(&b, '\n');
	session_write(s, b.data, b.len);
	fw_buf_release(&b);
	return CMD_OK;
}

const struct cmd_entry cmd_echo_entry = {
	.name = "echo",
	.alias = NULL,
	.args = "[TEXT...]",
	.help = "print TEXT (in scripts and breakpoint commands)",
	.min_args = 0,
	.max_args = -1,
	.exec = exec_echo,
};

static int
exec_quit(struct session *s, int argc, char **argv)
{
	size_t	 live = engine_live(&s->eng);

	(void)argc;
	(void)argv;
	if (live > 0 && !cmd_confirm(s, s->eng.launched ?
	    "The traced tasks will be killed. Quit anyway?" :
	    "forkwatch will detach from the traced tasks. Quit anyway?"))
		return CMD_OK;
	if (live > 0) {
		session_finish(s);
		session_printf(s, "%s %zu task%s.\n", s->eng.launched ?
		    "Killed" : "Detached from", live, live == 1 ? "" : "s");
	}
	s->quit = true;
	return CMD_OK;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.alias = "q",
	.args = NULL,
	.help = "leave forkwatch: kill a launched tree, detach from attached "
	    "processes",
	.min_args = 0,
	.max_args = 0,
	.exec = exec_quit,
	.doc = "Asks first when tasks live and a person is at the terminal; "
	    "Ctrl-C answers no, as at every question. End of input (Ctrl-D) "
	    "at the prompt is quit.",
};
