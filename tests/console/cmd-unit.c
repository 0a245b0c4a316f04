/* cmd-unit.c - unit tests of the command layer without a traced program:
 * the table, splitting, lookup, completion, script checks, commands that
 * need no tree (break, commands ... end, info breakpoints, help, set,
 * echo).
 *
 *   cmd-unit          run the checks (TAP)
 *   cmd-unit --man    print the command list of the man page (roff), made
 *                     from the table (doc/man-console.roff holds a copy
 *                     that tests/console/doc.test compares) */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "session.h"
#include "tap.h"

static struct fw_buf	 out;

static void
hook_out(void *arg, const char *text, size_t len)
{
	(void)arg;
	fw_buf_add(&out, text, len);
}

/* --- the man page ----------------------------------------------------- */

/* Text for roff: backslashes and hyphens escaped; upper-case words (the
 * placeholders of a usage line) in italics when italic. */
static void
roff_text(const char *s, int italic)
{
	const char	*p;
	size_t		 n;

	while (*s != '\0') {
		if (italic && isupper((unsigned char)*s)) {
			for (n = 0; isupper((unsigned char)s[n]); n++)
				;
			printf("\\fI%.*s\\fR", (int)n, s);
			s += n;
			continue;
		}
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
		p = s++;
		(void)p;
	}
}

static void
print_man(void)
{
	const struct cmd_entry *const	*ep;
	const struct cmd_entry		*e;

	for (ep = cmd_table; *ep != NULL; ep++) {
		e = *ep;
		printf(".TP\n\\fB%s\\fR", e->name);
		if (e->alias != NULL)
			printf(" (\\fB%s\\fR)", e->alias);
		if (e->args != NULL) {
			putchar(' ');
			roff_text(e->args, 1);
		}
		putchar('\n');
		printf("%c", toupper((unsigned char)e->help[0]));
		roff_text(e->help + 1, 0);
		fputs(".\n", stdout);
		if (e->doc != NULL) {
			roff_text(e->doc, 0);
			putchar('\n');
		}
	}
}

/* --- checks ----------------------------------------------------------- */

static int
split_is(const char *line, int n, const char *const *want)
{
	char		**v;
	const char	*err;
	int		 got = cmd_split(line, &v, &err), i, r = got == n;

	for (i = 0; r && i < n; i++)
		r = strcmp(v[i], want[i]) == 0;
	if (r && got >= 0)
		r = v[got] == NULL;
	cmd_free_argv(v);
	return r;
}

static int
has(char **v, const char *word)
{
	int	 i;

	for (i = 0; v[i] != NULL; i++) {
		if (strcmp(v[i], word) == 0)
			return 1;
	}
	return 0;
}

