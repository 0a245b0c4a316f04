"""check.py - explicit checks for the Python snippets of the report tests.

A Python `assert` is skipped when PYTHONOPTIMIZE is set or python runs
with -O, so a test written with it can pass while checking nothing. These
checks run in every environment: a failed one prints where it failed and
what it was given, and exits with status 1."""
import sys


def check(cond, *what):
    """Fail the test unless cond is true; what is printed on failure."""
    if cond:
        return
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back
    print("check failed at line %d of %s" % (frame.f_lineno,
          frame.f_code.co_filename), file=sys.stderr)
    for w in what:
        print("  %r" % (w,), file=sys.stderr)
    sys.exit(1)


def near(a, b, eps=1e-9):
    """True if the numbers a and b differ by at most eps."""
    return abs(a - b) <= eps


def equal(got, want, *what):
    """Fail the test unless got == want, printing both."""
    check(got == want, "got:", got, "want:", want, *what)
