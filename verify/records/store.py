"""The worksheet on disk: CSV schema, validation of hand edits, atomic writes, the lock.

A worksheet is a CSV a checker may open in a spreadsheet, so everything here is about not losing
their work: a save replaces the file atomically (a crash leaves the old or the new file, never a
torn one), a file that fails validation is reported and never overwritten, and columns we do
not know are carried along untouched.

Every cell is read as ``str`` with the ``csv`` module: no type guessing (pandas would turn
"0.20" into 0.2 and "0012" into 12, and write them back changed).

The evidence links (``verify.evidence.links``) and the source registry (``verify.evidence.sources``) are CSVs a
checker may edit too: ``read_keyed_csv`` reads all three, each described by a ``CsvSchema`` (its
columns, its checks, the wording of its errors), and ``csv_bytes`` writes the other two.

Spreadsheets: a cell that starts like a formula (``=HYPERLINK(...)`` in a scraped sentence, a
rationale or a source's title) is written with a leading apostrophe, the mark spreadsheets use
for "text, not a formula", and the reader takes exactly that apostrophe off again, so what a
checker typed or an article said reads back unchanged (see ``mark_cell``).
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat as stat_kinds
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from ..errors import SourceError, VerifyError, WorksheetError
from .files import kind_of
from .model import CLAIM_COLUMNS

try:
    import fcntl
except ImportError:  # Windows: no flock; a single checker per worksheet still works
    fcntl = None

# --- the schema ---------------------------------------------------------------------------------

CHECKER_COLUMNS = ("verdict", "rationale", "checker", "checked_at", "sources")
"""What the checker writes, after the claims table's columns."""
ORPHANED = "orphaned"
"""'yes' on a row whose claim a newer extraction no longer finds: kept, never dropped, because
it holds a checker's verdict."""
WORKSHEET_COLUMNS = CLAIM_COLUMNS + CHECKER_COLUMNS + (ORPHANED,)

# A hand-edited file must still have these; the others are filled in empty when missing (a
# worksheet from an older version of the tool lacks the newer columns, and loses nothing). A
# plain claims table (`verify extract -o claims/x.csv`) has no checker column at all: it opens
# as a worksheet with nobody's verdicts yet. One checker column without the others means a
# column was deleted by hand, and that is an error.
CLAIMS_TABLE_COLUMNS = (
    "claim_id", "article_id", "kind", "text", "start", "end", "value", "value_max", "unit",
    "qualifier", "sentence", "block",
)
REQUIRED_COLUMNS = CLAIMS_TABLE_COLUMNS + ("verdict", "rationale", "checker", "checked_at")
INTEGER_COLUMNS = ("start", "end", "sentence_start", "sentence_end")

# RFC 4180 line ends. Also what makes the csv module quote a cell holding a lone "\r": with
# "\n" as terminator it writes "\r" bare, and the file no longer reads back.
LINE_END = "\r\n"

_UNDO_HINT = "Nothing was changed in the file: fix it, save it as CSV (UTF-8), and open it again."
_MAX_PROBLEMS = 10  # a message that lists every cell of a broken file helps nobody

# New files get the permissions any other file of the user would get (mkstemp's are 0600, which
# would lock a second checker account out of a shared worksheet).
_UMASK = os.umask(0)
os.umask(_UMASK)


# --- cells a spreadsheet could run ----------------------------------------------------------------

# One rule for the editor CSV and the worksheet's files (``could_run``): formula-like when, after
# any leading apostrophes, it starts with = + - @ tab or CR, or, after the spaces and controls an
# importer may trim, with = + - @ or their full-width forms.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_AFTER_SPACE = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_SKIPPED = "'" + "".join(map(chr, range(33))) + "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004" \
    "\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
# Only a cell starting with one of these needs a closer look (most start with a letter or digit).
_WORTH_A_LOOK = frozenset(_SKIPPED + "".join(_FORMULA_STARTS + _FORMULA_AFTER_SPACE))
# "-0.5" or "-3" as a formula is only that number: left as it is, a spreadsheet shows a number.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")


def could_run(cell: str) -> bool:
    """Whether a spreadsheet could run ``cell`` as a formula: after any leading apostrophes it
    starts with = + - @ tab or CR, or does so after the spaces and controls an importer trims."""
    bare = cell.lstrip("'")
    return bare.startswith(_FORMULA_STARTS) or bare.lstrip(_SKIPPED).startswith(
        _FORMULA_AFTER_SPACE)


