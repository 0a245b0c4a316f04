/* tui-int.h - what the tui*.c files share; not for other modules.
 *
 * The TUI is one loop (tui.c) over a few panes. Key handlers and the
 * source's hooks only change state and set redraw bits (TUI_R_*); the loop
 * draws once per wake-up, at most TUI_FPS times a second while events pour
 * in, so tracing speed does not depend on the screen.
 *
 * Where the tree comes from is a source (struct tui_source): a live trace
 * (tui-live.c) or a saved log with a time cursor (tui-replay.c), chosen
 * once at start. The panes only talk to the source's operations and never
 * ask which one it is.
 *
 * The files call each other in layers, never in a circle (tests/tui/
 * layers.test checks it on the object files):
 *   tui.c                       the loop, start and end
 *   tui-layout.c                the compositor: places and draws the panes
 *   tui-keys.c, tui-prompt.c    the key table and dispatch; the prompt line
 *   tui-status.c                status line, message line, '?' screen
 *   tui-tree.c tui-details.c tui-events.c tui-program.c   the panes
 *     tui-prog-pty.c, -find.c     the program pane's pty, kept lines, search
 *   tui-live.c, tui-replay.c    the two sources, each over its own files:
 *     tui-live-events.c           the live record of events
 *     tui-replay-view.c           the tree and events at the cursor
 *     tui-replay-load.c, -log.c   reading the log; its lines again
 *   tui-state.c                 messages, selection, command output
 *   tui-term.c, tui-draw.c      the terminal and drawing primitives (leaves)
 * Only tui-curses.h includes curses. */
#ifndef FW_TUI_INT_H
#define FW_TUI_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "options.h"
#include "util.h"

struct tui;
struct tui_prog;

#define TUI_FPS		25	/* redraws per second at most, while busy */
#define TUI_TICK	1.0	/* seconds: details refresh, rates, new marks */
#define TUI_NEW_SECS	2.0	/* how long a new task stays marked */
#define TUI_OUT_MAX	(256 * 1024)	/* bytes of command output kept */
#define TUI_SCROLLBACK	10000	/* program pane lines kept by default */

/* What must be redrawn. Handlers return these; the loop draws once. */
#define TUI_R_TREE	0x001
#define TUI_R_DETAILS	0x002	/* re-render the details text */
#define TUI_R_EVENTS	0x004
#define TUI_R_PROGRAM	0x008
#define TUI_R_STATUS	0x010
#define TUI_R_MSG	0x020
#define TUI_R_LAYOUT	0x040	/* geometry changed: clear and draw all */
#define TUI_R_ALL	0x07f
#define TUI_R_QUIT	0x100	/* leave the loop */

/* Keys: Unicode code points (control characters as themselves), and the
 * special keys above the Unicode range. */
enum {
	TK_NONE = -1,
	TK_CTRL_C = 0x03,
	TK_CTRL_G = 0x07,
	TK_CTRL_L = 0x0c,
	TK_ENTER = 0x0d,
	TK_ESC = 0x1b,
	TK_CTRL_RBRACKET = 0x1d,
	TK_UP = 0x110000,
	TK_DOWN,
	TK_LEFT,
	TK_RIGHT,
	TK_PGUP,
	TK_PGDN,
	TK_HOME,
	TK_END,
	TK_BS,
	TK_DEL,
	TK_INS,
	TK_BTAB,
	TK_WHEEL_UP,	/* mouse wheel; ui->mouse_y, mouse_x say where */
	TK_WHEEL_DOWN,
	TK_F1,		/* TK_F1 + n - 1 for Fn, n <= 12 */
	TK_F12 = TK_F1 + 11,
};

/* Text attributes and colours as bits; the drawing layer maps them to
 * curses, or to plain attributes under NO_COLOR. */
#define TA_NORMAL	0x000
#define TA_BOLD		0x001
#define TA_DIM		0x002
#define TA_REV		0x004
#define TA_UL		0x008
#define TC_RED		0x010
#define TC_GREEN	0x020
#define TC_YELLOW	0x040
#define TC_CYAN		0x080
#define TC_MAGENTA	0x100
#define TC_MASK		0x1f0

enum tui_pane {
	PANE_TREE,
	PANE_DETAILS,
	PANE_EVENTS,
	PANE_PROGRAM,
	PANE_COUNT
};

struct tui_rect {
	int	 y, x, h, w;
};

