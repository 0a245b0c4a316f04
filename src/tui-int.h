/* tui-int.h - what the tui*.c files share; not for other modules.
 *
 * The TUI is one loop (tui.c) over a few panes. Key handlers and the
 * session's hooks only change state and set redraw bits (TUI_R_*); the loop
 * draws once per wake-up, at most TUI_FPS times a second while events pour
 * in, so tracing speed does not depend on the screen. Pane code is written
 * against the small drawing interface below; only tui-curses.h includes
 * curses. */
#ifndef FW_TUI_INT_H
#define FW_TUI_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "session.h"
#include "util.h"

struct tui_prog;
struct tui_replay;

#define TUI_FPS		25	/* redraws per second at most, while busy */
#define TUI_TICK	1.0	/* seconds: details refresh, rates, new marks */
#define TUI_NEW_SECS	2.0	/* how long a new task stays marked */
#define TUI_EV_RING	16384	/* events kept for the event pane (live) */
#define TUI_OUT_MAX	(256 * 1024)	/* bytes of command output kept */

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
#define TC_MASK		0x0f0

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

/* Per-task UI state: bits in fw_task.client (live) or the replay record. */
#define TUI_T_EXPANDED	0x1	/* its threads are shown */
#define TUI_T_FOLDED	0x2	/* its child processes are hidden */

/* One drawn row of the tree. */
struct tui_row {
	struct fw_task	*t;
	int		 depth;
	char		 state;		/* /proc state letter, ' ' unknown */
	char		 why[24];	/* why stopped, or how it ended */
	double		 runtime;
	bool		 dead, failed, isnew, thread, held, current;
	int		 threads;	/* folded threads (0: none or shown) */
	int		 kids;		/* folded child processes */
};

/* A recorded event for the event pane (live ring). */
struct tui_evrec {
	enum fw_event_kind	 kind;
	pid_t			 pid, tgid;
	char			*line;		/* text log line, escaped */
};

/* pid -> parent pid of every process seen (event pane subtree filter). */
struct tui_pidmap {
	pid_t	*keys, *vals;
	size_t	 cap, count;
};

enum tui_prompt {
	PROMPT_NONE,
	PROMPT_COMMAND,		/* ':' console command */
	PROMPT_SEARCH,		/* '/' search the tree */
	PROMPT_FILTER,		/* 'f' event pane filter */
	PROMPT_GOTO,		/* replay: go to event number or time */
	PROMPT_QUIT,		/* y/n before killing the tree */
};

enum tui_detview {
	DET_INFO,		/* the selected task */
	DET_OUTPUT,		/* command output transcript */
};

enum tui_ttymode {
	TTY_PTY,		/* program pane (default when launching) */
	TTY_INHERIT,		/* program shares forkwatch's terminal */
	TTY_OTHER,		/* another terminal (--tty=/dev/pts/N) */
	TTY_NONE,		/* attach mode or replay: no program */
};

struct tui {
	const struct fw_options	*o;
	bool			 live;		/* false: replay */
	struct session		 s;		/* live */
	struct tui_replay	*rp;		/* replay */
	struct task_table	*tasks;		/* what the tree shows */
	enum tui_ttymode	 ttymode;
	int			 other_tty;	/* TTY_OTHER: its fd */

	/* Screen and panes. */
	int			 rows, cols;
	struct tui_rect		 pane[PANE_COUNT];
	bool			 shown[PANE_COUNT];
	enum tui_pane		 focus;
	bool			 zoom;
	bool			 prog_keys;	/* keys go to the program */
	bool			 help;		/* help overlay */
	unsigned		 dirty;
	bool			 urgent;	/* draw without waiting */
	double			 last_draw;
	double			 next_tick;

	/* Tree pane. */
	pid_t			 sel_tid;
	int			 sel_idx;
	int			 tree_top;
	int			 tree_rows;	/* rows in the last walk */
	char			*search;

	/* Details pane. */
	enum tui_detview	 detview;
	struct fw_buf		 det;		/* rendered text */
	int			 det_scroll;
	pid_t			 det_tid;
	struct fw_buf		 bt;		/* backtrace of bt_tid */
	pid_t			 bt_tid;

	/* Event pane. */
	struct tui_evrec	*ring;
	size_t			 ring_total;	/* events recorded */
	unsigned		 ev_mask;	/* kinds shown (1 << kind) */
	pid_t			 ev_under;	/* subtree filter, 0 none */
	int			 ev_scroll;	/* lines up from the newest */
	struct tui_pidmap	 parents;
	unsigned long		 ev_tick;	/* events since the last tick */
	double			 ev_rate;

	/* Program pane. */
	struct tui_prog		*prog;

	/* Output of commands and session notices. */
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

