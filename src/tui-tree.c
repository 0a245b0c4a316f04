/* tui-tree.c - the tree pane: the source's tree as rows, threads folded
 * under their process, exited tasks kept (dimmed; failures in red).
 *
 * A large tree is never laid out in full: an iterator walks the source's
 * links in display order (no allocation, no recursion), and only the rows
 * inside the pane are filled by the source. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tui-int.h"

#define INDENT_MAX_FRAC	3	/* indentation takes at most 1/3 of the width */

/* Is child c of p shown, given p's folding? all: ignore folding. */
static bool
shown_child(struct tui *ui, struct tui_node *p, struct tui_node *c, bool all)
{
	unsigned	 pf, cf;

	if (all)
		return true;
	pf = ui->src->flags(ui, p, NULL);
	cf = ui->src->flags(ui, c, NULL);
	if (cf & TUI_N_THREAD)
		return (pf & TUI_T_EXPANDED) != 0;
	return (pf & TUI_T_FOLDED) == 0;
}

struct tree_it {
	struct tui	*ui;
	struct tui_node	*n;
	int		 depth;
	bool		 all;		/* every node, folded or not */
	/* On an adopted row: n under adopter, the source's cursor. */
	bool		 alias;
	struct tui_node	*adopter;
	size_t		 cursor;
	pid_t		 from;
};

static void
it_first(struct tree_it *it, struct tui *ui, bool all)
{
	it->ui = ui;
	it->depth = 0;
	it->all = all;
	it->alias = false;
	it->adopter = NULL;
	it->n = ui->src->first(ui, NULL);
}

/* The first process p adopted, when p's child processes are shown: the
 * adopted rows come after them. */
static bool
it_adopted(struct tree_it *it, struct tui_node *p)
{
	const struct tui_source	*src = it->ui->src;
	struct tui_node		*a;
	size_t			 cur = 0;

	if (src->adopted == NULL || (!it->all &&
	    (src->flags(it->ui, p, NULL) & TUI_T_FOLDED)))
		return false;
	if ((a = src->adopted(it->ui, p, &cur, &it->from)) == NULL)
		return false;
	it->n = a;
	it->alias = true;
	it->adopter = p;
	it->cursor = cur;
	return true;
}

/* Pre-order: first shown child, else the adopted rows, else the next
 * shown sibling of the node or of its nearest ancestor (after that
 * ancestor's adopted rows), else the next root. An adopted row is a leaf. */
static void
it_next(struct tree_it *it)
{
	const struct tui_source	*src = it->ui->src;
	struct tui_node		*n = it->n, *c, *p;

	if (it->alias) {
		if ((c = src->adopted(it->ui, it->adopter, &it->cursor,
		    &it->from)) != NULL) {
			it->n = c;
			return;
		}
		/* The adopter's rows are done: on after it. */
		it->alias = false;
		n = it->adopter;
		it->depth--;
	} else {
		for (c = src->first(it->ui, n); c != NULL;
		    c = src->next(it->ui, c)) {
			if (shown_child(it->ui, n, c, it->all)) {
				it->n = c;
				it->depth++;
				return;
			}
		}
		if (it_adopted(it, n)) {
			it->depth++;
			return;
		}
	}
	while (n != NULL) {
		p = src->parent(it->ui, n);
		for (c = src->next(it->ui, n); c != NULL;
		    c = src->next(it->ui, c)) {
			if (p == NULL || shown_child(it->ui, p, c, it->all)) {
				it->n = c;
				return;
			}
		}
		if (p != NULL && it_adopted(it, p))
			return;
		n = p;
		it->depth--;
	}
	it->n = NULL;
}

/* Walk the shown rows: count them, fill rows [want_from, +nwant), and find
 * the selected row (a live task before a dead one with its id; its own
 * row or its adopted one, as the selection says). */
static int
tree_walk(struct tui *ui, int want_from, int nwant, struct tui_row *rows,
    int *sel_idx)
{
	struct tree_it	 it;
	int		 n = 0, best = -1;
	bool		 best_live = false;
	unsigned	 f;
	pid_t		 tid;

	for (it_first(&it, ui, false); it.n != NULL; it_next(&it), n++) {
		if (sel_idx != NULL && ui->sel_tid != 0) {
			f = ui->src->flags(ui, it.n, &tid);
			if (tid == ui->sel_tid && it.alias == ui->sel_alias &&
			    (best < 0 ||
			    (!best_live && !(f & TUI_N_DEAD)))) {
				best = n;
				best_live = !(f & TUI_N_DEAD);
			}
		}
		if (rows != NULL && n >= want_from && n < want_from + nwant) {
			memset(&rows[n - want_from], 0, sizeof *rows);
			rows[n - want_from].n = it.n;
			rows[n - want_from].depth = it.depth;
			rows[n - want_from].alias = it.alias;
			rows[n - want_from].from = it.alias ? it.from : 0;
		}
	}
	if (sel_idx != NULL)
		*sel_idx = best;
	return n;
}

