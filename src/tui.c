/* tui.c - the TUI's loop: poll() on the keyboard, the program's pty, the
 * source's fd (the engine's, live) and SIGWINCH; let the source work
 * without blocking; draw once per wake-up, at most TUI_FPS times a second
 * while events pour in. Also the two ways in: a live trace (tui_main) and
 * a saved log (tui_replay_main), which choose the source once. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "tui.h"
#include "tui-int.h"

/* A y/n question in the middle of a command (the session's confirm hook):
 * asked on the message line like q's, answered at once. */
static bool
confirm(struct tui *ui, const char *question)
{
	struct pollfd	 pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	int		 key;

	if (!ui->screen_up)
		return true;
	tui_message(ui, TA_BOLD, "%s (y/n)", question);
	ui->prompt = PROMPT_YESNO;
	ui->dirty |= TUI_R_MSG | TUI_R_STATUS;
	tui_draw(ui);
	for (;;) {
		if (tui_quit_signal)
			break;
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		while ((key = tui_read_key(ui)) != TK_NONE) {
			switch (key) {
			case 'y':
			case 'Y':
				ui->prompt = PROMPT_NONE;
				ui->msg[0] = '\0';
				ui->dirty |= TUI_R_MSG | TUI_R_STATUS;
				return true;
			case 'n':
			case 'N':
			case TK_ESC:
			case TK_ENTER:
			case TK_CTRL_C:
			case TK_CTRL_G:
				ui->prompt = PROMPT_NONE;
				ui->msg[0] = '\0';
				ui->dirty |= TUI_R_MSG | TUI_R_STATUS;
				return false;
			}
		}
	}
	ui->prompt = PROMPT_NONE;
	return false;
}

static void
suspend(struct tui *ui)
{
	if (ui->screen_up)
		tui_term_suspend(ui);
}

static void
resume(struct tui *ui)
{
	if (ui->screen_up)
		tui_term_resume(ui);
}

