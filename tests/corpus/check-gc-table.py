#!/usr/bin/env python3
"""Runs lanes-cli gc --json on every trace of the corpus and checks the
GC table against Go's numbers in NAME.json: one row per completed mark
phase (and one more for a cycle the trace cut), the two stop-the-world
columns summing to Go's range totals with the longest equal to Go's
longest, and the background mark workers' time near the run time of
Go's gcBgMarkWorker goroutines.

The mark column is not compared: Go's summary pairs a mark phase found
active at a generation's start with its end, where the table keeps the
phase's true beginning."""
import glob
import json
import os

import corpus

SWEEP = "stop-the-world (GC sweep termination)"
MARK_TERM = "stop-the-world (GC mark termination)"


def close(a, b, share=0.0001):
    """As check-summary compares *_ns values: within 5 µs or 0.01 %."""
    return abs(a - b) <= max(5000, share * abs(b))


def check(path, table, ref, failures):
    rows = table["cycles"]
    ranges = ref.get("ranges", {})
    # A cycle the trace's end cuts is a row, but not a completed range.
    done = [r for r in rows if r["complete"] or r is not rows[-1]]
    if len(done) != ref.get("gc_cycles", 0):
        failures.append(f"{path}: {len(done)} completed cycles, Go {ref.get('gc_cycles', 0)}")
        return
    for column, name in (("sweep_termination_ns", SWEEP), ("mark_termination_ns", MARK_TERM)):
        want = ranges.get(name, {"total_ns": 0, "max_ns": 0})
        total = sum(r[column] for r in rows)
        longest = max((r[column] for r in rows), default=0)
        if not close(total, want["total_ns"]) or not close(longest, want["max_ns"]):
            failures.append(f"{path}: {column} total {total} max {longest}, Go {want['total_ns']} {want['max_ns']}")
    # A worker is known by its label, which it sets when it starts
    # marking: its first runs (when created, and before the first cycle
    # the trace shows) are in no row.  Never more than Go's, and no more
    # than 5 % less.
    workers = sum(g["exec_ns"] for name, g in ref.get("goroutine_analysis", {}).items() if "gcBgMarkWorker" in name)
    ours = sum(r["worker_ns"] for r in rows)
    if not 0.95 * workers - 5000 <= ours <= workers + 5000:
        failures.append(f"{path}: worker time {ours}, Go's gcBgMarkWorker ran {workers}")


def main():
    cli, corpus_dir = corpus.args()
    failures = []
    checked = 0
    for path in sorted(glob.glob(os.path.join(corpus_dir, "traces", "*.trace"))):
        with open(path[: -len(".trace")] + ".json") as f:
            ref = json.load(f)
        status, out, err = corpus.run_cli(cli, "gc", "--json", path, timeout=300)
        checked += 1
        if status != 0:
            failures.append(f"{path}: exit status {status}: {err[-2000:]}")
            continue
        check(path, json.loads(out), ref, failures)
    corpus.finish("check-gc-table", checked, failures)


main()
