"""Consistency checks: what a careful checker finds in the article itself, with no source.

    >>> from verify import load_article
    >>> text = ("Vertice a Roma\\nIl vertice si è aperto martedì 19 luglio 2000 a Roma, "
    ...         "con i ministri di dieci paesi.")
    >>> [(f.kind, f.detail["arithmetic"]) for f in check_article(load_article(text=text))]
    [('weekday_mismatch', '19 July 2000 = Wednesday, not Tuesday')]

``check_article`` runs four checks over the article's figure claims, in this order:

1. **weekdays**: a weekday written next to a date ("mercoledì 19 luglio 2000") is checked
   against the calendar; a match is an ``info`` finding (``weekday_checked``), a mismatch a
   warning (``weekday_mismatch``).
2. **dateline**: the page's dateline (or publication date) against the date of the events the
   article reports: the full date it states most often (``dateline_mismatch``).
3. **exact durations**: "esattamente 24 anni", "exactly 24 years" against the article's own full
   dates (``duration_mismatch``, or ``duration_checked`` when the dates bear it out).
4. **repeated quantities**: the same unit in two sentences about the same thing with two
   different values (``quantity_conflict``).

After evidence is linked, ``compare_with_passage`` compares a claim with the figures of its
passage: a changed hedge (``hedge_changed``) or a different figure (``figure_differs``).

Every finding carries its span in the article (``article.text[start:end] == finding.text``), a
message in words naming the figures, and the arithmetic in ``detail["arithmetic"]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from .. import lang
from ..reading.claims import span_in_sentence
from ..records.model import Article, Claim, Mention

FINDING_KINDS = (
    "weekday_mismatch", "weekday_checked", "dateline_mismatch", "duration_mismatch",
    "duration_checked", "quantity_conflict", "hedge_changed", "figure_differs",
)
SEVERITIES = ("warning", "info")
_BASE_KEYS = ("kind", "start", "end", "text", "message", "severity")


@dataclass(frozen=True)
class Finding:
    """One inconsistency (or one check that passed) found in an article."""

    kind: str
    """One of FINDING_KINDS."""
    start: int
    """Offset of the first character of the span the finding is about."""
    end: int
    """Offset just past the span."""
    text: str
    """``article.text[start:end]``: the words the finding is about."""
    message: str
    """What is wrong (or right), in English words that name the figures."""
    severity: str = "warning"
    """"warning" for an inconsistency, "info" for a check that passed."""
    detail: Mapping = field(default_factory=dict, hash=False)
    """Plain JSON values: ``arithmetic`` (the sum shown, "19 July 2000 → 19 June 2024 = 23
    years 11 months"), ``related`` (other spans: start, end, text, role) and kind-specific keys."""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r}: use one of {', '.join(SEVERITIES)}")
        clash = set(self.detail) & set(_BASE_KEYS)
        if clash:
            raise ValueError(f"detail keys {sorted(clash)} would hide the finding's own fields")
        object.__setattr__(self, "detail", MappingProxyType(dict(self.detail)))

    def to_json(self) -> dict:
        """The `verify check` object: kind, start, end, message, then the rest and the detail."""
        out = {k: getattr(self, k) for k in ("kind", "start", "end", "message", "severity", "text")}
        out.update(self.detail)
        return out


def check_article(article: Article, claims: Sequence[Claim] | None = None, *,
                  dateline_tolerance_days: int = 2) -> list[Finding]:
    """The consistency findings of ``article``, in article order.

    ``claims`` are the article's claims (``extract_claims(article)`` when not given: pass a
    worksheet's claims to check those). A dateline more than ``dateline_tolerance_days`` after
    the events' date, or any day before it, is flagged.
    """
    if claims is None:
        from ..reading.claims import extract_claims

        claims = extract_claims(article)
    figures = [c for c in claims if c.kind not in ("fact", "quote")]
    dates = _full_dates(article, figures)
    event = _event_date(dates)
    findings = (
        _weekday_findings(article, figures)
        + _dateline_findings(article, event, dateline_tolerance_days)
        + _duration_findings(article, figures, dates, event)
        + _quantity_conflicts(figures, article.text)
    )
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind))


