"""The languages the grammar reads: a code given by a caller, checked and normalised.

    >>> language_of("en-GB")
    'en'
    >>> language_of("fr")
    Traceback (most recent call last):
    ...
    verify.errors.UnknownLanguageError: no number grammar for language 'fr': ...

A code is read without its case and its region ("IT", "en-GB", "en_US"). One that names no
language pack (``verify.lang.available()``) with the grammar's tables is an
``UnknownLanguageError`` naming the code and the languages there are, never a silent fallback to
Italian.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import UnknownLanguageError
from .tokens import PHRASE_RE


def languages() -> tuple[str, ...]:
    """The codes the grammar reads: those with a language pack and the grammar's tables."""
    try:
        from ..lang import available
    except ImportError:  # no packs (an older layout): the grammar's own tables
        return tuple(sorted(PHRASE_RE))
    return tuple(code for code in available() if code in PHRASE_RE)


def language_of(code: object) -> str:
    """The grammar's code for ``code`` ("it", "en"); UnknownLanguageError when there is none."""
    if type(code) is str:
        found = _known(code)  # cached: find_mentions runs once per sentence
        if found:
            return found
    codes = languages()
    raise UnknownLanguageError(
        f"no number grammar for language {code!r}: the languages are {', '.join(codes)}. "
        "Give one of those codes (a region is ignored: 'en-GB' is 'en'), or leave the language "
        "out to have it detected", code=str(code), available=codes)


@lru_cache(maxsize=64)
def _known(code: str) -> str:
    """``code`` without its case and region, when it is one of ``languages()``; else ""."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in languages() else ""