/* Count the folded threads (live and gone) and child processes of a row. */
static int
count_folded(struct tui *ui, struct tui_row *row)
{
	struct tui_node	*c;
	unsigned	 bits = ui->src->flags(ui, row->n, NULL), cf;
	int		 threads = 0;

	for (c = ui->src->first(ui, row->n); c != NULL;
	    c = ui->src->next(ui, c)) {
		cf = ui->src->flags(ui, c, NULL);
		if (cf & TUI_N_THREAD)
			threads++;
		if ((cf & TUI_N_THREAD) && !(bits & TUI_T_EXPANDED)) {
			if (cf & TUI_N_DEAD)
				row->dead_threads++;
			else
				row->threads++;
		} else if (!(cf & TUI_N_THREAD) && (bits & TUI_T_FOLDED)) {
			row->kids++;
		}
	}
	return threads;
}

static void
draw_row(struct tui *ui, int y, struct tui_row *row, bool sel)
{
	const struct tui_rect	*r = &ui->pane[PANE_TREE];
	struct fw_buf		 b;
	char			 right[64], tbuf[16], mark;
	unsigned		 a = 0, wa;
	int			 indent, used, rw, w = r->w, threads;
	bool			 wide = w >= 50;

	ui->src->row(ui, row);
	/* An adopted row is a leaf that points at the task's own row: no
	 * folds, no counts, no marks of its own. */
	if (row->alias) {
		row->current = row->isnew = false;
		threads = 0;
	} else
		threads = count_folded(ui, row);
	if (row->dead)
		a |= TA_DIM;
	/* The palette of the text log and the reports: failed red,
	 * killed magenta. */
	if (row->failed)
		a = (a & ~TA_DIM) | (row->killed ? TC_MAGENTA : TC_RED);
	else if (row->isnew)
		a |= TC_GREEN | TA_BOLD;
	if (row->current)
		a |= TA_BOLD;
	if (sel)
		a |= TA_REV;

	fw_buf_init(&b);
	mark = row->current ? '>' : row->isnew ? '*' : ' ';
	fw_buf_addc(&b, mark);
	indent = row->depth * 2;
	if (indent > w / INDENT_MAX_FRAC)
		indent = w / INDENT_MAX_FRAC;
	/* '+': something folded away; '-': threads shown. */
	fw_buf_printf(&b, "%*s%c", indent, "",
	    row->threads > 0 || row->dead_threads > 0 || row->kids > 0 ? '+' :
	    threads > 0 ? '-' : ' ');
	/* A task in another pid namespace: both pids, the view N picks
	 * first. */
	if (row->inner == 0)
		fw_buf_printf(&b, "%d ", (int)row->tid);
	else if (ui->pids_inner)
		fw_buf_printf(&b, "%d [outer %d] ", (int)row->inner,
		    (int)row->tid);
	else
		fw_buf_printf(&b, "%d [inner %d] ", (int)row->tid,
		    (int)row->inner);
	/* The console's tree says it the same way. */
	if (row->alias)
		fw_buf_printf(&b, "(adopted: its parent %d exited) ",
		    (int)row->from);
	ui->src->label(ui, row->n, &b);
	/* The kernel gave it another parent when its own exited; it stays
	 * under the parent that made it, and is shown again under the new
	 * one when that one is traced. */
	if (row->moved_to != 0 && !row->alias)
		fw_buf_printf(&b, " (re-parented to %d)", (int)row->moved_to);
	/* Threads that are gone are not counted as the process's threads. */
	if (row->threads > 0 && row->dead_threads > 0)
		fw_buf_printf(&b, " [%d thread%s, %d gone]", row->threads,
		    row->threads == 1 ? "" : "s", row->dead_threads);
	else if (row->threads > 0)
		fw_buf_printf(&b, " [%d thread%s]", row->threads,
		    row->threads == 1 ? "" : "s");
	else if (row->dead_threads > 0)
		fw_buf_printf(&b, " [%d thread%s gone]", row->dead_threads,
		    row->dead_threads == 1 ? "" : "s");
	if (row->kids > 0)
		fw_buf_printf(&b, " [+%d]", row->kids);

	tui_fmt_runtime(tbuf, sizeof tbuf, row->runtime);
	if (wide)
		snprintf(right, sizeof right, " %c %-9.9s %7s", row->state,
		    row->why, tbuf);
	else
		snprintf(right, sizeof right, " %c %-9.9s", row->state,
		    row->why);
	rw = (int)strlen(right);
	if (rw > w)
		rw = w;
	used = tui_puts(y, r->x, w - rw, b.data, b.len, a);
	tui_fill(y, r->x + used, w - rw - used, a);
	/* The state and why columns: held in yellow, failures in red. */
	wa = a;
	if (row->held)
		wa = (wa & ~TC_MASK) | TC_YELLOW;
	tui_puts(y, r->x + w - rw, rw, right, (size_t)rw, wa);
	fw_buf_release(&b);
}

