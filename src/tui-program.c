/* tui-program.c - the traced program's terminal: a pseudo-terminal whose
 * slave becomes the program's controlling tty (engine opts.launch_tty),
 * whose master output is fed to libvterm, and whose screen is drawn in the
 * program pane. Keys typed while the pane has the keyboard go to libvterm's
 * keyboard encoder and from there to the master. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <vterm.h>

#include "tui-int.h"

struct tui_prog {
	int		 master;	/* -1 once the program side hung up */
	int		 slave;		/* until tui_prog_close_slave() */
	VTerm		*vt;
	VTermScreen	*vs;
	int		 rows, cols;
	VTermPos	 cursor;
	bool		 cursor_visible;
	bool		 hungup;
};

/* libvterm's answers and encoded keys go to the program. The master is
 * non-blocking: a program that does not read loses keys instead of
 * freezing the TUI. */
static void
vt_output(const char *s, size_t len, void *arg)
{
	struct tui_prog	*p = arg;
	ssize_t		 n;

	while (p->master >= 0 && len > 0) {
		n = write(p->master, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		s += n;
		len -= (size_t)n;
	}
}

static int
vt_movecursor(VTermPos pos, VTermPos old, int visible, void *arg)
{
	struct tui_prog	*p = arg;

	(void)old;
	p->cursor = pos;
	p->cursor_visible = visible != 0;
	return 1;
}

static int
vt_settermprop(VTermProp prop, VTermValue *val, void *arg)
{
	struct tui_prog	*p = arg;

	if (prop == VTERM_PROP_CURSORVISIBLE)
		p->cursor_visible = val->boolean != 0;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.movecursor = vt_movecursor,
	.settermprop = vt_settermprop,
};

static void
set_winsize(int fd, int rows, int cols)
{
	struct winsize	 ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(fd, TIOCSWINSZ, &ws);
}

struct tui_prog *
tui_prog_new(int rows, int cols)
{
	struct tui_prog	*p;
	char		 name[128];
	int		 m, s;

	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return NULL;
	if (grantpt(m) != 0 || unlockpt(m) != 0 ||
	    ptsname_r(m, name, sizeof name) != 0 ||
	    (s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		close(m);
		return NULL;
	}
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
	set_winsize(m, rows, cols);
	p = fw_calloc(1, sizeof *p);
	p->master = m;
	p->slave = s;
	p->rows = rows;
	p->cols = cols;
	p->cursor_visible = true;
	p->vt = vterm_new(rows, cols);
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, vt_output, p);
	p->vs = vterm_obtain_screen(p->vt);
	vterm_screen_set_callbacks(p->vs, &screen_cbs, p);
	vterm_screen_enable_altscreen(p->vs, 1);
	vterm_screen_reset(p->vs, 1);
	return p;
}

void
tui_prog_free(struct tui_prog *p)
{
	if (p == NULL)
		return;
	if (p->master >= 0)
		close(p->master);
	if (p->slave >= 0)
		close(p->slave);
	vterm_free(p->vt);
	free(p);
}

int
tui_prog_slave(const struct tui_prog *p)
{
	return p->slave;
}

/* Once the program has its terminal, forkwatch lets go of the slave so
 * the master reports a hang-up when the last program side closes. */
void
tui_prog_close_slave(struct tui_prog *p)
{
	if (p->slave >= 0)
		close(p->slave);
	p->slave = -1;
}

int
tui_prog_fd(const struct tui_prog *p)
{
	return p->hungup ? -1 : p->master;
}

/* Read what the program wrote (a bounded amount per call, so a chatty
 * program cannot starve the tracer) and feed libvterm. */
unsigned
tui_prog_input(struct tui_prog *p)
{
	char	 buf[16384];
	ssize_t	 n;
	int	 rounds;

	for (rounds = 0; rounds < 8; rounds++) {
		n = read(p->master, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(p->vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			break;
		/* EIO: every program side of the terminal is closed. */
		p->hungup = true;
		break;
	}
	return TUI_R_PROGRAM;
}

void
tui_prog_resize(struct tui_prog *p, int rows, int cols)
{
	if (rows < 1 || cols < 1 || (rows == p->rows && cols == p->cols))
		return;
	p->rows = rows;
	p->cols = cols;
	vterm_set_size(p->vt, rows, cols);
	/* The kernel sends SIGWINCH to the program's foreground group. */
	set_winsize(p->master, rows, cols);
}

void
tui_prog_key(struct tui_prog *p, int key)
{
	VTermKey	 k = VTERM_KEY_NONE;
	char		 c;

	switch (key) {
	case TK_UP:	k = VTERM_KEY_UP; break;
	case TK_DOWN:	k = VTERM_KEY_DOWN; break;
	case TK_LEFT:	k = VTERM_KEY_LEFT; break;
	case TK_RIGHT:	k = VTERM_KEY_RIGHT; break;
	case TK_PGUP:	k = VTERM_KEY_PAGEUP; break;
	case TK_PGDN:	k = VTERM_KEY_PAGEDOWN; break;
	case TK_HOME:	k = VTERM_KEY_HOME; break;
	case TK_END:	k = VTERM_KEY_END; break;
	case TK_BS:	k = VTERM_KEY_BACKSPACE; break;
	case TK_DEL:	k = VTERM_KEY_DEL; break;
	case TK_INS:	k = VTERM_KEY_INS; break;
	case TK_ENTER:	k = VTERM_KEY_ENTER; break;
	case '\t':	k = VTERM_KEY_TAB; break;
	case TK_ESC:	k = VTERM_KEY_ESCAPE; break;
	case TK_BTAB:
		vterm_keyboard_key(p->vt, VTERM_KEY_TAB, VTERM_MOD_SHIFT);
		return;
	default:
		break;
	}
	if (key >= TK_F1 && key <= TK_F12)
		k = VTERM_KEY_FUNCTION(key - TK_F1 + 1);
	if (k != VTERM_KEY_NONE) {
		vterm_keyboard_key(p->vt, k, VTERM_MOD_NONE);
		return;
	}
	if (key >= 0 && key < 0x20) {
		/* Control characters go as they are (^C, ^D, ^Z...). */
		c = (char)key;
		vt_output(&c, 1, p);
		return;
	}
	if (key >= 0x20 && key < TK_UP)
		vterm_keyboard_unichar(p->vt, (uint32_t)key, VTERM_MOD_NONE);
}

/* A libvterm colour as a curses colour number: -1 default, else 0..7;
 * bright colours set *bold. */
static int
map_color(VTermScreen *vs, VTermColor *c, bool fg, bool *bold)
{
	int	 idx, r, g, b;

	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return -1;
	if (VTERM_COLOR_IS_INDEXED(c)) {
		idx = c->indexed.idx;
		if (idx < 8)
			return idx;
		if (idx < 16) {
			if (fg)
				*bold = true;
			return idx - 8;
		}
		vterm_screen_convert_color_to_rgb(vs, c);
	}
	r = c->rgb.red >= 128;
	g = c->rgb.green >= 128;
	b = c->rgb.blue >= 128;
	return r | g << 1 | b << 2;
}

void
tui_prog_draw(struct tui_prog *p, const struct tui_rect *r, bool focus)
{
	VTermScreenCell	 cell;
	VTermPos	 pos;
	char		 title[128];
	int		 y, x, fg, bg;
	unsigned	 a;
	bool		 bold;

	snprintf(title, sizeof title, " program %dx%d%s%s", p->cols, p->rows,
	    p->hungup ? " (terminal closed)" : "",
	    focus ? "  [keys go to the program: Ctrl-] returns]" :
	    "  [i: type into it]");
	tui_puts(r->y, r->x, r->w, title, strlen(title),
	    focus ? TA_REV | TA_BOLD | TC_YELLOW : TA_REV);
	tui_fill(r->y, r->x + tui_text_width(title, strlen(title)),
	    r->w - tui_text_width(title, strlen(title)),
	    focus ? TA_REV | TA_BOLD | TC_YELLOW : TA_REV);
	for (y = 0; y < r->h - 1; y++) {
		for (x = 0; x < r->w; x++) {
			if (y >= p->rows || x >= p->cols) {
				tui_fill(r->y + 1 + y, r->x + x, 1, 0);
				continue;
			}
			pos.row = y;
			pos.col = x;
			if (!vterm_screen_get_cell(p->vs, pos, &cell)) {
				tui_fill(r->y + 1 + y, r->x + x, 1, 0);
				continue;
			}
			/* The right half of a wide character. */
			if (cell.chars[0] == (uint32_t)-1)
				continue;
			bold = cell.attrs.bold;
			fg = map_color(p->vs, &cell.fg, true, &bold);
			bg = map_color(p->vs, &cell.bg, false, &bold);
			a = (bold ? TA_BOLD : 0) |
			    (cell.attrs.underline ? TA_UL : 0) |
			    (cell.attrs.reverse ? TA_REV : 0);
			if (cell.width > 1 && x + cell.width > r->w) {
				tui_fill(r->y + 1 + y, r->x + x, 1, 0);
				continue;
			}
			tui_put_cell(r->y + 1 + y, r->x + x, cell.chars,
			    cell.width, fg, bg, a);
			if (cell.width > 1)
				x += cell.width - 1;
		}
	}
	if (focus && p->cursor_visible && p->cursor.row < r->h - 1 &&
	    p->cursor.col < r->w)
		tui_set_cursor(r->y + 1 + p->cursor.row,
		    r->x + p->cursor.col);
}
