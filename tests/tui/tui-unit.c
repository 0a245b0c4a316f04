/* tui-unit.c - unit tests of the TUI's parts that need no terminal: the key
 * tables (no key bound twice in one place, every binding documented), the
 * shell quoting of the details pane's command line (run through bash and
 * compared byte for byte), the exec details. Also:
 *
 *   tui-unit --man          the man page's key list (roff), made from the
 *                           live and the common key tables
 *   tui-unit --man-replay   the same for the replay's keys
 *
 * doc/man-tui.roff holds a copy of each (make update-tui-doc writes it;
 * tests/tui/doc.test compares). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "tui-int.h"

/* --- the man page ----------------------------------------------------- */

static void
roff_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* "Up Down k j" -> .BR Up ", " Down ", " k ", " j */
static void
roff_names(const char *names)
{
	char	*copy = strdup(names), *w, *save = NULL;
	int	 n = 0;

	for (w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		n++;
	free(copy);
	fputs(n > 1 ? ".BR " : ".B ", stdout);
	copy = strdup(names);
	for (w = strtok_r(copy, " ", &save), n = 0; w != NULL;
	    w = strtok_r(NULL, " ", &save), n++) {
		if (n > 0)
			fputs(" \", \" ", stdout);
		if (strcmp(w, "\"") == 0)
			fputs("\\(dq", stdout);
		else
			roff_text(w);
	}
	free(copy);
	putchar('\n');
}

static void
print_binding(const struct tui_keydef *k)
{
	puts(".TP");
	roff_names(k->names);
	if (k->doc != NULL) {
		puts(k->doc);
		return;
	}
	putchar(toupper((unsigned char)k->help[0]));
	roff_text(k->help + 1);
	puts(".");
}

static void
print_table(const struct tui_keydef *t, int pane)
{
	for (; t->names != NULL; t++) {
		if (t->pane == pane && t->help != NULL)
			print_binding(t);
	}
}

static void
print_man(void)
{
	static const struct {
		int		 pane;
		const char	*title;
	} panes[] = {
		{ PANE_TREE, "In the tree pane" },
		{ PANE_EVENTS, "In the event pane" },
		{ PANE_DETAILS, "In the details pane" },
		{ PANE_PROGRAM, "In the program pane (when it has the focus, "
		    "before\n.BR i )" },
	};
	size_t	 i;

	puts(".PP\nWhile tracing:");
	print_table(tui_live_source.keys, PANE_COUNT);
	puts(".PP\nEverywhere (also in a replay):");
	print_table(tui_common_keys, PANE_COUNT);
	for (i = 0; i < sizeof panes / sizeof panes[0]; i++) {
		printf(".PP\n%s:\n", panes[i].title);
		print_table(tui_common_keys, panes[i].pane);
	}
}

static void
print_man_replay(void)
{
	print_table(tui_replay_source.keys, PANE_COUNT);
	puts(".PP\nIn the event pane:");
	print_table(tui_replay_source.keys, PANE_EVENTS);
}

/* --- tests -------------------------------------------------------------- */

/* No key is bound twice in the same place of one table. */
static int
dup_bindings(const struct tui_keydef *t, char *why, size_t len)
{
	const struct tui_keydef	*a, *b;
	size_t			 i, j;

	for (a = t; a->names != NULL; a++) {
		for (b = a + 1; b->names != NULL; b++) {
			if (a->pane != b->pane)
				continue;
			for (i = 0; i < 8 && a->keys[i] != 0; i++) {
				for (j = 0; j < 8 && b->keys[j] != 0; j++) {
					if (a->keys[i] == b->keys[j]) {
						snprintf(why, len, "'%s' and "
						    "'%s'", a->names,
						    b->names);
						return 1;
					}
				}
			}
		}
	}
	return 0;
}

static int
undocumented(const struct tui_keydef *t)
{
	int	 n = 0;

	for (; t->names != NULL; t++) {
		if (t->fn == NULL || t->keys[0] == 0)
			n++;
		if (t->help != NULL && (t->help[0] == '\0' ||
		    strlen(t->help) > 64))
			n++;
	}
	return n;
}

/* Does bash read the quoted form of s back as s, and is the quoted form
 * free of bytes a terminal acts on? */
static int
quote_roundtrip(const char *s)
{
	struct fw_buf	 q, out;
	const unsigned char *p;
	char		 buf[4096], *cmd;
	int		 fd[2], st;
	ssize_t		 n;
	pid_t		 pid;
	int		 ok;

	fw_buf_init(&q);
	fw_buf_init(&out);
	tui_shell_quote(&q, s);
	fw_buf_cstr(&q);
	for (p = (const unsigned char *)q.data; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		/* no C1 controls or bidi overrides in UTF-8 */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae)
			return 0;
	}
	cmd = malloc(q.len + 32);
	snprintf(cmd, q.len + 32, "printf %%s %s", q.data);
	if (pipe(fd) != 0)
		return 0;
	if ((pid = fork()) == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("bash", "bash", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], buf, sizeof buf)) > 0)
		fw_buf_add(&out, buf, (size_t)n);
	close(fd[0]);
	waitpid(pid, &st, 0);
	ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && out.len == strlen(s) &&
	    memcmp(out.data, s, out.len) == 0;
	if (!ok)
		fprintf(stderr, "# quoted %s -> %.*s\n", q.data,
		    (int)out.len, out.data != NULL ? out.data : "");
	free(cmd);
	fw_buf_release(&q);
	fw_buf_release(&out);
	return ok;
}

