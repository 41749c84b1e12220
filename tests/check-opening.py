#!/usr/bin/env python3
"""How lanes-cli opens what it is pointed at (README, "Opening traces"):
a trace gzip'd under any name, piped to standard input or written to a
FIFO gives the same output as the file itself; a gzip bomb costs disk,
not memory; every bad path gives one line naming it and exit 1."""
import gzip
import os
import pty
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zlib

if len(sys.argv) != 3:
    sys.exit(f"usage: {sys.argv[0]} LANES_CLI TRACE")
cli, trace = sys.argv[1], sys.argv[2]
failures = []
checked = 0

# A bomb must not cost more memory than this, whatever it inflates to.
BOMB_RSS_LIMIT_MIB = 150


def run(*argv, stdin=None, input=None):
    p = subprocess.run([cli, *argv], stdin=stdin, input=input, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def expect_same(what, got, expected):
    global checked
    checked += 1
    if got != expected:
        failures.append(f"{what}: got {got[0]}, {got[2].strip()[:300]!r}, expected {expected[0]}, "
                        f"{expected[2].strip()[:300]!r} (outputs {'equal' if got[1] == expected[1] else 'differ'})")


def expect_refused(path, says, **kwargs):
    global checked
    checked += 1
    status, out, err = run("summary", path, **kwargs)
    name = "standard input" if path == "-" else path
    lines = err.splitlines()
    if status != 1 or len(lines) != 1 or not lines[0].startswith(f"lanes-cli: {name}: ") or says not in lines[0]:
        failures.append(f"{path}: expected one line 'lanes-cli: {name}: …{says}…' and exit 1, "
                        f"got {status}: {err.strip()[:300]!r}")


data = open(trace, "rb").read()
reference = run("summary", "--json", trace)
if reference[0] != 0:
    sys.exit(f"{trace}: {reference[2]}")

with tempfile.TemporaryDirectory() as tmp:
    def path(name):
        return os.path.join(tmp, name)

    def write(name, content):
        with open(path(name), "wb") as f:
            f.write(content)
        return path(name)

    # A gigabyte of zeros after a trace header, in a megabyte; first, so
    # that the peak memory of the children is its own.
    member = gzip.compress(bytes(16 << 20))
    bomb = write("bomb.gz", gzip.compress(b"go 1.22 trace\0\0\0") + member * 64)
    checked += 1
    status, _, err = run("summary", bomb)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if status != 1 or len(err.splitlines()) != 1:
        failures.append(f"gzip bomb: expected one line and exit 1, got {status}: {err.strip()[:300]!r}")
    if peak >= BOMB_RSS_LIMIT_MIB:
        failures.append(f"gzip bomb: peak RSS {peak:.0f} MiB, over {BOMB_RSS_LIMIT_MIB} MiB")
    print(f"# gzip bomb of {os.path.getsize(bomb)} bytes (1 GiB inflated): peak RSS {peak:.1f} MiB")

    # Out of room for the decompressed copy (a file size limit stands in
    # for a full disk): one line, exit 1.
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
    checked += 1
    p = subprocess.run([cli, "summary", bomb], preexec_fn=small_files, capture_output=True, text=True, timeout=120)
    if p.returncode != 1 or len(p.stderr.splitlines()) != 1 or "cannot write a temporary copy" not in p.stderr:
        failures.append(f"gzip bomb without room: expected one line and exit 1, got {p.returncode}: {p.stderr[:300]!r}")

    # The same trace, however it comes.
    compressed = gzip.compress(data)
    expect_same("gzip'd", run("summary", "--json", write("x.trace.gz", compressed)), reference)
    expect_same("gzip'd, named .trace", run("summary", "--json", write("gz.trace", compressed)), reference)
    expect_same("two gzip members", run("summary", "--json", write("two.gz", gzip.compress(data[:1000])
                                                                  + gzip.compress(data[1000:]))), reference)
    expect_same("standard input", run("summary", "--json", "-", input=data), reference)
    expect_same("gzip'd on standard input", run("summary", "--json", "-", input=compressed), reference)
    with open(trace, "rb") as f:
        expect_same("a file as standard input", run("summary", "--json", "-", stdin=f), reference)

    # A FIFO whose writer comes late: lanes-cli waits for it.
    fifo = path("fifo")
    os.mkfifo(fifo)

    def late_writer():
        time.sleep(0.3)
        with open(fifo, "wb") as f:
            f.write(compressed)
    writer = threading.Thread(target=late_writer)
    writer.start()
    expect_same("a FIFO", run("summary", "--json", fifo), reference)
    writer.join()

    # Every command reads standard input.
    for argv in (["gc"], ["mmu"], ["profile", "--kind", "sched", "-o", path("p.pb.gz")],
                 ["render", "-o", path("r.png")]):
        checked += 1
        status, _, err = run(*argv, "-", input=compressed)
        if status != 0:
            failures.append(f"{argv[0]} on standard input: exit {status}: {err.strip()[:300]}")

    # A gzip stream cut short gives what the bytes it holds give.
    for share in (3, 5, 9):
        cut = compressed[:len(compressed) * share // 10]
        held = zlib.decompressobj(wbits=31).decompress(cut)
        expected = run("summary", "--json", write("held.trace", held))
        got = run("summary", "--json", write("cut.gz", cut))
        checked += 1
        if got[0] != expected[0] or got[1] != expected[1] or got[0] not in (0, 1):
            failures.append(f"gzip cut at {share}/10: exit {got[0]}, {got[2].strip()[:300]!r}; "
                            f"its inflated bytes: exit {expected[0]}, {expected[2].strip()[:300]!r}")

    # What cannot be read, each with its own line.
    os.mkdir(path("folder"))
    expect_refused(path("missing.trace"), "no such file")
    expect_refused(path("folder"), "is a folder")
    expect_refused(write("empty.trace", b""), "is empty")
    expect_refused(write("empty.gz", gzip.compress(b"")), "holds nothing once decompressed")
    expect_refused(write("text.gz", gzip.compress(b"hello\n" * 100)), "not a Go execution trace")
    expect_refused(write("text.trace", b"hello\n"), "not a Go execution trace")
    expect_refused("/dev/zero", "is a device")
    expect_refused("/dev/null", "is a device")
    expect_refused("-", "is empty", input=b"")
    if os.geteuid() != 0:   # root reads anything
        unreadable = write("unreadable.trace", data)
        os.chmod(unreadable, 0)
        expect_refused(unreadable, "permission denied")
    leader, follower = pty.openpty()
    expect_refused("-", "is a terminal", stdin=follower)
    os.close(leader)
    os.close(follower)

for f in failures:
    print(f"not ok: {f}")
print(f"{checked - len(failures)} passed, {len(failures)} failed (opening)")
sys.exit(1 if failures else 0)