def mark_cell(cell: str) -> str:
    """``cell`` as written to a worksheet, evidence or registry CSV: with an apostrophe in front
    when a spreadsheet could run it as a formula, so ``=HYPERLINK(...)`` shows as text.

    A cell that already starts with apostrophes before a formula-like start gets one more, so
    ``unmark_cell`` knows which apostrophe is ours: ``unmark_cell(mark_cell(c)) == c`` for every
    string. A plain negative number ("-0.5") is left as it is: as a formula it is that number.

    >>> [mark_cell(c) for c in ["=1+1", "'=1+1", "-0.5", " @x", "'Ndrangheta", "10 000"]]
    ["'=1+1", "''=1+1", '-0.5', "' @x", "'Ndrangheta", '10 000']
    """
    if not cell or cell[0] not in _WORTH_A_LOOK or _PLAIN_NUMBER.match(cell):
        return cell
    return "'" + cell if could_run(cell) else cell


def unmark_cell(cell: str) -> str:
    """The cell ``mark_cell`` was given: the apostrophe it added, and nothing else, taken off.

    A file from before the marks (or typed by hand) reads as it is, unless a cell starts with
    an apostrophe right before a formula-like start ("'=1"), which loses that apostrophe.
    """
    if cell[:1] == "'" and could_run(cell[1:]):
        return cell[1:]
    return cell


def _marked(cells: Iterable[str]) -> list[str]:
    return [mark_cell(cell) for cell in cells]


# --- whole numbers typed by hand -------------------------------------------------------------------

MAX_DIGITS = 12
"""A character offset is at most 12 digits: a terabyte of text. More is a slip of the hand (and
Python refuses to read a number of over 4,300 digits at all)."""
_WHOLE_NUMBER = re.compile(r"[0-9]{1,%d}\Z" % MAX_DIGITS)


def is_whole_number(cell: str) -> bool:
    """True when ``cell`` is a whole number of 0 or more in ASCII digits, at most 12 of them
    (``str.isdigit`` would take "²" and "٣", which ``int`` then refuses)."""
    return bool(_WHOLE_NUMBER.match(cell))


# --- reading a file that must be a file -------------------------------------------------------------

def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o666, *,
                 error: type[VerifyError] = WorksheetError, what: str = "worksheet") -> int:
    """A file descriptor of the regular file at ``path``, opened with ``flags``; anything else
    (a FIFO, which blocks its reader forever; a device; a folder; a socket) is refused with
    ``error`` naming the path. Opened without blocking, then checked on the open file, so
    nothing can be swapped in between. FileNotFoundError is raised as it is."""
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), mode)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as err:
        problem = getattr(err, "strerror", None) or str(err)
        raise error(f"{path}: cannot open the {what} ({problem}); check the path",
                    source=str(path)) from None
    info = os.fstat(fd)
    if not stat_kinds.S_ISREG(info.st_mode):
        os.close(fd)
        raise error(f"{path}: not a regular file but {kind_of(info.st_mode)}; give the path of "
                    f"the {what} itself, a plain file (remove or rename what is there)",
                    source=str(path))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def read_regular_file(path: Path, *, error: type[VerifyError] = WorksheetError,
                      what: str = "worksheet") -> tuple[bytes, os.stat_result]:
    """(bytes, stat) of the regular file at ``path``.

    Anything else is refused with ``error`` naming the path: a FIFO would block the reader
    forever, a device (/dev/zero) never ends, a folder has no bytes. Opened without blocking,
    then checked on the open file, so nothing can be swapped in between. FileNotFoundError is
    raised as it is: callers decide what a missing file means.
    """
    fd = open_regular(path, error=error, what=what)
    stat = os.fstat(fd)
    with os.fdopen(fd, "rb") as f:
        return f.read(), stat


# --- the rows in memory ---------------------------------------------------------------------------

