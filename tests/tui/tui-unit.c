/* tui-unit.c - unit tests of the TUI's parts that need no terminal: the key
 * tables (no key bound twice in one place, every binding documented).
 * Also:
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

int
main(int argc, char **argv)
{
	char			 why[160] = "";

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

	return tap_done();
}
