"""A past fact-check as the archive keeps it, and the checks a record must pass to be kept.

    >>> fc = fact_check({"url": "https://example.org/fc/1", "claim_reviewed": "  Kim sent  10,000 "
    ...                  "containers to the army. ", "rating": "False", "date_published": "2024-03-01T09:00Z"})
    >>> fc.claim_reviewed, fc.date_published, fc.language
    ('Kim sent 10,000 containers to the army.', '2024-03-01', 'en')

Text from an archive is untrusted: it is kept as data (never as markup), on one line, with
control characters removed; whoever shows it escapes it (``verify.evidence.factchecks.show`` does).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import NamedTuple

from ...errors import VerifyError
from ...reading.language import detect_language

MAX_CLAIM_CHARS = 2_000
"""A claim is a sentence or two; longer text is a page pasted by mistake."""
MAX_FIELD_CHARS = 500
"""Ratings, authors, claimants, languages and dates are short."""
MAX_URL_CHARS = 2_000


class FactCheckError(VerifyError):
    """A fact-check file or the archive could not be read or written: the message names the
    file (and the record, when it is about one) and what to do. Nothing already imported is
    lost."""


class RecordRefused(ValueError):
    """One record is invalid: the reason, in words. The import goes on with the next record."""


class Refusal(NamedTuple):
    """A record that was not imported, and why."""

    where: str
    """The file and the record ("feed.json, record 3"; "feed.csv, row 7")."""
    reason: str
    """What is wrong with it, in words."""


@dataclass(frozen=True)
class FactCheck:
    """One published fact-check of one claim (a schema.org ClaimReview, read)."""

    url: str
    """Where the fact-check is published (http or https), or a report's ``#claim-`` anchor."""
    claim_reviewed: str
    """The claim as the fact-checker wrote it (``claimReviewed``), on one line."""
    rating: str = ""
    """The verdict in words (``reviewRating.alternateName``: "False", "Pinocchio andante")."""
    rating_value: float | None = None
    """The numeric rating when given (``ratingValue``), with ``best_rating``/``worst_rating``."""
    best_rating: float | None = None
    worst_rating: float | None = None
    author: str = ""
    """Who published the fact-check (an organization or a person)."""
    date_published: str = ""
    """When the fact-check was published, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD), or empty."""
    claimant: str = ""
    """Who made the claim (``itemReviewed.author``), or empty."""
    claim_date: str = ""
    """When the claim was made (``itemReviewed.datePublished``), ISO 8601, or empty."""
    language: str = ""
    """The fact-check's language code ("it", "en"): given by the publisher, else detected."""

    def to_json(self) -> dict:
        return asdict(self)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_LANGUAGE_RE = re.compile(r"[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?$")
_ANCHOR_RE = re.compile(r"#claim-[\w.~-]+$")


def clean_text(value: str) -> str:
    """``value`` on one line: control and direction-override characters removed, runs of white
    space made one space. (A right-to-left override would make a shown claim read backwards.)"""
    return _SPACES_RE.sub(" ", _CONTROL_RE.sub(" ", value)).strip()


def _text(record: dict, name: str, *, most: int = MAX_FIELD_CHARS, required: bool = False) -> str:
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise RecordRefused(f"{name} is missing; every fact-check needs it")
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RecordRefused(f"{name} should be text, not {_type_name(value)}")
    text = clean_text(str(value))
    if required and not text:
        raise RecordRefused(f"{name} is empty; every fact-check needs it")
    if len(text) > most:
        raise RecordRefused(f"{name} is {len(text):,} characters long, more than the {most:,} "
                            "a fact-check field may have")
    return text


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value),
                                                                       type(value).__name__)


def _number(record: dict, name: str) -> float | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RecordRefused(f"{name} should be a number, not {_type_name(value)}")
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise RecordRefused(f"{name} {str(value)[:40]!r} is not a number") from None
    if not math.isfinite(number):
        raise RecordRefused(f"{name} {value!r} is not a finite number")
    return number


def _date(record: dict, name: str) -> str:
    text = _text(record, name)
    if not text:
        return ""
    m = _DATE_RE.match(text)
    if not m:
        raise RecordRefused(f"{name} {text[:40]!r} is not a date; write it as YYYY-MM-DD")
    year, month, day = m.groups()
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        raise RecordRefused(f"{name} {text[:40]!r} is not a calendar date")
    return "-".join(p for p in (year, month, day) if p)


def _url(record: dict) -> str:
    url = _text(record, "url", most=MAX_URL_CHARS, required=True)
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")) and " " not in url and len(url) > 8:
        return url
    if _ANCHOR_RE.match(url):  # ``verify export --format claimreview`` without --report-url
        return url
    raise RecordRefused(f"url {url[:80]!r} is not an http(s) address")


def _language(record: dict, claim: str) -> str:
    given = _text(record, "language")
    if not given:
        return detect_language(claim)
    if not _LANGUAGE_RE.match(given):
        raise RecordRefused(f"language {given[:40]!r} is not a language code (it, en, ...)")
    return given[:2].lower()


def fact_check(record: dict) -> FactCheck:
    """The ``FactCheck`` of a flat record (the CSV columns' names: url, claim_reviewed, rating,
    rating_value, best_rating, worst_rating, author, date_published, claimant, claim_date,
    language). Raises ``RecordRefused`` with the reason when a field is missing or wrong."""
    claim = _text(record, "claim_reviewed", most=MAX_CLAIM_CHARS, required=True)
    return FactCheck(
        url=_url(record), claim_reviewed=claim, rating=_text(record, "rating"),
        rating_value=_number(record, "rating_value"), best_rating=_number(record, "best_rating"),
        worst_rating=_number(record, "worst_rating"), author=_text(record, "author"),
        date_published=_date(record, "date_published"), claimant=_text(record, "claimant"),
        claim_date=_date(record, "claim_date"), language=_language(record, claim),
    )
