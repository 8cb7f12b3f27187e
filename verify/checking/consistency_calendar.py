"""The article's dates as the consistency checks read them: weekday and month names from every
language pack, a date said in English ("19 July 2000"), the full dates an article states, the
date of the events it reports (the full date it states most often), and a calendar's sums: the
years, months and days from one date to another."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from .. import lang
from ..records.model import Article, Claim

# Months and weekdays are defined in the language packs (verify/lang/*/months.csv, weekdays.csv):
# their English names say a date ("19 June 2024", "a Wednesday"), and every pack's spellings of a
# weekday are read (Monday = 0 here: "mercoledì", "mercoledi", "mercoledí", "Wednesday" are 2).
_ENGLISH = lang.pack("en")
_MONTH_NAMES = [next(w for w, n in _ENGLISH.month_names.items() if n == month).title()
                for month in range(1, 13)]
_DAY_NAMES = [next(w for w, n in _ENGLISH.weekdays.items() if n == day).title() for day in range(1, 8)]
WEEKDAY_NUMBERS = {w: n - 1 for code in lang.available() for w, n in lang.pack(code).weekdays.items()}
_WEEKDAY = "|".join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True))
_WEEKDAY_RE = re.compile(rf"(?<!\w)({_WEEKDAY})(?!\w)", re.IGNORECASE)
# A weekday just before a date ("mercoledì 19 luglio", "Wednesday, June 19", "Wednesday the 19th"),
# or just after one ("19 luglio 2000 (mercoledì)").
_WEEKDAY_BEFORE_RE = re.compile(rf"(?<!\w)({_WEEKDAY})[,\s]*(?:(?:il|lo|the)\s+)?$", re.IGNORECASE)
_WEEKDAY_AFTER_RE = re.compile(rf"^\s*[,(]\s*({_WEEKDAY})(?!\w)", re.IGNORECASE)


def weekday_of(word: str) -> int | None:
    """The weekday number (Monday = 0) of an Italian or English weekday name.

    >>> weekday_of("mercoledì"), weekday_of("Wednesday"), weekday_of("oggi")
    (2, 2, None)
    """
    return WEEKDAY_NUMBERS.get(word.lower())


def _say_date(d: date) -> str:
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:  # "2023-02-30" from a typo in the article
        return None


@dataclass(frozen=True)
class _Date:
    """A full date the article states, or a month and day read in the article's year."""

    when: date
    start: int
    end: int
    text: str
    sentence_start: int
    year_assumed: bool


def _full_dates(article: Article, figures: Iterable[Claim]) -> list[_Date]:
    found = []
    for c in figures:
        if c.kind != "date":
            continue
        when, assumed = _iso_date(c.value), False
        if when is None and article.year and re.fullmatch(r"--\d{2}-\d{2}", c.value):
            when, assumed = _iso_date(f"{article.year:04d}{c.value[1:]}"), True
        if when is not None:
            found.append(_Date(when, c.start, c.end, c.text, c.sentence_start, assumed))
    return found


@dataclass(frozen=True)
class _Event:
    """The date of the events the article reports: the full date it states most often."""

    when: date
    mentions: tuple[_Date, ...]

    def reason(self) -> str:
        quoted = ", ".join(f"'{m.text}'" for m in self.mentions)
        return (f"the events' date, {_say_date(self.when)} "
                f"(given {len(self.mentions)}× in the article: {quoted})")


def _event_date(dates: list[_Date]) -> _Event | None:
    stated = Counter(d.when for d in dates if not d.year_assumed)
    if not stated:
        return None
    # Most often stated; a tie goes to the latest date (the news, not the history).
    when = max(stated, key=lambda d: (stated[d], d))
    # A month and day in the article's year agrees with it too ("il 19 giugno").
    return _Event(when, tuple(d for d in dates if d.when == when))


def _calendar_gap(a: date, b: date) -> tuple[int, int, int]:
    """Whole years, months and days from ``a`` to ``b`` (``a <= b``), as a calendar counts."""
    months = (b.year - a.year) * 12 + b.month - a.month
    if b.day < a.day:
        months -= 1
    return months // 12, months % 12, (b - _add_months(a, months)).days


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


def _say_gap(years: int, months: int, days: int) -> str:
    parts = [f"{n} {unit}{'' if n == 1 else 's'}"
             for n, unit in ((years, "year"), (months, "month"), (days, "day")) if n]
    return " ".join(parts) or "0 days"
