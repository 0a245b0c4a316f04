/* test-event: the event-kind table (src/event.c) is consistent, and the
 * log writer and reader, which both work from it, agree: every member of
 * every logged kind written by tlog_format_event() reads back with the
 * same value through the reader.
 *
 *   test-event          the checks, as TAP
 *   test-event --json   the table as JSON, for tests/lib/fwcheck.py and
 *                       tests/event-table.test (kinds with their members,
 *                       members with their types)
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "flags.h"
#include "tap.h"
#include "tlog-read.h"
#include "tlog-write.h"

static const char *const type_names[] = {
	[FW_MT_PID] = "pid", [FW_MT_INT] = "int", [FW_MT_LONG] = "int",
	[FW_MT_BOOL] = "bool", [FW_MT_NUM] = "num", [FW_MT_STR] = "str",
	[FW_MT_STRV] = "strv", [FW_MT_SIG] = "signal", [FW_MT_PIDS] = "ints",
	[FW_MT_CLONE_FLAGS] = "strv", [FW_MT_PF_FLAGS] = "strv",
	[FW_MT_FDS] = "fds",
};

static const struct fw_pids nspid = { 3, { 100, 20, 1 } };

static void
print_members(const char *key, uint64_t bits, int *first)
{
	int	 m, n = 0;

	printf("%s\"%s\":[", *first ? "" : ",", key);
	*first = 0;
	for (m = 0; m < FW_M_COUNT; m++) {
		if (bits & FW_MEMBER_BIT(m))
			printf("%s\"%s\"", n++ ? "," : "",
			    event_member((enum fw_member)m)->name);
	}
	putchar(']');
}

static int
print_json(void)
{
	const struct fw_event_info	*in;
	const struct fw_member_info	*mi;
	int				 k, m, first;

	printf("{\"kinds\":{");
	for (k = 0; k < FW_EV_COUNT; k++) {
		in = event_info((enum fw_event_kind)k);
		if (k == FW_EV_UNKNOWN)
			continue;
		printf("%s\"%s\":{\"logged\":%s,\"task\":%s,\"step\":%s,"
		    "\"break\":", k ? "," : "", in->name,
		    in->flags & FW_EVF_LOGGED ? "true" : "false",
		    in->flags & FW_EVF_TASK ? "true" : "false",
		    in->flags & FW_EVF_STEP ? "true" : "false");
		if (in->bp_name != NULL)
			printf("\"%s\",", in->bp_name);
		else
			printf("null,");
		first = 1;
		print_members("req", in->req, &first);
		print_members("always", in->always, &first);
		print_members("opt", in->opt, &first);
		print_members("one_of", in->one_of, &first);
		putchar('}');
	}
	printf("},\"members\":{");
	for (m = 0; m < FW_M_COUNT; m++) {
		mi = event_member((enum fw_member)m);
		printf("%s\"%s\":{\"type\":\"%s\"}", m ? "," : "", mi->name,
		    type_names[mi->type]);
	}
	printf("}}\n");
	return 0;
}

/* An event of kind k with every member it can carry set to a value of
 * its own (the member's index, so a mix-up shows). */
static void
fill(struct fw_event *ev, enum fw_event_kind k, bool killed,
    struct fw_strv *argv, struct fw_strv *env, struct fw_fdv *fds)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = k;
	ev->ts = 1.5;
	ev->pid = 100;
	ev->tgid = 100;
	ev->child = 101;
	ev->parent = 102;
	ev->thread = true;
	ev->path = "/bin/p\xff";
	ev->cwd = "/tmp";
	ev->argv = argv;
	ev->env = env;
	ev->fds = fds;
	ev->argv_truncated = true;
	ev->old_pid = 103;
	ev->ppid = 104;
	ev->killed = killed;
	ev->code = 7;
	ev->signo = killed ? SIGSEGV : SIGUSR1;
	ev->core = true;
	ev->has_rusage = true;
	ev->utime = 0.25;
	ev->stime = 0.125;
	ev->maxrss_kb = 2048;
	ev->sender = 105;
	ev->sender_inner = 3;
	ev->si_code = -6;
	ev->has_clone_flags = true;
	ev->clone_flags = 0x00000100 | 0x00800000 | (UINT64_C(1) << 40);
	ev->exit_signal = SIGCHLD;
	ev->old_parent = 106;
	ev->new_parent = 1;
	ev->reaper = "init";
	ev->outside = true;
	ev->new_parent_comm = "init \x1b";
	ev->comm = "iou-wrk-100";
	ev->pf_flags = 0x10 | 0x40;
	ev->traced = false;
	ev->created_ts = 1.25;
	ev->woken_ts = 1.375;
	ev->depth = 3;
	ev->nspid = &nspid;
}

/* The names written for the bits of v. */
static int
same_bits(const struct tlog_value *v, uint64_t bits, bool clone)
{
	const char	*name;
	char		 hex[32];
	uint64_t	 bit;
	size_t		 n = 0;
	int		 i;

	for (i = 0; i < 64; i++) {
		bit = UINT64_C(1) << i;
		if (!(bits & bit))
			continue;
		name = clone ? flags_clone_bit_name(bit) :
		    flags_pf_bit_name((unsigned long)bit);
		if (name == NULL) {
			snprintf(hex, sizeof hex, "%#llx",
			    (unsigned long long)bit);
			name = hex;
		}
		if (n >= v->n || strcmp(v->v[n++], name) != 0)
			return 0;
	}
	return n == v->n;
}