static int
loop(struct tui *ui)
{
	const struct tui_source	*src = ui->src;
	struct pollfd		 pfd[4];
	struct signalfd_siginfo	 ssi;
	int			 n, key, timeout, ipfd, iprog, isrc, fd;
	double			 now, wait;
	unsigned		 r;

	ui->next_tick = fw_now() + TUI_TICK;
	ui->dirty |= TUI_R_ALL | TUI_R_LAYOUT;
	ui->urgent = true;
	for (;;) {
		if (tui_quit_signal)
			return 0;
		now = fw_now();
		if (now >= ui->next_tick) {
			ui->next_tick = now + TUI_TICK;
			if (src->tick != NULL)
				ui->dirty |= src->tick(ui);
		}
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
		iprog = isrc = -1;
		if (ui->prog != NULL && tui_prog_fd(ui->prog) >= 0) {
			iprog = n;
			pfd[n++] = (struct pollfd){ .fd = tui_prog_fd(ui->prog),
			    .events = POLLIN };
		}
		if (src->poll_fd != NULL && (fd = src->poll_fd(ui)) >= 0) {
			isrc = n;
			pfd[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
		}
		if (poll(pfd, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			fw_error(errno, "poll");
			return -1;
		}
		if (isrc >= 0 && pfd[isrc].revents != 0) {
			r = src->ready(ui);
			ui->dirty |= r & ~TUI_R_QUIT;
			if (r & TUI_R_QUIT)
				return 0;
		}
		if (iprog >= 0 && pfd[iprog].revents != 0)
			ui->dirty |= tui_prog_input(ui->prog);
		if (pfd[1].revents != 0) {
			while (read(ui->winch_fd, &ssi, sizeof ssi) > 0)
				;
			tui_term_resize(ui);
			ui->urgent = true;
		}
		ipfd = pfd[0].revents != 0;
		while (ipfd && (key = tui_read_key(ui)) != TK_NONE) {
			r = tui_key(ui, key);
			ui->dirty |= r & ~TUI_R_QUIT;
			ui->urgent = true;
			if (r & TUI_R_QUIT)
				return 0;
			/* A command may have let the tree run. */
			if (src->after_keys != NULL) {
				r = src->after_keys(ui);
				ui->dirty |= r & ~TUI_R_QUIT;
				if (r & TUI_R_QUIT)
					return 0;
			}
		}
		if (pfd[0].revents & (POLLHUP | POLLERR))
			return 0;
	}
}

/* Where the program's terminal is: the pane (default), ours, or another.
 * Returns the fd the program gets (-1: ours, or no program), or -2 after
 * an error. */
static int
setup_tty(struct tui *ui, int *other)
{
	const char	*tty = ui->o->tty;

	*other = -1;
	if (ui->o->argv == NULL)
		return -1;
	if (tty == NULL || strcmp(tty, "pty") == 0) {
		tui_term_size(&ui->rows, &ui->cols);
		/* The pane's size, so the program starts with it. */
		ui->prog = tui_prog_new(1, 1, ui->scrollback);
		if (ui->prog == NULL) {
			fw_error(errno, "cannot open a pseudo-terminal");
			return -2;
		}
		tui_layout(ui);
		return tui_prog_slave(ui->prog);
	}
	if (strcmp(tty, "inherit") == 0)
		return -1;
	*other = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*other < 0 || !isatty(*other)) {
		fw_error(*other < 0 ? errno : ENOTTY,
		    "cannot use %s as the program's terminal", tty);
		if (*other >= 0)
			close(*other);
		return -2;
	}
	return *other;
}

int
tui_main(const struct fw_options *o)
{
	static struct tui		 ui;
	static const struct tui_live_hooks th = {
		.confirm = confirm, .suspend = suspend, .resume = resume,
	};
	int				 r, status, tty, other;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fw_error(0, "the TUI needs a terminal (use --console or "
		    "--batch)");
		return FW_EXIT_FAILURE;
	}
	tui_init(&ui, o);
	if (tui_live_open(&ui, &th) != 0) {
		tui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	/* Check the scripts, launch or attach, run the scripts (before the
	 * screen is up, so their output and errors read like the
	 * console's). */
	if ((status = tui_live_check(&ui)) != 0 ||
	    (tty = setup_tty(&ui, &other)) == -2) {
		tui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	status = tui_live_start(&ui, tty);
	if (ui.prog != NULL)
		tui_prog_close_slave(ui.prog);
	if (other >= 0)
		close(other);
	if (status != 0 || (status = tui_live_scripts(&ui)) >= 0 ||
	    tui_term_init(&ui) != 0) {
		if (status < 0)
			status = FW_EXIT_FAILURE;
		status = tui_live_finish(&ui, status);
		tui_release(&ui);
		return status;
	}
	ui.screen_up = true;
	tui_select_tid(&ui, tui_live_first(&ui));
	if (ui.msg[0] == '\0')
		tui_message(&ui, 0, "stopped at the start: n steps, c "
		    "continues, ? shows the keys");
	r = loop(&ui);
	ui.screen_up = false;
	tui_term_end();
	status = tui_live_finish(&ui, r < 0 ? FW_EXIT_FAILURE : -1);
	tui_release(&ui);
	return status;
}

int
tui_replay_main(const struct fw_options *o)
{
	static struct tui	 ui;
	char			 spec[32];
	int			 r;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fw_error(0, "--replay needs a terminal (for a summary of a "
		    "log, see forkwatch report)");
		return FW_EXIT_FAILURE;
	}
	tui_init(&ui, o);
	if (tui_replay_open(&ui, o->replay) != 0) {
		tui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	if (tui_term_init(&ui) != 0) {
		tui_release(&ui);
		return FW_EXIT_FAILURE;
	}
	ui.screen_up = true;
	if (tui_replay_count(&ui) > 0) {
		/* Following a log being written: at its newest event. */
		snprintf(spec, sizeof spec, "%zu", o->follow ?
		    tui_replay_count(&ui) : 1);
		ui.dirty |= ui.src->go(&ui, spec);
		tui_message(&ui, 0, "replay of %zu events: -> and <- move the "
		    "time cursor, ? shows the keys", tui_replay_count(&ui));
	} else {
		tui_message(&ui, 0, "the log has no events");
	}
	r = loop(&ui);
	ui.screen_up = false;
	tui_term_end();
	tui_release(&ui);
	return r < 0 ? FW_EXIT_FAILURE : 0;
}
