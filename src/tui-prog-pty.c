/* tui-prog-pty.c - what the program pane's two terminals share
 * (tui-program.c with libvterm, tui-program-plain.c without it): the
 * pseudo-terminal the traced program runs on, the ring of lines that
 * scrolled off the top of its screen, the view scrolled back into them, the
 * last search match and the pane's title. Each terminal embeds a struct
 * tui_pty and keeps only its own screen model; the lines in the ring are
 * the terminal's own, and this file only places and frees them.
 *
 * Lines are numbered over the ring and the screen together: 0 is the oldest
 * kept line, sb_n the screen's first row. This file calls nothing in the
 * terminals (tests/tui/layers.test: no circles). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "tui-int.h"

/* Tell the terminal (and through it the program) the screen's size. */
static void
set_winsize(int fd, int rows, int cols)
{
	struct winsize	 ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(fd, TIOCSWINSZ, &ws);
}

int
tui_pty_open(struct tui_pty *t, int rows, int cols, int scrollback)
{
	char	 name[128];
	int	 m, s;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return -1;
	if (grantpt(m) != 0 || unlockpt(m) != 0 ||
	    ptsname_r(m, name, sizeof name) != 0 ||
	    (s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		close(m);
		return -1;
	}
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
	set_winsize(m, rows, cols);
	memset(t, 0, sizeof *t);
	t->master = m;
	t->slave = s;
	t->rows = rows;
	t->cols = cols;
	t->sb_max = scrollback > 0 ? scrollback : 0;
	t->sb = t->sb_max > 0 ? fw_calloc((size_t)t->sb_max, sizeof *t->sb) :
	    NULL;
	t->match = -1;
	t->match_last = -1;
	return 0;
}

void
tui_pty_release(struct tui_pty *t)
{
	int	 i;

	if (t->master >= 0)
		close(t->master);
	if (t->slave >= 0)
		close(t->slave);
	for (i = 0; i < t->sb_n; i++)
		free(t->sb[(t->sb_head + i) % t->sb_max]);
	free(t->sb);
}

/* Once the program has its terminal, forkwatch lets go of the slave so
 * the master reports a hang-up when the last program side closes. */
void
tui_pty_close_slave(struct tui_pty *t)
{
	if (t->slave >= 0)
		close(t->slave);
	t->slave = -1;
}

int
tui_pty_fd(const struct tui_pty *t)
{
	return t->hungup ? -1 : t->master;
}

/* Read what the program wrote (a bounded amount per call, so a chatty
 * program cannot starve the tracer) and hand it to the screen model. */
unsigned
tui_pty_read(struct tui_pty *t, tui_pty_feed_fn feed, void *arg)
{
	char	 buf[16384];
	ssize_t	 n;
	int	 rounds;

	for (rounds = 0; rounds < 8; rounds++) {
		n = read(t->master, buf, sizeof buf);
		if (n > 0) {
			feed(arg, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			break;
		/* EIO: every program side of the terminal is closed. */
		t->hungup = true;
		break;
	}
	return TUI_R_PROGRAM;
}

/* Keys and a terminal's answers go to the program. The master is
 * non-blocking: a program that does not read loses keys instead of
 * freezing the TUI. */
void
tui_pty_write(struct tui_pty *t, const char *s, size_t len)
{
	ssize_t	 n;

	while (t->master >= 0 && len > 0) {
		n = write(t->master, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		s += n;
		len -= (size_t)n;
	}
}

void
tui_pty_resize(struct tui_pty *t, int rows, int cols)
{
	t->rows = rows;
	t->cols = cols;
	/* The kernel sends SIGWINCH to the program's foreground group. */
	set_winsize(t->master, rows, cols);
}

void
tui_pty_keep(struct tui_pty *t, void *line)
{
	if (t->sb_n == t->sb_max) {
		/* Full: the oldest goes, the match moves up with its text. */
		free(t->sb[t->sb_head]);
		t->sb[t->sb_head] = line;
		t->sb_head = (t->sb_head + 1) % t->sb_max;
		if (t->match_last >= 0) {
			t->match--;
			t->match_last--;
		}
	} else {
		t->sb[(t->sb_head + t->sb_n) % t->sb_max] = line;
		t->sb_n++;
		/* A view scrolled back stays on the same text. */
		if (t->view > 0)
			t->view++;
	}
}

void *
tui_pty_unkeep(struct tui_pty *t)
{
	void	*line;
	int	 last;

	if (t->sb_n == 0)
		return NULL;
	last = (t->sb_head + t->sb_n - 1) % t->sb_max;
	line = t->sb[last];
	t->sb[last] = NULL;
	t->sb_n--;
	if (t->view > t->sb_n)
		t->view = t->sb_n;
	return line;
}

void *
tui_pty_kept(const struct tui_pty *t, int i)
{
	if (i < 0 || i >= t->sb_n)
		return NULL;
	return t->sb[(t->sb_head + i) % t->sb_max];
}

bool
tui_pty_in_match(const struct tui_pty *t, int i)
{
	return t->match_last >= 0 && i >= t->match && i <= t->match_last;
}

void
tui_pty_scroll(struct tui_pty *t, int lines)
{
	if (lines == INT_MIN) {
		t->view = 0;
		t->match = -1;
		t->match_last = -1;
		return;
	}
	t->view += lines;
	if (t->view > t->sb_n)
		t->view = t->sb_n;
	if (t->view < 0)
		t->view = 0;
}

bool
tui_pty_search(struct tui_pty *t, const char *text, int dir,
    tui_prog_row_fn row, void *arg)
{
	int	 total = t->sb_n + t->rows, top = t->sb_n - t->view, i;
	int	 start, last;

	/* From the last match, else from the bottom of the view (going
	 * up) or its top (going down). */
	if (t->match >= 0 && t->match < total)
		start = t->match + (dir < 0 ? -1 : 1);
	else
		start = dir < 0 ? top + t->rows - 1 : top;
	if ((i = tui_prog_find(total, start, dir, text, row, arg,
	    &last)) < 0)
		return false;
	t->match = i;
	t->match_last = last;
	/* Show the match a third down the pane when it is not in view. */
	if (i < top || i >= top + t->rows) {
		top = i - t->rows / 3;
		if (top > t->sb_n)
			top = t->sb_n;
		if (top < 0)
			top = 0;
		t->view = t->sb_n - top;
	}
	return true;
}

void
tui_pty_title(const struct tui_pty *t, const struct tui_rect *r,
    enum tui_prog_focus focus, const char *kind)
{
	char		 head[160];
	unsigned	 ta;
	int		 w;

	if (t->view > 0)
		snprintf(head, sizeof head, " program %dx%d  [-%d/%d, "
		    "End: back]", t->cols, t->rows, t->view, t->sb_n);
	else
		snprintf(head, sizeof head, " program %dx%d%s%s%s",
		    t->cols, t->rows, kind,
		    t->hungup ? " (terminal closed)" : "",
		    focus == TUI_PROG_KEYS ? "  [keys go to the "
		    "program: Ctrl-] returns]" : "  [i: type into it]");
	ta = focus == TUI_PROG_KEYS ? TA_REV | TA_BOLD | TC_YELLOW :
	    focus == TUI_PROG_FOCUSED ? TA_REV | TA_BOLD : TA_REV;
	tui_puts(r->y, r->x, r->w, head, strlen(head), ta);
	w = tui_text_width(head, strlen(head));
	tui_fill(r->y, r->x + w, r->w - w, ta);
}