/* Does what the reader got for member mi equal what ev had? */
static int
same(const struct fw_event *ev, const struct fw_member_info *mi,
    const struct tlog_value *v)
{
	const char	*p = (const char *)ev + mi->off;
	const struct fw_strv *sv;
	const struct fw_fdv *fv;
	const char	*s = NULL;
	size_t		 i = 0;

	switch (mi->type) {
	case FW_MT_PID:		return v->i == *(const pid_t *)(const void *)p;
	case FW_MT_INT:		return v->i == *(const int *)(const void *)p;
	case FW_MT_LONG:	return v->i == *(const long *)(const void *)p;
	case FW_MT_BOOL:	return v->i == *(const bool *)(const void *)p;
	case FW_MT_NUM:		return v->d == *(const double *)(const void *)p;
	case FW_MT_STR:
		return strcmp(v->s, *(const char *const *)(const void *)p) == 0;
	case FW_MT_SIG:
		return strcmp(v->s, flags_signame(*(const int *)(const void *)
		    p)) == 0;
	case FW_MT_STRV:
		sv = *(const struct fw_strv *const *)(const void *)p;
		while ((s = strv_next(sv, s)) != NULL) {
			if (i >= v->n || strcmp(v->v[i++], s) != 0)
				return 0;
		}
		return i == v->n;
	case FW_MT_FDS:
		fv = *(const struct fw_fdv *const *)(const void *)p;
		if (v->n != fv->n)
			return 0;
		for (i = 0; i < fv->n; i++) {
			if (v->fds[i].fd != fv->v[i].fd ||
			    v->fds[i].mode != fv->v[i].mode ||
			    v->fds[i].cloexec != fv->v[i].cloexec ||
			    strcmp(v->fds[i].target, fv->v[i].target) != 0)
				return 0;
		}
		return 1;
	case FW_MT_PIDS:
		if (v->n != (size_t)nspid.n)
			return 0;
		for (i = 0; i < v->n; i++) {
			if (v->ints[i] != nspid.v[i])
				return 0;
		}
		return 1;
	case FW_MT_CLONE_FLAGS:
		return same_bits(v, *(const uint64_t *)(const void *)p, true);
	case FW_MT_PF_FLAGS:
		return same_bits(v, *(const unsigned long *)(const void *)p,
		    false);
	}
	return 0;
}

/* Is name a key of the JSON object line itself (not of an object or
 * array inside it)? A scan of the writer's own output: strings, nesting. */
static int
top_key(const char *line, const char *name)
{
	const char	*p, *start;
	size_t		 len = strlen(name);
	int		 depth = 0;

	for (p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		else if (*p == '"') {
			start = ++p;
			while (*p != '"' && *p != '\0')
				p += *p == '\\' && p[1] != '\0' ? 2 : 1;
			if (depth == 1 && p[0] == '"' && p[1] == ':' &&
			    (size_t)(p - start) == len &&
			    strncmp(start, name, len) == 0)
				return 1;
			if (*p == '\0')
				break;
		}
	}
	return 0;
}

/* The members some round trip checked. */
static uint64_t	 covered;

/* Write one event of kind k as JSON and read it back: the reader has each
 * member the line has, with the value written, and no other. */
static void
round_trip(enum fw_event_kind k, bool killed)
{
	const struct fw_event_info	*in = event_info(k);
	const struct fw_member_info	*mi;
	const struct tlog_value		*v;
	struct fw_event			 ev;
	struct fw_strv			 argv, env;
	struct fw_fdv			 fds;
	struct fw_buf			 b;
	const char			*line;
	struct tlog_reader		*r;
	struct tlog_event		 te;
	enum tlog_open_error		 why;
	FILE				*f;
	char				*msg;
	int				 m, good = 1;

	strv_init(&argv);
	strv_init(&env);
	strv_set(&argv, "p\0a b\0", 6);
	strv_set(&env, "X=1\0", 4);
	/* Every mode, a cloexec one, a target with bytes to escape. */
	fdv_init(&fds);
	fdv_add(&fds, 0, O_RDONLY, false, "/dev/null");
	fdv_add(&fds, 1, O_WRONLY, false, "/tmp/o\"u\nt\xff");
	fdv_add(&fds, 4, O_RDWR, true, "socket:[9]");
	fdv_add(&fds, 7, -1, false, "anon_inode:[eventfd]");
	fill(&ev, k, killed, &argv, &env, &fds);
	fw_buf_init(&b);
	fw_buf_adds(&b, "{\"ts\":0.0,\"event\":\"start\",\"version\":1,"
	    "\"version_minor\":1,\"pid\":1,\"tgid\":1}\n");
	tlog_format_event(&b, TLOG_JSONL, &ev);
	fw_buf_addc(&b, '\n');
	f = fmemopen(b.data, b.len, "r");
	r = f != NULL ? tlog_read_open_stream(f, "mem", &why, &msg) : NULL;
	if (r == NULL || tlog_read_next(r, &te) != 1 ||
	    tlog_read_next(r, &te) != 1 || te.kind != k) {
		ok(0, "%s: written and read back (%s)", in->name, b.data);
		goto out;
	}
	line = strchr(b.data, '\n') + 1;
	for (m = 0; m < FW_M_COUNT; m++) {
		mi = event_member((enum fw_member)m);
		v = tlog_member(&te, (enum fw_member)m);
		/* A member of the line itself, not of an object inside. */
		if (!top_key(line, mi->name)) {
			if (v != NULL) {
				printf("# %s: member %s read, not written\n",
				    in->name, mi->name);
				good = 0;
			}
			continue;
		}
		if (v == NULL || !same(&ev, mi, v)) {
			printf("# %s: member %s %s\n", in->name, mi->name,
			    v == NULL ? "not read" : "differs");
			good = 0;
		}
		covered |= FW_MEMBER_BIT(m);
	}
	ok(good && te.pid == 100 && te.ts == 1.5,
	    "%s%s: every member read back as written", in->name,
	    killed ? " (killed)" : "");
out:
	tlog_read_free(r);
	if (f != NULL)
		fclose(f);
	fw_buf_release(&b);
	strv_release(&argv);
	strv_release(&env);
	fdv_release(&fds);
}

