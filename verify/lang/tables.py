"""Reading one data file of a language pack, and checking every row of it.

A pack's file is a CSV with a header row, one row per word, as a text editor or a spreadsheet
writes it. ``read_table`` checks the header against the file's ``Table`` (every column it needs,
none it does not know; ``comment`` is always allowed), then each row: the word is there and in
lower case, each value reads as its column says (a whole number, a number, one of a set of
words), and no word is listed twice in one table. Each mistake raises ``LanguagePackError``
naming the file, the row (the header is row 1, as in an editor), the column and what to do.
"""

from __future__ import annotations

import csv
import re
from fractions import Fraction
from pathlib import Path
from typing import Callable, NamedTuple

from ..errors import LanguagePackError

QUALIFIERS = ("more_than", "at_least", "about", "less_than", "at_most")
"""The hedges' qualifiers, as the claims table writes them (``exact`` needs no word)."""

LIST_SEPARATOR = "|"
"""Between the words of one cell of ``units.csv`` ("metri|metro")."""


class CellProblem(ValueError):
    """A cell that does not read as its column says; the message says what to write instead."""


class Column(NamedTuple):
    """One column of a pack's file."""

    name: str
    read: Callable[[str], object]
    """Turns the cell's text into its value, or raises ``CellProblem``."""
    required: bool = True
    """Whether the cell may be left empty (an empty optional cell reads as "")."""


class Table(NamedTuple):
    """What one file of a pack holds."""

    file: str
    columns: tuple[Column, ...]
    key: str
    """The column that names the word; it must be there, in lower case, once per table."""
    table_of: str = ""
    """A column that splits the file into tables ("kind" in numbers.csv: "mila" is a scale
    word and also a suffix): a word may appear once in each."""


class Row(NamedTuple):
    """One row of a file, read."""

    line: int
    """Its line in the file (the header is line 1)."""
    values: dict


# --- Cells -------------------------------------------------------------------------------------

def word(text: str) -> str:
    """A word or phrase as the text writes it, in lower case ("più di", "un'")."""
    if text != text.lower():
        raise CellProblem(f"{text!r} has capital letters: write it in lower case "
                          f"({text.lower()!r}); the text is lower-cased before it is looked up")
    if LIST_SEPARATOR in text:
        raise CellProblem(f"{text!r} holds {LIST_SEPARATOR!r}: write one word per row")
    return text


def whole_number(text: str) -> int:
    """A whole number written in digits: "1000000", "-1"."""
    if not re.fullmatch(r"-?\d+", text):
        raise CellProblem(f"{text!r} is not a whole number: write it in digits, "
                          "with no spaces or separators (1000000)")
    return int(text)


def number(text: str) -> float:
    """A number: "1000", "0.3048", "1e-9", or a fraction "1/24" (for factors like a twelfth)."""
    try:
        if "/" in text:
            top, _, bottom = text.partition("/")
            return float(top) / float(bottom)
        return float(text)
    except (ValueError, ZeroDivisionError):
        raise CellProblem(f"{text!r} is not a number: write it with a point for decimals "
                          "(0.3048), as a power of ten (1e-9) or as a fraction (1/24)") from None


def one_of(*choices: str) -> Callable[[str], str]:
    """A reader that accepts one of ``choices``."""
    def read(text: str) -> str:
        if text not in choices:
            raise CellProblem(f"{text!r} is not one of {', '.join(choices)}: write one of them")
        return text
    return read


def yes_no(text: str) -> bool:
    """"yes" or "no"."""
    return one_of("yes", "no")(text) == "yes"


def pattern(text: str) -> str:
    """A regular expression in which a space stands for any run of white space."""
    regex = text.replace(" ", r"\s+")
    try:
        re.compile(regex)
    except re.error as err:
        raise CellProblem(f"{text!r} is not a regular expression ({err}): check its "
                          "brackets, or write the words plainly") from None
    return regex