void
tui_tree_draw(struct tui *ui)
{
	const struct tui_rect	*r = &ui->pane[PANE_TREE];
	struct tui_row		*rows;
	struct fw_buf		 title;
	int			 h = r->h - 1, total, sel, i, n;

	if (h <= 0)
		return;
	total = tree_walk(ui, 0, 0, NULL, &sel);
	if (sel < 0) {
		/* The selected task is gone: keep the selection's place. */
		sel = ui->sel_idx;
		if (sel >= total)
			sel = total - 1;
		if (sel < 0)
			sel = 0;
		ui->sel_tid = 0;
		ui->sel_alias = false;
	}
	ui->sel_idx = sel;
	ui->tree_rows = total;
	if (sel < ui->tree_top)
		ui->tree_top = sel;
	if (sel >= ui->tree_top + h)
		ui->tree_top = sel - h + 1;
	if (ui->tree_top > total - h)
		ui->tree_top = total - h;
	if (ui->tree_top < 0)
		ui->tree_top = 0;
	rows = fw_calloc((size_t)h, sizeof *rows);
	n = tree_walk(ui, ui->tree_top, h, rows, NULL) - ui->tree_top;
	if (n > h)
		n = h;
	if (ui->sel_tid == 0 && sel - ui->tree_top < n && sel >= ui->tree_top) {
		ui->src->flags(ui, rows[sel - ui->tree_top].n, &ui->sel_tid);
		ui->sel_alias = rows[sel - ui->tree_top].alias;
		ui->dirty |= TUI_R_DETAILS;
	}

	fw_buf_init(&title);
	fw_buf_printf(&title, " tree  %d row%s", total, total == 1 ? "" : "s");
	ui->src->tree_title(ui, &title);
	if (total > h)
		fw_buf_printf(&title, "  [%d-%d]", ui->tree_top + 1,
		    ui->tree_top + n);
	if (ui->search != NULL) {
		fw_buf_adds(&title, "  /");
		esc_text_bare(&title, ui->search, strlen(ui->search));
	}
	tui_title(r, ui->focus == PANE_TREE, fw_buf_cstr(&title));
	fw_buf_release(&title);

	for (i = 0; i < h; i++) {
		if (i < n)
			draw_row(ui, r->y + 1 + i, &rows[i],
			    ui->tree_top + i == sel);
		else
			tui_fill(r->y + 1 + i, r->x, r->w, 0);
	}
	free(rows);
}

/* Move the selection to row idx. */
static unsigned
select_row(struct tui *ui, int idx)
{
	struct tui_row	 row;
	pid_t		 tid = 0;

	row.alias = false;
	if (idx >= ui->tree_rows)
		idx = ui->tree_rows - 1;
	if (idx < 0)
		idx = 0;
	if (idx == ui->sel_idx && ui->sel_tid != 0)
		return 0;
	if (tree_walk(ui, idx, 1, &row, NULL) > idx && row.n != NULL)
		ui->src->flags(ui, row.n, &tid);
	ui->sel_idx = idx;
	ui->sel_tid = 0;
	tui_select_tid(ui, tid);
	ui->sel_alias = tid != 0 && row.alias;
	return TUI_R_TREE | TUI_R_DETAILS | TUI_R_STATUS;
}

/* Count the rows as they are now (keys come in batches between draws). */
static void
recount(struct tui *ui)
{
	int	 idx;

	ui->tree_rows = tree_walk(ui, 0, 0, NULL, &idx);
	if (idx >= 0)
		ui->sel_idx = idx;
}

