/* console.c - the readline front end. One loop: while the tree runs it
 * drives the session (Ctrl-C pauses); while the user has control it shows
 * the prompt, and in task-stop mode keeps taking engine events meanwhile
 * (readline's callback interface, poll() on stdin and the engine's fd),
 * announcing stops above the line being typed. Input that is not a
 * terminal is read line by line without readline and echoed after the
 * prompt, so a transcript reads like a session. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "console.h"
#include "session.h"
#include "sigctl.h"

#define PROMPT		"(fw) "
#define PROMPT_MORE	">"
#define HISTORY_MAX	1000

struct console {
	struct session	 s;
	bool		 tty_in;	/* stdin is a terminal: readline */
	bool		 batch;		/* --batch with -x/-e: no prompt */
	bool		 rl_on;		/* the readline handler is installed */
	bool		 got_line;	/* readline handed over a line (or EOF) */
	char		*line;		/* that line; NULL at EOF */
	char		*saved;		/* a line being typed when commands
					 * had to run in between */
	char		*last;		/* last step/continue (empty line) */
	char		*histfile;
	struct fw_buf	 in;		/* input without a terminal */
	bool		 in_eof;
	char		**cands;	/* completion candidates */
	size_t		 cand_next;
};

/* readline's callbacks take no argument. */
static struct console	*the_console;

/* Write text, keeping a prompt that is on the screen intact. */
static void
con_write(struct console *c, int fd, const char *text, size_t len)
{
	if (c->rl_on) {
		/* readline writes through stdio: flush its clearing before
		 * our text, then redraw the prompt and line below it. */
		rl_clear_visible_line();
		fflush(rl_outstream != NULL ? rl_outstream : stdout);
		fw_write_all(fd, text, len);
		rl_on_new_line();
		rl_redisplay();
	} else
		fw_write_all(fd, text, len);
}

static void
hook_out(void *arg, const char *text, size_t len)
{
	con_write(arg, STDOUT_FILENO, text, len);
}

static void
hook_err(void *arg, const char *text, size_t len)
{
	con_write(arg, STDERR_FILENO, text, len);
}

/* A yes/no question on the terminal (commands run without readline's
 * handler, with the terminal in its normal mode). Ctrl-C, or any signal
 * that ends forkwatch, answers no (the latter stays pending for the
 * prompt loop, which then ends the session); end of input answers yes. */
static bool
hook_confirm(void *arg, const char *question)
{
	struct console	*c = arg;
	struct pollfd	 pfd[2];
	char		 ch, first;
	ssize_t		 n;
	bool		 any, from_user;

	(void)c;
	for (;;) {
		fprintf(stdout, "%s (y or n) ", question);
		fflush(stdout);
		first = 0;
		any = false;
		for (;;) {
			/* Wait for input or a signal for us (its self-pipe:
			 * one that came just before would not interrupt a
			 * read). EINTR without one (the engine's flush
			 * timer, say): wait on. */
			pfd[0].fd = STDIN_FILENO;
			pfd[0].events = POLLIN;
			pfd[1].fd = sigctl_fd();
			pfd[1].events = POLLIN;
			if (!sigctl_pending && poll(pfd, 2, -1) < 0 &&
			    errno == EINTR && !sigctl_pending)
				continue;
			if (sigctl_pending) {
				n = -1;
				errno = EINTR;
				break;
			}
			n = read(STDIN_FILENO, &ch, 1);
			if (n < 0 && errno == EINTR && !sigctl_pending)
				continue;
			if (n != 1 || ch == '\n')
				break;
			if (!any && ch != ' ' && ch != '\t') {
				first = ch;
				any = true;
			}
		}
		if (n < 0 && errno == EINTR) {
			if (sigctl_peek() == SIGINT)
				sigctl_take(&from_user);
			fputs("\n[interrupted: no]\n", stdout);
			return false;
		}
		if (n <= 0) {
			fputs("[end of input: yes]\n", stdout);
			return true;
		}
		if (first == 'y' || first == 'Y')
			return true;
		if (first == 'n' || first == 'N')
			return false;
		fputs("Please answer y or n.\n", stdout);
	}
}

static void
rl_off(struct console *c)
{
	if (!c->rl_on)
		return;
	rl_callback_handler_remove();
	c->rl_on = false;
}

static void
hook_suspend(void *arg)
{
	rl_off(arg);
}

static void
hook_resume(void *arg)
{
	(void)arg;
}

static void
line_handler(char *line)
{
	struct console	*c = the_console;

	c->line = line;
	c->got_line = true;
	/* The line is done: take the handler (and its prompt) away until
	 * the next prompt. */
	rl_callback_handler_remove();
	c->rl_on = false;
}

/* --- completion ----------------------------------------------------- */