	int			 winch_fd;	/* signalfd for SIGWINCH */
	int			 exit_status;
};

/* tui.c */
void	tui_message(struct tui *, unsigned attr, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
unsigned tui_after_command(struct tui *, int was_state);
unsigned tui_run_command(struct tui *, const char *line, bool show);

/* tui-term.c: terminal set-up and restore (curses). */
int	tui_term_init(struct tui *);
void	tui_term_catch(void);
void	tui_term_end(void);
void	tui_term_suspend(struct tui *);
void	tui_term_resume(struct tui *);
void	tui_term_size(int *rows, int *cols);
void	tui_term_resize(struct tui *);
extern volatile sig_atomic_t tui_quit_signal;

/* tui-draw.c: the drawing interface (curses). */
int	tui_puts(int y, int x, int w, const char *s, size_t len, unsigned attr);
void	tui_fill(int y, int x, int w, unsigned attr);
void	tui_put_cell(int y, int x, const uint32_t *chars, int width,
	    int fg, int bg, unsigned attr);
void	tui_set_cursor(int y, int x);	/* y < 0: hide */
void	tui_repaint(void);
int	tui_read_key(void);
int	tui_text_width(const char *s, size_t len);
void	tui_draw(struct tui *);
void	tui_layout(struct tui *);
void	tui_title(struct tui *, enum tui_pane, const char *text);
/* Draw text lines (escaped, '\n' separated) in rect from line skip. */
void	tui_draw_lines(const struct tui_rect *, const char *text, size_t len,
	    int skip, unsigned attr);
int	tui_count_lines(const char *text, size_t len);

/* tui-tree.c */
unsigned tui_select_tid(struct tui *, pid_t);
struct fw_task *tui_selected(struct tui *);
void	tui_tree_draw(struct tui *);
unsigned tui_tree_key(struct tui *, int key);
unsigned tui_tree_search(struct tui *, const char *pattern, bool next);
void	tui_row_ended(const struct fw_task *, struct tui_row *);
bool	tui_label_argv(struct fw_buf *, const struct fw_strv *);

/* tui-details.c */
void	tui_details_draw(struct tui *);
unsigned tui_details_key(struct tui *, int key);
unsigned tui_backtrace(struct tui *);

/* tui-events.c */
void	tui_events_init(struct tui *);
void	tui_events_release(struct tui *);
void	tui_events_record(struct tui *, const struct fw_event *, const char *line);
void	tui_events_draw(struct tui *);
unsigned tui_events_key(struct tui *, int key);
unsigned tui_events_filter(struct tui *, const char *spec);
void	tui_pidmap_set(struct tui_pidmap *, pid_t pid, pid_t parent);

/* tui-program.c: the traced program's pseudo-terminal, rendered by libvterm. */
struct tui_prog *tui_prog_new(int rows, int cols);
void	tui_prog_free(struct tui_prog *);
int	tui_prog_slave(const struct tui_prog *);
void	tui_prog_close_slave(struct tui_prog *);
int	tui_prog_fd(const struct tui_prog *);	/* -1 once hung up */
unsigned tui_prog_input(struct tui_prog *);
void	tui_prog_resize(struct tui_prog *, int rows, int cols);
void	tui_prog_key(struct tui_prog *, int key);
void	tui_prog_draw(struct tui_prog *, const struct tui_rect *, bool focus);

/* tui-keys.c */
unsigned tui_key(struct tui *, int key);
void	tui_help_draw(struct tui *);
void	tui_status_draw(struct tui *);
void	tui_msg_draw(struct tui *);

/* tui-replay.c */
struct tui_replay *tui_replay_load(struct tui *, const char *path);
void	tui_replay_free(struct tui_replay *);
struct task_table *tui_replay_tasks(struct tui_replay *);
bool	tui_replay_visible(const struct tui_replay *, const struct fw_task *);
void	tui_replay_row(struct tui *, struct tui_row *);
void	tui_replay_label(struct tui *, const struct fw_task *, struct fw_buf *);
unsigned tui_replay_ui_bits(const struct fw_task *);
void	tui_replay_set_ui_bits(struct fw_task *, unsigned);
void	tui_replay_details(struct tui *, const struct fw_task *, struct fw_buf *);
size_t	tui_replay_pos(const struct tui_replay *);
size_t	tui_replay_count(const struct tui_replay *);
bool	tui_replay_event(struct tui *, size_t idx, enum fw_event_kind *,
	    pid_t *pid, pid_t *tgid, struct fw_buf *line);
unsigned tui_replay_key(struct tui *, int key);
unsigned tui_replay_goto(struct tui *, const char *spec);
void	tui_replay_status(struct tui *, struct fw_buf *);
struct fw_task *tui_replay_find(struct tui *, pid_t);

#endif
