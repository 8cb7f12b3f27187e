"""How long a bare `verify numbers` takes as a whole process (archive issue: well under 0.25 s).

    python bench/bench_startup.py [RUNS]

Runs ``python -m verify numbers "più di 10.000 container"`` RUNS times (default 20) in fresh
processes and prints the best and the median wall time, then the same for a bare ``python -c
pass`` (the interpreter's own floor). The best run is the figure to quote: on a shared machine
the others measure the neighbours. Byte-code caching matters (a first run compiles every
module): run it twice, or once with ``PYTHONDONTWRITEBYTECODE`` unset.

Measured on the project's 2-core machine, byte code cached, while a CI run used the CPU:
before the lazy imports 0.90 s best (1.15 s mean), after 0.13 s best (0.15 s mean); the
number grammar's patterns, compiled at import, are most of what is left.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "verify", "numbers", "più di 10.000 container"]
FLOOR = [sys.executable, "-c", "pass"]


def timings(command: list[str], runs: int) -> list[float]:
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)  # warm-up, byte code
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        seconds.append(time.perf_counter() - t0)
    return seconds


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for label, command in (("verify numbers", COMMAND), ("python -c pass", FLOOR)):
        seconds = timings(command, runs)
        print(f"{label:16} best {min(seconds) * 1000:6.0f} ms   "
              f"median {statistics.median(seconds) * 1000:6.0f} ms   ({runs} runs)")


if __name__ == "__main__":
    main()
