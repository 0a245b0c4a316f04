/* tui-program.c - the traced program's terminal: a pseudo-terminal whose
 * slave becomes the program's controlling tty (engine opts.launch_tty),
 * whose master output is fed to libvterm, and whose screen is drawn in the
 * program pane. Keys typed while the pane has the keyboard go to libvterm's
 * keyboard encoder and from there to the master.
 *
 * Lines that scroll off the top of the program's screen are kept (up to
 * the --scrollback limit, in a ring), so the pane can be scrolled back and
 * searched; a full-screen program's alternate screen keeps none, as on
 * any terminal. The pseudo-terminal, the kept lines' ring, scrolling,
 * search and the title are tui-prog-pty.c's, shared with
 * tui-program-plain.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
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
	struct tui_pty	 pty;		/* kept lines: struct sb_line */
	VTerm		*vt;
	VTermScreen	*vs;
	VTermPos	 cursor;
	bool		 cursor_visible;
};

static int	 map_color(VTermScreen *, VTermColor *, bool fg, bool *bold);

/* Line i (0 the oldest kept) of scrollback and screen together: a kept
 * line, or NULL for screen row *row. */
static const struct sb_line *
line_at(const struct tui_prog *p, int i, int *row)
{
	*row = i - p->pty.sb_n;
	return tui_pty_kept(&p->pty, i);
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

	if (p->pty.sb_max <= 0)
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
	tui_pty_keep(&p->pty, l);
	return 1;
}

/* libvterm: the screen grew taller; give back the newest kept line. */
static int
vt_sb_popline(int cols, VTermScreenCell *cells, void *arg)
{
	struct tui_prog	*p = arg;
	struct sb_line	*l;
	int		 i;

	if ((l = tui_pty_unkeep(&p->pty)) == NULL)
		return 0;
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

/* libvterm's answers and encoded keys go to the program. */
static void
vt_output(const char *s, size_t len, void *arg)
{
	struct tui_prog	*p = arg;

	tui_pty_write(&p->pty, s, len);
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

struct tui_prog *
tui_prog_new(int rows, int cols, int scrollback)
{
	struct tui_prog	*p;

	p = fw_calloc(1, sizeof *p);
	if (tui_pty_open(&p->pty, rows, cols, scrollback) != 0) {
		free(p);
		return NULL;
	}
	p->cursor_visible = true;
	p->vt = vterm_new(p->pty.rows, p->pty.cols);
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
	tui_pty_release(&p->pty);
	vterm_free(p->vt);
	free(p);
}

int
tui_prog_lines(const struct tui_prog *p)
{
	return p->pty.sb_n;
}

void
tui_prog_scroll(struct tui_prog *p, int lines)
{
	tui_pty_scroll(&p->pty, lines);
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
	n = l != NULL ? l->n : p->pty.cols;
	for (x = 0; x < n; x++) {
		if (l != NULL) {
			ch = l->cells[x].ch;
		} else {
			pos.row = row;
			pos.col = x;
			if (!vterm_screen_get_cell(p->vs, pos, &cell))
				break;
			ch = cell.chars[0];
			if (x == p->pty.cols - 1)
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
	return tui_pty_search(&p->pty, text, dir, row_text, p);
}

int
tui_prog_slave(const struct tui_prog *p)
{
	return p->pty.slave;
}

void
tui_prog_close_slave(struct tui_prog *p)
{
	tui_pty_close_slave(&p->pty);
}

int
tui_prog_fd(const struct tui_prog *p)
{
	return tui_pty_fd(&p->pty);
}

/* What the program wrote goes to libvterm. */
static void
vt_feed(void *arg, const char *s, size_t n)
{
	struct tui_prog	*p = arg;

	vterm_input_write(p->vt, s, n);
}

unsigned
tui_prog_input(struct tui_prog *p)
{
	return tui_pty_read(&p->pty, vt_feed, p);
}

void
tui_prog_resize(struct tui_prog *p, int rows, int cols)
{
	if (rows < 1 || cols < 1 ||
	    (rows == p->pty.rows && cols == p->pty.cols))
		return;
	tui_pty_resize(&p->pty, rows, cols);
	vterm_set_size(p->vt, rows, cols);
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
		tui_pty_write(&p->pty, &c, 1);
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
	int			 y, x, fg, bg, row, rows;
	int			 top = p->pty.sb_n - p->pty.view;
	int			 by = title ? r->y + 1 : r->y;
	unsigned		 a;
	bool			 bold;

	rows = title ? r->h - 1 : r->h;
	if (title)
		tui_pty_title(&p->pty, r, focus, "");
	for (y = 0; y < rows; y++) {
		l = line_at(p, top + y, &row);
		for (x = 0; x < r->w; x++) {
			a = tui_pty_in_match(&p->pty, top + y) ? TA_REV : 0;
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
			if (row >= p->pty.rows || x >= p->pty.cols) {
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
			    (tui_pty_in_match(&p->pty, top + y) ? TA_REV : 0));
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
	if (focus == TUI_PROG_KEYS && p->pty.view == 0 &&
	    p->cursor_visible &&
	    p->cursor.row < rows && p->cursor.col < r->w)
		tui_set_cursor(by + p->cursor.row, r->x + p->cursor.col);
}
