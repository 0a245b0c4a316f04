/* tui-program-plain.c - the traced program's terminal in a forkwatch built
 * without libvterm (configure --without-libvterm): the same pseudo-terminal
 * as tui-program.c, shown as plain text. A small screen model keeps the
 * characters the program writes, follows carriage return, newline,
 * backspace, tab and the few CSI sequences that move the cursor or erase
 * (CUU/CUD/CUF/CUB, CUP, ED, EL); every other escape sequence (colours,
 * modes, titles) is consumed and dropped, so nothing reaches forkwatch's
 * own terminal. Full-screen programs need the libvterm build. Keys typed
 * into the pane are sent as a VT100 would send them. Lines that scroll off
 * the top are kept (up to the --scrollback limit, in a ring) for scrolling
 * back and searching, as in tui-program.c: the pseudo-terminal, that ring,
 * scrolling, search and the title are tui-prog-pty.c's, shared by both. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui-int.h"

#define CSI_MAX_PARAMS	8

/* Where the byte parser is. */
enum plain_state {
	PS_TEXT,
	PS_ESC,			/* after ESC */
	PS_ESC_INTER,		/* ESC ( and the like: one more byte */
	PS_CSI,			/* ESC [ ... final byte */
	PS_STRING,		/* OSC, DCS, SOS, PM, APC: up to BEL or ST */
	PS_STRING_ESC,		/* ESC inside a string (ST is ESC \) */
};

/* A line kept in the scrollback: n cells, trailing blanks dropped. */
struct plain_line {
	int		 n;
	bool		 full;		/* it filled the width: wrapped */
	uint32_t	 cells[];
};

struct tui_prog {
	struct tui_pty	 pty;		/* kept lines: struct plain_line */
	uint32_t	*cell;		/* rows x cols; 0 blank, UINT32_MAX the
					 * right half of a wide character */
	int		 cy, cx;	/* cursor; cx == cols: wrap pending */

	enum plain_state state;
	int		 params[CSI_MAX_PARAMS];
	int		 nparams;
	bool		 csi_private;	/* "?" and the like: not ours */
	uint32_t	 cp;		/* UTF-8 being decoded */
	int		 need;		/* continuation bytes still due */
};

static uint32_t *
at(struct tui_prog *p, int y, int x)
{
	return &p->cell[(size_t)y * (size_t)p->pty.cols + (size_t)x];
}

/* Blank cells [x0, x1) of row y. */
static void
erase(struct tui_prog *p, int y, int x0, int x1)
{
	int	 x;

	for (x = x0; x < x1 && x < p->pty.cols; x++)
		*at(p, y, x) = 0;
}

/* Keep screen row 0, about to scroll off, in the scrollback. */
static void
push_line(struct tui_prog *p)
{
	struct plain_line	*l;
	int			 n = p->pty.cols;

	if (p->pty.sb_max == 0)
		return;
	while (n > 0 && (*at(p, 0, n - 1) == 0))
		n--;
	l = fw_malloc(sizeof *l + (size_t)n * sizeof l->cells[0]);
	l->n = n;
	l->full = n == p->pty.cols;
	memcpy(l->cells, at(p, 0, 0), (size_t)n * sizeof l->cells[0]);
	tui_pty_keep(&p->pty, l);
}

/* Scroll the screen up a line: row 0 to the scrollback, a blank row at
 * the bottom. */
static void
scroll_up(struct tui_prog *p)
{
	int	 rows = p->pty.rows, cols = p->pty.cols;

	push_line(p);
	memmove(p->cell, p->cell + cols,
	    (size_t)(rows - 1) * (size_t)cols * sizeof *p->cell);
	erase(p, rows - 1, 0, cols);
}

/* Move the cursor down a line, scrolling the screen up at the bottom. */
static void
line_feed(struct tui_prog *p)
{
	if (p->cy + 1 < p->pty.rows) {
		p->cy++;
		return;
	}
	scroll_up(p);
}

/* Characters that must not reach forkwatch's terminal as they are:
 * C1 controls and the bidirectional controls. */
static bool
unsafe_cp(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
	    cp == 0x061c || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff;
}

/* Put a printable character at the cursor. */
static void
put_char(struct tui_prog *p, uint32_t cp)
{
	int	 w;

	if (unsafe_cp(cp))
		cp = 0xfffd;
	w = wcwidth((wchar_t)cp);
	if (w == 0)
		return;		/* combining marks are left out */
	if (w < 0) {
		cp = 0xfffd;
		w = 1;
	}
	if (p->cx + w > p->pty.cols) {
		p->cx = 0;
		line_feed(p);
	}
	if (w > p->pty.cols)
		return;
	*at(p, p->cy, p->cx) = cp;
	if (w == 2)
		*at(p, p->cy, p->cx + 1) = UINT32_MAX;
	p->cx += w;
}

