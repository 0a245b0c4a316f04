/* test-flags: signal names round-trip through flags_signame and
 * flags_sigparse for every signal, the accepted spellings, the rejected
 * ones, and the flag decoders' exact output. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "flags.h"
#include "tap.h"

static int
decoded(void (*fn)(struct fw_buf *, uint64_t), uint64_t v, const char *want)
{
	struct fw_buf	 b;
	int		 good;

	fw_buf_init(&b);
	fn(&b, v);
	good = strcmp(fw_buf_cstr(&b), want) == 0;
	if (!good)
		printf("# decode %#llx: got %s, want %s\n",
		    (unsigned long long)v, fw_buf_cstr(&b), want);
	fw_buf_release(&b);
	return good;
}

static void
pf(struct fw_buf *b, uint64_t v)
{
	flags_pf_decode(b, (unsigned long)v);
}

int
main(void)
{
	static const struct { const char *s; int sig; } good[] = {
		{ "SIGSEGV", SIGSEGV }, { "segv", SIGSEGV }, { "SEGV", SIGSEGV },
		{ "sigSegv", SIGSEGV }, { "11", SIGSEGV }, { "9", SIGKILL },
		{ "SIGCHLD", SIGCHLD }, { "hup", SIGHUP }, { "SIGSYS", SIGSYS },
		{ "RTMIN", 0 }, { "SIGRTMIN", 0 }, { "RTMIN+3", 3 },
		{ "SIGRT3", 3 }, { "rt0", 0 },
	};
	static const char *const badnames[] = { "", "SIG", "SIGFOO", "FOO", "0",
	    "-1", "11x", "x11", "SIGSEGVX", "RTMIN+99", "65", "99999999999",
	    " 11", "SIG SEGV" };
	char		 name[32];
	const char	*s;
	size_t		 i;
	int		 sig, fails = 0, n;

	for (sig = 1; sig <= SIGRTMAX; sig++) {
		if (sig > SIGSYS && sig < SIGRTMIN)
			continue;	/* glibc's reserved signals */
		snprintf(name, sizeof name, "%s", flags_signame(sig));
		if (strncmp(name, "SIG", 3) != 0 ||
		    flags_sigparse(name) != sig) {
			printf("# %d -> %s -> %d\n", sig, name,
			    flags_sigparse(name));
			fails++;
		}
	}
	ok(fails == 0, "every signal name parses back (%d bad)", fails);
	ok(strcmp(flags_signame(SIGSEGV), "SIGSEGV") == 0, "SIGSEGV");
	ok(strcmp(flags_signame(SIGRTMIN + 3), "SIGRT3") == 0, "SIGRT3");
	ok(strcmp(flags_signame(99), "SIG99") == 0, "unknown: SIG99");
	ok(strcmp(flags_signame(0), "SIG0") == 0, "0: SIG0");
	ok(strcmp(flags_signame(-3), "SIG-3") == 0, "negative: SIG-3");

	for (i = 0; i < FW_ARRAY_SIZE(good); i++) {
		int want = good[i].sig;
		if (strstr(good[i].s, "RT") != NULL || strstr(good[i].s, "rt"))
			want += SIGRTMIN;
		ok(flags_sigparse(good[i].s) == want, "parse '%s' = %d (got %d)",
		    good[i].s, want, flags_sigparse(good[i].s));
	}
	for (i = 0; i < FW_ARRAY_SIZE(badnames); i++)
		ok(flags_sigparse(badnames[i]) == -1, "reject '%s' (got %d)",
		    badnames[i], flags_sigparse(badnames[i]));
	ok(flags_sigparse(NULL) == -1, "reject NULL");

	for (fails = 0, n = 0; (s = flags_signame_at(n)) != NULL; n++) {
		if (flags_sigparse(s) <= 0 ||
		    strcmp(flags_signame(flags_sigparse(s)), s) != 0)
			fails++;
	}
	ok(n == 31 && fails == 0, "flags_signame_at: %d names, %d bad", n,
	    fails);

	ok(decoded(flags_clone_decode, 0x01200011,
	    "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD") ||
	    decoded(flags_clone_decode, 0x01200011,
	    "CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD"),
	    "clone flags of glibc's fork");
	ok(decoded(pf, 0x4, "PF_EXITING"), "PF_EXITING");
	ok(decoded(pf, 0, "0"), "no PF flags");
	return tap_done();
}
