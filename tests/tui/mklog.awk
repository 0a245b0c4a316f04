# mklog.awk - write a JSON Lines trace log in which one process forks N
# children, each of which execs and exits (one in 100 with status 1) and
# is reaped: 4 N + 2 events (fork, exec, exit, SIGCHLD each, and the
# root's exec and exit), for the replay's scale tests and benchmark.
#
#   awk -v n=250000 -f tests/tui/mklog.awk >big.jsonl
BEGIN {
	root = 4000
	printf "{\"ts\":0.000000,\"event\":\"start\",\"version\":1," \
	    "\"pid\":3999,\"tgid\":3999,\"time\":\"2026-01-01T00:00:00Z\"," \
	    "\"mode\":\"launch\",\"argv\":[\"spawner\"],\"cwd\":\"/tmp\"}\n"
	printf "{\"ts\":0.000100,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d," \
	    "\"path\":\"/usr/bin/spawner\",\"argv\":[\"spawner\",\"%d\"]," \
	    "\"cwd\":\"/tmp\"}\n", root, root, n
	for (i = 1; i <= n; i++) {
		c = 10000 + i
		t = 0.000200 + i * 0.000010
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":%d,\"tgid\":%d," \
		    "\"child\":%d}\n", t, root, root, c
		printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d," \
		    "\"path\":\"/usr/bin/worker\",\"argv\":[\"worker\",\"%d\"]," \
		    "\"cwd\":\"/tmp\"}\n", t + 0.000002, c, c, i
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d," \
		    "\"code\":%d,\"utime\":0.000010,\"stime\":0.000000," \
		    "\"maxrss_kb\":300}\n", t + 0.000004, c, c, i % 100 == 0
		printf "{\"ts\":%.6f,\"event\":\"signal\",\"pid\":%d,\"tgid\":%d," \
		    "\"signal\":\"SIGCHLD\",\"sender\":%d,\"si_code\":1}\n", \
		    t + 0.000006, root, root, c
	}
	t = 0.000200 + (n + 1) * 0.000010
	printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d," \
	    "\"code\":0,\"utime\":0.100000,\"stime\":0.100000," \
	    "\"maxrss_kb\":3000}\n", t, root, root
	printf "{\"ts\":%.6f,\"event\":\"end\",\"pid\":3999,\"tgid\":3999," \
	    "\"status\":0,\"root_code\":0}\n", t
}
