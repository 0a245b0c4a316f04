/* cmd.c - the command table and running one line: splitting, finding the
 * command, checking its arguments, "commands" ... "end", breakpoint
 * commands, driving the tree after a command that resumed it. Scripts are
 * in cmd-script.c, completion in cmd-complete.c, the commands themselves
 * in cmd-*.c, one file per group. */
#include "config.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd-int.h"
#include "escape.h"
#include "flags.h"

/* In help order: running, breakpoints, looking, tasks, the rest. */
const struct cmd_entry *const cmd_table[] = {
	&cmd_continue_entry,
	&cmd_step_entry,
	&cmd_pause_entry,
	&cmd_run_entry,
	&cmd_break_entry,
	&cmd_tbreak_entry,
	&cmd_delete_entry,
	&cmd_disable_entry,
	&cmd_enable_entry,
	&cmd_condition_entry,
	&cmd_ignore_entry,
	&cmd_commands_entry,
	&cmd_handle_entry,
	&cmd_save_entry,
	&cmd_tree_entry,
	&cmd_info_entry,
	&cmd_bt_entry,
	&cmd_events_entry,
	&cmd_hold_entry,
	&cmd_release_entry,
	&cmd_signal_entry,
	&cmd_kill_entry,
	&cmd_detach_entry,
	&cmd_gdb_entry,
	&cmd_set_entry,
	&cmd_log_entry,
	&cmd_echo_entry,
	&cmd_help_entry,
	&cmd_quit_entry,
	NULL,
};

/* Where the line being run comes from ("FILE:LINE"), NULL at a prompt. */
static const char	*cmd_where;

void
cmd_error(struct session *s, const char *fmt, ...)
{
	struct fw_buf	 b;
	va_list		 ap;

	fw_buf_init(&b);
	if (cmd_where != NULL)
		fw_buf_printf(&b, "%s: ", cmd_where);
	else
		fw_buf_adds(&b, "error: ");
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fw_buf_addc(&b, '\n');
	session_error(s, b.data, b.len);
	fw_buf_release(&b);
}

void
cmd_error_at(struct session *s, const char *where, const char *fmt, ...)
{
	struct fw_buf	 b;
	va_list		 ap;

	fw_buf_init(&b);
	fw_buf_printf(&b, "%s: ", where);
	va_start(ap, fmt);
	fw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fw_buf_addc(&b, '\n');
	session_error(s, b.data, b.len);
	fw_buf_release(&b);
}

bool
cmd_confirm(struct session *s, const char *question)
{
	if (s->hooks.confirm == NULL || !s->interactive)
		return true;
	return s->hooks.confirm(s->hooks.arg, question);
}

void
cmd_add_word(struct fw_buf *b, const char *name)
{
	fw_buf_addc(b, '\'');
	esc_text_bare(b, name, strlen(name));
	fw_buf_addc(b, '\'');
}

const struct cmd_entry *
cmd_lookup(const char *name, struct fw_buf *err)
{
	const struct cmd_entry *const	*e;
	const struct cmd_entry		*found = NULL;
	size_t				 len = strlen(name);
	int				 n = 0;

	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp((*e)->name, name) == 0 || ((*e)->alias != NULL &&
		    strcmp((*e)->alias, name) == 0))
			return *e;
	}
	for (e = cmd_table; len > 0 && *e != NULL; e++) {
		if (strncmp((*e)->name, name, len) == 0) {
			found = *e;
			n++;
		}
	}
	if (n == 1)
		return found;
	if (err == NULL)
		return NULL;
	if (n == 0) {
		fw_buf_adds(err, "unknown command ");
		cmd_add_word(err, name);
		fw_buf_adds(err, " (try help)");
		return NULL;
	}
	fw_buf_adds(err, "ambiguous command ");
	cmd_add_word(err, name);
	fw_buf_addc(err, ':');
	for (e = cmd_table; *e != NULL; e++) {
		if (strncmp((*e)->name, name, len) == 0)
			fw_buf_printf(err, " %s", (*e)->name);
	}
	return NULL;
}

const struct cmd_entry *
cmd_find(const char *name)
{
	return cmd_lookup(name, NULL);
}

