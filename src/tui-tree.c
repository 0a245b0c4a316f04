/* tui-tree.c - the tree pane: the traced tree as rows, threads folded under
 * their process, exited tasks kept (dimmed; failures in red).
 *
 * A large tree is never laid out in full: an iterator walks the task links
 * in display order (no allocation, no recursion), and only the rows inside
 * the pane are formatted, with /proc read for those rows only. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "flags.h"
#include "tui-int.h"

#define INDENT_MAX_FRAC	3	/* indentation takes at most 1/3 of the width */

static unsigned
tui_ui_bits(const struct tui *ui, const struct fw_task *t)
{
	if (!ui->live)
		return tui_replay_ui_bits(t);
	return (unsigned)(uintptr_t)t->client;
}

/* Live tasks keep their few UI bits in the client pointer itself, so
 * nothing needs freeing when the engine drops a task. */
static void
tui_set_ui_bits(struct tui *ui, struct fw_task *t, unsigned bits)
{
	if (!ui->live)
		tui_replay_set_ui_bits(t, bits);
	else
		t->client = (void *)(uintptr_t)bits;
}

static bool
visible(const struct tui *ui, const struct fw_task *t)
{
	return ui->live || tui_replay_visible(ui->rp, t);
}

/* Is child c of p shown, given p's folding? */
static bool
shown_child(const struct tui *ui, const struct fw_task *p,
    const struct fw_task *c)
{
	unsigned	 bits;

	if (!visible(ui, c))
		return false;
	bits = tui_ui_bits(ui, p);
	if (c->flags & TF_THREAD)
		return (bits & TUI_T_EXPANDED) != 0;
	return (bits & TUI_T_FOLDED) == 0;
}

struct tree_it {
	struct tui	*ui;
	struct fw_task	*t;
	int		 depth;
};

static struct fw_task *
next_root(struct tui *ui, struct fw_task *from)
{
	for (; from != NULL; from = from->all_next) {
		if (from->parent == NULL && visible(ui, from))
			return from;
	}
	return NULL;
}

static void
it_first(struct tree_it *it, struct tui *ui)
{
	it->ui = ui;
	it->depth = 0;
	it->t = next_root(ui, ui->tasks->head);
}

/* Pre-order: first shown child, else the next shown sibling of the task or
 * of its nearest ancestor, else the next root. */
static void
it_next(struct tree_it *it)
{
	struct fw_task	*t = it->t, *c;

	for (c = t->first_child; c != NULL; c = c->next_sib) {
		if (shown_child(it->ui, t, c)) {
			it->t = c;
			it->depth++;
			return;
		}
	}
	while (t != NULL) {
		if (t->parent == NULL) {
			it->t = next_root(it->ui, t->all_next);
			it->depth = 0;
			return;
		}
		for (c = t->next_sib; c != NULL; c = c->next_sib) {
			if (shown_child(it->ui, t->parent, c)) {
				it->t = c;
				return;
			}
		}
		t = t->parent;
		it->depth--;
	}
	it->t = NULL;
}

static int
tui_tree_walk(struct tui *ui, int want_from, int nwant, struct tui_row *rows,
    int *sel_idx)
{
	struct tree_it	 it;
	int		 n = 0, best = -1;
	bool		 best_live = false;

	for (it_first(&it, ui); it.t != NULL; it_next(&it), n++) {
		if (sel_idx != NULL && ui->sel_tid != 0 &&
		    it.t->tid == ui->sel_tid && (best < 0 ||
		    (!best_live && it.t->state != TASK_DEAD))) {
			best = n;
			best_live = it.t->state != TASK_DEAD;
		}
		if (rows != NULL && n >= want_from && n < want_from + nwant) {
			memset(&rows[n - want_from], 0, sizeof *rows);
			rows[n - want_from].t = it.t;
			rows[n - want_from].depth = it.depth;
		}
	}
	if (sel_idx != NULL)
		*sel_idx = best;
	return n;
}

static struct fw_task *
tui_find_task(struct tui *ui, pid_t tid)
{
	struct fw_task	*t;

	if (!ui->live)
		return tui_replay_find(ui, tid);
	if ((t = task_find(ui->tasks, tid)) != NULL)
		return t;
	for (t = ui->tasks->tail; t != NULL; t = t->all_prev) {
		if (t->tid == tid)
			return t;
	}
	return NULL;
}

