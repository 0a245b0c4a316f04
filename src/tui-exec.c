/* tui-exec.c - everything about one exec, as the details pane shows it for
 * both sources: exe, cwd, the full argv, the environment as a difference
 * from the parent's, the file descriptors open across the exec, and a
 * shell command line that runs the same exec again. Every string is from
 * the tracee or a log: escaped for the terminal, and quoted for a shell
 * with $'...' where it holds bytes a terminal must not see, so the line
 * can be copied and pasted as it is shown. A leaf. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tui-int.h"

/* Is s safe on a shell command line without quotes? */
static bool
shell_plain(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return false;
	for (p = s; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_./:=+,%@", *p)))
			return false;
	}
	return true;
}

/* s quoted for a POSIX shell (bash, zsh, ksh and dash read $'...' the
 * same way), with nothing a terminal would act on. */
void
tui_shell_quote(struct fw_buf *b, const char *s)
{
	const unsigned char	*p;
	size_t			 n;
	bool			 ansi = false;

	if (shell_plain(s)) {
		fw_buf_adds(b, s);
		return;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
			ansi = true;
	}
	if (!ansi) {
		fw_buf_addc(b, '\'');
		for (; *s != '\0'; s++) {
			if (*s == '\'')
				fw_buf_adds(b, "'\\''");
			else
				fw_buf_addc(b, *s);
		}
		fw_buf_addc(b, '\'');
		return;
	}
	fw_buf_adds(b, "$'");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		n = *p >= 0x80 ? esc_utf8_len(p, strlen((const char *)p)) : 0;
		if (n > 1) {
			/* Valid UTF-8, printable: as is, unless it is a C1
			 * control or a bidi override that reorders the
			 * line. */
			unsigned c = n == 2 ? (p[0] & 0x1fu) << 6 | (p[1] & 0x3f)
			    : n == 3 ? (p[0] & 0x0fu) << 12 |
			    (p[1] & 0x3fu) << 6 | (p[2] & 0x3f) : 0x10000;
			if (!(c >= 0x80 && c < 0xa0) && !(c >= 0x202a &&
			    c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069)) {
				fw_buf_add(b, p, n);
				p += n - 1;
				continue;
			}
		}
		if (*p == '\'' || *p == '\\')
			fw_buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			fw_buf_adds(b, "\\n");
		else if (*p == '\t')
			fw_buf_adds(b, "\\t");
		else if (*p < 0x20 || *p >= 0x7f)
			fw_buf_printf(b, "\\x%02x", *p);
		else
			fw_buf_addc(b, (char)*p);
	}
	fw_buf_addc(b, '\'');
}

/* The value of NAME= in env (n entries), or NULL. */
static const char *
env_get(const char *const *env, size_t n, const char *entry)
{
	const char	*eq = strchr(entry, '=');
	size_t		 len = eq != NULL ? (size_t)(eq - entry) : strlen(entry);
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (strncmp(env[i], entry, len) == 0 && (env[i][len] == '=' ||
		    env[i][len] == '\0'))
			return env[i];
	}
	return NULL;
}

static void
esc_line(struct fw_buf *b, const char *prefix, const char *s)
{
	fw_buf_adds(b, prefix);
	esc_text_bare(b, s, strlen(s));
	fw_buf_addc(b, '\n');
}

