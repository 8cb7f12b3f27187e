"""Consistency check 3, exact durations: "esattamente 24 anni", "exactly 24 years" against the
article's own full dates (``duration_mismatch``, or ``duration_checked`` when the dates bear it
out), in time linear in the article."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from typing import Sequence

from ..records.model import Article, Claim
from .consistency_calendar import (_DAY_NAMES, _WEEKDAY_RE, _Date, _Event, _add_months,
                                   _calendar_gap, _iso_date, _say_date, _say_gap, weekday_of)
from .consistency_figures import _decimal
from .consistency_finding import Finding, _span

_EXACT_BEFORE_RE = re.compile(r"(?<!\w)(esattamente|precisamente|exactly|precisely)\s+$", re.IGNORECASE)
_EXACT_AFTER_RE = re.compile(r"^\s+(esatt[ieoa]|precis[ieoa]|exactly|to the day)(?!\w)", re.IGNORECASE)
# A duration's unit in months (years, months) or days (weeks, days).
_MONTHS_PER = {"year": 12, "decade": 120, "month": 1}
_DAYS_PER = {"week": 7, "day": 1}


def _duration_findings(article: Article, figures: Sequence[Claim], dates: list[_Date],
                       event: _Event | None) -> list[Finding]:
    findings = []
    calendar = _Calendar(dates)
    for c in figures:
        if c.kind != "duration" or c.unit not in {**_MONTHS_PER, **_DAYS_PER}:
            continue
        n = _decimal(c.value)
        if n is None or n != n.to_integral_value() or n <= 0:
            continue
        lo = max(c.sentence_start, c.start - 20)
        cue_before = _EXACT_BEFORE_RE.search(article.text[lo:c.start])
        cue_after = _EXACT_AFTER_RE.match(article.text[c.end:c.end + 20])
        if not (cue_before or cue_after):
            continue
        start = lo + cue_before.start(1) if cue_before else c.start
        end = c.end + cue_after.end(1) if cue_after else c.end
        try:
            pair = _dates_for(article, c, int(n), calendar, event)
            if pair is not None:
                findings.append(_duration_finding(article, c, int(n), start, end, *pair))
        except (OverflowError, ValueError):  # a date at the calendar's edge (year 1 or 9999)
            continue
    return findings


class _Calendar:
    """The article's dates, for finding the one a duration away from another in time linear in
    the article (a page of thousands of dates and "exactly N years" is read as fast as news):
    each distinct day once (its first mention: the one an equal gap prefers), in time order for
    a binary search, and the dates of each sentence."""

    def __init__(self, dates: list[_Date]):
        first: dict[date, _Date] = {}
        # each sentence's dates, a day once (a day repeated as an anchor gives the same answer)
        per_sentence: dict[int, dict[date, _Date]] = {}
        for d in dates:
            first.setdefault(d.when, d)
            per_sentence.setdefault(d.sentence_start, {}).setdefault(d.when, d)
        self.of_sentence = {at: list(days.values()) for at, days in per_sentence.items()}
        self.order = {when: i for i, when in enumerate(first)}  # first mention order
        self.days = sorted(first)
        self.first = first

    def between(self, lo: date, hi: date) -> list[_Date]:
        """The distinct dates from ``lo`` to ``hi``, in the order the article first gives them."""
        found = self.days[bisect_left(self.days, lo):bisect_left(self.days, hi + timedelta(days=1))]
        return [self.first[when] for when in sorted(found, key=self.order.__getitem__)]


def _anchors(article: Article, claim: Claim, calendar: _Calendar, event: _Event | None):
    """The dates the claim's sentence is about, best first, each with how it was read."""
    for d in calendar.of_sentence.get(claim.sentence_start, ()):
        yield d.when, _span(d.start, d.end, d.text, "the sentence's date")
    sentence = article.text[claim.sentence_start:claim.sentence_end]
    if event is not None:
        for m in _WEEKDAY_RE.finditer(sentence):
            day = weekday_of(m.group(1))
            # The weekday of the events' week nearest the events' date.
            when = min((event.when + timedelta(days=k) for k in range(-3, 4)
                        if (event.when + timedelta(days=k)).weekday() == day))
            role = f"'{m.group(1)}' read as {_say_date(when)}, a {_DAY_NAMES[day]}: {event.reason()}"
            start = claim.sentence_start + m.start(1)
            yield when, _span(start, start + len(m.group(1)), m.group(1), role)
        first = event.mentions[0]
        yield event.when, _span(first.start, first.end, first.text, event.reason())
    published = _iso_date(article.published[:10])
    if published is not None:
        dateline = next((b for b in article.blocks if b.kind == "dateline"), None)
        where = (dateline.start, dateline.end) if dateline else (0, 0)
        yield published, _span(*where, article.text[where[0]:where[1]],
                               f"the article's date, {_say_date(published)}")


