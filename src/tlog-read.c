/* tlog-read.c - streaming reader of forkwatch JSON Lines trace logs. */
#include "config.h"

#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "escape.h"
#include "tlog-read.h"
#include "util.h"

#define BLOCK_SIZE	65536

/*
 * How strings stand for bytes that are not UTF-8 (doc/LOG-FORMAT.md,
 * "Strings"). Format 1.1 and later write such a byte XX as the lone low
 * surrogate \udcXX (a real character U+0080..U+00FF is \u00XX or raw);
 * format 1.0 wrote it as \u00XX and real U+0080..U+00FF characters raw.
 */
enum raw_rule {
	RAW_SURROGATE,		/* 1.1+: lone \udc80..\udcff is a byte */
	RAW_LATIN1,		/* 1.0: \u0080..\u00ff is a byte */
};

struct tlog_reader {
	FILE			*f;		/* or NULL: read(2) on fd */
	bool			 own_f;
	char			*name;
	int			 fd;		/* tlog_read_open_fd(), else -1 */
	bool			 own_fd;
	bool			 follow;	/* the end of a file is "not yet" */
	bool			 stream;	/* fd is a pipe or socket: its end
						 * is the log's end */
	int			 ino;		/* inotify on a followed file */
	off_t			 offset;	/* bytes read from fd */
	bool			 truncated;	/* the followed file shrank */
	bool			 partial;	/* line holds the start of a line
						 * not written to its end yet */
	tlog_wait_fn		 wait;		/* for the start line, or NULL */
	void			*wait_arg;

	char			*blk;		/* read-ahead block */
	size_t			 blk_len;
	size_t			 blk_pos;
	bool			 eof;

	struct fw_buf		 line;		/* the current line */
	struct fw_buf		 json;		/* the line as jansson reads it */
	enum raw_rule		 rule;		/* by the log's version */
	bool			 too_long;
	unsigned long		 lineno;

	json_t			*cur;		/* the current event's object */
	json_t			*start;		/* start line, not handed out */
	unsigned long		 start_lineno;

	char			*arena;		/* decoded strings of cur */
	size_t			 arena_len;
	size_t			 arena_cap;
	const char		**vec;		/* string arrays of cur */
	size_t			 vec_len;
	size_t			 vec_cap;
	long long		*ints;		/* integer arrays of cur */
	size_t			 ints_len;
	size_t			 ints_cap;
	struct fw_fd		*fds;		/* fd arrays of cur */
	size_t			 fds_len;
	size_t			 fds_cap;
	struct tlog_value	 vals[FW_M_COUNT];	/* members of cur */

	unsigned long		 n_bad;
	unsigned long		 first_bad;
	char			*first_bad_why;
	bool			 saw_end;
	bool			 incomplete;	/* the end line says so */
	long long		 lost;
	char			*log_error;
};

/*
 * Refill the read-ahead block: returns the number of bytes read, 0 at the
 * end of the log, -1 on a read error (errno set), or TLOG_READ_AGAIN when a
 * followed log has nothing more for now. A followed regular file never ends
 * (unless it shrinks: truncated); a pipe or socket ends when its writer
 * closes it.
 */
static ssize_t
fill(struct tlog_reader *r)
{
	struct pollfd	 pfd = { .fd = r->fd, .events = POLLIN };
	struct stat	 st;
	ssize_t		 n;

	if (r->f != NULL) {
		n = (ssize_t)fread(r->blk, 1, BLOCK_SIZE, r->f);
		if (n == 0 && ferror(r->f)) {
			if (errno == 0)
				errno = EIO;
			return -1;
		}
		return n;
	}
	for (;;) {
		if (r->follow && r->stream && poll(&pfd, 1, 0) == 0)
			return TLOG_READ_AGAIN;
		n = read(r->fd, r->blk, BLOCK_SIZE);
		if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
			if (r->follow)
				return TLOG_READ_AGAIN;
			continue;
		}
		if (n < 0)
			return -1;
		if (n == 0 && r->follow && !r->stream) {
			if (fstat(r->fd, &st) == 0 && st.st_size < r->offset) {
				r->truncated = true;
				return 0;
			}
			return TLOG_READ_AGAIN;
		}
		r->offset += n;
		return n;
	}
}

