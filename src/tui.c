/* tui.c - the TUI's loop: poll() on the keyboard, the program's pty, the
 * engine's fd and SIGWINCH; drive the session without blocking; draw once
 * per wake-up, at most TUI_FPS times a second while events pour in.
 *
 * The session's hooks only record (the event hook appends to the event
 * ring and marks panes dirty): nothing is drawn while the engine is
 * dispatching, so a storm of events costs the tracees what batch mode
 * costs them plus a few string copies. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "cmd.h"
#include "tui.h"
#include "tui-int.h"

static bool	 term_up;	/* curses is running (hooks may draw) */

void
tui_message(struct tui *ui, unsigned attr, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_attr = attr;
	ui->dirty |= TUI_R_MSG;
}

/* Keep the transcript of command output bounded: drop the oldest half. */
static void
out_trim(struct tui *ui)
{
	const char	*cut;
	size_t		 drop;

	if (ui->out.len <= TUI_OUT_MAX)
		return;
	drop = ui->out.len - TUI_OUT_MAX / 2;
	cut = memchr(ui->out.data + drop, '\n', ui->out.len - drop);
	drop = cut != NULL ? (size_t)(cut - ui->out.data) + 1 : ui->out.len;
	memmove(ui->out.data, ui->out.data + drop, ui->out.len - drop);
	ui->out.len -= drop;
	ui->out.data[ui->out.len] = '\0';
}

/* Session and command output (already escaped): all of it to the
 * transcript ('o'), its last line to the message line; before the screen
 * is up, errors and the output of scripts to the terminal too. */
static void
add_output(struct tui *ui, const char *text, size_t len, bool error)
{
	const char	*end = text + len, *p, *last = NULL, *e;

	if (!term_up && (error || ui->echo))
		fw_write_all(error ? STDERR_FILENO : STDOUT_FILENO, text, len);
	fw_buf_add(&ui->out, text, len);
	out_trim(ui);
	if (ui->capture != NULL)
		fw_buf_add(ui->capture, text, len);
	for (p = text; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		if (e > p)
			last = p;
	}
	if (last != NULL) {
		e = memchr(last, '\n', (size_t)(end - last));
		if (e == NULL)
			e = end;
		snprintf(ui->msg, sizeof ui->msg, "%.*s", (int)(e - last),
		    last);
		ui->msg_attr = error ? TC_RED : 0;
	}
	ui->dirty |= TUI_R_MSG | (ui->detview == DET_OUTPUT ?
	    TUI_R_DETAILS : 0);
}

static void
hook_out(void *arg, const char *text, size_t len)
{
	add_output(arg, text, len, false);
}

static void
hook_err(void *arg, const char *text, size_t len)
{
	add_output(arg, text, len, true);
}

/* hooks.confirm: ask on the message line and wait for y or n. */
static bool
hook_confirm(void *arg, const char *question)
{
	struct tui	*ui = arg;
	struct pollfd	 pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	int		 key;

	if (!term_up)
		return true;
	tui_message(ui, TA_BOLD, "%s (y/n)", question);
	ui->prompt = PROMPT_QUIT;
	tui_draw(ui);
	for (;;) {
		if (tui_quit_signal)
			break;
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		while ((key = tui_read_key()) != TK_NONE) {
			if (key == 'y' || key == 'Y' || key == 'n' ||
			    key == 'N' || key == TK_ESC || key == 0x03) {
				ui->prompt = PROMPT_NONE;
				ui->msg[0] = '\0';
				ui->dirty |= TUI_R_MSG | TUI_R_STATUS;
				return key == 'y' || key == 'Y';
			}
		}
	}
	ui->prompt = PROMPT_NONE;
	return false;
}

static void
hook_suspend(void *arg)
{
	if (term_up)
		tui_term_suspend(arg);
}

static void
hook_resume(void *arg)
{
	if (term_up)
		tui_term_resume(arg);
}

/* hooks.event: record and mark dirty; never draw here. */
static void
hook_event(void *arg, const struct fw_event *ev)
{
	struct tui	*ui = arg;
	const char	*line = NULL;

	if (ui->s.hist_next > 0)
		line = ui->s.hist[(ui->s.hist_next - 1) % SESS_HISTORY].line;
	tui_events_record(ui, ev, line);
	/* The details pane follows once a second (tick) and at stops. */
	ui->dirty |= TUI_R_EVENTS | TUI_R_STATUS | TUI_R_TREE;
}

/* Does the session want the engine driven (tasks may report)? */
static bool
can_drive(const struct tui *ui)
{
	const struct session	*s = &ui->s;

	return ui->live && (s->state == SESS_RUNNING ||
	    (s->state == SESS_STOPPED && s->stop_mode == SESS_STOP_TASK &&
	    !s->eng.frozen));
}

