#!/usr/bin/env python3
"""Every input that once crashed a fuzzing harness (tests/fuzz/regressions)
is read again: lanes-cli must accept or reject it cleanly."""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
import corpus  # noqa: E402

cli, regressions = sys.argv[1], sys.argv[2]
failures = []
inputs = [p for p in sorted(glob.glob(os.path.join(regressions, "*"))) if not p.endswith(".md")]
for path in inputs:
    status, _, stderr = corpus.run_cli(cli, "summary", "--json", path, timeout=60)
    corpus.check_exit(path, status, stderr, failures)
corpus.finish("fuzz regressions", len(inputs), failures)
