"""fwcheck - load a forkwatch JSONL trace log, check it against the log
contract (doc/LOG-FORMAT.md) and build the process tree, for the tests.

    import fwcheck
    log = fwcheck.load("trace.jsonl")        # lints; raises Fail on a bad log
    root = log.root                          # the launched program (a Proc)
    fwcheck.eq([c.code for c in root.children], [10, 11, 12], "codes")

Loading always checks, with the line number of the first offence:
  * every line is one whole JSON object ('\\n'-terminated) with ts, event,
    pid and tgid; the first is "start" (version 1.2), the last "end";
  * no raw C1 control, bidi control or U+2028/U+2029 in a line, and every
    string is text plus lone surrogates U+DC80..U+DCFF only (the escapes
    of bytes that are not UTF-8, read back with surrogateescape);
    timestamps never go back;
  * every task is created (fork/vfork/clone "child", or attach) before any
    event about it: an event from an unknown pid is a lost fork event;
  * one exit per task, nothing about a task after its exit (a pid may be
    reused only after a new fork/clone names it), threads carry
    thread:true and no rusage, leaders carry rusage and exit after all
    their threads;
  * vfork_done names the vforker's child, and the vforker reports nothing
    in between (it is blocked);
  * exec by a non-leader (old_pid) retires the old tid silently;
  * in a complete trace every task ended (exit, detach, or was retired by
    an exec), and the end line agrees with the root's exit.
  * every line has the members its kind always carries, and each member
    has its type, by the event table of src/event.c (read from
    "$FW_EVENT_TABLE --json", tests/unit/test-event, which common.sh sets).
Standard library only.
"""

import json
import os
import re
import subprocess
import sys


def _load_table():
    """The event table of src/event.c, as tests/unit/test-event prints it."""
    exe = os.environ.get("FW_EVENT_TABLE")
    if not exe:
        sys.exit("fwcheck: FW_EVENT_TABLE is not set (tests/lib/common.sh "
                 "sets it to tests/unit/test-event)")
    out = subprocess.run([exe, "--json"], stdout=subprocess.PIPE,
                         check=True).stdout
    return json.loads(out)


TABLE = _load_table()
KINDS = {k for k, v in TABLE["kinds"].items() if v["logged"]}
MEMBER_TYPES = {m: v["type"] for m, v in TABLE["members"].items()}

SIGNUM = {
    "SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5,
    "SIGABRT": 6, "SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10,
    "SIGSEGV": 11, "SIGUSR2": 12, "SIGPIPE": 13, "SIGALRM": 14,
    "SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCONT": 18,
    "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22,
    "SIGURG": 23, "SIGXCPU": 24, "SIGXFSZ": 25, "SIGVTALRM": 26,
    "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPWR": 30, "SIGSYS": 31,
}


class Fail(Exception):
    """A check failed; the message says what and where."""


def fail(msg):
    raise Fail(msg)


def expect(cond, msg):
    if not cond:
        raise Fail(msg)


def eq(got, want, what):
    if got != want:
        raise Fail("%s: got %r, expected %r" % (what, got, want))