/*
 * Read the next line into r->line without its newline. Returns 1 for a line
 * (a last line without a newline counts, unless the log is followed: then
 * it is kept until its end is written), 0 at end of file, -1 on a read
 * error, TLOG_READ_AGAIN when a followed log has no whole line more yet. A
 * line past TLOG_READ_MAX_LINE is consumed but not kept: too_long is set.
 */
static int
read_line(struct tlog_reader *r)
{
	const char	*p, *nl;
	size_t		 avail, take;
	ssize_t		 n;
	bool		 any = r->partial;

	if (!r->partial) {
		fw_buf_reset(&r->line);
		r->too_long = false;
	}
	for (;;) {
		if (r->blk_pos == r->blk_len) {
			if (r->eof)
				break;
			n = fill(r);
			if (n == TLOG_READ_AGAIN) {
				r->partial = any;
				return TLOG_READ_AGAIN;
			}
			if (n < 0)
				return -1;
			r->blk_len = (size_t)n;
			r->blk_pos = 0;
			if (n == 0)
				r->eof = true;
			continue;
		}
		any = true;
		p = r->blk + r->blk_pos;
		avail = r->blk_len - r->blk_pos;
		nl = memchr(p, '\n', avail);
		take = nl != NULL ? (size_t)(nl - p) : avail;
		if (!r->too_long && r->line.len + take > TLOG_READ_MAX_LINE)
			r->too_long = true;
		if (!r->too_long)
			fw_buf_add(&r->line, p, take);
		r->blk_pos += take + (nl != NULL);
		if (nl != NULL)
			break;
	}
	r->partial = false;
	if (!any)
		return 0;
	r->lineno++;
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Copy line s[0..n) into out for jansson, rewriting each escape that stands
 * for a raw byte XX (by rule) as "\u0000\u00XX": jansson is then asked to
 * allow U+0000 in strings, and decode_str() turns U+0000 followed by U+00XX
 * back into byte XX. Nothing else can yield U+0000: a line with a \u0000
 * escape of its own is refused (a string from a tracee cannot hold NUL).
 * Returns 0, or -1 with a reason in why.
 */
static int
prepare_line(const char *s, size_t n, enum raw_rule rule, struct fw_buf *out,
    struct fw_buf *why)
{
	unsigned int	 v;
	bool		 after_high = false, raw;
	size_t		 i, k;
	int		 h;

	fw_buf_reset(out);
	fw_buf_grow(out, n + 16);
	for (i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			fw_buf_addc(out, s[i]);
			after_high = false;
			continue;
		}
		if (s[i + 1] != 'u' || i + 5 >= n) {
			/* Another escape: copy it whole. */
			fw_buf_add(out, s + i, 2);
			i++;
			after_high = false;
			continue;
		}
		for (v = 0, k = 2; k < 6; k++) {
			if ((h = hexval(s[i + k])) < 0)
				break;
			v = (v << 4) | (unsigned int)h;
		}
		if (k < 6) {
			/* Not JSON: jansson will say so. */
			fw_buf_add(out, s + i, 2);
			i++;
			after_high = false;
			continue;
		}
		if (v == 0) {
			fw_buf_printf(why, "a string holds \\u0000 at column "
			    "%zu", i + 1);
			return -1;
		}
		if (rule == RAW_SURROGATE)
			raw = v >= 0xdc80 && v <= 0xdcff && !after_high;
		else
			raw = v >= 0x80 && v <= 0xff;
		if (raw)
			fw_buf_printf(out, "\\u0000\\u00%02x", v & 0xff);
		else
			fw_buf_add(out, s + i, 6);
		after_high = v >= 0xd800 && v <= 0xdbff;
		i += 5;
	}
	return 0;
}

/* Copy jansson's string s[0..n) into dst turning each U+0000 U+00XX pair
 * (made by prepare_line()) back into the byte XX; returns the number of
 * bytes written (plus a NUL). */
static size_t
decode_str(char *dst, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, o = 0;

	for (i = 0; i < n; i++) {
		if (u[i] == 0 && i + 2 < n && (u[i + 1] == 0xc2 ||
		    u[i + 1] == 0xc3)) {
			dst[o++] = (char)(((u[i + 1] & 0x03) << 6) |
			    (u[i + 2] & 0x3f));
			i += 2;
			continue;
		}
		dst[o++] = s[i];
	}
	dst[o] = '\0';
	return o;
}

