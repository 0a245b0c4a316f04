/* tui-replay-log.c - a replayed log's lines, read back one at a time.
 *
 * The replay keeps only what its tree, filters and cursor need of each
 * event (tui-replay.c); the event pane and the details want every member
 * of the few events on screen. So the log stays open: one pass after the
 * load notes where each event's line starts, and a line is read again,
 * parsed by the log reader (after the log's own start line, so its format
 * version is honoured) and turned into a struct fw_event by the event
 * table when it is shown. Any member the table knows is shown, now and
 * when kinds and members are added. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flags.h"
#include "tlog-read.h"
#include "tui-int.h"

#define LINE_BLOCK	65536

struct tui_rlog {
	int		 fd;
	char		*start;		/* the start line */
	size_t		 start_len;
	off_t		*off;		/* of event i's line; [0] unused */
	size_t		 n;		/* events placed: off[1..n] */
	size_t		 cap;
	/* The pass over the file, to go on with as it grows (--follow). */
	off_t		 pos;		/* bytes scanned */
	unsigned long	 line;		/* the line that starts at pos */
	unsigned long	 start_lineno;
	off_t		 start_off;
};

/* Read line at off into b (without its newline). */
static int
read_line(int fd, off_t off, struct fw_buf *b)
{
	char	 buf[4096], *nl;
	ssize_t	 r;

	fw_buf_reset(b);
	for (;;) {
		r = pread(fd, buf, sizeof buf, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		nl = memchr(buf, '\n', (size_t)r);
		fw_buf_add(b, buf, nl != NULL ? (size_t)(nl - buf) : (size_t)r);
		if (nl != NULL || b->len > TLOG_READ_MAX_LINE)
			break;
		off += r;
	}
	fw_buf_cstr(b);
	return 0;
}

/* Note where the lines of events l->n+1 .. n start, reading on from where
 * the last pass stopped (line numbers only grow: one pass in all). */
static void
scan(struct tui_rlog *l, unsigned long (*lineno)(void *, size_t), size_t n,
    void *arg)
{
	char	*blk;
	size_t	 i = l->n + 1, k;
	ssize_t	 r;

	if (n + 1 > l->cap) {
		l->cap = n + 1 > 2 * l->cap ? n + 1 : 2 * l->cap;
		l->off = fw_realloc(l->off, l->cap * sizeof *l->off);
	}
	for (k = i; k <= n; k++)
		l->off[k] = -1;
	/* Lines that start where the last pass stopped. */
	while (i <= n && lineno(arg, i) == l->line)
		l->off[i++] = l->pos;
	blk = fw_malloc(LINE_BLOCK);
	while (i <= n || l->start_off < 0) {
		r = pread(l->fd, blk, LINE_BLOCK, l->pos);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (k = 0; k < (size_t)r; k++) {
			if (blk[k] != '\n')
				continue;
			l->line++;
			if (l->line == l->start_lineno)
				l->start_off = l->pos + (off_t)k + 1;
			while (i <= n && lineno(arg, i) == l->line)
				l->off[i++] = l->pos + (off_t)k + 1;
		}
		l->pos += r;
	}
	free(blk);
	l->n = n;
}

struct tui_rlog *
tui_rlog_open(const char *path, unsigned long start_lineno,
    unsigned long (*lineno)(void *, size_t), size_t n, void *arg)
{
	struct tui_rlog	*l;
	struct fw_buf	 b;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	l = fw_calloc(1, sizeof *l);
	l->fd = fd;
	l->line = 1;
	l->start_lineno = start_lineno;
	l->start_off = start_lineno == 1 ? 0 : -1;
	scan(l, lineno, n, arg);
	fw_buf_init(&b);
	if (l->start_off >= 0 && read_line(fd, l->start_off, &b) == 0) {
		l->start = b.data;
		l->start_len = b.len;
	} else {
		fw_buf_release(&b);
	}
	return l;
}

void
tui_rlog_extend(struct tui_rlog *l, unsigned long (*lineno)(void *, size_t),
    size_t n, void *arg)
{
	if (l != NULL && n > l->n)
		scan(l, lineno, n, arg);
}

void
tui_rlog_free(struct tui_rlog *l)
{
	if (l == NULL)
		return;
	close(l->fd);
	free(l->start);
	free(l->off);
	free(l);
}

/* Things a struct fw_event points to, for the time of one callback. */
struct scratch {
	struct fw_strv	 strv[FW_M_COUNT];
	struct fw_fdv	 fds;
	struct fw_pids	 pids;
};

static unsigned long
pf_bit(const char *name)
{
	unsigned long	 bit;
	const char	*s;

	for (bit = 1; bit != 0; bit <<= 1) {
		if ((s = flags_pf_bit_name(bit)) != NULL && strcmp(s, name) == 0)
			return bit;
	}
	return 0;
}

/* The struct fw_event a parsed line stands for, member by member as the
 * event table places them. */
static void
fill(const struct tlog_event *te, struct fw_event *ev, struct scratch *sc)
{
	const struct fw_member_info	*mi;
	const struct tlog_value		*v;
	struct fw_buf			 blob;
	uint64_t			 cf;
	unsigned long			 pf;
	char				*p;
	size_t				 k;
	int				 m;

	memset(ev, 0, sizeof *ev);
	ev->kind = te->kind;
	ev->ts = te->ts;
	ev->pid = (pid_t)te->pid;
	ev->tgid = (pid_t)te->tgid;
	ev->cwd = "";
	for (m = 0; m < FW_M_COUNT; m++) {
		mi = event_member((enum fw_member)m);
		if (mi->off == FW_MEMBER_NO_FIELD ||
		    (v = tlog_member(te, (enum fw_member)m)) == NULL || !v->has)
			continue;
		p = (char *)ev + mi->off;
		switch (mi->type) {
		case FW_MT_PID:
			*(pid_t *)p = (pid_t)v->i;
			break;
		case FW_MT_INT:
			*(int *)p = (int)v->i;
			break;
		case FW_MT_LONG:
			*(long *)p = (long)v->i;
			break;
		case FW_MT_BOOL:
			*(bool *)p = v->i != 0;
			break;
		case FW_MT_NUM:
			*(double *)p = v->d;
			break;
		case FW_MT_STR:
			*(const char **)p = v->s;
			break;
		case FW_MT_SIG:
			*(int *)p = v->s != NULL ? flags_sigparse(v->s) : 0;
			if (*(int *)p < 0)
				*(int *)p = 0;
			break;
		case FW_MT_STRV:
			fw_buf_init(&blob);
			for (k = 0; k < v->n; k++)
				fw_buf_add(&blob, v->v[k], strlen(v->v[k]) + 1);
			strv_set(&sc->strv[m], blob.data, blob.len);
			fw_buf_release(&blob);
			*(const struct fw_strv **)p = &sc->strv[m];
			break;
		case FW_MT_PIDS:
			sc->pids.n = 0;
			for (k = 0; k < v->n && k < FW_PIDS_MAX; k++)
				sc->pids.v[sc->pids.n++] = (pid_t)v->ints[k];
			*(const struct fw_pids **)p = &sc->pids;
			break;
		case FW_MT_CLONE_FLAGS:
			for (cf = 0, k = 0; k < v->n; k++)
				cf |= flags_clone_parse(v->v[k]);
			*(uint64_t *)p = cf;
			break;
		case FW_MT_PF_FLAGS:
			for (pf = 0, k = 0; k < v->n; k++)
				pf |= pf_bit(v->v[k]);
			*(unsigned long *)p = pf;
			break;
		case FW_MT_FDS:
			for (k = 0; k < v->n; k++)
				fdv_add(&sc->fds, v->fds[k].fd, v->fds[k].mode,
				    v->fds[k].cloexec, v->fds[k].target);
			*(const struct fw_fdv **)p = &sc->fds;
			break;
		}
		if (mi->has_off != FW_MEMBER_NO_FIELD)
			*(bool *)((char *)ev + mi->has_off) = !mi->has_neg;
	}
	/* An exit (or exiting) with a signal and no code was a killing. */
	if ((ev->kind == FW_EV_EXIT || ev->kind == FW_EV_EXITING) &&
	    tlog_member(te, FW_M_SIGNAL) != NULL &&
	    tlog_member(te, FW_M_CODE) == NULL)
		ev->killed = true;
}

bool
tui_rlog_event(struct tui_rlog *l, size_t i,
    void (*fn)(void *, const struct fw_event *), void *arg)
{
	struct tlog_reader	*rd;
	struct tlog_event	 te;
	enum tlog_open_error	 why;
	struct fw_event		 ev;
	struct scratch		 sc;
	struct fw_buf		 text;
	char			*msg = NULL;
	FILE			*f;
	bool			 ok = false;
	int			 m;

	if (l == NULL || i == 0 || i > l->n || l->off[i] < 0 || l->start == NULL)
		return false;
	fw_buf_init(&text);
	fw_buf_add(&text, l->start, l->start_len);
	fw_buf_addc(&text, '\n');
	{
		struct fw_buf	 line;

		fw_buf_init(&line);
		if (read_line(l->fd, l->off[i], &line) == 0) {
			fw_buf_add(&text, line.data, line.len);
			fw_buf_addc(&text, '\n');
		}
		fw_buf_release(&line);
	}
	if ((f = fmemopen(text.data, text.len, "r")) == NULL) {
		fw_buf_release(&text);
		return false;
	}
	if ((rd = tlog_read_open_stream(f, "replay", &why, &msg)) != NULL) {
		/* The start line, then the event. */
		if (tlog_read_next(rd, &te) > 0 && tlog_read_next(rd, &te) > 0 &&
		    te.kind != FW_EV_START) {
			memset(&sc, 0, sizeof sc);
			fdv_init(&sc.fds);
			fill(&te, &ev, &sc);
			fn(arg, &ev);
			for (m = 0; m < FW_M_COUNT; m++)
				strv_release(&sc.strv[m]);
			fdv_release(&sc.fds);
			ok = true;
		}
		tlog_read_free(rd);
	}
	free(msg);
	fclose(f);
	fw_buf_release(&text);
	return ok;
}