int
main(int argc, char **argv)
{
	const struct fw_event_info	*in, *in2;
	const struct fw_member_info	*mi;
	const char			*name;
	unsigned			 bits, all = 0;
	int				 k, k2, m, i, good;

	if (argc > 1 && strcmp(argv[1], "--json") == 0)
		return print_json();

	ok(FW_EV_COUNT < 31, "kind bits and the thread bit fit an unsigned");
	good = 1;
	for (k = 0; k < FW_EV_COUNT; k++) {
		in = event_info((enum fw_event_kind)k);
		if (in->name == NULL || in->doc == NULL)
			good = 0;
		for (k2 = k + 1; k2 < FW_EV_COUNT; k2++) {
			in2 = event_info((enum fw_event_kind)k2);
			if (in2->name != NULL && in->name != NULL &&
			    strcmp(in->name, in2->name) == 0)
				good = 0;
		}
		if (k != FW_EV_UNKNOWN && event_kind_parse(in->name) != k)
			good = 0;
	}
	ok(good, "every kind has a name, a doc line, and parses back");
	good = 1;
	for (m = 0; m < FW_M_COUNT; m++) {
		mi = event_member((enum fw_member)m);
		if (mi == NULL || mi->name == NULL || mi->doc == NULL)
			good = 0;
	}
	ok(good, "every member has a name and a doc line");
	good = 1;
	for (k = 0; k < FW_EV_COUNT; k++) {
		in = event_info((enum fw_event_kind)k);
		if ((in->one_of & ~in->opt) != 0 ||
		    (in->req & in->always) != 0)
			good = 0;
		/* An engine event's members live in struct fw_event. */
		for (m = 0; (in->flags & FW_EVF_ENGINE) && m < FW_M_COUNT;
		    m++) {
			if (((in->req | in->always | in->opt) &
			    FW_MEMBER_BIT(m)) && event_member((enum fw_member)
			    m)->off == FW_MEMBER_NO_FIELD)
				good = 0;
		}
		if (in->bp_name != NULL && (in->bp_conds & FW_BPC_TASK) !=
		    FW_BPC_TASK)
			good = 0;
		if (in->bp_name == NULL && in->bp_conds != 0)
			good = 0;
	}
	ok(good, "member sets and breakpoint conditions are consistent");
	good = 1;
	for (i = 0; (name = event_bp_name_at(i, &bits)) != NULL; i++) {
		if (strcmp(name, "any") == 0)
			good = good && bits == all;
		else
			all |= bits;
	}
	ok(good && all & FW_BPK_THREAD && event_bp_conds(1u << FW_EV_EXEC) ==
	    FW_BPC_TASK && (event_bp_conds(1u << FW_EV_EXITING) &
	    FW_BPC_CODE) && (event_bp_conds(1u << FW_EV_SIGNAL) &
	    FW_BPC_SIGNAL), "breakpoint names and their conditions");

	for (k = 0; k < FW_EV_COUNT; k++) {
		in = event_info((enum fw_event_kind)k);
		if ((in->flags & FW_EVF_ENGINE) && (in->flags & FW_EVF_LOGGED))
			round_trip((enum fw_event_kind)k, false);
	}
	round_trip(FW_EV_EXIT, true);
	for (m = 0, good = 1; m < FW_M_COUNT; m++) {
		if (event_member((enum fw_member)m)->off != FW_MEMBER_NO_FIELD &&
		    !(covered & FW_MEMBER_BIT(m))) {
			printf("# member %s never written\n",
			    event_member((enum fw_member)m)->name);
			good = 0;
		}
	}
	ok(good, "every member of struct fw_event was written and read");
	return tap_done();
}
