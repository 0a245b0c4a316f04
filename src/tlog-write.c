/* tlog-write.c - text and JSON Lines trace log writers. */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* -o unix:PATH: connect to the Unix stream socket at path, where a reader
 * (forkwatch report unix:PATH) listens. The fd, or -1 with errno set. */
static int
connect_unix(const char *path)
{
	struct sockaddr_un	 sa;
	int			 s, e;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(s, (struct sockaddr *)&sa, sizeof sa) != 0) {
		e = errno;
		close(s);
		errno = e;
		return -1;
	}
	return s;
}

int
tlog_writer_open(struct tlog_writer *w, const char *path, int fd,
    enum tlog_format format)
{
	memset(w, 0, sizeof *w);
	fw_buf_init(&w->buf);
	w->events_lost = -1;
	w->format = format;
	if (path == NULL || strcmp(path, "-") == 0) {
		w->fd = fd;
		w->path = fw_strdup(path == NULL ? "standard error" :
		    "standard output");
		return 0;
	}
	if (strncmp(path, TLOG_UNIX_PREFIX, strlen(TLOG_UNIX_PREFIX)) == 0)
		w->fd = connect_unix(path + strlen(TLOG_UNIX_PREFIX));
	else
		w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0644);
	if (w->fd < 0)
		return -errno;
	w->own_fd = true;
	w->sock = strncmp(path, TLOG_UNIX_PREFIX,
	    strlen(TLOG_UNIX_PREFIX)) == 0;
	w->path = fw_strdup(path);
	return 0;
}

/* Write p[0..n) to fd, as much as it takes: returns the number of bytes
 * written, with *err = -errno when that is fewer than n. A signal (the
 * engine's flush timer, a Ctrl-C) does not end it; on a non-blocking fd it
 * waits for room, as a blocking write would. */
static size_t
write_some(int fd, bool sock, const char *p, size_t n, int *err)
{
	struct pollfd	 pfd = { .fd = fd, .events = POLLOUT };
	size_t		 done = 0;
	ssize_t		 r;

	*err = 0;
	while (done < n) {
		/* A socket whose reader went away says EPIPE, never
		 * SIGPIPE (the console and TUI do not ignore it). */
		r = sock ? send(fd, p + done, n - done, MSG_NOSIGNAL) :
		    write(fd, p + done, n - done);
		if (r > 0) {
			done += (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
				*err = -errno;
				break;
			}
			continue;
		}
		*err = r < 0 ? -errno : -EIO;
		break;
	}
	return done;
}

/* Take back the last extra bytes written (the start of a cut line): only
 * in a regular file that the writer opened itself (a file it was handed,
 * stdout say, may be shared with others). */
