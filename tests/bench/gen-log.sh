#!/bin/sh
# gen-log.sh EVENTS: write a JSON Lines trace log of about EVENTS events to
# standard output, shaped like a big parallel build: make runs EVENTS/4
# compiles (fork, exec with a compiler's command line, exit, SIGCHLD to
# make), eight at a time, pids used again after 30,000; every fifth
# compile fails. Used by tests/report/scale.sh and tests/bench/report.sh.
set -eu
events=${1:?usage: gen-log.sh EVENTS}
exec awk -v N=$((events / 4)) 'BEGIN {
	printf "{\"ts\":0.000000,\"event\":\"start\",\"version\":1,\"pid\":9,\"tgid\":9,\"time\":\"2026-11-28T10:00:00.000000Z\",\"mode\":\"launch\",\"argv\":[\"make\",\"-j8\"],\"cwd\":\"/g\"}\n"
	printf "{\"ts\":0.000010,\"event\":\"exec\",\"pid\":1,\"tgid\":1,\"path\":\"/usr/bin/make\",\"argv\":[\"make\",\"-j8\"],\"cwd\":\"/g\"}\n"
	ts = 0.001
	for (i = 0; i < N; i++) {
		pid = 2 + i % 30000
		# Eight compiles overlap: each starts 1 ms after the one before
		# and lasts 8 ms.
		start = ts + i * 0.001
		printf "{\"ts\":%.6f,\"event\":\"fork\",\"pid\":1,\"tgid\":1,\"child\":%d}\n", start, pid
		printf "{\"ts\":%.6f,\"event\":\"exec\",\"pid\":%d,\"tgid\":%d,\"path\":\"/usr/bin/x86_64-linux-gnu-gcc-12\",\"argv\":[\"cc\",\"-O2\",\"-g\",\"-Wall\",\"-I.\",\"-Iinclude\",\"-DNDEBUG\",\"-c\",\"src/dir%d/file%d.c\",\"-o\",\"obj/dir%d/file%d.o\"],\"cwd\":\"/g\"}\n", start + 0.0001, pid, pid, i % 100, i, i % 100, i
		ends[i % 8] = start + 0.008
		if (i >= 7) {
			j = i - 7
			printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":%d,\"utime\":0.006,\"stime\":0.001,\"maxrss_kb\":%d}\n", j * 0.001 + ts + 0.008, 2 + j % 30000, 2 + j % 30000, (j % 5 == 0), 20000 + j % 5000
			printf "{\"ts\":%.6f,\"event\":\"signal\",\"pid\":1,\"tgid\":1,\"signal\":\"SIGCHLD\",\"sender\":%d,\"si_code\":1}\n", j * 0.001 + ts + 0.0081, 2 + j % 30000
		}
	}
	for (j = N - 7; j < N; j++) {
		if (j < 0)
			continue
		printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":%d,\"tgid\":%d,\"code\":%d,\"utime\":0.006,\"stime\":0.001,\"maxrss_kb\":%d}\n", j * 0.001 + ts + 0.008, 2 + j % 30000, 2 + j % 30000, (j % 5 == 0), 20000 + j % 5000
		printf "{\"ts\":%.6f,\"event\":\"signal\",\"pid\":1,\"tgid\":1,\"signal\":\"SIGCHLD\",\"sender\":%d,\"si_code\":1}\n", j * 0.001 + ts + 0.0081, 2 + j % 30000
	}
	end = (N - 1) * 0.001 + ts + 0.009
	printf "{\"ts\":%.6f,\"event\":\"exit\",\"pid\":1,\"tgid\":1,\"code\":2,\"utime\":0.2,\"stime\":0.1,\"maxrss_kb\":5000}\n", end
	printf "{\"ts\":%.6f,\"event\":\"end\",\"pid\":9,\"tgid\":9,\"status\":2,\"root_code\":2}\n", end + 0.000001
}'