static int
param(const struct tui_prog *p, int i, int dflt)
{
	return i < p->nparams && p->params[i] > 0 ? p->params[i] : dflt;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The final byte of a CSI sequence: act on the few that place text. */
static void
csi(struct tui_prog *p, unsigned char final)
{
	int	 n = param(p, 0, 1), y;

	if (p->csi_private)
		return;
	if (p->cx >= p->pty.cols)
		p->cx = p->pty.cols - 1;
	switch (final) {
	case 'A': p->cy = clamp(p->cy - n, 0, p->pty.rows - 1); break;
	case 'B': p->cy = clamp(p->cy + n, 0, p->pty.rows - 1); break;
	case 'C': p->cx = clamp(p->cx + n, 0, p->pty.cols - 1); break;
	case 'D': p->cx = clamp(p->cx - n, 0, p->pty.cols - 1); break;
	case 'H':
	case 'f':
		p->cy = clamp(param(p, 0, 1) - 1, 0, p->pty.rows - 1);
		p->cx = clamp(param(p, 1, 1) - 1, 0, p->pty.cols - 1);
		break;
	case 'J':
		switch (p->nparams > 0 ? p->params[0] : 0) {
		case 0:
			erase(p, p->cy, p->cx, p->pty.cols);
			for (y = p->cy + 1; y < p->pty.rows; y++)
				erase(p, y, 0, p->pty.cols);
			break;
		case 1:
			for (y = 0; y < p->cy; y++)
				erase(p, y, 0, p->pty.cols);
			erase(p, p->cy, 0, p->cx + 1);
			break;
		default:
			for (y = 0; y < p->pty.rows; y++)
				erase(p, y, 0, p->pty.cols);
			break;
		}
		break;
	case 'K':
		switch (p->nparams > 0 ? p->params[0] : 0) {
		case 0: erase(p, p->cy, p->cx, p->pty.cols); break;
		case 1: erase(p, p->cy, 0, p->cx + 1); break;
		default: erase(p, p->cy, 0, p->pty.cols); break;
		}
		break;
	default:
		break;		/* colours, modes, scrolling regions...: dropped */
	}
}

/* A code point of the program's output (after UTF-8 decoding). */
static void
feed_cp(struct tui_prog *p, uint32_t c)
{
	switch (p->state) {
	case PS_ESC:
		if (c == '[') {
			p->state = PS_CSI;
			p->nparams = 0;
			p->csi_private = false;
			memset(p->params, 0, sizeof p->params);
		} else if (c == ']' || c == 'P' || c == 'X' || c == '^' ||
		    c == '_')
			p->state = PS_STRING;
		else if (c >= 0x20 && c <= 0x2f)
			p->state = PS_ESC_INTER;
		else {
			if (c == 'c') {	/* RIS: a fresh screen */
				memset(p->cell, 0, (size_t)p->pty.rows *
				    (size_t)p->pty.cols * sizeof *p->cell);
				p->cy = p->cx = 0;
			}
			p->state = PS_TEXT;
		}
		return;
	case PS_ESC_INTER:
		if (c < 0x20 || c > 0x2f)
			p->state = PS_TEXT;
		return;
	case PS_CSI:
		if (c >= '0' && c <= '9') {
			if (p->nparams == 0)
				p->nparams = 1;
			if (p->nparams <= CSI_MAX_PARAMS &&
			    p->params[p->nparams - 1] < 10000)
				p->params[p->nparams - 1] =
				    p->params[p->nparams - 1] * 10 +
				    (int)(c - '0');
		} else if (c == ';' || c == ':') {
			if (p->nparams == 0)
				p->nparams = 1;
			if (p->nparams < CSI_MAX_PARAMS)
				p->nparams++;
		} else if (c >= 0x3c && c <= 0x3f)
			p->csi_private = true;
		else if (c >= 0x40 && c <= 0x7e) {
			csi(p, (unsigned char)c);
			p->state = PS_TEXT;
		} else if (c == 0x1b)
			p->state = PS_ESC;
		else if (c < 0x20 || c > 0x7e)
			p->state = PS_TEXT;	/* not a CSI after all */
		return;
	case PS_STRING:
		if (c == 0x07 || c == 0x9c)
			p->state = PS_TEXT;
		else if (c == 0x1b)
			p->state = PS_STRING_ESC;
		return;
	case PS_STRING_ESC:
		p->state = c == '\\' ? PS_TEXT : PS_STRING;
		return;
	case PS_TEXT:
		break;
	}
	switch (c) {
	case 0x1b:
		p->state = PS_ESC;
		return;
	case 0x9b:
		p->state = PS_CSI;
		p->nparams = 0;
		p->csi_private = false;
		memset(p->params, 0, sizeof p->params);
		return;
	case 0x9d: case 0x90: case 0x98: case 0x9e: case 0x9f:
		p->state = PS_STRING;
		return;
	case '\r':
		p->cx = 0;
		return;
	case '\n': case '\v': case '\f':
		line_feed(p);
		return;
	case '\b':
		if (p->cx >= p->pty.cols)
			p->cx = p->pty.cols - 1;
		if (p->cx > 0)
			p->cx--;
		return;
	case '\t':
		if (p->cx < p->pty.cols)
			p->cx = (p->cx / 8 + 1) * 8 < p->pty.cols ?
			    (p->cx / 8 + 1) * 8 : p->pty.cols - 1;
		return;
	default:
		break;
	}
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return;		/* other controls: nothing to show */
	put_char(p, c);
}

/* Bytes of the program's output: UTF-8 decoding, then feed_cp(). */
static void
feed(void *arg, const char *s, size_t n)
{
	struct tui_prog	*p = arg;
	size_t		 i;

	for (i = 0; i < n; i++) {
		unsigned char	 b = (unsigned char)s[i];

		if (p->need > 0) {
			if ((b & 0xc0) == 0x80) {
				p->cp = (p->cp << 6) | (b & 0x3f);
				if (--p->need == 0)
					feed_cp(p, p->cp);
				continue;
			}
			p->need = 0;
			feed_cp(p, 0xfffd);	/* cut short */
		}
		if (b < 0x80)
			feed_cp(p, b);
		else if (b >= 0xc2 && b <= 0xdf)
			p->cp = b & 0x1f, p->need = 1;
		else if (b >= 0xe0 && b <= 0xef)
			p->cp = b & 0x0f, p->need = 2;
		else if (b >= 0xf0 && b <= 0xf4)
			p->cp = b & 0x07, p->need = 3;
		else
			feed_cp(p, 0xfffd);
	}
}

struct tui_prog *
tui_prog_new(int rows, int cols, int scrollback)
{
	struct tui_prog	*p;

	p = fw_calloc(1, sizeof *p);
	if (tui_pty_open(&p->pty, rows, cols, scrollback) != 0) {
		free(p);
		return NULL;
	}
	p->cell = fw_calloc((size_t)p->pty.rows * (size_t)p->pty.cols,
	    sizeof *p->cell);
	return p;
}

void
tui_prog_free(struct tui_prog *p)
{
	if (p == NULL)
		return;
	tui_pty_release(&p->pty);
	free(p->cell);
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

/* Line i (0 the oldest kept) of scrollback and screen together: its cells
 * and how many. */
static const uint32_t *
line_at(struct tui_prog *p, int i, int *n)
{
	const struct plain_line	*l;

	if ((l = tui_pty_kept(&p->pty, i)) != NULL) {
		*n = l->n;
		return l->cells;
	}
	*n = p->pty.cols;
	return at(p, i - p->pty.sb_n, 0);
}

/* Row i as UTF-8 text, appended to b (tui_prog_find's row function);
 * whether it fills the width. */
static bool
row_text(void *arg, int i, struct fw_buf *b)
{
	struct tui_prog		*p = arg;
	const struct plain_line	*l;
	const uint32_t		*c;
	int			 x, n;
	uint32_t		 ch;
	char			 u[4];

	c = line_at(p, i, &n);
	for (x = 0; x < n; x++) {
		ch = c[x] == 0 ? ' ' : c[x];
		if (ch == UINT32_MAX)
			continue;
		fw_buf_add(b, u, fw_utf8_encode(ch, u));
	}
	if ((l = tui_pty_kept(&p->pty, i)) != NULL)
		return l->full;
	return n == p->pty.cols && n > 0 && c[n - 1] != 0;
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

unsigned
tui_prog_input(struct tui_prog *p)
{
	return tui_pty_read(&p->pty, feed, p);
}

/* A new size, as a terminal does it: shorter, the lines above the cursor
 * that no longer fit go to the scrollback; taller, the newest kept lines
 * come back above the screen's first line; the rest keeps its place from
 * the left. */
void
tui_prog_resize(struct tui_prog *p, int rows, int cols)
{
	struct plain_line	*l;
	uint32_t		*cell;
	int			 y, w, up = 0, down = 0;

	if (rows < 1 || cols < 1 ||
	    (rows == p->pty.rows && cols == p->pty.cols))
		return;
	if (rows < p->pty.rows && p->cy >= rows) {
		up = p->cy - rows + 1;
		for (y = 0; y < up; y++)
			scroll_up(p);
		p->cy -= up;
	} else if (rows > p->pty.rows && p->pty.sb_n > 0) {
		down = rows - p->pty.rows < p->pty.sb_n ? rows - p->pty.rows :
		    p->pty.sb_n;
	}
	cell = fw_calloc((size_t)rows * (size_t)cols, sizeof *cell);
	for (y = down - 1; y >= 0; y--) {
		/* Lines back from the scrollback, the newest lowest. */
		l = tui_pty_unkeep(&p->pty);
		w = l->n < cols ? l->n : cols;
		memcpy(cell + (size_t)y * (size_t)cols, l->cells,
		    (size_t)w * sizeof *cell);
		free(l);
	}
	if (p->pty.match >= p->pty.sb_n + rows)
		p->pty.match = p->pty.match_last = -1;
	else if (p->pty.match_last >= p->pty.sb_n + rows)
		p->pty.match_last = p->pty.sb_n + rows - 1;
	w = cols < p->pty.cols ? cols : p->pty.cols;
	for (y = 0; y + down < rows && y < p->pty.rows; y++)
		memcpy(cell + (size_t)(y + down) * (size_t)cols, at(p, y, 0),
		    (size_t)w * sizeof *cell);
	free(p->cell);
	p->cell = cell;
	p->cy = clamp(p->cy + down, 0, rows - 1);
	p->cx = clamp(p->cx, 0, cols);
	tui_pty_resize(&p->pty, rows, cols);
}

void
tui_prog_key(struct tui_prog *p, int key)
{
	static const struct {
		int		 key;
		const char	*seq;
	} seqs[] = {
		{ TK_UP, "\033[A" }, { TK_DOWN, "\033[B" },
		{ TK_RIGHT, "\033[C" }, { TK_LEFT, "\033[D" },
		{ TK_HOME, "\033[H" }, { TK_END, "\033[F" },
		{ TK_INS, "\033[2~" }, { TK_DEL, "\033[3~" },
		{ TK_PGUP, "\033[5~" }, { TK_PGDN, "\033[6~" },
		{ TK_BS, "\177" }, { TK_ENTER, "\r" }, { TK_BTAB, "\033[Z" },
		{ TK_F1, "\033OP" }, { TK_F1 + 1, "\033OQ" },
		{ TK_F1 + 2, "\033OR" }, { TK_F1 + 3, "\033OS" },
		{ TK_F1 + 4, "\033[15~" }, { TK_F1 + 5, "\033[17~" },
		{ TK_F1 + 6, "\033[18~" }, { TK_F1 + 7, "\033[19~" },
		{ TK_F1 + 8, "\033[20~" }, { TK_F1 + 9, "\033[21~" },
		{ TK_F1 + 10, "\033[23~" }, { TK_F1 + 11, "\033[24~" },
	};
	char	 u[4];
	size_t	 i;

	for (i = 0; i < FW_ARRAY_SIZE(seqs); i++) {
		if (seqs[i].key == key) {
			tui_pty_write(&p->pty, seqs[i].seq,
			    strlen(seqs[i].seq));
			return;
		}
	}
	if (key < 0 || key >= TK_UP)
		return;
	/* Control characters go as they are (^C, ^D, ^Z...); the rest as
	 * UTF-8. */
	tui_pty_write(&p->pty, u, fw_utf8_encode((uint32_t)key, u));
}

void
tui_prog_draw(struct tui_prog *p, const struct tui_rect *r,
    enum tui_prog_focus focus, bool title)
{
	uint32_t	 ch[2] = { 0, 0 };
	const uint32_t	*c;
	int		 y, x, w, n = 0, top = p->pty.sb_n - p->pty.view, rows;
	int		 by = title ? r->y + 1 : r->y;
	unsigned	 a;

	rows = title ? r->h - 1 : r->h;
	/* The same title as tui-program.c's, so that the keys and the tests
	 * read both panes alike. */
	if (title)
		tui_pty_title(&p->pty, r, focus, " plain");
	for (y = 0; y < rows; y++) {
		a = tui_pty_in_match(&p->pty, top + y) ? TA_REV : 0;
		c = top + y < p->pty.sb_n + p->pty.rows ?
		    line_at(p, top + y, &n) : NULL;
		for (x = 0; x < r->w; x++) {
			if (c == NULL || x >= n || x >= p->pty.cols ||
			    c[x] == 0) {
				tui_fill(by + y, r->x + x, 1, a);
				continue;
			}
			ch[0] = c[x];
			if (ch[0] == UINT32_MAX)
				continue;	/* right half of a wide char */
			w = wcwidth((wchar_t)ch[0]);
			if (w > 1 && x + w > r->w) {
				tui_fill(by + y, r->x + x, 1, a);
				continue;
			}
			tui_put_cell(by + y, r->x + x, ch, w > 0 ? w : 1,
			    -1, -1, a);
			if (w > 1)
				x += w - 1;
		}
	}
	if (focus == TUI_PROG_KEYS && p->pty.view == 0 && p->cy < rows &&
	    p->cx < r->w && p->cx < p->pty.cols)
		tui_set_cursor(by + p->cy, r->x + p->cx);
}
