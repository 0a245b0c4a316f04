/* tui-unit.c - unit tests of the TUI's parts that need no terminal: the key
 * tables (no key bound twice in one place, every binding documented,
 * every key name shown is a key bound).
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

/* The bindings of t for pane, each with the keys that reach it past the
 * table over (tried first). */
static void
print_table(const struct tui_keydef *t, int pane, const struct tui_keydef *over)
{
	struct fw_buf		 names;
	struct tui_keydef	 k;

	fw_buf_init(&names);
	for (; t->names != NULL; t++) {
		if (t->pane != pane || t->help == NULL)
			continue;
		fw_buf_reset(&names);
		if (!tui_key_names_left(t, over, &names))
			continue;
		k = *t;
		k.names = fw_buf_cstr(&names);
		print_binding(&k);
	}
	fw_buf_release(&names);
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
	print_table(tui_live_source.keys, PANE_COUNT, NULL);
	puts(".PP\nEverywhere:");
	print_table(tui_common_keys, PANE_COUNT, tui_live_source.keys);
	for (i = 0; i < sizeof panes / sizeof panes[0]; i++) {
		printf(".PP\n%s:\n", panes[i].title);
		print_table(tui_common_keys, panes[i].pane,
		    tui_live_source.keys);
	}
}

/* Add each key name of names to list (space-separated) once. */
static void
add_names(struct fw_buf *list, const char *names)
{
	const char	*w = names, *e, *have;
	size_t		 n;

	while (*w != '\0') {
		for (e = w; *e != '\0' && *e != ' '; e++)
			;
		n = (size_t)(e - w);
		for (have = fw_buf_cstr(list); *have != '\0'; ) {
			if (strncmp(have, w, n) == 0 &&
			    (have[n] == ' ' || have[n] == '\0'))
				break;
			have = strchr(have, ' ');
			have = have != NULL ? have + 1 : "";
		}
		if (*have == '\0') {
			if (list->len > 0)
				fw_buf_addc(list, ' ');
			fw_buf_add(list, w, n);
		}
		w = *e == ' ' ? e + 1 : e;
	}
}

/* Does a binding of t (with a help line) bind key? */
static bool
binds(const struct tui_keydef *t, int key)
{
	size_t	 i;

	for (; t->names != NULL; t++) {
		if (t->help == NULL)
			continue;
		for (i = 0; i < 8 && t->keys[i] != 0; i++)
			if (t->keys[i] == key)
				return true;
	}
	return false;
}

/* The replay's keys, then what they take from the common keys: the keys
 * of the time cursor that the panes' lists give another meaning, and the
 * keys that only say why they do nothing. */
static void
print_man_replay(void)
{
	const struct tui_keydef	*r;
	struct fw_buf		 moved, inert;
	const char		*w, *e;

	print_table(tui_replay_source.keys, PANE_COUNT, NULL);
	puts(".PP\nIn the event pane:");
	print_table(tui_replay_source.keys, PANE_EVENTS, NULL);
	fw_buf_init(&moved);
	fw_buf_init(&inert);
	for (r = tui_replay_source.keys; r->names != NULL; r++) {
		if (r->help == NULL) {
			add_names(&inert, r->names);
			continue;
		}
		if (r->pane != PANE_COUNT)
			continue;
		for (w = r->names; *w != '\0'; w = *e == ' ' ? e + 1 : e) {
			for (e = w; *e != '\0' && *e != ' '; e++)
				;
			if (binds(tui_common_keys,
			    tui_key_code(w, (size_t)(e - w)))) {
				char	*one = strndup(w, (size_t)(e - w));

				add_names(&moved, one);
				free(one);
			}
		}
	}
	if (moved.len > 0) {
		puts(".PP\nIn a replay");
		roff_names(fw_buf_cstr(&moved));
		puts("move the time cursor whatever pane has the focus, instead "
		    "of what the lists of the panes say.");
	}
	if (inert.len > 0) {
		puts(".PP\nIn a replay");
		roff_names(fw_buf_cstr(&inert));
		puts("only say why they do nothing (the trace is not live, there "
		    "is no program pane).");
	}
	fw_buf_release(&moved);
	fw_buf_release(&inert);
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

/* Every name a binding shows ('?', the man page) is one of its keys, so
 * the help can leave out the keys another table takes. */
static int
names_lie(const struct tui_keydef *t, char *why, size_t len)
{
	const char	*w, *e;
	int		 key;
	size_t		 i;

	for (; t->names != NULL; t++) {
		for (w = t->names; *w != '\0'; w = *e == ' ' ? e + 1 : e) {
			for (e = w; *e != '\0' && *e != ' '; e++)
				;
			key = tui_key_code(w, (size_t)(e - w));
			for (i = 0; i < 8 && t->keys[i] != 0; i++)
				if (t->keys[i] == key)
					break;
			if (key == TK_NONE || i == 8 || t->keys[i] == 0) {
				snprintf(why, len, "'%.*s' of '%s'",
				    (int)(e - w), w, t->names);
				return 1;
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
	ok(names_lie(tui_common_keys, why, sizeof why) == 0 &&
	    names_lie(tui_live_source.keys, why, sizeof why) == 0 &&
	    names_lie(tui_replay_source.keys, why, sizeof why) == 0,
	    "every key name a binding shows is a key it binds %s", why);
	ok(undocumented(tui_common_keys) == 0 &&
	    undocumented(tui_live_source.keys) == 0 &&
	    undocumented(tui_replay_source.keys) == 0,
	    "every binding has keys, a function and a short help line");

	return tap_done();
}
