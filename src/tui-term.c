/* tui-term.c - the terminal under the TUI: curses start and end, keys and
 * the mouse wheel, and the guarantee that the terminal is restored on every
 * way out: a normal end, exit() from anywhere (atexit), a crash signal
 * (restore, then die of the signal), a quit signal (the loop ends
 * cleanly), and gdb taking over. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include "tui-int.h"
#include "tui-curses.h"

volatile sig_atomic_t	 tui_quit_signal;

static bool		 term_active;	/* curses owns the terminal */
static bool		 have_tio;
static struct termios	 saved_tio;	/* the terminal as we found it */
static char		 restore_seq[128];	/* leave alt screen, show cursor */
static size_t		 restore_len;
static bool		 atexit_done;

static const int crash_sigs[] = {
	SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS,
};
static const int quit_sigs[] = {
	SIGTERM, SIGHUP, SIGINT, SIGQUIT,
};

/* Append a terminfo string capability to the crash restore sequence. */
static void
add_restore_cap(const char *name)
{
	char	*s = tigetstr(name);
	size_t	 n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n >= sizeof restore_seq)
		return;
	memcpy(restore_seq + restore_len, s, n);
	restore_len += n;
}

/* A crash: put the terminal back with async-signal-safe calls only, then
 * die of the same signal (SA_RESETHAND restored the default action). */
static void
crash_handler(int sig)
{
	int	 e = errno;
	ssize_t	 n = 0;

	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	if (restore_len > 0)
		n = write(STDOUT_FILENO, restore_seq, restore_len);
	(void)n;
	errno = e;
	raise(sig);
}

static void
quit_handler(int sig)
{
	tui_quit_signal = sig;
}

/* Catch the signals that end the TUI (and Ctrl-C while scripts run, before
 * the screen is up): the loop, or a command driving the tree, sees
 * tui_quit_signal. No SA_RESTART, so waits return. */
void
tui_term_catch(void)
{
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = quit_handler;
	for (i = 0; i < FW_ARRAY_SIZE(quit_sigs); i++)
		sigaction(quit_sigs[i], &sa, NULL);
}

static void
term_atexit(void)
{
	tui_term_end();
}

void
tui_term_size(int *rows, int *cols)
{
	struct winsize	 ws;

	*rows = 24;
	*cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

/* Block SIGWINCH and read it from a signalfd, so the poll loop sees
 * resizes next to keys and tracee activity (and curses' own handler, which
 * would interrupt ptrace waits, never runs). */
static int
winch_open(void)
{
	sigset_t	 set;

	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

static void
winch_block(bool block)
{
	sigset_t	 set;

	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

int
tui_term_init(struct tui *ui)
{
	struct sigaction	 sa;
	size_t			 i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fw_error(0, "the TUI needs a terminal (use --console or "
		    "--batch)");
		return -1;
	}
	/* LC_CTYPE only: numbers in logs must keep their decimal point. */
	setlocale(LC_CTYPE, "");
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = true;
	if (newterm(NULL, stdout, stdin) == NULL) {
		fw_error(0, "cannot use the terminal (TERM=%s)",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		return -1;
	}
	term_active = true;
	if (!atexit_done) {
		atexit(term_atexit);
		atexit_done = true;
	}
	restore_len = 0;
	add_restore_cap("sgr0");
	add_restore_cap("cnorm");
	add_restore_cap("rmkx");
	add_restore_cap("rmcup");

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = crash_handler;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < FW_ARRAY_SIZE(crash_sigs); i++)
		sigaction(crash_sigs[i], &sa, NULL);
	tui_term_catch();

	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* The wheel only: clicks are left to the terminal where it can. */
	mouseinterval(0);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	tui_curses_colors();
	if ((ui->winch_fd = winch_open()) < 0) {
		tui_term_end();
		fw_error(errno, "signalfd");
		return -1;
	}
	tui_term_resize(ui);
	return 0;
}

void
tui_term_end(void)
{
	if (!term_active)
		return;
	term_active = false;
	curs_set(1);
	endwin();
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
}

/* Give the terminal away (gdb) until tui_term_resume(). */
void
tui_term_suspend(struct tui *ui)
{
	(void)ui;
	if (!term_active)
		return;
	def_prog_mode();
	endwin();
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	winch_block(false);
}

void
tui_term_resume(struct tui *ui)
{
	struct signalfd_siginfo	 ssi;

	if (!term_active)
		return;
	winch_block(true);
	while (read(ui->winch_fd, &ssi, sizeof ssi) > 0)
		;
	reset_prog_mode();
	tui_term_resize(ui);
	clearok(curscr, TRUE);
	ui->dirty |= TUI_R_ALL | TUI_R_LAYOUT;
	ui->urgent = true;
}

/* Take the terminal's current size. The terminal may have moved or kept
 * text of its own when it changed (a shrink reflows or scrolls it), so
 * what curses believes is on the screen is thrown away: the next flush
 * sends all of it. */
void
tui_term_resize(struct tui *ui)
{
	int	 rows, cols;

	tui_term_size(&rows, &cols);
	if (term_active && (rows != LINES || cols != COLS)) {
		resize_term(rows, cols);
		clearok(curscr, TRUE);
	}
	ui->rows = rows;
	ui->cols = cols;
	ui->dirty |= TUI_R_ALL | TUI_R_LAYOUT;
}

int
tui_read_key(struct tui *ui)
{
	MEVENT	 me;
	wint_t	 wc;
	int	 r = get_wch(&wc);

	if (r == ERR)
		return TK_NONE;
	if (r == KEY_CODE_YES) {
		switch (wc) {
		case KEY_UP:		return TK_UP;
		case KEY_DOWN:		return TK_DOWN;
		case KEY_LEFT:		return TK_LEFT;
		case KEY_RIGHT:		return TK_RIGHT;
		case KEY_PPAGE:		return TK_PGUP;
		case KEY_NPAGE:		return TK_PGDN;
		case KEY_HOME:		return TK_HOME;
		case KEY_END:		return TK_END;
		case KEY_BACKSPACE:	return TK_BS;
		case KEY_DC:		return TK_DEL;
		case KEY_IC:		return TK_INS;
		case KEY_BTAB:		return TK_BTAB;
		case KEY_ENTER:		return TK_ENTER;
		case KEY_MOUSE:
			if (getmouse(&me) != OK)
				return TK_NONE;
			ui->mouse_y = me.y;
			ui->mouse_x = me.x;
			if (me.bstate & BUTTON4_PRESSED)
				return TK_WHEEL_UP;
			if (me.bstate & BUTTON5_PRESSED)
				return TK_WHEEL_DOWN;
			return TK_NONE;
		default:
			if (wc >= KEY_F(1) && wc <= KEY_F(12))
				return TK_F1 + (int)(wc - KEY_F(1));
			return TK_NONE;
		}
	}
	if (wc == '\n')
		return TK_ENTER;
	if (wc == 0x7f)
		return TK_BS;
	return (int)wc;
}