/* Make room in the arena for every string of object o, and in the pools
 * for every array, so that pointers handed out while decoding o stay
 * valid. */
static void
reserve_strings(struct tlog_reader *r, json_t *o)
{
	const char	*key;
	json_t		*v, *e, *p;
	size_t		 need = 0, nvec = 0, nints = 0, i;

	json_object_foreach(o, key, v) {
		if (json_is_string(v))
			need += json_string_length(v) + 1;
		else if (json_is_array(v)) {
			nvec += json_array_size(v) + 1;
			nints += json_array_size(v);
			json_array_foreach(v, i, e) {
				if (json_is_string(e))
					need += json_string_length(e) + 1;
				else if (json_is_object(e) && json_is_string(
				    p = json_object_get(e, "path")))
					need += json_string_length(p) + 1;
			}
		}
	}
	r->arena_len = 0;
	if (need > r->arena_cap) {
		free(r->arena);
		r->arena_cap = need + need / 2;
		r->arena = fw_malloc(r->arena_cap);
	}
	r->vec_len = 0;
	if (nvec > r->vec_cap) {
		free(r->vec);
		r->vec_cap = nvec + nvec / 2;
		r->vec = fw_malloc(r->vec_cap * sizeof *r->vec);
	}
	r->ints_len = 0;
	if (nints > r->ints_cap) {
		free(r->ints);
		r->ints_cap = nints + nints / 2;
		r->ints = fw_malloc(r->ints_cap * sizeof *r->ints);
	}
	/* Every array element may be an fd object. */
	r->fds_len = 0;
	if (nints > r->fds_cap) {
		free(r->fds);
		r->fds_cap = nints + nints / 2;
		r->fds = fw_malloc(r->fds_cap * sizeof *r->fds);
	}
}

/* Decode string v into the arena (reserve_strings() made room). */
static const char *
arena_str(struct tlog_reader *r, json_t *v)
{
	char	*dst = r->arena + r->arena_len;

	r->arena_len += decode_str(dst, json_string_value(v),
	    json_string_length(v)) + 1;
	return dst;
}

/* Decoding state of one line: the object and the first problem found. */
struct dec {
	struct tlog_reader	*r;
	json_t			*o;
	const char		*bad_key;
	const char		*bad_type;
};

static void
dec_fail(struct dec *d, const char *key, const char *type)
{
	if (d->bad_key == NULL) {
		d->bad_key = key;
		d->bad_type = type;
	}
}

/* What a member of type t must be, for messages. */
static const char *
type_desc(enum fw_member_type t)
{
	switch (t) {
	case FW_MT_PID:
	case FW_MT_INT:
	case FW_MT_LONG:	return "an integer";
	case FW_MT_BOOL:	return "a boolean";
	case FW_MT_NUM:		return "a number";
	case FW_MT_STR:
	case FW_MT_SIG:		return "a string";
	case FW_MT_STRV:
	case FW_MT_CLONE_FLAGS:
	case FW_MT_PF_FLAGS:	return "an array of strings";
	case FW_MT_PIDS:	return "an array of integers";
	case FW_MT_FDS:		return "an array of fd objects";
	}
	return "?";
}

/* Decode an array of fd objects ({"fd":N,"path":S} with an optional
 * "mode" string and "cloexec" boolean) into the fd pool (targets in the
 * arena); false when it is not one. An unknown mode is -1, not an error:
 * newer writers may know more. */