class Table:
    """A worksheet's rows, keyed by claim_id, with each row's CSV text cached.

    Not a plain dict of rows: encoding 10,000 rows takes ~80 ms, so a save re-encodes only the
    rows that changed and joins the rest (a few ms).
    """

    def __init__(self, header: Sequence[str], rows: dict[str, dict[str, str]]):
        self.header = list(header)
        """Our columns (WORKSHEET_COLUMNS) then the checker's extra columns, in file order."""
        self.rows = rows
        """claim_id -> {column: cell}, every column of ``header`` present, in file order.
        Change rows only through ``set_row`` (it drops the cached text); never delete one."""
        self.signature: tuple = ()
        """(inode, size, mtime_ns) of the file these rows were read from or written to."""
        self._lines: dict[str, bytes] = {}  # claim_id -> the row's CSV record, encoded

    @property
    def extra_columns(self) -> list[str]:
        return self.header[len(WORKSHEET_COLUMNS):]

    def set_row(self, claim_id: str, row: dict[str, str]) -> None:
        """Put ``row`` (a full row) in place of the row of ``claim_id``."""
        self.rows[claim_id] = row
        self._lines.pop(claim_id, None)

    def keep_encoding_of(self, other: "Table") -> None:
        """Reuse ``other``'s cached CSV text for the rows both tables hold unchanged (after
        re-reading a file another checker saved, most rows are the ones we had)."""
        if other.header != self.header:
            return
        for claim_id, line in other._lines.items():
            row = self.rows.get(claim_id)
            if row is not None and row == other.rows.get(claim_id):
                self._lines[claim_id] = line

    def to_csv(self) -> bytes:
        """The whole file, UTF-8 encoded."""
        lines = self._lines
        if len(lines) < len(self.rows):  # rows are never removed, so fewer lines: some changed
            missing = [claim_id for claim_id in self.rows if claim_id not in lines]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator=LINE_END)
            for claim_id in missing:
                buffer.seek(0)
                buffer.truncate()
                writer.writerow(_marked(self.rows[claim_id][column] for column in self.header))
                lines[claim_id] = buffer.getvalue().encode("utf-8")
        return b"".join([_header_line(self.header), *map(lines.__getitem__, self.rows)])


