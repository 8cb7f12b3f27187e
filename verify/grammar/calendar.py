"""Calendar figures: dates, months alone, times, decades, relative years, and vague amounts.

Each reader yields ``Candidate``s for one pattern over the whole text; ``prefilter`` decides
which of them run (most sentences hold none of these).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .pattern_cache import compile_pattern
from .. import lang as _lang
from . import lexicon as L
from ..records.model import Mention, _make_mention
from .context import unit_after
from .tokens import SPACES_RE
from .types import Candidate, Priority


class ArticleDate(NamedTuple):
    """The article's date, as far as it is known: what "lo scorso marzo" is counted from."""

    year: int | None
    month: int | None = None
    day: int | None = None


@lru_cache(maxsize=256)  # asked for each sentence of an article, with the article's two fields
def article_date(year: int | None, published: str = "") -> ArticleDate:
    """The article's date from its ``published`` ISO date ("2024-06-10", "2024-06", "2024"),
    else its ``year``."""
    parts = [int(p) for p in published[:10].split("-") if p.isdigit()] if published else []
    if parts and 1000 <= parts[0] <= 2100:
        month = parts[1] if len(parts) > 1 and 1 <= parts[1] <= 12 else None
        day = parts[2] if month and len(parts) > 2 and 1 <= parts[2] <= 31 else None
        return ArticleDate(parts[0], month, day)
    return ArticleDate(year)


_I = re.IGNORECASE
_alt = L.alternation
_LEADING_DIGITS_RE = compile_pattern(r"\d+")
_MAY_CUE_RE = compile_pattern(r"(?:in|since|by|from|until|of|early|late|mid)\s+$", _I)

# Full dates, numeric dates, months.
# Month names written out ("maggio", "May"), not abbreviated: a month alone must be one of them.
MONTH_FULL_WORDS = [m for m in L.MONTHS
                     if len(m) > 4 or m in ("june", "july", "may", "march", "april")]
_MONTH_FULL = _alt(MONTH_FULL_WORDS)
_MONTH_FULL_SET = frozenset(MONTH_FULL_WORDS)
_MONTH_ANY = _alt(L.MONTHS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:°|º|st|nd|rd|th)?"
_YEAR = r"(?:1\d{3}|20\d{2}|2100)(?!\d)"
_DATE_RE = compile_pattern(
    r"(?<![\w])(?:"
    r"(?P<d1>%(day)s)\s+(?:(?:di|of)\s+)?(?P<m1>%(mfull)s|(?:%(many)s)\.?)(?![\w])(?:,?\s+(?:(?:del|of)\s+)?(?P<y1>%(year)s))?"
    r"|(?P<m2>%(mfull)s|(?:%(many)s)\.?)\s+(?P<d2>%(day)s)(?![\d])(?:,?\s+(?P<y2>%(year)s))?"
    r"|(?P<m3>%(mfull)s)\s+(?:(?:del|of)\s+)?(?P<y3>%(year)s)"
    r"|(?P<y4>%(year)s)-(?P<m4>0[1-9]|1[0-2])-(?P<d4>[0-2]\d|3[01])"
    r"|(?P<d5>[0-3]?\d)[/.](?P<m5>[01]?\d)[/.](?P<y5>%(year)s)"
    r")" % {"day": _DAY, "mfull": _MONTH_FULL, "many": _MONTH_ANY, "year": _YEAR}, _I)
