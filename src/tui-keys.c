/* tui-keys.c - what keys do: each handler changes state and returns what
 * must be redrawn (TUI_R_*), never draws. Also the prompt line (':'
 * commands with history and completion, '/' search, 'f' filter), the
 * status line and the help screen, which list the same keys. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "escape.h"
#include "tui-int.h"

#define HIST_MAX	500

struct key_help {
	const char	*keys;
	const char	*what;
	bool		 live;		/* only for a live trace */
	bool		 replay;	/* only for --replay */
};

static const struct key_help key_help[] = {
	{ "n s",	"step: run to the next lifecycle event, stop", true, false },
	{ "c",		"continue until a breakpoint or the end", true, false },
	{ "p ^C",	"pause: stop every task now", true, false },
	{ "h",		"hold / release the selected task", true, false },
	{ "B",		"break at the selected task's next event", true, false },
	{ "b",		"backtrace of the selected task", true, false },
	{ "g",		"hand the selected task to gdb", true, false },
	{ ":",		"console command (Tab completes, Up/Down history)",
	    true, false },
	{ "i",		"type into the program (Ctrl-] gives the keys back)",
	    true, false },
	{ "-> n",	"replay: next event", false, true },
	{ "<- p",	"replay: previous event", false, true },
	{ "] [",	"replay: next / previous event of the selected task",
	    false, true },
	{ "} {",	"replay: 100 events forward / back", false, true },
	{ "Home End",	"replay: first / last event", false, true },
	{ "g",		"replay: go to event number N or time Ns", false,
	    true },
	{ "Up Down",	"move in the focused pane (also k j PgUp PgDn)", false,
	    false },
	{ "Enter",	"tree: show / hide the threads of a process", false,
	    false },
	{ "Space",	"tree: fold / unfold the children of a process", false,
	    false },
	{ "Left Right",	"tree: fold, go to parent / unfold", true, false },
	{ "/",		"search the tree (Enter on empty: next match)", false,
	    false },
	{ "f",		"filter events: kinds, under=PID (empty: all)", false,
	    false },
	{ "F",		"events of the selected subtree only / all", false,
	    false },
	{ "Tab",	"focus the next pane (Shift-Tab: previous)", false,
	    false },
	{ "z",		"zoom the focused pane", false, false },
	{ "o",		"details pane: command output / task details", false,
	    false },
	{ "? ^L",	"this help; redraw the screen", false, false },
	{ "q",		"quit (asks first while tasks live)", false, false },
};

void
tui_help_draw(struct tui *ui)
{
	char		 line[256];
	int		 y = 0, h = ui->rows - 2, used;
	size_t		 i;

	snprintf(line, sizeof line, " forkwatch keys%s - any key closes",
	    ui->live ? "" : " (replay)");
	tui_puts(y, 0, ui->cols, line, strlen(line), TA_REV | TA_BOLD);
	tui_fill(y, tui_text_width(line, strlen(line)), ui->cols -
	    tui_text_width(line, strlen(line)), TA_REV | TA_BOLD);
	for (i = 0, y = 1; y < h; i++, y++) {
		used = 0;
		while (i < FW_ARRAY_SIZE(key_help) &&
		    ((key_help[i].live && !ui->live) ||
		    (key_help[i].replay && ui->live)))
			i++;
		if (i < FW_ARRAY_SIZE(key_help)) {
			snprintf(line, sizeof line, "  %-11s %s",
			    key_help[i].keys, key_help[i].what);
			used = tui_puts(y, 0, ui->cols, line, strlen(line), 0);
		}
		tui_fill(y, used, ui->cols - used, 0);
	}
}

/* The keys that matter now, for the status line. */
static const char *
hints(const struct tui *ui)
{
	if (ui->prompt == PROMPT_COMMAND)
		return "Enter:run Tab:complete Up/Down:history Esc:cancel";
	if (ui->prompt != PROMPT_NONE)
		return "Enter:ok Esc:cancel";
	if (ui->prog_keys)
		return "keys go to the program  Ctrl-]:back";
	if (!ui->live)
		return "->/n <-/p:event ]/[:task Home/End g:goto /:find "
		    "f:filter ?:help q:quit";
	switch (ui->s.state) {
	case SESS_RUNNING:
		return "p:pause h:hold b:bt /:find f:filter ::cmd ?:help q:quit";
	case SESS_STOPPED:
		return "n:step c:cont h:hold B:break b:bt g:gdb ::cmd /:find "
		    "?:help q:quit";
	default:
		return "::cmd /:find f:filter ?:help q:quit";
	}
}

