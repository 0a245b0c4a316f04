/* tui-prompt.c - the prompt line under the panes: ':' console commands
 * with history and Tab completion (an ambiguous word lists its
 * candidates), '/' search, 'f' event filter, 'g' go to (replay), and y/n
 * questions. Enter submits, Esc and Ctrl-C cancel; Emacs-style editing
 * keys (Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-K, Ctrl-W). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "escape.h"
#include "tui-int.h"

#define HIST_MAX	500

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

unsigned
tui_prompt_open(struct tui *ui, enum tui_prompt p, const char *init)
{
	ui->prompt = p;
	ui->cands[0] = '\0';
	line_set(ui, init);
	ui->hist_pos = ui->nhist;
	return TUI_R_MSG | TUI_R_STATUS;
}

/* Insert code point c at the cursor, UTF-8 encoded. */
static void
line_insert(struct tui *ui, int c)
{
	char	 u[4];
	size_t	 n = fw_utf8_encode((uint32_t)c, u);

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
	cand = ui->src->complete != NULL ? ui->src->complete(ui, before, argi,
	    word) : NULL;
	for (n = 0; cand != NULL && cand[n] != NULL; n++)
		;
	if (n == 0) {
		snprintf(ui->cands, sizeof ui->cands, " Tab: no completion");
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
			ui->cands[0] = '\0';
		} else {
			/* Ambiguous: the candidates on the status line, above
			 * the prompt, until the next key. */
			fw_buf_init(&list);
			fw_buf_printf(&list, " Tab: %d candidates:", n);
			for (i = 0; i < (size_t)n && list.len < 400; i++) {
				fw_buf_addc(&list, ' ');
				esc_text_bare(&list, cand[i], strlen(cand[i]));
			}
			snprintf(ui->cands, sizeof ui->cands, "%s",
			    fw_buf_cstr(&list));
			fw_buf_release(&list);
		}
	}
	cmd_free_argv(cand);
	free(before);
	return TUI_R_MSG | TUI_R_STATUS;
}

/* '/': the program's scrollback when its pane has the focus, else the
 * source's own search (over time in a replay), else the tree's rows. */
static unsigned
search(struct tui *ui, const char *line)
{
	if (ui->focus == PANE_PROGRAM && ui->prog != NULL) {
		if (line[0] != '\0') {
			free(ui->search);
			ui->search = fw_strdup(line);
		}
		if (ui->search == NULL)
			return 0;
		if (!tui_prog_search(ui->prog, ui->search, -1)) {
			tui_message(ui, TC_RED, "not found above: %s",
			    ui->search);
			return TUI_R_MSG;
		}
		tui_message(ui, 0, "found: %s (/ Enter: the one above)",
		    ui->search);
		return TUI_R_PROGRAM | TUI_R_MSG;
	}
	if (ui->src->search != NULL)
		return ui->src->search(ui, line, true);
	return tui_tree_search(ui, line, true);
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
		if (line[0] == '\0')
			break;
		if (ui->src->command != NULL)
			r |= ui->src->command(ui, line, true);
		else
			tui_message(ui, 0, "no commands here");
		break;
	case PROMPT_SEARCH:
		r |= search(ui, line);
		break;
	case PROMPT_FILTER:
		r |= tui_events_filter(ui, line);
		break;
	case PROMPT_GOTO:
		if (ui->src->go != NULL)
			r |= ui->src->go(ui, line);
		break;
	default:
		break;
	}
	free(line);
	return r;
}

/* A y/n question: y runs the answer; n, Esc, Ctrl-C, Ctrl-G and Enter say
 * no; other keys leave the question open. */
static unsigned
yesno_key(struct tui *ui, int key)
{
	unsigned	(*yes)(struct tui *) = ui->yes;

	switch (key) {
	case 'y':
	case 'Y':
		ui->prompt = PROMPT_NONE;
		ui->yes = NULL;
		ui->msg[0] = '\0';
		return (yes != NULL ? yes(ui) : 0) | TUI_R_MSG | TUI_R_STATUS;
	case 'n':
	case 'N':
	case TK_ESC:
	case TK_ENTER:
	case TK_CTRL_C:
	case TK_CTRL_G:
		ui->prompt = PROMPT_NONE;
		ui->yes = NULL;
		tui_message(ui, 0, "%s", ui->no != NULL ? ui->no : "no");
		return TUI_R_MSG | TUI_R_STATUS;
	default:
		return 0;
	}
}

const char *
tui_prompt_prefix(enum tui_prompt p)
{
	switch (p) {
	case PROMPT_COMMAND:	return ":";
	case PROMPT_SEARCH:	return "/";
	case PROMPT_FILTER:	return "filter (kinds, nonzero, killed, "
				    "failed, under=PID): ";
	case PROMPT_GOTO:	return "go to (event N or time Ns): ";
	default:		return "";
	}
}

unsigned
tui_prompt_key(struct tui *ui, int key)
{
	if (ui->prompt == PROMPT_YESNO)
		return yesno_key(ui, key);
	if (key != '\t' && ui->cands[0] != '\0') {
		ui->cands[0] = '\0';
		ui->dirty |= TUI_R_STATUS;
	}
	switch (key) {
	case TK_ENTER:
		return prompt_submit(ui);
	case TK_ESC:
	case TK_CTRL_C:
	case TK_CTRL_G:
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
		if (ui->prompt == PROMPT_COMMAND)
			return complete(ui) | TUI_R_MSG;
		break;
	default:
		if (key >= 0x20 && key < TK_UP && key != 0x7f)
			line_insert(ui, key);
		break;
	}
	return TUI_R_MSG;
}