# --- Dates ----------------------------------------------------------------------------------------

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


def _span(start: int, end: int, text: str, role: str) -> dict:
    return {"start": start, "end": end, "text": text, "role": role}


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
    from ..numbers import find_mentions

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


# --- 3. exact durations ---------------------------------------------------------------------------

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


# --- 4. the same quantity twice -------------------------------------------------------------------

_QUANTITY_KINDS = ("count", "quantity", "money", "percent", "duration")
CONFLICT_WINDOW = 64
"""How many earlier figures of its unit a figure is compared with (the most recent ones)."""
_STOPWORDS = frozenset((
    "della dello delle degli dell questo questa questi queste quello quella quelli quelle sono "
    "stato stata stati state essere hanno aveva avevano anche come dopo prima ogni loro nella "
    "nelle negli sulla sulle dalla dalle alla alle agli secondo circa oltre almeno più meno "
    "ancora però mentre quando dove perché tutto tutti tutte that this these those with from "
    "have been were their there which about more than least after before since into over "
    "they them also said says will would could should some only other such what when"
).split())
_CONTENT_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()–—]")


def _stems(text: str) -> list[str]:
    return [w.lower()[:5] for w in _CONTENT_WORD_RE.findall(text) if w.lower() not in _STOPWORDS]


def _context(claim: Claim, article_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the content words of the claim's sentence (the claim's own words left out),
    and of the words next to the figure in its clause: the nearest one on each side ("ricevuto",
    "munizioni"; not the "ha detto" after a comma). A long sentence is the claim's window of it."""
    at, end = span_in_sentence(claim, article_text)
    if at < 0:  # a hand-edited row: the claim's offset in its sentence, as it was
        at = max(claim.start - claim.sentence_start, 0)
        end = at + len(claim.text)
    before, after = claim.sentence[:at], claim.sentence[end:]
    near = (_stems(_CLAUSE_BREAK_RE.split(before)[-1])[-1:]
            + _stems(_CLAUSE_BREAK_RE.split(after)[0])[:1])
    return frozenset(_stems(before) + _stems(after)), frozenset(near)


def _quantity_conflicts(figures: Sequence[Claim], article_text: str) -> list[Finding]:
    quantities = [c for c in figures if c.kind in _QUANTITY_KINDS and c.unit
                  and _decimal(c.value) is not None]
    # The dates and years each sentence states: two figures of two different times are a
    # change over time, not a contradiction.
    times: dict[int, set[str]] = {}
    for c in figures:
        if c.kind in ("date", "year", "decade"):
            times.setdefault(c.sentence_start, set()).add(c.value)
    contexts = [_context(c, article_text) for c in quantities]
    findings = []
    # Each figure is compared with the last CONFLICT_WINDOW figures of its unit, oldest first: a
    # news article never gives that many of one unit before restating one, and a page of
    # thousands (a table, a pasted list) is checked in time linear in its length.
    earlier_of: dict[str, deque[int]] = {}
    for i, later in enumerate(quantities):
        window = earlier_of.setdefault(later.unit, deque(maxlen=CONFLICT_WINDOW))
        candidates = list(window)
        window.append(i)
        for j in candidates:
            earlier = quantities[j]
            if earlier.sentence_start == later.sentence_start or _same_figure(earlier, later):
                continue
            t1, t2 = times.get(earlier.sentence_start), times.get(later.sentence_start)
            if t1 and t2 and not t1 & t2:
                continue
            (words_i, next_i), (words_j, next_j) = contexts[i], contexts[j]
            shared = words_i & words_j
            # About the same thing: the sentences share words, and the words next to one figure
            # are in the other's sentence ("ricevuto"), unlike "morte 10 persone" and "ferite 30".
            if len(shared) < 2 or not (next_i & words_j or next_j & words_i):
                continue
            findings.append(_conflict(earlier, later, sorted(shared)))
            break  # one finding per figure: against the first that differs
    return findings


