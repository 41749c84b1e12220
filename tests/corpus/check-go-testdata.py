#!/usr/bin/env python3
"""Go's own parser test cases and fuzz inputs: every trace with an
.expect file succeeds or fails as Go's reader does; every fuzz input is
accepted or rejected cleanly, never with a crash."""
import ast
import glob
import os
import re

import corpus

cli, corpus_dir = corpus.args()
bin_dir = os.path.join(corpus_dir, "go-testdata", "bin")
failures = []
checked = 0

for trace in sorted(glob.glob(os.path.join(bin_dir, "*.trace"))):
    checked += 1
    status, _, stderr = corpus.run_cli(cli, "summary", "--json", trace)
    corpus.check_exit(trace, status, stderr, failures)
    expect_file = trace[:-len(".trace")] + ".expect"
    if not os.path.exists(expect_file):
        continue
    expect = open(expect_file).read().strip()
    if expect == "SUCCESS":
        if status != 0:
            failures.append(f"{trace}: expected success, got: {stderr.strip()}")
    else:
        pattern = ast.literal_eval(expect[len("FAILURE "):])
        if status != 1 or not re.search(pattern, stderr):
            failures.append(f"{trace}: expected an error matching {pattern!r}, got status {status}: {stderr.strip()}")

corpus.finish("Go test data", checked, failures)
