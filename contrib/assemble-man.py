#!/usr/bin/env python3
"""Paste the console, TUI and report parts (doc/man-*.roff) into
man/forkwatch.1 between BEGIN/END markers, so each part keeps one source.
Run from the top of the tree after editing a doc/man-*.roff file."""
import re, sys

man_path = "man/forkwatch.1"
man = open(man_path).read()

def parts(path):
    text = open(path).read()
    opt = text.split('.\\" ---- for OPTIONS ----\n', 1)[1]
    opt, sec = opt.split('.\\" ---- the section ----\n', 1)
    return opt, sec

def put(man, name, body, before):
    begin, end = '.\\" BEGIN %s\n' % name, '.\\" END %s\n' % name
    block = begin + body + ("" if body.endswith("\n") else "\n") + end
    if begin in man:
        return re.sub(re.escape(begin) + ".*?" + re.escape(end),
                      lambda m: block, man, flags=re.S)
    if before not in man:
        sys.exit("assemble-man: no %r in %s" % (before, man_path))
    return man.replace(before, block + before, 1)

for name in ("console", "tui"):
    opt, sec = parts("doc/man-%s.roff" % name)
    man = put(man, "doc/man-%s.roff options" % name, opt, ".SH EVENTS\n")
    man = put(man, "doc/man-%s.roff section" % name, sec,
              '.\\" BEGIN doc/man-report.roff\n')
open(man_path, "w").write(man)

# The report part is one section; its leading comment stays in doc/.
report = open("doc/man-report.roff").read().split("\n")
while report and report[0].startswith('.\\"'):
    report.pop(0)
man = open(man_path).read()
man = put(man, "doc/man-report.roff", "\n".join(report), ".SH CAVEATS\n")
open(man_path, "w").write(man)
