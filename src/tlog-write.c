/* tlog-write.c - text and JSON Lines trace log writers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "flags.h"
#include "tlog-write.h"

#define TLOG_BUF_MAX	(64 * 1024)

int
tlog_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return TLOG_TEXT;
	if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
		return TLOG_JSONL;
	return -1;
}

int
tlog_writer_open(struct tlog_writer *w, const char *path, int fd,
    enum tlog_format format)
{
	memset(w, 0, sizeof *w);
	fw_buf_init(&w->buf);
	w->format = format;
	if (path == NULL || strcmp(path, "-") == 0) {
		w->fd = fd;
		w->path = fw_strdup(path == NULL ? "stderr" : "stdout");
		return 0;
	}
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0)
		return -errno;
	w->own_fd = true;
	w->path = fw_strdup(path);
	return 0;
}

int
tlog_writer_flush(struct tlog_writer *w)
{
	int	 r;

	if (w->buf.len == 0)
		return w->err;
	r = fw_write_all(w->fd, w->buf.data, w->buf.len);
	if (r != 0 && w->err == 0)
		w->err = r;
	fw_buf_reset(&w->buf);
	return w->err;
}

int
tlog_writer_close(struct tlog_writer *w)
{
	int	 r = tlog_writer_flush(w);

	if (w->own_fd && close(w->fd) != 0 && r == 0)
		r = -errno;
	fw_buf_release(&w->buf);
	free(w->path);
	w->path = NULL;
	return r;
}

/* A line has been appended: write out when the buffer is full. */
static void
line_done(struct tlog_writer *w)
{
	w->lines++;
	if (w->buf.len >= TLOG_BUF_MAX)
		tlog_writer_flush(w);
}

static void
json_strv(struct fw_buf *b, const struct fw_strv *v)
{
	const char	*s = NULL;
	bool		 first = true;

	fw_buf_addc(b, '[');
	while ((s = strv_next(v, s)) != NULL) {
		if (!first)
			fw_buf_addc(b, ',');
		first = false;
		esc_json_str(b, s);
	}
	fw_buf_addc(b, ']');
}

static void
text_strv(struct fw_buf *b, const struct fw_strv *v)
{
	const char	*s = NULL;
	bool		 first = true;

	fw_buf_addc(b, '[');
	while ((s = strv_next(v, s)) != NULL) {
		if (!first)
			fw_buf_adds(b, ", ");
		first = false;
		esc_text_str(b, s);
	}
	fw_buf_addc(b, ']');
}

static void
json_event(struct fw_buf *b, const struct fw_event *ev)
{
	fw_buf_printf(b, "{\"ts\":%.6f,\"event\":\"%s\",\"pid\":%d,\"tgid\":%d",
	    ev->ts, event_kind_name(ev->kind), (int)ev->pid, (int)ev->tgid);
	switch (ev->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
		/* clone(CLONE_PARENT|SIGCHLD) and clone3 report as fork or
		 * vfork: the real parent is named as for clone. */
		fw_buf_printf(b, ",\"child\":%d", (int)ev->child);
		if (ev->parent != 0)
			fw_buf_printf(b, ",\"parent\":%d", (int)ev->parent);
		break;
	case FW_EV_VFORK_DONE:
		fw_buf_printf(b, ",\"child\":%d", (int)ev->child);
		break;
	case FW_EV_CLONE:
		fw_buf_printf(b, ",\"child\":%d,\"thread\":%s", (int)ev->child,
		    ev->thread ? "true" : "false");
		if (ev->parent != 0)
			fw_buf_printf(b, ",\"parent\":%d", (int)ev->parent);
		break;
	case FW_EV_EXEC:
	case FW_EV_ATTACH:
		if (ev->kind == FW_EV_ATTACH)
			fw_buf_printf(b, ",\"ppid\":%d", (int)ev->ppid);
		if (ev->path == NULL)
			break;
		fw_buf_adds(b, ",\"path\":");
		esc_json_str(b, ev->path);
		fw_buf_adds(b, ",\"argv\":");
		json_strv(b, ev->argv);
		fw_buf_adds(b, ",\"cwd\":");
		esc_json_str(b, ev->cwd);
		if (ev->old_pid != 0)
			fw_buf_printf(b, ",\"old_pid\":%d", (int)ev->old_pid);
		if (ev->argv_truncated)
			fw_buf_adds(b, ",\"argv_truncated\":true");
		if (ev->env != NULL) {
			fw_buf_adds(b, ",\"env\":");
			json_strv(b, ev->env);
		}
		break;
	case FW_EV_EXIT:
		if (ev->killed)
			fw_buf_printf(b, ",\"signal\":\"%s\",\"core\":%s",
			    flags_signame(ev->signo), ev->core ? "true" : "false");
		else
			fw_buf_printf(b, ",\"code\":%d", ev->code);
		if (ev->thread)
			fw_buf_adds(b, ",\"thread\":true");
		if (ev->has_rusage)
			fw_buf_printf(b, ",\"utime\":%.6f,\"stime\":%.6f,"
			    "\"maxrss_kb\":%ld", ev->utime, ev->stime,
			    ev->maxrss_kb);
		break;
	case FW_EV_SIGNAL:
		fw_buf_printf(b, ",\"signal\":\"%s\"", flags_signame(ev->signo));
		if (ev->sender > 0)
			fw_buf_printf(b, ",\"sender\":%d", (int)ev->sender);
		fw_buf_printf(b, ",\"si_code\":%d", ev->si_code);
		break;
	case FW_EV_STOP:
	case FW_EV_CONT:
		fw_buf_printf(b, ",\"signal\":\"%s\"", flags_signame(ev->signo));
		break;
	default:
		break;
	}
	fw_buf_addc(b, '}');
}