static char *
cand_gen(const char *text, int state)
{
	struct console	*c = the_console;

	(void)text;
	if (state == 0)
		c->cand_next = 0;
	if (c->cands == NULL || c->cands[c->cand_next] == NULL)
		return NULL;
	return strdup(c->cands[c->cand_next++]);
}

static char **
complete(const char *text, int start, int end)
{
	struct console	*c = the_console;
	char		**matches;
	int		 argi = 0, i;
	bool		 inword = false;

	(void)end;
	for (i = 0; i < start; i++) {
		if (rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t') {
			if (inword)
				argi++;
			inword = false;
		} else
			inword = true;
	}
	if (inword)
		argi++;
	if (cmd_complete_kind(rl_line_buffer, argi) == CMDARG_FILE)
		return NULL;	/* readline completes file names */
	rl_attempted_completion_over = 1;
	c->cands = cmd_complete(&c->s, rl_line_buffer, argi, text);
	matches = rl_completion_matches(text, cand_gen);
	cmd_free_argv(c->cands);
	c->cands = NULL;
	return matches;
}

/* --- history -------------------------------------------------------- */

/* $XDG_STATE_HOME/forkwatch/history, else ~/.forkwatch_history. */
static char *
history_path(void)
{
	const char	*xdg = getenv("XDG_STATE_HOME"), *home;
	struct fw_buf	 b;

	fw_buf_init(&b);
	if (xdg != NULL && xdg[0] == '/') {
		mkdir(xdg, 0700);
		fw_buf_printf(&b, "%s/forkwatch", xdg);
		mkdir(b.data, 0700);
		fw_buf_adds(&b, "/history");
	} else if ((home = getenv("HOME")) != NULL && home[0] != '\0')
		fw_buf_printf(&b, "%s/.forkwatch_history", home);
	return b.data;
}

static void
history_start(struct console *c)
{
	using_history();
	stifle_history(HISTORY_MAX);
	if ((c->histfile = history_path()) != NULL)
		read_history(c->histfile);
}

static void
history_add(struct console *c, const char *line)
{
	HIST_ENTRY	*h;

	if (!c->tty_in || line[strspn(line, " \t")] == '\0')
		return;
	h = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (h == NULL || strcmp(h->line, line) != 0)
		add_history(line);
}

/* --- input ---------------------------------------------------------- */

static const char *
prompt_of(struct console *c)
{
	return c->s.collecting != NULL ? PROMPT_MORE : PROMPT;
}

static void
rl_on(struct console *c)
{
	if (c->rl_on)
		return;
	rl_callback_handler_install(prompt_of(c), line_handler);
	c->rl_on = true;
	if (c->saved != NULL) {
		rl_insert_text(c->saved);
		rl_redisplay();
		free(c->saved);
		c->saved = NULL;
	}
}

/* A complete line of non-terminal input, or NULL. */
static char *
buffered_line(struct console *c)
{
	char	*nl, *line;
	size_t	 n;

	if (c->in.len == 0)
		return NULL;
	nl = memchr(c->in.data, '\n', c->in.len);
	if (nl == NULL && !c->in_eof)
		return NULL;
	n = nl != NULL ? (size_t)(nl - c->in.data) : c->in.len;
	line = fw_strndup(c->in.data, n);
	if (nl != NULL)
		n++;
	memmove(c->in.data, c->in.data + n, c->in.len - n);
	c->in.len -= n;
	c->in.data[c->in.len] = '\0';
	return line;
}

/* The engine must be heard at the prompt: task-stop mode with tasks
 * running. */
static bool
engine_awake(struct console *c)
{
	return c->s.state == SESS_STOPPED && c->s.stop_mode ==
	    SESS_STOP_TASK && !c->s.eng.frozen && engine_live(&c->s.eng) > 0;
}

enum input {
	IN_LINE,	/* *linep is a line to run */
	IN_EOF,
	IN_WAKE,	/* the session changed: look at it again */
};

/* A signal at the prompt: Ctrl-C drops the line being typed, Ctrl-Z stops
 * forkwatch until fg; the others end forkwatch. */
static enum input
prompt_signal(struct console *c)
{
	bool	 from_user;
	int	 sig = sigctl_take(&from_user);

	if (sig == 0)
		return IN_WAKE;
	if (sig == SIGTSTP) {
		/* Ctrl-Z: forkwatch stops, the tree stays as it is (stopped);
		 * the shell's fg continues both (its SIGCONT also takes the
		 * terminal's SIGTSTP out of the tasks' queues). The line being
		 * typed comes back. */
		if (c->rl_on) {
			free(c->saved);
			c->saved = rl_end > 0 ? rl_copy_text(0, rl_end) : NULL;
			rl_clear_visible_line();
			rl_off(c);
		}
		sigctl_suspend_self();
		return IN_WAKE;
	}
	if (sig != SIGINT) {
		session_finish(&c->s);
		c->s.quit = true;
		return IN_WAKE;
	}
	if (c->tty_in && c->rl_on) {
		rl_free_line_state();
		rl_callback_sigcleanup();
		rl_replace_line("", 0);
		fw_write_all(STDOUT_FILENO, "^C\n", 3);
		rl_off(c);
		free(c->saved);
		c->saved = NULL;
	}
	c->s.collecting = NULL;
	return IN_WAKE;
}

