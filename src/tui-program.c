/* tui-program.c - the traced program's terminal: a pseudo-terminal whose
 * slave becomes the program's controlling tty (engine opts.launch_tty),
 * whose master output is fed to libvterm, and whose screen is drawn in the
 * program pane. Keys typed while the pane has the keyboard go to libvterm's
 * keyboard encoder and from there to the master.
 *
 * Lines that scroll off the top of the program's screen are kept (up to
 * the --scrollback limit, in a ring), so the pane can be scrolled back and
 * searched; a full-screen program's alternate screen keeps none, as on
 * any terminal. */
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
#include <vterm.h>

#include "tui-int.h"

/* One cell of a line in the scrollback (the first character only). */
struct sb_cell {
	uint32_t	 ch;
	int8_t		 fg, bg;	/* -1 default, else 0..7 */
	uint8_t		 attr;		/* TA_* */
	uint8_t		 width;
};

struct sb_line {
	int		 n;		/* cells, trailing blanks dropped */
	bool		 full;		/* it filled the width: wrapped */
	struct sb_cell	 cells[];
};

struct tui_prog {
	int		 master;	/* -1 once the program side hung up */
	int		 slave;		/* until tui_prog_close_slave() */
	VTerm		*vt;
	VTermScreen	*vs;
	int		 rows, cols;
	VTermPos	 cursor;
	bool		 cursor_visible;
	bool		 hungup;

	struct sb_line	**sb;		/* ring of max lines, oldest at head */
	int		 sb_max, sb_head, sb_n;
	int		 view;		/* lines scrolled back, 0: the screen */
	int		 match;		/* line of the last search match, -1 */
	int		 match_last;	/* the line it ends in, -1 */
};

static int	 map_color(VTermScreen *, VTermColor *, bool fg, bool *bold);

/* Line i (0 the oldest kept) of scrollback and screen together: a kept
 * line, or NULL for screen row *row. */
static const struct sb_line *
line_at(const struct tui_prog *p, int i, int *row)
{
	*row = i - p->sb_n;
	if (i < p->sb_n)
		return p->sb[(p->sb_head + i) % p->sb_max];
	return NULL;
}

/* Is line i part of the last search match? */
static bool
in_match(const struct tui_prog *p, int i)
{
	return p->match_last >= 0 && i >= p->match && i <= p->match_last;
}

/* A screen cell as a scrollback cell. */
static void
to_sb(VTermScreen *vs, const VTermScreenCell *c, struct sb_cell *o)
{
	VTermColor	 fg = c->fg, bg = c->bg;
	bool		 bold = c->attrs.bold;

	o->ch = c->chars[0] == (uint32_t)-1 ? 0 : c->chars[0];
	o->fg = (int8_t)map_color(vs, &fg, true, &bold);
	o->bg = (int8_t)map_color(vs, &bg, false, &bold);
	o->attr = (uint8_t)((bold ? TA_BOLD : 0) |
	    (c->attrs.underline ? TA_UL : 0) |
	    (c->attrs.reverse ? TA_REV : 0));
	o->width = (uint8_t)c->width;
}

/* libvterm: a line scrolled off the top of the screen. */
static int
vt_sb_pushline(int cols, const VTermScreenCell *cells, void *arg)
{
	struct tui_prog	*p = arg;
	struct sb_line	*l;
	int		 n = cols, i;

	if (p->sb_max <= 0)
		return 0;
	while (n > 0 && (cells[n - 1].chars[0] == 0 ||
	    cells[n - 1].chars[0] == ' ') &&
	    VTERM_COLOR_IS_DEFAULT_BG(&cells[n - 1].bg))
		n--;
	l = fw_malloc(sizeof *l + (size_t)n * sizeof l->cells[0]);
	l->n = n;
	l->full = n == cols;
	for (i = 0; i < n; i++)
		to_sb(p->vs, &cells[i], &l->cells[i]);
	if (p->sb_n == p->sb_max) {
		free(p->sb[p->sb_head]);
		p->sb[p->sb_head] = l;
		p->sb_head = (p->sb_head + 1) % p->sb_max;
		if (p->match_last >= 0) {
			p->match--;
			p->match_last--;
		}
	} else {
		p->sb[(p->sb_head + p->sb_n) % p->sb_max] = l;
		p->sb_n++;
		/* A view scrolled back stays on the same text. */
		if (p->view > 0)
			p->view++;
	}
	return 1;
}