static bool
dec_fds(struct tlog_reader *r, json_t *v, struct tlog_value *val)
{
	json_t		*e, *fd, *path, *mode, *cloexec;
	struct fw_fd	*f;
	size_t		 i;

	if (!json_is_array(v))
		return false;
	json_array_foreach(v, i, e) {
		fd = json_object_get(e, "fd");
		path = json_object_get(e, "path");
		mode = json_object_get(e, "mode");
		cloexec = json_object_get(e, "cloexec");
		if (!json_is_object(e) || !json_is_integer(fd) ||
		    json_integer_value(fd) < 0 ||
		    json_integer_value(fd) > INT_MAX || !json_is_string(path) ||
		    (mode != NULL && !json_is_string(mode)) ||
		    (cloexec != NULL && !json_is_boolean(cloexec)))
			return false;
	}
	val->fds = r->fds + r->fds_len;
	val->n = json_array_size(v);
	json_array_foreach(v, i, e) {
		f = &r->fds[r->fds_len++];
		f->fd = (int)json_integer_value(json_object_get(e, "fd"));
		mode = json_object_get(e, "mode");
		f->mode = mode != NULL ? fdv_mode_parse(json_string_value(mode)) :
		    -1;
		f->cloexec = json_is_true(json_object_get(e, "cloexec"));
		/* The arena owns the string (and is not const). */
		f->target = (char *)arena_str(r, json_object_get(e, "path"));
	}
	return true;
}

/* Decode member m of the line into *val by its type; false (and *val
 * empty) when it is absent or of the wrong type (then noted in d). */
static bool
dec_member(struct dec *d, enum fw_member m, struct tlog_value *val)
{
	const struct fw_member_info	*mi = event_member(m);
	struct tlog_reader		*r = d->r;
	json_t				*v = json_object_get(d->o, mi->name);
	json_t				*e;
	size_t				 i, n;
	bool				 ok;

	memset(val, 0, sizeof *val);
	if (v == NULL)
		return false;
	switch (mi->type) {
	case FW_MT_PID:
	case FW_MT_INT:
	case FW_MT_LONG:
		if ((ok = json_is_integer(v)))
			val->i = json_integer_value(v);
		break;
	case FW_MT_BOOL:
		if ((ok = json_is_boolean(v)))
			val->i = json_is_true(v);
		break;
	case FW_MT_NUM:
		if ((ok = json_is_number(v)))
			val->d = json_number_value(v);
		break;
	case FW_MT_STR:
	case FW_MT_SIG:
		if ((ok = json_is_string(v)))
			val->s = arena_str(r, v);
		break;
	case FW_MT_STRV:
	case FW_MT_CLONE_FLAGS:
	case FW_MT_PF_FLAGS:
	case FW_MT_PIDS:
		if (!(ok = json_is_array(v)))
			break;
		n = json_array_size(v);
		json_array_foreach(v, i, e) {
			if (mi->type != FW_MT_PIDS ? !json_is_string(e) :
			    !json_is_integer(e))
				ok = false;
		}
		if (!ok)
			break;
		val->n = n;
		if (mi->type == FW_MT_PIDS) {
			val->ints = r->ints + r->ints_len;
			json_array_foreach(v, i, e)
				r->ints[r->ints_len++] = json_integer_value(e);
			break;
		}
		val->v = r->vec + r->vec_len;
		json_array_foreach(v, i, e)
			r->vec[r->vec_len++] = arena_str(r, e);
		r->vec[r->vec_len++] = NULL;
		break;
	case FW_MT_FDS:
		ok = dec_fds(r, v, val);
		break;
	default:
		ok = false;
		break;
	}
	if (!ok) {
		memset(val, 0, sizeof *val);
		dec_fail(d, mi->name, type_desc(mi->type));
		return false;
	}
	val->has = true;
	return true;
}