def words(text: str) -> tuple[str, ...]:
    """Words separated by "|" ("metri|metro"); the empty cell is no word."""
    found = tuple(w.strip() for w in text.split(LIST_SEPARATOR)) if text else ()
    if "" in found:
        raise CellProblem(f"{text!r} has an empty word between two {LIST_SEPARATOR!r}: "
                          "remove the extra separator")
    for w in found:
        if w != w.lower():
            raise CellProblem(f"{w!r} has capital letters: write it in lower case ({w.lower()!r})")
    return found


# --- Files -------------------------------------------------------------------------------------

def problem(path: Path, message: str, *, line: int | None = None, column: str = "") -> LanguagePackError:
    """A ``LanguagePackError`` that says where: "<file>, row 12, column value: ..."."""
    where = str(path) + (f", row {line}" if line else "") + (f", column {column}" if column else "")
    return LanguagePackError(f"{where}: {message}", source=str(path), row=line, column=column)


def read_table(folder: Path, table: Table, extra_columns: tuple[Column, ...] = ()) -> list[Row]:
    """The rows of ``folder/table.file``, each checked (see the module's docstring).
    ``extra_columns``: columns this folder allows besides the table's own (a language's
    words in ``units.csv``, one column per pack)."""
    path = folder / table.file
    if not path.is_file():
        raise problem(path, f"the file is missing: every pack has {table.file} (copy it from "
                            "another pack; a header row alone is an empty table)")
    columns = {c.name: c for c in (*table.columns, *extra_columns)}
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [name.strip() for name in next(reader, [])]
        _check_header(path, header, table, columns)
        rows = [_read_row(path, reader.line_num, header, cells, columns)
                for cells in reader if any(cell.strip() for cell in cells)]
    _check_once(path, table, rows)
    return rows


def _check_header(path: Path, header: list[str], table: Table, columns: dict) -> None:
    known = [*columns, "comment"]
    for name in header:
        if name not in known:
            raise problem(path, f"the header names a column {name!r} that this file does not "
                                f"have: the columns are {', '.join(known)} (check the spelling)",
                          line=1, column=name)
    for column in table.columns:
        if column.name not in header:
            raise problem(path, f"the header has no column {column.name!r}: the first row must "
                                f"name the columns {', '.join(c.name for c in table.columns)}"
                                " (and comment, if you like)", line=1)
    if len(set(header)) != len(header):
        raise problem(path, "the header names a column twice: name each column once", line=1)


def _read_row(path: Path, line: int, header: list[str], cells: list[str], columns: dict) -> Row:
    if len(cells) > len(header):
        raise problem(path, f"the row has {len(cells)} cells but the header names {len(header)} "
                            "columns: a comma inside a word or a comment? Put that cell in "
                            'double quotes ("1,5 milioni")', line=line)
    values = {}
    for name, text in zip(header, [*cells, *[""] * (len(header) - len(cells))]):
        text = text.strip()
        column = columns.get(name)
        if column is None:  # the comment
            continue
        if not text:
            if column.required:
                raise problem(path, f"the {name} is empty: write it, or delete the row",
                              line=line, column=name)
            values[name] = ""
            continue
        try:
            values[name] = column.read(text)
        except CellProblem as err:
            raise problem(path, str(err), line=line, column=name) from None
    return Row(line, values)


def _check_once(path: Path, table: Table, rows: list[Row]) -> None:
    """No word twice in one table: the second row is an error, whether it repeats the first
    or gives the word another meaning."""
    first: dict = {}
    for row in rows:
        place = (row.values[table.key], row.values.get(table.table_of))
        if place not in first:
            first[place] = row
            continue
        earlier = first[place]
        word_ = row.values[table.key]
        if _meaning(earlier) == _meaning(row):
            message = (f"{word_!r} is listed twice (rows {earlier.line} and {row.line}): "
                       "delete one of the two rows")
        else:
            message = (f"{word_!r} has two meanings: row {earlier.line} says "
                       f"{_meaning(earlier)}, row {row.line} says {_meaning(row)}; a word "
                       "means one thing in a table: keep one of the two rows")
        raise problem(path, message, line=row.line, column=table.key)


def _meaning(row: Row) -> str:
    return ", ".join(f"{k}={v}" for k, v in row.values.items())
