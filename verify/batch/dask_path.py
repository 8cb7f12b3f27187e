"""Past one machine: the batch's work on a Dask cluster (``pip install 'verify[dask]'``).

    from dask.distributed import Client
    from verify.batch.dask_path import dask_extract

    run = dask_extract(["/shared/archive/"], "claims.csv", scheduler=Client("tcp://scheduler:8786"))
    print(run.articles, run.claims, run.failed)

This is the same work as ``verify extract archive/ -o claims.csv``, on an engine that already
exists: the inputs are listed here (``verify.batch.run.articles_in``, so every article gets the same
``article_id``), put in a ``dask.bag`` and mapped with the very function the command line's
workers run on each article (``verify.batch.run`` reads the article, extracts its claims and makes
its rows of the claims table). Dask's scheduler shares the partitions among its workers; there is
no scheduler of ours. The claims table is written here, partitions in input order, with
``verify.batch.output.ClaimsFile``: the file is byte for byte the one the command line writes.

On a real cluster every worker needs ``verify`` installed (the same version) and must be able to
read the inputs as they are written here: give absolute paths on a shared file system, or URLs.
"""

from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable

from . import run as batch
from . import output as batch_output


@dataclass
class DaskRun:
    """What a Dask run did: articles read, claims written, and each failed article as
    ``(input, problem)``, the same lines ``--errors`` writes."""

    articles: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def claims_bag(inputs: Iterable[str | os.PathLike], *, npartitions: int | None = None,
               lang: str | None = None, max_bytes: int = 5_000_000, timeout: float = 60.0,
               skip: Iterable[str] = ()):
    """A ``dask.bag`` with one element per article of ``inputs``, in input order:
    ``(input, (csv rows as UTF-8 bytes, claim count))``, or ``(input, VerifyError)`` for an
    article that could not be read. ``skip`` holds article_ids to leave out (``resume``).

    ``npartitions`` (default: 100, or one per article when there are fewer) is how many tasks
    the articles are cut into: fewer tasks cost less scheduling, more share the work more
    evenly.
    """
    items = _articles(inputs, skip)
    reader = _BagReader(batch.Settings(lang=lang, max_bytes=max_bytes, timeout=timeout))
    return _bag(items, npartitions or _partitions(items), reader)


def _articles(inputs, skip: Iterable[str]) -> list[batch.Item]:
    """The articles of ``inputs``, as the command line lists them, less those in ``skip``."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    skip = set(skip)
    return [item for item in batch.articles_in(inputs)
            if item.problem or item.article_id not in skip]


def _partitions(items: list) -> int:
    """The default number of tasks: 100 (10,000 articles: 100 each, about a second of work)."""
    return min(100, len(items)) or 1


def _bag(items: list, npartitions: int, reader):
    import dask.bag as db

    return db.from_sequence(items, npartitions=npartitions).map(reader)


class _BagReader:
    """The command line's per-article function (``verify.batch.run``'s block reader), giving the
    input as written instead of the whole ``Item`` (a plain string travels back lighter)."""

    def __init__(self, settings: batch.Settings):
        self.read = batch._BlockReader(settings)

    def __call__(self, item: batch.Item):
        item, result = self.read(item)
        return item.input, result


def dask_extract(inputs: Iterable[str | os.PathLike], out: str, *, scheduler=None,
                 npartitions: int | None = None, resume: bool = False,
                 lang: str | None = None, max_bytes: int = 5_000_000,
                 timeout: float = 60.0) -> DaskRun:
    """Extract the claims of every article of ``inputs`` on Dask and write one combined claims
    table to the CSV file ``out``, exactly as ``verify extract INPUT... -o OUT`` would.

    ``scheduler`` is a ``dask.distributed.Client``, a scheduler's address
    (``"tcp://scheduler:8786"``: a client is opened for the run and closed after), or None:
    Dask's default (the active ``Client`` if there is one, else local processes). With a client,
    two partitions per worker thread are in flight, and each partition's rows are written as
    soon as it and those before it are done, then dropped from the cluster: memory stays flat. ``resume=True`` keeps the articles already in ``out``, as ``--resume``.
    ``lang``, ``max_bytes`` and ``timeout`` are ``load_article``'s. Failed articles are listed in
    the result; one never stops the run.
    """
    started = time.monotonic()
    table = batch_output.ClaimsFile(os.fspath(out), resume=resume)
    run = DaskRun()
    try:
        items = _articles(inputs, table.done)
        reader = _BagReader(batch.Settings(lang=lang, max_bytes=max_bytes, timeout=timeout))
        for part in _partitions_in_order(items, npartitions or _partitions(items), reader,
                                         scheduler):
            for source, result in part:
                if isinstance(result, BaseException):
                    run.failed.append((source, batch.problem_of(result)))
                else:
                    data, count = result
                    table.add(data)
                    run.articles += 1
                    run.claims += count
    finally:
        table.close()
    run.seconds = time.monotonic() - started
    return run


def _partitions_in_order(items: list, npartitions: int, reader, scheduler):
    """Each partition's list of results, first partition first."""
    if scheduler is None:
        import dask

        yield from dask.compute(*_bag(items, npartitions, reader).to_delayed())
        return
    from dask.distributed import Client

    client = Client(scheduler) if isinstance(scheduler, str) else scheduler
    try:
        # Two partitions per worker thread in flight: every worker stays busy, and the cluster
        # never holds more than a few partitions' rows waiting to be written, however long the
        # archive (handing it every partition at once kept them all in the workers' memory).
        # Each partition goes as a bag of its own: a partition of one big bag carries the whole
        # bag's graph to the scheduler, every time (2 s more for 1,000 articles).
        ahead = max(2, 2 * sum(client.nthreads().values()))
        size = -(-len(items) // npartitions)
        waiting: deque = deque()
        for start in range(0, len(items), size):
            waiting.append(client.compute(_bag(items[start:start + size], 1, reader)))
            if len(waiting) >= ahead:
                yield _taken(waiting.popleft())
        while waiting:
            yield _taken(waiting.popleft())
    finally:
        if client is not scheduler:
            client.close()


def _taken(future) -> list:
    """A partition's results, then forgotten by the cluster."""
    part = future.result()
    future.release()
    return part
