/* cmd-run.c - letting the tree run: continue, step, pause. These only set
 * the session going; the front end drives it (cmd.h, session_drive()). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd-int.h"

static int
exec_continue(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	s->step_left = 0;
	s->step_pid = 0;
	session_resume(s);
	return CMD_OK;
}

const struct cmd_entry cmd_continue_entry = {
	.name = "continue",
	.alias = "c",
	.args = NULL,
	.help = "let every task run until a breakpoint hits or the tree is gone",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_F_RESUMES | CMD_F_STOPPED | CMD_F_STOPS,
	.exec = exec_continue,
	.doc = "Held tasks stay stopped. Ctrl-C stops the whole tree again "
	    "(\"Paused\").",
};

/* "step [N | +N | PID]": the argument, checked. */
static int
check_step(struct cmd_check *ck, int argc, char **argv, struct fw_buf *err)
{
	(void)ck;
	if (argc < 2)
		return 0;
	return cmd_check_count(argv[1][0] == '+' ? argv[1] + 1 : argv[1],
	    "the count", err);
}

/* Live threads of t's process other than t. */
static int
other_threads(struct session *s, const struct fw_task *t)
{
	const struct fw_task	*u;
	int			 n = 0;

	for (u = s->eng.tasks.head; u != NULL; u = u->all_next) {
		if (u != t && task_is_traced(u) && u->tgid == t->tgid)
			n++;
	}
	return n;
}

static int
exec_step(struct session *s, int argc, char **argv)
{
	struct fw_task	*t = NULL;
	const char	*arg = argc > 1 ? argv[1] : NULL;
	int		 n = 1;

	if (arg != NULL) {
		if (*arg == '+')
			n = atoi(arg + 1);
		else {
			n = atoi(arg);
			t = task_find(&s->eng.tasks, n);
		}
	}
	s->step_left = 0;
	s->step_pid = 0;
	if (t != NULL) {
		/* A number that names a live task: only it runs. */
		if (t->flags & TF_HELD) {
			cmd_error(s, "task %d is held (release it first)",
			    (int)t->tid);
			return CMD_ERROR;
		}
		if (t->state != TASK_STOPPED) {
			cmd_error(s, "task %d is not stopped (%s)",
			    (int)t->tid, task_state_name(t->state));
			return CMD_ERROR;
		}
		/* A leader let go from its exit stop stays a zombie, with
		 * nothing to report, until its other threads are gone; they
		 * would not run. */
		if (t->stop_kind == STOP_EXITING && task_is_leader(t) &&
		    other_threads(s, t) > 0) {
			cmd_error(s, "task %d leads its process: it ends only "
			    "after its other threads (step them, or continue)",
			    (int)t->tid);
			return CMD_ERROR;
		}
		s->step_pid = t->tid;
	} else
		s->step_left = n;
	session_resume(s);
	return CMD_OK;
}

const struct cmd_entry cmd_step_entry = {
	.name = "step",
	.alias = "s",
	.args = "[N | PID]",
	.help = "run to the next N lifecycle events (of any task), or let "
	    "only PID run to its next event",
	.min_args = 0,
	.max_args = 1,
	.complete = { CMDARG_PID },
	.flags = CMD_F_RESUMES | CMD_F_STOPPED | CMD_F_STOPS,
	.exec = exec_step,
	.check = check_step,
	.doc = "step N announces each event it passes (Passed: ...) and the "
	    "one it stops at (Stopped: ...). "
	    "The events counted are fork, vfork, clone, exec, exit (the "
	    "exit stop), signal, vfork_done and job-control stop. A number "
	    "that is the id of a traced task means that task: it runs alone "
	    "while every other task stays stopped; write +N to mean a count "
	    "anyway. A task at its exit stop runs to its end: the step stops "
	    "at its exit event (a leader whose other threads live is refused: "
	    "it cannot end before them). A breakpoint that hits first stops "
	    "the tree there.",
};

/* "run [ARG...]": the program again, from the beginning. */
static int
exec_run(struct session *s, int argc, char **argv)
{
	struct fw_buf	 err;
	int		 r;

	if (s->argv == NULL) {
		cmd_error(s, "run starts the program again, and forkwatch "
		    "attached to running processes (-p): there is none to run");
		return CMD_ERROR;
	}
	if (engine_live(&s->eng) > 0 && !cmd_confirm(s, "The traced tree "
	    "is still there. Kill it and start the program again?"))
		return CMD_OK;
	fw_buf_init(&err);
	r = session_run(s, argc > 1 ? argv + 1 : NULL, &err);
	if (r != 0)
		cmd_error(s, "%s", fw_buf_cstr(&err));
	fw_buf_release(&err);
	return r == 0 ? CMD_OK : CMD_ERROR;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.flags = CMD_F_STOPS,
	.alias = "r",
	.args = "[ARG...]",
	.help = "start the program again from the beginning (with new "
	    "arguments, or the last ones), keeping the breakpoints",
	.min_args = 0,
	.max_args = -1,
	.complete = { CMDARG_FILE, CMDARG_FILE, CMDARG_FILE },
	.exec = exec_run,
	.doc = "Once the tree is gone (or after killing it: asked first at "
	    "a terminal), the program is launched again and stops at its "
	    "first exec, as at the start. ARGs replace the program's "
	    "arguments (as gdb's run does); without them it gets the last "
	    "ones. Breakpoints and their commands, conditions and ignore "
	    "counts stay; their hit counts start again. The tasks of the last "
	    "run are forgotten. A log being written (-o, log) ends with the "
	    "last run: log FILE starts one for this run. Not available after "
	    "-p.",
};

static int
exec_pause(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (s->state == SESS_DONE) {
		cmd_error(s, "no traced task is left");
		return CMD_ERROR;
	}
	session_pause(s);
	return CMD_OK;
}

const struct cmd_entry cmd_pause_entry = {
	.name = "pause",
	.flags = CMD_F_STOPS,
	.alias = NULL,
	.args = NULL,
	.help = "stop every task now (what Ctrl-C does while the tree runs)",
	.min_args = 0,
	.max_args = 0,
	.exec = exec_pause,
	.doc = "Useful in task-stop mode (set stop task), where the other "
	    "tasks run on while you are at the prompt.",
};