unsigned
tui_tree_move(struct tui *ui, int key)
{
	int	 page = ui->pane[PANE_TREE].h - 2, step = 3;

	if (page < 1)
		page = 1;
	recount(ui);
	switch (key) {
	case TK_UP:
	case 'k':
		return select_row(ui, ui->sel_idx - 1);
	case TK_DOWN:
	case 'j':
		return select_row(ui, ui->sel_idx + 1);
	case TK_PGUP:
		return select_row(ui, ui->sel_idx - page);
	case TK_PGDN:
		return select_row(ui, ui->sel_idx + page);
	case TK_WHEEL_UP:
		return select_row(ui, ui->sel_idx - step);
	case TK_WHEEL_DOWN:
		return select_row(ui, ui->sel_idx + step);
	case TK_HOME:
		return select_row(ui, 0);
	case TK_END:
		return select_row(ui, ui->tree_rows - 1);
	}
	return 0;
}

/* Toggle bit on n (a process); a thread toggles its process. */
static unsigned
toggle(struct tui *ui, struct tui_node *n, unsigned bit)
{
	struct tui_node	*p;
	pid_t		 tid;
	unsigned	 f = ui->src->flags(ui, n, NULL);

	if ((f & TUI_N_THREAD) && (p = ui->src->parent(ui, n)) != NULL) {
		n = p;
		ui->src->flags(ui, n, &tid);
		ui->sel_tid = tid;
		ui->sel_alias = false;
	}
	f = ui->src->flags(ui, n, NULL);
	ui->src->set_fold(ui, n, (f ^ bit) & (TUI_T_EXPANDED | TUI_T_FOLDED));
	return TUI_R_TREE | TUI_R_DETAILS;
}

static bool
has_kids(struct tui *ui, struct tui_node *n)
{
	struct tui_node	*c;

	for (c = ui->src->first(ui, n); c != NULL; c = ui->src->next(ui, c)) {
		if (!(ui->src->flags(ui, c, NULL) & TUI_N_THREAD))
			return true;
	}
	return false;
}

/* The row of the process that the selected adopted row is under: the
 * last row before it one level up. */
static int
alias_parent(struct tui *ui)
{
	struct tree_it	 it;
	struct tui_row	 row;
	int		 i, up = 0;

	recount(ui);
	if (tree_walk(ui, ui->sel_idx, 1, &row, NULL) <= ui->sel_idx)
		return ui->sel_idx;
	for (it_first(&it, ui, false), i = 0; it.n != NULL && i < ui->sel_idx;
	    it_next(&it), i++) {
		if (it.depth == row.depth - 1 && !it.alias)
			up = i;
	}
	return up;
}

/* Enter or J on an adopted row: the task's own row, where it was made
 * (its ancestors unfolded). */
unsigned
tui_tree_alias_jump(struct tui *ui)
{
	struct tui_node	*n;

	if (!ui->sel_alias || (n = tui_selected(ui)) == NULL)
		return 0;
	tui_message(ui, 0, "%d: its own row, under the process that made it",
	    (int)ui->sel_tid);
	return tui_tree_reveal(ui, n) | TUI_R_MSG;
}

unsigned
tui_tree_fold(struct tui *ui, int key)
{
	struct tui_node	*n, *p;
	unsigned	 f;
	pid_t		 tid;

	if ((n = tui_selected(ui)) == NULL)
		return 0;
	if (ui->sel_alias) {
		switch (key) {
		case TK_ENTER:
			return tui_tree_alias_jump(ui);
		case TK_LEFT:
			return select_row(ui, alias_parent(ui));
		}
		tui_message(ui, 0, "an adopted row: Enter or J goes to the "
		    "task's own row");
		return TUI_R_MSG;
	}
	f = ui->src->flags(ui, n, NULL);
	switch (key) {
	case TK_ENTER:
		return toggle(ui, n, TUI_T_EXPANDED);
	case ' ':
		return toggle(ui, n, TUI_T_FOLDED);
	case TK_LEFT:
		if (!(f & TUI_N_THREAD) && !(f & TUI_T_FOLDED) &&
		    has_kids(ui, n))
			return toggle(ui, n, TUI_T_FOLDED);
		if ((p = ui->src->parent(ui, n)) != NULL) {
			ui->src->flags(ui, p, &tid);
			return tui_select_tid(ui, tid);
		}
		return 0;
	case TK_RIGHT:
		if (f & TUI_T_FOLDED)
			return toggle(ui, n, TUI_T_FOLDED);
		if (!(f & TUI_T_EXPANDED))
			return toggle(ui, n, TUI_T_EXPANDED);
		return 0;
	}
	return 0;
}