static void
text_event(struct fw_buf *b, const struct fw_event *ev)
{
	fw_buf_printf(b, "%11.6f ", ev->ts);
	if (ev->pid == ev->tgid)
		fw_buf_printf(b, "%d ", (int)ev->pid);
	else
		fw_buf_printf(b, "%d.%d ", (int)ev->pid, (int)ev->tgid);
	fw_buf_adds(b, event_kind_name(ev->kind));
	switch (ev->kind) {
	case FW_EV_FORK:
	case FW_EV_VFORK:
		fw_buf_printf(b, " %d", (int)ev->child);
		if (ev->parent != 0)
			fw_buf_printf(b, " parent=%d", (int)ev->parent);
		break;
	case FW_EV_VFORK_DONE:
		fw_buf_printf(b, " %d", (int)ev->child);
		break;
	case FW_EV_CLONE:
		fw_buf_printf(b, " %s %d", ev->thread ? "thread" : "process",
		    (int)ev->child);
		if (ev->parent != 0)
			fw_buf_printf(b, " parent=%d", (int)ev->parent);
		break;
	case FW_EV_EXEC:
	case FW_EV_ATTACH:
		if (ev->path != NULL) {
			fw_buf_addc(b, ' ');
			esc_text_str(b, ev->path);
			fw_buf_addc(b, ' ');
			text_strv(b, ev->argv);
			fw_buf_adds(b, " cwd=");
			esc_text_str(b, ev->cwd);
		}
		if (ev->kind == FW_EV_ATTACH)
			fw_buf_printf(b, " ppid=%d", (int)ev->ppid);
		if (ev->old_pid != 0)
			fw_buf_printf(b, " old_pid=%d", (int)ev->old_pid);
		if (ev->env != NULL) {
			fw_buf_adds(b, " env=");
			text_strv(b, ev->env);
		}
		break;
	case FW_EV_EXIT:
		if (ev->killed)
			fw_buf_printf(b, " killed by %s%s",
			    flags_signame(ev->signo),
			    ev->core ? " (core dumped)" : "");
		else
			fw_buf_printf(b, " %d", ev->code);
		if (ev->has_rusage)
			fw_buf_printf(b, " utime=%.3f stime=%.3f maxrss=%ldkB",
			    ev->utime, ev->stime, ev->maxrss_kb);
		break;
	case FW_EV_EXITING:
		if (ev->killed)
			fw_buf_printf(b, " killed by %s", flags_signame(ev->signo));
		else
			fw_buf_printf(b, " %d", ev->code);
		break;
	case FW_EV_SIGNAL:
		fw_buf_printf(b, " %s", flags_signame(ev->signo));
		if (ev->sender > 0)
			fw_buf_printf(b, " from %d", (int)ev->sender);
		break;
	case FW_EV_STOP:
	case FW_EV_CONT:
		fw_buf_printf(b, " %s", flags_signame(ev->signo));
		break;
	default:
		break;
	}
}