static int
details_has(const struct tui_exec_info *x, const char *want)
{
	struct fw_buf	 b;
	int		 ok;

	fw_buf_init(&b);
	tui_exec_details(&b, x);
	ok = strstr(fw_buf_cstr(&b), want) != NULL;
	if (!ok)
		fprintf(stderr, "# no '%s' in:\n%s", want, fw_buf_cstr(&b));
	fw_buf_release(&b);
	return ok;
}

int
main(int argc, char **argv)
{
	static const char *const hostile[] = {
		"plain", "two words", "it's", "back\\slash", "$HOME `id`",
		"new\nline", "tab\there", "\x1b[31mred\x1b[0m", "bell\a",
		"caf\xc3\xa9", "bidi \xe2\x80\xae override", "c1 \xc2\x9b x",
		"bad \xff byte", "'", "", "*", "-n", "it's \x1b[1m bold",
	};
	static const char *const cargv[] = { "/bin/echo", "a b", "$x" };
	static const char *const env[] = { "A=1", "B=changed", "NEW=yes" };
	static const char *const penv[] = { "A=1", "B=old", "GONE=bye" };
	struct tui_exec_info	 x;
	char			 why[160] = "";
	size_t			 i;

	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		print_man();
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--man-replay") == 0) {
		print_man_replay();
		return 0;
	}

	ok(dup_bindings(tui_common_keys, why, sizeof why) == 0,
	    "common keys bound once per pane %s", why);
	ok(dup_bindings(tui_live_source.keys, why, sizeof why) == 0,
	    "live keys bound once %s", why);
	ok(dup_bindings(tui_replay_source.keys, why, sizeof why) == 0,
	    "replay keys bound once %s", why);
	ok(undocumented(tui_common_keys) == 0 &&
	    undocumented(tui_live_source.keys) == 0 &&
	    undocumented(tui_replay_source.keys) == 0,
	    "every binding has keys, a function and a short help line");

	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
		ok(quote_roundtrip(hostile[i]), "shell quote %zu", i);

	memset(&x, 0, sizeof x);
	x.path = "/bin/echo";
	x.cwd = "/tmp/a dir";
	x.argv = cargv;
	x.argc = 3;
	ok(details_has(&x, "cd '/tmp/a dir' && /bin/echo 'a b' '$x'\n"),
	    "command line without env");
	ok(details_has(&x, "env      not recorded"), "env not recorded");
	x.env = env;
	x.nenv = 3;
	x.penv = penv;
	x.npenv = 3;
	ok(details_has(&x, "2 set or changed, 1 removed, 1 the same"),
	    "env diff counts");
	ok(details_has(&x, "  ~ B=changed\n") && details_has(&x,
	    "  + NEW=yes\n") && details_has(&x, "  - GONE=bye\n"),
	    "env diff lines");
	ok(details_has(&x, "env -u GONE B=changed NEW=yes /bin/echo"),
	    "command line with the env's changes");
	return tap_done();
}
