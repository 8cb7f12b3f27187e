"""Calendar figures: dates, months alone, times, decades, relative years, and vague amounts.

Each reader yields ``Candidate``s for one pattern over the whole text; ``prefilter`` decides
which of them run (most sentences hold none of these).
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..model import Mention, _make_mention
from .tokens import SPACES_RE
from .types import Candidate, Priority

_I = re.IGNORECASE
_alt = L.alternation
_LEADING_DIGITS_RE = re.compile(r"\d+")
_MAY_CUE_RE = re.compile(r"(?:in|since|by|from|until|of|early|late|mid)\s+$", _I)

# Full dates, numeric dates, months.
# Month names written out ("maggio", "May"), not abbreviated: a month alone must be one of them.
MONTH_FULL_WORDS = [m for m in L.MONTHS
                     if len(m) > 4 or m in ("june", "july", "may", "march", "april")]
_MONTH_FULL = _alt(MONTH_FULL_WORDS)
_MONTH_FULL_SET = frozenset(MONTH_FULL_WORDS)
_MONTH_ANY = _alt(L.MONTHS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:°|º|st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|2100)(?!\d)"
_DATE_RE = re.compile(
    r"(?<![\w])(?:"
    r"(?P<d1>%(day)s)\s+(?:(?:di|of)\s+)?(?P<m1>%(mfull)s|(?:%(many)s)\.?)(?![\w])(?:,?\s+(?P<y1>%(year)s))?"
    r"|(?P<m2>%(mfull)s|(?:%(many)s)\.?)\s+(?P<d2>%(day)s)(?![\d])(?:,?\s+(?P<y2>%(year)s))?"
    r"|(?P<m3>%(mfull)s)\s+(?:(?:del|of)\s+)?(?P<y3>%(year)s)"
    r"|(?P<y4>%(year)s)-(?P<m4>0[1-9]|1[0-2])-(?P<d4>[0-2]\d|3[01])"
    r"|(?P<d5>[0-3]?\d)[/.](?P<m5>[01]?\d)[/.](?P<y5>%(year)s)"
    r")" % {"day": _DAY, "mfull": _MONTH_FULL, "many": _MONTH_ANY, "year": _YEAR}, _I)
_MONTH_ALONE_RE = re.compile(r"(?<![\w])(%s)(?![\w])" % _MONTH_FULL, _I)
# The same two, case-sensitive, for lower-cased text (``lexicon.lowered``); None if they cannot be.
_DATE_LOW_RE, _MONTH_ALONE_LOW_RE = L.lower_case_twin(_DATE_RE), L.lower_case_twin(_MONTH_ALONE_RE)
_TIME_RE = re.compile(
    r"(?<![\w.,:])(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<ap>[ap]\.m\.|[ap]m)(?![\w]))?"
    r"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<mi2>[0-5]\d))?\s*(?P<ap2>[ap]\.m\.|[ap]m(?![\w])))"
    r"|(?<=\balle\s)(?P<h3>[01]?\d|2[0-3])\.(?P<mi3>[0-5]\d)(?![\d])", _I)
_DECADE_RE = re.compile(
    r"(?<![\d]\s)(?<![\w])(?:"
    r"(?P<pre>anni|years)\s+['’‘]?(?P<yy>\d0)(?![\w])"
    r"|anni\s+(?P<yyyy>1\d{2}0|20\d0)(?![\w])"
    r"|anni\s+(?P<word>%s)(?![\w])"
    r"|(?P<full>1\d{2}0|20\d0)['’]?s(?![\w])"
    r"|['’‘](?P<short>\d0)['’]?s(?![\w])"
    r"|(?:the\s+)?(?P<eng>%s)(?![\w])"
    r")" % (_alt(k for k in L.DECADE_WORDS if not k.endswith("ies")),
            _alt(k for k in L.DECADE_WORDS if k.endswith("ies"))), _I)
_RELATIVE_RE = re.compile(r"(?<![\w])(%s)(?![\w])" % _alt(L.RELATIVE_YEARS), _I)
# Vague amounts: "migliaia di persone" (more than a thousand), "decine di migliaia" (more than
# ten thousand), "hundreds of millions of dollars"; approximate ones: "una decina di feriti"
# (about ten), "un centinaio" (about a hundred). The counted noun, currency, unit of time or
# measure after them is their unit ("decine di anni", "centinaia di chilometri").
_VAGUE_UNITS = [u for u, (_, k) in L.UNITS.items() if k in ("count", "money", "duration", "quantity")]
_VAGUE_RE = re.compile(
    r"(?<![\w])(?:(?P<vague>%s)(?![\w])(?:\s+(?:di|of)\s+(?P<times>%s)(?![\w]))?"
    r"|(?:(?:una|un)\s+)?(?P<approx>%s)(?![\w]))"
    r"(?:\s+(?:di|d['’]|of)\s*(?P<unit>%s)(?![\w]))?" % (
        _alt(L.VAGUE), _alt(L.VAGUE_SCALES), _alt(L.APPROXIMATE), _alt(_VAGUE_UNITS)), _I)


def _mention(text, start, end, kind, value, **kw) -> Mention:
    """The mention ``text[start:end]``."""
    return _make_mention(text[start:end], start, end, kind, value, **kw)


def _found(pattern: re.Pattern, subject: str, places: list[int] | None):
    """What ``pattern.finditer(subject)`` finds, tried only at ``places`` (in order) when there
    are some. A date or a month alone starts at a run of digits or a month's name, after a
    non-word character: where ``prefilter.scan`` found a number's start or a cue word. Its
    pattern opens with that look-behind, which the regex engine cannot skip ahead on, so trying it at a handful of places is several times
    faster than letting ``finditer`` try it at every character."""
    if places is None:
        yield from pattern.finditer(subject)
        return
    end = 0
    for at in places:
        if at >= end:  # as finditer: the next match starts where the last one ended
            m = pattern.match(subject, at)
            if m:
                end = m.end()
                yield m


# A news agency's dateline opening a paragraph: "ROMA, 14 OTT - ", "(ANSA) - ROMA, 11 MAR - ",
# "Milano, 23 mag. (LaPresse) – ": the place before the date, a dash (or the agency) after.
_AGENCY_PLACE_RE = re.compile(
    r"(?:\(\w+\)\s*[-–—]\s*)?[A-ZÀ-Ý][\w'’.]+(?:\s+[A-ZÀ-Ý][\w'’.]+){0,3},\s*$")
_AGENCY_DATE_END_RE = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?[-–—]\s")


def dates(text: str, low: str | None, places: list[int] | None, *, lang: str | None = None):
    """Full dates: "19 giugno 2024", "June 19, 2024", "marzo del 2021", "2024-06-19", "19/06/2024"."""
    # Over the lower-cased text when there is one (``low``: the same matches, found faster); the
    # month's name is read from the text as written, where its capital matters ("March").
    pattern, subject = (_DATE_LOW_RE, low) if low is not None and _DATE_LOW_RE else (_DATE_RE, text)
    for m in _found(pattern, subject, places):
        value = _date_value(text, m, lang)
        if value is None:
            continue
        if _AGENCY_PLACE_RE.match(text, 0, m.start()) and _AGENCY_DATE_END_RE.match(text, m.end()):
            # "ROMA, 14 OTT - Un vasto incendio...": the agency's dateline, not a claim
            yield Candidate(Priority.DATE, m.start(), m.end(), _mention(
                text, m.start(), m.end(), "date", value, checkable=False,
                note="the news agency's dateline: " + text[:m.end()].strip()))
            continue
        yield Candidate(Priority.DATE, m.start(), m.end(), _mention(text, m.start(), m.end(), "date", value))


def _date_value(text: str, m: re.Match, lang: str | None = None) -> str | None:
    """The date ``m`` as "YYYY-MM-DD" ("-" for a missing year, no day when none is written), or
    None when it is no date after all ("il mar 3 volte", "31/13/2020")."""
    g = m.groupdict()
    day = g["d1"] or g["d2"] or g["d4"] or g["d5"]
    year = g["y1"] or g["y2"] or g["y3"] or g["y4"] or g["y5"]
    month = _month_of(text, m, g, lang)
    if not month or not 1 <= month <= 12:
        return None
    d = int(_LEADING_DIGITS_RE.match(day).group()) if day else None
    if d is not None and not 1 <= d <= 31:
        return None
    return (year or "-") + f"-{month:02d}" + (f"-{d:02d}" if d else "")


def _month_of(text: str, m: re.Match, g: dict, lang: str | None = None) -> int | None:
    """The month of the date ``m``: its name's (as written in ``text``) or its digits'. A name
    of ``lang`` or of a language its pack borrows months from ("10 set" is no date in English);
    any language's when ``lang`` is None."""
    which = next((k for k in ("m1", "m2", "m3") if g[k]), None)
    if not which:
        return int(g["m4"] or g["m5"])
    month_word = text[m.start(which):m.end(which)]
    key = month_word.lower().rstrip(".")
    if key in L.ENGLISH_MONTH_WORDS and not month_word[0].isupper():
        return None
    if (which == "m2" and key not in _MONTH_FULL_SET and not month_word.endswith(".")
            and not month_word[0].isupper()):
        return None  # "Jul 22", "Sept 16" as datelines write them; not "il mar 3 volte"
    return (L.MONTHS if lang is None else L.MONTHS_BY_LANGUAGE[lang]).get(key)