def _conflict(earlier: Claim, later: Claim, shared: list[str]) -> Finding:
    a, b = _decimal(earlier.value), _decimal(later.value)
    diff = abs(a - b)
    pct = f", {_fmt(diff / max(a, b) * 100, 0)}% of the larger" if max(a, b) > 0 else ""
    arithmetic = (f"{_say_figure(earlier)} vs {_say_figure(later)}: "
                  f"they differ by {_fmt(diff)} {_unit_words(later.unit, diff)}{pct}")
    compatible = _overlap(_interval(earlier), _interval(later))
    message = (f"The article gives {_quote(earlier)} and later {_quote(later)} for what reads as "
               f"the same thing"
               + (": the hedges let both hold, but the figures differ." if compatible
                  else ": both cannot be true."))
    return Finding("quantity_conflict", later.start, later.end, later.text, message,
                   "warning", {
                       "arithmetic": arithmetic, "unit": later.unit,
                       "values": [earlier.value, later.value], "compatible": compatible,
                       "shared_words": shared,
                       "related": [_span(earlier.start, earlier.end, earlier.text, "the other figure")],
                   })


# --- After evidence is linked: the claim against its passage --------------------------------------

def compare_with_passage(claim: Claim | Mention, passage_mentions: Iterable[Mention]) -> list[Finding]:
    """What differs between a claim and the figures of a linked passage.

    ``passage_mentions`` are ``find_mentions(passage_text)`` (their offsets index the passage;
    they are reported as ``passage_start`` / ``passage_end``). A passage figure with the claim's
    value but another hedge gives ``hedge_changed``; when no passage figure has the claim's
    value, the nearest one gives ``figure_differs``. No comparable figure: no finding.

    >>> from verify.numbers import find_mentions
    >>> [claim] = find_mentions("più di 10.000 container", "it")
    >>> [f.kind for f in compare_with_passage(claim, find_mentions("at least 10,000 containers", "en"))]
    ['hedge_changed']
    """
    comparable = [m for m in passage_mentions if m.checkable and _comparable(claim, m)]
    if not comparable:
        return []
    same = [m for m in comparable if _same_figure(claim, m)]
    if same:
        if any((m.qualifier or "exact") == (claim.qualifier or "exact") for m in same):
            return []
        source = same[0]
        return [Finding(
            "hedge_changed", claim.start, claim.end, claim.text,
            f"The article says {_quote(claim)}; the linked passage says {_quote(source)}: "
            f"the hedge changed from {_say_qualifier(source.qualifier)} to "
            f"{_say_qualifier(claim.qualifier)}.",
            "warning", {
                "arithmetic": f"passage: {_say_figure(source)} → article: {_say_figure(claim)}",
                "passage_qualifier": source.qualifier or "exact",
                "article_qualifier": claim.qualifier or "exact",
                **_passage_keys(source),
            })]
    source = min(comparable, key=lambda m: _distance(claim, m))
    numeric = _decimal(claim.value) is not None and _decimal(source.value) is not None
    # Two different dates never both hold; two hedged numbers may.
    compatible = numeric and _overlap(_interval(claim), _interval(source))
    detail = {"arithmetic": _difference(claim, source), "passage_value": source.value,
              "article_value": claim.value, "compatible": compatible, **_passage_keys(source)}
    return [Finding(
        "figure_differs", claim.start, claim.end, claim.text,
        f"The article gives {_quote(claim)}; the linked passage gives {_quote(source)}"
        + (", which the article's hedge still allows." if compatible else "."),
        "info" if compatible else "warning", detail)]


def _comparable(claim, m) -> bool:
    if claim.unit:
        return m.unit == claim.unit
    # No unit: only dates and years compare as they are; a bare count matches anything.
    return m.kind == claim.kind and claim.kind in ("date", "year", "decade", "time")


