/* cmd-int.h - what the cmd*.c files share; front ends use cmd.h. */
#ifndef FW_CMD_INT_H
#define FW_CMD_INT_H

#include "cmd.h"

/* The entries, one group per file. */
extern const struct cmd_entry cmd_continue_entry, cmd_step_entry,
	    cmd_pause_entry, cmd_run_entry;			/* cmd-run.c */
extern const struct cmd_entry cmd_break_entry, cmd_tbreak_entry,
	    cmd_delete_entry, cmd_disable_entry, cmd_enable_entry,
	    cmd_condition_entry, cmd_ignore_entry, cmd_commands_entry,
	    cmd_handle_entry, cmd_save_entry;			/* cmd-break.c */
extern const struct cmd_entry cmd_tree_entry, cmd_info_entry, cmd_bt_entry,
	    cmd_events_entry;					/* cmd-inspect.c */
extern const struct cmd_entry cmd_hold_entry, cmd_release_entry,
	    cmd_signal_entry, cmd_kill_entry, cmd_detach_entry,
	    cmd_gdb_entry;					/* cmd-task.c */
extern const struct cmd_entry cmd_help_entry, cmd_set_entry, cmd_log_entry,
	    cmd_echo_entry, cmd_quit_entry;			/* cmd-misc.c */

/* Print an error for the command being run: "error: MSG" at a prompt,
 * "WHERE: MSG" in a script. */
void	cmd_error(struct session *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same with where given ("FILE:LINE"). */
void	cmd_error_at(struct session *, const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Append 'word', escaped (it is whatever was typed), for a message. */
void	cmd_add_word(struct fw_buf *, const char *word);
bool	cmd_is_blank(char);

/* The command called name: its name or alias, else a name it is the
 * unique beginning of ("cont"). NULL with the reason in err (may be
 * NULL): unknown, or ambiguous (and which). */
const struct cmd_entry *cmd_lookup(const char *name, struct fw_buf *err);
/* The argument count against e's, then e's own checks (ck: NULL when the
 * command is about to run). 0, or -1 with a message in err. */
int	cmd_check_args(struct cmd_check *ck, const struct cmd_entry *e,
	    int argc, char **argv, struct fw_buf *err);

/* Ask the user (hooks.confirm); yes when nobody can be asked. */
bool	cmd_confirm(struct session *, const char *question);

/* The task named by arg (a task id, live or kept after its exit), or,
 * for arg NULL, the task the tree last stopped at. Prints an error and
 * returns NULL when there is none. */
struct fw_task *cmd_task(struct session *, const char *arg);

/* Argument checks shared by check and exec functions: 0 or -1 with a
 * message in err. */
int	cmd_check_pid(const char *arg, struct fw_buf *err);
int	cmd_check_count(const char *arg, const char *what, struct fw_buf *err);
/* A signal name or number; "0" and "none" give 0 when allow0. */
int	cmd_parse_signal(const char *arg, bool allow0, int *sig,
	    struct fw_buf *err);
/* A breakpoint number a script refers to: it must exist by then. */
int	cmd_check_bp(struct cmd_check *, const char *arg, struct fw_buf *err);

/* Let the engine report what is ready (a task just killed or signalled)
 * for at most ms milliseconds, until done(s, arg) says so. */
void	cmd_pump(struct session *, int ms,
	    bool (*done)(struct session *, void *), void *arg);

/* The breakpoint number arg names: N, or $bpnum for the one made last.
 * (checked by cmd_check_bp()) */
int	cmd_bp_id(struct session *, const char *arg);
/* Append w as one word cmd_split() reads back: bare, or "..." with \"
 * and \\ (a word with a newline cannot be written on one line). */
void	cmd_quote_word(struct fw_buf *, const char *w);

/* "info breakpoints", "info signals [SIG]". */
void	cmd_bp_list(struct session *);
void	cmd_sig_list(struct session *, int sig);
/* Does word abbreviate "breakpoints" (b, br, break, ...)? */
bool	cmd_is_bp_word(const char *word);

#endif
