#!/usr/bin/env python3
"""lanes-cli capture against a live Go service built from service/: a
trace of at least 1.5 s that reads back whole, CPU samples and a profile
with --cpu, and one clear line and no file left behind when the service
is unreachable, has no pprof, answers something else, never answers, or
the capture is interrupted.  Fails without Go 1.23, which
tools/install-deps installs.

  check-capture.py LANES_CLI SERVICE_SOURCE_DIR
"""
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

GO = os.environ.get("LANES_GO", "/usr/lib/go-1.23/bin/go")

cli, service_src = sys.argv[1], sys.argv[2]
if not os.access(GO, os.X_OK):
    print(f"Bail out! no Go 1.23 at {GO} (tools/install-deps installs golang-1.23-go)")
    sys.exit(1)

failures = []
checked = 0


def check(condition, message):
    global checked
    checked += 1
    if not condition:
        failures.append(message)
    return condition


def build_service(work):
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-trimpath", GOPROXY="off", CGO_ENABLED="0")
    if "HOME" not in env and "GOCACHE" not in env:
        env["GOCACHE"] = os.path.join(work, "go-cache")
    binary = os.path.join(work, "service")
    p = subprocess.run([GO, "build", "-o", binary, "."], cwd=service_src, env=env,
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        print(f"Bail out! cannot build the service: {p.stderr.strip()}")
        sys.exit(1)
    return binary


class Service:
    """The service, running with @flags, on the port it printed."""

    def __init__(self, binary, *flags):
        self.process = subprocess.Popen([binary, *flags], stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if len(line) != 2 or line[0] != "port":
            self.process.kill()
            raise RuntimeError(f"the service printed {line!r}, not its port")
        self.port = int(line[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()


def capture(directory, *argv, interrupt_after=None):
    """Runs lanes-cli capture ARGV -o DIRECTORY/trace.out; returns
    (status, stdout, stderr, OUT)."""
    out = os.path.join(directory, "trace.out")
    p = subprocess.Popen([cli, "capture", *argv, "-o", out], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, errors="replace")
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        p.send_signal(signal.SIGINT)
    stdout, stderr = p.communicate(timeout=120)
    return p.returncode, stdout, stderr, out


def summary(path):
    p = subprocess.run([cli, "summary", "--json", path], capture_output=True, text=True, timeout=120)
    if not check(p.returncode == 0 and p.stderr == "", f"{path} does not read back whole: {p.stderr.strip()}"):
        return None
    return json.loads(p.stdout)


def check_failure(name, directory, result, url, expected, before=None):
    """Exit 1, one line 'lanes-cli: URL: …EXPECTED…', and nothing left in
    @directory but what was there @before.  @url may be a list: with
    --cpu, the request that fails first is the one named."""
    status, _, stderr, _ = result
    lines = stderr.splitlines()
    urls = url if isinstance(url, list) else [url]
    check(status == 1, f"{name}: exit status {status}, not 1")
    check(len(lines) == 1 and any(lines[0].startswith(f"lanes-cli: {u}: ") for u in urls) and expected in lines[0],
          f"{name}: expected one line 'lanes-cli: {' or '.join(urls)}: …{expected}…', got {stderr!r}")
    left = sorted(os.listdir(directory))
    check(left == sorted(before or []), f"{name}: left behind {left}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


with tempfile.TemporaryDirectory() as work:
    binary = build_service(work)

    def fresh(name):
        d = os.path.join(work, name)
        os.mkdir(d)
        return d

    with Service(binary) as service:
        base = f"http://127.0.0.1:{service.port}"

        # Plain: at least 1.5 s, whole, no CPU samples, no profile.
        d = fresh("plain")
        status, stdout, stderr, out = capture(d, "--seconds", "2", base)
        if check(status == 0, f"plain capture: exit status {status}: {stderr.strip()}"):
            s = summary(out)
            if s is not None:
                check(s["duration_ns"] >= 1_500_000_000, f"plain capture: only {s['duration_ns']} ns")
                check(s["kinds"].get("StackSample", 0) == 0, "plain capture: CPU samples without --cpu")
            check(sorted(os.listdir(d)) == ["trace.out"], f"plain capture: files {sorted(os.listdir(d))}")

        # With --cpu, given the pprof index as the address.
        d = fresh("cpu")
        status, stdout, stderr, out = capture(d, "--seconds", "2", "--cpu", base + "/debug/pprof/")
        if check(status == 0, f"--cpu capture: exit status {status}: {stderr.strip()}"):
            s = summary(out)
            if s is not None:
                check(s["duration_ns"] >= 1_500_000_000, f"--cpu capture: only {s['duration_ns']} ns")
                check(s["kinds"].get("StackSample", 0) > 0, "--cpu capture: no CPU samples in the trace")
            profile = os.path.join(d, "trace.cpu.pb.gz")
            if check(os.path.exists(profile), f"--cpu capture: no {profile}; files {sorted(os.listdir(d))}"):
                with gzip.open(profile) as f:
                    check(len(f.read()) > 0, "--cpu capture: an empty profile")
            check(sorted(os.listdir(d)) == ["trace.cpu.pb.gz", "trace.out"],
                  f"--cpu capture: files {sorted(os.listdir(d))}")

        # Interrupted: the file that was there stays as it was.
        d = fresh("interrupted")
        with open(os.path.join(d, "trace.out"), "w") as f:
            f.write("an earlier trace")
        started = time.monotonic()
        result = capture(d, "--seconds", "10", "--cpu", base, interrupt_after=1.5)
        check(time.monotonic() - started < 6, "interrupted capture: did not stop soon")
        check_failure("interrupted capture", d, result, base + "/debug/pprof/trace?seconds=10",
                      "cancelled", before=["trace.out"])
        with open(os.path.join(d, "trace.out")) as f:
            check(f.read() == "an earlier trace", "interrupted capture: changed the earlier file")

    port = free_port()
    d = fresh("refused")
    check_failure("unreachable service", d, capture(d, "--seconds", "1", f"127.0.0.1:{port}"),
                  f"http://127.0.0.1:{port}/debug/pprof/trace?seconds=1", "refused")

    with Service(binary, "-no-pprof") as service:
        pprof = f"http://127.0.0.1:{service.port}/debug/pprof"
        d = fresh("no-pprof")
        check_failure("service without pprof", d, capture(d, "--seconds", "1", f"127.0.0.1:{service.port}"),
                      pprof + "/trace?seconds=1", "HTTP 404")
        d = fresh("no-pprof-cpu")
        check_failure("service without pprof, with --cpu", d,
                      capture(d, "--seconds", "1", "--cpu", f"http://127.0.0.1:{service.port}"),
                      [pprof + "/trace?seconds=1", pprof + "/profile?seconds=1"], "HTTP 404")

    with Service(binary, "-not-a-trace") as service:
        d = fresh("not-a-trace")
        url = f"http://127.0.0.1:{service.port}/debug/pprof/trace?seconds=1"
        check_failure("HTML instead of a trace", d,
                      capture(d, "--seconds", "1", f"127.0.0.1:{service.port}"), url, "not a Go execution trace")

    # A listener that never answers: the kernel accepts, nobody replies.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        d = fresh("silent")
        check_failure("silent service", d, capture(d, "--seconds", "1", f"127.0.0.1:{port}"),
                      f"http://127.0.0.1:{port}/debug/pprof/trace?seconds=1", "timed out")

for f in failures:
    print(f"not ok: {f}")
print(f"{checked - len(failures)} passed, {len(failures)} failed (capture)")
sys.exit(1 if failures else 0)
