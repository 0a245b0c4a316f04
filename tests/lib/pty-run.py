#!/usr/bin/env python3
"""pty-run.py OUT CMD [ARG...]: run CMD with its standard input, output and
error on a new pseudo-terminal (its controlling terminal), copy every byte
it writes there into the file OUT, and exit with its status (128+N when
killed by signal N; 127 when it cannot be run)."""
import os
import pty
import sys

if len(sys.argv) < 3:
    sys.stderr.write("usage: pty-run.py OUT CMD [ARG...]\n")
    sys.exit(2)
out, cmd = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    except OSError as e:
        os.write(2, ("pty-run.py: %s: %s\n" % (cmd[0], e.strerror)).encode())
    os._exit(127)
data = bytearray()
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:         # EIO: every writer of the terminal is gone
        break
    if not chunk:
        break
    data += chunk
_, status = os.waitpid(pid, 0)
with open(out, "wb") as f:
    f.write(data)
if os.WIFSIGNALED(status):
    sys.exit(128 + os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