/* libvterm: the screen grew taller; give back the newest kept line. */
static int
vt_sb_popline(int cols, VTermScreenCell *cells, void *arg)
{
	struct tui_prog	*p = arg;
	struct sb_line	*l;
	int		 i, last;

	if (p->sb_n == 0)
		return 0;
	last = (p->sb_head + p->sb_n - 1) % p->sb_max;
	l = p->sb[last];
	p->sb[last] = NULL;
	p->sb_n--;
	if (p->view > p->sb_n)
		p->view = p->sb_n;
	for (i = 0; i < cols; i++) {
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].width = 1;
		vterm_color_indexed(&cells[i].fg, 7);
		vterm_color_indexed(&cells[i].bg, 0);
		cells[i].fg.type |= VTERM_COLOR_DEFAULT_FG;
		cells[i].bg.type |= VTERM_COLOR_DEFAULT_BG;
		if (i < l->n) {
			cells[i].chars[0] = l->cells[i].ch;
			cells[i].width = l->cells[i].width > 0 ?
			    l->cells[i].width : 1;
			cells[i].attrs.bold = (l->cells[i].attr & TA_BOLD) != 0;
			cells[i].attrs.underline =
			    (l->cells[i].attr & TA_UL) != 0;
			cells[i].attrs.reverse =
			    (l->cells[i].attr & TA_REV) != 0;
		}
	}
	free(l);
	return 1;
}

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
	.sb_pushline = vt_sb_pushline,
	.sb_popline = vt_sb_popline,
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
tui_prog_new(int rows, int cols, int scrollback)
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
	p->sb_max = scrollback > 0 ? scrollback : 0;
	p->sb = p->sb_max > 0 ? fw_calloc((size_t)p->sb_max, sizeof *p->sb) :
	    NULL;
	p->match = -1;
	p->match_last = -1;
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
	while (p->sb_n > 0) {
		free(p->sb[p->sb_head]);
		p->sb_head = (p->sb_head + 1) % p->sb_max;
		p->sb_n--;
	}
	free(p->sb);
	free(p);
}

int
tui_prog_lines(const struct tui_prog *p)
{
	return p->sb_n;
}

void
tui_prog_scroll(struct tui_prog *p, int lines)
{
	if (lines == INT_MIN) {
		p->view = 0;
		p->match = -1;
		p->match_last = -1;
		return;
	}
	p->view += lines;
	if (p->view > p->sb_n)
		p->view = p->sb_n;
	if (p->view < 0)
		p->view = 0;
}

/* Row i as UTF-8 text, appended to b (tui_prog_find's row function);
 * whether it fills the width. */
static bool
row_text(void *arg, int i, struct fw_buf *b)
{
	const struct tui_prog	*p = arg;
	const struct sb_line	*l;
	VTermScreenCell		 cell;
	VTermPos		 pos;
	uint32_t		 ch;
	char			 u[4];
	int			 row, x, n;
	bool			 full = false;

	l = line_at(p, i, &row);
	n = l != NULL ? l->n : p->cols;
	for (x = 0; x < n; x++) {
		if (l != NULL) {
			ch = l->cells[x].ch;
		} else {
			pos.row = row;
			pos.col = x;
			if (!vterm_screen_get_cell(p->vs, pos, &cell))
				break;
			ch = cell.chars[0];
			if (x == p->cols - 1)
				full = ch != 0 && ch != ' ';
		}
		if (ch == (uint32_t)-1)
			continue;
		if (ch == 0)
			ch = ' ';
		fw_buf_add(b, u, fw_utf8_encode(ch, u));
	}
	return l != NULL ? l->full : full;
}

