#!/usr/bin/env python3
"""Compares lanes-cli summary --json with Go's reference summaries for
every corpus trace Lanes reads (the generation format, Go 1.22+)."""
import os
import subprocess
import sys

import corpus

cli, corpus_dir = corpus.args()
cmd = [os.path.join(corpus_dir, "check-summary"),
       "--min-version", "1.22",
       f"{cli} summary --json {{}}",
       os.path.join(corpus_dir, "traces")]
sys.exit(subprocess.run(cmd).returncode)
