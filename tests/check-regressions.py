#!/usr/bin/env python3
"""Every input that once crashed a fuzzing harness (tests/fuzz/regressions)
is read again, by the reader alone (summary) and into the timeline model
(render, the flame graph and the CPU profile of its samples): lanes-cli
must accept or reject it cleanly."""
import glob
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
import corpus  # noqa: E402

cli, regressions = sys.argv[1], sys.argv[2]
failures = []
inputs = [p for p in sorted(glob.glob(os.path.join(regressions, "*"))) if not p.endswith(".md")]
with tempfile.TemporaryDirectory() as tmp:
    png = os.path.join(tmp, "frame.png")
    pb = os.path.join(tmp, "cpu.pb.gz")
    commands = (["summary", "--json"], ["render", "-o", png], ["render", "--chart", "flame", "-o", png],
                ["profile", "--kind", "cpu", "-o", pb])
    for path in inputs:
        for argv in commands:
            status, _, stderr = corpus.run_cli(cli, *argv, path, timeout=60)
            corpus.check_exit(path, status, stderr, failures)
corpus.finish("fuzz regressions", len(commands) * len(inputs), failures)