/* Copy the members the named fields of struct tlog_event stand for. */
static void
name_members(struct tlog_event *ev, const struct tlog_value *m)
{
#define INT_MEMBER(field, id) do {					\
		ev->has_##field = m[FW_M_##id].has;			\
		ev->field = m[FW_M_##id].i;				\
	} while (0)
	INT_MEMBER(child, CHILD);
	INT_MEMBER(ppid, PPID);
	INT_MEMBER(parent, PARENT);
	INT_MEMBER(old_pid, OLD_PID);
	INT_MEMBER(sender, SENDER);
	INT_MEMBER(code, CODE);
	INT_MEMBER(status, STATUS);
	INT_MEMBER(root_code, ROOT_CODE);
#undef INT_MEMBER
	ev->thread = m[FW_M_THREAD].i != 0;
	ev->core = m[FW_M_CORE].i != 0;
	ev->argv_truncated = m[FW_M_ARGV_TRUNCATED].i != 0;
	ev->signal = m[FW_M_SIGNAL].s;
	ev->root_signal = m[FW_M_ROOT_SIGNAL].s;
	ev->incomplete = m[FW_M_INCOMPLETE].i != 0;
	ev->lost = m[FW_M_LOST].i;
	ev->log_error = m[FW_M_LOG_ERROR].s;
	ev->has_rusage = m[FW_M_UTIME].has || m[FW_M_STIME].has ||
	    m[FW_M_MAXRSS_KB].has;
	ev->utime = m[FW_M_UTIME].d;
	ev->stime = m[FW_M_STIME].d;
	ev->maxrss_kb = m[FW_M_MAXRSS_KB].i;
	ev->path = m[FW_M_PATH].s;
	ev->cwd = m[FW_M_CWD].s;
	ev->argv = m[FW_M_ARGV].v;
	ev->argc = m[FW_M_ARGV].n;
	ev->version = m[FW_M_VERSION].i;
	ev->version_minor = m[FW_M_VERSION_MINOR].i;
	ev->mode = m[FW_M_MODE].s;
	ev->time = m[FW_M_TIME].s;
}

const struct tlog_value *
tlog_member(const struct tlog_event *ev, enum fw_member m)
{
	if (ev->m == NULL || (unsigned)m >= FW_M_COUNT || !ev->m[m].has)
		return NULL;
	return &ev->m[m];
}

/*
 * Fill *ev from the parsed line o, by the event table: the members its
 * kind has (event_info()), each checked for its type. Returns 0, or -1
 * with a reason in why when a member the kind requires is missing or one
 * has the wrong type. Members the kind does not have are ignored.
 */
static int
decode_event(struct tlog_reader *r, json_t *o, struct tlog_event *ev,
    unsigned long lineno, struct fw_buf *why)
{
	struct dec			 d = { r, o, NULL, NULL };
	const struct fw_event_info	*in;
	const struct fw_member_info	*mi;
	json_t				*ename = json_object_get(o, "event");
	json_t				*v;
	uint64_t			 bit, seen = 0;
	int				 m, k;

	memset(ev, 0, sizeof *ev);
	memset(r->vals, 0, sizeof r->vals);
	ev->m = r->vals;
	ev->lineno = lineno;
	if (!json_is_object(o)) {
		fw_buf_adds(why, "not a JSON object");
		return -1;
	}
	if (!json_is_string(ename)) {
		fw_buf_adds(why, "no \"event\" string");
		return -1;
	}
	reserve_strings(r, o);
	ev->name = arena_str(r, ename);
	k = event_kind_parse(ev->name);
	ev->kind = k >= 0 && event_logged((enum fw_event_kind)k) ?
	    (enum fw_event_kind)k : FW_EV_UNKNOWN;
	in = event_info(ev->kind);
	v = json_object_get(o, "ts");
	if (json_is_number(v))
		ev->ts = json_number_value(v);
	else
		dec_fail(&d, "ts", "a number");
	v = json_object_get(o, "pid");
	if (json_is_integer(v))
		ev->pid = json_integer_value(v);
	else if (v != NULL || (in->flags & FW_EVF_TASK))
		dec_fail(&d, "pid", "an integer");
	v = json_object_get(o, "tgid");
	if (json_is_integer(v))
		ev->tgid = json_integer_value(v);
	else if (v == NULL)
		ev->tgid = ev->pid;
	else
		dec_fail(&d, "tgid", "an integer");

	for (m = 0; m < FW_M_COUNT; m++) {
		bit = FW_MEMBER_BIT(m);
		if (!((in->req | in->always | in->opt | in->one_of) & bit))
			continue;
		mi = event_member((enum fw_member)m);
		if (dec_member(&d, (enum fw_member)m, &r->vals[m]))
			seen |= bit;
		else if ((in->req & bit) && json_object_get(o, mi->name) ==
		    NULL)
			dec_fail(&d, mi->name, type_desc(mi->type));
	}
	if (in->one_of != 0 && (seen & in->one_of) == 0) {
		/* e.g. an exit with neither code nor signal */
		for (m = 0; !(in->one_of & FW_MEMBER_BIT(m)); m++)
			;
		dec_fail(&d, event_member((enum fw_member)m)->name,
		    "there (nor another member that can stand for it)");
	}
	name_members(ev, r->vals);
	if (d.bad_key != NULL) {
		if (ev->kind == FW_EV_UNKNOWN)
			fw_buf_adds(why, "unknown event");
		else
			fw_buf_printf(why, "\"%s\" event", in->name);
		fw_buf_printf(why, ": member \"%s\" is missing or not %s",
		    d.bad_key, d.bad_type);
		return -1;
	}
	return 0;
}

