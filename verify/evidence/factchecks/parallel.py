"""Reading the features of many fact-checks (``folding.features``: the number grammar, names,
topic words) in worker processes during a big import, while the main process stores the batch
before.

    reader = FeatureReader(workers=2, parallel_from=10_000)
    pending = reader.submit([(text, lang), ...])   # starts reading; returns at once
    reader.result(pending)                          # [Features, ...] in the same order
    reader.close()

The features are what an import spends its time on (the number grammar reads every claim), so
a feed of 100,000 fact-checks is read by the workers in about half the time. A small import
never starts a worker: the first ``parallel_from`` fact-checks of a file are read in the main
process. The result is the same either way (``tests/evidence/test_factchecks.py`` compares them); if a
worker fails, the batch is read again in the main process.

Workers are forked when the process runs a single thread (a script, the command line: no
other thread can hold a lock the child would inherit), else spawned (a notebook kernel).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

from .folding import Features, features

PARALLEL_FROM = 10_000
"""New fact-checks of one file read in the main process before workers are started."""


def default_workers() -> int:
    """Two worker processes on a machine with two cores or more, else none."""
    return min(2, os.cpu_count() or 1)


def features_of(items: list[tuple[str, str]]) -> list[Features]:
    """The features of each (text, language): what a worker runs."""
    return [features(text, lang) for text, lang in items]


class Pending(NamedTuple):
    items: list[tuple[str, str]]
    futures: list[Future] | None
    """None when the batch is read in the main process, at ``result``."""


class FeatureReader:
    """Features for batches of (text, language), in order; see the module's notes."""

    def __init__(self, workers: int | None = None, parallel_from: int = PARALLEL_FROM):
        self.workers = default_workers() if workers is None else workers
        self.parallel_from = parallel_from
        self._submitted = 0
        self._pool: ProcessPoolExecutor | None = None
        self._failed = False

    def submit(self, items: list[tuple[str, str]]) -> Pending:
        self._submitted += len(items)
        if self.workers < 2 or self._failed or self._submitted <= self.parallel_from or not items:
            return Pending(items, None)
        try:
            pool = self._pool or self._start()
            size = -(-len(items) // self.workers)  # one chunk per worker
            return Pending(items, [pool.submit(features_of, items[i:i + size])
                                   for i in range(0, len(items), size)])
        except (OSError, RuntimeError):  # no processes on this system: read them here
            self._failed = True
            return Pending(items, None)

    def result(self, pending: Pending) -> list[Features]:
        if pending.futures is None:
            return features_of(pending.items)
        try:
            return [f for future in pending.futures for f in future.result()]
        except Exception:  # a worker died (killed, out of memory): read the batch here
            self._failed = True
            return features_of(pending.items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start(self) -> ProcessPoolExecutor:
        method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
        self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                         mp_context=multiprocessing.get_context(method))
        return self._pool
