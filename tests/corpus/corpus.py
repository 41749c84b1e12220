"""Shared helpers for the tests that run lanes-cli over ../shared/corpus."""
import os
import subprocess
import sys

SKIP = 77  # meson's exit code for a skipped test


def args():
    """Returns (cli, corpus) from the command line, or exits as skipped
    when the corpus is not there (a fresh clone without ../shared)."""
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} LANES_CLI CORPUS_DIR")
    cli, corpus = sys.argv[1], sys.argv[2]
    if not os.path.isdir(os.path.join(corpus, "traces")):
        print(f"# skipped: no corpus at {corpus}")
        sys.exit(SKIP)
    return cli, corpus


def run_cli(cli, *argv, timeout=120):
    """Runs lanes-cli; returns (exit status, stdout, stderr).  A negative
    status is the signal that killed it."""
    p = subprocess.run([cli, *argv], capture_output=True, text=True, errors="replace", timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def check_exit(path, status, stderr, failures):
    """Exit 0, or exit 1 with 'lanes-cli: PATH: message'; anything else
    (a signal, a sanitizer report, another status) is a failure."""
    if status == 0:
        return
    first = stderr.splitlines()[0] if stderr else ""
    if status != 1:
        failures.append(f"{path}: exit status {status}: {stderr[-2000:]}")
    elif not first.startswith(f"lanes-cli: {path}: ") or len(stderr.splitlines()) != 1:
        failures.append(f"{path}: unexpected error output: {stderr[-2000:]!r}")


def finish(name, checked, failures):
    for f in failures:
        print(f"not ok: {f}")
    print(f"{checked - len(failures)} passed, {len(failures)} failed ({name})")
    sys.exit(1 if failures else 0)
