"""Many articles at once: a day of wire copy, a year of a newspaper, a scraped corpus.

    for source, claims in extract_many(["archive/"], jobs=2):
        ...                          # claims: a list of Claims, or the VerifyError that stopped it

    verify extract archive/ more.txt -o claims.csv --jobs 2 --resume --errors failed.csv

What an input is (``articles_in``):

- a file: one article (whatever its name: a wrong kind of file is a failure of that article);
- a folder: every ``.txt``, ``.md``, ``.html`` and ``.htm`` file under it, at any depth, in name
  order (a folder's files, then its subfolders). Symbolic links are followed, each folder is
  read once (a link back up the tree is not a loop), and a file reached twice is read once;
- ``-``: one path, folder or http(s) URL per line of standard input (blank lines skipped).

The ``article_id`` of each row tells the articles apart:

- a file given by name, or a URL: ``article_id_for`` as for one article (``story.txt`` ->
  ``story``);
- a file found in a folder: from its path relative to the folder given, its folders first
  (``archive/`` holding ``rome/report.txt`` and ``milan/report.txt`` -> ``rome-report`` and
  ``milan-report``). The same run gives the same ids whatever ``jobs`` is, so ``--resume`` finds
  them again;
- an id already taken in the run gets the first 8 hex digits of the SHA-1 of the input as
  written after it (``report-1a2b3c4d``): two ``report.txt`` given by name get two ids.

The work is shared by ``jobs`` worker processes (``multiprocessing.Pool.imap``: results come
back in input order whatever ``jobs`` is), with a bounded number of articles in flight, so memory
stays flat however long the archive: an article's claims are written, then forgotten. A failed
article (unreadable, binary, empty, too large, a dead link, even a bug in the extractor) is
reported and the run goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import multiprocessing.pool
import os
import re
import signal
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ..errors import VerifyError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
"""The files a folder's walk reads as articles (any case); everything else in it is skipped."""

_URL_RE = re.compile(r"(?i)https?://")
_CHUNK = 4
"""Articles handed to a worker at a time: fewer round trips, and still a fair share each."""


class BatchError(VerifyError):
    """One article of a batch could not be read: the message names it and says why."""


@dataclass(frozen=True)
class Item:
    """One article to read, in input order, or an input that could not even be listed."""

    input: str
    """The path or URL as the user will recognise it (a folder's file: the folder given, joined
    with the file's path under it)."""
    article_id: str = ""
    problem: str = ""
    """Why the input could not be listed (an unreadable folder); empty for an article."""


@dataclass(frozen=True)
class Settings:
    """How to load each article: the options of ``load_article``."""

    lang: str | None = None
    max_bytes: int = 5_000_000
    timeout: float = 60.0


# --- What the inputs hold ---------------------------------------------------------------------

def articles_in(inputs: Iterable[str | os.PathLike], stdin: IO[str] | None = None) -> Iterator[Item]:
    """The articles the inputs name, in input order, each with its distinct ``article_id``.

    ``stdin`` is read for an input ``-`` (one path, folder or URL per line). Items are made as
    they are found, so the first article is read before a large folder has been walked.
    """
    ids: set[str] = set()
    seen: set[str] = set()
    for item in _listed(inputs, stdin):
        if item.problem:
            yield item
            continue
        key = item.input if _URL_RE.match(item.input) else os.path.realpath(item.input)
        if key in seen:  # the same file twice (given twice, or a link to it): read once
            continue
        seen.add(key)
        yield replace(item, article_id=_distinct(item.article_id, item.input, ids))


def _listed(inputs, stdin) -> Iterator[Item]:
    from ..reading.articles import article_id_for

    for raw in inputs:
        given = os.fspath(raw)
        if given == "-":
            if stdin is not None:
                lines = (line.strip() for line in stdin)
                yield from _listed((line for line in lines if line), None)
                stdin = None  # a second '-' has nothing left to read
            continue
        if not _URL_RE.match(given) and os.path.isdir(given):
            yield from _folder_items(given)
        else:
            yield Item(given, article_id_for(given))