def _same_figure(a, b) -> bool:
    if a.kind in ("date", "year", "decade", "time") or b.kind in ("date", "year", "decade", "time"):
        return a.value == b.value and a.value_max == b.value_max
    return (_decimal(a.value) == _decimal(b.value)
            and _decimal(a.value_max or a.value) == _decimal(b.value_max or b.value))


def _distance(claim, m) -> float:
    a, b = _decimal(claim.value), _decimal(m.value)
    if a is None or b is None:
        return 0.0 if claim.value[:4] == m.value[:4] else 1.0
    return float(abs(a - b) / max(abs(a), abs(b), Decimal(1)))


def _difference(claim, source) -> str:
    """"passage: about 6,700 containers → article: more than 10,000 containers: +3,300 (+49%)"."""
    head = f"passage: {_say_figure(source)} → article: {_say_figure(claim)}"
    a, b = _decimal(claim.value), _decimal(source.value)
    if a is None or b is None:
        d1, d2 = _iso_date(claim.value), _iso_date(source.value)
        if d1 and d2:
            lo, hi = sorted((d1, d2))
            return f"{head}: {_say_gap(*_calendar_gap(lo, hi))} apart"
        return head
    diff = a - b
    sign = "+" if diff > 0 else "−"
    pct = f" ({sign}{_fmt(abs(diff) / abs(b) * 100, 0)}%)" if b else ""
    return f"{head}: {sign}{_fmt(abs(diff))}{pct}"


def _passage_keys(m: Mention) -> dict:
    return {"passage_text": m.text, "passage_start": m.start, "passage_end": m.end}


# --- Figures in words -----------------------------------------------------------------------------

_QUALIFIER_WORDS = {"exact": "", "more_than": "more than", "at_least": "at least",
                    "about": "about", "less_than": "less than", "at_most": "at most"}
_PLURALS = {"person": "people", "percent": "percent", "euro": "euros", "yen": "yen", "won": "won"}


def _decimal(value: str) -> Decimal | None:
    try:
        d = Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
    return d if d.is_finite() else None


def _fmt(d: Decimal, places: int | None = None) -> str:
    """10000 -> "10,000", 0.2 -> "0.2" (English grouping, no trailing zeros)."""
    if places is not None:
        # quantize needs every digit within the context's 28: leave huge values as they are
        d = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < Decimal("1e20") else d
    s = f"{d:,f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _unit_words(unit: str, n: Decimal | None) -> str:
    if not unit or n == 1:
        return unit
    return _PLURALS.get(unit, unit if unit.endswith("s") else unit + "s")


def _quote(f) -> str:
    """The figure as written, and in English when that reads differently:
    "'6.700 container' (6,700 containers)"."""
    english = _say_figure(f)
    return f"'{f.text}'" if english.lower() == f.text.lower() else f"'{f.text}' ({english})"


def _say_qualifier(qualifier: str) -> str:
    """"'more than'", or "none" for an unhedged figure."""
    words = _QUALIFIER_WORDS.get(qualifier or "exact", qualifier)
    return f"'{words}'" if words else "none"


def _say_figure(f) -> str:
    """A figure in English: "more than 10,000 containers", "between 20 and 30 missiles"."""
    n = _decimal(f.value)
    if n is None:
        d = _iso_date(f.value)
        return _say_date(d) if d else f.value
    unit = _unit_words(f.unit, n if not f.value_max else None)
    if f.value_max and _decimal(f.value_max) is not None:
        return f"between {_fmt(n)} and {_fmt(_decimal(f.value_max))} {unit}".strip()
    hedge = _QUALIFIER_WORDS.get(f.qualifier or "exact", "")
    return " ".join(p for p in (hedge, _fmt(n), unit) if p)