_MONTH_ALONE_RE = compile_pattern(r"(?<![\w])(%s)(?![\w])" % _MONTH_FULL, _I)
# The same two, case-sensitive, for lower-cased text (``lexicon.lowered``); None if they cannot be.
_DATE_LOW_RE, _MONTH_ALONE_LOW_RE = L.lower_case_twin(_DATE_RE), L.lower_case_twin(_MONTH_ALONE_RE)
_TIME_RE = compile_pattern(
    r"(?<![\w.,:])(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<ap>[ap]\.m\.|[ap]m)(?![\w]))?"
    r"|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<mi2>[0-5]\d))?\s*(?P<ap2>[ap]\.m\.|[ap]m(?![\w])))"
    r"|(?:(?<=\balle\s)|(?<=\bdalle\s)|(?<=\bdelle\s))(?P<h3>[01]?\d|2[0-3])\.(?P<mi3>[0-5]\d)(?![\d])"
    # "alle ore 15", "dalle ore 9.30": the hour after "ore" is a time, minutes or not
    r"|(?<![\w])(?:alle|dalle|delle|verso\s+le|entro\s+le)\s+ore\s+(?P<h4>[01]?\d|2[0-3])"
    r"(?:[.:](?P<mi4>[0-5]\d))?(?![\d]|[.,]\d)"
    # "Alle 15 importantissimo successo": an hour alone, when no noun follows (see ``_hour_alone``)
    r"|(?<![\w])(?:alle|dalle|verso\s+le|entro\s+le|fino\s+alle)\s+(?P<h5>[01]?\d|2[0-3])(?![\d]|[.,:]\d)(?=\s+(?P<next>[^\W\d_]+)|\s*(?:[,.;:!?)]|$))", _I)
# After "alle 15", a feminine plural noun makes 15 a count ("alle 15 regioni", "alle 15 squadre",
# "alle 15 città"); a word that cannot be one (singular, a verb, an article) or the sentence's end
# makes it an hour ("Alle 15 importantissimo successo", "alle 15 la partita", "alle 15.").
_PLURAL_ENDINGS = ("e", "i", "à", "ù")
_NOT_NOUNS = frozenset(("e", "è", "ne", "le", "i", "gli", "ci", "si", "di", "dei", "del", "delle",
                        "degli", "in", "nei", "nelle", "con", "per", "tra", "fra", "che", "dopo",
                        "ai", "alle", "dai", "dalle", "sui", "sulle", "poi", "oggi", "ieri", "qui"))
_DECADE_RE = compile_pattern(
    r"(?<![\d]\s)(?<![\w])(?:"
    r"(?P<pre>anni|years)\s+['’‘]?(?P<yy>\d0)(?![\w])"
    r"|anni\s+(?P<yyyy>1\d{2}0|20\d0)(?![\w])"
    r"|anni\s+(?P<word>%s)(?![\w])"
    r"|(?P<full>1\d{2}0|20\d0)['’]?s(?![\w])"
    r"|['’‘](?P<short>\d0)['’]?s(?![\w])"
    r"|(?:the\s+)?(?P<eng>%s)(?![\w])"
    r")" % (_alt(k for k in L.DECADE_WORDS if not k.endswith("ies")),
            _alt(k for k in L.DECADE_WORDS if k.endswith("ies"))), _I)
_RELATIVE_RE = compile_pattern(r"(?<![\w])(%s)(?![\w])" % _alt(L.RELATIVE_YEARS), _I)
# Vague amounts: "migliaia di persone" (more than a thousand), "decine di migliaia" (more than
# ten thousand), "hundreds of millions of dollars"; approximate ones: "una decina di feriti"
# (about ten), "un centinaio" (about a hundred). The counted noun, currency, unit of time or
# measure after them is their unit ("decine di anni", "centinaia di chilometri").
_VAGUE_UNITS = [u for u, (_, k) in L.UNITS.items() if k in ("count", "money", "duration", "quantity")]
_VAGUE_RE = compile_pattern(
    r"(?<![\w])(?:(?P<vague>%s)(?![\w])(?:\s+(?:di|of)\s+(?P<times>%s)(?![\w]))?"
    r"|(?:(?:una|un)\s+)?(?P<approx>%s)(?![\w]))"
    r"(?:\s+(?:di|d['’]|of)\s*(?P<unit>%s)(?![\w]))?" % (
        _alt(L.VAGUE), _alt(L.VAGUE_SCALES), _alt(L.APPROXIMATE), _alt(_VAGUE_UNITS)), _I)