/* After a command or a drive: react to the session's new state. */
unsigned
tui_after_command(struct tui *ui, int was_state)
{
	struct session	*s = &ui->s;
	unsigned	 r = 0;
	int		 rounds;

	if (s->quit)
		return TUI_R_QUIT;
	/* Breakpoint commands run when the tree stops (they may resume). */
	for (rounds = 0; s->state == SESS_STOPPED && s->npending > 0 &&
	    rounds < 100; rounds++) {
		cmd_run_pending(s);
		if (s->quit)
			return TUI_R_QUIT;
	}
	if ((int)s->state != was_state) {
		r |= TUI_R_ALL;
		ui->urgent = true;
		/* A program on our terminal may have written over us. */
		if (ui->ttymode == TTY_INHERIT) {
			tui_repaint();
			r |= TUI_R_LAYOUT;
		}
		if (s->state == SESS_STOPPED && s->stop_pid != 0)
			r |= tui_select_tid(ui, s->stop_pid);
		if (s->state == SESS_DONE && ui->msg[0] == '\0')
			tui_message(ui, 0, "no traced task is left");
	}
	return r;
}

/* Run a console command line; its output lands on the message line, and in
 * the details pane when it is longer than a line and show is set. */
unsigned
tui_run_command(struct tui *ui, const char *line, bool show)
{
	struct fw_buf	 cap;
	int		 was = ui->s.state, lines;
	unsigned	 r;

	if (!ui->live) {
		tui_message(ui, 0, "replay: the trace is not live");
		return TUI_R_MSG;
	}
	fw_buf_init(&cap);
	ui->capture = &cap;
	ui->msg[0] = '\0';
	cmd_run(&ui->s, line, NULL);
	ui->capture = NULL;
	/* The last task may be gone (gdb, detach, kill): say so now. */
	if (ui->s.state == SESS_STOPPED && engine_live(&ui->s.eng) == 0)
		session_drive(&ui->s, false, NULL);
	if (show && (lines = tui_count_lines(cap.data, cap.len)) > 1) {
		/* Show the output from its first line. */
		ui->detview = DET_OUTPUT;
		ui->out_scroll = lines - (ui->pane[PANE_DETAILS].h - 1);
		if (ui->out_scroll < 0)
			ui->out_scroll = 0;
	}
	fw_buf_release(&cap);
	r = tui_after_command(ui, was);
	return r | TUI_R_ALL;
}

/* The engine has something: run it without blocking. */
static unsigned
drive(struct tui *ui)
{
	int	 was = ui->s.state;

	session_drive(&ui->s, false, NULL);
	return tui_after_command(ui, was);
}

static void
tick(struct tui *ui, double now)
{
	double	 dt = now - (ui->next_tick - TUI_TICK);

	if (dt > 0)
		ui->ev_rate = (double)ui->ev_tick / dt;
	ui->ev_tick = 0;
	ui->next_tick = now + TUI_TICK;
	ui->dirty |= TUI_R_STATUS;
	/* /proc states, ages and "new" marks change without events. */
	if (ui->live && engine_live(&ui->s.eng) > 0)
		ui->dirty |= TUI_R_TREE | (ui->detview == DET_INFO ?
		    TUI_R_DETAILS : 0);
	/* A program on our own terminal draws over us: repaint. */
	if (ui->ttymode == TTY_INHERIT && ui->s.state == SESS_RUNNING) {
		tui_repaint();
		ui->dirty |= TUI_R_ALL | TUI_R_LAYOUT;
	}
}