void
tui_status_draw(struct tui *ui)
{
	struct fw_buf		 b;
	const struct breakpoint	*bp;
	const char		*h = hints(ui);
	int			 y = ui->rows - 2, used, hw, nbp = 0;
	unsigned		 a = TA_REV;

	if (y < 0)
		return;
	fw_buf_init(&b);
	if (!ui->live) {
		tui_replay_status(ui, &b);
	} else {
		switch (ui->s.state) {
		case SESS_RUNNING:
			fw_buf_adds(&b, " RUNNING");
			a |= TC_GREEN;
			break;
		case SESS_STOPPED:
			fw_buf_adds(&b, " STOPPED");
			a |= TC_YELLOW;
			break;
		case SESS_DONE:
			fw_buf_adds(&b, " DONE");
			break;
		}
		for (bp = ui->s.bps; bp != NULL; bp = bp->next)
			nbp++;
		fw_buf_printf(&b, "  live %zu  exited %zu  %.0f ev/s",
		    engine_live(&ui->s.eng), ui->s.eng.ndead, ui->ev_rate);
		if (nbp > 0)
			fw_buf_printf(&b, "  bp %d", nbp);
		if (ui->s.stop_mode == SESS_STOP_TASK)
			fw_buf_adds(&b, "  task-stop");
	}
	fw_buf_adds(&b, "  ");
	used = tui_puts(y, 0, ui->cols, b.data, b.len, a | TA_BOLD);
	hw = tui_text_width(h, strlen(h));
	if (used + hw + 1 <= ui->cols) {
		tui_fill(y, used, ui->cols - used - hw - 1, TA_REV);
		tui_puts(y, ui->cols - hw - 1, hw, h, strlen(h), TA_REV);
		tui_fill(y, ui->cols - 1, 1, TA_REV);
	} else {
		used += tui_puts(y, used, ui->cols - used, h, strlen(h),
		    TA_REV);
		tui_fill(y, used, ui->cols - used, TA_REV);
	}
	fw_buf_release(&b);
}

static const char *
prompt_prefix(enum tui_prompt p)
{
	switch (p) {
	case PROMPT_COMMAND:	return ":";
	case PROMPT_SEARCH:	return "/";
	case PROMPT_FILTER:	return "filter (kinds, under=PID): ";
	case PROMPT_GOTO:	return "go to (event N or time Ns): ";
	default:		return "";
	}
}

void
tui_msg_draw(struct tui *ui)
{
	const char	*pre = prompt_prefix(ui->prompt), *text;
	int		 y = ui->rows - 1, pw, used, cw;
	size_t		 start = 0;

	if (y < 0)
		return;
	if (ui->prompt == PROMPT_NONE || ui->prompt == PROMPT_QUIT) {
		used = tui_puts(y, 0, ui->cols, ui->msg, strlen(ui->msg),
		    ui->msg_attr);
		tui_fill(y, used, ui->cols - used, 0);
		return;
	}
	pw = tui_puts(y, 0, ui->cols, pre, strlen(pre), TA_BOLD);
	text = fw_buf_cstr(&ui->line);
	/* Keep the cursor on screen: show the line from a later start. */
	while (start < ui->cur && (cw = tui_text_width(text + start,
	    ui->cur - start)) > ui->cols - pw - 1) {
		start++;
		while (start < ui->cur &&
		    ((unsigned char)text[start] & 0xc0) == 0x80)
			start++;
	}
	used = tui_puts(y, pw, ui->cols - pw, text + start,
	    ui->line.len - start, 0);
	tui_fill(y, pw + used, ui->cols - pw - used, 0);
	tui_set_cursor(y, pw + tui_text_width(text + start, ui->cur - start));
}

static void
tui_hist_add(struct tui *ui, const char *line)
{
	if (line[0] == '\0' || (ui->nhist > 0 &&
	    strcmp(ui->hist[ui->nhist - 1], line) == 0))
		return;
	if (ui->nhist == HIST_MAX) {
		free(ui->hist[0]);
		memmove(ui->hist, ui->hist + 1,
		    (size_t)(HIST_MAX - 1) * sizeof *ui->hist);
		ui->nhist--;
	}
	ui->hist = fw_realloc(ui->hist, (size_t)(ui->nhist + 1) *
	    sizeof *ui->hist);
	ui->hist[ui->nhist++] = fw_strdup(line);
}