def run(fn):
    """Run a test body: exit 0 on success, 1 with the message on Fail."""
    try:
        fn()
    except Fail as e:
        print("FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)
    sys.exit(0)


class Task:
    """One incarnation of a task id (thread or thread-group leader)."""

    def __init__(self, tid, tgid, created_by=None):
        self.tid = tid
        self.tgid = tgid
        self.created_by = created_by    # fork/vfork/clone/attach event
        self.events = []                # events whose pid is this task
        self.exit = None
        self.detached = False
        self.retired = False            # old tid of a non-leader exec
        self.doomed = False             # killed by another thread's exec
        self.kthread = False            # made by the kernel (kthread line)
        self.untraced = False           # ... and not traced (traced false)
        self.proc = None

    @property
    def alive(self):
        return not (self.exit or self.detached or self.retired)

    @property
    def is_leader(self):
        return self.tid == self.tgid

    def kinds(self, skip=()):
        """The event kinds about this task, in log order."""
        return [e["event"] for e in self.events if e["event"] not in skip]

    def __repr__(self):
        return "<task %d.%d>" % (self.tid, self.tgid)


class Proc:
    """One process (thread group incarnation): tree links, image, end."""

    def __init__(self, leader):
        self.leader = leader
        self.pid = leader.tid
        self.parent = None              # Proc, or None (root / untraced)
        self.parent_pid = None          # real parent's pid when known
        self.children = []              # Procs, creation order
        self.threads = []               # non-leader Tasks, creation order
        self.execs = []                 # exec events
        self.reparents = []             # reparent events, in order
        self.created_by = leader.created_by

    @property
    def exit(self):
        return self.leader.exit

    @property
    def code(self):
        return None if self.exit is None else self.exit.get("code")

    @property
    def signal(self):
        return None if self.exit is None else self.exit.get("signal")

    @property
    def core(self):
        return None if self.exit is None else self.exit.get("core")

    @property
    def argv(self):
        """argv of the last exec (or attach), None if it never exec'd."""
        if self.execs:
            return self.execs[-1]["argv"]
        if self.created_by and self.created_by["event"] == "attach":
            return self.created_by.get("argv")
        return None

    def status(self):
        """'code N', 'signal NAME[ core]' or None."""
        if self.exit is None:
            return None
        if "code" in self.exit:
            return "code %d" % self.exit["code"]
        return "signal %s%s" % (self.exit["signal"],
                                " core" if self.exit.get("core") else "")

    def descendants(self):
        out = []
        for c in self.children:
            out.append(c)
            out.extend(c.descendants())
        return out

    def __repr__(self):
        return "<proc %d>" % self.pid


def _need(ev, key, typ, where):
    v = ev.get(key)
    if typ is int:
        ok = isinstance(v, int) and not isinstance(v, bool)
    elif typ is float:
        ok = isinstance(v, (int, float)) and not isinstance(v, bool)
    else:
        ok = isinstance(v, typ)
    if not ok:
        fail("%s: member %r missing or not %s: %r" % (where, key,
                                                      typ.__name__, v))
    return v


def _typed(v, typ):
    """Does value v have member type typ (tests/unit/test-event --json)?"""
    def isint(x):
        return isinstance(x, int) and not isinstance(x, bool)
    if typ in ("pid", "int"):
        return isint(v)
    if typ == "bool":
        return isinstance(v, bool)
    if typ == "num":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if typ in ("str", "signal"):
        return isinstance(v, str)
    if typ == "strv":
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if typ == "ints":
        return isinstance(v, list) and all(isint(x) for x in v)
    if typ == "fds":
        return isinstance(v, list) and all(
            isinstance(x, dict) and isint(x.get("fd")) and x["fd"] >= 0
            and isinstance(x.get("path"), str)
            and x.get("mode", "r") in ("r", "w", "rw")
            and isinstance(x.get("cloexec", False), bool) for x in v)
    fail("fwcheck: unknown member type %r" % typ)


def check_members(ev, where):
    """The members of ev against the event table: those its kind always
    carries are there, one of its one_of members is, and each member of
    the kind has its type."""
    k = TABLE["kinds"][ev["event"]]
    for m in k["req"] + k["always"]:
        if m not in ev:
            fail("%s: member %r missing" % (where, m))
    if k["one_of"] and not any(m in ev for m in k["one_of"]):
        fail("%s: none of %r" % (where, k["one_of"]))
    for m in k["req"] + k["always"] + k["opt"]:
        if m in ev and not _typed(ev[m], MEMBER_TYPES[m]):
            fail("%s: member %r is not %s: %r" % (where, m,
                                                  MEMBER_TYPES[m], ev[m]))
    if "nspid" in ev:
        # Outermost (our view, = pid) first, then each nested namespace.
        expect(len(ev["nspid"]) >= 2 and ev["nspid"][0] == ev["pid"],
               "%s: nspid %r for pid %r" % (where, ev["nspid"], ev["pid"]))


def _strlist(ev, key, where):
    v = ev.get(key)
    if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
        fail("%s: %r is not an array of strings" % (where, key))
    return v


class Log:
    """A loaded, checked trace log."""

    def __init__(self, path, complete=True, lint=True):
        self.path = path
        self.complete = complete
        with open(path, "rb") as f:
            data = f.read()
        self.raw_lines = []
        self.events = []
        self.start = None
        self.end = None
        self.tasks = []                 # every Task incarnation, creation order
        self.procs = []                 # every Proc, creation order
        self.live = {}                  # tid -> live Task
        self.root = None
        self._parse(data)
        self._build(lint)

    # -- parsing ---------------------------------------------------------
    def _parse(self, data):
        if data and not data.endswith(b"\n"):
            fail("%s: last line is cut (no newline): %r" % (
                self.path, data[-80:]))
        lines = data.split(b"\n")[:-1] if data else []
        if not lines:
            fail("%s: empty log" % self.path)
        for n, raw in enumerate(lines, 1):
            where = "%s:%d" % (self.path, n)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                fail("%s: not UTF-8: %s" % (where, e))
            try:
                ev = json.loads(text)
            except ValueError as e:
                fail("%s: not JSON (%s): %r" % (where, e, text[:200]))
            if not isinstance(ev, dict):
                fail("%s: not a JSON object" % where)
            for c in text:
                if _raw_forbidden(ord(c)):
                    fail("%s: raw U+%04X (must be escaped): %r" % (
                        where, ord(c), text[:200]))
            _check_strings(ev, where)
            ev["_line"] = n
            self.raw_lines.append(text)
            self.events.append(ev)

    def where(self, ev):
        return "%s:%d (%s)" % (self.path, ev["_line"], ev.get("event"))

    # -- building the model ------------------------------------------------
    def _new_task(self, tid, tgid, by):
        old = self.live.get(tid)
        if old is not None:
            fail("%s: new task %d, but task %d is still alive (created at "
                 "line %s)" % (self.where(by), tid, tid,
                               old.created_by["_line"] if old.created_by
                               else "?"))
        t = Task(tid, tgid, by)
        self.tasks.append(t)
        self.live[tid] = t
        return t

    def _new_proc(self, leader):
        p = Proc(leader)
        leader.proc = p
        self.procs.append(p)
        return p

    def _build(self, lint):
        ev0 = self.events[0]
        w0 = self.where(ev0)
        if ev0.get("event") != "start":
            fail("%s: first line is not a start line" % w0)
        self.start = ev0
        check_members(ev0, w0)
        eq(ev0.get("version"), 1, "%s: version" % w0)
        eq(ev0.get("version_minor"), 2, "%s: version_minor" % w0)
        mode = ev0.get("mode")
        if mode not in ("launch", "attach", "system"):
            fail("%s: bad mode %r" % (w0, mode))
        self.mode = mode
        self.backend = ev0.get("backend", "ptrace")
        if self.backend not in ("ptrace", "bpf"):
            fail("%s: bad backend %r" % (w0, self.backend))
        if mode == "system":
            expect("argv" not in ev0 and "pids" not in ev0,
                   "%s: system mode with argv or pids" % w0)
            expect(self.backend == "bpf",
                   "%s: system mode on the %s backend" % (w0, self.backend))
        elif mode == "launch":
            _strlist(ev0, "argv", w0)
            _need(ev0, "cwd", str, w0)
        else:
            v = ev0.get("pids")
            expect(isinstance(v, list) and v and
                   all(isinstance(x, int) for x in v),
                   "%s: pids must be a non-empty array of ints" % w0)
        _need(ev0, "time", str, w0)
        expect(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$",
                        ev0["time"]), "%s: bad time %r" % (w0, ev0["time"]))
        self.tracer = ev0.get("pid")
        last_ts = 0.0
        vfork_wait = {}                  # vforker tid -> child pid
        for ev in self.events[1:]:
            w = self.where(ev)
            kind = ev.get("event")
            if kind not in KINDS:
                fail("%s: unknown event kind %r" % (w, kind))
            check_members(ev, w)
            ts = _need(ev, "ts", float, w)
            if ts + 1e-9 < last_ts:
                fail("%s: ts %.6f goes back from %.6f" % (w, ts, last_ts))
            last_ts = ts
            if self.end is not None:
                fail("%s: line after the end line" % w)
            if kind == "start":
                fail("%s: second start line" % w)
            pid = _need(ev, "pid", int, w)
            tgid = _need(ev, "tgid", int, w)
            if kind == "end":
                self.end = ev
                _need(ev, "status", int, w)
                if self.backend == "bpf":
                    # Lost events are never silent: always counted, and
                    # a complete trace lost none.
                    _need(ev, "events_lost", int, w)
                    if self.complete:
                        eq(ev["events_lost"], 0, "%s: events_lost" % w)
                else:
                    expect("events_lost" not in ev,
                           "%s: events_lost on the ptrace backend" % w)
                continue
            if kind == "attach":
                self._on_attach(ev, w)
                continue
            if kind == "kthread" and pid not in self.live:
                self._on_kthread(ev, w)
                continue
            t = self.live.get(pid)
            if t is None and self.root is None and mode == "launch" and \
                    kind == "exec":
                # The launched program's own execve: the root appears.
                t = self._new_task(pid, pid, ev)
                self.root = self._new_proc(t)
            if t is None and kind == "untraced" and mode == "attach":
                # attach --subtree --depth: a descendant never seized.
                t = self._new_task(pid, tgid, ev)
                q = self._new_proc(t)
                q.parent_pid = ev["ppid"]
                up = self.live.get(ev["ppid"])
                if up is not None and up.is_leader:
                    q.parent = up.proc
                    up.proc.children.append(q)
            if t is None:
                fail("%s: event about task %d, which no fork/clone/attach "
                     "created or which is gone (lost fork event?)" % (w, pid))
            if t.tgid != tgid:
                fail("%s: tgid %d, but task %d belongs to %d" % (
                    w, tgid, pid, t.tgid))
            if t.untraced and kind not in ("exit", "detach"):
                fail("%s: %s about %d, a thread the kernel made that is "
                     "not traced" % (w, kind, pid))
            if t.untraced and kind == "exit":
                eq(ev.get("code"), 0, "%s: exit code of an untraced kernel "
                   "thread" % w)
            if t.doomed and kind != "exit":
                fail("%s: %s from thread %d after its process exec'd" % (
                    w, kind, pid))
            if pid in vfork_wait and kind == "detach" and \
                    self.backend == "bpf":
                # Watching ends; the eBPF backend cannot wait for it.
                del vfork_wait[pid]
            if pid in vfork_wait and kind not in ("vfork_done", "exit"):
                fail("%s: vfork parent %d reports %s while blocked in vfork "
                     "(child %d)" % (w, pid, kind, vfork_wait[pid]))
            t.events.append(ev)
            if kind in ("fork", "vfork", "clone"):
                self._on_fork(ev, w, t)
                if kind == "vfork":
                    vfork_wait[pid] = ev["child"]
            elif kind == "vfork_done":
                c = _need(ev, "child", int, w)
                if vfork_wait.get(pid) != c:
                    fail("%s: vfork_done child %d, but %d's vfork child "
                         "is %r" % (w, c, pid, vfork_wait.get(pid)))
                del vfork_wait[pid]
            elif kind == "exec":
                self._on_exec(ev, w, t)
            elif kind == "exit":
                vfork_wait.pop(pid, None)
                self._on_exit(ev, w, t)
            elif kind == "signal":
                _need(ev, "signal", str, w)
                if "sender" in ev:
                    _need(ev, "sender", int, w)
            elif kind in ("stop", "cont"):
                _need(ev, "signal", str, w)
            elif kind == "reparent":
                self._on_reparent(ev, w, t)
            elif kind == "untraced":
                # --depth: let go at its first stop, nothing more.
                expect(t.is_leader, "%s: untraced thread" % w)
                eq(t.events[:-1], [], "%s: events before untraced" % w)
                depth, q = 0, t.proc
                while q.parent is not None:
                    depth, q = depth + 1, q.parent
                eq(ev["depth"], depth, "%s: depth" % w)
                eq(ev["ppid"], t.proc.parent_pid, "%s: ppid" % w)
                t.detached = True
                del self.live[pid]
            elif kind == "detach":
                t.detached = True
                del self.live[pid]
        if self.complete:
            self._check_complete()

    def _on_kthread(self, ev, w):
        """A thread the kernel made: an io_uring worker of a traced
        process (pid != tgid), or a kernel thread (--system, pid == tgid,
        ppid kthreadd). With traced false (the ptrace backend, which only
        finds it in /proc) nothing but its exit or detach line follows:
        the exit before its process's, with thread true and code 0."""
        pid, tgid = ev["pid"], ev["tgid"]
        t = self._new_task(pid, tgid, ev)
        t.events.append(ev)
        t.kthread = True
        if pid == tgid:
            p = self._new_proc(t)
            p.parent_pid = ev.get("ppid")
            parent = self.live.get(ev.get("ppid"))
            if parent is not None and parent.proc is not None:
                p.parent = parent.proc
                parent.proc.children.append(p)
        else:
            leader = self.live.get(tgid)
            if leader is None:
                fail("%s: kernel-made thread %d of %d, which is not "
                     "traced" % (w, pid, tgid))
            t.proc = leader.proc
            leader.proc.threads.append(t)
        _need(ev, "comm", str, w)
        _strlist(ev, "pf_flags", w)
        _need(ev, "traced", bool, w)
        if not ev["traced"]:
            expect(pid != tgid, "%s: untraced kernel thread %d is not a "
                   "thread of a traced process" % (w, pid))
            expect(self.backend != "bpf", "%s: traced false on the bpf "
                   "backend" % w)
            t.untraced = True

    def _on_attach(self, ev, w):
        pid, tgid = ev["pid"], ev["tgid"]
        _need(ev, "ppid", int, w)
        t = self._new_task(pid, tgid, ev)
        t.events.append(ev)
        if pid == tgid:
            _need(ev, "path", str, w)
            _strlist(ev, "argv", w)
            _need(ev, "cwd", str, w)
            p = self._new_proc(t)
            p.parent_pid = ev["ppid"]
            parent = self.live.get(ev["ppid"])
            if parent is not None and parent.is_leader:
                p.parent = parent.proc
                parent.proc.children.append(p)
        else:
            leader = self.live.get(tgid)
            if leader is None:
                fail("%s: thread %d attached before its leader %d" % (
                    w, pid, tgid))
            t.proc = leader.proc
            leader.proc.threads.append(t)

    def _on_fork(self, ev, w, t):
        kind = ev["event"]
        child = _need(ev, "child", int, w)
        thread = False
        if kind == "clone":
            thread = _need(ev, "thread", bool, w)
        elif "thread" in ev:
            fail("%s: thread member on a %s" % (w, kind))
        if "parent" in ev:
            # CLONE_PARENT: on clone lines, and on fork/vfork lines for
            # clone(CLONE_PARENT|SIGCHLD) and clone3, which the kernel
            # reports as FORK/VFORK events.
            expect(not thread, "%s: parent member on a thread clone" % w)
            _need(ev, "parent", int, w)
            expect(ev["parent"] != ev["pid"],
                   "%s: parent member equal to pid" % w)
        if thread:
            c = self._new_task(child, t.tgid, ev)
            c.proc = t.proc
            t.proc.threads.append(c)
            return
        c = self._new_task(child, child, ev)
        p = self._new_proc(c)
        if "parent" in ev:
            p.parent_pid = ev["parent"]
            real = self.live.get(ev["parent"])
            if real is not None and real.proc is not None:
                p.parent = real.proc
            elif real is None and ev["parent"] != self.tracer and \
                    self.mode == "launch":
                # Only the tracer itself may be an untraced parent.
                fail("%s: parent %d is not a traced process" % (
                    w, ev["parent"]))
        else:
            p.parent = t.proc
            p.parent_pid = t.tgid
        if p.parent is not None:
            p.parent.children.append(p)

    def _on_reparent(self, ev, w, t):
        """A process whose parent process exited got a new parent: the old
        one is its current parent and has exited (its exit line came
        first); the new one is traced unless outside says not."""
        expect(t.is_leader, "%s: reparent of a thread" % w)
        p = t.proc
        old = ev["old_parent"]
        eq(old, p.parent_pid, "%s: old_parent" % w)
        olds = [q for q in self.procs if q.pid == old and q.exit is not None]
        expect(olds, "%s: old parent %d has not exited" % (w, old))
        expect(ev["reaper"] in ("init", "subreaper"),
               "%s: reaper %r" % (w, ev["reaper"]))
        live = self.live.get(ev["new_parent"])
        expect(ev["outside"] == (live is None),
               "%s: outside is %r, but the new parent is %straced" % (
                   w, ev["outside"], "" if live else "not "))
        expect(ev["outside"] or "new_parent_comm" not in ev,
               "%s: new_parent_comm of a traced parent" % w)
        p.parent_pid = ev["new_parent"]
        p.reparents.append(ev)

    def _on_exec(self, ev, w, t):
        _need(ev, "path", str, w)
        _strlist(ev, "argv", w)
        _need(ev, "cwd", str, w)
        expect(ev["pid"] == ev["tgid"],
               "%s: exec line with pid %d != tgid %d" % (w, ev["pid"],
                                                         ev["tgid"]))
        if "argv_truncated" in ev:
            eq(ev["argv_truncated"], True, "%s: argv_truncated" % w)
        proc = t.proc
        if "old_pid" in ev:
            old = _need(ev, "old_pid", int, w)
            ot = self.live.get(old)
            if ot is None or ot.tgid != t.tgid or ot.is_leader:
                fail("%s: old_pid %d is not a live thread of %d" % (
                    w, old, t.tgid))
            ot.retired = True
            ot.events.append(ev)
            del self.live[old]
        # Every other thread dies in the exec (de_thread): it may still
        # report its exit, but nothing else.
        for th in proc.threads:
            if th.alive:
                th.doomed = True
        proc.execs.append(ev)

    def _on_exit(self, ev, w, t):
        if "code" in ev:
            c = _need(ev, "code", int, w)
            expect(0 <= c <= 255, "%s: code %d out of range" % (w, c))
            expect("signal" not in ev and "core" not in ev,
                   "%s: both code and signal" % w)
        else:
            s = _need(ev, "signal", str, w)
            expect(s in SIGNUM or re.match(r"^SIG(RT)?\d+$", s),
                   "%s: bad signal name %r" % (w, s))
            _need(ev, "core", bool, w)
        if t.is_leader:
            expect("thread" not in ev,
                   "%s: thread member on a leader's exit" % w)
            for k in ("utime", "stime"):
                v = _need(ev, k, float, w)
                expect(v >= 0, "%s: negative %s" % (w, k))
            _need(ev, "maxrss_kb", int, w)
            for th in t.proc.threads:
                if th.alive and not th.doomed:
                    fail("%s: leader %d exits before its thread %d" % (
                        w, t.tid, th.tid))
                if th.doomed and th.alive:
                    # Retired silently by the exec; no exit will come.
                    th.retired = True
                    self.live.pop(th.tid, None)
        else:
            eq(ev.get("thread"), True, "%s: thread member" % w)
            for k in ("utime", "stime", "maxrss_kb"):
                expect(k not in ev, "%s: %s on a thread's exit" % (w, k))
        t.exit = ev
        del self.live[t.tid]

    def _check_complete(self):
        if self.end is None:
            fail("%s: no end line (log cut short)" % self.path)
        for t in self.live.values():
            if t.doomed:
                continue
            fail("%s: task %d (created at line %s) never ended" % (
                self.path, t.tid,
                t.created_by["_line"] if t.created_by else "?"))
        if self.mode == "launch" and self.root is not None:
            end, r = self.end, self.root
            if r.exit is None:
                fail("%s: the root never exited" % self.path)
            if "code" in r.exit:
                eq(end.get("root_code"), r.exit["code"],
                   "end line root_code")
                expect("root_signal" not in end, "end: root_signal too")
            else:
                eq(end.get("root_signal"), r.exit["signal"],
                   "end line root_signal")

    # -- queries -------------------------------------------------------------
    def procs_of(self, pid):
        return [p for p in self.procs if p.pid == pid]

    def proc(self, pid):
        """The one process incarnation with this pid."""
        ps = self.procs_of(pid)
        if len(ps) != 1:
            fail("%s: %d processes with pid %d" % (self.path, len(ps), pid))
        return ps[0]

    def task(self, tid):
        ts = [t for t in self.tasks if t.tid == tid]
        if len(ts) != 1:
            fail("%s: %d tasks with tid %d" % (self.path, len(ts), tid))
        return ts[0]

    def find(self, kind=None, **members):
        """Events of a kind whose members equal the given values."""
        out = []
        for ev in self.events:
            if kind is not None and ev.get("event") != kind:
                continue
            if all(ev.get(k) == v for k, v in members.items()):
                out.append(ev)
        return out

    def one(self, kind=None, **members):
        evs = self.find(kind, **members)
        if len(evs) != 1:
            fail("%s: %d %s events with %r, expected 1" % (
                self.path, len(evs), kind, members))
        return evs[0]

    def index(self, ev):
        return ev["_line"]

    def before(self, a, b, what):
        """Assert event a is written before event b."""
        expect(a["_line"] < b["_line"], "%s: line %d (%s) is not before "
               "line %d (%s)" % (what, a["_line"], a["event"], b["_line"],
                                 b["event"]))


