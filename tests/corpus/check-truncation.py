#!/usr/bin/env python3
"""A trace cut anywhere after its first generation still opens: lanes-cli
summarizes every complete generation before the cut, warns where the cut
is, and exits 0; cut inside its first generation, there is nothing to
keep: one line saying where the cut is, and exit 1.  The number of events
recovered never decreases as the cut moves later."""
import glob
import json
import os
import tempfile

import corpus

CUTS = 40
cli, corpus_dir = corpus.args()
failures = []
checked = 0

def multi_generation(reference):
    # One Sync per generation plus the final one.
    return json.load(open(reference))["kinds"].get("Sync", 0) >= 4

traces = [t for t in sorted(glob.glob(os.path.join(corpus_dir, "traces", "*.trace")))
          if multi_generation(t[:-len(".trace")] + ".json")]

with tempfile.TemporaryDirectory() as tmp:
    cut_path = os.path.join(tmp, "cut.trace")
    for trace in traces:
        data = open(trace, "rb").read()
        previous = 0
        for i in range(1, CUTS + 1):
            cut = len(data) * i // CUTS
            with open(cut_path, "wb") as f:
                f.write(data[:cut])
            checked += 1
            status, out, err = corpus.run_cli(cli, "summary", "--json", cut_path)
            where = f"{os.path.basename(trace)} cut at {cut} of {len(data)}"
            if status == 1 and previous == 0 and err.startswith(f"lanes-cli: {cut_path}: ") \
                    and "cut off at byte" in err and len(err.splitlines()) == 1:
                continue
            if status != 0:
                failures.append(f"{where}: exit status {status}: {err.strip()[:300]}")
                continue
            if cut < len(data) and err and "cut off at byte" not in err:
                failures.append(f"{where}: unexpected message: {err.strip()[:300]}")
            events = json.loads(out)["events"]
            if events < previous:
                failures.append(f"{where}: {events} events, fewer than the {previous} of an earlier cut")
            previous = events

corpus.finish("truncated traces", checked, failures)
