"""strace_tree - the process tree from `strace -f -qq -e trace=process`
output (pids in every line), for the differential test against forkwatch.

    import strace_tree
    root = strace_tree.load("strace.out")
    strace_tree.shape(root)   # same form as fwcheck.shape()

Understood: execve/execveat (successful ones), fork/vfork/clone/clone3
(the child pid from the return value, resumed or not; CLONE_THREAD makes a
thread, CLONE_PARENT a sibling), "+++ exited with N +++",
"+++ killed by SIG (core dumped) +++" and "+++ superseded by execve +++".
Needs -q, not -qq (which hides the exit lines). Standard library only.
"""

import re

_LINE = re.compile(r"^(\d+)\s+(.*)$")
_CALL = re.compile(r"^(\w+)\((.*)$")
_RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>(.*)$")
_RET = re.compile(r"\)\s+=\s+(-?\d+)(?:\s.*)?$")


class Proc:
    def __init__(self, pid, parent):
        self.pid = pid
        self.parent = parent
        self.children = []
        self.threads = 0
        self.argv = None
        self.status = None
        if parent is not None:
            parent.children.append(self)


def _unescape(s):
    """A C string as strace prints it (\\n, \\t, \\", \\\\, \\ooo, \\xHH)."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = s[i + 1]
        simple = {"n": 10, "t": 9, "r": 13, "v": 11, "f": 12, "a": 7,
                  "b": 8, '"': 34, "\\": 92, "'": 39}
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == "x":
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        elif e.isdigit():
            j = i + 1
            while j < len(s) and j < i + 4 and s[j] in "01234567":
                j += 1
            out.append(int(s[i + 1:j], 8))
            i = j
        else:
            out += e.encode()
            i += 2
    return out.decode("utf-8", "replace")


def _argv(args):
    """The argv array (second argument) of an execve line."""
    m = re.match(r'^"(?:[^"\\]|\\.)*",\s*\[(.*?)\](?:\.\.\.)?,', args)
    if not m:
        return None
    return [_unescape(x) for x in re.findall(r'"((?:[^"\\]|\\.)*)"',
                                             m.group(1))]


def load(path):
    procs = {}          # pid -> Proc, while alive
    tgid_of = {}        # tid -> tgid
    pending = {}        # tid -> (call, args) of an unfinished call
    root = None

    def proc_of(tid):
        """The process of tid; a child may report before its creator's
        clone returns: it gets a record that the return links later."""
        tg = tgid_of.get(tid, tid)
        if tg not in procs:
            procs[tg] = Proc(tg, None)
            procs[tg].unlinked = True
        return procs[tg]

    with open(path, errors="replace") as f:
        for line in f:
            m = _LINE.match(line.rstrip("\n"))
            if not m:
                continue
            tid, rest = int(m.group(1)), m.group(2)
            if root is None:
                root = Proc(tid, None)
                procs[tid] = root
                tgid_of[tid] = tid
            mm = re.match(r"\+\+\+ superseded by execve in pid (\d+)", rest)
            if mm:
                # Exec by a non-leader: its unfinished execve resumes
                # under the leader's pid.
                old = int(mm.group(1))
                if old in pending:
                    pending[tid] = pending.pop(old)
                continue
            if rest.startswith("+++ "):
                if tgid_of.get(tid, tid) != tid:
                    continue            # a thread's end
                p = proc_of(tid)
                mm = re.match(r"\+\+\+ exited with (\d+) \+\+\+", rest)
                if mm:
                    p.status = "code %s" % mm.group(1)
                mm = re.match(r"\+\+\+ killed by (SIG\w+)( \(core dumped\))?",
                              rest)
                if mm:
                    p.status = "signal %s%s" % (mm.group(1),
                                                " core" if mm.group(2) else "")
                if not getattr(p, "unlinked", False):
                    del procs[tid]      # the pid may be reused
                p.dead = True
                continue
            if rest.startswith("---"):
                continue
            mm = _RESUMED.match(rest)
            if mm:
                call, tail = mm.group(1), mm.group(2)
                args = pending.pop(tid, (call, ""))[1] + tail
            else:
                mm = _CALL.match(rest)
                if not mm:
                    continue
                call, args = mm.group(1), mm.group(2)
                if args.endswith("<unfinished ...>"):
                    pending[tid] = (call, args[:-len("<unfinished ...>")])
                    continue
            ret = _RET.search(args)
            if ret is None:
                continue
            rv = int(ret.group(1))
            if call in ("execve", "execveat") and rv == 0:
                proc_of(tid).argv = _argv(
                    args if call == "execve" else
                    args.split(",", 1)[1].lstrip())
            elif call in ("fork", "vfork", "clone", "clone3") and rv > 0:
                me = proc_of(tid)
                flags = re.search(r"flags=([A-Z_|0-9a-fx]+)", args)
                flags = flags.group(1).split("|") if flags else []
                early = procs.get(rv)
                if early is not None and not getattr(early, "unlinked",
                                                     False):
                    early = None
                if "CLONE_THREAD" in flags:
                    tgid_of[rv] = me.pid
                    me.threads += 1
                    if early is not None:
                        del procs[rv]
                    continue
                parent = me.parent if "CLONE_PARENT" in flags else me
                tgid_of[rv] = rv
                if early is None:
                    p = Proc(rv, parent)
                else:
                    p = early
                    p.unlinked = False
                    p.parent = parent
                    if parent is not None:
                        parent.children.append(p)
                if getattr(p, "dead", False):
                    del procs[rv]
                else:
                    procs[rv] = p
    return root


def shape(p, key=None):
    kids = [shape(c, key) for c in p.children]
    if key == "sorted":
        kids.sort(key=repr)
    return (tuple(p.argv) if p.argv is not None else None, p.status,
            p.threads, tuple(kids))
