"""Run a shell command; print its wall time and the peak resident memory of it and every process it
started (getrusage(RUSAGE_CHILDREN) keeps the largest of those it reaped): python peak.py LABEL CMD"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2]
start = time.perf_counter()
done = subprocess.run(command, shell=True, check=False)
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"| {label} | {took:.1f} s | {peak:.0f} MB | {done.returncode} |", flush=True)
