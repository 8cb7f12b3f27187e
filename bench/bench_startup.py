"""How long a bare `verify numbers` takes as a whole process (archive issue: well under 0.25 s).

    python bench/bench_startup.py [RUNS]

Runs ``python -m verify numbers "più di 10.000 container"`` RUNS times (default 20) in fresh
processes and prints the best and the median wall time, then the same for a bare ``python -c
pass`` (the interpreter's own floor). The best run is the figure to quote: on a shared machine
the others measure the neighbours.

What a user's second start costs is measured, as they get it: a warm-up run first writes the byte
code and the grammar's pattern cache (``verify/grammar/pattern_cache.py``), with
``PYTHONDONTWRITEBYTECODE`` unset for it, as pip does at install time for the byte code. The
first start of all, which compiles every module and pattern, is printed too.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "verify", "numbers", "più di 10.000 container"]
FLOOR = [sys.executable, "-c", "pass"]


def timings(command: list[str], runs: int) -> list[float]:
    writing = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=writing)  # warm-up
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        seconds.append(time.perf_counter() - t0)
    return seconds


def first_start(command: list[str]) -> float:
    """One start with nothing cached: byte code and patterns go to an empty prefix folder."""
    with tempfile.TemporaryDirectory() as empty:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = empty
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)
        return time.perf_counter() - t0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"{'first start':16} {first_start(COMMAND) * 1000:6.0f} ms   (nothing cached yet)")
    for label, command in (("verify numbers", COMMAND), ("python -c pass", FLOOR)):
        seconds = timings(command, runs)
        print(f"{label:16} best {min(seconds) * 1000:6.0f} ms   "
              f"median {statistics.median(seconds) * 1000:6.0f} ms   ({runs} runs)")


if __name__ == "__main__":
    main()