static int
loop(struct tui *ui)
{
	struct pollfd		 pfd[4];
	struct signalfd_siginfo	 ssi;
	int			 n, key, timeout, ipfd, iprog, ieng;
	double			 now, wait;
	unsigned		 r;

	ui->next_tick = fw_now() + TUI_TICK;
	ui->dirty |= TUI_R_ALL | TUI_R_LAYOUT;
	ui->urgent = true;
	for (;;) {
		if (tui_quit_signal)
			return 0;
		now = fw_now();
		if (now >= ui->next_tick)
			tick(ui, now);
		if (ui->dirty != 0 && (ui->urgent ||
		    now - ui->last_draw >= 1.0 / TUI_FPS)) {
			tui_draw(ui);
			ui->last_draw = now;
		}
		wait = ui->next_tick - now;
		if (ui->dirty != 0 && ui->last_draw + 1.0 / TUI_FPS - now < wait)
			wait = ui->last_draw + 1.0 / TUI_FPS - now;
		timeout = wait <= 0 ? 0 : (int)(wait * 1000) + 1;

		n = 0;
		pfd[n++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = ui->winch_fd, .events = POLLIN };
		iprog = ieng = -1;
		if (ui->prog != NULL && tui_prog_fd(ui->prog) >= 0) {
			iprog = n;
			pfd[n++] = (struct pollfd){ .fd = tui_prog_fd(ui->prog),
			    .events = POLLIN };
		}
		if (can_drive(ui)) {
			ieng = n;
			pfd[n++] = (struct pollfd){ .fd = engine_fd(&ui->s.eng),
			    .events = POLLIN };
		}
		if (poll(pfd, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			fw_error(errno, "poll");
			return -1;
		}
		if (ieng >= 0 && pfd[ieng].revents != 0)
			ui->dirty |= drive(ui);
		if (iprog >= 0 && pfd[iprog].revents != 0)
			ui->dirty |= tui_prog_input(ui->prog);
		if (pfd[1].revents != 0) {
			while (read(ui->winch_fd, &ssi, sizeof ssi) > 0)
				;
			tui_term_resize(ui);
			ui->urgent = true;
		}
		ipfd = pfd[0].revents != 0;
		while (ipfd && (key = tui_read_key()) != TK_NONE) {
			r = tui_key(ui, key);
			ui->dirty |= r & ~TUI_R_QUIT;
			ui->urgent = true;
			if (r & TUI_R_QUIT)
				return 0;
			/* A command may have let the tree run. */
			if (can_drive(ui))
				ui->dirty |= drive(ui);
		}
		if (pfd[0].revents & (POLLHUP | POLLERR))
			return 0;
	}
}

static void
ui_init(struct tui *ui, const struct fw_options *o)
{
	memset(ui, 0, sizeof *ui);
	ui->o = o;
	ui->winch_fd = -1;
	ui->other_tty = -1;
	fw_buf_init(&ui->det);
	fw_buf_init(&ui->bt);
	fw_buf_init(&ui->out);
	fw_buf_init(&ui->line);
}

static void
ui_release(struct tui *ui)
{
	int	 i;

	tui_events_release(ui);
	tui_prog_free(ui->prog);
	tui_replay_free(ui->rp);
	fw_buf_release(&ui->det);
	fw_buf_release(&ui->bt);
	fw_buf_release(&ui->out);
	fw_buf_release(&ui->line);
	for (i = 0; i < ui->nhist; i++)
		free(ui->hist[i]);
	free(ui->hist);
	free(ui->search);
	if (ui->winch_fd >= 0)
		close(ui->winch_fd);
	if (ui->other_tty >= 0)
		close(ui->other_tty);
}

/* Where the program's terminal is: the pane (default), ours, or another. */
static int
setup_tty(struct tui *ui)
{
	const char	*tty = ui->o->tty;

	if (ui->o->argv == NULL) {
		ui->ttymode = TTY_NONE;
		return 0;
	}
	if (tty == NULL || strcmp(tty, "pty") == 0) {
		ui->ttymode = TTY_PTY;
		tui_term_size(&ui->rows, &ui->cols);
		/* The pane's size, so the program starts with it. */
		ui->prog = tui_prog_new(1, 1);
		if (ui->prog == NULL) {
			fw_error(errno, "cannot open a pseudo-terminal");
			return -1;
		}
		tui_layout(ui);
		ui->s.eng.opts.launch_tty = tui_prog_slave(ui->prog);
		return 0;
	}
	if (strcmp(tty, "inherit") == 0) {
		ui->ttymode = TTY_INHERIT;
		return 0;
	}
	ui->ttymode = TTY_OTHER;
	ui->other_tty = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (ui->other_tty < 0 || !isatty(ui->other_tty)) {
		fw_error(ui->other_tty < 0 ? errno : ENOTTY,
		    "cannot use %s as the program's terminal", tty);
		return -1;
	}
	ui->s.eng.opts.launch_tty = ui->other_tty;
	return 0;
}

/* The start: check scripts, launch or attach, run the scripts (before the
 * screen is up, so their output and errors read like the console's). Returns
 * -1 to go on to the screen, else forkwatch's exit status. */
static int
start(struct tui *ui)
{
	const struct fw_options	*o = ui->o;
	struct fw_buf		 err;
	int			 r;

	if (o->nscripts > 0) {
		fw_buf_init(&err);
		r = cmd_check_scripts(&ui->s, o->scripts, o->nscripts, &err);
		if (r != 0)
			fw_error(0, "%s", fw_buf_cstr(&err));
		fw_buf_release(&err);
		if (r != 0)
			return FW_EXIT_FAILURE;
	}
	if (setup_tty(ui) != 0)
		return FW_EXIT_FAILURE;
	/* A person is at the keyboard (confirmations ask). The program's
	 * own Ctrl-C on its pty is left alone: the session only takes a
	 * terminal SIGINT as "pause" for tasks in forkwatch's process group. */
	ui->s.interactive = true;
	tui_term_catch();
	ui->s.intr = &tui_quit_signal;
	if ((r = session_start(&ui->s)) != 0)
		return r;
	if (ui->prog != NULL)
		tui_prog_close_slave(ui->prog);
	if (ui->other_tty >= 0) {
		close(ui->other_tty);
		ui->other_tty = -1;
	}
	if (o->nscripts == 0)
		return -1;
	ui->echo = true;
	r = cmd_run_scripts(&ui->s, o->scripts, o->nscripts);
	ui->echo = false;
	if (r == CMD_INTR && tui_quit_signal == SIGINT)
		tui_quit_signal = 0;	/* Ctrl-C: paused; show the tree */
	if (r == CMD_ERROR || tui_quit_signal != 0) {
		/* A quit signal ends the session as q does: the status is
		 * the session's (the log's end line says the same). */
		session_finish(&ui->s);
		if (r == CMD_ERROR)
			ui->s.exit_status = FW_EXIT_FAILURE;
		return ui->s.exit_status;
	}
	if (ui->s.quit) {
		session_finish(&ui->s);
		return ui->s.exit_status;
	}
	return -1;
}

int
tui_main(const struct fw_options *o)
{
	static struct tui	 ui;
	struct session_hooks	 hooks = {
		.out = hook_out, .err = hook_err, .confirm = hook_confirm,
		.suspend = hook_suspend, .resume = hook_resume,
		.event = hook_event, .arg = &ui,
	};
	int			 r, status;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fw_error(0, "the TUI needs a terminal (use --console or "
		    "--batch)");
		return FW_EXIT_FAILURE;
	}
	ui_init(&ui, o);
	ui.live = true;
	if (session_init(&ui.s, o, &hooks) != 0) {
		ui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	ui.tasks = &ui.s.eng.tasks;
	tui_events_init(&ui);
	if ((status = start(&ui)) >= 0 || tui_term_init(&ui) != 0) {
		if (status < 0)
			status = FW_EXIT_FAILURE;
		session_finish(&ui.s);
		status = session_log_end(&ui.s, status);
		session_release(&ui.s);
		ui_release(&ui);
		return status;
	}
	term_up = true;
	tui_select_tid(&ui, ui.s.stop_pid != 0 ? ui.s.stop_pid :
	    ui.s.eng.root);
	if (ui.msg[0] == '\0')
		tui_message(&ui, 0, "stopped at the start: n steps, c "
		    "continues, ? shows the keys");
	r = loop(&ui);
	term_up = false;
	tui_term_end();
	if (engine_live(&ui.s.eng) > 0)
		session_finish(&ui.s);
	/* After SIGTERM, SIGHUP, SIGINT or SIGQUIT too: the tree was
	 * finished as by q (attach: detached, 0; launch: the root's status),
	 * and the log's end line says the same. */
	status = r < 0 ? FW_EXIT_FAILURE : ui.s.exit_status;
	status = session_log_end(&ui.s, status);
	session_release(&ui.s);
	ui_release(&ui);
	return status;
}

int
tui_replay_main(const struct fw_options *o)
{
	static struct tui	 ui;
	int			 r;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fw_error(0, "--replay needs a terminal (for a summary of a "
		    "log, see forkwatch report)");
		return FW_EXIT_FAILURE;
	}
	ui_init(&ui, o);
	ui.live = false;
	ui.ttymode = TTY_NONE;
	tui_events_init(&ui);
	if ((ui.rp = tui_replay_load(&ui, o->replay)) == NULL) {
		ui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	ui.tasks = tui_replay_tasks(ui.rp);
	if (tui_term_init(&ui) != 0) {
		ui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	term_up = true;
	if (tui_replay_count(ui.rp) > 0) {
		tui_replay_event(&ui, 0, &(enum fw_event_kind){ 0 },
		    &ui.sel_tid, &(pid_t){ 0 }, NULL);
		tui_message(&ui, 0, "replay of %zu events: -> and <- move the "
		    "time cursor, ? shows the keys",
		    tui_replay_count(ui.rp));
	} else {
		tui_message(&ui, 0, "the log has no events");
	}
	r = loop(&ui);
	term_up = false;
	tui_term_end();
	ui_release(&ui);
	return r < 0 ? FW_EXIT_FAILURE : 0;
}