void
tui_exec_details(struct fw_buf *b, const struct tui_exec_info *x)
{
	const char	*v, *mode;
	size_t		 i, added = 0, removed = 0, same = 0, closed;
	bool		 diff = x->env != NULL && x->penv != NULL;

	if (x->path != NULL)
		esc_line(b, "exe      ", x->path);
	if (x->cwd != NULL)
		esc_line(b, "cwd      ", x->cwd);
	fw_buf_printf(b, "argv     %zu argument%s%s\n", x->argc,
	    x->argc == 1 ? "" : "s", x->argv_truncated ? " (truncated)" : "");
	for (i = 0; i < x->argc; i++) {
		fw_buf_printf(b, "  [%zu] ", i);
		esc_text_str(b, x->argv[i]);
		fw_buf_addc(b, '\n');
	}

	if (x->env == NULL) {
		fw_buf_adds(b, "env      not recorded (trace with --env)\n");
	} else if (!diff) {
		fw_buf_printf(b, "env      %zu variables (the parent's are not "
		    "known)\n", x->nenv);
		for (i = 0; i < x->nenv; i++)
			esc_line(b, "  = ", x->env[i]);
	} else {
		for (i = 0; i < x->nenv; i++) {
			v = env_get(x->penv, x->npenv, x->env[i]);
			if (v == NULL || strcmp(v, x->env[i]) != 0)
				added++;
			else
				same++;
		}
		for (i = 0; i < x->npenv; i++) {
			if (env_get(x->env, x->nenv, x->penv[i]) == NULL)
				removed++;
		}
		fw_buf_printf(b, "env      against the parent's: %zu set or "
		    "changed, %zu removed, %zu the same\n", added, removed,
		    same);
		for (i = 0; i < x->nenv; i++) {
			v = env_get(x->penv, x->npenv, x->env[i]);
			if (v == NULL)
				esc_line(b, "  + ", x->env[i]);
			else if (strcmp(v, x->env[i]) != 0)
				esc_line(b, "  ~ ", x->env[i]);
		}
		for (i = 0; i < x->npenv; i++) {
			if (env_get(x->env, x->nenv, x->penv[i]) == NULL)
				esc_line(b, "  - ", x->penv[i]);
		}
	}

	if (x->fds == NULL) {
		fw_buf_adds(b, "fds      not recorded (trace with --fds)\n");
	} else {
		for (i = 0, closed = 0; i < x->fds->n; i++)
			closed += x->fds->v[i].cloexec;
		fw_buf_printf(b, "fds      %zu open across the exec, %zu closed "
		    "by it (close-on-exec)\n", x->fds->n - closed, closed);
		for (i = 0; i < x->fds->n; i++) {
			mode = fdv_mode_name(x->fds->v[i].mode);
			fw_buf_printf(b, "  %3d %-2s ", x->fds->v[i].fd,
			    mode != NULL ? mode : "?");
			esc_text_str(b, x->fds->v[i].target != NULL ?
			    x->fds->v[i].target : "");
			fw_buf_adds(b, x->fds->v[i].cloexec ?
			    "  CLOEXEC: closed by the exec\n" : "\n");
		}
	}

	/* The command line: cd, the environment's changes, the program. */
	fw_buf_adds(b, "command line (to copy):\n  ");
	if (x->cwd != NULL) {
		fw_buf_adds(b, "cd ");
		tui_shell_quote(b, x->cwd);
		fw_buf_adds(b, " && ");
	}
	if (diff && (added > 0 || removed > 0)) {
		fw_buf_adds(b, "env");
		for (i = 0; i < x->npenv; i++) {
			if (env_get(x->env, x->nenv, x->penv[i]) != NULL)
				continue;
			fw_buf_adds(b, " -u ");
			v = strchr(x->penv[i], '=');
			if (v != NULL) {
				char *name = fw_strndup(x->penv[i],
				    (size_t)(v - x->penv[i]));
				tui_shell_quote(b, name);
				free(name);
			} else {
				tui_shell_quote(b, x->penv[i]);
			}
		}
		for (i = 0; i < x->nenv; i++) {
			v = env_get(x->penv, x->npenv, x->env[i]);
			if (v != NULL && strcmp(v, x->env[i]) == 0)
				continue;
			fw_buf_addc(b, ' ');
			tui_shell_quote(b, x->env[i]);
		}
		fw_buf_addc(b, ' ');
	} else if (x->env != NULL && !diff) {
		fw_buf_adds(b, "env -i");
		for (i = 0; i < x->nenv; i++) {
			fw_buf_addc(b, ' ');
			tui_shell_quote(b, x->env[i]);
		}
		fw_buf_addc(b, ' ');
	}
	/* argv[0] is the program's own business; the shell runs the path
	 * (a different argv[0] is said below). */
	if (x->path != NULL)
		tui_shell_quote(b, x->path);
	else if (x->argc > 0)
		tui_shell_quote(b, x->argv[0]);
	for (i = 1; i < x->argc; i++) {
		fw_buf_addc(b, ' ');
		tui_shell_quote(b, x->argv[i]);
	}
	fw_buf_addc(b, '\n');
	if (x->path != NULL && x->argc > 0 && strcmp(x->argv[0], x->path) != 0) {
		fw_buf_adds(b, "  (with argv[0] ");
		esc_text_str(b, x->argv[0]);
		fw_buf_adds(b, ", as bash's exec -a sets it)\n");
	}
	if (x->argv_truncated)
		fw_buf_adds(b, "  (argv was truncated in the log: not the "
		    "whole command)\n");
}
