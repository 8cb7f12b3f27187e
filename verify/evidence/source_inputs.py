"""Checking what a caller gives the registry before anything is fetched or written: every
argument is text, a lone surrogate (which UTF-8 cannot store) is replaced and said, an address
is a web address, a kind and a date are ones the registry knows; and the notes a source's
message carries about them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from ..errors import SourceError
from ..settings import current as _settings
from .source_record import KINDS, Source, _is_date, normalize_url

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_argument(name: str, value) -> str:
    """``value`` when it is a str, "" for None; SourceError naming the argument otherwise
    (``text=123``, ``url=b"..."``)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise SourceError(f"{name}={shown}: the {name} must be text (a str), not "
                          f"{type(value).__name__} — pass it as a string"
                          + (", decoded (e.g. .decode('utf-8'))" if isinstance(value, bytes)
                             else ""), column=name)
    return value


def _clean_text(name: str, value) -> tuple[str, int]:
    """``value`` checked to be text, with each lone surrogate (half of a broken emoji, from a
    bad copy-paste or a bad decoder: UTF-8 cannot store it) replaced by U+FFFD; and how many
    were replaced. A well-formed pair of surrogates becomes the character it encodes."""
    value = text_argument(name, value)
    if not _SURROGATE.search(value):
        return value, 0
    before = value.count("\ufffd")
    value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value, value.count("\ufffd") - before


def _metadata(**given) -> tuple[dict[str, str], int]:
    """The metadata arguments checked (types, kind, date) and cleaned of lone surrogates, and
    how many characters were replaced."""
    cleaned, replaced = {}, 0
    for name, value in given.items():
        cleaned[name], count = _clean_text(name, value)
        replaced += count
    _check_metadata(kind=cleaned["kind"], published=cleaned["published"])
    return cleaned, replaced


def _replaced_note(count: int) -> str:
    return (f"{count} broken character{'s' if count > 1 else ''} (lone surrogate"
            f"{'s' if count > 1 else ''}, from a bad copy) replaced by \ufffd" if count else "")


def _searched_note(text: str) -> str:
    most = _settings().passage_max_source_chars
    if len(text) <= most:
        return ""
    return (f"long text ({len(text):,} characters): only its first {most:,} "
            "characters are searched for evidence")


def _label(source: Source) -> str:
    return f"'{source.title}'" if source.title else (source.url or "the pasted text")


def _noted(source: Source, note: str) -> Source:
    if not note or note in source.message:
        return source
    return replace(source, message="; ".join(filter(None, (source.message, note))))


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if _SURROGATE.search(url):
        raise SourceError(f"{url.encode('utf-8', 'replace').decode()}: the url holds a broken "
                          "character (a lone surrogate) — copy the address again from the "
                          "browser's address bar", source=url, column="url")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise SourceError(f"{url or '(empty)'}: not a web address — give a URL that starts with "
                          "https:// or http://", source=url, column="url")
    normalize_url(url)  # a bad port raises here, before anything is fetched
    return url


def _check_metadata(*, kind: str, published: str) -> None:
    if kind and kind not in KINDS:
        raise SourceError(f"unknown kind '{kind}'; use one of {', '.join(KINDS)} (or leave it "
                          "empty)", column="kind")
    if published and not _is_date(published):
        raise SourceError(f"'{published}' is not a date; write it as 2024-06-19, 2024-06 or "
                          "2024 (ISO 8601), or leave it empty", column="published")


def _with_metadata(source: Source, **given: str) -> Source:
    """``source`` with the metadata the caller gave; what they left empty stays as it was."""
    return replace(source, **{name: value for name, value in given.items() if value})
