"""Consistency checks 1 and 2, a date against the calendar: a weekday written next to a date
("mercoledì 19 luglio 2000") against the day that date falls on (``weekday_checked``,
``weekday_mismatch``), and the page's dateline or publication date against the date of the
events the article reports (``dateline_mismatch``)."""

from __future__ import annotations

import re
from typing import Sequence

from ..records.model import Article, Claim
from .consistency_calendar import (_DAY_NAMES, _WEEKDAY_AFTER_RE, _WEEKDAY_BEFORE_RE, _Event,
                                   _calendar_gap, _iso_date, _say_date, _say_gap, weekday_of)
from .consistency_finding import Finding, _span


# --- 1. weekdays ----------------------------------------------------------------------------------

def _weekday_findings(article: Article, figures: Sequence[Claim]) -> list[Finding]:
    text = article.text
    candidates = [(c.start, c.end, c.value, c.sentence_start, c.sentence_end) for c in figures
                  if c.kind == "date"]
    candidates += _dateline_dates(article)
    findings = []
    for start, end, value, lo, hi in candidates:
        when, year_note = _iso_date(value), ""
        if when is None and article.year and re.fullmatch(r"--\d{2}-\d{2}", value):
            when = _iso_date(f"{article.year:04d}{value[1:]}")
            year_note = f"year {article.year} taken from the article's date"
        if when is None:
            continue
        window = max(lo, start - 30)
        before = _WEEKDAY_BEFORE_RE.search(text[window:start])
        after = _WEEKDAY_AFTER_RE.match(text[end:min(hi, end + 20)])
        if before:
            span_start, span_end, word = window + before.start(1), end, before.group(1)
        elif after:
            span_start, span_end, word = start, end + after.end(1), after.group(1)
        else:
            continue
        said, actual = weekday_of(word), when.weekday()
        arithmetic = f"{_say_date(when)} = {_DAY_NAMES[actual]}"
        detail = {"date": when.isoformat(), "weekday_stated": _DAY_NAMES[said],
                  "weekday_actual": _DAY_NAMES[actual]}
        if year_note:
            detail["note"] = year_note
        surface = text[span_start:span_end]
        if said == actual:
            findings.append(Finding(
                "weekday_checked", span_start, span_end, surface,
                f"'{surface}': {_say_date(when)} is a {_DAY_NAMES[actual]}, as stated.",
                "info", {"arithmetic": arithmetic, **detail}))
        else:
            findings.append(Finding(
                "weekday_mismatch", span_start, span_end, surface,
                f"'{surface}' names a {_DAY_NAMES[said]}, but {_say_date(when)} is a "
                f"{_DAY_NAMES[actual]}.",
                "warning", {"arithmetic": f"{arithmetic}, not {_DAY_NAMES[said]}", **detail}))
    return findings


def _dateline_dates(article: Article) -> list[tuple[int, int, str, int, int]]:
    """The dateline's dates, as (start, end, ISO value, block start, block end)."""
    from ..grammar import find_mentions

    out = []
    for block in article.blocks:
        if block.kind != "dateline":
            continue
        for m in find_mentions(article.text[block.start:block.end], article.lang):
            if m.kind == "date":
                out.append((block.start + m.start, block.start + m.end, m.value, block.start, block.end))
    return out


# --- 2. the dateline ------------------------------------------------------------------------------

_TODAY_RE = re.compile(r"(?<!\w)(oggi|odiern[oa]|today)(?!\w)", re.IGNORECASE)


def _dateline_findings(article: Article, event: _Event | None, tolerance: int) -> list[Finding]:
    if event is None:
        return []
    published = _iso_date(article.published[:10])
    if published is None:
        return _dateline_year_findings(article, event)
    gap = (published - event.when).days
    if 0 <= gap <= tolerance:
        return []
    dateline = next((b for b in article.blocks if b.kind == "dateline"), None)
    if dateline is not None:
        start, end = dateline.start, dateline.end
        what = f"The dateline '{article.text[start:end]}' ({_say_date(published)})"
    else:  # the date came from the page's metadata: point at the events' date instead
        first = event.mentions[0]
        start, end = first.start, first.end
        what = f"The publication date {_say_date(published)}"
    earlier, later = sorted((published, event.when))
    arithmetic = f"{_say_date(earlier)} → {_say_date(later)} = {_say_gap(*_calendar_gap(earlier, later))}"
    if abs(gap) > 31:
        arithmetic += f" ({abs(gap)} days)"
    today = [_span(m.start(), m.end(), m.group(), "'today' in the text")
             for m in _TODAY_RE.finditer(article.text) if _in_claim_block(article, m.start())]
    if gap > 0:
        message = f"{what} is {gap} days after {event.reason()}: likely a republisher's date"
        message += (f"; the text's 'today' ({len(today)}×) is the events' day, not the dateline's."
                    if today else ".")
    else:
        message = f"{what} is {-gap} days before {event.reason()}."
    related = [_span(m.start, m.end, m.text, "events' date") for m in event.mentions] + today
    return [Finding("dateline_mismatch", start, end, article.text[start:end], message, "warning", {
        "arithmetic": arithmetic, "published": published.isoformat(),
        "events_date": event.when.isoformat(), "days_apart": gap, "related": related})]


def _dateline_year_findings(article: Article, event: _Event) -> list[Finding]:
    """A dateline that gives only a year: flagged when the events are of another year."""
    if article.year is None or article.year == event.when.year:
        return []
    dateline = next((b for b in article.blocks if b.kind == "dateline"), None)
    first = event.mentions[0]
    start, end = (dateline.start, dateline.end) if dateline else (first.start, first.end)
    return [Finding(
        "dateline_mismatch", start, end, article.text[start:end],
        f"The article is dated {article.year}, but it reports events of {event.when.year}: "
        f"{event.reason()}.", "warning", {
            "arithmetic": f"{article.year} ≠ {event.when.year}", "published": article.published,
            "events_date": event.when.isoformat(),
            "related": [_span(m.start, m.end, m.text, "events' date") for m in event.mentions]})]


def _in_claim_block(article: Article, offset: int) -> bool:
    return any(b.start <= offset < b.end and b.kind in ("headline", "body", "caption")
               for b in article.blocks)