static int
count(char **v)
{
	int	 n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

/* Completion of text as word argi of line contains want (and, when only,
 * nothing else). */
static int
completes(struct session *s, const char *line, int argi, const char *text,
    const char *want, int only)
{
	char	**v = cmd_complete(s, line, argi, text);
	int	 r = has(v, want) && (!only || count(v) == 1);

	cmd_free_argv(v);
	return r;
}

static int
check_msg(struct session *s, const char *line, const char *want)
{
	struct cmd_check	 ck;
	struct fw_buf		 err;
	int			 r;

	cmd_check_init(&ck, s);
	fw_buf_init(&err);
	r = cmd_check_line(&ck, line, "f:1", &err);
	if (want == NULL)
		r = r == 0;
	else
		r = r != 0 && strcmp(fw_buf_cstr(&err), want) == 0;
	if (!r)
		printf("# '%s': got '%s'\n", line, fw_buf_cstr(&err));
	fw_buf_release(&err);
	cmd_check_release(&ck);
	return r;
}

static void
check_table(void)
{
	const struct cmd_entry *const	*a, *const *b;
	int				 ok_all = 1, n = 0;

	for (a = cmd_table; *a != NULL; a++, n++) {
		if ((*a)->name == NULL || (*a)->help == NULL ||
		    (*a)->exec == NULL || ((*a)->max_args >= 0 &&
		    (*a)->min_args > (*a)->max_args) ||
		    ((*a)->max_args != 0 && (*a)->args == NULL)) {
			printf("# bad entry %s\n", (*a)->name);
			ok_all = 0;
		}
		for (b = a + 1; *b != NULL; b++) {
			if (strcmp((*a)->name, (*b)->name) == 0 ||
			    ((*a)->alias != NULL && ((*b)->alias != NULL &&
			    strcmp((*a)->alias, (*b)->alias) == 0)) ||
			    ((*a)->alias != NULL &&
			    strcmp((*a)->alias, (*b)->name) == 0) ||
			    ((*b)->alias != NULL &&
			    strcmp((*b)->alias, (*a)->name) == 0)) {
				printf("# clash %s %s\n", (*a)->name,
				    (*b)->name);
				ok_all = 0;
			}
		}
		if (cmd_find((*a)->name) != *a)
			ok_all = 0;
	}
	ok(ok_all && n >= 20, "the table: %d well-formed, distinct entries", n);
}

int
main(int argc, char **argv)
{
	static const char *const w1[] = { "a", "b", "c" };
	static const char *const w2[] = { "a b", "c\"d", "e f", "g\\h" };
	static const char *const w3[] = { "x" };
	static const char *const w4[] = { "a#b", "c" };
	struct fw_options	 o;
	struct session_hooks	 hooks;
	struct session		 s;
	struct breakpoint	*bp;
	struct fw_buf		 err;
	const char		*serr;
	char			**v;
	const struct cmd_entry *const *ep;
	int			 r;
	struct fw_script	 sc[3];

	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		print_man();
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.mode = FW_MODE_CONSOLE;
	memset(&hooks, 0, sizeof hooks);
	hooks.out = hook_out;
	fw_buf_init(&out);
	if (session_init(&s, &o, &hooks) != 0) {
		printf("Bail out! session_init\n");
		return 1;
	}

	check_table();

	ok(split_is("  a b\tc  ", 3, w1), "split on blanks");
	ok(split_is("'a b' \"c\\\"d\" e\\ f 'g\\h'", 4, w2),
	    "quotes and backslashes");
	ok(split_is("x # a comment", 1, w3), "# starts a comment");
	ok(split_is("a#b c", 2, w4), "# inside a word is a character");
	ok(split_is("", 0, NULL) && split_is("   # only", 0, NULL),
	    "empty lines");
	ok(cmd_split("echo 'abc", &v, &serr) == -1 && v == NULL &&
	    strcmp(serr, "unterminated ' quote") == 0, "unterminated quote");
	ok(cmd_split("echo abc\\", &v, &serr) == -1, "trailing backslash");

	ok(cmd_find("c") == cmd_find("continue") && cmd_find("continue"),
	    "alias c");
	ok(cmd_find("cont") == cmd_find("continue"), "unique prefix");
	ok(cmd_find("backtrace") == cmd_find("bt") && cmd_find("ps") ==
	    cmd_find("info"), "aliases backtrace, ps");
	ok(cmd_find("de") == NULL && cmd_find("zzz") == NULL && cmd_find("")
	    == NULL, "ambiguous, unknown and empty names");

	ok(completes(&s, "st", 0, "st", "step", 1), "complete a command");
	ok(completes(&s, "b", 0, "b", "break", 0) &&
	    completes(&s, "b", 0, "b", "bt", 0) &&
	    completes(&s, "b", 0, "b", "backtrace", 0), "complete b...");
	ok(completes(&s, "break ex", 1, "ex", "exec", 0) &&
	    completes(&s, "break ex", 1, "ex", "exit", 0), "complete events");
	ok(completes(&s, "break exit non", 2, "non", "nonzero", 1),
	    "complete a condition");
	ok(completes(&s, "break signal SIGS", 2, "SIGS", "SIGSEGV", 0),
	    "complete a signal as a condition");
	/* Issue 8 item 6: only the conditions that apply to the event. */
	ok(!completes(&s, "break exec ", 2, "", "code=", 0) &&
	    !completes(&s, "break exec ", 2, "", "nonzero", 0) &&
	    !completes(&s, "break exec ", 2, "", "killed", 0) &&
	    !completes(&s, "break exec ", 2, "", "SIGSEGV", 0) &&
	    completes(&s, "break exec ", 2, "", "argv~", 0) &&
	    completes(&s, "break exec ", 2, "", "pid=", 0) &&
	    completes(&s, "break exec pid=1 ", 3, "", "comm=", 0),
	    "complete: exec takes no exit or signal conditions");
	ok(completes(&s, "break exit ", 2, "", "code=", 0) &&
	    completes(&s, "break exit ", 2, "", "SIGKILL", 0) &&
	    !completes(&s, "break signal ", 2, "", "code=", 0) &&
	    completes(&s, "break signal ", 2, "", "SIGINT", 0) &&
	    completes(&s, "break exec,exit ", 2, "", "killed", 0),
	    "complete: exit and signal conditions where they apply");
	ok(completes(&s, "kill 1 sigus", 2, "sigus", "SIGUSR1", 0) &&
	    completes(&s, "kill 1 sigus", 2, "sigus", "SIGUSR2", 0),
	    "complete signal names, any case");
	ok(completes(&s, "set ", 1, "", "stop", 0) &&
	    completes(&s, "set ", 1, "", "debug-file-directory", 0) &&
	    completes(&s, "set s", 1, "s", "stop", 1) &&
	    completes(&s, "set stop t", 2, "t", "task", 1),
	    "complete set stop task");
	ok(completes(&s, "bt a", 1, "a", "all", 1), "complete bt all");
	ok(completes(&s, "break signal !SIGCH", 2, "!SIGCH", "!SIGCHLD", 1) &&
	    completes(&s, "break exit !k", 2, "!k", "!killed", 1),
	    "complete a negated condition");
	ok(completes(&s, "handle SIGUSR1 no", 2, "no", "nostop", 0) &&
	    completes(&s, "handle SIGUSR1 no", 2, "no", "nopass", 0) &&
	    !completes(&s, "handle SIGUSR1 s", 2, "s", "SIGSEGV", 0) &&
	    completes(&s, "handle al", 1, "al", "all", 1),
	    "complete handle");
	ok(completes(&s, "info br", 1, "br", "breakpoints", 1),
	    "complete info breakpoints");
	ok(completes(&s, "help cont", 1, "cont", "continue", 1),
	    "complete help's command");
	ok(cmd_complete_kind("log ", 1) == CMDARG_FILE &&
	    cmd_complete_kind("tree ", 1) == CMDARG_PID &&
	    cmd_complete_kind("nosuch ", 1) == CMDARG_NONE,
	    "argument kinds");

	ok(check_msg(&s, "break exec */cc1 argv~-O2 depth<=3", NULL),
	    "check: a good break");
	ok(check_msg(&s, "break exit code=300",
	    "f:1: bad exit code in 'code=300'"), "check: code=300");
	ok(check_msg(&s, "break fork nonzero",
	    "f:1: nonzero applies to exit breakpoints only"),
	    "check: nonzero on fork");
	ok(check_msg(&s, "break exec code=1",
	    "f:1: code= applies to exit breakpoints only") &&
	    check_msg(&s, "break exec,exit code=0", NULL),
	    "check: code= needs an exit among the events");
	/* Issue 8 item 6: a signal as kill and signal take it, or an error. */
	{
		static const char *const forms[] = { "SIGSEGV", "sigsegv",
		    "SEGV", "segv", "11" };
		struct breakpoint	*b;
		char			*av[2];
		size_t			 i;
		int			 good = 1;

		for (i = 0; i < FW_ARRAY_SIZE(forms); i++) {
			av[0] = (char *)"signal";
			av[1] = (char *)forms[i];
			fw_buf_init(&err);
			b = session_bp_parse(&s, 2, av, false, &err);
			if (b == NULL || b->nterms != 1 ||
			    b->terms[0].bit != FW_BPC_SIGNAL ||
			    b->terms[0].num != 11 || b->terms[0].neg) {
				printf("# break signal %s: %s\n", forms[i],
				    fw_buf_cstr(&err));
				good = 0;
			}
			session_bp_free(b);
			fw_buf_release(&err);
		}
		av[1] = (char *)"RTMIN+2";
		fw_buf_init(&err);
		b = session_bp_parse(&s, 2, av, false, &err);
		good = good && b != NULL && b->nterms == 1 &&
		    b->terms[0].num == SIGRTMIN + 2;
		session_bp_free(b);
		fw_buf_release(&err);
		ok(good, "break signal: every form kill takes");
	}
	ok(check_msg(&s, "break signal SIGFOO", "f:1: unknown signal 'SIGFOO'")
	    && check_msg(&s, "break exec SIGSEGV",
	    "f:1: a signal applies to exit and signal breakpoints only") &&
	    check_msg(&s, "break exit 11", "f:1: '11' is ambiguous at an "
	    "exit: write code=11 or the signal's name") &&
	    check_msg(&s, "break any SEGV", NULL),
	    "check: signals that cannot be meant, or are ambiguous");
	ok(check_msg(&s, "break frob", "f:1: unknown event 'frob' (fork, vfork, "
	    "clone, thread, exec, exit, signal, reparent, any)"),
	    "check: event names");
	{
		struct cmd_check	 ck;

		cmd_check_init(&ck, &s);
		fw_buf_init(&err);
		ok(cmd_check_line(&ck, "break exit argv~(", "f:1", &err) != 0 &&
		    strncmp(fw_buf_cstr(&err), "f:1: bad regular expression "
		    "'(': ", 31) == 0, "check: a bad regular expression");
		fw_buf_release(&err);
		cmd_check_release(&ck);
	}
	ok(check_msg(&s, "continue now", "f:1: usage: continue"),
	    "check: too many arguments");
	ok(check_msg(&s, "signal 12 none", NULL) &&
	    check_msg(&s, "kill 12 none", "f:1: unknown signal 'none'"),
	    "check: signal 0 only for signal");
	ok(check_msg(&s, "log x.jsonl json", NULL) &&
	    check_msg(&s, "log x yaml",
	    "f:1: unknown log format \"yaml\" (text or jsonl)"),
	    "check: log formats");
	ok(check_msg(&s, "step +3", NULL) && check_msg(&s, "step -1",
	    "f:1: the count must be a positive number, not '-1'"),
	    "check: step counts");
	ok(check_msg(&s, "help nosuch", "f:1: no command \"nosuch\""),
	    "check: help of an unknown command");
	ok(check_msg(&s, "delete 1", "f:1: no breakpoint 1 (yet)"),
	    "check: breakpoint numbers a script has not made");

	/* Scripts in order: -e numbering, breakpoints made by earlier
	 * lines, a commands block across -e. */
	sc[0].kind = FW_SCRIPT_CMD;
	sc[0].arg = "break exit";
	sc[1].kind = FW_SCRIPT_CMD;
	sc[1].arg = "commands 1";
	sc[2].kind = FW_SCRIPT_CMD;
	sc[2].arg = "bt 1 2";
	fw_buf_init(&err);
	r = cmd_check_scripts(&s, sc, 3, &err);
	ok(r != 0 && strcmp(fw_buf_cstr(&err), "-e:3: usage: bt [PID | all]") ==
	    0,
	    "check scripts: -e:3 (got '%s')", fw_buf_cstr(&err));
	fw_buf_reset(&err);
	sc[2].arg = "end";
	ok(cmd_check_scripts(&s, sc, 3, &err) == 0, "check scripts: good");
	fw_buf_release(&err);

	/* Commands that need no tree. */
	fw_buf_reset(&out);
	ok(cmd_run(&s, "break exit nonzero", NULL) == CMD_OK &&
	    strcmp(fw_buf_cstr(&out), "Breakpoint 1: exit nonzero\n") == 0,
	    "break");
	ok(cmd_run(&s, "tbreak exec '*/a b'", NULL) == CMD_OK &&
	    (bp = session_bp_find(&s, 2)) != NULL && bp->temporary &&
	    bp->nterms == 1 && bp->terms[0].bit == FW_BPC_GLOB &&
	    strcmp(bp->terms[0].str, "*/a b") == 0 && bp->nwords == 2 &&
	    strcmp(bp->words[1], "*/a b") == 0, "tbreak with a quoted glob");
	ok(completes(&s, "delete ", 1, "", "1", 0) &&
	    completes(&s, "delete ", 1, "", "2", 0),
	    "complete breakpoint numbers");
	ok(cmd_run(&s, "commands 1", NULL) == CMD_OK && s.collecting != NULL,
	    "commands 1 collects");
	ok(cmd_run(&s, "  info  ", NULL) == CMD_OK &&
	    cmd_run(&s, "frobnicate", NULL) == CMD_ERROR &&
	    cmd_run(&s, "bt", NULL) == CMD_OK &&
	    cmd_run(&s, "end", NULL) == CMD_OK && s.collecting == NULL,
	    "lines until end (a bad one refused)");
	bp = session_bp_find(&s, 1);
	ok(bp != NULL && bp->ncommands == 2 && strcmp(bp->commands[0],
	    "info") == 0 && strcmp(bp->commands[1], "bt") == 0,
	    "the commands kept");
	ok(cmd_run(&s, "disable 2", NULL) == CMD_OK &&
	    !session_bp_find(&s, 2)->enabled, "disable");
	fw_buf_reset(&out);
	cmd_run(&s, "info breakpoints", NULL);
	ok(strcmp(fw_buf_cstr(&out),
	    "Num  Type    Enb  Hits  What\n"
	    "1    break   y    0     exit nonzero\n"
	    "        info\n"
	    "        bt\n"
	    "2    tbreak  n    0     exec */a b\n") == 0,
	    "info breakpoints");
	ok(cmd_run(&s, "delete 2", NULL) == CMD_OK &&
	    session_bp_find(&s, 2) == NULL, "delete");
	ok(cmd_run(&s, "delete 2", NULL) == CMD_ERROR, "delete a deleted one");
	fw_buf_reset(&out);
	ok(cmd_run(&s, "echo a 'b  c' \"\\e\"", NULL) == CMD_OK &&
	    strcmp(fw_buf_cstr(&out), "a b  c \\\\e\n") == 0, "echo");
	ok(cmd_run(&s, "set stop task", NULL) == CMD_OK &&
	    s.stop_mode == SESS_STOP_TASK && cmd_run(&s, "set stop all",
	    NULL) == CMD_OK && s.stop_mode == SESS_STOP_ALL, "set stop");
	fw_buf_reset(&out);
	cmd_run(&s, "help", NULL);
	r = 1;
	for (ep = cmd_table; *ep != NULL; ep++) {
		if (strstr(fw_buf_cstr(&out), (*ep)->name) == NULL)
			r = 0;
	}
	ok(r, "help lists every command");
	fw_buf_reset(&out);
	ok(cmd_run(&s, "help s", NULL) == CMD_OK &&
	    strncmp(fw_buf_cstr(&out), "step (s) [N | PID]\n", 19) == 0 &&
	    strstr(fw_buf_cstr(&out), "+N") != NULL, "help step");
	fw_buf_reset(&out);
	ok(cmd_run(&s, "", NULL) == CMD_OK && cmd_run(&s, "# x", NULL) ==
	    CMD_OK && out.len == 0, "empty lines do nothing");
	ok(cmd_run(&s, "tree 1", NULL) == CMD_ERROR &&
	    cmd_run(&s, "info", NULL) == CMD_ERROR, "no task, no tree");

	session_release(&s);
	fw_buf_release(&out);
	return tap_done();
}
