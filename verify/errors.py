"""Errors a user can act on: each names the input (file, URL, row, column) and what to do.

One base class, so the command line can turn any of them into a one-line message without a
traceback, and notebooks can catch them all with ``except VerifyError``.

A file a checker broke in several places raises one error, whose ``problems`` list each place
as a ``Problem`` (file, row, column, message) for code to read; the message shows the first ten.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple


class Problem(NamedTuple):
    """One thing wrong in a file a checker edited by hand, as code can read it: a broken cell,
    a missing column, a row that does not line up. ``VerifyError.problems`` lists them."""

    file: str
    """The file's path."""
    row: int | None
    """The row as a spreadsheet shows it (the header is row 1); None for the whole file."""
    column: str
    """The column, or empty when the problem is the whole row or file."""
    message: str
    """What is wrong and what to do, as the error's message words it after the row and column."""


class VerifyError(Exception):
    """Base class: ``str(err)`` is a complete sentence naming the input and the fix."""

    def __init__(self, message: str, *, source: str = "", row: int | None = None,
                 column: str = "", problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.source = source
        """The file path or URL the error is about (empty when none)."""
        self.row = row
        """The row the error is about, as a spreadsheet or text editor numbers it (the header
        is row 1), else None; with several problems, the first one's."""
        self.column = column
        """The column the error is about, else empty; with several problems, the first one's."""
        self.problems = tuple(problems)
        """Every problem of a file broken in several places, in file order, also those the
        message only counts ("... and 3 more"); empty when the error is about one thing."""


class ArticleError(VerifyError):
    """An article could not be read: missing, empty, binary, too large, undecodable."""


class FetchError(VerifyError):
    """A URL could not be fetched: HTTP error status, timeout, not text, too large."""

    def __init__(self, message: str, *, status: int | None = None, **where):
        super().__init__(message, **where)
        self.status = status
        """The HTTP status when the server answered, else None."""


class WorksheetError(VerifyError):
    """A worksheet could not be read or saved: a hand edit broke it, a label is not on the
    scale, or another checker changed the same claim. The message names the file, the row (as
    a spreadsheet shows it: the header is row 1) and the column, and what to do; ``problems``
    lists every broken cell of a hand-edited file."""


class SourceError(VerifyError):
    """A source could not be recorded or read back: a bad address or date given to the
    registry, a hand edit that broke ``registry.csv`` (the message names the file, the row as a
    spreadsheet shows it, and the column), an unknown source id, or a missing snapshot file.
    A failed *fetch* is not an error: the registry records it on the source."""


class LanguagePackError(VerifyError):
    """A language pack (``verify/lang/``) could not be read: a missing file, a wrong column, an
    empty word, a value that is not a number, a qualifier or dimension that does not exist, or
    one word with two meanings. The message names the file, the row (as a text editor or a
    spreadsheet numbers the lines: the header is row 1), the column and what to do."""


class UnknownLanguageError(VerifyError):
    """A language code with no pack in ``verify/lang/`` ("fr" when only it and en are there)."""

    def __init__(self, message: str, *, code: str = "", available: tuple[str, ...] = (),
                 **where):
        super().__init__(message, **where)
        self.code = code
        """The code asked for."""
        self.available = available
        """The codes there are packs for."""


class ScaleError(VerifyError):
    """A scale could not be read: unknown name, missing file, or a row that does not fit."""


class ExportError(VerifyError):
    """An export could not be written (its folder is missing) or its options do not fit."""


class SettingsError(VerifyError):
    """A setting that does not exist, or a value it does not allow (``verify.settings``)."""

    def __init__(self, message: str, *, setting: str = ""):
        super().__init__(message)
        self.setting = setting
        """The name of the setting the error is about."""
