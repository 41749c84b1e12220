#!/usr/bin/env python3
"""Runs lanes-cli diagnose --json on every scenario trace of the corpus
and checks that each scenario gets the finding its program was written
to show (../shared/corpus/gen/main.go), that the healthy ones do not
get the scheduling and blocking findings, and that every finding has
the documented shape.  Go's parser test data and the inputs that broke
parsers before must be diagnosed or rejected cleanly."""
import glob
import json
import os

import corpus

# Scenario: findings of which at least one must be reported.
EXPECTED = {
    "oversub": {"oversubscription"},
    "serial": {"under-parallelism"},
    "gcstress": {"gc-assist-pressure"},
    "contention": {"lock-contention", "channel-contention"},
    "preempt": {"long-running-goroutines"},
    "syscall": {"syscall-blocking"},
    "cgo": {"thread-creation"},
    "stw": {"forced-gc"},
}
# Scenario: findings that must not be reported.  The GC findings of
# these traces stand on their own evidence.
UNEXPECTED = {
    "pool": {"oversubscription"},
    "annotate": {"oversubscription", "under-parallelism", "lock-contention", "channel-contention",
                 "long-running-goroutines", "syscall-blocking"},
    "netpoll": {"oversubscription", "under-parallelism", "lock-contention", "channel-contention",
                "long-running-goroutines", "syscall-blocking"},
}
SEVERITIES = {"info", "warning", "severe"}


def check_shape(path, findings, duration, failures):
    for f in findings:
        where = f"{path}: {f.get('id')}"
        if set(f) < {"id", "severity", "summary", "evidence", "ranges", "goroutines"}:
            failures.append(f"{where}: missing keys in {sorted(f)}")
            continue
        if f["severity"] not in SEVERITIES:
            failures.append(f"{where}: severity {f['severity']!r}")
        if not f["summary"]:
            failures.append(f"{where}: empty summary")
        if not f["evidence"] or not all(isinstance(v, (int, float)) for v in f["evidence"].values()):
            failures.append(f"{where}: evidence {f['evidence']!r}")
        for r in f["ranges"]:
            if len(r) != 2 or not 0 <= r[0] <= r[1] <= duration:
                failures.append(f"{where}: range {r} outside 0..{duration}")
        if not all(isinstance(g, int) for g in f["goroutines"]):
            failures.append(f"{where}: goroutines {f['goroutines']!r}")


def main():
    cli, corpus_dir = corpus.args()
    failures = []
    checked = 0
    for path in sorted(glob.glob(os.path.join(corpus_dir, "traces", "go1.*-*.trace"))):
        scenario = os.path.basename(path)[:-len(".trace")].split("-", 1)[1]
        if scenario not in EXPECTED and scenario not in UNEXPECTED:
            continue
        checked += 1
        status, out, err = corpus.run_cli(cli, "diagnose", "--json", path)
        if status != 0:
            failures.append(f"{path}: exit status {status}: {err[-2000:]}")
            continue
        findings = json.loads(out)["findings"]
        with open(path[:-len(".trace")] + ".json") as f:
            duration = json.load(f)["duration_ns"]
        ids = {f.get("id") for f in findings}
        check_shape(path, findings, duration, failures)
        want = EXPECTED.get(scenario, set())
        if want and not ids & want:
            failures.append(f"{path}: none of {sorted(want)} in {sorted(ids)}")
        unwanted = ids & UNEXPECTED.get(scenario, set())
        if unwanted:
            failures.append(f"{path}: {sorted(unwanted)} reported")
    damaged = sorted(glob.glob(os.path.join(corpus_dir, "go-testdata", "bin", "*.trace")))
    for path in damaged:
        status, _, err = corpus.run_cli(cli, "diagnose", "--json", path, timeout=60)
        corpus.check_exit(path, status, err, failures)
    corpus.finish("check-diagnosis", checked + len(damaged), failures)


main()
