#!/usr/bin/env python3
"""lanes-cli events against the numbers of Go's reader: every line is a
JSON object, time never goes back, and the events counted by kind equal
the reference's `kinds` (NAME.json beside a corpus trace, Go's reader) or,
for the project's own fixtures, `summary --json`'s.  The filters keep
exactly the events they name, and --stacks gives every stack's frames.

  check-events.py [--counts-only] LANES_CLI TRACE_OR_DIRECTORY...

--counts-only leaves out the filters, for many big traces.

A directory stands for its *.trace files; a missing one (the corpus in a
fresh clone) is skipped."""
import collections
import json
import os
import subprocess
import sys

counts_only = sys.argv[1] == "--counts-only"
cli, inputs = sys.argv[1 + counts_only], sys.argv[2 + counts_only:]
failures = []
passed = checked = 0


def events(trace, *options):
    p = subprocess.run([cli, "events", *options, trace], capture_output=True, timeout=600)
    if p.returncode != 0:
        failures.append(f"{trace}: events {' '.join(options)} exited {p.returncode}: "
                        f"{p.stderr.decode(errors='replace').strip()}")
        return []
    try:
        return [json.loads(line) for line in p.stdout.splitlines()]
    except ValueError as e:
        failures.append(f"{trace}: events {' '.join(options)}: a line is not JSON: {e}")
        return []


def without_ids(event):
    return {k: v for k, v in event.items() if k not in ("stack", "resource_stack")}


def without_frames(event):
    return {k: v for k, v in without_ids(event).items() if not k.endswith("_frames")}


def reference_kinds(trace):
    expected = trace[:-len(".trace")] + ".json"
    if os.path.exists(expected):
        with open(expected) as f:
            return json.load(f)["kinds"], "Go's reader"
    p = subprocess.run([cli, "summary", "--json", trace], capture_output=True, text=True, timeout=600)
    return json.loads(p.stdout)["kinds"], "summary --json"


def stream(trace):
    """The events of @trace, one at a time: big traces need not fit."""
    p = subprocess.Popen([cli, "events", trace], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for line in p.stdout:
            yield json.loads(line)
    except ValueError as e:
        failures.append(f"{trace}: events: a line is not JSON: {e}")
    finally:
        p.stdout.close()
        stderr = p.stderr.read().decode(errors="replace").strip()
        if p.wait() != 0:
            failures.append(f"{trace}: events exited {p.returncode}: {stderr}")


def check_trace(trace):
    """True when every check holds on @trace."""
    problems = []
    kinds, source = reference_kinds(trace)
    counts = collections.Counter()
    on_goroutine = collections.Counter()
    first = previous = None
    n = 0
    for e in stream(trace):
        missing = {"kind", "time_ns", "goroutine", "proc", "thread", "stack"} - e.keys()
        if missing and not problems:
            problems.append(f"an event without {sorted(missing)}: {e}")
        counts[e["kind"]] += 1
        if e["goroutine"] is not None:
            on_goroutine[e["goroutine"]] += 1
        if first is None:
            first = e["time_ns"]
        elif e["time_ns"] < previous:
            problems.append(f"time goes back at event {n}: {previous} then {e['time_ns']}")
        previous = e["time_ns"]
        n += 1
    if n == 0:
        return False
    if dict(counts) != {k: v for k, v in kinds.items() if v}:
        problems.append(f"kinds {dict(counts)} != {source}'s {kinds}")
    if not counts_only:
        problems += check_filters(trace, counts, on_goroutine, first, previous)
    for p in problems:
        failures.append(f"{trace}: {p}")
    return not problems


def check_filters(trace, counts, on_goroutine, first, last):
    """What is wrong with the options' output, compared with the whole."""
    problems = []
    lines = events(trace)

    # --kind keeps that kind only, all of it.
    transitions = events(trace, "--kind", "StateTransition")
    if len(transitions) != counts["StateTransition"] or any(e["kind"] != "StateTransition" for e in transitions):
        problems.append("--kind StateTransition does not give exactly the state transitions")

    # --stacks: the same events, each stack id with its frames.  Stack
    # ids are the reader's to number (Go's old format gets them in no
    # fixed order), so the filters below compare events by their frames.
    with_stacks = events(trace, "--stacks")
    if [without_frames(e) for e in with_stacks] != [without_ids(e) for e in lines]:
        problems.append("--stacks gives other events")
    for e in with_stacks:
        frames = e.get("stack_frames")
        if (e["stack"] is None) != (frames is None) or (frames is not None and not all(
                isinstance(f["function"], str) and isinstance(f["line"], int) for f in frames)):
            problems.append(f"--stacks: stack {e['stack']} with frames {frames!r}")
            break
    base = [without_ids(e) for e in with_stacks]

    # --goroutine: the busiest goroutine's events, and only its.
    if on_goroutine:
        g = on_goroutine.most_common(1)[0][0]
        mine = [e for e in base if e["goroutine"] == g
                or (e["kind"] in ("StateTransition", "Label") and e.get("resource") == "goroutine" and e["id"] == g)]
        if [without_ids(e) for e in events(trace, "--stacks", "--goroutine", str(g))] != mine:
            problems.append(f"--goroutine {g} does not give exactly its events")

    # --start/--end: the middle third, ends included.
    origin, length = first, last - first
    lo, hi = length // 3, 2 * length // 3
    middle = [e for e in base if lo <= e["time_ns"] - origin <= hi]
    if [without_ids(e) for e in events(trace, "--stacks", "--start", f"{lo}ns", "--end", f"{hi}ns")] != middle:
        problems.append(f"--start {lo}ns --end {hi}ns does not give exactly the events between")
    return problems


for path in inputs:
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            if name.endswith(".trace"):
                checked += 1
                passed += check_trace(os.path.join(path, name))
    elif os.path.exists(path):
        checked += 1
        passed += check_trace(path)
    else:
        print(f"# skipped: {path} is not there")

for f in failures:
    print(f"not ok: {f}")
print(f"{passed} passed, {checked - passed} failed (events)")
sys.exit(1 if failures else 0)