/* Unfold n's ancestors so that its row is shown, and select it. */
unsigned
tui_tree_reveal(struct tui *ui, struct tui_node *n)
{
	struct tui_node	*c = n, *p;
	unsigned	 pf, cf;
	pid_t		 tid;

	while ((p = ui->src->parent(ui, c)) != NULL) {
		pf = ui->src->flags(ui, p, NULL);
		cf = ui->src->flags(ui, c, NULL);
		if ((cf & TUI_N_THREAD) && !(pf & TUI_T_EXPANDED))
			ui->src->set_fold(ui, p, (pf | TUI_T_EXPANDED) &
			    (TUI_T_EXPANDED | TUI_T_FOLDED));
		else if (!(cf & TUI_N_THREAD) && (pf & TUI_T_FOLDED))
			ui->src->set_fold(ui, p, pf & TUI_T_EXPANDED);
		c = p;
	}
	ui->src->flags(ui, n, &tid);
	ui->sel_tid = 0;
	tui_select_tid(ui, tid);
	recount(ui);
	return TUI_R_TREE | TUI_R_DETAILS | TUI_R_STATUS;
}

/* Does the task match the search pattern (its id or label)? */
static bool
node_matches(struct tui *ui, struct tui_node *n, const char *pat)
{
	struct fw_buf	 b;
	char		 id[16];
	pid_t		 tid;
	bool		 m;

	ui->src->flags(ui, n, &tid);
	snprintf(id, sizeof id, "%d", (int)tid);
	if (strcmp(id, pat) == 0)
		return true;
	fw_buf_init(&b);
	ui->src->label(ui, n, &b);
	m = strstr(fw_buf_cstr(&b), pat) != NULL;
	fw_buf_release(&b);
	return m;
}

/* The next (dir > 0) or previous task after the selection, folded ones
 * included, for which match() holds (at its own row: adopted rows are
 * passed over); wraps around. */
static struct tui_node *
find_from_selection(struct tui *ui, int dir, bool skip_self,
    bool (*match)(struct tui *, struct tui_node *, const char *),
    const char *arg)
{
	struct tree_it	 it;
	struct tui_node	*sel = tui_selected(ui), *first = NULL, *last = NULL,
			*before = NULL, *after = NULL;
	bool		 seen = sel == NULL, self = false;

	for (it_first(&it, ui, true); it.n != NULL; it_next(&it)) {
		if (it.n == sel && it.alias == ui->sel_alias) {
			seen = true;
			if (skip_self && !it.alias) {
				self = match(ui, it.n, arg);
				continue;
			}
		}
		/* A task is found at its own row, never twice. */
		if (it.alias || !match(ui, it.n, arg))
			continue;
		if (first == NULL)
			first = it.n;
		last = it.n;
		if (!seen)
			before = it.n;
		else if (after == NULL)
			after = it.n;
	}
	/* Around the tree and back to the selection itself. */
	if (first == NULL && self)
		return sel;
	if (dir > 0)
		return after != NULL ? after : first;
	return before != NULL ? before : last;
}

unsigned
tui_tree_search(struct tui *ui, const char *pattern, bool next)
{
	struct tui_node	*n;
	pid_t		 tid;

	if (pattern != NULL && pattern[0] != '\0') {
		free(ui->search);
		ui->search = fw_strdup(pattern);
	}
	if (ui->search == NULL) {
		tui_message(ui, 0, "no search yet: / then text");
		return TUI_R_MSG;
	}
	n = find_from_selection(ui, 1, next, node_matches, ui->search);
	if (n == NULL) {
		tui_message(ui, TC_RED, "not found: %s", ui->search);
		return TUI_R_MSG | TUI_R_TREE;
	}
	ui->src->flags(ui, n, &tid);
	tui_message(ui, 0, "%d: found", (int)tid);
	return tui_tree_reveal(ui, n) | TUI_R_MSG;
}

static bool
node_failed(struct tui *ui, struct tui_node *n, const char *unused)
{
	(void)unused;
	return (ui->src->flags(ui, n, NULL) & TUI_N_FAILED) != 0;
}

/* x, X: the next or previous task that failed, in tree order. */
unsigned
tui_tree_failure(struct tui *ui, int dir)
{
	struct tui_node	*n = find_from_selection(ui, dir, true, node_failed,
	    NULL);
	struct fw_buf	 b;
	pid_t		 tid;

	if (n == NULL) {
		tui_message(ui, 0, "no task has failed");
		return TUI_R_MSG;
	}
	ui->src->flags(ui, n, &tid);
	fw_buf_init(&b);
	ui->src->label(ui, n, &b);
	tui_message(ui, TC_RED, "%d failed: %s", (int)tid, fw_buf_cstr(&b));
	fw_buf_release(&b);
	return tui_tree_reveal(ui, n) | TUI_R_MSG;
}