static bool
take_back(struct tlog_writer *w, size_t extra)
{
	struct stat	 st;
	off_t		 end;

	if (!w->own_fd || fstat(w->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	end = lseek(w->fd, 0, SEEK_CUR);
	if (end < 0 || (off_t)extra > end)
		return false;
	end -= (off_t)extra;
	return ftruncate(w->fd, end) == 0 && lseek(w->fd, end, SEEK_SET) == end;
}

/* The first write error: say so once, at once. */
static void
report_error(struct tlog_writer *w)
{
	struct fw_buf	 b;

	fw_buf_init(&b);
	fw_buf_printf(&b, "cannot write %s%s: %s; logging stopped after %lu "
	    "lines, tracing goes on", w->own_fd ? "log file " : "the log to ",
	    w->path, strerror(-w->err), w->lines);
	if (w->on_error != NULL)
		w->on_error(w->on_error_arg, fw_buf_cstr(&b));
	else
		fw_error(0, "%s", fw_buf_cstr(&b));
	fw_buf_release(&b);
}

/* Write the whole lines p[0..n) (nlines of them). After a failure, count
 * what was written and what was not, and take back a cut line or stop
 * writing for good. Returns 0 or -errno. */
static int
write_lines(struct tlog_writer *w, const char *p, size_t n,
    unsigned long nlines)
{
	const char	*nl, *q;
	size_t		 done, keep = 0;
	unsigned long	 whole = 0;
	int		 err;

	done = write_some(w->fd, w->sock, p, n, &err);
	if (err == 0) {
		w->lines += nlines;
		return 0;
	}
	for (q = p; (nl = memchr(q, '\n', done - (size_t)(q - p))) != NULL;
	    q = nl + 1) {
		whole++;
		keep = (size_t)(nl + 1 - p);
	}
	w->lines += whole;
	if (done > keep && !take_back(w, done - keep))
		w->cut = true;
	return err;
}

void
tlog_writer_color(struct tlog_writer *w, enum color_when when)
{
	w->color = w->format == TLOG_TEXT && color_use(when, w->fd);
}

int
tlog_writer_flush(struct tlog_writer *w)
{
	unsigned long	 before = w->lines;
	int		 err;

	if (w->buf.len == 0)
		return w->err;
	if (w->err != 0) {
		w->lost += w->buf_lines;
	} else if ((err = write_lines(w, w->buf.data, w->buf.len,
	    w->buf_lines)) != 0) {
		w->lost += w->buf_lines - (w->lines - before);
		w->err = err;
		report_error(w);
	}
	fw_buf_reset(&w->buf);
	w->buf_lines = 0;
	return w->err;
}

bool
tlog_writer_incomplete(const struct tlog_writer *w)
{
	return w->err != 0;
}

void
tlog_writer_describe_loss(const struct tlog_writer *w, struct fw_buf *b)
{
	fw_buf_printf(b, "the log %s%s is incomplete: %lu line%s not written "
	    "(%s)", w->own_fd ? "" : "on ", w->path, w->lost,
	    w->lost == 1 ? " was" : "s were", strerror(-w->err));
	if (w->cut)
		fw_buf_adds(b, "; its last line is cut");
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
	w->buf_lines++;
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

/* fds as JSON: [{"fd":0,"mode":"r","path":"/dev/null"}, ...], with
 * "cloexec":true on those the exec closed. */
static void
json_fds(struct fw_buf *b, const struct fw_fdv *v)
{
	const char	*mode;
	size_t		 i;

	fw_buf_addc(b, '[');
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			fw_buf_addc(b, ',');
		fw_buf_printf(b, "{\"fd\":%d", v->v[i].fd);
		if ((mode = fdv_mode_name(v->v[i].mode)) != NULL)
			fw_buf_printf(b, ",\"mode\":\"%s\"", mode);
		fw_buf_adds(b, ",\"path\":");
		esc_json_str(b, v->v[i].target);
		if (v->v[i].cloexec)
			fw_buf_adds(b, ",\"cloexec\":true");
		fw_buf_addc(b, '}');
	}
	fw_buf_addc(b, ']');
}

/* fds as text, like shell redirections: [0<"/dev/null", 1>"/tmp/out",
 * 4<>"socket:[9]", 5>"pipe:[12]" cloexec]; ':' for an unknown mode. */
static void
text_fds(struct fw_buf *b, const struct fw_fdv *v)
{
	static const char *const ops[] = { "<", ">", "<>" };
	int		 m;
	size_t		 i;

	fw_buf_addc(b, '[');
	for (i = 0; i < v->n; i++) {
		if (i > 0)
			fw_buf_adds(b, ", ");
		m = v->v[i].mode;
		fw_buf_printf(b, "%d%s", v->v[i].fd, m >= 0 && m <= 2 ?
		    ops[m] : ":");
		esc_text_str(b, v->v[i].target);
		if (v->v[i].cloexec)
			fw_buf_adds(b, " cloexec");
	}
	fw_buf_addc(b, ']');
}

/* The address of member m's field in ev. */
static const void *
field(const struct fw_event *ev, const struct fw_member_info *mi)
{
	return (const char *)ev + mi->off;
}

#define FIELD(ev, mi, type)	(*(const type *)field(ev, mi))

/* Is member mi there in ev? By its "has" flag, else by being set. */
static bool
member_there(const struct fw_event *ev, const struct fw_member_info *mi)
{
	if (mi->off == FW_MEMBER_NO_FIELD)
		return false;
	if (mi->has_off != FW_MEMBER_NO_FIELD)
		return *(const bool *)((const char *)ev + mi->has_off) !=
		    mi->has_neg;
	switch (mi->type) {
	case FW_MT_PID:		return FIELD(ev, mi, pid_t) != 0;
	case FW_MT_INT:
	case FW_MT_SIG:		return FIELD(ev, mi, int) != 0;
	case FW_MT_LONG:	return FIELD(ev, mi, long) != 0;
	case FW_MT_BOOL:	return FIELD(ev, mi, bool);
	case FW_MT_NUM:		return FIELD(ev, mi, double) != 0;
	case FW_MT_STR:		return FIELD(ev, mi, const char *) != NULL;
	case FW_MT_STRV:
		return FIELD(ev, mi, const struct fw_strv *) != NULL;
	case FW_MT_PIDS:
		return FIELD(ev, mi, const struct fw_pids *) != NULL;
	case FW_MT_CLONE_FLAGS:	return FIELD(ev, mi, uint64_t) != 0;
	case FW_MT_PF_FLAGS:	return FIELD(ev, mi, unsigned long) != 0;
	case FW_MT_FDS:
		return FIELD(ev, mi, const struct fw_fdv *) != NULL;
	}
	return false;
}

/* The names of the bits set in v (by name_of; "0x..." for a bit without
 * a name) as a JSON array, or joined with '|' ("0" for none) for text. */
static void
bit_names(struct fw_buf *b, uint64_t v, const char *(*name_of)(uint64_t),
    bool json)
{
	const char	*name;
	uint64_t	 bit;
	int		 i, n = 0;

	if (json)
		fw_buf_addc(b, '[');
	for (i = 0; i < 64; i++) {
		bit = UINT64_C(1) << i;
		if (!(v & bit))
			continue;
		if (n++ > 0)
			fw_buf_addc(b, json ? ',' : '|');
		if ((name = name_of(bit)) != NULL)
			fw_buf_printf(b, json ? "\"%s\"" : "%s", name);
		else
			fw_buf_printf(b, json ? "\"%#llx\"" : "%#llx",
			    (unsigned long long)bit);
	}
	if (json)
		fw_buf_addc(b, ']');
	else if (n == 0)
		fw_buf_addc(b, '0');
}

static const char *
pf_name(uint64_t bit)
{
	return flags_pf_bit_name((unsigned long)bit);
}

static void
pids_value(struct fw_buf *b, const struct fw_pids *p, bool json)
{
	int	 i;

	if (json)
		fw_buf_addc(b, '[');
	for (i = 0; p != NULL && i < p->n; i++)
		fw_buf_printf(b, "%s%d", i > 0 ? "," : "", (int)p->v[i]);
	if (json)
		fw_buf_addc(b, ']');
}

/* Member m of the line for ev (of kind in), or NULL when the line does
 * not carry it: a required member always, an optional one when there. */
static const struct fw_member_info *
written(const struct fw_event *ev, const struct fw_event_info *in, int m)
{
	const struct fw_member_info	*mi = event_member((enum fw_member)m);

	if (mi->off == FW_MEMBER_NO_FIELD)
		return NULL;
	if ((in->req | in->always) & FW_MEMBER_BIT(m))
		return mi;
	if ((in->opt & FW_MEMBER_BIT(m)) && member_there(ev, mi))
		return mi;
	return NULL;
}

static void
json_value(struct fw_buf *b, const struct fw_event *ev,
    const struct fw_member_info *mi)
{
	const char	*s;

	switch (mi->type) {
	case FW_MT_PID:
		fw_buf_printf(b, "%d", (int)FIELD(ev, mi, pid_t));
		break;
	case FW_MT_INT:
		fw_buf_printf(b, "%d", FIELD(ev, mi, int));
		break;
	case FW_MT_LONG:
		fw_buf_printf(b, "%ld", FIELD(ev, mi, long));
		break;
	case FW_MT_BOOL:
		fw_buf_adds(b, FIELD(ev, mi, bool) ? "true" : "false");
		break;
	case FW_MT_NUM:
		fw_buf_printf(b, "%.6f", FIELD(ev, mi, double));
		break;
	case FW_MT_STR:
		s = FIELD(ev, mi, const char *);
		esc_json_str(b, s != NULL ? s : "");
		break;
	case FW_MT_STRV:
		json_strv(b, FIELD(ev, mi, const struct fw_strv *));
		break;
	case FW_MT_FDS:
		json_fds(b, FIELD(ev, mi, const struct fw_fdv *));
		break;
	case FW_MT_SIG:
		fw_buf_printf(b, "\"%s\"", flags_signame(FIELD(ev, mi, int)));
		break;
	case FW_MT_PIDS:
		pids_value(b, FIELD(ev, mi, const struct fw_pids *), true);
		break;
	case FW_MT_CLONE_FLAGS:
		bit_names(b, FIELD(ev, mi, uint64_t), flags_clone_bit_name,
		    true);
		break;
	case FW_MT_PF_FLAGS:
		bit_names(b, FIELD(ev, mi, unsigned long), pf_name, true);
		break;
	}
}

/* One line of JSON from the event table: the common members, then each
 * member of the kind that is there. */
static void
json_event(struct fw_buf *b, const struct fw_event *ev)
{
	const struct fw_event_info	*in = event_info(ev->kind);
	const struct fw_member_info	*mi;
	int				 m;

	fw_buf_printf(b, "{\"ts\":%.6f,\"event\":\"%s\",\"pid\":%d,\"tgid\":%d",
	    ev->ts, in->name, (int)ev->pid, (int)ev->tgid);
	for (m = 0; m < FW_M_COUNT; m++) {
		if ((mi = written(ev, in, m)) == NULL)
			continue;
		fw_buf_printf(b, ",\"%s\":", mi->name);
		json_value(b, ev, mi);
	}
	fw_buf_addc(b, '}');
}

/* How the text format shows member m; the default is " NAME=VALUE". */
enum text_style {
	TXT_KEY,		/* " name=value" */
	TXT_BARE,		/* " value" */
	TXT_NONE,		/* not shown */
	TXT_CUSTOM,		/* text_custom() */
};

static const unsigned char text_styles[FW_M_COUNT] = {
	[FW_M_THREAD] = TXT_CUSTOM,
	[FW_M_CHILD] = TXT_BARE,
	[FW_M_FLAGS] = TXT_CUSTOM,
	[FW_M_EXIT_SIGNAL] = TXT_NONE,
	[FW_M_PATH] = TXT_BARE,
	[FW_M_ARGV] = TXT_BARE,
	[FW_M_ARGV_TRUNCATED] = TXT_CUSTOM,
	[FW_M_SIGNAL] = TXT_CUSTOM,
	[FW_M_CORE] = TXT_CUSTOM,
	[FW_M_CODE] = TXT_BARE,
	[FW_M_UTIME] = TXT_CUSTOM,
	[FW_M_STIME] = TXT_CUSTOM,
	[FW_M_MAXRSS_KB] = TXT_CUSTOM,
	[FW_M_SENDER] = TXT_CUSTOM,
	[FW_M_SENDER_INNER] = TXT_CUSTOM,
	[FW_M_SI_CODE] = TXT_NONE,
};

/* The members whose text form is not a plain value. */
static void
text_custom(struct fw_buf *b, const struct fw_event *ev, int m)
{
	switch (m) {
	case FW_M_THREAD:
		if (ev->kind == FW_EV_CLONE)
			fw_buf_adds(b, ev->thread ? " thread" : " process");
		break;
	case FW_M_ARGV_TRUNCATED:
		fw_buf_adds(b, " argv_truncated");
		break;
	case FW_M_FLAGS:
		/* As strace writes them: the exit signal last. */
		fw_buf_adds(b, " flags=");
		flags_clone_text(b, ev->clone_flags, ev->exit_signal);
		break;
	case FW_M_SIGNAL:
		fw_buf_printf(b, "%s%s", ev->killed ? " killed by " : " ",
		    flags_signame(ev->signo));
		break;
	case FW_M_CORE:
		if (ev->core)
			fw_buf_adds(b, " (core dumped)");
		break;
	case FW_M_UTIME:
		fw_buf_printf(b, " utime=%.3f", ev->utime);
		break;
	case FW_M_STIME:
		fw_buf_printf(b, " stime=%.3f", ev->stime);
		break;
	case FW_M_MAXRSS_KB:
		fw_buf_printf(b, " maxrss=%ldkB", ev->maxrss_kb);
		break;
	case FW_M_SENDER:
		fw_buf_printf(b, " from %d", (int)ev->sender);
		break;
	case FW_M_SENDER_INNER:
		fw_buf_printf(b, " from %d (its pid namespace)",
		    (int)ev->sender_inner);
		break;
	}
}

static void
text_value(struct fw_buf *b, const struct fw_event *ev,
    const struct fw_member_info *mi)
{
	const char	*s;

	switch (mi->type) {
	case FW_MT_STR:
		s = FIELD(ev, mi, const char *);
		esc_text_str(b, s != NULL ? s : "");
		break;
	case FW_MT_STRV:
		text_strv(b, FIELD(ev, mi, const struct fw_strv *));
		break;
	case FW_MT_FDS:
		text_fds(b, FIELD(ev, mi, const struct fw_fdv *));
		break;
	case FW_MT_SIG:
		fw_buf_adds(b, flags_signame(FIELD(ev, mi, int)));
		break;
	case FW_MT_NUM:
		fw_buf_printf(b, "%.3f", FIELD(ev, mi, double));
		break;
	case FW_MT_PIDS:
		pids_value(b, FIELD(ev, mi, const struct fw_pids *), false);
		break;
	case FW_MT_CLONE_FLAGS:
		bit_names(b, FIELD(ev, mi, uint64_t), flags_clone_bit_name,
		    false);
		break;
	case FW_MT_PF_FLAGS:
		bit_names(b, FIELD(ev, mi, unsigned long), pf_name, false);
		break;
	default:
		json_value(b, ev, mi);
		break;
	}
}

static void
text_event(struct fw_buf *b, const struct fw_event *ev)
{
	const struct fw_event_info	*in = event_info(ev->kind);
	const struct fw_member_info	*mi;
	int				 m;

	fw_buf_printf(b, "%11.6f ", ev->ts);
	if (ev->pid == ev->tgid)
		fw_buf_printf(b, "%d ", (int)ev->pid);
	else
		fw_buf_printf(b, "%d.%d ", (int)ev->pid, (int)ev->tgid);
	fw_buf_adds(b, in->name);
	for (m = 0; m < FW_M_COUNT; m++) {
		if ((mi = written(ev, in, m)) == NULL)
			continue;
		switch (text_styles[m]) {
		case TXT_NONE:
			break;
		case TXT_CUSTOM:
			text_custom(b, ev, m);
			break;
		case TXT_BARE:
			fw_buf_addc(b, ' ');
			text_value(b, ev, mi);
			break;
		default:
			fw_buf_printf(b, " %s=", mi->name);
			text_value(b, ev, mi);
			break;
		}
	}
}

/* How an event's text line is coloured: failed exits red, killed magenta. */
static enum color_role
text_role(const struct fw_event *ev)
{
	if (ev->kind != FW_EV_EXIT)
		return COLOR_PLAIN;
	if (ev->killed)
		return COLOR_KILLED;
	return ev->code != 0 ? COLOR_FAIL : COLOR_PLAIN;
}

/* Colour the text line that starts at b->data[start] (no newline yet): its
 * time dim, the rest in role's colour. Escapes in untrusted strings were
 * already made visible, so these are the line's only escape sequences. */
static void
text_color_line(struct fw_buf *b, size_t start, enum color_role role)
{
	char	*line = fw_strndup(b->data + start, b->len - start);
	size_t	 ts = strspn(line, " ");

	ts += strcspn(line + ts, " ");
	b->len = start;
	fw_buf_printf(b, "%s%.*s%s", color_on(COLOR_DIM), (int)ts, line,
	    COLOR_OFF);
	if (role != COLOR_PLAIN)
		fw_buf_printf(b, "%s%s%s", color_on(role), line + ts,
		    COLOR_OFF);
	else
		fw_buf_adds(b, line + ts);
	free(line);
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
	size_t			 start = w->buf.len;

	/* Decide before formatting: every exit stop passes through here. */
	if (!event_logged(ev->kind))
		return 0;
	if (w->err != 0) {
		w->lost++;	/* logging stopped at a write error */
		return 0;
	}
	tlog_format_event(&w->buf, w->format, ev);
	if (w->color)
		text_color_line(&w->buf, start, text_role(ev));
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
	size_t		 i, start;

	gmtime_r(&secs, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	if (w->format == TLOG_JSONL) {
		fw_buf_printf(b, "{\"ts\":0.000000,\"event\":\"start\","
		    "\"version\":%d,\"version_minor\":%d,\"pid\":%d,\"tgid\":%d,"
		    "\"time\":\"%s.%06dZ\",\"mode\":\"%s\"", TLOG_VERSION,
		    TLOG_VERSION_MINOR, (int)getpid(),
		    (int)getpid(), when, (int)((wall0 - (double)secs) * 1e6),
		    w->system ? "system" : launch ? "launch" : "attach");
		if (w->backend != NULL)
			fw_buf_printf(b, ",\"backend\":\"%s\"", w->backend);
		if (w->system) {
			/* everything: neither argv nor pids */
		} else if (launch) {
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
		start = b->len;
		fw_buf_printf(b, "%11.6f forkwatch %d start %s.%06dZ %s",
		    0.0, (int)getpid(), when,
		    (int)((wall0 - (double)secs) * 1e6),
		    w->system ? "system" : launch ? "launch" : "attach");
		if (w->backend != NULL)
			fw_buf_printf(b, " backend=%s", w->backend);
		for (i = 0; launch && argv[i] != NULL; i++) {
			fw_buf_addc(b, ' ');
			esc_text_str(b, argv[i]);
		}
		for (i = 0; !launch && i < npids; i++)
			fw_buf_printf(b, " %d", (int)pids[i]);
		if (w->color)
			text_color_line(b, start, COLOR_PLAIN);
		fw_buf_addc(b, '\n');
	}
	line_done(w);
}

void
tlog_write_end(struct tlog_writer *w, double ts, int status, int root_status)
{
	struct fw_buf	 b;
	size_t		 start;

	/* Know whether lines are missing; never write after a cut line. */
	tlog_writer_flush(w);
	if (w->cut)
		return;
	fw_buf_init(&b);
	if (w->format == TLOG_JSONL) {
		fw_buf_printf(&b, "{\"ts\":%.6f,\"event\":\"end\",\"pid\":%d,"
		    "\"tgid\":%d,\"status\":%d", ts, (int)getpid(),
		    (int)getpid(), status);
		if (root_status >= 0 && WIFSIGNALED(root_status))
			fw_buf_printf(&b, ",\"root_signal\":\"%s\"",
			    flags_signame(WTERMSIG(root_status)));
		else if (root_status >= 0)
			fw_buf_printf(&b, ",\"root_code\":%d",
			    WEXITSTATUS(root_status));
		if (w->events_lost >= 0)
			fw_buf_printf(&b, ",\"events_lost\":%ld",
			    w->events_lost);
		if (w->err != 0) {
			fw_buf_printf(&b, ",\"incomplete\":true,\"lost\":%lu,"
			    "\"log_error\":", w->lost);
			esc_json_str(&b, strerror(-w->err));
		}
		fw_buf_adds(&b, "}\n");
	} else {
		start = b.len;
		fw_buf_printf(&b, "%11.6f forkwatch %d end status=%d", ts,
		    (int)getpid(), status);
		if (w->events_lost >= 0)
			fw_buf_printf(&b, " events_lost=%ld", w->events_lost);
		if (w->err != 0) {
			fw_buf_printf(&b, " incomplete: %lu lines lost (",
			    w->lost);
			esc_text_bare(&b, strerror(-w->err),
			    strlen(strerror(-w->err)));
			fw_buf_addc(&b, ')');
		}
		if (w->color)
			text_color_line(&b, start, status != 0 ? COLOR_FAIL :
			    COLOR_PLAIN);
		fw_buf_addc(&b, '\n');
	}
	if (w->err == 0) {
		fw_buf_add(&w->buf, b.data, b.len);
		line_done(w);
		tlog_writer_flush(w);
	} else {
		/* After the error, once and directly: if this fails too,
		 * the log ends without its end line. */
		(void)write_lines(w, b.data, b.len, 1);
	}
	fw_buf_release(&b);
}