# The same over lower-cased text (``lexicon.lowered``): a third faster, lower-casing included.
_VAGUE_LOW_RE = L.lower_case_twin(_VAGUE_RE)


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
_AGENCY_PLACE_RE = compile_pattern(
    r"(?:\(\w+\)\s*[-–—]\s*)?[A-ZÀ-Ý][\w'’.]+(?:\s+[A-ZÀ-Ý][\w'’.]+){0,3},\s*$")
_AGENCY_DATE_END_RE = compile_pattern(r"\s*(?:\([^()]{1,20}\)\s*)?[-–—]\s")


# What every date written in digits alone holds ("2024-06-19", "19/06/2024", "19.06.2024"): the
# year and month of the fourth alternative of ``_DATE_RE``, or the month and year of the fifth.
_DIGITS_DATE_CUE_RE = compile_pattern(r"%(year)s-(?:0[1-9]|1[0-2])-|[/.][01]?\d[/.]%(year)s" % {"year": _YEAR})


def dates(text: str, low: str | None, places: list[int] | None, *, lang: str | None = None,
          when: ArticleDate = ArticleDate(None), month_named: bool = True, look=None):
    """Full dates: "19 giugno 2024", "June 19, 2024", "marzo del 2021", "2024-06-19", "19/06/2024";
    ranges of months and days ("marzo-luglio 2022", "dal 3 al 7 marzo") and seasons
    ("2020/2021"). A date without its year takes the one the text gives it (``_year_for``).

    ``month_named`` False says that no month's name or abbreviation is in the text as a whole
    word (``prefilter``'s "date" cue): then only dates in digits can be there, and the patterns
    that need a month's name are not tried (this reader also runs on "1-1" or "3/4", which only
    look like dates written in digits). ``look``, when given, is ``prefilter.scan``'s: its cue
    words' places and first digit's place narrow the ranges' searches."""
    from . import periods  # here: periods reads this module's month patterns

    if month_named:  # each range names a month: "marzo-luglio", "dal 3 al 7 marzo"
        yield from periods.date_ranges(text, low, lang, places, look)
    yield from periods.seasons(text)
    if not month_named and _DIGITS_DATE_CUE_RE.search(text) is None:
        return
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
        start, end = m.start(), m.end()
        if value.startswith("--"):
            year, start, end = _year_for(text, start, end, int(value[2:4]), when, int(value[5:7]))
            value = f"{year}{value[1:]}" if year else value
        yield Candidate(Priority.DATE, start, end, _mention(text, start, end, "date", value))


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


def months(text: str, low: str | None, places: list[int] | None, *, lang: str | None = None,
           when: ArticleDate = ArticleDate(None)):
    """Months alone, written out: "a maggio", "in May" (English month words need a capital); each
    with the year the text gives it (``_year_for``), when it gives one."""
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
        year, start, end = _year_for(text, m.start(), m.end(), month, when)
        value = f"{year}-{month:02d}" if year else f"--{month:02d}"
        yield Candidate(Priority.MONTH, start, end, _mention(text, start, end, "date", value))


def times(text: str):
    """Times of day: "10:30", "10.30 a.m.", "7pm", "alle 10.30", "delle 20.45", "alle ore 15",
    "Alle 15 la partita" (as "HH:MM")."""
    for m in _TIME_RE.finditer(text):
        if m.group("h5") and not _hour_alone(text, m.end("h5"), m.group("next")):
            continue
        h = m.group("h") or m.group("h2") or m.group("h3") or m.group("h4") or m.group("h5")
        mi = m.group("mi") or m.group("mi2") or m.group("mi3") or m.group("mi4") or "00"
        ap = (m.group("ap") or m.group("ap2") or "").lower()
        hour = int(h)
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        yield Candidate(Priority.TIME, m.start(), m.end(),
                        _mention(text, m.start(), m.end(), "time", f"{hour:02d}:{mi}"))