bool
cmd_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
cmd_split(const char *line, char ***argvp, const char **err)
{
	struct fw_buf	 w;
	const char	*p = line;
	char		**v = NULL;
	int		 n = 0;

	*argvp = NULL;
	*err = NULL;
	for (;;) {
		while (cmd_is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;
		fw_buf_init(&w);
		fw_buf_add(&w, "", 0);
		while (*p != '\0' && !cmd_is_blank(*p)) {
			if (*p == '\'') {
				/* Single quotes keep everything as it is. */
				for (p++; *p != '\0' && *p != '\''; p++)
					fw_buf_addc(&w, *p);
				if (*p == '\0') {
					*err = "unterminated ' quote";
					goto fail;
				}
				p++;
			} else if (*p == '"') {
				for (p++; *p != '\0' && *p != '"'; p++) {
					if (*p == '\\' && (p[1] == '"' ||
					    p[1] == '\\'))
						p++;
					fw_buf_addc(&w, *p);
				}
				if (*p == '\0') {
					*err = "unterminated \" quote";
					goto fail;
				}
				p++;
			} else if (*p == '\\') {
				if (p[1] == '\0') {
					*err = "backslash at the end of the line";
					goto fail;
				}
				fw_buf_addc(&w, p[1]);
				p += 2;
			} else
				fw_buf_addc(&w, *p++);
		}
		v = fw_realloc(v, (size_t)(n + 2) * sizeof *v);
		v[n++] = fw_strdup(fw_buf_cstr(&w));
		fw_buf_release(&w);
	}
	v = fw_realloc(v, (size_t)(n + 1) * sizeof *v);
	v[n] = NULL;
	*argvp = v;
	return n;
fail:
	fw_buf_release(&w);
	if (v != NULL) {
		v[n] = NULL;
		cmd_free_argv(v);
	}
	return -1;
}

void
cmd_free_argv(char **argv)
{
	char	**p;

	if (argv == NULL)
		return;
	for (p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}

int
cmd_check_args(struct cmd_check *ck, const struct cmd_entry *e, int argc,
    char **argv, struct fw_buf *err)
{
	int	 nargs = argc - 1;

	if (nargs < e->min_args || (e->max_args >= 0 && nargs > e->max_args)) {
		fw_buf_printf(err, "usage: %s%s%s", e->name,
		    e->args != NULL ? " " : "", e->args != NULL ? e->args : "");
		return -1;
	}
	if (e->check != NULL)
		return e->check(ck, argc, argv, err);
	return 0;
}

int
cmd_check_pid(const char *arg, struct fw_buf *err)
{
	int	 pid;

	if (fw_parse_pid(arg, &pid) != 0) {
		fw_buf_adds(err, "not a task id: ");
		cmd_add_word(err, arg);
		return -1;
	}
	return 0;
}

int
cmd_check_count(const char *arg, const char *what, struct fw_buf *err)
{
	int	 n;

	if (fw_parse_pid(arg, &n) != 0) {
		fw_buf_printf(err, "%s must be a positive number, not ", what);
		cmd_add_word(err, arg);
		return -1;
	}
	return 0;
}

int
cmd_parse_signal(const char *arg, bool allow0, int *sig, struct fw_buf *err)
{
	if (allow0 && (strcmp(arg, "0") == 0 || strcasecmp(arg, "none") == 0)) {
		*sig = 0;
		return 0;
	}
	if ((*sig = flags_sigparse(arg)) <= 0) {
		fw_buf_adds(err, "unknown signal ");
		cmd_add_word(err, arg);
		return -1;
	}
	return 0;
}

int
cmd_check_bp(struct cmd_check *ck, const char *arg, struct fw_buf *err)
{
	int	 id;

	/* $bpnum: the breakpoint made last (gdb's), as saved files use. */
	if (strcmp(arg, "$bpnum") == 0) {
		if (ck != NULL && ck->next_bp <= 1) {
			fw_buf_adds(err, "$bpnum: no breakpoint yet");
			return -1;
		}
		return 0;
	}
	if (fw_parse_pid(arg, &id) != 0) {
		fw_buf_adds(err, "not a breakpoint number: ");
		cmd_add_word(err, arg);
		return -1;
	}
	if (ck != NULL && id >= ck->next_bp) {
		fw_buf_printf(err, "no breakpoint %d (yet)", id);
		return -1;
	}
	return 0;
}

int
cmd_bp_id(struct session *s, const char *arg)
{
	if (strcmp(arg, "$bpnum") == 0)
		return s->next_bp_id - 1;
	return atoi(arg);
}

void
cmd_quote_word(struct fw_buf *b, const char *w)
{
	const char	*p;

	if (*w != '\0' && strpbrk(w, " \t\r\n'\"\\#") == NULL) {
		fw_buf_adds(b, w);
		return;
	}
	fw_buf_addc(b, '"');
	for (p = w; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fw_buf_addc(b, '\\');
		fw_buf_addc(b, *p);
	}
	fw_buf_addc(b, '"');
}

bool
cmd_is_bp_word(const char *word)
{
	size_t	 len = strlen(word);

	return len > 0 && strncmp(word, "breakpoints", len) == 0;
}

struct fw_task *
cmd_task(struct session *s, const char *arg)
{
	struct fw_task	*t;
	int		 pid;

	if (arg == NULL) {
		/* After a pause no task stopped at an event; with only one
		 * task there is no question which one is meant. */
		if (s->stop_pid == 0 && engine_live(&s->eng) == 1) {
			for (t = s->eng.tasks.head; t != NULL &&
			    !task_is_traced(t); t = t->all_next)
				;
			if (t != NULL)
				return t;
		}
		if (s->stop_pid == 0) {
			cmd_error(s, "no task stopped at an event: give a task "
			    "id");
			return NULL;
		}
		pid = s->stop_pid;
	} else if (fw_parse_pid(arg, &pid) != 0) {
		cmd_error(s, "'%s' is not a task id", arg);
		return NULL;
	}
	if ((t = task_find_any(&s->eng.tasks, pid)) != NULL)
		return t;
	cmd_error(s, "no traced task %d", pid);
	return NULL;
}

/* A line while "commands N" collects: checked, then kept for later. */
static int
collect(struct session *s, const char *line)
{
	struct breakpoint	*bp = s->collecting;
	const struct cmd_entry	*e;
	struct fw_buf		 err;
	const char		*serr, *start, *end;
	char			**argv;
	int			 argc, r = CMD_OK;

	argc = cmd_split(line, &argv, &serr);
	if (argc < 0) {
		cmd_error(s, "%s", serr);
		return CMD_ERROR;
	}
	if (argc == 0) {
		cmd_free_argv(argv);
		return CMD_OK;
	}
	fw_buf_init(&err);
	if (strcmp(argv[0], "end") == 0) {
		s->collecting = NULL;
	} else if ((e = cmd_lookup(argv[0], &err)) == NULL ||
	    cmd_check_args(NULL, e, argc, argv, &err) != 0) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
		r = CMD_ERROR;
	} else if (e == &cmd_commands_entry) {
		cmd_error(s, "'commands' inside 'commands': end the first "
		    "with 'end'");
		r = CMD_ERROR;
	} else {
		for (start = line; cmd_is_blank(*start); start++)
			;
		for (end = start + strlen(start); end > start &&
		    cmd_is_blank(end[-1]); end--)
			;
		bp->commands = fw_realloc(bp->commands,
		    (size_t)(bp->ncommands + 1) * sizeof *bp->commands);
		bp->commands[bp->ncommands++] = fw_strndup(start,
		    (size_t)(end - start));
	}
	fw_buf_release(&err);
	cmd_free_argv(argv);
	return r;
}

int
cmd_run(struct session *s, const char *line, const char *where)
{
	const struct cmd_entry	*e;
	const char		*saved = cmd_where, *serr;
	struct fw_buf		 err;
	char			**argv;
	int			 argc, r = CMD_ERROR;

	cmd_where = where;
	if (s->collecting != NULL) {
		r = collect(s, line);
		cmd_where = saved;
		return r;
	}
	if ((argc = cmd_split(line, &argv, &serr)) < 0) {
		cmd_error(s, "%s", serr);
		cmd_where = saved;
		return CMD_ERROR;
	}
	fw_buf_init(&err);
	if (argc == 0) {
		r = CMD_OK;
	} else if (strcmp(argv[0], "end") == 0) {
		cmd_error(s, "'end' without 'commands'");
	} else if ((e = cmd_lookup(argv[0], &err)) == NULL ||
	    cmd_check_args(NULL, e, argc, argv, &err) != 0) {
		cmd_error(s, "%s", fw_buf_cstr(&err));
	} else if ((e->flags & CMD_F_STOPS) && !engine_can_stop(&s->eng)) {
		cmd_error(s, "%s needs the ptrace backend: the %s backend never "
		    "stops a task", e->name, engine_backend_name(&s->eng));
	} else if ((e->flags & CMD_F_STOPPED) && s->state == SESS_RUNNING) {
		cmd_error(s, "the tree is running: pause it first");
	} else if ((e->flags & CMD_F_RESUMES) && s->state == SESS_DONE) {
		cmd_error(s, "no traced task is left");
	} else
		r = e->exec(s, argc, argv);
	fw_buf_release(&err);
	cmd_free_argv(argv);
	cmd_where = saved;
	return r;
}

void
cmd_wait(struct session *s)
{
	while (s->state == SESS_RUNNING && !s->quit) {
		session_drive(s, true, s->intr);
		if (s->intr != NULL && *s->intr)
			return;
		if (s->npending > 0)
			cmd_run_pending(s);
	}
}

int
cmd_run_pending(struct session *s)
{
	char	*line;
	int	 r = CMD_OK;

	/* Commands after one that lets the tree run are dropped (as in
	 * gdb); so are those after an error. */
	while (s->npending > 0) {
		line = s->pending[0];
		s->npending--;
		memmove(s->pending, s->pending + 1,
		    (size_t)s->npending * sizeof *s->pending);
		if (r == CMD_OK && s->state != SESS_RUNNING && !s->quit &&
		    cmd_run(s, line, NULL) != CMD_OK)
			r = CMD_ERROR;
		free(line);
	}
	return r;
}

void
cmd_pump(struct session *s, int ms, bool (*done)(struct session *, void *),
    void *arg)
{
	struct pollfd	 pfd;
	double		 end = fw_now() + ms / 1000.0, left;

	for (;;) {
		/* While the user has the tree stopped, nothing restarts:
		 * run the engine alone; else the session decides. */
		if (s->state == SESS_STOPPED && (s->eng.frozen ||
		    s->stop_mode == SESS_STOP_ALL))
			engine_run(&s->eng, false, NULL);
		else
			session_drive(s, false, NULL);
		if (done(s, arg) || engine_live(&s->eng) == 0)
			return;
		if ((left = end - fw_now()) <= 0)
			return;
		pfd.fd = engine_fd(&s->eng);
		pfd.events = POLLIN;
		pfd.revents = 0;
		poll(&pfd, 1, (int)(left * 1000) + 1);
	}
}