def _header_line(header: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow(_marked(header))
    return buffer.getvalue().encode("utf-8")


def blank_row(header: Sequence[str]) -> dict[str, str]:
    return dict.fromkeys(header, "")


# --- reading and validating ---------------------------------------------------------------------

@dataclass(frozen=True)
class CsvSchema:
    """One kind of CSV a checker may edit by hand (the worksheet, its evidence links, the source
    registry): what ``read_keyed_csv`` checks in it, and how its errors are worded (by default
    as the worksheet's)."""

    key: str
    """The column that names a row ("claim_id"); no two rows may share a key."""
    columns: tuple[str, ...]
    """Our columns, in file order; the file's other columns follow them and are kept as they
    are. A column the file lacks is read as empty cells (``check_header`` says which it must
    have)."""
    check_header: Callable[[list[str]], Iterable[tuple[str, str]]]
    """(column, problem) for each problem of the header row."""
    check_row: Callable[[dict[str, str]], Iterable[tuple[str, str]]]
    """(column, problem) for each cell of a row that a hand edit broke. It may tidy a cell in
    place ("True " typed by hand is the scale's "true")."""
    duplicate: str
    """The problem of a row whose key an earlier row has; ``{key}`` and ``{row}`` (the earlier
    row) are filled in."""
    misaligned: str = (
        "the row has {cells} cells but the header has {columns}: a cell probably holds an "
        "unquoted comma or quote mark, or cells were added or deleted; fix the row so it lines "
        "up with the header")
    """The problem of a row with more or fewer cells than the header: ``{cells}``, ``{columns}``."""
    error: type[WorksheetError] | type[SourceError] = WorksheetError
    """What is raised; its message names the file, the row (the header is row 1) and the column."""
    undo_hint: str = _UNDO_HINT
    """The last line of every error: nothing was written, and what to do."""
    not_utf8: str = ("line {line} is not UTF-8 text (the spreadsheet saved it in another "
                     "encoding). Save the file as 'CSV UTF-8' and open it again.")
    """The problem of a file that is not UTF-8 text: ``{line}`` is the first line that is not."""
    show_lines: bool = True
    """Also name the line a text editor shows, when it is not the row (a cell with line breaks)."""
    more_problems: str = "... and {count} more problems of the same kind"
    """The line after the first ten problems: ``{count}`` is how many more there are."""
    what: str = "worksheet"
    """What the file is, in an error's words ("evidence file", "source registry")."""


def read_keyed_csv(path: Path, schema: CsvSchema, data: bytes | None = None
                   ) -> tuple[list[str], dict[str, dict[str, str]]]:
    """(header, rows by key) of the CSV at ``path`` (whose bytes are ``data`` when the caller
    has read them), validated against ``schema``.

    The header is ``schema.columns`` then the file's other columns in file order, and every row
    has every column of it. A blank row is skipped. Raises ``schema.error`` naming the file,
    row and column of each problem (up to ten) and what to do. The file is only read.
    """
    if data is None:
        data, _ = read_regular_file(path, error=schema.error, what=schema.what)
    records = _records(path, _decode(path, data, schema), schema)
    if not records or not any(records[0][1]):
        raise _error(path, [_Problem(None, "", "the file is empty: it has no header row")], schema)
    header = records[0][1]
    problems = [_Problem(1, column, message) for column, message in schema.check_header(header)]
    if problems:
        raise _error(path, problems, schema)
    ours = list(schema.columns)
    full_header = ours + [name for name in header if name not in ours]
    blank = dict.fromkeys(full_header, "")
    rows: dict[str, dict[str, str]] = {}
    first_row_of: dict[str, int] = {}
    for number, (line, cells) in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line or a spreadsheet's empty trailing row holds no work
        if len(cells) != len(header):
            problems.append(_Problem(number, "", schema.misaligned.format(
                cells=len(cells), columns=len(header)), line))
            continue
        row = {**blank, **dict(zip(header, cells))}
        problems += [_Problem(number, column, message, line)
                     for column, message in schema.check_row(row)]
        key = row[schema.key]
        if key in rows:
            problems.append(_Problem(number, schema.key, schema.duplicate.format(
                key=key, row=first_row_of[key]), line))
        elif key:
            rows[key] = row
            first_row_of[key] = number
    if problems:
        raise _error(path, problems, schema)
    return full_header, rows


def header_problems(header: list[str], required: Sequence[str]) -> list[tuple[str, str]]:
    """(column, problem) for each column of ``header`` named twice and each of ``required`` that
    it lacks: the header check of a CSV whose columns are all its own (evidence, registry)."""
    problems = [(name, f"the column '{name}' appears twice; rename one of them")
                for name in sorted({h for h in header if header.count(h) > 1})]
    for name in required:
        if name not in header:
            near = next((h for h in header if h.strip().casefold() == name), None)
            fix = (f"rename the column '{near}' to '{name}'" if near is not None
                   else f"put the column '{name}' back in the header row (row 1)")
            problems.append((name, f"the required column '{name}' is missing: {fix}"))
    return problems


@dataclass(frozen=True)
class _Problem:
    row: int | None
    """Spreadsheet row (header = 1), None for the whole file."""
    column: str
    message: str
    line: int = 0
    """The file's line, when it differs from the row (a cell with line breaks)."""

    def where(self, show_lines: bool = True) -> str:
        if self.row is None:
            return ""
        place = f"row {self.row}"
        if show_lines and self.line and self.line != self.row:
            place += f" (line {self.line} in a text editor)"
        if self.column:
            place += f", column '{self.column}'"
        return place + ": "


def _decode(path: Path, data: bytes, schema: CsvSchema) -> str:
    try:
        # utf-8-sig: a spreadsheet's "CSV UTF-8" starts with a byte order mark
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise schema.error(f"{path}: {schema.not_utf8.format(line=line)} {schema.undo_hint}",
                           source=str(path), row=None) from None


def _records(path: Path, text: str, schema: CsvSchema) -> list[tuple[int, list[str]]]:
    """(file line where the record ends, cells) for each record, blank lines included; each
    cell without the mark ``mark_cell`` gave it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    # The csv module refuses cells over 128 KB by default, and a source pasted into a cell can
    # be longer: a file we wrote must always read back. No cell is longer than the file.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text)))
    try:
        for cells in reader:
            records.append((reader.line_num, [unmark_cell(cell) if cell[:1] == "'" else cell
                                              for cell in cells]))
    except csv.Error as err:
        row = len(records) + 1
        line = f" (line {reader.line_num} in a text editor)" if schema.show_lines else ""
        raise schema.error(
            f"{path}, row {row}{line}: the row cannot be read as CSV ({err}); a quote mark is "
            f"probably not closed. {schema.undo_hint}", source=str(path), row=row,
        ) from None
    finally:
        csv.field_size_limit(limit)
    return records


def _error(path: Path, problems: list[_Problem], schema: CsvSchema) -> VerifyError:
    first = problems[0]
    shown = problems[:_MAX_PROBLEMS]
    lines = [f"{path}: {p.where(schema.show_lines)}{p.message}" for p in shown]
    if len(problems) > len(shown):
        lines.append(schema.more_problems.format(count=len(problems) - len(shown)))
    message = "\n".join(lines) + f"\n{schema.undo_hint}"
    return schema.error(message, source=str(path), row=first.row, column=first.column)


# --- the worksheet's CSV ------------------------------------------------------------------------

def read_worksheet(path: Path, labels: Sequence[str]) -> Table:
    """The worksheet at ``path``, validated against the scale ``labels``.

    Raises WorksheetError naming the file, row and column of each problem (up to ten) and what
    to do. The file is only read.
    """
    data, stat = read_regular_file(path)
    table = Table(*read_keyed_csv(path, _worksheet_csv(labels), data))
    table.signature = signature_of(stat)
    return table


def _worksheet_csv(labels: Sequence[str]) -> CsvSchema:
    canonical = {label.strip().casefold(): label for label in labels}
    return CsvSchema(
        key="claim_id", columns=WORKSHEET_COLUMNS, check_header=_check_header,
        check_row=partial(_check_cells, canonical=canonical, labels=labels),
        duplicate=("the claim '{key}' is also on row {row}; keep one row per claim (merge the "
                   "two rows' verdicts into one)"))


def _check_header(header: list[str]) -> list[tuple[str, str]]:
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append((name, f"the column '{name}' appears twice; rename one of them "
                                   "(every column needs its own name)"))
        seen.add(name)
    is_worksheet = any(name in seen for name in REQUIRED_COLUMNS[len(CLAIMS_TABLE_COLUMNS):])
    for name in REQUIRED_COLUMNS if is_worksheet else CLAIMS_TABLE_COLUMNS:
        if name in seen:
            continue
        near = next((h for h in header if h.strip().casefold() == name), None)
        if near is not None:
            fix = f"rename the column '{near}' to '{name}'"
        elif len(header) == 1 and ";" in header[0]:
            fix = ("the file uses ';' between cells (a spreadsheet set to a European locale); "
                   "save it as 'CSV UTF-8 (comma delimited)'")
        else:
            fix = f"put the column '{name}' back in the header row (row 1)"
        problems.append((name, f"the required column '{name}' is missing: {fix}"))
    return problems


def _check_cells(row: dict[str, str], *, canonical: dict[str, str],
                 labels: Sequence[str]) -> Iterator[tuple[str, str]]:
    if not row["claim_id"].strip():
        yield "claim_id", ("the claim's id is empty; every row needs the id it was extracted "
                           "with (undo the edit that removed it)")
    label = row["verdict"]
    if label:
        known = canonical.get(label.strip().casefold())
        if known is None:
            yield "verdict", (f"unknown verdict '{label}'; use one of: "
                              f"{', '.join(repr(x) for x in labels)} (or leave it empty)")
        else:
            row["verdict"] = known  # "True " typed by hand is the scale's "true"
    if row["checked_at"] and not is_iso_time(row["checked_at"]):
        yield "checked_at", (f"'{row['checked_at']}' is not a time; write it as "
                             "2026-11-29T10:03:05Z (ISO 8601, UTC) or leave it empty")
    for column in INTEGER_COLUMNS:
        value = row[column].strip()
        if value and not is_whole_number(value):
            yield column, (f"'{short_cell(row[column])}' is not a whole number of 0 or more "
                           f"(digits 0-9, at most {MAX_DIGITS}); it is a character offset into "
                           "the article: restore the extracted value")
    if row["checkworthiness"].strip():
        try:
            float(row["checkworthiness"])
        except ValueError:
            yield "checkworthiness", (f"'{row['checkworthiness']}' is not a number from 0 to 1; "
                                      "restore it or leave it empty")
    if row[ORPHANED] not in ("", "yes"):
        yield ORPHANED, (f"'{row[ORPHANED]}' should be 'yes' (the claim is no longer in the "
                         "article) or empty")


def short_cell(cell: str, limit: int = 40) -> str:
    """A cell as an error message quotes it: 5,000 digits would bury the message."""
    return cell if len(cell) <= limit else f"{cell[:limit]}… ({len(cell)} characters)"


def is_iso_time(value: str) -> bool:
    """True when ``value`` is an ISO 8601 time ("2026-11-29T10:03:05Z")."""
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


# --- writing ------------------------------------------------------------------------------------

def signature_of(stat: os.stat_result) -> tuple:
    """What tells us a file was replaced or edited. The inode matters: an atomic replace within
    the same mtime tick with the same size changes only the inode."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def file_signature(path: Path) -> tuple:
    try:
        return signature_of(os.stat(path))
    except FileNotFoundError:
        return ()


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> tuple:
    """Replace ``path`` with ``data``: a crash at any instant leaves the old file or the new
    one. Returns the new file's signature. ``durable=False`` skips the fsyncs (a power cut
    may then lose the change, never tear the file): for conveniences written on every click."""
    folder = path.parent
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
            stat = os.fstat(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if durable:  # the rename itself is only durable once the folder is on disk
        _fsync_folder(folder)
    return signature_of(stat)


def csv_bytes(header: Sequence[str], rows: Iterable[Mapping[str, str]]) -> bytes:
    """A whole CSV file, UTF-8: ``header``, then each row's cells in header order (a column a
    row lacks is an empty cell), each cell through ``mark_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow(_marked(header))
    for row in rows:
        writer.writerow(_marked(row.get(name, "") for name in header))
    return buffer.getvalue().encode("utf-8")


def write_table(path: Path, table: Table) -> None:
    table.signature = atomic_write(path, table.to_csv())


def remove_stale_temp_files(path: Path) -> None:
    """Temporary files a killed save left behind. Only call with the lock held: then no save
    of this worksheet is in flight."""
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(FileNotFoundError):
            temp.unlink()


def append_line(path: Path, line: str) -> int:
    """Append one line to a log and fsync it; returns the log's size before the append (what
    ``truncate_log`` takes to take the line back).

    A crash can leave a half-written last line; the next append starts on a fresh line so
    only that entry is lost, not the next one too.
    """
    new = not path.exists()
    data = line.rstrip("\n").encode("utf-8") + b"\n"  # before opening: a bad line writes nothing
    fd = open_regular(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, _mode_for(path),
                      what="audit log")
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        _fsync_folder(path.parent)
    return size


def last_line(path: Path, chunk: int = 8192) -> tuple[int, str] | None:
    """(offset where it starts, text) of the log's last complete line, read from the end (a log
    grows with every save: reading it whole on each one would cost more and more); None when
    the log is missing or empty. A half-written line at the very end (a killed append, no
    newline yet) is skipped: it is no entry."""
    try:
        f = os.fdopen(open_regular(path, what="audit log"), "rb")
    except FileNotFoundError:
        return None
    with f:
        position = f.seek(0, os.SEEK_END)
        tail = b""
        while True:
            complete = tail[:tail.rfind(b"\n") + 1].rstrip(b"\n")  # whole lines, no blank end
            start = complete.rfind(b"\n")
            if complete and (start >= 0 or position == 0):
                return position + start + 1, complete[start + 1:].decode("utf-8", "replace")
            if position == 0:
                return None
            step = min(chunk, position)
            position -= step
            f.seek(position)
            tail = f.read(step) + tail


def truncate_log(path: Path, offset: int) -> None:
    """Cut the log back to ``offset`` bytes (from ``append_line`` or ``last_line``), durably:
    the entry of a change that never reached its file. Call only with the worksheet's lock
    held, so no append is in flight."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.ftruncate(fd, offset)
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- the lock -------------------------------------------------------------------------------------

