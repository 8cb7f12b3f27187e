"""The files a batch run writes: the combined claims table (CSV as the work goes, or Parquet at
the end), standard output, and the errors CSV (``verify extract INPUT... -o OUT --errors F``).

A claims table always holds whole articles: each article's rows go in as one block, and a block
cut short (Ctrl-C, a full disk) is cut back off at once; ``--resume`` finds the articles already
there (``finished_articles``) and reads the last one again, in case a hard kill cut it.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .run import csv_header


def finished_articles(path: Path) -> tuple[set[str], int]:
    """For ``--resume``: the article_ids whose rows are all in the claims table at ``path``, and
    the byte offset where the next article's rows go.

    Articles are appended as whole blocks, one after the other, so every block but the last is
    complete; the last one may have been cut by a kill or a full disk, and is read again (the
    file is cut back to where it starts). A file that is no claims table is refused.
    """
    from ..records.model import CLAIM_COLUMNS
    from ..records.output import OutputError

    header = list(CLAIM_COLUMNS)
    column = header.index("article_id")
    with open(path, "rb") as f:
        offsets = _LineOffsets(f)
        rows = csv.reader(offsets)
        try:
            first = next(rows, None)
        except csv.Error:
            first = ["?"]
        if first is None:
            return set(), 0
        if first != header:
            raise OutputError(
                f"{path} is not a claims table written by verify extract (its first line is not "
                "the claims table's header), so --resume cannot add to it; give another -o, or "
                "leave out --resume to replace it", source=str(path))
        done: list[str] = []
        last_start = end = offsets.consumed  # where the last (maybe torn) article's rows start
        try:
            for row in rows:
                start, end = end, offsets.consumed
                if len(row) != len(header) or not offsets.whole_line:
                    break  # a torn row: the last article is read again
                if not done or row[column] != done[-1]:
                    done.append(row[column])
                    last_start = start
        except csv.Error:
            pass
    if not done:
        return set(), last_start
    return set(done[:-1]), last_start


class _LineOffsets:
    """The lines of a binary file as text, for ``csv.reader``, counting the bytes read so far
    (a row ends where the reading has got to when the reader returns it)."""

    def __init__(self, f):
        self.f = f
        self.consumed = 0
        self.whole_line = True

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.f.readline()
        if not line:
            raise StopIteration
        self.consumed += len(line)
        self.whole_line = line.endswith(b"\n")
        return line.decode("utf-8", errors="replace")


class ClaimsFile:
    """The combined claims table ``-o OUT``, written as the work goes: the header, then each
    article's rows as one whole block, handed to the system (``os.write``) as soon as the
    article is done. OUT therefore always holds whole articles: a block cut short (Ctrl-C, a
    full disk) is cut back off at once, and one cut by a hard kill is cut off by ``--resume``,
    which reads that article again. A worksheet, folder, FIFO or device is refused as for one
    article (``verify.records.output``)."""

    def __init__(self, out: str, *, resume: bool):
        from ..records.output import output_target, refuse_worksheet

        self.shown = out
        target = output_target(out)
        refuse_worksheet(out)
        self.done: set[str] = set()
        committed = 0
        if resume and target.exists():
            self.done, committed = finished_articles(target)
        try:
            self.fd = os.open(target, os.O_WRONLY | os.O_CREAT, 0o666)
            os.ftruncate(self.fd, committed)
            os.lseek(self.fd, committed, os.SEEK_SET)
        except OSError as err:
            raise self._error(err) from None
        self.committed = committed
        if committed == 0:
            self.add(csv_header().encode("utf-8"))

    def add(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view):]
        except BaseException as err:
            os.ftruncate(self.fd, self.committed)  # never half an article
            if isinstance(err, OSError):
                raise self._error(err) from None
            raise
        self.committed += len(data)

    def close(self) -> None:
        try:
            os.fsync(self.fd)
        except OSError:
            pass  # a pipe or a file system without fsync: the data is written all the same
        os.close(self.fd)

    def _error(self, err: OSError):
        from ..records.output import OutputError, _ADVICE

        problem, fix = _ADVICE.get(err.errno, (err.strerror or str(err), "check the path and the disk"))
        return OutputError(f"{self.shown}: could not write the claims table: {problem}; {fix}, then "
                           "run the same command with --resume to complete it (the file holds "
                           "the articles finished so far, each one whole)", source=self.shown)


class StandardOutput:
    """The combined claims table on standard output (no ``-o``), an article at a time."""

    done: set[str] = frozenset()  # type: ignore[assignment]

    def __init__(self, stream, header: bool = True):
        self.stream = stream
        if header:
            self.add(csv_header().encode("utf-8"))

    def add(self, data: bytes) -> None:
        self.stream.write(data)
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class ErrorsFile:
    """``--errors FILE``: one CSV row (input, problem) per failed article, written as it
    fails."""

    def __init__(self, path: str):
        from ..records.output import _in_words, output_target, refuse_worksheet

        target = output_target(path, what="errors table")
        refuse_worksheet(path, what="errors table")
        try:
            self.file = open(target, "w", encoding="utf-8", newline="")
        except OSError as err:
            raise _in_words(err, Path(path), "errors table") from None
        self.writer = csv.writer(self.file, lineterminator="\n")
        self.add("input", "problem")

    def add(self, source: str, problem: str) -> None:
        self.writer.writerow([source, problem])
        self.file.flush()

    def close(self) -> None:
        self.file.close()


def parquet_needs_pyarrow(out: str) -> None:
    """Refuse a ``.parquet`` OUT when pyarrow is not installed, before any work is done."""
    from ..records.output import OutputError

    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise OutputError(f"{out}: writing Parquet needs pyarrow, which is not installed; "
                          "install it (pip install 'verify[parquet]') or give a .csv file",
                          source=out) from None


class ParquetFile:
    """``-o OUT.parquet`` (pyarrow installed): the claims table's columns as text, one row group
    per 10,000 rows, written to a temporary file beside OUT and renamed over it at the end (a
    Parquet file is only readable once closed, so ``--resume`` works with CSV only)."""

    ROWS_PER_GROUP = 10_000
    done: set[str] = frozenset()  # type: ignore[assignment]

    def __init__(self, out: str):
        import pyarrow as pa
        import pyarrow.parquet as pq

        from ..records.model import CLAIM_COLUMNS
        from ..records.output import output_target, refuse_worksheet

        self.target = output_target(out, what="Parquet table")
        refuse_worksheet(out, what="Parquet table")
        self.columns = list(CLAIM_COLUMNS)
        self.schema = pa.schema([(name, pa.string()) for name in self.columns])
        self.partial = self.target.with_name(f".{self.target.name}.partial")
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows: list[list[str]] = []
        self.finished = False

    def add(self, data: bytes) -> None:
        self.rows.extend(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        if len(self.rows) >= self.ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            columns = list(zip(*self.rows))
            self.writer.write_table(pa.table(
                {name: pa.array(values, pa.string()) for name, values in zip(self.columns, columns)},
                schema=self.schema))
            self.rows = []

    def finish(self) -> None:
        self._flush()
        self.finished = True

    def close(self) -> None:
        self.writer.close()
        if self.finished:
            os.replace(self.partial, self.target)
        else:
            self.partial.unlink(missing_ok=True)