def _distinct(article_id: str, given: str, taken: set[str]) -> str:
    """``article_id``, or, when the run already has it, the id with a hash of the input."""
    if article_id in taken:
        article_id = f"{article_id}-{hashlib.sha1(given.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        base, n = article_id, 2
        while article_id in taken:  # two inputs whose names hash alike: vanishingly rare
            article_id, n = f"{base}-{n}", n + 1
    taken.add(article_id)
    return article_id


def _folder_items(top: str) -> Iterator[Item]:
    """Every article file under the folder ``top``, depth first in name order. Each folder is
    entered once, by its resolved path, so a symbolic link back up the tree ends the walk there
    instead of going round for ever."""
    from ..reading.articles import _slug, article_id_for

    entered: set[str] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in entered:
            continue
        entered.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            yield Item(folder, problem=f"{folder}: the folder could not be read "
                                       f"({err.strerror or err}); check its permissions")
            continue
        subfolders = []
        for entry in entries:
            if entry.is_dir():  # follows links; False for a dangling or looping link
                subfolders.append(entry.path)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                relative = Path(os.path.relpath(entry.path, top))
                above = _slug(" ".join(relative.parts[:-1]))
                name_id = article_id_for(relative.name)
                yield Item(entry.path, f"{above}-{name_id}" if above else name_id)
        pending.extend(reversed(subfolders))


# --- Reading one article (in a worker) ---------------------------------------------------------

def read_one(item: Item, settings: Settings, stage: Callable | None = None):
    """``stage(article)`` for one article (by default its claims, a list), or the
    ``VerifyError`` that says why there is none. Never raises: one bad article must not stop the
    others. The article's ``article_id`` is the one ``articles_in`` gave it."""
    if item.problem:
        return BatchError(item.problem, source=item.input)
    from ..reading.articles import load_article

    if stage is None:
        from ..reading.claims import extract_claims as stage
    try:
        article = load_article(item.input, lang=settings.lang, max_bytes=settings.max_bytes,
                               timeout=settings.timeout)
        return stage(replace(article, article_id=item.article_id))
    except VerifyError as err:
        return err
    except Exception as err:  # noqa: BLE001 - a bug on one article must not stop the archive
        return BatchError(f"{item.input}: the extractor failed on this article "
                          f"({type(err).__name__}: {err}); it was skipped. Please report it "
                          "with the file", source=item.input)


def problem_of(error: BaseException) -> str:
    """An error as the one line the summary and the errors file show."""
    return " ".join(str(error).split())


# --- Many articles, in order, on a pool of workers ---------------------------------------------

def run_ordered(items: Iterable, work: Callable, jobs: int) -> Iterator:
    """``work(item)`` for every item, in order, on ``jobs`` worker processes (``work`` must be a
    module-level function, and its results small enough to pickle).

    At most a few chunks per worker are in flight: the pool's feeder waits for the writer to
    take results, so neither the inputs nor the results pile up in memory. The workers ignore
    Ctrl-C: the interrupt reaches the caller, and the pool is stopped when the caller stops
    iterating.
    """
    if jobs <= 1:
        yield from map(work, items)
        return
    window = 4 * jobs * _CHUNK  # at least one whole chunk, or the feeder would wait for ever
    room = threading.Semaphore(window)
    stopping = threading.Event()

    def fed():
        for item in items:
            room.acquire()
            if stopping.is_set():
                return
            yield item

    pool = _Pool(jobs, initializer=_ignore_interrupts, context=multiprocessing.get_context())
    try:
        for result in pool.imap(work, fed(), chunksize=_CHUNK):
            room.release()
            yield result
        pool.close()
    finally:
        # Unblock the feeder (the pool joins its thread) before stopping the workers.
        stopping.set()
        for _ in range(window):
            room.release()
        pool.terminate()
        pool.join()


class _Pool(multiprocessing.pool.Pool):
    """``multiprocessing.Pool`` whose worker handler (the thread that replaces a worker that
    exited) wakes when a worker exits or the pool changes, as ``ThreadPool``'s does. The stock
    one also wakes while results wait in the pipe, and so spins for as long as the result thread
    takes to read an article's rows: 40% of the writing process's CPU (measured with perf)."""

    def _get_sentinels(self):
        return [self._change_notifier._reader]


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _import_the_reader() -> None:
    """Import the reading stage here, before the pool forks its workers, which then share it:
    each worker imported it again otherwise (the grammar's tables: 0.35 s of CPU each)."""
    from ..reading import articles, claims  # noqa: F401