/* Append s, which may quote bytes of the log, with control characters and
 * bytes that are not UTF-8 as \xNN, so that a warning cannot carry escape
 * sequences to a terminal. */
static void
add_safe(struct fw_buf *b, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i = 0, len, k;

	while (i < n) {
		len = esc_utf8_len(u + i, n - i);
		if (len == 0 || u[i] < 0x20 || u[i] == 0x7f ||
		    (len == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0)) {
			for (k = 0; k < (len ? len : 1); k++)
				fw_buf_printf(b, "\\x%02x", u[i + k]);
			i += len ? len : 1;
			continue;
		}
		fw_buf_add(b, s + i, len);
		i += len;
	}
}

/* Parse the current line as JSON; NULL with a reason in why on failure. */
static json_t *
parse_line(struct tlog_reader *r, struct fw_buf *why)
{
	json_error_t	 err;
	json_t		*o;

	if (r->too_long) {
		fw_buf_printf(why, "line longer than %u MiB",
		    TLOG_READ_MAX_LINE >> 20);
		return NULL;
	}
	if (r->line.len == 0) {
		fw_buf_adds(why, "empty line");
		return NULL;
	}
	if (prepare_line(r->line.data, r->line.len, r->rule, &r->json,
	    why) != 0)
		return NULL;
	o = json_loadb(r->json.data, r->json.len, JSON_ALLOW_NUL, &err);
	if (o == NULL) {
		fw_buf_printf(why, "invalid JSON at column %d: ", err.column);
		add_safe(why, err.text);
		return NULL;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		fw_buf_adds(why, "not a JSON object");
		return NULL;
	}
	return o;
}

/* Count a bad line; remember the first one and why. */
static void
note_bad(struct tlog_reader *r, const char *why)
{
	if (r->n_bad++ == 0) {
		r->first_bad = r->lineno;
		r->first_bad_why = fw_strdup(why);
	}
}

/* A reader of stream f (closed by tlog_read_free() if own). */
static struct tlog_reader *
reader_new(FILE *f, bool own, const char *name)
{
	struct tlog_reader	*r = fw_calloc(1, sizeof *r);

	r->f = f;
	r->own_f = own;
	r->fd = -1;
	r->ino = -1;
	r->name = fw_strdup(name);
	r->blk = fw_malloc(BLOCK_SIZE);
	fw_buf_init(&r->line);
	fw_buf_init(&r->json);
	r->rule = RAW_SURROGATE;
	return r;
}

