#!/usr/bin/env python3
"""Compares lanes-cli summary --json with Go's reference summaries for
every corpus trace, old format (Go 1.11-1.21) and generation format
(Go 1.22+) alike."""
import os
import subprocess
import sys

import corpus

cli, corpus_dir = corpus.args()
cmd = [os.path.join(corpus_dir, "check-summary"),
       f"{cli} summary --json {{}}",
       os.path.join(corpus_dir, "traces")]
sys.exit(subprocess.run(cmd).returncode)