/* The selected task; resolves a selection made by row index. */
struct fw_task *
tui_selected(struct tui *ui)
{
	struct tui_row	 row;

	if (ui->sel_tid == 0) {
		if (tui_tree_walk(ui, ui->sel_idx, 1, &row, NULL) <=
		    ui->sel_idx || row.t == NULL)
			return NULL;
		ui->sel_tid = row.t->tid;
		return row.t;
	}
	return tui_find_task(ui, ui->sel_tid);
}

unsigned
tui_select_tid(struct tui *ui, pid_t tid)
{
	if (tid == 0 || tid == ui->sel_tid)
		return 0;
	ui->sel_tid = tid;
	ui->det_scroll = 0;
	return TUI_R_TREE | TUI_R_DETAILS | TUI_R_STATUS;
}

/* Process rows show argv; thread rows their own name, pstree style. */
static void
tui_task_label(struct tui *ui, const struct fw_task *t, struct fw_buf *b)
{
	if (!ui->live) {
		tui_replay_label(ui, t, b);
		return;
	}
	if (t->flags & TF_THREAD) {
		fw_buf_addc(b, '{');
		esc_text_bare(b, task_name(t), strlen(task_name(t)));
		fw_buf_addc(b, '}');
		return;
	}
	if (!tui_label_argv(b, &t->argv))
		esc_text_bare(b, task_name(t), strlen(task_name(t)));
}

/* argv as a row label, escaped: argv[0] without its directory (the pane
 * is narrow; the details pane has all of it). False when argv is empty. */
bool
tui_label_argv(struct fw_buf *b, const struct fw_strv *argv)
{
	const char	*a, *slash;
	bool		 first = true;

	for (a = NULL; (a = strv_next(argv, a)) != NULL; first = false) {
		if (!first)
			fw_buf_addc(b, ' ');
		else if ((slash = strrchr(a, '/')) != NULL && slash[1] != '\0')
			a = slash + 1;
		esc_text_bare(b, a, strlen(a));
	}
	return !first;
}

static const char *
stop_why(const struct fw_task *t)
{
	switch (t->stop_kind) {
	case STOP_STARTUP:	return "new";
	case STOP_EXITING:	return "exiting";
	case STOP_SIGNAL:	return flags_signame(t->stop_sig);
	case STOP_GROUP:	return "job-stop";
	case STOP_INTERRUPT:	return "paused";
	case STOP_EVENT:	return event_kind_name(t->stop_event);
	default:		return "";
	}
}

/* How an exited task ended (live or replayed: the task's exit fields). */
void
tui_row_ended(const struct fw_task *t, struct tui_row *row)
{
	if (!t->exited) {
		snprintf(row->why, sizeof row->why, "detached");
	} else if (t->killed) {
		snprintf(row->why, sizeof row->why, "%s%s",
		    flags_signame(t->signo), t->core ? "+core" : "");
		row->failed = true;
	} else {
		snprintf(row->why, sizeof row->why, "exit %d", t->code);
		row->failed = t->code != 0;
	}
}

/* Fill a live row: /proc state (read for visible rows only), why forkwatch
 * holds the task, its age. */
static void
live_row(struct tui *ui, struct tui_row *row, char *comm, size_t commlen)
{
	struct fw_task		*t = row->t;
	struct procfs_stat	 st;
	double			 now = engine_ts(&ui->s.eng);

	row->thread = (t->flags & TF_THREAD) != 0;
	row->state = ' ';
	if (t->state == TASK_DEAD) {
		row->dead = true;
		row->runtime = t->end_ts - t->start_ts;
		tui_row_ended(t, row);
		return;
	}
	row->runtime = now - t->start_ts;
	row->isnew = row->runtime < TUI_NEW_SECS && !(t->flags & TF_ROOT);
	row->held = (t->flags & TF_HELD) != 0;
	if (procfs_read_stat(&ui->s.eng.proc, t->tgid, t->tid, &st) == 0) {
		row->state = st.state;
		snprintf(comm, commlen, "%s", st.comm);
	}
	switch (t->state) {
	case TASK_STOPPED:
		if (ui->s.stop_bp != 0 && ui->s.stop_pid == t->tid)
			snprintf(row->why, sizeof row->why, "bp %d",
			    ui->s.stop_bp);
		else
			snprintf(row->why, sizeof row->why, "%s", stop_why(t));
		row->current = ui->s.stop_pid == t->tid;
		break;
	case TASK_LISTENING:
		/* /proc says t; the tracer knows it is job-control stopped. */
		row->state = 'T';
		snprintf(row->why, sizeof row->why, "job-stop");
		break;
	case TASK_STARTING:
	case TASK_PARKED:
		snprintf(row->why, sizeof row->why, "starting");
		break;
	default:
		/* Blocked until its vfork child execs or exits. */
		if (t->flags & TF_VFORK_WAIT)
			snprintf(row->why, sizeof row->why, "in vfork");
		break;
	}
	if (row->held)
		snprintf(row->why, sizeof row->why, "held");
}