/* A task of the source's tree (live: an engine task; replay: a process or
 * thread of the log's model). Opaque outside its source. */
struct tui_node;

/* Fold state of a node, kept by the source. */
#define TUI_T_EXPANDED	0x1	/* its threads are shown */
#define TUI_T_FOLDED	0x2	/* its child processes are hidden */

/* What the tree needs to know of a node cheaply. */
#define TUI_N_THREAD	0x100	/* not a thread-group leader */
#define TUI_N_DEAD	0x200	/* gone (at the source's time) */
#define TUI_N_FAILED	0x400	/* exited non-zero or was killed */

/* One drawn row of the tree, filled by the source. */
struct tui_row {
	struct tui_node	*n;
	int		 depth;
	pid_t		 tid;
	pid_t		 inner;		/* its pid in its own pid namespace,
					 * when that is not ours; 0 */
	char		 state;		/* /proc state letter, ' ' unknown */
	char		 why[24];	/* why stopped, or how it ended */
	double		 runtime;
	bool		 dead, failed, isnew, thread, held, current;
	bool		 killed;	/* failed by a signal */
	int		 threads;	/* folded live threads */
	int		 dead_threads;	/* folded threads that are gone */
	int		 kids;		/* folded child processes */
	pid_t		 moved_to;	/* the kernel re-parented it to this
					 * process; 0 */
	/* An adopted row: the task again, under the process the kernel gave
	 * it when its parent (from) exited; its own row stays where it was
	 * made. Set by the tree, not the source. */
	bool		 alias;
	pid_t		 from;
};

/* One event as the event pane and its filters see it. */
struct tui_ev {
	enum fw_event_kind	 kind;
	double			 ts;
	pid_t			 pid, tgid;
	bool			 failed;	/* exit: non-zero code or killed */
	bool			 killed;	/* exit: by a signal */
};

/* A key binding: the keys, where it applies, what it does; one table per
 * source and one common table drive dispatch, the '?' screen and the man
 * page's key list (tests/tui/tui-unit --man). */
struct tui_keydef {
	int		 keys[8];	/* bound keys, 0 ends the list */
	const char	*names;		/* as '?' and the man page show them */
	int		 pane;		/* PANE_COUNT: any; else when focused */
	const char	*help;		/* one line for '?'; NULL: not shown */
	const char	*doc;		/* the man page (roff), NULL: help */
	/* Change state, return what to redraw; 0 when the key does not
	 * apply now (the next binding is tried). */
	unsigned	(*fn)(struct tui *, int key);
};

/* Where the tree, the details and the events come from. */
struct tui_source {
	const char	*name;		/* "live", "replay" */
	const char	*keys_title;	/* the '?' screen's heading */
	const struct tui_keydef *keys;	/* tried before the common keys */

	/* The tree at the source's time: the first root (parent NULL) or
	 * child of parent, then the next sibling (or root); NULL ends.
	 * Threads come with the children of their process. */
	struct tui_node	*(*first)(struct tui *, struct tui_node *parent);
	struct tui_node	*(*next)(struct tui *, struct tui_node *);
	struct tui_node	*(*parent)(struct tui *, struct tui_node *);
	/* Processes the kernel gave parent when their own parent exited
	 * (at the source's time; the first with *cursor 0, which the source
	 * moves on), each shown again under it; NULL ends. *from: the parent
	 * that exited. NULL op: none. */
	struct tui_node	*(*adopted)(struct tui *, struct tui_node *parent,
			    size_t *cursor, pid_t *from);
	/* The task with this id at the source's time (a live one first). */
	struct tui_node	*(*find)(struct tui *, pid_t tid);
	/* Its id and TUI_N_* | TUI_T_* bits; set the TUI_T_* bits. */
	unsigned	 (*flags)(struct tui *, struct tui_node *, pid_t *tid);
	void		 (*set_fold)(struct tui *, struct tui_node *, unsigned);
	/* Fill a row (everything but depth and the folded counts). */
	void		 (*row)(struct tui *, struct tui_row *);
	/* The row's label (argv, or {name} for a thread), escaped. */
	void		 (*label)(struct tui *, struct tui_node *, struct fw_buf *);
	/* The details pane's text for a node, escaped. */
	void		 (*details)(struct tui *, struct tui_node *, struct fw_buf *);
	/* The process that a node's subtree filter starts at. */
	pid_t		 (*tgid)(struct tui *, struct tui_node *);

