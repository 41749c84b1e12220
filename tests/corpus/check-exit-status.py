#!/usr/bin/env python3
"""One exit policy for every command (README, "Exit status"): a corpus
trace gives exit 0 from each; every input of Go's test data gets the
same status from every command as from summary (which decides as Go's
reader does, check-go-testdata.py), whatever it holds: zero-length
traces give 0, never 2; a copy cut short keeps its complete generations,
with a warning and exit 0, or says in one line that it has none, exit 1."""
import glob
import os
import tempfile

import corpus

cli, corpus_dir = corpus.args()
failures = []
checked = 0


def commands(out_dir):
    return [
        ["summary"],
        ["gc"],
        ["mmu", "--window", "1ms"],
        ["profile", "--kind", "sync", "-o", os.path.join(out_dir, "p.pb.gz")],
        ["render", "--width", "400", "--height", "200", "-o", os.path.join(out_dir, "r.png")],
    ]


with tempfile.TemporaryDirectory() as tmp:
    for trace in sorted(glob.glob(os.path.join(corpus_dir, "traces", "*.trace"))):
        for argv in commands(tmp):
            checked += 1
            status, _, err = corpus.run_cli(cli, *argv, trace)
            if status != 0:
                failures.append(f"{argv[0]} {trace}: exit {status}: {err.strip()[:300]}")

    for trace in sorted(glob.glob(os.path.join(corpus_dir, "go-testdata", "bin", "*.trace"))):
        expected, _, _ = corpus.run_cli(cli, "summary", trace)
        for argv in commands(tmp)[1:]:
            checked += 1
            status, _, err = corpus.run_cli(cli, *argv, trace)
            if status != expected:
                failures.append(f"{argv[0]} {trace}: exit {status}, summary's is {expected}: {err.strip()[:300]}")
            else:
                corpus.check_exit(trace, status, err, failures)

    # Cut short: every command agrees on whether anything is left.
    cut_path = os.path.join(tmp, "cut.trace")
    for trace in sorted(glob.glob(os.path.join(corpus_dir, "traces", "*1.2[2-9]-*.trace"))):
        data = open(trace, "rb").read()
        for share in (1, 6):
            with open(cut_path, "wb") as f:
                f.write(data[:len(data) * share // 10])
            statuses = set()
            for argv in commands(tmp):
                checked += 1
                status, _, err = corpus.run_cli(cli, *argv, cut_path)
                statuses.add(status)
                lines = err.splitlines()
                if status == 0 and not (len(lines) == 1 and lines[0].startswith("lanes-cli: warning: ")):
                    failures.append(f"{argv[0]} {trace} cut at {share}/10: exit 0 without one warning: {err[:300]!r}")
                elif status != 0:
                    corpus.check_exit(cut_path, status, err, failures)
            if len(statuses) != 1:
                failures.append(f"{trace} cut at {share}/10: the commands disagree: exit statuses {sorted(statuses)}")

corpus.finish("exit status of every command", checked, failures)
