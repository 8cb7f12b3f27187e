"""Importing fact-check files into the archive: each record checked on its own, duplicates
skipped, the rest stored in batches.

    report = import_file("feeds/pagella.json", archive)     # an open Archive
    report.imported, report.duplicates, report.refused       # refused: [Refusal(where, reason)]

A file is read whole before anything of it is stored only as far as its format requires (JSON
must parse); its records are then stored a batch at a time, each batch in one transaction, so a
crash or a locked archive loses at most the batch being written, never what was imported
before. A file the archive cannot use as a whole (too big, not text, not JSON) is refused with a
``FactCheckError`` before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ...records.files import binary_kind, kind_of
from .archive import Archive, duplicate_key
from .parallel import PARALLEL_FROM, FeatureReader, Pending
from .reading import FORMAT, jsonld_reason, read_text
from .records import FactCheck, FactCheckError, RecordRefused, Refusal, fact_check

MAX_FILE_MB = 100
"""A bigger file is refused: split it (a feed of 100,000 fact-checks is about 40 MB)."""
BATCH = 2_000
"""Records stored per transaction."""
MAX_REFUSALS_KEPT = 1_000
"""Refusals listed one by one; beyond that only counted (a flood of bad records)."""


@dataclass
class ImportReport:
    """What an import did."""

    file: str
    imported: int = 0
    """New fact-checks stored."""
    duplicates: int = 0
    """Records skipped: the same url and claim are already in the archive (or earlier in it)."""
    refused: list[Refusal] = field(default_factory=list)
    """Invalid records, each with its reason (the first ``MAX_REFUSALS_KEPT``)."""
    refused_count: int = 0
    """All invalid records, listed or not."""

    def line(self) -> str:
        """The report in one line, as the command prints it."""
        return (f"{self.file}: {self.imported} imported, {self.duplicates} skipped as "
                f"duplicates, {self.refused_count} refused as invalid")


def import_file(path: str | Path, archive: Archive, *, max_mb: float = MAX_FILE_MB,
                workers: int | None = None) -> ImportReport:
    """Import one file (ClaimReview JSON-LD, an HTML page with it, or CSV) into ``archive``.
    ``workers``: processes that read a big file's claims (default: two on a machine with two
    cores or more; 0 or 1: none, see ``verify.evidence.factchecks.parallel``)."""
    return import_text(_read(Path(path), max_mb), str(path), archive, workers=workers)


def import_text(text: str, name: str, archive: Archive, *, workers: int | None = None,
                parallel_from: int = PARALLEL_FROM) -> ImportReport:
    """Import the text of a fact-check file called ``name`` (for the messages)."""
    report = ImportReport(name)
    records = read_text(text, name)
    # The first record is read before anything is written: a file that is not JSON, or has no
    # ClaimReview, is refused whole and leaves no trace in the archive.
    first = next(records, None)
    records = chain([first] if first is not None else [], records)
    import_id = archive.begin_import(name)
    reader = FeatureReader(workers, parallel_from)
    seen: set[bytes] = set()
    batch: list[FactCheck] = []
    stored = _Storing(archive, reader, report, import_id)
    try:
        for where, record in records:
            checked = _check(where, record, report)
            if checked is not None:
                batch.append(checked)
            if len(batch) >= BATCH:
                stored.next(_fresh(batch, archive, seen, report))
                batch = []
        stored.next(_fresh(batch, archive, seen, report))
        stored.next([])
    finally:
        reader.close()
        archive.end_import(import_id, report.imported, report.duplicates, report.refused_count)
    return report


def _check(where: str, record, report: ImportReport) -> FactCheck | None:
    if isinstance(record, dict):
        try:
            return fact_check(record)
        except RecordRefused as err:
            record = RecordRefused(jsonld_reason(str(err))) if record.get(FORMAT) else err
    report.refused_count += 1
    if len(report.refused) < MAX_REFUSALS_KEPT:
        report.refused.append(Refusal(where, str(record)))
    return None


def _fresh(batch: list[FactCheck], archive: Archive, seen: set[bytes],
           report: ImportReport) -> list[FactCheck]:
    """The records of ``batch`` not in the archive nor earlier in the file (the others are
    counted as duplicates): only those are read and stored."""
    keyed = [(duplicate_key(fc.url, fc.claim_reviewed), fc) for fc in batch]
    known = archive.known(k for k, _ in keyed if k not in seen)
    fresh = []
    for key, fc in keyed:
        if key in seen or key in known:
            report.duplicates += 1
            continue
        seen.add(key)
        fresh.append(fc)
    return fresh


class _Storing:
    """Stores each batch once its features are read, one batch behind: the workers read batch
    k while the archive stores batch k - 1."""

    def __init__(self, archive: Archive, reader: FeatureReader, report: ImportReport,
                 import_id: int):
        self.archive, self.reader, self.report, self.import_id = archive, reader, report, import_id
        self.waiting: tuple[list[FactCheck], Pending] | None = None

    def next(self, fresh: list[FactCheck]) -> None:
        pending = self.reader.submit([(fc.claim_reviewed, fc.language) for fc in fresh])
        if self.waiting is not None:
            before, handle = self.waiting
            feats = self.reader.result(handle)
            self.report.imported += self.archive.add(list(zip(before, feats)), self.import_id)
        self.waiting = (fresh, pending) if fresh else None


def _read(path: Path, max_mb: float) -> str:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FactCheckError(f"{name}: no such file; give a ClaimReview JSON-LD, HTML or CSV "
                             "file", source=name) from None
    except OSError as err:
        raise FactCheckError(f"{name}: cannot read it ({err.strerror or err})",
                             source=name) from None
    what = kind_of(info.st_mode)
    if what != "a file":
        raise FactCheckError(f"{name} is {what}; give a ClaimReview JSON-LD, HTML or CSV file",
                             source=name)
    if info.st_size > max_mb * 1_000_000:
        raise FactCheckError(f"{name} is {info.st_size / 1e6:,.0f} MB, more than the "
                             f"{max_mb:g} MB a fact-check file may have; split it into smaller "
                             "files and import them one by one", source=name)
    try:
        with open(path, "rb") as file:
            data = file.read(int(max_mb * 1_000_000) + 1)
    except OSError as err:
        raise FactCheckError(f"{name}: cannot read it ({err.strerror or err})",
                             source=name) from None
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    kind = binary_kind(data)
    if kind or b"\x00" in data[:4096]:
        raise FactCheckError(f"{name} is {kind or 'binary data'}, not a fact-check file; give "
                             "ClaimReview JSON-LD, an HTML page or a CSV", source=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FactCheckError(f"{name}: not UTF-8 text (byte {err.start:,}); save it as UTF-8 "
                             "and import it again", source=name) from None