def _hour_alone(text: str, end: int, following: str | None) -> bool:
    """Whether "alle 15" followed by ``following`` (its next word or mark) is an hour: not
    before a plural noun nor a unit ("alle 15 regioni", "alle 15 tonnellate")."""
    if not following or not following[0].isalpha():
        return True
    word = following.lower()
    return (word in _NOT_NOUNS or not word.endswith(_PLURAL_ENDINGS)) and unit_after(text, end) is None


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


def vague_amounts(text: str, lang: str | None = None, low: str | None = None, cue_at: list[int] | None = None):
    """"migliaia di persone" (more than 1000), "una decina di feriti" (about 10). The unit after
    them is a word of ``lang`` or of a language its pack borrows units from (any when None).
    ``low`` is ``lexicon.lowered(text)`` when given with ``cue_at``, ``prefilter.scan``'s cue
    words' places."""
    units = L.UNITS if lang is None else L.UNITS_BY_LANGUAGE[lang]
    # Its words are read lower-cased below: the same from the lower-cased text.
    if cue_at is None:
        low = L.lowered(text) if _VAGUE_LOW_RE else None
    found = _VAGUE_RE.finditer(text) if low is None or not _VAGUE_LOW_RE else (
        _VAGUE_LOW_RE.finditer(low) if cue_at is None else _found(_VAGUE_LOW_RE, low, _vague_places(low, cue_at)))
    for m in found:
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


def _vague_places(low: str, cue_at: list[int]) -> list[int]:
    """Where a vague amount may start in ``low``: at a cue word (each of its words is one, whole,
    after a non-word character: the scan finds it) or at the "un" or "una" that may stand before
    it, after the blanks there (the pattern decides). Tried there only, not at every character
    (five times faster)."""
    places = set(cue_at)
    for at in cue_at:
        before = at
        while before and low[before - 1].isspace():
            before -= 1
        if before < at:
            places.update((before - 2, before - 3))
    return sorted(p for p in places if p >= 0)


# --- The year of a month written without one --------------------------------------------------------
# A month takes a year only when the text says which: the year after a list of months ("marzo e
# aprile 2023"), a year just before it that the sentence is about ("Nel 2023, a marzo"), or the
# article's date with a word that counts from it ("lo scorso marzo", "next January"). A year the
# month is compared with ("il livello più basso dal 2008") is none of these.
_LIST_YEAR_RE = compile_pattern(
    r"(?:\s*(?:,|\be\b|\bed\b|\band\b|\bo\b|\bor\b|&|/)\s*(?:%(mfull)s)(?![\w])){1,11}"
    r",?\s+(?:(?:del|of)\s+)?(%(year)s)" % {"mfull": _MONTH_FULL, "year": _YEAR}, _I)
_YEAR_BEFORE_RE = compile_pattern(
    r"(?<![\w])(?:nel|in|durante\s+il|during|nel\s+corso\s+del)\s+(%s)(?P<gap>[^.;:!?\d]{0,40})$" % _YEAR, _I)
_DIGIT_THEN_GAP_RE = compile_pattern(r"\d[^.;:!?\d]{0,40}$")


def _relative_month_words() -> dict[tuple[str, str], int]:
    """("before"|"after", word) -> offset, from the relative years: "lo scorso anno" gives
    ("before", "scorso"): -1, "l'anno prossimo" ("after", "prossimo"): +1."""
    found = {}
    for phrase, offset in L.RELATIVE_YEARS.items():
        words = phrase.replace("’", "'").split()
        year_at = next((i for i, w in enumerate(words) if w in ("anno", "year", "l'anno")), None)
        if year_at is None:
            continue
        if year_at + 1 < len(words):
            found[("after", words[year_at + 1])] = offset
        if year_at > 0 and words[year_at - 1] not in ("lo", "il", "the"):
            found[("before", words[year_at - 1])] = offset
    return found


