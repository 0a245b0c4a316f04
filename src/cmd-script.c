/* cmd-script.c - scripts: -x FILE and -e CMD, checked whole before any of
 * them runs (cmd_check_*), then run line by line, driving the tree after
 * each command that lets it run. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-int.h"

/* Read a whole file of commands into memory. */
static int
read_lines(const char *path, char **textp)
{
	FILE	*f;
	char	 chunk[4096];
	size_t	 n;
	struct fw_buf b;
	int	 r = 0;

	if ((f = fopen(path, "r")) == NULL)
		return -errno;
	fw_buf_init(&b);
	fw_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fw_buf_add(&b, chunk, n);
	if (ferror(f))
		r = -EIO;
	fclose(f);
	if (r != 0) {
		fw_buf_release(&b);
		return r;
	}
	*textp = b.data;
	return 0;
}

/* The next line of text at *p (the newline cut off); NULL at the end. */
static char *
next_line(char **p)
{
	char	*line = *p, *nl;

	if (line == NULL || *line == '\0')
		return NULL;
	if ((nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = line + strlen(line);
	return line;
}

int
cmd_run_file(struct session *s, const char *path)
{
	char	*text, *p, *line, where[4096];
	int	 r, lineno = 0;

	if ((r = read_lines(path, &text)) != 0) {
		snprintf(where, sizeof where, "%s", path);
		cmd_error_at(s, where, "cannot read: %s", strerror(-r));
		return CMD_ERROR;
	}
	r = CMD_OK;
	for (p = text; (line = next_line(&p)) != NULL;) {
		snprintf(where, sizeof where, "%s:%d", path, ++lineno);
		if ((r = cmd_run(s, line, where)) != CMD_OK || s->quit)
			break;
		if (s->state == SESS_RUNNING) {
			cmd_wait(s);
			if (s->intr != NULL && *s->intr) {
				r = CMD_INTR;
				break;
			}
		}
	}
	if (r == CMD_OK && s->collecting != NULL) {
		cmd_error_at(s, where, "'commands' without 'end'");
		s->collecting = NULL;
		r = CMD_ERROR;
	}
	free(text);
	return r;
}

void
cmd_check_init(struct cmd_check *ck, struct session *s)
{
	ck->s = s;
	ck->next_bp = s->next_bp_id;
	ck->open_where = NULL;
}

void
cmd_check_release(struct cmd_check *ck)
{
	free(ck->open_where);
	ck->open_where = NULL;
}

int
cmd_check_line(struct cmd_check *ck, const char *line, const char *where,
    struct fw_buf *err)
{
	const struct cmd_entry	*e;
	struct fw_buf		 msg;
	const char		*serr;
	char			**argv;
	int			 argc, r = -1;

	if ((argc = cmd_split(line, &argv, &serr)) < 0) {
		fw_buf_printf(err, "%s: %s", where, serr);
		return -1;
	}
	fw_buf_init(&msg);
	if (argc == 0) {
		r = 0;
	} else if (strcmp(argv[0], "end") == 0) {
		if (ck->open_where != NULL) {
			free(ck->open_where);
			ck->open_where = NULL;
			r = 0;
		} else
			fw_buf_adds(&msg, "'end' without 'commands'");
	} else if ((e = cmd_lookup(argv[0], &msg)) == NULL ||
	    cmd_check_args(ck, e, argc, argv, &msg) != 0) {
		/* the message is in msg */
	} else if (e == &cmd_commands_entry && ck->open_where != NULL) {
		fw_buf_printf(&msg, "'commands' inside 'commands' (the one "
		    "at %s has no 'end' yet)", ck->open_where);
	} else {
		r = 0;
		if (e == &cmd_commands_entry)
			ck->open_where = fw_strdup(where);
		/* A break inside "commands" runs at an unknown time. */
		else if (ck->open_where == NULL && (e == &cmd_break_entry ||
		    e == &cmd_tbreak_entry))
			ck->next_bp++;
	}
	if (r != 0)
		fw_buf_printf(err, "%s: %s", where, fw_buf_cstr(&msg));
	fw_buf_release(&msg);
	cmd_free_argv(argv);
	return r;
}

int
cmd_check_finish(struct cmd_check *ck, struct fw_buf *err)
{
	if (ck->open_where == NULL)
		return 0;
	fw_buf_printf(err, "%s: 'commands' without 'end'", ck->open_where);
	return -1;
}

int
cmd_check_file(struct cmd_check *ck, const char *path, struct fw_buf *err)
{
	char	*text, *p, *line, where[4096];
	int	 r, lineno = 0;

	if ((r = read_lines(path, &text)) != 0) {
		fw_buf_printf(err, "%s: cannot read: %s", path, strerror(-r));
		return -1;
	}
	r = 0;
	for (p = text; r == 0 && (line = next_line(&p)) != NULL;) {
		snprintf(where, sizeof where, "%s:%d", path, ++lineno);
		r = cmd_check_line(ck, line, where, err);
	}
	free(text);
	if (r == 0)
		r = cmd_check_finish(ck, err);
	return r;
}

int
cmd_check_scripts(struct session *s, const struct fw_script *sc, size_t n,
    struct fw_buf *err)
{
	struct cmd_check	 ck;
	char			 where[32];
	size_t			 i;
	int			 r = 0, ne = 0;

	cmd_check_init(&ck, s);
	for (i = 0; r == 0 && i < n; i++) {
		if (sc[i].kind == FW_SCRIPT_FILE) {
			r = cmd_check_file(&ck, sc[i].arg, err);
		} else {
			snprintf(where, sizeof where, "-e:%d", ++ne);
			r = cmd_check_line(&ck, sc[i].arg, where, err);
		}
	}
	if (r == 0)
		r = cmd_check_finish(&ck, err);
	cmd_check_release(&ck);
	return r;
}

int
cmd_run_scripts(struct session *s, const struct fw_script *sc, size_t n)
{
	char	 where[32];
	size_t	 i;
	int	 r = CMD_OK, ne = 0;

	for (i = 0; r == CMD_OK && !s->quit && i < n; i++) {
		if (sc[i].kind == FW_SCRIPT_FILE) {
			r = cmd_run_file(s, sc[i].arg);
			continue;
		}
		snprintf(where, sizeof where, "-e:%d", ++ne);
		if ((r = cmd_run(s, sc[i].arg, where)) != CMD_OK)
			break;
		if (s->state == SESS_RUNNING) {
			cmd_wait(s);
			if (s->intr != NULL && *s->intr)
				r = CMD_INTR;
		}
	}
	if (r == CMD_OK && s->collecting != NULL) {
		cmd_error_at(s, "-e", "'commands' without 'end'");
		s->collecting = NULL;
		r = CMD_ERROR;
	}
	return r;
}
