"""Cells a checker may have typed: what a spreadsheet could run, whole numbers, times.

Spreadsheets: a cell that starts like a formula (``=HYPERLINK(...)`` in a scraped sentence, a
rationale or a source's title) is written with a leading apostrophe, the mark spreadsheets use
for "text, not a formula", and the reader takes exactly that apostrophe off again, so what a
checker typed or an article said reads back unchanged (see ``mark_cell``).
"""

from __future__ import annotations

import re
from datetime import datetime

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



# --- whole numbers typed by hand -------------------------------------------------------------------

MAX_DIGITS = 12
"""A character offset is at most 12 digits: a terabyte of text. More is a slip of the hand (and
Python refuses to read a number of over 4,300 digits at all)."""
_WHOLE_NUMBER = re.compile(r"[0-9]{1,%d}\Z" % MAX_DIGITS)


def is_whole_number(cell: str) -> bool:
    """True when ``cell`` is a whole number of 0 or more in ASCII digits, at most 12 of them
    (``str.isdigit`` would take "²" and "٣", which ``int`` then refuses)."""
    return bool(_WHOLE_NUMBER.match(cell))


# --- cells quoted and times typed by hand ----------------------------------------------------

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