static void
fmt_runtime(char *buf, size_t len, double s)
{
	int	 m;

	if (s < 0)
		s = 0;
	if (s < 10)
		snprintf(buf, len, "%.2fs", s);
	else if (s < 100)
		snprintf(buf, len, "%.1fs", s);
	else if (s < 3600) {
		m = (int)(s / 60);
		snprintf(buf, len, "%dm%02ds", m, (int)s - m * 60);
	} else {
		m = (int)(s / 60);
		snprintf(buf, len, "%dh%02dm", m / 60, m % 60);
	}
}

/* Count the folded threads and child processes of t; returns how many
 * threads it has in the tree, folded or not. */
static int
count_folded(struct tui *ui, struct tui_row *row)
{
	struct fw_task	*c;
	unsigned	 bits = tui_ui_bits(ui, row->t);
	int		 threads = 0;

	for (c = row->t->first_child; c != NULL; c = c->next_sib) {
		if (!visible(ui, c))
			continue;
		if (c->flags & TF_THREAD)
			threads++;
		if ((c->flags & TF_THREAD) && !(bits & TUI_T_EXPANDED))
			row->threads++;
		else if (!(c->flags & TF_THREAD) && (bits & TUI_T_FOLDED))
			row->kids++;
	}
	return threads;
}

static void
draw_row(struct tui *ui, int y, struct tui_row *row, bool sel)
{
	const struct tui_rect	*r = &ui->pane[PANE_TREE];
	struct fw_buf		 b;
	char			 comm[64] = "", right[64], tbuf[16], mark;
	unsigned		 a = 0, wa;
	int			 indent, used, rw, w = r->w, threads;
	bool			 wide = w >= 50;

	if (ui->live)
		live_row(ui, row, comm, sizeof comm);
	else
		tui_replay_row(ui, row);
	threads = count_folded(ui, row);
	if (row->dead)
		a |= TA_DIM;
	if (row->failed)
		a = (a & ~TA_DIM) | TC_RED;
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
	fw_buf_printf(&b, "%*s%c%d ", indent, "",
	    row->threads > 0 || row->kids > 0 ? '+' : threads > 0 ? '-' : ' ',
	    (int)row->t->tid);
	if (row->thread && comm[0] != '\0') {
		fw_buf_addc(&b, '{');
		esc_text_bare(&b, comm, strlen(comm));
		fw_buf_addc(&b, '}');
	} else {
		tui_task_label(ui, row->t, &b);
	}
	if (row->threads > 0)
		fw_buf_printf(&b, " [%d thread%s]", row->threads,
		    row->threads == 1 ? "" : "s");
	if (row->kids > 0)
		fw_buf_printf(&b, " [+%d]", row->kids);

	fmt_runtime(tbuf, sizeof tbuf, row->runtime);
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
	total = tui_tree_walk(ui, 0, 0, NULL, &sel);
	if (sel < 0) {
		/* The selected task is gone (or selection moved by row). */
		sel = ui->sel_idx;
		if (sel >= total)
			sel = total - 1;
		if (sel < 0)
			sel = 0;
		ui->sel_tid = 0;
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
	n = tui_tree_walk(ui, ui->tree_top, h, rows, NULL) - ui->tree_top;
	if (n > h)
		n = h;
	if (ui->sel_tid == 0 && sel - ui->tree_top < n && sel >= ui->tree_top) {
		ui->sel_tid = rows[sel - ui->tree_top].t->tid;
		ui->dirty |= TUI_R_DETAILS;
	}

	fw_buf_init(&title);
	fw_buf_printf(&title, " tree  %d row%s", total, total == 1 ? "" : "s");
	if (ui->live)
		fw_buf_printf(&title, ", %zu live", engine_live(&ui->s.eng));
	if (total > h)
		fw_buf_printf(&title, "  [%d-%d]", ui->tree_top + 1,
		    ui->tree_top + n);
	if (ui->search != NULL) {
		fw_buf_adds(&title, "  /");
		esc_text_bare(&title, ui->search, strlen(ui->search));
	}
	tui_title(ui, PANE_TREE, fw_buf_cstr(&title));
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
	if (idx >= ui->tree_rows)
		idx = ui->tree_rows - 1;
	if (idx < 0)
		idx = 0;
	if (idx == ui->sel_idx && ui->sel_tid != 0)
		return 0;
	ui->sel_idx = idx;
	ui->sel_tid = 0;
	ui->det_scroll = 0;
	return TUI_R_TREE | TUI_R_DETAILS | TUI_R_STATUS;
}

/* Toggle bit on t (a process); a thread toggles its process. */
static unsigned
toggle(struct tui *ui, struct fw_task *t, unsigned bit)
{
	if ((t->flags & TF_THREAD) && t->leader != NULL) {
		t = t->leader;
		ui->sel_tid = t->tid;
	}
	tui_set_ui_bits(ui, t, tui_ui_bits(ui, t) ^ bit);
	return TUI_R_TREE | TUI_R_DETAILS;
}

unsigned
tui_tree_key(struct tui *ui, int key)
{
	struct fw_task	*t;
	int		 page = ui->pane[PANE_TREE].h - 2, idx;

	if (page < 1)
		page = 1;
	/* Keys come in batches between draws: count rows as they are now. */
	ui->tree_rows = tui_tree_walk(ui, 0, 0, NULL, &idx);
	if (idx >= 0)
		ui->sel_idx = idx;
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
	case TK_HOME:
		return select_row(ui, 0);
	case TK_END:
		return select_row(ui, ui->tree_rows - 1);
	}
	if ((t = tui_selected(ui)) == NULL)
		return 0;
	switch (key) {
	case TK_ENTER:
		return toggle(ui, t, TUI_T_EXPANDED);
	case ' ':
		return toggle(ui, t, TUI_T_FOLDED);
	case TK_LEFT:
		if (!(t->flags & TF_THREAD) && t->first_child != NULL &&
		    !(tui_ui_bits(ui, t) & TUI_T_FOLDED))
			return toggle(ui, t, TUI_T_FOLDED);
		if (t->parent != NULL)
			return tui_select_tid(ui, t->parent->tid);
		return 0;
	case TK_RIGHT:
		if (tui_ui_bits(ui, t) & TUI_T_FOLDED)
			return toggle(ui, t, TUI_T_FOLDED);
		if (!(tui_ui_bits(ui, t) & TUI_T_EXPANDED))
			return toggle(ui, t, TUI_T_EXPANDED);
		return 0;
	}
	return 0;
}