static void
line_set(struct tui *ui, const char *s)
{
	fw_buf_reset(&ui->line);
	fw_buf_adds(&ui->line, s);
	fw_buf_cstr(&ui->line);
	ui->cur = ui->line.len;
}

static unsigned
prompt_open(struct tui *ui, enum tui_prompt p, const char *init)
{
	ui->prompt = p;
	line_set(ui, init);
	ui->hist_pos = ui->nhist;
	return TUI_R_MSG | TUI_R_STATUS;
}

/* Insert code point c at the cursor, UTF-8 encoded. */
static void
line_insert(struct tui *ui, int c)
{
	char	 u[4];
	size_t	 n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	fw_buf_grow(&ui->line, n + 1);
	memmove(ui->line.data + ui->cur + n, ui->line.data + ui->cur,
	    ui->line.len - ui->cur);
	memcpy(ui->line.data + ui->cur, u, n);
	ui->line.len += n;
	ui->cur += n;
	ui->line.data[ui->line.len] = '\0';
}

static size_t
char_before(const struct tui *ui, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)ui->line.data[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

static size_t
char_after(const struct tui *ui, size_t pos)
{
	if (pos >= ui->line.len)
		return ui->line.len;
	pos++;
	while (pos < ui->line.len &&
	    ((unsigned char)ui->line.data[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

static void
line_delete(struct tui *ui, size_t from, size_t to)
{
	memmove(ui->line.data + from, ui->line.data + to, ui->line.len - to);
	ui->line.len -= to - from;
	ui->line.data[ui->line.len] = '\0';
	if (ui->cur > to)
		ui->cur -= to - from;
	else if (ui->cur > from)
		ui->cur = from;
}

/* Tab: complete the word before the cursor with cmd_complete(). */
static unsigned
complete(struct tui *ui)
{
	char		*before, **cand;
	const char	*word;
	size_t		 ws, i, common, wl;
	int		 argi = 0, n;
	bool		 inword = false;
	struct fw_buf	 list;

	before = fw_strndup(fw_buf_cstr(&ui->line), ui->cur);
	for (ws = 0, i = 0; before[i] != '\0'; i++) {
		if (before[i] == ' ' || before[i] == '\t') {
			if (inword)
				argi++;
			inword = false;
		} else if (!inword) {
			inword = true;
			ws = i;
		}
	}
	if (!inword)
		ws = i;
	word = before + ws;
	cand = cmd_complete(&ui->s, before, argi, word);
	for (n = 0; cand != NULL && cand[n] != NULL; n++)
		;
	if (n == 0) {
		tui_message(ui, 0, "no completion");
	} else {
		common = strlen(cand[0]);
		for (i = 1; i < (size_t)n; i++) {
			size_t j = 0;
			while (j < common && cand[i][j] == cand[0][j])
				j++;
			common = j;
		}
		wl = strlen(word);
		if (common > wl) {
			line_delete(ui, ws, ui->cur);
			ui->cur = ws;
			for (i = 0; i < common; i++)
				line_insert(ui, (unsigned char)cand[0][i]);
		}
		if (n == 1) {
			line_insert(ui, ' ');
			ui->msg[0] = '\0';
		} else {
			fw_buf_init(&list);
			for (i = 0; i < (size_t)n && list.len < 400; i++) {
				esc_text_bare(&list, cand[i], strlen(cand[i]));
				fw_buf_addc(&list, ' ');
			}
			tui_message(ui, 0, "%s", fw_buf_cstr(&list));
			fw_buf_release(&list);
		}
	}
	cmd_free_argv(cand);
	free(before);
	return TUI_R_MSG;
}

static unsigned
prompt_submit(struct tui *ui)
{
	enum tui_prompt	 p = ui->prompt;
	char		*line = fw_strdup(fw_buf_cstr(&ui->line));
	unsigned	 r = TUI_R_MSG | TUI_R_STATUS;

	ui->prompt = PROMPT_NONE;
	switch (p) {
	case PROMPT_COMMAND:
		tui_hist_add(ui, line);
		if (line[0] != '\0')
			r |= tui_run_command(ui, line, true);
		break;
	case PROMPT_SEARCH:
		r |= tui_tree_search(ui, line, true);
		break;
	case PROMPT_FILTER:
		r |= tui_events_filter(ui, line);
		break;
	case PROMPT_GOTO:
		r |= tui_replay_goto(ui, line);
		break;
	default:
		break;
	}
	free(line);
	return r;
}

static unsigned
prompt_key(struct tui *ui, int key)
{
	if (ui->prompt == PROMPT_QUIT) {
		ui->prompt = PROMPT_NONE;
		if (key == 'y' || key == 'Y')
			return TUI_R_QUIT;
		tui_message(ui, 0, "not quitting");
		return TUI_R_MSG | TUI_R_STATUS;
	}
	switch (key) {
	case TK_ENTER:
		return prompt_submit(ui);
	case TK_ESC:
	case 0x03:		/* ^C */
	case 0x07:		/* ^G */
		ui->prompt = PROMPT_NONE;
		ui->msg[0] = '\0';
		return TUI_R_MSG | TUI_R_STATUS;
	case TK_BS:
	case 0x08:
		if (ui->cur == 0 && ui->line.len == 0) {
			ui->prompt = PROMPT_NONE;
			return TUI_R_MSG | TUI_R_STATUS;
		}
		line_delete(ui, char_before(ui, ui->cur), ui->cur);
		break;
	case TK_DEL:
	case 0x04:		/* ^D */
		line_delete(ui, ui->cur, char_after(ui, ui->cur));
		break;
	case TK_LEFT:
	case 0x02:		/* ^B */
		ui->cur = char_before(ui, ui->cur);
		break;
	case TK_RIGHT:
	case 0x06:		/* ^F */
		ui->cur = char_after(ui, ui->cur);
		break;
	case TK_HOME:
	case 0x01:		/* ^A */
		ui->cur = 0;
		break;
	case TK_END:
	case 0x05:		/* ^E */
		ui->cur = ui->line.len;
		break;
	case 0x15:		/* ^U */
		line_delete(ui, 0, ui->cur);
		break;
	case 0x0b:		/* ^K */
		line_delete(ui, ui->cur, ui->line.len);
		break;
	case 0x17: {		/* ^W */
		size_t	 p = ui->cur;
		while (p > 0 && ui->line.data[p - 1] == ' ')
			p--;
		while (p > 0 && ui->line.data[p - 1] != ' ')
			p--;
		line_delete(ui, p, ui->cur);
		break;
	}
	case TK_UP:
	case 0x10:		/* ^P */
		if (ui->prompt == PROMPT_COMMAND && ui->hist_pos > 0)
			line_set(ui, ui->hist[--ui->hist_pos]);
		break;
	case TK_DOWN:
	case 0x0e:		/* ^N */
		if (ui->prompt == PROMPT_COMMAND && ui->hist_pos < ui->nhist) {
			ui->hist_pos++;
			line_set(ui, ui->hist_pos < ui->nhist ?
			    ui->hist[ui->hist_pos] : "");
		}
		break;
	case '\t':
		if (ui->prompt == PROMPT_COMMAND && ui->live)
			return complete(ui) | TUI_R_MSG;
		break;
	default:
		if (key >= 0x20 && key < TK_UP && key != 0x7f)
			line_insert(ui, key);
		break;
	}
	return TUI_R_MSG;
}

static unsigned
cycle_focus(struct tui *ui, int dir)
{
	int	 i, p = ui->focus;

	for (i = 0; i < PANE_COUNT; i++) {
		p = (p + dir + PANE_COUNT) % PANE_COUNT;
		if (p == PANE_PROGRAM && ui->prog == NULL)
			continue;
		if (ui->zoom || ui->shown[p])
			break;
	}
	ui->focus = (enum tui_pane)p;
	return ui->zoom ? TUI_R_LAYOUT : TUI_R_ALL;
}

/* Run a command that ends with the selected task's id ("hold "). */
static unsigned
task_command(struct tui *ui, const char *prefix)
{
	struct fw_task	*t = tui_selected(ui);
	char		 line[64];

	if (t == NULL) {
		tui_message(ui, TC_RED, "no task selected");
		return TUI_R_MSG;
	}
	snprintf(line, sizeof line, "%s%d", prefix, (int)t->tid);
	return tui_run_command(ui, line, false);
}

/* Keys that drive a live trace. 0: not one of them. */
static unsigned
live_key(struct tui *ui, int key)
{
	struct fw_task	*t;

	switch (key) {
	case 'n':
	case 's':
		if (ui->s.state == SESS_RUNNING) {
			tui_message(ui, 0, "running: p pauses first");
			return TUI_R_MSG;
		}
		return tui_run_command(ui, "step", false);
	case 'c':
		if (ui->s.state == SESS_RUNNING) {
			tui_message(ui, 0, "already running");
			return TUI_R_MSG;
		}
		return tui_run_command(ui, "continue", false);
	case 'p':
	case 0x03:		/* ^C, as at the console */
		if (ui->s.state != SESS_RUNNING) {
			tui_message(ui, 0, "not running");
			return TUI_R_MSG;
		}
		session_pause(&ui->s);
		return tui_after_command(ui, SESS_RUNNING) | TUI_R_ALL;
	case 'h':
		if ((t = tui_selected(ui)) == NULL)
			return 0;
		return task_command(ui, (t->flags & TF_HELD) ? "release " :
		    "hold ");
	case 'B':
		return task_command(ui, "tbreak any pid=");
	case 'b':
		return tui_backtrace(ui);
	case 'g':
		return task_command(ui, "gdb ");
	case ':':
		return prompt_open(ui, PROMPT_COMMAND, "");
	case 'i':
		if (ui->prog == NULL) {
			tui_message(ui, 0, "no program pane (the program "
			    "is not on a forkwatch terminal)");
			return TUI_R_MSG;
		}
		ui->prog_keys = true;
		ui->focus = PANE_PROGRAM;
		return TUI_R_ALL | (ui->zoom ? TUI_R_LAYOUT : 0);
	}
	return 0;
}

unsigned
tui_key(struct tui *ui, int key)
{
	unsigned	 r;
	struct fw_task	*t;

	if (key == TK_NONE)
		return 0;
	if (ui->prompt != PROMPT_NONE)
		return prompt_key(ui, key);
	if (ui->help) {
		ui->help = false;
		return TUI_R_LAYOUT;
	}
	if (ui->prog_keys) {
		if (key == TK_CTRL_RBRACKET) {
			ui->prog_keys = false;
			return TUI_R_ALL;
		}
		tui_prog_key(ui->prog, key);
		return 0;
	}
	if (!ui->live && (r = tui_replay_key(ui, key)) != 0)
		return r;
	if (ui->live && (r = live_key(ui, key)) != 0)
		return r;
	switch (key) {
	case 'q':
		if (ui->live && engine_live(&ui->s.eng) > 0) {
			ui->prompt = PROMPT_QUIT;
			tui_message(ui, TA_BOLD, "%s %zu traced task%s and quit? "
			    "(y/n)", ui->s.eng.launched ? "Kill" : "Detach from",
			    engine_live(&ui->s.eng),
			    engine_live(&ui->s.eng) == 1 ? "" : "s");
			return TUI_R_MSG | TUI_R_STATUS;
		}
		return TUI_R_QUIT;
	case '?':
	case TK_F1:
		ui->help = true;
		return TUI_R_ALL;
	case '/':
		return prompt_open(ui, PROMPT_SEARCH, "");
	case 'f':
		return prompt_open(ui, PROMPT_FILTER, "");
	case 'F':
		if (ui->ev_under != 0) {
			ui->ev_under = 0;
		} else if ((t = tui_selected(ui)) != NULL) {
			ui->ev_under = t->tgid;
		}
		ui->ev_scroll = 0;
		return TUI_R_EVENTS;
	case '\t':
		return cycle_focus(ui, 1);
	case TK_BTAB:
		return cycle_focus(ui, -1);
	case 'z':
		ui->zoom = !ui->zoom;
		return TUI_R_LAYOUT;
	case 'o':
		ui->detview = ui->detview == DET_INFO ? DET_OUTPUT : DET_INFO;
		ui->out_scroll = 0;
		return TUI_R_DETAILS;
	case TK_CTRL_L:
		tui_term_resize(ui);
		tui_repaint();
		return TUI_R_ALL | TUI_R_LAYOUT;
	case ':':
	case 'n': case 's': case 'c': case 'p': case 'h': case 'B': case 'b':
	case 'i':
		tui_message(ui, 0, "replay: the trace is not live");
		return TUI_R_MSG;
	}
	switch (ui->focus) {
	case PANE_TREE:
		return tui_tree_key(ui, key);
	case PANE_DETAILS:
		return tui_details_key(ui, key);
	case PANE_EVENTS:
		return tui_events_key(ui, key);
	default:
		return 0;
	}
}
