#!/usr/bin/env python3
"""Every corpus trace gives the same summary however it comes: gzip'd as
x.trace.gz, the same gzip named without .gz, and piped to standard
input, plain or gzip'd.  A gzip'd multi-generation trace cut short gives
what the bytes it still holds give: its complete generations."""
import glob
import gzip
import json
import os
import subprocess
import tempfile
import zlib

import corpus

cli, corpus_dir = corpus.args()
failures = []
checked = 0


def summary(path, data=None):
    p = subprocess.run([cli, "summary", "--json", path], input=data, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace").strip()


def compare(where, got, expected):
    global checked
    checked += 1
    if got[0] != expected[0] or got[1] != expected[1]:
        failures.append(f"{where}: exit {got[0]} {got[2][:300]!r}, "
                        f"expected exit {expected[0]} {expected[2][:300]!r}"
                        f"{'' if got[1] == expected[1] else ' (outputs differ)'}")


with tempfile.TemporaryDirectory() as tmp:
    named_gz = os.path.join(tmp, "x.trace.gz")
    unnamed_gz = os.path.join(tmp, "x.trace")
    held_path = os.path.join(tmp, "held.trace")
    for trace in sorted(glob.glob(os.path.join(corpus_dir, "traces", "*.trace"))):
        name = os.path.basename(trace)
        data = open(trace, "rb").read()
        compressed = gzip.compress(data, compresslevel=1)
        expected = summary(trace)
        with open(named_gz, "wb") as f:
            f.write(compressed)
        os.replace(named_gz, unnamed_gz)
        with open(named_gz, "wb") as f:
            f.write(compressed)
        compare(f"{name} gzip'd", summary(named_gz), expected)
        compare(f"{name} gzip'd, named without .gz", summary(unnamed_gz), expected)
        compare(f"{name} on standard input", summary("-", data), expected)
        compare(f"{name} gzip'd on standard input", summary("-", compressed), expected)

        syncs = json.load(open(trace[:-len(".trace")] + ".json"))["kinds"].get("Sync", 0)
        if syncs < 4:
            continue
        for share in (4, 7):
            cut = compressed[:len(compressed) * share // 10]
            with open(named_gz, "wb") as f:
                f.write(cut)
            with open(held_path, "wb") as f:
                f.write(zlib.decompressobj(wbits=31).decompress(cut))
            got, held = summary(named_gz), summary(held_path)
            compare(f"{name} gzip'd, cut at {share}/10", got, held)
            if got[0] != 0 or json.loads(got[1])["events"] == 0 or "cut off" not in got[2]:
                failures.append(f"{name} gzip'd, cut at {share}/10: expected its complete generations "
                                f"and a warning, got exit {got[0]}: {got[2][:300]!r}")

corpus.finish("gzip and standard input", checked, failures)