def months(text: str, low: str | None, places: list[int] | None, *, lang: str | None = None):
    """Months alone, written out: "a maggio", "in May" (English month words need a capital)."""
    # As in ``dates``: over ``low`` when there is one, the word as written, at ``places``.
    pattern, subject = ((_MONTH_ALONE_LOW_RE, low) if low is not None and _MONTH_ALONE_LOW_RE
                        else (_MONTH_ALONE_RE, text))
    for m in _found(pattern, subject, places):
        word = text[m.start(1):m.end(1)]
        if word.lower() in L.ENGLISH_MONTH_WORDS and not word[0].isupper():
            continue
        if word == "May" and not _MAY_CUE_RE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        month = (L.MONTHS if lang is None else L.MONTHS_BY_LANGUAGE[lang]).get(word.lower())
        if month is None:  # another language's month ("maggio" in English)
            continue
        value = f"--{month:02d}"
        yield Candidate(Priority.MONTH, m.start(), m.end(),
                        _mention(text, m.start(), m.end(), "date", value))


def times(text: str):
    """Times of day: "10:30", "10.30 a.m.", "7pm", "alle 10.30" (as "HH:MM")."""
    for m in _TIME_RE.finditer(text):
        h = m.group("h") or m.group("h2") or m.group("h3")
        mi = m.group("mi") or m.group("mi2") or m.group("mi3") or "00"
        ap = (m.group("ap") or m.group("ap2") or "").lower()
        hour = int(h)
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        yield Candidate(Priority.TIME, m.start(), m.end(),
                        _mention(text, m.start(), m.end(), "time", f"{hour:02d}:{mi}"))


