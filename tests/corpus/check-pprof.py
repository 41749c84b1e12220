#!/usr/bin/env python3
"""Blocking profiles against Go's: for Go 1.23 corpus traces and every
kind, the profile lanes-cli writes must open in `go tool pprof -top`, and
its totals (waits and delay) must be within 1% of those of
`go tool trace -pprof=KIND`.  Skipped without the corpus; fails without
Go 1.23, which tools/install-deps installs."""
import os
import re
import subprocess
import sys
import tempfile

import corpus

GO = os.environ.get("LANES_GO", "/usr/lib/go-1.23/bin/go")
TRACES = ["go1.23-http", "go1.23-contention", "go1.23-netpoll", "go1.23-syscall"]
KINDS = ["net", "sync", "syscall", "sched"]

cli, corpus_dir = corpus.args()
if not os.access(GO, os.X_OK):
    print(f"Bail out! no Go 1.23 at {GO} (tools/install-deps installs golang-1.23-go)")
    sys.exit(1)


def go(*argv, **kwargs):
    return subprocess.run([GO, *argv], capture_output=True, timeout=300, **kwargs)


def totals(profile):
    """(waits, delay in ns) summed over the samples of a pprof file."""
    p = go("tool", "pprof", "-raw", profile)
    if p.returncode != 0:
        raise ValueError(p.stderr.decode(errors="replace").strip())
    lines = p.stdout.decode().splitlines()
    waits = delay = 0
    for line in lines[lines.index("Samples:") + 2:] if "Samples:" in lines else []:
        m = re.match(r"\s+(\d+)\s+(\d+):", line)
        if m:
            waits += int(m.group(1))
            delay += int(m.group(2))
    return waits, delay


def close(a, b):
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


failures = []
checked = 0
with tempfile.TemporaryDirectory() as tmp:
    for name in TRACES:
        trace = os.path.join(corpus_dir, "traces", name + ".trace")
        if not os.path.exists(trace):
            continue
        for kind in KINDS:
            checked += 1
            ours = os.path.join(tmp, f"{name}-{kind}.lanes.pb.gz")
            theirs = os.path.join(tmp, f"{name}-{kind}.go.pb.gz")
            status, _, stderr = corpus.run_cli(cli, "profile", "--kind", kind, "-o", ours, trace)
            if status != 0:
                failures.append(f"{name} {kind}: lanes-cli failed: {stderr.strip()}")
                continue
            with open(theirs, "wb") as out:
                p = subprocess.run([GO, "tool", "trace", f"-pprof={kind}", trace], stdout=out,
                                   stderr=subprocess.PIPE, timeout=300)
            if p.returncode != 0:
                failures.append(f"{name} {kind}: go tool trace failed: {p.stderr.decode(errors='replace').strip()}")
                continue
            top = go("tool", "pprof", "-top", ours)
            if top.returncode != 0 or b"Showing nodes" not in top.stdout:
                failures.append(f"{name} {kind}: go tool pprof -top cannot read it: {top.stderr.decode(errors='replace').strip()}")
                continue
            try:
                got, expected = totals(ours), totals(theirs)
            except ValueError as e:
                failures.append(f"{name} {kind}: {e}")
                continue
            if not (close(got[0], expected[0]) and close(got[1], expected[1])):
                failures.append(f"{name} {kind}: {got[0]} waits, {got[1]} ns; go tool trace: {expected[0]} waits, {expected[1]} ns")
            else:
                print(f"ok   {name} {kind}: {got[0]} waits, {got[1]} ns (go tool trace: {expected[0]}, {expected[1]})")

if checked == 0:
    print("# skipped: no Go 1.23 corpus traces")
    sys.exit(corpus.SKIP)
corpus.finish("blocking profiles against go tool trace -pprof", checked, failures)