def _dates_for(article, claim, n, calendar: _Calendar, event):
    """The two dates a duration of ``n`` units spans: the sentence's date and the article's date
    nearest ``n`` units away from it (within one unit), or None when there are none."""
    unit = claim.unit
    for anchor, anchor_span in _anchors(article, claim, calendar, event):
        best = None
        for other in _near(calendar, anchor, n, unit):
            if other.when == anchor:
                continue
            a, b = sorted((anchor, other.when))
            if unit in _MONTHS_PER:
                y, m, d = _calendar_gap(a, b)
                off = abs((y * 12 + m + d / 31) - n * _MONTHS_PER[unit]) / _MONTHS_PER[unit]
            else:
                off = abs((b - a).days - n * _DAYS_PER[unit]) / _DAYS_PER[unit]
            if off < 1 and (best is None or off < best[0]):
                best = (off, other)
        if best is not None:
            other = best[1]
            return anchor, anchor_span, other
    return None


def _near(calendar: _Calendar, anchor: date, n: int, unit: str) -> list[_Date]:
    """The dates that may lie ``n`` units (within one) before or after ``anchor``: a window a
    little wider than that, on both sides; ``_dates_for`` measures each exactly."""
    if unit in _MONTHS_PER:
        months = _MONTHS_PER[unit]
        reach = [_add_months(anchor, sign * k * months) for sign in (-1, 1) for k in (n - 1, n + 1)]
        spans = [(min(reach[0], reach[1]), max(reach[0], reach[1])),
                 (min(reach[2], reach[3]), max(reach[2], reach[3]))]
        slack = timedelta(days=31)
    else:
        days = _DAYS_PER[unit]
        spans = [(anchor - timedelta(days=(n + 1) * days), anchor - timedelta(days=(n - 1) * days)),
                 (anchor + timedelta(days=(n - 1) * days), anchor + timedelta(days=(n + 1) * days))]
        slack = timedelta(days=1)
    found = []
    for lo, hi in spans:
        found += calendar.between(max(lo - slack, date.min), min(hi + slack, date.max))
    return sorted({d.when: d for d in found}.values(), key=lambda d: calendar.order[d.when])


def _duration_finding(article, claim, n, start, end, anchor, anchor_span, other) -> Finding:
    a, b = sorted((anchor, other.when))
    y, m, d = _calendar_gap(a, b)
    unit = claim.unit
    if unit in _MONTHS_PER:
        exact = d == 0 and y * 12 + m == n * _MONTHS_PER[unit]
        actual = _say_gap(y, m, d)
    else:
        exact = (b - a).days == n * _DAYS_PER[unit]
        actual = _say_gap(0, 0, (b - a).days)
    said = f"{n} {unit}{'' if n == 1 else 's'}"
    arithmetic = f"{_say_date(a)} → {_say_date(b)} = {actual}"
    if not exact:
        arithmetic += f" ({_shortfall(a, b, n, unit)} {said})"
    surface = article.text[start:end]
    related = [_span(other.start, other.end, other.text, "the other date"), anchor_span]
    detail = {"arithmetic": arithmetic, "claimed": said, "actual": actual, "from": a.isoformat(),
              "to": b.isoformat(), "related": related}
    if exact:
        return Finding("duration_checked", start, end, surface,
                       f"'{surface}' holds by the article's own dates: {arithmetic}.", "info", detail)
    return Finding("duration_mismatch", start, end, surface,
                   f"'{surface}' does not hold by the article's own dates: {arithmetic}.",
                   "warning", detail)


def _shortfall(a: date, b: date, n: int, unit: str) -> str:
    """How far ``b`` is from ``n`` units after ``a``: "1 month short of", "3 days over"."""
    if unit in _MONTHS_PER:
        target = _add_months(a, n * _MONTHS_PER[unit])
    else:
        target = a + timedelta(days=n * _DAYS_PER[unit])
    lo, hi = sorted((b, target))
    return f"{_say_gap(*_calendar_gap(lo, hi))} {'short of' if b < target else 'over'}"