/* Does row t match the search pattern (its id or label)? */
static bool
row_matches(struct tui *ui, struct fw_task *t, const char *pat)
{
	struct fw_buf	 b;
	char		 id[16];
	bool		 m;

	snprintf(id, sizeof id, "%d", (int)t->tid);
	if (strcmp(id, pat) == 0)
		return true;
	fw_buf_init(&b);
	tui_task_label(ui, t, &b);
	m = strstr(fw_buf_cstr(&b), pat) != NULL;
	fw_buf_release(&b);
	return m;
}

/* Select the next row after the selection (wrapping) that matches. */
unsigned
tui_tree_search(struct tui *ui, const char *pattern, bool next)
{
	struct tree_it	 it;
	int		 n = 0, first = -1, after = -1;
	struct fw_task	*ft = NULL, *at = NULL;

	if (pattern != NULL && pattern[0] != '\0') {
		free(ui->search);
		ui->search = fw_strdup(pattern);
	}
	if (ui->search == NULL) {
		tui_message(ui, 0, "no search yet: / then text");
		return TUI_R_MSG;
	}
	for (it_first(&it, ui); it.t != NULL; it_next(&it), n++) {
		if (!row_matches(ui, it.t, ui->search))
			continue;
		if (ft == NULL) {
			first = n;
			ft = it.t;
		}
		if (next ? n > ui->sel_idx : n >= ui->sel_idx) {
			after = n;
			at = it.t;
			break;
		}
	}
	if (at == NULL) {
		at = ft;
		after = first;
	}
	if (at == NULL) {
		tui_message(ui, TC_RED, "not found: %s", ui->search);
		return TUI_R_MSG | TUI_R_TREE;
	}
	ui->sel_idx = after;
	tui_message(ui, 0, "%d: found", (int)at->tid);
	return tui_select_tid(ui, at->tid) | TUI_R_MSG | TUI_R_TREE;
}
