#!/usr/bin/env python3
"""CPU profiles against the samples a trace holds: `lanes-cli profile
--kind cpu` must write a profile that `go tool pprof` reads, holding every
StackSample event (as counted by Go's reference summary for corpus
traces, by `lanes-cli summary --json` for the project's fixtures), and
the profiles of the two halves of a trace must add up to the whole.
Corpus traces are checked when ../shared/corpus is there; fails without
Go 1.23, which tools/install-deps installs."""
import json
import os
import re
import subprocess
import sys
import tempfile

GO = os.environ.get("LANES_GO", "/usr/lib/go-1.23/bin/go")

if len(sys.argv) != 4:
    sys.exit(f"usage: {sys.argv[0]} LANES_CLI FIXTURES_DIR CORPUS_DIR")
cli, fixtures_dir, corpus_dir = sys.argv[1:]
if not os.access(GO, os.X_OK):
    print(f"Bail out! no Go 1.23 at {GO} (tools/install-deps installs golang-1.23-go)")
    sys.exit(1)


def run(*argv):
    p = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=300)
    if p.returncode != 0:
        raise ValueError(f"{' '.join(argv[:3])}… failed: {p.stderr.strip()}")
    return p.stdout


def samples_in(profile):
    """The samples a pprof file counts: the first value summed."""
    lines = run(GO, "tool", "pprof", "-raw", profile).splitlines()
    if "Samples:" not in lines or lines[lines.index("Samples:") + 1].split()[0] != "samples/count":
        raise ValueError(f"{profile}: no samples/count values")
    total = 0
    for line in lines[lines.index("Samples:") + 2:]:
        m = re.match(r"\s+(\d+)\s+\d+:", line)
        if not m:
            break
        total += int(m.group(1))
    return total


def profile(trace, out, *range_args):
    run(cli, "profile", "--kind", "cpu", *range_args, "-o", out, trace)
    if "Showing nodes" not in run(GO, "tool", "pprof", "-top", out):
        raise ValueError(f"go tool pprof -top cannot read {out}")
    return samples_in(out)


# (trace, expected sample count, duration in ns)
cases = []
for name in sorted(os.listdir(fixtures_dir)):
    if name.endswith("-cpu.trace"):
        path = os.path.join(fixtures_dir, name)
        summary = json.loads(run(cli, "summary", "--json", path))
        cases.append((path, summary["kinds"].get("StackSample", 0), summary["duration_ns"], True))
traces = os.path.join(corpus_dir, "traces")
if os.path.isdir(traces):
    for name in sorted(os.listdir(traces)):
        if name.endswith(".json"):
            with open(os.path.join(traces, name)) as f:
                reference = json.load(f)
            if reference.get("cpu_samples", 0) > 0:
                cases.append((os.path.join(traces, name[:-5] + ".trace"), reference["cpu_samples"],
                              reference["duration_ns"], False))
if not any(fixture for *_, fixture in cases):
    print(f"Bail out! no *-cpu.trace fixtures in {fixtures_dir}")
    sys.exit(1)

failures = []
with tempfile.TemporaryDirectory() as tmp:
    for trace, expected, duration, fixture in cases:
        name = os.path.basename(trace)
        half = f"{duration // 2}ns"
        try:
            whole = profile(trace, os.path.join(tmp, "whole.pb.gz"))
            first = profile(trace, os.path.join(tmp, "first.pb.gz"), "--end", half)
            second = profile(trace, os.path.join(tmp, "second.pb.gz"), "--start", half)
        except (ValueError, subprocess.TimeoutExpired) as e:
            failures.append(f"{name}: {e}")
            continue
        if whole != expected:
            failures.append(f"{name}: {whole} samples in the profile, {expected} in the trace")
        elif first + second != whole:
            failures.append(f"{name}: halves hold {first} + {second} samples, the whole {whole}")
        elif fixture and (first == 0 or second == 0):
            failures.append(f"{name}: a half holds no samples ({first}, {second})")
        else:
            print(f"ok   {name}: {whole} samples = {first} + {second}")

for f in failures:
    print(f"not ok: {f}")
print(f"{len(cases) - len(failures)} passed, {len(failures)} failed (CPU profiles)")
sys.exit(1 if failures else 0)