/* Wait for a line, taking engine events meanwhile when they matter. */
static enum input
read_input(struct console *c, char **linep)
{
	struct pollfd	 pfd[3];
	char		 chunk[4096];
	ssize_t		 n;
	int		 npfd, ieng;

	*linep = NULL;
	for (;;) {
		/* A signal that came while a command ran (Ctrl-C during a
		 * long "bt", say) is taken here, not by the next drive. */
		if (sigctl_pending)
			return prompt_signal(c);
		if (!c->tty_in && (*linep = buffered_line(c)) != NULL)
			return IN_LINE;
		if (!c->tty_in && c->in_eof)
			return IN_EOF;
		if (c->tty_in)
			rl_on(c);
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		/* A signal that came after the check above would not
		 * interrupt poll(): its self-pipe wakes it. */
		pfd[1].fd = sigctl_fd();
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		npfd = 2;
		ieng = -1;
		if (engine_awake(c)) {
			ieng = npfd++;
			pfd[ieng].fd = engine_fd(&c->s.eng);
			pfd[ieng].events = POLLIN;
			pfd[ieng].revents = 0;
		}
		if (poll(pfd, (nfds_t)npfd, -1) < 0) {
			if (errno == EINTR && sigctl_pending)
				return prompt_signal(c);
			continue;
		}
		if (sigctl_pending)
			return prompt_signal(c);
		if (ieng >= 0 && pfd[ieng].revents != 0) {
			session_drive(&c->s, false, NULL);
			if (c->s.npending > 0 || c->s.state != SESS_STOPPED) {
				/* Breakpoint commands run now; keep what
				 * was being typed. */
				if (c->rl_on) {
					free(c->saved);
					c->saved = rl_end > 0 ?
					    rl_copy_text(0, rl_end) : NULL;
					rl_clear_visible_line();
					rl_off(c);
				}
				return IN_WAKE;
			}
		}
		if (pfd[0].revents == 0)
			continue;
		if (c->tty_in) {
			rl_callback_read_char();
			if (c->got_line) {
				c->got_line = false;
				*linep = c->line;
				c->line = NULL;
				return *linep != NULL ? IN_LINE : IN_EOF;
			}
			continue;
		}
		n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			c->in_eof = true;
		else
			fw_buf_add(&c->in, chunk, (size_t)n);
	}
}

/* --- the loops ------------------------------------------------------ */

/* A signal while the tree ran: it has been paused (session_drive); Ctrl-Z
 * then stops forkwatch until fg; the others but Ctrl-C end forkwatch. */
static void
running_signal(struct console *c)
{
	bool	 from_user;
	int	 sig = sigctl_take(&from_user);

	if (sig == SIGTSTP) {
		/* Ctrl-Z: the tree is paused; forkwatch stops until fg. */
		sigctl_suspend_self();
		return;
	}
	if (sig != 0 && sig != SIGINT) {
		session_finish(&c->s);
		c->s.quit = true;
	}
}

/* Is line (a step or continue, without arguments or with) one that an
 * empty line repeats? */
static bool
repeatable(const char *line)
{
	char		**argv;
	const char	*err;
	const struct cmd_entry *e;
	bool		 r = false;

	if (cmd_split(line, &argv, &err) > 0 &&
	    (e = cmd_find(argv[0])) != NULL &&
	    (strcmp(e->name, "step") == 0 || strcmp(e->name, "continue") == 0))
		r = true;
	cmd_free_argv(argv);
	return r;
}