/* Events that describe forkwatch's own stops, not the traced tree's
 * lifecycle, are not logged. */
static bool
event_logged(enum fw_event_kind k)
{
	return k != FW_EV_EXITING && k != FW_EV_PAUSE;
}

bool
tlog_format_event(struct fw_buf *b, enum tlog_format f,
    const struct fw_event *ev)
{
	if (f == TLOG_JSONL) {
		if (!event_logged(ev->kind))
			return false;
		json_event(b, ev);
	} else
		text_event(b, ev);
	return event_logged(ev->kind);
}

int
tlog_sink(void *arg, const struct fw_event *ev)
{
	struct tlog_writer	*w = arg;

	/* Decide before formatting: every exit stop passes through here. */
	if (!event_logged(ev->kind))
		return 0;
	tlog_format_event(&w->buf, w->format, ev);
	fw_buf_addc(&w->buf, '\n');
	line_done(w);
	return 0;
}

void
tlog_flush_cb(void *arg)
{
	tlog_writer_flush(arg);
}

void
tlog_write_start(struct tlog_writer *w, double wall0, bool launch,
    char *const argv[], const pid_t *pids, size_t npids, const char *cwd)
{
	struct fw_buf	*b = &w->buf;
	char		 when[64];
	time_t		 secs = (time_t)wall0;
	struct tm	 tm;
	size_t		 i;

	gmtime_r(&secs, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	if (w->format == TLOG_JSONL) {
		fw_buf_printf(b, "{\"ts\":0.000000,\"event\":\"start\","
		    "\"version\":%d,\"version_minor\":%d,\"pid\":%d,\"tgid\":%d,"
		    "\"time\":\"%s.%06dZ\",\"mode\":\"%s\"", TLOG_VERSION,
		    TLOG_VERSION_MINOR, (int)getpid(),
		    (int)getpid(), when, (int)((wall0 - (double)secs) * 1e6),
		    launch ? "launch" : "attach");
		if (launch) {
			fw_buf_adds(b, ",\"argv\":[");
			for (i = 0; argv[i] != NULL; i++) {
				if (i > 0)
					fw_buf_addc(b, ',');
				esc_json_str(b, argv[i]);
			}
			fw_buf_addc(b, ']');
		} else {
			fw_buf_adds(b, ",\"pids\":[");
			for (i = 0; i < npids; i++)
				fw_buf_printf(b, "%s%d", i ? "," : "",
				    (int)pids[i]);
			fw_buf_addc(b, ']');
		}
		fw_buf_adds(b, ",\"cwd\":");
		esc_json_str(b, cwd != NULL ? cwd : "");
		fw_buf_adds(b, "}\n");
	} else {
		fw_buf_printf(b, "%11.6f forkwatch %d start %s.%06dZ %s",
		    0.0, (int)getpid(), when,
		    (int)((wall0 - (double)secs) * 1e6),
		    launch ? "launch" : "attach");
		for (i = 0; launch && argv[i] != NULL; i++) {
			fw_buf_addc(b, ' ');
			esc_text_str(b, argv[i]);
		}
		for (i = 0; !launch && i < npids; i++)
			fw_buf_printf(b, " %d", (int)pids[i]);
		fw_buf_addc(b, '\n');
	}
	line_done(w);
}

void
tlog_write_end(struct tlog_writer *w, double ts, int status, int root_status)
{
	struct fw_buf	*b = &w->buf;

	if (w->format == TLOG_JSONL) {
		fw_buf_printf(b, "{\"ts\":%.6f,\"event\":\"end\",\"pid\":%d,"
		    "\"tgid\":%d,\"status\":%d", ts, (int)getpid(),
		    (int)getpid(), status);
		if (root_status >= 0 && WIFSIGNALED(root_status))
			fw_buf_printf(b, ",\"root_signal\":\"%s\"",
			    flags_signame(WTERMSIG(root_status)));
		else if (root_status >= 0)
			fw_buf_printf(b, ",\"root_code\":%d",
			    WEXITSTATUS(root_status));
		fw_buf_adds(b, "}\n");
	} else {
		fw_buf_printf(b, "%11.6f forkwatch %d end status=%d\n", ts,
		    (int)getpid(), status);
	}
	line_done(w);
	tlog_writer_flush(w);
}
