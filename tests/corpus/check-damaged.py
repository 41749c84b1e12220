#!/usr/bin/env python3
"""Truncated and byte-flipped copies of corpus traces: lanes-cli must
accept or reject each one cleanly (exit 0, or 1 with a message naming
the file), never crash or hang."""
import glob
import os
import random
import tempfile

import corpus

cli, corpus_dir = corpus.args()
rng = random.Random(20261127)  # fixed, so a failure reproduces
traces = sorted(glob.glob(os.path.join(corpus_dir, "traces", "*.trace")))
# Small traces keep the test quick; every format is represented.
traces = [t for t in traces if os.path.getsize(t) < 700_000]
failures = []
checked = 0

with tempfile.TemporaryDirectory() as tmp:
    for trace in traces:
        data = open(trace, "rb").read()
        variants = []
        for _ in range(3):
            cut = rng.randrange(0, len(data))
            variants.append((f"cut{cut}", data[:cut]))
        for _ in range(3):
            damaged = bytearray(data)
            for _ in range(rng.choice([1, 2, 8])):
                i = rng.randrange(16, len(damaged))
                damaged[i] ^= 1 << rng.randrange(8)
            variants.append((f"flip{_}", bytes(damaged)))
        for name, content in variants:
            path = os.path.join(tmp, f"{os.path.basename(trace)}.{name}")
            with open(path, "wb") as f:
                f.write(content)
            checked += 1
            status, _, stderr = corpus.run_cli(cli, "summary", "--json", path, timeout=60)
            corpus.check_exit(path, status, stderr, failures)
            os.unlink(path)

corpus.finish("damaged traces", checked, failures)