	/* The status line's left part and colour; the keys that matter. */
	void		 (*status)(struct tui *, struct fw_buf *, unsigned *attr);
	const char	*(*hints)(struct tui *);
	/* The tree pane's title additions (", 3 live"). */
	void		 (*tree_title)(struct tui *, struct fw_buf *);

	/* Events the pane can show, [*first, *end) (events are numbered
	 * from 1, so first >= 1), and one of them (line: the text log line,
	 * escaped; NULL not wanted). */
	void		 (*ev_range)(struct tui *, size_t *first, size_t *end);
	bool		 (*event)(struct tui *, size_t idx, struct tui_ev *,
			    struct fw_buf *line);
	/* Everything about one event (Enter in the event pane). */
	void		 (*ev_details)(struct tui *, size_t idx, struct fw_buf *);
	/* Is process pid root or one of its descendants? */
	bool		 (*under)(struct tui *, pid_t pid, pid_t root);
	/* The event at the source's time ("current"), or SIZE_MAX. */
	size_t		 (*ev_now)(struct tui *);

	/* ':' commands and their Tab completion (NULL: none). */
	unsigned	 (*command)(struct tui *, const char *line, bool show);
	char		**(*complete)(struct tui *, const char *before, int argi,
			    const char *word);
	/* '/' over the whole source (NULL: the tree pane searches rows). */
	unsigned	 (*search)(struct tui *, const char *pattern, bool next);
	/* The next/previous failed task (x, X; NULL: in tree order). */
	unsigned	 (*failure)(struct tui *, int dir);
	/* The go-to prompt's answer (NULL: no such prompt). */
	unsigned	 (*go)(struct tui *, const char *spec);
	/* q: quit now, or ask first. */
	unsigned	 (*quit)(struct tui *);

	/* The loop: an fd to poll (-1 none) and what to do when it is
	 * ready; after keys; once a second. */
	int		 (*poll_fd)(struct tui *);
	unsigned	 (*ready)(struct tui *);
	unsigned	 (*after_keys)(struct tui *);
	unsigned	 (*tick)(struct tui *);
	void		 (*free)(struct tui *);
};

/* Fold state of a source's nodes, in a table of its own. */
struct tui_folds {
	struct tui_fold	*slot;
	size_t		 cap, count;
};

enum tui_prompt {
	PROMPT_NONE,
	PROMPT_COMMAND,		/* ':' console command */
	PROMPT_SEARCH,		/* '/' search the tree or the program */
	PROMPT_FILTER,		/* 'f' event pane filter */
	PROMPT_GOTO,		/* replay: go to event number or time */
	PROMPT_YESNO,		/* y/n (quit, confirmations) */
};

enum tui_detview {
	DET_INFO,		/* the selected task */
	DET_EVENT,		/* the event under the event pane's cursor */
	DET_OUTPUT,		/* command output transcript */
};

struct tui {
	const struct fw_options	*o;
	const struct tui_source	*src;
	void			*src_data;	/* the source's own */
	bool			 screen_up;	/* curses owns the terminal */

	/* Screen and panes. */
	int			 rows, cols;
	struct tui_rect		 pane[PANE_COUNT];
	bool			 shown[PANE_COUNT];
	enum tui_pane		 focus;
	bool			 zoom;
	bool			 prog_full;	/* the program fills the screen */
	bool			 prog_keys;	/* keys go to the program */
	bool			 help;		/* help overlay */
	int			 help_top;
	unsigned		 dirty;
	bool			 urgent;	/* draw without waiting */
	double			 last_draw;
	double			 next_tick;
	int			 mouse_y, mouse_x;	/* of the last wheel key */

	/* Tree pane. */
	pid_t			 sel_tid;
	bool			 sel_alias;	/* its adopted row, not its own */
	bool			 pids_inner;	/* N: inner pids first */
	int			 sel_idx;
	int			 tree_top;
	int			 tree_rows;	/* rows in the last walk */
	char			*search;

	/* Details pane. */
	enum tui_detview	 detview;
	struct fw_buf		 det;		/* rendered text */
	int			 det_scroll;
	int			 det_hscroll;
	pid_t			 det_tid;

	/* Event pane: a cursor on one event, filters. */
	unsigned		 ev_mask;	/* kinds shown (1 << kind) */
	unsigned		 ev_cond;	/* TUI_EVC_* */
	pid_t			 ev_under;	/* subtree filter, 0 none */
	size_t			 ev_cur;	/* event under the cursor */
	bool			 ev_follow;	/* cursor on the newest */
	int			 ev_hscroll;
	size_t			 ev_shown;	/* event in DET_EVENT */

