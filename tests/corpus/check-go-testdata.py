#!/usr/bin/env python3
"""Go's own parser test cases and fuzz inputs: every trace with an
.expect file succeeds or fails as Go's reader does; every fuzz input is
accepted or rejected cleanly, never with a crash, and those whose result
under Go's reader is known (docs/trace-format.md §6) get the same."""
import ast
import glob
import os
import re

import corpus

cli, corpus_dir = corpus.args()
bin_dir = os.path.join(corpus_dir, "go-testdata", "bin")
failures = []
checked = 0

# Fuzz inputs with no .expect file: what Go's reader does with them.
GARBAGE_AFTER_FREQUENCY = "FAILURE 'expected frequency or clock snapshot event, got 48'"
FUZZ_EXPECT = {
    **{f"fuzz-{name}": GARBAGE_AFTER_FREQUENCY for name in [
        "0cb1786dee0f090b", "1e45307d5b2ec36d", "2b05796f9b2fc48d", "2b9be9aebe08d511",
        "344331b314da0b08", "365d7b5b633b3f97", "4d9ddc909984e871", "56f073e57903588c",
        "9d6ee7d3ddf8d566", "aeb749b6bc317b66", "d478e18d2d6756b7", "d91203cd397aa0bc"]},
    "fuzz-4055b17cae1a3443": "FAILURE 'unexpected event type 36'",   # old format, v1.11
    "fuzz-invalid-proc-state": "FAILURE 'invalid status for proc 0: 69'",
    "fuzz-malformed-timestamp": "FAILURE 'found invalid uvarint for timestamp'",
    "fuzz-closing-unknown-region": "SUCCESS",
    "fuzz-large-id": "SUCCESS",
}

for trace in sorted(glob.glob(os.path.join(bin_dir, "*.trace"))):
    checked += 1
    status, _, stderr = corpus.run_cli(cli, "summary", "--json", trace)
    corpus.check_exit(trace, status, stderr, failures)
    expect_file = trace[:-len(".trace")] + ".expect"
    name = os.path.basename(trace)[:-len(".trace")]
    if os.path.exists(expect_file):
        expect = open(expect_file).read().strip()
    elif name in FUZZ_EXPECT:
        expect = FUZZ_EXPECT[name]
    else:
        continue
    if expect == "SUCCESS":
        if status != 0:
            failures.append(f"{trace}: expected success, got: {stderr.strip()}")
    else:
        pattern = ast.literal_eval(expect[len("FAILURE "):])
        if status != 1 or not re.search(pattern, stderr):
            failures.append(f"{trace}: expected an error matching {pattern!r}, got status {status}: {stderr.strip()}")

corpus.finish("Go test data", checked, failures)
