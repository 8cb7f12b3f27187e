"""Errors a user can act on: each names the input (file, URL, row, column) and what to do.

One base class, so the command line can turn any of them into a one-line message without a
traceback, and notebooks can catch them all with ``except VerifyError``.
"""

from __future__ import annotations


class VerifyError(Exception):
    """Base class: ``str(err)`` is a complete sentence naming the input and the fix."""

    def __init__(self, message: str, *, source: str = ""):
        super().__init__(message)
        self.source = source
        """The file path or URL the error is about (empty when none)."""


class ArticleError(VerifyError):
    """An article could not be read: missing, empty, binary, too large, undecodable."""


class FetchError(VerifyError):
    """A URL could not be fetched: HTTP error status, timeout, not text, too large."""

    def __init__(self, message: str, *, source: str = "", status: int | None = None):
        super().__init__(message, source=source)
        self.status = status
        """The HTTP status when the server answered, else None."""


class WorksheetError(VerifyError):
    """A worksheet could not be read or saved: a hand edit broke it, a label is not on the
    scale, or another checker changed the same claim. The message names the file, the row (as
    a spreadsheet shows it: the header is row 1) and the column, and what to do."""

    def __init__(self, message: str, *, source: str = "", row: int | None = None,
                 column: str = ""):
        super().__init__(message, source=source)
        self.row = row
        """The spreadsheet row number the error is about (header = 1), else None."""
        self.column = column
        """The column the error is about, else empty."""


class SourceError(VerifyError):
    """A source could not be recorded or read back: a bad address or date given to the
    registry, a hand edit that broke ``registry.csv`` (the message names the file, the row as a
    spreadsheet shows it, and the column), an unknown source id, or a missing snapshot file.
    A failed *fetch* is not an error: the registry records it on the source."""

    def __init__(self, message: str, *, source: str = "", row: int | None = None,
                 column: str = ""):
        super().__init__(message, source=source)
        self.row = row
        """The spreadsheet row number the error is about (header = 1), else None."""
        self.column = column
        """The column the error is about, else empty."""


class LanguagePackError(VerifyError):
    """A language pack (``verify/lang/``) could not be read: a missing file, a wrong column, an
    empty word, a value that is not a number, a qualifier or dimension that does not exist, or
    one word with two meanings. The message names the file, the row (as a text editor or a
    spreadsheet numbers the lines: the header is row 1), the column and what to do."""

    def __init__(self, message: str, *, source: str = "", row: int | None = None,
                 column: str = ""):
        super().__init__(message, source=source)
        self.row = row
        """The line of the file the error is about (header = 1), else None."""
        self.column = column
        """The column the error is about, else empty."""


class UnknownLanguageError(VerifyError):
    """A language code with no pack in ``verify/lang/`` ("fr" when only it and en are there)."""

    def __init__(self, message: str, *, code: str = "", available: tuple[str, ...] = ()):
        super().__init__(message)
        self.code = code
        """The code asked for."""
        self.available = available
        """The codes there are packs for."""