	/* Program pane. */
	struct tui_prog		*prog;
	int			 scrollback;	/* lines kept */

	/* Output of commands and source notices. */
	struct fw_buf		 out;
	int			 out_scroll;
	char			 msg[512];
	unsigned		 msg_attr;
	struct fw_buf		*capture;	/* collect output here too */
	bool			 echo;		/* and print it (scripts) */

	/* Prompt line. */
	enum tui_prompt		 prompt;
	struct fw_buf		 line;
	size_t			 cur;		/* cursor byte offset in line */
	char			**hist;
	int			 nhist;
	int			 hist_pos;
	char			 cands[512];	/* Tab's candidates, shown on
						 * the status line */
	unsigned		 (*yes)(struct tui *);	/* PROMPT_YESNO: y */
	const char		*no;		/* and what n says */

	int			 winch_fd;	/* signalfd for SIGWINCH */
};

/* Event filter conditions beyond kinds (f nonzero, killed, failed). */
#define TUI_EVC_NONZERO	0x1	/* exit with a non-zero code */
#define TUI_EVC_KILLED	0x2	/* exit by a signal */

/* tui-draw.c: drawing primitives (curses). Leaves: they call nothing of
 * the TUI. */
int	tui_puts(int y, int x, int w, const char *s, size_t len, unsigned attr);
void	tui_fill(int y, int x, int w, unsigned attr);
void	tui_put_cell(int y, int x, const uint32_t *chars, int width,
	    int fg, int bg, unsigned attr);
void	tui_vline(int y, int x, int h);
void	tui_set_cursor(int y, int x);	/* y < 0: hide */
void	tui_clear(void);
void	tui_repaint(void);
void	tui_flush(void);
int	tui_text_width(const char *s, size_t len);
/* A pane's title bar (reverse; bold when focused). */
void	tui_title(const struct tui_rect *, bool focus, const char *text);
/* Draw text lines (escaped, '\n' separated) in rect from line skip,
 * column hskip. */
void	tui_draw_lines(const struct tui_rect *, const char *text, size_t len,
	    int skip, int hskip, unsigned attr);
int	tui_count_lines(const char *text, size_t len);
/* Skip cols columns of s; returns the byte offset. */
size_t	tui_skip_cols(const char *s, size_t len, int cols);

/* tui-term.c: terminal set-up and restore (curses), keys. */
int	tui_term_init(struct tui *);
void	tui_term_catch(void);
void	tui_term_end(void);
void	tui_term_suspend(struct tui *);
void	tui_term_resume(struct tui *);
void	tui_term_size(int *rows, int *cols);
void	tui_term_resize(struct tui *);
int	tui_read_key(struct tui *);
extern volatile sig_atomic_t tui_quit_signal;