def _interval(f):
    """The values a hedged figure allows: (low, low included, high, high included); a None
    bound is unbounded."""
    n = _decimal(f.value)
    q = f.qualifier or "exact"
    if f.value_max and _decimal(f.value_max) is not None:
        return n, True, _decimal(f.value_max), True
    if q in ("more_than", "at_least"):
        return n, q == "at_least", None, False
    if q in ("less_than", "at_most"):
        return None, False, n, q == "at_most"
    if q == "about":  # "about 10,000": within a tenth either way
        return n * Decimal("0.9"), True, n * Decimal("1.1"), True
    return n, True, n, True


def _overlap(a, b) -> bool:
    """Whether two figures' intervals share a value: whether both can hold."""
    lows = [(x, inc) for x, inc in ((a[0], a[1]), (b[0], b[1])) if x is not None]
    highs = [(x, inc) for x, inc in ((a[2], a[3]), (b[2], b[3])) if x is not None]
    if not lows or not highs:
        return True
    lo = max(x for x, _ in lows)
    hi = min(x for x, _ in highs)
    lo_inc = all(inc for x, inc in lows if x == lo)
    hi_inc = all(inc for x, inc in highs if x == hi)
    return lo < hi or (lo == hi and lo_inc and hi_inc)


# --- per claim: what the workbench and the report show beside each claim ---------------------

def findings_by_claim(findings: Iterable[Finding], claims: Iterable[Claim]
                      ) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]], list[Finding]]:
    """Sort ``findings`` by the claim they are about.

    Returns ``(own, related, rest)``: ``own[claim_id]`` are the findings whose span overlaps the
    claim, ``related[claim_id]`` those that name the claim's span among their related spans (the
    "19 luglio 2000" a duration was measured from), and ``rest`` the findings about no claim (the
    article as a whole, e.g. its dateline).
    """
    index = _ClaimIndex(claims)
    own: dict[str, list[Finding]] = {}
    related: dict[str, list[Finding]] = {}
    rest: list[Finding] = []
    for finding in findings:
        mine = index.overlapping(finding.start, finding.end)
        for claim in mine:
            own.setdefault(claim.claim_id, []).append(finding)
        if not mine:
            rest.append(finding)
        named = {c.claim_id for a, b in _related_spans(finding) for c in index.overlapping(a, b)}
        for claim_id in sorted(named - {c.claim_id for c in mine}):
            related.setdefault(claim_id, []).append(finding)
    return own, related, rest


class _ClaimIndex:
    """Claims sorted by start, to find those overlapping a span without scanning them all
    (a 10,000-claim worksheet has thousands of findings)."""

    def __init__(self, claims: Iterable[Claim]):
        self.claims = sorted(claims, key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.claims]
        self.longest = max((c.end - c.start for c in self.claims), default=0)

    def overlapping(self, start: int, end: int) -> list[Claim]:
        """The claims with ``claim.start < end`` and ``start < claim.end``, in article order."""
        found = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.claims[i].start > start - self.longest - 1:
            if start < self.claims[i].end and self.claims[i].start < end:
                found.append(self.claims[i])
            i -= 1
        return found[::-1]


def passage_findings(claim: Claim, passage: str, *, year: int | None = None) -> list[Finding]:
    """What differs between ``claim`` and a linked passage's figures (none for facts and quotes).

    The passage is read in its own language: a source is often in another one than the article.
    """
    if claim.kind in ("fact", "quote") or not passage.strip():
        return []
    from ..reading.language import detect_language  # late: keeps this module's imports to the model
    from ..numbers import find_mentions

    return compare_with_passage(claim, find_mentions(passage, detect_language(passage), year=year))


def _related_spans(finding: Finding) -> list[tuple[int, int]]:
    """The other spans a finding names (``detail["related"]``)."""
    spans = []
    for related in finding.detail.get("related", ()) or ():
        if isinstance(related, dict) and isinstance(related.get("start"), int) \
                and isinstance(related.get("end"), int):
            spans.append((related["start"], related["end"]))
    return spans