class _Reader:
    """``read_one`` with fixed settings, as a picklable callable for the pool."""

    def __init__(self, settings: Settings):
        self.settings = settings
        _import_the_reader()

    def __call__(self, item: Item):
        return item.input, read_one(item, self.settings)


def extract_many(inputs: Iterable[str | os.PathLike], *, jobs: int | None = None,
                 lang: str | None = None, max_bytes: int = 5_000_000,
                 timeout: float = 60.0) -> Iterator[tuple[str, list | VerifyError]]:
    """Read many articles on ``jobs`` processes (default: one per core) and yield
    ``(input, claims)`` for each, in input order, as each is done. ``claims`` is the article's
    list of ``Claim``s, or the ``VerifyError`` that says why it could not be read (one bad
    article never stops the others).

    ``inputs`` are paths, folders (read recursively: .txt, .md, .html, .htm) and http(s) URLs;
    ``lang``, ``max_bytes`` and ``timeout`` are ``load_article``'s. Each claim's ``article_id``
    tells the articles apart (see this module's notes). Collect them with ``claims_frame``.

    >>> from verify import SEED_ARTICLE
    >>> [(source.endswith(".txt"), len(claims) > 50) for source, claims in
    ...  extract_many([SEED_ARTICLE], jobs=1)]
    [(True, True)]
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    jobs = jobs or os.cpu_count() or 1
    reader = _Reader(Settings(lang=lang, max_bytes=max_bytes, timeout=timeout))
    yield from run_ordered(articles_in(inputs), reader, jobs)


def claims_frame(results: Iterable[tuple[str, list | VerifyError]]):
    """The claims of ``extract_many``'s results as one pandas DataFrame (the claims table's
    columns; ``claims_table``'s types), articles in input order; failed articles give no rows.

        frame = claims_frame(extract_many(["archive/"], jobs=2))
        frame.groupby("article_id").size()
    """
    from ..reading.tables import claims_table

    return claims_table(claim for _, claims in results if isinstance(claims, list)
                        for claim in claims)


# --- The claims table, written as the work goes (the command line) ------------------------------

def csv_rows(claims) -> str:
    """The claims' rows of the claims table, without the header: one article's block.

    The same text as ``csv.DictWriter`` over ``Claim.to_row`` (``write_claims_csv``), made in
    a third of the time of the csv module's writer, which an archive's worker spent a tenth of
    its time in (1.3 -> 0.45 ms for an article's 150 rows): a row is three f-strings. Only
    the anchor's text and the sentence often hold a comma or a quote; they are quoted as the csv
    module quotes (a sentence once for all its claims, which come one after the other). A row
    with a comma, a quote or a line break in any other cell is left to the csv module.
    """
    if _CELLS is None:
        _load_cells()
    rows: list[str] = []
    sentence = quoted_sentence = None
    for claim in claims:
        if claim.sentence is not sentence:
            sentence = claim.sentence
            quoted_sentence = _quoted(sentence)
        head = f"{claim.claim_id},{claim.article_id},{claim.kind},"
        middle = (f",{claim.start},{claim.end},{claim.value},{claim.value_max},{claim.unit},"
                  f"{claim.qualifier},")
        tail = (f",{claim.block},{claim.sentence_start},{claim.sentence_end},"
                f"{claim.checkworthiness:.2f},{'; '.join(claim.reasons)},{claim.note}")
        plain = head + middle + tail  # its only commas must be the 16 between the cells
        if plain.count(",") != 16 or '"' in plain or "\n" in plain or "\r" in plain:
            rows.append(_written_by_csv(claim))
        else:
            rows += (head, _quoted(claim.text), middle, quoted_sentence, tail, "\n")
    return "".join(rows)


def _quoted(cell: str) -> str:
    """A cell as the csv module writes it (``QUOTE_MINIMAL``): in quotes, its quotes doubled,
    when it holds one of the marks that need them."""
    # Substring tests, not a regex: a character-class search reads a sentence's characters one
    # by one (a tenth of the function's instructions).
    for mark in _NEEDS_QUOTES:
        if mark in cell:
            return '"' + cell.replace('"', '""') + '"'
    return cell


def _marks_the_csv_module_quotes() -> str:
    """Which of comma, quote and line breaks make the csv module quote a cell, asked of it
    (whether a carriage return does depends on the Python version)."""
    marks = ""
    for mark in ',"\n\r':
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow([f"a{mark}b", ""])
        marks += mark if buf.getvalue().startswith('"') else ""
    return marks


_NEEDS_QUOTES = tuple(_marks_the_csv_module_quotes())


def _written_by_csv(claim) -> str:
    """One claim's row written by the csv module: ``claim.to_row()``'s values, in order."""
    get, checkworthiness, reasons = _CELLS
    cells = list(map(str, get(claim)))
    cells[checkworthiness] = f"{claim.checkworthiness:.2f}"
    cells[reasons] = "; ".join(claim.reasons)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


_CELLS = None


def _load_cells() -> None:
    """One getter of every column's attribute, and where the two columns ``to_row`` formats
    are. The claims table's columns are ``Claim``'s fields, in order: were they ever to differ,
    ``csv_rows`` would have to follow ``to_row`` again, and this says so at once."""
    global _CELLS
    from dataclasses import fields
    from operator import attrgetter

    from ..records.model import CLAIM_COLUMNS, Claim

    assert tuple(f.name for f in fields(Claim)) == tuple(CLAIM_COLUMNS), \
        "verify.batch.run.csv_rows copies Claim.to_row: update it with the claims table's columns"
    _CELLS = (attrgetter(*CLAIM_COLUMNS), CLAIM_COLUMNS.index("checkworthiness"),
              CLAIM_COLUMNS.index("reasons"))


def csv_header() -> str:
    from ..records.model import CLAIM_COLUMNS

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(CLAIM_COLUMNS)
    return buf.getvalue()


class _BlockReader:
    """In a worker: ``(input, (rows, count))`` for an article read, ``(input, error)`` else. The
    rows are made in the worker, so the writer only copies text to the file."""

    def __init__(self, settings: Settings):
        self.settings = settings
        _import_the_reader()

    def __call__(self, item: Item):
        claims = read_one(item, self.settings)
        if isinstance(claims, BaseException):
            return item, claims
        try:
            return item, (csv_rows(claims).encode("utf-8"), len(claims))
        except UnicodeEncodeError as err:  # a lone surrogate: no file can hold it
            return item, BatchError(f"{item.input}: the text holds a character that is no text "
                                    f"({err.reason}); it was skipped", source=item.input)


def blocks(items: Iterable[Item], settings: Settings, jobs: int) -> Iterator:
    """``(item, (csv rows, claim count) | VerifyError)`` per article, in input order."""
    return run_ordered(items, _BlockReader(settings), jobs)


def _findings_json(article) -> tuple[bytes, int]:
    """An article's consistency findings as JSON lines, each led by its ``article_id``."""
    import json

    from ..checking.consistency import check_article

    findings = check_article(article)
    lines = "".join(json.dumps({"article_id": article.article_id, **f.to_json()},
                               ensure_ascii=False) + "\n" for f in findings)
    return lines.encode("utf-8", "surrogatepass"), len(findings)


class _FindingsReader:
    """In a worker: ``(item, (JSON lines, count))`` for an article checked, ``(item, error)``."""

    def __init__(self, settings: Settings):
        self.settings = settings
        _import_the_reader()
        from ..checking import consistency  # noqa: F401 - before the fork too

    def __call__(self, item: Item):
        return item, read_one(item, self.settings, _findings_json)


def findings(items: Iterable[Item], settings: Settings, jobs: int) -> Iterator:
    """``verify check`` over many articles: ``(item, (JSON lines, finding count) |
    VerifyError)`` per article, in input order."""
    return run_ordered(items, _FindingsReader(settings), jobs)