/* tui-state.c: state every file may change. */
void	tui_init(struct tui *, const struct fw_options *);
void	tui_release(struct tui *);
void	tui_message(struct tui *, unsigned attr, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Command and source output (escaped): the transcript, the message line. */
void	tui_output(struct tui *, const char *text, size_t len, bool error);
/* Select the task with this id; the selected node (NULL: none). */
unsigned tui_select_tid(struct tui *, pid_t);
struct tui_node *tui_selected(struct tui *);
/* Open a y/n question; yes runs when y is pressed, no is said else. */
unsigned tui_ask(struct tui *, unsigned (*yes)(struct tui *), const char *no,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* argv as a row label, escaped, argv[0] without its directory; false when
 * argv is empty. */
bool	tui_label_argv(struct fw_buf *, const char *const *argv, size_t argc);
void	tui_fmt_runtime(char *buf, size_t len, double secs);
/* Fold state by task id and birth time (a reused id is another task). */
unsigned tui_folds_get(const struct tui_folds *, pid_t tid, double born);
void	tui_folds_set(struct tui_folds *, pid_t tid, double born, unsigned);
void	tui_folds_release(struct tui_folds *);

/* tui-tree.c: the tree pane. */
void	tui_tree_draw(struct tui *);
unsigned tui_tree_search(struct tui *, const char *pattern, bool next);
unsigned tui_tree_reveal(struct tui *, struct tui_node *);
unsigned tui_tree_failure(struct tui *, int dir);
unsigned tui_tree_move(struct tui *, int key);
unsigned tui_tree_fold(struct tui *, int key);
/* On an adopted row: select the task's own row (0: not on one). */
unsigned tui_tree_alias_jump(struct tui *);

/* tui-details.c: the details pane. */
void	tui_details_draw(struct tui *);
unsigned tui_details_scroll(struct tui *, int key);

/* tui-events.c: the event pane. */
void	tui_events_draw(struct tui *);
unsigned tui_events_move(struct tui *, int key);
unsigned tui_events_open(struct tui *, int key);
unsigned tui_events_filter(struct tui *, const char *spec);
/* The event under the cursor (SIZE_MAX: none); keep the cursor on it. */
size_t	tui_events_cursor(struct tui *);
unsigned tui_events_show(struct tui *, size_t idx);
extern const char *const tui_filter_words[];

/* tui-program.c: the traced program's pseudo-terminal, rendered by libvterm,
 * with its scrollback (tui-program-plain.c: the same interface without
 * libvterm, as plain text). */
struct tui_prog *tui_prog_new(int rows, int cols, int scrollback);
void	tui_prog_free(struct tui_prog *);
int	tui_prog_slave(const struct tui_prog *);
void	tui_prog_close_slave(struct tui_prog *);
int	tui_prog_fd(const struct tui_prog *);	/* -1 once hung up */
unsigned tui_prog_input(struct tui_prog *);
void	tui_prog_resize(struct tui_prog *, int rows, int cols);
void	tui_prog_key(struct tui_prog *, int key);
/* What the program pane's focus is: none, the pane's (keys scroll it; a
 * bold title) or the program's (keys go to it). */
enum tui_prog_focus {
	TUI_PROG_UNFOCUSED,
	TUI_PROG_FOCUSED,
	TUI_PROG_KEYS,
};
void	tui_prog_draw(struct tui_prog *, const struct tui_rect *,
	    enum tui_prog_focus, bool title);
/* Scroll the view back (lines > 0) or forward; to the bottom: INT_MIN. */
void	tui_prog_scroll(struct tui_prog *, int lines);
/* Find text above (dir < 0) or below the last match; false: none. */
bool	tui_prog_search(struct tui_prog *, const char *text, int dir);
/* tui-prog-find.c: row i of a program's lines appended to b as UTF-8;
 * true when it fills the pane's width (the line goes on in row i + 1). */
typedef bool (*tui_prog_row_fn)(void *arg, int i, struct fw_buf *b);
/* The first row from start, going up (dir < 0) or down, of total where
 * text starts, each row searched with the rows it wraps into; -1 when
 * none. *last is the row the match ends in. */
int	tui_prog_find(int total, int start, int dir, const char *text,
	    tui_prog_row_fn row, void *arg, int *last);
int	tui_prog_lines(const struct tui_prog *);	/* scrollback kept */

/* tui-prog-pty.c: what the two program panes share; each embeds a struct
 * tui_pty and keeps only its screen model. Lines are numbered over the
 * kept lines and the screen together: 0 the oldest kept, sb_n the screen's
 * first row. A kept line is the pane's own fw_malloc()ed block; the ring
 * frees it when it drops it and in tui_pty_release(). */
struct tui_pty {
	int		 master;	/* our side, non-blocking */
	int		 slave;		/* -1 after tui_pty_close_slave() */
	bool		 hungup;	/* every program side has closed */
	int		 rows, cols;	/* the screen's size (the program's) */
	void		**sb;		/* ring of sb_max, oldest at sb_head */
	int		 sb_max, sb_head, sb_n;
	int		 view;		/* lines scrolled back, 0: the screen */
	int		 match;		/* line of the last search match, -1 */
	int		 match_last;	/* the line it ends in, -1 */
};
/* Open a pseudo-terminal of rows x cols (at least 1 x 1) that keeps up to
 * scrollback lines; 0, or -1 (errno set) when it cannot be opened. */
int	tui_pty_open(struct tui_pty *, int rows, int cols, int scrollback);
void	tui_pty_release(struct tui_pty *);
void	tui_pty_close_slave(struct tui_pty *);
int	tui_pty_fd(const struct tui_pty *);	/* -1 once hung up */
/* Give feed up to 8 reads of the program's output; TUI_R_PROGRAM. */
typedef void (*tui_pty_feed_fn)(void *arg, const char *, size_t);
unsigned tui_pty_read(struct tui_pty *, tui_pty_feed_fn feed, void *arg);
void	tui_pty_write(struct tui_pty *, const char *, size_t);
/* The new size, for the pane and the program (SIGWINCH). */
void	tui_pty_resize(struct tui_pty *, int rows, int cols);
/* Keep a line that scrolled off the top (sb_max must be > 0); when the
 * ring is full its oldest line is freed. */
void	tui_pty_keep(struct tui_pty *, void *line);
/* Take back the newest kept line (the caller frees it); NULL: none. */
void	*tui_pty_unkeep(struct tui_pty *);
void	*tui_pty_kept(const struct tui_pty *, int i);	/* NULL: not kept */
bool	tui_pty_in_match(const struct tui_pty *, int i);
/* tui_prog_scroll() and tui_prog_search() over the pane's rows. */
void	tui_pty_scroll(struct tui_pty *, int lines);
bool	tui_pty_search(struct tui_pty *, const char *text, int dir,
	    tui_prog_row_fn row, void *arg);
/* The pane's title line in r's first row; kind follows the size. */
void	tui_pty_title(const struct tui_pty *, const struct tui_rect *,
	    enum tui_prog_focus, const char *kind);

/* tui-status.c: the two bottom lines and the '?' screen. */
void	tui_status_draw(struct tui *);
void	tui_msg_draw(struct tui *);
void	tui_help_draw(struct tui *);

/* tui-layout.c: the compositor. */
void	tui_layout(struct tui *);
void	tui_draw(struct tui *);

/* tui-prompt.c: the prompt line. */
unsigned tui_prompt_open(struct tui *, enum tui_prompt, const char *init);
unsigned tui_prompt_key(struct tui *, int key);
const char *tui_prompt_prefix(enum tui_prompt);

/* tui-keys.c: the common key table and dispatch. */
extern const struct tui_keydef tui_common_keys[];
unsigned tui_key(struct tui *, int key);
/* The key a table calls name (len bytes: "PgUp", "Shift-Tab", "x"), or
 * TK_NONE. */
int	tui_key_code(const char *name, size_t len);
/* Append to b the names of k's keys that the table over (a source's,
 * tried first) does not take where k applies; false when it takes them
 * all, so k never acts there. */
bool	tui_key_names_left(const struct tui_keydef *k,
	    const struct tui_keydef *over, struct fw_buf *b);

/* tui-live.c: a live trace. */
extern const struct tui_source tui_live_source;
struct tui_live_hooks {
	bool	(*confirm)(struct tui *, const char *question);
	void	(*suspend)(struct tui *);
	void	(*resume)(struct tui *);
};
int	tui_live_open(struct tui *, const struct tui_live_hooks *);
/* Check -x/-e scripts; 0 or forkwatch's exit status. */
int	tui_live_check(struct tui *);
/* Launch or attach (the program on tty_fd, -1: ours). 0 or a status. */
int	tui_live_start(struct tui *, int tty_fd);
/* Run -x/-e scripts: -1 to go on to the screen, else the exit status. */
int	tui_live_scripts(struct tui *);
/* The task to select at the start. */
pid_t	tui_live_first(struct tui *);
/* End: kill or detach what is left, end the log. status: forkwatch's exit
 * status if already known, else -1 (the session's). Returns the status. */
int	tui_live_finish(struct tui *, int status);

/* tui-replay-log.c: a replayed log's lines, read back when shown. */
struct tui_rlog;
/* Note where the lines of events 1..n are (lineno(arg, i): event i's line
 * number, growing with i) and keep the log open. NULL: it cannot be read
 * again. */
struct tui_rlog *tui_rlog_open(const char *path, unsigned long start_lineno,
	    unsigned long (*lineno)(void *, size_t), size_t n, void *arg);
void	tui_rlog_free(struct tui_rlog *);
/* The log grew (--follow): note where the lines of events up to n are. */
void	tui_rlog_extend(struct tui_rlog *, unsigned long (*lineno)(void *,
	    size_t), size_t n, void *arg);
/* Parse event i's line again and call fn with it (pointers valid in the
 * call only). False when it cannot be read. */
bool	tui_rlog_event(struct tui_rlog *, size_t i,
	    void (*fn)(void *, const struct fw_event *), void *arg);

/* tui-replay.c: a saved log. */
extern const struct tui_source tui_replay_source;
int	tui_replay_open(struct tui *, const char *path);
size_t	tui_replay_count(struct tui *);

#endif