static void
prompt_loop(struct console *c)
{
	struct session	*s = &c->s;
	enum input	 in;
	char		*line;

	while (!s->quit) {
		if (s->state == SESS_RUNNING) {
			cmd_wait(s);
			if (sigctl_pending)
				running_signal(c);
			continue;
		}
		/* Take what happened meanwhile: the last task gone, events
		 * of running tasks in task-stop mode. */
		session_drive(s, false, NULL);
		if (s->npending > 0) {
			cmd_run_pending(s);
			continue;
		}
		if (s->state == SESS_RUNNING)
			continue;
		in = read_input(c, &line);
		if (in == IN_WAKE)
			continue;
		if (in == IN_EOF) {
			if (c->tty_in)
				fw_write_all(STDOUT_FILENO, "quit\n", 5);
			cmd_run(s, "quit", NULL);
			if (!c->tty_in)
				s->quit = true;
			continue;
		}
		if (!c->tty_in) {
			/* A transcript: the prompt and what was read. */
			fw_write_all(STDOUT_FILENO, prompt_of(c),
			    strlen(prompt_of(c)));
			fw_write_all(STDOUT_FILENO, line, strlen(line));
			fw_write_all(STDOUT_FILENO, "\n", 1);
		}
		if (c->tty_in && line[strspn(line, " \t")] == '\0' &&
		    c->last != NULL && s->collecting == NULL) {
			free(line);
			line = fw_strdup(c->last);
		}
		history_add(c, line);
		if (s->collecting == NULL && repeatable(line)) {
			free(c->last);
			c->last = fw_strdup(line);
		}
		cmd_run(s, line, NULL);
		free(line);
	}
}

/* A signal in batch mode acts as in batch mode: attached, forkwatch
 * detaches; launched, a terminal's signal is the program's own (it got it
 * too) and one sent to forkwatch with kill(1) is passed to the program. */
static void
batch_signal(struct console *c)
{
	struct session	*s = &c->s;
	bool		 from_user;
	int		 sig = sigctl_take(&from_user);

	if (sig == 0)
		return;
	if (!s->eng.launched) {
		if (!s->opts->quiet)
			fw_error(0, "%s: detaching from %zu tasks",
			    strsignal(sig), engine_live(&s->eng));
		engine_detach_all(&s->eng);
	} else if (from_user && !s->eng.root_done)
		kill(s->eng.root, sig);
}

/* Batch mode after the scripts: the tree runs to its end; a breakpoint's
 * commands run and then the tree goes on. */
static void
batch_loop(struct console *c)
{
	struct session	*s = &c->s;

	while (!s->quit && s->state != SESS_DONE) {
		if (s->state == SESS_STOPPED) {
			s->step_left = 0;
			s->step_pid = 0;
			session_resume(s);
		}
		cmd_wait(s);
		if (sigctl_pending)
			batch_signal(c);
	}
}

int
console_main(const struct fw_options *o)
{
	struct console		 c;
	struct session_hooks	 hooks;
	struct fw_buf		 err;
	int			 r, status;

	memset(&c, 0, sizeof c);
	the_console = &c;
	fw_buf_init(&c.in);
	setlocale(LC_CTYPE, "");
	c.batch = o->mode == FW_MODE_BATCH;
	c.tty_in = !c.batch && isatty(STDIN_FILENO);
	memset(&hooks, 0, sizeof hooks);
	hooks.out = hook_out;
	hooks.err = hook_err;
	hooks.confirm = hook_confirm;
	hooks.suspend = hook_suspend;
	hooks.resume = hook_resume;
	hooks.arg = &c;
	if (session_init(&c.s, o, &hooks) != 0) {
		session_release(&c.s);
		return FW_EXIT_FAILURE;
	}
	c.s.interactive = c.tty_in;
	c.s.plain = !isatty(STDOUT_FILENO);
	c.s.intr = &sigctl_pending;
	sigctl_install(o->argv == NULL);

	/* Every line of every script is checked before anything runs. */
	fw_buf_init(&err);
	if (o->nscripts > 0 && cmd_check_scripts(&c.s, o->scripts,
	    o->nscripts, &err) != 0) {
		fprintf(stderr, "%s\n", fw_buf_cstr(&err));
		fw_buf_release(&err);
		session_release(&c.s);
		return FW_EXIT_FAILURE;
	}
	fw_buf_release(&err);
	if ((status = session_start(&c.s)) != 0) {
		session_finish(&c.s);
		session_release(&c.s);
		return status;
	}
	if (c.tty_in) {
		rl_readline_name = "forkwatch";
		rl_catch_signals = 0;
		rl_basic_word_break_characters = " \t\n";
		rl_attempted_completion_function = complete;
		history_start(&c);
	}
	r = cmd_run_scripts(&c.s, o->scripts, o->nscripts);
	if (r == CMD_INTR && c.batch)
		batch_signal(&c);
	else if (r == CMD_INTR)
		running_signal(&c);
	if (r == CMD_ERROR) {
		/* Nothing is left stopped: kill or detach. */
		session_finish(&c.s);
		c.s.exit_status = FW_EXIT_FAILURE;
	} else if (c.batch)
		batch_loop(&c);
	else
		prompt_loop(&c);
	rl_off(&c);
	session_finish(&c.s);
	status = session_log_end(&c.s, c.s.exit_status);
	if (c.tty_in && c.histfile != NULL)
		write_history(c.histfile);
	free(c.histfile);
	free(c.last);
	free(c.saved);
	fw_buf_release(&c.in);
	session_release(&c.s);
	the_console = NULL;
	return status;
}