bool
tui_prog_search(struct tui_prog *p, const char *text, int dir)
{
	int		 total = p->sb_n + p->rows, top = p->sb_n - p->view, i;
	int		 start, last;

	/* From the last match, else from the bottom of the view (going
	 * up) or its top (going down). */
	if (p->match >= 0 && p->match < total)
		start = p->match + (dir < 0 ? -1 : 1);
	else
		start = dir < 0 ? top + p->rows - 1 : top;
	if ((i = tui_prog_find(total, start, dir, text, row_text, p,
	    &last)) < 0)
		return false;
	p->match = i;
	p->match_last = last;
	/* Show the match a third down the pane when it is not in view. */
	if (i < top || i >= top + p->rows) {
		top = i - p->rows / 3;
		if (top > p->sb_n)
			top = p->sb_n;
		if (top < 0)
			top = 0;
		p->view = p->sb_n - top;
	}
	return true;
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
tui_prog_draw(struct tui_prog *p, const struct tui_rect *r,
    enum tui_prog_focus focus, bool title)
{
	VTermScreenCell		 cell;
	VTermPos		 pos;
	const struct sb_line	*l;
	char			 head[160];
	int			 y, x, fg, bg, top = p->sb_n - p->view, row, rows;
	int			 by = title ? r->y + 1 : r->y;
	unsigned		 a, ta;
	bool			 bold;

	rows = title ? r->h - 1 : r->h;
	if (title) {
		if (p->view > 0)
			snprintf(head, sizeof head, " program %dx%d  [-%d/%d, "
			    "End: back]", p->cols, p->rows, p->view, p->sb_n);
		else
			snprintf(head, sizeof head, " program %dx%d%s%s",
			    p->cols, p->rows,
			    p->hungup ? " (terminal closed)" : "",
			    focus == TUI_PROG_KEYS ? "  [keys go to the "
			    "program: Ctrl-] returns]" : "  [i: type into it]");
		ta = focus == TUI_PROG_KEYS ? TA_REV | TA_BOLD | TC_YELLOW :
		    focus == TUI_PROG_FOCUSED ? TA_REV | TA_BOLD : TA_REV;
		tui_puts(r->y, r->x, r->w, head, strlen(head), ta);
		tui_fill(r->y, r->x + tui_text_width(head, strlen(head)),
		    r->w - tui_text_width(head, strlen(head)), ta);
	}
	for (y = 0; y < rows; y++) {
		l = line_at(p, top + y, &row);
		for (x = 0; x < r->w; x++) {
			a = in_match(p, top + y) ? TA_REV : 0;
			if (l != NULL) {
				if (x >= l->n) {
					tui_fill(by + y, r->x + x, 1, a);
					continue;
				}
				if (l->cells[x].width > 1 &&
				    x + l->cells[x].width > r->w) {
					tui_fill(by + y, r->x + x, 1, a);
					continue;
				}
				if (l->cells[x].ch == 0) {
					/* The right half of a wide one. */
					if (x > 0 && l->cells[x - 1].width > 1)
						continue;
					tui_fill(by + y, r->x + x, 1, a);
					continue;
				}
				tui_put_cell(by + y, r->x + x,
				    (uint32_t[]){ l->cells[x].ch, 0 },
				    l->cells[x].width, l->cells[x].fg,
				    l->cells[x].bg, l->cells[x].attr ^ a);
				continue;
			}
			if (row >= p->rows || x >= p->cols) {
				tui_fill(by + y, r->x + x, 1, 0);
				continue;
			}
			pos.row = row;
			pos.col = x;
			if (!vterm_screen_get_cell(p->vs, pos, &cell)) {
				tui_fill(by + y, r->x + x, 1, 0);
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
			    ((cell.attrs.reverse ? TA_REV : 0) ^
			    (in_match(p, top + y) ? TA_REV : 0));
			if (cell.width > 1 && x + cell.width > r->w) {
				tui_fill(by + y, r->x + x, 1, 0);
				continue;
			}
			tui_put_cell(by + y, r->x + x, cell.chars,
			    cell.width, fg, bg, a);
			if (cell.width > 1)
				x += cell.width - 1;
		}
	}
	if (focus == TUI_PROG_KEYS && p->view == 0 &&
	    p->cursor_visible &&
	    p->cursor.row < rows && p->cursor.col < r->w)
		tui_set_cursor(by + p->cursor.row, r->x + p->cursor.col);
}
