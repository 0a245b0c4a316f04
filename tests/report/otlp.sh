#!/bin/sh
# --otlp: an OpenTelemetry trace in OTLP/JSON. Every span is checked
# against the required fields of the OTLP protobuf JSON mapping
# (opentelemetry-proto, trace/v1/trace.proto and common/v1/common.proto):
# resourceSpans > scopeSpans > spans; traceId 32 and spanId 16 lowercase
# hex digits, not all zero; parentSpanId naming a span of the trace;
# startTimeUnixNano/endTimeUnixNano decimal strings (fixed64); attributes
# as key and typed AnyValue. The content is worked out by hand from the
# logs.
. "${srcdir:-.}/tests/report/lib.sh"

cat >"$TMP/otlp_schema.py" <<'PY'
"""Checks of an OTLP/JSON ExportTraceServiceRequest, written from the
protobuf definitions and the proto3 JSON mapping."""
import re
from check import check

HEX32 = re.compile(r"^[0-9a-f]{32}$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
UINT = re.compile(r"^[0-9]+$")
INT = re.compile(r"^-?[0-9]+$")
ANY = {"stringValue", "boolValue", "intValue", "doubleValue", "arrayValue",
       "kvlistValue", "bytesValue"}

def any_value(v, where):
    check(isinstance(v, dict) and len(v) == 1 and set(v) <= ANY, where, v)
    (k, x), = v.items()
    if k == "stringValue":
        check(isinstance(x, str), where, v)
    elif k == "boolValue":
        check(isinstance(x, bool), where, v)
    elif k == "intValue":
        # int64: a decimal string in proto3 JSON (a number is accepted).
        check((isinstance(x, str) and INT.match(x)) or
              (isinstance(x, int) and not isinstance(x, bool)), where, v)
    elif k == "doubleValue":
        check(isinstance(x, (int, float)) and not isinstance(x, bool), where, v)
    elif k == "arrayValue":
        check(isinstance(x, dict) and set(x) <= {"values"}, where, v)
        for e in x.get("values", []):
            any_value(e, where)
    elif k == "kvlistValue":
        attributes(x.get("values", []), where)
    else:
        check(isinstance(x, str), where, v)

def attributes(attrs, where):
    check(isinstance(attrs, list), where, attrs)
    for a in attrs:
        check(isinstance(a, dict) and set(a) == {"key", "value"}, where, a)
        check(isinstance(a["key"], str) and a["key"] != "", where, a)
        any_value(a["value"], "%s: %s" % (where, a["key"]))

def validate(doc):
    """Check doc; return its spans."""
    check(isinstance(doc, dict) and isinstance(doc.get("resourceSpans"), list), doc.keys())
    spans = []
    for rs in doc["resourceSpans"]:
        if "resource" in rs:
            attributes(rs["resource"].get("attributes", []), "resource")
        check(isinstance(rs.get("scopeSpans"), list), rs.keys())
        for ss in rs["scopeSpans"]:
            if "scope" in ss:
                check(isinstance(ss["scope"].get("name", ""), str), ss["scope"])
            check(isinstance(ss.get("spans"), list), ss.keys())
            spans.extend(ss["spans"])
    ids = set()
    for s in spans:
        w = s.get("name")
        check(isinstance(s.get("traceId"), str) and HEX32.match(s["traceId"]) and s["traceId"] != "0" * 32, w, s.get("traceId"))
        check(isinstance(s.get("spanId"), str) and HEX16.match(s["spanId"]) and s["spanId"] != "0" * 16, w, s.get("spanId"))
        check(s["spanId"] not in ids, w, "duplicate spanId")
        ids.add(s["spanId"])
        check(isinstance(w, str) and w != "", s)
        for k in ("startTimeUnixNano", "endTimeUnixNano"):
            check(isinstance(s.get(k), str) and UINT.match(s[k]), w, k, s.get(k))
        check(int(s["endTimeUnixNano"]) >= int(s["startTimeUnixNano"]), w)
        check(s.get("kind", 0) in range(6), w, s.get("kind"))
        attributes(s.get("attributes", []), w)
        for e in s.get("events", []):
            check(isinstance(e.get("timeUnixNano"), str) and UINT.match(e["timeUnixNano"]), w, e)
            check(isinstance(e.get("name"), str), w, e)
            attributes(e.get("attributes", []), w)
        if "status" in s:
            check(s["status"].get("code", 0) in (0, 1, 2), w, s["status"])
    check(len({s["traceId"] for s in spans}) <= 1, "one trace per log")
    for s in spans:
        p = s.get("parentSpanId", "")
        check(p == "" or (HEX16.match(p) and p in ids), s["name"], p)
    return spans

def attrs(span):
    """A span's attributes as a plain dict."""
    out = {}
    for a in span.get("attributes", []):
        (k, v), = a["value"].items()
        out[a["key"]] = [list(x.values())[0] for x in v.get("values", [])] if k == "arrayValue" else v
    return out
PY
cp "$CHECK_DIR/check.py" "$TMP/"

fw report --otlp "$TMP/b.json" "$FIX/build.jsonl" >"$TMP/out" || fail "exit $?"
[ ! -s "$TMP/out" ] || fail "an export alone printed a report"
if command -v jq >/dev/null 2>&1; then
	jq -e '.resourceSpans[0].scopeSpans[0].spans | length == 9' "$TMP/b.json" \
		>/dev/null || fail "jq: not 9 spans"
fi
PYTHONPATH=$TMP py - "$TMP/b.json" <<'PY'
import datetime, json, sys
from check import check, equal
from otlp_schema import validate, attrs
doc = json.load(open(sys.argv[1]))
spans = validate(doc)
equal(len(spans), 9)
by_pid = {int(attrs(s)["process.pid"]): s for s in spans}
ids = {s["spanId"]: int(attrs(s)["process.pid"]) for s in spans}
# Nested by parentage, as build.jsonl's fork lines say.
parent = {p: ids.get(s.get("parentSpanId")) for p, s in by_pid.items()}
equal(parent, {1000: None, 1001: 1000, 1002: 1000, 1003: 1001, 1004: 1001,
               1005: 1002, 1006: 1000, 1007: 1006, 1008: 1007})
# Times: the start line's wall clock plus ts, in unix nanoseconds.
t0 = datetime.datetime(2026, 11, 28, 10, 0, 0, 123456,
                       tzinfo=datetime.timezone.utc)
t0_ns = int(t0.timestamp()) * 10**9 + 123456000
make = by_pid[1000]
equal(make["startTimeUnixNano"], str(t0_ns + 500000))
equal(make["endTimeUnixNano"], str(t0_ns + 10**9))
equal(by_pid[1008]["startTimeUnixNano"], str(t0_ns + 420000000))
# Attributes: argv, cwd, exit status, CPU, RSS.
a = attrs(make)
equal(a["process.command_args"], ["make", "-j2"])
equal(a["process.working_directory"], "/home/u/proj")
equal(a["process.executable.path"], "/usr/bin/make")
equal(a["process.exit.code"], "2")
check(abs(a["forkwatch.cpu.user_s"] - 0.765) < 1e-9 and abs(a["forkwatch.cpu.own_s"] - 0.03) < 1e-9, a)
equal(a["forkwatch.maxrss_kb"], "90000")
equal(attrs(by_pid[1001])["process.parent_pid"], "1000")
# Failed processes have an error status, the others none.
equal(sorted(p for p, s in by_pid.items() if s.get("status", {}).get("code") == 2), [1000, 1002, 1005])
equal(make["status"], {"code": 2, "message": "exit 2"})
# Span names are the processes' labels.
equal(by_pid[1003]["name"], "cc1 a.c")
# Events: each exec, each signal.
equal([e["name"] for e in by_pid[1001]["events"]], ["exec", "exec"])
equal([e["name"] for e in make["events"]], ["exec", "signal", "signal", "signal"])
res = {a["key"]: a["value"] for a in doc["resourceSpans"][0]["resource"]["attributes"]}
equal(res["service.name"], {"stringValue": "forkwatch"})
PY

# The same log twice gives the same trace; --under starts at a subtree.
fw report --otlp "$TMP/b2.json" "$FIX/build.jsonl"
cmp -s "$TMP/b.json" "$TMP/b2.json" || fail "two exports of one log differ"
fw report --otlp "$TMP/u.json" --under 1006 "$FIX/build.jsonl"
PYTHONPATH=$TMP py - "$TMP/u.json" <<'PY'
import json, sys
from check import equal
from otlp_schema import validate, attrs
spans = validate(json.load(open(sys.argv[1])))
equal([(attrs(s)["process.pid"], "parentSpanId" in s) for s in spans],
      [("1006", False), ("1007", True), ("1008", True)])
PY

# Hostile strings stay valid: control characters escaped, bytes that are
# not UTF-8 replaced by U+FFFD (no lone surrogates for strict readers).
fw report --otlp "$TMP/t.json" "$FIX/tricky.jsonl"
PYTHONPATH=$TMP py - "$TMP/t.json" <<'PY'
import json, sys
from check import check, equal
from otlp_schema import validate, attrs
raw = open(sys.argv[1], "rb").read()
check(b"\x1b" not in raw and b"\\udc" not in raw.lower(), "raw escape or lone surrogate")
raw.decode("utf-8")
spans = validate(json.loads(raw))
p = [s for s in spans if attrs(s)["process.pid"] == "3001"][0]
equal(attrs(p)["process.command_args"], ["printf", "\x1b[31mred\x1b[0m",
      "\ufffd\ufffd\ufffd", "café", "\u202eevil", "<script>&\"'"])
PY