_RELATIVE_MONTH = _relative_month_words()
_RELATIVE_BEFORE_RE = compile_pattern(r"(?<![\w])(%s)\s+$" % _alt(w for p, w in _RELATIVE_MONTH if p == "before"), _I)
_RELATIVE_AFTER_RE = compile_pattern(r"\s+(%s)(?![\w])" % _alt(w for p, w in _RELATIVE_MONTH if p == "after"), _I)


def _year_for(text: str, start: int, end: int, month: int, when: ArticleDate,
              day: int | None = None) -> tuple[str | None, int, int]:
    """(the year of the month at ``text[start:end]`` or None, the mention's start and end: with
    the word that counts from the article's date, "lo scorso marzo", "15 marzo scorso")."""
    listed = _LIST_YEAR_RE.match(text, end)
    if listed:
        return listed.group(1), start, end
    before = _RELATIVE_BEFORE_RE.search(text, max(0, start - 16), start)
    after = None if before else _RELATIVE_AFTER_RE.match(text, end)
    word = before or after
    if word:
        offset = _RELATIVE_MONTH[("before" if before else "after", word.group(1).lower())]
        year = _counted_year(when, month, day, offset)
        if year:
            return str(year), (before.start(1) if before else start), (after.end() if after else end)
    # (A year's last digit, then no digit nor stop up to the month: what the cue needs, found
    # first, jumping from digit to digit; the cue's own pattern is tried at each character.)
    cued = _YEAR_BEFORE_RE.search(text, max(0, start - 60), start) if _DIGIT_THEN_GAP_RE.search(
        text, max(0, start - 60), start) else None
    if cued:
        return cued.group(1), start, end
    weekday = _WEEKDAY_BEFORE_RE.search(text, max(0, start - 30), start) if day else None
    year = _weekday_year(when, month, day, _WEEKDAY_NUMBER[weekday.group(1).lower()]) if weekday else None
    return (str(year) if year else None), start, end


# "venerdì 7 ottobre", "Friday morning, Oct. 7": the weekday confirms the year of the article's
# date (or the one before or after, within half a year of it), and only that year; a weekday
# that fits no such year is left for the consistency check to point out.
_WEEKDAY_NUMBER = {w: n for code in _lang.available() for w, n in _lang.pack(code).weekdays.items()}
_WEEKDAY_BEFORE_RE = compile_pattern(
    r"(?<![\w])(%s)(?:\s+(?:morning|afternoon|evening|night|mattina|pomeriggio|sera|notte))?[,\s]+"
    r"(?:(?:il|the|on)\s+)?$" % _alt(_WEEKDAY_NUMBER), _I)


def _weekday_year(when: ArticleDate, month: int, day: int, weekday: int) -> int | None:
    """The year, near the article's date, in which ``day``/``month`` falls on ``weekday`` (1 is
    Monday), or None."""
    if when.year is None:
        return None
    if when.month is None:  # the article's year alone: only that year can be confirmed
        years, near = (when.year,), None
    else:
        years, near = (when.year, when.year - 1, when.year + 1), date(when.year, when.month, when.day or 1)
    for year in years:
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found.isoweekday() == weekday and (near is None or abs((found - near).days) <= 183):
            return year
    return None


def _counted_year(when: ArticleDate, month: int, day: int | None, offset: int) -> int | None:
    """The year of "lo scorso marzo" (offset -1), "marzo prossimo" (+1), "this March" (0),
    counted from the article's date: the last March before it, the next one after it."""
    if when.year is None or (offset and when.month is None):
        return None
    if offset == 0:
        return when.year
    here = (month, day or 0)
    now = (when.month, when.day or 0) if day else (when.month, 0)
    if offset < 0:
        return when.year if here < now else when.year - 1
    return when.year if here > now else when.year + 1
