"""The worksheet on disk: its CSV schema and the validation of hand edits.

A worksheet is a CSV a checker may open in a spreadsheet, so everything here is about not losing
their work: a file that fails validation is reported and never overwritten, and columns we do
not know are carried along untouched. The files themselves are read and written by
``verify.records.disk`` (atomic replace, the lock), and each cell goes through
``verify.records.cells`` (the apostrophe that keeps a spreadsheet from running it).

Every cell is read as ``str`` with the ``csv`` module: no type guessing (pandas would turn
"0.20" into 0.2 and "0012" into 12, and write them back changed).

The evidence links (``verify.evidence.links``) and the source registry (``verify.evidence.sources``) are CSVs a
checker may edit too: ``read_keyed_csv`` reads all three, each described by a ``CsvSchema`` (its
columns, its checks, the wording of its errors), and ``csv_bytes`` writes the other two.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from ..errors import Problem, SourceError, VerifyError, WorksheetError
from . import disk
from .cells import MAX_DIGITS, is_iso_time, is_whole_number, mark_cell, short_cell, unmark_cell
from .model import CLAIM_COLUMNS

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


def _marked(cells: Iterable[str]) -> list[str]:
    return [mark_cell(cell) for cell in cells]


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
        data, _ = disk.read_regular_file(path, error=schema.error, what=schema.what)
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
    """A problem as the message places it, also on the line a text editor shows; the error
    carries it as a ``verify.errors.Problem``."""

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
    return schema.error(message, source=str(path), row=first.row, column=first.column,
                        problems=[Problem(str(path), p.row, p.column, p.message)
                                  for p in problems])


# --- the worksheet's CSV ------------------------------------------------------------------------

def read_worksheet(path: Path, labels: Sequence[str]) -> Table:
    """The worksheet at ``path``, validated against the scale ``labels``.

    Raises WorksheetError naming the file, row and column of each problem (up to ten) and what
    to do. The file is only read.
    """
    data, stat = disk.read_regular_file(path)
    table = Table(*read_keyed_csv(path, _worksheet_csv(labels), data))
    table.signature = disk.signature_of(stat)
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


# --- writing ---------------------------------------------------------------------------------

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
    table.signature = disk.atomic_write(path, table.to_csv())