def decades(text: str):
    """Decades: "anni '80", "anni ottanta", "the 1980s", "'80s", "the eighties" (as 1980)."""
    for m in _DECADE_RE.finditer(text):
        g = m.groupdict()
        if g["yy"] or g["short"]:
            yy = int(g["yy"] or g["short"])
            value = (2000 if yy < 20 else 1900) + yy
        elif g["yyyy"] or g["full"]:
            value = int(g["yyyy"] or g["full"])
        else:
            value = L.DECADE_WORDS[(g["word"] or g["eng"]).lower()]
        yield Candidate(Priority.TIME, m.start(), m.end(),
                        _mention(text, m.start(), m.end(), "decade", str(value)))


def relative_years(text: str, year: int):
    """"lo scorso anno", "last year": the year, counted from the article's ``year``."""
    for m in _RELATIVE_RE.finditer(text):
        words = m.group(1).lower()
        offset = L.RELATIVE_YEARS.get(words)
        if offset is None:  # written with more than one space between its words
            offset = L.RELATIVE_YEARS.get(SPACES_RE.sub(" ", words), 0)
        yield Candidate(Priority.TIME, m.start(), m.end(), _mention(
            text, m.start(), m.end(), "year", str(year + offset), note="relative to the article's year"))


def vague_amounts(text: str, lang: str | None = None):
    """"migliaia di persone" (more than 1000), "una decina di feriti" (about 10). The unit after
    them is a word of ``lang`` or of a language its pack borrows units from (any when None)."""
    units = L.UNITS if lang is None else L.UNITS_BY_LANGUAGE[lang]
    for m in _VAGUE_RE.finditer(text):
        vague, times_, approx, unit = m.group("vague", "times", "approx", "unit")
        end = m.end()
        if unit and unit.lower() not in units:  # another language's noun: the amount alone
            unit, end = None, max(m.end("vague"), m.end("times"), m.end("approx"))
        unit, kind = units[unit.lower()] if unit else ("", "count")
        if approx:
            value, qualifier = L.APPROXIMATE[approx.lower()], "about"
        else:
            value, qualifier = L.VAGUE[vague.lower()], "more_than"
            value *= L.VAGUE[times_.lower()] if times_ else 1
        yield Candidate(Priority.VAGUE, m.start(), end, _mention(
            text, m.start(), end, kind, str(value), unit=unit, qualifier=qualifier))