def load(path, complete=True):
    return Log(path, complete)


def shape(proc, key=None):
    """A canonical, pid-free description of a process subtree:
    (argv-or-None, status, nthreads, (children shapes...)). Children are
    sorted by their own shape when key is 'sorted', else kept in creation
    order."""
    kids = [shape(c, key) for c in proc.children]
    if key == "sorted":
        kids.sort(key=repr)
    return (tuple(proc.argv) if proc.argv is not None else None,
            proc.status(), len(proc.threads), tuple(kids))


class Side:
    """The side file a test program writes: one fact per line."""

    def __init__(self, path):
        self.lines = []
        try:
            with open(path) as f:
                for line in f:
                    if line.strip():
                        self.lines.append(line.split())
        except FileNotFoundError:
            pass

    def all(self, key):
        return [l[1:] for l in self.lines if l[0] == key]

    def one(self, key):
        v = self.all(key)
        if len(v) != 1:
            fail("side file: %d %r lines, expected 1" % (len(v), key))
        return v[0]

    def pid(self, key):
        return int(self.one(key)[0])


# -- tracee strings as bytes --------------------------------------------------
def _raw_forbidden(cp):
    """Characters the writer always escapes (doc/LOG-FORMAT.md)."""
    return (cp < 0x20 or cp == 0x7f or 0x80 <= cp <= 0x9f or
            0x202a <= cp <= 0x202e or 0x2066 <= cp <= 0x2069 or
            cp in (0x200e, 0x200f, 0x061c, 0x2028, 0x2029))


def to_bytes(s):
    """A log string as the bytes it stands for: lone surrogates
    U+DC80..U+DCFF are the bytes 0x80..0xff that were not UTF-8 (Python's
    surrogateescape), everything else is UTF-8. Fails on any other lone
    surrogate."""
    try:
        return s.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as e:
        fail("string %r holds a surrogate that is no raw byte: %s" % (
            s[:80], e))


def _check_strings(v, where):
    if isinstance(v, str):
        try:
            v.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError as e:
            fail("%s: string %r: %s" % (where, v[:80], e))
    elif isinstance(v, list):
        for x in v:
            _check_strings(x, where)
    elif isinstance(v, dict):
        for x in v.values():
            _check_strings(x, where)


def loads_bytes(text):
    """Parse one JSON value with the standard reader; strings come back as
    bytes (to_bytes()), the recipe of doc/LOG-FORMAT.md."""
    def conv(v):
        if isinstance(v, str):
            return to_bytes(v)
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v
    return conv(json.loads(text))