/* Read and check the start line. Returns 0, or -1 with *why and *msg set. */
static int
read_start(struct tlog_reader *r, enum tlog_open_error *why, char **msg)
{
	struct fw_buf		 b, reason;
	struct tlog_event	 ev;
	json_t			*o, *ver, *minor, *ename;
	int			 rc;

	fw_buf_init(&b);
	fw_buf_init(&reason);
	/* A followed log may not have its first line yet. */
	while ((rc = read_line(r)) == TLOG_READ_AGAIN) {
		if (r->wait == NULL)
			tlog_read_wait(r, -1);
		else if (r->wait(r->wait_arg, r) != 0) {
			*why = TLOG_OPEN_IO;
			fw_buf_printf(&b, "%s: stopped waiting for the log to "
			    "begin", r->name);
			goto fail;
		}
	}
	if (rc < 0) {
		*why = TLOG_OPEN_IO;
		fw_buf_printf(&b, "cannot read %s: %s", r->name,
		    strerror(errno));
		goto fail;
	}
	*why = TLOG_OPEN_NOT_LOG;
	if (rc == 0) {
		fw_buf_printf(&b, "%s: not a forkwatch log (empty file)",
		    r->name);
		goto fail;
	}
	o = parse_line(r, &reason);
	if (o == NULL) {
		fw_buf_printf(&b, "%s:1: not a forkwatch log (%s)", r->name,
		    reason.data);
		goto fail;
	}
	ename = json_object_get(o, "event");
	ver = json_object_get(o, "version");
	if (!json_is_string(ename) ||
	    strcmp(json_string_value(ename), "start") != 0) {
		fw_buf_printf(&b, "%s:1: not a forkwatch log (the first line "
		    "is not a \"start\" event)", r->name);
		json_decref(o);
		goto fail;
	}
	if (json_is_integer(ver) &&
	    json_integer_value(ver) > TLOG_READ_VERSION) {
		*why = TLOG_OPEN_VERSION;
		fw_buf_printf(&b, "%s: log format version %lld is newer than "
		    "this forkwatch reads (version %d); use a newer forkwatch",
		    r->name, (long long)json_integer_value(ver),
		    TLOG_READ_VERSION);
		json_decref(o);
		goto fail;
	}
	if (!json_is_integer(ver) || json_integer_value(ver) < 1) {
		fw_buf_printf(&b, "%s:1: not a forkwatch log (bad \"version\" "
		    "in the start line)", r->name);
		json_decref(o);
		goto fail;
	}
	minor = json_object_get(o, "version_minor");
	if (minor != NULL && (!json_is_integer(minor) ||
	    json_integer_value(minor) < 0)) {
		fw_buf_printf(&b, "%s:1: not a forkwatch log (bad "
		    "\"version_minor\" in the start line)", r->name);
		json_decref(o);
		goto fail;
	}
	if (minor == NULL || json_integer_value(minor) == 0) {
		/* Format 1.0: read its strings again by its own rule. */
		json_decref(o);
		r->rule = RAW_LATIN1;
		if ((o = parse_line(r, &reason)) == NULL) {
			fw_buf_printf(&b, "%s:1: not a forkwatch log (%s)",
			    r->name, reason.data);
			goto fail;
		}
	}
	if (decode_event(r, o, &ev, r->lineno, &reason) != 0) {
		fw_buf_printf(&b, "%s:1: bad start line: %s", r->name,
		    reason.data);
		json_decref(o);
		goto fail;
	}
	r->start = o;
	r->start_lineno = r->lineno;
	fw_buf_release(&reason);
	return 0;

fail:
	fw_buf_release(&reason);
	*msg = fw_strdup(fw_buf_cstr(&b));
	fw_buf_release(&b);
	return -1;
}

struct tlog_reader *
tlog_read_open_stream(FILE *f, const char *name, enum tlog_open_error *why,
    char **msg)
{
	struct tlog_reader	*r = reader_new(f, false, name);

	*msg = NULL;
	if (read_start(r, why, msg) != 0) {
		tlog_read_free(r);
		return NULL;
	}
	*why = TLOG_OPEN_OK;
	return r;
}

struct tlog_reader *
tlog_read_open(const char *path, enum tlog_open_error *why, char **msg)
{
	struct tlog_reader	*r;
	struct fw_buf		 b;
	FILE			*f;

	*msg = NULL;
	if (strcmp(path, "-") == 0)
		return tlog_read_open_stream(stdin, "<stdin>", why, msg);
	f = fopen(path, "re");
	if (f == NULL) {
		fw_buf_init(&b);
		fw_buf_printf(&b, "cannot open %s: %s", path, strerror(errno));
		*why = TLOG_OPEN_IO;
		*msg = fw_strdup(fw_buf_cstr(&b));
		fw_buf_release(&b);
		return NULL;
	}
	r = reader_new(f, true, path);
	if (read_start(r, why, msg) != 0) {
		tlog_read_free(r);
		return NULL;
	}
	*why = TLOG_OPEN_OK;
	return r;
}

struct tlog_reader *
tlog_read_open_fd(int fd, const char *name, bool own, bool follow,
    tlog_wait_fn wait, void *wait_arg, enum tlog_open_error *why, char **msg)
{
	struct tlog_reader	*r = reader_new(NULL, false, name);
	struct stat		 st;
	char			 path[64];

	r->wait = wait;
	r->wait_arg = wait_arg;
	r->fd = fd;
	r->own_fd = own;
	r->follow = follow;
	r->stream = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
	if (follow && !r->stream) {
		/* Woken when the file is written; without inotify, callers
		 * poll with a timeout. */
		r->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (r->ino >= 0 && inotify_add_watch(r->ino, path,
		    IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE) < 0) {
			close(r->ino);
			r->ino = -1;
		}
	}
	*msg = NULL;
	if (read_start(r, why, msg) != 0) {
		tlog_read_free(r);
		return NULL;
	}
	*why = TLOG_OPEN_OK;
	return r;
}