class Lock:
    """An exclusive lock on a worksheet, and the token of the last save made under it.

    Every save writes a fresh token into the lock file, so another kernel sees a save even when
    the file's size and mtime came out the same.
    """

    def __init__(self, fd: int):
        self._fd = fd

    @property
    def token(self) -> str:
        return os.pread(self._fd, 200, 0).decode("ascii", "replace")

    @token.setter
    def token(self, value: str) -> None:
        data = value.encode("ascii")
        os.pwrite(self._fd, data, 0)
        os.ftruncate(self._fd, len(data))


@contextmanager
def locked(path: Path, timeout: float = 10.0) -> Iterator[Lock]:
    """Hold the lock file ``path`` (created when missing, never deleted: deleting a lock file
    lets two processes hold "the" lock at once). Saves hold it for milliseconds."""
    try:
        fd = open_regular(path, os.O_RDWR | os.O_CREAT, _mode_for(path), what="lock file")
    except OSError as err:
        raise WorksheetError(
            f"{path}: cannot create the worksheet's lock file ({err.strerror}); the folder "
            f"{path.parent} must be writable to check claims there: copy the worksheet (and its "
            ".meta.json) to a folder of yours, or ask for write access", source=str(path),
        ) from None
    try:
        _acquire(fd, path, timeout)
        yield Lock(fd)
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed


def _acquire(fd: int, path: Path, timeout: float) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WorksheetError(
                    f"{path}: another process has held the worksheet's lock for {timeout:.0f} s "
                    "(another checker's kernel is stuck saving?). Try again; if it persists, "
                    "restart the other notebook's kernel.", source=str(path)) from None
            time.sleep(0.002)
