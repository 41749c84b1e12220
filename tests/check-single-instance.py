#!/usr/bin/env python3
"""Lanes is unique on the session bus: a second `lanes FILE` while one
runs hands the file to the first process, which opens it in a second
window, and exits at once. `lanes --benchmark` is the exception: it
measures in its own process. Run under a private session bus and X
server (dbus-run-session, xvfb-run).

The first process's windows are counted through the bus: GTK exports
each application window's actions at <app path>/window/<n>."""
import re
import subprocess
import sys
import time

lanes, first_trace, second_trace = sys.argv[1:4]
APP_ID = sys.argv[4] if len(sys.argv) > 4 else "io.github.lanes_viewer.Lanes"
WINDOWS_PATH = "/" + APP_ID.replace(".", "/") + "/window"
# Handing a file to the running instance is one D-Bus call; a process
# that opens its own window instead would stay until killed.
HANDOVER_SECONDS = 10
failures = []
checks = 0


def check(ok, message):
    global checks
    checks += 1
    print(("ok - " if ok else "not ok - ") + message)
    if not ok:
        failures.append(message)


def window_count():
    out = subprocess.run(["gdbus", "introspect", "--session", "--dest", APP_ID,
                          "--object-path", WINDOWS_PATH],
                         capture_output=True, text=True, timeout=10)
    if out.returncode != 0:
        return 0
    return len(re.findall(r"^\s*node \d+ \{", out.stdout, re.MULTILINE))


def wait_for_windows(n, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count = window_count()
        if count >= n:
            return count
        time.sleep(0.1)
    return window_count()


def run_second(args, seconds=HANDOVER_SECONDS):
    try:
        return subprocess.run([lanes] + args, capture_output=True, text=True,
                              timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


first = subprocess.Popen([lanes, first_trace])
try:
    check(wait_for_windows(1) == 1, "the first lanes shows one window")

    second = run_second([second_trace])
    check(second is not None, f"a second lanes exits within {HANDOVER_SECONDS} s")
    check(second is not None and second.returncode == 0,
          "the second lanes exits with status 0")
    check(wait_for_windows(2, 10) == 2, "the first lanes now shows two windows")
    check(first.poll() is None, "the first lanes still runs")

    benchmark = run_second(["--benchmark", first_trace], 120)
    # A benchmark handed over would print nothing and exit at once.
    check(benchmark is not None and benchmark.returncode == 0
          and "whole timeline paint" in benchmark.stdout,
          "lanes --benchmark measures in its own process")
    check(window_count() == 2, "the benchmark opened no window in the first lanes")
finally:
    first.terminate()
    first.wait(timeout=10)

print(f"1..{checks}")
sys.exit(1 if failures else 0)