int
tlog_read_wait_fd(const struct tlog_reader *r)
{
	if (!r->follow)
		return -1;
	return r->stream ? r->fd : r->ino;
}

void
tlog_read_waited(struct tlog_reader *r)
{
	char	 buf[4096];

	if (r->ino >= 0)
		while (read(r->ino, buf, sizeof buf) > 0)
			;
}

int
tlog_read_wait(struct tlog_reader *r, int timeout_ms)
{
	struct pollfd	 pfd = { .fd = tlog_read_wait_fd(r), .events = POLLIN };
	int		 n;

	if (pfd.fd < 0)
		n = poll(NULL, 0, timeout_ms >= 0 && timeout_ms <
		    TLOG_READ_POLL_MS ? timeout_ms : TLOG_READ_POLL_MS);
	else
		n = poll(&pfd, 1, timeout_ms);
	tlog_read_waited(r);
	return n < 0 ? -1 : n > 0 || pfd.fd < 0;
}

bool
tlog_read_truncated(const struct tlog_reader *r)
{
	return r->truncated;
}

int
tlog_read_next(struct tlog_reader *r, struct tlog_event *ev)
{
	struct fw_buf	 why;
	json_t		*o;
	int		 rc;

	if (r->cur != NULL) {
		json_decref(r->cur);
		r->cur = NULL;
	}
	fw_buf_init(&why);
	if (r->start != NULL) {
		r->cur = r->start;
		r->start = NULL;
		rc = decode_event(r, r->cur, ev, r->start_lineno, &why);
		fw_buf_release(&why);
		return rc == 0 ? 1 : -1;	/* checked by read_start */
	}
	for (;;) {
		rc = read_line(r);
		if (rc <= 0)
			break;
		fw_buf_reset(&why);
		o = parse_line(r, &why);
		if (o == NULL) {
			note_bad(r, fw_buf_cstr(&why));
			continue;
		}
		if (decode_event(r, o, ev, r->lineno, &why) != 0) {
			json_decref(o);
			note_bad(r, fw_buf_cstr(&why));
			continue;
		}
		r->cur = o;
		if (ev->kind == FW_EV_END)
			r->saw_end = true;
		if (ev->kind == FW_EV_END && ev->incomplete && !r->incomplete) {
			r->incomplete = true;
			r->lost = ev->lost;
			r->log_error = fw_strdup(ev->log_error != NULL ?
			    ev->log_error : "");
		}
		break;
	}
	fw_buf_release(&why);
	return rc;
}

unsigned long
tlog_read_bad_lines(const struct tlog_reader *r)
{
	return r->n_bad;
}

unsigned long
tlog_read_first_bad(const struct tlog_reader *r, const char **why)
{
	*why = r->first_bad_why;
	return r->first_bad;
}

bool
tlog_read_saw_end(const struct tlog_reader *r)
{
	return r->saw_end;
}

bool
tlog_read_incomplete(const struct tlog_reader *r, long long *lost,
    const char **why)
{
	*lost = r->lost;
	*why = r->log_error != NULL ? r->log_error : "";
	return r->incomplete;
}

const char *
tlog_read_name(const struct tlog_reader *r)
{
	return r->name;
}

void
tlog_read_free(struct tlog_reader *r)
{
	if (r == NULL)
		return;
	if (r->own_f && r->f != NULL)
		fclose(r->f);
	if (r->own_fd && r->fd >= 0)
		close(r->fd);
	if (r->ino >= 0)
		close(r->ino);
	json_decref(r->cur);
	json_decref(r->start);
	fw_buf_release(&r->line);
	fw_buf_release(&r->json);
	free(r->blk);
	free(r->arena);
	free(r->vec);
	free(r->ints);
	free(r->fds);
	free(r->first_bad_why);
	free(r->log_error);
	free(r->name);
	free(r);
}
