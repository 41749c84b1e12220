#!/usr/bin/env python3
"""The reader as an installed library: installs the build into a
temporary DESTDIR, builds the programs in examples/ through pkg-config
against that copy alone, and checks their answers: on the project's
fixtures against `lanes-cli summary --json`, and on the corpus's network
traces (when ../shared/corpus is there) against Go's own numbers.

  check-library.py BUILD_DIR SOURCE_DIR LANES_CLI CORPUS_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

build, source, cli, corpus = sys.argv[1:5]
failures = []
checked = 0


def check(condition, message):
    global checked
    checked += 1
    if not condition:
        failures.append(message)


def run(argv, **kwargs):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kwargs)
    if p.returncode != 0:
        print(f"Bail out! {' '.join(argv)} failed: {p.stderr.strip()}")
        sys.exit(1)
    return p.stdout


with tempfile.TemporaryDirectory() as tmp:
    dest = os.path.join(tmp, "dest")
    run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", dest])
    pcs = glob.glob(os.path.join(dest, "**", "pkgconfig", "lanes-trace-0.pc"), recursive=True)
    if len(pcs) != 1:
        print(f"Bail out! the install holds {len(pcs)} lanes-trace-0.pc")
        sys.exit(1)
    # The copy's prefix is under DESTDIR: the same .pc with its prefix
    # moved there, as when a DESTDIR tree is unpacked somewhere else.
    with open(pcs[0]) as f:
        pc = f.read()
    prefix = re.search(r"^prefix=(.*)$", pc, re.M).group(1)
    pc_dir = os.path.join(tmp, "pkgconfig")
    os.mkdir(pc_dir)
    with open(os.path.join(pc_dir, "lanes-trace-0.pc"), "w") as f:
        f.write(pc.replace(f"prefix={prefix}", f"prefix={dest}{prefix}", 1))
    env = dict(os.environ, PKG_CONFIG_PATH=pc_dir)
    flags = run(["pkg-config", "--cflags", "--libs", "lanes-trace-0"], env=env).split()
    libdir = next(f[2:] for f in flags if f.startswith("-L" + dest))
    cc = shutil.which(os.environ.get("CC", "cc"))

    programs = {}
    for example in sorted(glob.glob(os.path.join(source, "examples", "*.c"))):
        name = os.path.basename(example)[:-2]
        programs[name] = os.path.join(tmp, name)
        # Only the installed headers: none from the source tree.
        run([cc, "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter", example, "-o", programs[name], *flags])
    check(set(programs) == {"goroutines-per-second", "network-wait-durations"},
          f"examples: {sorted(programs)}")
    example_env = dict(os.environ, LD_LIBRARY_PATH=libdir)
    linked = run(["ldd", programs["goroutines-per-second"]], env=example_env)
    check(os.path.join(libdir, "liblanes-trace-0.so.0") in linked,
          f"the examples do not use the installed library: {linked}")

    def answers(trace):
        created = run([programs["goroutines-per-second"], trace], env=example_env)
        waits = run([programs["network-wait-durations"], trace], env=example_env)
        m = re.match(r"goroutines created: (\d+) in", created)
        per_second = [int(n) for n in re.findall(r"^second \d+: (\d+)$", created, re.M)]
        n = int(re.match(r"network waits: (\d+)", waits).group(1))
        total = re.search(r"^total: (\d+) ns$", waits, re.M)
        return int(m.group(1)), per_second, n, int(total.group(1)) if total else 0

    def check_against(trace, reference, source_name):
        created, per_second, waits, total = answers(trace)
        expected_created = sum(v for k, v in reference["goroutine_transitions"].items()
                               if k.startswith("NotExist->") and k != "NotExist->NotExist")
        check(created == expected_created,
              f"{trace}: {created} goroutines created, {source_name} says {expected_created}")
        check(sum(per_second) == created, f"{trace}: seconds add up to {sum(per_second)}, not {created}")
        expected_waits = reference["goroutine_block_reasons"].get("network", 0)
        check(waits == expected_waits, f"{trace}: {waits} network waits, {source_name} says {expected_waits}")
        analysis = reference.get("goroutine_analysis", {})
        expected_total = sum(g.get("block_ns", {}).get("network", 0) for g in analysis.values())
        check(abs(total - expected_total) <= max(5000, expected_total // 10000),
              f"{trace}: {total} ns of network waits, {source_name} says {expected_total}")
        return created

    for trace in sorted(glob.glob(os.path.join(source, "tests", "fixtures", "*.trace"))):
        summary = json.loads(run([cli, "summary", "--json", trace]))
        created = check_against(trace, summary, "summary --json")
        if "-workers" in trace:
            check(created >= 8, f"{trace}: the 8 workers are not among the {created} goroutines created")

    for reference_path in sorted(glob.glob(os.path.join(corpus, "traces", "*-netpoll.json"))):
        with open(reference_path) as f:
            reference = json.load(f)
        trace = reference_path[:-len(".json")] + ".trace"
        check_against(trace, reference, "Go's reader")
        check(reference["goroutine_block_reasons"].get("network", 0) > 0, f"{trace}: no network waits to check")

for f in failures:
    print(f"not ok: {f}")
print(f"{checked - len(failures)} passed, {len(failures)} failed (library)")
sys.exit(1 if failures else 0)
